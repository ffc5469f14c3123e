"""The messages routes over HTTP (FastAPI TestClient) against the local Airtable server: the unsubscribe
link (GET changes nothing, POST works once, tampering refused) and SendGrid's signed Event Webhook."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from automation.errors import AirtableError
from automation.messages import compose, deliver
from automation.messages import tokens as unsub_tokens
from automation.messages.automations import send_due
from automation.messages.claim import ClaimHooks
from automation.models import Message
from tests.messages.conftest import APP_SECRET
from tests.messages.sendgrid_signing import SendGridSigner
from tests.messages.test_delivery_flow import _coach_sets, _get, _lead, _nurture, _reminder

SIGNER = SendGridSigner()


@pytest.fixture
def client(world, monkeypatch) -> TestClient:
    from api import errors
    from api.routes import messages as routes
    from automation.config import get_config
    from automation.events.context import clear_caches

    config = world.config(sendgrid_webhook_public_key=SIGNER.public_key)
    for name, value in config.model_dump().items():
        if value is not None:
            secret = value.get_secret_value() if hasattr(value, "get_secret_value") else value
            monkeypatch.setenv(name.upper(), str(secret))
    get_config.cache_clear()
    clear_caches()
    app = FastAPI()
    errors.install(app)
    app.include_router(routes.router)
    yield TestClient(app)
    get_config.cache_clear()
    clear_caches()


def _token(lead_id: str) -> str:
    return unsub_tokens.make_token(APP_SECRET, "leads", lead_id)


def _lead_fields(world, lead_id) -> dict[str, Any]:
    return world.table("Leads").get(lead_id)["fields"]


def test_unsubscribe_get__shows_a_confirm_button_and_changes_nothing(world, client):
    lead = _lead(world)
    before = len(world.writes())
    page = client.get("/api/unsubscribe", params={"token": _token(lead)})
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert '<button type="submit">Unsubscribe</button>' in page.text and "j•••@acme.example" in page.text
    assert len(world.writes()) == before and _lead_fields(world, lead)["Status"] == "New"


def test_unsubscribe_post__unsubscribes_stops_the_sequence_and_cancels_pending_mail_once(world, client):
    lead = _lead(world, **{"Nurture Sequence": "Warm", "Follow-up Due": "2026-12-01"})
    twin = _lead(world, email="JO@acme.example")  # the same person entered twice
    pending = compose(world.ctx(), _nurture(lead))

    done = client.post("/api/unsubscribe", data={"token": _token(lead)})
    assert done.status_code == 200 and "You are unsubscribed" in done.text
    fields = _lead_fields(world, lead)
    assert fields["Status"] == "Unsubscribed" and fields["Nurture Sequence"] == "Stopped"
    assert "Follow-up Due" not in fields
    assert _lead_fields(world, twin)["Status"] == "Unsubscribed"
    cancelled = _get(world, pending.id)
    assert cancelled.status == "Cancelled" and cancelled.error == "Not sent: recipient unsubscribed"
    (run,) = world.table("Automation Runs").all()
    assert run["fields"]["Job"] == "unsubscribe" and run["fields"]["Outcome"] == "Success"

    before = len(world.writes())
    again = client.post("/api/unsubscribe", data={"token": _token(lead)})
    assert again.status_code == 410 and "already unsubscribed" in again.text
    assert len(world.writes()) == before


def test_unsubscribe__cancels_her_mail_waiting_at_every_spelling_of_her_mailbox_and_nobody_elses(
    world, client
):
    lead = _lead(world, email="Ann.Lee+news@gmail.com")
    other_record = _lead(world, email="annlee@gmail.com")  # her inbox, spelled plainly
    stranger = _lead(world, email="ann.lee@corp.example")  # a dot outside Gmail: someone else
    hers = [
        compose(world.ctx(), _nurture(i, email=e))
        for i, e in [(lead, "ann.lee+news@gmail.com"), (other_record, "annlee@gmail.com")]
    ]
    theirs = compose(world.ctx(), _nurture(stranger, email="ann.lee@corp.example"))
    assert client.post("/api/unsubscribe", data={"token": _token(lead)}).status_code == 200
    assert [_get(world, m.id).status for m in hers] == ["Cancelled", "Cancelled"]
    assert _get(world, theirs.id).status == "Draft"


def test_unsubscribe__a_tampered_token_is_refused_and_changes_nothing(world, client):
    lead = _lead(world)
    other = _lead(world, email="someone@else.example")
    forged = _token(lead).replace(lead, other)
    before = len(world.writes())
    assert client.get("/api/unsubscribe", params={"token": forged}).status_code == 400
    refused = client.post("/api/unsubscribe", data={"token": forged})
    assert refused.status_code == 400 and "not valid" in refused.text
    assert client.post("/api/unsubscribe").status_code == 400
    assert len(world.writes()) == before and _lead_fields(world, other)["Status"] == "New"


def test_unsubscribe__a_bad_link_is_refused_while_airtable_is_down_without_asking_it(world, client):
    # The token is checked before Settings are read: a forged link is 400 whatever Airtable's state, and
    # costs no call; only a good link needs Airtable (and waits for it: 503, try again).
    lead = _lead(world)
    forged = _token(lead)[:-2] + "xx"
    before = world.server.set_faults()
    world.server.set_faults(error_rate=1.0, error_status=503)
    try:
        world.server.clear_requests()
        assert client.get("/api/unsubscribe", params={"token": forged}).status_code == 400
        refused = client.post("/api/unsubscribe", data={"token": forged})
        assert refused.status_code == 400 and "not valid" in refused.text
        assert client.post("/api/unsubscribe").status_code == 400
        assert world.server.requests() == []
        assert client.get("/api/unsubscribe", params={"token": _token(lead)}).status_code == 503
    finally:
        world.server.set_faults(error_rate=before["error_rate"], error_status=before["error_status"])
    assert _lead_fields(world, lead)["Status"] == "New"


def test_unsubscribe__one_click_post_from_the_mail_client_works(world, client):
    lead = _lead(world)
    one_click = client.post(
        f"/api/unsubscribe?token={_token(lead)}",
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert one_click.status_code == 200 and _lead_fields(world, lead)["Status"] == "Unsubscribed"
    later = compose(world.ctx(), _nurture(lead, step=2))
    assert later.status == "Cancelled" and "unsubscribed" in later.error


def test_unsubscribe__the_link_in_a_sent_email_is_the_one_that_works(world, client):
    lead = _lead(world)
    draft = compose(world.ctx(), _nurture(lead))
    _coach_sets(world, draft.id, "Approved")
    deliver(world.ctx(), [_get(world, draft.id)])
    url = world.sendgrid.sends[0].json()["headers"]["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("https://coach.example")
    assert client.get(path).status_code == 200
    assert client.post(path, content=b"List-Unsubscribe=One-Click").status_code == 200
    assert _lead_fields(world, lead)["Status"] == "Unsubscribed"


def _post_events(client, events, *, signer=SIGNER, tamper=False):
    body = json.dumps(events).encode()
    headers = signer.headers(body, int(time.time()))
    if tamper:
        body = body.replace(b"bounce", b"delivered")
    return client.post("/api/webhooks/sendgrid", content=body, headers=headers)


def test_sendgrid_events__bounce_and_spam_report_mark_leads_and_clients(world, client):
    bounced = _lead(world, email="gone@acme.example")
    reporter = _lead(world, email="angry@acme.example")
    customer = world.table("Clients").create({"Name": "Ann", "Email": "ann@corp.example"})["id"]
    now = int(time.time())
    answer = _post_events(
        client,
        [
            {"email": "gone@acme.example", "event": "bounce", "type": "bounce", "reason": "550 no such user",
             "timestamp": now},
            {"email": "angry@acme.example", "event": "spamreport", "timestamp": now},
            {"email": "ann@corp.example", "event": "spamreport", "timestamp": now},
            {"email": "slow@acme.example", "event": "bounce", "type": "blocked", "timestamp": now},
            {"email": "x@acme.example", "event": "open", "timestamp": now},
        ],
    )  # fmt: skip
    assert answer.status_code == 200 and answer.json() == {
        "received": 5,
        "messages": 0,
        "leads": 2,
        "clients": 1,
    }
    assert _lead_fields(world, bounced)["Email Status"] == "Bounced"
    assert _lead_fields(world, reporter)["Email Status"] == "Spam Report"
    assert _lead_fields(world, reporter)["Status"] == "Unsubscribed"
    assert world.table("Clients").get(customer)["fields"]["Email Opt Out"] is True
    assert world.table("Clients").get(customer)["fields"]["Email Status"] == "Spam Report"
    (run,) = world.table("Automation Runs").all()
    assert run["fields"]["Trigger"] == "SendGrid"
    later = compose(world.ctx(), _nurture(bounced, email="gone@acme.example"))
    assert later.status == "Cancelled" and "Bounced" in later.error


@pytest.mark.parametrize(
    "event",
    [
        {"event": "bounce", "type": "bounce", "reason": "550 5.1.1 mailbox unavailable"},
        {"event": "dropped", "reason": "Bounced Address"},
    ],
    ids=["bounce", "dropped-bounced-address"],
)
def test_sendgrid_events__a_client_bounce_marks_email_status_and_blocks_later_email(world, client, event):
    customer = world.table("Clients").create({"Name": "Ann Lee", "Email": "Ann@Corp.example"})["id"]
    events = [{"email": "ann@corp.example", "timestamp": int(time.time()), **event}]
    answer = _post_events(client, events)
    assert answer.status_code == 200 and answer.json()["clients"] == 1
    fields = world.table("Clients").get(customer)["fields"]
    assert fields["Email Status"] == "Bounced" and "Email Opt Out" not in fields  # a bounce is no opt-out
    again = _post_events(client, events)  # SendGrid retries a post: nothing changes the second time
    assert again.status_code == 200 and again.json()["clients"] == 0
    runs = world.table("Automation Runs").all()  # no problem reported; the repeat wrote nothing to log
    assert [r["fields"]["Outcome"] for r in runs] == ["Success"]
    later = compose(world.ctx(), _reminder(customer))
    assert later.status == "Cancelled"
    assert later.error == f"Not sent: address marked Bounced (client {customer})"
    assert world.sendgrid.sends == []


def test_sendgrid_events__a_bounce_never_downgrades_a_client_spam_report(world, client):
    customer = world.table("Clients").create(
        {"Name": "Ann Lee", "Email": "ann@corp.example", "Email Status": "Spam Report", "Email Opt Out": True}
    )["id"]
    events = [
        {"email": "ann@corp.example", "event": "bounce", "type": "bounce", "timestamp": int(time.time())}
    ]
    assert _post_events(client, events).json()["clients"] == 0
    assert world.table("Clients").get(customer)["fields"]["Email Status"] == "Spam Report"


def test_sendgrid_events__malformed_events_are_skipped_and_recorded_the_rest_applied(world, client):
    bounced = _lead(world, email="gone@acme.example")
    now = int(time.time())
    answer = _post_events(
        client,
        [
            {"email": ["gone@acme.example"], "event": "bounce", "type": "bounce", "timestamp": now},
            {"email": {"a": 1}, "event": "spamreport"},
            {"email": "x@acme.example", "event": 7},
            {"email": "x@acme.example", "event": "delivered", "timestamp": 10**400},
            {"email": "x@acme.example", "event": "delivered", "timestamp": "soon"},
            {"email": "x@acme.example", "event": "bounce", "los_message_id": ["recX"]},
            {"email": "gone@acme.example", "event": "bounce", "type": "bounce", "timestamp": now},
        ],
    )  # fmt: skip
    assert answer.status_code == 200 and answer.json()["leads"] == 1
    assert _lead_fields(world, bounced)["Email Status"] == "Bounced"
    (run,) = world.table("Automation Runs").all()
    assert run["fields"]["Outcome"] == "Partial" and run["fields"]["Details"].count("event skipped") == 6


def test_sendgrid_events__tampered_or_unsigned_posts_are_refused(world, client):
    lead = _lead(world, email="gone@acme.example")
    events = [{"email": "gone@acme.example", "event": "bounce", "type": "bounce"}]
    assert _post_events(client, events, tamper=True).status_code == 401
    assert _post_events(client, events, signer=SendGridSigner()).status_code == 401
    assert client.post("/api/webhooks/sendgrid", content=json.dumps(events)).status_code == 401
    assert "Email Status" not in _lead_fields(world, lead)


def test_sendgrid_events__a_crash_after_sendgrid_accepted_is_reconciled_from_its_events_never_resent(
    world, client
):
    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Approved")
    # Airtable goes down right after the claim: SendGrid takes the email, the result cannot be written.
    hooks = ClaimHooks(after_claim=lambda ids: world.server.set_faults(error_rate=1.0, error_status=503))
    ctx = world.ctx(budget_s=8)
    try:
        with pytest.raises(AirtableError):
            deliver(ctx, [ctx.gateway.get(Message, draft.id)], hooks=hooks)
    finally:
        world.server.set_faults(error_rate=0.0)
    assert len(world.sendgrid.sends) == 1 and _get(world, draft.id).status == "Sending"

    send_due(world.ctx())  # the next run does not send it again
    assert len(world.sendgrid.sends) == 1

    answer = _post_events(
        client,
        [{"email": "jo@acme.example", "event": "delivered", "los_message_id": draft.id,
          "sg_message_id": "sgmsg0001.filterdrecv-1234.5678.0", "timestamp": int(time.time())}],
    )  # fmt: skip
    assert answer.status_code == 200 and answer.json()["messages"] == 1
    reconciled = _get(world, draft.id)
    assert reconciled.status == "Sent" and reconciled.provider_id == "sgmsg0001"
    assert "reconciled from SendGrid" in reconciled.error
    assert len(world.sendgrid.sends) == 1


@pytest.mark.parametrize("order", ["bounce-first", "bounce-last"])
def test_sendgrid_events__a_bounce_fails_the_send_whatever_order_the_batch_holds(world, client, order):
    # SendGrid does not promise order: "processed" may come after the "bounce" of the same send.
    lead = _lead(world)
    message = world.table("Messages").create(
        {"Title": "Nurture Email: Hi", "Kind": "Nurture Email", "Channel": "Email", "Status": "Sending",
         "Recipient": "jo@acme.example", "Dedupe Key": f"{lead}:nurture:1", "Lead": [lead]}
    )["id"]  # fmt: skip
    now = int(time.time())
    bounce = {"email": "jo@acme.example", "event": "bounce", "type": "bounce", "reason": "550 no such user",
              "los_message_id": message, "sg_message_id": "sgmsg0001.f1", "timestamp": now}  # fmt: skip
    processed = {"email": "jo@acme.example", "event": "processed", "los_message_id": message,
                 "sg_message_id": "sgmsg0001.f1", "timestamp": now - 1}  # fmt: skip
    events = [bounce, processed] if order == "bounce-first" else [processed, bounce]
    assert _post_events(client, events).status_code == 200
    failed = _get(world, message)
    assert failed.status == "Failed" and failed.error == "SendGrid bounce: 550 no such user"
    assert _lead_fields(world, lead)["Email Status"] == "Bounced"
    late = [{**processed, "event": "delivered", "timestamp": now + 5}]  # a later post cannot revive it
    assert _post_events(client, late).json()["messages"] == 0
    assert _get(world, message).status == "Failed"


@pytest.mark.parametrize("keys", [True, False], ids=["sendgrid", "outbox"])
@pytest.mark.parametrize(
    "typed", ["jo@acme.example, boss@acme.example", "mailto:jo@acme.example", "jo..smith@acme.example"]
)
def test_delivery__a_recipient_the_coach_edited_into_no_single_address_fails_with_the_reason_unsent(
    world, typed, keys
):
    world.keys = keys  # without keys the outbox would take anything and mark it Sent
    lead = _lead(world)
    draft = compose(world.ctx(), _nurture(lead))
    world.table("Messages").update(draft.id, {"Recipient": typed, "Status": "Approved"})
    ctx = world.ctx()
    (done,) = deliver(ctx, [ctx.gateway.get(Message, draft.id)])
    assert done.result == "failed"
    failed = _get(world, draft.id)
    assert failed.status == "Failed" and "is not an email address" in failed.error
    assert world.sendgrid.sends == [] and not list(world.outbox.rglob("*.json"))


def test_sendgrid_events__a_spam_report_is_the_persons_in_every_spelling_a_bounce_only_the_address(
    world, client
):
    jo = _lead(world, email="jo@gmail.com")
    ann = world.table("Clients").create({"Name": "Ann", "Email": "ann@corp.example"})["id"]
    bo = _lead(world, email="bo@corp.example")
    now = int(time.time())
    events = [
        {"email": "j.o+news@googlemail.com", "event": "spamreport", "timestamp": now},
        {"email": "ann+promo@corp.example", "event": "unsubscribe", "timestamp": now},
        # a server may refuse only the "+tag": the plain address is not marked
        {"email": "bo+news@corp.example", "event": "bounce", "type": "bounce", "timestamp": now},
    ]
    answer = _post_events(client, events)
    assert answer.status_code == 200 and answer.json()["leads"] == 1 and answer.json()["clients"] == 1
    assert _lead_fields(world, jo)["Status"] == "Unsubscribed"
    assert _lead_fields(world, jo)["Email Status"] == "Spam Report"
    assert world.table("Clients").get(ann)["fields"]["Email Opt Out"] is True
    assert "Email Status" not in _lead_fields(world, bo)


def test_sendgrid_events__a_bounced_email_fixed_and_approved_again_is_sent_once(world, client):
    # README: Failed, "fix, then set Approved again". A bounce comes after SendGrid accepted it (Sent At).
    lead = _lead(world)
    draft = compose(world.ctx(), _nurture(lead))
    _coach_sets(world, draft.id, "Approved")
    ctx = world.ctx()
    deliver(ctx, [ctx.gateway.get(Message, draft.id)])
    bounce = {
        "email": "jo@acme.example",
        "event": "bounce",
        "type": "bounce",
        "reason": "550 no such user",
        "los_message_id": draft.id,
        "sg_message_id": "sgmsg0001.f1",
        "timestamp": int(time.time()),
    }
    assert _post_events(client, [bounce]).status_code == 200
    assert _get(world, draft.id).status == "Failed"

    fixed = {"Recipient": "jo.bloggs@acme.example", "Status": "Approved"}
    world.table("Messages").update(draft.id, fixed)
    ctx = world.ctx()
    deliver(ctx, [ctx.gateway.get(Message, draft.id)])

    assert len(world.sendgrid.sends) == 2
    assert world.sendgrid.sends[1].json()["personalizations"][0]["to"][0]["email"] == "jo.bloggs@acme.example"
    assert _get(world, draft.id).status == "Sent"


def test_delivery__an_email_switched_to_slack_with_its_address_fails_with_the_reason_unposted(world):
    world.keys = False  # the outbox (and a Slack incoming webhook) would post it anywhere
    draft = compose(world.ctx(), _nurture(_lead(world)))
    world.table("Messages").update(draft.id, {"Channel": "Slack", "Status": "Approved"})
    ctx = world.ctx()
    (done,) = deliver(ctx, [ctx.gateway.get(Message, draft.id)])
    assert done.result == "failed"
    failed = _get(world, draft.id)
    assert failed.status == "Failed" and "not a Slack channel" in failed.error
    assert not list(world.outbox.rglob("*.json")) and world.slack.posts == []
