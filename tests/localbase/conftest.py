"""Fixtures for the local Airtable server's tests: a server per test, pyairtable pointed at it, samples."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from scripts.localbase.testing import LocalBaseServer

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
TOKEN = "patLocalbaseTestToken.0001"

CLIENT_FIELDS: list[dict[str, Any]] = [
    {"name": "Name", "type": "singleLineText", "description": "Client name"},
    {"name": "Email", "type": "email"},
    {
        "name": "Status",
        "type": "singleSelect",
        "options": {"choices": [{"name": "Lead"}, {"name": "Active"}, {"name": "Done"}]},
    },
    {
        "name": "Tags",
        "type": "multipleSelects",
        "options": {"choices": [{"name": "vip"}, {"name": "referral"}]},
    },
    {"name": "Score", "type": "number", "options": {"precision": 0}},
    {"name": "Fee", "type": "currency", "options": {"precision": 2, "symbol": "$"}},
    {"name": "Rate", "type": "percent", "options": {"precision": 1}},
    {"name": "Stars", "type": "rating", "options": {"max": 5, "icon": "star", "color": "yellowBright"}},
    {"name": "Active", "type": "checkbox", "options": {"icon": "check", "color": "greenBright"}},
    {"name": "Start", "type": "date", "options": {"dateFormat": {"name": "iso"}}},
    {
        "name": "Meeting",
        "type": "dateTime",
        "options": {
            "timeZone": "Europe/Paris",
            "dateFormat": {"name": "iso"},
            "timeFormat": {"name": "24hour"},
        },
    },
    {"name": "Length", "type": "duration", "options": {"durationFormat": "h:mm"}},
    {"name": "Notes", "type": "multilineText"},
    {"name": "Site", "type": "url"},
    {"name": "Phone", "type": "phoneNumber"},
    {"name": "Files", "type": "multipleAttachments"},
]


@pytest.fixture
def srv() -> Iterator[LocalBaseServer]:
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as server:
        yield server


@pytest.fixture
def api(srv: LocalBaseServer) -> Any:
    return srv.api(TOKEN)


@pytest.fixture
def base_id(srv: LocalBaseServer) -> str:
    """A base with Clients (every simple field type) and Sessions linked to Clients (two-sided)."""
    base = srv.create_base(
        "Coaching",
        [
            {"name": "Clients", "fields": CLIENT_FIELDS},
            {
                "name": "Sessions",
                "fields": [
                    {"name": "Title", "type": "singleLineText"},
                    {"name": "Hours", "type": "number", "options": {"precision": 1}},
                ],
            },
        ],
    )
    clients = srv.lb.store.get_table(base, "Clients")
    srv.lb.store.create_field(
        base,
        "Sessions",
        {"name": "Client", "type": "multipleRecordLinks", "options": {"linkedTableId": clients.id}},
    )
    return base


@pytest.fixture
def clients(api: Any, base_id: str) -> Any:
    return api.table(base_id, "Clients")


@pytest.fixture
def sessions(api: Any, base_id: str) -> Any:
    return api.table(base_id, "Sessions")


@pytest.fixture
def http(srv: LocalBaseServer) -> Callable[..., requests.Response]:
    """Raw HTTP to the server with the test token: ``http("GET", "/v0/...", json=...)``."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {TOKEN}"

    def call(method: str, path: str, **kw: Any) -> requests.Response:
        return session.request(method, srv.url + path, timeout=(5, 30), **kw)

    yield call
    session.close()


def sample(name: str) -> Any:
    """A documented Airtable response from tests/sample_data."""
    return json.loads((SAMPLES / name).read_text())


def shape_errors(
    actual: Any, expected: Any, path: str = "$", optional: frozenset[str] = frozenset()
) -> list[str]:
    """Differences in keys, nesting and value types between a response and a documented sample.

    ``fields`` objects hold the user's own field names, so only their values' JSON types are checked.
    Keys in ``optional`` may be absent from the response (e.g. ``offset`` on a last page).
    """

    def kind(v: Any) -> str:
        if isinstance(v, bool):
            return "boolean"
        if isinstance(v, int | float):
            return "number"
        return {str: "string", list: "array", dict: "object", type(None): "null"}[type(v)]

    if kind(actual) != kind(expected):
        return [f"{path}: {kind(actual)} where the sample has {kind(expected)}"]
    if isinstance(expected, dict):
        if path.endswith(".fields"):
            return []
        errs = [f"{path}.{k}: missing" for k in expected if k not in actual and k not in optional]
        errs += [f"{path}.{k}: not in the sample" for k in actual if k not in expected]
        for k in expected:
            if k in actual:
                errs += shape_errors(actual[k], expected[k], f"{path}.{k}", optional)
        return errs
    if isinstance(expected, list) and expected:
        # Same length: item by item (a schema's fields differ per item); otherwise each against the first.
        models = expected if len(expected) == len(actual) else [expected[0]] * len(actual)
        return [
            e
            for i, (item, model) in enumerate(zip(actual, models, strict=True))
            for e in shape_errors(item, model, f"{path}[{i}]", optional)
        ]
    return []


def assert_matches_sample(actual: Any, name: str, optional: tuple[str, ...] = ()) -> None:
    errs = shape_errors(actual, sample(name), optional=frozenset(optional))
    assert not errs, f"response differs from tests/sample_data/{name}:\n" + "\n".join(errs)


def wait_for(check: Callable[[], Any], timeout: float = 5.0, interval: float = 0.02) -> Any:
    """Poll ``check`` until it returns something truthy, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s")
        time.sleep(interval)
