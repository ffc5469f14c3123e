"""The whole demo business as rows per table (field keys -> Python values; links as Ref to natural keys)."""

from __future__ import annotations

import random
from datetime import date

from scripts.demo_data.people import Row, associates, clients, deals, leads, models, packages
from scripts.demo_data.sessions import action_items, billed_since, invoices, sessions

# Upsert keys: running the seeder again updates these rows instead of adding new ones.
NATURAL_KEYS = {
    "packages": "name",
    "associates": "email",
    "models": "title",
    "leads": "email",
    "clients": "email",
    "deals": "deal_name",
    "sessions": "name",
    "action_items": "source_key",
    "invoices": "dedupe_key",
    "settings": "key",
}
ORDER = list(NATURAL_KEYS)  # parents before the rows that link to them


def build(today: date, seed: int = 2026) -> dict[str, list[Row]]:
    """Deterministic for a given day and seed; dates are relative to `today`."""
    rng = random.Random(seed)
    assoc = associates(today)
    lead_rows = leads(today, rng)
    plans = clients(today, rng, assoc)
    deal_rows = deals(today, rng, lead_rows, plans)
    by_client = {p.email: sessions(p, today, rng) for p in plans}
    items = [row for p in plans for row in action_items(p, by_client[p.email], today, rng)]
    invoice_rows = invoices(plans, by_client, today, rng)
    return {
        "packages": packages(),
        "associates": assoc,
        "models": models(today),
        "leads": lead_rows,
        "clients": [p.row for p in plans],
        "deals": deal_rows,
        "sessions": [s for p in plans for s in by_client[p.email]],
        "action_items": items,
        "invoices": invoice_rows,
        "settings": [{"key": "billing.bill_from", "value": billed_since(today).isoformat()}],
    }
