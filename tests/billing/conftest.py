"""Billing tests reuse the gateway fixtures (a fresh base on the shared local server), and share a fake Stripe
and the app wired to it (a test file that needs them defines its own `world`)."""

import pytest

from tests.billing.fake_stripe import FakeStripe
from tests.gateway.conftest import base_id, gw  # noqa: F401


@pytest.fixture
def stripe_fake():
    """Stripe's API as tests/billing/fake_stripe.py serves it on a local port, for the test's length."""
    with FakeStripe() as fake:
        yield fake


@pytest.fixture
def app(world, monkeypatch, tmp_path, stripe_fake):
    """The app under uvicorn on the test's `world`, its Stripe calls going to `stripe_fake`."""
    from tests.billing.test_stripe_webhook_http import running_app

    yield from running_app(
        world, monkeypatch, tmp_path, STRIPE_SECRET_KEY="sk_test_fake_0123", STRIPE_API_BASE=stripe_fake.url
    )
