"""Test-only automations, added to the app's catalog by tests/events/app_process.py.

* words -> replies -> next action: a dependent pair (the second reads what the first writes);
* count: not idempotent on purpose (adds 1 each run), so a payload processed twice shows as 2;
* boom: fails on a company named "BOOM", sets Industry on the others;
* deal: creates a Deal the way the product must (an upsert on a key), so that two processes handling the
  same payloads at once still leave one deal.
"""

from __future__ import annotations

from automation.models import Deal, Lead
from automation.registry import Automation, Update


def words(ctx, leads: list[Lead]) -> list[Update]:
    return [Update(lead, {"replies": float(len((lead.notes or "").split()))}) for lead in leads]


def next_action(ctx, leads: list[Lead]) -> list[Update]:
    return [Update(lead, {"next_action": f"Reply to {int(lead.replies or 0)} words"}) for lead in leads]


def count(ctx, leads: list[Lead]) -> list[Update]:
    return [Update(lead, {"nurture_step": (lead.nurture_step or 0) + 1}) for lead in leads]


def boom(ctx, leads: list[Lead]) -> list[Update]:
    for lead in leads:
        if lead.company == "BOOM":
            raise RuntimeError(f"cannot classify company {lead.company!r}")
    return [Update(lead, {"industry": "Technology"}) for lead in leads]


def deal(ctx, leads: list[Lead]) -> list[Update]:
    rows = [
        {"deal_name": f"Deal {lead.id}", "lead": [lead.id]}
        for lead in leads
        if lead.status == "Qualified" and not lead.deals
    ]
    if rows:
        ctx.gateway.upsert(Deal, rows, merge_on=["deal_name"])
    return []


def _a(name, triggers, writes, handler, on_create=False):
    return Automation(name, "leads", frozenset(triggers), frozenset(writes), handler, on_create=on_create)


AUTOMATIONS = [
    _a("t-words", {"notes"}, {"replies"}, words),
    _a("t-next-action", {"replies"}, {"next_action"}, next_action),
    _a("t-count", {"company_size"}, {"nurture_step"}, count),
    _a("t-boom", {"company"}, {"industry"}, boom),
    _a("t-deal", {"status"}, set(), deal),
]
