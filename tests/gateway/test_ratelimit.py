"""The token bucket spaces calls at the configured rate, with a fake clock (no sleeping in tests)."""

from __future__ import annotations

import threading

import pytest

from automation.airtable.ratelimit import TokenBucket, WindowPacer, bucket_for


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


# ---- the window pacer (what the gateway uses) ----


def _starts(pacer: WindowPacer, clock: FakeClock, n: int) -> list[float]:
    out = []
    for _ in range(n):
        pacer.acquire()
        out.append(round(clock.now - 100.0, 6))
    return out


def test_pacer__three_a_second_lets_three_go_at_once_then_waits_for_the_window() -> None:
    clock = FakeClock()
    pacer = WindowPacer(3, clock=clock, sleep=clock.sleep)
    assert _starts(pacer, clock, 7) == [0, 0, 0, 1.05, 1.05, 1.05, 2.1]


def test_pacer__never_more_than_its_calls_in_any_second_beside_a_client_at_two_a_second() -> None:
    """Whatever the app's demand, the app (3/s) plus a neighbour spaced 0.5 s apart stay within 5/s."""
    clock = FakeClock()
    pacer = WindowPacer(3, clock=clock, sleep=clock.sleep)
    app = []
    for burst in (4, 1, 6, 2, 9):  # pings of various sizes, 0.3 s apart
        app += [pacer.reserve() + clock.now for _ in range(burst)]  # type: ignore[operator]
        clock.now += 0.3
    neighbour = [100.0 + 0.5 * i + 0.01 for i in range(40)]
    hits = sorted(app + neighbour)
    worst = max(sum(1 for t in hits if s <= t < s + 1.0) for s in hits)
    assert worst <= 5


def test_pacer__rates_below_one_space_single_calls() -> None:
    clock = FakeClock()
    pacer = WindowPacer(0.5, clock=clock, sleep=clock.sleep)
    assert _starts(pacer, clock, 3) == [0, 2.1, 4.2]


def test_pacer__a_fractional_rate_keeps_its_pace_with_a_burst_of_the_next_whole_number() -> None:
    """Rate 1.5: two calls of a ping overlap, and over time no more than 1.5 a second (less SAFETY)."""
    clock = FakeClock()
    pacer = WindowPacer(1.5, clock=clock, sleep=clock.sleep)
    assert _starts(pacer, clock, 5) == [0, 0, 1.4, 1.4, 2.8]
    assert 1.4 < pacer.rate <= 1.5


def test_pacer__block_and_max_wait_like_the_bucket() -> None:
    clock = FakeClock()
    pacer = WindowPacer(3, clock=clock, sleep=clock.sleep)
    pacer.block_for(30)
    assert pacer.acquire(max_wait=5) is False and clock.slept == []
    assert pacer.reserve() == pytest.approx(30)
    off = WindowPacer(0, clock=clock, sleep=clock.sleep)
    assert [off.reserve() for _ in range(10)] == [0] * 10


def test_bucket_for__gives_the_window_pacer_at_the_configured_rate() -> None:
    pacer = bucket_for("http://y", "appCCCCCCCCCCCCCC", 3)
    assert isinstance(pacer, WindowPacer) and (pacer.calls, pacer.window) == (3, pytest.approx(1.05))
    assert bucket_for("http://y", "appCCCCCCCCCCCCCC", 2) is not pacer  # reconfigured


def test_pacer__room_in_is_when_that_many_calls_could_leave_together() -> None:
    clock = FakeClock()
    pacer = WindowPacer(2, clock=clock, sleep=clock.sleep)  # 2 calls in any 1.05 s
    assert pacer.room_in(2) == 0  # nothing sent yet
    pacer.acquire()  # one call at t=0: one slot is left now, two once it leaves the window
    assert (pacer.room_in(1), round(pacer.room_in(2), 6)) == (0, 1.05)
    clock.now += 0.5
    pacer.acquire()  # a second at t=0.5
    assert round(pacer.room_in(1), 6) == 0.55 and round(pacer.room_in(2), 6) == 1.05
    assert round(pacer.room_in(5), 6) == 1.05  # more than the window holds: as many as it can
    assert pacer.room_in(2) == pacer.room_in(2)  # asking reserves nothing
    pacer.block_for(3)
    assert pacer.room_in(1) == 3


def test_bucket__room_in_counts_the_capacity() -> None:
    clock = FakeClock()
    bucket = TokenBucket(5, capacity=2, clock=clock, sleep=clock.sleep)
    assert bucket.room_in(2) == 0
    bucket.acquire()
    bucket.acquire()  # both saved-up tokens spent at t=0
    assert round(bucket.room_in(1), 6) == 0.2 and round(bucket.room_in(2), 6) == 0.4


def test_pacer__held_slots_are_this_threads_and_another_thread_waits_for_the_next_window() -> None:
    clock = FakeClock()
    pacer = WindowPacer(2, clock=clock, sleep=clock.sleep)  # 2 calls in any 1.05 s
    assert pacer.hold(2) == 0  # a claim's read and write, back to back
    other: list[float | None] = []
    t = threading.Thread(target=lambda: other.append(pacer.reserve()))
    t.start()
    t.join()
    assert [round(w, 6) for w in other if w is not None] == [1.05]  # the room was ours
    assert pacer.reserve() == 0 and pacer.reserve() == 0  # our read and write: no wait between them
    assert round(pacer.reserve(), 6) == 1.05  # held slots used up: paced as ever


def test_pacer__a_held_slot_used_late_counts_when_it_left_and_one_never_used_lapses() -> None:
    clock = FakeClock()
    pacer = WindowPacer(2, clock=clock, sleep=clock.sleep)
    pacer.hold(2)
    assert pacer.reserve() == 0  # the read at t=0
    clock.now += 0.4
    assert pacer.reserve() == 0  # the write left at t=0.4, its slot said t=0
    assert round(pacer.room_in(1), 6) == 0.65  # the window counts t=0 and t=0.4: the next at t=1.05
    assert round(pacer.room_in(2), 6) == 1.05  # two together once t=0.4 has left too (t=1.45)
    pacer.hold(1)
    clock.now += 5  # never used: it lapses, the next call takes a slot of its own
    assert pacer.reserve() == 0 and pacer.reserve() == 0 and round(pacer.reserve(), 6) == 1.05


def test_pacer__hold_past_max_wait_reserves_nothing_and_a_429_cancels_what_is_held() -> None:
    clock = FakeClock()
    pacer = WindowPacer(2, clock=clock, sleep=clock.sleep)
    pacer.acquire()
    assert pacer.hold(2, max_wait=0.5) is None and pacer.room_in(1) == 0  # nothing taken
    assert pacer.hold(1) == 0
    pacer.block_for(30)
    assert round(pacer.reserve(), 6) == 30  # the held slot does not jump the penalty


def test_pacer__background_calls_wait_a_window_behind_an_urgent_runs_calls() -> None:
    clock = FakeClock()
    pacer = WindowPacer(2, clock=clock, sleep=clock.sleep)  # 2 calls in any 1.05 s
    assert pacer.reserve(urgent=True) == 0  # the approval's first call, at t=0
    assert pacer.acquire(max_wait=0.5) is False  # a webhook backlog's call: not beside it
    assert pacer.room_in(1) == 0  # and it took nothing: the window's second slot is still free
    assert pacer.reserve(urgent=True) == 0  # the approval's next call takes it
    assert pacer.acquire() is True and round(clock.now - 100, 6) == 1.05  # the backlog: a window later
    assert pacer.reserve(urgent=True) == 0  # beside it: a person waits on this one
    assert round(pacer.reserve(urgent=True), 6) == 1.05  # then paced, as ever
    clock.now += 5  # no urgent call for a window: background calls go at once again
    assert pacer.acquire(max_wait=0) and pacer.acquire(max_wait=0)


def test_pacer__urgent_or_not_never_more_than_the_window_allows() -> None:
    clock = FakeClock()
    pacer = WindowPacer(2, clock=clock, sleep=clock.sleep)
    starts = []
    for k in range(40):
        wait = pacer.reserve(urgent=k % 3 == 0)
        starts.append(clock.now + wait)
        clock.now += 0.1
    starts.sort()
    assert all(b - a >= 1.05 - 1e-9 for a, b in zip(starts, starts[2:], strict=False))


def test_pacer__a_sequence_holding_its_slots_is_not_held_back_by_an_urgent_run() -> None:
    clock = FakeClock()
    pacer = WindowPacer(2, clock=clock, sleep=clock.sleep)
    assert pacer.hold(2) == 0  # a background claim: its read and write
    assert pacer.acquire() is True  # the read
    clock.now += 0.2
    approval = threading.Thread(target=lambda: pacer.reserve(urgent=True))  # an approval, meanwhile
    approval.start()
    approval.join()
    assert pacer.acquire(max_wait=0) is True  # the claim's write still leaves at once: it held its slot
    assert pacer.acquire(max_wait=0.5) is False  # the next background call waits behind the approval


def test_pacer__asking_again_for_room_a_thread_already_holds_keeps_its_slots() -> None:
    """A won deal's client upsert and its stage check's claiming upsert are held together; the claim asks
    for room of its own. It is given the slot it holds (fresh slots would wait a window behind the two
    already counted, too late for the claim's settle rule), and the pace is kept."""
    clock = FakeClock()
    pacer = WindowPacer(2, clock=clock, sleep=clock.sleep)  # 2 calls in any 1.05 s
    assert pacer.hold(2) == 0
    assert pacer.acquire(max_wait=0) is True  # the client's upsert
    clock.now += 0.2
    assert pacer.hold(1) == 0  # the claim's own room: the slot still held
    assert pacer.acquire(max_wait=0) is True  # the claiming upsert
    assert round(pacer.reserve(), 6) == 0.85  # the window's two calls are spent: the next waits
