"""Associates' figures, matching and onboarding: pure rules on small situations (defaults: quality over 90
days from at least 3 ratings, flagged below 4.5; 8 places without Max Clients; matching points specialty 50,
quality 25, certification 15, spare capacity 10)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from automation.associates.figures import CHECKLIST, figures, new_flags, onboarding_progress
from automation.associates.matching import left_with_none, needs_associate, rank
from automation.associates.messages import onboarding_reminder, performance_alert, proposal_draft
from automation.associates.onboarding import onboarding_days, overdue
from automation.models import Associate, Client, Session
from automation.settings import BusinessSettings
from automation.settings.associates import AssociateSettings

TODAY = date(2026, 12, 3)
S = AssociateSettings()


def ago(days: int, hour: int = 10) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days), time(hour), tzinfo=UTC)


def assoc(rid="recAs1", **kw) -> Associate:
    return Associate(**({"id": rid, "name": "Ann Assoc", "status": "Active", "max_clients": 5} | kw))


def client(rid="recCl1", **kw) -> Client:
    return Client(**({"id": rid, "name": "Cal Client", "status": "Active"} | kw))


def sess(
    days: int, rating: int | None, who: str = "recAs1", status: str = "Completed", rid: str = ""
) -> Session:
    return Session(
        id=rid or f"recSe{days:03d}{rating}",
        associate=[who],
        session_date=ago(days),
        status=status,
        satisfaction=rating,
    )


def test_figures__quality_is_the_average_of_the_window_with_its_count():
    sessions = [sess(5, 5), sess(12, 4), sess(30, 5), sess(100, 1), sess(7, 2, status="Cancelled")]
    f = figures(assoc(), [], sessions, {}, S, TODAY)
    assert (f.quality, f.rated) == (4.67, 3)  # the 100-day-old and the cancelled session are not counted
    assert f.flags == []


def test_figures__no_quality_below_the_minimum_count_and_no_flag():
    f = figures(assoc(), [], [sess(5, 1), sess(6, 2)], {}, S, TODAY)
    assert (f.quality, f.rated, f.flags) == (None, 2, [])
    assert "quality not scored yet (2 of 3 rated sessions)" in f.summary(S)


def test_figures__flags_low_quality_and_overload():
    clients = [client(f"recCl{i}", associate=["recAs1"]) for i in range(3)]
    clients.append(client("recClX", associate=["recAs1"], status="Completed"))  # finished: no longer a load
    f = figures(assoc(max_clients=2), clients, [sess(5, 4), sess(6, 4), sess(7, 5)], {}, S, TODAY)
    assert f.load == 3
    assert f.flags == ["quality 4.33 is below 4.5", "3 clients is over the maximum of 2"]


def test_new_flags__an_issue_is_new_once_whatever_its_figure_does_next():
    quality, load = "quality 4.40 is below 4.5", "9 clients is over the maximum of 8"
    assert new_flags(None, [quality]) == [quality]  # quality under the 4.5 bar: the coach hears of it
    assert new_flags("quality 4.42 is below 4.5", ["quality 4.38 is below 4.5"]) == []  # the same issue
    assert new_flags("quality 4.40 is below 4.5", [quality, load]) == [load]  # a second kind of issue
    assert new_flags(quality, []) == []  # resolved: nothing to say


def test_performance_alert__names_the_issue_and_suggests_an_improvement():
    d = performance_alert(
        assoc(name="Ann Assoc"), ["quality 4.40 is below 4.5"], "quality 4.40 from 5 rated sessions",
        BusinessSettings(), "2026-12-03",
    )  # fmt: skip
    assert (d.kind, d.channel, d.link_ids("associate")) == ("Associate Alert", "Slack", ["recAs1"])
    assert "Ann Assoc" in d.subject and "4.40 is below 4.5" in d.subject
    assert "Suggested next step" in d.data["summary"] and "4.5/5" in d.data["summary"]
    assert d.kind in BusinessSettings().messages.auto_send_kinds  # sent, not left waiting for approval


def test_figures__sessions_per_week_and_notes_timeliness():
    sessions = [sess(d, 5, rid=f"recS{d:03d}") for d in range(1, 90, 7)]  # one a week: 13 in 90 days
    sent = {f"recS{d:03d}": ago(d) + timedelta(days=2) for d in range(8, 90, 7)}  # notes two days later
    f = figures(assoc(), [], sessions, sent, S, TODAY)
    assert f.sessions_per_week == pytest.approx(1.0, abs=0.05)
    assert (f.notes_days, f.notes_pending) == (2.0, 1)
    assert "notes sent 2.0 days after the session, 1 awaiting notes" in f.summary(S)


def test_figures__sessions_per_week_of_a_new_associate_over_the_days_since_the_hire():
    # Hired 14 days ago, four sessions since: two a week (not 4 over the 90-day window's 12.9 weeks).
    new = assoc(hire_date=TODAY - timedelta(days=14))
    four = [sess(d, 5, rid=f"recS{d:03d}") for d in (1, 4, 8, 12)]
    assert figures(new, [], four, {}, S, TODAY).sessions_per_week == 2.0
    # Hired yesterday with one session: judged on a week at least (1 a week), never on a day.
    assert (
        figures(assoc(hire_date=TODAY - timedelta(days=1)), [], four[:1], {}, S, TODAY).sessions_per_week
        == 1.0
    )
    # Hired long ago: the whole window (4 over 90 days = 0.3 a week).
    old = assoc(hire_date=TODAY - timedelta(days=400))
    assert figures(old, [], four, {}, S, TODAY).sessions_per_week == 0.3


def test_onboarding_progress__share_of_the_checklist():
    assert onboarding_progress(assoc()) == 0
    assert onboarding_progress(assoc(onb_agreement=True, onb_systems=True, onb_methodology=True)) == 0.5


@pytest.mark.parametrize(
    ("status", "hired_days_ago", "expected"),
    [("Onboarding", 15, True), ("Onboarding", 14, False), ("Active", 40, False), ("Onboarding", None, False)],
)
def test_onboarding__overdue_after_14_days(status, hired_days_ago, expected):
    hire = None if hired_days_ago is None else TODAY - timedelta(days=hired_days_ago)
    assert overdue(assoc(status=status, hire_date=hire), TODAY, 14) is expected


def test_onboarding__without_a_hire_date_counts_from_the_business_day_the_record_was_entered():
    """Entered at 23:30 in New York on the 1st (the 2nd in UTC) and at 09:00 in Sydney on the 2nd (the 1st
    in UTC): each started on its own business day, 15 days before the 16th: overdue (the target is 14)."""
    from zoneinfo import ZoneInfo

    for zone, entered in (("America/New_York", datetime(2026, 3, 2, 4, 30, tzinfo=UTC)),
                          ("Australia/Sydney", datetime(2026, 3, 1, 22, 0, tzinfo=UTC))):  # fmt: skip
        tz = ZoneInfo(zone)
        a = assoc(status="Onboarding").model_copy(update={"created_time": entered})
        local_day = entered.astimezone(tz).date()
        assert onboarding_days(a, local_day + timedelta(days=15), tz) == 15
        assert overdue(a, local_day + timedelta(days=15), 14, tz) is True
        assert overdue(a, local_day + timedelta(days=14), 14, tz) is False


def test_onboarding_reminder__names_missing_steps_and_repeats_weekly_only():
    a = assoc(status="Onboarding", onb_agreement=True)
    first, same_week, next_week = (onboarding_reminder(a, BusinessSettings(), d) for d in (15, 21, 22))
    assert "Missing: Methodology Training" in first.data["items"]
    assert "Missing: Agreement Signed" not in first.data["items"]
    assert first.dedupe_key == same_week.dedupe_key != next_week.dedupe_key


def test_onboarding_reminder__every_step_done_but_still_onboarding_says_to_set_them_active():
    done = assoc(status="Onboarding", **{k: True for k in CHECKLIST})
    d = onboarding_reminder(done, BusinessSettings(), 15)
    assert d.data.get("items", []) == []
    assert "missing steps" not in d.data["summary"] and "set them Active" in d.data["summary"]


FOCUS = ["Team Leadership", "Communication", "Change Management"]


def test_rank__specialty_overlap_first_with_reasons():
    a = assoc(
        "recA",
        name="Ann",
        specialty=["Team Leadership", "Communication"],
        quality_score=4.6,
        certification_level="Practitioner",
    )
    b = assoc(
        "recB", name="Bob", specialty=["Career Transition"], quality_score=5.0, certification_level="Master"
    )
    ranked = rank(client(focus_areas=FOCUS), [b, a], {"recA": 1, "recB": 0}, S)
    assert [c.associate.id for c in ranked] == ["recA", "recB"]
    assert ranked[0].reasons == [
        "covers Team Leadership, Communication (2 of 3 focus areas)",
        "quality 4.60",
        "Practitioner certified",
        "1 of 5 clients",
    ]
    assert ranked[1].reasons[0] == "covers none of the focus areas"


def test_rank__specialties_typed_in_another_case_with_separators_or_shortened_still_cover():
    # Specialty and Focus Areas are two option lists: the coach types them apart (another case, several
    # areas in one option from an import, a shortened word); they name the same areas all the same.
    lower = assoc("recA", name="Ann", specialty=["team leadership", "COMMUNICATION"], quality_score=4.6)
    joined = assoc(
        "recB", name="Bob", specialty=["Exec presence; conflict, Team Leadership"], quality_score=4.6
    )
    exact = assoc("recC", name="Cy", specialty=["Strategic Thinking"], quality_score=5.0)
    focus = client(focus_areas=["Team Leadership", "Communication", "Executive Presence"])
    ranked = rank(focus, [exact, joined, lower], {}, S)
    assert [c.associate.id for c in ranked] == ["recA", "recB", "recC"]
    assert ranked[0].reasons[0] == "covers Team Leadership, Communication (2 of 3 focus areas)"
    assert ranked[1].reasons[0] == "covers Team Leadership, Executive Presence (2 of 3 focus areas)"
    assert ranked[2].reasons[0] == "covers none of the focus areas"
    # The client's own areas typed in one option count one by one, each once.
    two = client(focus_areas=["executive presence, Conflict", "Executive  Presence"])
    assert (
        rank(two, [joined], {}, S)[0].reasons[0] == "covers executive presence, Conflict (2 of 2 focus areas)"
    )


def test_rank__an_area_typed_as_initials_or_twice_in_two_spellings():
    # "EI" is Emotional Intelligence (one word, the other's initials): the associate covering it comes
    # before a better-certified one covering nothing.
    ei = assoc("recEi", name="Emma", specialty=["Emotional Intelligence"], quality_score=4.6)
    gen = assoc("recGen", name="Gina", specialty=["Communication"], quality_score=4.9,
                certification_level="Master")  # fmt: skip
    ranked = rank(client(focus_areas=["EI"]), [gen, ei], {}, S)
    assert ranked[0].associate.id == "recEi" and ranked[0].reasons[0] == "covers EI (1 of 1 focus areas)"
    # Executive Presence typed twice beside Team Leadership is two areas: covering either is half.
    exec_ = assoc("recEx", name="Ava", specialty=["Executive Presence"], quality_score=4.5)
    team = assoc("recTe", name="Bo", specialty=["Team Leadership"], quality_score=4.9)
    focus = client(focus_areas=["Exec presence", "Executive Presence", "Team Leadership"])
    ranked = rank(focus, [exec_, team], {}, S)
    assert [c.associate.id for c in ranked] == ["recTe", "recEx"]
    assert ranked[1].reasons[0] == "covers Exec presence (1 of 2 focus areas)"


def test_rank__a_quality_from_fewer_ratings_than_the_score_waits_for_counts_as_not_known_yet():
    # A 5.0 from one rated session (typed, or imported) is no track record against 4.6 over forty.
    one = assoc("recOne", name="Nia", specialty=FOCUS, quality_score=5.0, quality_count=1)
    proven = assoc("recPro", name="Paula", specialty=FOCUS, quality_score=4.6, quality_count=40)
    ranked = rank(client(focus_areas=FOCUS), [one, proven], {}, S)
    assert [c.associate.id for c in ranked] == ["recPro", "recOne"]
    assert "no quality score yet: 1 rated session (counted as middling)" in ranked[1].reasons
    # Quality Count blank (a score from before it was kept): the score stands.
    legacy = assoc("recOne", name="Nia", specialty=FOCUS, quality_score=5.0)
    assert rank(client(focus_areas=FOCUS), [legacy, proven], {}, S)[0].associate.id == "recOne"


def test_rank__an_associate_under_the_quality_bar_is_named_so_in_the_reasons():
    # Specialty outweighs quality in the points: a flagged associate can come first, but never unawares.
    low = assoc("recLow", name="Lou", specialty=FOCUS, quality_score=3.8)
    good = assoc("recGood", name="Gus", specialty=["Career Transition"], quality_score=4.9)
    ranked = rank(client(focus_areas=FOCUS), [good, low], {}, S)
    assert ranked[0].associate.id == "recLow" and "quality 3.80, below the 4.5 bar" in ranked[0].reasons
    assert "quality 4.90" in ranked[1].reasons


def test_rank__never_at_capacity_or_not_active_or_the_current_one():
    full = assoc("recFull", max_clients=2, specialty=FOCUS)
    paused = assoc("recPaused", status="Paused", specialty=FOCUS)
    onboarding = assoc("recOnb", status="Onboarding", specialty=FOCUS)
    current = assoc("recCur", specialty=FOCUS)
    ok = assoc("recOk")
    c = client(focus_areas=FOCUS, associate=["recCur"], reassign_associate=True)
    ranked = rank(c, [full, paused, onboarding, current, ok], {"recFull": 2}, S)
    assert [x.associate.id for x in ranked] == ["recOk"]


def test_rank__max_clients_0_takes_no_new_client_and_blank_takes_the_default():
    on_leave = assoc("recLeave", max_clients=0, specialty=FOCUS)
    blank = assoc("recBlank", max_clients=None)
    ranked = rank(client(focus_areas=FOCUS), [on_leave, blank], {"recBlank": 7}, S)
    assert [x.associate.id for x in ranked] == ["recBlank"]
    assert ranked[0].reasons[-1] == "7 of 8 clients"


def test_client_load__active_paused_and_blank_status_count_ended_do_not():
    statuses = ["Active", "Paused", None, "Completed", "Churned"]
    clients = [client(f"recCl{i}", status=st, associate=["recAs1"]) for i, st in enumerate(statuses)]
    f = figures(assoc(max_clients=2), clients, [], {}, S, TODAY)
    assert (f.load, f.flags) == (3, ["3 clients is over the maximum of 2"])


def test_rank__ties_broken_by_name_then_id_whatever_the_order():
    same = {"specialty": ["Communication"], "quality_score": 4.8, "certification_level": "Senior"}
    people = [
        assoc("recZ", name="Bea", **same),
        assoc("recY", name="Abe", **same),
        assoc("recX", name="Abe", **same),
    ]
    for order in (people, people[::-1]):
        assert [x.associate.id for x in rank(client(focus_areas=FOCUS), order, {}, S)] == [
            "recX",
            "recY",
            "recZ",
        ]


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, True),
        ({"associate": ["recA"]}, False),
        ({"associate": ["recA"], "reassign_associate": True}, True),
        ({"status": "Completed"}, False),
    ],
)
def test_needs_associate(kw, expected):
    assert needs_associate(client(**kw)) is expected


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"associate": ["recGone"]}, True),  # her only associate left
        ({"associate": ["recGone", "recA"]}, False),  # another one still coaches her
        ({"associate": ["recGone"], "status": "Paused"}, False),  # matched when she resumes
        ({"associate": ["recGone"], "status": "Completed"}, False),
        ({"associate": ["recGone"], "status": None}, True),  # a blank Status is active
    ],
)
def test_needs_associate__a_client_linked_only_to_inactive_associates(kw, expected):
    assert needs_associate(client(**kw), {"recGone"}) is expected


def test_left_with_none__only_when_she_has_associates_and_every_one_is_inactive():
    assert left_with_none(client(associate=["recG1", "recG2"]), {"recG1", "recG2"})
    assert not left_with_none(client(associate=["recG1", "recA"]), {"recG1", "recG2"})
    assert not left_with_none(client(), {"recG1"})  # no associate at all: not "left"


BUSINESS = BusinessSettings()


def test_proposal_draft__names_the_associate_who_left():
    ranked = rank(client(associate=["recG"]), [assoc("recA", name="Ann")], {}, S)
    draft = proposal_draft(client(associate=["recG"]), ranked, BusinessSettings(), left=["Bob"])
    assert "Cal Client needs a new associate: Bob is now Inactive." in draft.data["summary"]


def test_proposal_draft__links_the_first_and_explains_each():
    a = assoc("recA", name="Ann", specialty=["Communication"])
    b = assoc("recB", name="Bob")
    draft = proposal_draft(
        client(focus_areas=FOCUS), rank(client(focus_areas=FOCUS), [a, b], {}, S), BusinessSettings()
    )
    assert draft.kind == "Associate Proposal" and draft.links == {"client": "recCl1", "associate": "recA"}
    assert draft.data["items"][0].startswith("1. Ann (") and "covers Communication" in draft.data["items"][0]
    assert draft.data["items"][1].startswith("2. Bob (")


def test_proposal_draft__nobody_free_says_so_without_an_associate():
    draft = proposal_draft(client(), [], BusinessSettings())
    assert "associate" not in draft.links and "No associate available" in draft.subject


def test_proposal_draft__nobody_free_is_keyed_apart_from_the_proposal_it_stands_for():
    """The alert must not take the proposal's key (the proposal would never come once a place frees), and
    is one per situation: per current associate, and per approval held back."""
    ranked = rank(client(), [assoc("recA", name="Ann")], {}, S)
    none, proposal = (
        proposal_draft(client(), [], BusinessSettings()),
        proposal_draft(client(), ranked, BUSINESS),
    )
    assert none.dedupe_key != proposal.dedupe_key
    assert proposal_draft(client(), [], BUSINESS).dedupe_key == none.dedupe_key  # the same situation
    moved = proposal_draft(client(associate=["recG"]), [], BUSINESS)
    again = proposal_draft(client(), [], BUSINESS, after="recMsg", held="Ann is now full (2 of 2 clients)")
    assert len({none.dedupe_key, moved.dedupe_key, again.dedupe_key}) == 3
    assert (
        "Ann is now full (2 of 2 clients), so the proposal you approved was not applied"
        in again.data["summary"]
    )


def test_proposal_draft__points_that_round_alike_show_the_decimal_that_orders_them():
    """Two associates ranked apart by a fraction of a point must not read "34 points" and "34 points": the
    coach would see an order without a reason. Whole points otherwise; exact ties read alike (by name)."""
    from dataclasses import replace

    ranked = rank(client(), [assoc("recA", name="Ann"), assoc("recB", name="Bob")], {}, S)
    close = [replace(ranked[0], points=34.4), replace(ranked[1], points=33.6)]
    items = proposal_draft(client(), close, BusinessSettings()).data["items"]
    assert "(34.4 points)" in items[0] and "(33.6 points)" in items[1]
    apart = [replace(ranked[0], points=41.3), replace(ranked[1], points=33.6)]
    items = proposal_draft(client(), apart, BusinessSettings()).data["items"]
    assert "(41 points)" in items[0] and "(34 points)" in items[1]
    finer = [replace(ranked[0], points=34.44), replace(ranked[1], points=34.36)]
    items = proposal_draft(client(), finer, BusinessSettings()).data["items"]
    assert "(34.44 points)" in items[0] and "(34.36 points)" in items[1]
    tied = [replace(ranked[0], points=34.0), replace(ranked[1], points=34.0)]
    items = proposal_draft(client(), tied, BusinessSettings()).data["items"]
    assert "(34 points)" in items[0] and "(34 points)" in items[1]


def test_rank__the_coach_is_offered_when_every_associates_free_place_is_promised():
    # Ann's one free place is proposed for Dee: no associate has a free place, the coach's record does, so
    # she comes first (as when every associate is full) and Ann is listed after, saying for whom.
    ann = assoc("recAnn", name="Ann", specialty=FOCUS, quality_score=4.9, max_clients=3)
    me = assoc("recMe", name="Me", email="coach@example.com", max_clients=10)
    ranked = rank(
        client(focus_areas=FOCUS),
        [ann, me],
        {"recAnn": 2, "recMe": 1},
        S,
        {"recAnn": ["Dee"]},
        "Coach@Example.com",
    )
    assert [(c.associate.id, c.coach) for c in ranked] == [("recMe", True), ("recAnn", False)]
    # With one truly free place, the coach's record is not offered.
    ranked = rank(
        client(focus_areas=FOCUS),
        [ann, me],
        {"recAnn": 1, "recMe": 1},
        S,
        {"recAnn": ["Dee"]},
        "coach@example.com",
    )
    assert [c.associate.id for c in ranked] == ["recAnn"]


def test_rank__a_place_another_waiting_proposal_names_is_not_free():
    # Ann has one free place, already proposed for Dee: Bob (truly free) comes first although Ann scores
    # higher, and Ann's reason says for whom her place is proposed.
    ann = assoc("recAnn", name="Ann", specialty=FOCUS, quality_score=4.9, max_clients=3)
    bob = assoc("recBob", name="Bob", specialty=[], quality_score=4.6, max_clients=3)
    ranked = rank(client(focus_areas=FOCUS), [ann, bob], {"recAnn": 2, "recBob": 1}, S, {"recAnn": ["Dee"]})
    assert [c.associate.id for c in ranked] == ["recBob", "recAnn"]
    assert ranked[1].reasons[-1] == "2 of 3 clients (every free place already proposed for Dee)"
    # With room for both, the order is the points' and the note says one place is promised.
    ranked = rank(client(focus_areas=FOCUS), [ann, bob], {"recAnn": 1, "recBob": 1}, S, {"recAnn": ["Dee"]})
    assert ranked[0].associate.id == "recAnn"
    assert ranked[0].reasons[-1] == "1 of 3 clients (a free place already proposed for Dee)"


@pytest.mark.parametrize(
    ("zone", "other", "hours"),
    [
        ("Europe/London", "Europe/London", 0),
        ("Asia/Tokyo", "Europe/London", 8),  # 9 in winter, 8 in London's summer: the nearer
        ("Australia/Sydney", "America/Los_Angeles", 5),  # the short way round: not 19
        ("America/New_York", "Europe/London", 5),
    ],
)
def test_hours_apart__the_short_way_round_the_nearer_season(zone, other, hours):
    from automation.associates.matching import hours_apart

    assert hours_apart(zone, other, 2026) == hours == hours_apart(other, zone, 2026)


def _alike(rid: str, name: str, zone: str | None) -> Associate:
    return assoc(
        rid,
        name=name,
        specialty=["Communication"],
        quality_score=4.7,
        certification_level="Senior",
        client_load=2,
        max_clients=8,
        time_zone=zone,
    )


def test_rank__an_associate_sharing_the_clients_working_day_comes_first_and_the_far_one_says_why():
    """Alike but for where they live: the Singapore associate shares 9 of the Tokyo client's 10 working
    hours, the London one 2; the name alone (A before Z) would have put London first."""
    near, far = _alike("recN", "Zed Near", "Asia/Singapore"), _alike("recF", "Amy Far", "Europe/London")
    ranked = rank(client(focus_areas=["Communication"], time_zone="Asia/Tokyo"), [far, near], {}, S)
    assert [c.associate.id for c in ranked] == ["recN", "recF"]
    assert "8 h from the client's clock (2 of 10 working hours shared)" in ranked[1].reasons
    assert ranked[0].points - ranked[1].points == pytest.approx(7.0)  # 10 points * (9 - 2) / 10 hours


def test_rank__a_blank_time_zone_is_the_business_one_and_without_it_time_zones_are_not_judged():
    blank, far = _alike("recB", "Zed Blank", None), _alike("recF", "Amy Far", "America/Los_Angeles")
    paris = client(focus_areas=["Communication"], time_zone="Europe/Paris")
    assert rank(paris, [far, blank], {}, S, home_zone="Europe/London")[0].associate.id == "recB"
    # A client without a time zone is on the business's clock too.
    nowhere = client(focus_areas=["Communication"])
    assert rank(nowhere, [far, blank], {}, S, home_zone="Europe/London")[0].associate.id == "recB"
    # Without the business's zone, her clock is unknown: nobody is judged on it (Amy before Zed, by name).
    assert rank(nowhere, [far, blank], {}, S)[0].associate.id == "recF"


def test_proposal_draft__nobody_with_a_place_covering_the_focus_areas_is_said_plainly():
    cl = client(focus_areas=["Career Transition"])
    ranked = rank(cl, [_alike("recA", "Ann", None)], {}, S)
    draft = proposal_draft(cl, ranked, BusinessSettings())
    assert draft.data["summary"].startswith(
        "Cal Client has no associate. No associate covers Career Transition (among those with a free place): "
        "Ann is the best of the others."
    )
    covered = client(focus_areas=["Career Transition", "Communication"])
    draft = proposal_draft(covered, rank(covered, [_alike("recA", "Ann", None)], {}, S), BusinessSettings())
    assert "No associate covers" not in draft.data["summary"]
    no_focus = client(focus_areas=[])
    draft = proposal_draft(no_focus, rank(no_focus, [_alike("recA", "Ann", None)], {}, S), BusinessSettings())
    assert "No associate covers" not in draft.data["summary"]


@pytest.mark.parametrize(
    ("focus", "specialty"),
    [
        ("Spanish", "English, Español"),  # a language in its own name, accents and all
        ("Español", "Spanish"),
        ("French", "Français"),
        ("Communication", "comms"),  # a clipped plural
        ("Communications", "Communication"),
    ],
)
def test_same_area__languages_in_their_own_name_and_clipped_words(focus, specialty):
    from automation.associates.matching import areas, same_area

    assert any(same_area(focus, x) for x in areas([specialty]))


def test_same_area__accents_and_clippings_do_not_make_unrelated_areas_alike():
    from automation.associates.matching import same_area

    assert not same_area("Spanish", "English")
    assert not same_area("Communication", "Conflict")
    assert not same_area("Español", "Estrategia")


def test_rank__a_time_zone_typed_as_an_offset_counts_its_hours_apart():
    far = assoc("recFar", name="Far Fay", specialty=["Strategy"], quality_score=4.9, time_zone="UTC+12")
    near = assoc("recNear", name="Near Ned", specialty=["Strategy"], quality_score=4.6, time_zone="GMT+0")
    ranked = rank(client(focus_areas=["Strategy"], time_zone="Europe/London"), [far, near], {}, S)
    assert [c.associate.name for c in ranked] == ["Near Ned", "Far Fay"]
    assert "h from the client's clock" in "; ".join(ranked[1].reasons)


def test_rank__no_working_hour_shared_comes_after_those_sharing_some_whatever_the_points():
    far = assoc(
        "recFar",
        name="Far Fay",
        specialty=["Strategy", "Change"],
        quality_score=4.9,
        time_zone="Pacific/Auckland",
    )
    near = assoc(
        "recNear", name="Near Ned", specialty=["Strategy"], quality_score=4.5, time_zone="Europe/London"
    )
    ranked = rank(client(focus_areas=["Strategy", "Change"], time_zone="Europe/London"), [far, near], {}, S)
    assert [c.associate.name for c in ranked] == ["Near Ned", "Far Fay"]
    assert "0 of 10 working hours shared" in "; ".join(ranked[1].reasons)
    # Alone, she is still offered.
    assert [
        c.associate.name
        for c in rank(client(focus_areas=["Strategy"]), [far], {}, S, home_zone="Europe/London")
    ] == ["Far Fay"]


def test_rank__a_quality_score_above_5_is_out_of_10():
    ten = assoc("recTen", name="Ten Tess", specialty=["Resilience"], quality_score=9.0)
    five = assoc("recFive", name="Five Fay", specialty=["Resilience"], quality_score=4.8)
    ranked = rank(client(focus_areas=["Resilience"]), [ten, five], {}, S)
    assert [c.associate.name for c in ranked] == ["Five Fay", "Ten Tess"]
    assert "quality 4.56" in "; ".join(ranked[1].reasons)


@pytest.mark.parametrize("typed", ["master", " Master ", "MASTER"])
def test_rank__a_certification_level_typed_in_another_case_or_with_spaces_is_the_level_it_names(typed):
    s = AssociateSettings()
    hand = assoc(
        "recAs1", name="Hand Typed", specialty=["Communication"], quality_score=4.6, certification_level=typed
    )
    picked = assoc(
        "recAs2", name="Picked", specialty=["Communication"], quality_score=4.6, certification_level="Senior"
    )
    ranked = rank(client(focus_areas=["Communication"]), [picked, hand], {}, s)
    assert [r.associate.name for r in ranked] == ["Hand Typed", "Picked"]
    assert f"{typed.strip()} certified" in ranked[0].reasons


@pytest.mark.parametrize(
    ("focus", "specialty"),
    [
        ("helping new managers delegate", "Delegation"),  # another form of the word, in a sentence
        ("Improve communication", "Communication"),  # a verb before the area
        ("Confidence", "Executive presence and confidence for women leaders"),  # the specialty a sentence
        ("coaching for exec presence", "Executive Presence"),  # the sentence shortens the area
    ],
)
def test_same_area__an_area_inside_a_phrase_or_sentence(focus, specialty):
    from automation.associates.matching import same_area

    assert same_area(focus, specialty)


def test_same_area__a_sentence_sharing_one_word_of_two_or_a_small_word_is_not_the_area():
    from automation.associates.matching import same_area

    assert not same_area("Executive Coaching", "Executive Presence")
    assert not same_area("leading my team through a reorganisation and change", "Change Management")
    assert not same_area("helping new managers delegate", "Newsletter Writing")
    assert not same_area("Time Management", "Change Management")
    assert not same_area("And", "Strategy and Vision")  # grammar's small words name no area


def test_rank__a_focus_written_as_a_sentence_is_covered_by_the_area_it_names():
    dora = assoc("recDora", name="Dora", specialty=["Delegation"], quality_score=4.6)
    sam = assoc(
        "recSam", name="Sam", specialty=["Public Speaking"], quality_score=4.9, certification_level="Master"
    )
    ranked = rank(client(focus_areas=["helping new managers delegate"]), [sam, dora], {}, S)
    assert [c.associate.name for c in ranked] == ["Dora", "Sam"]
    assert "(1 of 1 focus areas)" in ranked[0].reasons[0]


@pytest.mark.parametrize("status", ["active", " Active ", "ACTIVE"])
def test_rank__an_associate_status_typed_in_another_case_is_active(status):
    typed = assoc("recTyped", name="Typed", specialty=["Strategy"], quality_score=4.9, status=status)
    assert [c.associate.name for c in rank(client(focus_areas=["Strategy"]), [typed], {}, S)] == ["Typed"]


def test_rank__a_blank_or_other_status_is_still_not_offered():
    for status in (None, "Inactive", "paused", "Onboarding"):
        other = assoc("recOther", name="Other", specialty=["Strategy"], status=status)
        assert rank(client(focus_areas=["Strategy"]), [other], {}, S) == []


@pytest.mark.parametrize(("typed", "rank_of"), [("Master Coach", 4), ("ICF senior", 3), ("Senior Master", 0)])
def test_certification_rank__a_title_naming_one_level_is_that_level(typed, rank_of):
    from automation.associates.matching import certification_rank

    assert certification_rank(typed, AssociateSettings()) == rank_of


@pytest.mark.parametrize(
    ("focus", "specialty"),
    [
        ("Organisation Design", "Organization design"),
        ("organizational culture", "Organisational Culture"),
        ("Prioritising", "Prioritizing work"),
        ("Behavioural Change", "Behavioral change"),
        ("Analysing data for decisions", "Data analyzing"),
        ("Centre of excellence", "Center of Excellence"),
    ],
)
def test_same_area__british_and_american_spellings_are_one_area(focus, specialty):
    from automation.associates.matching import same_area

    assert same_area(focus, specialty)


def test_same_area__one_spelling_does_not_make_short_or_different_words_alike():
    from automation.associates.matching import same_area

    assert not same_area("Rise", "Risk")
    assert not same_area("Your career", "Tour planning")
    assert not same_area("Organisation Design", "Change Management")


@pytest.mark.parametrize(
    ("focus", "specialty"),
    [
        ("Change mgmt", "Change Management"),
        ("First-time mgr", "First-Time Manager"),
        ("Mktg leadership", "Marketing Leadership"),
        ("Ldrshp dvlpmt", "Leadership Development"),
        ("coaching a new mgr through the first year", "Manager"),
    ],
)
def test_same_area__a_word_shortened_by_dropping_its_vowels(focus, specialty):
    from automation.associates.matching import same_area

    assert same_area(focus, specialty)


def test_same_area__a_word_without_its_vowels_must_keep_its_ends_and_order():
    from automation.associates.matching import same_area

    assert not same_area("Mgmt", "Marketing")  # ends differ
    assert not same_area("Team building", "Time Management")  # two vowels: a word, not a contraction
    assert not same_area("Strategy", "Stakeholder Management")
    assert not same_area("Change mgmt", "Time Management")


@pytest.mark.parametrize(
    ("focus", "specialty"),
    [
        ("D&I", "Diversity and Inclusion"),  # initials without the small word, as people write them
        ("ESG", "Environment, Social and Governance"),  # initials of an option split at its commas
        ("L&D", "Learning; Development"),
    ],
)
def test_rank__initials_name_an_option_typed_with_separators_or_small_words(focus, specialty):
    from automation.associates.matching import rank

    other = assoc("recOt", name="Ola Other", specialty=["Public Speaking"], quality_score=5.0)
    typed = assoc("recTy", name="Tia Typed", specialty=[specialty], quality_score=4.0)
    ranked = rank(client(focus_areas=[focus]), [other, typed], {}, S)
    assert ranked[0].associate.name == "Tia Typed" and ranked[0].covers == 1


def test_rank__initials_of_a_whole_option_are_all_its_words_not_some():
    from automation.associates.matching import rank

    typed = assoc("recTy", name="Tia Typed", specialty=["Environment, Social and Governance"])
    assert rank(client(focus_areas=["ES"]), [typed], {}, S)[0].covers == 0
    assert rank(client(focus_areas=["Esports"]), [typed], {}, S)[0].covers == 0


def test_rank__no_working_hour_shared_for_part_of_the_year_comes_after_those_sharing_some_all_year():
    from automation.associates.matching import rank

    # Sydney and London: 9 hours in London's summer (one hour shared), 11 in its winter (none).
    london = assoc(
        "recLo",
        name="Lara London",
        quality_score=5.0,
        certification_level="Master",
        time_zone="Europe/London",
    )
    singapore = assoc(
        "recSg",
        name="Sami Singapore",
        quality_score=4.0,
        certification_level="Practitioner",
        client_load=3,
        time_zone="Asia/Singapore",
    )
    ranked = rank(client(time_zone="Australia/Sydney"), [london, singapore], {}, S)
    assert [c.associate.name for c in ranked] == ["Sami Singapore", "Lara London"]
    assert ranked[1].apart and "none shared part of the year" in ranked[1].reasons[-1]
    # Tokyo and London share an hour or two all year: judged on the points, not put after.
    tokyo = rank(client(time_zone="Asia/Tokyo"), [london, singapore], {}, S)
    assert not any(c.apart for c in tokyo)


def test_areas__a_slash_with_spaces_lists_two_areas_one_joining_two_words_is_one():
    from automation.associates.matching import areas, rank

    assert areas(["Negotiation / Influence", "Self-care/Wellbeing"]) == [
        "Negotiation",
        "Influence",
        "Self-care/Wellbeing",
    ]
    one = assoc(
        "recOn", name="Ona One", specialty=["Influence"], quality_score=5.0, certification_level="Master"
    )
    two = assoc("recTw", name="Tao Two", specialty=["Negotiation", "Influence"], quality_score=4.0)
    ranked = rank(client(focus_areas=["Negotiation / Influence"]), [one, two], {}, S)
    assert ranked[0].associate.name == "Tao Two" and ranked[0].covers == 2
