"""Fixtures of the schedule tests: a fresh base on the local server with job contexts over HTTP."""

from __future__ import annotations

import pytest


@pytest.fixture
def world(server, tmp_path):
    from tests.leads.http_world import make_world

    return make_world(server, tmp_path)
