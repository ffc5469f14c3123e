"""A local Airtable-compatible server per test, and the environment the scripts read pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from scripts.localbase.testing import LocalBaseServer


@pytest.fixture
def srv() -> Iterator[LocalBaseServer]:
    with LocalBaseServer(rate_limit=0) as server:
        yield server


@pytest.fixture
def use_base(srv: LocalBaseServer, monkeypatch: pytest.MonkeyPatch, tmp_path):
    """Point AIRTABLE_* at a base of the local server (a new empty one unless given) and work in tmp_path."""
    monkeypatch.chdir(tmp_path)  # backups/ and any .env lookup stay inside the test

    def point(base_id: str | None = None, token: str | None = None) -> str:
        base_id = base_id or srv.create_base("Leadership OS test")
        monkeypatch.setenv("AIRTABLE_API_KEY", token or srv.token)
        monkeypatch.setenv("AIRTABLE_BASE_ID", base_id)
        monkeypatch.setenv("AIRTABLE_ENDPOINT_URL", srv.url)
        monkeypatch.setenv("AIRTABLE_RATE_PER_S", "0")
        return base_id

    return point


def writes(srv: LocalBaseServer) -> list[dict]:
    """API write requests in the server's log (the admin endpoints are not logged)."""
    return [r for r in srv.requests() if r["method"] != "GET"]
