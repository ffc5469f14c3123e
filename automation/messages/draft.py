"""What a capability module asks for: one message, described before it is rendered and stored."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from automation.messages.headers import address_problem, one_line
from schema.tables import TABLES

KINDS: tuple[str, ...] = tuple(TABLES["messages"]["kind"].choices)
LINK_KEYS: tuple[str, ...] = ("lead", "client", "session", "invoice", "deal", "associate")
TEMPLATES: tuple[str, ...] = ("letter", "session_notes", "session_reminder", "invoice", "alert", "report")


class Draft(BaseModel):
    """One message to compose; `dedupe_key` makes composing it again update it instead of adding one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    channel: Literal["Email", "Slack"]
    recipient: str = Field(min_length=1)  # an email address, or a Slack channel ("#ops" or "C0123")
    subject: str = Field(min_length=1, max_length=250)
    template: str
    dedupe_key: str = Field(min_length=3, max_length=250)  # record id + purpose + period
    data: dict[str, Any] = Field(default_factory=dict)
    recipient_name: str | None = None
    links: dict[str, str | list[str]] = Field(default_factory=dict)  # {"lead": "rec…"}; keys: LINK_KEYS
    send_after: datetime | None = None  # aware; not delivered before this instant
    title: str | None = None  # the record's primary field; default "<kind>: <subject>"
    invitation: str | None = None  # iCalendar text, attached to the email as invite.ics

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"unknown message kind {value!r}; one of {', '.join(KINDS)}")
        return value

    @field_validator("subject")
    @classmethod
    def _one_line_subject(cls, value: str) -> str:
        """A subject is a header: one line ("Notes\\r\\nBcc: x@y" is one line of text, never two headers)."""
        subject = one_line(value)
        if not subject:
            raise ValueError("subject is blank")
        return subject

    @field_validator("template")
    @classmethod
    def _known_template(cls, value: str) -> str:
        if value not in TEMPLATES:
            raise ValueError(f"unknown template {value!r}; one of {', '.join(TEMPLATES)}")
        return value

    @field_validator("links")
    @classmethod
    def _known_links(cls, value: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        for key, ids in value.items():
            if key not in LINK_KEYS:
                raise ValueError(f"unknown link {key!r}; one of {', '.join(LINK_KEYS)}")
            for rid in [ids] if isinstance(ids, str) else ids:
                if not rid.startswith("rec"):
                    raise ValueError(f"link {key} must hold record ids (rec…), got {rid!r}")
        return value

    @field_validator("send_after")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("send_after must be timezone-aware")
        return value

    @model_validator(mode="after")
    def _email_has_address(self) -> Draft:
        problem = address_problem(self.recipient) if self.channel == "Email" else None
        if problem:
            raise ValueError(problem)
        return self

    @classmethod
    def slack_alert(
        cls,
        kind: str,
        channel: str,
        heading: str,
        summary: str,
        *,
        dedupe_key: str,
        subject: str | None = None,
        links: dict[str, str | list[str]] | None = None,
        **data: Any,
    ) -> Draft:
        """An alert to the coach on Slack (the `alert` template): heading, summary, optional facts/items."""
        return cls(
            kind=kind,
            channel="Slack",
            recipient=channel,
            subject=subject or heading,
            template="alert",
            data={"heading": heading, "summary": summary, **data},
            links=links or {},
            dedupe_key=dedupe_key,
        )

    def link_ids(self, key: str) -> list[str]:
        """The record ids linked under `key` (always a list)."""
        ids = self.links.get(key, [])
        return [ids] if isinstance(ids, str) else list(ids)

    def link_fields(self) -> dict[str, list[str]]:
        """Link fields as the Messages record stores them."""
        return {key: self.link_ids(key) for key in LINK_KEYS if self.link_ids(key)}
