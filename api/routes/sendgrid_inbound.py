"""Replies to our emails, through SendGrid Inbound Parse."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header

from api.deps import InboundBody

router = APIRouter()


@router.post("/api/webhooks/sendgrid-inbound")
def post_inbound(
    body: InboundBody,
    secret: str | None = None,
    content_type: Annotated[str, Header()] = "",
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """An email a lead sent us: verified by the URL's shared secret, recorded on the lead, coach alerted."""
    from automation.leads.endpoints import inbound_reply, inbound_secret_ok  # on first use (cold start)

    inbound_secret_ok(secret, authorization)
    return inbound_reply(content_type, body)
