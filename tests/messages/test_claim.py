"""The claim protocol against an in-memory store that applies writes in one order (as Airtable does).

The races are forced with barriers and events at the claim's seams, not left to timing luck.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from typing import Any

from automation.messages.claim import ClaimHooks, claim


@dataclass(frozen=True)
class Msg:
    id: str
    status: str | None
    claim_token: str | None = None
    claimed_at: Any = None


class MemoryStore:
    """Linearizable: every read sees every write acknowledged before it."""

    def __init__(self, *messages: Msg) -> None:
        self.rows = {m.id: m for m in messages}
        self.lock = threading.Lock()

    def fetch(self, ids):
        with self.lock:
            return [self.rows[i] for i in ids if i in self.rows]

    def write(self, changes):
        with self.lock:
            for m, fields in changes:
                self.rows[m.id] = replace(self.rows[m.id], **fields)
            return [self.rows[m.id] for m, _ in changes]


SETTLE = 0.2


def _run(*targets):
    threads = [threading.Thread(target=t) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not any(t.is_alive() for t in threads)


def test_claim__holds_approved_and_leaves_the_rest():
    store = MemoryStore(Msg("rec1", "Approved"), Msg("rec2", "Draft"), Msg("rec3", "Sent"))
    result = claim(store, ["rec1", "rec2", "rec3"], settle_s=SETTLE)
    assert [m.id for m in result.held] == ["rec1"] and sorted(result.lost) == ["rec2", "rec3"]
    assert store.rows["rec1"].status == "Sending" and store.rows["rec1"].claim_token == result.token


def test_claim__second_claim_after_the_first_finds_nothing_to_hold():
    store = MemoryStore(Msg("rec1", "Approved"))
    first = claim(store, ["rec1"], settle_s=SETTLE)
    second = claim(store, ["rec1"], settle_s=SETTLE)
    assert len(first.held) == 1 and second.held == [] and second.lost == ["rec1"]


def test_claim__two_concurrent_claims_after_both_read_approved__exactly_one_holds():
    store = MemoryStore(Msg("rec1", "Approved"))
    both_read, both_claimed = threading.Barrier(2, timeout=5), threading.Barrier(2, timeout=5)
    hooks = ClaimHooks(after_read=lambda ids: both_read.wait(), after_claim=lambda ids: both_claimed.wait())
    results = {}
    _run(
        lambda: results.setdefault("a", claim(store, ["rec1"], settle_s=SETTLE, hooks=hooks)),
        lambda: results.setdefault("b", claim(store, ["rec1"], settle_s=SETTLE, hooks=hooks)),
    )
    held = [k for k, r in results.items() if r.held]
    assert len(held) == 1
    assert store.rows["rec1"].claim_token == results[held[0]].token


def _stalled_writer_race(clock=None):
    """B reads Approved, then stalls until A has written, waited and read back its own token; then B
    writes its claim. The naive protocol lets both send here."""
    store = MemoryStore(Msg("rec1", "Approved"))
    a_read_back, b_done = threading.Event(), threading.Event()
    a_hooks = ClaimHooks(after_claim=lambda ids: a_read_back.set())
    b_hooks = ClaimHooks(
        before_write=lambda ids: a_read_back.wait(5),
        after_claim=lambda ids: b_done.set(),
    )
    results = {}
    extra = {"clock": clock} if clock else {}

    def b():
        results["b"] = claim(store, ["rec1"], settle_s=SETTLE, hooks=b_hooks, **extra)

    def a():
        results["a"] = claim(store, ["rec1"], settle_s=SETTLE, hooks=a_hooks, **extra)

    b_reads = threading.Event()
    b_hooks.after_read = lambda ids: b_reads.set()
    _run(b, lambda: (b_reads.wait(5), a()))
    return store, results


def test_claim__a_claimer_stalled_between_read_and_write_gives_up__exactly_one_holds():
    store, results = _stalled_writer_race()
    assert len(results["a"].held) == 1
    assert results["b"].held == [] and results["b"].abandoned == ["rec1"]


def test_claim__without_the_timing_rule_the_same_race_double_sends():
    # A clock that never advances disables the rule: this is the race the rule exists for.
    store, results = _stalled_writer_race(clock=lambda: 0.0)
    assert len(results["a"].held) == 1 and len(results["b"].held) == 1


def test_claim__a_slow_claim_write_is_abandoned_not_sent():
    store = MemoryStore(Msg("rec1", "Approved"))
    ticks = iter([0.0, SETTLE * 2])
    result = claim(store, ["rec1"], settle_s=SETTLE, clock=lambda: next(ticks))
    assert result.held == [] and result.abandoned == ["rec1"]
    assert store.rows["rec1"].status == "Sending"  # left for the coach, surfaced as stuck


@dataclass(frozen=True)
class ReadMsg(Msg):
    """A message as a run read it, with when that read was sent (time.monotonic)."""

    sent: float = 0.0

    def read_sent(self) -> float:
        return self.sent


class PacedStore(MemoryStore):
    """The gateway's pacer as the claim meets it: make_room() waits `pace` seconds; reads are counted."""

    def __init__(self, *messages: Msg, pace: float) -> None:
        super().__init__(*messages)
        self.pace, self.fetched = pace, 0

    def make_room(self, calls):
        time.sleep(self.pace)

    def fetch(self, ids):
        self.fetched += 1
        return super().fetch(ids)


def test_claim__a_recent_read_is_judged_after_the_pacers_wait_not_before():
    # The run read the approval 0.09 s ago (young: under settle/2); the pacer then holds the claim write
    # back 0.15 s. Judged before that wait, the read would stand in for the fresh read, and the write would
    # land 0.24 s after it (over the 0.2 s settle): abandoned, left Sending though nobody else was claiming.
    store = PacedStore(Msg("rec1", "Approved"), pace=0.15)
    read = {"rec1": ReadMsg("rec1", "Approved", sent=time.monotonic() - 0.09)}
    result = claim(store, ["rec1"], settle_s=SETTLE, read=read)
    assert [m.id for m in result.held] == ["rec1"] and result.abandoned == []
    assert store.fetched == 2  # the read had aged: a fresh one, then the read back


def test_claim__a_read_still_young_after_the_pacers_wait_stands_in_for_the_fresh_read():
    store = PacedStore(Msg("rec1", "Approved"), pace=0.01)
    read = {"rec1": ReadMsg("rec1", "Approved", sent=time.monotonic())}
    result = claim(store, ["rec1"], settle_s=SETTLE, read=read)
    assert [m.id for m in result.held] == ["rec1"] and store.fetched == 1  # the read back only
