"""Stripe's invoice events through the app: real signatures (stripe-python's own HMAC), stale and tampered
bodies refused, replays and out-of-order events changing nothing twice, against the local Airtable server."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import stripe
from fastapi.testclient import TestClient

from automation.config import get_config
from automation.events.catalog import get_plan
from automation.events.context import clear_caches
from automation.models import Client, Invoice, Message, Run, Session
from tests.gateway.base_builder import TOKEN
from tests.leads.http_world import make_world

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
SECRET = "whsec_billing_test_0123456789"


def sign(body: bytes, secret: str = SECRET, at: int | None = None) -> str:
    """The Stripe-Signature header as Stripe builds it (the SDK's own signature function)."""
    ts = int(time.time()) if at is None else at
    sig = stripe.WebhookSignature._compute_signature(f"{ts}.{body.decode()}", secret)
    return f"t={ts},v1={sig}"


@pytest.fixture
def world(server, tmp_path):
    return make_world(server, tmp_path)


@pytest.fixture
def app(world, monkeypatch, tmp_path):
    yield from running_app(world, monkeypatch, tmp_path)


def running_app(world, monkeypatch, tmp_path, **extra: str):
    """The app on this world's base (a generator for a fixture to yield from); `extra`: more env vars."""
    env = {
        "AIRTABLE_API_KEY": TOKEN,
        "AIRTABLE_BASE_ID": world.base_id,
        "AIRTABLE_ENDPOINT_URL": world.server.url,
        "AIRTABLE_RATE_PER_S": "0",
        "STRIPE_WEBHOOK_SECRET": SECRET,
        "TRIGGER_SECRET": "trigger-secret-for-billing-0123",
        "CRON_SECRET": "cron-secret-for-billing-0123",
        "OUTBOX_DIR": str(tmp_path / "outbox"),
        **extra,
    }
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    for cache in (get_config.cache_clear, clear_caches, get_plan.cache_clear):
        cache()
    from api.index import app as fastapi_app

    with TestClient(fastapi_app, raise_server_exceptions=False) as c:
        yield c
    for cache in (get_config.cache_clear, clear_caches, get_plan.cache_clear):
        cache()


@pytest.fixture
def billed(world):
    gw = world.gw
    (client,) = gw.create(Client, [{"name": "Jo Park", "email": "jo@acme.example", "status": "Active"}])
    s1, s2 = gw.create(
        Session,
        [{"name": "a", "status": "Completed", "invoice_status": "Invoiced"},
         {"name": "b", "status": "Cancelled", "invoice_status": "Waived"}],
    )  # fmt: skip
    earlier, inv = gw.create(
        Invoice,
        [
            {"invoice_number": "INV-0001", "client": [client.id], "status": "Paid",
             "total": Decimal("500.00")},
            {"invoice_number": "INV-0002", "client": [client.id], "sessions": [s1.id, s2.id],
             "status": "Sent", "total": Decimal("1199.99"), "stripe_id": "in_SAMPLE"},
        ],
    )  # fmt: skip
    return {"client": client, "invoice": inv, "sessions": (s1, s2)}


def event(kind: str, invoice_id: str) -> bytes:
    data = json.loads((SAMPLES / f"stripe_{kind}.json").read_text())
    data["data"]["object"]["metadata"]["airtable_id"] = invoice_id
    return json.dumps(data).encode()


def post(app, body: bytes, header: str):
    return app.post("/api/webhooks/stripe", content=body, headers={"Stripe-Signature": header})


def writes(world, since: int) -> list[str]:
    return [c["method"] + " " + c["path"] for c in world.calls()[since:] if c["method"] in ("POST", "PATCH")]


def test_stripe_webhook__paid_records_the_payment_once(app, world, billed) -> None:
    inv, client = billed["invoice"], billed["client"]
    body = event("invoice_paid", inv.id)
    assert post(app, body, sign(body)).status_code == 200
    got = world.gw.get(Invoice, inv.id)
    # paid_at 1764666000 is 2025-12-02 09:00 UTC: the business day in London
    assert (got.status, got.payment_date, got.payment_method) == ("Paid", date(2025, 12, 2), "Card")
    s1, s2 = (world.gw.get(Session, s.id) for s in billed["sessions"])
    assert (s1.invoice_status, s2.invoice_status) == ("Paid", "Waived")
    assert world.gw.get(Client, client.id).ltv == Decimal("1699.99")  # 500.00 earlier + 1,199.99

    since = len(world.calls())
    assert post(app, body, sign(body)).status_code == 200  # Stripe re-sends it
    smap = world.gw.schema_map()
    watched = {smap.table_id(t) for t in ("invoices", "clients", "sessions")}
    assert not [w for w in writes(world, since) if w.split("/")[3].split("?")[0] in watched]
    assert world.gw.get(Client, client.id).ltv == Decimal("1699.99")


def test_stripe_webhook__paid_while_its_invoice_email_waits_replaces_it_with_a_paid_copy(
    app, world, billed
) -> None:
    inv, client = billed["invoice"], billed["client"]
    world.gw.update(
        Invoice, [(inv, {"lines": "1199.99 | - | - | Coaching, November", "due_date": date(2025, 12, 16)})]
    )
    (waiting,) = world.gw.create(
        Message,
        [{"kind": "Invoice", "status": "Draft", "channel": "Email", "recipient": "jo@acme.example",
          "subject": "Invoice INV-0002", "dedupe_key": f"{inv.id}:invoice", "invoice": [inv.id],
          "client": [client.id], "body": "Please find invoice INV-0002 below, due on ..."}],
    )  # fmt: skip
    body = event("invoice_paid", inv.id)
    for _ in range(2):  # Stripe re-sends it: one copy
        assert post(app, body, sign(body)).status_code == 200
    assert world.gw.get(Message, waiting.id).status == "Cancelled"
    (copy,) = [m for m in world.gw.all(Message) if m.id != waiting.id]
    assert (copy.kind, copy.status) == ("Invoice", "Draft")
    # paid_at 1764666000: Tuesday 2 December 2025 in London
    assert "paid on Tuesday 2 December 2025" in copy.body and "due on" not in copy.body
    assert "Coaching, November: £1,199.99" in copy.body


def test_stripe_webhook__paid_before_stripe_sent_it_the_client_gets_its_paid_copy(app, world, billed) -> None:
    # The run finalized it in Stripe but stopped before Stripe sent it (Draft here, no Date Sent); the client
    # paid by transfer and the coach marked it paid in Stripe. No invoice ever reached her: its paid copy.
    inv = billed["invoice"]
    made = {"status": "Draft", "dedupe_key": "recJo:2025-11", "lines": "1199.99 | - | - | Coaching, November"}
    world.gw.update(Invoice, [(inv, made)])
    data = json.loads(event("invoice_paid", inv.id))
    data["data"]["object"]["paid_out_of_band"] = True
    body = json.dumps(data).encode()
    for _ in range(2):  # Stripe re-sends it: one copy
        assert post(app, body, sign(body)).status_code == 200
    (copy,) = world.gw.all(Message)
    assert (copy.kind, copy.status, copy.recipient) == ("Invoice", "Draft", "jo@acme.example")
    assert "paid on Tuesday 2 December 2025" in copy.body and "Coaching, November: £1,199.99" in copy.body


def test_stripe_webhook__events_after_paid_change_nothing(app, world, billed) -> None:
    inv = billed["invoice"]
    paid = event("invoice_paid", inv.id)
    post(app, paid, sign(paid))
    for kind in ("invoice_voided", "invoice_payment_failed"):
        body = event(kind, inv.id)
        assert post(app, body, sign(body)).status_code == 200
    assert world.gw.get(Invoice, inv.id).status == "Paid"
    assert not world.gw.all(Message)  # no failed-payment alert for a paid invoice


def test_stripe_webhook__payment_failed_tells_the_coach_once(app, world, billed) -> None:
    body = event("invoice_payment_failed", billed["invoice"].id)
    for _ in range(2):
        assert post(app, body, sign(body)).status_code == 200
    (alert,) = world.gw.all(Message)
    assert (alert.kind, alert.channel, alert.status) == ("System Alert", "Slack", "Sent")
    assert "INV-0002" in alert.subject and world.gw.get(Invoice, billed["invoice"].id).status == "Sent"
    assert "(£1,199.99)" in (alert.body or "")  # money as the coach reads it elsewhere, not "1199.99"
    # whose invoice it is, so she knows whom to call without looking the number up in the base
    assert "Jo Park" in (alert.subject or "") and "from Jo Park" in (alert.body or "")


def test_stripe_webhook__one_failed_attempt_sent_again_as_a_new_event_is_told_once(
    app, world, billed
) -> None:
    """Stripe may send a failure again under a new event id: one attempt is one fact, the next is another."""
    data = json.loads(event("invoice_payment_failed", billed["invoice"].id))
    data["data"]["object"]["attempt_count"] = 3
    for event_id in ("evt_first_copy", "evt_second_copy"):
        body = json.dumps({**data, "id": event_id}).encode()
        assert post(app, body, sign(body)).status_code == 200
    assert len(world.gw.all(Message)) == 1
    data["data"]["object"]["attempt_count"] = 4
    body = json.dumps({**data, "id": "evt_next_attempt"}).encode()
    assert post(app, body, sign(body)).status_code == 200
    assert len(world.gw.all(Message)) == 2  # a later attempt failing is news


def test_stripe_webhook__voided_unpaid_invoice_is_void_and_its_sessions_billable_again(
    app, world, billed
) -> None:
    from automation.billing.invoices import Period, billable

    body = event("invoice_voided", billed["invoice"].id)
    for _ in range(2):  # the replay changes nothing more
        assert post(app, body, sign(body)).status_code == 200
    got = world.gw.get(Invoice, billed["invoice"].id)
    assert got.status == "Void" and got.sessions == [billed["sessions"][1].id]  # the waived one stays
    s1, s2 = (world.gw.get(Session, s.id) for s in billed["sessions"])
    assert (s1.invoice_status, s1.invoice, s2.invoice_status) == ("Not Invoiced", [], "Waived")
    s1.session_date = datetime(2025, 11, 20, 10, tzinfo=UTC)
    assert billable(s1, Period.of(date(2025, 12, 3)), ZoneInfo("Europe/London"))  # the next run bills it


def test_stripe_webhook__paid_after_the_coach_voided_it_is_paid_and_she_is_told(app, world, billed) -> None:
    inv = world.gw.get(Invoice, billed["invoice"].id)
    world.gw.update(Invoice, [(inv, {"status": "Void"})])
    body = event("invoice_paid", inv.id)
    for _ in range(2):  # Stripe re-sends it: one alert
        assert post(app, body, sign(body)).status_code == 200
    assert world.gw.get(Invoice, inv.id).status == "Paid"  # the money came in
    (alert,) = world.gw.all(Message)
    assert (alert.kind, alert.channel) == ("System Alert", "Slack")
    assert "INV-0002" in (alert.subject or "") and "billed again" in (alert.body or "")
    assert "(£1,199.99)" in (alert.body or "")
    assert "Jo Park's invoice INV-0002" in (alert.subject or "")


def test_stripe_webhook__a_payment_for_an_invoice_deleted_from_the_base_is_told_once_not_dropped(
    app, world
) -> None:
    # Stripe took the money for an invoice we made (its metadata names our record), but the coach had
    # deleted the record: nothing can be marked Paid, and the payment must not pass unseen.
    (inv,) = world.gw.create(Invoice, [{"invoice_number": "INV-0009", "status": "Sent"}])
    world.server.api(TOKEN).table(world.base_id, "Invoices").delete(inv.id)
    body = event("invoice_paid", inv.id)
    for _ in range(2):  # Stripe re-sends it: one alert
        assert post(app, body, sign(body)).status_code == 200
    (alert,) = world.gw.all(Message)
    assert (alert.kind, alert.channel, alert.status) == ("System Alert", "Slack", "Sent")
    assert "not in the base" in (alert.subject or "") and "£1,199.99" in (alert.body or "")
    assert inv.id in (alert.body or "")


def test_stripe_webhook__a_payment_for_someone_elses_stripe_invoice_is_ignored_quietly(app, world) -> None:
    data = json.loads((SAMPLES / "stripe_invoice_paid.json").read_text())
    data["data"]["object"]["metadata"] = {}  # not made by this app: another product on the same account
    data["data"]["object"]["id"] = "in_OTHER"
    body = json.dumps(data).encode()
    assert post(app, body, sign(body)).status_code == 200
    assert world.gw.all(Message) == []


def test_coach_marks_an_invoice_void__its_sessions_are_released(world, billed) -> None:
    from automation.billing.payments import on_marked_paid

    inv = world.gw.get(Invoice, billed["invoice"].id)
    (inv,) = world.gw.update(Invoice, [(inv, {"status": "Void"})])
    ctx = world.ctx()
    with ctx.run:
        assert on_marked_paid(ctx, [inv]) == []
    s1 = world.gw.get(Session, billed["sessions"][0].id)
    assert (s1.invoice_status, s1.invoice) == ("Not Invoiced", [])


@pytest.mark.parametrize("case", ["stale", "tampered", "wrong_secret"])
def test_stripe_webhook__bad_signature_is_refused_and_changes_nothing(app, world, billed, case) -> None:
    body = event("invoice_paid", billed["invoice"].id)
    header = sign(body, at=int(time.time()) - 301) if case == "stale" else sign(body)
    if case == "wrong_secret":
        header = sign(body, secret="whsec_someone_else")
    sent = body.replace(b"119999", b"1") if case == "tampered" else body
    assert post(app, sent, header).status_code == 401
    assert world.gw.get(Invoice, billed["invoice"].id).status == "Sent"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda e: e["data"].update(object=["not", "an", "object"]),
        lambda e: e.update(data="nothing"),
        lambda e: e["data"]["object"].update(metadata="rec123"),
        lambda e: e["data"]["object"].update(status_transitions={"paid_at": "yesterday"}),
        lambda e: e["data"]["object"].update(status_transitions={"paid_at": 10**400}),
        lambda e: e["data"]["object"].update(id=["in_SAMPLE"]),
        lambda e: e.update(created=-5),
    ],
    ids=["object-a-list", "data-a-string", "metadata-a-string", "paid-at-text", "paid-at-huge", "id-a-list",
         "created-negative"],
)  # fmt: skip
def test_stripe_webhook__a_signed_event_of_the_wrong_shape_is_recorded_and_changes_nothing(
    app, world, billed, spoil
) -> None:
    data = json.loads(event("invoice_paid", billed["invoice"].id))
    spoil(data)
    body = json.dumps(data).encode()
    answer = post(app, body, sign(body))
    assert answer.status_code == 200 and answer.json()["handled"] is False  # Stripe need not retry it
    assert world.gw.get(Invoice, billed["invoice"].id).status == "Sent"
    (run,) = [r for r in world.gw.all(Run) if r.trigger == "Stripe"]
    assert run.outcome == "Partial" and "Stripe event skipped" in (run.details or "")


def set_mode(world, mode: str) -> None:
    """Settings `general.automation_mode` in the base, read fresh by the app's next run."""
    from automation.models import Setting

    rows = [r for r in world.gw.all(Setting) if r.key == "general.automation_mode"]
    if rows:
        world.gw.update(Setting, [(rows[0], {"value": mode})])
    else:
        world.gw.create(Setting, [{"key": "general.automation_mode", "value": mode}])
    clear_caches()


def test_stripe_webhook__paid_in_shadow_mode_is_kept_and_only_what_follows_is_previewed(
    app, world, billed, tmp_path
) -> None:
    """A client who pays while the base is in Shadow has paid: the invoice is Paid (at Live she would
    otherwise be chased for it); its sessions, her LTV and the emails about it are previewed only."""
    inv = billed["invoice"]
    (waiting,) = world.gw.create(
        Message,
        [{"kind": "Invoice", "status": "Draft", "channel": "Email", "recipient": "jo@acme.example",
          "subject": "Invoice INV-0002", "dedupe_key": f"{inv.id}:invoice", "invoice": [inv.id],
          "client": [billed["client"].id], "body": "Please find invoice INV-0002 below"}],
    )  # fmt: skip
    set_mode(world, "Shadow")
    body = event("invoice_paid", inv.id)
    assert post(app, body, sign(body)).status_code == 200
    got = world.gw.get(Invoice, inv.id)
    assert (got.status, got.payment_date, got.payment_method) == ("Paid", date(2025, 12, 2), "Card")
    assert world.gw.get(Session, billed["sessions"][0].id).invoice_status == "Invoiced"
    assert world.gw.get(Client, billed["client"].id).ltv in (None, Decimal("0"))
    assert [(m.id, m.status) for m in world.gw.all(Message)] == [(waiting.id, "Draft")]
    assert not list((tmp_path / "outbox").rglob("*.*"))
    (run,) = [r for r in world.gw.all(Run) if "invoice.paid" in (r.job or "")]
    intended = {(w["op"], w["table"]) for w in json.loads(run.details)["intended_writes"]}
    assert ("update", "sessions") in intended and ("update", "invoices") not in intended
    # Live afterwards: nothing of it is done twice (a replayed event finds the invoice Paid already).
    set_mode(world, "Live")
    for _ in range(2):
        assert post(app, body, sign(body)).status_code == 200
    assert world.gw.get(Invoice, inv.id).status == "Paid"
    assert len([m for m in world.gw.all(Message) if m.kind == "Invoice" and m.status == "Draft"]) == 1


def test_stripe_webhook__voided_in_shadow_mode_is_kept(app, world, billed) -> None:
    """Stripe voided the invoice (the client can no longer pay it): its status is that fact, kept in
    Shadow; releasing its sessions to the next billing run is previewed."""
    set_mode(world, "Shadow")
    body = event("invoice_voided", billed["invoice"].id)
    assert post(app, body, sign(body)).status_code == 200
    assert world.gw.get(Invoice, billed["invoice"].id).status == "Void"
    assert world.gw.get(Session, billed["sessions"][0].id).invoice_status == "Invoiced"
