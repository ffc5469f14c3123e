"""Raw notes cut into sentences that know their line, speaker, owner tag and section.

Handles the shapes coaches write in: bullets and numbered lists, "Homework:" style headers, owner tags
("RP: cut KRs", "[Zoe] draft …", "me: send …"), transcripts ("Sarah: …", "[00:41:12] Coach: …") and
dictation without punctuation.
"""

from __future__ import annotations

import csv
import html
import itertools
import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from automation.sessions.dates import WEEKDAYS, find_due_phrases
from automation.sessions.people import People
from automation.sessions.words import ACTION_VERBS, OTHER_VERBS, in_english, is_other_verb_form

# "1a." under "1.": a numbered topic's lettered sub-items are list lines too; "1. [ ] …": a numbered box;
# "ii." / "IV)": roman numerals number a list too
_BULLET = re.compile(
    # a quoted list's "> 1. …" or "> - …": the quote mark, then the list's own marker
    r"^\s*(?:>\s*(?=\d{1,2}[a-z]?[.)]\s|[-*•·]\s))?"
    r"(?:(?:[-*•·]\s*|\d{1,2}[a-z]?[.)]\s*)?\[[\sxX✓✔]?\]|[-*•·>–]+>?|->|=>|\d{1,2}[a-z]?[.)]|(?:x?(?:i{2,3}|iv|vi{0,3}|ix)|xi{1,2}|X?(?:I{2,3}|IV|VI{0,3}|IX)|XI{1,2})[.)]|[a-z][.)]|\[\s?\]|\[x\]|[^\w\s\[\](){}\"'“‘$£€@#]{1,4}"
    # a tracker's id opening the line ("ACT-12: write …", "KR1.1 Publish …"), not a week number ("KW 14")
    r"|(?-i:(?!(?:KW|CW|WK)\b)[A-Z]{2,5}-?\d{1,4}(?:\.\d{1,2})?):?)\s+"
)
# A ticked box ("[x]", "☑", "✅", "✔") or a line that ends on its status ("… - sent", "… – done, went ok")
# ("1. [x] …" numbered too); ❌: dropped, not to do
# (a bullet journal's "×" is a task done)
_TICKED = re.compile(r"^\s*(?:[-*•·]\s*|\d{1,2}[a-z]?[.)]\s*)?(?:\[[xX✓✔]\]|[☑☒✅✓✔❌✖✗✘🚫×]\ufe0f?)")
# A list line's status label that says the line is still to do ("new:", "open:", "carried over:")
_OPEN_STATUS = re.compile(
    r"^(?:new|added|open|pending|ongoing|in progress|still to do|carried over|carry over)$"
)
_DONE_STATUS = re.compile(
    r"\s[-–—]\s*(?:(?:all |already )?(?:done|sent|completed?|finished|booked|ticked off|happened))\b"
    # ("- done ✔", "– done, went well"; a tick after the word)
    r"(?:\s*[✓✔✅☑]\ufe0f?)?(?:[,;.]\s*[^-–—]{0,40})?\s*$",
    re.I,
)
# A list line that says it was called off ("… - decided not to, she's at capacity. Dropped.")
_DROPPED_STATUS = re.compile(
    # ("… ← no, she decided against this in the session (SC)": the writer's arrow on a pasted summary's line)
    r"\s(?:[-–—]|←|<-{1,2})\s*(?:no\b[,:;–—-]?\s*)?(?:(?:we |she |he |they )?decided (?:not to|against)"
    r"|dropped|scrapped|cancell?ed|not doing (?:it|this)|not agreed)\b"
    r"|[.;]\s*(?:dropped|scrapped|cancell?ed|parked)\.?\s*$"
    # "… – no, it expires anyway, ignore that": the writer takes the line back as she writes it
    r"|\s[-–—]\s*no\b[^.;]{0,60}\b(?:ignore|scrap|forget|strike)\s+(?:that|this|it)\b",
    re.I,
)
# A line opening with the first person of the languages whose verbs are read, its object pronouns, then a verb
_OTHER_I = re.compile(
    r"^(?P<i>yo|je|j['’]|eu|io|ich|ik|jeg|jag)\s*(?<=\s|['’])"
    r"(?:(?:te|le|les|lo|la|lui|leur|lhe|lhes|gli|ihm|ihr|ihnen|dir|hem|haar|vous|se|l['’])\s*)*"
    r"(?P<verb>[^\W\d_]+)\b",
    re.I,
)
# "Io: le mando …", "Yo: te envío …": the writer's label in her other language over a verb that is hers
_OTHER_I_LABELS = {"yo", "je", "moi", "eu", "io", "ich", "ik", "jeg", "jag", "ja", "já"}
_CLITIC_VERB = re.compile(
    r"^(?:(?:te|le|les|lo|la|lui|leur|lhe|lhes|gli|ihm|ihr|ihnen|dir|hem|haar|vous|se|l['’])\s*)*"
    r"(?P<verb>[^\W\d_]+)\b",
    re.I,
)


def _own_verb_in_english(label: str, line: str) -> str:
    """'Io:' over 'le mando il template domani': the writer's own verb in English ('Send il template …'),
    as 'Yo le mando …' without the colon is read. An infinitive or imperative after the label ('Ik: bel de
    HR-manager', 'Ja: wysłać …') is a list line's verb and stays as she wrote it."""
    m = _CLITIC_VERB.match(line) if label.strip().lower() in _OTHER_I_LABELS else None
    if not m or m["verb"].lower() in OTHER_VERBS or not is_other_verb_form(m["verb"]):
        return line
    if not in_english(m["verb"]):
        return line
    return f"{in_english(m['verb'])} {line[m.end('verb') :].strip()}"


_TIMESTAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*")
_TRAILING_TIMESTAMP = re.compile(r"\s*[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]\s*$")
# A priority marker opening a line ("!! call …", "HIGH: finish …", "P1 get …", "(urgent) reply …"): how
# much it matters, not part of what is to be done (nor a speaker's label)
_PRIORITY = re.compile(
    r"^(?:!{1,3}\s+"
    r"|[(\[](?i:p[0-4]|urgent|asap|high|medium|med|low|(?:high|top|low) priority)[)\]]\s*[:\-–]?\s*"
    r"|(?:P[0-4]|HIGH|MED|MEDIUM|LOW|URGENT|ASAP)\b\s*[:\-–/]?\s*(?=[a-z(])"
    r"|(?i:(?:high|top|low) priority|urgent)\s*[:\-–]\s*)"
)


def _priority_of(marker: str) -> str:
    m = marker.lower()
    if re.search(r"p[34]|low", m):
        return "Low"
    if re.search(r"p2|med", m):
        return "Medium"
    return "High"


# "Carry over from last time:", "Carried over from the last session:": an open item brought forward
_CARRIED_OVER = re.compile(
    r"^(?:carry|carried|carrying)[ -]?over(?:\s+(?:from|since)\s+(?:our\s+|the\s+)?(?:last|previous)"
    r"(?:\s+(?:time|session|sess|call|week|meeting))?)?\s*[:\-–—]\s*",
    re.I,
)
# … and after the item, as its status ("… → carried over, now by 30 Nov", "… - carried over again")
_CARRIED_TRAIL = re.compile(
    r"\s*(?:->|→|=>|[-–—])\s*(?:carried|carry|carrying)[ -]?over(?:\s+again)?\b(?:\s*[,;]\s*(?:now\b)?)?",
    re.I,
)
_PRONOUN_TAGS = {"her", "him", "she", "he", "them", "they", "hers", "his"}
_BOTH_TAGS = {"both", "both of us", "us", "we", "joint", "us both", "we both"}
# "both" in the languages whose tables and tags the drafter reads ("| beide |", "| ambos |")
_BOTH_TAGS |= {"beide", "ambos", "ambas", "les deux", "tous les deux", "entrambi", "allebei", "begge", "båda"}


def _pronoun_tag(label: str, people: People) -> str | None:
    """'[her]', '[him]' name the client and '[both]' the client and the writer, in a one-to-one only:
    in a team session a pronoun could be any of them."""
    low = label.strip().lower()
    if people.joint or people.addressee:
        return None
    if low in _PRONOUN_TAGS:
        return "client"
    return "both" if low in _BOTH_TAGS else None


_LABEL = re.compile(
    # (and the writer's own tag in the scripts whose "I" is read: "私 (me):", "मैं:")
    r"^@?(?P<label>(?:[A-Za-z][\w.'’/-]*|私|わたし|나|저|मैं|أنا)(?: [\w.'’-]+){0,3})"
    r"(?:\s*\((?P<paren>[^)]{1,30})\))?(?<!\d)\s*:(?!\d)\s*(?P<rest>.*)$"  # not "1:1", "10:30"
)
# A line that is only a longer heading ("Agreed experiments for the next four weeks:")
_LONG_HEADING = re.compile(r"^(?P<name>[A-Za-z][\w'’ -]{0,80}?)\s*:\s*$")
# "Commitments, as read back at the close:", "Next steps, in her words:": the heading, then what it qualifies
_QUALIFIED_HEADING = re.compile(r"^(?P<name>[A-Za-z][\w'’ -]{0,40}?)\s*,\s*[^:,.!?]{2,60}:\s*$")
_TAG = re.compile(
    r"^(?:\[(?P<label>[^\]]{1,30})\]|\((?P<plabel>[^)]{1,30})\)|(?P<alabel>[\w.]{1,20}(?:-[\w.]{1,12})?)\s*(?:→|->|=>|\s[-–—]\s))"
    r"\s*(?P<rest>.*)$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9]|->|→|=>|[a-z]\w{0,11}:\s)")

_AGREED_BY = r"(?:we|she|he|they) (?:agreed|committed to|decided on|settled on)(?: (?:on|to))?"
_HOW_MANY = r"(?: (?:an?|the|two|three|four|some|these|a few))?"
ACTION_HEADERS = re.compile(
    # "We agreed the following:", "She committed to three things:": the list under what was agreed
    rf"^{_AGREED_BY}{_HOW_MANY}(?: following| things?)?$|"
    # "We agreed an experiment:", "She agreed to two experiments:"
    rf"^(?:{_AGREED_BY}{_HOW_MANY}(?: following)? (?=\w))?"
    r"(?:agreed )?(?:actions?|action items?|action points?|ais?|to ?dos?|next steps?|agreements?|"
    r"commitments?|homework|tasks?|follow[- ]ups?|takeaways?|experiments?|practi[cs]e|agreed|"
    r"will|(?:the )?way (?:forward|ahead)|wrap[- ]?up)"
    r"(?: (?:from|of) (?:the |today|this |our )[a-z ]{0,25})?"  # "Commitments from the team:"
    # "Agreed experiments for the next four weeks:", "Homework until next time:": the span they run over
    r"(?: (?:for|over|until|till) (?:the )?(?:next|coming|rest of)\b[a-z ]{0,25})?$|"
    # the same headings in the languages whose verbs are read ("Lo que acordamos:", "Prochaines étapes :",
    # "Nächste Schritte:"), with or without their accents (a bare heading keeps only a-z)
    r"^(?:lo que (?:acordamos|hemos acordado)|acuerdos|acciones|pr[oó]?ximos pas(?:os|sos)|tareas|"
    r"compromisos|ce (?:qu['’]?on a|que nous avons) convenu|prochaines? [ée]?tapes?|engagements|"
    r"o que combinamos|compromissos|prossimi passi|azioni|impegni|aufgaben|n[äa]?e?chste schritte|"
    r"(?:cosa |quello che )?abbiamo (?:deciso|concordato)|decisioni|accordi|"
    r"vereinbarungen|afspraken|acties|volgende stappen)$",
    re.I,
)
# What was brainstormed, not chosen: a GROW "Options:" list is not a list of actions.
OPTION_HEADERS = re.compile(
    r"^(?:the )?(?:options?|ideas?|possibilities|brainstorm(?:ed)?|brainstorming)"
    r"(?: (?:we |she |he |they )?(?:considered|explored|generated|floated|discussed|looked at|listed|"
    r"came up with|on the table))?$",
    re.I,
)
NEXT_HEADERS = re.compile(
    r"^(?:for )?(?:next (?:time|session|meeting|call)|nxt|next|parking lot|parked|"
    r"topics? for next (?:time|session)|to revisit|revisit|not (?:this time|now|today)|for later)"
    # "Parking lot (not this time)", "Parked for now": a qualifier says the same thing again
    r"(?: (?:not (?:this time|now|today)|for (?:later|now|next time|another (?:time|day|session))))?$",
    re.I,
)
OUTCOME_HEADERS = re.compile(
    r"^(?:key )?(?:outcomes?|wins?|insights?|decisions?|breakthroughs?|takeaways?|learnings?|results?)$",
    re.I,
)
# "Coaching goals for the programme (agreed with her sponsor):" over a list: what the coaching is for, not
# things to do; the list under it gives no items ("Coaching goals (agreed today) and first actions" does)
GOAL_HEADERS = re.compile(
    r"^(?:[\w'’-]+\s+){0,3}(?:goals?|objectives?|aims?)\b(?![^:]*\bactions?\b)[^:]{0,80}:\s*$", re.I
)

# "Agenda", "Today's agenda:", "Agenda – session 5": the list under it is what the session was to cover,
# topics rather than things to do (what was agreed comes under its own heading, or under each topic)
AGENDA_HEADERS = re.compile(
    r"^(?:(?:today'?s|today’s|session|our|the|proposed)\s+)?agenda\b(?:\s*(?:for\b|[-–—(,])[^.!?:]{0,60})?"
    r"\s*:?\s*$",
    re.I,
)


@dataclass
class Sentence:
    text: str
    line_no: int
    index: int  # position in the whole note
    line: str  # the full cleaned line it belongs to
    speaker: str | None  # owner role of the transcript speaker, or None for the coach's own notes
    tag_owner: str | None  # owner from a tag on the line ("RP:", "[Zoe]", "me:")
    section: str | None  # "actions", "next", "outcomes", or an owner role for a "Coach:" style header
    bullet: bool
    first_in_line: bool
    label: str = ""  # a non-owner label on the line ("Action", "Focus", "Next time")
    author: str = "coach"  # the role of "I" outside a transcript: the notes' author
    sender: str = ""  # who wrote the quoted email the sentence is in, when author is "other" ("Helen")
    priority: str = ""  # "High" / "Medium" / "Low" from a marker opening the line ("P1", "!!", "(low)")


def _is_transcript(lines: list[str], people: People) -> bool:
    speakers: set[str] = set()
    hits = 0
    for raw in lines:
        if _BULLET.match(raw) or raw.lstrip().startswith("@"):
            continue  # bullets and @mentions tag owners; they are not turns of a conversation
        m = _LABEL.match(_TIMESTAMP.sub("", raw).strip())
        if m and m["rest"].strip():
            label = m["label"]
            first = m["rest"].split()[0].lower().split("/")[0]
            if (len(label) <= 3 and label.isupper()) or first in ACTION_VERBS:
                continue  # "HN: kill 5 projects": initials and imperatives are owner tags, not turns
            if label.lower() in _HEADER_FIELDS or label.lower().rstrip(".") in WEEKDAYS:
                continue  # "From: Helen Park", "Subject: …", "Mon: …": a header or a day, not a turn
            if people.owner_of_label(label) or people.looks_like_name(label):
                speakers.add(label.lower())
                hits += 1
    # and someone speaks twice: a template's fields ("Contract:", "Listen:", "Explore:", "Review:") each
    # open one line, where a conversation comes back to its speakers
    return hits >= 3 and len(speakers) >= 2 and hits > len(speakers)


_HEADER_FIELDS = {"from", "to", "cc", "bcc", "sent", "date", "subject", "re", "fw", "fwd", "attendees",
                  "participants", "present", "time", "location", "when", "where", "title"}  # fmt: skip


def _split_inline_speakers(lines: list[str], people: People) -> list[str]:
    """A transcript pasted as one block ("Coach: … Greta: …") becomes one line per turn."""
    out: list[str] = []
    for line in lines:
        labels = [
            m for m in re.finditer(r"(?:^|\s)([A-Z][a-z]+):\s", line) if people.owner_of_label(m.group(1))
        ]
        if len(labels) >= 3 and len({m.group(1) for m in labels}) >= 2:
            cuts = [m.start(1) for m in labels] + [len(line)]
            if cuts[0] > 0:
                out.append(line[: cuts[0]])
            out.extend(line[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False))
        else:
            out.append(line)
    return out


_GENERIC_SPEAKER = re.compile(
    r"^(?P<ts>\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*)?(?P<label>(?:speaker|person|participant|spk|voice)"
    r"\s*[A-Za-z0-9]{1,2})\s*:\s*",
    re.I,
)


def _generic_speakers(lines: list[str]) -> list[str]:
    """A transcript from a recorder names no one ("Speaker 1:", "Speaker 2:"): of two such speakers the
    one who asks the questions is the coach, the other the client (asked as many: the first to speak)."""
    turns = [(i, m) for i, line in enumerate(lines) if (m := _GENERIC_SPEAKER.match(line))]
    labels = list(dict.fromkeys(m["label"].lower() for _, m in turns))
    if len(labels) != 2 or len(turns) < 3:
        return lines
    asked = {x: 0 for x in labels}
    for i, m in turns:
        asked[m["label"].lower()] += lines[i].count("?")
    coach = max(labels, key=lambda x: (asked[x], -labels.index(x)))
    out = list(lines)
    for i, m in turns:
        role = "Coach" if m["label"].lower() == coach else "Client"
        out[i] = f"{m['ts'] or ''}{role}: {lines[i][m.end() :]}"
    return out


# (and their names in the languages whose verbs and dates the drafter reads: "Verantwortlich", "Frist")
_WHO = re.compile(
    r"^(?:who|owner|by whom|person|responsible|wer|verantwortlich|zuständig|responsable|qui|quién|quien|"
    r"quem|chi|wie|eigenaar|ansvarlig|ansvarig|kto)$",
    re.I,
)
_WHEN = re.compile(
    r"^(?:when|due|due date|by when|deadline|date|bis wann|wann|frist|termin|fecha|plazo|cuándo|cuando|"
    r"échéance|echeance|quand|prazo|quando|scadenza|entro quando|wanneer|uiterlijk|når|när|kiedy)$",
    re.I,
)
# A column that holds the action itself ("Topic | Insight | Next step"): the row's item is that cell alone
_WHAT = re.compile(
    r"^(?:next steps?|(?:agreed )?actions?|action items?|to ?dos?|homework|commitments?|tasks?|what)$", re.I
)
# (and "open" in a due cell: "offen", "abierto", "ouvert", "aperto", "em aberto", "open")
_NO_CELL = re.compile(r"^(?:[-–—]+|n/?a|none|tbc|tbd|\.+|open|offen|abierto|ouvert|aperto|em aberto)?$", re.I)
_HEDGED_WHO = re.compile(r"^(?P<who>[^()]+?)\s*\((?:maybe|possibly|perhaps|tbc|tentative|\?+)\)$", re.I)


_KEY_LINE = re.compile(r"^\s*(?:key|legend)\s*:\s*(?P<pairs>.+=.+)$", re.I)
_KEY_PAIR = re.compile(r"(?P<mark>[^\s=,;]+)\s*=\s*(?P<who>[^,;=]+?)\s*(?=[,;]|$)")


def _keyed_marks(lines: list[str]) -> list[str]:
    """A key to the marks that open the lines ('Key: 👤 = Thandi, 🧑‍🏫 = me', 'Legend: * = her, > = me'):
    each line opening with a mark is tagged with whom it stands for ('Thandi: write the story'), and the key
    itself is no sentence of the notes."""
    out = list(lines)
    marks: dict[str, str] = {}
    for n, line in enumerate(lines):
        key = _KEY_LINE.match(line)
        if key and not marks:
            marks = {m["mark"]: m["who"] for m in _KEY_PAIR.finditer(key["pairs"])}
            if len(marks) >= 2:
                out[n] = ""
                continue
            marks = {}
        if not marks:
            continue
        text = line.lstrip(" -*•")
        for mark in sorted(marks, key=len, reverse=True):
            if text.startswith(mark) and not text[len(mark) :].lstrip().startswith(("+", "&")):
                out[n] = f"{marks[mark]}: {text[len(mark) :].strip()}"
                break
    return out


_SUBJECT_LIST = re.compile(
    r"^\s*subject\s*:\s*(?:(?:re|fwd?|aw|tr)\s*:\s*)*(?P<head>[^:;–—]{2,40}?)\s+[–—-]\s+"
    r"(?P<rest>[A-Za-z][\w'’ -]{0,20}:\s*\S.*)$",
    re.I,
)


def _subject_lists(lines: list[str]) -> list[str]:
    """An email's subject line holding the actions ('Subject: Actions from today – Kenji: send X by Fri; me:
    share Y'): each of its ';' parts after the dash on a line of its own."""
    out: list[str] = []
    for line in lines:
        m = _SUBJECT_LIST.match(line)
        parts = [p.strip() for p in m["rest"].split(";") if p.strip()] if m else []
        if m and all(re.match(r"[A-Za-z][\w'’ -]{0,20}:\s*\S", p) for p in parts):
            out += [*(f"- {p}" for p in parts), ""]
        else:
            out.append(line)
    return out


def _csv_rows(lines: list[str]) -> list[str]:
    """A CSV export pasted as it came ('action,owner,due,status' then one quoted line per item): its header
    and the rows under it with as many cells become pipe rows, read as any pasted table is."""
    out = list(lines)
    width = 0
    for n, line in enumerate(lines):
        text = line.strip()
        cells = next(csv.reader([text]), []) if text.count(",") >= 1 and "|" not in text else []
        if width and len(cells) == width:
            out[n] = " | ".join(c.strip() for c in cells)
            continue
        width = 0
        if (
            len(cells) >= 2
            and all(len(c.split()) <= 3 for c in cells)
            and any(_WHAT.match(c.strip()) for c in cells)
            and any(_WHO.match(c.strip()) or _WHEN.match(c.strip()) for c in cells)
        ):
            width = len(cells)
            out[n] = " | ".join(c.strip() for c in cells)
    return out


_RACI_HEAD = {"R", "A", "C", "I"}


def _table_rows(lines: list[str], people: People) -> list[str]:
    """A pasted table ("What | Who | When") becomes one tagged line per row: "[Rosa] record … - Thursday"."""
    out: list[str] = []
    columns: tuple[int, int | None, int | None] | None = None
    raci_table = False
    for n, line in enumerate(lines):
        # pipes, or the tabs a table copied out of Word or a spreadsheet leaves between its cells
        sep = "|" if "|" in line else "\t" if line.strip().count("\t") >= 1 else None
        cells = [c.strip() for c in line.strip().strip("|").split(sep)] if sep else []
        raci = len(cells) >= 4 and _RACI_HEAD.issubset(c.upper() for c in cells)
        if len(cells) >= 2 and (raci or any(_WHO.match(c) or _WHAT.match(c) for c in cells)):
            who = next((i for i, c in enumerate(cells) if _WHO.match(c)), None)
            if who is None and raci:
                who = cells.index(next(c for c in cells if c.upper() == "R"))  # a RACI: R is who does it
            when = next((i for i, c in enumerate(cells) if _WHEN.match(c)), None)
            what = next((i for i, c in enumerate(cells) if _WHAT.match(c)), None)
            if what is None:  # (in a RACI, the first column: A, C and I are no action's)
                what = next(i for i, c in enumerate(cells) if i not in (who, when))
            columns, raci_table = (what, who, when), raci
            continue
        if columns is None and sep == "|" and len(cells) >= 2:
            columns = _headerless_columns(lines[n:], people)
        if columns and len(cells) >= 2 and not set("".join(cells)) <= set("-: "):
            if columns[1] is None:  # no owner column: the other cells are the row's context, not its action
                action = _cell(cells, columns[0])
                context = [c for i, c in enumerate(cells) if i not in columns and c]
                if context:
                    out.append(" - ".join(context).rstrip(".") + ".")
                if not _NO_CELL.match(action):
                    when = _cell(cells, columns[2])
                    # labelled as an action: the column says so, whatever verb the cell starts with
                    out.append("Actions: " + action + (f" - {when}" if when else ""))
                continue
            what, who, when = (_cell(cells, i) for i in columns)
            if _PARKED_CELL.search(" ".join(c for i, c in enumerate(cells) if i != columns[0])):
                continue  # "Decide on X | Chen | n/a – parked till Jan": not an action for now
            if _NO_CELL.match(when):
                when = ""  # "TBC", "n/a": the date is open, not the task
            hedged = _HEDGED_WHO.match(who)
            if hedged:  # "Grace (maybe)": hers, and tentative
                who, what = hedged["who"], f"maybe {what[:1].lower()}{what[1:]}"
            elif any(_MAYBE_CELL.match(c) for i, c in enumerate(cells) if i not in columns):
                what = f"maybe {what[:1].lower()}{what[1:]}"  # a status column's "maybe"
            tag = f"[{who}] " if people.owner_of_label(who) or who.lower() in _BOTH_TAGS else ""
            if raci_table and not tag and who.strip(" –—-"):
                tag = f"[{who}] "  # a colleague responsible for the row: theirs, not the client's
            done = any(_DONE_CELL.match(c) for i, c in enumerate(cells) if i not in columns)
            out.append(f"{tag}{what}" + (f" - {when}" if when else "") + (" - done" if done else ""))
            continue
        if not cells:
            columns = None
        out.append(line)
    return out


def _headerless_columns(lines: list[str], people: People) -> tuple[int, int | None, int | None] | None:
    """Rows pasted without their header ("| Chloe | write the plan | Fri |"): a column whose every cell
    names an owner is the owner column, the wordiest other one the action, a short one left the due."""
    rows = []
    for line in lines:
        if "|" not in line:
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    rows = [r for r in rows if not set("".join(r)) <= set("-: ")]
    if len(rows) < 2 or len({len(r) for r in rows}) != 1 or len(rows[0]) < 2:
        return None
    width = len(rows[0])
    who = next((i for i in range(width) if all(people.owner_of_label(r[i]) for r in rows)), None)
    if who is None:
        return None
    rest = [i for i in range(width) if i != who]
    what = max(rest, key=lambda i: sum(len(r[i]) for r in rows))
    when = next((i for i in rest if i != what and all(len(r[i].split()) <= 3 for r in rows)), None)
    return (what, who, when)


# A status column's cell hedging the row ("| maybe |")
_MAYBE_CELL = re.compile(r"^(?:maybe|possibly|perhaps|tentative|tbc|tbd|\?+)$", re.I)
# A row's other cells saying it is set aside for now ("n/a – parked till Jan", "on hold")
_PARKED_CELL = re.compile(r"\b(?:parked|on hold|deferred)\b", re.I)
# A status column's cell saying the row is done
_DONE_CELL = re.compile(r"^(?:done|complete|completed|closed|finished|✓|✔|✅)\.?$", re.I)


def _cell(cells: list[str], i: int | None) -> str:
    return cells[i] if i is not None and i < len(cells) else ""


# An abbreviation whose full stop ends no sentence: a chapter or page before its number ("ch. 3–5",
# "pp. 40-62", "No. 4"), a title before a name ("Mr. Hùng", "Dr. Okafor")
_ABBREVIATION_END = re.compile(
    r"(?:^|[\s(])(?:(?P<numbered>(?i:chs?|pp?|vol|para|sec|fig)|No)|Mrs?|Ms|Dr|Prof)\.$"
)


def split_sentences(text: str) -> list[str]:
    parts: list[str] = []
    for p in _SENTENCE_END.split(text):
        if not (p and p.strip()):
            continue
        abbreviation = _ABBREVIATION_END.search(parts[-1]) if parts else None
        if abbreviation and (not abbreviation["numbered"] or p.strip()[:1].isdigit()):
            parts[-1] = f"{parts[-1]} {p.strip()}"  # "Read ch." + "3–5 of …": one sentence
        else:
            parts.append(p.strip())
    parts = parts or ([text.strip()] if text.strip() else [])
    return [piece for p in parts for piece in _run_on_pieces(p)]


LONGEST_SENTENCE = 800  # characters; the longest real sentence in the evaluation set is about 450
_CLAUSE_BREAK = re.compile(r"(?:,\s+|\s+)(?=(?:and|so|but|then|also)\s)|[,;]\s+|\s+")


def _run_on_pieces(text: str) -> list[str]:
    """Dictation with no full stops can run to thousands of characters: read it in pieces that end where a
    clause ends ("… and", "… so", a comma), the last such place before the limit, else at a space."""
    out = []
    while len(text) > LONGEST_SENTENCE:
        window = text[: LONGEST_SENTENCE + 1]
        cuts = [m for m in _CLAUSE_BREAK.finditer(window) if m.start() > 0]
        clause = [m for m in cuts if not m.group(0).isspace() or window[m.end() :].startswith(_JOINERS)]
        best = (clause or cuts or [None])[-1]
        at, resume = (best.start(), best.end()) if best else (LONGEST_SENTENCE, LONGEST_SENTENCE)
        out.append(text[:at].strip())
        text = text[resume:].strip()
    return [p for p in (*out, text) if p]


_JOINERS = ("and ", "so ", "but ", "then ", "also ")


_HTML_TAG = re.compile(
    r"</?(?:p|br|div|li|ul|ol|span|b|i|u|strong|em|html|body|head|td|th|tr|table|h[1-6])\b[^>]*>", re.I
)
_HTML_BLOCK = re.compile(r"<(?:br|/?p|/?div|/?tr|/?h[1-6]|/?ul|/?ol|/?table)\b[^>]*>", re.I)
_VTT_TIMING = re.compile(
    r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{3}.*$"
)
_VTT_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]{1,60})>")


# "~~find a facilitator~~ -> ask Jon …": the arrow points from the struck plan to the one replacing it
_STRUCK = re.compile(r"~~[^~\n]+~~[ \t]*(?:->|→|=>)?")


# Texting shorthand and typing slips a phone leaves in notes, written lower case only ("Wil" may be a name,
# "IM" a message): read as the words they stand for, so the rules' modals and dates see them.
_TEXTING = {
    "u": "you", "ur": "your", "pls": "please", "plz": "please", "b4": "before", "2day": "today",
    "2moro": "tomorrow", "2morrow": "tomorrow", "abt": "about", "thnk": "think", "wil": "will",
    "wud": "would", "shud": "should", "cud": "could", "hes": "he's", "shes": "she's", "theyll": "they'll",
    "ive": "I've", "im": "I'm", "frm": "from", "goign": "going", "giong": "going", "teh": "the",
    "adn": "and", "nxt": "next", "ill": "I'll", "shell": "she'll", "hell": "he'll",
    "mgr": "manager", "mgrs": "managers", "mtg": "meeting", "mtgs": "meetings", "2nite": "tonight",
    "2night": "tonight", "tonite": "tonight",
}  # fmt: skip
# A scanned handwritten page's recognition slips: "rn" read for "m" ("rnay", "hirn", "tearn"), "l" for "I"
# ("l'll send", "l will"); only in words whose slip is no other word
_OCR = {
    "rnay": "may", "hirn": "him", "thern": "them", "rne": "me", "frorn": "from", "tearn": "team",
    "tirne": "time", "rneeting": "meeting", "rneet": "meet", "sorne": "some", "rnonth": "month",
    "rnake": "make", "rnore": "more", "exarnple": "example", "exarnples": "examples", "rnanager": "manager",
    "rnust": "must", "rnight": "might", "rnail": "mail", "ernail": "email",
}  # fmt: skip
_OCR_WORD = re.compile(r"(?<![\w'’/-])(" + "|".join(_OCR) + r")(?![\w'’/-])")
_OCR_I = re.compile(
    r"(?<![\w'’/-])l(?=['’](?:ll|m|ve|d)\b|\s+(?:will|wil|am|have|can|need|should|might|may)\b)"
)
_TEXTING_WORD = re.compile(r"(?<![\w'’/-])(" + "|".join(_TEXTING) + r")(?![\w'’/-])")
# "ill send it", "shell ask him": the apostrophe dropped, which only a verb after it tells from "he's ill"
_BEFORE_VERB = {"ill", "shell", "hell"}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_typo(word: str) -> str:
    """'firday', 'wendesday', 'thursay': a weekday with two letters next to each other swapped, or one
    left out after its first three, read as the weekday."""
    # 'Frlday': a scan's 'l' read for 'i' (no weekday has an l) or 'rn' for 'm'
    w = word.lower().replace("l", "i").replace("rn", "m")
    if w != word.lower() and w in _WEEKDAY_NAMES:
        return w.capitalize() if word[:1].isupper() else w
    for day in _WEEKDAY_NAMES:
        if len(w) == len(day) and sorted(w) == sorted(day):
            diff = [i for i in range(len(w)) if w[i] != day[i]]
            if len(diff) == 2 and diff[1] == diff[0] + 1:  # the same letters, two neighbours swapped
                return day
        elif len(w) == len(day) - 1 and any(w == day[:i] + day[i + 1 :] for i in range(3, len(day))):
            return day
    return word


# "The plan is for her to shadow X", "Next step for him is to call Y" / "is a talk with Z": a commitment said
# through its plan, read as "she will shadow X", "he will have a talk with Z"
_PLAN_FOR = re.compile(
    r"\b(?:the\s+)?(?:plan|idea|next\s+step|first\s+step|agreement)\s+is\s+for\s+"
    r"(?P<who>her|him|them|me|us|(?-i:[A-Z][\w'’-]+))\s+to\s+"
    r"|\b(?:the\s+)?(?:next|first)\s+step\s+for\s+(?P<who2>her|him|them|me|us|(?-i:[A-Z][\w'’-]+))\s+is\s+"
    r"(?:(?P<to>to\s+)|(?=(?:a|an)\s))",
    re.I,
)
_SUBJECT_OF = {"her": "she", "him": "he", "them": "they", "me": "I", "us": "we"}


def _plan_for(m: re.Match[str]) -> str:
    who = m["who"] or m["who2"]
    subject = _SUBJECT_OF.get(who.lower(), who)
    if m.start() == 0 or m.string[: m.start()].strip() in ("", "-", "*", "•"):
        subject = subject[:1].upper() + subject[1:]
    return f"{subject} will " + ("" if m["who"] or m["to"] else "have ")


# "Giulia parlerà con Marco entro venerdì", "preparerà una bozza": Italian's future is one word, the
# verb's stem and '-erà' / '-irà'; read as "will parlare", as Spanish "va a proponer" is a going-to
_ITALIAN_FUTURE = re.compile(r"(?<![\w'’])(?P<stem>[^\W\d_]{3,})(?P<end>erà|irà)(?![\w'’])", re.I)


def _italian_future(m: re.Match[str]) -> str:
    stem = m["stem"].lower()
    endings = ("are", "ere") if m["end"].lower() == "erà" else ("ire",)
    verb = next((stem + e for e in endings if stem + e in OTHER_VERBS), None)
    return f"will {verb}" if verb else m.group(0)


# "Kasia porozmawia z Markiem do piątku", "przygotuje listę": Polish says what someone will do with the
# perfective verb's present, one word; read as "will porozmawiać", as Italian "parlerà" is
_POLISH_FUTURE = {
    "porozmawia": "porozmawiać", "przygotuje": "przygotować", "wyśle": "wysłać", "zadzwoni": "zadzwonić",
    "napisze": "napisać", "spotka": "spotkać", "umówi": "umówić", "zapyta": "zapytać",
    "zarezerwuje": "zarezerwować", "zaplanuje": "zaplanować", "przeczyta": "przeczytać",
    "udostępni": "udostępnić",
}  # fmt: skip
_POLISH_FUTURE_WORD = re.compile(r"(?<![\w'’])(" + "|".join(_POLISH_FUTURE) + r")(?![\w'’])", re.I)


# "agreed three things: (1) he'll cut it, (2) send it to the CFO, and (3) ask the chair …": items numbered
# inside a paragraph, read as the list of verbs they are (two or more markers on the line)
_INLINE_ENUM = re.compile(r"(?<=[\s:;,])\((?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3})\)\s+(?=\S)")


# … when the first item holds the list's subject and modal ("(1) he'll cut …", "He'll (a) let her …");
# "agreed to: (1) update the plan, (2) talk to HR" is split by its markers as it stands
_ENUM_SUBJECT = re.compile(
    r"\((?:1|a|i)\)\s+(?:I|he|she|they|we)(?:['’]ll|\s+will)\s|(?:['’]ll|\bwill)\s+\((?:1|a|i)\)\s", re.I
)


def _untext(line: str) -> str:
    if len(_INLINE_ENUM.findall(line)) >= 2 and _ENUM_SUBJECT.search(line):
        line = _INLINE_ENUM.sub("", line)

    def word(m: re.Match[str]) -> str:
        w = m.group(1)
        if w in _BEFORE_VERB:
            after = line[m.end() :].split()
            if not (after and after[0].lower().strip(",.") in ACTION_VERBS):
                return w
        return _TEXTING[w]

    line = _TEXTING_WORD.sub(word, line)
    line = _OCR_I.sub("I", _OCR_WORD.sub(lambda m: _OCR[m.group(1)], line))
    line = _ITALIAN_FUTURE.sub(_italian_future, line)
    line = _POLISH_FUTURE_WORD.sub(lambda m: f"will {_POLISH_FUTURE[m.group(1).lower()]}", line)
    # "cl 2 collect 3 examples": '2' for 'to' after an owner's tag, before the verb
    line = re.sub(
        r"^(\s*(?:[-*•]\s*)?(?:cl|me|client|coach))\s+2\s+(?=([a-z]+)\b)",
        lambda m: f"{m.group(1)} to " if m.group(2) in ACTION_VERBS else m.group(0),
        line,
    )
    line = _PLAN_FOR.sub(_plan_for, line)
    line = re.sub(r"\s+(?:thx|thnx|thanx|ty)[.!]*\s*$", "", line)  # "intro cl to Dana thx": a sign-off
    return re.sub(r"\b[A-Za-z]{5,9}\b", lambda m: _weekday_typo(m.group(0)), line)


_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# "¹ by our next session" / "[^2]: before his trip": a footnote's text on a line of its own, below the
# lines it marks
_FOOTNOTE_LINE = re.compile(
    rf"(?m)^[ \t]*(?:(?P<sup>[{_SUPERSCRIPTS}]+)|\[\^(?P<md>\w+)\]:)[ \t]*(?P<text>\S.*)$"
)


def _footnotes_inline(text: str) -> str:
    """'List the three decisions¹' over '¹ by our next session': the footnote's words where its mark is
    ('List the three decisions – by our next session'), as a reader takes them, and its own line gone."""
    notes = {m["sup"] or m["md"]: m for m in _FOOTNOTE_LINE.finditer(text)}
    if not notes:
        return text
    body = _FOOTNOTE_LINE.sub(lambda m: "\x00", text)
    used = False
    for key, m in notes.items():
        mark = key if m["sup"] else f"[^{key}]"
        at = re.compile(rf"(?<=\S){re.escape(mark)}(?![{_SUPERSCRIPTS}])" if m["sup"] else re.escape(mark))
        if at.search(body):
            used = True
            words = m["text"].strip()
            body = at.sub(lambda _m, w=words: f" – {w}", body)
    if not used:
        return text  # "10 m²" or a stray mark: no footnotes to place
    return re.sub(r"\n?\x00", "", body)


_TREE_LINK = re.compile(r"[│├└┌┬┼┃┣┗╰╭|`+]?[─━-]{1,3}(?=\s|→|->)|[│├└┃┣┗╰]")


def _tree_outline(text: str) -> str:
    """A mind map drawn as a tree ('├─ Team', '│   └─ → he'll run …'): its lines as an indented outline, a
    branch with leaves under it as their heading ('Me:' over '→ send the article' is the writer's)."""
    lines = text.split("\n")
    if sum(1 for line in lines if re.search(r"[├└╰┣┗][─━]", line)) < 3:
        return text
    flat = [_TREE_LINK.sub(lambda m: " " * len(m.group()), line).rstrip() for line in lines]
    out = []
    for i, line in enumerate(flat):
        nxt = next((x for x in flat[i + 1 :] if x.strip()), "")
        depth = len(line) - len(line.lstrip())
        branch = re.search(r"[├└╰┣┗]", lines[i]) and not re.search(r"[:.!?→]\s*$|→|->", line)
        if line.strip() and branch and len(nxt) - len(nxt.lstrip()) > depth:
            line += ":"
        out.append(line)
    return "\n".join(out)


_ASSISTANT_FOOTER = re.compile(
    r"(?im)^.*\b(?:you should review (?:gemini|copilot|zoom|the ai)['’]?s? (?:notes|summary)"
    r"|ai-generated content may be (?:incorrect|inaccurate)|learn how gemini takes notes)\b.*$"
)


# "… without pre-wiring anyone. TODO(coach): send her the template. She's also …": a to-do marker inside
# a paragraph, its owner in brackets or none ("Action:", "AP:"), marks that one sentence as a list line does
_INLINE_MARKER = re.compile(
    r"(?<=[.!?])[ \t]+(?=(?:TODO|To-?do|Action|AP|AI)\s*(?:\((?:[^()\n]{1,20})\))?\s*:\s+\S)"
)


def _inline_markers(text: str) -> str:
    """Each marked sentence inside a paragraph on a line of its own, the prose before and after it too."""
    out = []
    for line in text.split("\n"):
        pieces = _INLINE_MARKER.split(line)
        if len(pieces) == 1:
            out.append(line)
            continue
        out.append(pieces[0])
        for piece in pieces[1:]:
            end = _SENTENCE_END.search(piece)
            out += [piece[: end.start()].rstrip(), piece[end.end() :]] if end else [piece]
    return "\n".join(out)


def plain_text(raw: str, markdown: bool = True) -> str:
    """Notes pasted from somewhere else, as the lines a person would read: HTML from a rich editor or an
    email (paragraphs and list items become lines, the other tags and any script go), a WebVTT transcript
    from a meeting recorder ('<v Sarah Cave>text</v>' becomes 'Sarah Cave: text'; the cue timings and the
    header go), and Windows or old Mac line endings."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    # "~~send the memo~~ on hold": a line whose action is struck out is gone, its remark on it with it;
    # "Ama to ~~email~~ call …": a word struck out inside a line is replaced by what follows it
    text = re.sub(r"(?m)^[ \t]*(?:[-*•·]\s*|\d{1,2}[.)]\s*)?~~[^~\n]+~~.*$", "", text)
    text = _STRUCK.sub("", text)
    if _VTT_VOICE.search(text) or re.match(r"\s*WEBVTT\b", text):
        text = _VTT_VOICE.sub(lambda m: f"{m.group(1).strip()}: ", text)
        text = re.sub(r"</v>", "", text)
        text = "\n".join(
            "" if _VTT_TIMING.match(line) or re.fullmatch(r"\s*(?:WEBVTT\b.*|\d+)\s*", line) else line
            for line in text.split("\n")
        )
    if _HTML_TAG.search(text):
        text = re.sub(r"<(script|style)\b.*?</\1\s*>", "", text, flags=re.I | re.S)
        text = re.sub(r"<li\b[^>]*>", "\n- ", text, flags=re.I)
        text = _HTML_BLOCK.sub("\n", text)
        text = re.sub(r"<[^<>]{1,200}>", "", text)
        text = html.unescape(text)
    # a meeting assistant's own footer ("You should review Gemini's notes to make sure they're accurate.")
    text = _ASSISTANT_FOOTER.sub("", text)
    text = _spoken_punctuation(text)
    text = _inline_markers(text)
    text = _footnotes_inline(text)
    text = _tree_outline(text)
    # "me ➡️ send her the matrix": a phone's arrow emoji after a word is the arrow an owner tag points with
    # ("AL → …"); opening a line it is a bullet ("➡️ new: shadow the CS team")
    text = re.sub(r"(?<=[^\W_])[ \t]*(?:➡️|➡|⮕)[ \t]*", " → ", text)
    if markdown:  # off for who must see where a markdown section ends (the private lines' split)
        text = _MD_HEADING.sub("", text)
        text = _MD_STRONG.sub(r"\g<text>", text)
        text = _MD_EMPHASIS.sub(r"\g<text>", text)
        text = _MD_LINK.sub(r"\g<text>", text)
    return "\n".join(_untext(line) for line in text.split("\n"))


# Voice-to-text that wrote out the punctuation it was told ("… by wednesday full stop new line i'll …"):
# two or more of these words mark a dictation, and then they are the marks they name
_DICTATED_MARKS = re.compile(r"\b(?:full stop|new line|new paragraph|question mark)\b", re.I)
_SPOKEN_MARKS = [
    (re.compile(r"[ \t]*\bnew (?:line|paragraph)\b[ \t]*", re.I), "\n"),
    (re.compile(r"[ \t]*\bfull stop\b", re.I), "."),
    (re.compile(r"[ \t]*\bquestion mark\b", re.I), "?"),
    (re.compile(r"[ \t]*\bexclamation (?:mark|point)\b", re.I), "!"),
    (re.compile(r"[ \t]*\bsemi-?colon\b", re.I), ";"),
    (re.compile(r"[ \t]*\bcomma\b", re.I), ","),
    (re.compile(r"[ \t]*\bcolon\b", re.I), ":"),
    (re.compile(r"\b(?:open|left) (?:bracket|paren(?:thesis)?)\b[ \t]*", re.I), "("),
    (re.compile(r"[ \t]*\b(?:close|right) (?:bracket|paren(?:thesis)?)\b", re.I), ")"),
    (re.compile(r"[ \t]*\bend of (?:note|notes|memo|dictation)\b", re.I), ""),
]
_TENS = {"twenty": 20, "thirty": 30}
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
# "on the twenty seventh": a day of the month said in words, as dictation writes it
_SPOKEN_DAY = re.compile(
    r"\b(?P<pre>(?:on|by|before|until|for) the )(?:(?P<tens>twenty|thirty)[ -])?(?P<ord>"
    + "|".join(_ORDINAL_WORDS)
    + r")\b(?! (?:of (?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b)|time|option|one|draft))",
    re.I,
)


def _spoken_day(m: re.Match[str]) -> str:
    n = _ORDINAL_WORDS[m["ord"].lower()] + (_TENS[m["tens"].lower()] if m["tens"] else 0)
    if n > 31 or (m["tens"] and n % 10 == 0):
        return m.group(0)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{m['pre']}{n}{suffix}"


def _spoken_punctuation(text: str) -> str:
    if len(_DICTATED_MARKS.findall(text)) < 2:
        return text
    for rx, mark in _SPOKEN_MARKS:
        text = rx.sub(mark, text)
    return _SPOKEN_DAY.sub(_spoken_day, text)


# Markdown from a notes app ("## Session 3", "**Next steps**", "- **Me:** *maybe* sit in"): the marks are
# formatting, and left in they hide a heading or an owner's label from the rules. A "* " bullet keeps its
# star (a space follows it) and "2*3" its own (no emphasis opens after a word character).
_MD_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>[^\n]+?)(?<=\S)\1")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(?P<text>[^*\n]+?)(?<=\S)\*(?![\w*])")
# "complete the [EQ self-assessment](https://…)": a link's words are the thing, its address is not
_MD_LINK = re.compile(r"\[(?P<text>[^\[\]\n]{1,150})\]\((?:https?://|www\.|mailto:)[^()\s]{1,500}\)")

# "Sarah Cave  00:14:03" on a line of its own, the words on the lines after it (Zoom, Otter, Teams)
_SPEAKER_LINE = re.compile(
    r"^\s*(?:(?P<ts1>\[?\(?\d{1,2}:\d{2}(?::\d{2})?\)?\]?)\s+)?"
    r"(?P<name>[A-Za-z][\w.'’-]*(?: [A-Za-z][\w.'’-]*){0,3})"
    # a chat app's "Noah Fischer  4:30 PM" too
    r"\s*(?(ts1)|[\s|·,-]+\(?(?P<ts2>\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?)\)?)\s*$"
)


# A recorder's transcript with the speaker and the time opening each turn ("SC 00:14  Go on.", "Sipho 01:02
# Will do."): initials or a first name, then the clock
_LABEL_TIME = re.compile(
    r"^\s*(?P<label>[A-Z]{2,3}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+[\[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}[\])]?"
    r"\s*[-–:]?\s+(?P<text>\S.*)$"
)


def _label_time_turns(lines: list[str], people: People) -> list[str]:
    """'SD 00:15  I'm going to …' as 'Sipho: I'm going to …': a turn of the speaker the initials name,
    when three or more lines so open and two speakers take turns, one of them of the session."""
    turns = {i: m for i, line in enumerate(lines) if (m := _LABEL_TIME.match(line))}
    labels = {m["label"] for m in turns.values()}
    roles = {label: people.owner_of_label(label) for label in labels}
    if len(turns) < 3 or len(labels) < 2 or not any(roles.values()):
        return lines
    names = {"client": people.client, "coach": people.coach}
    out = list(lines)
    for i, m in turns.items():
        full = names.get(roles[m["label"]] or "") or m["label"]
        out[i] = f"{full.split()[0]}: {m['text']}"
    return out


def _speaker_lines(lines: list[str], people: People) -> list[str]:
    """A transcript whose speaker and time stand on their own line before what they said becomes one
    'Name: words' line per turn, when at least three such lines name two people, one of the session's."""
    heads = {i: m["name"] for i, line in enumerate(lines) if (m := _SPEAKER_LINE.match(line))}
    names = {n.lower() for n in heads.values()}
    if len(heads) < 3 or len(names) < 2 or not any(people.owner_of_label(n) for n in names):
        return lines
    out: list[str] = []
    name = None
    for i, line in enumerate(lines):
        if i in heads:
            name = heads[i]
            continue
        out.append(f"{name}: {line.strip()}" if name and line.strip() else line)
    return out


# A chat app's export: "[14/06/2029, 18:02] Lan: …" (iOS) or "14/06/2029, 18:02 - Lan: …" (Android)
_CHAT_EXPORT = re.compile(
    r"^\s*\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\]?"
    r"\s*(?:[-–]\s*)?(?P<name>[^:\n]{1,40}?):\s"
)


def _chat_export_lines(lines: list[str], people: People) -> list[str]:
    """A chat exported from a messaging app becomes one 'Name: words' line per message, when at least
    three messages come from two people, one of the session's: the stamp is when it was sent (no due
    date), and a message's own further lines ("2) block 2 hrs …") are still its sender's."""
    heads = {i: m for i, line in enumerate(lines) if (m := _CHAT_EXPORT.match(line))}
    names = {m["name"].strip().lower() for m in heads.values()}
    if len(heads) < 3 or len(names) < 2 or not any(people.owner_of_label(m["name"]) for m in heads.values()):
        return lines
    out: list[str] = []
    name = None
    for i, line in enumerate(lines):
        words = line[heads[i].end() :].strip() if i in heads else line.strip()
        if i in heads:
            name = heads[i]["name"].strip()
        if _LISTED.match(words):
            # "1) tell Minh you're not taking it on, by Monday": a list typed into the chat, read as a list
            # (what it goes on to say, "what you committed to:", said whose it is)
            out.append(words)
        else:
            out.append(f"{name}: {words}" if name and words else line)
    return out


_LISTED = re.compile(r"^(?:\d{1,2}[.)]|[-*•])\s+\S")

# A shared document's comments exported: "Comment – Ines Carvalho, 17 Nov: …", "Reply – Sarah Cave: …"
_DOC_COMMENT = re.compile(
    r"^\s*(?:comment|reply)\s*[-–—:]\s*(?P<name>[^,:\n]{1,40}?)(?:,\s*[^:\n]{1,25})?:\s", re.I
)
# its bookkeeping lines: "_Assigned to Ines Carvalho_", "Marked as resolved – done 10 Nov"
_DOC_ASSIGNED = re.compile(r"^\s*_?\s*(?:assigned to|reassigned to)\b[^\n]*$", re.I)
_DOC_RESOLVED = re.compile(r"^\s*_?\s*(?:marked as resolved|resolved|marked as done)\b", re.I)


def _doc_comment_lines(lines: list[str], people: People) -> list[str]:
    """A document's exported comments become one 'Name: words' line per comment (its author is its 'I'),
    when two or more come from the session's people; a comment marked resolved is done (no line), and
    the assignment notes are the tool's bookkeeping."""
    heads = {i: m for i, line in enumerate(lines) if (m := _DOC_COMMENT.match(line))}
    if len(heads) < 2 or sum(bool(people.owner_of_label(m["name"])) for m in heads.values()) < 2:
        return lines
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in heads:
            below = next((t for t in lines[i + 1 :] if t.strip()), "")
            if _DOC_RESOLVED.match(below):
                continue
            out.append(f"{heads[i]['name'].strip()}: {line[heads[i].end() :].strip()}")
        elif not (_DOC_ASSIGNED.match(line) or _DOC_RESOLVED.match(line)):
            out.append(line)
    return out


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


# "Tobias to run …", "Sarah to send …": a list line that is an action with its owner named first
_OWNED_ACTION = re.compile(r"^\s*@?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)? to [a-z]+\b")


def _join_wrapped(lines: list[str]) -> list[str]:
    """A list line wrapped by hand ('1. Helena to draft the outline and circulate it to her' over
    '   directs for comment by 24 January.'): the indented line without a bullet goes on the line above,
    which did not end its sentence, so its action and date stay one."""
    out: list[str] = []
    item_indent: int | None = None  # the indent of the list line the last kept line belongs to
    for line in lines:
        prev = out[-1].rstrip() if out else ""
        if (
            item_indent is not None
            and line.strip()
            and not _BULLET.match(line)
            and (_indent(line) > item_indent or _goes_on(line))
            and prev
            and not re.search(r"[.!?:;]$", prev)
        ):
            out[-1] = f"{prev} {line.strip()}"
            continue
        item_indent = _indent(line) if line.strip() and _BULLET.match(line) else None
        out.append(line)
    return out


def _goes_on(line: str) -> bool:
    """A line wrapped back to the margin ('- Tom to ask his VP for a clear budget' over 'owner for the
    migration'): it opens in lower case on a word that starts no action and carries no label of its own."""
    first = line.strip().split()[0]
    return (
        first[:1].islower()
        and first.strip(",.;:") not in ACTION_VERBS | {"me", "i", "we", "she", "he", "they", "you"}
        and not re.search(r"->|→|=>|[.!?]\s", line)  # "me → send …", "mood good. wants …": lines of their own
        and not first.endswith(":")
        and not re.match(r"\s*[a-z][\w'’-]*(?: [a-z][\w'’-]*)?\s*:", line)
    )


def _detail_of_action(lines: list[str], line_no: int, session_date: date | None = None) -> bool:
    """A list line indented under an owned action line ('- Tobias to run a retro on Thursday' over
    '    - keep it to 45 min'): a detail of that action, not an action of its own."""
    line = lines[line_no]
    for above in reversed(lines[:line_no]):
        if not above.strip():
            continue
        if not _BULLET.match(above):
            return False
        if _indent(above) < _indent(line):
            parent = _BULLET.sub("", above).strip()
            if _OWNED_ACTION.match(parent):
                return True
            # "- Prepare for the pay talk (Thursday week)" over "- pull the benchmarks": a dated imperative
            # is an action of the list it is in, and the lines under it its steps; an undated one ("1. Get
            # out of the weeds") may be a goal heading its own actions
            first = (parent.split() or [""])[0].lower().strip("(),")
            return first in ACTION_VERBS and not parent.endswith(":") and _dated(parent, session_date)
    return False


# "Things she says she won't do any more:", "He's going to stop:", "What I'll no longer do:": the list under
# it is habits its subject gives up, each one a thing to stop
_STOP_HEADING = re.compile(
    r"^(?:.*?\b)?(?P<who>[Ss]he|[Hh]e|[Tt]hey|I|[A-Z][a-z]+)(?:['’]s| is| will|['’]ll)?\s+(?i:"
    r"won['’]?t(?: do)?|will not(?: do)?|(?:is |are )?(?:going to |will )?stop(?: doing)?|no longer(?: do)?"
    r")\s*(?i:any ?more)?\s*:\s*$"
)


def _gerund(line: str) -> str:
    """'cancel her 1:1s' -> 'cancelling her 1:1s', 'take calls' -> 'taking calls': the list line as the
    thing stopped; a line already in '-ing' stays as it is."""
    first, _, rest = line.partition(" ")
    w = first.lower()
    verb = w in ACTION_VERBS or (w.isalpha() and first.islower() and not w.endswith("s") and rest)
    if w.endswith("ing") or not verb:  # "- late-night emails": a thing, not a verb
        return line
    if w.endswith("ie"):
        w = w[:-2] + "y"
    elif w.endswith("e") and not w.endswith(("ee", "ye", "oe")):
        w = w[:-1]
    elif re.fullmatch(r"[^aeiou]*[aeiou][bdgklmnprt]", w) or re.search(r"[^aeiou][aeiou]l$", w):
        w += w[-1]  # "stop" -> "stopping", "cancel" -> "cancelling" (as British English writes it)
    return f"{w}ing {rest}".strip()


# A Start / Stop / Continue retro's headings, alone on their line ("START", "Stop doing:", "Keep doing")
_RETRO_HEADING = re.compile(r"^(?P<part>start|stop|continue|keep)(?:\s+doing)?\s*:?\s*$", re.I)


def _base_of_gerund(line: str) -> str:
    """'Running a monthly skip-level' -> 'run a monthly skip-level'; a line not opening on a verb's '-ing'
    is started as it is ('start a book club')."""
    first, _, rest = line.partition(" ")
    w = first.lower()
    if w.endswith("ing") and len(w) >= 5:
        stem = w[:-3]
        for cand in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
            if cand in ACTION_VERBS:
                return f"{cand} {rest}".strip()
    if w in ACTION_VERBS:
        return line[:1].lower() + line[1:]
    return f"start {line[:1].lower() + line[1:]}"


gerund_of = _gerund  # for the actions' "she'll try it" after what was urged ("try blocking …")


# "… on Friday - actually, not Friday, Thursday", "… tomorrow. (Correction: Wednesday …)": the writer
# correcting the date she has just written
_CORRECTION = re.compile(
    r"(?:\s*[-–—,;]\s*|(?<=[.!?])\s*\(\s*|\s+\(\s*)"
    r"(?:actually|correction|i mean|no wait|scratch that|make that)\b[,:]?\s*",
    re.I,
)


def _self_corrected(line: str, session_date: date | None) -> str:
    """The line with a corrected date put in place of the one it corrects, and the correction's own words
    (up to its sentence's end or its closing bracket) dropped; the line as it was if nothing is corrected."""
    m = _CORRECTION.search(line)
    if not m or session_date is None:
        return line
    if "(" in m.group():
        close = line.find(")", m.end())
        end = len(line) if close < 0 else close + 1
    else:
        stop = re.search(r"[.!?](?:\s|$)", line[m.end() :])
        end = m.end() + stop.end() if stop else len(line)
    tail = line[m.end() : end]
    new = next(
        (
            p
            for p in find_due_phrases(tail, session_date, None)
            if p.due and not re.search(r"\bnot\s+(?:on\s+|by\s+)?$", tail[: p.start], re.I)
        ),
        None,
    )
    head = line[: m.start()]
    old = [p for p in find_due_phrases(head, session_date, None) if p.due]
    if new is None or new.start > 40 or not old:
        return line  # "- actually the first time she's said no": no date corrected
    text = new.text
    prep = re.match(r"(?:on|by|before|until|for)\s+", old[-1].text, re.I)
    if prep and not re.match(r"(?:on|by|before|until|for)\s", text, re.I):
        text = f"{prep.group(0)}{text}"  # "on Friday" corrected to "Thursday" reads "on Thursday"
    head = f"{head[: old[-1].start]}{text}{head[old[-1].end :]}".rstrip()
    if re.search(r"[.!?]\s*$", tail) and "(" not in m.group():
        head += tail.rstrip()[-1]  # the sentence the correction closed still ends there
    return f"{head} {line[end:].strip()}".strip()


def _bare_list_follows(lines: list[str], line_no: int) -> bool:
    """Whether the heading at line_no is over a plain list: list lines at one indent, each one phrase (an
    agenda with an 'Outcome: …' under each topic, joined to it, says what was agreed)."""
    below = list(itertools.dropwhile(lambda t: not t.strip(), lines[line_no + 1 :]))
    block = list(itertools.takewhile(lambda t: bool(t.strip() and _BULLET.match(t)), below))
    return bool(block) and all(
        _indent(t) == _indent(block[0]) and not re.search(r"[.!?:;]\s+\S", _BULLET.sub("", t).strip())
        for t in block
    )


def _children(lines: list[str], line_no: int) -> list[int]:
    """The list lines indented under a list line, up to the first that is not."""
    out = []
    for i in range(line_no + 1, len(lines)):
        if not lines[i].strip():
            continue
        if not _BULLET.match(lines[i]) or _indent(lines[i]) <= _indent(lines[line_no]):
            break
        out.append(i)
    return out


def _dated(text: str, session_date: date | None) -> bool:
    """A list line that gives a date or a deadline ('by …', 'the 9th', '(Thursday week)')."""
    if re.search(r"\d|\b(?:by|before|due|until)\b", text, re.I):
        return True
    return session_date is not None and any(p.due for p in find_due_phrases(text, session_date, None))


def _heads_a_list(lines: list[str], line_no: int, session_date: date | None = None) -> bool:
    """A list line with no date whose own list lines below it, indented further, start with a verb: a
    heading (a goal, a theme), its actions underneath."""
    parent = lines[line_no]
    if _dated(_BULLET.sub("", parent), session_date):
        return False  # "- Prepare for the pay talk (Thursday week)": an action over its steps
    if _OWNED_ACTION.match(_BULLET.sub("", parent)):
        return False  # "- Tobias to run a retro …" over "- keep it to 45 min": an action, its details below
    children = []
    for line in lines[line_no + 1 :]:
        if not line.strip():
            continue
        if not _BULLET.match(line) or _indent(line) <= _indent(parent):
            break
        children.append(_BULLET.sub("", line).strip())
    firsts = [(c.split() or [""])[0].lower().strip("(),:") for c in children]
    return any(f in ACTION_VERBS for f in firsts)


_PARENT_OWNER = re.compile(r"^(?P<who>[A-Za-z][\w.'’-]*(?: [A-Z][\w.'’-]*)?)\s*(?:,|[-–—]|:)\s*(?P<rest>.*)$")


def _list_parent(
    lines: list[str], line_no: int, people: People, session_date: date | None
) -> tuple[str, str | None] | None:
    """A list line that heads its own list of actions with a date or an owner ('1. Team charter - by 26
    Jan', '2) Me, by Friday:', '3) Nina, ongoing:') over indented lines that start with a verb: the
    heading is no action, and its date and owner are those of each line under it."""
    parent = _BULLET.sub("", lines[line_no]).strip().rstrip(":").strip()
    if not parent or _OWNED_ACTION.match(parent):
        return None
    first = parent.split()[0].lower().strip("(),:")
    if first in ACTION_VERBS:
        return None  # "- Draft the memo by Friday" over its details: an action, not a heading
    children = [_BULLET.sub("", lines[i]).strip() for i in _children(lines, line_no)]
    tagged_topic = (m := _PARENT_OWNER.match(parent)) and people.owner_of_label(m["who"])
    # "2. Kwame - rehearsal" over "a. dry run with Efua …": an owner and a topic of a word or two head the
    # lines under them, whatever word those start with
    topic = bool(children and tagged_topic and m and 0 < len(m["rest"].split()) <= 3)
    if not topic and not any((c.split() or [""])[0].lower().strip("(),:") in ACTION_VERBS for c in children):
        return None
    owner, rest = None, parent
    m = _PARENT_OWNER.match(parent)
    if m and people.owner_of_label(m["who"]):
        owner, rest = people.owner_of_label(m["who"]), m["rest"]
    elif len(parent.split()) <= 3 and people.owner_of_label(parent):
        owner, rest = people.owner_of_label(parent), ""  # "* Li" or "* Me" alone over her own sub-bullets
    elif len(parent.split()) <= 3 and _pronoun_tag(parent, people) == "both":
        owner, rest = "both", ""  # "- Both" over sub-bullets in a one-to-one: each line is an item for each
    dated = [p for p in find_due_phrases(rest, session_date, None) if p.due] if session_date else []
    if not dated and not owner:
        return None
    return (dated[0].text if dated else ""), owner


# "Mon: tell the team …", "Thurs – draft the pack": a plan laid out by day, each line an action on its day
_DAY_LINE = re.compile(
    r"^(?P<wd>(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?)\.?"
    r"\s*(?::|\s[-–—])\s*(?P<rest>\S.*)$",
    re.I,
)


def _day_line(line: str, session_date: date | None) -> str | None:
    """A line labelled by a weekday, as an action line with its day at the end; the session's own weekday
    heads a plan that starts on the session's day, so it is today rather than a week on."""
    m = _DAY_LINE.match(line)
    if not m:
        return None
    wd = m["wd"].lower()
    if wd not in WEEKDAYS:
        return None
    today = session_date is not None and WEEKDAYS[wd] == session_date.weekday()
    return f"{m['rest'].rstrip(' .')} - {'today' if today else m['wd']}"


# "Week 1 (11-15 Feb): tell his directs", "Wk 3 – 25 Feb-1 Mar: 1:1s with the new leads": a plan laid out by
# week, each line done by its week's last day
_WEEK_LINE = re.compile(
    r"^(?:week|wk)\s*(?P<n>\d{1,2})\s*(?:\((?P<span>[^()]{3,30})\)|[-–—]\s*(?P<span2>[^:]{3,30}?))\s*"
    r"(?::|\s[-–—])\s*(?P<rest>\S.*)$",
    re.I,
)
_WEEK_REF = re.compile(r"\b(?:by\s+)?(?:the\s+)?(?:end\s+of\s+)?(?:week|wk)\s*(?P<n>\d{1,2})\b", re.I)


def _plan_weeks(lines: list[str], session_date: date | None) -> dict[str, str]:
    """The weeks of a week-by-week plan ('Week 1 (11-15 Feb): …'), numbered, to the text of their last day."""
    weeks: dict[str, str] = {}
    for line in lines:
        m = _WEEK_LINE.match(_BULLET.sub("", line).strip())
        span = m and (m["span"] or m["span2"])
        if m and span and session_date:
            dated = [p for p in find_due_phrases(span, session_date, None) if p.due]
            if dated:
                weeks[m["n"]] = dated[-1].text
    return weeks


def _week_line(line: str, weeks: dict[str, str]) -> str | None:
    """A plan's week line as an action line with its week's last day at the end; another line's 'by the
    end of week 1' as that day."""
    m = _WEEK_LINE.match(line)
    if m and m["n"] in weeks:
        return f"{m['rest'].rstrip(' .')} - by {weeks[m['n']]}"
    if weeks and (ref := _WEEK_REF.search(line)) and ref["n"] in weeks:
        return f"{line[: ref.start()]}by {weeks[ref['n']]}{line[ref.end() :]}"
    return None


# Check-out questions with the answers written under them: what she will do (hers) and what she needs from
# the writer (the writer's). Other questions' answers ("What might get in the way?") are read as written.
_DO_QUESTION = re.compile(
    r"^(?:so,?\s+)?(?:what(?:['’]s| is| are)\s+(?:the|your)\s+(?:first|next)\s+steps?"
    r"|what\s+(?:will|are|would)\s+you\s+(?:do|going\s+to\s+do|commit|try|take\s+away|take\s+forward)"
    r"|what(?:['’]s| is)\s+(?:one|the one)\s+thing\s+you(?:['’]ll|\s+will)"
    r"|what\s+(?:do\s+)?you\s+(?:commit|want\s+to\s+commit)\s+to)\b[^?]*\?$",
    re.I,
)
_FROM_ME_QUESTION = re.compile(
    r"^(?:so,?\s+)?(?:what\s+(?:do|would)\s+you\s+need\s+from\s+me|what\s+(?:support|help)\s+(?:do|would)\s+you"
    r"|(?:is\s+there\s+)?anything\s+(?:you\s+need\s+)?from\s+me)\b[^?]*\?$",
    re.I,
)


def _answered_checkout(lines: list[str], people: People) -> dict[int, str]:
    """The lines answering a check-out question ('What's the first step and when?' / '  Talk to Inès on
    Thursday.'), up to the next question or blank line: the client's, or the writer's for what she needs
    from the writer."""
    out: dict[int, str] = {}
    for i, line in enumerate(lines):
        q = _BULLET.sub("", line).strip()
        owner = "client" if _DO_QUESTION.match(q) else people.author if _FROM_ME_QUESTION.match(q) else None
        if owner is None:
            continue
        for j in range(i + 1, min(i + 4, len(lines))):
            answer = lines[j].strip()
            if not answer or answer.endswith("?") or answer.endswith(":"):
                break
            out[j] = owner
    return out


_DATE_FIRST_SEP = re.compile(r"\s*(?:\([^)]{1,30}\))?\s*(?:[-–—]|:)\s+(?=\S)")
_CALENDAR_DATE = re.compile(r"\d|\b(?:mon|tue|wed|thu|fri|sat|sun)", re.I)
_UNDATED_FIRST = re.compile(r"^(?:no date|undated|no deadline|tbc|tbd|ongoing)\s*(?:[-–—]|:)\s+(?=\S)", re.I)


def _date_first(line: str, session_date: date | None) -> str | None:
    """'Fri 8 Oct - Priya: share the charter', 'no date - me: find an article': a list that opens each line
    with its due date, read as the action with its date at the end."""
    undated = _UNDATED_FIRST.match(line)
    if undated:
        return line[undated.end() :]
    if session_date is None:
        return None
    first = next(iter(find_due_phrases(line, session_date, None)), None)
    if first is None or (first.start != 0 and not _DEADLINE_WORD.fullmatch(line[: first.start])):
        return None
    # "by end of June: panel confirmed", "by next session: …": a deadline word opens a dated outcome
    deadline = first.strength == 3 and _DEADLINE_WORD.match(line)
    if not deadline and (first.due is None or not _CALENDAR_DATE.search(first.text)):
        return None  # "Today: mostly about the union meeting" is a heading, not a dated action
    sep = _DATE_FIRST_SEP.match(line, first.end)
    if not sep:
        return None
    return f"{line[sep.end() :].rstrip(' .')} - {line[: first.end]}"


_DEADLINE_WORD = re.compile(r"(?:by|before|due)\s+", re.I)
_PAREN_FIRST = re.compile(r"^\((?P<when>[^()]{1,30})\)\s*[:\-–—]?\s*(?P<rest>[a-z0-9].*)$", re.I)


def _paren_date_first(line: str, session_date: date | None) -> str | None:
    """'(Mon) call the recruiter', '(by 31st) finish X', '(no date) read Y': a to-do list that opens each
    line with its due date in brackets, read as the action with its date at the end."""
    m = _PAREN_FIRST.match(line)
    if not m or session_date is None:
        return None
    when, rest = m["when"].strip(), m["rest"].rstrip(" .")
    if _UNDATED_FIRST.match(f"{when} - {rest}"):
        return rest
    first = next(iter(find_due_phrases(when, session_date, None)), None)
    if first is None or first.due is None or first.end < len(when.rstrip(" .")):
        return None  # "(see notes) …", "(urgent) …": not only a date
    if first.start != 0 and not _DEADLINE_WORD.fullmatch(when[: first.start]):
        return None
    return f"{rest} - {when}"


# "From my side, I'll …", "For my part, …": the writer turning from the client's list to her own
_MY_PART = re.compile(r"^\s*(?:[-*•]\s*)?(?:from|on|for) my (?:side|end|part)\b", re.I)


# "My development homework (for supervision on 3 March)": a heading's bracketed aside, after its words
_HEADING_ASIDE = re.compile(r"\s*\((?P<aside>[^()]{1,60})\)\s*:?\s*$")


def _owner_heading(line: str, people: People) -> str | None:
    """A line of its own that says whose list follows ('His actions', 'Mine that stay with me:', 'My
    development homework (for supervision on 3 March)'): its owner, else None. Up to five words, or
    eight when a colon ends it as a heading; a bracketed aside after it is not counted."""
    text = line.strip()
    colon = text.endswith(":")
    text = _HEADING_ASIDE.sub("", text).rstrip(":").strip()
    if not text or len(text.split()) > (8 if colon else 5):
        return None
    owner = owner_header(text, people)
    lead = _DEADLINE_LEAD.match(text) if colon and owner is None else None
    if lead:
        # "By our next session Diego will:", "Before the offsite, I will:": the deadline dates the lines
        # (_heading_when), the owner after it says whose they are
        return owner_header(lead["rest"], people)
    return owner


# a heading's opening deadline, up to four words ("By our next session", "Before the offsite,"), then whose
_DEADLINE_LEAD = re.compile(
    r"^(?:by|before|ahead of|prior to|until)\s+(?:[\w'’.-]+\s+){0,3}[\w'’.-]+,?\s+"
    r"(?P<rest>[\w'’.-]+(?: [\w'’.-]+)? (?:will|to))$",
    re.I,
)


_PERIOD_ASIDE = re.compile(
    r"(?:(?:this|next)\s+(?:week|month|fortnight)|today|tomorrow|(?:within|over)\s+the\s+next\s+"
    r"(?:\w+\s+)?(?:days?|weeks?))",
    re.I,
)


def _heading_when(line: str, session_date: date | None) -> str:
    """A heading line that opens with a deadline and ends with a colon ('Before we meet, you'll:', 'By
    Friday:', 'Before the offsite, she'll:'): the deadline of each undated list line under it; else ''."""
    m = re.match(
        # (also after "What you said you'd do …", "What she agreed to do …": the list's deadline too)
        r"^\s*(?:what (?:you|she|he|they|we)\b[^:]{0,30}?\bdo\s+"
        # "Each person committed to one thing before we meet again on 31 March:", "Everyone agreed to … by"
        r"|(?:each|every|all|everyone|both)\b[^:]{0,30}?\b(?:committed|agreed|promised|signed up)\b"
        r"[^:]{0,30}?\s"
        # "Next steps before our next session:", "Actions by Friday:": a list heading with its deadline
        r"|(?:(?:agreed\s+)?(?:next\s+steps?|actions?|action\s+items?|homework|to-?dos?|commitments?)\s+))?"
        r"(?P<head>(?:by|before|ahead of|prior to|until)\b[^:]{1,60}):\s*$",
        line,
        re.I,
    )
    aside = _HEADING_ASIDE.search(line)
    # "Homework before Module 4 (2 Dec):": a bare date in brackets right after the event it dates is when
    # the lines are for, as "(for supervision on 3 March)" is
    event_before = aside and re.search(
        r"\b(?:before|by|ahead of|until)\s+(?:[\w'’-]+\s+){0,2}[\w'’-]+\s*$", line[: aside.start()], re.I
    )
    # "NOW (this week)", "Soon (next week)": a heading of a word or two over the list, its aside only a
    # period counted from the session, is when the lines under it are for
    period = (
        aside and len(line[: aside.start()].split()) <= 2 and _PERIOD_ASIDE.fullmatch(aside["aside"].strip())
    )
    aside = (
        aside
        if aside
        and (
            event_before
            or period
            or re.match(r"(?:for|due|by|before|ahead of|until)\b", aside["aside"], re.I)
        )
        else None
    )
    if (
        not m
        and aside
        and session_date is not None
        and len(line[: aside.start()].split()) <= (8 if event_before else 5)
    ):
        # "My development homework (for supervision on 3 March)": the date in a list heading's aside is
        # when its lines are for ("(4 Feb)", "(edited after our call on Thursday)" say when it was written)
        first = next((p for p in find_due_phrases(aside["aside"], session_date, None) if p.due), None)
        return first.text if first else ""
    if not m or session_date is None:
        return ""
    # the next session's date is not known here: "before we meet" is kept as words, resolved on the line
    first = next(iter(find_due_phrases(m["head"], session_date, None)), None)
    return first.text if first and first.start == 0 else ""


# A line that is only a date with its year ("30 April 2029", "Tue 14 May 2029:", "2029-04-30"): a session's
# own heading when notes of more than one session are pasted together
_HEADER_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y-%m-%d", "%d/%m/%Y")
_HEADER_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


def _header_date(line: str) -> date | None:
    text = _BULLET.sub("", line).strip().strip("#*: ").replace(",", " ")
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", _HEADER_WEEKDAY.sub("", text))
    text = re.sub(r"^(?:session|notes)\s*(?:[-–—:]\s*)?", "", text, flags=re.I)
    text = " ".join(text.split())
    if not re.search(r"\d{4}", text) or len(text) > 24:
        return None
    for fmt in _HEADER_DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _earlier_sessions(lines: list[str], session_date: date | None) -> set[int]:
    """Lines under an earlier session's date heading, when a later session's heading follows in the same
    notes: two sessions' notes pasted together, the older one's items already history."""
    heads = [(i, d) for i, line in enumerate(lines) if (d := _header_date(line))]
    if session_date is None or len(heads) < 2:
        return set()
    latest = max(d for _, d in heads)
    out: set[int] = set()
    for (i, d), nxt in zip(heads, [*heads[1:], (len(lines), None)], strict=True):
        if d < latest and d < session_date:
            out.update(range(i, nxt[0]))
    return out


# "Actions agreed (who / what / by when):" over "- Thabo / ask finance for X / end of Sept": a template's
# columns, typed with slashes
_WHO_WHAT_HEAD = re.compile(r"\bwho\s*/\s*what\b", re.I)
_SLASH_ROW = re.compile(r"^(?P<lead>\s*(?:[-*•]|\d{1,2}[.)])\s*)(?P<body>\S.*?)\s*$")
_CADENCE = re.compile(r"\b(?:every|each|weekly|daily|monthly|fortnightly)\b", re.I)


def _slash_rows(lines: list[str], people: People, session_date: date | None) -> list[str]:
    """Rows under a 'who / what / by when' heading as 'Who: what - when' lines; a row left blank
    ('- Coach /') goes, and a 'when' that is neither a date nor a cadence ('ongoing') is no deadline."""
    out: list[str] = []
    under = False
    for line in lines:
        if _WHO_WHAT_HEAD.search(line):
            under = True
            out.append(line)
            continue
        row = _SLASH_ROW.match(line) if under else None
        parts = re.split(r"\s+/(?:\s+|$)", row["body"]) if row else []
        if not (row and len(parts) >= 2 and people.owner_of_label(parts[0].strip())):
            under = under and not line.strip()
            out.append(line)
            continue
        who, what = parts[0].strip(), parts[1].strip()
        when = " / ".join(p.strip() for p in parts[2:] if p.strip())
        if not what:
            out.append("")
            continue
        dated = session_date and any(p.due for p in find_due_phrases(when, session_date, None))
        keep = when and (dated or _CADENCE.search(when))
        out.append(f"{row['lead']}{who}: {what}" + (f" - {when}" if keep else ""))
    return out


# A tracker's or coaching app's export: "Action: …" with its "Owner: …" and "Due: …" fields on the lines
# under it; and a banner line round the export ("=== end ===", "----- CoachLog export -----")
_FIELD_ACTION = re.compile(
    r"^(?P<lead>\s*)(?:[-*•]\s*)?(?:action(?: item)?|task|to ?do|commitment)\s*\d{0,2}\s*:"
    r"\s*(?P<what>\S.*?)\s*$",
    re.I,
)
_FIELD_OWNER = re.compile(r"^\s*(?:owner|who|assigned to|assignee|responsible)\s*:\s*(?P<v>.*?)\s*$", re.I)
_FIELD_DUE = re.compile(r"^\s*(?:due(?: date)?|deadline|by when|when)\s*:\s*(?P<v>.*?)\s*$", re.I)
# a ticket tracker's ticket: its key and summary ("LEAD-101  Draft the reorg proposal"), then its fields
_TICKET = re.compile(r"^\s*[A-Z][A-Z0-9]{1,9}-\d{1,6}:?\s+(?P<what>\S.*?)\s*$")
_TICKET_FIELD = re.compile(
    r"^\s*(?P<k>assignee|assigned to|owner|reporter|due date|due|status|priority|labels?|sprint)\s*:"
    r"\s*(?P<v>.*?)\s*$",
    re.I,
)
_TICKET_DONE = re.compile(r"^\s*(?:done|closed|resolved|complete|completed|won't do)\b", re.I)
_BANNER = re.compile(r"^\s*([=\-*#~_])\1{2,}\s*[\w .'’-]{0,40}?\s*\1{3,}\s*$")


def _field_blocks(lines: list[str], people: People) -> list[str]:
    """'Action: rehearse the opening' over 'Owner: Client' and 'Due: 06/02/2029' as one 'Client: rehearse
    the opening - 06/02/2029' line (a 'Due' of '(none)' is no deadline); the export's banners go."""
    out: list[str] = []
    n = 0
    while n < len(lines):
        line = lines[n]
        if _BANNER.match(line):
            out.append("")
            n += 1
            continue
        ticket = _TICKET.match(line)
        fields = list(itertools.takewhile(lambda t: bool(_TICKET_FIELD.match(t)), lines[n + 1 : n + 8]))
        if ticket and fields:
            # "LEAD-101  Draft the proposal" over "Assignee: Dana", "Due date: 18/Apr/28", "Status: To Do":
            # one ticket, its assignee the owner; a ticket whose status is done is no action
            got = {m["k"].lower(): m["v"].strip() for m in map(_TICKET_FIELD.match, fields) if m}
            who = got.get("assignee") or got.get("assigned to") or got.get("owner") or ""
            when = got.get("due date") or got.get("due") or ""
            when = "" if _NO_CELL.match(when) or when.lower() in ("none", "unassigned") else when
            if _TICKET_DONE.match(got.get("status", "")):
                out.extend([""] * (len(fields) + 1))
                n += len(fields) + 1
                continue
            if who and people.owner_of_label(who):
                out.append(f"- {who}: {ticket['what']}" + (f" - {when}" if when else ""))
                out.extend([""] * len(fields))
                n += len(fields) + 1
                continue
        act = _FIELD_ACTION.match(line)
        owner = _FIELD_OWNER.match(lines[n + 1]) if act and n + 1 < len(lines) else None
        who = owner["v"].strip() if owner else ""
        if not (act and owner and people.owner_of_label(who)):
            out.append(line)
            n += 1
            continue
        due = _FIELD_DUE.match(lines[n + 2]) if n + 2 < len(lines) else None
        when = due["v"].strip().strip("()").strip() if due else ""
        when = "" if _NO_CELL.match(when) else when
        out.append(f"{act['lead']}- {who}: {act['what']}" + (f" - {when}" if when else ""))
        n += 3 if due else 2
    return out


def segment(raw: str, people: People, session_date: date | None = None) -> list[Sentence]:
    """Sentences of the notes with their context, in order."""
    lines = _chat_export_lines(_speaker_lines(plain_text(raw).split("\n"), people), people)
    lines = _doc_comment_lines(lines, people)
    lines = _label_time_turns(lines, people)
    lines = _slash_rows(_field_blocks(lines, people), people, session_date)
    lines = _table_rows(
        _split_inline_speakers(_csv_rows(_keyed_marks(_subject_lists(lines))), people), people
    )
    lines = _join_wrapped(_generic_speakers(lines))
    transcript = _is_transcript(lines, people)
    one_line = sum(1 for line in lines if line.strip()) == 1
    listed = _dash_tag_list(lines, people)
    colleagues = _colleague_dash_lines(lines, people)
    signed_at = _signature_block(lines, people)
    earlier = _earlier_sessions(lines, session_date)
    weeks = _plan_weeks(lines, session_date)
    answers = {} if _is_transcript(lines, people) else _answered_checkout(lines, people)
    out: list[Sentence] = []
    inherited: dict[int, tuple[str, str | None]] = {}  # a list line's date and owner from its heading line
    section: str | None = None
    said_by_client = False  # the line before a quoted block says the client wrote or said it
    replying = False  # the writer greets the client: a reply to her, quoting her
    said_by_other = False  # … or that someone else did ("an email from his boss")
    sender: str | None = None  # the role of a forwarded email's sender, once its "From:" line is passed
    sender_name = ""  # … and their name, or who the line before the quoted block says wrote it
    email_quoted = False  # the email below the "From:" line quotes its lines with ">"
    signature = False  # inside an email's signature block: contact details and a legal footer
    history = False  # inside a reply's quoted earlier message ("> On 2 Apr, X wrote:" and below)
    # under a heading of the client's own list ("Client's commitments:", "Dana's actions:") the coach
    # writes her items as she said them: "I will book …" is hers
    listed_section: str | None = None
    client_voice = header_voice = False
    heading_when = ""  # "Before we meet, you'll:", "By Friday:" over a list: the date of its undated lines
    stopping: str | None = None  # "Things she won't do any more:" over a list: whose habits, to stop
    retro_part: str | None = None  # a Start / Stop / Continue retro's heading over its list
    questions_for: str | None = None  # "Questions she's taking away:" over questions: who answers them
    questions_when = ""  # … and by when ("(answer before next session)")
    words_of: str | None = None  # "In her words:" over lines each wholly in quotes: whose words they are
    typed_by_client = False  # "Amara's own words (she typed these …):" over her own first-person lines
    for line_no, raw_line in enumerate(lines):
        if not raw_line.strip() or line_no in earlier:
            continue
        if not transcript and (own := _OWN_WORDS_HEADING.match(raw_line.strip())):
            # "Amara's own words (she typed these into our shared doc):" over her unquoted "I will …" lines
            typed_by_client = people.owner_of_word(own["who"]) == "client"
            continue
        if typed_by_client and (_RULE_LINE.match(raw_line) or raw_line.rstrip().endswith(":")):
            typed_by_client = False  # a rule drawn under them, or the next heading ("Mine (Sarah):")
        if not transcript and (words_heading := _WORDS_HEADING.match(raw_line)):
            who = words_heading["who"]
            words_of = people.owner_of_word({"his": "he", "their": "they"}.get(who.lower(), who))
            words_of = words_of if words_of in ("client", "coach", "associate") else None
            continue
        asked = None if transcript or _BULLET.match(raw_line) else _QUESTIONS_HEADING.match(raw_line.strip())
        if asked:
            # "Questions she's taking away (answer before next session):": each question below is hers to
            # answer, by the heading's date
            who = asked["who"] or "she"
            questions_for = people.owner_of_word({"his": "he", "their": "they"}.get(who.lower(), who))
            questions_for = questions_for if questions_for in ("client", "coach") else "client"
            dues = find_due_phrases(raw_line, session_date, None) if session_date else []
            questions_when = dues[0].text if dues else ""
            continue
        if not transcript and not _BULLET.match(raw_line) and _ASKING_HEADING.match(raw_line.strip()):
            continue  # "Questions I'll ask her next time:": the heading over the coach's questions, no step
        if not (_BULLET.match(raw_line) and raw_line.rstrip().endswith("?")):
            questions_for = None
        quoted_words = _WHOLLY_QUOTED.match(_BULLET.sub("", raw_line).strip())
        words_of = words_of if quoted_words else None
        if section != listed_section:
            client_voice, header_voice, listed_section = header_voice and section == "client", False, section
        if _SIGNATURE_START.match(raw_line) or line_no == signed_at:
            signature = True
            continue
        header = _EMAIL_FROM.match(raw_line)
        if header or _EMAIL_BREAK.search(raw_line):
            signature = False
        if _BREAK_LINE.match(raw_line):
            continue  # "---------- Forwarded message ---------": a mail client's divider, not a sentence
        if header:
            # "From: Ravi Menon <ravi@…>" pasted below the coach's own lines: the email's "I" is Ravi's
            sender_name = header["name"].strip(" \"'")
            sender = people.owner_of_label(sender_name) or "other"
            email_quoted = False
            continue
        if signature:
            continue
        if sender and not email_quoted and _signs_off(raw_line, sender_name):
            # "Helen" or "Thanks, Helen" alone on a line: the email pasted without ">" ends there, and the
            # lines after it are the notes' writer's own again
            sender = None
            continue
        quoted = bool(_QUOTE_LINE.match(raw_line)) and not transcript
        if (
            quoted
            and _REPLY_ATTRIBUTION.match(raw_line)
            and not _QUOTE_LINE.match(_prev_line(lines, line_no))
        ):
            # "> On 2 Apr, Sarah wrote:" below an email's own lines: the thread's earlier message, quoted
            # as history (its asks were last time's), so nothing in it is a new item
            history = True
        history = history and quoted
        if history:
            continue
        if not quoted and sender is None and _client_email_intro(raw_line, lines, line_no, people):
            # "From Sophie's email after the session:" over "Hi - …" pasted without ">": the email's "I" is
            # the client's and its "you" the coach, until her sign-off
            sender, sender_name, email_quoted = "client", people.client, False
            continue
        if not quoted and sender in (None, "coach") and people.author == "coach":
            # "Hi Ngozi, thanks for writing these up - notes inline." over her "> 1. Book …": the writer's
            # reply to the client, so what it quotes is the client's own words
            greeted = _CLIENT_GREETING.match(raw_line)
            replying = replying or bool(greeted and people.owner_of_label(greeted["name"]) == "client")
        if not quoted:
            said_by_client = _client_wrote(raw_line, people) or replying
            said_by_other = _other_wrote(raw_line, people)
            if said_by_other and sender is None:
                sender_name = _other_wrote(raw_line, people, name=True) or ""
        author = "client" if quoted and said_by_client and people.author == "coach" else people.author
        if (
            client_voice
            and section == "client"
            and author == "coach"
            and sender is None
            and not quoted
            and not _MY_PART.match(raw_line)
        ):
            author = "client"
        if typed_by_client and author == "coach" and sender is None and not quoted:
            author = "client"
        if quoted and not said_by_client and (said_by_other or sender == "other"):
            # "> I'll introduce you to the CFO" in the boss's email: its "I" is the boss, no one of the
            # session, and what it asks of "you" is asked of the client, not agreed with the coach
            author = "other"
        if sender in ("client", "coach") and not quoted:
            author = sender
        elif sender == "other" and not quoted and not email_quoted:
            # a forwarded email pasted as it came, without ">": below its "From:" line it is still the
            # sender's, so its "I" is no one of the session and what it asks of "you" is only asked (once
            # its lines are ">" quoted, an unquoted line is the coach's own again)
            author = "other"
        email_quoted = email_quoted or (quoted and sender is not None)
        bullet = bool(_BULLET.match(raw_line))
        if not bullet:
            heading_when = _heading_when(raw_line, session_date)
            period_head = _HEADING_ASIDE.search(raw_line)
            if (
                heading_when
                and period_head
                and len(raw_line[: period_head.start()].split()) <= 2
                and _PERIOD_ASIDE.fullmatch(period_head["aside"].strip())
                and _owner_heading(raw_line, people) is None
                and _bare_list_follows(lines, line_no)
            ):
                continue  # "NOW (this week)" over its list: the list's heading and date, no action of its own
        if section == "goals" and not bullet:
            section = None  # the goals' list ends at the first line that is not one of its lines
        if not bullet:
            stop_heading = _STOP_HEADING.match(raw_line.strip())
            stopping = stop_heading["who"] if stop_heading and _bare_list_follows(lines, line_no) else None
            retro = _RETRO_HEADING.match(raw_line.strip())
            retro_part = retro["part"].lower() if retro and _bare_list_follows(lines, line_no) else None
            if retro_part in ("stop", "stop doing"):
                stopping = people.client.split()[0] if people.client else "she"
            if stopping or retro_part:
                continue
        if retro_part and retro_part != "start" and not stopping:
            continue  # under "Continue": what already works, kept up, not a new thing to do
        if not bullet and (
            GOAL_HEADERS.match(raw_line.strip())
            or (AGENDA_HEADERS.match(raw_line.strip()) and _bare_list_follows(lines, line_no))
        ):
            section = "goals"
            continue
        if line_no in colleagues:
            continue  # "Priya - hand over the deck by Fri" beside "Hana - …": Priya's task
        if bullet and _detail_of_action(lines, line_no, session_date):
            continue
        if bullet and (heading := _list_parent(lines, line_no, people, session_date)):
            for child in _children(lines, line_no):
                inherited[child] = heading
            continue
        if bullet and _heads_a_list(lines, line_no, session_date):
            continue  # "1. Get out of the weeds" over "a. Hand the KPI pack to Luis": a goal, its steps below
        if bullet and _BLANK_FIELD.match(raw_line):
            # a template copied with its fields left empty ("2. Review of actions from last session:" over
            # bare "-" lines, "4. Model / tool used:"): a heading with nothing under it, no action
            continue
        done = bool(_TICKED.match(raw_line) or _DONE_STATUS.search(raw_line))  # done, not to do
        done = done or (bullet and bool(_DROPPED_STATUS.search(raw_line)))  # called off, not to do
        line = _BULLET.sub("", raw_line).strip()
        if retro_part == "start":
            # under a retro's "Start": "Running a monthly skip-level" is hers to start doing
            line = f"{people.client.split()[0] if people.client else 'She'} will {_base_of_gerund(line)}"
        if stopping:
            # under "Things she won't do any more:"; a line already saying so ("stop saying yes to …", "no
            # emails after 7pm", "no more Sunday reviews") is not stopped twice
            line = re.sub(r"^(?:stop|quit|no more|no longer|no)\s+", "", line, flags=re.I) or line
            line = line[:1].lower() + line[1:] if re.match(r"[A-Z][a-z]+ing\b", line) else line
            line = f"{stopping} will stop {_gerund(line)}"
        line = _self_corrected(line, session_date)
        line = _TIMESTAMP.sub("", line).strip()
        line = _TRAILING_TIMESTAMP.sub("", line)  # "… senior reps (12:04)": where the recording says it
        marker = _PRIORITY.match(line)
        priority = _priority_of(marker.group()) if marker else ""
        if re.match(r"^\s*!{1,3}\s", raw_line):
            priority = "High"  # "!! call the key account": read as a bullet, it still marks the line urgent
        line = line[marker.end() :] if marker else line
        speaker = tag = None
        label = ""
        inherited_both = False
        if questions_for:
            question = line.rstrip("?").strip()
            tag, label = questions_for, "actions"
            line = f'answer the question "{question}"'  # quoted: its words are a name, not a clause or a date
            line += f" - {questions_when}" if questions_when else ""
        if words_of and quoted_words:
            # '"I'll sort the budget by the 12th."' under "In her words:": her "I", as a transcript's turn
            speaker, line = words_of, quoted_words["words"]
        if line_no in inherited:
            when, tag = inherited[line_no]
            if tag == "both":
                tag, inherited_both = None, True
            if when and session_date and not any(p.due for p in find_due_phrases(line, session_date, None)):
                line = f"{line.rstrip(' .')} - {when}"
        elif (
            heading_when
            and session_date
            and section != "next"
            and not find_due_phrases(line, session_date, None)
        ):
            line = f"{line.rstrip(' .')} - {heading_when}"
        day_line = None
        if not transcript and weeks and (week_line := _week_line(line, weeks)):
            if _WEEK_LINE.match(line):
                line, bullet, label = week_line, True, "actions"
            else:
                line = week_line  # "Me: comms checklist to him by the end of week 1"
        if not transcript:
            day_line = (
                _day_line(line, session_date)
                or _date_first(line, session_date)
                or _paren_date_first(line, session_date)
            )
        if day_line:
            line, bullet, label = day_line, True, "actions"
        todo = _TODO.match(line)
        if todo and line[todo.end() :].strip():
            line = line[todo.end() :]  # "TODO Ruth: …": a marked action, its owner tag after the marker
        m = _TAG.match(line)
        tag_label = m and (m["label"] or m["plabel"] or m["alabel"])
        if m and m["alabel"] and not re.search(r"→|->|=>", line[: m.start("rest")]):
            # "Dana - draft memo": a dash tags an owner only on a line that goes on with a verb: a list
            # line, or a one-line note that is nothing but actions ("ana - call the chair by 24/2.")
            first = (m["rest"].split() or [""])[0].lower()
            # a line marked as a thing to do ("TODO: me - find …") is as good as a list line
            if not (first in ACTION_VERBS and (bullet or one_line or line_no in listed or todo)):
                tag_label = None
        line_both = inherited_both
        if m and tag_label and (m["label"] or m["plabel"]) and (pronoun := _pronoun_tag(tag_label, people)):
            # "[her] send me the deck", "[both] run a mock Q&A": a one-to-one's bracketed pronoun owner
            line = m["rest"].strip().lstrip(":-–— ").strip()
            tag, line_both = (None, True) if pronoun == "both" else (pronoun, False)
        elif m and tag_label and people.owner_of_label(tag_label):
            # "To do (Mia): cut …": the separator after the tag is not part of the action
            tag, line = people.owner_of_label(tag_label), m["rest"].strip().lstrip(":-–— ").strip()
        if line_no in answers and tag is None and not _LABEL.match(line):
            # "What's the first step and when?" / "Talk to Inès on Thursday.": the answer is the step
            tag, bullet, label = answers[line_no], True, "actions"
        if tag_label and tag and not transcript:
            line = _own_verb_in_english(tag_label, line)
        first_person = _OTHER_I.match(line) if tag is None and not transcript else None
        if first_person and is_other_verb_form(first_person["verb"]):
            # "Yo le mando el artículo mañana", "Je lui envoie le modèle ce soir": the writer's own, as "Yo:"
            # ("Send le modèle …": the verb in English, as the rules read the writer's own lines)
            verb = in_english(first_person["verb"]) or first_person["verb"]
            tag, line = people.owner_of_label("me"), f"{verb} {line[first_person.end('verb') :].strip()}"
        trail = _CARRIED_TRAIL.search(line)
        if trail and trail.start() > 0:
            # "Draft the plan → carried over, now by 30 Nov": still to do, by the new date; the status goes
            rest = line[trail.end() :].strip(" ,;")
            line = line[: trail.start()] + (f" - {rest}" if rest else "")
        carried = _CARRIED_OVER.match(line)
        if carried and line[carried.end() :].strip():
            # "Carry over from last time: book the lunches": still to do, as "Carried over:" is
            line, label = line[carried.end() :].strip(), "actions"
        m = None if carried else _LABEL.match(line)
        long_heading = None if carried or m else _LONG_HEADING.match(line) or _QUALIFIED_HEADING.match(line)
        if long_heading and ACTION_HEADERS.match(
            re.sub(r"[^a-z ]", "", long_heading["name"].lower()).strip()
        ):
            # "Agreed experiments for the next four weeks:": a heading longer than a label, over a list
            section = _section_of(re.sub(r"[^a-z ]", "", long_heading["name"].lower()).strip())
            continue
        hedge = ""
        if m:
            name, rest = m["label"].strip(), m["rest"].strip()
            when = _LABEL_WHEN.search(name)
            if (
                when
                and rest
                and (_any_header(name[: when.start()].lower()) or owner_header(name[: when.start()], people))
            ):
                # "Her experiment this week: speak first …", "Homework for next session: read …": the
                # label's own when is the item's due date
                name, rest = name[: when.start()], f"{rest.rstrip(' .')} - {when['when']}"
            owner = people.owner_of_label(name)
            paren = (m["paren"] or "").strip()
            if paren and not owner and people.owner_of_label(paren):
                owner = people.owner_of_label(paren)
                if not (ACTION_HEADERS.match(name.lower()) or transcript):
                    name = paren
                elif ACTION_HEADERS.match(name.lower()):
                    tag = owner
            elif paren and re.match(r"(?:maybe|possibly|tbc|tentative|perhaps|\?)", paren, re.I):
                hedge = "maybe "
            bare = re.sub(r"[^a-z ]", "", name.lower()).strip()
            if not rest:
                if owner and not bullet:
                    section = owner
                    continue
                # "Follow-ups (mine):", "Follow-ups (hers):": the bracket says whose list follows
                header_owner = owner_header(name, people) or (
                    paren and owner_header(f"{name} ({paren})", people)
                )
                if header_owner:
                    section, header_voice = header_owner, not transcript
                    continue
                if bare in ("next", "nxt"):
                    # a bare "Next:" heading over a list is the steps that come next; "next: X" on one line
                    # (and "Next time:") is a topic for the next session
                    section = "actions"
                    continue
                if _any_header(bare):
                    section = _section_of(bare)
                    continue
                section = None
                continue
            if bare in ("checklist", "checklists") and not bullet:
                # a Trello card's "Checklist: Actions (1/5)": the checklist's own name heads the list
                sub = re.sub(r"[^a-z ]", "", re.sub(r"\(\s*\d+\s*/\s*\d+\s*\)", "", rest.lower())).strip()
                if _any_header(sub):
                    section = _section_of(sub)
                    continue
            mention = line.startswith("@")
            if tag and ACTION_HEADERS.match(name.lower()):
                line = rest
            elif transcript and owner and not bullet and not mention:
                speaker, line = owner, rest
            elif transcript and not bullet and people.looks_like_name(name):
                speaker, line = "other", rest
            elif owner:
                tag, line = owner, hedge + (rest if transcript else _own_verb_in_english(name, rest))
            elif bullet and _pronoun_tag(name, people) == "both":
                # "👩🧑‍💼 both: try one 'no, but'" in a one-to-one: the client's and the writer's
                line_both, line = True, hedge + rest
            elif _any_header(bare) and not OPTION_HEADERS.match(bare):
                label, line = _section_of(bare), rest
            elif who := owner_header(name, people):
                # "Homework for Dan: read …", "ACTION - me: find …", "Her homework: keep …"
                tag, line = who, hedge + rest
                label = "homework" if "homework" in bare else "actions"
            elif _OPEN_STATUS.match(bare):
                label, line = "actions", rest  # "➡️ new: shadow the CS team": a status that says still to do
            elif bare in ("so", "so then", "in short", "to sum up", "bottom line") and (
                (rest.split() or [""])[0].lower() in ACTION_VERBS
            ):
                # "So: talk to Carys, sketch both charts and pick one by next time": the session's
                # conclusion, written as what to do
                label, line = "actions", rest
            else:
                label = bare
                line = f"{name}: {rest}"
        elif not bullet and (head := _owner_heading(line, people)):
            section, header_voice = head, not transcript
            continue
        elif not bullet and len(line.split()) <= 6:  # "Parking lot (not this time)": a heading's qualifier
            bare = re.sub(r"[^a-z ]", "", line.lower()).strip()
            if _any_header(bare):
                section = _section_of(bare)
                continue
            # a heading of the notes' other parts (a meeting recorder's "Outline", "Chapters") ends the list
            if bare in {"notes", "context", "background", "discussion", "summary", "overview", "outline",
                        "chapters", "agenda", "transcript", "keywords", "highlights"}:  # fmt: skip
                section = None
                continue
            below = next((t for t in lines[line_no + 1 :] if t.strip()), "")
            if re.fullmatch(r"(?:my|her|his|their|our) [a-z]+(?: [a-z]+)?", bare) and _BULLET.match(below):
                # "My reflections", "Her wins" over a list: a heading of another part of the notes, whose
                # lines are no items unless they say so themselves
                section = None
                continue
            if re.fullmatch(r"(?:[a-z]+ ){1,3}(?:needed|required|requested)", bare):
                # "Support needed", "Help required": a heading of what is asked for, not a thing to get; its
                # lines say who gives it ("From me: a cheat sheet")
                section = None
                continue
        if tag and not transcript and (dated := _paren_date_first(line, session_date)):
            line = dated  # "Me: (Tue) send him …": the owner's tag, then the line's date in brackets
        if not bullet and section not in (None, "actions", "next", "outcomes") and not tag:
            section = section  # a "Coach:" header rules the lines after it until a blank header
        if not tag and not speaker and (bullet or section in ("actions", "homework")):
            trailing = _TRAILING_OWNER.search(line)
            who = trailing and _OWNER_FIELD.sub("", trailing["who"] or trailing["who2"] or "")
            if trailing and trailing["who2"] == "mine":
                who = (
                    "me"  # "Book our next two sessions - mine": the writer's (not "For supervision (mine):")
                )
            at = _AT_OWNER.search(line)
            if trailing and who and people.owner_of_label(who):
                # "Block 2 focus slots (Samir) - Monday", "(owner: Dev) – Dec 15th": the owner, then
                # the date tag kept
                tag = people.owner_of_label(who)
                line = line[: trailing.start()].rstrip(" .") + (trailing["when"] or trailing["when2"] or "")
            elif at and people.owner_of_label(at["who"]) and len(_AT_OWNER.findall(line)) == 1:
                # "Run the assessment with his leads @Dev before 22 Dec": a task tool's assignee
                tag = people.owner_of_label(at["who"])
                line = (line[: at.start()].rstrip() + " " + line[at.end() :].lstrip()).strip()
        urgent_verb = marker and (line.split() or [""])[0].lower() in ACTION_VERBS
        if (todo or _FOLLOW_UP.match(line) or urgent_verb) and not label:
            # "f/u w/ Amara re comp review" opening a line: shorthand written only for a thing to do
            label = "actions"
        if done:
            label = "done"
        if people.client:
            # "me: intro cl to Dana": the shorthand for the client inside an action is her name there
            line = re.sub(r"(?<=\S\s)cl(?=[\s,.;]|$)", people.client.split()[0], line)
        pieces = [part for piece in split_sentences(line) for part in _tagged_parts(piece, people)]
        for i, text in enumerate(pieces):
            sentence_label, sentence_tag = label, tag
            if i > 0:
                text, sentence_label, inline_owner = _inline_label(text, label, people)
                sentence_tag = inline_owner or sentence_tag
                arrow = _ARROW_START.match(text)
                if arrow and out and out[-1].line_no == line_no and out[-1].text.endswith("?"):
                    # "Should I suggest he sees his GP? -> raise with supervisor": the answer is an
                    # action, the asker's when they asked about themselves, and it keeps the question
                    question = out[-1].text
                    asks_self = _ASKS_SELF.match(question)
                    about = f"whether to {question[asks_self.end() :].rstrip('?')}" if asks_self else ""
                    text, sentence_label = f"{text[arrow.end() :]} {about}".strip(), "actions"
                    if asks_self and not speaker:
                        sentence_tag = people.author
            out.append(
                Sentence(
                    text,
                    line_no,
                    len(out),
                    line,
                    speaker,
                    sentence_tag,
                    "both" if line_both else section,
                    bullet,
                    i == 0,
                    sentence_label,
                    author,
                    sender_name if author == "other" else "",
                    priority,
                )
            )
    return _heading_not_a_tag(out)


# A numbered template field ending in its colon, nothing after it ("2. Review of actions from last
# session:"), or a bare bullet
_BLANK_FIELD = re.compile(r"^\s*(?:\d{1,2}[.)]\s+[^:\n]{2,60}:|[-*•])\s*$")
# "In her words:", "Her own words -": a heading over the client's sayings, each line wholly in quotes
_WORDS_HEADING = re.compile(r"^\s*(?:in\s+)?(?P<who>her|his|their)\s+(?:own\s+)?words\s*[:\-–—]?\s*$", re.I)
# "Questions she's taking away (answer before next session):", "Questions for him to think about:",
# "Questions to answer before we meet:" (not "Questions I asked:", the session's own)
_QUESTIONS_HEADING = re.compile(
    r"^(?:(?:open|key|big|reflective|coaching|homework)\s+)?questions?\b"
    r"(?:\s+for)?(?:\s+(?P<who>she|he|they|her|him|them|i|me)(?:['’]s|['’]re|\s+is|\s+are)?)?"
    r"\s+(?:(?:is\s+|are\s+)?taking\s+away|to\s+(?:take\s+away|answer|think\s+about|reflect\s+on|sit\s+with"
    r"|consider|ponder|journal\s+on))\b[^:]*:\s*$",
    re.I,
)
# "Amara's own words (she typed these in):", "Her own words, typed by her:": a heading over the client's
# lines in her own first person, not quoted
_OWN_WORDS_HEADING = re.compile(
    r"^(?P<who>(?-i:[A-Z][\w-]+)|her|his)(?:['’]s)?\s+own\s+words\b[^:\n]{0,80}:$", re.I
)
# "______", "-----", "=====": a rule drawn across the page
_RULE_LINE = re.compile(r"^\s*(?:[_=~*-]\s*){3,}$")
# "Questions I'll ask her next time:", "Questions to ask him in March:": the coach's questions to put
_ASKING_HEADING = re.compile(
    r"^(?:(?:open|key|big|follow-up|coaching)\s+)?questions?\s+(?:(?:i|we)(?:['’]ll|\s+will|\s+want\s+to)\s+|to\s+)"
    r"(?:ask|put\s+to|raise\s+with)\b[^:]*:$",
    re.I,
)
_WHOLLY_QUOTED = re.compile(r"^[\"“](?P<words>[^\"“”]{3,})[\"”][.,!]?$")


# An email's signature starts at a line of two dashes ("-- ", RFC 3676) and runs to the next message.
_SIGNATURE_START = re.compile(r"^\s*--\s*$")
_EMAIL_FROM = re.compile(r"^\s*from\s*:\s*(?P<name>[^<\n@]+?)\s*(?:<[^>\n]*>)?\s*$", re.I)
_EMAIL_BREAK = re.compile(r"forwarded message|original message|^\s*>?\s*on .{5,80} wrote:\s*$", re.I)
_BREAK_LINE = re.compile(r"^[\s>*_=-]*(?:begin\s+)?(?:forwarded|original)\s+message[\s:*_=-]*$", re.I)
_QUOTE_LINE = re.compile(r"^\s*>(?![>-])\s*\S")
_WROTE = re.compile(
    r"\b(?:wrote|sent|emailed|replied|reply|responded|answered|messaged|texted|shared|posted|said|reflection|journal(?:led)?|note|email|message)\b",
    re.I,
)


_ROLE_NOUN = (
    r"(?:boss|manager|line manager|ceo|cfo|coo|cto|md|chair|director|vp|head|hrbp|hr|peer|colleague|"
    r"report|deputy|sponsor|board|founder|co-?founder|investor|team|lead)\b"
)
# "an email from his boss (Diane, COO)", "Diane's email", "forwarded from Raj": someone else wrote it
_FROM_WHOM = re.compile(
    rf"\b(?:from|by)\s+(?P<who>(?:his|her|their|the)\s+{_ROLE_NOUN}|[A-Z][\w'’-]+)"
    rf"|\b(?P<whose>(?:[Hh]is|[Hh]er|[Tt]heir)\s+{_ROLE_NOUN}|[A-Z][\w-]+)['’]s\s+(?:email|message|note|letter|reply)\b"
)


def _other_wrote(line: str, people: People, name: bool = False) -> bool | str:
    """'Kwame brought an email from his boss:': a '>' quoted block after it is a third person's words
    (with `name`, who wrote it: 'his boss', 'Diane')."""
    if not _WROTE.search(line):
        return False
    for m in _FROM_WHOM.finditer(line):
        whole = m["who"] or m["whose"]
        who = whole.split()[-1]
        if who[:1].islower() or people.owner_of_word(who) == "third":
            if re.match(r"(?:his|her|their|the)\s", whole, re.I):  # "Her boss's email": 'her boss'
                whole = re.sub(r"^the\s+", "", whole[0].lower() + whole[1:])
            return whole if name else True
    return False


_SIGN_OFF = re.compile(
    r"^\s*(?:[-–—]\s*)?(?i:(?:many\s+)?thanks|thank you|best(?: wishes| regards)?|regards|kind regards|"
    r"cheers|warmly|all the best|speak soon|ta)?[,!.]?\s*"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s*[.!]?\s*$"
)


_CONTACT = re.compile(r"@\w|\bwww\.|https?://|\+?\d[\d ()-]{7,}\d|\s\|\s")


def _signature_block(lines: list[str], people: People) -> int | None:
    """Where the notes end on someone's signature: a full name of the session alone on a line, after which
    come only a few short lines with a contact detail among them (a title, a phone, an address)."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    names = {n.lower() for n in (people.client, people.coach, *people.associates) if n and " " in n}
    for k in range(max(0, len(filled) - 6), len(filled) - 1):
        i = filled[k]
        if lines[i].strip().strip(",.").lower() not in names:
            continue
        rest = [lines[j] for j in filled[k + 1 :]]
        if any(_CONTACT.search(line) for line in rest) and all(len(line.split()) <= 8 for line in rest):
            return i
    return None


def _signs_off(line: str, sender_name: str) -> bool:
    """'Helen' or 'Thanks, Helen' alone on a line: the sign-off of an email from Helen Price."""
    m = _SIGN_OFF.match(line)
    if not m or not sender_name:
        return False
    names = sender_name.lower().split()
    signed = m["name"].lower().split()
    return signed == names or (len(signed) == 1 and signed[0] == names[0])


_REPLY_ATTRIBUTION = re.compile(r"^\s*>\s*on .{5,80} wrote:\s*$", re.I)
_EMAIL_WORD = re.compile(r"\b(?:e-?mail(?:ed)?|message[ds]?|wrote|sent|texted)\b", re.I)
_EMAIL_GREETING = re.compile(r"^\s*(?:hi|hello|hey|dear)\b", re.I)
_CLIENT_GREETING = re.compile(r"^\s*(?:hi|hello|hey|dear)\s+(?P<name>[A-Z][\w'’-]+)\b", re.I)


def _prev_line(lines: list[str], line_no: int) -> str:
    return next((line for line in reversed(lines[:line_no]) if line.strip()), "")


def _client_email_intro(line: str, lines: list[str], line_no: int, people: People) -> bool:
    """'From Sophie's email after the session (pasted):' with a greeting on the next line: the client's
    email follows, pasted as it came (not '>' quoted)."""
    if not line.rstrip().endswith(":") or not _EMAIL_WORD.search(line) or _other_wrote(line, people):
        return False
    words = [re.sub(r"['’]s$", "", w) for w in re.findall(r"[\w'’]+", line)[:8]]  # "Sophie's email"
    # "Draft recap email to Sophie:" names her as who it goes to: the writer's own email, not hers
    if not any(
        people.owner_of_word(w) == "client" and (k == 0 or words[k - 1].lower() not in ("to", "for"))
        for k, w in enumerate(words)
    ):
        return False
    after = next((x for x in lines[line_no + 1 :] if x.strip()), "")
    return bool(_EMAIL_GREETING.match(after))


def _client_wrote(line: str, people: People) -> bool:
    """'Helen sent this reflection before the session:' or 'She emailed me:': a '>' quoted block after it is
    the client's own words, so its 'I' is the client and its 'you' the coach."""
    if not _WROTE.search(line) or _other_wrote(line, people):
        return False
    return any(people.owner_of_word(w) == "client" for w in re.findall(r"[\w'’]+", line)[:8])


_DASH_TAG = re.compile(r"^\s*(?P<who>@?[\w.]{1,20})\s+[-–—]\s+(?P<verb>[a-z]+)\b")


def _dash_tag_list(lines: list[str], people: People) -> set[int]:
    """Lines of a list written without bullets, each 'Raj - set up the log' with a person of the session
    and a verb: at least two of them in a run of lines that each open with such a person (a single such
    line may be prose; 'Marco - not sure yet' between two of them is still the list's line)."""
    person = [bool((m := _DASH_TAG.match(line)) and people.owner_of_label(m["who"])) for line in lines]
    tagged = [
        bool(person[i] and (m := _DASH_TAG.match(line)) and m["verb"] in ACTION_VERBS)
        for i, line in enumerate(lines)
    ]
    out: set[int] = set()
    run: list[int] = []
    for i in [*(i for i, line in enumerate(lines) if line.strip()), -1]:
        if i >= 0 and person[i]:
            run.append(i)
            continue
        if sum(tagged[j] for j in run) >= 2:
            out |= {j for j in run if tagged[j]}
        run = []
    return out


def _colleague_dash_lines(lines: list[str], people: People) -> set[int]:
    """'Priya - hand over the deck by Fri' in a run of such lines where others name the client or the
    writer ('Hana - write the handover doc', 'Me - send …'): a list of who does what, so a name that is no
    one of the session is a colleague's task, not the client's (alone, 'Budget - send to CFO' may be a
    topic, so only the run's other lines tell)."""
    kinds: list[str] = []
    for line in lines:
        m = _DASH_TAG.match(line)
        kind = ""
        if m:  # "Luis - own the supplier calls": any verb, as the tag is what says whose it is
            if people.owner_of_label(m["who"]):
                kind = "session"
            elif people.looks_like_name(m["who"]) and people.owner_of_word(m["who"]) in (None, "third"):
                kind = "colleague"
        kinds.append(kind)
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line.strip() and i < len(lines) and kinds[i]:
            run.append(i)
            continue
        if line.strip() or i == len(lines):  # a line of another kind ends the run (blank lines do not)
            if any(kinds[j] == "session" for j in run):
                out |= {j for j in run if kinds[j] == "colleague"}
            run = []
    return out


def _heading_not_a_tag(out: list[Sentence]) -> list[Sentence]:
    """'Ivan: change programme stalling at step 3.' opening notes whose actions are tagged list lines
    ('→ Ivan: rewrite the vision …') is the note's heading, not an action of Ivan's."""
    if not out or out[0].bullet or out[0].tag_owner is None or out[0].section or out[0].speaker:
        return out
    if not any(s.bullet and s.tag_owner for s in out[1:]):
        return out
    first = out[0].line_no
    return [replace(s, tag_owner=None) if s.line_no == first else s for s in out]


# "Remember to thank Anya …", "Don't forget to book …": a reminder of a thing to do, marked as a TODO is
_TODO = re.compile(r"^(?:todo|to-?do|to do|remember to|don['’]?t forget to)\b\s*[:\-–]?\s*", re.I)
_FOLLOW_UP = re.compile(r"^f/u\b", re.I)
_ARROW_START = re.compile(r"^(?:->|→|=>)\s*")
_ASKS_SELF = re.compile(r"^(?:should|shall|do|can|could|must|would)\s+i\s+", re.I)
_INLINE_LABEL = re.compile(r"^(?P<name>[A-Za-z][A-Za-z' -]{0,24}?)\s*:\s*(?P<rest>\S.*)$")


_SEMICOLON_TAG = re.compile(r";\s+(?=(?P<who>[\w.'’]{1,20})\s*:\s*(?P<verb>[a-z][\w-]*))")


def _tagged_parts(text: str, people: People) -> list[str]:
    """'cl to draft 1-pager by fri; me: intro to CFO': an owner tag after a semicolon starts another
    action, as it would after a full stop."""
    out, start = [], 0
    for m in _SEMICOLON_TAG.finditer(text):
        if m["verb"].lower() in ACTION_VERBS and people.owner_of_label(m["who"]):
            out.append(text[start : m.start()].strip())
            start = m.end()
    return [p for p in (*out, text[start:].strip()) if p]


def _inline_label(text: str, label: str, people: People) -> tuple[str, str, str | None]:
    """A label inside a paragraph ("… blind spots. Homework: ask three peers …") rules its own sentence,
    as it would at the start of a line: the sentence is an action (or a topic for next time), and a label
    that names whose list it is ("Her homework:", "Actions for me:") its owner."""
    m = _INLINE_LABEL.match(text)
    if not m:
        return text, label, None
    bare = re.sub(r"[^a-z ]", "", m["name"].lower()).strip()
    if ACTION_HEADERS.match(bare) or NEXT_HEADERS.match(bare):
        return m["rest"].strip(), _section_of(bare), None
    who = owner_header(m["name"], people)
    if who:
        return m["rest"].strip(), "homework" if "homework" in bare else "actions", who
    first = (m["rest"].split() or [""])[0].lower()
    who = people.owner_of_label(m["name"]) if first in ACTION_VERBS else None
    if who:  # "… by 24/2. me: chase the 360 report.": an owner tag mid-line, as at the start of one
        return m["rest"].strip(), "actions", who
    return text, label, None


_TRAILING_OWNER = re.compile(
    r"\s*(?:[(\[](?P<who>[^)\]]{1,25})[)\]](?P<when>\s*[-–—]\s*[^()\[\]]{1,30})?"
    # "Draft a 90-day plan - Olu - 16 March": an "Action - Owner - Due" line, the owner then the date
    # "Book our next two sessions - mine": the writer's, tagged in small letters at the end
    r"|\s[-–—]\s(?=[A-Z@]|(?:me|mine)\s*\.?$)(?P<who2>@?(?:[A-Z][\w.]*|me|mine))"
    r"(?P<when2>\s[-–—]\s[^-–—()\[\]]{1,30})?)\s*\.?$"
)
# "(owner: Dev)", "(assigned to Sarah)": a field name before the owner in a list line's tag
_OWNER_FIELD = re.compile(r"^\s*(?:owners?|who|assignee|assigned to|responsible)\s*[:=]?\s*", re.I)
# "@Sarah" after the task, not after a word that makes it the one the task is for or with ("send to @Dev")
_AT_OWNER = re.compile(
    r"(?<!\bto )(?<!\bwith )(?<!\bfor )(?<!\bfrom )(?<!\bcc )(?<!\band )(?<!\bask )(?<!\btell )"
    r"(?<![\w@])@(?P<who>[A-Za-z][\w.]*[A-Za-z])\b(?!\.\w)",
    re.I,
)
# "Admin for me:", "my follow-ups": the coach's own business tasks are a list of things to do as well
_LIST = (
    r"(?:actions?|action items?|action points?|homework|to ?-?dos?|tasks?|next steps|commitments|admin|"
    r"follow-?ups?|takeaways?|experiments?|practi[cs]e)"
)
# "… this week", "… for next session" closing a label ("Her experiment this week:"): when its item is due
_LABEL_WHEN = re.compile(
    r"\s+(?:for\s+|before\s+|by\s+)?(?P<when>(?:this|next)\s+(?:week|wk|fortnight|month)"
    r"|(?:the\s+|our\s+)?next\s+(?:session|sess|time|call))$",
    re.I,
)
# "Follow-ups (mine)", "Actions (hers)": whose list, in brackets after it
_OWNER_HEADER = re.compile(
    # "Her homework for me:": whom the list is for does it, whoever set it
    rf"^(?:(?:(?:her|his|their|my|[a-z]+['’]s)\s+)?{_LIST}\s+for\s+"
    rf"(?P<who_for>(?!next\b|the next\b).{{1,30}})"
    rf"|(?P<who>.{{1,30}}?)(?:['’]s)?\s+{_LIST}|{_LIST}\s+(?:for|[-–—])\s+(?P<who_after>.{{1,30}})"
    rf"|{_LIST}\s*\((?P<who_paren>[^()]{{1,30}})\))$",
    re.I,
)


_SELF_NOTE = re.compile(r"^(?:nts|(?:notes?|reminders?|memo|to ?do) (?:to|for) (?:self|me|myself))$", re.I)


def owner_header(text: str, people: People) -> str | None:
    """'Dana's actions', 'My to-dos', 'Actions for the coach', 'Coach homework': whose list follows."""
    if _SELF_NOTE.match(text.strip().rstrip(":").strip()):
        return people.author  # "Note to self:", "Reminder for me:"
    side = re.match(
        r"^(?:on\s+)?(my|her|his|their|the client['’]s|client['’]s)\s+side$"
        # "On me: an intro to Mei", "On her: the updated CV": whose it is to do
        r"|^on\s+(me|her|him|them|the client)$",
        text.strip().rstrip(":").strip(),
        re.I,
    )
    if side:  # "My side: send her the template", "On her side:": whose part of what was agreed
        return people.author if (side.group(1) or side.group(2)).lower() in ("my", "me") else "client"
    bare = text.strip().rstrip(":").strip().lower()
    # "Hers, which she set herself:", "Mine (smaller):": the pronoun says whose, the rest only about them
    # "Mine that carry over to you, Priya:", "Mine that stay with me:": a relative clause, with or without
    # its comma
    bare = re.sub(
        r"^(mine|hers|his)\s*(?:,\s*(?:which|that|all|both)\b.*|\([^()]*\)|\s(?:which|that)\s.*)$",
        r"\1",
        bare,
    )
    what = re.match(
        r"^(?:what|things)\s+(.{1,20}?)\s+(?:will|['’]ll|is going to|agreed to)\s+do(?: instead)?$", bare
    )
    if what:  # "What she will do: …", "Things I'll do:": whose the list or line is
        who = what.group(1)
        if who in ("i", "we"):
            return people.author
        if who in ("she", "he", "they"):
            return None if people.joint else "client"
        return owner_header(f"{who} will", people)
    if bare in ("mine", "my ones"):
        return people.author  # "Mine:" after the client's list: the writer's own things to do
    if bare in ("hers", "his") and not people.joint:
        return "client"
    to = re.match(r"^(.{1,30}?)\s+(?:to|will)$", text.strip().rstrip(":").strip(), re.I)
    if to:  # "Coach to:", "Hannah will:"
        who = to.group(1).strip()
        if who.lower() in ("both", "we both", "both of us") and not people.joint:
            return "both"  # "Both to:" in a one-to-one: each line is the client's and the writer's
        return people.author if who.lower() in ("me", "i") else people.owner_of_label(who)
    m = _OWNER_HEADER.match(text.strip().rstrip(":").strip())
    if not m:
        return None
    who = (m["who_for"] or m["who"] or m["who_after"] or m["who_paren"] or "").strip().strip("@")
    # "My development homework", "Her weekly experiments": a word that says which of her lists, after whose
    who = re.sub(r"^(my|her|his|their)\s+[a-z-]+$", r"\1", who, flags=re.I)
    if who.lower() in ("my", "mine", "me", "i"):
        return people.author
    if who.lower() in ("our coach", "the coach"):
        return "coach"
    if who.lower() in ("the client", "client's", "client", "her", "his", "their", "hers", "theirs"):
        return "client"  # "her homework" in notes about the client
    return people.owner_of_label(who)


def _any_header(bare: str) -> bool:
    return any(rx.match(bare) for rx in (ACTION_HEADERS, NEXT_HEADERS, OUTCOME_HEADERS, OPTION_HEADERS))


def _section_of(bare: str) -> str:
    if OPTION_HEADERS.match(bare):
        return "options"
    if ACTION_HEADERS.match(bare):
        return "homework" if bare.startswith("homework") else "actions"
    if NEXT_HEADERS.match(bare):
        return "next"
    return "outcomes"
