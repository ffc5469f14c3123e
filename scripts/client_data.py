"""A client's data: export everything the base holds about one client, or erase it after a backup.

    python -m scripts.client_data export --client EMAIL [--out exports/]
    python -m scripts.client_data erase --client EMAIL [--backups backups/] [--yes]

Coaching notes are personal. The client is every record at their mailbox in any spelling (case, a +tag,
Gmail's dots) and every lead marked a duplicate of theirs. `export` writes one folder with a JSON file of
every record that concerns the client (their client and lead records, sessions, action items, deals,
invoices, messages) and the ids of the other records that mention them (Automation Runs, System State,
another client's notes, a report to the coach), and a CSV per table for a person. `erase` first takes a
full backup of the base (backups/, as `backup_base`), then replaces them with [erased] in the records that
mention them (name, address, Stripe customer id, record ids; a name another person also has stays),
deletes their action items and messages, anonymises their sessions and deals (every text cleared, the
links to the person removed; dates, durations, ratings and amounts stay, so the associates' quality scores
and the forecast keep their history), keeps their invoices as bookkeeping law requires (amounts, numbers,
dates, status and lines kept, their name taken out of the lines; notes and payment link cleared), and
deletes their leads and client record last, so an erase stopped halfway finds the rest when run again.
A second erase finds nothing and writes nothing.
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

from automation.leads.contact import mailbox, one_mailbox
from automation.models import MODELS, Record
from schema.model import TableDef
from schema.tables import TABLES
from scripts._cli import SCRIPT_POLICY, CliError, guarded, load_config, make_api

TEXT_TYPES = frozenset({"singleLineText", "multilineText", "richText", "email", "url", "phoneNumber"})
# What erase does per table: delete the record, or anonymise it (clear text, unlink the person).
DELETE = ("clients", "leads", "action_items", "messages")
ANONYMISE = ("sessions", "deals", "invoices")
# Text kept on anonymised records: the bookkeeping identifiers (a dedupe key may hold the address).
# Lines stay too (what was billed, and the associates' payouts read them), with the person redacted.
KEEP_TEXT = {
    "invoices": frozenset({"invoice_number", "period", "stripe_id", "lines"}),
    "sessions": frozenset(),
    "deals": frozenset(),
}
PERSON_TABLES = frozenset({"clients", "leads"})  # links to these are the person: removed on anonymised rows
# Other people's records whose name, redacted in text, would be someone else's (a namesake stays untouched).
NAMED_TABLES = ("clients", "leads", "associates")
ERASED = "[erased]"
EMAIL_IN_TEXT = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass
class Found:
    """The client's records by table key (what export writes and erase acts on)."""

    email: str
    records: dict[str, dict[str, Record]] = field(default_factory=dict)
    # Other records that mention the person in some text (run log, System State, another client's notes, a
    # report to the coach) by table key: kept, with the mention replaced by [erased].
    mentions: dict[str, dict[str, Record]] = field(default_factory=dict)
    redact: Callable[..., str] = lambda s, with_ids=True: s

    @property
    def runs(self) -> dict[str, Record]:
        return self.mentions.get("runs", {})

    def ids(self) -> set[str]:
        return {rid for recs in self.records.values() for rid in recs}

    def add(self, table: str, records: Iterable[Record]) -> None:
        self.records.setdefault(table, {}).update({r.id: r for r in records})

    def empty(self) -> bool:
        return not any(self.records.values()) and not any(self.mentions.values())


def _norm(email: str | None) -> str:
    return (email or "").strip().lower()


def _links(record: Record, tdef: TableDef, tables: frozenset[str]) -> set[str]:
    """Ids this record links to in the given tables."""
    out: set[str] = set()
    for f in tdef.fields:
        if f.type == "multipleRecordLinks" and f.link_table in tables:
            out.update(getattr(record, f.key, None) or [])
    return out


def _mine(address: str | None, boxes: set[str]) -> bool:
    """Whether an address is one of the person's (any case, a +tag, Gmail's dots: one mailbox)."""
    return any(one_mailbox(address, box) for box in boxes)


def _name_key(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def _phone_key(phone: str | None) -> str | None:
    """The digits that identify a phone number however it is written: its last nine (the number without a
    country code or trunk 0: "+44 20 7946 0958" and "020 7946 0958" are one number), or all of a shorter
    one; None under seven digits (an extension, a typo: too short to find safely in a text)."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-9:] if len(digits) >= 7 else None


def _phone_pattern(key: str) -> str:
    """The number in a text, in any grouping (spaces, dashes, dots, brackets) and with whatever country code
    or trunk prefix comes before its identifying digits (up to four more digits and a "+")."""
    gap = r"[\s\-.()/]*"
    return r"(?<![\w+(])(?:[+(]?\d" + gap + r"){0,4}?" + gap.join(key) + r"(?!\d)"


def _redactor(found: Found, everything: dict[str, list[Record]]) -> Callable[..., str]:
    """A function replacing the person in a text with [erased]: their record ids, Stripe customer id, every
    spelling of their addresses, their phone numbers in any grouping, and their full names (two words or
    more, whole words), except a name or number a person who stays also has (their namesake's records, a
    shared office line, are not theirs to redact)."""
    ids = found.ids()
    boxes = {b for b in (mailbox(a) or _norm(a) for a in _addresses(found)) if b}
    others = {
        _name_key(getattr(r, "name", None))
        for key in NAMED_TABLES
        for r in everything.get(key, [])
        if r.id not in ids
    }
    names = {
        _name_key(r.name)
        for key in PERSON_TABLES
        for r in found.records.get(key, {}).values()
        if len(_name_key(r.name).split()) > 1
    } - others
    stripe = {
        c.stripe_customer_id.strip()
        for c in found.records.get("clients", {}).values()
        if (c.stripe_customer_id or "").strip()
    }
    theirs = {
        k for key in PERSON_TABLES for r in found.records.get(key, {}).values() if (k := _phone_key(r.phone))
    }
    shared = {
        _phone_key(getattr(r, "phone", None))
        for key in NAMED_TABLES
        for r in everything.get(key, [])
        if r.id not in ids
    }
    parts = [re.escape(x) for x in sorted(stripe, key=len, reverse=True)]
    parts += [_phone_pattern(k) for k in sorted(theirs - shared)]
    parts += [r"(?<!\w)" + r"\s+".join(map(re.escape, n.split())) + r"(?!\w)" for n in sorted(names)]
    words = re.compile("|".join(parts), re.IGNORECASE) if parts else None
    # Record ids are case-sensitive (recAb and recaB are two records).
    record_ids = re.compile("|".join(map(re.escape, sorted(ids)))) if ids else None

    def redact(text: str, with_ids: bool = True) -> str:
        text = EMAIL_IN_TEXT.sub(lambda m: ERASED if _mine(m.group(), boxes) else m.group(), text)
        text = words.sub(ERASED, text) if words else text
        return record_ids.sub(ERASED, text) if record_ids and with_ids else text

    return redact


def _addresses(found: Found) -> set[str]:
    out = {found.email}
    for key in PERSON_TABLES:
        out |= {_norm(r.email) for r in found.records.get(key, {}).values() if _norm(r.email)}
    return out


def find(gw: Any, email: str) -> Found:
    """Everything that concerns the client with this email: one listing per table (pages of 100)."""
    email = _norm(email)
    found = Found(email)
    everything = {key: gw.all(model) for key, model in MODELS.items()}
    found.add("clients", [c for c in everything["clients"] if _mine(c.email, {email})])
    leads = [lead for lead in everything["leads"] if _mine(lead.email, {email})]
    # A lead marked a duplicate of theirs, or theirs marked a duplicate of another, is the same person.
    while True:
        ids = {lead.id for lead in leads}
        more = [
            lead
            for lead in everything["leads"]
            if lead.id not in ids
            and (set(lead.duplicate_of or []) & ids or any(lead.id in (x.duplicate_of or []) for x in leads))
        ]
        if not more:
            break
        leads += more
    found.add("leads", leads)
    # Records that belong to the person, in an order where each rule only needs the ones before it.
    owners = {
        "sessions": ("clients",),
        "deals": ("clients", "leads"),
        "action_items": ("clients", "sessions"),
        "invoices": ("clients",),
        "messages": ("clients", "leads", "sessions", "deals", "invoices", "action_items"),
    }
    boxes = _addresses(found)
    for table, by in owners.items():
        mine = found.ids()
        tdef = TABLES[table]
        rows = [r for r in everything[table] if _links(r, tdef, frozenset(by)) & mine]
        if table == "messages":
            rows += [m for m in everything["messages"] if _mine(m.recipient, boxes)]
        found.add(table, rows)
    if not found.ids():
        return found
    found.redact = _redactor(found, everything)
    ids = found.ids()
    for table, records in everything.items():
        texts = [f.key for f in TABLES[table].fields if f.type in TEXT_TYPES]
        hits = [
            r
            for r in records
            if r.id not in ids and any((v := getattr(r, k, None)) and found.redact(v) != v for k in texts)
        ]
        if hits:
            found.mentions[table] = {r.id: r for r in hits}
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
    # Other records that mention them: ids only (their text is someone else's record; erase redacts it).
    doc["mentioned_in"] = {TABLES[t].name: sorted(recs) for t, recs in found.mentions.items() if recs}
    (folder / "everything.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return folder


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def anonymised(record: Record, redact: Callable[..., str] = lambda s, with_ids=True: s) -> dict[str, Any]:
    """The field changes that leave nothing personal on a record that must stay (by key): its texts cleared
    but the kept ones, redacted (record ids stay there: an invoice line names the session it bills, which
    stays too, anonymised, for the associate's payout)."""
    tdef = type(record).TABLE
    keep = KEEP_TEXT.get(tdef.key, frozenset())
    changes: dict[str, Any] = {}
    for f in tdef.fields:
        value = getattr(record, f.key, None)
        if f.type in TEXT_TYPES and value and f.key in keep:
            if redact(value, with_ids=False) != value:
                changes[f.key] = redact(value, with_ids=False)
        elif f.type in TEXT_TYPES and value:
            changes[f.key] = None
        elif f.type == "multipleRecordLinks" and f.link_table in PERSON_TABLES and value:
            changes[f.key] = []
    if tdef.primary.key in changes and tdef.primary.type in TEXT_TYPES and tdef.primary.key not in keep:
        changes[tdef.primary.key] = ERASED  # a row with an empty primary field is hard to read
    return changes


def redacted(record: Record, redact: Callable[[str], str]) -> dict[str, Any]:
    """The text changes that take the person out of someone else's record (by key)."""
    changes: dict[str, Any] = {}
    for f in type(record).TABLE.fields:
        value = getattr(record, f.key, None)
        if f.type in TEXT_TYPES and value and redact(value) != value:
            changes[f.key] = redact(value)
    return changes


def erase(gw: Any, found: Found) -> dict[str, int]:
    """Redact, delete, anonymise; returns counts by action. Nothing found: nothing written.

    The order lets an interrupted erase (a crash, a 429 that outlasts the retries) be run again and finish:
    every step leaves the client and lead records, which find the rest, until the last one; records found
    only through a session, deal or invoice link go before anonymising removes it."""
    counts = {"deleted": 0, "anonymised": 0, "runs_scrubbed": 0, "redacted": 0}
    for table, records in found.mentions.items():
        updates = [(r, c) for r in records.values() if (c := redacted(r, found.redact))]
        if updates:
            gw.update(MODELS[table], updates)
            counts["runs_scrubbed" if table == "runs" else "redacted"] += len(updates)
    order = [
        *(("delete", t) for t in DELETE if t not in PERSON_TABLES),
        *(("anonymise", t) for t in ANONYMISE),
        *(("delete", t) for t in ("leads", "clients")),
    ]
    for action, table in order:
        model = MODELS[table]
        if action == "delete":
            ids = list(found.records.get(table, {}))
            if ids:
                gw.delete(model, ids)
                counts["deleted"] += len(ids)
            continue
        updates = [(r, anonymised(r, found.redact)) for r in found.records.get(table, {}).values()]
        updates = [(r, c) for r, c in updates if c]
        if updates:
            gw.update(model, updates)
            counts["anonymised"] += len(updates)
    return counts


def _summary(found: Found) -> str:
    parts = [f"{len(recs)} {TABLES[t].name}" for t, recs in found.records.items() if recs]
    for table, recs in found.mentions.items():
        if recs:
            parts.append(f"{len(recs)} {TABLES[table].name} mentioning them")
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
            f"(invoice amounts kept), {counts['runs_scrubbed']} run log entries scrubbed, "
            f"{counts['redacted']} other records redacted where they name them."
        )
        return 0

    return guarded(run)


if __name__ == "__main__":
    sys.exit(main())
