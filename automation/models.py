"""Typed records: one Pydantic model per table, attribute names = field keys from schema/tables.py.

The gateway parses every record it reads into these once, at the boundary (STYLE.md habit 4); a test walks
schema/tables.py so the two never drift. Empty cells are None (or False / [] for checkboxes, multiple
selects and links), as Airtable omits them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, PrivateAttr

from schema import tables
from schema.model import TableDef


def _as_utc(value: datetime) -> datetime:
    """dateTimes are instants in UTC; a naive value is taken as UTC."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


UtcDateTime = Annotated[datetime, AfterValidator(_as_utc)]

# Field type -> attribute type (APP-CONTRACT.md). Percent 0.25 = 25 %; duration in seconds.
Text = str | None  # singleLineText, email, url, phoneNumber, multilineText
Number = float | None  # number, currency, percent, duration
Rating = int | None
Checkbox = bool
Date = date | None
DateTime = UtcDateTime | None
Select = str | None
Multi = list[str]  # multipleSelects
Links = list[str]  # multipleRecordLinks: record ids


class Record(BaseModel):
    """A record of one table: its id, created time and one attribute per field key."""

    model_config = ConfigDict(extra="ignore")

    TABLE: ClassVar[TableDef]
    id: str
    created_time: DateTime = None
    # Keys actually read when the record came from a read limited to some fields (None: all of them);
    # an attribute not read holds its default, which says nothing about the base.
    _loaded: frozenset[str] | None = PrivateAttr(default=None)

    def was_read(self, key: str) -> bool:
        """Whether the attribute reflects the base (False for a field left out of a `fields=` read)."""
        return self._loaded is None or key in self._loaded

    def values(self) -> dict[str, object]:
        """Field values by key (without id and created time)."""
        return {k: getattr(self, k) for k in type(self).model_fields if k not in ("id", "created_time")}


class Lead(Record):
    """A record of Leads."""

    TABLE: ClassVar[TableDef] = tables.LEADS
    name: Text = None
    email: Text = None
    phone: Text = None
    company: Text = None
    title: Text = None
    lead_source: Select = None
    source_detail: Text = None
    lead_score: Number = None
    score_tier: Select = None
    score_breakdown: Text = None
    scored_at: DateTime = None
    status: Select = None
    first_contact: Date = None
    last_contact: Date = None
    next_action: Text = None
    nurture_sequence: Select = None
    nurture_step: Number = None
    follow_up_due: Date = None
    notes: Text = None
    company_size: Number = None
    industry: Text = None
    timeline: Select = None
    replies: Number = None
    meetings: Number = None
    last_engagement: Date = None
    email_status: Select = None
    duplicate_of: Links = []
    deals: Links = []
    created_date: Date = None
    messages: Links = []


class Deal(Record):
    """A record of Deals."""

    TABLE: ClassVar[TableDef] = tables.DEALS
    deal_name: Text = None
    lead: Links = []
    client: Links = []
    deal_value: Number = None
    pipeline_stage: Select = None
    probability: Number = None
    weighted_value: Number = None
    expected_close: Date = None
    actual_close: Date = None
    lost_reason: Text = None
    commission: Number = None
    probability_override: Number = None
    proposal_sent: Date = None
    contract_sent: Date = None
    next_steps: Text = None
    created_date: Date = None
    closed_by: Links = []
    stage_changed_at: DateTime = None
    stage_history: Text = None
    notes: Text = None
    package: Links = []
    messages: Links = []


class Client(Record):
    """A record of Clients."""

    TABLE: ClassVar[TableDef] = tables.CLIENTS
    name: Text = None
    email: Text = None
    phone: Text = None
    company: Text = None
    status: Select = None
    start_date: Date = None
    package: Links = []
    last_contact: Date = None
    health_score: Number = None
    health_breakdown: Text = None
    health_trend: Select = None
    risk_level: Select = None
    satisfaction: Number = None
    usage_freq: Number = None
    last_session: Date = None
    next_session_date: Date = None
    notes_summary: Text = None
    ltv: Number = None
    referral_src: Text = None
    associate: Links = []
    focus_areas: Multi = []
    ai_consent: Checkbox = False
    email_opt_out: Checkbox = False
    email_status: Select = None
    stripe_customer_id: Text = None
    created_date: Date = None
    deals: Links = []
    sessions: Links = []
    action_items: Links = []
    invoices: Links = []
    messages: Links = []


class Session(Record):
    """A record of Coaching Sessions."""

    TABLE: ClassVar[TableDef] = tables.SESSIONS
    name: Text = None
    client: Links = []
    associate: Links = []
    session_date: DateTime = None
    duration: Number = None
    session_type: Select = None
    status: Select = None
    pre_work_done: Checkbox = False
    raw_notes: Text = None
    key_outcomes: Text = None
    action_items: Links = []
    satisfaction: Rating = None
    next_session: DateTime = None
    invoice_status: Select = None
    invoice: Links = []
    notes_summary: Text = None
    notes_status: Select = None
    notes_sent: Checkbox = False
    recording_link: Text = None
    completion: Number = None
    leadership_models: Links = []
    reminder_sent: Checkbox = False
    next_topics: Text = None
    notes_receipts: Text = None
    prompt_version: Text = None
    messages: Links = []


class LeadershipModel(Record):
    """A record of Leadership Models."""

    TABLE: ClassVar[TableDef] = tables.MODELS
    title: Text = None
    category: Select = None
    description: Text = None
    use_cases: Text = None
    resources: Text = None
    usage_count: Number = None
    effectiveness: Number = None
    last_used: Date = None
    created_date: Date = None
    updated_date: Date = None
    version: Text = None
    active: Checkbox = False
    sessions: Links = []


class Associate(Record):
    """A record of Associates."""

    TABLE: ClassVar[TableDef] = tables.ASSOCIATES
    name: Text = None
    email: Text = None
    phone: Text = None
    specialty: Multi = []
    certification_level: Select = None
    performance: Select = None
    quality_score: Number = None
    client_load: Number = None
    max_clients: Number = None
    commission_pct: Number = None
    status: Select = None
    hire_date: Date = None
    last_review: Date = None
    onboarding_progress: Number = None
    clients: Links = []
    sessions: Links = []
    deals_closed: Links = []


class ActionItem(Record):
    """A record of Action Items."""

    TABLE: ClassVar[TableDef] = tables.ACTION_ITEMS
    description: Text = None
    client: Links = []
    session: Links = []
    due_date: Date = None
    priority: Select = None
    status: Select = None
    assigned_to: Select = None
    created_date: Date = None
    completed_date: Date = None
    follow_up_req: Checkbox = False
    client_visible: Checkbox = False
    notes: Text = None
    reminder_sent: Checkbox = False
    source_key: Text = None
    tentative: Checkbox = False
    receipt: Text = None


class Invoice(Record):
    """A record of Invoices."""

    TABLE: ClassVar[TableDef] = tables.INVOICES
    invoice_number: Text = None
    client: Links = []
    sessions: Links = []
    period: Text = None
    amount: Number = None
    tax_amount: Number = None
    late_fees: Number = None
    total: Number = None
    associate_cut: Number = None
    date_created: Date = None
    date_sent: Date = None
    due_date: Date = None
    status: Select = None
    payment_date: Date = None
    payment_method: Select = None
    stripe_id: Text = None
    payment_link: Text = None
    notes: Text = None
    dedupe_key: Text = None
    messages: Links = []


class Package(Record):
    """A record of Packages."""

    TABLE: ClassVar[TableDef] = tables.PACKAGES
    name: Text = None
    billing: Select = None
    price: Number = None
    sessions_per_month: Number = None
    session_length: Number = None
    active: Checkbox = False
    description: Text = None
    clients: Links = []
    deals: Links = []


class Message(Record):
    """A record of Messages."""

    TABLE: ClassVar[TableDef] = tables.MESSAGES
    title: Text = None
    kind: Select = None
    channel: Select = None
    recipient: Text = None
    recipient_name: Text = None
    subject: Text = None
    body: Text = None
    body_html: Text = None
    status: Select = None
    lead: Links = []
    client: Links = []
    session: Links = []
    invoice: Links = []
    deal: Links = []
    dedupe_key: Text = None
    send_after: DateTime = None
    sent_at: DateTime = None
    provider_id: Text = None
    error: Text = None
    claim_token: Text = None
    claimed_at: DateTime = None
    created_at: DateTime = None


class Run(Record):
    """A record of Automation Runs."""

    TABLE: ClassVar[TableDef] = tables.RUNS
    run: Text = None
    job: Text = None
    trigger: Select = None
    started: DateTime = None
    duration_ms: Number = None
    records_read: Number = None
    records_written: Number = None
    api_calls: Number = None
    outcome: Select = None
    mode: Select = None
    error: Text = None
    details: Text = None


class Setting(Record):
    """A record of Settings."""

    TABLE: ClassVar[TableDef] = tables.SETTINGS
    key: Text = None
    value: Text = None
    description: Text = None
    category: Select = None


class StateEntry(Record):
    """A record of System State."""

    TABLE: ClassVar[TableDef] = tables.SYSTEM_STATE
    key: Text = None
    value: Text = None
    updated_at: DateTime = None


MODELS: dict[str, type[Record]] = {
    m.TABLE.key: m
    for m in (
        Lead,
        Deal,
        Client,
        Session,
        LeadershipModel,
        Associate,
        ActionItem,
        Invoice,
        Package,
        Message,
        Run,
        Setting,
        StateEntry,
    )
}
