"""Replies from leads (SendGrid Inbound Parse): match the sender to a lead, count the reply, let the lead
automations pause the sequence, and tell the coach.

SendGrid posts multipart/form-data: in the default mode the fields from, subject, text, headers, envelope;
in raw mode the whole message in `email`. Parsed with the standard library (no multipart dependency).
Inbound Parse has no signature: the URL carries a shared secret (SENDGRID_INBOUND_SECRET), checked in
constant time.
"""

from __future__ import annotations

import email.errors
import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email import policy
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser, HeaderParser
from email.utils import parseaddr
from typing import TYPE_CHECKING, Any

from automation.errors import BadRequest

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Lead

MAX_EXCERPT = 300
# Where the history a reply quotes begins, in the mail clients and languages leads write from: a quoted
# line, an attribution ("On … wrote:", "Am … schrieb …:", "Le … a écrit :", "El … escribió:"; a client may
# wrap it over two or three lines), Outlook's header block or separator, a phone's signature.
_QUOTE_START = re.compile(
    r"^(?:>|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|"
    r"messaggio originale|oorspronkelijk bericht)|_{8,}$|(?:from|von|de|van|da|från|fra)\s?:\s|"
    r"(?:sent from my|get outlook for|envoyé de mon|enviado desde mi)\b|von meinem .{1,40} gesendet)",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"^(?:on|am|le|el|op|il|em|den|på)\b.{0,240}\b(?:wrote|schrieb|a écrit|escribió|schreef|ha scritto|"
    r"escreveu|skrev)\b.{0,160}:$",
    re.I,
)


@dataclass(frozen=True)
class InboundEmail:
    sender: str  # lowercase address
    subject: str
    text: str
    message_id: str
    automatic: str | None = None  # why it is an automatic reply (out of office, bounce), else None

    def new_text(self) -> str:
        """What the sender wrote: the reply's text with the quoted history cut off, on one line."""
        lines = self.text.splitlines()
        for i, line in enumerate(lines):
            if _QUOTE_START.match(line.strip()) or any(
                _ATTRIBUTION.match(" ".join(x.strip() for x in lines[i : i + k])) for k in (1, 2, 3)
            ):
                lines = lines[:i]
                break
        return " ".join(" ".join(lines).split())

    def excerpt(self) -> str:
        """The new part of the reply (quoted history cut off), shortened."""
        short = self.new_text()
        return short if len(short) <= MAX_EXCERPT else short[: MAX_EXCERPT - 1] + "…"


def parse_form_data(content_type: str, body: bytes) -> dict[str, str]:
    """multipart/form-data -> {field: text}; attachments are skipped."""
    if not content_type.lower().startswith("multipart/form-data"):
        raise BadRequest("expected multipart/form-data (SendGrid Inbound Parse)")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    msg = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not msg.is_multipart():
        raise BadRequest("the multipart body could not be read")
    fields: dict[str, str] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name or part.get_filename():
            continue
        payload = part.get_payload(decode=True)
        fields[str(name)] = _text(payload if isinstance(payload, bytes) else b"", part.get_content_charset())
    return fields


def _text(data: bytes, charset: str | None) -> str:
    """Bytes as text in their declared charset; an unknown or wrong one reads as UTF-8, never fails."""
    try:
        return data.decode(charset or "utf-8", errors="replace")
    except (LookupError, ValueError):  # a charset Python does not know (the sender controls it)
        return data.decode("utf-8", errors="replace")


def _header(msg: Message, name: str) -> str:
    """A header as text, RFC 2047 words decoded where they can be; whatever the sender wrote, never fails."""
    value = msg.get(name)
    if value is None:
        return ""
    try:
        return str(make_header(decode_header(str(value))))
    except (LookupError, ValueError, UnicodeError, email.errors.HeaderParseError):
        return str(value)


def _plain_text(msg: Message) -> str:
    """The first text/plain part that is not an attachment (the whole body when the message is not MIME)."""
    for part in msg.walk():
        if part.get_content_type() == "text/plain" and not part.get_filename():
            payload = part.get_payload(decode=True)
            return _text(payload if isinstance(payload, bytes) else b"", part.get_content_charset())
    return ""


def parse_inbound(fields: dict[str, str]) -> InboundEmail:
    """The sender, subject, plain text and Message-ID of an Inbound Parse post (default or raw mode).
    Read with the lenient parser: headers and charsets are the sender's, so nothing in them may raise."""
    if "email" in fields:  # raw mode: the full MIME message
        raw = BytesParser(policy=policy.compat32).parsebytes(fields["email"].encode("utf-8", "replace"))
        sender, subject, message_id = (_header(raw, h) for h in ("from", "subject", "message-id"))
        text = _plain_text(raw)
        headers: Message = raw
    else:
        headers = HeaderParser(policy=policy.compat32).parsestr(fields.get("headers", ""))
        sender = fields.get("from") or _header(headers, "from")
        subject = fields.get("subject") or _header(headers, "subject")
        message_id = _header(headers, "message-id")
        text = fields.get("text", "")
    address = parseaddr(str(sender))[1].strip().lower()
    if not address and fields.get("envelope"):
        try:
            envelope = json.loads(fields["envelope"])
        except (ValueError, RecursionError):  # nesting past the parser's recursion is no envelope either
            envelope = None
        found = envelope.get("from") if isinstance(envelope, dict) else None
        address = found.strip().lower() if isinstance(found, str) else ""
    if "@" not in address:
        raise BadRequest("the email has no sender address")
    message_id = str(message_id).strip() or hashlib.sha256(f"{address}|{subject}|{text}".encode()).hexdigest()
    subject = str(subject).strip()
    return InboundEmail(address, subject, str(text), message_id, automatic_reason(headers, address, subject))


# RFC 3834 and the headers mail systems add to what no person wrote; and the subjects of out-of-office
# replies in the languages a European client base writes in.
_AUTO_SUBJECT = re.compile(
    r"^[\[(]?\s*(?:(?:i'?m|i am|currently)\s+)?"
    r"(?:automatic reply|auto[- ]?reply|autoreply|auto[- ]response|out of (?:the )?office|ooo\b|"
    r"away from (?:the )?office|away\s*:|on (?:annual |parental |maternity |paternity )?leave|"
    r"on (?:vacation|holiday)\b|abwesenheitsnotiz|automatische antwort|"
    r"r[ée]ponse automatique|absence du bureau|respuesta autom[aá]tica|fuera de la oficina|"
    r"risposta automatica|fuori ufficio|afwezigheidsmelding|automatisch antwoord|"
    r"autosvar|automatisk svar|automaattinen vastaus|resposta autom[aá]tica|"
    r"undeliverable|undelivered mail|delivery status notification|delivery has failed|"
    r"mail delivery (?:failed|failure)|delivery failure|message not delivered|failure notice|returned mail)",
    re.I,
)
_ROBOT_SENDER = re.compile(r"^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply)@", re.I)


def automatic_reason(headers: Message, sender: str, subject: str) -> str | None:
    """Why this email is an automatic reply rather than a person's answer, or None."""
    auto = _header(headers, "auto-submitted").strip().lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    if any(_header(headers, h) for h in ("x-autoreply", "x-autorespond", "x-auto-response-suppress")):
        return "an auto-reply header"
    if _header(headers, "precedence").strip().lower() in ("auto_reply", "bulk", "junk"):
        return "Precedence: " + _header(headers, "precedence").strip().lower()
    if _ROBOT_SENDER.match(sender):
        return "sent by a mail system"
    if _AUTO_SUBJECT.match(re.sub(r"^(?:re|aw|fw|fwd|sv|tr)\s*:\s*", "", subject, flags=re.I)):
        return "an out-of-office or delivery subject"
    return None


# A lead asking, in their own words, to hear no more: explicit wording only, so a leader writing about
# stopping or removing something at work ("how do I stop firefighting?") is not unsubscribed.
_OPT_OUT = re.compile(
    r"\bunsubscribe\b|\bopt me out\b|\bopt(?:[- ])?out of (?:your|these|this|the|all|any)\b.{0,20}"
    r"\b(?:list|mailings?|e-?mails?|messages)\b|"
    r"\b(?:remove|take) me (?:off|from) (?:your|the|this|all)\b.{0,30}\b(?:list|mailings?|e-?mails?)\b|"
    r"\bstop (?:e-?mailing|contacting|messaging|writing to) me\b|"
    r"\bstop sending (?:me )?(?:these |your |any )?(?:e-?mails|messages)\b|\bstop (?:these|your) e-?mails\b|"
    r"\b(?:do not|don'?t|never) (?:e-?mail|contact|write to|message) me\b|"
    r"\bno (?:more|further) (?:e-?mails|messages)\b|"
    r"\b(?:(?:no longer|do not|don'?t) (?:wish|want) to|(?:would|'d) rather not|prefer not to)\b.{0,20}"
    r"\breceiv(?:e|ing)\b.{0,30}\b(?:e-?mails|messages|communications?|newsletters?)\b|"
    r"\b(?:delete|erase|remove) my (?:personal )?(?:details|data|e-?mail(?: address)?|address|information|"
    r"contact details)\b|"
    r"\bkeine (?:weiteren )?(?:e-?mails|nachrichten)\b|"
    r"\b(?:mich|bitte) (?:\w+ ){0,3}(?:abmelden|austragen)\b|"
    r"\bd[ée]sabonner\b|\bd[ée]sinscri|\bne plus (?:me )?(?:contacter|[ée]crire)\b|"
    r"\bdar(?:me)? de baja\b|\bno me (?:escriba|env[ií]e|contacte)|"
    r"\bcancellami\b|\bdisiscriv|\buitschrijven\b|\b(?:me|mij) (?:\w+ ){0,3}afmelden\b",
    re.I,
)
_ONE_WORD_OPT_OUT = re.compile(
    r"^(?:not interested[.,!]*\s*)?(?:please\s+)?(?:stop|remove|unsubscribe|remove me|stop please)[.!]*$",
    re.I,
)


def opt_out(mail: InboundEmail) -> bool:
    """Whether the reply asks to hear no more: an explicit opt-out in its new part, or a bare "STOP" /
    "remove" / "unsubscribe" as the whole reply or its subject. The quoted history (our own email, its
    footer) is not read."""
    text = mail.new_text()
    subject = re.sub(r"^(?:(?:re|aw|fw|fwd|sv|tr)\s*:\s*)+", "", mail.subject, flags=re.I).strip()
    return bool(_OPT_OUT.search(text) or _ONE_WORD_OPT_OUT.match(text) or _ONE_WORD_OPT_OUT.match(subject))


def reply_key(lead_id: str, mail: InboundEmail) -> str:
    return f"{lead_id}:reply:{hashlib.sha256(mail.message_id.encode()).hexdigest()[:16]}"


def record_reply(ctx: JobContext, mail: InboundEmail) -> dict[str, Any]:
    """Count the reply on its lead and alert the coach; a re-delivered email is recognised by its Message-ID.

    The lead is written before the alert (the alert marks the reply as done): if the alert fails, SendGrid's
    retry counts the reply a second time rather than risk a reply that never paused the sequence.
    """
    from automation.events.runner import run_automations
    from automation.leads.deferral import read_deferral
    from automation.leads.emails import reply_alert_draft
    from automation.leads.nurture import deferral_action, deferred_until, display_name, may_defer
    from automation.messages import compose
    from automation.messages.store import MessageStore
    from automation.models import Lead, Message

    if mail.automatic:
        # An out-of-office is not the lead engaging: it neither pauses the sequence nor raises the score.
        return {"status": "ignored", "reason": f"an automatic reply ({mail.automatic})"}
    gw = ctx.gateway
    # The lead by her mailbox in any spelling (one read): a reply from "Jane.Doe@gmail.com" to a lead typed
    # as "janedoe@gmail.com" is hers, and a reply asking to stop must stop every spelling of her.
    leads = sorted(MessageStore(gw).leads_matching([mail.sender]), key=_oldest_first)
    if not leads:
        return {"status": "ignored", "reason": "no lead has this address"}
    lead: Lead = next((x for x in leads if not x.duplicate_of), leads[0])
    key = reply_key(lead.id, mail)
    if gw.all(Message, formula={"dedupe_key": key}, fields=["dedupe_key"], max_records=1):
        return {"status": "duplicate", "lead": lead.id}
    today = ctx.today()
    if opt_out(mail):
        return _record_opt_out(ctx, mail, leads, lead, key)
    fields: dict[str, Any] = {
        "replies": (lead.replies or 0) + 1,
        "last_engagement": max(today, lead.last_engagement or today),
    }
    deferral = read_deferral(mail.new_text(), today, ctx.settings.general.time_zone)
    deferred = deferral is not None and may_defer(lead)
    if deferral is not None and deferred:
        # "Try me in March": nurture holds the date in Next Action (nothing goes to her before it), and the
        # coach's brief lists her on it; a question she asks now is due now.
        action = deferral_action(display_name(lead), deferral.until, deferral.words, deferral.asks_now)
        fields |= {"next_action": action, "follow_up_due": today if deferral.asks_now else deferral.until}
    elif deferred_until(lead) is not None:
        fields["next_action"] = None  # she writes again before the date: her new reply is answered now
    # That she replied is her fact, kept in every Automation Mode: at Live, nurture then sees the ball in the
    # coach's court (`waiting_on_us`) and sends her no next step. Status, score and alert follow the mode.
    with ctx.run.keeping("leads"):
        gw.update(Lead, [(lead, fields)])
    run_automations(ctx, "leads", [lead.id], {lead.id: set(fields)})  # status, score, nurture pause
    draft = reply_alert_draft(lead, ctx.settings, today, key, mail.excerpt() or None, deferral, deferred)
    compose(ctx, draft)
    return {"status": "recorded", "lead": lead.id}


def _oldest_first(lead: Any) -> tuple:
    """Created Date ascending, as Airtable sorts (a lead without one first), then the record's creation."""
    return (
        lead.created_date is not None,
        lead.created_date or date.min,
        lead.created_time or datetime.min.replace(tzinfo=UTC),
    )


def _record_opt_out(ctx: JobContext, mail: InboundEmail, leads: list[Lead], lead: Lead, key: str) -> dict:
    """A reply asking to hear no more is an unsubscribe, not engagement: every lead with the address is
    Unsubscribed and its sequence stopped (the lead automations write the stop's Next Action and the score),
    drafts waiting to go to the address are cancelled, and the coach is told. As the unsubscribe link does."""
    from automation.events.runner import run_automations
    from automation.leads.emails import opt_out_alert_draft
    from automation.messages import compose
    from automation.messages.store import MessageStore
    from automation.models import Lead

    stop = {"status": "Unsubscribed", "nurture_sequence": "Stopped", "follow_up_due": None}
    still_in = [x for x in leads if x.status != "Unsubscribed"]
    # Her decision, honoured in every Automation Mode as the unsubscribe link's is (her lead stopped, what
    # waits to go to her cancelled); the automations' rest and the coach's alert follow the mode.
    if still_in:
        with ctx.run.keeping("leads"):
            ctx.gateway.update(Lead, [(x, dict(stop)) for x in still_in])
        run_automations(ctx, "leads", [x.id for x in still_in], {x.id: set(stop) for x in still_in})
    store = MessageStore(ctx.gateway)
    pending = store.pending_to([mail.sender])
    stopped = {"status": "Cancelled", "error": "Not sent: recipient asked to unsubscribe"}
    with ctx.run.keeping("messages"):
        store.write([(m, dict(stopped)) for m in pending])
    compose(
        ctx, opt_out_alert_draft(lead, ctx.settings, ctx.today(), key, mail.excerpt() or None, len(pending))
    )
    return {"status": "unsubscribed", "lead": lead.id}
