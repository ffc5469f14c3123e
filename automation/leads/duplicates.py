"""Duplicate leads by email: flagged and linked for the coach (Duplicate Of), never merged silently.

The earliest lead with a mailbox is the original; every later lead with the same mailbox gets Duplicate Of →
that lead, and nurture pauses on it so the person is not emailed twice. One mailbox is one person whatever the
spelling (contact.mailbox): "jo+news@acme.com" is jo@acme.com, "j.o@googlemail.com" is jo@gmail.com. Email
keeps what the person typed. The coach merges by hand; clearing Duplicate Of keeps it cleared until the email
changes again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from automation.context import JobContext
from automation.leads.contact import mailbox, same_mailbox
from automation.models import Lead, Record
from automation.registry import PREFETCHED, Automation, Update

_EPOCH = datetime.min
SAME_ADDRESS = "leads with the same mailbox"  # key in ctx.visit_reads


def originals(leads: Iterable[Lead]) -> dict[str, Lead]:
    """Mailbox → the earliest lead (created time, then id) that has it."""
    first: dict[str, Lead] = {}
    for lead in sorted(
        leads, key=lambda x: (x.created_time.replace(tzinfo=None) if x.created_time else _EPOCH, x.id)
    ):
        box = mailbox(lead.email)
        if box:
            first.setdefault(box, lead)
    return first


def duplicate_updates(batch: list[Lead], same_email: list[Lead]) -> list[Update]:
    """Duplicate Of for each lead of the batch, given every lead sharing one of the batch's mailboxes."""
    first = originals([*same_email, *batch])
    out = []
    for lead in batch:
        box = mailbox(lead.email)
        original = first.get(box) if box else None
        want = [original.id] if original is not None and original.id != lead.id else []
        if want and sorted(lead.duplicate_of) != want:
            out.append(Update(lead, {"duplicate_of": want}))
        elif not want and lead.duplicate_of:
            # The address changed (or is now the first of its kind): the old flag no longer holds.
            out.append(Update(lead, {"duplicate_of": []}))
    return out


def _boxes(emails: Iterable[str | None]) -> list[str]:
    return sorted({b for e in emails if (b := mailbox(e))})


def prefetch_same_address(ctx: JobContext, cells: dict[str, dict[str, Any]]) -> tuple[Any, Any] | None:
    """The search by the mailboxes the webhook payload carries, read with the leads themselves."""
    boxes = _boxes(c.get("email") for c in cells.values())
    return (same_mailbox(ctx.gateway.ref(Lead, "email"), boxes), frozenset(boxes)) if boxes else None


def flag_duplicates(ctx: JobContext, records: list[Record]) -> list[Update]:
    batch = [r for r in records if isinstance(r, Lead)]
    boxes = _boxes(lead.email for lead in batch)
    if not boxes:
        return duplicate_updates(batch, [])
    covered, rows = ctx.visit_reads.get((PREFETCHED, "lead-duplicates"), (frozenset(), []))
    if not set(boxes) <= covered:
        # One read for the whole batch: every lead whose email is one of the batch's mailboxes. Status and
        # Email Status too: nurture's first-touch draft, later in this visit, is screened on this read
        # instead of reading the same leads again (leads_by_address).
        fields = ["email", "duplicate_of", "status", "email_status"]
        rows = ctx.gateway.all(
            Lead, formula=same_mailbox(ctx.gateway.ref(Lead, "email"), boxes), fields=fields
        )
    same = [x for x in rows if mailbox(x.email) in boxes]
    # The screening of an email wants every lead with its mailbox, in any spelling (eligibility.py).
    for box in {mailbox(lead.email) for lead in batch} - {None}:
        ctx.visit_reads[(SAME_ADDRESS, box)] = [x for x in same if mailbox(x.email) == box]
    return duplicate_updates(batch, same)


def leads_by_address(ctx: JobContext, email: str | None) -> list[Lead] | None:
    """Every lead with this address's mailbox, as the duplicate search read it in this visit (None: not
    read)."""
    box = mailbox(email)
    return ctx.visit_reads.get((SAME_ADDRESS, box)) if box else None


AUTOMATIONS = [
    Automation(
        name="lead-duplicates",
        table="leads",
        triggers=frozenset({"email"}),
        writes=frozenset({"duplicate_of"}),
        handler=flag_duplicates,
        prefetch=prefetch_same_address,
        description="Link a lead to the earlier lead with the same email (Duplicate Of); never merge.",
    )
]
