"""Deal pipeline rules (pure): probability, weighted value, stage history, close date, commission, client.

Stage History is machine-written, one line per stage entered ("2026-11-20T09:30Z Proposal"); it is how a
stage change is noticed (the record does not say what the stage was before) and what stage conversion and
days-per-stage are computed from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from automation.money import cell_rate, cents, dec, fraction
from automation.settings.leads import PipelineSettings

CLOSED = ("Closed Won", "Closed Lost")
_LINE = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z) (.+)$")


@dataclass(frozen=True)
class StageEntry:
    at: datetime
    stage: str


def probability(deal: Any, settings: PipelineSettings) -> float | None:
    """A Probability Override typed on an open deal wins; else the stage's default (as a fraction).

    A closed deal's outcome is known: Closed Won and Closed Lost take their stage's figure whatever was
    typed. An override outside 0–100 % (a "150%" typed, "-20%") is held to the nearest end."""
    stage = deal.pipeline_stage
    if deal.probability_override is not None and stage not in CLOSED:
        return min(1.0, max(0.0, float(deal.probability_override)))
    if stage is None:
        return None
    pct = settings.stage_probabilities.get(stage)
    return None if pct is None else pct / 100


def deal_updates(
    deal: Any, settings: PipelineSettings, now: datetime, today: date, commission_pct: float | None
) -> dict:
    """Every field the pipeline owns on this deal, as it should be now (the gateway writes only changes).

    `commission_pct` is the closer's Commission % (a fraction, as Airtable percent fields are), or None.
    """
    p = probability(deal, settings)
    value = None if value_problem(deal) else deal.deal_value  # a negative value states no money
    out: dict[str, Any] = {
        "probability": p,
        "weighted_value": None if value is None or p is None else cents(dec(value) * dec(p)),
    }
    out.update(_stage_fields(deal, now))
    stage = deal.pipeline_stage
    if stage in CLOSED:
        out["actual_close"] = deal.actual_close or today
    else:
        out["actual_close"] = None
    out["commission"] = None  # no value yet (or a closer's rate out of range): no commission to state
    if stage == "Closed Won" and value is not None:
        if commission_pct is None:  # "10" typed in Settings means 10 %
            out["commission"] = cents(dec(value) * fraction(settings.default_commission_pct))
        elif closer_rate_problem(commission_pct) is None:  # a percent cell: 1.5 is 150 %, not 1.5 %
            out["commission"] = cents(dec(value) * cell_rate(commission_pct))
    return out


def value_problem(deal: Any) -> str | None:
    """Why the Deal Value prices nothing (a negative amount), else None."""
    if deal.deal_value is not None and dec(deal.deal_value) < 0:
        return "a negative Deal Value: no weighted value or commission stated until it is corrected"
    return None


def stage_problem(deal: Any, settings: PipelineSettings) -> str | None:
    """Why the deal's stage states no probability: a stage the coach added in Airtable that Settings does
    not list (its weighted value and the forecast would leave the deal out with no word), else None."""
    stage = deal.pipeline_stage
    if not stage or stage in settings.stage_probabilities or deal.probability_override is not None:
        return None
    # Short enough for the daily brief's line (160 characters), which shows a reason whole.
    return (
        f"stage {stage!r} is not in Settings' pipeline.stage_probabilities: no weighted value or forecast "
        "until it is added there or a Probability Override is typed"
    )


def closer_rate_problem(commission_pct: float | None) -> str | None:
    """Why the closer's Commission % (a percent cell) prices no commission, else None."""
    try:
        cell_rate(commission_pct)
    except ValueError as exc:
        return f"Commission % {exc}: the deal's commission is left empty until it is corrected"
    return None


def _stage_fields(deal: Any, now: datetime) -> dict[str, Any]:
    stage = deal.pipeline_stage
    history = parse_history(deal.stage_history)
    if stage is None or (history and history[-1].stage == stage):
        return {}
    # First sight of a deal: it has been in this stage since it was created (or since the coach's date).
    at = now if history else deal.stage_changed_at or deal.created_time or now
    line = f"{format_at(at)} {stage}"
    text = f"{deal.stage_history.rstrip()}\n{line}" if (deal.stage_history or "").strip() else line
    return {"stage_history": text, "stage_changed_at": at}


def parse_history(text: str | None) -> list[StageEntry]:
    out = []
    for raw in (text or "").splitlines():
        m = _LINE.match(raw.strip())
        if m:
            out.append(
                StageEntry(datetime.strptime(m.group(1), "%Y-%m-%dT%H:%MZ").replace(tzinfo=UTC), m.group(2))
            )
    return out


def format_at(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def needs_lost_reason(deal: Any) -> bool:
    return deal.pipeline_stage == "Closed Lost" and not (deal.lost_reason or "").strip()


def client_row(deal: Any, lead: Any | None, today: date) -> dict[str, Any]:
    """A new Client from a won deal: contact details from the lead, Package from the deal, Referral Src from
    the lead's source. Associate is left empty for matching."""
    source = None
    if lead is not None and lead.lead_source:
        source = lead.lead_source + (
            f": {lead.source_detail.strip()}" if (lead.source_detail or "").strip() else ""
        )
    row: dict[str, Any] = {
        "name": (lead.name if lead is not None and lead.name else None) or deal.deal_name,
        "email": (lead.email or "").strip().lower() or None if lead is not None else None,
        "phone": lead.phone if lead is not None else None,
        "company": lead.company if lead is not None else None,
        "status": "Active",
        "start_date": deal.actual_close or today,
        "package": list(deal.package),
        "referral_src": source,
        "created_date": today,
    }
    return {k: v for k, v in row.items() if v not in (None, [])}
