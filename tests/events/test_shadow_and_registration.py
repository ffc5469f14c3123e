"""Shadow mode honoured at the single write path; webhook registration idempotent and safe to re-run."""

from __future__ import annotations

import json

from tests.events.harness import AppProcess


def _set_mode(world, mode):
    settings = world.table("Settings")
    (row,) = [r for r in settings.all() if r["fields"].get("Key") == "general.automation_mode"]
    settings.update(row["id"], {"Value": mode})


def _webhooks(world):
    return {h.id: h for h in world.person.base(world.base_id).webhooks()}


def _mode(world) -> str:
    settings = world.table("Settings")
    (row,) = [r for r in settings.all() if r["fields"].get("Key") == "general.automation_mode"]
    return row["fields"].get("Value") or "Live"


def test_shadow__run_record_describes_the_write_and_nothing_is_written(world):
    world.quiet()
    was = _mode(world)
    _set_mode(world, "Shadow")
    # A cold instance reads the mode now; the module's app may hold settings cached by an earlier test.
    app = AppProcess(world.env, world.catalog)
    try:
        leads = world.table("Leads")
        rec = leads.create({"Name": " Sha Dow ", "Email": "SHA@X.IO", "Status": "Qualified"})
        assert app.ping(*world.signed_ping()).status_code == 200
    finally:
        app.stop()
        _set_mode(world, was)
    assert world.app_requests("PATCH", world.table_id("Leads")) == []
    assert world.app_requests("POST", world.table_id("Deals")) == []
    assert leads.get(rec["id"])["fields"]["Email"] == "SHA@X.IO"
    (run,) = [
        r["fields"]
        for r in world.table("Automation Runs").all()
        if rec["id"] in r["fields"].get("Details", "")
    ]
    assert run["Mode"] == "Shadow" and run["Outcome"] == "Success" and run["Records Written"] == 0
    intended = json.loads(run["Details"])["intended_writes"]
    assert {"op": "update", "table": "leads", "record": rec["id"], "fields": ["email", "name"]} in intended
    assert {"op": "upsert", "table": "deals", "record": None, "fields": ["deal_name", "lead"]} in intended


def test_register__second_run_keeps_the_webhook_and_creates_nothing(world):
    world.srv.clear_requests()
    actions = world.register_actions(world.apps[0].url)
    assert actions == [f"kept {world.webhook_id}: same URL and specification (expiry extended)"]
    assert [r for r in world.app_requests("POST") if r["path"].endswith("/webhooks")] == []
    assert set(_webhooks(world)) == {world.webhook_id}


def test_register__webhook_whose_secret_was_never_stored_is_deleted(world):
    url = world.apps[0].url + "/api/webhooks/airtable"
    stray = (
        world.srv.api(world.env["AIRTABLE_API_KEY"])
        .base(world.base_id)
        .add_webhook(url, {"options": {"filters": {"dataTypes": ["tableData"]}}})
    )
    actions = world.register_actions(world.apps[0].url)
    assert f"deleted {stray.id}: its MAC secret was never stored" in actions
    assert set(_webhooks(world)) == {world.webhook_id}


def test_register__changed_specification_creates_new_drains_old_then_deletes_it(world):
    _set_mode(world, "Live")
    world.quiet()
    leads = world.table("Leads")
    rec = leads.create({"Name": "Pending", "Email": "PENDING@X.IO"})  # pending on the old webhook
    old = world.webhook_id
    new = world.register(world.apps[0].url, catalog=("automation.leads.hygiene",))  # fewer fields watched
    assert new != old
    assert world.actions[0] == f"created {new} for {world.apps[0].url}/api/webhooks/airtable"
    assert world.actions[-1] == f"replaced {old} by {new} (drained, then deleted)"
    assert set(_webhooks(world)) == {new}
    assert leads.get(rec["id"])["fields"]["Email"] == "pending@x.io"  # drained before deletion
    # Leave the module's world as the other tests expect it: one webhook with the full catalog's spec.
    world.webhook_id = world.register(world.apps[0].url)
    assert set(_webhooks(world)) == {world.webhook_id}
