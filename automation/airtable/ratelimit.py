"""Client-side spacing of Airtable calls: a token bucket per base, shared by every thread of the process.

Airtable allows 5 requests per second per base and answers a burst with 429 plus a 30-second penalty, so
the cheapest 429 is the one never provoked. The default capacity of one token spaces calls evenly.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    """`rate` tokens per second, at most `capacity` saved up; acquire() waits for a token.

    Implemented as virtual scheduling: each caller reserves the next free slot under the lock and sleeps
    outside it, so waiting threads do not hold each other up beyond their own slot.
    """

    def __init__(
        self,
        rate: float,
        capacity: int = 1,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate < 0 or capacity < 1:
            raise ValueError("rate must be >= 0 and capacity >= 1")
        self.rate = rate
        self.capacity = capacity
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next = 0.0  # the earliest time the bucket is empty-but-one again (theoretical arrival time)
        self._blocked_until = 0.0

    def reserve(self, max_wait: float | None = None) -> float | None:
        """Take a slot; returns how long the caller must wait before using it (0 if none), or None (and
        no slot taken) when that wait would exceed `max_wait`."""
        with self._lock:
            now = self._clock()
            if self.rate == 0:
                start = max(now, self._blocked_until)
            else:
                interval = 1.0 / self.rate
                start = max(now, self._next - (self.capacity - 1) * interval, self._blocked_until)
            if max_wait is not None and start - now > max_wait:
                return None
            if self.rate != 0:
                self._next = max(self._next, start) + interval
            return start - now

    def acquire(self, max_wait: float | None = None) -> bool:
        """Wait for a token; False (without waiting) when the wait would exceed `max_wait`."""
        wait = self.reserve(max_wait)
        if wait is None:
            return False
        if wait > 0:
            self._sleep(wait)
        return True

    def block_for(self, seconds: float) -> None:
        """Nobody on this base calls for `seconds` (after a 429, Airtable refuses calls for a while)."""
        with self._lock:
            self._blocked_until = max(self._blocked_until, self._clock() + seconds)


# Calls leave the client evenly spaced but reach the server with jitter; a window limiter then sees six
# calls in one second now and then. 5 % slower than the limit (210 ms apart at 5/s) keeps clear of it.
SAFETY = 1.05

_buckets: dict[tuple[str, str], TokenBucket] = {}
_buckets_lock = threading.Lock()


def bucket_for(endpoint: str, base_id: str, rate: float) -> TokenBucket:
    """The process-wide bucket of one base (Airtable's limit is per base, whatever the caller)."""
    key = (endpoint.rstrip("/"), base_id)
    with _buckets_lock:
        bucket = _buckets.get(key)
        if bucket is None or bucket.rate != rate / SAFETY:
            bucket = _buckets[key] = TokenBucket(rate / SAFETY)
        return bucket
