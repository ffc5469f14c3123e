"""The base DESIGN.md §4 describes, written down here as this test's own list and checked against schema/.

The other schema tests walk schema/tables.py itself, so a field dropped from it would go unnoticed; this list
is copied from DESIGN.md §4 (names as the coach sees them, the choices it lists, the types it states), so a
table, field or choice missing from the schema fails here.
"""

from __future__ import annotations

import pytest

from schema.tables import ALL_TABLES

LINK = "multipleRecordLinks"

# Table -> field names, in DESIGN.md §4's order.
DESIGN_FIELDS: dict[str, list[str]] = {
    "Leads": [
        "Name", "Email", "Phone", "Company", "Title", "Lead Source", "Lead Score", "Score Tier",
        "Score Breakdown", "Scored At", "Status", "First Contact", "Last Contact", "Next Action",
        "Nurture Sequence", "Nurture Step", "Follow-up Due", "Notes",
        # "plus the inputs scoring needs"
        "Company Size", "Industry", "Timeline", "Replies", "Meetings", "Last Engagement", "Email Status",
        "Deals",
    ],
    "Deals": [
        "Deal Name", "Lead", "Client", "Deal Value", "Pipeline Stage", "Probability %", "Weighted Value",
        "Expected Close", "Actual Close", "Lost Reason", "Commission $", "Probability Override",
        "Proposal Sent", "Contract Sent", "Next Steps", "Created Date", "Closed By", "Stage Changed At",
        "Notes", "Package",
    ],
    "Clients": [
        "Name", "Email", "Phone", "Company", "Status", "Start Date", "Package", "Last Contact",
        "Health Score", "Health Breakdown", "Health Trend", "Risk Level", "Satisfaction", "Usage Freq",
        "Last Session", "Next Session Date", "Notes Summary", "LTV", "Referral Src", "Associate",
        "Focus Areas", "AI Consent", "Stripe Customer ID", "Created Date",
        "Deals", "Sessions", "Action Items", "Invoices",
        # the results ledger
        "Goal", "Baseline", "Current",
    ],
    "Coaching Sessions": [
        "Client", "Associate", "Session Date", "Duration", "Session Type", "Status", "Pre-Work Done",
        "Raw Notes", "Key Outcomes", "Action Items", "Satisfaction", "Next Session", "Invoice Status",
        "Invoice", "Notes Summary", "Notes Status", "Notes Sent", "Recording Link", "Completion %",
        "Leadership Models", "Reminder Sent", "Conflict", "Booking Ref",
    ],
    "Leadership Models": [
        "Title", "Category", "Description", "Use Cases", "Resources", "Usage Count", "Effectiveness",
        "Last Used", "Created Date", "Updated Date", "Version", "Active", "Sessions",
    ],
    "Associates": [
        "Name", "Email", "Phone", "Specialty", "Certification Level", "Performance", "Quality Score",
        "Client Load", "Max Clients", "Commission %", "Status", "Hire Date", "Last Review",
        "Onboarding Progress", "Clients", "Sessions",
    ],
    "Action Items": [
        "Description", "Client", "Session", "Due Date", "Priority", "Status", "Assigned To", "Created Date",
        "Completed Date", "Follow-up Req", "Client Visible", "Notes", "Reminder Sent", "Source Key",
    ],
    "Invoices": [
        "Invoice #", "Client", "Sessions", "Period", "Amount", "Tax Amount", "Late Fees", "Total",
        "Associate Cut", "Date Created", "Date Sent", "Due Date", "Status", "Payment Date",
        "Payment Method", "Stripe ID", "Payment Link", "Notes",
    ],
    # Added tables (DESIGN.md names their contents in prose; these are those names as fields).
    "Packages": ["Name", "Billing", "Price", "Sessions Per Month", "Session Length"],
    "Messages": [
        "Kind", "Channel", "Recipient", "Subject", "Body", "Status", "Lead", "Client", "Session", "Invoice",
        "Deal", "Dedupe Key", "Send After", "Sent At", "Provider ID", "Error",
    ],
    "Automation Runs": [
        "Job", "Trigger", "Started", "Duration (ms)", "Records Read", "Records Written", "API Calls",
        "Outcome", "Error", "Details",
    ],
    "Settings": [],
    "System State": [],
}  # fmt: skip

# (table, field) -> the choices DESIGN.md §4 lists (the schema may offer more, never fewer).
DESIGN_CHOICES: dict[tuple[str, str], list[str]] = {
    ("Leads", "Lead Source"): [
        "Referral", "Networking Event", "Website", "LinkedIn", "Social Media", "Speaking", "Podcast", "Other",
    ],
    ("Leads", "Score Tier"): ["Hot", "Warm", "Cool", "Cold"],
    ("Leads", "Status"): [
        "New", "Contacted", "Engaged", "Qualified", "Proposal", "Converted", "Nurture", "Lost",
        "Unsubscribed",
    ],
    ("Deals", "Pipeline Stage"): [
        "Lead", "Prospect", "Qualified", "Proposal", "Negotiation", "Closed Won", "Closed Lost",
    ],
    ("Clients", "Status"): ["Active", "Paused", "Completed", "Churned"],
    ("Clients", "Risk Level"): ["Low", "Medium", "High"],
    ("Coaching Sessions", "Status"): ["Scheduled", "Completed", "Cancelled", "No-show"],
    ("Coaching Sessions", "Notes Status"): ["Pending", "Drafted", "Approved", "Sent"],
    ("Associates", "Status"): ["Onboarding", "Active", "Paused", "Inactive"],
    ("Action Items", "Status"): ["Open", "In Progress", "Complete", "Cancelled"],
    ("Invoices", "Status"): ["Draft", "Sent", "Paid", "Overdue", "Void"],
    ("Messages", "Channel"): ["Email", "Slack"],
    ("Messages", "Status"): ["Draft", "Approved", "Sending", "Sent", "Failed", "Cancelled"],
    ("Automation Runs", "Outcome"): ["Success", "Partial", "Failed"],
}  # fmt: skip

# Types DESIGN.md §4 states outright.
DESIGN_TYPES: dict[tuple[str, str], str] = {
    ("Coaching Sessions", "Session Date"): "dateTime",  # "date & time"
    ("Coaching Sessions", "Satisfaction"): "rating",  # "1–5"
    ("Deals", "Closed By"): LINK,  # "(Associates)"
}

SCHEMA = {t.name: t for t in ALL_TABLES}


def _field(table: str, name: str):
    return next((f for f in SCHEMA[table].fields if f.name == name), None)


def test_design__every_table_is_in_the_schema() -> None:
    assert sorted(DESIGN_FIELDS) == sorted(SCHEMA), "tables of DESIGN.md §4 vs schema/tables.py"


def _field_params() -> list:
    return [
        pytest.param(table, name, id=f"{table}.{name}")
        for table, names in DESIGN_FIELDS.items()
        for name in names
    ]


@pytest.mark.parametrize(("table", "name"), _field_params())
def test_design__every_field_is_in_the_schema(table: str, name: str) -> None:
    assert table in SCHEMA, f"table {table!r} is missing from schema/tables.py"
    assert _field(table, name) is not None, f"{table}: field {name!r} of DESIGN.md §4 is not in the schema"


@pytest.mark.parametrize(("table", "name"), list(DESIGN_CHOICES), ids=[f"{t}.{n}" for t, n in DESIGN_CHOICES])
def test_design__listed_choices_are_offered(table: str, name: str) -> None:
    field = _field(table, name)
    assert field is not None and field.type in ("singleSelect", "multipleSelects"), f"{table}.{name}"
    missing = [c for c in DESIGN_CHOICES[(table, name)] if c not in field.choices]
    assert missing == [], f"{table}.{name} lacks choices {missing}"


@pytest.mark.parametrize(("table", "name"), list(DESIGN_TYPES), ids=[f"{t}.{n}" for t, n in DESIGN_TYPES])
def test_design__stated_types(table: str, name: str) -> None:
    field = _field(table, name)
    assert field is not None and field.type == DESIGN_TYPES[(table, name)], f"{table}.{name}"


def test_design__links_of_the_requirement_tables_are_links() -> None:
    links = {
        ("Leads", "Deals"), ("Deals", "Lead"), ("Deals", "Client"), ("Deals", "Package"),
        ("Clients", "Package"), ("Clients", "Associate"), ("Clients", "Deals"), ("Clients", "Sessions"),
        ("Clients", "Action Items"), ("Clients", "Invoices"), ("Coaching Sessions", "Client"),
        ("Coaching Sessions", "Associate"), ("Coaching Sessions", "Action Items"),
        ("Coaching Sessions", "Invoice"), ("Coaching Sessions", "Leadership Models"),
        ("Leadership Models", "Sessions"), ("Associates", "Clients"), ("Associates", "Sessions"),
        ("Action Items", "Client"), ("Action Items", "Session"), ("Invoices", "Client"),
        ("Invoices", "Sessions"),
    }  # fmt: skip
    not_links = sorted(f"{t}.{n}" for t, n in links if getattr(_field(t, n), "type", None) != LINK)
    assert not_links == []
