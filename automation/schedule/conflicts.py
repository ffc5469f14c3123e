"""Double-booking: Scheduled sessions of the same host (the associate, or the coach when there is none) or
of the same client that overlap, counting each one's Duration and a buffer between them (pure rule)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from automation.models import Session
from automation.schedule.times import session_end, span_text
from automation.settings.schedule import ScheduleSettings

COACH = "coach"


def hosts(session: Session, coach_ids: frozenset[str] = frozenset()) -> set[str]:
    """Who runs the session: every associate on it (a co-hosted one has two), or the coach when none.
    `coach_ids`: the coach's own Associate record(s) (README: its email is `general.coach_email`): a session
    under it is hers as much as one with no associate, so the two clash."""
    return {COACH if a in coach_ids else a for a in session.associate} or {COACH}


@dataclass(frozen=True)
class Clash:
    session: Session
    other: Session
    reason: str  # "same associate", "same coach", "same client"
    ends: tuple[datetime, datetime] | None = None  # when `session` and `other` end (Duration or the default)
    apart: bool = False  # they do not overlap: only the buffer between them is too short

    def other_text(self, tz: ZoneInfo) -> str:
        """The other session's time with its end ("Mon 23 Nov, 09:30–10:30 GMT")."""
        if self.other.session_date is None:
            return ""
        return span_text(self.other.session_date, self.ends[1] if self.ends else None, tz)


def _span(s: Session, settings: ScheduleSettings) -> tuple[datetime, datetime] | None:
    end = session_end(s, settings.default_duration_minutes)
    return (s.session_date, end) if s.session_date is not None and end is not None else None


def clashes(
    sessions: list[Session], settings: ScheduleSettings, coach_ids: frozenset[str] = frozenset()
) -> dict[str, list[Clash]]:
    """Every Scheduled session's clashes with the others (by session id; sessions without clash absent).
    `coach_ids`: the coach's own Associate record(s), the same person as "no associate" (`hosts`)."""
    buffer = timedelta(minutes=settings.buffer_minutes)
    live = [(s, sp) for s in sessions if s.status == "Scheduled" and (sp := _span(s, settings))]
    live.sort(key=lambda x: x[1][0])
    out: dict[str, list[Clash]] = {}
    for i, (a, (a_start, a_end)) in enumerate(live):
        for b, (b_start, b_end) in live[i + 1 :]:
            if b_start >= a_end + buffer:
                continue  # sorted by start: b cannot clash with a (a later one still may, if a is long)
            if a_start >= b_end + buffer:
                continue
            reason = _shared(a, b, coach_ids)
            if reason:
                apart = b_start >= a_end or a_start >= b_end  # back to back, or a gap under the buffer
                out.setdefault(a.id, []).append(Clash(a, b, reason, (a_end, b_end), apart))
                out.setdefault(b.id, []).append(Clash(b, a, reason, (b_end, a_end), apart))
    return out


def _shared(a: Session, b: Session, coach_ids: frozenset[str]) -> str | None:
    shared = hosts(a, coach_ids) & hosts(b, coach_ids)
    if shared:
        return "same coach" if shared == {COACH} else "same associate"
    if set(a.client) & set(b.client):
        return "same client"
    return None


def conflict_text(found: list[Clash], tz: ZoneInfo) -> str | None:
    """What the Conflict field says: one line per other session, naming it (and its record id), with its
    start and end, and whether the two overlap or only leave less than the buffer between them."""
    if not found:
        return None
    lines = []
    for c in sorted(found, key=lambda c: (c.other.session_date or datetime.min, c.other.id)):
        # Labelled with its zone, as the alert and the emails are (an associate elsewhere reads it right).
        name = (c.other.name or "Session").strip()
        how = f"Too close to {name}" if c.apart else f"Overlaps {name}"
        why = f"{c.reason}, less than the buffer between them" if c.apart else c.reason
        lines.append(f"{how} on {c.other_text(tz)} ({why}) [{c.other.id}]")
    return "\n".join(lines)


def pair_key(c: Clash) -> str:
    """One alert per pair of sessions at these times (a later clash after a move is a new one)."""
    a, b = sorted((c.session, c.other), key=lambda s: s.id)
    return f"conflict:{a.id}:{b.id}:{a.session_date:%Y%m%dT%H%M}:{b.session_date:%Y%m%dT%H%M}"
