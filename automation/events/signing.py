"""Signature and shared-secret checks at the edge, all in constant time (pure: no I/O)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from automation.errors import SignatureError

MAC_PREFIX = "hmac-sha256="


def airtable_mac(raw_body: bytes, mac_secret_base64: str) -> str:
    """The X-Airtable-Content-MAC value Airtable sends: HMAC-SHA256 keyed by the base64-decoded secret."""
    try:
        key = base64.b64decode(mac_secret_base64, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError("stored MAC secret is not base64") from None
    return MAC_PREFIX + hmac.new(key, raw_body, hashlib.sha256).hexdigest()


def verify_airtable_mac(raw_body: bytes, header: str | None, mac_secret_base64: str) -> None:
    """Raise SignatureError unless `header` is the MAC of the raw body (constant-time comparison)."""
    expected = airtable_mac(raw_body, mac_secret_base64)
    if not header or not hmac.compare_digest(expected.encode(), header.strip().lower().encode()):
        raise SignatureError("X-Airtable-Content-MAC does not match the body")


def secret_matches(given: str | None, expected: str | None) -> bool:
    """Shared-secret comparison in constant time; an unset expected secret never matches."""
    if not expected or given is None:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def bearer_matches(authorization: str | None, expected_secret: str | None) -> bool:
    """`Authorization: Bearer <secret>` as Vercel Cron sends it."""
    if not expected_secret:
        return False
    return secret_matches(authorization, f"Bearer {expected_secret}")
