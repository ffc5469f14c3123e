"""The rules drafter against the hand-written evaluation set: precision ≥ 0.8 and recall ≥ 0.7."""

from __future__ import annotations

import re
from collections import Counter

from bench.notes_bench import evaluate
from bench.notes_measure import Case, Score, load_cases, score_case


def test_eval_set__is_large_and_varied() -> None:
    cases = load_cases()
    assert len(cases) >= 30
    styles = Counter(re.sub(r"^holdout[^:]*: ", "", c.style.split(",")[0]) for c in cases)
    for kind in ("transcript", "dictated prose", "terse shorthand", "no actions", "hedged commitments"):
        assert styles[kind] >= 1, kind
    assert sum(not c.items for c in cases) >= 3
    assert sum(any(i.get("tentative") for i in c.items) for c in cases) >= 10
    assert sum(len({i["owner"] for i in c.items}) >= 2 for c in cases) >= 10


def test_rules_drafter__meets_precision_and_recall() -> None:
    total, _, _, _ = evaluate(load_cases())
    assert total.precision >= 0.8, total.false_alarms
    assert total.recall >= 0.7, total.misses


def _case(items: list[dict[str, object]]) -> Case:
    from datetime import date

    return Case("x", "", date(2026, 3, 3), None, "C", "", items, [])  # type: ignore[arg-type]


TRUE = [{"description": "Send the SL readiness worksheet", "owner": "coach", "due": "2026-03-03"}]


def test_measure__exact_prediction_scores_one() -> None:
    s = Score()
    score_case(_case(TRUE), [dict(TRUE[0], tentative=False)], s)
    assert (s.precision, s.recall) == (1.0, 1.0)


def test_measure__wrong_owner_or_date_or_words_is_no_match() -> None:
    wrong = [
        {"description": "Send the SL readiness worksheet", "owner": "client", "due": "2026-03-03"},
        {"description": "Send the SL readiness worksheet", "owner": "coach", "due": None},
        {"description": "Book a call with the CFO", "owner": "coach", "due": "2026-03-03"},
    ]
    for p in wrong:
        s = Score()
        score_case(_case(TRUE), [p], s)
        assert s.matched == 0, p


def test_measure__a_true_item_matches_once() -> None:
    s = Score()
    score_case(_case(TRUE), [TRUE[0], TRUE[0]], s)
    assert s.matched == 1 and s.precision == 0.5
