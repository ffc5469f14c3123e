"""What setup_base prints: counts, the steps, drift with its fixes, the final verdict."""

from __future__ import annotations

from scripts.setup.plan import LINK, Plan


def summary(plan: Plan) -> list[str]:
    tables = list(plan.matches.values())
    found = [tm for tm in tables if tm.found]
    spec_fields = sum(len(tm.spec.fields) for tm in tables)
    have = sum(1 for tm in found for fm in tm.fields.values() if fm.found)
    in_new_tables = sum(1 for tm in tables if not tm.found for f in tm.spec.fields if f.type != LINK)
    links = plan.count("create_link")
    new_fields = plan.count("create_field") + in_new_tables
    lines = [
        f"Tables: {len(tables)} in schema/, {len(found)} found, {len(tables) - len(found)} to create",
        f"Fields: {spec_fields} in schema/, {have} found, {new_fields} to create, {links} links to create "
        f"(each with its inverse), {plan.count('update_field') + plan.count('update_table')} to update",
    ]
    others = _unmanaged(plan)
    if others:
        lines.append(f"Left as they are (not in schema/): {others}")
    return lines


def _unmanaged(plan: Plan) -> str:
    extra = []
    for tm in plan.matches.values():
        if tm.table:
            ids = {fm.field["id"] for fm in tm.fields.values() if fm.field}
            n = sum(1 for f in tm.base_fields if f["id"] not in ids)
            if n:
                extra.append(f"{n} field{'s' * (n > 1)} in {tm.name}")
    return ", ".join(extra)


def drift_lines(plan: Plan) -> list[str]:
    lines = []
    conflicts, notices = plan.conflicts, [d for d in plan.drift if d.severity != "conflict"]
    if conflicts:
        lines.append(f"Needs you ({len(conflicts)}): setup_base will not change these itself")
        for d in conflicts:
            lines += [f"  ! {d.where} {d.problem}", f"    fix: {d.fix}"]
    if notices:
        lines.append(f"Good to know ({len(notices)}):")
        for d in notices:
            lines.append(f"  - {d.where} {d.problem}" + ("" if d.fix == "nothing needed" else f" ({d.fix})"))
    return lines
