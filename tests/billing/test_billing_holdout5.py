"""The fifth billing holdout (data/holdout5_billing.json, written from the business's intent and Stripe's
documentation before any run, on situations the first four do not have): the agreement reached through the
pure rules, through the billing run on the local server and through the overdue rules, and scenarios over the
local server, each with the expectation written in the data file (bench/RESULTS-billing.md, "Holdout 5").

Billing: a client's own zone at the month's edge (New York, Sydney), a per-session client who starts later,
a retainer that starts the month after a kickoff, sessions waived or paid by hand, a session set Completed
ahead of time, a package with no Billing kind, a run caught up across the year end, a half-price late
cancellation on 99.99, 8.25 % tax, a retainer split at 50 %, a switch to a retainer with an older session
left over, a half no-show on 75.55, a retainer whose only session was set back to Scheduled.
Overdue: won, a flat fee lowered or switched off after one was charged, a custom and an empty reminder
schedule, grace across the year end. Scenarios: two failed Stripe payments then paid, two runs at once, an
associate with only waived sessions, a Completed session with no client, tax changed between runs.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from automation.models import Associate, Client, Invoice, Package, Session
from automation.money import dec
from automation.settings import settings_from_mapping
from tests.billing.holdout import (
    alerts,
    coach_changes,
    compare,
    daily,
    load,
    parting_overdue,
    parting_through_the_rules,
    parting_through_the_run,
    statements,
    stripe_event,
    stripe_invoice_paid,
)
from tests.leads.http_world import make_world

DATA = load("holdout5_billing.json")
BILLING = {c["name"]: c for c in DATA["billing"]}
OVERDUE = {c["name"]: c for c in DATA["overdue"]}
SCENARIOS = {c["name"]: c for c in DATA["scenarios"]}

# Cases still parting from their expectation, with the fields they part on (bench/RESULTS-billing.md,
# Holdout 5, says why each is left open).
OPEN: dict[str, set[str]] = {}
OPEN_OVERDUE: set[str] = set()
AGREED, AGREED_OVERDUE = 18, 6
# Scenario -> the fields it still parts on.
OPEN_SCENARIOS: dict[str, set[str]] = {}
SETTLE = {"billing.claim_settle_s": "0.2", "billing.bill_from": "2026-01-01"}


def test_holdout5__billing_agreement_through_the_rules() -> None:
    assert parting_through_the_rules(DATA) == OPEN
    assert len(BILLING) - len(OPEN) >= AGREED


def test_holdout5__billing_agreement_through_the_run_on_the_local_server(server, tmp_path) -> None:
    """Every case as a client in a base, read back: parting where the rules part, on the same fields."""
    assert parting_through_the_run(server, tmp_path, DATA) == OPEN


def test_holdout5__overdue_agreement() -> None:
    assert parting_overdue(DATA) == OPEN_OVERDUE
    assert len(OVERDUE) - len(OPEN_OVERDUE) >= AGREED_OVERDUE


# Scenarios over the local server ------------------------------------------------------------------------


@pytest.fixture
def world(server, tmp_path):
    return make_world(server, tmp_path, **SETTLE)


def _clients(world, n: int = 1, price: str = "300") -> list[Client]:
    """`n` per-session clients on one package at `price`, started 1 Jan 2026."""
    (pkg,) = world.gw.create(Package, [{"name": "Plan", "billing": "Per Session", "price": Decimal(price)}])
    rows = [
        {"name": f"Client {i}", "email": f"c{i}@acme.example", "status": "Active", "package": [pkg.id],
         "start_date": date(2026, 1, 1)}
        for i in range(n)
    ]  # fmt: skip
    return world.gw.create(Client, rows)


def _session(client: Client | None, day: datetime, status: str = "Completed", assoc=None) -> dict:
    return {
        "name": f"s {day:%d %b}",
        "client": [client.id] if client else [],
        "associate": [assoc.id] if assoc else [],
        "status": status,
        "session_date": day,
    }


def test_holdout5__scenario_payment_failed_twice_then_paid(app, world, stripe_fake) -> None:
    from tests.billing.fake_stripe import invoice_payment
    from tests.billing.test_stripe_refunds_http import deliver

    want = SCENARIOS["Stripe: payment failed twice, then paid three days later"]["expected"]
    (client,) = world.gw.create(Client, [{"name": "Jo Park", "email": "jo@acme.example"}])
    (inv,) = world.gw.create(
        Invoice,
        [{"invoice_number": "INV-0001", "client": [client.id], "period": "2026-11", "amount": Decimal("300"),
          "tax_amount": Decimal("60"), "late_fees": Decimal("0"), "total": Decimal("360"),
          "date_created": date(2026, 12, 1), "date_sent": date(2026, 12, 1), "due_date": date(2026, 12, 15),
          "status": "Sent", "stripe_id": "in_H5"}],
    )  # fmt: skip
    for attempt, day in ((1, 10), (2, 12)):
        obj = {"id": "in_H5", "object": "invoice", "metadata": {"airtable_id": inv.id}, "status": "open",
               "attempt_count": attempt, "amount_due": 36000, "currency": "gbp"}  # fmt: skip
        at = datetime(2026, 12, day, 9, tzinfo=UTC)
        deliver(app, stripe_event("invoice.payment_failed", obj, f"evt_fail_{attempt}", at))
    status_after_failures = world.gw.get(Invoice, inv.id).status
    failed = [m for m in alerts(world) if inv.id in (m.invoice or []) or "INV-0001" in (m.body or "")]
    stripe_fake.invoice_payments.append(invoice_payment("in_H5", "pi_h5", 36000))
    deliver(app, stripe_invoice_paid("in_H5", inv.id, datetime(2026, 12, 15, 9, tzinfo=UTC), "evt_paid"))
    after = world.gw.get(Invoice, inv.id)
    got = {
        "failed_alerts": len(failed),
        "status_after_failures": status_after_failures,
        "status": after.status,
        "payment_date": after.payment_date.isoformat() if after.payment_date else None,
        "ltv": f"{dec(world.gw.get(Client, client.id).ltv):.2f}",
    }
    assert got == want


def test_holdout5__scenario_two_runs_at_once_on_the_first(world) -> None:
    want = SCENARIOS["two billing runs at once on the 1st"]["expected"]
    clients = _clients(world, 3)
    world.gw.create(Session, [_session(c, datetime(2026, 11, 10 + i, 10, tzinfo=UTC)) for i, c in
                              enumerate(clients)])  # fmt: skip
    errors: list[BaseException] = []

    def run() -> None:
        try:
            daily(world, date(2026, 12, 1))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    invoices = world.gw.all(Invoice)
    got = {
        "invoices": len(invoices),
        "numbers": sorted(i.invoice_number or "" for i in invoices),
        "clients_billed": len({i.client[0] for i in invoices if i.client}),
    }
    assert got == want


def test_holdout5__scenario_an_associate_with_only_waived_sessions(world) -> None:
    want = SCENARIOS["a payout for an associate whose only sessions were cancelled in good time"]["expected"]
    (c,) = _clients(world)
    ann, bo = world.gw.create(
        Associate,
        [{"name": "Ann", "email": "ann@example.com", "commission_pct": 0.4},
         {"name": "Bo", "email": "bo@example.com", "commission_pct": 0.3}],
    )  # fmt: skip
    world.gw.create(
        Session,
        [_session(c, datetime(2026, 11, 5, 10, tzinfo=UTC), assoc=ann),
         _session(c, datetime(2026, 11, 12, 10, tzinfo=UTC), assoc=ann),
         {**_session(c, datetime(2026, 11, 19, 10, tzinfo=UTC), "Cancelled", bo),
          "cancelled_at": datetime(2026, 11, 16, 10, tzinfo=UTC)}],
    )  # fmt: skip
    daily(world, date(2026, 12, 1))
    daily(world, date(2026, 12, 2))
    got_statements = statements(world, "November 2026")
    got = {
        "ann": got_statements.get("Ann"),
        "bo_statements": int("Bo" in got_statements),
        "alerts_naming_bo": len([m for m in alerts(world) if " Bo" in (m.subject or "") + (m.body or "")]),
    }
    assert got == want


def test_holdout5__scenario_a_completed_session_with_no_client(world) -> None:
    want = SCENARIOS["a Completed session linked to no client"]["expected"]
    (c,) = _clients(world)
    (ann,) = world.gw.create(Associate, [{"name": "Ann", "email": "ann@example.com", "commission_pct": 0.4}])
    _, orphan = world.gw.create(
        Session,
        [_session(c, datetime(2026, 11, 5, 10, tzinfo=UTC), assoc=ann),
         _session(None, datetime(2026, 11, 12, 10, tzinfo=UTC), assoc=ann)],
    )  # fmt: skip
    run = daily(world, date(2026, 12, 1))
    got = {
        "invoices": len(world.gw.all(Invoice)),
        "orphan_named": any(p.record_id == orphan.id for p in run["problems"]),
        "orphan_invoice_status": world.gw.get(Session, orphan.id).invoice_status,
        "ann": statements(world, "November 2026").get("Ann"),
    }
    assert got == want


def test_holdout5__scenario_tax_rate_changed_between_runs(world) -> None:
    want = SCENARIOS["tax rate changed in Settings between the November and December runs"]["expected"]
    (c,) = _clients(world)
    world.gw.create(
        Session,
        [_session(c, datetime(2026, 11, 5, 10, tzinfo=UTC)),
         _session(c, datetime(2026, 12, 8, 10, tzinfo=UTC))],
    )  # fmt: skip
    daily(world, date(2026, 12, 1))
    world.settings = settings_from_mapping(
        {"messages.claim_settle_s": "0.3", **SETTLE, "billing.tax_rate": "5%"}
    )  # the coach's edit in Settings, read by the next run
    daily(world, date(2027, 1, 1))
    by_period = {i.period: i for i in world.gw.all(Invoice)}
    nov, dec_ = by_period.get("2026-11"), by_period.get("2026-12")
    got = {
        "november_tax": f"{dec(nov.tax_amount):.2f}" if nov else None,
        "december_tax": f"{dec(dec_.tax_amount):.2f}" if dec_ else None,
        "december_total": f"{dec(dec_.total):.2f}" if dec_ else None,
    }
    assert got == want


# Batch B2 (written after the first look and the fee fix, before running it) -----------------------------


def test_holdout5__scenario_b2_a_leaver_billed_to_date_then_a_wrap_up_session(world) -> None:
    from automation.billing.automations import bill_client

    name = "B2 a client billed to date on 15 Nov (leaving), then a wrap-up session on 20 Nov"
    want = SCENARIOS[name]["expected"]
    (c,) = _clients(world)
    world.gw.create(Session, [_session(c, datetime(2026, 11, 5, 10, tzinfo=UTC))])
    ctx = world.ctx(now=datetime(2026, 11, 15, 15, tzinfo=UTC), job="bill-client")
    with ctx.run:
        bill_client(ctx, [c])
    assert len(world.gw.all(Invoice)) == 1  # billed to date
    (s2,) = world.gw.create(Session, [_session(c, datetime(2026, 11, 20, 10, tzinfo=UTC))])
    daily(world, date(2026, 12, 1))
    invoices = sorted(world.gw.all(Invoice), key=lambda i: i.invoice_number or "")
    got = {
        "invoices_by_1_dec": len(invoices),
        "second_total": f"{dec(invoices[1].total):.2f}" if len(invoices) > 1 else None,
        "s2_invoice_status": world.gw.get(Session, s2.id).invoice_status,
    }
    assert set(compare(want, got)) == OPEN_SCENARIOS.get(name, set()), got


def test_holdout5__scenario_b2_an_overdue_invoice_whose_client_was_deleted(world) -> None:
    from automation.models import Message

    want = SCENARIOS["B2 an overdue invoice whose client was deleted"]["expected"]
    (c,) = _clients(world)
    (inv,) = world.gw.create(
        Invoice,
        [{"invoice_number": "INV-0001", "client": [c.id], "period": "2026-10", "amount": Decimal("300"),
          "tax_amount": Decimal("60"), "late_fees": Decimal("0"), "total": Decimal("360"),
          "date_created": date(2026, 11, 17), "date_sent": date(2026, 11, 17), "due_date": date(2026, 12, 1),
          "status": "Sent", "reminders": "-3,0"}],
    )  # fmt: skip
    world.gw.delete(Client, [c.id])
    daily(world, date(2026, 12, 8))
    daily(world, date(2026, 12, 9))
    drafts = [m for m in world.gw.all(Message) if m.kind == "Payment Reminder" and m.status != "Cancelled"]
    told = [m for m in alerts(world) if "INV-0001" in (m.subject or "") + (m.body or "")]
    got = {
        "status": world.gw.get(Invoice, inv.id).status,
        "reminder_drafts": len(drafts),
        "alerts": len(told),
    }
    assert got == want, [(m.kind, m.subject) for m in alerts(world)]


def test_holdout5__scenario_b2_paid_the_day_it_was_made(world) -> None:
    from automation.models import Message

    name = "B2 an invoice paid the same day it was made, before its email was approved (no Stripe)"
    want = SCENARIOS[name]["expected"]
    (c,) = _clients(world)
    world.gw.create(Session, [_session(c, datetime(2026, 11, 5, 10, tzinfo=UTC))])
    daily(world, date(2026, 12, 1))
    (inv,) = world.gw.all(Invoice)
    coach_changes(world, inv, {"status": "Paid"}, datetime(2026, 12, 1, 16, tzinfo=UTC))
    after = world.gw.get(Invoice, inv.id)
    waiting = [
        m for m in world.gw.all(Message)
        if m.kind == "Invoice" and m.status in ("Draft", "Approved") and inv.id in (m.invoice or [])
    ]  # fmt: skip
    got = {
        "status": after.status,
        "payment_date": after.payment_date.isoformat() if after.payment_date else None,
        "ltv": f"{dec(world.gw.get(Client, c.id).ltv):.2f}",
        "emails_waiting": len(waiting),
        "waiting_says_paid": all("paid" in ((m.subject or "") + (m.body or "")).lower() for m in waiting),
    }
    assert got == want, [(m.kind, m.status, m.subject) for m in world.gw.all(Message)]
