"""Fixtures of the session-notes tests: the app under uvicorn with the notes catalog, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.events import harness

NOTES_CATALOG = ("automation.messages.automations", "automation.sessions.automations")
FAST_SETTINGS = {"messages.claim_settle_s": "0.3"}


class NotesWorld(harness.World):
    def __init__(self, srv, outbox: Path) -> None:
        self.outbox_dir = outbox
        super().__init__(
            srv,
            catalog=NOTES_CATALOG,
            extra_env={"OUTBOX_DIR": str(outbox), "PUBLIC_BASE_URL": "http://app.test"},
            settings=FAST_SETTINGS,
        )

    def outbox(self) -> list[Path]:
        return sorted(self.outbox_dir.rglob("*.json"))


@pytest.fixture(scope="module")
def notes_world(tmp_path_factory):
    """One NotesWorld per test module: its own local server (fast webhook timing), app and webhook."""
    from scripts.localbase.testing import LocalBaseServer

    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        w = NotesWorld(srv, tmp_path_factory.mktemp("outbox"))
        yield w
        w.close()
