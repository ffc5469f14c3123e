"""Notification pings: the signed POST Airtable sends, and the worker that delivers and retries them.

Delivery follows reference §3.6: a ping fails when the receiver cannot be reached, takes longer than 25 s, or
answers anything but 200/204; it is retried up to 13 times with exponential backoff starting at 10 s, then
notifications are disabled. Every duration is multiplied by `timing_scale` so tests can watch the whole
sequence; the receive timeout is never below 1 s, so a slow test machine does not fake failures.
Pings are sent by worker threads after the commit, never while the store (or the manager) lock is held.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

MAX_RETRIES = 13
FIRST_BACKOFF_S = 10.0
TIMEOUT_S = 25.0
MIN_TIMEOUT_S = 1.0
# Pings go straight to the receiver: an http_proxy in the environment must not reroute 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def sign(secret: bytes, body: bytes) -> str:
    """`X-Airtable-Content-MAC`: HMAC-SHA256 of the raw body, keyed with the base64-decoded secret."""
    return "hmac-sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def ping_body(base_id: str, webhook_id: str, timestamp: str) -> bytes:
    """The ping body, serialised like JavaScript's JSON.stringify (compact, ASCII)."""
    doc = {"base": {"id": base_id}, "webhook": {"id": webhook_id}, "timestamp": timestamp}
    return json.dumps(doc, separators=(",", ":")).encode("ascii")


@dataclass
class Delivery:
    """The outcome of one POST."""

    ok: bool
    duration_ms: float
    error: str | None = None


def post_ping(url: str, body: bytes, mac: str, timeout: float) -> Delivery:
    """POST one ping; success is exactly a 200 or 204 answer."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "X-Airtable-Content-MAC": mac},
    )
    start = time.perf_counter()
    status: int | None = None
    error: str | None = None
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
        exc.close()
    except (OSError, ValueError) as exc:  # refused, unreachable, timed out, malformed URL
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        error = f"The HTTP request failed: {reason}"
    duration_ms = round((time.perf_counter() - start) * 1000, 3)
    if status in (200, 204):
        return Delivery(True, duration_ms)
    if error is None:
        error = f"The HTTP request returned a {status} status code instead of 200 or 204"
    return Delivery(False, duration_ms, error)


@dataclass
class NotifyState:
    """Per webhook: whether a ping is owed, and where the retry sequence stands."""

    pending: bool = False
    retry_number: int = 0  # of the next attempt; 0 = first try
    due: float = 0.0  # time.monotonic() before which no attempt is made
    in_flight: bool = False


@dataclass
class Attempt:
    """What one delivery attempt needs, copied out under the lock."""

    hook: Any
    state: NotifyState  # the hook's state when the attempt started (replaced when notifications toggle)
    url: str
    body: bytes
    mac: str
    retry_number: int
    drop: bool = False  # fault injection: the ping is silently not sent
    copies: int = 1  # fault injection: 2 = the same ping is sent twice


class Notifier:
    """A worker thread that sends owed pings; each POST runs in its own short-lived thread.

    `select(now)` (called under `cond`) returns the attempts to start and the next time something is due;
    `finish(attempt, delivery)` (called under `cond`) records the outcome.
    """

    def __init__(
        self,
        cond: threading.Condition,
        select: Callable[[float], tuple[Iterable[Attempt], float | None]],
        finish: Callable[[Attempt, Delivery | None], None],
        timing_scale: float,
    ) -> None:
        self._cond = cond
        self._select = select
        self._finish = finish
        self.timeout = max(TIMEOUT_S * timing_scale, MIN_TIMEOUT_S)
        self._stopped = False
        self._senders: set[threading.Thread] = set()
        self._thread = threading.Thread(target=self._run, name="localbase-webhooks", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Call with `cond` held after marking a ping as owed."""
        self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._thread.join()
        # A ping in flight ends within its timeout; shutting down waits a little, not up to 25 s.
        deadline = time.monotonic() + 2.0
        for sender in list(self._senders):
            sender.join(timeout=max(deadline - time.monotonic(), 0.0))

    def _run(self) -> None:
        with self._cond:
            while not self._stopped:
                attempts, next_due = self._select(time.monotonic())
                started = False
                for attempt in attempts:
                    started = True
                    sender = threading.Thread(target=self._send, args=(attempt,), daemon=True)
                    self._senders.add(sender)
                    sender.start()
                if not started:
                    wait = None if next_due is None else max(next_due - time.monotonic(), 0.0)
                    self._cond.wait(timeout=wait)

    def _send(self, attempt: Attempt) -> None:
        delivery: Delivery | None = None
        try:
            if not attempt.drop:
                delivery = post_ping(attempt.url, attempt.body, attempt.mac, self.timeout)
                for _ in range(attempt.copies - 1):
                    post_ping(attempt.url, attempt.body, attempt.mac, self.timeout)
        finally:
            with self._cond:
                self._finish(attempt, delivery)
                self._senders.discard(threading.current_thread())
                self._cond.notify_all()

    @staticmethod
    def backoff(retry_number: int, timing_scale: float) -> float:
        """Seconds to wait before retry `retry_number` (1-based): 10 s, 20 s, 40 s, … times the scale."""
        return FIRST_BACKOFF_S * (2 ** (retry_number - 1)) * timing_scale
