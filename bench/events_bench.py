"""Events benchmark: Airtable API calls per event over a realistic mix, ping-to-write-back latency with
150 ms of injected Airtable latency, and the cold-start import time of api/index.py.

    python -m bench.events_bench            (about two minutes; results go in bench/RESULTS-events.md)

Everything runs for real: the local Airtable-compatible server in this process, the app as a uvicorn
process, changes made by a second token (a person), pings sent by the server after each commit.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from automation import registry
from scripts.localbase.testing import LocalBaseServer
from tests.events.harness import World, wait_for

ROOT = Path(__file__).resolve().parents[1]
HYGIENE = ("automation.leads.hygiene",)


def idle(world: World, quiet_s: float = 0.6, timeout: float = 60) -> None:
    """Wait until the app has made no request for `quiet_s` (all pings of the last change handled)."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        n = len(world.app_requests())
        if n != last:
            last, since = n, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return
        time.sleep(0.05)
    raise RuntimeError("the app never went idle")


def _kind(world: World, request: dict) -> str:
    path = request["path"]
    if "/webhooks" in path:
        return "payload list" if path.endswith("/payloads") else "webhook admin"
    names = {world.table_id(n): n for n in ("System State", "Settings", "Automation Runs")}
    for table_id, name in names.items():
        if table_id in path:
            return {
                "System State": "state (lease, cursor)",
                "Settings": "settings",
                "Automation Runs": "run log",
            }[name]
    if "/meta/" in path:
        return "schema / whoami"
    return "business read" if request["method"] == "GET" else "business write"


def day_of_changes(world: World) -> tuple[int, int]:
    """A working day in miniature; returns (events, events on fields some automation reads)."""
    leads, deals = world.table("Leads"), world.table("Deals")
    events = watched = 0

    def step(n: int, is_watched: bool = True) -> None:
        nonlocal events, watched
        events += n
        watched += n if is_watched else 0
        idle(world)

    made = []
    for i in range(8):  # form submissions
        made.append(
            leads.create(
                {
                    "Name": f" Lead {i} ",
                    "Email": f"Lead{i}@Corp{i}.com",
                    "Company": f"Corp {i}",
                    "Title": "VP People",
                    "Lead Source": "Website",
                    "Company Size": 200 + i,
                    "Timeline": "1-3 months",
                }
            )["id"]
        )
        step(1)
    for i, rid in enumerate(made[:6]):  # the coach edits one lead at a time
        leads.update(rid, {"Title": "Chief People Officer"} if i % 2 else {"Replies": 1})
        step(1)
    leads.batch_update([{"id": rid, "fields": {"Lead Source": "Referral"}} for rid in made[:8]])  # bulk edit
    more = leads.batch_create([{"Name": f"Imported {i}", "Phone": "1"} for i in range(2)])
    leads.batch_update([{"id": r["id"], "fields": {"Lead Source": "Referral"}} for r in more])
    step(10)
    deal_ids = [
        deals.create({"Deal Name": f"Deal {i}", "Pipeline Stage": "Prospect", "Deal Value": 5000})["id"]
        for i in range(2)
    ]
    step(2)
    for did in deal_ids:
        deals.update(did, {"Pipeline Stage": "Proposal"})
        step(1)
    for rid in made[:4]:  # fields nobody watches: Airtable does not even ping
        leads.update(rid, {"Notes": "called, left a message"})
        step(1, is_watched=False)
    return events, watched


def calls_per_event(catalog: tuple[str, ...]) -> dict:
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        world = World(srv, catalog=catalog)
        try:
            srv.set_faults(drop_notifications=False)
            warm = world.table("Leads").create({"Name": "Warm", "Email": "warm@x.io"})["id"]
            idle(world)
            srv.clear_requests()
            events, watched = day_of_changes(world)
            calls = world.app_requests()
            pings = len([r for r in calls if r["path"].endswith("/payloads")])
            return {
                "events": events,
                "watched": watched,
                "calls": len(calls),
                "by kind": Counter(_kind(world, r) for r in calls),
                "payload lists": pings,
                "warm": warm,
            }
        finally:
            world.close()


def latency(catalog: tuple[str, ...], samples: int = 20, latency_ms: int = 150) -> dict:
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        world = World(srv, catalog=catalog)
        try:
            leads, leads_id = world.table("Leads"), world.table_id("Leads")
            ids = [
                r["id"]
                for r in leads.batch_create([{"Name": f"L{i}", "Phone": "1"} for i in range(samples + 2)])
            ]
            srv.set_faults(drop_notifications=False, latency_ms=latency_ms)
            times, cold = [], None
            for i, rid in enumerate(ids):
                before = len(world.app_requests("PATCH", leads_id))
                leads.update(rid, {"Email": f"Sample{i}@X.IO"})
                t0 = time.monotonic()
                wait_for(
                    lambda b=before: len(world.app_requests("PATCH", leads_id)) > b,
                    timeout=30,
                    what="write-back",
                )
                if i == 0:  # a fresh instance: schema, MAC secret and settings not cached yet
                    cold = time.monotonic() - t0
                if i >= 2:
                    times.append(time.monotonic() - t0)
                idle(world, quiet_s=0.8)
            q = statistics.quantiles(times, n=20)
            return {
                "samples": len(times),
                "p50": statistics.median(times),
                "p95": q[18],
                "max": max(times),
                "cold": cold,
            }
        finally:
            world.close()


def import_times(runs: int = 7) -> dict:
    def one(stmt: str) -> float:
        code = f"import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"
        return float(
            subprocess.run(
                [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
        )

    sdks = "('openai', 'stripe', 'sendgrid', 'slack_sdk')"
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, api.index; print(','.join(m for m in {sdks} if m in sys.modules))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    out = {}
    for label, stmt in [("fastapi", "import fastapi"), ("api.index", "import api.index")]:
        out[label] = statistics.median(one(stmt) for _ in range(runs))
    out["heavy SDKs loaded"] = heavy or "none"
    return out


def main() -> None:
    print("== cold-start import (median of 7 fresh processes)")
    imp = import_times()
    print(
        f"   fastapi alone {imp['fastapi'] * 1000:.0f} ms; api/index.py {imp['api.index'] * 1000:.0f} ms; "
        f"heavy SDKs at import: {imp['heavy SDKs loaded']}"
    )
    for label, catalog in [("lead hygiene only", HYGIENE), ("full catalog", tuple(registry.CATALOG))]:
        print(f"== API calls per event, {label}")
        r = calls_per_event(catalog)
        print(
            f"   {r['events']} events ({r['watched']} on watched fields), {r['calls']} calls, "
            f"{r['payload lists']} payload lists: {r['calls'] / r['events']:.2f} per event, "
            f"{r['calls'] / r['watched']:.2f} per watched event"
        )
        for kind, n in sorted(r["by kind"].items(), key=lambda kv: -kv[1]):
            print(f"     {kind:24s} {n:4d}  ({n / r['events']:.2f}/event)")
    for label, catalog in [("lead hygiene only", HYGIENE), ("full catalog", tuple(registry.CATALOG))]:
        print(f"== ping-to-write-back latency, 150 ms per Airtable request, {label}")
        lat = latency(catalog)
        print(
            f"   warm n={lat['samples']} p50 {lat['p50'] * 1000:.0f} ms, p95 {lat['p95'] * 1000:.0f} ms, "
            f"max {lat['max'] * 1000:.0f} ms; first change on a fresh instance {lat['cold'] * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
