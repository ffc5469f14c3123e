"""Billing through the app's routes: the one-client trigger and the daily cron, against the local server."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from automation.models import Client, Invoice, Package, Session
from tests.billing.test_stripe_webhook_http import app, world  # noqa: F401  (fixtures)


def test_trigger__bill_client_bills_the_month_to_date_for_that_client_only(app, world) -> None:  # noqa: F811
    gw = world.gw
    (pkg,) = gw.create(Package, [{"name": "P", "billing": "Per Session", "price": Decimal("150.00")}])
    jo, kim = gw.create(
        Client,
        [
            {"name": n, "email": f"{n.lower()}@x.example", "status": "Active", "package": [pkg.id]}
            for n in ("Jo", "Kim")
        ],
    )
    today = datetime.now(UTC).replace(hour=0, minute=5)
    gw.create(Session, [{"client": [c.id], "session_date": today, "status": "Completed"} for c in (jo, kim)])
    headers = {"X-Trigger-Secret": "trigger-secret-for-billing-0123"}
    r = app.post("/api/triggers/bill-client", json={"recordId": jo.id}, headers=headers)
    assert r.status_code == 200, r.text
    (inv,) = gw.all(Invoice)
    assert (inv.client, inv.period, inv.amount) == ([jo.id], f"{today:%Y-%m}", Decimal("150.00"))
    assert app.post("/api/triggers/bill-client", json={"recordId": jo.id}, headers=headers).status_code == 200
    assert len(gw.all(Invoice)) == 1  # the same client and month again: nothing
    assert app.post("/api/triggers/bill-client", json={"recordId": jo.id}).status_code == 401


def test_cron__billing_daily_answers_through_the_route(app, world) -> None:  # noqa: F811
    r = app.get("/api/cron/billing-daily", headers={"Authorization": "Bearer cron-secret-for-billing-0123"})
    assert r.status_code == 200 and r.json()["job"] == "billing-daily"


def test_marked_paid__payment_date_sessions_paid_and_ltv(app, world) -> None:  # noqa: F811
    gw = world.gw
    (client,) = gw.create(Client, [{"name": "Jo", "email": "jo@x.example", "ltv": Decimal("100.00")}])
    (s,) = gw.create(Session, [{"name": "a", "status": "Completed", "invoice_status": "Invoiced"}])
    a, b = gw.create(
        Invoice,
        [
            {"invoice_number": "INV-0001", "client": [client.id], "status": "Paid", "total": Decimal("0.10")},
            {"invoice_number": "INV-0002", "client": [client.id], "sessions": [s.id], "status": "Sent",
             "total": Decimal("0.20")},
        ],
    )  # fmt: skip
    gw.update(Invoice, [(b, {"status": "Paid"})])  # the coach marks it paid
    headers = {"X-Trigger-Secret": "trigger-secret-for-billing-0123"}
    for _ in range(2):
        r = app.post("/api/triggers/invoice-payment", json={"recordId": b.id}, headers=headers)
        assert r.status_code == 200, r.text
    got = gw.get(Invoice, b.id)
    assert got.payment_date is not None and gw.get(Session, s.id).invoice_status == "Paid"
    assert gw.get(Client, client.id).ltv == Decimal("0.30")  # exactly, not 0.30000000000000004
