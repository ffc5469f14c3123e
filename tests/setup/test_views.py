"""The views and Interfaces checklist: real field names, the views the requirements ask for, no duplicates."""

from __future__ import annotations

import re

from schema.tables import TABLES
from schema.views import INTERFACES, REPLACED_BY_FUNCTIONS, VIEWS, field_references, render_markdown

REQUIRED = {
    ("leads", "Lead Pipeline", "kanban"),
    ("leads", "Follow-up Calendar", "calendar"),
    ("deals", "Sales Pipeline", "kanban"),
    ("deals", "Close Date Calendar", "calendar"),
    ("clients", "Client Health Dashboard", "grid"),
    ("clients", "Next Session Calendar", "calendar"),
    ("sessions", "Session Schedule", "calendar"),
    ("sessions", "Session Notes Review", "grid"),
    ("messages", "Approval Queue", "grid"),
    # Phase 2 of the requirements: views & visibility
    ("models", "Resource Library", "gallery"),
    ("associates", "Associate Performance", "grid"),
    ("action_items", "Action Items by Priority", "grid"),
    ("sessions", "Client Notes", "grid"),
    ("models", "Associate Resources", "gallery"),
    ("runs", "Failed Runs", "grid"),
}


def test_every_field_the_checklist_names_exists():
    refs = list(field_references())
    assert len(refs) > 60
    missing = [(where, t, k) for where, t, k in refs if k not in TABLES[t]]
    assert missing == []


def test_the_views_of_the_requirements_are_all_there():
    assert {(v.table, v.name, v.type) for v in VIEWS} == REQUIRED
    assert len({v.name for v in VIEWS}) == len(VIEWS)
    assert {i.name for i in INTERFACES} == {
        "Sarah's Executive Dashboard",
        "Associate Operations Dashboard",
        "Client Self-Service Portal",
    }


def test_view_settings_follow_the_requirements():
    by_name = {v.name: v for v in VIEWS}
    assert by_name["Lead Pipeline"].group_by == "status"
    assert by_name["Approval Queue"].filters[0].render("messages") == "Status is Draft"
    assert [f.render("sessions") for f in by_name["Session Notes Review"].filters] == [
        "Status is Completed",
        "Notes Sent is unchecked",
    ]
    assert by_name["Client Health Dashboard"].sort == (("health_score", "ascending"),)
    # Action items by priority: High first (ascending follows the choices' order), then the earliest due.
    priority = TABLES["action_items"]["priority"].choices
    assert priority[0] == "High"
    assert by_name["Action Items by Priority"].sort[0] == ("priority", "ascending")
    assert by_name["Resource Library"].table == "models" and by_name["Resource Library"].type == "gallery"
    assert by_name["Associate Performance"].sort == (("quality_score", "descending"),)
    assert "notes_summary" in by_name["Client Notes"].fields.split()
    assert "resources" in by_name["Associate Resources"].fields.split()


def test_markdown_has_one_checkbox_per_view_interface_and_airtable_automation_and_none_replaced():
    md = render_markdown()
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", md, flags=re.M)
    assert boxes == [v.name for v in sorted(VIEWS, key=lambda v: _table_order(v.table))] + [
        i.name for i in INTERFACES
    ] + ["Leadership OS: deliver approved messages"]
    assert "Messages, where Status is Approved AND Claim Token is not queued" in md
    for automation in REPLACED_BY_FUNCTIONS:
        assert automation not in md
    assert "Usage Freq" in md and "Probability %" in md  # names as the coach sees them


def _table_order(key: str) -> int:
    return [v.table for v in VIEWS].index(key)
