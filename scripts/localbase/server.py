"""The server: LocalBase (shared state), auth, rate limit, faults, request log, dispatch, HTTP glue."""

from __future__ import annotations

import importlib.util
import json
import socket
import sys
import threading
import time
import traceback
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from scripts.localbase import automations, errors, routes_admin, routes_meta, routes_records, viewer
from scripts.localbase.clock import Clock, iso
from scripts.localbase.faults import Faults, RateLimiter
from scripts.localbase.http import ApiError, Handler, Request, Response, Router, User
from scripts.localbase.ids import derived_id
from scripts.localbase.store import Store

MAX_BODY = 10 * 1024 * 1024  # bytes; bigger bodies get 413 before they are read


class RequestLog:
    """The last API requests (method, path, status, base, user, time), for tests that count calls.

    It keeps the last `size` entries, so its length stops growing on a long-lived server: count what happened
    since a `mark()` (requests ever logged), never by slicing at an earlier length."""

    def __init__(self, size: int = 20_000) -> None:
        self._entries: deque[dict[str, Any]] = deque(maxlen=size)
        self._total = 0
        self._lock = threading.Lock()

    def add(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self._entries.append(entry)
            self._total += 1

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._entries)

    def mark(self) -> int:
        """How many requests were ever logged (a clear does not lower it): pass it to `since` later."""
        with self._lock:
            return self._total

    def since(self, mark: int) -> list[dict[str, Any]]:
        """The requests logged after `mark`; an error if the log no longer holds them all (cleared, or more
        than `size` since), rather than a count that silently comes out short."""
        with self._lock:
            n = self._total - mark
            if n < 0 or n > len(self._entries):
                raise LookupError(
                    f"the request log holds {len(self._entries)} of the {n} requests since mark {mark}"
                )
            return list(self._entries)[len(self._entries) - n :] if n else []

    def clear(self) -> int:
        with self._lock:
            n = len(self._entries)
            self._entries.clear()
            return n


class LocalBase:
    """Everything the route modules share: store, clock, faults, router, webhooks, timing scale."""

    def __init__(
        self,
        *,
        db: str | None = None,
        rate_limit: int = 5,
        penalty_s: float = 30.0,
        latency_ms: int = 0,
        tokens: tuple[str, ...] | list[str] = (),
        timing_scale: float = 1.0,
        webhooks: bool = True,
    ) -> None:
        self.clock = Clock()
        self.store = Store(db or ":memory:", self.clock)
        self.faults = Faults(latency_ms=latency_ms, rate_limit=rate_limit, penalty_s=penalty_s)
        self._initial_faults = self.faults.snapshot()
        self.router = Router()
        self.timing_scale = timing_scale
        self.tokens = frozenset(tokens)
        self.limiter = RateLimiter()
        self.log = RequestLog()
        self.webhooks: Any = None
        self._users: dict[str, User] = {}
        for module in (routes_meta, routes_records, routes_admin, viewer):
            module.install(self)
        if webhooks:
            self.webhooks = _install_webhooks(self)
        self.automations = automations.install(self)

    # ---- users ----

    def user_for(self, token: str) -> User:
        """The stable user of a token: ``usr`` + 14 characters derived from it."""
        user = self._users.get(token)
        if user is None:
            uid = derived_id("usr", token)
            user = User(uid, token, f"{uid.lower()}@localbase.invalid", f"Local user {uid[-4:]}")
            self._users[token] = user
        return user

    def _authenticate(self, headers: dict[str, str]) -> User:
        scheme, _, token = headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise errors.authentication_required()
        if (self.tokens and token not in self.tokens) or (not self.tokens and not token.startswith("pat")):
            raise errors.authentication_required()
        return self.user_for(token)

    # ---- dispatch ----

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes) -> Response:
        """Answer one HTTP request; API requests are authenticated, limited, faulted and logged."""
        parts = urlsplit(target)
        path, query = parts.path, parse_qs(parts.query, keep_blank_values=True)
        if not (path == "/v0" or path.startswith("/v0/")):
            resolved = self.router.resolve(method, path)
            if resolved is None:
                return _error(errors.not_found())
            handler, params = resolved
            return self._call(handler, Request(method, path, params, query, headers, body))
        entry: dict[str, Any] = {
            "method": method,
            "path": path,
            "query": parts.query,
            "status": None,
            "base_id": None,
            "user_id": None,
            "time": iso(self.clock.now()),
        }
        try:
            latency = self.faults.latency_ms
            if latency:
                time.sleep(latency / 1000)
            user = self._authenticate(headers)
            entry["user_id"] = user.id
            resolved = self.router.resolve(method, path)
            if resolved is None:
                raise errors.not_found()
            handler, params = resolved
            base_id = params.get("base_id")
            entry["base_id"] = base_id
            self._faults(base_id)
            response = self._call(handler, Request(method, path, params, query, headers, body, user))
        except ApiError as exc:
            response = _error(exc)
        entry["status"] = response.status
        self.log.add(entry)
        return response

    def _faults(self, base_id: str | None) -> None:
        if self.faults.take_forced_429():
            raise errors.rate_limited()
        if base_id and not self.limiter.allow(base_id, self.faults.rate_limit, self.faults.penalty_s):
            raise errors.rate_limited()
        status = self.faults.roll_error()
        if status:
            raise errors.server_error(status)

    def _call(self, handler: Handler, req: Request) -> Response:
        try:
            result = handler(req)
        except ApiError as exc:
            return _error(exc)
        except Exception:
            traceback.print_exc()
            return _error(errors.server_error(500))
        return result if isinstance(result, Response) else Response(200, result)

    # ---- lifecycle ----

    def reset(self) -> None:
        """Back to an empty server: no bases, real time, start-up faults, empty log."""
        self.store.reset()
        self.clock.reset()
        self.faults.update(**self._initial_faults)
        self.limiter.reset()
        self.log.clear()
        self.automations.reset()
        if self.webhooks is not None and hasattr(self.webhooks, "reset"):
            self.webhooks.reset()

    def close(self) -> None:
        self.automations.close()
        for name in ("close", "stop"):
            if self.webhooks is not None and hasattr(self.webhooks, name):
                getattr(self.webhooks, name)()
                break
        self.store.close()


def _error(exc: ApiError) -> Response:
    return Response(exc.status, exc.body())


def _install_webhooks(lb: LocalBase) -> Any:
    """``webhooks.install(lb)`` when scripts/localbase/webhooks.py exists (it is built alongside)."""
    if importlib.util.find_spec("scripts.localbase.webhooks") is None:
        return None
    try:
        from scripts.localbase import webhooks
    except Exception:  # a half-built webhooks.py must not stop the records API from serving
        traceback.print_exc()
        return None
    install = getattr(webhooks, "install", None)
    return install(lb) if install else None


# ---- HTTP glue ----


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: pyairtable's requests.Session reuses connections
    server_version = "localbase"
    timeout = 120  # seconds an idle keep-alive connection may hold a thread

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without NODELAY, Nagle + delayed ACK add ~40 ms each.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PATCH = do_PUT = do_DELETE = do_GET

    def _serve(self) -> None:
        lb: LocalBase = self.server.lb  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            self._send(_error(errors.request_too_large()))
            return
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        self._send(lb.handle(self.command, self.path, headers, body))

    def _send(self, resp: Response) -> None:
        payload, ctype = _encode(resp.body)
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.headers.get("Content-Type", ctype))
        self.send_header("Content-Length", str(len(payload)))
        for name, value in resp.headers.items():
            if name != "Content-Type":
                self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if getattr(self.server, "verbose", False):
            sys.stderr.write("localbase: " + format % args + "\n")


def _encode(body: Any) -> tuple[bytes, str]:
    if body is None:
        return b"", "application/json"
    if isinstance(body, bytes):
        return body, "application/octet-stream"
    if isinstance(body, str):
        return body.encode(), "text/html; charset=utf-8"
    return json.dumps(
        body, separators=(",", ":"), ensure_ascii=False
    ).encode(), "application/json; charset=utf-8"


class LocalBaseHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server carrying its LocalBase; threads never block shutdown."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], lb: LocalBase, verbose: bool = False) -> None:
        super().__init__(address, _Handler)
        self.lb = lb
        self.verbose = verbose

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"
