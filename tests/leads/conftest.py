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


APP_ENV = {
    "AIRTABLE_API_KEY": "patTEST",
    "AIRTABLE_BASE_ID": "appTESTBASE00001",
    "AIRTABLE_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing listens: a test that reaches Airtable fails fast
    "AIRTABLE_TIMEOUT_S": "1",
    "SENDGRID_INBOUND_SECRET": "inbound-secret-0123456789",
}


@pytest.fixture
def app_client(monkeypatch):
    """The FastAPI app with a test environment; the capture rate limiter starts empty."""
    import warnings

    from automation.config import get_config
    from automation.events.catalog import get_plan
    from automation.events.context import clear_caches
    from automation.leads.capture import LIMITER

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx.*starlette.testclient.*")
        from fastapi.testclient import TestClient
    for k, v in APP_ENV.items():
        monkeypatch.setenv(k, v)
    get_config.cache_clear()
    clear_caches()
    get_plan.cache_clear()
    LIMITER._hits.clear()
    from api.index import app

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
    get_config.cache_clear()
    clear_caches()
    get_plan.cache_clear()
    LIMITER._hits.clear()
