"""The second billing holdout (data/holdout2_billing.json, written from the rules' intent before any run, on
situations the first holdout does not have): the agreement reached through the pure rules, through the
billing run on the local server and through the overdue rules, and six scenarios over the local server, each
with the expectation written in the data file (bench/RESULTS-billing.md, "Holdout 2").

Billing: yen (a half-charged no-show, a retainer's cuts) and dinars (to Stripe's ten fils), tax 8.875 % typed
two ways, many small lines, five sessions on a four-a-month retainer, two packages linked, commissions of
100 %, 0 % and 12.5 %, a missed billing day, terms ending on the 31st and over a 30-day month, a session on
the run's own morning, an uncharged no-show on a retainer, a past session left Scheduled, a cancellation
after the start, a retainer month with only a waived cancellation, an undated session. Overdue: yen and dinar
fees, void, partly refunded, the last day of grace on the 31st, no grace, no fee allowed, fees owed after the
job was down, reminders typed with spaces. Scenarios: reruns on the day and the next with a session completed
after the run, a session cancelled after it was invoiced, a Void by the coach, an associate with no session,
a payment in grace recorded after the fee, a Stripe customer that no longer exists.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from pydantic import SecretStr

from automation.billing.automations import billing_daily
from automation.billing.delivery import overdue_daily
from automation.billing.invoices import Period
from automation.billing.payments import on_marked_paid
from automation.billing.run import billing_run
from automation.models import Associate, Client, Invoice, Message, Package, Session
from automation.money import dec
from tests.billing.fake_stripe import FakeStripe
from tests.billing.holdout import (
    compare,
    load,
    overdue_outcome,
    parting_overdue,
    parting_through_the_rules,
    parting_through_the_run,
    pure_outcome,
)
from tests.leads.http_world import make_world

DATA = load("holdout2_billing.json")
BILLING = {c["name"]: c for c in DATA["billing"]}
OVERDUE = {c["name"]: c for c in DATA["overdue"]}
SCENARIOS = {c["name"]: c for c in DATA["scenarios"]}

# Cases still parting from their expectation (none after the fixes), with the fields they part on; what the
# holdout left open lies outside these cases (bench/RESULTS-billing.md, Holdout 2).
OPEN: dict[str, set[str]] = {}
OPEN_OVERDUE: set[str] = set()
# The agreement reached (first look: billing 20 of 20 through the rules and the run, overdue 11 of 11,
# scenarios 4 of 6; the B2 batch, written after that look: billing 0 of 2, overdue 0 of 2, scenarios 1 of 2;
# after the fixes every case and scenario).
AGREED, AGREED_OVERDUE = 22, 13


def test_holdout2__billing_agreement_through_the_rules() -> None:
    assert parting_through_the_rules(DATA) == OPEN
    assert len(BILLING) - len(OPEN) >= AGREED


def test_holdout2__billing_agreement_through_the_run_on_the_local_server(server, tmp_path) -> None:
    """Every case as a client in a base, read back: parting where the rules part, on the same fields."""
    assert parting_through_the_run(server, tmp_path, DATA) == OPEN


def test_holdout2__overdue_agreement() -> None:
    assert parting_overdue(DATA) == OPEN_OVERDUE
    assert len(OVERDUE) - len(OPEN_OVERDUE) >= AGREED_OVERDUE


@pytest.mark.parametrize("name", sorted(set(BILLING) - set(OPEN)))
def test_holdout2__billing_situation(name: str) -> None:
    assert compare(BILLING[name]["expected"], pure_outcome(BILLING[name], DATA)) == {}


@pytest.mark.parametrize("name", sorted(set(OVERDUE) - OPEN_OVERDUE))
def test_holdout2__overdue_situation(name: str) -> None:
    assert compare(OVERDUE[name]["expected"], overdue_outcome(OVERDUE[name])) == {}


# Scenarios over the local server ------------------------------------------------------------------------


def _at(day: date, hour: int = 7) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _seed(world, sessions: list[tuple[str, datetime, str]], *, associates=("ann",), **client) -> dict:
    """A Per Session client at 300 with Ann at 40 % (and Bo at 30 %); sessions (name, when, status)."""
    gw = world.gw
    (pkg,) = gw.create(Package, [{"name": "Executive", "billing": "Per Session", "price": Decimal("300")}])
    made = gw.create(
        Associate,
        [{"name": n.title(), "email": f"{n}@example.com", "commission_pct": {"ann": 0.4, "bo": 0.3}[n]}
         for n in associates],
    )  # fmt: skip
    (c,) = gw.create(
        Client,
        [{"name": "Jo Park", "email": "jo@acme.example", "status": "Active", "package": [pkg.id], **client}],
    )
    rows = [
        {"name": name, "client": [c.id], "session_date": when, "status": status, "associate": [made[0].id]}
        for name, when, status in sessions
    ]
    done = gw.create(Session, rows) if rows else []
    return {
        "client": c,
        "associates": made,
        "sessions": {r["name"]: s for r, s in zip(rows, done, strict=True)},
    }


def _daily(world, now: datetime) -> dict:
    ctx = world.ctx(now=now, budget_s=60, job="billing-daily")
    with ctx.run:
        return billing_daily(ctx)


def _names(seed: dict, ids: list[str]) -> list[str]:
    by_id = {s.id: n for n, s in seed["sessions"].items()}
    return sorted(by_id[i] for i in ids if i in by_id)


def _period_invoices(world, period: str) -> list[Invoice]:
    return [i for i in world.gw.all(Invoice) if i.period == period]


@pytest.fixture
def world(server, tmp_path):
    return make_world(
        server, tmp_path, **{"billing.claim_settle_s": "0.2", "billing.bill_from": "2026-01-01"}
    )


def test_holdout2__scenario_reruns_and_a_session_completed_after_the_run(world) -> None:
    want = SCENARIOS[
        "billed once: the daily run twice on 1 Dec and on 2 Dec; a November session marked Completed on 2 Dec"
    ]["expected"]
    seed = _seed(
        world,
        [("s1", datetime(2026, 11, 10, 10, tzinfo=UTC), "Completed"),
         ("s2", datetime(2026, 11, 27, 10, tzinfo=UTC), "Scheduled")],
    )  # fmt: skip
    _daily(world, _at(date(2026, 12, 1)))
    _daily(world, _at(date(2026, 12, 1), 9))
    world.gw.update(Session, [(seed["sessions"]["s2"], {"status": "Completed"})])
    _daily(world, _at(date(2026, 12, 2), 9))
    (s3,) = world.gw.create(
        Session,
        [{"name": "s3", "client": [seed["client"].id], "session_date": datetime(2026, 12, 8, 10, tzinfo=UTC),
          "status": "Completed"}],
    )  # fmt: skip
    seed["sessions"]["s3"] = s3
    nov = _period_invoices(world, "2026-11")
    statements = [m for m in world.gw.all(Message) if m.kind == "Payout Statement"]
    _daily(world, _at(date(2027, 1, 1)))
    (dec_inv,) = _period_invoices(world, "2026-12")
    got = {
        "november_invoices": len(nov),
        "november_amount": f"{dec(nov[0].amount):.2f}",
        "november_sessions": _names(seed, nov[0].sessions),
        "payout_statements_november": len(statements),
        "december_amount": f"{dec(dec_inv.amount):.2f}",
        "december_sessions": _names(seed, dec_inv.sessions),
        "numbers": sorted(i.invoice_number for i in world.gw.all(Invoice)),
    }
    assert got == want


def test_holdout2__scenario_a_session_cancelled_after_it_was_invoiced(world) -> None:
    want = SCENARIOS["a session on a sent invoice set Cancelled afterwards"]["expected"]
    seed = _seed(
        world,
        [("s1", datetime(2026, 11, 10, 10, tzinfo=UTC), "Completed"),
         ("s2", datetime(2026, 11, 17, 10, tzinfo=UTC), "Completed")],
    )  # fmt: skip
    ctx = world.ctx(now=_at(date(2026, 12, 1)), job="billing")
    with ctx.run:
        billing_run(ctx, Period.of(date(2026, 11, 1)))
    (nov,) = world.gw.all(Invoice)
    world.gw.update(Invoice, [(nov, {"status": "Sent"})])
    world.gw.update(Session, [(seed["sessions"]["s2"], {"status": "Cancelled"})])
    (s3,) = world.gw.create(
        Session,
        [{"name": "s3", "client": [seed["client"].id], "session_date": datetime(2026, 12, 8, 10, tzinfo=UTC),
          "status": "Completed"}],
    )  # fmt: skip
    seed["sessions"]["s3"] = s3
    ctx = world.ctx(now=_at(date(2027, 1, 1)), job="billing")
    with ctx.run:
        billing_run(ctx, Period.of(date(2026, 12, 1)))
    (nov,) = _period_invoices(world, "2026-11")
    (dec_inv,) = _period_invoices(world, "2026-12")
    (s2,) = world.gw.get_many(Session, [seed["sessions"]["s2"].id])
    got = {
        "november_amount": f"{dec(nov.amount):.2f}",
        "s2_invoice_status": s2.invoice_status,
        "december_amount": f"{dec(dec_inv.amount):.2f}",
        "december_sessions": _names(seed, dec_inv.sessions),
    }
    assert got == want


def test_holdout2__scenario_an_invoice_void_by_the_coach(server, tmp_path) -> None:
    want = SCENARIOS[
        "an invoice Void by the coach: never reminded, never charged a fee, its month not billed twice"
    ]["expected"]
    world = make_world(
        server, tmp_path,
        **{"billing.claim_settle_s": "0.2", "billing.bill_from": "2026-01-01",
           "billing.late_fee_kind": "flat", "billing.late_fee_value": "25"},
    )  # fmt: skip
    seed = _seed(
        world,
        [("s1", datetime(2026, 11, 10, 10, tzinfo=UTC), "Completed"),
         ("s2", datetime(2026, 11, 17, 10, tzinfo=UTC), "Completed")],
    )  # fmt: skip
    _daily(world, _at(date(2026, 12, 1)))
    (inv,) = world.gw.all(Invoice)
    (inv,) = world.gw.update(Invoice, [(inv, {"status": "Sent", "date_sent": date(2026, 12, 1)})])
    (inv,) = world.gw.update(Invoice, [(inv, {"status": "Void"})])
    ctx = world.ctx(now=_at(date(2026, 12, 3)), job="invoice-payment")
    with ctx.run:
        for update in on_marked_paid(ctx, [inv]):
            world.gw.update(Invoice, [(update.record, update.fields)])
    world.gw.update(Session, [(seed["sessions"]["s2"], {"invoice_status": "Waived"})])
    _daily(world, _at(date(2026, 12, 4)))
    _daily(world, _at(date(2026, 12, 30)))
    (after,) = world.gw.get_many(Invoice, [inv.id])
    nov = _period_invoices(world, "2026-11")
    _daily(world, _at(date(2027, 1, 1)))
    (dec_inv,) = _period_invoices(world, "2026-12")
    got = {
        "status_after": after.status,
        "late_fees": f"{dec(after.late_fees):.2f}",
        "reminders": after.reminders or "",
        "november_invoices": len(nov),
        "december_sessions": _names(seed, dec_inv.sessions),
        "december_amount": f"{dec(dec_inv.amount):.2f}",
    }
    assert got == want


def test_holdout2__scenario_an_associate_without_a_session_gets_no_statement(world) -> None:
    want = SCENARIOS["an associate with no session in the month gets no payout statement"]["expected"]
    _seed(world, [("s1", datetime(2026, 11, 10, 10, tzinfo=UTC), "Completed")], associates=("ann", "bo"))
    _daily(world, _at(date(2026, 12, 1)))
    statements = [m for m in world.gw.all(Message) if m.kind == "Payout Statement"]
    assert {"statements_to": sorted(m.recipient.split("@")[0] for m in statements)} == want


def test_holdout2__scenario_paid_in_grace_recorded_after_the_fee(server, tmp_path) -> None:
    want = SCENARIOS["paid on the last day of grace, recorded by the coach after the fee was added"][
        "expected"
    ]
    world = make_world(
        server, tmp_path,
        **{"billing.claim_settle_s": "0.2", "billing.late_fee_kind": "flat", "billing.late_fee_value": "25"},
    )  # fmt: skip
    seed = _seed(world, [])
    (inv,) = world.gw.create(
        Invoice,
        [{"invoice_number": "INV-0100", "client": [seed["client"].id], "period": "2026-10",
          "amount": Decimal("300"), "tax_amount": Decimal("60"), "late_fees": Decimal("0"),
          "total": Decimal("360"),
          "date_created": date(2026, 11, 6), "date_sent": date(2026, 11, 6), "due_date": date(2026, 11, 20),
          "status": "Sent", "reminders": "-3,0"}],
    )  # fmt: skip
    ctx = world.ctx(now=_at(date(2026, 11, 28)), job="billing-daily")
    with ctx.run:
        overdue_daily(ctx)
    (charged,) = world.gw.get_many(Invoice, [inv.id])
    (paid,) = world.gw.update(Invoice, [(charged, {"status": "Paid", "payment_date": date(2026, 11, 27)})])
    ctx = world.ctx(now=_at(date(2026, 11, 30)), job="invoice-payment")
    with ctx.run:
        for update in on_marked_paid(ctx, [paid]):
            world.gw.update(Invoice, [(update.record, update.fields)])
    (after,) = world.gw.get_many(Invoice, [inv.id])
    got = {
        "fee_on_28_nov": f"{dec(charged.late_fees):.2f}",
        "late_fees": f"{dec(after.late_fees):.2f}",
        "total": f"{dec(after.total):.2f}",
        "payment_date": after.payment_date.isoformat() if after.payment_date else None,
    }
    assert got == want


def test_holdout2__scenario_a_stripe_customer_that_no_longer_exists(server, tmp_path) -> None:
    want = SCENARIOS["a client whose Stripe customer no longer exists"]["expected"]
    with FakeStripe() as fake:
        world = make_world(
            server, tmp_path, **{"billing.claim_settle_s": "0.2", "billing.bill_from": "2026-01-01"}
        )
        world.config = world.config.model_copy(
            update={"stripe_secret_key": SecretStr("sk_test_fake_0123"), "stripe_api_base": fake.url}
        )
        seed = _seed(
            world,
            [("s1", datetime(2026, 11, 10, 10, tzinfo=UTC), "Completed")],
            stripe_customer_id="cus_gone",
        )
        ctx = world.ctx(now=_at(date(2026, 12, 1)), job="billing")
        with ctx.run:
            billing_run(ctx, Period.of(date(2026, 11, 1)))
    (inv,) = world.gw.all(Invoice)
    (client,) = world.gw.get_many(Client, [seed["client"].id])
    got = {
        "status": inv.status,
        "customer_replaced": bool(client.stripe_customer_id) and client.stripe_customer_id != "cus_gone",
        "payment_link": bool(inv.payment_link),
    }
    assert got == want


def test_holdout2__scenario_a_session_linked_to_two_clients(world) -> None:
    want = SCENARIOS["B2 a session linked to two clients (a joint session)"]["expected"]
    gw = world.gw
    pj, pl = gw.create(
        Package,
        [{"name": "Executive", "billing": "Per Session", "price": Decimal("300")},
         {"name": "Essentials", "billing": "Per Session", "price": Decimal("250")}],
    )  # fmt: skip
    jo, lee = gw.create(
        Client,
        [{"name": "Jo Park", "email": "jo@acme.example", "status": "Active", "package": [pj.id]},
         {"name": "Lee Chan", "email": "lee@acme.example", "status": "Active", "package": [pl.id]}],
    )  # fmt: skip
    _, s2, _ = gw.create(
        Session,
        [{"name": "s1", "client": [jo.id], "session_date": datetime(2026, 11, 10, 10, tzinfo=UTC),
          "status": "Completed"},
         {"name": "s2", "client": [jo.id, lee.id], "session_date": datetime(2026, 11, 17, 10, tzinfo=UTC),
          "status": "Completed"},
         {"name": "s3", "client": [lee.id], "session_date": datetime(2026, 11, 24, 10, tzinfo=UTC),
          "status": "Completed"}],
    )  # fmt: skip
    ctx = world.ctx(now=_at(date(2026, 12, 1)), job="billing")
    with ctx.run:
        billing_run(ctx, Period.of(date(2026, 11, 1)))
    by_client = {i.client[0]: i for i in gw.all(Invoice)}
    (s2,) = gw.get_many(Session, [s2.id])
    got = {
        "jo_amount": f"{dec(by_client[jo.id].amount):.2f}" if jo.id in by_client else None,
        "lee_amount": f"{dec(by_client[lee.id].amount):.2f}" if lee.id in by_client else None,
        "s2_invoice_status": s2.invoice_status,
        "s2_named": any(p.table == "sessions" and p.record_id == s2.id for p in ctx.run.problems),
    }
    assert got == want


def test_holdout2__scenario_paid_through_stripe_late_on_the_last_day_of_grace_far_west(
    server, tmp_path
) -> None:
    from automation.billing.payments import on_invoice_paid

    want = SCENARIOS["B2 paid through Stripe at 23:30 on the last day of grace, in Los Angeles"]["expected"]
    world = make_world(
        server, tmp_path,
        **{"billing.claim_settle_s": "0.2", "general.time_zone": "America/Los_Angeles",
           "billing.late_fee_kind": "flat", "billing.late_fee_value": "25"},
    )  # fmt: skip
    seed = _seed(world, [])
    (inv,) = world.gw.create(
        Invoice,
        [{"invoice_number": "INV-0100", "client": [seed["client"].id], "period": "2026-10",
          "amount": Decimal("300"), "tax_amount": Decimal("60"), "late_fees": Decimal("0"),
          "total": Decimal("360"), "date_created": date(2026, 11, 6), "date_sent": date(2026, 11, 6),
          "due_date": date(2026, 11, 20), "status": "Sent", "reminders": "-3,0,7", "stripe_id": "in_grace"}],
    )  # fmt: skip
    ctx = world.ctx(now=datetime(2026, 11, 28, 6, 30, tzinfo=UTC), job="billing-daily")
    with ctx.run:
        overdue_daily(ctx)
    paid_at = int(datetime(2026, 11, 28, 7, 30, tzinfo=UTC).timestamp())
    event = {
        "id": "evt_grace",
        "type": "invoice.paid",
        "created": paid_at + 5,
        "data": {"object": {"id": "in_grace", "object": "invoice", "metadata": {"airtable_id": inv.id},
                            "status_transitions": {"paid_at": paid_at}, "paid_out_of_band": False}},
    }  # fmt: skip
    ctx = world.ctx(now=datetime(2026, 11, 28, 7, 31, tzinfo=UTC), job="stripe")
    with ctx.run:
        on_invoice_paid(ctx, event)
    ctx = world.ctx(now=datetime(2026, 11, 29, 6, 30, tzinfo=UTC), job="billing-daily")
    with ctx.run:
        overdue_daily(ctx)
    (after,) = world.gw.get_many(Invoice, [inv.id])
    got = {
        "payment_date": after.payment_date.isoformat() if after.payment_date else None,
        "late_fees": f"{dec(after.late_fees):.2f}",
        "total": f"{dec(after.total):.2f}",
        "status": after.status,
    }
    assert got == want
