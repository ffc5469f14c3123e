"""Survey links: the session id and the last day the link works, signed with a key derived from APP_SECRET.

A token is `<session id>.<expiry day, YYYYMMDD>.<signature>`: no email address, no storage; the session's
own Satisfaction makes an answer count once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from automation.errors import ConfigError, SignatureError

_PURPOSE = b"leadership-os/survey/v1"
_SHAPE = re.compile(r"^(rec[A-Za-z0-9]{3,32})\.(\d{8})\.([A-Za-z0-9_-]{22})$")


class SurveyLinkExpired(SignatureError):
    """The signature is right but the link is past its last day."""


@dataclass(frozen=True)
class SurveyLink:
    session_id: str
    expires: date


def _key(app_secret: str | None) -> bytes:
    if not app_secret:
        raise ConfigError("APP_SECRET is not set: it signs survey links (any long random string)")
    # A key of its own: a survey signature can never be replayed as an unsubscribe one, or the reverse.
    return hmac.new(app_secret.encode(), _PURPOSE, hashlib.sha256).digest()


def _sign(app_secret: str | None, payload: str) -> str:
    mac = hmac.new(_key(app_secret), payload.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def make_token(app_secret: str | None, session_id: str, expires: date) -> str:
    payload = f"{session_id}.{expires:%Y%m%d}"
    return f"{payload}.{_sign(app_secret, payload)}"


def verify_token(app_secret: str | None, token: str | None, today: date) -> SurveyLink:
    """The link's session; SignatureError when malformed or tampered, SurveyLinkExpired when too old."""
    match = _SHAPE.match((token or "").strip())
    if not match:
        raise SignatureError("survey link is malformed")
    session_id, day, signature = match.groups()
    if not hmac.compare_digest(signature, _sign(app_secret, f"{session_id}.{day}")):
        raise SignatureError("survey link signature does not match")
    try:
        expires = datetime.strptime(day, "%Y%m%d").date()
    except ValueError as exc:
        raise SignatureError("survey link date is not a date") from exc
    if today > expires:
        raise SurveyLinkExpired("survey link has expired")
    return SurveyLink(session_id, expires)


def survey_url(public_base_url: str, token: str) -> str:
    return f"{public_base_url.rstrip('/')}/api/survey?{urlencode({'token': token})}"
