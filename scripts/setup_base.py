"""Create and migrate the Airtable base from schema/ through the Meta API.

    python -m scripts.setup_base [--create-base NAME [--workspace wsp...]] [--dry-run] [--no-backup] [--yes]

Creates missing tables (in dependency order) and fields, then link fields once both tables exist (Airtable
creates the inverse side; it gets its declared name and marker), adds missing select options and marks
every managed table and field with its [los:key]. Tables and fields the coach already has are adopted,
found by marker or by name, with their data. Drift it will not fix (a field of another type, a field
renamed in the UI) is reported with the exact fix; nothing is ever deleted or renamed. A second run makes
no write call. Seeds Settings with the documented defaults (a value the coach set is never overwritten).

A base that already holds records is only migrated after a backup from today (python -m
scripts.backup_base), unless --no-backup. The token needs the scopes schema.bases:read,
schema.bases:write, data.records:read, data.records:write and webhook:manage.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from scripts._cli import CliError, ScriptApi, guarded, load_config, make_api
from scripts.backup_base import DEFAULT_DIR, latest_backup
from scripts.setup.apply import ApiMeta, apply_plan
from scripts.setup.match import TableMatch, match_base
from scripts.setup.plan import Plan, plan_base
from scripts.setup.report import drift_lines, summary
from scripts.setup.settings_rows import seed_settings

LOCAL_WORKSPACE = "wspLocalDevelopment"  # any id will do for the local server


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m scripts.setup_base", description=__doc__.split("\n")[0])
    p.add_argument("--create-base", metavar="NAME", help="create a new base with this name and set it up")
    p.add_argument("--workspace", help="workspace for --create-base (default: AIRTABLE_WORKSPACE_ID)")
    p.add_argument("--dry-run", action="store_true", help="print the plan, write nothing")
    p.add_argument("--no-backup", action="store_true", help="migrate a base with records without a backup")
    p.add_argument("--yes", action="store_true", help="do not ask before changing an existing base")
    p.add_argument(
        "--backup-dir", type=Path, default=DEFAULT_DIR, help="where backups are (default backups/)"
    )
    return p.parse_args(argv)


def create_base(api: ScriptApi, name: str, workspace: str | None, endpoint: str) -> str:
    """POST /v0/meta/bases with every table of schema/ (plain fields; links follow in the migration)."""
    if not workspace:
        if "airtable.com" in endpoint:
            raise CliError(
                "--create-base needs a workspace: pass --workspace wsp... or set AIRTABLE_WORKSPACE_ID"
            )
        workspace = LOCAL_WORKSPACE
    tables = [op.body for op in plan_base({"tables": []}).ops if op.kind == "create_table"]
    created = api.post(
        api.build_url("meta/bases"), json={"name": name, "workspaceId": workspace, "tables": tables}
    )
    return created["id"]


def _has_records(api: ScriptApi, base_id: str, plan: Plan) -> bool:
    """One read per table until a record turns up (the coach's own tables count too)."""
    return any(api.table(base_id, t["id"]).first() for t in plan.existing_tables)


def _check_backup(api: ScriptApi, base_id: str, plan: Plan, args: argparse.Namespace) -> str | None:
    """None when migrating is fine; else why not (records and no backup from today)."""
    if args.no_backup or not plan.existing_tables or not _has_records(api, base_id, plan):
        return None
    if latest_backup(args.backup_dir, base_id, date.today()):
        return None
    return (
        f"base {base_id} holds records and has no backup from today in {args.backup_dir}/: run "
        "python -m scripts.backup_base first (or pass --no-backup)"
    )


def _history_from(api: ScriptApi, base_id: str, plan: Plan, matches: dict[str, TableMatch]) -> str | None:
    """The first of this month when the base already held Coaching Sessions (one read), else None."""
    tm = matches.get("sessions")
    existed = {t["id"] for t in plan.existing_tables}
    if tm is None or tm.table is None or tm.table["id"] not in existed:
        return None
    if not api.table(base_id, tm.table["id"]).first():
        return None
    return date.today().replace(day=1).isoformat()


def _confirm(plan: Plan, args: argparse.Namespace) -> None:
    if args.yes or args.create_base or not plan.existing_tables or not sys.stdin.isatty():
        return
    answer = input(f"Apply these {len(plan.ops)} changes to the base? [y/N] ").strip().lower()
    if answer not in ("y", "yes"):
        raise CliError("nothing changed", code=3)


def run(args: argparse.Namespace) -> int:
    config = load_config(require_base=not args.create_base)
    api = make_api(config)
    base_id = config.airtable_base_id
    if args.create_base:
        if args.dry_run:
            print(f"Dry run: would create base {args.create_base!r} with the tables of schema/.")
            return 0
        # Through Config, so an AIRTABLE_WORKSPACE_ID kept in .env counts as the README says.
        workspace = args.workspace or config.airtable_workspace_id
        base_id = create_base(api, args.create_base, workspace, config.airtable_endpoint_url)
        api = make_api(config, base_id, calls=api.calls)  # the new base's own rate bucket, the same counts
        print(f"Created base {args.create_base!r}: {base_id}")
        print(f"  put AIRTABLE_BASE_ID={base_id} in your environment or .env")
    meta = ApiMeta(api, base_id)
    print(f"Base {base_id} at {config.airtable_endpoint_url}")
    plan = plan_base(meta.schema())
    for line in summary(plan):
        print(f"  {line}")
    matches = plan.matches
    if plan.ops and args.dry_run:
        print(f"Plan ({len(plan.ops)} steps; dry run, nothing written):")
        for op in plan.ops:
            print(f"  {op.text}")
        if reason := _check_backup(api, base_id, plan, args):
            print(f"  note: a real run would stop here: {reason}")
    elif plan.ops:
        if reason := _check_backup(api, base_id, plan, args):
            raise CliError(reason, code=2)
        _confirm(plan, args)
        print(f"Applying {len(plan.ops)} steps:")
        apply_plan(plan, meta, out=print)
        matches = match_base(meta.schema())
    demo: list[str] = []
    notes: list[str] = []
    history = _history_from(api, base_id, plan, matches)
    seeded = seed_settings(api, base_id, matches["settings"], args.dry_run, demo, history, notes)
    created, filled = seeded or (0, 0)
    verb = "to add" if args.dry_run else "added"
    if seeded is None:
        print(f"Settings: defaults not written until the {matches['settings'].name} fields below are fixed")
    elif created or filled:
        print(f"Settings: {created} default rows {verb}, {filled} empty descriptions filled")
    else:
        print("Settings: every default row is there (values the coach set are kept)")
    if demo:
        print(
            "Settings still hold the demo business's values, which every client email shows (its signature"
            " and footer): put yours in the Settings table: " + ", ".join(demo)
        )
    for line in notes:
        print(line)
    for line in drift_lines(plan):
        print(line)
    writes = api.writes
    if args.dry_run:
        print(f"Dry run: {len(plan.ops)} schema steps and {created + filled} settings rows would be written.")
    elif writes == 0 and plan.in_shape:
        print("The base is in shape: nothing to do (0 write calls).")
    elif writes == 0:
        print(f"Nothing to write (0 write calls), but {len(plan.conflicts)} conflicts above need you.")
    else:
        tail = f"; {len(plan.conflicts)} conflicts above need you" if plan.conflicts else ""
        print(f"Done: {writes} write calls, {api.reads} reads{tail}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    return guarded(lambda: run(args))


if __name__ == "__main__":
    sys.exit(main())
