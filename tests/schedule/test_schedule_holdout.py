"""The schedule holdout (data/holdout_schedule.json, written from the README, the Settings and the PRP before
the code was run on it): the agreement reached, through the pure rules and through the jobs and automations
on the local server, and the situations where the code and the written expectation still part, each with why
(bench/RESULTS-schedule.md).

Conflicts: the buffer (under it, exactly it, 0), DST nights in London and New York, midnight, a client's two
sessions with different associates, Cancelled and Completed ones, no or zero Duration, wall clocks against
instants, co-hosts, the coach's own, a long one over two. Reminders: tomorrow, two days ahead, booked today,
moved (within and beyond the window, before the reminder hour), Cancelled before and after, past, a client in
Sydney, the reminder hour on the spring-forward day; through the run: Paused client, no email, no client,
Inactive associate. Overdue: due today and yesterday (in London, Los Angeles, Sydney), Complete, Tentative, no
due date, 60 and 61 days, associate's (Inactive too), Paused, opted out, repeat periods, a moved due date, two
runs the same morning. Surveys: the morning after, no-show, rated, twice, two in a day, lookback, midnight;
through the run: to whom and from when, opted out. Scenarios: double-booking and its clearing, a reminded
session cancelled, an item ticked Complete, a session moved and the client's Next Session Date.
"""

from __future__ import annotations

import pytest

from tests.leads.http_world import make_world
from tests.schedule import holdout as H

# Left as they are, each with why (bench/RESULTS-schedule.md, 2026-12-07), and the fields they part on.
OPEN: dict[str, set[str]] = {}
# The agreement reached. First look: 66 of 67 situations (the 4 scenarios among the agreed); the one parting,
# an item chased on the business's date while still its due day on a Los Angeles client's clock, fixed.
# Batch 2, written after that look: 29 of 30; the parting, the coach's own session and one under her own
# Associate record not seen as a double-booking, fixed.
AGREED = 97


def _world(server, tmp_path, name: str):
    return make_world(server, tmp_path / name, **H.DATA["shared_settings"])


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The cases that need records, each family in its own base on one server (one run each)."""
    from scripts.localbase.testing import LocalBaseServer

    tmp = tmp_path_factory.mktemp("holdout")
    with LocalBaseServer(rate_limit=0) as server:
        yield {
            "reminder_runs": H.reminder_run_outcomes(_world(server, tmp, "r")),
            "overdue": H.overdue_outcomes(_world(server, tmp, "o")),
            "overdue_twice": H.overdue_outcomes(_world(server, tmp, "o2"), runs=2),
            "survey_runs": H.survey_run_outcomes(_world(server, tmp, "s")),
            "conflict_runs": {
                n: H.conflict_run_outcome(c, _world(server, tmp, f"c{i}"))
                for i, (n, c) in enumerate(H.CONFLICT_RUNS.items())
            },
            "scenarios": {
                n: H.scenario_outcome(n, _world(server, tmp, f"x{i}")) for i, n in enumerate(H.SCENARIOS)
            },
        }


def _all(runs) -> dict[str, dict]:
    """Every situation's disagreement (empty: agreed)."""
    out = {}
    out |= {n: H.compare(c["expected"], H.conflict_outcome(c)) for n, c in H.CONFLICTS.items()}
    out |= {n: H.compare(c["expected"], H.reminder_outcome(c)) for n, c in H.REMINDERS.items()}
    out |= {n: H.compare(c["expected"], H.survey_outcome(c)) for n, c in H.SURVEYS.items()}
    for family, cases in (
        ("reminder_runs", H.REMINDER_RUNS),
        ("overdue", H.OVERDUE),
        ("survey_runs", H.SURVEY_RUNS),
        ("conflict_runs", H.CONFLICT_RUNS),
        ("scenarios", H.SCENARIOS),
    ):
        out |= {n: H.compare(c["expected"], runs[family][n]) for n, c in cases.items()}
    return out


def test_holdout__agreement_and_what_is_left_open(runs) -> None:
    missed = {n: set(d) for n, d in _all(runs).items() if d}
    assert missed == OPEN
    assert len(_all(runs)) - len(missed) >= AGREED


def test_holdout__a_second_overdue_run_the_same_morning_chases_nobody_again(runs) -> None:
    once, twice = runs["overdue"], runs["overdue_twice"]
    assert any(g["emails"] for g in once.values())  # the check can fail: some were chased
    assert {n: g["emails"] for n, g in twice.items()} == {n: g["emails"] for n, g in once.items()}


@pytest.mark.parametrize("name", sorted(H.CONFLICTS))
def test_holdout__conflict(name: str) -> None:
    assert H.compare(H.CONFLICTS[name]["expected"], H.conflict_outcome(H.CONFLICTS[name])) == {}


@pytest.mark.parametrize("name", sorted(H.REMINDERS))
def test_holdout__reminder(name: str) -> None:
    assert H.compare(H.REMINDERS[name]["expected"], H.reminder_outcome(H.REMINDERS[name])) == {}


@pytest.mark.parametrize("name", sorted(H.SURVEYS))
def test_holdout__survey(name: str) -> None:
    assert H.compare(H.SURVEYS[name]["expected"], H.survey_outcome(H.SURVEYS[name])) == {}
