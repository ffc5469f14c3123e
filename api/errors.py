"""Our errors -> HTTP, in one place: 4xx with a JSON reason for bad input, never a 500 for it."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from automation.errors import (
    AirtableError,
    BadRequest,
    ConfigError,
    LeaseBusy,
    PayloadTooLarge,
    SignatureError,
    UnknownName,
)

log = logging.getLogger(__name__)

STATUS: list[tuple[type[Exception], int]] = [
    (PayloadTooLarge, 413),
    (BadRequest, 400),
    (RequestValidationError, 400),
    (SignatureError, 401),
    (UnknownName, 404),
    (LeaseBusy, 503),  # Airtable re-sends the ping later
    (AirtableError, 503),
    (ConfigError, 503),
]


def _reason(exc: Exception) -> str:
    if isinstance(exc, RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        return f"invalid request: {first.get('msg', 'validation failed')} at {first.get('loc')}"
    return str(exc) if not isinstance(exc, AirtableError) else f"Airtable: {exc}"


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)  # the guards' 401s: same shape as the others
    for exc_type, status in STATUS:

        async def handler(request: Request, exc: Exception, status: int = status) -> JSONResponse:
            if status >= 500:
                log.warning("%s %s -> %d: %s", request.method, request.url.path, status, exc)
            return JSONResponse({"error": _reason(exc)}, status_code=status)

        app.add_exception_handler(exc_type, handler)
