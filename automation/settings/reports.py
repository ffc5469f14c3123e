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
    new_lead_window_days: int = Field(
        2, ge=0, description="A lead older than this when first scored is an import, not news: no notice."
    )
    hot_untouched_days: int = Field(
        1, ge=0, description="The brief lists Hot leads with no contact for this many days."
    )
    brief_slack: bool = Field(True, description="Post the daily brief to the Slack channel.")
    brief_email: bool = Field(True, description="Email the daily brief to the coach.")
    brief_max_items: int = Field(8, ge=1, description="At most this many lines per brief section.")
