"""The choke point: spacing, retry within the budget, never a blind retry of a create, clear errors."""

from __future__ import annotations

import socket

import pytest

from automation.airtable.gateway import Gateway
from automation.airtable.transport import RetryPolicy
from automation.config import Config
from automation.errors import AirtableRejected, AirtableUnavailable
from automation.run_context import run_scope
from tests.gateway.scripted_http import Answer, ScriptedServer
from tests.support import FAST_RETRY as FAST

RATE_429 = {"error": {"type": "RATE_LIMIT_REACHED", "message": "Rate limit exceeded. Please try again later"}}
BOOM = {"error": {"type": "SERVER_ERROR", "message": "boom"}}


def _gateway(url: str, policy: RetryPolicy = FAST, base: str = "appTRANSPORT00001") -> Gateway:
    config = Config(
        _env_file=None, airtable_api_key="patTEST", airtable_base_id=base, airtable_endpoint_url=url,
        airtable_rate_per_s=0, airtable_timeout_s=2,
    )  # fmt: skip
    return Gateway(config, policy=policy)


@pytest.fixture
def srv():
    with ScriptedServer() as s:
        yield s


def test_request__429_is_retried_and_counted(srv) -> None:
    srv.script(Answer(429, RATE_429), Answer(200, {"ok": 1}))
    with run_scope("t", "Manual") as run:
        assert _gateway(srv.url).request("GET", "/v0/bases/{base}/webhooks") == {"ok": 1}
    assert run.api_calls == 2
    assert [p for _, p, _ in srv.log] == ["/v0/bases/appTRANSPORT00001/webhooks"] * 2


def test_request__retry_after_header_is_honoured_within_budget(srv) -> None:
    srv.script(Answer(429, RATE_429, {"Retry-After": "5"}))
    with run_scope("t", "Manual", budget_s=2), pytest.raises(AirtableUnavailable) as err:
        _gateway(srv.url).request("GET", "/v0/bases/{base}/webhooks")
    assert err.value.status == 429 and err.value.error_type == "RATE_LIMIT_REACHED"
    assert len(srv.log) == 1, "a wait past the deadline is not started"


def test_request__5xx_on_a_read_is_retried(srv) -> None:
    srv.script(Answer(503, BOOM), Answer(502, BOOM), Answer(200, {"ok": 1}))
    assert _gateway(srv.url).request("GET", "/v0/x") == {"ok": 1}
    assert len(srv.log) == 3


def test_request__5xx_on_a_create_is_not_retried(srv) -> None:
    srv.script(Answer(500, BOOM), Answer(200, {"records": []}))
    with pytest.raises(AirtableUnavailable, match="500"):
        _gateway(srv.url).request("POST", "/v0/{base}/tblX", json={"records": [{"fields": {}}]})
    assert len(srv.log) == 1


def test_request__5xx_on_an_upsert_is_not_retried_but_429_is(srv) -> None:
    body = {"performUpsert": {"fieldsToMergeOn": ["fldX"]}, "records": []}
    srv.script(Answer(429, RATE_429), Answer(500, BOOM))
    with pytest.raises(AirtableUnavailable):
        _gateway(srv.url).request("PATCH", "/v0/{base}/tblX", json=body)
    assert len(srv.log) == 2


def test_request__gives_up_after_max_attempts(srv) -> None:
    srv.script(*[Answer(429, RATE_429)] * 10)
    with pytest.raises(AirtableUnavailable):
        _gateway(srv.url).request("GET", "/v0/x")
    assert len(srv.log) == FAST.max_attempts


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (401, {"error": {"type": "AUTHENTICATION_REQUIRED", "message": "x"}}, "rejected the token"),
        (403, {"error": {"type": "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND", "message": "m"}}, "scopes"),
        (422, {"error": {"type": "INVALID_VALUE_FOR_COLUMN", "message": 'Field "X" cannot'}}, 'Field "X"'),
        (404, {"error": "NOT_FOUND"}, "404 NOT_FOUND"),
    ],
    ids=["401", "403", "422", "404-string-error"],
)
def test_request__4xx_is_a_one_line_rejection(srv, status, body, expected) -> None:
    srv.script(Answer(status, body))
    with pytest.raises(AirtableRejected) as err:
        _gateway(srv.url).request("GET", "/v0/x")
    assert expected in str(err.value) and "\n" not in str(err.value)
    assert err.value.status == status
    assert len(srv.log) == 1


def test_request__unreachable_endpoint_is_a_one_line_error() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket is closed
    with run_scope("t", "Manual") as run, pytest.raises(AirtableUnavailable) as err:
        _gateway(f"http://127.0.0.1:{port}").request("POST", "/v0/{base}/tblX", json={"records": []})
    assert str(err.value).startswith(f"cannot reach Airtable at http://127.0.0.1:{port}")
    assert "\n" not in str(err.value)
    assert run.api_calls == FAST.max_connect_attempts, "nothing was sent, so even a create is retried"


def test_request__a_base_blocked_past_the_budget_fails_at_once(srv) -> None:
    gw = _gateway(srv.url, base="appBLOCKED0000001")
    gw.api.bucket.block_for(30)  # another thread of this process just got a 429 on this base
    with run_scope("t", "Manual", budget_s=2) as run, pytest.raises(AirtableUnavailable, match="budget"):
        gw.request("GET", "/v0/x")
    assert run.api_calls == 0 and srv.log == []


def test_request__a_429_without_retry_after_waits_the_penalty_or_gives_up_at_once(srv) -> None:
    """Airtable locks the base 30 s after a 429: retrying sooner only meets more 429s (never hammer)."""
    srv.script(Answer(429, RATE_429), Answer(200, {"ok": 1}))
    slow = RetryPolicy(first_delay=0.01, penalty_s=5, margin_s=0.0)
    with run_scope("t", "Manual", budget_s=2), pytest.raises(AirtableUnavailable):
        _gateway(srv.url, slow, base="appPENALTY0000001").request("GET", "/v0/x")
    assert len(srv.log) == 1
    quick = RetryPolicy(first_delay=5, penalty_s=0.2, margin_s=0.0)  # waits the penalty, not the backoff
    with run_scope("t", "Manual", budget_s=2):
        assert _gateway(srv.url, quick, base="appPENALTY0000002").request("GET", "/v0/x") == {"ok": 1}
    assert len(srv.log) == 2
