"""App-level fixtures: environment for the app, a TestClient, and a signer for Stripe events."""

from __future__ import annotations

import hashlib
import hmac
import time

import pytest
from fastapi.testclient import TestClient

from automation.config import get_config
from automation.events.catalog import get_plan
from automation.events.context import clear_caches

ENV = {
    "AIRTABLE_API_KEY": "patTEST",
    "AIRTABLE_BASE_ID": "appTESTBASE00001",
    "AIRTABLE_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing listens: Airtable "does not answer"
    "AIRTABLE_TIMEOUT_S": "1",
    "CRON_SECRET": "cron-secret-0123456789",
    "TRIGGER_SECRET": "trigger-secret-0123456789",
    "APP_SECRET": "app-secret-0123456789",
    "STRIPE_WEBHOOK_SECRET": "whsec_test_0123456789",
}


@pytest.fixture
def env(monkeypatch):
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    get_config.cache_clear()
    clear_caches()
    get_plan.cache_clear()
    yield ENV
    get_config.cache_clear()
    clear_caches()
    get_plan.cache_clear()


@pytest.fixture
def client(env):
    from api.index import app

    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def stripe_header(body: bytes, secret: str, timestamp: int | None = None) -> str:
    """Stripe's v1 scheme, written independently of the SDK: t=<ts>,v1=HMAC_SHA256(secret, "<ts>.<body>")."""
    ts = int(time.time()) if timestamp is None else timestamp
    sig = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={ts},v1={sig}"
