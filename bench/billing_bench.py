"""Billing benchmark: Airtable calls of a billing run (and the whole billing-daily job) against the lower
bound, on the local server over real HTTP; the same day again.

    .venv/bin/python -m bench.billing_bench [CLIENTS]   # prints Markdown; writes bench/RESULTS-billing.md

Lower bound of a billing run that writes n invoices and marks s sessions, reading C clients and S
sessions: the listings (clients ceil(C/100), packages 1, associates 1, billable sessions ceil(S/100)) +
the counter read 1 + ceil(n/10) invoice upserts + ceil(s/10) session updates + 1 counter write. Anything
above it is the price of safety (the lease claim, its read-back, the period's invoices read) or of Messages
(the emails composed together: the dedupe-key read, the address screening reads, the upserts in tens).
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from automation.billing.automations import billing_daily
from automation.billing.invoices import Period
from automation.billing.run import billing_run
from automation.models import Associate, Client, Package, Session
from bench.headline import record
from bench.leads_bench import per_table
from bench.results_file import write_results
from scripts.localbase.testing import LocalBaseServer
from tests.leads.http_world import World, make_world

NOW = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
NOV = Period.of(NOW.date()).previous()


def seed(world: World, n: int) -> dict[str, int]:
    gw = world.gw
    per_session, retainer = gw.create(
        Package,
        [
            {"name": "Executive", "billing": "Per Session", "price": Decimal("333.33")},
            {"name": "Leadership Retainer", "billing": "Monthly Retainer", "price": Decimal("1200.00")},
        ],
    )
    associates = gw.create(
        Associate,
        [
            {"name": f"Assoc {i}", "email": f"a{i}@assoc.example", "commission_pct": 0.3 + 0.05 * i}
            for i in range(4)
        ],
    )
    clients = gw.create(
        Client,
        [
            {"name": f"Client {i}", "email": f"c{i}@client.example", "status": "Active",
             "package": [(retainer if i % 5 == 0 else per_session).id]}
            for i in range(n)
        ],
    )  # fmt: skip
    sessions = []
    for i, c in enumerate(clients):
        for k in range(3):
            sessions.append(
                {
                    "client": [c.id],
                    "status": "No-show" if (i + k) % 17 == 0 else "Completed",
                    "session_date": datetime(2026, 11, 3 + 7 * k, 9 + i % 8, tzinfo=UTC),
                    **({"associate": [associates[i % 4].id]} if i % 3 else {}),
                }
            )
    gw.create(Session, sessions)
    return {"clients": n, "sessions": len(sessions)}


def measure(world: World, job: Any) -> tuple[dict[str, Any], Counter, float]:
    since = world.server.mark()
    ctx = world.ctx(now=NOW, budget_s=900, job="billing")
    started = time.perf_counter()
    with ctx.run:
        summary = job(ctx)
    return summary, per_table(world, since), time.perf_counter() - started


def stripe_run(srv: LocalBaseServer, tmp: Path, n: int) -> list[str]:
    """The same first run through Stripe: Stripe requests against their lower bound, Airtable calls."""
    from pydantic import SecretStr

    from tests.billing.fake_stripe import FakeStripe

    with FakeStripe() as fake:
        world = make_world(srv, tmp, **{"billing.claim_settle_s": "0.3"})
        world.config = world.config.model_copy(
            update={"stripe_secret_key": SecretStr("sk_test_bench"), "stripe_api_base": fake.url}
        )
        seed(world, n)
        summary, calls, secs = measure(world, lambda ctx: billing_run(ctx, NOV))
        invoices = len(summary["invoices"])
        items = sum(len(i["lines"]["data"]) for i in fake.invoices.values())
        bound = n + invoices * 3 + items  # a customer per client; create, finalize, send; one POST per item
        return [
            "| invoices | Stripe requests | lower bound | Airtable calls | by table | seconds |",
            "|---|---|---|---|---|---|",
            f"| {invoices} | {len(fake.requests)} | {bound} | {sum(calls.values())} | {fmt(calls)} "
            f"| {secs:.1f} |",
        ]


def fmt(calls: Counter) -> str:
    return ", ".join(f"{m} {t}: {n}" for (m, t), n in sorted(calls.items()))


def main(argv: list[str]) -> str:
    n = int(argv[0]) if argv else 50
    lines = [f"# Billing benchmark ({datetime.now(UTC):%Y-%m-%d})", ""]
    with LocalBaseServer(rate_limit=0) as srv, tempfile.TemporaryDirectory() as tmp:
        rows = []
        for label, job in (
            ("billing run", lambda ctx: billing_run(ctx, NOV, mark_billed=True)),
            ("billing-daily (run + payouts + overdue)", billing_daily),
        ):
            world = make_world(srv, Path(tmp) / label.split()[0], **{"billing.claim_settle_s": "0.3"})
            scale = seed(world, n)
            for run in ("first", "same day again"):
                summary, calls, secs = measure(world, job)
                billed = summary.get("billing", summary)
                invoices = len(billed.get("invoices", [])) if isinstance(billed, dict) else 0
                marked = billed.get("sessions_marked", 0) if isinstance(billed, dict) else 0
                bound = (
                    math.ceil(n / 100) + 2 + math.ceil(scale["sessions"] / 100) + 1
                    + math.ceil(invoices / 10) + math.ceil(marked / 10) + (1 if invoices else 0)
                )  # fmt: skip
                if run != "first":
                    # daily: the billed mark, the draft and the open invoices listings; a run called
                    # directly has to list what could be billed to find nothing.
                    bound = 3 if "daily" in label else 5
                total = sum(calls.values())
                # compose: the dedupe-key read, the leads and clients screening reads, the upsert
                composing = calls[("GET", "Messages")] + calls[("PATCH", "Messages")]
                composing += 2 * calls[("GET", "Leads")]
                job_name = "billing-daily" if "daily" in label else "billing run"
                record("billing_bench", job_name, run, total, bound, secs,
                       scale=f"{n} clients, {scale['sessions']} sessions",
                       typical="daily" in label and run != "first")  # fmt: skip
                rows.append(
                    f"| {label} | {run} | {invoices} | {marked} | {total} | {composing} | "
                    f"{total - composing} | {bound} | {fmt(calls)} | {secs:.1f} |"
                )
        stripe_rows = stripe_run(srv, Path(tmp) / "stripe", n)
        lines += [
            f"`python -m bench.billing_bench {n}`: {n} clients (one in five on a retainer), "
            f"{3 * n} sessions in November, four associates, billed on 1 December; local server over real "
            "HTTP, no rate limit, lease settle 0.3 s, no Stripe (invoice emails wait in Messages).",
            "",
            "| job | run | invoices | sessions marked | calls | composing emails | billing's own | "
            "lower bound | by table | seconds |",
            "|---|---|---|---|---|---|---|---|---|---|",
            *rows,
        ]
    lines += [
        "",
        "With `STRIPE_SECRET_KEY` (stripe-python against the local fake of Stripe's API):",
        "",
        *stripe_rows,
    ]
    lines += [
        "",
        "Notes:",
        "* Billing's own calls above the lower bound: the lease claim (its write and read-back) and the",
        "  period's invoices read, which make an overlapping run harmless, and on the first run ever the",
        "  read of every Invoice # (System State has no counter yet). Its writes are the bound's: invoices",
        "  upserted ten at a time, sessions marked ten at a time, one counter write.",
        "* Composing emails (Messages' cost): the invoice emails and the associates' payout statements,",
        "  which wait as Drafts for the coach, each batch composed together (compose_many: one Messages",
        "  read for the keys, one Leads and one Clients read per 50 addresses, upserts ten a request).",
        "  With Stripe, Stripe sends the invoice emails.",
        "* With Stripe: one request per customer, invoice, item (lines + tax), finalize and send: the lower",
        "  bound. Airtable gets 15 more writes than without (customer ids, the Stripe invoice ids written as",
        "  soon as they exist so a stopped run resumes instead of duplicating, then Sent + Payment Link) and",
        "  no invoice emails to compose.",
        "* The same day again: billing-daily reads the billed mark and does not bill; what remains is the",
        "  daily listing of draft invoices (were their emails sent?) and of open ones (overdue, reminders).",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = main(sys.argv[1:])
    print(out)
    write_results(Path(__file__).parent / "RESULTS-billing.md", out)
