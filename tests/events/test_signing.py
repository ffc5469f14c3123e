"""MAC verification (Airtable's algorithm), shared secrets and bearer tokens, secrets at rest."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from automation.errors import ConfigError, SignatureError
from automation.events.secretbox import decrypt, encrypt
from automation.events.signing import airtable_mac, bearer_matches, secret_matches, verify_airtable_mac

SECRET = base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
BODY = b'{"base":{"id":"app1"},"webhook":{"id":"ach1"},"timestamp":"2026-11-20T10:15:00.000Z"}'


def sign_airtable(body: bytes, secret_b64: str) -> str:
    """Airtable's documented algorithm, written independently of the code under test."""
    return "hmac-sha256=" + hmac.new(base64.b64decode(secret_b64), body, hashlib.sha256).hexdigest()


def test_verify_airtable_mac__valid_signature_passes():
    verify_airtable_mac(BODY, sign_airtable(BODY, SECRET), SECRET)
    assert airtable_mac(BODY, SECRET) == sign_airtable(BODY, SECRET)


@pytest.mark.parametrize(
    "body,header",
    [
        (BODY + b" ", sign_airtable(BODY, SECRET)),
        (BODY, sign_airtable(BODY, base64.b64encode(b"other").decode())),
        (BODY, None),
        (BODY, ""),
        (BODY, sign_airtable(BODY, SECRET)[len("hmac-sha256=") :]),
    ],
    ids=["tampered-body", "wrong-secret", "missing", "empty", "no-prefix"],
)
def test_verify_airtable_mac__bad_signature_raises(body, header):
    with pytest.raises(SignatureError):
        verify_airtable_mac(body, header, SECRET)


@pytest.mark.parametrize(
    "given,expected,ok",
    [("s3cret", "s3cret", True), ("s3cret ", "s3cret", False), (None, "s3cret", False), ("x", None, False)],
    ids=["equal", "trailing-space", "missing", "unset-secret-never-matches"],
)
def test_secret_matches(given, expected, ok):
    assert secret_matches(given, expected) is ok


def test_bearer_matches__only_exact_bearer_header():
    assert bearer_matches("Bearer abc", "abc")
    assert not bearer_matches("abc", "abc")
    assert not bearer_matches("Bearer abd", "abc")
    assert not bearer_matches("Bearer ", "")


def test_secretbox__round_trip_and_ciphertext_hides_the_secret():
    stored = encrypt(SECRET, "app-secret")
    assert SECRET not in stored
    assert decrypt(stored, "app-secret") == SECRET


def test_secretbox__wrong_app_secret_is_a_config_error():
    with pytest.raises(ConfigError, match="cannot be decrypted"):
        decrypt(encrypt(SECRET, "one"), "two")


def test_secretbox__missing_app_secret_is_a_config_error():
    with pytest.raises(ConfigError, match="APP_SECRET"):
        encrypt(SECRET, None)


def test_secretbox__plaintext_in_state_is_refused():
    with pytest.raises(ConfigError, match="not encrypted"):
        decrypt(SECRET, "app-secret")
