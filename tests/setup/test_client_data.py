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


def _person(api, base_id: str) -> dict:
    """A client, Ada Byron, with a session (an action item on it only), an invoice (a reminder on it only)
    and an associate; plus Bob, another client, whose records mention her."""
    t = lambda name: api.table(base_id, name)  # noqa: E731
    out: dict = {"t": t}
    out["assoc"] = t("Associates").create(
        {"Name": "Sam Coach", "Email": "sam@biz.test", "Flags": "Ada Byron: 2/5"}
    )
    out["ada"] = t("Clients").create(
        {"Name": "Ada Byron", "Email": "Ada.Byron+work@Gmail.com", "Stripe Customer ID": "cus_A1b2C3"}
    )
    out["bob"] = t("Clients").create({"Name": "Bob Roe", "Email": "bob@x.test", "Referral Src": "ada byron"})
    out["prefix"] = t("Clients").create({"Name": "Ada Byrons", "Email": "ab@x.test"})
    out["session"] = t("Coaching Sessions").create(
        {"Name": "Ada Byron, 3 Dec", "Client": [out["ada"]["id"]], "Associate": [out["assoc"]["id"]]}
    )
    out["bob_session"] = t("Coaching Sessions").create(
        {"Name": "Bob, 4 Dec", "Client": [out["bob"]["id"]], "Raw Notes": "Bob's peer Ada  Byron left."}
    )
    out["item"] = t("Action Items").create({"Description": "read a book", "Session": [out["session"]["id"]]})
    sid, aid = out["session"]["id"], out["assoc"]["id"]
    out["invoice"] = t("Invoices").create(
        {
            "Invoice #": "INV-7",
            "Client": [out["ada"]["id"]],
            "Sessions": [sid],
            "Amount": 150,
            "Lines": f"150.00 | {sid} | {aid} | Coaching for Ada Byron, 3 Dec",
        }
    )
    out["reminder"] = t("Messages").create({"Title": "Reminder", "Invoice": [out["invoice"]["id"]]})
    return out


def test_erase__her_name_address_and_ids_are_redacted_wherever_they_stay(srv, use_base, tmp_path):
    """Records that are someone else's (a run's problem, System State, another client's notes and referral,
    a report to the coach) keep their text with her taken out; a longer name is someone else."""
    base_id = use_base()
    assert setup_base.main([]) == 0
    api = srv.api()
    p = _person(api, base_id)
    t = p["t"]
    lead = t("Leads").create({"Name": "Carl", "Email": "carl@x.test", "Source Detail": "adabyron@gmail.com"})
    report = t("Messages").create(
        {"Title": "Weekly", "Recipient": "coach@biz.test", "Body": "Health movers: Ada Byron -20, Bob Roe +5"}
    )
    run = t("Automation Runs").create(
        {
            "Job": "stripe",
            "Outcome": "Partial",
            "Error": "cus_A1b2C3: no card",
            "Details": "Ada Byron: no phone",
        }
    )
    state = t("System State").create({"Key": "quiet", "Value": json.dumps([f"ok {p['ada']['id']}"])})

    assert (
        client_data.main(["export", "--client", p["ada"]["fields"]["Email"], "--out", str(tmp_path / "e")])
        == 0
    )
    (folder,) = (tmp_path / "e").iterdir()
    doc = json.loads((folder / "everything.json").read_text())
    assert doc["automation_runs"] == [run["id"]]
    assert p["bob_session"]["id"] in doc["mentioned_in"]["Coaching Sessions"]
    assert "Bob's peer" not in json.dumps(doc)  # another client's notes are not hers to take away

    assert client_data.main(["erase", "--client", p["ada"]["fields"]["Email"], "--yes"]) == 0
    after = _all_records(api, base_id)
    get = lambda table, rid: next(r["fields"] for r in after[table] if r["id"] == rid)  # noqa: E731
    assert get("Coaching Sessions", p["bob_session"]["id"])["Raw Notes"] == "Bob's peer [erased] left."
    assert get("Clients", p["bob"]["id"])["Referral Src"] == "[erased]"
    assert get("Clients", p["prefix"]["id"])["Name"] == "Ada Byrons"
    assert get("Leads", lead["id"])["Source Detail"] == "[erased]"
    assert get("Messages", report["id"])["Body"] == "Health movers: [erased] -20, Bob Roe +5"
    assert get("Associates", p["assoc"]["id"])["Flags"] == "[erased]: 2/5"
    assert get("Automation Runs", run["id"])["Error"] == "[erased]: no card"
    assert get("Automation Runs", run["id"])["Details"] == "[erased]: no phone"
    assert json.loads(get("System State", state["id"])["Value"]) == ["ok [erased]"]


def test_erase__a_namesake_keeps_the_name(srv, use_base):
    """Another client with the same name is another person: text naming it stays (only her address goes)."""
    base_id = use_base()
    assert setup_base.main([]) == 0
    api = srv.api()
    p = _person(api, base_id)
    twin = p["t"]("Clients").create({"Name": "Ada Byron", "Email": "ada@other.test"})
    assert client_data.main(["erase", "--client", "ada.byron@gmail.com", "--yes"]) == 0
    after = _all_records(api, base_id)
    assert next(r for r in after["Clients"] if r["id"] == twin["id"])["fields"]["Name"] == "Ada Byron"
    bob = next(r for r in after["Coaching Sessions"] if r["id"] == p["bob_session"]["id"])
    assert bob["fields"]["Raw Notes"] == "Bob's peer Ada  Byron left."


def test_every_spelling_of_her_mailbox_is_her(srv, use_base, tmp_path):
    """A +tag, Gmail's dots and googlemail.com deliver to one mailbox; a lead marked a duplicate of hers is
    hers."""
    base_id = use_base()
    assert setup_base.main([]) == 0
    api = srv.api()
    p = _person(api, base_id)
    t = p["t"]
    lead = t("Leads").create({"Name": "Ada Byron", "Email": "adabyron@googlemail.com"})
    dup = t("Leads").create({"Name": "A. Byron", "Email": "ab@old.test", "Duplicate Of": [lead["id"]]})
    sent = t("Messages").create({"Title": "Hello", "Recipient": "ADA.BYRON@gmail.com"})
    assert client_data.main(["export", "--client", "ada.byron@gmail.com", "--out", str(tmp_path)]) == 0
    (folder,) = tmp_path.glob("*-rec*")
    tables = json.loads((folder / "everything.json").read_text())["tables"]
    assert [r["id"] for r in tables["Clients"]] == [p["ada"]["id"]]
    assert {r["id"] for r in tables["Leads"]} == {lead["id"], dup["id"]}
    assert sent["id"] in {r["id"] for r in tables["Messages"]}
    assert client_data.main(["erase", "--client", "ada.byron@gmail.com", "--yes"]) == 0
    after = _all_records(api, base_id)
    assert sorted(r["fields"]["Name"] for r in after["Clients"]) == ["Ada Byrons", "Bob Roe"]
    assert after["Leads"] == []
    assert sent["id"] not in {r["id"] for r in after["Messages"]}


def test_erase__invoice_lines_stay_without_her_name(srv, use_base):
    """What was billed stays with the invoice (the accountant's record; the associate's payout reads the
    session and associate of each line); only her name goes."""
    base_id = use_base()
    assert setup_base.main([]) == 0
    api = srv.api()
    p = _person(api, base_id)
    sid, aid = p["session"]["id"], p["assoc"]["id"]
    assert client_data.main(["erase", "--client", p["ada"]["fields"]["Email"], "--yes"]) == 0
    (inv,) = _all_records(api, base_id)["Invoices"]
    assert inv["fields"]["Lines"] == f"150.00 | {sid} | {aid} | Coaching for [erased], 3 Dec"
    assert "Client" not in inv["fields"]


def test_erase_interrupted__run_again_finishes(srv, use_base, monkeypatch):
    """An erase stopped halfway (a crash, a 429 that outlasts the retries) and run again leaves nothing of
    hers: an action item on her session only, or a reminder on her invoice only, is still found."""
    base_id = use_base()
    assert setup_base.main([]) == 0
    api = srv.api()
    p = _person(api, base_id)
    real = client_data.erase

    def stopping(gw, found):
        update = gw.update

        def update_then_stop(model, updates):
            if model.TABLE.key == "invoices":  # her session is anonymised by now
                raise RuntimeError("stopped")
            return update(model, updates)

        gw.update = update_then_stop
        return real(gw, found)

    monkeypatch.setattr(client_data, "erase", stopping)
    assert client_data.main(["erase", "--client", p["ada"]["fields"]["Email"], "--yes"]) == 1
    monkeypatch.setattr(client_data, "erase", real)
    assert client_data.main(["erase", "--client", p["ada"]["fields"]["Email"], "--yes"]) == 0
    after = _all_records(api, base_id)
    for needle in (
        'Ada Byron"',
        "ada.byron",
        p["ada"]["id"],
        "read a book",
        p["item"]["id"],
        p["reminder"]["id"],
    ):
        assert [r["id"] for rows in after.values() for r in rows if needle in json.dumps(r)] == [], needle


def test_erase__her_phone_number_is_redacted_in_any_grouping_and_a_shared_line_stays(srv, use_base):
    """Her number typed into someone else's notes as "+44 (0)20 7946 0958" or "020-7946-0958" is her too;
    an office line another client also has is not hers to take away, nor is a shorter number."""
    base_id = use_base()
    assert setup_base.main([]) == 0
    api = srv.api()
    p = _person(api, base_id)
    t = p["t"]
    t("Clients").update(p["ada"]["id"], {"Phone": "020 7946 0958"})
    t("Leads").create({"Name": "Ada B", "Email": "ada.byron@gmail.com", "Phone": "01632 960 123"})
    t("Clients").update(p["bob"]["id"], {"Phone": "01632 960123"})  # the office line both gave
    notes = (
        "Call Ada on +44 (0)20 7946 0958 or 020-7946-0958 after 5; "
        "the office is 01632 960 123; room 4512; ref 7946."
    )
    t("Coaching Sessions").update(p["bob_session"]["id"], {"Raw Notes": notes})
    assert client_data.main(["erase", "--client", "ada.byron@gmail.com", "--yes"]) == 0
    after = _all_records(api, base_id)
    bob = next(r for r in after["Coaching Sessions"] if r["id"] == p["bob_session"]["id"])
    assert bob["fields"]["Raw Notes"] == (
        "Call Ada on [erased] or [erased] after 5; the office is 01632 960 123; room 4512; ref 7946."
    )
