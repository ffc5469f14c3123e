"""A client's data: export everything the base holds about one client, or erase it after a backup.

    python -m scripts.client_data export --client EMAIL [--out exports/]
    python -m scripts.client_data erase --client EMAIL [--backups backups/] [--yes]

Coaching notes are personal. `export` writes one folder with a JSON file of every record that concerns the
client (their client and lead records, sessions, action items, deals, invoices, messages, and the ids of the
Automation Runs that mention them) and a CSV per table for a person. `erase` first takes a full backup of
the base (backups/, as `backup_base`), then deletes the client, their leads, action items and messages,
anonymises their sessions and deals (every text cleared, the links to the person removed; dates, durations,
ratings and amounts stay, so the associates' quality scores and the forecast keep their history), keeps
their invoices as bookkeeping law requires (amounts, numbers, dates and status kept; notes and payment link
cleared), and removes their record ids from the run log. A second erase finds nothing and writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from automation.models import MODELS, Record
from schema.model import TableDef
from schema.tables import TABLES
from scripts._cli import SCRIPT_POLICY, CliError, guarded, load_config, make_api

TEXT_TYPES = frozenset({"singleLineText", "multilineText", "richText", "email", "url", "phoneNumber"})
# What erase does per table: delete the record, or anonymise it (clear text, unlink the person).
DELETE = ("clients", "leads", "action_items", "messages")
ANONYMISE = ("sessions", "deals", "invoices")
# Text kept on anonymised records: the bookkeeping identifiers (a dedupe key may hold the address).
KEEP_TEXT = {
    "invoices": frozenset({"invoice_number", "period", "stripe_id"}),
    "sessions": frozenset(),
    "deals": frozenset(),
}
PERSON_TABLES = frozenset({"clients", "leads"})  # links to these are the person: removed on anonymised rows
ERASED = "[erased]"


@dataclass
class Found:
    """The client's records by table key (what export writes and erase acts on)."""

    email: str
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    runs: dict[str, Record] = field(default_factory=dict)  # run log entries naming one of the ids

    def ids(self) -> set[str]:
        return {rid for recs in self.records.values() for rid in recs}

    def add(self, table: str, records: Iterable[Record]) -> None:
        self.records.setdefault(table, {}).update({r.id: r for r in records})

    def empty(self) -> bool:
        return not any(self.records.values()) and not self.runs


def _norm(email: str | None) -> str:
    return (email or "").strip().lower()


def _links(record: Record, tdef: TableDef, tables: frozenset[str]) -> set[str]:
    """Ids this record links to in the given tables."""
    out: set[str] = set()
    for f in tdef.fields:
        if f.type == "multipleRecordLinks" and f.link_table in tables:
            out.update(getattr(record, f.key, None) or [])
    return out


def find(gw: Any, email: str) -> Found:
    """Everything that concerns the client with this email: one listing per table (pages of 100)."""
    email = _norm(email)
    found = Found(email)
    everything = {
        key: gw.all(model) for key, model in MODELS.items() if key not in ("settings", "system_state")
    }
    found.add("clients", [c for c in everything["clients"] if _norm(c.email) == email])
    leads = [lead for lead in everything["leads"] if _norm(lead.email) == email]
    found.add("leads", leads)
    # Records that belong to the person, in an order where each rule only needs the ones before it.
    owners = {
        "sessions": ("clients",),
        "deals": ("clients", "leads"),
        "action_items": ("clients", "sessions"),
        "invoices": ("clients",),
        "messages": ("clients", "leads", "sessions", "deals", "invoices", "action_items"),
    }
    for table, by in owners.items():
        mine = found.ids()
        tdef = TABLES[table]
        rows = [r for r in everything[table] if _links(r, tdef, frozenset(by)) & mine]
        if table == "messages":
            rows += [m for m in everything["messages"] if _norm(m.recipient) == email]
        found.add(table, rows)
    ids = found.ids()
    if ids:
        pattern = re.compile("|".join(sorted(map(re.escape, ids))))
        found.runs = {
            r.id: r for r in everything["runs"] if pattern.search(f"{r.details or ''} {r.error or ''}")
        }
    return found


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)  # Decimal amounts keep their exact digits


def _as_row(record: Record) -> dict[str, Any]:
    tdef = type(record).TABLE
    return {"id": record.id, "fields": {f.name: _plain(getattr(record, f.key, None)) for f in tdef.fields}}


def export(found: Found, out: Path, now: datetime | None = None) -> Path:
    """Write the client's records to a new folder: everything.json plus one CSV per table."""
    now = now or datetime.now()
    client = next(iter(found.records.get("clients", {})), None) or "no-client-record"
    folder = Path(out) / f"{now.strftime('%Y-%m-%d-%H%M%S')}-{client}"
    folder.mkdir(parents=True, exist_ok=False)
    doc: dict[str, Any] = {
        "email": found.email,
        "exported_at": now.isoformat(timespec="seconds"),
        "tables": {},
    }
    for table, records in found.records.items():
        if not records:
            continue
        tdef = TABLES[table]
        rows = [_as_row(r) for r in records.values()]
        doc["tables"][tdef.name] = rows
        with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh)
            writer.writerow(["Record ID", *(f.name for f in tdef.fields)])
            for row in rows:
                writer.writerow([row["id"], *(_csv_cell(v) for v in row["fields"].values())])
    doc["automation_runs"] = sorted(found.runs)
    (folder / "everything.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return folder


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def anonymised(record: Record) -> dict[str, Any]:
    """The field changes that leave nothing personal on a record that must stay (by key)."""
    tdef = type(record).TABLE
    keep = KEEP_TEXT.get(tdef.key, frozenset())
    changes: dict[str, Any] = {}
    for f in tdef.fields:
        value = getattr(record, f.key, None)
        if f.type in TEXT_TYPES and f.key not in keep and value:
            changes[f.key] = None
        elif f.type == "multipleRecordLinks" and f.link_table in PERSON_TABLES and value:
            changes[f.key] = []
    if tdef.primary.key in changes and tdef.primary.type in TEXT_TYPES:
        changes[tdef.primary.key] = ERASED  # a row with an empty primary field is hard to read
    return changes


def erase(gw: Any, found: Found) -> dict[str, int]:
    """Delete, anonymise and scrub; returns counts by action. Nothing found: nothing written."""
    counts = {"deleted": 0, "anonymised": 0, "runs_scrubbed": 0}
    for table in ANONYMISE:
        model = MODELS[table]
        updates = [(r, anonymised(r)) for r in found.records.get(table, {}).values()]
        updates = [(r, c) for r, c in updates if c]
        if updates:
            gw.update(model, updates)
            counts["anonymised"] += len(updates)
    for table in DELETE:
        ids = list(found.records.get(table, {}))
        if ids:
            gw.delete(MODELS[table], ids)
            counts["deleted"] += len(ids)
    ids = found.ids()
    if found.runs and ids:
        pattern = re.compile("|".join(sorted(map(re.escape, ids))))
        scrub: Callable[[str | None], str | None] = lambda s: pattern.sub(ERASED, s) if s else s  # noqa: E731
        updates = [(r, {"details": scrub(r.details), "error": scrub(r.error)}) for r in found.runs.values()]
        gw.update(MODELS["runs"], updates)
        counts["runs_scrubbed"] = len(updates)
    return counts


def _summary(found: Found) -> str:
    parts = [f"{len(recs)} {TABLES[t].name}" for t, recs in found.records.items() if recs]
    if found.runs:
        parts.append(f"{len(found.runs)} Automation Runs mentioning them")
    return ", ".join(parts) or "nothing"


def _gateway(config: Any) -> Any:
    from automation.airtable.gateway import Gateway

    return Gateway(config, policy=SCRIPT_POLICY)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m scripts.client_data", description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export", help="write everything the base holds about one client")
    ex.add_argument("--client", required=True, metavar="EMAIL")
    ex.add_argument("--out", type=Path, default=Path("exports"), help="folder for exports (default exports/)")
    er = sub.add_parser("erase", help="back up the base, then erase or anonymise one client's data")
    er.add_argument("--client", required=True, metavar="EMAIL")
    er.add_argument("--backups", type=Path, default=Path("backups"), help="backup folder (default backups/)")
    er.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    args = p.parse_args(argv)

    def run() -> int:
        if "@" not in args.client:
            raise CliError(f"--client takes the client's email address, not {args.client!r}")
        config = load_config()
        gw = _gateway(config)
        found = find(gw, args.client)
        print(f"{args.client}: {_summary(found)}")
        if args.command == "export":
            if found.empty():
                raise CliError(f"the base holds nothing about {args.client}")
            print(f"Exported to {export(found, args.out)}")
            return 0
        if found.empty():
            print("Nothing to erase.")
            return 0
        if not args.yes:
            if not sys.stdin.isatty():
                raise CliError("erase asks for confirmation: run it from a terminal or pass --yes")
            if input(f"Erase this data of {args.client}? Type 'erase' to confirm: ").strip() != "erase":
                print("Nothing erased.")
                return 1
        from scripts.backup_base import backup

        folder = backup(make_api(config), config.airtable_base_id, args.backups, say=lambda _m: None)
        print(f"Backup of the whole base: {folder}")
        counts = erase(gw, found)
        print(
            f"Erased: {counts['deleted']} records deleted, {counts['anonymised']} anonymised "
            f"(invoice amounts kept), {counts['runs_scrubbed']} run log entries scrubbed."
        )
        return 0

    return guarded(run)


if __name__ == "__main__":
    sys.exit(main())
