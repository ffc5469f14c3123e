"""Unsubscribe by signed link: look (GET, changes nothing: mail scanners prefetch links) and confirm (POST).

Confirming marks the lead Unsubscribed and stops its sequence (or sets a client's Email Opt Out), does the
same for every lead sharing the address, and cancels Draft/Approved messages to it. A link works once: a
second confirmation finds the person already unsubscribed and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from automation.messages import tokens
from automation.messages.eligibility import normalise

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.messages.store import MessageStore
    from automation.models import Client, Lead

State = Literal["confirm", "done", "already", "unknown"]


@dataclass(frozen=True)
class Outcome:
    state: State
    masked_email: str = ""
    changed: tuple[str, ...] = ()  # record ids written


def mask(address: str | None) -> str:
    """j•••@example.com: enough for the reader to recognise, too little for a log to leak."""
    local, _, domain = (address or "").partition("@")
    return f"{local[:1]}•••@{domain}" if domain else ""


def _secret(ctx: JobContext) -> str | None:
    return ctx.config.app_secret.get_secret_value() if ctx.config.app_secret else None


def _person(store: MessageStore, subject: tokens.Subject) -> Lead | Client | None:
    return store.lead(subject.record_id) if subject.table == "leads" else store.client(subject.record_id)


def _store(ctx: JobContext) -> MessageStore:
    from automation.messages.store import MessageStore  # pyairtable: not at the app's start-up

    return MessageStore(ctx.gateway)


def _is_out(person: Lead | Client) -> bool:
    return bool(getattr(person, "email_opt_out", False)) or getattr(person, "status", None) == "Unsubscribed"


def look(ctx: JobContext, token: str | None) -> Outcome:
    """What the GET page shows: the confirm button, or that it is already done. Raises SignatureError."""
    subject = tokens.verify_token(_secret(ctx), token)
    person = _person(_store(ctx), subject)
    if person is None:
        return Outcome("unknown")
    return Outcome("already" if _is_out(person) else "confirm", mask(person.email))


def confirm(ctx: JobContext, token: str | None) -> Outcome:
    """Unsubscribe (POST, also RFC 8058 one-click). Raises SignatureError on a bad token."""
    subject = tokens.verify_token(_secret(ctx), token)
    store = _store(ctx)
    person = _person(store, subject)
    if person is None:
        return Outcome("unknown")
    if _is_out(person):
        return Outcome("already", mask(person.email))
    address = normalise(person.email)
    written: list[Lead | Client] = []
    if subject.table == "clients":
        written += store.update_clients([(person, {"email_opt_out": True})])  # type: ignore[list-item]
    lead_ids = [person.id] if subject.table == "leads" else []
    leads = [x for x in store.leads_matching([address] if address else [], lead_ids) if not _is_out(x)]
    stop = {"status": "Unsubscribed", "nurture_sequence": "Stopped", "follow_up_due": None}
    written += store.update_leads([(x, dict(stop)) for x in leads])
    reason = "Not sent: recipient unsubscribed"
    pending = store.pending_to([address]) if address else []
    cancelled = store.write([(m, {"status": "Cancelled", "error": reason}) for m in pending])
    return Outcome("done", mask(person.email), tuple(r.id for r in [*written, *cancelled]))
