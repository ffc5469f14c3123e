"""Listing records: parameters, filterByFormula (via formula.py), sort, and offsets over a snapshot."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scripts.localbase import cells, errors, formula
from scripts.localbase.clock import parse_iso
from scripts.localbase.ids import new_id
from scripts.localbase.model import FieldInfo, Row, TableInfo

if TYPE_CHECKING:
    from scripts.localbase.store import Store

MAX_PAGE_SIZE = 100
BODY_KEYS = {
    "filterByFormula",
    "fields",
    "returnFieldsByFieldId",
    "pageSize",
    "maxRecords",
    "view",
    "cellFormat",
    "sort",
    "recordMetadata",
    "offset",
    "timeZone",
    "userLocale",
}


@dataclass
class ListParams:
    """What a list request asks for, from the query string (GET) or the JSON body (POST listRecords)."""

    page_size: int = MAX_PAGE_SIZE
    max_records: int | None = None
    offset: str | None = None
    view: str | None = None
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (field name or id, descending)
    fields: list[str] | None = None
    formula: str | None = None
    by_field_id: bool = False
    cell_format: str = "json"
    time_zone: str | None = None
    user_locale: str | None = None
    comment_count: bool = False


def params_from_query(query: dict[str, list[str]]) -> ListParams:
    """Parse ``pageSize=…&sort[0][field]=…&fields[]=…`` as pyairtable sends them."""

    def one(name: str) -> str | None:
        values = query.get(name)
        return values[-1] if values else None

    sorts: dict[int, dict[str, str]] = {}
    for key, values in query.items():
        if key.startswith("sort[") and key.endswith("]"):
            try:
                index, part = key[5:-1].split("][")
                sorts.setdefault(int(index), {})[part] = values[-1]
            except ValueError:
                raise errors.invalid_request(f"Invalid sort parameter {key}") from None
    return ListParams(
        page_size=_int(one("pageSize"), MAX_PAGE_SIZE),
        max_records=_int(one("maxRecords"), None),
        offset=one("offset"),
        view=one("view"),
        sort=[_sort_spec(sorts[i]) for i in sorted(sorts)],
        fields=query.get("fields[]") if "fields[]" in query else None,
        formula=one("filterByFormula") or None,
        by_field_id=_bool(one("returnFieldsByFieldId")),
        cell_format=one("cellFormat") or "json",
        time_zone=one("timeZone"),
        user_locale=one("userLocale"),
        comment_count="commentCount" in query.get("recordMetadata[]", []),
    )


def params_from_body(body: Any, query: dict[str, list[str]]) -> ListParams:
    """Parse the JSON body of ``POST …/listRecords`` (timeZone/userLocale may stay in the query)."""
    if not isinstance(body, dict):
        raise errors.invalid_request()
    unknown = set(body) - BODY_KEYS
    if unknown:
        raise errors.invalid_request(f"Unknown parameter(s) in the request body: {sorted(unknown)}")
    sort = body.get("sort") or []
    fields = body.get("fields")
    if not isinstance(sort, list) or (fields is not None and not isinstance(fields, list)):
        raise errors.invalid_request()
    qtz, qloc = query.get("timeZone"), query.get("userLocale")
    return ListParams(
        page_size=_int(body.get("pageSize"), MAX_PAGE_SIZE),
        max_records=_int(body.get("maxRecords"), None),
        offset=body.get("offset"),
        view=body.get("view"),
        sort=[_sort_spec(s) for s in sort],
        fields=fields,
        formula=body.get("filterByFormula") or None,
        by_field_id=_bool(body.get("returnFieldsByFieldId")),
        cell_format=body.get("cellFormat") or "json",
        time_zone=body.get("timeZone") or (qtz[-1] if qtz else None),
        user_locale=body.get("userLocale") or (qloc[-1] if qloc else None),
        comment_count="commentCount" in (body.get("recordMetadata") or []),
    )


def _int(value: Any, default: int | None) -> int | None:
    if value is None or value == "":
        return default
    try:
        number = int(value) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or number < 1 or (isinstance(value, float) and not value.is_integer()):
        raise errors.invalid_request()
    return number


def _bool(value: Any) -> bool:
    if value in (None, "", False, 0, "0", "false"):
        return False
    if value in (True, 1, "1", "true"):
        return True
    raise errors.invalid_request()


def _sort_spec(spec: Any) -> tuple[str, bool]:
    if not isinstance(spec, dict) or not isinstance(spec.get("field"), str):
        raise errors.invalid_request("Each sort needs a field")
    direction = spec.get("direction", "asc")
    if direction not in ("asc", "desc"):
        raise errors.invalid_request(f"Invalid sort direction {direction!r}")
    return spec["field"], direction == "desc"


# ---- the listing itself ----


def list_records(store: Store, table: TableInfo, p: ListParams, now: datetime) -> dict[str, Any]:
    """One page of records plus ``offset`` when there is another page."""
    if p.page_size > MAX_PAGE_SIZE:
        raise errors.invalid_request(f"pageSize must be at most {MAX_PAGE_SIZE}")
    only = None if p.fields is None else {_field(table, name).id for name in p.fields}
    sorts = [(_field(table, name), desc) for name, desc in p.sort]
    if p.view is not None and table.view(p.view) is None:
        raise errors.view_not_found(p.view)
    check_cell_format(p)
    links = LinkTexts(store, table.base_id)
    iterators = store.records.iterators
    if p.offset:
        snap, pos = iterators.resume(p.offset, table.id)
    else:
        snap, pos = iterators.new(table.id, _select(store, table, p, sorts, links, now)), 0
    page = snap.ids[pos : pos + p.page_size]
    rows = store.records.fetch(page, table.id)
    out: dict[str, Any] = {
        "records": [
            record_json(
                table,
                rows[rid],
                by_id=p.by_field_id,
                only=only,
                cell_format=p.cell_format,
                links=links,
                comment_count=p.comment_count,
            )
            for rid in page
            if rid in rows  # deleted since the snapshot
        ]
    }
    if pos + p.page_size < len(snap.ids):
        out["offset"] = iterators.offset(snap, pos + p.page_size)
    else:
        iterators.discard(snap)  # last page served: a 50k-record snapshot need not wait for eviction
    return out


def check_cell_format(p: ListParams) -> None:
    if p.cell_format not in ("json", "string"):
        raise errors.invalid_request(f"Invalid cellFormat {p.cell_format!r}")
    if p.cell_format == "string" and not (p.time_zone and p.user_locale):
        raise errors.invalid_request("cellFormat=string requires timeZone and userLocale")


def _field(table: TableInfo, key: Any) -> FieldInfo:
    found = table.field(key) if isinstance(key, str) else None
    if found is None:
        raise errors.unknown_field(str(key))
    return found


def _select(
    store: Store,
    table: TableInfo,
    p: ListParams,
    sorts: list[tuple[FieldInfo, bool]],
    links: LinkTexts,
    now: datetime,
) -> list[str]:
    if not p.formula and not sorts:
        ids = store.records.ids(table.id, p.max_records)  # creation order = the default grid view's order
    else:
        rows = store.records.scan(table.id)
        if p.formula:
            rows = filter_rows(table, rows, p.formula, links, now)
        for f, desc in reversed(sorts):  # stable sorts, last key first
            names = links.for_field(f)
            rows.sort(key=lambda r, f=f, n=names: cells.sort_key(f, r.cells.get(f.id), n.get), reverse=desc)
        ids = [r.id for r in rows]
    return ids[: p.max_records] if p.max_records else ids


def record_json(
    table: TableInfo,
    row: Row,
    *,
    by_id: bool = False,
    only: set[str] | None = None,
    cell_format: str = "json",
    links: LinkTexts | None = None,
    comment_count: bool = False,
) -> dict[str, Any]:
    """A record object; empty cells are absent because they are never stored."""
    out_fields: dict[str, Any] = {}
    for fid, value in row.cells.items():
        f = table.field(fid)
        if f is None or (only is not None and fid not in only):
            continue
        if cell_format == "string":
            names = links.for_field(f) if links else {}
            value = cells.formatted(f, value, names.get)
        out_fields[fid if by_id else f.name] = value
    out: dict[str, Any] = {"id": row.id, "createdTime": row.created_time, "fields": out_fields}
    if comment_count:
        out["commentCount"] = 0  # comments are not implemented
    return out


class LinkTexts:
    """Primary values of linked tables, loaded once per request and table (formulas, sorting, strings)."""

    def __init__(self, store: Store, base_id: str) -> None:
        self._store = store
        self._base_id = base_id
        self._cache: dict[str, dict[str, str]] = {}

    def for_field(self, f: FieldInfo) -> dict[str, str]:
        if f.type != "multipleRecordLinks":
            return {}
        tid = (f.options or {}).get("linkedTableId", "")
        if tid not in self._cache:
            tables = {t.id: t for t in self._store.tables(self._base_id)}
            self._cache[tid] = self._store.records.primary_texts(tables[tid]) if tid in tables else {}
        return self._cache[tid]


# ---- filterByFormula ----


class RecordView:
    """A stored record as formula.py reads it: links read as the linked records' primary values."""

    __slots__ = ("record_id", "_row", "_table", "_links")

    def __init__(self, row: Row, table: TableInfo, links: LinkTexts) -> None:
        self.record_id = row.id
        self._row = row
        self._table = table
        self._links = links

    @property
    def created_time(self) -> datetime:
        return parse_iso(self._row.created_time)

    def lookup(self, ref: str) -> FieldInfo | None:
        return self._table.field_ci(ref)

    def value(self, f: FieldInfo) -> Any:
        value = self._row.cells.get(f.id)
        if f.type == "multipleRecordLinks" and value:
            names = self._links.for_field(f)
            return [names.get(r, "") for r in value]
        return value


def filter_rows(table: TableInfo, rows: list[Row], text: str, links: LinkTexts, now: datetime) -> list[Row]:
    """The rows for which the formula is truthy (Airtable's inclusion rule)."""
    try:
        compiled = formula.compile_formula(text)
    except formula.FormulaError:
        raise errors.invalid_formula() from None
    unknown = sorted(ref for ref in compiled.field_refs if table.field_ci(ref) is None)
    if unknown:
        raise errors.invalid_formula(f"Unknown field names: {', '.join(unknown)}")
    out = []
    try:
        for row in rows:
            if formula.truthy(compiled.evaluate(RecordView(row, table, links), now)):
                out.append(row)
    except formula.FormulaError:  # raised while evaluating = the formula itself is invalid (arity, names)
        raise errors.invalid_formula() from None
    return out


# ---- offsets: each list call's result is a snapshot; offsets point into it ----


@dataclass
class Snapshot:
    id: str
    table_id: str
    ids: list[str]
    created: float
    positions: dict[str, int] | None = None


class Iterators:
    """Snapshots of list results, so that paging is stable while records change (Airtable's ``itr…/rec…``)."""

    MAX = 64  # snapshots kept (up to ~4 MB each at 50k records); the oldest goes first
    TTL = 600.0  # seconds before an unused offset answers LIST_RECORDS_ITERATOR_NOT_AVAILABLE

    def __init__(self) -> None:
        self._snaps: OrderedDict[str, Snapshot] = OrderedDict()
        self._lock = threading.Lock()

    def new(self, table_id: str, ids: list[str]) -> Snapshot:
        return Snapshot(new_id("itr"), table_id, ids, time.monotonic())

    def offset(self, snap: Snapshot, pos: int) -> str:
        """The offset of ``pos`` in the snapshot; keeps the snapshot (a one-page result needs none)."""
        with self._lock:
            self._snaps[snap.id] = snap
            self._snaps.move_to_end(snap.id)
            while len(self._snaps) > self.MAX:
                self._snaps.popitem(last=False)
        return f"{snap.id}/{snap.ids[pos]}"

    def resume(self, offset: str, table_id: str) -> tuple[Snapshot, int]:
        itr, _, rec = str(offset).partition("/")
        with self._lock:
            snap = self._snaps.get(itr)
            if snap is None or snap.table_id != table_id or time.monotonic() - snap.created > self.TTL:
                raise errors.iterator_not_available()
            snap.created = time.monotonic()
            if snap.positions is None:
                snap.positions = {rid: i for i, rid in enumerate(snap.ids)}
        pos = snap.positions.get(rec)
        if pos is None:
            raise errors.iterator_not_available()
        return snap, pos

    def discard(self, snap: Snapshot) -> None:
        with self._lock:
            self._snaps.pop(snap.id, None)

    def clear(self) -> None:
        with self._lock:
            self._snaps.clear()
