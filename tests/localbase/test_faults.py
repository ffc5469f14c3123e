"""Fault injection and the /_local/ admin endpoints: latency, 5xx, notification flags, clock, log, reset."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
import requests

from tests.localbase.conftest import sample


def _admin(srv: Any, method: str, path: str, **kw: Any) -> requests.Response:
    return requests.request(method, f"{srv.url}/_local/{path}", timeout=5, **kw)


def test_faults__admin_endpoint_reads_and_sets_every_setting(srv: Any) -> None:
    settings = {
        "latency_ms": 5,
        "error_rate": 0.25,
        "error_status": 503,
        "force_429": 1,
        "drop_notifications": True,
        "duplicate_notifications": 2,
        "rate_limit": 7,
        "penalty_s": 2.5,
    }
    resp = _admin(srv, "POST", "faults", json=settings)
    assert resp.status_code == 200 and resp.json() == settings
    assert _admin(srv, "GET", "faults").json() == settings
    assert (srv.lb.faults.drop_notifications, srv.lb.faults.duplicate_notifications) == (True, 2)


@pytest.mark.parametrize(
    "bad",
    [
        {"nope": 1},
        {"error_rate": 2},
        {"error_status": 404},
        {"latency_ms": -1},
        {"rate_limit": "5"},
        {"penalty_s": -1},
    ],
)
def test_faults__bad_settings_are_422(srv: Any, bad: dict[str, Any]) -> None:
    resp = _admin(srv, "POST", "faults", json=bad)
    assert resp.status_code == 422 and resp.json()["error"]["type"] == "INVALID_REQUEST_UNKNOWN"


def test_notification_flags__count_down_when_consumed(srv: Any) -> None:
    srv.set_faults(drop_notifications=2, duplicate_notifications=True)
    assert [srv.lb.faults.consume("drop_notifications") for _ in range(3)] == [True, True, False]
    assert all(srv.lb.faults.consume("duplicate_notifications") for _ in range(3))


@pytest.mark.parametrize(("status", "sample_name"), [(503, "error_retriable.json"), (500, None), (502, None)])
def test_error_rate__answers_5xx_bodies_without_running_the_request(
    srv: Any, http: Any, clients: Any, base_id: str, status: int, sample_name: str | None
) -> None:
    srv.set_faults(error_rate=1.0, error_status=status)
    resp = http("POST", f"/v0/{base_id}/Clients", json={"fields": {"Name": "x"}})
    assert resp.status_code == status
    if sample_name:
        assert resp.json() == sample(sample_name)
    else:
        assert set(resp.json()["error"]) == {"type", "message"}
    srv.set_faults(error_rate=0.0)
    assert clients.all() == []


def test_error_rate__a_share_of_requests_fail(srv: Any, http: Any, base_id: str) -> None:
    srv.set_faults(error_rate=0.5)
    codes = [http("GET", f"/v0/{base_id}/Clients").status_code for _ in range(200)]
    assert set(codes) == {200, 500} and 40 < codes.count(500) < 160


def test_error_rate__pyairtable_with_a_5xx_retry_strategy_gets_through(srv: Any, base_id: str) -> None:
    from pyairtable import retry_strategy

    srv.set_faults(error_rate=0.3, error_status=503)
    table = srv.api(
        retry_strategy=retry_strategy(status_forcelist=(429, 500, 502, 503), total=20, backoff_factor=0)
    ).table(base_id, "Clients")
    table.batch_create([{"Name": str(i)} for i in range(30)])
    srv.set_faults(error_rate=0.0)
    assert (
        len(table.all()) >= 30
    )  # a POST retried after its commit could duplicate; here faults precede the write
    assert len(table.all()) == 30


def test_latency__delays_api_requests_but_not_admin_ones(srv: Any, http: Any, base_id: str) -> None:
    srv.set_faults(latency_ms=150)
    start = time.monotonic()
    http("GET", f"/v0/{base_id}/Clients")
    assert time.monotonic() - start >= 0.15  # a lower bound: sleeping guarantees it
    assert srv.lb.faults.latency_ms == 150 and _admin(srv, "GET", "faults").status_code == 200


def test_clock__moves_forward_and_can_be_set_and_reset(srv: Any, clients: Any) -> None:
    before = _admin(srv, "GET", "clock").json()["now"]
    moved = _admin(srv, "POST", "clock", json={"advance_seconds": 86400 * 3}).json()["now"]
    assert moved[:10] > before[:10]
    assert (
        _admin(srv, "POST", "clock", json={"set": "2030-01-02T03:04:05Z"})
        .json()["now"]
        .startswith("2030-01-02T03:04")
    )
    assert clients.create({"Name": "x"})["createdTime"].startswith("2030-01-02T03:04")
    assert _admin(srv, "POST", "clock", json={"reset": True}).json()["now"][:4] < "2030"
    assert _admin(srv, "POST", "clock", json={"set": "soon"}).status_code == 422
    assert _admin(srv, "POST", "clock", json={}).status_code == 422


def test_request_log__records_method_path_status_base_and_user(
    srv: Any, http: Any, clients: Any, base_id: str
) -> None:
    user_id = clients.api.whoami()["id"]
    srv.clear_requests()
    clients.create({"Name": "x"})
    http("GET", f"/v0/{base_id}/Nope")
    log = _admin(srv, "GET", "requests").json()["requests"]
    assert [(r["method"], r["path"], r["status"], r["base_id"]) for r in log] == [
        ("POST", f"/v0/{base_id}/Clients", 200, base_id),
        ("GET", f"/v0/{base_id}/Nope", 403, base_id),
    ]
    assert all(r["user_id"] == user_id for r in log)
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", log[0]["time"])
    assert _admin(srv, "DELETE", "requests").json() == {"cleared": 2}
    assert srv.requests() == []


def test_request_log__includes_unauthenticated_and_unknown_routes(srv: Any) -> None:
    requests.get(f"{srv.url}/v0/meta/whoami", timeout=5)
    requests.get(f"{srv.url}/v0/what/is/this/path", headers={"Authorization": "Bearer patX"}, timeout=5)
    assert [(r["status"], r["user_id"]) for r in srv.requests()] == [
        (401, None),
        (404, srv.lb.user_for("patX").id),
    ]


def test_reset__forgets_bases_and_restores_start_up_settings(srv: Any, api: Any, base_id: str) -> None:
    srv.set_faults(latency_ms=1, error_rate=0.0, force_429=0)
    srv.advance_clock(1e6)
    assert _admin(srv, "POST", "reset").json() == {"ok": True}
    assert srv.lb.faults.latency_ms == 0 and srv.requests() == []
    assert api.bases(force=True) == []
    assert _admin(srv, "GET", "clock").json()["now"][:4] < "2030"


def test_create_base__through_the_admin_endpoint(srv: Any, api: Any) -> None:
    resp = _admin(
        srv,
        "POST",
        "bases",
        json={
            "name": "Demo",
            "tables": [{"name": "Leads", "fields": [{"name": "Name", "type": "singleLineText"}]}],
        },
    )
    base_id = resp.json()["id"]
    assert api.table(base_id, "Leads").create({"Name": "x"})["fields"] == {"Name": "x"}


def test_request_log__counts_since_a_mark_after_it_is_full() -> None:
    """A session-long server logs more than the log keeps: its length stops growing, so slicing at an
    earlier length counted nothing (CI: an associates test saw 0 PATCHes for 2 written records). Counting
    since a mark still gives the requests made after it, and says so when the log no longer holds them."""
    from scripts.localbase.server import RequestLog

    log = RequestLog(size=4)
    for i in range(6):
        log.add({"i": i})
    before = len(log.entries())
    mark = log.mark()
    log.add({"i": 6})
    log.add({"i": 7})
    assert len(log.entries()) == before == 4  # full: the old way saw no new request
    assert [e["i"] for e in log.since(mark)] == [6, 7]
    assert log.mark() == 8 and log.since(log.mark()) == []
    with pytest.raises(LookupError, match="holds 4 of the 8"):
        log.since(0)  # some were dropped: an error, not a short count
    log.clear()
    with pytest.raises(LookupError):
        log.since(mark)  # cleared since the mark


def test_request_log__requests_since_a_mark_over_http(srv: Any, http: Any) -> None:
    mark = srv.mark()
    http("GET", "/v0/meta/bases")
    assert [r["path"] for r in srv.requests(since=mark)] == ["/v0/meta/bases"]
