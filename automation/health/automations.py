"""Client health on the webhook path: a change to a client's sessions, action items or invoices (or to the
client's own inputs) rescores that client in the same invocation; the runner writes only what changed.

The session, action-item and invoice automations return Updates for the client records (another table):
the runner writes them after the visit of their own table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from automation.health.alerts import alert_draft, transition
from automation.health.facts import facts_for
from automation.health.score import ClientFacts, score_client
from automation.models import ActionItem, Client, Invoice, Message, Record, Session
from automation.registry import Automation, Update

if TYPE_CHECKING:
    from automation.context import JobContext

SCORED = ("Active", "Paused", None)  # Completed and Churned clients keep their last health
HEALTH_FIELDS = frozenset(
    {
        "health_score",
        "previous_health_score",
        "health_changed",
        "risk_level",
        "health_trend",
        "health_breakdown",
        "usage_freq",
        "satisfaction",
        "last_session",
        "paused_on",
        "resumed_on",
    }
)
CLIENT_INPUTS = frozenset(
    {"status", "paused_on", "resumed_on", "package", "start_date", "results_measure", "baseline", "goal"}
    | {"current"}
)
SESSION_INPUTS = frozenset({"client", "status", "satisfaction", "session_date"})
ITEM_INPUTS = frozenset({"client", "status", "due_date", "tentative", "assigned_to"})
INVOICE_INPUTS = frozenset({"client", "status", "due_date", "payment_date"})


def rescore(
    ctx: JobContext,
    clients: Sequence[Client],
    facts: dict[str, ClientFacts],
    held: list[Message] | None = None,
) -> list[Update]:
    """Score each client, alert the coach on a transition, and return the changed health fields.

    `held`: alerts are stored Approved and appended there for the caller to deliver together (one claim
    for the lot) instead of one by one."""
    from automation.messages import compose

    hs = ctx.settings.health
    today = ctx.today()
    out = []
    for client in clients:
        if client.status not in SCORED:
            continue
        health = score_client(facts[client.id], hs, today, ctx.tz)
        fields = health.fields()
        kind = transition(client, health, hs.alert_drop_points) if hs.alerts else None
        if kind:
            message = compose(ctx, alert_draft(client, health, kind, ctx.settings, today), send=held is None)
            if held is not None:
                held.append(message)
        if any(getattr(client, k) != v for k, v in fields.items()):
            out.append(Update(client, fields))
    return out


def could_matter(record: Record, today: date) -> bool:
    """Whether the record can move its client's score: a booked session, an item not yet due or a draft
    invoice cannot (a webhook event for one costs no reads; the daily job covers the rare exception)."""
    if isinstance(record, Session):
        return record.status != "Scheduled"
    if isinstance(record, ActionItem):
        return record.due_date is not None and record.due_date <= today
    if isinstance(record, Invoice):
        return record.status != "Draft"
    return True


def rescore_linked(ctx: JobContext, records: Iterable[Record]) -> list[Update]:
    """Rescore the clients these records link to, with these records as the freshest state."""
    today = ctx.today()
    records = [r for r in records if could_matter(r, today)]
    ids = list(dict.fromkeys(cid for r in records for cid in getattr(r, "client", [])))
    if not ids:
        return []
    clients = ctx.gateway.get_many(Client, ids)
    return rescore(ctx, clients, facts_for(ctx, clients, records))


def client_health(ctx: JobContext, clients: list[Client]) -> list[Update]:
    return rescore(ctx, clients, facts_for(ctx, clients))


AUTOMATIONS = [
    Automation(
        "client-health",
        "clients",
        CLIENT_INPUTS,
        HEALTH_FIELDS,
        client_health,
        description="Health score 0-100 with its breakdown, risk, trend; alerts the coach on entering High.",
    ),
    Automation(
        "health-on-session",
        "sessions",
        SESSION_INPUTS,
        frozenset(),
        rescore_linked,
        description="A session completed, rated or moved: its client's health is scored again.",
    ),
    Automation(
        "health-on-action-item",
        "action_items",
        ITEM_INPUTS,
        frozenset(),
        rescore_linked,
        description="An action item done or due: its client's health is scored again.",
    ),
    Automation(
        "health-on-invoice",
        "invoices",
        INVOICE_INPUTS,
        frozenset(),
        rescore_linked,
        description="An invoice sent, paid or overdue: its client's health is scored again.",
    ),
]
