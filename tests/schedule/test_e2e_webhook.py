"""End to end over HTTP: the coach books, moves and ticks things in the base; Airtable pings the app; the
schedule automations write back Conflict, the client's Next Session Date and Completion %, and cancel the
calendar invitation of a session cancelled or deleted after it went out."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from tests.events import harness
from tests.events.harness import wait_for

CATALOG = ("automation.schedule.automations", "automation.messages.automations")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    # Reminder hour 0: the reminders go out whenever the test runs (the cron runs on the wall clock).
    outbox = tmp_path_factory.mktemp("outbox")
    with harness.served(outbox, CATALOG, **{"schedule.reminder_hour": "0"}) as world:
        yield world


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _conflict_alerts(world, *session_ids: str) -> list[dict]:
    """The Booking Conflict alerts about these sessions (the module's other tests book sessions too, and
    run in any order: one of theirs may clash with itself)."""
    out = []
    for path in sorted(world.outbox_dir.rglob("*.json")):
        record = json.loads(path.read_text())
        if record["kind"] == "Booking Conflict" and all(i in json.dumps(record) for i in session_ids):
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
    # Conflict gives the clash's time with its zone, as the alert below and the emails do.
    bob = (start + timedelta(minutes=30)).astimezone(_london())
    assert bob.strftime(", %H:%M") in ca and bob.strftime("%Z (same associate)") in ca, ca
    alerts = wait_for(lambda: _conflict_alerts(live, a["id"], b["id"]), timeout=20, what="the coach's alert")
    assert len(alerts) == 1
    # Its times carry the zone, as the clients' and associates' emails do ("14:00 GMT").
    assert start.astimezone(_london()).strftime("%H:%M") in json.dumps(alerts[0]), alerts[0]
    # ... with each session's end, so the overlap shows in the two lines (Ann's ends 30 min into Bob's).
    ann_ends = (start + timedelta(minutes=60)).astimezone(_london()).strftime("%H:%M")
    text = alerts[0]["slack_chat_post_message"]["text"]
    (ann_line,) = [line for line in text.splitlines() if a["id"] in line]
    assert ann_ends in ann_line, text
    assert "Two Scheduled sessions overlap (same associate)" in text, text

    sessions.update(b["id"], {"Session Date": _iso(start + timedelta(hours=3))})
    wait_for(
        lambda: (
            not sessions.get(a["id"])["fields"].get("Conflict")
            and not sessions.get(b["id"])["fields"].get("Conflict")
        ),
        timeout=30,
        what="Conflict cleared on both",
    )
    assert len(_conflict_alerts(live, a["id"], b["id"])) == 1

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


def test_completed_date__stamped_when_done_cleared_when_reopened(live) -> None:
    """The client ticks an item done in her portal, then reopens it ("not done after all"): Completed Date
    is the day she ticked it (the business's day: London here), then empty again; ticked again, dated
    afresh."""
    items = live.table("Action Items")
    item = items.create({"Description": "Walk the floor with the night shift", "Status": "Open"})
    items.update(item["id"], {"Status": "Complete"})
    today = datetime.now(_london()).date().isoformat()
    wait_for(lambda: items.get(item["id"])["fields"].get("Completed Date") == today, 30, "Completed Date")
    items.update(item["id"], {"Status": "Open"})
    wait_for(lambda: "Completed Date" not in items.get(item["id"])["fields"], 30, "Completed Date cleared")
    items.update(item["id"], {"Status": "Complete"})
    wait_for(lambda: items.get(item["id"])["fields"].get("Completed Date") == today, 30, "dated again")


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


def _reminder_messages(world, session_id: str) -> list[dict]:
    """The session's reminder emails (invitations and cancellations), found by their dedupe key: the link to
    a deleted session goes with it."""
    rows = world.table("Messages").all()
    return [
        r["fields"] for r in rows if r["fields"].get("Dedupe Key", "").startswith(f"{session_id}:reminder:")
    ]


def _of_sequence(world, session_id: str, number: int, status: str = "Sent") -> list[dict]:
    return [
        m
        for m in _reminder_messages(world, session_id)
        if m["Dedupe Key"].split(":")[2] == str(number) and m.get("Status") == status
    ]


def _calendar(message: dict) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(message["Invitation"])


def _invited_session(world, name: str, client_zone: str = "", host_zone: str = "") -> dict:
    """A session in three hours with a client and an associate, its invitation sent by the reminders job;
    each person's Time Zone when given."""
    zone = {"Time Zone": client_zone} if client_zone else {}
    client = world.table("Clients").create(
        {"Name": f"{name} Client", "Email": f"{name.lower()}@c.example", **zone}
    )
    zone = {"Time Zone": host_zone} if host_zone else {}
    host = world.table("Associates").create(
        {"Name": f"{name} Host", "Email": f"{name.lower()}@a.example", **zone}
    )
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=3)
    session = world.table("Coaching Sessions").create(
        {
            "Name": f"{name} #1",
            "Client": [client["id"]],
            "Associate": [host["id"]],
            "Status": "Scheduled",
            "Session Date": _iso(start),
            "Duration": 3600,
        }
    )
    assert world.apps[0].cron("session-reminders").status_code == 200
    sent = wait_for(lambda: len(_of_sequence(world, session["id"], 0)) == 2, 30, "the invitation sent")
    assert sent
    return session


def _nothing_more_after_the_next_run_and_ping(world, session_id: str, count: int) -> None:
    """Exactly once: the next reminders run and a second ping send no second cancellation."""
    assert world.apps[0].cron("session-reminders").status_code == 200
    body, mac = world.signed_ping()
    assert world.apps[0].ping(body, mac).status_code == 200
    world.settled()
    assert len(_reminder_messages(world, session_id)) == count


def test_cancelled_after_its_invitation__the_calendars_get_the_cancellation_at_once_and_once(live) -> None:
    session = _invited_session(live, "Cora")
    live.table("Coaching Sessions").update(session["id"], {"Status": "Cancelled"})
    cancels = wait_for(
        lambda: len(_of_sequence(live, session["id"], 1)) == 2 and _of_sequence(live, session["id"], 1),
        timeout=30,
        what="the cancellation sent by the webhook, before the next reminders run",
    )
    invites = {m["Recipient"]: m for m in _of_sequence(live, session["id"], 0)}
    assert sorted(m["Recipient"] for m in cancels) == ["cora@a.example", "cora@c.example"]
    for m in cancels:
        calendar, sent = _calendar(m), _calendar(invites[m["Recipient"]])
        (event,), (was,) = calendar.walk("VEVENT"), sent.walk("VEVENT")
        assert str(calendar["method"]) == "CANCEL" and m["Subject"].startswith("Cancelled:")
        assert str(event["uid"]) == str(was["uid"]) and int(event["sequence"]) == int(was["sequence"]) + 1
        assert event.decoded("dtstart") == was.decoded("dtstart")
    # Each is told who it was with (the names her invitation gave): an associate has many clients.
    bodies = {m["Recipient"]: m.get("Body", "") for m in cancels}
    assert "with Cora Client" in bodies["cora@a.example"] and "Cora Host" not in bodies["cora@a.example"]
    assert "with Cora Host" in bodies["cora@c.example"]
    # The client's notice is signed, as her reminder was, by the associate who runs her sessions.
    assert bodies["cora@c.example"].split("Best wishes,")[-1].strip().splitlines()[0] == "Cora Host"
    fields = live.table("Coaching Sessions").get(session["id"])["fields"]
    assert "Reminded For" not in fields  # no calendar holds it: the reminders job owes it nothing
    _nothing_more_after_the_next_run_and_ping(live, session["id"], 4)


def test_cancelled_after_its_invitation__each_person_reads_the_time_on_her_own_clock(live) -> None:
    """The client in India and the associate in Japan had their invitations on their own clocks; the
    cancellation the webhook sends each of them gives the time the same way, not the business's."""
    from zoneinfo import ZoneInfo

    session = _invited_session(live, "Ines", client_zone="Asia/Kolkata", host_zone="Tokyo")
    start = datetime.fromisoformat(
        live.table("Coaching Sessions").get(session["id"])["fields"]["Session Date"].replace("Z", "+00:00")
    )
    india = start.astimezone(ZoneInfo("Asia/Kolkata")).strftime("%a %-d %b, %H:%M IST")
    japan = start.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%a %-d %b, %H:%M JST")
    invites = {m["Recipient"]: m for m in _of_sequence(live, session["id"], 0)}
    assert invites["ines@c.example"]["Subject"].endswith(india)
    assert invites["ines@a.example"]["Subject"].endswith(japan)
    live.table("Coaching Sessions").update(session["id"], {"Status": "Cancelled"})
    cancels = wait_for(
        lambda: len(_of_sequence(live, session["id"], 1)) == 2 and _of_sequence(live, session["id"], 1),
        timeout=30,
        what="the cancellation sent by the webhook",
    )
    got = {m["Recipient"]: (m["Subject"], m.get("Body", "")) for m in cancels}
    assert got["ines@c.example"][0] == f"Cancelled: coaching session {india}"
    assert f"on {india} is cancelled" in got["ines@c.example"][1]
    assert got["ines@a.example"][0] == f"Cancelled: coaching session {japan}"
    assert f"on {japan} is cancelled" in got["ines@a.example"][1]


def test_deleted_after_its_invitation__the_calendars_get_the_cancellation_from_the_sent_one(live) -> None:
    session = _invited_session(live, "Dara")
    live.table("Coaching Sessions").delete(session["id"])
    cancels = wait_for(
        lambda: len(_of_sequence(live, session["id"], 1)) == 2 and _of_sequence(live, session["id"], 1),
        timeout=30,
        what="the cancellation of the deleted session",
    )
    invites = {m["Recipient"]: m for m in _of_sequence(live, session["id"], 0)}
    assert sorted(m["Recipient"] for m in cancels) == ["dara@a.example", "dara@c.example"]
    for m in cancels:
        (event,), (was,) = _calendar(m).walk("VEVENT"), _calendar(invites[m["Recipient"]]).walk("VEVENT")
        assert str(_calendar(m)["method"]) == "CANCEL"
        assert str(event["uid"]) == str(was["uid"]) and int(event["sequence"]) > int(was["sequence"])
        assert event.decoded("dtstart") == was.decoded("dtstart")
        assert {str(a) for a in event["attendee"]} == {str(a) for a in was["attendee"]}
    _nothing_more_after_the_next_run_and_ping(live, session["id"], 4)


def test_cancelled_or_deleted_before_any_invitation__nobody_is_sent_a_cancellation(live) -> None:
    client = live.table("Clients").create({"Name": "Eve", "Email": "eve@c.example"})
    sessions = live.table("Coaching Sessions")
    later = _iso(datetime.now(UTC) + timedelta(days=5))  # beyond the reminder window: never invited
    rows = [
        sessions.create(
            {"Name": f"Eve #{n}", "Client": [client["id"]], "Status": "Scheduled", "Session Date": later}
        )
        for n in (1, 2)
    ]
    live.settled()
    sessions.update(rows[0]["id"], {"Status": "Cancelled"})
    sessions.delete(rows[1]["id"])
    live.settled()
    assert _reminder_messages(live, rows[0]["id"]) == [] and _reminder_messages(live, rows[1]["id"]) == []


def test_cancelled_by_the_coach__cancelled_at_is_stamped_and_cleared_when_it_is_back_on(live) -> None:
    """The coach's Cancelled reaches the app by the webhook: Cancelled At is when it did (billing charges a
    cancellation within the notice period as late); set back to Scheduled it goes, so a later cancellation
    is timed afresh; a time the coach typed herself stays."""
    client = live.table("Clients").create({"Name": "Gus", "Email": "gus@c.example"})
    sessions = live.table("Coaching Sessions")
    later = _iso(datetime.now(UTC) + timedelta(days=5))
    row = sessions.create(
        {"Name": "Gus #1", "Client": [client["id"]], "Status": "Scheduled", "Session Date": later}
    )
    live.settled()
    before = datetime.now(UTC).replace(microsecond=0)
    sessions.update(row["id"], {"Status": "Cancelled"})
    stamped = wait_for(
        lambda: sessions.get(row["id"])["fields"].get("Cancelled At"), timeout=30, what="Cancelled At"
    )
    at = datetime.fromisoformat(stamped.replace("Z", "+00:00"))
    assert before - timedelta(seconds=1) <= at <= datetime.now(UTC)
    sessions.update(row["id"], {"Status": "Scheduled"})
    wait_for(lambda: "Cancelled At" not in sessions.get(row["id"])["fields"], timeout=30, what="cleared")
    typed = _iso(datetime.now(UTC) - timedelta(days=1))
    sessions.update(row["id"], {"Status": "Cancelled", "Cancelled At": typed})
    live.settled()
    assert sessions.get(row["id"])["fields"]["Cancelled At"] == typed


def test_cancelled_at_is_when_the_coach_cancelled__not_when_the_change_was_processed(live) -> None:
    """A ping Airtable retries, or the daily catch-up, processes a change hours after it was made: Cancelled
    At is the payload's time (when the coach set Cancelled), else a cancellation in good time would be
    charged as a late one. The server's clock is set back while she makes the change, so its payload is
    stamped three days before the app processes it."""
    client = live.table("Clients").create({"Name": "Ida", "Email": "ida@c.example"})
    sessions = live.table("Coaching Sessions")
    start = datetime.now(UTC) + timedelta(days=1)
    row = sessions.create(
        {"Name": "Ida #1", "Client": [client["id"]], "Status": "Scheduled", "Session Date": _iso(start)}
    )
    live.settled()
    live.srv.advance_clock(-3 * 86400)
    try:
        made = datetime.now(UTC) - timedelta(days=3)
        sessions.update(row["id"], {"Status": "Cancelled"})
    finally:
        live.srv.advance_clock(3 * 86400)
    stamped = wait_for(
        lambda: sessions.get(row["id"])["fields"].get("Cancelled At"), timeout=30, what="Cancelled At"
    )
    at = datetime.fromisoformat(stamped.replace("Z", "+00:00"))
    assert abs(at - made) < timedelta(minutes=5), (stamped, made)


def test_cancelled_after_its_start__no_cancelled_at_is_guessed(live) -> None:
    """A session set Cancelled once its start has passed is the coach tidying the grid: when the client
    cancelled is not known, so no time is stamped (billing would charge it as a late cancellation); a
    session cancelled beforehand in the same change is stamped, so the change was processed."""
    client = live.table("Clients").create({"Name": "Hal", "Email": "hal@c.example"})
    sessions = live.table("Coaching Sessions")
    past = sessions.create(
        {"Name": "Hal #1", "Client": [client["id"]], "Status": "Scheduled",
         "Session Date": _iso(datetime.now(UTC) - timedelta(days=3))}
    )  # fmt: skip
    ahead = sessions.create(
        {"Name": "Hal #2", "Client": [client["id"]], "Status": "Scheduled",
         "Session Date": _iso(datetime.now(UTC) + timedelta(days=3))}
    )  # fmt: skip
    live.settled()
    sessions.batch_update([{"id": r["id"], "fields": {"Status": "Cancelled"}} for r in (past, ahead)])
    wait_for(lambda: sessions.get(ahead["id"])["fields"].get("Cancelled At"), timeout=30, what="stamped")
    live.settled()
    assert "Cancelled At" not in sessions.get(past["id"])["fields"]


def test_a_scheduled_session_whose_duration_is_not_a_length_is_reported(live) -> None:
    """Duration -1:00 (an end typed before the start) or 0: the invitation and the double-booking check use
    the default length instead, so the run names the session and what to fix; a real length says nothing."""
    sessions = live.table("Coaching Sessions")
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=9)
    rows = [
        sessions.create({"Name": name, "Status": "Scheduled", "Duration": seconds,
                         "Session Date": _iso(start + timedelta(hours=k * 3))})
        for k, (name, seconds) in enumerate((("Backwards", -3600), ("Zero", 0), ("Fine", 2700)))
    ]  # fmt: skip
    ids = [r["id"] for r in rows]

    def reported():
        found = {}
        for run in live.table("Automation Runs").all():
            for p in json.loads(run["fields"].get("Details") or "{}").get("problems") or []:
                if p.get("record") in ids:
                    found[p["record"]] = p
        return found if len(found) >= 2 else None

    found = wait_for(reported, timeout=30, what="the duration problems in the run records")
    live.settled()
    found = reported()
    assert set(found) == {ids[0], ids[1]}  # not the 45-minute one
    assert found[ids[0]]["field"] == "duration"
    # A Name may carry the client's: the run keeps no content of the record, the reason names it by its time.
    assert "Backwards" not in json.dumps(found) and "name" not in found[ids[0]]
    day = f"{start.astimezone(ZoneInfo('Europe/London')):%a %-d %b}"
    assert day in found[ids[0]]["reason"], found[ids[0]]["reason"]
    assert "negative" in found[ids[0]]["reason"] and "zero" in found[ids[1]]["reason"]
    assert "default 60 minutes" in found[ids[0]]["reason"]
