"""What the messages capability registers: delivery when the coach approves, and the send-due job."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.messages.delivery import deliver
from automation.messages.store import MessageStore
from automation.messages.stuck import surface_stuck
from automation.models import Message
from automation.registry import PREFETCHED, Automation, CronJob, Update

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Record


NAME = "deliver-approved-messages"
APPROVED = "approved"  # what the prefetch covers


def approved_with_the_records(ctx: JobContext, cells: dict[str, dict[str, Any]]) -> tuple[Any, Any]:
    """Every Approved message, read in the same request as the changed messages (the sweep below)."""
    return F.EQ(ctx.gateway.ref(Message, "status"), "Approved"), frozenset({APPROVED})


def on_message_change(ctx: JobContext, records: list[Record]) -> list[Update]:
    """Status became Approved (or Send After moved): deliver; then whatever else has come due.

    Delivery writes its own claims and results (a claim must be written and read back before sending),
    so this returns no Updates for the runner to write. The Approved messages were read with the changed
    ones when the runner could (one request); each claim reads its messages fresh before sending anyway.
    """
    deliver(ctx, records)  # type: ignore[arg-type]
    if ctx.time_left() > ctx.settings.messages.claim_settle_s + 5:
        seen = {r.id for r in records}
        covered, rows = ctx.visit_reads.get((PREFETCHED, NAME), (frozenset(), []))
        approved = [m for m in rows if m.status == "Approved"] if APPROVED in covered else None
        if approved is None:
            approved = MessageStore(ctx.gateway).with_status("Approved")
        deliver(ctx, [m for m in approved if m.id not in seen])
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
        name=NAME,
        table="messages",
        triggers=frozenset({"status", "send_after"}),
        writes=frozenset({"status", "claim_token", "claimed_at", "sent_at", "provider_id", "error"}),
        handler=on_message_change,
        on_create=True,
        prefetch=approved_with_the_records,
        description="The coach sets a message Approved: it is delivered once (claim, send, result).",
        # The base's Airtable Automation "Status is Approved" calls /api/triggers/deliver-approved-messages:
        # the webhook does not watch Messages, so the functions' own message writes never ping back.
        webhook=False,
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
