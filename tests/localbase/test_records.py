"""Records API through pyairtable over real HTTP: CRUD, paging, batches, upsert, links, typecast."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.localbase.conftest import assert_matches_sample

ID = re.compile(r"^(rec|tbl|fld|app|viw|sel|att|usr)[A-Za-z0-9]{14}$")


def _writes(srv: Any, method: str, path_end: str) -> list[dict[str, Any]]:
    return [r for r in srv.requests() if r["method"] == method and r["path"].endswith(path_end)]


def test_create_get_update_delete__round_trip(clients: Any) -> None:
    created = clients.create({"Name": "Ann", "Score": 3, "Status": "Lead"})
    assert ID.match(created["id"]) and created["id"].startswith("rec")
    assert created["fields"] == {"Name": "Ann", "Score": 3, "Status": "Lead"}
    assert clients.get(created["id"]) == created
    updated = clients.update(created["id"], {"Score": 7})
    assert updated["fields"] == {"Name": "Ann", "Score": 7, "Status": "Lead"}
    assert clients.delete(created["id"]) == {"id": created["id"], "deleted": True}
    assert clients.all() == []


def test_created_time__is_iso_with_milliseconds_from_the_server_clock(srv: Any, clients: Any) -> None:
    srv.lb.clock.set(datetime(2024, 3, 1, 12, 0, 0, tzinfo=UTC))
    record = clients.create({"Name": "Ann"})
    assert re.match(r"^2024-03-01T12:0\d:\d\d\.\d{3}Z$", record["createdTime"])


def test_read__empty_values_are_left_out(clients: Any) -> None:
    record = clients.create({"Name": "Ann", "Notes": "", "Tags": [], "Active": False, "Score": None})
    assert record["fields"] == {"Name": "Ann"}
    assert clients.get(record["id"])["fields"] == {"Name": "Ann"}


def test_every_field_type__round_trips_in_v1_format(clients: Any) -> None:
    fields = {
        "Name": "Ann",
        "Email": "ann@example.com",
        "Status": "Active",
        "Tags": ["vip", "referral"],
        "Score": 12,
        "Fee": 99.5,
        "Rate": 0.125,
        "Stars": 4,
        "Active": True,
        "Start": "2024-01-02",
        "Meeting": "2024-01-02T09:30:00.000Z",
        "Length": 5400,
        "Notes": "line 1\nline 2",
        "Site": "https://example.com",
        "Phone": "+33 1 23 45 67 89",
    }
    record = clients.create(fields)
    assert record["fields"] == fields


def test_datetime__without_zone_is_read_in_the_fields_time_zone(clients: Any) -> None:
    record = clients.create({"Meeting": "2024-07-01T10:00:00"})  # Europe/Paris is UTC+2 in July
    assert record["fields"]["Meeting"] == "2024-07-01T08:00:00.000Z"


def test_attachments__urls_are_kept_and_ids_reuse_them(clients: Any) -> None:
    record = clients.create({"Files": [{"url": "https://example.com/a.pdf"}]})
    (att,) = record["fields"]["Files"]
    assert att["id"].startswith("att") and att["filename"] == "a.pdf" and att["type"] == "application/pdf"
    again = clients.update(record["id"], {"Files": [{"id": att["id"]}, {"url": "https://example.com/b.png"}]})
    assert [a["filename"] for a in again["fields"]["Files"]] == ["a.pdf", "b.png"]
    assert again["fields"]["Files"][0] == att


def test_iterate__250_records_come_in_3_pages(srv: Any, clients: Any) -> None:
    clients.batch_create([{"Name": f"c{i:03d}"} for i in range(250)])
    srv.clear_requests()
    pages = list(clients.iterate())
    assert [len(p) for p in pages] == [100, 100, 50]
    assert [r["fields"]["Name"] for p in pages for r in p] == [f"c{i:03d}" for i in range(250)]
    assert len(_writes(srv, "GET", "/Clients")) == 3


def test_list__first_page_matches_the_documented_sample(http: Any, clients: Any, base_id: str) -> None:
    clients.batch_create([{"Name": f"c{i}", "Active": True} for i in range(3)])
    body = http("GET", f"/v0/{base_id}/Clients", params={"pageSize": 2}).json()
    assert_matches_sample(body, "list_records.json")
    assert re.match(r"^itr[A-Za-z0-9]{14}/rec[A-Za-z0-9]{14}$", body["offset"])
    last = http("GET", f"/v0/{base_id}/Clients", params={"pageSize": 2, "offset": body["offset"]}).json()
    assert "offset" not in last and len(last["records"]) == 1
    assert_matches_sample(last, "list_records.json", optional=("offset",))


def test_batch_create__25_records_take_3_calls(srv: Any, clients: Any) -> None:
    srv.clear_requests()
    records = clients.batch_create([{"Name": f"n{i}"} for i in range(25)])
    assert len(records) == 25 and len({r["id"] for r in records}) == 25
    assert [r["status"] for r in _writes(srv, "POST", "/Clients")] == [200, 200, 200]


def test_create_response__matches_the_documented_sample(http: Any, base_id: str) -> None:
    resp = http(
        "POST", f"/v0/{base_id}/Clients", json={"records": [{"fields": {"Name": "A", "Active": True}}]}
    )
    assert resp.status_code == 200
    assert_matches_sample(resp.json(), "create_records.json")
    single = http("POST", f"/v0/{base_id}/Clients", json={"fields": {"Name": "B"}}).json()
    assert_matches_sample(single, "record.json")


def test_batch_update__patch_keeps_and_put_clears_other_fields(clients: Any) -> None:
    a, b = clients.batch_create([{"Name": "A", "Score": 1}, {"Name": "B", "Score": 2}])
    patched = clients.batch_update(
        [{"id": a["id"], "fields": {"Score": 10}}, {"id": b["id"], "fields": {"Score": 20}}]
    )
    assert [r["fields"] for r in patched] == [{"Name": "A", "Score": 10}, {"Name": "B", "Score": 20}]
    (put,) = clients.batch_update([{"id": a["id"], "fields": {"Name": "A2"}}], replace=True)
    assert put["fields"] == {"Name": "A2"}
    assert clients.update(b["id"], {"Notes": "x"}, replace=True)["fields"] == {"Notes": "x"}


def test_batch_upsert__creates_and_updates_keeping_request_order(
    http: Any, clients: Any, base_id: str
) -> None:
    existing = clients.create({"Name": "Twin Peaks", "Score": 1})
    result = clients.batch_upsert(
        [{"fields": {"Name": "New Park", "Score": 5}}, {"fields": {"Name": "Twin Peaks", "Active": True}}],
        key_fields=["Name"],
    )
    new_id = result["createdRecords"][0]
    assert result["updatedRecords"] == [existing["id"]]
    assert [r["id"] for r in result["records"]] == [new_id, existing["id"]]
    assert result["records"][1]["fields"] == {"Name": "Twin Peaks", "Score": 1, "Active": True}
    raw = http(
        "PATCH",
        f"/v0/{base_id}/Clients",
        json={
            "performUpsert": {"fieldsToMergeOn": ["Name"]},
            "records": [{"fields": {"Name": "Other"}}, {"fields": {"Name": "New Park"}}],
        },
    ).json()
    assert_matches_sample(raw, "upsert_records.json")


def test_upsert__with_id_updates_that_record_and_ignores_the_merge_fields(clients: Any) -> None:
    a = clients.create({"Name": "A"})
    result = clients.batch_upsert([{"id": a["id"], "fields": {"Name": "B"}}], key_fields=["Name"])
    assert result["updatedRecords"] == [a["id"]] and result["createdRecords"] == []
    assert clients.get(a["id"])["fields"] == {"Name": "B"}


def test_upsert__two_matching_records_fail_and_create_nothing(http: Any, clients: Any, base_id: str) -> None:
    clients.batch_create([{"Name": "Dup"}, {"Name": "Dup"}])
    resp = http(
        "PATCH",
        f"/v0/{base_id}/Clients",
        json={
            "performUpsert": {"fieldsToMergeOn": ["Name"]},
            "records": [{"fields": {"Name": "Fresh"}}, {"fields": {"Name": "Dup", "Score": 1}}],
        },
    )
    assert resp.status_code == 422
    assert resp.json()["error"]["type"] == "INVALID_REQUEST_UNKNOWN"
    assert sorted(r["fields"]["Name"] for r in clients.all()) == ["Dup", "Dup"]


def test_delete__batch_answers_each_id(http: Any, clients: Any) -> None:
    ids = [r["id"] for r in clients.batch_create([{"Name": str(i)} for i in range(12)])]
    deleted = clients.batch_delete(ids)
    assert deleted == [{"id": i, "deleted": True} for i in ids]
    assert clients.all() == []


def test_delete__responses_match_the_documented_samples(http: Any, clients: Any, base_id: str) -> None:
    a, b, c = (r["id"] for r in clients.batch_create([{"Name": "a"}, {"Name": "b"}, {"Name": "c"}]))
    many = http("DELETE", f"/v0/{base_id}/Clients", params=[("records[]", a), ("records[]", b)]).json()
    assert_matches_sample(many, "delete_records.json")
    assert_matches_sample(http("DELETE", f"/v0/{base_id}/Clients/{c}").json(), "delete_record.json")


def test_list__sort_fields_max_records_and_field_ids(clients: Any, base_id: str, srv: Any) -> None:
    clients.batch_create([{"Name": n, "Score": s} for n, s in [("b", 2), ("a", 2), ("c", 1), ("d", None)]])
    assert [r["fields"]["Name"] for r in clients.all(sort=["-Score", "Name"])] == ["a", "b", "c", "d"]
    assert [r["fields"]["Name"] for r in clients.all(sort=["Score"])] == ["d", "c", "b", "a"]
    assert [r["fields"] for r in clients.all(fields=["Score"], max_records=2)] == [{"Score": 2}, {"Score": 2}]
    score_id = srv.lb.store.get_table(base_id, "Clients").field("Score").id
    first = clients.all(use_field_ids=True, max_records=1)[0]
    assert set(first["fields"]) == {srv.lb.store.get_table(base_id, "Clients").primary_field_id, score_id}


def test_list__selects_sort_by_choice_order(clients: Any) -> None:
    clients.batch_create(
        [{"Name": n, "Status": s} for n, s in [("x", "Done"), ("y", "Lead"), ("z", "Active")]]
    )
    assert [r["fields"]["Status"] for r in clients.all(sort=["Status"])] == ["Lead", "Active", "Done"]


def test_list__view_by_name_or_id_gives_every_record(clients: Any, srv: Any, base_id: str) -> None:
    clients.batch_create([{"Name": "a"}, {"Name": "b"}])
    view_id = srv.lb.store.get_table(base_id, "Clients").views[0].id
    assert len(clients.all(view="Grid view")) == 2 and len(clients.all(view=view_id)) == 2


def test_list__post_list_records_answers_like_get(http: Any, clients: Any, base_id: str) -> None:
    clients.batch_create([{"Name": f"n{i}", "Score": i} for i in range(5)])
    body = {
        "pageSize": 2,
        "sort": [{"field": "Score", "direction": "desc"}],
        "fields": ["Name"],
        "maxRecords": 3,
    }
    first = http("POST", f"/v0/{base_id}/Clients/listRecords", json=body).json()
    assert [r["fields"] for r in first["records"]] == [{"Name": "n4"}, {"Name": "n3"}]
    second = http(
        "POST", f"/v0/{base_id}/Clients/listRecords", json={**body, "offset": first["offset"]}
    ).json()
    assert [r["fields"] for r in second["records"]] == [{"Name": "n2"}] and "offset" not in second


def test_list__offset_pages_over_a_snapshot(clients: Any) -> None:
    ids = [r["id"] for r in clients.batch_create([{"Name": f"n{i}"} for i in range(5)])]
    pages = clients.iterate(page_size=2)
    first = next(pages)
    clients.create({"Name": "late"})  # not in the snapshot the offset points at
    clients.delete(ids[2])  # in the snapshot but gone: skipped
    rest = [r["fields"]["Name"] for page in pages for r in page]
    assert [r["fields"]["Name"] for r in first] == ["n0", "n1"] and rest == ["n3", "n4"]


def test_list__cell_format_string_formats_values(http: Any, clients: Any, base_id: str) -> None:
    clients.create({"Name": "A", "Fee": 1234.5, "Rate": 0.5, "Tags": ["vip", "referral"], "Active": True})
    params = {"cellFormat": "string", "timeZone": "UTC", "userLocale": "en-us"}
    (rec,) = http("GET", f"/v0/{base_id}/Clients", params=params).json()["records"]
    assert rec["fields"] == {
        "Name": "A",
        "Fee": "$1,234.50",
        "Rate": "50.0%",
        "Tags": "vip, referral",
        "Active": "checked",
    }


def test_table__by_id_or_by_name_in_any_case(api: Any, base_id: str, srv: Any) -> None:
    table_id = srv.lb.store.get_table(base_id, "Clients").id
    api.table(base_id, table_id).create({"Name": "by id"})
    api.table(base_id, "cLiEnTs").create({"Name": "by name"})
    assert sorted(r["fields"]["Name"] for r in api.table(base_id, "Clients").all()) == ["by id", "by name"]


def test_links__are_two_sided(clients: Any, sessions: Any) -> None:
    ann, bob = clients.batch_create([{"Name": "Ann"}, {"Name": "Bob"}])
    s1 = sessions.create({"Title": "Kickoff", "Client": [ann["id"]]})
    assert clients.get(ann["id"])["fields"]["Sessions"] == [s1["id"]]
    sessions.update(s1["id"], {"Client": [bob["id"]]})
    assert "Sessions" not in clients.get(ann["id"])["fields"]
    assert clients.get(bob["id"])["fields"]["Sessions"] == [s1["id"]]
    clients.update(bob["id"], {"Sessions": []})  # writing the inverse side updates the other side too
    assert "Client" not in sessions.get(s1["id"])["fields"]
    clients.update(ann["id"], {"Sessions": [s1["id"]]})
    assert sessions.get(s1["id"])["fields"]["Client"] == [ann["id"]]
    sessions.delete(s1["id"])
    assert "Sessions" not in clients.get(ann["id"])["fields"]


def test_links__deleting_a_linked_record_removes_it_from_links(clients: Any, sessions: Any) -> None:
    ann = clients.create({"Name": "Ann"})
    s1, s2 = sessions.batch_create(
        [{"Title": "a", "Client": [ann["id"]]}, {"Title": "b", "Client": [ann["id"]]}]
    )
    assert clients.get(ann["id"])["fields"]["Sessions"] == [s1["id"], s2["id"]]
    clients.delete(ann["id"])
    assert [r["fields"] for r in sessions.all()] == [{"Title": "a"}, {"Title": "b"}]


def test_typecast__creates_missing_select_choices(clients: Any, api: Any, base_id: str) -> None:
    record = clients.create({"Status": "Paused", "Tags": ["vip", "new-tag"]}, typecast=True)
    assert record["fields"] == {"Status": "Paused", "Tags": ["vip", "new-tag"]}
    schema = api.base(base_id).schema(force=True).table("Clients")
    status = [c.name for c in schema.field("Status").options.choices]
    assert status == ["Lead", "Active", "Done", "Paused"]
    assert all(c.id.startswith("sel") and c.color for c in schema.field("Tags").options.choices)


def test_typecast__converts_strings(clients: Any) -> None:
    fields = {
        "Score": "42",
        "Fee": "$1,000.50",
        "Rate": "12.5%",
        "Active": "yes",
        "Start": "2024/02/03",
        "Tags": "vip, referral",
        "Name": 7,
    }
    record = clients.create(fields, typecast=True)
    assert record["fields"] == {
        "Score": 42,
        "Fee": 1000.5,
        "Rate": 0.125,
        "Active": True,
        "Start": "2024-02-03",
        "Tags": ["vip", "referral"],
        "Name": "7",
    }


def test_typecast__links_by_primary_value_and_creates_missing_ones(clients: Any, sessions: Any) -> None:
    ann = clients.create({"Name": "Ann"})
    s = sessions.create({"Title": "t", "Client": ["Ann", "Zoe"]}, typecast=True)
    ann_id, zoe_id = s["fields"]["Client"]
    assert ann_id == ann["id"]
    assert clients.get(zoe_id)["fields"] == {"Name": "Zoe", "Sessions": [s["id"]]}


def test_ids__have_airtable_prefixes_and_17_characters(api: Any, clients: Any, base_id: str) -> None:
    record = clients.create({"Name": "x"})
    table = api.base(base_id).schema().table("Clients")
    for value in (record["id"], table.id, table.primary_field_id, table.views[0].id, base_id):
        assert ID.match(value), value


@pytest.mark.parametrize("status", ["Lead", "Active"])
def test_first__returns_one_record_or_none(clients: Any, status: str) -> None:
    assert clients.first() is None
    clients.create({"Name": "x", "Status": status})
    assert clients.first()["fields"]["Status"] == status
