"""Airtable Automation "Run a script" calls."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import TriggerAuth, TriggerBody
from automation.events.triggers import parse_record_ids, run_trigger

router = APIRouter()


@router.post("/api/triggers/{automation}", dependencies=[TriggerAuth])
def trigger(automation: str, body: TriggerBody) -> dict[str, Any]:
    """Run one automation (and its dependents) on `recordId` / `recordIds`; fast work only."""
    return run_trigger(automation, parse_record_ids(body))
