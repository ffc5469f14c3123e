"""The coach's original five-table base as schema JSON (ids fixed), for the planner's unit tests."""

from __future__ import annotations

from typing import Any


def _link(fid: str, name: str, table: str, inverse: str) -> dict[str, Any]:
    return {
        "id": fid,
        "name": name,
        "type": "multipleRecordLinks",
        "options": {"linkedTableId": table, "inverseLinkFieldId": inverse, "isReversed": False},
    }


def _select(fid: str, name: str, *choices: str) -> dict[str, Any]:
    opts = [{"id": f"sel{fid[3:]}{i}", "name": c, "color": "blueLight2"} for i, c in enumerate(choices)]
    return {"id": fid, "name": name, "type": "singleSelect", "options": {"choices": opts}}


def legacy_schema() -> dict[str, Any]:
    """Clients, Coaching Sessions, Leadership Models, Associates, Action Items, without markers.

    Drift on purpose: Usage Frequency is a formula; Satisfaction on sessions is a plain number (the schema
    wants a rating); Client Status lacks two choices; the coach has a field of her own (Clients.Goals).
    """
    text = "singleLineText"
    return {
        "tables": [
            {
                "id": "tblClients000001",
                "name": "Clients",
                "fields": [
                    {"id": "fldCliName000001", "name": "Name", "type": text},
                    {"id": "fldCliEmail00001", "name": "Email", "type": "email"},
                    _select("fldCliStatus0001", "Status", "Active", "Paused"),
                    {"id": "fldCliUsage00001", "name": "Usage Frequency", "type": "formula", "options": {}},
                    {
                        "id": "fldCliGoals00001",
                        "name": "Goals",
                        "type": "multilineText",
                        "description": "hers",
                    },
                    _link("fldCliSess000001", "Coaching Sessions", "tblSessions00001", "fldSesClient0001"),
                    _link("fldCliAssoc00001", "Associate", "tblAssociates001", "fldAssClients001"),
                ],
            },
            {
                "id": "tblSessions00001",
                "name": "Coaching Sessions",
                "fields": [
                    {"id": "fldSesName000001", "name": "Name", "type": text},
                    _link("fldSesClient0001", "Client", "tblClients000001", "fldCliSess000001"),
                    {"id": "fldSesDate000001", "name": "Date & Time", "type": "dateTime", "options": {}},
                    {"id": "fldSesSat0000001", "name": "Satisfaction", "type": "number", "options": {}},
                    {"id": "fldSesOut0000001", "name": "Key Outcomes", "type": "multilineText"},
                ],
            },
            {
                "id": "tblModels0000001",
                "name": "Leadership Models",
                "fields": [
                    {"id": "fldModTitle00001", "name": "Title", "type": text},
                    _select("fldModCat0000001", "Category", "Team", "Strategy"),
                ],
            },
            {
                "id": "tblAssociates001",
                "name": "Associates",
                "fields": [
                    {"id": "fldAssName000001", "name": "Name", "type": text},
                    {"id": "fldAssEmail00001", "name": "Email", "type": "email"},
                    _link("fldAssClients001", "Clients", "tblClients000001", "fldCliAssoc00001"),
                ],
            },
            {
                "id": "tblActions000001",
                "name": "Action Items",
                "fields": [
                    {"id": "fldActDesc000001", "name": "Description", "type": "multilineText"},
                    {"id": "fldActDue0000001", "name": "Due Date", "type": "date", "options": {}},
                ],
            },
        ]
    }
