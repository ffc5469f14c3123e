"""Clients with their sessions, items and invoices written to a base (for the HTTP tests and the bench)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from automation.models import ActionItem, Client, Invoice, Package, Session


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def add_package(gw, per_month: float = 2) -> Package:
    return gw.create(Package, [{"name": "Two a month", "sessions_per_month": per_month, "active": True}])[0]


def add_healthy_clients(gw, today: date, n: int, package: Package, prefix: str = "Client") -> list[Client]:
    """n clients on cadence (a session every 14 days over 90 days, rated 5), items done, invoices paid."""
    clients = gw.create(
        Client,
        [
            {
                "name": f"{prefix} {i:03d}",
                "email": f"client{i:03d}@example.com",
                "status": "Active",
                "start_date": today - timedelta(days=400),
                "package": [package.id],
            }
            for i in range(n)
        ],
    )
    sessions, items, invoices = [], [], []
    for c in clients:
        for d in range(3, 90, 14):
            sessions.append(
                {
                    "client": [c.id],
                    "session_date": at(today - timedelta(days=d)),
                    "status": "Completed",
                    "satisfaction": 5,
                }
            )
        items += [
            {
                "description": "Read the chapter",
                "client": [c.id],
                "due_date": today - timedelta(days=10),
                "status": "Complete",
                "assigned_to": "Client",
            },
        ]
        invoices.append(
            {
                "invoice_number": f"INV-{c.id[-5:]}",
                "client": [c.id],
                "status": "Paid",
                "due_date": today - timedelta(days=20),
                "payment_date": today - timedelta(days=25),
            }
        )
    gw.create(Session, sessions)
    gw.create(ActionItem, items)
    gw.create(Invoice, invoices)
    return gw.get_many(Client, [c.id for c in clients])
