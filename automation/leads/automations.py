"""The lead automations: status → scoring → nurture, in that order (each reads what the one before writes).

Thin shells over the pure rules: read what a rule needs in one call per batch, call the rule, return the
field updates (the runner writes only what changed), compose messages for the side effects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from automation.errors import RecordProblem
from automation.leads import nurture, scoring, status
from automation.leads.pipeline import deal_updates
from automation.models import Deal, Lead
from automation.registry import Automation, Update

if TYPE_CHECKING:
    from automation.context import JobContext

SCORE_INPUTS = frozenset(
    {
        "title",
        "company_size",
        "industry",
        "lead_source",
        "timeline",
        "replies",
        "meetings",
        "last_engagement",
        "email",
        "email_status",
        "status",
        "created_date",
    }
)
SCORE_FIELDS = frozenset({"lead_score", "score_tier", "score_breakdown", "scored_at"})
STATUS_INPUTS = frozenset({"status", "replies", "meetings", "first_contact", "last_contact"})
NURTURE_INPUTS = frozenset(
    {
        "score_tier",
        "status",
        "email",
        "email_status",
        "replies",
        "meetings",
        "last_engagement",
        "last_contact",
        "nurture_sequence",
        "duplicate_of",
    }
)
NURTURE_FIELDS = frozenset({"next_action", "nurture_sequence", "nurture_step", "follow_up_due"})


def stamp_engagement(ctx: JobContext, leads: list[Lead]) -> list[Update]:
    """A reply or meeting typed in by hand, without a date newer than our last contact, happened today."""
    today = ctx.today()
    return [
        Update(lead, {"last_engagement": today})
        for lead in leads
        if nurture.needs_engagement_date(lead, today)
    ]


def score_leads(ctx: JobContext, leads: list[Lead]) -> list[Update]:
    """Lead Score, Score Tier, Score Breakdown; Scored At only when one of them changes."""
    local_now = ctx.now.astimezone(ctx.tz)
    out = []
    for lead in leads:
        fields: dict[str, Any] = scoring.score_lead(lead, ctx.settings.scoring, local_now).fields()
        if any(getattr(lead, k) != v for k, v in fields.items()):
            out.append(Update(lead, {**fields, "scored_at": ctx.now}))
    return out


def progress_status(ctx: JobContext, leads: list[Lead]) -> list[Update]:
    """Move status on facts; open a deal for a Qualified lead without an open one; refuse a bare Converted."""
    deal_ids = [d for lead in leads for d in lead.deals]
    deals = {d: ctx.in_hand[("deals", d)] for d in deal_ids if ("deals", d) in ctx.in_hand}  # a won deal
    missing = [d for d in deal_ids if d not in deals]
    if missing:
        deals |= {d.id: d for d in ctx.gateway.get_many(Deal, missing, fields=["pipeline_stage"])}
    out = []
    for lead in leads:
        decision = status.decide_status(lead, [deals[d] for d in lead.deals if d in deals])
        if decision.open_deal:
            open_deal(ctx, lead)
        if decision.problem:
            ctx.run.report(RecordProblem("leads", lead.id, "status", lead.status, decision.problem))
        if decision.status:
            fields: dict[str, Any] = {"status": decision.status}
            if decision.status == "Converted":
                linked = [deals[d] for d in lead.deals if d in deals]
                if (notes := status.won_note(lead, linked, ctx.today())) is not None:
                    fields["notes"] = notes
            out.append(Update(lead, fields))
    return out


def open_deal(ctx: JobContext, lead: Lead) -> Deal:
    """A Qualified deal for the lead. Upserted on Deal Name (which holds the attempt number) so a replayed
    event or a concurrent run finds the same deal instead of opening a second one."""
    name = status.deal_name(lead, len(lead.deals) + 1)
    draft = Deal(id="recNEW", deal_name=name, pipeline_stage="Qualified", created_time=ctx.now)
    row = {
        "deal_name": name,
        "lead": [lead.id],
        "pipeline_stage": "Qualified",
        "created_date": ctx.today(),
        **deal_updates(draft, ctx.settings.pipeline, ctx.now, ctx.today(), None),
    }
    row = {k: v for k, v in row.items() if v is not None}
    return ctx.gateway.upsert(Deal, [row], merge_on=["deal_name"])[0]


def nurture_leads(ctx: JobContext, leads: list[Lead]) -> list[Update]:
    """Sequence, step, Next Action, Follow-up Due; drafts the due email and alerts the coach of a Hot lead."""
    return nurture_with(ctx, leads, hot_alerts=True)


def nurture_with(ctx: JobContext, leads: list[Lead], *, hot_alerts: bool) -> list[Update]:
    """The daily job passes hot_alerts=False: decay never makes a lead Hot, so a lead entering Hot there
    comes from an import or a Settings change, and a burst of alerts would bury the real ones."""
    from automation.events.runner import just_created
    from automation.leads.ai_writer import write_email
    from automation.leads.duplicates import leads_by_address
    from automation.leads.emails import hot_alert_draft, nurture_draft
    from automation.messages import compose

    today = ctx.today()
    out = []
    for lead in leads:
        plan = nurture.plan_nurture(lead, lead.score_tier, ctx.settings.nurture, today, ctx.tz)
        if plan.email is not None:
            text = write_email(ctx, lead, plan.email)
            draft = nurture_draft(lead, plan.email, text, ctx.settings)
            # A lead created moments ago that no message links to has no message with this key yet.
            fresh = just_created(ctx, lead) and not lead.messages
            # Deferred: written with the visit's next message upsert (a new lead's notice) or after.
            compose(ctx, draft, known_leads=leads_by_address(ctx, lead.email), new_key=fresh, defer=True)
        if plan.hot_alert and hot_alerts and ctx.settings.nurture.hot_alert:
            compose(ctx, hot_alert_draft(lead, ctx.settings, today), about=lead)
        if plan.fields:
            out.append(Update(lead, plan.fields))
    return out


AUTOMATIONS = [
    Automation(
        "lead-engagement",
        "leads",
        frozenset({"replies", "meetings"}),
        frozenset({"last_engagement"}),
        stamp_engagement,
        on_create=False,
        description="Date a reply or meeting recorded by hand, so nurture pauses for the coach's answer.",
    ),
    Automation(
        "lead-status",
        "leads",
        STATUS_INPUTS,
        frozenset({"status"}),
        progress_status,
        description="Status moves on facts; Qualified opens a deal; Converted only through a won deal.",
    ),
    Automation(
        "lead-scoring",
        "leads",
        SCORE_INPUTS,
        SCORE_FIELDS,
        score_leads,
        description="Lead score 1-100 with tier and an explained breakdown.",
    ),
    Automation(
        "lead-nurture",
        "leads",
        NURTURE_INPUTS,
        NURTURE_FIELDS,
        nurture_leads,
        description="Nurture sequence by tier: next action, follow-up date, drafted emails, Hot alert.",
    ),
]
