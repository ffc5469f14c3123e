"""The runner: one read and one write per table, dependency order, failures isolated, cascades bounded."""

from __future__ import annotations

import pytest

from automation.events.ordering import order_automations
from automation.events.runner import run_automations
from automation.models import Deal, Lead
from automation.registry import Automation, Update
from tests.events.fakes import FakeGateway, make_ctx


def _upper_name(ctx, leads):
    return [Update(lead, {"name": (lead.name or "").upper()}) for lead in leads]


def _score(ctx, leads):
    return [Update(lead, {"lead_score": float(len(lead.name or ""))}) for lead in leads]


def _tier(ctx, leads):
    return [Update(lead, {"score_tier": "Hot" if (lead.lead_score or 0) >= 3 else "Cold"}) for lead in leads]


def _boom_on_bad(ctx, leads):
    if any(lead.name == "bad" for lead in leads):
        raise ValueError("cannot handle 'bad'")
    return [Update(lead, {"next_action": "call"}) for lead in leads]


UPPER = Automation("upper", "leads", frozenset({"name"}), frozenset({"name"}), _upper_name)
SCORE = Automation("score", "leads", frozenset({"name"}), frozenset({"lead_score"}), _score)
TIER = Automation(
    "tier", "leads", frozenset({"lead_score"}), frozenset({"score_tier"}), _tier, on_create=False
)
BOOM = Automation("boom", "leads", frozenset({"name"}), frozenset({"next_action"}), _boom_on_bad)


def _leads(n, name="ana"):
    return [Lead(id=f"rec{i}", name=f"{name}{i}") for i in range(n)]


def test_run_automations__five_changed_records_one_read_one_write():
    gw = FakeGateway(*_leads(5))
    ctx = make_ctx(gw)
    ids = [f"rec{i}" for i in range(5)]
    result = run_automations(ctx, "leads", ids, {i: {"name"} for i in ids}, automations=[UPPER])
    assert gw.calls == [("read", "leads", 5), ("write", "leads", 5)]
    assert result.written == 5
    assert gw.rows["rec3"].name == "ANA3"


def test_run_automations__dependent_sees_updated_values_and_all_fields_go_in_one_write():
    gw = FakeGateway(*_leads(2, name="abcd"))
    ctx = make_ctx(gw)
    ordered = order_automations([TIER, SCORE])
    run_automations(ctx, "leads", ["rec0", "rec1"], {"rec0": {"name"}, "rec1": {"name"}}, automations=ordered)
    assert [c[0] for c in gw.calls] == ["read", "write"]
    assert gw.rows["rec0"].lead_score == 5.0 and gw.rows["rec0"].score_tier == "Hot"


def test_run_automations__unrelated_field_change_reads_nothing():
    gw = FakeGateway(*_leads(1))
    run_automations(make_ctx(gw), "leads", ["rec0"], {"rec0": {"notes"}}, automations=[UPPER, SCORE])
    assert gw.calls == []


def test_run_automations__created_record_runs_on_create_automations_only():
    gw = FakeGateway(Lead(id="rec0", name="x", lead_score=9.0))
    run_automations(
        make_ctx(gw), "leads", ["rec0"], {"rec0": set()}, created={"rec0"}, automations=[TIER, UPPER]
    )
    assert gw.rows["rec0"].name == "X" and gw.rows["rec0"].score_tier is None


def test_run_automations__no_change_no_write():
    gw = FakeGateway(Lead(id="rec0", name="ANA"))
    result = run_automations(make_ctx(gw), "leads", ["rec0"], {"rec0": {"name"}}, automations=[UPPER])
    assert gw.writes() == [] and result.written == 0


def test_run_automations__failing_record_is_reported_and_others_written():
    gw = FakeGateway(Lead(id="rec0", name="good"), Lead(id="rec1", name="bad"), Lead(id="rec2", name="fine"))
    ctx = make_ctx(gw)
    ids = ["rec0", "rec1", "rec2"]
    result = run_automations(ctx, "leads", ids, {i: {"name"} for i in ids}, automations=[BOOM])
    assert result.failed == {"leads": {"rec1"}}
    assert gw.rows["rec0"].next_action == "call" and gw.rows["rec2"].next_action == "call"
    assert gw.rows["rec1"].next_action is None
    (problem,) = ctx.run.problems
    assert problem.record_id == "rec1" and "cannot handle 'bad'" in problem.reason
    # A lead's name (a person's) stays out of the run record: the brief reads Leads and names her there
    assert "name" not in problem.as_dict()


def test_primary_name__a_deal_is_named_in_the_run_a_person_is_not():
    from automation.events.runner import primary_name
    from automation.models import Client, Deal

    assert primary_name(Deal(id="recD", deal_name=" Fox retainer ")) == "Fox retainer"
    assert primary_name(Deal(id="recE", deal_name="  ")) is None
    assert primary_name(Client(id="recC", name="Ethan Roy")) is None
    assert primary_name(Lead(id="recL", name="Ana Lima")) is None


def test_run_automations__airtable_failure_inside_automation_stops_the_batch():
    from automation.errors import AirtableUnavailable

    def down(ctx, leads):
        raise AirtableUnavailable("503")

    gw = FakeGateway(*_leads(2))
    auto = Automation("down", "leads", frozenset({"name"}), frozenset(), down)
    with pytest.raises(AirtableUnavailable):
        run_automations(make_ctx(gw), "leads", ["rec0", "rec1"], None, automations=[auto])


def test_run_automations__shadow_mode_records_intended_write_and_changes_nothing():
    gw = FakeGateway(*_leads(1))
    ctx = make_ctx(gw, mode="Shadow")
    run_automations(ctx, "leads", ["rec0"], {"rec0": {"name"}}, automations=[UPPER])
    assert gw.rows["rec0"].name == "ana0"
    assert [w.as_dict() for w in ctx.run.intended_writes] == [
        {"op": "update", "table": "leads", "record": "rec0", "fields": ["name"]}
    ]


def test_run_automations__update_on_other_table_is_written_and_cascades_there():
    def open_deal(ctx, leads):
        return [Update(Deal(id="recD"), {"deal_name": leads[0].name})]

    def value(ctx, deals):
        return [Update(d, {"deal_value": 100.0}) for d in deals]

    gw = FakeGateway(Lead(id="rec0", name="ana"), Deal(id="recD"))
    autos = [
        Automation("open", "leads", frozenset({"name"}), frozenset(), open_deal),
        Automation("value", "deals", frozenset({"deal_name"}), frozenset({"deal_value"}), value),
    ]
    run_automations(make_ctx(gw), "leads", ["rec0"], {"rec0": {"name"}}, automations=autos)
    assert gw.rows["recD"].deal_name == "ana" and gw.rows["recD"].deal_value == 100.0
    assert ("read", "deals", 1) not in gw.calls  # the written deal is fed on, not read again


def test_run_automations__trigger_forces_named_automation_and_runs_dependents():
    gw = FakeGateway(Lead(id="rec0", name="abcd"))
    ordered = order_automations([SCORE, TIER, UPPER])
    run_automations(
        make_ctx(gw), "leads", ["rec0"], {}, only={"score", "tier"}, force={"score"}, automations=ordered
    )
    assert gw.rows["rec0"].lead_score == 4.0 and gw.rows["rec0"].score_tier == "Hot"
    assert gw.rows["rec0"].name == "abcd"  # not in the chain


def test_run_automations__reads_shared_within_a_visit_do_not_outlive_it():
    seen = []

    def _share(ctx, leads):
        ctx.visit_reads["k"] = [lead.id for lead in leads]
        return []

    def _use(ctx, leads):
        seen.append(ctx.visit_reads.get("k"))
        return []

    share = Automation("share", "leads", frozenset({"name"}), frozenset({"notes"}), _share)
    use = Automation("use", "leads", frozenset({"name"}), frozenset({"next_action"}), _use)
    gw = FakeGateway(*_leads(2))
    ctx = make_ctx(gw)
    ctx.visit_reads["k"] = ["stale"]  # left by an earlier visit: never seen by this one
    run_automations(ctx, "leads", ["rec0", "rec1"], {"rec0": {"name"}, "rec1": {"name"}}, automations=[use])
    run_automations(
        ctx, "leads", ["rec0", "rec1"], {"rec0": {"name"}, "rec1": {"name"}}, automations=[share, use]
    )
    assert seen == [None, ["rec0", "rec1"]]
    assert ctx.visit_reads == {}


def test_runner__a_deleted_record_reaches_only_on_destroy_and_is_never_read():
    from automation.events.runner import Runner, Touch

    heard: list[list[str]] = []
    gone = Automation(
        "gone",
        "leads",
        frozenset({"status"}),
        frozenset(),
        lambda ctx, leads: [],
        on_destroy=lambda ctx, ids: heard.append(ids),
    )
    gw = FakeGateway(*_leads(1))
    result = Runner(make_ctx(gw), [UPPER, gone]).run(
        {"leads": {"recGONE": Touch(destroyed=True), "rec0": Touch(fields=frozenset({"name"}))}}
    )
    assert heard == [["recGONE"]]
    assert gw.calls == [("read", "leads", 1), ("write", "leads", 1)]  # rec0 only
    assert result.handled == {"upper": 1, "gone": 1}
