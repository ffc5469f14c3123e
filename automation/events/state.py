"""Webhook state in System State: the webhook's info (encrypted MAC secret), its cursor, quiet run logs.

Entries per webhook (their keys share a prefix, so one request reads them all):
  webhook:<id>                 JSON: url, spec hash, our token's user id, encrypted MAC secret, status
  webhook:<id>:cursor          the next payload to process
  webhook:<id>:runs:<process>  JSON list: quiet successful runs of one app process not yet in Automation Runs
  webhook:<id>:lease           (older versions: a lease; no longer used, deleted with the webhook)
The cursor and the process's runs entry are saved in one request at the end of a ping's processing (with
the other System State rows the ping's automations left to it: today's AI spend).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from automation.events.accounting import bookkept
from automation.models import StateEntry

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway

PREFIX = "webhook:"


def info_key(webhook_id: str) -> str:
    return f"{PREFIX}{webhook_id}"


def cursor_key(webhook_id: str) -> str:
    return f"{PREFIX}{webhook_id}:cursor"


def lease_key(webhook_id: str) -> str:
    return f"{PREFIX}{webhook_id}:lease"


def runs_key(webhook_id: str, process: str) -> str:
    return f"{PREFIX}{webhook_id}:runs:{process}"


def _json(entry: StateEntry | None) -> dict[str, Any]:
    try:
        value = json.loads(entry.value or "{}") if entry else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass
class WebhookState:
    """What System State says about one webhook (entries may be missing: a half-registered webhook)."""

    webhook_id: str
    info: StateEntry | None = None
    cursor_entry: StateEntry | None = None
    lease_entry: StateEntry | None = None
    runs: dict[str, StateEntry] = field(default_factory=dict)  # process -> its quiet runs entry
    data: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data = _json(self.info)

    @property
    def cursor(self) -> int:
        try:
            return max(1, int((self.cursor_entry.value or "1") if self.cursor_entry else 1))
        except ValueError:
            return 1


def _group(entries: list[StateEntry]) -> dict[str, WebhookState]:
    parts: dict[str, dict[str, StateEntry]] = {}
    for e in entries:
        key = e.key or ""
        if not key.startswith(PREFIX):
            continue
        wid, _, kind = key[len(PREFIX) :].partition(":")
        parts.setdefault(wid, {})[kind or "info"] = e
    return {
        wid: WebhookState(
            wid,
            p.get("info"),
            p.get("cursor"),
            p.get("lease"),
            {k.partition(":")[2]: e for k, e in p.items() if k.startswith("runs:")},
        )
        for wid, p in parts.items()
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
        """Store a new webhook's entries in one upsert on Key (idempotent)."""
        now = datetime.now(UTC)
        rows = [
            {"key": info_key(webhook_id), "value": json.dumps(data, sort_keys=True), "updated_at": now},
            {"key": cursor_key(webhook_id), "value": str(cursor), "updated_at": now},
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
        entries = (state.info, state.cursor_entry, state.lease_entry, *state.runs.values())
        ids = [e.id for e in entries if e is not None]
        if ids:
            self.gw.delete(StateEntry, ids)

    # ---- progress: the cursor and a process's quiet runs, in one request ----

    @bookkept
    def save_progress(
        self,
        webhook_id: str,
        cursor: int | None,
        quiet: list[dict[str, Any]] | None,
        process: str,
        extra: list[dict[str, Any]] | None = None,
    ) -> None:
        """Upsert on Key: the cursor (when given), this process's quiet-runs entry (when given) and the
        ping's other System State rows (`extra`: today's AI spend), one request for all."""
        now = datetime.now(UTC)
        rows: list[dict[str, Any]] = list(extra or [])
        if cursor is not None:
            rows.append({"key": cursor_key(webhook_id), "value": str(cursor), "updated_at": now})
        if quiet is not None:
            value = json.dumps(quiet, sort_keys=True, separators=(",", ":"))
            rows.append({"key": runs_key(webhook_id, process), "value": value, "updated_at": now})
        if rows:
            self.gw.upsert(StateEntry, rows, merge_on=["key"])

    @bookkept
    def clear_runs(self, state: WebhookState, processes: list[str]) -> None:
        """Delete the quiet-runs entries of these processes (after they went to Automation Runs)."""
        ids = [state.runs[p].id for p in processes if p in state.runs]
        if ids:
            self.gw.delete(StateEntry, ids)
