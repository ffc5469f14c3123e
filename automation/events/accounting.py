"""Bookkeeping I/O (System State, Settings) counts as API calls of the run, not as records it read/wrote.

The run record's "records read/written" then mean the coach's data, while "API calls" stays the true total.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from automation.run_context import current_run, run_scope

P = ParamSpec("P")
T = TypeVar("T")


@contextmanager
def bookkeeping() -> Iterator[None]:
    parent = current_run()
    if parent is None:
        yield
        return
    child = run_scope(parent.job, parent.trigger, parent.mode, deadline=parent.deadline)
    try:
        yield
    finally:
        child.close()
        parent.count(api_calls=child.api_calls)
        for problem in child.problems:
            parent.report(problem)


def bookkept(fn: Callable[P, T]) -> Callable[P, T]:
    """Decorator form of `bookkeeping()`."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        with bookkeeping():
            return fn(*args, **kwargs)

    return wrapper
