"""End to end over HTTP: the coach edits the base, Airtable pings the app, the lead automations answer.

The local server sends real signed webhook notifications to the app running under uvicorn; tests wait for
effects by polling with a deadline (seconds), never by asserting a duration.
"""

from __future__ import annotations

import json

import pytest

from tests.events.harness import AppProcess, wait_for
from tests.leads.http_world import LEADS_CATALOG


@pytest.fixture
def live(e2e_world):
    e2e_world.srv.set_faults(drop_notifications=False)
    return e2e_world


@pytest.fixture
def quiet(e2e_world):
    """Automatic pings off and nothing in flight: the test pings itself and counts writes exactly."""
    e2e_world.quiet()
    return e2e_world


WARM = {
    "Name": "Jane Doe",
    "Email": "jane@acme.example",
    "Company": "Acme",
    "Title": "Director of HR",
    "Company Size": 2000,
    "Industry": "Technology",
    "Timeline": "1-3 months",
    "Lead Source": "Website",
}


def _messages(world, kind: str, lead_id: str) -> list[dict]:
    return [
        r["fields"]
        for r in world.table("Messages").all()
        if r["fields"].get("Kind") == kind and lead_id in r["fields"].get("Lead", [])
    ]


def test_new_lead__scored_and_nurtured_through_the_webhook_with_a_first_touch_draft(live) -> None:
    leads = live.table("Leads")
    rec = leads.create(WARM)
    fields = wait_for(
        lambda: (f := leads.get(rec["id"])["fields"]).get("Follow-up Due") and f,
        timeout=20,
        what="score and nurture written back",
    )
    assert (fields["Lead Score"], fields["Score Tier"]) == (68, "Warm")
    assert (
        fields["Score Breakdown"].splitlines()[0]
        == "Fit 31/40: director +16, 1,000–4,999 staff +7, technology +8"
    )
    assert fields["Next Action"].startswith("Next warm touch to Jane Doe on ") and fields["Scored At"]
    drafts = wait_for(lambda: _messages(live, "First Touch", rec["id"]), timeout=20, what="first-touch draft")
    assert (
        len(drafts) == 1 and drafts[0]["Status"] == "Draft" and drafts[0]["Recipient"] == "jane@acme.example"
    )


def test_unsubscribed_lead__no_draft(live) -> None:
    leads = live.table("Leads")
    rec = leads.create({**WARM, "Name": "Una Sub", "Email": "una@acme.example", "Status": "Unsubscribed"})
    wait_for(
        lambda: leads.get(rec["id"])["fields"].get("Nurture Sequence") == "Stopped",
        timeout=20,
        what="nurture stopped",
    )
    assert _messages(live, "First Touch", rec["id"]) == []
    assert leads.get(rec["id"])["fields"]["Score Tier"] == "Cold"


def test_title_change_rescores__notes_change_writes_nothing__own_write_triggers_nothing(quiet) -> None:
    world = quiet
    leads, leads_id = world.table("Leads"), world.table_id("Leads")
    rec = leads.create({**WARM, "Name": "Tom Title", "Email": "tom@acme.example"})
    app = world.apps[0]
    assert app.ping(*world.signed_ping()).status_code == 200  # the person's create
    before = leads.get(rec["id"])["fields"]
    writes = len(world.app_requests("PATCH", leads_id))
    assert writes == 1 and before["Score Tier"] == "Warm"  # all four automations' fields in one write

    for _ in range(2):  # only our own write's payload is pending: it must trigger nothing
        assert app.ping(*world.signed_ping()).status_code == 200
    assert len(world.app_requests("PATCH", leads_id)) == writes

    leads.update(rec["id"], {"Notes": "Met her at the CIPD dinner; two kids; loves sailing"})
    assert app.ping(*world.signed_ping()).status_code == 200
    assert len(world.app_requests("PATCH", leads_id)) == writes  # Notes is read by no automation

    leads.update(rec["id"], {"Title": "Chief People Officer"})
    assert app.ping(*world.signed_ping()).status_code == 200
    after = leads.get(rec["id"])["fields"]
    assert len(world.app_requests("PATCH", leads_id)) == writes + 1
    assert after["Lead Score"] == before["Lead Score"] + 8  # director 16 -> C-level 24
    assert after["Score Breakdown"].startswith("Fit 39/40: C-level/founder +24")


def test_hot_lead__one_slack_alert_in_the_outbox(live) -> None:
    leads = live.table("Leads")
    rec = leads.create(
        {
            "Name": "Omar Khan",
            "Email": "omar@bank.example",
            "Company": "Bank",
            "Title": "CEO",
            "Company Size": 400,
            "Industry": "Financial Services",
            "Timeline": "Immediate",
            "Lead Source": "Referral",
            "Source Detail": "Tom Baker",
        }
    )
    wait_for(lambda: _messages(live, "Hot Lead Alert", rec["id"]), timeout=20, what="Hot alert composed")
    sent = wait_for(
        lambda: [p for p in live.outbox() if "Omar Khan" in p.read_text()],
        timeout=20,
        what="Hot alert in the outbox",
    )
    leads.update(rec["id"], {"Timeline": "1-3 months"})  # still Hot: no second alert
    wait_for(lambda: leads.get(rec["id"])["fields"].get("Lead Score") == 80, timeout=20, what="re-score")
    assert len(_messages(live, "Hot Lead Alert", rec["id"])) == 1
    assert len([p for p in live.outbox() if "Omar Khan" in p.read_text()]) == len(sent) == 1
    envelope = json.loads(sent[0].read_text())
    assert "Hot lead: Omar Khan" in json.dumps(envelope)


def test_deal_closed_won__one_client_linked_both_ways_lead_converted_even_when_saved_again(live) -> None:
    leads, deals, clients = live.table("Leads"), live.table("Deals"), live.table("Clients")
    lead = leads.create(
        {
            "Name": "Wendy Won",
            "Email": "wendy@won.example",
            "Company": "WonCo",
            "Lead Source": "Referral",
            "Source Detail": "Ann",
            "Status": "Proposal",
        }
    )
    deal = deals.create(
        {
            "Deal Name": "Wendy Won – WonCo",
            "Lead": [lead["id"]],
            "Deal Value": 9000,
            "Pipeline Stage": "Negotiation",
        }
    )
    wait_for(
        lambda: deals.get(deal["id"])["fields"].get("Weighted Value") == 6750,
        timeout=20,
        what="weighted value at Negotiation",
    )
    deals.update(deal["id"], {"Pipeline Stage": "Closed Won"})
    got = wait_for(
        lambda: (f := deals.get(deal["id"])["fields"]).get("Client") and f,
        timeout=20,
        what="client linked to the won deal",
    )
    mine = [c for c in clients.all() if c["fields"].get("Email") == "wendy@won.example"]
    assert len(mine) == 1 and got["Client"] == [mine[0]["id"]]
    assert mine[0]["fields"]["Deals"] == [deal["id"]] and mine[0]["fields"]["Referral Src"] == "Referral: Ann"
    wait_for(
        lambda: leads.get(lead["id"])["fields"].get("Status") == "Converted", timeout=20, what="converted"
    )
    deals.update(deal["id"], {"Deal Value": 9500})  # saved again
    wait_for(lambda: deals.get(deal["id"])["fields"].get("Weighted Value") == 9500, timeout=20, what="re-run")
    assert len([c for c in clients.all() if c["fields"].get("Email") == "wendy@won.example"]) == 1


def test_won_deal_deleted__its_converted_lead_follows_the_deals_left(live) -> None:
    """Airtable's payload of a deleted deal names only its id and the lead's link goes with it: the lead is
    found by what the app wrote at the conversion. With another attempt open she is back in the pipeline
    (Qualified); with none she is Nurture, like a lead whose every attempt is lost, and her nurture restarts
    (a client's stop no longer holds). Either way she is no longer Converted."""
    leads, deals = live.table("Leads"), live.table("Deals")
    made = {}
    for who, second in (("Olga Open", "Prospect"), ("Nina None", None)):
        email = who.lower().replace(" ", ".") + "@deleted-deal.example"
        lead = leads.create({"Name": who, "Email": email, "Lead Source": "Referral", "Status": "Proposal"})
        won = deals.create({"Deal Name": f"{who} – 1", "Lead": [lead["id"]], "Pipeline Stage": "Negotiation"})
        if second:
            deals.create({"Deal Name": f"{who} – 2", "Lead": [lead["id"]], "Pipeline Stage": second})
        deals.update(won["id"], {"Pipeline Stage": "Closed Won"})
        made[who] = (lead["id"], won["id"])
    for lead_id, _ in made.values():
        wait_for(
            lambda i=lead_id: leads.get(i)["fields"].get("Status") == "Converted", timeout=20, what="won"
        )
        wait_for(
            lambda i=lead_id: leads.get(i)["fields"].get("Next Action") == "None: now a client",
            timeout=20,
            what="nurture stopped for the client",
        )
    for _, deal_id in made.values():
        deals.delete(deal_id)
    olga = wait_for(
        lambda: (f := leads.get(made["Olga Open"][0])["fields"]).get("Status") != "Converted" and f,
        timeout=30,
        what="the lead of the deleted won deal set back",
    )
    nina = wait_for(
        lambda: (f := leads.get(made["Nina None"][0])["fields"]).get("Status") != "Converted" and f,
        timeout=30,
        what="the lead of the deleted won deal set back",
    )
    assert olga["Status"] == "Qualified" and nina["Status"] == "Nurture", (olga, nina)
    nina = wait_for(
        lambda: (f := leads.get(made["Nina None"][0])["fields"]).get("Nurture Sequence") != "Stopped" and f,
        timeout=20,
        what="nurture restarted",
    )
    assert not nina.get("Next Action", "").startswith("None:"), nina


def _make_history(world) -> None:
    """This test's own history of changes (whatever ran before it in the module): a new lead scored and
    drafted, and a deal won into a client."""
    leads, deals = world.table("Leads"), world.table("Deals")
    lead = leads.create({**WARM, "Name": "Rita Replay", "Email": "rita@replay.example"})
    won = leads.create(
        {"Name": "Ray Replay", "Email": "ray@replay.example", "Lead Source": "Referral", "Status": "Proposal"}
    )
    deal = deals.create({"Deal Name": "Ray – Replay", "Lead": [won["id"]], "Deal Value": 5000})
    deals.update(deal["id"], {"Pipeline Stage": "Closed Won"})
    wait_for(lambda: _messages(world, "First Touch", lead["id"]), timeout=20, what="first-touch draft")
    wait_for(lambda: deals.get(deal["id"])["fields"].get("Client"), timeout=20, what="client of the won deal")
    wait_for(
        lambda: leads.get(won["id"])["fields"].get("Status") == "Converted", timeout=20, what="converted"
    )


def test_replaying_every_payload_since_the_start_changes_nothing(live) -> None:
    """The cursor is set back to 1 (as if every notification were delivered again): dedupe keys, upserts and
    diff-aware writes keep clients, messages and leads exactly as they were."""
    world = live
    _make_history(world)
    world.quiet()

    def snapshot() -> tuple:
        def rows(name: str) -> list:
            return sorted(json.dumps(r["fields"], sort_keys=True) for r in world.table(name).all())

        return rows("Leads"), rows("Clients"), rows("Deals"), len(world.table("Messages").all())

    before = snapshot()
    state = world.table("System State")
    (cursor,) = [r for r in state.all() if r["fields"].get("Key", "").endswith(":cursor")]
    reached = int(cursor["fields"]["Value"])
    assert reached > 1 and before[1], "a history with a client to replay"
    state.update(cursor["id"], {"Value": "1"})
    world.srv.clear_requests()
    fresh = AppProcess(world.env, LEADS_CATALOG)  # a cold instance: it knows only the stored cursor
    try:
        assert fresh.ping(*world.signed_ping()).status_code == 200
    finally:
        fresh.stop()
    assert int(state.get(cursor["id"])["fields"]["Value"]) >= reached  # everything was read again
    assert snapshot() == before
    assert world.app_requests("PATCH", world.table_id("Leads")) == []
    assert world.app_requests("POST", world.table_id("Clients")) == []


def test_same_email_twice__later_lead_linked_as_duplicate_and_not_emailed(live) -> None:
    leads = live.table("Leads")
    first = leads.create({**WARM, "Name": "Dana First", "Email": "dana@dup.example"})
    wait_for(lambda: _messages(live, "First Touch", first["id"]), timeout=20, what="first lead's first touch")
    second = leads.create({**WARM, "Name": "Dana Again", "Email": "  Dana@Dup.example "})
    fields = wait_for(
        lambda: (f := leads.get(second["id"])["fields"]).get("Duplicate Of") and f,
        timeout=20,
        what="the later lead flagged as a duplicate",
    )
    assert fields["Duplicate Of"] == [first["id"]]
    assert fields["Email"] == "dana@dup.example"  # hygiene normalised it first
    wait_for(
        lambda: leads.get(second["id"])["fields"].get("Nurture Sequence") == "Paused",
        timeout=20,
        what="nurture paused on the duplicate",
    )
    assert leads.get(second["id"])["fields"]["Next Action"].startswith("Possible duplicate: Dana Again")
    assert _messages(live, "First Touch", second["id"]) == []
    assert "Duplicate Of" not in leads.get(first["id"])["fields"]  # the original is never flagged or merged


def _deal_messages(world, kind: str, deal_id: str) -> list[dict]:
    return [
        r["fields"]
        for r in world.table("Messages").all()
        if r["fields"].get("Kind") == kind and deal_id in r["fields"].get("Deal", [])
    ]


def test_deal_stage_skipping_its_evidence_or_moving_back__flagged_to_the_coach_never_blocked(live) -> None:
    leads, deals = live.table("Leads"), live.table("Deals")
    lead = leads.create({"Name": "Stan Stage", "Email": "stan@stage.example", "Status": "Qualified"})
    deal = deals.create({"Deal Name": "Stan – Stage Co", "Lead": [lead["id"]], "Pipeline Stage": "Qualified"})
    wait_for(
        lambda: deals.get(deal["id"])["fields"].get("Stage History"), timeout=20, what="first stage recorded"
    )
    assert _deal_messages(live, "Deal Stage Check", deal["id"]) == []  # Qualified needs no evidence

    deals.update(deal["id"], {"Pipeline Stage": "Closed Won", "Deal Value": 8000})  # no proposal, no contract
    (flag,) = wait_for(
        lambda: _deal_messages(live, "Deal Stage Check", deal["id"]), timeout=20, what="stage check flag"
    )
    assert "Proposal Sent is empty" in flag["Body"] and "Contract Sent is empty" in flag["Body"]
    assert "Deal Value" not in flag["Body"] and flag["Channel"] == "Slack"
    won = wait_for(lambda: (f := deals.get(deal["id"])["fields"]).get("Client") and f, timeout=20, what="won")
    assert won["Pipeline Stage"] == "Closed Won"  # not blocked: the client exists, the stage stands
    wait_for(
        lambda: [p for p in live.outbox() if "Stan" in p.read_text() and "Contract Sent" in p.read_text()],
        timeout=20,
        what="the flag sent to the coach's Slack (outbox)",
    )

    deals.update(deal["id"], {"Contract Sent": "2026-11-19"})  # filling evidence later: no new flag

    # Moved backwards: a deal in Negotiation (its evidence all there) goes back to Qualified.
    back = deals.create(
        {
            "Deal Name": "Stan – second attempt",
            "Lead": [lead["id"]],
            "Pipeline Stage": "Negotiation",
            "Deal Value": 4000,
            "Proposal Sent": "2026-11-02",
        }
    )
    wait_for(
        lambda: deals.get(back["id"])["fields"].get("Stage History"), timeout=20, what="second deal seen"
    )
    assert _deal_messages(live, "Deal Stage Check", back["id"]) == []  # nothing missing at Negotiation
    deals.update(back["id"], {"Pipeline Stage": "Qualified"})
    (moved,) = wait_for(
        lambda: _deal_messages(live, "Deal Stage Check", back["id"]), timeout=20, what="flag for moving back"
    )
    assert "moved back from Negotiation to Qualified" in moved["Body"] and "is empty" not in moved["Body"]
    assert deals.get(back["id"])["fields"]["Pipeline Stage"] == "Qualified"  # not undone
    assert len(_deal_messages(live, "Deal Stage Check", deal["id"])) == 1  # the contract date added nothing


def test_ai_written_first_touch__its_cost_rides_on_the_cursor_save(quiet) -> None:
    """With OpenAI configured every new lead's first touch is an AI call: it goes through the daily spend
    gate, and its cost is written with the ping's cursor (one System State request, as without AI). The
    day's spend is read once by a process, not once per lead."""
    from tests.sessions.fake_openai import FakeOpenAI

    world = quiet
    leads, state_id = world.table("Leads"), world.table_id("System State")
    answer = {"subject": "One idea for your first 90 days", "body": "Para one.\n\nPara two."}
    with FakeOpenAI(answer) as fake:
        env = {**world.env, "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": fake.base_url}
        app = AppProcess(env, LEADS_CATALOG)
        try:
            writes, spend_reads = [], []
            for name in ("Amy Spend", "Ben Spend"):
                leads.create({**WARM, "Name": name, "Email": f"{name.split()[0].lower()}@spend.example"})
                world.srv.clear_requests()
                assert app.ping(*world.signed_ping()).status_code == 200
                calls = world.app_requests(path_part=state_id)
                writes.append([c["method"] for c in calls if c["method"] != "GET"])
                spend_reads.append([c for c in calls if c["method"] == "GET" and "ai%3Aspend" in c["query"]])
        finally:
            app.stop()
    assert len(fake.requests) == 2  # both first touches were written by the AI
    assert writes == [["PATCH"], ["PATCH"]]  # the cursor's save carries the spend: no write of its own
    assert [len(r) for r in spend_reads] == [1, 0]  # read by a fresh process; then it knows today's spend
    spend = [
        r["fields"] for r in world.table("System State").all() if r["fields"]["Key"].startswith("ai:spend:")
    ]
    per_call = 900 * 0.15 / 1e6 + 250 * 0.60 / 1e6  # the fake's usage at the default Settings prices
    assert len(spend) == 1 and float(spend[0]["Value"]) == pytest.approx(2 * per_call, rel=1e-3)
