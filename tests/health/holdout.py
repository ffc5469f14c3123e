"""The health holdout (data/holdout_health.json) built into ClientFacts and measured through score_client
and the alert transition, as the daily job and the webhook path use them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from automation.health.alerts import transition
from automation.health.automations import SCORED
from automation.health.score import ClientFacts, Health, score_client
from automation.models import ActionItem, Client, Invoice, Package, Session
from automation.settings.health import HealthSettings

HERE = Path(__file__).parent / "data"


def load(name: str) -> dict:
    return json.loads((HERE / name).read_text())


DATA = load("holdout_health.json")
TODAY = date(2026, 12, 3)
S = HealthSettings()


def build(case: dict) -> tuple[ClientFacts, date]:
    today = date.fromisoformat(case["today"]) if "today" in case else TODAY

    def ago(days: int) -> date:
        return today - timedelta(days=days)

    c = dict(case.get("client", {}))
    fields = {"id": "recHo", "name": case["name"], "status": c.pop("status", "Active")}
    start = c.pop("start_days_ago", 400)  # null: no Start Date
    fields["start_date"] = None if start is None else ago(start)
    for key in [k for k in c if k.endswith("_days_ago")]:  # paused_on, resumed_on, last_session, ...
        if (days := c.pop(key)) is not None:
            fields[key.removesuffix("_days_ago")] = ago(days)
    per_month = case.get("per_month")
    package = None if per_month is None else Package(id="recPk", name="Package", sessions_per_month=per_month)
    fields["package"] = [package.id] if package else []
    client = Client(**(fields | c))
    sessions = [
        Session(
            id=f"recS{n}",
            client=[client.id],
            session_date=datetime.combine(ago(d), time(10), tzinfo=UTC),
            status=status,
            satisfaction=rating,
        )
        for n, (d, status, rating) in enumerate(case.get("sessions", []))
    ]
    items = [
        ActionItem(
            id=f"recA{n}",
            client=[client.id],
            due_date=None if d is None else ago(d),
            status=st,
            tentative=tent,
            assigned_to=who[0] if who else "Client",
        )
        for n, (d, st, tent, *who) in enumerate(case.get("items", []))
    ]
    invoices = [
        Invoice(
            id=f"recI{n}",
            invoice_number=f"INV-{n}",
            client=[client.id],
            status=st,
            due_date=ago(d),
            payment_date=today if "paid" in rest else None,  # a payment recorded, the status not moved on
        )
        for n, (st, d, *rest) in enumerate(case.get("invoices", []))
    ]
    return ClientFacts(client, package, sessions, items, invoices), today


def drivers(h: Health) -> list[str]:
    """The counted components that cost the most points (tied ones all; none when none costs more than 5)."""
    counted = [c.key for c in h.components if c.fraction is not None]
    total = sum(h.weights[k] for k in counted)
    lost = {k: 100 * h.weights[k] / total - h.points(k) for k in counted} if total else {}
    worst = max(lost.values(), default=0.0)
    return [k for k, v in lost.items() if v > 5 and v >= worst - 1e-9]


def outcome(case: dict) -> dict:
    facts, today = build(case)
    if facts.client.status not in SCORED:
        return {"kept": True}
    h = score_client(facts, S, today)
    return {
        "band": h.risk,
        "driver": drivers(h),
        "alert": transition(facts.client, h, S.alert_drop_points) is not None,
        "score": h.score,
    }


def compare(case: dict) -> dict[str, tuple]:
    """The expected fields the code disagrees on: field -> (expected, got)."""
    got = outcome(case)
    out = {k: (v, got.get(k)) for k, v in case["expected"].items() if k != "driver" and got.get(k) != v}
    if "driver" in case["expected"]:
        want, tied = case["expected"]["driver"], got["driver"]
        if (want is None and tied) or (want is not None and want not in tied):
            out["driver"] = (want, tied)
    return out
