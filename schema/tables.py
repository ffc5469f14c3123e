"""The base as code: the eight tables of the requirements plus the five automation needs (DESIGN.md §4).

Field names are what the coach sees; keys are what the code uses. Formula, rollup, lookup and count
fields cannot be created through the API, so values the automation needs are plain fields it writes.
"""

from __future__ import annotations

from schema.model import (
    TableDef,
    checkbox,
    currency,
    date,
    datetime,
    duration,
    email,
    link,
    long_text,
    multi_select,
    number,
    percent,
    phone,
    rating,
    select,
    text,
    url,
)

LEAD_SOURCES = [
    "Referral",
    "Networking Event",
    "Website",
    "LinkedIn",
    "Social Media",
    "Speaking",
    "Podcast",
    "Other",
]
LEAD_STATUSES = [
    "New",
    "Contacted",
    "Engaged",
    "Qualified",
    "Proposal",
    "Converted",
    "Nurture",
    "Lost",
    "Unsubscribed",
]
SCORE_TIERS = ["Hot", "Warm", "Cool", "Cold"]
NURTURE_SEQUENCES = ["Hot", "Warm", "Cool", "Cold", "Paused", "Stopped"]
TIMELINES = ["Immediate", "1-3 months", "3-6 months", "6+ months", "Unknown"]
EMAIL_STATUSES = ["Unverified", "Valid", "Bounced", "Spam Report", "Invalid"]
PIPELINE_STAGES = ["Lead", "Prospect", "Qualified", "Proposal", "Negotiation", "Closed Won", "Closed Lost"]
CLIENT_STATUSES = ["Active", "Paused", "Completed", "Churned"]
RISK_LEVELS = ["Low", "Medium", "High"]
HEALTH_TRENDS = ["Improving", "Stable", "Declining", "New"]
FOCUS_AREAS = [
    "Executive Presence",
    "Team Leadership",
    "Strategic Thinking",
    "Communication",
    "Change Management",
    "Emotional Intelligence",
    "Career Transition",
    "Conflict Resolution",
    "Performance Management",
    "Work-Life Balance",
]
SESSION_TYPES = ["Discovery", "Coaching", "Strategy", "Check-in", "Workshop"]
SESSION_STATUSES = ["Scheduled", "Completed", "Cancelled", "No-show"]
INVOICE_STATUSES_ON_SESSION = ["Not Invoiced", "Invoiced", "Paid", "Waived"]
NOTES_STATUSES = ["Pending", "Drafted", "Approved", "Sent"]
MODEL_CATEGORIES = ["Self-Leadership", "Team", "Strategy", "Communication", "Change", "Performance"]
CERTIFICATION_LEVELS = ["Foundation", "Practitioner", "Senior", "Master"]
PERFORMANCE_LEVELS = ["Excellent", "Good", "Needs Support", "New"]
ASSOCIATE_STATUSES = ["Onboarding", "Active", "Paused", "Inactive"]
PRIORITIES = ["High", "Medium", "Low"]
ACTION_ITEM_STATUSES = ["Open", "In Progress", "Complete", "Cancelled"]
ASSIGNEES = ["Client", "Coach", "Associate"]
INVOICE_STATUSES = ["Draft", "Sent", "Paid", "Overdue", "Void"]
PAYMENT_METHODS = ["Card", "Bank Transfer", "Cash", "Other"]
BILLING_KINDS = ["Per Session", "Monthly Retainer"]
MESSAGE_KINDS = [
    "First Touch",
    "Nurture Email",
    "Hot Lead Alert",
    "Reply Alert",
    "Lost Reason Request",
    "Deal Stage Check",
    "Session Notes",
    "Session Reminder",
    "Action Item Reminder",
    "Follow-up Reminder",
    "Invoice",
    "Payment Reminder",
    "Payout Statement",
    "Health Alert",
    "Associate Proposal",
    "Associate Assignment",
    "Onboarding Reminder",
    "Associate Alert",
    "Booking Conflict",
    "Satisfaction Survey",
    "New Lead Notice",
    "Daily Brief",
    "Weekly Report",
    "System Alert",
]
MESSAGE_CHANNELS = ["Email", "Slack"]
MESSAGE_STATUSES = ["Draft", "Approved", "Sending", "Sent", "Failed", "Cancelled"]
# Claim Token of a message the functions stored Approved themselves (a reminder batch, a scheduled send): the
# job that composed it or send-due delivers it; the coach's Airtable Automation skips it (schema/views.py).
CLAIM_QUEUED = "queued"
RUN_TRIGGERS = ["Webhook", "Trigger", "Cron", "Stripe", "SendGrid", "Manual"]
RUN_OUTCOMES = ["Success", "Partial", "Failed"]
AUTOMATION_MODES = ["Live", "Shadow", "Paused"]
SETTING_CATEGORIES = [
    "General",
    "Scoring",
    "Nurture",
    "Pipeline",
    "Sessions",
    "Health",
    "Associates",
    "Billing",
    "Messages",
    "AI",
    "Reports",
]

LEADS = TableDef(
    "leads",
    "Leads",
    [
        text("name", "Name"),
        email("email", "Email"),
        phone("phone", "Phone"),
        text("company", "Company"),
        text("title", "Title"),
        select("lead_source", "Lead Source", LEAD_SOURCES),
        text("source_detail", "Source Detail", "Which event, referrer or page the lead came from."),
        text(
            "form_address",
            "Form Address",
            "A keyed hash of the address the website form came from (its rate limit across instances); never"
            " the address itself.",
        ),
        number("lead_score", "Lead Score", description="1-100, computed by the automation."),
        select("score_tier", "Score Tier", SCORE_TIERS),
        long_text("score_breakdown", "Score Breakdown", "One line per scoring component with its points."),
        datetime("scored_at", "Scored At"),
        select("status", "Status", LEAD_STATUSES),
        date("first_contact", "First Contact"),
        date("last_contact", "Last Contact"),
        text("next_action", "Next Action"),
        select("nurture_sequence", "Nurture Sequence", NURTURE_SEQUENCES),
        number("nurture_step", "Nurture Step"),
        date("follow_up_due", "Follow-up Due"),
        long_text("notes", "Notes"),
        number("company_size", "Company Size", description="Number of employees."),
        text("industry", "Industry"),
        select("timeline", "Timeline", TIMELINES),
        number("replies", "Replies"),
        number("meetings", "Meetings"),
        date("last_engagement", "Last Engagement"),
        select("email_status", "Email Status", EMAIL_STATUSES),
        link(
            "duplicate_of",
            "Duplicate Of",
            "leads",
            None,
            "Another lead with the same email (flagged, never merged).",
        ),
        link("deals", "Deals", "deals", "lead"),
        date("created_date", "Created Date"),
        link("messages", "Messages", "messages", "lead"),
    ],
)

DEALS = TableDef(
    "deals",
    "Deals",
    [
        text("deal_name", "Deal Name"),
        link("lead", "Lead", "leads", "deals"),
        link("client", "Client", "clients", "deals"),
        currency("deal_value", "Deal Value"),
        select("pipeline_stage", "Pipeline Stage", PIPELINE_STAGES),
        percent("probability", "Probability %"),
        currency("weighted_value", "Weighted Value"),
        date("expected_close", "Expected Close"),
        date("actual_close", "Actual Close"),
        long_text("lost_reason", "Lost Reason"),
        currency("commission", "Commission $"),
        percent(
            "probability_override",
            "Probability Override",
            description="Typed by the coach; wins over the stage default.",
        ),
        date("proposal_sent", "Proposal Sent"),
        date("contract_sent", "Contract Sent"),
        long_text("next_steps", "Next Steps"),
        date("created_date", "Created Date"),
        link("closed_by", "Closed By", "associates", "deals_closed"),
        datetime("stage_changed_at", "Stage Changed At"),
        long_text(
            "stage_history", "Stage History", "Machine-written: one line per stage change (stage, date)."
        ),
        long_text("notes", "Notes"),
        link("package", "Package", "packages", "deals"),
        link("messages", "Messages", "messages", "deal"),
    ],
)

CLIENTS = TableDef(
    "clients",
    "Clients",
    existing=True,
    fields=[
        text("name", "Name"),
        email("email", "Email"),
        phone("phone", "Phone"),
        text("company", "Company"),
        text(
            "time_zone",
            "Time Zone",
            "Where the client lives (America/New_York, Sydney, EST): the session times she is sent "
            "are on this clock; empty: the business's time zone.",
        ),
        select("status", "Status", CLIENT_STATUSES),
        date("start_date", "Start Date"),
        date(
            "paused_on",
            "Paused On",
            "The day the last pause began: filled by the health job when it finds the client Paused; "
            "type it for a break it did not see.",
        ),
        date(
            "resumed_on",
            "Resumed On",
            "The day the client was set going after that pause: filled by the health job when it finds "
            "her no longer Paused; type it for a break it did not see.",
        ),
        link("package", "Package", "packages", "clients"),
        date("last_contact", "Last Contact"),
        number("health_score", "Health Score", description="0-100, computed by the automation."),
        number(
            "previous_health_score",
            "Previous Health Score",
            description="The score before the last change: Health Trend compares against it.",
        ),
        date("health_changed", "Health Changed", "The day Health Score last changed (the weekly movers)."),
        long_text("health_breakdown", "Health Breakdown", "One line per health component: points, evidence."),
        select("health_trend", "Health Trend", HEALTH_TRENDS),
        select("risk_level", "Risk Level", RISK_LEVELS),
        number("satisfaction", "Satisfaction", 1, "Average of recent session ratings (1-5)."),
        number("usage_freq", "Usage Freq", 1, "Completed sessions per month over the last 90 days."),
        date("last_session", "Last Session"),
        date("next_session_date", "Next Session Date"),
        long_text("notes_summary", "Notes Summary"),
        currency("ltv", "LTV"),
        text("referral_src", "Referral Src"),
        link("associate", "Associate", "associates", "clients"),
        checkbox(
            "reassign_associate",
            "Reassign Associate",
            "Tick to have a new associate proposed; cleared when the coach approves the proposal.",
        ),
        multi_select("focus_areas", "Focus Areas", FOCUS_AREAS),
        text("results_measure", "Results Measure", "Results ledger: what the client came to change."),
        number("baseline", "Baseline", 1, "Results ledger: the measure when coaching started."),
        number("goal", "Goal", 1, "Results ledger: the value the client is aiming for."),
        number("current", "Current", 1, "Results ledger: the latest value of the measure."),
        checkbox(
            "ai_consent", "AI Consent", "Client agreed that an AI service may process their session notes."
        ),
        checkbox("email_opt_out", "Email Opt Out", "Client asked not to receive emails."),
        select("email_status", "Email Status", EMAIL_STATUSES),
        text("stripe_customer_id", "Stripe Customer ID"),
        date("created_date", "Created Date"),
        link("deals", "Deals", "deals", "client"),
        link("sessions", "Sessions", "sessions", "client"),
        link("action_items", "Action Items", "action_items", "client"),
        link("invoices", "Invoices", "invoices", "client"),
        link("messages", "Messages", "messages", "client"),
    ],
)

SESSIONS = TableDef(
    "sessions",
    "Coaching Sessions",
    existing=True,
    fields=[
        text("name", "Name"),
        link("client", "Client", "clients", "sessions"),
        link("associate", "Associate", "associates", "sessions"),
        datetime("session_date", "Session Date"),
        duration("duration", "Duration"),
        select("session_type", "Session Type", SESSION_TYPES),
        select("status", "Status", SESSION_STATUSES),
        checkbox("pre_work_done", "Pre-Work Done"),
        long_text("raw_notes", "Raw Notes", "The coach's rough notes or transcript: the AI input."),
        long_text("key_outcomes", "Key Outcomes"),
        link("action_items", "Action Items", "action_items", "session"),
        rating("satisfaction", "Satisfaction", 5),
        datetime("next_session", "Next Session"),
        select("invoice_status", "Invoice Status", INVOICE_STATUSES_ON_SESSION),
        link("invoice", "Invoice", "invoices", "sessions"),
        long_text("notes_summary", "Notes Summary"),
        select("notes_status", "Notes Status", NOTES_STATUSES),
        checkbox("notes_sent", "Notes Sent"),
        url("recording_link", "Recording Link"),
        percent("completion", "Completion %"),
        link("leadership_models", "Leadership Models", "models", "sessions"),
        checkbox("reminder_sent", "Reminder Sent"),
        datetime(
            "reminded_for",
            "Reminded For",
            description="Machine-written: the start time the last reminder's calendar invitation gave.",
        ),
        number(
            "invite_sequence", "Invite Sequence", description="Machine-written: the invitation's SEQUENCE."
        ),
        long_text(
            "invited",
            "Invited",
            "Machine-written: the addresses the last invitation went to (client, host): a change of who is "
            "in the session sends them the update and the person taken off a cancellation.",
        ),
        long_text("conflict", "Conflict", "Machine-written: the overlapping Scheduled session(s), if any."),
        text("booking_ref", "Booking Ref", "The scheduling service's id (Calendly invitee URI)."),
        datetime(
            "cancelled_at",
            "Cancelled At",
            description="When the session was cancelled: Calendly's cancellation time, or when it was set "
            "Cancelled here. A cancellation within billing.late_cancel_hours of the start is charged as a "
            "late one; clear it (or correct it) to bill the session as cancelled in good time.",
        ),
        long_text("satisfaction_comment", "Satisfaction Comment", "The client's comment from the survey."),
        long_text("next_topics", "Next Topics"),
        long_text(
            "notes_receipts", "Notes Receipts", "What the notes stated, what was inferred, what is missing."
        ),
        text("prompt_version", "Prompt Version"),
        link("messages", "Messages", "messages", "session"),
    ],
)

MODELS = TableDef(
    "models",
    "Leadership Models",
    existing=True,
    fields=[
        text("title", "Title"),
        select("category", "Category", MODEL_CATEGORIES),
        long_text("description", "Description"),
        long_text("use_cases", "Use Cases"),
        long_text("resources", "Resources"),
        number("usage_count", "Usage Count"),
        number("effectiveness", "Effectiveness", 1, "Average satisfaction of sessions that used the model."),
        date("last_used", "Last Used"),
        date("created_date", "Created Date"),
        date("updated_date", "Updated Date"),
        text("version", "Version"),
        checkbox("active", "Active"),
        link("sessions", "Sessions", "sessions", "leadership_models"),
        text("aliases", "Aliases", "Other names the notes use for it, comma-separated (e.g. Karpman, SLII)."),
    ],
)

# The associate onboarding checklist: one checkbox each; Onboarding Progress is the share ticked.
ONBOARDING_CHECKLIST = [
    checkbox("onb_agreement", "Onboarding: Agreement Signed"),
    checkbox("onb_methodology", "Onboarding: Methodology Training"),
    checkbox("onb_systems", "Onboarding: Systems Access"),
    checkbox("onb_shadowing", "Onboarding: Shadowed Sessions"),
    checkbox("onb_supervised", "Onboarding: Supervised Session"),
    checkbox("onb_review", "Onboarding: Sign-off Review"),
]

ASSOCIATES = TableDef(
    "associates",
    "Associates",
    existing=True,
    fields=[
        text("name", "Name"),
        email("email", "Email"),
        phone("phone", "Phone"),
        text(
            "time_zone",
            "Time Zone",
            "Where the associate lives (America/New_York, Sydney, EST): the session times she is sent "
            "are on this clock; empty: the business's time zone.",
        ),
        multi_select("specialty", "Specialty", FOCUS_AREAS),
        select("certification_level", "Certification Level", CERTIFICATION_LEVELS),
        select("performance", "Performance", PERFORMANCE_LEVELS),
        number("quality_score", "Quality Score", 2, "Average client satisfaction on their sessions (1-5)."),
        number("client_load", "Client Load", description="Active clients assigned."),
        number("max_clients", "Max Clients"),
        percent("commission_pct", "Commission %"),
        select("status", "Status", ASSOCIATE_STATUSES),
        date("hire_date", "Hire Date"),
        date("last_review", "Last Review"),
        percent(
            "onboarding_progress",
            "Onboarding Progress",
            description="Share of the onboarding checklist done.",
        ),
        *ONBOARDING_CHECKLIST,
        number("quality_count", "Quality Count", description="Rated sessions behind the Quality Score."),
        number("sessions_per_week", "Sessions Per Week", 1, "Completed sessions per week, last 90 days."),
        number(
            "notes_days", "Notes Days", 1, "Average days from a completed session to its notes being sent."
        ),
        long_text("performance_summary", "Performance Summary", "One line: quality, load, pace, notes."),
        long_text("flags", "Flags", "What needs the coach's attention (quality, load)."),
        link("clients", "Clients", "clients", "associate"),
        link("sessions", "Sessions", "sessions", "associate"),
        link("deals_closed", "Deals Closed", "deals", "closed_by"),
        link("messages", "Messages", "messages", "associate"),
    ],
)

ACTION_ITEMS = TableDef(
    "action_items",
    "Action Items",
    existing=True,
    fields=[
        text("description", "Description"),
        link("client", "Client", "clients", "action_items"),
        link("session", "Session", "sessions", "action_items"),
        date("due_date", "Due Date"),
        select("priority", "Priority", PRIORITIES),
        select("status", "Status", ACTION_ITEM_STATUSES),
        select("assigned_to", "Assigned To", ASSIGNEES),
        date("created_date", "Created Date"),
        date("completed_date", "Completed Date"),
        checkbox("follow_up_req", "Follow-up Req"),
        checkbox("client_visible", "Client Visible"),
        long_text("notes", "Notes"),
        checkbox("reminder_sent", "Reminder Sent"),
        date("reminded_on", "Reminded On", "Machine-written: when the last overdue reminder went out."),
        text("source_key", "Source Key", "Dedupe key of items extracted from session notes."),
        checkbox(
            "tentative",
            "Tentative",
            "A hedged commitment (might, maybe, considering): kept, never chased as a commitment.",
        ),
        long_text("receipt", "Receipt", "The sentence of the notes the item came from; what was inferred."),
    ],
)

INVOICES = TableDef(
    "invoices",
    "Invoices",
    [
        text("invoice_number", "Invoice #"),
        link("client", "Client", "clients", "invoices"),
        link("sessions", "Sessions", "sessions", "invoice"),
        text("period", "Period", "Billing period, e.g. 2026-11."),
        currency("amount", "Amount"),
        currency("tax_amount", "Tax Amount"),
        currency("late_fees", "Late Fees"),
        currency("total", "Total"),
        currency("associate_cut", "Associate Cut"),
        currency(
            "refunded",
            "Refunded",
            description="Money given back on it (Stripe refunds, a lost dispute): LTV and revenue count "
            "Total minus Refunded.",
        ),
        date("date_created", "Date Created"),
        date("date_sent", "Date Sent"),
        date("due_date", "Due Date"),
        select("status", "Status", INVOICE_STATUSES),
        date("payment_date", "Payment Date"),
        select("payment_method", "Payment Method", PAYMENT_METHODS),
        text("stripe_id", "Stripe ID"),
        url("payment_link", "Payment Link"),
        long_text("notes", "Notes"),
        text("dedupe_key", "Dedupe Key", "Client + period: one invoice per client and period."),
        long_text(
            "lines",
            "Lines",
            "Machine-written, one item per line: amount | session | associate | description.",
        ),
        text("reminders", "Reminders", "Machine-written: payment reminders sent (days from the due date)."),
        link("messages", "Messages", "messages", "invoice"),
    ],
)

PACKAGES = TableDef(
    "packages",
    "Packages",
    [
        text("name", "Name"),
        select("billing", "Billing", BILLING_KINDS),
        currency("price", "Price", description="Per session, or per month for a retainer."),
        number("sessions_per_month", "Sessions Per Month", 1),
        duration("session_length", "Session Length"),
        checkbox("active", "Active"),
        long_text("description", "Description"),
        link("clients", "Clients", "clients", "package"),
        link("deals", "Deals", "deals", "package"),
    ],
)

MESSAGES = TableDef(
    "messages",
    "Messages",
    [
        text("title", "Title"),
        select("kind", "Kind", MESSAGE_KINDS),
        select("channel", "Channel", MESSAGE_CHANNELS),
        text("recipient", "Recipient", "Email address, or Slack channel."),
        text("recipient_name", "Recipient Name"),
        text("subject", "Subject"),
        long_text("body", "Body", "Plain text; the HTML version is rendered from the same content."),
        long_text("body_html", "Body HTML"),
        select("status", "Status", MESSAGE_STATUSES),
        link("lead", "Lead", "leads", "messages"),
        link("client", "Client", "clients", "messages"),
        link("session", "Session", "sessions", "messages"),
        link("invoice", "Invoice", "invoices", "messages"),
        link("deal", "Deal", "deals", "messages"),
        link("associate", "Associate", "associates", "messages"),
        text("dedupe_key", "Dedupe Key"),
        datetime("send_after", "Send After"),
        datetime("sent_at", "Sent At"),
        text("provider_id", "Provider ID"),
        long_text("error", "Error"),
        long_text("invitation", "Invitation", "A calendar invitation (iCalendar text) sent as invite.ics."),
        text("claim_token", "Claim Token"),
        datetime("claimed_at", "Claimed At"),
        datetime("created_at", "Created At"),
        long_text(
            "generated_body",
            "Generated Body",
            "The body as drafted: the coach's edits are measured (Edit Ratio) and never overwritten.",
        ),
        percent("edit_ratio", "Edit Ratio", 0, "How much of the drafted body the coach changed."),
    ],
)

RUNS = TableDef(
    "runs",
    "Automation Runs",
    [
        text("run", "Run"),
        text("job", "Job"),
        select("trigger", "Trigger", RUN_TRIGGERS),
        datetime("started", "Started"),
        number("duration_ms", "Duration (ms)"),
        number("records_read", "Records Read"),
        number("records_written", "Records Written"),
        number("api_calls", "API Calls"),
        select("outcome", "Outcome", RUN_OUTCOMES),
        select("mode", "Mode", AUTOMATION_MODES),
        long_text("error", "Error"),
        long_text("details", "Details", "Record ids, reasons and intended writes; never client content."),
    ],
)

SETTINGS = TableDef(
    "settings",
    "Settings",
    [
        text("key", "Key"),
        long_text("value", "Value"),
        long_text("description", "Description"),
        select("category", "Category", SETTING_CATEGORIES),
    ],
)

SYSTEM_STATE = TableDef(
    "system_state",
    "System State",
    [
        text("key", "Key"),
        long_text("value", "Value"),
        datetime("updated_at", "Updated At"),
    ],
)

# Dependency order: a table's links point only to tables created before it or to itself; setup_base still
# creates link fields in a second pass, once both sides exist.
ALL_TABLES: list[TableDef] = [
    PACKAGES,
    ASSOCIATES,
    MODELS,
    LEADS,
    CLIENTS,
    DEALS,
    SESSIONS,
    ACTION_ITEMS,
    INVOICES,
    MESSAGES,
    RUNS,
    SETTINGS,
    SYSTEM_STATE,
]
TABLES: dict[str, TableDef] = {t.key: t for t in ALL_TABLES}
