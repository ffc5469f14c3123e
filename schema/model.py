"""The vocabulary for describing the base as code: tables, fields, options, views."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Marker written into every managed field's description: the runtime finds a field by this key even
# after the coach renames it in the Airtable UI.
KEY_MARKER = "[los:{key}]"


@dataclass(frozen=True)
class FieldDef:
    """One field as the coach sees it: name, Airtable type and write options."""

    key: str  # stable code name, e.g. "lead_score"; never shown to the coach
    name: str  # the name in Airtable (from the requirements)
    type: str  # Airtable field type, e.g. "singleLineText"
    options: dict[str, Any] | None = None
    description: str = ""
    link_table: str | None = None  # for multipleRecordLinks: key of the linked table
    inverse: str | None = None  # for multipleRecordLinks: key of the inverse field in link_table

    @property
    def choices(self) -> list[str]:
        """Names of the select choices (empty for other types)."""
        return [c["name"] for c in (self.options or {}).get("choices", [])]

    @property
    def marker(self) -> str:
        return KEY_MARKER.format(key=self.key)

    def full_description(self) -> str:
        """The description setup_base writes: the coach-facing text plus the key marker."""
        return f"{self.description} {self.marker}".strip()


@dataclass(frozen=True)
class ViewDef:
    """A view the coach creates by hand (the API cannot create views): the checklist entry."""

    name: str
    type: str  # grid, kanban, calendar, gallery, form
    settings: tuple[str, ...] = ()


@dataclass
class TableDef:
    """A table: key, name, fields (the first is the primary field) and the views checklist."""

    key: str
    name: str
    fields: list[FieldDef]
    description: str = ""
    views: list[ViewDef] = field(default_factory=list)
    existing: bool = False  # part of the coach's original five-table base

    def __post_init__(self) -> None:
        self._by_key = {f.key: f for f in self.fields}
        if len(self._by_key) != len(self.fields):
            raise ValueError(f"duplicate field key in table {self.key}")

    @property
    def primary(self) -> FieldDef:
        return self.fields[0]

    def field(self, key: str) -> FieldDef:
        """The field with this code key; KeyError names the table when it does not exist."""
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(f"table {self.key!r} has no field {key!r}") from None

    def __getitem__(self, key: str) -> FieldDef:
        return self.field(key)

    def __contains__(self, key: str) -> bool:
        return key in self._by_key


# ---- field constructors: one per Airtable type, with the options Airtable's write format takes ----


def text(key: str, name: str, description: str = "") -> FieldDef:
    return FieldDef(key, name, "singleLineText", description=description)


def long_text(key: str, name: str, description: str = "") -> FieldDef:
    return FieldDef(key, name, "multilineText", description=description)


def email(key: str, name: str, description: str = "") -> FieldDef:
    return FieldDef(key, name, "email", description=description)


def url(key: str, name: str, description: str = "") -> FieldDef:
    return FieldDef(key, name, "url", description=description)


def phone(key: str, name: str, description: str = "") -> FieldDef:
    return FieldDef(key, name, "phoneNumber", description=description)


def number(key: str, name: str, precision: int = 0, description: str = "") -> FieldDef:
    return FieldDef(key, name, "number", {"precision": precision}, description)


def currency(key: str, name: str, symbol: str = "$", precision: int = 2, description: str = "") -> FieldDef:
    return FieldDef(key, name, "currency", {"precision": precision, "symbol": symbol}, description)


def percent(key: str, name: str, precision: int = 0, description: str = "") -> FieldDef:
    return FieldDef(key, name, "percent", {"precision": precision}, description)


def rating(key: str, name: str, max: int = 5, description: str = "") -> FieldDef:  # noqa: A002
    return FieldDef(key, name, "rating", {"max": max, "icon": "star", "color": "yellowBright"}, description)


def checkbox(key: str, name: str, description: str = "") -> FieldDef:
    return FieldDef(key, name, "checkbox", {"icon": "check", "color": "greenBright"}, description)


def date(key: str, name: str, description: str = "") -> FieldDef:
    return FieldDef(key, name, "date", {"dateFormat": {"name": "iso", "format": "YYYY-MM-DD"}}, description)


def datetime(key: str, name: str, time_zone: str = "client", description: str = "") -> FieldDef:
    options = {
        "timeZone": time_zone,
        "dateFormat": {"name": "iso", "format": "YYYY-MM-DD"},
        "timeFormat": {"name": "24hour", "format": "HH:mm"},
    }
    return FieldDef(key, name, "dateTime", options, description)


def duration(key: str, name: str, description: str = "") -> FieldDef:
    return FieldDef(key, name, "duration", {"durationFormat": "h:mm"}, description)


def select(key: str, name: str, choices: list[str], description: str = "") -> FieldDef:
    return FieldDef(key, name, "singleSelect", {"choices": [{"name": c} for c in choices]}, description)


def multi_select(key: str, name: str, choices: list[str], description: str = "") -> FieldDef:
    return FieldDef(key, name, "multipleSelects", {"choices": [{"name": c} for c in choices]}, description)


def link(key: str, name: str, table: str, inverse: str | None, description: str = "") -> FieldDef:
    """A link; `inverse` is the key of the field on the other table that points back (None: one-sided)."""
    return FieldDef(key, name, "multipleRecordLinks", None, description, link_table=table, inverse=inverse)
