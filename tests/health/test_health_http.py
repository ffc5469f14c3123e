"""Client health over HTTP against the local server: the webhook-path automations and the daily job."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from automation.events.runner import run_automations
from automation.health.daily import health_daily
from automation.models import ActionItem, Client, Invoice, Message, Session
from automation.settings.health import HealthSettings
from bench.leads_bench import per_table
from tests.health.base_data import add_healthy_clients, add_package, at

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


def _daily(world, now=NOW):
    since = world.server.mark()
    ctx = world.ctx(now=now, budget_s=120, job="health-daily")
    with ctx.run:
        summary = health_daily(ctx)
    return summary, per_table(world, since)


def _alerts(world) -> list[Message]:
    return [m for m in world.gw.all(Message) if m.kind == "Health Alert"]


def test_health_daily__one_listing_per_table_writes_changes_in_tens(world):
    pkg = add_package(world.gw)
    add_healthy_clients(world.gw, TODAY, 12, pkg)
    first, calls = _daily(world)
    assert first["clients_written"] == 12
    for table in ("Clients", "Coaching Sessions", "Action Items", "Invoices", "Packages"):
        assert calls[("GET", table)] == 1, (table, calls)
    assert calls[("PATCH", "Clients")] == math.ceil(12 / 10)
    scored = world.gw.all(Client)
    assert {(c.health_score, c.risk_level, c.health_trend) for c in scored} == {(100, "Low", "New")}
    assert all(
        c.usage_freq and c.usage_freq >= 2 and c.last_session == TODAY - timedelta(days=3) for c in scored
    )

    again, calls = _daily(world)
    assert again["clients_written"] == 0 and calls[("PATCH", "Clients")] == 0
    assert _alerts(world) == []


def test_health_on_session__a_rating_of_2_makes_a_healthy_client_high_with_one_alert(world):
    pkg = add_package(world.gw)
    (client,) = add_healthy_clients(world.gw, TODAY, 1, pkg)
    _daily(world)
    session = world.gw.create(
        Session,
        [{"client": [client.id], "session_date": at(TODAY, 8), "status": "Completed", "satisfaction": 2}],
    )[0]
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "sessions", [session.id], {session.id: {"status", "satisfaction"}})
    got = world.gw.get(Client, client.id)
    assert got.risk_level == "High"
    assert "Critical: latest rating 2/5" in (got.health_breakdown or "")
    (alert,) = _alerts(world)
    assert alert.status == "Sent" and "rating 2/5" in (alert.body or "") and alert.client == [client.id]
    assert "Suggested next step" in (alert.body or "")

    for day in (NOW, NOW + timedelta(hours=1)):
        _daily(world, day)
    assert len(_alerts(world)) == 1  # the transition was alerted once; the next runs find it High already


def test_health_on_invoice__35_days_overdue_is_high(world):
    pkg = add_package(world.gw)
    (client,) = add_healthy_clients(world.gw, TODAY, 1, pkg)
    inv = world.gw.create(
        Invoice,
        [
            {
                "invoice_number": "INV-9",
                "client": [client.id],
                "status": "Sent",
                "due_date": TODAY - timedelta(days=35),
            }
        ],
    )[0]
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "invoices", [inv.id], {inv.id: {"status"}})
    got = world.gw.get(Client, client.id)
    assert got.risk_level == "High" and "INV-9 35 days overdue" in (got.health_breakdown or "")


def test_health_daily__completed_clients_are_left_alone(world):
    pkg = add_package(world.gw)
    (client,) = add_healthy_clients(world.gw, TODAY, 1, pkg)
    world.gw.update(Client, [(client, {"status": "Completed"})])
    summary, _ = _daily(world)
    assert summary["clients"] == 0 and world.gw.get(Client, client.id).health_score is None


def test_health_on_action_item__completing_a_due_item_raises_the_score(world):
    pkg = add_package(world.gw)
    (client,) = add_healthy_clients(world.gw, TODAY, 1, pkg)
    item = world.gw.create(
        ActionItem,
        [
            {
                "description": "Draft the plan",
                "client": [client.id],
                "due_date": TODAY - timedelta(days=5),
                "status": "Open",
                "assigned_to": "Client",
            }
        ],
    )[0]
    _daily(world)
    before = world.gw.get(Client, client.id)
    assert before.health_score < 100 and "1 of 2 firm action items" in before.health_breakdown
    world.gw.update(ActionItem, [(item, {"status": "Complete"})])
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "action_items", [item.id], {item.id: {"status"}})
    after = world.gw.get(Client, client.id)
    assert (after.health_score, after.previous_health_score, after.health_trend) == (
        100,
        before.health_score,
        "Improving",
    )


def _paused_client_with_an_overdue_item(world, **fields):
    """Paused, once healthy (80, Low), unrated sessions two months back, one firm item 5 days overdue."""
    client = world.gw.create(Client, [{"name": "Grace", "status": "Paused", "start_date": TODAY - timedelta(
        days=400), "health_score": 80, "risk_level": "Low", **fields}])[0]  # fmt: skip
    world.gw.create(Session, [{"client": [client.id], "session_date": at(TODAY - timedelta(days=60)),
                               "status": "Completed"}])  # fmt: skip
    item = {"description": "Draft the plan", "client": [client.id], "status": "Open", "assigned_to": "Client"}
    world.gw.create(ActionItem, [{**item, "due_date": TODAY - timedelta(days=5)}])
    return client


def test_health_daily__a_paused_client_raises_no_alert_for_what_her_break_does_to_the_score(world):
    client = _paused_client_with_an_overdue_item(world)
    _daily(world)
    scored = world.gw.get(Client, client.id)
    assert scored.health_score < 50  # what is left to count is the overdue item: the score shows it
    assert _alerts(world) == []  # but the coach paused her: no alert about it


def test_health_daily__a_paused_client_with_an_invoice_long_overdue_is_still_alerted(world):
    client = _paused_client_with_an_overdue_item(world)
    world.gw.create(Invoice, [{"invoice_number": "INV-7", "client": [client.id], "status": "Sent",
                               "due_date": TODAY - timedelta(days=35)}])  # fmt: skip
    _daily(world)
    (alert,) = _alerts(world)
    assert "INV-7" in (alert.body or "") and world.gw.get(Client, client.id).risk_level == "High"


def test_health_daily__a_paused_client_already_high_is_not_alerted_again_for_the_drop_her_break_makes(world):
    """Already High risk (the coach was told), then paused: her score falls with the break (what is left to
    count is overdue), a drop of 30+ points, but nothing she did not know: no second alert."""
    client = _paused_client_with_an_overdue_item(world, risk_level="High")
    world.gw.create(Invoice, [{"invoice_number": "INV-8", "client": [client.id], "status": "Sent",
                               "due_date": TODAY - timedelta(days=35)}])  # fmt: skip
    _daily(world)
    scored = world.gw.get(Client, client.id)
    assert 80 - scored.health_score >= HealthSettings().alert_drop_points and scored.risk_level == "High"
    assert _alerts(world) == []


def test_health_on_session__a_booking_costs_no_reads(world):
    pkg = add_package(world.gw)
    (client,) = add_healthy_clients(world.gw, TODAY, 1, pkg)
    booked = world.gw.create(
        Session,
        [{"client": [client.id], "session_date": at(TODAY + timedelta(days=7)), "status": "Scheduled"}],
    )[0]
    since = world.server.mark()
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "sessions", [booked.id], created=[booked.id])
    calls = per_table(world, since)
    assert calls[("GET", "Clients")] == 0 and calls[("PATCH", "Clients")] == 0


def test_health_daily__reads_an_unpaid_invoice_typed_without_a_due_date(world):
    # No package (cadence not counted), rated 5 three days ago, one Sent invoice with no Due Date: counted
    # weights recency 20 + satisfaction 25 + payment 10 = 55, so payment holds 10/55 of 100 = 18 points.
    client = world.gw.create(
        Client, [{"name": "Ida", "status": "Active", "start_date": TODAY - timedelta(days=400)}]
    )[0]
    world.gw.create(Session, [{"client": [client.id], "session_date": NOW - timedelta(days=3),
                               "status": "Completed", "satisfaction": 5}])  # fmt: skip
    world.gw.create(
        Invoice, [{"invoice_number": "INV-9", "client": [client.id], "total": 90, "status": "Sent"}]
    )
    _daily(world)
    scored = world.gw.get(Client, client.id)
    assert scored.health_score == 100
    assert (
        "Payment: 18/18 (nothing overdue (1 invoice, 1 not yet due))" in scored.health_breakdown.splitlines()
    )


def test_health_daily__reads_items_left_open_long_past_their_day_as_the_webhook_path_does(world):
    """An item still open 120 days after its day is not followed through: the daily job's listing (limited
    to the lookback) still reads it, so the morning's score agrees with the one a change to her records
    makes; one done that long ago is not read."""
    pkg = add_package(world.gw)
    (client,) = add_healthy_clients(world.gw, TODAY, 1, pkg)
    old = [("Open", 120), ("Complete", 130), ("In Progress", 150)]
    mine = {"client": [client.id], "assigned_to": "Client"}
    world.gw.create(
        ActionItem, [mine | {"due_date": TODAY - timedelta(days=d), "status": st} for st, d in old]
    )
    _, calls = _daily(world)
    assert calls[("GET", "Action Items")] == 1
    daily = world.gw.get(Client, client.id)
    assert "Follow-through: 6/17 (1 of 3 firm action items due were completed)" in daily.health_breakdown
    item = world.gw.create(
        ActionItem, [mine | {"due_date": TODAY - timedelta(days=1), "status": "Complete"}]
    )[0]
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "action_items", [item.id], {item.id: {"status"}})
    assert "(2 of 4 firm action items due were completed)" in world.gw.get(Client, client.id).health_breakdown


def test_health__a_client_resumed_after_two_months_is_given_time_before_she_is_late(world):
    """Paused two months by the coach and set Active again (the webhook): not High, no alert, for a break
    she chose; 46 days after the resume with still no session, High (and that is news)."""
    pkg = add_package(world.gw)
    (client,) = add_healthy_clients(world.gw, TODAY - timedelta(days=60), 1, pkg)  # sessions until the pause
    world.gw.update(Client, [(client, {"status": "Paused"})])
    _daily(world, NOW - timedelta(days=1))
    paused = world.gw.get(Client, client.id)
    world.gw.update(Client, [(paused, {"status": "Active"})])
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "clients", [client.id], {client.id: {"status"}})
    resumed = world.gw.get(Client, client.id)
    assert resumed.risk_level != "High" and _alerts(world) == []

    _daily(world, NOW + timedelta(days=20))  # within the window: still not late
    assert world.gw.get(Client, client.id).risk_level != "High" and _alerts(world) == []
    _daily(world, NOW + timedelta(days=46))
    late = world.gw.get(Client, client.id)
    assert late.risk_level == "High"
    assert f"no completed session in 46 days (since the resume on {TODAY})" in late.health_breakdown
    assert len(_alerts(world)) == 1


def test_health_daily__a_client_paused_before_her_first_score_and_resumed_is_not_late_for_the_break(world):
    """Paused two months before health scoring saw her (Paused On typed by the coach), Active again: the
    first daily score counts the break as hers (not High, no alert, Resumed On stamped), and the item that
    fell due 20 days into the break is not overdue: she had 20 days left on it when the break began, so it
    is due 20 days after the resume."""
    pkg = add_package(world.gw)
    (client,) = add_healthy_clients(world.gw, TODAY - timedelta(days=60), 1, pkg)  # sessions until the pause
    world.gw.update(Client, [(client, {"paused_on": TODAY - timedelta(days=60)})])
    item = {"description": "Draft the plan", "client": [client.id], "status": "Open", "assigned_to": "Client"}
    world.gw.create(ActionItem, [{**item, "due_date": TODAY - timedelta(days=40)}])
    _daily(world)
    got = world.gw.get(Client, client.id)
    assert got.risk_level != "High" and _alerts(world) == []
    assert (got.paused_on, got.resumed_on) == (TODAY - timedelta(days=60), TODAY)
    assert "Follow-through: not counted" not in got.health_breakdown  # the item done before the break
    assert "1 of 1 firm action items due were completed" in got.health_breakdown

    _daily(world, NOW + timedelta(days=19))
    assert "1 of 1 firm action items" in world.gw.get(Client, client.id).health_breakdown
    _daily(world, NOW + timedelta(days=21))  # a day past its date once the break is taken out
    later = world.gw.get(Client, client.id)
    # (the item done 91 days ago has left the 90-day window; the moved one is now overdue)
    assert "0 of 1 firm action items due were completed (1 due during the pause" in later.health_breakdown
    assert later.resumed_on == TODAY
