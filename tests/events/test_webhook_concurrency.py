"""Duplicate and concurrent pings on two app processes: no second write, no record created twice."""

from __future__ import annotations

import threading

import pytest

from automation.events.context import get_gateway
from automation.events.state import StateStore
from scripts.localbase.testing import LocalBaseServer
from tests.events.harness import World, wait_for


@pytest.fixture(scope="module")
def world():
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        w = World(srv, apps=2)  # two processes: nothing can be shared in memory between them
        yield w
        w.close()


def _qualify(world):
    """A person qualifies a lead and types its email in capitals: one update, two automations concerned."""
    world.quiet()
    leads = world.table("Leads")
    rec = leads.create({"Name": "Qu", "Phone": "1"})
    leads.update(rec["id"], {"Status": "Qualified", "Email": "QU@X.IO"})
    world.srv.clear_requests()
    return rec["id"]


def _effects(world, lead_id):
    leads_id, deals_id, runs_id = (world.table_id(n) for n in ("Leads", "Deals", "Automation Runs"))
    deals = [d for d in world.table("Deals").all() if lead_id in d["fields"].get("Lead", [])]
    return {
        "lead writes": len(world.app_requests("PATCH", leads_id)),
        "deal creates": len(world.app_requests("POST", deals_id)),
        "deals": len(deals),
        "run records": len(world.app_requests("POST", runs_id)),
    }


ONCE = {"lead writes": 1, "deal creates": 1, "deals": 1, "run records": 1}


def test_same_ping_twice__second_delivery_does_nothing(world):
    lead_id = _qualify(world)
    ping = world.signed_ping()
    assert world.apps[0].ping(*ping).status_code == 200
    assert world.apps[1].ping(*ping).status_code == 200  # another process, same ping
    assert world.apps[0].ping(*ping).status_code == 200
    assert _effects(world, lead_id) == ONCE
    assert world.table("Leads").get(lead_id)["fields"]["Email"] == "qu@x.io"


def test_two_pings_at_once_on_two_processes__processed_once(world):
    world.srv.set_faults(latency_ms=40)  # every call takes a while: the two invocations overlap for sure
    try:
        lead_id = _qualify(world)
        ping = world.signed_ping()
        barrier = threading.Barrier(2)
        status = {}

        def send(i):
            barrier.wait()
            status[i] = world.apps[i].ping(*ping).status_code

        threads = [threading.Thread(target=send, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert status == {0: 200, 1: 200}
        assert _effects(world, lead_id) == ONCE
        # Both processes saw the lease free and wrote a claim (2), only the winner released it (1): the race
        # really reached the lease, and the read-back settled it.
        assert len(world.app_requests("PATCH", world.table_id("System State"))) == 3
    finally:
        world.srv.set_faults(latency_ms=0)


def test_airtable_delivering_the_ping_twice__processed_once(world):
    lead_id = _qualify(world)
    world.srv.set_faults(drop_notifications=False, duplicate_notifications=True)
    try:
        world.table("Leads").update(lead_id, {"Name": " Qu "})
        wait_for(lambda: world.table("Leads").get(lead_id)["fields"].get("Name") == "Qu", what="name tidied")
        wait_for(lambda: len(world.app_requests("POST", world.table_id("Deals"))) == 1, what="the deal")
        world.quiet()  # let every delivered ping finish
    finally:
        world.srv.set_faults(duplicate_notifications=False)
    deals = [d for d in world.table("Deals").all() if lead_id in d["fields"].get("Lead", [])]
    assert len(deals) == 1


def _two_stores(world):
    with world.in_env():
        gw = get_gateway()
        return StateStore(gw), gw


def test_lease__two_claimants_at_the_same_moment__exactly_one_wins(world):
    """The claim race forced in process: both read the lease free, both write, both read back."""
    world.quiet()
    with world.in_env():
        store = StateStore(get_gateway())
        seen = [store.load(world.webhook_id), store.load(world.webhook_id)]
        assert all(s.lease.holder is None for s in seen)
        barrier, won = threading.Barrier(2), {}

        def claim(i):
            barrier.wait()
            won[i] = store.claim(seen[i], f"holder-{i}", ttl_s=30, settle_s=0.05) is not None

        threads = [threading.Thread(target=claim, args=(i,)) for i in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(won.values()) == [False, True]
        winner = store.load(world.webhook_id)
        store.release(winner, winner.lease.holder, None)


def test_lease__a_claimant_stalled_between_read_and_write_can_overtake__the_documented_window(world):
    """The race window StateStore.claim's docstring admits: B read the lease free, stalled, and wrote its
    claim after A's read-back. Both then believe they hold it; diff-aware writes and upserts limit the
    damage. This test pins the behaviour so a change to the protocol is a conscious one."""
    world.quiet()
    with world.in_env():
        store = StateStore(get_gateway())
        stale_b = store.load(world.webhook_id)
        a = store.claim(store.load(world.webhook_id), "holder-a", ttl_s=30, settle_s=0.0)
        b = store.claim(stale_b, "holder-b", ttl_s=30, settle_s=0.0)  # B's stale view says "free"
        assert a is not None and b is not None
        store.release(b, "holder-b", None)


def test_lease__claim_left_by_a_failed_read_back_is_taken_over_by_the_next_ping_in_that_process(
    world, monkeypatch
):
    """A 429 right after the claim leaves the lease claimed with nobody acting on it. Airtable re-sends the
    ping: in the same process it takes the abandoned claim over at once, elsewhere it waits for expiry."""
    from automation.errors import AirtableUnavailable
    from automation.events import drain as drain_module
    from automation.events.catalog import get_plan
    from automation.events.context import make_context
    from automation.events.drain import Drainer
    from automation.events.state import LeaseBusy

    world.quiet()
    leads = world.table("Leads")
    rec = leads.create({"Name": "Ab", "Email": "AB@X.IO"})
    with world.in_env():
        ctx = make_context("Manual", "lease-test", 20)
        try:

            def drainer(wait_s=None):
                return Drainer(
                    ctx.gateway,
                    ctx.run,
                    world.webhook_id,
                    own_user=world.app_user,
                    get_ctx=lambda: ctx,
                    automations=lambda: get_plan().automations,
                    wait_s=wait_s,
                )

            real_load, calls = StateStore.load, []

            def load_then_429(self, webhook_id):
                calls.append(webhook_id)
                if len(calls) == 2:  # 1: the state read beside the peek; 2: the read-back of our claim
                    raise AirtableUnavailable("Airtable answered 429 RATE_LIMIT_REACHED")
                return real_load(self, webhook_id)

            monkeypatch.setattr(StateStore, "load", load_then_429)
            with pytest.raises(AirtableUnavailable):
                drainer().drain()
            monkeypatch.setattr(StateStore, "load", real_load)
            assert StateStore(ctx.gateway).load(world.webhook_id).lease.holder  # the claim stands

            mine = set(drain_module._abandoned)
            drain_module._abandoned.clear()  # seen from another process: wait for the expiry
            with pytest.raises(LeaseBusy):
                drainer(wait_s=0.6).drain()
            drain_module._abandoned.update(mine)

            report = drainer().drain()  # this process: takes its abandoned claim over at once
        finally:
            ctx.run.close()
    assert report.processed and leads.get(rec["id"])["fields"]["Email"] == "ab@x.io"
    assert world.state().lease.holder is None
