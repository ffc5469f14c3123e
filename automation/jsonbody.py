"""Every JSON body a client can send is parsed here: size and nesting depth are bounded BEFORE parsing.

Python's json parser recurses once per bracket, so ten kilobytes of `[[[[...` exhaust the interpreter's
stack (RecursionError: a 500) before any signature could be checked. The scan below walks the body once,
without recursion, skipping string contents, and refuses a body deeper than the route's limit (400) or
larger (413) with a clear message. Each JSON route names its limit in LIMITS (one table to read).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from automation.errors import BadRequest, PayloadTooLarge

_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


@dataclass(frozen=True)
class Limit:
    max_bytes: int
    max_depth: int


# Generous for what each sender really posts, far below what could hurt the function.
LIMITS = {
    "lead-form": Limit(20_000, 8),  # a flat object of a dozen fields
    "airtable-ping": Limit(10_000, 8),  # {"base": {"id"}, "webhook": {"id"}, "timestamp"}
    "trigger": Limit(16_000, 8),  # {"recordIds": [...100 ids]}
    "sendgrid-events": Limit(8_000_000, 16),  # a batch of flat event objects (SendGrid batches up to ~MBs)
    "calendly": Limit(64_000, 16),  # payload.scheduled_event.event_memberships[...], questions and answers
    "stripe": Limit(2_000_000, 64),  # Stripe objects nest expanded objects several levels deep
}


def depth(raw: bytes, stop_at: int) -> int:
    """The deepest bracket nesting of a JSON text (strings skipped); stops counting past `stop_at`."""
    brackets = _STRINGS.sub(b"", raw).translate(None, _NOT_BRACKETS)
    level = deepest = 0
    for b in brackets:
        if b in b"[{":
            level += 1
            if level > deepest:
                deepest = level
                if deepest > stop_at:
                    break
        else:
            level -= 1
    return deepest


def check(raw: bytes, limit: Limit) -> None:
    """PayloadTooLarge (413) or BadRequest (400) when the body is over the limit; nothing is parsed."""
    if len(raw) > limit.max_bytes:
        raise PayloadTooLarge(f"the body is larger than {limit.max_bytes} bytes")
    if depth(raw, limit.max_depth) > limit.max_depth:
        raise BadRequest(f"the JSON nests deeper than {limit.max_depth} levels")


def loads(raw: bytes, route: str, *, empty: Any = None) -> Any:
    """The parsed body of a JSON route (`route` names its limit); BadRequest when it is not JSON.

    `empty` is what an empty body stands for (None: an empty body is not JSON)."""
    limit = LIMITS[route]
    check(raw, limit)
    if not raw.strip() and empty is not None:
        return empty
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):  # ValueError includes UnicodeDecodeError
        raise BadRequest("body is not valid JSON") from None


MAX_UNIX_TIME = 10**11  # seconds (the year 5138): a larger "timestamp" is nobody's


def unix_time(value: Any) -> int | None:
    """A Unix time in seconds as a JSON number gives it (an int, not a bool), else None: checked before any
    arithmetic, which a 400-digit number would overflow."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_UNIX_TIME:
        return None
    return value


def unix_time_text(text: str | None) -> int | None:
    """The same from a header's ASCII digits (a sign, a dot or other scripts' digits are not a Unix time)."""
    if not text or not (text.isascii() and text.isdigit() and len(text) <= 12):
        return None
    return unix_time(int(text))
