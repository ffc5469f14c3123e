"""Who may receive an email (DESIGN.md §2 principle 5): pure rules over the records that concern it.

A message is blocked when the person or the address said no or cannot receive: a lead (linked, or any lead
with the same mailbox) that is Unsubscribed; a client (linked, or with the same mailbox) who opted out of
email; a mailbox marked Bounced or Spam Report on a lead or a client (a bounce at a "+tag" address outside
Gmail stops that address only: the server may refuse only the tag). "The same mailbox" is one inbox in any
spelling (leads.contact.mailbox): "jo+news@gmail.com" and "J.o@googlemail.com" are jo@gmail.com, so who said
no as one spelling is not written to as another; elsewhere dots count ("j.o@acme.com" is not jo@acme.com).
Reasons name record ids (and a current client by name, so the coach sees whom to write to herself), never
content.

A lead's Unsubscribed is the answer to the marketing emails (the link in a first touch or a nurture email, a
reply asking to hear no more): it blocks those always, and any email to someone who is only a lead. It does
not stop a client's invoices, reminders and session notes: for those the client's own Email Opt Out decides
(a lead who unsubscribed from the nurture emails in March and signed in June gets her invoice in July).
Marketing never goes to a current client (Active, Paused or no status, by address): a client who fills in
the website form again is a conversation for the coach, not a first touch; the reason names the client.

An email that links one client and no lead, addressed to a mailbox no lead or client has any more, goes to
the client's address now (`current_address`): the coach corrected the client's Email after the draft was made
(her session notes waited in the Approval Queue meanwhile) and expects the email to follow the correction.
An address whose mailbox someone still has is never changed (it may be the coach's deliberate choice; a new
spelling of the same mailbox reaches the same person).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from automation.leads.contact import mailbox, normal_email, one_mailbox

BLOCKING_EMAIL_STATUS = ("Bounced", "Spam Report")


class LeadLike(Protocol):
    id: str
    email: str | None
    status: str | None
    email_status: str | None


class ClientLike(Protocol):
    id: str
    name: str | None
    email: str | None
    email_opt_out: bool
    email_status: str | None
    status: str | None


CURRENT_CLIENT = (None, "Active", "Paused")


def normalise(address: str | None) -> str:
    return (address or "").strip().lower()


def unlinked_marketing(linked_leads: Iterable[str], linked_clients: Iterable[str]) -> str | None:
    """A marketing email (the send-time check) must link the lead or client it is for: its unsubscribe link
    names that record. One linking nobody (the coach deleted the lead while it waited) is not sent."""
    if any(linked_leads) or any(linked_clients):
        return None
    return "the email links no lead or client (deleted since it was drafted?): no unsubscribe link possible"


# The records an email of these kinds is about, as their composers link them (sessions.writes, billing.emails,
# schedule.survey): a session's notes, an invoice, the survey of a session, each for one client.
ABOUT: dict[str, tuple[str, ...]] = {
    "Session Notes": ("client", "session"),
    "Invoice": ("client", "invoice"),
    "Payment Reminder": ("client", "invoice"),
    "Satisfaction Survey": ("client", "session"),
}


def deleted_subject(message: Any) -> str | None:
    """Why an email the functions composed must not go because what it is about was deleted since (None: it
    may). Airtable drops the link to a deleted record, so an empty link of its kind's ABOUT is a deletion:
    the coach removed the client (or the session, the invoice) and nothing is sent about it. A message she
    wrote herself (no Dedupe Key) links what she chose and is not judged by its kind."""
    if not message.dedupe_key:
        return None
    gone = [key for key in ABOUT.get(message.kind or "", ()) if not getattr(message, key, None)]
    if not gone:
        return None
    what = " and ".join(gone)
    return f"the {what} this {message.kind} was about no longer exists (deleted since it was drafted)"


# Kinds whose session must still be as it was drafted for: notes and a survey follow a session held
# (Completed), and a survey asks for a rating not yet given. Session reminders are judged by the time their
# invitation gives (schedule.cancellation.stale_reminder: their cancellation letters share the kind).
SESSION_BOUND = ("Session Notes", "Satisfaction Survey")


def stale_session(message: Any, session: Any) -> str | None:
    """Why an email the functions composed about a session must not go because the session changed since
    it was drafted (None: it may). The change-time checks (sessions.withdraw_notes, schedule's
    drop_rated_surveys) cancel most such drafts; this one at send time holds when they have not run yet,
    or the coach approves a whole queue at once. `session`: the linked session as read now."""
    if not message.dedupe_key or message.kind not in SESSION_BOUND or session is None:
        return None
    if session.status != "Completed":
        return f"the session is no longer Completed (it is {session.status or 'without a status'} now)"
    if message.kind == "Satisfaction Survey" and session.satisfaction:
        return "the session's rating was filled in"
    return None


def about_deleted(message: Any, marketing: bool) -> str | None:
    """Why this message is about something deleted since it was drafted (None: nothing is): the send-time
    check, and the daily one that takes such drafts out of the Approval Queue."""
    return unlinked_marketing(message.lead, message.client) if marketing else deleted_subject(message)


def block_reason(
    address: str,
    *,
    leads: Iterable[LeadLike],
    clients: Iterable[ClientLike],
    linked_leads: Iterable[str] = (),
    linked_clients: Iterable[str] = (),
    marketing: bool = True,
) -> str | None:
    """Why this email must not go out, or None when it may. `marketing`: the message is a marketing kind
    (settings.messages.marketing_kinds); one that is not, to a client, is not stopped by a lead's
    Unsubscribed (module note)."""
    linked_lead_ids, linked_client_ids = set(linked_leads), set(linked_clients)
    concerned = [c for c in clients if one_mailbox(c.email, address) or c.id in linked_client_ids]
    for lead in leads:
        same_address = one_mailbox(lead.email, address)
        if not (same_address or lead.id in linked_lead_ids):
            continue
        if lead.status == "Unsubscribed" and (marketing or not concerned):
            return f"recipient unsubscribed (lead {lead.id})"
        if same_address and _marked(lead, address):
            return f"address marked {lead.email_status} (lead {lead.id})"
    for client in concerned:
        same_address = one_mailbox(client.email, address)
        if client.email_opt_out:
            return f"client opted out of email (client {client.id})"
        if same_address and _marked(client, address):
            return f"address marked {client.email_status} (client {client.id})"
        if marketing and same_address and client.status in CURRENT_CLIENT:
            # Said so the coach knows what to do instead: the person is hers to write to, not a lead's.
            who = (client.name or "").strip() or "the recipient"
            return f"{who} is a current client: write to them yourself (client {client.id})"
    return None


def _marked(person: LeadLike | ClientLike, address: str) -> bool:
    """The record's Email Status stops this address (a spelling of the record's mailbox). A spam report is
    the person's: every spelling. A bounce is the inbox's when it bounced at the mailbox's own address, or
    at Gmail (every spelling delivers alike there); a bounce at a "+tag" address elsewhere may be the server
    refusing the tag, so it stops that address only."""
    if person.email_status not in BLOCKING_EMAIL_STATUS:
        return False
    if person.email_status != "Bounced" or normalise(person.email) == normalise(address):
        return True
    box = mailbox(person.email)
    return box is not None and (box == normal_email(person.email)[0] or box.endswith("@gmail.com"))


def to_the_business(settings: Any, kind: str | None, channel: str | None, recipient: str | None) -> bool:
    """An email to the coach or a report recipient (a notice, a brief, a report, even when it links the lead
    it is about): no lead's or client's opt-out or bounce applies to the business's own address, so it is
    not screened against Leads and Clients (two reads saved, and a notice about an unsubscribed lead still
    reaches the coach). Her address in another spelling of its mailbox is hers too (the Settings spelling
    changed while a notice waited, or she edited the Recipient). Marketing kinds are always screened."""
    from automation.messages.envelope import is_marketing

    if channel != "Email" or is_marketing(kind, channel, settings):
        return False
    return any(one_mailbox(recipient, ours) for ours in business_addresses(settings))


def business_addresses(settings: Any) -> list[str]:
    """The coach's address and the report recipients, one per mailbox (the first spelling: hers first),
    blanks left out: a report listed for "sarah+reports@…" beside "sarah@…" reaches her inbox once."""
    out: list[str] = []
    for address in [settings.general.coach_email, *settings.messages.report_recipients]:
        address = (address or "").strip()
        if address and not any(one_mailbox(address, kept) for kept in out):
            out.append(address)
    return out


def current_address(
    address: str,
    *,
    leads: Iterable[LeadLike],
    clients: Iterable[ClientLike],
    linked_leads: Iterable[str] = (),
    linked_clients: Iterable[str] = (),
) -> str | None:
    """The linked client's address now when this email went stale (module note), else None. `leads` and
    `clients`: every one linked or with this address, as read for block_reason."""
    from automation.messages.headers import address_problem

    addr, linked = normalise(address), set(linked_clients)
    if list(linked_leads) or len(linked) != 1 or not addr:
        return None
    clients = list(clients)
    if any(one_mailbox(x.email, addr) for x in [*leads, *clients]):
        return None  # somebody has this mailbox (in this or another spelling): not stale
    client = next((c for c in clients if c.id in linked), None)
    new = normalise(client.email if client else None)
    return new if new and not one_mailbox(new, addr) and address_problem(new) is None else None
