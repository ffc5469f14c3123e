"""The notes automation in process against the local server: the catch-up cron, the time budget, and a
session completed before its notes are typed."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from automation.models import ActionItem, Session
from automation.sessions.automations import catch_up, draft_session_notes

NOW = datetime(2026, 3, 3, 18, 0, tzinfo=UTC)
NOTES = "- Dana to hand the weekly KPI report to Sam by Friday.\n- I'll send her the worksheet today.\n"


@pytest.fixture
def world(server, tmp_path):
    from tests.leads.http_world import make_world

    return make_world(server, tmp_path)


def _session(world, **fields) -> Session:
    person = world.server.api(world.config.airtable_api_key.get_secret_value())
    client = person.table(world.base_id, "Clients").create({"Name": "Dana Whitfield", "Email": "d@x.example"})
    rec = person.table(world.base_id, "Coaching Sessions").create(
        {
            "Client": [client["id"]],
            "Session Date": "2026-03-03T10:00:00.000Z",
            "Status": "Completed",
            **fields,
        }
    )
    return world.gw.get(Session, rec["id"])


def test_catch_up__drafts_sessions_left_pending(world) -> None:
    s = _session(world, **{"Raw Notes": NOTES, "Notes Status": "Pending"})
    ctx = world.ctx(now=NOW)
    try:
        result = catch_up(ctx)
    finally:
        ctx.run.close()
    assert result["drafted"] == 1
    after = world.gw.get(Session, s.id)
    assert after.notes_status == "Drafted" and after.notes_summary
    assert len([i for i in world.gw.all(ActionItem) if s.id in i.session]) == 2


def test_budget__sessions_past_the_budget_wait_pending_for_the_catch_up(world) -> None:
    s = _session(world, **{"Raw Notes": NOTES})
    ctx = world.ctx(now=NOW)
    ctx.deadline = time.monotonic() + 1.0  # less than the reserve a draft needs
    try:
        updates = draft_session_notes(ctx, [s])
        problems = list(ctx.run.problems)
    finally:
        ctx.run.close()
    assert [(u.record.id, u.fields) for u in updates] == [(s.id, {"notes_status": "Pending"})]
    assert [p.record_id for p in problems] == [s.id] and "catch-up" in problems[0].reason
    assert world.gw.all(ActionItem) == []


def test_completed_without_notes__pending_until_the_notes_come(world) -> None:
    s = _session(world)
    ctx = world.ctx(now=NOW)
    try:
        updates = draft_session_notes(ctx, [s])
    finally:
        ctx.run.close()
    assert [(u.record.id, u.fields) for u in updates] == [(s.id, {"notes_status": "Pending"})]


def test_models__matched_by_the_aliases_the_coach_gives_them(world) -> None:
    person = world.server.api(world.config.airtable_api_key.get_secret_value())
    model = person.table(world.base_id, "Leadership Models").create(
        {"Title": "Drama Triangle", "Aliases": "Karpman, rescuer-victim", "Active": True}
    )
    s = _session(world, **{"Raw Notes": "We mapped the Karpman roles.\n- Dana to spot one rescue a day."})
    ctx = world.ctx(now=NOW)
    try:
        updates = draft_session_notes(ctx, [s])
    finally:
        ctx.run.close()
    fields = next(u.fields for u in updates if u.record.id == s.id)
    assert fields["leadership_models"] == [model["id"]]
