"""Pure pieces of the scripts: settings seeding, the views check, backup cells, error lines."""

from __future__ import annotations

from automation.errors import AirtableRejected, AirtableUnavailable
from automation.settings import BusinessSettings
from schema.views import VIEWS
from scripts._cli import describe
from scripts.backup_base import _cell, latest_backup
from scripts.check_views import check, report
from scripts.setup.apply import apply_plan
from scripts.setup.plan import plan_base
from scripts.setup.settings_rows import plan_settings
from tests.setup.fakemeta import FakeMeta


def test_settings_seed_keeps_the_coachs_values_and_fills_only_what_is_empty():
    defaults = BusinessSettings().rows()
    existing = [
        {"id": "rec1", "key": "scoring.hot_min", "value": "85", "description": "", "category": "Scoring"},
        {"id": "rec2", "key": "general.time_zone", "value": "", "description": "mine", "category": None},
    ]
    create, fill = plan_settings(existing, defaults)
    assert len(create) == len(defaults) - 2
    assert {r["key"] for r in create}.isdisjoint({"scoring.hot_min", "general.time_zone"})
    fills = dict(fill)
    assert set(fills["rec1"]) == {"description"}  # the value 85 is never touched
    assert fills["rec2"] == {"category": "General"}  # an empty value stays empty (= the default)
    assert plan_settings([{"id": f"r{i}", **d} for i, d in enumerate(defaults)], defaults) == ([], [])


def _base_with_views(*views: tuple[str, str, str]) -> dict:
    meta = FakeMeta()
    apply_plan(plan_base(meta.schema()), meta, out=lambda _: None)
    schema = meta.schema()
    for t in schema["tables"]:
        t["views"] = [{"id": "viwGrid", "name": "Grid view", "type": "grid"}]
        t["views"] += [{"id": "viw" + n, "name": n, "type": k} for table, n, k in views if table == t["name"]]
    return schema


def test_check_views_reports_present_missing_and_wrong_type():
    schema = _base_with_views(("Leads", "Lead Pipeline", "kanban"), ("Deals", "sales pipeline", "grid"))
    status = {s.spec.name: s.status for s in check(schema)}
    assert status["Lead Pipeline"] == "ok"
    assert status["Sales Pipeline"] == "wrong type"
    assert status["Approval Queue"] == "missing"
    lines, bad = report(schema)
    assert bad == len(status) - 1
    assert any("Leads: Grid view (grid), Lead Pipeline (kanban)" in line for line in lines)
    assert f"1 of {len(VIEWS)} checklist views exist." in lines[-2] and len(VIEWS) == 15


def test_check_views_without_the_tables():
    assert {s.status for s in check({"tables": []})} == {"no table"}


def test_backup_cells_are_readable():
    primaries = {"tblC": {"rec1": "Amelia Hart"}}
    link = {"type": "multipleRecordLinks", "options": {"linkedTableId": "tblC"}}
    assert _cell(["rec1", "recGone"], link, primaries) == "Amelia Hart, recGone"
    assert _cell(True, {}, {}) == "checked"
    assert _cell(["A", "B"], {}, {}) == "A, B"
    assert _cell([{"url": "https://x/y.pdf", "filename": "y.pdf"}], {}, {}) == "https://x/y.pdf"
    assert _cell(4.5, {}, {}) == "4.5"


def test_only_a_complete_backup_of_that_day_counts(tmp_path):
    from datetime import date

    (tmp_path / "appX" / "2026-11-22-101500").mkdir(parents=True)
    assert latest_backup(tmp_path, "appX", date(2026, 11, 22)) is None  # interrupted: no manifest
    done = tmp_path / "appX" / "2026-11-22-111500"
    done.mkdir()
    (done / "manifest.json").write_text("{}")
    assert latest_backup(tmp_path, "appX", date(2026, 11, 22)) == done
    assert latest_backup(tmp_path, "appX", date(2026, 11, 23)) is None
    assert latest_backup(tmp_path, "appOther", date(2026, 11, 22)) is None


def test_error_lines():
    down = "http://127.0.0.1:9"
    line = describe(AirtableUnavailable("x", error_type="ConnectionError", endpoint=down))
    assert line == "cannot reach Airtable at http://127.0.0.1:9: check AIRTABLE_ENDPOINT_URL and the network"
    line = describe(AirtableRejected("x", status=401, error_type="AUTHENTICATION_REQUIRED", endpoint=down))
    assert line == "Airtable rejected the token (401 AUTHENTICATION_REQUIRED): check AIRTABLE_API_KEY"
    line = describe(AirtableUnavailable("x", error_type="ReadTimeout", endpoint=down))
    assert line == (
        "Airtable at http://127.0.0.1:9 did not answer in time: try again, or check AIRTABLE_ENDPOINT_URL"
    )
    line = describe(AirtableUnavailable("x", status=429, error_type="RATE_LIMIT_REACHED"))
    assert line == "Airtable kept answering 429 (rate limit): wait a minute and run again"
    boom = AirtableUnavailable("x", status=503, error_type="SERVER_ERROR")
    boom.airtable_message = "try later"  # type: ignore[attr-defined]
    assert describe(boom) == "Airtable answered 503 SERVER_ERROR: try later"
