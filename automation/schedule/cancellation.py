"""What the calendars hold of a session, read from the invitations Messages shows were sent: a pure rule.

A session set Cancelled, or deleted, after its invitation went out must leave the calendars at once, not
at the next morning's reminders run. Messages keep what was sent, to whom, and the invitation itself (its
UID, times and people), so the cancellation can be built from them even when the session record is gone.

* Per person (by address), the last invitation she was sent (Sent, or Sending: its delivery holds the
  claim) is what her calendar holds, unless a later cancellation to her was sent or is owed (composed,
  waiting): then nothing is, and she gets no second one.
* An invitation composed but never sent (queued for the reminder hour, or a Draft) is withdrawn: the
  person never had it, so she gets no cancellation either.
* The cancellation keeps the invitation's UID, time and people, with the next SEQUENCE, and the dedupe key
  the reminders job would give it (`<session>:reminder:<sequence>:<role>`), so that job, running after,
  composes the same message again instead of a second one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from automation.messages import Draft
from automation.messages.eligibility import normalise
from automation.models import Message, Session
from automation.schedule.invitation import Person, invitation
from automation.schedule.reminder_emails import cancelled_body, letter, when_text
from automation.schedule.reminders import key_parts, reminder_key
from automation.settings import BusinessSettings

WENT = ("Sent", "Sending")
OWED = ("Approved", "Draft")
WITHDRAWN = "the session was cancelled before its invitation went out"


@dataclass(frozen=True)
class Held:
    """The invitation one person's calendar holds: the message that took it to her, and its key's role."""

    message: Message
    role: str


@dataclass
class Calendars:
    """A session's invitations as Messages show them."""

    held: list[Held] = field(default_factory=list)
    waiting: list[Message] = field(default_factory=list)  # invitations never sent: to withdraw
    sequence: int = -1  # the highest SEQUENCE any of its messages used (-1: none)

    @property
    def known(self) -> bool:
        return self.sequence >= 0


def is_cancellation(ics: str | None) -> bool:
    from icalendar import Calendar

    try:
        return str(Calendar.from_ical(ics or "").get("method", "")).upper() == "CANCEL"
    except ValueError:
        return False


def calendars(session_id: str, messages: list[Message]) -> Calendars:
    """What the calendars hold of this session, from its reminder messages (others are ignored)."""
    out = Calendars()
    latest: dict[str, tuple[int, bool, Held]] = {}
    for m in messages:
        parts = key_parts(m.dedupe_key)
        if parts is None or parts[0] != session_id:
            continue
        _, sequence, role = parts
        out.sequence = max(out.sequence, sequence)
        cancel = is_cancellation(m.invitation)
        if not cancel and m.status in OWED:
            out.waiting.append(m)
            continue
        who = normalise(m.recipient)
        if not who or m.status not in (*WENT, *(OWED if cancel else ())):
            continue  # Cancelled or Failed: it never reached her calendar
        before = latest.get(who)
        # A cancellation outranks the invitation of its own SEQUENCE (a person taken off gets one such).
        if before is None or (sequence, cancel) > before[:2]:
            latest[who] = (sequence, cancel, Held(m, role))
    out.held = [h for _, cancel, h in latest.values() if not cancel]
    return out


def cancellation_drafts(
    session_id: str,
    held: list[Held],
    sequence: int,
    settings: BusinessSettings,
    now: datetime,
    send_after: datetime | None,
    *,
    session_exists: bool,
    zones: dict[str, str] | None = None,
) -> list[Draft]:
    """One cancellation per person whose calendar holds the session at a time still to come, built from the
    invitation she was sent. A deleted session cannot be linked (only the client the invitation linked).
    `zones`: a person's own time zone by (normalised) address: her cancellation is on her clock."""
    drafts = []
    for h in held:
        event = _event(h.message.invitation)
        if event is None:
            continue
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        if not isinstance(start, datetime) or start <= now:
            continue  # nothing left to take out of a calendar; she is not told after the time
        ics = invitation(
            session_id=session_id,
            sequence=sequence,
            start=start,
            end=end,
            summary=str(event.get("summary", "Coaching session")),
            organizer=Person(settings.general.coach_email, settings.general.coach_name),
            attendees=_attendees(event),
            stamp=now,
            method="CANCEL",
            description=str(event.get("description", "")),
        )
        when = when_text(start, settings, (zones or {}).get(normalise(h.message.recipient or "")))
        # The others her own invitation named (nothing she was not told): not herself.
        mine = normalise(h.message.recipient or "")
        others = [p.name or p.email for p in _attendees(event) if normalise(p.email) != mine]
        body = cancelled_body(when, others)
        links: dict[str, str | list[str]] = {"session": session_id} if session_exists else {}
        if h.message.client:
            links["client"] = list(h.message.client)
        person = Person(h.message.recipient or "", h.message.recipient_name)
        key = reminder_key(session_id, sequence, h.role)
        subject = f"Cancelled: coaching session {when}"
        # The client's notice is signed as her reminder was: by the one her invitation named beside her
        # (the associate who runs it; the coach, who signs when that is not one person).
        named = others[0] if len(others) == 1 and "@" not in others[0] else None
        signed = {"signoff": "Best wishes,", "signature": named} if h.role == "client" else {}
        drafts.append(letter(person, subject, body, links, key, ics, settings, send_after, **signed))
    return drafts


def stale_reminder(message: Message, session: Session | None, settings: BusinessSettings) -> str | None:
    """Why a session's invitation (its reminder, or the news that it moved or changed) must not go because
    the session changed since it was drafted (None: it may): it is no longer Scheduled, or no longer at the
    time the invitation gives. Approved later (Session Reminder taken out of the auto-send kinds), it would
    tell the client the old time. A cancellation (METHOD:CANCEL: of the session, or to a person taken off
    it) shares the kind and always goes. `session`: the linked session as read now (None: not read)."""
    if session is None or message.kind != "Session Reminder" or key_parts(message.dedupe_key) is None:
        return None
    event = _event(message.invitation)
    if event is None or is_cancellation(message.invitation):
        return None
    if session.status == "Cancelled":
        return "the session was cancelled since this reminder was drafted"
    if session.status != "Scheduled":
        return f"the session is {session.status or 'without a status'} now, no longer Scheduled"
    if session.session_date is None:
        return "the session has no date now"
    start = event.decoded("dtstart")
    if not isinstance(start, datetime) or _second(start) != _second(session.session_date):
        # The next run sees Session Date differ from Reminded For: an update (next SEQUENCE, a new key).
        return (
            f"the session moved to {when_text(session.session_date, settings)} since this reminder was "
            "drafted: the next reminders run drafts the invitation for the new time"
        )
    return None


def needs_session(message: Message) -> bool:
    """A message `stale_reminder` judges: the functions' invitation of a session (not a cancellation)."""
    return (
        message.kind == "Session Reminder"
        and key_parts(message.dedupe_key) is not None
        and bool(message.session)
        and not is_cancellation(message.invitation)
    )


def _second(t: datetime) -> datetime:
    return t.replace(microsecond=0)


def held_starts(held: list[Held]) -> list[datetime]:
    """The times the calendars hold (a notice about a session before the reminder hour goes at once)."""
    events = (_event(h.message.invitation) for h in held)
    return [e.decoded("dtstart") for e in events if e is not None and "dtstart" in e]


def held_times(cal: Calendars) -> dict[str, datetime] | None:
    """Per person (normalised address), the time the invitation she was sent gives; None when Messages keep
    none of the session's invitations (reminded before they were kept): what she was told is not known."""
    if not cal.known:
        return None
    out = {}
    for h in cal.held:
        event = _event(h.message.invitation)
        if event is not None and isinstance(start := event.decoded("dtstart"), datetime):
            out[normalise(h.message.recipient or "")] = start
    return out


def _event(ics: str | None):
    from icalendar import Calendar

    try:
        events = Calendar.from_ical(ics or "").walk("VEVENT")
    except ValueError:
        return None
    return events[0] if events and "dtstart" in events[0] and "dtend" in events[0] else None


def _attendees(event) -> list[Person]:
    found = event.get("attendee") or []
    found = found if isinstance(found, list) else [found]
    people = []
    for a in found:
        address = str(a).removeprefix("mailto:").removeprefix("MAILTO:")
        name = a.params.get("CN") if hasattr(a, "params") else None
        if address:
            people.append(Person(address, str(name) if name else None))
    return people
