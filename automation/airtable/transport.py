"""The one choke point for Airtable HTTP: spacing, retry, call counting and clear errors.

`GatedApi` is pyairtable's `Api` with `request()` wrapped, so every call pyairtable makes (paged reads,
batch writes, meta, webhooks) passes here. pyairtable's own retry is off: this is the only retry layer.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import requests
import urllib3.exceptions
from pyairtable import Api

from automation.airtable.ratelimit import TokenBucket, WindowPacer
from automation.errors import AirtableError, AirtableRejected, AirtableUnavailable
from automation.run_context import current_run

T = TypeVar("T")
_inside: ContextVar[bool] = ContextVar("airtable_request_inside", default=False)
_left_at: ContextVar[float | None] = ContextVar("airtable_request_left_at", default=None)


def last_request_left() -> float | None:
    """When (time.monotonic) the caller's latest request to Airtable left, after any pacing wait, at its
    last attempt: the one that was answered."""
    return _left_at.get()


# Answers that mean our cached ids may be stale (a field or table deleted and re-created in the UI).
SCHEMA_ERRORS = frozenset(
    {"UNKNOWN_FIELD_NAME", "MODEL_ID_NOT_FOUND", "TABLE_NOT_FOUND", "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND"}
)


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff doubling from `first_delay` (5xx, connection errors); a 429 waits out Airtable's penalty
    (`penalty_s`, or the Retry-After it sends) once, and only if that fits the deadline: a run that cannot
    wait it out gives up at once and leaves the work to the next ping or cron, never hammers the base."""

    first_delay: float = 1.0
    penalty_s: float = 30.0
    max_delay: float = 30.0
    max_attempts: int = 6
    max_connect_attempts: int = 3  # an unreachable endpoint should fail fast with a clear message
    margin_s: float = 1.0  # time kept back to finish the run after the last wait
    budget_without_run_s: float = 60.0  # scripts and tests outside a run_scope

    def delay(self, attempt: int) -> float:
        """Wait before retry number `attempt` (0-based): exponential with jitter, capped."""
        return min(self.max_delay, self.first_delay * 2**attempt) * random.uniform(0.75, 1.0)


class GatedApi(Api):
    """pyairtable's Api with every request spaced by the base's bucket, retried, counted and translated."""

    def __init__(
        self,
        api_key: str,
        *,
        bucket: TokenBucket | WindowPacer,
        policy: RetryPolicy,
        timeout: tuple[float, float],
        endpoint_url: str,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(api_key, timeout=timeout, retry_strategy=None, endpoint_url=endpoint_url)  # type: ignore[arg-type]
        self.session = _BudgetSession()
        self.api_key = api_key  # sets the Authorization header on the new session
        self.bucket = bucket
        self.policy = policy
        self._sleep = sleep
        self.on_schema_error: Callable[[], None] | None = None  # the gateway drops its cached schema map

    def request(
        self,
        method: str,
        url: str,
        fallback: tuple[str, str] | None = None,
        options: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        if _inside.get():  # pyairtable re-enters for a GET too long for a URL: that is the same one call
            return super().request(method, url, fallback, options, params, json)
        token = _inside.set(True)
        try:
            return self.gated(
                lambda: super(GatedApi, self).request(method, url, fallback, options, params, json),
                method=method,
                url=url,
                idempotent=_idempotent(method, url, json),
            )
        finally:
            _inside.reset(token)

    def gated(self, call: Callable[[], T], *, method: str, url: str, idempotent: bool) -> T:
        """Run one HTTP call: wait for a token, count it, retry what is safe to retry within the budget."""
        run = current_run()
        deadline = run.deadline if run else time.monotonic() + self.policy.budget_without_run_s
        attempt = 0
        while True:
            if not self.bucket.acquire(max_wait=deadline - time.monotonic(), urgent=bool(run and run.urgent)):
                # Another caller's 429 blocked the base for longer than this run has left.
                raise AirtableUnavailable(
                    "this run's time budget ran out waiting for a slot to call Airtable (the app's pacing, "
                    "or a 429 that blocks the base)",
                    status=429,
                    error_type="RATE_LIMIT_REACHED",
                )
            if run:
                run.count(api_calls=1)
            _left_at.set(time.monotonic())
            try:
                return call()
            except requests.HTTPError as exc:
                failure, status = self._http_error(exc, method, url), exc.response.status_code
                if failure.error_type in SCHEMA_ERRORS and self.on_schema_error:
                    self.on_schema_error()
                # A 429 was refused before anything happened; a 5xx on a create may have created it.
                if status != 429 and not (status >= 500 and idempotent):
                    raise failure from None
                if status == 429:
                    delay = _retry_after(exc.response) or self.policy.penalty_s + 0.1
                else:
                    delay = self.policy.delay(attempt)
                limit = self.policy.max_attempts
            except (requests.ConnectionError, requests.Timeout) as exc:
                never_sent = _never_sent(exc)
                failure = self._connection_error(exc, url, never_sent)
                if not (never_sent or idempotent):
                    raise failure from None
                status, delay, limit = 0, self.policy.delay(attempt), self.policy.max_connect_attempts
            attempt += 1
            if attempt >= limit or time.monotonic() + delay > deadline - self.policy.margin_s:
                raise failure from None
            if status == 429:
                self.bucket.block_for(delay)  # every caller on this base waits out the penalty
            else:
                self._sleep(delay)

    def _http_error(self, exc: requests.HTTPError, method: str, url: str) -> AirtableError:
        response = exc.response
        status = response.status_code
        error_type, message = _error_body(response)
        where = f"{method.upper()} {_path(url)}"
        if status == 401:
            text = f"Airtable rejected the token (401 {error_type}): check AIRTABLE_API_KEY"
        elif status == 403:
            text = (
                f"Airtable refused {where} (403 {error_type}): check the token's scopes and its access to "
                f"the base. {message}"
            )
        else:
            text = f"Airtable answered {status} {error_type} to {where}: {message}"
        cls = AirtableUnavailable if status == 429 or status >= 500 else AirtableRejected
        error = cls(text.strip(), status=status, error_type=error_type, endpoint=_origin(url))
        error.airtable_message = message  # type: ignore[attr-defined]  # read by the 422 splitter
        return error

    def _connection_error(self, exc: Exception, url: str, never_sent: bool) -> AirtableUnavailable:
        what = "timed out" if isinstance(exc, requests.Timeout) else "connection failed"
        if never_sent and not isinstance(exc, requests.Timeout):
            what = "connection refused or host unknown"
        text = f"cannot reach Airtable at {_origin(url)} ({what})"
        if not never_sent:
            text += "; the request may have been applied, so it was not repeated"
        return AirtableUnavailable(text, status=None, error_type=type(exc).__name__, endpoint=_origin(url))


class _BudgetSession(requests.Session):
    """A session whose timeouts never run past the current run's deadline."""

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        run = current_run()
        timeout = kwargs.get("timeout")
        if run is not None and isinstance(timeout, tuple):
            left = max(0.5, run.time_left())
            kwargs["timeout"] = (min(timeout[0], left), min(timeout[1], left))
        return super().request(method, url, *args, **kwargs)


def _idempotent(method: str, url: str, json: dict[str, Any] | None) -> bool:
    """Whether repeating the request cannot do anything twice (creates and upserts can)."""
    m = method.upper()
    if m in ("GET", "HEAD", "DELETE"):
        return True
    if m in ("PATCH", "PUT"):
        return not (json and "performUpsert" in json)
    return m == "POST" and urlsplit(url).path.rstrip("/").endswith("/listRecords")


def _never_sent(exc: Exception) -> bool:
    """True when the request provably never reached the server (no connection was made)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    inner = getattr(reason, "reason", reason)  # requests wraps urllib3's MaxRetryError(reason=...)
    return isinstance(inner, urllib3.exceptions.NewConnectionError | urllib3.exceptions.ConnectTimeoutError)


def _error_body(response: requests.Response) -> tuple[str, str]:
    """Airtable's error type and message: {"error": {"type", "message"}} or {"error": "TYPE"}."""
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return f"HTTP_{response.status_code}", (response.text or "")[:200].replace("\n", " ")
    if isinstance(error, dict):
        return str(error.get("type") or f"HTTP_{response.status_code}"), str(error.get("message") or "")
    return str(error or f"HTTP_{response.status_code}"), ""


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _path(url: str) -> str:
    return urlsplit(url).path


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
