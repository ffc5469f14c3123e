"""The deterministic drafter: the whole notes draft from rules, with no key and no model call."""

from __future__ import annotations

import re
from datetime import date

from automation.sessions.actions import extract_actions
from automation.sessions.dates import find_due_phrases
from automation.sessions.draft import NotesDraft, NotesInput
from automation.sessions.heading import heading_rest
from automation.sessions.models_match import match_models
from automation.sessions.people import People, addressed_associate, find_associates, find_co_clients
from automation.sessions.private import split_private, writers_items
from automation.sessions.segments import Sentence, segment, split_sentences

RULES_DRAFTER = "rules (not AI)"

_OUTCOME = re.compile(
    r"\b(?:agreed|decided|realis(?:e|ed|es|ing|ation)|realiz(?:e|ed|es|ing|ation)|insight|breakthrough"
    r"|landed|clicked|committed|chose|concluded|key outcome|outcome|shift|confirmed|recognis|recogniz"
    r"|admitted|named)\w*|\bdecision\s*:"
    r"|\b(?:made|took|reached|came to) (?:a|the|her|his|their|our|my) (?:\w+ )?decision\b",
    re.I,
)
# Words that look like an outcome's but are not one: "decisions" as a topic ("keeps escalating decisions"),
# "the night shift", a line that introduces a list ("A quick recap of what we agreed:"), an agenda heading,
# and an outcome said to be none ("Actions agreed: none this time", "No decisions today").
_NOT_OUTCOME = re.compile(
    r":\s*$|\bagenda\b|:\s*none\b|^no (?:decisions?|outcomes?|actions?)\b"
    r"|\b(?:night|day|late|early|morning|evening|weekend|swing|split|double|extra) shifts?\b",
    re.I,
)
_NEXT = re.compile(
    r"\b(?:next (?:time|session)|come back to|revisit|pick (?:up|this up)|carry (?:over|forward)|"
    r"carried (?:over|forward)|follow[- ]up on|parking lot|for next time|go through it at)\b",
    re.I,
)
_NEXT_PREFIX = re.compile(
    r"^(?:(?:for )?next (?:time|session|meeting)|nxt|follow[- ]up|to revisit|revisit)\s*[:\-–—]\s*", re.I
)


def draft_by_rules(inp: NotesInput) -> NotesDraft:
    """Summary, key outcomes, action items, models and next topics from the raw text alone."""
    associates = find_associates(inp.raw_notes, list(inp.associate_names), [inp.client_name, inp.coach_name])
    co_clients, joint = find_co_clients(inp.raw_notes, inp.client_name, [inp.coach_name, *associates])
    people = People(
        inp.client_name, inp.coach_name, associates, author=inp.author, co_clients=co_clients, joint=joint
    )
    if _written_by_client(inp.raw_notes, people):
        people.author = "client"
    elif people.author == "coach" and _written_by_associate(inp.raw_notes, people):
        people.author = "associate"
    elif people.author == "coach" and (byline := _associate_byline(inp.raw_notes, people)):
        # "Supervision notes for Sarah – from Priya (associate)": the heading says who wrote them, and
        # when they are for the lead coach, "could you …" and "For you, Sarah:" are hers
        people.author = "associate"
        if byline == "to coach":
            people.addressee = "coach"
            people.addressee_name = people.coach.split()[0]
    elif people.author == "coach" and (signer := _associate_writes_to_coach(inp.raw_notes, people)):
        # an associate's update to the lead coach ("Hi Sarah, … Thanks, Leo"): "I" is the associate's,
        # "could you …" and "you'd" the lead coach's
        if people.owner_of_label(signer) != "associate":
            people.associates.append(signer)
        people.author = "associate"
        people.addressee = "coach"
        people.addressee_name = people.coach.split()[0]
    elif people.author == "coach" and (to := addressed_associate(inp.raw_notes, people)):
        # the lead coach writing to the associate: "could you check …" and "you'll" are the associate's
        if people.owner_of_label(to) != "associate":
            people.associates.append(to)
        people.addressee = "associate"
        people.addressee_name = to
    sentences = segment(inp.raw_notes, people, inp.session_date)
    next_session = inp.next_session or next_session_in_notes(inp.raw_notes, inp.session_date)
    items = extract_actions(
        sentences, people, inp.session_date, next_session, inp.time_zone, raw=inp.raw_notes
    )
    item_sources = {item.receipt.split("\u201d", 1)[0].lstrip("\u201c") for item in items}
    private = split_private(inp.raw_notes)
    if private.lines and people.author != "client":  # the client's own recap: 'my read' is hers
        # the writer's private lines stay in Raw Notes: the client-facing fields are drafted without them,
        # and of their items only her own to-dos are kept (items read the whole notes: their context)
        items = writers_items(items, private, people.author)
        sentences = segment(private.public, people, inp.session_date)
    return NotesDraft(
        summary=_summary(sentences, item_sources, inp.client_name),
        key_outcomes=_outcomes(sentences, item_sources),
        action_items=items,
        leadership_models=match_models(inp.raw_notes, inp.models, people.initials()),
        next_topics=_next_topics(sentences, item_sources),
        drafter=RULES_DRAFTER,
    )


# "Next session: Thu 8 June, 7:30am", "Next session 26 Jan.", "Next call - 3/2": a line of its own saying when
# the next session is
_NEXT_SESSION_LINE = re.compile(
    # (or between dashes in a title: "Loom – Sipho check-in – 13 Jun 2029 – next session 27 Jun – transcript")
    r"(?:^\s*(?:[-*•]\s*)?|\s[–—|]\s+)"
    r"(?:our\s+)?next\s+(?:coaching\s+)?(?:session|call|meeting|sess)\b\s*(?:[:–—-]|is|on)?\s*(?P<when>.+)$",
    re.I | re.M,
)


def next_session_in_notes(raw: str, session_date: date) -> date | None:
    """The next session's date as the notes state it on a line of its own, for a session whose record has
    none yet: "by our next session" then means that day. The last such line wins (a rescheduling)."""
    found = None
    for m in _NEXT_SESSION_LINE.finditer(raw):
        when = m["when"]
        phrase = next((p for p in find_due_phrases(when, session_date, None) if p.due), None)
        if phrase and phrase.start <= 4 and phrase.due > session_date:
            found = phrase.due
    return found


_FROM = re.compile(r"^\s*from\s*:\s*(?P<name>[^<\n]+?)\s*(?:<[^>\n]*>)?\s*$", re.I | re.M)
# "Hi Sarah,", "Dear Sarah", or a name alone on the first line, "Sarah,", as a letter opens
_GREETING = re.compile(
    r"^\s*(?:(?:hi|hello|hey|dear)\s+(?P<name>[A-Z][\w'’-]+)\b|(?P<bare>[A-Z][\w'’-]+)\s*,\s*$)", re.I
)


def _greeted(line: str) -> str:
    m = _GREETING.match(line)
    return (m["name"] or m["bare"]) if m else ""


def _written_by_client(raw: str, people: People) -> bool:
    """The client's own recap pasted in: an email 'From:' the client, or one that greets the coach by name
    and is signed with the client's name. Then 'I' and 'my actions' are the client's, 'you' the coach."""
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
    if not lines:
        return False
    sender = _FROM.match("\n".join(lines[:3]))
    if sender:
        return people.owner_of_label(sender["name"].strip(" \"'")) == "client"
    if _shared_doc_in_clients_hand(lines[:3], people):
        return True
    greeting = _greeted(lines[0])
    signed = re.sub(r"^(?:thanks|best|cheers|regards|many thanks)[,!]?\s*", "", lines[-1], flags=re.I)
    return bool(
        greeting
        and people.owner_of_label(greeting) == "coach"
        and len(signed.split()) <= 3
        and people.owner_of_label(signed.strip(" ,.!-–—")) == "client"
    )


_OWN_NOTES = re.compile(r"\b(?P<name>[A-Z][\w'’-]+)['’]s (?:own )?notes\b")
_COACH_PART = re.compile(r"['’]s (?:lines|comments|bits|additions)\b|\b(?:marked|tagged)\b", re.I)


def _shared_doc_in_clients_hand(head: list[str], people: People) -> bool:
    """A shared document the client writes in ('Session 6 (Leila's notes; Sarah's lines marked SC)'): the
    heading says the notes are the client's own and sets the coach's lines apart, so 'I' is the client. A
    title such as "Leila's notes – session 6" alone is the coach's notes about her, and stays so."""
    text = " ".join(head)
    own = [m["name"] for m in _OWN_NOTES.finditer(text)]
    if not any(people.owner_of_label(name) == "client" for name in own):
        return False
    coach = people.coach.split()
    marks = {coach[0], "".join(w[0] for w in coach).upper()} if coach else set()
    coach_named = any(w in marks for w in re.findall(r"[A-Za-z]+", text))
    return coach_named and bool(_COACH_PART.search(text))


def _associate_writes_to_coach(raw: str, people: People) -> str:
    """The name an email to the lead coach is signed with ('Hi Sarah, … Thanks, Leo'), when it is someone
    else's than the client's or the coach's: an associate writing about the client; else ''."""
    lines = [line.strip() for line in raw.strip().splitlines() if line.strip()]
    greeting = _greeted(lines[0]) if lines else ""
    # "Sarah – write-up from my session with Kwame, as you asked": the lead coach's name before a dash
    # opening the notes greets her as "Hi Sarah," does
    dashed = re.match(r"(?P<name>[A-Z][\w'’-]+)\s+[–—-]\s+\S", lines[0]) if lines else None
    if dashed and people.owner_of_label(dashed["name"]) == "coach":
        greeting = dashed["name"]
    if not greeting or people.owner_of_label(greeting) != "coach" or _FROM.search(raw):
        return ""
    signed = re.sub(r"^(?:thanks|best|cheers|regards|many thanks)[,!]?\s*", "", lines[-1], flags=re.I)
    signed = signed.strip(" ,.!-–—")
    # signed by someone other than the client or the coach (an associate the notes name, or one they don't)
    if not re.fullmatch(r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?", signed) or people.owner_of_label(signed) in (
        "client",
        "coach",
    ):
        return ""
    return signed


def _associate_byline(raw: str, people: People) -> str:
    """'Notes from Priya (associate)', 'Written by Priya' in the notes' first lines, naming an associate:
    'to coach' when the same lines say they are for the lead coach ('Supervision notes for Sarah'),
    'yes' when not, '' without such a line. Only 'from' / 'written by' / 'notes by' count: 'observed
    by Priya' in the lead coach's own heading says who else was there, not who wrote them."""
    if not people.associates or not people.coach:
        return ""
    head = [line.strip() for line in raw.strip().splitlines() if line.strip()][:2]
    names = "|".join(re.escape(a.split()[0]) for a in people.associates)
    byline = re.compile(
        rf"(?:^|[-–—:|,]\s*|\bnotes\s+)(?:from|(?:written\s+)?by)\s+(?:{names})\b"
        # "Prep for supervision with Sarah (Fri 9 June) – Jonas, associate" or "Session notes – Chidi – 6 Sept
        # – Tom Reid (associate)": signed at the heading's end
        rf"|[-–—|]\s*(?:{names})\b(?:\s+[A-Z][\w'’-]+)?\s*(?:,\s*associate|\(associate\))\s*$",
        re.I,
    )
    lines = [line for line in head if byline.search(line)]
    if not lines:
        return ""
    lead = re.escape(people.coach.split()[0])
    return "to coach" if re.search(rf"\b(?:for|to|supervision with)\s+{lead}\b", " ".join(head)) else "yes"


_I_SUBJECT = re.compile(r"(?<![\w'’])I(?:['’](?:ll|ve|m|d)\b|\s+(?:will|shall|am|have|had|[a-z]+ed)\b)")
_THIRD_PERSON_VERB = (
    r"(?:\s+\((?:lead|lead coach|coach)\))?\s+(?:to|will|is|was|has|had|would|can|could|[a-z]+ed|[a-z]+s)\b"
)


def _written_by_associate(raw: str, people: People) -> bool:
    """The session's associate writing her own notes: an associate is known (passed in or named beside the
    word 'associate'), the notes say 'I' as a subject, and they speak of the lead coach in the third person
    ('Sarah led, I observed', 'Sarah (lead) will send', 'the coach suggested', 'debrief with Sarah'). A
    coach writes 'I' for herself and never names herself so, so both together are a clear sign."""
    if not people.associates or not people.coach or addressed_associate(raw, people):
        return False
    if not _I_SUBJECT.search(raw):
        return False
    names = {people.coach.split()[0], people.coach}
    coach = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    subject = re.compile(rf"(?:\b(?:{coach})|\b[Tt]he (?:lead )?coach){_THIRD_PERSON_VERB}")
    about = re.compile(rf"\b(?:with|update|tell|brief|ask|told|asked|and|for) (?:{coach})\b")
    hits = len(subject.findall(raw)) + len(about.findall(raw))
    return hits >= 2


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" -–—•*")
    return text[:1].upper() + text[1:] if text else text


# A transcript's replies that carry nothing on their own ("Sure, I can do that.", "That would be great.")
_REPLY = re.compile(
    r"^(?:sure|yes|yeah|yep|ok|okay|great|fine|absolutely|definitely|of course|please|thanks|"
    r"that would be|that'?s (?:fair|true|right)|good (?:idea|point))\b",
    re.I,
)


# A recap written as an email opens and closes like one: not the session's substance.
_SIGNOFF = re.compile(
    r"^(?:hi|hello|dear|thanks|thank you|see you|speak soon|talk soon|best|kind regards|warm regards|"
    r"cheers|all the best|looking forward)\b",
    re.I,
)


def _summary(sentences: list[Sentence], item_sources: set[str], client: str) -> str:
    first = client.split()[0] if client.strip() else "The client"
    spoken = any(s.speaker is not None for s in sentences)
    # the notes' first line may be their heading ("Kwame Asante — session 3 — 5 May 2027"): the session
    # record says who and when, and the client's summary starts with what happened
    opening = min((s.index for s in sentences), default=None)
    if spoken:
        # A transcript is in the first person: the client's own lines, attributed, stand for the summary;
        # the coach's questions and remarks do not.
        sentences = [s for s in sentences if s.speaker == "client"]
    body = [
        _clean(text).rstrip(".,;:") + "."
        for s in sentences
        if (text := heading_rest(s.text, client) if s.index == opening else s.text)
        and s.text not in item_sources
        and s.section != "next"
        and s.label != "next"
        and not s.text.endswith(("?", ":"))  # a question, or a line introducing what follows
        and len(text.split()) >= 4
        and not _NEXT_PREFIX.match(s.text)
        and not (spoken and _REPLY.match(s.text))
        and not _SIGNOFF.match(s.text)
    ][:3]
    if not body:
        return (
            f"Session with {first}." if not item_sources else f"Session with {first}: actions agreed below."
        )
    text = f"{first} said: \u201c{' '.join(body)}\u201d" if spoken else " ".join(body)
    return text if len(text) <= 600 else text[:597].rsplit(" ", 1)[0] + "…"


def _outcomes(sentences: list[Sentence], item_sources: set[str]) -> list[str]:
    out = []
    for s in sentences:
        # a topic set aside for next time ("Next time: how the plan landed", its label already taken off)
        # is For Next Time's, not an outcome of this session: it was listed under both
        if s.text.endswith("?") or _NEXT_PREFIX.match(s.text) or "next" in (s.label, s.section):
            continue
        if (
            s.section == "outcomes"
            or s.label == "outcomes"
            or (_OUTCOME.search(s.text) and s.text not in item_sources and not _NOT_OUTCOME.search(s.text))
        ):
            out.append(
                _clean(
                    re.sub(r"^(?:key outcome|outcome|insight|decision|wins?)\s*:\s*", "", s.text, flags=re.I)
                )
            )
    return out[:6]


def _next_topics(sentences: list[Sentence], item_sources: set[str]) -> list[str]:
    """Topics set aside for next time; an action that merely mentions next session ("bring the themes to
    next session") is an action item, not a topic."""
    topics: list[str] = []
    for s in sentences:
        text = s.text
        m = _NEXT_PREFIX.match(text)
        if s.section == "next" or s.label == "next" or m:
            body = text[m.end() :] if m else text
            topics.extend(_clean(t) for t in re.split(r"[;,]\s*|\s+\+\s+", body) if t.strip())
        elif (
            text not in item_sources
            and _NEXT.search(text)
            and not re.search(r"\b(?:before|by)\s+(?:our\s+|the\s+)?next\b", text, re.I)
        ):
            topics.append(_clean(text))
    seen: list[str] = []
    for t in topics:
        t = t.rstrip(".")
        if t and t.lower() not in (x.lower() for x in seen):
            seen.append(t)
    return seen[:8]


__all__ = ["RULES_DRAFTER", "draft_by_rules", "split_sentences"]
