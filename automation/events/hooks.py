"""Webhook lifecycle: the specification from the catalog, create (secret stored first), replace, refresh.

A webhook's specification cannot be changed: to watch other fields, create the new webhook, drain the old
one's payloads, then delete it (DESIGN.md §5). Between the new one's creation and the old one's deletion a
change is reported by both; processing it twice is harmless because updates are diff-aware.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from automation.errors import LeaseBusy
from automation.events.drain import Drainer
from automation.events.secretbox import encrypt
from automation.events.state import StateStore, WebhookState

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway
    from automation.airtable.schema_map import SchemaMap
    from automation.context import JobContext
    from automation.events.catalog import Plan

log = logging.getLogger(__name__)
HOOKS = "/v0/bases/{base}/webhooks"


# Watched besides the automations' triggers: a change to Settings drops each warm instance's cached copy.
SETTINGS_FIELDS = ("key", "value")


def build_spec(plan: Plan, smap: SchemaMap) -> dict[str, Any]:
    """tableData from every source, watching only the fields some automation reads (so our run log,
    cursors and messages never ping back) and the Settings, with their current values included."""
    fields = sorted(smap.field_id(t, k) for t, keys in plan.trigger_fields().items() for k in keys)
    watched = sorted({*fields, *(smap.field_id("settings", k) for k in SETTINGS_FIELDS)})
    return {
        "options": {
            "filters": {"dataTypes": ["tableData"], "watchDataInFieldIds": watched},
            "includes": {"includeCellValuesInFieldIds": fields},
        }
    }


def spec_hash(spec: dict[str, Any], url: str) -> str:
    canonical = json.dumps({"spec": spec, "url": url}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def list_webhooks(gw: Gateway) -> dict[str, dict[str, Any]]:
    return {w["id"]: w for w in (gw.request("GET", HOOKS) or {}).get("webhooks", [])}


def create(gw: Gateway, url: str, spec: dict[str, Any], app_secret: str | None) -> WebhookState:
    """Create a webhook and store its id, encrypted MAC secret and cursor before anything else."""
    encrypt("check", app_secret)  # fail on a missing APP_SECRET before creating anything
    made = gw.request("POST", HOOKS, json={"notificationUrl": url, "specification": spec})
    data = {
        "url": url,
        "spec_hash": spec_hash(spec, url),
        "secret": encrypt(made["macSecretBase64"], app_secret),
        "user": gw.whoami(),
        "expires": made.get("expirationTime"),
        "created": datetime.now(UTC).isoformat(),
    }
    try:
        from automation.events.webhook import forget_webhook_ids

        state = StateStore(gw).create(made["id"], data, cursor=1)
        forget_webhook_ids()  # this instance refuses unknown ids from its cached list: the list is stale now
        return state
    except Exception:
        # The secret cannot be fetched again: a webhook without it is useless. Best effort to remove it;
        # if that fails too, the next register run deletes it (it has no stored secret).
        _delete_quietly(gw, made["id"])
        raise


def delete(gw: Gateway, state: WebhookState) -> None:
    _delete_quietly(gw, state.webhook_id)
    StateStore(gw).forget(state)


def _delete_quietly(gw: Gateway, webhook_id: str) -> None:
    try:
        gw.request("DELETE", f"{HOOKS}/{webhook_id}")
    except Exception as exc:  # already gone, or Airtable down: reported by the caller's next listing
        log.warning("could not delete webhook %s: %s", webhook_id, exc)


def drain(ctx: JobContext, state: WebhookState, wait_s: float = 10.0) -> dict[str, Any]:
    """Process a webhook's pending payloads with this job's context (catch-up, replacement)."""
    from automation.events.catalog import get_plan

    drainer = Drainer(
        ctx.gateway,
        ctx.run,
        state.webhook_id,
        own_user=state.data.get("user") or ctx.gateway.whoami(),
        get_ctx=lambda: ctx,
        automations=lambda: get_plan().automations,
        wait_s=wait_s,
    )
    try:
        return drainer.drain(state).details()
    except LeaseBusy:
        return {**drainer.report.details(), "busy": "another invocation holds the lease; it will finish"}


def replace(ctx: JobContext, old: WebhookState, url: str, spec: dict[str, Any]) -> WebhookState:
    """New webhook first, then the old one drained and deleted."""
    app_secret = ctx.config.app_secret.get_secret_value() if ctx.config.app_secret else None
    new = create(ctx.gateway, url, spec, app_secret)
    try:
        drain(ctx, old)
    except Exception as exc:  # an old hook in an error state may refuse listing: its payloads are lost
        log.warning("could not drain webhook %s before deleting it: %s", old.webhook_id, exc)
    delete(ctx.gateway, old)
    return new
