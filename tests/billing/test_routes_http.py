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
