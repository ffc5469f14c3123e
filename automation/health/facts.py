"""Reading what the health score needs: for a few clients (by their links) or for all of them (the daily job,
one listing per table, limited to the lookback and to the fields the score reads)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from pyairtable import formulas as F

from automation.health.score import ClientFacts, lookback_days
from automation.models import ActionItem, Client, Invoice, Package, Record, Session
from automation.parallel import together

if TYPE_CHECKING:
    from automation.context import JobContext

SESSION_FIELDS = ["client", "associate", "session_date", "status", "satisfaction", "notes_status"]
ITEM_FIELDS = ["client", "due_date", "status", "tentative", "assigned_to"]
INVOICE_FIELDS = ["client", "invoice_number", "due_date", "status", "payment_date"]
PACKAGE_FIELDS = ["name", "sessions_per_month"]
PACKAGES_TTL_S = 60.0

_lock = threading.Lock()
_packages: dict[tuple[str, str], tuple[float, list[Package]]] = {}


def facts_for(
    ctx: JobContext, clients: Sequence[Client], fresher: Iterable[Record] = ()
) -> dict[str, ClientFacts]:
    """The clients' packages, sessions, action items and invoices, read by their links (four reads that
    overlap). `fresher`: records the caller holds in a newer state than the base (the ones that changed)."""
    gw = ctx.gateway
    newer = list(fresher)
    held = {r.id for r in newer}

    def read(model, ids, fields):
        ids = [i for i in dict.fromkeys(ids) if i not in held]  # the caller's records are not read again
        return (lambda: gw.get_many(model, ids, fields=fields)) if ids else (lambda: [])

    wanted = {i for c in clients for i in c.package[:1]}
    sessions, items, invoices, packages = together(
        read(Session, [i for c in clients for i in c.sessions], SESSION_FIELDS),
        read(ActionItem, [i for c in clients for i in c.action_items], ITEM_FIELDS),
        read(Invoice, [i for c in clients for i in c.invoices], INVOICE_FIELDS),
        lambda: all_packages(ctx) if wanted else [],
    )
    return assemble(
        clients,
        _overlay(sessions, newer, Session),
        _overlay(items, newer, ActionItem),
        _overlay(invoices, newer, Invoice),
        packages,
    )


def all_packages(ctx: JobContext) -> list[Package]:
    """Every package (a handful; one page), kept PACKAGES_TTL_S per base by a warm instance: a webhook
    event then reads no package at all. A package edit takes effect within that time."""
    gw = ctx.gateway
    key = (gw.endpoint, gw.base_id)
    with _lock:
        cached = _packages.get(key)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    found = gw.all(Package, fields=PACKAGE_FIELDS)
    with _lock:
        _packages[key] = (time.monotonic() + PACKAGES_TTL_S, found)
    return found


def _overlay(read: list, newer: list[Record], model: type[Record]) -> list:
    mine = {r.id: r for r in newer if isinstance(r, model)}
    return [*(mine.pop(r.id, r) for r in read), *mine.values()]


def assemble(
    clients: Sequence[Client],
    sessions: Iterable[Session],
    items: Iterable[ActionItem],
    invoices: Iterable[Invoice],
    packages: Iterable[Package],
) -> dict[str, ClientFacts]:
    """Group the records by the client they link to."""
    by_client: dict[str, dict[str, list]] = {c.id: {"s": [], "a": [], "i": []} for c in clients}
    for slot, records in (("s", sessions), ("a", items), ("i", invoices)):
        for r in records:
            for cid in r.client:  # type: ignore[attr-defined]
                if cid in by_client:
                    by_client[cid][slot].append(r)
    pkgs = {p.id: p for p in packages}
    return {
        c.id: ClientFacts(
            client=c,
            package=pkgs.get(c.package[0]) if c.package else None,
            sessions=by_client[c.id]["s"],
            action_items=by_client[c.id]["a"],
            invoices=by_client[c.id]["i"],
        )
        for c in clients
    }


def _since(ctx: JobContext, days: int) -> F.Formula:
    return F.DATETIME_PARSE((ctx.today() - timedelta(days=days + 1)).isoformat())


def read_all(ctx: JobContext, statuses: Sequence[str]) -> tuple[list[Client], dict[str, list]]:
    """Every client in `statuses` and, one listing each, the records of the lookback (overlapped)."""
    gw = ctx.gateway
    days = lookback_days(ctx.settings.health)
    clients_f = F.OR(
        *(gw.ref(Client, "status").eq(s) for s in statuses), F.EQ(gw.ref(Client, "status"), F.BLANK())
    )
    sessions_f = F.IS_AFTER(gw.ref(Session, "session_date"), _since(ctx, days))
    item_due, item_status = gw.ref(ActionItem, "due_date"), gw.ref(ActionItem, "status")
    items_f = F.IF(  # an item still undone past its day counts whatever its age (as an unpaid invoice)
        item_due,
        F.OR(F.IS_AFTER(item_due, _since(ctx, days)), item_status.ne("Complete")),
        0,
    )
    due = gw.ref(Invoice, "due_date")
    invoices_f = F.OR(  # IS_AFTER of a blank date is an error, and an error drops the record from an OR:
        gw.ref(Invoice, "status").eq("Sent"),  # an unpaid invoice typed without a Due Date is still read
        gw.ref(Invoice, "status").eq("Overdue"),
        F.IF(due, F.IS_AFTER(due, _since(ctx, days)), 0),
    )
    clients, sessions, items, invoices, packages = together(
        lambda: gw.all(Client, formula=clients_f),
        lambda: gw.all(Session, formula=sessions_f, fields=SESSION_FIELDS),
        lambda: gw.all(ActionItem, formula=items_f, fields=ITEM_FIELDS),
        lambda: gw.all(Invoice, formula=invoices_f, fields=INVOICE_FIELDS),
        lambda: gw.all(Package, fields=PACKAGE_FIELDS),
    )
    return clients, {"sessions": sessions, "items": items, "invoices": invoices, "packages": packages}
