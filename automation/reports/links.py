"""Signed links to the dashboard (the coach) and to each associate's page, from APP_SECRET (HMAC-SHA256).

`d.<sig>` opens the dashboard; `a.<associate record id>.<sig>` opens that associate's page and nothing else.
Changing APP_SECRET revokes every link. No storage: the signature is the permission.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from automation.errors import ConfigError

_PURPOSE = b"leadership-os/reports/v1"
_ASSOC = re.compile(r"^a\.(rec[A-Za-z0-9]{3,32})\.([A-Za-z0-9_-]{22})$")


def _sign(secret: str | None, subject: str) -> str:
    if not secret:
        raise ConfigError("APP_SECRET is not set: it signs the dashboard and associate links")
    key = hmac.new(secret.encode(), _PURPOSE, hashlib.sha256).digest()
    mac = hmac.new(key, subject.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def dashboard_token(secret: str | None) -> str:
    return f"d.{_sign(secret, 'dashboard')}"


def chart_token(secret: str | None) -> str:
    """Opens the report's chart images only (it travels in emails): `c.<sig>`."""
    return f"c.{_sign(secret, 'charts')}"


def associate_token(secret: str | None, associate_id: str) -> str:
    return f"a.{associate_id}.{_sign(secret, 'a.' + associate_id)}"


@dataclass(frozen=True)
class Access:
    kind: str  # "dashboard" | "chart" | "associate"
    associate_id: str | None = None


def verify(secret: str | None, token: str | None) -> Access | None:
    """Who the token lets in; None when it is malformed or its signature does not match."""
    token = (token or "").strip()
    # Bytes: a query string may carry any character, which compare_digest refuses in a str (a TypeError).
    if token.startswith("d.") and hmac.compare_digest(token.encode(), dashboard_token(secret).encode()):
        return Access("dashboard")
    if token.startswith("c.") and hmac.compare_digest(token.encode(), chart_token(secret).encode()):
        return Access("chart")
    match = _ASSOC.match(token)
    if match and hmac.compare_digest(match.group(2), _sign(secret, "a." + match.group(1))):
        return Access("associate", match.group(1))
    return None
