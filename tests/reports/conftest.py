"""Reports fixtures: a fresh base on the local server with the leads and reports automations loaded, and
the same base filled with the seeded demo business."""

from __future__ import annotations

from datetime import date

import pytest

from automation import registry

REPORTS_CATALOG = (
    "automation.leads.hygiene",
    "automation.leads.duplicates",
    "automation.leads.automations",
    "automation.leads.deals",
    "automation.reports.automations",
)
DEMO_DAY = date(2026, 11, 22)


@pytest.fixture
def world(server, tmp_path, monkeypatch):
    from automation.events.catalog import get_plan
    from tests.leads.http_world import make_world

    monkeypatch.setattr(registry, "CATALOG", REPORTS_CATALOG)
    get_plan.cache_clear()
    yield make_world(server, tmp_path)
    get_plan.cache_clear()


def seed(world, monkeypatch, tmp_path, day: date):
    """Fill the world's base with the demo seeder as of `day` (the seeder as the coach runs it)."""
    from scripts import seed_demo
    from tests.gateway.base_builder import TOKEN

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AIRTABLE_API_KEY", TOKEN)
    monkeypatch.setenv("AIRTABLE_BASE_ID", world.base_id)
    monkeypatch.setenv("AIRTABLE_ENDPOINT_URL", world.server.url)
    monkeypatch.setenv("AIRTABLE_RATE_PER_S", "0")
    assert seed_demo.main(["--today", day.isoformat()]) == 0
    return world


@pytest.fixture
def demo(world, monkeypatch, tmp_path):
    """The demo business as of DEMO_DAY."""
    return seed(world, monkeypatch, tmp_path, DEMO_DAY)
