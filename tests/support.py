"""Constants shared by the integration tests."""

from __future__ import annotations

from automation.airtable.transport import RetryPolicy

# Retries as in production, with waits of milliseconds: the local server answers at once.
FAST_RETRY = RetryPolicy(first_delay=0.01, max_delay=0.05, penalty_s=0.01, margin_s=0.0)

# The API sweep's tally (tests/sweep), printed in the test run's summary.
SWEEP: dict = {"requests": 0, "5xx": 0, "routes": set(), "covered": set()}
