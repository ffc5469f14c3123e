"""Cell values per field type: validation and typecast of V1 writes, V2 (webhook) and string forms.

V1 is what the records API reads and writes (reference §1.11); empty values (``""``, ``[]``, ``false``,
``None``) are stored as absent, so reads leave them out as Airtable does.
"""

from __future__ import annotations

import math
import mimetypes
import zoneinfo
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any, Protocol
from urllib.parse import urlparse

from scripts.localbase import errors, fieldtypes
from scripts.localbase.clock import iso
from scripts.localbase.ids import new_id
from scripts.localbase.model import FieldInfo

TEXT = fieldtypes.TEXT_TYPES
NUMERIC = {"number", "currency", "percent", "duration"}  # rating is numeric too but has its own rules
TRUE_WORDS = {"true", "yes", "y", "1", "checked", "on", "x"}
FALSE_WORDS = {"false", "no", "n", "0", "unchecked", "off", ""}
TYPECAST_DATE_FORMATS = ("%Y/%m/%d", "%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y")

LinkNames = Callable[[str], str]


class WriteContext(Protocol):
    """What validation needs from the write in progress."""

    def choices(self, field: FieldInfo) -> list[dict[str, Any]]: ...
    def add_choice(self, field: FieldInfo, name: str) -> dict[str, Any]: ...
    def link_ids(self, field: FieldInfo, items: list[str], typecast: bool) -> list[str]: ...
    def attachments(self, field: FieldInfo) -> list[dict[str, Any]]: ...


def to_cell(field: FieldInfo, value: Any, *, typecast: bool, ctx: WriteContext) -> Any:
    """The V1 value to store for a write of ``value``, or None when it is empty (cleared)."""
    if value is None:
        return None
    t = field.type
    bad = errors.invalid_value(field.name)
    if t in TEXT:
        if isinstance(value, str):
            return value or None
        if typecast and isinstance(value, bool | int | float):
            return _number_text(value) if not isinstance(value, bool) else str(value).lower()
        raise bad
    if t in NUMERIC:
        number = _to_number(value, typecast, percent=t == "percent")
        if number is _BAD:
            raise bad
        return number
    if t == "rating":
        number = _to_number(value, typecast)
        if number is None or number == 0:
            return None
        top = (field.options or {}).get("max", 10)
        if number is _BAD or number != int(number) or not 1 <= number <= top:
            raise bad
        return int(number)
    if t == "checkbox":
        if isinstance(value, bool):
            return value or None
        if typecast and isinstance(value, str) and value.strip().lower() in TRUE_WORDS | FALSE_WORDS:
            return (value.strip().lower() in TRUE_WORDS) or None
        if typecast and isinstance(value, int | float):
            return bool(value) or None
        raise bad
    if t == "date":
        return _date_value(value, typecast, bad)
    if t == "dateTime":
        return _datetime_value(value, field, typecast, bad)
    if t == "singleSelect":
        return _choice(field, value, typecast, ctx)
    if t == "multipleSelects":
        if typecast and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list):
            raise bad
        names = [_choice(field, v, typecast, ctx) for v in value]
        return _dedupe(n for n in names if n) or None
    if t == "multipleRecordLinks":
        return _links(field, value, typecast, ctx, bad)
    if t == "multipleAttachments":
        return _attachments(field, value, ctx, bad)
    if t == "singleCollaborator":
        return _collaborator(value, bad)
    if t == "multipleCollaborators":
        if not isinstance(value, list):
            raise bad
        return [_collaborator(v, bad) for v in value] or None
    if t == "barcode":
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            raise bad
        return {k: value[k] for k in ("text", "type") if k in value}
    raise bad


_BAD: Any = object()


def _to_number(value: Any, typecast: bool, percent: bool = False) -> Any:
    if isinstance(value, bool):
        return _BAD
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return _BAD
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if typecast and isinstance(value, str):
        text = value.strip().replace(",", "").lstrip("$€£¥")
        if not text:
            return None
        scale = 1.0
        if text.endswith("%"):
            text, scale = text[:-1], (0.01 if percent else 1.0)
        try:
            number = float(text) * scale
        except ValueError:
            return _BAD
        return _to_number(number, False)
    return _BAD


def _number_text(value: float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _date_value(value: Any, typecast: bool, bad: Exception) -> str | None:
    if not isinstance(value, str):
        raise bad
    text = value.strip()
    if not text:
        return None
    parsed = _iso_date(text) or _typecast_date(text, typecast)
    if parsed is None:
        raise bad
    return parsed.isoformat()


def _iso_date(text: str) -> date | None:
    """``2024-01-02``, or the date part of an ISO date-time as written."""
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _typecast_date(text: str, typecast: bool) -> date | None:
    if typecast:
        for fmt in TYPECAST_DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
    return None


def _datetime_value(value: Any, field: FieldInfo, typecast: bool, bad: Exception) -> str | None:
    if not isinstance(value, str):
        raise bad
    text = value.strip()
    if not text:
        return None
    tz = _zone(field)
    when: datetime | None = None
    if len(text) != 10:
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            when = None
    if when is None:
        day = _iso_date(text) if len(text) == 10 else None
        day = day or _typecast_date(text, typecast)
        if day is None:
            raise bad
        when = datetime.combine(day, time(0))
    # A string without a zone is read in the field's time zone (utc/client: UTC) [doc AT-field-model].
    return iso(when if when.tzinfo else when.replace(tzinfo=tz))


def _zone(field: FieldInfo) -> Any:
    name = (field.options or {}).get("timeZone", "utc")
    if name in ("utc", "client"):
        return UTC
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return UTC


def _choice(field: FieldInfo, value: Any, typecast: bool, ctx: WriteContext) -> str | None:
    if not isinstance(value, str):
        if not typecast or isinstance(value, list | dict) or value is None:
            raise errors.invalid_value(field.name)
        value = _number_text(value) if not isinstance(value, bool) else str(value).lower()
    if value == "":
        return None
    for choice in ctx.choices(field):
        if value in (choice["name"], choice["id"]):
            return choice["name"]
    if not typecast:
        raise errors.invalid_choice(value)
    return ctx.add_choice(field, value)["name"]


def _links(
    field: FieldInfo, value: Any, typecast: bool, ctx: WriteContext, bad: Exception
) -> list[str] | None:
    if typecast and isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise bad
    items = []
    for item in value:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            item = item["id"]
        if not isinstance(item, str):
            raise bad
        items.append(item)
    return _dedupe(ctx.link_ids(field, items, typecast)) or None


def _attachments(
    field: FieldInfo, value: Any, ctx: WriteContext, bad: Exception
) -> list[dict[str, Any]] | None:
    if not isinstance(value, list):
        raise bad
    existing = {a["id"]: a for a in ctx.attachments(field)}
    out = []
    for item in value:
        if not isinstance(item, dict):
            raise bad
        if "url" not in item and item.get("id") in existing:
            out.append(existing[item["id"]])
            continue
        url = item.get("url")
        if not isinstance(url, str) or urlparse(url).scheme not in ("http", "https"):
            raise bad
        filename = item.get("filename") or urlparse(url).path.rsplit("/", 1)[-1] or "file"
        mime = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        # Uploads are not modelled: the URL is kept as given and size is unknown (0).
        out.append({"id": new_id("att"), "url": url, "filename": filename, "size": 0, "type": mime})
    return out or None


def _collaborator(value: Any, bad: Exception) -> dict[str, Any]:
    if not isinstance(value, dict) or not (
        isinstance(value.get("id"), str) or isinstance(value.get("email"), str)
    ):
        raise bad
    return {k: value[k] for k in ("id", "email", "name") if isinstance(value.get(k), str)}


def _dedupe(values: Any) -> list[Any]:
    seen: set[Any] = set()
    out = []
    for v in values:
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


# ---- reading: V2 (webhooks), plain text (formulas, link names), string format, sorting ----


def choice_of(field: FieldInfo, name: str) -> dict[str, Any]:
    for choice in (field.options or {}).get("choices", []):
        if choice["name"] == name:
            return choice
    return {"id": None, "name": name}


def to_v2(field: FieldInfo, value: Any, link_names: LinkNames | None = None) -> Any:
    """The webhook (V2) form: selects as ``{id,name,color}``, links as ``[{id,name}]``."""
    if value is None:
        return None
    if field.type == "singleSelect":
        return dict(choice_of(field, value))
    if field.type == "multipleSelects":
        return [dict(choice_of(field, v)) for v in value]
    if field.type == "multipleRecordLinks":
        return [{"id": r, "name": link_names(r) if link_names else r} for r in value]
    return value


def text(field: FieldInfo, value: Any, link_names: LinkNames | None = None) -> str:
    """A cell as plain text: how a primary value names a linked record."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "checked" if value else ""
    if isinstance(value, int | float):
        return _number_text(value)
    if isinstance(value, str):
        return value
    if field.type == "multipleRecordLinks":
        return ", ".join(link_names(r) if link_names else r for r in value)
    if isinstance(value, list):
        return ", ".join(_item_text(v) for v in value)
    return _item_text(value)


def _item_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(
            value.get("name") or value.get("filename") or value.get("text") or value.get("email") or ""
        )
    return str(value)


def formatted(field: FieldInfo, value: Any, link_names: LinkNames | None = None) -> str:
    """``cellFormat=string``: numbers with the field's precision, currency symbol, percent, duration."""
    opts = field.options or {}
    if isinstance(value, int | float) and not isinstance(value, bool):
        if field.type == "currency":
            return f"{opts.get('symbol', '$')}{value:,.{opts.get('precision', 2)}f}"
        if field.type == "percent":
            return f"{value * 100:.{opts.get('precision', 0)}f}%"
        if field.type == "duration":
            minutes, seconds = divmod(int(value), 60)
            hours, minutes = divmod(minutes, 60)
            return f"{hours}:{minutes:02d}" + (
                f":{seconds:02d}" if opts.get("durationFormat") != "h:mm" else ""
            )
        if field.type == "number":
            return f"{value:.{opts.get('precision', 0)}f}"
    return text(field, value, link_names)


def sort_key(field: FieldInfo, value: Any, link_names: LinkNames | None = None) -> tuple[int, Any]:
    """Ascending order key; empty cells sort first (and last when descending)."""
    if value is None:
        return (0, 0)
    if field.type == "singleSelect":  # selects sort by the order of their choices, as in Airtable
        return (1, _choice_rank(field, value))
    if field.type == "multipleSelects":
        return (1, tuple(_choice_rank(field, v) for v in value))
    if isinstance(value, bool | int | float):
        return (1, value)
    return (1, text(field, value, link_names).casefold())


def _choice_rank(field: FieldInfo, name: str) -> int:
    names = [c["name"] for c in (field.options or {}).get("choices", [])]
    return names.index(name) if name in names else len(names)
