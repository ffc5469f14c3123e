"""Export every table of the base, schema and records, to a dated folder.

    python -m scripts.backup_base [--out backups/]

Writes backups/<base id>/<YYYY-MM-DD-HHMMSS>/: schema.json (the Meta API's view of every table and field),
one JSON file per table (every record, all fields by name, as the API returns them) and one CSV per table
for a person (linked records shown by their primary value). manifest.json is written last: a folder
without it is an interrupted backup, and setup_base does not count it.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from scripts._cli import guarded, load_config, make_api

DEFAULT_DIR = Path("backups")


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "table"


def latest_backup(out: Path, base_id: str, day: date) -> Path | None:
    """The newest complete backup of this base taken on `day`, if any."""
    folder = Path(out) / base_id
    done = [p for p in folder.glob(f"{day.isoformat()}-*") if (p / "manifest.json").is_file()]
    return max(done, default=None)


def _cell(value: Any, field: dict[str, Any], primaries: dict[str, dict[str, str]]) -> str:
    if value is None:
        return ""
    if field.get("type") == "multipleRecordLinks" and isinstance(value, list):
        names = primaries.get((field.get("options") or {}).get("linkedTableId", ""), {})
        return ", ".join(names.get(v, v) for v in value)
    if isinstance(value, bool):
        return "checked" if value else ""
    if isinstance(value, list):
        return ", ".join(_cell(v, {}, primaries) for v in value)
    if isinstance(value, dict):  # attachment, collaborator, button, barcode, AI text
        for key in ("url", "email", "name", "text", "label"):
            if key in value:
                return str(value[key])
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write_csv(path: Path, table: dict[str, Any], records: list[dict], primaries: dict) -> None:
    fields = table["fields"]
    with path.open("w", newline="", encoding="utf-8-sig") as fh:  # the BOM makes Excel read UTF-8
        out = csv.writer(fh)
        out.writerow(["Record ID", "Created", *(f["name"] for f in fields)])
        for r in records:
            cells = [_cell(r["fields"].get(f["name"]), f, primaries) for f in fields]
            out.writerow([r["id"], r.get("createdTime", ""), *cells])


def backup(api: Any, base_id: str, out: Path, now: datetime | None = None, say: Any = print) -> Path:
    """Export the base; returns the folder. Reads only (one schema call, then pages of 100 per table)."""
    now = now or datetime.now()
    schema = api.get(api.build_url("meta/bases", base_id, "tables"))
    folder = Path(out) / base_id / now.strftime("%Y-%m-%d-%H%M%S")
    while folder.exists():
        folder = folder.with_name(folder.name + "x")
    folder.mkdir(parents=True)
    (folder / "schema.json").write_text(json.dumps(schema, indent=2, ensure_ascii=False), encoding="utf-8")
    data: dict[str, list[dict]] = {}
    for t in schema["tables"]:
        data[t["id"]] = api.table(base_id, t["id"]).all()
    primaries = {}
    for t in schema["tables"]:
        primary = next(
            (f["name"] for f in t["fields"] if f["id"] == t.get("primaryFieldId")), t["fields"][0]["name"]
        )
        primaries[t["id"]] = {r["id"]: _cell(r["fields"].get(primary), {}, {}) for r in data[t["id"]]}
    manifest: dict[str, Any] = {
        "base_id": base_id,
        "created_at": now.isoformat(timespec="seconds"),
        "tables": [],
    }
    used: set[str] = set()
    for t in schema["tables"]:
        slug = _slug(t["name"])
        if slug in used:
            slug = f"{slug}-{t['id']}"
        used.add(slug)
        records = data[t["id"]]
        doc = {"table": {"id": t["id"], "name": t["name"]}, "records": records}
        (folder / f"{slug}.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
        _write_csv(folder / f"{slug}.csv", t, records, primaries)
        manifest["tables"].append({"id": t["id"], "name": t["name"], "records": len(records), "file": slug})
        say(f"  {t['name']}: {len(records)} records, {len(t['fields'])} fields")
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.backup_base", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_DIR, help="folder for backups (default backups/)")
    args = parser.parse_args(argv)

    def run() -> int:
        config = load_config()
        api = make_api(config)
        print(f"Backing up base {config.airtable_base_id} from {config.airtable_endpoint_url}")
        folder = backup(api, config.airtable_base_id, args.out)
        print(f"Backup complete: {folder} ({api.reads} read calls)")
        return 0

    return guarded(run)


if __name__ == "__main__":
    sys.exit(main())
