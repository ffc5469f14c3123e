"""Health benchmark: the daily health job over N clients (API calls against the lower bound), and the calls
one session change costs on the webhook path.

Runs against the local Airtable-compatible server over real HTTP. Usage:
    .venv/bin/python -m bench.health_bench [N]       # prints Markdown; writes bench/RESULTS-health.md (N=50)

Lower bound of the daily job: one page read per 100 records of each table it needs (Clients, the lookback's
Coaching Sessions, Action Items and Invoices, Packages) + ceil(changed / 10) writes of Clients.
"""

from __future__ import annotations

import math
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from automation.events.runner import run_automations
from automation.health.daily import health_daily
from automation.models import ActionItem, Client, Invoice, Package, Session
from bench.headline import record
from bench.leads_bench import per_table
from bench.results_file import write_results
from scripts.localbase.testing import LocalBaseServer
from tests.leads.http_world import World, make_world

NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
TABLES = {
    "Clients": "clients",
    "Coaching Sessions": "sessions",
    "Action Items": "items",
    "Invoices": "invoices",
    "Packages": "packages",
}


def at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=10)


def populate(world: World, n: int, seed: int = 13, history_days: int = 120) -> dict[str, int]:
    """n clients: most on cadence, some drifting (fewer sessions, low ratings, late invoices, open items),
    with sessions going back `history_days` (the job reads only its lookback, whatever the history)."""
    rng = random.Random(seed)
    gw, today = world.gw, NOW.date()
    packages = gw.create(
        Package, [{"name": "Monthly", "sessions_per_month": 2}, {"name": "Weekly", "sessions_per_month": 4}]
    )
    clients = gw.create(
        Client,
        [
            {
                "name": f"Client {i:03d}",
                "email": f"client{i:03d}@example.com",
                "status": "Paused" if i % 17 == 0 else "Active",
                "start_date": today - timedelta(days=rng.randint(20, 700)),
                "package": [packages[i % 2].id],
                **({"baseline": 3, "goal": 8, "current": rng.randint(3, 8)} if i % 4 == 0 else {}),
            }
            for i in range(n)
        ],
    )
    sessions, items, invoices = [], [], []
    for i, c in enumerate(clients):
        gap = rng.choice([7, 14, 14, 14, 21, 30])
        last = rng.choice([1, 3, 5, 10, 20, 50])
        for d in range(last, history_days, gap):
            sessions.append(
                {
                    "client": [c.id],
                    "session_date": at(today - timedelta(days=d)),
                    "status": rng.choice(["Completed"] * 9 + ["Cancelled"]),
                    "satisfaction": rng.choice([5, 5, 5, 4, 4, 3, 2]) if rng.random() < 0.8 else None,
                }
            )
        for k in range(rng.randint(0, 4)):
            items.append(
                {
                    "description": f"Item {k}",
                    "client": [c.id],
                    "assigned_to": "Client",
                    "due_date": today - timedelta(days=rng.randint(-10, 80)),
                    "status": rng.choice(["Complete", "Complete", "Open", "In Progress"]),
                    "tentative": rng.random() < 0.15,
                }
            )
        for k in range(rng.randint(1, 3)):
            due = today - timedelta(days=30 * k + rng.randint(-5, 40))
            paid = rng.random() < 0.8
            invoices.append(
                {
                    "invoice_number": f"INV-{i:03d}-{k}",
                    "client": [c.id],
                    "due_date": due,
                    "status": "Paid" if paid else "Sent",
                }
            )
    gw.create(Session, sessions)
    gw.create(ActionItem, items)
    gw.create(Invoice, invoices)
    return {"sessions": len(sessions), "items": len(items), "invoices": len(invoices)}


def in_scope(world: World) -> dict[str, int]:
    """Records of each table the daily job must read (what its listings return), for the lower bound."""
    ctx = world.ctx(now=NOW, job="bench-scope")
    with ctx.run:
        from automation.health.facts import read_all

        clients, rows = read_all(ctx, ["Active", "Paused"])
    return {"Clients": len(clients), **{name: len(rows[key]) for name, key in TABLES.items() if key in rows}}


def run_day(world: World, label: str, now: datetime, scope: dict[str, int]) -> dict[str, Any]:
    since = world.server.mark()
    ctx = world.ctx(now=now, budget_s=900, job="health-daily")
    started = time.perf_counter()
    with ctx.run:
        summary = health_daily(ctx)
    secs = time.perf_counter() - started
    calls = per_table(world, since)
    changed = summary["clients_written"]
    reads = sum(calls[("GET", t)] for t in TABLES)
    bound_reads = sum(math.ceil(scope[t] / 100) or 1 for t in TABLES)
    writes = calls[("PATCH", "Clients")]
    other = {f"{m} {t}": c for (m, t), c in sorted(calls.items()) if t not in TABLES or m not in ("GET",)}
    other.pop("PATCH Clients", None)
    return {
        "day": label,
        "changed": changed,
        "reads": reads,
        "bound_reads": bound_reads,
        "writes": writes,
        "bound_writes": math.ceil(changed / 10),
        "other": other,
        "total": ctx.run.api_calls,
        "secs": secs,
    }


def one_event(world: World, rating: int) -> dict[str, Any]:
    """A completed session of a scored client is rated: the calls of the automations on the webhook path."""
    gw = world.gw
    client = next(c for c in gw.all(Client) if c.status == "Active" and c.risk_level != "High")
    session = gw.create(
        Session,
        [
            {
                "client": [client.id],
                "session_date": at(NOW.date()),
                "status": "Completed",
                "satisfaction": rating,
            }
        ],
    )[0]
    since = world.server.mark()
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "sessions", [session.id], {session.id: {"satisfaction"}})
    calls = per_table(world, since)
    return {"calls": dict(calls), "total": ctx.run.api_calls}


def main(n: int = 50, history_days: int = 120) -> str:
    with LocalBaseServer(rate_limit=0) as srv, tempfile.TemporaryDirectory() as tmp:
        world = make_world(srv, Path(tmp))
        world.gw.schema_map()
        made = populate(world, n, history_days=history_days)
        scope = in_scope(world)
        days = [
            run_day(world, "first run (nothing scored yet)", NOW, scope),
            run_day(world, "same day again", NOW, scope),
            run_day(world, "next day (time passes)", NOW + timedelta(days=1), scope),
        ]
        events = [one_event(world, 4), one_event(world, 5)]
    return report(n, made, scope, days, events, history_days)


def report(
    n: int,
    made: dict[str, int],
    scope: dict[str, int],
    days: list[dict[str, Any]],
    events,
    history_days: int = 120,
) -> str:
    command = f"python -m bench.health_bench {n}" + (f" {history_days}" if history_days != 120 else "")
    lines = [
        f"# Health benchmark ({date.today().isoformat()})",
        "",
        f"`{command}`: the `health-daily` job over {n} clients "
        f"({made['sessions']} sessions, {made['items']} action items, {made['invoices']} invoices "
        "in the base; "
        f"in the job's scope: " + ", ".join(f"{k} {v}" for k, v in scope.items()) + ") on the local server "
        "over real HTTP.",
        "Lower bound: one page per 100 records of each table read (Clients, Coaching Sessions, Action Items, "
        "Invoices, Packages) + ceil(changed/10) writes of Clients.",
        "",
        "| run | clients changed | reads (bound) | Clients writes (bound) | other calls (alerts) "
        "| total calls | seconds (no rate limit) |",
        "|---|---|---|---|---|---|---|",
    ]
    for d in days:
        record(
            "health_bench",
            "health-daily",
            d["day"],
            d["total"],
            d["bound_reads"] + d["bound_writes"],
            d["secs"],
            scale=f"{n} clients, {made['sessions']} sessions",
            typical=d["day"].startswith("next day"),
        )
        other = ", ".join(f"{k}: {v}" for k, v in d["other"].items()) or "-"
        lines.append(
            f"| {d['day']} | {d['changed']} | {d['reads']} ({d['bound_reads']}) | {d['writes']} "
            f"({d['bound_writes']}) | {other} | {d['total']} | {d['secs']:.1f} |"
        )
    lines.append("")
    for label, event in zip(("cold instance", "warm instance (packages cached)"), events, strict=True):
        ev = ", ".join(f"{m} {t}: {c}" for (m, t), c in sorted(event["calls"].items()))
        lines.append(
            f"* One completed session rated, webhook path, {label} (the runner's read of the session, the "
            f"health automation; without the ping's payload and cursor calls): {event['total']} calls ({ev})."
        )
    lines += [
        "",
        "Notes:",
        "* Reads: one listing per table, limited to the lookback (90 days) and to the fields the score "
        "reads; the five listings overlap. Writes: only clients whose fields changed, 10 per request.",
        "* Other calls are the alerts: each entering-High or 10-point drop stores one Slack message (its "
        "dedupe-key read and the create); the job then delivers them together (one claim per 10, one "
        "read-back, the results). The first run alerts every client it finds High, once; the same day again "
        "alerts nobody.",
        "* The next day rewrites the clients whose points moved with time (a session further back, an "
        "invoice longer overdue); the evidence names dates rather than ages, so a steady client is not "
        "rewritten.",
        "* The webhook path reads the client, then its sessions, action items and invoices together (by the "
        "client's links; the changed record itself is not read again), the packages from a 60 s per-instance "
        "cache, and writes the client once. The session-dates automation of the sessions capability reads "
        "the same client and sessions again (not counted here): sharing those reads would save two calls.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    text = main(size, int(sys.argv[2]) if len(sys.argv) > 2 else 120)
    print(text)
    if size == 50:
        write_results(Path(__file__).parent / "RESULTS-health.md", text)
