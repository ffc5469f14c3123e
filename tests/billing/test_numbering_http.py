"""The billing lease over HTTP: taken when free or expired, refused while another run holds it, claimed
again when a write was too slow to prove anything; the counter only moves forward."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from automation.billing import numbering
from automation.models import StateEntry


def _hold(gw, holder: str, until: datetime) -> None:
    value = json.dumps({"holder": holder, "until": until.isoformat()})
    gw.upsert(StateEntry, [{"key": numbering.LEASE, "value": value}], merge_on=["key"])


def test_claim__free_lease_is_ours_and_release_frees_it_with_the_counter(gw) -> None:
    state = numbering.claim(gw, "run-a", ttl_s=60, settle_s=0.05)
    assert state is not None and state.lease[0] == "run-a"
    numbering.release(gw, state, "run-a", 7, billed="2026-11")
    after = numbering.load(gw)
    assert (after.lease[0], after.next_number, after.billed("2026-11")) == (None, 7, True)
    numbering.release(gw, after, "run-b", 5)  # never backwards
    assert numbering.load(gw).next_number == 7


def test_claim__a_lease_held_by_another_run_is_refused_until_it_expires(gw) -> None:
    now = datetime.now(UTC)
    _hold(gw, "run-a", now + timedelta(minutes=5))
    assert numbering.claim(gw, "run-b", ttl_s=60, settle_s=0.05) is None
    _hold(gw, "run-a", now - timedelta(seconds=1))  # run-a crashed; its lease ran out
    assert numbering.claim(gw, "run-b", ttl_s=60, settle_s=0.05) is not None


def test_claim__too_slow_a_write_proves_nothing_and_is_claimed_again(gw) -> None:
    ticks = iter([0.0, 5.0, 10.0, 10.01])  # first attempt: read-to-ack 5 s > settle; second: 0.01 s
    slept = []
    state = numbering.claim(
        gw, "run-a", ttl_s=60, settle_s=0.5, clock=lambda: next(ticks), sleep=slept.append
    )
    assert state is not None and state.lease[0] == "run-a" and slept == [0.5]


def test_first_free__after_the_highest_number_with_the_prefix() -> None:
    assert numbering.first_free(["INV-0009", "INV-0011", "X-99", None, "INV-12a"], "INV-") == 12
    assert numbering.format_number(12, "INV-", 4) == "INV-0012"
