"""A time written for a reader names its zone as she reads one: the tz database's abbreviation where it
has one (AEDT, GMT), else its offset as "UTC+8", never a bare "+08" (Singapore, Sao Paulo, Kathmandu have
none)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from automation.messages.render import _environment
from automation.schedule.times import span_text, zoned_text

# 00:00 UTC on 8 Dec 2026 (southern summer, northern winter)
AT = datetime(2026, 12, 8, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Singapore", "Tue 8 Dec, 08:00 UTC+8"),
        ("America/Sao_Paulo", "Mon 7 Dec, 21:00 UTC-3"),
        ("Asia/Kathmandu", "Tue 8 Dec, 05:45 UTC+5:45"),
        ("Australia/Sydney", "Tue 8 Dec, 11:00 AEDT"),
        ("Europe/London", "Tue 8 Dec, 00:00 GMT"),
    ],
)
def test_zoned_text_names_the_zone_even_where_the_tz_database_has_no_abbreviation(zone, expected) -> None:
    assert zoned_text(AT, ZoneInfo(zone)) == expected


def test_span_and_the_templates_when_use_the_same_name() -> None:
    from datetime import timedelta

    assert (
        span_text(AT, AT + timedelta(hours=1), ZoneInfo("Asia/Singapore")) == "Tue 8 Dec, 08:00–09:00 UTC+8"
    )
    env = _environment("Asia/Singapore", "SGD")
    assert env.from_string("{{ at | when }}").render(at=AT) == "Tuesday 8 December, 08:00 UTC+8"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # A reader in the US or Canada reads her date month first and her clock in AM / PM
        ("America/New_York", "Mon, Dec 7, 7:00 PM EST"),
        ("America/Chicago", "Mon, Dec 7, 6:00 PM CST"),
        ("America/Toronto", "Mon, Dec 7, 7:00 PM EST"),
        ("Pacific/Honolulu", "Mon, Dec 7, 2:00 PM HST"),
        # Latin America and everyone else keep the day first and the 24-hour clock
        ("America/Mexico_City", "Mon 7 Dec, 18:00 CST"),
        ("Europe/London", "Tue 8 Dec, 00:00 GMT"),
    ],
)
def test_zoned_text_is_written_the_way_its_reader_writes_dates(zone, expected) -> None:
    assert zoned_text(AT, ZoneInfo(zone)) == expected


def test_a_span_in_the_us_has_am_pm_on_both_ends_and_midnight_is_12_am() -> None:
    from datetime import timedelta

    ny = ZoneInfo("America/New_York")
    assert span_text(AT, AT + timedelta(hours=1), ny) == "Mon, Dec 7, 7:00 PM–8:00 PM EST"
    assert zoned_text(datetime(2026, 12, 8, 5, 30, tzinfo=UTC), ny) == "Tue, Dec 8, 12:30 AM EST"
    assert zoned_text(datetime(2026, 12, 8, 17, 5, tzinfo=UTC), ny) == "Tue, Dec 8, 12:05 PM EST"


def test_the_templates_dates_are_written_month_first_for_a_business_in_the_us() -> None:
    env = _environment("America/Chicago", "USD")
    render = lambda text: env.from_string(text).render(at=AT)  # noqa: E731
    assert render("{{ at | when }}") == "Monday, December 7, 6:00 PM CST"
    assert render("{{ at | short_day }}") == "Mon, Dec 7"
    assert render("{{ at | day }}") == "Monday, December 7, 2026"
    london = _environment("Europe/London", "GBP")
    assert london.from_string("{{ at | when }} / {{ at | day }}").render(at=AT) == (
        "Tuesday 8 December, 00:00 GMT / Tuesday 8 December 2026"
    )
