"""Client-side pacing of Airtable calls: one pacer per base, shared by every thread of the process.

Airtable allows 5 requests per second per base for all its clients together (every instance of this app,
a person's script, an integration) and answers one too many with 429 plus a 30-second penalty for
everyone, so the cheapest 429 is the one never provoked. `WindowPacer` lets a few calls go at once (the
overlapped calls of a ping) but never more than `calls` in any window a bit longer than Airtable's second,
leaving the rest of the base's 5 to the others. `TokenBucket` is the steady-rate alternative.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
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

    def room_in(self, n: int) -> float:
        """Seconds until `n` calls (at most the capacity) could start at once; nothing is reserved."""
        with self._lock:
            now = self._clock()
            start = max(now, self._blocked_until)
            if self.rate != 0:
                n = max(1, min(n, self.capacity))
                start = max(start, self._next - (self.capacity - n) * (1.0 / self.rate))
            return start - now

    def acquire(self, max_wait: float | None = None, *, urgent: bool = False) -> bool:
        """Wait for a token; False (without waiting) when the wait would exceed `max_wait` (`urgent`: no
        priority here; the gateway uses WindowPacer)."""
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


# Calls leave the client paced but reach the server with jitter; a window 5 % longer than Airtable's
# second keeps clear of it (measured: at 5/s, 210 ms apart never drew a 429).
SAFETY = 1.05
# A slot WindowPacer.hold() reserved lapses this long after its start if the thread has not used it.
HELD_FOR_S = 1.0


class WindowPacer:
    """At most `calls` calls start in any `window` seconds; within that, no waiting at all.

    Built from a rate: `calls` = the rate rounded up, `window` = max(1 s, calls / rate) times SAFETY.
    So rate 3 lets three calls go at once and the fourth 1.05 s after the first: a ping's overlapped calls
    are not delayed, and with another client doing 2 calls a second the base never sees more than 5 in a
    second. A fractional rate keeps its steady pace with a burst of the next whole number: rate 1.5 lets
    two go at once and the third 1.4 s after the first (rounded down it was one call per 1.05 s, a pace
    well under the rate asked for). Same interface as TokenBucket (reserve, acquire, block_for, rate).
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate < 0:
            raise ValueError("rate must be >= 0")
        self.configured = rate
        self.calls = max(1, math.ceil(rate)) if rate else 0
        self.window = max(1.0, self.calls / rate) * SAFETY if rate else 0.0
        self.rate = self.calls / self.window if rate else 0.0  # the steady rate it allows
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._starts: deque[float] = deque(maxlen=self.calls or 1)  # the last `calls` reserved starts
        self._blocked_until = 0.0
        self._held = threading.local()  # .slots: starts hold() reserved for this thread's next calls
        self._urgent_until = 0.0  # background calls wait for this: a person is waiting on a call before it

    def reserve(self, max_wait: float | None = None, *, urgent: bool = False) -> float | None:
        """Take a slot; the wait before using it (0 if none), or None (no slot taken) past `max_wait`.

        A slot this thread holds (hold()) is used first: its call leaves at the held start, or now if that
        has passed, and the window records when it really left. `urgent`: a person is waiting on this
        call's run (an Airtable Automation's script, a page); acquire() and hold() for calls that are not
        wait until a window has passed since its last call, so a background run (a webhook's backlog)
        cannot slow it down."""
        slots: list[float] = getattr(self._held, "slots", [])
        with self._lock:
            now = self._clock()
            if urgent:
                self._urgent_until = max(self._urgent_until, now + self.window)
            if self._blocked_until > now:
                slots.clear()  # a 429 since: everyone waits it out
            while slots:
                held = slots.pop(0)
                if held < now - HELD_FOR_S:
                    continue  # not used in time: another call of this thread, later, takes a fresh slot
                if max_wait is not None and held - now > max_wait:
                    slots.clear()
                    return None
                if held < now and held in self._starts:  # late: the window counts when it leaves
                    self._starts.remove(held)
                    self._record(now)
                return max(0.0, held - now)
            start = max(now, self._blocked_until)
            if self.calls and len(self._starts) == self.calls:
                start = max(start, self._starts[0] + self.window)
            if urgent and self.calls:
                self._urgent_until = max(self._urgent_until, start + self.window)
            if max_wait is not None and start - now > max_wait:
                return None
            if self.calls:
                self._record(start)
            return start - now

    def _record(self, *starts: float) -> None:
        """Keep the latest `calls` starts, oldest first (a held slot used late is recorded when it really
        leaves, after starts reserved since it was held)."""
        for start in starts:
            self._starts.append(start)
            if len(self._starts) > 1 and self._starts[-2] > start:
                self._starts = deque(sorted(self._starts), maxlen=self._starts.maxlen)

    def room_in(self, n: int) -> float:
        """Seconds until `n` calls (at most `calls`) could start at once; nothing is reserved."""
        with self._lock:
            now = self._clock()
            return self._together(n, now) - now

    def _together(self, n: int, now: float) -> float:
        """When `n` calls (at most `calls`) could start at once (call with the lock held)."""
        start = max(now, self._blocked_until)
        if self.calls:
            busy = len(self._starts) - (self.calls - max(1, min(n, self.calls)))  # to leave the window first
            if busy > 0:
                start = max(start, self._starts[busy - 1] + self.window)
        return start

    def hold(self, n: int, max_wait: float | None = None, *, urgent: bool = False) -> float | None:
        """Reserve `n` slots (at most `calls`) that can start together, for this thread's next `n` calls;
        returns the wait until they can (nothing reserved, None, past `max_wait`).

        For a sequence whose elapsed time matters (a claim's read, then its write, must land within the
        claim's settle time): room_in() says when there is room, but another thread's call can take that
        room before ours leaves; a held slot is ours. A held slot unused for HELD_FOR_S after its start
        lapses (it was counted, so the pace is never exceeded; it is only wasted). A thread that already
        holds `n` slots it can still use keeps them (a sequence of two calls, the second of which asks for
        room of its own, e.g. compose's claim after a won deal's client upsert): holding anew would count
        the unused ones as spent and wait a window for fresh ones."""
        with self._lock:
            now = self._clock()
            slots: list[float] = getattr(self._held, "slots", [])
            live = [s for s in slots if s >= now - HELD_FOR_S]
            if (
                self._blocked_until <= now
                and live
                and len(live) >= max(1, min(n, self.calls) if self.calls else n)
            ):
                self._held.slots = live
                return max(0.0, live[0] - now)
        waited = 0.0 if urgent else self._behind_urgent(max_wait)
        if waited is None:
            return None
        if max_wait is not None:
            max_wait -= waited
        n = max(1, min(n, self.calls)) if self.calls else n
        with self._lock:
            now = self._clock()
            start = self._together(n, now)
            if max_wait is not None and start - now > max_wait:
                return None
            if urgent and self.calls:
                self._urgent_until = max(self._urgent_until, start + self.window)
            if self.calls:
                self._record(*[start] * n)
            self._held.slots = [start] * n
            return start - now

    def acquire(self, max_wait: float | None = None, *, urgent: bool = False) -> bool:
        """Wait for a slot; False (without waiting) when the wait would exceed `max_wait`. A call that
        is not urgent first waits until no urgent call has started for a window (see reserve), unless
        this thread holds a slot (hold(): the calls of a sequence already under way)."""
        waited = 0.0 if urgent or self._holds_a_slot() else self._behind_urgent(max_wait)
        if waited is None:
            return False
        wait = self.reserve(None if max_wait is None else max_wait - waited, urgent=urgent)
        if wait is None:
            return False
        if wait > 0:
            self._sleep(wait)
        return True

    def _holds_a_slot(self) -> bool:
        """This thread holds a slot it can still use (hold())."""
        slots: list[float] = getattr(self._held, "slots", [])
        return bool(slots) and slots[-1] >= self._clock() - HELD_FOR_S

    def _behind_urgent(self, max_wait: float | None) -> float | None:
        """Sleep until a window has passed since the last urgent call (a slot is reserved only then, so
        the urgent run's next call finds the window free); the time slept, or None past `max_wait`."""
        waited = 0.0
        while True:
            with self._lock:
                wait = self._urgent_until - self._clock()
            if wait <= 0:
                return waited
            if max_wait is not None and waited + wait > max_wait:
                return None
            self._sleep(wait)
            waited += wait

    def block_for(self, seconds: float) -> None:
        """Nobody on this base calls for `seconds` (after a 429, Airtable refuses calls for 30 s)."""
        with self._lock:
            self._blocked_until = max(self._blocked_until, self._clock() + seconds)


_buckets: dict[tuple[str, str], WindowPacer] = {}
_buckets_lock = threading.Lock()


def bucket_for(endpoint: str, base_id: str, rate: float) -> WindowPacer:
    """The process-wide pacer of one base (Airtable's limit is per base, whatever the caller)."""
    key = (endpoint.rstrip("/"), base_id)
    with _buckets_lock:
        bucket = _buckets.get(key)
        if bucket is None or bucket.configured != rate:
            bucket = _buckets[key] = WindowPacer(rate)
        return bucket
