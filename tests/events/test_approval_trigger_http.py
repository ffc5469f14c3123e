"""Approvals through the coach's Airtable Automation, over real HTTP at production pacing and claim settle.

The webhook does not watch Messages: the coach's Airtable Automation (Messages: Status is Approved and Claim
Token is not "queued"; the manual setup checklist, simulated by the local server) calls
/api/triggers/deliver-approved-messages. So a run's own message writes ping nothing back (no payload list for
them), and an approval costs no payload list and no cursor.
"""

from __future__ import annotations

from urllib.parse import unquote_plus

import pytest

from tests.events import harness
from tests.events.harness import wait_for
from tests.leads.http_world import LEADS_CATALOG


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    outbox = tmp_path_factory.mktemp("outbox")
    with harness.production_paced(
        outbox, (*LEADS_CATALOG, "automation.messages.automations", "automation.reports.automations")
    ) as w:
        w.outbox = outbox
        yield w


def _fresh_start(world) -> None:
    world.srv.set_faults(drop_notifications=False)
    world.settled()
    world.srv.clear_requests()


def _messages_of(world, lead_id: str) -> dict[str, dict]:
    return {
        m["fields"]["Kind"]: m for m in world.table("Messages").all() if m["fields"].get("Lead") == [lead_id]
    }


def test_the_webhook_watches_no_field_of_messages(world) -> None:
    spec = next(
        w for w in world.srv.api(harness.APP_TOKEN).base(world.base_id).webhooks() if w.id == world.webhook_id
    ).specification
    messages = world.person.base(world.base_id).table("Messages").schema()
    fields = {f.id for f in messages.fields}
    watched = set(spec.options.filters.watch_data_in_field_ids or [])
    assert watched and not watched & fields


def test_created_lead__the_runs_own_message_writes_ping_nothing_back(world) -> None:
    _fresh_start(world)
    lead = world.table("Leads").create({"Name": "Ife Obi", "Email": "ife@firm.example", "Title": "CEO"})
    wait_for(
        lambda: (
            _messages_of(world, lead["id"]).get("New Lead Notice", {}).get("fields", {}).get("Status")
            == "Sent"
        ),
        timeout=30,
        what="the notice sent",
    )
    world.settled()
    assert {m["fields"]["Status"] for m in _messages_of(world, lead["id"]).values()} == {"Draft", "Sent"}
    # The draft, the notice's claim and its Sent were written: none of it came back as a payload (the
    # lead's own write does: the run sets its Status and Nurture Sequence, which people edit too).
    messages = world.table_id("Messages")
    (hook,) = [h for h in world.srv.lb.webhooks._hooks.values() if h.id == world.webhook_id]
    tables = [set(p["changedTablesById"]) for _, _, p in hook.payloads]
    assert tables and all(messages not in t for t in tables)


def test_approved_draft__the_airtable_automation_sends_it_once_with_no_payload_list(world) -> None:
    _fresh_start(world)
    lead = world.table("Leads").create({"Name": "Ada Eze", "Email": "ada@firm.example", "Title": "CFO"})
    draft = wait_for(lambda: _messages_of(world, lead["id"]).get("First Touch"), timeout=30, what="the draft")
    assert draft["fields"]["Status"] == "Draft"
    world.settled()
    world.srv.clear_requests()
    runs_before = len(world.srv.automation_runs())

    world.table("Messages").update(draft["id"], {"Status": "Approved"})
    sent = wait_for(
        lambda: (m := world.table("Messages").get(draft["id"]))["fields"].get("Status") == "Sent" and m,
        timeout=30,
        what="the approved draft sent",
    )
    world.settled()
    assert sent["fields"].get("Provider ID")
    runs = world.srv.automation_runs()[runs_before:]
    assert [(r.record_id, r.status) for r in runs] == [(draft["id"], 200)]
    names = {world.table_id(n): n for n in ("Messages", "Leads", "Clients", "Automation Runs")}
    calls = [
        f"{r['method']} {names.get(r['path'].rsplit('/', 1)[-1], r['path'])}" for r in world.app_requests()
    ]
    assert not any("payloads" in c or "System State" in c for c in calls)
    # The message (and the other Approved ones, one request), its claim, who may receive it (read while the
    # claim settles), the claim read back, Sent, the run's record.
    assert calls[:2] == ["GET Messages", "PATCH Messages"]
    assert sorted(calls[2:4]) == ["GET Clients", "GET Leads"]
    assert calls[4:] == ["GET Messages", "PATCH Messages", "POST Automation Runs"]
    read_back = unquote_plus(world.app_requests("GET", world.table_id("Messages"))[-1]["query"])
    assert draft["id"] in read_back


def test_a_message_the_functions_store_approved_is_queued_and_fires_no_automation(world) -> None:
    """A cron's batch (session reminders, surveys, chases) is stored Approved for the job to deliver: Claim
    Token "queued" keeps the coach's automation from racing the job's own claim with a trigger call each."""
    _fresh_start(world)
    runs_before = len(world.srv.automation_runs())
    with world.in_env():
        from automation.events.context import make_context
        from automation.messages import Draft, compose

        ctx = make_context("Manual", "queued-test", 30)
        try:
            draft = Draft(
                kind="System Alert",
                channel="Slack",
                recipient="#coaching-ops",
                subject="Queued for next year",
                template="alert",
                data={"heading": "Queued", "summary": "A scheduled alert."},
                dedupe_key="queued-test:1",
                send_after=ctx.now.replace(year=ctx.now.year + 1),  # not due: stays Approved
            )
            message = compose(ctx, draft)
        finally:
            ctx.run.close()
    assert (message.status, message.claim_token) == ("Approved", "queued")
    world.settled()
    assert world.srv.automation_runs()[runs_before:] == []


def test_a_pasted_approval_of_ten_drafts__one_run_sends_each_once_and_every_call_answers(world) -> None:
    """One paste sets ten drafts Approved: Airtable fires the automation ten times at once. Each call must
    answer 200 within the script's fetch time, each message go once, and the batch share its calls (ten
    runs racing for the same paced calls ran out of budget: 503s, messages left unsent)."""
    _fresh_start(world)
    rows = [{"Name": f"Bo Paste{k}", "Email": f"bo{k}@paste{k}.example", "Title": "COO"} for k in range(10)]
    leads = {r["id"] for r in world.table("Leads").batch_create(rows)}

    def drafts() -> list[dict]:
        found = [
            m
            for m in world.table("Messages").all()
            if m["fields"].get("Kind") == "First Touch" and set(m["fields"].get("Lead", [])) & leads
        ]
        return found if len(found) == len(leads) else []

    ids = [m["id"] for m in wait_for(drafts, timeout=60, what="ten first-touch drafts")]
    world.settled()
    world.srv.clear_requests()
    runs_before = len(world.srv.automation_runs())

    world.table("Messages").batch_update([{"id": i, "fields": {"Status": "Approved"}} for i in ids])
    wait_for(
        lambda: (
            len(world.srv.automation_runs()) - runs_before == len(ids)
            and all(r.status is not None for r in world.srv.automation_runs()[runs_before:])
        ),
        timeout=60,
        what="every call of the automation answered",
    )
    world.settled()
    runs = world.srv.automation_runs()[runs_before:]
    assert sorted(r.record_id for r in runs) == sorted(ids)
    assert {r.status for r in runs} == {200}
    statuses = {m["id"]: m["fields"].get("Status") for m in world.table("Messages").all() if m["id"] in ids}
    assert set(statuses.values()) == {"Sent"}
    sent = [p for p in world.outbox.rglob("*.json") if any(i in p.name for i in ids)]
    assert len(sent) == len(ids)  # each once
    # Ten runs of their own cost about 7 calls each; the calls taken together share their reads and writes
    # (a run or two whatever the paste's size).
    assert len(world.app_requests()) <= 21
