"""What a notes draft writes: session fields (never over the coach's own text), the client's Notes Summary
and the client's notes email; the action items are items.py's. Pure: records and the draft in, rows out."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from automation.messages.draft import Draft
from automation.messages.headers import address_problem
from automation.models import Client, LeadershipModel, Session
from automation.schedule.times import own_zone
from automation.sessions.draft import NotesDraft
from automation.sessions.items import (  # noqa: F401 - the items' writes, where callers have found them
    ItemWrites,
    edited_by_coach,
    item_key,
    item_writes,
    key_hash,
    withdrawn_items,
)
from automation.text import date_text, month_first_zone, to_her

LONG_TEXT_MAX = 100_000  # Airtable's limit on a long text cell: a longer value fails the whole write
# On the last line of Notes Receipts: a fingerprint of each session field as drafted (a field that no
# longer matches was edited by the coach and is hers), and the item keys' fingerprints (items.py).
DRAFTED_FIELDS = ("notes_summary", "key_outcomes", "next_topics", "leadership_models")
SESSION_FINGERPRINT = re.compile(r"\[draft ((?:[0-9a-f-]{6} ?){4})\]")
HERS = "------"  # the fingerprint kept for a field the coach wrote: matches no value


def notes_hash(raw: str) -> str:
    """A short fingerprint of the raw notes: the draft stored on a session says which notes it came from."""
    return hashlib.sha256(raw.strip().encode()).hexdigest()[:10]


def prompt_version(drafter: str, raw: str) -> str:
    return f"{drafter} · notes {notes_hash(raw)}"


def needs_draft(session: Session) -> bool:
    """Completed, with notes, not yet sent, and not already drafted from these very notes."""
    raw = (session.raw_notes or "").strip()
    if session.status != "Completed" or not raw or session.notes_status not in (None, "Pending", "Drafted"):
        return False
    return not (session.notes_status == "Drafted" and notes_hash(raw) in (session.prompt_version or ""))


def _fit(text: str, limit: int = LONG_TEXT_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _norm(value: Any) -> str:
    if isinstance(value, list):
        return ",".join(sorted(str(v) for v in value))
    lines = str(value or "").replace("\r\n", "\n").strip().splitlines()
    return "\n".join(line.rstrip() for line in lines)


def _field_hash(value: Any) -> str:
    return hashlib.sha256(_norm(value).encode()).hexdigest()[:6]


def _drafted_hashes(session: Session) -> dict[str, str] | None:
    found = SESSION_FINGERPRINT.findall(session.notes_receipts or "")  # the last line's, not a quote's
    return dict(zip(DRAFTED_FIELDS, found[-1].split(), strict=True)) if found else None


def coach_fields(session: Session) -> set[str]:
    """The session fields the coach has written herself, which a (re-)draft leaves as they are: changed
    since the last draft, or filled in before any draft. Empty ones are the drafter's."""
    drafted = _drafted_hashes(session)
    if drafted is None and session.notes_status == "Drafted":
        return set()  # drafted before fingerprints were kept: the drafter's, as before
    hers = set()
    for name in DRAFTED_FIELDS:
        value = getattr(session, name)
        if not _norm(value):
            continue
        if drafted is None or drafted[name] != _field_hash(value):
            hers.add(name)
    return hers


def _bullets(lines: list[str]) -> str:
    return _fit("\n".join(f"• {line}" for line in lines))


def _unbulleted(text: str | None) -> list[str]:
    lines = (text or "").splitlines()
    return [re.sub(r"^\s*(?:•\s*|[-*]\s+)", "", line).strip() for line in lines if line.strip()]


def session_fields(
    draft: NotesDraft,
    raw: str,
    model_ids: list[str],
    current: Session | None = None,
    item_keys: list[str] | None = None,
) -> dict[str, Any]:
    """The session's notes fields from the draft; those the coach wrote herself (`current`) are left as
    they are. Notes Receipts ends with the fingerprints the next draft reads."""
    values: dict[str, Any] = {
        "notes_summary": _fit(draft.summary),
        "key_outcomes": _bullets(draft.key_outcomes),
        "next_topics": _bullets(draft.next_topics),
        "leadership_models": model_ids,
    }
    hers = coach_fields(current) if current is not None else set()
    before = (_drafted_hashes(current) if current is not None else None) or {}
    hashes = [before.get(f, HERS) if f in hers else _field_hash(values[f]) for f in DRAFTED_FIELDS]
    receipts = [f"{i + 1}. {item.receipt}" for i, item in enumerate(draft.action_items)]
    if not draft.action_items:
        receipts.append("No action items found in the notes.")
    last = f"Drafted by {draft.drafter}. [draft {' '.join(hashes)}]"
    if item_keys:
        last += f" [items {' '.join(dict.fromkeys(key_hash(k) for k in item_keys))}]"
    body = _fit("\n".join(receipts), LONG_TEXT_MAX - len(last) - 1)
    return {
        **{k: v for k, v in values.items() if k not in hers},
        "notes_receipts": f"{body}\n{last}",
        "notes_status": "Drafted",
        "prompt_version": prompt_version(draft.drafter, raw),
    }


def as_kept(draft: NotesDraft, session: Session) -> NotesDraft:
    """The draft as the session will hold it: with the coach's own summary, outcomes and topics where she
    wrote them (what her client's email and Notes Summary then say)."""
    hers = coach_fields(session)
    update: dict[str, Any] = {}
    if "notes_summary" in hers:
        update["summary"] = (session.notes_summary or "").strip()
    if "key_outcomes" in hers:
        update["key_outcomes"] = _unbulleted(session.key_outcomes)
    if "next_topics" in hers:
        update["next_topics"] = _unbulleted(session.next_topics)
    return draft.model_copy(update=update) if update else draft


def model_ids(draft: NotesDraft, models: list[LeadershipModel]) -> list[str]:
    by_title = {(m.title or "").strip().lower(): m.id for m in models}
    return [by_title[t.lower()] for t in draft.leadership_models if t.lower() in by_title]


def client_fields(client: Client, session_day: date, draft: NotesDraft) -> dict[str, Any]:
    """The client's latest notes summary; an older session's notes never replace a newer one's. (Last
    Session belongs to client health, which keeps it from the sessions.)"""
    if client.last_session is not None and client.last_session > session_day:
        return {}
    return {"notes_summary": draft.summary}


def notes_email(
    session: Session,
    client: Client,
    draft: NotesDraft,
    session_day: date,
    visible_owners: list[str],
    signed_by: str | None = None,
    business_zone: str = "",
) -> Draft | None:
    """The client's notes email, waiting for the coach's approval; None when the client has no address,
    or an Email that is not one address ("a@x.com; b@y.com": the draft would be refused, and with it the
    notes of the visit's other sessions). `signed_by`: who ran the session (its associate), as "our
    session" says; else the lead coach signs. `business_zone`: Settings' time zone, whose order of day and
    month ("December 8" in the US and Canada) the subject follows when she has no Time Zone of her own."""
    if address_problem(client.email) is not None:
        return None
    # The day she had it, on her own clock when she has a Time Zone (Tuesday 08:30 in Kolkata is Monday
    # evening in New York): her subject, her letter and the next session's time read as she lived them.
    zone = own_zone(client.time_zone)
    day = session.session_date.astimezone(ZoneInfo(zone)).date() if zone and session.session_date else None
    us = month_first_zone(zone or business_zone)  # as the letter's own date reads (render's `day`)
    on = date_text(day or session_day, us, long=True, weekday=False, year=False)  # "8 December", "December 8"
    items = [
        {
            # her own items, under "Your action items", say "your", not "her"
            "description": (to_her(i.description) if i.owner == "client" else i.description)
            + (" (to consider)" if i.tentative else ""),
            "due": i.due,
            "owner": None if i.owner == "client" else i.owner.title(),
        }
        for i in draft.action_items
        if i.owner in visible_owners
    ]
    return Draft(
        kind="Session Notes",
        channel="Email",
        recipient=client.email or "",
        recipient_name=client.name,
        subject=f"Notes from our session on {on}",
        template="session_notes",
        data={
            "session_date": day or session_day,
            "summary": draft.summary,
            "key_outcomes": draft.key_outcomes,
            "action_items": items,
            "next_session": session.next_session,
            "topics_next": draft.next_topics,
            "signed_by": signed_by,
            **({"time_zone": zone} if zone else {}),
        },
        links={"client": client.id, "session": session.id},
        dedupe_key=f"{session.id}:notes",
        title=f"Session Notes: {client.name or client.id} {session_day.isoformat()}",
    )
