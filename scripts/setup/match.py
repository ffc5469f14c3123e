"""Find the tables and fields of `schema/` in a base's schema JSON: by `[los:key]` marker, then by name.

Pure functions over the JSON of `GET /v0/meta/bases/{base}/tables`, shared by setup, backup, check_views and
the demo seeder. A field renamed in the Airtable UI keeps its marker and is still found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from schema.model import FieldDef, TableDef
from schema.tables import ALL_TABLES
from scripts.setup.types import compatible

MARKER_RE = re.compile(r"\[los:([A-Za-z0-9_]+)\]")

# Names the coach's original base uses for fields the schema spells differently (the requirements' diagram).
# A field of a usable type is adopted under its old name; one of another type is left alone and reported.
LEGACY_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("clients", "usage_freq"): ("Usage Frequency",),
    ("clients", "package"): ("Package Type",),
    ("sessions", "session_date"): ("Date & Time", "Date"),
}


# Emoji, their joiners and variation selectors: decoration a person adds to a name ("👥 Clients").
_DECORATION = {"So", "Sk", "Cf", "Mn", "Me", "Cs", "Co"}


def name_key(name: str) -> str:
    """A name as a person reads it: case, emoji and spacing ignored ("👥  clients " is "Clients")."""
    kept = "".join(
        c for c in unicodedata.normalize("NFKC", name) if unicodedata.category(c) not in _DECORATION
    )
    return " ".join(kept.split()).casefold()


def markers(description: str | None) -> list[str]:
    return MARKER_RE.findall(description or "")


def table_marker(key: str) -> str:
    return f"[los:{key}]"


@dataclass
class FieldMatch:
    spec: FieldDef
    field: dict[str, Any] | None = None  # the base's field JSON
    # "marker", "name", "legacy" (an old name of the coach's base), "inverse" (other side) or "primary"
    by: str = ""

    @property
    def found(self) -> bool:
        return self.field is not None


@dataclass
class TableMatch:
    spec: TableDef
    table: dict[str, Any] | None = None  # the base's table JSON
    by: str = ""
    fields: dict[str, FieldMatch] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)  # field names carrying a marker already matched

    @property
    def found(self) -> bool:
        return self.table is not None

    @property
    def id(self) -> str | None:
        return self.table["id"] if self.table else None

    @property
    def name(self) -> str:
        """The table's name in the base (the spec's name while it does not exist)."""
        return self.table["name"] if self.table else self.spec.name

    @property
    def base_fields(self) -> list[dict[str, Any]]:
        return self.table["fields"] if self.table else []


def _pick(candidates: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The candidate named like the spec, else the first (several carry the same marker: a copy)."""
    for c in candidates:
        if c["name"].casefold() == name.casefold():
            return c
    return candidates[0] if candidates else None


def _match_one(
    spec_key: str,
    spec_name: str,
    items: list[dict[str, Any]],
    claimed: set[str],
    keys: set[str],
    legacy: tuple[str, ...] = (),
    spec_type: str = "",
) -> tuple[dict[str, Any] | None, str]:
    free = [i for i in items if i["id"] not in claimed]
    hit = _pick([i for i in free if spec_key in markers(i.get("description"))], spec_name)
    if hit:
        return hit, "marker"
    for by, names in (("name", (spec_name,)), ("legacy", legacy)):
        # The exact spelling first, then the same name decorated or spaced otherwise.
        for fold in (str.casefold, name_key):
            wanted = {fold(n) for n in names}
            for i in free:
                # An item carrying the marker of another key belongs to that key, whatever its name now.
                if fold(i["name"]) not in wanted or keys.intersection(markers(i.get("description"))):
                    continue
                # An old field of another type is not adopted: the new one is created next to it.
                if by == "name" or compatible(spec_type, i.get("type", "")):
                    return i, by
    return None, ""


def _primary(tm: TableMatch, taken: set[str], keys: set[str]) -> FieldMatch | None:
    """The table's primary field for the spec's first field, when nothing else is called like it.

    A hand-made table names its primary field as the coach likes ("Client Name"): it holds what the
    automation calls Name, and a new empty Name field beside it would leave every record nameless.
    """
    spec = tm.spec.primary
    fm = tm.fields.get(spec.key)
    pid = (tm.table or {}).get("primaryFieldId")
    if fm is None or fm.found or not pid or pid in taken:
        return None
    f = next((f for f in tm.base_fields if f["id"] == pid), None)
    if f is None or keys.intersection(markers(f.get("description"))):
        return None
    if not compatible(spec.type, f.get("type", "")):
        return None
    return FieldMatch(spec, f, "primary")


def match_base(schema: dict[str, Any], tables: list[TableDef] = ALL_TABLES) -> dict[str, TableMatch]:
    """Match every table and field of the spec to the base; unmatched ones have `table`/`field` None."""
    existing = schema.get("tables", [])
    claimed: set[str] = set()
    result: dict[str, TableMatch] = {}
    table_keys = {t.key for t in tables}
    for spec in tables:
        table, by = _match_one(spec.key, spec.name, existing, claimed, table_keys)
        if table:
            claimed.add(table["id"])
        result[spec.key] = TableMatch(spec, table, by)
    for tm in result.values():
        taken: set[str] = set()
        keys = {f.key for f in tm.spec.fields}
        for f in tm.spec.fields:
            legacy = LEGACY_NAMES.get((tm.spec.key, f.key), ())
            hit, by = _match_one(f.key, f.name, tm.base_fields, taken, keys, legacy, f.type)
            if hit:
                taken.add(hit["id"])
            tm.fields[f.key] = FieldMatch(f, hit, by)
        if primary := _primary(tm, taken, keys):
            tm.fields[primary.spec.key] = primary
            taken.add(primary.field["id"])  # type: ignore[index]
        for f in tm.base_fields:
            if f["id"] not in taken and keys.intersection(markers(f.get("description"))):
                tm.duplicates.append(f["name"])
    _match_by_inverse(result)
    return result


def _match_by_inverse(result: dict[str, TableMatch]) -> None:
    """A link renamed on one side is found through its other side's inverseLinkFieldId."""
    for tm in result.values():
        if not tm.found:
            continue
        taken = {m.field["id"] for m in tm.fields.values() if m.field}
        for fm in tm.fields.values():
            spec = fm.spec
            if (
                fm.found
                or spec.type != "multipleRecordLinks"
                or not spec.inverse
                or spec.link_table not in result
            ):
                continue
            other = result[spec.link_table].fields.get(spec.inverse)
            if not other or not other.field or other.field.get("type") != "multipleRecordLinks":
                continue
            target = (other.field.get("options") or {}).get("inverseLinkFieldId")
            for f in tm.table["fields"]:  # type: ignore[index]
                if f["id"] == target and f["id"] not in taken:
                    fm.field, fm.by = f, "inverse"
                    taken.add(f["id"])


def field_ids(matches: dict[str, TableMatch]) -> dict[tuple[str, str], str]:
    """(table key, field key) -> field id for every matched field."""
    return {
        (t, k): m.field["id"]
        for t, tm in matches.items()
        for k, m in tm.fields.items()
        if m.field is not None
    }
