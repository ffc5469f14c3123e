"""A month of a business far from UTC (Auckland, NZD, 15 % GST, 20 days' terms) billed against the local
Airtable server: the run on 1 February in Auckland (still 31 January in UTC) bills January as Auckland
dates it, every package kind and client status, the associates' different commissions, a 31-day overdue
invoice's single late fee, the run repeated, and the next month across the boundary. The expected values
come from DESIGN.md §6 and the README's billing rules, worked out by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from automation.billing.automations import billing_daily
from automation.billing.emails import invoice_draft
from automation.messages.render import render
from automation.models import Associate, Client, Invoice, Message, Package, Session
from automation.settings import settings_from_mapping
from tests.leads.http_world import make_world

AKL = ZoneInfo("Pacific/Auckland")
NZ_SETTINGS = {
    "general.time_zone": "Pacific/Auckland",
    "general.currency": "NZD",
    "billing.tax_rate": "0.15",
    "billing.tax_label": "GST",
    "billing.payment_terms_days": "20",
    "billing.late_fee_kind": "flat",
    "billing.late_fee_value": "25.00",
    "billing.late_fee_grace_days": "7",
    "billing.late_fee_max_times": "1",
    "billing.claim_settle_s": "0.3",
}
FEB1_AKL = datetime(2027, 1, 31, 18, 0, tzinfo=UTC)  # Mon 1 Feb 2027, 07:00 in Auckland (NZDT, +13)
MAR1_AKL = datetime(2027, 2, 28, 18, 0, tzinfo=UTC)  # Mon 1 Mar 2027, 07:00 in Auckland


def akl(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2027, month, day, hour, tzinfo=AKL).astimezone(UTC)


@pytest.fixture
def month(server, tmp_path):
    world = make_world(server, tmp_path, **NZ_SETTINGS)
    gw = world.gw
    exe, ret, intro = gw.create(
        Package,
        [
            {"name": "Executive", "billing": "Per Session", "price": D("287.50")},
            {"name": "Retainer", "billing": "Monthly Retainer", "price": D("1499.99")},
            {"name": "Intro", "billing": "Per Session", "price": D("199.99")},
        ],
    )
    mere, tama = gw.create(
        Associate,
        [
            {"name": "Mere Ngata", "email": "mere@coach.example", "commission_pct": 0.35},
            {"name": "Tama Rua", "email": "tama@coach.example", "commission_pct": 0.5},
        ],
    )
    who = [
        ("Aroha", "Active", exe, None),
        ("Ben", "Active", ret, None),
        ("Chen", "Active", ret, date(2027, 1, 18)),  # started mid-month
        ("Dana", "Paused", ret, None),  # paused mid-month, after a session
        ("Eli", "Churned", intro, None),  # left after one session
        ("Fay", "Churned", ret, None),  # gone before January
        ("Gus", "Active", exe, None),  # no sessions in January
        ("Hana", "Active", exe, None),  # owes December's invoice
    ]
    created = gw.create(
        Client,
        [
            {"name": n, "email": f"{n.lower()}@client.example", "status": st, "package": [p.id],
             **({"start_date": start} if start else {})}
            for n, st, p, start in who
        ],
    )  # fmt: skip
    c = {row[0]: rec for row, rec in zip(who, created, strict=True)}

    def session(name, when, status="Completed", by=None):
        return {"client": [c[name].id], "session_date": when, "status": status,
                **({"associate": [by.id]} if by else {})}  # fmt: skip

    s = gw.create(
        Session,
        [
            session("Aroha", akl(1, 1)),  # 31 December in UTC: January in Auckland
            session("Aroha", akl(1, 14), by=mere),
            session("Aroha", akl(1, 21), "Cancelled"),
            session("Aroha", akl(1, 28), "No-show"),
            session("Aroha", akl(2, 1, 9)),  # 31 January in UTC: February in Auckland
            session("Ben", akl(1, 6), by=mere),
            session("Ben", akl(1, 13), by=mere),
            session("Ben", akl(1, 20)),
            session("Chen", akl(1, 25), by=tama),
            session("Dana", akl(1, 8), by=tama),
            session("Eli", akl(1, 5), by=tama),
        ],
    )
    (overdue,) = gw.create(
        Invoice,
        [{"invoice_number": "INV-0041", "client": [c["Hana"].id], "status": "Sent", "period": "2026-12",
          "due_date": date(2027, 1, 1), "amount": D("500.00"), "tax_amount": D("75.00"),
          "total": D("575.00"), "reminders": "-3,0", "lines": "500.00 | - | - | Coaching"}],
    )  # fmt: skip
    return world, c, s, overdue


def _daily(world, now):
    ctx = world.ctx(now=now, budget_s=60, job="billing")
    with ctx.run:
        return billing_daily(ctx)


def test_first_of_the_month_in_auckland_bills_january_as_auckland_dates_it(month) -> None:
    world, c, s, overdue = month
    gw = world.gw
    _daily(world, FEB1_AKL)
    _daily(world, FEB1_AKL)  # a duplicated cron: nothing twice
    names = {rec.id: n for n, rec in c.items()}
    jan = {names[i.client[0]]: i for i in gw.all(Invoice) if i.period == "2027-01"}
    # Aroha: 3 x 287.50 (1 Jan, 14 Jan with Mere, the no-show at full price; the cancellation waived,
    # the 1 February session not yet) = 862.50; GST 129.375 -> 129.38; Mere 35 % of 287.50 -> 100.63.
    # Retainers 1499.99, GST 224.9985 -> 225.00, whether started mid-month (no proration in the rules) or
    # paused after a session; Ben's Mere: 35 % of two thirds -> 350.00; Tama 50 % of 1499.99 -> 750.00.
    # Eli (churned after one Intro session): 199.99 + 30.00; Tama 100.00. Fay and Gus: nothing to bill.
    expected = {
        "Aroha": ("862.50", "129.38", "991.88", "100.63"),
        "Ben": ("1499.99", "225.00", "1724.99", "350.00"),
        "Chen": ("1499.99", "225.00", "1724.99", "750.00"),
        "Dana": ("1499.99", "225.00", "1724.99", "750.00"),
        "Eli": ("199.99", "30.00", "229.99", "100.00"),
    }
    assert {n: (i.amount, i.tax_amount, i.total, i.associate_cut) for n, i in jan.items()} == {
        n: tuple(D(v) for v in vals) for n, vals in expected.items()
    }
    assert {(i.date_created, i.due_date, i.status) for i in jan.values()} == {
        (date(2027, 2, 1), date(2027, 2, 21), "Draft")
    }
    assert sorted(i.invoice_number for i in jan.values()) == [f"INV-{n:04d}" for n in range(42, 47)]
    marks = [gw.get(Session, x.id).invoice_status for x in s[:5]]
    assert marks == ["Invoiced", "Invoiced", "Waived", "Invoiced", None]
    # Hana's December invoice, 31 days late: Overdue, one late fee, one reminder (a week late)
    h = gw.get(Invoice, overdue.id)
    assert (h.status, h.late_fees, h.total, h.reminders) == ("Overdue", D("25.00"), D("600.00"), "-3,0,7")
    msgs = gw.all(Message)
    assert sorted(m.kind for m in msgs) == sorted(
        ["Invoice"] * 5 + ["Payment Reminder"] + ["Payout Statement"] * 2
    )
    payout = {m.recipient: m.body for m in msgs if m.kind == "Payout Statement"}
    assert "your cut is NZ$450.63 of NZ$1,287.49 billed" in payout["mere@coach.example"]
    assert "your cut is NZ$1,600.00 of NZ$3,199.97 billed" in payout["tama@coach.example"]
    aroha = next(m for m in msgs if m.kind == "Invoice" and m.recipient == "aroha@client.example")
    assert "Coaching session, Fri 1 Jan 2027: NZ$287.50" in aroha.body
    assert (
        "GST (15%): NZ$129.38" in aroha.body
        and "Invoice date: Monday 1 February 2027" in aroha.body
        and "Total: NZ$991.88" in aroha.body
    )

    _daily(world, MAR1_AKL)  # across the boundary: February
    feb = {names[i.client[0]]: i for i in gw.all(Invoice) if i.period == "2027-02"}
    assert sorted(feb) == ["Aroha", "Ben", "Chen"]  # Dana paused with no February session
    a = feb["Aroha"]
    assert (a.sessions, a.amount, a.tax_amount, a.total, a.due_date) == (
        [s[4].id], D("287.50"), D("43.13"), D("330.63"), date(2027, 3, 21)
    )  # fmt: skip
    assert sorted(i.invoice_number for i in feb.values()) == ["INV-0047", "INV-0048", "INV-0049"]


@pytest.mark.parametrize(("label", "shown"), [("GST", "GST"), ("HST", "HST"), ("", "VAT")])
def test_invoice_email__names_the_tax_as_settings_call_it(label: str, shown: str) -> None:
    """On the invoice and its reminders the tax line says what Settings call the tax (default VAT)."""
    settings = settings_from_mapping({**NZ_SETTINGS, "billing.tax_label": label})
    inv = Invoice(id="recINV", invoice_number="INV-0007", lines="100.00 | - | - | Coaching",
                  amount=D("100.00"), tax_amount=D("15.00"), total=D("115.00"),
                  due_date=date(2027, 2, 21))  # fmt: skip
    client = Client(id="recCLI", name="Aroha Smith", email="aroha@client.example")
    draft = invoice_draft(inv, client, settings)
    out = render(draft.template, draft.data, channel="Email", subject=draft.subject,
                 recipient_name=draft.recipient_name, settings=settings)  # fmt: skip
    assert f"{shown} (15%): NZ$15.00" in out.text  # with the rate it was charged at
    # what the tax is charged on, above it: the tax can be checked on the invoice itself
    assert f"Subtotal: NZ$100.00\n{shown} (15%): NZ$15.00" in out.text
    assert ">Subtotal</td>" in (out.html or "")
    assert f'color:#6b7280;">{shown} (15%)</td>' in (out.html or "")


def _invoice_email(settings, **fields):
    billed = {"lines": "100.00 | - | - | Coaching", "amount": D("100.00"), "tax_amount": D("15.00"),
              "total": D("115.00"), "due_date": date(2027, 2, 21)}  # fmt: skip
    inv = Invoice(id="recINV", invoice_number="INV-0007", **{**billed, **fields})
    client = Client(id="recCLI", name="Aroha Smith", email="aroha@client.example")
    draft = invoice_draft(inv, client, settings)
    return render(draft.template, draft.data, channel="Email", subject=draft.subject,
                  recipient_name=draft.recipient_name, settings=settings)  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("GB123456789", "GST reg. no.: GB123456789"),
        ("123456789", "GST reg. no.: 123456789"),  # digits alone: kept as typed, not refused as a number
        ("ABN: 51 824 753 556", "ABN: 51 824 753 556"),  # the coach's own label before a colon
    ],
)
def test_invoice_email__shows_the_tax_registration_number_when_set(typed: str, shown: str) -> None:
    """A tax invoice names the supplier's tax registration (VAT number, GST reg. no., ABN)."""
    settings = settings_from_mapping({**NZ_SETTINGS, "billing.tax_id": typed})
    out = _invoice_email(settings)
    assert shown in out.text and shown in (out.html or "")
    assert "reg. no." not in _invoice_email(settings_from_mapping(NZ_SETTINGS)).text  # none set: no line


def test_invoice_email__without_a_payment_link_says_how_to_pay_as_settings_give_it() -> None:
    """Without Stripe there is no Pay button: the invoice and its reminders tell the client how to pay
    (billing.payment_instructions); with a payment link or once paid they do not, and blank says nothing."""
    how = "Bank transfer to Aroha & Co, account 12-3456-7890123-00, quoting the invoice number"
    settings = settings_from_mapping({**NZ_SETTINGS, "billing.payment_instructions": how})
    out = _invoice_email(settings)
    assert f"How to pay: {how}" in out.text
    assert "Bank transfer to Aroha &amp; Co, account 12-3456-7890123-00" in (out.html or "")
    linked = _invoice_email(settings, payment_link="https://pay.example/inv_7")
    assert how not in linked.text and "Pay online: https://pay.example/inv_7" in linked.text
    assert "How to pay" not in _invoice_email(settings_from_mapping(NZ_SETTINGS)).text


def test_invoice_email__shows_its_issue_date_and_the_rate_its_tax_was_charged_at() -> None:
    """The invoice date, and beside the tax the rate this invoice was charged at: Settings' 15 %, or 9 %
    for one billed before the rate changed (its amounts say so)."""
    settings = settings_from_mapping(NZ_SETTINGS)
    out = _invoice_email(settings, date_created=date(2027, 2, 1))
    assert "Invoice date: Monday 1 February 2027" in out.text
    assert "Invoice date: Monday 1 February 2027" in (out.html or "")
    assert "GST (15%): NZ$15.00" in out.text
    older = {"amount": D("716.55"), "tax_amount": D("64.49"), "total": D("781.04")}
    assert "GST (9%): NZ$64.49" in _invoice_email(settings, **older).text


def test_billing_run__reports_a_completed_session_it_cannot_bill(month) -> None:
    from automation.billing.invoices import Period
    from automation.billing.run import billing_run

    world, c, _, _ = month
    undated, orphan = world.gw.create(
        Session,
        [
            {"client": [c["Gus"].id], "status": "Completed"},
            {"status": "Completed", "session_date": akl(1, 12)},
        ],
    )
    jan = Period.of(date(2027, 1, 1))
    ctx = world.ctx(now=FEB1_AKL, budget_s=60, job="billing")
    with ctx.run:
        billing_run(ctx, jan)
    got = {(p.table, p.record_id, p.field) for p in ctx.run.problems}
    assert got == {("sessions", undated.id, "session_date"), ("sessions", orphan.id, "client")}
    assert "not billed" in ctx.run.problems[0].reason
    assert len([i for i in world.gw.all(Invoice) if i.period == "2027-01"]) == 5  # the others billed
