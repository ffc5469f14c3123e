"""What the schedule capability registers: the automations on sessions and action items, and its crons."""

from __future__ import annotations

from automation.registry import Automation, CronJob
from automation.schedule.cancel_automation import on_cancelled, on_deleted, stamp_cancelled
from automation.schedule.client_dates import on_session_change
from automation.schedule.completion import own_completion, session_completion, stamp_completed
from automation.schedule.conflict_automation import check_conflicts
from automation.schedule.overdue_job import overdue_action_items
from automation.schedule.reminder_job import session_reminders
from automation.schedule.survey_job import drop_rated_surveys, satisfaction_survey

SURVEY_RATED = "survey-rated"

AUTOMATIONS = [
    Automation(
        "session-conflicts",
        "sessions",
        frozenset({"session_date", "duration", "status", "associate", "client"}),
        frozenset({"conflict"}),
        check_conflicts,
        description="Double-booking: Conflict names the overlapping session(s); one alert to the coach.",
    ),
    Automation(
        "client-next-session",
        "sessions",
        frozenset({"session_date", "status", "client"}),
        frozenset(),  # writes Next Session Date on the session's client (another table)
        on_session_change,
        description="The client's Next Session Date follows its sessions.",
    ),
    Automation(
        "session-completion",
        "action_items",
        frozenset({"status", "tentative", "session"}),
        frozenset(),  # writes Completion % on the item's session (another table)
        session_completion,
        description="Completion % of a session = share of its firm action items that are Complete.",
    ),
    Automation(
        "item-completed-date",
        "action_items",
        frozenset({"status"}),  # watched already (Completion %, client health)
        frozenset({"completed_date"}),
        stamp_completed,
        on_create=False,  # an item typed in as Complete (history) has no day of completion to give
        description="Completed Date follows Status: the day an item became Complete; cleared when reopened.",
    ),
    Automation(
        "session-items-changed",
        "sessions",
        frozenset({"action_items"}),
        frozenset({"completion"}),
        own_completion,
        on_create=False,
        description="An item moved to another session or deleted: Completion % of the session it left.",
    ),
    Automation(
        SURVEY_RATED,
        "sessions",
        frozenset({"satisfaction"}),  # watched already (client health reads the rating)
        frozenset(),  # writes Cancelled on the session's waiting survey (Messages)
        drop_rated_surveys,
        on_create=False,  # a new session has no survey yet
        description="Satisfaction filled in: the session's survey not sent yet is Cancelled.",
    ),
    Automation(
        "session-cancelled-at",
        "sessions",
        frozenset({"status"}),  # watched already (conflicts, Next Session Date)
        frozenset({"cancelled_at"}),
        stamp_cancelled,
        on_create=False,  # a session typed in as Cancelled (history) has no cancellation time to give
        description="Cancelled At follows Status (when it became Cancelled): late cancellations are "
        "charged by billing.late_cancel_hours.",
    ),
    Automation(
        "session-cancelled-invitation",
        "sessions",
        frozenset({"status"}),  # watched already (conflicts, Next Session Date)
        frozenset({"reminder_sent", "reminded_for", "invite_sequence", "invited"}),
        on_cancelled,
        on_create=False,  # a new session has sent no invitation
        on_destroy=on_deleted,
        description="A session cancelled or deleted after its invitation went out: the calendar "
        "cancellation at once, once.",
    ),
]

CRON_JOBS = [
    CronJob(
        "session-reminders",
        "0 6 * * *",
        session_reminders,
        "Reminders with calendar invitations for tomorrow's sessions; updates for moved ones, "
        "cancellations for cancelled ones; clients whose next session has passed get the next one.",
    ),
    CronJob(
        "overdue-action-items",
        "10 6 * * *",
        overdue_action_items,
        "Chase overdue firm action items (client-visible ones to the client, others to the coach), once "
        "per overdue period; the coach's morning summary by client.",
    ),
    CronJob(
        "satisfaction-survey",
        "0 8 * * *",
        satisfaction_survey,
        "The morning after a Completed session: the client's one-question survey (signed link, once).",
    ),
]
