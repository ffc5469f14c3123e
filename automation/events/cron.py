"""Running one cron job by name: bounded by its budget, logged to Automation Runs, safe to repeat."""

from __future__ import annotations

from typing import Any

from automation.events.catalog import get_plan
from automation.events.context import make_context
from automation.events.runs import record_run
from automation.events.settings_env import config


def run_job(name: str) -> dict[str, Any]:
    """The job's summary; UnknownName (404) for a job nobody declared."""
    job = get_plan().job(name)
    ctx = make_context("Cron", name, job.budget_s or config().cron_budget_s)
    try:
        summary = dict(job.handler(ctx) or {})
        force = bool(summary.pop("record_run", False))  # a job may ask to be logged though it wrote nothing
        record_run(ctx, details=summary, force=force)
        return {"job": name, **summary}
    except Exception as exc:
        record_run(ctx, error=exc)
        raise
    finally:
        ctx.run.close()
