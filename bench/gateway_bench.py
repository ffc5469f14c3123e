"""Gateway benchmark: Airtable API calls per operation against the lower bound, and rate-limiter spacing.

Runs against the local Airtable-compatible server over real HTTP. Usage:
    .venv/bin/python -m bench.gateway_bench            # prints a Markdown report (bench/RESULTS-gateway.md)
"""

from __future__ import annotations

import math
import statistics
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from automation.airtable.gateway import Gateway
from automation.airtable.transport import RetryPolicy
from automation.config import Config
from automation.models import Lead, Setting
from automation.run_context import run_scope
from scripts.localbase.testing import LocalBaseServer
from tests.gateway.base_builder import TOKEN, build_base


def _gateway(url: str, base_id: str, rate: float) -> Gateway:
    config = Config(
        _env_file=None, airtable_api_key=TOKEN, airtable_base_id=base_id, airtable_endpoint_url=url,
        airtable_rate_per_s=rate, airtable_timeout_s=10,
    )  # fmt: skip
    return Gateway(config, policy=RetryPolicy(first_delay=0.2))


def _calls(op: Callable[[], Any]) -> tuple[int, float]:
    with run_scope("bench", "Manual", budget_s=600) as run:
        started = time.perf_counter()
        op()
        return run.api_calls, time.perf_counter() - started


def api_calls_table(srv: Any) -> list[tuple[str, int, int, float]]:
    """(operation, calls, lower bound, seconds) for the operations every job is made of."""
    bid = srv.create_base("bench calls")
    build_base(srv.url, bid)
    gw = _gateway(srv.url, bid, rate=0)
    gw.schema_map()
    rows: list[tuple[str, int, int, float]] = []

    def record(name: str, bound: int, op: Callable[[], Any]) -> Any:
        out: list[Any] = []
        calls, secs = _calls(lambda: out.append(op()))
        rows.append((name, calls, bound, secs))
        return out[0]

    leads = record("create 250 leads", 25, lambda: gw.create(Lead, [{"name": f"L{i}"} for i in range(250)]))
    record("read all 250 leads", 3, lambda: gw.all(Lead))
    record("read 250 leads, 2 fields", 3, lambda: gw.all(Lead, fields=["name", "lead_score"]))
    record("read 1 lead by formula", 1, lambda: gw.all(Lead, formula={"name": "L7"}))
    ids = [lead.id for lead in leads]
    record("get_many 250 ids", 3, lambda: gw.get_many(Lead, ids))
    record("get_many 7 ids", 1, lambda: gw.get_many(Lead, ids[:7]))
    record("get 1 id", 1, lambda: gw.get(Lead, ids[0]))
    leads = record(
        "update 25 (all changed)", 3, lambda: gw.update(Lead, [(x, {"lead_score": 1}) for x in leads[:25]])
    )
    record(
        "update 25 (5 changed)",
        1,
        lambda: gw.update(Lead, [(x, {"lead_score": 1 + (i < 5)}) for i, x in enumerate(leads)]),
    )
    fresh = gw.all(Lead)
    record("update 250 (none changed)", 0, lambda: gw.update(Lead, [(x, {"name": x.name}) for x in fresh]))
    rows_s = [{"key": f"bench.k{i}", "value": str(i)} for i in range(30)]
    record("upsert 30 settings (new)", 3, lambda: gw.upsert(Setting, rows_s, merge_on=["key"]))
    record("upsert 30 settings (again)", 3, lambda: gw.upsert(Setting, rows_s, merge_on=["key"]))
    record("delete 250 leads", 25, lambda: gw.delete(Lead, ids))
    bid2 = srv.create_base("bench schema")
    build_base(srv.url, bid2)
    record("schema map (cold process)", 1, lambda: _gateway(srv.url, bid2, 0).schema_map())
    return rows


def spacing(srv: Any, rate: float, n: int, threads: int) -> dict[str, Any]:
    """n reads spread over `threads` threads sharing one base, against a server that enforces 5/s."""
    bid = srv.create_base(f"bench spacing {rate} {threads}")
    build_base(srv.url, bid)
    gw = _gateway(srv.url, bid, rate)
    gw.schema_map()
    srv.set_faults(rate_limit=5)
    srv.clear_requests()
    per_thread = n // threads
    counts: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        with run_scope("bench", "Manual", budget_s=600) as run:
            for _ in range(per_thread):
                gw.all(Lead, max_records=1)
        with lock:
            counts.append(run.api_calls)

    started = time.perf_counter()
    pool = [threading.Thread(target=work) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    srv.set_faults(rate_limit=0)
    log = [r for r in srv.requests() if r["path"].startswith(f"/v0/{bid}/")]
    times = sorted(float(r["time"]) if not isinstance(r["time"], str) else _epoch(r["time"]) for r in log)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    return {
        "rate": rate,
        "threads": threads,
        "requests": len(log),
        "useful": per_thread * threads,
        "429s": sum(1 for r in log if r["status"] == 429),
        "elapsed": elapsed,
        "per_s": len(log) / elapsed,
        "min_gap_ms": 1000 * min(gaps) if gaps else 0.0,
        "median_gap_ms": 1000 * statistics.median(gaps) if gaps else 0.0,
    }


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


def main() -> None:
    with LocalBaseServer(rate_limit=0) as srv:
        rows = api_calls_table(srv)
        spaced = [spacing(srv, 5, 60, 1), spacing(srv, 5, 60, 4), spacing(srv, 0, 60, 4)]
    print("## API calls per operation (local server, real HTTP)\n")
    print("| operation | calls | lower bound | ratio | time (s) |")
    print("|---|---:|---:|---:|---:|")
    for name, calls, bound, secs in rows:
        ratio = "—" if bound == 0 else f"{calls / bound:.2f}"
        print(f"| {name} | {calls} | {bound} | {ratio} | {secs:.2f} |")
    print(
        "\nLower bound: ceil(records / 100) per read, ceil(changed records / 10) per write, "
        "1 per schema read."
    )
    print("\n## Rate limiter (server enforces 5 requests/s per base)\n")
    print(
        "| client rate | threads | requests | 429s | elapsed (s) | achieved req/s | min gap (ms) "
        "| median gap (ms) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in spaced:
        rate = "off" if s["rate"] == 0 else f"{s['rate']:g}/s"
        print(
            f"| {rate} | {s['threads']} | {s['requests']} | {s['429s']} | {s['elapsed']:.2f} | "
            f"{s['per_s']:.2f} | {s['min_gap_ms']:.0f} | {s['median_gap_ms']:.0f} |"
        )
    assert all(math.isfinite(s["per_s"]) for s in spaced)


if __name__ == "__main__":
    main()
