"""What the store publishes after each write (core → webhooks contract): kinds, V2 values, side effects."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from scripts.localbase.model import Transaction


@pytest.fixture
def published(srv: Any) -> list[Transaction]:
    seen: list[Transaction] = []
    srv.lb.store.subscribe(seen.append)
    return seen


def _ids(srv: Any, base_id: str) -> dict[str, str]:
    tables = {t.name: t for t in srv.lb.store.tables(base_id)}
    return {f"{t}.{f.name}": f.id for t, info in tables.items() for f in info.fields} | {
        t: info.id for t, info in tables.items()
    }


def test_create__publishes_one_created_change_with_v2_values(
    srv: Any, clients: Any, base_id: str, published: list[Transaction]
) -> None:
    rec = clients.create({"Name": "Ann", "Status": "Lead", "Tags": ["vip"], "Active": True})
    (txn,) = published
    ids = _ids(srv, base_id)
    assert (txn.base_id, txn.source, txn.user["permissionLevel"]) == (base_id, "publicApi", "create")
    assert txn.user["id"] == clients.api.whoami()["id"]
    (change,) = txn.records
    assert (change.kind, change.record_id, change.table_id, change.before) == (
        "created",
        rec["id"],
        ids["Clients"],
        {},
    )
    assert change.created_time == rec["createdTime"]
    status = change.after[ids["Clients.Status"]]
    assert status["name"] == "Lead" and status["id"].startswith("sel") and status["color"]
    assert [t["name"] for t in change.after[ids["Clients.Tags"]]] == ["vip"]
    assert change.after[ids["Clients.Name"]] == "Ann" and change.after[ids["Clients.Active"]] is True


def test_update__before_and_after_hold_every_non_empty_cell(
    srv: Any, clients: Any, base_id: str, published: list[Transaction]
) -> None:
    rec = clients.create({"Name": "Ann", "Score": 1})
    clients.update(rec["id"], {"Score": 2})
    clients.update(rec["id"], {"Score": 2})  # no-op: still published, before == after
    ids = _ids(srv, base_id)
    changed, noop = published[1].records[0], published[2].records[0]
    assert changed.kind == "changed"
    assert changed.before == {ids["Clients.Name"]: "Ann", ids["Clients.Score"]: 1}
    assert changed.after == {ids["Clients.Name"]: "Ann", ids["Clients.Score"]: 2}
    assert noop.kind == "changed" and noop.before == noop.after


def test_links__inverse_side_effects_are_changes_of_the_other_table(
    srv: Any, clients: Any, sessions: Any, base_id: str, published: list[Transaction]
) -> None:
    ann = clients.create({"Name": "Ann"})
    s1 = sessions.create({"Title": "Kickoff", "Client": [ann["id"]]})
    ids = _ids(srv, base_id)
    created, side = published[-1].records
    assert (created.kind, created.record_id) == ("created", s1["id"])
    assert created.after[ids["Sessions.Client"]] == [{"id": ann["id"], "name": "Ann"}]
    assert (side.kind, side.record_id, side.table_id) == ("changed", ann["id"], ids["Clients"])
    assert side.before == {ids["Clients.Name"]: "Ann"}
    assert side.after[ids["Clients.Sessions"]] == [{"id": s1["id"], "name": "Kickoff"}]
    clients.delete(ann["id"])
    destroyed, unlinked = published[-1].records
    assert (destroyed.kind, destroyed.after) == ("destroyed", {})
    assert destroyed.before[ids["Clients.Sessions"]] == [{"id": s1["id"], "name": "Kickoff"}]
    assert unlinked.record_id == s1["id"] and unlinked.after == {ids["Sessions.Title"]: "Kickoff"}


def test_failed_write__publishes_nothing_and_changes_nothing(
    clients: Any, published: list[Transaction]
) -> None:
    with pytest.raises(Exception, match="422"):
        clients.batch_create([{"Name": "ok"}, {"Nope": 1}])
    assert published == [] and clients.all() == []


def test_subscribers__run_after_commit_outside_the_store_lock(srv: Any, clients: Any) -> None:
    outcome: list[Any] = []

    def subscriber(txn: Transaction) -> None:
        # Another thread must be able to take the store lock while we are being notified...
        got = []

        def take_lock() -> None:
            got.append(srv.lb.store.lock.acquire(timeout=2))
            if got[0]:
                srv.lb.store.lock.release()

        t = threading.Thread(target=take_lock)
        t.start()
        t.join()
        # ...and the write must already be visible.
        outcome.append(
            (got[0], srv.lb.store.records.get(txn.records[0].table_id, txn.records[0].record_id) is not None)
        )

    srv.lb.store.subscribe(subscriber)
    clients.create({"Name": "Ann"})
    assert outcome == [(True, True)]


def test_schema_writes__publish_field_changes(api: Any, base_id: str, published: list[Transaction]) -> None:
    table = api.base(base_id).create_table("Invoices", [{"name": "Number", "type": "singleLineText"}])
    (txn,) = published
    assert txn.records == []
    assert [(c["kind"], c["current"]["name"], c["new_table"]) for c in txn.field_changes] == [
        ("created", "Number", True)
    ]
    table.create_field("Total", "number", options={"precision": 2})
    assert [(c["kind"], c["current"]) for c in published[-1].field_changes] == [
        ("created", {"name": "Total", "type": "number"})
    ]
