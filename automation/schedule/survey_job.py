"""The satisfaction-survey job: the morning after a Completed session, its client gets the one question;
and its withdrawal when the session's rating is filled in before the survey has gone."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.errors import RecordProblem
from automation.messages import Draft, compose_many, deliver
from automation.messages.delivery import cancelled_fields
from automation.models import Associate, Client, Message, Session
from automation.registry import Update
from automation.schedule.reminder_emails import ON_HOLD, signer, usable
from automation.schedule.reminder_job import iso, report_addresses
from automation.schedule.survey import one_per_client, survey_draft, survey_key, wants_survey
from automation.schedule.times import local_instant

if TYPE_CHECKING:
    from automation.context import JobContext


def already_asked(ctx: JobContext, since: datetime) -> set[str]:
    """Dedupe keys of the surveys composed since the lookback began: one listing instead of a read per
    session (compose would find them anyway; this only saves the calls)."""
    gw = ctx.gateway
    formula = F.AND(
        gw.ref(Message, "kind").eq("Satisfaction Survey"),
        F.IS_AFTER(gw.ref(Message, "created_at"), iso(since - timedelta(days=1))),
    )
    return {m.dedupe_key for m in gw.all(Message, formula=formula, fields=["dedupe_key"]) if m.dedupe_key}


RATED = "the session's rating was filled in"


def drop_rated_surveys(ctx: JobContext, sessions: list[Session]) -> list[Update]:
    """A session's Satisfaction filled in (the client told the coach or the associate) while its survey
    still waits (queued for the survey hour, or a Draft in the Approval Queue): the survey is Cancelled, so
    she is not asked for a rating she already gave. One Messages read, only for a session rated now that
    links some message (the survey links its session); a survey Sending or Sent stands."""
    rated = [s for s in sessions if s.satisfaction and (s.messages or not s.was_read("messages"))]
    if not rated:
        return []
    gw = ctx.gateway
    key, status = gw.ref(Message, "dedupe_key"), gw.ref(Message, "status")
    formula = F.AND(
        F.OR(status.eq("Approved"), status.eq("Draft")),
        F.OR(*(key.eq(survey_key(s.id)) for s in rated)),
    )
    waiting = gw.all(Message, formula=formula, fields=["dedupe_key", "status"])
    if waiting:
        gw.update(Message, [(m, cancelled_fields(RATED)) for m in waiting])
        ctx.run.add_metric("survey.withdrawn", len(waiting))
    return []  # written here: a Cancelled message has nothing for the messages automations to do


def satisfaction_survey(ctx: JobContext) -> dict[str, Any]:
    gw = ctx.gateway
    sched = ctx.settings.schedule
    if not sched.survey:
        return {"surveys": 0, "off": True}
    today = ctx.today()
    since = local_instant(today - timedelta(days=sched.survey_lookback_days), 0, ctx.tz)
    formula = F.AND(
        gw.ref(Session, "status").eq("Completed"),
        F.IS_AFTER(gw.ref(Session, "session_date"), iso(since - timedelta(seconds=1))),
    )
    fields = ["status", "session_date", "satisfaction", "client", "associate"]
    asked = already_asked(ctx, since)
    found = gw.all(Session, formula=formula, fields=fields)
    sessions = one_per_client(
        [s for s in found if wants_survey(s, today, ctx.settings, ctx.tz) and survey_key(s.id) not in asked],
        [s for s in found if survey_key(s.id) in asked],
    )
    client_ids = sorted({c for s in sessions for c in s.client})
    clients = {c.id: c for c in gw.get_many(Client, client_ids)} if client_ids else {}
    # "our session ... helps me": signed by whoever ran it (read only when a survey goes out)
    associate_ids = sorted({a for s in sessions for a in s.associate})
    associates = {a.id: a for a in gw.get_many(Associate, associate_ids)} if associate_ids else {}
    send_after = local_instant(today, sched.survey_hour, ctx.tz)
    secret = ctx.config.app_secret.get_secret_value() if ctx.config.app_secret else None
    drafted: list[tuple[Session, Draft]] = []
    skipped = 0
    told: set[str] = set()
    for s in sessions:
        client = next((clients[c] for c in s.client if c in clients), None)
        if client is None or not client.email or client.email_opt_out or client.status in ON_HOLD:
            # An opted-out client gets no survey at all (not even a Cancelled message); nor does one who
            # paused or left since: a rating asked of her then reads as not having noticed.
            skipped += 1
            continue
        if usable(client.email) is None:  # "a@x.com; b@y.com": nothing sent to it, the coach told
            report_addresses(ctx, [client], told)
            skipped += 1
            continue
        try:
            draft = survey_draft(
                s,
                client,
                ctx.settings,
                app_secret=secret,
                public_base_url=ctx.config.public_base_url,
                today=today,
                send_after=send_after if send_after > ctx.now else None,
                signed_by=signer(next((associates[a] for a in s.associate if a in associates), None)),
            )
        except Exception as exc:
            ctx.run.report(RecordProblem("sessions", s.id, None, None, f"survey: {exc}"))
            continue
        drafted.append((s, draft))
    # All the surveys composed together: a few calls for the lot instead of about four a survey.
    messages: list[Message] = []
    for (s, _), result in zip(drafted, compose_many(ctx, [d for _, d in drafted]), strict=True):
        if isinstance(result, Exception):
            ctx.run.report(RecordProblem("sessions", s.id, None, None, f"survey: {result}"))
        else:
            messages.append(result)
    deliveries: dict[str, int] = {}
    for d in deliver(ctx, messages):
        deliveries[d.result] = deliveries.get(d.result, 0) + 1
    return {"surveys": len(messages), "skipped": skipped, "deliveries": deliveries, "record_run": True}
