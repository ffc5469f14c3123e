"""The events engineer's harness (tests/events/harness.py) with the leads catalog and an outbox folder:
the local server in process, the app as a real uvicorn process, the webhook registered to it, and a
"person" (another token) who edits the base like the coach."""

from __future__ import annotations

from pathlib import Path

from automation import registry
from tests.events import harness
from tests.events.harness import APP_TOKEN, PERSON_TOKEN, SECRETS, AppProcess, environment
from tests.leads.http_world import LEADS_CATALOG

# Deliveries claim a message, wait this long and read it back; the default (2 s) is for production.
FAST_SETTINGS = {"messages.claim_settle_s": "0.3"}
INBOUND_SECRET = "inbound-secret-for-e2e-0123456789"


class LeadsWorld(harness.World):
    def __init__(self, srv, outbox: Path) -> None:  # noqa: D107 - mirrors World.__init__ with our catalog
        self.srv = srv
        self.base_id = srv.create_base("Leads e2e")
        self.env = {
            "AIRTABLE_API_KEY": APP_TOKEN,
            "AIRTABLE_BASE_ID": self.base_id,
            "AIRTABLE_ENDPOINT_URL": srv.url,
            "AIRTABLE_RATE_PER_S": "0",
            "OUTBOX_DIR": str(outbox),
            "PUBLIC_BASE_URL": "http://app.test",
            "SENDGRID_INBOUND_SECRET": INBOUND_SECRET,
            **SECRETS,
        }
        self.outbox_dir = outbox
        self.person = srv.api(PERSON_TOKEN)
        self.app_user = srv.api(APP_TOKEN).whoami()["id"]
        with self.in_env():
            from scripts.setup_base import main as setup_base

            assert setup_base(["--yes"]) == 0
        self._set_settings(FAST_SETTINGS)
        self.apps = [AppProcess(self.env, LEADS_CATALOG)]
        self.webhook_id = self.register(self.apps[0].url)

    def in_env(self):
        return _leads_env(self)

    def _set_settings(self, values: dict[str, str]) -> None:
        table = self.table("Settings")
        existing = {r["fields"].get("Key"): r["id"] for r in table.all()}
        for key, value in values.items():
            if key in existing:
                table.update(existing[key], {"Value": value})
            else:
                table.create({"Key": key, "Value": value})

    def outbox(self) -> list[Path]:
        return sorted(self.outbox_dir.rglob("*.json"))


class _leads_env:  # noqa: N801 - a context manager like World.in_env, with the leads catalog
    def __init__(self, world: LeadsWorld) -> None:
        self.world = world
        self._env = environment(world.env)

    def __enter__(self) -> None:
        self.saved = registry.CATALOG
        registry.CATALOG = LEADS_CATALOG
        self._env.__enter__()

    def __exit__(self, *exc: object) -> None:
        try:
            self._env.__exit__(*exc)
        finally:
            registry.CATALOG = self.saved
            harness._clear()
