"""The events engineer's harness (tests/events/harness.py) with the leads catalog and an outbox folder:
the local server in process, the app as a real uvicorn process, the webhook registered to it, and a
"person" (another token) who edits the base like the coach."""

from __future__ import annotations

from pathlib import Path

from tests.events import harness
from tests.leads.http_world import LEADS_CATALOG

# Deliveries claim a message, wait this long and read it back; the default (2 s) is for production.
FAST_SETTINGS = {"messages.claim_settle_s": "0.3"}
INBOUND_SECRET = "inbound-secret-for-e2e-0123456789"


class LeadsWorld(harness.World):
    def __init__(self, srv, outbox: Path) -> None:
        self.outbox_dir = outbox
        super().__init__(
            srv,
            catalog=LEADS_CATALOG,
            extra_env={
                "OUTBOX_DIR": str(outbox),
                "PUBLIC_BASE_URL": "http://app.test",
                "SENDGRID_INBOUND_SECRET": INBOUND_SECRET,
            },
            settings=FAST_SETTINGS,
        )

    def outbox(self) -> list[Path]:
        return sorted(self.outbox_dir.rglob("*.json"))
