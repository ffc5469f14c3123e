"""Lead status progression: moves on facts, Qualified opens a deal, Converted only through a won deal."""

from __future__ import annotations

import pytest

from automation.leads.status import after_deal_change, can_move, deal_name, decide_status
from tests.leads.factories import days_ago, deal, lead

OPEN = deal(pipeline_stage="Proposal")
LOST = deal(pipeline_stage="Closed Lost")
WON = deal(pipeline_stage="Closed Won")

# (id, lead facts, linked deals, expected (status, open_deal, has_problem))
CASES = [
    ("new_lead_without_contact_stays_new", dict(), [], (None, False, False)),
    ("blank_status_becomes_new", dict(status=None), [], ("New", False, False)),
    (
        "new_lead_we_contacted_becomes_contacted",
        dict(last_contact=days_ago(1)),
        [],
        ("Contacted", False, False),
    ),
    ("new_lead_that_replied_becomes_engaged", dict(replies=1), [], ("Engaged", False, False)),
    (
        "contacted_lead_that_met_us_becomes_engaged",
        dict(status="Contacted", meetings=1),
        [],
        ("Engaged", False, False),
    ),
    (
        "parked_nurture_lead_that_replies_stays_parked",
        dict(status="Nurture", replies=2),
        [],
        (None, False, False),
    ),
    ("qualified_lead_without_a_deal_opens_one", dict(status="Qualified"), [], (None, True, False)),
    ("qualified_lead_with_an_open_deal_opens_none", dict(status="Qualified"), [OPEN], (None, False, False)),
    (
        "qualified_again_after_a_lost_deal_opens_a_new_attempt",
        dict(status="Qualified"),
        [LOST],
        (None, True, False),
    ),
    (
        "converted_by_hand_without_a_won_deal_goes_back",
        dict(status="Converted"),
        [OPEN],
        ("Qualified", False, True),
    ),
    (
        "converted_by_hand_without_any_deal_goes_back_to_what_it_earned",
        dict(status="Converted", replies=1),
        [],
        ("Engaged", False, True),
    ),
    ("a_won_deal_converts_the_lead", dict(status="Proposal"), [LOST, WON], ("Converted", False, False)),
    ("converted_with_a_won_deal_stays", dict(status="Converted"), [WON], (None, False, False)),
    ("unsubscribed_is_never_moved", dict(status="Unsubscribed", replies=3), [WON], (None, False, False)),
    # Set by hand out of the pipeline while a deal is worked: back in, or nurture emails a live prospect.
    ("new_by_hand_with_a_deal_at_proposal_goes_back", dict(status="New"), [OPEN], ("Qualified", False, True)),
    (
        "nurture_by_hand_with_a_deal_at_negotiation_goes_back",
        dict(status="Nurture"),
        [LOST, deal(id="recDEAL00000002", pipeline_stage="Negotiation")],
        ("Qualified", False, True),
    ),
    (
        "engaged_with_a_deal_only_at_prospect_stays",
        dict(status="Engaged", replies=1),
        [deal(pipeline_stage="Prospect")],
        (None, False, False),
    ),
    ("new_with_every_attempt_lost_stays", dict(status="New"), [LOST], (None, False, False)),
]


@pytest.mark.parametrize(("facts", "deals", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_decide_status(facts: dict, deals: list, expected: tuple) -> None:
    d = decide_status(lead(**facts), deals)
    assert (d.status, d.open_deal, d.problem is not None) == expected


@pytest.mark.parametrize(
    ("current", "new", "allowed"),
    [
        ("New", "Contacted", True),
        ("Engaged", "Qualified", True),
        ("Qualified", "Proposal", True),
        ("Converted", "New", False),
        ("Unsubscribed", "Contacted", False),
        ("Proposal", "New", False),
        (None, "New", True),
    ],
)
def test_can_move(current: str | None, new: str, allowed: bool) -> None:
    assert can_move(current, new) is allowed


def test_every_move_the_automation_makes_is_allowed() -> None:
    for case in CASES:
        facts, deals = case[1], case[2]
        d = decide_status(lead(**facts), deals)
        if d.status and d.problem is None:
            assert can_move(facts.get("status", "New"), d.status), case[0]


@pytest.mark.parametrize(
    ("facts", "attempt", "name"),
    [
        (dict(name="Jane Doe", company="Acme"), 1, "Jane Doe – Acme"),
        (dict(name="Jane Doe", company="Acme"), 2, "Jane Doe – Acme (attempt 2)"),
        (dict(name="Acme Ltd", company="Acme"), 1, "Acme Ltd"),
        (dict(name=None, email="x@y.example", company=None), 1, "x@y.example"),
    ],
)
def test_deal_name(facts: dict, attempt: int, name: str) -> None:
    assert deal_name(lead(**facts), attempt) == name


def _deals(*stages: str | None) -> list:
    return [deal(id=f"recDEAL{i:08d}", pipeline_stage=s) for i, s in enumerate(stages)]


@pytest.mark.parametrize(
    ("status", "stages", "expected"),
    [
        ("Qualified", ["Closed Lost"], "Nurture"),  # the only attempt lost: nurture, not "Deal open"
        ("Proposal", ["Closed Lost", "Closed Lost"], "Nurture"),
        ("Qualified", ["Closed Lost", "Negotiation"], "Proposal"),  # another attempt still worked
        ("Engaged", ["Qualified"], "Qualified"),  # the coach opened a deal herself
        ("Nurture", ["Proposal"], "Qualified"),  # reopened: Nurture may only enter through Qualified
        ("Qualified", ["Negotiation"], "Proposal"),
        ("Proposal", ["Qualified"], None),  # a deal moved back does not move the lead back
        ("Converted", ["Negotiation"], "Proposal"),  # a won deal reopened: no longer a client
        ("Converted", ["Closed Lost"], "Nurture"),
        ("Converted", ["Prospect"], "Qualified"),
        ("Contacted", ["Prospect"], None),  # not yet qualified: the lead's own facts decide
        ("Lost", ["Closed Lost"], None),
        ("Nurture", ["Closed Lost"], None),
        ("Proposal", ["Closed Won", "Closed Lost"], "Converted"),
        ("Unsubscribed", ["Qualified"], None),
        ("Qualified", [], None),
    ],
)
def test_after_deal_change(status: str, stages: list, expected: str | None) -> None:
    assert after_deal_change(lead(status=status), _deals(*stages)) == expected
