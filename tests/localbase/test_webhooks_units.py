"""Webhooks without a server: specification checks, payloads built from Transactions, the ping's MAC."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pyairtable.models.webhook import WebhookNotification, WebhookPayload, WebhookPayloads

from scripts.localbase.model import RecordChange, Transaction
from scripts.localbase.webhooks_notify import Notifier, ping_body, sign
from scripts.localbase.webhooks_payloads import breaks_spec, build_payload
from scripts.localbase.webhooks_spec import BaseShape, SpecError, parse_spec

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
TBL_A, TBL_B = "tblAAAAAAAAAAAAAA", "tblBBBBBBBBBBBBBB"
F_NAME, F_SCORE, F_NOTES, F_LINK = (
    "fldName0000000000",
    "fldScore000000000",
    "fldNotes000000000",
    "fldLink0000000000",
)
F_BACK, F_NEW = "fldBack0000000000", "fldNew00000000000"
VIEW_A = "viwAAAAAAAAAAAAAA"
SHAPE = BaseShape(
    tables={TBL_A: {F_NAME, F_SCORE, F_NOTES, F_LINK}, TBL_B: {"fldBName000000000", F_BACK}},
    views={VIEW_A: TBL_A},
)
USER = {"id": "usrAAAAAAAAAAAAAA", "email": "coach@example.com", "permissionLevel": "create", "name": "Coach"}
CREATED = "2024-05-01T10:00:00.000Z"
_ID_KEY = re.compile(r"^(tbl|rec|fld|viw|ach|app|usr)[A-Za-z0-9]{14}$")


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text())


def _skeleton(value: Any) -> Any:
    """Types instead of values; maps keyed by Airtable ids collapse to one "<id>" entry."""
    if isinstance(value, dict):
        if value and all(_ID_KEY.match(k) for k in value):
            return {"<id>": _skeleton(next(iter(value.values())))}
        return {k: _skeleton(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_skeleton(value[0])] if value else []
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def assert_shape(actual: Any, expected: Any, *, exact: bool = True, path: str = "$") -> None:
    """`actual` has the sample's shape: same keys (or a subset when not `exact`), same value types.

    Values are compared where both sides have them; a null in either is accepted (documented as nullable).
    Cell values (under cellValuesByFieldId) are data, not shape, and are not compared.
    """
    a, e = _skeleton(actual), _skeleton(expected)
    _compare(a, e, exact, path)


def _compare(a: Any, e: Any, exact: bool, path: str) -> None:
    if a == "NoneType" or e == "NoneType":
        return
    if isinstance(e, dict):
        assert isinstance(a, dict), f"{path}: expected an object, got {a}"
        if exact:
            assert set(a) == set(e), f"{path}: keys {sorted(a)} != sample {sorted(e)}"
        else:
            assert set(a) <= set(e), f"{path}: keys {sorted(set(a) - set(e))} not in the sample"
        if path.endswith("cellValuesByFieldId"):
            return
        for key in set(a) & set(e):
            _compare(a[key], e[key], exact, f"{path}.{key}")
    elif isinstance(e, list):
        assert isinstance(a, list), f"{path}: expected a list, got {a}"
        if a and e:
            _compare(a[0], e[0], exact, f"{path}[0]")
    else:
        assert a == e, f"{path}: {a} != sample {e}"


def tx(*records: RecordChange, source: str = "publicApi", field_changes: list | None = None) -> Transaction:
    return Transaction(
        "appAAAAAAAAAAAAAA", "2024-05-02T09:30:00.000Z", source, USER, list(records), field_changes or []
    )


def created(record_id: str, after: dict, table: str = TBL_A) -> RecordChange:
    return RecordChange(table, record_id, "created", CREATED, {}, after)


def changed(record_id: str, before: dict, after: dict, table: str = TBL_A) -> RecordChange:
    return RecordChange(table, record_id, "changed", CREATED, before, after)


def destroyed(record_id: str, before: dict, table: str = TBL_A) -> RecordChange:
    return RecordChange(table, record_id, "destroyed", CREATED, before, {})


def spec(filters: dict | None = None, includes: dict | None = None, data_types: list | None = None):
    options: dict[str, Any] = {"filters": {"dataTypes": data_types or ["tableData"], **(filters or {})}}
    if includes is not None:
        options["includes"] = includes
    return parse_spec({"options": options}, SHAPE)


# ---- specification ----


def _filters(**filters: Any) -> dict:
    return {"options": {"filters": {"dataTypes": ["tableData"], **filters}}}


@pytest.mark.parametrize(
    "specification, reason",
    [
        pytest.param({}, "options is required", id="no-options"),
        pytest.param({"options": {}}, "filters is required", id="no-filters"),
        pytest.param({"options": {"filters": {}}}, "dataTypes is required", id="no-datatypes"),
        pytest.param(_filters(dataTypes=[]), "must not be empty", id="empty-datatypes"),
        pytest.param(_filters(dataTypes=["records"]), "invalid value 'records'", id="bad-datatype"),
        pytest.param(_filters(dataTypes="tableData"), "array of strings", id="datatypes-not-list"),
        pytest.param(_filters(recordChangeScope="tblNope0000000000"), "not found", id="unknown-scope"),
        pytest.param(_filters(watchDataInFieldIds=["fldNope"]), "not found", id="unknown-watched-field"),
        pytest.param(_filters(changeTypes=["edit"]), "invalid value 'edit'", id="bad-change-type"),
        pytest.param(_filters(fromSources=["email"]), "invalid value", id="bad-source"),
        pytest.param(_filters(colour=1), "unknown key 'colour'", id="unknown-filter-key"),
        pytest.param(
            {"options": {**_filters()["options"], "includes": {"includePreviousCellValues": 1}}},
            "boolean",
            id="include-not-bool",
        ),
        pytest.param(
            _filters(recordChangeScope=TBL_B, watchDataInFieldIds=[F_SCORE]),
            f"not found in table {TBL_B}",
            id="watched-field-outside-scope",
        ),
    ],
)
def test_parse_spec__refuses_what_airtable_refuses(specification, reason):
    with pytest.raises(SpecError, match=re.escape(reason)):
        parse_spec(specification, SHAPE)


def test_parse_spec__view_scope_is_its_table_and_raw_is_echoed():
    raw = {"options": {"filters": {"dataTypes": ["tableData"], "recordChangeScope": VIEW_A}}}
    parsed = parse_spec(raw, SHAPE)
    assert parsed.scope_table == TBL_A and parsed.raw == raw


def test_parse_spec__includes_all():
    assert spec(includes={"includeCellValuesInFieldIds": "all"}).include_cells == "all"


# ---- payloads ----


def test_build_payload__created_record_carries_all_its_values():
    payload = build_payload(tx(created("recNNNNNNNNNNNNNN", {F_NAME: "Ada", F_SCORE: 3})), spec(), 7)
    assert payload == {
        "timestamp": "2024-05-02T09:30:00.000Z",
        "baseTransactionNumber": 7,
        "payloadFormat": "v0",
        "actionMetadata": {"source": "publicApi", "sourceMetadata": {"user": USER}},
        "changedTablesById": {
            TBL_A: {
                "createdRecordsById": {
                    "recNNNNNNNNNNNNNN": {
                        "createdTime": CREATED,
                        "cellValuesByFieldId": {F_NAME: "Ada", F_SCORE: 3},
                    }
                }
            }
        },
    }


def test_build_payload__changed_record_reports_only_changed_fields_and_cleared_as_null():
    change = changed(
        "recCCCCCCCCCCCCCC", {F_NAME: "Ada", F_SCORE: 3, F_NOTES: "x"}, {F_NAME: "Ada", F_SCORE: 4}
    )
    table = build_payload(tx(change), spec(), 1)["changedTablesById"][TBL_A]
    assert table == {
        "changedRecordsById": {
            "recCCCCCCCCCCCCCC": {"current": {"cellValuesByFieldId": {F_NOTES: None, F_SCORE: 4}}}
        }
    }


def test_build_payload__destroyed_record_is_only_its_id():
    table = build_payload(tx(destroyed("recDDDDDDDDDDDDDD", {F_NAME: "Ada"})), spec(), 1)[
        "changedTablesById"
    ][TBL_A]
    assert table == {"destroyedRecordIds": ["recDDDDDDDDDDDDDD"]}


def test_build_payload__no_op_update_gives_nothing():
    assert (
        build_payload(tx(changed("recCCCCCCCCCCCCCC", {F_NAME: "Ada"}, {F_NAME: "Ada"})), spec(), 1) is None
    )


def test_build_payload__previous_and_unchanged_when_included():
    change = changed(
        "recCCCCCCCCCCCCCC", {F_NAME: "Ada", F_SCORE: 3}, {F_NAME: "Ada", F_SCORE: 4, F_NOTES: "new"}
    )
    s = spec(includes={"includePreviousCellValues": True, "includeCellValuesInFieldIds": [F_NAME, F_SCORE]})
    rec = build_payload(tx(change), s, 1)["changedTablesById"][TBL_A]["changedRecordsById"][
        "recCCCCCCCCCCCCCC"
    ]
    assert rec == {
        "current": {"cellValuesByFieldId": {F_NOTES: "new", F_SCORE: 4}},
        "previous": {"cellValuesByFieldId": {F_NOTES: None, F_SCORE: 3}},
        "unchanged": {"cellValuesByFieldId": {F_NAME: "Ada"}},
    }


def test_build_payload__unchanged_all_lists_every_unchanged_value():
    change = changed(
        "recCCCCCCCCCCCCCC", {F_NAME: "Ada", F_NOTES: "n"}, {F_NAME: "Ada", F_NOTES: "n", F_SCORE: 1}
    )
    rec = build_payload(tx(change), spec(includes={"includeCellValuesInFieldIds": "all"}), 1)
    assert rec["changedTablesById"][TBL_A]["changedRecordsById"]["recCCCCCCCCCCCCCC"]["unchanged"] == {
        "cellValuesByFieldId": {F_NAME: "Ada", F_NOTES: "n"}
    }


@pytest.mark.parametrize(
    "change, kept",
    [
        (changed("recCCCCCCCCCCCCCC", {F_NOTES: "a"}, {F_NOTES: "b"}), False),
        (changed("recCCCCCCCCCCCCCC", {F_SCORE: 1, F_NOTES: "a"}, {F_SCORE: 2, F_NOTES: "b"}), True),
        (changed("recCCCCCCCCCCCCCC", {F_SCORE: 1}, {}), True),
        (created("recNNNNNNNNNNNNNN", {F_NOTES: "only notes"}), False),
        (created("recNNNNNNNNNNNNNN", {F_SCORE: 5}), True),
        (destroyed("recDDDDDDDDDDDDDD", {F_NOTES: "n"}), False),
        (destroyed("recDDDDDDDDDDDDDD", {F_SCORE: 5}), True),
    ],
    ids=[
        "other-field",
        "watched-and-other",
        "watched-cleared",
        "create-without",
        "create-with",
        "destroy-without",
        "destroy-with",
    ],
)
def test_build_payload__watch_data_in_field_ids(change, kept):
    payload = build_payload(tx(change), spec({"watchDataInFieldIds": [F_SCORE]}), 1)
    assert (payload is not None) is kept


def test_build_payload__watched_change_keeps_its_other_changed_fields():
    change = changed("recCCCCCCCCCCCCCC", {F_SCORE: 1, F_NOTES: "a"}, {F_SCORE: 2, F_NOTES: "b"})
    payload = build_payload(tx(change), spec({"watchDataInFieldIds": [F_SCORE]}), 1)
    cells = payload["changedTablesById"][TBL_A]["changedRecordsById"]["recCCCCCCCCCCCCCC"]["current"][
        "cellValuesByFieldId"
    ]
    assert cells == {F_SCORE: 2, F_NOTES: "b"}


@pytest.mark.parametrize(
    "filters, source, tables",
    [
        ({}, "publicApi", {TBL_A, TBL_B}),
        ({"recordChangeScope": TBL_B}, "publicApi", {TBL_B}),
        ({"recordChangeScope": VIEW_A}, "publicApi", {TBL_A}),
        ({"fromSources": ["client"]}, "publicApi", set()),
        ({"fromSources": ["client", "publicApi"]}, "publicApi", {TBL_A, TBL_B}),
    ],
    ids=["whole-base", "table-scope", "view-scope", "other-source", "listed-source"],
)
def test_build_payload__scope_and_sources(filters, source, tables):
    link = changed("recAAAAAAAAAAAAAA", {}, {F_LINK: [{"id": "recBBBBBBBBBBBBBB", "name": "B"}]})
    back = changed("recBBBBBBBBBBBBBB", {}, {F_BACK: [{"id": "recAAAAAAAAAAAAAA", "name": "A"}]}, table=TBL_B)
    payload = build_payload(tx(link, back, source=source), spec(filters), 1)
    assert set((payload or {}).get("changedTablesById", {})) == tables


@pytest.mark.parametrize(
    "change_types, kinds",
    [
        (["add"], {"createdRecordsById"}),
        (["update"], {"changedRecordsById"}),
        (["remove"], {"destroyedRecordIds"}),
        (["add", "remove"], {"createdRecordsById", "destroyedRecordIds"}),
    ],
)
def test_build_payload__change_types(change_types, kinds):
    t = tx(
        created("recNNNNNNNNNNNNNN", {F_NAME: "n"}),
        changed("recCCCCCCCCCCCCCC", {F_NAME: "a"}, {F_NAME: "b"}),
        destroyed("recDDDDDDDDDDDDDD", {F_NAME: "d"}),
    )
    payload = build_payload(t, spec({"changeTypes": change_types}), 1)
    assert set(payload["changedTablesById"][TBL_A]) == kinds


def test_build_payload__several_changes_of_one_record_fold_into_one():
    t = tx(
        created("recNNNNNNNNNNNNNN", {F_NAME: "n"}),
        changed("recNNNNNNNNNNNNNN", {F_NAME: "n"}, {F_NAME: "n", F_SCORE: 2}),
        changed("recCCCCCCCCCCCCCC", {F_NAME: "a"}, {F_NAME: "b"}),
        changed("recCCCCCCCCCCCCCC", {F_NAME: "b"}, {F_NAME: "c"}),
        created("recXXXXXXXXXXXXXX", {F_NAME: "x"}),
        destroyed("recXXXXXXXXXXXXXX", {F_NAME: "x"}),
    )
    table = build_payload(t, spec(includes={"includePreviousCellValues": True}), 1)["changedTablesById"][
        TBL_A
    ]
    assert table["createdRecordsById"]["recNNNNNNNNNNNNNN"]["cellValuesByFieldId"] == {
        F_NAME: "n",
        F_SCORE: 2,
    }
    assert table["changedRecordsById"]["recCCCCCCCCCCCCCC"]["previous"]["cellValuesByFieldId"] == {
        F_NAME: "a"
    }
    assert table["changedRecordsById"]["recCCCCCCCCCCCCCC"]["current"]["cellValuesByFieldId"] == {F_NAME: "c"}
    assert "destroyedRecordIds" not in table


def test_build_payload__field_changes_with_table_fields():
    changes = [
        {
            "table_id": TBL_A,
            "field_id": F_NEW,
            "kind": "created",
            "current": {"name": "New", "type": "number"},
        },
        {
            "table_id": TBL_A,
            "field_id": F_NOTES,
            "kind": "changed",
            "current": {"name": "Remarks", "type": "multilineText"},
            "previous": {"name": "Notes", "type": "multilineText"},
        },
    ]
    s = spec(data_types=["tableFields"], includes={"includePreviousFieldDefinitions": True})
    table = build_payload(tx(created("recNNNNNNNNNNNNNN", {F_NAME: "n"}), field_changes=changes), s, 1)[
        "changedTablesById"
    ][TBL_A]
    assert table == {
        "createdFieldsById": {F_NEW: {"name": "New", "type": "number"}},
        "changedFieldsById": {F_NOTES: {"current": {"name": "Remarks"}, "previous": {"name": "Notes"}}},
    }


def test_breaks_spec__destroying_a_watched_field():
    s = spec({"watchDataInFieldIds": [F_SCORE]})
    gone = [{"table_id": TBL_A, "field_id": F_SCORE, "kind": "destroyed", "current": None, "previous": {}}]
    assert breaks_spec(tx(field_changes=gone), s)
    assert not breaks_spec(tx(field_changes=[{**gone[0], "field_id": F_NOTES}]), s)


def test_build_payload__matches_the_documented_shape_and_pyairtable_parses_it():
    t = tx(
        created("recNNNNNNNNNNNNNN", {F_NAME: "n"}),
        changed("recCCCCCCCCCCCCCC", {F_NAME: "a", F_SCORE: 1}, {F_NAME: "b", F_SCORE: 1}),
        destroyed("recDDDDDDDDDDDDDD", {F_NAME: "d"}),
    )
    s = spec(includes={"includePreviousCellValues": True, "includeCellValuesInFieldIds": "all"})
    payload = build_payload(t, s, 3)
    assert_shape(payload, sample("webhook_payload.json"), exact=False)
    assert_shape(
        payload["changedTablesById"][TBL_A],
        sample("webhook_payload.json")["changedTablesById"]["tbl00000000000000"],
    )
    assert_shape(
        payload["changedTablesById"][TBL_A], sample("webhook_payload_table_changed.json"), exact=False
    )
    parsed = WebhookPayload.model_validate(payload)
    assert parsed.changed_tables_by_id[TBL_A].changed_records_by_id[
        "recCCCCCCCCCCCCCC"
    ].previous.cell_values_by_field_id == {F_NAME: "a"}
    WebhookPayloads.model_validate({"cursor": 2, "mightHaveMore": False, "payloads": [payload]})


def test_samples__pyairtable_parses_the_documented_samples():
    WebhookPayloads.model_validate(sample("webhook_list_payloads.json"))
    WebhookPayload.TableChanged.model_validate(sample("webhook_payload_table_changed.json"))


# ---- the ping ----


def test_sign__pyairtable_accepts_the_ping_and_refuses_a_tampered_one():
    secret_b64 = base64.b64encode(b"\x01" * 32).decode()
    body = ping_body("appAAAAAAAAAAAAAA", "achAAAAAAAAAAAAAA", "2024-05-02T09:30:00.000Z")
    header = sign(base64.b64decode(secret_b64), body)
    note = WebhookNotification.from_request(body.decode(), header, secret_b64)
    assert note.base.id == "appAAAAAAAAAAAAAA" and note.webhook.id == "achAAAAAAAAAAAAAA"
    assert json.loads(body).keys() == sample("webhook_notification.json").keys()
    with pytest.raises(ValueError, match="failed validation"):
        WebhookNotification.from_request(body.decode().replace("AAAA", "AAAB", 1), header, secret_b64)
    with pytest.raises(ValueError, match="failed validation"):
        WebhookNotification.from_request(body.decode(), header, base64.b64encode(b"\x02" * 32).decode())


def test_backoff__starts_at_ten_seconds_and_doubles():
    assert [Notifier.backoff(n, 1.0) for n in (1, 2, 3, 13)] == [10, 20, 40, 10 * 2**12]
    assert Notifier.backoff(1, 0.01) == pytest.approx(0.1)
