"""The weekly report's rules on hand-made records: each figure's value and whether it is known, inferred
or missing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from automation.models import Client, Deal, Invoice, Message
from automation.reports import weekly as w

NOW = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
TODAY = NOW.date()


def _deal(i: int, stage: str, days_in_stage: int) -> Deal:
    return Deal(id=f"recD{i:02d}", deal_name=f"Deal {i}", pipeline_stage=stage,
                stage_changed_at=NOW - timedelta(days=days_in_stage))  # fmt: skip


@pytest.mark.parametrize(
    ("deals", "basis", "text"),
    [
        ([_deal(1, "Proposal", 20), _deal(2, "Proposal", 15), _deal(3, "Qualified", 30),
          _deal(4, "Proposal", 3)], "inferred", "2 deal(s) stuck in Proposal for 14+ days: Deal 1, Deal 2."),
        ([_deal(1, "Closed Lost", 90), _deal(2, "Proposal", 13)], "missing", "Too few deals"),
    ],
)  # fmt: skip
def test_bottleneck__names_the_stage_with_most_stuck_deals(deals, basis, text) -> None:
    got = w.bottleneck(deals, NOW, 14)
    assert got.basis == basis and got.text.startswith(text)


def test_bottleneck__deals_stuck_in_other_stages_are_named_too_not_only_the_bottlenecks() -> None:
    # One deal left for months in Prospect while two sit in Proposal: the report is the only place a stuck
    # deal is named, so the lone one must not vanish behind the bigger stage (nor a tie hide one of them).
    deals = [_deal(1, "Proposal", 20), _deal(2, "Proposal", 15), _deal(3, "Prospect", 90),
             _deal(4, "Negotiation", 30), _deal(5, "Negotiation", 2),
             _deal(6, "Closed Won", 200)]  # fmt: skip
    got = w.bottleneck(deals, NOW, 14)
    assert got.text == (
        "2 deal(s) stuck in Proposal for 14+ days: Deal 1, Deal 2. "
        "Also stuck: 1 in Prospect (Deal 3); 1 in Negotiation (Deal 4)."  # the longer stuck first
    )
    assert sorted(got.ids) == ["recD01", "recD02", "recD03", "recD04"]


def test_health__distribution_of_active_clients_and_movers_of_ten_points_or_more() -> None:
    def c(i, name, status, risk=None, score=None, before=None) -> Client:
        return Client(id=f"recC{i}", name=name, status=status, risk_level=risk, health_score=score,
                      previous_health_score=before)  # fmt: skip

    clients = [
        c(1, "Ann", "Active", "High", 40, 62),
        c(2, "Bob", "Active", "Low", 85, 80),
        c(3, "Cy", "Active", "Low", 90, 70),
        c(4, "Di", "Churned", "High", 10),
        c(5, "Ed", "Active"),
    ]
    dist, movers = w.health(clients)
    assert dist.text == "Low risk 2, Medium risk 0, High risk 1; 1 not scored."
    # the chart's figures as the plain-text email shows them: whole numbers, and what they count
    assert [dist.shown(v) for _, v in dist.chart] == ["2 clients", "0 clients", "1 client"]
    assert dist.shown(0.5) == "0.5 clients"
    assert movers.text == "Ann 62→40; Cy 70→90." and movers.ids == ["recC1", "recC3"]


def _msg(i, kind, status, when, **kw) -> Message:
    return Message(id=f"recM{i:02d}", kind=kind, status=status, sent_at=when, created_at=when, **kw)


def test_hours_saved__counts_this_weeks_messages_times_their_minutes() -> None:
    day = NOW - timedelta(days=1)
    msgs = [_msg(1, "Session Notes", "Sent", day), _msg(2, "Session Notes", "Draft", day),
            _msg(3, "Invoice", "Sent", day), _msg(4, "Invoice", "Cancelled", day),
            _msg(5, "Invoice", "Sent", NOW - timedelta(days=9))]  # fmt: skip
    got = w.hours_saved(msgs, {"Session Notes": 20, "Invoice": 10}, NOW - timedelta(days=7), NOW)
    assert got.basis == "inferred" and got.text.startswith(
        "0.8 hours: 2 Session Notes × 20 min, 1 Invoice × 10 min"
    )


def test_ai_acceptance__share_unedited_and_average_edit_or_missing() -> None:
    day = NOW - timedelta(days=1)
    msgs = [_msg(1, "Session Notes", "Sent", day, generated_body="x", edit_ratio=0.0),
            _msg(2, "Session Notes", "Sent", day, generated_body="x", edit_ratio=0.3),
            _msg(3, "Session Notes", "Draft", day, generated_body="x", edit_ratio=0.9)]  # fmt: skip
    got = w.ai_acceptance(msgs)
    assert (got.basis, got.text) == ("known", "1 of 2 sent drafts approved unedited; average edit 15%.")
    assert w.ai_acceptance(msgs[2:]).basis == "missing"


def test_revenue__invoiced_collected_this_week_and_outstanding() -> None:
    invs = [
        Invoice(id="recI1", status="Paid", total=Decimal("600"), date_created=TODAY - timedelta(days=2),
                payment_date=TODAY - timedelta(days=1)),
        Invoice(id="recI2", status="Sent", total=Decimal("250.50"), date_created=TODAY - timedelta(days=3),
                due_date=TODAY - timedelta(days=1)),
        Invoice(id="recI3", status="Overdue", total=Decimal("100"), date_created=date(2026, 9, 1)),
        Invoice(id="recI4", status="Void", total=Decimal("999"), date_created=TODAY),
    ]  # fmt: skip
    got = w.revenue(invs, TODAY - timedelta(days=6), TODAY + timedelta(days=1), TODAY, currency="GBP")
    assert got.text == ("Invoiced £850.50 and collected £600.00 this week; outstanding £350.50 "
                        "(2 invoices, 2 overdue: £350.50).")  # fmt: skip


def test_revenue__money_refunded_on_a_paid_invoice_is_not_collected() -> None:
    invs = [
        # Paid £600, then £150 refunded in Stripe: £450 was kept.
        Invoice(id="recR1", status="Paid", total=Decimal("600"), refunded=Decimal("150"),
                date_sent=TODAY - timedelta(days=8), payment_date=TODAY - timedelta(days=1)),
        # Paid £200 and lost to a dispute (Refunded all of it): nothing collected.
        Invoice(id="recR2", status="Paid", total=Decimal("200"), refunded=Decimal("200"),
                date_sent=TODAY - timedelta(days=9), payment_date=TODAY - timedelta(days=2)),
    ]  # fmt: skip
    got = w.revenue(invs, TODAY - timedelta(days=6), TODAY + timedelta(days=1), TODAY, currency="GBP")
    assert got.text.startswith("Invoiced £0.00 and collected £450.00 this week;")
    assert dict(got.chart)["Collected"] == 450.0


def test_revenue__invoiced_means_sent_this_week_and_drafts_are_named_not_counted() -> None:
    invs = [
        # Drawn up at month-end, checked by the coach and sent this week: invoiced this week.
        Invoice(id="recI5", status="Sent", total=Decimal("1200"), date_created=TODAY - timedelta(days=9),
                date_sent=TODAY - timedelta(days=1), due_date=TODAY + timedelta(days=13)),
        # Sent last week: last week's.
        Invoice(id="recI6", status="Sent", total=Decimal("300"), date_created=TODAY - timedelta(days=3),
                date_sent=TODAY - timedelta(days=8), due_date=TODAY + timedelta(days=6)),
        # Still a Draft for the coach to check: not invoiced, not outstanding, but said.
        Invoice(id="recI7", status="Draft", total=Decimal("450"), date_created=TODAY),
    ]  # fmt: skip
    got = w.revenue(invs, TODAY - timedelta(days=6), TODAY + timedelta(days=1), TODAY, currency="GBP")
    assert got.text == (
        "Invoiced £1,200.00 and collected £0.00 this week; outstanding £1,500.00 "
        "(2 invoices, 0 overdue: £0.00). 1 draft invoice (£450.00) not sent yet."
    )


def test_revenue__an_invoice_without_a_total_counts_its_amount_tax_and_late_fees() -> None:
    # Entered by hand: Amount, Tax Amount and Late Fees typed, Total left blank.
    invs = [Invoice(id="recI8", status="Sent", amount=Decimal("100"), tax_amount=Decimal("20"),
                    late_fees=Decimal("5"), date_sent=TODAY - timedelta(days=2))]  # fmt: skip
    got = w.revenue(invs, TODAY - timedelta(days=6), TODAY + timedelta(days=1), TODAY, currency="GBP")
    assert got.text.startswith("Invoiced £125.00 and collected £0.00 this week; outstanding £125.00 ")


def test_revenue__one_outstanding_invoice_is_singular() -> None:
    invs = [Invoice(id="recI2", status="Sent", total=Decimal("250"), date_created=TODAY - timedelta(days=3))]
    got = w.revenue(invs, TODAY - timedelta(days=6), TODAY + timedelta(days=1), TODAY, currency="GBP")
    assert "(1 invoice, 0 overdue: £0.00)" in got.text


@pytest.mark.parametrize(
    ("currency", "amount", "shown"),
    [("USD", "1250.50", "$1,250.50"), ("JPY", "33000", "33,000 JPY"), ("CHF", "99.90", "99.90 CHF")],
)
def test_revenue__amounts_are_written_in_the_business_currency_as_invoices_write_them(
    currency, amount, shown
) -> None:
    invs = [Invoice(id="recI2", status="Sent", total=Decimal(amount), date_created=TODAY - timedelta(days=3))]
    got = w.revenue(invs, TODAY - timedelta(days=6), TODAY + timedelta(days=1), TODAY, currency=currency)
    assert got.text.startswith(f"Invoiced {shown} and collected ")
    assert f"outstanding {shown} (1 invoice" in got.text
    assert got.currency == currency  # the chart's bars are money too


def test_leaderboard__an_inactive_associate_appears_only_with_sessions_in_the_window() -> None:
    from automation.models import Associate, Session

    team = [Associate(id="recA1", name="Ann", status="Active"),
            Associate(id="recA2", name="Bo", status="Inactive"),
            Associate(id="recA3", name="Cy", status="Inactive")]  # fmt: skip
    done = Session(id="recS1", status="Completed", associate=["recA3"], satisfaction=5,
                   session_date=NOW - timedelta(days=3))  # fmt: skip
    got = w.leaderboard(team, [done], [], TODAY)
    assert got.text == "Cy (Inactive): 1 session, satisfaction 5.0, 0 clients; Ann: 0 sessions, 0 clients."


def test_leaderboard__load_against_places_who_is_on_leave_and_the_free_places() -> None:
    """Growing through associates the coach needs to see where a new client can go: each associate's load
    against her Max Clients (blank: the default), one not Active says so, and the free places of the
    Active ones close the line (one on leave has none to give; a full one none)."""
    from automation.models import Associate
    from automation.settings.associates import AssociateSettings

    team = [Associate(id="recA1", name="Ann", status="Active", max_clients=3),
            Associate(id="recA2", name="Bea", status="Paused", max_clients=4),
            Associate(id="recA3", name="Cy", status="Active", max_clients=1),
            Associate(id="recA4", name="Di", status="Active")]  # fmt: skip
    clients = [Client(id=f"recC{i}", status="Active", associate=[a])
               for i, a in enumerate(["recA1", "recA2", "recA2", "recA3"])]  # fmt: skip
    got = w.leaderboard(team, [], clients, TODAY, settings=AssociateSettings(default_max_clients=2))
    assert got.text == (
        "Ann: 0 sessions, 1 of 3 clients; Bea (Paused): 0 sessions, 2 of 4 clients; "
        "Cy: 0 sessions, 1 of 1 client; Di: 0 sessions, 0 of 2 clients. "
        "Free places (Active associates): 4: Ann 2, Di 2."
    )
    full = w.leaderboard(team[2:3], [], clients, TODAY)
    assert (
        full.text
        == "Cy: 0 sessions, 1 of 1 client. Free places (Active associates): none, every one is full."
    )


def test_health_movers__only_a_score_that_changed_this_week_not_one_that_moved_a_month_ago() -> None:
    def c(i, name, before, after, changed) -> Client:
        return Client(id=f"recC{i}", name=name, status="Active", risk_level="High", health_score=after,
                      previous_health_score=before, health_changed=changed)  # fmt: skip

    clients = [
        c(1, "Ann", 72, 45, TODAY - timedelta(days=2)),  # dropped this week
        c(2, "Bob", 80, 50, TODAY - timedelta(days=30)),  # dropped a month ago, unchanged since
        c(3, "Cy", 60, 75, None),  # moved before the date was recorded: unknown when
    ]
    got = w.health(clients, TODAY - timedelta(days=6), TODAY + timedelta(days=1))
    assert [x.text for x in got if x.title == "Health movers"] == ["Ann 72→45."]


def test_health_movers__a_client_without_a_name_is_named_by_its_record() -> None:
    unnamed = Client(id="recC9", name=None, status="Active", risk_level="High", health_score=40,
                     previous_health_score=70)  # fmt: skip
    assert w.health([unnamed])[-1].text == "recC9 70→40."
    spaces = unnamed.model_copy(update={"name": "  ", "email": "sam@client.example"})
    assert w.health([spaces])[-1].text == "sam@client.example 70→40."  # her email reads better than an id


def test_leaderboard__thirty_days_in_business_dates_ties_by_name_load_as_client_load() -> None:
    from zoneinfo import ZoneInfo

    from automation.models import Associate, Session

    london = ZoneInfo("Europe/London")
    today = date(2027, 7, 5)  # summer time: London is UTC+1

    def done(i: int, who: str, day: date, hour: int, minute: int, rating: int) -> Session:
        at = datetime(day.year, day.month, day.day, hour, minute, tzinfo=london)
        return Session(
            id=f"recS{i}", status="Completed", associate=[who], satisfaction=rating, session_date=at
        )

    # Listed Zed first: a tie must not be decided by the order Airtable returns the records in.
    team = [
        Associate(id="recA1", name="Zed", status="Active"),
        Associate(id="recA2", name="Amy", status="Active"),
    ]
    sessions = [
        done(1, "recA1", date(2027, 6, 6), 0, 30, 4),  # 29 days back in London (5 June in UTC): counted
        done(2, "recA2", date(2027, 6, 20), 10, 0, 4),
        done(3, "recA2", date(2027, 6, 5), 23, 30, 1),  # 30 days back in London: outside the 30 days
    ]
    clients = [
        Client(id="recC1", status="Active", associate=["recA2"]),
        Client(id="recC2", status="Paused", associate=["recA2"]),  # a paused client keeps the place
        Client(id="recC3", status=None, associate=["recA1"]),  # no Status: active
        Client(id="recC4", status="Completed", associate=["recA1"]),  # finished: no load
    ]
    got = w.leaderboard(team, sessions, clients, today, london)
    assert (
        got.text == "Amy: 1 session, satisfaction 4.0, 2 clients; Zed: 1 session, satisfaction 4.0, 1 client."
    )


def test_ai_acceptance_and_hours_saved__a_draft_made_last_week_and_sent_this_week() -> None:
    start = NOW - timedelta(days=7)
    last_week, this_week = NOW - timedelta(days=10), NOW - timedelta(days=2)
    msgs = [
        # drafted last week (its minutes were counted then), approved unedited and sent this week
        Message(id="recM1", kind="Session Notes", status="Sent", created_at=last_week, sent_at=this_week,
                generated_body="x", edit_ratio=0.0),
        Message(id="recM2", kind="Session Notes", status="Sent", created_at=this_week, sent_at=this_week,
                generated_body="x", edit_ratio=0.5),
        # sent last week: judged last week, not again
        Message(id="recM3", kind="Session Notes", status="Sent", created_at=last_week, sent_at=last_week,
                generated_body="x", edit_ratio=1.0),
    ]  # fmt: skip
    got = w.ai_acceptance(msgs, start, NOW)
    assert got.text == "1 of 2 sent drafts approved unedited; average edit 25%."
    assert got.ids == ["recM1", "recM2"]
    saved = w.hours_saved(msgs, {"Session Notes": 20}, start, NOW)
    assert saved.text.startswith("0.3 hours: 1 Session Notes × 20 min") and saved.ids == ["recM2"]


def test_forecast__one_deal_is_singular_and_a_snapshot_of_nothing_is_not_called_missing() -> None:
    from automation.settings import settings_from_mapping

    settings = settings_from_mapping({})
    won = Deal(id="recD9", pipeline_stage="Closed Won", deal_value=4000, actual_close=date(2026, 10, 20))
    open_deal = Deal(id="recD1", pipeline_stage="Proposal", deal_value=6000, expected_close=date(2026, 12, 3))
    month, acc = w.forecast([won, open_deal], settings, TODAY, {"months": {"2026-10": 0}})
    assert month.text == "2026-11 £0.00 (0 deals), 2026-12 £3,000.00 (1 deal), 2027-01 £0.00 (0 deals)."
    # The snapshot was kept and forecast nothing for October: known, and no ratio can be drawn from it.
    assert (acc.basis, acc.text) == (
        "known",
        "Nothing was forecast for 2026-10; won £4,000.00: no ratio to judge.",
    )
    _, no_snapshot = w.forecast([won], settings, TODAY, None)
    assert no_snapshot.basis == "missing" and no_snapshot.text.startswith("No forecast snapshot for 2026-10")


def test_forecast__amounts_in_the_business_currency_whole_for_a_zero_decimal_one() -> None:
    from automation.settings import settings_from_mapping

    settings = settings_from_mapping({"general.currency": "JPY"})
    won = Deal(id="recD9", pipeline_stage="Closed Won", deal_value=400000, actual_close=date(2026, 10, 20))
    proposal = Deal(id="recD1", pipeline_stage="Proposal", deal_value=6e5, expected_close=date(2026, 12, 3))
    month, acc = w.forecast([won, proposal], settings, TODAY, {"months": {"2026-10": 500000}})
    assert "2026-12 300,000 JPY (1 deal)" in month.text
    assert acc.text == "Won 400,000 JPY against 500,000 JPY forecast: 80%, off the 90–110 % target."
    assert month.shown(300000) == "300,000 JPY"


def test_charts__each_figure_says_what_it_counts_where_the_title_names_two() -> None:
    """A chart under "Leads and conversion by source" or "Stage conversion and days per stage" showing a
    bare "Website: 25" or "Negotiation: 0" does not say whether the bar is a rate, a count or days."""
    from automation.models import Associate, Lead, Session

    leads = [
        Lead(id=f"recL{i}", lead_source=src, status=st, created_date=TODAY - timedelta(days=3))
        for i, (src, st) in enumerate(
            [("Website", "Converted"), ("Website", "New"), ("Website", "New"), ("Website", "New"),
             ("Referral", "New")]
        )
    ]  # fmt: skip
    conv = w.conversion_by_source(leads, TODAY - timedelta(days=90), TODAY + timedelta(days=1))
    assert {label: conv.shown(v) for label, v in conv.chart} == {"Website": "25%", "Referral": "0%"}
    month = w.conversion_by_month(leads, TODAY)
    assert month.shown(dict(month.chart)["2026-11"]) == "5 leads"

    history = "2026-11-01T10:00Z Proposal\n2026-11-06T10:00Z Negotiation\n2026-11-08T10:00Z Closed Won"
    won = Deal(id="recD1", pipeline_stage="Closed Won", stage_history=history)
    stages = w.stages([won])
    assert dict((label, stages.shown(v)) for label, v in stages.chart) == {
        "Proposal": "5 days", "Negotiation": "2 days"
    }  # fmt: skip

    ann = Associate(id="recA1", name="Ann", status="Active")
    held = Session(id="recS1", status="Completed", session_date=NOW - timedelta(days=2), associate=["recA1"])
    board = w.leaderboard([ann], [held], [], TODAY)
    assert [board.shown(v) for _, v in board.chart] == ["1 session"]

    made = [_msg(i, "First Touch", "Draft", NOW - timedelta(days=1)) for i in range(4)]
    hours = w.hours_saved(made, {"First Touch": 15}, NOW - timedelta(days=7), NOW)
    assert [hours.shown(v) for _, v in hours.chart] == ["1 hour"]


def _lead(i: int, **kw):
    from automation.models import Lead

    arrived = NOW - timedelta(days=2, hours=i)
    return Lead(**{"id": f"recL{i}", "email": f"l{i}@x.example", "lead_source": "Website", "status": "New",
                   "created_time": arrived, "created_date": arrived.date(), **kw})  # fmt: skip


def test_lead_figures__a_duplicate_and_a_pitch_the_form_held_are_not_leads() -> None:
    """One person is one lead (a second record is Duplicate Of the first, and its nurture pauses), and a
    pitch the form held (Lost with the hold's Next Action) is nobody's enquiry: neither is counted in
    conversion or leads by month, nor waiting for a first touch."""
    from automation.leads.capture import RELEASE

    leads = [
        _lead(1, status="Converted"),
        _lead(2),
        _lead(3, duplicate_of=["recL1"]),
        _lead(4, status="Lost", next_action=RELEASE),
        _lead(5, status="Lost", next_action=RELEASE),
    ]
    touch = _msg(1, "First Touch", "Sent", leads[0].created_time + timedelta(minutes=30), lead=["recL1"])
    speed = w.speed_to_lead(leads, [touch], NOW - timedelta(days=7), NOW, 60)
    assert speed.text == "Median 30 min from arrival to first touch over 1 lead; 1 of 1 within 60 min; " \
        "1 still waiting for one."  # fmt: skip
    assert sorted(speed.ids) == ["recL1", "recL2"]

    conv = w.conversion_by_source(leads, TODAY - timedelta(days=90), TODAY + timedelta(days=1))
    assert conv.text.endswith("converted/leads: Website 1/2.") and sorted(conv.ids) == ["recL1", "recL2"]
    assert dict(conv.chart) == {"Website": 50.0}
    month = w.conversion_by_month(leads, TODAY)
    assert dict(month.chart)["2026-11"] == 2 and "2026-11 1/2" in month.text


def test_speed_to_lead__a_lead_won_or_lost_before_any_touch_is_not_still_waiting() -> None:
    """A referral the coach called and signed the same week (Converted by the won deal), or one she closed
    as Lost, will never get a first touch (nurture leaves them, their draft is cancelled): counting them
    "still waiting" tells her of work she has not done that there is none of."""
    leads = [_lead(1), _lead(2), _lead(3, status="Converted"), _lead(4, status="Lost")]
    touch = _msg(1, "First Touch", "Sent", leads[0].created_time + timedelta(minutes=10), lead=["recL1"])
    speed = w.speed_to_lead(leads, [touch], NOW - timedelta(days=7), NOW, 60)
    assert speed.text == (
        "Median 10 min from arrival to first touch over 1 lead; 1 of 1 within 60 min; "
        "1 still waiting for one; 2 left out (no first touch is sent to them): "
        "1 already a client, 1 closed as Lost."
    )
    assert sorted(speed.ids) == ["recL1", "recL2"]


def test_health__a_paused_client_is_in_the_distribution_and_said_to_be_paused() -> None:
    """The coach reads the distribution as "how are my clients": a Paused client is still hers (the health
    job scores her, her associate's load counts her), and one at High risk has a critical finding."""

    def c(i, status, risk) -> Client:
        return Client(id=f"recC{i}", name=f"C{i}", status=status, risk_level=risk, health_score=50)

    clients = [c(1, "Active", "Low"), c(2, "Paused", "High"), c(3, None, "Medium"), c(4, "Completed", "High"),
               c(5, "Churned", "High"), c(6, "Paused", "Low"), c(7, "Active", "High")]  # fmt: skip
    (dist,) = w.health(clients)
    assert dist.text == "Low risk 2 (1 paused), Medium risk 1, High risk 2 (1 paused)."
    # The chart's lines are read on their own ("Low: 13 clients" under CLIENT HEALTH reads as low health).
    assert dict(dist.chart) == {"Low risk": 2, "Medium risk": 1, "High risk": 2}
    assert sorted(dist.ids) == ["recC1", "recC2", "recC3", "recC6", "recC7"]


def test_speed_to_lead__a_lead_nurture_sends_no_first_touch_is_not_still_waiting() -> None:
    """ "Still waiting" is work the coach has not done: a current client's enquiry (she answers it herself),
    a lead with no usable email (none, invalid, bounced) and an unsubscribed one never get a first touch by
    design, so they are left out of it, and the figure says how many and why."""
    from automation.leads.nurture import client_stop

    leads = [
        _lead(1),
        _lead(2),
        _lead(3, **client_stop("Ann", TODAY)),
        _lead(4, email=None, phone="+44 7700 900000"),
        _lead(5, email="not an address"),
        _lead(6, email_status="Bounced"),
        _lead(7, status="Unsubscribed"),
    ]
    touch = _msg(1, "First Touch", "Sent", leads[0].created_time + timedelta(minutes=20), lead=["recL1"])
    speed = w.speed_to_lead(leads, [touch], NOW - timedelta(days=7), NOW, 60)
    assert speed.text == (
        "Median 20 min from arrival to first touch over 1 lead; 1 of 1 within 60 min; "
        "1 still waiting for one; 5 left out (no first touch is sent to them): "
        "1 unsubscribed, 1 from a current client, 3 with no usable email."
    )
    assert sorted(speed.ids) == ["recL1", "recL2"]

    # a lead that got its touch all the same is counted as any other
    sent = leads[5].created_time + timedelta(minutes=40)
    bounced_after = _msg(2, "First Touch", "Sent", sent, lead=["recL6"])
    assert w.speed_to_lead(leads, [touch, bounced_after], NOW - timedelta(days=7), NOW, 60).text.startswith(
        "Median 30 min from arrival to first touch over 2 leads; 2 of 2 within 60 min; 1 still waiting"
    )
    # nobody touched yet: the ones left out are not counted among those no touch was sent to
    none = w.speed_to_lead(leads, [], NOW - timedelta(days=7), NOW, 60)
    assert none.basis == "missing" and none.text.startswith(
        "No first touch was sent to the 2 leads that arrived this week; 5 left out"
    )
    only_out = w.speed_to_lead(leads[2:4], [], NOW - timedelta(days=7), NOW, 60)
    assert only_out.text == (
        "None of the 2 leads that arrived this week is due a first touch; 2 left out (no first touch is "
        "sent to them): 1 from a current client, 1 with no usable email."
    )
    assert only_out.ids == []


def test_health_movers__a_move_the_coach_made_by_pausing_or_resuming_is_said_so() -> None:
    """Movers are clients whose situation changed this week: a pause (or a resume) is one, but its score
    jump is cadence and recency stopping (or starting) to count, not a decline to act on, so it is said."""
    from automation.health.score import STATUS_MOVES

    def c(i, name, status, before, after, note=None) -> Client:
        lines = "Satisfaction: 25/25 (x)" + (f"\nNote: {note}" if note else "")
        return Client(id=f"recC{i}", name=name, status=status, risk_level="Medium", health_score=after,
                      previous_health_score=before, health_changed=TODAY - timedelta(days=1),
                      health_breakdown=lines)  # fmt: skip

    clients = [
        c(1, "Ann", "Paused", 40, 62, STATUS_MOVES["paused"]),
        c(2, "Bob", "Active", 70, 48, STATUS_MOVES["resumed"]),
        c(3, "Cy", "Paused", 80, 55, "paused client: cadence and recency not counted"),  # her own move
    ]
    got = w.health(clients, TODAY - timedelta(days=6), TODAY + timedelta(days=1))
    assert got[-1].text == "Cy 80→55; Bob 70→48 (resumed this week); Ann 40→62 (paused this week)."
