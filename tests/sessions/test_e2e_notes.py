"""End to end over HTTP: the coach completes a session with raw notes, Airtable pings the app, the notes
are drafted once; replays add nothing; her edits to an item survive a re-draft; approving the email sends
it and marks the notes Sent."""

from __future__ import annotations

import json
import re

import pytest

from tests.events.harness import wait_for

NOTES = """Session 4 with Dana. Used the GROW model on her delegation goal.
- Dana to hand the weekly KPI report to Sam by Friday.
- She might ask HR about a coaching budget.
- I'll send her the readiness worksheet today.
Next time: how the handover went
"""


@pytest.fixture
def live(notes_world):
    notes_world.srv.set_faults(drop_notifications=False)
    return notes_world


def _setup(world, name: str, email: str) -> tuple[str, str, str]:
    client = world.table("Clients").create({"Name": name, "Email": email, "Status": "Active"})
    model = world.table("Leadership Models").create({"Title": "GROW Model", "Active": True})
    session = world.table("Coaching Sessions").create(
        {
            "Name": f"{name} #4",
            "Client": [client["id"]],
            "Session Date": "2026-03-03T10:00:00.000Z",
            "Next Session": "2026-03-17T10:00:00.000Z",
            "Status": "Scheduled",
            "Raw Notes": NOTES.replace("Dana", name.split()[0]),
        }
    )
    return client["id"], model["id"], session["id"]


def _items(world, session_id: str) -> list[dict]:
    return [r for r in world.table("Action Items").all() if session_id in r["fields"].get("Session", [])]


def _notes_messages(world, session_id: str) -> list[dict]:
    return [
        r
        for r in world.table("Messages").all()
        if r["fields"].get("Kind") == "Session Notes" and session_id in r["fields"].get("Session", [])
    ]


def test_completed_session__notes_items_models_and_one_draft(live) -> None:
    world = live
    client_id, model_id, session_id = _setup(world, "Dana Whitfield", "dana@acme.example")
    sessions = world.table("Coaching Sessions")
    sessions.update(session_id, {"Status": "Completed"})
    fields = wait_for(
        lambda: (f := sessions.get(session_id)["fields"]).get("Notes Status") == "Drafted" and f,
        timeout=30,
        what="notes drafted",
    )
    assert fields["Notes Summary"] and fields["Leadership Models"] == [model_id]
    assert (
        "rules (not AI)" in fields["Prompt Version"]
        and "how the handover went" in fields["Next Topics"].lower()
    )
    items = {r["fields"]["Assigned To"]: r["fields"] for r in _items(world, session_id)}
    assert set(items) == {"Client", "Coach"}
    firm = [r["fields"] for r in _items(world, session_id) if not r["fields"].get("Tentative")]
    hedged = [r["fields"] for r in _items(world, session_id) if r["fields"].get("Tentative")]
    assert len(firm) == 2 and len(hedged) == 1 and "HR" in hedged[0]["Description"]
    kpi = next(f for f in firm if "KPI" in f["Description"])
    assert kpi["Due Date"] == "2026-03-06" and kpi["Client"] == [client_id] and kpi["Client Visible"]
    assert items["Coach"]["Due Date"] == "2026-03-03" and not items["Coach"].get("Client Visible")
    assert all(f["Source Key"].startswith(f"{session_id}:notes:") for f in firm + hedged)
    (message,) = _notes_messages(world, session_id)
    assert message["fields"]["Status"] == "Draft" and message["fields"]["Recipient"] == "dana@acme.example"
    body = message["fields"]["Body"]
    assert "KPI report" in body and "readiness worksheet" not in body  # only client-visible items
    # The client's copy is written beside the session's, not necessarily before Notes Status: wait for it.
    client = wait_for(
        lambda: (c := world.table("Clients").get(client_id)["fields"]).get("Notes Summary") and c,
        timeout=30,
        what="the client's Notes Summary",
    )
    assert client["Notes Summary"] == fields["Notes Summary"]
    model = wait_for(
        lambda: (m := world.table("Leadership Models").get(model_id)["fields"]).get("Usage Count") and m,
        timeout=20,
        what="model usage",
    )
    assert (model["Usage Count"], model["Last Used"]) == (1, "2026-03-03")

    # A quiet success is logged with the cursor (System State) until its series moves to Automation Runs.
    def run_log() -> str:
        tables = ("Automation Runs", "System State")
        return json.dumps([r["fields"] for t in tables for r in world.table(t).all()])

    drafted = re.compile(r'notes\.drafted\\*"')  # the metric, in a record or a line kept as JSON text
    text = wait_for(lambda: drafted.search(t := run_log()) and t, timeout=20, what="the run's log line")
    assert "KPI" not in text and "worksheet" not in text and "GROW" not in text  # no note content


def test_replay_and_resave__nothing_new(notes_world) -> None:
    world = notes_world
    world.srv.set_faults(drop_notifications=False)
    _, _, session_id = _setup(world, "Erin Vale", "erin@acme.example")
    sessions = world.table("Coaching Sessions")
    sessions.update(session_id, {"Status": "Completed"})
    wait_for(lambda: sessions.get(session_id)["fields"].get("Notes Status") == "Drafted", 30, "drafted")
    wait_for(lambda: len(_items(world, session_id)) == 3, 20, "items")
    world.quiet()
    app = world.apps[0]
    assert app.ping(*world.signed_ping()).status_code == 200  # a replayed notification
    raw = sessions.get(session_id)["fields"]["Raw Notes"]
    sessions.update(session_id, {"Raw Notes": raw + "\n"})  # saved again, same notes
    assert app.ping(*world.signed_ping()).status_code == 200
    writes = [r for r in world.app_requests() if r["method"] in ("POST", "PATCH", "PUT", "DELETE")]
    assert [w["path"] for w in writes if "/v0/" in w["path"] and "webhooks" not in w["path"]
            and world.table_id("Automation Runs") not in w["path"]
            and world.table_id("System State") not in w["path"]] == []  # fmt: skip
    assert len(_items(world, session_id)) == 3 and len(_notes_messages(world, session_id)) == 1


def test_coach_edit__survives_a_redraft(live) -> None:
    world = live
    _, _, session_id = _setup(world, "Finn Lund", "finn@acme.example")
    sessions = world.table("Coaching Sessions")
    sessions.update(session_id, {"Status": "Completed"})
    wait_for(lambda: len(_items(world, session_id)) == 3, 30, "items")
    kpi = next(r for r in _items(world, session_id) if "KPI" in r["fields"]["Description"])
    world.table("Action Items").update(
        kpi["id"], {"Description": "Hand the KPI report to Sam (with template)"}
    )
    raw = sessions.get(session_id)["fields"]["Raw Notes"]
    sessions.update(
        session_id,
        {
            "Raw Notes": raw + "- Finn to book a skip-level with Ana next week.\n",
            "Notes Summary": "Finn's own.",
        },
    )
    wait_for(lambda: len(_items(world, session_id)) == 4, 30, "the new item")
    assert sessions.get(session_id)["fields"]["Notes Summary"] == "Finn's own."  # her summary stands
    assert "Finn's own." in _notes_messages(world, session_id)[0]["fields"]["Body"]
    edited = world.table("Action Items").get(kpi["id"])["fields"]
    assert (
        edited["Description"] == "Hand the KPI report to Sam (with template)" and edited["Status"] == "Open"
    )
    descriptions = [r["fields"]["Description"] for r in _items(world, session_id)]
    assert sum("KPI" in d for d in descriptions) == 1  # not duplicated by the re-draft


def test_completion__set_by_the_draft_and_kept_current_by_redrafts_and_withdrawal(live) -> None:
    """The drafter's own item writes start no automation (echoes): Completion % of the session is the
    share of its firm items that are Complete as soon as they are drafted, re-drafted or withdrawn."""
    world = live
    _, _, session_id = _setup(world, "Gus Moreno", "gus@acme.example")
    sessions = world.table("Coaching Sessions")
    sessions.update(session_id, {"Status": "Completed"})
    wait_for(lambda: len(_items(world, session_id)) == 3, 30, "items")

    def completion():
        return sessions.get(session_id)["fields"].get("Completion %")

    # Two firm items (the hedged one does not count), none done yet: 0 %, not empty.
    wait_for(lambda: completion() == 0, 20, "Completion % of the drafted session")
    kpi = next(r for r in _items(world, session_id) if "KPI" in r["fields"]["Description"])
    world.table("Action Items").update(kpi["id"], {"Status": "Complete"})
    raw = sessions.get(session_id)["fields"]["Raw Notes"]
    sessions.update(session_id, {"Raw Notes": raw + "- Gus to book a skip-level with Ana next week.\n"})
    wait_for(lambda: len(_items(world, session_id)) == 4, 30, "the new item")
    assert wait_for(lambda: completion() == pytest.approx(1 / 3, abs=1e-3), 20, "one of three firm done")
    sessions.update(session_id, {"Status": "No-show"})  # the untouched items are Cancelled: one left, done
    wait_for(lambda: completion() == 1, 30, "Completion % after the withdrawal")


def test_approved_notes_email__sent_marks_the_session_and_the_edit_ratio(live) -> None:
    world = live
    _, _, session_id = _setup(world, "Gail Moss", "gail@acme.example")
    sessions = world.table("Coaching Sessions")
    sessions.update(session_id, {"Status": "Completed"})
    (message,) = wait_for(lambda: _notes_messages(world, session_id), 30, "notes draft")
    body = message["fields"]["Body"]
    world.table("Messages").update(message["id"], {"Body": body + "\nSee you soon!", "Status": "Approved"})
    sent = wait_for(
        lambda: (f := sessions.get(session_id)["fields"]).get("Notes Status") == "Sent" and f,
        30,
        "notes sent",
    )
    assert sent["Notes Sent"] is True
    msg = wait_for(
        lambda: (m := world.table("Messages").get(message["id"])["fields"]).get("Edit Ratio") and m,
        20,
        "the edit ratio",
    )
    assert msg["Status"] == "Sent" and 0 < msg["Edit Ratio"] < 0.2
    emails = [json.loads(p.read_text()) for p in world.outbox()]
    assert any("gail@acme.example" in json.dumps(e) and "See you soon!" in json.dumps(e) for e in emails)


def test_associate_run_session__the_associates_own_commitments_are_theirs(live) -> None:
    """The associate who ran the session records it and types the notes as their own Airtable user: "I"
    is the associate. The same notes typed by the lead coach, as herself, are hers."""
    world = live
    token = "pat-associate-owen"
    owen_user = world.srv.lb.user_for(token)  # the associate's Airtable user, as the base knows it
    associate = world.table("Associates").create(
        {"Name": "Owen Price", "Status": "Active", "Email": owen_user.email}
    )
    notes = (
        "Session with {first} on delegation.\n- {first} to hand the KPI report to Sam by Friday.\n"
        "- I'll send her the readiness worksheet today.\n"
    )
    owners, sids = {}, []
    for api, name in ((world.srv.api(token), "Noor Haddad"), (world.person, "Lena Brandt")):
        client = world.table("Clients").create({"Name": name, "Email": f"{name.split()[0]}@acme.example"})
        sessions = api.table(world.base_id, "Coaching Sessions")
        session = sessions.create(
            {
                "Name": f"{name} #1",
                "Client": [client["id"]],
                "Associate": [associate["id"]],
                "Session Date": "2026-03-03T10:00:00.000Z",
                "Status": "Completed",
                "Raw Notes": notes.format(first=name.split()[0]),
            }
        )
        wait_for(
            lambda sid=session["id"], t=sessions: t.get(sid)["fields"].get("Notes Status") == "Drafted",
            timeout=30,
            what="notes drafted",
        )
        sids.append(session["id"])
        owners[name] = {
            r["fields"]["Description"]: r["fields"]["Assigned To"] for r in _items(world, session["id"])
        }
    assert owners["Noor Haddad"] == {
        "Hand the KPI report to Sam": "Client",
        "Send her the readiness worksheet": "Associate",
    }
    assert owners["Lena Brandt"]["Send her the readiness worksheet"] == "Coach"
    # Whoever typed them, the session was the client's with Owen: "our session"'s recap is signed by him.
    for sid in sids:
        (msg,) = wait_for(lambda sid=sid: _notes_messages(world, sid), timeout=30, what="notes email")
        body = msg["fields"].get("Body", "")
        assert body.rstrip().endswith("Owen Price") or "With best wishes,\nOwen Price" in body, body


def test_cancelled_after_drafting__the_waiting_notes_email_is_withdrawn(live) -> None:
    world = live
    _, _, session_id = _setup(world, "Hana Ito", "hana@acme.example")
    sessions = world.table("Coaching Sessions")
    sessions.update(session_id, {"Status": "Completed"})
    wait_for(lambda: _notes_messages(world, session_id), 30, "notes draft")
    sessions.update(session_id, {"Status": "Cancelled"})
    (message,) = wait_for(
        lambda: [m for m in _notes_messages(world, session_id) if m["fields"]["Status"] == "Cancelled"],
        30,
        "the notes email withdrawn",
    )
    assert "no longer Completed" in message["fields"]["Error"]
    assert {r["fields"]["Status"] for r in _items(world, session_id)} == {"Cancelled"}


def test_private_lines__the_clients_notes_email_never_carries_them(live) -> None:
    """Raw Notes with the coach's private lines, through the webhook: the draft and the client's notes
    email in Messages say what the session did, not the coach's read of her; Raw Notes keeps it all."""
    world = live
    client_id, _, session_id = _setup(world, "Mira Okafor", "mira@acme.example")
    private = "My read: she is defensive and may be burning out."
    notes = (
        "Session 4 with Mira on her delegation goal.\n"
        "She realised she rescues the team instead of coaching them.\n"
        f"{private}\n"
        "- Mira to hand the weekly KPI report to Sam by Friday.\n"
        "Observations:\n- tearful when her father came up\n\n"
        "Next time: how the handover went\n"
    )
    sessions = world.table("Coaching Sessions")
    sessions.update(session_id, {"Raw Notes": notes, "Status": "Completed"})
    (message,) = wait_for(lambda: _notes_messages(world, session_id), timeout=30, what="notes email")
    body = message["fields"]["Body"]
    assert "rescues the team" in body and "KPI report" in body and "handover" in body.lower()
    for words in ("defensive", "burning out", "tearful", "father"):
        assert words not in body, words
    # The email is composed before the run writes the session's drafted fields: wait for those too.
    fields = wait_for(
        lambda: (f := sessions.get(session_id)["fields"]).get("Notes Status") == "Drafted" and f,
        timeout=30,
        what="notes drafted",
    )
    assert private in fields["Raw Notes"]
    assert "defensive" not in fields["Notes Summary"] and "tearful" not in fields["Notes Summary"]
    assert "defensive" not in world.table("Clients").get(client_id)["fields"].get("Notes Summary", "")
