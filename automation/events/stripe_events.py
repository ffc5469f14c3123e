"""Stripe webhooks: signature checked with the Stripe SDK (imported lazily), then one handler per type.

Handlers come from catalog modules' `STRIPE_HANDLERS = {"invoice.paid": fn}` (fn(ctx, event) -> dict|None)
and must be idempotent: Stripe re-sends an event until it gets a 2xx.
"""

from __future__ import annotations

from typing import Any

from automation import jsonbody
from automation.errors import BadRequest, ConfigError, RecordProblem, SignatureError
from automation.events.catalog import get_plan
from automation.events.context import make_context
from automation.events.runs import record_run
from automation.events.settings_env import config

TOLERANCE_S = 300  # Stripe's default: a signature older than 5 minutes is refused (replay protection)


def verify_stripe(raw_body: bytes, signature: str | None, secret: str | None) -> dict[str, Any]:
    """The event as a dict, if `Stripe-Signature` is valid for the raw body."""
    if not secret:
        raise ConfigError("STRIPE_WEBHOOK_SECRET is not set: Stripe events cannot be verified")
    if not signature:
        raise SignatureError("Stripe-Signature header missing")
    if not signature.isascii():  # the SDK compares str digests, which fails (TypeError) past ASCII
        raise SignatureError("Stripe signature does not verify: the header is not ASCII")
    import stripe

    jsonbody.check(raw_body, jsonbody.LIMITS["stripe"])
    try:  # the signature alone: the SDK's construct_event would parse the body without our bounds
        stripe.WebhookSignature.verify_header(raw_body, signature, secret, tolerance=TOLERANCE_S)
    except stripe.SignatureVerificationError as exc:
        raise SignatureError(f"Stripe signature does not verify: {exc}") from None
    except ValueError:
        raise BadRequest("body is not a Stripe event") from None
    event = jsonbody.loads(raw_body, "stripe")
    if not isinstance(event, dict) or not isinstance(event.get("type"), str):
        raise BadRequest("body is not a Stripe event")
    return event


def handle_stripe(raw_body: bytes, signature: str | None) -> dict[str, Any]:
    """Verify, dispatch to the handler for the event type; unknown types are acknowledged and ignored."""
    cfg = config()
    secret = cfg.stripe_webhook_secret.get_secret_value() if cfg.stripe_webhook_secret else None
    event = verify_stripe(raw_body, signature, secret)
    handler = get_plan().stripe_handlers.get(event["type"])
    if handler is None:
        return {"received": True, "handled": False}
    ctx = make_context("Stripe", f"stripe {event['type']}", cfg.webhook_budget_s)
    try:
        data = event.get("data")
        if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
            raise BadRequest("data.object is not an object")
        summary = handler(ctx, event) or {}
        record_run(ctx, details={"event": event.get("id"), **summary})
        return {"received": True, "handled": True}
    except BadRequest as exc:  # signed by Stripe but not of the shape it documents: recorded, not retried
        ctx.run.report(RecordProblem("invoices", None, "event", None, f"Stripe event skipped: {exc}"))
        record_run(ctx, details={"event": str(event.get("id"))[:100]})
        return {"received": True, "handled": False, "skipped": str(exc)}
    except Exception as exc:
        record_run(ctx, error=exc, details={"event": event.get("id")})
        raise
    finally:
        ctx.run.close()
