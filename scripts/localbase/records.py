"""Record operations on the store: reads, and writes as one transaction each with two-sided links."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from scripts.localbase import cells, errors, fieldtypes
from scripts.localbase.clock import iso
from scripts.localbase.http import User
from scripts.localbase.ids import is_id, new_id
from scripts.localbase.model import FieldInfo, RecordChange, Row, TableInfo

if TYPE_CHECKING:
    from scripts.localbase.store import Store

# Upsert keys: "number, text, long text, single select, multiple select, date" [doc AT-updN], plus the
# text-like and number-like variants of those types.
MERGE_TYPES = (
    fieldtypes.TEXT_TYPES
    | {"number", "currency", "percent", "duration", "rating"}
    | {
        "singleSelect",
        "multipleSelects",
        "date",
        "dateTime",
    }
)
_CHUNK = 500  # ids per "IN (...)" query, well under SQLite's variable limit


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Records:
    """Reads and writes of records; every write is one store transaction and one published Transaction."""

    def __init__(self, store: Store) -> None:
        from scripts.localbase.query import Iterators

        self.store = store
        self.iterators = Iterators()

    # ---- reads ----

    def get(self, table_id: str, record_id: str) -> Row | None:
        with self.store.lock:
            row = self.store.conn.execute(
                "SELECT created_time, cells FROM records WHERE id=? AND table_id=?", (record_id, table_id)
            ).fetchone()
        return Row(record_id, row[0], json.loads(row[1])) if row else None

    def fetch(self, ids: list[str], table_id: str | None = None) -> dict[str, Row]:
        """Rows by id (those that exist), optionally only from one table."""
        out: dict[str, Row] = {}
        with self.store.lock:
            for i in range(0, len(ids), _CHUNK):
                chunk = ids[i : i + _CHUNK]
                # The table is checked here, not in SQL: with "AND table_id=?" SQLite picks the table's index
                # and scans every row of the table instead of looking the ids up.
                marks = ",".join("?" * len(chunk))
                sql = f"SELECT id, table_id, created_time, cells FROM records WHERE id IN ({marks})"
                for rid, tid, created, data in self.store.conn.execute(sql, chunk):
                    if table_id is None or tid == table_id:
                        out[rid] = Row(rid, created, json.loads(data))
        return out

    def scan(self, table_id: str) -> list[Row]:
        """Every row of the table in creation order."""
        with self.store.lock:
            rows = self.store.conn.execute(
                "SELECT id, created_time, cells FROM records WHERE table_id=? ORDER BY seq", (table_id,)
            ).fetchall()
        return [Row(r[0], r[1], json.loads(r[2])) for r in rows]

    def ids(self, table_id: str, limit: int | None = None) -> list[str]:
        """Record ids in creation order (only the first ``limit`` when given)."""
        with self.store.lock:
            rows = self.store.conn.execute(
                "SELECT id FROM records WHERE table_id=? ORDER BY seq LIMIT ?", (table_id, limit or -1)
            )
            return [r[0] for r in rows]

    def count(self, table_id: str) -> int:
        with self.store.lock:
            return self.store.conn.execute(
                "SELECT COUNT(*) FROM records WHERE table_id=?", (table_id,)
            ).fetchone()[0]

    def primary_texts(self, table: TableInfo) -> dict[str, str]:
        """Record id → its primary value as text, for a whole table (names of linked records)."""
        primary = table.primary
        with self.store.lock:
            rows = self.store.conn.execute(
                "SELECT id, json_extract(cells, ?), json_type(cells, ?) FROM records WHERE table_id=?",
                (f'$."{primary.id}"', f'$."{primary.id}"', table.id),
            ).fetchall()
        out = {}
        for rid, value, kind in rows:
            if kind in ("array", "object"):
                value = json.loads(value)
            elif kind == "true":
                value = True
            out[rid] = cells.text(primary, value)
        return out

    # ---- writes ----

    def create(
        self, base_id: str, table: TableInfo, items: list[dict[str, Any]], typecast: bool, user: User | None
    ) -> list[Row]:
        """Create records from their ``fields`` dicts (already checked to be dicts)."""
        with self.store.write() as pending:
            w = _Write(self.store, base_id, table)
            rows = []
            for fields in items:
                row = w.new_row(table.id)
                w.apply(row, fields, replace=False, typecast=typecast)
                rows.append(row)
            pending.append(w.finish(user))
        return rows

    def update(
        self,
        base_id: str,
        table: TableInfo,
        items: list[tuple[str, dict[str, Any]]],
        replace: bool,
        typecast: bool,
        user: User | None,
    ) -> list[Row]:
        """PATCH (only the given fields) or PUT (clear every field not given) records by id."""
        with self.store.write() as pending:
            w = _Write(self.store, base_id, table)
            rows = []
            for record_id, fields in items:
                row = w.existing(record_id, table.id)
                w.apply(row, fields, replace=replace, typecast=typecast)
                rows.append(row)
            pending.append(w.finish(user))
        return rows

    def upsert(
        self,
        base_id: str,
        table: TableInfo,
        items: list[dict[str, Any]],
        merge_on: list[str],
        replace: bool,
        typecast: bool,
        user: User | None,
    ) -> tuple[list[Row], list[str], list[str]]:
        """Update the record matching ``merge_on`` or create one; records in request order."""
        keys = [_merge_field(table, name) for name in merge_on]
        with self.store.write() as pending:
            w = _Write(self.store, base_id, table)
            index = self._merge_index(table, keys)
            rows: list[Row] = []
            created: list[str] = []
            updated: list[str] = []
            for item in items:
                fields = item["fields"]
                if "id" in item:
                    row = w.existing(item["id"], table.id)
                else:
                    key = w.merge_key(keys, fields, typecast)
                    matches = [] if _is_empty(key) else index.get(key, [])
                    if len(matches) > 1:
                        raise errors.invalid_request(
                            f"Cannot upsert: {len(matches)} records match the fieldsToMergeOn values; "
                            "at most one may match"
                        )
                    row = w.existing(matches[0], table.id) if matches else w.new_row(table.id)
                    if not matches:
                        created.append(row.id)
                w.apply(row, fields, replace=replace, typecast=typecast)
                if row.id not in created and row.id not in updated:
                    updated.append(row.id)
                _reindex(index, keys, row)  # later items of this request match what this one wrote
                rows.append(row)
            pending.append(w.finish(user))
        return rows, created, updated

    def _merge_index(self, table: TableInfo, keys: list[FieldInfo]) -> dict[tuple[Any, ...], list[str]]:
        index: dict[tuple[Any, ...], list[str]] = {}
        for row in self.scan(table.id):
            key = _key_of(keys, row.cells)
            if not _is_empty(key):
                index.setdefault(key, []).append(row.id)
        return index

    def delete(self, base_id: str, table: TableInfo, ids: list[str], user: User | None) -> list[str]:
        """Delete records by id (all exist, or nothing is deleted); links to them are removed."""
        with self.store.write() as pending:
            w = _Write(self.store, base_id, table)
            for record_id in ids:
                w.delete(record_id, table.id)
            pending.append(w.finish(user))
        return ids

    def rewrite_choices(
        self, table: TableInfo, field: FieldInfo, old: list[dict[str, Any]], new: list[dict[str, Any]]
    ) -> None:
        """After a field's choices change: renamed choices follow, removed ones are cleared."""
        names = {c["id"]: c["name"] for c in new}
        mapping = {c["name"]: names.get(c["id"]) for c in old}
        if all(k == v for k, v in mapping.items()):
            return
        for row in self.scan(table.id):
            value = row.cells.get(field.id)
            if value is None:
                continue
            if isinstance(value, list):
                value = [mapping.get(v, v) for v in value if mapping.get(v, v)]
            else:
                value = mapping.get(value, value)
            if value:
                row.cells[field.id] = value
            else:
                row.cells.pop(field.id, None)
            self.store.conn.execute("UPDATE records SET cells=? WHERE id=?", (_dumps(row.cells), row.id))

    def forget_iterators(self) -> None:
        self.iterators.clear()


def _reindex(index: dict[tuple[Any, ...], list[str]], keys: list[FieldInfo], row: Row) -> None:
    for ids in index.values():
        if row.id in ids:
            ids.remove(row.id)
    key = _key_of(keys, row.cells)
    if not _is_empty(key):
        index.setdefault(key, []).append(row.id)


def _is_empty(key: tuple[Any, ...]) -> bool:
    """A merge key with every field empty matches nothing: Airtable creates a new record for it, even when
    other records (or one cleared earlier in the same request) have those fields empty too."""
    return all(v is None or v == () for v in key)


def _merge_field(table: TableInfo, name: Any) -> FieldInfo:
    field = table.field(name) if isinstance(name, str) else None
    if field is None:
        raise errors.unknown_field(str(name))
    if field.type not in MERGE_TYPES:
        raise errors.invalid_request(
            f"Field {field.name!r} of type {field.type} cannot be used in fieldsToMergeOn"
        )
    return field


def _key_of(keys: list[FieldInfo], values: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_hashable(values.get(f.id)) for f in keys)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


class _Write:
    """One write in progress: loaded rows, their cells before, link side effects; implements WriteContext."""

    def __init__(self, store: Store, base_id: str, table: TableInfo) -> None:
        self.store = store
        self.base_id = base_id
        self.tables = store.table_map(base_id)
        self.table = table
        self.rows: dict[str, Row] = {}
        self.table_of: dict[str, str] = {}
        self.before: dict[str, dict[str, Any]] = {}
        self.targets: list[str] = []  # records the request names, in order
        self.created: set[str] = set()
        self.deleted: set[str] = set()
        self.options: dict[str, dict[str, Any]] = {}  # field id -> options changed by typecast
        self.now = iso(store.clock.now())
        self._current: Row | None = None

    # -- rows --

    def new_row(self, table_id: str) -> Row:
        row = Row(new_id("rec"), self.now, {})
        self.rows[row.id] = row
        self.table_of[row.id] = table_id
        self.created.add(row.id)
        self.targets.append(row.id)
        return row

    def existing(self, record_id: Any, table_id: str) -> Row:
        row = self._load([record_id], table_id).get(record_id) if isinstance(record_id, str) else None
        if row is None or record_id in self.deleted:
            raise errors.row_does_not_exist(str(record_id))
        if record_id not in self.targets:
            self.targets.append(record_id)
        return row

    def _load(self, ids: list[str], table_id: str) -> dict[str, Row]:
        missing = [i for i in ids if i not in self.rows]
        if missing:
            for rid, row in self.store.records.fetch(missing, table_id).items():
                self.rows[rid] = row
                self.table_of[rid] = table_id
                self.before[rid] = json.loads(_dumps(row.cells))
        return {i: self.rows[i] for i in ids if i in self.rows and self.table_of[i] == table_id}

    # -- applying values --

    def apply(self, row: Row, fields: dict[str, Any], *, replace: bool, typecast: bool) -> None:
        table = self.tables[self.table_of[row.id]]
        given: dict[str, Any] = {}
        for key, value in fields.items():
            field = table.field(key)
            if field is None:
                raise errors.unknown_field(key)
            given[field.id] = (field, value)
        if replace:
            for field in table.fields:
                given.setdefault(field.id, (field, None))
        self._current = row
        for field, value in given.values():
            stored = cells.to_cell(field, value, typecast=typecast, ctx=self)
            if field.type == "multipleRecordLinks":
                self._set_links(row, field, stored or [])
            elif stored is None:
                row.cells.pop(field.id, None)
            else:
                row.cells[field.id] = stored
        self._current = None

    def merge_key(self, keys: list[FieldInfo], fields: dict[str, Any], typecast: bool) -> tuple[Any, ...]:
        """The merge-field values of an upsert item, validated as they would be stored."""
        by_id = {}
        for key, value in fields.items():
            field = self.table.field(key)
            if field is None:
                raise errors.unknown_field(key)
            by_id[field.id] = value
        missing = [f.name for f in keys if f.id not in by_id]
        if missing:
            raise errors.invalid_request(
                f"Records without an id must include every fieldsToMergeOn field: {missing}"
            )
        return tuple(_hashable(cells.to_cell(f, by_id[f.id], typecast=typecast, ctx=self)) for f in keys)

    def _set_links(self, row: Row, field: FieldInfo, new: list[str]) -> None:
        old = row.cells.get(field.id) or []
        if new:
            row.cells[field.id] = new
        else:
            row.cells.pop(field.id, None)
        inverse = (field.options or {}).get("inverseLinkFieldId")
        if not inverse:
            return  # a self-link has no inverse field
        linked_table = field.options["linkedTableId"]  # type: ignore[index]
        others = self._load([r for r in set(old) ^ set(new)], linked_table)
        for rid in old:
            if rid not in new and rid in others:
                ids = others[rid].cells.get(inverse) or []
                if row.id in ids:
                    ids.remove(row.id)
                    _put(others[rid], inverse, ids)
        for rid in new:
            if rid not in old and rid in others:
                ids = others[rid].cells.get(inverse) or []
                if row.id not in ids:
                    _put(others[rid], inverse, [*ids, row.id])

    def delete(self, record_id: Any, table_id: str) -> None:
        row = self.existing(record_id, table_id)
        table = self.tables[table_id]
        for field in table.fields:
            if field.type == "multipleRecordLinks" and row.cells.get(field.id):
                self._set_links(row, field, [])
        # Self-links have no inverse: drop references to this record from the table's own link fields.
        self_links = [
            f
            for f in table.fields
            if f.type == "multipleRecordLinks" and (f.options or {}).get("linkedTableId") == table_id
        ]
        if self_links:
            with self.store.lock:
                hits = [
                    r[0]
                    for r in self.store.conn.execute(
                        "SELECT id FROM records WHERE table_id=? AND instr(cells, ?) > 0",
                        (table_id, record_id),
                    )
                ]
            for other in self._load(hits, table_id).values():
                for f in self_links:
                    ids = other.cells.get(f.id) or []
                    if record_id in ids:
                        _put(other, f.id, [i for i in ids if i != record_id])
        self.deleted.add(row.id)

    # -- WriteContext --

    def choices(self, field: FieldInfo) -> list[dict[str, Any]]:
        return (self.options.get(field.id) or field.options or {}).get("choices", [])

    def add_choice(self, field: FieldInfo, name: str) -> dict[str, Any]:
        existing = self.choices(field)
        choice = fieldtypes.new_choice(name, existing)
        options = {**(self.options.get(field.id) or field.options or {}), "choices": [*existing, choice]}
        self.options[field.id] = options
        self.store.set_field_options(self.base_id, field.id, options)
        return choice

    def link_ids(self, field: FieldInfo, items: list[str], typecast: bool) -> list[str]:
        linked = self.tables[field.options["linkedTableId"]]  # type: ignore[index]
        found = self._load([i for i in items if is_id(i, "rec")], linked.id)
        out = []
        names: dict[str, str] | None = None
        for item in items:
            if item in found and item not in self.deleted:
                out.append(item)
                continue
            if not typecast:
                if is_id(item, "rec"):
                    raise errors.row_does_not_exist(item)
                raise errors.invalid_value(field.name)
            # typecast: a name links the record whose primary value it is, or a new record with that name.
            if names is None:
                names = {text: rid for rid, text in self.store.records.primary_texts(linked).items()}
                names.update(
                    {
                        cells.text(linked.primary, r.cells.get(linked.primary_field_id)): rid
                        for rid, r in self.rows.items()
                        if self.table_of[rid] == linked.id
                    }
                )
            if item in names:
                out.append(names[item])
                continue
            new = Row(new_id("rec"), self.now, {linked.primary_field_id: item})
            self.rows[new.id], self.table_of[new.id] = new, linked.id
            self.created.add(new.id)
            names[item] = new.id
            out.append(new.id)
        return out

    def attachments(self, field: FieldInfo) -> list[dict[str, Any]]:
        return (self._current.cells.get(field.id) if self._current else None) or []

    # -- commit --

    def finish(self, user: User | None):  # -> Transaction
        conn = self.store.conn
        for rid in self.deleted:
            conn.execute("DELETE FROM records WHERE id=?", (rid,))
        changed_ids = []
        for rid, row in self.rows.items():
            if rid in self.deleted:
                continue
            if rid in self.created:
                conn.execute(
                    "INSERT INTO records(id, table_id, created_time, cells) VALUES (?,?,?,?)",
                    (rid, self.table_of[rid], row.created_time, _dumps(row.cells)),
                )
            elif row.cells != self.before[rid] or rid in self.targets:
                conn.execute("UPDATE records SET cells=? WHERE id=?", (_dumps(row.cells), rid))
                changed_ids.append(rid)
        tables = self.store.table_map(self.base_id)  # fresh: typecast may have added choices
        names = self._names()
        order = self.targets + [r for r in self.rows if r not in self.targets]
        changes = []
        for rid in order:
            row, table = self.rows[rid], tables[self.table_of[rid]]
            if rid in self.deleted:
                kind, before, after = "destroyed", self.before[rid], {}
            elif rid in self.created:
                kind, before, after = "created", {}, row.cells
            elif rid in changed_ids:
                kind, before, after = "changed", self.before[rid], row.cells
            else:
                continue
            changes.append(
                RecordChange(
                    table.id,
                    rid,
                    kind,
                    row.created_time,  # type: ignore[arg-type]
                    _v2(table, before, names),
                    _v2(table, after, names),
                )
            )
        return self.store.transaction(self.base_id, user, changes)

    def _names(self) -> dict[str, str]:
        """Primary text of every record a link in the touched rows points at (for V2 link values)."""
        wanted = {
            rid
            for r in self.rows.values()
            for v in r.cells.values()
            if isinstance(v, list)
            for rid in v
            if isinstance(rid, str) and is_id(rid, "rec")
        }
        wanted |= {
            rid
            for cells_ in self.before.values()
            for v in cells_.values()
            if isinstance(v, list)
            for rid in v
            if isinstance(rid, str) and is_id(rid, "rec")
        }
        tables = self.store.table_map(self.base_id)
        out = {}
        with self.store.lock:
            lookup = list(wanted - set(self.rows))
            for i in range(0, len(lookup), _CHUNK):
                chunk = lookup[i : i + _CHUNK]
                for rid, tid, data in self.store.conn.execute(
                    f"SELECT id, table_id, cells FROM records WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk,
                ):
                    if tid in tables:
                        out[rid] = cells.text(
                            tables[tid].primary, json.loads(data).get(tables[tid].primary_field_id)
                        )
        for rid in wanted & set(self.rows):
            table = tables[self.table_of[rid]]
            out[rid] = cells.text(table.primary, self.rows[rid].cells.get(table.primary_field_id))
        return out


def _put(row: Row, field_id: str, ids: list[str]) -> None:
    if ids:
        row.cells[field_id] = ids
    else:
        row.cells.pop(field_id, None)


def _v2(table: TableInfo, values: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    out = {}
    for fid, value in values.items():
        field = table.field(fid)
        if field is not None:
            out[fid] = cells.to_v2(field, value, lambda r: names.get(r, ""))
    return out
