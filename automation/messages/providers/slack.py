"""Slack through slack_sdk: a bot token (chat.postMessage) or an incoming-webhook URL.

Rate limits are slack_sdk's own RateLimitErrorRetryHandler (it sleeps Retry-After), bounded here by the
caller's deadline: a Retry-After that would outlast the budget is not waited for. Connection errors are not
retried: a reset after Slack took the post would post it twice.
"""

from __future__ import annotations

import hashlib
import time
import urllib.error
from typing import Any

from automation.messages import slack_blocks
from automation.messages.providers.base import (
    Accepted,
    Envelope,
    OutcomeUnknown,
    ProviderRejected,
    ProviderUnavailable,
    retry_after_seconds,
)

MAX_RATE_LIMIT_RETRIES = 2


def _rate_limit_handler(deadline: float) -> Any:
    from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

    class BudgetedRateLimitHandler(RateLimitErrorRetryHandler):
        """slack_sdk's handler, refusing a wait that would run past the deadline."""

        def _can_retry(self, *, state: Any, request: Any, response: Any = None, error: Any = None) -> bool:
            if not super()._can_retry(state=state, request=request, response=response, error=error):
                return False
            values = {k.lower(): v for k, v in response.headers.items()}.get("retry-after") or ["1"]
            wait = retry_after_seconds(values[0] if isinstance(values, list) else values)
            # The handler adds up to 1 s of jitter to Retry-After.
            return (wait if wait is not None else 1.0) + 1.0 < deadline - time.monotonic()

    return BudgetedRateLimitHandler(max_retry_count=MAX_RATE_LIMIT_RETRIES)


def payload(envelope: Envelope, channel: str | None) -> dict[str, Any]:
    """What is posted: blocks plus the top-level text Slack shows in notifications and old clients."""
    body: dict[str, Any] = {"text": fallback_text(envelope), "unfurl_links": False, "unfurl_media": False}
    if channel:
        body["channel"] = channel
    if envelope.blocks:
        body["blocks"] = envelope.blocks
    return body


def fallback_text(envelope: Envelope) -> str:
    return slack_blocks.fallback_text(envelope.subject, envelope.text)


class SlackBotProvider:
    """chat.postMessage with a bot token; Provider ID is "<channel>/<ts>"."""

    name = "slack"

    def __init__(self, token: str, *, default_channel: str | None, base_url: str, timeout_s: float = 10.0):
        self._token = token
        self._default_channel = default_channel
        self._base_url = base_url if base_url.endswith("/") else base_url + "/"
        self._timeout_s = timeout_s

    def send(self, envelope: Envelope, deadline: float) -> Accepted:
        from slack_sdk import WebClient
        from slack_sdk.errors import SlackApiError

        channel = envelope.to or self._default_channel
        if not channel:
            raise ProviderRejected(self.name, "no Slack channel: set the recipient or SLACK_CHANNEL")
        client = WebClient(
            token=self._token,
            base_url=self._base_url,
            timeout=max(1, int(min(self._timeout_s, deadline - time.monotonic()))),
            retry_handlers=[_rate_limit_handler(deadline)],
        )
        try:
            response = client.chat_postMessage(**payload(envelope, channel))
        except SlackApiError as exc:
            status = exc.response.status_code
            error = exc.response.get("error") if isinstance(exc.response.data, dict) else None
            reason = f"Slack {status}: {error or exc.response.data}"
            if status == 429 or status >= 500:
                raise ProviderUnavailable(self.name, reason, status=status) from exc
            raise ProviderRejected(self.name, reason, status=status) from exc
        except (TimeoutError, urllib.error.URLError) as exc:
            raise _network_error(self.name, exc) from exc
        return Accepted(self.name, f"{response.get('channel', channel)}/{response.get('ts', '')}")


class SlackWebhookProvider:
    """An incoming webhook (posts to the channel it was created for); Slack returns no message id."""

    name = "slack-webhook"

    def __init__(self, url: str, *, timeout_s: float = 10.0):
        self._url = url
        self._timeout_s = timeout_s

    def send(self, envelope: Envelope, deadline: float) -> Accepted:
        from slack_sdk.webhook import WebhookClient

        client = WebhookClient(
            self._url,
            timeout=max(1, int(min(self._timeout_s, deadline - time.monotonic()))),
            retry_handlers=[_rate_limit_handler(deadline)],
        )
        try:
            response = client.send_dict(payload(envelope, None))
        except (TimeoutError, urllib.error.URLError) as exc:
            raise _network_error(self.name, exc) from exc
        if response.status_code != 200:
            reason = f"Slack webhook {response.status_code}: {str(response.body).strip()[:300]}"
            if response.status_code == 429 or response.status_code >= 500:
                raise ProviderUnavailable(self.name, reason, status=response.status_code)
            raise ProviderRejected(self.name, reason, status=response.status_code)
        digest = hashlib.sha256(f"{envelope.message_id}".encode()).hexdigest()[:10]
        return Accepted(self.name, f"webhook-{digest}")


def _network_error(name: str, exc: BaseException) -> Exception:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, ConnectionRefusedError):
        return ProviderUnavailable(name, f"unreachable: {reason}")
    return OutcomeUnknown(name, f"no answer ({reason}); may have been posted")
