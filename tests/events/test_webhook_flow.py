"""Over real HTTP: base change -> signed ping -> payloads -> automations -> results written; the run log."""

from __future__ import annotations

import json

import pytest

from tests.events.harness import SECRETS, wait_for


@pytest.fixture
def quiet(world):
    """Automatic pings off and nothing in flight: the test sends pings itself and counts exactly."""
    world.quiet()
    return world


def _runs(world, job="webhook"):
    return [r["fields"] for r in world.table("Automation Runs").all() if r["fields"].get("Job") == job]


def test_change_in_base__automatic_ping_processed_and_result_written(world):
    world.srv.set_faults(drop_notifications=False)
    leads = world.table("Leads")
    rec = leads.create({"Name": "  Ana  Lopez ", "Email": "Ana@Example.COM"})
    done = wait_for(
        lambda: (r := leads.get(rec["id"]))["fields"].get("Email") == "ana@example.com" and r,
        what="hygiene to lowercase the email",
    )
    assert done["fields"]["Name"] == "Ana Lopez"
    line = wait_for(lambda: _quiet_line(world, rec["id"]), what="the run logged with the cursor")
    assert line["written"] >= 1 and line["calls"] >= 3


def _quiet_lines(world) -> list[dict]:
    """The quiet successful runs the app processes keep in System State (not yet in Automation Runs)."""
    return [x for e in world.state().runs.values() for x in json.loads(e.value or "[]")]


def _quiet_line(world, record_id: str) -> dict | None:
    return next((x for x in _quiet_lines(world) if record_id in json.dumps(x)), None)


def test_quiet_successes__saved_with_the_cursor_then_one_automation_runs_record_for_twenty(quiet):
    """A run that changed records and had no problem costs no Automation Runs request of its own: its line
    rides on the cursor save; every 20th moves the series to Automation Runs as one record."""
    from automation.events.drain import QUIET_FLUSH_RUNS

    world = quiet
    leads, runs_id = world.table("Leads"), world.table_id("Automation Runs")
    app, state_id = world.apps[0], world.table_id("System State")
    made = leads.batch_create([{"Name": f"Q{i}", "Phone": "1"} for i in range(QUIET_FLUSH_RUNS + 1)])
    world.srv.clear_requests()
    flushes = []
    for i, rec in enumerate(made, start=1):
        leads.update(rec["id"], {"Email": f"Q{i}@Quiet.Test"})
        posts, saves = len(world.app_requests("POST", runs_id)), len(world.app_requests("PATCH", state_id))
        assert app.ping(*world.signed_ping()).status_code == 200
        assert len(world.app_requests("PATCH", state_id)) == saves + 1  # cursor and log line: one request
        flushes += [i] * (len(world.app_requests("POST", runs_id)) - posts)
    assert len(flushes) == 1  # 21 quiet runs: one series of 20 reached Automation Runs
    flushed = [r for r in _runs(world) if "quiet runs" in r.get("Details", "")]
    assert flushed and flushed[-1]["Outcome"] == "Success" and flushed[-1]["Trigger"] == "Webhook"
    listed = json.loads(flushed[-1]["Details"])["quiet runs"]
    assert len(listed) == QUIET_FLUSH_RUNS
    assert flushed[-1]["Records Written"] == sum(x["written"] for x in listed)
    assert made[flushes[0] - 1]["id"] in flushed[-1]["Details"]
    assert _quiet_line(world, made[-1]["id"]) is not None  # the next series has begun


def test_catch_up__moves_the_quiet_runs_of_processes_gone_quiet_for_an_hour(quiet):
    from datetime import UTC, datetime, timedelta

    world = quiet
    leads = world.table("Leads")
    rec = leads.create({"Name": "Old", "Email": "OLD@Quiet.Test"})
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    assert _quiet_line(world, rec["id"]) is not None
    entries = world.table("System State")
    hour_ago = (datetime.now(UTC) - timedelta(hours=1, minutes=1)).isoformat()
    for entry in world.state().runs.values():
        entries.update(entry.id, {"Updated At": hour_ago})
    r = world.apps[0].cron("catch-up")
    assert r.status_code == 200, r.text
    assert r.json()["webhooks"][world.webhook_id]["quiet runs logged"] >= 1
    assert world.state().runs == {}
    assert [x for x in _runs(world) if rec["id"] in x.get("Details", "")]


def test_five_records_in_one_transaction__one_read_and_one_write(quiet):
    world = quiet
    leads = world.table("Leads")
    made = leads.batch_create([{"Name": f"P{i}", "Phone": "1"} for i in range(5)])  # no watched field set
    world.srv.clear_requests()
    leads.batch_update([{"id": r["id"], "fields": {"Email": f"P{i}@X.IO"}} for i, r in enumerate(made)])
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    leads_id = world.table_id("Leads")
    assert len(world.app_requests("GET", leads_id)) == 1
    assert len(world.app_requests("PATCH", leads_id)) == 1
    assert {leads.get(r["id"])["fields"]["Email"] for r in made} == {f"p{i}@x.io" for i in range(5)}


def test_own_write_triggers_nothing_but_a_person_edit_of_the_same_field_does(quiet):
    world = quiet
    leads, leads_id = world.table("Leads"), world.table_id("Leads")
    rec = leads.create({"Name": "Cy", "Email": "CY@X.IO"})
    app = world.apps[0]
    assert app.ping(*world.signed_ping()).status_code == 200  # the person's create: one write
    assert len(world.app_requests("PATCH", leads_id)) == 1
    for _ in range(2):  # the payloads of our own write (and nothing else) are pending now
        assert app.ping(*world.signed_ping()).status_code == 200
    assert len(world.app_requests("PATCH", leads_id)) == 1
    leads.update(rec["id"], {"Email": "Cy@X.io"})  # the person types it again, by hand
    assert app.ping(*world.signed_ping()).status_code == 200
    assert len(world.app_requests("PATCH", leads_id)) == 2
    assert leads.get(rec["id"])["fields"]["Email"] == "cy@x.io"


def test_dependent_automation_runs_in_the_same_invocation(quiet):
    world = quiet
    leads, leads_id = world.table("Leads"), world.table_id("Leads")
    rec = leads.create({"Name": "Di", "Notes": "three words here"})
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    fields = leads.get(rec["id"])["fields"]
    assert fields["Replies"] == 3 and fields["Next Action"] == "Reply to 3 words"
    assert len(world.app_requests("PATCH", leads_id)) == 1  # both automations' fields in one write


def test_bad_mac__401_and_nothing_processed(quiet):
    world = quiet
    leads = world.table("Leads")
    rec = leads.create({"Name": "Ed", "Email": "ED@X.IO"})
    body, mac = world.signed_ping()
    for bad_body, bad_mac in [(body, mac[:-2] + "00"), (body + b" ", mac), (body, None)]:
        assert world.apps[0].ping(bad_body, bad_mac).status_code == 401
    assert world.app_requests(path_part="/payloads") == []
    assert world.app_requests("PATCH") == [] and world.app_requests("POST") == []
    assert leads.get(rec["id"])["fields"]["Email"] == "ED@X.IO"


def test_malformed_ping__400_and_nothing_processed(quiet):
    world = quiet
    r = world.apps[0].ping(b'{"base": "nope"}', "hmac-sha256=00")
    assert r.status_code == 400 and r.json()["error"]
    assert world.app_requests() == []


def test_failing_automation_on_one_record__run_partial_naming_it_and_others_written(quiet):
    world = quiet
    leads = world.table("Leads")
    made = leads.batch_create([{"Name": f"F{i}", "Phone": "1"} for i in range(3)])
    leads.batch_update(
        [
            {"id": r["id"], "fields": {"Company": c}}
            for r, c in zip(made, ["Acme", "BOOM", "Initech"], strict=True)
        ]
    )
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    industry = {r["id"]: leads.get(r["id"])["fields"].get("Industry") for r in made}
    assert industry == {made[0]["id"]: "Technology", made[1]["id"]: None, made[2]["id"]: "Technology"}
    (run,) = [r for r in _runs(world) if made[1]["id"] in r.get("Details", "")]
    assert run["Outcome"] == "Partial" and run["Records Written"] == 2
    (problem,) = json.loads(run["Details"])["problems"]
    assert problem["record"] == made[1]["id"] and "cannot classify company 'BOOM'" in problem["reason"]


def test_trigger_endpoint__runs_the_named_automation_on_the_record(quiet):
    """Automatic pings off: otherwise the webhook may tidy the new lead before the trigger call does (a test
    earlier in the module may have turned them on), and the call would find nothing to write."""
    import requests

    world = quiet

    leads = world.table("Leads")
    rec = leads.create({"Name": "  Gus  ", "Phone": "1"})
    url = f"{world.apps[0].url}/api/triggers/lead-hygiene"
    assert requests.post(url, json={"recordId": rec["id"]}, timeout=10).status_code == 401
    r = requests.post(
        url, json={"recordId": rec["id"]}, headers={"X-Trigger-Secret": SECRETS["TRIGGER_SECRET"]}, timeout=10
    )
    assert r.status_code == 200 and r.json() == {
        "automation": "lead-hygiene",
        "records": 1,
        "written": 1,
        "failed": {},
    }
    assert leads.get(rec["id"])["fields"]["Name"] == "Gus"
    run = [x for x in _runs(world, "lead-hygiene") if rec["id"] in x.get("Details", "")]
    assert run and run[0]["Trigger"] == "Trigger"
