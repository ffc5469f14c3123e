"""Values of the formula language and Airtable's coercion rules (part of `formula`).

Runtime values are plain Python: None (BLANK), str, int/float (NaN is float("nan")), bool (TRUE()/FALSE(),
which behave as 1/0), list (links, multiple selects, lookups), DateValue, and ErrorValue (#ERROR!, never
truthy).

Coercions follow the JavaScript engine Airtable's formulas run on:
* text context (`&`, text functions): blank -> "", numbers without a trailing ".0", booleans -> "1"/"0",
  arrays joined by ", ", dates as ISO strings ("2024-01-02" for a date-only value).
* comparisons: blank equals "" and 0; number vs text converts the text to a number (JS ToNumber: "" -> 0,
  " 5 " -> 5, "abc" -> NaN, and NaN compares false); text vs text is exact and case-sensitive; dates compare
  as instants, with text parsed as a date when it looks like one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any


class FormulaError(Exception):
    """The formula cannot be parsed (syntax, unknown function, wrong arity, unknown field)."""


class ErrorValue:
    """An evaluation error (Airtable's #ERROR!). Propagates through operators and most functions."""

    __slots__ = ("code", "reason")

    def __init__(self, code: str = "#ERROR!", reason: str = "") -> None:
        self.code = code
        self.reason = reason

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ErrorValue) and other.code == self.code

    def __hash__(self) -> int:
        return hash(self.code)

    def __repr__(self) -> str:
        return f"ErrorValue({self.code!r}{', ' + repr(self.reason) if self.reason else ''})"


def error(reason: str = "") -> ErrorValue:
    return ErrorValue("#ERROR!", reason)


class EvalError(Exception):
    """Raised inside functions to turn the current call into an ErrorValue."""


@dataclass(frozen=True)
class DateValue:
    """An instant (aware UTC datetime). `date_only` values render as YYYY-MM-DD; `tz` is set by SET_TIMEZONE
    and used only by DATETIME_FORMAT."""

    dt: datetime
    date_only: bool = False
    tz: str | None = None

    @property
    def ms(self) -> int:
        return (self.dt - _EPOCH) // timedelta(milliseconds=1)

    def iso(self) -> str:
        if self.date_only:
            return self.dt.strftime("%Y-%m-%d")
        return self.dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.dt.microsecond // 1000:03d}Z"


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NAN = float("nan")

# ---------------------------------------------------------------------------------------------- numbers


def num(x: float | int) -> float | int:
    """Normalise a numeric result: integral floats become ints (so 4/2 is 2, like JS prints it)."""
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, float) and x.is_integer() and abs(x) < 2**53:
        return int(x)
    return x


def js_number(x: float | int) -> str:
    """Number -> string exactly as JavaScript's Number.prototype.toString does."""
    if isinstance(x, bool):
        return "1" if x else "0"
    if isinstance(x, int):
        return str(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    tup = Decimal(repr(abs(x))).as_tuple()
    digits = "".join(map(str, tup.digits)).rstrip("0")
    exp = int(tup.exponent) + (len(tup.digits) - len(digits))
    k = len(digits)
    n = k + exp  # value = 0.digits * 10**n
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mant = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign}{mant}e{'+' if e >= 0 else '-'}{abs(e)}"


_NUM_RE = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def text_to_number(s: str) -> float | int:
    """JavaScript ToNumber on a string; NaN when it is not a number."""
    s = s.strip()
    if not s:
        return 0
    if _NUM_RE.fullmatch(s):
        return num(float(s))
    if s in ("Infinity", "+Infinity", "-Infinity"):
        return float(s.replace("Infinity", "inf"))
    return NAN


def to_number(v: Any) -> float | int:
    """Number context. Returns NaN for values that are not numbers (the caller decides what that means)."""
    if v is None:
        return 0
    if isinstance(v, (bool, int, float)):
        return num(v)
    if isinstance(v, str):
        return text_to_number(v)
    if isinstance(v, list):
        return to_number(to_text(v)) if v else 0
    return NAN  # dates, dicts


def is_nan(x: Any) -> bool:
    return isinstance(x, float) and math.isnan(x)


def to_int(v: Any) -> int:
    """Integer argument (positions, counts, precision): truncated toward zero; EvalError if not a number."""
    x = to_number(v)
    if is_nan(x) or (isinstance(x, float) and math.isinf(x)):
        raise EvalError(f"expected a number, got {v!r}")
    return int(x)


# ---------------------------------------------------------------------------------------------- text


def to_text(v: Any) -> str:
    """Text context. The caller has already propagated ErrorValues."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, (int, float)):
        return js_number(v)
    if isinstance(v, DateValue):
        return v.iso()
    if isinstance(v, list):
        return ", ".join(to_text(x) for x in flatten(v) if x is not None)
    if isinstance(v, ErrorValue):
        return v.code
    return str(v)


def flatten(values: Any) -> list:
    out: list = []
    for x in values if isinstance(values, (list, tuple)) else [values]:
        if isinstance(x, (list, tuple)):
            out.extend(flatten(x))
        else:
            out.append(x)
    return out


# ---------------------------------------------------------------------------------------------- truth


def truthy(value: Any) -> bool:
    """Airtable's filter inclusion: everything except 0, false, "", NaN, [], blank and errors."""
    if value is None or isinstance(value, ErrorValue):
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0 and not math.isnan(value)
    if isinstance(value, (str, list)):
        return len(value) > 0
    return True


# ---------------------------------------------------------------------------------------------- dates

_ISO_RE = re.compile(
    r"\s*(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?\s*",
    re.IGNORECASE,
)


def parse_iso(s: str) -> DateValue | None:
    """ISO 8601 date or datetime; no zone means UTC (Airtable evaluates API formulas in GMT)."""
    m = _ISO_RE.fullmatch(s)
    if not m:
        return None
    y, mo, d, hh, mi, ss, frac, zone = m.groups()
    try:
        dt = datetime(int(y), int(mo), int(d), tzinfo=UTC)
        if hh is None:
            return DateValue(dt, date_only=True)
        micros = int((frac or "0")[:6].ljust(6, "0"))
        dt = dt.replace(hour=int(hh), minute=int(mi), second=int(ss or 0), microsecond=micros)
    except ValueError:
        return None
    dt -= zone_offset(zone)
    return DateValue(dt)


def zone_offset(zone: str | None) -> timedelta:
    if not zone or zone.upper() == "Z":
        return timedelta(0)
    digits = zone[1:].replace(":", "")
    off = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return -off if zone[0] == "-" else off


def as_date_value(dt: datetime | date, date_only: bool = False) -> DateValue:
    if not isinstance(dt, datetime):
        return DateValue(datetime(dt.year, dt.month, dt.day, tzinfo=UTC), date_only=True)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return DateValue(dt.astimezone(UTC), date_only=date_only)


# ---------------------------------------------------------------------------------------------- comparison


def _for_compare(v: Any) -> Any:
    if isinstance(v, list):
        items = [x for x in flatten(v) if x is not None]
        if not items:
            return None
        return items[0] if len(items) == 1 and isinstance(items[0], DateValue) else to_text(items)
    return v


def _sign(x: Any, y: Any) -> int:
    return (x > y) - (x < y)


def _compare_date(d: DateValue, other: Any) -> int | None:
    if other is None:
        return None
    if isinstance(other, DateValue):
        return _sign(d.ms, other.ms)
    if isinstance(other, str):
        from .formula_datefmt import parse_default  # local: datefmt imports this module

        parsed = parse_default(other)
        return _sign(d.ms, parsed.ms) if parsed else _sign(d.iso(), other)
    x = to_number(other)
    return None if is_nan(x) else _sign(d.ms, x)


def compare(a: Any, b: Any) -> int | None:
    """-1/0/1, or None when the values are not comparable (NaN, or a date against blank)."""
    if type(a) is type(b) and type(a) in (str, int, float):
        return None if a != a or b != b else _sign(a, b)  # a != a: NaN
    a, b = _for_compare(a), _for_compare(b)
    if a is None and b is None:
        return 0
    if isinstance(a, DateValue):
        return _compare_date(a, b)
    if isinstance(b, DateValue):
        r = _compare_date(b, a)
        return None if r is None else -r
    if a is None:
        a = "" if isinstance(b, str) else 0
    if b is None:
        b = "" if isinstance(a, str) else 0
    if isinstance(a, str) and isinstance(b, str):
        return _sign(a, b)
    x, y = to_number(a), to_number(b)
    if is_nan(x) or is_nan(y):
        return None
    return _sign(x, y)


def equals(a: Any, b: Any) -> bool:
    return compare(a, b) == 0
