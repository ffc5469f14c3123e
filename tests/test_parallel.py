"""together(): independent reads at once, results in order, the first failure raised after all are done."""

from __future__ import annotations

import contextvars
import threading
import time

import pytest

from automation.parallel import together

_who = contextvars.ContextVar("who", default="nobody")


def test_together__results_in_task_order_and_the_tasks_overlap():
    barrier = threading.Barrier(3, timeout=2)  # passes only if the three run at the same time

    def task(n):
        def run():
            barrier.wait()
            return n

        return run

    assert together(task(1), task(2), task(3)) == [1, 2, 3]


def test_together__tasks_see_the_callers_context():
    _who.set("caller")
    assert together(_who.get, _who.get) == ["caller", "caller"]


def test_together__the_first_failure_is_raised_once_every_task_has_finished():
    done = []

    def slow():
        time.sleep(0.05)
        done.append("slow")
        return 1

    def boom():
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        together(boom, slow)
    assert done == ["slow"]
