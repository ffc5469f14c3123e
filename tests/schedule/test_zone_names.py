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
