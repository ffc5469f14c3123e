"""Getting new invoices to clients: through Stripe when STRIPE_SECRET_KEY is set, else as an invoice email
that waits in Messages for the coach's approval (the coach then marks payments by hand)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from automation.billing.emails import invoice_draft
from automation.errors import RecordProblem
from automation.money import dec

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Client, Invoice


def deliver_invoices(ctx: JobContext, invoices: list[Invoice], clients: dict[str, Client]) -> dict[str, Any]:
    if not invoices:
        return {}
    if ctx.config.stripe_secret_key is not None:
        if not stripe_allowed(ctx):
            return {"stripe_held": len(invoices)}  # continued by the first daily run in Live mode
        from automation.billing.stripe_flow import send_through_stripe

        return send_through_stripe(ctx, invoices, clients)
    return draft_invoice_emails(ctx, invoices, clients)


def stripe_allowed(ctx: JobContext) -> bool:
    """Stripe sends emails and charges: only in Live mode (Shadow changes nothing, Paused sends nothing)."""
    return ctx.run.mode == "Live"


def draft_invoice_emails(
    ctx: JobContext, invoices: list[Invoice], clients: dict[str, Client]
) -> dict[str, Any]:
    """One invoice email per invoice (Draft until the coach approves it; composing again changes nothing)."""
    drafts, waiting = [], []
    for inv in invoices:
        client = clients.get(inv.client[0]) if inv.client else None
        if (cause := unreachable(client)) is not None:
            # The next daily run drafts it once the record is fixed; the coach is told once meanwhile.
            tell_stuck(ctx, inv, cause, client)
            waiting.append(inv.invoice_number or inv.id)
            continue
        drafts.append(invoice_draft(inv, client, ctx.settings))
    first_failure(compose_all(ctx, drafts))
    return {"emails_drafted": len(drafts), **({"emails_waiting": waiting} if waiting else {})}


def compose_all(ctx: JobContext, drafts: list[Any]) -> list[Any]:
    """Compose the drafts together (a few calls for the lot, not about four each: compose_many) and send
    the ones whose kind goes at once, as compose would. Each draft's Message, or the exception that
    stopped it (the others are written all the same)."""
    from automation.messages import compose_many, deliver

    composed = compose_many(ctx, drafts)
    messages = [m for m in composed if not isinstance(m, Exception)]
    if any(m.status == "Approved" for m in messages):
        deliver(ctx, messages)
    return composed


def first_failure(composed: list[Any]) -> None:
    """A draft that could not be composed fails the step, as it did when each was composed in turn."""
    failed = next((m for m in composed if isinstance(m, Exception)), None)
    if failed is not None:
        raise failed


def unreachable(client: Client | None) -> str | None:
    """Why no email about an invoice can go to this client, as tell_stuck names the cause: no client, no
    address, an Email that is not one address ("a@x.com; b@y.com" typed in the field: the email would be
    refused, and with it the run's other invoices), or one whose Email Status is Bounced or Spam Report
    (messages' eligibility would cancel the email: a reminder marked sent that reached nobody, and the
    coach never told); None when one can."""
    from automation.messages.eligibility import BLOCKING_EMAIL_STATUS
    from automation.messages.headers import address_problem

    if client is None:
        return "no-client"
    if not (client.email or "").strip():
        return "no-address"
    if address_problem(client.email) is not None:
        return "bad-address"
    if getattr(client, "email_status", None) in BLOCKING_EMAIL_STATUS:
        return "bounced" if client.email_status == "Bounced" else "spam-report"
    return None


def tell_stuck(ctx: JobContext, inv: Invoice, cause: str, client: Client | None = None) -> None:
    """An invoice that cannot go forward until the coach fixes its record (no client linked, the client
    has no address): one System Alert naming it and what to do (its key: once per invoice and cause), not
    a problem of the run. A problem would make every daily run Partial, with the same words, for as long
    as the record stays as it is, and the brief would repeat it each morning: nagging she learns to skip.
    The invoice is not dropped: each run still meets it and carries on by itself once it is fixed."""
    from automation.billing.emails import stuck_alert
    from automation.messages import compose

    key = ("billing-stuck", f"{inv.id}:{cause}")
    if key in ctx.in_hand:  # the billing run and its pending step meet a new invoice in the same run
        return
    ctx.in_hand[key] = True
    compose(ctx, stuck_alert(inv, cause, client.name if client else None, ctx.settings))


def deliver_pending(ctx: JobContext) -> dict[str, Any]:
    """Numbered Draft invoices: continue them in Stripe (a run that stopped half way), or, without Stripe,
    mark Sent those whose approved email went out and draft the email where there is none."""
    from automation.billing.run import CLIENT_FIELDS
    from automation.models import Client, Invoice, Message

    gw = ctx.gateway
    numbered = [i for i in gw.all(Invoice, formula={"status": "Draft"}) if i.invoice_number]
    drafts = [i for i in numbered if i.client]
    orphans = [i for i in numbered if not i.client]
    for inv in orphans:  # its client deleted or unlinked: left Draft until the coach links one
        tell_stuck(ctx, inv, "no-client")
    waiting = {"no_client": [i.invoice_number for i in orphans]} if orphans else {}
    if not drafts:
        return waiting
    clients = {c.id: c for c in gw.get_many(Client, [i.client[0] for i in drafts], fields=CLIENT_FIELDS)}
    if ctx.config.stripe_secret_key is not None:
        if not stripe_allowed(ctx):
            return {"stripe_held": len(drafts), **waiting}
        from automation.billing.stripe_flow import send_through_stripe

        return {**send_through_stripe(ctx, drafts, clients), **waiting}
    linked = [mid for i in drafts for mid in i.messages]
    messages = (
        {m.id: m for m in gw.get_many(Message, linked, fields=["kind", "status", "sent_at", "error"])}
        if linked
        else {}
    )
    sent, unsent = [], []
    for inv in drafts:
        emails = [messages[m] for m in inv.messages if m in messages and messages[m].kind == "Invoice"]
        done = next((m for m in emails if m.status == "Sent" and m.sent_at), None)
        if done is not None and done.sent_at is not None:
            sent.append((inv, {"status": "Sent", "date_sent": done.sent_at.astimezone(ctx.tz).date()}))
        elif not emails:
            unsent.append(inv)
        elif all(m.status == "Cancelled" for m in emails):
            # Not sent (the client opted out of email, her address bounced, or the coach cancelled it): the
            # invoice would stay Draft for ever without a word, so it is said every day until she acts.
            why = next((m.error for m in emails if m.error), None) or "cancelled"
            why = why.removeprefix("Not sent: ")
            ctx.run.report(
                RecordProblem(
                    "invoices",
                    inv.id,
                    "status",
                    "Draft",
                    f"its invoice email was not sent ({why}): send it another way and set Status to Sent, "
                    "or fix what stopped it and set the email back to Approved",
                )
            )
    if sent:
        gw.update(Invoice, sent)
    return {"marked_sent": len(sent), **draft_invoice_emails(ctx, unsent, clients), **waiting}


def overdue_daily(ctx: JobContext) -> dict[str, Any]:
    """Open invoices: Overdue status, the reminder that fell due, late fees (in Stripe as their own
    invoice, since a finalized invoice cannot change). One read of open invoices, one of their clients."""
    from pyairtable import formulas as F

    from automation.billing import overdue
    from automation.billing.emails import reminder_draft
    from automation.billing.run import CLIENT_FIELDS
    from automation.models import Client, Invoice

    gw = ctx.gateway
    ref = gw.ref(Invoice, "status")
    open_invoices = gw.all(Invoice, formula=F.OR(*(ref.eq(s) for s in overdue.OPEN)))
    if not open_invoices:
        return {}
    today, settings = ctx.today(), ctx.settings.billing
    cur = ctx.settings.general.currency
    decisions = {i.id: overdue.decide(i, today, settings, cur) for i in open_invoices}
    acting = [i for i in open_invoices if decisions[i.id].fields or decisions[i.id].reminder is not None]
    ids = [i.client[0] for i in acting if i.client]
    clients = {c.id: c for c in gw.get_many(Client, ids, fields=CLIENT_FIELDS)} if ids else {}
    updates, reminded, fees, held = [], 0, 0, []
    reminders: list[tuple[dict[str, Any], Any]] = []  # an invoice's fields to write, its reminder
    for inv in acting:
        d = decisions[inv.id]
        fields = dict(d.fields)
        client = clients.get(inv.client[0]) if inv.client else None
        if d.new_fees and inv.stripe_id and ctx.config.stripe_secret_key is not None and client:
            done = _late_fees_in_stripe(ctx, inv, client, d.new_fees) if stripe_allowed(ctx) else 0
            if done < len(d.new_fees):  # record only the fees Stripe has; the rest is tried tomorrow
                late = dec(inv.late_fees) + overdue.fee_amount(inv, settings, cur) * done
                fields["late_fees"] = late
                fields["total"] = overdue.owed(inv) + late
                if not done:
                    fields.pop("late_fees")
                    fields.pop("total")
        fees += 1 if "late_fees" in fields else 0
        # The coach's alert shows the invoice as this run leaves it (Overdue, not the Sent it was read as).
        now_inv = inv.model_copy(update=fields)
        if d.reminder is not None and overdue.owed(inv) <= 0:  # an invoice typed by hand and never filled in
            tell_stuck(ctx, now_inv, "no-amount", client)
            held.append(inv.invoice_number or inv.id)
        elif d.reminder is not None and unreachable(client) is None:
            assert client is not None
            reminders.append((fields, reminder_draft(now_inv, client, d.reminder, ctx.settings, today)))
            fields["reminders"] = overdue.with_reminder(inv, d.reminder)
            reminded += 1
        elif d.reminder is not None:  # not marked sent: it goes once the coach links a client or an address
            tell_stuck(ctx, now_inv, unreachable(client) or "no-address", client)
            held.append(inv.invoice_number or inv.id)
        if fields:
            updates.append((inv, fields))
    composed = compose_all(ctx, [draft for _, draft in reminders])
    for (fields, _), result in zip(reminders, composed, strict=True):
        if isinstance(result, Exception):  # not recorded as sent: tomorrow's run composes it again
            del fields["reminders"]
            reminded -= 1
    if updates:  # the late fees Stripe has are recorded even when a reminder failed: never charged twice
        gw.update(Invoice, updates)
    first_failure(composed)
    out = {"open": len(open_invoices), "updated": len(updates), "reminders": reminded, "late_fees": fees}
    return {**out, **({"reminders_waiting": held} if held else {})}


def _late_fees_in_stripe(ctx: JobContext, inv: Any, client: Any, numbers: tuple[int, ...]) -> int:
    """Each new late fee as its own Stripe invoice; how many Stripe accepted, in order."""
    from automation.billing import overdue
    from automation.billing.emails import tax_id_line
    from automation.billing.stripe_flow import follow_email, late_fee_invoice, stripe_client

    api = stripe_client(ctx.config)
    cur = ctx.settings.general.currency.lower()
    fee = overdue.fee_amount(inv, ctx.settings.billing, cur)
    follow_email(ctx, api, client)  # Stripe emails the fee to its customer's address: the client's now
    done = 0
    for n in numbers:
        try:
            late_fee_invoice(
                api,
                inv,
                client.stripe_customer_id or "",
                cur,
                n,
                fee,
                ctx.settings.billing.payment_terms_days,
                tax_id_line(ctx.settings),
            )
        except Exception as exc:
            ctx.run.report(RecordProblem("invoices", inv.id, "late_fees", inv.late_fees, f"Stripe: {exc}"))
            break
        done += 1
    return done


def payout_statements(
    ctx: JobContext,
    period_label: str,
    month_name: str,
    added: list[str] | None = None,
    carried: dict[str, list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """Each associate's statement for the month's invoices, as a Draft in Messages (once per month); with
    `added`, for those invoices only (billed after the month's statements: a statement of their own).
    `carried`: associate id -> rows for retainer sessions of earlier months marked after their month's
    statements (automation/billing/late.py), added to this month's statement."""
    from automation.billing.emails import payout_draft, payout_waiting_alert
    from automation.billing.invoices import coach_records, commission_problem
    from automation.billing.payouts import payout_rows
    from automation.messages import compose
    from automation.messages.headers import address_problem
    from automation.models import Associate, Client, Invoice, Session

    gw = ctx.gateway
    invoices = gw.all(Invoice, formula={"period": period_label})
    if added is not None:
        invoices = [i for i in invoices if i.invoice_number in added]
    if not invoices and not carried:
        return {}
    sessions = {s.id: s for s in gw.get_many(Session, [s for i in invoices for s in i.sessions],
                                              fields=["associate", "invoice_status", "status"])}  # fmt: skip
    associates = {a.id: a for a in gw.all(Associate, fields=["name", "email", "commission_pct"])}
    clients = gw.get_many(Client, [i.client[0] for i in invoices if i.client], fields=["name"])
    rows = payout_rows(
        invoices,
        sessions,
        associates,
        {c.id: c.name or "" for c in clients},
        ctx.settings.general.currency,
        coach_records(associates, ctx.settings.general.coach_email),
    )
    for aid, extra in (carried or {}).items() if added is None else ():
        rows.setdefault(aid, []).extend(extra)
    statements: list[Any] = []
    held, own = 0, 0
    coach = (ctx.settings.general.coach_email or "").strip().lower()
    for aid, theirs in rows.items():
        associate = associates.get(aid)
        if coach and associate is not None and (associate.email or "").strip().lower() == coach:
            # The coach's own record (she runs sessions as one of the team): her sessions are the
            # business's takings, not a payout, and a statement to herself is noise in her queue.
            own += 1
            continue
        name = (associate.name if associate else None) or "the associate"
        typed = ((associate.email if associate else None) or "").strip()
        # An Email that is no address ("bob@acme") is refused by the Draft: the statement waits as it does
        # for a missing one, rather than failing every associate's statements that day.
        no_address = not typed or address_problem(typed) is not None
        why = (
            ("no email address" if not typed else "its Email is not an email address")
            if no_address
            else commission_problem(associate)
        )
        if why is not None:
            # A statement priced at a rate nobody set would tell the associate they are owed 0.00 for the
            # month, and one without an address has nobody to go to: it waits (the month stays open) and the
            # first run after the record is fixed drafts it. The coach is told once (a problem each day
            # would make every daily run Partial with the same words until she acts).
            fix = "set the rate" if not no_address else "correct the address" if typed else "add the address"
            cause = why.split(":")[0]
            text = (
                f"{name}'s {month_name} payout statement is not drafted: {cause}; {fix} on {name}'s record "
                "and the next daily run drafts it"
            )
            compose(ctx, payout_waiting_alert(aid, name, period_label, fix, text, ctx.settings))
            held += 1
            continue
        statements.append(payout_draft(associate, month_name, period_label, theirs, ctx.settings, added))
    first_failure(compose_all(ctx, statements))
    return {
        "payout_statements": len(statements),
        **({"held": held} if held else {}),
        **({"coach_own": own} if own else {}),
    }
