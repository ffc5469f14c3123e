"""Webhook specification: validation of `specification.options` and the filters it implies (pure).

Airtable's rules (reference §3.3): `filters.dataTypes` is required; ids (not names) everywhere; every other
key optional. Unknown keys or wrong types are refused as a body Airtable does not understand (422).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

DATA_TYPES = ("tableData", "tableFields", "tableMetadata")
CHANGE_TYPES = ("add", "remove", "update")
SOURCES = (
    "client",
    "publicApi",
    "formSubmission",
    "formPageSubmission",
    "automation",
    "system",
    "sync",
    "anonymousUser",
    "unknown",
)
FILTER_KEYS = {
    "dataTypes",
    "recordChangeScope",
    "changeTypes",
    "fromSources",
    "sourceOptions",
    "watchDataInFieldIds",
    "watchSchemasOfFieldIds",
}
INCLUDE_KEYS = {"includeCellValuesInFieldIds", "includePreviousCellValues", "includePreviousFieldDefinitions"}


class SpecError(ValueError):
    """The specification is not one Airtable would accept; the message says why."""


@dataclass(frozen=True)
class Spec:
    """A validated specification, as the payload builder uses it."""

    data_types: frozenset[str]
    scope_table: str | None = None  # recordChangeScope resolved to its table
    scope: str | None = None  # recordChangeScope as given (tbl… or viw…)
    change_types: frozenset[str] = frozenset(CHANGE_TYPES)
    from_sources: frozenset[str] | None = None  # None: every source
    watch_data: frozenset[str] | None = None
    watch_schemas: frozenset[str] | None = None
    include_cells: frozenset[str] | str | None = None  # field ids, "all", or None
    include_previous: bool = False
    include_previous_fields: bool = False
    raw: Mapping[str, Any] = field(default_factory=dict)  # the specification as sent, echoed by list


@dataclass(frozen=True)
class BaseShape:
    """What validation needs to know about a base: tables' field ids, and views (id -> table id)."""

    tables: Mapping[str, Collection[str]]
    views: Mapping[str, str] = field(default_factory=dict)

    def has_field(self, field_id: str, table_id: str | None) -> bool:
        if table_id is not None:
            return field_id in self.tables.get(table_id, ())
        return any(field_id in fields for fields in self.tables.values())


def _obj(value: Any, where: str, allowed: set[str] | None = None) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SpecError(f"{where} must be an object")
    if allowed is not None:
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise SpecError(f"{where} has unknown key {unknown[0]!r}")
    return value


def _str_list(value: Any, where: str, choices: Collection[str] | None = None) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SpecError(f"{where} must be an array of strings")
    if choices is not None:
        for v in value:
            if v not in choices:
                raise SpecError(f"{where} has invalid value {v!r}")
    return value


def _field_ids(value: Any, where: str, shape: BaseShape, table_id: str | None) -> frozenset[str]:
    ids = _str_list(value, where)
    for fid in ids:
        if not shape.has_field(fid, table_id):
            raise SpecError(
                f"{where}: field {fid!r} not found" + (f" in table {table_id}" if table_id else "")
            )
    return frozenset(ids)


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise SpecError(f"{where} must be a boolean")
    return value


def parse_spec(specification: Any, shape: BaseShape) -> Spec:
    """Validate a create-webhook `specification` against the base; raise SpecError with the reason."""
    spec = _obj(specification, "specification", {"options"})
    if "options" not in spec:
        raise SpecError("specification.options is required")
    options = _obj(spec["options"], "specification.options", {"filters", "includes"})
    if "filters" not in options:
        raise SpecError("specification.options.filters is required")
    filters = _obj(options["filters"], "filters", FILTER_KEYS)
    if "dataTypes" not in filters:
        raise SpecError("filters.dataTypes is required")
    data_types = _str_list(filters["dataTypes"], "filters.dataTypes", DATA_TYPES)
    if not data_types:
        raise SpecError("filters.dataTypes must not be empty")

    scope = filters.get("recordChangeScope")
    scope_table: str | None = None
    if scope is not None:
        if not isinstance(scope, str):
            raise SpecError("filters.recordChangeScope must be a table or view id")
        if scope in shape.tables:
            scope_table = scope
        elif scope in shape.views:
            scope_table = shape.views[scope]
        else:
            raise SpecError(f"filters.recordChangeScope: table or view {scope!r} not found")

    kw: dict[str, Any] = {}
    if "changeTypes" in filters:
        kw["change_types"] = frozenset(_str_list(filters["changeTypes"], "filters.changeTypes", CHANGE_TYPES))
    if "fromSources" in filters:
        kw["from_sources"] = frozenset(_str_list(filters["fromSources"], "filters.fromSources", SOURCES))
    if "sourceOptions" in filters:
        _obj(filters["sourceOptions"], "filters.sourceOptions")  # forms do not exist locally: kept, unused
    if "watchDataInFieldIds" in filters:
        kw["watch_data"] = _field_ids(
            filters["watchDataInFieldIds"], "filters.watchDataInFieldIds", shape, scope_table
        )
    if "watchSchemasOfFieldIds" in filters:
        kw["watch_schemas"] = _field_ids(
            filters["watchSchemasOfFieldIds"], "filters.watchSchemasOfFieldIds", shape, scope_table
        )

    includes = _obj(options.get("includes", {}), "specification.options.includes", INCLUDE_KEYS)
    cells = includes.get("includeCellValuesInFieldIds")
    if cells is not None:
        # Deleting an included field is harmless in Airtable, so ids are checked only for existence now.
        kw["include_cells"] = (
            "all"
            if cells == "all"
            else _field_ids(cells, "includes.includeCellValuesInFieldIds", shape, scope_table)
        )
    if "includePreviousCellValues" in includes:
        kw["include_previous"] = _bool(
            includes["includePreviousCellValues"], "includes.includePreviousCellValues"
        )
    if "includePreviousFieldDefinitions" in includes:
        kw["include_previous_fields"] = _bool(
            includes["includePreviousFieldDefinitions"], "includes.includePreviousFieldDefinitions"
        )
    return Spec(frozenset(data_types), scope_table=scope_table, scope=scope, raw=dict(spec), **kw)
