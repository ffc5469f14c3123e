"""Lead status progression (pure): the moves the automation makes, and what must hold whoever set it.

The automation moves a lead forward on facts: New → Contacted once we have been in touch, New/Contacted →
Engaged once they reply or meet, Converted once a deal is won. Qualified opens a deal unless one is open
(a lead may have several attempts over time). When the coach moves one of a lead's deals, the lead follows
its deals (`after_deal_change`): a deal worked at Qualified or later makes it Qualified (Proposal from the
Proposal stage on), and a lead whose last open attempt was lost goes back to Nurture, so its Next Action
no longer says a deal is open and a later touch does not open an attempt nobody asked for. Converted only
through a won deal: set by hand without one, it is set back and the coach is told why. Likewise a lead set
by hand to New, Contacted, Engaged or Nurture while one of its deals is worked (Qualified or later) is set
back into the pipeline: nurture would otherwise email someone the coach is selling to.

Airtable records hold only the current status, not the one before, so a transition the coach makes by hand
is checked by what must hold now (Converted ⇒ a won deal), not by where it came from; `can_move` is the
table the automation's own moves obey.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

OPEN_STAGES = ("Lead", "Prospect", "Qualified", "Proposal", "Negotiation")

TRANSITIONS: dict[str, frozenset[str]] = {
    "New": frozenset({"Contacted", "Engaged", "Qualified", "Nurture", "Lost", "Unsubscribed", "Converted"}),
    "Contacted": frozenset({"Engaged", "Qualified", "Nurture", "Lost", "Unsubscribed", "Converted"}),
    "Engaged": frozenset({"Qualified", "Nurture", "Lost", "Unsubscribed", "Converted"}),
    "Qualified": frozenset({"Proposal", "Converted", "Nurture", "Lost", "Unsubscribed"}),
    "Proposal": frozenset({"Qualified", "Converted", "Nurture", "Lost", "Unsubscribed"}),
    "Nurture": frozenset({"Contacted", "Engaged", "Qualified", "Lost", "Unsubscribed", "Converted"}),
    "Lost": frozenset({"Nurture", "Contacted", "Engaged", "Qualified", "Unsubscribed", "Converted"}),
    "Converted": frozenset({"Unsubscribed"}),
    "Unsubscribed": frozenset(),  # only the lead themselves (or the coach, by hand) brings them back
}


def can_move(current: str | None, new: str) -> bool:
    return current is None or new in TRANSITIONS.get(current, frozenset())


@dataclass(frozen=True)
class StatusDecision:
    status: str | None = None  # the status to write (None: leave it)
    open_deal: bool = False  # create a deal (stage Qualified) for this lead
    problem: str | None = None  # told to the coach (run problem / daily brief)


def decide_status(lead: Any, deals: Iterable[Any]) -> StatusDecision:
    """What the status automation does for this lead, given its linked deals."""
    deals = list(deals)
    won = any(d.pipeline_stage == "Closed Won" for d in deals)
    open_deals = [d for d in deals if d.pipeline_stage in OPEN_STAGES or d.pipeline_stage is None]
    status = lead.status
    if status == "Unsubscribed":
        return StatusDecision()
    if won and status != "Converted":
        return StatusDecision("Converted")
    if status == "Converted" and not won:
        back = "Qualified" if open_deals else earned_status(lead)
        return StatusDecision(
            back,
            problem=f"Converted needs a won deal: mark the deal Closed Won (status set back to {back})",
        )
    worked = [d for d in open_deals if d.pipeline_stage in WORKED_STAGES]
    if worked and status in OUT_OF_PIPELINE:
        # Nurture reads only the status: left at New or Nurture, a lead in a proposal would be sent a first
        # touch and the monthly emails. Closing the deal is how she takes the lead out of the pipeline.
        back = after_deal_change(lead, worked)
        stage = max((d.pipeline_stage for d in worked), key=list(OPEN_STAGES).index)
        return StatusDecision(
            back,
            problem=f"a deal is open at {stage}: mark it Closed Lost to take the lead out of the pipeline "
            f"(status set back to {back})",
        )
    if status == "Qualified" and not open_deals and not won:
        return StatusDecision(open_deal=True)
    if status is None:
        return StatusDecision(earned_status(lead))
    if status in ("New", "Contacted"):
        earned = earned_status(lead)
        if earned != status and can_move(status, earned):
            return StatusDecision(earned)
    return StatusDecision()


# Statuses of a lead nobody is working a deal with; set by hand while a deal is worked, they are set back.
OUT_OF_PIPELINE = ("New", "Contacted", "Engaged", "Nurture")
WORKED_STAGES = {"Qualified": "Qualified", "Proposal": "Proposal", "Negotiation": "Proposal"}
_LEAD_ORDER = ("Qualified", "Proposal")


def after_deal_change(lead: Any, deals: Iterable[Any]) -> str | None:
    """The lead's status once one of its deals changed stage (`deals`: all of them, as they are now);
    None: leave it. Only forward into the pipeline, or out of it when no attempt is left open. A
    Converted lead whose won deal was moved back is set back like decide_status's bare Converted."""
    stages = [d.pipeline_stage for d in deals]
    status = lead.status
    if status == "Unsubscribed" or not stages:
        return None
    if "Closed Won" in stages:
        return None if status == "Converted" else "Converted"
    worked = [WORKED_STAGES[s] for s in stages if s in WORKED_STAGES]
    if worked:
        target = max(worked, key=_LEAD_ORDER.index)
        if status in _LEAD_ORDER and _LEAD_ORDER.index(status) >= _LEAD_ORDER.index(target):
            return None
        if status != "Converted" and not can_move(status, target):  # the transition table's way in
            return "Qualified"
        return target
    if any(s in OPEN_STAGES or s is None for s in stages):
        return "Qualified" if status == "Converted" else None  # a won deal moved back to Lead or Prospect
    if status in (*_LEAD_ORDER, "Converted"):
        return "Nurture"  # every attempt is closed and none was won
    return None


def earned_status(lead: Any) -> str:
    """The furthest status the lead's own facts justify before qualification."""
    if (lead.replies or 0) > 0 or (lead.meetings or 0) > 0:
        return "Engaged"
    if lead.first_contact or lead.last_contact:
        return "Contacted"
    return "New"


WON_NOTE = "Converted by the won deal"


def won_note(lead: Any, deals: Iterable[Any], today: date) -> str | None:
    """The lead's Notes with a line naming the won deal(s) that convert it, or None when every one is named.
    Written with the Converted status (no call of its own): a deleted deal's payload carries only its id,
    so this line is how the deletion path finds the lead whose client-making deal is gone."""
    notes = lead.notes or ""
    won = [d for d in deals if d.pipeline_stage == "Closed Won" and d.id not in notes]
    if not won:
        return None
    named = ", ".join(
        f"{name} ({d.id})" if (name := (getattr(d, "deal_name", None) or "").strip()) else d.id for d in won
    )
    return "\n\n".join(x for x in (notes, f"{today.isoformat()}: {WON_NOTE} {named}") if x)


def after_won_deal_deleted(lead: Any, deals_left: Iterable[Any]) -> str | None:
    """The status of a Converted lead once a won deal of hers was deleted (`deals_left`: the deals she still
    links, as they are now); None: she stays Converted (another deal of hers is won). The deal rules decide
    as if the deleted one had been lost: an open attempt puts her back in the pipeline (Qualified, or
    Proposal from its Proposal stage on), none left open makes her Nurture, as leads-daily does with a
    Qualified lead whose deal was deleted."""
    left = list(deals_left)
    if lead.status != "Converted" or any(d.pipeline_stage == "Closed Won" for d in left):
        return None
    return after_deal_change(lead, left) or "Nurture"


def deal_name(lead: Any, attempt: int) -> str:
    """Deal Name for a lead's n-th attempt; also the upsert key, so a replay finds the same deal."""
    who = (lead.name or lead.email or "Lead").strip()
    company = (lead.company or "").strip()
    base = f"{who} – {company}" if company and company.lower() not in who.lower() else who
    return base if attempt <= 1 else f"{base} (attempt {attempt})"
