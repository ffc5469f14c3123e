"""What the Calendly route calls: verify, parse, write the session, then run the session automations on it,
and the lead automations on a lead it created (our own writes do not come back through the Airtable webhook,
so double-booking is checked and the new lead scored here)."""

from __future__ import annotations

import time
from typing import Any

from automation.schedule import calendly


def handle_calendly(body: bytes, signature: str | None) -> dict[str, Any]:
    """Raises ConfigError (no key: 503), SignatureError (forged or stale), BadRequest (not a booking)."""
    from automation.events.context import make_context
    from automation.events.runner import run_automations
    from automation.events.runs import record_run
    from automation.events.settings_env import config

    cfg = config()
    key = cfg.calendly_signing_key.get_secret_value() if cfg.calendly_signing_key else None
    calendly.verify(key, body, signature, now=time.time())
    booking = calendly.parse(body)
    if booking is None:
        return {"received": True, "handled": False}
    ctx = make_context("Webhook", f"calendly {booking.event}", cfg.webhook_budget_s)
    try:
        summary = calendly.apply(ctx, booking)
        if summary.get("changed"):
            sid = summary["session"]
            run_automations(ctx, "sessions", [sid], None, created=[sid] if summary.get("created") else ())
        if summary.get("lead_created"):
            # Our own write comes back through no webhook: the new lead is cleaned, scored and greeted now,
            # as a website form's is (the daily leads job finds it if this cannot finish).
            lead = summary["lead"]
            run_automations(ctx, "leads", [lead], None, created=[lead])
        elif summary.get("lead_met"):
            # The meeting written on a known lead: status, score and nurture follow it now, for the same
            # reason (the daily job would first draft the step it pauses).
            lead = summary["lead"]
            run_automations(ctx, "leads", [lead], {lead: {"meetings", "last_engagement"}})
        elif summary.get("lead_unmet"):
            # The cancelled booking's meeting taken off: status, score and nurture follow it back now.
            lead = summary["lead_unmet"]
            changed = {"meetings", "last_engagement", "status", "nurture_sequence"}
            run_automations(ctx, "leads", [lead], {lead: changed})
        record_run(ctx, details={"calendly": booking.event, **summary})
        return {"received": True, "handled": True, "session": summary["session"]}
    except Exception as exc:
        record_run(ctx, error=exc, details={"calendly": booking.event})
        raise
    finally:
        ctx.run.close()
