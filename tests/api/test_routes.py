"""Routes: auth in constant time, errors mapped to 4xx with a reason, thin handlers calling one service."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import api.routes.airtable as airtable_route
import api.routes.cron as cron_route
import api.routes.triggers as trigger_route
from automation.errors import AirtableUnavailable, BadRequest, LeaseBusy, SignatureError, UnknownName
from tests.api.conftest import stripe_header

PING = json.dumps({"base": {"id": "appTESTBASE00001"}, "webhook": {"id": "achTEST000000001"}}).encode()


def test_airtable_webhook__processed_ping_answers_200_with_empty_body(client, monkeypatch):
    seen = []
    monkeypatch.setattr(airtable_route, "handle_ping", lambda body, mac: seen.append((body, mac)))
    r = client.post(
        "/api/webhooks/airtable", content=PING, headers={"X-Airtable-Content-MAC": "hmac-sha256=ab"}
    )
    assert r.status_code == 200 and r.content == b""
    assert seen == [(PING, "hmac-sha256=ab")]


@pytest.mark.parametrize(
    "exc,status",
    [
        (BadRequest("body is not JSON"), 400),
        (SignatureError("MAC mismatch"), 401),
        (LeaseBusy("busy"), 503),
        (AirtableUnavailable("down"), 503),
    ],
    ids=["malformed-400", "bad-mac-401", "busy-503", "airtable-down-503"],
)
def test_airtable_webhook__errors_map_to_status_with_reason(client, monkeypatch, exc, status):
    def boom(body, mac):
        raise exc

    monkeypatch.setattr(airtable_route, "handle_ping", boom)
    r = client.post("/api/webhooks/airtable", content=PING)
    assert r.status_code == status and r.json()["error"]


@pytest.mark.parametrize(
    "body", [b"", b"not json", b"[]", b'{"base": {}}', b'{"base":{"id":1},"webhook":{"id":"a"}}']
)
def test_airtable_webhook__malformed_body_is_400_before_any_airtable_call(client, body):
    r = client.post("/api/webhooks/airtable", content=body)
    assert r.status_code == 400


def test_airtable_webhook__ping_for_another_base_is_401(client):
    other = json.dumps({"base": {"id": "appOTHER00000001"}, "webhook": {"id": "achX"}}).encode()
    assert client.post("/api/webhooks/airtable", content=other).status_code == 401


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": "cron-secret-0123456789"},
        {"Authorization": "Basic x"},
    ],
    ids=["none", "wrong", "no-bearer", "basic"],
)
def test_cron__without_the_right_bearer_is_401_and_runs_nothing(client, monkeypatch, headers):
    ran = []
    monkeypatch.setattr(cron_route, "run_job", lambda job: ran.append(job) or {})
    assert client.get("/api/cron/catch-up", headers=headers).status_code == 401
    assert ran == []


def test_cron__right_bearer_runs_the_job(client, monkeypatch, env):
    monkeypatch.setattr(cron_route, "run_job", lambda job: {"job": job, "done": True})
    r = client.get("/api/cron/catch-up", headers={"Authorization": f"Bearer {env['CRON_SECRET']}"})
    assert r.status_code == 200 and r.json() == {"job": "catch-up", "done": True}


def test_cron__unknown_job_is_404(client, env):
    r = client.get("/api/cron/nope", headers={"Authorization": f"Bearer {env['CRON_SECRET']}"})
    assert r.status_code == 404 and "nope" in r.json()["error"]


def test_cron__unset_cron_secret_refuses_everyone(client, monkeypatch):
    from automation.config import get_config

    monkeypatch.delenv("CRON_SECRET")
    get_config.cache_clear()
    assert client.get("/api/cron/catch-up", headers={"Authorization": "Bearer "}).status_code == 401


def test_trigger__secret_checked_then_ids_parsed(client, monkeypatch, env):
    calls = []
    monkeypatch.setattr(
        trigger_route, "run_trigger", lambda name, ids: calls.append((name, ids)) or {"ok": 1}
    )
    url = "/api/triggers/lead-hygiene"
    assert client.post(url, json={"recordId": "recAAAAAAAAAAAAAA"}).status_code == 401
    bad = {"X-Trigger-Secret": "nope"}
    assert client.post(url, json={"recordId": "recAAAAAAAAAAAAAA"}, headers=bad).status_code == 401
    good = {"X-Trigger-Secret": env["TRIGGER_SECRET"]}
    assert client.post(url, json={"recordId": "recAAAAAAAAAAAAAA"}, headers=good).status_code == 200
    assert (
        client.post(
            url, json={"recordIds": ["recAAAAAAAAAAAAAA", "recBBBBBBBBBBBBBB"]}, headers=good
        ).status_code
        == 200
    )
    assert calls == [
        ("lead-hygiene", ["recAAAAAAAAAAAAAA"]),
        ("lead-hygiene", ["recAAAAAAAAAAAAAA", "recBBBBBBBBBBBBBB"]),
    ]


@pytest.mark.parametrize(
    "body",
    [b"x", b"[]", b"{}", b'{"recordIds": []}', b'{"recordId": "nope"}', b'{"recordIds": [1]}'],
    ids=["not-json", "list", "empty", "empty-list", "bad-id", "number"],
)
def test_trigger__malformed_body_is_400(client, env, body):
    r = client.post(
        "/api/triggers/lead-hygiene", content=body, headers={"X-Trigger-Secret": env["TRIGGER_SECRET"]}
    )
    assert r.status_code == 400 and r.json()["error"]


def test_trigger__unknown_automation_is_404(client, monkeypatch, env):
    def unknown(name, ids):
        raise UnknownName(f"no automation named {name!r}")

    monkeypatch.setattr(trigger_route, "run_trigger", unknown)
    r = client.post(
        "/api/triggers/x",
        json={"recordId": "recAAAAAAAAAAAAAA"},
        headers={"X-Trigger-Secret": env["TRIGGER_SECRET"]},
    )
    assert r.status_code == 404


def test_stripe__unknown_event_with_valid_signature_is_acknowledged(client, env):
    body = json.dumps({"id": "evt_1", "type": "customer.created", "data": {"object": {}}}).encode()
    r = client.post(
        "/api/webhooks/stripe",
        content=body,
        headers={"Stripe-Signature": stripe_header(body, env["STRIPE_WEBHOOK_SECRET"])},
    )
    assert r.status_code == 200 and r.json() == {"received": True, "handled": False}


@pytest.mark.parametrize("case", ["tampered", "wrong-secret", "stale", "missing", "non-ascii"])
def test_stripe__bad_signature_is_401(client, env, case):
    body = json.dumps({"id": "evt_1", "type": "invoice.paid"}).encode()
    secret = "whsec_other" if case == "wrong-secret" else env["STRIPE_WEBHOOK_SECRET"]
    header = stripe_header(body, secret, timestamp=1_000_000 if case == "stale" else None)
    if case == "non-ascii":  # a header byte past ASCII (HTTP allows Latin-1) is a forgery, not a crash
        header = header[:-1] + "\u00e9"
    sent = body + b" " if case == "tampered" else body
    headers = {} if case == "missing" else {"Stripe-Signature": header.encode("latin-1")}
    assert client.post("/api/webhooks/stripe", content=sent, headers=headers).status_code == 401


def test_stripe__dispatches_to_the_handler_for_its_type(client, env, monkeypatch):
    from automation.events import stripe_events
    from automation.events.catalog import Plan

    handled = []
    plan = Plan([], stripe_handlers={"invoice.paid": lambda ctx, event: handled.append(event["id"]) or {}})
    monkeypatch.setattr(stripe_events, "get_plan", lambda: plan)
    monkeypatch.setattr(
        stripe_events, "make_context", lambda *a: (_ for _ in ()).throw(AirtableUnavailable("down"))
    )
    body = json.dumps({"id": "evt_2", "type": "invoice.paid"}).encode()
    r = client.post(
        "/api/webhooks/stripe",
        content=body,
        headers={"Stripe-Signature": stripe_header(body, env["STRIPE_WEBHOOK_SECRET"])},
    )
    assert r.status_code == 503  # the handler's context needs Airtable: Stripe retries later


def test_health__names_integrations_never_values_and_reports_airtable_down(client, env):
    r = client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["ok"] is False and body["airtable"]["ok"] is False
    assert body["integrations"]["cron_secret"] is True and body["integrations"]["openai"] is False
    assert not any(v in r.text for k, v in env.items() if "SECRET" in k or "KEY" in k)


def test_health__a_key_of_spaces_is_no_key_and_a_pasted_newline_is_not_part_of_one(client, monkeypatch):
    """OPENAI_API_KEY=" " (a template filled in carelessly) left the AI on with a blank key: every lead's
    nurture email failed at OpenAI. A secret pasted with its newline is the secret."""
    from automation.config import get_config

    monkeypatch.setenv("OPENAI_API_KEY", "   ")
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_abc\n")
    get_config.cache_clear()
    assert client.get("/api/health").json()["integrations"]["openai"] is False
    config = get_config()
    assert config.openai_api_key is None and config.stripe_secret_key.get_secret_value() == "sk_test_abc"


def test_health__missing_configuration_is_named(client, monkeypatch):
    from automation.config import get_config

    monkeypatch.delenv("AIRTABLE_BASE_ID")
    get_config.cache_clear()
    body = client.get("/api/health").json()
    assert body["ok"] is False and "AIRTABLE_BASE_ID" in body["airtable"]["error"]


def test_index__import_loads_no_heavy_sdk_and_exposes_mangum_handler():
    code = (
        "import sys, api.index as m; "
        "print(sorted(x for x in ('openai','stripe','sendgrid','slack_sdk') if x in sys.modules)); "
        "print(type(m.handler).__name__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["[]", "Mangum"]


def test_index__serves_every_route_of_the_contract(env):
    from api.index import app

    paths = {(m.upper(), p) for p, ops in app.openapi()["paths"].items() for m in ops}
    assert {
        ("POST", "/api/webhooks/airtable"),
        ("POST", "/api/triggers/{automation}"),
        ("GET", "/api/cron/{job}"),
        ("POST", "/api/webhooks/stripe"),
        ("GET", "/api/health"),
        ("POST", "/api/webhooks/sendgrid"),
        ("GET", "/api/unsubscribe"),
        ("POST", "/api/unsubscribe"),
        ("POST", "/api/leads"),
        ("POST", "/api/webhooks/sendgrid-inbound"),
    } <= paths


def test_index__import_loads_no_handler_module_until_its_first_request():
    """Cold start: nothing the first request does not need. The handlers' modules (and pyairtable, the
    generated models, the settings) are imported by the request that uses them."""
    deferred = (
        "pyairtable",
        "automation.models",
        "automation.config",
        "automation.events.webhook",
        "automation.events.cron",
        "automation.events.triggers",
        "automation.leads",
        "automation.messages",
        "automation.schedule",
        "automation.reports",
    )
    code = f"import sys, api.index; print(sorted(x for x in {deferred!r} if x in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]"]
