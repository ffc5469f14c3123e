"""The views and Interfaces the coach creates by hand (the Airtable API cannot create them).

The "Manual Setup Checklist" of the requirements, with fields referenced by key, so the checklist cannot
name a field that does not exist. The requirements' manual Airtable Automations 1-3 (new-lead email, session
reminder, overdue action items) are done by the functions and deliberately not here: creating them as well
would send everything twice. The one Airtable Automation here (AIRTABLE_AUTOMATIONS) calls the functions.
`python -m scripts.check_views` reports which views exist in a base and `python -m scripts.check_views
--markdown` prints this checklist for the README.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from schema.tables import CLAIM_QUEUED, TABLES


@dataclass(frozen=True)
class Filter:
    field: str  # field key
    op: str  # as Airtable's filter menu says it: "is", "is not", "is any of", "is unchecked", ...
    value: str = ""

    def render(self, table: str) -> str:
        return f"{TABLES[table][self.field].name} {self.op} {self.value}".strip()


@dataclass(frozen=True)
class Coloring:
    field: str  # field key the colours come from
    rules: str  # "High = red, Medium = yellow"
    by_conditions: bool = False  # False: colour by a single select's choices; True: by conditions

    def render(self, table: str) -> str:
        how = "conditions on" if self.by_conditions else "select field"
        return f"{how} {TABLES[table][self.field].name} ({self.rules})"


@dataclass(frozen=True)
class ViewSpec:
    """One view to create: its table, name, Airtable view type and settings."""

    table: str  # table key
    name: str
    type: str  # grid, kanban, calendar, gallery, form (as the base schema reports view types)
    purpose: str
    fields: str = ""  # field keys, space-separated. Grid: visible fields; kanban/calendar: card fields
    group_by: str | None = None  # kanban: the field the stacks come from
    date_field: str | None = None  # calendar: the date field
    sort: tuple[tuple[str, str], ...] = ()  # (field key, "ascending" | "descending")
    filters: tuple[Filter, ...] = ()  # all must hold (AND)
    color: Coloring | None = None
    note: str = ""

    def field_refs(self) -> Iterator[str]:
        yield from self.fields.split()
        yield from (k for k in (self.group_by, self.date_field) if k)
        yield from (k for k, _ in self.sort)
        yield from (f.field for f in self.filters)
        if self.color:
            yield self.color.field


@dataclass(frozen=True)
class Element:
    """One element of an Interface page: a chart, list, calendar, number, gallery or form."""

    title: str
    kind: str
    table: str
    fields: str = ""  # field keys, space-separated
    filters: tuple[Filter, ...] = ()
    summary: str = ""  # what a chart or list shows, in words

    def field_refs(self) -> Iterator[str]:
        yield from self.fields.split()
        yield from (f.field for f in self.filters)


@dataclass(frozen=True)
class InterfaceSpec:
    name: str
    layout: str
    access: str
    elements: tuple[Element, ...]
    note: str = ""


_BY_ASSOCIATE = Coloring("associate", "one colour per associate", by_conditions=True)

VIEWS: list[ViewSpec] = [
    ViewSpec(
        "leads", "Lead Pipeline", "kanban", "Every open lead by status; drag a card to move it on.",
        fields="name company lead_score score_tier next_action", group_by="status",
        sort=(("lead_score", "descending"),), filters=(Filter("status", "is not", "Converted"),),
    ),
    ViewSpec(
        "leads", "Follow-up Calendar", "calendar", "Who to follow up with, on the day it is due.",
        fields="name company next_action", date_field="follow_up_due",
        color=Coloring("score_tier", "Hot = red, Warm = yellow, Cool = green, Cold = green"),
        note="Score Tier is the Lead Score band the automation writes (Hot >= 80, Warm >= 60, Cool >= 35).",
    ),
    ViewSpec(
        "deals", "Sales Pipeline", "kanban", "Deals by stage, biggest first, coloured by chance to close.",
        fields="deal_name client deal_value expected_close probability weighted_value",
        group_by="pipeline_stage", sort=(("deal_value", "descending"),),
        color=Coloring("probability", ">= 50 % = green, < 25 % = red", by_conditions=True),
    ),
    ViewSpec(
        "deals", "Close Date Calendar", "calendar", "When open deals are expected to close.",
        fields="deal_name client deal_value probability", date_field="expected_close",
        filters=(Filter("pipeline_stage", "is not", "Closed Lost"),),
    ),
    ViewSpec(
        "clients", "Client Health Dashboard", "grid", "Active clients, the ones at risk first.",
        fields="name health_score risk_level health_trend last_contact last_session usage_freq",
        sort=(("health_score", "ascending"),), filters=(Filter("status", "is", "Active"),),
        color=Coloring("risk_level", "High = red, Medium = yellow, Low = green"),
    ),
    ViewSpec(
        "clients", "Next Session Calendar", "calendar", "Each client's next session.",
        fields="name associate package", date_field="next_session_date", color=_BY_ASSOCIATE,
        note="Session Type lives on Coaching Sessions (see Session Schedule): cards show the package.",
    ),
    ViewSpec(
        "sessions", "Session Schedule", "calendar", "All booked sessions and who runs them.",
        fields="client associate duration status session_type", date_field="session_date",
        filters=(Filter("status", "is not", "Cancelled"),), color=_BY_ASSOCIATE,
    ),
    ViewSpec(
        "sessions", "Session Notes Review", "grid", "Completed sessions whose notes have not gone out yet.",
        fields="name client session_date status notes_status notes_summary satisfaction",
        sort=(("session_date", "descending"),),
        filters=(Filter("status", "is", "Completed"), Filter("notes_sent", "is unchecked")),
        note="The requirements' Date and Rating are Session Date and Satisfaction. The notes email itself "
        "is approved in the Approval Queue (Messages).",
    ),
    ViewSpec(
        "sessions", "Client Notes", "grid", "Every completed session's notes, one client at a time.",
        fields="client session_date name notes_summary key_outcomes next_topics notes_status",
        sort=(("session_date", "descending"),), filters=(Filter("status", "is", "Completed"),),
        note="Group by Client (the Group menu) and collapse the groups: each client's notes are one click "
        "away, newest first. Raw Notes stays hidden here (the coach's rough notes).",
    ),
    ViewSpec(
        "models", "Resource Library", "gallery", "The Leadership Models as cards to browse and search.",
        fields="title category description use_cases resources usage_count effectiveness",
        sort=(("usage_count", "descending"),), filters=(Filter("active", "is checked"),),
        note="Cover field: none (cards show text). Search with the magnifier in the view bar.",
    ),
    ViewSpec(
        "models", "Associate Resources", "gallery", "What a new associate studies during onboarding.",
        fields="title category description resources version", sort=(("category", "ascending"),),
        filters=(Filter("active", "is checked"),),
        note="Share this view read-only (Share view: create a link) with associates who are onboarding.",
    ),
    ViewSpec(
        "associates", "Associate Performance", "grid", "Associates side by side, the best rated first.",
        fields="name status certification_level performance quality_score client_load max_clients "
        "commission_pct last_review",
        sort=(("quality_score", "descending"),),
        filters=(Filter("status", "is any of", "Active, Onboarding"),),
        color=Coloring("performance", "Excellent = green, Good = blue, Needs Support = red, New = gray"),
    ),
    ViewSpec(
        "action_items", "Action Items by Priority", "grid", "Open action items, the most important first.",
        fields="description client due_date priority status assigned_to follow_up_req",
        sort=(("priority", "ascending"), ("due_date", "ascending")),
        filters=(Filter("status", "is any of", "Open, In Progress"),),
        color=Coloring("priority", "High = red, Medium = yellow, Low = green"),
        note="Priority sorts in its choices' order (High, Medium, Low): ascending puts High first.",
    ),
    ViewSpec(
        "messages", "Approval Queue", "grid", "Messages drafted by the automation that wait for the coach.",
        fields="title kind channel recipient subject body send_after created_at status",
        sort=(("created_at", "ascending"),), filters=(Filter("status", "is", "Draft"),),
        note="Edit Subject or Body if needed, then set Status to Approved to send it (Cancelled drops it).",
    ),
    ViewSpec(
        "runs", "Failed Runs", "grid", "Automation runs that failed or skipped records, newest first.",
        fields="started job trigger outcome mode error details api_calls",
        sort=(("started", "descending"),), filters=(Filter("outcome", "is any of", "Failed, Partial"),),
    ),
]  # fmt: skip

INTERFACES: list[InterfaceSpec] = [
    InterfaceSpec(
        "Sarah's Executive Dashboard", "3-column dashboard", "Sarah only",
        (
            Element("Lead Pipeline Summary", "chart", "leads", "status", summary="leads by Status"),
            Element("Client Health Alerts", "list", "clients", "name health_score risk_level health_trend",
                    (Filter("risk_level", "is", "High"),)),
            Element("Revenue Forecast", "chart", "deals", "expected_close weighted_value",
                    (Filter("pipeline_stage", "is none of", "Closed Won, Closed Lost"),),
                    summary="sum of Weighted Value by month of Expected Close"),
            Element("Recent Session Activity", "list", "sessions",
                    "session_date client associate status satisfaction", summary="newest first"),
            Element("Associate Performance", "chart", "associates", "name quality_score client_load",
                    summary="Quality Score and Client Load per associate"),
        ),
        note="Figures update as the automation writes them: no refresh setting is needed.",
    ),
    InterfaceSpec(
        "Associate Operations Dashboard", "2-column layout", "associates, each seeing their own records",
        (
            Element("My Clients", "list", "clients", "name company health_score risk_level associate"),
            Element("Upcoming Sessions", "calendar", "sessions", "session_date client associate session_type",
                    (Filter("status", "is", "Scheduled"),)),
            Element("Action Items Due", "list", "action_items", "description client due_date priority status",
                    (Filter("status", "is any of", "Open, In Progress"),)),
            Element("Performance Metrics", "number", "associates",
                    "quality_score client_load max_clients commission_pct"),
        ),
        note="Filter each element to the associate's records. Airtable filters by the person viewing only "
        "through a User field: without one, make one page per associate.",
    ),
    InterfaceSpec(
        "Client Self-Service Portal", "single column", "external sharing, read-only with form submission",
        (
            Element("My Sessions", "calendar", "sessions", "session_date session_type status"),
            Element("Action Items", "list", "action_items", "description due_date status",
                    (Filter("client_visible", "is checked"),)),
            Element("Resources", "gallery", "models", "title category description resources",
                    (Filter("active", "is checked"),)),
            Element("Satisfaction Survey", "record detail", "sessions", "satisfaction",
                    summary="Satisfaction editable; a form would add new session records instead"),
        ),
        note="A shared page shows every record it lists to anyone with the link: filter each page to one "
        "client.",
    ),
]  # fmt: skip

# The requirements' manual Airtable Automations 1-3 and the functions that do their work instead.
REPLACED_BY_FUNCTIONS = {
    "New Lead Notification": "hot-lead alert and first-touch email (leads)",
    "Session Reminder": "daily reminders job",
    "Overdue Action Item Alert": "action-item reminders and the daily brief",
}


@dataclass(frozen=True)
class AirtableAutomationSpec:
    """An Airtable Automation the coach builds: trigger "When a record matches conditions" on `table`
    (every (field key, "is" | "is not", value) of `conditions`), action "Run a script" POSTing the record's
    id to /api/triggers/{trigger}."""

    name: str
    table: str  # table key
    conditions: tuple[tuple[str, str, str], ...]
    trigger: str  # the automation the script calls (its dependents run with it)
    purpose: str

    def render_conditions(self) -> str:
        t = TABLES[self.table]
        return " AND ".join(f"{t[k].name} {op} {v}" for k, op, v in self.conditions)

    def render_trigger(self) -> str:
        """The trigger as the coach sets it up (the checklist and scripts.airtable_automations say it so)."""
        table = TABLES[self.table].name
        return f"When a record matches conditions, table {table}, where {self.render_conditions()}"


AIRTABLE_AUTOMATIONS: list[AirtableAutomationSpec] = [
    AirtableAutomationSpec(
        "Leadership OS: deliver approved messages",
        "messages",
        (("status", "is", "Approved"), ("claim_token", "is not", CLAIM_QUEUED)),
        "deliver-approved-messages",
        "sends a message (and applies an approved associate proposal) as soon as you approve it. The webhook "
        "does not watch Messages, so the functions' own message writes cost no Airtable calls; without this "
        "automation an approved message waits for the daily send-due job",
    ),
]


def automation_lines(a: AirtableAutomationSpec) -> list[str]:
    return [
        f"- [ ] **{a.name}**: {a.purpose}.",
        f"  - Trigger: {a.render_trigger()}",
        "  - Action: Run a script, input variable `recordId` = the trigger record's Airtable record ID, the "
        f'script of "Airtable Automation → Run a script" above with the path `/api/triggers/{a.trigger}` '
        f"(`python -m scripts.airtable_automations` prints it filled in)",
    ]


def views_for(table: str) -> list[ViewSpec]:
    return [v for v in VIEWS if v.table == table]


def field_references() -> Iterator[tuple[str, str, str]]:
    """(where, table key, field key) of every field the checklist names."""
    for v in VIEWS:
        for key in v.field_refs():
            yield f"view {v.name}", v.table, key
    for i in INTERFACES:
        for e in i.elements:
            for key in e.field_refs():
                yield f"interface {i.name} / {e.title}", e.table, key


def _names(table: str, keys: str) -> str:
    return ", ".join(TABLES[table][k].name for k in keys.split())


def _view_lines(v: ViewSpec) -> list[str]:
    kind = {"kanban": "Kanban", "calendar": "Calendar", "grid": "Grid", "gallery": "Gallery"}.get(
        v.type, v.type
    )
    lines = [f"- [ ] **{v.name}** ({kind} view): {v.purpose}"]
    if v.group_by:
        lines.append(f"  - Stack by: {TABLES[v.table][v.group_by].name}")
    if v.date_field:
        lines.append(f"  - Date field: {TABLES[v.table][v.date_field].name}")
    if v.fields:
        label = "Fields shown (hide the others)" if v.type == "grid" else "Cards show"
        lines.append(f"  - {label}: {_names(v.table, v.fields)}")
    if v.sort:
        sort = ", ".join(f"{TABLES[v.table][k].name} ({d})" for k, d in v.sort)
        lines.append(f"  - Sort: {sort}")
    if v.filters:
        lines.append(f"  - Filter: {' AND '.join(f.render(v.table) for f in v.filters)}")
    if v.color:
        lines.append(f"  - Colour: {v.color.render(v.table)}")
    if v.note:
        lines.append(f"  - Note: {v.note}")
    return lines


def _interface_lines(i: InterfaceSpec) -> list[str]:
    lines = [f"- [ ] **{i.name}** ({i.layout}; access: {i.access})"]
    for e in i.elements:
        text = f"  - {e.title}: {e.kind} on {TABLES[e.table].name}"
        if e.fields:
            text += f" showing {_names(e.table, e.fields)}"
        if e.filters:
            text += f", where {' AND '.join(f.render(e.table) for f in e.filters)}"
        if e.summary:
            text += f" ({e.summary})"
        lines.append(text)
    if i.note:
        lines.append(f"  - Note: {i.note}")
    return lines


def render_markdown(heading_level: int = 2) -> str:
    """The checklist as Markdown for the README (one checkbox per view and Interface)."""
    h = "#" * heading_level
    out = [
        f"{h} Manual setup checklist: views and Interfaces",
        "",
        "Airtable's API cannot create views or Interfaces, so these are made by hand once, after "
        "`python -m scripts.setup_base`. `python -m scripts.check_views` reports which views exist.",
        "",
        f"{h}# Views",
    ]
    for table in dict.fromkeys(v.table for v in VIEWS):
        out += ["", f"**{TABLES[table].name}**", ""]
        for v in views_for(table):
            out += _view_lines(v)
    out += ["", f"{h}# Interfaces", ""]
    for i in INTERFACES:
        out += _interface_lines(i)
    out += ["", f"{h}# Airtable Automations", ""]
    for a in AIRTABLE_AUTOMATIONS:
        out += automation_lines(a)
    out += [
        "",
        "Not these: the three simple Airtable Automations of the requirements (new-lead email, session "
        "reminder, overdue action items) belong to the functions, and building them as well would send "
        "every email twice.",
        "",
    ]
    return "\n".join(out)
