"""Overdue action items: which to chase today, whom, and the coach's summary (pure rules).

An item is chased when it is firm (not Tentative), neither Complete nor Cancelled, and its Due Date has
passed: first `overdue_first_days` after the due date, then every `overdue_repeat_days` while it stays
overdue. Each such stretch is one overdue period; Reminded On says which periods were already chased, and
the message's dedupe key names the period, so a period is chased once however often the job runs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from automation.models import ActionItem, Client
from automation.settings.schedule import ScheduleSettings

CLOSED = ("Complete", "Cancelled")


def is_firm_open(item: ActionItem) -> bool:
    return not item.tentative and item.status not in CLOSED


def days_overdue(item: ActionItem, today: date) -> int:
    """Days past the Due Date (0 or less: not overdue; no due date: never overdue)."""
    return (today - item.due_date).days if item.due_date else 0


@dataclass(frozen=True)
class Chase:
    item: ActionItem
    period: int  # 0 = the first reminder, 1 = the first repeat, …
    period_start: date
    days_overdue: int

    @property
    def dedupe_key(self) -> str:
        return f"{self.item.id}:overdue:{self.item.due_date}:{self.period}"


def chase(item: ActionItem, today: date, settings: ScheduleSettings) -> Chase | None:
    """The reminder this item is owed today, if any."""
    if not is_firm_open(item) or item.due_date is None:
        return None
    days = days_overdue(item, today)
    first = max(1, settings.overdue_first_days)
    if days < first:
        return None
    period = (days - first) // settings.overdue_repeat_days
    start = item.due_date + timedelta(days=first + period * settings.overdue_repeat_days)
    if item.reminded_on is not None and item.reminded_on >= start:
        return None
    return Chase(item, period, start, days)


def client_labels(clients: Iterable[Client]) -> dict[str, str]:
    """Each client's name as the coach reads it; two clients of the same name are told apart by company,
    else email, else record id (one "Sam Lee" group holding two people's items misleads her)."""
    clients = list(clients)
    names = {c.id: (c.name or "").strip() or "(unnamed client)" for c in clients}
    shared = {n for n, k in Counter(names.values()).items() if k > 1}
    out = {}
    for c in clients:
        name = names[c.id]
        if name in shared:
            tell = (c.company or "").strip() or (c.email or "").strip() or c.id
            name = f"{name} ({tell})"
        out[c.id] = name
    if len(set(out.values())) < len(out):  # same name and company: the record id settles it
        twice = {n for n, k in Counter(out.values()).items() if k > 1}
        out = {cid: f"{n} [{cid}]" if n in twice else n for cid, n in out.items()}
    return out


def summary_by_client(
    items: list[ActionItem], today: date, client_names: dict[str, str]
) -> list[tuple[str, list[tuple[str, int]]]]:
    """Every firm overdue item, grouped by client (most overdue first): [(client, [(description, days)])].

    Grouped by client record, not name: `client_names` (id -> label, see client_labels) only names them."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for item in items:
        days = days_overdue(item, today)
        if not is_firm_open(item) or days < 1:
            continue
        cid = next((c for c in item.client if c in client_names), "")
        groups.setdefault(cid, []).append(((item.description or "(no description)").strip(), days))
    out = [
        (client_names.get(cid, "No client"), sorted(rows, key=lambda r: (-r[1], r[0])))
        for cid, rows in groups.items()
    ]
    return sorted(out, key=lambda g: (-g[1][0][1], g[0]))
