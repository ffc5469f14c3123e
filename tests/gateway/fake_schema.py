"""A base schema JSON (GET meta tables) built from schema/tables.py, for tests without a server."""

from __future__ import annotations

from typing import Any

from schema.tables import ALL_TABLES


def meta_json(
    rename: dict[str, str] | None = None, drop: frozenset[str] = frozenset(), markers: bool = True
) -> dict:
    rename = rename or {}
    tables: list[dict[str, Any]] = []
    for ti, t in enumerate(ALL_TABLES):
        fields = [
            {
                "id": field_id(t.key, f.key),
                "name": rename.get(f"{t.key}.{f.key}", f.name),
                "type": f.type,
                "description": f.full_description() if markers else f.description,
            }
            for f in t.fields
            if f"{t.key}.{f.key}" not in drop
        ]
        tables.append(
            {
                "id": f"tbl{ti:014d}",
                "name": rename.get(t.key, t.name),
                "description": f"[los:{t.key}]" if markers else "",
                "fields": fields,
            }
        )
    return {"tables": tables}


def field_id(table_key: str, field_key: str) -> str:
    ti = next(i for i, t in enumerate(ALL_TABLES) if t.key == table_key)
    fi = next(i for i, f in enumerate(ALL_TABLES[ti].fields) if f.key == field_key)
    return f"fld{ti:02d}{fi:012d}"
