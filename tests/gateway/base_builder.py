"""Build a base with the tables of schema/tables.py through pyairtable's meta calls (tests and bench)."""

from __future__ import annotations

from typing import Any

from pyairtable import Api

from schema.model import TableDef
from schema.tables import ALL_TABLES

TOKEN = "patGatewayTests0001"


def build_base(
    url: str, base_id: str, tables: list[TableDef] = ALL_TABLES, overrides: dict | None = None
) -> None:
    """Create the tables of schema/tables.py with pyairtable's meta calls (links once both tables exist).

    `overrides` maps "table.field" to replacement field JSON (e.g. another type, as a coach might change it).
    """
    overrides = overrides or {}
    base = Api(TOKEN, endpoint_url=url, retry_strategy=None).base(base_id)
    ids: dict[str, str] = {}
    for t in tables:
        fields = [_field_json(t, f, overrides) for f in t.fields if f.type != "multipleRecordLinks"]
        ids[t.key] = base.create_table(t.name, fields, description=f"[los:{t.key}]").id
    done: set[tuple[str, str]] = set()
    for t in tables:
        for f in t.fields:
            if f.type != "multipleRecordLinks" or (t.key, f.key) in done or f.link_table not in ids:
                continue
            table = base.table(ids[t.key])
            created = table.create_field(
                f.name, "multipleRecordLinks", f.full_description(), {"linkedTableId": ids[f.link_table]}
            )
            done.add((t.key, f.key))
            inverse_id = getattr(created.options, "inverse_link_field_id", None)
            if f.inverse and inverse_id:
                other = next(x for x in tables if x.key == f.link_table)
                inv = other.field(f.inverse)
                base.api.request(
                    "PATCH",
                    base.api.build_url(f"meta/bases/{base_id}/tables/{ids[other.key]}/fields/{inverse_id}"),
                    json={"name": inv.name, "description": inv.full_description()},
                )
                done.add((other.key, inv.key))


def _field_json(t: TableDef, f: Any, overrides: dict) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.full_description()}
    if f.options:
        out["options"] = f.options
    out.update(overrides.get(f"{t.key}.{f.key}", {}))
    return out
