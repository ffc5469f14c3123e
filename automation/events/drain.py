"""Processing one webhook's pending payloads: peek, take the lease, run page by page, save the cursor.

Cheap when there is nothing to do: a ping for our own write (or a duplicate ping) lists one page from the
cursor this process last saw and stops, without reading state or writing anything. Otherwise the lease
(claim + read-back in System State) makes one invocation at a time process a webhook; the cursor is saved
after each page that leaves more to do, and with the lease's release at the end, never backwards.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from automation.errors import AirtableUnavailable, RecordProblem
from automation.events.context import work_left
from automation.events.payloads import Batch, coalesce, parse_payloads
from automation.events.runner import Runner, Touch
from automation.events.state import LeaseBusy, StateStore, WebhookState

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway
    from automation.airtable.schema_map import SchemaMap
    from automation.context import JobContext
    from automation.registry import Automation
    from automation.run_context import RunContext

PAGE_LIMIT = 50  # Airtable returns at most 50 payloads per list call
SETTLE_S = 0.05  # least wait between a lease claim and its read-back (the claim's round trip is added)
POLL_S = 0.5  # how often a waiting invocation looks at a held lease
LEASE_MARGIN_S = 30.0  # a lease outlives its holder's budget by this much (a crashed holder frees it)

_seen: dict[tuple[str, str], int] = {}  # (base, webhook) -> cursor this process knows is done
_seen_lock = threading.Lock()


@dataclass
class Page:
    start: int
    payloads: list[dict[str, Any]]
    cursor: int
    more: bool

    def after(self, cursor: int) -> Page:
        """The part of this page from `cursor` on (payload i of a page has number start + i)."""
        return Page(cursor, self.payloads[max(0, cursor - self.start) :], self.cursor, self.more)


def list_page(gw: Gateway, webhook_id: str, cursor: int) -> Page:
    """One list-payloads call (it also extends the webhook's expiry by 7 days)."""
    body = gw.request(
        "GET",
        f"/v0/bases/{{base}}/webhooks/{webhook_id}/payloads",
        params={"cursor": cursor, "limit": PAGE_LIMIT},
    )
    try:
        payloads = list(body["payloads"])
        return Page(cursor, payloads, int(body["cursor"]), bool(body.get("mightHaveMore")))
    except (KeyError, TypeError, ValueError):
        raise AirtableUnavailable(f"unexpected list-payloads answer for {webhook_id}") from None


def to_work(batch: Batch, smap: SchemaMap) -> dict[str, dict[str, Touch]]:
    """Coalesced events by table key and record, with field ids turned into field keys."""
    tables = {info.id: info for info in smap.tables.values()}
    work: dict[str, dict[str, Touch]] = {}
    for table_id, changes in coalesce(batch.events).items():
        info = tables.get(table_id)
        if info is None:
            continue  # a table the product does not manage
        work[info.key] = {
            rid: Touch(c.created, frozenset(info.by_id[f].key for f in c.field_ids if f in info.by_id))
            for rid, c in changes.items()
        }
    return work


@dataclass
class DrainReport:
    webhook_id: str
    cursor_from: int | None = None
    cursor_to: int | None = None
    pages: int = 0
    payloads: int = 0
    events: int = 0
    own_skipped: int = 0
    errors: list[str] = field(default_factory=list)
    written: int = 0
    failed: dict[str, list[str]] = field(default_factory=dict)
    records: dict[str, list[str]] = field(default_factory=dict)  # ids automations ran on (first 100/table)
    processed: bool = False  # held the lease and ran automations (even if they changed nothing)

    def details(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [], {}, 0, False)}


class Drainer:
    """One invocation's processing of one webhook."""

    def __init__(
        self,
        gw: Gateway,
        run: RunContext,
        webhook_id: str,
        *,
        own_user: str | None,
        get_ctx: Callable[[], JobContext],
        automations: Callable[[], list[Automation]],
        wait_s: float | None = None,
    ) -> None:
        self.gw, self.run, self.webhook_id = gw, run, webhook_id
        self.store = StateStore(gw)
        self.own_user = own_user
        self.get_ctx = get_ctx
        self.automations = automations
        self.holder = uuid.uuid4().hex
        self.wait_s = wait_s  # longest wait for a held lease (None: the whole budget)
        self.report = DrainReport(webhook_id)

    # ---- the process-local lower bound of the cursor ----

    def _seen(self) -> int:
        with _seen_lock:
            return _seen.get((self.gw.base_id, self.webhook_id), 1)

    def _see(self, cursor: int) -> None:
        with _seen_lock:
            key = (self.gw.base_id, self.webhook_id)
            _seen[key] = max(_seen.get(key, 1), cursor)

    def _list(self, cursor: int) -> Page:
        self.report.pages += 1
        return list_page(self.gw, self.webhook_id, cursor)

    # ---- the loop ----

    def drain(self, state: WebhookState | None = None) -> DrainReport:
        """Process what is pending, within the run's budget; raises LeaseBusy if another holds it too long."""
        while work_left(self.run) > 0:
            peek = self._list(max(self._seen(), state.cursor if state else 1))
            batch = parse_payloads(peek.payloads, self.own_user)
            if not (batch.events or batch.errors or peek.more):
                self.report.own_skipped += batch.own
                self._see(peek.cursor)
                break
            state, mine = self._acquire(state, peek)
            if mine:
                self._process(state, peek)
                break
            if state.cursor >= peek.cursor and not peek.more:
                break  # another invocation processed everything we saw while we waited
        return self.report

    def _acquire(self, state: WebhookState | None, peek: Page) -> tuple[WebhookState, bool]:
        ttl = max(self.run.time_left(), 0) + LEASE_MARGIN_S  # budget + grace + margin
        give_up = time.monotonic() + (self.wait_s if self.wait_s is not None else ttl)
        while True:
            state = state if state is not None else self.store.load(self.webhook_id)
            if state.cursor >= peek.cursor:
                return state, False
            if state.lease.free_for(self.holder, datetime.now(UTC)):
                won = self.store.claim(state, self.holder, ttl, SETTLE_S)
                if won is not None:
                    return won, True
            if work_left(self.run) < POLL_S or time.monotonic() + POLL_S > give_up:
                raise LeaseBusy(f"webhook {self.webhook_id} is being processed by another invocation")
            time.sleep(POLL_S)
            state = None

    def _process(self, state: WebhookState, peek: Page) -> None:
        cursor = state.cursor
        self.report.cursor_from = self.report.cursor_to = cursor
        page = peek.after(cursor) if peek.start <= cursor < peek.cursor else self._list(cursor)
        try:
            while True:
                self._run_page(page)
                cursor = self.report.cursor_to = page.cursor
                self._see(cursor)
                if not page.more or work_left(self.run) <= 0:
                    break
                self.store.save_cursor(state, cursor)
                page = self._list(cursor)
        finally:
            self.store.release(state, self.holder, cursor)

    def _run_page(self, page: Page) -> None:
        batch = parse_payloads(page.payloads, self.own_user)
        r = self.report
        r.payloads += len(page.payloads)
        r.events += len(batch.events)
        r.own_skipped += batch.own
        if not (batch.events or batch.errors):
            return
        ctx = self.get_ctx()
        r.processed = True
        for code in batch.errors:
            r.errors.append(code)
            ctx.run.report(
                RecordProblem(
                    "system_state",
                    self.webhook_id,
                    None,
                    code,
                    "webhook in error state; the refresh-webhooks cron re-creates it",
                )
            )
        work = to_work(batch, self.gw.schema_map())
        if work:
            result = Runner(ctx, self.automations()).run(work)
            r.written += result.written
            for table, ids in result.failed.items():
                r.failed.setdefault(table, []).extend(sorted(ids))
            for table, ids in result.records.items():
                listed = r.records.setdefault(table, [])
                listed.extend(sorted(ids)[: max(0, 100 - len(listed))])
