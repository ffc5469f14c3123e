"""Small text helpers for what people read (reports, alerts, evidence lines)."""

from __future__ import annotations

import re
from datetime import datetime
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
