"""Upsert (`performUpsert`) as the reference documents it (reference §1.6–1.7), case by case, over raw HTTP.

* a record without `id`: 0 matches -> created, 1 match -> updated, 2+ matches -> the request fails;
* an empty merge key matches nothing, not even a record whose key was cleared earlier in the request
  (Airtable creates a new record);
* `fieldsToMergeOn` holds 1 to 3 fields of a mergeable type and matching uses all of them;
* PUT replaces (clears every field not sent) on the matched record, PATCH changes only what is sent;
* the response lists `createdRecords` and `updatedRecords` and returns `records` in request order.
"""

from __future__ import annotations

from typing import Any

import pytest


def _upsert(http: Any, base_id: str, records: list[dict], merge_on: list[str], method: str = "PATCH") -> Any:
    return http(
        method,
        f"/v0/{base_id}/Clients",
        json={"performUpsert": {"fieldsToMergeOn": merge_on}, "records": records},
    )


def _names(clients: Any) -> list[str]:
    return sorted(r["fields"].get("Name", "") for r in clients.all())


@pytest.mark.parametrize("empty", [None, ""], ids=["null", "empty-string"])
def test_upsert__an_empty_merge_key_never_matches_a_record_with_that_field_empty(
    http: Any, base_id: str, clients: Any, empty: Any
) -> None:
    blank = clients.create({"Notes": "no name yet"})
    resp = _upsert(http, base_id, [{"fields": {"Name": empty, "Score": 1}}], ["Name"])
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["updatedRecords"] == [] and len(body["createdRecords"]) == 1
    assert body["createdRecords"][0] != blank["id"]
    assert clients.get(blank["id"])["fields"] == {"Notes": "no name yet"}
    assert len(clients.all()) == 2


def test_upsert__an_empty_key_does_not_match_a_record_cleared_earlier_in_the_same_request(
    http: Any, base_id: str, clients: Any
) -> None:
    ann = clients.create({"Name": "Ann", "Score": 1})
    records = [
        {"id": ann["id"], "fields": {"Name": ""}},  # clears Ann's key first
        {"fields": {"Name": "", "Score": 2}},  # an empty key: a new record, not Ann
    ]
    body = _upsert(http, base_id, records, ["Name"]).json()
    assert body["updatedRecords"] == [ann["id"]]
    (new,) = body["createdRecords"]
    assert new != ann["id"]
    assert [r["id"] for r in body["records"]] == [ann["id"], new]
    assert clients.get(ann["id"])["fields"] == {"Score": 1}
    assert clients.get(new)["fields"] == {"Score": 2}


def test_upsert__two_empty_keys_in_one_request_create_two_records(
    http: Any, base_id: str, clients: Any
) -> None:
    body = _upsert(
        http, base_id, [{"fields": {"Score": 1, "Name": ""}}, {"fields": {"Score": 2, "Name": ""}}], ["Name"]
    ).json()
    assert len(body["createdRecords"]) == 2 and body["updatedRecords"] == []
    assert sorted(r["fields"]["Score"] for r in clients.all()) == [1, 2]


def test_upsert__matches_on_every_merge_field_together(http: Any, base_id: str, clients: Any) -> None:
    ann_lead = clients.create({"Name": "Ann", "Status": "Lead", "Score": 1})
    ann_done = clients.create({"Name": "Ann", "Status": "Done", "Score": 2})
    records = [
        {"fields": {"Name": "Ann", "Status": "Done", "Score": 20}},  # both fields: that one record
        {"fields": {"Name": "Ann", "Status": "Active", "Score": 30}},  # same name, other status: new
    ]
    body = _upsert(http, base_id, records, ["Name", "Status"]).json()
    assert body["updatedRecords"] == [ann_done["id"]]
    (new,) = body["createdRecords"]
    assert [r["id"] for r in body["records"]] == [ann_done["id"], new]
    assert clients.get(ann_lead["id"])["fields"]["Score"] == 1
    assert clients.get(ann_done["id"])["fields"]["Score"] == 20
    # One field alone matches both Anns: more than one match fails and writes nothing.
    resp = _upsert(http, base_id, [{"fields": {"Name": "Ann", "Score": 99}}], ["Name"])
    assert resp.status_code == 422
    assert sorted(r["fields"]["Score"] for r in clients.all()) == [1, 20, 30]


def test_upsert__merge_fields_may_be_named_by_field_id(
    http: Any, base_id: str, clients: Any, srv: Any
) -> None:
    ann = clients.create({"Name": "Ann", "Email": "ann@x.example"})
    email_id = srv.lb.store.get_table(base_id, "Clients").field("Email").id
    body = _upsert(http, base_id, [{"fields": {"Email": "ann@x.example", "Score": 4}}], [email_id]).json()
    assert body["updatedRecords"] == [ann["id"]] and body["createdRecords"] == []


def test_upsert__put_replaces_the_matched_record_patch_keeps_what_is_not_sent(
    http: Any, base_id: str, clients: Any
) -> None:
    a = clients.create({"Name": "A", "Score": 1, "Notes": "keep?"})
    b = clients.create({"Name": "B", "Score": 2, "Notes": "keep?"})
    _upsert(http, base_id, [{"fields": {"Name": "A", "Score": 10}}], ["Name"], method="PATCH")
    _upsert(http, base_id, [{"fields": {"Name": "B", "Score": 20}}], ["Name"], method="PUT")
    assert clients.get(a["id"])["fields"] == {"Name": "A", "Score": 10, "Notes": "keep?"}
    assert clients.get(b["id"])["fields"] == {"Name": "B", "Score": 20}


def test_upsert__created_and_updated_lists_and_request_order(http: Any, base_id: str, clients: Any) -> None:
    x = clients.create({"Name": "X"})
    y = clients.create({"Name": "Y"})
    records = [
        {"fields": {"Name": "New1"}},
        {"fields": {"Name": "Y", "Score": 2}},
        {"fields": {"Name": "New2"}},
        {"fields": {"Name": "X", "Score": 1}},
    ]
    body = _upsert(http, base_id, records, ["Name"]).json()
    ids = [r["id"] for r in body["records"]]
    assert [r["fields"]["Name"] for r in body["records"]] == ["New1", "Y", "New2", "X"]
    assert body["createdRecords"] == [ids[0], ids[2]]
    assert body["updatedRecords"] == [y["id"], x["id"]] == [ids[1], ids[3]]
    assert set(body) == {"createdRecords", "updatedRecords", "records"}


def test_upsert__a_later_item_matches_what_an_earlier_item_of_the_request_created(
    http: Any, base_id: str, clients: Any
) -> None:
    records = [{"fields": {"Name": "Once", "Score": 1}}, {"fields": {"Name": "Once", "Score": 2}}]
    body = _upsert(http, base_id, records, ["Name"]).json()
    (only,) = body["createdRecords"]
    assert [r["id"] for r in body["records"]] == [only, only]
    assert [r["fields"] for r in clients.all()] == [{"Name": "Once", "Score": 2}]


def test_upsert__a_record_with_an_unknown_id_fails_and_creates_nothing(
    http: Any, base_id: str, clients: Any
) -> None:
    records = [{"fields": {"Name": "Fresh"}}, {"id": "recAAAAAAAAAAAAAA", "fields": {"Name": "Gone"}}]
    resp = _upsert(http, base_id, records, ["Name"])
    assert 400 <= resp.status_code < 500
    assert clients.all() == []


@pytest.mark.parametrize(
    ("merge_on", "why"),
    [
        ([], "no field"),
        (["Name", "Email", "Score", "Status"], "four fields"),
        (["Active"], "a checkbox"),
        (["Files"], "attachments"),
        (["Nope"], "no such field"),
    ],
    ids=["none", "four", "checkbox", "attachments", "unknown"],
)
def test_upsert__merge_fields_outside_the_rules_are_refused(
    http: Any, base_id: str, clients: Any, merge_on: list[str], why: str
) -> None:
    resp = _upsert(http, base_id, [{"fields": {"Name": "A"}}], merge_on)
    assert 400 <= resp.status_code < 500, why
    assert clients.all() == [], why
