"""setup_base over real HTTP against the local server: a fresh base, a second run, drift, settings."""

from __future__ import annotations

from dataclasses import replace

from schema.tables import ALL_TABLES, CLIENTS, SESSIONS, TABLES
from scripts import setup_base
from scripts.setup.match import match_base
from tests.gateway.base_builder import build_base
from tests.setup.conftest import writes

LINK = "multipleRecordLinks"


def schema_of(srv, base_id: str) -> dict:
    api = srv.api()
    return api.get(api.build_url("meta/bases", base_id, "tables"))


def test_empty_base_gets_all_tables_fields_and_two_sided_links(srv, use_base, capsys):
    base_id = use_base()
    assert setup_base.main([]) == 0
    out = capsys.readouterr().out
    assert "+ table Leads" in out and "Settings:" in out
    matches = match_base(schema_of(srv, base_id))
    assert sum(tm.found for tm in matches.values()) == 13
    for t in ALL_TABLES:
        tm = matches[t.key]
        assert tm.by == "marker", t.key
        for f in t.fields:
            fm = tm.fields[f.key]
            assert fm.field is not None and fm.by == "marker", f"{t.name}.{f.name} missing"
            assert (fm.field["name"], fm.field["type"]) == (f.name, f.type)
            for choice in f.choices:
                assert choice in [c["name"] for c in fm.field["options"]["choices"]]
            if f.type == LINK:
                assert fm.field["options"]["linkedTableId"] == matches[f.link_table].id
                if f.inverse:
                    other = matches[f.link_table].fields[f.inverse].field
                    assert fm.field["options"]["inverseLinkFieldId"] == other["id"]
                    assert other["options"]["inverseLinkFieldId"] == fm.field["id"]


def test_second_run_makes_zero_write_calls(srv, use_base, capsys):
    use_base()
    assert setup_base.main([]) == 0
    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []
    assert "The base is in shape: nothing to do (0 write calls)." in capsys.readouterr().out


def test_setup_names_the_settings_clients_read_while_they_still_hold_the_demo_business(srv, use_base, capsys):
    """Every email is signed and footed with General settings: left at the seeded demo values, a real
    business's clients read "Sarah Cave, 1 Example Street, London". Setup names those until they are hers,
    and only those (one typed in another case of key is hers too)."""
    base_id = use_base()
    assert setup_base.main([]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "demo business" in x)
    for key in ("business_name", "coach_name", "coach_email", "postal_address"):
        assert f"general.{key} (" in line
    assert "'1 Example Street, London, UK'" in line
    api = srv.api()
    table = api.table(base_id, "Settings")
    for row in table.all():
        key = row["fields"].get("Key")
        if key == "general.postal_address":
            table.update(row["id"], {"Key": " General.Postal_Address", "Value": "12 Long St, Cape Town"})
        elif key == "general.coach_name":
            table.update(row["id"], {"Value": "Thandi Mokoena"})
    assert setup_base.main([]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "demo business" in x)
    assert "general.business_name (" in line and "general.coach_email (" in line
    assert "postal_address" not in line and "coach_name" not in line
    keys = [(r["fields"].get("Key") or "").strip().lower() for r in table.all()]
    assert keys.count("general.postal_address") == 1  # her row, not a second default one beside it
    for row in table.all():
        if (row["fields"].get("Key") or "").strip().lower() in (
            "general.business_name",
            "general.coach_email",
        ):
            table.update(
                row["id"], {"Value": "Thandi Leads" if "name" in row["fields"]["Key"] else "t@tl.example"}
            )
    assert setup_base.main([]) == 0
    assert "demo business" not in capsys.readouterr().out


def test_dry_run_prints_the_plan_and_writes_nothing(srv, use_base, capsys):
    use_base()
    srv.clear_requests()
    assert setup_base.main(["--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "+ table Coaching Sessions" in out and "+ link Leads.Deals <-> Deals.Lead" in out
    assert "dry run, nothing written" in out
    assert writes(srv) == []


def test_settings_seeded_once_and_the_coachs_value_kept(srv, use_base):
    base_id = use_base()
    assert setup_base.main([]) == 0
    table = srv.api().table(base_id, "Settings")
    rows = table.all()
    assert len(rows) > 20 and all(r["fields"].get("Description") for r in rows)
    hot = next(r for r in rows if r["fields"]["Key"] == "scoring.hot_min")
    table.update(hot["id"], {"Value": "85"})
    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []
    assert table.get(hot["id"])["fields"]["Value"] == "85"
    assert len(table.all()) == len(rows)


def test_field_of_another_type_is_reported_with_the_fix(srv, use_base, capsys):
    leads = {
        "name": "Leads",
        "fields": [
            {"name": "Name", "type": "singleLineText"},
            {"name": "Lead Score", "type": "singleLineText", "description": "typed by hand [los:lead_score]"},
        ],
    }
    use_base(srv.create_base("Drift", tables=[leads]))
    assert setup_base.main(["--no-backup"]) == 0
    out = capsys.readouterr().out
    assert "! Leads.Lead Score is Single line text; the automation needs Number (precision 0)" in out
    assert 'fix: in Airtable, change the type of "Lead Score" to Number (precision 0)' in out
    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []
    out = capsys.readouterr().out
    assert "! Leads.Lead Score" in out and "in shape" not in out


def test_field_renamed_in_the_ui_is_recognised(srv, use_base, capsys):
    base_id = use_base()
    assert setup_base.main([]) == 0
    matches = match_base(schema_of(srv, base_id))
    health = matches["clients"].fields["health_score"].field
    api = srv.api()
    url = api.build_url("meta/bases", base_id, "tables", matches["clients"].id, "fields", health["id"])
    api.patch(url, json={"name": "Health"})
    capsys.readouterr()
    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []
    out = capsys.readouterr().out
    assert 'Clients.Health is the field the docs call "Health Score"' in out
    assert "+ field" not in out


def test_base_of_the_previous_release_gets_clients_email_status_and_nothing_else(srv, use_base, capsys):
    base_id = use_base()
    before = replace(CLIENTS, fields=[f for f in CLIENTS.fields if f.key != "email_status"])
    build_base(srv.url, base_id, [before if t.key == "clients" else t for t in ALL_TABLES])
    srv.api().table(base_id, "Clients").create({"Name": "A real client", "Email": "real@client.com"})
    assert setup_base.main(["--dry-run"]) == 0
    plan = capsys.readouterr().out
    assert (
        "Plan (1 steps; dry run, nothing written):\n  + field Clients.Email Status (singleSelect)\n" in plan
    )
    assert setup_base.main(["--no-backup"]) == 0
    status = match_base(schema_of(srv, base_id))["clients"].fields["email_status"]
    assert status.by == "marker"
    assert [c["name"] for c in status.field["options"]["choices"]] == TABLES["leads"]["email_status"].choices
    assert srv.api().table(base_id, "Clients").all()[0]["fields"]["Email"] == "real@client.com"
    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []


def test_base_before_late_cancellations_gets_sessions_cancelled_at_and_the_notice_setting(
    srv, use_base, capsys
):
    """A connected base from before the late-cancellation policy: setup adds Cancelled At to its sessions
    (nothing else) and the billing.late_cancel_hours row, 0 (no notice period: billing as before)."""
    base_id = use_base()
    before = replace(SESSIONS, fields=[f for f in SESSIONS.fields if f.key != "cancelled_at"])
    build_base(srv.url, base_id, [before if t.key == "sessions" else t for t in ALL_TABLES])
    assert setup_base.main(["--dry-run"]) == 0
    plan = capsys.readouterr().out
    assert (
        "Plan (1 steps; dry run, nothing written):\n  + field Coaching Sessions.Cancelled At (dateTime)\n"
        in plan
    )
    assert setup_base.main(["--no-backup"]) == 0
    assert match_base(schema_of(srv, base_id))["sessions"].fields["cancelled_at"].by == "marker"
    rows = {
        r["fields"].get("Key"): r["fields"].get("Value") for r in srv.api().table(base_id, "Settings").all()
    }
    assert rows.get("billing.late_cancel_hours") in ("0", "", None) and "billing.late_cancel_hours" in rows
    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []


def test_her_settings_table_with_a_column_of_another_type_is_reported_not_seeded(srv, use_base, capsys):
    mine = {
        "name": "Settings",
        "fields": [
            {"name": "Name", "type": "singleLineText"},
            {"name": "Key", "type": "number", "options": {"precision": 0}},
        ],
    }
    base_id = use_base(srv.create_base("Her settings", tables=[mine]))
    srv.api().table(base_id, "Settings").create({"Name": "tax", "Key": 20})
    assert setup_base.main(["--no-backup"]) == 0
    out = capsys.readouterr().out
    assert "! Settings.Key is Number (precision 0); the automation needs Single line text" in out
    assert "Settings: defaults not written until the Settings fields below are fixed" in out
    rows = srv.api().table(base_id, "Settings").all()
    assert [r["fields"] for r in rows] == [{"Name": "tax", "Key": 20}]
    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []
