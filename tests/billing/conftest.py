"""Billing tests reuse the gateway fixtures (a fresh base on the shared local server)."""

from tests.gateway.conftest import base_id, gw  # noqa: F401
