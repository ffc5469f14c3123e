"""Airtable calls per completed session (the notes automation, as the webhook path runs it) against the
lower bound, counted from the local server's request log; and the same for a replay and a re-draft.

    .venv/bin/python -m bench.notes_calls_bench       # appends to bench/RESULTS-notes.md

Lower bound for a first draft, reading only what the rules need and writing each table once:
read the session, its client, the models (3); write the session, the action items, the client, the
models' usage and the notes message (5): 8 calls. A replay of the same notes can cost 0 (the runner's
read of the session is the webhook path's, not this automation's).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from automation import registry
from automation.events.ordering import order_automations
from automation.events.runner import Runner, Touch
from scripts.localbase.testing import LocalBaseServer
from tests.leads.http_world import make_world

RESULTS = Path(__file__).with_name("RESULTS-notes.md")
NOW = datetime(2026, 3, 3, 18, 0, tzinfo=UTC)
NOTES = """Session 4 with Dana. Used the GROW model on her delegation goal.
- Dana to hand the weekly KPI report to Sam by Friday.
- She'll book 1:1s with each direct report before our next session.
- She might ask HR about a coaching budget.
- I'll send her the readiness worksheet today.
Next time: how the handover went
"""
LOWER_BOUND = 8


def _calls(srv, base_id: str, names: dict[str, str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for r in srv.requests():
        path = r["path"].split("?")[0]
        if f"/v0/{base_id}/" in path:
            table = path.split(f"/v0/{base_id}/", 1)[1].split("/")[0]
            out[f"{r['method']} {names.get(table, table)}"] += 1
    return out


def run() -> list[str]:
    catalog = registry.load_catalog(("automation.messages.automations", "automation.sessions.automations"))
    autos = order_automations(catalog.automations)
    with LocalBaseServer(rate_limit=0) as srv, tempfile.TemporaryDirectory() as tmp:
        world = make_world(srv, Path(tmp))
        gw = world.gw
        person = srv.api(world.config.airtable_api_key.get_secret_value())
        client = person.table(world.base_id, "Clients").create(
            {"Name": "Dana Whitfield", "Email": "d@x.example"}
        )
        person.table(world.base_id, "Leadership Models").create({"Title": "GROW Model", "Active": True})
        session = person.table(world.base_id, "Coaching Sessions").create(
            {"Client": [client["id"]], "Session Date": "2026-03-03T10:00:00.000Z",
             "Next Session": "2026-03-17T10:00:00.000Z", "Status": "Completed", "Raw Notes": NOTES}
        )  # fmt: skip
        names = {t.id: t.name for t in person.base(world.base_id).tables()}
        gw.schema_map()  # the schema is cached per warm instance: not part of a session's cost
        lines = []
        for label, change in (
            ("first draft", None),
            ("replay (same notes)", None),
            ("re-draft (notes changed)", NOTES + "- Dana to email Sam the template tomorrow.\n"),
        ):
            if change:
                person.table(world.base_id, "Coaching Sessions").update(session["id"], {"Raw Notes": change})
            srv.clear_requests()
            ctx = world.ctx(now=NOW)
            try:
                Runner(ctx, autos).run({"sessions": {session["id"]: Touch(False, frozenset({"raw_notes"}))}})
            finally:
                ctx.run.close()
            calls = _calls(srv, world.base_id, names)
            detail = ", ".join(f"{k} {v}" for k, v in sorted(calls.items()))
            lines.append(f"| {label} | {sum(calls.values())} | {detail} |")
        return lines


def main() -> int:
    lines = run()
    text = "\n".join(
        [
            "",
            "## Airtable calls per completed session",
            "",
            f"`python -m bench.notes_calls_bench`: the notes automations run as the webhook path runs them "
            f"(runner visit of the session, rules drafter), calls counted from the local server's log. "
            f"Lower bound for a first draft: {LOWER_BOUND} (3 reads: session, client, models; 5 writes: "
            "session, "
            "items, client, models, message). The runner's read of the session is included. The three calls "
            "above the bound are compose's: the message's dedupe read (exactly-once: a message past Draft is "
            "never rewritten) and its eligibility reads of Leads and Clients by the recipient's address "
            "(overlapped, so they cost one request time). The model-usage automation reuses the drafter's "
            "read of the models in the same visit. A replay of the same notes costs only the runner's read.",
            "",
            "| run | calls | by method and table |",
            "|---|---|---|",
            *lines,
            "",
        ]
    )
    body = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    body = body.split("\n## Airtable calls per completed session")[0].rstrip("\n") + "\n"
    RESULTS.write_text(body + text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
