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
