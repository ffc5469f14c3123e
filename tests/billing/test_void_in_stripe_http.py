"""An invoice the coach sets Void in Airtable is voided in Stripe too (stripe-python against the local fake,
the base on the local Airtable server): its payment link stops taking money, so a client cannot pay an
invoice whose sessions go on the next one. One the client had already paid is Paid again, and she is told."""

from __future__ import annotations

import time

import pytest
from pydantic import SecretStr

from automation.billing.payments import on_marked_paid
from automation.models import Invoice, Message, Session
from tests.billing.fake_stripe import FakeStripe
from tests.billing.test_billing_run_http import DEC1, _bill, _seed
from tests.leads.http_world import make_world


@pytest.fixture
def stripe_fake():
    with FakeStripe() as fake:
        yield fake


@pytest.fixture
def world(server, tmp_path, stripe_fake):
    w = make_world(server, tmp_path, **{"billing.claim_settle_s": "0.5"})
    w.config = w.config.model_copy(
        update={"stripe_secret_key": SecretStr("sk_test_fake_0123"), "stripe_api_base": stripe_fake.url}
    )
    return w


def _void(world, mode: str = "Live") -> tuple[Invoice, list]:
    """The coach sets the billed invoice Void; the invoice-payment automation runs on it."""
    (inv,) = world.gw.all(Invoice)
    (inv,) = world.gw.update(Invoice, [(inv, {"status": "Void"})])
    ctx = world.ctx()
    ctx.run.mode = mode
    with ctx.run:
        updates = on_marked_paid(ctx, [inv])
    return inv, ctx.run.problems + updates


def test_void__an_open_stripe_invoice_is_voided_there_once_and_its_sessions_released(world, stripe_fake):
    seed = _seed(world)
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    sid = inv.stripe_id
    assert stripe_fake.invoices[sid]["status"] == "open"
    _void(world)
    assert stripe_fake.invoices[sid]["status"] == "void"
    assert [p for p in stripe_fake.posts() if p[0].endswith("/void")] == [
        (f"/v1/invoices/{sid}/void", {}, f"void-{inv.id}")
    ]
    sessions = world.gw.get_many(Session, [s.id for s in seed["sessions"]])
    assert {s.invoice_status for s in sessions} == {"Not Invoiced"}  # on the next run, as before
    _void(world)  # the automation runs again (a replayed payload): Stripe says void, nothing is sent
    assert len([p for p in stripe_fake.posts() if p[0].endswith("/void")]) == 1
    assert world.gw.get(Invoice, inv.id).status == "Void" and not world.gw.all(
        Message, formula={"kind": "System Alert"}
    )


def test_void__an_invoice_already_paid_in_stripe_is_paid_again_and_the_coach_told(world, stripe_fake):
    seed = _seed(world)
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    paid_at = int(time.mktime((2026, 12, 3, 12, 0, 0, 0, 0, 0)))
    stripe_fake.invoices[inv.stripe_id].update(status="paid", status_transitions={"paid_at": paid_at})
    _void(world)
    got = world.gw.get(Invoice, inv.id)
    assert got.status == "Paid" and got.payment_date is not None
    assert not [p for p in stripe_fake.posts() if p[0].endswith("/void")]
    sessions = world.gw.get_many(Session, [s.id for s in seed["sessions"]])
    assert {s.invoice_status for s in sessions} == {"Paid"}  # not released to be billed again
    (alert,) = world.gw.all(Message, formula={"kind": "System Alert"})
    assert inv.invoice_number in (alert.subject or "") and "refund" in (alert.body or "")


def test_void__a_draft_stripe_invoice_is_deleted(world, stripe_fake):
    _seed(world)
    stripe_fake.fail["/finalize"] = 99  # Stripe keeps failing at finalize: the invoice stays a draft there
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    sid = inv.stripe_id
    assert sid and stripe_fake.invoices[sid]["status"] == "draft"
    _void(world)
    assert sid not in stripe_fake.invoices
    assert any(r["method"] == "DELETE" and r["path"] == f"/v1/invoices/{sid}" for r in stripe_fake.requests)


def test_void__paused_mode_calls_no_stripe_and_says_so(world, stripe_fake):
    _seed(world)
    _bill(world, DEC1)
    before = len(stripe_fake.requests)
    inv, problems = _void(world, mode="Paused")
    assert len(stripe_fake.requests) == before
    assert stripe_fake.invoices[inv.stripe_id]["status"] == "open"
    assert any("void it in Stripe" in str(p) for p in problems)
