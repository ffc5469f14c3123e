"""Listing payloads, turning a batch into runner work, and the report of one webhook's processing."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from automation.errors import AirtableUnavailable
from automation.events.payloads import Batch, coalesce, destroyed_ids
from automation.events.runner import Touch

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway
    from automation.airtable.schema_map import SchemaMap

PAGE_LIMIT = 50  # Airtable returns at most 50 payloads per list call


@dataclass
class Page:
    start: int
    payloads: list[dict[str, Any]]
    cursor: int
    more: bool

    def after(self, cursor: int) -> Page:
        """The part of this page from `cursor` on (payload i of a page has number start + i)."""
        return Page(cursor, self.payloads[max(0, cursor - self.start) :], self.cursor, self.more)


def list_page(gw: Gateway, webhook_id: str, cursor: int) -> Page:
    """One list-payloads call (it also extends the webhook's expiry by 7 days)."""
    body = gw.request(
        "GET",
        f"/v0/bases/{{base}}/webhooks/{webhook_id}/payloads",
        params={"cursor": cursor, "limit": PAGE_LIMIT},
    )
    try:
        payloads = list(body["payloads"])
        return Page(cursor, payloads, int(body["cursor"]), bool(body.get("mightHaveMore")))
    except (KeyError, TypeError, ValueError):
        raise AirtableUnavailable(f"unexpected list-payloads answer for {webhook_id}") from None


def to_work(batch: Batch, smap: SchemaMap) -> dict[str, dict[str, Touch]]:
    """Coalesced events by table key and record, with field ids turned into field keys; deleted records
    as Touch(destroyed=True) (for the automations that act on a deletion)."""
    tables = {info.id: info for info in smap.tables.values()}
    work: dict[str, dict[str, Touch]] = {}
    for table_id, changes in coalesce(batch.events).items():
        info = tables.get(table_id)
        if info is None:
            continue  # a table the product does not manage
        work[info.key] = {
            rid: Touch(
                c.created,
                frozenset(info.by_id[f].key for f in c.field_ids if f in info.by_id),
                {info.by_id[f].key: v for f, v in c.cells.items() if f in info.by_id},
                c.by,
                changed_at={info.by_id[f].key: t for f, t in c.changed_at.items() if f in info.by_id},
            )
            for rid, c in changes.items()
        }
    for table_id, ids in destroyed_ids(batch.events).items():
        if (info := tables.get(table_id)) is not None:
            work.setdefault(info.key, {}).update((rid, Touch(destroyed=True)) for rid in ids)
    return work


@dataclass
class DrainReport:
    webhook_id: str
    cursor_from: int | None = None
    cursor_to: int | None = None
    pages: int = 0
    payloads: int = 0
    events: int = 0
    own_skipped: int = 0
    errors: list[str] = field(default_factory=list)
    written: int = 0
    failed: dict[str, list[str]] = field(default_factory=dict)
    records: dict[str, list[str]] = field(default_factory=dict)  # ids automations ran on (first 100/table)
    processed: bool = False  # ran automations (even if they changed nothing)
    coalesced: bool = False  # left to an invocation of this process already waiting to list
    gathered_s: float = 0.0  # waited for a person's next edits before listing (WEBHOOK_GATHER_S)

    def details(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, [], {}, 0, False)}

    def add(self, result: Any) -> None:
        """Fold in a RunResult."""
        self.written += result.written
        for table, ids in result.failed.items():
            self.failed.setdefault(table, []).extend(sorted(ids))
        for table, ids in result.records.items():
            listed = self.records.setdefault(table, [])
            listed.extend(sorted(ids)[: max(0, 100 - len(listed))])
