"""The coach's-eye probe (2026-12-07): the brief, the weekly report and the dashboard read as the coach
reads them, on worlds nobody wrote the rules for. Each expectation is what the coach would want to read,
written before the code was run on the world."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from automation.models import ActionItem, Client, Deal, Invoice, Lead, Message, Run, Session
from automation.reports.automations import daily_brief, read_weekly_inputs, weekly_claims, weekly_report
from automation.reports.pages import dashboard_html
from automation.settings import settings_from_mapping

MONDAY = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # the crons' hour (07:00 UTC) on a Monday


def _use(world, **settings: str) -> None:
    world.settings = settings_from_mapping({"messages.claim_settle_s": "0.3", **settings})


def _brief(world, now=MONDAY) -> dict:
    ctx = world.ctx(now=now)
    with ctx.run:
        return daily_brief(ctx)


def _claims(world, now=MONDAY) -> dict:
    ctx = world.ctx(now=now)
    with ctx.run:
        return {c.title.split(" 20")[0]: c for c in weekly_claims(ctx, read_weekly_inputs(ctx))}


def _sent(world, kind: str) -> list[Message]:
    return world.gw.all(Message, formula=world.gw.ref(Message, "kind").eq(kind))


def test_probe__in_los_angeles_the_brief_is_for_her_morning_not_the_night_before(world) -> None:
    """07:00 UTC is 23:00 the evening before in Los Angeles: she reads the brief when she wakes, so it is
    the brief of that day (its sessions are "today's"), not of the day that is ending."""
    _use(world, **{"general.time_zone": "America/Los_Angeles"})
    jo = world.gw.create(Client, [{"name": "Jo Park", "status": "Active"}])[0]
    world.gw.create(Session, [{"client": [jo.id], "status": "Scheduled", "session_type": "Coaching",
                               "session_date": datetime(2026, 12, 7, 17, 0, tzinfo=UTC)}])  # fmt: skip
    summary = _brief(world)
    assert "Today's sessions (1)" in summary["sections"]
    email = next(m for m in _sent(world, "Daily Brief") if m.channel == "Email")
    # her clock as she writes it (the third unseen business): 9:00 AM PST, not 09:00
    assert "2026-12-07" in email.subject and "9:00 AM PST Jo Park (Coaching)" in email.body


def test_probe__in_los_angeles_mondays_report_is_dated_her_monday(world) -> None:
    _use(world, **{"general.time_zone": "America/Los_Angeles"})
    ctx = world.ctx(now=MONDAY)
    with ctx.run:
        weekly_report(ctx)
    report = _sent(world, "Weekly Report")[0]
    assert report.subject == "Weekly report 2026-12-07"
    assert "week to Mon, Dec 7, 2026" in report.body  # her Monday, as an American writes it


def test_probe__a_new_base_reads_as_new_not_as_failure(world) -> None:
    """The first week: nothing counted yet. Each figure says there is nothing yet; none reads as a 0 %
    or 0/0 the coach would take for a failure, and the dashboard says nothing needs her."""
    claims = _claims(world)
    for c in claims.values():
        assert "0/0" not in c.text and " 0%" not in c.text, (c.title, c.text)
    assert claims["Leads by month (converted/leads)"].basis == "missing"
    ctx = world.ctx(now=MONDAY)
    with ctx.run:
        page = dashboard_html(ctx, charts=False)
    assert "Nothing needs you today" in page


def test_probe__one_enormous_deal_is_named_in_the_forecast(world) -> None:
    """A £1,000,000 deal in Negotiation beside three small ones: the month's weighted figure is nearly all
    that one deal, and the coach must see that before she plans on it."""
    world.gw.create(Deal, [
        {"deal_name": "Globex enterprise", "deal_value": 1_000_000, "pipeline_stage": "Negotiation",
         "expected_close": date(2027, 1, 15)},
        *({"deal_name": f"Small {k}", "deal_value": 5_000, "pipeline_stage": "Proposal",
           "expected_close": date(2027, 1, 20)} for k in range(3)),
    ])  # fmt: skip
    text = _claims(world)["Weighted forecast, next 3 months"].text
    assert "£757,500.00" in text and "Globex enterprise" in text, text


def test_probe__an_open_deal_with_no_close_date_is_said_not_dropped(world) -> None:
    world.gw.create(Deal, [{"deal_name": "Initech", "deal_value": 20_000, "pipeline_stage": "Proposal"}])
    text = _claims(world)["Weighted forecast, next 3 months"].text
    assert "Initech" in text and "Expected Close" in text, text


def test_probe__all_clients_paused_is_said_as_paused(world) -> None:
    world.gw.create(Client, [{"name": f"C{k}", "status": "Paused", "risk_level": "Low", "health_score": 80}
                             for k in range(3)])  # fmt: skip
    text = _claims(world)["Client health"].text
    assert text.startswith("Low risk 3 (3 paused)"), text


def test_probe__five_hundred_follow_ups_keep_the_brief_short(world) -> None:
    world.gw.create(Lead, [{"name": f"Lead {k}", "email": f"l{k}@x.example", "status": "New",
                            "follow_up_due": date(2026, 12, 7)} for k in range(500)])  # fmt: skip
    summary = _brief(world)
    assert summary["sections"] == {"Follow-ups due (500)": 500}
    email = next(m for m in _sent(world, "Daily Brief") if m.channel == "Email")
    cap = world.settings.reports.brief_max_items
    assert f"…and {500 - cap} more" in email.body and email.body.count("follow up, due") == cap


def test_probe__euros_accents_apostrophes_and_a_year_late_item(world) -> None:
    _use(world, **{"general.currency": "EUR"})
    zoe = world.gw.create(Client, [{"name": "Zoë O'Brien", "status": "Active"}])[0]
    world.gw.create(Invoice, [{"invoice_number": "INV-9", "client": [zoe.id], "status": "Overdue",
                               "total": 1234.5, "due_date": date(2026, 11, 1)}])  # fmt: skip
    world.gw.create(ActionItem, [{"description": "Send the 360 survey", "client": [zoe.id],
                                  "due_date": date(2025, 12, 1), "status": "Open"}])  # fmt: skip
    late = MONDAY - timedelta(hours=1)
    world.gw.create(Run, [{"job": "billing-daily", "outcome": "Failed", "started": late,
                           "error": "Stripe said no"}])  # fmt: skip
    _brief(world)
    email = next(m for m in _sent(world, "Daily Brief") if m.channel == "Email")
    assert "INV-9 Zoë O'Brien: €1,234.50 due Sun 1 Nov" in email.body
    assert "Zoë O'Brien: Send the 360 survey (?, 371 days late)" in email.body
    assert "billing-daily failed at Mon 7 Dec, 06:00 GMT: Stripe said no" in email.body
    assert "O&amp;#" not in (email.body_html or "") and "Zo&#235;" not in (email.body or "")


def test_probe__five_hundred_leads_imported_make_a_readable_notice() -> None:
    """An imported list of 500: one email, best first, the top ones listed and the rest counted (all 500
    lines would bury the few Hot ones the coach must call today); the same for the daily digest."""
    from automation.models import Lead as L
    from automation.reports.notice import batch_draft, digest_draft

    settings = settings_from_mapping({})
    leads = [L(id=f"rec{k:04d}", name=f"Lead {k}", email=f"l{k}@x.example", lead_score=k % 100,
               score_tier="Hot" if k % 100 >= 80 else "Cold") for k in range(500)]  # fmt: skip
    cap = settings.reports.brief_max_items
    for draft in (batch_draft(leads, settings), digest_draft(leads, settings, date(2026, 12, 6))):
        items = draft.data["items"]
        assert len(items) == cap + 1 and items[-1] == f"…and {500 - cap} more (all in Leads)", items[-3:]
        assert "Lead 99 " in items[0] or items[0].startswith("Lead 99")  # the best first


def test_probe__a_message_stuck_in_sending_stays_in_the_brief_until_she_settles_it(world) -> None:
    """The send job marked it stuck two days ago and alerted once; after a day its run is off the brief.
    It may or may not have gone: the brief lists it every morning, like a failed one, until she sets it
    Sent or Approved (or Cancelled)."""
    world.gw.create(Message, [{"kind": "Session Notes", "channel": "Email", "recipient": "jo@x.example",
                               "subject": "Your notes", "status": "Sending",
                               "claimed_at": MONDAY - timedelta(days=2),
                               "error": "Stuck in Sending since 2026-12-05 07:05 UTC: it may or may not "
                                        "have gone out."}])  # fmt: skip
    summary = _brief(world)
    (title,) = [t for t in summary["sections"] if "Sending" in t]
    email = next(m for m in _sent(world, "Daily Brief") if m.channel == "Email")
    assert "Session Notes: Your notes (to jo@x.example)" in email.body.split(title.upper())[1]


def test_probe__a_health_alert_does_not_guess_the_clients_gender() -> None:
    from automation.health.alerts import next_step
    from automation.health.score import Health

    client = Client(id="recC", name="Sam Okafor")
    h = Health(score=30, risk="High", trend="down", previous=60, components=[],
               critical=["average rating 2.0 over the last sessions"], notes=[], usage_freq=None,
               satisfaction=2.0, last_session=None, weights={})  # fmt: skip
    step = next_step(client, h)
    assert "Sam Okafor" in step and not ({"her", "his", "she", "he"} & set(step.lower().split())), step


def test_probe__the_year_turn_reads_in_order(world) -> None:
    monday = datetime(2027, 1, 4, 7, 0, tzinfo=UTC)
    world.gw.create(Deal, [{"deal_name": "Acme", "deal_value": 10_000, "pipeline_stage": "Proposal",
                            "expected_close": date(2027, 2, 10)}])  # fmt: skip
    claims = _claims(world, now=monday)
    fc = claims["Weighted forecast, next 3 months"]
    assert fc.text.startswith("2027-01 £0.00 (0 deals), 2027-02 £5,000.00 (1 deal: Acme), 2027-03"), fc.text
    assert "Forecast accuracy 2026-12" in [c.title for c in weekly_claims_of(world, monday)]
    ctx = world.ctx(now=monday)
    with ctx.run:
        weekly_report(ctx)
    assert _sent(world, "Weekly Report")[0].subject == "Weekly report 2027-01-04"


def weekly_claims_of(world, now) -> list:
    ctx = world.ctx(now=now)
    with ctx.run:
        return weekly_claims(ctx, read_weekly_inputs(ctx))


def test_probe__an_associate_with_no_sessions_is_on_the_board_with_her_room(world) -> None:
    from automation.models import Associate

    world.gw.create(Associate, [{"name": "Ann Lee", "status": "Active", "max_clients": 5,
                                 "email": "ann@x.example"}])  # fmt: skip
    text = _claims(world)["Associate leaderboard (30 days)"].text
    assert text == "Ann Lee: 0 sessions, 0 of 5 clients. Free places (Active associates): 5: Ann Lee 5.", text


def test_dashboard__reads_the_associates_once_and_names_who_runs_todays_session(world) -> None:
    """The dashboard is the brief and the weekly report on one page: the weekly part reads every associate,
    so the brief's part names today's runner from that read instead of reading the associates again."""
    from automation.models import Associate
    from bench.leads_bench import per_table

    _use(world)
    bea = world.gw.create(Associate, [{"name": "Bea Okafor", "status": "Active"}])[0]
    jo = world.gw.create(Client, [{"name": "Jo Park", "status": "Active"}])[0]
    world.gw.create(Session, [{"client": [jo.id], "associate": [bea.id], "status": "Scheduled",
                               "session_type": "Coaching",
                               "session_date": MONDAY + timedelta(hours=3)}])  # fmt: skip
    since = world.server.mark()
    ctx = world.ctx(now=MONDAY)
    with ctx.run:
        page = dashboard_html(ctx, charts=False)
    calls = per_table(world, since)
    assert "run by Bea Okafor" in page
    assert calls[("GET", "Associates")] == 1, calls
