"""What /api/health reports: configured integrations (names only) and whether Airtable answers."""

from __future__ import annotations

import threading
import time
from typing import Any

from automation.errors import LeadershipOSError
from automation.events.context import get_gateway
from automation.events.settings_env import config

# The last Airtable check of this instance: (when, result). Anyone may call /api/health, so it asks
# Airtable at most every HEALTH_CHECK_S seconds and answers from this in between.
_last: list[tuple[float, dict[str, Any]]] = []
_lock = threading.Lock()


def health_report() -> dict[str, Any]:
    try:
        cfg = config()
    except LeadershipOSError as exc:
        return {"ok": False, "airtable": {"ok": False, "error": str(exc)}, "integrations": {}}
    with _lock:  # one check at a time: a burst of health calls waits for it instead of each making one
        now = time.monotonic()
        if _last and now - _last[0][0] < cfg.health_check_s:
            checked, airtable = _last[0]
        else:
            checked, airtable = now, _check(cfg)
            _last[:] = [(checked, airtable)]
    airtable = {**airtable, "checked_s_ago": round(time.monotonic() - checked, 1)}
    return {"ok": airtable["ok"], "airtable": airtable, "integrations": cfg.configured_integrations()}


def _check(cfg: Any) -> dict[str, Any]:
    started = time.monotonic()
    try:
        get_gateway(cfg).request("GET", "/v0/meta/whoami")
        return {"ok": True, "ms": round((time.monotonic() - started) * 1000)}
    except Exception as exc:  # report, do not raise: health must answer even when Airtable does not
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}


def forget_health() -> None:
    """Tests: the next call checks Airtable again."""
    with _lock:
        _last.clear()
