"""Local HTTP fakes of SendGrid and Slack: stdlib servers on 127.0.0.1, port 0, that record every request
and answer from a script (e.g. 429 with Retry-After, then 202), so the real SDKs are exercised end to end."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Reply:
    status: int
    body: Any = None  # dict/list -> JSON; str/bytes as is
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


class FakeHTTPServer:
    """Answers scripted replies (then the default) and records requests; use as a context manager."""

    def __init__(self, default: Reply | Callable[[], Reply]) -> None:
        self.default = default if callable(default) else (lambda: default)
        self.script: deque[Reply] = deque()
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with fake._lock:
                    fake.requests.append(
                        Recorded("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                    reply = fake.script.popleft() if fake.script else fake.default()
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                payload = reply.body
                if isinstance(payload, dict | list):
                    data, ctype = json.dumps(payload).encode(), "application/json"
                else:
                    data, ctype = (
                        (payload.encode() if isinstance(payload, str) else payload or b""),
                        "text/plain",
                    )
                self.send_response(reply.status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a deliberately slow reply must not hold up shutdown
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def then(self, *replies: Reply) -> FakeHTTPServer:
        """Queue replies for the next requests."""
        self.script.extend(replies)
        return self

    def __enter__(self) -> FakeHTTPServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._server.shutdown()
        self._server.server_close()


class SendGridFake(FakeHTTPServer):
    """POST /v3/mail/send → 202 with a fresh X-Message-Id, as SendGrid answers an accepted send."""

    def __init__(self) -> None:
        counter = iter(range(1, 1_000_000))
        super().__init__(lambda: Reply(202, "", {"X-Message-Id": f"sgmsg{next(counter):04d}"}))

    @property
    def sends(self) -> list[Recorded]:
        return [r for r in self.requests if r.path == "/v3/mail/send"]


def sendgrid_error(status: int, message: str, field_name: str | None = None, **headers: str) -> Reply:
    """An error as SendGrid shapes it: {"errors": [{"message", "field", "help"}]}."""
    error: dict[str, Any] = {"message": message, "help": None}
    if field_name:
        error["field"] = field_name
    return Reply(status, {"errors": [error]}, dict(headers))


class SlackFake(FakeHTTPServer):
    """chat.postMessage → {"ok": true, "channel", "ts"}; an incoming-webhook path → "ok"."""

    def __init__(self) -> None:
        counter = iter(range(1, 1_000_000))
        super().__init__(self._answer)
        self._counter = counter

    def _answer(self) -> Reply:
        last = self.requests[-1]
        if last.path.endswith("chat.postMessage"):
            channel = json.loads(last.body).get("channel", "C0FAKE")
            return Reply(200, {"ok": True, "channel": channel, "ts": f"1700000000.{next(self._counter):06d}"})
        return Reply(200, "ok")

    @property
    def posts(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("chat.postMessage")]


def slack_error(error: str, status: int = 200) -> Reply:
    """Slack's Web API refusal: HTTP 200 with {"ok": false, "error": ...}."""
    return Reply(status, {"ok": False, "error": error})


def slack_rate_limited(retry_after: int = 1) -> Reply:
    return Reply(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})
