"""Invoices through Stripe (stripe-python, imported only when STRIPE_SECRET_KEY is set).

For each new invoice: the client's customer (created once, its id stored in Stripe Customer ID), a draft
invoice with collection_method=send_invoice and days_until_due, one invoice item per line plus one for the
tax (so Stripe's total is exactly ours, in integer cents), finalize, send; the hosted invoice URL goes to
Payment Link and the invoice becomes Sent.

Idempotency: every POST carries a key derived from Airtable record ids ("cus-<client>", "inv-<invoice>",
"ii-<invoice>-<n>", "fin-<invoice>", "send-<invoice>"), so a re-run (a duplicated cron, a retried trigger)
replays Stripe's saved answers instead of creating twice; the SDK retries network errors, 409 and 5xx at
most MAX_RETRIES times with the same key. The Stripe invoice id is written to the record as soon as it
exists, so a run resumed after Stripe's 24 h key retention continues that invoice (it is retrieved and
taken from the step it reached) instead of opening a second one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from automation.billing.emails import tax_id_line
from automation.billing.invoices import parse_lines
from automation.errors import ConfigError, RecordProblem
from automation.models import Client, Invoice
from automation.money import minor_units

if TYPE_CHECKING:
    from automation.config import Config
    from automation.context import JobContext

MAX_RETRIES = 2
TIMEOUT_S = 20


def stripe_client(config: Config) -> Any:
    """A StripeClient for the configured key (and STRIPE_API_BASE, for a local fake)."""
    if config.stripe_secret_key is None:
        raise ConfigError("STRIPE_SECRET_KEY is not set")
    import stripe

    kwargs: dict[str, Any] = {"max_network_retries": MAX_RETRIES}
    if config.stripe_api_base:
        kwargs["base_addresses"] = {"api": config.stripe_api_base.rstrip("/")}
    kwargs["http_client"] = stripe.RequestsClient(timeout=TIMEOUT_S)
    return stripe.StripeClient(config.stripe_secret_key.get_secret_value(), **kwargs)


def send_through_stripe(
    ctx: JobContext, invoices: list[Invoice], clients: dict[str, Client], client: Any = None
) -> dict[str, Any]:
    """Create, finalize and send each invoice in Stripe; record what happened on the Airtable records."""
    import stripe

    api = client or stripe_client(ctx.config)
    gw = ctx.gateway
    currency = ctx.settings.general.currency.lower()
    tax_label = ctx.settings.billing.tax_label.strip() or "Tax"
    # The registration number a tax invoice must show (Settings' tax_id): on Stripe's invoice, the one the
    # client receives, as on our own invoice email; Stripe shows the footer on the invoice and its PDF.
    footer = {"footer": line} if (line := tax_id_line(ctx.settings)) else {}
    customers = _customers(ctx, api, invoices, clients)
    opened: dict[str, str] = {inv.id: inv.stripe_id for inv in invoices if inv.stripe_id}
    fresh = []
    for inv in invoices:
        cus = customers.get(inv.client[0]) if inv.client else None
        if inv.id in opened or cus is None:
            continue
        try:
            obj = api.v1.invoices.create(
                params={
                    "customer": cus,
                    "collection_method": "send_invoice",
                    "days_until_due": _days_until_due(inv),
                    "auto_advance": False,
                    "currency": currency,
                    "description": f"Invoice {inv.invoice_number}",
                    "metadata": {"airtable_id": inv.id, "invoice_number": inv.invoice_number or ""},
                    **footer,
                },
                options={"idempotency_key": f"inv-{inv.id}"},
            )
        except stripe.StripeError as exc:
            _problem(ctx, inv, exc)
            continue
        opened[inv.id] = obj.id
        fresh.append((inv, {"stripe_id": obj.id}))
    if fresh:  # the Stripe id is kept before anything else can fail
        gw.update(Invoice, fresh)
    done = []
    for inv in invoices:
        sid = opened.get(inv.id)
        cus = customers.get(inv.client[0]) if inv.client else None
        if sid is None or cus is None:
            continue
        try:
            obj = _complete(api, inv, sid, cus, currency, tax_label, resumed=bool(inv.stripe_id))
        except (stripe.StripeError, ValueError) as exc:  # ValueError: an amount Stripe's unit cannot carry
            _problem(ctx, inv, exc)
            continue
        done.append(
            (
                inv,
                {
                    "stripe_id": sid,
                    "payment_link": obj.hosted_invoice_url,
                    "status": "Sent",
                    "date_sent": ctx.today(),
                },
            )
        )
    if done:
        gw.update(Invoice, done)
    return {"stripe_sent": len(done)}


def _complete(
    api: Any, inv: Invoice, sid: str, cus: str, currency: str, tax_label: str, *, resumed: bool
) -> Any:
    """Items (the tax one named as Settings call it: VAT, GST...), finalize, send: the steps this Stripe
    invoice has not reached yet."""
    status = api.v1.invoices.retrieve(sid).status if resumed else "draft"
    if status == "draft":
        lines = parse_lines(inv.lines)
        items = [(line.amount, line.description) for line in lines]
        if inv.tax_amount:
            items.append((inv.tax_amount, tax_label))
        units = [minor_units(amount, currency) for amount, _ in items]  # all refused before any is sent
        for n, ((_, description), amount) in enumerate(zip(items, units, strict=True), start=1):
            api.v1.invoice_items.create(
                params={
                    "customer": cus,
                    "invoice": sid,
                    "amount": amount,
                    "currency": currency,
                    "description": description,
                },
                options={"idempotency_key": f"ii-{inv.id}-{n}"},
            )
        api.v1.invoices.finalize_invoice(sid, options={"idempotency_key": f"fin-{inv.id}"})
    return api.v1.invoices.send_invoice(sid, options={"idempotency_key": f"send-{inv.id}"})


def _customers(
    ctx: JobContext, api: Any, invoices: list[Invoice], clients: dict[str, Client]
) -> dict[str, str]:
    """Stripe customer id per client of these invoices; new ones are created once and stored."""
    import stripe

    out: dict[str, str] = {}
    new = []
    for cid in dict.fromkeys(inv.client[0] for inv in invoices if inv.client):
        c = clients.get(cid)
        if c is None:
            continue
        if c.stripe_customer_id and follow_email(ctx, api, c):
            out[cid] = c.stripe_customer_id
            continue
        # None yet, or one Stripe does not hold (deleted, or made with another account's or mode's key):
        # the id points to nothing, so a new customer loses nothing, where keeping it failed her invoice
        # every day. Its own key: the first customer's would replay the customer Stripe no longer holds.
        gone = c.stripe_customer_id
        try:
            cus = api.v1.customers.create(
                params={"email": c.email or "", "name": c.name or "", "metadata": {"airtable_id": cid}},
                options={"idempotency_key": f"cus-{cid}" + (f"-after-{gone}" if gone else "")},
            )
        except stripe.StripeError as exc:
            ctx.run.report(RecordProblem("clients", cid, "stripe_customer_id", None, f"Stripe: {exc}"))
            continue
        out[cid] = cus.id
        new.append((c, {"stripe_customer_id": cus.id}))
    if new:
        ctx.gateway.update(Client, new)
    return out


def follow_email(ctx: JobContext, api: Any, c: Client) -> bool:
    """Stripe sends the invoice to its customer's email, which was the client's when the customer was
    created: one created while the client had none (or an address since corrected) gets the client's now.
    One read per client invoiced (a run meeting her twice, as the late fees of two invoices, reads once); a
    write only when they differ. A Stripe error is named, not fatal: the invoice still goes to the address
    Stripe holds. False when Stripe holds no such customer (deleted, or another account's or mode's id): the
    read tells, at no extra call."""
    import stripe

    email = (c.email or "").strip()
    if not email or not c.stripe_customer_id:
        return True  # no address to give: the one Stripe holds, if any, is kept
    key = ("stripe-email", c.id)
    if key in ctx.in_hand:
        return bool(ctx.in_hand[key])
    ctx.in_hand[key] = True
    try:
        cus = api.v1.customers.retrieve(c.stripe_customer_id)
        if getattr(cus, "deleted", False):
            ctx.in_hand[key] = False
            return False
        if (getattr(cus, "email", None) or "").strip().lower() != email.lower():
            api.v1.customers.update(c.stripe_customer_id, params={"email": email})
    except stripe.InvalidRequestError as exc:
        if exc.code == "resource_missing" and exc.http_status == 404:
            ctx.in_hand[key] = False
            return False
        ctx.run.report(RecordProblem("clients", c.id, "email", c.email, f"Stripe customer's email: {exc}"))
    except stripe.StripeError as exc:
        ctx.run.report(RecordProblem("clients", c.id, "email", c.email, f"Stripe customer's email: {exc}"))
    return True


def _days_until_due(inv: Invoice) -> int:
    if inv.due_date and inv.date_created:
        return max(0, (inv.due_date - inv.date_created).days)
    return 0


def _problem(ctx: JobContext, inv: Invoice, exc: Exception) -> None:
    ctx.run.report(RecordProblem("invoices", inv.id, "stripe_id", inv.stripe_id, f"Stripe: {exc}"))


def late_fee_invoice(
    api: Any, inv: Invoice, cus: str, currency: str, n: int, amount: Any, days: int, footer: str = ""
) -> Any:
    """A late fee on a finalized invoice is its own Stripe invoice (a finalized one cannot change); it shows
    the business's registration number as the invoice it adds to does (`footer`: tax_id_line)."""
    key = f"late-{inv.id}-{n}"
    obj = api.v1.invoices.create(
        params={
            "customer": cus,
            "collection_method": "send_invoice",
            "days_until_due": days,
            "auto_advance": False,
            "currency": currency,
            "description": f"Late fee {n} on invoice {inv.invoice_number}",
            "metadata": {"airtable_id": inv.id, "late_fee": str(n)},
            **({"footer": footer} if footer else {}),
        },
        options={"idempotency_key": f"{key}-inv"},
    )
    api.v1.invoice_items.create(
        params={
            "customer": cus,
            "invoice": obj.id,
            "amount": minor_units(amount, currency),
            "currency": currency,
            "description": f"Late fee on invoice {inv.invoice_number}",
        },
        options={"idempotency_key": f"{key}-item"},
    )
    api.v1.invoices.finalize_invoice(obj.id, options={"idempotency_key": f"{key}-fin"})
    return api.v1.invoices.send_invoice(obj.id, options={"idempotency_key": f"{key}-send"})


def void_in_stripe(ctx: JobContext, invoices: list[Invoice], client: Any = None) -> dict[str, dict[str, Any]]:
    """The coach set these invoices Void: stop Stripe taking money for them. A finalized Stripe invoice is
    voided (an open or uncollectible one; it stays in Stripe, marked void), a draft is deleted. One Stripe
    has already marked paid cannot be voided: the money came in before the coach's change, so its paid
    object is returned (the caller puts the invoice back to Paid and tells the coach). Returns
    {invoice id: Stripe invoice} for those found paid."""
    import stripe

    api = client or stripe_client(ctx.config)
    paid: dict[str, dict[str, Any]] = {}
    for inv in invoices:
        sid = inv.stripe_id
        if not sid:
            continue
        try:
            obj = api.v1.invoices.retrieve(sid)
            if obj.status in ("open", "uncollectible"):
                api.v1.invoices.void_invoice(sid, options={"idempotency_key": f"void-{inv.id}"})
            elif obj.status == "draft":
                api.v1.invoices.delete(sid)
            elif obj.status == "paid":
                paid[inv.id] = obj.to_dict()
        except stripe.StripeError as exc:
            _problem(ctx, inv, exc)
    return paid
