"""Airtable Automation "Run a script" calls: one automation (and its dependents) on given records.

Only fast work here: Airtable's script `fetch` gives up after about 12 s (Config.trigger_budget_s = 8 s).
"""

from __future__ import annotations

import re
from typing import Any

from automation import jsonbody
from automation.errors import BadRequest
from automation.events.catalog import get_plan
from automation.events.context import make_context
from automation.events.runner import Runner, Touch
from automation.events.runs import record_run
from automation.events.settings_env import config
from automation.registry import Automation

RECORD_ID = re.compile(r"^rec[A-Za-z0-9]{14}$")
MAX_RECORDS = 100  # one read page; more belongs to the webhook path


def parse_record_ids(raw_body: bytes) -> list[str]:
    """`{"recordId": "rec…"}` or `{"recordIds": ["rec…", …]}` -> ids; BadRequest with the reason."""
    body: Any = jsonbody.loads(raw_body, "trigger", empty={})
    if not isinstance(body, dict):
        raise BadRequest('body must be an object with "recordId" or "recordIds"')
    ids = body.get("recordIds")
    if ids is None and body.get("recordId") is not None:
        ids = [body["recordId"]]
    if not isinstance(ids, list) or not ids:
        raise BadRequest('give "recordId" (a record id) or "recordIds" (a non-empty list)')
    if len(ids) > MAX_RECORDS:
        raise BadRequest(f"at most {MAX_RECORDS} records per call")
    bad = [i for i in ids if not (isinstance(i, str) and RECORD_ID.match(i))]
    if bad:
        raise BadRequest(f"not a record id: {bad[0]!r}")
    return list(dict.fromkeys(ids))


def forced(chain: list[Automation]) -> set[str]:
    """The named automation, and those the webhook does not serve that read the same fields of the same
    table: only a trigger reaches them, so the call that says "this field changed" runs them all, as a
    webhook payload would (an approved associate proposal is delivered and applied by one call)."""
    head = chain[0]
    return {head.name} | {
        a.name for a in chain if not a.webhook and a.table == head.table and a.triggers & head.triggers
    }


def run_trigger(name: str, record_ids: list[str]) -> dict[str, Any]:
    """Run the named automation on the records (forced), then its dependents on what it changed."""
    plan = get_plan()
    chain = plan.chain(name)  # UnknownName -> 404
    ctx = make_context("Trigger", name, config().trigger_budget_s)
    try:
        result = Runner(ctx, plan.automations, only={a.name for a in chain}).run(
            {chain[0].table: {rid: Touch() for rid in record_ids}}, force=forced(chain)
        )
        failed = {t: sorted(ids) for t, ids in result.failed.items()}
        details = {"records": {chain[0].table: record_ids}, "failed": failed}
        record_run(ctx, details=details)
        return {"automation": name, "records": len(record_ids), "written": result.written, "failed": failed}
    except Exception as exc:
        record_run(ctx, error=exc, details={"records": {chain[0].table: record_ids}})
        raise
    finally:
        ctx.run.close()
