"""Shared helpers for the leads tests: a job context without Airtable (for rules that need none)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from automation.config import Config
from automation.context import JobContext
from automation.run_context import run_scope
from automation.settings import BusinessSettings
from tests.leads.factories import NOW


def offline_ctx(budget_s: float = 20.0, **config: Any) -> JobContext:
    """A JobContext whose gateway must not be used (None); config overrides by keyword."""
    cfg = Config(_env_file=None, airtable_api_key="patTEST", airtable_base_id="appTEST", **config)  # type: ignore[call-arg]
    run = run_scope("test", "Manual", budget_s=budget_s)
    return JobContext(
        gateway=None,
        config=cfg,
        settings=BusinessSettings(),
        now=NOW,
        run=run,  # type: ignore[arg-type]
        deadline=time.monotonic() + budget_s,
    )


@pytest.fixture
def ctx():
    c = offline_ctx()
    yield c
    c.run.close()
