"""Overdue action items: which to chase today, whom, and the coach's summary (pure rules).

An item is chased when it is firm (not Tentative), neither Complete nor Cancelled, and its Due Date has
passed: first `overdue_first_days` after the due date, then every `overdue_repeat_days` while it stays
overdue. Each such stretch is one overdue period; Reminded On says which periods were already chased, and
the message's dedupe key names the period, so a period is chased once however often the job runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from automation.models import ActionItem
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


def summary_by_client(
    items: list[ActionItem], today: date, client_names: dict[str, str]
) -> list[tuple[str, list[tuple[str, int]]]]:
    """Every firm overdue item, grouped by client (most overdue first): [(client, [(description, days)])]."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for item in items:
        days = days_overdue(item, today)
        if not is_firm_open(item) or days < 1:
            continue
        name = next((client_names[c] for c in item.client if c in client_names), "No client")
        groups.setdefault(name, []).append(((item.description or "(no description)").strip(), days))
    out = [(name, sorted(rows, key=lambda r: (-r[1], r[0]))) for name, rows in groups.items()]
    return sorted(out, key=lambda g: (-g[1][0][1], g[0]))
