"""The third billing holdout (data/holdout3_billing.json, written from the business's intent before any run,
on situations the first two do not have): the agreement reached through the pure rules, through the billing
run on the local server and through the overdue rules, and scenarios over the local server, each with the
expectation written in the data file (bench/RESULTS-billing.md, "Holdout 3").

Billing: a prepaid pack (a Billing kind the run does not know), a retainer paused mid-month, a switch from
hourly to a retainer mid-month, a session rescheduled into the next month, 29 Feb 2028, December billed on
1 Jan, a commission raised mid-month, cancellations at exactly and just under the notice, Swiss VAT on
x.99 prices, terms of 0 days, no tax, billing day the 5th, a retainer without a session, a finished client,
Flex's half no-show. Overdue: a reminder on a Saturday and on Christmas, a Draft and a Paid past due, a
1.5 % fee, a second monthly fee, 29 Feb and the year's end. Scenarios: a retainer session completed after
its month's run (the known defect), numbering across the year, invoice.paid twice, a Stripe invoice not
ours, a per-session session completed late (control); batch B2 (written after the fix, before running it):
a refund larger than the invoice, a refund on a Void invoice, a late retainer session of a month never
billed, two late retainer sessions of one month for two associates.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from automation.billing.automations import billing_daily
from automation.billing.payments import on_invoice_paid
from automation.models import Associate, Client, Invoice, Message, Package, Session
from automation.money import dec
from bench.leads_bench import per_table
from tests.billing.holdout import load, parting_overdue, parting_through_the_rules, parting_through_the_run
from tests.leads.http_world import make_world

DATA = load("holdout3_billing.json")
BILLING = {c["name"]: c for c in DATA["billing"]}
OVERDUE = {c["name"]: c for c in DATA["overdue"]}
SCENARIOS = {c["name"]: c for c in DATA["scenarios"]}

# Cases still parting from their expectation, with the fields they part on (bench/RESULTS-billing.md,
# Holdout 3, says why each is left open).
OPEN: dict[str, set[str]] = {
    "an associate whose commission went from 40 % to 50 % on 15 Nov (today's record says 50 %)": {
        "cut",
        "cuts",
    },
}
OPEN_OVERDUE: set[str] = set()
AGREED, AGREED_OVERDUE = 15, 9


def test_holdout3__billing_agreement_through_the_rules() -> None:
    assert parting_through_the_rules(DATA) == OPEN
    assert len(BILLING) - len(OPEN) >= AGREED


def test_holdout3__billing_agreement_through_the_run_on_the_local_server(server, tmp_path) -> None:
    """Every case as a client in a base, read back: parting where the rules part, on the same fields."""
    assert parting_through_the_run(server, tmp_path, DATA) == OPEN


def test_holdout3__overdue_agreement() -> None:
    assert parting_overdue(DATA) == OPEN_OVERDUE
    assert len(OVERDUE) - len(OPEN_OVERDUE) >= AGREED_OVERDUE


# Scenarios over the local server ------------------------------------------------------------------------


def _at(day: date, hour: int = 6, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def _daily(world, day: date) -> dict:
    ctx = world.ctx(now=_at(day), budget_s=60, job="billing-daily")
    with ctx.run:
        return billing_daily(ctx)


def _seed(world, billing: str, price: str, sessions: list[tuple[str, datetime, str, str]]) -> dict:
    """Jo Park on a package; Ann 40 %, Bo 30 %; sessions (name, when, status, associate)."""
    gw = world.gw
    (pkg,) = gw.create(Package, [{"name": "Plan", "billing": billing, "price": Decimal(price)}])
    ann, bo = gw.create(
        Associate,
        [{"name": "Ann", "email": "ann@example.com", "commission_pct": 0.4},
         {"name": "Bo", "email": "bo@example.com", "commission_pct": 0.3}],
    )  # fmt: skip
    (c,) = gw.create(
        Client,
        [{"name": "Jo Park", "email": "jo@acme.example", "status": "Active", "package": [pkg.id],
          "start_date": date(2026, 1, 1)}],
    )  # fmt: skip
    who = {"ann": ann.id, "bo": bo.id}
    rows = [
        {"name": n, "client": [c.id], "session_date": at, "status": st, "associate": [who[a]]}
        for n, at, st, a in sessions
    ]
    made = gw.create(Session, rows)
    return {"client": c, "sessions": {r["name"]: s for r, s in zip(rows, made, strict=True)}}


def _invoice(world, period: str) -> Invoice | None:
    found = [i for i in world.gw.all(Invoice) if i.period == period]
    return found[0] if found else None


def _names(seed: dict, ids: list[str]) -> list[str]:
    by_id = {s.id: n for n, s in seed["sessions"].items()}
    return sorted(by_id[i] for i in ids if i in by_id)


def _statements(world, month: str) -> dict[str, list[str]]:
    """Associate name -> the cut each of their payout statements for the month says."""
    out: dict[str, list[str]] = {}
    for m in world.gw.all(Message, formula={"kind": "Payout Statement"}):
        if month not in (m.subject or ""):
            continue
        cut = re.search(r"your cut is \D*([\d,]+\.\d\d)", m.body or "")
        out.setdefault((m.recipient_name or "").strip(), []).append(cut.group(1) if cut else "?")
    return out


@pytest.fixture
def world(server, tmp_path):
    return make_world(
        server, tmp_path, **{"billing.claim_settle_s": "0.2", "billing.bill_from": "2026-01-01"}
    )


def test_holdout3__scenario_a_retainer_session_completed_after_its_months_run(world) -> None:
    want = SCENARIOS["a retainer session marked Completed after its month's run (the known defect)"][
        "expected"
    ]
    seed = _seed(
        world, "Monthly Retainer", "1200",
        [("s1", datetime(2026, 11, 3, 10, tzinfo=UTC), "Completed", "ann"),
         ("s2", datetime(2026, 11, 24, 10, tzinfo=UTC), "Scheduled", "bo"),
         ("s3", datetime(2026, 12, 10, 10, tzinfo=UTC), "Completed", "ann")],
    )  # fmt: skip
    _daily(world, date(2026, 12, 1))
    world.gw.update(Session, [(seed["sessions"]["s2"], {"status": "Completed"})])
    for day in (date(2026, 12, 2), date(2026, 12, 3), date(2027, 1, 1), date(2027, 1, 2)):
        _daily(world, day)
    nov, dec_ = _invoice(world, "2026-11"), _invoice(world, "2026-12")
    alerts = [
        m for m in world.gw.all(Message, formula={"kind": "System Alert"})
        if all(w in (m.body or "") + (m.subject or "") for w in want["alert_names"])
    ]  # fmt: skip
    (s2,) = world.gw.get_many(Session, [seed["sessions"]["s2"].id])
    nov_st, dec_st = _statements(world, "November 2026"), _statements(world, "December 2026")
    bo_cuts = [dec(c.replace(",", "")) for st in (nov_st, dec_st) for c in st.get("Bo", [])]
    got = {
        "november_amount": f"{dec(nov.amount):.2f}" if nov else None,
        "november_cut": f"{dec(nov.associate_cut):.2f}" if nov else None,
        "november_statements": {k: v[0] for k, v in nov_st.items()},
        "alerts_naming_s2": len(alerts),
        "alert_names": want["alert_names"],
        "december_amount": f"{dec(dec_.amount):.2f}" if dec_ else None,
        "december_sessions": _names(seed, dec_.sessions) if dec_ else None,
        "bo_december_statement_cut": (dec_st.get("Bo") or [None])[0],
        "ann_december_statement_cut": (dec_st.get("Ann") or [None])[0],
        "s2_invoice_status": s2.invoice_status,
        "s2_paid_once": sum(bo_cuts) == Decimal("180.00"),
    }
    assert got == want


def test_holdout3__scenario_invoice_numbers_across_the_year(world) -> None:
    want = SCENARIOS["invoice numbers across the year boundary"]["expected"]
    _seed(
        world, "Per Session", "300",
        [("s1", datetime(2026, 11, 10, 10, tzinfo=UTC), "Completed", "ann"),
         ("s2", datetime(2026, 12, 10, 10, tzinfo=UTC), "Completed", "ann")],
    )  # fmt: skip
    _daily(world, date(2026, 12, 1))
    _daily(world, date(2027, 1, 1))
    assert {"numbers": sorted(i.invoice_number for i in world.gw.all(Invoice))} == want


def _paid_event(event_id: str, stripe_id: str, record_id: str | None, paid_at: datetime) -> dict:
    meta = {"airtable_id": record_id} if record_id else {}
    ts = int(paid_at.timestamp())
    return {
        "id": event_id,
        "type": "invoice.paid",
        "created": ts + 5,
        "data": {"object": {"id": stripe_id, "object": "invoice", "metadata": meta,
                            "status_transitions": {"paid_at": ts}, "paid_out_of_band": False}},
    }  # fmt: skip


def _stripe_invoice(world, client_id: str) -> Invoice:
    (inv,) = world.gw.create(
        Invoice,
        [{"invoice_number": "INV-0100", "client": [client_id], "period": "2026-11", "amount": Decimal("300"),
          "tax_amount": Decimal("60"), "late_fees": Decimal("0"), "total": Decimal("360"),
          "date_created": date(2026, 12, 1), "date_sent": date(2026, 12, 1), "due_date": date(2026, 12, 15),
          "status": "Sent", "stripe_id": "in_ours"}],
    )  # fmt: skip
    world.gw.update(Client, [(world.gw.get(Client, client_id), {"invoices": [inv.id]})])
    return inv


def test_holdout3__scenario_invoice_paid_received_twice(world) -> None:
    want = SCENARIOS["invoice.paid received twice for the same payment (two event ids)"]["expected"]
    seed = _seed(world, "Per Session", "300", [])
    inv = _stripe_invoice(world, seed["client"].id)
    paid_at = datetime(2026, 12, 10, 9, tzinfo=UTC)
    for n, eid in enumerate(("evt_a", "evt_b")):
        ctx = world.ctx(now=datetime(2026, 12, 10, 9, 1 + n, tzinfo=UTC), job="stripe")
        with ctx.run:
            on_invoice_paid(ctx, _paid_event(eid, "in_ours", inv.id, paid_at))
    (after,) = world.gw.get_many(Invoice, [inv.id])
    (client,) = world.gw.get_many(Client, [seed["client"].id])
    copies = [m for m in world.gw.all(Message, formula={"kind": "Invoice"}) if inv.id in m.invoice]
    got = {
        "status": after.status,
        "payment_date": after.payment_date.isoformat() if after.payment_date else None,
        "ltv": f"{dec(client.ltv):.2f}",
        "paid_copies": len(copies),
    }
    assert got == want


def test_holdout3__scenario_a_stripe_invoice_not_ours(world) -> None:
    want = SCENARIOS[
        "invoice.paid for a Stripe invoice whose metadata names no record and no record holds its id"
    ]["expected"]
    seed = _seed(world, "Per Session", "300", [])
    inv = _stripe_invoice(world, seed["client"].id)
    ctx = world.ctx(now=datetime(2026, 12, 10, 9, tzinfo=UTC), job="stripe")
    with ctx.run:
        out = on_invoice_paid(
            ctx, _paid_event("evt_x", "in_unknown", None, datetime(2026, 12, 10, tzinfo=UTC))
        )
    (after,) = world.gw.get_many(Invoice, [inv.id])
    assert {"ours_unchanged": after.status == "Sent" and after.payment_date is None,
            "ignored": "ignored" in out} == want  # fmt: skip


def test_holdout3__scenario_a_per_session_session_completed_late(world) -> None:
    want = SCENARIOS["a session marked Completed after its month's run, per session (control)"]["expected"]
    seed = _seed(
        world, "Per Session", "300",
        [("s1", datetime(2026, 11, 10, 10, tzinfo=UTC), "Completed", "ann"),
         ("s2", datetime(2026, 11, 27, 10, tzinfo=UTC), "Scheduled", "ann")],
    )  # fmt: skip
    _daily(world, date(2026, 12, 1))
    world.gw.update(Session, [(seed["sessions"]["s2"], {"status": "Completed"})])
    _daily(world, date(2027, 1, 1))
    dec_ = _invoice(world, "2026-12")
    got = {
        "december_sessions": _names(seed, dec_.sessions) if dec_ else None,
        "december_amount": f"{dec(dec_.amount):.2f}" if dec_ else None,
        "alerts": len(world.gw.all(Message, formula={"kind": "System Alert"})),
    }
    assert got == want


# Batch B2 (written after the first look, before running it) --------------------------------------------


def _refund_world(world, stripe_fake, *, void: bool) -> dict:
    from tests.billing.fake_stripe import invoice_payment

    gw = world.gw
    (client,) = gw.create(
        Client,
        [{"name": "Jo Park", "email": "jo@acme.example", "ltv": Decimal("500.00" if void else "1699.99")}],
    )
    _, inv = gw.create(
        Invoice,
        [{"invoice_number": "INV-0001", "client": [client.id], "status": "Paid", "total": Decimal("500.00")},
         {"invoice_number": "INV-0002", "client": [client.id], "status": "Void" if void else "Paid",
          "total": Decimal("1199.99"), "stripe_id": "in_SAMPLE"}],
    )  # fmt: skip
    stripe_fake.invoice_payments.append(invoice_payment("in_SAMPLE", REFUND_PI, 119999))
    return {"client": client, "invoice": inv}


REFUND_PI = "pi_3QrefundSample01"


@pytest.mark.parametrize(
    ("name", "void", "refunded", "times"),
    [
        ("B2 a refund larger than the invoice", False, 129999, 2),
        ("B2 a refund on a Void invoice", True, 119999, 1),
    ],
)
def test_holdout3__scenario_b2_refunds(app, world, stripe_fake, name, void, refunded, times) -> None:
    from tests.billing.test_stripe_refunds_http import alerts, charge_refunded, deliver

    want = SCENARIOS[name]["expected"]
    seed = _refund_world(world, stripe_fake, void=void)
    deliver(app, charge_refunded(refunded), times=times)
    inv = world.gw.get(Invoice, seed["invoice"].id)
    got = {
        "refunded": f"{dec(inv.refunded):.2f}",
        "status": inv.status,
        "ltv": f"{dec(world.gw.get(Client, seed['client'].id).ltv):.2f}",
        "alerts": len(alerts(world)),
    }
    assert got == want


def test_holdout3__scenario_b2_a_late_retainer_session_of_a_month_not_billed(world) -> None:
    want = SCENARIOS["B2 a late retainer session of a month with no retainer invoice"]["expected"]
    seed = _seed(
        world, "Monthly Retainer", "1200",
        [("s2", datetime(2026, 11, 24, 10, tzinfo=UTC), "Scheduled", "bo"),
         ("s3", datetime(2026, 12, 10, 10, tzinfo=UTC), "Completed", "ann")],
    )  # fmt: skip
    world.gw.update(Client, [(seed["client"], {"start_date": date(2026, 12, 1)})])
    _daily(world, date(2026, 12, 1))
    world.gw.update(Session, [(seed["sessions"]["s2"], {"status": "Completed"})])
    for day in (date(2026, 12, 3), date(2027, 1, 1), date(2027, 1, 2)):
        _daily(world, day)
    dec_ = _invoice(world, "2026-12")
    (s2,) = world.gw.get_many(Session, [seed["sessions"]["s2"].id])
    alerts = [
        m for m in world.gw.all(Message, formula={"kind": "System Alert"})
        if all(w in (m.body or "") for w in ("Jo Park", "Bo", "November 2026"))
    ]  # fmt: skip
    got = {
        "november_invoices": len([i for i in world.gw.all(Invoice) if i.period == "2026-11"]),
        "december_amount": f"{dec(dec_.amount):.2f}" if dec_ else None,
        "december_sessions": _names(seed, dec_.sessions) if dec_ else None,
        "s2_invoice_status": s2.invoice_status,
        "s2_linked": bool(s2.invoice),
        "alerts_naming_s2": len(alerts),
        "bo_statements": sum(len(_statements(world, m).get("Bo", [])) for m in ("November", "December")),
    }
    assert got == want


def test_holdout3__scenario_b2_two_late_retainer_sessions_of_one_month(world) -> None:
    want = SCENARIOS["B2 two late retainer sessions of one month, two associates"]["expected"]
    seed = _seed(
        world, "Monthly Retainer", "1200",
        [("s1", datetime(2026, 11, 3, 10, tzinfo=UTC), "Completed", "ann"),
         ("s2", datetime(2026, 11, 17, 10, tzinfo=UTC), "Scheduled", "bo"),
         ("s4", datetime(2026, 11, 24, 10, tzinfo=UTC), "Scheduled", "ann"),
         ("s3", datetime(2026, 12, 10, 10, tzinfo=UTC), "Completed", "ann")],
    )  # fmt: skip
    _daily(world, date(2026, 12, 1))
    world.gw.update(Session, [(seed["sessions"][n], {"status": "Completed"}) for n in ("s2", "s4")])
    for day in (date(2026, 12, 3), date(2027, 1, 1)):
        _daily(world, day)
    late = {seed["sessions"][n].id for n in ("s2", "s4")}
    got = {
        "november_statements": {k: v[0] for k, v in _statements(world, "November 2026").items()},
        "december_statements": {k: v[0] for k, v in _statements(world, "December 2026").items()},
        "alerts": len(
            [m for m in world.gw.all(Message, formula={"kind": "System Alert"}) if set(m.session) & late]
        ),
    }
    assert got == want


def test_late_retainer_sessions__their_alerts_are_composed_together(server, tmp_path) -> None:
    """Three late sessions of one month cost the runs that find them no more Messages calls than one does:
    the alerts are composed together (one dedupe read, one upsert), not one compose each."""
    counts = {}
    for n in (1, 3):
        world = make_world(
            server, tmp_path / f"n{n}", **{"billing.claim_settle_s": "0.2", "billing.bill_from": "2026-01-01"}
        )
        late = [(f"l{i}", datetime(2026, 11, 17 + i, 10, tzinfo=UTC), "Scheduled", "bo") for i in range(n)]
        seed = _seed(
            world, "Monthly Retainer", "1200",
            [("s1", datetime(2026, 11, 3, 10, tzinfo=UTC), "Completed", "ann"), *late],
        )  # fmt: skip
        _daily(world, date(2026, 12, 1))
        world.gw.update(Session, [(seed["sessions"][name], {"status": "Completed"}) for name, *_ in late])
        mark = world.server.mark()
        for day in (date(2026, 12, 3), date(2027, 1, 1)):
            _daily(world, day)
        calls = per_table(world, mark)
        counts[n] = sum(v for (method, table), v in calls.items() if table == "Messages")
        ids = {s.id for name, s in seed["sessions"].items() if name.startswith("l")}
        alerts = [m for m in world.gw.all(Message, formula={"kind": "System Alert"}) if set(m.session) & ids]
        assert len(alerts) == n  # one each, naming its session
    assert counts[3] == counts[1], counts
