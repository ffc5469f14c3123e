"""The daily health job: time passes (a session grows older, an invoice overdue), so every active or paused
client is scored again. One listing per table (clients, then the lookback's sessions, action items and
invoices, and the packages), only changed clients written, ten per request, alerts once per transition."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from automation.errors import RecordProblem
from automation.health.automations import SCORED, rescore
from automation.health.facts import assemble, read_all
from automation.models import Client, Message
from automation.registry import CronJob

if TYPE_CHECKING:
    from automation.context import JobContext


def health_daily(ctx: JobContext) -> dict[str, Any]:
    clients, rows = read_all(ctx, [s for s in SCORED if s])
    facts = assemble(clients, rows["sessions"], rows["items"], rows["invoices"], rows["packages"])
    changes: list[tuple[Client, dict[str, Any]]] = []
    alerts: list[Message] = []
    for client in clients:
        try:
            updates = rescore(ctx, [client], facts, held=alerts)
        except Exception as exc:  # one client's failure costs only that client
            ctx.run.report(RecordProblem("clients", client.id, None, None, f"client-health: {exc}"))
            continue
        changes += [(u.record, u.fields) for u in updates]  # type: ignore[misc]
    written = len(ctx.gateway.update(Client, changes)) if changes else 0
    if alerts:
        from automation.messages import deliver

        deliver(ctx, alerts)
    return {"clients": len(clients), "clients_written": written, "alerts": len(alerts), "record_run": True}


CRON_JOBS = [
    CronJob(
        "health-daily",
        "30 5 * * *",
        health_daily,
        "Score every active and paused client's health again; alert the coach once per transition.",
    ),
]
