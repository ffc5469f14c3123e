"""Getting new invoices to clients: through Stripe when STRIPE_SECRET_KEY is set, else as an invoice email
that waits in Messages for the coach's approval (the coach then marks payments by hand)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from automation.billing.emails import invoice_draft
from automation.errors import RecordProblem

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Client, Invoice


def deliver_invoices(ctx: JobContext, invoices: list[Invoice], clients: dict[str, Client]) -> dict[str, Any]:
    if not invoices:
        return {}
    if ctx.config.stripe_secret_key is not None:
        from automation.billing.stripe_flow import send_through_stripe

        return send_through_stripe(ctx, invoices, clients)
    return draft_invoice_emails(ctx, invoices, clients)


def draft_invoice_emails(
    ctx: JobContext, invoices: list[Invoice], clients: dict[str, Client]
) -> dict[str, Any]:
    """One invoice email per invoice (Draft until the coach approves it; composing again changes nothing)."""
    from automation.messages import compose

    drafted = 0
    for inv in invoices:
        client = clients.get(inv.client[0]) if inv.client else None
        if client is None or not client.email:
            ctx.run.report(RecordProblem("invoices", inv.id, "client", None, "client has no email address"))
            continue
        compose(ctx, invoice_draft(inv, client, ctx.settings))
        drafted += 1
    return {"emails_drafted": drafted}
