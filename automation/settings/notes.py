"""Session notes settings: the AI drafter's switch, daily spend cap and prices; what the client sees."""

from __future__ import annotations

from pydantic import BaseModel, Field


class NotesSettings(BaseModel):
    ai_enabled: bool = Field(
        True, description="Draft notes with OpenAI when a key is set and the client gave AI Consent."
    )
    ai_daily_spend_cap_usd: float = Field(
        2.0,
        ge=0,
        description="AI spend per day (business time zone) of every AI call (notes, nurture emails): past it "
        "the rules draft notes and the template writes emails.",
    )
    ai_input_usd_per_mtok: float = Field(
        0.15, ge=0, description="Price of a million input tokens of OPENAI_MODEL, for the spend cap."
    )
    ai_output_usd_per_mtok: float = Field(
        0.60, ge=0, description="Price of a million output tokens of OPENAI_MODEL, for the spend cap."
    )
    ai_reserve_s: float = Field(
        5.0,
        ge=0,
        description="Seconds a ping keeps after an AI call for its writes; less and the rules draft.",
    )
    rules_reserve_s: float = Field(
        4.0, ge=0, description="Seconds a ping needs left to draft one more session; the rest wait."
    )
    catch_up_days: int = Field(
        14,
        ge=1,
        description="notes-catch-up drafts Completed sessions of the last this many days whose notes were "
        "never drafted; older ones (notes typed before Leadership OS) are left as they are.",
    )
    client_visible_owners: list[str] = Field(
        default_factory=lambda: ["client"],
        description="Action items of these owners (client, coach, associate) go in the client's notes email.",
    )
