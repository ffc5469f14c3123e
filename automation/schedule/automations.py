"""What the schedule capability registers: the automations on sessions and action items, and its crons."""

from __future__ import annotations

from automation.registry import CronJob
from automation.schedule.reminder_job import session_reminders

AUTOMATIONS: list = []

CRON_JOBS = [
    CronJob(
        "session-reminders",
        "0 6 * * *",
        session_reminders,
        "Reminders with calendar invitations for tomorrow's sessions; updates for moved ones, "
        "cancellations for cancelled ones.",
    ),
]
