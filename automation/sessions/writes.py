"""What a notes draft writes: session fields, action items (never over the coach's edits), the client's
Notes Summary and Last Session, and the client's notes email. Pure: records and the draft in, rows out."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from automation.messages.draft import Draft
from automation.models import ActionItem, Client, LeadershipModel, Session
from automation.sessions.draft import ActionItemDraft, NotesDraft
from automation.sessions.words import content_words

ASSIGNEE = {"client": "Client", "coach": "Coach", "associate": "Associate"}
FINGERPRINT = re.compile(r"\s*\[draft ([0-9a-f]{8})\]\s*$")


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


def item_key(session_id: str, item: ActionItemDraft, taken: set[str]) -> str:
    """Source Key: the session and the item's own words, so a re-draft of the same notes finds it again."""
    slug = "-".join(content_words(item.description)[:8])[:80] or "item"
    key = f"{session_id}:notes:{item.owner}:{slug}"
    n = 2
    base = key
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def _fingerprint(description: str, due: date | str | None, assigned: str | None, priority: str | None,
                 tentative: bool) -> str:  # fmt: skip
    text = "|".join(
        [description.strip(), str(due or ""), assigned or "", priority or "", str(bool(tentative))]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def edited_by_coach(item: ActionItem) -> bool:
    """The coach moved it on (status) or changed what the drafter wrote (its fingerprint no longer fits)."""
    if item.status not in (None, "Open"):
        return True
    m = FINGERPRINT.search(item.receipt or "")
    if not m:
        return True  # not written by the drafter as it stands
    current = _fingerprint(
        item.description or "", item.due_date, item.assigned_to, item.priority, item.tentative
    )
    return current != m.group(1)


@dataclass
class ItemWrites:
    upserts: list[dict[str, Any]] = field(default_factory=list)  # rows by field key, merged on source_key
    updates: list[tuple[ActionItem, dict[str, Any]]] = field(default_factory=list)  # dropped from the notes
    kept: int = 0  # items the coach had edited: left alone


def item_writes(
    session: Session,
    client_id: str | None,
    draft: NotesDraft,
    existing: list[ActionItem],
    today: date,
    visible_owners: list[str],
) -> ItemWrites:
    """Upsert rows for the draft's items; items of an earlier draft no longer in the notes are Cancelled
    (unless the coach edited them); an item the coach edited or completed is never overwritten."""
    by_key = {i.source_key: i for i in existing if i.source_key}
    out = ItemWrites()
    taken: set[str] = set()
    for item in draft.action_items:
        key = item_key(session.id, item, taken)
        old = by_key.get(key)
        if old is not None and edited_by_coach(old):
            out.kept += 1
            continue
        assigned = ASSIGNEE[item.owner]
        fp = _fingerprint(item.description, item.due, assigned, item.priority, item.tentative)
        row: dict[str, Any] = {
            "source_key": key,
            "description": item.description,
            "session": [session.id],
            "due_date": item.due,
            "priority": item.priority,
            "assigned_to": assigned,
            "tentative": item.tentative,
            "client_visible": item.owner in visible_owners,
            "follow_up_req": not item.tentative,
            "receipt": f"{item.receipt} [draft {fp}]",
        }
        if client_id:
            row["client"] = [client_id]
        if old is None:
            row["status"] = "Open"
            row["created_date"] = today
        out.upserts.append(row)
    for key, old in by_key.items():
        if key.startswith(f"{session.id}:notes:") and key not in taken and not edited_by_coach(old):
            fp = _fingerprint(
                old.description or "", old.due_date, old.assigned_to, old.priority, old.tentative
            )
            base = FINGERPRINT.sub("", old.receipt or "")
            out.updates.append(
                (old, {"status": "Cancelled", "receipt": f"{base} — no longer in the notes [draft {fp}]"})
            )
    return out


def session_fields(draft: NotesDraft, raw: str, model_ids: list[str]) -> dict[str, Any]:
    receipts = [f"{i + 1}. {item.receipt}" for i, item in enumerate(draft.action_items)]
    if not draft.action_items:
        receipts.append("No action items found in the notes.")
    receipts.append(f"Drafted by {draft.drafter}.")
    return {
        "notes_summary": draft.summary,
        "key_outcomes": "\n".join(f"• {o}" for o in draft.key_outcomes),
        "next_topics": "\n".join(f"• {t}" for t in draft.next_topics),
        "notes_receipts": "\n".join(receipts)[:90000],
        "leadership_models": model_ids,
        "notes_status": "Drafted",
        "prompt_version": prompt_version(draft.drafter, raw),
    }


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
    session: Session, client: Client, draft: NotesDraft, session_day: date, visible_owners: list[str]
) -> Draft | None:
    """The client's notes email, waiting for the coach's approval; None when the client has no address."""
    if not (client.email or "").strip():
        return None
    items = [
        {
            "description": i.description + (" (to consider)" if i.tentative else ""),
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
        subject=f"Notes from our session on {session_day.strftime('%-d %B')}",
        template="session_notes",
        data={
            "session_date": session_day,
            "summary": draft.summary,
            "key_outcomes": draft.key_outcomes,
            "action_items": items,
            "next_session": session.next_session,
            "topics_next": draft.next_topics,
        },
        links={"client": client.id, "session": session.id},
        dedupe_key=f"{session.id}:notes",
        title=f"Session Notes: {client.name or client.id} {session_day.isoformat()}",
    )
