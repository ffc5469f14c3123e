"""Fixtures for gateway tests over real HTTP against the local Airtable-compatible server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pyairtable import Api

from automation.airtable.gateway import Gateway
from automation.airtable.transport import RetryPolicy
from automation.config import Config
from schema.model import TableDef
from schema.tables import ALL_TABLES

TOKEN = "patGatewayTests0001"
FAST = RetryPolicy(first_delay=0.01, max_delay=0.05, margin_s=0.0)


@pytest.fixture(scope="session")
def server() -> Iterator[Any]:
    testing = pytest.importorskip(
        "scripts.localbase.testing", reason="the local Airtable server has not landed"
    )
    with testing.LocalBaseServer(rate_limit=0) as srv:
        yield srv


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


def make_gateway(url: str, base_id: str, policy: RetryPolicy = FAST) -> Gateway:
    config = Config(
        _env_file=None, airtable_api_key=TOKEN, airtable_base_id=base_id, airtable_endpoint_url=url,
        airtable_rate_per_s=0, airtable_timeout_s=5,
    )  # fmt: skip
    return Gateway(config, policy=policy)


@pytest.fixture
def base_id(server: Any) -> str:
    """A fresh base with all 13 tables."""
    bid = server.create_base("Gateway test")
    build_base(server.url, bid)
    return bid


@pytest.fixture
def gw(server: Any, base_id: str) -> Gateway:
    return make_gateway(server.url, base_id)


def calls(server: Any, base_id: str, method: str | None = None) -> list[dict[str, Any]]:
    """Record API calls the server logged for this base (meta and admin calls excluded)."""
    out = []
    for r in server.requests():
        path = r["path"].split("?")[0]
        if path.startswith(f"/v0/{base_id}/") and (method is None or r["method"] == method):
            out.append(r)
    return out
