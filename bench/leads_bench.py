"""Leads benchmark: the daily job over 5,000 leads (API calls against the lower bound) and scoring speed.

Runs against the local Airtable-compatible server over real HTTP. Usage:
    .venv/bin/python -m bench.leads_bench [N]        # prints Markdown; writes bench/RESULTS-leads.md

Lower bound of the daily scoring job: ceil(N / 100) page reads of Leads + ceil(changed / 10) writes.
"""

from __future__ import annotations

import math
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from automation.leads.daily import leads_daily
from automation.leads.scoring import score_lead
from automation.models import Lead
from automation.settings.leads import ScoringSettings
from bench.headline import record
from bench.results_file import write_results
from scripts.localbase.testing import LocalBaseServer
from tests.leads.http_world import World, make_world

NOW = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
TITLES = [
    "CEO",
    "Founder",
    "VP Sales",
    "Director of HR",
    "Head of People",
    "Senior Manager",
    "Team Lead",
    "Analyst",
    "Managing Director",
    None,
]
INDUSTRIES = ["Technology", "Financial Services", "Healthcare", "Retail", "Education", None]
SOURCES = [
    "Referral",
    "Website",
    "Networking Event",
    "LinkedIn",
    "Podcast",
    "Social Media",
    "Speaking",
    "Other",
]
TIMELINES = ["Immediate", "1-3 months", "3-6 months", "6+ months", "Unknown", None]


def realistic_leads(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """Leads already in nurture (Contacted, one touch done) with a spread of ages and engagement."""
    rng = random.Random(seed)
    today = NOW.date()
    rows = []
    for i in range(n):
        created = today - timedelta(days=rng.randint(0, 365))
        engaged = rng.random() < 0.35
        rows.append(
            {
                "name": f"Lead {i:05d}",
                "email": f"lead{i:05d}@company{i % 700}.example",
                "company": f"Company {i % 700}",
                "title": rng.choice(TITLES),
                "company_size": rng.choice([8, 30, 120, 450, 2500, 12000, None]),
                "industry": rng.choice(INDUSTRIES),
                "lead_source": rng.choice(SOURCES),
                "timeline": rng.choice(TIMELINES),
                "replies": rng.choice([1, 2, 3]) if engaged else None,
                "meetings": rng.choice([0, 1]) if engaged else None,
                "last_engagement": created + timedelta(days=rng.randint(0, (today - created).days))
                if engaged
                else None,
                "last_contact": today - timedelta(days=rng.randint(0, 60)),
                "status": "Contacted",
                "nurture_step": 1,
                "created_date": created,
            }
        )
    return rows


def per_table(world: World, since: int) -> Counter[tuple[str, str]]:
    """(method, table name) -> calls the server logged after index `since`."""
    names = {t.id: t.name for t in world.gw.schema_map().tables.values()}
    out: Counter[tuple[str, str]] = Counter()
    for r in world.server.requests(since=since):
        parts = r["path"].split("?")[0].split("/")
        if len(parts) > 3 and parts[2] == world.base_id:
            out[(r["method"], names.get(parts[3], parts[3]))] += 1
    return out


def run_day(world: World, label: str, now: datetime, n: int) -> dict[str, Any]:
    since = world.server.mark()
    ctx = world.ctx(now=now, budget_s=900, job="leads-daily")
    started = time.perf_counter()
    with ctx.run:
        summary = leads_daily(ctx)
    secs = time.perf_counter() - started
    calls = per_table(world, since)
    changed = summary["leads_written"]
    reads, writes = calls[("GET", "Leads")], calls[("PATCH", "Leads")]
    bound_reads, bound_writes = math.ceil(n / 100), math.ceil(changed / 10)
    other = {f"{m} {t}": c for (m, t), c in sorted(calls.items()) if t != "Leads"}
    return {
        "day": label,
        "changed": changed,
        "reads": reads,
        "bound_reads": bound_reads,
        "writes": writes,
        "bound_writes": bound_writes,
        "other": other,
        "total": ctx.run.api_calls,
        "secs": secs,
    }


def scoring_throughput(n: int) -> float:
    settings = ScoringSettings()
    leads = [Lead(id=f"rec{i:014d}", **row) for i, row in enumerate(realistic_leads(n, seed=11))]
    best = math.inf
    for _ in range(3):
        started = time.perf_counter()
        for lead in leads:
            score_lead(lead, settings, NOW)
        best = min(best, time.perf_counter() - started)
    return n / best


def main(n: int = 5000) -> str:
    with LocalBaseServer(rate_limit=0) as srv, tempfile.TemporaryDirectory() as tmp:
        world = make_world(srv, Path(tmp))
        world.gw.schema_map()
        world.gw.create(Lead, realistic_leads(n))
        days = [
            run_day(world, "first run (nothing scored yet)", NOW, n),
            run_day(world, "same day again", NOW, n),
            run_day(world, "next day (engagement fades)", NOW + timedelta(days=1), n),
        ]
    per_s = scoring_throughput(n)
    return report(n, days, per_s)


NOTES = """
Notes:
* Reads: all leads in pages of 100. Writes: only leads whose fields changed, 10 per request. Chunks of
  500 leads are written as they finish (a run out of budget keeps its work) and only full batches are
  written between chunks, so writes stay at ceil(changed/10).
* Other calls: one page each of Deals (open deals refreshed; the forecast snapshot), Messages (nurture
  emails sent in the last 3 days become Last Contact) and System State (this month's forecast
  snapshot, written once a month: the PATCH in the first run).
* The first run writes every lead once (score and nurture fields): the cost of switching the system
  on. Drafting a due nurture step adds about 3 Messages calls per draft (none fall due on the next
  day in this fixture).
* At Airtable's 5 requests/s a steady day takes the "at 5 req/s" column, far inside the 240 s cron
  budget (a Vercel function may run 300 s).
"""


def report(n: int, days: list[dict[str, Any]], per_s: float) -> str:
    lines = [
        f"# Leads benchmark ({date.today().isoformat()})",
        "",
        f"`python -m bench.leads_bench {n}`: the `leads-daily` job over {n:,} leads on the local server "
        "over real HTTP.",
        "Lower bound for scoring: ceil(N/100) page reads of Leads + ceil(changed/10) writes of 10.",
        "",
        "| run | leads changed | Leads reads (bound) | Leads writes (bound) | other calls | total calls | "
        "seconds (no rate limit) | at 5 req/s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for d in days:
        record(
            "leads_bench",
            "leads-daily",
            d["day"],
            d["total"],
            d["bound_reads"] + d["bound_writes"] + len(d["other"]),  # + one page of each other table
            d["secs"],
            scale=f"{n:,} leads",
            typical=d["day"].startswith("next day"),
        )
        other = ", ".join(f"{k}: {v}" for k, v in d["other"].items()) or "-"
        lines.append(
            f"| {d['day']} | {d['changed']:,} | {d['reads']} ({d['bound_reads']}) "
            f"| {d['writes']} ({d['bound_writes']}) | {other} | {d['total']} | {d['secs']:.1f} "
            f"| ~{d['total'] / 5:.0f} s |"
        )
    steady = days[1]
    job_rate = n / max(steady["secs"], 1e-9)
    lines += [
        "",
        f"Scoring throughput (pure `score_lead`, best of 3 over {n:,} leads): **{per_s:,.0f} leads/s**; "
        f"the whole job on a day with nothing to write: {job_rate:,.0f} leads/s without rate limit.",
        NOTES,
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    text = main(size)
    print(text)
    if size == 5000:
        write_results(Path(__file__).parent / "RESULTS-leads.md", text)
