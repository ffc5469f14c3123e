"""Airtable webhook payloads -> record events, and coalescing per record (pure: no I/O).

Payloads say what changed, not what is: events carry the record id and which fields changed; the runner
reads current values afterwards (DESIGN.md §5).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from automation.errors import BadRequest

Kind = Literal["created", "changed", "destroyed"]


class MalformedPayload(BadRequest):
    """A payload does not have the documented shape."""


@dataclass(frozen=True)
class RecordEvent:
    """One record touched by one Airtable transaction."""

    table_id: str
    record_id: str
    kind: Kind
    field_ids: frozenset[str]
    source: str  # actionMetadata.source: client, publicApi, formSubmission, automation, ...
    user_id: str | None  # present for client and publicApi sources
    transaction: int  # baseTransactionNumber
    user_email: str | None = field(
        default=None, compare=False, hash=False
    )  # who made the change, if a person
    # Values the payload carries (the spec's includeCellValuesInFieldIds), by field id: a hint for reads
    # made together with the record's own (the record is still read: it is the truth).
    cells: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # The payload's `timestamp`: when the change was made (a ping retried or a catch-up may come much later).
    at: datetime | None = field(default=None, compare=False, hash=False)


@dataclass
class Change:
    """Everything one batch says about one record, coalesced."""

    table_id: str
    record_id: str
    created: bool = False
    destroyed: bool = False
    field_ids: set[str] = field(default_factory=set)
    cells: dict[str, Any] = field(default_factory=dict)  # latest payload values by field id
    by: str | None = None  # email of the person who made the latest change (client / API sources)
    changed_at: dict[str, datetime] = field(default_factory=dict)  # field id -> when it last changed


@dataclass
class Batch:
    """Parsed payloads: the events to act on and what was left out (counts, for the run record)."""

    events: list[RecordEvent] = field(default_factory=list)
    own: int = 0  # events caused by our own token, skipped (loop protection)
    errors: list[str] = field(default_factory=list)  # error payloads: the webhook needs re-creating


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise MalformedPayload(f"{where} is not an object")
    return value


def _values(record: Any, where: str) -> Mapping[str, Any]:
    return _mapping(_mapping(record, where).get("cellValuesByFieldId"), f"{where}.cellValuesByFieldId")


def _cells(record: Any, where: str) -> frozenset[str]:
    return frozenset(_values(record, where))


def _table_events(table_id: str, table: Mapping[str, Any], meta: dict[str, Any]) -> Iterable[RecordEvent]:
    where = f"changedTablesById.{table_id}"
    for record_id, rec in _mapping(table.get("createdRecordsById"), where).items():
        values = dict(_values(rec, record_id))
        yield RecordEvent(table_id, record_id, "created", frozenset(values), **meta, cells=values)
    for record_id, rec in _mapping(table.get("changedRecordsById"), where).items():
        current = _mapping(rec, record_id).get("current")
        unchanged = _mapping(rec, record_id).get("unchanged")
        values = {**_values(unchanged, f"{record_id}.unchanged"), **_values(current, f"{record_id}.current")}
        fields = _cells(current, f"{record_id}.current")
        yield RecordEvent(table_id, record_id, "changed", fields, **meta, cells=values)
    destroyed = table.get("destroyedRecordIds") or []
    if not isinstance(destroyed, list):
        raise MalformedPayload(f"{where}.destroyedRecordIds is not a list")
    for record_id in destroyed:
        yield RecordEvent(table_id, str(record_id), "destroyed", frozenset(), **meta)


def _timestamp(value: Any) -> datetime | None:
    """The payload's ISO timestamp in UTC; None when absent or unreadable (the run's own time is used)."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)


def parse_payload(payload: Mapping[str, Any]) -> list[RecordEvent]:
    """The record events of one payload (an error payload has none; see `parse_payloads`)."""
    if not isinstance(payload, Mapping):
        raise MalformedPayload("payload is not an object")
    action = _mapping(payload.get("actionMetadata"), "actionMetadata")
    user = _mapping(_mapping(action.get("sourceMetadata"), "sourceMetadata").get("user"), "user")
    try:
        transaction = int(payload.get("baseTransactionNumber", 0))
    except (TypeError, ValueError):
        raise MalformedPayload("baseTransactionNumber is not a number") from None
    meta = {
        "at": _timestamp(payload.get("timestamp")),
        "source": str(action.get("source") or "unknown"),
        "user_id": user.get("id"),
        "user_email": str(user["email"]).strip().lower() if isinstance(user.get("email"), str) else None,
        "transaction": transaction,
    }
    events: list[RecordEvent] = []
    for table_id, table in _mapping(payload.get("changedTablesById"), "changedTablesById").items():
        events.extend(_table_events(table_id, _mapping(table, table_id), meta))
    for table_id, table in _mapping(payload.get("createdTablesById"), "createdTablesById").items():
        records = _mapping(_mapping(table, table_id).get("recordsById"), f"{table_id}.recordsById")
        for record_id, rec in records.items():
            events.append(RecordEvent(table_id, record_id, "created", _cells(rec, record_id), **meta))
    return events


def is_own(event: RecordEvent, own_user_id: str | None) -> bool:
    """Caused by our own token: an API write by our token's user (loop protection, DESIGN.md §5)."""
    return event.source == "publicApi" and own_user_id is not None and event.user_id == own_user_id


def parse_payloads(payloads: Iterable[Mapping[str, Any]], own_user_id: str | None) -> Batch:
    """Events of several payloads in order, without those our own writes caused."""
    batch = Batch()
    for payload in payloads:
        if isinstance(payload, Mapping) and payload.get("error"):
            batch.errors.append(str(payload.get("code") or "UNKNOWN_ERROR"))
            continue
        for event in parse_payload(payload):
            if is_own(event, own_user_id):
                batch.own += 1
            else:
                batch.events.append(event)
    return batch


def destroyed_ids(events: Iterable[RecordEvent]) -> dict[str, list[str]]:
    """Per table, the records deleted in these events (and not created again after: a restored record)."""
    last: dict[tuple[str, str], Kind] = {}
    for event in events:
        last[event.table_id, event.record_id] = event.kind
    out: dict[str, list[str]] = {}
    for (table_id, record_id), kind in last.items():
        if kind == "destroyed":
            out.setdefault(table_id, []).append(record_id)
    return out


def coalesce(events: Iterable[RecordEvent]) -> dict[str, dict[str, Change]]:
    """Events per table and record, merged: created wins over changed, fields are united, destroyed drops."""
    out: dict[str, dict[str, Change]] = {}
    for event in events:
        change = out.setdefault(event.table_id, {}).setdefault(
            event.record_id, Change(event.table_id, event.record_id)
        )
        if event.kind == "destroyed":
            change.destroyed = True
            continue
        change.created = change.created or event.kind == "created"
        change.field_ids |= event.field_ids
        change.cells.update(event.cells)
        change.by = event.user_email or change.by
        if event.at is not None:
            change.changed_at.update(dict.fromkeys(event.field_ids, event.at))
    for table_id in list(out):
        out[table_id] = {rid: c for rid, c in out[table_id].items() if not c.destroyed}
        if not out[table_id]:
            del out[table_id]
    return out
