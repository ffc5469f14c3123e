"""The daily brief's rules on hand-made records: the business day's edges, open items, amounts owed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from automation.models import ActionItem, Client, Invoice, Session
from automation.reports.brief import BriefInputs, build_brief
from automation.settings import settings_from_mapping

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 6, 10, 6, 0, tzinfo=UTC)  # Wednesday 07:00 BST
JO = Client(id="recC", name="Jo Bloggs", status="Active")


def _brief(**inputs) -> dict[str, list[str]]:
    sections = build_brief(BriefInputs(clients=[JO], **inputs), NOW, LONDON, settings_from_mapping({}))
    return {s.title: s.bullets for s in sections}


def test_brief__sessions_fall_on_the_business_days_date_not_utcs() -> None:
    late_tonight = Session(
        id="recS1",
        status="Scheduled",
        client=["recC"],
        session_date=datetime(2026, 6, 10, 22, 30, tzinfo=UTC),
    )  # 23:30 BST today
    after_midnight = Session(
        id="recS2",
        status="Scheduled",
        client=["recC"],
        session_date=datetime(2026, 6, 10, 23, 30, tzinfo=UTC),
    )  # 00:30 BST tomorrow
    cancelled = Session(id="recS3", status="Cancelled", client=["recC"],
                        session_date=datetime(2026, 6, 10, 12, 0, tzinfo=UTC))  # fmt: skip
    assert _brief(sessions=[after_midnight, cancelled, late_tonight]) == {
        "Today's sessions (1)": ["23:30 BST Jo Bloggs (session)"],
        "Tomorrow's sessions (1)": ["00:30 BST Jo Bloggs (session)"],
    }


def test_brief__session_times_carry_the_zone_as_the_emails_do() -> None:
    """The night the clocks go back, 01:30 comes twice: the brief's lines tell the two sessions apart by
    their zone, as the client's and associate's emails do (an associate elsewhere reads "14:00 GMT" on the
    business's clock)."""
    night = datetime(2026, 10, 24, 6, 0, tzinfo=UTC)  # Saturday; UK clocks go back early on Sunday the 25th
    first = Session(id="recS1", status="Scheduled", client=["recC"],
                    session_date=datetime(2026, 10, 25, 0, 30, tzinfo=UTC))  # fmt: skip
    second = Session(id="recS2", status="Scheduled", client=["recC"],
                     session_date=datetime(2026, 10, 25, 1, 30, tzinfo=UTC))  # fmt: skip
    sections = build_brief(BriefInputs(clients=[JO], sessions=[second, first]), night, LONDON,
                           settings_from_mapping({}))  # fmt: skip
    bullets = {s.title: s.bullets for s in sections}["Tomorrow's sessions (2)"]
    assert bullets == ["01:30 BST Jo Bloggs (session)", "01:30 GMT Jo Bloggs (session)"]


def test_brief__a_session_an_associate_runs_says_who_the_coachs_own_say_nothing_more() -> None:
    """The coach runs a practice of associates: each line names who runs the session (by Name, else
    Email); only the associates of today's and tomorrow's sessions are asked for."""
    from automation.models import Associate
    from automation.reports.brief import brief_associates

    def at(hour: int, day: int = 10, associate: list[str] | None = None) -> Session:
        when = datetime(2026, 6, day, hour, 0, tzinfo=UTC)
        return Session(id=f"recS{day}{hour}", status="Scheduled", client=["recC"], session_date=when,
                       associate=associate or [])  # fmt: skip

    sessions = [at(8, associate=["recA"]), at(9), at(10, day=11, associate=["recB"]), at(9, 20, ["recZ"])]
    team = [Associate(id="recA", name="Ann Lee"), Associate(id="recB", email="bo@example.com")]
    assert _brief(sessions=sessions, associates=team) == {
        "Today's sessions (2)": [
            "09:00 BST Jo Bloggs (session), run by Ann Lee",
            "10:00 BST Jo Bloggs (session)",
        ],
        "Tomorrow's sessions (1)": ["11:00 BST Jo Bloggs (session), run by bo@example.com"],
    }
    assert brief_associates(sessions, NOW, LONDON) == ["recA", "recB"]  # not recZ, ten days out


@pytest.mark.parametrize(
    ("status", "listed"),
    [(None, True), ("Open", True), ("In Progress", True), ("Complete", False), ("Cancelled", False)],
)
def test_brief__an_overdue_item_is_listed_unless_closed(status, listed) -> None:
    item = ActionItem(id="recI", description="Call the board chair", client=["recC"], status=status,
                      assigned_to="Client", due_date=date(2026, 6, 9))  # fmt: skip
    expected = {"Overdue action items (1)": ["Jo Bloggs: Call the board chair (Client, 1 day late)"]}
    assert _brief(action_items=[item]) == (expected if listed else {})


def test_brief__a_firm_item_without_a_due_date_is_listed_once_a_week_old_nothing_else_chases_it() -> None:
    """Typed by hand with no Due Date, or "before our next session" with none set: the overdue job counts
    from the due date, so nothing would ever remind anyone. Listed from 7 days (Settings), oldest first;
    a tentative, closed or dated one is not."""
    from datetime import timedelta

    def item(rid: str, days_old: int, **kw) -> ActionItem:
        return ActionItem(id=rid, description=f"Item {rid}", client=["recC"], assigned_to="Coach",
                          created_time=NOW - timedelta(days=days_old), **kw)  # fmt: skip

    items = [
        item("recA", 7),
        item("recB", 20, status="Open"),
        item("recC6", 6),
        item("recT", 30, tentative=True),
        item("recX", 30, status="Complete"),
        item("recD", 30, due_date=date(2026, 7, 1)),
    ]
    assert _brief(action_items=items) == {
        "Action items with no due date (2)": [
            "Jo Bloggs: Item recB (Coach, open 20 days, no due date: give it one or close it)",
            "Jo Bloggs: Item recA (Coach, open 7 days, no due date: give it one or close it)",
        ]
    }


def test_brief__an_overdue_invoice_shows_its_total_even_when_it_is_zero() -> None:
    credited = Invoice(id="recV1", invoice_number="INV-0007", client=["recC"], status="Sent",
                       due_date=date(2026, 6, 1), amount=450, total=0)  # fmt: skip
    no_total = Invoice(id="recV2", invoice_number="INV-0008", client=["recC"], status="Overdue",
                       due_date=date(2026, 6, 2), amount=450)  # fmt: skip
    assert _brief(invoices=[no_total, credited]) == {
        "Overdue invoices (2)": [
            "INV-0007 Jo Bloggs: £0.00 due Mon 1 Jun",
            "INV-0008 Jo Bloggs: £450.00 due Tue 2 Jun",
        ]
    }


@pytest.mark.parametrize(("currency", "shown"), [("USD", "$1,250.50"), ("JPY", "33,000 JPY")])
def test_brief__an_overdue_invoice_is_written_in_the_business_currency(currency, shown) -> None:
    amount = {"USD": 1250.5, "JPY": 33000}[currency]
    late = Invoice(id="recV3", invoice_number="INV-0009", client=["recC"], status="Overdue",
                   due_date=date(2026, 6, 2), total=amount)  # fmt: skip
    settings = settings_from_mapping({"general.currency": currency})
    sections = build_brief(BriefInputs(clients=[JO], invoices=[late]), NOW, LONDON, settings)
    assert [s.bullets for s in sections] == [[f"INV-0009 Jo Bloggs: {shown} due Tue 2 Jun"]]


def test_brief__a_failed_run_is_timed_on_the_business_clock_like_the_rest_of_the_brief() -> None:
    from automation.models import Run

    sydney = ZoneInfo("Australia/Sydney")
    now = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)  # Monday 18:00 AEDT
    runs = [
        Run(id="recR1", job="billing", outcome="Failed", started=datetime(2027, 3, 1, 2, 0, tzinfo=UTC),
            error="Stripe said no\ntraceback…"),  # 13:00 in Sydney
        Run(id="recR2", job="health", outcome="Partial", started=datetime(2027, 2, 28, 13, 30, tzinfo=UTC)),
        # a partial run names what it skipped: the brief says it (the coach acts on it), not "see the run"
        Run(id="recR4", job="billing", outcome="Partial", started=datetime(2027, 3, 1, 3, 0, tzinfo=UTC),
            details='{"problems": [{"table": "invoices", "reason": "its email was not sent"}, '
                    '{"table": "invoices", "reason": "no client linked"}], "problems_total": 2}'),
        # more than a day before the brief: yesterday's brief told it
        Run(id="recR3", job="leads", outcome="Failed", started=datetime(2027, 2, 28, 6, 0, tzinfo=UTC)),
    ]  # fmt: skip
    sections = build_brief(BriefInputs(runs=runs), now, sydney, settings_from_mapping({}))
    assert {s.title: s.bullets for s in sections} == {
        "Automation runs that failed (3)": [
            "health partial at Mon 1 Mar, 00:30 AEDT: see the run",
            "billing failed at Mon 1 Mar, 13:00 AEDT: Stripe said no",
            "billing partial at Mon 1 Mar, 14:00 AEDT: its email was not sent (and 1 more: see the run)",
        ]
    }


def test_brief__dates_and_times_are_written_as_the_coach_writes_them_not_as_iso_digits() -> None:
    """A Chicago coach reads "Mon, Jun 1" and "1:00 PM CDT" (month first, 12-hour clock, as her clients'
    reminders write them); a date of another year carries its year; none is left as "2026-06-01"."""
    from automation.models import Lead, Run

    chicago = ZoneInfo("America/Chicago")
    now = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)  # Wednesday 07:00 CDT
    late = Invoice(id="recV4", invoice_number="INV-0010", client=["recC"], status="Overdue",
                   due_date=date(2026, 6, 1), total=100)  # fmt: skip
    older = Invoice(id="recV5", invoice_number="INV-0003", client=["recC"], status="Overdue",
                    due_date=date(2025, 12, 31), total=100)  # fmt: skip
    lead = Lead(id="recL1", name="Ana Ruiz", score_tier="Warm", status="Contacted", next_action="call her",
                follow_up_due=date(2026, 6, 8))  # fmt: skip
    run = Run(id="recR5", job="billing", outcome="Failed", started=datetime(2026, 6, 9, 18, 0, tzinfo=UTC),
              error="Stripe said no")  # fmt: skip
    settings = settings_from_mapping({"general.currency": "USD"})
    inputs = BriefInputs(clients=[JO], invoices=[late, older], leads=[lead], runs=[run])
    got = {s.title: s.bullets for s in build_brief(inputs, now, chicago, settings)}
    assert got["Follow-ups due (1)"] == ["Ana Ruiz (Warm): call her, due Mon, Jun 8"]
    assert got["Overdue invoices (2)"] == [
        "INV-0003 Jo Bloggs: $100.00 due Wed, Dec 31, 2025",
        "INV-0010 Jo Bloggs: $100.00 due Mon, Jun 1",
    ]
    assert got["Automation runs that failed (1)"] == [
        "billing failed at Tue, Jun 9, 1:00 PM CDT: Stripe said no"
    ]


def test_brief__a_skipped_record_is_named_not_left_as_a_reason_without_whose() -> None:
    from automation.models import Lead, Run

    started = NOW - timedelta(hours=2)
    held = Session(id="recS9", status="Completed", session_date=datetime(2026, 6, 8, 9, 0, tzinfo=UTC))

    def run(rid: str, record: str) -> Run:
        problems = {"problems": [{"table": "t", "record": record, "reason": "no email"}]}
        return Run(id=rid, job="x", outcome="Partial", started=started, details=json.dumps(problems))

    runs = [run("recR1", "recC"), run("recR2", "recL"), run("recR3", "recS9"), run("recR4", "recGone")]
    lead = Lead(id="recL", name="Ana Lima", status="New")
    bullets = _brief(runs=runs, leads=[lead], sessions=[held])["Automation runs that failed (4)"]
    assert [b.split(": ", 1)[1] for b in bullets] == [
        "Jo Bloggs: no email",
        "Ana Lima: no email",
        "the session of Mon 8 Jun (no client): no email",
        "no email",  # a record the brief did not read: the reason as it was
    ]


def test_brief__a_client_whose_name_was_cleared_is_called_by_her_email_not_a_blank() -> None:
    blank = Client(id="recC2", name="   ", email="sam@client.example", status="Active", risk_level="High",
                   health_score=30, health_breakdown="Recency: 0/20")  # fmt: skip
    item = ActionItem(id="recI", description="Send the plan", client=["recC2"], status="Not Started",
                      assigned_to="Client", due_date=date(2026, 6, 9))  # fmt: skip
    sections = build_brief(
        BriefInputs(clients=[blank], action_items=[item]), NOW, LONDON, settings_from_mapping({})
    )
    assert {s.title: s.bullets for s in sections} == {
        "Overdue action items (1)": ["sam@client.example: Send the plan (Client, 1 day late)"],
        "Clients at risk (1)": ["sam@client.example (High risk, health 30): Recency: 0/20"],
    }


def test_brief_drafts__one_email_per_inbox_when_the_coach_lists_her_own_in_another_spelling() -> None:
    from types import SimpleNamespace

    from automation.reports.automations import brief_drafts

    settings = settings_from_mapping(
        {
            "general.coach_email": "sarah.cave@gmail.com",
            "messages.report_recipients": '["SarahCave+Reports@gmail.com", "ops@acme.example"]',
            "reports.brief_slack": "false",
        }
    )
    ctx = SimpleNamespace(settings=settings, today=lambda: date(2026, 6, 10))
    drafts = brief_drafts(ctx, [])  # type: ignore[arg-type]
    assert [d.recipient for d in drafts] == ["sarah.cave@gmail.com", "ops@acme.example"]


@pytest.mark.parametrize("slack", [True, False])
def test_brief_drafts__without_slack_its_copy_is_not_a_second_email_to_the_coach(slack) -> None:
    # With SendGrid and no Slack, Slack notices reach the coach by email: the brief's Slack copy would be
    # the same brief twice in her inbox. With Slack set she gets both, as configured.
    from types import SimpleNamespace

    from automation.config import Config
    from automation.reports.automations import brief_drafts

    keys = {"slack_webhook_url": "https://hooks.slack.example/T/B/x"} if slack else {}
    config = Config(_env_file=None, airtable_api_key="patX", airtable_base_id="appX",  # type: ignore[call-arg]
                    sendgrid_api_key="SG.x", sendgrid_from="coach@biz.example", **keys)  # fmt: skip
    settings = settings_from_mapping({"general.coach_email": "coach@biz.example"})
    ctx = SimpleNamespace(settings=settings, config=config, today=lambda: date(2026, 6, 10))
    drafts = brief_drafts(ctx, [])  # type: ignore[arg-type]
    expected = [("Slack", "#coaching-ops")] if slack else []
    assert [(d.channel, d.recipient) for d in drafts] == [*expected, ("Email", "coach@biz.example")]


def test_brief__a_completed_session_still_without_notes_is_listed_from_the_next_day_for_a_fortnight() -> None:
    # Notes, action items and the client's notes email are drafted only from Raw Notes: a session marked
    # Completed without them (or imported so) must not wait unseen. Held today is not late yet; notes
    # written (Raw Notes, a status the drafter or the coach set, a summary typed by hand) close it; a
    # session older than the window (`reports.notes_waiting_days`, 14) is history, not news.
    def held(sid, days_ago, **kw):
        when = datetime(2026, 6, 10, 9, 0, tzinfo=UTC) - timedelta(days=days_ago)
        return Session(id=sid, status="Completed", client=["recC"], session_type="Coaching",
                       session_date=when, **kw)  # fmt: skip

    sessions = [
        held("recT", 0),
        held("recY", 1),
        held("recW", 7, notes_status="Pending"),
        held("recF", 14),
        held("recOld", 15),
        held("recRaw", 3, raw_notes="Talked about the board."),
        held("recSent", 3, notes_status="Sent"),
        held("recTyped", 3, notes_summary="Summary typed by hand."),
        Session(
            id="recX", status="Cancelled", client=["recC"], session_date=datetime(2026, 6, 8, tzinfo=UTC)
        ),
    ]
    got = _brief(sessions=sessions)
    assert got == {
        "Sessions without notes (3)": [
            "Jo Bloggs (Coaching, Wed 27 May): held 14 days ago, no notes yet: type them in Raw Notes",
            "Jo Bloggs (Coaching, Wed 3 Jun): held 7 days ago, no notes yet: type them in Raw Notes",
            "Jo Bloggs (Coaching, Tue 9 Jun): held 1 day ago, no notes yet: type them in Raw Notes",
        ]
    }


def test_brief__a_failed_message_is_listed_with_its_reason_until_resent_or_cancelled() -> None:
    # The run that failed it is in one brief only (the last 24 h); the message itself stays Failed, and a
    # client's notes or invoice that never went must not pass unseen after that day.
    from automation.models import Message

    old = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    failed = Message(id="recM1", kind="Session Notes", subject="Notes from our session", status="Failed",
                     recipient="jo@acme.example", error="SendGrid bounce: mailbox full\nmore",
                     created_at=old)  # fmt: skip
    sent = Message(id="recM2", kind="Invoice", subject="Invoice INV-1", status="Sent", created_at=old)
    draft = Message(id="recM3", kind="Invoice", subject="Invoice INV-2", status="Draft",
                    recipient="jo@acme.example", created_at=old)  # fmt: skip
    got = _brief(drafts=[failed, sent, draft])
    assert got["Messages that failed (1)"] == [
        "Session Notes: Notes from our session (to jo@acme.example): SendGrid bounce: mailbox full"
    ]
    assert got["Messages awaiting approval (1)"] == ["Invoice: Invoice INV-2 (to jo@acme.example)"]


def test_brief__a_session_left_scheduled_after_its_day_is_named_until_the_coach_says_what_happened() -> None:
    """Nothing follows from a session still Scheduled after its day (no notes, no bill): held or not, only
    the coach knows. Today's is not late yet; one left years ago says its year."""
    at = lambda y, m, d: datetime(y, m, d, 9, 0, tzinfo=UTC)  # noqa: E731
    sessions = [
        Session(id="recS1", status="Scheduled", client=["recC"], session_date=at(2023, 6, 2)),
        Session(id="recS2", status="Scheduled", client=["recC"], session_date=at(2026, 6, 9)),
        Session(id="recS3", status="Scheduled", client=["recC"], session_date=at(2026, 6, 10)),  # today
        Session(id="recS4", status="Completed", client=["recC"], session_date=at(2026, 6, 8),
                raw_notes="done"),
    ]  # fmt: skip
    assert _brief(sessions=sessions)["Sessions still Scheduled after their day (2)"] == [
        "Jo Bloggs (session, Fri 2 Jun 2023): still Scheduled 1104 days after its day: mark it Completed "
        "(with its notes), No-show or Cancelled",
        "Jo Bloggs (session, Tue 9 Jun): still Scheduled 1 day after its day: mark it Completed (with its "
        "notes), No-show or Cancelled",
    ]


def test_report_day__the_day_she_reads_it_where_the_crons_hour_is_her_evening() -> None:
    """The crons run at 07:00 UTC: a morning in London, the evening before in Los Angeles and Sydney; the
    brief and the report are for the morning that reads them."""
    from automation.reports.brief import report_day

    cron = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # a Monday
    assert report_day(cron, LONDON) == date(2026, 12, 7)
    assert report_day(cron, ZoneInfo("America/Los_Angeles")) == date(2026, 12, 7)  # Sunday 23:00 there
    assert report_day(cron, ZoneInfo("America/New_York")) == date(2026, 12, 7)  # 02:00 there
    assert report_day(cron, ZoneInfo("Australia/Sydney")) == date(2026, 12, 8)  # 18:00 there


def test_a_us_coachs_brief_gives_session_times_on_her_clock_the_way_she_writes_them() -> None:
    """Chicago: 9:00 AM CST and 2:30 PM CST (the third unseen business read 09:00 CST beside her clients'
    reminders in AM / PM); London keeps 09:00 GMT."""
    from automation.reports.brief import todays_sessions

    day = date(2026, 12, 8)
    sessions = [
        Session(id=f"recS{k}", client=["recC1"], session_date=at, status="Scheduled")
        for k, at in enumerate(
            (datetime(2026, 12, 8, 15, 0, tzinfo=UTC), datetime(2026, 12, 8, 20, 30, tzinfo=UTC))
        )
    ]
    lines = [
        text
        for _, text in todays_sessions(
            sessions, {"recC1": "Émilie Tremblay"}, day, ZoneInfo("America/Chicago")
        )
    ]
    assert lines == ["9:00 AM CST Émilie Tremblay (session)", "2:30 PM CST Émilie Tremblay (session)"]
    london = todays_sessions(sessions[:1], {"recC1": "Jo"}, day, ZoneInfo("Europe/London"))
    assert [text for _, text in london] == ["15:00 GMT Jo (session)"]


def test_brief__a_us_business_reads_its_session_days_month_first_elsewhere_as_before() -> None:
    """The brief's session lines already read times the US way for a business in the US or Canada; their
    days do too ("Tue, Jun 9", "Fri, Jun 2, 2023"), in the notes-waiting, still-Scheduled and failed-run
    lines. London's are held above (test_brief__a_completed_session_still_without_notes_..., …)."""
    from automation.models import Run

    chicago = ZoneInfo("America/Chicago")
    held = Session(id="recH", status="Completed", client=["recC"], session_type="Coaching",
                   session_date=datetime(2026, 6, 9, 15, tzinfo=UTC))  # fmt: skip
    old = Session(
        id="recO", status="Scheduled", client=["recC"], session_date=datetime(2023, 6, 2, 15, tzinfo=UTC)
    )
    problems = {"problems": [{"table": "t", "record": "recH", "reason": "no email"}]}
    run = Run(
        id="recR", job="x", outcome="Partial", started=NOW - timedelta(hours=2), details=json.dumps(problems)
    )
    inputs = BriefInputs(clients=[JO], sessions=[held, old], runs=[run])
    got = {s.title: s.bullets for s in build_brief(inputs, NOW, chicago, settings_from_mapping({}))}
    assert got["Sessions without notes (1)"][0].startswith("Jo Bloggs (Coaching, Tue, Jun 9): held 1 day ago")
    (still,) = got["Sessions still Scheduled after their day (1)"]
    assert still.startswith("Jo Bloggs (session, Fri, Jun 2, 2023): still Scheduled"), still
    (failed,) = got["Automation runs that failed (1)"]
    assert failed.endswith(": the session of Tue, Jun 9 (Jo Bloggs): no email"), failed


def test_brief__a_client_at_risk_reads_high_and_why_first_not_every_line_of_her_breakdown() -> None:
    """The fourth unseen business: a client rated 2/5 today is High risk at a score of 75. The brief read
    "Khalid (health 75): Cadence …; Recency: 31/31 …; Satisfaction …; Follow-through: not counted …;
    Payment: not counted …; Results: not counted …; Critical: latest rating 2/5 …": no word of High, the
    reason last, behind full marks and components not counted."""
    breakdown = "\n".join([
        "Cadence: 15/31 (1 sessions/month over 90 days vs 2 expected)",
        "Recency: 31/31 (last session 2026-12-07)",
        "Satisfaction: 29/38 (average 4/5 from 3 rated sessions; latest 2/5 on 2026-12-07)",
        "Follow-through: not counted (no firm action item fell due in 90 days)",
        "Payment: not counted (no invoice due in 90 days and none unpaid)",
        "Critical: latest rating 2/5 (session on 2026-12-07)",
    ])  # fmt: skip
    khalid = Client(id="recK", name="Khalid Al-Mansouri", status="Active", risk_level="High",
                    health_score=75, health_breakdown=breakdown)  # fmt: skip
    sections = build_brief(BriefInputs(clients=[khalid]), NOW, LONDON, settings_from_mapping({}))
    (line,) = {s.title: s.bullets for s in sections}["Clients at risk (1)"]
    assert line == (
        "Khalid Al-Mansouri (High risk, health 75): Critical: latest rating 2/5 (session on 2026-12-07); "
        "Cadence: 15/31 (1 sessions/month over 90 days vs 2 expected); "
        "Satisfaction: 29/38 (average 4/5 from 3 rated sessions; latest 2/5 on 2026-12-07)"
    )


@pytest.mark.parametrize(
    ("time_zone", "said"),
    [
        ("Europe/London", "Wed 10 Jun 2026"),
        ("Australia/Sydney", "Wed 10 Jun 2026"),
        ("America/Chicago", "Wed, Jun 10, 2026"),
    ],
)
def test_brief_drafts__the_heading_says_the_day_as_its_reader_writes_it(time_zone, said) -> None:
    # "Daily brief for 2026-06-10" is a date she has to decode; the weekly report's heading already says
    # "week to Mon, Dec 7, 2026". The subject keeps the ISO date, as the weekly's does (it sorts in an
    # inbox), and so do the dedupe keys: one brief a day whatever the wording.
    from types import SimpleNamespace

    from automation.reports.automations import brief_drafts

    settings = settings_from_mapping(
        {
            "general.coach_email": "coach@biz.example",
            "general.time_zone": time_zone,
            "reports.brief_slack": "false",
        }
    )
    ctx = SimpleNamespace(settings=settings, today=lambda: date(2026, 6, 10))
    (draft,) = brief_drafts(ctx, [])  # type: ignore[arg-type]
    assert draft.data["heading"] == f"Daily brief for {said}"
    assert draft.subject == "Daily brief 2026-06-10: nothing due"
    assert draft.dedupe_key == "daily-brief:2026-06-10:coach@biz.example"
