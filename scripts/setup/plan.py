"""Schema diff -> plan: what setup_base will create or update, and the drift it leaves to the coach.

Pure: takes the base's schema JSON (`GET /v0/meta/bases/{base}/tables`), returns a Plan. Nothing planned
deletes, renames or retypes what the coach made; where the base and `schema/` disagree in a way only a person
should settle, a Drift says what is wrong and the exact fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schema.model import FieldDef, TableDef
from schema.tables import ALL_TABLES
from scripts.setup.match import TableMatch, markers, match_base, table_marker

LINK = "multipleRecordLinks"


@dataclass
class Op:
    """One Meta API write. Ids of tables created earlier in the same run are resolved when applying."""

    kind: str  # create_table | update_table | create_field | update_field | create_link
    table: str  # table key
    text: str  # what a person reads
    body: dict[str, Any]
    field: str | None = None  # field key
    field_id: str | None = None  # update_field: the existing field
    link_table: str | None = None  # create_link: key of the linked table
    inverse: str | None = None  # create_link: key of the inverse field to name and describe afterwards


@dataclass
class Drift:
    severity: str  # "conflict": needs the coach; "notice": works as is
    where: str  # "Clients.Usage Frequency"
    problem: str
    fix: str


@dataclass
class Plan:
    matches: dict[str, TableMatch]
    schema: dict[str, Any] = field(default_factory=dict)  # the base's schema JSON the plan was made from
    ops: list[Op] = field(default_factory=list)
    drift: list[Drift] = field(default_factory=list)

    @property
    def conflicts(self) -> list[Drift]:
        return [d for d in self.drift if d.severity == "conflict"]

    @property
    def in_shape(self) -> bool:
        return not self.ops and not self.conflicts

    def report(self, severity: str, where: str, problem: str, fix: str) -> None:
        self.drift.append(Drift(severity, where, problem, fix))

    @property
    def existing_tables(self) -> list[dict[str, Any]]:
        return list(self.schema.get("tables", []))

    def count(self, kind: str) -> int:
        return sum(1 for op in self.ops if op.kind == kind)


def field_body(f: FieldDef) -> dict[str, Any]:
    body: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.full_description()}
    if f.options:
        body["options"] = f.options
    return body


def table_description(spec: TableDef) -> str:
    return f"{spec.description} {table_marker(spec.key)}".strip()


def with_marker(description: str | None, marker: str) -> str:
    return f"{(description or '').strip()} {marker}".strip()


def plan_base(schema: dict[str, Any], tables: list[TableDef] = ALL_TABLES) -> Plan:
    """Everything setup_base would do to bring this base in line with `schema/`."""
    from scripts.setup.fields import plan_fields, plan_link

    plan = Plan(match_base(schema, tables), schema)
    for tm in plan.matches.values():
        _plan_table(plan, tm)
    for tm in plan.matches.values():
        if tm.found:
            plan_fields(plan, tm)
    covered: set[tuple[str, str]] = set()  # (table key, field key) a planned link creates as its inverse
    for tm in plan.matches.values():
        for fm in tm.fields.values():
            if fm.spec.type == LINK:
                plan_link(plan, tm, fm, covered)
    return plan


def _plan_table(plan: Plan, tm: TableMatch) -> None:
    spec = tm.spec
    if tm.table is None:
        fields = [field_body(f) for f in spec.fields if f.type != LINK]
        body = {"name": spec.name, "description": table_description(spec), "fields": fields}
        plan.ops.append(Op("create_table", spec.key, f"+ table {spec.name} ({len(fields)} fields)", body))
        return
    if spec.key not in markers(tm.table.get("description")):
        body = {"description": with_marker(tm.table.get("description"), table_marker(spec.key))}
        plan.ops.append(
            Op("update_table", spec.key, f"~ table {tm.name}: mark {table_marker(spec.key)}", body)
        )
    if tm.name != spec.name:
        plan.report(
            "notice",
            tm.name,
            f'is the table the docs call "{spec.name}" (found by '
            + ("its name" if tm.by == "name" else f"its {table_marker(spec.key)} marker")
            + ")",
            f'nothing needed; rename it to "{spec.name}" in Airtable to match the docs',
        )
