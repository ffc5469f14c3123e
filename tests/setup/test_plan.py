"""The planner (schema JSON -> plan) and applying it to an in-memory Meta API."""

from __future__ import annotations

import copy

from automation.errors import AirtableRejected
from schema.tables import ALL_TABLES, TABLES
from scripts.setup.apply import apply_plan
from scripts.setup.match import match_base
from scripts.setup.plan import plan_base
from tests.setup.fakemeta import FakeMeta
from tests.setup.legacy import legacy_schema

LINK = "multipleRecordLinks"


def setup(meta: FakeMeta):
    plan = plan_base(meta.schema())
    apply_plan(plan, meta, out=lambda _: None)
    return plan


def field_json(schema: dict, table: str, name: str) -> dict:
    t = next(t for t in schema["tables"] if t["name"] == table)
    return next(f for f in t["fields"] if f["name"] == name)


def test_links_of_the_schema_point_back_at_each_other():
    for t in ALL_TABLES:
        for f in t.fields:
            if f.type == LINK and f.inverse:
                back = TABLES[f.link_table][f.inverse]
                assert (back.link_table, back.inverse) == (t.key, f.key), f"{t.key}.{f.key}"


def test_empty_base_gets_every_table_field_and_two_sided_link():
    meta = FakeMeta()
    plan = setup(meta)
    assert plan.count("create_table") == len(ALL_TABLES) == 13
    assert not plan.drift
    matches = match_base(meta.schema())
    for t in ALL_TABLES:
        assert matches[t.key].by == "marker"
        for f in t.fields:
            fm = matches[t.key].fields[f.key]
            assert fm.by == "marker", f"{t.key}.{f.key}"
            assert (fm.field["name"], fm.field["type"]) == (f.name, f.type)
            if f.type == LINK:
                opts = fm.field["options"]
                assert opts["linkedTableId"] == matches[f.link_table].id
                if f.inverse:
                    assert opts["inverseLinkFieldId"] == matches[f.link_table].fields[f.inverse].field["id"]
    assert matches["leads"].table["fields"][0]["name"] == "Name"  # the primary field comes first


def test_second_run_plans_nothing():
    meta = FakeMeta()
    setup(meta)
    before = len(meta.writes)
    again = setup(meta)
    assert again.ops == [] and again.drift == [] and again.in_shape
    assert len(meta.writes) == before


def test_field_of_another_type_is_drift_with_the_fix():
    meta = FakeMeta()
    setup(meta)
    schema = meta.schema()
    field_json(schema, "Leads", "Lead Score")["type"] = "singleLineText"
    plan = plan_base(schema)
    assert plan.ops == []
    [d] = plan.conflicts
    assert d.where == "Leads.Lead Score"
    assert "Single line text" in d.problem
    assert 'change the type of "Lead Score" to Number (precision 0)' in d.fix


def test_field_renamed_in_the_ui_is_found_by_its_marker():
    meta = FakeMeta()
    setup(meta)
    schema = meta.schema()
    field_json(schema, "Clients", "Health Score")["name"] = "Health"
    plan = plan_base(schema)
    assert plan.ops == [] and plan.in_shape
    [d] = plan.drift
    assert d.severity == "notice" and d.where == "Clients.Health" and "Health Score" in d.problem


def test_link_renamed_without_marker_is_found_through_its_other_side():
    meta = FakeMeta()
    setup(meta)
    schema = meta.schema()
    f = field_json(schema, "Coaching Sessions", "Client")
    f["name"], f["description"] = "Coachee", ""
    plan = plan_base(schema)
    assert [op.kind for op in plan.ops] == ["update_field"]
    assert plan.ops[0].field_id == f["id"] and "[los:client]" in plan.ops[0].body["description"]


def test_missing_choices_are_added_keeping_the_existing_ones():
    meta = FakeMeta()
    setup(meta)
    schema = meta.schema()
    status = field_json(schema, "Clients", "Status")
    status["options"]["choices"] = [c for c in status["options"]["choices"] if c["name"] != "Churned"]
    kept = copy.deepcopy(status["options"]["choices"])
    [op] = plan_base(schema).ops
    assert op.kind == "update_field" and "Churned" in op.text
    assert op.body == {"options": {"choices": [*kept, {"name": "Churned"}]}}


def test_option_in_another_case_is_reported_not_doubled_and_unknown_options_noted():
    meta = FakeMeta()
    setup(meta)
    schema = meta.schema()
    status = field_json(schema, "Clients", "Status")
    status["options"]["choices"] = [{"id": "selA", "name": "active"}, {"id": "selF", "name": "Former"}]
    plan = plan_base(schema)
    [op] = plan.ops
    added = [c["name"] for c in op.body["options"]["choices"] if "id" not in c]
    assert added == ["Paused", "Completed", "Churned"]  # "Active" would sit beside "active"
    [d] = plan.conflicts
    assert d.where == "Clients.Status" and '"active"' in d.problem
    assert d.fix == 'in Airtable, rename the option "active" of "Status" to "Active" (its records follow)'
    [n] = [n for n in plan.drift if n.severity == "notice"]
    assert n.where == "Clients.Status" and n.problem.endswith(": Former")


def test_table_and_field_names_with_emoji_or_stray_spaces_are_adopted_not_doubled():
    schema = {
        "tables": [
            {
                "id": "tblC",
                "name": "👥 Clients ",
                "fields": [
                    {"id": "fldN", "name": "Name", "type": "singleLineText"},
                    {"id": "fldE", "name": "Email  📧", "type": "email"},
                    {"id": "fldS", "name": "Start  Date", "type": "date"},
                ],
            }
        ]
    }
    plan = plan_base(schema)
    clients = plan.matches["clients"]
    assert clients.id == "tblC"
    assert [clients.fields[k].field["id"] for k in ("email", "start_date")] == ["fldE", "fldS"]
    assert not any(op.kind == "create_table" and op.table == "clients" for op in plan.ops)
    created = {op.field for op in plan.ops if op.kind == "create_field" and op.table == "clients"}
    assert not created & {"email", "start_date"}
    notice = next(d for d in plan.drift if d.where == "👥 Clients ")
    assert "found by its name" in notice.problem


def test_primary_field_named_otherwise_is_the_name_and_no_empty_name_is_created():
    schema = {
        "tables": [
            {
                "id": "tblC",
                "name": "Clients",
                "primaryFieldId": "fldP",
                "fields": [
                    {"id": "fldE", "name": "Email", "type": "email"},
                    {"id": "fldP", "name": "Client Name", "type": "singleLineText"},
                ],
            }
        ]
    }
    plan = plan_base(schema)
    assert plan.matches["clients"].fields["name"].field["id"] == "fldP"
    assert plan.matches["clients"].fields["email"].field["id"] == "fldE"
    assert not any(
        op.table == "clients" and op.field == "name" and op.kind == "create_field" for op in plan.ops
    )
    [mark] = [op for op in plan.ops if op.field_id == "fldP"]
    assert "[los:name]" in mark.body["description"]
    assert any(d.where == "Clients.Client Name" and "primary field" in d.problem for d in plan.drift)


def test_primary_field_of_another_type_or_with_a_name_field_beside_it_is_not_taken():
    fields = [
        {"id": "fldP", "name": "Client", "type": "formula"},
        {"id": "fldN", "name": "Name", "type": "singleLineText"},
    ]
    schema = {"tables": [{"id": "tblC", "name": "Clients", "primaryFieldId": "fldP", "fields": fields}]}
    assert plan_base(schema).matches["clients"].fields["name"].field["id"] == "fldN"
    schema["tables"][0]["fields"] = fields[:1]
    assert plan_base(schema).matches["clients"].fields["name"].field is None


def test_link_to_a_table_of_another_name_says_where_it_points():
    link = {"type": "multipleRecordLinks", "options": {"linkedTableId": "tblM"}}
    schema = {
        "tables": [
            {
                "id": "tblC",
                "name": "Clients",
                "fields": [
                    {"id": "fldN", "name": "Name", "type": "singleLineText"},
                    {"id": "fldL", "name": "Sessions", **link},
                ],
            },
            {
                "id": "tblM",
                "name": "Meetings",
                "fields": [{"id": "fldM", "name": "Name", "type": "singleLineText"}],
            },
        ]
    }
    [d] = [d for d in plan_base(schema).conflicts if d.where == "Clients.Sessions"]
    assert d.problem.startswith("is Link to another record (Meetings); the automation needs")
    assert 'rename "Sessions"' in d.fix


def test_name_in_the_way_is_reported_not_created():
    schema = {
        "tables": [
            {
                "id": "tblX",
                "name": "Leads",
                "fields": [
                    {"id": "fldA", "name": "Name", "type": "singleLineText"},
                    {"id": "fldB", "name": "Lead Score", "type": "formula"},
                ],
            }
        ]
    }
    plan = plan_base(schema)
    assert not any(op.field == "lead_score" for op in plan.ops)
    [d] = [d for d in plan.conflicts if d.where == "Leads.Lead Score"]
    assert 'rename "Lead Score"' in d.fix and "run setup_base again" in d.fix


def test_legacy_five_table_base_is_adopted_and_conflicts_reported():
    meta = FakeMeta(legacy_schema())
    plan = setup(meta)
    assert plan.count("create_table") == 8
    assert plan.count("update_table") == 5  # the five tables get their markers
    where = {d.where: d for d in plan.conflicts}
    assert set(where) == {"Clients.Usage Frequency", "Coaching Sessions.Satisfaction"}
    assert "delete or hide" in where["Clients.Usage Frequency"].fix
    assert "Rating (max 5)" in where["Coaching Sessions.Satisfaction"].fix
    schema = meta.schema()
    # adopted, not duplicated: the old link pair, the old date field, the coach's own field
    assert field_json(schema, "Clients", "Goals")["description"] == "hers"
    assert "[los:sessions]" in field_json(schema, "Clients", "Coaching Sessions")["description"]
    assert "[los:session_date]" in field_json(schema, "Coaching Sessions", "Date & Time")["description"]
    assert field_json(schema, "Clients", "Usage Freq")["type"] == "number"
    assert field_json(schema, "Clients", "Usage Frequency")["type"] == "formula"
    status = [c["name"] for c in field_json(schema, "Clients", "Status")["options"]["choices"]]
    assert status == ["Active", "Paused", "Completed", "Churned"]
    again = plan_base(schema)
    assert again.ops == []
    assert {d.where for d in again.conflicts} == set(where)  # still reported until the coach acts


class RefusesChoices(FakeMeta):
    """Like Airtable if it refused new select options through update-field (documented only for formulas)."""

    def update_field(self, table_id, field_id, body):
        if "options" in body:  # what the gateway's transport raises for Airtable's 422
            raise AirtableRejected(
                "Airtable answered 422 INVALID_REQUEST_UNKNOWN to PATCH ...", status=422, error_type="x"
            )
        return super().update_field(table_id, field_id, body)


def test_refused_choices_become_a_conflict_and_the_marker_is_still_set():
    meta = RefusesChoices(legacy_schema())
    plan = setup(meta)
    where = {d.where: d for d in plan.conflicts}
    assert "add the options Completed, Churned" in where["Clients.Status"].fix
    assert "[los:status]" in field_json(meta.schema(), "Clients", "Status")["description"]
