"""The loaded catalog: automations in dependency order, cron jobs (ours + capabilities'), Stripe handlers.

Loaded once per warm process. `registry.CATALOG` is read at call time (not bound as a default argument)
so a test can add its own automation modules and call `get_plan.cache_clear()`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from automation import registry
from automation.errors import UnknownName
from automation.events.ordering import dependents, order_automations
from automation.registry import Automation, CronJob

BUILTIN_JOB_MODULES = ("automation.jobs",)

StripeHandler = Callable[..., Any]  # (ctx: JobContext, event: dict) -> dict | None


@dataclass
class Plan:
    automations: list[Automation]  # dependency order
    cron_jobs: dict[str, CronJob] = field(default_factory=dict)
    stripe_handlers: dict[str, StripeHandler] = field(default_factory=dict)

    def for_table(self, table_key: str) -> list[Automation]:
        return [a for a in self.automations if a.table == table_key]

    def automation(self, name: str) -> Automation:
        for a in self.automations:
            if a.name == name:
                return a
        raise UnknownName(f"no automation named {name!r}")

    def job(self, name: str) -> CronJob:
        try:
            return self.cron_jobs[name]
        except KeyError:
            raise UnknownName(f"no cron job named {name!r}") from None

    def chain(self, name: str) -> list[Automation]:
        """The named automation and its dependents, in run order (what a trigger call runs)."""
        return dependents(self.automations, self.automation(name))

    def trigger_fields(self) -> dict[str, set[str]]:
        """Field keys per table that some automation the webhook serves reads: what the webhook watches
        (automations with `webhook=False` are called by an Airtable Automation instead)."""
        out: dict[str, set[str]] = {}
        for a in self.automations:
            if a.webhook:
                out.setdefault(a.table, set()).update(a.triggers)
        return out


def build_plan(modules: tuple[str, ...]) -> Plan:
    """Import the modules, order their automations (refusing cycles), collect jobs and Stripe handlers."""
    catalog = registry.load_catalog(modules)
    plan = Plan(order_automations(catalog.automations))
    for name in BUILTIN_JOB_MODULES:
        for job in importlib.import_module(name).CRON_JOBS:
            plan.cron_jobs[job.name] = job
    for name, job in catalog.cron_jobs.items():
        if name in plan.cron_jobs:
            raise ValueError(f"cron job {name!r} is already a built-in job")
        plan.cron_jobs[name] = job
    for name in modules:
        for event_type, handler in getattr(importlib.import_module(name), "STRIPE_HANDLERS", {}).items():
            if event_type in plan.stripe_handlers:
                raise ValueError(f"Stripe event {event_type!r} handled twice")
            plan.stripe_handlers[event_type] = handler
    return plan


@lru_cache(maxsize=1)
def get_plan() -> Plan:
    """The process-wide plan from `registry.CATALOG`."""
    return build_plan(tuple(registry.CATALOG))
