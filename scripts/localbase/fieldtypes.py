"""Field types and their options as the Meta API writes and reads them (reference §2.7, §2.8)."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from scripts.localbase import errors
from scripts.localbase.ids import is_id, new_id

TEXT_TYPES = {"singleLineText", "multilineText", "richText", "email", "url", "phoneNumber"}
NUMBER_TYPES = {"number", "currency", "percent", "duration", "rating"}
SELECT_TYPES = {"singleSelect", "multipleSelects"}
# Types with a write format on the field-model page, i.e. the ones the API can create.
CREATABLE_TYPES = (
    TEXT_TYPES
    | NUMBER_TYPES
    | SELECT_TYPES
    | {
        "checkbox",
        "date",
        "dateTime",
        "multipleRecordLinks",
        "multipleAttachments",
        "singleCollaborator",
        "multipleCollaborators",
        "barcode",
    }
)
# Marked "(read only)" on the field-model page: the API refuses to create them.
READ_ONLY_TYPES = {
    "aiText",
    "autoNumber",
    "button",
    "count",
    "createdBy",
    "createdTime",
    "formula",
    "lastModifiedBy",
    "lastModifiedTime",
    "multipleLookupValues",
    "rollup",
    "externalSyncSource",
    "manualSort",
}
# Types that cannot be a table's primary field (Airtable's UI refuses them there too).
NOT_PRIMARY = {
    "multipleRecordLinks",
    "multipleAttachments",
    "checkbox",
    "multipleSelects",
    "singleCollaborator",
    "multipleCollaborators",
    "rating",
}

COLORS_BASE = ["blue", "cyan", "teal", "green", "yellow", "orange", "red", "pink", "purple", "gray"]
CHOICE_COLORS = [c + s for s in ("Light2", "Light1", "Bright", "Dark1") for c in COLORS_BASE]
BRIGHT_COLORS = [c + "Bright" for c in COLORS_BASE]
RATING_ICONS = {"star", "heart", "thumbsUp", "flag", "dot"}
CHECKBOX_ICONS = {"check", "xCheckbox", "star", "heart", "thumbsUp", "flag", "dot"}
DURATION_FORMATS = {"h:mm", "h:mm:ss", "h:mm:ss.S", "h:mm:ss.SS", "h:mm:ss.SSS"}
DATE_FORMATS = {"local": "l", "friendly": "LL", "us": "M/D/YYYY", "european": "D/M/YYYY", "iso": "YYYY-MM-DD"}
TIME_FORMATS = {"12hour": "h:mma", "24hour": "HH:mm"}


class OptionsError(ValueError):
    """Options that do not fit the field type; the message says which."""


def check_creatable(type_: Any, table: str, name: str) -> None:
    """Refuse unknown and computed types the way Airtable does."""
    if type_ in READ_ONLY_TYPES:
        raise errors.unsupported_field_type(table, name, type_)
    if type_ not in CREATABLE_TYPES:
        raise errors.invalid_field_type(type_)


def normalize_options(type_: str, options: Any, table_exists: Callable[[str], bool]) -> dict[str, Any] | None:
    """Validate write options and return them in the read format (ids and colours filled in)."""
    if options is not None and not isinstance(options, dict):
        raise OptionsError("options must be an object")
    opts = dict(options or {})
    if type_ in TEXT_TYPES or type_ == "barcode" or type_ == "singleCollaborator":
        if opts:
            raise OptionsError(f"{type_} fields take no options")
        return None
    if type_ == "multipleCollaborators":
        return None
    handler = _HANDLERS.get(type_)
    if handler is None:  # multipleRecordLinks is handled by the store (it creates the inverse field)
        raise OptionsError(f"no options handler for {type_}")
    return handler(opts, table_exists)


def _only(opts: dict[str, Any], allowed: set[str]) -> None:
    extra = set(opts) - allowed
    if extra:
        raise OptionsError(f"unexpected option(s) {sorted(extra)}")


def _precision(opts: dict[str, Any], top: int) -> int:
    p = opts.get("precision")
    if not isinstance(p, int) or isinstance(p, bool) or not 0 <= p <= top:
        raise OptionsError(f"precision must be an integer from 0 to {top}")
    return p


def _number(opts: dict[str, Any], _: Any) -> dict[str, Any]:
    _only(opts, {"precision"})
    return {"precision": _precision(opts, 8)}


def _currency(opts: dict[str, Any], _: Any) -> dict[str, Any]:
    _only(opts, {"precision", "symbol"})
    symbol = opts.get("symbol")
    if not isinstance(symbol, str) or not symbol:
        raise OptionsError("symbol must be a non-empty string")
    return {"precision": _precision(opts, 7), "symbol": symbol}


def _rating(opts: dict[str, Any], _: Any) -> dict[str, Any]:
    _only(opts, {"max", "icon", "color"})
    top = opts.get("max")
    if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= 10:
        raise OptionsError("max must be an integer from 1 to 10")
    if opts.get("icon") not in RATING_ICONS:
        raise OptionsError(f"icon must be one of {sorted(RATING_ICONS)}")
    if opts.get("color") not in BRIGHT_COLORS:
        raise OptionsError(f"color must be one of {BRIGHT_COLORS}")
    return {"max": top, "icon": opts["icon"], "color": opts["color"]}


def _checkbox(opts: dict[str, Any], _: Any) -> dict[str, Any]:
    _only(opts, {"icon", "color"})
    if opts.get("icon") not in CHECKBOX_ICONS:
        raise OptionsError(f"icon must be one of {sorted(CHECKBOX_ICONS)}")
    if opts.get("color") not in BRIGHT_COLORS:
        raise OptionsError(f"color must be one of {BRIGHT_COLORS}")
    return {"icon": opts["icon"], "color": opts["color"]}


def _duration(opts: dict[str, Any], _: Any) -> dict[str, Any]:
    _only(opts, {"durationFormat"})
    if opts.get("durationFormat") not in DURATION_FORMATS:
        raise OptionsError(f"durationFormat must be one of {sorted(DURATION_FORMATS)}")
    return {"durationFormat": opts["durationFormat"]}


def _named_format(value: Any, table: dict[str, str], what: str) -> dict[str, str]:
    # {"name": ..., "format"?: ...}: format is optional on write but must match the name.
    if not isinstance(value, dict) or value.get("name") not in table:
        raise OptionsError(f"{what}.name must be one of {sorted(table)}")
    expected = table[value["name"]]
    if "format" in value and value["format"] != expected:
        raise OptionsError(f"{what}.format must be {expected!r} for name {value['name']!r}")
    return {"name": value["name"], "format": expected}


def _date(opts: dict[str, Any], _: Any) -> dict[str, Any]:
    _only(opts, {"dateFormat"})
    return {"dateFormat": _named_format(opts.get("dateFormat"), DATE_FORMATS, "dateFormat")}


def _date_time(opts: dict[str, Any], _: Any) -> dict[str, Any]:
    _only(opts, {"dateFormat", "timeFormat", "timeZone"})
    tz = opts.get("timeZone")
    if tz not in ("utc", "client") and not valid_time_zone(tz):
        raise OptionsError(f"timeZone {tz!r} is not 'utc', 'client' or an IANA time zone")
    return {
        "timeZone": tz,
        "dateFormat": _named_format(opts.get("dateFormat"), DATE_FORMATS, "dateFormat"),
        "timeFormat": _named_format(opts.get("timeFormat"), TIME_FORMATS, "timeFormat"),
    }


def valid_time_zone(tz: Any) -> bool:
    if not isinstance(tz, str) or not tz:
        return False
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _select(opts: dict[str, Any], _: Any) -> dict[str, Any]:
    _only(opts, {"choices"})
    return {"choices": normalize_choices(opts.get("choices"), [])}


def normalize_choices(choices: Any, existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Choices with ids and colours; a given id must be an existing choice's id (it keeps it)."""
    if not isinstance(choices, list):
        raise OptionsError("choices must be a list")
    by_id = {c["id"]: c for c in existing}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for choice in choices:
        if not isinstance(choice, dict) or not isinstance(choice.get("name"), str) or not choice["name"]:
            raise OptionsError("each choice needs a non-empty name")
        _only(choice, {"id", "name", "color"})
        name = choice["name"]
        if name in seen:
            raise OptionsError(f"duplicate choice {name!r}")
        seen.add(name)
        color = choice.get("color")
        if color is not None and color not in CHOICE_COLORS:
            raise OptionsError(f"unknown choice color {color!r}")
        if "id" in choice:
            if choice["id"] not in by_id:
                raise OptionsError(f"unknown choice id {choice['id']!r}")
            cid, color = choice["id"], color or by_id[choice["id"]].get("color")
        else:
            cid = new_id("sel")
        out.append({"id": cid, "name": name, "color": color or CHOICE_COLORS[len(out) % len(COLORS_BASE)]})
    return out


def new_choice(name: str, existing: list[dict[str, Any]]) -> dict[str, Any]:
    """A choice created by typecast: new id, next colour in Airtable's palette order."""
    return {"id": new_id("sel"), "name": name, "color": CHOICE_COLORS[len(existing) % len(COLORS_BASE)]}


def _attachments(opts: dict[str, Any], _: Any) -> dict[str, Any]:
    _only(opts, {"isReversed"})
    return {"isReversed": bool(opts.get("isReversed", False))}


def link_options(opts: Any, table_exists: Callable[[str], bool]) -> dict[str, Any]:
    """Write options of a link field → read options without the inverse id (the store adds it)."""
    if not isinstance(opts, dict):
        raise OptionsError("multipleRecordLinks needs options with linkedTableId")
    _only(opts, {"linkedTableId", "viewIdForRecordSelection", "prefersSingleRecordLink", "isReversed"})
    linked = opts.get("linkedTableId")
    if not is_id(linked, "tbl") or not table_exists(linked):
        raise OptionsError(f"linkedTableId {linked!r} is not a table of this base")
    out = {
        "linkedTableId": linked,
        "isReversed": bool(opts.get("isReversed", False)),
        "prefersSingleRecordLink": bool(opts.get("prefersSingleRecordLink", False)),
    }
    if opts.get("viewIdForRecordSelection"):
        out["viewIdForRecordSelection"] = opts["viewIdForRecordSelection"]
    return out


_HANDLERS: dict[str, Callable[[dict[str, Any], Any], dict[str, Any]]] = {
    "number": _number,
    "percent": _number,
    "currency": _currency,
    "rating": _rating,
    "checkbox": _checkbox,
    "duration": _duration,
    "date": _date,
    "dateTime": _date_time,
    "singleSelect": _select,
    "multipleSelects": _select,
    "multipleAttachments": _attachments,
}
