"""The token bucket spaces calls at the configured rate, with a fake clock (no sleeping in tests)."""

from __future__ import annotations

import threading

import pytest

from automation.airtable.ratelimit import TokenBucket, bucket_for


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_bucket__five_per_second_spaces_calls_200ms_apart() -> None:
    clock = FakeClock()
    bucket = TokenBucket(5, clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(6):
        bucket.acquire()
        starts.append(clock.now)
    gaps = [round(b - a, 6) for a, b in zip(starts, starts[1:], strict=False)]
    assert gaps == [0.2] * 5


def test_bucket__idle_time_does_not_build_a_burst_beyond_capacity() -> None:
    clock = FakeClock()
    bucket = TokenBucket(5, capacity=2, clock=clock, sleep=clock.sleep)
    bucket.acquire()
    clock.now += 10  # a long pause
    waits = []
    for _ in range(4):
        waits.append(bucket.reserve())
        clock.sleep(waits[-1] or 0.0)
    assert waits == pytest.approx([0.0, 0.0, 0.2, 0.2])


def test_bucket__block_for_holds_every_caller() -> None:
    clock = FakeClock()
    bucket = TokenBucket(5, clock=clock, sleep=clock.sleep)
    bucket.block_for(30)
    assert bucket.reserve() == pytest.approx(30)


def test_bucket__rate_zero_does_not_wait_unless_blocked() -> None:
    clock = FakeClock()
    bucket = TokenBucket(0, clock=clock, sleep=clock.sleep)
    assert [bucket.reserve() for _ in range(3)] == [0, 0, 0]
    bucket.block_for(1.5)
    assert bucket.reserve() == pytest.approx(1.5)


def test_bucket__a_wait_longer_than_allowed_takes_no_slot() -> None:
    clock = FakeClock()
    bucket = TokenBucket(5, clock=clock, sleep=clock.sleep)
    bucket.block_for(30)
    assert bucket.acquire(max_wait=5) is False and clock.slept == []
    assert bucket.acquire(max_wait=31) is True and clock.slept == [pytest.approx(30)]
    assert bucket.reserve() == pytest.approx(0.2), "the refused call took no slot"


def test_bucket__threads_get_distinct_slots() -> None:
    clock = FakeClock()
    lock = threading.Lock()
    bucket = TokenBucket(5, clock=lambda: 0.0)
    waits: list[float] = []

    def take() -> None:
        w = bucket.reserve()
        with lock:
            waits.append(w)

    threads = [threading.Thread(target=take) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(round(w, 6) for w in waits) == [round(i * 0.2, 6) for i in range(20)]
    assert clock.slept == []


def test_bucket_for__one_bucket_per_base_per_process() -> None:
    a = bucket_for("http://x/", "appAAAAAAAAAAAAAA", 5)
    assert bucket_for("http://x", "appAAAAAAAAAAAAAA", 5) is a
    assert bucket_for("http://x", "appBBBBBBBBBBBBBB", 5) is not a
