"""The daily brief (pure): what needs the coach today, from records read once per table.

Sections, each left out when empty: today's and tomorrow's sessions, follow-ups due, Hot leads untouched,
overdue action items (firm ones: a tentative item is never chased) and firm ones with no due date left open
for a week, Completed sessions still without notes, at-risk clients with why, messages awaiting approval,
messages that failed or are stuck in Sending, overdue invoices, automation runs that failed or half-failed
since yesterday, Settings rows refused (the default applies instead).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from automation.leads.contact import clean_email
from automation.leads.nurture import display_name
from automation.leads.spam import HELD_NOTE, is_held
from automation.messages.render import money
from automation.text import clock_text, date_text, moment_text, month_first_zone, plural, zone_abbreviation
from automation.text import display_name as person_name

CLOSED_LEAD = ("Converted", "Lost", "Unsubscribed")
CLOSED_ITEM = ("Complete", "Cancelled")  # an item typed without a Status is open (the overdue job chases it)
EARLIEST = datetime.min.replace(tzinfo=UTC)


@dataclass
class BriefInputs:
    sessions: list[Any] = field(default_factory=list)  # Scheduled, and recent Completed ones without notes
    leads: list[Any] = field(default_factory=list)
    action_items: list[Any] = field(default_factory=list)
    clients: list[Any] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)  # Messages with Status Draft, Failed or Sending
    invoices: list[Any] = field(default_factory=list)
    runs: list[Any] = field(default_factory=list)
    associates: list[Any] = field(default_factory=list)  # those running today's and tomorrow's sessions
    held: list[Any] = field(default_factory=list)  # submissions the website form held, of the last day
    blank_settings: list[str] = field(default_factory=list)  # Settings rows left empty: their default applies


@dataclass(frozen=True)
class Section:
    title: str
    bullets: list[str]
    ids: list[str]  # the records behind the lines, in the same order


def _names(records: Iterable[Any]) -> dict[str, str]:
    return {r.id: person_name(r, r.id) for r in records}


AWAY = ("Paused", "Inactive")  # an associate on leave, or gone: her sessions need the coach to move them


def _runners(associates: Iterable[Any]) -> dict[str, str]:
    """Associate id -> how the brief names her: one on leave or gone says so and that her session needs
    cover, so the coach covers or moves it while there is time (its invitation comes to the coach, and the
    client's reminder names nobody)."""
    return {
        a.id: person_name(a, a.id)
        + (f" ({a.status}: needs cover)" if getattr(a, "status", None) in AWAY else "")
        for a in associates
    }


def _who(links: list[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(x, x) for x in links) or "no client"


def _on(sessions: list[Any], day: date, tz: Any) -> list[Any]:
    """The day's Scheduled sessions (on the business clock), earliest first."""
    dated = sorted((s for s in sessions if s.session_date), key=lambda s: s.session_date)
    return [s for s in dated if s.status == "Scheduled" and s.session_date.astimezone(tz).date() == day]


def report_day(now: datetime, tz: Any) -> date:
    """The day a report sent at `now` is read on: the business's date, or the next one when it is already
    afternoon there. The crons run at one hour in UTC (Vercel's), which is 23:00 the evening before in Los
    Angeles: the coach reads that brief when she wakes, so its "today" is her morning's, and Monday's report
    is dated her Monday."""
    local = now.astimezone(tz)
    return local.date() + timedelta(days=1 if local.hour >= 12 else 0)


def brief_associates(sessions: list[Any], now: datetime, tz: Any, day: date | None = None) -> list[str]:
    """The associates who run the sessions of `day` (default: today) and the next (the ones the brief
    names), to read."""
    today = day or now.astimezone(tz).date()
    days = _on(sessions, today, tz) + _on(sessions, today + timedelta(days=1), tz)
    return sorted({a for s in days for a in s.associate})


def todays_sessions(
    sessions: list[Any], names: dict[str, str], day: date, tz: Any, runners: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """One line a session; one an associate runs says who (`runners`: associate id -> name), the coach's
    own say nothing more."""
    out = []
    for s in _on(sessions, day, tz):
        # With its zone, as the clients' and associates' emails write it (14:00 GMT): an associate elsewhere
        # is read on the business's clock, and the hour the clocks go back is told apart.
        # (In the US or Canada, "9:00 AM CST": her clock, as her clients' reminders write it.)
        local = s.session_date.astimezone(tz)
        at = f"{clock_text(local, month_first_zone(str(tz)))} {zone_abbreviation(local)}"
        by = ", ".join((runners or {}).get(a, a) for a in s.associate)
        run_by = f", run by {by}" if by else ""
        out.append((s.id, f"{at} {_who(s.client, names)} ({s.session_type or 'session'}){run_by}"))
    return out


def _day(d: date, today: date, us: bool) -> str:
    """A date in a brief line as the coach writes it ("Mon 1 Jun", "Mon, Jun 1" in the US and Canada), with
    the year only when it is not this year's."""
    return date_text(d, us, year=d.year != today.year)


def follow_ups_due(leads: list[Any], today: date, us: bool = False) -> list[tuple[str, str]]:
    due = [x for x in leads if x.follow_up_due and x.follow_up_due <= today and x.status not in CLOSED_LEAD]
    due.sort(key=lambda x: (x.follow_up_due, -(x.lead_score or 0)))
    return [
        (
            x.id,
            f"{display_name(x)} ({x.score_tier or '?'}): {x.next_action or 'follow up'}, due "
            f"{_day(x.follow_up_due, today, us)}",
        )
        for x in due
    ]


def hot_untouched(leads: list[Any], today: date, days: int, tz: Any) -> list[tuple[str, str]]:
    """Hot, still open, here at least `days` days, and no contact in the last `days` days."""
    from automation.reports.notice import arrived_on

    us = month_first_zone(str(tz))
    out = []
    for x in leads:
        if x.score_tier != "Hot" or x.status in CLOSED_LEAD:
            continue
        arrived = arrived_on(x, tz)
        if arrived is None or (today - arrived).days < days:
            continue
        if x.last_contact is not None and (today - x.last_contact).days < days:
            continue
        since = f"last contact {_day(x.last_contact, today, us)}" if x.last_contact else "never contacted"
        out.append((x.id, f"{display_name(x)} (score {x.lead_score or 0:.0f}): {since}"))
    return out


def overdue_items(items: list[Any], names: dict[str, str], today: date) -> list[tuple[str, str]]:
    late = [
        i
        for i in items
        if i.status not in CLOSED_ITEM and not i.tentative and i.due_date and i.due_date < today
    ]
    late.sort(key=lambda i: i.due_date)
    return [
        (
            i.id,
            f"{_who(i.client, names)}: {i.description or '?'} ({i.assigned_to or '?'}, "
            f"{plural((today - i.due_date).days, 'day')} late)",
        )
        for i in late
    ]


def undated_items(
    items: list[Any], names: dict[str, str], today: date, days: int, tz: Any
) -> list[tuple[str, str]]:
    """Firm open items without a Due Date, `days` old or more: nothing chases an item with no date (the
    overdue job counts from it), so without this line one typed by hand, or "before our next session" with
    no next session set, would wait for ever. Oldest first."""
    waiting = []
    for i in items:
        if i.status in CLOSED_ITEM or i.tentative or i.due_date or i.created_time is None:
            continue
        age = (today - i.created_time.astimezone(tz).date()).days
        if age >= days:
            waiting.append((age, i))
    waiting.sort(key=lambda x: (-x[0], x[1].id))
    return [
        (
            i.id,
            f"{_who(i.client, names)}: {i.description or '?'} ({i.assigned_to or '?'}, open "
            f"{plural(age, 'day')}, no due date: give it one or close it)",
        )
        for age, i in waiting
    ]


NOTES_DONE = ("Drafted", "Approved", "Sent")


def notes_waiting(
    sessions: list[Any], names: dict[str, str], today: date, days: int, tz: Any
) -> list[tuple[str, str]]:
    """Completed sessions held before today, within the last `days` days, with no Raw Notes (nor notes
    written another way): their notes, action items and the client's notes email are drafted only from the
    Raw Notes, so a session marked Completed (or imported) without them is otherwise silent for ever.
    Held today is not late yet: the coach types them after the session. Oldest first."""
    waiting = []
    for s in sessions:
        if s.status != "Completed" or s.session_date is None or (s.raw_notes or "").strip():
            continue
        if s.notes_status in NOTES_DONE or (s.notes_summary or "").strip():
            continue
        held = s.session_date.astimezone(tz).date()
        age = (today - held).days
        if 1 <= age <= days:
            waiting.append((s.session_date, s))
    waiting.sort(key=lambda x: (x[0], x[1].id))
    us = month_first_zone(str(tz))  # "Tue, Dec 8" for a business in the US or Canada, "Tue 8 Dec" elsewhere
    return [
        (
            s.id,
            f"{_who(s.client, names)} ({s.session_type or 'session'}, {date_text(held, us, year=False)}): "
            "held "
            f"{plural((today - held).days, 'day')} ago, no notes yet: type them in Raw Notes",
        )
        for _, s in waiting
        for held in [s.session_date.astimezone(tz).date()]
    ]


def still_scheduled(
    sessions: list[Any], names: dict[str, str], today: date, tz: Any
) -> list[tuple[str, str]]:
    """Sessions whose day has passed that still say Scheduled: held, missed or cancelled, nothing follows
    from them (no notes, no bill, no reminder) until the coach says which. Oldest first; the year is written
    when it is not this one (a session left Scheduled years ago is not last week's)."""
    past = [s for s in sessions if s.status == "Scheduled" and s.session_date is not None]
    past = [s for s in past if s.session_date.astimezone(tz).date() < today]
    past.sort(key=lambda s: (s.session_date, s.id))
    out = []
    us = month_first_zone(str(tz))
    for s in past:
        day = s.session_date.astimezone(tz).date()
        when = date_text(day, us, year=day.year != today.year)
        out.append((
            s.id,
            f"{_who(s.client, names)} ({s.session_type or 'session'}, {when}): still Scheduled "
            f"{plural((today - day).days, 'day')} after its day: mark it Completed (with its notes), "
            "No-show or Cancelled",
        ))  # fmt: skip
    return out


_POINTS = re.compile(r"^[^:]+:\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\b")


def risk_reasons(breakdown: str | None) -> str:
    """Why a client is at risk, from her Health Breakdown: the critical finding first (what made her High
    whatever the score), then the components below full marks, weakest first, then any note (a resume);
    a component at full marks or not counted is no reason. All the lines when none of these is there."""
    lines = [line.strip() for line in (breakdown or "").splitlines() if line.strip()]
    critical = [line for line in lines if line.lower().startswith("critical")]
    weak: list[tuple[float, int, str]] = []
    for k, line in enumerate(lines):
        m = _POINTS.match(line)
        if m and float(m.group(1)) < float(m.group(2)):
            weak.append((float(m.group(1)) / float(m.group(2) or 1), k, line))
    notes = [line for line in lines if line.lower().startswith("note")]
    why = critical + [line for _, _, line in sorted(weak)] + notes
    return "; ".join(why or lines)


def at_risk(clients: list[Any]) -> list[tuple[str, str]]:
    """Active clients at High risk, said so (a score that reads fair, 75, is High when a critical finding
    makes it so), with the reasons from their Health Breakdown (`risk_reasons`)."""
    risky = [c for c in clients if c.risk_level == "High" and c.status in (None, "Active")]
    risky.sort(key=lambda c: c.health_score if c.health_score is not None else 101)
    out = []
    for c in risky:
        why = risk_reasons(c.health_breakdown)
        score = f"{c.health_score:.0f}" if c.health_score is not None else "?"
        out.append((c.id, f"{person_name(c, c.id)} (High risk, health {score}): {why or 'no breakdown yet'}"))
    return out


def held_enquiries(held: list[Any], clients: list[Any], since: datetime) -> list[tuple[str, str]]:
    """Website-form submissions held since `since` (the brief before): stored as Lost leads with the reasons
    in their Notes and never worked on (no score, no notice, no email), so without this line a real
    enquiry the signs misread, or a client's own request sent through the form (a cancellation, a refund,
    a complaint), would wait unseen. Each is listed once, the morning after it arrived."""
    clients_by_email = {clean_email(c.email): c for c in clients if clean_email(c.email)}
    new = [x for x in held if is_held(x) and isinstance(x.created_time, datetime) and x.created_time >= since]
    new.sort(key=lambda x: x.created_time)
    out = []
    for x in new:
        reasons = [
            line.split(":", 1)[1].strip()
            for line in (x.notes or "").splitlines()
            if line.startswith(HELD_NOTE + ":")
        ]
        who = display_name(x)
        if x.email and x.email not in who:
            who += f" <{x.email}>"
        client = clients_by_email.get(clean_email(x.email))
        if client is not None:
            who += f", your client {person_name(client, client.id)}"
        why = reasons[-1] if reasons else "possible spam"
        out.append((x.id, f"{who}: {why}. A real enquiry? Set its Status to New"))
    return out


def awaiting_approval(drafts: list[Any]) -> list[tuple[str, str]]:
    ds = sorted((m for m in drafts if m.status == "Draft"), key=lambda m: m.created_at or EARLIEST)
    return [(m.id, f"{m.kind or '?'}: {m.subject or m.title or '?'} (to {m.recipient or '?'})") for m in ds]


def failed_messages(messages: list[Any]) -> list[tuple[str, str]]:
    """Messages the provider refused, or that bounced, and nobody has sent again or Cancelled since. The
    run that failed one is in the brief for a day; after that nothing else says the email never went (a
    client's notes, an invoice). Listed until the coach fixes and approves it again, or cancels it."""
    bad = sorted((m for m in messages if m.status == "Failed"), key=lambda m: m.created_at or EARLIEST)
    out = []
    for m in bad:
        why = (m.error or "").strip().splitlines()
        reason = why[0][:160] if why else "no reason recorded"
        out.append(
            (m.id, f"{m.kind or '?'}: {m.subject or m.title or '?'} (to {m.recipient or '?'}): {reason}")
        )
    return out


def stuck_messages(messages: list[Any]) -> list[tuple[str, str]]:
    """Messages the send job found left in Sending and marked stuck (its error says so): they may or may not
    have gone out, and nothing sends them again. Its alert goes once and its run is in the brief for a day;
    after that only this line says so, every morning until the coach settles it (Sent, Approved to send
    again, or Cancelled). One merely in flight (no stuck mark) is not listed."""
    from automation.messages.stuck import STUCK_NOTE

    stuck = [m for m in messages if m.status == "Sending" and STUCK_NOTE in (m.error or "")]
    stuck.sort(key=lambda m: m.created_at or EARLIEST)
    return [
        (
            m.id,
            f"{m.kind or '?'}: {m.subject or m.title or '?'} (to {m.recipient or '?'}): may or may not have "
            "gone out; check the provider, then set Sent if it went, Approved to send it again",
        )
        for m in stuck
    ]


def is_overdue(inv: Any, today: date) -> bool:
    return inv.status == "Overdue" or (
        inv.status == "Sent" and inv.due_date is not None and inv.due_date < today
    )


def _owed(inv: Any) -> float:
    """Total when the invoice has one (0 is a total too), else Amount."""
    return (inv.total if inv.total is not None else inv.amount) or 0


def overdue_invoices(
    invoices: list[Any], names: dict[str, str], today: date, currency: str, us: bool = False
) -> list[tuple[str, str]]:
    late = sorted((i for i in invoices if is_overdue(i, today)), key=lambda i: i.due_date or today)
    return [
        (
            i.id,
            f"{i.invoice_number or '?'} {_who(i.client, names)}: {money(_owed(i), currency)} due "
            f"{_day(i.due_date, today, us) if i.due_date else '?'}",
        )
        for i in late
    ]


def _why(run: Any, labels: dict[str, str] | None = None) -> str:
    """The run's error; for a partial run (records skipped, the run went on) its first skipped record's
    reason, which is what the coach has to act on, from the run's Details, led by the record's name when
    the brief knows it ("no email" alone does not say whose)."""
    if run.error:
        return run.error.splitlines()[0][:160]
    try:
        problems = json.loads(run.details or "{}").get("problems") or []
        reason = str(problems[0].get("reason") or "").strip()
        whose = (labels or {}).get(str(problems[0].get("record") or "")) or _recorded_name(problems[0])
    except (ValueError, AttributeError, IndexError, TypeError):
        reason, whose = "", None
    if not reason:
        return "see the run"
    more = len(problems) - 1
    reason = f"{whose}: {reason[:160]}" if whose else reason[:160]
    return reason + (f" (and {more} more: see the run)" if more > 0 else "")


def _recorded_name(problem: dict[str, Any]) -> str | None:
    """The name the run recorded with the problem, for records the brief does not read (a deal): a
    person's name alone, as the brief names clients and leads; another record led by what it is."""
    name = str(problem.get("name") or "").strip()
    if not name:
        return None
    table = str(problem.get("table") or "")
    if table in ("clients", "leads", "associates") or not table:
        return name
    return f"{table.removesuffix('s').replace('_', ' ')} {name}"


def record_labels(inp: BriefInputs, tz: Any) -> dict[str, str]:
    """How the brief names the records it read (a skipped record's id means nothing to the coach)."""
    names = _names(inp.clients)
    out = {**names, **_names(inp.leads)}
    out |= {i.id: f"invoice {i.invoice_number}" for i in inp.invoices if i.invoice_number}
    us = month_first_zone(str(tz))
    for s in inp.sessions:
        when = f" of {date_text(s.session_date.astimezone(tz), us, year=False)}" if s.session_date else ""
        out[s.id] = f"the session{when} ({_who(s.client, names)})"
    return out


def failed_runs(
    runs: list[Any], since: datetime, tz: Any, labels: dict[str, str] | None = None
) -> list[tuple[str, str]]:
    """Timed on the business clock (with its zone's abbreviation), like the sessions above them."""
    us = month_first_zone(str(tz))
    bad = [r for r in runs if r.outcome in ("Failed", "Partial") and r.started and r.started >= since]
    bad.sort(key=lambda r: r.started)
    return [
        (
            r.id,
            f"{r.job or '?'} {r.outcome.lower()} at {moment_text(r.started.astimezone(tz), us)}: "
            + _why(r, labels),
        )
        for r in bad
    ]


def build_brief(
    inp: BriefInputs,
    now: datetime,
    tz: Any,
    settings: Any,
    settings_problems: Iterable[str] = (),
    day: date | None = None,
) -> list[Section]:
    """The brief's sections in order, empty ones left out; each capped at brief_max_items lines.
    `settings_problems`: Settings rows refused (a typo keeps the default: "20 per cent" as the tax rate
    invoices at the default rate), said every morning until the coach corrects the row. `day`: the day the
    brief is for (report_day; default the business's date at `now`); failed runs count from `now`."""
    today = day or now.astimezone(tz).date()
    names = _names(inp.clients)
    runners = _runners(inp.associates)
    cap = settings.reports.brief_max_items
    labels = record_labels(inp, tz)
    us = month_first_zone(str(tz))
    raw = [
        ("Today's sessions", todays_sessions(inp.sessions, names, today, tz, runners)),
        ("Tomorrow's sessions", todays_sessions(inp.sessions, names, today + timedelta(days=1), tz, runners)),
        ("Follow-ups due", follow_ups_due(inp.leads, today, us)),
        ("Hot leads untouched", hot_untouched(inp.leads, today, settings.reports.hot_untouched_days, tz)),
        ("Overdue action items", overdue_items(inp.action_items, names, today)),
        (
            "Action items with no due date",
            undated_items(inp.action_items, names, today, settings.reports.undated_item_days, tz),
        ),
        (
            "Sessions without notes",
            notes_waiting(inp.sessions, names, today, settings.reports.notes_waiting_days, tz),
        ),
        ("Sessions still Scheduled after their day", still_scheduled(inp.sessions, names, today, tz)),
        ("Clients at risk", at_risk(inp.clients)),
        ("Held by the website form", held_enquiries(inp.held, inp.clients, now - timedelta(days=1))),
        ("Messages awaiting approval", awaiting_approval(inp.drafts)),
        ("Messages that failed", failed_messages(inp.drafts)),
        ("Messages stuck in Sending", stuck_messages(inp.drafts)),
        ("Overdue invoices", overdue_invoices(inp.invoices, names, today, settings.general.currency, us)),
        ("Automation runs that failed", failed_runs(inp.runs, now - timedelta(days=1), tz, labels)),
        ("Settings not applied", [("", p) for p in settings_problems]),
    ]
    out = []
    for title, rows in raw:
        if not rows:
            continue
        bullets = [text for _, text in rows[:cap]]
        if len(rows) > cap:
            bullets.append(f"…and {len(rows) - cap} more")
        out.append(Section(f"{title} ({len(rows)})", bullets, [rid for rid, _ in rows]))
    return out
