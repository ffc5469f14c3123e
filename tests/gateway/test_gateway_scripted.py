"""Gateway record paths against a scripted HTTP server: ids on the wire, keys in the models."""

from __future__ import annotations

import time

import pytest

from automation.airtable import gateway as gateway_module
from automation.errors import AirtableRejected, AirtableUnavailable
from automation.models import Lead
from automation.run_context import run_scope
from tests.gateway.fake_schema import field_id, meta_json
from tests.gateway.scripted_http import Answer, ScriptedServer
from tests.gateway.test_transport import _gateway

NAME, SCORE, STATUS = field_id("leads", "name"), field_id("leads", "lead_score"), field_id("leads", "status")


def _rec(i: int, **fields) -> dict:
    return {"id": f"rec{i:014d}", "createdTime": "2026-01-01T00:00:00.000Z", "fields": fields}


@pytest.fixture
def srv():
    gateway_module._schemas.clear()
    with ScriptedServer() as s:
        s.script(Answer(200, meta_json()))
        yield s


def test_all__reads_by_field_id_and_reports_misfits(srv) -> None:
    srv.script(
        Answer(
            200,
            {
                "records": [_rec(1, **{NAME: "A", SCORE: 5}), _rec(2, **{NAME: "B", SCORE: "x"})],
                "offset": "o1",
            },
        ),
        Answer(200, {"records": [_rec(3, **{NAME: "C", "fldUNKNOWN000000": 1})]}),
    )
    with run_scope("t", "Manual") as run:
        leads = _gateway(srv.url).all(Lead, formula={"status": "New"}, sort=["-lead_score"])
    assert [(lead.id, lead.name, lead.lead_score) for lead in leads] == [
        ("rec00000000000001", "A", 5.0),
        ("rec00000000000003", "C", None),
    ]
    (problem,) = run.problems
    assert (problem.table, problem.record_id, problem.field, problem.value) == (
        "leads", "rec00000000000002", "lead_score", "x"
    )  # fmt: skip
    assert run.api_calls == 3 and run.records_read == 3
    method, path, _ = srv.log[1]
    assert "returnFieldsByFieldId=1" in path and "pageSize=100" in path and STATUS in path
    assert "offset=o1" in srv.log[2][1]


def test_update__sends_only_changed_fields_by_id(srv) -> None:
    a = Lead(id="rec00000000000001", name="A", lead_score=5)
    b = Lead(id="rec00000000000002", name="B", lead_score=6)
    srv.script(Answer(200, {"records": [_rec(2, **{NAME: "B", SCORE: 7})]}))
    with run_scope("t", "Manual") as run:
        out = _gateway(srv.url).update(Lead, [(a, {"lead_score": 5.0, "name": "A"}), (b, {"lead_score": 7})])
    assert [(r.id, r.lead_score) for r in out] == [("rec00000000000001", 5.0), ("rec00000000000002", 7.0)]
    method, _, body = srv.log[-1]
    assert method == "PATCH" and body["records"] == [{"id": "rec00000000000002", "fields": {SCORE: 7}}]
    assert run.records_written == 1


def test_update__a_422_batch_is_split_to_find_the_record(srv) -> None:
    leads = [Lead(id=f"rec{i:014d}") for i in range(4)]
    reject = Answer(422, {"error": {"type": "INVALID_MULTIPLE_CHOICE_OPTIONS", "message": f'"{STATUS}" bad'}})

    def ok(*ids: int) -> Answer:
        return Answer(200, {"records": [_rec(i, **{STATUS: "New"}) for i in ids]})

    # [0,1,2,3] rejected -> [0,1] rejected -> [0] ok, [1] rejected alone -> [2,3] ok
    srv.script(reject, reject, ok(0), reject, ok(2, 3))
    with run_scope("t", "Manual") as run:
        out = _gateway(srv.url).update(
            Lead, [(lead, {"status": "Nope" if i == 1 else "New"}) for i, lead in enumerate(leads)]
        )
    assert [r.id for r in out] == ["rec00000000000000", "rec00000000000002", "rec00000000000003"]
    (problem,) = run.problems
    assert (problem.record_id, problem.field, problem.value) == ("rec00000000000001", "status", "Nope")
    assert run.api_calls == 6  # meta + 5 writes


def test_schema__an_unknown_field_answer_drops_the_cached_map(srv) -> None:
    gw = _gateway(srv.url)
    gw.schema_map()
    srv.script(
        Answer(422, {"error": {"type": "UNKNOWN_FIELD_NAME", "message": f'Unknown field name: "{SCORE}"'}})
    )
    with run_scope("t", "Manual"), pytest.raises(AirtableRejected):
        gw.all(Lead)
    srv.script(Answer(200, meta_json()), Answer(200, {"records": []}))
    assert gw.all(Lead) == []
    assert [m for m, p, _ in srv.log if "/meta/" in p] == ["GET", "GET"], "the schema was read again"


def test_timeout__a_slow_answer_never_outlasts_the_run_budget(srv) -> None:
    gw = _gateway(srv.url)
    gw.schema_map()
    srv.script(*[Answer(200, {"records": []}, delay=3.0)] * 3)
    started = time.monotonic()
    with run_scope("t", "Manual", budget_s=0.8), pytest.raises(AirtableUnavailable, match="timed out"):
        gw.all(Lead)
    assert time.monotonic() - started < 2.5


def test_update__a_field_left_out_of_the_read_is_always_sent(srv) -> None:
    srv.script(Answer(200, {"records": [_rec(1, **{NAME: "A"})]}))
    gw = _gateway(srv.url)
    (lead,) = gw.all(Lead, fields=["name"])
    assert not lead.was_read("lead_score") and lead.was_read("name")
    srv.script(Answer(200, {"records": [_rec(1, **{NAME: "A"})]}))
    gw.update(Lead, [(lead, {"lead_score": None, "name": "A"})])
    assert srv.log[-1][2]["records"] == [{"id": "rec00000000000001", "fields": {SCORE: None}}]


def test_outside_a_run__a_misfit_is_logged_and_skipped(srv, caplog) -> None:
    srv.script(Answer(200, {"records": [_rec(1, **{SCORE: "x"}), _rec(2, **{NAME: "B"})]}))
    assert [lead.name for lead in _gateway(srv.url).all(Lead)] == ["B"]
    assert "rec00000000000001" in caplog.text and "lead_score" in caplog.text


@pytest.mark.parametrize(
    ("error_type", "message", "field", "value"),
    [
        (
            "INVALID_MULTIPLE_CHOICE_OPTIONS",
            'Insufficient permissions to create new select option ""Nope""',
            "status",
            "Nope",
        ),
        ("INVALID_VALUE_FOR_COLUMN", 'Field "Lead Score" cannot accept the provided value', "lead_score", 5),
        (
            "ROW_DOES_NOT_EXIST",
            "Record ID recGONE0000000000 does not exist in this table",
            "deals",
            ["recGONE0000000000"],
        ),
    ],
    ids=["select-value", "field-name", "link-id"],
)
def test_update__the_rejected_field_is_found_among_several(srv, error_type, message, field, value) -> None:
    lead = Lead(id="rec00000000000001")
    srv.script(Answer(422, {"error": {"type": error_type, "message": message}}))
    with run_scope("t", "Manual") as run:
        changes = {"name": "N", "status": "New", "lead_score": 1, "deals": [], field: value}
        assert _gateway(srv.url).update(Lead, [(lead, changes)]) == []
    (problem,) = run.problems
    assert (problem.record_id, problem.field, problem.value) == ("rec00000000000001", field, value)


def test_all__an_expired_offset_restarts_the_listing_once(srv) -> None:
    expired = Answer(422, {"error": {"type": "LIST_RECORDS_ITERATOR_NOT_AVAILABLE"}})
    srv.script(
        Answer(200, {"records": [_rec(1, **{NAME: "A"})], "offset": "o1"}),
        expired,
        Answer(200, {"records": [_rec(1, **{NAME: "A"})], "offset": "o2"}),
        Answer(200, {"records": [_rec(2, **{NAME: "B"})]}),
    )
    assert [lead.name for lead in _gateway(srv.url).all(Lead)] == ["A", "B"]
