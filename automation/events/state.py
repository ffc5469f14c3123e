"""Webhook state in System State: the webhook's info (encrypted MAC secret), its cursor and its lease.

Three entries per webhook, so a lease claim never rewrites the cursor and vice versa:
  webhook:<id>         JSON: url, spec hash, our token's user id, encrypted MAC secret, status
  webhook:<id>:cursor  the next payload to process; only ever moves forward
  webhook:<id>:lease   JSON {"holder", "until"}: who is processing this webhook's payloads right now
All three are read with one request (their keys share a prefix).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from automation.errors import LeadershipOSError
from automation.events.accounting import bookkept
from automation.models import StateEntry

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway

PREFIX = "webhook:"


class LeaseBusy(LeadershipOSError):
    """Another invocation holds this webhook's lease past our budget; the ping should be retried."""


def info_key(webhook_id: str) -> str:
    return f"{PREFIX}{webhook_id}"


def cursor_key(webhook_id: str) -> str:
    return f"{PREFIX}{webhook_id}:cursor"


def lease_key(webhook_id: str) -> str:
    return f"{PREFIX}{webhook_id}:lease"


def _json(entry: StateEntry | None) -> dict[str, Any]:
    try:
        value = json.loads(entry.value or "{}") if entry else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass
class Lease:
    holder: str | None = None
    until: datetime | None = None

    def free_for(self, holder: str, now: datetime, abandoned: frozenset[str] = frozenset()) -> bool:
        """Free, expired, ours, or a claim this process knows its writer gave up (see drain.abandon)."""
        if not self.holder or self.holder == holder or self.holder in abandoned:
            return True
        return self.until is None or self.until <= now


@dataclass
class WebhookState:
    """What System State says about one webhook (entries may be missing: a half-registered webhook)."""

    webhook_id: str
    info: StateEntry | None = None
    cursor_entry: StateEntry | None = None
    lease_entry: StateEntry | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data = _json(self.info)

    @property
    def cursor(self) -> int:
        try:
            return max(1, int((self.cursor_entry.value or "1") if self.cursor_entry else 1))
        except ValueError:
            return 1

    @property
    def lease(self) -> Lease:
        raw = _json(self.lease_entry)
        until = raw.get("until")
        try:
            return Lease(raw.get("holder"), datetime.fromisoformat(until) if until else None)
        except ValueError:
            return Lease()


def _group(entries: list[StateEntry]) -> dict[str, WebhookState]:
    parts: dict[str, dict[str, StateEntry]] = {}
    for e in entries:
        key = e.key or ""
        if not key.startswith(PREFIX):
            continue
        wid, _, kind = key[len(PREFIX) :].partition(":")
        parts.setdefault(wid, {})[kind or "info"] = e
    return {
        wid: WebhookState(wid, p.get("info"), p.get("cursor"), p.get("lease")) for wid, p in parts.items()
    }


class StateStore:
    """Reads and writes webhook state through the gateway (System State is written even in Shadow mode)."""

    def __init__(self, gw: Gateway) -> None:
        self.gw = gw

    def _read(self, prefix: str) -> list[StateEntry]:
        from pyairtable import formulas as F  # lazily: pyairtable costs ~0.2 s of a cold start's import

        formula = F.EQ(F.FIND(prefix, self.gw.ref(StateEntry, "key")), 1)
        return self.gw.all(StateEntry, formula=formula)

    @bookkept
    def load(self, webhook_id: str) -> WebhookState:
        """One read: the webhook's info, cursor and lease."""
        found = _group(self._read(info_key(webhook_id))).get(webhook_id)
        return found or WebhookState(webhook_id)

    @bookkept
    def load_all(self) -> dict[str, WebhookState]:
        """One read (paged): every webhook System State knows."""
        return _group(self._read(PREFIX))

    @bookkept
    def create(self, webhook_id: str, data: dict[str, Any], cursor: int = 1) -> WebhookState:
        """Store a new webhook's three entries in one upsert on Key (idempotent)."""
        now = datetime.now(UTC)
        rows = [
            {"key": info_key(webhook_id), "value": json.dumps(data, sort_keys=True), "updated_at": now},
            {"key": cursor_key(webhook_id), "value": str(cursor), "updated_at": now},
            {"key": lease_key(webhook_id), "value": "{}", "updated_at": now},
        ]
        return _group(self.gw.upsert(StateEntry, rows, merge_on=["key"])).get(webhook_id) or WebhookState(
            webhook_id
        )

    @bookkept
    def save_info(self, state: WebhookState, data: dict[str, Any]) -> None:
        if state.info is None:
            raise LookupError(f"webhook {state.webhook_id} has no info entry")
        fields = {"value": json.dumps(data, sort_keys=True), "updated_at": datetime.now(UTC)}
        self.gw.update(StateEntry, [(state.info, fields)])
        state.data = dict(data)

    @bookkept
    def forget(self, state: WebhookState) -> None:
        """Delete the webhook's entries (after the webhook itself is deleted)."""
        ids = [e.id for e in (state.info, state.cursor_entry, state.lease_entry) if e is not None]
        if ids:
            self.gw.delete(StateEntry, ids)

    # ---- the lease (claim + read-back) and the cursor (forward only) ----

    @bookkept
    def write_claim(self, state: WebhookState, holder: str, ttl_s: float) -> None:
        """Write our claim on the lease (the caller waits `settle_s` and reads it back: see `claim`)."""
        lease = self._lease_entry(state)
        now = datetime.now(UTC)
        value = json.dumps({"holder": holder, "until": (now + timedelta(seconds=ttl_s)).isoformat()})
        self.gw.update(StateEntry, [(lease, {"value": value, "updated_at": now})])

    def claim(self, state: WebhookState, holder: str, ttl_s: float, settle_s: float) -> WebhookState | None:
        """Write our claim, wait, read it back: the fresh state if the lease is ours, else None.

        Airtable has no conditional write, so two claimants can both see the lease free and both write;
        the last write wins and the read-back tells each which one that was. Claimant B read the lease
        free at time r and writes at w; A, whose write landed between r and w, reads back at least
        `settle_s` plus one request after its own write. B's gap w - r is one request plus B's own work
        between its read's answer and its write, so A sees B's claim when that work is under `settle_s`.
        Race window that remains: a claimant stalled longer than `settle_s` between read and write (a GC
        pause, a starved thread) overwrites a claim already read back; both then process the same
        payloads. The damage is bounded: writes are diff-aware (a second identical update is not sent if
        the first landed before the read), creates go through performUpsert on dedupe keys, and the cursor
        is written as the maximum of what each holder read. tests/events/test_webhook_concurrency.py
        forces both the race the read-back settles and this window.
        """
        self.write_claim(state, holder, ttl_s)
        time.sleep(settle_s)
        fresh = self.load(state.webhook_id)
        return fresh if fresh.lease.holder == holder else None

    @bookkept
    def release(self, state: WebhookState, holder: str, cursor: int | None) -> None:
        """Save the cursor (never backwards) and free the lease, in one request."""
        updates = self._cursor_update(state, cursor)
        if state.lease_entry is not None and state.lease.holder == holder:
            updates.append((state.lease_entry, {"value": "{}", "updated_at": datetime.now(UTC)}))
        if updates:
            self.gw.update(StateEntry, updates)

    @bookkept
    def save_cursor(self, state: WebhookState, cursor: int) -> None:
        """Progress while still holding the lease (so a crash later loses nothing done before)."""
        updates = self._cursor_update(state, cursor)
        if updates:
            written = self.gw.update(StateEntry, updates)
            state.cursor_entry = written[0] if written else state.cursor_entry

    def _cursor_update(
        self, state: WebhookState, cursor: int | None
    ) -> list[tuple[StateEntry, dict[str, Any]]]:
        if cursor is None or cursor <= state.cursor:
            return []
        if state.cursor_entry is None:
            self.gw.upsert(StateEntry, [{"key": cursor_key(state.webhook_id), "value": str(cursor)}], ["key"])
            return []
        return [(state.cursor_entry, {"value": str(cursor), "updated_at": datetime.now(UTC)})]

    def _lease_entry(self, state: WebhookState) -> StateEntry:
        if state.lease_entry is None:  # registered by an older version: create it once
            (state.lease_entry,) = self.gw.upsert(
                StateEntry, [{"key": lease_key(state.webhook_id), "value": "{}"}], merge_on=["key"]
            )
        return state.lease_entry
