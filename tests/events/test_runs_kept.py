"""Failure records Airtable refused are kept by the instance and written by its next run, even a run that
leaves no record of its own (the catch-up that finds nothing left): every failure ends in Automation Runs."""

from __future__ import annotations

from typing import Any

import pytest

from automation.errors import AirtableUnavailable
from automation.events import runs
from automation.run_context import run_scope


class Runs:
    """create(Run, rows) as the gateway does; `refuse` answers like Airtable during a 429 lockout."""

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.created: list[dict[str, Any]] = []

    def create(self, model: Any, rows: list[dict[str, Any]]) -> list[Any]:
        if self.refuse:
            raise AirtableUnavailable("429", status=429, error_type="RATE_LIMIT_REACHED")
        self.created.extend(rows)
        return [object() for _ in rows]


@pytest.fixture(autouse=True)
def _nothing_kept():
    runs._take_unwritten()
    yield
    runs._take_unwritten()


def _run(job: str):
    run = run_scope(job, "Manual", "Live")  # type: ignore[arg-type]
    run.close()
    return run


def test_a_refused_failure_record_is_written_by_the_next_run_that_changed_nothing():
    with pytest.raises(AirtableUnavailable):
        runs.write_run(Runs(refuse=True), _run("webhook"), error=RuntimeError("503 from Airtable"))
    gw = Runs()
    assert runs.write_run(gw, _run("catch-up")) is None  # a quiet success: no record of its own
    assert [(r["job"], r["outcome"]) for r in gw.created] == [("webhook", "Failed")]
    assert runs.write_run(gw, _run("catch-up")) is None
    assert len(gw.created) == 1  # written once


def test_refused_again_the_kept_records_wait_and_the_quiet_run_does_not_fail_for_them():
    with pytest.raises(AirtableUnavailable):
        runs.write_run(Runs(refuse=True), _run("webhook"), error=RuntimeError("503"))
    assert runs.write_run(Runs(refuse=True), _run("catch-up")) is None  # no exception
    gw = Runs()
    runs.write_run(gw, _run("webhook"), error=RuntimeError("later"))
    assert [r["outcome"] for r in gw.created] == ["Failed", "Failed"]  # the kept one, then its own
