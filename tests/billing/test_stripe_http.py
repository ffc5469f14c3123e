"""Invoices through Stripe at its HTTP layer: stripe-python talks to a local fake (tests/billing/fake_stripe);
the exact requests, amounts in cents, idempotency keys, retries and a resumed run are checked."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from pydantic import SecretStr

from automation.billing.automations import billing_daily
from automation.billing.payments import on_marked_paid
from automation.billing.run import billing_run
from automation.models import Client, Invoice, Message, Session
from tests.billing.test_billing_run_http import DEC1, NOV, _bill, _seed
from tests.leads.http_world import make_world


@pytest.fixture
def world(server, tmp_path, stripe_fake):
    w = make_world(server, tmp_path, **{"billing.claim_settle_s": "0.5"})
    w.config = w.config.model_copy(
        update={"stripe_secret_key": SecretStr("sk_test_fake_0123"), "stripe_api_base": stripe_fake.url}
    )
    return w


def test_stripe__customer_items_invoice_finalize_send_exactly(world, stripe_fake) -> None:
    seed = _seed(world)
    cid = seed["client"].id
    summary = _bill(world, DEC1)
    assert summary["stripe_sent"] == 1
    (inv,) = world.gw.all(Invoice)
    s1, s2, s3 = sorted(seed["sessions"], key=lambda s: s.session_date)
    cus, sid = "cus_test000001", "in_test000002"
    assert stripe_fake.posts() == [
        ("/v1/customers", {"email": "jo@acme.example", "name": "Jo Park", "metadata": {"airtable_id": cid}},
         f"cus-{cid}"),
        ("/v1/invoices", {"customer": cus, "collection_method": "send_invoice", "days_until_due": "14",
                          "auto_advance": "false", "currency": "gbp", "description": "Invoice INV-0001",
                          "metadata": {"airtable_id": inv.id, "invoice_number": "INV-0001"}},
         f"inv-{inv.id}"),
        ("/v1/invoiceitems", {"customer": cus, "invoice": sid, "amount": "33333", "currency": "gbp",
                              "description": "Coaching session, Thu 5 Nov 2026"}, f"ii-{inv.id}-1"),
        ("/v1/invoiceitems", {"customer": cus, "invoice": sid, "amount": "33333", "currency": "gbp",
                              "description": "Coaching session, Thu 12 Nov 2026 with Ann Lee"},
         f"ii-{inv.id}-2"),
        ("/v1/invoiceitems", {"customer": cus, "invoice": sid, "amount": "33333", "currency": "gbp",
                              "description": "Coaching session, Thu 19 Nov 2026"}, f"ii-{inv.id}-3"),
        ("/v1/invoiceitems", {"customer": cus, "invoice": sid, "amount": "20000", "currency": "gbp",
                              "description": "VAT"}, f"ii-{inv.id}-4"),  # Settings name the tax
        (f"/v1/invoices/{sid}/finalize", {}, f"fin-{inv.id}"),
        (f"/v1/invoices/{sid}/send", {}, f"send-{inv.id}"),
    ]  # fmt: skip
    assert stripe_fake.invoices[sid]["total"] == 119999  # Stripe's total is ours, in cents
    assert all(r["auth"] == "Bearer sk_test_fake_0123" for r in stripe_fake.requests)
    assert (inv.stripe_id, inv.status, inv.date_sent.isoformat()) == (sid, "Sent", "2026-12-01")
    assert inv.payment_link == f"https://invoice.stripe.com/i/acct_fake/{sid}"
    assert world.gw.get(Client, cid).stripe_customer_id == cus
    assert not world.gw.all(Message)  # Stripe sends the invoice email itself


@pytest.fixture
def yen_world(server, tmp_path, stripe_fake):
    w = make_world(server, tmp_path, **{"billing.claim_settle_s": "0.5", "general.currency": "JPY"})
    w.config = w.config.model_copy(
        update={"stripe_secret_key": SecretStr("sk_test_fake_0123"), "stripe_api_base": stripe_fake.url}
    )
    return w


def test_stripe__a_currency_without_cents_is_charged_in_its_own_unit(yen_world, stripe_fake) -> None:
    """JPY has no minor unit: Stripe takes 33,000 yen as 33000. In 'cents' it would be 3300000, a client
    charged a hundred times the price."""
    _seed(yen_world, price="33000")
    assert _bill(yen_world, DEC1)["stripe_sent"] == 1
    items = [(p["amount"], p["currency"]) for path, p, _ in stripe_fake.posts() if path == "/v1/invoiceitems"]
    assert items == [("33000", "jpy")] * 3 + [("19800", "jpy")]  # 20 % VAT on 99,000
    (inv,) = yen_world.gw.all(Invoice)
    assert stripe_fake.invoices[inv.stripe_id]["total"] == 118800 and inv.total == Decimal("118800")


def test_stripe__yen_tax_on_a_total_not_a_multiple_of_five_is_sent_in_whole_yen(
    yen_world, stripe_fake
) -> None:
    """20 % of 9,999 yen is 1,999.8: the tax is rounded to the yen (2,000), so the invoice goes to Stripe
    instead of being refused for a fraction of a yen the run itself made."""
    _seed(yen_world, price="3333")
    assert _bill(yen_world, DEC1)["stripe_sent"] == 1
    items = [(p["amount"], p["currency"]) for path, p, _ in stripe_fake.posts() if path == "/v1/invoiceitems"]
    assert items == [("3333", "jpy")] * 3 + [("2000", "jpy")]
    (inv,) = yen_world.gw.all(Invoice)
    assert (inv.status, inv.total, inv.associate_cut) == ("Sent", Decimal("11999"), Decimal("1333"))


def test_stripe__an_amount_its_currency_cannot_carry_is_refused_and_reported(yen_world, stripe_fake) -> None:
    _seed(yen_world, price="333.33")  # a price typed with sen, which Stripe cannot charge in yen
    ctx = yen_world.ctx(now=DEC1, budget_s=60, job="billing")
    with ctx.run:
        summary = billing_run(ctx, NOV)
    assert summary["stripe_sent"] == 0
    assert not [p for path, p, _ in stripe_fake.posts() if path == "/v1/invoiceitems"]  # nothing half-sent
    (inv,) = yen_world.gw.all(Invoice)
    assert inv.status == "Draft" and any("no minor unit" in p.reason for p in ctx.run.problems)


def test_stripe__a_5xx_is_retried_with_the_same_key(world, stripe_fake) -> None:
    _seed(world)
    stripe_fake.fail["/finalize"] = 1
    summary = _bill(world, DEC1)
    assert summary["stripe_sent"] == 1, summary
    finals = [p for p in stripe_fake.posts() if p[0].endswith("/finalize")]
    assert len(finals) == 2 and finals[0][2] == finals[1][2]  # one retry, same Idempotency-Key


def test_stripe__retries_are_bounded_and_a_resumed_run_sends_the_same_keys(world, stripe_fake) -> None:
    _seed(world)
    stripe_fake.fail["/finalize"] = 10
    first = _bill(world, DEC1)
    assert first.get("stripe_sent") == 0
    assert len([p for p in stripe_fake.posts() if p[0].endswith("/finalize")]) == 3  # 1 + 2 retries
    (inv,) = world.gw.all(Invoice)
    assert (inv.status, inv.stripe_id) == ("Draft", "in_test000002")  # the Stripe id kept for the resume
    keys_before = [p[2] for p in stripe_fake.posts()]
    stripe_fake.fail.clear()
    n = len(stripe_fake.requests)
    ctx = world.ctx(now=DEC1)
    with ctx.run:
        billing_daily(ctx)  # November is not billed again; the pending invoice is continued
    again = (
        [p[2] for p in stripe_fake.requests[n:] if p["method"] == "POST"]
        if False
        else [r["idempotency_key"] for r in stripe_fake.requests[n:] if r["method"] == "POST"]
    )
    assert set(again) <= set(keys_before) | {f"send-{inv.id}"}
    assert [k for k in again if k.startswith("ii-")] == [f"ii-{inv.id}-{i}" for i in range(1, 5)]
    sid = inv.stripe_id
    assert len(stripe_fake.invoices[sid]["lines"]["data"]) == 4  # the replayed items were not added twice
    assert len(stripe_fake.invoices) == 1 and len(stripe_fake.customers) == 1
    got = world.gw.get(Invoice, inv.id)
    assert got.status == "Sent" and got.total == Decimal("1199.99")


def test_stripe__a_late_fee_is_its_own_stripe_invoice_once(world, stripe_fake) -> None:
    from datetime import timedelta

    from automation.billing.delivery import overdue_daily
    from automation.settings import settings_from_mapping

    world.settings = settings_from_mapping(
        {"billing.claim_settle_s": "0.5", "billing.late_fee_kind": "flat", "billing.late_fee_value": "25.00",
         "billing.tax_id": "ABN: 51 824 753 556"}
    )  # fmt: skip
    _seed(world)
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    n = len(stripe_fake.requests)
    for _ in range(2):  # due 15 Dec, 7 days' grace: the fee is due from the 23rd
        ctx = world.ctx(now=DEC1 + timedelta(days=22))
        with ctx.run:
            overdue_daily(ctx)
    late = [r for r in stripe_fake.requests[n:] if r["method"] == "POST"]
    assert [(r["path"].split("/")[-1], r["idempotency_key"]) for r in late] == [
        ("invoices", f"late-{inv.id}-1-inv"),
        ("invoiceitems", f"late-{inv.id}-1-item"),
        ("finalize", f"late-{inv.id}-1-fin"),
        ("send", f"late-{inv.id}-1-send"),
    ]
    assert late[1]["params"]["amount"] == "2500" and late[0]["params"]["metadata"]["late_fee"] == "1"
    assert late[0]["params"]["footer"] == "ABN: 51 824 753 556"  # a tax invoice too: the number it must show
    got = world.gw.get(Invoice, inv.id)
    assert (got.status, got.late_fees, got.total) == ("Overdue", Decimal("25.00"), Decimal("1224.99"))


def test_stripe__a_late_fee_goes_to_the_clients_address_now_read_once(world, stripe_fake) -> None:
    """The late fee is an invoice Stripe emails to its customer: a client whose address changed since her
    invoice went out gets the fee at the new one, as a regular invoice would (one customer read for the
    client however many of her invoices take a fee that day)."""
    from datetime import timedelta

    from automation.billing.delivery import overdue_daily
    from automation.settings import settings_from_mapping

    world.settings = settings_from_mapping(
        {"billing.claim_settle_s": "0.5", "billing.late_fee_kind": "flat", "billing.late_fee_value": "25.00"}
    )
    seed = _seed(world)
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    (cus,) = stripe_fake.customers
    # a second open invoice of hers (typed in by hand, in Stripe too), due the same day
    same = {k: getattr(inv, k) for k in ("client", "due_date", "amount", "total", "stripe_id")}
    world.gw.create(Invoice, [{**same, "invoice_number": "OLD-7", "status": "Sent"}])
    world.gw.update(Client, [(seed["client"], {"email": "jo.park@newco.example"})])
    n = len(stripe_fake.requests)
    ctx = world.ctx(now=DEC1 + timedelta(days=22))
    with ctx.run:
        overdue_daily(ctx)
    assert stripe_fake.customers[cus]["email"] == "jo.park@newco.example"
    later = stripe_fake.requests[n:]
    paths = [(r["method"], r["path"]) for r in later]
    assert paths.count(("GET", f"/v1/customers/{cus}")) == 1, paths
    assert paths.index(("POST", f"/v1/customers/{cus}")) < paths.index(("POST", "/v1/invoices"))
    assert len([r for r in later if r["path"] == "/v1/invoices"]) == 2  # both fees went


def test_stripe__paused_mode_calls_stripe_for_nothing_and_live_continues(world, stripe_fake) -> None:
    _seed(world)
    ctx = world.ctx(now=DEC1, budget_s=60)
    ctx.run.mode = "Paused"
    with ctx.run:
        from automation.billing.run import billing_run
        from tests.billing.test_billing_run_http import NOV

        assert billing_run(ctx, NOV)["stripe_held"] == 1
    assert stripe_fake.requests == []
    ctx = world.ctx(now=DEC1)
    with ctx.run:
        billing_daily(ctx)  # Live again: the held invoice is sent
    assert world.gw.all(Invoice)[0].status == "Sent" and len(stripe_fake.invoices) == 1


# ---- an invoice the coach sets Void in Airtable is voided in Stripe too: its payment link stops taking
# money, so a client cannot pay an invoice whose sessions go on the next one; one she had already paid is
# Paid again, and the coach is told.


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


@pytest.mark.parametrize("held", ["", "jo.old@acme.example", "jo@acme.example"])
def test_stripe__an_existing_customer_gets_the_clients_address_before_the_invoice(
    world, stripe_fake, held: str
) -> None:
    """Stripe emails the invoice to its customer's address: a customer created while the client had none
    (or before her address was corrected) gets the client's address before the invoice is made for it; a
    customer that already has it is only read."""
    seed = _seed(world)
    stripe_fake.customers["cus_earlier"] = {
        "id": "cus_earlier", "object": "customer", "email": held, "name": "Jo Park", "metadata": {},
        "livemode": False,
    }  # fmt: skip
    world.gw.update(Client, [(seed["client"], {"stripe_customer_id": "cus_earlier"})])
    summary = _bill(world, DEC1)
    assert summary["stripe_sent"] == 1, summary
    assert stripe_fake.customers["cus_earlier"]["email"] == "jo@acme.example"
    assert len(stripe_fake.customers) == 1  # reused, not a second customer
    posts = [path for path, _, _ in stripe_fake.posts()]
    if held == "jo@acme.example":
        assert "/v1/customers/cus_earlier" not in posts
    else:
        assert posts.index("/v1/customers/cus_earlier") < posts.index("/v1/invoices")


@pytest.mark.parametrize("gone", ["deleted", "unknown"])
def test_stripe__a_customer_stripe_no_longer_holds_is_replaced_and_the_invoice_sent(
    world, stripe_fake, gone: str
) -> None:
    """The client's Stripe Customer ID points to a customer deleted in Stripe, or to one Stripe does not
    know (made with a test-mode key): Stripe refuses an invoice for it, so keeping it failed her invoice on
    every run. A new customer is made (under its own idempotency key) and stored, the invoice sent."""
    seed = _seed(world)
    if gone == "deleted":
        stripe_fake.customers["cus_old"] = {"id": "cus_old", "object": "customer", "deleted": True}
    world.gw.update(Client, [(seed["client"], {"stripe_customer_id": "cus_old"})])
    summary = _bill(world, DEC1)
    assert summary["stripe_sent"] == 1, summary
    new = world.gw.get(Client, seed["client"].id).stripe_customer_id
    assert new not in (None, "cus_old") and stripe_fake.customers[new]["email"] == "jo@acme.example"
    ((path, _, key),) = [p for p in stripe_fake.posts() if p[0] == "/v1/customers"]
    assert key == f"cus-{seed['client'].id}-after-cus_old"
    (inv,) = world.gw.all(Invoice)
    assert (inv.status, stripe_fake.invoices[inv.stripe_id]["customer"]) == ("Sent", new)


def test_stripe__the_tax_registration_number_is_on_the_invoice_stripe_sends(world, stripe_fake) -> None:
    # A tax invoice must show it (an Australian one its ABN): Settings' tax_id was on our own invoice email
    # only, and the client, who receives Stripe's invoice, never saw it.
    from automation.settings import settings_from_mapping

    world.settings = settings_from_mapping(
        {"billing.claim_settle_s": "0.5", "billing.tax_label": "GST", "billing.tax_id": "ABN: 51 824 753 556"}
    )
    _seed(world)
    _bill(world, DEC1)
    (created,) = [p for path, p, _ in stripe_fake.posts() if path == "/v1/invoices"]
    assert created["footer"] == "ABN: 51 824 753 556"
