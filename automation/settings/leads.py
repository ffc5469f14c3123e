"""Lead scoring, nurture and pipeline settings (DESIGN.md §6). Owned by the leads capability."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ScoringSettings(BaseModel):
    hot_min: int = Field(80, description="Score at or above which a lead is Hot.")
    warm_min: int = Field(60, description="Score at or above which a lead is Warm.")
    cool_min: int = Field(35, description="Score at or above which a lead is Cool (else Cold).")
    engagement_half_life_days: float = Field(
        30.0, gt=0, description="Engagement points halve over this many days."
    )
    target_industries: list[str] = Field(
        default_factory=lambda: ["Financial Services", "Technology", "Healthcare", "Professional Services"],
        description="Industries that fit the business (JSON list).",
    )


class NurtureSettings(BaseModel):
    warm_touch_days: list[int] = Field(
        default_factory=lambda: [0, 3, 7, 14], description="Days after entering Warm on which a touch is due."
    )
    cool_interval_days: int = Field(30, description="Days between touches for Cool leads.")
    cold_interval_days: int = Field(90, description="Days between touches for Cold leads.")


class PipelineSettings(BaseModel):
    stage_probabilities: dict[str, int] = Field(
        default_factory=lambda: {
            "Lead": 5,
            "Prospect": 10,
            "Qualified": 25,
            "Proposal": 50,
            "Negotiation": 75,
            "Closed Won": 100,
            "Closed Lost": 0,
        },
        description="Default probability % per pipeline stage (JSON object).",
    )
    default_commission_pct: float = Field(0.0, description="Commission % when the closer has none set.")
