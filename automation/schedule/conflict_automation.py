"""The double-booking automation: on a session created or changed, rewrite Conflict on every upcoming
session whose clashes changed (set on both of a pair, cleared on both when resolved), one alert per pair."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pyairtable import formulas as F

from automation.errors import RecordProblem
from automation.leads.contact import mailbox_match, one_mailbox
from automation.messages import Draft, compose
from automation.models import Associate, Session
from automation.registry import Update
from automation.schedule.conflicts import Clash, clashes, conflict_text, pair_key
from automation.schedule.reminder_job import iso
from automation.schedule.times import duration_problem, span_text

if TYPE_CHECKING:
    from automation.context import JobContext


def upcoming_and_flagged(ctx: JobContext) -> list[Session]:
    """Scheduled sessions from a day ago on, and every session whose Conflict is set (to clear it)."""
    gw = ctx.gateway
    formula = F.OR(
        F.AND(
            gw.ref(Session, "status").eq("Scheduled"),
            F.IS_AFTER(gw.ref(Session, "session_date"), iso(ctx.now - timedelta(days=1))),
        ),
        F.NOT(F.EQ(gw.ref(Session, "conflict"), "")),
    )
    return gw.all(Session, formula=formula)


def coach_records(ctx: JobContext, sessions: list[Session]) -> frozenset[str]:
    """The coach's own Associate record(s), by `general.coach_email`: read only when a session with no
    associate (hers) is among sessions with one, the only case where it can change a clash."""
    coach = (ctx.settings.general.coach_email or "").strip()
    if not coach or all(s.associate for s in sessions) or not any(s.associate for s in sessions):
        return frozenset()
    gw = ctx.gateway
    found = gw.all(Associate, formula=mailbox_match(gw.ref(Associate, "email"), coach), fields=["email"])
    return frozenset(a.id for a in found if one_mailbox(a.email, coach))


def check_conflicts(ctx: JobContext, sessions: list[Session]) -> list[Update]:
    for s in sessions:  # the changed ones only: said once per change, not at every later booking
        why = duration_problem(s, ctx.settings.schedule.default_duration_minutes, ctx.tz)
        if why is not None:  # no name: Automation Runs keep ids, never client content, and a Name may hold it
            ctx.run.report(RecordProblem("sessions", s.id, "duration", s.duration, why))
    read = {s.id: s for s in upcoming_and_flagged(ctx)}
    read.update({s.id: s for s in sessions})  # the changed records as this invocation sees them
    found = clashes(list(read.values()), ctx.settings.schedule, coach_records(ctx, list(read.values())))
    out: list[Update] = []
    alerts: dict[str, Clash] = {}
    for s in read.values():
        text = conflict_text(found.get(s.id, []), ctx.tz)
        if (s.conflict or None) != text:
            out.append(Update(s, {"conflict": text}))
            for c in found.get(s.id, []):
                if c.other.id not in (s.conflict or ""):
                    alerts.setdefault(pair_key(c), c)
    for key, c in alerts.items():
        compose(ctx, alert_draft(ctx, c, key))
    return out


def alert_draft(ctx: JobContext, c: Clash, key: str) -> Draft:
    tz = ctx.tz  # the business's clock, labelled (an associate's session elsewhere reads right)

    def line(s: Session, end: datetime | None) -> list[str]:
        when = span_text(s.session_date, end, tz) if s.session_date else "?"
        return [(s.name or "Session").strip(), f"{when} [{s.id}]"]

    ends = c.ends or (None, None)
    buffer = ctx.settings.schedule.buffer_minutes
    what = (
        f"Two Scheduled sessions leave less than the {buffer}-minute buffer between them ({c.reason})"
        if c.apart
        else f"Two Scheduled sessions overlap ({c.reason})"
    )
    return Draft.slack_alert(
        "Booking Conflict",
        ctx.settings.messages.slack_channel,
        "Double-booked sessions",
        f"{what}: move or cancel one; Conflict clears itself.",
        dedupe_key=key,
        links={"session": sorted([c.session.id, c.other.id])},
        facts=[line(c.session, ends[0]), line(c.other, ends[1])],
    )
