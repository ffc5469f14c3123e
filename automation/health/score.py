"""The client health score (0-100): a weighted average of components, each with its evidence (DESIGN.md §6).

Pure: the client, its records, the settings and today in; the score, band, breakdown and trend out. A
component without data is not counted (named as such in the breakdown) and the others share its weight,
so missing data is neutral rather than an error. A critical finding makes the risk High whatever the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from automation.models import ActionItem, Client, Invoice, Package, Session
from automation.text import plural

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from automation.settings.health import HealthSettings

DAYS_PER_MONTH = 365.25 / 12
UNPAID = ("Sent", "Overdue")
LABELS = {
    "cadence": "Cadence",
    "recency": "Recency",
    "satisfaction": "Satisfaction",
    "follow_through": "Follow-through",
    "payment": "Payment",
    "results": "Results",
}


@dataclass(frozen=True)
class Component:
    """One component: the share of its weight earned (None: no data, not counted) and why."""

    key: str
    fraction: float | None
    evidence: str


@dataclass(frozen=True)
class ClientFacts:
    """Everything about one client the score reads (its package, sessions, action items and invoices)."""

    client: Client
    package: Package | None = None
    sessions: list[Session] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)


@dataclass(frozen=True)
class Health:
    score: int
    risk: str
    trend: str
    previous: int | None  # the score this one is compared with
    components: list[Component]
    critical: list[str]
    notes: list[str]  # how the client's situation (new, paused) shaped the score
    usage_freq: float | None
    satisfaction: float | None
    last_session: date | None
    weights: dict[str, float]
    changed_on: date | None = None  # the day the score last changed (today when this one differs)
    paused_on: date | None = None  # the pause's first day, when known (stamped while she is paused)
    resumed_on: date | None = None  # the day she was set going again, while it shapes the score
    just_resumed: bool = False  # this score is the first since the resume (the resume is hers: no alert)

    def points(self, key: str) -> float:
        """The points a component earned (its weight share of 100 times the fraction)."""
        counted = {c.key: c.fraction for c in self.components if c.fraction is not None}
        total = sum(self.weights.get(k, 0) for k in counted)
        if key not in counted or total <= 0:
            return 0.0
        return 100 * self.weights.get(key, 0) / total * (counted[key] or 0.0)

    def breakdown(self) -> str:
        """One line per component (points of its share, evidence), then critical findings and notes."""
        counted = {c.key for c in self.components if c.fraction is not None}
        total = sum(self.weights.get(k, 0) for k in counted)
        lines = []
        for c in self.components:
            label = LABELS[c.key]
            if c.fraction is None:
                lines.append(f"{label}: not counted ({c.evidence})")
            else:
                share = 100 * self.weights.get(c.key, 0) / total if total else 0
                lines.append(f"{label}: {self.points(c.key):.0f}/{share:.0f} ({c.evidence})")
        lines += [f"Critical: {text}" for text in self.critical]
        lines += [f"Note: {text}" for text in self.notes]
        return "\n".join(lines)

    def fields(self) -> dict[str, Any]:
        """The Clients fields this score sets (the pause's days only when known: a day the coach typed, or
        one stamped before, is never cleared)."""
        pause = {k: v for k, v in (("paused_on", self.paused_on), ("resumed_on", self.resumed_on)) if v}
        return pause | {
            "health_score": self.score,
            "previous_health_score": self.previous,
            "health_changed": self.changed_on,
            "risk_level": self.risk,
            "health_trend": self.trend,
            "health_breakdown": self.breakdown(),
            "usage_freq": self.usage_freq,
            "satisfaction": self.satisfaction,
            "last_session": self.last_session,
        }


def _clip(x: float) -> float:
    return max(0.0, min(1.0, x))


def _day(value: datetime | None, tz: ZoneInfo | None) -> date | None:
    if value is None:
        return None
    return (value.astimezone(tz) if tz else value).date()


def _completed(facts: ClientFacts, today: date, tz: ZoneInfo | None) -> list[tuple[date, Session]]:
    out = []
    for s in facts.sessions:
        day = _day(s.session_date, tz)
        if s.status == "Completed" and day is not None and day <= today:
            out.append((day, s))
    return sorted(out, key=lambda x: (x[0], x[1].id))


UNLOGGED_STATUS = "Scheduled (not marked Completed)"


def _unlogged_since(facts: ClientFacts, day: date, today: date, tz: ZoneInfo | None) -> int:
    """Sessions after `day` and before today still Scheduled: the associate has not logged them yet."""
    return sum(
        1
        for s in facts.sessions
        if s.status == "Scheduled" and (d := _day(s.session_date, tz)) is not None and day < d < today
    )


def _missed_since(facts: ClientFacts, day: date, today: date, tz: ZoneInfo | None) -> bool:
    """A session she did not come to (No-show) from `day` to today: a session was due, so the grace of a
    new (or resumed) client whose first session is still to come no longer holds."""
    return any(
        s.status == "No-show" and (d := _day(s.session_date, tz)) is not None and day <= d <= today
        for s in facts.sessions
    )


def _due_before(facts: ClientFacts, day: date, today: date, tz: ZoneInfo | None) -> bool:
    """A session from `day` to today that did not happen (No-show or Cancelled): one was due already."""
    return any(
        s.status in ("No-show", "Cancelled")
        and (d := _day(s.session_date, tz)) is not None
        and day <= d <= today
        for s in facts.sessions
    )


def _first_booked(facts: ClientFacts, today: date, tz: ZoneInfo | None) -> date | None:
    """The day of her first session still to come (Scheduled, today or later), if one is booked."""
    days = [
        d
        for s in facts.sessions
        if s.status == "Scheduled" and (d := _day(s.session_date, tz)) is not None and d >= today
    ]
    return min(days, default=None)


def started(client: Client, tz: ZoneInfo | None = None) -> date | None:
    """The Start Date, else the day the record was entered (Created Date, or Airtable's created time): a
    client entered without a Start Date is new from that day, not a client who never had a session. The
    created time is a UTC instant: its day is the business's (entered at 21:00 in New York is that day)."""
    if client.start_date:
        return client.start_date
    return client.created_date or _day(client.created_time, tz)


def _days_known(
    client: Client, today: date, tz: ZoneInfo | None = None, resumed: date | None = None
) -> int | None:
    """Days since the client started, or since she was resumed from a pause if that is later."""
    start = started(client, tz)
    days = [(today - d).days for d in (start, resumed) if d is not None]
    return min(days) if days else None


def slack_days(package: Package | None) -> int:
    """The days by which a package meeting less often than monthly stretches recency and the no-session
    line (set for a monthly rhythm or faster): the days between its sessions beyond a month (a session
    every other month: 30); 0 for a monthly package or a more frequent one, or none."""
    per_month = package.sessions_per_month if package else None
    if not per_month or per_month >= 1:
        return 0
    return round(DAYS_PER_MONTH / per_month - DAYS_PER_MONTH)


def _recency_fraction(days: int, s: HealthSettings, slack: int = 0) -> float:
    full, zero = s.recency_full_days + slack, s.recency_zero_days + slack
    if days <= full:
        return 1.0
    return _clip(1 - (days - full) / max(1, zero - full))


def cadence(
    facts: ClientFacts,
    done: list[tuple[date, Session]],
    today: date,
    s: HealthSettings,
    tz: ZoneInfo | None = None,
    resumed: date | None = None,
):
    """Sessions per month over the window (or since the start or the resume, if later) against the
    package's."""
    window = s.usage_window_days
    since = _days_known(facts.client, today, tz, resumed)
    if since is not None and done and (first := (today - done[0][0]).days) > since and resumed is None:
        # A Start Date typed after her first session (a discovery session held before the start): her
        # coaching began with that session, so she is judged from it, not on a whole window before it.
        since = first
    if since is not None and 0 <= since < window:
        window = max(since, 14)  # a client two weeks in is judged on two weeks, not ninety days
    recent = [d for d, _ in done if (today - d).days < window]
    usage = round(len(recent) / (window / DAYS_PER_MONTH), 1)
    expected = facts.package.sessions_per_month if facts.package else None
    if since is None and not done and not facts.client.last_session:
        return usage, Component("cadence", None, "no completed session and no Start Date")
    kept = facts.client.last_session
    if not done and kept is not None and 0 <= (today - kept).days < window:
        # Last Session (kept on the client, or typed when she was moved over) falls in the window, yet no
        # session record does: her sessions are not in the base, so how often she comes is not known here.
        return usage, Component("cadence", None, f"last session {kept}, but no session record in the base")
    if not expected:
        why = "no package" if facts.package is None else f"package {facts.package.name} has no sessions/month"
        return usage, Component("cadence", None, f"{why}; {usage:g}/month over {window} days")
    # In whole sessions: the window fits a whole number of the package's sessions (a package every other
    # month fits one in 90 days, not 1.5, and one held there is on plan).
    fits = max(1, round(expected * window / DAYS_PER_MONTH))
    return usage, Component(
        "cadence",
        _clip(len(recent) / fits),
        f"{usage:g} sessions/month over {window} days vs {expected:g} expected "
        f"({len(recent)} of the {fits} it fits)",
    )


def recency(
    facts: ClientFacts,
    done: list[tuple[date, Session]],
    today: date,
    s: HealthSettings,
    new: bool,
    tz: ZoneInfo | None = None,
    resumed: date | None = None,
) -> Component:
    last = done[-1][0] if done else facts.client.last_session
    slack = slack_days(facts.package)
    if resumed is not None and (last is None or last < resumed):
        # The pause was hers to give: the days without a session count from the resume, as from a start.
        days = (today - resumed).days
        if days < s.new_client_days and not _missed_since(facts, resumed, today, tz):
            return Component("recency", None, f"resumed on {resumed}: first session since not held yet")
        before = f"; last one {last}" if last else ""
        evidence = f"no completed session since the resume on {resumed}{before}"
        return Component("recency", _recency_fraction(days, s, slack), evidence)
    if done:
        days = (today - done[-1][0]).days
        evidence = f"last session {last}"
        if unlogged := _unlogged_since(facts, done[-1][0], today, tz):
            # Booked, past, neither Completed, Cancelled nor a No-show: held but not logged yet, or not held;
            # the base cannot tell, so they are not counted, but the coach is told they are there.
            evidence += f"; {plural(unlogged, 'past session')} since still {UNLOGGED_STATUS}"
        return Component("recency", _recency_fraction(days, s, slack), evidence)
    if new:
        return Component("recency", None, "new client: first session not held yet")
    if facts.client.last_session:  # older than what was read: the date kept on the client
        days = (today - facts.client.last_session).days
        evidence = f"last session {facts.client.last_session}"
        return Component("recency", _recency_fraction(days, s, slack), evidence)
    since = _days_known(facts.client, today, tz)
    if since is None:
        return Component("recency", None, "no completed session and no Start Date")
    return Component("recency", 0.0, f"no completed session since the start on {started(facts.client, tz)}")


def out_of_ten(done: list[tuple[date, Session]]) -> bool:
    """Her sessions are rated out of 10 (a survey's scale typed in, or a Rating field set to 10 stars):
    most of her ratings are above 5. A single 6 typed among 5s is a slip on the 5-point scale."""
    rated = [x.satisfaction for _, x in done if x.satisfaction]
    return 2 * sum(1 for r in rated if r > 5) > len(rated)


def stars(rating: float, ten: bool) -> float:
    """A rating on the 5-point scale the score reads: one out of 10 mapped end to end (1 is 1, 10 is 5, so
    8 reads 4.1 and 3 reads 1.9); one above 5 typed on the 5-point scale is a 5."""
    return 1 + (rating - 1) * 4 / 9 if ten else min(rating, 5)


def satisfaction(
    done: list[tuple[date, Session]], today: date, s: HealthSettings
) -> tuple[float | None, Component]:
    ten = out_of_ten(done)
    rated = [
        (d, stars(x.satisfaction, ten))
        for d, x in done
        if x.satisfaction and (today - d).days < s.satisfaction_window_days
    ]
    if not rated:
        return None, Component("satisfaction", None, f"no rated session in {s.satisfaction_window_days} days")
    avg = round(sum(r for _, r in rated) / len(rated), 1)
    latest = rated[-1]
    plural = "s" * (len(rated) != 1)
    scale = " (rated out of 10, read on the 5-point scale)" if ten else ""
    evidence = (
        f"average {avg:g}/5 from {len(rated)} rated session{plural}; latest {latest[1]:.2g}/5 on {latest[0]}"
        f"{scale}"
    )
    return avg, Component("satisfaction", _clip((avg - 1) / 4), evidence)


def due_after_pause(due: date, pause: tuple[date, date | None] | None) -> date | None:
    """The day an item is due once the pause is taken out: an item that fell due while she was paused has
    its date moved by the pause's length (she keeps the days she had left when the break began; None while
    the break lasts: not due yet). Items due before the pause or after the resume keep their date."""
    if pause is None:
        return due
    start, end = pause
    if due < start or (end is not None and due >= end):
        return due
    return None if end is None else due + (end - start)


def follow_through(
    facts: ClientFacts, today: date, s: HealthSettings, pause: tuple[date, date | None] | None = None
) -> Component:
    """Firm (non-tentative) client items that fell due in the window, and those past their day still not
    done whatever their age (left open for months is not followed through: as an unpaid invoice, it
    counts until it is ticked or cancelled): the share completed. `pause`: the first day of the client's
    pause and the day she was resumed (None: still paused), when known."""
    due, moved = [], 0
    for a in facts.action_items:
        if a.tentative or a.status == "Cancelled" or a.assigned_to not in (None, "Client") or not a.due_date:
            continue
        day = due_after_pause(a.due_date, pause)
        # On its due day an item ticked counts, one not yet ticked is not late: she has the day (as the
        # daily brief's overdue items); counting it dipped a reliable client's score each due morning.
        counts = day is not None and (day < today or (day == today and a.status == "Complete"))
        if counts and ((today - day).days < s.follow_through_window_days or a.status != "Complete"):
            due.append(a)
            moved += day != a.due_date
    if not due:
        return Component(
            "follow_through", None, f"no firm action item fell due in {s.follow_through_window_days} days"
        )
    done = sum(1 for a in due if a.status == "Complete")
    tail = f" ({moved} due during the pause, dates moved by its length)" if moved else ""
    return Component(
        "follow_through", done / len(due), f"{done} of {len(due)} firm action items due were completed{tail}"
    )


def _overdue_days(inv: Invoice, today: date) -> int:
    if inv.status not in UNPAID or inv.payment_date is not None:
        return 0
    if inv.due_date is None:
        return 0
    return max(0, (today - inv.due_date).days)


def lookback_days(s: HealthSettings) -> int:
    """How far back anything the score reads lies, unpaid invoices and undone items past their day aside
    (the daily job reads no further but for those; neither does the score, so the webhook path and the
    daily job agree)."""
    return max(
        s.usage_window_days,
        s.satisfaction_window_days,
        s.follow_through_window_days,
        s.critical_rating_days,
        s.recency_zero_days,
    )


def payment(facts: ClientFacts, today: date, s: HealthSettings) -> tuple[int, Component]:
    """Unpaid invoices of any age, paid ones that fell due within the lookback: the worst days overdue."""
    horizon = lookback_days(s)
    billed = [
        i
        for i in facts.invoices
        if i.status in UNPAID
        or (i.status == "Paid" and i.due_date is not None and (today - i.due_date).days < horizon)
    ]
    if not billed:
        return 0, Component("payment", None, f"no invoice due in {horizon} days and none unpaid")
    worst = max(billed, key=lambda i: (_overdue_days(i, today), i.id))
    days = _overdue_days(worst, today)
    if days == 0:
        unpaid = sum(1 for i in billed if i.status in UNPAID)
        tail = f", {unpaid} not yet due" if unpaid else ""
        return 0, Component("payment", 1.0, f"nothing overdue ({plural(len(billed), 'invoice')}{tail})")
    name = worst.invoice_number or worst.id
    return days, Component(
        "payment",
        _clip(1 - days / s.payment_zero_days),
        f"invoice {name} {plural(days, 'day')} overdue (due {worst.due_date})",
    )


def results(client: Client) -> Component:
    what = client.results_measure or "results"
    if client.baseline is None or client.goal is None or client.current is None:
        if client.baseline is None and client.goal is None and client.current is None:
            return Component("results", None, "no results ledger")
        return Component("results", None, f"{what}: Baseline, Goal and Current are not all filled in")
    if client.goal == client.baseline:
        return Component("results", None, f"{what}: Goal equals Baseline")
    progress = (client.current - client.baseline) / (client.goal - client.baseline)
    return Component(
        "results",
        _clip(progress),
        f"{what} {client.current:g} (from {client.baseline:g} towards {client.goal:g}: "
        f"{100 * _clip(progress):.0f}% of the way)",
    )


def band(score: int, s: HealthSettings) -> str:
    return "Low" if score >= s.low_min else "Medium" if score >= s.medium_min else "High"


def trend(score: int, previous: int | None, s: HealthSettings) -> str:
    if previous is None:
        return "New"
    if score - previous >= s.trend_points:
        return "Improving"
    if previous - score >= s.trend_points:
        return "Declining"
    return "Stable"


def score_client(
    facts: ClientFacts, settings: HealthSettings, today: date, tz: ZoneInfo | None = None
) -> Health:
    """The health of one client as of `today` (session dates are read in the business time zone `tz`)."""
    client = facts.client
    since = _days_known(client, today, tz)
    done = _completed(facts, today, tz)
    first = _first_booked(facts, today, tz) if not done else None
    new = since is not None and (
        since < settings.new_client_days
        # Her first session booked and still to come, none due before it (none missed or cancelled): her
        # coaching has not begun, so she is new until it comes, up to the no-session line (a start put off
        # that long is news whatever is booked).
        or (
            first is not None
            and since < settings.critical_no_session_days
            and not _due_before(facts, started(client, tz) or today, today, tz)
        )
    )
    paused = client.status == "Paused"
    resumed = resumed_on(client, today, settings)
    pause_start = paused_since(client, today, resumed)
    # A resumed client is given the new client's window, counted from the resume, before cadence, recency
    # and the no-session check hold the pause against her.
    grace = (
        resumed is not None
        and (today - resumed).days < settings.new_client_days
        and not any(d >= resumed for d, _ in done)
        and not _missed_since(facts, resumed, today, tz)  # a no-show since: a session was due
    )
    notes: list[str] = []
    usage, cad = cadence(facts, done, today, settings, tz, resumed)
    rec = recency(facts, done, today, settings, new, tz, resumed)
    if paused:
        notes.append(f"{PAUSED_NOTE} cadence and recency not counted, no-session check off")
        cad = Component("cadence", None, f"paused; {usage:g}/month")
        rec = Component("recency", None, f"paused; {rec.evidence}")
    elif resumed is not None:
        # Carried from score to score (the date is read back from the breakdown) while it shapes the score.
        notes.append(f"{RESUMED_NOTE} {resumed}: cadence, recency and the no-session check count from then")
        if grace:
            notes.append("resumed client: no session since the resume is not late yet")
            cad = Component("cadence", None, f"resumed on {resumed}: too early to judge")
    elif new and not done and not _missed_since(facts, started(client, tz) or today, today, tz):
        booked = (
            f", first session booked for {first}"
            if first and since and since >= settings.new_client_days
            else ""
        )
        notes.append(f"new client (started {started(client, tz)}{booked}): no session is not late yet")
        cad = Component("cadence", None, "new client: too early to judge")
    avg, sat = satisfaction(done, today, settings)
    overdue, pay = payment(facts, today, settings)
    pause = (pause_start, None if paused else resumed) if pause_start and (paused or resumed) else None
    components = [cad, rec, sat, follow_through(facts, today, settings, pause), pay, results(client)]
    critical = _critical(facts, done, overdue, today, settings, new or paused or grace, tz, resumed)
    weights = {k: float(settings.weights.get(k, 0)) for k in LABELS}
    counted = [c for c in components if c.fraction is not None and weights[c.key] > 0]
    total = sum(weights[c.key] for c in counted)
    if total > 0:
        score = round(sum(100 * weights[c.key] * (c.fraction or 0) for c in counted) / total)
    else:
        score = settings.new_client_score
        notes.append(f"nothing to measure yet: {score}, the starting score")
    risk = "High" if critical else band(score, settings)
    previous = _previous(client, score)
    if (moved := _status_move(client, score, paused)) is not None:
        notes.append(moved)
    last = done[-1][0] if done else client.last_session
    return Health(
        score=score,
        risk=risk,
        trend=trend(score, previous, settings),
        previous=previous,
        components=components,
        critical=critical,
        notes=notes,
        usage_freq=usage,
        satisfaction=avg,
        last_session=last,
        weights=weights,
        changed_on=(
            today
            if client.health_score is None or round(client.health_score) != score
            else client.health_changed
        ),
        paused_on=pause_start,
        resumed_on=resumed,
        just_resumed=resumed == today and _last_seen_paused(client, today),
    )


PAUSED_NOTE = "paused client:"
RESUMED_NOTE = "resumed on"
_RESUMED = re.compile(rf"^Note: {RESUMED_NOTE} (\d{{4}}-\d{{2}}-\d{{2}}):", re.M)


def _open_pause(client: Client, today: date) -> bool:
    """Paused On holds a pause that no Resumed On (on or after it) has ended."""
    start = client.paused_on
    return start is not None and start <= today and (client.resumed_on is None or client.resumed_on < start)


def _last_seen_paused(client: Client, today: date) -> bool:
    """The client record says she was paused when last seen: her last score was taken while she was paused,
    or Paused On holds a pause not yet ended (stamped, or typed by the coach: a pause no score saw)."""
    return f"Note: {PAUSED_NOTE}" in (client.health_breakdown or "") or _open_pause(client, today)


def resumed_on(client: Client, today: date, s: HealthSettings) -> date | None:
    """The day the coach set a paused client going again, while it still shapes the score, else None.

    Read from the client itself (no other read): seen paused last time (the last score's note, or a Paused
    On no resume has ended) means she was resumed today; after that Resumed On holds the day (or, for a
    resume scored before that field, the breakdown's note)."""
    if client.status == "Paused":
        return None
    if _last_seen_paused(client, today):
        return today
    day = client.resumed_on
    if day is None and (m := _RESUMED.search(client.health_breakdown or "")) is not None:
        try:
            day = date.fromisoformat(m.group(1))
        except ValueError:
            return None
    if day is None:
        return None
    # Past every window it shortens, the resume changes nothing: the note is dropped.
    span = max(s.usage_window_days, s.recency_zero_days, s.critical_no_session_days, s.new_client_days)
    return day if 0 <= (today - day).days < span else None


def paused_since(client: Client, today: date, resumed: date | None) -> date | None:
    """The first day of the client's current pause (or of the one she was resumed from), when known: Paused
    On, else today for a client found paused (the day is stamped from then on)."""
    start = client.paused_on if client.paused_on is not None and client.paused_on <= today else None
    if client.status == "Paused":
        return start if _open_pause(client, today) else today
    if resumed is not None and start is not None and start <= resumed:
        return start
    return None


# The score moved because the coach paused or resumed the client (cadence and recency stop or start
# counting), not because her health did: said beside Previous Health Score, so the weekly report's movers
# can say "paused this week" rather than a bare drop. It stays while that comparison does.
STATUS_MOVES = {
    "paused": "paused since the previous score: compared with the score before the pause",
    "resumed": "resumed since the previous score: compared with the score while paused",
}


def _status_move(client: Client, score: int, paused: bool) -> str | None:
    """The status-move note when the comparison with Previous Health Score crosses a pause or a resume."""
    old = client.health_breakdown or ""
    if client.health_score is not None and round(client.health_score) != score:
        if not old or (PAUSED_NOTE in old) == paused:
            return None
        return STATUS_MOVES["paused" if paused else "resumed"]
    # Unchanged score: the previous one is still compared with, and so is the note that came with it.
    return next((n for n in STATUS_MOVES.values() if f"Note: {n}" in old), None)


def _previous(client: Client, score: int) -> int | None:
    """The score to compare with: the stored one when this score replaces it, else the one before it (so
    the trend holds between changes instead of turning Stable the next day)."""
    if client.health_score is not None and round(client.health_score) != score:
        return round(client.health_score)
    return None if client.previous_health_score is None else round(client.previous_health_score)


def _critical(
    facts: ClientFacts,
    done: list[tuple[date, Session]],
    overdue: int,
    today: date,
    s: HealthSettings,
    quiet: bool,
    tz: ZoneInfo | None = None,
    resumed: date | None = None,
) -> list[str]:
    out = []
    ten = out_of_ten(done)
    rated = [(d, stars(x.satisfaction, ten)) for d, x in done if x.satisfaction]
    if rated:
        # The latest day's ratings read together: a team's workshop logged once per attendee (or a double
        # session) is one sitting, and which record sorts last is no verdict on it.
        day = rated[-1][0]
        that_day = [r for d, r in rated if d == day and r is not None]
        rating = sum(that_day) / len(that_day)
        if rating <= s.critical_rating and (today - day).days < s.critical_rating_days:
            if len(that_day) == 1:
                out.append(f"latest rating {that_day[0]:.2g}/5 (session on {day})")
            else:
                out.append(f"latest ratings {rating:.1f}/5 on average from {len(that_day)} sessions on {day}")
        # Low all along, though the latest is a little better: the average, read to the nearest star.
        window = [r for d, r in rated if r is not None and (today - d).days < s.satisfaction_window_days]
        avg = sum(window) / max(1, len(window))
        if not out and len(window) >= s.critical_average_min_ratings and avg < s.critical_rating + 0.5:
            out.append(
                f"average rating {avg:.1f}/5 from {len(window)} rated sessions in "
                f"{s.satisfaction_window_days} days"
            )
    if overdue >= s.critical_overdue_days:
        out.append(f"an invoice {plural(overdue, 'day')} overdue")
    if not quiet:
        last = done[-1][0] if done else facts.client.last_session
        start = started(facts.client, tz)
        ref = last or start
        what = f"since {last}" if last else f"since the start on {start}"
        if resumed is not None and (ref is None or ref < resumed):
            ref, what = resumed, f"since the resume on {resumed}"
        if ref is not None and (today - ref).days >= s.critical_no_session_days + slack_days(facts.package):
            out.append(f"no completed session in {(today - ref).days} days ({what})")
    return out
