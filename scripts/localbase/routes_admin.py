"""Admin endpoints under /_local/: request log, faults, clock, reset. No auth, never rate limited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scripts.localbase import errors
from scripts.localbase.clock import iso, parse_iso
from scripts.localbase.http import Request

if TYPE_CHECKING:
    from scripts.localbase.server import LocalBase


def install(lb: LocalBase) -> None:
    """Register the /_local/ routes."""
    r = lb.router

    @r.route("GET", "/_local/health")
    def health(req: Request) -> dict[str, Any]:
        """Liveness: the server answers."""
        return {"ok": True}

    @r.route("GET", "/_local/requests")
    def requests_log(req: Request) -> dict[str, Any]:
        """The API request log: method, path, query, status, base_id, user_id, time."""
        return {"requests": lb.log.entries()}

    @r.route("DELETE", "/_local/requests")
    def clear_requests(req: Request) -> dict[str, Any]:
        """Empty the request log."""
        return {"cleared": lb.log.clear()}

    @r.route("GET", "/_local/faults")
    def get_faults(req: Request) -> dict[str, Any]:
        """The current fault settings."""
        return lb.faults.snapshot()

    @r.route("POST", "/_local/faults")
    def set_faults(req: Request) -> dict[str, Any]:
        """Change some fault settings (latency_ms, error_rate, error_status, force_429, …, rate_limit)."""
        body = req.json()
        if not isinstance(body, dict):
            raise errors.invalid_request("Send a JSON object of fault settings")
        try:
            return lb.faults.update(**body)
        except ValueError as exc:
            raise errors.invalid_request(str(exc)) from None

    @r.route("GET", "/_local/clock")
    def get_clock(req: Request) -> dict[str, Any]:
        """The server's clock (used by TODAY()/NOW(), createdTime and webhook expiry)."""
        return {"now": iso(lb.clock.now())}

    @r.route("POST", "/_local/clock")
    def move_clock(req: Request) -> dict[str, Any]:
        """Move the clock: ``{"advance_seconds": n}`` or ``{"set": "2025-01-01T00:00:00Z"}``."""
        body = req.json()
        if not isinstance(body, dict):
            raise errors.invalid_request()
        if "advance_seconds" in body and isinstance(body["advance_seconds"], int | float):
            lb.clock.advance(float(body["advance_seconds"]))
        elif isinstance(body.get("set"), str):
            try:
                lb.clock.set(parse_iso(body["set"]))
            except ValueError:
                raise errors.invalid_request(f"Not an ISO timestamp: {body['set']!r}") from None
        elif body.get("reset") is True:
            lb.clock.reset()
        else:
            raise errors.invalid_request('Send {"advance_seconds": n}, {"set": iso} or {"reset": true}')
        return {"now": iso(lb.clock.now())}

    @r.route("POST", "/_local/reset")
    def reset(req: Request) -> dict[str, Any]:
        """Forget everything: bases, webhooks, log; clock and faults back to start-up values."""
        lb.reset()
        return {"ok": True}

    @r.route("POST", "/_local/bases")
    def create_base(req: Request) -> dict[str, Any]:
        """A base without a workspace (``{"name", "tables"?}``), for demo and test setup."""
        body = req.json()
        if not isinstance(body, dict):
            raise errors.invalid_request()
        base_id, tables = lb.store.create_base(body.get("name"), body.get("tables") or [])
        return {"id": base_id, "tables": [t.as_dict() for t in tables]}
