"""Airtable's Webhooks API (reference §3): routes, and `install(localbase)` that wires them up.

The pieces: `webhooks_spec` (specification validation), `webhooks_payloads` (Transaction -> payload),
`webhooks_notify` (signed pings, delivery and retry), `webhooks_manager` (state, cursors, expiry).

Error answers not documented by Airtable (choices, kept consistent with errors.py):
* unknown webhook id -> 404 `{"error": "NOT_FOUND"}`;
* unknown base -> 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND;
* a specification Airtable would refuse, a bad `cursor`/`limit` -> 422 INVALID_REQUEST_UNKNOWN, with why;
* an 11th webhook on a base -> 422 TOO_MANY_WEBHOOKS_IN_BASE (the type is seen in third-party code);
* refreshing an expired webhook -> 422 INVALID_REQUEST_UNKNOWN ("only active webhooks" per the docs).
`limit` above 50 is capped at 50 rather than refused. No ping is sent on creation (Airtable says it "may").
"""

from __future__ import annotations

from typing import Any

from scripts.localbase import errors
from scripts.localbase.http import ApiError, Request, Response, Router
from scripts.localbase.webhooks_manager import MAX_PAGE, WebhookError, WebhookManager
from scripts.localbase.webhooks_spec import BaseShape

__all__ = ["WebhookManager", "install", "register_routes"]

BASE = "/v0/bases/{base_id}/webhooks"
HOOK = BASE + "/{webhook_id}"


def install(localbase: Any) -> WebhookManager:
    """Create the manager, subscribe it to commits, register the routes; core calls this at start-up."""
    manager = WebhookManager(localbase.clock, localbase.faults, getattr(localbase, "timing_scale", 1.0))
    localbase.webhooks = manager
    localbase.store.subscribe(manager.on_commit)
    register_routes(localbase.router, manager, localbase.store)
    return manager


def base_shape(store: Any, base_id: str) -> BaseShape:
    """Tables' field ids and views of a base, for validating a specification."""
    tables = store.tables(base_id)
    return BaseShape(
        tables={t.id: {f.id for f in t.fields} for t in tables},
        views={v.id: t.id for t in tables for v in getattr(t, "views", ())},
    )


def _error(exc: WebhookError) -> ApiError:
    if exc.kind == "not_found":
        return errors.not_found()
    if exc.kind == "too_many":
        return ApiError(422, "TOO_MANY_WEBHOOKS_IN_BASE", exc.message)
    return errors.invalid_request(exc.message)


def _int_param(request: Request, name: str, default: int) -> int:
    raw = request.q(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise errors.invalid_request(f"Invalid request: {name} must be a positive integer") from None
    if value < 1:
        raise errors.invalid_request(f"Invalid request: {name} must be a positive integer")
    return value


def register_routes(router: Router, manager: WebhookManager, store: Any) -> None:
    """The six webhook endpoints."""

    def base_id(request: Request) -> str:
        bid = request.params["base_id"]
        if not store.base_exists(bid):
            raise errors.model_not_found()
        return bid

    def call(fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except WebhookError as exc:
            raise _error(exc) from None

    @router.route("POST", BASE)
    def create(request: Request) -> dict[str, Any]:
        """Create a webhook: `{id, macSecretBase64, expirationTime}`."""
        bid = base_id(request)
        return call(manager.create, bid, request.json(), base_shape(store, bid))

    @router.route("GET", BASE)
    def list_webhooks(request: Request) -> dict[str, Any]:
        """The base's webhooks."""
        return {"webhooks": manager.list(base_id(request))}

    @router.route("POST", HOOK + "/refresh")
    def refresh(request: Request) -> dict[str, Any]:
        """Extend an active webhook's life by 7 days from now."""
        return call(manager.refresh, base_id(request), request.params["webhook_id"])

    @router.route("POST", HOOK + "/enableNotifications")
    def enable(request: Request) -> Response:
        """Turn pings on or off: `{"enable": bool}`; empty answer."""
        bid = base_id(request)
        body = request.json()
        if not isinstance(body, dict) or not isinstance(body.get("enable"), bool) or set(body) != {"enable"}:
            raise errors.invalid_request('Invalid request: body must be {"enable": true|false}')
        call(manager.enable_notifications, bid, request.params["webhook_id"], body["enable"])
        return Response(200, None)

    @router.route("DELETE", HOOK)
    def delete(request: Request) -> Response:
        """Delete a webhook; empty answer."""
        call(manager.delete, base_id(request), request.params["webhook_id"])
        return Response(200, None)

    @router.route("GET", HOOK + "/payloads")
    def payloads(request: Request) -> dict[str, Any]:
        """Payloads from `cursor` (default 1), at most `limit` (≤ 50)."""
        bid = base_id(request)
        cursor = _int_param(request, "cursor", 1)
        limit = min(_int_param(request, "limit", MAX_PAGE), MAX_PAGE)
        return call(manager.list_payloads, bid, request.params["webhook_id"], cursor, limit)
