"""Which sessions get a reminder, an updated invitation or a cancellation today: a pure rule.

* A Scheduled session starting before the end of the day `reminder_days_ahead` days ahead (business time
  zone) that was never reminded → a reminder with invitation SEQUENCE 0 (or the next one, after a
  cancellation and a new date).
* A reminded session whose Session Date is no longer the one its invitation gave (moved) → an updated
  invitation, same UID, next SEQUENCE, whenever the new date is. Moved beyond the reminder window, the
  update is not the reminder: Reminder Sent goes back to unticked and the usual reminder (next SEQUENCE)
  still goes out the day before the new date.
* A reminded session that is now Cancelled → a cancellation (METHOD:CANCEL), next SEQUENCE, unless the time
  its invitation gave has passed (nothing left to take out of calendars; the client is not told after).
* All of them go out from the reminder hour (business time), never at night; a notice about a session that
  starts before that hour goes at once (`ReminderPlan.send_after`).
Reminded For and Invite Sequence remember what the calendars hold, so a second run the same day finds
nothing to do, and a move is recognised whenever it happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from automation.models import Session
from automation.settings.schedule import ScheduleSettings

Action = Literal["remind", "update", "cancel"]


@dataclass(frozen=True)
class ReminderPlan:
    session: Session
    action: Action
    sequence: int
    reminds: bool = True  # an update of a session still beyond the reminder window is not its reminder

    def fields(self) -> dict[str, Any]:
        """What the session records once the messages are composed."""
        if self.action == "cancel":
            return {"reminder_sent": False, "reminded_for": None, "invite_sequence": self.sequence}
        return {
            "reminder_sent": self.reminds,
            "reminded_for": self.session.session_date,
            "invite_sequence": self.sequence,
        }

    def send_after(self, reminder_at: datetime | None) -> datetime | None:
        """When its emails may go, given today's reminder hour (None: already passed). A reminder waits for
        it; so does a cancellation or move notice composed earlier (the cron runs at night in the Americas:
        01:00 in New York), unless the session it is about, at its old time or its new one, starts before
        then: news of a session must come before it, even at night."""
        if reminder_at is None or self.action == "remind":
            return reminder_at
        times = [t for t in (self.session.reminded_for, self.session.session_date) if t is not None]
        return None if any(t <= reminder_at for t in times) else reminder_at


def next_sequence(session: Session) -> int:
    return 0 if session.invite_sequence is None else int(session.invite_sequence) + 1


def plan_reminder(
    session: Session, settings: ScheduleSettings, now: datetime, tz: ZoneInfo
) -> ReminderPlan | None:
    """The one thing today's run owes this session's calendars, if any."""
    start = session.session_date
    if session.status == "Cancelled":
        # A session marked Cancelled after its time (it did not take place) is history: no email about it.
        invited = session.reminded_for is not None and session.reminded_for > now
        return ReminderPlan(session, "cancel", next_sequence(session)) if invited else None
    if session.status != "Scheduled" or start is None or start <= now:
        return None
    last_day: date = now.astimezone(tz).date() + timedelta(days=settings.reminder_days_ahead)
    due_soon = start.astimezone(tz).date() <= last_day
    if session.reminded_for is not None:
        if session.reminded_for != start:
            return ReminderPlan(session, "update", next_sequence(session), reminds=due_soon)
        if session.reminder_sent or not due_soon:
            return None
        # updated while it was beyond the window: the reminder is still owed
        return ReminderPlan(session, "remind", next_sequence(session))
    if session.reminder_sent:  # reminded before this system kept Reminded For (the old Airtable automation)
        return None
    return ReminderPlan(session, "remind", next_sequence(session)) if due_soon else None


def plan_reminders(
    sessions: list[Session], settings: ScheduleSettings, now: datetime, tz: ZoneInfo
) -> list[ReminderPlan]:
    plans = (plan_reminder(s, settings, now, tz) for s in sessions)
    return [p for p in plans if p is not None]
