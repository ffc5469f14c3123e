"""Fixtures for gateway tests over real HTTP against the local Airtable-compatible server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from automation.airtable.gateway import Gateway
from automation.airtable.transport import RetryPolicy
from automation.config import Config
from tests.gateway.base_builder import TOKEN, build_base
from tests.support import FAST_RETRY as FAST


def make_gateway(url: str, base_id: str, policy: RetryPolicy = FAST, rate: float = 0) -> Gateway:
    config = Config(
        _env_file=None, airtable_api_key=TOKEN, airtable_base_id=base_id, airtable_endpoint_url=url,
        airtable_rate_per_s=rate, airtable_timeout_s=5,
    )  # fmt: skip
    return Gateway(config, policy=policy)


@pytest.fixture
def base_id(server: Any) -> Iterator[str]:
    """A fresh base with all 13 tables; faults a test injected are cleared afterwards."""
    bid = server.create_base("Gateway test")
    build_base(server.url, bid)
    yield bid
    server.set_faults(force_429=0, error_rate=0.0, latency_ms=0, rate_limit=0)


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
