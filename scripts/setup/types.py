"""Airtable field types as a person sees them in the UI, and which differences the automation tolerates."""

from __future__ import annotations

from typing import Any

from schema.tables import TABLES

# Types the API cannot create or write (AT-field-model "read only"): the automation writes plain fields.
COMPUTED = {
    "formula",
    "rollup",
    "multipleLookupValues",
    "count",
    "autoNumber",
    "createdTime",
    "lastModifiedTime",
    "createdBy",
    "lastModifiedBy",
    "button",
    "aiText",
    "externalSyncSource",
}
# Within a group the automation reads and writes the same Python value, so a field of a sibling type works.
_GROUPS = [
    {"singleLineText", "multilineText", "richText", "email", "url", "phoneNumber"},
    {"number", "currency"},
]

_LABELS = {
    "singleLineText": "Single line text",
    "multilineText": "Long text",
    "richText": "Long text (rich text)",
    "email": "Email",
    "url": "URL",
    "phoneNumber": "Phone number",
    "number": "Number",
    "currency": "Currency",
    "percent": "Percent",
    "rating": "Rating",
    "checkbox": "Checkbox",
    "date": "Date",
    "dateTime": "Date with time",
    "duration": "Duration",
    "singleSelect": "Single select",
    "multipleSelects": "Multiple select",
    "multipleRecordLinks": "Link to another record",
    "multipleAttachments": "Attachment",
    "formula": "Formula",
    "rollup": "Rollup",
    "multipleLookupValues": "Lookup",
    "count": "Count",
    "autoNumber": "Autonumber",
}


def is_computed(field_type: str) -> bool:
    return field_type in COMPUTED


def compatible(wanted: str, actual: str) -> bool:
    return wanted == actual or any(wanted in g and actual in g for g in _GROUPS)


def type_label(field_type: str, options: dict[str, Any] | None = None, link_table: str | None = None) -> str:
    """'Number (precision 1)', 'Link to another record (Clients)', 'Single select (Low, Medium, High)'."""
    label = _LABELS.get(field_type, field_type)
    opts = options or {}
    if link_table:
        return f"{label} ({TABLES[link_table].name})"
    if "choices" in opts:
        return f"{label} ({', '.join(c['name'] for c in opts['choices'])})"
    if field_type in ("number", "percent") and "precision" in opts:
        return f"{label} (precision {opts['precision']})"
    if field_type == "currency":
        return f"{label} ({opts.get('symbol', '$')}, precision {opts.get('precision', 2)})"
    if field_type == "rating":
        return f"{label} (max {opts.get('max', 5)})"
    return label
