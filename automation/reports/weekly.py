"""The weekly report's figures (pure): each is a Claim that says whether it is known (counted from
records), inferred (a judgement on counted figures) or missing (the data to know it is not there), and
names the records behind it. Forecast, conversion and stage velocity come from automation.leads.forecast:
one implementation of each number.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from statistics import median
from typing import Any, Literal

from automation.associates.figures import capacity, client_load, is_coach
from automation.health.score import STATUS_MOVES
from automation.leads import forecast as fc
from automation.leads import nurture
from automation.leads.pipeline import CLOSED, parse_history
from automation.messages.render import money
from automation.text import date_text, display_name, month_first_zone, plural

Basis = Literal["known", "inferred", "missing"]


@dataclass(frozen=True)
class Claim:
    title: str
    basis: Basis
    text: str
    ids: list[str] = field(default_factory=list)  # records behind it
    chart: list[tuple[str, float]] = field(default_factory=list)  # label, value (for the bar chart)
    currency: str | None = None  # the chart's values are amounts in this currency (shown as money)
    # What one of the chart's values counts ("%" or a noun: "client", "day"): a bare "Website: 25" or
    # "Negotiation: 0" under a title that names two figures does not say which one the bar is.
    unit: str = ""

    def shown(self, value: float) -> str:
        """A chart value as the reader reads it: money in the business's currency, else the figure with its
        unit (a count as a whole number: "High: 1 client", not "High: 1.0")."""
        if self.currency:
            return money(value, self.currency)
        figure = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        if self.unit == "%" or not self.unit:
            return figure + self.unit
        return f"{figure} {self.unit if value == 1 else self.unit + 's'}"


_TABLES = (
    ("Speed to lead", "leads"), ("Leads", "leads"), ("Stage", "deals"), ("Weighted forecast", "deals"),
    ("Forecast accuracy", "deals"), ("Revenue", "invoices"), ("Client health", "clients"),
    ("Health movers", "clients"), ("Associate", "associates"), ("AI drafts", "messages"),
    ("Hours saved", "messages"), ("Bottleneck", "deals"),
)  # fmt: skip


def table_of(claim: Claim) -> str | None:
    """The table (key) the claim's record ids belong to."""
    return next((t for prefix, t in _TABLES if claim.title.startswith(prefix)), None)


# Why an arrival is not waiting for a first touch by design (nurture sends none), in the order asked: the
# coach reads "still waiting" as work she has not done, so these are left out of it and said so.
_NO_FIRST_TOUCH = (
    ("unsubscribed", lambda x: x.status == "Unsubscribed" or x.email_status == "Spam Report"),
    ("from a current client", nurture.stopped_for_client),  # her enquiry: the coach answers herself
    # won or given up by the coach before any touch (a referral she called and signed the same week):
    # nurture leaves Converted and Lost leads and cancels their waiting draft, so no touch will ever go
    ("already a client", lambda x: x.status == "Converted"),
    ("closed as Lost", lambda x: x.status == "Lost"),
    ("with no usable email", lambda x: nurture.email_problem(x) is not None),
)


def _no_first_touch(lead: Any) -> str | None:
    return next((why for why, test in _NO_FIRST_TOUCH if test(lead)), None)


def speed_to_lead(
    leads: list[Any], touches: list[Any], start: datetime, end: datetime, target_min: int
) -> Claim:
    """Arrival (record created) → the first First Touch sent, for leads that arrived in [start, end) and
    count as leads (forecast.counted_lead: a duplicate's nurture pauses and a held spam gets no touch, so
    neither is waiting for one). A lead without a touch that nurture never sends one (unsubscribed, a
    current client's enquiry the coach answers herself, Converted or Lost, no usable email) is not "still
    waiting": the
    figure says how many were left out and why."""
    first_sent: dict[str, datetime] = {}
    for m in touches:
        if m.kind == "First Touch" and m.status == "Sent" and m.sent_at:
            for rid in m.lead:
                if rid not in first_sent or m.sent_at < first_sent[rid]:
                    first_sent[rid] = m.sent_at
    arrived = [x for x in leads if x.created_time and start <= x.created_time < end and fc.counted_lead(x)]
    mins = {
        x.id: (first_sent[x.id] - x.created_time).total_seconds() / 60 for x in arrived if x.id in first_sent
    }
    untouched = [x for x in arrived if x.id not in first_sent]
    left_out = Counter(why for x in untouched if (why := _no_first_touch(x)) is not None)
    waiting = [x.id for x in untouched if _no_first_touch(x) is None]
    n_out = sum(left_out.values())
    reasons = ", ".join(f"{n} {why}" for why, _ in _NO_FIRST_TOUCH if (n := left_out[why]))
    clause = f"; {n_out} left out (no first touch is sent to them): {reasons}" if n_out else ""
    if not mins:
        if waiting:
            text = f"No first touch was sent to the {plural(len(waiting), 'lead')} that arrived this week"
            text += clause + "."
        elif arrived:
            text = f"None of the {plural(len(arrived), 'lead')} that arrived this week is due a first touch"
            text += clause + "."
        else:
            text = "No leads arrived this week."
        return Claim("Speed to lead", "missing", text, waiting)
    within = sum(1 for v in mins.values() if v <= target_min)
    text = (
        f"Median {median(mins.values()):.0f} min from arrival to first touch over "
        f"{plural(len(mins), 'lead')}; "
        f"{within} of {len(mins)} within {target_min} min"
        + (f"; {len(waiting)} still waiting for one" if waiting else "")
        + clause
        + "."
    )
    return Claim("Speed to lead", "known", text, list(mins) + waiting)


def response_time() -> Claim:
    """Clients' emails to the coach are not recorded in the base (only leads' replies are counted), so the
    time to answer a client cannot be measured: said plainly rather than guessed."""
    return Claim(
        "Response time to clients", "missing",
        "Clients' emails to the coach are not recorded in the base: the time to answer them is unknown.",
    )  # fmt: skip


def won_lead_ids(deals: list[Any]) -> set[str]:
    """Leads linked to a Closed Won deal (they became clients whatever their Status says)."""
    return {lid for d in deals if d.pipeline_stage == "Closed Won" for lid in d.lead}


def conversion_by_source(
    leads: list[Any], start: date, end: date, tz: Any = None, won_leads: Collection[str] = ()
) -> Claim:
    rates = fc.conversion_by_source(leads, start, end, tz, won_leads)
    if not rates:
        return Claim("Leads and conversion by source", "missing", "No leads in the period.")
    parts = [f"{src} {r.hits}/{r.total}" for src, r in rates.items()]
    ids = [
        x.id
        for x in leads
        if (c := fc._created(x, tz)) is not None and start <= c < end and fc.counted_lead(x)
    ]
    chart = [(src, round(100 * (r.rate or 0), 1)) for src, r in rates.items()]
    return Claim(
        "Leads and conversion by source",
        "known",
        f"Since {date_text(start, month_first_zone(str(tz)) if tz else False)}, converted/leads: "
        + ", ".join(parts)
        + ".",
        ids,
        chart,
        unit="%",
    )


def conversion_by_month(
    leads: list[Any], today: date, months: int = 6, tz: Any = None, won_leads: Collection[str] = ()
) -> Claim:
    first = fc.add_months(fc.month_of(today), -(months - 1))
    wanted = [fc.add_months(first, i) for i in range(months)]
    rates = fc.conversion_by_month(leads, wanted, tz, won_leads)
    # A month without a lead says so: "0/0" reads as a failed month on a base that is new.
    text = ", ".join(f"{m} {r.hits}/{r.total}" if r.total else f"{m} no leads" for m, r in rates.items())
    if not any(r.total for r in rates.values()):
        return Claim("Leads by month (converted/leads)", "missing", f"No leads in the last {months} months.")
    return Claim(
        "Leads by month (converted/leads)",
        "known",
        text + ".",
        [],
        [(m, r.total) for m, r in rates.items()],
        unit="lead",
    )


def stages(deals: list[Any]) -> Claim:
    conv = fc.stage_conversion(deals)
    days = fc.average_days_per_stage(deals)
    parts = []
    for stage, r in conv.items():
        if not r.total and stage not in days:
            continue
        d = f", {days[stage][0]:.1f} days on average" if stage in days else ""
        parts.append(f"{stage}: {r.hits}/{r.total} moved on{d}")
    basis: Basis = "known" if parts else "missing"
    return Claim(
        "Stage conversion and days per stage", basis,
        "; ".join(parts) + "." if parts else "No deal has a stage history yet.",
        [d.id for d in deals if d.stage_history],
        [(s, v[0]) for s, v in days.items()], unit="day",
    )  # fmt: skip


def _month_deals(m: Any) -> str:
    """How many deals make the month's figure, and the one that makes most of it when one does (a single
    large deal is a bet, not a trend: the coach plans differently on it)."""
    n = plural(m.deals, "deal")
    if m.largest is None or m.weighted <= 0:
        return n
    name, weighted = m.largest
    if m.deals == 1:
        return f"{n}: {name}" if name else n
    share = weighted / m.weighted
    return f"{n}; {name or 'one deal'} alone is {share:.0%} of it" if share > 0.5 else n


def forecast(deals: list[Any], settings: Any, today: date, last_snapshot: dict | None) -> list[Claim]:
    cur = settings.general.currency
    months = fc.weighted_forecast(deals, settings.pipeline, today, 3)
    text = ", ".join(f"{m.month} {money(m.weighted, cur)} ({_month_deals(m)})" for m in months)
    ids = [d.id for d in deals if d.pipeline_stage not in CLOSED and d.expected_close and d.deal_value]
    # Open deals it cannot place are said, named (a deal typed without its close date is otherwise simply
    # not in the figure), and linked, so the coach can complete them.
    for why, ds in fc.left_out_of_forecast(deals).items():
        shown = ", ".join(d.deal_name or d.id for d in ds[:3]) + (
            f" and {len(ds) - 3} more" if len(ds) > 3 else ""
        )
        text += f". Not counted, {plural(len(ds), 'open deal')} with {why}: {shown}"
        ids += [d.id for d in ds]
    out = [
        Claim(
            "Weighted forecast, next 3 months",
            "known",
            text + ".",
            ids,
            [(m.month, m.weighted) for m in months],
            cur,
        )
    ]
    last = fc.add_months(fc.month_of(today), -1)
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(settings.general.time_zone)
    actual = fc.actual_won(deals, last, tz)
    predicted = (last_snapshot or {}).get("months", {}).get(last)
    acc = fc.accuracy(predicted, actual)
    won = [d.id for d in deals if (day := fc.won_on(d, tz)) and fc.month_of(day) == last]
    if predicted is not None and predicted <= 0:
        out.append(Claim(
            f"Forecast accuracy {last}", "known",
            f"Nothing was forecast for {last}; won {money(actual, cur)}: no ratio to judge.", won,
        ))  # fmt: skip
    elif acc is None:
        out.append(Claim(
            f"Forecast accuracy {last}", "missing",
            f"No forecast snapshot for {last} to judge (won {money(actual, cur)}); the leads job keeps them.",
            won,
        ))  # fmt: skip
    else:
        verdict = "on target" if 0.9 <= acc <= 1.1 else "off the 90–110 % target"
        out.append(Claim(
            f"Forecast accuracy {last}", "known",
            f"Won {money(actual, cur)} against {money(predicted, cur)} forecast: {acc:.0%}, {verdict}.", won,
        ))  # fmt: skip
    return out


def _money(inv: Any) -> Decimal:
    """Total, or what it is made of when it is blank (an invoice entered by hand): Amount + Tax + Late Fees,
    so a hand-made invoice is not counted without its tax."""
    if inv.total is not None:
        return Decimal(str(inv.total))
    return sum(
        (Decimal(str(v)) for v in (inv.amount, inv.tax_amount, inv.late_fees) if v is not None), Decimal(0)
    )


def revenue(invoices: list[Any], start: date, end: date, today: date, *, currency: str) -> Claim:
    """Invoiced: sent to the client this week (a Draft is the coach's to check, not yet invoiced; an
    invoice entered by hand without a Date Sent counts on its Date Created). Amounts in the business's
    `currency`, written as the invoices write them."""
    invoiced = [
        i
        for i in invoices
        if i.status in ("Sent", "Paid", "Overdue")
        and (when := i.date_sent or i.date_created)
        and start <= when < end
    ]
    drafts = [i for i in invoices if i.status == "Draft"]
    collected = [
        i for i in invoices if i.status == "Paid" and i.payment_date and start <= i.payment_date < end
    ]
    outstanding = [i for i in invoices if i.status in ("Sent", "Overdue")]
    overdue = [i for i in outstanding if i.status == "Overdue" or (i.due_date and i.due_date < today)]
    s = [
        sum((_money(i) for i in xs), Decimal(0)) for xs in (invoiced, collected, outstanding, overdue, drafts)
    ]
    # Money given back (a refund, a lost dispute: the invoice's Refunded) was not revenue: collected is net.
    s[1] -= sum((min(_money(i), Decimal(str(i.refunded or 0))) for i in collected), Decimal(0))
    m = [money(x, currency) for x in s]
    waiting = f" {plural(len(drafts), 'draft invoice')} ({m[4]}) not sent yet." if drafts else ""
    return Claim(
        "Revenue", "known",
        f"Invoiced {m[0]} and collected {m[1]} this week; outstanding {m[2]} "
        f"({plural(len(outstanding), 'invoice')}, {len(overdue)} overdue: {m[3]}).{waiting}",
        [i.id for i in invoiced + collected + outstanding + drafts],
        [("Invoiced", float(s[0])), ("Collected", float(s[1])), ("Outstanding", float(s[2]))],
        currency,
    )  # fmt: skip


# The clients the health job keeps scoring (health.automations.SCORED): a Paused client is still the coach's,
# and one at High risk has a critical finding (an invoice 30+ days overdue, a rating of 2 or less).
CURRENT = (None, "Active", "Paused")


def _status_move(client: Any) -> str:
    """A move the coach's pause or resume made (cadence and recency stop or start counting), as the health
    job notes it: said, so a pause does not read as a decline (nor a resume as one) she must act on."""
    text = client.health_breakdown or ""
    return next((f" ({k} this week)" for k, n in STATUS_MOVES.items() if f"Note: {n}" in text), "")


def health(clients: list[Any], start: date | None = None, end: date | None = None) -> list[Claim]:
    """The risk levels of current clients (Active, Paused, no status; the paused ones at each level said),
    and the movers: a score that changed by ten points or more within [start, end) (Health Changed), so a
    drop is reported the week it happened, not every week until the score moves again."""
    active = [c for c in clients if c.status in CURRENT]
    scored = [c for c in active if c.risk_level]
    if not scored:
        return [Claim("Client health", "missing", "No client has a health score yet.")]
    dist = Counter(c.risk_level for c in scored)
    paused = Counter(c.risk_level for c in scored if c.status == "Paused")
    out = [Claim(
        "Client health", "known",
        ", ".join(f"{k} risk {dist.get(k, 0)}" + (f" ({paused[k]} paused)" if paused[k] else "")
                  for k in ("Low", "Medium", "High"))
        + (f"; {len(active) - len(scored)} not scored" if len(scored) < len(active) else "") + ".",
        [c.id for c in scored], [(f"{k} risk", dist.get(k, 0)) for k in ("Low", "Medium", "High")],
        unit="client",
    )]  # fmt: skip
    moved = [
        (c, c.health_score - c.previous_health_score)
        for c in scored
        if c.health_score is not None and c.previous_health_score is not None
        and abs(c.health_score - c.previous_health_score) >= 10
        and (start is None or _within(c.health_changed, start, end))
    ]  # fmt: skip
    moved.sort(key=lambda x: x[1])
    if moved:
        out.append(Claim(
            "Health movers", "known",
            "; ".join(f"{display_name(c, c.id)} {c.previous_health_score:.0f}→{c.health_score:.0f}"
                      + _status_move(c) for c, _ in moved) + ".",
            [c.id for c, _ in moved],
        ))  # fmt: skip
    return out


def leaderboard(
    associates: list[Any],
    sessions: list[Any],
    clients: list[Any],
    today: date,
    tz: Any = None,
    settings: Any = None,
    coach_email: str | None = None,
) -> Claim:
    """Completed sessions of the last 30 days (business dates: today and the 29 before), average rating,
    and the Client Load as the associates job counts it (active, paused and blank-status clients) against
    her places (Max Clients; blank: the default of `settings`, the associates settings, when given). An
    associate who is not Active says so (on leave, onboarding), and the free places of the Active ones
    close the line: growing through associates, the coach sees where a new client can go. The coach's own
    Associate record (`coach_email`) is on the board, but her free places are said apart as hers: they are
    not the associates' room. Ties are ranked by name, then record id, so the same week always reads the
    same."""
    done: dict[str, list[Any]] = defaultdict(list)
    for s in sessions:
        if s.status != "Completed" or not s.session_date:
            continue
        day = (s.session_date.astimezone(tz) if tz else s.session_date).date()
        if 0 <= (today - day).days < 30:
            for a in s.associate:
                done[a].append(s)
    rows = []
    for a in associates:
        ss = done.get(a.id, [])
        if a.status == "Inactive" and not ss:
            continue  # gone, and nothing of theirs in the window: not on the board
        rated = [s.satisfaction for s in ss if s.satisfaction]
        avg = sum(rated) / len(rated) if rated else None
        rows.append((len(ss), avg or 0, a, avg))
    rows.sort(key=lambda r: (-r[0], -r[1], (r[2].name or "").lower(), r[2].id))
    if not rows:
        return Claim("Associate leaderboard", "missing", "No associates.")

    def places(a: Any) -> int | None:
        if a.status == "Inactive":
            return None  # she left: her places are nobody's
        if settings is not None:
            return capacity(a, settings)
        return None if a.max_clients is None else max(0, int(a.max_clients))

    def load(a: Any) -> str:
        n, cap = client_load(a, clients), places(a)
        return plural(n, "client") if cap is None else f"{n} of {plural(cap, 'client')}"

    text = "; ".join(
        (a.name or a.id)
        + (f" ({a.status})" if a.status not in ("Active", None) else "")
        + f": {plural(n, 'session')}"
        + (f", satisfaction {avg:.1f}" if avg is not None else "")
        + f", {load(a)}"
        for n, _, a, avg in rows
    )
    free = [
        (a.name or a.id, cap - client_load(a, clients), is_coach(a, coach_email))
        for _, _, a, _ in rows
        if a.status == "Active" and (cap := places(a)) is not None
    ]
    theirs = [(name, k) for name, k, coach in free if not coach]
    if theirs:
        open_ = [(name, k) for name, k in theirs if k > 0]
        text += ". Free places (Active associates): " + (
            f"{sum(k for _, k in open_)}: " + ", ".join(f"{name} {k}" for name, k in open_)
            if open_
            else "none, every one is full"
        )
    yours = sum(max(0, k) for _, k, coach in free if coach)
    if any(coach for *_, coach in free):
        text += f". Your own free places: {yours or 'none'}"
    return Claim("Associate leaderboard (30 days)", "known", text + ".", [r[2].id for r in rows],
                 [(r[2].name or "?", r[0]) for r in rows], unit="session")  # fmt: skip


def _within(when: Any, start: Any, end: Any) -> bool:
    """Whether `when` (a date or a datetime, like the bounds) lies in [start, end); no start: no window."""
    if start is None:
        return True
    return when is not None and start <= when and (end is None or when < end)


def ai_acceptance(messages: list[Any], start: datetime | None = None, end: datetime | None = None) -> Claim:
    """AI drafts sent in [start, end) (any read, without a window): the share approved unedited and the
    average edit. A draft is judged when it is sent, so one drafted last week and sent this week counts
    this week."""
    judged = [
        m
        for m in messages
        if m.generated_body
        and m.edit_ratio is not None
        and m.status == "Sent"
        and _within(m.sent_at, start, end)
    ]
    if not judged:
        return Claim("AI drafts' acceptance", "missing",
                     "No sent AI draft has an edit ratio yet: acceptance is not measured.")  # fmt: skip
    unedited = sum(1 for m in judged if m.edit_ratio == 0)
    avg = sum(m.edit_ratio for m in judged) / len(judged)
    return Claim("AI drafts' acceptance", "known",
                 f"{unedited} of {len(judged)} sent drafts approved unedited; average edit {avg:.0%}.",
                 [m.id for m in judged])  # fmt: skip


def hours_saved(messages: list[Any], minutes: dict[str, int], start: datetime, end: datetime) -> Claim:
    """Each message the system drafted or sent this week × its minutes, counted once: in the week it was
    made (a draft counted last week is not counted again when the coach sends it this week)."""
    counted: Counter[str] = Counter()
    ids = []
    for m in messages:
        when = m.created_at or m.sent_at
        if m.kind in minutes and when and start <= when < end and m.status in ("Sent", "Draft", "Approved"):
            counted[m.kind] += 1
            ids.append(m.id)
    total = sum(minutes[k] * n for k, n in counted.items())
    text = f"{total / 60:.1f} hours: " + ", ".join(
        f"{n} {k} × {minutes[k]} min" for k, n in counted.most_common()
    )
    return Claim("Hours saved this week", "inferred" if counted else "missing",
                 (text + " (minutes per kind: Settings).") if counted else "Nothing sent or drafted.", ids,
                 [(k, minutes[k] * n / 60) for k, n in counted.most_common()], unit="hour")  # fmt: skip


def bottleneck(deals: list[Any], now: datetime, stuck_days: int) -> Claim:
    stuck: dict[str, list[Any]] = defaultdict(list)
    oldest: dict[str, datetime] = {}  # per stage, the longest-stuck deal's date: ties go to the older
    for d in deals:
        if d.pipeline_stage in CLOSED or not d.pipeline_stage:
            continue
        since = d.stage_changed_at
        if since is None:
            hist = parse_history(d.stage_history)
            since = hist[-1].at if hist else None
        if since is not None and (now - since).days >= stuck_days:
            stuck[d.pipeline_stage].append(d)
            oldest[d.pipeline_stage] = min(since, oldest.get(d.pipeline_stage, since))
    if stuck:
        # The stage with most stuck deals is the bottleneck; the deals stuck in other stages are named after
        # it: this is the only place a deal left untouched in a stage is named, and naming one stage only
        # left a lone deal stuck for months elsewhere unseen week after week.
        order = sorted(stuck.items(), key=lambda kv: (-len(kv[1]), oldest[kv[0]], kv[0]))
        (stage, ds), rest = order[0], order[1:]
        names = ", ".join(d.deal_name or d.id for d in ds)
        text = f"{len(ds)} deal(s) stuck in {stage} for {stuck_days}+ days: {names}."
        if rest:
            text += (
                " Also stuck: "
                + "; ".join(
                    f"{len(o)} in {st} ({', '.join(d.deal_name or d.id for d in o)})" for st, o in rest
                )
                + "."
            )
        ids = [d.id for _, o in order for d in o]
        return Claim("Bottleneck", "inferred", text, ids)
    conv = {s: r for s, r in fc.stage_conversion(deals).items() if r.total >= 3}
    if conv:
        stage, r = min(conv.items(), key=lambda kv: kv[1].rate or 0)
        return Claim("Bottleneck", "inferred",
                     f"None stuck; weakest step: {stage}, {r.hits} of {r.total} moved on.")  # fmt: skip
    return Claim("Bottleneck", "missing", "Too few deals with a history to name one.")
