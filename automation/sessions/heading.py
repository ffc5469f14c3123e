"""The heading a coach types on the notes' first line ("Kwame Asante — session 3 — 5 May 2027", "MR / s4 /
06.05", "Tom - call notes 12/1"): who, which session and when, which the session record already says. The
summary the client reads starts with what happened, so the heading's parts are left out of it, and what else
the line says ("Nina – Q4 OKRs and a difficult peer") is kept (pure rule)."""

from __future__ import annotations

import re

from automation.sessions.dates import MONTHS
from automation.sessions.people import _initials

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_DATE = re.compile(
    rf"^(?:{_DAY}\s+)?(?:\d{{1,2}}[./-]\d{{1,2}}(?:[./-]\d{{2,4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|{_DAY})$",
    re.I,
)
_SESSION = re.compile(
    r"^(?:(?:coaching|call|team|group|1:1|one-to-one|mentoring|chemistry|intro|review|follow[- ]up)\s+)?"
    r"(?:session|sess|call|call notes|notes|check-?in|catch-?up|write-?up|minutes|recap|follow[- ]up)"
    r"(?:\s+(?:no\.?\s*|#)?\d+)?(?:\s+of\s+\d+)?(?:\s*\(\d+\s*(?:m|min|mins|minutes|h|hr|hrs)\))?$"
    r"|^(?:s|sess|session\s*)#?\d+$|^#\d+$|^\(?\d+\s*(?:m|min|mins|minutes|h|hr|hrs)\)?$",
    re.I,
)
_SPLIT = re.compile(r"\s+[-–—|/]\s+|\s*[–—|·]\s*")  # between a heading's parts ("Tom - s4 | 12/1")
_COMMA = re.compile(r"\s*,\s*")  # "Eva Novak, 12 Mar 2029": a heading only when every part is one
_WITH = re.compile(r"\s+(?:w/|with)\s+(.+)$", re.I)


def _names(client: str) -> set[str]:
    """The client's names as a heading writes them: each word, her initials ("MR"), each word's initial."""
    words = [w for w in re.split(r"[\s.]+", client) if w]
    return {w.lower() for w in words} | _initials(client) | {w[0].lower() for w in words}


def _is_name(part: str, names: set[str]) -> bool:
    words = [w for w in re.split(r"[\s.]+", part) if w]
    return bool(words) and all(w.lower() in names for w in words)


def _is_heading_part(part: str, names: set[str]) -> bool:
    """A name, a date, a session's label, or those run together ("Chloe s3", "call notes 12/1",
    "Session 4 w/ Priya")."""
    part = part.strip(" .:;")
    if not part:
        return True
    with_whom = _WITH.search(part)
    if with_whom and _is_name(with_whom.group(1).strip(" ."), names):
        part = part[: with_whom.start()].strip()
    words = part.split()
    while len(words) > 1 and _is_name(words[0], names):  # "Chloe s3", "Sofia L session 3"
        words = words[1:]
    for n in (3, 2, 1):  # a date after the label: "call notes 12/1", "session 3 5 May 2027"
        if len(words) > n and _DATE.match(" ".join(words[-n:])):
            words = words[:-n]
            break
    part = " ".join(words)
    return bool(_is_name(part, names) or _DATE.match(part) or _SESSION.match(part))


def heading_rest(text: str, client: str) -> str | None:
    """What a first line says beyond the session's heading: None when it is all heading (the client's name
    or initials, a date, 'session 3', 'call notes', a length), the rest when some part is more, the line as
    it is when no part is a heading's. A line with a sentence's ':' is never a heading."""
    names = _names(client) if client.strip() else set()
    body = text.strip().rstrip(".")
    if ":" in body:
        return text

    def heading(part: str) -> bool:
        return all(_is_heading_part(p, names) for p in _COMMA.split(part))

    parts = _SPLIT.split(body)
    if not heading(parts[0]):  # a heading opens the line
        return text
    rest = [p.strip() for p in parts if not heading(p)]
    if not rest:
        return None
    return " - ".join(rest) + ("." if text.rstrip().endswith(".") else "")
