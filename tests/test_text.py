"""Counts read as a person writes them."""

from __future__ import annotations

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
