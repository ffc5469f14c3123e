"""Billing through the app's routes: the one-client trigger and the daily cron, against the local server."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from automation.models import Client, Invoice, Package, Session
from tests.billing.test_stripe_webhook_http import app, world  # noqa: F401  (fixtures)


def test_trigger__bill_client_bills_the_month_to_date_for_that_client_only(app, world) -> None:  # noqa: F811
    gw = world.gw
    (pkg,) = gw.create(Package, [{"name": "P", "billing": "Per Session", "price": Decimal("150.00")}])
    jo, kim = gw.create(
        Client,
        [
            {"name": n, "email": f"{n.lower()}@x.example", "status": "Active", "package": [pkg.id]}
            for n in ("Jo", "Kim")
        ],
    )
    today = datetime.now(UTC).replace(hour=0, minute=5)
    gw.create(Session, [{"client": [c.id], "session_date": today, "status": "Completed"} for c in (jo, kim)])
    headers = {"X-Trigger-Secret": "trigger-secret-for-billing-0123"}
    r = app.post("/api/triggers/bill-client", json={"recordId": jo.id}, headers=headers)
    assert r.status_code == 200, r.text
    (inv,) = gw.all(Invoice)
    assert (inv.client, inv.period, inv.amount) == ([jo.id], f"{today:%Y-%m}", Decimal("150.00"))
    assert app.post("/api/triggers/bill-client", json={"recordId": jo.id}, headers=headers).status_code == 200
    assert len(gw.all(Invoice)) == 1  # the same client and month again: nothing
    assert app.post("/api/triggers/bill-client", json={"recordId": jo.id}).status_code == 401


def test_cron__billing_daily_answers_through_the_route(app, world) -> None:  # noqa: F811
    r = app.get("/api/cron/billing-daily", headers={"Authorization": "Bearer cron-secret-for-billing-0123"})
    assert r.status_code == 200 and r.json()["job"] == "billing-daily"


def test_marked_paid__payment_date_sessions_paid_and_ltv(app, world) -> None:  # noqa: F811
    gw = world.gw
    (client,) = gw.create(Client, [{"name": "Jo", "email": "jo@x.example", "ltv": Decimal("100.00")}])
    (s,) = gw.create(Session, [{"name": "a", "status": "Completed", "invoice_status": "Invoiced"}])
    a, b = gw.create(
        Invoice,
        [
            {"invoice_number": "INV-0001", "client": [client.id], "status": "Paid", "total": Decimal("0.10")},
            {"invoice_number": "INV-0002", "client": [client.id], "sessions": [s.id], "status": "Sent",
             "total": Decimal("0.20")},
        ],
    )  # fmt: skip
    gw.update(Invoice, [(b, {"status": "Paid"})])  # the coach marks it paid
    headers = {"X-Trigger-Secret": "trigger-secret-for-billing-0123"}
    for _ in range(2):
        r = app.post("/api/triggers/invoice-payment", json={"recordId": b.id}, headers=headers)
        assert r.status_code == 200, r.text
    got = gw.get(Invoice, b.id)
    assert got.payment_date is not None and gw.get(Session, s.id).invoice_status == "Paid"
    assert gw.get(Client, client.id).ltv == Decimal("0.30")  # exactly, not 0.30000000000000004


def _invoice_with_mail(gw, status: str, mail: list[tuple[str, str]], **extra):
    """A Sent invoice of Jo's with one Invoiced session and these messages about it (kind, status)."""
    from automation.models import Message

    (client,) = gw.create(Client, [{"name": "Jo", "email": "jo@x.example"}])
    (s,) = gw.create(Session, [{"name": "a", "status": "Completed", "invoice_status": "Invoiced"}])
    (inv,) = gw.create(
        Invoice,
        [{"invoice_number": "INV-0007", "client": [client.id], "sessions": [s.id], "status": status,
          "total": Decimal("120.00"), **extra}],
    )  # fmt: skip
    messages = gw.create(
        Message,
        [
            {"kind": kind, "status": st, "channel": "Email", "recipient": "jo@x.example", "invoice": [inv.id],
             "subject": f"{kind} {n}", "dedupe_key": f"test:{inv.id}:{n}", "client": [client.id]}
            for n, (kind, st) in enumerate(mail)
        ],
    )  # fmt: skip
    return inv, s, messages


def test_marked_void__its_waiting_invoice_email_and_reminders_are_cancelled_not_approvable(
    app,  # noqa: F811
    world,  # noqa: F811
) -> None:
    # A void invoice's email or reminder still in the Approval Queue could be approved by habit and ask a
    # client to pay an invoice that no longer stands; what was already sent stays as it was.
    from automation.models import Message

    gw = world.gw
    inv, s, (sent, waiting, queued) = _invoice_with_mail(
        gw, "Sent", [("Invoice", "Sent"), ("Payment Reminder", "Draft"), ("Payment Reminder", "Approved")]
    )
    gw.update(Invoice, [(inv, {"status": "Void"})])  # the coach voids it
    headers = {"X-Trigger-Secret": "trigger-secret-for-billing-0123"}
    for _ in range(2):
        r = app.post("/api/triggers/invoice-payment", json={"recordId": inv.id}, headers=headers)
        assert r.status_code == 200, r.text
    assert gw.get(Message, sent.id).status == "Sent"
    for m in (waiting, queued):
        got = gw.get(Message, m.id)
        assert got.status == "Cancelled" and "voided" in (got.error or ""), (got.status, got.error)
    assert gw.get(Session, s.id).invoice_status == "Not Invoiced"


def test_marked_paid__a_waiting_payment_reminder_is_cancelled(app, world) -> None:  # noqa: F811
    from automation.models import Message

    gw = world.gw
    inv, _, (email, reminder) = _invoice_with_mail(
        gw, "Sent", [("Invoice", "Sent"), ("Payment Reminder", "Draft")]
    )
    gw.update(Invoice, [(inv, {"status": "Paid"})])
    headers = {"X-Trigger-Secret": "trigger-secret-for-billing-0123"}
    assert (
        app.post("/api/triggers/invoice-payment", json={"recordId": inv.id}, headers=headers).status_code
        == 200
    )
    got = gw.get(Message, reminder.id)
    assert got.status == "Cancelled" and "paid" in (got.error or "")
    assert gw.get(Message, email.id).status == "Sent"


BILLED = {
    "lines": "100.00 | - | - | Coaching session, Tue 3 Nov 2026",
    "amount": Decimal("100.00"),
    "tax_amount": Decimal("20.00"),
    "date_created": date(2026, 12, 1),
    "due_date": date(2026, 12, 15),
    "payment_link": "https://pay.example/inv-0007",
}


@pytest.mark.parametrize("waiting", ["Draft", "Approved"])
def test_marked_paid__a_waiting_invoice_email_is_replaced_by_its_paid_copy(app, world, waiting) -> None:  # noqa: F811
    # Approved later, the waiting email would tell a client who has paid that the invoice is "due on ...".
    # She is still owed the invoice (her record of the tax): the same lines and amounts, saying it is paid.
    from automation.models import Message

    gw = world.gw
    inv, _, (email,) = _invoice_with_mail(gw, "Draft", [("Invoice", waiting)], **BILLED)
    gw.update(Invoice, [(inv, {"status": "Paid", "payment_date": date(2026, 12, 3)})])  # paid by transfer
    headers = {"X-Trigger-Secret": "trigger-secret-for-billing-0123"}
    for _ in range(2):  # a second run replaces nothing again
        r = app.post("/api/triggers/invoice-payment", json={"recordId": inv.id}, headers=headers)
        assert r.status_code == 200, r.text
    old = gw.get(Message, email.id)
    assert old.status == "Cancelled" and "paid" in (old.error or "")
    (copy,) = [m for m in gw.all(Message) if m.kind == "Invoice" and m.id != email.id]
    assert (copy.status, copy.recipient, copy.invoice) == ("Draft", "jo@x.example", [inv.id])
    assert "paid on Thursday 3 December 2026" in copy.body and "paid" in (copy.subject or "").lower()
    assert "Coaching session, Tue 3 Nov 2026: £100.00" in copy.body and "Total: £120.00" in copy.body
    assert "due on" not in copy.body and "pay.example" not in copy.body + (copy.body_html or "")


def _paid_by_hand(http, gw, inv) -> None:
    gw.update(Invoice, [(inv, {"status": "Paid", "payment_date": date(2026, 12, 3)})])
    headers = {"X-Trigger-Secret": "trigger-secret-for-billing-0123"}
    for _ in range(2):  # the trigger again (a replayed webhook, the status set twice): still once
        r = http.post("/api/triggers/invoice-payment", json={"recordId": inv.id}, headers=headers)
        assert r.status_code == 200, r.text


def test_marked_paid__before_its_invoice_email_was_drafted_the_client_gets_its_paid_copy(app, world) -> None:  # noqa: F811
    # The run that billed it stopped before drafting (or the client had no address then); the coach was
    # paid by transfer meanwhile. The pending step drafts only for Draft invoices: she would never get her
    # invoice (her record of the tax). Its paid copy waits for approval, once.
    from automation.models import Message

    gw = world.gw
    inv, _, _ = _invoice_with_mail(gw, "Draft", [], dedupe_key="recJo:2026-11", **BILLED)
    _paid_by_hand(app, gw, inv)
    (copy,) = gw.all(Message)
    assert (copy.kind, copy.status, copy.recipient, copy.invoice) == (
        "Invoice",
        "Draft",
        "jo@x.example",
        [inv.id],
    )
    assert "paid on Thursday 3 December 2026" in copy.body and "due on" not in copy.body
    assert "Coaching session, Tue 3 Nov 2026: £100.00" in copy.body and "Total: £120.00" in copy.body


@pytest.mark.parametrize(
    "history",
    [
        {},  # imported or typed in by hand (no Dedupe Key): from before the system, sent however it was
        {"dedupe_key": "recJo:2026-11", "date_sent": date(2026, 12, 1)},  # Stripe (or an email) sent it
        {"dedupe_key": "recJo:2026-11", "mail": [("Invoice", "Cancelled")]},  # the coach stopped its email
        {"dedupe_key": "recJo:2026-11", "mail": [("Invoice", "Sent"), ("Payment Reminder", "Sent")]},
    ],
)
def test_marked_paid__an_invoice_that_had_its_invoice_gets_no_copy(app, world, history) -> None:  # noqa: F811
    from automation.models import Message

    gw = world.gw
    extra = {k: v for k, v in history.items() if k != "mail"}
    inv, _, before = _invoice_with_mail(gw, "Sent", history.get("mail", []), **BILLED, **extra)
    _paid_by_hand(app, gw, inv)
    assert {m.id for m in gw.all(Message)} == {m.id for m in before}


def test_marked_paid__a_client_without_an_address_gets_her_paid_copy_when_it_is_added(app, world) -> None:  # noqa: F811
    # Paid (by transfer) while the client had no email address: nothing can go to her then. The coach is
    # told once (not a Partial run), and when she adds the address the paid copy is drafted at once,
    # waiting for approval like any invoice email; the trigger again drafts nothing more.
    from automation.models import Message, Run

    gw = world.gw
    inv, _, _ = _invoice_with_mail(gw, "Draft", [], dedupe_key="recJo:2026-11", **BILLED)
    (jo,) = gw.all(Client)
    gw.update(Client, [(jo, {"email": None})])
    _paid_by_hand(app, gw, inv)
    assert not [m for m in gw.all(Message) if m.kind == "Invoice"]
    (alert,) = [m for m in gw.all(Message) if m.kind == "System Alert"]
    assert "INV-0007" in alert.subject and "Jo has no email address" in alert.body
    assert not [r for r in gw.all(Run) if r.outcome != "Success"]

    gw.update(Client, [(gw.get(Client, jo.id), {"email": "jo@x.example"})])
    headers = {"X-Trigger-Secret": "trigger-secret-for-billing-0123"}
    for _ in range(2):
        r = app.post("/api/triggers/invoice-receipt-on-address", json={"recordId": jo.id}, headers=headers)
        assert r.status_code == 200, r.text
    (copy,) = [m for m in gw.all(Message) if m.kind == "Invoice"]
    assert (copy.status, copy.recipient, copy.invoice) == ("Draft", "jo@x.example", [inv.id])
    assert "paid on Thursday 3 December 2026" in copy.body and "due on" not in copy.body
    assert len([m for m in gw.all(Message) if m.kind == "System Alert"]) == 1
