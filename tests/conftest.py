"""Suite-wide fixtures: the shared local Airtable server, and a guard that keeps tests order-independent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from automation import run_context
from scripts.localbase.testing import LocalBaseServer


@pytest.fixture(autouse=True)
def _no_run_leaks_into_the_next_test() -> Iterator[None]:
    """A test that opens a run and never closes it would hand its (soon expired) budget to every later
    test in this thread: the gateway would refuse to wait for anything. Unbind whatever is left."""
    token = run_context._current.set(None)
    yield
    run_context._current.reset(token)


@pytest.fixture(scope="session")
def server() -> Iterator[LocalBaseServer]:
    """One local Airtable-compatible server for the session; each test builds its own base on it."""
    with LocalBaseServer(rate_limit=0) as srv:
        yield srv


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    """Say plainly whether the browser tests ran (a skipped Chromium check is easy to miss among dots), and
    what the API sweep sent."""
    from tests.support import SWEEP

    if SWEEP["requests"]:
        terminalreporter.write_line(
            f"API sweep: {SWEEP['requests']} requests over {len(SWEEP['covered'])} routes, "
            f"{SWEEP['5xx']} answered 5xx (other than 503)"
        )
    browser = [
        r
        for key in ("passed", "failed", "skipped", "error")
        for r in terminalreporter.stats.get(key, [])
        if getattr(r, "when", "call") in ("call", "setup") and "browser" in getattr(r, "keywords", {})
    ]
    if not browser:
        return
    skipped = sum(1 for r in browser if r.skipped)
    ran = len({r.nodeid for r in browser if not r.skipped})
    if skipped:
        terminalreporter.write_line(
            f"browser tests: {skipped} SKIPPED (headless Chromium not installed; `make test` installs it "
            "as root with apt-get)",
            yellow=True,
        )
    else:
        terminalreporter.write_line(f"browser tests: {ran} ran in headless Chromium")
