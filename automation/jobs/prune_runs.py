"""prune-runs: keep Automation Runs within the retention in Settings (failures kept longer)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pyairtable import formulas as F

from automation.context import JobContext
from automation.models import Run
from automation.registry import CronJob

BATCH = 10  # Airtable deletes at most 10 records per request
PER_RUN = 1000  # bounded read; the next run continues


def prune_runs(ctx: JobContext) -> dict[str, Any]:
    """Delete successful runs older than run_retention_days and the others after failed_run_retention_days."""
    gw, general = ctx.gateway, ctx.settings.general
    started, outcome = gw.ref(Run, "started"), gw.ref(Run, "outcome")
    ok_before = ctx.now - timedelta(days=general.run_retention_days)
    failed_before = ctx.now - timedelta(days=general.failed_run_retention_days)
    formula = F.OR(
        F.AND(outcome.eq("Success"), F.IS_BEFORE(started, ok_before)),
        F.AND(outcome.ne("Success"), F.IS_BEFORE(started, failed_before)),
    )
    old = [r.id for r in gw.all(Run, formula=formula, fields=["started"], max_records=PER_RUN)]
    deleted = 0
    for start in range(0, len(old), BATCH):
        if ctx.time_left() <= 0:
            break
        gw.delete(Run, old[start : start + BATCH])
        deleted += len(old[start : start + BATCH])
    return {"deleted": deleted, "more": deleted < len(old) or len(old) == PER_RUN}


JOB = CronJob("prune-runs", "30 4 * * *", prune_runs, "Delete old Automation Runs records.")
