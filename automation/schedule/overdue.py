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
from automation.sessions.words import content_words
from automation.settings.schedule import ScheduleSettings

CLOSED = ("Complete", "Cancelled")


def is_firm_open(item: ActionItem) -> bool:
    return not item.tentative and item.status not in CLOSED


def chased_on(dedupe_key: str | None) -> date | None:
    """The day of the run that drafted a client's overdue reminder, from its key ("overdue:<client>:<day>:…",
    overdue_job.client_reminder); None for another key."""
    parts = (dedupe_key or "").split(":")
    if len(parts) < 3 or parts[0] != "overdue":
        return None
    try:
        return date.fromisoformat(parts[2])
    except ValueError:
        return None


def chased_by(items: Iterable[ActionItem], drafted: date | None, role: str = "client") -> list[ActionItem]:
    """The actions an overdue reminder that waited (for the coach's approval, or the send hour) chased: the
    items of its `role` ("client": hers, Client Visible and hers to do; "associate": the associate's own)
    that the run which drafted it stamped Reminded On (that day, or later when a later run chased them
    again). Empty when none can be told (nothing stamped)."""
    return [
        i
        for i in items
        if i.reminded_on is not None
        and (drafted is None or i.reminded_on >= drafted)
        and (
            i.assigned_to == "Associate"
            if role == "associate"
            else i.client_visible and i.assigned_to in (None, "Client")
        )
    ]


def nothing_left_to_chase(
    items: Iterable[ActionItem], drafted: date | None, role: str = "client"
) -> str | None:
    """Why an overdue reminder that waited must not go as drafted (None: it goes). Every action it chased
    (`chased_by`) done or cancelled since: it chases nothing. Some of them done and others still open: it
    would list what is done ("a gentle reminder of" a task finished meanwhile), and the coach approved that
    text, not another: it is withdrawn and the open ones are chased afresh (`to_chase_again`) in a new
    reminder, which waits for her as the first did. None can be told: it goes."""
    chased = chased_by(items, drafted, role)
    done = [i for i in chased if i.status in CLOSED]
    if not done:
        return None
    if len(done) == len(chased):
        was = "it was" if len(chased) == 1 else "they were"
        return f"every action it reminds of is done or cancelled ({was} set so after it was drafted)"
    return (
        f"{len(done)} of the {len(chased)} actions it lists {'was' if len(done) == 1 else 'were'} done or "
        "cancelled after it was drafted; the next overdue run chases the others in a new reminder"
    )


def to_chase_again(
    items: Iterable[ActionItem], drafted: date | None, role: str = "client"
) -> list[ActionItem]:
    """The actions still open of a reminder withdrawn because others it lists were done meanwhile: their
    Reminded On is cleared so the next overdue run chases them (alone) again, this period."""
    chased = chased_by(items, drafted, role)
    if not any(i.status in CLOSED for i in chased):
        return []
    return [i for i in chased if i.status not in CLOSED]


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
    def day(self) -> date:
        """The day it is owed on (the calendar it was counted on)."""
        return (
            self.period_start
            if self.item.due_date is None
            else self.item.due_date + timedelta(days=self.days_overdue)
        )

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


def _same_action(a: str, b: str) -> bool:
    """The same action in other words: every meaningful word of the shorter (its verb included, at least
    two) is in the longer ('Finish the hiring plan' is 'Finish the Q1 hiring plan and share it')."""
    wa, wb = set(content_words(a)), set(content_words(b))
    short, long = sorted((wa, wb), key=len)
    return len(short) >= 2 and short <= long


def recommitted(items: Iterable[ActionItem], today: date) -> set[str]:
    """Overdue items the client has since set again with a later date not yet passed (a later session's
    notes: 'the hiring plan is still not done; she will finish it by Friday'): the promise she made
    today stands, and an email the same day saying the old one was due weeks ago reads as if the session
    never happened. The item stays in the coach's summary for her to close; once the new date passes too,
    both are overdue and chased as before."""
    firm = [i for i in items if is_firm_open(i) and i.due_date is not None]
    out = set()
    for old in firm:
        if days_overdue(old, today) < 1:
            continue
        for new in firm:
            if (
                new.id != old.id
                and new.due_date >= today
                and new.due_date > old.due_date
                and set(new.client) & set(old.client)
                and _same_action(old.description or "", new.description or "")
            ):
                out.add(old.id)
                break
    return out


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
