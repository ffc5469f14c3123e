"""Report which views of the manual setup checklist (schema/views.py) exist in the base.

    python -m scripts.check_views [--strict]     # lists views per table, then the checklist status
    python -m scripts.check_views --markdown     # prints the checklist as Markdown (for the README)

The Airtable API can list views but not create them, and cannot list Interfaces: those are ticked off by
hand. --strict exits 1 while a checklist view is missing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Any

from schema.views import INTERFACES, VIEWS, ViewSpec, render_markdown
from scripts._cli import guarded, load_config, make_api
from scripts.setup.match import match_base


@dataclass
class ViewStatus:
    spec: ViewSpec
    table: str  # the table's name in the base
    status: str  # "ok", "missing", "wrong type", "no table"
    actual_type: str | None = None


def check(schema: dict[str, Any]) -> list[ViewStatus]:
    """The checklist views against the base's views (by table marker or name, then view name)."""
    matches = match_base(schema)
    out = []
    for spec in VIEWS:
        tm = matches[spec.table]
        if tm.table is None:
            out.append(ViewStatus(spec, tm.name, "no table"))
            continue
        views = [v for v in tm.table.get("views", []) if v["name"].casefold() == spec.name.casefold()]
        if not views:
            out.append(ViewStatus(spec, tm.name, "missing"))
        elif any(v.get("type") == spec.type for v in views):
            out.append(ViewStatus(spec, tm.name, "ok", spec.type))
        else:
            out.append(ViewStatus(spec, tm.name, "wrong type", views[0].get("type")))
    return out


def report(schema: dict[str, Any]) -> tuple[list[str], int]:
    """(lines to print, number of checklist views not in order)."""
    lines = ["Views in the base:"]
    for t in schema.get("tables", []):
        views = ", ".join(f"{v['name']} ({v.get('type', '?')})" for v in t.get("views", [])) or "none"
        lines.append(f"  {t['name']}: {views}")
    statuses = check(schema)
    lines.append("Checklist (schema/views.py):")
    for s in statuses:
        mark = {"ok": "ok     ", "missing": "MISSING", "wrong type": "TYPE   ", "no table": "NO TABLE"}[
            s.status
        ]
        extra = f" (is {s.actual_type}, should be {s.spec.type})" if s.status == "wrong type" else ""
        if s.status == "no table":
            extra = " (run python -m scripts.setup_base first)"
        lines.append(f"  {mark} {s.table} / {s.spec.name} ({s.spec.type}){extra}")
    bad = [s for s in statuses if s.status != "ok"]
    lines.append(
        f"{len(statuses) - len(bad)} of {len(statuses)} checklist views exist."
        + (" The README's manual setup checklist says how to make the others." if bad else "")
    )
    names = ", ".join(i.name for i in INTERFACES)
    lines.append(f"Interfaces cannot be listed through the API; check by hand: {names}.")
    return lines, len(bad)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m scripts.check_views", description=__doc__.split("\n")[0])
    p.add_argument("--markdown", action="store_true", help="print the checklist as Markdown and exit")
    p.add_argument("--strict", action="store_true", help="exit 1 while a checklist view is missing")
    args = p.parse_args(argv)
    if args.markdown:
        print(render_markdown())
        return 0

    def run() -> int:
        config = load_config()
        api = make_api(config)
        schema = api.get(api.build_url("meta/bases", config.airtable_base_id, "tables"))
        lines, bad = report(schema)
        print("\n".join(lines))
        return 1 if args.strict and bad else 0

    return guarded(run)


if __name__ == "__main__":
    sys.exit(main())
