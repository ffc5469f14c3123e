"""Message settings: which kinds go out without approval, which are marketing, delivery safety margins."""

from __future__ import annotations

from pydantic import BaseModel, Field


class MessageSettings(BaseModel):
    auto_send_kinds: list[str] = Field(
        default_factory=lambda: [
            "Hot Lead Alert",
            "Reply Alert",
            "Session Reminder",
            "Action Item Reminder",
            "Follow-up Reminder",
            "Health Alert",
            "Associate Assignment",
            "Onboarding Reminder",
            "Associate Alert",
            "Booking Conflict",
            "Satisfaction Survey",
            "New Lead Notice",
            "Daily Brief",
            "Weekly Report",
            "System Alert",
            "Lost Reason Request",
            "Deal Stage Check",
        ],
        description="Kinds sent without the coach's approval (JSON list); client-facing drafts are not here.",
    )
    marketing_kinds: list[str] = Field(
        default_factory=lambda: ["First Touch", "Nurture Email"],
        description="Kinds that are marketing (JSON list): they carry an unsubscribe link, the postal "
        "address and one-click List-Unsubscribe headers.",
    )
    slack_channel: str = Field("#coaching-ops", description="Slack channel for alerts and the daily brief.")
    report_recipients: list[str] = Field(
        default_factory=list,
        description="Extra email addresses for the daily brief and weekly report (JSON list).",
    )
    sender_name: str = Field("", description="Display name on emails; empty: the coach's name.")
    claim_settle_s: float = Field(
        1.5,
        ge=0,
        le=30,
        description="Seconds a delivery waits between claiming a message and reading the claim back "
        "(guards against two senders; longer than a slow Airtable write).",
    )
    stuck_after_minutes: int = Field(
        15, ge=1, description="A message still Sending after this long is surfaced to the coach."
    )
    send_batch_limit: int = Field(50, ge=1, description="At most this many messages are sent per run.")
