"""The one output model of a notes draft, whoever drafts it (the rules or the AI), and its input."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

Owner = Literal["client", "coach", "associate"]
Priority = Literal["High", "Medium", "Low"]


class ActionItemDraft(BaseModel):
    """One thing someone agreed to do, with the sentence it came from."""

    description: str = Field(description="What is to be done, as an imperative, in the notes' words.")
    owner: Owner = Field(description="client, coach (the notes' author: 'I' in her notes) or associate.")
    due: date | None = Field(description="The due date the notes state or imply; null when none is given.")
    priority: Priority = Field(description="High when urgent or due within two days, Low when tentative.")
    tentative: bool = Field(
        description="True for hedged commitments (might, maybe, considering, wants to think about)."
    )
    receipt: str = Field(
        description="The sentence quoted from the notes, then what was inferred or is missing."
    )


class NotesDraft(BaseModel):
    """Summary, outcomes, action items, models and next topics of one session."""

    summary: str = Field(description="Two to four sentences for the client, in the third person.")
    key_outcomes: list[str] = Field(description="Decisions, insights and agreements, one line each.")
    action_items: list[ActionItemDraft]
    leadership_models: list[str] = Field(
        description="Titles from the given list of leadership models that the notes mention or use."
    )
    next_topics: list[str] = Field(description="Topics the notes set aside for the next session.")
    drafter: str = Field("", description="Who drafted it: 'rules (not AI)' or the AI model and prompt.")


@dataclass(frozen=True)
class NotesInput:
    """What a drafter is given: the raw notes and the facts around them."""

    raw_notes: str
    session_date: date  # in the business time zone
    client_name: str
    coach_name: str = ""
    next_session: date | None = None
    associate_names: tuple[str, ...] = ()
    models: tuple[ModelRef, ...] = ()
    author: str = "coach"  # who wrote the notes, "I" in them: "coach", or "associate" (the session's)
    time_zone: str = ""  # the business's (IANA name): reads an ambiguous 3/4 when the notes do not


@dataclass(frozen=True)
class ModelRef:
    """A Leadership Models row as the drafters see it: its title and any aliases the coach gave it."""

    title: str
    aliases: tuple[str, ...] = field(default=())
