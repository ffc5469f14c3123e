"""The daily jobs through the app (Vercel Cron's GET with the bearer secret), twice on the same day: exactly
one reminder per session and one per client with overdue items, one survey, nothing for a tentative item."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.events import harness

CATALOG = ("automation.schedule.automations", "automation.messages.automations")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    outbox = tmp_path_factory.mktemp("outbox")
    with harness.served(outbox, CATALOG, **{"schedule.reminder_days_ahead": "2"}) as w:
        w.quiet()  # these tests drive the crons; the webhook's own runs are not what is measured
        yield w


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _messages(world, kind: str) -> list[dict]:
    return [r["fields"] for r in world.table("Messages").all() if r["fields"].get("Kind") == kind]


def _twice(world, job: str) -> list[dict]:
    out = []
    for _ in range(2):
        got = world.apps[0].cron(job)
        assert got.status_code == 200, got.text
        out.append(got.json())
    return out


def test_cron__session_reminders_twice_one_reminder_each(world) -> None:
    client = world.table("Clients").create({"Name": "Jo Bloggs", "Email": "jo@client.example"})
    # Within the two days ahead whatever the hour the test runs at.
    start = datetime.now(UTC).replace(microsecond=0, second=0) + timedelta(days=1, hours=1)
    session = world.table("Coaching Sessions").create(
        {"Client": [client["id"]], "Status": "Scheduled", "Session Date": _iso(start), "Duration": 3600}
    )
    _twice(world, "session-reminders")
    mine = [m for m in _messages(world, "Session Reminder") if session["id"] in m.get("Session", [])]
    assert sorted(m["Recipient"] for m in mine) == ["jo@client.example", "sarah@example.com"]
    assert all("BEGIN:VCALENDAR" in m["Invitation"] for m in mine)
    fields = world.table("Coaching Sessions").get(session["id"])["fields"]
    assert fields["Reminder Sent"] is True and fields["Invite Sequence"] == 0


def test_cron__overdue_action_items_twice_one_reminder_none_for_tentative(world) -> None:
    client = world.table("Clients").create({"Name": "Ann Lee", "Email": "ann@client.example"})
    overdue = (date.today() - timedelta(days=3)).isoformat()
    items = world.table("Action Items")
    firm = items.create(
        {
            "Description": "Book the offsite",
            "Client": [client["id"]],
            "Client Visible": True,
            "Due Date": overdue,
            "Status": "Open",
        }
    )
    tentative = items.create(
        {
            "Description": "Maybe read Drive",
            "Client": [client["id"]],
            "Client Visible": True,
            "Due Date": overdue,
            "Status": "Open",
            "Tentative": True,
        }
    )
    runs = _twice(world, "overdue-action-items")
    assert runs[1]["chased"] == 0
    msgs = _messages(world, "Action Item Reminder")
    to_ann = [m for m in msgs if m["Recipient"] == "ann@client.example"]
    assert len(to_ann) == 1 and "Book the offsite" in to_ann[0]["Body"]
    assert not [m for m in msgs if "Drive" in m.get("Body", "")]
    assert len([m for m in msgs if m["Dedupe Key"].startswith("overdue-summary:")]) == 1
    assert world.table("Action Items").get(firm["id"])["fields"].get("Reminder Sent") is True
    assert not world.table("Action Items").get(tentative["id"])["fields"].get("Reminder Sent")


def test_cron__satisfaction_survey_twice_one_survey(world) -> None:
    client = world.table("Clients").create({"Name": "Cat Ng", "Email": "cat@client.example"})
    yesterday = datetime.now(UTC) - timedelta(days=1, hours=1)
    session = world.table("Coaching Sessions").create(
        {"Client": [client["id"]], "Status": "Completed", "Session Date": _iso(yesterday)}
    )
    _twice(world, "satisfaction-survey")
    mine = [m for m in _messages(world, "Satisfaction Survey") if session["id"] in m.get("Session", [])]
    assert len(mine) == 1 and mine[0]["Recipient"] == "cat@client.example"
