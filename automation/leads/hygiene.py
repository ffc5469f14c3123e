"""Lead hygiene, the first automation on the event path: tidy Name, lowercase and validate Email.

The rules are contact.py's: a name typed all in capitals or all in lower case gets name case; an address
pasted with extras ("Jane <jane@acme.com>", "jane@acme.com.") is taken out of them. A valid email is trimmed
and lowercased (so dedupe by email and sending work); an invalid one is left as
typed and the lead's Email Status becomes "Invalid" (scoring counts it as a risk, nothing is sent to it).
Fixing the address moves an "Invalid" status back to "Unverified". Other statuses (Bounced, Spam Report)
come from the email provider and are left alone.
"""

from __future__ import annotations

from typing import Any

from automation.context import JobContext
from automation.leads.contact import EMAIL, normal_email, tidy_name
from automation.models import Lead, Record
from automation.registry import Automation, Update

__all__ = ["EMAIL", "AUTOMATIONS", "hygiene", "hygiene_fields", "normal_email", "tidy_name"]


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
