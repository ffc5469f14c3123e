"""Field-level planning for setup_base: create, adopt (marker, new select options) or report drift."""

from __future__ import annotations

from typing import Any

from schema.model import FieldDef
from scripts.setup.match import LEGACY_NAMES, FieldMatch, TableMatch, markers
from scripts.setup.plan import LINK, Op, Plan, field_body, with_marker
from scripts.setup.types import compatible, is_computed, type_label

SELECTS = ("singleSelect", "multipleSelects")


def _where(tm: TableMatch, name: str) -> str:
    return f"{tm.name}.{name}"


def _name_taken(tm: TableMatch, name: str) -> dict[str, Any] | None:
    """A field of the base already called `name` that is not the spec field of that name."""
    wanted = name.casefold()
    for m in tm.fields.values():
        if m.field and m.field["name"].casefold() == wanted:
            return m.field if m.spec.name.casefold() != wanted else None
    return next((f for f in tm.base_fields if f["name"].casefold() == wanted), None)


def plan_fields(plan: Plan, tm: TableMatch) -> None:
    """Plain (non-link) fields of a table that exists."""
    for fm in tm.fields.values():
        if fm.spec.type == LINK:
            continue
        if fm.field is None:
            plan_create(plan, tm, fm.spec)
        elif compatible(fm.spec.type, fm.field["type"]):
            plan_adopt(plan, tm, fm)
        else:
            type_conflict(plan, tm, fm)
    _legacy_conflicts(plan, tm)
    for name in tm.duplicates:
        plan.report(
            "notice",
            _where(tm, name),
            "carries the [los:...] marker of another field (a copy?)",
            "remove the [los:...] part from its description in Airtable",
        )


def _legacy_conflicts(plan: Plan, tm: TableMatch) -> None:
    """Old fields of another type that a new field replaces (e.g. the broken Usage Frequency formula)."""
    matched = {m.field["id"] for m in tm.fields.values() if m.field}
    for (table, key), names in LEGACY_NAMES.items():
        spec = tm.spec[key] if table == tm.spec.key else None
        for old in tm.base_fields:
            if (
                spec is None
                or old["id"] in matched
                or old["name"].casefold() not in {n.casefold() for n in names}
            ):
                continue
            if compatible(spec.type, old["type"]):
                continue
            plan.report(
                "conflict",
                _where(tm, old["name"]),
                f"is a {type_label(old['type'])} field of the old base; the automation writes "
                f'"{spec.name}" ({type_label(spec.type)}) instead',
                f'compare the two, then delete or hide "{old["name"]}" in Airtable (setup never deletes it)',
            )


def plan_create(plan: Plan, tm: TableMatch, spec: FieldDef) -> bool:
    taken = _name_taken(tm, spec.name)
    if taken:
        plan.report(
            "conflict",
            _where(tm, taken["name"]),
            f'is in the way of the new field "{spec.name}" ({type_label(spec.type)})',
            f'rename "{taken["name"]}" in Airtable (e.g. to "{spec.name} (old)") and run setup_base again',
        )
        return False
    text = f"+ field {_where(tm, spec.name)} ({spec.type})"
    plan.ops.append(Op("create_field", tm.spec.key, text, field_body(spec), spec.key))
    return True


def plan_adopt(plan: Plan, tm: TableMatch, fm: FieldMatch) -> None:
    """An existing field of a usable type: add our marker and missing select options, report a rename."""
    spec, actual = fm.spec, fm.field
    assert actual is not None
    body: dict[str, Any] = {}
    notes = []
    if spec.key not in markers(actual.get("description")):
        desc = actual.get("description")
        body["description"] = with_marker(desc, spec.marker) if desc else spec.full_description()
        notes.append(f"mark {spec.marker}")
    if spec.type in SELECTS and actual["type"] == spec.type:
        have = (actual.get("options") or {}).get("choices", [])
        missing = _choice_drift(plan, tm, fm, [c["name"] for c in have])
        if missing:
            body["options"] = {"choices": [*have, *({"name": c} for c in missing)]}
            notes.append(f"add choices {', '.join(missing)}")
    if body:
        text = f"~ field {_where(tm, actual['name'])}: {'; '.join(notes)}"
        plan.ops.append(Op("update_field", tm.spec.key, text, body, spec.key, actual["id"]))
    if actual["type"] != spec.type:
        plan.report(
            "notice",
            _where(tm, actual["name"]),
            f"is {type_label(actual['type'])} where the docs say {type_label(spec.type)}; it works as is",
            "nothing needed",
        )
    if actual["name"] != spec.name:
        how = {
            "legacy": "its old name",
            "inverse": "its link",
            "primary": "being the table's primary field",
            "name": "its name",
        }.get(fm.by, f"its {spec.marker} marker")
        plan.report(
            "notice",
            _where(tm, actual["name"]),
            f'is the field the docs call "{spec.name}" (found by {how}); the automation uses it as is',
            f'nothing needed; rename it to "{spec.name}" in Airtable to match the docs',
        )


def _choice_drift(plan: Plan, tm: TableMatch, fm: FieldMatch, have: list[str]) -> list[str]:
    """The spec's choices to add; an option spelt in another case is reported, not doubled.

    Airtable matches select values exactly: the automation's "Active" is refused by an option "active",
    and records with "active" would never count as Active, so only renaming the option fixes it.
    """
    assert fm.field is not None
    name, wanted = fm.field["name"], fm.spec.choices
    exact = set(have)
    folded = {h.casefold(): h for h in have}
    missing = []
    for choice in wanted:
        if choice in exact:
            continue
        other = folded.get(choice.casefold())
        if other is None:
            missing.append(choice)
            continue
        plan.report(
            "conflict",
            _where(tm, name),
            f'has the option "{other}" where the automation uses "{choice}" (options match exactly)',
            f'in Airtable, rename the option "{other}" of "{name}" to "{choice}" (its records follow)',
        )
    known = {c.casefold() for c in wanted}
    extra = [h for h in have if h.casefold() not in known]
    if extra:
        plan.report(
            "notice",
            _where(tm, name),
            f"has options the automation does not know: {', '.join(extra)}",
            f"records with them count as none of {', '.join(wanted)}; change them in Airtable to one of "
            "those if they mean the same",
        )
    return missing


def type_conflict(plan: Plan, tm: TableMatch, fm: FieldMatch) -> None:
    spec, actual = fm.spec, fm.field
    assert actual is not None
    want = type_label(spec.type, spec.options, spec.link_table)
    name = actual["name"]
    if is_computed(actual["type"]) or spec.type == LINK or actual["type"] == LINK:
        fix = (
            f'rename "{name}" in Airtable (e.g. to "{spec.name} (old)") and run setup_base again: it '
            f'creates "{spec.name}" as {want}, which the automation fills'
        )
    else:
        fix = (
            f'in Airtable, change the type of "{name}" to {want} (Airtable converts the values), or rename '
            f'it (e.g. to "{spec.name} (old)") and run setup_base again to create a new one'
        )
    have = type_label(actual["type"], actual.get("options") if actual["type"] != LINK else None)
    if actual["type"] == LINK:  # say where it points, or both sides read "Link to another record"
        linked = (actual.get("options") or {}).get("linkedTableId")
        other = next((t["name"] for t in plan.existing_tables if t["id"] == linked), None)
        have += f" ({other})" if other else ""
    plan.report("conflict", _where(tm, name), f"is {have}; the automation needs {want}", fix)


def _one_way(plan: Plan, tm: TableMatch, name: str, other: TableMatch, missing: str) -> None:
    plan.report(
        "conflict",
        _where(tm, name),
        f'links to {other.name} one way only: {other.name} has no "{missing}" field pointing back',
        f'in Airtable, open the field "{name}" of {tm.name}, switch on its linked field in {other.name} and '
        f'name it "{missing}"; then run setup_base again',
    )


def plan_link(plan: Plan, tm: TableMatch, fm: FieldMatch, covered: set[tuple[str, str]]) -> None:
    """A link field: adopt it, or create it once (Airtable creates the inverse side with it)."""
    spec = fm.spec
    target = plan.matches.get(spec.link_table or "")
    if target is None:
        return
    inv = target.fields.get(spec.inverse or "")
    if fm.field is not None:
        opts = fm.field.get("options") or {}
        if fm.field["type"] != LINK or opts.get("linkedTableId") != target.id:
            type_conflict(plan, tm, fm)
            return
        plan_adopt(plan, tm, fm)
        if inv and inv.field is None and not opts.get("inverseLinkFieldId"):
            _one_way(plan, tm, fm.field["name"], target, inv.spec.name)
        return
    if (tm.spec.key, spec.key) in covered:
        return
    if inv is not None:
        if inv.field is not None:  # the other side exists but nothing here points back to it
            if inv.field["type"] == LINK and (inv.field.get("options") or {}).get("linkedTableId") == tm.id:
                _one_way(plan, target, inv.field["name"], tm, spec.name)
            return
        if _name_taken(target, inv.spec.name):
            plan_create(plan, target, inv.spec)  # reports what is in the way
            return
        covered.add((target.spec.key, inv.spec.key))
    if _name_taken(tm, spec.name):
        plan_create(plan, tm, spec)
        return
    other = f" <-> {target.name}.{inv.spec.name}" if inv else ""
    op = Op("create_link", tm.spec.key, f"+ link {_where(tm, spec.name)}{other}", field_body(spec), spec.key)
    op.link_table, op.inverse = target.spec.key, inv.spec.key if inv else None
    plan.ops.append(op)
