"""The run context is per request context (contextvar), counts thread-safely and knows Shadow mode."""

from __future__ import annotations

import contextvars
import threading

import pytest

from automation.errors import RecordProblem
from automation.run_context import current_run, run_scope


def test_run_scope__binds_and_unbinds_the_run() -> None:
    assert current_run() is None
    with run_scope("score", "Webhook") as run:
        assert current_run() is run
        with run_scope("inner", "Manual") as inner:
            assert current_run() is inner
        assert current_run() is run
    assert current_run() is None


def test_run_scope__concurrent_contexts_count_separately() -> None:
    results: dict[str, int] = {}

    def job(name: str, calls: int) -> None:
        with run_scope(name, "Cron") as run:
            for _ in range(calls):
                current_run().count(api_calls=1)  # type: ignore[union-attr]
            results[name] = run.api_calls

    threads = [
        threading.Thread(target=contextvars.copy_context().run, args=(job, f"j{i}", i)) for i in range(5)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {f"j{i}": i for i in range(5)}


def test_run_context__counts_problems_and_shadow() -> None:
    with run_scope("x", "Manual", mode="Shadow", budget_s=5) as run:
        run.count(api_calls=2, records_read=250)
        run.report(RecordProblem("leads", "rec1", "lead_score", "abc", "not a number"))
        assert (run.api_calls, run.records_read, len(run.problems)) == (2, 250, 1)
        assert (
            run.shadow
            and not run.writes_to("leads")
            and run.writes_to("runs")
            and run.writes_to("system_state")
        )
        assert 0 < run.time_left() <= 5


def test_run_context__unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="mode"):
        run_scope("x", "Manual", mode="Dry")  # type: ignore[arg-type]
    assert current_run() is None
