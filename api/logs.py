"""Access logs never carry a secret: query values that authorise a request are replaced before a log line
is written (the Inbound Parse secret if a URL still carries it, signed links' tokens)."""

from __future__ import annotations

import logging
import re

SECRET_PARAMS = ("secret", "token", "key", "signature", "password")
_QUERY_VALUE = re.compile(r"(?i)([?&](?:" + "|".join(SECRET_PARAMS) + r")=)[^&\s\"]*")


def redact(text: str) -> str:
    """`/api/survey?token=abc&x=1` -> `/api/survey?token=[redacted]&x=1`."""
    return _QUERY_VALUE.sub(r"\1[redacted]", text)


class RedactSecrets(logging.Filter):
    """On uvicorn's access logger: its record args are (client, method, path with query, version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def install() -> None:
    for name in ("uvicorn.access", "uvicorn.error"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(RedactSecrets())
