"""The coach's new-lead notice for a lead typed into the grid one cell at a time, over real HTTP at
production pacing: the first cell (the name) creates the lead, which is scored at once; the notice waits for
a way to reach the lead (an email or a phone), then goes once, with what is known by then."""

from __future__ import annotations

import pytest

from tests.events import harness
from tests.leads.http_world import LEADS_CATALOG


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    outbox = tmp_path_factory.mktemp("outbox")
    with harness.production_paced(outbox, (*LEADS_CATALOG, "automation.reports.automations")) as w:
        yield w


def test_lead_typed_into_the_grid__the_notice_waits_for_its_address(world) -> None:
    """The first cell (the name) creates the lead and it is scored at once; a notice then would be all
    question marks, and it is sent once ever. It goes when the email is typed, with what is known by then."""
    world.quiet()
    leads = world.table("Leads")
    lead = leads.create({"Name": "Kofi Typed"})["id"]
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    assert leads.get(lead)["fields"].get("Score Tier")  # scored on the name alone

    def notices() -> list[dict]:
        mine = [m for m in world.table("Messages").all() if m["fields"].get("Lead") == [lead]]
        return [m for m in mine if m["fields"]["Kind"] == "New Lead Notice"]

    assert notices() == []
    leads.update(lead, {"Company": "Typed & Co"})  # another cell: still no way to reach them
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    assert notices() == []
    leads.update(lead, {"Email": "kofi@typed.example"})
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    (notice,) = notices()
    assert notice["fields"]["Status"] == "Sent"
    assert "kofi@typed.example" in notice["fields"]["Body"] and "Typed & Co" in notice["fields"]["Body"]
    leads.update(lead, {"Email": "kofi@typed-co.example"})  # a correction later: no second notice
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    assert len(notices()) == 1
