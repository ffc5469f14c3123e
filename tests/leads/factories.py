"""Test records for the lead rules: the real `Lead`/`Deal` models with realistic defaults."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from automation.models import Deal, Lead

TODAY = date(2026, 11, 20)  # a Friday
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)

_LEAD_DEFAULTS: dict[str, Any] = dict(
    id="recLEAD00000001",
    name="Jane Doe",
    email="jane@acme.example",
    company="Acme",
    status="New",
    created_date=TODAY,
)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def lead(**kw: Any) -> Lead:
    return Lead(**{**_LEAD_DEFAULTS, **kw})


def deal(**kw: Any) -> Deal:
    return Deal(**{"id": "recDEAL00000001", "deal_name": "Jane Doe – Acme", **kw})


def updated(record: Any, **fields: Any) -> Any:
    """A copy with these fields set (as the gateway returns a written record)."""
    return record.model_copy(update=fields)
