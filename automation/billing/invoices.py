"""What an invoice says (pure): billing periods, which sessions are billed, lines, tax, total, associate cut.

A client's invoice for a period holds every completed (or chargeable cancelled / no-show) session dated on or
before the period's last day that no invoice holds yet, so a session completed after its month's run goes on
the next invoice. A retainer package bills its monthly price once per period instead, and the sessions of the
period (only those: an earlier month's session was its own retainer's) are linked to it as covered: for a
client active in the period (Status Active or blank, or any status when sessions were held in the period, such
as a client who finished at its end; Paused On / Resumed On correct today's Status for the period: a pause
over all of it bills nothing unless sessions were held, one begun after it bills it), and never for a period
that ended before the client's Start Date. A
session whose charge comes to nothing (a waived cancellation, a free package) is marked Waived and no invoice
asks for 0.00. A session that would be charged but cannot be billed (no Session Date, no client) is named in
the run's problems each time, never dropped in silence. Money follows automation/money.py: each line rounded
half-up to the cent, tax once per invoice on the sum of the lines, each associate's cut once on the sum of
their lines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from automation.money import ZERO, cell_rate, cents, dec
from automation.settings.billing import BillingSettings
from automation.text import clock_text, date_text, day_text, month_first_zone

BILLABLE_STATUSES = ("Completed", "Cancelled", "No-show")
DONE_INVOICE_STATUSES = ("Invoiced", "Paid", "Waived")
RETAINER = "Monthly Retainer"
PER_SESSION = "Per Session"
NO_PRICE = "no package (or a package without a price): sessions not billed"


@dataclass(frozen=True)
class Period:
    """A calendar month: label "2026-11", first and last day."""

    label: str
    start: date
    end: date

    @classmethod
    def of(cls, day: date) -> Period:
        start = day.replace(day=1)
        nxt = (start + timedelta(days=32)).replace(day=1)
        return cls(f"{start:%Y-%m}", start, nxt - timedelta(days=1))

    def previous(self) -> Period:
        return Period.of(self.start - timedelta(days=1))

    def next(self) -> Period:
        return Period.of(self.end + timedelta(days=1))

    @property
    def name(self) -> str:
        return f"{self.start:%B %Y}"


def due_period(today: date, billing_day: int) -> Period | None:
    """The period the daily run bills today: the month before, from the billing day of the month on. A day
    the month does not have (the 31st in February or April, as the coach means it: the month's end) is its
    last day, as Stripe anchors a billing cycle on the 31st; refusing it (up to the 28th) kept the 1st, and
    taking it as typed would bill January only on 31 March."""
    this = Period.of(today)
    return this.previous() if today.day >= min(billing_day, this.end.day) else None


def dedupe_key(client_id: str, period: Period) -> str:
    return f"{client_id}:{period.label}"


def billed_by_hand(existing: Iterable[Any], period: Period) -> dict[str, str]:
    """The clients an invoice of the period typed in by hand or imported (the coach's earlier bookkeeping:
    another dedupe key or none; not Void) already bills, with that invoice's name: a retainer billed again
    beside it would charge the month twice."""
    out: dict[str, str] = {}
    for i in existing:
        for c in (i.client or [])[:1]:
            key = i.dedupe_key or ""  # the run's own: client:YYYY-MM, or client:YYYY-MM:<day> after it
            if i.status != "Void" and key.split(":")[:2] != [c, period.label]:
                out.setdefault(c, (i.invoice_number or "").strip() or i.id)
    return out


def billed_to_date(existing: Iterable[Any], period: Period) -> frozenset[str]:
    """The clients the run billed for the period before it ended (`bill-client`: a client leaving
    mid-month, billed for the month to date), not Void: a session of the period they had after it (a
    wrap-up) is on no invoice, and the month's regular run bills it on an invoice of its own
    (`plan_billing`), instead of reading the month as billed and leaving it for the next month's."""
    return frozenset(
        i.client[0]
        for i in existing
        if i.client
        and i.status != "Void"
        and i.dedupe_key == dedupe_key(i.client[0], period)
        and i.date_created is not None
        and i.date_created <= period.end
    )


@dataclass(frozen=True)
class Line:
    amount: Decimal
    description: str
    session_id: str | None = None
    associate_id: str | None = None

    def text(self) -> str:
        return f"{self.amount} | {self.session_id or '-'} | {self.associate_id or '-'} | {self.description}"


def lines_text(lines: Iterable[Line]) -> str:
    """The Lines field: one item per line, amount first (readable, and parsed back by `parse_lines`)."""
    return "\n".join(line.text() for line in lines)


def parse_lines(text: str | None) -> list[Line]:
    out = []
    for raw in (text or "").splitlines():
        parts = [p.strip() for p in raw.split("|", 3)]
        if len(parts) != 4:
            continue
        amount, sid, aid, description = parts
        try:
            value = dec(amount)
        except ValueError:
            continue
        out.append(Line(value, description, None if sid == "-" else sid, None if aid == "-" else aid))
    return out


@dataclass(frozen=True)
class InvoicePlan:
    """One invoice as it should be written, with what happens to each session."""

    client_id: str
    period: Period
    lines: list[Line]
    amount: Decimal
    tax: Decimal
    total: Decimal
    associate_cut: Decimal
    cuts: dict[str, Decimal]
    session_status: dict[str, str]  # session id -> "Invoiced" | "Waived"
    date_created: date
    due_date: date
    key: str | None = None  # a later invoice of the period (after one billed to date): its own key

    @property
    def dedupe_key(self) -> str:
        return self.key or dedupe_key(self.client_id, self.period)

    def fields(self) -> dict[str, Any]:
        """The Invoices row (Invoice # is added by the numbering step)."""
        return {
            "dedupe_key": self.dedupe_key,
            "client": [self.client_id],
            "sessions": sorted(self.session_status),
            "period": self.period.label,
            "amount": self.amount,
            "tax_amount": self.tax,
            "late_fees": ZERO,
            "total": self.total,
            "associate_cut": self.associate_cut,
            "date_created": self.date_created,
            "due_date": self.due_date,
            "status": "Draft",
            "lines": lines_text(self.lines),
        }


def billable(session: Any, period: Period, tz: ZoneInfo) -> bool:
    """Completed / cancelled / no-show, dated on or before the period's end, on no invoice yet."""
    if session.status not in BILLABLE_STATUSES or session.session_date is None:
        return False
    if session.invoice or session.invoice_status in DONE_INVOICE_STATUSES:
        return False
    return session.session_date.astimezone(tz).date() <= period.end


LATE = "Late cancellation"


def charge_fraction(
    status: str, package_name: str | None, settings: BillingSettings, session: Any = None
) -> Decimal:
    """Completed sessions are charged in full; cancelled and no-show ones by the package's policy, a
    cancellation within the notice period (`late_cancellation`) as a late one: by its "Late cancellation"
    fraction, else as a no-show (the usual terms: too late to fill the hour is as good as not coming)."""
    if status == "Completed":
        return Decimal(1)
    policy = settings.charge_fraction.get(package_name or "") or settings.charge_fraction.get("*") or {}
    if session is not None and late_cancellation(session, settings):
        return dec(policy.get(LATE, policy.get("No-show", 0)))
    return dec(policy.get(status, 0))


def late_cancellation(session: Any, settings: BillingSettings) -> bool:
    """A Cancelled session whose Cancelled At falls less than `late_cancel_hours` before its start (or after
    it). Without a notice period, or without a Cancelled At (a cancellation recorded before the field
    existed, or cleared by the coach), it is an ordinary cancellation: nothing is charged on a guess."""
    hours = settings.late_cancel_hours
    at = getattr(session, "cancelled_at", None)
    if session.status != "Cancelled" or not hours or at is None or session.session_date is None:
        return False
    return session.session_date - at < timedelta(hours=hours)


def plan_invoice(
    client: Any,
    package: Any,
    sessions: list[Any],
    associates: Mapping[str, Any],
    period: Period,
    today: date,
    settings: BillingSettings,
    tz: ZoneInfo,
    currency: str | None = None,
    own: frozenset[str] = frozenset(),
) -> InvoicePlan | None:
    """The client's invoice for the period, or None when there is nothing to bill. Amounts are rounded
    to `currency`'s smallest unit (the cent when none is named); `own`: the coach's own Associate records,
    whose sessions earn no cut."""
    sessions = sorted((s for s in sessions if billable(s, period, tz)), key=lambda s: (s.session_date, s.id))
    if package is None or price_problem(package) is not None:
        return None
    price = dec(package.price)
    if package.billing == RETAINER:
        # A retainer covers its own month's sessions: an earlier one no invoice holds (the first run in a
        # base with history, or a session completed after its month's run) was its own month's retainer's,
        # and linking it here would count it in this month's payout and give its associate a share of a
        # month they may not have coached in. It stays as it is.
        sessions = [s for s in sessions if s.session_date.astimezone(tz).date() >= period.start]
    status: dict[str, str] = {}
    charged: list[tuple[Any, Decimal]] = []
    for s in sessions:
        share = charge_fraction(s.status, package.name, settings, s)
        if line_amount(price, share, currency) > 0:
            charged.append((s, share))
            status[s.id] = "Invoiced"
        else:
            status[s.id] = "Waived"
    if package.billing == RETAINER:
        if not retainer_due(client, charged, period, tz):
            return None
        if cents(price) == 0:  # a free retainer: its sessions are covered by nothing billed
            status = dict.fromkeys(status, "Waived")
            return _waived_only(client, period, status, today, settings) if status else None
        lines = [Line(cents(price), f"{package.name or 'Coaching'}: monthly retainer, {period.name}")]
        # The retainer is shared equally among the sessions it covered, for the associates' cut.
        per_session = price / len(charged) if charged else ZERO
        attributed = [(s, per_session) for s, _ in charged]
    else:
        if not charged:
            return None if not status else _waived_only(client, period, status, today, settings)
        lines = [
            Line(
                line_amount(price, share, currency),
                _describe(s, share, associates, tz, settings),
                s.id,
                _associate_id(s),
            )
            for s, share in charged
        ]
        attributed = [(s, line.amount) for (s, _), line in zip(charged, lines, strict=True)]
    amount = sum((line.amount for line in lines), ZERO)
    cuts = associate_cuts(attributed, associates, currency, own)
    tax = cents(amount * settings.tax_rate, currency)
    return InvoicePlan(
        client_id=client.id,
        period=period,
        lines=lines,
        amount=amount,
        tax=tax,
        total=amount + tax,
        associate_cut=sum(cuts.values(), ZERO),
        cuts=cuts,
        session_status=status,
        date_created=today,
        due_date=today + timedelta(days=settings.payment_terms_days),
    )


def line_amount(price: Decimal, share: Decimal, currency: str | None = None) -> Decimal:
    """A session's line: the price as typed when charged in full (a fraction of a yen typed in a price is
    refused at Stripe, not hidden), else its share rounded to the currency's smallest unit."""
    return cents(price) if share == 1 else cents(price * share, currency)


def price_problem(package: Any) -> str | None:
    """Why the package cannot price an invoice (no price, a negative one, or a Billing kind the run does
    not know), else None."""
    if package.billing not in (None, "", PER_SESSION, RETAINER):
        # A kind the coach added herself ("Prepaid Package", "Annual"): billing it per session would charge
        # what may be a whole pack's price for each session; which price applies is hers to say.
        return (
            f"package {package.name or package.id} is billed as '{package.billing}', which the billing run "
            f"does not know ({PER_SESSION} or {RETAINER}): sessions not billed"
        )
    if package.price is None:
        return NO_PRICE
    if dec(package.price) < 0:
        return f"package {package.name or package.id} has a negative price: sessions not billed"
    return None


def retainer_due(client: Any, charged: list[tuple[Any, Decimal]], period: Period, tz: ZoneInfo) -> bool:
    """Whether the client owes the period's retainer: not for a period that ended before their Start Date;
    while Active (or blank, as elsewhere); once paused or finished only if they had sessions in it. The
    run comes after the period, so Status is today's: Paused On / Resumed On say what it was then. A pause
    that spanned the whole period (set going again only after it) bills it like a pause still on; a client
    paused only after the period ended was active in it and owes it."""
    start = getattr(client, "start_date", None)
    if start is not None and start > period.end:
        return False
    held = any(s.session_date.astimezone(tz).date() >= period.start for s, _ in charged)
    paused_on, resumed_on = getattr(client, "paused_on", None), getattr(client, "resumed_on", None)
    ended = resumed_on is not None and paused_on is not None and resumed_on >= paused_on
    if paused_on is not None and paused_on <= period.start and ended and resumed_on > period.end:
        return held
    if client.status in ("Active", None):
        return True
    if client.status == "Paused" and paused_on is not None and paused_on > period.end:
        return True
    return held


def _waived_only(
    client: Any, period: Period, status: dict[str, str], today: date, settings: BillingSettings
) -> InvoicePlan:
    """Only waived sessions: no invoice is written, but the sessions are marked Waived (lines empty)."""
    return InvoicePlan(
        client.id, period, [], ZERO, ZERO, ZERO, ZERO, {}, status, today,
        today + timedelta(days=settings.payment_terms_days),
    )  # fmt: skip


def associate_cuts(
    attributed: list[tuple[Any, Decimal]],
    associates: Mapping[str, Any],
    currency: str | None = None,
    own: frozenset[str] = frozenset(),
) -> dict[str, Decimal]:
    """Per associate: their Commission % of what was billed for the sessions they delivered, rounded once.
    The coach's own Associate records (`own`) earn none: her sessions are the business's takings."""
    billed: dict[str, Decimal] = {}
    for s, amount in attributed:
        aid = _associate_id(s)
        if aid is not None and aid not in own:
            billed[aid] = billed.get(aid, ZERO) + amount
    out = {}
    for aid, total in billed.items():
        rate = commission_rate(associates.get(aid))
        out[aid] = cents(total * rate, currency) if rate is not None else ZERO
    return out


def coach_records(associates: Mapping[str, Any], coach_email: str | None) -> frozenset[str]:
    """The Associate records that are the coach herself (their Email is general.coach_email): she runs
    sessions as one of the team, but what they bring in is the business's, not a cut owed to anyone."""
    coach = (coach_email or "").strip().lower()
    if not coach:
        return frozenset()
    return frozenset(
        aid for aid, a in associates.items() if (getattr(a, "email", None) or "").strip().lower() == coach
    )


def commission_problem(associate: Any) -> str | None:
    """Why the associate's Commission % cannot price a cut (blank, or outside 0-100 %), else None."""
    pct = getattr(associate, "commission_pct", None)
    if associate is not None and pct is None:  # a typed 0 % is the coach's choice; a blank is an omission
        return "Commission % is blank: no cut computed (0.00 on the invoice); set the rate and the cut"
    try:
        cell_rate(pct)
    except ValueError as exc:
        return f"Commission % {exc}: no cut computed (0.00 on the invoice); correct the rate and the cut"
    return None


def commission_rate(associate: Any) -> Decimal | None:
    """The associate's Commission % as a fraction (a percent cell: 0.4 is 40 %), None when blank or out of
    range (`commission_problem` says why): never a cut above what was billed, never a negative one."""
    pct = getattr(associate, "commission_pct", None)
    if not pct or commission_problem(associate) is not None:
        return None
    return cell_rate(pct)


def _chargeable(session: Any, package: Any, settings: BillingSettings, currency: str | None = None) -> bool:
    """Whether a session on no invoice yet would be charged something by a per-session package (without
    a package, by the default policy): one the billing run cannot bill costs the coach money."""
    if session.status not in BILLABLE_STATUSES or session.invoice:
        return False
    if session.invoice_status in DONE_INVOICE_STATUSES:
        return False
    if package is None:
        return charge_fraction(session.status, None, settings, session) > 0
    if package.billing == RETAINER:
        return False  # the retainer is billed whatever its sessions say
    share = charge_fraction(session.status, package.name, settings, session)
    return line_amount(dec(package.price), share, currency) > 0


def _day(d: date, tz: ZoneInfo) -> str:
    """A session day as the coach reads it: "5 Nov", or "Nov 5" for a business in the US or Canada."""
    return date_text(d, month_first_zone(tz.key), weekday=False, year=False)


def _left_off(
    sessions: list[Any],
    package: Any,
    period: Period,
    tz: ZoneInfo,
    settings: BillingSettings,
    currency: str | None,
) -> list[Any]:
    """The sessions this run would have put on the client's invoice for the period, oldest first: for a
    retainer the period's own (covered, for the associates' cut), otherwise those it would charge dated up
    to the period's end. Not a waived cancellation, a later month's session, nor a retainer's older one."""
    out = []
    for s in sessions:
        if s.session_date is None or not billable(s, period, tz):
            continue
        if package is not None and package.billing == RETAINER:
            # Covered by the retainer and counted in the associates' cut: the period's charged ones (a
            # waived cancellation is neither billed nor counted).
            charged = charge_fraction(s.status, package.name, settings, s) > 0
            if charged and s.session_date.astimezone(tz).date() >= period.start:
                out.append(s)
        elif _chargeable(s, package, settings, currency):
            out.append(s)
    return sorted(out, key=lambda s: s.session_date)


def late_retainer(
    sessions: list[Any], package: Any, period: Period, settings: BillingSettings, tz: ZoneInfo
) -> list[Any]:
    """A retainer client's charged sessions of a month before the period that no invoice holds: set
    Completed (or a charged No-show) after their month's run. This period's retainer does not cover them
    (`plan_invoice`); their own month's did, but its associates' cut was shared without them: the run tells
    the coach and carries each associate's share to the next payout statement (automation/billing/late.py).
    """
    return [
        s
        for s in sessions
        if s.session_date is not None
        and billable(s, period, tz)
        and s.session_date.astimezone(tz).date() < period.start
        and charge_fraction(s.status, package.name, settings, s) > 0
    ]


def _associate_id(session: Any) -> str | None:
    return session.associate[0] if session.associate else None


def _describe(
    session: Any, share: Decimal, associates: Mapping[str, Any], tz: ZoneInfo, settings: BillingSettings
) -> str:
    # In the business's order ("Tue 3 Nov 2026", "Tue, Nov 3, 2026" in the US and Canada): the line is the
    # client's record of what she paid for, and the coach's.
    us = month_first_zone(tz.key)
    day = session.session_date.astimezone(tz).date()
    text = f"{session.session_type or 'Coaching'} session, {date_text(day, us)}"
    aid = _associate_id(session)
    if aid and getattr(associates.get(aid), "name", None):
        text += f" with {associates[aid].name}"
    if late_cancellation(session, settings):
        # Why a cancelled session is charged, with when it was cancelled as the coach's clock says it.
        at = session.cancelled_at.astimezone(tz)
        text += (
            f": Late cancellation (less than {settings.late_cancel_hours} h notice; cancelled "
            f"{day_text(at, us)}{',' if us else ''} {clock_text(at, us)}"
            + (f", {share * 100:.0f} %)" if share != 1 else ")")
        )
    elif session.status != "Completed":
        text += f" ({session.status.lower()}" + (f", {share * 100:.0f} %)" if share != 1 else ")")
    return text


@dataclass
class Billing:
    """What one billing run decided: invoices to write and sessions only to mark (all waived)."""

    plans: list[InvoicePlan] = field(default_factory=list)
    waived_only: list[InvoicePlan] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # client id -> why
    # session id -> (field, why): a chargeable session that cannot be billed until the coach fixes it
    unbillable: dict[str, tuple[str, str]] = field(default_factory=dict)
    # associate id -> why their Commission % priced no cut on this run's invoices
    bad_commission: dict[str, str] = field(default_factory=dict)
    # A retainer client's session of an earlier month set Completed (or a charged no-show) after that
    # month's run: session id -> (client id, its month). No invoice of this period takes it (`late_retainer`).
    late: dict[str, tuple[str, Period]] = field(default_factory=dict)


def plan_billing(
    clients: list[Any],
    packages: Mapping[str, Any],
    sessions: list[Any],
    associates: Mapping[str, Any],
    existing_keys: set[str],
    period: Period,
    today: date,
    settings: BillingSettings,
    tz: ZoneInfo,
    currency: str | None = None,
    by_hand: Mapping[str, str] | None = None,
    coach_email: str | None = None,
    to_date: frozenset[str] = frozenset(),
) -> Billing:
    """Every client's invoice for the period, except clients that already have one: the run's own
    (`existing_keys`) or one typed in by hand (`by_hand`: client id -> its invoice); a client billed by hand
    whose sessions of the period are on no invoice is named (they would otherwise never be billed). The
    coach's own Associate record (its Email is `coach_email`) earns no cut and its rate is never named.
    A client in `to_date` (billed for the month to date before it ended, `billed_to_date`) on a per-session
    package is billed again for what is left: the sessions on no invoice, on an invoice of their own keyed
    `client:YYYY-MM:<today>` (a retainer's month was billed whole)."""
    by_client: dict[str, list[Any]] = {}
    out = Billing()
    own = coach_records(associates, coach_email)
    if (start := settings.bill_from) is not None:
        # Before bill_from the coach billed by herself (a base with history): none of it is billed again.
        if period.end < start:
            return out
        sessions = [
            s for s in sessions if s.session_date is None or s.session_date.astimezone(tz).date() >= start
        ]
    for s in sessions:
        if not s.client and _chargeable(s, None, settings):
            out.unbillable[s.id] = ("client", f"{s.status} session linked to no client: not billed")
        if len(s.client) > 1:
            # A joint session (a workshop, two co-founders together): who pays, at whose price, the base does
            # not say. Billing it to whichever client is linked first charged her alone, in silence.
            if _chargeable(s, None, settings):
                out.unbillable[s.id] = (
                    "client",
                    f"{s.status} session linked to {len(s.client)} clients: not billed, since who pays for "
                    "it is yours to say (leave on it the client who pays, or invoice it yourself and set it "
                    "Waived)",
                )
            continue
        for cid in s.client:
            by_client.setdefault(cid, []).append(s)
    for client in clients:
        again = None
        if dedupe_key(client.id, period) in existing_keys:
            if client.id not in to_date:
                continue
            again = f"{dedupe_key(client.id, period)}:{today.isoformat()}"
        if (hand := (by_hand or {}).get(client.id)) is not None:
            package = packages.get(client.package[0]) if len(client.package) == 1 else None
            if left := _left_off(by_client.get(client.id, []), package, period, tz, settings, currency):
                days = ", ".join(_day(s.session_date.astimezone(tz).date(), tz) for s in left[:6])
                out.skipped[client.id] = (
                    f"{hand}, typed in for {period.label}, bills this client: not billed again; "
                    f"{len(left)} session(s) this run would have billed ({days}"
                    f"{', …' if len(left) > 6 else ''}) are on no invoice: add them to it, or Void it"
                )
            continue
        package = packages.get(client.package[0]) if client.package else None
        why = NO_PRICE if package is None else price_problem(package)
        if len(client.package) > 1:  # billing by whichever is linked first would be a guess at the price
            names = ", ".join(getattr(packages.get(p), "name", None) or p for p in client.package)
            why = f"{len(client.package)} packages linked ({names}): not billed until only one is left"
        if why is not None:
            linked = [packages.get(p) for p in client.package]
            if by_client.get(client.id) or any(p is not None and p.billing == RETAINER for p in linked):
                out.skipped[client.id] = why
            continue
        if again is not None and package.billing == RETAINER:
            continue
        if package.billing == RETAINER:
            for s in late_retainer(by_client.get(client.id, []), package, period, settings, tz):
                out.late[s.id] = (client.id, Period.of(s.session_date.astimezone(tz).date()))
        for s in by_client.get(client.id, []):
            if s.session_date is None and _chargeable(s, package, settings, currency):
                out.unbillable[s.id] = (
                    "session_date",
                    f"{s.status} session without a Session Date: not billed",
                )
        plan = plan_invoice(
            client,
            package,
            by_client.get(client.id, []),
            associates,
            period,
            today,
            settings,
            tz,
            currency,
            own,
        )
        if plan is None:
            continue
        if again is not None:
            plan = replace(plan, key=again)
        (out.plans if plan.lines else out.waived_only).append(plan)
        for aid in plan.cuts:
            why = commission_problem(associates.get(aid))
            if why is not None:
                out.bad_commission[aid] = why
    return out
