"""SendGrid's Event Webhook: verify its signature, mark bounces / spam reports / unsubscribes on people,
and reconcile messages by the record id we put in custom_args (a send whose result was never written
becomes Sent here: reconciled from the provider's word, never by sending again)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from automation import jsonbody
from automation.errors import BadRequest, ConfigError, RecordProblem, SignatureError
from automation.leads.contact import one_mailbox
from automation.messages.eligibility import BLOCKING_EMAIL_STATUS, normalise
from automation.messages.providers.sendgrid import CUSTOM_ARG

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.messages.store import MessageStore
    from automation.models import Client, Lead, Message

SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature"
TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp"
# SendGrid documents no window; events are applied idempotently, so this only bounds replays of old posts.
TOLERANCE_S = 24 * 3600

_DROPPED_AS = {
    "Bounced Address": "bounce",
    "Spam Reporting Address": "spamreport",
    "Unsubscribed Address": "unsub",
}


def verify(
    public_key: str | None, body: bytes, signature: str | None, timestamp: str | None, *, now: float
) -> None:
    """ECDSA P-256/SHA-256 over timestamp + raw body, with the key from the SendGrid dashboard."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    if not public_key:
        raise ConfigError("SENDGRID_WEBHOOK_PUBLIC_KEY is not set: copy the verification key from SendGrid")
    if not signature or not timestamp:
        raise SignatureError("missing SendGrid signature headers")
    try:
        sent_at = jsonbody.unix_time_text(timestamp)
        if sent_at is None:
            raise SignatureError("SendGrid event timestamp is not a Unix time")
        if abs(now - sent_at) > TOLERANCE_S:
            raise SignatureError("SendGrid event timestamp is outside the accepted window")
        key_text = public_key.strip()
        if "BEGIN PUBLIC KEY" in key_text:
            key = serialization.load_pem_public_key(key_text.encode())
        else:
            key = serialization.load_der_public_key(base64.b64decode(key_text))
    except (ValueError, binascii.Error) as exc:
        if isinstance(exc, SignatureError):
            raise
        raise SignatureError(f"unreadable timestamp or key: {exc}") from None
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise ConfigError("SENDGRID_WEBHOOK_PUBLIC_KEY is not an elliptic-curve key")
    try:
        key.verify(base64.b64decode(signature), timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, ValueError, binascii.Error):
        raise SignatureError("SendGrid signature does not verify") from None


def parse(body: bytes) -> list[dict[str, Any]]:
    """The events array; BadRequest when it is not one."""
    events = jsonbody.loads(body, "sendgrid-events")
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise BadRequest("expected a JSON array of event objects")
    return events


def problem_of(event: dict[str, Any]) -> str | None:
    """Why a verified event cannot be applied (its fields are not of the types SendGrid sends), or None."""
    if not isinstance(event.get("event"), str):
        return "event is not a string"
    for key in ("email", "reason", "type", "sg_message_id", CUSTOM_ARG):
        if event.get(key) is not None and not isinstance(event[key], str):
            return f"{key} is not a string"
    ts = event.get("timestamp")
    if ts is not None and jsonbody.unix_time(ts) is None:
        return "timestamp is not a Unix time"
    return None


def _effect(event: dict[str, Any]) -> str | None:
    kind = event.get("event")
    if kind == "bounce":
        return None if event.get("type") == "blocked" else "bounce"  # blocked: temporary, retried by SendGrid
    if kind == "dropped":
        return _DROPPED_AS.get(str(event.get("reason", "")), "dropped")
    if kind in ("spamreport", "unsubscribe", "group_unsubscribe"):
        return "spamreport" if kind == "spamreport" else "unsub"
    if kind in ("processed", "delivered"):
        return "accepted"
    return None


def process(ctx: JobContext, events: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Apply a batch of events (idempotent: applying it twice changes nothing the second time)."""
    from automation.messages.store import MessageStore  # pyairtable: not at the app's start-up

    store = MessageStore(ctx.gateway)
    good = []
    for e in events:
        reason = problem_of(e)
        if reason is None:
            good.append(e)
        else:  # skipped and recorded; the rest of the batch is applied
            why = f"SendGrid event skipped: {reason}"
            ctx.run.report(RecordProblem("messages", None, "event", None, why))
    effects = [(e, _effect(e)) for e in good]
    effects = [(e, f) for e, f in effects if f]
    ids = sorted({str(e[CUSTOM_ARG]) for e, _ in effects if str(e.get(CUSTOM_ARG, "")).startswith("rec")})
    messages = {m.id: m for m in store.fetch(ids)} if ids else {}
    by_address: dict[str, set[str]] = {}
    for e, f in effects:
        if f in ("bounce", "spamreport", "unsub"):
            by_address.setdefault(normalise(e.get("email")), set()).add(f)
    by_address.pop("", None)
    leads, clients = store.people(by_address) if by_address else ([], [])
    summary = {
        "messages": _reconcile(store, messages, effects),
        "leads": len(store.update_leads(_lead_changes(leads, by_address))),
        "clients": len(store.update_clients(_client_changes(clients, by_address))),
    }
    return summary


def _reconcile(store: MessageStore, messages: dict[str, Message], effects: list[tuple[dict, str]]) -> int:
    """A bounce or drop fails the message, whatever order the batch holds it in (SendGrid does not promise
    order: a "processed" after the "bounce" of the same send never makes it Sent); else an accepted send
    still in Sending becomes Sent."""
    changes: dict[str, dict[str, Any]] = {}
    failed: set[str] = set()
    for e, f in effects:
        m = messages.get(str(e.get(CUSTOM_ARG, "")))
        if m is None:
            continue
        if e.get("event") in ("bounce", "dropped") and m.status in ("Sending", "Sent"):
            reason = str(e.get("reason") or e.get("type") or e.get("event"))[:500]
            changes.setdefault(m.id, {}).update(
                # Sent At cleared: it never arrived, so once fixed it may be approved again (delivery refuses
                # an Approved message with a Sent At as already sent); Provider ID stays as the trail.
                {"status": "Failed", "error": f"SendGrid {e['event']}: {reason}", "sent_at": None}
            )
            failed.add(m.id)
        elif f == "accepted" and m.status == "Sending" and m.id not in failed:
            provider_id = str(e.get("sg_message_id", "")).split(".")[0] or m.provider_id
            when = datetime.fromtimestamp(int(e.get("timestamp") or 0), UTC) if e.get("timestamp") else None
            note = (
                "Result reconciled from SendGrid's event (the send was accepted; its result write was lost)."
            )
            changes.setdefault(m.id, {}).update(
                {"status": "Sent", "provider_id": provider_id, "sent_at": when, "error": note}
            )
    return len(store.write([(messages[rid], fields) for rid, fields in changes.items()]))


def _found(email: str | None, by_address: dict[str, set[str]]) -> set[str]:
    """The effects for a record with this Email. A spam report or an unsubscribe is the person's: it counts
    for every spelling of her mailbox (store.people reads them all). A bounce is the very address's (a server
    may refuse only a "+tag"): eligibility decides which other spellings a Bounced address stops."""
    addr = normalise(email)
    out = set(by_address.get(addr, set()))
    for other, effects in by_address.items():
        if other != addr and one_mailbox(other, addr):
            out |= effects - {"bounce"}
    return out


def _lead_changes(leads: list[Lead], by_address: dict[str, set[str]]) -> list[tuple[Lead, dict[str, Any]]]:
    out = []
    for lead in leads:
        found = _found(lead.email, by_address)
        fields: dict[str, Any] = {}
        if "bounce" in found and lead.email_status != "Spam Report":
            fields["email_status"] = "Bounced"
        if "spamreport" in found:
            fields["email_status"] = "Spam Report"
        if ("unsub" in found or "spamreport" in found) and lead.status != "Unsubscribed":
            fields.update({"status": "Unsubscribed", "nurture_sequence": "Stopped", "follow_up_due": None})
        if fields:
            out.append((lead, fields))
    return out


def _client_changes(
    clients: list[Client], by_address: dict[str, set[str]]
) -> list[tuple[Client, dict[str, Any]]]:
    """As for leads: the address's Email Status (which blocks later emails), and a spam report or an
    unsubscribe opts the client out of email."""
    out = []
    for client in clients:
        found = _found(client.email, by_address)
        fields: dict[str, Any] = {}
        if "bounce" in found and client.email_status not in BLOCKING_EMAIL_STATUS:
            fields["email_status"] = "Bounced"
        if "spamreport" in found and client.email_status != "Spam Report":
            fields["email_status"] = "Spam Report"
        if found & {"spamreport", "unsub"} and not client.email_opt_out:
            fields["email_opt_out"] = True
        if fields:
            out.append((client, fields))
    return out
