"""Which sessions get a reminder, an update or a cancellation today (pure rule, table-driven)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from automation.models import Session
from automation.schedule.reminders import plan_reminder
from automation.settings.schedule import ScheduleSettings

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)  # Friday 06:00 in London
TOMORROW_9 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
IN_TWO_DAYS = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def _session(**fields) -> Session:
    return Session(id="recS", **{"status": "Scheduled", **fields})


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"session_date": TOMORROW_9}, ("remind", 0)),
        ({"session_date": NOW + timedelta(hours=3)}, ("remind", 0)),  # later today, never reminded
        ({"session_date": IN_TWO_DAYS}, None),  # not yet
        ({"session_date": NOW - timedelta(hours=1)}, None),  # already started
        ({"session_date": TOMORROW_9, "reminded_for": TOMORROW_9, "reminder_sent": True}, None),
        (
            {"session_date": IN_TWO_DAYS, "reminded_for": TOMORROW_9, "invite_sequence": 0},
            ("update", 1),
        ),  # moved, even out of the window
        ({"session_date": TOMORROW_9, "reminder_sent": True}, None),  # the old Airtable automation did it
        (
            {
                "status": "Cancelled",
                "session_date": TOMORROW_9,
                "reminded_for": TOMORROW_9,
                "invite_sequence": 1,
            },
            ("cancel", 2),
        ),
        ({"status": "Cancelled", "session_date": TOMORROW_9}, None),  # never invited: nothing to cancel
        (
            {
                "status": "Cancelled",
                "session_date": NOW - timedelta(hours=20),
                "reminded_for": NOW - timedelta(hours=20),
                "invite_sequence": 0,
            },
            None,
        ),  # marked Cancelled after its time: the client is not told about yesterday
        ({"status": "Completed", "session_date": TOMORROW_9}, None),
        ({"session_date": TOMORROW_9, "invite_sequence": 2}, ("remind", 3)),  # rescheduled after a cancel
    ],
    ids=[
        "tomorrow",
        "later-today",
        "in-two-days",
        "started",
        "already-reminded",
        "moved",
        "legacy-reminded",
        "cancelled",
        "cancelled-never-invited",
        "cancelled-after-the-fact",
        "completed",
        "rebooked-after-cancel",
    ],
)
def test_plan_reminder__cases(fields, expected) -> None:
    plan = plan_reminder(_session(**fields), ScheduleSettings(), NOW, LONDON)
    assert (None if plan is None else (plan.action, plan.sequence)) == expected


def test_plan_reminder__days_ahead_two_reaches_the_day_after_tomorrow() -> None:
    plan = plan_reminder(
        _session(session_date=IN_TWO_DAYS), ScheduleSettings(reminder_days_ahead=2), NOW, LONDON
    )
    assert plan is not None and plan.action == "remind"


def _after(plan, session: Session) -> Session:
    """The session as the job leaves it once the plan's messages are composed."""
    return session.model_copy(update=plan.fields())


def test_plan_reminder__moved_weeks_away_gets_the_update_now_and_its_reminder_the_day_before() -> None:
    reminded = _session(
        session_date=TOMORROW_9, reminded_for=TOMORROW_9, reminder_sent=True, invite_sequence=0
    )
    new_date = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)  # a Thursday, three weeks on
    moved = reminded.model_copy(update={"session_date": new_date})
    update = plan_reminder(moved, ScheduleSettings(), NOW, LONDON)
    assert update is not None and (update.action, update.sequence) == ("update", 1)
    assert update.fields()["reminder_sent"] is False  # the calendar moved; the reminder is still owed
    after_update = _after(update, moved)
    week_before = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    day_before = datetime(2026, 12, 9, 6, 0, tzinfo=UTC)
    assert plan_reminder(after_update, ScheduleSettings(), week_before, LONDON) is None
    remind = plan_reminder(after_update, ScheduleSettings(), day_before, LONDON)
    assert remind is not None and (remind.action, remind.sequence) == ("remind", 2)
    later_that_day = day_before + timedelta(hours=3)
    assert plan_reminder(_after(remind, after_update), ScheduleSettings(), later_that_day, LONDON) is None


def test_plan_reminder__moved_within_the_window_the_update_is_the_reminder() -> None:
    reminded = _session(
        session_date=TOMORROW_9, reminded_for=TOMORROW_9, reminder_sent=True, invite_sequence=0
    )
    moved = reminded.model_copy(update={"session_date": TOMORROW_9 + timedelta(hours=6)})
    update = plan_reminder(moved, ScheduleSettings(), NOW, LONDON)
    assert update is not None and update.action == "update" and update.fields()["reminder_sent"] is True
    assert plan_reminder(_after(update, moved), ScheduleSettings(), NOW + timedelta(hours=1), LONDON) is None


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (datetime(2026, 3, 29, 22, 30, tzinfo=UTC), "remind"),  # 23:30 BST on the day the clocks go forward
        (datetime(2026, 3, 29, 23, 30, tzinfo=UTC), None),  # 00:30 BST Monday: the day after tomorrow
    ],
    ids=["late-on-dst-sunday", "just-after-midnight-monday"],
)
def test_plan_reminder__tomorrow_is_the_business_days_tomorrow_across_daylight_saving(
    start, expected
) -> None:
    saturday = datetime(2026, 3, 28, 6, 0, tzinfo=UTC)
    plan = plan_reminder(_session(session_date=start), ScheduleSettings(), saturday, LONDON)
    assert (plan.action if plan else None) == expected


def test_plan_send_after__notices_wait_for_the_reminder_hour_unless_the_session_comes_before_it() -> None:
    from automation.schedule.reminders import ReminderPlan

    seven = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
    reminded = _session(reminded_for=TOMORROW_9, session_date=TOMORROW_9)
    for action in ("remind", "update", "cancel"):
        assert ReminderPlan(reminded, action, 1).send_after(seven) == seven
        assert ReminderPlan(reminded, action, 1).send_after(None) is None  # the hour has passed: at once
    # Moved from tomorrow to 06:30 today, or from 06:30 today to tomorrow: either time comes first.
    to_dawn = reminded.model_copy(update={"session_date": seven - timedelta(minutes=30)})
    from_dawn = reminded.model_copy(update={"reminded_for": seven - timedelta(minutes=30)})
    assert ReminderPlan(to_dawn, "update", 1).send_after(seven) is None
    assert ReminderPlan(from_dawn, "update", 1).send_after(seven) is None
    assert (
        ReminderPlan(from_dawn.model_copy(update={"status": "Cancelled"}), "cancel", 1).send_after(seven)
        is None
    )


def test_plan_send_after__a_first_reminder_of_a_session_before_the_reminder_hour_goes_at_once() -> None:
    """Booked or moved after yesterday's run to 06:30 today: held for 07:00 it would come after the start."""
    from automation.schedule.reminders import ReminderPlan

    seven = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
    dawn = _session(session_date=seven - timedelta(minutes=30))
    assert ReminderPlan(dawn, "remind", 0).send_after(seven) is None
    at_seven = dawn.model_copy(update={"session_date": seven})
    assert ReminderPlan(at_seven, "remind", 0).send_after(seven) is None
    later = dawn.model_copy(update={"session_date": seven + timedelta(hours=2)})
    assert ReminderPlan(later, "remind", 0).send_after(seven) == seven
    # An old Reminded For (cancelled, then booked again at a later time) does not hurry the new reminder.
    again = later.model_copy(update={"reminded_for": seven - timedelta(hours=1)})
    assert ReminderPlan(again, "remind", 2).send_after(seven) == seven


REMINDED = {
    "session_date": TOMORROW_9,
    "reminded_for": TOMORROW_9,
    "reminder_sent": True,
    "invite_sequence": 0,
}


@pytest.mark.parametrize(
    ("invited", "people", "expected"),
    [
        ("jo@c.example\nsam@a.example", ("ann@c.example", "sam@a.example"), ("update", 1, ("jo@c.example",))),
        ("jo@c.example\nsam@a.example", ("jo@c.example", "kim@a.example"), ("update", 1, ("sam@a.example",))),
        ("jo@c.example\nsam@a.example", (" Jo@C.example ", "SAM@a.example"), None),  # one mailbox each
        ("jo@c.example\nsam@a.example", ("sam@a.example", "jo@c.example"), None),  # order is not a change
        (None, ("ann@c.example", "sam@a.example"), None),  # reminded before Invited was kept
        ("jo@c.example\nsam@a.example", None, None),  # people not known (a record could not be read)
    ],
    ids=["client-changed", "host-changed", "case-and-spaces", "order", "invited-blank", "unknown"],
)
def test_plan_reminder__a_change_of_people_is_an_update_and_a_cancellation(invited, people, expected) -> None:
    plan = plan_reminder(_session(**REMINDED, invited=invited), ScheduleSettings(), NOW, LONDON, people)
    assert (None if plan is None else (plan.action, plan.sequence, plan.removed)) == expected
    if plan is not None:
        assert plan.fields()["reminder_sent"] is True  # a same-time update keeps the reminder as sent
        after = _after(plan, _session(**REMINDED, invited=invited))
        assert plan_reminder(after, ScheduleSettings(), NOW + timedelta(hours=1), LONDON, people) is None


def _ics(method: str, sequence: int) -> str:
    from automation.schedule.invitation import Person, invitation

    return invitation(
        session_id="recS",
        sequence=sequence,
        start=TOMORROW_9,
        end=TOMORROW_9 + timedelta(hours=1),
        summary="Coaching session",
        organizer=Person("coach@example.com"),
        attendees=[Person("jo@client.example"), Person("sam@assoc.example")],
        stamp=NOW,
        method=method,  # type: ignore[arg-type]
    )


def _sent(key: str, to: str, status: str = "Sent", method: str = "REQUEST"):
    from automation.models import Message

    sequence = int(key.split(":")[2])
    return Message(
        id=f"rec{key}", dedupe_key=key, recipient=to, status=status, invitation=_ics(method, sequence)
    )


def test_calendars__each_person_holds_the_last_invitation_sent_to_her_and_no_later_cancellation() -> None:
    from automation.schedule.cancellation import calendars

    messages = [
        _sent("recS:reminder:0:client", "jo@client.example"),
        _sent("recS:reminder:0:host", "sam@assoc.example"),
        _sent("recS:reminder:1:client", "jo@client.example"),  # moved: the update
        _sent("recS:reminder:1:host", "Sam@Assoc.example", status="Failed"),  # never reached her
        _sent("recS:reminder:1:off:kim@assoc.example", "kim@assoc.example", method="CANCEL"),
        _sent("recX:reminder:0:client", "other@client.example"),  # another session
    ]
    cal = calendars("recS", messages)
    held = sorted((h.message.dedupe_key, h.role) for h in cal.held)
    assert held == [("recS:reminder:0:host", "host"), ("recS:reminder:1:client", "client")]
    assert cal.sequence == 1 and cal.waiting == []


def test_calendars__a_cancellation_sent_or_owed_holds_nothing_and_a_queued_invitation_is_withdrawn() -> None:
    from automation.schedule.cancellation import calendars

    cancelled = calendars(
        "recS",
        [
            _sent("recS:reminder:0:client", "jo@client.example"),
            _sent("recS:reminder:1:client", "jo@client.example", status="Approved", method="CANCEL"),
        ],
    )
    assert cancelled.held == [] and cancelled.waiting == [] and cancelled.sequence == 1
    queued = calendars("recS", [_sent("recS:reminder:0:client", "jo@client.example", status="Approved")])
    assert queued.held == [] and [m.dedupe_key for m in queued.waiting] == ["recS:reminder:0:client"]
    assert not calendars("recS", []).known


NEW_YORK = ZoneInfo("America/New_York")
SUN, MON = datetime(2026, 12, 6, 11, 0, tzinfo=UTC), datetime(2026, 12, 7, 11, 0, tzinfo=UTC)  # 06:00 NY
KOLKATA_TUE_0830 = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)  # Monday 22:00 in New York
LA_MON_2100 = datetime(2026, 12, 8, 5, 0, tzinfo=UTC)  # Tuesday 00:00 in New York


@pytest.mark.parametrize(
    ("now", "start", "zone", "expected"),
    [
        (SUN, KOLKATA_TUE_0830, "Asia/Kolkata", None),  # her Tuesday is two of her days off
        (MON, KOLKATA_TUE_0830, "Asia/Kolkata", "remind"),  # her Monday: the day before
        (SUN, LA_MON_2100, "America/Los_Angeles", "remind"),  # her Sunday, the day before her Monday
        (SUN, KOLKATA_TUE_0830, None, "remind"),  # no zone of her own: the business's days
    ],
    ids=["kolkata-sunday", "kolkata-monday", "los-angeles-sunday", "business-days"],
)
def test_plan_reminder__the_day_before_on_the_clients_own_calendar(now, start, zone, expected) -> None:
    plan = plan_reminder(
        _session(session_date=start), ScheduleSettings(), now, NEW_YORK, zone=ZoneInfo(zone) if zone else None
    )
    assert (plan.action if plan else None) == expected
