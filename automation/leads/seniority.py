"""Title → seniority level, the way a coach reads a business card (first matching rule wins)."""

from __future__ import annotations

import re

LEVEL_LABELS = {
    "executive": "C-level/founder",
    "vp": "VP",
    "director": "director",
    "senior_manager": "senior manager",
    "manager": "manager",
    "individual": "other title",
    "unknown": "no title",
}

_C_TITLES = r"ceo|cfo|coo|cto|cio|cmo|chro|cpo|cro|cso|cdo|cco|cxo|cao|clo|cno"

# Most specific first: "Executive Assistant to the CEO" is not a CEO, "Vice President" is not a President,
# "Chief of Staff" is not a C-level officer, "Assistant Director" sits below a director.
_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "individual",
        re.compile(
            r"\b(assistant|secretary|pa|ea)\b.*\bto\b|\bexecutive assistant\b|\bintern\b"
            r"|\b(product|process) owner\b"
        ),
    ),
    ("director", re.compile(r"\bchief of staff\b")),
    (
        "senior_manager",
        re.compile(r"\b(assistant|associate|deputy)\s+(vice president|vp|director)\b|\bavp\b"),
    ),
    ("vp", re.compile(r"\b(vice[- ]president|vp|svp|evp)\b|\bgeneral manager\b|\bnon[- ]executive\b")),
    (
        "executive",
        re.compile(
            rf"\b({_C_TITLES})\b|\bchief\b|\bfounder\b|\bco-founder\b|\bowner\b|\bpresident\b"
            r"|\bmanaging (director|partner)\b|\bexecutive director\b|\bmd\b|\bchair(man|woman|person)?\b"
        ),
    ),
    ("vp", re.compile(r"\bpartner\b")),
    ("director", re.compile(r"\bdirector\b|\bhead of\b|\bhead,|\b(department|division) head\b")),
    ("senior_manager", re.compile(r"\b(senior|sr\.?) ([a-z]+ )?manager\b|\bprincipal\b")),
    ("manager", re.compile(r"\bmanager\b|\bteam lead(er)?\b|\blead\b|\bsupervisor\b")),
]


def seniority_level(title: str | None) -> str:
    """One of LEVEL_LABELS' keys; "unknown" when there is no title."""
    text = (title or "").strip().lower()
    if not text:
        return "unknown"
    for level, pattern in _RULES:
        if pattern.search(text):
            return level
    return "individual"
