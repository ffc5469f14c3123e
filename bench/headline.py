"""The figures `bench/report.py` puts on its one page (bench/RESULTS.md).

Each benchmark records its rows here while it measures (a job, a run, the Airtable calls counted in the local
server's request log, the lower bound as that benchmark defines it, the seconds), so the page is built from
the measurements themselves, not by reading the benchmarks' Markdown back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Row:
    bench: str  # the benchmark module, e.g. "leads_bench"
    job: str  # the cron job or operation
    run: str  # "first", "same day again", ...
    calls: int  # Airtable API calls counted in the server's request log
    bound: int | None  # the fewest calls that could do the same work (the benchmark's definition)
    seconds: float  # measured without a rate limit
    scale: str = ""  # what the base held
    typical: bool = False  # the run that stands for an ordinary day (used for the month's estimate)
    extra: dict[str, Any] = field(default_factory=dict)


ROWS: list[Row] = []


def record(bench: str, job: str, run: str, calls: int, bound: int | None, seconds: float, **kw: Any) -> None:
    ROWS.append(Row(bench, job, run, calls, bound, seconds, **kw))
