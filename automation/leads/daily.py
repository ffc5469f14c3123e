"""The daily leads job: re-score every lead (engagement fades), draft the nurture steps that fell due, note
the nurture emails sent since yesterday as contact, cancel marketing drafts to people who have become
clients since, refresh open deals, keep the month's forecast snapshot.
A lead at Qualified or Proposal with no deal linked at all (its deal deleted: Airtable's payload of a deleted
record carries no links, so the webhook path cannot see whose it was) goes back to Nurture and is named in
the run record, as when every attempt is lost; no deal is opened for it.
An open lead whose mailbox is a current client's gets its nurture stopped for the coach (a lead typed in or
sent by an Airtable form reaches no check of Clients when it is created: the webhook's budget has no room
for it); one read of Clients per run.

All leads are read in pages of 100 (5,000 leads = 50 reads); only leads whose fields change are written, in
batches of 10. Chunks of CHUNK leads are written as they are done, so a run that runs out of budget has
kept its work and the next day's run redoes the rest (scoring is idempotent).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.errors import RecordProblem
from automation.leads.automations import nurture_with, progress_status, score_leads
from automation.leads.contact import mailbox
from automation.leads.deals import update_deals
from automation.leads.forecast import month_of, snapshot
from automation.leads.nurture import (
    IN_DEAL,
    client_stop,
    is_current_client,
    needs_client_stop,
    stale_marketing,
)
from automation.models import Client, Deal, Lead, Message, StateEntry
from automation.registry import CronJob, Update

if TYPE_CHECKING:
    from automation.context import JobContext

CHUNK = 500
SECONDS_PER_CHUNK = 30.0  # stop taking new chunks when less than this is left of the budget
CONTACT_KINDS = ("First Touch", "Nurture Email")
CLOSED = ("Lost", "Unsubscribed")
UNSCORED_DAYS = 3  # a lead stored this recently and never scored is processed as a new one


def score_unscored(ctx: JobContext, leads: list[Lead], batch: int = 10) -> set[str]:
    """Leads stored in the last UNSCORED_DAYS and never scored (their inline run ran out of budget, hit a
    429 or an error): every lead automation runs on them as on a new lead (score, nurture, first-touch
    draft; compose's dedupe key keeps a draft already written from being made twice). Ids of those done."""
    from automation.events.runner import run_automations

    since = ctx.now - timedelta(days=UNSCORED_DAYS)  # older unscored leads (an import) are only scored
    waiting = [
        x.id
        for x in leads
        if x.scored_at is None
        and not x.duplicate_of
        and x.status not in CLOSED  # held as spam by the form, or closed by the coach before any run
        and since < (x.created_time or since) <= ctx.now
        # A Created Date typed or imported from before (her history brought into a new base): not a new lead.
        and (x.created_date is None or x.created_date >= since.astimezone(ctx.tz).date())
    ]
    done: set[str] = set()
    for start in range(0, len(waiting), batch):
        if ctx.time_left() < SECONDS_PER_CHUNK:
            break  # tomorrow's run (or the next) goes on: they are still without Scored At
        ids = waiting[start : start + batch]
        result = run_automations(ctx, "leads", ids, None, created=ids)
        done |= set(ids) - set(result.failed.get("leads", ()))
    return done


def leads_daily(ctx: JobContext) -> dict[str, Any]:
    from automation.parallel import together

    gw = ctx.gateway
    leads, clients = together(lambda: gw.all(Lead), lambda: current_clients(ctx))
    rescued = score_unscored(ctx, leads)
    sent, drafts = _marketing_messages(ctx)
    stale = cancel_stale_drafts(ctx, drafts, leads, clients)
    leads = [x for x in leads if x.id not in rescued]
    contacts = _contact_updates(ctx, leads, sent)
    orphans = leads_without_deal(ctx, leads)
    # Applied before status and nurture run on the lead: a lead moved to Nurture opens no deal there.
    seeds = {rid: {**contacts.get(rid, {}), **orphans.get(rid, {})} for rid in {*contacts, *orphans}}
    done = written = 0
    pending: list[tuple[Lead, dict[str, Any]]] = []
    for start in range(0, len(leads), CHUNK):
        if ctx.time_left() < SECONDS_PER_CHUNK:
            break
        chunk = leads[start : start + CHUNK]
        pending += refresh_leads(ctx, chunk, seeds, clients)
        done += len(chunk)
        full = len(pending) - len(pending) % 10  # write full batches now; carry the rest (10 per request)
        written += _write(ctx, pending[:full])
        pending = pending[full:]
    written += _write(ctx, pending)
    deals = gw.all(Deal)
    open_deals = [d for d in deals if d.pipeline_stage not in ("Closed Won", "Closed Lost")]
    deal_writes = [(u.record, u.fields) for u in update_deals(ctx, open_deals) if isinstance(u.record, Deal)]
    deals_written = len(gw.update(Deal, deal_writes)) if deal_writes else 0
    kept = keep_forecast_snapshot(ctx, deals)
    return {
        "leads": len(leads) + len(rescued),
        "unscored_leads_scored": sorted(rescued),
        "leads_done": done,
        "leads_written": written,
        "contacts_noted": len(contacts),
        "leads_without_deal": sorted(orphans),
        "stale_drafts_cancelled": stale,
        "deals_refreshed": deals_written,
        "forecast_snapshot": kept,
        "record_run": True,
    }


def leads_without_deal(ctx: JobContext, leads: list[Lead]) -> dict[str, dict[str, Any]]:
    """Lead id → {"status": "Nurture"} for each lead at Qualified or Proposal that links no deal at all: its
    deal was deleted (or never opened). Left there, nothing would move it (there is no deal to close), its
    nurture would stay paused under a Next Action about a deal that is gone, and its next reply would make
    the status rule open a deal nobody asked for; Nurture is where the pipeline puts a lead none of whose
    attempts is open, and nurture emails still wait for the coach's approval. Each is named in the run
    record with what to do (Qualified again opens a new deal, as the status rule does).

    Those leads are read again first (one read, only when there are some): the page read at the start of a
    long run may predate a deal the webhook has opened since."""
    waiting = [x.id for x in leads if x.status in IN_DEAL and not x.deals]
    if not waiting:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for lead in ctx.gateway.get_many(Lead, waiting, fields=["name", "email", "status", "deals"]):
        if lead.status in IN_DEAL and not lead.deals:
            # The daily brief shows a partial run's first reason alone, cut at 160 characters: name the lead.
            who = (lead.name or "").strip() or lead.email or lead.id
            why = (
                f"{who} was at {lead.status} with no deal linked (deleted?): moved to Nurture; set Qualified "
                "again to open a new deal"
            )
            ctx.run.report(RecordProblem("leads", lead.id, "status", lead.status, why))
            out[lead.id] = {"status": "Nurture"}
    return out


def current_clients(ctx: JobContext) -> dict[str, Client]:
    """Mailbox → the current client (Active, Paused or no status) who has it: one read, former clients
    left out in Airtable."""
    gw = ctx.gateway
    former = F.OR(*(gw.ref(Client, "status").eq(s) for s in ("Completed", "Churned")))
    rows = gw.all(Client, formula=F.NOT(former), fields=["name", "email", "status"])
    return {box: c for c in rows if is_current_client(c) and (box := mailbox(c.email))}


def refresh_leads(
    ctx: JobContext,
    leads: list[Lead],
    contacts: dict[str, dict[str, Any]],
    clients: dict[str, Client] | None = None,
) -> list[tuple[Lead, dict[str, Any]]]:
    """Contact notes → status → score → current-client stop → nurture on these leads in memory; the
    changes to write."""

    def stop_for_clients(ctx: JobContext, batch: list[Lead]) -> list[Update]:
        out = []
        for lead in batch:
            client = (clients or {}).get(mailbox(lead.email) or "")
            if client is not None and needs_client_stop(lead):
                name = (client.name or "").strip() or (lead.name or "").strip() or client.id
                out.append(Update(lead, client_stop(name, ctx.today())))
        return out

    merged: dict[str, dict[str, Any]] = {lead.id: dict(contacts.get(lead.id, {})) for lead in leads}
    current = {lead.id: lead.model_copy(update=merged[lead.id]) for lead in leads}
    stages = [
        (progress_status, [i for i in current if contacts.get(i)]),
        (score_leads, None),
        (stop_for_clients, None),  # before nurture, so a step due today is not drafted to a client
        (quiet_nurture, None),
    ]
    for handler, only in stages:
        for rid in list(current) if only is None else only:
            try:
                updates = handler(ctx, [current[rid]])
            except Exception as exc:  # one lead's failure costs only that lead (the runner's rule too)
                ctx.run.report(RecordProblem("leads", rid, None, None, f"{handler.__name__}: {exc}"))
                continue
            for u in updates:
                merged[rid].update(u.fields)
                current[rid] = current[rid].model_copy(update=u.fields)
    originals = {lead.id: lead for lead in leads}
    return [
        (originals[rid], fields)
        for rid, fields in merged.items()
        if any(getattr(originals[rid], k) != v for k, v in fields.items())
    ]


def quiet_nurture(ctx: JobContext, leads: list[Lead]) -> list:
    return nurture_with(ctx, leads, hot_alerts=False)


def _write(ctx: JobContext, changes: list[tuple[Lead, dict[str, Any]]]) -> int:
    if not changes:
        return 0
    ctx.gateway.update(Lead, changes)
    return len(changes)


def _marketing_messages(ctx: JobContext) -> tuple[list[Message], list[Message]]:
    """First touches and nurture emails sent in the last three days, and those still in Draft: one read."""
    gw = ctx.gateway
    since = ctx.now - timedelta(days=3)
    status = gw.ref(Message, "status")
    sent = F.AND(
        status.eq("Sent"),
        F.IS_AFTER(gw.ref(Message, "sent_at"), F.DATETIME_PARSE(since.strftime("%Y-%m-%dT%H:%M:%SZ"))),
    )
    # IF, not OR: a Draft has no Sent At, and a date function of a blank cell is an error that drops the
    # row (Airtable's #ERROR!); IF evaluates only the branch it takes.
    kinds = F.OR(*(gw.ref(Message, "kind").eq(k) for k in CONTACT_KINDS))
    formula = F.AND(kinds, F.IF(status.eq("Draft"), F.TRUE(), sent))
    rows = gw.all(Message, formula=formula, fields=["lead", "sent_at", "status", "kind", "recipient"])
    return [m for m in rows if m.status == "Sent"], [m for m in rows if m.status == "Draft"]


def cancel_stale_drafts(
    ctx: JobContext, drafts: list[Message], leads: list[Lead], clients: dict[str, Client]
) -> int:
    """A first touch or nurture email still waiting for the coach's approval to someone who has since become
    a client (the lead Converted when its deal was won, or the address a current client's) is cancelled with
    the reason: it would be refused at approval anyway, and it clutters her Approval Queue and the brief's
    count of messages awaiting her. Drafts only: an approved one is the send-time check's (it may be on its
    way out; it makes the same check, nurture.stale_marketing). Likewise one whose lead the coach has since
    marked Lost (nurture stopped: no template after a disqualification), who has an open deal, or who
    replied or met on or after the day it was drafted (the sequence is paused for her own answer: that step
    is skipped, not sent late over her conversation)."""
    by_id = {x.id: x for x in leads}
    changes = []
    for m in drafts:
        linked = [by_id[i] for i in m.lead if i in by_id]
        drafted = m.created_time.astimezone(ctx.tz).date() if m.created_time else None
        why = stale_marketing(linked, drafted)
        client = next(
            (c for a in (m.recipient, *(x.email for x in linked)) if (c := clients.get(mailbox(a) or ""))),
            None,
        )
        if client is not None and not any(x.status == "Converted" for x in linked):
            who = (client.name or "").strip() or client.id
            reason = f"Not sent: {who} is a current client; write to them yourself"
        elif why is not None:
            reason = f"Not sent: {why}"
        else:
            continue
        changes.append((m, {"status": "Cancelled", "error": reason}))
    if changes:
        ctx.gateway.update(Message, changes)
    return len(changes)


def _contact_updates(ctx: JobContext, leads: list[Lead], sent: list[Message]) -> dict[str, dict[str, Any]]:
    """Nurture emails sent in the last three days count as contact: Last Contact (and First Contact)."""
    by_id = {lead.id: lead for lead in leads}
    out: dict[str, dict[str, Any]] = {}
    for m in sent:
        if not m.sent_at:
            continue
        day = m.sent_at.astimezone(ctx.tz).date()
        for rid in m.lead:
            lead = by_id.get(rid)
            if lead is None:
                continue
            fields = out.setdefault(rid, {})
            if lead.last_contact is None or day > lead.last_contact:
                fields["last_contact"] = max(day, fields.get("last_contact", day))
            if lead.first_contact is None:
                fields["first_contact"] = min(day, fields.get("first_contact", day))
    return {rid: f for rid, f in out.items() if f}


def snapshot_key(month: str) -> str:
    return f"leads.forecast.{month}"


def keep_forecast_snapshot(ctx: JobContext, deals: list[Deal]) -> bool:
    """Store this month's forecast once (the first run of the month) so its accuracy can be judged later."""
    gw = ctx.gateway
    key = snapshot_key(month_of(ctx.today()))
    if gw.all(StateEntry, formula={"key": key}, fields=["key"], max_records=1):
        return False
    value = snapshot(deals, ctx.settings.pipeline, ctx.today(), ctx.settings.pipeline.forecast_months)
    gw.upsert(StateEntry, [{"key": key, "value": json.dumps(value), "updated_at": ctx.now}], merge_on=["key"])
    return True


def load_snapshot(ctx: JobContext, month: str) -> dict[str, Any] | None:
    """The forecast snapshot taken at the start of `month` (for reports: accuracy = actual ÷ forecast)."""
    found = ctx.gateway.all(StateEntry, formula={"key": snapshot_key(month)}, max_records=1)
    try:
        return json.loads(found[0].value or "") if found else None
    except ValueError:
        return None


CRON_JOBS = [
    CronJob(
        "leads-daily",
        "0 5 * * *",
        leads_daily,
        "Re-score leads (engagement fades), draft due nurture steps, refresh deals, snapshot the forecast.",
    ),
]
