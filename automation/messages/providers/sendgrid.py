"""Email through SendGrid's v3 Mail Send API (sendgrid-python over urllib; imported only when sending).

SendGrid has no idempotency key and the SDK neither retries nor times out by default, so this module:
sets an explicit timeout per attempt; retries only answers that mean "not taken" (429, 5xx, connection
refused) with tenacity, honouring Retry-After, and never past the caller's deadline; and treats a timeout
after the request was sent as OutcomeUnknown (it may have been accepted), which is never retried here.
"""

from __future__ import annotations

import base64
import json
import time
import urllib.error
from email.utils import parseaddr
from typing import Any

from automation.messages.headers import display_name, one_line
from automation.messages.providers.base import (
    Accepted,
    Envelope,
    OutcomeUnknown,
    ProviderRejected,
    ProviderUnavailable,
    retry_after_seconds,
)

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_ATTEMPTS = 5
MIN_ATTEMPT_S = 1.0  # do not start an attempt with less time than this left
CUSTOM_ARG = "los_message_id"  # SendGrid returns custom_args as top-level keys of each event


def request_body(envelope: Envelope, from_email: str, from_name: str | None = None) -> dict[str, Any]:
    """The Mail Send JSON for one envelope (also what the outbox records as "would have been sent")."""
    # Names on one line, quoted when they hold "," or ";" (SendGrid would split the address on them).
    to: dict[str, str] = {"email": envelope.to.strip()}
    if to_name := display_name(envelope.to_name):
        to["name"] = to_name
    sender: dict[str, str] = {"email": from_email}
    if sender_name := display_name(from_name):
        sender["name"] = sender_name
    content = [{"type": "text/plain", "value": envelope.text}]
    if envelope.html:
        content.append({"type": "text/html", "value": envelope.html})
    body: dict[str, Any] = {
        "personalizations": [{"to": [to]}],
        "from": sender,
        "subject": one_line(envelope.subject),
        "content": content,
        "custom_args": {CUSTOM_ARG: envelope.message_id},
        "categories": [envelope.kind[:255]],
    }
    if envelope.reply_to and envelope.reply_to.lower() != from_email.lower():
        body["reply_to"] = {"email": envelope.reply_to}
    if envelope.headers:
        body["headers"] = dict(envelope.headers)
    if envelope.attachments:
        body["attachments"] = [
            {
                "content": base64.b64encode(a.data()).decode("ascii"),
                "type": a.content_type,
                "filename": a.filename,
                "disposition": a.disposition,
                **({"content_id": a.content_id} if a.content_id else {}),
            }
            for a in envelope.attachments
        ]
    return body


def split_from(value: str) -> tuple[str, str | None]:
    """SENDGRID_FROM as ("addr", "Name" | None); accepts "addr" or "Name <addr>"."""
    name, addr = parseaddr(value)
    return addr, (name or None)


class SendGridProvider:
    """Sends one envelope; raises ProviderRejected / ProviderUnavailable / OutcomeUnknown with the reason."""

    name = "sendgrid"

    def __init__(self, api_key: str, sender: str, *, host: str, timeout_s: float = 10.0) -> None:
        self._api_key = api_key
        self.from_email, self.from_name = split_from(sender)
        self._host = host.rstrip("/")
        self._timeout_s = timeout_s

    def send(self, envelope: Envelope, deadline: float) -> Accepted:
        from python_http_client.exceptions import HTTPError
        from sendgrid import SendGridAPIClient
        from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

        client = SendGridAPIClient(api_key=self._api_key, host=self._host)
        client.client.timeout = self._timeout_s  # the SDK's default is None: a hang would eat the budget
        body = request_body(envelope, self.from_email, envelope.from_name or self.from_name)
        fallback_wait = wait_exponential_jitter(multiplier=0.5, max=8, jitter=0.5)

        def wait(state: Any) -> float:
            exc = state.outcome.exception() if state.outcome else None
            headers = getattr(exc, "headers", None)
            after = retry_after_seconds(headers.get("Retry-After") if headers is not None else None)
            return after if after is not None else float(fallback_wait(state))

        def out_of_time(state: Any) -> bool:
            return time.monotonic() + state.upcoming_sleep + MIN_ATTEMPT_S > deadline

        def attempt() -> Any:
            timeout = max(0.5, min(self._timeout_s, deadline - time.monotonic()))
            return client.client.mail.send.post(request_body=body, timeout=timeout)

        retrying = Retrying(
            retry=retry_if_exception(_retryable),
            wait=wait,
            stop=stop_after_attempt(MAX_ATTEMPTS) | out_of_time,
            reraise=True,
        )
        try:
            response = retrying(attempt)
        except HTTPError as exc:
            attempts = retrying.statistics.get("attempt_number", 1)
            reason = _reason(exc)
            if exc.status_code in RETRYABLE_STATUS:
                raise ProviderUnavailable(
                    self.name,
                    f"{reason} (after {attempts} attempts)",
                    status=exc.status_code,
                    attempts=attempts,
                ) from exc
            raise ProviderRejected(self.name, reason, status=exc.status_code, attempts=attempts) from exc
        except TimeoutError as exc:
            raise OutcomeUnknown(
                self.name, f"no answer within {self._timeout_s:g}s; may have been sent"
            ) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise OutcomeUnknown(self.name, f"timed out ({exc.reason}); may have been sent") from exc
            raise ProviderUnavailable(self.name, f"unreachable: {exc.reason}") from exc
        attempts = retrying.statistics.get("attempt_number", 1)
        message_id = response.headers.get("X-Message-Id") or ""
        return Accepted(self.name, message_id or f"accepted-{response.status_code}", attempts=attempts)


def _retryable(exc: BaseException) -> bool:
    from python_http_client.exceptions import HTTPError

    if isinstance(exc, HTTPError):
        return exc.status_code in RETRYABLE_STATUS
    # Refused connections certainly did not reach SendGrid; anything else may have.
    if isinstance(exc, urllib.error.URLError):
        return isinstance(exc.reason, ConnectionRefusedError)
    return isinstance(exc, ConnectionRefusedError)


def _reason(exc: Any) -> str:
    """SendGrid's error messages ("errors": [{"message", "field"}]) in one line."""
    raw = exc.body.decode("utf-8", "replace") if isinstance(exc.body, bytes) else str(exc.body or "")
    try:
        errors = json.loads(raw).get("errors") or []
        parts = [
            f"{e.get('message', '').strip()}" + (f" (field {e['field']})" if e.get("field") else "")
            for e in errors
        ]
        text = "; ".join(p for p in parts if p)
    except (ValueError, AttributeError):
        text = raw.strip()[:300]
    return f"SendGrid {exc.status_code}: {text or exc.reason}"
