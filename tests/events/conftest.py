"""Helpers for the events tests: sample payloads by name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"


def load_sample(name: str) -> Any:
    """A real-shaped JSON sample from tests/events/data/."""
    return json.loads((DATA / f"{name}.json").read_text())


@pytest.fixture
def sample():
    return load_sample


@pytest.fixture(scope="module")
def world():
    """One base set up from schema/, the app as a real process and its registered webhook, per module."""
    from scripts.localbase.testing import LocalBaseServer
    from tests.events.harness import World

    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        w = World(srv)
        yield w
        w.close()
