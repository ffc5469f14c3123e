"""Cron over real HTTP: auth, catch-up after lost pings, a 500-payload backlog, webhook refresh, pruning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import requests

from tests.events.harness import AppProcess, wait_for


def _hook(world):
    (hook,) = [h for h in world.person.base(world.base_id).webhooks() if h.id == world.webhook_id] or [None]
    return hook


@pytest.mark.parametrize("secret", [None, "wrong", ""], ids=["none", "wrong", "empty"])
def test_cron__without_the_right_secret_is_401_and_does_nothing(world, secret):
    world.quiet()
    r = world.apps[0].cron("catch-up", secret=secret)
    assert r.status_code == 401 and r.json()["error"]
    assert world.app_requests() == []


def test_catch_up__processes_changes_whose_pings_were_lost(world):
    world.quiet()  # notifications dropped from here on
    leads = world.table("Leads")
    ids = [leads.create({"Name": f" Lost {i} ", "Email": f"LOST{i}@X.IO"})["id"] for i in range(3)]
    assert [leads.get(i)["fields"]["Email"] for i in ids] == [f"LOST{i}@X.IO" for i in range(3)]
    r = world.apps[0].cron("catch-up")
    assert r.status_code == 200, r.text
    assert [leads.get(i)["fields"]["Email"] for i in ids] == [f"lost{i}@x.io" for i in range(3)]
    assert r.json()["webhooks"][world.webhook_id]["events"] == 3
    assert world.apps[0].cron("catch-up").status_code == 200  # a second delivery: nothing more to do
    assert len(world.app_requests("PATCH", world.table_id("Leads"))) == 1


def test_backlog_of_500_payloads_with_a_small_budget__resumes_without_loss_or_repeat(world):
    world.quiet()
    leads = world.table("Leads")
    made = leads.batch_create([{"Name": f"B{i}", "Phone": "1"} for i in range(500)])  # nothing watched
    for i, rec in enumerate(made):  # 500 transactions -> 500 payloads (t-count adds 1 per run)
        leads.update(rec["id"], {"Company Size": i + 1})
    start, end = world.state().cursor, _hook(world).cursor_for_next_payload  # 50 creates + 500 updates
    slow = AppProcess({**world.env, "WEBHOOK_BUDGET_S": "0.3"})
    try:
        body, mac = world.signed_ping()
        cursors = []
        while not cursors or cursors[-1] < end:
            r = slow.ping(body, mac)
            assert r.status_code == 200, (r.text, slow.logs()[-3000:])
            state = world.state()
            cursors.append(state.cursor)
            assert len(cursors) < 60, f"no progress: {cursors[-5:]}"
        assert len(cursors) > 1  # the budget really cut the work into several calls
        assert cursors == sorted(cursors) and cursors[0] > start  # each call saved its progress, forwards
    finally:
        slow.stop()
    got = {r["id"]: r["fields"].get("Nurture Step") for r in leads.all(formula="{Phone} = '1'")}
    steps = [got.get(m["id"]) for m in made]
    assert len(steps) == 500 and set(steps) == {1}  # every payload processed exactly once


def test_refresh_webhooks__extends_expiry_after_the_clock_moved(world):
    world.quiet()
    world.srv.advance_clock(6 * 86400)
    before = _hook(world).expiration_time
    r = world.apps[0].cron("refresh-webhooks")
    assert r.status_code == 200, r.text
    after = _hook(world).expiration_time
    server_now = world.srv.lb.clock.now()
    assert after > before and after > server_now + timedelta(days=6, hours=23)
    assert "expires" in r.json()["webhooks"][world.webhook_id]


def test_refresh_webhooks__re_enables_notifications_airtable_switched_off(world):
    world.quiet()
    world.srv.set_faults(drop_notifications=False)
    _hook(world).disable_notifications()
    assert not _hook(world).are_notifications_enabled
    r = world.apps[0].cron("refresh-webhooks")
    assert "notifications re-enabled" in r.json()["webhooks"][world.webhook_id]
    assert _hook(world).are_notifications_enabled


def test_prune_runs__keeps_recent_and_failed_within_their_retention(world):
    world.quiet()
    runs = world.table("Automation Runs")
    now = datetime.now(UTC)
    made = runs.batch_create(
        [
            {
                "Run": "old ok",
                "Job": "prune-test",
                "Outcome": "Success",
                "Started": (now - timedelta(days=40)).isoformat(),
            },
            {
                "Run": "old failed",
                "Job": "prune-test",
                "Outcome": "Failed",
                "Started": (now - timedelta(days=40)).isoformat(),
            },
            {
                "Run": "ancient failed",
                "Job": "prune-test",
                "Outcome": "Partial",
                "Started": (now - timedelta(days=100)).isoformat(),
            },
            {
                "Run": "new ok",
                "Job": "prune-test",
                "Outcome": "Success",
                "Started": (now - timedelta(days=2)).isoformat(),
            },
        ]
    )
    r = world.apps[0].cron("prune-runs")
    assert r.status_code == 200, r.text
    left = {x["fields"]["Run"] for x in runs.all() if x["fields"].get("Job") == "prune-test"}
    assert left == {"old failed", "new ok"}
    assert r.json()["deleted"] >= 2 and len(made) == 4


def test_refresh_webhooks__re_creates_an_expired_webhook_and_says_so(world):
    world.quiet()
    old = world.webhook_id
    world.srv.advance_clock(8 * 86400)  # past the 7-day expiry: Airtable disables the hook
    r = world.apps[0].cron("refresh-webhooks")
    assert r.status_code == 200, r.text
    note = r.json()["webhooks"][old]
    assert note.startswith("re-created as ach")
    from automation.events.context import get_gateway
    from automation.events.state import StateStore

    with world.in_env():
        states = StateStore(get_gateway()).load_all()
    (new,) = states
    assert new != old and states[new].data.get("secret")
    world.webhook_id = new
    world.srv.set_faults(drop_notifications=False)
    leads = world.table("Leads")
    rec = leads.create({"Name": "After", "Email": "AFTER@X.IO"})
    wait_for(lambda: leads.get(rec["id"])["fields"]["Email"] == "after@x.io", what="the new webhook to work")
    runs = [
        x["fields"]
        for x in world.table("Automation Runs").all()
        if x["fields"].get("Job") == "refresh-webhooks"
    ]
    assert any(old in x.get("Details", "") and x["Outcome"] == "Partial" for x in runs)
    assert requests.get(world.apps[0].url + "/api/health", timeout=5).json()["ok"] is True
