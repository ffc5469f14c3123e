"""When a session starts and ends (Duration is seconds in Airtable; empty means the default length)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from automation.models import Session
from automation.text import clock_text, day_text, month_first_zone, zone_abbreviation


def session_end(session: Session, default_minutes: int) -> datetime | None:
    if session.session_date is None:
        return None
    seconds = session.duration if session.duration and session.duration > 0 else default_minutes * 60
    return session.session_date + timedelta(seconds=float(seconds))


def duration_problem(session: Session, default_minutes: int, tz: ZoneInfo) -> str | None:
    """Why a Scheduled session's Duration is not its length (zero or negative, an end before its start):
    the invitation and the double-booking check then use the default length, so the coach is told. The
    session is named by its time (Automation Runs keep no client content, and a session's Name may carry
    the client's name), which is enough to find it in the base."""
    if session.status != "Scheduled" or session.duration is None or session.duration > 0:
        return None
    which = f"the session of {zoned_text(session.session_date, tz)}" if session.session_date else "a session"
    return (
        f"Duration of {which} is {'zero' if session.duration == 0 else 'negative'}: invitations and the "
        f"double-booking check use the default {default_minutes} minutes until you type the session's length"
    )


def local_instant(day: date, hour: int, tz: ZoneInfo) -> datetime:
    """`hour`:00 on `day` in the business time zone, as UTC (daylight saving included)."""
    return datetime.combine(day, time(hour), tzinfo=tz).astimezone(UTC)


def zoned_text(start: datetime, tz: ZoneInfo) -> str:
    """A time as the app writes it to people, on the business's clock or the reader's own, with its zone
    ("Mon 23 Nov, 09:30 GMT"): the zone is always named, so nobody has to guess whose clock it is, and the
    repeated hour when the clocks go back reads right. A reader in the US or Canada reads it her way:
    "Mon, Nov 23, 9:30 AM EST" (on that clock, "Mon 23 Nov, 09:30" is a European's date, and 14:00 a
    soldier's time)."""
    local = start.astimezone(tz)
    us = month_first_zone(tz.key)
    return f"{day_text(local, us)}, {clock_text(local, us)} {zone_abbreviation(local)}"


def span_text(start: datetime, end: datetime | None, tz: ZoneInfo) -> str:
    """A session's time with its end, as `zoned_text` writes the start ("Mon 23 Nov, 09:30–10:30 GMT"), so an
    overlap can be seen from the two lines; an end on another day or clock is written in full."""
    if end is None:
        return zoned_text(start, tz)
    a, b = start.astimezone(tz), end.astimezone(tz)
    if (a.date(), a.strftime("%Z")) == (b.date(), b.strftime("%Z")):
        us = month_first_zone(tz.key)
        return f"{day_text(a, us)}, {clock_text(a, us)}–{clock_text(b, us)} {zone_abbreviation(b)}"
    return f"{zoned_text(start, tz)} – {zoned_text(end, tz)}"


def own_zone(value: str | None) -> str | None:
    """A client's or associate's Time Zone as an IANA name, read as Settings read the business's (a city,
    "EST" as Eastern time); None when empty or not a time zone: her times are then the business's."""
    from automation.settings.general import zone_name

    if not value or not value.strip():
        return None
    try:
        return zone_name(value)
    except ValueError:
        return None


def zone_problem(value: str | None) -> str | None:
    """Why a filled Time Zone is not used (the coach is told through the run, as for a bad record field)."""
    from automation.settings.general import zone_name
    from automation.settings.zones import AmbiguousZone

    if not value or not value.strip() or own_zone(value) is not None:
        return None
    try:
        zone_name(value)
    except AmbiguousZone as exc:  # "IST", "UTC+1": which of its clocks
        return f"Time Zone {exc}: her session times are sent in the business's time zone"
    except ValueError:
        pass
    return (
        f"Time Zone {value.strip()!r} is not a time zone (write e.g. America/New_York or Sydney): her "
        "session times are sent in the business's time zone"
    )
