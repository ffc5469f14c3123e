"""Test records for the lead rules: the `Lead`/`Deal` models once they exist, plain stand-ins before."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

TODAY = date(2026, 11, 20)  # a Friday
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@dataclass
class FakeLead:
    id: str = "recLEAD00000001"
    created_time: datetime | None = None
    name: str | None = "Jane Doe"
    email: str | None = "jane@acme.example"
    company: str | None = "Acme"
    title: str | None = None
    lead_source: str | None = None
    status: str | None = "New"
    company_size: float | None = None
    industry: str | None = None
    timeline: str | None = None
    replies: float | None = None
    meetings: float | None = None
    last_engagement: date | None = None
    email_status: str | None = None
    created_date: date | None = TODAY
    first_contact: date | None = None
    last_contact: date | None = None
    next_action: str | None = None
    nurture_sequence: str | None = None
    nurture_step: float | None = None
    follow_up_due: date | None = None
    lead_score: float | None = None
    score_tier: str | None = None
    score_breakdown: str | None = None
    scored_at: datetime | None = None
    notes: str | None = None
    source_detail: str | None = None
    deals: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    duplicate_of: list[str] = field(default_factory=list)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def lead(**kw: Any) -> FakeLead:
    return FakeLead(**kw)
