"""Duplicate leads by email: the earliest is the original; later ones are linked to it, never merged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from automation.leads.duplicates import duplicate_updates
from automation.models import Lead

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


def lead(rid: str, email: str | None, minutes: int, duplicate_of: list[str] | None = None) -> Lead:
    return Lead(
        id=rid, created_time=T0 + timedelta(minutes=minutes), email=email, duplicate_of=duplicate_of or []
    )


def changes(batch: list[Lead], others: list[Lead]) -> dict[str, list[str]]:
    return {u.record.id: u.fields["duplicate_of"] for u in duplicate_updates(batch, others)}


@pytest.mark.parametrize(
    ("batch", "others", "expected"),
    [
        pytest.param(
            [lead("recB", "jo@x.example", 5)],
            [lead("recA", "JO@x.example ", 1)],
            {"recB": ["recA"]},
            id="later_lead_with_same_email_in_other_case__linked_to_earlier",
        ),
        pytest.param(
            [lead("recA", "jo@x.example", 1)],
            [lead("recB", "jo@x.example", 5)],
            {},
            id="earliest_lead__never_flagged",
        ),
        pytest.param(
            [lead("recB", "jo@x.example", 5, ["recA"])],
            [lead("recA", "jo@x.example", 1)],
            {},
            id="already_linked__no_write",
        ),
        pytest.param(
            [lead("recB", "new@x.example", 5, ["recA"])],
            [],
            {"recB": []},
            id="email_changed_to_a_unique_one__flag_cleared",
        ),
        pytest.param([lead("recB", None, 5)], [], {}, id="no_email__nothing"),
        pytest.param(
            [lead("recB", "not an email", 5)],
            [lead("recA", "not an email", 1)],
            {},
            id="invalid_email__not_matched",
        ),
        pytest.param(
            [lead("recC", "jo@x.example", 9), lead("recB", "jo@x.example", 5)],
            [lead("recA", "jo@x.example", 1)],
            {"recB": ["recA"], "recC": ["recA"]},
            id="three_with_one_email__both_later_point_at_the_first",
        ),
    ],
)
def test_duplicate_updates(batch, others, expected) -> None:
    assert changes(batch, others) == expected
