"""Around-the-session settings: reminders, overdue action items, double-booking, the satisfaction survey."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ScheduleSettings(BaseModel):
    reminder_days_ahead: int = Field(
        1,
        ge=0,
        le=7,
        description="Session reminders go out for Scheduled sessions up to the end of the day this many "
        "days ahead (the client's own time zone when she has one, else the business's); 1 = the day before.",
    )
    reminder_hour: int = Field(
        7,
        ge=0,
        le=23,
        description="Reminders are not delivered before this hour (business time zone) on the day they go.",
    )
    default_duration_minutes: int = Field(
        60, ge=5, description="Length of a session whose Duration is empty (invitations, overlaps)."
    )
    buffer_minutes: int = Field(
        15, ge=0, description="Two sessions closer than this (end to start) count as double-booked."
    )
    overdue_first_days: int = Field(
        1, ge=0, description="An open action item is chased this many days after its Due Date."
    )
    overdue_repeat_days: int = Field(
        7, ge=1, description="…and again every this many days while it stays overdue."
    )
    overdue_stop_days: int = Field(
        60,
        ge=1,
        description="An item overdue longer than this is no longer chased to the client or associate (it "
        "stays in your summary for you to close, cancel or give a new date).",
    )
    coach_summary: bool = Field(
        True, description="Send the coach a morning summary of every overdue action item, by client."
    )
    survey: bool = Field(
        True, description="Ask the client for a 1-5 rating the morning after a Completed session."
    )
    survey_hour: int = Field(9, ge=0, le=23, description="The survey is not delivered before this hour.")
    survey_valid_days: int = Field(14, ge=1, description="A survey link works for this many days.")
    survey_lookback_days: int = Field(
        3, ge=1, description="Completed sessions this many days back still get their survey."
    )
