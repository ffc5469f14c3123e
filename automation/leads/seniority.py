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
    # Not in the role now: "Retired CEO", "Former VP Sales", "Aspiring manager" ("Incoming CEO" is).
    ("individual", re.compile(r"^(former|retired|ex-|ex |aspiring|would-be|wannabe)\b")),
    (
        "individual",
        re.compile(
            r"\b(assistant|secretary|pa|ea)\b.*\bto\b|\bexecutive assistant\b|\bintern\b"
            rf"|\b(product|process) owner\b|\b({_C_TITLES}|personal|admin(istrative)?|office)\s+assistant\b"
        ),
    ),
    # An adviser to the business, not an officer of it: "HR Business Partner" is not a partner of the firm.
    ("manager", re.compile(r"\bbusiness partner\b")),
    ("director", re.compile(r"\bchief of staff\b")),
    (
        "senior_manager",
        re.compile(
            r"\b(assistant|associate|deputy)\s+(vice president|vp|director|head ?teacher|head|principal)\b"
            r"|\bavp\b"
        ),
    ),
    (
        "vp",
        re.compile(r"\b(vice[- ]president|vp|svp|evp)\b|\bgeneral manager\b|\bnon[- ]executive\b"),
    ),
    # The same ranks in the languages a European client base writes them in.
    (
        "executive",
        re.compile(
            r"\b(directeur|directrice|director|directora|diretor|gerente) g[eé]n[eé]ral\b"
            r"|\bgesch[aä]ftsf[uü]hrer|\bpdg\b|\bvorstand\b|\bamministratore delegato\b"
        ),
    ),
    (
        "executive",
        re.compile(
            rf"\b({_C_TITLES})\b|\bchief\b|\bfounder\b|\bco-founder\b|\bowner\b|\bpresident\b"
            r"|\bmanaging (director|partner)\b|\bfounding partner\b|\bexec(utive|\.)? director\b|\bmd\b"
            r"|\bchair(man|woman|person)?\b"
        ),
    ),
    ("vp", re.compile(r"\bpartner\b|\bboard (member|director)\b|\btrustee\b|\bgeneral counsel\b")),
    (
        "director",
        re.compile(
            r"\bdirector\b|\bhead of\b|\bhead,|\b(department|division) head\b|\bcountry manager\b"
            r"|\bhead ?(teacher|master|mistress)\b|\bsuperintendent\b|\bdean\b"
            r"|\b(directeur|directrice|directora|diretor|direktor(in)?)\b|\b(abteilungs|bereichs)?leiter(in)?\b"
        ),
    ),
    ("senior_manager", re.compile(r"\b(senior|sr\.?) ([a-z]+ )?manager\b|\bprincipal\b")),
    (
        "manager",
        re.compile(
            r"\bmanager\b|\bteam lead(er)?\b|\blead\b|\bsupervisor\b|\b(team|gruppen)leiter(in)?\b"
            r"|\bhead (nurse|chef|coach)\b|\bforeman\b|\bforewoman\b"
        ),
    ),
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
