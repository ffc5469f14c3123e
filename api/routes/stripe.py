"""Stripe webhooks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header

from api.deps import StripeBody

router = APIRouter()


@router.post("/api/webhooks/stripe")
def stripe_webhook(
    body: StripeBody, stripe_signature: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    """A Stripe event: signature verified, handed to its handler; unknown types are acknowledged."""
    from automation.events.stripe_events import handle_stripe  # on first use (cold start)

    return handle_stripe(body, stripe_signature)
