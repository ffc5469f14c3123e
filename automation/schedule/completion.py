"""Completed Date of an action item (the day it became Complete), and Completion % of a session: the share
of its firm action items (not Tentative, not Cancelled) that are Complete; empty when it has none.
Recomputed when one of its items changes, and when the session's list of items changes (an item moved to
another session or deleted: the item no longer names the session it left)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from automation.events.runner import changed_at
from automation.models import ActionItem, Session
from automation.registry import Update

if TYPE_CHECKING:
    from automation.context import JobContext


def stamp_completed(ctx: JobContext, items: list[ActionItem]) -> list[Update]:
    """Completed Date follows Status: an item set Complete (by the client in her portal, the associate or the
    coach) gets the day it was marked, on the business's clock (the webhook payload's time when the run has
    it: a ping processed hours later, or by the catch-up after midnight, still dates the day it was done);
    one taken out of Complete (reopened, or Cancelled) loses it, so a later completion is dated afresh. A date
    typed by hand on a Complete item stays."""
    updates = []
    for i in items:
        if i.status == "Complete" and i.completed_date is None:
            when = min(changed_at(ctx, i, "status") or ctx.now, ctx.now)
            updates.append(Update(i, {"completed_date": when.astimezone(ctx.tz).date()}))
        elif i.status != "Complete" and i.completed_date is not None:
            updates.append(Update(i, {"completed_date": None}))
    return updates


def completion(items: list[ActionItem]) -> float | None:
    firm = [i for i in items if not i.tentative and i.status != "Cancelled"]
    if not firm:
        return None
    return round(sum(1 for i in firm if i.status == "Complete") / len(firm), 4)


def session_completion(ctx: JobContext, items: list[ActionItem]) -> list[Update]:
    """Updates for the sessions of these items (other tables' records: the runner writes them after)."""
    gw = ctx.gateway
    session_ids = sorted({s for i in items for s in i.session})
    if not session_ids:
        return []
    sessions = gw.get_many(Session, session_ids, fields=["action_items", "completion"])
    known = {i.id: i for i in items}
    wanted = sorted({a for s in sessions for a in s.action_items if a not in known})
    fields = ["status", "tentative", "session"]
    every = (
        {**known, **{i.id: i for i in gw.get_many(ActionItem, wanted, fields=fields)}} if wanted else known
    )
    return _changed(sessions, every)


def own_completion(ctx: JobContext, records: list[Session]) -> list[Update]:
    """Sessions whose Action Items list changed: Completion % from the items they hold now."""
    sessions = [r for r in records if isinstance(r, Session)]
    ids = sorted({a for s in sessions for a in s.action_items})
    items = (
        {i.id: i for i in ctx.gateway.get_many(ActionItem, ids, fields=["status", "tentative"])}
        if ids
        else {}
    )
    return _changed(sessions, items)


def _changed(sessions: list[Session], items: dict[str, ActionItem]) -> list[Update]:
    """Completion % of each session from its items (by id), where it differs from the stored value."""
    out = []
    for s in sessions:
        value = completion([items[a] for a in s.action_items if a in items])
        current = None if s.completion is None else round(float(s.completion), 4)
        if value != current:
            out.append(Update(s, {"completion": value}))
    return out
