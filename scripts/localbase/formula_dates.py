"""Date arithmetic, parsing and formatting for the formula language (part of `formula`).

Airtable's date functions are built on moment.js; this follows moment's rules: unit specifiers ('days',
'd', 'M' = months, 'm' = minutes, ...), DATEADD clamping the day of month, DATETIME_DIFF truncating toward
zero with moment's month arithmetic, Sunday-based weeks for IS_SAME(…, 'week'). Formulas sent through the API
are evaluated in GMT, so everything here is UTC unless SET_TIMEZONE says otherwise.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .formula_values import DateValue, EvalError, to_text

_UNIT_ALIASES = {
    "y": "year",
    "Q": "quarter",
    "M": "month",
    "w": "week",
    "W": "isoWeek",
    "d": "day",
    "D": "day",
    "h": "hour",
    "m": "minute",
    "s": "second",
    "ms": "millisecond",
}
_UNIT_NAMES = {
    "year",
    "quarter",
    "month",
    "week",
    "isoweek",
    "day",
    "date",
    "hour",
    "minute",
    "second",
    "millisecond",
}


def norm_unit(unit: Any) -> str:
    """moment's normalizeUnits: exact short aliases first, then case-insensitive names, singular or plural."""
    u = to_text(unit).strip()
    if u in _UNIT_ALIASES:
        return _UNIT_ALIASES[u]
    low = u.lower()
    if low in _UNIT_ALIASES:
        return _UNIT_ALIASES[low]
    if low.endswith("s") and low[:-1] in _UNIT_NAMES:
        low = low[:-1]
    if low in _UNIT_NAMES:
        return {"isoweek": "isoWeek", "date": "day"}.get(low, low)
    raise EvalError(f"unknown unit {u!r}")


_FIXED_MS = {
    "millisecond": 1,
    "second": 1000,
    "minute": 60_000,
    "hour": 3_600_000,
    "day": 86_400_000,
    "week": 604_800_000,
    "isoWeek": 604_800_000,
}


def _abs_round(x: float) -> int:
    return int(x + 0.5) if x >= 0 else -int(-x + 0.5)


def add_months(dt: datetime, months: int) -> datetime:
    total = dt.year * 12 + dt.month - 1 + months
    year, month = divmod(total, 12)
    day = min(dt.day, calendar.monthrange(year, month + 1)[1])
    return dt.replace(year=year, month=month + 1, day=day)


def date_add(d: DateValue, count: float, unit: str) -> DateValue:
    """moment().add(count, unit): days/weeks/months are rounded to whole numbers; months clamp the day."""
    if unit in ("year", "quarter", "month"):
        dt = add_months(d.dt, _abs_round(count * {"year": 12, "quarter": 3, "month": 1}[unit]))
    elif unit in ("day", "week", "isoWeek"):
        dt = d.dt + timedelta(days=_abs_round(count * (1 if unit == "day" else 7)))
    else:
        dt = d.dt + timedelta(milliseconds=round(count * _FIXED_MS[unit]))
    keeps_date = d.date_only and unit in ("year", "quarter", "month", "day", "week", "isoWeek")
    return DateValue(dt, date_only=keeps_date, tz=d.tz)


def _month_diff(a: datetime, b: datetime) -> float:
    """moment's monthDiff(a, b): a - b in (fractional) months."""
    if a.day < b.day:
        return -_month_diff(b, a)
    whole = (b.year - a.year) * 12 + (b.month - a.month)
    anchor = add_months(a, whole)
    if b < anchor:
        anchor2 = add_months(a, whole - 1)
        adjust = (b - anchor) / (anchor - anchor2)
    else:
        anchor2 = add_months(a, whole + 1)
        adjust = (b - anchor) / (anchor2 - anchor)
    return -(whole + adjust) or 0.0


def date_diff(d1: DateValue, d2: DateValue, unit: str) -> int:
    """DATETIME_DIFF(d1, d2, unit) = d1 - d2, truncated toward zero (moment's diff without asFloat)."""
    if unit in ("year", "quarter", "month"):
        out = _month_diff(d1.dt, d2.dt) / {"year": 12, "quarter": 3, "month": 1}[unit]
    else:
        out = (d1.ms - d2.ms) / _FIXED_MS[unit]
    return int(out)


def start_of(dt: datetime, unit: str) -> datetime:
    if unit == "year":
        return dt.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if unit == "quarter":
        return dt.replace(month=(dt.month - 1) // 3 * 3 + 1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if unit == "month":
        return dt.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    day = dt.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "week":  # moment's default (en) locale: weeks start on Sunday
        return day - timedelta(days=(dt.weekday() + 1) % 7)
    if unit == "isoWeek":
        return day - timedelta(days=dt.weekday())
    if unit == "day":
        return day
    if unit == "hour":
        return dt.replace(minute=0, second=0, microsecond=0)
    if unit == "minute":
        return dt.replace(second=0, microsecond=0)
    if unit == "second":
        return dt.replace(microsecond=(dt.microsecond // 1000) * 1000)
    return dt.replace(microsecond=(dt.microsecond // 1000) * 1000)


def is_same(d1: DateValue, d2: DateValue, unit: str) -> bool:
    return start_of(d1.dt, unit) == start_of(d2.dt, unit)


def local(d: DateValue) -> datetime:
    """The wall-clock datetime DATETIME_FORMAT shows: UTC, or the SET_TIMEZONE zone."""
    return d.dt.astimezone(ZoneInfo(d.tz)) if d.tz else d.dt


def set_timezone(d: DateValue, tz: str) -> DateValue:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise EvalError(f"unknown time zone {tz!r}") from exc
    return DateValue(d.dt, date_only=False, tz=tz)
