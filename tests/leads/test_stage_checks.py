"""Deal stage validation: backwards moves and stages entered without evidence are flagged, never blocked.

Expected problems follow the requirement ("Proposal without Proposal Sent, Negotiation without a Deal Value,
Closed Won without Contract Sent", and any move backwards), written out by hand per case.
"""

from __future__ import annotations

from datetime import date

import pytest

from automation.leads.emails import stage_check_draft
from automation.leads.stage_checks import check_stage_change
from automation.settings import BusinessSettings, settings_from_mapping
from automation.settings.leads import PipelineSettings
from tests.leads.factories import deal

S = PipelineSettings()
SENT = date(2026, 11, 10)
FULL = dict(deal_value=12_000, proposal_sent=SENT, contract_sent=SENT)

# (id, previous stage, new stage, deal facts, expected problems)
CASES = [
    ("lead_to_prospect_needs_nothing", "Lead", "Prospect", {}, []),
    ("qualified_with_nothing_filled_is_fine", "Prospect", "Qualified", {}, []),
    (
        "proposal_without_proposal_sent",
        "Qualified",
        "Proposal",
        dict(deal_value=5000),
        ["Proposal Sent is empty (expected from Proposal on)"],
    ),
    ("proposal_with_proposal_sent", "Qualified", "Proposal", dict(proposal_sent=SENT), []),
    (
        "negotiation_without_a_deal_value",
        "Proposal",
        "Negotiation",
        dict(proposal_sent=SENT),
        ["Deal Value is empty (expected from Negotiation on)"],
    ),
    (
        "won_without_contract_sent",
        "Negotiation",
        "Closed Won",
        dict(deal_value=9000, proposal_sent=SENT),
        ["Contract Sent is empty (expected from Closed Won on)"],
    ),
    (
        "jump_from_qualified_to_won_skips_all_evidence",
        "Qualified",
        "Closed Won",
        {},
        [
            "Proposal Sent is empty (expected from Proposal on)",
            "Deal Value is empty (expected from Negotiation on)",
            "Contract Sent is empty (expected from Closed Won on)",
        ],
    ),
    ("won_with_everything", "Negotiation", "Closed Won", FULL, []),
    ("lost_from_anywhere_needs_no_evidence", "Prospect", "Closed Lost", {}, []),
    ("backwards_negotiation_to_qualified", "Negotiation", "Qualified", FULL,
     ["moved back from Negotiation to Qualified"]),
    (
        "backwards_and_missing_evidence",
        "Negotiation",
        "Proposal",
        dict(deal_value=100),
        ["moved back from Negotiation to Proposal", "Proposal Sent is empty (expected from Proposal on)"],
    ),
    ("reopened_after_won", "Closed Won", "Negotiation", FULL,
     ["reopened: moved from Closed Won back to Negotiation"]),
    ("reopened_after_lost", "Closed Lost", "Prospect", {},
     ["reopened: moved from Closed Lost back to Prospect"]),
    ("won_to_lost_is_not_backwards", "Closed Won", "Closed Lost", FULL, []),
    (
        "first_seen_at_won_without_contract",
        None,
        "Closed Won",
        dict(deal_value=1, proposal_sent=SENT),
        ["Contract Sent is empty (expected from Closed Won on)"],
    ),
    ("first_seen_at_lead", None, "Lead", {}, []),
    ("zero_deal_value_is_a_value", "Proposal", "Negotiation", dict(deal_value=0, proposal_sent=SENT), []),
]  # fmt: skip


@pytest.mark.parametrize(
    ("previous", "stage", "facts", "problems"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_check_stage_change__flags_what_is_missing_or_backwards(previous, stage, facts, problems) -> None:
    check = check_stage_change(deal(pipeline_stage=stage, **facts), previous, S)
    assert (check.problems if check else []) == problems


def test_check_stage_change__no_change_no_check() -> None:
    assert check_stage_change(deal(pipeline_stage="Proposal"), "Proposal", S) is None
    assert check_stage_change(deal(pipeline_stage=None), "Proposal", S) is None


def test_stage_evidence__comes_from_settings_by_field_name() -> None:
    custom = settings_from_mapping(
        {"pipeline.stage_evidence": '{"Qualified": ["Expected Close"], "Closed Won": []}'}
    ).pipeline
    check = check_stage_change(deal(pipeline_stage="Closed Won", deal_value=5), "Negotiation", custom)
    assert check is not None and check.problems == ["Expected Close is empty (expected from Qualified on)"]
    assert check_stage_change(deal(pipeline_stage="Proposal"), "Qualified", custom).problems == [
        "Expected Close is empty (expected from Qualified on)"
    ]


@pytest.mark.parametrize(
    "value",
    ['{"Signed": ["Contract Sent"]}', '{"Closed Won": ["Signed Contract"]}'],
    ids=["unknown-stage", "unknown-field"],
)
def test_stage_evidence__unknown_stage_or_field_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="stage_evidence"):
        settings_from_mapping({"pipeline.stage_evidence": value})


def test_stage_check_draft__tells_the_coach_what_is_missing_and_that_nothing_was_blocked() -> None:
    d = deal(deal_name="Acme – coaching", pipeline_stage="Closed Won", deal_value=9000)
    check = check_stage_change(d, "Qualified", S)
    settings = BusinessSettings()
    draft = stage_check_draft(d, check, settings, "recDEAL00000001:stage-check:x")
    assert (draft.kind, draft.channel, draft.links) == ("Deal Stage Check", "Slack", {"deal": d.id})
    assert draft.kind in settings.messages.auto_send_kinds  # an alert to the coach, sent at once
    assert (
        "from Qualified to Closed Won" in draft.data["summary"]
        and "Nothing was blocked" in draft.data["summary"]
    )
    assert draft.data["items"] == [
        "Proposal Sent is empty (expected from Proposal on)",
        "Contract Sent is empty (expected from Closed Won on)",
    ]
