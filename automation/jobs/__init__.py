"""Built-in cron jobs (always present): catch-up, refresh-webhooks, prune-runs."""

from __future__ import annotations

from automation.jobs.catch_up import JOB as CATCH_UP
from automation.jobs.prune_runs import JOB as PRUNE_RUNS
from automation.jobs.refresh_webhooks import JOB as REFRESH_WEBHOOKS

CRON_JOBS = [CATCH_UP, REFRESH_WEBHOOKS, PRUNE_RUNS]
