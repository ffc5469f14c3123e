"""Airtable Automation "Run a script" calls: one automation (and its dependents) on given records.

Only fast work here: Airtable's script `fetch` gives up after about 12 s (Config.trigger_budget_s = 8 s).

A paste that approves fifteen messages fires the Airtable Automation fifteen times at once. Calls of one
automation take turns in this process, and a call that waited takes every call queued behind it into its
run: one run (one read, one claim, one run record) for the batch instead of fifteen runs racing for the same
paced calls until each ran out of budget.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from automation import jsonbody
from automation.errors import BadRequest, LeaseBusy
from automation.events.catalog import get_plan
from automation.events.context import GRACE_S, make_context
from automation.events.runner import Runner, Touch
from automation.events.runs import record_run
from automation.events.settings_env import config
from automation.registry import Automation

RECORD_ID = re.compile(r"^rec[A-Za-z0-9]{14}$")
MAX_RECORDS = 100  # one read page; more belongs to the webhook path


def parse_record_ids(raw_body: bytes) -> list[str]:
    """`{"recordId": "rec…"}` or `{"recordIds": ["rec…", …]}` -> ids; BadRequest with the reason."""
    body: Any = jsonbody.loads(raw_body, "trigger", empty={})
    if not isinstance(body, dict):
        raise BadRequest('body must be an object with "recordId" or "recordIds"')
    ids = body.get("recordIds")
    if ids is None and body.get("recordId") is not None:
        ids = [body["recordId"]]
    if not isinstance(ids, list) or not ids:
        raise BadRequest('give "recordId" (a record id) or "recordIds" (a non-empty list)')
    if len(ids) > MAX_RECORDS:
        raise BadRequest(f"at most {MAX_RECORDS} records per call")
    bad = [i for i in ids if not (isinstance(i, str) and RECORD_ID.match(i))]
    if bad:
        raise BadRequest(f"not a record id: {bad[0]!r}")
    return list(dict.fromkeys(ids))


def forced(chain: list[Automation]) -> set[str]:
    """The named automation, and those the webhook does not serve that read the same fields of the same
    table: only a trigger reaches them, so the call that says "this field changed" runs them all, as a
    webhook payload would (an approved associate proposal is delivered and applied by one call)."""
    head = chain[0]
    return {head.name} | {
        a.name for a in chain if not a.webhook and a.table == head.table and a.triggers & head.triggers
    }


@dataclass
class _Call:
    """One HTTP call's records, and what the run that took them answered."""

    ids: list[str]
    done: threading.Event = field(default_factory=threading.Event)
    result: dict[str, Any] | None = None
    error: BaseException | None = None


_lock = threading.Lock()
_turns: dict[str, threading.Lock] = {}  # one run at a time per automation in this process
_queued: dict[str, list[_Call]] = {}  # calls waiting for a run to take their records


def run_trigger(name: str, record_ids: list[str]) -> dict[str, Any]:
    """Run the named automation on the records (forced), then its dependents on what it changed; calls
    of the same automation that arrive meanwhile are run together (see the module's docstring)."""
    get_plan().chain(name)  # UnknownName -> 404, before queueing
    call = _Call(list(record_ids))
    with _lock:
        _queued.setdefault(name, []).append(call)
        turn = _turns.setdefault(name, threading.Lock())
    # A turn lasts at most a run's budget and its grace; a call waits for one turn, then its own.
    deadline = time.monotonic() + 2 * (config().trigger_budget_s + GRACE_S)
    while not call.done.is_set():
        if turn.acquire(timeout=0.5):
            try:
                if not call.done.is_set():
                    with _lock:
                        batch = _queued.pop(name, [])
                    _run_batch(name, batch)
            finally:
                turn.release()
        elif time.monotonic() >= deadline:
            with _lock:
                waiting = _queued.get(name, [])
                if call in waiting:  # never taken: nothing ran for it, Airtable's retry or send-due will
                    waiting.remove(call)
                    raise LeaseBusy(f"{name}: earlier calls of this automation are still running")
    if call.error is not None:
        raise call.error
    assert call.result is not None
    mine = set(call.ids)
    failed = {t: [i for i in ids if i in mine] for t, ids in call.result["failed"].items()}
    return {**call.result, "records": len(call.ids), "failed": {t: ids for t, ids in failed.items() if ids}}


def _run_batch(name: str, batch: list[_Call]) -> None:
    """One run over the records of every call in `batch`; each call gets its result (or the error)."""
    ids = list(dict.fromkeys(i for c in batch for i in c.ids))
    try:
        result = _run(name, ids)
    except BaseException as exc:
        for c in batch:
            c.error = exc
            c.done.set()
        raise
    for c in batch:
        c.result = result
        c.done.set()


def _run(name: str, record_ids: list[str]) -> dict[str, Any]:
    plan = get_plan()
    chain = plan.chain(name)
    ctx = make_context("Trigger", name, config().trigger_budget_s)
    try:
        result = Runner(ctx, plan.automations, only={a.name for a in chain}).run(
            {chain[0].table: {rid: Touch() for rid in record_ids}}, force=forced(chain)
        )
        failed = {t: sorted(ids) for t, ids in result.failed.items()}
        details = {"records": {chain[0].table: record_ids}, "failed": failed}
        record_run(ctx, details=details)
        return {"automation": name, "records": len(record_ids), "written": result.written, "failed": failed}
    except Exception as exc:
        record_run(ctx, error=exc, details={"records": {chain[0].table: record_ids}})
        raise
    finally:
        ctx.run.close()
