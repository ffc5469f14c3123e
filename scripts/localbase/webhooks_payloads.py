"""One committed Transaction -> the v0 payload one webhook would receive (pure; reference §3.8).

A payload says what changed: created records carry all their cell values, changed records only the cells that
changed (`current`), plus `previous` / `unchanged` when the specification's `includes` ask, destroyed records
only their ids. A change that changes nothing (same values written back) produces nothing.

Filter semantics chosen where Airtable's docs are silent (say so if you rely on them):
* `watchDataInFieldIds` is applied per record: a record change is kept when a watched field's value changed
  (for a created record: a watched field has a value; for a destroyed one: it had one). A kept changed record
  reports every field that changed in it, watched or not.
* `changeTypes` maps add/update/remove onto created/changed/destroyed, for records and fields alike.
* `recordChangeScope` given as a view id is treated as the view's table (view membership is not modelled).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from scripts.localbase.webhooks_spec import Spec

_CHANGE_TYPE = {"created": "add", "changed": "update", "destroyed": "remove"}
_USER_SOURCES = ("client", "publicApi")


def action_metadata(tx: Any) -> dict[str, Any]:
    """`actionMetadata`: the source, and the user for sources that have one."""
    meta: dict[str, Any] = {"source": tx.source, "sourceMetadata": dict(getattr(tx, "source_metadata", {}))}
    if tx.source in _USER_SOURCES and getattr(tx, "user", None):
        meta["sourceMetadata"] = {"user": dict(tx.user)}
    return meta


def merge_record_changes(changes: Iterable[Any]) -> list[tuple[str, str, str, str, dict, dict]]:
    """(table, record, kind, createdTime, before, after) per record, several changes of one record folded."""
    merged: dict[tuple[str, str], list[Any]] = {}
    for rc in changes:
        key = (rc.table_id, rc.record_id)
        if key not in merged:
            merged[key] = [rc.kind, rc.created_time, dict(rc.before), dict(rc.after)]
            continue
        entry = merged[key]
        if rc.kind == "destroyed":
            entry[0] = None if entry[0] == "created" else "destroyed"  # created then destroyed: nothing
            entry[3] = {}
        elif entry[0] is not None and entry[0] != "created":
            entry[0] = rc.kind
            entry[3] = dict(rc.after)
        else:
            entry[3] = dict(rc.after)
    return [(t, r, e[0], e[1], e[2], e[3]) for (t, r), e in merged.items() if e[0] is not None]


def changed_field_ids(before: Mapping[str, Any], after: Mapping[str, Any]) -> set[str]:
    """Fields whose value differs (values are V2, empty cells absent)."""
    return {fid for fid in set(before) | set(after) if before.get(fid) != after.get(fid)}


def _record_entry(kind: str, created_time: str, before: dict, after: dict, spec: Spec) -> dict | None:
    changed = changed_field_ids(before, after)
    if not changed and kind == "changed":
        return None  # a no-op update: Airtable does not report it
    if spec.watch_data is not None and not (changed & spec.watch_data):
        return None
    if kind == "created":
        return {"createdTime": created_time, "cellValuesByFieldId": after}
    if kind == "destroyed":
        return {}
    entry: dict[str, Any] = {
        "current": {"cellValuesByFieldId": {fid: after.get(fid) for fid in sorted(changed)}}
    }
    if spec.include_previous:
        entry["previous"] = {"cellValuesByFieldId": {fid: before.get(fid) for fid in sorted(changed)}}
    if spec.include_cells is not None:
        wanted = after.keys() if spec.include_cells == "all" else spec.include_cells
        unchanged = {fid: after[fid] for fid in sorted(wanted) if fid in after and fid not in changed}
        if unchanged:
            entry["unchanged"] = {"cellValuesByFieldId": unchanged}
    return entry


def _add_records(tables: dict[str, dict], tx: Any, spec: Spec) -> None:
    for table_id, record_id, kind, created_time, before, after in merge_record_changes(tx.records):
        if spec.scope_table is not None and table_id != spec.scope_table:
            continue
        if _CHANGE_TYPE[kind] not in spec.change_types:
            continue
        entry = _record_entry(kind, created_time, before, after, spec)
        if entry is None:
            continue
        table = tables.setdefault(table_id, {})
        if kind == "created":
            table.setdefault("createdRecordsById", {})[record_id] = entry
        elif kind == "changed":
            table.setdefault("changedRecordsById", {})[record_id] = entry
        else:
            table.setdefault("destroyedRecordIds", []).append(record_id)


def _field_diff(current: Mapping[str, Any], previous: Mapping[str, Any]) -> tuple[dict, dict]:
    keys = [k for k in ("name", "type") if current.get(k) != previous.get(k)]
    return {k: current.get(k) for k in keys}, {k: previous.get(k) for k in keys}


def _add_fields(tables: dict[str, dict], tx: Any, spec: Spec) -> None:
    for fc in getattr(tx, "field_changes", None) or ():
        table_id, field_id, kind = fc["table_id"], fc["field_id"], fc["kind"]
        if spec.scope_table is not None and table_id != spec.scope_table:
            continue
        if _CHANGE_TYPE.get(kind) not in spec.change_types:
            continue
        if spec.watch_schemas is not None and field_id not in spec.watch_schemas:
            continue
        current = fc.get("current") or {}
        if kind == "created":
            info = {k: current[k] for k in ("name", "type") if k in current}
            tables.setdefault(table_id, {}).setdefault("createdFieldsById", {})[field_id] = info
        elif kind == "destroyed":
            tables.setdefault(table_id, {}).setdefault("destroyedFieldIds", []).append(field_id)
        else:
            now, before = _field_diff(current, fc.get("previous") or {})
            if not now:
                continue  # a description-only change: not part of the v0 field model
            entry: dict[str, Any] = {"current": now}
            if spec.include_previous_fields:
                entry["previous"] = before
            tables.setdefault(table_id, {}).setdefault("changedFieldsById", {})[field_id] = entry


def breaks_spec(tx: Any, spec: Spec) -> bool:
    """Whether this transaction destroys a field the spec watches: Airtable then stops the hook."""
    watched = (spec.watch_data or frozenset()) | (spec.watch_schemas or frozenset())
    return any(fc.get("kind") == "destroyed" and fc.get("field_id") in watched for fc in _field_changes(tx))


def _field_changes(tx: Any) -> Iterable[Mapping[str, Any]]:
    return getattr(tx, "field_changes", None) or ()


def build_payload(tx: Any, spec: Spec, transaction_number: int) -> dict[str, Any] | None:
    """The payload `spec` gets for `tx`, or None when nothing in it matches."""
    if spec.from_sources is not None and tx.source not in spec.from_sources:
        return None
    tables: dict[str, dict] = {}
    if "tableData" in spec.data_types:
        _add_records(tables, tx, spec)
    if "tableFields" in spec.data_types:
        _add_fields(tables, tx, spec)
    if not tables:
        return None
    return {
        "timestamp": tx.timestamp,
        "baseTransactionNumber": transaction_number,
        "payloadFormat": "v0",
        "actionMetadata": action_metadata(tx),
        "changedTablesById": tables,
    }


def error_payload(tx: Any, transaction_number: int, code: str = "INVALID_FILTERS") -> dict[str, Any]:
    """The last payload of a hook whose specification became invalid."""
    return {
        "timestamp": tx.timestamp,
        "baseTransactionNumber": transaction_number,
        "payloadFormat": "v0",
        "actionMetadata": action_metadata(tx),
        "error": True,
        "code": code,
    }
