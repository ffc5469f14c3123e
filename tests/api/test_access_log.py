"""The access log of a real uvicorn process holds no secret value, whichever way a request carried it."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import requests

from api.logs import redact
from tests.events.harness import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
SECRET = "inbound-S3CRET-never-logged"
TOKEN = "survey-T0KEN-never-logged"


def test_redact__authorising_query_values_only() -> None:
    assert redact("POST /api/x?secret=abc&page=2 HTTP/1.1") == "POST /api/x?secret=[redacted]&page=2 HTTP/1.1"
    assert redact("/api/survey?TOKEN=a.b.c") == "/api/survey?TOKEN=[redacted]"
    assert redact("/api/health?name=token") == "/api/health?name=token"


def test_access_log__no_secret_value_in_any_line(tmp_path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "AIRTABLE_API_KEY": "patLogTest",
        "AIRTABLE_BASE_ID": "appLOGTEST000001",
        "AIRTABLE_ENDPOINT_URL": "http://127.0.0.1:9",
        "AIRTABLE_TIMEOUT_S": "1",
        "SENDGRID_INBOUND_SECRET": SECRET,
        "APP_SECRET": "app-secret-for-the-log-test-0123",
    }
    path = tmp_path / "uvicorn.log"
    with path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.index:app", "--port", str(port), "--log-level", "info"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(lambda: _up(url), timeout=30, what="uvicorn")
        basic = base64.b64encode(f"sendgrid:{SECRET}".encode()).decode()
        requests.post(
            f"{url}/api/webhooks/sendgrid-inbound", headers={"Authorization": f"Basic {basic}"}, timeout=10
        )
        requests.post(f"{url}/api/webhooks/sendgrid-inbound?secret={SECRET}", data=b"x", timeout=10)
        requests.get(f"{url}/api/survey?token={TOKEN}", timeout=10)
        requests.get(f"{url}/api/unsubscribe", params={"token": TOKEN}, timeout=10)
        wait_for(lambda: "/api/unsubscribe?token=" in path.read_text(), timeout=10, what="the last log line")
    finally:
        proc.terminate()
        proc.wait(10)
    text = path.read_text()
    assert "/api/webhooks/sendgrid-inbound?secret=[redacted]" in text  # the access log was written
    assert SECRET not in text and TOKEN not in text


def _up(url: str) -> bool:
    try:
        return requests.get(url + "/api/openapi.json", timeout=2).status_code == 200
    except requests.ConnectionError:
        return False
