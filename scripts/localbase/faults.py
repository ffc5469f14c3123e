"""Injected faults (latency, 5xx, forced 429s, notification drops) and the per-base rate limit."""

from __future__ import annotations

import random
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Faults:
    """What the server should get wrong, set by CLI options or ``POST /_local/faults``.

    ``drop_notifications`` / ``duplicate_notifications`` are read by the webhooks module: truthy means active;
    an int N means "the next N notifications" (the webhooks module decrements it through ``consume``).
    """

    latency_ms: int = 0
    error_rate: float = 0.0  # share of API requests answered with error_status instead of being run
    error_status: int = 500
    force_429: int = 0  # the next N API requests get 429, whatever the rate
    drop_notifications: bool | int = False
    duplicate_notifications: bool | int = False
    rate_limit: int = 5  # requests per second per base; 0 = off
    penalty_s: float = 30.0  # after a rate-limit 429, every request to that base gets 429 this long
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _rng: random.Random = field(default_factory=random.Random, repr=False, compare=False)

    def update(self, **changes: Any) -> dict[str, Any]:
        """Apply changes (unknown names or bad values raise ValueError); returns the new settings."""
        names = {f.name for f in fields(self) if not f.name.startswith("_")}
        for name, value in changes.items():
            if name not in names:
                raise ValueError(f"unknown fault {name!r}; known: {sorted(names)}")
            _check(name, value)
        with self._lock:
            for name, value in changes.items():
                setattr(self, name, value)
        return self.snapshot()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}

    def take_forced_429(self) -> bool:
        """True (and one fewer left) when a forced 429 is pending."""
        with self._lock:
            if self.force_429 > 0:
                self.force_429 -= 1
                return True
            return False

    def roll_error(self) -> int | None:
        """The status to inject for this request, or None."""
        with self._lock:
            if self.error_rate > 0 and self._rng.random() < self.error_rate:
                return self.error_status
            return None

    def consume(self, name: str) -> bool:
        """For drop/duplicate flags: whether it applies now; an int counts down, a bool stays."""
        with self._lock:
            value = getattr(self, name)
            if value is True:
                return True
            if isinstance(value, int) and value > 0:
                setattr(self, name, value - 1)
                return True
            return False


def _check(name: str, value: Any) -> None:
    ok = {
        "latency_ms": lambda v: _num(v) and v >= 0,
        "error_rate": lambda v: _num(v) and 0 <= v <= 1,
        "error_status": lambda v: isinstance(v, int) and 500 <= v <= 599,
        "force_429": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "drop_notifications": lambda v: isinstance(v, int) and v >= 0,
        "duplicate_notifications": lambda v: isinstance(v, int) and v >= 0,
        "rate_limit": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
        "penalty_s": lambda v: _num(v) and v >= 0,
    }[name]
    if not ok(value):
        raise ValueError(f"bad value for {name}: {value!r}")


def _num(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


class RateLimiter:
    """A sliding one-second window per key: the (N+1)th accepted request within a second is refused, and
    then, as Airtable documents, every request to that key is refused for `penalty_s` seconds.

    Refused requests do not count and do not extend the penalty, so a client that waits it out gets through.
    """

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._hits: dict[str, deque[float]] = {}
        self._penalty_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, limit: int, penalty_s: float = 0.0) -> bool:
        if limit <= 0:
            return True
        now = self._now()
        with self._lock:
            if now < self._penalty_until.get(key, float("-inf")):
                return False
            hits = self._hits.setdefault(key, deque())
            while hits and now - hits[0] >= 1.0:
                hits.popleft()
            if len(hits) >= limit:
                if penalty_s > 0:
                    self._penalty_until[key] = now + penalty_s
                    hits.clear()
                return False
            hits.append(now)
            return True

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()
            self._penalty_until.clear()
