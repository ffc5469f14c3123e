"""A lead's corrected email address: the emails to the lead still waiting for the coach go to it.

The first touch is drafted as soon as a lead has an address; the coach who then corrects a typo in the
address expects the draft in her Approval Queue to follow the correction, not to go to the typo when she
approves it. Only waiting drafts of the kinds written to the lead themselves move; what was sent stays as
sent, and the coach's notices that link the lead keep their recipient. An address that is not valid yet
(hygiene marks it Invalid) moves nothing: the draft waits for the next correction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from automation.leads.contact import normal_email
from automation.messages.eligibility import normalise
from automation.models import Lead, Message, Record
from automation.registry import Automation, Update

if TYPE_CHECKING:
    from automation.context import JobContext

TO_THE_LEAD = ("First Touch", "Nurture Email")  # the kinds written to the lead's own address
MESSAGE_FIELDS = ["kind", "channel", "status", "recipient", "lead"]


def readdressed(
    messages: Sequence[Message], addresses: Mapping[str, str]
) -> list[tuple[Message, dict[str, Any]]]:
    """Waiting drafts to a lead (lead id -> its valid address now) whose recipient is another address."""
    out = []
    for m in messages:
        leads = [lid for lid in m.lead if lid in addresses]
        if m.status != "Draft" or m.channel != "Email" or m.kind not in TO_THE_LEAD or len(leads) != 1:
            continue
        new = addresses[leads[0]]
        if normalise(m.recipient) != normalise(new):
            out.append((m, {"recipient": new}))
    return out


def readdress_drafts(ctx: JobContext, leads: list[Record]) -> list[Update]:
    """One read of the messages linked to leads whose address changed (none when no message links them),
    one write of the drafts that move. Writes Messages only: nothing on the lead itself."""
    addresses: dict[str, str] = {}
    ids: list[str] = []
    for lead in leads:
        if isinstance(lead, Lead) and lead.messages:
            email, valid = normal_email(lead.email)
            if valid:
                addresses[lead.id] = email
                ids += lead.messages
    if not addresses:
        return []
    changes = readdressed(ctx.gateway.get_many(Message, ids, fields=MESSAGE_FIELDS), addresses)
    if changes:
        ctx.gateway.update(Message, changes)
    return []


AUTOMATIONS = [
    Automation(
        name="lead-readdress",
        table="leads",
        triggers=frozenset({"email"}),
        writes=frozenset(),
        handler=readdress_drafts,
        on_create=False,  # a new lead has no message yet
        description="A corrected Email: the lead's waiting first touch and nurture drafts go to it.",
    )
]
