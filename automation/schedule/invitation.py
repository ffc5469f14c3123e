"""Calendar invitations (RFC 5545) built with the icalendar library, never by hand.

One UID per session for its whole life: a moved session is the same event with a higher SEQUENCE (calendar
clients then move it instead of adding a second one), a cancelled one is METHOD:CANCEL. Times are written
in UTC, so the invitation means the same instant in every calendar whatever the daylight-saving rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

PRODID = "-//Leadership OS//Session invitations//EN"


@dataclass(frozen=True)
class Person:
    email: str
    name: str | None = None
    zone: str | None = None  # her own time zone (IANA): the times written to her; None: the business's


def event_uid(session_id: str) -> str:
    """The session's calendar identity; stable across moves and cancellation."""
    return f"{session_id}@leadership-os"


def invitation(
    *,
    session_id: str,
    sequence: int,
    start: datetime,
    end: datetime,
    summary: str,
    organizer: Person,
    attendees: list[Person],
    stamp: datetime,
    method: Literal["REQUEST", "CANCEL"] = "REQUEST",
    description: str = "",
) -> str:
    """The iCalendar text of the session's invitation (or its cancellation)."""
    from icalendar import Calendar, Event, vCalAddress, vText

    def address(person: Person, role: str | None = None) -> vCalAddress:
        addr = vCalAddress(f"mailto:{person.email}")
        if person.name:
            addr.params["CN"] = vText(person.name)
        if role:
            addr.params["ROLE"] = vText(role)
            addr.params["PARTSTAT"] = vText("NEEDS-ACTION")
            addr.params["RSVP"] = vText("FALSE")
        return addr

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    event = Event()
    event.add("uid", event_uid(session_id))
    event.add("sequence", sequence)
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("dtstart", start.astimezone(UTC))
    event.add("dtend", end.astimezone(UTC))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    event["organizer"] = address(organizer)
    for person in attendees:
        event.add("attendee", address(person, "REQ-PARTICIPANT"))
    cal.add_component(event)
    return cal.to_ical().decode("utf-8")
