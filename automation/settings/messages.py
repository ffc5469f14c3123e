"""Message settings: which kinds go out without approval, report recipients."""

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
            "Daily Brief",
            "Weekly Report",
            "System Alert",
            "Lost Reason Request",
        ],
        description="Kinds sent without the coach's approval (JSON list); client-facing drafts are not here.",
    )
    slack_channel: str = Field("#coaching-ops", description="Slack channel for alerts and the daily brief.")
    report_recipients: list[str] = Field(
        default_factory=list,
        description="Extra email addresses for the daily brief and weekly report (JSON list).",
    )
