"""Bookings from Calendly: verify the webhook signature, parse invitee.created / invitee.canceled, and turn
them into a Coaching Session (Scheduled or Cancelled; a reschedule moves the session), idempotent on the
invitee URI (Booking Ref).

Calendly signs `"<t>.<raw body>"` with HMAC-SHA256 and the subscription's signing key and sends
`Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex>`; a timestamp older than TOLERANCE_S is refused so a
captured request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

from automation import jsonbody
from automation.errors import BadRequest, ConfigError, SignatureError
from automation.jsonbody import unix_time_text
from automation.leads.contact import mailbox_match, one_mailbox

if TYPE_CHECKING:
    from automation.context import JobContext

TOLERANCE_S = 180  # Calendly's documented example window: three minutes
EVENTS = ("invitee.created", "invitee.canceled")


def verify(signing_key: str | None, body: bytes, header: str | None, now: float) -> None:
    """Raises ConfigError without a key, SignatureError for a missing, forged or stale signature."""
    if not signing_key:
        raise ConfigError("CALENDLY_SIGNING_KEY is not set: Calendly bookings cannot be verified")
    parts = dict(p.strip().split("=", 1) for p in (header or "").split(",") if "=" in p)
    t, v1 = parts.get("t", ""), parts.get("v1", "")
    if unix_time_text(t) is None or not v1:
        raise SignatureError("Calendly-Webhook-Signature is missing or malformed")
    expected = hmac.new(signing_key.encode(), t.encode() + b"." + body, hashlib.sha256).hexdigest()
    # Bytes: a header may carry Latin-1 characters, which compare_digest refuses in a str (a TypeError).
    if not hmac.compare_digest(expected.encode(), v1.lower().encode()):
        raise SignatureError("Calendly signature does not match the body")
    if abs(now - int(t)) > TOLERANCE_S:
        raise SignatureError("Calendly signature timestamp is too old (or in the future)")


def sign(signing_key: str, body: bytes, t: int) -> str:
    """The header value Calendly would send (for tests and the README's curl example)."""
    digest = hmac.new(signing_key.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


@dataclass(frozen=True)
class Booking:
    event: Literal["invitee.created", "invitee.canceled"]
    invitee_uri: str
    email: str
    name: str
    start: datetime
    end: datetime
    event_name: str
    host_email: str | None
    # A reschedule: Calendly cancels the old invitee (naming the new one) and creates a new invitee
    # (naming the old one), in either order.
    old_invitee: str | None = None
    new_invitee: str | None = None
    # When it was cancelled (payload.cancellation.created_at): billing charges a cancellation within
    # billing.late_cancel_hours of the start as a late one. None for a booking or a reschedule.
    cancelled_at: datetime | None = None


def parse(body: bytes) -> Booking | None:
    """The booking in a webhook body; None for an event type this system does not act on."""
    doc = jsonbody.loads(body, "calendly")  # size and depth bounded before parsing (BadRequest)
    if not isinstance(doc, dict):
        raise BadRequest("body is not a Calendly event")
    if doc.get("event") not in EVENTS:
        return None
    payload = doc.get("payload")
    if not isinstance(payload, dict):
        raise BadRequest("Calendly event without a payload")
    scheduled = payload.get("scheduled_event") or {}
    try:
        start = _when(scheduled["start_time"])
        end = _when(scheduled["end_time"])
        uri, email = str(payload["uri"]).strip(), str(payload["email"]).strip().lower()
    except (KeyError, TypeError, ValueError) as exc:
        raise BadRequest(f"Calendly payload is missing or has a bad {exc}") from None
    if not uri.startswith("https://") or "@" not in email or end <= start:
        raise BadRequest("Calendly payload has no invitee URI, email or a valid time")
    hosts = scheduled.get("event_memberships")
    hosts = hosts if isinstance(hosts, list) else []  # the host is optional: another shape names none
    host = next((h.get("user_email") for h in hosts if isinstance(h, dict) and h.get("user_email")), None)
    return Booking(
        event=doc["event"],
        invitee_uri=uri,
        email=email,
        name=str(payload.get("name") or email).strip(),
        start=start,
        end=end,
        event_name=str(scheduled.get("name") or "Calendly booking").strip(),
        host_email=host.strip().lower() if isinstance(host, str) else None,
        old_invitee=_uri(payload.get("old_invitee")),
        new_invitee=_uri(payload.get("new_invitee")) if payload.get("rescheduled") else None,
        cancelled_at=_cancelled_at(doc, payload),
    )


def _cancelled_at(doc: dict[str, Any], payload: dict[str, Any]) -> datetime | None:
    """The time the invitee cancelled: the cancellation's own, else the event's (both documented)."""
    if doc.get("event") != "invitee.canceled" or payload.get("rescheduled"):
        return None
    cancellation = payload.get("cancellation")
    cancellation = cancellation if isinstance(cancellation, dict) else {}
    for text in (cancellation.get("created_at"), doc.get("created_at")):
        try:
            return _when(text) if text else None
        except (TypeError, ValueError):
            continue
    return None


def _uri(value: Any) -> str | None:
    text = value.strip() if isinstance(value, str) else ""
    return text if text.startswith("https://") else None


def _when(text: Any) -> datetime:
    value = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError("start/end time without a zone")
    return value


def apply(ctx: JobContext, booking: Booking) -> dict[str, Any]:
    """Create (or cancel) the session for this invitee; a repeated event changes nothing."""
    from automation.messages.store import MessageStore
    from automation.models import Session

    gw = ctx.gateway
    existing = _by_ref(ctx, booking.invitee_uri)
    if booking.event == "invitee.canceled":
        if existing:
            session = existing[0]
            if session.status not in (None, "Scheduled"):
                # Already Cancelled (a repeat), or the coach recorded it as held (Completed, No-show): a late
                # or replayed cancellation must not undo that (a Completed session is billed).
                return {"session": session.id, "changed": False}
            fields: dict[str, Any] = {"status": "Cancelled"}
            if booking.cancelled_at is not None:
                fields["cancelled_at"] = booking.cancelled_at
            with ctx.run.keeping("sessions"):  # the invitee's cancellation: kept in every Automation Mode
                gw.update(Session, [(session, fields)])
            out = {"session": session.id, "changed": True, "cancelled": True}
            # A reschedule's cancellation (it names the new invitee) moves the session: the meeting stands.
            if not booking.new_invitee and (lead_id := _meeting_cancelled(ctx, session.id)):
                out["lead_unmet"] = lead_id
            return out
        if booking.new_invitee and (moved := _by_ref(ctx, booking.new_invitee)):
            # The new booking came first and already moved the session: nothing was cancelled.
            return {"session": moved[0].id, "changed": False}
    elif existing:
        return {"session": existing[0].id, "changed": False}
    elif (
        booking.old_invitee
        and (old := _by_ref(ctx, booking.old_invitee))
        and old[0].status in (None, "Scheduled", "Cancelled")
    ):
        return _move(ctx, old[0], booking)  # a session already held stays; the new time is a new one
    store = MessageStore(gw)
    clients = store.clients_matching([booking.email])
    row: dict[str, Any] = {
        "booking_ref": booking.invitee_uri,
        "name": session_name(booking),
        "session_date": booking.start,
        "duration": int((booking.end - booking.start).total_seconds()),
        "status": "Cancelled" if booking.event == "invitee.canceled" else "Scheduled",
    }
    if booking.event == "invitee.canceled" and booking.cancelled_at is not None:
        row["cancelled_at"] = booking.cancelled_at
    out: dict[str, Any] = {}
    known = None
    if clients:
        row["client"] = [sorted(clients, key=lambda c: c.id)[0].id]
    elif booking.event == "invitee.created":
        # Her lead, known or made now: either way the call she booked is a meeting on it (a new lead who
        # books before any contact has engaged, and nurture must not ask her to book what she has booked).
        known, new = _lead_for(ctx, store, booking)
        out["lead"] = known.id
        if new:
            out["lead_created"] = True
    if host := _host(ctx, booking):
        row["associate"] = [host]
    # Upsert on Booking Ref: a duplicate delivery racing this one lands on the same session.
    # The booking is the invitee's fact, kept in every Automation Mode (Shadow would lose her session);
    # what follows from it (conflict flags, her lead's meeting, messages) follows the mode.
    with ctx.run.keeping("sessions"):
        (session,) = gw.upsert(Session, [row], merge_on=["booking_ref"])
    if known is not None:  # after the session: its meeting names it, so a cancellation can take it off
        out["lead_met"] = _meeting_booked(ctx, known, session.id, booking)
    return {"session": session.id, "changed": True, "created": True, **out}


# Between the invitee's name and the event's in a booked session's Name: `invitee_name` reads it back.
_NAME_SEP = " · "


def session_name(booking: Booking) -> str:
    """A booked session's Name: the invitee's name, then the event's."""
    return f"{booking.name}{_NAME_SEP}{booking.event_name}"[:250]


def invitee_name(session: Any) -> str | None:
    """The invitee's name a session booked through Calendly holds in its Name (`session_name`), or None: a
    lead's booking links no client, and her name is the only one the session knows."""
    name = " ".join(str(getattr(session, "name", None) or "").split())
    if not getattr(session, "booking_ref", None) or _NAME_SEP not in name:
        return None  # a session the coach made: its Name is hers, not a person's
    return name.rsplit(_NAME_SEP, 1)[0].strip() or None


def _by_ref(ctx: JobContext, uri: str) -> list[Any]:
    from automation.models import Session

    return ctx.gateway.all(Session, formula={"booking_ref": uri}, max_records=1)


def _host(ctx: JobContext, booking: Booking) -> str | None:
    """The associate by the mailbox of the host's Calendly address, in any spelling (one read)."""
    from automation.models import Associate

    if not booking.host_email:
        return None
    gw = ctx.gateway
    match = mailbox_match(gw.ref(Associate, "email"), booking.host_email)
    hosts = [a for a in gw.all(Associate, formula=match) if one_mailbox(a.email, booking.host_email)]
    return sorted(hosts, key=lambda a: a.id)[0].id if hosts else None


def _move(ctx: JobContext, session: Any, booking: Booking) -> dict[str, Any]:
    """A rescheduled booking moves its session (the same record: the coach's links and notes stay, and the
    reminders job sends the invitation's update, not a cancellation and a second invitation). Its
    cancellation, if it came first, is undone; Booking Ref becomes the new invitee's, so a repeat of
    either event changes nothing."""
    from automation.models import Session

    fields: dict[str, Any] = {
        "booking_ref": booking.invitee_uri,
        "session_date": booking.start,
        "duration": int((booking.end - booking.start).total_seconds()),
        "status": "Scheduled",
        "cancelled_at": None,  # moved, not cancelled: no late cancellation to charge
    }
    # A host who is no associate keeps the one on the session (the coach may have handed it on).
    if (host := _host(ctx, booking)) and host not in session.associate:
        fields["associate"] = [host]
    with ctx.run.keeping("sessions"):  # the invitee's new time: kept in every Automation Mode
        ctx.gateway.update(Session, [(session, fields)])
    return {"session": session.id, "changed": True, "moved": True}


MEETING_NOTE = "counted as a meeting"
_WAS = re.compile(r"\(session (?P<sid>rec\w+)\): " + MEETING_NOTE + r" \[was: (?P<was>[^\]]*)\]")


def _meeting_booked(ctx: JobContext, lead: Any, session_id: str, booking: Booking) -> bool:
    """A lead booked a call (one already known, or the one her booking just made): a meeting on her lead
    (Meetings, Last Engagement today), as the coach would type it, so nurture pauses for the coach ("Follow
    up your meeting with …") instead of sending the next "shall we talk?" step, and scoring sees the
    engagement. A line in her Notes names the session and
    what the meeting changes (status, Last Engagement, the nurture sequence and its due date as they were),
    in the same write: Calendly's cancellation undoes it from there (_meeting_cancelled). Only a first
    delivery gets here (a repeat finds its session by Booking Ref); two first deliveries racing could count
    it twice, which changes no decision (any meeting pauses nurture)."""
    from automation.models import Lead

    if lead.status in ("Converted", "Unsubscribed"):
        return False  # a client's booking is a session; an unsubscribed lead's engagement changes nothing
    today = ctx.today()
    was = {
        "status": lead.status or "",
        "last_engagement": lead.last_engagement.isoformat() if lead.last_engagement else "",
        "nurture": lead.nurture_sequence or "",
        "due": lead.follow_up_due.isoformat() if lead.follow_up_due else "",
    }
    on = booking.start.astimezone(ctx.tz).date().isoformat()  # Calendly's UTC day is not hers near midnight
    line = (
        f"{today.isoformat()}: booked {booking.event_name} on Calendly for {on} "
        f"(session {session_id}): {MEETING_NOTE} [was: {'; '.join(f'{k}={v}' for k, v in was.items())}]"
    )
    fields = {
        "meetings": (lead.meetings or 0) + 1,
        "last_engagement": today,
        "notes": "\n\n".join(x for x in (lead.notes, line) if x),
    }
    ctx.gateway.update(Lead, [(lead, fields)])
    return True


def _meeting_cancelled(ctx: JobContext, session_id: str) -> str | None:
    """The booking of this session was cancelled: the meeting its booking counted on a lead is taken off
    (Meetings − 1; Last Engagement, a status it earned and the nurture sequence it paused as they were, unless
    something newer happened since), and her Notes say so. One read (the lead whose Notes name the session),
    on a cancellation only. The lead's id, for the lead automations to run on her; None when no meeting
    was counted (a client's session, a new lead's, or already taken off)."""
    from pyairtable import formulas as F

    from automation.leads.nurture import TIERS, waiting_on_us
    from automation.leads.status import earned_status
    from automation.models import Lead

    gw = ctx.gateway
    tag = f"(session {session_id})"
    for lead in gw.all(Lead, formula=F.FIND(tag, gw.ref(Lead, "notes"))):
        notes = lead.notes or ""
        lines = notes.split("\n\n")
        found = [(x, m) for x in lines if (m := _WAS.search(x)) and m["sid"] == session_id]
        if not found or any(x.endswith(f"{tag}: {CANCELLED_NOTE}") for x in lines):
            continue  # the session is named by something else, or its meeting was taken off already
        booked, match = found[0]
        was = dict(part.partition("=")[::2] for part in match["was"].split("; "))
        fields: dict[str, Any] = {"meetings": max(0, int(lead.meetings or 0) - 1)}
        if lead.last_engagement and lead.last_engagement.isoformat() == booked[:10]:
            fields["last_engagement"] = _date(was.get("last_engagement"))  # nothing newer since
        after = lead.model_copy(update=fields)
        if (
            lead.status == "Engaged"
            and was.get("status") in ("", "New", "Contacted")
            and earned_status(after) != "Engaged"
        ):
            fields["status"] = was.get("status") or earned_status(after)
        paused_for_it = lead.nurture_sequence == "Paused" and (lead.next_action or "").startswith("Follow up")
        if paused_for_it and was.get("nurture") in TIERS and not waiting_on_us(after):
            # Resumed where it was: the same sequence, step and due date (nurture drafts a step now due).
            fields |= {"nurture_sequence": was["nurture"], "follow_up_due": _date(was.get("due"))}
        line = f"{ctx.today().isoformat()}: the Calendly booking {tag}: {CANCELLED_NOTE}"
        fields["notes"] = f"{notes}\n\n{line}"
        gw.update(Lead, [(lead, fields)])
        return lead.id
    return None


CANCELLED_NOTE = "cancelled, its meeting taken off"


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _lead_for(ctx: JobContext, store: Any, booking: Booking) -> tuple[Any, bool]:
    """The lead with this address, or a new one (True). Two deliveries of one event racing here could both
    create a lead (Leads have no dedupe key); the lead-duplicates automation then flags the second."""
    from automation.models import Lead

    found = store.leads_matching([booking.email])
    if found:
        return sorted(found, key=lambda x: x.id)[0], False
    row = {
        "name": booking.name,
        "email": booking.email,
        "lead_source": "Website",
        "source_detail": f"Calendly: {booking.event_name}",
        "status": "New",
        "created_date": ctx.today(),
    }
    with ctx.run.keeping("leads"):  # who booked, as a website enquiry: kept in every Automation Mode
        return ctx.gateway.create(Lead, [row])[0], True
