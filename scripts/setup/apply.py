"""Apply a Plan through the Meta API, printing each step as it happens."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from schema.tables import TABLES
from scripts.setup.plan import Op, Plan


class MetaClient(Protocol):
    """The four Meta API writes setup needs (ApiMeta over pyairtable; a fake in unit tests)."""

    def create_table(self, body: dict[str, Any]) -> dict[str, Any]: ...
    def update_table(self, table_id: str, body: dict[str, Any]) -> dict[str, Any]: ...
    def create_field(self, table_id: str, body: dict[str, Any]) -> dict[str, Any]: ...
    def update_field(self, table_id: str, field_id: str, body: dict[str, Any]) -> dict[str, Any]: ...


class ApiMeta:
    """MetaClient over the scripts' client (`_cli.make_api`): raw JSON in and out (no schema models)."""

    def __init__(self, api: Any, base_id: str) -> None:
        self.api = api
        self.url = api.build_url("meta/bases", base_id, "tables")

    def schema(self) -> dict[str, Any]:
        return self.api.get(self.url)

    def create_table(self, body: dict[str, Any]) -> dict[str, Any]:
        return self.api.post(self.url, json=body)

    def update_table(self, table_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.api.patch(f"{self.url}/{table_id}", json=body)

    def create_field(self, table_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.api.post(f"{self.url}/{table_id}/fields", json=body)

    def update_field(self, table_id: str, field_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return self.api.patch(f"{self.url}/{table_id}/fields/{field_id}", json=body)


class ApplyError(Exception):
    """A step failed; the steps before it are done, and running setup again resumes after them."""

    def __init__(self, op: Op, cause: BaseException) -> None:
        self.step = op.text.lstrip("+~ ")
        super().__init__(f"{self.step}: {cause}")
        self.op = op
        self.cause = cause


def apply_plan(plan: Plan, meta: MetaClient, out: Callable[[str], None] = print) -> int:
    """Run the plan's steps in order; returns the number of write calls made."""
    table_ids = {key: tm.id for key, tm in plan.matches.items() if tm.id}
    calls = 0
    for op in plan.ops:
        out(f"  {op.text}")
        try:
            calls += _apply(op, meta, table_ids)
        except Exception as exc:
            if not _choices_refused(op, exc):
                raise ApplyError(op, exc) from exc  # the CLI turns it into one line naming the step
            calls += 1 + _without_choices(plan, op, meta, table_ids)
    return calls


def _choices_refused(op: Op, exc: Exception) -> bool:
    """Airtable documents updating a field's options only for formulas: a 422 on new choices is survivable."""
    return op.kind == "update_field" and "options" in op.body and getattr(exc, "status", None) == 422


def _without_choices(plan: Plan, op: Op, meta: MetaClient, table_ids: dict[str, str | None]) -> int:
    spec = TABLES[op.table][op.field or ""]
    have = {c["name"] for c in op.body["options"]["choices"] if "id" in c}
    missing = [c["name"] for c in op.body["options"]["choices"] if c["name"] not in have]
    plan.report(
        "conflict",
        op.text.split(": ")[0].removeprefix("~ field "),
        f"lacks the choices {', '.join(missing)}, and Airtable refused to add them through the API",
        f'in Airtable, add the options {", ".join(missing)} to the field "{spec.name}"',
    )
    if "description" not in op.body:
        return 0
    meta.update_field(
        _need(table_ids.get(op.table), op), op.field_id or "", {"description": op.body["description"]}
    )
    return 1


def _apply(op: Op, meta: MetaClient, table_ids: dict[str, str | None]) -> int:
    table_id = table_ids.get(op.table)
    if op.kind == "create_table":
        table_ids[op.table] = meta.create_table(op.body)["id"]
    elif op.kind == "update_table":
        meta.update_table(_need(table_id, op), op.body)
    elif op.kind == "create_field":
        meta.create_field(_need(table_id, op), op.body)
    elif op.kind == "update_field":
        meta.update_field(_need(table_id, op), op.field_id or "", op.body)
    elif op.kind == "create_link":
        linked = _need(table_ids.get(op.link_table or ""), op)
        created = meta.create_field(_need(table_id, op), {**op.body, "options": {"linkedTableId": linked}})
        inverse_id = (created.get("options") or {}).get("inverseLinkFieldId")
        if not (op.inverse and inverse_id and op.link_table):
            return 1
        # Airtable names the new inverse field after this table: give it its declared name and marker.
        spec = TABLES[op.link_table][op.inverse]
        meta.update_field(linked, inverse_id, {"name": spec.name, "description": spec.full_description()})
        return 2
    else:
        raise ValueError(f"unknown step {op.kind}")
    return 1


def _need(table_id: str | None, op: Op) -> str:
    if not table_id:
        raise ValueError(f"table of step {op.text!r} does not exist")
    return table_id
