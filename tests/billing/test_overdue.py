"""Overdue rules (pure) and the daily job over HTTP: Overdue after the due date, each reminder once, late
fees after the grace period and never more than the cap, however often the job runs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from automation.billing.delivery import overdue_daily
from automation.billing.overdue import decide, fee_count, fees_after_payment
from automation.models import Client, Invoice, Message
from automation.settings import settings_from_mapping
from tests.leads.http_world import make_world

DUE = date(2026, 12, 15)
POLICY = {
    "billing.late_fee_kind": "flat",
    "billing.late_fee_value": "25.00",
    "billing.late_fee_grace_days": "7",
    "billing.late_fee_every_days": "30",
    "billing.late_fee_max_times": "2",
}
S = settings_from_mapping(POLICY).billing


def inv(**kw) -> Invoice:
    base = {"id": "rec00000000000001", "status": "Sent", "due_date": DUE, "amount": Decimal("1000.00"),
            "tax_amount": Decimal("200.00"), "total": Decimal("1200.00")}  # fmt: skip
    return Invoice(**{**base, **kw})


def test_decide__an_invoice_asking_for_nothing_is_never_overdue() -> None:
    # A pro bono month typed in at 0.00: not late, no fee; its reminder offset is still given, for the daily
    # run to hold it and tell the coach (no-amount). One never filled in goes Overdue (below).
    zero = inv(amount=Decimal("0"), tax_amount=Decimal("0"), total=Decimal("0"), reminders="-3,0")
    d = decide(zero, DUE + timedelta(days=9), S)
    assert "status" not in d.fields and "late_fees" not in d.fields and d.reminder == 7
    assert decide(inv(), DUE + timedelta(days=9), S).fields["status"] == "Overdue"


@pytest.mark.parametrize(
    ("days_late", "count"),
    [(-3, 0), (0, 0), (7, 0), (8, 1), (37, 1), (38, 2), (400, 2)],
    ids=["before", "due_day", "end_of_grace", "first_fee", "before_second", "second_fee", "capped"],
)
def test_fee_count__grace_then_every_30_days_capped_at_2(days_late, count) -> None:
    assert fee_count(days_late, S) == count


@pytest.mark.parametrize(
    ("today", "reminder", "status"),
    [
        (DUE - timedelta(days=4), None, None),
        (DUE - timedelta(days=3), -3, None),
        (DUE, 0, None),
        (DUE + timedelta(days=1), 0, "Overdue"),
        (DUE + timedelta(days=7), 7, "Overdue"),
    ],
    ids=["too_early", "three_days_before", "due_day", "late_by_a_day", "week_late"],
)
def test_decide__reminder_that_arrived_and_overdue_status(today, reminder, status) -> None:
    d = decide(inv(), today, S)
    assert (d.reminder, d.fields.get("status")) == (reminder, status)


def test_decide__a_sent_reminder_is_not_sent_again_and_skipped_ones_stay_skipped() -> None:
    assert decide(inv(reminders="-3,0"), DUE + timedelta(days=2), S).reminder is None
    assert decide(inv(), DUE + timedelta(days=9), S).reminder == 7  # -3 and 0 were missed: not sent late


def test_decide__percent_fee_is_of_amount_plus_tax_rounded_half_up() -> None:
    s = settings_from_mapping(
        {**POLICY, "billing.late_fee_kind": "percent", "billing.late_fee_value": "0.015"}
    )
    d = decide(inv(amount=Decimal("333.33"), tax_amount=Decimal("66.67")), DUE + timedelta(days=8), s.billing)
    assert d.fields["late_fees"] == Decimal("6.00")  # 1.5 % of 400.00
    d = decide(inv(amount=Decimal("333.33"), tax_amount=Decimal("0")), DUE + timedelta(days=8), s.billing)
    assert (d.fields["late_fees"], d.fields["total"]) == (Decimal("5.00"), Decimal("338.33"))  # 4.99995


def test_decide__a_percent_fee_typed_as_a_percent_is_that_percent() -> None:
    """A 2 % fee typed "2" in Settings is 2 % (as `fraction` reads rates elsewhere), not twice the invoice."""
    s = settings_from_mapping({**POLICY, "billing.late_fee_kind": "percent", "billing.late_fee_value": "2"})
    d = decide(
        inv(amount=Decimal("1000.00"), tax_amount=Decimal("200.00")), DUE + timedelta(days=8), s.billing
    )
    assert (d.fields["late_fees"], d.fields["total"]) == (Decimal("24.00"), Decimal("1224.00"))


@pytest.mark.parametrize(
    ("value", "days_late", "late_fees", "new"),
    [
        ("30.00", 20, None, ()),  # the 25.00 charged is the one fee due: not topped up to 30.00
        ("30.00", 40, Decimal("55.00"), (2,)),  # the second fee at the new rate, the first left as charged
        ("20.00", 20, None, ()),  # rate lowered: 25.00 still counts as one fee, nothing added
        # The second fee's day (38: 7 days' grace, then every 30): 25.00 is not a whole number of 20.00
        # fees, so the rate changed; by yesterday the schedule had charged one, and the second is charged
        # at the new rate (counted up, 25.00 read as two fees and it was never charged: holdout 5).
        ("20.00", 38, Decimal("45.00"), (2,)),
        ("10.00", 38, Decimal("35.00"), (2,)),
        # The job down on that day as well: by yesterday the schedule had reached two, so none is added
        # (a fee missed, never one charged twice).
        ("20.00", 40, None, ()),
    ],
    ids=[
        "raised_first_due",
        "raised_second_due",
        "lowered_first_due",
        "lowered_second_due_on_its_day",
        "lowered_to_less_than_half_second_due",
        "lowered_second_due_after_its_day",
    ],
)
def test_decide__a_fee_charged_before_the_rate_changed_is_one_fee_never_charged_again(
    value, days_late, late_fees, new
) -> None:
    """The coach changes the flat fee after an invoice was charged 25.00: that fee was told to the client
    and (with Stripe) invoiced; counting fees by the new rate read 25 / 30 as none charged and raised Late
    Fees to 30.00, a second charge the cap forbids."""
    s = settings_from_mapping({**POLICY, "billing.late_fee_value": value}).billing
    d = decide(inv(status="Overdue", late_fees=Decimal("25.00"), total=Decimal("1225.00")),
               DUE + timedelta(days=days_late), s)  # fmt: skip
    assert (d.fields.get("late_fees"), d.new_fees) == (late_fees, new)
    if late_fees is not None:
        assert d.fields["total"] == Decimal("1200.00") + late_fees


def test_decide__a_percent_fee_in_yen_is_whole_yen() -> None:
    s = settings_from_mapping(
        {**POLICY, "billing.late_fee_kind": "percent", "billing.late_fee_value": "0.05"}
    )
    d = decide(
        inv(amount=Decimal("9999"), tax_amount=Decimal("1000")), DUE + timedelta(days=8), s.billing, "JPY"
    )
    assert (d.fields["late_fees"], d.fields["total"]) == (Decimal("550"), Decimal("11549"))  # 549.95 -> 550


@pytest.mark.parametrize(
    ("kind", "value", "late", "total"),
    [("flat", "25.00", "25.00", "525.00"), ("percent", "2%", "10.00", "510.00")],
    ids=["flat", "percent"],
)
def test_decide__an_invoice_typed_in_with_a_total_alone_keeps_it_and_a_fee_is_added_to_it(
    kind, value, late, total
) -> None:
    """An invoice from before the system with only its Total (no Amount or Tax): a fee is added to what it
    asks for (the flat fee took the Total's place: 500.00 became 25.00) and a percent fee is of that Total
    (it was 0.00, a percent of no Amount)."""
    policy = {**POLICY, "billing.late_fee_kind": kind, "billing.late_fee_value": value}
    typed = inv(amount=None, tax_amount=None, total=Decimal("500.00"), status="Overdue")
    d = decide(typed, DUE + timedelta(days=8), settings_from_mapping(policy).billing)
    assert (d.fields["late_fees"], d.fields["total"]) == (Decimal(late), Decimal(total))


@pytest.mark.parametrize(
    ("paid_days_late", "late", "total"),
    [(7, Decimal("0.00"), Decimal("1200.00")), (0, Decimal("0.00"), Decimal("1200.00")),
     (8, Decimal("25.00"), Decimal("1225.00")), (37, Decimal("25.00"), Decimal("1225.00")),
     (38, None, None)],
    ids=["last_day_of_grace", "on_the_due_day", "first_fee_day", "before_the_second_fee", "second_fee_day"],
)  # fmt: skip
def test_fees_after_payment__a_fee_whose_day_came_after_the_payment_is_taken_off(
    paid_days_late, late, total
) -> None:
    """Two fees were added (day 8 and day 38) while the payment was not yet recorded; the coach marks it
    Paid with the day the money came: the fees of later days are not owed, those of earlier days stay."""
    charged = inv(status="Paid", late_fees=Decimal("50.00"), total=Decimal("1250.00"),
                  payment_date=DUE + timedelta(days=paid_days_late))  # fmt: skip
    got = fees_after_payment(charged, S)
    assert ((got["late_fees"], got["total"]) if got else (None, None)) == (late, total)


def test_fees_after_payment__nothing_changes_without_a_fee_a_date_or_a_fee_policy() -> None:
    paid = {"status": "Paid", "late_fees": Decimal("25.00"), "total": Decimal("1225.00"), "payment_date": DUE}
    off = settings_from_mapping({**POLICY, "billing.late_fee_kind": "none"}).billing
    assert fees_after_payment(inv(**paid), off) is None  # fees since switched off: which were owed is unknown
    assert fees_after_payment(inv(**{**paid, "payment_date": None}), S) is None
    assert fees_after_payment(inv(**{**paid, "status": "Overdue"}), S) is None
    assert fees_after_payment(inv(**{**paid, "late_fees": None, "total": Decimal("1200.00")}), S) is None


def test_overdue_daily__reminders_once_each_and_the_fee_cap_holds(server, tmp_path) -> None:
    world = make_world(server, tmp_path, **POLICY)
    gw = world.gw
    (client,) = gw.create(Client, [{"name": "Jo Park", "email": "jo@acme.example"}])
    (invoice,) = gw.create(
        Invoice,
        [{"invoice_number": "INV-0007", "client": [client.id], "status": "Sent", "due_date": DUE,
          "amount": Decimal("1000.00"), "tax_amount": Decimal("200.00"), "total": Decimal("1200.00"),
          "lines": "1000.00 | - | - | Coaching"}],
    )  # fmt: skip
    days = [-5, -3, -3, -2, 0, 0, 1, 7, 7, 8, 8, 20, 38, 38, 80, 400]
    for offset in days:
        now = datetime.combine(DUE + timedelta(days=offset), datetime.min.time(), UTC) + timedelta(hours=7)
        ctx = world.ctx(now=now)
        with ctx.run:
            overdue_daily(ctx)
    reminders = sorted(m.dedupe_key for m in gw.all(Message) if m.kind == "Payment Reminder")
    assert reminders == [f"{invoice.id}:reminder:{o}" for o in ("+0", "+7", "-3")]
    got = gw.get(Invoice, invoice.id)
    assert (got.status, got.late_fees, got.total, got.reminders) == (
        "Overdue",
        Decimal("50.00"),
        Decimal("1250.00"),
        "-3,0,7",
    )
    overdue_msg = next(m for m in gw.all(Message) if m.dedupe_key.endswith("+7"))
    # a week late is still inside the 7-day grace: the reminder shows no fee yet
    assert "is overdue" in overdue_msg.subject and "Total: £1,200.00" in overdue_msg.body


def test_overdue_daily__a_deleted_clients_invoice_is_told_once_and_reminded_once_relinked(
    server, tmp_path
) -> None:
    # The coach deleted the client while the invoice was still open: the reminder has nobody to go to. She
    # is told once, on Slack, which invoice and what to do (not a Partial run with the same words every
    # day, for as long as it stays so), nothing is marked as reminded, and once she links a client it goes.
    world = make_world(server, tmp_path, **POLICY)
    gw = world.gw
    (gone, jo) = gw.create(Client, [{"name": "Gone Ltd", "email": "g@gone.example"},
                                    {"name": "Jo Park", "email": "jo@acme.example"}])  # fmt: skip
    (invoice,) = gw.create(
        Invoice,
        [{"invoice_number": "INV-0042", "client": [gone.id], "status": "Sent", "due_date": DUE,
          "amount": Decimal("100.00"), "tax_amount": Decimal("20.00"), "total": Decimal("120.00")}],
    )  # fmt: skip
    world.server.api(world.config.airtable_api_key.get_secret_value()).table(world.base_id, "Clients").delete(
        gone.id
    )
    assert gw.get(Invoice, invoice.id).client == []
    due_day = datetime.combine(DUE, datetime.min.time(), UTC) + timedelta(hours=7)
    for day in range(3):
        ctx = world.ctx(now=due_day + timedelta(days=day))
        with ctx.run:
            out = overdue_daily(ctx)
        assert ctx.run.problems == []  # the run is a Success: the coach was told, once
        assert out["reminders_waiting"] == ["INV-0042"]  # still in the run's record, not dropped
    (alert,) = [m for m in gw.all(Message) if m.kind == "System Alert"]
    assert alert.channel == "Slack" and alert.invoice == [invoice.id]
    assert "INV-0042" in alert.subject and "no client" in alert.body and "Link its client" in alert.body
    assert [m for m in gw.all(Message) if m.kind == "Payment Reminder"] == []
    assert not gw.get(Invoice, invoice.id).reminders

    gw.update(Invoice, [(gw.get(Invoice, invoice.id), {"client": [jo.id]})])
    for _ in range(2):
        ctx = world.ctx(now=due_day)
        with ctx.run:
            overdue_daily(ctx)
        assert ctx.run.problems == []
    reminders = [m for m in gw.all(Message) if m.kind == "Payment Reminder"]
    assert [m.recipient for m in reminders] == ["jo@acme.example"]
    assert len([m for m in gw.all(Message) if m.kind == "System Alert"]) == 1


def test_overdue_daily__a_reminder_to_a_client_without_an_address_is_told_once_then_goes_when_added(
    server, tmp_path
) -> None:
    # The client has no email address: the coach is told once which invoice waits and what to add; the
    # reminder is not marked sent, so it goes the first day after she adds the address.
    world = make_world(server, tmp_path, **POLICY)
    gw = world.gw
    (kim,) = gw.create(Client, [{"name": "Kim Lo"}])
    (invoice,) = gw.create(
        Invoice,
        [{"invoice_number": "INV-0051", "client": [kim.id], "status": "Sent", "due_date": DUE,
          "amount": Decimal("100.00"), "tax_amount": Decimal("20.00"), "total": Decimal("120.00")}],
    )  # fmt: skip
    due_day = datetime.combine(DUE, datetime.min.time(), UTC) + timedelta(hours=7)
    for day in range(2):
        ctx = world.ctx(now=due_day + timedelta(days=day))
        with ctx.run:
            overdue_daily(ctx)
        assert ctx.run.problems == []
    (alert,) = [m for m in gw.all(Message) if m.kind == "System Alert"]
    assert "INV-0051" in alert.subject and "Kim Lo has no email address" in alert.body
    assert not [m for m in gw.all(Message) if m.kind == "Payment Reminder"]
    gw.update(Client, [(kim, {"email": "kim@lo.example"})])
    ctx = world.ctx(now=due_day + timedelta(days=2))
    with ctx.run:
        overdue_daily(ctx)
    (reminder,) = [m for m in gw.all(Message) if m.kind == "Payment Reminder"]
    assert reminder.recipient == "kim@lo.example"


def test_overdue_daily__an_invoice_with_nothing_to_pay_gets_no_reminder_and_the_coach_is_told_once(
    server, tmp_path
) -> None:
    # An invoice typed by hand with no amount (no lines): a reminder would ask the client to pay 0.00.
    world = make_world(server, tmp_path, **POLICY)
    gw = world.gw
    (kim,) = gw.create(Client, [{"name": "Kim Lo", "email": "kim@lo.example"}])
    (invoice,) = gw.create(
        Invoice, [{"invoice_number": "HAND-7", "client": [kim.id], "status": "Sent", "due_date": DUE}]
    )
    due_day = datetime.combine(DUE, datetime.min.time(), UTC) + timedelta(hours=7)
    for day in (0, 1, 8):
        ctx = world.ctx(now=due_day + timedelta(days=day))
        with ctx.run:
            overdue_daily(ctx)
    assert not [m for m in gw.all(Message) if m.kind == "Payment Reminder"]
    (alert,) = [m for m in gw.all(Message) if m.kind == "System Alert"]
    assert "HAND-7" in alert.subject and "Amount" in alert.body and "Void" in alert.body
    gw.update(Invoice, [(invoice, {"amount": Decimal("100.00"), "total": Decimal("100.00")})])
    ctx = world.ctx(now=due_day + timedelta(days=9))
    with ctx.run:
        overdue_daily(ctx)
    (reminder,) = [m for m in gw.all(Message) if m.kind == "Payment Reminder"]
    assert reminder.recipient == "kim@lo.example"


def test_overdue_daily__an_alert_from_the_run_that_makes_an_invoice_overdue_gives_its_new_status(
    server, tmp_path
) -> None:
    # Invoices first met already past due (typed by hand with a due date gone by): the run makes them
    # Overdue and tells the coach about each in the same breath; "Sent" there contradicts the record.
    world = make_world(server, tmp_path, **POLICY)
    gw = world.gw
    kim, ann = gw.create(Client, [{"name": "Kim Lo", "email": "kim@lo.example"}, {"name": "Ann Noaddress"}])
    gw.create(
        Invoice,
        [{"invoice_number": "HAND-8", "client": [kim.id], "status": "Sent", "due_date": DUE},
         {"invoice_number": "INV-0052", "client": [ann.id], "status": "Sent", "due_date": DUE,
          "amount": Decimal("100.00"), "total": Decimal("100.00")}],
    )  # fmt: skip
    ctx = world.ctx(now=datetime.combine(DUE, datetime.min.time(), UTC) + timedelta(days=8, hours=7))
    with ctx.run:
        overdue_daily(ctx)
    assert {i.status for i in gw.all(Invoice)} == {"Overdue"}
    alerts = {m.subject: m.body or "" for m in gw.all(Message) if m.kind == "System Alert"}
    assert len(alerts) == 2, alerts
    for body in alerts.values():
        assert ", Overdue)" in body and ", Sent)" not in body, body


def test_deliver_pending__an_invoice_whose_email_was_cancelled_is_reported_each_day_not_left_silent(
    server, tmp_path
) -> None:
    # The client opted out of email: her invoice email was Cancelled when composed, so the invoice can never
    # be marked Sent by it. Without a word it would stay Draft for ever, never chased; each day's run says
    # so (the brief lists runs with problems) and composes no second email.
    from automation.billing.delivery import deliver_pending

    world = make_world(server, tmp_path, **POLICY)
    gw = world.gw
    (wen,) = gw.create(Client, [{"name": "Wen Zhou", "email": "wen@zhou.example", "email_opt_out": True}])
    (invoice,) = gw.create(
        Invoice,
        [{"invoice_number": "INV-0043", "client": [wen.id], "status": "Draft", "due_date": DUE,
          "amount": Decimal("100.00"), "tax_amount": Decimal("20.00"), "total": Decimal("120.00")}],
    )  # fmt: skip
    for _ in range(2):
        ctx = world.ctx()
        with ctx.run:
            deliver_pending(ctx)
        problems = [(p.record_id, p.reason) for p in ctx.run.problems]
        emails = [m for m in gw.all(Message) if m.kind == "Invoice"]
        assert [m.status for m in emails] == ["Cancelled"], [(m.status, m.error) for m in emails]
    assert [rid for rid, _ in problems] == [invoice.id]
    assert "not sent" in problems[0][1] and "opted out" in problems[0][1]
    assert gw.get(Invoice, invoice.id).status == "Draft"


def test_overdue_daily__a_reminder_with_a_late_fee_and_no_tax_shows_what_the_fee_was_added_to(
    server, tmp_path
) -> None:
    # An invoice typed in without Lines, in a business without tax: the reminder listed only the fee and
    # the new total, so the client could not see what she owed before the fee.
    world = make_world(server, tmp_path, **POLICY)
    gw = world.gw
    (client,) = gw.create(Client, [{"name": "Jo Park", "email": "jo@acme.example"}])
    gw.create(
        Invoice,
        [{"invoice_number": "SLP-0102", "client": [client.id], "status": "Sent", "due_date": DUE,
          "amount": Decimal("900.00"), "total": Decimal("900.00")}],
    )  # fmt: skip
    now = datetime.combine(DUE + timedelta(days=35), datetime.min.time(), UTC) + timedelta(hours=12)
    ctx = world.ctx(now=now)
    with ctx.run:
        overdue_daily(ctx)
    (msg,) = [m for m in gw.all(Message) if m.kind == "Payment Reminder"]
    assert "Subtotal: £900.00\nLate fee: £25.00\nTotal: £925.00" in (msg.body or "")


def test_overdue_daily__a_reminder_caught_up_after_its_day_says_overdue_not_due_today(
    server, tmp_path
) -> None:
    # The invoice was already a day late when the job first saw it (sent late, or the job did not run on
    # the due date): the on-the-day reminder still goes, once, but it must not tell the client the invoice
    # "is due today", nor "due on" as if it were not late yet.
    world = make_world(server, tmp_path, **POLICY)
    gw = world.gw
    (client,) = gw.create(Client, [{"name": "Jo Park", "email": "jo@acme.example"}])
    (invoice,) = gw.create(
        Invoice,
        [{"invoice_number": "INV-0008", "client": [client.id], "status": "Sent", "due_date": DUE,
          "amount": Decimal("1000.00"), "tax_amount": Decimal("200.00"), "total": Decimal("1200.00"),
          "lines": "1000.00 | - | - | Coaching"}],
    )  # fmt: skip
    day_after = datetime.combine(DUE + timedelta(days=1), datetime.min.time(), UTC) + timedelta(hours=12)
    ctx = world.ctx(now=day_after)
    with ctx.run:
        overdue_daily(ctx)
    (msg,) = [m for m in gw.all(Message) if m.kind == "Payment Reminder"]
    assert msg.dedupe_key == f"{invoice.id}:reminder:+0"
    assert "due today" not in msg.subject and "is overdue" in msg.subject
    assert "was due on" in msg.body and "still open" in msg.body


@pytest.mark.parametrize(
    ("days_before", "says"), [(3, "is due on"), (0, "is due today")], ids=["soon", "today"]
)
def test_overdue_daily__a_reminder_before_or_on_the_due_day_reads_as_a_reminder_not_the_invoice_again(
    server, tmp_path, days_before, says
) -> None:
    # The client already has the invoice email: a reminder that opens with the invoice's own words
    # ("Please find invoice ... below") reads as the same email twice, or as a second invoice to pay.
    world = make_world(server, tmp_path, **POLICY)
    gw = world.gw
    (client,) = gw.create(Client, [{"name": "Jo Park", "email": "jo@acme.example"}])
    gw.create(
        Invoice,
        [{"invoice_number": "INV-0009", "client": [client.id], "status": "Sent", "due_date": DUE,
          "amount": Decimal("1000.00"), "tax_amount": Decimal("200.00"), "total": Decimal("1200.00"),
          "lines": "1000.00 | - | - | Coaching"}],
    )  # fmt: skip
    day = datetime.combine(DUE - timedelta(days=days_before), datetime.min.time(), UTC) + timedelta(hours=12)
    ctx = world.ctx(now=day)
    with ctx.run:
        overdue_daily(ctx)
    (msg,) = [m for m in gw.all(Message) if m.kind == "Payment Reminder"]
    body = msg.body or ""
    assert "Please find invoice" not in body
    assert "reminder" in body.lower() and "INV-0009" in body and says in body
    assert "Tuesday 15 December 2026" in body and "Total: £1,200.00" in body
