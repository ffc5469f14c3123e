"""A small in-memory stand-in for the gateway, for the runner's unit tests (integration tests use HTTP)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from automation.config import Config
from automation.context import JobContext
from automation.models import Record
from automation.run_context import IntendedWrite, run_scope
from automation.settings import BusinessSettings


class FakeGateway:
    """get_many / update with the gateway's contract: diff-aware, Shadow-aware, calls counted."""

    def __init__(self, *records: Record) -> None:
        self.rows: dict[str, Record] = {r.id: r for r in records}
        self.calls: list[tuple[str, str, int]] = []  # (op, table, n records)
        self.run = None

    def get_many(self, model: type[Record], ids: list[str]) -> list[Record]:
        self.calls.append(("read", model.TABLE.key, len(ids)))
        return [self.rows[i].model_copy() for i in ids if i in self.rows]

    def update(self, model: type[Record], updates: list[tuple[Record, dict[str, Any]]]) -> list[Record]:
        out = []
        changes = []
        for rec, fields in updates:
            diff = {k: v for k, v in fields.items() if getattr(rec, k) != v}
            if diff:
                changes.append((rec, diff))
        for i in range(0, len(changes), 10):
            self.calls.append(("write", model.TABLE.key, len(changes[i : i + 10])))
        for rec, diff in changes:
            if self.run is not None and self.run.shadow:
                self.run.intend(IntendedWrite("update", model.TABLE.key, rec.id, diff))
                out.append(rec.model_copy(update=diff))
                continue
            self.rows[rec.id] = self.rows[rec.id].model_copy(update=diff)
            self.run.count(records_written=1)
            out.append(self.rows[rec.id])
        return out

    def writes(self) -> list[tuple[str, str, int]]:
        return [c for c in self.calls if c[0] == "write"]


def make_ctx(gateway: FakeGateway, mode: str = "Live") -> JobContext:
    config = Config(_env_file=None, airtable_api_key="patTEST", airtable_base_id="appTEST")  # type: ignore[call-arg]
    run = run_scope("test", "Manual", mode)  # type: ignore[arg-type]
    gateway.run = run
    return JobContext(
        gateway=gateway,  # type: ignore[arg-type]
        config=config,
        settings=BusinessSettings(),
        now=datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
        run=run,
        deadline=run.deadline,
    )
