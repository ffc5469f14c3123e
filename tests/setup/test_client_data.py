"""A client's data over real HTTP: export everything about one client, erase it, erase again (a no-op)."""

from __future__ import annotations

import json

from scripts import client_data, seed_demo, setup_base
from tests.setup.conftest import writes

SECRET = "confided her divorce is affecting the team"


def _all_records(api, base_id: str) -> dict[str, list[dict]]:
    tables = api.get(api.build_url("meta/bases", base_id, "tables"))["tables"]
    return {t["name"]: api.table(base_id, t["id"]).all() for t in tables}


def _client_with_history(api, base_id: str) -> dict:
    """A seeded client with sessions and invoices (the demo business has several)."""
    for c in api.table(base_id, "Clients").all():
        if c["fields"].get("Sessions") and c["fields"].get("Invoices"):
            return c
    raise AssertionError("the demo business has no client with sessions and invoices")


def test_export_then_erase__nothing_of_theirs_left_but_invoice_amounts(srv, use_base, tmp_path, capsys):
    base_id = use_base()
    assert setup_base.main([]) == 0
    assert seed_demo.main(["--today", "2026-11-22"]) == 0
    api = srv.api()
    client = _client_with_history(api, base_id)
    email, name = client["fields"]["Email"], client["fields"]["Name"]
    session_id = client["fields"]["Sessions"][0]
    api.table(base_id, "Coaching Sessions").update(session_id, {"Raw Notes": f"{name} {SECRET}."})
    api.table(base_id, "Messages").create(
        {"Title": "Notes", "Recipient": email, "Body": f"Dear {name}, {SECRET}", "Client": [client["id"]]}
    )
    api.table(base_id, "Automation Runs").create(
        {"Job": "session-notes", "Details": json.dumps({"records": [session_id, "recOther"]})}
    )
    other = next(c for c in api.table(base_id, "Clients").all() if c["id"] != client["id"])
    before = _all_records(api, base_id)
    invoices = {
        r["id"]: r["fields"] for r in before["Invoices"] if client["id"] in r["fields"].get("Client", [])
    }
    assert invoices

    # Export: everything about the client, and nothing about anyone else.
    assert client_data.main(["export", "--client", email.upper(), "--out", str(tmp_path / "exports")]) == 0
    (folder,) = (tmp_path / "exports").iterdir()
    doc = json.loads((folder / "everything.json").read_text())
    tables = doc["tables"]
    assert [r["id"] for r in tables["Clients"]] == [client["id"]]
    assert {r["id"] for r in tables["Coaching Sessions"]} == set(client["fields"]["Sessions"])
    assert {r["id"] for r in tables["Invoices"]} == set(invoices)
    assert any(SECRET in (r["fields"]["Raw Notes"] or "") for r in tables["Coaching Sessions"])
    assert any(r["fields"]["Recipient"] == email for r in tables["Messages"])
    assert other["id"] not in json.dumps(doc)
    assert (folder / "sessions.csv").read_text(encoding="utf-8-sig").count(SECRET) == 1

    # Erase: a backup first, then nothing personal anywhere; invoices keep their amounts.
    assert client_data.main(["erase", "--client", email, "--yes", "--backups", str(tmp_path / "b")]) == 0
    assert list((tmp_path / "b" / base_id).glob("*/manifest.json"))
    after = _all_records(api, base_id)
    for needle in (email, name, SECRET, client["id"]):
        holding = [(t, r["id"]) for t, rows in after.items() for r in rows if needle in json.dumps(r)]
        assert holding == [], needle
    for rid, fields in invoices.items():
        now = next(r["fields"] for r in after["Invoices"] if r["id"] == rid)
        for key in ("Invoice #", "Amount", "Tax Amount", "Total", "Status", "Period"):
            assert now.get(key) == fields.get(key), key
    (run,) = [r for r in after["Automation Runs"] if r["fields"].get("Job") == "session-notes"]
    assert json.loads(run["fields"]["Details"]) == {"records": ["[erased]", "recOther"]}
    # The sessions stay (anonymised) so associates' history and invoice links keep their counts.
    assert len(after["Coaching Sessions"]) == len(before["Coaching Sessions"])
    assert len(after["Clients"]) == len(before["Clients"]) - 1
    assert next(c for c in after["Clients"] if c["id"] == other["id"])["fields"] == other["fields"]

    # A second erase finds nothing and writes nothing.
    capsys.readouterr()
    srv.clear_requests()
    assert client_data.main(["erase", "--client", email, "--yes", "--backups", str(tmp_path / "b")]) == 0
    assert "Nothing to erase." in capsys.readouterr().out
    assert writes(srv) == []


def test_unknown_client__export_is_a_one_line_error(srv, use_base, tmp_path, capsys):
    use_base()
    assert setup_base.main([]) == 0
    assert client_data.main(["export", "--client", "nobody@example.com", "--out", str(tmp_path)]) == 1
    assert "holds nothing about nobody@example.com" in capsys.readouterr().err


def test_client_must_be_an_email(srv, use_base, capsys):
    use_base()
    assert client_data.main(["erase", "--client", "Jane Doe", "--yes"]) == 1
    assert "email address" in capsys.readouterr().err
