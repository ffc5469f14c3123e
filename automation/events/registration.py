"""Register the webhook(s) for a notification URL, idempotently (`python -m scripts.register_webhooks`).

Ours = webhooks System State knows, or that point at this URL. For each: a webhook whose secret was never
stored is deleted (we could never verify its pings); one matching the current specification and URL is
kept (and refreshed); any other is replaced: the new one is created first, the old one drained, then
deleted. State entries of webhooks Airtable no longer has are forgotten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from automation.events import hooks
from automation.events.catalog import get_plan
from automation.events.state import StateStore

if TYPE_CHECKING:
    from automation.context import JobContext


def register(ctx: JobContext, url: str) -> list[str]:
    """Make the base have exactly one webhook of ours, for `url` with the current spec; say what was done."""
    gw = ctx.gateway
    store = StateStore(gw)
    plan = get_plan()
    if not plan.trigger_fields():
        return ["no automation is registered: nothing to watch, no webhook created"]
    spec = hooks.build_spec(plan, gw.schema_map())
    wanted = hooks.spec_hash(spec, url)
    listed = hooks.list_webhooks(gw)
    states = store.load_all()
    actions: list[str] = []
    keep, old = None, []
    for webhook_id, hook in listed.items():
        state = states.get(webhook_id)
        if state is None and hook.get("notificationUrl") != url:
            continue  # somebody else's webhook
        if state is None or not state.data.get("secret"):
            hooks.delete(gw, state or store.load(webhook_id))
            actions.append(f"deleted {webhook_id}: its MAC secret was never stored")
        elif keep is None and state.data.get("spec_hash") == wanted and hook.get("isHookEnabled", True):
            keep = state
            gw.request("POST", f"{hooks.HOOKS}/{webhook_id}/refresh")
            actions.append(f"kept {webhook_id}: same URL and specification (expiry extended)")
        else:
            old.append(state)
    for webhook_id, state in states.items():
        if webhook_id not in listed:
            store.forget(state)
            actions.append(f"forgot {webhook_id}: Airtable no longer has it")
    if keep is None:
        app_secret = ctx.config.app_secret.get_secret_value() if ctx.config.app_secret else None
        keep = hooks.create(gw, url, spec, app_secret)
        actions.append(f"created {keep.webhook_id} for {url}")
    for state in old:
        hooks.drain(ctx, state)
        hooks.delete(gw, state)
        actions.append(f"replaced {state.webhook_id} by {keep.webhook_id} (drained, then deleted)")
    return actions
