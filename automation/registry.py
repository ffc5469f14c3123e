"""Automations and cron jobs: what each declares, and the catalog of modules that provide them."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Record


@dataclass
class Update:
    """Fields (by key) an automation wants to set on one record; the runner writes only what changed."""

    record: Record
    fields: dict[str, Any]


@dataclass(frozen=True)
class Automation:
    """Runs on records of one table when they are created or one of its trigger fields changes."""

    name: str
    table: str  # table key, e.g. "leads"
    triggers: frozenset[str]  # field keys it reads; a change to one of them runs it
    writes: frozenset[str]  # field keys on `table` it owns (nobody else writes them)
    handler: Callable[[JobContext, list[Record]], list[Update]]
    on_create: bool = True
    description: str = ""
    # Optional: given the values the webhook payload carries for the records it will run on (record id ->
    # field key -> value), a (formula, covered) pair: records matching the formula are read in the same
    # request as those records, and found in ctx.visit_reads[PREFETCHED, name] as (covered, records).
    prefetch: Callable[[JobContext, dict[str, dict[str, Any]]], tuple[Any, Any] | None] | None = None
    # False: the webhook does not watch its triggers (so writes to them cost no payload list); an Airtable
    # Automation calls POST /api/triggers/{name} instead (README, the manual setup checklist). Runs of the
    # event path still cascade to it in process, and a trigger call runs it with its dependents.
    webhook: bool = True
    # Optional: called with the ids of records of `table` the webhook payloads say were deleted (Airtable
    # gives only their ids: there is nothing left to read). It does its own writes; rare by nature.
    on_destroy: Callable[[JobContext, list[str]], None] | None = None


PREFETCHED = "prefetched"


@dataclass(frozen=True)
class CronJob:
    """A scheduled job (Vercel Cron GET /api/cron/{name}); bounded by ctx.time_left() and resumable."""

    name: str
    schedule: str  # 5-field cron, UTC; at most daily so it is valid on Vercel's Hobby plan
    handler: Callable[[JobContext], dict[str, Any] | None]
    description: str = ""
    budget_s: float | None = None  # None: Config.cron_budget_s


# Modules that define AUTOMATIONS and/or CRON_JOBS lists. Add one line per capability module.
CATALOG: tuple[str, ...] = (
    "automation.leads.hygiene",  # lead-hygiene: trim Name, normalise and validate Email
    "automation.leads.readdress",  # lead-readdress: a corrected Email readdresses the waiting drafts
    "automation.leads.duplicates",  # lead-duplicates: Duplicate Of → the earlier lead with the same email
    "automation.leads.automations",  # lead-engagement, lead-status, lead-scoring, lead-nurture
    "automation.leads.deals",  # deal-pipeline
    "automation.leads.daily",  # cron: leads-daily
    "automation.messages.automations",  # deliver-approved-messages; cron: send-due
    "automation.health.automations",  # client-health, health-on-session/-action-item/-invoice
    "automation.health.daily",  # cron: health-daily
    "automation.schedule.automations",  # session-conflicts, client-next-session, session-completion,
    # session-cancelled-invitation, session-cancelled-at, survey-rated; crons: session-reminders,
    # overdue-action-items, satisfaction-survey
    "automation.associates.automations",  # associate-onboarding, -departure, -matching, -assignment
    "automation.associates.daily",  # associate-place-freed; cron: associates-daily
    "automation.sessions.automations",  # draft-session-notes, model-usage; cron: notes-catch-up
    "automation.billing.automations",  # bill-client; cron: billing-daily; Stripe invoice events
    "automation.reports.automations",  # new-lead-notice; crons: daily-brief, weekly-report
)


@dataclass
class Catalog:
    automations: list[Automation] = field(default_factory=list)
    cron_jobs: dict[str, CronJob] = field(default_factory=dict)


def load_catalog(modules: tuple[str, ...] = CATALOG) -> Catalog:
    """Import the capability modules and collect what they declare."""
    catalog = Catalog()
    for name in modules:
        module = importlib.import_module(name)
        catalog.automations.extend(getattr(module, "AUTOMATIONS", []))
        for job in getattr(module, "CRON_JOBS", []):
            if job.name in catalog.cron_jobs:
                raise ValueError(f"cron job {job.name!r} declared twice")
            catalog.cron_jobs[job.name] = job
    return catalog
