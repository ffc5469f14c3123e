"""The overdue-action-items job: chase each overdue firm item once per overdue period, and send the coach
her morning summary of every overdue item by client (it replaces the base's Airtable Automation 3)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.errors import RecordProblem
from automation.messages import Draft, compose, deliver
from automation.messages.render import first_name
from automation.models import ActionItem, Client, Message
from automation.schedule.overdue import Chase, chase, summary_by_client
from automation.settings import BusinessSettings

if TYPE_CHECKING:
    from automation.context import JobContext


def open_items(ctx: JobContext) -> list[ActionItem]:
    status = ctx.gateway.ref(ActionItem, "status")
    return ctx.gateway.all(ActionItem, formula=F.NOT(F.OR(status.eq("Complete"), status.eq("Cancelled"))))


def chase_draft(c: Chase, client: Client | None, settings: BusinessSettings) -> Draft:
    """To the client when the item is client-visible (and the client has an address), else to the coach."""
    item = c.item
    what = (item.description or "an action item").strip()
    due = f"{item.due_date:%A %-d %B}"
    links: dict[str, str | list[str]] = {}
    if item.session:
        links["session"] = item.session[0]
    if item.client_visible and client is not None and client.email:
        first = first_name(client.name)
        links["client"] = client.id
        return Draft(
            kind="Action Item Reminder",
            channel="Email",
            recipient=client.email.strip(),
            recipient_name=client.name,
            subject=f"A reminder: {what[:120]}",
            template="letter",
            data={
                "greeting": f"Hi {first}," if first else "Hello,",
                "body": f"A gentle reminder of the action you set yourself: {what}. It was due on {due}. "
                "If it is done, a one-line reply is all I need; if something is in the way, let's talk "
                "about it next session.",
                "signoff": "Best wishes,",
            },
            links=links,
            dedupe_key=c.dedupe_key,
        )
    who = (client.name if client else None) or "no client"
    return Draft(
        kind="Action Item Reminder",
        channel="Email",
        recipient=settings.general.coach_email,
        recipient_name=settings.general.coach_name,
        subject=f"Overdue ({who}): {what[:120]}",
        template="letter",
        data={
            "greeting": "Hello,",
            "body": f"{what} ({who}) was due on {due}: {c.days_overdue} days overdue.",
        },
        links=links,
        dedupe_key=c.dedupe_key,
    )


def summary_draft(
    groups: list[tuple[str, list[tuple[str, int]]]], today: date, settings: BusinessSettings
) -> Draft:
    total = sum(len(rows) for _, rows in groups)
    return Draft(
        kind="Action Item Reminder",
        channel="Email",
        recipient=settings.general.coach_email,
        recipient_name=settings.general.coach_name,
        subject=f"Overdue action items: {total} ({today:%a %-d %b})",
        template="report",
        data={
            "heading": "Overdue action items",
            "metrics": [{"label": "Overdue", "value": total}, {"label": "Clients", "value": len(groups)}],
            "sections": [
                {
                    "title": name,
                    "bullets": [
                        f"{desc} — {days} day{'s' if days != 1 else ''} overdue" for desc, days in rows
                    ],
                }
                for name, rows in groups
            ],
        },
        dedupe_key=f"overdue-summary:{today}",
    )


def overdue_action_items(ctx: JobContext) -> dict[str, Any]:
    gw = ctx.gateway
    today = ctx.today()
    items = open_items(ctx)
    chases = [c for c in (chase(i, today, ctx.settings.schedule) for i in items) if c is not None]
    client_ids = sorted({c for i in items for c in i.client})
    clients = {c.id: c for c in gw.get_many(Client, client_ids)} if client_ids else {}
    messages: list[Message] = []
    changes: list[tuple[ActionItem, dict[str, Any]]] = []
    for c in chases:
        if ctx.time_left() < 5:
            break
        client = next((clients[x] for x in c.item.client if x in clients), None)
        try:
            messages.append(compose(ctx, chase_draft(c, client, ctx.settings), send=False))
        except Exception as exc:  # one item's problem costs only that item
            ctx.run.report(RecordProblem("action_items", c.item.id, None, None, f"overdue reminder: {exc}"))
            continue
        changes.append((c.item, {"reminder_sent": True, "reminded_on": today}))
    if changes:
        gw.update(ActionItem, changes)
    groups = summary_by_client(items, today, {c.id: c.name or "(unnamed client)" for c in clients.values()})
    summary = bool(groups) and ctx.settings.schedule.coach_summary
    if summary:
        messages.append(compose(ctx, summary_draft(groups, today, ctx.settings), send=False))
    deliveries: dict[str, int] = {}
    for d in deliver(ctx, messages):
        deliveries[d.result] = deliveries.get(d.result, 0) + 1
    return {
        "open_items": len(items),
        "chased": len(changes),
        "summary": summary,
        "deliveries": deliveries,
        "record_run": True,
    }
