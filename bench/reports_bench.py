"""Reports benchmark: Airtable calls of the daily brief, the weekly report, the dashboard and an associate's
page on the demo business scaled to 50 clients (local server, real HTTP), against the lower bound.

    .venv/bin/python -m bench.reports_bench [CLIENTS]   # prints Markdown; writes bench/RESULTS-reports.md

Lower bound: one listing per table read, ceil(matching rows / 100) pages each (a filter cannot make a page
hold more), plus, per message sent, its upsert and its Sent write. Anything above is Messages' compose
(the dedupe-key read and the recipient's screening reads of leads and clients) or the run's own log.
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from automation.models import ActionItem, Associate, Client, Invoice, Lead, Message, Session
from bench.headline import record
from bench.leads_bench import per_table
from bench.results_file import write_results
from scripts.localbase.testing import LocalBaseServer
from tests.gateway.base_builder import TOKEN
from tests.leads.http_world import World, make_world


def seed(world: World, n: int, now: datetime) -> None:
    from scripts import seed_demo

    env = {"AIRTABLE_API_KEY": TOKEN, "AIRTABLE_BASE_ID": world.base_id,
           "AIRTABLE_ENDPOINT_URL": world.server.url, "AIRTABLE_RATE_PER_S": "0"}  # fmt: skip
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        assert seed_demo.main(["--today", now.date().isoformat()]) == 0
    finally:
        for k, v in old.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    gw = world.gw
    have = len(gw.all(Client, fields=["name"]))
    associates = gw.all(Associate, fields=["name"])
    extra = gw.create(Client, [
        {"name": f"Scaled Client {i}", "email": f"scaled{i}@client.example", "status": "Active",
         "associate": [associates[i % len(associates)].id], "risk_level": "High" if i % 7 == 0 else "Low",
         "health_score": 40 if i % 7 == 0 else 80, "health_breakdown": "Cadence 1/4"}
        for i in range(max(0, n - have))
    ])  # fmt: skip
    gw.create(Session, [
        {"client": [c.id], "associate": c.associate, "status": "Scheduled",
         "session_date": now + timedelta(hours=6 + 24 * k)} for c in extra for k in range(2)
    ])  # fmt: skip
    gw.create(ActionItem, [
        {"client": [c.id], "description": "Draft the plan", "status": "Open",
         "due_date": now.date() - timedelta(days=2)} for c in extra
    ])  # fmt: skip
    gw.create(Invoice, [
        {"client": [c.id], "status": "Sent", "total": 600, "due_date": now.date() + timedelta(days=10),
         "date_created": now.date() - timedelta(days=3), "invoice_number": f"S-{i}"}
        for i, c in enumerate(extra)
    ])  # fmt: skip


def pages(n: int) -> int:
    return max(1, math.ceil(n / 100))


def brief_bound(world: World, now: datetime) -> int:
    gw = world.gw
    open_items = [i for i in gw.all(ActionItem) if i.status in ("Open", "In Progress")]
    leads = [x for x in gw.all(Lead) if x.status not in ("Converted", "Lost", "Unsubscribed")]
    invoices = [i for i in gw.all(Invoice) if i.status in ("Sent", "Overdue")]
    scheduled = [s for s in gw.all(Session) if s.status == "Scheduled"]
    drafts = [m for m in gw.all(Message) if m.status == "Draft"]
    reads = (pages(len(scheduled)) + pages(len(leads)) + pages(len(open_items)) + pages(len(gw.all(Client)))
             + pages(len(drafts)) + pages(len(invoices)) + 1 + 1)  # fmt: skip
    # ... the runs, the Settings rows (blank ones are said), and the associates who run today's or tomorrow's
    # sessions, named in it: one read when there are such sessions.
    reads += 1 if brief_runners(world, now) else 0
    return reads + 2 * 2  # Slack + email: upsert, Sent


def brief_runners(world: World, now: datetime) -> bool:
    """Whether an associate runs a session on the business's today or tomorrow (the brief names her)."""
    ctx = world.ctx(now=now, budget_s=60, job="bound")
    ctx.run.close()  # only its clock is wanted; a run left bound hands its expired budget to later calls
    tz = ctx.tz
    today = now.astimezone(tz).date()
    days = (today, today + timedelta(days=1))
    return any(
        s.associate and s.session_date and s.session_date.astimezone(tz).date() in days
        for s in world.gw.all(Session)
        if s.status == "Scheduled"
    )


def weekly_bound(world: World, now: datetime) -> int:
    gw = world.gw
    since = now - timedelta(days=31)
    sessions = [s for s in gw.all(Session) if s.session_date and s.session_date > since]
    from automation.models import Deal

    reads = (pages(len(gw.all(Lead))) + pages(len(gw.all(Deal))) + pages(len(gw.all(Invoice)))
             + pages(len(gw.all(Client))) + 1 + pages(len(sessions)) + 1 + 1)  # fmt: skip
    return reads


def measure(world: World, now: datetime, job: Any) -> tuple[Counter, float]:
    since = world.server.mark()
    ctx = world.ctx(now=now, budget_s=900, job="reports")
    started = time.perf_counter()
    with ctx.run:
        job(ctx)
    return per_table(world, since), time.perf_counter() - started


def fmt(calls: Counter) -> str:
    return ", ".join(f"{m} {t}: {n}" for (m, t), n in sorted(calls.items()))


NOTES = """The brief also reads the Settings rows (a row left blank is said) and the associates who run
today's and tomorrow's sessions (named in it); both are in its bound. Above the bound: each message
composed reads its dedupe key, and an email screens its recipient against Leads and Clients (3 reads);
delivery claims a message before its Sent write (a third write). The run log (written by the cron route)
is not counted. Clients: 50 rows are one page; the other Clients and Leads reads are compose's
screening. The same day again sends nothing: only the listings and the dedupe-key reads. The dashboard
names today's runners from its weekly part's read of every associate, and draws its charts in process
(matplotlib, about 0.2 s a chart)."""


def main(argv: list[str]) -> str:
    from automation.reports.automations import daily_brief, weekly_report
    from automation.reports.pages import associate_html, dashboard_html

    n = int(argv[0]) if argv else 50
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
    lines = [
        f"# Reports benchmark ({now:%Y-%m-%d}, {n} clients)",
        "",
        "| job | Airtable calls | lower bound | by table | seconds |",
        "|---|---|---|---|---|",
    ]
    with LocalBaseServer(rate_limit=0) as srv, tempfile.TemporaryDirectory() as tmp:
        world = make_world(srv, Path(tmp))
        seed(world, n, now)
        assoc = world.gw.all(Associate, fields=["name"])[0].id
        b_bound, w_bound = brief_bound(world, now), weekly_bound(world, now)
        runners = int(brief_runners(world, now))
        jobs = [
            ("daily-brief", daily_brief, b_bound),
            ("daily-brief again (same day)", daily_brief, b_bound - 4),
            ("weekly-report", weekly_report, w_bound + 2),
            # the brief's reads and the weekly's, less the sends and the Associates read both make
            ("dashboard page", lambda ctx: dashboard_html(ctx), w_bound + b_bound - 4 - runners),
            ("associate page", lambda ctx: associate_html(ctx, assoc), 4),
        ]
        for label, job, bound in jobs:
            calls, secs = measure(world, now, job)
            lines.append(f"| {label} | {sum(calls.values())} | {bound} | {fmt(calls)} | {secs:.1f} |")
            record("reports_bench", label, "", sum(calls.values()), bound, secs, scale=f"{n} clients",
                   typical=label in ("daily-brief", "weekly-report"))  # fmt: skip
    lines += ["", NOTES]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = main(sys.argv[1:])
    print(out)
    write_results(Path(__file__).parent / "RESULTS-reports.md", out)
