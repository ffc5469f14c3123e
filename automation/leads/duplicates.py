"""Duplicate leads by email: flagged and linked for the coach (Duplicate Of), never merged silently.

The earliest lead with an address is the original; every later lead with the same (normalised) address gets
Duplicate Of → that lead, and nurture pauses on it so the person is not emailed twice. The coach merges by
hand; clearing Duplicate Of keeps it cleared until the email changes again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pyairtable import formulas as F

from automation.context import JobContext
from automation.leads.hygiene import normal_email
from automation.models import Lead, Record
from automation.registry import PREFETCHED, Automation, Update

_EPOCH = datetime.min
SAME_ADDRESS = "leads with the same address"  # key in ctx.visit_reads


def originals(leads: Iterable[Lead]) -> dict[str, Lead]:
    """Normalised email → the earliest lead (created time, then id) that has it."""
    first: dict[str, Lead] = {}
    for lead in sorted(
        leads, key=lambda x: (x.created_time.replace(tzinfo=None) if x.created_time else _EPOCH, x.id)
    ):
        email, valid = normal_email(lead.email)
        if email and valid:
            first.setdefault(email, lead)
    return first


def duplicate_updates(batch: list[Lead], same_email: list[Lead]) -> list[Update]:
    """Duplicate Of for each lead of the batch, given every lead sharing one of the batch's addresses."""
    first = originals([*same_email, *batch])
    out = []
    for lead in batch:
        email, valid = normal_email(lead.email)
        original = first.get(email) if email and valid else None
        want = [original.id] if original is not None and original.id != lead.id else []
        if want and sorted(lead.duplicate_of) != want:
            out.append(Update(lead, {"duplicate_of": want}))
        elif not want and lead.duplicate_of and (email is None or original is None or original.id == lead.id):
            # The address changed (or is now the first of its kind): the old flag no longer holds.
            out.append(Update(lead, {"duplicate_of": []}))
    return out


def _same_address(ctx: JobContext, emails: list[str]) -> Any:
    email_ref = ctx.gateway.ref(Lead, "email")
    return F.OR(*(F.EQ(F.LOWER(F.TRIM(email_ref)), e) for e in emails))


def prefetch_same_address(ctx: JobContext, cells: dict[str, dict[str, Any]]) -> tuple[Any, Any] | None:
    """The search by the addresses the webhook payload carries, read with the leads themselves."""
    emails = sorted({e for c in cells.values() if (e := normal_email(c.get("email"))[0])})
    return (_same_address(ctx, emails), frozenset(emails)) if emails else None


def flag_duplicates(ctx: JobContext, records: list[Record]) -> list[Update]:
    batch = [r for r in records if isinstance(r, Lead)]
    emails = sorted({e for lead in batch if (e := normal_email(lead.email)[0])})
    if not emails:
        return duplicate_updates(batch, [])
    covered, rows = ctx.visit_reads.get((PREFETCHED, "lead-duplicates"), (frozenset(), []))
    if set(emails) <= covered:  # read with the leads: the addresses they have now were searched
        same = [x for x in rows if normal_email(x.email)[0] in emails]
    else:
        # One read for the whole batch: every lead whose (lowercased) email is one of the batch's. Status
        # and Email Status too: nurture's first-touch draft, later in this visit, is screened on this read
        # instead of reading the same leads again (leads_by_address).
        fields = ["email", "duplicate_of", "status", "email_status"]
        same = ctx.gateway.all(Lead, formula=_same_address(ctx, emails), fields=fields)
    for e in emails:
        ctx.visit_reads[(SAME_ADDRESS, e)] = [x for x in same if normal_email(x.email)[0] == e]
    return duplicate_updates(batch, same)


def leads_by_address(ctx: JobContext, email: str | None) -> list[Lead] | None:
    """Every lead with this address, as the duplicate search read it in this visit (None: not read)."""
    e = normal_email(email)[0]
    return ctx.visit_reads.get((SAME_ADDRESS, e)) if e else None


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
