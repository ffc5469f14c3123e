"""An in-memory Meta API (a MetaClient) behaving like Airtable for the planner's unit tests.

Creating a link field also creates its inverse on the linked table, named after the source table, as
Airtable does. Every write is counted.
"""

from __future__ import annotations

import copy
import itertools
from typing import Any


class FakeMeta:
    def __init__(self, schema: dict[str, Any] | None = None) -> None:
        self.data: dict[str, Any] = copy.deepcopy(schema) if schema else {"tables": []}
        self.writes: list[tuple[str, str]] = []
        self._ids = itertools.count(1)

    def _id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):014d}"

    def schema(self) -> dict[str, Any]:
        return copy.deepcopy(self.data)

    def table(self, table_id: str) -> dict[str, Any]:
        return next(t for t in self.data["tables"] if t["id"] == table_id)

    def _unique(self, table: dict[str, Any], name: str) -> str:
        names = {f["name"].casefold() for f in table["fields"]}
        if name.casefold() not in names:
            return name
        return next(f"{name} {i}" for i in itertools.count(2) if f"{name} {i}".casefold() not in names)

    def create_table(self, body: dict[str, Any]) -> dict[str, Any]:
        self.writes.append(("create_table", body["name"]))
        table = {
            "id": self._id("tbl"),
            "name": body["name"],
            "description": body.get("description"),
            "fields": [],
        }
        self.data["tables"].append(table)
        for f in body["fields"]:
            self._add_field(table, f)
        table["primaryFieldId"] = table["fields"][0]["id"]
        return copy.deepcopy(table)

    def update_table(self, table_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self.writes.append(("update_table", table_id))
        self.table(table_id).update(body)
        return copy.deepcopy(self.table(table_id))

    def _add_field(self, table: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        field = copy.deepcopy(body)
        field["id"] = self._id("fld")
        for choice in (field.get("options") or {}).get("choices", []):
            choice.setdefault("id", self._id("sel"))
        table["fields"].append(field)
        return field

    def create_field(self, table_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self.writes.append(("create_field", body["name"]))
        table = self.table(table_id)
        if body["name"].casefold() in {f["name"].casefold() for f in table["fields"]}:
            raise ValueError(f"duplicate field name {body['name']}")
        field = self._add_field(table, body)
        if field["type"] == "multipleRecordLinks":
            other = self.table(field["options"]["linkedTableId"])
            field["options"].update(isReversed=False, prefersSingleRecordLink=False)
            if other is not table:
                inverse = self._add_field(
                    other,
                    {
                        "name": self._unique(other, table["name"]),
                        "type": "multipleRecordLinks",
                        "options": {"linkedTableId": table_id, "inverseLinkFieldId": field["id"]},
                    },
                )
                field["options"]["inverseLinkFieldId"] = inverse["id"]
        return copy.deepcopy(field)

    def update_field(self, table_id: str, field_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self.writes.append(("update_field", field_id))
        field = next(f for f in self.table(table_id)["fields"] if f["id"] == field_id)
        for key, value in copy.deepcopy(body).items():
            if key == "options":
                for choice in value.get("choices", []):
                    choice.setdefault("id", self._id("sel"))
                field.setdefault("options", {}).update(value)
            else:
                field[key] = value
        return copy.deepcopy(field)
