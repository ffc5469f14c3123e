"""The billing lease and the invoice-number counter, in System State.

Invoice numbers must be sequential and never reused, and Airtable has no transactions: two billing runs
that overlap (a duplicated cron delivery, the one-client trigger during the daily run) would both read
counter N and both hand out N. So a billing run first claims a lease, and only the holder reads the
counter, numbers its invoices and writes the counter back (with the lease release, in one request).

The claim is the messages claim's rule (automation/messages/claim.py has the proof): read the lease, write
our claim only if it is free, give up if the read-to-acknowledgement time reached `settle_s`, wait
`settle_s`, read it back and proceed only if it still names us. Of two overlapping runs at most one
proceeds; the other bills nothing and says so. Window that remains: Airtable's own ordering assumptions
(a read sees every write acknowledged before it); a lease whose holder crashed blocks billing until its
`until` passes (the run's budget), and the next daily run bills. Even then the Dedupe Key upsert keeps one
invoice per client and period.

Entries (one read: they share the prefix):
  billing:lease          JSON {"holder", "until"}
  billing:next-number    the next Invoice # to hand out (only ever moves forward)
  billing:billed:<YYYY-MM>  the daily run finished that period (the run does not repeat it)
  billing:skipped:<YYYY-MM> JSON {client id: why} the clients that period's run could not bill (a package
                            missing or of a kind it does not know...): each daily run tries them again, and
                            bills each once her record is fixed (the Dedupe Key keeps it to one invoice)
  billing:payouts:<YYYY-MM> the associates' payout statements for that period are drafted
  billing:carried:<YYYY-MM> JSON {associate id: [rows]} retainer sessions of earlier months marked after
                            their month's statements, carried to that period's statements (late.py)
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from automation.models import StateEntry

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway

PREFIX = "billing:"
LEASE = "billing:lease"
COUNTER = "billing:next-number"


def billed_key(period_label: str) -> str:
    return f"{PREFIX}billed:{period_label}"


def skipped_key(period_label: str) -> str:
    return f"{PREFIX}skipped:{period_label}"


def payouts_key(period_label: str) -> str:
    return f"{PREFIX}payouts:{period_label}"


def carried_key(period_label: str) -> str:
    return f"{PREFIX}carried:{period_label}"


@dataclass
class BillingState:
    entries: dict[str, StateEntry] = field(default_factory=dict)

    def value(self, key: str) -> str | None:
        entry = self.entries.get(key)
        return entry.value if entry else None

    @property
    def lease(self) -> tuple[str | None, datetime | None]:
        try:
            raw = json.loads(self.value(LEASE) or "{}")
            until = raw.get("until")
            return raw.get("holder"), datetime.fromisoformat(until) if until else None
        except (ValueError, AttributeError):
            return None, None

    def lease_free(self, holder: str, now: datetime) -> bool:
        who, until = self.lease
        return not who or who == holder or until is None or until <= now

    @property
    def next_number(self) -> int | None:
        try:
            return int(self.value(COUNTER) or "")
        except ValueError:
            return None

    def billed(self, period_label: str) -> bool:
        return bool(self.value(billed_key(period_label)))

    def skipped(self, period_label: str) -> dict[str, str]:
        """The period's clients not billed yet for a record the coach can fix: id -> why she was told."""
        try:
            raw = json.loads(self.value(skipped_key(period_label)) or "{}")
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in raw.items()} if isinstance(raw, dict) else {}

    def payouts_drafted(self, period_label: str) -> bool:
        return bool(self.value(payouts_key(period_label)))


@dataclass
class LeaseHooks:
    """Test seams (e.g. a threading.Barrier.wait) at the steps of a claim."""

    after_read: Callable[[], None] | None = None
    after_write: Callable[[], None] | None = None


def load(gw: Gateway) -> BillingState:
    from pyairtable import formulas as F

    formula = F.EQ(F.FIND(PREFIX, gw.ref(StateEntry, "key")), 1)
    return BillingState({e.key or "": e for e in gw.all(StateEntry, formula=formula)})


def new_holder() -> str:
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:10]}"


def claim(
    gw: Gateway,
    holder: str,
    *,
    ttl_s: float,
    settle_s: float,
    hooks: LeaseHooks | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    attempts: int = 3,
) -> BillingState | None:
    """The billing state, read back with the lease ours; None when another run holds it.

    A claim whose read-to-acknowledgement time reached `settle_s` proves nothing and is tried again (the
    lease then reads as ours, or as another run's if one wrote meanwhile), at most `attempts` times.
    """
    hooks = hooks or LeaseHooks()
    for _ in range(attempts):
        started = clock()
        state = load(gw)
        if hooks.after_read:
            hooks.after_read()
        now = datetime.now(UTC)
        if not state.lease_free(holder, now):
            return None
        value = json.dumps({"holder": holder, "until": (now + timedelta(seconds=ttl_s)).isoformat()})
        gw.upsert(StateEntry, [{"key": LEASE, "value": value, "updated_at": now}], merge_on=["key"])
        if clock() - started >= settle_s:
            continue  # too slow to be sure nobody else read the lease free meanwhile
        if hooks.after_write:
            hooks.after_write()
        sleep(settle_s)
        fresh = load(gw)
        return fresh if fresh.lease[0] == holder else None
    return None


def release(
    gw: Gateway,
    state: BillingState,
    holder: str,
    next_number: int | None,
    billed: str | None = None,
    skipped: dict[str, str] | None = None,
) -> None:
    """Counter (never backwards), the period's billed mark with the clients it skipped, and the lease
    release in one request."""
    now = datetime.now(UTC)
    rows: list[dict[str, Any]] = []
    if next_number is not None and next_number > (state.next_number or 0):
        rows.append({"key": COUNTER, "value": str(next_number), "updated_at": now})
    if billed is not None:
        rows.append({"key": billed_key(billed), "value": now.isoformat(), "updated_at": now})
        if (skipped or {}) != state.skipped(billed):
            value = json.dumps(skipped or {}, sort_keys=True)
            rows.append({"key": skipped_key(billed), "value": value, "updated_at": now})
    if state.lease[0] == holder:
        rows.append({"key": LEASE, "value": "{}", "updated_at": now})
    if rows:
        gw.upsert(StateEntry, rows, merge_on=["key"])


def mark(gw: Gateway, key: str) -> None:
    """An entry saying a step of the period is done (its value: when)."""
    now = datetime.now(UTC)
    gw.upsert(StateEntry, [{"key": key, "value": now.isoformat(), "updated_at": now}], merge_on=["key"])


def put(gw: Gateway, key: str, value: str) -> None:
    """An entry with its value."""
    now = datetime.now(UTC)
    gw.upsert(StateEntry, [{"key": key, "value": value, "updated_at": now}], merge_on=["key"])


def format_number(n: int, prefix: str, width: int) -> str:
    return f"{prefix}{n:0{width}d}"


def first_free(numbers: Iterable[str | None], prefix: str) -> int:
    """1 + the highest number already used with this prefix (when System State has no counter yet)."""
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    used = [int(m.group(1)) for n in numbers if n and (m := pattern.match(n.strip()))]
    return max(used, default=0) + 1
