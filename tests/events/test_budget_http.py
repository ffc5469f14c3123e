"""The event path within Airtable's budget, over real HTTP against the local server with its 5 requests a
second and its penalty: a created lead costs no read of Messages or Deals for itself (nor of Clients: its
first-touch draft is screened on Clients when it is sent), and the app, sharing
the base with another client making 2 calls a second, sees no 429 over a minute of a person's changes."""

from __future__ import annotations

import threading
import time

import pytest

from automation.config import Config
from tests.events import harness
from tests.events.harness import wait_for
from tests.leads.http_world import LEADS_CATALOG


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from scripts.localbase.testing import LocalBaseServer

    with LocalBaseServer(rate_limit=0, penalty_s=2.0, timing_scale=0.01) as srv:
        env = {"OUTBOX_DIR": str(tmp_path_factory.mktemp("outbox"))}
        env["AIRTABLE_RATE_PER_S"] = str(Config.model_fields["airtable_rate_per_s"].default)  # production's
        w = harness.World(
            srv, catalog=LEADS_CATALOG, extra_env=env, settings={"messages.claim_settle_s": "0.3"}
        )
        yield w
        w.close()


def test_created_lead__reads_no_messages_deals_or_clients_for_itself(world) -> None:
    world.quiet()
    lead = world.table("Leads").create({"Name": "Nia Cole", "Email": "nia@firm.example", "Title": "CEO"})
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    assert world.table("Leads").get(lead["id"])["fields"].get("Scored At")
    reads = {world.table_id(t): t for t in ("Messages", "Deals", "Clients")}
    seen = [r["path"] for r in world.app_requests("GET") if any(tid in r["path"] for tid in reads)]
    assert seen == []
    (draft,) = [m for m in world.table("Messages").all() if m["fields"].get("Lead") == [lead["id"]]]
    assert (draft["fields"]["Kind"], draft["fields"]["Status"]) == ("First Touch", "Draft")


def test_beside_a_client_making_two_calls_a_second__no_429_over_a_minute(world) -> None:
    world.srv.set_faults(drop_notifications=False, rate_limit=5)
    world.srv.clear_requests()
    stop = threading.Event()
    script = world.srv.api("patSomeonesScript.0003").table(world.base_id, "Leads")

    def other_client() -> None:  # a person's script or Zapier: a steady 2 calls a second
        while not stop.is_set():
            script.first()
            stop.wait(0.5)

    thread = threading.Thread(target=other_client, daemon=True)
    thread.start()
    leads = world.table("Leads")
    made = []
    try:
        end = time.monotonic() + 60
        n = 0
        while time.monotonic() < end:  # one change every few seconds, as a coach works
            if n % 2 == 0:
                made.append(leads.create({"Name": f"Lead {n}", "Email": f"lead{n}@minute.example"})["id"])
            else:
                leads.update(made[-1], {"Title": "Head of Sales"})
            n += 1
            time.sleep(3)
        time.sleep(5)  # the last change's processing, still beside the other client
    finally:
        stop.set()
        thread.join(5)
        world.srv.set_faults(rate_limit=0)
    refused = [r for r in world.srv.requests() if r.get("status") == 429]
    for rid in made:  # polled once the limit is off: the test's own reads are no client of the base's
        wait_for(lambda rid=rid: leads.get(rid)["fields"].get("Scored At"), 30, f"lead {rid} scored")
    assert refused == [], f"{len(refused)} requests answered 429, e.g. {refused[:3]}"


def test_a_change_that_makes_nothing_to_write_saves_no_cursor_and_is_covered_by_the_next_save(world) -> None:
    """Moving a lead to Contacted asks nothing of the automations: the ping costs its list and the read,
    not a System State write; this process goes on from it in memory, and the next change's save moves
    the stored cursor past both. A fresh process starting from the stored cursor meanwhile would process
    the move again and write nothing."""
    world.quiet()
    leads = world.table("Leads")
    lead = leads.create({"Name": "Kim Moe", "Email": "kim@moe.example", "Title": "CEO"})
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    assert leads.get(lead["id"])["fields"].get("Scored At")
    world.apps[0].ping(*world.signed_ping())  # the echo of its writes
    before, ping = world.state(), world.signed_ping()  # the test's own reads use the app's token: before
    world.srv.clear_requests()
    leads.update(lead["id"], {"Status": "Contacted"})
    assert world.apps[0].ping(*ping).status_code == 200
    other = [(r["method"], r["path"]) for r in world.app_requests() if "/payloads" not in r["path"]]
    assert other == [("GET", f"/v0/{world.base_id}/{world.table_id('Leads')}")]  # the lead; no state write
    assert world.state().cursor == before.cursor  # stored cursor not moved
    leads.update(lead["id"], {"Email": "KIM@MOE.EXAMPLE"})  # a change with something to write
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    assert leads.get(lead["id"])["fields"]["Email"] == "kim@moe.example"
    assert world.state().cursor > before.cursor + 1  # past the move and the title
