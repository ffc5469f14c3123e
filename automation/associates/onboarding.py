"""Onboarding (pure): when an associate still Onboarding is overdue for the coach's attention."""

from __future__ import annotations

from datetime import date, tzinfo

from automation.associates.figures import CHECKLIST, onboarding_progress
from automation.models import Associate
from schema.tables import ONBOARDING_CHECKLIST

LABELS = {f.key: f.name.removeprefix("Onboarding: ") for f in ONBOARDING_CHECKLIST}


def onboarding_days(associate: Associate, today: date, tz: tzinfo | None = None) -> int | None:
    """Days since the associate was hired (or, without a Hire Date, since the record was created: the
    business day it was, `tz`, as `today` is; in UTC an associate entered at 23:30 in New York is a day
    younger, one entered at 09:00 in Sydney a day older)."""
    created = associate.created_time
    entered = (created.astimezone(tz) if tz and created.tzinfo else created).date() if created else None
    start = associate.hire_date or entered
    return None if start is None else (today - start).days


def overdue(associate: Associate, today: date, limit_days: int, tz: tzinfo | None = None) -> bool:
    days = onboarding_days(associate, today, tz)
    return associate.status == "Onboarding" and days is not None and days > limit_days


def missing_steps(associate: Associate) -> list[str]:
    return [LABELS[k] for k in CHECKLIST if not getattr(associate, k)]


def progress_line(associate: Associate) -> str:
    return f"{onboarding_progress(associate):.0%} of the onboarding checklist done"
