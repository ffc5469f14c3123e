"""The Event Webhook signature: verified with the dashboard's public key; tampering is refused."""

from __future__ import annotations

import pytest

from automation.errors import BadRequest, ConfigError, SignatureError
from automation.messages.sendgrid_events import SIGNATURE_HEADER, TIMESTAMP_HEADER, parse, verify
from tests.messages.sendgrid_signing import SendGridSigner

NOW = 1_790_000_000
BODY = b'[{"email":"jo@acme.example","event":"delivered","los_message_id":"recM1"}]'


@pytest.fixture(scope="module")
def signer():
    return SendGridSigner()


def _verify(signer, body, headers, key=None, now=NOW):
    verify(
        key or signer.public_key, body, headers.get(SIGNATURE_HEADER), headers.get(TIMESTAMP_HEADER), now=now
    )


def test_verify__a_genuine_post_passes(signer):
    _verify(signer, BODY, signer.headers(BODY, NOW))


def test_verify__a_pem_key_works_too(signer):
    import base64
    import textwrap

    pem = (
        "-----BEGIN PUBLIC KEY-----\n"
        + "\n".join(textwrap.wrap(signer.public_key, 64))
        + "\n-----END PUBLIC KEY-----"
    )
    assert base64.b64decode(signer.public_key)
    _verify(signer, BODY, signer.headers(BODY, NOW), key=pem)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda h, b: (h, b.replace(b"delivered", b"bounce")),
        lambda h, b: ({**h, TIMESTAMP_HEADER: str(NOW + 1)}, b),
        lambda h, b: ({k: v for k, v in h.items() if k != SIGNATURE_HEADER}, b),
        lambda h, b: ({**h, SIGNATURE_HEADER: "bm90IGEgc2lnbmF0dXJl"}, b),
        lambda h, b: ({**h, SIGNATURE_HEADER: "%%%"}, b),
        lambda h, b: ({**h, TIMESTAMP_HEADER: "9" * 400}, b),
        lambda h, b: ({**h, TIMESTAMP_HEADER: "-1"}, b),
        lambda h, b: ({**h, TIMESTAMP_HEADER: "1e9"}, b),
        lambda h, b: ({**h, TIMESTAMP_HEADER: "١٧٩٠٠٠٠٠٠٠"}, b),
    ],
    ids=[
        "body",
        "timestamp",
        "missing",
        "wrong",
        "garbage",
        "400-digit",
        "negative",
        "float",
        "arabic-digits",
    ],
)
def test_verify__tampered_is_refused(signer, tamper):
    headers, body = tamper(signer.headers(BODY, NOW), BODY)
    with pytest.raises(SignatureError):
        _verify(signer, body, headers)


def test_verify__another_key_is_refused(signer):
    with pytest.raises(SignatureError):
        _verify(signer, BODY, signer.headers(BODY, NOW), key=SendGridSigner().public_key)


def test_verify__a_replayed_old_post_is_refused(signer):
    with pytest.raises(SignatureError, match="window"):
        _verify(signer, BODY, signer.headers(BODY, NOW - 3 * 24 * 3600))


def test_verify__without_the_key_says_what_to_set():
    with pytest.raises(ConfigError, match="SENDGRID_WEBHOOK_PUBLIC_KEY"):
        verify(None, BODY, "sig", str(NOW), now=NOW)


@pytest.mark.parametrize(
    "body", [b"nope", b'{"event": "x"}', b"[1, 2]"], ids=["not-json", "object", "not-objects"]
)
def test_parse__refuses_what_is_not_an_event_array(body):
    with pytest.raises(BadRequest):
        parse(body)
