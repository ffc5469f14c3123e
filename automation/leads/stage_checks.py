"""Deal stage validation (pure): a stage change that skips its evidence or goes backwards is flagged.

The coach decides: nothing is blocked or undone. When a deal enters a stage, the rule looks at the stage it
left (the last line of Stage History) and at what the deal holds now, and says what is off:

* moved backwards: the new stage comes before the old one in the pipeline (Lead, Prospect, Qualified,
  Proposal, Negotiation, Closed Won), or a closed deal was reopened;
* forward past a stage without its evidence: Settings `pipeline.stage_evidence` names, per stage, the deal
  fields that should be filled once a deal is at or past it (Proposal: Proposal Sent, Negotiation: Deal
  Value, Closed Won: Contract Sent). Closed Lost needs no evidence (the Lost Reason has its own request).

Checked once per stage change, so filling a field later does not re-flag, and a replayed event finds the
change already recorded in Stage History and says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from automation.settings.leads import PipelineSettings
from schema.tables import DEALS

ORDER = ("Lead", "Prospect", "Qualified", "Proposal", "Negotiation", "Closed Won")
CLOSED = ("Closed Won", "Closed Lost")


@dataclass(frozen=True)
class StageCheck:
    """What is off about one stage change: each problem is a sentence the coach can act on."""

    stage: str
    previous: str | None
    backwards: str | None  # e.g. "moved back from Negotiation to Qualified"
    missing: tuple[tuple[str, str], ...]  # (field name, the stage that needs it)

    @property
    def problems(self) -> list[str]:
        out = [self.backwards] if self.backwards else []
        out += [f"{name} is empty (expected from {stage} on)" for name, stage in self.missing]
        return out


def check_stage_change(deal: Any, previous: str | None, settings: PipelineSettings) -> StageCheck | None:
    """The check of a deal that just entered `deal.pipeline_stage` from `previous` (None: first seen).

    None when nothing is off (or the stage did not change)."""
    stage = deal.pipeline_stage
    if not stage or stage == previous:
        return None
    backwards = _backwards(previous, stage)
    missing = tuple(
        (name, needed_at)
        for needed_at in _stages_up_to(stage)
        for name in settings.stage_evidence.get(needed_at, [])
        if _empty(deal, name)
    )
    if backwards is None and not missing:
        return None
    return StageCheck(stage, previous, backwards, missing)


def _backwards(previous: str | None, stage: str) -> str | None:
    if previous is None or previous not in ORDER + CLOSED:
        return None
    if previous in CLOSED and stage not in CLOSED:
        return f"reopened: moved from {previous} back to {stage}"
    if previous in ORDER and stage in ORDER and ORDER.index(stage) < ORDER.index(previous):
        return f"moved back from {previous} to {stage}"
    return None


def _stages_up_to(stage: str) -> tuple[str, ...]:
    """The stages a deal at `stage` has passed through (Closed Lost: none that need evidence)."""
    return ORDER[: ORDER.index(stage) + 1] if stage in ORDER else ()


_KEY_BY_NAME = {f.name: f.key for f in DEALS.fields}


def _empty(deal: Any, name: str) -> bool:
    value = getattr(deal, _KEY_BY_NAME[name], None)
    return value is None or value == "" or value == []
