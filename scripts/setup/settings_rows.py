"""Seed the Settings table with the documented defaults, never overwriting what the coach set."""

from __future__ import annotations

from typing import Any

from automation.settings import BusinessSettings
from scripts.setup.match import TableMatch
from scripts.setup.types import compatible

COLUMNS = ("key", "value", "description", "category")
# What every client reads in an email (its signature and footer): left at the demo's values, a real
# business's clients would be written to by "Sarah Cave" of "1 Example Street, London, UK".
BILL_FROM = "billing.bill_from"
IDENTITY = ("general.business_name", "general.coach_name", "general.coach_email", "general.postal_address")


def demo_identity(existing: list[dict[str, Any]], defaults: list[dict[str, str]]) -> list[str]:
    """The IDENTITY settings whose row is missing, empty (the default applies) or holds the default, as
    "key ('value')" (setup names them until the coach puts her own in)."""
    typed = {str(r.get("key") or "").strip().lower(): str(r.get("value") or "").strip() for r in existing}
    default = {d["key"]: d.get("value", "") for d in defaults}
    return [f"{k} ({default.get(k, '')!r})" for k in IDENTITY if typed.get(k, "") in ("", default.get(k, ""))]


def plan_settings(
    existing: list[dict[str, Any]], defaults: list[dict[str, str]]
) -> tuple[list[dict[str, str]], list[tuple[str, dict[str, str]]]]:
    """(rows to create, (record id, fields to fill) for existing rows with an empty description/category).

    `existing` rows are {"id", "key", "value", "description", "category"}. Upsert on Key: a row that exists
    keeps its Value, even an empty one (empty means "use the default").
    """
    by_key: dict[str, dict[str, Any]] = {}
    for row in existing:  # a Key typed in another case or with spaces is that setting (the app reads it so)
        by_key.setdefault(str(row.get("key") or "").strip().lower(), row)
    create, fill = [], []
    for d in defaults:
        row = by_key.get(d["key"].lower())
        if row is None:
            create.append(d)
            continue
        patch = {
            k: d[k] for k in ("description", "category") if d.get(k) and not str(row.get(k) or "").strip()
        }
        if patch:
            fill.append((row["id"], patch))
    return create, fill


def bill_from_rows(
    existing: list[dict[str, Any]], create: list[dict[str, str]], history_from: str | None
) -> tuple[list[dict[str, str]], str | None]:
    """A base that already holds sessions (`history_from`: the first of this month) gets billing.bill_from
    set on its first setup: left blank, the first billing run would bill every past session on no invoice
    (she billed them herself). (rows to create, the line that tells the coach, or None)."""
    if history_from is None:
        return create, None
    typed = {str(r.get("key") or "").strip().lower(): str(r.get("value") or "").strip() for r in existing}
    if BILL_FROM not in typed:
        rows = [{**row, "value": history_from} if row["key"] == BILL_FROM else row for row in create]
        return rows, (
            f"Settings: {BILL_FROM} set to {history_from}: your base already holds sessions, and Leadership "
            "OS bills none dated before this day (you billed them yourself). If you have not billed some of "
            "them yet, set it to the first day still to bill."
        )
    if typed[BILL_FROM] == "":
        return create, (
            f"! Settings: {BILL_FROM} is empty and your base already holds sessions: the first billing run "
            "would bill every past session on no invoice. Set it to the first day Leadership OS should bill "
            f"(e.g. {history_from})."
        )
    return create, None


TAX_ROWS = ("billing.tax_rate", "billing.tax_label")


def tax_note(existing: list[dict[str, Any]], defaults: list[dict[str, str]]) -> str | None:
    """The line that names the tax every invoice adds while billing.tax_rate holds the seeded default (the
    UK's 20 % VAT), or None once the coach has typed a rate of her own (or no tax applies). Her invoices add
    it unless she changes it, so setup says so, whatever the README says: sharper ("!") when Settings
    already place the business outside the UK (its time zone's country, or a currency other than GBP), where
    20 % "VAT" is wrong whatever her tax."""
    from automation.settings import load_settings
    from automation.settings.zones import zone_country

    typed = {str(r.get("key") or "").strip().lower(): str(r.get("value") or "").strip() for r in existing}
    default = {d["key"]: d.get("value", "") for d in defaults}
    if typed.get(TAX_ROWS[0], "") not in ("", default.get(TAX_ROWS[0], "")):
        return None  # a rate she typed, 20 % included, is hers
    settings, _ = load_settings((str(r.get("key") or ""), r.get("value")) for r in existing)
    billing, general = settings.billing, settings.general
    if not billing.tax_rate:
        return None
    percent = f"{(billing.tax_rate * 100).normalize():f}"
    tax = f"{percent} % {billing.tax_label.strip() or 'Tax'}"
    fix = (
        f"type your rate in {TAX_ROWS[0]} (0 for no tax) and its name in {TAX_ROWS[1]} (Sales tax, GST, "
        "HST, VAT) before the first billing run"
    )
    if zone_country(general.time_zone) in ("GB", None) and general.currency == "GBP":
        return (
            f"Settings: every invoice adds {tax} ({', '.join(TAX_ROWS)}: the UK default). Not "
            f"VAT-registered, or not in the UK? {fix[0].upper()}{fix[1:]}; to keep it, type {percent}% "
            "(this line then goes)."
        )
    return (
        f"! Settings: every invoice adds {tax}, the UK default, but your business is on {general.time_zone} "
        f"time and bills in {general.currency}: {fix}."
    )


def seed_settings(
    api: Any,
    base_id: str,
    tm: TableMatch,
    dry_run: bool,
    demo: list[str] | None = None,
    history_from: str | None = None,
    notes: list[str] | None = None,
) -> tuple[int, int] | None:
    """Create missing Settings rows and fill empty descriptions; returns (created, filled). `demo`, when
    given, receives the settings every client reads that still hold the demo's values (demo_identity).

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
    create, note = bill_from_rows(existing, create, history_from)
    if note and notes is not None:
        notes.append(note)
    if demo is not None:
        demo.extend(demo_identity(existing, defaults))
    if notes is not None and (tax := tax_note(existing, defaults)):
        notes.append(tax)
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
