"""The two leads routes at the HTTP edge: clear 4xx answers before any Airtable call."""

from __future__ import annotations

import base64

import pytest

from tests.leads.conftest import APP_ENV

GOOD = {"name": "Jane Doe", "email": "jane@acme.example"}


@pytest.mark.parametrize(
    ("kwargs", "status", "error"),
    [
        (dict(json={"name": "Jane", "email": "nope"}), 400, "email: not a valid email address"),
        (dict(json=["x"]), 400, "send a JSON object with name and email"),
        (
            dict(content=b"{not json", headers={"content-type": "application/json"}),
            400,
            "body is not valid JSON",
        ),
        (
            dict(content=b"x", headers={"content-type": "text/plain"}),
            400,
            "send application/json or application/x-www-form-urlencoded",
        ),
        (dict(json={**GOOD, "message": "x" * 30_000}), 413, "the body is larger than 20000 bytes"),
        (
            dict(data={"name": "Jane", "email": "jane@", "website": ""}),
            400,
            "email: not a valid email address",
        ),
    ],
    ids=[
        "bad_email",
        "not_an_object",
        "broken_json",
        "wrong_content_type",
        "too_large",
        "urlencoded_bad_email",
    ],
)
def test_post_lead__bad_input_gets_a_clear_400(app_client, kwargs: dict, status: int, error: str) -> None:
    r = app_client.post("/api/leads", **kwargs)
    assert r.status_code == status
    assert r.json()["error"] == error


def test_post_lead__a_bot_is_answered_as_usual_and_nothing_is_kept(app_client) -> None:
    r = app_client.post("/api/leads", json={**GOOD, "website": "http://spam.example"})
    assert (r.status_code, r.json()) == (202, {"status": "received"})  # Airtable (unreachable) was not called


def test_post_lead__sixth_form_from_one_address_in_ten_minutes_is_429(app_client) -> None:
    bot = {**GOOD, "website": "x"}  # honeypot: counted by the limiter, no Airtable needed
    codes = [
        app_client.post("/api/leads", json=bot, headers={"x-real-ip": "9.9.9.9"}).status_code
        for _ in range(6)
    ]
    assert codes == [202] * 5 + [429]
    r = app_client.post("/api/leads", json=bot, headers={"x-real-ip": "9.9.9.9"})
    assert r.headers["retry-after"] == "600" and "too many submissions" in r.json()["error"]
    assert app_client.post("/api/leads", json=bot, headers={"x-real-ip": "8.8.8.8"}).status_code == 202


def test_post_lead__cors_preflight(app_client) -> None:
    r = app_client.options("/api/leads")
    assert r.status_code == 204 and r.headers["access-control-allow-origin"] == "*"


def test_inbound__wrong_or_missing_secret_is_401(app_client) -> None:
    assert app_client.post("/api/webhooks/sendgrid-inbound?secret=nope", content=b"").status_code == 401
    assert app_client.post("/api/webhooks/sendgrid-inbound", content=b"").status_code == 401


def test_inbound__secret_as_basic_auth_password_is_accepted(app_client) -> None:
    token = base64.b64encode(f"sendgrid:{APP_ENV['SENDGRID_INBOUND_SECRET']}".encode()).decode()
    r = app_client.post(
        "/api/webhooks/sendgrid-inbound",
        content=b"{}",
        headers={"authorization": f"Basic {token}", "content-type": "application/json"},
    )
    assert r.status_code == 400 and "multipart/form-data" in r.json()["error"]  # verified, then parsed


def test_inbound__without_a_configured_secret_is_503(app_client, monkeypatch) -> None:
    from automation.config import get_config

    monkeypatch.delenv("SENDGRID_INBOUND_SECRET")
    get_config.cache_clear()
    r = app_client.post("/api/webhooks/sendgrid-inbound?secret=x", content=b"")
    assert r.status_code == 503 and "SENDGRID_INBOUND_SECRET" in r.json()["error"]
