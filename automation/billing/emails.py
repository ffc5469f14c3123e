"""The messages billing composes (pure builders): the invoice, payment reminders, the associate payout
statement and the coach's payment-failed alert. Rendering, approval and sending belong to Messages."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from automation.billing.invoices import parse_lines
from automation.messages.draft import Draft
from automation.money import ZERO, cents, dec
from automation.settings import BusinessSettings
from automation.text import plural


def invoice_data(
    invoice: Any, settings: BusinessSettings, *, reminder: bool = False, paid_on: date | None = None
) -> dict[str, Any]:
    """The `invoice` template's data from the invoice record (its Lines, Tax, Late Fees, Total); `paid_on`:
    the invoice is paid (the email says so, and asks for nothing)."""
    lines = [{"description": line.description, "amount": line.amount} for line in parse_lines(invoice.lines)]
    cur = settings.general.currency
    return {
        "invoice_number": invoice.invoice_number,
        # What a tax invoice shows besides the amounts: the date it was issued, the supplier's tax
        # registration number and the rate the tax was charged at.
        "issue_date": invoice.date_created,
        "tax_id": tax_id_line(settings),
        "lines": lines,
        # Before the tax, so the tax can be checked against what it is charged on (what a tax invoice shows).
        "subtotal": dec(invoice.amount) if invoice.amount is not None else None,
        "tax": dec(invoice.tax_amount),
        "tax_label": settings.billing.tax_label.strip() or "Tax",
        "tax_rate": rate_text(
            charged_rate(invoice.amount, invoice.tax_amount, settings.billing.tax_rate, cur)
        ),
        "late_fee": dec(invoice.late_fees),
        "total": dec(invoice.total),
        "due_date": invoice.due_date,
        "paid_on": paid_on,
        "pay_url": "" if paid_on else invoice.payment_link or "",
        # Without a payment link (no Stripe) the client is told how to pay, as the coach wrote it.
        "pay_instructions": ""
        if paid_on or invoice.payment_link
        else settings.billing.payment_instructions.strip(),
        "reminder": reminder,
        "currency": cur,
        "preheader": f"Invoice {invoice.invoice_number}: {settings.billing.tax_label} included",
    }


def tax_id_line(settings: BusinessSettings) -> str:
    """The registration number as the invoice shows it: "VAT reg. no.: GB123456789", or with the coach's
    own label typed before a colon ("ABN: 51 824 753 556"); blank when not set."""
    value = " ".join(settings.billing.tax_id.split())
    if not value:
        return ""
    label, colon, number = value.partition(":")
    if colon and label.strip() and number.strip():
        return f"{label.strip()}: {number.strip()}"
    return f"{settings.billing.tax_label.strip() or 'Tax'} reg. no.: {value}"


def charged_rate(amount: Any, tax: Any, configured: Decimal, currency: str) -> Decimal | None:
    """The rate this invoice's tax was charged at: the Settings rate when it gives the invoice's tax, else
    the shortest rate that does (the rate changed since, or the amounts were typed); None without tax."""
    base, charged = dec(amount), dec(tax)
    if not base or not charged:
        return None
    if cents(base * configured, currency) == charged:
        return configured
    for places in range(4):  # percent with up to 3 decimals: 9 %, 7.5 %, 8.875 %
        rate = (charged / base).quantize(Decimal(1).scaleb(-(places + 2)), rounding=ROUND_HALF_UP)
        if cents(base * rate, currency) == charged:
            return rate
    return None


def rate_text(rate: Decimal | None) -> str:
    """0.20 → "20%", 0.075 → "7.5%"; blank for None."""
    if rate is None:
        return ""
    percent = (rate * 100).normalize()
    return f"{percent:f}%"


def invoice_draft(
    invoice: Any, client: Any, settings: BusinessSettings, *, paid_on: date | None = None
) -> Draft:
    """The invoice email; an `Invoice` kind waits for the coach's approval in Messages. `paid_on`: its paid
    copy, which replaces a waiting one once the invoice is paid (its own key: the first is Cancelled)."""
    business = settings.general.business_name
    subject = f"Invoice {invoice.invoice_number} from {business}"
    return Draft(
        kind="Invoice",
        channel="Email",
        recipient=client.email,
        recipient_name=client.name,
        subject=f"{subject}: paid, thank you" if paid_on else subject,
        template="invoice",
        data=invoice_data(invoice, settings, paid_on=paid_on),
        links={"invoice": invoice.id, **({"client": client.id} if client.id else {})},
        dedupe_key=f"{invoice.id}:{PAID_COPY if paid_on else 'invoice'}",
    )


PAID_COPY = "invoice:paid"  # the paid copy's dedupe key ends so: it is never itself replaced


def reminder_draft(
    invoice: Any, client: Any, offset_days: int, settings: BusinessSettings, today: date | None = None
) -> Draft:
    """A payment reminder; `offset_days` (relative to the due date) makes each one once-only. The words
    follow the due date as of `today` (the business date it is drafted), not the offset: a reminder whose
    day passed while the job did not run (or an invoice already late when first sent) is caught up later,
    and "is due today" about an invoice due yesterday tells the client she is not late."""
    late = offset_days
    if today is not None and invoice.due_date is not None:
        late = (today - invoice.due_date).days
    when = "is due soon" if late < 0 else ("is due today" if late == 0 else "is overdue")
    data = invoice_data(invoice, settings, reminder=late > 0)
    # Before or on the due date it is still a reminder: the invoice email's own opening would read as the
    # same email again (or a second invoice).
    data |= {"due_soon": late < 0, "due_today": late == 0}
    return Draft(
        kind="Payment Reminder",
        channel="Email",
        recipient=client.email,
        recipient_name=client.name,
        subject=f"Invoice {invoice.invoice_number} {when}",
        template="invoice",
        data=data,
        links={"client": client.id, "invoice": invoice.id},
        dedupe_key=f"{invoice.id}:reminder:{offset_days:+d}",
    )


def _total(invoice: Any, settings: BusinessSettings) -> str:
    """The invoice's total as the coach's other messages write money ("£1,199.99"), not a bare number."""
    from automation.messages.render import money

    return money(dec(invoice.total), settings.general.currency)


def payment_failed_alert(
    invoice: Any, occurrence: str, reason: str, settings: BusinessSettings, *, client: str = ""
) -> Draft:
    """`client`: her name, so the coach knows whom to call without looking the invoice number up;
    `occurrence`: which failure this is (Stripe's attempt number, or the event's id), told once."""
    total = _total(invoice, settings)
    whom = f" from {client}" if client else ""
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        f"Payment failed: invoice {invoice.invoice_number}{f', {client}' if client else ''}",
        f"Stripe could not collect invoice {invoice.invoice_number} ({total}){whom}: {reason}",
        dedupe_key=f"{invoice.id}:payment-failed:{occurrence}",
        links={"invoice": invoice.id, **({"client": invoice.client} if invoice.client else {})},
        facts=[*([["Client", client]] if client else []), ["Invoice", invoice.invoice_number or ""],
               ["Total", total]],
    )  # fmt: skip


def paid_but_unknown_alert(obj: dict[str, Any], record_id: str, settings: BusinessSettings) -> Draft:
    """Stripe took a payment for an invoice this app made (its metadata names our record) whose record is
    no longer in the base (deleted, or the base restored from an older copy): the money must not pass
    unseen. Keyed on the Stripe invoice, so Stripe's replays tell her once."""
    from automation.messages.render import money
    from automation.money import from_minor_units

    currency = str(obj.get("currency") or settings.general.currency).upper()
    paid = obj.get("amount_paid")
    amount = money(from_minor_units(paid, currency), currency) if isinstance(paid, int) else "an amount"
    number = obj.get("number") or obj.get("id") or "?"
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        f"Payment received for invoice {number}, which is not in the base",
        f"Stripe invoice {number} ({obj.get('id')}) was paid: {amount}. Its Airtable invoice ({record_id}) "
        "is not in the base any more (deleted?), so nothing was marked Paid. Record the payment on the "
        "right invoice, or refund it in Stripe.",
        dedupe_key=f"stripe:{obj.get('id')}:paid-unknown",
        facts=[["Stripe invoice", str(number)], ["Paid", amount]],
    )


def void_but_paid_alert(
    invoice: Any, settings: BusinessSettings, *, released: bool, client: str = ""
) -> Draft:
    """The coach set an invoice Void that the client had paid (or paid after): it is Paid again."""
    n = invoice.invoice_number or invoice.id
    whose = f"{client}'s invoice" if client else "Invoice"
    then = (
        "Its sessions had already been released to the next billing run: set them Paid (or Waived) before "
        "it, or they will be billed again."
        if released
        else "Its sessions stay paid."
    )
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        f"{whose} {n} was paid: it is Paid, not Void",
        f"{whose} {n} ({_total(invoice, settings)}) was set Void, but the client paid it in Stripe, so it is "
        "Paid again. "
        f"If the money should go back, refund it in Stripe. {then}",
        dedupe_key=f"{invoice.id}:void-but-paid",
        links={"invoice": invoice.id, **({"client": invoice.client} if invoice.client else {})},
        facts=[*([["Client", client]] if client else []), ["Invoice", str(n)],
               ["Total", _total(invoice, settings)]],
    )  # fmt: skip


def _totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {k: sum(r.get(k, 0) for r in rows) for k in ("no_shows", "cancellations")}


def _missed(row: dict[str, Any], before: str, after: str = "") -> str:
    """Which of the invoiced sessions were charged without being held ("1 no-show, 1 charged
    cancellation"), or nothing when all were held."""
    parts = [
        f"{n} {word}"
        for n, word in (
            (row.get("no_shows", 0), "no-show"),
            (row.get("cancellations", 0), "charged cancellation"),
        )
        if n
    ]
    return f"{before}{', '.join(parts)}{after}" if parts else ""


# The associate is paid her Commission % of a charged no-show or cancellation as of a session held (the
# PRP and DESIGN give no other rule: she kept the hour free): said plainly, so the cut is not read as a
# mistake, and it is exactly the invoices' Associate Cut.
HELD_THE_TIME = (
    " Charged no-shows and cancellations count like the sessions held: your cut includes your share of "
    "what the client was charged for them, as you kept the time free."
)


def payout_draft(
    associate: Any,
    month_name: str,
    month_label: str,
    rows: list[dict[str, Any]],
    settings: BusinessSettings,
    added: list[str] | None = None,
) -> Draft:
    """The monthly payout statement (a Draft: the coach checks it before it goes to the associate). Amounts
    are written as every other message writes them (render.money: "S$1,440.00", not "1,440.00 SGD").
    `added`: invoices of the month billed after its statement was drafted (a client the month's run could
    not bill until her record was fixed): a statement of their own, keyed on them."""
    from automation.messages.render import money

    billed = sum((dec(r["billed"]) for r in rows), ZERO)
    cut = sum((dec(r["cut"]) for r in rows), ZERO)
    sessions = sum(r["sessions"] for r in rows)
    cur = settings.general.currency
    facts = [
        [
            f"{r['invoice']} {r['client']} ({r['sessions']}{_missed(r, ': ')})"
            + (f", a {r['month']} session marked after that month's statement" if r.get("month") else ""),
            f"{money(dec(r['billed']), cur)} → {money(dec(r['cut']), cur)}",
        ]
        for r in rows
    ]
    return Draft(
        kind="Payout Statement",
        channel="Email",
        recipient=associate.email.strip(),
        recipient_name=associate.name,
        subject=f"Your payout statement for {month_name}" + (", an addition" if added else ""),
        template="report",
        data={
            "heading": f"Payout statement, {month_name}" + (f" (added: {', '.join(added)})" if added else ""),
            "intro": ("Invoiced since your statement for the month: " if added else "")
            + f"{plural(sessions, 'invoiced session')}{_missed(_totals(rows), ' (', ')')}; "
            f"your cut is {money(cut, cur)} "
            f"of {money(billed, cur)} billed." + (HELD_THE_TIME if any(_totals(rows).values()) else ""),
            "metrics": [
                {"label": "Sessions", "value": sessions},
                {"label": "Billed", "value": money(billed, cur)},
                {"label": "Your cut", "value": money(cut, cur)},
            ],
            "sections": [{"title": "Invoiced sessions (invoice, client, sessions)", "facts": facts}],
        },
        dedupe_key=f"{associate.id}:payout:{month_label}" + (f":{'+'.join(added)}" if added else ""),
    )


# Why an invoice is stuck, as the coach is told it once (the alert's key ends with it): what is wrong and
# what she does about it. Each daily run would otherwise name it again, every day, until she acts.
STUCK = {
    "no-client": (
        "has no client linked",
        "no client is linked to it (the client was deleted, or unlinked), so no email about it can go out: "
        "not the invoice, its payment reminders nor its receipt. Link its client on the invoice (or set it "
        "Void if it should not stand): what is due then goes with the next daily run.",
    ),
    "no-address": (
        "waits for an email address",
        "{client} has no email address, so no email about it can go out: not the invoice, its payment "
        "reminders nor its receipt. Add the address on {client}'s record: what is due is drafted "
        "then (the invoice and its reminders by the next daily run, a paid invoice's receipt at once).",
    ),
    "bad-address": (
        "waits for a usable email address",
        "{client}'s Email is not one email address (two typed in the field, or a name with it), so no "
        "email about it can go out: not the invoice, its payment reminders nor its receipt. Leave one "
        "address in {client}'s Email: what is due is drafted then (the invoice and its reminders by the "
        "next daily run, a paid invoice's receipt at once).",
    ),
    "bounced": (
        "waits for a working email address",
        "the last email to {client}'s address bounced (Email Status Bounced), so no email about it goes "
        "out: not the invoice, its payment reminders nor its receipt. Ask {client} for an address that "
        "works, put it in {client}'s Email and set Email Status to Unverified: what is due is drafted then "
        "(the invoice and its reminders by the next daily run).",
    ),
    "spam-report": (
        "waits: the client reported an email as spam",
        "{client} reported one of the business's emails as spam (Email Status Spam Report), so no email "
        "about it goes out: not the invoice, its payment reminders nor its receipt. Contact {client} "
        "yourself; if they want the emails again, set Email Status to Unverified: what is due is drafted "
        "with the next daily run.",
    ),
    "no-amount": (
        "has no amount to pay",
        "it shows nothing to pay (no Amount, Total or lines: typed by hand and never filled in), so no "
        "payment reminder (nor late fee) went to {client}: a reminder for nothing owed would only confuse "
        "them. Fill in its Amount (and Tax Amount) if something is owed, or set it Void: its reminders then "
        "go with the next daily run.",
    ),
    "paid-no-client": (
        "was paid, but its receipt was not sent",
        "it is Paid, but no client is linked to it, so its paid copy (the client's receipt and record of "
        "the tax) was not drafted: send it yourself to whoever paid it.",
    ),
}


def stuck_alert(invoice: Any, cause: str, client_name: str | None, settings: BusinessSettings) -> Draft:
    """The coach's one System Alert that an invoice cannot go forward until she fixes its record; keyed on
    the invoice and the cause, so the daily runs that meet it again tell her nothing more."""
    n = invoice.invoice_number or invoice.id
    heading, text = STUCK[cause]
    who = client_name or "the client"
    summary = f"Invoice {n} ({_total(invoice, settings)}, {invoice.status or 'Draft'}): " + text.format(
        client=who
    )
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        f"Invoice {n} {heading}",
        summary,
        dedupe_key=f"{invoice.id}:stuck:{cause}",
        links={"invoice": invoice.id, **({"client": invoice.client} if invoice.client else {})},
        facts=[["Invoice", str(n)], ["Total", _total(invoice, settings)]],
    )


def cancelled_after_invoice_alert(session: Any, invoice: Any, settings: BusinessSettings, tz: Any) -> Draft:
    """The coach's one System Alert that a session an invoice charges has been set Cancelled since."""
    from automation.schedule.times import zoned_text

    n = invoice.invoice_number or invoice.id
    name = (session.name or "A session").strip()
    when = zoned_text(session.session_date, tz) if session.session_date else "no date"
    status = invoice.status or "Draft"
    total = _total(invoice, settings)
    head = f"{name} ({when}) is on invoice {n} ({total}, {status}) and has now been set Cancelled."
    if status == "Paid":
        todo = (
            " It is paid: if this session should not have been charged, refund or credit it (in Stripe, or "
            "on her next invoice); its associate's cut stands on the payout statement."
        )
    else:
        todo = (
            " The invoice still asks her to pay for it, and its associate's cut stands. If it should not be "
            "charged, set the invoice Void: its sessions go on the next billing run as they now stand (a "
            "cancellation charged only when it was late). If the cancellation is charged, leave it."
        )
    summary = head + todo
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        f"Cancelled after it was invoiced: {name}",
        summary,
        dedupe_key=f"{session.id}:cancelled-after-invoice:{invoice.id}",
        links={"session": session.id, "invoice": invoice.id},
        facts=[["Session", f"{name}, {when}"], ["Invoice", f"{n} ({status})"]],
    )


def payout_waiting_alert(
    associate_id: str, name: str, period_label: str, fix: str, text: str, settings: BusinessSettings
) -> Draft:
    """The coach's one System Alert that an associate's payout statement waits for her: once a month and
    cause (`fix`), so a second cause found after she fixed the first is told too."""
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        f"{name}'s payout statement waits for you",
        text,
        dedupe_key=f"{associate_id}:payout:{period_label}:waiting:{fix.replace(' ', '-')}",
    )


def _whose(invoice: Any, client: str) -> tuple[str, dict[str, Any]]:
    """Whose invoice, as the coach reads it ("Jo Park's invoice INV-0002"), and the alert's links."""
    n = invoice.invoice_number or invoice.id
    links = {"invoice": invoice.id, **({"client": invoice.client} if invoice.client else {})}
    return (f"{client}'s invoice {n}" if client else f"invoice {n}"), links


def refund_note(
    invoice: Any, now: Any, total: Any, full: bool, settings: BusinessSettings, *, client: str = "", key: str
) -> Draft:
    """A short note that money went back on an invoice and what the base now says (Refunded, LTV).
    `now`: this refund (None on a replay whose first note did not go out); `key`: the charge and its
    refunded total, so each new refund is told once."""
    from automation.messages.render import money

    cur = settings.general.currency
    whose, links = _whose(invoice, client)
    this = f"{money(now, cur)} was refunded" if now is not None else "Money was refunded"
    so_far = (
        "refunded in full" if full else f"{money(total, cur)} of {_total(invoice, settings)} refunded so far"
    )
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        f"Refund: {whose} ({so_far})",
        f"{this} on {whose} ({_total(invoice, settings)}) in Stripe: {so_far}. It is recorded in the "
        "invoice's Refunded and Notes, and the client's LTV and your revenue no longer count it.",
        dedupe_key=f"stripe:{key}:refunded",
        links=links,
        facts=[*([["Client", client]] if client else []), ["Invoice", str(invoice.invoice_number or "")],
               ["Refunded", money(total, cur)], ["Total", _total(invoice, settings)]],
    )  # fmt: skip


def dispute_alert(
    invoice: Any, dispute_id: str, amount: str, reason: str, due: str, settings: BusinessSettings,
    *, client: str = "",
) -> Draft:  # fmt: skip
    """A chargeback, at once: it has a deadline, and Stripe has already taken the amount and a fee."""
    whose, links = _whose(invoice, client)
    by = f"by {due}" if due else "before the deadline Stripe shows"
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        f"Dispute: {whose} ({amount}), respond {by}",
        f"The client's bank disputed {amount} paid on {whose}: {reason}. Stripe has taken the amount and a "
        f"dispute fee from your balance until it is decided. What to do: respond in Stripe (Payments → "
        f"Disputes, {dispute_id}) with your evidence {by} (sessions held, emails, your terms), or accept it "
        "there; without a response the dispute is lost.",
        dedupe_key=f"stripe:{dispute_id}:dispute-opened",
        links=links,
        facts=[*([["Client", client]] if client else []), ["Invoice", str(invoice.invoice_number or "")],
               ["Disputed", amount], ["Reason", reason], ["Evidence due", due or "see Stripe"]],
    )  # fmt: skip


def dispute_closed_note(
    invoice: Any, dispute_id: str, status: str, amount: str, settings: BusinessSettings, *, client: str = ""
) -> Draft:
    """The end of a dispute: won, the money comes back; lost, it is gone and recorded as refunded."""
    whose, links = _whose(invoice, client)
    if status == "won":
        heading, text = f"Dispute won: {whose}", f"the {amount} comes back to your Stripe balance."
    else:
        heading = f"Dispute lost: {whose} ({amount})"
        text = (
            f"the {amount} is gone (and the dispute fee). It is recorded in the invoice's Refunded and "
            "Notes, and the client's LTV and your revenue no longer count it."
        )
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        heading,
        f"The dispute on {whose} ({dispute_id}) was decided: {text}",
        dedupe_key=f"stripe:{dispute_id}:dispute-{status}",
        links=links,
        facts=[*([["Client", client]] if client else []), ["Invoice", str(invoice.invoice_number or "")],
               ["Disputed", amount], ["Outcome", status.capitalize()]],
    )  # fmt: skip


def late_retainer_alert(
    session: Any,
    client: str,
    associate: str | None,
    month: Any,
    period: Any,
    invoice: Any,
    drafted: bool,
    share: Decimal | None,
    cut: str | None,
    settings: BusinessSettings,
    tz: Any,
) -> Draft:
    """The coach's one System Alert that a retainer session was marked after its month's run (late.py):
    which session, whose, with whom, of which month, and what happens to its associate's pay."""
    from automation.messages.render import money

    day = session.session_date.astimezone(tz).date()
    who = client or "a client"
    with_ = f" with {associate}" if associate else ""
    head = (
        f"{who}'s session{with_} on {day:%a} {day.day} {day:%b %Y} ({month.name}) was set {session.status} "
        f"after {month.name}'s billing run."
    )
    cur = settings.general.currency
    if invoice is None:
        todo = (
            f" No {month.name} retainer invoice covers it ({who}'s retainer was not billed for that month, "
            "or its invoice is Void), so it is on no invoice and in no payout. If the month is owed, "
            "invoice it yourself; the session is left as it is."
        )
    else:
        n = invoice.invoice_number or invoice.id
        todo = (
            f" {month.name}'s retainer ({n}) covers it: nothing more is billed, and it is now linked to {n}."
        )
        if not drafted:
            todo += f" {month.name}'s payout statements are not drafted yet: it is counted in them."
        elif share is not None:
            todo += (
                f" {month.name}'s payout statements went without it, and are not changed: {associate} is "
                f"paid for it on the {period.name} statement, at the share it would have had "
                f"({money(share, cur)} of the retainer, cut {money(dec(cut), cur)}). The statement waits "
                "for your approval: edit it there if you pay it otherwise."
            )
        else:
            todo += " No associate's cut is owed for it."
    return Draft.slack_alert(
        "System Alert",
        settings.messages.slack_channel,
        f"Marked after its month was billed: {who}, {day.day} {day:%b}",
        head + todo,
        dedupe_key=f"{session.id}:late-retainer-session",
        links={"session": session.id, **({"invoice": invoice.id} if invoice is not None else {})},
        facts=[["Session", f"{day:%a} {day.day} {day:%b %Y}{with_}"], ["Client", who], ["Month", month.name]],
    )
