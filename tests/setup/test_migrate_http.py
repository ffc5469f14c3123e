"""The coach's existing five-table base: refused without a backup, backed up, migrated without data loss."""

from __future__ import annotations

import csv
import json

from scripts import backup_base, setup_base
from scripts.setup.match import match_base
from tests.setup.conftest import writes
from tests.setup.legacy_http import TABLES, build_legacy_base, snapshot

OLD = [t["name"] for t in TABLES]


def test_backup_then_setup_keeps_every_record_and_value(srv, use_base, capsys, tmp_path):
    base_id = use_base(build_legacy_base(srv))
    before = snapshot(srv, base_id, OLD)
    assert sum(len(r) for r in before.values()) == 18

    srv.clear_requests()
    assert setup_base.main([]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "holds records and has no backup from today" in err
    assert writes(srv) == []

    assert backup_base.main([]) == 0
    folder = next((tmp_path / "backups" / base_id).iterdir())
    manifest = json.loads((folder / "manifest.json").read_text())
    assert {t["name"]: t["records"] for t in manifest["tables"]} == {n: len(before[n]) for n in OLD}
    assert {t["name"] for t in json.loads((folder / "schema.json").read_text())["tables"]} == set(OLD)
    saved = json.loads((folder / "clients.json").read_text())["records"]
    assert {r["id"]: r["fields"] for r in saved} == before["Clients"]
    with (folder / "action-items.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["Client"] for r in rows} == {"Client 0", "Client 1", "Client 2", "Client 3"}  # links by name

    capsys.readouterr()
    assert setup_base.main([]) == 0
    out = capsys.readouterr().out
    assert "! Clients.Usage Frequency is a Single line text field of the old base" in out
    assert '"Usage Frequency" in Airtable' in out
    assert (
        "! Coaching Sessions.Satisfaction is Number (precision 0); the automation needs Rating (max 5)" in out
    )

    after = snapshot(srv, base_id, OLD)
    for table, records in before.items():
        assert set(after[table]) == set(records), table
        for rec_id, fields in records.items():
            for name, value in fields.items():
                assert after[table][rec_id].get(name) == value, f"{table} {rec_id} {name}"

    api = srv.api()
    matches = match_base(api.get(api.build_url("meta/bases", base_id, "tables")))
    assert all(tm.found for tm in matches.values())
    assert matches["clients"].fields["sessions"].field["name"] == "Coaching Sessions"  # adopted, not doubled
    assert matches["sessions"].fields["session_date"].field["name"] == "Date & Time"
    assert matches["clients"].fields["usage_freq"].field["type"] == "number"
    statuses = [c["name"] for c in matches["action_items"].fields["status"].field["options"]["choices"]]
    assert statuses[:2] == ["Open", "Done"] and "Complete" in statuses  # her choice kept, ours added

    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []


def test_no_backup_flag_migrates_anyway(srv, use_base, capsys):
    use_base(build_legacy_base(srv))
    assert setup_base.main(["--no-backup"]) == 0
    assert "Done:" in capsys.readouterr().out


def test_dry_run_on_a_base_with_records_says_it_would_stop(srv, use_base, capsys):
    use_base(build_legacy_base(srv))
    srv.clear_requests()
    assert setup_base.main(["--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "a real run would stop here" in out and "~ table Clients: mark [los:clients]" in out
    assert writes(srv) == []


def test_asks_before_changing_an_existing_base_when_run_by_a_person(srv, use_base, capsys, monkeypatch):
    use_base(build_legacy_base(srv))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    srv.clear_requests()
    assert setup_base.main(["--no-backup"]) == 3
    assert "nothing changed" in capsys.readouterr().err
    assert writes(srv) == []
    assert setup_base.main(["--no-backup", "--yes"]) == 0


def test_hand_made_clients_table_with_emoji_and_own_primary_field_is_adopted(srv, use_base, capsys):
    mine = {
        "name": "👥 Clients",
        "fields": [
            {"name": "Client Name", "type": "singleLineText"},
            {"name": "Email", "type": "email"},
        ],
    }
    base_id = use_base(srv.create_base("Hand made", tables=[mine]))
    api = srv.api()
    rec = api.table(base_id, "👥 Clients").create({"Client Name": "Ada", "Email": "ada@x.example"})
    assert setup_base.main(["--no-backup"]) == 0
    schema = api.get(api.build_url("meta/bases", base_id, "tables"))
    assert [t["name"] for t in schema["tables"]].count("Clients") == 0  # no second, empty Clients
    clients = match_base(schema)["clients"]
    assert clients.name == "👥 Clients" and clients.fields["name"].field["name"] == "Client Name"
    assert "Name" not in [f["name"] for f in clients.base_fields]
    assert api.table(base_id, clients.id).get(rec["id"])["fields"] == {
        "Client Name": "Ada",
        "Email": "ada@x.example",
    }
    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []


def test_a_base_with_past_sessions_gets_bill_from_so_they_are_not_billed_again(srv, use_base, capsys):
    """Her sessions were billed outside Airtable and are on no invoice: left blank, billing.bill_from would
    let the first billing run bill every one of them. Setup sets it to the first of this month and says so;
    a base without sessions keeps it blank, and a value she typed is hers."""
    from datetime import date

    base_id = use_base(build_legacy_base(srv))
    assert setup_base.main(["--no-backup"]) == 0
    first = date.today().replace(day=1).isoformat()
    assert f"billing.bill_from set to {first}" in capsys.readouterr().out
    settings = srv.api().table(base_id, "Settings")
    (row,) = [r for r in settings.all() if r["fields"].get("Key") == "billing.bill_from"]
    assert row["fields"].get("Value") == first
    settings.update(row["id"], {"Value": "2025-06-01"})
    assert setup_base.main(["--no-backup"]) == 0
    assert "bill_from" not in capsys.readouterr().out
    assert settings.get(row["id"])["fields"]["Value"] == "2025-06-01"

    empty = use_base()
    assert setup_base.main([]) == 0
    assert "bill_from" not in capsys.readouterr().out
    rows = srv.api().table(empty, "Settings").all(formula="{Key}='billing.bill_from'")
    assert [r["fields"].get("Value") for r in rows] == [None]
