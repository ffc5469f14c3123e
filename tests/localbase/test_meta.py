"""Meta API through pyairtable: whoami, bases, schema, tables and fields, refused field types."""

from __future__ import annotations

from typing import Any

import pytest
from pyairtable.models import schema as S

from tests.localbase.conftest import CLIENT_FIELDS, assert_matches_sample


def test_whoami__is_stable_per_token_and_differs_between_tokens(srv: Any, http: Any) -> None:
    coach, functions = srv.api("patCoach.1"), srv.api("patFunctions.2")
    assert coach.whoami()["id"] == coach.whoami()["id"]
    assert coach.whoami()["id"] != functions.whoami()["id"]
    assert coach.whoami()["id"].startswith("usr") and len(coach.whoami()["id"]) == 17
    assert_matches_sample(http("GET", "/v0/meta/whoami").json(), "whoami.json")


def test_list_bases__shows_every_base_with_create_permission(srv: Any, api: Any, http: Any) -> None:
    a, b = srv.create_base("A"), srv.create_base("B")
    assert [(x.id, x.name, x.permission_level) for x in api.bases()] == [
        (a, "A", "create"),
        (b, "B", "create"),
    ]
    assert_matches_sample(http("GET", "/v0/meta/bases").json(), "list_bases.json", optional=("offset",))


def test_create_base__with_tables_through_pyairtable(api: Any) -> None:
    base = api.create_base("wspLocal000000001", "Coaching", [{"name": "Clients", "fields": CLIENT_FIELDS}])
    table = base.schema().table("Clients")
    assert base.id.startswith("app") and [f.name for f in table.fields] == [f["name"] for f in CLIENT_FIELDS]
    assert table.primary_field_id == table.fields[0].id


def test_schema__every_field_type_parses_into_its_pyairtable_model(api: Any, base_id: str) -> None:
    clients = api.base(base_id).schema().table("Clients")
    expected = {
        "Name": S.SingleLineTextFieldSchema,
        "Email": S.EmailFieldSchema,
        "Status": S.SingleSelectFieldSchema,
        "Tags": S.MultipleSelectsFieldSchema,
        "Score": S.NumberFieldSchema,
        "Fee": S.CurrencyFieldSchema,
        "Rate": S.PercentFieldSchema,
        "Stars": S.RatingFieldSchema,
        "Active": S.CheckboxFieldSchema,
        "Start": S.DateFieldSchema,
        "Meeting": S.DateTimeFieldSchema,
        "Length": S.DurationFieldSchema,
        "Notes": S.MultilineTextFieldSchema,
        "Site": S.UrlFieldSchema,
        "Phone": S.PhoneNumberFieldSchema,
        "Files": S.MultipleAttachmentsFieldSchema,
        "Sessions": S.MultipleRecordLinksFieldSchema,
    }
    assert {f.name: type(f) for f in clients.fields} == expected
    assert clients.field("Name").description == "Client name"
    meeting = clients.field("Meeting").options
    assert (meeting.time_zone, meeting.date_format.format, meeting.time_format.format) == (
        "Europe/Paris",
        "YYYY-MM-DD",
        "HH:mm",
    )
    assert [c.name for c in clients.field("Status").options.choices] == ["Lead", "Active", "Done"]
    assert clients.views[0].name == "Grid view" and clients.views[0].type == "grid"
    assert clients.views[0].visible_field_ids == [f.id for f in clients.fields]


def test_schema__matches_the_documented_sample(http: Any, base_id: str, srv: Any) -> None:
    srv.lb.store.update_table(base_id, "Clients", {"description": "People we coach"})
    body = http("GET", f"/v0/meta/bases/{base_id}/tables", params={"include": "visibleFieldIds"}).json()
    clients = body["tables"][0]
    sample_fields = {"Name": 0, "Files": 1}  # the sample's field kinds: with description, with options
    reduced = {**clients, "fields": [f for f in clients["fields"] if f["name"] in sample_fields]}
    sessions = next(t for t in body["tables"] if t["name"] == "Sessions")
    reduced["fields"].append(next(f for f in sessions["fields"] if f["type"] == "multipleRecordLinks"))
    assert_matches_sample({"tables": [reduced]}, "table_schema.json")


def test_links__create_the_inverse_field_on_the_linked_table(api: Any, base_id: str) -> None:
    schema = api.base(base_id).schema()
    clients, sessions = schema.table("Clients"), schema.table("Sessions")
    link, inverse = sessions.field("Client"), clients.field("Sessions")
    assert link.options.linked_table_id == clients.id and inverse.options.linked_table_id == sessions.id
    assert (
        link.options.inverse_link_field_id == inverse.id and inverse.options.inverse_link_field_id == link.id
    )
    assert link.options.prefers_single_record_link is False and link.options.is_reversed is False


def test_links__inverse_name_avoids_existing_names(api: Any, base_id: str) -> None:
    base = api.base(base_id)
    clients = base.schema().table("Clients")
    base.table("Sessions").create_field(
        "Client again", "multipleRecordLinks", options={"linkedTableId": clients.id}
    )
    names = [f.name for f in base.schema(force=True).table("Clients").fields]
    assert names[-2:] == ["Sessions", "Sessions 2"]


def test_links__self_link_has_no_inverse(api: Any, base_id: str) -> None:
    base = api.base(base_id)
    clients_id = base.schema().table("Clients").id
    field = base.table("Clients").create_field(
        "Referred by", "multipleRecordLinks", options={"linkedTableId": clients_id}
    )
    assert field.options.inverse_link_field_id is None
    table = base.table("Clients")
    a = table.create({"Name": "A"})
    b = table.create({"Name": "B", "Referred by": [a["id"]]})
    assert "Referred by" not in table.get(a["id"])["fields"]
    table.delete(a["id"])
    assert table.get(b["id"])["fields"] == {"Name": "B"}


def test_create_table__first_field_is_primary_and_a_grid_view_exists(api: Any, base_id: str) -> None:
    base = api.base(base_id)
    table = base.create_table(
        "Invoices",
        [
            {"name": "Number", "type": "singleLineText"},
            {"name": "Total", "type": "currency", "options": {"precision": 2, "symbol": "€"}},
        ],
        description="Money in",
    )
    schema = table.schema()
    assert schema.primary_field_id == schema.fields[0].id and schema.description == "Money in"
    assert [v.name for v in schema.views] == ["Grid view"]
    assert table.create({"Number": "INV-1", "Total": 10})["fields"] == {"Number": "INV-1", "Total": 10}


def test_update_table__renames_and_describes(api: Any, base_id: str) -> None:
    schema = api.base(base_id).schema().table("Sessions")
    schema.name, schema.description = "Meetings", "Coaching sessions"
    schema.save()
    again = api.base(base_id).schema(force=True).table("Meetings")
    assert (again.id, again.description) == (schema.id, "Coaching sessions")


def test_create_field__returns_the_field_model(api: Any, base_id: str, http: Any, srv: Any) -> None:
    table = api.table(base_id, "Clients")
    field = table.create_field(
        "Stage",
        "singleSelect",
        description="Where the work stands",
        options={"choices": [{"name": "Todo"}, {"name": "In Progress"}, {"name": "Done"}]},
    )
    assert isinstance(field, S.SingleSelectFieldSchema) and field.id.startswith("fld")
    assert [c.name for c in field.options.choices] == ["Todo", "In Progress", "Done"]
    table_id = srv.lb.store.get_table(base_id, "Clients").id
    raw = http(
        "POST",
        f"/v0/meta/bases/{base_id}/tables/{table_id}/fields",
        json={
            "name": "Status 2",
            "type": "singleSelect",
            "description": "x",
            "options": {"choices": [{"name": "a"}]},
        },
    )
    assert_matches_sample(raw.json(), "create_field.json")


def test_update_field__name_description_and_choices(api: Any, base_id: str, clients: Any) -> None:
    rec = clients.create({"Name": "A", "Status": "Done"})
    field = api.base(base_id).schema().table("Clients").field("Status")
    field.name, field.description = "State", "Pipeline state"
    field.save()
    table_id = api.base(base_id).schema().table("Clients").id
    done = next(c for c in field.options.choices if c.name == "Done")
    api.request(
        "PATCH",
        api.build_url(f"meta/bases/{base_id}/tables/{table_id}/fields/{field.id}"),
        json={"options": {"choices": [{"id": done.id, "name": "Finished"}, {"name": "New"}]}},
    )
    again = api.base(base_id).schema(force=True).table("Clients").field("State")
    assert again.description == "Pipeline state"
    assert [c.name for c in again.options.choices] == ["Finished", "New"]
    assert clients.get(rec["id"])["fields"]["State"] == "Finished"  # cells follow a renamed choice


@pytest.mark.parametrize(
    "field_type",
    [
        "formula",
        "rollup",
        "multipleLookupValues",
        "count",
        "createdTime",
        "autoNumber",
        "lastModifiedTime",
        "createdBy",
        "button",
        "aiText",
    ],
)
def test_create_field__computed_types_are_refused(http: Any, base_id: str, field_type: str) -> None:
    resp = http(
        "POST",
        f"/v0/meta/bases/{base_id}/tables/Clients/fields",
        json={"name": "Computed", "type": field_type, "options": {"formula": "1+1"}},
    )
    assert resp.status_code == 422
    assert_matches_sample(resp.json(), "error_unsupported_field_type_for_create.json")
    assert resp.json()["error"]["type"] == "UNSUPPORTED_FIELD_TYPE_FOR_CREATE"
    assert f"Creating {field_type} fields is not supported" in resp.json()["error"]["message"]


@pytest.mark.parametrize("name", ["name", "NAME", " ", ""])
def test_create_field__names_are_unique_case_insensitively_and_not_empty(
    http: Any, base_id: str, name: str
) -> None:
    resp = http(
        "POST",
        f"/v0/meta/bases/{base_id}/tables/Clients/fields",
        json={"name": name, "type": "singleLineText"},
    )
    assert resp.status_code == 422 and resp.json()["error"]["type"] == "DUPLICATE_OR_EMPTY_FIELD_NAME"


@pytest.mark.parametrize(
    "field",
    [
        {"name": "N", "type": "number"},
        {"name": "N", "type": "number", "options": {"precision": 9}},
        {"name": "R", "type": "rating", "options": {"max": 11, "icon": "star", "color": "yellowBright"}},
        {
            "name": "D",
            "type": "dateTime",
            "options": {
                "timeZone": "Mars/Olympus",
                "dateFormat": {"name": "iso"},
                "timeFormat": {"name": "24hour"},
            },
        },
        {"name": "D", "type": "date", "options": {"dateFormat": {"name": "iso", "format": "M/D/YYYY"}}},
        {"name": "S", "type": "singleSelect", "options": {"choices": [{"name": "a", "color": "neon"}]}},
        {"name": "L", "type": "multipleRecordLinks", "options": {"linkedTableId": "tblNope0000000000"}},
        {"name": "T", "type": "singleLineText", "options": {"precision": 1}},
    ],
    ids=[
        "number-no-precision",
        "precision-9",
        "rating-11",
        "bad-tz",
        "date-format-mismatch",
        "bad-color",
        "unknown-linked-table",
        "text-with-options",
    ],
)
def test_create_field__invalid_options_are_422(http: Any, base_id: str, field: dict[str, Any]) -> None:
    resp = http("POST", f"/v0/meta/bases/{base_id}/tables/Clients/fields", json=field)
    assert resp.status_code == 422 and resp.json()["error"]["type"] == "INVALID_REQUEST_UNKNOWN"
    assert resp.json()["error"]["message"].startswith(f"Invalid options for Clients.{field['name']}")


def test_create_field__unknown_type_is_422(http: Any, base_id: str) -> None:
    resp = http(
        "POST", f"/v0/meta/bases/{base_id}/tables/Clients/fields", json={"name": "X", "type": "hologram"}
    )
    assert resp.status_code == 422 and resp.json()["error"]["type"] == "INVALID_FIELD_TYPE"


def test_update_field__link_options_cannot_change(http: Any, api: Any, base_id: str) -> None:
    schema = api.base(base_id).schema().table("Sessions")
    link = schema.field("Client")
    resp = http(
        "PATCH",
        f"/v0/meta/bases/{base_id}/tables/{schema.id}/fields/{link.id}",
        json={"options": {"linkedTableId": schema.id}},
    )
    assert resp.status_code == 422 and "multipleRecordLinks" in resp.json()["error"]["message"]


def test_create_table__duplicate_name_and_bad_primary_are_422(http: Any, base_id: str) -> None:
    dup = http(
        "POST",
        f"/v0/meta/bases/{base_id}/tables",
        json={"name": "clients", "fields": [{"name": "Name", "type": "singleLineText"}]},
    )
    assert dup.status_code == 422 and dup.json()["error"]["type"] == "DUPLICATE_TABLE_NAME"
    bad = http(
        "POST",
        f"/v0/meta/bases/{base_id}/tables",
        json={
            "name": "T",
            "fields": [
                {"name": "Done", "type": "checkbox", "options": {"icon": "check", "color": "greenBright"}}
            ],
        },
    )
    assert bad.status_code == 422
    empty = http("POST", f"/v0/meta/bases/{base_id}/tables", json={"name": "T", "fields": []})
    assert empty.status_code == 422


def test_update_field__number_precision_and_removed_choices(
    api: Any, base_id: str, clients: Any, http: Any
) -> None:
    rec = clients.create({"Name": "A", "Tags": ["vip", "referral"], "Score": 3})
    schema = api.base(base_id).schema().table("Clients")
    score, tags = schema.field("Score"), schema.field("Tags")
    url = f"/v0/meta/bases/{base_id}/tables/{schema.id}/fields"
    assert http("PATCH", f"{url}/{score.id}", json={"options": {"precision": 2}}).json()["options"] == {
        "precision": 2
    }
    vip = next(c for c in tags.options.choices if c.name == "vip")
    resp = http("PATCH", f"{url}/{tags.id}", json={"options": {"choices": [{"id": vip.id, "name": "vip"}]}})
    assert [c["name"] for c in resp.json()["options"]["choices"]] == ["vip"]
    assert clients.get(rec["id"])["fields"]["Tags"] == ["vip"]  # cells lose a removed choice
    bad = http("PATCH", f"{url}/{score.id}", json={"options": {"precision": 12}})
    assert bad.status_code == 422
    assert http("PATCH", f"{url}/{score.id}", json={}).status_code == 422
    assert http("PATCH", f"{url}/fldNope0000000000", json={"name": "x"}).status_code == 404
