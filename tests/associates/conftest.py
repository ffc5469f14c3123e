"""Fixtures of the associates tests: a fresh base on the local server with these capabilities loaded."""

from __future__ import annotations

import pytest

CATALOG = (
    "automation.messages.automations",
    "automation.leads.deals",
    "automation.health.automations",
    "automation.associates.automations",
    "automation.associates.daily",
)


@pytest.fixture
def world(server, tmp_path, monkeypatch):
    from automation import registry
    from automation.events.catalog import get_plan
    from tests.leads.http_world import make_world

    monkeypatch.setattr(registry, "CATALOG", CATALOG)
    get_plan.cache_clear()
    yield make_world(server, tmp_path)
    get_plan.cache_clear()
