"""Independent Airtable reads, overlapped: each call costs a request time (100-300 ms), so reads that do not
depend on each other run together. The gateway is thread-safe and still spaces calls per base; each task
runs in a copy of the caller's context, so the run keeps counting its calls.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="reads")


def together(*tasks: Callable[[], Any]) -> list[Any]:
    """Run the tasks at once (the first in this thread) and return their results in order; the first
    exception raised (in task order) propagates after every task has finished."""
    if len(tasks) <= 1:
        return [t() for t in tasks]
    futures = [_pool.submit(contextvars.copy_context().run, t) for t in tasks[1:]]
    first: list[Any] = []
    error: BaseException | None = None
    try:
        first.append(tasks[0]())
    except BaseException as exc:  # noqa: BLE001 - re-raised below once the others are done
        error = exc
    rest = []
    for f in futures:
        try:
            rest.append(f.result())
        except BaseException as exc:  # noqa: BLE001
            error = error or exc
    if error is not None:
        raise error
    return [*first, *rest]
