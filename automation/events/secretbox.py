"""Encryption of secrets kept in System State (every collaborator of the base can read that table).

The Fernet key is derived from APP_SECRET with HKDF-SHA256, so any length of APP_SECRET works and the key
is never stored. Rotating APP_SECRET makes stored secrets unreadable: re-run register_webhooks.
"""

from __future__ import annotations

import base64
from functools import lru_cache

from automation.errors import ConfigError

_PREFIX = "fernet1:"


@lru_cache(maxsize=4)
def _fernet(app_secret: str):  # -> cryptography.fernet.Fernet (imported lazily: cold starts)
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"leadership-os system-state v1").derive(
        app_secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _require(app_secret: str | None) -> str:
    if not app_secret:
        raise ConfigError("APP_SECRET is not set: it encrypts the webhook secrets kept in System State")
    return app_secret


def encrypt(plaintext: str, app_secret: str | None) -> str:
    """Text safe to store in a base everybody can read."""
    token = _fernet(_require(app_secret)).encrypt(plaintext.encode())
    return _PREFIX + token.decode()


def decrypt(stored: str, app_secret: str | None) -> str:
    """The plaintext; ConfigError when APP_SECRET is not the one that encrypted it."""
    from cryptography.fernet import InvalidToken

    if not stored.startswith(_PREFIX):
        raise ConfigError("a secret in System State is not encrypted: re-run scripts.register_webhooks")
    try:
        return _fernet(_require(app_secret)).decrypt(stored[len(_PREFIX) :].encode()).decode()
    except InvalidToken:
        raise ConfigError(
            "a secret in System State cannot be decrypted with this APP_SECRET "
            "(was it changed?): re-run scripts.register_webhooks"
        ) from None
