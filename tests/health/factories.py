"""Client situations for the health rules, described by days before TODAY."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import count

from automation.health.score import ClientFacts
from automation.models import ActionItem, Client, Invoice, Package, Session

TODAY = date(2026, 12, 3)
_ids = count(1)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def client(**kw) -> Client:
    fields = {"id": "recClient1", "name": "Jo Client", "status": "Active", "start_date": ago(400)} | kw
    return Client(**fields)


def package(per_month: float | None = 2) -> Package:
    return Package(id="recPkg1", name="Monthly Two", sessions_per_month=per_month)


def session(days_ago: int, rating: int | None = 5, status: str = "Completed") -> Session:
    when = datetime.combine(ago(days_ago), time(10, 0), tzinfo=UTC)
    return Session(
        id=f"recS{next(_ids):04d}",
        client=["recClient1"],
        session_date=when,
        status=status,
        satisfaction=rating,
    )


def item(
    due_days_ago: int, status: str = "Complete", tentative: bool = False, to: str = "Client"
) -> ActionItem:
    return ActionItem(
        id=f"recA{next(_ids):04d}",
        client=["recClient1"],
        due_date=ago(due_days_ago),
        status=status,
        tentative=tentative,
        assigned_to=to,
    )


def invoice(status: str = "Paid", due_days_ago: int = 20) -> Invoice:
    return Invoice(
        id=f"recI{next(_ids):04d}",
        invoice_number=f"INV-{next(_ids)}",
        client=["recClient1"],
        status=status,
        due_date=ago(due_days_ago),
    )


def fortnightly(last: int = 3, until: int = 89, rating: int = 5) -> list[Session]:
    """A session every 14 days from `last` back to `until` days ago (seven in 90 days: on cadence)."""
    return [session(d, rating) for d in range(last, until + 1, 14)]


def healthy(**kw) -> ClientFacts:
    """On cadence for a two-a-month package, rated 5, items done, invoices paid: nothing to worry about."""
    base = {
        "client": client(),
        "package": package(2),
        "sessions": fortnightly(),
        "action_items": [item(20), item(40)],
        "invoices": [invoice("Paid", 40), invoice("Paid", 10)],
    }
    return ClientFacts(**(base | kw))
