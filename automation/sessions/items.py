"""The action items a notes draft writes: one row per item, keyed on the session and the item's words
(Source Key); never over the coach's edits, never one she deleted again; an item reworded by a re-draft
is the same item; items the notes no longer hold, or of a session no longer Completed, are Cancelled
(and come back if the notes hold them again). Pure: records and the draft in, rows out."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from automation.models import ActionItem, Session
from automation.sessions.draft import ActionItemDraft, NotesDraft
from automation.sessions.words import content_words

ASSIGNEE = {"client": "Client", "coach": "Coach", "associate": "Associate"}
FINGERPRINT = re.compile(r"\s*\[draft ([0-9a-f]{8})\]\s*$")
RECEIPT_MAX = 2000
# What the drafter cancelled itself (not the coach): brought back if the notes hold the item again.
GONE_FROM_NOTES = " — no longer in the notes"
SESSION_NOT_HELD = " — the session is no longer Completed"
# On the last line of Notes Receipts (writes.py): a fingerprint of each Source Key the draft made; an
# item drafted before that is gone was deleted by the coach, and is not made again.
ITEM_KEYS = re.compile(r"\[items ([0-9a-f ]*)\]")
SIMILAR = 0.6  # share of content words two wordings of one item have in common (Jaccard)


def item_key(session_id: str, item: ActionItemDraft, taken: set[str]) -> str:
    """Source Key: the session and the item's own words, so a re-draft of the same notes finds it again."""
    key = f"{session_id}:notes:{item.owner}:{_slug(item)}"
    n = 2
    base = key
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def _slug(item: ActionItemDraft) -> str:
    return "-".join(content_words(item.description)[:8])[:80] or "item"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:6]


def _fingerprint(description: str, due: date | str | None, assigned: str | None, priority: str | None,
                 tentative: bool) -> str:  # fmt: skip
    text = "|".join(
        [description.strip(), str(due or ""), assigned or "", priority or "", str(bool(tentative))]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:8]


def _as_drafted(item: ActionItem) -> bool:
    """Its fields are still what the drafter wrote (the fingerprint on its receipt fits them)."""
    m = FINGERPRINT.search(item.receipt or "")
    if not m:
        return False  # not written by the drafter as it stands
    current = _fingerprint(
        item.description or "", item.due_date, item.assigned_to, item.priority, item.tentative
    )
    return current == m.group(1)


def cancelled_by_drafter(item: ActionItem) -> bool:
    """Cancelled by a re-draft (gone from the notes, or the session no longer Completed), untouched since."""
    base = FINGERPRINT.sub("", item.receipt or "")
    return (
        item.status == "Cancelled"
        and base.endswith((GONE_FROM_NOTES, SESSION_NOT_HELD))
        and _as_drafted(item)
    )


def edited_by_coach(item: ActionItem) -> bool:
    """The coach moved it on (status) or changed what the drafter wrote (its fingerprint no longer fits).
    An item the drafter itself cancelled is not hers: it comes back if the notes hold it again."""
    if item.status not in (None, "Open") and not cancelled_by_drafter(item):
        return True
    return not _as_drafted(item)


@dataclass
class ItemWrites:
    upserts: list[dict[str, Any]] = field(default_factory=list)  # rows by field key, merged on source_key
    updates: list[tuple[ActionItem, dict[str, Any]]] = field(default_factory=list)  # dropped from the notes
    kept: int = 0  # items the coach had edited: left alone
    deleted: int = 0  # items the coach had deleted: not made again
    keys: list[str] = field(default_factory=list)  # every item key of this draft (for Notes Receipts)


def _words(key: str) -> set[str]:
    slug = key.split(":", 3)[-1]
    return {w for w in re.sub(r"-\d+$", "", slug).split("-") if w}


def _reworded(new_key: str, candidates: list[str]) -> str | None:
    """The earlier item's key this item is a rewording of (another draft of the same notes, or of notes
    edited around it): most content words in common, at least SIMILAR of them and two."""
    mine = _words(new_key)
    best, score = None, 0.0
    for key in candidates:
        theirs = _words(key)
        common = len(mine & theirs)
        jaccard = common / len(mine | theirs) if mine | theirs else 0.0
        if common >= 2 and jaccard >= SIMILAR and jaccard > score:
            best, score = key, jaccard
    return best


def drafted_item_keys(session: Session) -> set[str]:
    """Hashes of the Source Keys the last draft of this session made (from its Notes Receipts)."""
    found = ITEM_KEYS.findall(session.notes_receipts or "")  # the last line's
    return set(found[-1].split()) if found else set()


def item_writes(
    session: Session,
    client_id: str | None,
    draft: NotesDraft,
    existing: list[ActionItem],
    today: date,
    visible_owners: list[str],
) -> ItemWrites:
    """Upsert rows for the draft's items; items of an earlier draft no longer in the notes are Cancelled
    (unless the coach edited them); an item the coach edited, completed or deleted is never overwritten
    nor made again. An item reworded by the re-draft is the same item (matched on its words).

    Race window: two runs drafting the same notes at once (a duplicated ping) each upsert on their own
    keys; with the rules both keys are the same, but two AI answers may word an item differently, and
    then both rows are created (neither run sees the other's). A later re-draft (the notes changed) cancels
    the stray one."""
    prefix = f"{session.id}:notes:"
    by_key = {i.source_key: i for i in existing if i.source_key}
    remembered = drafted_item_keys(session)
    out = ItemWrites()
    taken: set[str] = set()
    keys = [item_key(session.id, item, taken) for item in draft.action_items]
    unclaimed = [k for k in by_key if k.startswith(prefix) and k not in taken]
    for n, key in enumerate(keys):
        if key not in by_key and (old_key := _reworded(key, unclaimed)) is not None:
            unclaimed.remove(old_key)
            taken.discard(key)
            taken.add(old_key)
            keys[n] = old_key
    for item, key in zip(draft.action_items, keys, strict=True):
        out.keys.append(key)
        old = by_key.get(key)
        if old is None and key_hash(key) in remembered:
            out.deleted += 1  # drafted before, and gone: the coach deleted it
            continue
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
            "receipt": f"{_short(item.receipt)} [draft {fp}]",
        }
        if client_id:
            row["client"] = [client_id]
        if old is None:
            row["status"] = "Open"
            row["created_date"] = today
        elif old.status == "Cancelled":
            row["status"] = "Open"  # the drafter had cancelled it; the notes hold it again
        out.upserts.append(row)
    for key, old in by_key.items():
        if key.startswith(prefix) and key not in taken:
            change = _cancel(old, GONE_FROM_NOTES)
            if change:
                out.updates.append((old, change))
    return out


def _cancel(item: ActionItem, why: str) -> dict[str, Any] | None:
    """Cancelled by the drafter, with why on its receipt; None for an item the coach has edited or moved
    on, or one already cancelled."""
    if edited_by_coach(item) or item.status == "Cancelled":
        return None
    fp = _fingerprint(item.description or "", item.due_date, item.assigned_to, item.priority, item.tentative)
    base = FINGERPRINT.sub("", item.receipt or "")
    return {"status": "Cancelled", "receipt": f"{base}{why} [draft {fp}]"}


def withdrawn_items(session: Session, existing: list[ActionItem]) -> list[tuple[ActionItem, dict[str, Any]]]:
    """A drafted session no longer Completed (Cancelled, No-show, back to Scheduled): its drafted items
    that nobody has touched are Cancelled; the coach's own and her edits stand."""
    prefix = f"{session.id}:notes:"
    out = []
    for item in existing:
        if (item.source_key or "").startswith(prefix) and (change := _cancel(item, SESSION_NOT_HELD)):
            out.append((item, change))
    return out


def _short(text: str) -> str:
    return text if len(text) <= RECEIPT_MAX else text[: RECEIPT_MAX - 1].rstrip() + "…"
