"""The associates automations: Onboarding Progress as the checklist is ticked, a proposal when a client
needs an associate, Reassign Associate ticked on the clients of an associate set Inactive (the proposal
then follows from that tick, on the one path that composes proposals), and the assignment when the coach
approves that proposal in Messages."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from pyairtable import formulas as F

from automation.associates.figures import (
    CHECKLIST,
    LOAD_STATUSES,
    capacity,
    client_load,
    is_coach,
    onboarding_progress,
)
from automation.associates.matching import left_with_none, needs_associate, rank
from automation.associates.messages import (
    PROPOSAL,
    assignment_draft,
    left_with_sessions_alert,
    proposal_draft,
    proposed_for,
)
from automation.errors import RecordProblem
from automation.models import Associate, Client, Message, Session
from automation.parallel import together
from automation.registry import Automation, Update

if TYPE_CHECKING:
    from automation.associates.matching import Candidate
    from automation.context import JobContext

MATCH_FIELDS = [
    "name",
    "status",
    "specialty",
    "quality_score",
    "quality_count",  # a quality from fewer ratings than Quality Score waits for is not yet known
    "certification_level",
    "client_load",
    "max_clients",
    "email",  # the coach's own record is told by it (offered only when no associate has room)
    "time_zone",  # an associate far from the client's clock shares less of her working day
]
APPROVED = ("Approved", "Sending", "Sent")
INACTIVE = "Inactive"  # an associate who left the practice: her clients need another one
PAUSED = "Paused"  # an associate on leave: she keeps her clients but takes no new one
FLAG_FIELDS = ["status", "associate", "reassign_associate"]


def track_onboarding(ctx: JobContext, associates: list[Associate]) -> list[Update]:
    return [Update(a, {"onboarding_progress": onboarding_progress(a)}) for a in associates]


def propose_associates(
    ctx: JobContext,
    clients: list[Client],
    associates: list[Associate] | None = None,
    loads: dict[str, int] | None = None,
    *,
    created_now: bool = False,
    load_clients: list[Client] | None = None,
    gone: dict[str, str] | None = None,
    held: dict[str, list[str]] | None = None,
    stored: Collection[str] = (),
    after: Mapping[str, str] | None = None,
    proposed: list[Client] | None = None,
) -> list[Update]:
    """A ranked proposal (Draft in Messages, for the coach) for each client that needs an associate.

    created_now: the caller created these clients in this run, so no message can be keyed on them yet (the
    dedupe-key read is skipped; a replay finds the client and proposes nothing). load_clients: the clients
    in a load status with their associate and status, when the caller has read them (not read again).
    gone: the Inactive associates (id -> name), when the caller has read them: a client linked only to
    them needs another associate, flagged or not. The proposal names the associates who left, from `gone`
    or from the associates this run already holds (an associate set Inactive, then her clients flagged).
    held: associate id -> clients whose waiting proposals name them first (when the caller read them).
    stored: the dedupe keys of the proposal messages the caller read: a draft keyed like one of them (the
    "No associate available" alert already given for this situation) is not composed again. after: client
    id -> the approved proposal she is proposed again after (it could not be applied). proposed: given a
    list, the clients who got a proposal naming an associate are appended to it."""
    from automation.messages import compose

    gone = gone or {}
    wanting = [c for c in clients if needs_associate(c, gone)]
    if not wanting:
        return []
    if held is None:
        # The places that proposals still waiting name first are promised: a won deal's new client, an
        # import over several pings, each offered the last free place a waiting proposal already names
        # would read as free to the coach (at 50 clients, the few free places are all promised). One read,
        # beside the candidates' (in parallel), only when a client needs an associate: a rare change.
        mine = {c.id for c in wanting}
        if associates is None or loads is None:
            (associates, loads), held = together(
                lambda: candidates(ctx, load_clients), lambda: waiting_held(ctx, mine)
            )
        else:
            held = waiting_held(ctx, mine)
    # Several clients proposed at once (an associate's clients handed over, the daily job) must not all be
    # offered the same last free place: each proposal holds the place it names first for the next ones.
    held: dict[str, list[str]] = {k: list(v) for k, v in (held or {}).items()}
    for client in sorted(wanting, key=lambda c: (c.created_time or ctx.now, c.id)):
        ranked = _rank(ctx, client, associates, loads, held)
        if ranked:
            held.setdefault(ranked[0].associate.id, []).append(client.name or client.id)
            if proposed is not None:
                proposed.append(client)
        draft = proposal_draft(
            client, ranked, ctx.settings, left=_left(ctx, client, gone), after=(after or {}).get(client.id)
        )
        if draft.dedupe_key in stored:
            continue  # nobody free yet and the coach was told: not every morning (no read, no write)
        # Deferred inside a runner visit: it goes with the visit's next message upsert (a won deal's).
        compose(ctx, draft, new_key=created_now, defer=True)
    return []


def waiting_held(ctx: JobContext, mine: Collection[str]) -> dict[str, list[str]]:
    """Associate id -> the clients (other than `mine`) whose proposals waiting as Drafts name her first."""
    gw = ctx.gateway
    draft = F.AND(gw.ref(Message, "kind").eq(PROPOSAL), gw.ref(Message, "status").eq("Draft"))
    held: dict[str, list[str]] = {}
    for m in gw.all(Message, formula=draft, fields=["status", "client", "associate", "subject"]):
        if m.associate and m.client and m.client[0] not in mine:
            held.setdefault(m.associate[0], []).append(proposed_for(m.subject) or "another client")
    return held


def _left(ctx: JobContext, client: Client, gone: dict[str, str]) -> list[str]:
    """The names of the client's associates when every one of them is known to be Inactive, without a
    read: from `gone`, or from the records this run's earlier visits hold (the associate whose Status
    change flagged this client); [] otherwise (the proposal then says why as before)."""
    names = []
    for aid in client.associate:
        held = ctx.in_hand.get((Associate.TABLE.key, aid))
        if aid in gone:
            names.append(gone[aid])
        elif isinstance(held, Associate) and held.status == INACTIVE:
            names.append(held.name or held.id)
        else:
            return []
    return names


def flag_departed_clients(ctx: JobContext, associates: list[Associate]) -> list[Update]:
    """An associate set Inactive: Reassign Associate ticked on each of her clients left with no associate
    who is not Inactive, if the client is Active (or blank) or Paused; Completed and Churned clients are
    left alone, and a client already ticked is not written again.

    Only the flag: the proposal is composed by associate-matching, the one path that composes them. Our
    own writes never come back through the webhook (loop protection), so the runner runs the client
    automations on the clients it just wrote, in this same run: an Active client's proposal waits at once;
    a Paused one gets hers when she resumes (Status is a trigger of associate-matching). A later tick by
    the coach on a box already ticked changes nothing, so Airtable sends no payload: no second proposal.

    Costs only when an associate's Status becomes Inactive: one read of her clients (from her Clients
    links, which the runner's read of her holds; none when she has none) and, only for a client who also
    has another associate, one read of those associates' statuses; then one write per ten clients."""
    gone = {a.id for a in associates if a.status == INACTIVE}
    ids = sorted({cid for a in associates if a.id in gone for cid in a.clients})
    if not ids:
        return []
    gw = ctx.gateway
    theirs = [
        c
        for c in gw.get_many(Client, ids, fields=FLAG_FIELDS)
        if c.status in (*LOAD_STATUSES, None) and not c.reassign_associate and set(c.associate) & gone
    ]
    others = sorted({a for c in theirs for a in c.associate if a not in gone})
    if others:
        gone |= {a.id for a in gw.get_many(Associate, others, fields=["status"]) if a.status == INACTIVE}
    return [Update(c, {"reassign_associate": True}) for c in theirs if left_with_none(c, gone)]


def tell_booked_sessions(ctx: JobContext, associates: list[Associate]) -> list[Update]:
    """An associate set Inactive while sessions are still booked with her (Scheduled, still to come): one
    alert to the coach naming each, with its client and its time on the business's clock. Her clients'
    Reassign Associate (flag_departed_clients) is about who coaches them from now; a session already booked
    keeps its Associate until the coach links another, and the day-before reminder is late to find cover
    (for a session next week, the coach would hear nothing until then).

    Costs only when an associate becomes Inactive with sessions linked: one read of those sessions (from her
    Sessions links, which the runner's read of her holds) and, when some are still to come, one of their
    clients' names; then the alert, once a day (a repeat delivery finds its dedupe key)."""
    from automation.messages import compose
    from automation.schedule.calendly import invitee_name
    from automation.schedule.times import zoned_text
    from automation.text import display_name

    gone = [a for a in associates if a.status == INACTIVE and a.sessions]
    if not gone:
        return []
    gw = ctx.gateway
    ids = sorted({s for a in gone for s in a.sessions})
    fields = ["name", "client", "associate", "session_date", "status", "booking_ref"]
    booked = [
        s
        for s in gw.get_many(Session, ids, fields=fields)
        if s.status == "Scheduled" and s.session_date is not None and s.session_date > ctx.now
    ]
    if not booked:
        return []
    client_ids = sorted({c for s in booked for c in s.client[:1]})
    clients = gw.get_many(Client, client_ids, fields=["name", "email"]) if client_ids else []
    names = {c.id: display_name(c) for c in clients}  # none: only leads' bookings, named by the invitee
    for a in gone:
        mine = sorted((s for s in booked if a.id in s.associate), key=lambda s: s.session_date)
        if not mine:
            continue
        lines = [
            (
                names.get(s.client[0], "A client") if s.client else invitee_name(s) or s.name or "A booking",
                zoned_text(s.session_date, ctx.tz),
            )
            for s in mine
        ]
        compose(
            ctx,
            left_with_sessions_alert(a, lines, [s.id for s in mine], ctx.settings, ctx.today().isoformat()),
        )
    return []


def candidates(
    ctx: JobContext, clients: list[Client] | None = None
) -> tuple[list[Associate], dict[str, int]]:
    """Active associates and their current loads, counted from the clients (Client Load may be a day old)."""
    gw = ctx.gateway
    if clients is not None:
        active = gw.all(Associate, formula={"status": "Active"}, fields=MATCH_FIELDS)
        return active, {a.id: client_load(a, clients) for a in active}
    active, clients = together(
        lambda: gw.all(Associate, formula={"status": "Active"}, fields=MATCH_FIELDS),
        lambda: gw.all(
            Client,
            formula=F.OR(*(gw.ref(Client, "status").eq(x) for x in (*LOAD_STATUSES, F.BLANK()))),
            fields=["associate", "status"],
        ),
    )
    return active, {a.id: client_load(a, clients) for a in active}


def apply_approved_proposals(ctx: JobContext, messages: list[Message]) -> list[Update]:
    """The coach approved a proposal: set the client's Associate (once) and tell the associate. It replaces
    the client's associate when the client is flagged for reassignment, or when every associate she has is
    Inactive (left the practice); otherwise it is refused and reported.

    Held, not applied, when the associate named has since become Inactive, Paused (on leave) or full (Max
    Clients reached by other approvals or links made by hand): assigning would put her over the capacity
    the coach set, or give the client nobody (or nobody before her leave ends), unseen. The coach gets a
    fresh proposal instead (ranked on today's loads, or "No associate available"), saying why, keyed on
    the approval so each is proposed again once.

    Costs, beyond the approval's reads: one read of the associate's clients' statuses only when she has
    at least Max Clients clients linked (else she has room whatever their statuses), and the ranking's three
    reads (with the waiting proposals) only when an approval is held."""
    from automation.messages import compose
    from automation.messages.headers import address_problem

    approved = [
        m for m in messages if m.kind == PROPOSAL and m.status in APPROVED and m.client and m.associate
    ]
    if not approved:
        return []
    clients = {c.id: c for c in ctx.gateway.get_many(Client, [m.client[0] for m in approved])}
    # The proposed associates and the clients' current ones (have they left?) in the one read.
    wanted = [m.associate[0] for m in approved] + [a for c in clients.values() for a in c.associate]
    people = {a.id: a for a in ctx.gateway.get_many(Associate, wanted)}
    inactive = {a.id for a in people.values() if a.status == INACTIVE}
    loaded = _loaded(ctx, [people[m.associate[0]] for m in approved if m.associate[0] in people])
    out, held = [], []
    for m in approved:
        client, associate = clients.get(m.client[0]), people.get(m.associate[0])
        if client is None or associate is None:
            continue
        if client.associate == [associate.id] and not client.reassign_associate:
            continue  # already applied: a replayed approval changes nothing
        if client.associate and not client.reassign_associate and not left_with_none(client, inactive):
            ctx.run.report(
                RecordProblem(
                    "messages",
                    m.id,
                    "status",
                    m.status,
                    "the client already has another associate: proposal not applied",
                )
            )
            continue
        cap = capacity(associate, ctx.settings.associates)
        load = len(loaded.get(associate.id, set()) - {client.id})
        if associate.status in (INACTIVE, PAUSED) or load >= cap:
            why = {INACTIVE: "is now Inactive", PAUSED: "is now Paused (on leave)"}.get(
                associate.status or "", f"is now full ({load} of {cap} clients)"
            )
            held.append((m, client, f"{associate.name or associate.id} {why}"))
            continue
        loaded.setdefault(associate.id, set()).add(client.id)  # her place is taken for the next approval
        out.append(Update(client, {"associate": [associate.id], "reassign_associate": False}))
        if not associate.email or is_coach(associate, ctx.settings.general.coach_email):  # not to herself
            continue
        if (why := address_problem(associate.email.strip())) is not None:
            # The assignment stands; her note cannot go (the Draft refuses the address): the coach is told.
            ctx.run.report(
                RecordProblem("associates", associate.id, "email", None, f"assignment note not sent: {why}",
                              name=associate.name)
            )  # fmt: skip
            continue
        booked = _booked_with_others(ctx, client, associate, people) if client.associate else []
        compose(ctx, assignment_draft(associate, client, f"{m.id}:assigned", ctx.settings, booked))
    if held:
        _propose_again(ctx, held, {u.record.id: u.fields["associate"][0] for u in out})
    return out


def _booked_with_others(
    ctx: JobContext, client: Client, associate: Associate, people: Mapping[str, Associate]
) -> list[tuple[datetime, str]]:
    """A moved client's Scheduled sessions still to come with another associate (start, that associate's
    name): they stay hers until the coach moves them, and the new associate is told (one read of the
    client's sessions, only when a client who had an associate is given another)."""
    if not client.sessions:
        return []
    fields = ["status", "session_date", "associate"]
    out = []
    for s in ctx.gateway.get_many(Session, list(client.sessions), fields=fields):
        if s.status != "Scheduled" or s.session_date is None or s.session_date < ctx.now:
            continue
        if not s.associate or associate.id in s.associate:
            continue
        other = people.get(s.associate[0])
        out.append((s.session_date, (other.name if other else None) or "another associate"))
    return sorted(out)


def _loaded(ctx: JobContext, associates: list[Associate]) -> dict[str, set[str]]:
    """Associate id -> her clients who hold a place (Active, Paused or blank Status), read only for an
    associate with at least Max Clients clients linked (Completed ones included); the others map to the
    linked clients, too few to fill her places whatever their statuses."""
    s = ctx.settings.associates
    out = {a.id: set(a.clients) for a in associates}
    many = [a for a in associates if a.status != INACTIVE and len(a.clients) >= capacity(a, s)]
    if many:
        ids = sorted({c for a in many for c in a.clients})
        status = {c.id: c.status for c in ctx.gateway.get_many(Client, ids, fields=["status"])}
        for a in many:
            out[a.id] = {c for c in out[a.id] if c in status and status[c] in (*LOAD_STATUSES, None)}
    return out


def _propose_again(
    ctx: JobContext, held: list[tuple[Message, Client, str]], assigned: dict[str, str]
) -> None:
    """A proposal (or "No associate available") for each client whose approval was held, on today's loads
    with this run's assignments counted, keyed on the approval held."""
    from automation.messages import compose

    # Only when an approval is held (rare): places that waiting proposals name are promised, as for a new one.
    (associates, loads), taken = together(
        lambda: candidates(ctx), lambda: waiting_held(ctx, {client.id for _, client, _ in held})
    )
    for aid in assigned.values():
        loads[aid] = loads.get(aid, 0) + 1
    for m, client, why in held:
        ranked = _rank(ctx, client, associates, loads, taken)
        if ranked:
            taken.setdefault(ranked[0].associate.id, []).append(client.name or client.id)
        compose(ctx, proposal_draft(client, ranked, ctx.settings, after=m.id, held=why))


AUTOMATIONS = [
    Automation(
        "associate-onboarding",
        "associates",
        frozenset({*CHECKLIST, "status"}),
        frozenset({"onboarding_progress"}),
        track_onboarding,
        description="Onboarding Progress: the share of the onboarding checklist ticked.",
    ),
    Automation(
        "associate-departure",
        "associates",
        frozenset({"status"}),
        frozenset(),  # writes Reassign Associate on her clients (another table): the proposal follows
        flag_departed_clients,
        on_create=False,
        description="An associate set Inactive: Reassign Associate ticked on each client she leaves without "
        "an associate (Active ones get their proposal at once, Paused ones when they resume).",
    ),
    Automation(
        "associate-left-with-sessions",
        "associates",
        frozenset({"status"}),
        frozenset(),  # composes the coach's alert (Messages)
        tell_booked_sessions,
        on_create=False,
        description="An associate set Inactive with sessions still booked: the coach is told which, once.",
    ),
    Automation(
        "associate-matching",
        "clients",
        frozenset({"associate", "reassign_associate", "focus_areas", "status"}),
        frozenset(),
        propose_associates,
        description="A client without an associate (or flagged): a ranked proposal for the coach to approve.",
    ),
    Automation(
        "associate-assignment",
        "messages",
        frozenset({"status"}),
        frozenset(),
        apply_approved_proposals,
        on_create=False,
        description="An approved proposal sets the client's Associate once and tells the associate.",
        webhook=False,  # runs with deliver-approved-messages, which an Airtable Automation calls
    ),
]


def _rank(
    ctx: JobContext,
    client: Client,
    associates: list[Associate],
    loads: dict[str, int],
    held: dict[str, list[str]],
) -> list[Candidate]:
    """The matching rule with this business's settings: its weights, the coach's own address (never
    proposed), and its time zone (an associate or client without one keeps the business's clock)."""
    general = ctx.settings.general
    return rank(
        client, associates, loads, ctx.settings.associates, held, general.coach_email, general.time_zone
    )
