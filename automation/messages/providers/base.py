"""What every delivery provider takes (an Envelope) and returns (Accepted), and how it fails."""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from automation.errors import LeadershipOSError


@dataclass(frozen=True)
class Attachment:
    """A file sent with an email: a calendar invitation, or a chart shown inline (the HTML refers to it as
    `cid:<content_id>`); `content` is text (UTF-8 on the way out) or bytes."""

    filename: str
    content_type: str  # e.g. "text/calendar; method=REQUEST", "image/png"
    content: str | bytes
    disposition: str = "attachment"  # or "inline"
    content_id: str | None = None  # inline images: the HTML's `cid:` reference

    def data(self) -> bytes:
        return self.content.encode("utf-8") if isinstance(self.content, str) else self.content


@dataclass(frozen=True)
class Envelope:
    """One message exactly as it leaves: rendered, addressed, with the headers and ids providers need."""

    message_id: str  # the Messages record id; SendGrid carries it back in events (custom_args)
    channel: str  # "Email" | "Slack"
    kind: str
    to: str  # email address, or Slack channel
    subject: str
    text: str
    html: str | None = None
    to_name: str | None = None
    from_email: str | None = None
    from_name: str | None = None
    reply_to: str | None = None
    headers: dict[str, str] = field(default_factory=dict)  # e.g. List-Unsubscribe
    blocks: list[dict[str, Any]] | None = None  # Slack Block Kit
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class Accepted:
    """The provider took the message: its id goes to the record's Provider ID."""

    provider: str  # "sendgrid" | "slack" | "slack-webhook" | "outbox"
    provider_id: str
    attempts: int = 1


class ProviderError(LeadershipOSError):
    """A provider did not take the message; `reason` is the provider's own words (safe to store)."""

    def __init__(self, provider: str, reason: str, *, status: int | None = None, attempts: int = 1) -> None:
        super().__init__(f"{provider}: {reason}")
        self.provider = provider
        self.reason = reason
        self.status = status
        self.attempts = attempts


class ProviderRejected(ProviderError):
    """The provider refused this message (4xx): sending it again unchanged would fail again."""


class ProviderUnavailable(ProviderError):
    """Rate limited, 5xx or unreachable until the time budget ran out; the message was not accepted."""


class OutcomeUnknown(ProviderError):
    """The request may have reached the provider (e.g. a read timeout): never retried, reconciled later."""


class Provider(Protocol):
    name: str

    def send(self, envelope: Envelope, deadline: float) -> Accepted:
        """Hand the message over; `deadline` is a time.monotonic() value retries must not pass."""
        ...


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds (it may be a number or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None
