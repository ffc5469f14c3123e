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
        (
            dict(json={"name": "Wanjiru", "email": " Wanjiru.N@GMAIL.CON "}),
            400,
            "email: wanjiru.n@gmail.con cannot receive email: did you mean wanjiru.n@gmail.com?",
        ),
    ],
    ids=[
        "bad_email",
        "not_an_object",
        "broken_json",
        "wrong_content_type",
        "too_large",
        "urlencoded_bad_email",
        "mistyped_domain",
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


@pytest.mark.parametrize("source", ["aws", "connection"])
def test_post_lead__where_no_proxy_vouches_for_headers_rotating_them_does_not_pass_the_limiter(
    app_client, monkeypatch, source
) -> None:
    from automation.config import get_config

    monkeypatch.setenv("CLIENT_IP_SOURCE", source)
    get_config.cache_clear()
    bot = {**GOOD, "website": "x"}
    codes = [
        app_client.post(
            "/api/leads", json=bot, headers={"x-real-ip": f"9.9.9.{n}", "x-forwarded-for": f"7.7.7.{n}"}
        ).status_code
        for n in range(6)
    ]
    assert codes == [202] * 5 + [429]  # one client (the connection), however its headers change


def test_client_address__each_platform_reads_the_address_it_vouches_for() -> None:
    from starlette.requests import Request

    from api.routes.leads import client_address

    def request(headers: dict[str, str], event: dict | None = None) -> Request:
        scope = {"type": "http", "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
                 "client": ("10.0.0.9", 443)}  # fmt: skip
        if event is not None:
            scope["aws.event"] = event
        return Request(scope)

    spoofed = {"x-real-ip": "1.1.1.1", "x-forwarded-for": "2.2.2.2, 3.3.3.3"}
    assert client_address(request(spoofed), "vercel") == "1.1.1.1"  # Vercel overwrote them
    assert client_address(request({"x-forwarded-for": "2.2.2.2, 3.3.3.3"}), "vercel") == "2.2.2.2"
    http_api = {"requestContext": {"http": {"sourceIp": "4.4.4.4"}}}
    rest_api = {"requestContext": {"identity": {"sourceIp": "5.5.5.5"}}}
    assert client_address(request(spoofed, http_api), "aws") == "4.4.4.4"
    assert client_address(request(spoofed, rest_api), "aws") == "5.5.5.5"
    assert client_address(request(spoofed), "connection") == "10.0.0.9"


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
