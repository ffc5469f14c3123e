"""The deal pipeline automation: probability, weighted value, stage history, close and commission; a won
deal gets exactly one Client (found by email, else created, with its associate proposal for the coach) and
converts its lead; a won deal's Package, linked or changed after the win, reaches a client who has none;
a deal moved takes its lead along (into the pipeline, or back to Nurture once every attempt is lost); a
deal lost without a reason asks the coach; a stage change that goes backwards or skips its evidence is
flagged to the coach.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from pyairtable import formulas as F

from automation.errors import RecordProblem
from automation.leads import status
from automation.leads.contact import mailbox_match, one_mailbox
from automation.leads.pipeline import (
    client_row,
    closer_rate_problem,
    deal_updates,
    format_at,
    needs_lost_reason,
    parse_history,
    stage_problem,
    value_problem,
)
from automation.leads.stage_checks import StageCheck, check_stage_change
from automation.models import Associate, Client, Deal, Lead
from automation.registry import Automation, Update

if TYPE_CHECKING:
    from automation.context import JobContext

DEAL_INPUTS = frozenset(
    {"pipeline_stage", "deal_value", "probability_override", "closed_by", "lost_reason", "actual_close"}
)
DEAL_FIELDS = frozenset(
    {
        "probability",
        "weighted_value",
        "stage_changed_at",
        "stage_history",
        "actual_close",
        "commission",
        "client",
    }
)


def update_deals(ctx: JobContext, deals: list[Deal]) -> list[Update]:
    gw = ctx.gateway
    closer_ids = [d.closed_by[0] for d in deals if d.closed_by and d.pipeline_stage == "Closed Won"]
    closers = (
        {a.id: a for a in gw.get_many(Associate, closer_ids, fields=["commission_pct"])} if closer_ids else {}
    )
    won = [d for d in deals if d.pipeline_stage == "Closed Won"]
    moved = [d for d in deals if d.lead and stage_changing(d) and moves_its_lead(d)]
    won_leads = list(dict.fromkeys(d.lead[0] for d in won if d.lead))
    leads = {x.id: x for x in gw.get_many(Lead, won_leads)} if won_leads else {}
    out: list[Update] = []
    # Several stage checks in one change (a pasted column of stages) are stored Approved and delivered
    # together at the end: one claim for the batch, and none left claimed but unsent when the run's budget
    # runs out before the end (the webhook's retry, or send-due, delivers them; their keys survive the
    # retry). One check keeps its claim in its upsert (no extra call on a deal moved alone).
    flagged = {d.id: c for d in deals if stage_changing(d) and (c := stage_check(ctx, d)) is not None}
    checks: list[Any] | None = [] if len(flagged) > 1 else None
    for deal in deals:
        closer = closers.get(deal.closed_by[0]) if deal.closed_by else None
        report_bad_figures(ctx, deal, closer)
        fields: dict[str, Any] = deal_updates(
            deal, ctx.settings.pipeline, ctx.now, ctx.today(), closer.commission_pct if closer else None
        )
        key_free_at: float | None = None  # when no stage check of this change can exist (client_for)
        if deal.pipeline_stage == "Closed Won":
            lead = leads.get(deal.lead[0]) if deal.lead else None
            if not deal.client:
                found = client_for(ctx, deal, lead)
                client = found.client
                fields["client"] = [client.id]
                key_free_at = found.key_free_at
                if found.created:
                    propose_associate(ctx, client, found.candidates, found.held)
                elif (package := package_for_client(ctx, deal, client)) is not None:
                    out.append(Update(client, {"package": package}))  # a returning client without one
        elif needs_lost_reason(deal):
            ask_lost_reason(ctx, deal, fields.get("stage_history") or deal.stage_history)
        if "stage_history" in fields and deal.id in flagged:  # the stage just changed, and something is off
            flag_stage_change(ctx, deal, flagged[deal.id], checks, key_free_at=key_free_at)
        out.append(Update(deal, fields))
    if checks:
        from automation.messages import deliver

        deliver(ctx, [m for m in checks if m.status == "Approved"])
    # The leads a move may change are read after the stage checks are composed: read first, they would
    # make the deal's read too old to prove a stage check new (compose's `about`), costing a Messages read.
    more = list(dict.fromkeys(d.lead[0] for d in moved if d.lead[0] not in leads))
    leads |= {x.id: x for x in gw.get_many(Lead, more)} if more else {}
    return out + lead_updates(ctx, deals, {d.lead[0] for d in moved}, leads)


def report_bad_figures(ctx: JobContext, deal: Deal, closer: Associate | None) -> None:
    """Name in the run record a Deal Value or a closer's Commission % that priced nothing."""
    why = value_problem(deal)
    if why is not None:
        ctx.run.report(
            RecordProblem("deals", deal.id, "deal_value", deal.deal_value, why, name=deal.deal_name)
        )
    why = stage_problem(deal, ctx.settings.pipeline)
    if why is not None:
        ctx.run.report(
            RecordProblem("deals", deal.id, "pipeline_stage", deal.pipeline_stage, why, name=deal.deal_name)
        )
    pct = closer.commission_pct if closer is not None else None
    why = closer_rate_problem(pct) if pct is not None and deal.pipeline_stage == "Closed Won" else None
    if why is not None and closer is not None:
        ctx.run.report(RecordProblem("associates", closer.id, "commission_pct", pct, why, name=closer.name))


def stage_changing(deal: Deal) -> bool:
    """The deal's stage is not yet the last line of its Stage History (moved, or seen for the first time)."""
    history = parse_history(deal.stage_history)
    return bool(deal.pipeline_stage) and (not history or history[-1].stage != deal.pipeline_stage)


def moves_its_lead(deal: Deal) -> bool:
    """Whether the deal's new stage can change its lead (status.after_deal_change): a worked stage, Closed
    Lost, or a move away from Closed Won. A deal opened or moved within Lead and Prospect cannot, and its
    lead is not read (a call saved on every such change)."""
    history = parse_history(deal.stage_history)
    was = history[-1].stage if history else None
    return deal.pipeline_stage in (*status.WORKED_STAGES, "Closed Lost") or was == "Closed Won"


def lead_updates(ctx: JobContext, batch: list[Deal], moved: set[str], leads: dict[str, Lead]) -> list[Update]:
    """Each lead follows its deals: a won deal converts it; a deal moved (`moved`: those leads' ids) takes it
    into the pipeline or, when every attempt is closed and none won, back to Nurture (status.py)."""
    by_id = {d.id: d for d in batch}
    others = [i for rid in moved if rid in leads for i in leads[rid].deals if i not in by_id]
    if others:
        by_id |= {d.id: d for d in ctx.gateway.get_many(Deal, others, fields=["pipeline_stage"])}
    out = []
    for lead in leads.values():
        ids = list(dict.fromkeys([*lead.deals, *(d.id for d in batch if d.lead and d.lead[0] == lead.id)]))
        deals = [by_id[i] for i in ids if i in by_id]
        won = any(d.pipeline_stage == "Closed Won" for d in deals)
        if won:
            # Unsubscribed is the person's answer to marketing and outlives the sale (eligibility.py): the
            # client's own Email Opt Out governs service emails, and a former client is not marketed to again.
            new = None if lead.status in ("Converted", "Unsubscribed") else "Converted"
        else:
            new = status.after_deal_change(lead, deals) if lead.id in moved else None
        if new and new != lead.status:
            fields: dict[str, Any] = {"status": new}
            if new == "Converted" and (notes := status.won_note(lead, deals, ctx.today())) is not None:
                fields["notes"] = notes  # the same write: how a deletion of the deal finds her
            out.append(Update(lead, fields))
    return out


def on_deals_deleted(ctx: JobContext, deal_ids: list[str]) -> None:
    """Deals deleted from the base: Airtable gives only their ids, and the lead's link to a deleted deal is
    gone with it, so a Converted lead whose won deal it was is found by the line the conversion wrote in her
    Notes (status.won_note): one read, on a deletion only. With no won deal left she is no client of the
    pipeline's any more: her status follows the deals she still has (status.after_won_deal_deleted), the
    coach is told in the run record, and the lead automations run on her now (nurture restarts) since the
    app's own write comes back through no webhook. A lead converted before this note existed is not found."""
    from automation.events.runner import run_automations

    gw = ctx.gateway
    notes = gw.ref(Lead, "notes")
    formula = F.AND(
        gw.ref(Lead, "status").eq("Converted"),
        F.OR(*(F.FIND(d, notes) for d in sorted(set(deal_ids)))),
    )
    # The formula alone picks her (FIND is case-sensitive, as `in` is): only the leads it names are read.
    leads = gw.all(Lead, formula=formula)
    if not leads:
        return
    others = list(dict.fromkeys(i for x in leads for i in x.deals if i not in deal_ids))
    left = {d.id: d for d in gw.get_many(Deal, others, fields=["pipeline_stage"])} if others else {}
    changes = []
    for lead in leads:
        new = status.after_won_deal_deleted(lead, [left[i] for i in lead.deals if i in left])
        if new is None:
            continue
        gone = ", ".join(d for d in deal_ids if d in (lead.notes or ""))
        line = f"{ctx.today().isoformat()}: the won deal {gone} was deleted: status set back to {new}"
        changes.append((lead, {"status": new, "notes": f"{lead.notes}\n\n{line}"}))
        who = (lead.name or "").strip() or lead.email or lead.id
        why = (
            f"{who}'s won deal was deleted: Converted set back to {new} (her client record stays); mark "
            "a deal Closed Won to convert her again"
        )
        ctx.run.report(RecordProblem("leads", lead.id, "status", lead.status, why))
    if changes:
        gw.update(Lead, changes)
        ids = [lead.id for lead, _ in changes]
        run_automations(ctx, "leads", ids, {rid: {"status"} for rid in ids})


FIRST_SEEN_DAYS = 7  # a deal without Stage History created longer ago than this predates the automation


def _older_than(deal: Deal, now: datetime, days: int) -> bool:
    """Created more than `days` ago by its Created Date (typed or imported) or by Airtable's created time."""
    ages = [(now.date() - deal.created_date).days] if deal.created_date else []
    ages += [(now - deal.created_time).days] if deal.created_time else []
    return max(ages, default=0) > days


def stage_check(ctx: JobContext, deal: Deal) -> tuple[StageCheck, str] | None:
    """What is off about the deal's stage change, and the key of its check (None: nothing to flag). Keyed
    on the stage it leaves as Stage History dates it (and its place there), not on the time the change was
    processed: a run stopped before writing the deal and retried minutes later finds the same key."""
    history = parse_history(deal.stage_history)
    previous = history[-1].stage if history else None
    if previous is None and _older_than(deal, ctx.now, FIRST_SEEN_DAYS):
        # Seen for the first time but not new: a base connected with its history (deals of last year at
        # Proposal without Proposal Sent). Nothing moved; a check per old deal would be a storm on Slack.
        return None
    check = check_stage_change(deal, previous, ctx.settings.pipeline)
    if check is None:
        return None
    since = format_at(history[-1].at) if history else "new"
    return check, f"{deal.id}:stage-check:{len(history)}:{since}:{deal.pipeline_stage}"


def flag_stage_change(
    ctx: JobContext,
    deal: Deal,
    found: tuple[StageCheck, str],
    batch: list[Any] | None = None,
    *,
    key_free_at: float | None = None,
) -> None:
    """One Slack note to the coach per stage change that goes backwards or lacks its evidence (`found`: its
    stage_check). With `batch`, the note is stored Approved and added to it, for the caller to deliver
    with the others. `key_free_at`: a moment (time.monotonic) at which no note of this change can have
    existed yet (ClientFor.key_free_at), which stands in for its dedupe-key read like compose's `about`."""
    from automation.leads.emails import stage_check_draft
    from automation.messages import compose

    check, key = found
    draft = stage_check_draft(deal, check, ctx.settings, key)
    if batch is None:
        compose(ctx, draft, about=deal, absent_since=key_free_at)
    else:
        batch.append(compose(ctx, draft, send=False))


def propose_associate(
    ctx: JobContext,
    client: Client,
    candidates: tuple[list[Associate], dict[str, int]] | None = None,
    held: dict[str, list[str]] | None = None,
) -> None:
    """A client this automation just created gets its associate proposal now: the app's own write never
    comes back through the webhook, and the daily job would leave the coach waiting a day for it.
    `candidates`: the active associates and their loads, `held`: the places waiting proposals name, when
    client_for read them."""
    from automation.associates.automations import propose_associates

    associates, loads = candidates if candidates is not None else (None, None)
    propose_associates(ctx, [client], associates, loads, created_now=True, held=held)


class ClientFor(NamedTuple):
    """What client_for found or made for a won deal."""

    client: Client
    created: bool  # no client had the lead's mailbox (or name): this run made it, and proposes an associate
    # The active associates and their loads (counted on the clients read with the search), read before the
    # client was created, for its proposal (None when not read).
    candidates: tuple[list[Associate], dict[str, int]] | None = None
    # Associate id -> the clients whose proposals, still waiting, name her first (read with the associates).
    held: dict[str, list[str]] | None = None
    # When (time.monotonic) the upsert that Airtable reports as having *created* the client was sent: no
    # stage check of this deal's change can exist then (see client_for); None when it was not created so.
    key_free_at: float | None = None


def client_for(ctx: JobContext, deal: Deal, lead: Lead | None) -> ClientFor:
    """The deal's client: an existing one with the lead's email, else a new one, read in the same request
    as the clients that count in an associate's load (Active, Paused), which the new client's associate
    proposal needs with the active associates (read before the client is made, see below).

    With an email the new client is upserted on Email, so a replayed event or a concurrent run lands on the
    same record. Without one it is found by exact name, else created: two runs racing on the very same
    email-less deal in the same second could still create two (the coach would see a duplicate name).

    A client the upsert *created* (Airtable's createdRecords) proves the deal's stage check new: every run
    that composes the check of this won deal's change looks up its client first, and from then on a client
    with this email exists (it found one, or its upsert made one); so until ours created it, no run had
    composed the check, and the moment our upsert left stands in for the check's dedupe-key read (its claim's
    fresh read, compose's `absent_since`). The associates are read before the upsert so that the check's
    upsert follows it closely enough for that (claim.py's settle rule). Only the coach deleting the client,
    or changing the lead's email, between a run cut short after composing the check and its retry breaks
    the premise: the retry's upsert then finds the check there, sends nothing and leaves it to be surfaced
    as stuck (never sent twice), as compose's `about` does for a message unlinked by hand.
    """
    from automation.associates.automations import candidates, waiting_held
    from automation.associates.figures import LOAD_STATUSES
    from automation.associates.matching import needs_associate
    from automation.parallel import together

    gw = ctx.gateway
    row = client_row(deal, lead, ctx.today())
    email = row.get("email")
    if email:
        # The client with the lead's mailbox in any spelling (the client typed as "Jane.Doe@gmail.com", the
        # lead as "janedoe@gmail.com"): the same person, not a second client. Same request.
        match = mailbox_match(gw.ref(Client, "email"), email)
        # The clients that count in an associate's load (a blank Status counts, as for the daily job's).
        loads = [gw.ref(Client, "status").eq(x) for x in (*LOAD_STATUSES, F.BLANK())]
        # Package too: a returning client without one gets the deal's (package_for_client), same request.
        wanted = ["email", "name", "associate", "status", "package", "reassign_associate"]
        read = gw.all(Client, formula=F.OR(match, *loads), fields=wanted)
        found = sorted((c for c in read if one_mailbox(c.email, email)), key=lambda c: c.email != email)
        if found:
            return ClientFor(found[0], False)
        # A proposal still waiting is for a client who still needs an associate, and the read shows them all:
        # only when there is one are the places waiting proposals name read (beside the associates), else
        # no place can be promised and the read would find nothing.
        if any(needs_associate(c) for c in read):
            chosen, held = together(lambda: candidates(ctx, read), lambda: waiting_held(ctx, ()))
        else:
            chosen, held = candidates(ctx, read), {}
        gw.room_for(2)  # the client's upsert and the stage check's, back to back
        made: set[str] = set()
        sent = time.monotonic()
        client = gw.upsert(Client, [row], merge_on=["email"], created=made)[0]
        return ClientFor(client, True, chosen, held, sent if client.id in made else None)
    found = gw.all(Client, formula={"name": row["name"]}, fields=["name", "package"], max_records=1)
    return ClientFor(found[0], False) if found else ClientFor(gw.create(Client, [row])[0], True)


def package_for_client(ctx: JobContext, deal: Deal, client: Client) -> list[str] | None:
    """The Package to link on the won deal's client (billing reads the client's), or None. A client with
    none gets the deal's; a client with another keeps hers (the coach may have set it) and the run says so."""
    if not deal.package or set(client.package) == set(deal.package):
        return None
    if not client.package:
        return list(deal.package)
    who = (deal.deal_name or "").strip() or deal.id
    why = (
        f"the won deal {who} links another Package than this client's: the client's is kept (billing reads "
        "it); link the deal's package on the client yourself if hers changed"
    )
    ctx.run.report(RecordProblem("clients", client.id, "package", client.package, why))
    return None


def package_to_clients(ctx: JobContext, deals: list[Deal]) -> list[Update]:
    """A Closed Won deal whose client already exists (the pipeline's client creation is behind it, or the
    coach linked the client herself before the win, so none is created): its Package reaches the client.
    Runs when a deal's Package or stage changes, and reads the client only for a won deal with a client
    and a package, so a stage move of an open deal, or a win that creates the client, costs nothing; the
    client read is whole, so its write carries the client automations' answer (health reads the package)."""
    won = [d for d in deals if d.pipeline_stage == "Closed Won" and d.client and d.package]
    if not won:
        return []
    ids = list(dict.fromkeys(d.client[0] for d in won))
    clients = {c.id: c for c in ctx.gateway.get_many(Client, ids)}
    out: dict[str, Update] = {}
    for deal in won:
        client = clients.get(deal.client[0])
        if client is None:  # deleted: nothing to bill
            continue
        package = package_for_client(ctx, deal, client)
        if package is not None:
            out[client.id] = Update(client, {"package": package})
            clients[client.id] = client.model_copy(update={"package": package})  # a second deal: a conflict
    return list(out.values())


def ask_lost_reason(ctx: JobContext, deal: Deal, history: str | None) -> None:
    """One message per loss (keyed by when it was lost): the coach is asked for the Lost Reason."""
    from automation.leads.emails import lost_reason_draft
    from automation.messages import compose

    entries = [e for e in parse_history(history) if e.stage == "Closed Lost"]
    when = entries[-1].at.strftime("%Y%m%dT%H%M") if entries else ctx.today().isoformat()
    compose(ctx, lost_reason_draft(deal, ctx.settings, f"{deal.id}:lost-reason:{when}"))


AUTOMATIONS = [
    # Declared first: a deal won and given its Package in one change has no client yet when this runs (the
    # pipeline creates the client with the package), so it reads nothing then.
    Automation(
        "deal-package",
        "deals",
        frozenset({"package", "pipeline_stage"}),
        frozenset(),
        package_to_clients,
        on_create=False,
        description="A won deal's Package reaches its existing client if she has none (linked after the win, "
        "or the client linked by hand before it).",
    ),
    Automation(
        "deal-pipeline",
        "deals",
        DEAL_INPUTS,
        DEAL_FIELDS,
        update_deals,
        on_destroy=on_deals_deleted,
        description="Probability, weighted value, stage history; won: client, lead converted; lost: ask why; "
        "a won deal deleted: its lead's status follows the deals left.",
    ),
]
