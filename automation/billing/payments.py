"""Payments: Stripe's invoice events and the coach marking an invoice Paid by hand.

An event says what happened to a Stripe invoice; the Airtable invoice is found by the record id in the
Stripe invoice's metadata (or its Stripe ID). Every outcome is written as the state it implies, never as
an increment, and writes are diff-aware, so a replayed event changes nothing, and an old event arriving
after a newer one cannot undo it: a Paid invoice stays Paid (a late `payment_failed` or `voided` is
ignored). Client LTV is recomputed from the client's Paid invoices (less what was refunded), so paying twice
counts once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from automation.models import Client, Invoice, Session
from automation.money import ZERO, dec
from automation.registry import Update

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Message, Record

FINAL = ("Paid", "Void")


def invoice_object(event: dict[str, Any]) -> dict[str, Any]:
    """The event's invoice, checked against the shapes Stripe documents for the fields read here."""
    from automation.errors import BadRequest

    obj = event["data"]["object"]
    checks = {
        "id": lambda v: isinstance(v, str),
        "metadata": lambda v: isinstance(v, dict),
        "status_transitions": lambda v: isinstance(v, dict) and _unix(v.get("paid_at")),
        "attempt_count": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "paid_out_of_band": lambda v: isinstance(v, bool),
    }
    for key, ok in checks.items():
        if obj.get(key) is not None and not ok(obj[key]):
            raise BadRequest(f"invoice {key} is not as Stripe documents it")
    if not _unix(event.get("created")):
        raise BadRequest("event created is not a Unix time")
    return obj


def _unix(value: Any) -> bool:
    from automation.jsonbody import unix_time

    return value is None or unix_time(value) is not None


def paid_fields(obj: dict[str, Any], event_created: int | None, tz: ZoneInfo) -> dict[str, Any]:
    """Status, Payment Date (the business day Stripe recorded the payment) and Payment Method."""
    ts = (obj.get("status_transitions") or {}).get("paid_at") or event_created
    day = datetime.fromtimestamp(ts, UTC).astimezone(tz).date() if ts else None
    method = "Other" if obj.get("paid_out_of_band") else "Card"
    return {"status": "Paid", "payment_date": day, "payment_method": method}


def _find(ctx: JobContext, obj: dict[str, Any]) -> Invoice | None:
    meta = obj.get("metadata") or {}
    if meta.get("late_fee"):
        return None  # a late-fee invoice of ours: its payment is seen in Stripe, the invoice is unchanged
    rid = meta.get("airtable_id")
    if isinstance(rid, str) and rid.startswith("rec"):
        inv = ctx.gateway.get(Invoice, rid)
        if inv is not None and inv.stripe_id in (None, obj.get("id")):
            return inv
    found = ctx.gateway.all(Invoice, formula={"stripe_id": obj.get("id")}, max_records=1)
    return found[0] if found else None


def on_invoice_paid(ctx: JobContext, event: dict[str, Any]) -> dict[str, Any]:
    """Paid, whatever it was before: money received wins, even over a Void set in Airtable (the coach is
    told: its sessions were released when it was voided)."""
    from automation.billing.emails import void_but_paid_alert
    from automation.messages import compose

    obj = invoice_object(event)
    inv = _find(ctx, obj)
    if inv is None:
        rid = (obj.get("metadata") or {}).get("airtable_id")
        if isinstance(rid, str) and rid.startswith("rec") and not (obj.get("metadata") or {}).get("late_fee"):
            from automation.billing.emails import paid_but_unknown_alert

            compose(ctx, paid_but_unknown_alert(obj, rid, ctx.settings))  # ours, but its record is gone
            return {"ignored": "its invoice is not in the base", "coach_told": True}
        return {"ignored": "no invoice of ours"}
    was_void = inv.status == "Void"
    # The payment is the client's fact, kept in every Automation Mode (Shadow would leave her owing it);
    # what follows from it (sessions, LTV, emails) follows the mode.
    with ctx.run.keeping("invoices"):
        (inv,) = ctx.gateway.update(Invoice, [(inv, paid_fields(obj, event.get("created"), ctx.tz))])
    if was_void:
        compose(ctx, void_but_paid_alert(inv, ctx.settings, released=True, client=client_name(ctx, inv)))
    return {"invoice": inv.id, **settle_payments(ctx, [inv]), **({"was_void": True} if was_void else {})}


def client_name(ctx: JobContext, inv: Invoice) -> str:
    """Whose invoice it is, for an alert the coach reads on Slack: an invoice number alone sends her to
    the base to find out. One read, only on these rare events (a failed payment, a paid Void)."""
    if not inv.client:
        return ""
    client = ctx.gateway.get(Client, inv.client[0])
    return (client.name or "").strip() if client is not None else ""


def on_invoice_payment_failed(ctx: JobContext, event: dict[str, Any]) -> dict[str, Any]:
    from automation.billing.emails import payment_failed_alert
    from automation.messages import compose

    obj = invoice_object(event)
    inv = _find(ctx, obj)
    if inv is None or inv.status in FINAL:
        return {"ignored": "no open invoice of ours"}
    attempt = obj.get("attempt_count")
    reason = f"attempt {attempt or 1} failed"
    # One failed attempt is one fact, however many events Stripe sends about it (a resend under a new event
    # id): keyed on the attempt when Stripe numbers it, else on the event.
    occurrence = f"attempt-{attempt}" if isinstance(attempt, int) else str(event.get("id"))
    alert = payment_failed_alert(inv, occurrence, reason, ctx.settings, client=client_name(ctx, inv))
    compose(ctx, alert)
    return {"invoice": inv.id, "coach_told": True}


def on_invoice_voided(ctx: JobContext, event: dict[str, Any]) -> dict[str, Any]:
    """Void, unless it was paid (money received wins over an event delivered late)."""
    inv = _find(ctx, invoice_object(event))
    if inv is None or inv.status == "Paid":
        return {"ignored": "no unpaid invoice of ours"}
    with ctx.run.keeping("invoices"):  # Stripe's fact (it takes no money for it): kept in every mode
        (inv,) = ctx.gateway.update(Invoice, [(inv, {"status": "Void"})])
    return {"invoice": inv.id, "void": True, **release_sessions(ctx, [inv])}


def release_sessions(ctx: JobContext, invoices: list[Invoice]) -> dict[str, Any]:
    """A void invoice bills nothing: its Invoiced sessions go back to Not Invoiced and off the invoice, so
    the next billing run bills them (the coach sets Waived on any that should not be). The invoice keeps
    its Lines, the record of what it held."""
    gw = ctx.gateway
    void = [i for i in invoices if i.status == "Void"]
    if not void:
        return {}
    ids = {i.id for i in void}
    sessions = gw.get_many(
        Session, [s for i in void for s in i.sessions], fields=["invoice_status", "invoice"]
    )
    freed = [
        (s, {"invoice_status": "Not Invoiced", "invoice": [x for x in s.invoice if x not in ids]})
        for s in sessions
        if s.invoice_status == "Invoiced"
    ]
    gw.update(Session, freed)
    cancelled = cancel_waiting(ctx, void, ("Invoice", "Payment Reminder"), "the invoice was voided")
    return {"sessions_released": len(freed), **({"emails_cancelled": cancelled} if cancelled else {})}


def cancel_waiting(ctx: JobContext, invoices: list[Invoice], kinds: tuple[str, ...], reason: str) -> int:
    """Emails about these invoices that still wait (a Draft in the Approval Queue, an Approved one queued
    for its hour) and no longer make sense are Cancelled with the reason: a void invoice's email or
    reminder, which the coach could otherwise approve by habit. One Messages read, only when the invoices
    link messages. A delivery claiming one at this moment reads Cancelled back and stops; only a write of
    ours slower than its claim's settle time could come after its send (the window claim.py documents)."""
    from automation.messages.delivery import cancelled_fields
    from automation.models import Message

    waiting = _waiting(ctx, invoices, kinds)
    ctx.gateway.update(Message, [(m, cancelled_fields(reason)) for m in waiting])
    return len(waiting)


def _waiting(ctx: JobContext, invoices: list[Invoice], kinds: tuple[str, ...]) -> list[Message]:
    return [m for m in _linked(ctx, invoices) if m.kind in kinds and m.status in ("Draft", "Approved")]


def _linked(ctx: JobContext, invoices: list[Invoice]) -> list[Message]:
    """The messages these invoices link, whatever their status: one read, none when they link nothing."""
    from automation.models import Message

    linked = [m for i in invoices for m in i.messages]
    if not linked:
        return []
    fields = ["kind", "status", "invoice", "dedupe_key", "recipient", "recipient_name"]
    return ctx.gateway.get_many(Message, linked, fields=fields)


def never_delivered(inv: Invoice, linked: list[Message]) -> bool:
    """A paid invoice the client never received: no invoice email about it ever existed (any status), and
    nothing marked it sent (Date Sent is written when its approved email or Stripe sent it). Only invoices
    the billing run created (Dedupe Key set, numbered): an invoice imported or typed in by hand has no key,
    so marking old invoices Paid (e.g. after an import) emails nobody about invoices sent before the
    system, by whatever means they were."""
    if not (inv.dedupe_key and inv.invoice_number) or inv.date_sent:
        return False
    return not any(m.kind == "Invoice" and m.id in inv.messages for m in linked)


def paid_mail(ctx: JobContext, paid: list[Invoice], clients: dict[str, Client]) -> dict[str, int]:
    """A paid invoice's waiting payment reminders are Cancelled. Its invoice email still waiting would tell
    the client the invoice is "due on ..." once approved; she is still owed the invoice itself (a tax
    invoice is the client's record of the tax), so the email is replaced by its paid copy ("paid on ...,
    thank you", the same lines and amounts), which waits for approval in its place. The copy has a key of
    its own: the first email is kept, Cancelled, for the record (with any edit the coach had made)."""
    from automation.billing.emails import PAID_COPY, invoice_draft
    from automation.messages import compose
    from automation.messages.delivery import cancelled_fields
    from automation.models import Message

    linked = _linked(ctx, paid)
    waiting = [m for m in linked if m.status in ("Draft", "Approved")]
    stale = [m for m in waiting if m.kind == "Invoice" and not (m.dedupe_key or "").endswith(PAID_COPY)]
    today: date = ctx.today()
    replaced: list[Message] = []
    owed = 0
    for inv in paid:
        old = [m for m in stale if m.id in inv.messages]
        client = clients.get(inv.client[0]) if inv.client else None
        if not old:
            if never_delivered(inv, linked):
                owed += _first_copy(ctx, inv, client, inv.payment_date or today)
            continue
        to = client if client is not None and client.email else _addressee(inv, old[0])
        if not to.email:
            continue  # nobody to send either to: the waiting one is stopped when it is sent
        # Composed before the first is cancelled: should it fail, the coach still holds an invoice to send.
        compose(ctx, invoice_draft(inv, to, ctx.settings, paid_on=inv.payment_date or today))
        replaced += old
    reminders = [m for m in waiting if m.kind == "Payment Reminder"]
    ctx.gateway.update(
        Message,
        [(m, cancelled_fields("the invoice is paid")) for m in reminders]
        + [(m, cancelled_fields("the invoice is paid: its paid copy replaces it")) for m in replaced],
    )
    return {
        "reminders_cancelled": len(reminders),
        "invoice_emails_replaced": len(replaced),
        "paid_copies_drafted": owed,
    }


def _first_copy(ctx: JobContext, inv: Invoice, client: Client | None, paid_on: date) -> int:
    """Paid before its invoice email was drafted (the run that billed it stopped before drafting, the
    client had no address then, Stripe held it outside Live mode): she is still owed the invoice, so its
    paid copy waits for approval (once: its dedupe key). Without an address the coach is told once, and
    the copy is drafted when the address is added (`receipts_on_address`); without a client, told once."""
    from automation.billing.delivery import tell_stuck, unreachable
    from automation.billing.emails import invoice_draft
    from automation.messages import compose

    if (cause := unreachable(client)) is not None:
        tell_stuck(ctx, inv, "paid-no-client" if cause == "no-client" else cause, client)
        return 0
    compose(ctx, invoice_draft(inv, client, ctx.settings, paid_on=paid_on))
    return 1


def _addressee(inv: Invoice, message: Message) -> Client:
    """Whom the waiting email was addressed to, when the client record has no address (or is gone)."""
    return Client(
        id=inv.client[0] if inv.client else "", name=message.recipient_name, email=message.recipient
    )


def settle_payments(ctx: JobContext, invoices: list[Invoice]) -> dict[str, Any]:
    """For paid invoices: their invoiced sessions become Paid, their clients' LTV = Σ Paid totals."""
    gw = ctx.gateway
    paid = [i for i in invoices if i.status == "Paid"]
    if not paid:
        return {}
    sessions = gw.get_many(Session, [s for i in paid for s in i.sessions], fields=["invoice_status"])
    gw.update(Session, [(s, {"invoice_status": "Paid"}) for s in sessions if s.invoice_status == "Invoiced"])
    clients = gw.get_many(
        Client, {c for i in paid for c in i.client}, fields=["invoices", "ltv", "name", "email"]
    )
    mail = paid_mail(ctx, paid, {c.id: c for c in clients})
    return {"clients_ltv": recompute_ltv(ctx, clients), **{k: v for k, v in mail.items() if v}}


def kept(inv: Invoice) -> Decimal:
    """What the business keeps of a Paid invoice: its Total less any money given back (a refund, a lost
    dispute), never below nothing."""
    return max(dec(inv.total) - dec(inv.refunded), ZERO)


def recompute_ltv(ctx: JobContext, clients: list[Client]) -> dict[str, str]:
    """Each client's LTV = Σ of what was kept of her Paid invoices: a state, so recomputing is harmless."""
    gw = ctx.gateway
    theirs = gw.get_many(
        Invoice, [i for c in clients for i in c.invoices], fields=["status", "total", "refunded"]
    )
    status = {i.id: i for i in theirs}
    updates = []
    for c in clients:
        ltv = sum((kept(status[i]) for i in c.invoices if i in status and status[i].status == "Paid"), ZERO)
        updates.append((c, {"ltv": ltv}))
    gw.update(Client, updates)
    return {c.id: str(v["ltv"]) for c, v in updates}


def stop_in_stripe(ctx: JobContext, invoices: list[Invoice]) -> list[Invoice]:
    """Invoices set Void in Airtable that Stripe holds are voided there too, so the client's payment link
    stops taking money (without it a client could pay a void invoice whose sessions were billed again).
    One the client had already paid is put back to Paid and the coach told; the invoices come back as
    they now are. Outside Live mode Stripe is not called: the coach is asked to void it there."""
    from automation.billing.delivery import stripe_allowed
    from automation.errors import RecordProblem

    voided = [i for i in invoices if i.status == "Void" and i.stripe_id]
    if not voided or ctx.config.stripe_secret_key is None:
        return invoices
    if not stripe_allowed(ctx):
        for i in voided:
            why = f"Void here only ({ctx.run.mode} mode calls no Stripe): void it in Stripe too"
            ctx.run.report(RecordProblem("invoices", i.id, "status", "Void", why))
        return invoices
    from automation.billing.emails import void_but_paid_alert
    from automation.billing.stripe_flow import void_in_stripe
    from automation.messages import compose

    paid = void_in_stripe(ctx, voided)
    if not paid:
        return invoices
    written = {
        r.id: r
        for r in ctx.gateway.update(
            Invoice, [(i, paid_fields(paid[i.id], None, ctx.tz)) for i in voided if i.id in paid]
        )
    }
    for inv in written.values():
        compose(ctx, void_but_paid_alert(inv, ctx.settings, released=False, client=client_name(ctx, inv)))
    return [written.get(i.id, i) for i in invoices]


def fees_not_owed(ctx: JobContext, invoices: list[Invoice]) -> list[Invoice]:
    """Paid invoices whose Payment Date came before a late fee's day lose that fee (the payment was recorded
    after the daily run added it), before LTV and the paid copy read Total. Not one held in Stripe: its fees
    are invoices of their own there, which the coach voids in Stripe."""
    from automation.billing.overdue import fees_after_payment

    cur = ctx.settings.general.currency
    fixes = [
        (i, fields)
        for i in invoices
        if not i.stripe_id and (fields := fees_after_payment(i, ctx.settings.billing, cur)) is not None
    ]
    if not fixes:
        return invoices
    done = {i.id: i for i in ctx.gateway.update(Invoice, fixes)}
    return [done.get(i.id, i) for i in invoices]


def on_marked_paid(ctx: JobContext, records: list[Record]) -> list[Update]:
    """The coach set an invoice Paid (no Stripe): date it today if undated; a late fee added after the
    Payment Date she typed is taken off; sessions and LTV follow. Set Void: its sessions are released to
    the next billing run."""
    invoices = stop_in_stripe(ctx, [r for r in records if isinstance(r, Invoice)])
    invoices = fees_not_owed(ctx, invoices)
    settle_payments(ctx, invoices)
    release_sessions(ctx, invoices)
    today: date = ctx.today()
    return [Update(i, {"payment_date": today}) for i in invoices if i.status == "Paid" and not i.payment_date]


def on_payment_date(ctx: JobContext, records: list[Record]) -> list[Update]:
    """The coach typed (or corrected) the Payment Date of an invoice already Paid: the day the bank transfer
    came, after she set Paid (which stamped today). A late fee the daily run added on a later day is taken
    off, as when the date is typed with Paid, and LTV follows; nothing else changes (sessions, receipts)."""
    paid = [r for r in records if isinstance(r, Invoice) and r.status == "Paid" and r.payment_date]
    fixed = fees_not_owed(ctx, paid)
    changed = [i for i, before in zip(fixed, paid, strict=True) if i.total != before.total]
    if changed:
        clients = ctx.gateway.get_many(
            Client, {c for i in changed for c in i.client}, fields=["invoices", "ltv"]
        )
        recompute_ltv(ctx, clients)
    return []


def receipts_on_address(ctx: JobContext, records: list[Record]) -> list[Update]:
    """A client's email address filled in (or corrected): each of her Paid invoices that never reached
    her, paid while she had no address, gets its paid copy now (waiting for approval, as at payment).
    Addresses change rarely: one read of her invoices, one of the messages they link, only for a client
    with invoices; nothing for the others."""
    clients = [c for c in records if isinstance(c, Client) and c.email and c.invoices]
    if not clients:
        return []
    invoices = ctx.gateway.get_many(Invoice, [i for c in clients for i in c.invoices])
    paid = [i for i in invoices if i.status == "Paid" and i.client]
    if not paid:
        return []
    linked = _linked(ctx, paid)
    by_id = {c.id: c for c in clients}
    for inv in paid:
        client = by_id.get(inv.client[0])
        if client is not None and never_delivered(inv, linked):
            _first_copy(ctx, inv, client, inv.payment_date or ctx.today())
    return []
