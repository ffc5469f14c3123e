"""The health score on client situations: expected scores and bands from the rules' intent (defaults:
weights cadence 20, recency 20, satisfaction 25, follow-through 15, payment 10, results 10; Low >= 75,
Medium >= 50; a component without data is left out and the others share its weight)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from automation.health.score import ClientFacts, band, score_client, trend
from automation.settings.health import HealthSettings
from tests.health.factories import TODAY, ago, client, fortnightly, healthy, invoice, item, package, session

S = HealthSettings()


def score(facts: ClientFacts, settings: HealthSettings = S):
    return score_client(facts, settings, TODAY)


def _c(**kw):
    return client(**kw)


# (id, facts, expected score, expected risk, words the breakdown must hold)
SITUATIONS = [
    ("healthy", healthy(), 100, "Low", ["Cadence: 22/22", "Results: not counted (no results ledger)"]),
    (
        "no-sessions-yet-60-days-in",
        ClientFacts(client=_c(start_date=TODAY.replace(day=3, month=10)), package=package(2)),
        0,  # only cadence and recency have data, and both are nil
        "High",
        ["no completed session since the start", "Critical: no completed session in 61 days"],
    ),
    (
        "new-client-nothing-to-measure",
        ClientFacts(client=_c(start_date=TODAY.replace(day=1)), package=package(2)),
        75,  # the starting score: no component has data
        "Low",
        ["Note: new client", "Recency: not counted (new client", "Satisfaction: not counted"],
    ),
    (
        "paused-client",
        ClientFacts(
            client=_c(status="Paused"),
            package=package(2),
            sessions=[session(80, 4)],
            invoices=[invoice("Paid", 50)],
        ),
        82,  # satisfaction 4/5 = 3/4 of 25, payment 10 of 10: 28.75 of 35
        "Low",
        ["Note: paused client", "Cadence: not counted (paused"],
    ),
    (
        "invoice-35-days-overdue",
        healthy(invoices=[invoice("Paid", 60), invoice("Sent", 35)]),
        89,  # no results ledger: the other 90 weight points share 100; payment's 10/90 lost
        "High",
        ["Payment: 0/11", "Critical: an invoice 35 days overdue"],
    ),
    (
        "invoice-15-days-overdue",
        healthy(invoices=[invoice("Overdue", 15)]),
        94,  # half of payment's 10/90 share: half way to the 30 days that leave none
        "Low",
        ["Payment: 6/11", "15 days overdue"],
    ),
    (
        "stopped-booking",
        healthy(sessions=[session(d) for d in (50, 64, 78)], action_items=[]),
        # cadence 1.0/month of 2 = 10 of 20; recency 50 days, 29 past the 21 full ones of the 39 to zero:
        # 10/39 of 20 = 5.13; satisfaction 25; payment 10: 50.13 of 75
        67,
        "High",
        ["Critical: no completed session in 50 days", "1 sessions/month"],
    ),
    (
        "results-ledger-a-fifth-of-the-way",
        healthy(client=_c(results_measure="Team engagement", baseline=3, goal=8, current=4)),
        92,  # results 2 of 10
        "Low",
        ["Results: 2/10 (Team engagement 4 (from 3 towards 8: 20% of the way)"],
    ),
    (
        "results-ledger-goal-reached",
        healthy(client=_c(baseline=3, goal=8, current=9)),
        100,
        "Low",
        ["Results: 10/10"],
    ),
    (
        "unfinished-firm-items-tentative-ignored",
        healthy(action_items=[item(10), item(20, "Open"), item(30, "In Progress"), item(5, "Open", True)]),
        89,  # 1 of 3 firm items done: 10 of the 15/90 weight lost; the tentative one is not chased
        "Low",
        ["1 of 3 firm action items"],
    ),
    (
        "entered-today-without-start-date",
        ClientFacts(client=_c(start_date=None, created_time=f"{TODAY}T08:00:00Z"), package=package(2)),
        75,  # new from the day the record was entered: nothing is late yet
        "Low",
        ["Note: new client (started 2026-12-03)", "Cadence: not counted (new client"],
    ),
    (
        "entered-60-days-ago-without-start-date-no-session",
        ClientFacts(client=_c(start_date=None, created_time=f"{ago(60)}T08:00:00Z"), package=package(2)),
        0,
        "High",
        ["Critical: no completed session in 60 days (since the start on 2026-10-04)"],
    ),
    (
        "no-start-date-no-record-date-no-session",
        ClientFacts(client=_c(start_date=None), package=package(2)),
        75,  # nothing known about when coaching began: no component can be judged
        "Low",
        ["Cadence: not counted (no completed session and no Start Date)"],
    ),
    (
        "no-package-cadence-neutral",
        healthy(package=None),
        100,
        "Low",
        ["Cadence: not counted (no package"],
    ),
]


@pytest.mark.parametrize(
    ("facts", "expected", "risk", "words"), [s[1:] for s in SITUATIONS], ids=[s[0] for s in SITUATIONS]
)
def test_score_client__situations(facts, expected, risk, words):
    health = score(facts)
    assert (health.score, health.risk) == (expected, risk), health.breakdown()
    for w in words:
        assert w in health.breakdown(), health.breakdown()


@pytest.mark.parametrize(
    ("zone", "entered_utc"),
    [
        ("America/New_York", f"{ago(59)}T03:30:00Z"),  # 23:30 New York time on the evening of ago(60)
        ("Australia/Sydney", f"{ago(61)}T22:00:00Z"),  # 09:00 Sydney time on the morning of ago(60)
    ],
)
def test_score_client__a_record_entered_near_local_midnight_starts_on_the_business_day(zone, entered_utc):
    # No Start Date: the client is new from the day the coach entered her, counted in the business's day
    # (DESIGN §2.9), not in UTC's, which is a day later west of UTC in the evening, earlier east of it.
    facts = ClientFacts(client=_c(start_date=None, created_time=entered_utc), package=package(2))
    health = score_client(facts, S, TODAY, ZoneInfo(zone))
    assert f"no completed session in 60 days (since the start on {ago(60)})" in health.breakdown()


def test_score_client__one_bad_rating_makes_a_healthy_client_high_and_says_so():
    facts = healthy(sessions=[*fortnightly(last=17), session(2, rating=2)])
    health = score(facts)
    assert health.risk == "High"
    assert health.score >= 75  # the weighted score alone would not have raised the alarm
    assert "Critical: latest rating 2/5" in health.breakdown()


def test_score_client__a_later_good_rating_clears_the_bad_one():
    facts = healthy(sessions=[*fortnightly(last=17), session(10, rating=2), session(2, rating=5)])
    assert score(facts).risk == "Low"


def test_score_client__each_counted_component_has_one_line_and_points_sum_to_score():
    health = score(healthy(client=_c(baseline=1, goal=5, current=3)))
    lines = health.breakdown().splitlines()
    assert [x.split(":")[0] for x in lines] == [
        "Cadence",
        "Recency",
        "Satisfaction",
        "Follow-through",
        "Payment",
        "Results",
    ]
    assert round(sum(health.points(c.key) for c in health.components)) == health.score


@pytest.mark.parametrize(
    ("component", "worse_to_better"),
    [
        ("satisfaction", [healthy(sessions=fortnightly(rating=r)) for r in (1, 2, 3, 4, 5)]),
        ("recency", [healthy(sessions=[session(d)]) for d in (80, 60, 45, 30, 21, 5)]),
        ("cadence", [healthy(sessions=[session(3 + 12 * i) for i in range(n)]) for n in range(1, 8)]),
        ("payment", [healthy(invoices=[invoice("Sent", d)]) for d in (45, 30, 20, 10, 1, -5)]),
        (
            "follow_through",
            [
                healthy(action_items=[item(5 + i, "Complete" if i < k else "Open") for i in range(4)])
                for k in range(5)
            ],
        ),
        ("results", [healthy(client=_c(baseline=0, goal=10, current=c)) for c in (-2, 0, 3, 6, 10, 12)]),
    ],
)
def test_score_client__monotonic_in_each_component(component, worse_to_better):
    scores = [score(f).score for f in worse_to_better]
    assert scores == sorted(scores), (component, scores)
    assert scores[0] < scores[-1], (component, scores)  # the component moves the score at all


@pytest.mark.parametrize(
    ("value", "expected"),
    [(100, "Low"), (75, "Low"), (74, "Medium"), (50, "Medium"), (49, "High"), (0, "High")],
)
def test_band__cut_offs(value, expected):
    assert band(value, S) == expected


@pytest.mark.parametrize(
    ("new", "previous", "expected"),
    [
        (70, None, "New"),
        (70, 80, "Declining"),
        (80, 70, "Improving"),
        (72, 70, "Stable"),
        (65, 70, "Declining"),
    ],
)
def test_trend__against_previous(new, previous, expected):
    assert trend(new, previous, S) == expected


def test_score_client__trend_holds_between_changes():
    """A score that did not change keeps comparing with the one before it, so Declining stays Declining."""
    base = healthy(invoices=[invoice("Sent", 35)])
    first = score(ClientFacts(**{**base.__dict__, "client": _c(health_score=100)}))
    assert (first.score, first.previous, first.trend) == (89, 100, "Declining")
    again = score(ClientFacts(**{**base.__dict__, "client": _c(health_score=89, previous_health_score=100)}))
    assert (again.previous, again.trend) == (100, "Declining")


def test_score_client__health_changed_is_the_day_the_score_last_moved():
    base = healthy(invoices=[invoice("Sent", 35)])  # scores 89
    moved = score(ClientFacts(**{**base.__dict__, "client": _c(health_score=100, health_changed=ago(40))}))
    assert (moved.score, moved.fields()["health_changed"]) == (89, TODAY)
    same = score(ClientFacts(**{**base.__dict__, "client": _c(health_score=89, health_changed=ago(40))}))
    assert same.fields()["health_changed"] == ago(40)  # unchanged: the weekly report does not call it a mover
    first = score(ClientFacts(**{**base.__dict__, "client": _c()}))
    assert first.fields()["health_changed"] == TODAY


def test_score_client__weights_from_settings():
    only_payment = HealthSettings(weights={"payment": 1})
    facts = healthy(invoices=[invoice("Sent", 15)])
    assert score(facts, only_payment).score == 50


def test_score_client__usage_freq_is_sessions_per_month_over_90_days():
    facts = healthy(sessions=[session(d) for d in (5, 20, 35, 50, 65, 80)])  # six in ~three months
    assert score(facts).usage_freq == pytest.approx(2.0, abs=0.05)


@pytest.mark.parametrize(
    ("name", "email", "called"),
    [
        ("  Jo   Client ", "jo@client.example", "Jo Client"),
        ("   ", "jo@client.example", "jo@client.example"),  # a Name typed as spaces
        (None, " jo@client.example ", "jo@client.example"),  # a Name cleared
        ("", None, "A client (no name)"),
    ],
)
def test_alert__names_the_client_readably_when_her_name_is_blank(name, email, called):
    from automation.health.alerts import alert_draft
    from automation.settings import settings_from_mapping

    who = client(name=name, email=email, risk_level="Low", health_score=90)
    health = score(healthy(client=who, sessions=[*fortnightly(last=17), session(2, rating=2)]))
    draft = alert_draft(who, health, "high", settings_from_mapping({}), TODAY)
    assert draft.subject == draft.data["heading"] == f"{called} is now High risk"
    assert draft.data["summary"].startswith(f"{called} moved to High risk (")
    step = "the client" if called == "A client (no name)" else called
    assert f"Call {step} this week" in draft.data["summary"]


def test_alert__a_clients_first_score_says_so_not_was_question_mark():
    # A client imported without a session for months is High at her very first score: the alert's facts
    # must not read "Health: 12 (was ?)" / "Risk: High (was not scored)" as if a figure were missing.
    from automation.health.alerts import alert_draft
    from automation.settings import settings_from_mapping

    who = client(name="Jo Client", email="jo@client.example")
    health = score(healthy(client=who, sessions=[*fortnightly(last=17), session(2, rating=2)]))
    draft = alert_draft(who, health, "high", settings_from_mapping({}), TODAY)
    facts = dict(draft.data["facts"])
    assert facts["Health"] == f"{health.score} (first score)" and facts["Risk"] == "High (first score)"
    seen = client(name="Jo Client", email="jo@client.example", risk_level="Low", health_score=90)
    facts = dict(alert_draft(seen, health, "high", settings_from_mapping({}), TODAY).data["facts"])
    assert facts["Health"] == f"{health.score} (was 90)" and facts["Risk"] == "High (was Low)"


def test_score_client__a_move_made_by_pausing_or_resuming_is_noted_while_it_is_compared_with():
    """Pausing stops cadence and recency counting, so the score jumps without her health changing: the
    breakdown says so beside Previous Health Score (the weekly report's movers read it), as long as that
    comparison stands; a later move of her own health drops it."""
    facts = healthy(sessions=[session(50)])  # no session for 50 days: recency and cadence count against her

    def rescored(prev, **kw):
        stored = {**prev.fields(), **kw} if prev else kw
        stored = {k: v for k, v in stored.items() if k in ("health_score", "previous_health_score",
                  "health_changed", "risk_level", "health_trend", "health_breakdown", "status")}  # fmt: skip
        return score(ClientFacts(**{**facts.__dict__, "client": _c(**stored)}))

    active = rescored(None, status="Active")
    again = rescored(active, status="Active")
    assert "since the previous score" not in again.breakdown()
    paused = rescored(again, status="Paused")
    assert paused.score != active.score and paused.previous == active.score
    assert "Note: paused since the previous score" in paused.breakdown()
    assert "Note: paused since the previous score" in rescored(paused, status="Paused").breakdown()
    # resumed: her grace keeps cadence and recency out, so the score stays the paused one, still compared
    # with the one before the pause, and the note of that move stays with it
    resumed = rescored(paused, status="Active")
    assert resumed.score == paused.score and resumed.previous == active.score
    assert "Note: paused since the previous score" in resumed.breakdown()
    # a move of her own (an invoice now long overdue) while paused is not the pause's
    facts = healthy(sessions=[session(50)], invoices=[invoice("Sent", 35)])
    own = rescored(rescored(paused, status="Paused"), status="Paused")
    assert own.score != paused.score and "since the previous score" not in own.breakdown()


def _as_stored(health, **kw):
    """The client record as the health job leaves it after writing `health` (and `kw`: a status change)."""
    kept = {k: v for k, v in health.fields().items() if k.startswith("health") or k == "risk_level"}
    return _c(**{**kept, **kw})


def test_score_client__a_resumed_client_is_not_late_until_a_new_clients_window_has_passed_since_the_resume():
    """Paused for two months, then resumed by the coach: the pause was hers, so the days without a session
    count from the resume, as a new client's count from her start (30 days before cadence and recency
    count, the no-session check at 45 days since the resume), and the resume raises no alert."""
    from datetime import timedelta

    from automation.health.alerts import transition

    facts = healthy(sessions=fortnightly(last=60, until=130))  # the last session just before the pause

    def on(who, day=TODAY):
        return score_client(ClientFacts(**{**facts.__dict__, "client": who}), S, day)

    paused = on(_c(status="Paused"))
    back = _as_stored(paused, status="Active")
    resumed = on(back)
    assert resumed.risk != "High" and resumed.critical == []
    assert "Cadence: not counted" in resumed.breakdown() and "Recency: not counted" in resumed.breakdown()
    assert f"Note: resumed on {TODAY}" in resumed.breakdown()
    assert transition(back, resumed, S.alert_drop_points) is None

    def later(days):  # the day of the resume is carried by the breakdown from score to score
        return on(_as_stored(resumed), TODAY + timedelta(days=days))

    month_on = later(35)  # past the 30-day window: cadence and recency count, from the resume
    assert "Cadence: 0/" in month_on.breakdown() and "since the resume" in month_on.breakdown()
    assert month_on.critical == []  # 35 days since the resume, not the 95 since the last session
    assert later(46).risk == "High"
    assert later(46).critical == [f"no completed session in 46 days (since the resume on {TODAY})"]


@pytest.mark.parametrize(
    ("extra", "finding"),
    [
        ({"invoices": [invoice("Sent", 35)]}, "an invoice 35 days overdue"),
        ({"sessions": [*fortnightly(last=60, until=130), session(0, rating=2)]}, "latest rating 2/5"),
    ],
)
def test_transition__a_critical_finding_on_the_day_of_the_resume_still_alerts(extra, finding):
    from automation.health.alerts import transition

    facts = healthy(sessions=fortnightly(last=60, until=130))
    paused = score(ClientFacts(**{**facts.__dict__, "client": _c(status="Paused")}))
    back = _as_stored(paused, status="Active", risk_level="Low")
    resumed = score(ClientFacts(**{**facts.__dict__, **extra, "client": back}))
    assert resumed.risk == "High" and any(finding in c for c in resumed.critical)
    assert transition(back, resumed, S.alert_drop_points) == "high"


def test_score_client__a_client_paused_before_any_score_and_resumed_is_not_late_for_the_break():
    """Never scored while paused (health was switched on later, or in Shadow): her breakdown has no pause
    note, but Paused On holds the break (typed by the coach). Set Active again, she is resumed today: the two
    months without a session are the break, not lateness; Resumed On is stamped and no alert is raised."""
    from automation.health.alerts import transition

    facts = healthy(sessions=fortnightly(last=60, until=130))
    back = _c(status="Active", paused_on=ago(58), risk_level=None)
    resumed = score(ClientFacts(**{**facts.__dict__, "client": back}))
    assert resumed.risk != "High" and resumed.critical == []
    assert "Cadence: not counted" in resumed.breakdown() and "Recency: not counted" in resumed.breakdown()
    assert f"Note: resumed on {TODAY}" in resumed.breakdown()
    assert (resumed.fields()["paused_on"], resumed.fields()["resumed_on"]) == (ago(58), TODAY)
    assert transition(back, resumed, S.alert_drop_points) is None


def test_score_client__a_resume_typed_by_the_coach_counts_from_its_day():
    """Paused On and Resumed On both typed (a break no score saw, ended 10 days ago): no session since the
    resume is not late within the new client's window; 46 days after it, the no-session check counts from
    the resume, not from the last session before the break."""
    from datetime import timedelta

    facts = healthy(sessions=fortnightly(last=70, until=130))
    who = _c(status="Active", paused_on=ago(68), resumed_on=ago(10))
    soon = score(ClientFacts(**{**facts.__dict__, "client": who}))
    assert soon.critical == [] and soon.resumed_on == ago(10)
    late = score_client(ClientFacts(**{**facts.__dict__, "client": who}), S, ago(10) + timedelta(days=46))
    assert late.critical == [f"no completed session in 46 days (since the resume on {ago(10)})"]


def test_score_client__a_paused_client_gets_the_first_day_of_her_pause_stamped_once():
    facts = healthy(sessions=fortnightly(last=20))
    first = score(ClientFacts(**{**facts.__dict__, "client": _c(status="Paused")}))
    assert first.fields()["paused_on"] == TODAY and "resumed_on" not in first.fields()
    kept = score(ClientFacts(**{**facts.__dict__, "client": _c(status="Paused", paused_on=ago(9))}))
    assert kept.fields()["paused_on"] == ago(9)
    # paused again after an earlier break ended: the new pause starts today
    again = _c(status="Paused", paused_on=ago(200), resumed_on=ago(150))
    assert score(ClientFacts(**{**facts.__dict__, "client": again})).fields()["paused_on"] == TODAY


def _follow_through_line(health) -> str:
    return next(line for line in health.breakdown().splitlines() if line.startswith("Follow-through"))


def test_follow_through__an_item_due_during_the_pause_has_its_date_moved_by_the_pause_length():
    """Paused 40 days ago, resumed 5 days ago (a 35-day break). An open item due 38 days ago had 2 days
    left when the break began: due 3 days ago once the break is taken out, so it counts as overdue; one
    due 20 days ago had 20 days left: due 15 days from now, not yet counted. An item done before the pause
    counts as it did."""
    facts = healthy(
        sessions=[*fortnightly(last=45), session(3)],
        action_items=[item(38, "Open"), item(20, "Open"), item(50, "Complete")],
    )
    who = _c(status="Active", paused_on=ago(40), resumed_on=ago(5))
    ft = _follow_through_line(score(ClientFacts(**{**facts.__dict__, "client": who})))
    assert "1 of 2 firm action items due were completed" in ft and "1 due during the pause" in ft


def test_follow_through__an_item_falling_due_while_she_is_paused_is_not_overdue_during_the_break():
    facts = healthy(action_items=[item(5, "Open"), item(30, "Complete")])
    paused = score(ClientFacts(**{**facts.__dict__, "client": _c(status="Paused", paused_on=ago(10))}))
    assert "1 of 1 firm action items due were completed" in _follow_through_line(paused)
    # due before the pause began: still overdue
    earlier = score(ClientFacts(**{**facts.__dict__, "client": _c(status="Paused", paused_on=ago(3))}))
    assert "1 of 2 firm action items due were completed" in _follow_through_line(earlier)


def test_follow_through__an_item_due_today_is_late_only_tomorrow_but_counts_today_once_ticked():
    """Her item is due today: not ticked yet at the morning's score, she still has the day (no dip, no
    drop alert for a client with nothing else to chase); ticked today, it counts as done."""
    open_today = score(healthy(action_items=[item(0, "Open")]))
    assert "Follow-through: not counted" in open_today.breakdown() and open_today.score == 100
    ticked = score(healthy(action_items=[item(0, "Complete"), item(25, "Open")]))
    assert "1 of 2 firm action items due were completed" in _follow_through_line(ticked)


def test_score_client__ratings_low_all_quarter_are_critical_though_the_latest_is_better():
    """Twelve 2s and a latest 3: the latest-rating check alone passes her, and satisfaction can cost only
    its weight, so she read Low; the average, read to the nearest star, is a 2: High, and it says so."""
    facts = healthy(sessions=[session(3, 3), *[session(d, 2) for d in range(10, 88, 7)]])
    health = score(facts)
    assert health.risk == "High"
    assert "Critical: average rating 2.1/5 from 13 rated sessions in 90 days" in health.breakdown()
    from automation.health.alerts import next_step

    assert "rated low for weeks" in next_step(facts.client, health)


@pytest.mark.parametrize(
    ("ratings", "critical"),
    [
        ([2, 2], False),  # fewer than three ratings: the average is not enough to go on
        ([3, 2, 2], True),  # 2.3 reads as 2 stars
        ([3, 3, 2], False),  # 2.7 reads as 3
    ],
)
def test_score_client__the_average_rating_counts_from_three_ratings(ratings, critical):
    facts = healthy(sessions=[session(3 + 14 * n, r) for n, r in enumerate(ratings)])
    assert any("average rating" in c for c in score(facts).critical) is critical


def test_score_client__a_package_every_other_month_met_exactly_is_on_plan():
    """Sessions 55 and 115 days ago on a package of one every other month: the recency and no-session lines
    (set for a monthly rhythm or faster) stretch by the extra month between its sessions, and the 90-day
    window fits one of its sessions, not one and a half."""
    facts = healthy(package=package(0.5), sessions=[session(55), session(115)], action_items=[])
    health = score(facts)
    assert health.critical == []
    assert health.score >= 95 and health.risk == "Low"
    assert "(1 of the 1 it fits)" in health.breakdown()
    assert score(healthy(package=package(0.5), sessions=[session(80)])).risk == "High"  # 80 days: late


def test_score_client__cadence_is_judged_in_whole_sessions():
    # A weekly package fits 12 sessions in 90 days: 12 held is on plan (3.9 a month read as short of 4).
    weekly = score(healthy(package=package(4), sessions=[session(d) for d in range(3, 84, 7)]))
    assert "(12 of the 12 it fits)" in weekly.breakdown()
    assert next(c for c in weekly.components if c.key == "cadence").fraction == 1.0


def test_score_client__last_session_kept_on_the_client_with_no_session_record_leaves_cadence_out():
    """Moved over from an old base: Last Session typed 10 days ago, her sessions not in this base. How
    often she comes is unknown here (not none): cadence is not counted, recency reads the date."""
    facts = ClientFacts(client=_c(last_session=ago(10)), package=package(4), invoices=[invoice("Paid", 20)])
    health = score(facts)
    assert "Cadence: not counted (last session" in health.breakdown()
    assert health.risk == "Low"


@pytest.mark.parametrize("statuses", [["No-show"], ["No-show", "No-show"]])
def test_score_client__a_new_client_who_missed_her_first_session_is_not_in_the_grace(statuses):
    """Twenty days in, no session held because she did not come: a session was due, so 'not late yet'
    no longer holds and cadence counts (nothing held)."""
    sessions = [session(13 - 7 * n, None, st) for n, st in enumerate(statuses)]
    facts = ClientFacts(client=_c(start_date=ago(20)), package=package(4), sessions=sessions)
    health = score(facts)
    assert "Note: new client" not in health.breakdown()
    assert "Cadence: 0/" in health.breakdown()
    assert health.risk == "High"
    # Only sessions still to come: the grace holds.
    booked = ClientFacts(
        client=_c(start_date=ago(20)), package=package(4), sessions=[session(-2, None, "Scheduled")]
    )
    assert score(booked).risk == "Low"


def test_score_client__a_resumed_client_who_missed_a_session_since_is_not_in_the_grace():
    facts = healthy(
        client=_c(paused_on=ago(70), resumed_on=ago(10)),
        sessions=[*fortnightly(last=75, until=130), session(4, None, "No-show")],
    )
    health = score(facts)
    assert "no session since the resume is not late yet" not in health.breakdown()
    assert "Cadence: 0/" in health.breakdown()


def test_follow_through__items_left_undone_long_past_their_day_still_count():
    """Rated 5 and never missing a session, but her items have sat open since before the quarter: they
    are still not followed through (as an unpaid invoice of any age is still unpaid), so follow-through
    counts them; done long ago, they are history and leave the window as before."""
    stale = score(healthy(action_items=[item(95, "Open"), item(120, "In Progress")]))
    assert "0 of 2 firm action items due were completed" in _follow_through_line(stale)
    assert stale.score < 90 and stale.risk == "Low"
    done_long_ago = score(healthy(action_items=[item(95), item(120)]))
    assert "Follow-through: not counted" in done_long_ago.breakdown()
    cancelled = score(healthy(action_items=[item(95, "Cancelled"), item(120, "Open", tentative=True)]))
    assert "Follow-through: not counted" in cancelled.breakdown()


def test_score_client__the_latest_days_ratings_are_read_together():
    """A team's workshop logged once per attendee: four 5s/4s and one 2 on the latest day is a good
    sitting (4.2 on average), not a latest rating of 2, whichever record sorts last; a day whose ratings
    average 2 or less is still critical."""
    day = [session(12, r) for r in (5, 5, 4, 5, 2)]
    team = score(healthy(package=package(1), sessions=[*day, session(42, 5), session(72, 5)]))
    assert team.critical == [] and team.risk == "Low"
    bad = [session(12, r) for r in (2, 1, 3)]
    worse = score(healthy(package=package(1), sessions=[*bad, session(42, 5), session(72, 5)]))
    assert worse.risk == "High"
    assert any(c.startswith("latest ratings 2.0/5 on average from 3 sessions on") for c in worse.critical)


def test_cadence__a_start_date_after_her_first_session_counts_from_that_session():
    """The Start Date typed for next week, the discovery session already held three days ago: she is
    three days in, judged on the new client's two weeks (1 of the 2 a weekly package fits), not on a
    whole 90-day window before she began (1 of 12)."""
    facts = ClientFacts(
        client=_c(start_date=ago(-7)),
        package=package(4),
        sessions=[session(3), session(-4, None, "Scheduled")],
        invoices=[invoice("Sent", -5)],
    )
    health = score(facts)
    assert "(1 of the 2 it fits)" in health.breakdown()
    assert health.score >= 85 and health.risk == "Low"


def test_satisfaction__ratings_typed_out_of_10_are_read_on_the_5_point_scale():
    weekly = [session(d, 8 + d % 2) for d in range(8, 86, 7)]
    steady = score(healthy(package=package(4), sessions=weekly))
    assert steady.risk == "Low"
    assert "rated out of 10" in steady.breakdown()
    # A 3 out of 10 is a bad session (1.9 stars): a critical finding, as a 2 out of 5 is.
    bad = score(healthy(package=package(4), sessions=[session(1, 3), *weekly]))
    assert bad.risk == "High"
    assert any("latest rating 1.9/5" in c for c in bad.critical)


def test_satisfaction__one_6_typed_among_5s_is_a_5_not_a_10_point_scale():
    h = score(healthy(sessions=[session(3, 6), *fortnightly(17)]))
    assert h.satisfaction == 5
    assert "out of 10" not in h.breakdown()


def test_recency__past_sessions_still_scheduled_are_named_and_the_next_step_asks_the_associate():
    from automation.health.alerts import next_step

    weekly = [session(d) for d in range(38, 88, 7)]
    unlogged = [session(d, None, "Scheduled") for d in range(3, 32, 7)]
    h = score(healthy(package=package(4), sessions=weekly + unlogged + [session(-4, None, "Scheduled")]))
    assert "5 past sessions since still Scheduled (not marked Completed)" in h.breakdown()
    assert "associate" in next_step(healthy().client, h)
    # Without them, the client is the one to reach.
    plain = score(healthy(package=package(4), sessions=weekly))
    assert "Scheduled" not in plain.breakdown()
    assert "Reach out" in next_step(healthy().client, plain)


def test_score_client__satisfaction_typed_with_a_fraction_is_read_not_refused():
    # A Satisfaction field still a Number (a survey's averages, 4.5 and 4.75) failed the Session model.
    facts = healthy(sessions=[session(d, rating=None) for d in (3, 17, 31, 45, 59, 73, 87)])
    for s, r in zip(facts.sessions, (4.5, 4.75, 4.5, 4.75, 4.5, 4.75, 4.5), strict=True):
        s.satisfaction = r
    fresh = type(facts.sessions[0]).model_validate(facts.sessions[0].model_dump() | {"satisfaction": 4.75})
    assert fresh.satisfaction == 4.75
    health = score(facts)
    assert health.risk == "Low"
    assert health.satisfaction == pytest.approx(4.607, abs=0.01)


def test_score_client__a_first_session_booked_and_still_to_come_keeps_her_new_up_to_the_no_session_line():
    """Signed 35 days ago, her first session booked for the day after tomorrow on a date she chose, none
    due before it: her coaching has not begun, so nothing held is not late yet (no alert, no 20 out of
    100). A start put off to the no-session line is news whatever is booked; a session cancelled or missed
    before it shows one was due (the grace ends, as for a no-show)."""

    def facts(start: int, *extra) -> ClientFacts:
        return ClientFacts(
            client=_c(start_date=ago(start)),
            package=package(4),
            sessions=[session(-2, None, "Scheduled"), session(-9, None, "Scheduled"), *extra],
            invoices=[invoice("Sent", -5)],
        )

    health = score(facts(35))
    assert health.risk == "Low" and not health.critical
    assert f"first session booked for {ago(-2)}" in health.breakdown()
    assert "Cadence: not counted (new client" in health.breakdown()
    assert score(facts(46)).risk == "High"  # the no-session line: 46 days without a session
    for status in ("Cancelled", "No-show"):
        assert score(facts(35, session(5, None, status))).risk == "High"
