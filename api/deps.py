"""Request pieces the routes share: the raw body (signatures are computed over it) and the auth guards."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from automation.events.settings_env import config
from automation.events.signing import bearer_matches, secret_matches


async def _raw_body(request: Request) -> bytes:
    return await request.body()


def _secret(name: str) -> str | None:
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
RawBody = Annotated[bytes, Depends(_raw_body)]
CronAuth = Depends(_require_cron)
TriggerAuth = Depends(_require_trigger_secret)
