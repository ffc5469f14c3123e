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
