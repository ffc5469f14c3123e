"""Serialisation to Airtable's cell JSON and the normalised comparison behind diff-aware updates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from automation.airtable.cells import CellError, same, to_airtable
from automation.models import Lead
from schema.tables import TABLES

LEADS, SESSIONS, CLIENTS = TABLES["leads"], TABLES["sessions"], TABLES["clients"]


@pytest.mark.parametrize(
    ("table", "key", "value", "cell"),
    [
        (LEADS, "name", "Ada", "Ada"),
        (LEADS, "name", None, None),
        (LEADS, "lead_score", 72, 72),
        (LEADS, "lead_score", Decimal("7.5"), 7.5),
        (SESSIONS, "duration", timedelta(hours=1), 3600.0),
        (SESSIONS, "satisfaction", 4.0, 4),
        (SESSIONS, "reminder_sent", None, False),
        (LEADS, "follow_up_due", date(2026, 3, 1), "2026-03-01"),
        (LEADS, "scored_at", datetime(2026, 3, 1, 9, 30, 1, 123456, tzinfo=UTC), "2026-03-01T09:30:01.123Z"),
        (
            LEADS,
            "scored_at",
            datetime(2026, 3, 1, 10, 30, tzinfo=timezone(timedelta(hours=1))),
            "2026-03-01T09:30:00.000Z",
        ),
        (LEADS, "status", "New", "New"),
        (LEADS, "deals", ["recA", "recB"], ["recA", "recB"]),
        (LEADS, "deals", None, []),
        (LEADS, "deals", Lead(id="recAAAAAAAAAAAAAA"), ["recAAAAAAAAAAAAAA"]),
        (CLIENTS, "focus_areas", ["Communication"], ["Communication"]),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_to_airtable__python_values_become_cell_json(table, key, value, cell) -> None:
    assert to_airtable(table[key], value) == cell


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("lead_score", "high"),
        ("lead_score", True),
        ("lead_score", float("nan")),
        ("name", 12),
        ("follow_up_due", datetime(2026, 3, 1, tzinfo=UTC)),
        ("follow_up_due", "next week"),
        ("scored_at", datetime(2026, 3, 1, 9, 30)),
        ("deals", [1, 2]),
    ],
    ids=str,
)
def test_to_airtable__a_value_that_does_not_fit_is_refused(key, value) -> None:
    with pytest.raises(CellError):
        to_airtable(LEADS[key], value)


@pytest.mark.parametrize(
    ("key", "old", "new"),
    [
        ("name", None, ""),
        ("notes", "", None),
        ("lead_score", 1, 1.0),
        ("lead_score", 0.1 + 0.2, 0.3),
        ("scored_at", datetime(2026, 3, 1, 9, tzinfo=UTC), "2026-03-01T10:00:00.000+01:00"),
        (
            "scored_at",
            datetime(2026, 3, 1, 9, 0, 0, 123000, tzinfo=UTC),
            datetime(2026, 3, 1, 9, 0, 0, 123456, tzinfo=UTC),
        ),
        ("follow_up_due", date(2026, 3, 1), "2026-03-01"),
        ("deals", ["recA", "recB"], ["recB", "recA"]),
        ("deals", [], None),
        ("status", "New", "New"),
    ],
    ids=str,
)
def test_same__airtable_omissions_and_formats_are_not_changes(key, old, new) -> None:
    assert same(LEADS[key], old, new)


@pytest.mark.parametrize(
    ("table", "key", "old", "new"),
    [
        (LEADS, "name", None, "Ada"),
        (LEADS, "lead_score", None, 0),
        (LEADS, "lead_score", 1, 2),
        (LEADS, "status", "New", "new"),
        (LEADS, "deals", ["recA"], ["recA", "recB"]),
        (LEADS, "scored_at", datetime(2026, 3, 1, 9, tzinfo=UTC), datetime(2026, 3, 1, 9, 1, tzinfo=UTC)),
        (SESSIONS, "reminder_sent", False, True),
        (LEADS, "lead_score", 1, "not a number"),
    ],
    ids=str,
)
def test_same__real_changes_are_changes(table, key, old, new) -> None:
    assert not same(table[key], old, new)


def test_same__checkbox_false_equals_missing() -> None:
    assert same(SESSIONS["reminder_sent"], None, False)
