"""Integration harness: the local Airtable server in process, the app as real uvicorn processes.

A `World` is one base set up by scripts.setup_base, app processes (each its own Python process: nothing can
be shared in memory), the webhook registered to the first app, and a "person" (another token, so another
user) who edits records like the coach would.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from automation import registry
from automation.config import get_config
from automation.events.catalog import get_plan
from automation.events.context import clear_caches, get_gateway, make_context
from automation.events.registration import register
from automation.events.secretbox import decrypt
from automation.events.signing import airtable_mac
from automation.events.state import StateStore
from automation.events.webhook import forget_secrets
from scripts.airtable_automations import build_locally
from scripts.localbase.testing import LocalBaseServer

ROOT = Path(__file__).resolve().parents[2]
APP_TOKEN = "patEventsAppToken.0001"
PERSON_TOKEN = "patEventsPersonToken.0002"
CATALOG = ("automation.leads.hygiene", "tests.events.automations_for_tests")
SECRETS = {
    "APP_SECRET": "events-app-secret-0123456789",
    "CRON_SECRET": "events-cron-secret-0123456789",
    "TRIGGER_SECRET": "events-trigger-secret-0123456789",
}


def wait_for(check: Callable[[], Any], timeout: float = 15.0, what: str = "condition") -> Any:
    """Poll until `check()` is truthy; its value is returned. Fails with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """os.environ with these values (and the process caches that read it cleared), restored after."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    _clear()
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        _clear()


def _clear() -> None:
    get_config.cache_clear()
    clear_caches()
    get_plan.cache_clear()
    forget_secrets()


class AppProcess:
    """`uvicorn api.index:app` in its own process, with the given environment and catalog."""

    def __init__(self, env: dict[str, str], catalog: tuple[str, ...] = CATALOG) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "tests.events.app_process", str(self.port), ",".join(catalog)]
        self.log = tempfile.NamedTemporaryFile("w+", prefix="events-app-", suffix=".log")  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stderr=self.log, text=True)
        try:
            wait_for(self._up, timeout=20, what=f"the app on port {self.port}")
        except BaseException:
            self.stop()  # no object to stop later: an open log file would fail a later test when collected
            raise

    def logs(self) -> str:
        """What the app wrote to stderr (tracebacks of recorded failures)."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def _up(self) -> bool:
        if self.proc.poll() is not None:
            raise RuntimeError(f"app exited: {self.logs()}")
        try:
            return requests.get(self.url + "/api/health", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    def ping(self, body: bytes, mac: str | None) -> requests.Response:
        headers = {"Content-Type": "application/json"}
        if mac is not None:
            headers["X-Airtable-Content-MAC"] = mac
        return requests.post(self.url + "/api/webhooks/airtable", data=body, headers=headers, timeout=60)

    def cron(self, job: str, secret: str | None = SECRETS["CRON_SECRET"]) -> requests.Response:
        headers = {"Authorization": f"Bearer {secret}"} if secret is not None else {}
        return requests.get(f"{self.url}/api/cron/{job}", headers=headers, timeout=300)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


class World:
    """One base with the product's schema, a registered webhook, apps and a person editing records."""

    def __init__(
        self,
        srv: LocalBaseServer,
        *,
        apps: int = 1,
        extra_env: dict[str, str] | None = None,
        catalog: tuple[str, ...] = CATALOG,
        settings: dict[str, str] | None = None,
    ):
        """`settings`: Settings rows ("section.name" -> value) written before the apps first read them."""
        self.srv = srv
        self.catalog = catalog
        self.base_id = srv.create_base("Events test")
        self.env = {
            "AIRTABLE_API_KEY": APP_TOKEN,
            "AIRTABLE_BASE_ID": self.base_id,
            "AIRTABLE_ENDPOINT_URL": srv.url,
            "AIRTABLE_RATE_PER_S": "0",
            **SECRETS,
            "WEBHOOK_IDS_FRESH_S": "0",  # tests re-register webhooks from this process
            **(extra_env or {}),
        }
        self.person = srv.api(PERSON_TOKEN)
        self.app_user = srv.api(APP_TOKEN).whoami()["id"]
        with self.in_env():
            from scripts.setup_base import main as setup_base

            assert setup_base(["--yes"]) == 0
        self.set_settings(settings or {})
        self.apps = [AppProcess(self.env, catalog) for _ in range(apps)]
        self.webhook_id = self.register(self.apps[0].url)
        self.build_airtable_automations(self.apps[0].url)

    def build_airtable_automations(self, app_url: str) -> None:
        """The Airtable Automations of the manual setup checklist (schema/views.py), as the coach builds
        them, on the local server: those whose automation is in this world's catalog."""
        with self.in_env():
            names = {a.name for a in get_plan().automations}
        build_locally(self.srv.url, self.base_id, app_url, self.env["TRIGGER_SECRET"], names)

    @contextmanager
    def in_env(self, catalog: tuple[str, ...] | None = None) -> Iterator[None]:
        saved = registry.CATALOG
        registry.CATALOG = catalog or self.catalog
        try:
            with environment(self.env):
                yield
        finally:
            registry.CATALOG = saved
            _clear()

    def register(self, app_url: str, catalog: tuple[str, ...] | None = None) -> str:
        """Run the registration (as scripts.register_webhooks does) and return the one webhook's id."""
        self.actions = self.register_actions(app_url, catalog)
        with self.in_env(catalog):
            (webhook_id,) = StateStore(get_gateway()).load_all()
        return webhook_id

    def register_actions(self, app_url: str, catalog: tuple[str, ...] | None = None) -> list[str]:
        with self.in_env(catalog):
            ctx = make_context("Manual", "register-webhooks", 60)
            try:
                return register(ctx, app_url + "/api/webhooks/airtable")
            finally:
                ctx.run.close()

    def set_settings(self, values: dict[str, str]) -> None:
        """Write Settings rows as the coach would (apps cache settings for a minute)."""
        table = self.table("Settings")
        existing = {r["fields"].get("Key"): r["id"] for r in table.all()}
        for key, value in values.items():
            if key in existing:
                table.update(existing[key], {"Value": value})
            else:
                table.create({"Key": key, "Value": value})

    def state(self):
        """The webhook's state as System State holds it now (read by the test, not through the app)."""
        with self.in_env():
            return StateStore(get_gateway()).load(self.webhook_id)

    def signed_ping(self) -> tuple[bytes, str]:
        """A notification as Airtable sends it, signed with the webhook's real MAC secret."""
        secret = decrypt(self.state().data["secret"], SECRETS["APP_SECRET"])
        body = json.dumps(
            {
                "base": {"id": self.base_id},
                "webhook": {"id": self.webhook_id},
                "timestamp": "2026-11-20T10:00:00.000Z",
            }
        ).encode()
        return body, airtable_mac(body, secret)

    def table(self, name: str):
        return self.person.table(self.base_id, name)

    def app_requests(self, method: str | None = None, path_part: str = "") -> list[dict[str, Any]]:
        """Requests the app's token made (optionally one method, path containing `path_part`)."""
        return [
            r
            for r in self.srv.requests()
            if r.get("user_id") == self.app_user
            and (method is None or r["method"] == method)
            and path_part in r["path"]
        ]

    def table_id(self, name: str) -> str:
        return self.person.base(self.base_id).table(name).id

    def settled(self, quiet_s: float = 2.5, timeout: float = 60) -> None:
        """Wait until no ping or Airtable Automation is owed or running and the app has made no request
        for `quiet_s` (longer than a claim's settle, during which a run is silent)."""
        deadline = time.monotonic() + timeout
        last, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            mine = self.app_requests()
            n = mine[-1] if mine else None  # the newest, not a count: the log keeps the last 20,000 only
            busy = not (self.srv.lb.webhooks.idle() and self.srv.lb.automations.idle())
            if n is not last or busy:
                last, since = n, time.monotonic()
            elif time.monotonic() - since >= quiet_s:
                return
            time.sleep(0.05)
        raise AssertionError(f"the app was still busy after {timeout} s")

    def quiet(self) -> None:
        """Stop automatic pings, let in-flight work finish, forget the request log: for exact counts."""
        self.srv.set_faults(drop_notifications=True)
        body, mac = self.signed_ping()
        assert self.apps[0].ping(body, mac).status_code == 200
        self.srv.clear_requests()

    def close(self) -> None:
        for app in self.apps:
            app.stop()


def b64(secret: bytes) -> str:
    return base64.b64encode(secret).decode()


@contextmanager
def served(outbox: Path, catalog: tuple[str, ...], **settings: str) -> Iterator[World]:
    """A world for the end-to-end tests of one capability: the local server unlimited with fast pings, the
    app with `catalog` sending to `outbox`, claims settling in 0.3 s; `settings` (keys with dots passed as
    a dict: `served(o, c, **{"schedule.reminder_days_ahead": "2"})`) on top."""
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        world = World(
            srv,
            catalog=catalog,
            extra_env={"OUTBOX_DIR": str(outbox), "PUBLIC_BASE_URL": "http://app.test"},
            settings={"messages.claim_settle_s": "0.3", **settings},
        )
        world.outbox_dir = outbox
        try:
            yield world
        finally:
            world.close()


@contextmanager
def production_paced(outbox: Path, catalog: tuple[str, ...]) -> Iterator[World]:
    """A world whose app paces its Airtable calls as production does (AIRTABLE_RATE_PER_S's default) and
    settles claims as production does, sends to `outbox`, and notices the coach of each new lead; the local
    server unlimited, with a short penalty and fast pings (for exact call counts, not timings)."""
    from automation.config import Config

    with LocalBaseServer(rate_limit=0, penalty_s=2.0, timing_scale=0.01) as srv:
        rate = str(Config.model_fields["airtable_rate_per_s"].default)
        world = World(
            srv,
            catalog=catalog,
            extra_env={"OUTBOX_DIR": str(outbox), "AIRTABLE_RATE_PER_S": rate},
            settings={"reports.new_lead_notice": "each"},
        )
        try:
            yield world
        finally:
            world.close()
