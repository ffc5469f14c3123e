"""A session set Cancelled after an invoice charged it (thin automation). Billing never changes an invoice
that has gone out, so without a word the client keeps being asked to pay for a session that did not
happen (and its associate's cut stands on the payout statement). The coach is told once, with the
invoice, and what to do: Void it (its sessions return to the next billing run as they now stand, a
cancellation charged only when late), or leave it when the cancellation is to be charged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from automation.billing.emails import cancelled_after_invoice_alert
from automation.models import Invoice, Session

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.registry import Update

INVOICE_FIELDS = ["invoice_number", "status", "total", "amount", "client"]


def on_invoiced_session_cancelled(ctx: JobContext, sessions: list[Session]) -> list[Update]:
    """One read of the linked invoices, only when a cancelled session links one; one alert per session and
    invoice (its dedupe key), however often the status is touched again."""
    from automation.messages import compose

    cancelled = [s for s in sessions if s.status == "Cancelled" and s.invoice]
    if not cancelled:
        return []
    ids = sorted({i for s in cancelled for i in s.invoice})
    invoices = {i.id: i for i in ctx.gateway.get_many(Invoice, ids, fields=INVOICE_FIELDS)}
    for s in cancelled:
        for inv_id in s.invoice:
            inv = invoices.get(inv_id)
            if inv is None or inv.status == "Void":  # voided: its sessions are billed again as they stand
                continue
            compose(ctx, cancelled_after_invoice_alert(s, inv, ctx.settings, ctx.tz))
    return []
