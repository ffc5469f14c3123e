"""Lead hygiene, the first automation on the event path: tidy Name, lowercase and validate Email.

A valid email is trimmed and lowercased (so dedupe by email and sending work); an invalid one is left as
typed and the lead's Email Status becomes "Invalid" (scoring counts it as a risk, nothing is sent to it).
Fixing the address moves an "Invalid" status back to "Unverified". Other statuses (Bounced, Spam Report)
come from the email provider and are left alone.
"""

from __future__ import annotations

import re
from typing import Any

from automation.context import JobContext
from automation.models import Lead, Record
from automation.registry import Automation, Update

# Pragmatic: one @, no spaces, a dot in the domain, no empty labels. RFC 5322 allows more; senders don't.
EMAIL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")
_SPACES = re.compile(r"\s+")


def tidy_name(name: str | None) -> str | None:
    """Trimmed, inner runs of whitespace made one space; blank becomes None."""
    if name is None:
        return None
    tidy = _SPACES.sub(" ", name).strip()
    return tidy or None


def normal_email(email: str | None) -> tuple[str | None, bool]:
    """(trimmed lowercase address, whether it is valid); blank -> (None, True)."""
    if email is None or not email.strip():
        return None, True
    lowered = email.strip().lower()
    return lowered, bool(EMAIL.match(lowered)) and ".." not in lowered and not lowered.startswith(".")


def hygiene_fields(lead: Lead) -> dict[str, Any]:
    """The fields to change on one lead (empty when it is already tidy)."""
    fields: dict[str, Any] = {}
    name = tidy_name(lead.name)
    if name != lead.name:
        fields["name"] = name
    email, valid = normal_email(lead.email)
    if valid:
        if email != lead.email:
            fields["email"] = email
        if lead.email_status == "Invalid":
            fields["email_status"] = "Unverified"
    elif lead.email_status != "Invalid":
        fields["email_status"] = "Invalid"
    return fields


def hygiene(ctx: JobContext, leads: list[Record]) -> list[Update]:
    return [Update(lead, f) for lead in leads if isinstance(lead, Lead) and (f := hygiene_fields(lead))]


AUTOMATIONS = [
    Automation(
        name="lead-hygiene",
        table="leads",
        triggers=frozenset({"name", "email"}),
        writes=frozenset({"name", "email", "email_status"}),
        handler=hygiene,
        description="Trim Name; lowercase Email, or mark Email Status Invalid.",
    )
]
