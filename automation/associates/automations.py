"""The associates automations: Onboarding Progress as the checklist is ticked, a proposal when a client
needs an associate, and the assignment when the coach approves that proposal in Messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pyairtable import formulas as F

from automation.associates.figures import CHECKLIST, LOAD_STATUSES, client_load, onboarding_progress
from automation.associates.matching import needs_associate, rank
from automation.associates.messages import PROPOSAL, assignment_draft, proposal_draft
from automation.errors import RecordProblem
from automation.models import Associate, Client, Message
from automation.parallel import together
from automation.registry import Automation, Update

if TYPE_CHECKING:
    from automation.context import JobContext

MATCH_FIELDS = [
    "name",
    "status",
    "specialty",
    "quality_score",
    "certification_level",
    "client_load",
    "max_clients",
]
APPROVED = ("Approved", "Sending", "Sent")


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
) -> list[Update]:
    """A ranked proposal (Draft in Messages, for the coach) for each client that needs an associate.

    created_now: the caller created these clients in this run, so no message can be keyed on them yet (the
    dedupe-key read is skipped; a replay finds the client and proposes nothing). load_clients: the clients
    in a load status with their associate and status, when the caller has read them (not read again)."""
    from automation.messages import compose

    wanting = [c for c in clients if needs_associate(c)]
    if not wanting:
        return []
    if associates is None or loads is None:
        associates, loads = _candidates(ctx, load_clients)
    for client in sorted(wanting, key=lambda c: (c.created_time or ctx.now, c.id)):
        ranked = rank(client, associates, loads, ctx.settings.associates)
        # Deferred inside a runner visit: it goes with the visit's next message upsert (a won deal's).
        compose(ctx, proposal_draft(client, ranked, ctx.settings), new_key=created_now, defer=True)
    return []


def _candidates(
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
    """The coach approved a proposal: set the client's Associate (once) and tell the associate."""
    from automation.messages import compose

    approved = [
        m for m in messages if m.kind == PROPOSAL and m.status in APPROVED and m.client and m.associate
    ]
    if not approved:
        return []
    clients = {c.id: c for c in ctx.gateway.get_many(Client, [m.client[0] for m in approved])}
    people = {a.id: a for a in ctx.gateway.get_many(Associate, [m.associate[0] for m in approved])}
    out = []
    for m in approved:
        client, associate = clients.get(m.client[0]), people.get(m.associate[0])
        if client is None or associate is None:
            continue
        if client.associate == [associate.id] and not client.reassign_associate:
            continue  # already applied: a replayed approval changes nothing
        if client.associate and not client.reassign_associate:
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
        out.append(Update(client, {"associate": [associate.id], "reassign_associate": False}))
        if associate.email:
            compose(ctx, assignment_draft(associate, client, f"{m.id}:assigned", ctx.settings))
    return out


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
