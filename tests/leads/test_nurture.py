"""Nurture rules: sequence per tier, first touch at once, due steps, pauses and stops."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from automation.leads.nurture import plan_nurture
from automation.settings.leads import NurtureSettings
from tests.leads.factories import TODAY, days_ago, lead, updated

S = NurtureSettings()
D = TODAY.isoformat()  # 2026-11-20


def _d(n: int) -> str:
    return date.fromordinal(TODAY.toordinal() + n).isoformat()


# (id, lead facts, tier, expected fields (subset), expected email (step, kind) or None, hot alert)
CASES = [
    (
        "new_warm_lead_gets_first_touch_at_once",
        dict(),
        "Warm",
        {
            "nurture_sequence": "Warm",
            "nurture_step": 1,
            "follow_up_due": _d(3),
            "next_action": f"Next warm touch to Jane Doe on {_d(3)}; email 1 is in Messages",
        },
        (1, "First Touch"),
        False,
    ),
    (
        "new_hot_lead_gets_first_touch_a_call_today_and_an_alert",
        dict(),
        "Hot",
        {
            "nurture_sequence": "Hot",
            "nurture_step": 1,
            "follow_up_due": D,
            "next_action": f"Call Jane Doe by {D} (Hot lead)",
        },
        (1, "First Touch"),
        True,
    ),
    (
        "new_cool_lead_first_touch_then_monthly",
        dict(),
        "Cool",
        {"nurture_sequence": "Cool", "nurture_step": 1, "follow_up_due": _d(30)},
        (1, "First Touch"),
        False,
    ),
    (
        "new_cold_lead_first_touch_then_quarterly",
        dict(),
        "Cold",
        {"nurture_sequence": "Cold", "nurture_step": 1, "follow_up_due": _d(90)},
        (1, "First Touch"),
        False,
    ),
    (
        "unsubscribed_leaves_every_sequence",
        dict(status="Unsubscribed", nurture_sequence="Warm", nurture_step=2, follow_up_due=TODAY),
        "Cold",
        {
            "nurture_sequence": "Stopped",
            "follow_up_due": None,
            "next_action": "None: unsubscribed, do not contact",
        },
        None,
        False,
    ),
    (
        "spam_report_leaves_every_sequence",
        dict(email_status="Spam Report"),
        "Cold",
        {"nurture_sequence": "Stopped"},
        None,
        False,
    ),
    (
        "converted_lead_stops",
        dict(status="Converted", nurture_sequence="Warm"),
        "Hot",
        {"nurture_sequence": "Stopped", "next_action": "None: now a client"},
        None,
        False,
    ),
    ("lost_lead_stops", dict(status="Lost"), "Cool", {"nurture_sequence": "Stopped"}, None, False),
    (
        "lead_without_email_waits_for_one",
        dict(email=None),
        "Warm",
        {
            "nurture_sequence": "Paused",
            "next_action": "Find an email address for Jane Doe",
            "follow_up_due": D,
        },
        None,
        False,
    ),
    (
        "lead_with_only_a_phone_number_is_called",
        dict(email=None, phone="0412 345 678"),
        "Warm",
        {
            "nurture_sequence": "Paused",
            "next_action": "Call Jane Doe on 0412 345 678 (no email address: ask for one)",
            "follow_up_due": D,
        },
        None,
        False,
    ),
    (
        "bounced_email_waits_for_a_working_one",
        dict(email_status="Bounced"),
        "Warm",
        {
            "nurture_sequence": "Paused",
            "next_action": "Find a working email for Jane Doe (the last one bounced)",
        },
        None,
        False,
    ),
    (
        "qualified_lead_is_worked_through_its_deal",
        dict(status="Qualified", nurture_sequence="Warm"),
        "Hot",
        {"nurture_sequence": "Paused", "next_action": "Deal open: move Jane Doe's deal forward"},
        None,
        False,
    ),
    (
        "a_lead_entering_its_deal_drops_the_nurture_touch_date",
        dict(status="Proposal", nurture_sequence="Warm", nurture_step=2, follow_up_due=_d(-1)),
        "Warm",
        {"nurture_sequence": "Paused", "follow_up_due": None},
        None,
        False,
    ),
    (
        "a_follow_up_date_the_coach_set_while_the_deal_is_open_stands",
        dict(
            status="Proposal",
            nurture_sequence="Paused",
            follow_up_due=_d(3),
            next_action="Deal open: move Jane Doe's deal forward",
        ),
        "Warm",
        {"follow_up_due": "<absent>"},
        None,
        False,
    ),
    (
        "warm_step_due_today_drafts_the_next_email",
        dict(status="Contacted", nurture_sequence="Warm", nurture_step=1, follow_up_due=TODAY),
        "Warm",
        {"nurture_step": 2, "follow_up_due": _d(4)},
        (2, "Nurture Email"),
        False,
    ),
    (
        "overdue_step_is_drafted_and_rescheduled_from_today",
        dict(status="Contacted", nurture_sequence="Cool", nurture_step=3, follow_up_due=days_ago(6)),
        "Cool",
        {"nurture_step": 4, "follow_up_due": _d(30)},
        (4, "Nurture Email"),
        False,
    ),
    (
        "warm_step_not_yet_due_changes_nothing_but_the_text",
        dict(status="Contacted", nurture_sequence="Warm", nurture_step=2, follow_up_due=date(2026, 11, 24)),
        "Warm",
        {"next_action": "Next warm touch to Jane Doe on 2026-11-24; email 2 is in Messages"},
        None,
        False,
    ),
    (
        "after_the_last_warm_touch_it_goes_monthly",
        dict(status="Contacted", nurture_sequence="Warm", nurture_step=3, follow_up_due=TODAY),
        "Warm",
        {"nurture_step": 4, "follow_up_due": _d(30)},
        (4, "Nurture Email"),
        False,
    ),
    (
        "a_reply_pauses_the_sequence_and_asks_the_coach_to_answer",
        dict(
            status="Engaged",
            nurture_sequence="Warm",
            nurture_step=2,
            replies=1,
            last_engagement=TODAY,
            last_contact=days_ago(5),
        ),
        "Warm",
        {
            "nurture_sequence": "Paused",
            "follow_up_due": D,
            "next_action": f"Reply to Jane Doe (they engaged on {D})",
        },
        None,
        False,
    ),
    (
        "a_meeting_pauses_the_sequence",
        dict(
            status="Engaged",
            nurture_sequence="Cool",
            nurture_step=2,
            meetings=1,
            last_engagement=days_ago(1),
            last_contact=days_ago(9),
        ),
        "Warm",
        {
            "nurture_sequence": "Paused",
            "next_action": f"Follow up your meeting with Jane Doe (they engaged on {_d(-1)})",
        },
        None,
        False,
    ),
    (
        "once_the_coach_answered_the_sequence_resumes_without_an_email",
        dict(
            status="Engaged",
            nurture_sequence="Paused",
            nurture_step=2,
            replies=1,
            last_engagement=days_ago(2),
            last_contact=TODAY,
        ),
        "Warm",
        {"nurture_sequence": "Warm", "nurture_step": 2, "follow_up_due": _d(4)},
        None,
        False,
    ),
    (
        "back_from_a_pause_as_hot_is_no_new_alert",
        dict(
            status="Engaged",
            nurture_sequence="Paused",
            nurture_step=2,
            replies=1,
            last_engagement=days_ago(2),
            last_contact=TODAY,
        ),
        "Hot",
        {"nurture_sequence": "Hot", "follow_up_due": D},
        None,
        False,
    ),
    (
        "warm_lead_cooling_switches_to_monthly_without_an_email",
        dict(status="Contacted", nurture_sequence="Warm", nurture_step=2, follow_up_due=date(2026, 11, 22)),
        "Cool",
        {"nurture_sequence": "Cool", "nurture_step": 2, "follow_up_due": _d(30)},
        None,
        False,
    ),
    (
        "cool_lead_warming_up_alerts_when_hot",
        dict(status="Contacted", nurture_sequence="Cool", nurture_step=2, follow_up_due=date(2026, 12, 10)),
        "Hot",
        {"nurture_sequence": "Hot", "follow_up_due": D},
        None,
        True,
    ),
    (
        "imported_contacted_lead_gets_no_first_touch",
        dict(status="Contacted"),
        "Cool",
        {"nurture_sequence": "Cool", "nurture_step": 0, "follow_up_due": _d(30)},
        None,
        False,
    ),
    (
        # A New lead of last year nobody touched (a base connected with its history): no "thanks for getting
        # in touch" a year late; the sequence starts and its first email comes after the usual gap.
        "new_lead_created_long_ago_gets_no_first_touch",
        dict(status="New", created_date=days_ago(200)),
        "Cool",
        {"nurture_sequence": "Cool", "nurture_step": 0, "follow_up_due": _d(30)},
        None,
        False,
    ),
    (
        "new_lead_created_this_month_still_gets_its_first_touch",
        dict(status="New", created_date=days_ago(20)),
        "Cool",
        {"nurture_sequence": "Cool", "nurture_step": 1},
        (1, "First Touch"),
        False,
    ),
    (
        "hot_call_overdue_drafts_nothing",
        dict(status="Contacted", nurture_sequence="Hot", nurture_step=1, follow_up_due=days_ago(3)),
        "Hot",
        {"next_action": f"Call Jane Doe by {_d(-3)} (Hot lead)"},
        None,
        False,
    ),
    ("unscored_lead_is_left_alone", dict(), None, {}, None, False),
    (
        "lost_lead_set_back_to_nurture_restarts_as_its_stop_text_promised",
        dict(
            status="Nurture",
            nurture_sequence="Stopped",
            nurture_step=3,
            next_action="None: lost (set Status back to restart nurture)",
        ),
        "Cool",
        {
            "nurture_sequence": "Cool",
            "nurture_step": 3,
            "follow_up_due": _d(30),
            "next_action": f"Next cool touch to Jane Doe on {_d(30)}; email 3 is in Messages",
        },
        None,
        False,
    ),
    (
        "a_won_deal_reopened_puts_the_lead_back_in_its_deal_not_left_stopped",
        dict(
            status="Qualified", nurture_sequence="Stopped", nurture_step=2, next_action="None: now a client"
        ),
        "Warm",
        {"nurture_sequence": "Paused", "next_action": "Deal open: move Jane Doe's deal forward"},
        None,
        False,
    ),
    (
        "a_lead_the_coach_resubscribed_is_nurtured_again",
        dict(
            status="Contacted",
            nurture_sequence="Stopped",
            nurture_step=1,
            next_action="None: unsubscribed, do not contact",
        ),
        "Cold",
        {"nurture_sequence": "Cold", "follow_up_due": _d(90)},
        None,
        False,
    ),
    (
        "the_coachs_own_stop_without_a_note_holds",
        dict(status="Nurture", nurture_sequence="Stopped", nurture_step=2, next_action=None),
        "Warm",
        {"next_action": "Nurture stopped: clear Nurture Sequence to restart"},
        None,
        False,
    ),
]


@pytest.mark.parametrize(
    ("facts", "tier", "fields", "email", "alert"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_plan_nurture(facts: dict, tier: str | None, fields: dict, email: tuple | None, alert: bool) -> None:
    plan = plan_nurture(lead(**facts), tier, S, TODAY)
    got = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in plan.fields.items()}
    assert {k: got.get(k, "<absent>") for k in fields} == fields
    assert ((plan.email.step, plan.email.kind) if plan.email else None) == email
    assert plan.hot_alert is alert
    if plan.email:
        assert plan.email.dedupe_key == f"recLEAD00000001:nurture:{plan.email.step}"


def test_plan_nurture__coach_stopped_lead_keeps_her_next_action() -> None:
    facts = dict(status="New", nurture_sequence="Stopped", next_action="Wait: she is on leave until March")
    assert plan_nurture(lead(**facts), "Hot", S, TODAY).fields == {}


@pytest.mark.parametrize(("facts", "tier"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_plan_nurture__running_again_the_same_day_changes_and_drafts_nothing(
    facts: dict, tier: str | None
) -> None:
    first = plan_nurture(lead(**facts), tier, S, TODAY)
    after = updated(lead(**facts), **first.fields)
    again = plan_nurture(after, tier, S, TODAY)
    assert again.email is None
    assert all(getattr(after, k) == v for k, v in again.fields.items()), again.fields


def test_plan_nurture__a_warm_lead_left_alone_gets_exactly_the_warm_touches_then_monthly() -> None:
    current = lead()
    drafted_on = []
    for day in range(0, 60):
        today = date.fromordinal(TODAY.toordinal() + day)
        plan = plan_nurture(current, "Warm", S, today)
        if plan.email:
            drafted_on.append(day)
        current = updated(current, **plan.fields, status="Contacted")
    assert drafted_on == [0, 3, 7, 14, 44]


@pytest.mark.parametrize(
    ("facts", "stamp"),
    [
        (dict(replies=1), True),  # typed a reply, no date: it happened today
        (
            dict(replies=1, last_engagement=days_ago(9), last_contact=days_ago(2)),
            True,
        ),  # older than our contact
        (dict(replies=1, last_engagement=days_ago(1), last_contact=days_ago(2)), False),  # she dated it: kept
        (dict(meetings=1, last_engagement=days_ago(30)), False),  # no contact since: her date stands
        (dict(replies=0, meetings=0), False),
        (dict(replies=2, last_engagement=TODAY, last_contact=TODAY), False),
    ],
    ids=["undated", "older_than_contact", "dated_by_coach", "no_contact_since", "no_engagement", "today"],
)
def test_needs_engagement_date(facts: dict, stamp: bool) -> None:
    from automation.leads.nurture import needs_engagement_date

    assert needs_engagement_date(lead(**facts), TODAY) is stamp


@pytest.mark.parametrize(
    ("zone", "created_at", "first_touch"),
    [
        # 23:30 UTC 31 days ago is the next morning in Tokyo: on the coach's calendar it is 30 days old.
        ("Asia/Tokyo", (31, 23, 30), True),
        # 03:00 UTC 30 days ago is the evening before in Los Angeles: 31 days old there.
        ("America/Los_Angeles", (30, 3, 0), False),
    ],
    ids=["east_of_utc_a_day_younger", "west_of_utc_a_day_older"],
)
def test_plan_nurture__first_touch_age_is_counted_in_business_days(zone, created_at, first_touch) -> None:
    ago, hour, minute = created_at
    day = days_ago(ago)
    stamp = datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
    fresh = lead(status="New", created_date=None, created_time=stamp)
    plan = plan_nurture(fresh, "Cool", S, TODAY, ZoneInfo(zone))
    assert S.first_touch_max_age_days == 30
    assert (plan.email is not None) is first_touch


@pytest.mark.parametrize(
    ("tier", "first_gap", "then"),
    [("Warm", 30, "Checking in"), ("Cool", 30, "Checking in"), ("Cold", 90, "Checking in")],
)
def test_plan_nurture__a_lead_whose_deal_was_lost_hears_nothing_for_the_long_interval_then_check_ins(
    tier: str, first_gap: int, then: str
) -> None:
    """Her deal lost (every attempt closed, she is back at Nurture): she said "not now" this week, so the
    sequence restarts after its end, not where the deal interrupted it (a warm touch three days later)."""
    from automation.leads.emails import template_email

    current = lead(
        status="Nurture",
        nurture_sequence="Paused",
        nurture_step=1,
        next_action="Deal open: move Jane Doe's deal forward",
        follow_up_due=None,
    )
    drafted: list[tuple[int, str]] = []
    for day in range(0, first_gap * 2 + 1):
        today = date.fromordinal(TODAY.toordinal() + day)
        plan = plan_nurture(current, tier, S, today)
        if plan.email:
            drafted.append((day, template_email(current, plan.email).subject))
        current = updated(current, **plan.fields)
    assert drafted == [(first_gap, then), (first_gap * 2, then)]


def test_plan_nurture__no_nurture_email_is_drafted_on_the_quiet_days_the_step_waits() -> None:
    """Christmas Eve to Boxing Day and New Year's Day (Settings): a step due then, or overdue then, waits
    for the next ordinary day; a Cool lead's monthly touch landing on 1 January goes on the 2nd."""
    warm = lead(status="Contacted", nurture_sequence="Warm", nurture_step=2, follow_up_due=date(2026, 12, 20))
    drafted = []
    for day in range(24, 32):
        today = date(2026, 12, day)
        plan = plan_nurture(warm, "Warm", S, today)
        if plan.email:
            drafted.append(today)
        warm = updated(warm, **plan.fields)
    assert drafted == [date(2026, 12, 27)]
    cool = lead(status="Contacted", nurture_sequence="Cool", nurture_step=2, follow_up_due=date(2026, 12, 2))
    plan = plan_nurture(cool, "Cool", S, date(2026, 12, 2))
    assert plan.email is not None and plan.fields["follow_up_due"] == date(2027, 1, 2)


def test_plan_nurture__a_new_leads_first_touch_on_christmas_day_is_drafted_as_her_answer() -> None:
    plan = plan_nurture(lead(created_date=date(2026, 12, 25)), "Warm", S, date(2026, 12, 25))
    assert plan.email is not None and plan.email.first
    assert plan.fields["follow_up_due"] == date(2026, 12, 28)


def test_nurture_settings__quiet_days_are_days_of_the_year() -> None:
    assert NurtureSettings(quiet_days=[" 07-04 "]).quiet_days == ["07-04"]
    with pytest.raises(ValueError, match="MM-DD"):
        NurtureSettings(quiet_days=["25/12"])
