"""The matching holdout (tests/associates/data/holdout_matching.json, written from the rules before any
run): every situation's proposal (or none available) and the associates never offered."""

from __future__ import annotations

import pytest

from tests.associates.holdout import DATA, compare

CASES = {c["name"]: c for c in DATA["cases"]}


def test_holdout__all_situations_agree():
    assert [name for name, case in CASES.items() if compare(case)] == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_holdout__situation(name):
    assert compare(CASES[name]) == {}
