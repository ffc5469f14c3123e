"""Airtable webhook notifications."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response

from api.deps import PingBody

router = APIRouter()


def handle_ping(body: bytes, mac: str | None) -> None:
    from automation.events.webhook import handle_ping as handle  # on first use (cold start)

    handle(body, mac)


@router.post("/api/webhooks/airtable", status_code=200, response_class=Response)
def airtable_webhook(
    body: PingBody, x_airtable_content_mac: Annotated[str | None, Header()] = None
) -> Response:
    """Airtable's ping: verify the MAC, process pending payloads, save the cursor; 200 with an empty body."""
    handle_ping(body, x_airtable_content_mac)
    return Response(status_code=200)
