"""Table and field ids of the live base, found by the `[los:key]` marker first, then by name.

The coach may rename a field or table in the Airtable UI; its description keeps the marker setup_base wrote,
so the code keeps finding it. Built from one `GET /v0/meta/bases/{base}/tables` per warm process.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from automation.errors import ConfigError
from schema.model import KEY_MARKER, TableDef


@dataclass(frozen=True)
class FieldInfo:
    """A field as the base has it now."""

    key: str
    id: str
    name: str
    type: str


@dataclass
class TableInfo:
    key: str
    id: str
    name: str
    fields: dict[str, FieldInfo] = field(default_factory=dict)  # by field key
    by_id: dict[str, FieldInfo] = field(default_factory=dict)  # by field id


@dataclass
class SchemaMap:
    """table key -> table id; (table key, field key) -> field id; and back."""

    tables: dict[str, TableInfo]
    missing: list[str] = field(default_factory=list)  # "table" or "table.field" the base does not have
    renamed: list[str] = field(default_factory=list)  # found by marker under another name (for setup_base)

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any], defs: Iterable[TableDef]) -> SchemaMap:
        """Resolve our table and field keys against a base schema (the JSON of GET meta tables)."""
        base_tables: list[Mapping[str, Any]] = list(meta.get("tables", []))
        result = cls(tables={})
        for tdef in defs:
            found = _find(base_tables, tdef.key, tdef.name)
            if found is None:
                result.missing.append(tdef.key)
                continue
            info = TableInfo(tdef.key, found["id"], found["name"])
            if found["name"] != tdef.name:
                result.renamed.append(f"{tdef.key}: {tdef.name!r} is now {found['name']!r}")
            base_fields: list[Mapping[str, Any]] = list(found.get("fields", []))
            for fdef in tdef.fields:
                f = _find(base_fields, fdef.key, fdef.name)
                if f is None:
                    result.missing.append(f"{tdef.key}.{fdef.key}")
                    continue
                fi = FieldInfo(fdef.key, f["id"], f["name"], f.get("type", ""))
                info.fields[fdef.key] = info.by_id[fi.id] = fi
                if f["name"] != fdef.name:
                    result.renamed.append(f"{tdef.key}.{fdef.key}: {fdef.name!r} is now {f['name']!r}")
            result.tables[tdef.key] = info
        return result

    def table(self, table_key: str) -> TableInfo:
        try:
            return self.tables[table_key]
        except KeyError:
            raise ConfigError(
                f"table {table_key!r} is not in the base; run `python -m scripts.setup_base`"
            ) from None

    def table_id(self, table_key: str) -> str:
        return self.table(table_key).id

    def field_id(self, table_key: str, field_key: str) -> str:
        info = self.table(table_key).fields.get(field_key)
        if info is None:
            raise ConfigError(
                f"field {table_key}.{field_key} is not in the base; run `python -m scripts.setup_base`"
            )
        return info.id


def _find(items: list[Mapping[str, Any]], key: str, name: str) -> Mapping[str, Any] | None:
    """The item whose description carries our marker, else the one with our name (case-insensitive)."""
    marker = KEY_MARKER.format(key=key)
    for item in items:
        if marker in (item.get("description") or ""):
            return item
    lowered = name.casefold()
    for item in items:
        # A same-named item that carries another key's marker belongs to that key.
        if "[los:" in (item.get("description") or ""):
            continue
        if str(item.get("name", "")).casefold() == lowered:
            return item
    return None
