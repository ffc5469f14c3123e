"""Double-booking (pure rule): same host or same client, Duration plus the buffer, Scheduled only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from automation.models import Session
from automation.schedule.conflicts import clashes, conflict_text
from automation.settings.schedule import ScheduleSettings

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SETTINGS = ScheduleSettings(buffer_minutes=15, default_duration_minutes=60)


def _s(rid: str, start: datetime, **fields) -> Session:
    base = {"status": "Scheduled", "associate": ["recA1"], "client": [f"recC{rid}"], "duration": 3600}
    return Session(id=f"rec{rid}", session_date=start, **{**base, **fields})


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (_s("2", T0 + timedelta(minutes=30)), "same associate"),
        (_s("2", T0 + timedelta(minutes=70)), "same associate"),  # inside the 15-minute buffer
        (_s("2", T0 + timedelta(minutes=75)), None),  # exactly the buffer apart
        (_s("2", T0 + timedelta(minutes=30), associate=["recA2"]), None),  # other associate, other client
        (_s("2", T0 + timedelta(minutes=30), associate=["recA2"], client=["recC1"]), "same client"),
        (_s("2", T0 + timedelta(minutes=30), status="Cancelled"), None),
        (_s("2", T0 - timedelta(minutes=100), duration=7200), "same associate"),  # a long one before
        (_s("2", T0 + timedelta(minutes=65), duration=None), "same associate"),
    ],
    ids=[
        "overlap",
        "within-buffer",
        "buffer-apart",
        "other-people",
        "same-client",
        "cancelled",
        "long-before",
        "default-duration",
    ],
)
def test_clashes__cases(second, expected) -> None:
    first = _s("1", T0)
    found = clashes([first, second], SETTINGS)
    if expected is None:
        assert found == {}
    else:
        assert [c.reason for c in found["rec1"]] == [expected]
        assert [c.other.id for c in found["rec2"]] == ["rec1"]


def test_clashes__no_associate_means_the_coach() -> None:
    a = _s("1", T0, associate=[])
    b = _s("2", T0 + timedelta(minutes=10), associate=[])
    assert [c.reason for c in clashes([a, b], SETTINGS)["rec1"]] == ["same coach"]


@pytest.mark.parametrize(
    ("first_hosts", "second_hosts", "expected"),
    [
        (["recA1", "recA2"], ["recA2"], "same associate"),  # co-hosted: its second associate is busy too
        (["recA2"], ["recA1", "recA2"], "same associate"),
        (["recA1", "recA2"], ["recA3"], None),
        ([], ["recA1"], None),  # the coach's own session beside an associate's
    ],
    ids=["co-hosted-first", "co-hosted-second", "no-one-shared", "coach-and-associate"],
)
def test_clashes__any_shared_host_counts(first_hosts, second_hosts, expected) -> None:
    a = _s("1", T0, associate=first_hosts)
    b = _s("2", T0 + timedelta(minutes=10), associate=second_hosts)
    assert [c.reason for c in clashes([a, b], SETTINGS).get("rec1", [])] == ([expected] if expected else [])


def test_clashes__touching_sessions_without_a_buffer_do_not_clash() -> None:
    a = _s("1", T0)
    b = _s("2", T0 + timedelta(hours=1))
    assert clashes([a, b], ScheduleSettings(buffer_minutes=0)) == {}
    assert clashes([a, b], SETTINGS)["rec1"][0].reason == "same associate"  # inside the 15-minute buffer


def test_conflict_text__names_the_other_session_in_business_time() -> None:
    a = _s("1", T0, name="Jo #4")
    b = _s("2", T0 + timedelta(minutes=30), name="Ann #2")
    text = conflict_text(clashes([a, b], SETTINGS)["rec1"], ZoneInfo("Europe/London"))
    assert text == "Overlaps Ann #2 on Mon 23 Nov, 09:30–10:30 GMT (same associate) [rec2]"
    june = T0 + timedelta(days=200)  # 09:00 UTC is 10:00 on the London clock in summer
    summer = clashes([_s("1", june), _s("2", june + timedelta(minutes=30))], SETTINGS)["rec1"]
    assert ", 10:30–11:30 BST (same associate)" in conflict_text(summer, ZoneInfo("Europe/London"))


def test_conflict_text__sessions_back_to_back_are_too_close_not_overlapping() -> None:
    """13:00–14:00 and 14:00–15:00 with a 15-minute buffer clash, but "Overlaps" would send the coach looking
    for an overlap that is not there: the field says the buffer is what is short, with both times' ends."""
    a = _s("1", T0, name="Jo #4")
    b = _s("2", T0 + timedelta(hours=1), name="Ann #2", duration=None)  # the default 60 minutes
    found = clashes([a, b], SETTINGS)
    london = ZoneInfo("Europe/London")
    assert conflict_text(found["rec1"], london) == (
        "Too close to Ann #2 on Mon 23 Nov, 10:00–11:00 GMT (same associate, less than the buffer between "
        "them) [rec2]"
    )
    assert conflict_text(found["rec2"], london).startswith(
        "Too close to Jo #4 on Mon 23 Nov, 09:00–10:00 GMT"
    )


def test_conflict_text__a_session_past_midnight_is_written_with_both_days() -> None:
    late = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    a = _s("1", late - timedelta(minutes=30), name="Jo #4")
    b = _s("2", late, name="Ann #2", duration=5400)
    text = conflict_text(clashes([a, b], SETTINGS)["rec1"], ZoneInfo("Europe/London"))
    assert text == "Overlaps Ann #2 on Mon 23 Nov, 23:30 GMT – Tue 24 Nov, 01:00 GMT (same associate) [rec2]"


def test_alert__back_to_back_sessions_name_the_buffer_not_an_overlap() -> None:
    """The coach's alert for 09:00–10:00 and 10:00–11:00 (buffer 15 min): no overlap to find, the buffer is
    short; each line gives its session's start and end on the business's clock."""
    from types import SimpleNamespace

    from automation.schedule.conflict_automation import alert_draft
    from automation.settings import settings_from_mapping

    settings = settings_from_mapping({})
    ctx = SimpleNamespace(settings=settings, tz=ZoneInfo(settings.general.time_zone))
    a = _s("1", T0, name="Jo #4")
    b = _s("2", T0 + timedelta(hours=1), name="Ann #2")
    (clash,) = clashes([a, b], settings.schedule)["rec1"]
    data = alert_draft(ctx, clash, "conflict:test").data
    buffer = settings.schedule.buffer_minutes
    assert data["summary"].startswith(
        f"Two Scheduled sessions leave less than the {buffer}-minute buffer between them (same associate)"
    )
    assert data["facts"] == [
        ["Jo #4", "Mon 23 Nov, 09:00–10:00 GMT [rec1]"],
        ["Ann #2", "Mon 23 Nov, 10:00–11:00 GMT [rec2]"],
    ]
    overlapping = clashes([a, _s("2", T0 + timedelta(minutes=30), name="Ann #2")], settings.schedule)["rec1"][
        0
    ]
    assert (
        alert_draft(ctx, overlapping, "conflict:test")
        .data["summary"]
        .startswith("Two Scheduled sessions overlap (same")
    )


def test_clashes__the_coachs_own_associate_record_is_the_coach() -> None:
    """A session with no associate is the coach's; so is one under her own Associate record (the one with
    general.coach_email): overlapping, she is double-booked, whichever way each was booked. Another
    associate at that hour is not her."""
    hers = _s("1", T0, associate=[])
    as_associate = _s("2", T0 + timedelta(minutes=30), associate=["recCoach"])
    other = _s("3", T0, associate=["recA2"])
    found = clashes([hers, as_associate, other], SETTINGS, frozenset({"recCoach"}))
    assert {c.other.id for c in found["rec1"]} == {"rec2"}
    assert [c.reason for c in found["rec2"]] == ["same coach"]
    assert "rec3" not in found
    assert clashes([hers, as_associate], SETTINGS) == {}  # not told which record is hers: two people
