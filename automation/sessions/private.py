"""The writer's private lines in raw notes: what a coach or associate writes for herself, her supervisor or
the lead coach ("Note to self: …", "NTS - …", "My read: …", "For supervision: …", "(not for client)",
"[private]", and the lines under an "Observations:" or "Private notes:" heading until the next heading).

They stay in Raw Notes for the writer; the client-facing parts of a draft (summary, key outcomes, next
topics, the client's items) are drafted without them. A private-looking word inside the client's own words
("she'll raise her observations with the board", "her read of the market") is not a marker: a marker opens
a line or a sentence, or is a tag in brackets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automation.sessions.draft import ActionItemDraft, NotesDraft
from automation.sessions.segments import plain_text, split_sentences
from automation.sessions.words import ACTION_VERBS, content_words

# A note the writer leaves herself: its imperatives are her own to-dos ("NTS: send her the article").
_SELF = (
    r"(?:nts|notes? to (?:self|me|myself)|(?:memo|reminder)s? (?:to|for) (?:self|me|myself)|self[- ]notes?|"
    # the same in the languages whose action verbs the drafter reads (notes are often written half in
    # the coach's own language): French, Spanish, Portuguese, Italian, German, Dutch
    r"notes? (?:pour|à) moi(?:[- ]m[êe]me)?|notas? para m[íi](?: mism[oa])?|notas? para mim|"
    r"notas? per me|notiz(?:en)? für mich|notitie voor mezelf)"
)
# "Private" in those languages: privé(e), privado/a, privato/a, privat; "nur für mich", "solo para mí"
_PRIVATE_FOREIGN = r"priv[ée]e?|privad[oa]|privat[oa]?|nur für mich|s[óo]lo para m[íi]|confidentiel(?:le)?"
_MARK = (
    rf"(?:{_SELF}|private(?: notes?| thoughts?| reflections?)?|{_PRIVATE_FOREIGN}|"
    r"(?:for )?(?:the )?coach(?:['’]s)? (?:eyes )?only|not for (?:the )?client(?:['’]s eyes)?|"
    r"(?:for|to take to|notes? for|points? for|questions? for) (?:my )?(?:supervision|supervisor)|"
    r"supervision(?: notes?| points?| questions?)?|reflections? for (?:my )?(?:supervision|supervisor)|"
    r"my (?:own )?(?:observations?|reads?|hypothes[ie]s|sense|impressions?|hunch|gut(?: feel(?:ing)?)?|"
    r"private (?:notes?|thoughts?)|concerns?|reflections?|take)|"
    r"(?:coach(?:['’]s)? |coaching )?observations?|coach(?:['’]s)? (?:hypothes[ie]s|impressions?)|"
    r"coach(?:['’]s)? (?:reflections?|private notes?))"
)
_DECOR = r"[\s#*_>•·-]*"  # markdown heading or bold, a bullet
# "Observations:", "## Private (coach only)", "**Note to self**": a heading over the writer's own section
_HEADING = re.compile(rf"^{_DECOR}(?P<mark>{_MARK})(?:\s*\([^)]{{1,40}}\))?[\s*_]*:?[\s*_]*$", re.I)
# "My read: she is …", "NTS - book …", "Private: …", "My sense is that …" opening a line or a sentence
_OPENS = re.compile(
    rf"(?:^{_DECOR}|(?<=[.!?])\s+)(?P<mark>{_MARK})(?:\s*\([^)]{{1,40}}\))?"
    r"(?:\s*[:\-–—]\s*|\s+(?:is|was|is that|was that|that)\b\s*)",
    re.I,
)
# "(not for client)", "[private]", "(NTS)", "(coach only: I think she is right)": a tag in brackets
_TAG = re.compile(rf"[(\[]\s*(?P<mark>{_MARK})\s*(?::\s*(?P<said>[^)\]]*))?[)\]]", re.I)
# Any other heading: a markdown heading, a bold line, a short line ending in ':', or a template's field
_OTHER_HEADING = re.compile(r"^\s*(?:#{1,6}\s+\S.*|\*\*[^*]+\*\*:?|[A-Za-z][\w '’/&()-]{0,40}:)\s*$")
_FIELD = re.compile(
    r"^\s*(?:summary|notes|session notes|discussion|context|background|goals?|agenda|topics?|"
    r"actions?|action items|next steps?|next (?:time|session)|outcomes?|key outcomes|homework|"
    r"commitments?|follow[- ]ups?|decisions?|insights?|wins?)\s*:",
    re.I,
)


@dataclass(frozen=True)
class Private:
    """What the notes' writer kept for herself, and the notes without it."""

    public: str  # the notes as the client-facing fields are drafted from
    lines: tuple[str, ...]  # the private text, one entry per line or part of a line
    self_notes: tuple[str, ...]  # of those, the writer's notes to self (her own to-dos)


def split_private(raw: str) -> Private:
    public: list[str] = []
    private: list[str] = []
    self_notes: list[str] = []
    in_section = False
    section_self = False
    for line in plain_text(raw, markdown=False).split("\n"):  # "## Next time" ends a private section
        heading = _HEADING.match(line)
        if heading:
            in_section, section_self = True, bool(re.fullmatch(_SELF, heading["mark"], re.I))
            continue
        if in_section and line.strip() and (_OTHER_HEADING.match(line) or _FIELD.match(line)):
            in_section = False
        if in_section:
            if line.strip():
                private.append(line.strip())
                if section_self:
                    self_notes.append(line.strip())
            continue
        opens = _OPENS.search(line)
        if opens:
            kept, mine = line[: opens.start()].rstrip(), line[opens.start() :].strip()
            private.append(mine)
            if re.fullmatch(_SELF, opens["mark"], re.I):
                self_notes.append(mine)
            line = kept
        line = _untag(line, private)
        if line.strip() or not opens:
            public.append(line)
    return Private("\n".join(public), tuple(private), tuple(self_notes))


def _untag(line: str, private: list[str]) -> str:
    """A bracketed tag: '(not for client: I think she is right)' takes only what it holds; a bare
    '[private]' takes its sentence."""
    while tag := _TAG.search(line):
        if tag["said"] and tag["said"].strip():
            private.append(tag["said"].strip())
            line = (line[: tag.start()].rstrip() + line[tag.end() :]).strip() if line.strip() else line
            continue
        starts = [m.end() for m in re.finditer(r"[.!?]\s+", line[: tag.start()])]
        start = starts[-1] if starts else 0
        end_m = re.search(r"[.!?](?:\s+|$)", line[tag.end() :])
        end = tag.end() + end_m.end() if end_m else len(line)
        private.append(line[start:end].strip())
        line = (line[:start] + line[end:]).rstrip()
    return line


_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def is_private(text: str, private: Private, share: float = 0.8) -> bool:
    """Whether a sentence of the draft is (nearly all) the words of one of the private lines."""
    words = _words(text)
    if len(words) < 3 or not private.lines:  # "“Dana to …”": too few words to say whose line it is
        return False
    for line in private.lines:
        own = set(_words(line))
        if sum(w in own for w in words) >= share * len(words):
            return True
    return False


def is_self_note(text: str, private: Private) -> bool:
    """Whether a sentence is one of the writer's notes to self, whose imperatives are her own to-dos."""
    return is_private(text, Private("", private.self_notes, ()))


def opens_with_a_verb(text: str) -> bool:
    """'Send her the article', 'NTS - book the 3-way': an imperative, once any marker is taken off."""
    bare = _OPENS.sub("", text, count=1).strip(" -–—:*•")
    first = (bare.split() or [""])[0].lower()
    return first in ACTION_VERBS


# A judgement the writer adds after her to-do ("raise the 360 carefully, she bristles at criticism")
_AFTER_TODO = re.compile(r"\s*(?:[,;(]|\s[-–—]\s|\s(?:because|since|given|as (?:she|he|they))\b).*$", re.I)


def to_do_words(description: str) -> str:
    """The writer's to-do from a private line, without her marker or her judgement beside it."""
    text = _OPENS.sub("", description, count=1).strip(" -–—:*•")
    text = _AFTER_TODO.sub("", text).strip(" .")
    return text[:1].upper() + text[1:] if text else description


def writers_items(items: list[ActionItemDraft], private: Private, author: str) -> list[ActionItemDraft]:
    """Items as they may stand when some came from private lines. The writer's own to-dos are kept (a
    note to self is a reminder she wants tracked; her items are not in the client's email unless the
    coach makes them visible), worded without her judgement; a note to self in the imperative ('NTS -
    book the 3-way') is hers whoever it names. Anything else a private line says someone will do is her
    thought, not an agreement: no item."""
    out = []
    for item in items:
        source = item.receipt.split("\u201d", 1)[0].lstrip("\u201c")
        if not is_private(source, private):
            out.append(item)
            continue
        owner = item.owner
        if owner != author and is_self_note(source, private) and opens_with_a_verb(source):
            owner = author
        if owner == author:
            out.append(item.model_copy(update={"owner": owner, "description": to_do_words(item.description)}))
    return out


def keep_private_out(draft: NotesDraft, raw: str, author: str, client: str = "") -> NotesDraft:
    """An AI draft held to the same rule after the fact (the prompt asks for it; this catches a model that
    copies a private line anyway): a summary sentence, outcome or topic that carries a private line's own
    words goes, and the items are those `writers_items` keeps."""
    private = split_private(raw)
    if not private.lines:
        return draft
    public = set(content_words(private.public))
    lines = [set(content_words(line)) - public for line in private.lines]  # the words only she wrote

    def leaks(text: str) -> bool:
        words = content_words(text)
        return any(
            len(mine) >= 2 and len(mine) * 3 >= len(words)
            for mine in ([w for w in words if w in own] for own in lines)
        )

    summary = " ".join(s for s in split_sentences(draft.summary) if not leaks(s)).strip()
    first = client.split()[0] if client.strip() else "the client"
    return draft.model_copy(
        update={
            "summary": summary or f"Session with {first}.",
            "key_outcomes": [x for x in draft.key_outcomes if not leaks(x)],
            "next_topics": [x for x in draft.next_topics if not leaks(x)],
            "action_items": writers_items(draft.action_items, private, author),
        }
    )
