"""The webhook manager without the HTTP server: pings to a real receiver, retries, faults, cursors, expiry.

Commits are fed straight into `WebhookManager.on_commit`; the receiver is a real HTTP server on port 0.
Asynchronous effects are awaited by polling with a deadline, never by timing them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from pyairtable.models.webhook import WebhookNotification

from scripts.localbase.clock import Clock
from scripts.localbase.faults import Faults
from scripts.localbase.model import RecordChange, Transaction
from scripts.localbase.webhooks_manager import WebhookError, WebhookManager
from scripts.localbase.webhooks_spec import BaseShape

BASE = "appAAAAAAAAAAAAAA"
TBL = "tblAAAAAAAAAAAAAA"
F_NAME, F_SCORE = "fldName0000000000", "fldScore000000000"
SHAPE = BaseShape(tables={TBL: {F_NAME, F_SCORE}})
USER = {"id": "usrAAAAAAAAAAAAAA", "email": "coach@example.com", "permissionLevel": "create", "name": "Coach"}
DAY = 24 * 3600


def wait_for(predicate: Callable[[], Any], timeout: float = 5.0, what: str = "condition") -> Any:
    """Poll until `predicate()` is truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.01)


@dataclass
class Ping:
    path: str
    headers: dict[str, str]
    body: bytes


class Receiver:
    """A notification URL: records every POST and answers `status` (or the next of `statuses`)."""

    def __init__(self, status: int = 204) -> None:
        self.status = status
        self.pings: list[Ping] = []
        self.hold = threading.Event()  # cleared: requests wait until it is set again
        self.hold.set()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver._lock:
                    receiver.pings.append(
                        Ping(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                receiver.hold.wait(timeout=10)
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/ping"
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    def __enter__(self) -> Receiver:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.hold.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def count(self) -> int:
        with self._lock:
            return len(self.pings)


def tx(*records: RecordChange, when: str = "2024-05-02T09:30:00.000Z") -> Transaction:
    return Transaction(BASE, when, "publicApi", USER, list(records))


def change(n: int, field: str = F_NAME) -> Transaction:
    rec = f"rec{n:014d}"
    return tx(
        RecordChange(TBL, rec, "changed", "2024-05-01T00:00:00.000Z", {field: f"v{n}"}, {field: f"w{n}"})
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def faults() -> Faults:
    return Faults()


@pytest.fixture
def make_manager(clock: Clock, faults: Faults) -> Iterator[Callable[..., WebhookManager]]:
    made: list[WebhookManager] = []

    def make(timing_scale: float = 0.01) -> WebhookManager:
        manager = WebhookManager(clock, faults, timing_scale)
        made.append(manager)
        return manager

    yield make
    for manager in made:
        manager.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


def add_hook(manager: WebhookManager, url: str | None, **filters: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "specification": {"options": {"filters": {"dataTypes": ["tableData"], **filters}}}
    }
    if url is not None:
        body["notificationUrl"] = url
    return manager.create(BASE, body, SHAPE)


def hook_info(manager: WebhookManager, hook_id: str) -> dict[str, Any]:
    return next(h for h in manager.list(BASE) if h["id"] == hook_id)


# ---- pings ----


def test_ping__signed_and_accepted_by_pyairtable(make_manager, receiver):
    manager = make_manager()
    created = add_hook(manager, receiver.url)
    manager.on_commit(change(1))
    wait_for(lambda: receiver.count() == 1, what="the ping")
    ping = receiver.pings[0]
    note = WebhookNotification.from_request(
        ping.body.decode(), ping.headers["x-airtable-content-mac"], created["macSecretBase64"]
    )
    assert (note.base.id, note.webhook.id) == (BASE, created["id"])
    assert ping.headers["content-type"] == "application/json"
    wait_for(lambda: hook_info(manager, created["id"])["lastNotificationResult"], what="the result")
    info = hook_info(manager, created["id"])
    assert info["lastNotificationResult"]["success"] is True
    assert info["lastNotificationResult"]["retryNumber"] == 0
    assert info["lastSuccessfulNotificationTime"] == info["lastNotificationResult"]["completionTimestamp"]


def test_ping__changes_during_a_ping_coalesce_into_one_more(make_manager, receiver):
    manager = make_manager()
    add_hook(manager, receiver.url)
    receiver.hold.clear()
    manager.on_commit(change(1))
    wait_for(lambda: receiver.count() == 1, what="the first ping")
    for n in range(2, 6):
        manager.on_commit(change(n))
    receiver.hold.set()
    wait_for(manager.idle, what="delivery to settle")
    assert receiver.count() == 2


def test_ping__none_without_a_url_or_with_notifications_disabled(make_manager, receiver):
    manager = make_manager()
    silent = add_hook(manager, None)
    off = add_hook(manager, receiver.url)
    manager.enable_notifications(BASE, off["id"], False)
    manager.on_commit(change(1))
    wait_for(manager.idle, what="delivery to settle")
    assert receiver.count() == 0
    for hook in (silent, off):
        assert len(manager.list_payloads(BASE, hook["id"], 1, 50)["payloads"]) == 1


def test_ping__dropped_by_fault_then_the_next_change_pings(make_manager, receiver, faults):
    manager = make_manager()
    hook = add_hook(manager, receiver.url)
    faults.update(drop_notifications=1)
    manager.on_commit(change(1))
    wait_for(manager.idle, what="the dropped ping")
    assert receiver.count() == 0
    manager.on_commit(change(2))
    wait_for(lambda: receiver.count() == 1, what="the next ping")
    assert [
        p["baseTransactionNumber"] for p in manager.list_payloads(BASE, hook["id"], 1, 50)["payloads"]
    ] == [1, 2]


def test_ping__duplicated_by_fault(make_manager, receiver, faults):
    manager = make_manager()
    add_hook(manager, receiver.url)
    faults.update(duplicate_notifications=1)
    manager.on_commit(change(1))
    wait_for(lambda: receiver.count() == 2, what="two pings")
    wait_for(manager.idle, what="delivery to settle")
    assert receiver.pings[0].body == receiver.pings[1].body and receiver.count() == 2


@pytest.mark.parametrize("reachable", [True, False], ids=["answers-500", "refuses-connections"])
def test_ping__keeps_failing_then_notifications_are_disabled(make_manager, reachable):
    manager = make_manager(timing_scale=1e-6)  # 13 retries from 10 s doubling: ~23 h, here ~0.1 s
    with Receiver(status=500) as failing:
        url = failing.url
        if not reachable:
            failing.__exit__()  # the port is closed now: connections are refused
        hook = add_hook(manager, url)
        manager.on_commit(change(1))
        wait_for(lambda: not hook_info(manager, hook["id"])["areNotificationsEnabled"], what="disabling")
        if reachable:
            assert failing.count() == 14  # the first try and 13 retries
    result = hook_info(manager, hook["id"])["lastNotificationResult"]
    assert result["success"] is False and result["retryNumber"] == 13 and result["willBeRetried"] is False
    assert ("500 status code" in result["error"]["message"]) is reachable
    manager.on_commit(change(2))  # payloads keep coming while pings are off
    assert manager.list_payloads(BASE, hook["id"], 1, 50)["cursor"] == 3


def test_ping__a_failure_is_retried_and_recorded(make_manager):
    manager = make_manager(timing_scale=1e-6)
    with Receiver(status=503) as flaky:
        hook = add_hook(manager, flaky.url)
        manager.on_commit(change(1))
        wait_for(lambda: flaky.count() >= 1, what="the first try")
        flaky.status = 200
        wait_for(
            lambda: (hook_info(manager, hook["id"])["lastNotificationResult"] or {}).get("success"), what="ok"
        )
    result = hook_info(manager, hook["id"])["lastNotificationResult"]
    assert result["retryNumber"] >= 1


def test_enable_notifications__after_disabling_pings_resume(make_manager, receiver):
    manager = make_manager()
    hook = add_hook(manager, receiver.url)
    manager.enable_notifications(BASE, hook["id"], False)
    manager.on_commit(change(1))
    manager.enable_notifications(BASE, hook["id"], True)
    assert hook_info(manager, hook["id"])["areNotificationsEnabled"] is True
    manager.on_commit(change(2))
    wait_for(lambda: receiver.count() == 1, what="the ping")


# ---- payloads and cursors ----


def test_list_payloads__cursor_paging_and_limit(make_manager):
    manager = make_manager()
    hook = add_hook(manager, None)
    for n in range(1, 61):
        manager.on_commit(change(n))
    first = manager.list_payloads(BASE, hook["id"], 1, 50)
    assert (len(first["payloads"]), first["cursor"], first["mightHaveMore"]) == (50, 51, True)
    second = manager.list_payloads(BASE, hook["id"], first["cursor"], 50)
    assert (len(second["payloads"]), second["cursor"], second["mightHaveMore"]) == (10, 61, False)
    assert second["payloads"][0]["baseTransactionNumber"] == 51
    empty = manager.list_payloads(BASE, hook["id"], 61, 50)
    assert empty == {"cursor": 61, "mightHaveMore": False, "payloads": []}
    small = manager.list_payloads(BASE, hook["id"], 5, 2)
    assert (small["cursor"], small["mightHaveMore"]) == (7, True)
    assert hook_info(manager, hook["id"])["cursorForNextPayload"] == 61


def test_list_payloads__cursor_counts_per_hook_transactions_per_base(make_manager):
    manager = make_manager()
    watch_score = add_hook(manager, None, watchDataInFieldIds=[F_SCORE])
    manager.on_commit(change(1, F_NAME))
    manager.on_commit(change(2, F_SCORE))
    page = manager.list_payloads(BASE, watch_score["id"], 1, 50)
    assert page["cursor"] == 2
    assert [p["baseTransactionNumber"] for p in page["payloads"]] == [2]


def test_create__at_most_ten_hooks_per_base(make_manager):
    manager = make_manager()
    ids = [add_hook(manager, None)["id"] for _ in range(10)]
    with pytest.raises(WebhookError) as err:
        add_hook(manager, None)
    assert err.value.kind == "too_many"
    manager.delete(BASE, ids[0])
    add_hook(manager, None)


# ---- expiry ----


def test_expiry__stops_payloads_and_reports_the_hook_disabled(make_manager, clock):
    manager = make_manager()
    hook = add_hook(manager, None)
    manager.on_commit(change(1))
    clock.advance(7 * DAY + 1)
    manager.on_commit(change(2))
    info = hook_info(manager, hook["id"])
    assert info["isHookEnabled"] is False and info["cursorForNextPayload"] == 2
    page = manager.list_payloads(BASE, hook["id"], 1, 50)
    assert [p["baseTransactionNumber"] for p in page["payloads"]] == [1]  # still readable for 7 more days
    assert hook_info(manager, hook["id"])["isHookEnabled"] is False  # listing does not revive it
    with pytest.raises(WebhookError) as err:
        manager.refresh(BASE, hook["id"])
    assert err.value.kind == "expired"
    clock.advance(7 * DAY)
    assert manager.list(BASE) == []
    with pytest.raises(WebhookError):
        manager.list_payloads(BASE, hook["id"], 1, 50)


def test_expiry__refresh_and_list_payloads_extend_it(make_manager, clock):
    manager = make_manager()
    hook = add_hook(manager, None)
    clock.advance(6 * DAY)
    refreshed = manager.refresh(BASE, hook["id"])
    assert refreshed["expirationTime"] > hook["expirationTime"]
    clock.advance(6 * DAY)
    manager.list_payloads(BASE, hook["id"], 1, 50)
    clock.advance(6 * DAY)
    manager.on_commit(change(1))
    assert hook_info(manager, hook["id"])["isHookEnabled"] is True
    assert len(manager.list_payloads(BASE, hook["id"], 1, 50)["payloads"]) == 1


def test_retention__payloads_older_than_a_week_are_gone_but_cursors_go_on(make_manager, clock):
    manager = make_manager()
    hook = add_hook(manager, None)
    manager.on_commit(change(1))
    clock.advance(4 * DAY)
    manager.refresh(BASE, hook["id"])
    manager.on_commit(change(2))
    clock.advance(4 * DAY)
    page = manager.list_payloads(BASE, hook["id"], 1, 50)
    assert [p["baseTransactionNumber"] for p in page["payloads"]] == [2] and page["cursor"] == 3


def test_enable_notifications__enabling_an_enabled_hook_keeps_the_owed_ping(make_manager, receiver):
    manager = make_manager()
    hook = add_hook(manager, receiver.url)
    receiver.hold.clear()
    manager.on_commit(change(1))
    wait_for(lambda: receiver.count() == 1, what="the first ping")
    manager.on_commit(change(2))  # owed while the first is in flight
    manager.enable_notifications(BASE, hook["id"], True)
    receiver.hold.set()
    wait_for(lambda: receiver.count() == 2, what="the owed ping")
