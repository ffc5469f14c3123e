"""Processing one webhook's pending payloads: list from the cursor, run page by page, save the cursor.

No lease. Processing a payload twice is safe by construction: updates are diff-aware (a value already
written is not written again), creates are upserts on dedupe keys, and a message is sent only by the
delivery that wins its own claim. So an invocation does not claim the webhook in System State first (that
cost a state read, a claim write and its read-back on every ping); it lists from the cursor, processes,
and saves the cursor once at the end. Two invocations of one process take turns (a lock in memory, free);
two processes handed the same payloads at the same moment may both process them: the second writes only
what the first has not yet written, and sends nothing. Pings that arrive while one invocation is already
waiting for its turn are answered at once: the waiting one's list will cover them (the echoes of our own
writes typically arrive while we are still at work: together they cost one list).

What a ping costs, warm: one list call (the cursor this process last saved is trusted; another process's
progress at worst means re-processing a few payloads, harmlessly), the automations' own reads and writes,
and one System State write that saves the cursor and, for a quiet success, the run's log line (see
`QuietLog`). A ping caused by our own write lists one page, finds only our own payloads and stops; a
ping whose changes made the automations write nothing (a status moved that triggers nothing) saves no
cursor either on a warm process: it goes on from it in memory.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from automation.errors import LeaseBusy, RecordProblem
from automation.events.context import forget_settings, work_left
from automation.events.pages import DrainReport, Page, list_page, to_work
from automation.events.payloads import parse_payloads
from automation.events.runner import Runner
from automation.events.state import StateStore, WebhookState

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway
    from automation.context import JobContext
    from automation.registry import Automation
    from automation.run_context import RunContext

log = logging.getLogger(__name__)
QUIET_FLUSH_RUNS = 20  # quiet successes kept in System State before they go to Automation Runs as one record
QUIET_FLUSH_AGE_S = 3600.0  # ... or once the oldest kept is this old (checked when the next one is saved)
SAVE_AFTER_SKIPPED = 20  # payloads of echoes (or of runs that wrote nothing) before a save for them alone
INSTANCE = uuid.uuid4().hex[:10]  # this process: its own quiet-runs entry (no two writers of one entry)

_seen: dict[tuple[str, str], int] = {}  # (base, webhook) -> cursor this process knows is done
_turns: dict[tuple[str, str], threading.Lock] = {}  # one invocation at a time per webhook in this process
_queued: dict[tuple[str, str], int] = {}  # invocations waiting for their turn that have not listed yet
_rounds: dict[tuple[str, str], float] = {}  # when this process's last round of the webhook began
_lock = threading.Lock()


def _turn(key: tuple[str, str]) -> threading.Lock:
    with _lock:
        return _turns.setdefault(key, threading.Lock())


def forget_progress() -> None:
    """Tests: forget the cursors this process saw (as a fresh instance would)."""
    with _lock:
        _seen.clear()


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
        quiet_log: bool = False,
        gather_s: float = 0.0,
    ) -> None:
        self.gw, self.run, self.webhook_id = gw, run, webhook_id
        self.key = (gw.base_id, webhook_id)
        self.store = StateStore(gw)
        self.own_user = own_user
        self.get_ctx = get_ctx
        self.automations = automations
        self.wait_s = wait_s  # longest wait for this process's other invocation (None: the budget)
        self.quiet_log = quiet_log  # log a quiet success with the cursor instead of its own record
        self.gather_s = gather_s  # rounds at least this far apart; a later ping waits, still queued
        self.report = DrainReport(webhook_id)
        self.logged_quietly = False

    def _seen(self) -> int | None:
        with _lock:
            return _seen.get(self.key)

    def _see(self, cursor: int) -> None:
        with _lock:
            _seen[self.key] = max(_seen.get(self.key, 1), cursor)

    def _list(self, cursor: int) -> Page:
        self.report.pages += 1
        return list_page(self.gw, self.webhook_id, cursor)

    # ---- the loop ----

    def drain(self, state: WebhookState | None = None) -> DrainReport:
        """Process what is pending, within the run's budget; LeaseBusy if this process's other invocation
        of the same webhook does not finish in time (Airtable then retries the ping)."""
        turn = _turn(self.key)
        with _lock:
            if _queued.get(self.key, 0) > 0:
                # Another invocation of this process waits for its turn and has not listed yet: its list
                # will include every payload this ping announces (made before the ping was sent).
                self.report.coalesced = True
                return self.report
            _queued[self.key] = _queued.get(self.key, 0) + 1
        wait = work_left(self.run) if self.wait_s is None else min(self.wait_s, work_left(self.run))
        try:
            got = turn.acquire(timeout=max(0.0, wait))
            if got:
                try:
                    self._gather()
                except BaseException:
                    turn.release()
                    raise
        finally:
            with _lock:
                _queued[self.key] -= 1  # from here on, pings that arrive may carry payloads we miss
        if not got:
            raise LeaseBusy(f"webhook {self.webhook_id} is being processed by another invocation")
        try:
            self._drain(state)
        finally:
            turn.release()
        return self.report

    def _gather(self) -> None:
        """A ping within `gather_s` of the start of this process's last round that processed changes waits
        until that long after it, still counted as queued: the pings of the cells a person goes on typing
        meanwhile are answered at once and their payloads join this round's list (one round, not one per
        cell). The first ping after a quiet spell does not wait: a change made on its own is written back
        as fast as without it. An echo of our own writes starts no gather."""
        if self.gather_s <= 0:
            return
        with _lock:
            last = _rounds.get(self.key)
        hold = 0.0 if last is None else self.gather_s - (time.monotonic() - last)
        hold = max(0.0, min(hold, work_left(self.run)))
        if hold > 0:
            self.report.gathered_s = round(hold, 3)
            time.sleep(hold)

    def _drain(self, state: WebhookState | None) -> None:
        began = time.monotonic()
        try:
            self._drain_pages(state)
        finally:
            if self.report.processed:  # changes of people, not only echoes of our own writes
                with _lock:
                    _rounds[self.key] = began

    def _drain_pages(self, state: WebhookState | None) -> None:
        known = self._seen()
        if state is None and known is None:
            state = self.store.load(self.webhook_id)  # a fresh process: where did the last one stop?
        saved = max(known or 1, state.cursor if state else 1)
        done = self.report.cursor_from = self.report.cursor_to = saved
        try:
            while work_left(self.run) > 0:
                page = self._list(done)
                self._run_page(page)
                done = self.report.cursor_to = page.cursor
                self._see(done)
                if not page.more:
                    break
                if work_left(self.run) > 0:  # a backlog: keep what is done even if a later page fails
                    self.store.save_progress(self.webhook_id, done, None, INSTANCE, self._state_rows())
                    saved = done
        except BaseException:
            if done > saved or self._has_state_rows():
                self._save_quietly(done if done > saved else None)
            raise
        processed, cold = self.report.processed, known is None
        if (
            (processed and (cold or not self._changed_nothing()))
            or done - saved >= SAVE_AFTER_SKIPPED
            or self._has_state_rows()
        ):
            self._save(saved, done)
        elif processed:
            # A warm process's quiet run that wrote nothing is not logged (as before), and its cursor waits
            # like an echo's: this process goes on from it in memory; another one would process it again
            # and write nothing. A cold process saves: it replayed from the stored cursor, others would too.
            self.logged_quietly = True

    def _changed_nothing(self) -> bool:
        return self.quiet_log and self._quiet() and not self.run.records_written

    def _has_state_rows(self) -> bool:
        return bool(self.report.processed and self.get_ctx().pending_state)

    def _state_rows(self) -> list[dict[str, Any]] | None:
        """The System State rows the automations left for the cursor's save (taken: written once)."""
        if not self.report.processed:
            return None
        ctx = self.get_ctx()
        rows = list((ctx.pending_state or {}).values())
        if ctx.pending_state:
            ctx.pending_state.clear()
        return rows

    def _save_quietly(self, cursor: int | None) -> None:
        try:
            self.store.save_progress(self.webhook_id, cursor, None, INSTANCE, self._state_rows())
        except Exception:
            log.exception("could not save the cursor of the pages processed before the failure")

    def _run_page(self, page: Page) -> None:
        batch = parse_payloads(page.payloads, self.own_user)
        r = self.report
        r.payloads += len(page.payloads)
        r.events += len(batch.events)
        r.own_skipped += batch.own
        if not (batch.events or batch.errors):
            return
        work = to_work(batch, self.gw.schema_map())
        if "settings" in work:
            forget_settings(self.gw)  # the coach changed Settings: read them fresh for this work
        ctx = self.get_ctx()
        if ctx.pending_state is None:  # System State rows the automations leave go with the cursor
            ctx.pending_state = {}
        r.processed = True
        for code in batch.errors:
            r.errors.append(code)
            reason = "webhook in error state; the refresh-webhooks cron re-creates it"
            ctx.run.report(RecordProblem("system_state", self.webhook_id, None, code, reason))
        if work:
            r.add(Runner(ctx, self.automations()).run(work))

    # ---- the cursor, with the quiet run's log line ----

    def _save(self, saved: int, cursor: int) -> None:
        entry: list[dict[str, Any]] | None = None
        if self.quiet_log and self.report.processed and self._quiet():
            self.logged_quietly = True
            if self.run.records_written:  # a run that changed nothing is not logged at all, as before
                quiet = QuietLog(self.store, self.webhook_id)
                entry = quiet.add(self._line())
                if quiet.due(entry):
                    quiet.flush(self.gw, entry)
                    entry = []
        self.store.save_progress(
            self.webhook_id, cursor if cursor > saved else None, entry, INSTANCE, self._state_rows()
        )

    def _quiet(self) -> bool:
        """A success that left nothing to look at: no problem, no Shadow intentions, no settings problem."""
        run = self.run
        ctx = self.get_ctx()
        return not (run.problems or run.intended_writes or getattr(ctx, "settings_problems", None))

    def _line(self) -> dict[str, Any]:
        r, run = self.report, self.run
        line = {
            "at": run.started.isoformat(timespec="seconds"),
            "ms": round((datetime.now(UTC) - run.started).total_seconds() * 1000),
            "calls": run.api_calls + 1,  # the save that carries this line
            "read": run.records_read,
            "written": run.records_written,
            "cursor": [r.cursor_from, r.cursor_to],
            "records": r.records,
        }
        if run.metrics:  # what the automations did ("notes.drafted": 1): counts only, never content
            line["metrics"] = dict(sorted(run.metrics.items()))
        return line


class QuietLog:
    """Quiet successes of this process's webhook runs, kept in its own System State entry (saved in the
    same request as the cursor) and moved to Automation Runs as one record every QUIET_FLUSH_RUNS runs or
    QUIET_FLUSH_AGE_S seconds, and by the catch-up cron. A run with a problem, a failure or Shadow-mode
    intentions is never quiet: it gets its own record at once, as before."""

    _cache: dict[tuple[str, str], list[dict[str, Any]]] = {}

    def __init__(self, store: StateStore, webhook_id: str) -> None:
        self.store, self.webhook_id = store, webhook_id
        self.key = (store.gw.base_id, webhook_id)

    def add(self, line: dict[str, Any]) -> list[dict[str, Any]]:
        with _lock:
            lines = [*self._cache.get(self.key, []), line]
            self._cache[self.key] = lines
        return lines

    @staticmethod
    def due(lines: list[dict[str, Any]]) -> bool:
        if len(lines) >= QUIET_FLUSH_RUNS:
            return True
        try:
            oldest = datetime.fromisoformat(lines[0]["at"])
        except (KeyError, ValueError, IndexError):
            return True
        return (datetime.now(UTC) - oldest).total_seconds() >= QUIET_FLUSH_AGE_S

    def flush(self, gw: Gateway, lines: list[dict[str, Any]]) -> None:
        write_quiet_runs(gw, self.webhook_id, lines)
        with _lock:
            self._cache[self.key] = []


def write_quiet_runs(gw: Gateway, webhook_id: str, lines: list[dict[str, Any]]) -> None:
    """One Automation Runs record for a series of quiet webhook runs (each listed in Details)."""
    from automation.models import Run

    if not lines:
        return
    started = datetime.fromisoformat(lines[0]["at"])
    details = json.dumps({"webhook_id": webhook_id, "quiet runs": lines}, indent=1, sort_keys=True)
    fields = {
        "run": f"webhook {started:%Y-%m-%d %H:%M:%S} (+{len(lines) - 1} quiet runs)",
        "job": "webhook",
        "trigger": "Webhook",
        "started": started,
        "duration_ms": sum(int(x.get("ms", 0)) for x in lines),
        "records_read": sum(int(x.get("read", 0)) for x in lines),
        "records_written": sum(int(x.get("written", 0)) for x in lines),
        "api_calls": sum(int(x.get("calls", 0)) for x in lines) + 1,
        "outcome": "Success",
        "mode": "Live",
        "details": details[:90_000],
    }
    gw.create(Run, [fields])


def parse_quiet(value: str | None) -> list[dict[str, Any]]:
    try:
        lines = json.loads(value or "[]")
    except ValueError:
        return []
    return [x for x in lines if isinstance(x, dict)] if isinstance(lines, list) else []
