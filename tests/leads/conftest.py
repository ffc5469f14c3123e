"""Shared fixtures of the leads tests: a job context without Airtable (for rules that need none), the app
with a test environment, a fresh base on the local server (test_*_http.py) and the app under uvicorn
end to end (test_e2e_*.py)."""

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
    from fastapi.testclient import TestClient

    from automation.config import get_config
    from automation.events.catalog import get_plan
    from automation.events.context import clear_caches
    from automation.leads.capture import LIMITER

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


# ---- over HTTP against the local server (test_*_http.py) ----


@pytest.fixture
def world(server, tmp_path, monkeypatch):
    """A fresh base on the module's server, the leads catalog loaded, job contexts over HTTP."""
    from automation.events.catalog import get_plan
    from tests.leads.http_world import make_world, use_leads_catalog

    use_leads_catalog(monkeypatch)
    yield make_world(server, tmp_path)
    get_plan.cache_clear()


# ---- end to end: the app under uvicorn, real signed webhook notifications (test_e2e_*.py) ----


@pytest.fixture(scope="module")
def e2e_world(tmp_path_factory):
    """One LeadsWorld per test module: its own local server (fast webhook timing), app and webhook."""
    from scripts.localbase.testing import LocalBaseServer
    from tests.leads.e2e_world import LeadsWorld

    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        w = LeadsWorld(srv, tmp_path_factory.mktemp("outbox"))
        yield w
        w.close()
