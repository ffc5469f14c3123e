"""Every error case answers with Airtable's status and body, compared with the documented samples."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from tests.localbase.conftest import assert_matches_sample, sample

TWELVE = [{"fields": {"Name": str(i)}} for i in range(12)]


def _error(resp: requests.Response, status: int, sample_name: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"].startswith("application/json")
    body = resp.json()
    assert_matches_sample(body, sample_name)
    if isinstance(body["error"], dict):
        assert body["error"]["type"] == sample(sample_name)["error"]["type"]
    return body


# ---- auth ----


def test_auth__missing_token_is_401(srv: Any, base_id: str) -> None:
    resp = requests.get(f"{srv.url}/v0/{base_id}/Clients", timeout=5)
    assert _error(resp, 401, "error_authentication_required.json") == sample(
        "error_authentication_required.json"
    )


@pytest.mark.parametrize("header", ["Bearer ", "Basic cGF0Og==", "Bearer keyLegacyApiKey00", "patNoScheme"])
def test_auth__rejected_tokens_are_401(srv: Any, base_id: str, header: str) -> None:
    resp = requests.get(f"{srv.url}/v0/{base_id}/Clients", headers={"Authorization": header}, timeout=5)
    _error(resp, 401, "error_authentication_required.json")


def test_auth__token_option_restricts_access() -> None:
    from scripts.localbase.testing import LocalBaseServer

    with LocalBaseServer(tokens=["patAllowed.1"]) as srv:
        ok = requests.get(
            f"{srv.url}/v0/meta/whoami", headers={"Authorization": "Bearer patAllowed.1"}, timeout=5
        )
        no = requests.get(
            f"{srv.url}/v0/meta/whoami", headers={"Authorization": "Bearer patOther.2"}, timeout=5
        )
    assert ok.status_code == 200
    _error(no, 401, "error_authentication_required.json")


# ---- not found ----


def test_unknown_route__is_404_not_found(http: Any) -> None:
    for method, path in [
        ("GET", "/v0/meta/nothing/here/at/all"),
        ("GET", "/v1/x"),
        ("POST", "/v0/meta/whoami"),
    ]:
        assert _error(http(method, path), 404, "error_not_found.json") == {"error": "NOT_FOUND"}


def test_unknown_base__is_403_invalid_permissions_or_model_not_found(http: Any) -> None:
    for path in ["/v0/appNope0000000000/Clients", "/v0/meta/bases/appNope0000000000/tables"]:
        body = _error(http("GET", path), 403, "error_invalid_permissions_or_model_not_found.json")
        assert body == sample("error_invalid_permissions_or_model_not_found.json")


def test_unknown_table_name__is_403(http: Any, base_id: str) -> None:
    _error(http("GET", f"/v0/{base_id}/Nope"), 403, "error_invalid_permissions_or_model_not_found.json")


def test_unknown_table_id__is_404_model_id_not_found(http: Any, base_id: str) -> None:
    body = _error(http("GET", f"/v0/{base_id}/tblNope0000000000"), 404, "error_model_id_not_found.json")
    assert body == sample("error_model_id_not_found.json")


def test_unknown_record__is_404(http: Any, base_id: str) -> None:
    for method in ("GET", "DELETE", "PATCH"):
        resp = http(method, f"/v0/{base_id}/Clients/recNope0000000000", json={"fields": {}})
        assert _error(resp, 404, "error_not_found.json") == {"error": "NOT_FOUND"}


# ---- bodies ----


def test_malformed_json__is_400(http: Any, base_id: str) -> None:
    resp = http(
        "POST",
        f"/v0/{base_id}/Clients",
        data=b'{"fields": {"Name": ',
        headers={"Content-Type": "application/json"},
    )
    _error(resp, 400, "error_invalid_request_unknown.json")


def test_write_without_fields__is_422_missing_fields(http: Any, base_id: str) -> None:
    body = _error(
        http("POST", f"/v0/{base_id}/Clients", json={}), 422, "error_invalid_request_missing_fields.json"
    )
    assert body == sample("error_invalid_request_missing_fields.json")


@pytest.mark.parametrize(
    ("method", "payload", "kind"),
    [
        ("POST", {"records": TWELVE}, "create"),
        ("PATCH", {"records": [{"id": "recA0000000000000", **r} for r in TWELVE]}, "update"),
        ("PUT", {"records": [{"id": "recA0000000000000", **r} for r in TWELVE]}, "update"),
        ("PATCH", {"records": TWELVE, "performUpsert": {"fieldsToMergeOn": ["Name"]}}, "update"),
        ("POST", {"records": []}, "create"),
        ("PATCH", {"records": [{"fields": {"Name": "no id"}}]}, "update"),
    ],
    ids=["create-12", "patch-12", "put-12", "upsert-12", "create-0", "update-without-id"],
)
def test_more_than_10_records__is_422_invalid_records(
    http: Any, clients: Any, base_id: str, method: str, payload: dict[str, Any], kind: str
) -> None:
    body = _error(http(method, f"/v0/{base_id}/Clients", json=payload), 422, "error_invalid_records.json")
    assert body["error"]["message"].startswith("You must provide an array of up to 10 record")
    assert clients.all() == []


def test_delete_more_than_10__is_422_invalid_records(http: Any, base_id: str) -> None:
    params = [("records[]", f"rec{i:014d}") for i in range(11)]
    body = _error(http("DELETE", f"/v0/{base_id}/Clients", params=params), 422, "error_invalid_records.json")
    assert body["error"]["message"] == "You must provide an array of up to 10 record IDs."


def test_unknown_field__is_422_unknown_field_name(http: Any, base_id: str) -> None:
    body = _error(
        http("POST", f"/v0/{base_id}/Clients", json={"fields": {"Foo": 1}}),
        422,
        "error_unknown_field_name.json",
    )
    assert body == sample("error_unknown_field_name.json")
    for params in ({"fields[]": "Foo"}, {"sort[0][field]": "Foo"}):
        _error(http("GET", f"/v0/{base_id}/Clients", params=params), 422, "error_unknown_field_name.json")


def test_field_names__are_matched_exactly_in_writes(http: Any, base_id: str) -> None:
    _error(
        http("POST", f"/v0/{base_id}/Clients", json={"fields": {"name": "x"}}),
        422,
        "error_unknown_field_name.json",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("Name", 12),
        ("Score", "12"),
        ("Score", True),
        ("Active", "yes"),
        ("Start", "not a date"),
        ("Stars", 6),
        ("Tags", "vip"),
        ("Files", ["https://x"]),
        ("Meeting", 1700000000),
        ("Files", [{"url": "ftp://x"}]),
    ],
)
def test_bad_value__is_422_invalid_value_for_column(http: Any, base_id: str, field: str, value: Any) -> None:
    body = _error(
        http("POST", f"/v0/{base_id}/Clients", json={"fields": {field: value}}),
        422,
        "error_invalid_value_for_column.json",
    )
    assert body["error"]["message"] == f'Field "{field}" cannot accept the provided value'


def test_unknown_select_option__is_422_without_typecast(http: Any, base_id: str) -> None:
    for fields in ({"Status": "NON-REPRO"}, {"Tags": ["vip", "NON-REPRO"]}):
        body = _error(
            http("POST", f"/v0/{base_id}/Clients", json={"fields": fields}),
            422,
            "error_invalid_multiple_choice_options.json",
        )
        assert body == sample("error_invalid_multiple_choice_options.json")


def test_link_to_missing_record__is_422_row_does_not_exist(http: Any, base_id: str) -> None:
    resp = http("POST", f"/v0/{base_id}/Sessions", json={"fields": {"Client": ["recsIivpi4vU7zfoB"]}})
    assert _error(resp, 422, "error_row_does_not_exist.json") == sample("error_row_does_not_exist.json")


def test_update_of_missing_record_in_batch__is_422_and_changes_nothing(
    http: Any, clients: Any, base_id: str
) -> None:
    a = clients.create({"Name": "a"})
    resp = http(
        "PATCH",
        f"/v0/{base_id}/Clients",
        json={
            "records": [
                {"id": a["id"], "fields": {"Name": "changed"}},
                {"id": "recsIivpi4vU7zfoB", "fields": {}},
            ]
        },
    )
    _error(resp, 422, "error_row_does_not_exist.json")
    assert clients.get(a["id"])["fields"] == {"Name": "a"}


def test_invalid_formula__is_422(http: Any, base_id: str) -> None:
    resp = http("GET", f"/v0/{base_id}/Clients", params={"filterByFormula": "AND("})
    assert _error(resp, 422, "error_invalid_filter_by_formula.json") == sample(
        "error_invalid_filter_by_formula.json"
    )


def test_unknown_offset__is_422_iterator_not_available(http: Any, base_id: str) -> None:
    resp = http("GET", f"/v0/{base_id}/Clients", params={"offset": "itrNope0000000000/recNope0000000000"})
    assert _error(resp, 422, "error_list_records_iterator_not_available.json") == sample(
        "error_list_records_iterator_not_available.json"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"pageSize": 101},
        {"pageSize": 0},
        {"pageSize": "ten"},
        {"maxRecords": -1},
        {"returnFieldsByFieldId": "maybe"},
        {"sort[0][field]": "Name", "sort[0][direction]": "up"},
        {"cellFormat": "string"},
        {"cellFormat": "xml"},
    ],
)
def test_bad_list_parameters__are_422_invalid_request(
    http: Any, base_id: str, params: dict[str, Any]
) -> None:
    _error(http("GET", f"/v0/{base_id}/Clients", params=params), 422, "error_invalid_request_unknown.json")


def test_unknown_view__is_422(http: Any, base_id: str) -> None:
    resp = http("GET", f"/v0/{base_id}/Clients", params={"view": "Kanban"})
    assert resp.status_code == 422 and resp.json()["error"]["type"] == "VIEW_NAME_NOT_FOUND"


def test_non_boolean_typecast__is_422(http: Any, base_id: str) -> None:
    resp = http("POST", f"/v0/{base_id}/Clients", json={"fields": {"Name": "x"}, "typecast": "yes"})
    _error(resp, 422, "error_invalid_request_unknown.json")


def test_oversized_body__is_413(http: Any, base_id: str) -> None:
    resp = http(
        "POST",
        f"/v0/{base_id}/Clients",
        data=b"x" * (11 * 1024 * 1024),
        headers={"Content-Type": "application/json"},
    )
    assert resp.status_code == 413 and resp.json()["error"]["type"] == "REQUEST_TOO_LARGE"


def test_pyairtable__surfaces_the_error_body(clients: Any) -> None:
    with pytest.raises(requests.HTTPError) as exc:
        clients.create({"Foo": 1})
    assert "UNKNOWN_FIELD_NAME" in str(exc.value.args)
