"""An Airtable notification ping: parse, verify the MAC (secret per webhook id), drain, log the run."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any

from automation import jsonbody
from automation.context import JobContext
from automation.errors import BadRequest, SignatureError
from automation.events.catalog import get_plan
from automation.events.context import context_for, get_gateway, open_run
from automation.events.drain import Drainer
from automation.events.pages import DrainReport
from automation.events.runs import record_run, write_run
from automation.events.secretbox import decrypt
from automation.events.settings_env import config as get_config
from automation.events.signing import verify_airtable_mac
from automation.events.state import StateStore, WebhookState

log = logging.getLogger(__name__)

# Decrypted MAC secret and our user id per (base, webhook), while the instance is warm (DESIGN.md §5).
_known: dict[tuple[str, str], tuple[str, str | None]] = {}
_known_lock = threading.Lock()
# The webhook ids System State holds, per base, and when they were read: a ping for any other id is refused
# without an Airtable call until the list is WEBHOOK_IDS_FRESH_S old (a webhook registered meanwhile by
# another process waits at most this long; its payloads are not lost: Airtable pings again on the next
# change, and the catch-up cron lists them).
_ids: dict[str, tuple[float, frozenset[str]]] = {}


def forget_webhook_ids() -> None:
    """A webhook was created by this process (registration, refresh-webhooks): read the ids again."""
    with _known_lock:
        _ids.clear()


@dataclass(frozen=True)
class Ping:
    base_id: str
    webhook_id: str


def parse_ping(raw_body: bytes) -> Ping:
    """The notification body `{"base": {"id"}, "webhook": {"id"}, "timestamp"}`; BadRequest otherwise."""
    body: Any = jsonbody.loads(raw_body, "airtable-ping")
    try:
        base_id, webhook_id = body["base"]["id"], body["webhook"]["id"]
    except (ValueError, TypeError, KeyError):
        raise BadRequest("body is not an Airtable webhook notification") from None
    if not (isinstance(base_id, str) and isinstance(webhook_id, str) and base_id and webhook_id):
        raise BadRequest("base.id and webhook.id must be strings")
    return Ping(base_id, webhook_id)


def _secret(
    store: StateStore, ping: Ping, app_secret: str | None
) -> tuple[str, str | None, WebhookState | None]:
    key = (ping.base_id, ping.webhook_id)
    with _known_lock:
        if key in _known:
            return (*_known[key], None)
        read_at, ids = _ids.get(ping.base_id, (float("-inf"), frozenset()))
    if time.monotonic() - read_at < get_config().webhook_ids_fresh_s and ping.webhook_id not in ids:
        raise SignatureError(f"webhook {ping.webhook_id} is not one of this deployment's")  # no Airtable call
    states = store.load_all()  # one read: every webhook's info and cursor (the one pinged among them)
    with _known_lock:
        _ids[ping.base_id] = (time.monotonic(), frozenset(states))
    state = states.get(ping.webhook_id) or WebhookState(ping.webhook_id)
    encrypted = state.data.get("secret")
    if not encrypted:
        raise SignatureError(f"no MAC secret stored for webhook {ping.webhook_id}")
    secret, user = decrypt(encrypted, app_secret), state.data.get("user")
    with _known_lock:
        _known[key] = (secret, user)
    return secret, user, state


def forget_secrets() -> None:
    """Tests and re-registration: drop the cached secrets."""
    with _known_lock:
        _known.clear()
        _ids.clear()


def handle_ping(raw_body: bytes, mac_header: str | None) -> DrainReport | None:
    """Verify and process one ping. Raises BadRequest (400), SignatureError (401), LeaseBusy (503)."""
    ping = parse_ping(raw_body)
    config = get_config()
    if ping.base_id != config.airtable_base_id:
        raise SignatureError(f"ping for base {ping.base_id}, which this deployment does not serve")
    app_secret = config.app_secret.get_secret_value() if config.app_secret else None
    run = open_run("Webhook", "webhook", config.webhook_budget_s)
    gw = get_gateway(config)
    ctxs: list[JobContext] = []

    def get_ctx() -> JobContext:
        if not ctxs:
            ctxs.append(context_for(run, config))
        return ctxs[0]

    drainer: Drainer | None = None
    try:
        secret, user, state = _secret(StateStore(gw), ping, app_secret)
        verify_airtable_mac(raw_body, mac_header, secret)
        drainer = Drainer(
            gw,
            run,
            ping.webhook_id,
            own_user=user or gw.whoami(),
            get_ctx=get_ctx,
            automations=lambda: get_plan().automations,
            quiet_log=True,
            gather_s=config.webhook_gather_s,
        )
        report = drainer.drain(state)
        if ctxs and not drainer.logged_quietly:
            record_run(ctxs[0], details=report.details())
        return report
    except (BadRequest, SignatureError):
        raise  # bad input: nothing was processed, nothing to log in the base
    except Exception as exc:
        details = drainer.report.details() if drainer else {"webhook_id": ping.webhook_id}
        _record_failure(gw, run, ctxs, exc, details)
        raise
    finally:
        run.close()


def _record_failure(gw, run, ctxs: list[JobContext], exc: BaseException, details: dict[str, Any]) -> None:
    """An unexpected failure is logged and written to Automation Runs; the exception still propagates."""
    log.error("webhook processing failed: %s", exc, exc_info=exc)
    try:
        if ctxs:
            record_run(ctxs[0], error=exc, details=details)
        else:
            write_run(gw, run, error=exc, details=details)
    except Exception:
        log.exception("the failure could not be written to Automation Runs either")
