"""Small text helpers for what people read (reports, alerts, evidence lines)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any


def plural(n: float, one: str, many: str | None = None) -> str:
    """'1 invoice', '3 invoices', '1 day', '0 leads': the count with the noun it takes."""
    shown = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{shown} {one if n == 1 else (many or one + 's')}"


def zone_abbreviation(moment: datetime) -> str:
    """The zone a local time is written with: its abbreviation (AEDT, GMT, EST), or, where the tz database
    has none and gives only the offset ("+08" for Singapore, "-03" for Sao Paulo), that offset as people
    read one ("UTC+8", "UTC-3", "UTC+5:45"): a bare "+08" after a time reads as a typo, not a zone."""
    abbr = moment.strftime("%Z")
    if not re.fullmatch(r"[+-]\d{2}(\d{2})?", abbr):
        return abbr
    hours, minutes = int(abbr[1:3]), int(abbr[3:5] or 0)
    return f"UTC{abbr[0]}{hours}" + (f":{minutes:02d}" if minutes else "")


# Zones of the United States and Canada, where 3/4 is March 4. The rest of America/* (Latin America, the
# Caribbean, Greenland) writes day first, as does everywhere else: listing the month-first places is the
# shorter list and the one that fails safe (an unknown zone reads day first, the drafter's old default).
_MONTH_FIRST_ZONE_PREFIXES = (
    "US/",
    "Canada/",
    "America/Indiana/",
    "America/Kentucky/",
    "America/North_Dakota/",
)
# fmt: off
_MONTH_FIRST_ZONES = frozenset({
    "America/New_York", "America/Detroit", "America/Chicago", "America/Menominee", "America/Denver",
    "America/Boise", "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "America/Juneau",
    "America/Sitka", "America/Metlakatla", "America/Yakutat", "America/Nome", "America/Adak",
    "America/Indianapolis", "America/Fort_Wayne", "America/Louisville", "America/Knox_IN",
    "America/Shiprock", "America/St_Johns", "America/Halifax", "America/Glace_Bay", "America/Moncton",
    "America/Goose_Bay", "America/Blanc-Sablon", "America/Toronto", "America/Montreal", "America/Nipigon",
    "America/Thunder_Bay", "America/Rainy_River", "America/Iqaluit", "America/Pangnirtung",
    "America/Atikokan", "America/Coral_Harbour", "America/Winnipeg", "America/Resolute",
    "America/Rankin_Inlet", "America/Regina", "America/Swift_Current", "America/Edmonton",
    "America/Cambridge_Bay", "America/Yellowknife", "America/Inuvik", "America/Creston",
    "America/Dawson_Creek", "America/Fort_Nelson", "America/Whitehorse", "America/Dawson",
    "America/Vancouver", "Pacific/Honolulu",
})
# fmt: on


def month_first_zone(time_zone: str) -> bool:
    """Whether a time zone is where dates are written month first (US, Canada): numeric dates in notes
    ("3/4" is March 4) and the dates people read ("Tue, Dec 8, 10:00 AM EST", `zoned_text`)."""
    return time_zone in _MONTH_FIRST_ZONES or time_zone.startswith(_MONTH_FIRST_ZONE_PREFIXES)


def date_text(
    day: datetime | date, month_first: bool, *, weekday: bool = True, year: bool = True, long: bool = False
) -> str:
    """A date in words as its reader writes it, never in digits (8/12 is August to her and December to
    a European): "Tue, Dec 8, 2026" in the US and Canada, "Tue 8 Dec 2026" elsewhere; `long` spells the
    names out ("Tuesday, December 8, 2026"), `weekday` / `year` False leave them off ("Dec 8", "8 Dec")."""
    wd, month = ("%A", "%B") if long else ("%a", "%b")
    if month_first:
        text = f"{day:{month}} {day.day}" + (f", {day.year}" if year else "")
        return f"{day:{wd}}, {text}" if weekday else text
    text = f"{day.day} {day:{month}}" + (f" {day.year}" if year else "")
    return f"{day:{wd}} {text}" if weekday else text


def day_text(local: datetime | date, month_first: bool) -> str:
    """A day as its reader writes it: "Tue, Dec 8" in the US and Canada, "Tue 8 Dec" elsewhere."""
    return date_text(local, month_first, year=False)


def clock_text(local: datetime, month_first: bool) -> str:
    """A time of day as its reader writes it: "10:00 AM" in the US and Canada, "10:00" elsewhere."""
    return f"{local:%-I:%M} {'AM' if local.hour < 12 else 'PM'}" if month_first else f"{local:%H:%M}"


def moment_text(local: datetime, month_first: bool) -> str:
    """A recent moment on the reader's clock, with her zone, as a log line she reads it: "Sun 1 Mar, 13:00
    AEDT", or "Sun, Mar 1, 1:00 PM EST" in the US and Canada (never "2027-03-01 13:00", which she has to
    decode)."""
    return f"{day_text(local, month_first)}, {clock_text(local, month_first)} {zone_abbreviation(local)}"


def display_name(record: Any, fallback: str = "A client (no name)") -> str:
    """The name a heading or line calls a person's record by: its Name on one line, else its Email, else
    `fallback`. A Name cleared or typed as spaces must not leave a heading that starts with blanks."""
    for value in (getattr(record, "name", None), getattr(record, "email", None)):
        if text := " ".join(str(value or "").split()):
            return text
    return fallback


# "her"/"his" after these is the object of the verb ("Send her the deck"), not her own possessive
_OBJECT_VERB = frozenset(
    ("let", "make", "help", "have", "see", "watch", "hear", "ask", "tell", "send", "give", "show", "call",
     "email", "text", "remind", "thank", "invite", "meet", "get", "pay", "offer", "bring", "take", "lend",
     "owe", "pass", "forward")
)  # fmt: skip
# ... and before these ("Call her about it", "Take her to lunch")
_NOT_A_NOUN = frozenset(
    ("the", "a", "an", "to", "that", "this", "these", "those", "about", "for", "with", "on", "in", "at", "by",
     "of", "from", "and", "or", "but", "if", "when", "what", "how", "why", "who", "where", "back", "up",
     "out", "again", "some", "any", "through", "over", "into", "know")
)  # fmt: skip


def to_her(description: str) -> str:
    """Her own action item as the client reads it: "Write her three priorities" → "Write your three
    priorities". Only a possessive her/his before a noun, and only until another person may be meant (a
    name, or "her" as a verb's object): "Thank Maria for her help" and "Send her the deck" stay."""
    words = description.split(" ")
    for k, word in enumerate(words):
        bare = word.strip(".,;:!?()\"'")
        low = bare.lower()
        if k > 0 and bare[:1].isupper() and low not in ("i",):
            break  # a name (or an acronym: the CFO) before it: "her" may be theirs
        if low in ("herself", "himself"):
            words[k] = word.replace(bare, "yourself" if bare.islower() else "Yourself")
            continue
        if low not in ("her", "his"):
            continue
        before = words[k - 1].lower() if k else ""
        after = words[k + 1].strip(".,;:!?()\"'").lower() if k + 1 < len(words) else ""
        if before in _OBJECT_VERB or not after or after in _NOT_A_NOUN or not after[:1].isalnum():
            break  # her as the object, or a lone "his": leave the rest as the notes said
        words[k] = word.replace(bare, "your" if bare.islower() else "Your")
    return " ".join(words)
