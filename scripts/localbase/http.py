"""The tiny internal HTTP framework every route module uses: Request, Response, ApiError, Router."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote


@dataclass
class User:
    """The user a token acts as: each distinct token is its own stable user."""

    id: str
    token: str
    email: str
    name: str

    def as_dict(self) -> dict[str, str]:
        """The shape webhook payloads use for ``sourceMetadata.user``."""
        return {"id": self.id, "email": self.email, "permissionLevel": "create", "name": self.name}


@dataclass
class FormSubmission:
    """Stands in for a person filling an Airtable form (which the local server has not): records created
    with the ``X-Localbase-Form: viw…`` header are published with source ``formSubmission`` and that
    ``viewId``, without a user, as Airtable's webhooks describe a form submission."""

    form_view_id: str


class ApiError(Exception):
    """An error answered the way Airtable answers it: ``{"error": {"type": ..., "message": ...}}``.

    ``bare=True`` gives the other documented form, ``{"error": "NOT_FOUND"}``.
    """

    def __init__(self, status: int, type: str, message: str | None = None, *, bare: bool = False) -> None:  # noqa: A002
        super().__init__(f"{status} {type}: {message}")
        self.status = status
        self.type = type
        self.message = message
        self.bare = bare

    def body(self) -> dict[str, Any]:
        if self.bare:
            return {"error": self.type}
        error: dict[str, Any] = {"type": self.type}
        if self.message is not None:
            error["message"] = self.message
        return {"error": error}


@dataclass
class Request:
    """One parsed request; ``params`` come from the route pattern, ``query`` keys are kept as sent."""

    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    query: dict[str, list[str]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    user: User | None = None

    def json(self) -> Any:
        """The JSON body ({} when empty); malformed JSON is Airtable's 400."""
        if not self.body.strip():
            return {}
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            # Airtable documents 400 for "the request encoding is invalid; the request can't be parsed as
            # a valid JSON" without a body; type/message are our choice (see errors.py).
            raise ApiError(
                400, "INVALID_REQUEST_UNKNOWN", "Invalid request: could not parse the request body as JSON"
            ) from None

    def q(self, name: str, default: str | None = None) -> str | None:
        """The first value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class Response:
    """A reply: dict/list bodies are sent as JSON, bytes/str as they are, None as an empty body."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], "Response | dict[str, Any] | list[Any] | None"]


@dataclass
class _Route:
    method: str
    pattern: str
    segments: list[str]
    handler: Handler

    @property
    def rank(self) -> tuple[int, ...]:
        # Literal segments beat parameters, position by position: /v0/meta/bases wins over /v0/{base}/{table}.
        return tuple(1 if s.startswith("{") else 0 for s in self.segments)


class Router:
    """Routes by method and path pattern (``/v0/bases/{base_id}/webhooks``); the most literal match wins."""

    def __init__(self) -> None:
        self._routes: list[_Route] = []

    def route(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.add(method, pattern, handler)
            return handler

        return register

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        self._routes.append(_Route(method.upper(), pattern, _split(pattern), handler))
        self._routes.sort(key=lambda r: r.rank)

    def resolve(self, method: str, path: str) -> tuple[Handler, dict[str, str]] | None:
        """The handler and path parameters (URL-decoded) for this request, or None."""
        parts = _split(path)
        for route in self._routes:
            if route.method != method.upper() or len(route.segments) != len(parts):
                continue
            params: dict[str, str] = {}
            for seg, part in zip(route.segments, parts, strict=True):
                if seg.startswith("{"):
                    params[seg[1:-1]] = unquote(part)
                elif seg != part:
                    break
            else:
                return route.handler, params
        return None


def _split(path: str) -> list[str]:
    path = path.strip("/")
    return path.split("/") if path else []
