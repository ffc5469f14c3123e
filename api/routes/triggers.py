"""Airtable Automation "Run a script" calls."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import TriggerAuth, TriggerBody

router = APIRouter()


def run_trigger(automation: str, record_ids: list[str]) -> dict[str, Any]:
    from automation.events.triggers import run_trigger as run  # on first use (cold start)

    return run(automation, record_ids)


@router.post("/api/triggers/{automation}", dependencies=[TriggerAuth])
def trigger(automation: str, body: TriggerBody) -> dict[str, Any]:
    """Run one automation (and its dependents) on `recordId` / `recordIds`; fast work only."""
    from automation.events.triggers import parse_record_ids

    return run_trigger(automation, parse_record_ids(body))
