"""Calendar invitations parse back (with the same library) to the session's instants, DST included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from automation.models import Session
from automation.schedule.invitation import Person, event_uid, invitation
from automation.schedule.reminder_emails import reminder_drafts
from automation.schedule.reminders import ReminderPlan
from automation.settings import BusinessSettings

LONDON = ZoneInfo("Europe/London")
SETTINGS = BusinessSettings()
STAMP = datetime(2026, 10, 23, 6, 0, tzinfo=UTC)


def _event(ics: str) -> icalendar.Event:
    cal = icalendar.Calendar.from_ical(ics)
    (event,) = cal.walk("VEVENT")
    return event


# British Summer Time ends on Sunday 25 October 2026: 09:00 in London is 08:00 UTC before, 09:00 UTC after.
@pytest.mark.parametrize(
    ("local_start", "utc_start"),
    [
        (datetime(2026, 10, 24, 9, 0, tzinfo=LONDON), datetime(2026, 10, 24, 8, 0, tzinfo=UTC)),
        (datetime(2026, 10, 26, 9, 0, tzinfo=LONDON), datetime(2026, 10, 26, 9, 0, tzinfo=UTC)),
        (datetime(2026, 10, 25, 0, 30, tzinfo=LONDON), datetime(2026, 10, 24, 23, 30, tzinfo=UTC)),
    ],
    ids=["summer-time", "winter-time", "night-of-the-change"],
)
def test_invitation__parses_back_to_the_sessions_utc_start_and_end(local_start, utc_start) -> None:
    session = Session(
        id="recSESSION000001",
        session_date=local_start.astimezone(UTC),
        duration=90 * 60,
        status="Scheduled",
        client=["recCLIENT0000001"],
    )
    plan = ReminderPlan(session, "remind", 0)
    client_email = "jo@client.example"
    from automation.models import Client

    client = Client(id="recCLIENT0000001", name="Jo Bloggs", email=client_email)
    drafts = reminder_drafts(plan, client, Person("sam@assoc.example", "Sam"), SETTINGS, STAMP)
    assert [d.recipient for d in drafts] == [client_email, "sam@assoc.example"]
    assert drafts[0].invitation == drafts[1].invitation
    event = _event(drafts[0].invitation or "")
    assert event.decoded("dtstart") == utc_start
    assert event.decoded("dtend") == utc_start + timedelta(minutes=90)
    assert event.decoded("dtstart") == local_start
    assert str(event["uid"]) == event_uid(session.id)
    assert int(event["sequence"]) == 0
    attendees = sorted(str(a) for a in event["attendee"])
    assert attendees == ["mailto:jo@client.example", "mailto:sam@assoc.example"]


def test_invitation__cancel_is_method_cancel_with_status_cancelled() -> None:
    start = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    ics = invitation(
        session_id="recS",
        sequence=3,
        start=start,
        end=start + timedelta(hours=1),
        summary="x",
        organizer=Person("coach@example.com"),
        attendees=[Person("a@example.com")],
        stamp=STAMP,
        method="CANCEL",
    )
    cal = icalendar.Calendar.from_ical(ics)
    assert str(cal["method"]) == "CANCEL"
    event = _event(ics)
    assert (str(event["status"]), int(event["sequence"])) == ("CANCELLED", 3)
