"""The coach's five-table base, built on the local server through the API, with records."""

from __future__ import annotations

from typing import Any

TEXT = {"type": "singleLineText"}
DATE = {"type": "date", "options": {"dateFormat": {"name": "iso"}}}
DATETIME = {
    "type": "dateTime",
    "options": {"timeZone": "utc", "dateFormat": {"name": "iso"}, "timeFormat": {"name": "24hour"}},
}


def _select(*names: str) -> dict[str, Any]:
    return {"type": "singleSelect", "options": {"choices": [{"name": n} for n in names]}}


TABLES = [
    {
        "name": "Clients",
        "fields": [
            {"name": "Name", **TEXT},
            {"name": "Email", "type": "email"},
            {"name": "Status", **_select("Active", "Paused")},
            # The old base's broken formula, as a field of another type than the number the automation writes.
            {"name": "Usage Frequency", **TEXT},
            {"name": "Goals", "type": "multilineText", "description": "Sarah's own field"},
        ],
    },
    {
        "name": "Coaching Sessions",
        "fields": [
            {"name": "Name", **TEXT},
            {"name": "Date & Time", **DATETIME},
            {"name": "Satisfaction", "type": "number", "options": {"precision": 0}},
            {"name": "Key Outcomes", "type": "multilineText"},
        ],
    },
    {
        "name": "Leadership Models",
        "fields": [{"name": "Title", **TEXT}, {"name": "Category", **_select("Team")}],
    },
    {"name": "Associates", "fields": [{"name": "Name", **TEXT}, {"name": "Email", "type": "email"}]},
    {
        "name": "Action Items",
        "fields": [
            {"name": "Description", "type": "multilineText"},
            {"name": "Due Date", **DATE},
            {"name": "Status", **_select("Open", "Done")},
        ],
    },
]
# (table, link field, linked table, the name the inverse side gets)
LINKS = [
    ("Clients", "Coaching Sessions", "Coaching Sessions", "Client"),
    ("Clients", "Associate", "Associates", "Clients"),
    ("Action Items", "Client", "Clients", "Action Items"),
]


def build_legacy_base(srv: Any) -> str:
    base_id = srv.create_base("Leadership Secret (old)", tables=TABLES)
    api = srv.api()
    meta = api.build_url("meta/bases", base_id, "tables")
    ids = {t["name"]: t["id"] for t in api.get(meta)["tables"]}
    for table, name, target, inverse in LINKS:
        created = api.post(
            f"{meta}/{ids[table]}/fields",
            json={"name": name, "type": "multipleRecordLinks", "options": {"linkedTableId": ids[target]}},
        )
        api.patch(
            f"{meta}/{ids[target]}/fields/{created['options']['inverseLinkFieldId']}", json={"name": inverse}
        )
    t = {name: api.table(base_id, name) for name in ids}
    assoc = t["Associates"].batch_create(
        [
            {"Name": "Priya Raman", "Email": "priya@ls.example"},
            {"Name": "Tom Okafor", "Email": "tom@ls.example"},
        ]
    )
    clients = t["Clients"].batch_create(
        [
            {"Name": f"Client {i}", "Email": f"c{i}@x.example", "Status": "Active" if i % 3 else "Paused",
             "Usage Frequency": "#ERROR!", "Goals": f"Goal {i}", "Associate": [assoc[i % 2]["id"]]}
            for i in range(4)
        ]
    )  # fmt: skip
    sessions = t["Coaching Sessions"].batch_create(
        [
            {"Name": f"S{i}", "Date & Time": f"2026-0{1 + i}-10T09:00:00.000Z", "Satisfaction": 3 + i % 3,
             "Key Outcomes": f"Outcome {i}"}
            for i in range(6)
        ]
    )  # fmt: skip
    for i, c in enumerate(clients):
        t["Clients"].update(c["id"], {"Coaching Sessions": [s["id"] for s in sessions[i::4]]})
    t["Leadership Models"].batch_create([{"Title": "GROW", "Category": "Team"}, {"Title": "SCARF"}])
    t["Action Items"].batch_create(
        [
            {"Description": f"Do {i}", "Due Date": f"2026-03-0{i + 1}", "Status": "Done" if i else "Open",
             "Client": [clients[i]["id"]]}
            for i in range(4)
        ]
    )  # fmt: skip
    return base_id


def snapshot(srv: Any, base_id: str, tables: list[str]) -> dict[str, dict[str, dict]]:
    """table name -> record id -> fields (by name)."""
    api = srv.api()
    return {name: {r["id"]: r["fields"] for r in api.table(base_id, name).all()} for name in tables}
