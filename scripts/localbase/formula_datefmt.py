"""Date formatting and parsing for the formula language (part of `formula`): moment.js format tokens.

DATETIME_FORMAT supports moment's tokens (YYYY MM DD Do HH hh mm ss SSS A Z X x Q W w ddd MMMM …, the
localized L/LL/LLL/LLLL/LT forms for the en locale, and [literal] text). DATETIME_PARSE with a format is
forgiving the way moment is: separators need not match exactly and trailing text is ignored; without a format
it takes ISO 8601 and a few common forms (1/2/2024, 2024/1/2, January 2, 2024, 2 January 2024).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from .formula_dates import local
from .formula_values import DateValue, parse_iso, zone_offset

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# ---------------------------------------------------------------------------------------------- format

_TOKENS = re.compile(
    r"\[[^\]]*\]|LTS|LT|LLLL|LLL|LL|L|llll|lll|ll|l|YYYY|YY|Q|MMMM|MMM|MM|M|Do|DDDD|DDD|DD|D|dddd|ddd|dd|d|"
    r"E|e|GGGG|gggg|WW|W|ww|w|HH|H|hh|h|kk|k|mm|m|ss|s|S{1,9}|A|a|ZZ|Z|X|x"
)
_LONG = {
    "LT": "h:mm A",
    "LTS": "h:mm:ss A",
    "L": "MM/DD/YYYY",
    "LL": "MMMM D, YYYY",
    "LLL": "MMMM D, YYYY h:mm A",
    "LLLL": "dddd, MMMM D, YYYY h:mm A",
    "l": "M/D/YYYY",
    "ll": "MMM D, YYYY",
    "lll": "MMM D, YYYY h:mm A",
    "llll": "ddd, MMM D, YYYY h:mm A",
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def sunday_weekday(dt: datetime) -> int:
    return (dt.weekday() + 1) % 7


def locale_week(dt: datetime) -> tuple[int, int]:
    """moment 'w' for the en locale: weeks start on Sunday, the week holding January 1 is week 1."""
    saturday = dt.date() + timedelta(days=6 - sunday_weekday(dt))
    return saturday.year, (saturday - saturday.replace(month=1, day=1)).days // 7 + 1


def _offset(dt: datetime, colon: bool) -> str:
    off = dt.utcoffset() or timedelta(0)
    sign = "-" if off < timedelta(0) else "+"
    mins = abs(int(off.total_seconds())) // 60
    return f"{sign}{mins // 60:02d}{':' if colon else ''}{mins % 60:02d}"


def _format_token(tok: str, dt: datetime) -> str:
    if tok.startswith("["):
        return tok[1:-1]
    if tok in _LONG:
        return format_datetime(dt, _LONG[tok])
    h12 = dt.hour % 12 or 12
    simple = {
        "YYYY": f"{dt.year:04d}",
        "YY": f"{dt.year % 100:02d}",
        "Q": str((dt.month - 1) // 3 + 1),
        "MMMM": MONTHS[dt.month - 1],
        "MMM": MONTHS[dt.month - 1][:3],
        "MM": f"{dt.month:02d}",
        "M": str(dt.month),
        "Do": _ordinal(dt.day),
        "DD": f"{dt.day:02d}",
        "D": str(dt.day),
        "DDDD": f"{dt.timetuple().tm_yday:03d}",
        "DDD": str(dt.timetuple().tm_yday),
        "dddd": DAYS[sunday_weekday(dt)],
        "ddd": DAYS[sunday_weekday(dt)][:3],
        "dd": DAYS[sunday_weekday(dt)][:2],
        "d": str(sunday_weekday(dt)),
        "e": str(sunday_weekday(dt)),
        "E": str(dt.isoweekday()),
        "HH": f"{dt.hour:02d}",
        "H": str(dt.hour),
        "hh": f"{h12:02d}",
        "h": str(h12),
        "kk": f"{dt.hour or 24:02d}",
        "k": str(dt.hour or 24),
        "mm": f"{dt.minute:02d}",
        "m": str(dt.minute),
        "ss": f"{dt.second:02d}",
        "s": str(dt.second),
        "A": "AM" if dt.hour < 12 else "PM",
        "a": "am" if dt.hour < 12 else "pm",
        "Z": _offset(dt, True),
        "ZZ": _offset(dt, False),
        "X": str((dt - _EPOCH) // timedelta(seconds=1)),
        "x": str((dt - _EPOCH) // timedelta(milliseconds=1)),
        "GGGG": f"{dt.isocalendar()[0]:04d}",
        "WW": f"{dt.isocalendar()[1]:02d}",
        "W": str(dt.isocalendar()[1]),
        "gggg": f"{locale_week(dt)[0]:04d}",
        "ww": f"{locale_week(dt)[1]:02d}",
        "w": str(locale_week(dt)[1]),
    }
    if tok in simple:
        return simple[tok]
    return f"{dt.microsecond:06d}".ljust(9, "0")[: len(tok)]  # S, SS, SSS, ...


def format_datetime(dt: datetime, fmt: str) -> str:
    out, i = [], 0
    while i < len(fmt):
        m = _TOKENS.match(fmt, i)
        if m:
            out.append(_format_token(m.group(), dt))
            i = m.end()
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out)


def format_date(d: DateValue, fmt: str | None) -> str:
    if fmt is None:  # moment.utc().format(): ISO without milliseconds
        fmt = "YYYY-MM-DDTHH:mm:ssZ" if d.tz else "YYYY-MM-DDTHH:mm:ss[Z]"
    return format_datetime(local(d), fmt)


# ---------------------------------------------------------------------------------------------- parse

_MONTH_RE = "|".join(sorted({m for name in MONTHS for m in (name, name[:3])}, key=len, reverse=True))
_DAY_RE = "|".join(sorted({d for name in DAYS for d in (name, name[:3], name[:2])}, key=len, reverse=True))
_PARSE = {
    "YYYY": ("year", r"[+-]?\d{1,6}"),
    "YY": ("yy", r"\d\d"),
    "Q": ("quarter", r"[1-4]"),
    "MMMM": ("mname", _MONTH_RE),
    "MMM": ("mname", _MONTH_RE),
    "MM": ("month", r"\d\d?"),
    "M": ("month", r"\d\d?"),
    "Do": ("day", r"\d\d?(?=st|nd|rd|th)(?:st|nd|rd|th)|\d\d?"),
    "DD": ("day", r"\d\d?"),
    "D": ("day", r"\d\d?"),
    "dddd": (None, _DAY_RE),
    "ddd": (None, _DAY_RE),
    "dd": (None, _DAY_RE),
    "d": (None, r"[0-6]"),
    "HH": ("hour", r"\d\d?"),
    "H": ("hour", r"\d\d?"),
    "hh": ("hour", r"\d\d?"),
    "h": ("hour", r"\d\d?"),
    "kk": ("hour", r"\d\d?"),
    "k": ("hour", r"\d\d?"),
    "mm": ("minute", r"\d\d?"),
    "m": ("minute", r"\d\d?"),
    "ss": ("second", r"\d\d?"),
    "s": ("second", r"\d\d?"),
    "A": ("ampm", r"[ap]\.?m?\.?"),
    "a": ("ampm", r"[ap]\.?m?\.?"),
    "ZZ": ("zone", r"Z|[+-]\d\d:?\d\d"),
    "Z": ("zone", r"Z|[+-]\d\d:?\d\d"),
    "X": ("unix", r"[+-]?\d+(?:\.\d+)?"),
    "x": ("unixms", r"[+-]?\d+"),
}


def _format_regex(fmt: str) -> tuple[re.Pattern[str], list[str | None]]:
    parts, keys, i = [], [], 0
    while i < len(fmt):
        m = _TOKENS.match(fmt, i)
        if m:
            tok = m.group()
            if tok in _LONG:
                fmt = fmt[:i] + _LONG[tok] + fmt[m.end() :]
                continue
            if tok.startswith("["):
                parts.append(re.escape(tok[1:-1]))
            elif tok.startswith("S"):
                parts.append(r"(\d+)")
                keys.append("fraction")
            elif tok in _PARSE:
                key, rx = _PARSE[tok]
                parts.append(f"({rx})")
                keys.append(key)
            i = m.end()
        else:  # moment's forgiving mode: separators need not match exactly
            ch = fmt[i]
            parts.append(r"[^0-9A-Za-z]*" if not ch.isalnum() else re.escape(ch) + "?")
            i += 1
    return re.compile(r"\s*" + "".join(parts), re.IGNORECASE), keys


def parse_with_format(text: str, fmt: str, now: datetime | None = None) -> DateValue | None:
    rx, keys = _format_regex(fmt)
    m = rx.match(text)
    if not m:
        return None
    got = {k: v for k, v in zip(keys, m.groups(), strict=True) if k and v is not None}
    try:
        if "unix" in got:
            return DateValue(datetime.fromtimestamp(float(got["unix"]), UTC))
        if "unixms" in got:
            return DateValue(datetime.fromtimestamp(int(got["unixms"]) / 1000, UTC))
        today = (now or datetime.now(UTC)).astimezone(UTC)
        has_date = any(k in got for k in ("year", "yy", "month", "mname", "day", "quarter"))
        year = int(got["year"]) if "year" in got else today.year
        if "yy" in got:
            year = int(got["yy"]) + (1900 if int(got["yy"]) > 68 else 2000)
        month = today.month if not has_date else 1
        if "quarter" in got:
            month = (int(got["quarter"]) - 1) * 3 + 1
        if "month" in got:
            month = int(got["month"])
        if "mname" in got:
            month = next(i for i, n in enumerate(MONTHS, 1) if n.lower().startswith(got["mname"].lower()[:3]))
        day = int(re.match(r"\d+", got["day"]).group()) if "day" in got else (1 if has_date else today.day)
        hour = int(got.get("hour", 0))
        if "ampm" in got:
            hour = hour % 12 + (12 if got["ampm"].lower().startswith("p") else 0)
        micros = int(got.get("fraction", "0")[:6].ljust(6, "0"))
        dt = datetime(
            year,
            month,
            day,
            hour % 24,
            int(got.get("minute", 0)),
            int(got.get("second", 0)),
            micros,
            tzinfo=UTC,
        )
        if hour == 24:
            dt += timedelta(days=1)
    except (ValueError, OverflowError, StopIteration):
        return None
    return DateValue(dt - zone_offset(got.get("zone")))


_FALLBACK_FORMATS = (
    "M/D/YYYY h:mm:ss a",
    "M/D/YYYY h:mm a",
    "M/D/YYYY H:mm:ss",
    "M/D/YYYY H:mm",
    "M/D/YYYY",
    "YYYY/M/D H:mm:ss",
    "YYYY/M/D H:mm",
    "YYYY/M/D",
    "MMMM D, YYYY h:mm a",
    "MMMM D, YYYY",
    "MMMM D YYYY",
    "D MMMM YYYY H:mm",
    "D MMMM YYYY",
)
_FALLBACK_RX = [
    (re.compile(_format_regex(f)[0].pattern + r"\s*$", re.IGNORECASE), f) for f in _FALLBACK_FORMATS
]


def parse_default(text: str, now: datetime | None = None) -> DateValue | None:
    """DATETIME_PARSE without a format (moment(str)): ISO 8601, then a few common US/long forms."""
    iso = parse_iso(text)
    if iso is not None:
        return iso
    if not text or not text.strip() or len(text) > 100:
        return None
    for rx, fmt in _FALLBACK_RX:
        if rx.match(text):
            return parse_with_format(text, fmt, now)
    return None
