"""What the messages capability registers: delivery when the coach approves, and the send-due job."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from automation.messages.delivery import deliver
from automation.messages.store import MessageStore
from automation.messages.stuck import surface_stuck
from automation.registry import Automation, CronJob, Update

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Record


def on_message_change(ctx: JobContext, records: list[Record]) -> list[Update]:
    """Status became Approved (or Send After moved): deliver; then whatever else has come due.

    Delivery writes its own claims and results (a claim must be written and read back before sending),
    so this returns no Updates for the runner to write.
    """
    deliver(ctx, records)  # type: ignore[arg-type]
    if ctx.time_left() > ctx.settings.messages.claim_settle_s + 5:
        seen = {r.id for r in records}
        due = [m for m in MessageStore(ctx.gateway).with_status("Approved") if m.id not in seen]
        deliver(ctx, due)
    return []


def send_due(ctx: JobContext) -> dict[str, Any]:
    """Deliver Approved messages whose Send After has passed; surface messages stuck in Sending."""
    store = MessageStore(ctx.gateway)
    deliveries = deliver(ctx, store.with_status("Approved"))
    counts: dict[str, int] = {}
    for d in deliveries:
        counts[d.result] = counts.get(d.result, 0) + 1
    stuck = surface_stuck(ctx, store, older_than=timedelta(minutes=ctx.settings.messages.stuck_after_minutes))
    return {"deliveries": counts, "stuck": stuck}


AUTOMATIONS = [
    Automation(
        name="deliver-approved-messages",
        table="messages",
        triggers=frozenset({"status", "send_after"}),
        writes=frozenset({"status", "claim_token", "claimed_at", "sent_at", "provider_id", "error"}),
        handler=on_message_change,
        on_create=True,
        description="The coach sets a message Approved: it is delivered once (claim, send, result).",
    )
]

CRON_JOBS = [
    CronJob(
        name="send-due",
        # Daily is all Vercel's Hobby plan allows; on Pro use "*/10 * * * *". Any message event also
        # delivers whatever has come due.
        schedule="5 7 * * *",
        handler=send_due,
        description="Send Approved messages whose Send After has passed; surface messages stuck in Sending.",
    )
]
