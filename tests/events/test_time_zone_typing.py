"""A Time Zone typed as people type one (a client's, an associate's or the business's Settings row): an
offset, an abbreviation, a country with one clock, a large city the tz database does not name, "... time".
Where what was typed names several clocks, it is refused saying which to write, never guessed: an hour
off for half the year, with nothing said, is worse than asking."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from automation.schedule.times import own_zone, zone_problem
from automation.settings import load_settings

JAN = datetime(2027, 1, 15, 12, tzinfo=UTC)
JUL = datetime(2027, 7, 15, 12, tzinfo=UTC)


def _hours(zone: str, at: datetime) -> float:
    return at.astimezone(ZoneInfo(zone)).utcoffset().total_seconds() / 3600


@pytest.mark.parametrize(
    ("typed", "winter", "summer"),
    [
        ("UTC+5:30", 5.5, 5.5), ("GMT+05:30", 5.5, 5.5), ("+0530", 5.5, 5.5), ("UTC+5:45", 5.75, 5.75),
        ("India", 5.5, 5.5), ("Mumbai", 5.5, 5.5), ("Bangalore", 5.5, 5.5), ("Japan", 9, 9), ("UTC+9", 9, 9),
        ("UTC +8", 8, 8), ("Germany", 1, 2), ("UK", 0, 1), ("United Kingdom", 0, 1), ("Manchester", 0, 1),
        ("PST", -8, -7), ("PDT", -8, -7), ("Pacific Time", -8, -7), ("Pacific Standard Time", -8, -7),
        ("San Francisco", -8, -7), ("CST", -6, -5), ("Boston", -5, -4), ("AEST", 11, 10),
        ("Sydney time", 11, 10), ("CET", 1, 2), ("Central European Time", 1, 2), ("NZDT", 13, 12),
        ("New Zealand", 13, 12), ("China", 8, 8), ("Singapore", 8, 8), ("Nigeria", 1, 1), ("UAE", 4, 4),
        ("south africa", 2, 2),
    ],
)  # fmt: skip
def test_a_time_zone_typed_loosely_is_the_clock_meant_summer_time_included(typed, winter, summer) -> None:
    zone = own_zone(typed)
    assert zone is not None, typed
    assert (_hours(zone, JAN), _hours(zone, JUL)) == (winter, summer)
    assert zone_problem(typed) is None


@pytest.mark.parametrize(
    ("typed", "winter", "summer"),
    [("São Paulo", -3, -3), ("Zürich", 1, 2), ("Bogotá", -5, -5), ("Reykjavík", 0, 0), ("Curaçao", -4, -4)],
)
def test_a_city_typed_with_its_accents_is_its_clock(typed, winter, summer) -> None:
    """The fourth unseen business: a client's Time Zone typed "São Paulo" was no zone, so her reminders
    read London time; the tz database writes its cities without accents, people write them with."""
    zone = own_zone(typed)
    assert zone is not None, typed
    assert (_hours(zone, JAN), _hours(zone, JUL)) == (winter, summer)
    assert zone_problem(typed) is None


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("IST", ["Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]),
        ("USA", ["America/New_York"]),
        ("Australia", ["Australia/Sydney"]),
        ("GMT+1", ["Africa/Lagos"]),  # Paris in winter, Lagos all year: which?
        ("UTC-5", ["America/"]),
        ("UTC+10", ["Australia/Brisbane"]),  # Sydney in winter (its summer is +11), Brisbane all year
    ],
)
def test_what_names_several_clocks_is_refused_saying_which_to_write(typed, named) -> None:
    assert own_zone(typed) is None  # her times stay on the business's clock, nothing guessed
    problem = zone_problem(typed)
    assert problem is not None and all(n in problem for n in named), problem
    assert "is not a time zone" not in problem  # it is one of several: say which


@pytest.mark.parametrize("typed", ["Mars", "Springfield time", "UTC+15", "Europe/"])
def test_what_names_no_clock_is_still_refused(typed) -> None:
    assert own_zone(typed) is None
    assert "is not a time zone" in (zone_problem(typed) or "") or "offset" in (zone_problem(typed) or "")


def test_the_business_settings_row_reads_the_same_way() -> None:
    settings, problems = load_settings([("general.time_zone", "Mumbai")])
    assert (settings.general.time_zone, problems) == ("Asia/Kolkata", [])
    settings, problems = load_settings([("general.time_zone", "IST")])
    assert settings.general.time_zone == "Europe/London" and "Asia/Kolkata" in problems[0]
