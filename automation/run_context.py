"""One run's accounting (API calls, records read/written, problems, Shadow writes), per request context.

`run_scope()` binds a RunContext to the current context (a contextvar, not a module global), so concurrent
requests in one warm process each count their own calls. The gateway reports into `current_run()`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Literal

from automation.errors import RecordProblem

_log = logging.getLogger("automation.run")

Mode = Literal["Live", "Shadow", "Paused"]
MODES: tuple[str, ...] = ("Live", "Shadow", "Paused")

# Tables written even in Shadow mode: the run log and the machine's own state (cursors, counters).
ALWAYS_WRITTEN = frozenset({"runs", "system_state"})
# Runs a person waits on (an Airtable Automation script's fetch, a page, a form post): paced before the rest.
URGENT_TRIGGERS = frozenset({"Trigger", "Manual"})


@dataclass(frozen=True)
class IntendedWrite:
    """A write Shadow mode did not make: operation, table key, record id (None: a create), fields by key."""

    op: Literal["create", "upsert", "update", "delete"]
    table: str
    record_id: str | None
    fields: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        """For the Automation Runs record: which fields, never their (client) content."""
        return {"op": self.op, "table": self.table, "record": self.record_id, "fields": sorted(self.fields)}


@dataclass
class RunContext:
    """What one invocation did to the base; the run log writer turns it into an Automation Runs record."""

    job: str
    trigger: str
    mode: Mode = "Live"
    deadline: float = field(default_factory=lambda: time.monotonic() + 20.0)  # time.monotonic() value
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    api_calls: int = 0
    records_read: int = 0
    records_written: int = 0
    problems: list[RecordProblem] = field(default_factory=list)
    intended_writes: list[IntendedWrite] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)  # e.g. AI tokens and cost; never content
    kept: frozenset[str] = frozenset()  # tables written in every mode for now (`keeping`)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _token: Token[RunContext | None] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown automation mode {self.mode!r}; expected one of {', '.join(MODES)}")

    @property
    def shadow(self) -> bool:
        return self.mode == "Shadow"

    @property
    def urgent(self) -> bool:
        """A person waits on this run's answer (an Airtable Automation's script, a page, a form): its
        Airtable calls go before those of background runs (webhooks, crons) in this process."""
        return self.trigger in URGENT_TRIGGERS

    def time_left(self) -> float:
        """Seconds left before the deadline (negative once it has passed)."""
        return self.deadline - time.monotonic()

    def count(self, *, api_calls: int = 0, records_read: int = 0, records_written: int = 0) -> None:
        """Add to the counters (thread-safe: a job may fan out over threads that share its run)."""
        with self._lock:
            self.api_calls += api_calls
            self.records_read += records_read
            self.records_written += records_written

    def add_metric(self, name: str, value: float) -> None:
        """Add to a named number the run record lists under "metrics" (thread-safe)."""
        with self._lock:
            self.metrics[name] = round(self.metrics.get(name, 0) + value, 6)

    def report(self, problem: RecordProblem) -> None:
        """A record was skipped; the run goes on and its record says why."""
        with self._lock:
            self.problems.append(problem)

    def intend(self, write: IntendedWrite) -> None:
        with self._lock:
            self.intended_writes.append(write)

    def writes_to(self, table_key: str) -> bool:
        """Whether a write to this table is really made (Shadow mode records it instead)."""
        return not self.shadow or table_key in ALWAYS_WRITTEN or table_key in self.kept

    @contextmanager
    def keeping(self, *table_keys: str) -> Iterator[None]:
        """Within: writes to these tables are made in Shadow mode too. For what a person outside gave us
        (a website enquiry): Shadow previews what the automations would do, it must not lose her data."""
        before = self.kept
        self.kept = before | frozenset(table_keys)
        try:
            yield
        finally:
            self.kept = before

    def close(self) -> None:
        """Unbind this run from the context (done by `with run_scope(...)` on exit)."""
        if self._token is not None:
            _current.reset(self._token)
            self._token = None

    def __enter__(self) -> RunContext:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


_current: ContextVar[RunContext | None] = ContextVar("leadership_os_run", default=None)


def run_scope(
    job: str,
    trigger: str,
    mode: Mode = "Live",
    *,
    budget_s: float | None = None,
    deadline: float | None = None,
) -> RunContext:
    """Start a run and bind it to the current context; use as `with run_scope(...) as run:` or call close().

    `deadline` is a time.monotonic() value; `budget_s` sets it relative to now (default 20 s).
    """
    if deadline is None:
        deadline = time.monotonic() + (20.0 if budget_s is None else budget_s)
    run = RunContext(job=job, trigger=trigger, mode=mode, deadline=deadline)
    run._token = _current.set(run)
    return run


def current_run() -> RunContext | None:
    """The run bound to this context, or None outside any run (scripts, tests)."""
    return _current.get()


def report(problem: RecordProblem) -> None:
    """Into the current run's problems; outside a run (a script) as a logged warning; never fatal."""
    run = _current.get()
    if run is not None:
        run.report(problem)
    else:
        _log.warning("record skipped: %s", problem)
