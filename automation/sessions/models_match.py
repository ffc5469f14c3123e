"""Leadership models named in the notes, matched to the Leadership Models table by title and alias.

A title is found as written, without generic tails ("GROW Model" → GROW, "Five Dysfunctions of a Team"
→ five dysfunctions), as its acronym ("Emotional Intelligence Map" → EI map), with numbers as digits or
words, and by a possessive author name ("Kotter's 8 Steps" → Kotter). Short all-capital aliases are
matched case-sensitively, so "grow the team" is not the GROW model.
"""

from __future__ import annotations

import re
from functools import lru_cache

from automation.sessions.draft import ModelRef

_GENERIC_TAIL = re.compile(
    r"\s+(?:model|framework|matrix|method|tool|map|canvas|approach|cycle|loop|grid|wheel|steps?|window|"
    r"pyramid)$",
    re.I,
)
# What coaches call the best-known models besides their titles (the author, the core idea), for a
# Leadership Models row whose title contains the key; the coach's own Aliases add to these.
KNOWN_ALIASES = {
    "eisenhower": ("urgent/important", "important/urgent", "urgent vs important", "urgent versus important"),
    "sbi": ("situation-behavior-impact", "situation, behavior, impact"),
    "five dysfunctions": ("Lencioni",),
    "adaptive leadership": (
        "adaptive challenge",
        "adaptive challenges",
        "Heifetz",
        "technical vs adaptive",
        "technical versus adaptive",
        "technical or adaptive",
        "adaptive work",
    ),
    "situational leadership": ("Hersey", "SLII"),
    "grow": ("Whitmore",),
    "emotional intelligence": ("Goleman", "EQ"),
    "radical candor": ("Kim Scott",),
    "raci": ("responsible, accountable, consulted",),
    "okr": ("objectives and key results", "OKR", "OKRs"),
    "johari": ("blind spot quadrant",),
    "kotter": ("8-step change", "eight-step change"),
}
# British and American spellings name the same model ("Radical Candour", "situation-behaviour-impact").
_SPELLING = [(re.compile(r"\b(cand|behavi|col|fav|hon|lab|harb)our", re.I), r"\1or")]
_NUM = {"1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven",
        "8": "eight", "9": "nine", "10": "ten"}  # fmt: skip
_GENERIC_SINGLE = {
    "strategy", "leadership", "team", "change", "feedback", "performance", "decision", "delegation",
    "communication", "coaching", "growth", "values", "goals", "goal", "trust", "time", "energy", "career",
    "stakeholder", "influence", "conflict", "priority", "priorities", "learning", "impact", "culture",
}  # fmt: skip
_SMALL = {"of", "a", "the", "for", "and", "to", "in", "on"}


@lru_cache(maxsize=512)
def aliases(model: ModelRef) -> frozenset[str]:
    """Every way the notes may name a model (case-insensitive unless all capitals)."""
    title = model.title.strip()
    out = {title, *[a.strip() for a in model.aliases if a.strip()]}
    paren = re.search(r"\(([^)]+)\)", title)
    if paren:
        out.add(paren.group(1))
        out.add(title[: paren.start()].strip())
    base = re.sub(r"\s*\([^)]*\)", "", title).strip()
    short = _GENERIC_TAIL.sub("", base)
    if short != base and (
        len(short.split()) >= 2 or short.isupper() or "/" in short or short.lower() not in _GENERIC_SINGLE
    ):
        out.add(short)
    head = re.split(r"\s+(?:of|for)\s+", base, maxsplit=1)[0]
    if head != base and len(head.split()) >= 2:
        out.add(head)
    if re.fullmatch(r"[A-Z][A-Za-z/]+s?", head.split()[0]) and head.split()[0][:2].isupper():
        out.add(head.split()[0])  # "OKRs for Leaders" → OKRs
    words = [w for w in re.findall(r"[A-Za-z]+", base) if w.lower() not in _SMALL]
    if len(words) >= 3:
        out.add("".join(w[0] for w in words).upper())
        if len(words) >= 3:
            out.add("".join(w[0] for w in words[:-1]).upper() + " " + words[-1])
    core = [w for w in re.findall(r"[A-Za-z]+", _GENERIC_TAIL.sub("", base)) if w.lower() not in _SMALL]
    if len(core) == 2 and all(w[0].isupper() for w in core):
        out.add(core[0][0] + core[1][0])  # "Situational Leadership" → SL, "Emotional Intelligence Map" → EI
    low_title = title.lower()
    for key, extra in KNOWN_ALIASES.items():
        if key in low_title:
            out.update(extra)
    author = re.match(r"([A-Z][a-z]+)['’]s\b", base)
    if author:
        out.add(author.group(1))
    for a in list(out):
        for d, w in _NUM.items():
            if re.search(rf"\b{d}\b", a):
                out.add(re.sub(rf"\b{d}\b", w, a))
            if re.search(rf"\b{w}\b", a, re.I):
                out.add(re.sub(rf"\b{w}\b", d, a, flags=re.I))
    return frozenset(a for a in out if len(a) >= 2 and not (len(a) <= 2 and not a.isupper()))


_MODEL_WORD = (
    r"(?=[\s-]+(?:model|framework|conversation|structure|questions?|session|exercise|approach|tool|grid|"
    r"matrix|map|coaching|lens|diagnostic)\b)"
)


# A lower-case acronym after a verb of using it ("did scarf, autonomy is the big one"), and not then
# taking an object as a verb would ("used grow the team" is no sentence; "did grow her team" is not GROW).
_USED = r"\b(?:did|used|using|ran|tried|applied)\s+(?:the\s+|a\s+|an\s+)?"
_NOT_A_VERB = r"(?!\s+(?:the|a|an|her|his|their|our|my|your|them|him|it|up|out)\b)"


def _spelled(text: str) -> str:
    for rx, rep in _SPELLING:
        text = rx.sub(rep, text)
    return text


def _texts(raw: str) -> tuple[str, str]:
    """The notes as searched: spelled one way, and with hyphens inside words closed up."""
    text = _spelled(raw)
    return text, re.sub(r"(?<=\w)-(?=\w)", "", text)  # "feed-forward" → "feedforward"


def _found_in(alias: str, text: str, joined: str) -> bool:
    """The alias in the text, its words apart by spaces, hyphens, slashes or commas; "feed-forward" is
    "Feedforward"; British and American spellings alike."""
    alias = _spelled(alias)
    words = [w for w in re.split(r"[\s/,-]+", alias) if w]
    pattern = r"\b" + r"[\s/,-]+".join(re.escape(w) for w in words) + r"(?:['’]s)?\b"
    if alias.replace(" ", "").isupper() or (len(words) == 1 and alias[:2].isupper()):
        # acronyms: exact case, or any case when a model word follows ("did a grow conversation")
        if any(re.search(pattern, t) for t in (text, joined)):
            return True
        if not re.search(pattern, text, re.I):
            return False  # in no case at all: most aliases, so the two readings below are not tried
        return bool(
            re.search(pattern + _MODEL_WORD, text, re.I)
            or re.search(_USED + pattern + _NOT_A_VERB, text, re.I)
        )
    return any(re.search(pattern, t, re.I) for t in (text, joined))


def match_models(
    raw: str, models: tuple[ModelRef, ...] | list[ModelRef], avoid: frozenset[str] = frozenset()
) -> list[str]:
    """Titles of the models the notes mention, in the table's order. `avoid`: short forms that mean
    something else in these notes (the people's initials: "SC" is Sarah Cave, not Strategy Canvas)."""
    hits = []
    text, joined = _texts(raw)  # once per note, not per alias
    for model in models:
        names = {a for a in aliases(model) if not (len(a) <= 3 and a.upper() in avoid)}
        if any(len(a) >= 3 or a.isupper() for a in names) and any(_found_in(a, text, joined) for a in names):
            hits.append(model.title)
    return hits
