"""SQLite-backed state: bases, tables, fields, views, records; one lock; publish after commit.

One connection (``check_same_thread=False``) and one RLock for all access: SQLite in memory is private to a
connection, and Airtable's writes are serial per base anyway. Every write request runs in one transaction;
after it commits, subscribers get its ``Transaction`` in commit order, outside the store lock (so a webhook
receiver that calls back into the server while being notified cannot deadlock it).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from scripts.localbase import errors, fieldtypes
from scripts.localbase.clock import Clock, iso
from scripts.localbase.http import User
from scripts.localbase.ids import is_id, new_id
from scripts.localbase.model import FieldInfo, RecordChange, Row, TableInfo, Transaction, ViewInfo

__all__ = ["FieldInfo", "RecordChange", "Row", "Store", "TableInfo", "Transaction", "ViewInfo"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS bases(id TEXT PRIMARY KEY, name TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS tables_(id TEXT PRIMARY KEY, base_id TEXT NOT NULL, name TEXT NOT NULL,
    description TEXT, primary_field_id TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS fields(id TEXT PRIMARY KEY, table_id TEXT NOT NULL, name TEXT NOT NULL,
    type TEXT NOT NULL, options TEXT, description TEXT, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS views(id TEXT PRIMARY KEY, table_id TEXT NOT NULL, name TEXT NOT NULL,
    type TEXT NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS records(seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    table_id TEXT NOT NULL, created_time TEXT NOT NULL, cells TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_by_table ON records(table_id, seq);
CREATE INDEX IF NOT EXISTS tables_by_base ON tables_(base_id, seq);
CREATE INDEX IF NOT EXISTS fields_by_table ON fields(table_id, seq);
"""
MAX_DESCRIPTION = 20_000


class Store:
    """All persistent state, behind one lock; ``records`` holds the record operations."""

    def __init__(self, path: str = ":memory:", clock: Clock | None = None) -> None:
        from scripts.localbase.records import Records  # records builds on the store's types

        self.path = path
        self.clock = clock or Clock()
        self.lock = threading.RLock()
        self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        if path != ":memory:":
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(_SCHEMA)
        self._cache: dict[str, dict[str, TableInfo]] = {}
        self._subscribers: list[Callable[[Transaction], None]] = []
        self._queue: deque[Transaction] = deque()
        self._publish_lock = threading.RLock()
        self._local = threading.local()
        self._depth = 0
        self._pending: list[Transaction] = []
        self._seq = self._max_seq()
        self.records = Records(self)

    # ---- transactions and publishing ----

    def subscribe(self, fn: Callable[[Transaction], None]) -> None:
        """Call ``fn(transaction)`` after every committed write, in commit order, outside the lock."""
        self._subscribers.append(fn)

    @contextmanager
    def write(self) -> Iterator[list[Transaction]]:
        """One write transaction; append Transactions to the yielded list to publish them after commit."""
        with self.lock:
            if self._depth:  # nested: part of the outer transaction
                self._depth += 1
                try:
                    yield self._pending
                finally:
                    self._depth -= 1
                return
            self._depth, self._pending = 1, []
            self.conn.execute("BEGIN")
            try:
                yield self._pending
            except BaseException:
                self.conn.execute("ROLLBACK")
                self._cache.clear()
                raise
            finally:
                self._depth = 0
            self.conn.execute("COMMIT")
            self._queue.extend(self._pending)
        self._drain()

    def _drain(self) -> None:
        if getattr(self._local, "draining", False):
            return  # a subscriber wrote: the loop below delivers that transaction next
        with self._publish_lock:
            self._local.draining = True
            try:
                while self._queue:
                    txn = self._queue.popleft()
                    for fn in list(self._subscribers):
                        try:
                            fn(txn)
                        except Exception:  # a subscriber's bug must not fail the write that already committed
                            traceback.print_exc()
            finally:
                self._local.draining = False

    def transaction(
        self, base_id: str, user: User | None, records: list[RecordChange], **kw: Any
    ) -> Transaction:
        """A Transaction stamped with the clock, from the public API as this user (or from a form)."""
        form = getattr(user, "form_view_id", None)
        return Transaction(
            base_id=base_id,
            timestamp=iso(self.clock.now()),
            source="formSubmission" if form else "publicApi",
            user=user.as_dict() if user and not form else {},
            records=records,
            source_metadata={"viewId": form} if form else {},
            **kw,
        )

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _max_seq(self) -> int:
        rows = [
            self.conn.execute(f"SELECT COALESCE(MAX(seq), 0) FROM {t}").fetchone()[0]
            for t in ("bases", "tables_", "fields", "views")
        ]
        return max(rows)

    # ---- reading the schema ----

    def base_exists(self, base_id: str) -> bool:
        with self.lock:
            return self.conn.execute("SELECT 1 FROM bases WHERE id=?", (base_id,)).fetchone() is not None

    def list_bases(self) -> list[dict[str, str]]:
        with self.lock:
            rows = self.conn.execute("SELECT id, name FROM bases ORDER BY seq").fetchall()
        return [{"id": r[0], "name": r[1]} for r in rows]

    def tables(self, base_id: str) -> list[TableInfo]:
        """Every table of the base, in creation order (403 when the base does not exist)."""
        return list(self.table_map(base_id).values())

    def get_table(self, base_id: str, key: str) -> TableInfo:
        """A table by id or name (exact, then case-insensitive); 403/404 as Airtable answers."""
        tables = self.table_map(base_id)
        if key in tables:
            return tables[key]
        for table in tables.values():
            if table.name == key:
                return table
        folded = key.casefold()
        for table in tables.values():
            if table.name.casefold() == folded:
                return table
        if is_id(key, "tbl"):
            raise errors.model_id_not_found("Table")
        raise errors.model_not_found()

    def table_map(self, base_id: str) -> dict[str, TableInfo]:
        """Table id → TableInfo for the base, cached until its schema changes (403 for an unknown base)."""
        with self.lock:
            cached = self._cache.get(base_id)
            if cached is not None:
                return cached
            if not self.base_exists(base_id):
                raise errors.model_not_found()
            tables: dict[str, TableInfo] = {}
            for tid, name, desc, primary in self.conn.execute(
                "SELECT id, name, description, primary_field_id FROM tables_ WHERE base_id=? ORDER BY seq",
                (base_id,),
            ).fetchall():
                fields = [
                    FieldInfo(fid, fname, ftype, json.loads(opts) if opts else None, fdesc)
                    for fid, fname, ftype, opts, fdesc in self.conn.execute(
                        "SELECT id, name, type, options, description FROM fields"
                        " WHERE table_id=? ORDER BY seq",
                        (tid,),
                    )
                ]
                views = [
                    ViewInfo(vid, vname, vtype)
                    for vid, vname, vtype in self.conn.execute(
                        "SELECT id, name, type FROM views WHERE table_id=? ORDER BY seq", (tid,)
                    )
                ]
                tables[tid] = TableInfo(tid, name, primary, fields, desc, views, base_id)
            self._cache[base_id] = tables
            return tables

    def invalidate(self, base_id: str) -> None:
        with self.lock:
            self._cache.pop(base_id, None)

    # ---- writing the schema ----

    def create_base(
        self, name: Any, tables: list[Any], user: User | None = None
    ) -> tuple[str, list[TableInfo]]:
        """A new base with these tables (Airtable table models, without ids)."""
        if not isinstance(name, str) or not name.strip():
            raise errors.invalid_request("Base name must be a non-empty string")
        if not isinstance(tables, list):
            raise errors.invalid_request("tables must be a list")
        base_id = new_id("app")
        with self.write():
            self.conn.execute("INSERT INTO bases VALUES (?,?,?)", (base_id, name.strip(), self.next_seq()))
            for spec in tables:
                self._insert_table(base_id, spec, [])
        return base_id, self.tables(base_id)

    def create_table(self, base_id: str, spec: Any, user: User | None = None) -> TableInfo:
        """A new table; its first field is the primary field; a "Grid view" is created with it."""
        self.table_map(base_id)
        changes: list[dict[str, Any]] = []
        with self.write() as pending:
            table_id = self._insert_table(base_id, spec, changes)
            pending.append(self.transaction(base_id, user, [], field_changes=changes))
        return self.table_map(base_id)[table_id]

    def _insert_table(self, base_id: str, spec: Any, changes: list[dict[str, Any]]) -> str:
        if not isinstance(spec, dict):
            raise errors.invalid_request("Each table must be an object")
        name = _clean_name(spec.get("name"))
        if not name:
            raise errors.invalid_request("Table name must be a non-empty string")
        if any(t.name.casefold() == name.casefold() for t in self.table_map(base_id).values()):
            raise errors.duplicate_table_name(name)
        description = _description(spec.get("description"))
        fields = spec.get("fields")
        if not isinstance(fields, list) or not fields:
            raise errors.invalid_request("A table needs at least one field")
        first = fields[0] if isinstance(fields[0], dict) else {}
        if first.get("type") in fieldtypes.NOT_PRIMARY:
            raise errors.invalid_request(f"Field type {first.get('type')} cannot be the primary field")
        table_id = new_id("tbl")
        self.conn.execute(
            "INSERT INTO tables_ VALUES (?,?,?,?,?,?)",
            (table_id, base_id, name, description, "", self.next_seq()),
        )
        self.conn.execute(
            "INSERT INTO views VALUES (?,?,?,?,?)",
            (new_id("viw"), table_id, "Grid view", "grid", self.next_seq()),
        )
        self.invalidate(base_id)
        mine: list[dict[str, Any]] = []
        ids = [self._insert_field(base_id, table_id, spec, mine) for spec in fields]
        for change in mine:  # fields of the new table are marked so payloads can say the table is new
            change["new_table"] = change["table_id"] == table_id
        changes.extend(mine)
        self.conn.execute("UPDATE tables_ SET primary_field_id=? WHERE id=?", (ids[0], table_id))
        self.invalidate(base_id)
        return table_id

    def create_field(self, base_id: str, table_key: str, spec: Any, user: User | None = None) -> FieldInfo:
        """A new field; a link field also creates its inverse field on the linked table."""
        table = self.get_table(base_id, table_key)
        changes: list[dict[str, Any]] = []
        with self.write() as pending:
            field_id = self._insert_field(base_id, table.id, spec, changes)
            pending.append(self.transaction(base_id, user, [], field_changes=changes))
        return self.table_map(base_id)[table.id].field(field_id)  # type: ignore[return-value]

    def _insert_field(self, base_id: str, table_id: str, spec: Any, changes: list[dict[str, Any]]) -> str:
        tables = self.table_map(base_id)
        table = tables[table_id]
        if not isinstance(spec, dict):
            raise errors.invalid_request("Each field must be an object")
        name = _clean_name(spec.get("name"))
        type_ = spec.get("type")
        if not name or _named(table, name) is not None:
            raise errors.duplicate_field_name(name or "")
        fieldtypes.check_creatable(type_, table.name, name)
        description = _description(spec.get("description"))
        field_id = new_id("fld")
        try:
            if type_ == "multipleRecordLinks":
                options = fieldtypes.link_options(spec.get("options"), lambda t: t in tables)
            else:
                options = fieldtypes.normalize_options(type_, spec.get("options"), lambda t: t in tables)
        except fieldtypes.OptionsError as exc:
            raise errors.invalid_options(table.name, name, str(exc)) from None
        if type_ == "multipleRecordLinks" and options["linkedTableId"] != table_id:
            linked = tables[options["linkedTableId"]]
            inverse_id = new_id("fld")
            options["inverseLinkFieldId"] = inverse_id
            inverse_options = {
                "linkedTableId": table_id,
                "isReversed": False,
                "prefersSingleRecordLink": False,
                "inverseLinkFieldId": field_id,
            }
            inverse_name = _free_name(linked, table.name)
            self._insert_field_row(inverse_id, linked.id, inverse_name, type_, inverse_options, None)
            changes.append(_field_change(linked.id, inverse_id, inverse_name, type_))
        self._insert_field_row(field_id, table_id, name, type_, options, description)
        changes.append(_field_change(table_id, field_id, name, type_))
        self.invalidate(base_id)
        return field_id

    def _insert_field_row(
        self, fid: str, tid: str, name: str, type_: str, options: Any, desc: str | None
    ) -> None:
        self.conn.execute(
            "INSERT INTO fields VALUES (?,?,?,?,?,?,?)",
            (fid, tid, name, type_, None if options is None else json.dumps(options), desc, self.next_seq()),
        )

    def update_table(self, base_id: str, table_key: str, changes: Any, user: User | None = None) -> TableInfo:
        """Rename a table and/or change its description."""
        table = self.get_table(base_id, table_key)
        if not isinstance(changes, dict) or not ({"name", "description"} & set(changes)):
            raise errors.invalid_request("Provide name and/or description")
        with self.write():
            if "name" in changes:
                name = _clean_name(changes["name"])
                if not name:
                    raise errors.invalid_request("Table name must be a non-empty string")
                for other in self.table_map(base_id).values():
                    if other.id != table.id and other.name.casefold() == name.casefold():
                        raise errors.duplicate_table_name(name)
                self.conn.execute("UPDATE tables_ SET name=? WHERE id=?", (name, table.id))
            if "description" in changes:
                desc = _description(changes["description"])
                self.conn.execute("UPDATE tables_ SET description=? WHERE id=?", (desc, table.id))
            self.invalidate(base_id)
        return self.table_map(base_id)[table.id]

    def update_field(
        self, base_id: str, table_key: str, field_id: str, changes: Any, user: User | None = None
    ) -> FieldInfo:
        """Change a field's name, description and/or options (not a link field's options)."""
        table = self.get_table(base_id, table_key)
        current = table.field(field_id) if is_id(field_id, "fld") else None
        if current is None:
            raise errors.model_id_not_found("Field")
        if not isinstance(changes, dict) or not ({"name", "description", "options"} & set(changes)):
            raise errors.invalid_request("At least one of name, description or options must be specified")
        with self.write() as pending:
            name = current.name
            if "name" in changes:
                name = _clean_name(changes["name"])
                clash = _named(table, name) if name else None
                if not name or clash is not None and clash.id != current.id:
                    raise errors.duplicate_field_name(name or "")
                self.conn.execute("UPDATE fields SET name=? WHERE id=?", (name, current.id))
            if "description" in changes:
                self.conn.execute(
                    "UPDATE fields SET description=? WHERE id=?",
                    (_description(changes["description"]), current.id),
                )
            if "options" in changes:
                options = self._new_options(table, current, changes["options"])
                self.conn.execute("UPDATE fields SET options=? WHERE id=?", (json.dumps(options), current.id))
            self.invalidate(base_id)
            change = _field_change(table.id, current.id, name, current.type)
            change.update(kind="changed", previous={"name": current.name, "type": current.type})
            pending.append(self.transaction(base_id, user, [], field_changes=[change]))
        return self.table_map(base_id)[table.id].field(current.id)  # type: ignore[return-value]

    def _new_options(self, table: TableInfo, current: FieldInfo, options: Any) -> dict[str, Any] | None:
        if current.type == "multipleRecordLinks":
            raise errors.invalid_request(
                "Updating options for existing multipleRecordLinks fields is not supported"
            )
        try:
            if current.type in fieldtypes.SELECT_TYPES:
                if not isinstance(options, dict):
                    raise fieldtypes.OptionsError("options must be an object")
                old = (current.options or {}).get("choices", [])
                choices = fieldtypes.normalize_choices(options.get("choices"), old)
                self.records.rewrite_choices(table, current, old, choices)
                return {"choices": choices}
            merged = {**(current.options or {}), **(options or {})}
            return fieldtypes.normalize_options(current.type, merged, lambda t: False)
        except fieldtypes.OptionsError as exc:
            raise errors.invalid_options(table.name, current.name, str(exc)) from None

    def set_field_options(self, base_id: str, field_id: str, options: dict[str, Any]) -> None:
        """Replace a field's options inside the current write (typecast adding a select choice)."""
        self.conn.execute("UPDATE fields SET options=? WHERE id=?", (json.dumps(options), field_id))
        self.invalidate(base_id)

    # ---- admin ----

    def reset(self) -> None:
        """Forget every base (POST /_local/reset)."""
        with self.lock:
            for table in ("records", "views", "fields", "tables_", "bases"):
                self.conn.execute(f"DELETE FROM {table}")
            self._cache.clear()
            self.records.forget_iterators()

    def close(self) -> None:
        with self.lock:
            self.conn.close()


def _clean_name(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _description(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_DESCRIPTION:
        raise errors.invalid_request(f"description must be a string of at most {MAX_DESCRIPTION} characters")
    return value


def _free_name(table: TableInfo, wanted: str) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3``… whichever the table does not have yet."""
    name, n = wanted, 1
    while _named(table, name) is not None:
        n += 1
        name = f"{wanted} {n}"
    return name


def _field_change(table_id: str, field_id: str, name: str, type_: str) -> dict[str, Any]:
    return {
        "table_id": table_id,
        "field_id": field_id,
        "kind": "created",
        "current": {"name": name, "type": type_},
    }


def _named(table: TableInfo, name: str) -> FieldInfo | None:
    """The field whose name equals ``name`` case-insensitively (names are unique that way)."""
    folded = name.casefold()
    return next((f for f in table.fields if f.name.casefold() == folded), None)
