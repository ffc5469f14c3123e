"""Python values <-> Airtable cell JSON, and "is this value really a change?" for diff-aware writes.

Writes are Python values by field key: date -> "YYYY-MM-DD", aware datetime -> ISO with ms and Z, links as
record ids. Airtable omits empty cells (None, "", False, []) when it returns a record, and returns
datetimes in its own format, so comparisons normalise both sides first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from schema.model import FieldDef

TEXT = frozenset({"singleLineText", "email", "url", "phoneNumber", "multilineText", "richText"})
NUMBER = frozenset({"number", "currency", "percent", "duration"})
LISTS = frozenset({"multipleSelects", "multipleRecordLinks"})


class CellError(ValueError):
    """A value that cannot be written to the field; the message is the reason."""


def is_empty(value: Any) -> bool:
    """Airtable's notion of an empty cell: None, "", False or an empty list (0 is a value)."""
    return (
        value is None
        or value is False
        or value == ""
        or (isinstance(value, list | tuple | set) and not value)
    )


def to_airtable(fdef: FieldDef, value: Any) -> Any:
    """The cell JSON for a Python value; raises CellError when the value does not fit the field type."""
    kind = fdef.type
    if kind == "checkbox":
        if value is None or isinstance(value, bool):
            return bool(value)
        raise CellError(f"expected True/False, got {type(value).__name__}")
    if kind in LISTS:
        return _ids_or_names(value, kind)
    if value is None or value == "":
        return None
    if kind in TEXT or kind == "singleSelect":
        if isinstance(value, str):
            return value
        raise CellError(f"expected text, got {type(value).__name__}")
    if kind in NUMBER:
        return _number(value, kind)
    if kind == "rating":
        n = _number(value, kind)
        if n != int(n) or n < 0:
            raise CellError("a rating is a whole number of stars")
        return int(n) or None  # Airtable stores no 0 rating: 0 stars is an empty cell
    if kind == "date":
        return _date(value).isoformat()
    if kind == "dateTime":
        return _instant(value).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    raise CellError(f"the gateway does not write {kind} fields")


def same(fdef: FieldDef, old: Any, new: Any) -> bool:
    """Whether writing `new` over `old` would change nothing the coach can see."""
    try:
        a, b = _comparable(fdef, old), _comparable(fdef, new)
    except CellError:
        return False  # not comparable: let the write report it
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def _comparable(fdef: FieldDef, value: Any) -> Any:
    if is_empty(value):
        return None
    kind = fdef.type
    if kind in LISTS:
        return frozenset(_ids_or_names(value, kind))
    if kind in NUMBER or kind == "rating":
        return float(_number(value, kind))
    if kind == "date":
        return _date(value)
    if kind == "dateTime":
        return _instant(value)
    return value  # text and select names are compared exactly


def _number(value: Any, kind: str) -> float | int:
    if kind == "duration" and isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise CellError(f"expected a number, got {type(value).__name__}")
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError("a number must be finite")
    return value


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        raise CellError("a date field takes a date, not a datetime (convert in the business time zone)")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise CellError("expected a date (YYYY-MM-DD)")


def _instant(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise CellError("expected an ISO datetime") from None
    if not isinstance(value, datetime):
        raise CellError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None:
        raise CellError("a datetime must be timezone-aware (UTC)")
    # Airtable keeps milliseconds: compare and write at that precision.
    value = value.astimezone(UTC)
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def _ids_or_names(value: Any, kind: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str) or hasattr(value, "id"):
        value = [value]
    if not isinstance(value, Iterable):
        raise CellError(f"expected a list, got {type(value).__name__}")
    items = sorted(value) if isinstance(value, set | frozenset) else list(value)
    out = []
    for item in items:
        if kind == "multipleRecordLinks" and hasattr(item, "id"):
            item = item.id  # a Record: link to it
        if not isinstance(item, str) or not item:
            raise CellError(
                "expected record ids" if kind == "multipleRecordLinks" else "expected option names"
            )
        out.append(item)
    return out
