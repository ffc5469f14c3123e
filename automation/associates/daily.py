"""The daily associates job: every associate's figures (one listing each of associates, clients, the
window's sessions and the notes emails sent), written only where they changed; proposals for clients
still without an associate (or linked only to Inactive ones); a weekly reminder for an associate
Onboarding past the limit."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.associates.automations import INACTIVE, propose_associates
from automation.associates.figures import (
    LOAD_STATUSES,
    associate_fields,
    client_load,
    figures,
    has_status,
    new_flags,
)
from automation.associates.matching import needs_associate
from automation.associates.messages import (
    PROPOSAL,
    onboarding_reminder,
    performance_alert,
    proposal_key,
    unavailable_key,
)
from automation.associates.onboarding import onboarding_days, overdue
from automation.models import Associate, Client, Message, Session
from automation.parallel import together
from automation.registry import Automation, CronJob, Update

if TYPE_CHECKING:
    from automation.context import JobContext

CLIENT_FIELDS = ["name", "status", "associate", "reassign_associate", "focus_areas", "company", "time_zone"]
SESSION_FIELDS = ["associate", "session_date", "status", "satisfaction"]


def _after(gw, model, key: str, since: datetime) -> F.Formula:
    return F.IS_AFTER(gw.ref(model, key), F.DATETIME_PARSE(since.strftime("%Y-%m-%dT%H:%M:%SZ")))


def associates_daily(ctx: JobContext) -> dict[str, Any]:
    gw = ctx.gateway
    s = ctx.settings.associates
    since = ctx.now - timedelta(days=s.quality_window_days + 1)
    notes_f = F.AND(
        gw.ref(Message, "kind").eq("Session Notes"),
        gw.ref(Message, "status").eq("Sent"),
        _after(gw, Message, "sent_at", since),
    )
    proposals_f = gw.ref(Message, "kind").eq(PROPOSAL)
    associates, clients, sessions, notes, proposals = together(
        lambda: gw.all(Associate),
        lambda: gw.all(
            Client,
            formula=F.OR(*(gw.ref(Client, "status").eq(x) for x in (*LOAD_STATUSES, F.BLANK()))),
            fields=CLIENT_FIELDS,
        ),
        lambda: gw.all(Session, formula=_after(gw, Session, "session_date", since), fields=SESSION_FIELDS),
        lambda: gw.all(Message, formula=notes_f, fields=["session", "sent_at"]),
        lambda: gw.all(Message, formula=proposals_f, fields=["dedupe_key", "status", "client", "associate"]),
    )
    sent: dict[str, datetime] = {}
    for m in notes:
        for sid in m.session:
            if m.sent_at and (sid not in sent or m.sent_at < sent[sid]):
                sent[sid] = m.sent_at
    today = ctx.today()
    changes = []
    found = []  # (associate, flags of a kind not stored yet, the summary): told to the coach once
    for a in associates:
        f = figures(a, clients, sessions, sent, s, today, ctx.tz)
        fields = associate_fields(f, a, s)
        if any(getattr(a, k) != v for k, v in fields.items()):
            changes.append((a, fields))
        fresh = new_flags(a.flags, f.flags) if a.status != INACTIVE else []
        if fresh:
            found.append((a, fresh, fields["performance_summary"]))
    written = len(gw.update(Associate, changes)) if changes else 0

    from automation.messages import compose

    for a, fresh, summary in found:  # after the write: a failed write re-finds them tomorrow, not twice
        compose(ctx, performance_alert(a, fresh, summary, ctx.settings, today.isoformat()))

    reminders = 0
    for a in associates:
        if overdue(a, today, s.onboarding_reminder_days, ctx.tz):
            compose(ctx, onboarding_reminder(a, ctx.settings, onboarding_days(a, today, ctx.tz) or 0))
            reminders += 1
    waiting = propose_waiting(ctx, associates, clients, proposals)
    return {
        "associates": len(associates),
        "associates_written": written,
        "proposals": waiting,
        "onboarding_reminders": reminders,
        "performance_alerts": len(found),
        "record_run": True,
    }


def propose_waiting(
    ctx: JobContext, associates: list[Associate], clients: list[Client], proposals: list[Message]
) -> int:
    """A proposal for each client still without an associate (or linked only to Inactive ones) who is due
    one (`_due`), on today's loads; how many were due. The daily job's, and the one run when a place may
    have freed up (an associate's Max Clients or Status changed)."""
    stored = {m.dedupe_key for m in proposals if m.dedupe_key}
    # A client whose every associate is Inactive needs one too, in case the associate-departure flag was
    # missed (she left before it existed, or its run failed): proposed unflagged; approving it replaces her.
    gone = {a.id: a.name or a.id for a in associates if a.status == INACTIVE}
    after: dict[str, str] = {}
    waiting = []
    for c in clients:
        due, held_after = _due(c, proposals, stored) if needs_associate(c, gone) else (False, None)
        if due:
            waiting.append(c)
            if held_after:
                after[c.id] = held_after
    loads = {a.id: client_load(a, clients) for a in associates}
    active = [a for a in associates if has_status(a, "Active")]
    proposed: list[Client] = []
    propose_associates(
        ctx,
        waiting,
        active,
        loads,
        gone=gone,
        held=_held(proposals, clients, gone),
        stored=stored,
        after=after,
        proposed=proposed,
    )
    # The "No associate available" alert still waiting beside the proposal that answers it would tell the
    # coach to raise a Max Clients she just raised: it is Cancelled, saying why.
    answered = {unavailable_key(c, after.get(c.id)) for c in proposed}
    stale = [m for m in proposals if m.status == "Draft" and not m.associate and m.dedupe_key in answered]
    if stale:
        from automation.messages.delivery import cancelled_fields

        reason = "a place freed up: the proposal beside it replaces this alert"
        ctx.gateway.update(Message, [(m, cancelled_fields(reason)) for m in stale])
    return len(waiting)


def _due(client: Client, proposals: list[Message], stored: set[str]) -> tuple[bool, str | None]:
    """Whether a client who needs an associate is due a proposal for her current need, and the approved
    proposal it follows (None: the first). Her need's proposals are those keyed from proposal_key(client):
    none yet, due; one waiting, in flight or declined, not due; every one Sent (approved) while she still
    needs an associate, due again after the last (its associate was full or gone, or unlinked since).
    A "No associate available" alert is no proposal: she is due hers once a place frees up (an older one,
    keyed like the proposal, is rewritten into it while a Draft, or followed once it was sent)."""
    base = proposal_key(client)
    mine = [m for m in proposals if m.dedupe_key == base or (m.dedupe_key or "").startswith(f"{base}:after:")]
    if any(m.associate and m.status != "Sent" for m in mine):
        return False, None
    sent = sorted(m.id for m in mine if m.status == "Sent")
    if not sent:
        return True, None
    ends = [mid for mid in sent if proposal_key(client, mid) not in stored]
    return (True, ends[-1]) if ends else (False, None)


def _held(proposals: list[Message], clients: list[Client], gone: dict[str, str]) -> dict[str, list[str]]:
    """Associate id -> the clients whose proposals still wait (Draft) naming them: those places are
    promised, not free, until the coach approves or declines. A client who got an associate meanwhile
    (the coach linked one by hand) holds none: she is in the load already."""
    by_id = {c.id: c for c in clients}
    held: dict[str, list[str]] = {}
    for m in proposals:
        c = by_id.get(m.client[0]) if m.client else None
        if m.status == "Draft" and m.associate and c is not None and needs_associate(c, gone):
            held.setdefault(m.associate[0], []).append(c.name or c.id)
    return held


def propose_when_a_place_frees(ctx: JobContext, associates: list[Associate]) -> list[Update]:
    """An associate set Active, given more Max Clients or added Active: a client nobody had room for gets
    her proposal now rather than at tomorrow's `associates-daily`. Only when a client waits with a "No
    associate available" alert (a proposal message naming no associate): one read of the proposals, and
    the two reads the daily job makes (associates, clients) only then. Proposals are keyed, so the daily
    job or a second run composes nothing more."""
    if not any(has_status(a, "Active") for a in associates):
        return []
    gw = ctx.gateway
    proposals = gw.all(
        Message,
        formula=gw.ref(Message, "kind").eq(PROPOSAL),
        fields=["dedupe_key", "status", "client", "associate"],
    )
    if not any(m.client and not m.associate and m.status != "Cancelled" for m in proposals):
        return []
    everyone, clients = together(
        lambda: gw.all(Associate),
        lambda: gw.all(
            Client,
            formula=F.OR(*(gw.ref(Client, "status").eq(x) for x in (*LOAD_STATUSES, F.BLANK()))),
            fields=CLIENT_FIELDS,
        ),
    )
    due = propose_waiting(ctx, everyone, clients, proposals)
    ctx.run.add_metric("associates.proposals_on_a_freed_place", due)
    return []


AUTOMATIONS = [
    Automation(
        "associate-place-freed",
        "associates",
        frozenset({"max_clients", "status"}),
        frozenset(),
        propose_when_a_place_frees,
        description="An associate set Active or given more Max Clients: clients nobody had room for get "
        "their proposal at once.",
    ),
]


CRON_JOBS = [
    CronJob(
        "associates-daily",
        "45 5 * * *",
        associates_daily,
        "Associates' load, quality, pace, notes timeliness and flags; proposals; onboarding reminders.",
    ),
]
