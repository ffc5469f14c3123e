"""Messages: one outbox, the coach's approval queue, email (SendGrid) and Slack delivery, exactly once.

Capability modules describe a message as a `Draft` and call `compose(ctx, draft)`; the rest is here. A job
that composes many and delivers them together calls `compose_many(ctx, drafts)`, then `deliver(ctx, [...])`.

    from automation.messages import Draft, compose

    # leads: a nurture email waits for the coach's approval (marketing: unsubscribe link + headers)
    compose(ctx, Draft(kind="Nurture Email", channel="Email", recipient=lead.email,
            recipient_name=lead.name, subject="A thought on your first 90 days", template="letter",
            data={"greeting": "Hi Jo,", "body": text, "signoff": "Warmly,"},
            links={"lead": lead.id}, dedupe_key=f"{lead.id}:nurture:{step}"))

    # sessions: the notes email after a completed session (Draft until approved)
    compose(ctx, Draft(kind="Session Notes", channel="Email", recipient=client.email,
            recipient_name=client.name, subject="Notes from today's session", template="session_notes",
            data={"session_date": s.session_date, "summary": ..., "key_outcomes": [...],
                  "action_items": [{"description": ..., "due": ...}]},
            links={"client": client.id, "session": s.id}, dedupe_key=f"{s.id}:notes"))

    # health: an alert to the coach on Slack (auto-send kind)
    compose(ctx, Draft(kind="Health Alert", channel="Slack", recipient=ctx.settings.messages.slack_channel,
            subject=f"{client.name} is now High risk", template="alert",
            data={"heading": "Client at risk", "summary": "...", "facts": [["Health", "42 (was 61)"]]},
            links={"client": client.id}, dedupe_key=f"{client.id}:health-high:{ctx.today()}"))

    # invoices: the invoice email, sent after the coach approves it
    compose(ctx, Draft(kind="Invoice", channel="Email", recipient=client.email, recipient_name=client.name,
            subject=f"Invoice {inv.invoice_number}", template="invoice",
            data={"invoice_number": ..., "lines": [{"description": ..., "amount": 250}], "total": 300,
                  "tax": 50, "due_date": inv.due_date, "pay_url": inv.payment_link},
            links={"client": client.id, "invoice": inv.id}, dedupe_key=f"{inv.id}:invoice"))

    # reports: the daily brief by email at 07:00 business time (auto-send kind)
    compose(ctx, Draft(kind="Daily Brief", channel="Email", recipient=ctx.settings.general.coach_email,
            subject=f"Daily brief {ctx.today():%a %d %b}", template="report",
            data={"heading": "Today", "metrics": [{"label": "Sessions", "value": 3}],
                  "sections": [{"title": "Follow-ups due", "bullets": [...]},
                               {"title": "Leads by source", "chart": [{"label": "Referral", "value": 5}]}]},
            dedupe_key=f"daily-brief:{ctx.today()}", send_after=seven_am_utc))

Templates (automation/messages/templates/email/): letter, session_notes, session_reminder, invoice,
alert, report — each an HTML (autoescaped, one responsive layout) and a plain-text version.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from automation.messages.compose import compose, compose_many
    from automation.messages.delivery import Delivery, deliver
    from automation.messages.draft import KINDS, TEMPLATES, Draft

__all__ = ["KINDS", "TEMPLATES", "Delivery", "Draft", "compose", "compose_many", "deliver"]

# Loaded on first use (PEP 562): the app's routes import this package, and compose's imports (pyairtable's
# models among them) are a quarter of a cold start that the first request may not need.
_WHERE = {
    "compose": "automation.messages.compose",
    "compose_many": "automation.messages.compose",
    "Delivery": "automation.messages.delivery",
    "deliver": "automation.messages.delivery",
    "KINDS": "automation.messages.draft",
    "TEMPLATES": "automation.messages.draft",
    "Draft": "automation.messages.draft",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        # Every name of that module at once: importing `automation.messages.compose` binds the package
        # attribute `compose` to the module, so asking for `compose_many` first must rebind `compose` too.
        module = importlib.import_module(_WHERE[name])
        globals().update({n: getattr(module, n) for n, where in _WHERE.items() if where == _WHERE[name]})
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
