"""Writes for the gateway: serialise by field id, batch by 10, skip what did not change, honour Shadow,
and find the one record of a rejected batch instead of losing the other nine."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from automation.airtable.cells import CellError, is_empty, same, to_airtable
from automation.errors import AirtableRejected, RecordProblem
from automation.models import Record
from automation.run_context import IntendedWrite, current_run, report

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway

M = TypeVar("M", bound=Record)

BATCH = 10  # Airtable accepts at most 10 records per write request.
_shadow_ids = itertools.count(1)
# 422s about the request as a whole: splitting the batch would only repeat them record by record.
REQUEST_ERRORS = frozenset(
    {"UNKNOWN_FIELD_NAME", "INVALID_REQUEST_UNKNOWN", "INVALID_REQUEST_MISSING_FIELDS"}
)


@dataclass
class _Item:
    """One record to write: its id (None for a create), values by key and cells by field id."""

    record_id: str | None
    values: dict[str, Any]
    cells: dict[str, Any]
    before: Record | None = None


def create(gw: Gateway, model: type[M], rows: Sequence[Mapping[str, Any]]) -> list[M]:
    items = _prepare(gw, model, [(None, row, None) for row in rows], drop_empty=True)
    if _shadowed(model, "create", items):
        return [_shadow_record(model, None, it.values) for it in items]
    table = gw.table(model)
    raws = _batched(
        gw, model, items, lambda b: table.batch_create([it.cells for it in b], use_field_ids=True)
    )
    return _parsed(gw, model, raws)


def upsert(
    gw: Gateway,
    model: type[M],
    rows: Sequence[Mapping[str, Any]],
    merge_on: Sequence[str],
    created: set[str] | None = None,
) -> list[M]:
    if not 1 <= len(merge_on) <= 3:
        raise ValueError("performUpsert merges on 1 to 3 fields")
    keep = []
    for row in rows:
        blank = [k for k in merge_on if is_empty(row.get(k))]
        if blank:
            _report(model, None, blank[0], row.get(blank[0]), "an upsert row needs a value to merge on")
        else:
            keep.append((None, row, None))
    items = _prepare(gw, model, keep, drop_empty=False)
    if _shadowed(model, "upsert", items):
        return [_shadow_record(model, None, it.values) for it in items]
    table, ids = gw.table(model), [gw.field_id(model, k) for k in merge_on]

    def send(batch: list[_Item]) -> list[dict[str, Any]]:
        result = table.batch_upsert([{"fields": it.cells} for it in batch], ids, use_field_ids=True)
        if created is not None:
            created.update(result.get("createdRecords") or [])
        return list(result["records"])

    return _parsed(gw, model, _batched(gw, model, items, send))


def update(gw: Gateway, model: type[M], updates: Sequence[tuple[M, Mapping[str, Any]]]) -> list[M]:
    tdef = model.TABLE
    merged: dict[str, tuple[M, dict[str, Any]]] = {}
    for record, changes in updates:
        before, fields = merged.get(record.id, (record, {}))
        fields.update(changes)
        merged[record.id] = (before, fields)
    pending, unchanged = [], {}
    for rid, (before, fields) in merged.items():
        changed = {
            k: v
            for k, v in fields.items()
            if not (before.was_read(k) and same(tdef.field(k), getattr(before, k), v))
        }
        if changed:
            pending.append((rid, changed, before))
        else:
            unchanged[rid] = before
    items = _prepare(gw, model, pending, drop_empty=False)
    if _shadowed(model, "update", items):
        written = {it.record_id: _shadow_record(model, it.before, it.values) for it in items}
    else:
        table = gw.table(model)
        raws = _batched(
            gw,
            model,
            items,
            lambda b: table.batch_update(
                [{"id": it.record_id, "fields": it.cells} for it in b], use_field_ids=True
            ),
        )
        written = {r.id: r for r in _parsed(gw, model, raws)}
    done = {**unchanged, **written}
    return [done[rid] for rid in merged if rid in done]  # type: ignore[misc]


def delete(gw: Gateway, model: type[Record], ids: Iterable[str]) -> None:
    wanted = list(dict.fromkeys(ids))
    run, tkey = current_run(), model.TABLE.key
    if run and not run.writes_to(tkey):
        for rid in wanted:
            run.intend(IntendedWrite("delete", tkey, rid, {}))
        return
    table = gw.table(model)
    for start in range(0, len(wanted), BATCH):
        deleted = table.batch_delete(wanted[start : start + BATCH])
        if run:
            run.count(records_written=len(deleted))


def _prepare(
    gw: Gateway,
    model: type[Record],
    rows: Iterable[tuple[str | None, Mapping[str, Any], Record | None]],
    *,
    drop_empty: bool,
) -> list[_Item]:
    """Serialise each row by field id; a value that does not fit its field is reported and its row skipped."""
    tdef, items = model.TABLE, []
    for record_id, values, before in rows:
        cells: dict[str, Any] = {}
        try:
            for key, value in values.items():
                fdef = tdef.field(key)  # an unknown key is a programming error: KeyError names it
                cell = _cell(fdef, value, key)
                if not (drop_empty and is_empty(cell)):
                    cells[gw.field_id(model, key)] = cell
        except _BadCell as bad:
            _report(model, record_id, bad.key, bad.value, bad.reason)
            continue
        items.append(_Item(record_id, dict(values), cells, before))
    return items


class _BadCell(Exception):
    def __init__(self, key: str, value: Any, reason: str) -> None:
        super().__init__(reason)
        self.key, self.value, self.reason = key, value, reason


def _cell(fdef: Any, value: Any, key: str) -> Any:
    try:
        return to_airtable(fdef, value)
    except CellError as exc:
        raise _BadCell(key, value, str(exc)) from None


def _batched(
    gw: Gateway, model: type[Record], items: list[_Item], send: Callable[[list[_Item]], list[Any]]
) -> list[Any]:
    out: list[Any] = []
    for start in range(0, len(items), BATCH):
        out += _send_split(gw, model, items[start : start + BATCH], send)
    return out


def _send_split(
    gw: Gateway, model: type[Record], batch: list[_Item], send: Callable[[list[_Item]], list[Any]]
) -> list[Any]:
    """Send a batch; if Airtable rejects a value (422) split it in halves until the culprit is alone.

    A 422 means nothing of the request was applied, so resending the halves cannot write anything twice.
    """
    try:
        raws = send(batch)
    except AirtableRejected as exc:
        if exc.status != 422 or exc.error_type in REQUEST_ERRORS:
            raise
        if len(batch) == 1:
            _report_rejected(gw, model, batch[0], exc)
            return []
        mid = len(batch) // 2
        return _send_split(gw, model, batch[:mid], send) + _send_split(gw, model, batch[mid:], send)
    run = current_run()
    if run:
        run.count(records_written=len(raws))
    return raws


def _report_rejected(gw: Gateway, model: type[Record], item: _Item, exc: AirtableRejected) -> None:
    """Name the field Airtable refused: by its id or name in the message, else by the value the message
    quotes (a select option, a linked record id), else the only field sent."""
    message = getattr(exc, "airtable_message", "") or str(exc)
    fields = gw.schema_map().table(model.TABLE.key).fields
    sent = [k for k in item.values if k in fields]

    def named(k: str) -> bool:
        return fields[k].id in message or f'"{fields[k].name}"'.casefold() in message.casefold()

    def quoted(k: str) -> bool:
        values = item.values[k] if isinstance(item.values[k], list | tuple) else [item.values[k]]
        # Record ids are distinctive on their own; other text only counts when the message quotes it.
        return any(
            isinstance(v, str) and v and (f'"{v}"' in message or (v[:3] == "rec" and v in message))
            for v in values
        )

    key = next((k for k in sent if named(k)), None) or next((k for k in sent if quoted(k)), None)
    if key is None and len(sent) == 1:
        key = sent[0]
    value = item.values.get(key) if key else item.values
    _report(model, item.record_id, key, value, f"Airtable rejected it ({exc.error_type}): {message}")


def _report(model: type[Record], record_id: str | None, key: str | None, value: Any, reason: str) -> None:
    report(RecordProblem(model.TABLE.key, record_id, key, value, reason))


def _shadowed(model: type[Record], op: Literal["create", "upsert", "update"], items: list[_Item]) -> bool:
    """In Shadow mode record the writes instead of making them (the run log and state are always written)."""
    run = current_run()
    if run is None or run.writes_to(model.TABLE.key):
        return False
    for it in items:
        run.intend(IntendedWrite(op, model.TABLE.key, it.record_id, it.values))
    return True


def _shadow_record(model: type[M], before: Record | None, values: Mapping[str, Any]) -> M:
    """What the record would look like had the write been made (a made-up id for a create)."""
    base = before.model_dump() if before is not None else {"id": f"recShadow{next(_shadow_ids):08d}"}
    return model.model_validate({**base, **values})


def _parsed(gw: Gateway, model: type[M], raws: list[Any]) -> list[M]:
    return [r for r in (gw.parse(model, raw) for raw in raws) if r is not None]
