"""Request pieces the routes share: the raw body (signatures are computed over it) and the auth guards."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request

from automation.errors import PayloadTooLarge
from automation.events.signing import bearer_matches, secret_matches
from automation.jsonbody import LIMITS


def body_within(max_bytes: int) -> Any:
    """The raw body as a dependency, read only up to `max_bytes` (413 past it: a stream is not buffered
    whole just to be refused). The JSON routes take their limit from automation.jsonbody.LIMITS."""

    async def read(request: Request) -> bytes:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise PayloadTooLarge(f"the body is larger than {max_bytes} bytes")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_bytes:
                raise PayloadTooLarge(f"the body is larger than {max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    return Annotated[bytes, Depends(read)]


def json_body(route: str) -> Any:
    """The raw body of a JSON route, bounded by its limit (parsing, with the depth bound, is jsonbody's)."""
    return body_within(LIMITS[route].max_bytes)


def _secret(name: str) -> str | None:
    from automation.events.settings_env import config  # on first use: pydantic-settings is not a cold start's

    value = getattr(config(), name)
    return value.get_secret_value() if value is not None else None


def _require_cron(authorization: Annotated[str | None, Header()] = None) -> None:
    if not bearer_matches(authorization, _secret("cron_secret")):
        raise HTTPException(401, "Authorization must be Bearer $CRON_SECRET")


def _require_trigger_secret(x_trigger_secret: Annotated[str | None, Header()] = None) -> None:
    if not secret_matches(x_trigger_secret, _secret("trigger_secret")):
        raise HTTPException(401, "X-Trigger-Secret is missing or wrong")


# The body is read by an async dependency so the routes themselves can be plain `def` (run in a thread
# pool): pyairtable is synchronous and must never block the event loop.
RawBody = body_within(64_000)  # small form bodies (the unsubscribe button)
LeadFormBody = json_body("lead-form")  # JSON or urlencoded: the same bound
PingBody = json_body("airtable-ping")
TriggerBody = json_body("trigger")
SendGridEventsBody = json_body("sendgrid-events")
StripeBody = json_body("stripe")
CalendlyBody = json_body("calendly")
InboundBody = body_within(30_000_000)  # SendGrid Inbound Parse allows messages up to 30 MB
CronAuth = Depends(_require_cron)
TriggerAuth = Depends(_require_trigger_secret)
