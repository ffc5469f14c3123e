"""The lead automation shells: what they declare, and that scoring writes only when something changed."""

from __future__ import annotations

from automation.events.catalog import build_plan
from automation.leads.automations import score_leads
from tests.leads.factories import lead
from tests.leads.http_world import LEADS_CATALOG


def test_score_leads__writes_score_tier_breakdown_and_scored_at_for_a_new_lead(ctx) -> None:
    (update,) = score_leads(ctx, [lead(title="CEO", lead_source="Referral", timeline="Immediate")])
    assert set(update.fields) == {"lead_score", "score_tier", "score_breakdown", "scored_at"}
    assert update.fields["scored_at"] == ctx.now


def test_score_leads__an_unchanged_score_writes_nothing_not_even_scored_at(ctx) -> None:
    new = lead(title="CEO", lead_source="Referral")
    (update,) = score_leads(ctx, [new])
    scored = new.model_copy(update=update.fields)
    assert score_leads(ctx, [scored]) == []


def test_catalog__order_and_ownership_load_without_cycles() -> None:
    plan = build_plan(LEADS_CATALOG)
    names = [a.name for a in plan.for_table("leads")]
    assert names.index("lead-hygiene") < names.index("lead-scoring")  # email normalised first
    assert names.index("lead-engagement") < names.index("lead-scoring") < names.index("lead-nurture")
    assert names.index("lead-status") < names.index("lead-scoring")
    # deal-package first: a deal won with its package in one change has no client to read yet
    assert [a.name for a in plan.for_table("deals")] == ["deal-package", "deal-pipeline"]
    assert "package" in plan.trigger_fields()["deals"]  # a package linked after the win reaches the client
    assert "leads-daily" in plan.cron_jobs
    watched = set().union(*(a.triggers for a in plan.for_table("leads")))
    assert "notes" not in watched and "title" in watched  # Notes pings nothing; Title re-scores
