"""catch-up: process the pending payloads of every webhook (the safety net for lost pings)."""

from __future__ import annotations

from typing import Any

from automation.context import JobContext
from automation.events import hooks
from automation.events.state import StateStore
from automation.registry import CronJob


def catch_up(ctx: JobContext) -> dict[str, Any]:
    """Drain each webhook in System State until done or out of time; the next run resumes at the cursor."""
    out: dict[str, Any] = {}
    for webhook_id, state in StateStore(ctx.gateway).load_all().items():
        if not state.data.get("secret"):
            continue  # half-registered: register_webhooks cleans it up
        if ctx.time_left() <= 0:
            out[webhook_id] = {"left": "out of time; the next run resumes at the saved cursor"}
            continue
        out[webhook_id] = hooks.drain(ctx, state)
        flushed = flush_quiet_runs(ctx, state)
        if flushed:
            out[webhook_id]["quiet runs logged"] = flushed
    return {"webhooks": out}


def flush_quiet_runs(ctx: JobContext, state) -> int:
    """Quiet webhook runs left in System State by app processes gone quiet for an hour (a live process
    moves its own within the hour) go to Automation Runs, one record per process; the entries are deleted."""
    from datetime import UTC, datetime, timedelta

    from automation.events.drain import QUIET_FLUSH_AGE_S, parse_quiet, write_quiet_runs

    done, total = [], 0
    stale = datetime.now(UTC) - timedelta(seconds=QUIET_FLUSH_AGE_S)
    for process, entry in state.runs.items():
        if entry.updated_at is not None and entry.updated_at > stale:
            continue
        lines = parse_quiet(entry.value)
        if lines:
            write_quiet_runs(ctx.gateway, state.webhook_id, lines)
            total += len(lines)
        done.append(process)
    StateStore(ctx.gateway).clear_runs(state, done)
    return total


JOB = CronJob("catch-up", "15 6 * * *", catch_up, "Process payloads whose ping was lost.")
