"""What /api/health reports: configured integrations (names only) and whether Airtable answers."""

from __future__ import annotations

import time
from typing import Any

from automation.errors import LeadershipOSError
from automation.events.context import get_gateway
from automation.events.settings_env import config


def health_report() -> dict[str, Any]:
    try:
        cfg = config()
    except LeadershipOSError as exc:
        return {"ok": False, "airtable": {"ok": False, "error": str(exc)}, "integrations": {}}
    airtable: dict[str, Any]
    started = time.monotonic()
    try:
        get_gateway(cfg).request("GET", "/v0/meta/whoami")
        airtable = {"ok": True, "ms": round((time.monotonic() - started) * 1000)}
    except Exception as exc:  # report, do not raise: health must answer even when Airtable does not
        airtable = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"ok": airtable["ok"], "airtable": airtable, "integrations": cfg.configured_integrations()}
