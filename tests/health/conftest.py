"""Fixtures of the health tests: a fresh base on the local server with the health catalog loaded."""

from __future__ import annotations

import pytest

HEALTH_CATALOG = (
    "automation.messages.automations",
    "automation.health.automations",
    "automation.health.daily",
    "automation.associates.automations",
)


@pytest.fixture
def world(server, tmp_path, monkeypatch):
    """A fresh base, the health catalog, job contexts over HTTP (see tests/leads/http_world.py)."""
    from automation import registry
    from automation.events.catalog import get_plan
    from tests.leads.http_world import make_world

    monkeypatch.setattr(registry, "CATALOG", HEALTH_CATALOG)
    get_plan.cache_clear()
    yield make_world(server, tmp_path)
    get_plan.cache_clear()
