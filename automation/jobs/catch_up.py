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
    return {"webhooks": out}


JOB = CronJob("catch-up", "15 6 * * *", catch_up, "Process payloads whose ping was lost.")
