"""The gateway against the local Airtable-compatible server over real HTTP: reads, writes, batches, limits."""

from __future__ import annotations

import contextvars
import threading
from datetime import UTC, date, datetime

import pytest

from automation.errors import AirtableUnavailable
from automation.models import Lead, Run, Setting
from automation.run_context import run_scope
from tests.gateway.base_builder import build_base
from tests.gateway.conftest import FAST, calls, make_gateway


def _leads(gw, n: int, **extra) -> list[Lead]:
    return gw.create(
        Lead, [{"name": f"Lead {i:03d}", "email": f"l{i}@example.com", **extra} for i in range(n)]
    )


def test_read__250_records_cost_3_calls(server, base_id, gw) -> None:
    _leads(gw, 250)
    server.clear_requests()
    with run_scope("t", "Manual") as run:
        leads = gw.all(Lead)
    assert len(leads) == 250 and run.records_read == 250
    assert len(calls(server, base_id, "GET")) == 3
    assert run.api_calls == 3, "the schema map was already cached by the create"


def test_update__25_changed_records_cost_3_write_calls(server, base_id, gw) -> None:
    leads = _leads(gw, 25)
    server.clear_requests()
    with run_scope("t", "Manual") as run:
        written = gw.update(Lead, [(lead, {"lead_score": 50 + i}) for i, lead in enumerate(leads)])
    assert len(calls(server, base_id, "PATCH")) == 3 and run.api_calls == 3
    assert run.records_written == 25
    assert [w.lead_score for w in written] == [50 + i for i in range(25)]


def test_update__25_records_of_which_5_changed_cost_1_call(server, base_id, gw) -> None:
    leads = gw.update(Lead, [(lead, {"lead_score": 10}) for lead in _leads(gw, 25)])
    server.clear_requests()
    with run_scope("t", "Manual") as run:
        updates = [(lead, {"lead_score": 10 + (i < 5), "name": lead.name}) for i, lead in enumerate(leads)]
        written = gw.update(Lead, updates)
    patches = calls(server, base_id, "PATCH")
    assert len(patches) == 1 and run.api_calls == 1 and run.records_written == 5
    assert len(written) == 25, "unchanged records are returned as they were"


def test_update__values_airtable_omits_or_reformats_are_not_rewritten(server, base_id, gw) -> None:
    when = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    (lead,) = gw.create(Lead, [{"name": "A", "scored_at": when, "lead_score": 3, "deals": []}])
    (lead,) = gw.get_many(Lead, [lead.id])
    server.clear_requests()
    same = {"scored_at": "2026-03-01T10:30:00+01:00", "lead_score": 3.0, "notes": "", "duplicate_of": None}
    assert gw.update(Lead, [(lead, same)]) == [lead]
    assert calls(server, base_id, "PATCH") == []


def test_429_is_retried_and_succeeds(server, base_id, gw) -> None:
    _leads(gw, 3)
    server.clear_requests()
    server.set_faults(force_429=1)
    with run_scope("t", "Manual") as run:
        assert len(gw.all(Lead)) == 3
    statuses = [r["status"] for r in calls(server, base_id, "GET")]
    assert statuses == [429, 200] and run.api_calls == 2


def test_write__a_rejected_value_is_reported_and_the_rest_of_the_batch_written(server, base_id, gw) -> None:
    leads = _leads(gw, 10)
    server.clear_requests()
    with run_scope("t", "Manual") as run:
        updates = [(lead, {"status": "Contacted"}) for lead in leads]
        updates[6] = (leads[6], {"status": "Bogus Status"})  # not a choice: Airtable answers 422
        written = gw.update(Lead, updates)
    assert len(written) == 9 and leads[6].id not in {w.id for w in written}
    (problem,) = run.problems
    assert (problem.table, problem.record_id, problem.field, problem.value) == (
        "leads", leads[6].id, "status", "Bogus Status"
    )  # fmt: skip
    assert {r.status for r in gw.all(Lead) if r.id != leads[6].id} == {"Contacted"}


def test_write__a_value_that_does_not_fit_the_field_is_reported_before_sending(server, base_id, gw) -> None:
    with run_scope("t", "Manual") as run:
        made = gw.create(Lead, [{"name": "ok"}, {"name": "bad", "lead_score": "very high"}, {"name": "ok2"}])
    assert [m.name for m in made] == ["ok", "ok2"]
    (problem,) = run.problems
    assert (problem.table, problem.record_id, problem.field, problem.value) == (
        "leads", None, "lead_score", "very high"
    )  # fmt: skip


def test_read__a_record_that_does_not_fit_its_model_is_reported_and_skipped(server) -> None:
    # The coach turned Lead Score into a text field and typed words into one record.
    bid = server.create_base("Drifted")
    build_base(server.url, bid, overrides={"leads.lead_score": {"type": "singleLineText", "options": None}})
    gw = make_gateway(server.url, bid)
    from pyairtable import Api

    table = Api("patGatewayTests0001", endpoint_url=server.url).table(bid, "Leads")
    table.batch_create(
        [{"Name": "A", "Lead Score": "42"}, {"Name": "B", "Lead Score": "very high"}, {"Name": "C"}]
    )
    bad = next(r for r in table.all() if r["fields"]["Name"] == "B")
    with run_scope("t", "Manual") as run:
        leads = gw.all(Lead)
    assert sorted(lead.name for lead in leads) == ["A", "C"]
    (problem,) = run.problems
    assert (problem.table, problem.record_id, problem.field, problem.value) == (
        "leads", bad["id"], "lead_score", "very high"
    )  # fmt: skip


def test_a_field_renamed_in_the_ui_keeps_working(server, base_id, gw) -> None:
    (lead,) = gw.create(Lead, [{"name": "A", "lead_score": 7}])
    smap = gw.schema_map()
    info = smap.tables["leads"]
    server_api = gw.api
    server_api.request(
        "PATCH",
        server_api.build_url(f"meta/bases/{base_id}/tables/{info.id}/fields/{info.fields['lead_score'].id}"),
        json={"name": "Score (automatic)"},
    )
    gw.schema_map(refresh=True)  # a new warm process
    (again,) = gw.all(Lead, formula={"lead_score": 7})
    assert again.id == lead.id and again.lead_score == 7
    (updated,) = gw.update(Lead, [(again, {"lead_score": 8})])
    assert updated.lead_score == 8
    assert "leads.lead_score: 'Lead Score' is now 'Score (automatic)'" in gw.schema_map().renamed


def test_shadow__writes_nothing_but_records_the_intent(server, base_id, gw) -> None:
    (lead,) = _leads(gw, 1)
    server.clear_requests()
    with run_scope("t", "Manual", mode="Shadow") as run:
        (made,) = gw.create(Lead, [{"name": "New"}])
        (changed,) = gw.update(Lead, [(lead, {"lead_score": 99})])
        gw.upsert(Setting, [{"key": "a.b", "value": "1"}], merge_on=["key"])
        gw.delete(Lead, [lead.id])
        gw.create(Run, [{"run": "r1", "job": "t"}])  # the run log is always written
    writes = [r for r in calls(server, base_id) if r["method"] != "GET"]
    assert [r["method"] for r in writes] == ["POST"] and writes[0]["path"].split("?")[0].endswith(
        gw.schema_map().table_id("runs")
    )
    assert [w.op for w in run.intended_writes] == ["create", "update", "upsert", "delete"]
    assert changed.lead_score == 99 and made.name == "New"
    assert gw.get(Lead, lead.id).lead_score is None


def test_get_many__chunks_ids_and_skips_missing(server, base_id, gw) -> None:
    leads = _leads(gw, 150)
    server.clear_requests()
    wanted = [lead.id for lead in reversed(leads)] + ["recMISSING0000000"]
    with run_scope("t", "Manual") as run:
        found = gw.get_many(Lead, wanted)
    assert [f.id for f in found] == wanted[:-1]
    assert run.api_calls == 2
    assert gw.get(Lead, "recMISSING0000000") is None


def test_create__25_rows_cost_3_calls_and_upsert_does_not_duplicate(server, base_id, gw) -> None:
    gw.schema_map()
    server.clear_requests()
    with run_scope("t", "Manual") as run:
        made = _leads(gw, 25)
    assert len(made) == 25 and run.api_calls == 3
    rows = [{"key": f"s.k{i}", "value": str(i)} for i in range(12)]
    first = gw.upsert(Setting, rows, merge_on=["key"])
    second = gw.upsert(Setting, rows, merge_on=["key"])
    assert [r.id for r in first] == [r.id for r in second] and len(gw.all(Setting)) == 12


def test_upsert__reports_which_records_the_requests_created(server, base_id, gw) -> None:
    """Over two batches (Airtable's ten a request): the rows whose key matched nothing are created; a
    second upsert of the same keys creates nothing (what a claim held from its create relies on)."""
    gw.upsert(Setting, [{"key": f"s.old{i}", "value": "x"} for i in range(3)], merge_on=["key"])
    rows = [{"key": f"s.old{i}", "value": "y"} for i in range(3)]
    rows += [{"key": f"s.new{i}", "value": "y"} for i in range(9)]
    created: set[str] = set()
    written = gw.upsert(Setting, rows, merge_on=["key"], created=created)
    assert created == {r.id for r in written if r.key.startswith("s.new")} and len(created) == 9
    again: set[str] = set()
    gw.upsert(Setting, rows, merge_on=["key"], created=again)
    assert again == set()


def test_all__formula_fields_sort_and_max_records(server, base_id, gw) -> None:
    gw.create(
        Lead,
        [
            {"name": n, "lead_score": s, "follow_up_due": date(2026, 3, s)}
            for n, s in [("a", 3), ("b", 1), ("c", 2)]
        ],
    )
    got = gw.all(
        Lead, formula=gw.ref(Lead, "lead_score").gte(2), fields=["name", "lead_score"], sort=["-lead_score"]
    )
    assert [(g.name, g.lead_score, g.follow_up_due) for g in got] == [("a", 3, None), ("c", 2, None)]
    assert [g.name for g in gw.all(Lead, sort=["name"], max_records=2)] == ["a", "b"]


def test_delete__in_batches_of_10(server, base_id, gw) -> None:
    leads = _leads(gw, 12)
    server.clear_requests()
    gw.delete(Lead, [lead.id for lead in leads])
    assert len(calls(server, base_id, "DELETE")) == 2 and gw.all(Lead) == []


def test_whoami__is_the_tokens_user(server, gw) -> None:
    assert gw.whoami().startswith("usr") and gw.whoami() == gw.whoami()


@pytest.mark.parametrize("mode", ["Live", "Paused"])
def test_live_and_paused_runs_write(server, base_id, gw, mode) -> None:
    with run_scope("t", "Manual", mode=mode):
        (made,) = gw.create(Lead, [{"name": "x"}])
    assert gw.get(Lead, made.id) is not None


def test_429s_past_the_budget_give_up_with_a_clear_error(server, base_id, gw) -> None:
    gw.schema_map()
    server.set_faults(force_429=1000)
    with run_scope("t", "Manual", budget_s=0.3) as run, pytest.raises(AirtableUnavailable) as err:
        gw.all(Lead)
    assert err.value.status == 429 and "RATE_LIMIT_REACHED" in str(err.value)
    assert 1 <= run.api_calls <= FAST.max_attempts


def test_5xx_retries_reads_but_never_a_create(server, base_id, gw) -> None:
    gw.schema_map()
    server.clear_requests()
    server.set_faults(error_rate=1.0, error_status=502)
    with pytest.raises(AirtableUnavailable, match="502"):
        gw.create(Lead, [{"name": "once"}])
    assert len(calls(server, base_id, "POST")) == 1
    with pytest.raises(AirtableUnavailable, match="502"):
        gw.all(Lead)
    assert len(calls(server, base_id, "GET")) == FAST.max_attempts


def test_concurrent_runs_share_the_bases_spacing_and_count_their_own_calls(server, base_id) -> None:
    gw = make_gateway(server.url, base_id, rate=5)
    gw.schema_map()
    server.set_faults(rate_limit=5)
    server.clear_requests()
    counted: dict[int, int] = {}

    def job(i: int) -> None:
        with run_scope(f"job{i}", "Manual") as run:
            for _ in range(3):
                gw.all(Lead, max_records=1)
        counted[i] = run.api_calls

    threads = [threading.Thread(target=contextvars.copy_context().run, args=(job, i)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert counted == {0: 3, 1: 3, 2: 3}
    log = calls(server, base_id, "GET")
    assert len(log) == 9 and all(r["status"] == 200 for r in log), "spacing kept clear of the 5/s limit"


def test_a_read_is_stamped_with_when_its_request_left_after_the_pacing_wait(server, base_id) -> None:
    """Claims time from a read's stamp (claim.py): it must be no earlier than needed, and never later than
    the request that was answered. At 1 call per 1.05 s, the second read waits about a second first."""
    import time

    from automation.airtable.ratelimit import _buckets

    _buckets.clear()  # a pacer of our own for this base
    gw = make_gateway(server.url, base_id, rate=1)
    gw.create(Lead, [{"name": "Stamped"}])  # one call: the next read waits for the window
    before = time.monotonic()
    (lead,) = gw.all(Lead)
    after = time.monotonic()
    assert lead.read_sent() is not None
    assert before + 0.9 < lead.read_sent() <= after  # left after the wait, before the answer came
