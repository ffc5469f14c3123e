"""When a session starts and ends (Duration is seconds in Airtable; empty means the default length)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from automation.models import Session


def session_end(session: Session, default_minutes: int) -> datetime | None:
    if session.session_date is None:
        return None
    seconds = session.duration if session.duration and session.duration > 0 else default_minutes * 60
    return session.session_date + timedelta(seconds=float(seconds))


def local_instant(day: date, hour: int, tz: ZoneInfo) -> datetime:
    """`hour`:00 on `day` in the business time zone, as UTC (daylight saving included)."""
    return datetime.combine(day, time(hour), tzinfo=tz).astimezone(UTC)
