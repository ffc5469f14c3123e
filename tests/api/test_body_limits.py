"""Every JSON route bounds size and nesting before parsing: hostile bodies get a 4xx with a reason, never
a 500, and no Airtable call is made for them (the app's Airtable endpoint does not answer here: reaching it
would be a 503)."""

from __future__ import annotations

import time

import pytest

from automation.jsonbody import LIMITS, depth
from tests.api.conftest import stripe_header
from tests.messages.sendgrid_signing import SendGridSigner

SIGNER = SendGridSigner()
# About ten kilobytes each, under every route's size limit, so the depth bound is what refuses them.
NESTED = {
    "lists": b"[" * 4500 + b"]" * 4500,
    "objects": b'{"a":' * 1500 + b"1" + b"}" * 1500,
    "unclosed": b"[" * 9000,
}


def _headers(route: str, body: bytes) -> dict[str, str]:
    """What each route needs to get as far as parsing: valid signatures or secrets where it has them."""
    headers = {"Content-Type": "application/json"}
    if route == "/api/webhooks/stripe":
        headers["Stripe-Signature"] = stripe_header(body, "whsec_test_0123456789")
    if route == "/api/webhooks/sendgrid":
        headers.update(SIGNER.headers(body, int(time.time())))
    if route.startswith("/api/triggers/"):
        headers["X-Trigger-Secret"] = "trigger-secret-0123456789"
    return headers


ROUTES = {
    "/api/leads": "lead-form",
    "/api/webhooks/airtable": "airtable-ping",
    "/api/triggers/lead-scoring": "trigger",
    "/api/webhooks/sendgrid": "sendgrid-events",
    "/api/webhooks/stripe": "stripe",
}


@pytest.fixture
def signed_client(client, monkeypatch):
    from automation.config import get_config

    monkeypatch.setenv("SENDGRID_WEBHOOK_PUBLIC_KEY", SIGNER.public_key)
    get_config.cache_clear()
    return client


@pytest.mark.parametrize("shape", sorted(NESTED))
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_json_route__nine_kilobytes_of_nesting_is_400_with_a_reason(signed_client, route, shape):
    body = NESTED[shape]
    r = signed_client.post(route, content=body, headers=_headers(route, body))
    assert r.status_code == 400, r.text
    assert "nests deeper" in r.json()["error"]


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_json_route__a_body_over_its_limit_is_413_before_reading_it_all(signed_client, route):
    limit = LIMITS[ROUTES[route]].max_bytes
    body = b'{"pad": "' + b"x" * limit + b'"}'
    r = signed_client.post(route, content=body, headers=_headers(route, body))
    assert r.status_code == 413, r.text
    assert str(limit) in r.json()["error"]


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_json_route__a_streamed_body_without_length_is_cut_off_at_the_limit(signed_client, route):
    limit = LIMITS[ROUTES[route]].max_bytes

    def chunks():
        for _ in range(limit // 1000 + 2):
            yield b"[" * 1000

    headers = {"Content-Type": "application/json", "X-Trigger-Secret": "trigger-secret-0123456789"}
    r = signed_client.post(route, content=chunks(), headers=headers)
    assert r.status_code == 413, r.text


def test_form_route__an_oversized_urlencoded_form_is_413(signed_client):
    body = b"name=a&email=a%40b.example&message=" + b"x" * LIMITS["lead-form"].max_bytes
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    assert signed_client.post("/api/leads", content=body, headers=headers).status_code == 413


@pytest.mark.parametrize(
    "text,expected",
    [
        (b"{}", 1),
        (b'[[1], {"a": [2]}]', 3),
        (b'["[[[[", "{{{"]', 1),  # brackets inside strings do not count
        (b'["a\\"[[[["]', 1),  # nor after an escaped quote
        (b"1", 0),
        (b"[" * 50, 50),
    ],
)
def test_depth__counts_bracket_nesting_outside_strings(text, expected):
    assert depth(text, stop_at=100) == expected


def test_depth__stops_counting_past_the_bound():
    assert depth(b"[" * 100_000, stop_at=10) == 11
