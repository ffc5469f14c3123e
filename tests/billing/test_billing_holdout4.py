"""The fourth billing holdout (data/holdout4_billing.json, written from the business's intent and Stripe's
documentation before any run, on situations the first three do not have): the agreement reached through the
pure rules, through the billing run on the local server and through the overdue rules, and scenarios over the
local server, each with the expectation written in the data file (bench/RESULTS-billing.md, "Holdout 4").

Billing: yen in Tokyo and dinars in Kuwait at their month edges, commissions of 33.333 % (per session, on a
retainer, split, in yen and dinars), half-hour and 90-minute sessions on a per-session package, a month with
no session, February billed with 30 days' terms, a pause inside the month, a late cancellation on a package
without a late fraction, a cancellation without a Cancelled At, a retainer month with only a no-show.
Overdue: yen and dinar fees, grace across the end of February, an invoice owing nothing. Scenarios: billing
day 31 in February, a session whose associate was deleted, two partial charges refunded in two parts, a
Payment Date typed after Paid, a reminder to a bounced address, a Stripe event replayed a week later.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from automation.models import Associate, Client, Invoice, Message, Package, Session
from automation.money import dec
from tests.billing.holdout import alerts as _alerts
from tests.billing.holdout import coach_changes as _coach_changes
from tests.billing.holdout import (
    compare,
    load,
    parting_overdue,
    parting_through_the_rules,
    parting_through_the_run,
)
from tests.billing.holdout import daily as _daily
from tests.billing.holdout import statements as _statements
from tests.billing.holdout import stripe_event as _event
from tests.billing.holdout import stripe_invoice_paid as _paid
from tests.leads.http_world import make_world

DATA = load("holdout4_billing.json")
BILLING = {c["name"]: c for c in DATA["billing"]}
OVERDUE = {c["name"]: c for c in DATA["overdue"]}
SCENARIOS = {c["name"]: c for c in DATA["scenarios"]}

# Cases still parting from their expectation, with the fields they part on (bench/RESULTS-billing.md,
# Holdout 4, says why each is left open).
OPEN: dict[str, set[str]] = {}
OPEN_OVERDUE: set[str] = set()
# Scenario -> the fields it still parts on (the released sessions wait for the next month's run).
OPEN_SCENARIOS = {
    "B2 an invoice voided after it was sent, then issued again": {
        "numbers",
        "new_total",
        "new_period",
        "ltv",
    },
}
AGREED, AGREED_OVERDUE = 14, 6


def test_holdout4__billing_agreement_through_the_rules() -> None:
    assert parting_through_the_rules(DATA) == OPEN
    assert len(BILLING) - len(OPEN) >= AGREED


def test_holdout4__billing_agreement_through_the_run_on_the_local_server(server, tmp_path) -> None:
    """Every case as a client in a base, read back: parting where the rules part, on the same fields."""
    assert parting_through_the_run(server, tmp_path, DATA) == OPEN


def test_holdout4__overdue_agreement() -> None:
    assert parting_overdue(DATA) == OPEN_OVERDUE
    assert len(OVERDUE) - len(OPEN_OVERDUE) >= AGREED_OVERDUE


# Scenarios over the local server ------------------------------------------------------------------------


@pytest.fixture
def world(server, tmp_path):
    return make_world(
        server, tmp_path, **{"billing.claim_settle_s": "0.2", "billing.bill_from": "2026-01-01"}
    )


def _client(world, billing: str = "Per Session", price: str = "300", **extra) -> Client:
    (pkg,) = world.gw.create(Package, [{"name": "Plan", "billing": billing, "price": Decimal(price)}])
    (c,) = world.gw.create(
        Client,
        [{"name": "Jo Park", "email": "jo@acme.example", "status": "Active", "package": [pkg.id],
          "start_date": date(2026, 1, 1), **extra}],
    )  # fmt: skip
    return c


def test_holdout4__scenario_billing_day_31_in_february(server, tmp_path) -> None:
    want = SCENARIOS["billing day 31 in Settings: February has no 31st"]["expected"]
    world = make_world(
        server, tmp_path,
        **{"billing.claim_settle_s": "0.2", "billing.bill_from": "2026-01-01", "billing.billing_day": "31"},
    )  # fmt: skip
    c = _client(world)
    (ann,) = world.gw.create(Associate, [{"name": "Ann", "email": "ann@example.com", "commission_pct": 0.4}])
    world.gw.create(Session, [{"name": "s1", "client": [c.id], "associate": [ann.id], "status": "Completed",
                               "session_date": datetime(2027, 1, 15, 10, tzinfo=UTC)}])  # fmt: skip
    _daily(world, date(2027, 2, 1))
    _daily(world, date(2027, 2, 27))
    before = len([i for i in world.gw.all(Invoice) if i.period == "2027-01"])
    _daily(world, date(2027, 2, 28))
    jan = [i for i in world.gw.all(Invoice) if i.period == "2027-01"]
    got = {
        "invoices_after_27_feb": before,
        "january_date_created": jan[0].date_created.isoformat() if jan else None,
        "january_amount": f"{dec(jan[0].amount):.2f}" if jan else None,
    }
    assert got == want


def test_holdout4__scenario_a_session_whose_associate_was_removed(world) -> None:
    want = SCENARIOS["a session whose associate was removed from the base"]["expected"]
    c = _client(world)
    ann, bo = world.gw.create(
        Associate,
        [{"name": "Ann", "email": "ann@example.com", "commission_pct": 0.4},
         {"name": "Bo", "email": "bo@example.com", "commission_pct": 0.3}],
    )  # fmt: skip
    _, s2 = world.gw.create(
        Session,
        [{"name": "s1", "client": [c.id], "associate": [ann.id], "status": "Completed",
          "session_date": datetime(2026, 11, 5, 10, tzinfo=UTC)},
         {"name": "s2", "client": [c.id], "associate": [bo.id], "status": "Completed",
          "session_date": datetime(2026, 11, 12, 10, tzinfo=UTC)}],
    )  # fmt: skip
    world.gw.delete(Associate, [bo.id])
    run = _daily(world, date(2026, 12, 1))
    (inv,) = world.gw.all(Invoice)
    told = any(p.record_id == s2.id for p in run["problems"]) or any(
        s2.id in (m.session or []) or "12 Nov" in (m.body or "") for m in _alerts(world)
    )
    got = {
        "amount": f"{dec(inv.amount):.2f}",
        "cut": f"{dec(inv.associate_cut):.2f}",
        "ann_statement": _statements(world, "November 2026").get("Ann"),
        "told": told,
    }
    assert got == want


def _charge(pi: str, amount: int, refunded: int) -> dict:
    return {"id": "ch_" + pi[3:], "object": "charge", "amount": amount, "amount_captured": amount,
            "amount_refunded": refunded, "captured": True, "currency": "gbp", "customer": "cus_SAMPLE",
            "paid": True, "payment_intent": pi, "status": "succeeded", "refunded": refunded == amount,
            "disputed": False, "metadata": {}}  # fmt: skip


def _sent_invoice(
    world, period: str, sent: date, due: date, jo: dict | None = None, **extra
) -> tuple[Client, Invoice]:
    """Jo Park's (with `jo` on her record) INV-0001 for £300 + £60 tax, sent on `sent` and due on `due`."""
    (client,) = world.gw.create(Client, [{"name": "Jo Park", "email": "jo@acme.example", **(jo or {})}])
    (inv,) = world.gw.create(
        Invoice,
        [{"invoice_number": "INV-0001", "client": [client.id], "period": period, "amount": Decimal("300"),
          "tax_amount": Decimal("60"), "late_fees": Decimal("0"), "total": Decimal("360"),
          "date_created": sent, "date_sent": sent, "due_date": due, "status": "Sent", **extra}],
    )  # fmt: skip
    return client, inv


def _stripe_invoice(world) -> tuple[Client, Invoice]:
    return _sent_invoice(world, "2026-11", date(2026, 12, 1), date(2026, 12, 15), stripe_id="in_H4")


def test_holdout4__scenario_two_partial_charges_refunded_in_two_parts(app, world, stripe_fake) -> None:
    from tests.billing.fake_stripe import invoice_payment
    from tests.billing.test_stripe_refunds_http import deliver

    want = SCENARIOS["an invoice paid by two partial charges, then refunded in two parts"]["expected"]
    client, inv = _stripe_invoice(world)
    stripe_fake.invoice_payments.append(invoice_payment("in_H4", "pi_h4a", 20000))
    stripe_fake.invoice_payments.append(invoice_payment("in_H4", "pi_h4b", 16000))
    deliver(app, _paid("in_H4", inv.id, datetime(2026, 12, 10, 9, tzinfo=UTC), "evt_paid"))
    deliver(app, _event("charge.refunded", _charge("pi_h4a", 20000, 10000), "evt_r1",
                        datetime(2026, 12, 12, tzinfo=UTC)))  # fmt: skip
    deliver(app, _event("charge.refunded", _charge("pi_h4b", 16000, 5000), "evt_r2",
                        datetime(2026, 12, 13, tzinfo=UTC)))  # fmt: skip
    after = world.gw.get(Invoice, inv.id)
    got = {
        "status": after.status,
        "refunded": f"{dec(after.refunded):.2f}",
        "ltv": f"{dec(world.gw.get(Client, client.id).ltv):.2f}",
    }
    assert got == want


def test_holdout4__scenario_a_stripe_event_replayed_a_week_later(app, world, stripe_fake) -> None:
    from tests.billing.fake_stripe import invoice_payment
    from tests.billing.test_stripe_refunds_http import deliver

    want = SCENARIOS["a Stripe invoice.paid replayed a week later, after a partial refund"]["expected"]
    client, inv = _stripe_invoice(world)
    stripe_fake.invoice_payments.append(invoice_payment("in_H4", "pi_h4", 36000))
    paid = _paid("in_H4", inv.id, datetime(2026, 12, 10, 9, tzinfo=UTC), "evt_paid_1")
    deliver(app, paid)
    deliver(app, _event("charge.refunded", _charge("pi_h4", 36000, 10000), "evt_r1",
                        datetime(2026, 12, 12, tzinfo=UTC)))  # fmt: skip
    deliver(app, paid)  # the same event, replayed from the dashboard on 17 Dec
    after = world.gw.get(Invoice, inv.id)
    got = {
        "status": after.status,
        "payment_date": after.payment_date.isoformat() if after.payment_date else None,
        "refunded": f"{dec(after.refunded):.2f}",
        "ltv": f"{dec(world.gw.get(Client, client.id).ltv):.2f}",
    }
    assert got == want


def test_holdout4__scenario_payment_date_typed_after_paid(server, tmp_path) -> None:
    want = SCENARIOS["marked Paid by hand (bank transfer), the Payment Date typed afterwards"]["expected"]
    world = make_world(
        server, tmp_path,
        **{"billing.claim_settle_s": "0.2", "billing.late_fee_kind": "flat", "billing.late_fee_value": "25"},
    )  # fmt: skip
    client, inv = _sent_invoice(world, "2026-10", date(2026, 11, 17), date(2026, 12, 1), reminders="-3,0")
    _daily(world, date(2026, 12, 9))
    inv = world.gw.get(Invoice, inv.id)
    assert dec(inv.late_fees) == Decimal("25")  # the fee day came with no payment recorded
    _coach_changes(world, inv, {"status": "Paid"}, datetime(2026, 12, 10, 9, tzinfo=UTC))
    inv = world.gw.get(Invoice, inv.id)
    _coach_changes(world, inv, {"payment_date": date(2026, 12, 5)}, datetime(2026, 12, 10, 9, 5, tzinfo=UTC))
    after = world.gw.get(Invoice, inv.id)
    got = {
        "status": after.status,
        "late_fees": f"{dec(after.late_fees):.2f}",
        "total": f"{dec(after.total):.2f}",
        "payment_date": after.payment_date.isoformat() if after.payment_date else None,
        "ltv": f"{dec(world.gw.get(Client, client.id).ltv):.2f}",
    }
    assert got == want


def test_holdout4__scenario_a_reminder_to_a_bounced_address(world) -> None:
    want = SCENARIOS["an overdue reminder to a client whose email bounced"]["expected"]
    jo = {"email_status": "Bounced"}
    _, inv = _sent_invoice(world, "2026-10", date(2026, 11, 17), date(2026, 12, 1), jo, reminders="-3,0")
    _daily(world, date(2026, 12, 8))
    _daily(world, date(2026, 12, 9))
    drafts = [
        m for m in world.gw.all(Message)
        if m.kind != "System Alert" and inv.id in (m.invoice or []) and m.status != "Cancelled"
    ]  # fmt: skip
    told = [m for m in _alerts(world) if "Jo Park" in (m.body or "") + (m.subject or "")]
    after = world.gw.get(Invoice, inv.id)
    got = {
        "reminder_drafts": len(drafts),
        "alerts": len(told),
        "reminders_field_has_7": "7" in (after.reminders or "").split(","),
    }
    assert got == want, [(m.kind, m.status, m.subject) for m in world.gw.all(Message)]


# Batch B2 (written after the fixes, before running it) ---------------------------------------------------


def _two_sessions(world, ann_pct, bo_pct=None) -> tuple[Client, Associate, Associate | None]:
    c = _client(world)
    rows = [{"name": "Ann", "email": "ann@example.com", "commission_pct": ann_pct}]
    if bo_pct is not False:
        rows.append(
            {"name": "Bo", "email": "bo@example.com", **({"commission_pct": bo_pct} if bo_pct else {})}
        )
    made = world.gw.create(Associate, rows)
    ann, bo = made[0], (made[1] if len(made) > 1 else None)
    world.gw.create(
        Session,
        [{"name": "s1", "client": [c.id], "associate": [ann.id], "status": "Completed",
          "session_date": datetime(2026, 11, 5, 10, tzinfo=UTC)},
         {"name": "s2", "client": [c.id], "associate": [(bo or ann).id], "status": "Completed",
          "session_date": datetime(2026, 11, 12, 10, tzinfo=UTC)}],
    )  # fmt: skip
    return c, ann, bo


def test_holdout4__scenario_b2_an_associate_with_no_rate(world) -> None:
    want = SCENARIOS["B2 an associate with no rate set: held, told once, drafted once the rate is set"][
        "expected"
    ]
    _, _, bo = _two_sessions(world, 0.4)
    for day in (1, 2, 3):
        _daily(world, date(2026, 12, day))
    before = _statements(world, "November 2026")
    world.gw.update(Associate, [(bo, {"commission_pct": 0.3})])
    _daily(world, date(2026, 12, 4))
    after = _statements(world, "November 2026")
    got = {
        "ann": before.get("Ann"),
        "bo_statements_before_rate": int("Bo" in before),
        "alerts_naming_bo": len(
            [m for m in _alerts(world) if re.search(r"\bBo\b", (m.subject or "") + (m.body or ""))]
        ),
        "bo_after_rate": after.get("Bo"),
    }
    assert got == want


def test_holdout4__scenario_b2_voided_after_sent_then_issued_again(world) -> None:
    want = SCENARIOS["B2 an invoice voided after it was sent, then issued again"]["expected"]
    c, _, _ = _two_sessions(world, 0.4, False)
    _daily(world, date(2026, 12, 1))
    (first,) = world.gw.all(Invoice)
    (first,) = world.gw.update(Invoice, [(first, {"status": "Sent", "date_sent": date(2026, 12, 1)})])
    _coach_changes(world, first, {"status": "Void"}, datetime(2026, 12, 2, 9, tzinfo=UTC))
    _daily(world, date(2026, 12, 3))
    _daily(world, date(2026, 12, 4))
    others = [i for i in world.gw.all(Invoice) if i.id != first.id]
    if others:
        _coach_changes(world, others[0], {"status": "Paid"}, datetime(2026, 12, 10, 9, tzinfo=UTC))
    invoices = world.gw.all(Invoice)
    new = [i for i in invoices if i.id != first.id]
    got = {
        "numbers": sorted(i.invoice_number for i in invoices),
        "void": next((i.invoice_number for i in invoices if i.status == "Void"), None),
        "new_total": f"{dec(new[0].total):.2f}" if new else None,
        "new_period": new[0].period if new else None,
        "ltv": f"{dec(world.gw.get(Client, c.id).ltv):.2f}",
    }
    name = "B2 an invoice voided after it was sent, then issued again"
    assert set(compare(want, got)) == OPEN_SCENARIOS[name], got
    assert got["void"] == "INV-0001" and got["numbers"] == ["INV-0001"]  # what happens: nothing until 1 Jan
    (s1, s2) = sorted(world.gw.all(Session), key=lambda s: s.name)
    assert (s1.invoice_status, s2.invoice_status) == ("Not Invoiced", "Not Invoiced")  # released, not lost


def test_holdout4__scenario_b2_a_month_with_no_session_at_all(world) -> None:
    want = SCENARIOS["B2 a billing run in a base with no session at all in the month"]["expected"]
    _client(world)
    _client(world, price="450")
    world.gw.create(Associate, [{"name": "Ann", "email": "ann@example.com", "commission_pct": 0.4}])
    runs = [_daily(world, date(2026, 12, day)) for day in (1, 2)]
    got = {
        "invoices": len(world.gw.all(Invoice)),
        "statements": len(world.gw.all(Message, formula={"kind": "Payout Statement"})),
        "alerts": len(_alerts(world)),
        "problems": sum(len(r["problems"]) for r in runs),
    }
    assert got == want
