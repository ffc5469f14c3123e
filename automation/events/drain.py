"""Processing one webhook's pending payloads: peek, take the lease, run page by page, save the cursor.

Cheap when there is nothing to do: a ping for our own write (or a duplicate ping) lists one page from the
cursor this process last saw and stops, without reading state or writing anything. Otherwise the lease
(claim + read-back in System State) makes one invocation at a time process a webhook; the cursor is saved
after each page that leaves more to do, and with the lease's release at the end, never backwards.

Latency: Airtable answers each call in 100-300 ms, so independent calls overlap. A warm instance reads the
state while it lists payloads (unless it wrote moments ago: that ping is most likely the echo of its own
write, which costs one list call alone), and reads the concerned records and the settings while the claim
settles and is read back. A lost claim only wastes that read.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from automation.errors import RecordProblem
from automation.events.context import work_left
from automation.events.pages import DrainReport, Page, list_page, to_work
from automation.events.payloads import parse_payloads
from automation.events.runner import Runner
from automation.events.state import LeaseBusy, StateStore, WebhookState

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway
    from automation.context import JobContext
    from automation.models import Record
    from automation.registry import Automation
    from automation.run_context import RunContext

log = logging.getLogger(__name__)
T = TypeVar("T")
SETTLE_S = 0.1  # between a lease claim and its read-back: longer than a healthy rival's read-to-write work
POLL_S = 0.5  # how often a waiting invocation looks at a held lease
LEASE_MARGIN_S = 5.0  # a lease outlives its holder's deadline (the gateway refuses calls after it) by this
ECHO_WINDOW_S = 5.0  # the next ping this soon after our own write is most likely its echo: look first

_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="events")
_seen: dict[tuple[str, str], int] = {}  # (base, webhook) -> cursor this process knows is done
_wrote_at: dict[tuple[str, str], float] = {}  # (base, webhook) -> our last write whose echo is not seen
_abandoned: set[str] = set()  # lease holders of this process that gave up (their claim may still stand)
_lock = threading.Lock()


def abandon(holder: str) -> None:
    """An invocation failed while it may hold the lease (a 429 on the read-back, say). Nobody will act on
    that claim, so the next invocation in this process (Airtable's retry of the ping, typically) takes it
    over at once instead of waiting for it to expire; other processes wait for the expiry."""
    with _lock:
        _abandoned.add(holder)


def _abandoned_holders() -> frozenset[str]:
    with _lock:
        return frozenset(_abandoned)


def _background(fn: Callable[..., T], *args: Any) -> Future[T]:
    """Run in the pool within this request's context (the run keeps counting its calls)."""
    return _pool.submit(contextvars.copy_context().run, fn, *args)


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
        self.key = (gw.base_id, webhook_id)
        self.store = StateStore(gw)
        self.own_user = own_user
        self.get_ctx = get_ctx
        self.automations = automations
        self.holder = uuid.uuid4().hex
        self.wait_s = wait_s  # longest wait for a held lease (None: the whole budget)
        self.report = DrainReport(webhook_id)

    # ---- what this process knows (a lower bound of the cursor; when it last wrote) ----

    def _seen(self) -> int:
        with _lock:
            return _seen.get(self.key, 1)

    def _see(self, cursor: int) -> None:
        with _lock:
            _seen[self.key] = max(_seen.get(self.key, 1), cursor)

    def _expecting_echo(self) -> bool:
        with _lock:
            return time.monotonic() - _wrote_at.get(self.key, float("-inf")) < ECHO_WINDOW_S

    def _list(self, cursor: int) -> Page:
        self.report.pages += 1
        return list_page(self.gw, self.webhook_id, cursor)

    # ---- the loop ----

    def drain(self, state: WebhookState | None = None) -> DrainReport:
        """Process what is pending, within the run's budget; raises LeaseBusy if another holds it too long."""
        while work_left(self.run) > 0:
            peek, state = self._look(state)
            batch = parse_payloads(peek.payloads, self.own_user)
            if not (batch.events or batch.errors or peek.more):
                self.report.own_skipped += batch.own
                self._see(peek.cursor)
                if batch.own:
                    with _lock:
                        _wrote_at.pop(self.key, None)  # the echo came: the next ping is someone's change
                break
            state, mine, prefetched = self._acquire(state, peek)
            if mine:
                self._process(state, peek, prefetched)
                break
            if state.cursor >= peek.cursor and not peek.more:
                break  # another invocation processed everything we saw while we waited
        return self.report

    def _look(self, state: WebhookState | None) -> tuple[Page, WebhookState | None]:
        """List from the best cursor known; when warm and not expecting an echo, read the state meanwhile."""
        if state is not None:
            return self._list(max(self._seen(), state.cursor)), state
        if self._expecting_echo():
            return self._list(self._seen()), None
        loading = _background(self.store.load, self.webhook_id)
        peek = self._list(self._seen())
        return peek, loading.result()

    def _acquire(
        self, state: WebhookState | None, peek: Page
    ) -> tuple[WebhookState, bool, dict[str, dict[str, Record]] | None]:
        ttl = max(self.run.time_left(), 0) + LEASE_MARGIN_S  # budget + grace + margin
        give_up = time.monotonic() + (self.wait_s if self.wait_s is not None else ttl)
        while True:
            state = state if state is not None else self.store.load(self.webhook_id)
            if state.cursor >= peek.cursor:
                return state, False, None
            if state.lease.free_for(self.holder, datetime.now(UTC), _abandoned_holders()):
                self.store.write_claim(state, self.holder, ttl)
                prefetching = _background(self._prefetch, peek)
                time.sleep(SETTLE_S)
                try:
                    fresh = self.store.load(self.webhook_id)
                except Exception:
                    abandon(self.holder)  # we may hold it and cannot tell
                    raise
                prefetched = self._result(prefetching)
                if fresh.lease.holder == self.holder:
                    return fresh, True, prefetched
            if work_left(self.run) < POLL_S or time.monotonic() + POLL_S > give_up:
                raise LeaseBusy(f"webhook {self.webhook_id} is being processed by another invocation")
            time.sleep(POLL_S)
            state = None

    @staticmethod
    def _result(prefetching: Future[dict[str, dict[str, Record]]]) -> dict[str, dict[str, Record]] | None:
        """The prefetched records, or None (the runner then reads them itself and reports any failure)."""
        try:
            return prefetching.result()
        except Exception as exc:
            log.warning("prefetch failed, reading again while processing: %s", exc)
            return None

    def _prefetch(self, peek: Page) -> dict[str, dict[str, Record]]:
        """The settings and the records the peeked page concerns, read while the claim settles."""
        work = to_work(parse_payloads(peek.payloads, self.own_user), self.gw.schema_map())
        return Runner(self.get_ctx(), self.automations()).prefetch(work) if work else {}

    def _process(
        self, state: WebhookState, peek: Page, prefetched: dict[str, dict[str, Record]] | None
    ) -> None:
        self.report.cursor_from = state.cursor
        # The peek started at a cursor this process knows is done (own echoes it skipped without saving).
        cursor = self.report.cursor_to = max(state.cursor, peek.start)
        if cursor < peek.cursor:
            page = peek.after(cursor)
        else:
            page, prefetched = self._list(cursor), None
        try:
            while True:
                self._run_page(page, prefetched)
                prefetched = None
                cursor = self.report.cursor_to = page.cursor
                self._see(cursor)
                if not page.more or work_left(self.run) <= 0:
                    break
                self.store.save_cursor(state, cursor)
                page = self._list(cursor)
        finally:
            try:
                self.store.release(state, self.holder, cursor)
            except Exception:
                abandon(self.holder)
                raise
            if self.report.written:
                with _lock:
                    _wrote_at[self.key] = time.monotonic()

    def _run_page(self, page: Page, prefetched: dict[str, dict[str, Record]] | None) -> None:
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
            reason = "webhook in error state; the refresh-webhooks cron re-creates it"
            ctx.run.report(RecordProblem("system_state", self.webhook_id, None, code, reason))
        work = to_work(batch, self.gw.schema_map())
        if work:
            r.add(Runner(ctx, self.automations()).run(work, prefetched=prefetched))
