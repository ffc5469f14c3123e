"""Webhook state: hooks per base, their payloads and cursors, expiry, and what the notifier owes.

State lives in memory (lost on restart; Airtable's own webhooks would outlive a restart, a local double need
not). One condition variable guards it; the store's commit callback and the HTTP routes take it briefly, and
no network I/O happens while it is held.

Expiry (reference §3.2), against the server's movable clock: a hook expires 7 days after its creation or its
last refresh / list-payloads call. An expired hook generates no payloads and lists as `isHookEnabled: false`;
its metadata and the payloads it had at expiry stay readable for 7 more days, after which it disappears (404).
An active hook's payloads are dropped 7 days after they were generated; cursors are never reset.
"""

from __future__ import annotations

import base64
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from scripts.localbase.clock import iso
from scripts.localbase.ids import new_id
from scripts.localbase.webhooks_notify import (
    MAX_RETRIES,
    Attempt,
    Delivery,
    Notifier,
    NotifyState,
    ping_body,
    sign,
)
from scripts.localbase.webhooks_payloads import breaks_spec, build_payload, error_payload
from scripts.localbase.webhooks_spec import BaseShape, Spec, parse_spec

LIFETIME = timedelta(days=7)
RETENTION = timedelta(days=7)
MAX_PER_BASE = 10
MAX_PAGE = 50


class WebhookError(Exception):
    """A refused webhook operation; `kind` says which (routes map it to Airtable's status and type)."""

    def __init__(self, kind: str, message: str | None = None) -> None:
        super().__init__(message or kind)
        self.kind = kind  # "not_found", "invalid", "too_many", "expired"
        self.message = message


@dataclass
class Hook:
    """One webhook and everything it has generated."""

    id: str
    base_id: str
    spec: Spec
    secret: bytes
    notification_url: str | None
    expires_at: datetime
    created_at: datetime
    notifications_enabled: bool = True
    failed: bool = False  # the specification became invalid: never generates again
    next_cursor: int = 1
    payloads: list[tuple[int, datetime, dict[str, Any]]] = field(default_factory=list)
    last_result: dict[str, Any] | None = None
    last_success: str | None = None
    notify: NotifyState = field(default_factory=NotifyState)

    def active(self, now: datetime) -> bool:
        return not self.failed and now < self.expires_at

    def as_api(self, now: datetime) -> dict[str, Any]:
        """The Webhook object of list webhooks (reference §3.4)."""
        return {
            "id": self.id,
            "areNotificationsEnabled": self.notifications_enabled,
            "cursorForNextPayload": self.next_cursor,
            "isHookEnabled": self.active(now),
            "lastSuccessfulNotificationTime": self.last_success,
            "notificationUrl": self.notification_url,
            "expirationTime": iso(self.expires_at),
            "lastNotificationResult": self.last_result,
            "specification": self.spec.raw,
        }


class WebhookManager:
    """The webhooks of every base: the service behind the routes and the store's commit subscription."""

    def __init__(self, clock: Any, faults: Any = None, timing_scale: float = 1.0) -> None:
        self.clock = clock
        self.faults = faults
        self.timing_scale = timing_scale
        self._cond = threading.Condition(threading.RLock())
        self._hooks: dict[str, Hook] = {}  # by id, in creation order
        self._transactions: dict[str, int] = {}  # base id -> last baseTransactionNumber
        self._notifier = Notifier(self._cond, self._select, self._finish, timing_scale)

    # ---- lifecycle ----
    def close(self) -> None:
        """Stop the notifier and wait for pings in flight."""
        self._notifier.close()

    def reset(self) -> None:
        """Forget every hook (the server's reset)."""
        with self._cond:
            self._hooks.clear()
            self._transactions.clear()

    def idle(self) -> bool:
        """No ping owed or in flight (one waiting for its retry counts as owed); for tests and benchmarks."""
        with self._cond:
            return not any(
                (h.notify.pending and h.notifications_enabled and h.notification_url) or h.notify.in_flight
                for h in self._hooks.values()
            )

    # ---- service (routes) ----
    def create(self, base_id: str, body: Any, shape: BaseShape) -> dict[str, Any]:
        """Create a hook; returns `{id, macSecretBase64, expirationTime}`."""
        if not isinstance(body, dict) or set(body) - {"notificationUrl", "specification"}:
            raise WebhookError(
                "invalid", "Invalid request: body must have specification and notificationUrl only"
            )
        url = body.get("notificationUrl")
        if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
            raise WebhookError("invalid", "notificationUrl must be an http(s) URL")
        if "specification" not in body:
            raise WebhookError("invalid", "specification is required")
        try:
            spec = parse_spec(body["specification"], shape)
        except ValueError as exc:
            raise WebhookError("invalid", f"Invalid webhook specification: {exc}") from None
        secret = secrets.token_bytes(32)
        now = self.clock.now()
        with self._cond:
            self._expire(now)
            if sum(1 for h in self._hooks.values() if h.base_id == base_id) >= MAX_PER_BASE:
                raise WebhookError("too_many", f"A base can have at most {MAX_PER_BASE} webhooks")
            hook = Hook(new_id("ach"), base_id, spec, secret, url, now + LIFETIME, now)
            self._hooks[hook.id] = hook
        return {
            "id": hook.id,
            "macSecretBase64": base64.b64encode(secret).decode("ascii"),
            "expirationTime": iso(hook.expires_at),
        }

    def list(self, base_id: str) -> list[dict[str, Any]]:
        now = self.clock.now()
        with self._cond:
            self._expire(now)
            return [h.as_api(now) for h in self._hooks.values() if h.base_id == base_id]

    def refresh(self, base_id: str, hook_id: str) -> dict[str, Any]:
        now = self.clock.now()
        with self._cond:
            hook = self._get(base_id, hook_id, now)
            if not hook.active(now):
                raise WebhookError("expired", "Only an active webhook can be refreshed; create a new one")
            hook.expires_at = now + LIFETIME
            return {"expirationTime": iso(hook.expires_at)}

    def enable_notifications(self, base_id: str, hook_id: str, enable: bool) -> None:
        now = self.clock.now()
        with self._cond:
            hook = self._get(base_id, hook_id, now)
            if enable != hook.notifications_enabled:
                hook.notifications_enabled = enable
                hook.notify = NotifyState()  # a fresh start: no owed ping, no retry sequence

    def delete(self, base_id: str, hook_id: str) -> None:
        now = self.clock.now()
        with self._cond:
            self._get(base_id, hook_id, now)
            del self._hooks[hook_id]

    def list_payloads(self, base_id: str, hook_id: str, cursor: int, limit: int) -> dict[str, Any]:
        """Payloads numbered `cursor` onwards, at most `limit`; also extends an active hook's life."""
        now = self.clock.now()
        with self._cond:
            hook = self._get(base_id, hook_id, now)
            if hook.active(now):
                hook.expires_at = now + LIFETIME
            # Payloads last a week; an expired hook's stay readable as they were at expiry until it goes.
            seen_at = min(now, hook.expires_at)
            stale = next((i for i, p in enumerate(hook.payloads) if seen_at - p[1] <= RETENTION), None)
            del hook.payloads[: len(hook.payloads) if stale is None else stale]
            # Payload numbers are consecutive, so the first one at or after `cursor` is found by arithmetic.
            start = max(cursor - hook.payloads[0][0], 0) if hook.payloads else 0
            page = hook.payloads[start : start + min(limit, MAX_PAGE)]
            return {
                "cursor": page[-1][0] + 1 if page else cursor,
                "mightHaveMore": start + len(page) < len(hook.payloads),
                "payloads": [p[2] for p in page],
            }

    # ---- the store's commit subscription ----
    def on_commit(self, tx: Any) -> None:
        """Number the transaction, append a payload to every hook it matches, and owe those hooks a ping."""
        now = self.clock.now()
        with self._cond:
            number = self._transactions.get(tx.base_id, 0) + 1
            self._transactions[tx.base_id] = number
            self._expire(now)
            owed = False
            for hook in self._hooks.values():
                if hook.base_id != tx.base_id or not hook.active(now):
                    continue
                if breaks_spec(tx, hook.spec):
                    payload: dict[str, Any] | None = error_payload(tx, number)
                    hook.failed = True
                else:
                    payload = build_payload(tx, hook.spec, number)
                if payload is None:
                    continue
                hook.payloads.append((hook.next_cursor, now, payload))
                hook.next_cursor += 1
                if hook.notifications_enabled and hook.notification_url:
                    hook.notify.pending = True
                    owed = True
            if owed:
                self._notifier.wake()

    # ---- notifier callbacks (called with the condition held) ----
    def _select(self, monotonic_now: float) -> tuple[Iterable[Attempt], float | None]:
        attempts: list[Attempt] = []
        next_due: float | None = None
        for hook in self._hooks.values():
            state = hook.notify
            if not (
                state.pending and not state.in_flight and hook.notifications_enabled and hook.notification_url
            ):
                continue
            if state.due > monotonic_now:
                next_due = state.due if next_due is None else min(next_due, state.due)
                continue
            state.pending = False
            state.in_flight = True
            body = ping_body(hook.base_id, hook.id, iso(self.clock.now()))
            drop = self._fault("drop_notifications")
            copies = 2 if not drop and self._fault("duplicate_notifications") else 1
            mac = sign(hook.secret, body)
            attempts.append(
                Attempt(hook, state, hook.notification_url, body, mac, state.retry_number, drop, copies)
            )
        return attempts, next_due

    def _finish(self, attempt: Attempt, delivery: Delivery | None) -> None:
        hook, state = attempt.hook, attempt.state
        state.in_flight = False
        if self._hooks.get(hook.id) is not hook or state is not hook.notify or delivery is None:
            return  # deleted, re-enabled/disabled meanwhile, or dropped by fault injection
        result: dict[str, Any] = {
            "success": delivery.ok,
            "completionTimestamp": iso(self.clock.now()),
            "durationMs": delivery.duration_ms,
            "retryNumber": attempt.retry_number,
        }
        if delivery.ok:
            hook.last_success = result["completionTimestamp"]
            state.retry_number = 0
            state.due = 0.0
        else:
            result["error"] = {"message": delivery.error}
            result["willBeRetried"] = attempt.retry_number < MAX_RETRIES
            if result["willBeRetried"]:
                state.retry_number = attempt.retry_number + 1
                state.due = time.monotonic() + Notifier.backoff(state.retry_number, self.timing_scale)
                state.pending = True
            else:
                hook.notifications_enabled = False
                hook.notify = NotifyState()
        hook.last_result = result

    # ---- helpers (condition held) ----
    def _fault(self, name: str) -> bool:
        """Whether an injected notification fault applies to this ping (read at send time)."""
        return self.faults is not None and self.faults.consume(name)

    def _get(self, base_id: str, hook_id: str, now: datetime) -> Hook:
        self._expire(now)
        hook = self._hooks.get(hook_id)
        if hook is None or hook.base_id != base_id:
            raise WebhookError("not_found", f"Webhook {hook_id} not found")
        return hook

    def _expire(self, now: datetime) -> None:
        """Drop hooks whose 7-day grace period after expiry is over."""
        for hook_id in [h.id for h in self._hooks.values() if now >= h.expires_at + RETENTION]:
            del self._hooks[hook_id]
