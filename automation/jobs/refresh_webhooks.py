"""refresh-webhooks: extend expiry, re-enable notifications Airtable disabled, re-create broken webhooks."""

from __future__ import annotations

from typing import Any

from automation.context import JobContext
from automation.errors import RecordProblem
from automation.events import hooks
from automation.events.catalog import get_plan
from automation.events.state import StateStore
from automation.registry import CronJob


def refresh_webhooks(ctx: JobContext) -> dict[str, Any]:
    """One list call, then per webhook: refresh, or enable notifications, or re-create (and say so)."""
    gw = ctx.gateway
    store = StateStore(gw)
    listed = hooks.list_webhooks(gw)
    out: dict[str, Any] = {}
    for webhook_id, state in store.load_all().items():
        hook = listed.get(webhook_id)
        url = state.data.get("url")
        if hook is None or not hook.get("isHookEnabled", True):
            if not url:
                out[webhook_id] = "broken and no URL stored: run scripts.register_webhooks"
                continue
            new = hooks.replace(ctx, state, url, hooks.build_spec(get_plan(), gw.schema_map()))
            why = "missing in Airtable" if hook is None else "disabled by Airtable (error state or expired)"
            out[webhook_id] = f"re-created as {new.webhook_id}: {why}"
            ctx.run.report(RecordProblem("system_state", webhook_id, None, None, out[webhook_id]))
            continue
        notes = []
        if not hook.get("areNotificationsEnabled", True):
            gw.request("POST", f"{hooks.HOOKS}/{webhook_id}/enableNotifications", json={"enable": True})
            notes.append("notifications re-enabled")
        expires = (gw.request("POST", f"{hooks.HOOKS}/{webhook_id}/refresh") or {}).get("expirationTime")
        notes.append(f"expires {expires}")
        if state.data.get("user") != gw.whoami() and state.info is not None:
            store.save_info(state, {**state.data, "user": gw.whoami()})
            notes.append("token user updated")
        if state.data.get("expires") != expires and state.info is not None:
            store.save_info(state, {**state.data, "expires": expires})
        out[webhook_id] = "; ".join(notes)
    return {"webhooks": out, "record_run": True}


JOB = CronJob(
    "refresh-webhooks", "0 5 * * *", refresh_webhooks, "Keep webhooks alive (they expire after 7 days)."
)
