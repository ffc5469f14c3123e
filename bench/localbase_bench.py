"""Benchmark of the local Airtable server: start-up, list and batch-create throughput, 50k-record memory.

Runs the server as its own process (``python -m scripts.localbase``) so that its RSS is measured alone, and
drives it over real HTTP with pyairtable, as the tests and the demo do. Writes bench/RESULTS-localbase.md.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import requests
from pyairtable import Api

from scripts.localbase.testing import LocalBaseProcess, run_subprocess

TOKEN = "patLocalbaseBench.0001"
RECORDS = 50_000  # the Team plan's record limit per base
FIRST = 5_000  # created by one client; the rest by four
RESULTS = Path(__file__).with_name("RESULTS-localbase.md")
STATUSES = ("Lead", "Active", "Done")
FIELDS = [
    {"name": "Name", "type": "singleLineText"},
    {"name": "Email", "type": "email"},
    {"name": "Status", "type": "singleSelect", "options": {"choices": [{"name": s} for s in STATUSES]}},
    {"name": "Score", "type": "number", "options": {"precision": 0}},
    {"name": "Start", "type": "date", "options": {"dateFormat": {"name": "iso"}}},
    {"name": "Notes", "type": "multilineText"},
]
NOTES = "Met at the leadership summit; wants a six-month programme. " * 2


def record(i: int) -> dict[str, Any]:
    """A realistic client row (about 250 bytes of cell values)."""
    start = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
    return {
        "Name": f"Client {i:05d}",
        "Email": f"client{i}@example.com",
        "Status": STATUSES[i % 3],
        "Score": i % 100,
        "Start": start,
        "Notes": NOTES,
    }


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def make_table(proc: LocalBaseProcess, name: str) -> Any:
    body = {"name": name, "tables": [{"name": "Clients", "fields": FIELDS}]}
    resp = requests.post(f"{proc.url}/_local/bases", json=body, timeout=30)
    resp.raise_for_status()
    return client(proc).table(resp.json()["id"], "Clients")


def client(proc: LocalBaseProcess) -> Api:
    return Api(TOKEN, endpoint_url=proc.url, timeout=(5, 60))


def main() -> int:
    rows: list[tuple[str, str]] = []

    starts = []
    for _ in range(5):
        seconds, proc = timed(lambda: run_subprocess(port=0))
        proc.stop()
        starts.append(seconds * 1000)
    rows.append(
        (
            "start-up to ready line (5 runs)",
            f"median {statistics.median(starts):.0f} ms, max {max(starts):.0f} ms",
        )
    )

    with run_subprocess(port=0, rate_limit=0) as proc:
        pid = proc.proc.pid
        rss_empty = rss_mb(pid)
        table = make_table(proc, "Bench")

        seconds, _ = timed(lambda: table.batch_create([record(i) for i in range(FIRST)]))
        calls = FIRST // 10
        rows.append(
            (
                f"batch_create {FIRST:,} records ({calls} requests, 1 client)",
                f"{FIRST / seconds:,.0f} records/s, {seconds / calls * 1000:.1f} ms/request",
            )
        )

        def fill(chunk: range) -> None:
            client(proc).table(table.base.id, "Clients").batch_create([record(i) for i in chunk])

        step = (RECORDS - FIRST) // 4
        chunks = [range(FIRST + k * step, FIRST + (k + 1) * step) for k in range(4)]
        with ThreadPoolExecutor(4) as pool:
            seconds, _ = timed(lambda: list(pool.map(fill, chunks)))
        rows.append(
            (
                f"batch_create {RECORDS - FIRST:,} records (4 clients at once)",
                f"{(RECORDS - FIRST) / seconds:,.0f} records/s",
            )
        )

        rss_full = rss_mb(pid)
        per_record = (rss_full - rss_empty) * 1024 * 1024 / RECORDS
        rows.append(
            (
                f"server RSS, empty → {RECORDS:,} records",
                f"{rss_empty:.0f} MB → {rss_full:.0f} MB ({per_record:,.0f} B/record)",
            )
        )

        seconds, pages = timed(lambda: list(table.iterate()))
        assert sum(len(p) for p in pages) == RECORDS
        rows.append(
            (
                f"iterate all {RECORDS:,} records ({len(pages)} pages of 100)",
                f"{RECORDS / seconds:,.0f} records/s, {seconds / len(pages) * 1000:.1f} ms/page",
            )
        )

        seconds, _ = timed(table.first)
        rows.append((f"first() on the {RECORDS:,}-record table", f"{seconds * 1000:.1f} ms"))

        seconds, got = timed(lambda: table.all(formula="AND({Status} = 'Active', {Score} >= 95)"))
        rows.append(
            (f"filterByFormula over {RECORDS:,} records", f"{seconds * 1000:.0f} ms ({len(got)} matches)")
        )

        seconds, _ = timed(lambda: table.all(sort=["-Score", "Name"], max_records=100))
        rows.append((f"sort {RECORDS:,} records by 2 fields, first 100", f"{seconds * 1000:.0f} ms"))

        small = make_table(proc, "Small")
        small.batch_create([record(i) for i in range(250)])
        seconds, _ = timed(lambda: [small.first() for _ in range(200)])
        rows.append(
            ("list 1 record of a 250-record table (200 requests)", f"{seconds / 200 * 1000:.2f} ms/request")
        )
        seconds, _ = timed(lambda: [list(small.iterate()) for _ in range(20)])
        rows.append(("iterate 250 records (3 pages), 20 times", f"{seconds / 20 * 1000:.1f} ms each"))
        rss_end = rss_mb(pid)

    write_results(rows, rss_end)
    print(RESULTS.read_text())
    return 0


def write_results(rows: list[tuple[str, str]], rss_end: float) -> None:
    machine = f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}"
    lines = [
        "# Local Airtable server benchmark",
        "",
        f"`python -m bench.localbase_bench` on {time.strftime('%Y-%m-%d')}, {machine}.",
        "The server runs as its own process (`python -m scripts.localbase --rate-limit 0`, SQLite in memory)",
        "and is driven over real HTTP by pyairtable 3.5, as the tests and the demo drive it. RSS is read",
        "from /proc for the server process only.",
        "",
        "| measurement | result |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in rows],
        "",
        f"Server RSS at the end of the run: {rss_end:.0f} MB (Python keeps what the full-table",
        "scans for filtering and sorting allocated, for reuse).",
        "",
        "A request costs about a millisecond of server time here, so the server is not what makes the demo",
        "or the tests slow: Airtable's own 5 requests/second per base is the real ceiling, and the server",
        "enforces it by default. Filtering and sorting scan the table in Python, linear in its size; at the",
        "Team plan's 50,000 records that is a few hundred milliseconds per filtered list.",
        "",
    ]
    RESULTS.write_text("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
