"""Date and time functions of the formula language (part of `formula`; registered into formula_functions).

Date arguments may be date values (date/dateTime fields, TODAY(), NOW(), DATETIME_PARSE(), DATEADD()) or
text that parses as a date (ISO 8601 first). A blank or unparseable date makes the call #ERROR!, as in
Airtable. TODAY() and NOW() read the evaluation's `now` (the server's movable clock), in GMT.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .formula_datefmt import format_date, format_datetime, parse_default, parse_with_format, sunday_weekday
from .formula_dates import date_add, date_diff, is_same, norm_unit, set_timezone
from .formula_functions import number, register
from .formula_values import DateValue, EvalError, flatten, parse_iso, to_text


def date_arg(value: Any, ctx: Any) -> DateValue:
    if isinstance(value, DateValue):
        return value
    if isinstance(value, list):
        items = [x for x in flatten(value) if x is not None]
        if len(items) == 1:
            return date_arg(items[0], ctx)
    if isinstance(value, str):
        parsed = parse_iso(value) or parse_default(value, ctx.now)  # ISO first: needs no clock, so folds
        if parsed is not None:
            return parsed
    raise EvalError(f"not a date: {to_text(value)!r}")


@register("NOW", 0)
def _now(ctx: Any) -> DateValue:
    now = ctx.now
    return DateValue(now.replace(microsecond=now.microsecond // 1000 * 1000))


@register("TODAY", 0)
def _today(ctx: Any) -> DateValue:
    return DateValue(ctx.now.replace(hour=0, minute=0, second=0, microsecond=0), date_only=True)


@register("IS_BEFORE", 2)
def _is_before(ctx: Any, a: Any, b: Any) -> bool:
    return date_arg(a, ctx).ms < date_arg(b, ctx).ms


@register("IS_AFTER", 2)
def _is_after(ctx: Any, a: Any, b: Any) -> bool:
    return date_arg(a, ctx).ms > date_arg(b, ctx).ms


@register("IS_SAME", 2, 3)
def _is_same(ctx: Any, a: Any, b: Any, unit: Any = None) -> bool:
    d1, d2 = date_arg(a, ctx), date_arg(b, ctx)
    if unit is None or norm_unit(unit) == "millisecond":
        return d1.ms == d2.ms
    return is_same(d1, d2, norm_unit(unit))


@register("DATETIME_DIFF", 2, 3)
def _datetime_diff(ctx: Any, a: Any, b: Any, unit: Any = "seconds") -> int:
    return date_diff(date_arg(a, ctx), date_arg(b, ctx), norm_unit(unit))


@register("DATEADD", 3)
def _dateadd(ctx: Any, d: Any, count: Any, unit: Any) -> DateValue:
    return date_add(date_arg(d, ctx), number(count), norm_unit(unit))


@register("DATETIME_PARSE", 1, 3)
def _datetime_parse(ctx: Any, text: Any, fmt: Any = None, locale: Any = None) -> DateValue:
    if isinstance(text, DateValue):
        return DateValue(text.dt, tz=text.tz)
    s = to_text(text)
    fmt_s = to_text(fmt) if fmt is not None else ""
    parsed = parse_with_format(s, fmt_s, ctx.now) if fmt_s else (parse_iso(s) or parse_default(s, ctx.now))
    if parsed is None:
        raise EvalError(f"DATETIME_PARSE(): cannot parse {s!r}")
    return DateValue(parsed.dt)  # always a date and time, never date-only


@register("DATETIME_FORMAT", 1, 2)
def _datetime_format(ctx: Any, d: Any, fmt: Any = None) -> str:
    return format_date(date_arg(d, ctx), to_text(fmt) if fmt is not None else None)


@register("SET_TIMEZONE", 2)
def _set_timezone(ctx: Any, d: Any, tz: Any) -> DateValue:
    return set_timezone(date_arg(d, ctx), to_text(tz))


@register("SET_LOCALE", 2)
def _set_locale(ctx: Any, d: Any, locale: Any) -> DateValue:
    return date_arg(d, ctx)  # only the default (en) locale is implemented


@register("DATESTR", 1)
def _datestr(ctx: Any, d: Any) -> str:
    return format_datetime(date_arg(d, ctx).dt, "YYYY-MM-DD")


@register("TIMESTR", 1)
def _timestr(ctx: Any, d: Any) -> str:
    return format_datetime(date_arg(d, ctx).dt, "HH:mm:ss")


@register("YEAR", 1)
def _year(ctx: Any, d: Any) -> int:
    return date_arg(d, ctx).dt.year


@register("MONTH", 1)
def _month(ctx: Any, d: Any) -> int:
    return date_arg(d, ctx).dt.month


@register("DAY", 1)
def _day(ctx: Any, d: Any) -> int:
    return date_arg(d, ctx).dt.day


@register("HOUR", 1)
def _hour(ctx: Any, d: Any) -> int:
    return date_arg(d, ctx).dt.hour


@register("MINUTE", 1)
def _minute(ctx: Any, d: Any) -> int:
    return date_arg(d, ctx).dt.minute


@register("SECOND", 1)
def _second(ctx: Any, d: Any) -> int:
    return date_arg(d, ctx).dt.second


def _monday_start(start: Any) -> bool:
    s = to_text(start).strip().lower() if start is not None else "sunday"
    if s not in ("sunday", "monday"):
        raise EvalError(f"start day must be 'Sunday' or 'Monday', got {s!r}")
    return s == "monday"


@register("WEEKDAY", 1, 2)
def _weekday(ctx: Any, d: Any, start: Any = None) -> int:
    dt = date_arg(d, ctx).dt
    return dt.weekday() if _monday_start(start) else sunday_weekday(dt)


@register("WEEKNUM", 1, 2)
def _weeknum(ctx: Any, d: Any, start: Any = None) -> int:
    """Week of the year; the week holding January 1 is week 1 (late December may be week 53)."""
    dt = date_arg(d, ctx).dt
    jan1 = dt.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    back = jan1.weekday() if _monday_start(start) else sunday_weekday(jan1)
    return (dt - (jan1 - timedelta(days=back))).days // 7 + 1
