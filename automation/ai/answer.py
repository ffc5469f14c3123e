"""The model's answer read into the one notes model, leniently where the meaning is clear, strictly where it
is not. Pure: the answer's text and the drafter's input in, a NotesDraft (or Unfit) out.

Strict structured outputs make most of this moot on OpenAI itself; an OpenAI-compatible endpoint
(OPENAI_BASE_URL) may still wrap the JSON in a code fence or prose, write "Client" or "high", leave out an
empty list, or give a due date in words. Those are read as meant. An answer without a summary or without
its action items list does not fit, and the rules draft instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from automation.sessions.draft import ActionItemDraft, NotesDraft, NotesInput
from automation.sessions.models_match import aliases, match_models
from automation.sessions.words import content_words

MAX_ITEMS = 60  # more than a session's notes hold: beyond this the answer lists everything said (unfit)
_FENCE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.S)
_KEYS = {
    "outcomes": "key_outcomes", "models": "leadership_models", "leadership_models_used": "leadership_models",
    "topics": "next_topics", "topics_for_next_session": "next_topics", "next_session_topics": "next_topics",
    "items": "action_items", "actions": "action_items",
}  # fmt: skip
_ITEM_KEYS = {
    "task": "description", "action": "description", "text": "description", "assignee": "owner",
    "assigned_to": "owner", "who": "owner", "due_date": "due", "deadline": "due", "quote": "receipt",
    "source": "receipt", "evidence": "receipt",
}  # fmt: skip
_PRIORITY = {"high": "High", "urgent": "High", "critical": "High", "asap": "High", "medium": "Medium",
             "normal": "Medium", "moderate": "Medium", "low": "Low"}  # fmt: skip
_NO_DATE = {"", "null", "none", "n/a", "na", "tbd", "unknown", "no date", "not given", "not set"}


class Unfit(ValueError):
    """The answer does not fit the notes model: the rules draft instead."""


def answer_json(content: str | None) -> dict[str, Any]:
    """The JSON object in the answer: as it is, inside a code fence, or the first {...} in prose."""
    text = (content or "").strip()
    if not text:
        raise Unfit("empty answer")
    candidates = [text, *(m.group(1).strip() for m in _FENCE.finditer(text))]
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        candidates.append(text[start : end + 1])
    for candidate in candidates:
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(data, dict):
            return {_key(k, _KEYS): v for k, v in data.items()}
        raise Unfit(f"a JSON {type(data).__name__}, not an object")
    raise Unfit("no JSON object in the answer")


def _key(name: Any, synonyms: Mapping[str, str]) -> str:
    """Key names as the model may write them: "Key Outcomes", "key-outcomes", "keyOutcomes"."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(name)).strip().lower()
    snake = re.sub(r"[\s-]+", "_", snake)
    return synonyms.get(snake, snake)


def plain(text: Any) -> str:
    """Markdown made plain text (the notes go into Airtable fields and a plain email): headings, emphasis,
    code marks and links go, their words stay."""
    s = str(text or "").replace("\r\n", "\n")
    s = re.sub(r"^\s{0,3}#{1,6}\s+", "", s, flags=re.M)
    s = re.sub(r"\[([^\]\n]+)\]\((?:[^)\s]+)\)", r"\1", s)
    s = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", s)
    s = re.sub(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])", r"\2", s)
    s = re.sub(r"`([^`\n]+)`", r"\1", s)
    return re.sub(r"\n{3,}", "\n\n", s).strip()


def _line(text: Any) -> str:
    """One list entry: plain, without its bullet or number."""
    return re.sub(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+", "", plain(text)).strip()


def _lines(value: Any) -> list[str]:
    """A list of strings from a list, or from one string of lines."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines() if "\n" in value.strip() else [value]
    if not isinstance(value, list):
        raise Unfit(f"a list was expected, not {type(value).__name__}")
    out = []
    for v in value:
        if isinstance(v, Mapping):  # {"title": …} or {"text": …}
            v = next((v[k] for k in ("title", "name", "text", "topic", "outcome") if v.get(k)), "")
        line = _line(v)
        if line and line not in out:
            out.append(line)
    return out


def to_draft(out: Any, inp: NotesInput, drafter: str) -> NotesDraft:
    """The model's answer (the parsed object, or its JSON as a dict) as the one output model: owners,
    dates and priorities read as meant, models only from the table, duplicates once."""
    data = out.model_dump() if hasattr(out, "model_dump") else {_key(k, _KEYS): v for k, v in out.items()}
    summary = plain(data.get("summary") if isinstance(data.get("summary"), str) else "")
    if not summary:
        raise Unfit("no summary")
    raw_items = data.get("action_items")
    if not isinstance(raw_items, list):
        raise Unfit("no action_items list")
    if len(raw_items) > MAX_ITEMS:
        raise Unfit(f"more than {MAX_ITEMS} action items")
    items: list[ActionItemDraft] = []
    seen: dict[tuple[str, str], int] = {}
    for raw in raw_items:
        item = _item(raw, inp)
        if item is None:
            continue
        same = (item.owner, " ".join(content_words(item.description)) or item.description.lower())
        if same in seen:  # the same item twice: once, with a date if either copy has one
            first = items[seen[same]]
            if first.due is None and item.due is not None:
                items[seen[same]] = first.model_copy(update={"due": item.due})
            continue
        seen[same] = len(items)
        items.append(item)
    return NotesDraft(
        summary=summary,
        key_outcomes=_lines(data.get("key_outcomes")),
        action_items=items,
        leadership_models=models_named(_lines(data.get("leadership_models")), inp),
        next_topics=_lines(data.get("next_topics")),
        drafter=drafter,
    )


def _item(raw: Any, inp: NotesInput) -> ActionItemDraft | None:
    if not isinstance(raw, Mapping):
        return None
    it = {_key(k, _ITEM_KEYS): v for k, v in raw.items()}
    description = _line(it.get("description"))[:200].strip()
    if not description:
        return None
    notes: list[str] = []
    owner = _owner(it.get("owner"), inp, notes)
    due = _due(it.get("due"), inp, notes)
    tentative = it.get("tentative")
    if isinstance(tentative, str):
        tentative = tentative.strip().lower() in ("true", "yes", "1", "y")
    tentative = bool(tentative)
    priority = _PRIORITY.get(str(it.get("priority") or "").strip().lower(), "Medium")
    receipt = plain(it.get("receipt") if isinstance(it.get("receipt"), str) else "") or "no receipt given"
    receipt = " — ".join([receipt, *notes])
    return ActionItemDraft(
        description=description,
        owner=owner,  # type: ignore[arg-type]
        due=due,
        priority="Low" if tentative else priority,  # type: ignore[arg-type]
        tentative=tentative,
        receipt=receipt[:1000],
    )


def _owner(value: Any, inp: NotesInput, notes: list[str]) -> str:
    """client, coach or associate; the people's names read as their roles. Anyone else, or no owner: the
    coach's, to review (never shown to the client on a guess)."""
    said = str(value or "").strip()
    low = said.lower()
    author = "associate" if inp.author == "associate" and inp.associate_names else "coach"
    roles = {"client": "client", "coach": "coach", "associate": "associate", "me": author, "i": author,
             "coachee": "client", "lead coach": "coach", "both": "client"}  # fmt: skip
    role = roles.get(low)
    if role is None and low:
        for name, who in (
            (inp.client_name, "client"),
            (inp.coach_name, "coach"),
            *((a, "associate") for a in inp.associate_names),
        ):
            parts = name.lower().split()
            if parts and (low == name.lower() or low == parts[0]):
                role = who
                break
    if role == "associate" and not inp.associate_names:
        role = "coach"  # no associate on this session: the lead coach ran it
    if role is None:
        notes.append(f"owner '{said}' is not the client, the coach or an associate: the coach's to review"
                     if said else "no owner given: the coach's to review")  # fmt: skip
        role = "coach"
    return role


def _due(value: Any, inp: NotesInput, notes: list[str]) -> date | None:
    """A date on or after the session: ISO, an ISO date-time, or words read as the rules read them."""
    from automation.sessions.dates import find_due_phrases, month_first_in, numeric_order, pick_due

    said = str(value or "").strip()
    if said.lower() in _NO_DATE:
        return None
    due: date | None = None
    try:
        due = date.fromisoformat(said[:10])
    except ValueError:
        try:
            due = datetime.fromisoformat(said.replace("Z", "+00:00")).date()
        except ValueError:
            # "12/1" read as the notes write their dates (month first in a US coach's notes), as the rules do;
            # the field is a due date, so a bare "4/5" is read as "by 4/5" (in the notes a cue is needed)
            with numeric_order(month_first_in([inp.raw_notes], inp.session_date, inp.time_zone)):
                phrase = pick_due(find_due_phrases(said, inp.session_date, inp.next_session)) or pick_due(
                    find_due_phrases(f"by {said}", inp.session_date, inp.next_session)
                )
            due = phrase.due if phrase is not None else None
    if due is None:
        notes.append(f"the date '{said}' was not a date and was dropped")
    elif due < inp.session_date:
        notes.append(f"the date '{said}' is before the session and was dropped")
        due = None
    return due


def models_named(names: list[str], inp: NotesInput) -> list[str]:
    """Titles of the table's models the answer names: by title or any of its aliases (any case), or a
    name that contains one ("the GROW model framework"). Anything else is not a model of this business."""
    out: list[str] = []
    for name in names:
        low = name.strip().lower()
        hit = next(
            (m.title for m in inp.models if low in {a.lower() for a in aliases(m)}),
            None,
        )
        hits = [hit] if hit else match_models(name, inp.models)
        out += [t for t in hits if t not in out]
    return out
