"""Thin shells: the new-lead notice automation and the daily brief job (read once per table, compose)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.messages.draft import Draft
from automation.messages.eligibility import business_addresses
from automation.models import ActionItem, Associate, Client, Invoice, Lead, Message, Run, Session, Setting
from automation.parallel import together
from automation.registry import Automation, CronJob, Update
from automation.reports.brief import BriefInputs, Section, brief_associates, build_brief, report_day
from automation.reports.notice import arrived_on, batch_draft, digest_draft, is_news, notice_draft
from automation.settings import blank_settings
from automation.text import date_text, month_first_zone

if TYPE_CHECKING:
    from automation.context import JobContext


def notify_new_leads(ctx: JobContext, leads: list[Lead]) -> list[Update]:
    """Runs after scoring (it reads Score Tier): one email per new lead, once (keyed on the lead). More
    than `reports.new_lead_notice_batch` at once (an import, a conference list) get one email between them:
    thirty emails would bury the coach's inbox, and composing and sending them one by one (a claim and a
    Sent write each, at the app's pacing) outran the run's time budget before the leads' scores were
    written, so the import was never scored. A lead of a batch whose tier or address changes while it is
    still news gets its own notice then."""
    from automation.messages import compose

    if ctx.settings.reports.new_lead_notice != "each":
        return []
    today = ctx.today()
    news = [lead for lead in leads if is_news(lead, ctx.settings, today, ctx.tz)]
    if len(news) > ctx.settings.reports.new_lead_notice_batch:
        compose(ctx, batch_draft(news, ctx.settings))
        return []
    for lead in news:
        compose(ctx, notice_draft(lead, ctx.settings), about=lead)
    return []


LEAD_FIELDS = [
    "name", "email", "company", "lead_score", "score_tier", "score_breakdown", "status", "lead_source",
    "source_detail", "follow_up_due", "next_action", "last_contact", "created_date", "duplicate_of",
]  # fmt: skip


def read_brief_inputs(
    ctx: JobContext, day: date | None = None, associates_read: list[Associate] | None = None
) -> BriefInputs:
    """One paged read per table, all at once; filtered in Airtable where the filter is a plain one. `day`:
    the day the brief is for (its sessions' associates are read, unless `associates_read` already holds every
    associate, as the dashboard's weekly part does)."""
    gw = ctx.gateway
    since = (ctx.now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    runs_f = F.AND(
        F.OR(gw.ref(Run, "outcome").eq("Failed"), gw.ref(Run, "outcome").eq("Partial")),
        F.IS_AFTER(gw.ref(Run, "started"), F.DATETIME_PARSE(since)),
    )
    from automation.leads.spam import RELEASE, is_held

    open_leads = F.NOT(F.OR(*(gw.ref(Lead, "status").eq(s) for s in ("Converted", "Lost", "Unsubscribed"))))
    # In the same read: submissions the website form held in the last day (Lost, the hold's Next Action)
    held_f = F.AND(
        gw.ref(Lead, "status").eq("Lost"),
        gw.ref(Lead, "next_action").eq(RELEASE),
        F.IS_AFTER(F.CREATED_TIME(), F.DATETIME_PARSE(since)),
    )
    items_f = F.NOT(
        F.OR(gw.ref(ActionItem, "status").eq("Complete"), gw.ref(ActionItem, "status").eq("Cancelled"))
    )
    invoices_f = F.OR(gw.ref(Invoice, "status").eq("Sent"), gw.ref(Invoice, "status").eq("Overdue"))
    # Recent Completed sessions with no Raw Notes come in the same read (the brief says they wait for notes).
    held_since = (ctx.now - timedelta(days=ctx.settings.reports.notes_waiting_days + 2)).strftime("%Y-%m-%d")
    sessions_f = F.OR(
        gw.ref(Session, "status").eq("Scheduled"),
        F.AND(
            gw.ref(Session, "status").eq("Completed"),
            F.EQ(gw.ref(Session, "raw_notes"), F.BLANK()),
            F.IS_AFTER(gw.ref(Session, "session_date"), F.DATETIME_PARSE(held_since)),
        ),
    )
    messages_f = F.OR(*(gw.ref(Message, "status").eq(x) for x in ("Draft", "Failed", "Sending")))
    sessions, leads, items, clients, drafts, invoices, runs, settings_rows = together(
        lambda: gw.all(Session, formula=sessions_f),
        lambda: gw.all(Lead, formula=F.OR(open_leads, held_f), fields=[*LEAD_FIELDS, "notes"]),
        lambda: gw.all(ActionItem, formula=items_f),
        lambda: gw.all(
            Client,
            fields=["name", "email", "status", "risk_level", "health_score", "health_breakdown", "associate"],
        ),
        lambda: gw.all(
            Message,
            formula=messages_f,
            fields=["kind", "subject", "title", "recipient", "status", "created_at", "dedupe_key", "channel"]
            + ["error"]
            + ["lead", "client", "session", "invoice"],  # what it is about: a deleted one is withdrawn
        ),
        lambda: gw.all(Invoice, formula=invoices_f),
        lambda: gw.all(Run, formula=runs_f),
        lambda: gw.all(
            Setting, fields=["key", "value"]
        ),  # rows left blank: said in the brief (the cache drops them)
    )
    # Who runs today's and tomorrow's sessions: one more read, only when an associate runs one of them.
    ids = brief_associates(sessions, ctx.now, ctx.tz, day)
    if associates_read is not None:
        associates = [a for a in associates_read if a.id in ids]
    else:
        associates = gw.get_many(Associate, ids, fields=["name", "email", "status"]) if ids else []
    held = [x for x in leads if is_held(x)]
    leads = [x for x in leads if not is_held(x)]
    inputs = BriefInputs(sessions, leads, items, clients, drafts, invoices, runs, associates, held=held)
    inputs.blank_settings = blank_settings([(s.key or "", s.value) for s in settings_rows])
    return inputs


def brief_data(sections: list[Section], day: str, business: str) -> dict[str, Any]:
    intro = (
        "Here is what needs you today." if sections else "Nothing needs you today: no sessions, nothing due."
    )
    return {
        "heading": f"Daily brief for {day}",
        "intro": intro,
        "sections": [{"title": s.title, "bullets": s.bullets} for s in sections],
        "preheader": f"{business}: " + ", ".join(s.title for s in sections)[:140],
    }


def brief_drafts(ctx: JobContext, sections: list[Section], for_day: date | None = None) -> list[Draft]:
    s = ctx.settings
    the_day = for_day or ctx.today()
    # The subject and the dedupe keys keep the ISO date (sorts in an inbox, one brief a day), as the weekly
    # report's subject does; the heading she reads says the day as she writes it, as the weekly's does.
    day = the_day.isoformat()
    said = date_text(the_day, month_first_zone(s.general.time_zone))
    data = brief_data(sections, said, s.general.business_name)
    subject = f"Daily brief {day}: " + (", ".join(x.title for x in sections[:3]) or "nothing due")
    subject = subject[:240]
    out = []
    # Without Slack its copy would reach the coach by email (Config.slack_by_email): a second brief.
    slack_copy = s.reports.brief_slack and not (s.reports.brief_email and ctx.config.slack_by_email())
    if slack_copy:
        out.append(
            Draft(kind="Daily Brief", channel="Slack", recipient=s.messages.slack_channel, subject=subject,
                  template="report", data=data, dedupe_key=f"daily-brief:{day}:slack")
        )  # fmt: skip
    if s.reports.brief_email:
        for addr in business_addresses(s):
            out.append(
                Draft(kind="Daily Brief", channel="Email", recipient=addr, subject=subject,
                      template="report", data=data, dedupe_key=f"daily-brief:{day}:{addr.lower()}")
            )  # fmt: skip
    return out


def daily_brief(ctx: JobContext) -> dict[str, Any]:
    from automation.messages import compose
    from automation.messages.delivery import cancel_drafts_about_deleted

    day = report_day(ctx.now, ctx.tz)  # her morning's, where the cron's hour is her evening
    inputs = read_brief_inputs(ctx, day)
    inputs.drafts = cancel_drafts_about_deleted(ctx, inputs.drafts)  # not awaiting her: nothing to approve
    problems = [*(getattr(ctx, "settings_problems", None) or []), *inputs.blank_settings]
    sections = build_brief(inputs, ctx.now, ctx.tz, ctx.settings, problems, day)
    sent = [compose(ctx, d) for d in brief_drafts(ctx, sections, day)]
    digest = None
    if ctx.settings.reports.new_lead_notice == "digest":
        yesterday = ctx.today() - timedelta(days=1)  # the last whole day (its leads are all in)
        new = [x for x in inputs.leads if arrived_on(x, ctx.tz) == yesterday and not x.duplicate_of]
        draft = digest_draft(new, ctx.settings, yesterday)
        digest = compose(ctx, draft).status if draft else None
    return {
        "sections": {s.title: len(s.ids) for s in sections},
        "messages": [m.status for m in sent],
        "digest": digest,
        "record_run": True,
    }


AUTOMATIONS = [
    Automation(
        "new-lead-notice",
        "leads",
        frozenset({"score_tier", "email", "phone"}),  # a lead typed by hand gets its address later
        frozenset(),
        notify_new_leads,
        description="Email the coach each new lead with its score, tier and source (or a daily digest).",
    ),
]

CRON_JOBS = [
    CronJob(
        "daily-brief",
        "0 7 * * *",
        daily_brief,
        "Morning brief (Slack + email): sessions, follow-ups, Hot leads, overdue items, risks, approvals.",
    ),
]


# ---- the weekly report ----


def _after(field: F.Field, iso: str) -> F.Formula:
    """`field` is after `iso`; false (not an error) when the field is blank: IS_AFTER of a blank date is an
    error in Airtable, and an error inside OR() drops the record whatever the other terms say."""
    return F.IF(field, F.IS_AFTER(field, F.DATETIME_PARSE(iso)), 0)


def read_weekly_inputs(ctx: JobContext, day: date | None = None) -> dict[str, Any]:
    """One paged read per table (all at once); messages and sessions only for the window they count.
    `day`: the day the report is read on (its last month's forecast snapshot is read)."""
    from automation.leads.daily import load_snapshot
    from automation.leads.forecast import add_months, month_of
    from automation.models import Associate, Deal

    gw = ctx.gateway
    week = (ctx.now - timedelta(days=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
    month = (ctx.now - timedelta(days=31)).strftime("%Y-%m-%dT%H:%M:%SZ")
    msg_f = F.OR(  # made this week, or made earlier and sent this week (AI drafts are judged when sent)
        _after(gw.ref(Message, "created_at"), week), _after(gw.ref(Message, "sent_at"), week)
    )
    ses_f = F.IS_AFTER(gw.ref(Session, "session_date"), F.DATETIME_PARSE(month))
    last = add_months(month_of(day or ctx.today()), -1)
    leads, deals, invoices, clients, associates, sessions, messages, snap = together(
        # Email Status: speed to lead does not count a lead whose email bounced as waiting for a first touch
        lambda: gw.all(Lead, fields=[*LEAD_FIELDS, "email_status"]),
        lambda: gw.all(Deal),
        lambda: gw.all(Invoice),
        lambda: gw.all(Client),
        lambda: gw.all(Associate, fields=["name", "status", "max_clients", "email"]),  # email: coach's own
        lambda: gw.all(Session, formula=ses_f, fields=["associate", "status", "session_date",
                                                        "satisfaction"]),
        lambda: gw.all(Message, formula=msg_f, fields=[
            "kind", "status", "sent_at", "created_at", "lead", "generated_body", "edit_ratio"]),
        lambda: load_snapshot(ctx, last),
    )  # fmt: skip
    return {
        "leads": leads, "deals": deals, "invoices": invoices, "clients": clients, "associates": associates,
        "sessions": sessions, "messages": messages, "snapshot": snap,
    }  # fmt: skip


def weekly_claims(ctx: JobContext, data: dict[str, Any], day: date | None = None) -> list[Any]:
    """`day`: the day the report is read on (report_day: her Monday where the cron's hour is her Sunday
    evening), which dates its months and its 30 days; default the business's date."""
    from automation.reports import weekly as w

    s, now, today = ctx.settings, ctx.now, day or ctx.today()
    week_start = now - timedelta(days=7)
    # Figures dated by day (paid on, sent on, health changed on) count the seven whole business days before
    # the business's today: today is not over when the report goes, so a payment later today is next
    # week's. With today in the window, what was dated report-day after the report went fell outside both
    # reports (so where the report goes the evening before her Monday, Sunday is next week's).
    days = (ctx.today() - timedelta(days=7), ctx.today())
    won = w.won_lead_ids(data["deals"])
    return [
        w.speed_to_lead(
            data["leads"], data["messages"], week_start, now, s.reports.speed_to_lead_target_minutes
        ),
        w.conversion_by_source(
            data["leads"], today - timedelta(days=90), today + timedelta(days=1), ctx.tz, won
        ),
        w.conversion_by_month(data["leads"], today, tz=ctx.tz, won_leads=won),
        w.stages(data["deals"]),
        *w.forecast(data["deals"], s, today, data["snapshot"]),
        w.revenue(data["invoices"], *days, today, currency=s.general.currency),
        w.response_time(),
        *w.health(data["clients"], *days),
        w.leaderboard(
            data["associates"],
            data["sessions"],
            data["clients"],
            today,
            ctx.tz,
            s.associates,
            s.general.coach_email,
        ),
        w.ai_acceptance(data["messages"], week_start, now),
        w.hours_saved(data["messages"], s.reports.minutes_saved, week_start, now),
        w.bottleneck(data["deals"], now, s.reports.stuck_days),
    ]


def record_urls(ctx: JobContext, claim: Any, limit: int = 3) -> list[str]:
    """Airtable links to the first records behind a claim (the base's own table ids)."""
    from automation.reports.weekly import table_of

    table = table_of(claim)
    info = ctx.gateway.schema_map().tables.get(table) if table else None
    if info is None:
        return []
    return [
        f"https://airtable.com/{ctx.config.airtable_base_id}/{info.id}/{rid}" for rid in claim.ids[:limit]
    ]


def weekly_data(ctx: JobContext, claims: list[Any], day: date | None = None) -> dict[str, Any]:
    from automation.reports.charts import slug

    sections = []
    for c in claims:
        section: dict[str, Any] = {"title": f"{c.title} [{c.basis}]", "bullets": [c.text]}
        if c.chart:
            section["chart"] = [{"label": label, "value": v, "display": c.shown(v)} for label, v in c.chart]
            section["image"] = {"name": slug(c.title), "title": c.title}  # an inline PNG (cid:) when sent
        if c.ids:
            urls = record_urls(ctx, c)
            more = f" (first {len(urls)}: {' '.join(urls)})" if urls else ""
            section["bullets"].append(f"Records behind it: {len(c.ids)}{more}")
        sections.append(section)
    return {
        "heading": f"Weekly report, week to {date_text(day or ctx.today(), month_first_zone(str(ctx.tz)))}",
        "intro": "Each figure says whether it is known (counted from records), inferred (a judgement on "
        "counted figures) or missing (the data to know it is not there).",
        "sections": sections,
    }


def weekly_report(ctx: JobContext) -> dict[str, Any]:
    from automation.messages import compose

    on = report_day(ctx.now, ctx.tz)  # her Monday, where the cron's hour is her Sunday evening
    data = read_weekly_inputs(ctx, on)
    claims = weekly_claims(ctx, data, on)
    s = ctx.settings
    day = on.isoformat()
    body = weekly_data(ctx, claims, on)
    sent = []
    for addr in business_addresses(s):
        key = f"weekly-report:{day}:{addr.lower()}"
        draft = Draft(kind="Weekly Report", channel="Email", recipient=addr, subject=f"Weekly report {day}",
                      template="report", data=body, dedupe_key=key)  # fmt: skip
        sent.append(compose(ctx, draft).status)
    return {"claims": {c.title: c.basis for c in claims}, "messages": sent, "record_run": True}


CRON_JOBS.append(
    CronJob(
        "weekly-report",
        "0 7 * * 1",
        weekly_report,
        "Monday's report: speed to lead, conversion, forecast, revenue, health, associates, hours saved.",
    )
)
