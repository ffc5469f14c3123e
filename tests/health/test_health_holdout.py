"""The health holdout (tests/health/data/holdout_health.json, written from the rules before any run):
the agreement reached, and the situations where the rules' weights and the written expectation part."""

from __future__ import annotations

import pytest

from tests.health.holdout import DATA, compare

CASES = {c["name"]: c for c in DATA["clients"]}
# Left as they are (see bench/RESULTS-health.md): near-ties between two components' lost points, or a
# cost just over the 5-point "no driver" line the expectation drew; bands and alerts agree.
DRIVER_ONLY = {
    "slipping attendance with a no-show",  # ratings of 4 cost 6.9 points, the missed cadence 6.7
    "no-shows piling up, last held 50 days ago",  # an overdue item 16.7, recency at 50 days 16.5
    "paused three weeks ago",  # an average of 4.5 costs 5.2 once cadence and recency are out
    "B2 a rating of 1 two months ago, 5s since",  # the 1 stays in the 90-day average: 5.6 points
}


def test_holdout__agreement_with_the_written_expectations():
    missed = {name for name, case in CASES.items() if compare(case)}
    assert missed == DRIVER_ONLY
    assert len(CASES) - len(missed) >= 28


@pytest.mark.parametrize("name", sorted(DRIVER_ONLY))
def test_holdout__the_left_misses_are_the_driver_only(name):
    assert set(compare(CASES[name])) == {"driver"}


@pytest.mark.parametrize("name", sorted(n for n in CASES if n not in DRIVER_ONLY))
def test_holdout__situation(name):
    assert compare(CASES[name]) == {}
