"""Messages: SendGrid's Event Webhook and the unsubscribe link (GET shows a button, POST unsubscribes)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi.responses import HTMLResponse

from api.deps import RawBody, SendGridEventsBody

router = APIRouter()


@router.post("/api/webhooks/sendgrid")
def sendgrid_events(
    body: SendGridEventsBody,
    x_twilio_email_event_webhook_signature: Annotated[str | None, Header()] = None,
    x_twilio_email_event_webhook_timestamp: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """SendGrid delivery events (signature verified): bounces, spam reports, reconciled sends."""
    from automation.messages import web  # on first use (cold start)

    return web.handle_sendgrid_events(
        body, x_twilio_email_event_webhook_signature, x_twilio_email_event_webhook_timestamp
    )


@router.get("/api/unsubscribe", response_class=HTMLResponse)
def unsubscribe_form(token: str | None = None) -> HTMLResponse:
    """The link in an email: shows a confirm button and changes nothing (mail scanners prefetch links)."""
    from automation.messages import web  # on first use (cold start)

    page = web.unsubscribe_page(token, confirm=False)
    return HTMLResponse(page.html, status_code=page.status, headers={"Cache-Control": "no-store"})


@router.post("/api/unsubscribe", response_class=HTMLResponse)
def unsubscribe(body: RawBody, token: str | None = None) -> HTMLResponse:
    """The confirm button, or a one-click unsubscribe (RFC 8058): unsubscribes, once."""
    from automation.messages import web  # on first use (cold start)

    page = web.unsubscribe_page(web.token_from(token, body), confirm=True)
    return HTMLResponse(page.html, status_code=page.status, headers={"Cache-Control": "no-store"})
