"""The per-base rate limit: the (N+1)th request within one second to a base gets Airtable's 429."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from scripts.localbase.faults import RateLimiter
from scripts.localbase.testing import LocalBaseServer
from tests.localbase.conftest import TOKEN, sample


@pytest.fixture
def limited() -> Iterator[LocalBaseServer]:
    with LocalBaseServer(rate_limit=5) as srv:
        yield srv


def _burst(srv: LocalBaseServer, path: str, n: int) -> list[requests.Response]:
    """n requests sent back to back on one connection; retried (rarely) until they fit in one second."""
    with requests.Session() as s:
        s.headers["Authorization"] = f"Bearer {TOKEN}"
        for _ in range(5):
            time.sleep(1.05)  # an empty window for this burst
            start = time.monotonic()
            answers = [s.get(srv.url + path, timeout=5) for _ in range(n)]
            if time.monotonic() - start < 0.9:  # the premise "within one second" held
                return answers
    raise AssertionError("could not send the burst within one second")


def test_six_requests_in_one_second__the_sixth_gets_429(limited: LocalBaseServer) -> None:
    base = limited.create_base("A", [{"name": "T", "fields": [{"name": "Name", "type": "singleLineText"}]}])
    answers = _burst(limited, f"/v0/{base}/T", 6)
    assert [a.status_code for a in answers] == [200] * 5 + [429]
    assert answers[5].json() == sample("error_rate_limit.json")


def test_rate_limit__is_per_base_and_spares_admin_endpoints(limited: LocalBaseServer) -> None:
    a = limited.create_base("A", [{"name": "T", "fields": [{"name": "Name", "type": "singleLineText"}]}])
    b = limited.create_base("B", [{"name": "T", "fields": [{"name": "Name", "type": "singleLineText"}]}])
    answers = _burst(limited, f"/v0/{a}/T", 6)
    assert answers[5].status_code == 429
    with requests.Session() as s:
        s.headers["Authorization"] = f"Bearer {TOKEN}"
        assert s.get(f"{limited.url}/v0/{b}/T", timeout=5).status_code == 200  # another base is not limited
        assert all(s.get(f"{limited.url}/_local/requests", timeout=5).status_code == 200 for _ in range(20))
        assert all(s.get(f"{limited.url}/v0/meta/whoami", timeout=5).status_code == 200 for _ in range(8))


def test_rate_limit__pyairtable_retries_through_it(limited: LocalBaseServer) -> None:
    limited.set_faults(penalty_s=0)  # pyairtable's own retry (~3 s) cannot wait out a 30 s penalty
    base = limited.create_base("A", [{"name": "T", "fields": [{"name": "Name", "type": "singleLineText"}]}])
    table = limited.api(TOKEN).table(base, "T")
    table.batch_create([{"Name": str(i)} for i in range(100)])  # 10 requests: some hit 429 and are retried
    assert len(table.all()) == 100
    statuses = [r["status"] for r in limited.requests()]
    assert 429 in statuses and statuses.count(200) == 11


def test_rate_limit__can_be_changed_and_switched_off_at_runtime(limited: LocalBaseServer) -> None:
    base = limited.create_base("A", [{"name": "T", "fields": [{"name": "Name", "type": "singleLineText"}]}])
    requests.post(f"{limited.url}/_local/faults", json={"rate_limit": 0}, timeout=5).raise_for_status()
    answers = _burst(limited, f"/v0/{base}/T", 12)
    assert {a.status_code for a in answers} == {200}
    requests.post(f"{limited.url}/_local/faults", json={"rate_limit": 2}, timeout=5).raise_for_status()
    assert [a.status_code for a in _burst(limited, f"/v0/{base}/T", 3)] == [200, 200, 429]


def test_penalty__after_a_429_the_base_answers_429_for_the_window_then_200(limited: LocalBaseServer) -> None:
    limited.set_faults(penalty_s=1.5)
    a = limited.create_base("A", [{"name": "T", "fields": [{"name": "Name", "type": "singleLineText"}]}])
    b = limited.create_base("B", [{"name": "T", "fields": [{"name": "Name", "type": "singleLineText"}]}])
    assert [r.status_code for r in _burst(limited, f"/v0/{a}/T", 6)] == [200] * 5 + [429]
    tripped = time.monotonic()
    with requests.Session() as s:
        s.headers["Authorization"] = f"Bearer {TOKEN}"
        during = []
        while time.monotonic() - tripped < 1.2:  # spaced well under the limit: only the penalty refuses
            during.append(s.get(f"{limited.url}/v0/{a}/T", timeout=5).status_code)
            time.sleep(0.3)
        assert s.get(f"{limited.url}/v0/{b}/T", timeout=5).status_code == 200  # per base
        time.sleep(max(0.0, tripped + 1.6 - time.monotonic()))
        after = s.get(f"{limited.url}/v0/{a}/T", timeout=5).status_code
    assert len(during) >= 3 and set(during) == {429}
    assert after == 200


def test_rate_limiter__penalty_with_a_fake_clock() -> None:
    now = [100.0]
    limiter = RateLimiter(now=lambda: now[0])
    assert [limiter.allow("app1", 2, 30) for _ in range(3)] == [True, True, False]
    now[0] += 29.9
    assert not limiter.allow("app1", 2, 30)  # refused for the whole penalty, however slowly it is asked
    assert limiter.allow("app2", 2, 30)
    now[0] += 0.1
    assert limiter.allow("app1", 2, 30)  # the refusals during the penalty did not extend it


def test_rate_limiter__sliding_window_with_a_fake_clock() -> None:
    now = [100.0]
    limiter = RateLimiter(now=lambda: now[0])
    assert [limiter.allow("app1", 2) for _ in range(3)] == [True, True, False]
    assert limiter.allow("app2", 2)  # per key
    now[0] += 0.5
    assert not limiter.allow("app1", 2)  # refused requests did not extend the window
    now[0] += 0.5
    assert limiter.allow("app1", 2) and limiter.allow("app1", 2) and not limiter.allow("app1", 2)
    assert all(limiter.allow("app1", 0) for _ in range(100))  # 0 = off


def test_forced_429__answers_the_next_requests_then_stops(srv: Any, http: Any, base_id: str) -> None:
    srv.set_faults(force_429=2)
    codes = [http("GET", f"/v0/{base_id}/Clients").status_code for _ in range(3)]
    assert codes == [429, 429, 200]
    assert srv.lb.faults.force_429 == 0
