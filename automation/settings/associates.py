"""Associate settings (DESIGN.md §6): quality, load, matching, onboarding. Owned by the associates module."""

from __future__ import annotations

from pydantic import BaseModel, Field


class AssociateSettings(BaseModel):
    quality_window_days: int = Field(
        90, ge=7, description="Quality Score: average rating of the associate's sessions in this many days."
    )
    quality_min_count: int = Field(
        3, ge=1, description="Quality Score is left blank until this many rated sessions stand behind it."
    )
    quality_flag_below: float = Field(
        4.5, ge=1, le=5, description="Flag an associate whose quality is below."
    )
    default_max_clients: int = Field(8, ge=1, description="Capacity of an associate without Max Clients.")
    match_weights: dict[str, float] = Field(
        default_factory=lambda: {
            "specialty": 50,
            "quality": 25,
            "certification": 15,
            "capacity": 10,
            "time_zone": 10,
        },
        description="Matching points: specialty (share of the client's focus areas covered), quality, "
        "certification, capacity (share of spare places); time_zone: the points taken off an associate "
        "who shares none of the client's working day (a share of them for a part) (JSON object).",
    )
    working_day_hours: int = Field(
        10,
        ge=1,
        le=24,
        description="Matching: the hours of a working day; a client and an associate this many hours apart "
        "share none of it (a blank Time Zone is the business's).",
    )
    certification_rank: dict[str, int] = Field(
        default_factory=lambda: {"Foundation": 1, "Practitioner": 2, "Senior": 3, "Master": 4},
        description="Certification levels from lowest to highest (JSON object).",
    )
    proposal_candidates: int = Field(3, ge=1, le=10, description="Associates listed in a proposal.")
    onboarding_reminder_days: int = Field(
        14, ge=1, description="Remind the coach of an associate still Onboarding after this many days."
    )
