"""The shapes the store hands out: schema (TableInfo/FieldInfo), stored rows, and Transactions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class FieldInfo:
    """One field: id, name, type, options in the read format, description."""

    id: str
    name: str
    type: str
    options: dict[str, Any] | None = None
    description: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The Meta API's field model (options/description only when present)."""
        out: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type}
        if self.description:
            out["description"] = self.description
        if self.options is not None:
            out["options"] = self.options
        return out


@dataclass(frozen=True)
class ViewInfo:
    """A view; the API cannot create views, so each table has only its default "Grid view"."""

    id: str
    name: str
    type: str = "grid"


@dataclass
class TableInfo:
    """One table's schema; the first field is the primary field."""

    id: str
    name: str
    primary_field_id: str
    fields: list[FieldInfo]
    description: str | None = None
    views: list[ViewInfo] = field(default_factory=list)
    base_id: str = ""

    def __post_init__(self) -> None:
        self._by_id = {f.id: f for f in self.fields}
        self._by_name = {f.name: f for f in self.fields}
        self._by_folded = {f.name.casefold(): f for f in self.fields}

    @property
    def primary(self) -> FieldInfo:
        return self._by_id[self.primary_field_id]

    def field(self, key: str) -> FieldInfo | None:
        """The field with this id or exact name (how record writes and fields[] name fields)."""
        return self._by_id.get(key) or self._by_name.get(key)

    def field_ci(self, key: str) -> FieldInfo | None:
        """Like ``field``, then a case-insensitive name match (formula references)."""
        return self.field(key) or self._by_folded.get(key.casefold())

    def view(self, key: str) -> ViewInfo | None:
        for v in self.views:
            if key in (v.id, v.name):
                return v
        return None

    def as_dict(self, visible_field_ids: bool = False) -> dict[str, Any]:
        """The Meta API's table model."""
        out: dict[str, Any] = {"id": self.id, "name": self.name, "primaryFieldId": self.primary_field_id}
        if self.description:
            out["description"] = self.description
        out["fields"] = [f.as_dict() for f in self.fields]
        views = []
        for v in self.views:
            view: dict[str, Any] = {"id": v.id, "name": v.name, "type": v.type}
            if visible_field_ids and v.type == "grid":
                view["visibleFieldIds"] = [f.id for f in self.fields]
            views.append(view)
        out["views"] = views
        return out


@dataclass
class Row:
    """A stored record: cell values (V1, by field id; empty cells absent)."""

    id: str
    created_time: str
    cells: dict[str, Any]


@dataclass
class RecordChange:
    """One record touched by a write, with its non-empty cells before and after (V2 values by field id)."""

    table_id: str
    record_id: str
    kind: Literal["created", "changed", "destroyed"]
    created_time: str
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class Transaction:
    """Everything one write request changed, published to subscribers after it commits."""

    base_id: str
    timestamp: str
    source: str
    user: dict[str, Any]
    records: list[RecordChange]
    field_changes: list[dict[str, Any]] = field(default_factory=list)
    source_metadata: dict[str, Any] = field(default_factory=dict)  # e.g. a form's viewId
