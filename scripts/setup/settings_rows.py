"""Seed the Settings table with the documented defaults, never overwriting what the coach set."""

from __future__ import annotations

from typing import Any

from automation.settings import BusinessSettings
from scripts.setup.match import TableMatch
from scripts.setup.types import compatible

COLUMNS = ("key", "value", "description", "category")


def plan_settings(
    existing: list[dict[str, Any]], defaults: list[dict[str, str]]
) -> tuple[list[dict[str, str]], list[tuple[str, dict[str, str]]]]:
    """(rows to create, (record id, fields to fill) for existing rows with an empty description/category).

    `existing` rows are {"id", "key", "value", "description", "category"}. Upsert on Key: a row that exists
    keeps its Value, even an empty one (empty means "use the default").
    """
    by_key: dict[str, dict[str, Any]] = {}
    for row in existing:
        by_key.setdefault(str(row.get("key") or "").strip(), row)
    create, fill = [], []
    for d in defaults:
        row = by_key.get(d["key"])
        if row is None:
            create.append(d)
            continue
        patch = {
            k: d[k] for k in ("description", "category") if d.get(k) and not str(row.get(k) or "").strip()
        }
        if patch:
            fill.append((row["id"], patch))
    return create, fill


def seed_settings(api: Any, base_id: str, tm: TableMatch, dry_run: bool) -> tuple[int, int] | None:
    """Create missing Settings rows and fill empty descriptions; returns (created, filled).

    None when the coach's own Settings table lacks a column or has one of another type: writing the
    defaults would be refused (or land in the wrong column), and the plan reports the fix.
    """
    defaults = BusinessSettings().rows()
    if tm.table is None:  # dry run on a base without the table yet
        return len(defaults), 0
    found = {k: m.field for k in COLUMNS if (m := tm.fields[k]).field}
    if any(not compatible(tm.fields[k].spec.type, f.get("type", "")) for k, f in found.items()):
        return None
    if len(found) != len(COLUMNS):  # a dry run creates the missing ones first; a real run had a conflict
        return (len(defaults), 0) if dry_run else None
    ids = {k: f["id"] for k, f in found.items()}
    table = api.table(base_id, tm.table["id"])
    records = table.all(fields=list(ids.values()), use_field_ids=True)
    existing = [{"id": r["id"], **{k: r["fields"].get(fid) for k, fid in ids.items()}} for r in records]
    create, fill = plan_settings(existing, defaults)
    if not dry_run:
        if create:
            table.batch_create(
                [{ids[k]: row[k] for k in COLUMNS if row.get(k)} for row in create], use_field_ids=True
            )
        if fill:
            table.batch_update(
                [{"id": rid, "fields": {ids[k]: v for k, v in patch.items()}} for rid, patch in fill],
                use_field_ids=True,
            )
    return len(create), len(fill)
