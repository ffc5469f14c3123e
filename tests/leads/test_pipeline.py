"""Deal rules: probability with override, weighted value, stage history, close date, commission, client."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from automation.leads.pipeline import client_row, deal_updates, needs_lost_reason, parse_history, probability
from automation.settings import settings_from_mapping
from automation.settings.leads import PipelineSettings
from tests.leads.factories import NOW, TODAY, deal, lead

S = PipelineSettings()
CREATED = datetime(2026, 11, 2, 8, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("stage", "override", "expected"),
    [
        ("Lead", None, 0.05),
        ("Prospect", None, 0.10),
        ("Qualified", None, 0.25),
        ("Proposal", None, 0.5),
        ("Negotiation", None, 0.75),
        ("Closed Won", None, 1.0),
        ("Closed Lost", None, 0.0),
        ("Qualified", 0.4, 0.4),
        ("Negotiation", 0.0, 0.0),
        (None, None, None),
    ],
)
def test_probability__stage_default_unless_overridden(
    stage: str | None, override: float | None, expected
) -> None:
    assert probability(deal(pipeline_stage=stage, probability_override=override), S) == expected


def test_deal_updates__weighted_value_is_value_times_probability() -> None:
    out = deal_updates(deal(pipeline_stage="Proposal", deal_value=12_000), S, NOW, TODAY, None)
    assert (out["probability"], out["weighted_value"]) == (0.5, 6_000)
    assert deal_updates(deal(pipeline_stage="Proposal"), S, NOW, TODAY, None)["weighted_value"] is None


def test_deal_updates__first_sight_records_the_stage_since_creation() -> None:
    out = deal_updates(deal(pipeline_stage="Lead", created_time=CREATED), S, NOW, TODAY, None)
    assert out["stage_history"] == "2026-11-02T08:15Z Lead"
    assert out["stage_changed_at"] == CREATED


def test_deal_updates__a_stage_change_appends_history_and_stamps_the_time() -> None:
    d = deal(pipeline_stage="Proposal", stage_history="2026-11-02T08:15Z Lead\n2026-11-10T10:00Z Qualified")
    out = deal_updates(d, S, NOW, TODAY, None)
    assert out["stage_history"].splitlines()[-1] == "2026-11-20T09:30Z Proposal"
    assert out["stage_changed_at"] == NOW
    assert [e.stage for e in parse_history(out["stage_history"])] == ["Lead", "Qualified", "Proposal"]


def test_deal_updates__same_stage_again_changes_no_history() -> None:
    d = deal(pipeline_stage="Qualified", stage_history="2026-11-10T10:00Z Qualified")
    out = deal_updates(d, S, NOW, TODAY, None)
    assert "stage_history" not in out and "stage_changed_at" not in out


@pytest.mark.parametrize(
    ("closer_pct", "settings", "commission"),
    [
        (0.10, S, 1_200.0),
        (None, S, 0.0),
        (None, settings_from_mapping({"pipeline.default_commission_pct": "10"}).pipeline, 1_200.0),
        (None, settings_from_mapping({"pipeline.default_commission_pct": "0.15"}).pipeline, 1_800.0),
    ],
    ids=["closer_10pct", "no_closer_no_default", "default_typed_as_10", "default_as_fraction"],
)
def test_deal_updates__won_sets_close_date_and_commission(closer_pct, settings, commission) -> None:
    out = deal_updates(deal(pipeline_stage="Closed Won", deal_value=12_000), settings, NOW, TODAY, closer_pct)
    assert (out["actual_close"], out["commission"], out["probability"]) == (TODAY, commission, 1.0)


def test_deal_updates__a_close_date_typed_by_the_coach_is_kept() -> None:
    d = deal(pipeline_stage="Closed Won", deal_value=1000, actual_close=date(2026, 11, 3))
    assert deal_updates(d, S, NOW, TODAY, None)["actual_close"] == date(2026, 11, 3)


def test_deal_updates__reopened_deal_clears_close_date_and_commission() -> None:
    d = deal(pipeline_stage="Negotiation", deal_value=1000, actual_close=date(2026, 11, 3), commission=100)
    out = deal_updates(d, S, NOW, TODAY, 0.1)
    assert (out["actual_close"], out["commission"]) == (None, None)


@pytest.mark.parametrize(
    ("stage", "reason", "needs"),
    [
        ("Closed Lost", None, True),
        ("Closed Lost", "  ", True),
        ("Closed Lost", "Budget frozen", False),
        ("Closed Won", None, False),
        ("Proposal", None, False),
    ],
)
def test_needs_lost_reason(stage: str, reason: str | None, needs: bool) -> None:
    assert needs_lost_reason(deal(pipeline_stage=stage, lost_reason=reason)) is needs


def test_client_row__from_the_lead_and_the_deal() -> None:
    the_lead = lead(
        name="Jane Doe",
        email="Jane@Acme.example",
        company="Acme",
        lead_source="Referral",
        source_detail="Tom Baker (client)",
    )
    won = deal(pipeline_stage="Closed Won", package=["recPKG1"], actual_close=date(2026, 11, 18))
    assert client_row(won, the_lead, TODAY) == {
        "name": "Jane Doe",
        "email": "jane@acme.example",
        "company": "Acme",
        "status": "Active",
        "start_date": date(2026, 11, 18),
        "package": ["recPKG1"],
        "referral_src": "Referral: Tom Baker (client)",
        "created_date": TODAY,
    }


def test_client_row__without_a_lead_uses_the_deal_name() -> None:
    row = client_row(deal(deal_name="Big Co retainer", pipeline_stage="Closed Won"), None, TODAY)
    assert row == {"name": "Big Co retainer", "status": "Active", "start_date": TODAY, "created_date": TODAY}


@pytest.mark.parametrize(
    ("stage", "override", "expected"),
    [
        ("Closed Lost", 0.6, 0.0),  # the outcome is known: a lost deal weighs nothing
        ("Closed Won", 0.3, 1.0),
        ("Proposal", 1.5, 1.0),  # "150%" is held to 100 %
        ("Proposal", -0.2, 0.0),
    ],
)
def test_probability__a_closed_outcome_and_the_0_to_100_range_bound_the_override(
    stage: str, override: float, expected: float
) -> None:
    assert probability(deal(pipeline_stage=stage, probability_override=override), S) == expected


def test_deal_updates__a_won_deal_without_a_value_states_no_commission() -> None:
    out = deal_updates(deal(pipeline_stage="Closed Won", deal_value=None), S, NOW, TODAY, 0.1)
    assert (out["commission"], out["weighted_value"], out["actual_close"]) == (None, None, TODAY)
