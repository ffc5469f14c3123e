"""The notes automation in process against the local server: the catch-up cron, the time budget, and a
session completed before its notes are typed."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from automation.models import ActionItem, Client, Message, Session
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


RAW = (
    "Session with Dana on delegation.\n- Dana to hand the weekly KPI report to Sam by Friday.\n"
    "- I'll send her the readiness worksheet today.\n- Dana to draft the hiring plan by next week.\n"
)


def _run(world, *session_ids: str) -> list:
    """The automation on these sessions as a webhook visit would run it, its updates written."""
    ctx = world.ctx(now=NOW)
    try:
        updates = draft_session_notes(ctx, world.gw.get_many(Session, list(session_ids)))
        by_table: dict[type, list] = {}
        for u in updates:
            by_table.setdefault(type(u.record), []).append((u.record, u.fields))
        for model, rows in by_table.items():
            world.gw.update(model, rows)
        return list(ctx.run.problems)
    finally:
        ctx.run.close()


def _table(world, name: str):
    return world.server.api(world.config.airtable_api_key.get_secret_value()).table(world.base_id, name)


def _items(world, session_id: str) -> list[ActionItem]:
    return [i for i in world.gw.all(ActionItem) if session_id in i.session]


def _notes_email(world, session_id: str) -> Message:
    (message,) = [m for m in world.gw.all(Message) if session_id in m.session and m.kind == "Session Notes"]
    return message


def test_redraft__the_coachs_summary_stands_and_goes_to_the_client(world) -> None:
    s = _session(world, **{"Raw Notes": RAW})
    _run(world, s.id)
    _table(world, "Coaching Sessions").update(
        s.id,
        {"Notes Summary": "My own summary.", "Raw Notes": RAW + "- Dana to book a skip-level with Ana.\n"},
    )
    _run(world, s.id)
    after = world.gw.get(Session, s.id)
    assert after.notes_summary == "My own summary." and after.notes_status == "Drafted"
    assert any("skip-level" in (i.description or "") for i in _items(world, s.id))
    assert "My own summary." in (_notes_email(world, s.id).body or "")
    assert world.gw.get(Client, s.client[0]).notes_summary == "My own summary."


def test_redraft__items_she_completed_or_deleted_stay_so(world) -> None:
    s = _session(world, **{"Raw Notes": RAW})
    _run(world, s.id)
    kpi, hiring = (
        next(i for i in _items(world, s.id) if w in (i.description or "")) for w in ("KPI", "hiring")
    )
    _table(world, "Action Items").update(kpi.id, {"Status": "Complete"})
    _table(world, "Action Items").delete(hiring.id)
    _table(world, "Coaching Sessions").update(
        s.id, {"Raw Notes": RAW + "- Dana to book a skip-level with Ana.\n"}
    )
    _run(world, s.id)
    items = {i.description: i.status for i in _items(world, s.id)}
    assert items == {
        "Hand the weekly KPI report to Sam": "Complete",
        "Send her the readiness worksheet": "Open",
        "Book a skip-level with Ana": "Open",
    }


def test_cancelled_after_drafting__the_email_and_untouched_items_are_withdrawn(world) -> None:
    s = _session(world, **{"Raw Notes": RAW})
    _run(world, s.id)
    kpi = next(i for i in _items(world, s.id) if "KPI" in (i.description or ""))
    _table(world, "Action Items").update(kpi.id, {"Due Date": "2026-03-09"})  # hers now
    _table(world, "Coaching Sessions").update(s.id, {"Status": "Cancelled"})
    _run(world, s.id)
    assert _notes_email(world, s.id).status == "Cancelled"
    assert {i.id: i.status for i in _items(world, s.id)} == {
        i.id: ("Open" if i.id == kpi.id else "Cancelled") for i in _items(world, s.id)
    }
    assert world.gw.get(Session, s.id).notes_status == "Pending"
    _table(world, "Coaching Sessions").update(s.id, {"Status": "Completed"})  # completed after all
    _run(world, s.id)
    assert world.gw.get(Session, s.id).notes_status == "Drafted"
    assert [i.status for i in _items(world, s.id)] == ["Open"] * 3


def test_two_sessions_of_one_client__the_newer_notes_summary_wins(world) -> None:
    person = world.server.api(world.config.airtable_api_key.get_secret_value())
    client = person.table(world.base_id, "Clients").create({"Name": "Dana Whitfield", "Email": "d@x.example"})
    sessions = person.table(world.base_id, "Coaching Sessions")
    newer, older = (
        sessions.create(
            {"Client": [client["id"]], "Session Date": day, "Status": "Completed", "Raw Notes": raw}
        )
        for day, raw in (
            (
                "2026-03-03T10:00:00.000Z",
                "We worked on the board presentation.\n- Dana to call Sam by Friday.",
            ),
            (
                "2026-02-17T10:00:00.000Z",
                "We mapped her stakeholders in finance.\n- Dana to email Ana by Friday.",
            ),
        )
    )
    _run(world, newer["id"], older["id"])
    summary = world.gw.get(Client, client["id"]).notes_summary
    assert summary and summary == world.gw.get(Session, newer["id"]).notes_summary


def test_catch_up__leaves_the_notes_of_sessions_held_before_the_window_as_they_are(world) -> None:
    """A base with history: sessions of last year with Raw Notes typed before Leadership OS were never
    drafted. The catch-up is for a ping that left a session Pending, not for history: drafting them would
    email each client notes of a year ago and create action items long overdue."""
    old = _session(world, **{"Raw Notes": NOTES, "Session Date": "2025-03-04T10:00:00.000Z"})
    recent = _session(world, **{"Raw Notes": NOTES, "Notes Status": "Pending"})
    ctx = world.ctx(now=NOW)
    try:
        result = catch_up(ctx)
    finally:
        ctx.run.close()
    assert result["drafted"] == 1
    assert world.gw.get(Session, recent.id).notes_status == "Drafted"
    assert world.gw.get(Session, old.id).notes_status is None
    assert {i.session[0] for i in world.gw.all(ActionItem)} == {recent.id}
    assert [m.session for m in world.gw.all(Message) if m.kind == "Session Notes"] == [[recent.id]]
