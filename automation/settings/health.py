"""Client health settings (DESIGN.md §6). Owned by the health capability.

Every number the health score and its alerts use lives here, so the coach can tune it from the Settings
table (Key "health.weights", Value a JSON object, and so on).
"""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

COMPONENTS = ("cadence", "recency", "satisfaction", "follow_through", "payment", "results")


class HealthSettings(BaseModel):
    weights: dict[str, float] = Field(
        default_factory=lambda: {
            "cadence": 20,
            "recency": 20,
            "satisfaction": 25,
            "follow_through": 15,
            "payment": 10,
            "results": 10,
        },
        description="Weight of each component: cadence, recency, satisfaction, follow_through, payment, "
        "results (JSON object). A component without data is left out and the others share its weight.",
    )
    low_min: int = Field(75, ge=0, le=100, description="Score at or above which the risk is Low.")
    medium_min: int = Field(50, ge=0, le=100, description="Score at or above which the risk is Medium.")
    usage_window_days: int = Field(
        90, ge=30, le=365, description="Usage Freq: completed sessions per month over this many days."
    )
    recency_full_days: int = Field(21, ge=1, description="A session within this many days: full recency.")
    recency_zero_days: int = Field(60, ge=2, description="No session for this many days: no recency points.")
    satisfaction_window_days: int = Field(
        90, ge=7, description="Satisfaction: the average rating of completed sessions in this many days."
    )
    follow_through_window_days: int = Field(
        90, ge=7, description="Follow-through: firm action items that fell due in this many days."
    )
    payment_zero_days: int = Field(
        30, ge=1, description="Payment: an invoice this many days overdue leaves no payment points."
    )
    critical_rating: int = Field(
        2, ge=1, le=5, description="Critical: the latest rating at or below this makes the risk High."
    )
    critical_rating_days: int = Field(
        45, ge=1, description="Critical: only a rating given within this many days counts."
    )
    critical_average_min_ratings: int = Field(
        3,
        ge=1,
        description="Critical: the average of at least this many ratings in the satisfaction window, read "
        "to the nearest star, at or below health.critical_rating makes the risk High (a quarter of 2s "
        "with a latest 3 is no better than one 2).",
    )
    critical_overdue_days: int = Field(
        30, ge=1, description="Critical: an invoice this many days overdue makes the risk High."
    )
    critical_no_session_days: int = Field(
        45, ge=1, description="Critical: no completed session for this many days makes the risk High."
    )
    new_client_days: int = Field(
        30, ge=0, description="A client this many days from Start Date is new: no session is not yet late."
    )
    new_client_score: int = Field(
        75,
        ge=0,
        le=100,
        description="The score of a client with no data at all yet (new, nothing to measure).",
    )
    trend_points: int = Field(
        5, ge=1, description="Health Trend: a change of at least this many points is Improving or Declining."
    )
    alert_drop_points: int = Field(10, ge=1, description="Alert the coach when the score drops this much.")
    alerts: bool = Field(True, description="Alert the coach on Slack when a client enters High risk.")

    @field_validator("weights")
    @classmethod
    def _known_components(cls, weights: dict[str, float]) -> dict[str, float]:
        unknown = set(weights) - set(COMPONENTS)
        if unknown:
            raise ValueError(f"unknown components {sorted(unknown)}; known: {', '.join(COMPONENTS)}")
        if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
            raise ValueError("weights must be non-negative with a positive sum")
        return weights
