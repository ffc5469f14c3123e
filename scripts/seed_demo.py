"""Fill a base with a realistic, deterministic demo business.

    python -m scripts.seed_demo [--today YYYY-MM-DD] [--seed N] [--force]

3 packages, 4 associates, 12 leadership models, 40 leads, 15 clients, 10 deals across the stages, about 120
sessions over the four months before --today (default: today) plus the next two weeks' bookings, their
action items and the past months' invoices. Every row is upserted on a natural key (email, name, dedupe
key), 10 per request, so running it again duplicates nothing. Computed fields (scores, health, ...) are
left to the automation. Every email address is on the reserved .example domain. Run setup_base first.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, date, datetime
from typing import Any

from schema.tables import TABLES
from scripts._cli import CliError, ScriptApi, guarded, load_config, make_api
from scripts.demo_data.build import NATURAL_KEYS, ORDER, build
from scripts.demo_data.people import Ref, Row
from scripts.setup.match import TableMatch, match_base


def _value(value: Any, ids: dict[str, dict[str, str]]) -> Any:
    if isinstance(value, list) and value and isinstance(value[0], Ref):
        return [ids[r.table][r.key] for r in value]
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_fields(row: Row, tm: TableMatch, ids: dict[str, dict[str, str]]) -> dict[str, Any]:
    """A demo row as Airtable fields by field id (empty values left out: an upsert keeps what is there)."""
    out = {}
    for key, value in row.items():
        if value is None or value == "" or value == []:
            continue
        fm = tm.fields[key]
        if fm.field is None:
            raise CliError(f"{tm.name} has no field {fm.spec.name!r}: run python -m scripts.setup_base first")
        out[fm.field["id"]] = _value(value, ids)
    return out


def _matches(api: ScriptApi, base_id: str) -> dict[str, TableMatch]:
    matches = match_base(api.get(api.build_url("meta/bases", base_id, "tables")))
    missing = [TABLES[k].name for k in ORDER if not matches[k].found]
    if missing:
        raise CliError(f"the base has no {', '.join(missing)} table: run python -m scripts.setup_base first")
    return matches


def _guard(api: ScriptApi, base_id: str, matches: dict[str, TableMatch], data: dict[str, list[Row]]) -> None:
    """Refuse to mix demo rows into a base that holds real clients or leads (two reads)."""
    for key in ("clients", "leads"):
        tm = matches[key]
        email = tm.fields["email"].field
        if email is None:
            continue
        demo = {r["email"] for r in data[key]}
        for r in api.table(base_id, tm.table["id"]).all(fields=[email["id"]], use_field_ids=True):  # type: ignore[index]
            if r["fields"].get(email["id"]) not in demo:
                raise CliError(
                    f"{tm.name} holds records that are not demo data: seed_demo is for demo bases "
                    "(pass --force to seed this one anyway)"
                )


def seed(
    api: ScriptApi, base_id: str, today: date, seed_value: int, force: bool = False, say: Any = print
) -> dict:
    """Upsert the demo business; returns {table key: (created, updated)}."""
    data = build(today, seed_value)
    matches = _matches(api, base_id)
    if not force:
        _guard(api, base_id, matches, data)
    ids: dict[str, dict[str, str]] = {}
    result = {}
    for key in ORDER:
        tm = matches[key]
        natural = tm.fields[NATURAL_KEYS[key]].field
        assert natural is not None and tm.table is not None
        records = [{"fields": to_fields(row, tm, ids)} for row in data[key]]
        before = api.writes
        out = api.table(base_id, tm.table["id"]).batch_upsert(records, [natural["id"]], use_field_ids=True)
        ids[key] = {r["fields"][natural["id"]]: r["id"] for r in out["records"]}
        result[key] = (len(out["createdRecords"]), len(out["updatedRecords"]))
        say(
            f"  {tm.name}: {len(records)} rows ({result[key][0]} created, {result[key][1]} updated) "
            f"in {api.writes - before} write calls"
        )
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m scripts.seed_demo", description=__doc__.split("\n")[0])
    p.add_argument("--today", type=date.fromisoformat, default=None, help="the demo's today (YYYY-MM-DD)")
    p.add_argument("--seed", type=int, default=2026, help="random seed (same seed and day: same data)")
    p.add_argument("--force", action="store_true", help="seed even a base holding non-demo clients or leads")
    args = p.parse_args(argv)

    def run() -> int:
        config = load_config()
        api = make_api(config)
        today = args.today or date.today()
        print(f"Seeding the demo business into base {config.airtable_base_id} (today = {today})")
        started = time.monotonic()
        result = seed(api, config.airtable_base_id, today, args.seed, args.force)
        rows = sum(c + u for c, u in result.values())
        print(f"Done: {rows} rows in {api.writes} write calls, {time.monotonic() - started:.1f} s.")
        return 0

    return guarded(run)


if __name__ == "__main__":
    sys.exit(main())
