"""The second schedule holdout (data/holdout2_schedule.json, written from the README, the Settings and the
PRP before the code was run on it, on situations the first holdout does not have): the agreement reached,
through the first holdout's loader and through the jobs and automations on the local server, and the
situations where the code and the written expectation still part, each with why (bench/RESULTS-schedule.md,
"Holdout 2").

Conflicts: the New Year night (under and exactly the buffer), a chain at exactly the buffer, a negative
Duration, a long workshop, team sessions, the coach's own and an associate's with one client, a leap day.
Reminders: New Year's Day, the leap day, moved after the day's run, moved a day earlier, booked again after
a cancellation, clients in Honolulu and Auckland; through the run: people in other zones, a bad Time Zone,
a blank Email, an opt-out. Overdue: the leap day (due on it, 60 and 61 days across it), Los Angeles and
Sydney clocks, a reopened item, a Cancelled one, an associate in Sydney. Surveys: a week late, answered
yesterday, a team session. Groups: a team session's reminders and survey, a client's two sessions in a day,
the coach's own session, two survey runs, 12 overdue items. Scenarios: Calendly reschedules in both orders and
a cancellation before its booking, a negative Duration, an item reopened, the associate's cancellation two
hours before, a session moved into tomorrow after the day's run. Batch 2: a cancellation after the start or
undone, a Calendly reschedule of a reminded session, a negative Duration's invitation, Next Session Date
(after a cancellation, New Year in New York and London, during a session), Completion % with a Cancelled
item, an item typed in Complete.
"""

from __future__ import annotations

import pytest

from tests.leads.http_world import make_world
from tests.schedule import holdout as H
from tests.schedule import holdout2 as H2

# Left as they are, each with why (bench/RESULTS-schedule.md, Holdout 2), and the fields they part on.
# A team session typed in as one: only its first client gets the invitation (a reminder's key, Invited and
# the cancellation to a person taken off are one client's per session); the run now names the others for
# the coach (reminder_job.report_team). Inviting each needs a client role per client: left.
OPEN: dict[str, set[str]] = {
    "a team session (two clients) tomorrow: each client and the associate get the reminder": {"to"},
    # Batch 2. An item created already Complete is dated today: the webhook's created event carries its
    # Status, and on_create=False only keeps a creation alone from running it. Telling "typed in Complete"
    # from "created, then ticked within the same webhook batch" needs the creation's own values kept through
    # coalesce (automation/events, shared); and an item the coach adds done today may rightly be today's.
    "an item typed in already Complete": {"completed_date"},
}
# The agreement reached. First look: 45 of 49 situations. Fixed: a first reminder of a session booked or moved
# to before the reminder hour went at 07:00, after its start (now at once, as a move notice does).
# Corrected: the two team-session surveys (one Satisfaction per session: one survey, to its first client;
# the data file says why).
# Batch 2 (12 more, written after that look): 11 of 12; the parting left (above).
AGREED = 59


def _world(server, tmp_path, name: str):
    return make_world(server, tmp_path / name, **H2.DATA["shared_settings"])


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The cases that need records: each family, group and scenario in its own base on one server."""
    from scripts.localbase.testing import LocalBaseServer

    tmp = tmp_path_factory.mktemp("holdout2")
    with LocalBaseServer(rate_limit=0) as server:
        yield {
            "reminder_runs": H.reminder_run_outcomes(_world(server, tmp, "r"), data=H2.DATA),
            "overdue": H.overdue_outcomes(_world(server, tmp, "o"), data=H2.DATA),
            "groups": {
                n: H2.group_outcome(c, _world(server, tmp, f"g{i}"))
                for i, (n, c) in enumerate(H2.GROUPS.items())
            },
            "scenarios": {
                n: H2.scenario_outcome(n, _world(server, tmp, f"x{i}")) for i, n in enumerate(H2.SCENARIOS)
            },
        }


def _all(runs) -> dict[str, dict]:
    """Every situation's disagreement (empty: agreed)."""
    out = {}
    out |= {n: H.compare(c["expected"], H.conflict_outcome(c)) for n, c in H2.CONFLICTS.items()}
    out |= {n: H.compare(c["expected"], H.reminder_outcome(c)) for n, c in H2.REMINDERS.items()}
    out |= {n: H.compare(c["expected"], H.survey_outcome(c)) for n, c in H2.SURVEYS.items()}
    out |= {n: H.compare(c["expected"], H2.next_date_outcome(c)) for n, c in H2.NEXT_DATES.items()}
    for family, cases in (
        ("reminder_runs", H2.REMINDER_RUNS),
        ("overdue", H2.OVERDUE),
        ("groups", H2.GROUPS),
        ("scenarios", H2.SCENARIOS),
    ):
        out |= {n: H.compare(c["expected"], runs[family][n]) for n, c in cases.items()}
    return out


def test_holdout2__agreement_and_what_is_left_open(runs) -> None:
    found = _all(runs)
    missed = {n: set(d) for n, d in found.items() if d}
    assert missed == OPEN, {n: found[n] for n in missed}
    assert len(found) - len(missed) >= AGREED


@pytest.mark.parametrize("name", sorted(H2.CONFLICTS))
def test_holdout2__conflict(name: str) -> None:
    case = H2.CONFLICTS[name]
    assert set(H.compare(case["expected"], H.conflict_outcome(case))) == OPEN.get(name, set())


@pytest.mark.parametrize("name", sorted(H2.REMINDERS))
def test_holdout2__reminder(name: str) -> None:
    case = H2.REMINDERS[name]
    assert set(H.compare(case["expected"], H.reminder_outcome(case))) == OPEN.get(name, set())


@pytest.mark.parametrize("name", sorted(H2.SURVEYS))
def test_holdout2__survey(name: str) -> None:
    case = H2.SURVEYS[name]
    assert set(H.compare(case["expected"], H.survey_outcome(case))) == OPEN.get(name, set())
