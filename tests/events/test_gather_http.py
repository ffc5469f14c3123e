"""WEBHOOK_GATHER_S over real HTTP: pings that follow a round of the same webhook within the gather wait until
that long after it, and the cells a person types meanwhile cost one round (a ping arriving during the wait is
answered without a list); a ping after a quiet spell is processed at once."""

from __future__ import annotations

import threading
import time

import pytest

from tests.events import harness
from tests.leads.http_world import LEADS_CATALOG

GATHER_S = 3.0


@pytest.fixture(scope="module")
def world():
    from scripts.localbase.testing import LocalBaseServer

    with LocalBaseServer(rate_limit=0, penalty_s=2.0, timing_scale=0.01) as srv:
        w = harness.World(srv, catalog=LEADS_CATALOG, extra_env={"WEBHOOK_GATHER_S": str(GATHER_S)})
        yield w
        w.close()


def _ping(world) -> float:
    """One signed ping, as Airtable sends it; how long the app took to answer it."""
    start = time.monotonic()
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    return time.monotonic() - start


def test_cells_typed_after_a_round__one_more_round_and_a_ping_meanwhile_lists_nothing(world) -> None:
    world.quiet()  # pings only when this test sends them
    time.sleep(GATHER_S)  # nothing of an earlier test's rounds to wait for
    leads = world.table("Leads")
    lead = leads.create({"Name": "  Ada Typed  "})["id"]  # the coach types a lead into the grid
    _ping(world)  # its first cell: processed at once
    assert leads.get(lead)["fields"]["Name"] == "Ada Typed"
    lists_before = len(world.app_requests("GET", "/payloads"))
    leads.update(lead, {"Email": " ADA@Typed.Example "})  # the next cells, typed a moment later
    leads.update(lead, {"Title": "CEO"})

    done: dict[str, float] = {}

    def second_ping() -> None:
        _ping(world)
        done["second"] = time.monotonic()

    holder = threading.Thread(target=second_ping)
    holder.start()
    time.sleep(0.5)  # the second ping is waiting out the gather now
    _ping(world)  # a third ping (Airtable's for the last cell, say) while it waits
    done["third"] = time.monotonic()
    holder.join(30)

    assert done["third"] < done["second"], "the ping that came during the wait was not answered at once"
    fields = leads.get(lead)["fields"]
    assert fields["Email"] == "ada@typed.example"  # the second cell's hygiene ...
    assert "title unknown" not in fields["Score Breakdown"], fields["Score Breakdown"]  # ... the 3rd's score
    lead_writes = world.app_requests("PATCH", world.table_id("Leads"))
    assert len(lead_writes) == 2, f"the lead was written {len(lead_writes)} times (first cell, then the rest)"
    lists = world.app_requests("GET", "/payloads")[lists_before:]
    assert len(lists) == 1, [r["query"] for r in lists]  # the waiting ping's; the third listed nothing


def test_a_ping_after_a_quiet_spell_is_not_held(world) -> None:
    world.quiet()
    time.sleep(GATHER_S)  # longer than the gather since the last round
    leads = world.table("Leads")
    lead = leads.create({"Name": "Quiet Spell", "Email": "quiet@spell.example"})["id"]
    took = _ping(world)
    assert leads.get(lead)["fields"].get("Scored At")
    assert took < GATHER_S / 2, f"the ping took {took:.2f} s: it waited for a gather it did not need"
