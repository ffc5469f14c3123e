"""Unsubscribe tokens: the lead or client record id, signed with APP_SECRET (HMAC-SHA256).

A token is `l.<record id>.<signature>` (lead) or `c.<record id>.<signature>` (client). It holds no
email address (links are logged by mail scanners) and needs no storage: the record's own state makes it
work once (an unsubscribed lead is not unsubscribed again).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlencode

from automation.errors import ConfigError, SignatureError

_PURPOSE = b"leadership-os/unsubscribe/v1"
_SHAPE = re.compile(r"^([lc])\.(rec[A-Za-z0-9]{3,32})\.([A-Za-z0-9_-]{22})$")
_TABLE = {"l": "leads", "c": "clients"}


@dataclass(frozen=True)
class Subject:
    """Who a token unsubscribes."""

    table: Literal["leads", "clients"]
    record_id: str


def _key(app_secret: str | None) -> bytes:
    if not app_secret:
        raise ConfigError("APP_SECRET is not set: it signs unsubscribe links (any long random string)")
    # A key of its own, so an unsubscribe signature can never be replayed as another APP_SECRET use.
    return hmac.new(app_secret.encode(), _PURPOSE, hashlib.sha256).digest()


def _sign(app_secret: str | None, prefix: str, record_id: str) -> str:
    mac = hmac.new(_key(app_secret), f"{prefix}.{record_id}".encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def make_token(app_secret: str | None, table: Literal["leads", "clients"], record_id: str) -> str:
    """A signed token for this lead or client."""
    prefix = "l" if table == "leads" else "c"
    return f"{prefix}.{record_id}.{_sign(app_secret, prefix, record_id)}"


def verify_token(app_secret: str | None, token: str | None) -> Subject:
    """The token's subject; SignatureError when it is malformed or its signature does not match."""
    match = _SHAPE.match((token or "").strip())
    if not match:
        raise SignatureError("unsubscribe token is malformed")
    prefix, record_id, signature = match.groups()
    if not hmac.compare_digest(signature, _sign(app_secret, prefix, record_id)):
        raise SignatureError("unsubscribe token signature does not match")
    return Subject(_TABLE[prefix], record_id)  # type: ignore[arg-type]


def unsubscribe_url(public_base_url: str, token: str) -> str:
    """The link in the email footer and the List-Unsubscribe header."""
    return f"{public_base_url.rstrip('/')}/api/unsubscribe?{urlencode({'token': token})}"
