"""Duplicate and concurrent pings on one and on two app processes: no record created twice, nothing lost."""

from __future__ import annotations

import json
import threading

import pytest

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
    # Both processes up to date first: a process trusts the cursor it last saw, so one that slept through
    # other tests would re-process their payloads (harmless for the product's idempotent automations, but
    # this module's counting automation would show it).
    assert world.apps[1].ping(*world.signed_ping()).status_code == 200
    leads = world.table("Leads")
    rec = leads.create({"Name": "Qu", "Phone": "1"})
    leads.update(rec["id"], {"Status": "Qualified", "Email": "QU@X.IO"})
    world.srv.clear_requests()
    return rec["id"]


def _effects(world, lead_id):
    leads_id = world.table_id("Leads")
    deals = [d for d in world.table("Deals").all() if lead_id in d["fields"].get("Lead", [])]
    runs = [r for r in world.table("Automation Runs").all() if lead_id in r["fields"].get("Details", "")]
    quiet = [x for e in world.state().runs.values() for x in json.loads(e.value or "[]")]
    return {
        "lead writes": len(world.app_requests("PATCH", leads_id)),
        "deals": len(deals),
        "runs logged": len(runs) + sum(1 for x in quiet if lead_id in json.dumps(x)),
    }


ONCE = {"lead writes": 1, "deals": 1, "runs logged": 1}


def test_same_ping_twice__second_delivery_does_nothing(world):
    lead_id = _qualify(world)
    ping = world.signed_ping()
    assert world.apps[0].ping(*ping).status_code == 200
    assert world.apps[1].ping(*ping).status_code == 200  # another process, same ping
    assert world.apps[0].ping(*ping).status_code == 200
    assert _effects(world, lead_id) == ONCE
    assert world.table("Leads").get(lead_id)["fields"]["Email"] == "qu@x.io"


def _at_once(world, apps):
    ping = world.signed_ping()  # reads System State with the app's token: not the app's own call
    world.srv.clear_requests()
    barrier = threading.Barrier(len(apps))
    status = {}

    def send(i, app):
        barrier.wait()
        status[i] = app.ping(*ping).status_code

    threads = [threading.Thread(target=send, args=(i, app)) for i, app in enumerate(apps)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return status


def test_two_pings_at_once_on_one_process__processed_once(world):
    """Fluid compute hands overlapping requests to one instance: its invocations of a webhook take turns
    (in memory, no Airtable call), and the second finds nothing left to do."""
    world.srv.set_faults(latency_ms=40)  # every call takes a while: the two invocations overlap for sure
    try:
        lead_id = _qualify(world)
        assert _at_once(world, [world.apps[0], world.apps[0]]) == {0: 200, 1: 200}
        assert world.app_requests("GET", world.table_id("System State")) == []  # warm: no state read
        assert _effects(world, lead_id) == ONCE
    finally:
        world.srv.set_faults(latency_ms=0)


def test_two_pings_at_once_on_two_processes__each_value_once_in_the_base_and_one_deal(world):
    """Two processes handed the same payloads at the same moment both process them (there is no lease:
    it cost three calls per ping). What keeps that harmless: a value already written is not written again
    (diff-aware updates), creates are upserts on a key, sends have their own claim. Forced here, both read
    before either writes, so the same values may be sent twice; the base ends with each value once."""
    world.srv.set_faults(latency_ms=40)
    try:
        lead_id = _qualify(world)
        assert _at_once(world, world.apps) == {0: 200, 1: 200}
        effects = _effects(world, lead_id)
        assert effects["deals"] == 1 and effects["lead writes"] >= 1
        fields = world.table("Leads").get(lead_id)["fields"]
        assert fields["Email"] == "qu@x.io" and fields["Status"] == "Qualified"
    finally:
        world.srv.set_faults(latency_ms=0)


def test_airtable_delivering_the_ping_twice__processed_once(world):
    lead_id = _qualify(world)
    world.srv.set_faults(drop_notifications=False, duplicate_notifications=True)
    try:
        world.table("Leads").update(lead_id, {"Name": " Qu "})
        wait_for(lambda: world.table("Leads").get(lead_id)["fields"].get("Name") == "Qu", what="name tidied")
        wait_for(lambda: _effects(world, lead_id)["deals"] == 1, what="the deal")
        world.quiet()  # let every delivered ping finish
    finally:
        world.srv.set_faults(duplicate_notifications=False)
    deals = [d for d in world.table("Deals").all() if lead_id in d["fields"].get("Lead", [])]
    assert len(deals) == 1


def test_a_failure_mid_backlog_keeps_the_pages_done(world, monkeypatch):
    """Without a lease to release, a failing invocation still saves the cursor of the pages it finished,
    so the next ping neither loses nor repeats them."""
    from automation.errors import AirtableUnavailable
    from automation.events import drain as drain_module
    from automation.events.catalog import get_plan
    from automation.events.context import make_context
    from automation.events.drain import Drainer

    world.quiet()
    leads = world.table("Leads")
    made = leads.batch_create([{"Name": f"M{i}", "Phone": "1"} for i in range(60)])
    for i, rec in enumerate(made):  # 60 payloads: two pages
        leads.update(rec["id"], {"Company Size": i + 1})
    start = world.state().cursor
    with world.in_env():
        drain_module.forget_progress()  # this test process: a fresh instance, as for the next ping
        ctx = make_context("Manual", "backlog-test", 20)
        real, pages = drain_module.list_page, []

        def second_page_fails(gw, webhook_id, cursor):
            pages.append(cursor)
            if len(pages) == 2:
                raise AirtableUnavailable("Airtable answered 503")
            return real(gw, webhook_id, cursor)

        def drainer():
            return Drainer(
                ctx.gateway,
                ctx.run,
                world.webhook_id,
                own_user=world.app_user,
                get_ctx=lambda: ctx,
                automations=lambda: get_plan().automations,
            )

        try:
            monkeypatch.setattr(drain_module, "list_page", second_page_fails)
            with pytest.raises(AirtableUnavailable):
                drainer().drain()
            monkeypatch.setattr(drain_module, "list_page", real)
            assert world.state().cursor == start + 50  # the first page's 50 payloads are kept
            drain_module.forget_progress()  # the retried ping lands on a fresh instance
            report = drainer().drain()
        finally:
            ctx.run.close()
    assert report.cursor_from == start + 50 and report.processed
    steps = [leads.get(r["id"])["fields"].get("Nurture Step") for r in made]
    assert steps == [1] * 60  # every payload processed exactly once
