"""The run log: one Automation Runs record per run that changed something or failed (DESIGN.md §2.4)."""

from __future__ import annotations

import json
import logging
import threading
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal

from automation.models import Run

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway
    from automation.context import JobContext
    from automation.run_context import RunContext

log = logging.getLogger(__name__)

Outcome = Literal["Success", "Partial", "Failed"]
MAX_LISTED = 100  # problems / intended writes listed in one record
MAX_DETAILS = 90_000  # Airtable long text holds 100,000 characters


def outcome_of(run: RunContext, error: BaseException | None) -> Outcome:
    if error is not None:
        return "Failed"
    return "Partial" if run.problems else "Success"


def worth_recording(run: RunContext, outcome: Outcome) -> bool:
    """Runs that did nothing and failed nothing are not logged (the table would fill with noise)."""
    return outcome != "Success" or run.records_written > 0 or bool(run.intended_writes)


def _details(run: RunContext, extra: dict[str, Any] | None) -> str:
    body: dict[str, Any] = dict(extra or {})
    if run.problems:
        body["problems"] = [p.as_dict() for p in run.problems[:MAX_LISTED]]
        body["problems_total"] = len(run.problems)
    if run.metrics:
        body["metrics"] = dict(sorted(run.metrics.items()))
    if run.intended_writes:  # Shadow mode: what would have been written, field names only
        body["intended_writes"] = [w.as_dict() for w in run.intended_writes[:MAX_LISTED]]
        body["intended_writes_total"] = len(run.intended_writes)
    text = json.dumps(body, indent=1, sort_keys=True, default=str)
    return text if len(text) <= MAX_DETAILS else text[: MAX_DETAILS - 20] + "\n... (truncated)"


def write_run(
    gw: Gateway,
    run: RunContext,
    *,
    outcome: Outcome | None = None,
    error: BaseException | None = None,
    details: dict[str, Any] | None = None,
    force: bool = False,
) -> Run | None:
    """Write the run's record if it changed something or failed (or `force`); returns it. Failure records
    this instance could not write before go with it, or, for a run not worth a record, alone."""
    outcome = outcome or outcome_of(run, error)
    if not (force or worth_recording(run, outcome)):
        _write_unwritten(gw)
        return None
    ended = datetime.now(UTC)
    fields = {
        "run": f"{run.job} {run.started:%Y-%m-%d %H:%M:%S}",
        "job": run.job,
        "trigger": run.trigger,
        "started": run.started,
        "duration_ms": round((ended - run.started).total_seconds() * 1000),
        "records_read": run.records_read,
        "records_written": run.records_written,
        "api_calls": run.api_calls + 1,  # this write included
        "outcome": outcome,
        "mode": run.mode,
        "error": f"{type(error).__name__}: {error}"[:5000] if error is not None else None,
        "details": _details(run, details),
    }
    rows = [*_take_unwritten(), fields]
    try:
        *_, record = gw.create(Run, rows)
    except Exception:
        _keep_unwritten([r for r in rows if r["outcome"] != "Success"])
        log.exception("could not write the Automation Runs record for %s (%s)", run.job, outcome)
        raise
    return record


# Failure records Airtable refused (a 429 lockout, 5xx): kept by this instance and written with its next
# run record, so a failure is not only a log line (bounded: the oldest go first, each with its log line).
MAX_UNWRITTEN = 50
_unwritten: list[dict[str, Any]] = []
_unwritten_lock = threading.Lock()


def _take_unwritten() -> list[dict[str, Any]]:
    with _unwritten_lock:
        rows, _unwritten[:] = list(_unwritten), []
    return rows


def _keep_unwritten(rows: list[dict[str, Any]]) -> None:
    with _unwritten_lock:
        _unwritten[:] = [*_unwritten, *rows][-MAX_UNWRITTEN:]


def _write_unwritten(gw: Gateway) -> None:
    """A run that leaves no record of its own still writes the failures kept: they wait for no other run.
    Refused again, they are kept (the run itself succeeded: it does not fail for them)."""
    rows = _take_unwritten()
    if not rows:
        return
    try:
        gw.create(Run, rows)
    except Exception:
        _keep_unwritten(rows)
        log.exception("could not write %d kept failure records to Automation Runs", len(rows))


def record_run(
    ctx: JobContext,
    outcome: Outcome | None = None,
    error: BaseException | None = None,
    *,
    details: dict[str, Any] | None = None,
    force: bool = False,
) -> Run | None:
    """The contract's entry point: the run record of a job context."""
    problems = getattr(ctx, "settings_problems", None)
    if problems:
        details = {**(details or {}), "settings_problems": problems}
    return write_run(ctx.gateway, ctx.run, outcome=outcome, error=error, details=details, force=force)
