"""Integration fixtures: the local Airtable server (a fresh base per test), SendGrid and Slack fakes, and a
JobContext wired to them exactly as production wires the real services (only URLs and keys differ)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from automation.config import Config
from automation.context import JobContext
from automation.run_context import run_scope
from automation.settings import settings_from_mapping
from tests.messages.fakes import SendGridFake, SlackFake

APP_SECRET = "messages-test-app-secret-0123456789"
SETTLE_S = "0.3"  # the claim's settle time; the local server answers in milliseconds


WIPED = ("Messages", "Leads", "Clients", "Automation Runs", "Settings")


@pytest.fixture(scope="session")
def _built_base(server: Any) -> str:
    from tests.gateway.base_builder import build_base

    bid = server.create_base("Messages test")
    build_base(server.url, bid)  # a few seconds: built once, emptied before each test
    return bid


@pytest.fixture
def base_id(server: Any, _built_base: str) -> str:
    base = server.api().base(_built_base)
    for name in WIPED:
        table = base.table(name)
        ids = [r["id"] for r in table.all(fields=[])]
        if ids:
            table.batch_delete(ids)
    server.clear_requests()
    return _built_base


@pytest.fixture
def sendgrid() -> Iterator[SendGridFake]:
    with SendGridFake() as fake:
        yield fake


@pytest.fixture
def slack() -> Iterator[SlackFake]:
    with SlackFake() as fake:
        yield fake


@dataclass
class World:
    """One test's base and fakes; `ctx()` opens a run like the events layer does."""

    server: Any
    base_id: str
    sendgrid: SendGridFake
    slack: SlackFake
    outbox: Path
    keys: bool = True
    settings: dict[str, str] = field(default_factory=dict)
    runs: list[Any] = field(default_factory=list)

    def config(self, **overrides: Any) -> Config:
        from tests.gateway.base_builder import TOKEN

        values: dict[str, Any] = dict(
            airtable_api_key=TOKEN,
            airtable_base_id=self.base_id,
            airtable_endpoint_url=self.server.url,
            airtable_rate_per_s=0,
            airtable_timeout_s=5,
            app_secret=APP_SECRET,
            public_base_url="https://coach.example",
            outbox_dir=str(self.outbox),
        )
        if self.keys:
            values.update(
                sendgrid_api_key="SG.test",
                sendgrid_from="Sarah Cave <sarah@coach.example>",
                sendgrid_host=self.sendgrid.url,
                slack_bot_token="xoxb-test",
                slack_base_url=self.slack.url + "/api/",
                slack_channel="#coaching-ops",
            )
        values.update(overrides)
        return Config(_env_file=None, **values)  # type: ignore[call-arg]

    def ctx(
        self,
        mode: str = "Live",
        now: datetime | None = None,
        budget_s: float = 30,
        track: bool = True,
        **config: Any,
    ) -> JobContext:
        """A context with its own run (track=False: the caller closes it, e.g. in another thread)."""
        from automation.airtable.gateway import Gateway
        from tests.support import FAST_RETRY

        cfg = self.config(**config)
        settings = settings_from_mapping(
            {"messages.claim_settle_s": SETTLE_S, "general.automation_mode": mode, **self.settings}
        )
        run = run_scope("messages-test", "Manual", mode, budget_s=budget_s)  # type: ignore[arg-type]
        if track:
            self.runs.append(run)
        gw = Gateway(cfg, policy=FAST_RETRY)
        return JobContext(gw, cfg, settings, now or datetime.now(UTC), run, run.deadline)

    def coach(self) -> Any:
        """pyairtable as the coach would act in the UI (another token: another user)."""
        return self.server.api("patCoachInTheAirtableUi.0001").base(self.base_id)

    def table(self, name: str) -> Any:
        return self.coach().table(name)

    def writes(self) -> list[dict[str, Any]]:
        """Record writes the server logged for this base."""
        return [
            r
            for r in self.server.requests()
            if r["method"] in ("POST", "PATCH", "PUT", "DELETE") and f"/v0/{self.base_id}/" in r["path"]
        ]


@pytest.fixture
def world(
    server: Any, base_id: str, sendgrid: SendGridFake, slack: SlackFake, tmp_path: Path
) -> Iterator[World]:
    w = World(server, base_id, sendgrid, slack, tmp_path / "outbox")
    yield w
    for run in reversed(w.runs):
        run.close()
