"""From a stored Messages record to what leaves: the coach's edits win, marketing gets its headers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from automation.errors import LeadershipOSError
from automation.messages import tokens
from automation.messages.headers import address_problem, one_line, slack_recipient_problem
from automation.messages.inline_images import inline_charts
from automation.messages.providers.base import Attachment, Envelope
from automation.messages.render import render, stamped_digest, text_digest
from automation.messages.slack_blocks import blocks_for

if TYPE_CHECKING:
    from automation.config import Config
    from automation.models import Message
    from automation.settings import BusinessSettings


class NotSendable(LeadershipOSError, ValueError):
    """A stored message that cannot leave as it is (e.g. the coach's edit left no address or no text)."""


def is_marketing(kind: str | None, channel: str | None, settings: BusinessSettings) -> bool:
    return channel == "Email" and kind in settings.messages.marketing_kinds


def unsubscribe_link(message: Message, config: Config) -> str | None:
    """The signed unsubscribe URL of a marketing message (its lead, else its client)."""
    if message.lead:
        subject: tuple[str, str] = ("leads", message.lead[0])
    elif message.client:
        subject = ("clients", message.client[0])
    else:
        return None
    secret = config.app_secret.get_secret_value() if config.app_secret else None
    token = tokens.make_token(secret, subject[0], subject[1])  # type: ignore[arg-type]
    return tokens.unsubscribe_url(config.public_base_url, token)


def one_click_headers(url: str) -> dict[str, str]:
    """RFC 8058 one-click unsubscribe (Gmail and Yahoo require it of bulk senders)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def split_footer(text: str, settings: BusinessSettings) -> tuple[str, str | None]:
    """The letter's words and our footer ("--", the business's name and address, the unsubscribe link).
    The Body a coach edits ends with that footer, so a line she adds at the very end ("See you soon!",
    a P.S.) lands below it: it is hers, kept at the end of her words (the HTML is built from the words
    alone, so it was lost there). Our footer is the last "--" followed by the business's "name · address"
    line or an unsubscribe line; a "--" of her own signature is left in her words. None: no footer."""
    marker = "\n--\n"
    name = f"{settings.general.business_name} · "
    at = len(text)
    while (at := text.rfind(marker, 0, at)) >= 0:
        lines = [line.strip() for line in text[at + len(marker) :].split("\n")]
        ours = [ln for ln in lines if ln.startswith(name) or ln.startswith("Unsubscribe: ")]
        if ours and lines[0] == ours[0]:
            hers = "\n".join(ln for ln in lines if ln not in ours).strip()
            return text[:at].rstrip() + (f"\n\n{hers}" if hers else ""), "\n".join(ours)
    return text.rstrip(), None


def envelope_for(message: Message, settings: BusinessSettings, config: Config) -> Envelope:
    """The envelope of a stored message. If the coach edited Body after it was composed, the HTML is
    rebuilt from her text (the stored HTML carries a digest of the text it was rendered with). Raises
    NotSendable when it has no text, or an email has no single address to go to."""
    subject = one_line(message.subject)
    text = (message.body or "").replace("\r\n", "\n").replace("\r", "\n")  # Airtable may keep CRLF
    if not text.strip() and not (message.channel == "Slack" and subject):
        raise NotSendable("the message has no text (Body is empty)")
    if message.channel == "Slack" and config.slack_by_email():
        # Without Slack the notice goes to the coach by email: its text in the letter, its channel ignored.
        subject = subject or one_line(text.strip().split("\n")[0])[:200] or (message.kind or "Notice")
        message = message.model_copy(
            update={
                "channel": "Email",
                "recipient": settings.general.coach_email,
                "recipient_name": settings.general.coach_name,
                "body_html": None,
            }
        )
    if message.channel == "Slack":
        if problem := slack_recipient_problem(message.recipient):
            raise NotSendable(problem)
        return Envelope(
            message_id=message.id,
            channel="Slack",
            kind=message.kind or "",
            to=(message.recipient or settings.messages.slack_channel).strip(),
            subject=subject,
            text=text,
            blocks=blocks_for(subject, text),
        )
    problem = address_problem(message.recipient) or ("" if subject else "the email has no subject")
    if problem:
        raise NotSendable(problem)
    marketing = is_marketing(message.kind, message.channel, settings)
    unsubscribe = unsubscribe_link(message, config) if marketing else None
    html = message.body_html
    if not html or stamped_digest(html) not in (None, text_digest(text)):
        body, footer = split_footer(text, settings)
        if footer is not None and not text.rstrip().endswith(footer):  # she typed below our footer: her
            # words go above it, in both versions
            text = f"{body}\n\n--\n{footer}\n"
        html = render(
            "letter",
            {"body": body},
            channel="Email",
            subject=subject,
            recipient_name=message.recipient_name,
            settings=settings,
            unsubscribe_url=unsubscribe,
        ).html
    html, charts = inline_charts(html)
    general = settings.general
    if unsubscribe and unsubscribe not in text:  # the coach's edit dropped the footer: the law needs it
        footer = f"{general.business_name} · {general.postal_address}\nUnsubscribe: {unsubscribe}"
        text = f"{text.rstrip()}\n\n--\n{footer}\n"
    return Envelope(
        message_id=message.id,
        channel="Email",
        kind=message.kind or "",
        to=(message.recipient or "").strip(),
        to_name=one_line(message.recipient_name) or None,
        subject=subject,
        text=text,
        html=html,
        from_name=settings.messages.sender_name or general.coach_name,
        reply_to=general.coach_email,
        headers=one_click_headers(unsubscribe) if unsubscribe else {},
        attachments=_invitation(message.invitation) + charts,
    )


def _invitation(ics: str | None) -> tuple[Attachment, ...]:
    """The calendar invitation as invite.ics; its METHOD (REQUEST or CANCEL) goes in the content type,
    which is how mail clients tell an update from a cancellation."""
    if not ics or not ics.strip():
        return ()
    method = next(
        (line.split(":", 1)[1].strip() for line in ics.splitlines() if line.upper().startswith("METHOD:")),
        "PUBLISH",
    )
    return (Attachment("invite.ics", f"text/calendar; charset=utf-8; method={method}", ics),)
