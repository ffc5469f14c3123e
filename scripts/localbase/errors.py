"""Airtable's error answers, one constructor each, with where each body comes from.

Sources (see ../shared/reference/airtable-api.md §1.12): [doc] Airtable's errors page; [3p] bodies captured
from real responses by others; [choice] undocumented, picked here and kept consistent.
"""

from __future__ import annotations

from scripts.localbase.http import ApiError


def authentication_required() -> ApiError:
    """401 for a missing or rejected token [3p, reference §1.12]."""
    return ApiError(401, "AUTHENTICATION_REQUIRED", "Authentication required")


def not_found() -> ApiError:
    """404 for an invalid path or an unknown record, as documented: ``{"error": "NOT_FOUND"}``."""
    return ApiError(404, "NOT_FOUND", bare=True)


def model_not_found() -> ApiError:
    """403 for a base (or table name) the token cannot see; Airtable does not tell absent from forbidden."""
    return ApiError(
        403,
        "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND",
        "Invalid permissions, or the requested model was not found. Check that both your user and your token "
        "have the required permissions, and that the model names and/or ids are correct.",
    )


def model_id_not_found(what: str = "Table") -> ApiError:
    """404 for an unknown table id (or field id in the meta API) in a visible base [3p, reference §1.12]."""
    return ApiError(404, "MODEL_ID_NOT_FOUND", f"{what} not found")


def invalid_request(message: str | None = None) -> ApiError:
    """422 for a body or parameter Airtable does not accept [doc message when none is given]."""
    return ApiError(
        422,
        "INVALID_REQUEST_UNKNOWN",
        message or "Invalid request: parameter validation failed. Check your request data.",
    )


def missing_fields() -> ApiError:
    """422 when a single-record write has no ``fields`` object [3p]."""
    return ApiError(
        422, "INVALID_REQUEST_MISSING_FIELDS", 'Could not find field "fields" in the request body'
    )


_BATCH_MESSAGES = {  # [3p] messages captured from Airtable for each kind of batch
    "create": (
        'You must provide an array of up to 10 record objects, each with a "fields" object for cell values.'
    ),
    "update": (
        'You must provide an array of up to 10 record objects, each with an "id" ID field and a "fields" '
        "object for cell values."
    ),
    "delete": "You must provide an array of up to 10 record IDs.",
}


def invalid_records(kind: str) -> ApiError:
    """422 for more than 10 records (or a malformed records array) in one write [3p]."""
    return ApiError(422, "INVALID_RECORDS", _BATCH_MESSAGES[kind])


def unknown_field(name: str) -> ApiError:
    """422 for a field name or id the table does not have [3p]."""
    return ApiError(422, "UNKNOWN_FIELD_NAME", f'Unknown field name: "{name}"')


def invalid_value(field_name: str) -> ApiError:
    """422 for a value the field cannot take [3p]."""
    return ApiError(422, "INVALID_VALUE_FOR_COLUMN", f'Field "{field_name}" cannot accept the provided value')


def invalid_choice(value: str) -> ApiError:
    """422 for a select option that does not exist when typecast is off [doc type; 3p message]."""
    return ApiError(
        422,
        "INVALID_MULTIPLE_CHOICE_OPTIONS",
        f'Insufficient permissions to create new select option ""{value}""',
    )


def row_does_not_exist(record_id: str) -> ApiError:
    """422 for a link to (or an update of) a record that does not exist in the table [3p]."""
    return ApiError(422, "ROW_DOES_NOT_EXIST", f"Record ID {record_id} does not exist in this table")


def invalid_formula(detail: str = "Invalid formula. Please check your formula text.") -> ApiError:
    """422 for a filterByFormula that does not parse or names an unknown field [3p]."""
    return ApiError(
        422, "INVALID_FILTER_BY_FORMULA", f"The formula for filtering records is invalid: {detail}"
    )


def iterator_not_available() -> ApiError:
    """422 for an offset whose snapshot expired or never existed [doc, no message]."""
    return ApiError(422, "LIST_RECORDS_ITERATOR_NOT_AVAILABLE")


def view_not_found(view: str) -> ApiError:
    """422 for an unknown ``view`` parameter [choice: type seen in client libraries, message ours]."""
    return ApiError(422, "VIEW_NAME_NOT_FOUND", f'Could not find view "{view}" in table')


def rate_limited() -> ApiError:
    """429 when a base gets more than its requests per second [doc]."""
    return ApiError(429, "RATE_LIMIT_REACHED", "Rate limit exceeded. Please try again later")


def server_error(status: int = 500) -> ApiError:
    """Injected 5xx: 503 has a documented body [doc]; 500/502 bodies are undocumented [choice]."""
    if status == 503:
        return ApiError(
            503,
            "RETRIABLE_ERROR",
            "Server encountered an error while processing your request, and it is safe to retry the request",
        )
    return ApiError(status, "SERVER_ERROR", "Server encountered an unexpected error")


def request_too_large() -> ApiError:
    """413 for an oversized body [type from airtable.js's client-side mapping]."""
    return ApiError(413, "REQUEST_TOO_LARGE", "Request body is too large")


def duplicate_field_name(name: str) -> ApiError:
    """422 for an empty field name or one the table already has, case-insensitively [3p type]."""
    return ApiError(
        422, "DUPLICATE_OR_EMPTY_FIELD_NAME", f'Field names must be unique and non-empty; "{name}" is not'
    )


def duplicate_table_name(name: str) -> ApiError:
    """422 for a table name the base already has, case-insensitively [choice]."""
    return ApiError(422, "DUPLICATE_TABLE_NAME", f'A table named "{name}" already exists in this base')


def unsupported_field_type(table: str, field: str, type_: str) -> ApiError:
    """422 for computed types the API cannot create (formula, rollup, …) [3p: captured body]."""
    return ApiError(
        422,
        "UNSUPPORTED_FIELD_TYPE_FOR_CREATE",
        f"Invalid options for {table}.{field}: Creating {type_} fields is not supported at this time",
    )


def invalid_field_type(type_: object) -> ApiError:
    """422 for a type name Airtable does not have [choice]."""
    return ApiError(422, "INVALID_FIELD_TYPE", f"Unknown field type: {type_!r}")


def invalid_options(table: str, field: str, detail: str) -> ApiError:
    """422 for field options that do not fit the type [choice: generic 422 type, message modelled on 3p]."""
    return ApiError(422, "INVALID_REQUEST_UNKNOWN", f"Invalid options for {table}.{field}: {detail}")
