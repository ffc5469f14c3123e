"""Money that goes back, through the app: Stripe's `charge.refunded`, `charge.dispute.created` and
`charge.dispute.closed`, signed, against the local Airtable server and a local Stripe that answers the one
read they need (which invoice a PaymentIntent paid: the pinned API version's Charge and Dispute name no
invoice). Amounts and wording come from what the coach must know, not from the code's output."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from automation.events.context import clear_caches
from automation.models import Client, Invoice, Message, Run, Session, Setting
from tests.billing.fake_stripe import invoice_payment
from tests.billing.test_stripe_webhook_http import post, set_mode, sign, writes
from tests.leads.http_world import make_world

PI = "pi_3QrefundSample01"
CHARGE = "ch_3QrefundSample01"
DUE = int(datetime(2025, 12, 15, 13, 0, tzinfo=UTC).timestamp())  # 16 Dec 00:00 in Sydney (UTC+11)


@pytest.fixture
def world(server, tmp_path):
    return make_world(server, tmp_path)


@pytest.fixture
def paid(world, stripe_fake):
    """Jo Park: an earlier Paid invoice (£500.00) and INV-0002 (£1,199.99) paid in Stripe: LTV 1,699.99."""
    gw = world.gw
    (client,) = gw.create(
        Client, [{"name": "Jo Park", "email": "jo@acme.example", "ltv": Decimal("1699.99")}]
    )
    (s1,) = gw.create(Session, [{"name": "a", "status": "Completed", "invoice_status": "Paid"}])
    _, inv = gw.create(
        Invoice,
        [
            {"invoice_number": "INV-0001", "client": [client.id], "status": "Paid",
             "total": Decimal("500.00")},
            {"invoice_number": "INV-0002", "client": [client.id], "sessions": [s1.id], "status": "Paid",
             "total": Decimal("1199.99"), "stripe_id": "in_SAMPLE", "notes": "Paid by card"},
        ],
    )  # fmt: skip
    stripe_fake.invoice_payments.append(invoice_payment("in_SAMPLE", PI, 119999))
    return {"client": client, "invoice": inv}


def charge_refunded(amount_refunded: int, *, event_id: str = "evt_refund_1", pi: str | None = PI) -> bytes:
    """A `charge.refunded` event as Stripe sends it: the Charge with its cumulative amount_refunded."""
    charge = {"id": CHARGE, "object": "charge", "amount": 119999, "amount_captured": 119999,
              "amount_refunded": amount_refunded, "captured": True, "currency": "gbp",
              "customer": "cus_SAMPLE", "paid": True, "payment_intent": pi, "status": "succeeded",
              "refunded": amount_refunded == 119999, "disputed": False, "metadata": {}}  # fmt: skip
    return _event("charge.refunded", charge, event_id)


def dispute(kind: str, status: str, *, amount: int = 119999, event_id: str = "evt_dispute_1") -> bytes:
    obj = {"id": "du_1QsampleDispute", "object": "dispute", "amount": amount, "charge": CHARGE,
           "currency": "gbp", "created": 1765000000, "payment_intent": PI, "reason": "product_not_received",
           "status": status, "is_charge_refundable": False, "livemode": False, "metadata": {},
           "evidence_details": {"due_by": DUE, "has_evidence": False, "past_due": False,
                                "submission_count": 0}}  # fmt: skip
    return _event(kind, obj, event_id)


def _event(kind: str, obj: dict, event_id: str) -> bytes:
    return json.dumps(
        {"id": event_id, "object": "event", "api_version": "2026-10-28.endive", "created": 1765000000,
         "livemode": False, "type": kind, "data": {"object": obj}}
    ).encode()  # fmt: skip


def deliver(app, body: bytes, times: int = 1):
    for _ in range(times):
        answer = post(app, body, sign(body))
        assert answer.status_code == 200
    return answer.json()


def alerts(world) -> list[Message]:
    return [m for m in world.gw.all(Message) if m.kind == "System Alert"]


def test_refund__partial_then_full_is_recorded_on_the_invoice_and_ltv_and_told_once_each(
    app, world, paid
) -> None:
    inv, client = paid["invoice"], paid["client"]
    deliver(app, charge_refunded(20000), times=2)  # £200.00 back; Stripe re-sends it
    got = world.gw.get(Invoice, inv.id)
    assert got.status == "Paid" and got.refunded == Decimal("200.00")
    assert got.notes.startswith("Paid by card\n") and "Refunded £200.00 in Stripe" in got.notes
    assert world.gw.get(Client, client.id).ltv == Decimal("1499.99")  # 500.00 + 1,199.99 − 200.00
    (note,) = alerts(world)
    assert note.channel == "Slack" and "Jo Park" in note.subject and "INV-0002" in note.subject
    assert "£200.00 was refunded" in note.body and "£200.00 of £1,199.99" in note.body

    since = len(world.calls())
    deliver(app, charge_refunded(20000))  # a replay changes and sends nothing
    smap = world.gw.schema_map()
    watched = {smap.table_id(t) for t in ("invoices", "clients", "messages")}
    assert not [w for w in writes(world, since) if w.split("/")[3].split("?")[0] in watched]
    assert len(alerts(world)) == 1

    deliver(app, charge_refunded(119999, event_id="evt_refund_2"))  # the rest: refunded in full
    got = world.gw.get(Invoice, inv.id)
    assert got.refunded == Decimal("1199.99") and "Refunded £999.99 in Stripe (refunded in full)" in got.notes
    assert world.gw.get(Client, client.id).ltv == Decimal("500.00")
    assert len(alerts(world)) == 2 and any("£999.99 was refunded" in m.body for m in alerts(world))

    deliver(app, charge_refunded(20000))  # the older event arriving late cannot lower it
    assert world.gw.get(Invoice, inv.id).refunded == Decimal("1199.99")
    assert world.gw.get(Client, client.id).ltv == Decimal("500.00") and len(alerts(world)) == 2


def _set(world, key: str, value: str) -> None:
    world.gw.create(Setting, [{"key": key, "value": value}])
    clear_caches()


def test_dispute__the_coach_is_told_at_once_with_the_deadline_on_her_clock_and_what_to_do(
    app, world, paid
) -> None:
    _set(world, "general.time_zone", "Australia/Sydney")
    deliver(app, dispute("charge.dispute.created", "needs_response"), times=2)
    (alert,) = alerts(world)
    text = f"{alert.subject}\n{alert.body}"
    for want in ("Jo Park", "INV-0002", "£1,199.99", "not received", "Respond in Stripe".lower()):
        assert want.lower() in text.lower(), want
    assert "Tuesday 16 December 2025, 00:00 (Australia/Sydney)" in text  # 13:00 UTC on the 15th
    got = world.gw.get(Invoice, paid["invoice"].id)
    assert got.notes.count("du_1QsampleDispute") == 1 and got.refunded in (None, Decimal("0"))
    assert world.gw.get(Client, paid["client"].id).ltv == Decimal("1699.99")  # not decided yet


def test_dispute__lost_is_money_gone_recorded_like_a_refund_once(app, world, paid) -> None:
    deliver(app, charge_refunded(20000))  # £200.00 refunded earlier; the client disputes the rest
    deliver(app, dispute("charge.dispute.closed", "lost", amount=99999), times=2)
    got = world.gw.get(Invoice, paid["invoice"].id)
    assert got.refunded == Decimal("1199.99") and "lost" in got.notes
    assert world.gw.get(Client, paid["client"].id).ltv == Decimal("500.00")
    (lost,) = [m for m in alerts(world) if "Dispute lost" in (m.subject or "")]
    assert "Jo Park" in lost.subject and "£999.99" in lost.body


def test_dispute__won_is_told_and_nothing_is_taken_off(app, world, paid) -> None:
    deliver(app, dispute("charge.dispute.closed", "won"), times=2)
    got = world.gw.get(Invoice, paid["invoice"].id)
    assert got.refunded in (None, Decimal("0")) and "won" in got.notes
    assert world.gw.get(Client, paid["client"].id).ltv == Decimal("1699.99")
    (won,) = alerts(world)
    assert "Dispute won" in won.subject and "comes back" in won.body


@pytest.mark.parametrize("case", ["not-an-invoice-payment", "someone-elses-invoice", "no-payment-intent"])
def test_refund__of_a_payment_not_ours_is_ignored_quietly(app, world, paid, stripe_fake, case) -> None:
    if case == "not-an-invoice-payment":
        stripe_fake.invoice_payments.clear()
    elif case == "someone-elses-invoice":
        stripe_fake.invoice_payments[0]["invoice"] = "in_OTHER"
    answer = deliver(app, charge_refunded(20000, pi=None if case == "no-payment-intent" else PI))
    assert answer["handled"] is True
    assert world.gw.get(Invoice, paid["invoice"].id).refunded is None and alerts(world) == []


@pytest.mark.parametrize(
    "spoil",
    [lambda o: o.update(amount_refunded="lots"), lambda o: o.pop("currency"),
     lambda o: o.update(amount_refunded=-100)],
    ids=["amount-text", "no-currency", "negative"],
)  # fmt: skip
def test_refund__a_signed_event_of_the_wrong_shape_is_skipped_with_its_reason(
    app, world, paid, spoil
) -> None:
    data = json.loads(charge_refunded(20000))
    spoil(data["data"]["object"])
    answer = deliver(app, json.dumps(data).encode())
    assert answer["handled"] is False and "charge" in answer["skipped"]
    assert world.gw.get(Invoice, paid["invoice"].id).refunded is None and alerts(world) == []
    (run,) = [r for r in world.gw.all(Run) if r.trigger == "Stripe"]
    assert run.outcome == "Partial" and "Stripe event skipped" in (run.details or "")


def test_refund__in_shadow_mode_is_kept_on_the_invoice_and_what_follows_is_previewed(
    app, world, paid
) -> None:
    set_mode(world, "Shadow")
    deliver(app, charge_refunded(20000))
    got = world.gw.get(Invoice, paid["invoice"].id)
    assert got.refunded == Decimal("200.00") and "Refunded £200.00" in got.notes  # the fact is kept
    assert world.gw.get(Client, paid["client"].id).ltv == Decimal("1699.99") and alerts(world) == []


def test_charge_marks__each_charge_its_latest_total_card_or_bank_debit() -> None:
    # An invoice paid by several payments: each refund line ends with its charge's refunded total; a bank
    # debit's payment is a py_ object, a card's a ch_ one; the latest line of a charge is its total.
    from automation.billing.refunds import charge_marks

    notes = (
        "Paid by card\n2026-12-12: Refunded £1.00 [ch_3Qa 100]\n2026-12-13: x [py_9Z 250]\n"
        "2026-12-14: y [ch_3Qa 300]"
    )
    assert charge_marks(notes) == {"ch_3Qa": 300, "py_9Z": 250}
    assert charge_marks(None) == {} and charge_marks("Refunded £2.00 in Stripe") == {}
