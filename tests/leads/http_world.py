"""A fresh base on the local Airtable-compatible server, and job contexts that talk to it over HTTP."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from automation import registry
from automation.airtable.gateway import Gateway
from automation.config import Config
from automation.context import JobContext
from automation.events.catalog import get_plan
from automation.run_context import run_scope
from automation.settings import BusinessSettings, settings_from_mapping
from tests.gateway.base_builder import TOKEN, build_base
from tests.support import FAST_RETRY

LEADS_CATALOG = (
    "automation.leads.hygiene",
    "automation.leads.readdress",
    "automation.leads.duplicates",
    "automation.leads.automations",
    "automation.leads.deals",
    "automation.leads.daily",
)


@dataclass
class World:
    server: Any
    base_id: str
    config: Config
    gw: Gateway
    settings: BusinessSettings

    def ctx(self, now: datetime | None = None, budget_s: float = 60.0, job: str = "test") -> JobContext:
        run = run_scope(job, "Manual", budget_s=budget_s)
        return JobContext(
            gateway=self.gw,
            config=self.config,
            settings=self.settings,
            now=now or datetime.now(UTC),
            run=run,
            deadline=time.monotonic() + budget_s,
        )

    def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        """Record API calls to this base that the server logged (meta calls excluded)."""
        return [
            r
            for r in self.server.requests()
            if r["path"].split("?")[0].startswith(f"/v0/{self.base_id}/")
            and (method is None or r["method"] == method)
        ]

    def outbox(self) -> list[Path]:
        return sorted(Path(self.config.outbox_dir).rglob("*.json"))


def make_world(server: Any, tmp_path: Path, **settings: str) -> World:
    base_id = server.create_base("Leads test")
    build_base(server.url, base_id)
    config = Config(
        _env_file=None,
        airtable_api_key=TOKEN,
        airtable_base_id=base_id,
        airtable_endpoint_url=server.url,
        airtable_rate_per_s=0,
        airtable_timeout_s=5,
        outbox_dir=str(tmp_path / "outbox"),
        app_secret="app-secret-for-tests-0123456789",
        public_base_url="http://app.test",
    )  # type: ignore[call-arg]
    business = settings_from_mapping({"messages.claim_settle_s": "0.3", **settings})
    return World(server, base_id, config, Gateway(config, policy=FAST_RETRY), business)


def use_leads_catalog(monkeypatch: Any) -> None:
    monkeypatch.setattr(registry, "CATALOG", LEADS_CATALOG)
    get_plan.cache_clear()
