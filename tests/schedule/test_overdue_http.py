"""The overdue-action-items job over HTTP: once per item per period, tentative never, the coach's summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from automation.models import ActionItem, Client, Message
from automation.schedule.overdue_job import overdue_action_items

NOW = datetime(2026, 11, 20, 6, 10, tzinfo=UTC)
TODAY = NOW.date()


def _run(world, now: datetime = NOW) -> dict:
    ctx = world.ctx(now=now, job="overdue-action-items")
    with ctx.run:
        return overdue_action_items(ctx)


def _reminders(world) -> list[Message]:
    return [m for m in world.gw.all(Message) if m.kind == "Action Item Reminder"]


def test_overdue__two_runs_a_day_chase_each_item_once_and_tentative_never(world) -> None:
    gw = world.gw
    client = gw.create(Client, [{"name": "Jo Bloggs", "email": "jo@client.example"}])[0]
    visible, coach_item, tentative, not_yet = gw.create(
        ActionItem,
        [
            {
                "description": "Book the 360 review",
                "client": [client.id],
                "client_visible": True,
                "due_date": TODAY - timedelta(days=2),
                "status": "Open",
            },
            {
                "description": "Send Jo the DISC report",
                "client": [client.id],
                "due_date": TODAY - timedelta(days=3),
                "status": "Open",
                "assigned_to": "Coach",
            },
            {
                "description": "Maybe try journaling",
                "client": [client.id],
                "client_visible": True,
                "due_date": TODAY - timedelta(days=4),
                "status": "Open",
                "tentative": True,
            },
            {
                "description": "Not yet due",
                "client": [client.id],
                "client_visible": True,
                "due_date": TODAY,
                "status": "Open",
            },
        ],
    )
    first = _run(world)
    again = _run(world, NOW + timedelta(hours=3))
    assert (first["chased"], again["chased"]) == (2, 0)
    msgs = _reminders(world)
    by_key = {m.dedupe_key: m for m in msgs}
    assert by_key[f"{visible.id}:overdue:{visible.due_date}:0"].recipient == "jo@client.example"
    assert (
        by_key[f"{coach_item.id}:overdue:{coach_item.due_date}:0"].recipient
        == world.settings.general.coach_email
    )
    assert not any(tentative.id in k or not_yet.id in k for k in by_key)
    summaries = [m for m in msgs if m.dedupe_key.startswith("overdue-summary:")]
    assert len(summaries) == 1 and len(msgs) == 3
    body = summaries[0].body or ""
    assert "JO BLOGGS" in body.upper() and "Send Jo the DISC report — 3 days overdue" in body
    assert "journaling" not in body
    assert {m.status for m in msgs} == {"Sent"}
    got = gw.get(ActionItem, visible.id)
    assert (got.reminder_sent, got.reminded_on) == (True, TODAY)


def test_overdue__chased_again_after_the_repeat_interval(world) -> None:
    gw = world.gw
    item = gw.create(
        ActionItem,
        [{"description": "Write the plan", "due_date": TODAY - timedelta(days=1), "status": "Open"}],
    )[0]
    _run(world)
    _run(world, NOW + timedelta(days=3))  # same period: nothing new
    _run(world, NOW + timedelta(days=7))  # the repeat
    keys = sorted(m.dedupe_key for m in _reminders(world) if m.dedupe_key.startswith(item.id))
    assert keys == [f"{item.id}:overdue:{item.due_date}:0", f"{item.id}:overdue:{item.due_date}:1"]
