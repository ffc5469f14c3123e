"""Money that goes back: Stripe refunds and disputes (chargebacks) on our invoices.

In the pinned API version (2026-10-28.endive) neither a Charge nor a Dispute names its invoice: both name
the PaymentIntent, and Stripe's InvoicePayment (`GET /v1/invoice_payments?payment[payment_intent]=…`) says
which invoice it paid. That one Stripe read happens only on these rare events; the invoice is then ours
when a record holds its Stripe ID.

What is recorded on the invoice is kept in every Automation Mode (it is Stripe's fact, like a payment):
**Refunded** (money given back: a refund, or a lost dispute) and a dated line in its Notes. LTV, which
counts Total − Refunded of Paid invoices, and the coach's Slack note follow the mode. Replays change
nothing: a refund is written from the charge's cumulative `amount_refunded` (a state, never an increment,
never lowered by an older event; an invoice paid by several charges sums theirs), a dispute's lines carry
its id, which is looked for before writing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from automation.errors import BadRequest
from automation.models import Client, Invoice
from automation.money import ZERO, dec, from_minor_units
from automation.text import clock_text, date_text, month_first_zone

if TYPE_CHECKING:
    from automation.context import JobContext

# Stripe's dispute reasons (Dispute.reason) as the coach reads them; an unknown one is shown as sent.
REASONS = {
    "fraudulent": "the cardholder says they did not make the payment (fraudulent)",
    "product_not_received": "the client says the service was not received",
    "product_unacceptable": "the client says the service was not as described",
    "duplicate": "the client says they were charged twice",
    "credit_not_processed": "the client says a refund was promised and not made",
    "subscription_canceled": "the client says they had cancelled",
    "unrecognized": "the client does not recognise the payment",
    "general": "no specific reason given (general)",
}


def _check(obj: dict[str, Any], checks: dict[str, Any], required: tuple[str, ...]) -> None:
    """The fields read here, as Stripe documents them: a signed event of another shape is refused (4xx
    reason recorded), never half-applied."""
    for key in required:
        if obj.get(key) is None:
            raise BadRequest(f"{obj.get('object') or 'object'} has no {key}")
    for key, ok in checks.items():
        if obj.get(key) is not None and not ok(obj[key]):
            raise BadRequest(f"{obj.get('object') or 'object'} {key} is not as Stripe documents it")


def _count(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 10**15


def _text(v: Any) -> bool:
    return isinstance(v, str) and 0 < len(v) <= 255


def charge_object(event: dict[str, Any]) -> dict[str, Any]:
    obj = event["data"]["object"]
    checks = {"id": _text, "amount": _count, "amount_refunded": _count, "currency": _text,
              "payment_intent": _text}  # fmt: skip
    _check(obj, checks, ("id", "amount_refunded", "currency"))
    return obj


def dispute_object(event: dict[str, Any]) -> dict[str, Any]:
    from automation.jsonbody import unix_time

    obj = event["data"]["object"]
    checks = {
        "id": _text, "amount": _count, "currency": _text, "payment_intent": _text, "charge": _text,
        "reason": _text, "status": _text,
        "evidence_details": lambda v: isinstance(v, dict)
        and (v.get("due_by") is None or unix_time(v.get("due_by")) is not None),
    }  # fmt: skip
    _check(obj, checks, ("id", "amount", "currency", "status"))
    return obj


def invoice_for_payment(ctx: JobContext, payment_intent: Any) -> tuple[Invoice | None, str]:
    """Our invoice that this PaymentIntent paid, or None and why not (told in the run's summary)."""
    if not isinstance(payment_intent, str):
        return None, "no payment intent: not an invoice payment"
    if ctx.config.stripe_secret_key is None:
        return None, "STRIPE_SECRET_KEY is not set: its invoice cannot be looked up"
    from automation.billing.stripe_flow import stripe_client

    # A read: made in every mode (it changes nothing in Stripe). A failure raises, so Stripe retries.
    found = stripe_client(ctx.config).v1.invoice_payments.list(
        params={"payment": {"type": "payment_intent", "payment_intent": payment_intent}, "limit": 3}
    )
    ids = [p.invoice if isinstance(p.invoice, str) else p.invoice.id for p in found.data if p.invoice]
    if not ids:
        return None, "not an invoice payment"
    rows = ctx.gateway.all(Invoice, formula={"stripe_id": ids[0]}, max_records=1)
    return (rows[0], "") if rows else (None, "no invoice of ours")


def _note(inv: Invoice, line: str, today: Any) -> str:
    return "\n".join(x for x in ((inv.notes or "").rstrip(), f"{today.isoformat()}: {line}") if x)


def _record(ctx: JobContext, inv: Invoice, fields: dict[str, Any]) -> Invoice:
    with ctx.run.keeping("invoices"):  # Stripe's fact about the money: kept in every mode
        (inv,) = ctx.gateway.update(Invoice, [(inv, fields)])
    return inv


def _ltv(ctx: JobContext, inv: Invoice) -> dict[str, Any]:
    from automation.billing.payments import recompute_ltv

    if not inv.client:
        return {}
    clients = ctx.gateway.get_many(Client, inv.client, fields=["invoices", "ltv"])
    return {"clients_ltv": recompute_ltv(ctx, clients)}


MARK = re.compile(r"\[((?:ch|py)_\w+) (\d+)\]")  # a card charge, or a payment (py_: bank debits)


def charge_marks(notes: str | None) -> dict[str, int]:
    """Charge id -> its cumulative refunded minor units, from the marks refund lines leave in Notes (the
    latest line of each charge)."""
    return {m.group(1): int(m.group(2)) for m in MARK.finditer(notes or "")}


def on_charge_refunded(ctx: JobContext, event: dict[str, Any]) -> dict[str, Any]:
    """A refund (full or partial) of a payment of one of our invoices: Refunded = what its charges have had
    refunded in all, a line in Notes, LTV less it, and a short Slack note to the coach."""
    from automation.billing.emails import refund_note
    from automation.billing.payments import client_name
    from automation.messages import compose
    from automation.messages.render import money

    obj = charge_object(event)
    inv, why = invoice_for_payment(ctx, obj.get("payment_intent"))
    if inv is None:
        return {"ignored": why}
    currency = str(obj["currency"]).upper()
    this = from_minor_units(obj["amount_refunded"], currency)
    before = dec(inv.refunded)
    if this == ZERO:
        return {"invoice": inv.id, "ignored": "nothing refunded"}
    # An invoice paid by more than one charge (partial payments) is refunded charge by charge, each event
    # giving its own charge's cumulative amount: the invoice's Refunded is their sum. What each charge had
    # back is kept on its Notes line ([charge units]); an invoice refunded before those marks has one
    # charge's amount in Refunded, as then.
    marks = charge_marks(inv.notes)
    if obj["id"] in marks:
        earlier = from_minor_units(marks[obj["id"]], currency)
    else:
        earlier = ZERO if marks else before
    if this < earlier:  # an older event after a newer one: it cannot lower the record
        return {"invoice": inv.id, "ignored": "a later refund is already recorded"}
    total = before - earlier + this
    paid = from_minor_units(obj["amount"], currency) if _count(obj.get("amount")) else dec(inv.total)
    full = total >= (dec(inv.total) if total > this else paid) > ZERO  # the invoice's, with other charges'
    now = this - earlier if this > earlier else None  # None: a replay, the refund is on the record
    if now is not None:
        line = f"Refunded {money(now, currency)} in Stripe" + (
            " (refunded in full)" if full else f" ({money(total, currency)} refunded in all)"
        )
        line += f" [{obj['id']} {obj['amount_refunded']}]"
        inv = _record(ctx, inv, {"refunded": total, "notes": _note(inv, line, ctx.today())})
    # Sent again on a replay only if the first attempt failed before it went out (its key: this total).
    key = f"{obj['id']}:{obj['amount_refunded']}"
    compose(ctx, refund_note(inv, now, total, full, ctx.settings, client=client_name(ctx, inv), key=key))
    # LTV even on a replay: an attempt stopped after the invoice was written (or a refund kept in Shadow,
    # replayed at Live) is completed; recomputing an unchanged LTV writes nothing.
    return {"invoice": inv.id, "refunded": str(total), **_ltv(ctx, inv)}


def _due(obj: dict[str, Any], ctx: JobContext) -> str:
    """The evidence deadline on the coach's clock, with her zone named (Stripe gives a Unix time)."""
    ts = (obj.get("evidence_details") or {}).get("due_by")
    if ts is None:
        return ""
    at = datetime.fromtimestamp(ts, UTC).astimezone(ctx.tz)
    us = month_first_zone(ctx.tz.key)  # "Tuesday, December 15, 2026, 5:59 PM" in the US and Canada
    return f"{date_text(at, us, long=True)}, {clock_text(at, us)} ({ctx.tz.key})"


def _marked(inv: Invoice, dispute_id: str, what: str) -> bool:
    return f"dispute {dispute_id} {what}" in (inv.notes or "")


def on_dispute_created(ctx: JobContext, event: dict[str, Any]) -> dict[str, Any]:
    """A chargeback: the coach is told at once (client, invoice, amount, reason, the evidence deadline in
    her time zone, what to do), and a line in the invoice's Notes records it."""
    from automation.billing.emails import dispute_alert
    from automation.billing.payments import client_name
    from automation.messages import compose
    from automation.messages.render import money

    obj = dispute_object(event)
    inv, why = invoice_for_payment(ctx, obj.get("payment_intent"))
    if inv is None:
        return {"ignored": why}
    did = str(obj["id"])
    currency = str(obj["currency"]).upper()
    amount = money(from_minor_units(obj["amount"], currency), currency)
    due = _due(obj, ctx)
    reason = REASONS.get(str(obj.get("reason")), str(obj.get("reason") or "not given"))
    if not _marked(inv, did, "opened"):
        line = f"Disputed by the client's bank: {amount} (dispute {did} opened; evidence due {due or '?'})"
        inv = _record(ctx, inv, {"notes": _note(inv, line, ctx.today())})
    # The alert's key names the dispute: a replay (or the line already there) sends nothing twice.
    compose(ctx, dispute_alert(inv, did, amount, reason, due, ctx.settings, client=client_name(ctx, inv)))
    return {"invoice": inv.id, "dispute": did, "coach_told": True}


def on_dispute_closed(ctx: JobContext, event: dict[str, Any]) -> dict[str, Any]:
    """Won: the money comes back, noted and told. Lost: it is gone, recorded as money given back (Refunded
    plus the disputed amount, once: the Notes line names the dispute), LTV less it, and told."""
    from automation.billing.emails import dispute_closed_note
    from automation.billing.payments import client_name
    from automation.messages import compose
    from automation.messages.render import money

    obj = dispute_object(event)
    status = str(obj["status"])
    if status not in ("won", "lost"):  # warning_closed / prevented: no money moved on our side
        return {"ignored": f"dispute closed as {status}"}
    inv, why = invoice_for_payment(ctx, obj.get("payment_intent"))
    if inv is None:
        return {"ignored": why}
    did = str(obj["id"])
    currency = str(obj["currency"]).upper()
    lost: Decimal = from_minor_units(obj["amount"], currency)
    out: dict[str, Any] = {"invoice": inv.id, "dispute": did, "status": status}
    if not _marked(inv, did, status):
        fields: dict[str, Any] = {}
        if status == "lost":
            fields["refunded"] = dec(inv.refunded) + lost
            line = f"dispute {did} lost: {money(lost, currency)} is gone (counted as refunded)"
        else:
            line = f"dispute {did} won: the {money(lost, currency)} comes back"
        fields["notes"] = _note(inv, line, ctx.today())
        inv = _record(ctx, inv, fields)
    if status == "lost":  # on a replay too: see on_charge_refunded
        out.update(_ltv(ctx, inv))
    name = client_name(ctx, inv)
    compose(ctx, dispute_closed_note(inv, did, status, money(lost, currency), ctx.settings, client=name))
    return out
