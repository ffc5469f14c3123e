"""One base error and a few narrow ones; api/ maps them to HTTP, runs record them with their context."""

from __future__ import annotations

from typing import Any


class LeadershipOSError(Exception):
    """Base of every error this system raises on purpose."""


class ConfigError(LeadershipOSError):
    """A setting or credential is missing or wrong; the message says which and how to fix it."""


class AirtableError(LeadershipOSError):
    """Airtable could not be reached or refused a request."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        error_type: str | None = None,
        endpoint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.endpoint = endpoint  # "scheme://host:port" asked, so a script can say which endpoint to check


class AirtableUnavailable(AirtableError):
    """Network failure, 5xx or rate limit that outlasted the retry budget."""


class AirtableRejected(AirtableError):
    """Airtable answered 4xx: the request itself is wrong (token, permissions, field, value)."""


class RecordProblem(LeadershipOSError, ValueError):
    """One record could not be read or written; the rest of the batch goes on."""

    def __init__(
        self,
        table: str,
        record_id: str | None,
        field: str | None,
        value: Any,
        reason: str,
        *,
        name: str | None = None,
    ) -> None:
        super().__init__(f"{table} {record_id or '(new)'}: {field or '-'}={value!r}: {reason}")
        self.table = table
        self.record_id = record_id
        self.field = field
        self.value = value
        self.reason = reason
        # The record's name when the problem was seen (a deal's Deal Name): the daily brief reads no Deals,
        # so an id alone would not tell the coach which record to fix.
        self.name = name

    def as_dict(self) -> dict[str, Any]:
        """The problem for an Automation Runs record (the value is shortened: no client content in logs)."""
        shown = repr(self.value)
        return {
            "table": self.table,
            "record": self.record_id,
            "field": self.field,
            "value": shown if len(shown) <= 60 else shown[:57] + "...",
            "reason": self.reason,
        } | ({"name": self.name} if self.name else {})


class SignatureError(LeadershipOSError):
    """A webhook or link signature did not verify."""


class BadRequest(LeadershipOSError, ValueError):
    """The caller sent something we cannot process; the message is safe to return."""


class PayloadTooLarge(BadRequest):
    """The body is larger than the route accepts (413); nothing of it was parsed."""


class LeaseBusy(LeadershipOSError):
    """Another invocation of this process is processing the webhook past our budget; retry the ping.
    (Here, not in automation.events.state, so the app maps it to 503 without importing the events code.)"""


class UnknownName(LookupError):
    """No automation or job of that name (the route answers 404)."""
