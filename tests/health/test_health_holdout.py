"""The health holdouts (tests/health/data/holdout*_health.json, written from the rules before any run): the
agreement reached, and the situations where the rules' weights and the written expectation part.

The first: slipping attendance, no-shows, pauses, resumes, ratings and invoices of many kinds. The second, in
shapes the first lacked: a fortnightly package met exactly, weekly sessions then a five-week gap, sessions all
moved, late cancellations and no-shows mixed, a rating climbing from 2 to 5, ratings only from long ago, items
without a due date or owned by the coach, invoices 3 and 60 days overdue, paid late, a pause last week, a
package changed mid-quarter, ten days in, two years in with one bad month, every field blank, former clients.
The third: a client signed today or entered without a Start Date, a long sabbatical and the return from it,
sessions cancelled by the associate, holiday gaps, a perfect attender who stopped her items, ratings blank
or low all quarter, invoices overdue while engaged, a package every other month, a client already High,
history left in an old base, a new client's bad first session or missed first sessions. The fourth:
sessions moved later and later, ratings high with items ignored or none set, ten 5s then a 1, late but
always paying, a backlog not yet due, no-shows by the associate, a package ended without renewal, team
clients (a workshop logged once per attendee), a weekly package met fortnightly by agreement, leap day and
month-end, a Start Date after the first session. The fifth: Status, package and Start Date all blank, an
associate logging sessions weeks late, sessions booked far ahead only, ratings on a 10-point scale (and a 6
typed among 5s), an email that bounced, a prepaid block left unused, a company being acquired, a teacher's
summer and her return, sessions on the client's weekend, items the associate's, results going backwards, a
pause after a bad rating, Satisfaction 0, Draft and Refunded invoices, a year prepaid, a seasonal pause. The
sixth: two sessions a week, a year-old rating, a handover with nothing since, the coach cancelling, a new
client's first no-show, invoices all Void, items all Cancelled, a Start Date ahead, a Completed client back,
Satisfaction typed 4.5, forty sessions in two years, a steady 3 rater, a rating on a session not yet held, a
Completed session dated a year ahead, a twice-weekly package met weekly, a retainer of 0 a month. The
seventh: a monthly package met every three weeks, one session 400 days ago and nothing since, quarterly
check-ins, a rating form moved from 10 points to 5 stars, a first session rated 2 with all since unrated, 0s
imported as "not rated", a downgrade, results beyond the goal or measured downward, a half-day intensive
logged twice, 35 days signed with the first session booked, the associate's three no-shows, a pause typed
ahead, an imported contact never coached, a rating on a Cancelled session, pro bono, one item three days late.
The eighth: parental leave (paused with and without Paused On, back with and without a resume), Paused On and
Resumed On swapped, a new client whose every session was cancelled, sessions logged Completed ahead or dated
next year, satisfaction blank for months, a burst of items after a holiday, a workshop's homework, a Start
Date a year ahead, a departed associate's client, a company's invoice, a Created Date only, a steady 4.
"""

from __future__ import annotations

import pytest

from tests.health.holdout import compare, load

# Left as they are (see bench/RESULTS-health.md): the cases whose outcome parts from the written expectation,
# and on which fields. In the first two: near-ties between two components' lost points, or a cost just over
# the 5-point "no driver" line the expectation drew; bands and alerts agree.
DRIVER = {"driver"}
LEFT = {
    "holdout_health.json": {
        "no-shows piling up, last held 50 days ago": DRIVER,  # an overdue item 16.7, recency at 50 days 16.5
        "paused three weeks ago": DRIVER,  # an average of 4.5 costs 5.2 once cadence and recency are out
        "B2 a rating of 1 two months ago, 5s since": DRIVER,  # the 1 stays in the 90-day average: 5.6 points
    },
    "holdout2_health.json": {
        # Weekly since an upgrade six weeks ago, fortnightly before: both packages kept, but the base keeps
        # no package history, so cadence is judged on today's package over 90 days (3.0 of 4: 6.7 points).
        "package upgraded mid-quarter, each package kept": DRIVER,
    },
    "holdout3_health.json": {
        # Weekly, six weeks off over the holidays with the next session booked: 75, Low by one point, 42
        # days being short of the 45-day line; written as Medium (the drop alert agrees). A rule moving it
        # would be keyed to this score.
        "six weeks off over the holidays, next session booked": {"band"},
        # High through the critical finding (the Critical line names the rating); a single 1 among eight
        # 5s costs under 5 points, so no component is the points' driver.
        "a rating of 1 a month ago, the sessions since unrated": DRIVER,
    },
    "holdout4_health.json": {
        # A weekly client unseen 36 days (her sessions moved later), a fortnightly one 40 days after her
        # package ended: Low at 81 and 78, written Medium; the drop alert fires for both. The second
        # holdout agreed a weekly client unseen 36 days is Low (with that alert), and the recency line
        # moved earlier for faster packages turned that one and a holiday gap around: left.
        "weekly, every session moved later, none held for 36 days, the next booked in two days": {"band"},
        "package ended without renewal: fortnightly, last held 40 days ago, nothing booked": {"band"},
        # Monthly on the 29th (or the month's last day), today's session not yet held: the 31-day months
        # put the third one 92 days back, so cadence reads 2 of the 3 the window fits that day (7 points);
        # fitting fewer would hide a month skipped.
        "leap day: a monthly package met on the 29th of each month": DRIVER,
        "month-end: a monthly package met on the last day of each month, today 31 December": DRIVER,
        # Now judged from her first session (87, was 76 on a 90-day window): 1 of the 2 a weekly package
        # fits in a new client's two weeks, the reading the second holdout agreed for ten days in.
        "Start Date next week, the discovery session already held and rated 5": DRIVER,
        # A No-show ends the new client's grace (the third holdout): the base does not say whose it was.
        "a new client whose first session the associate missed, rebooked for next week": {"band", "alert"},
    },
    "holdout5_health.json": {
        # Five weekly sessions past and still Scheduled (the associate logs late): only Completed ones
        # count, so recency is the driver and the 19-point drop alerts; the expectation (Low, no alert) is
        # judged wrong on the alert: five weeks with nothing logged is news, whoever's doing. The
        # breakdown now names them and the alert's next step asks the associate.
        "the associate has logged nothing for five weeks: five past weekly sessions still Scheduled": {
            "alert",
            "driver",
        },
        # 8s and 9s out of 10 read 4.3 of 5: 5.6 points lost, just over the 5-point "no driver" line, as
        # the first holdout's average of 4.5 (5.2 points).
        "ratings typed on a 10-point scale: 8s and 9s every week": DRIVER,
        # Three weeks cancelled, last held 25 days ago: 93, Low. Written Medium with an alert; by the lines
        # the earlier holdouts agreed (36 days unseen is Low) that is stricter than the rules: left.
        "company being acquired: she cancelled the last three weekly sessions herself": {
            "band",
            "alert",
            "driver",
        },
        # 62 days without a session on a monthly package: the 45-day critical line. A summer off agreed is
        # a pause (Paused); a booked next session cannot soften the line without turning the fourth
        # holdout's seven weeks of moved sessions (High, next booked in three days).
        "a teacher, monthly: nothing over the summer, last held 62 days ago, next booked in 8 days": {"band"},
        # The summer is still in the 90-day window: 2 of the 3 monthly sessions it fits (the leap-day case).
        "a teacher back in September: two monthly sessions held since the summer": DRIVER,
        # Half her sessions no-shows: cadence alone (7 of 13) costs 11 points, 89 Low. A no-show pattern
        # weighed on its own would be a new component or finding for the coach to set: left.
        "sessions on her weekend (another time zone): every other weekly one a no-show for 3 months": {
            "band",
            "alert",
        },
    },
    "holdout6_health.json": {
        # A month unseen since her associate left: cadence (9 of 12, 6.7 points) and recency at 30 days
        # (5.7) near-tied; the drop alert fires, which the corrected truth wants.
        "her associate left 30 days ago, no session since the handover, the record was Low at 97": DRIVER,
        # Ten days in, her one session a no-show: the no-show ends the grace (third holdout) and cadence
        # (0 of 2) is all that is counted beside payment: 33, High. Written Medium; as the fourth holdout's
        # associate-missed first session, softening it would need a rule for whose no-show it was.
        "ten days in: her first session a no-show, rebooked for next week": {"band", "alert"},
        # Six 3s after twenty 5s average 4.5: 5 points lost, under the 5-point "no driver" line (the
        # first holdout's 4.5).
        "two a week on a weekly package, the last six rated 3 after 5s, the record Low at 98": DRIVER,
        # One session in two days reads 1 of the 2 a weekly package fits from the first session (the
        # fourth holdout's Start Date case): 87, Low, cadence named.
        "two days in, the first session held today and rated 5": DRIVER,
    },
    "holdout7_health.json": {
        # A 10-point survey's 9s and 10s, then 5 stars' 4s and 5s: most ratings above 5, so all are read out
        # of 10 and the 4s and 5s cost 5.8 points. Which scale a rating was typed on is not in the base; a
        # 4 out of 10 after 9s is the fall the fifth holdout's rule is there to catch.
        "the rating form moved from a 10-point survey to 5 stars a month ago: 9s and 10s, then 4s and "
        "5s": DRIVER,
        # Now new until her booked first session (no alert; was 20, High): 100, Low with nothing counted,
        # where Medium with cadence named was written. The alert is what the coach wanted spared.
        "signed 35 days ago, her first session booked in 2 days on the date she chose, nothing held yet": {
            "band",
            "driver",
        },
        # One item, three days late, the only one: follow-through 0 of 1 costs 16.7 points (100 to 83), a
        # drop alert. An item counts whole from its day after (as the first holdout agreed); grading it by
        # how late it is, as payment is, would change every holdout's follow-through: the coach's to set.
        "one item, due three days ago, still open; everything else perfect, the record Low at 100": {"alert"},
    },
    # First look 23 of 25; the parental leave's Medium corrected to High by the README's weights.
    "holdout8_health.json": {
        "entered without a Start Date (Created Date 10 days ago), one session held and rated 4": DRIVER,
    },
}
# The agreement reached on each (first looks 28 of 32, 26 of 27, 16 of 23, 16 of 24, 19 of 25, 19 of 25
# 21 of 25
# and 23 of 25): a drop is a regression.
AGREED = {
    "holdout_health.json": 29,
    "holdout2_health.json": 26,
    "holdout3_health.json": 21,
    "holdout4_health.json": 18,
    "holdout5_health.json": 19,
    "holdout6_health.json": 21,
    "holdout7_health.json": 22,
    "holdout8_health.json": 24,
}
CASES = {(f, c["name"]): c for f in AGREED for c in load(f)["clients"]}


@pytest.mark.parametrize("name", sorted(AGREED))
def test_holdout__agreement_with_the_written_expectations(name):
    cases = {n: c for (f, n), c in CASES.items() if f == name}
    missed = {n for n, case in cases.items() if compare(case)}
    assert missed == set(LEFT[name])
    assert len(cases) - len(missed) >= AGREED[name]


@pytest.mark.parametrize(("file", "name"), sorted((f, n) for f, names in LEFT.items() for n in names))
def test_holdout__the_left_misses_are_the_ones_recorded(file, name):
    assert set(compare(CASES[file, name])) == LEFT[file][name]


@pytest.mark.parametrize(("file", "name"), sorted(k for k in CASES if k[1] not in LEFT[k[0]]))
def test_holdout__situation(file, name):
    assert compare(CASES[file, name]) == {}
