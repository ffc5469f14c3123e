"""Messages left in Sending (a crash, a timeout, an abandoned claim): surfaced to the coach, never resent."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from automation.errors import RecordProblem

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.messages.store import MessageStore

STUCK_NOTE = "Stuck in Sending"


def surface_stuck(ctx: JobContext, store: MessageStore, *, older_than: timedelta) -> list[str]:
    """Mark each stuck message's Error (once) and alert the coach on Slack; returns their ids."""
    from automation.messages import compose
    from automation.messages.draft import Draft

    cutoff = ctx.now - older_than
    stuck = [m for m in store.with_status("Sending") if m.claimed_at is None or m.claimed_at < cutoff]
    fresh = [m for m in stuck if STUCK_NOTE not in (m.error or "")]
    notes = []
    for m in fresh:
        since = _on_her_clock(m.claimed_at, ctx) if m.claimed_at else "an unknown time"
        note = (
            f"{STUCK_NOTE} since {since}: it may or may not have gone out. Check the provider "
            f"(SendGrid Activity / the Slack channel / the outbox folder); set Sent if it went, "
            f"Approved to send it again."
        )
        notes.append((m, {"error": f"{note}\n{m.error}" if m.error else note}))
        ctx.run.report(RecordProblem("messages", m.id, "status", "Sending", STUCK_NOTE))
    store.write(notes)
    if fresh:
        compose(
            ctx,
            Draft.slack_alert(
                "System Alert",
                ctx.settings.messages.slack_channel,
                "Messages stuck in Sending",
                "These messages were handed to delivery but their result was never "
                "recorded. Check each one before sending it again.",
                subject=f"{len(fresh)} message(s) stuck in Sending",
                items=[f"{m.title or m.subject or m.id} ({m.id})" for m in fresh],
                dedupe_key=f"stuck:{ctx.now:%Y-%m-%dT%H}:{','.join(sorted(m.id for m in fresh))}"[:250],
            ),
        )
    return [m.id for m in stuck]


def _on_her_clock(moment: datetime, ctx: JobContext) -> str:
    """When the claim was made, on the business's clock with its zone (the coach reads it; the send job
    runs early in the morning UTC, when a time in UTC is a day off for a business far from it)."""
    from automation.text import moment_text, month_first_zone

    return moment_text(moment.astimezone(ctx.tz), month_first_zone(str(ctx.tz)))
