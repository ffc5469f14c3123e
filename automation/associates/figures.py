"""An associate's figures (pure): Client Load, Quality Score with its count, sessions per week, notes
timeliness, the Performance Summary line, flags and Onboarding Progress."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from automation.models import Associate, Client, Session
from automation.text import plural
from schema.tables import ONBOARDING_CHECKLIST

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from automation.settings.associates import AssociateSettings

LOAD_STATUSES = ("Active", "Paused")  # a paused client keeps their associate's place
CHECKLIST = tuple(f.key for f in ONBOARDING_CHECKLIST)
QUALITY, OVERLOAD = "quality", "overload"  # the kinds of flag (one line of Flags each)


def flag_kind(line: str) -> str:
    """The kind of one line of Flags as this module writes it (quality first, then load)."""
    return QUALITY if line.startswith("quality ") else OVERLOAD


def new_flags(stored: str | None, flags: list[str]) -> list[str]:
    """The flags of a kind the stored Flags did not hold: an issue just found, worth telling the coach once
    (a quality that moves from 4.40 to 4.38 is the same issue, not a new one)."""
    held = {flag_kind(line) for line in (stored or "").splitlines() if line.strip()}
    return [f for f in flags if flag_kind(f) not in held]


def capacity(associate: Associate, s: AssociateSettings) -> int:
    """Max Clients (0: takes no new client, e.g. on leave); blank: the default."""
    return s.default_max_clients if associate.max_clients is None else max(0, int(associate.max_clients))


def has_status(associate: Any, status: str) -> bool:
    """The associate's Status is `status`, its case and spaces aside: an import that typed 'active' (a
    new option beside Active) still means Active."""
    value = getattr(associate, "status", None) or ""
    return " ".join(value.split()).casefold() == status.casefold()


def is_coach(associate: Any, coach_email: str | None) -> bool:
    """The coach's own Associate record (she runs sessions as one of the team, so they are tracked alike):
    the one whose email is the Settings coach email, as the payout statements recognise it."""
    coach = (coach_email or "").strip().lower()
    return bool(coach) and (getattr(associate, "email", None) or "").strip().lower() == coach


def client_load(associate: Associate, clients: Iterable[Client]) -> int:
    """Active and paused clients whose Associate is this one (a blank Status is active, as in matching)."""
    return sum(1 for c in clients if associate.id in c.associate and c.status in (*LOAD_STATUSES, None))


def onboarding_progress(associate: Associate) -> float:
    """The share of the onboarding checklist ticked (0.0-1.0, as the percent field stores it)."""
    return round(sum(1 for k in CHECKLIST if getattr(associate, k)) / len(CHECKLIST), 2)


def pace_days(associate: Associate, today: date, window: int) -> int:
    """The days sessions per week is measured over: the window, or the days since the Hire Date when that
    is shorter (at least a week), so an associate two weeks in is judged on two weeks, not the window."""
    if associate.hire_date is None:
        return window
    return min(window, max(7, (today - associate.hire_date).days))


@dataclass(frozen=True)
class Figures:
    load: int
    capacity: int
    quality: float | None  # None below the minimum count
    rated: int
    sessions_per_week: float
    notes_days: float | None
    notes_pending: int
    flags: list[str]

    def summary(self, s: AssociateSettings) -> str:
        q = (
            f"quality {self.quality:.2f} from {self.rated} rated sessions"
            if self.quality is not None
            else f"quality not scored yet ({self.rated} of {s.quality_min_count} rated sessions)"
        )
        notes = (
            f"notes sent {self.notes_days:.1f} days after the session"
            if self.notes_days is not None
            else ("no notes sent yet")
        )
        pending = f", {self.notes_pending} awaiting notes" if self.notes_pending else ""
        return (
            f"{q}; {self.load} of {self.capacity} clients; {self.sessions_per_week:g} sessions/week; "
            f"{notes}{pending}"
        )


def figures(
    associate: Associate,
    clients: Iterable[Client],
    sessions: Iterable[Session],
    notes_sent: Mapping[str, datetime],
    s: AssociateSettings,
    today: date,
    tz: ZoneInfo | None = None,
) -> Figures:
    """`sessions`: any sessions (those of this associate in the window are used); `notes_sent`: session id
    -> when its notes email was sent."""
    window = s.quality_window_days
    mine = []
    for x in sessions:
        if associate.id not in x.associate or x.status != "Completed" or x.session_date is None:
            continue
        day = (x.session_date.astimezone(tz) if tz else x.session_date).date()
        if 0 <= (today - day).days < window:
            mine.append(x)
    ratings = [x.satisfaction for x in mine if x.satisfaction]
    quality = round(sum(ratings) / len(ratings), 2) if len(ratings) >= s.quality_min_count else None
    delays = [
        (notes_sent[x.id] - x.session_date).total_seconds() / 86400
        for x in mine
        if x.id in notes_sent and x.session_date is not None
    ]
    load, cap = client_load(associate, clients), capacity(associate, s)
    weeks = pace_days(associate, today, window) / 7
    flags = []
    if quality is not None and quality < s.quality_flag_below:
        flags.append(f"quality {quality:.2f} is below {s.quality_flag_below:g}")
    if load > cap:
        flags.append(f"{plural(load, 'client')} is over the maximum of {cap}")
    return Figures(
        load=load,
        capacity=cap,
        quality=quality,
        rated=len(ratings),
        sessions_per_week=round(len(mine) / weeks, 1),
        notes_days=round(max(0.0, sum(delays) / len(delays)), 1) if delays else None,
        notes_pending=sum(1 for x in mine if x.id not in notes_sent),
        flags=flags,
    )


def associate_fields(f: Figures, associate: Associate, s: AssociateSettings) -> dict[str, Any]:
    """The Associates fields these figures set."""
    return {
        "client_load": f.load,
        "quality_score": f.quality,
        "quality_count": f.rated,
        "sessions_per_week": f.sessions_per_week,
        "notes_days": f.notes_days,
        "performance_summary": f.summary(s),
        "flags": "\n".join(f.flags) or None,
        "onboarding_progress": onboarding_progress(associate),
    }
