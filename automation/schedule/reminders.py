"""Which sessions get a reminder, an updated invitation or a cancellation today: a pure rule.

* A Scheduled session starting before the end of the day `reminder_days_ahead` days ahead (the client's
  own time zone when she has one, else the business's) that was never reminded → a reminder with
  invitation SEQUENCE 0 (or the next one, after a cancellation and a new date).
* A reminded session whose Session Date is no longer the one its invitation gave (moved) → an updated
  invitation, same UID, next SEQUENCE, whenever the new date is. Moved beyond the reminder window, the
  update is not the reminder: Reminder Sent goes back to unticked and the usual reminder (next SEQUENCE)
  still goes out the day before the new date.
* A reminded session that is now Cancelled → a cancellation (METHOD:CANCEL), next SEQUENCE, unless the time
  its invitation gave has passed (nothing left to take out of calendars; the client is not told after).
* A reminded Scheduled session whose people changed (another client linked, another associate as host, an
  address corrected) since its invitation (**Invited**) → an update, next SEQUENCE, to the people now in it,
  and a cancellation with that SEQUENCE to each person taken off. A session whose Invited is blank (reminded
  before this field was kept) is taken as unchanged.
* All of them go out from the reminder hour (business time), never at night; a notice about a session that
  starts before that hour goes at once (`ReminderPlan.send_after`).
Reminded For, Invite Sequence and Invited remember what the calendars hold, so a second run the same day finds
nothing to do, and a move is recognised whenever it happens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from automation.messages.eligibility import normalise
from automation.models import Session
from automation.settings.schedule import ScheduleSettings

Action = Literal["remind", "update", "cancel"]

# A session's invitation emails are keyed `<session>:reminder:<sequence>:<role>` (role: client, host, or
# off:<address> for a person taken off the session): the reminders job writes them, the cancellation on
# Cancelled or deleted reads them back to learn what each calendar holds.
KEY = ":reminder:"


def reminder_key(session_id: str, sequence: int, role: str) -> str:
    return f"{session_id}{KEY}{sequence}:{role}"


def key_parts(key: str | None) -> tuple[str, int, str] | None:
    """`<session>:reminder:<sequence>:<role>` -> (session, sequence, role); None for any other key."""
    session_id, sep, rest = (key or "").partition(KEY)
    number, _, role = rest.partition(":")
    return (session_id, int(number), role) if sep and number.isdigit() and role else None


@dataclass(frozen=True)
class ReminderPlan:
    session: Session
    action: Action
    sequence: int
    reminds: bool = True  # an update of a session still beyond the reminder window is not its reminder
    # The addresses the invitation goes to now (None: not known, Invited is left as it is) and those of the
    # people the last one went to who are no longer in the session: each gets a cancellation.
    people: tuple[str, ...] | None = None
    removed: tuple[str, ...] = ()

    def fields(self) -> dict[str, Any]:
        """What the session records once the messages are composed."""
        if self.action == "cancel":
            out = {"reminder_sent": False, "reminded_for": None, "invite_sequence": self.sequence}
            return {**out, "invited": None} if self.people is not None else out
        out = {
            "reminder_sent": self.reminds,
            "reminded_for": self.session.session_date,
            "invite_sequence": self.sequence,
        }
        return {**out, "invited": invited_text(self.people)} if self.people is not None else out

    def is_new(self, address: str) -> bool:
        """Whether this person was not among those the last invitation went to (she has never had it)."""
        old = invited_addresses(self.session.invited)
        return bool(old) and normalise(address) not in old

    def send_after(self, reminder_at: datetime | None) -> datetime | None:
        """When its emails may go, given today's reminder hour (None: already passed). A reminder waits for
        it; so does a cancellation or move notice composed earlier (the cron runs at night in the Americas:
        01:00 in New York), unless the session it is about, at its old time or its new one, starts before
        then: news of a session must come before it, even at night. So must a first reminder: a session
        booked or moved after a day's run to before the next day's reminder hour is reminded at once, not
        after it has begun (a reminder is about its own time only)."""
        if self.action == "remind":
            return notice_after(reminder_at, (self.session.session_date,))
        return notice_after(reminder_at, (self.session.reminded_for, self.session.session_date))


def notice_after(reminder_at: datetime | None, starts: Iterable[datetime | None]) -> datetime | None:
    """When news of a session (a move, a cancellation) may go: from today's reminder hour (None: passed),
    or at once when the session, at any of `starts`, begins before that hour."""
    if reminder_at is None:
        return None
    return None if any(t is not None and t <= reminder_at for t in starts) else reminder_at


def invited_addresses(text: str | None) -> frozenset[str]:
    """Invited as a set of mailboxes (one per line, as invited_text writes it; commas tolerated)."""
    return frozenset(a for a in map(normalise, (text or "").replace(",", "\n").splitlines()) if a)


def invited_text(addresses: Iterable[str]) -> str | None:
    """What Invited records: the addresses in invitation order (client, host), one a line, each once."""
    unique = dict.fromkeys(a for a in map(normalise, addresses) if a)
    return "\n".join(unique) or None


def watches_people(session: Session) -> bool:
    """A session whose current people the job must know to plan it even when its time did not change."""
    return session.reminded_for is not None and bool(invited_addresses(session.invited))


def next_sequence(session: Session) -> int:
    return 0 if session.invite_sequence is None else int(session.invite_sequence) + 1


def plan_reminder(
    session: Session,
    settings: ScheduleSettings,
    now: datetime,
    tz: ZoneInfo,
    people: tuple[str, ...] | None = None,
    zone: ZoneInfo | None = None,
) -> ReminderPlan | None:
    """The one thing today's run owes this session's calendars, if any. `people`: the addresses its
    invitation goes to now (client, host); None when not known, then a change of people is not looked for.
    `zone`: the client's own time zone, whose days the reminder window counts (the day before is the day
    before on her calendar: Tuesday 08:30 in Kolkata is reminded on her Monday, not on the Sunday that is
    the day before Monday 22:00 in New York); None: the business's (`tz`)."""
    old = invited_addresses(session.invited) if session.reminded_for is not None else frozenset()
    now_in = frozenset(map(normalise, people or ()))
    # Blank Invited (reminded before it was kept) or unknown people: taken as unchanged.
    changed = people is not None and bool(old) and now_in != old
    removed = tuple(sorted(old - now_in)) if changed else ()

    def plan(action: Action, reminds: bool = True) -> ReminderPlan:
        return ReminderPlan(session, action, next_sequence(session), reminds, people, removed)

    start = session.session_date
    if session.status == "Cancelled":
        # A session marked Cancelled after its time (it did not take place) is history: no email about it.
        invited = session.reminded_for is not None and session.reminded_for > now
        return plan("cancel") if invited else None
    if session.status != "Scheduled" or start is None or start <= now:
        return None
    days = zone or tz
    last_day: date = now.astimezone(days).date() + timedelta(days=settings.reminder_days_ahead)
    due_soon = start.astimezone(days).date() <= last_day
    if session.reminded_for is not None:
        if session.reminded_for != start:
            return plan("update", reminds=due_soon)
        if session.reminder_sent or not due_soon:
            # Same time, other people: the update, and the reminder stays as owed as it was.
            return plan("update", reminds=session.reminder_sent) if changed else None
        # updated while it was beyond the window: the reminder is still owed
        return plan("remind")
    if session.reminder_sent:  # reminded before this system kept Reminded For (the old Airtable automation)
        return None
    return plan("remind") if due_soon else None


def plan_reminders(
    sessions: list[Session],
    settings: ScheduleSettings,
    now: datetime,
    tz: ZoneInfo,
    people: Mapping[str, tuple[str, ...]] | None = None,
    zones: Mapping[str, ZoneInfo] | None = None,
) -> list[ReminderPlan]:
    """`people`: session id -> the addresses its invitation goes to now, for the sessions where known;
    `zones`: session id -> its client's own time zone, where she has one."""
    known, theirs = people or {}, zones or {}
    plans = (plan_reminder(s, settings, now, tz, known.get(s.id), theirs.get(s.id)) for s in sessions)
    return [p for p in plans if p is not None]
