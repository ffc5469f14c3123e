"""Constants shared by the integration tests."""

from __future__ import annotations

from automation.airtable.transport import RetryPolicy

# Retries as in production, with waits of milliseconds: the local server answers at once.
FAST_RETRY = RetryPolicy(first_delay=0.01, max_delay=0.05, penalty_s=0.01, margin_s=0.0)
