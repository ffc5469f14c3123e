"""Onboarding (pure): when an associate still Onboarding is overdue for the coach's attention."""

from __future__ import annotations

from datetime import date

from automation.associates.figures import CHECKLIST, onboarding_progress
from automation.models import Associate
from schema.tables import ONBOARDING_CHECKLIST

LABELS = {f.key: f.name.removeprefix("Onboarding: ") for f in ONBOARDING_CHECKLIST}


def onboarding_days(associate: Associate, today: date) -> int | None:
    """Days since the associate was hired (or, without a Hire Date, since the record was created)."""
    start = associate.hire_date or (associate.created_time.date() if associate.created_time else None)
    return None if start is None else (today - start).days


def overdue(associate: Associate, today: date, limit_days: int) -> bool:
    days = onboarding_days(associate, today)
    return associate.status == "Onboarding" and days is not None and days > limit_days


def missing_steps(associate: Associate) -> list[str]:
    return [LABELS[k] for k in CHECKLIST if not getattr(associate, k)]


def progress_line(associate: Associate) -> str:
    return f"{onboarding_progress(associate):.0%} of the onboarding checklist done"
