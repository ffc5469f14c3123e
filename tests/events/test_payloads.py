"""Payload JSON -> record events: kinds, fields, sources, own-token skipping, coalescing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from automation.events.payloads import (
    MalformedPayload,
    RecordEvent,
    coalesce,
    destroyed_ids,
    parse_payload,
    parse_payloads,
)

OWN = "usrOURTOKEN00001"


def test_parse_payload__person_edit_gives_created_changed_destroyed(sample):
    events = parse_payload(sample("payload_person_edit"))
    by_record = {e.record_id: e for e in events}
    assert by_record["recLEAD000000001"].kind == "changed"
    assert by_record["recLEAD000000001"].field_ids == {"fldEMAIL00000001"}
    assert by_record["recLEAD000000002"].kind == "created"
    assert by_record["recLEAD000000002"].field_ids == {"fldNAME000000001", "fldEMAIL00000001"}
    assert by_record["recLEAD000000003"].kind == "destroyed"
    assert {e.source for e in events} == {"client"}
    assert {e.user_id for e in events} == {"usrPERSON0000001"}
    assert {e.transaction for e in events} == {12}


def test_parse_payloads__own_token_api_write_is_skipped(sample):
    batch = parse_payloads([sample("payload_person_edit"), sample("payload_own_write")], OWN)
    assert batch.own == 1
    assert all(e.transaction == 12 for e in batch.events)


@pytest.mark.parametrize(
    "source,user",
    [("client", OWN), ("publicApi", "usrSOMEONEELSE01"), ("automation", None), ("formSubmission", None)],
    ids=["our-user-in-ui", "other-token", "airtable-automation", "form"],
)
def test_parse_payloads__other_sources_are_processed(sample, source, user):
    payload = sample("payload_own_write")
    payload["actionMetadata"] = {"source": source, "sourceMetadata": {"user": {"id": user}} if user else {}}
    batch = parse_payloads([payload], OWN)
    assert batch.own == 0 and len(batch.events) == 1


def test_parse_payloads__error_payload_is_reported_not_raised(sample):
    batch = parse_payloads([sample("payload_error"), sample("payload_person_edit")], OWN)
    assert batch.errors == ["INVALID_FILTERS"]
    assert len(batch.events) == 3


def test_parse_payload__created_table_records_are_created_events():
    payload = {
        "baseTransactionNumber": 3,
        "actionMetadata": {"source": "client"},
        "createdTablesById": {
            "tblNEW": {"recordsById": {"recA": {"cellValuesByFieldId": {"fldX": 1}, "createdTime": "x"}}}
        },
    }
    (event,) = parse_payload(payload)
    assert (event.table_id, event.record_id, event.kind, event.field_ids) == (
        "tblNEW",
        "recA",
        "created",
        {"fldX"},
    )


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"changedTablesById": []},
        {"changedTablesById": {"tbl": {"changedRecordsById": {"rec": "x"}}}},
        {"changedTablesById": {"tbl": {"destroyedRecordIds": "rec"}}},
        {"baseTransactionNumber": "abc"},
    ],
    ids=["not-object", "tables-list", "record-not-object", "destroyed-not-list", "bad-transaction"],
)
def test_parse_payload__malformed_shape_raises_bad_request(payload):
    with pytest.raises(MalformedPayload):
        parse_payload(payload)


def _ev(rec, kind, fields=(), txn=1, table="tbl"):
    return RecordEvent(table, rec, kind, frozenset(fields), "client", "usr", txn)


def test_coalesce__same_record_events_merge_fields_and_created_wins():
    out = coalesce([_ev("r1", "created", {"a"}), _ev("r1", "changed", {"b"}), _ev("r2", "changed", {"c"})])
    assert out["tbl"]["r1"].created and out["tbl"]["r1"].field_ids == {"a", "b"}
    assert not out["tbl"]["r2"].created and out["tbl"]["r2"].field_ids == {"c"}


def test_coalesce__destroyed_record_is_dropped_and_empty_table_removed():
    out = coalesce(
        [_ev("r1", "changed", {"a"}), _ev("r1", "destroyed"), _ev("r2", "changed", {"b"}, table="t2")]
    )
    assert "tbl" not in out
    assert set(out["t2"]) == {"r2"}


def test_destroyed_ids__deleted_records_by_table_unless_created_again_after():
    events = [
        _ev("r1", "changed", {"a"}),
        _ev("r1", "destroyed"),
        _ev("r2", "destroyed", table="t2"),
        _ev("r2", "created", {"b"}, table="t2"),  # restored from the trash
    ]
    assert destroyed_ids(events) == {"tbl": ["r1"]}


def test_coalesce__five_records_in_one_transaction_stay_five_changes():
    out = coalesce([_ev(f"r{i}", "changed", {"email"}, txn=7) for i in range(5)])
    assert len(out["tbl"]) == 5


def test_parse_payload__says_who_made_the_change_and_coalesce_keeps_the_latest(sample):
    events = parse_payload(sample("payload_person_edit"))
    assert {e.user_email for e in events} == {"sarah@example.com"}
    a = RecordEvent(
        "tbl", "r1", "changed", frozenset({"a"}), "client", "u1", 1, user_email="sarah@coach.example"
    )
    b = RecordEvent(
        "tbl", "r1", "changed", frozenset({"b"}), "client", "u2", 2, user_email="owen@assoc.example"
    )
    c = RecordEvent("tbl", "r1", "changed", frozenset({"c"}), "formSubmission", None, 3)  # no user: keeps b's
    assert coalesce([a, b, c])["tbl"]["r1"].by == "owen@assoc.example"


def test_parse_payload__carries_its_time_and_coalesce_keeps_when_each_field_last_changed(sample):
    """A change is timed by the payload that made it, not by a later payload that touched other fields
    (Cancelled At is when Status became Cancelled, though the coach edited Notes after)."""
    payload = {**sample("payload_person_edit"), "timestamp": "2026-03-02T09:15:00.000Z"}
    assert {e.at for e in parse_payload(payload)} == {datetime(2026, 3, 2, 9, 15, tzinfo=UTC)}
    assert {e.at for e in parse_payload({**payload, "timestamp": "not a time"})} == {None}
    t1, t2 = datetime(2026, 3, 2, 9, tzinfo=UTC), datetime(2026, 3, 2, 11, tzinfo=UTC)
    a = RecordEvent("tbl", "r1", "changed", frozenset({"status"}), "client", "u", 1, at=t1)
    b = RecordEvent("tbl", "r1", "changed", frozenset({"notes"}), "client", "u", 2, at=t2)
    assert coalesce([a, b])["tbl"]["r1"].changed_at == {"status": t1, "notes": t2}
