"""Dates in the overdue action-item emails and the satisfaction survey, in the reader's order: a reader in
the US or Canada (her own Time Zone, else the business's) reads "Monday, November 30" and "(Tue, Dec 8)";
everyone else "Monday 30 November" and "(Tue 8 Dec)", as before."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from automation.models import ActionItem, Associate, Client, Session
from automation.schedule.overdue import chase
from automation.schedule.overdue_job import (
    associate_reminder,
    client_reminder,
    coach_reminder,
    reads_month_first,
    summary_draft,
)
from automation.settings import BusinessSettings
from automation.settings.schedule import ScheduleSettings

TODAY = date(2026, 12, 8)  # a Tuesday


def _settings(zone: str) -> BusinessSettings:
    return BusinessSettings.model_validate({"general": {"time_zone": zone}})


def _chase(due: date, description: str = "Draft the team charter"):
    item = ActionItem(id=f"recI{due.day}", status="Open", description=description, due_date=due)
    got = chase(item, TODAY, ScheduleSettings(overdue_first_days=1, overdue_repeat_days=7))
    assert got is not None
    return got


@pytest.mark.parametrize(
    ("month_first", "said"),
    [(True, "It was due on Monday, November 30."), (False, "It was due on Monday 30 November.")],
    ids=["us", "elsewhere"],
)
def test_client_reminder__the_due_day_in_her_order(month_first, said) -> None:
    client = Client(id="recC", name="Jo Park", email="jo@example.com")
    draft = client_reminder([_chase(date(2026, 11, 30))], client, TODAY, month_first=month_first)
    assert said in draft.data["body"], draft.data["body"]


def test_client_reminder__last_year_s_due_day_keeps_its_year_in_her_order() -> None:
    client = Client(id="recC", name="Jo Park", email="jo@example.com")
    rows = [_chase(date(2025, 12, 29)), _chase(date(2026, 11, 30), "Book the offsite")]
    body = client_reminder(rows, client, TODAY, month_first=True).data["body"]
    assert "(due Monday, December 29, 2025)" in body and "(due Monday, November 30)" in body, body


@pytest.mark.parametrize(
    ("month_first", "subject", "line"),
    [
        (True, "Overdue: 1 action item of yours (Tue, Dec 8)", "due Monday, November 30"),
        (False, "Overdue: 1 action item of yours (Tue 8 Dec)", "due Monday 30 November"),
    ],
    ids=["us", "elsewhere"],
)
def test_associate_reminder__subject_and_lines_in_their_order(month_first, subject, line) -> None:
    dana = Associate(id="recA", name="Dana", email="dana@example.com")
    draft = associate_reminder(
        [(_chase(date(2026, 11, 30)), "Jo Park")], dana, TODAY, month_first=month_first
    )
    assert draft.subject == subject and line in draft.data["body"], (draft.subject, draft.data["body"])


@pytest.mark.parametrize(
    ("zone", "subject", "line", "summary"),
    [
        (
            "America/Chicago",
            "(Tue, Dec 8)",
            "due Monday, November 30",
            "Overdue action items: 1 (Tue, Dec 8)",
        ),
        ("Europe/London", "(Tue 8 Dec)", "due Monday 30 November", "Overdue action items: 1 (Tue 8 Dec)"),
        ("Australia/Sydney", "(Tue 8 Dec)", "due Monday 30 November", "Overdue action items: 1 (Tue 8 Dec)"),
    ],
    ids=["chicago", "london_unchanged", "sydney_unchanged"],
)
def test_coach_reminder_and_summary__in_the_business_s_order(zone, subject, line, summary) -> None:
    settings = _settings(zone)
    mine = coach_reminder([(_chase(date(2026, 11, 30)), "Jo Park")], TODAY, settings)
    assert mine.subject.endswith(subject) and line in mine.data["body"], (mine.subject, mine.data["body"])
    assert summary_draft([("Jo Park", [("Draft the team charter", 8)])], TODAY, settings).subject == summary


@pytest.mark.parametrize(
    ("own", "business", "expected"),
    [
        ("Toronto", "Europe/London", True),  # her own clock, in Canada
        ("Europe/Paris", "America/Chicago", False),  # hers, in France
        (None, "America/Chicago", True),  # none of her own: the business's
        ("not a zone", "Europe/London", False),
    ],
    ids=["toronto_client_of_london", "paris_client_of_chicago", "business_zone", "unreadable_own"],
)
def test_reads_month_first__her_own_zone_else_the_business_s(own, business, expected) -> None:
    assert reads_month_first(Client(id="recC", time_zone=own), _settings(business)) is expected


@pytest.mark.parametrize(
    ("zone", "said"),
    [("America/Chicago", "Tuesday, December 1"), ("Europe/London", "Tuesday 1 December")],
    ids=["chicago", "london_unchanged"],
)
def test_survey_draft__the_session_day_in_her_order(zone, said) -> None:
    from automation.schedule.survey import survey_draft

    session = Session(
        id="recS", client=["recC"], status="Completed", session_date=datetime(2026, 12, 1, 16, tzinfo=UTC)
    )
    client = Client(id="recC", name="Jo Park", email="jo@example.com")
    draft = survey_draft(
        session, client, _settings(zone), app_secret="s" * 32, public_base_url="https://app.example",
        today=TODAY, send_after=None,
    )  # fmt: skip
    assert said in str(draft.data), draft.data


@pytest.mark.parametrize(
    ("zone", "said"),
    [
        ("America/Chicago", "Tuesday, December 1"),
        ("Europe/London", "Tuesday 1 December"),
        ("Asia/Tokyo", "Wednesday 2 December"),
    ],
    ids=["chicago", "london_unchanged", "tokyo_next_day"],
)
def test_session_day__the_survey_page_s_day_on_the_clock_and_in_the_order_of_its_zone(zone, said) -> None:
    from zoneinfo import ZoneInfo

    from automation.schedule.survey import session_day

    session = Session(id="recS", status="Completed", session_date=datetime(2026, 12, 1, 16, tzinfo=UTC))
    assert session_day(session, ZoneInfo(zone)) == said
    assert session_day(Session(id="recS"), ZoneInfo(zone)) == ""
