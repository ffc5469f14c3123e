"""The coach's tunables: typed defaults (DESIGN.md §6) overridden by rows of the Settings table.

A Settings row is `Key` = "section.name" (e.g. "scoring.hot_min") and `Value` = text; a value that does not
parse keeps the default and is reported, so a typo in Airtable never stops the system.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ValidationError

from automation.settings.associates import AssociateSettings
from automation.settings.billing import BillingSettings
from automation.settings.general import GeneralSettings
from automation.settings.health import HealthSettings
from automation.settings.leads import NurtureSettings, PipelineSettings, ScoringSettings
from automation.settings.messages import MessageSettings
from automation.settings.notes import NotesSettings
from automation.settings.reports import ReportSettings
from automation.settings.schedule import ScheduleSettings


class BusinessSettings(BaseModel):
    """All sections; each section is owned by its capability module."""

    general: GeneralSettings = GeneralSettings()
    scoring: ScoringSettings = ScoringSettings()
    nurture: NurtureSettings = NurtureSettings()
    pipeline: PipelineSettings = PipelineSettings()
    messages: MessageSettings = MessageSettings()
    health: HealthSettings = HealthSettings()
    associates: AssociateSettings = AssociateSettings()
    schedule: ScheduleSettings = ScheduleSettings()
    notes: NotesSettings = NotesSettings()
    billing: BillingSettings = BillingSettings()
    reports: ReportSettings = ReportSettings()

    def rows(self) -> list[dict[str, str]]:
        """Every setting as a Settings row (key, value as text, description, category) for seeding."""
        out = []
        for section_name in type(self).model_fields:
            section = getattr(self, section_name)
            for name, field in type(section).model_fields.items():
                out.append(
                    {
                        "key": f"{section_name}.{name}",
                        "value": _to_text(getattr(section, name)),
                        "description": field.description or "",
                        "category": _CATEGORY.get(section_name, "General"),
                    }
                )
        return out


_CATEGORY = {
    "general": "General",
    "scoring": "Scoring",
    "nurture": "Nurture",
    "pipeline": "Pipeline",
    "messages": "Messages",
    "schedule": "Sessions",
    "notes": "Sessions",
    "health": "Health",
    "associates": "Associates",
    "billing": "Billing",
    "ai": "AI",
    "reports": "Reports",
}


def _to_text(value: Any) -> str:
    if value is None:  # an optional setting left unset: an empty Value (the default), not "null"
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return str(value)  # exact: "0.20", not a float
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"))
    return json.dumps(value, default=str)  # Decimals inside lists/objects as text


def _from_text(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, TypeError):
        return text


def setting_key(typed: str) -> str:
    """The setting a Key names, as a person types it: case, stray spaces and spaces for underscores do not
    count (" Billing.Tax Rate" is billing.tax_rate): Airtable's cell shows none of them."""
    parts = [re.sub(r"[\s-]+", "_", part.strip()) for part in typed.strip().lower().split(".")]
    return ".".join(parts)


def blank_settings(rows: Iterable[tuple[str, str | None]]) -> list[str]:
    """Settings rows whose Value was left empty where the setting has a default of its own: the default
    applies, which an empty cell does not show (a blank tax rate is read as 20 %, not as no tax), so the
    coach is told what is used. Optional settings (default empty) are blank by design and not listed."""
    sections = BusinessSettings.model_fields
    defaults = BusinessSettings()
    out: list[str] = []
    for key, raw in rows:
        if not key or (raw is not None and str(raw).strip() != ""):
            continue
        section, _, name = setting_key(key).partition(".")
        if section not in sections or name not in type(getattr(defaults, section)).model_fields:
            continue
        shown = _to_text(getattr(getattr(defaults, section), name))
        if shown.strip() not in ("", "[]", "{}"):
            out.append(
                f"setting {section}.{name} is blank, so the default {shown} is used: type the value you mean"
            )
    return out


def known_keys() -> list[str]:
    """Every setting's key, "section.name"."""
    return [
        f"{section}.{name}"
        for section, info in BusinessSettings.model_fields.items()
        for name in info.annotation.model_fields  # type: ignore[union-attr]
    ]


def _unknown(typed: str) -> str:
    """A Key that names no setting is ignored, which the coach cannot see in Airtable: say so with the
    setting she most likely meant (the same name under another section, else the nearest spelling)."""
    key = setting_key(typed)
    known = known_keys()
    name = key.rpartition(".")[2]
    guess = [k for k in known if k.rpartition(".")[2] == name] if name else []
    guess = guess or difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f": did you mean {' or '.join(guess[:2])}?" if guess else ": no setting has a name like it"
    return f"unknown setting {typed.strip()!r} ignored (its value is not used){hint}"


def load_settings(rows: Iterable[tuple[str, str | None]]) -> tuple[BusinessSettings, list[str]]:
    """Build settings from (key, value) rows; returns the settings and a list of problems (never raises)."""
    problems: list[str] = []
    overrides: dict[str, dict[str, Any]] = {}
    typed_as: dict[tuple[str, str], tuple[str, str]] = {}  # setting -> (key as typed, value) of its last row
    sections = BusinessSettings.model_fields
    for key, raw in rows:
        if not key or raw is None or str(raw).strip() == "":
            continue
        section, _, name = setting_key(key).partition(".")
        if section not in sections or not name:
            problems.append(_unknown(key))
            continue
        value = str(raw).strip()
        earlier = typed_as.get((section, name))
        if earlier is not None and earlier[1] != value:  # which row is meant is the coach's call: say so
            problems.append(
                f"setting {section}.{name} is in two rows ({earlier[0]!r} = {earlier[1]!r}, {key!r} = "
                f"{value!r}): the later one, {value!r}, is used; delete the other row"
            )
        typed_as[(section, name)] = (key, value)
        overrides.setdefault(section, {})[name] = _from_text(value)
    values: dict[str, Any] = {}
    for section, fields in overrides.items():
        model = sections[section].annotation
        assert isinstance(model, type) and issubclass(model, BaseModel)
        base = model().model_dump()
        for name in [n for n in fields if n not in model.model_fields]:
            problems.append(_unknown(typed_as[(section, name)][0]))
            del fields[name]
        refused = _apply(model, base, fields)
        for name, msg in refused.items():
            default = _to_text(base[name]) if name in base else "?"
            problems.append(
                f"setting {section}.{name}={fields[name]!r} is invalid ({msg}); default kept: {default}"
            )
        values[section] = model.model_validate(base)
    return BusinessSettings(**values), problems


def _apply(model: type[BaseModel], base: dict[str, Any], fields: dict[str, Any]) -> dict[str, str]:
    """Take into `base` every value that validates; return the refused ones with why.

    Rows that only hold together (hot_min 50 with warm_min 40, against a default warm_min of 60) are taken
    whatever their order: all at once first, else one by one until none more fits."""
    try:
        model.model_validate({**base, **fields})
    except ValidationError:
        pass
    else:
        base.update(fields)
        return {}
    pending, why, progress = dict(fields), {}, True
    while pending and progress:
        progress = False
        for name, value in list(pending.items()):
            try:
                model.model_validate({**base, name: value})
            except ValidationError as exc:
                why[name] = exc.errors()[0]["msg"]
                continue
            base[name] = pending.pop(name)
            progress = True
    return {name: why[name] for name in pending}


def settings_from_mapping(mapping: Mapping[str, str]) -> BusinessSettings:
    """Convenience for tests: settings from {"section.name": "value"}; raises on problems."""
    settings, problems = load_settings(mapping.items())
    if problems:
        raise ValueError("; ".join(problems))
    return settings
