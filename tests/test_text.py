"""Counts read as a person writes them."""

from __future__ import annotations

from datetime import date

import pytest

from automation.text import plural


@pytest.mark.parametrize(
    ("n", "one", "many", "text"),
    [
        (1, "invoice", None, "1 invoice"),
        (0, "invoice", None, "0 invoices"),
        (3, "day", None, "3 days"),
        (1, "reply", "replies", "1 reply"),
        (2, "reply", "replies", "2 replies"),
        (1.5, "session", None, "1.5 sessions"),
    ],
)
def test_plural(n: float, one: str, many: str | None, text: str) -> None:
    assert plural(n, one, many) == text


@pytest.mark.parametrize(
    ("kw", "us", "elsewhere"),
    [
        ({}, "Tue, Dec 8, 2026", "Tue 8 Dec 2026"),
        ({"long": True}, "Tuesday, December 8, 2026", "Tuesday 8 December 2026"),
        ({"year": False}, "Tue, Dec 8", "Tue 8 Dec"),
        ({"weekday": False}, "Dec 8, 2026", "8 Dec 2026"),
        ({"weekday": False, "year": False}, "Dec 8", "8 Dec"),
    ],
    ids=["short", "long", "no_year", "no_weekday", "day_and_month"],
)
def test_date_text__month_first_in_the_us_and_canada_day_first_elsewhere(kw, us, elsewhere) -> None:
    from automation.text import date_text, month_first_zone

    assert date_text(date(2026, 12, 8), month_first_zone("America/Chicago"), **kw) == us
    assert date_text(date(2026, 12, 8), month_first_zone("Europe/London"), **kw) == elsewhere
