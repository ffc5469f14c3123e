"""What billing registers: the daily billing job, the one-client trigger, Stripe's invoice events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from automation.billing import numbering
from automation.billing.cancelled import on_invoiced_session_cancelled
from automation.billing.delivery import deliver_pending, overdue_daily, payout_statements
from automation.billing.invoices import Period, due_period
from automation.billing.payments import (
    on_invoice_paid,
    on_invoice_payment_failed,
    on_invoice_voided,
    on_marked_paid,
    on_payment_date,
    receipts_on_address,
)
from automation.billing.refunds import on_charge_refunded, on_dispute_closed, on_dispute_created
from automation.billing.run import billing_run
from automation.registry import Automation, CronJob, Update

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Record


def billing_daily(ctx: JobContext) -> dict[str, Any]:
    """On and after the billing day: bill last month once (a missed day is caught up the next day), then
    draft the associates' payout statements once: a run that stopped after billing (the delivery or the
    statements failed, the budget ran out) leaves them to the next day's run, which finds the period billed
    and its statements not yet marked drafted (no extra call: both marks come in the one state read)."""
    out: dict[str, Any] = {}
    period = due_period(ctx.today(), ctx.settings.billing.billing_day)
    if period is not None:
        state = numbering.load(ctx.gateway)
        billed = state.billed(period.label)
        if not billed:
            out["billing"] = billing_run(ctx, period, mark_billed=True)
            out["record_run"] = True
        elif told := state.skipped(period.label):
            # Clients the month's run could not bill (a package missing, of a kind it does not know...):
            # each is billed by the first run after her record is fixed; until then she was named once.
            out["billing"] = billing_run(ctx, period, list(told), mark_billed=True, told=told)
            out["record_run"] = bool(added := out["billing"].get("invoices"))
            if added and state.payouts_drafted(period.label):  # her associates' share: their own statement
                out["payouts_added"] = payout_statements(ctx, period.label, period.name, added)
        if (billed or "busy" not in out["billing"]) and not state.payouts_drafted(period.label):
            # Retainer sessions of earlier months marked after their statements: this month's carries them.
            from automation.billing.late import carried

            rows = (out.get("billing") or {}).get("carried") or carried(state, period.label)
            out["payouts"] = payout_statements(ctx, period.label, period.name, carried=rows)
            out["record_run"] = True
            # A statement held for a Commission % not set keeps the month open: the next runs draft it.
            if not ctx.run.shadow and not out["payouts"].get("held"):  # Shadow drafts nothing: not done
                numbering.mark(ctx.gateway, numbering.payouts_key(period.label))
    for name, step in (("pending", deliver_pending), ("overdue", overdue_daily)):
        done = step(ctx)
        if done:
            out[name] = done
    return out


def bill_client(ctx: JobContext, clients: list[Record]) -> list[Update]:
    """Bill these clients now for the month to date (e.g. a client leaving mid-month)."""
    result = billing_run(ctx, Period.of(ctx.today()), [c.id for c in clients])
    if "busy" in result:
        raise RuntimeError(result["busy"])  # the trigger answers with the reason; the coach retries
    return []


AUTOMATIONS = [
    Automation(
        "bill-client",
        "clients",
        frozenset(),  # never from a webhook: only the trigger endpoint runs it
        frozenset(),
        bill_client,
        on_create=False,
        description="Bill one client now for the month to date (POST /api/triggers/bill-client).",
    ),
    Automation(
        "invoice-payment",
        "invoices",
        frozenset({"status"}),
        frozenset({"payment_date"}),
        on_marked_paid,
        on_create=False,
        description="An invoice marked Paid: Payment Date, its sessions Paid, the client's LTV; marked Void: "
        "its sessions back to Not Invoiced for the next billing run.",
    ),
    Automation(
        "invoice-payment-date",
        "invoices",
        frozenset({"payment_date"}),
        frozenset(),  # Late Fees and Total (nobody else's after the invoice is Paid), the client's LTV
        on_payment_date,
        on_create=False,
        description="A Payment Date typed after the invoice was set Paid (the day a transfer came): a late "
        "fee added on a later day is taken off and the client's LTV follows.",
    ),
    Automation(
        "invoiced-session-cancelled",
        "sessions",
        frozenset({"status"}),  # watched already (conflicts, Cancelled At, invitations)
        frozenset(),  # tells the coach (Messages); the invoice that went out is not changed
        on_invoiced_session_cancelled,
        on_create=False,  # a session typed in as Cancelled was never invoiced as held
        description="A session set Cancelled after an invoice charged it: the coach is told once, with the "
        "invoice and what to do (Void it and bill again, or leave a charged cancellation).",
    ),
    Automation(
        "invoice-receipt-on-address",
        "clients",
        frozenset({"email"}),
        frozenset(),
        receipts_on_address,
        on_create=False,  # a new client has no paid invoice yet
        description="A client's email address added: her Paid invoices that never reached her (paid while "
        "she had no address) get their paid copy, waiting for approval.",
    ),
]

# Stripe sends these (verified in automation/events/stripe_events.py); each handler is idempotent.
STRIPE_HANDLERS = {
    "invoice.paid": on_invoice_paid,
    "invoice.payment_failed": on_invoice_payment_failed,
    "invoice.voided": on_invoice_voided,
    # Money going back: a refund (full or partial) and a chargeback opened / decided.
    "charge.refunded": on_charge_refunded,
    "charge.dispute.created": on_dispute_created,
    "charge.dispute.closed": on_dispute_closed,
}

CRON_JOBS = [
    CronJob(
        "billing-daily",
        "30 6 * * *",
        billing_daily,
        "On the billing day (Settings): invoice last month's sessions and retainers, once. Every day: "
        "continue unsent invoices, mark Overdue, send due reminders, add late fees.",
    ),
]
