"""Report settings: the new-lead notice, the daily brief's thresholds. Owned by the reports capability."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ReportSettings(BaseModel):
    new_lead_notice: Literal["each", "digest", "off"] = Field(
        "each",
        description="How the coach hears of a new lead: each (one email per lead, as it is scored), "
        "digest (one email a day with the daily brief) or off. Hot leads also get the Slack alert.",
    )
    new_lead_notice_batch: int = Field(
        3,
        ge=1,
        description="When one change brings more new leads than this (an import, a conference list), the "
        "coach gets one email listing them all instead of one each.",
    )
    new_lead_window_days: int = Field(
        2, ge=0, description="A lead older than this when first scored is an import, not news: no notice."
    )
    hot_untouched_days: int = Field(
        1, ge=0, description="The brief lists Hot leads with no contact for this many days."
    )
    undated_item_days: int = Field(
        7,
        ge=1,
        description="The brief lists firm open action items with no Due Date once they are this many days "
        "old (nothing else chases them).",
    )
    notes_waiting_days: int = Field(
        14,
        ge=1,
        description="The brief lists Completed sessions held in the last this many days (before today) that "
        "still have no Raw Notes: their notes, action items and notes email wait for them.",
    )
    brief_slack: bool = Field(True, description="Post the daily brief to the Slack channel.")
    brief_email: bool = Field(True, description="Email the daily brief to the coach.")
    brief_max_items: int = Field(8, ge=1, description="At most this many lines per brief section.")
    stuck_days: int = Field(
        14, ge=1, description="An open deal this long in one stage is stuck (the bottleneck)."
    )
    speed_to_lead_target_minutes: int = Field(
        60,
        ge=1,
        description="Target from a lead's arrival to the first touch sent (the requirements: an hour).",
    )
    minutes_saved: dict[str, int] = Field(
        default_factory=lambda: {
            "First Touch": 10,
            "Nurture Email": 10,
            "Session Notes": 20,
            "Session Reminder": 3,
            "Action Item Reminder": 3,
            "Follow-up Reminder": 3,
            "Invoice": 10,
            "Payment Reminder": 5,
            "Hot Lead Alert": 2,
            "New Lead Notice": 2,
            "Health Alert": 5,
            "Daily Brief": 15,
            "Weekly Report": 45,
        },
        description="Minutes of the coach's work each message kind replaces, counted when it is sent or "
        "drafted (JSON object); the weekly report's hours saved.",
    )
