"""The one Airtable gateway: typed reads and diff-aware, batched writes by field key (APP-CONTRACT.md).

Fields are addressed by id, resolved from the base schema once per warm process, so a rename in the UI
keeps working. Every HTTP call passes the GatedApi choke point (spacing, retry, counting, errors).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from pyairtable import Table
from pyairtable import formulas as F
from pydantic import ValidationError

from automation.airtable import writes
from automation.airtable.ratelimit import WindowPacer, bucket_for
from automation.airtable.schema_map import SchemaMap
from automation.airtable.transport import GatedApi, RetryPolicy, last_request_left
from automation.config import Config
from automation.errors import AirtableRejected, RecordProblem
from automation.models import Record
from automation.run_context import current_run, report
from schema.tables import ALL_TABLES

M = TypeVar("M", bound=Record)

PAGE_SIZE = 100  # Airtable returns at most 100 records per page.
# RECORD_ID() clauses per get_many read: one page each; 100 ids make a URL of ~4,600 characters, far
# below Airtable's 16,000 (pyairtable would switch to POST listRecords beyond it).
IDS_PER_READ = 100

# Per warm process, per (endpoint, base): one GET meta call, then cached.
_schemas: dict[tuple[str, str], SchemaMap] = {}
_whoami: dict[tuple[str, str], str] = {}
_cache_lock = threading.Lock()


class Gateway:
    """Reads and writes the base named by the configuration; services receive it, never build clients."""

    def __init__(self, config: Config, *, policy: RetryPolicy | None = None) -> None:
        self.config = config
        self.base_id = config.airtable_base_id
        self.endpoint = config.airtable_endpoint_url.rstrip("/")
        t = config.airtable_timeout_s
        self.api = GatedApi(
            config.airtable_api_key.get_secret_value(),
            bucket=bucket_for(self.endpoint, self.base_id, config.airtable_rate_per_s),
            policy=policy or RetryPolicy(),
            timeout=(min(t, 5.0), t),
            endpoint_url=self.endpoint,
        )
        self.api.on_schema_error = self.forget_schema

    # ---- pacing ----

    def room_for(self, calls: int, max_wait: float = 5.0) -> None:
        """Wait until `calls` calls could leave back to back, without pacing between them. For a sequence
        whose elapsed time matters (a claim: read, write, and the write must land soon after the read).

        The slots are held for this thread (WindowPacer.hold), for as long as the run has left (a run that
        is not urgent may wait behind one that is; not holding them would only spend that wait between
        the read and the write); without a run, at most `max_wait`."""
        bucket = self.api.bucket
        if not bucket.rate:
            return  # not paced (tests, a bulk script with its own limit)
        if isinstance(bucket, WindowPacer):
            run = current_run()
            limit = max(0.0, run.time_left()) if run else max_wait
            wait = bucket.hold(calls, limit, urgent=bool(run and run.urgent))
            if wait:
                time.sleep(wait)
            return
        wait = bucket.room_in(calls)
        if 0 < wait <= max_wait:
            time.sleep(wait)

    # ---- schema and identity ----

    def schema_map(self, *, refresh: bool = False) -> SchemaMap:
        """Table and field ids by key; one GET meta call per warm process (or when refresh=True)."""
        key = (self.endpoint, self.base_id)
        with _cache_lock:
            cached = _schemas.get(key)
        if cached is not None and not refresh:
            return cached
        meta = self.api.request("GET", self.api.build_url(f"meta/bases/{self.base_id}/tables"))
        smap = SchemaMap.from_meta(meta or {}, ALL_TABLES)
        with _cache_lock:
            _schemas[key] = smap
        return smap

    def forget_schema(self) -> None:
        """Drop the cached schema map: Airtable no longer knows one of its ids; the next call re-reads it."""
        with _cache_lock:
            _schemas.pop((self.endpoint, self.base_id), None)

    def whoami(self) -> str:
        """Our token's user id (to recognise our own writes in webhook payloads); cached per process."""
        key = (self.endpoint, hashlib.sha256(self.api.api_key.encode()).hexdigest())
        with _cache_lock:
            if key in _whoami:
                return _whoami[key]
        user_id = str(self.api.whoami()["id"])
        with _cache_lock:
            _whoami[key] = user_id
        return user_id

    def field_id(self, model: type[Record], key: str) -> str:
        return self.schema_map().field_id(model.TABLE.key, key)

    def ref(self, model: type[Record], key: str) -> F.Field:
        """A formula reference to a field by id (survives renames): `gw.ref(Lead, "status").eq("New")`."""
        return F.Field(self.field_id(model, key))

    def table(self, model: type[Record]) -> Table:
        """The pyairtable Table of a model, addressed by id."""
        return self.api.table(self.base_id, self.schema_map().table_id(model.TABLE.key))

    # ---- reads ----

    def all(
        self,
        model: type[M],
        formula: str | F.Formula | Mapping[str, Any] | None = None,
        fields: Sequence[str] | None = None,
        sort: Sequence[str] | None = None,
        max_records: int | None = None,
    ) -> list[M]:
        """Records of a table in pages of 100. `formula` may be a dict {key: value} (all equal);
        `sort` takes keys, "-key" for descending. Records that do not fit the model are reported, skipped."""
        options: dict[str, Any] = {"page_size": PAGE_SIZE, "use_field_ids": True}
        if formula is not None:
            options["formula"] = self._formula(model, formula)
        if fields:
            options["fields"] = [self.field_id(model, k) for k in fields]
        if sort:
            options["sort"] = [
                ("-" if s[0] == "-" else "") + self.field_id(model, s.lstrip("-")) for s in sort
            ]
        if max_records:
            options["max_records"] = max_records
        sent = time.monotonic()  # no later than the first request leaves; _parsed makes it exact (claim.py)
        try:
            return list(self._parsed(model, self.table(model).iterate(**options), fields, sent))
        except AirtableRejected as exc:
            if exc.error_type != "LIST_RECORDS_ITERATOR_NOT_AVAILABLE":
                raise
            # Airtable's documented answer to an expired offset: start the listing again, once.
            return list(self._parsed(model, self.table(model).iterate(**options), fields, sent))

    def get_many(self, model: type[M], ids: Iterable[str], fields: Sequence[str] | None = None) -> list[M]:
        """The records with these ids, in that order; missing ids are simply absent."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, M] = {}
        for start in range(0, len(wanted), IDS_PER_READ):
            chunk = wanted[start : start + IDS_PER_READ]
            formula = F.OR(*(F.EQ(F.RECORD_ID(), rid) for rid in chunk))
            found.update((r.id, r) for r in self.all(model, formula=formula, fields=fields))
        return [found[rid] for rid in wanted if rid in found]

    def get(self, model: type[M], record_id: str) -> M | None:
        """One record, or None when it does not exist (or does not fit the model: then it is reported)."""
        records = self.get_many(model, [record_id])
        return records[0] if records else None

    def parse(self, model: type[M], raw: Mapping[str, Any], fields: Sequence[str] | None = None) -> M | None:
        """A record as Airtable returns it (fields by id) -> the model; a misfit is reported -> None."""
        info = self.schema_map().table(model.TABLE.key)
        data: dict[str, Any] = {"id": raw["id"], "created_time": raw.get("createdTime")}
        for fid, value in (raw.get("fields") or {}).items():
            fi = info.by_id.get(fid)
            if fi is not None:
                data[fi.key] = value
        try:
            record = model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                key = str(err["loc"][0]) if err["loc"] else None
                report(RecordProblem(model.TABLE.key, raw["id"], key, data.get(key or ""), err["msg"]))
            return None
        if fields is not None:
            record._loaded = frozenset(fields)
        else:
            record._whole = True
        return record

    def _parsed(
        self, model: type[M], pages: Iterable[list[Any]], fields: Sequence[str] | None, sent: float
    ) -> Iterator[M]:
        run = current_run()
        first = True
        for page in pages:
            if first:  # the first page's request left after its pacing wait: no earlier than `sent`
                sent, first = max(sent, last_request_left() or sent), False
            if run:
                run.count(records_read=len(page))
            for raw in page:
                record = self.parse(model, raw, fields)
                if record is not None:
                    record._read_sent = sent
                    yield record

    def _formula(self, model: type[Record], formula: str | F.Formula | Mapping[str, Any]) -> str | F.Formula:
        if not isinstance(formula, Mapping):
            return formula
        clauses = [F.EQ(self.ref(model, k), F.BLANK() if v is None else v) for k, v in formula.items()]
        return clauses[0] if len(clauses) == 1 else F.AND(*clauses)

    # ---- writes (batched by 10, diff-aware, Shadow-aware): see writes.py ----

    def create(self, model: type[M], rows: Sequence[Mapping[str, Any]]) -> list[M]:
        """New records from {key: value} rows; never blindly retried (a retry could create twice)."""
        return writes.create(self, model, rows)

    def upsert(
        self,
        model: type[M],
        rows: Sequence[Mapping[str, Any]],
        merge_on: Sequence[str],
        *,
        created: set[str] | None = None,
    ) -> list[M]:
        """Create or update by the merge_on keys (performUpsert); the idempotent way to create.
        `created`, when given, receives the ids of the records the requests created (Airtable's
        createdRecords: a request retried after it was applied reports its own record as updated)."""
        return writes.upsert(self, model, rows, merge_on, created)

    def update(self, model: type[M], updates: Sequence[tuple[M, Mapping[str, Any]]]) -> list[M]:
        """Send only fields whose value changed; records with no change are not written."""
        return writes.update(self, model, updates)

    def delete(self, model: type[Record], ids: Iterable[str]) -> None:
        writes.delete(self, model, ids)

    # ---- raw calls (webhooks, meta) through the same choke point ----

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        """A raw API call; `path` like "/v0/bases/{base}/webhooks" ({base} is filled in)."""
        url = self.endpoint + "/" + path.replace("{base}", self.base_id).lstrip("/")
        return self.api.request(method, url, params=params, json=json)
