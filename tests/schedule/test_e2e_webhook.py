"""End to end over HTTP: the coach books, moves and ticks things in the base; Airtable pings the app; the
schedule automations write back Conflict, the client's Next Session Date and Completion %."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.events import harness
from tests.events.harness import wait_for

CATALOG = ("automation.schedule.automations", "automation.messages.automations")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    with harness.served(tmp_path_factory.mktemp("outbox"), CATALOG) as world:
        yield world


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _conflict_alerts(world) -> list[dict]:
    out = []
    for path in sorted(world.outbox_dir.rglob("*.json")):
        record = json.loads(path.read_text())
        if record["kind"] == "Booking Conflict":
            out.append(record)
    return out


def test_double_booking__conflict_on_both_one_message_cleared_when_moved_away(live) -> None:
    people = live.table("Associates").create({"Name": "Sam Assoc", "Email": "sam@assoc.example"})
    c1 = live.table("Clients").create({"Name": "Ann", "Email": "ann@c.example"})
    c2 = live.table("Clients").create({"Name": "Bob", "Email": "bob@c.example"})
    sessions = live.table("Coaching Sessions")
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
    a = sessions.create(
        {
            "Name": "Ann #1",
            "Client": [c1["id"]],
            "Associate": [people["id"]],
            "Status": "Scheduled",
            "Session Date": _iso(start),
            "Duration": 3600,
        }
    )
    b = sessions.create(
        {
            "Name": "Bob #1",
            "Client": [c2["id"]],
            "Associate": [people["id"]],
            "Status": "Scheduled",
            "Session Date": _iso(start + timedelta(minutes=30)),
            "Duration": 3600,
        }
    )

    def both_flagged():
        fa, fb = sessions.get(a["id"])["fields"], sessions.get(b["id"])["fields"]
        return fa.get("Conflict") and fb.get("Conflict") and (fa["Conflict"], fb["Conflict"])

    ca, cb = wait_for(both_flagged, timeout=30, what="Conflict on both sessions")
    assert b["id"] in ca and "Bob #1" in ca and a["id"] in cb and "same associate" in cb
    alerts = wait_for(lambda: _conflict_alerts(live), timeout=20, what="the coach's alert")
    assert len(alerts) == 1

    sessions.update(b["id"], {"Session Date": _iso(start + timedelta(hours=3))})
    wait_for(
        lambda: (
            not sessions.get(a["id"])["fields"].get("Conflict")
            and not sessions.get(b["id"])["fields"].get("Conflict")
        ),
        timeout=30,
        what="Conflict cleared on both",
    )
    assert len(_conflict_alerts(live)) == 1

    # The client's Next Session Date followed the bookings all along.
    next_date = wait_for(
        lambda: live.table("Clients").get(c2["id"])["fields"].get("Next Session Date"),
        timeout=20,
        what="Next Session Date",
    )
    assert next_date == (start + timedelta(hours=3)).astimezone(_london()).date().isoformat()


def test_completion__follows_the_firm_items_of_the_session(live) -> None:
    client = live.table("Clients").create({"Name": "Cat", "Email": "cat@c.example"})
    session = live.table("Coaching Sessions").create(
        {
            "Name": "Cat #1",
            "Client": [client["id"]],
            "Status": "Completed",
            "Session Date": _iso(datetime.now(UTC) - timedelta(days=1)),
        }
    )
    items = live.table("Action Items")
    one = items.create({"Description": "One", "Session": [session["id"]], "Status": "Open"})
    items.create({"Description": "Two", "Session": [session["id"]], "Status": "Open"})
    items.create({"Description": "Maybe", "Session": [session["id"]], "Status": "Open", "Tentative": True})
    sessions = live.table("Coaching Sessions")
    wait_for(
        lambda: sessions.get(session["id"])["fields"].get("Completion %") == 0,
        timeout=30,
        what="Completion 0 %",
    )
    items.update(one["id"], {"Status": "Complete"})
    wait_for(
        lambda: sessions.get(session["id"])["fields"].get("Completion %") == 0.5,
        timeout=30,
        what="Completion 50 % (the tentative item does not count)",
    )


def test_completion__follows_an_item_moved_away_or_deleted(live) -> None:
    client = live.table("Clients").create({"Name": "Dev", "Email": "dev@c.example"})
    sessions = live.table("Coaching Sessions")
    day = _iso(datetime.now(UTC) - timedelta(days=2))
    first, second = (
        sessions.create(
            {"Name": f"Dev #{n}", "Client": [client["id"]], "Status": "Completed", "Session Date": day}
        )
        for n in (1, 2)
    )
    items = live.table("Action Items")
    done = items.create({"Description": "Done", "Session": [first["id"]], "Status": "Complete"})
    items.create({"Description": "Open", "Session": [first["id"]], "Status": "Open"})
    wait_for(lambda: sessions.get(first["id"])["fields"].get("Completion %") == 0.5, 30, "first at 50 %")
    items.update(done["id"], {"Session": [second["id"]]})  # filed under the wrong session: moved
    wait_for(lambda: sessions.get(second["id"])["fields"].get("Completion %") == 1, 30, "second at 100 %")
    wait_for(lambda: sessions.get(first["id"])["fields"].get("Completion %") == 0, 30, "first at 0 %")
    items.delete(done["id"])
    wait_for(lambda: "Completion %" not in sessions.get(second["id"])["fields"], 30, "second: no items")


def _london():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/London")
