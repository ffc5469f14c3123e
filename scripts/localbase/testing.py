"""Test helpers: an in-process server on a free port, and the CLI as a subprocess.

with LocalBaseServer(rate_limit=0) as srv:
    api = pyairtable.Api("patTest", endpoint_url=srv.url, timeout=(5, 30))
    leads = {"name": "Leads", "fields": [{"name": "Name", "type": "singleLineText"}]}
    base_id = srv.create_base("Demo", tables=[leads])
    srv.requests(); srv.set_faults(error_rate=0.5); srv.advance_clock(86400)
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

from scripts.localbase.server import LocalBase, LocalBaseHTTPServer

DEFAULT_TOKEN = "patLocalbaseTestToken.0001"
_ROOT = Path(__file__).resolve().parents[2]


class LocalBaseServer:
    """The server in this process (threads, port 0); ``srv.lb`` gives direct access for assertions."""

    def __init__(
        self,
        *,
        rate_limit: int = 0,
        penalty_s: float = 30.0,
        latency_ms: int = 0,
        timing_scale: float = 0.01,
        tokens: tuple[str, ...] | list[str] = (),
        db: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        webhooks: bool = True,
    ) -> None:
        self._options = dict(
            rate_limit=rate_limit,
            penalty_s=penalty_s,
            latency_ms=latency_ms,
            timing_scale=timing_scale,
            tokens=tokens,
            db=db,
            webhooks=webhooks,
        )
        self._address = (host, port)
        self.lb: LocalBase | None = None  # type: ignore[assignment]
        self._server: LocalBaseHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.token = DEFAULT_TOKEN

    def start(self) -> LocalBaseServer:
        self.lb = LocalBase(**self._options)  # type: ignore[arg-type]
        self._server = LocalBaseHTTPServer(self._address, self.lb)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="localbase-test",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self.lb is not None:
            self.lb.close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LocalBaseServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        return self._server.url

    def api(self, token: str | None = None, **kwargs: Any) -> Any:
        """A pyairtable ``Api`` pointed at this server (pyairtable is imported only here)."""
        from pyairtable import Api

        kwargs.setdefault("timeout", (5, 30))
        return Api(token or self.token, endpoint_url=self.url, **kwargs)

    def create_base(self, name: str = "Test base", tables: list[dict[str, Any]] | None = None) -> str:
        """A base (tables in Airtable's create-table format); returns its id."""
        assert self.lb is not None
        base_id, _ = self.lb.store.create_base(name, tables or [])
        return base_id

    def requests(self, since: int | None = None) -> list[dict[str, Any]]:
        """The API request log: dicts with method, path, query, status, base_id, user_id, time; with `since`
        (a `mark()`), only the requests logged after it."""
        assert self.lb is not None
        return self.lb.log.entries() if since is None else self.lb.log.since(since)

    def mark(self) -> int:
        """Requests logged so far: `requests(since=mark)` later gives those after it. The log keeps the last
        20,000 only, so on a session-long server `len(requests())` stops growing: never slice at it."""
        assert self.lb is not None
        return self.lb.log.mark()

    def clear_requests(self) -> None:
        assert self.lb is not None
        self.lb.log.clear()

    def set_faults(self, **faults: Any) -> dict[str, Any]:
        assert self.lb is not None
        return self.lb.faults.update(**faults)

    def add_automation(
        self,
        base_id: str,
        table: str,
        conditions: list[tuple[str, str, Any]],
        url: str,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """An Airtable Automation: when a record of `table` comes to meet every (field, "is" | "is not",
        value) condition, POST `{"recordId"}` to `url` with `headers` (scripts/localbase/automations.py)."""
        assert self.lb is not None
        return self.lb.automations.add(base_id, table, conditions, url, headers)

    def automation_runs(self) -> list[Any]:
        """Every Airtable Automation run so far: rule_id, record_id, status, answer, error."""
        assert self.lb is not None
        return self.lb.automations.runs()

    def advance_clock(self, seconds: float) -> None:
        assert self.lb is not None
        self.lb.clock.advance(seconds)

    def reset(self) -> None:
        assert self.lb is not None
        self.lb.reset()


class LocalBaseProcess:
    """``python -m scripts.localbase`` running as a child process; ``stop()`` sends SIGTERM.

    Its stdout/stderr are drained by threads (a full pipe would block the server); the last lines are kept
    in ``output``.
    """

    def __init__(self, proc: subprocess.Popen[str], url: str) -> None:
        self.proc = proc
        self.url = url
        self.output: deque[str] = deque(maxlen=500)
        self._drains = [
            threading.Thread(target=self._drain, args=(stream,), daemon=True)
            for stream in (proc.stdout, proc.stderr)
            if stream is not None
        ]
        for thread in self._drains:
            thread.start()

    def _drain(self, stream: Any) -> None:
        for line in stream:
            self.output.append(line.rstrip("\n"))

    def stop(self, timeout: float = 10) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for thread in self._drains:
            thread.join(timeout=5)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()
        return self.proc.returncode

    def __enter__(self) -> LocalBaseProcess:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def run_subprocess(port: int = 0, *, startup_timeout: float = 10, **options: Any) -> LocalBaseProcess:
    """Start the CLI (options as keywords: rate_limit=5, db=..., tokens=[...]) and wait for its ready line."""
    cmd = [sys.executable, "-m", "scripts.localbase", "--port", str(port)]
    for name, value in options.items():
        if name == "tokens":
            for token in value:
                cmd += ["--token", token]
        elif value is True:
            cmd.append("--" + name.replace("_", "-"))
        elif value is not None and value is not False:  # 0 is a value (rate_limit=0 = off)
            cmd += ["--" + name.replace("_", "-"), str(value)]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        cmd, cwd=_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    url = None
    deadline = time.monotonic() + startup_timeout
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break  # exited
        if line.startswith("localbase: serving "):
            url = line.split("serving ", 1)[1].strip()
        elif line.strip() == "localbase: ready" and url:
            return LocalBaseProcess(proc, url)
    proc.kill()
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    for stream in (proc.stdout, proc.stderr):
        if stream:
            stream.close()
    raise RuntimeError(f"localbase did not become ready: {err.strip()}")
