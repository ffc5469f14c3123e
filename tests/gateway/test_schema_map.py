"""Schema map: tables and fields found by their [los:key] marker first, then by name (case-insensitive)."""

from __future__ import annotations

import pytest

from automation.airtable.schema_map import SchemaMap
from automation.errors import ConfigError
from schema.tables import ALL_TABLES, TABLES
from tests.gateway.fake_schema import meta_json as _meta


def test_schema_map__resolves_every_table_and_field() -> None:
    smap = SchemaMap.from_meta(_meta(), ALL_TABLES)
    assert smap.missing == [] and smap.renamed == []
    assert smap.table_id("leads") == "tbl00000000000003"
    fid = smap.field_id("leads", "lead_score")
    assert smap.tables["leads"].by_id[fid].key == "lead_score"


def test_schema_map__a_field_renamed_in_the_ui_is_found_by_its_marker() -> None:
    smap = SchemaMap.from_meta(
        _meta(rename={"leads.lead_score": "Score (auto)", "deals": "Opportunities"}), ALL_TABLES
    )
    assert smap.tables["leads"].fields["lead_score"].name == "Score (auto)"
    assert smap.table("deals").name == "Opportunities"
    assert len(smap.renamed) == 2


def test_schema_map__without_markers_names_match_case_insensitively() -> None:
    meta = _meta(markers=False, rename={"leads.lead_score": "LEAD SCORE"})
    smap = SchemaMap.from_meta(meta, ALL_TABLES)
    assert smap.missing == []
    assert smap.tables["leads"].fields["lead_score"].name == "LEAD SCORE"


def test_schema_map__a_same_named_field_with_another_marker_is_not_taken() -> None:
    meta = _meta(drop={"leads.notes"})
    leads = next(t for t in meta["tables"] if t["name"] == "Leads")
    # The coach renamed Next Action to "Notes"; it still carries [los:next_action].
    next(f for f in leads["fields"] if f["name"] == "Next Action")["name"] = "Notes"
    smap = SchemaMap.from_meta(meta, ALL_TABLES)
    assert "leads.notes" in smap.missing
    assert smap.tables["leads"].fields["next_action"].name == "Notes"


def test_schema_map__missing_parts_are_listed_and_raise_a_clear_error() -> None:
    meta = _meta(drop={"leads.lead_score"})
    meta["tables"] = [t for t in meta["tables"] if t["name"] != "Messages"]
    smap = SchemaMap.from_meta(meta, ALL_TABLES)
    assert {"messages", "leads.lead_score"} <= set(smap.missing)
    with pytest.raises(ConfigError, match="setup_base"):
        smap.field_id("leads", "lead_score")
    with pytest.raises(ConfigError, match="messages"):
        smap.table_id("messages")
    assert TABLES["leads"]["lead_score"].name == "Lead Score"
