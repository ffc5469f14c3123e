"""The daily brief on the seeded demo business: each section's count checked against the seeded rows."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from automation.models import Client, Lead, Message, Run, Session
from automation.reports.automations import daily_brief
from scripts.demo_data.build import build
from tests.reports.conftest import DEMO_DAY

NOW = datetime(2026, 11, 22, 7, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def _run(world, now=NOW) -> dict:
    ctx = world.ctx(now=now)
    with ctx.run:
        return daily_brief(ctx)


def _briefs(world) -> list[Message]:
    return world.gw.all(Message, formula=world.gw.ref(Message, "kind").eq("Daily Brief"))


def test_brief__on_the_demo_business_counts_what_the_seeded_rows_say(demo) -> None:
    world = demo
    rows = build(DEMO_DAY)
    today, tomorrow = DEMO_DAY, DEMO_DAY + timedelta(days=1)

    def booked(day):
        return sum(
            1 for s in rows["sessions"]
            if s["status"] == "Scheduled" and s["session_date"].astimezone(LONDON).date() == day
        )  # fmt: skip

    late_items = sum(
        1 for i in rows["action_items"]
        if i.get("status") not in ("Complete", "Cancelled") and i["due_date"] < today
        and not i.get("tentative")
    )  # fmt: skip
    late_invoices = sum(1 for i in rows["invoices"] if i["status"] == "Overdue") + sum(
        1 for i in rows["invoices"] if i["status"] == "Sent" and i["due_date"] < today
    )
    # What other capabilities would have written by morning: two clients at High risk, two follow-ups
    # due (one on a lead that is Lost: not listed), a draft waiting, one failed run last night, one older.
    clients = world.gw.all(Client)[:2]
    world.gw.update(Client, [(c, {"risk_level": "High", "health_score": 40 + k,
                                  "health_breakdown": "Cadence 1/4 sessions\nSatisfaction 2/5"})
                             for k, c in enumerate(clients)])  # fmt: skip
    leads = world.gw.all(Lead)
    open_leads = [x for x in leads if x.status not in ("Converted", "Lost", "Unsubscribed")]
    lost = next(x for x in leads if x.status == "Lost")
    world.gw.update(Lead, [(open_leads[0], {"follow_up_due": today}), (open_leads[1], {"follow_up_due": today
                    - timedelta(days=3)}), (lost, {"follow_up_due": today})])  # fmt: skip
    world.gw.create(Message, [{"kind": "Session Notes", "channel": "Email", "recipient": "x@y.example",
                               "subject": "Your notes", "status": "Draft"}])  # fmt: skip
    world.gw.create(Run, [
        {"job": "billing-daily", "outcome": "Failed", "started": NOW - timedelta(hours=2), "error": "boom"},
        {"job": "health-daily", "outcome": "Partial", "started": NOW - timedelta(days=3)},
        {"job": "leads-daily", "outcome": "Success", "started": NOW - timedelta(hours=1)},
    ])  # fmt: skip

    summary = _run(world)
    expected = {
        "Today's sessions": booked(today),
        "Tomorrow's sessions": booked(tomorrow),
        "Follow-ups due": 2,
        "Overdue action items": late_items,
        "Clients at risk": 2,
        "Messages awaiting approval": 1,
        "Overdue invoices": late_invoices,
        "Automation runs that failed": 1,
    }
    got = {title.rsplit(" (", 1)[0]: n for title, n in summary["sections"].items()}
    assert got == {k: v for k, v in expected.items() if v}  # empty sections are left out
    assert late_items > 0 and late_invoices == 1  # the demo exercises these sections

    briefs = _briefs(world)
    assert sorted((m.channel, m.status) for m in briefs) == [("Email", "Sent"), ("Slack", "Sent")]
    email = next(m for m in briefs if m.channel == "Email")
    assert "Hot leads untouched" not in email.body  # no Hot lead in the seed: no empty section
    assert "Cadence 1/4 sessions; Satisfaction 2/5" in email.body and "billing-daily failed" in email.body
    assert lost.name not in email.body.split("FOLLOW-UPS DUE")[1].split("\n\n")[0]
    slack = [json.loads(p.read_text()) for p in world.outbox() if "slack" in p.read_text().lower()]
    assert slack and "blocks" in json.dumps(slack)

    _run(world)  # the cron again the same morning: nothing new sent
    assert len(_briefs(world)) == 2


def test_brief__a_quiet_day_still_says_so_in_one_line(world) -> None:
    _run(world)
    briefs = _briefs(world)
    assert len(briefs) == 2 and all("Nothing needs you today" in m.body for m in briefs)


def test_brief__hand_typed_rows_without_status_or_created_at_are_listed_not_fatal(world) -> None:
    """The coach types an action item with no Status, and a draft into Messages with no Created At."""
    from automation.models import ActionItem

    gw = world.gw
    jo = gw.create(Client, [{"name": "Jo <Bloggs> & Co", "status": "Active"}])[0]
    yesterday = NOW.astimezone(LONDON).date() - timedelta(days=1)
    gw.create(ActionItem, [{"description": "Call the board chair", "client": [jo.id], "due_date": yesterday}])
    gw.create(Message, [
        {"kind": "Session Notes", "channel": "Email", "recipient": "a@x.example", "subject": "Typed by hand",
         "status": "Draft"},
        {"kind": "Nurture Email", "channel": "Email", "recipient": "b@x.example", "subject": "Composed",
         "status": "Draft", "created_at": NOW - timedelta(hours=5)},
    ])  # fmt: skip
    summary = _run(world)
    assert summary["sections"] == {"Overdue action items (1)": 1, "Messages awaiting approval (2)": 2}
    email = next(m for m in _briefs(world) if m.channel == "Email")
    assert "Jo <Bloggs> & Co: Call the board chair (?, 1 day late)" in email.body
    assert "<Bloggs>" not in (email.body_html or "") and "&lt;Bloggs&gt;" in (email.body_html or "")


def test_brief__drafts_about_a_record_deleted_since_are_cancelled_not_listed_as_awaiting(world) -> None:
    """The coach deleted a client (her session notes waited) and a lead (its first touch waited):
    the brief does not ask her to approve emails that could never go; they are Cancelled saying why."""
    from automation.messages import Draft, compose

    gw = world.gw
    ann, kept = gw.create(Client, [{"name": "Ann Lee", "email": "ann@corp.example"},
                                   {"name": "Cy Dee", "email": "cy@corp.example"}])  # fmt: skip
    session, other = gw.create(Session, [{"client": [ann.id]}, {"client": [kept.id]}])
    (lead,) = gw.create(Lead, [{"name": "Bo Ray", "email": "bo@firm.example", "status": "New"}])
    ann, session, lead, kept, other = ann.id, session.id, lead.id, kept.id, other.id
    letter = {"greeting": "Hi,", "body": "Text.", "signoff": "Best,"}

    def draft(kind, to, links, key):
        made = Draft(kind=kind, channel="Email", recipient=to, subject=kind, template="letter", data=letter,
                     links=links, dedupe_key=key)  # fmt: skip
        return compose(world.ctx(now=NOW), made)

    notes = draft(
        "Session Notes", "ann@corp.example", {"client": ann, "session": session}, f"{session}:notes"
    )
    touch = draft("First Touch", "bo@firm.example", {"lead": lead}, f"{lead}:first-touch")
    waiting = draft("Session Notes", "cy@corp.example", {"client": kept, "session": other}, f"{other}:notes")
    assert notes.status == touch.status == waiting.status == "Draft"
    gw.delete(Client, [ann])  # as in Airtable: the links to them are dropped
    gw.delete(Lead, [lead])

    summary = _run(world)
    assert summary["sections"] == {"Messages awaiting approval (1)": 1}
    after = {m.id: m for m in gw.all(Message) if m.kind != "Daily Brief"}
    assert after[waiting.id].status == "Draft"
    assert after[notes.id].status == "Cancelled" and "client" in after[notes.id].error
    assert after[touch.id].status == "Cancelled" and "no lead or client" in after[touch.id].error
    assert _run(world)["sections"] == {"Messages awaiting approval (1)": 1}  # a second run: the same


def test_brief__a_settings_row_the_app_refused_is_said_every_morning_until_corrected() -> None:
    """The coach types her 10 % GST as "ten percent": refused, the default applies. Before, only a run
    record's details said so, and her invoices went out at the default rate; now the brief says it, by
    the app's own path (the cron over HTTP, Settings read from the base). A row it can read ("€", "10%")
    is taken, not reported."""
    from scripts.localbase.testing import LocalBaseServer
    from tests.events import harness

    rows = {"billing.tax_rate": "ten percent", "general.currency": "€", "billing.late_fee_value": "10%"}
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        world = harness.World(srv, catalog=("automation.reports.automations",), settings=rows)
        try:
            assert world.apps[0].cron("daily-brief").status_code == 200
            briefs = [
                r["fields"] for r in world.table("Messages").all() if r["fields"].get("Kind") == "Daily Brief"
            ]
            email = next(f for f in briefs if f.get("Channel") == "Email")
            assert "SETTINGS NOT APPLIED (1)" in email["Body"].upper()
            assert "billing.tax_rate='ten percent'" in email["Body"] and "default kept: 0.20" in email["Body"]
            assert "general.currency" not in email["Body"] and "late_fee_value" not in email["Body"]
        finally:
            world.close()


def test_brief__says_which_associate_runs_each_session_with_one_read_only_when_one_does(world) -> None:
    """A session run by an associate names her; the coach's own names nobody. Associates are read once for
    the brief, and not at all on a morning when she runs every session of today and tomorrow herself."""
    from automation.models import Associate, Session
    from bench.leads_bench import per_table

    gw = world.gw
    jo, kim = gw.create(
        Client, [{"name": "Jo Bloggs", "status": "Active"}, {"name": "Kim", "status": "Active"}]
    )
    ann, bo = gw.create(
        Associate, [{"name": "Ann Lee", "status": "Active"}, {"name": "Bo", "status": "Active"}]
    )
    ten = NOW.replace(hour=10)  # 10:00 in London in November
    gw.create(Session, [
        {"client": [kim.id], "session_date": ten + timedelta(hours=3), "status": "Scheduled"},
        {"client": [jo.id], "session_date": ten + timedelta(days=2), "status": "Scheduled",
         "associate": [ann.id]},
        {"client": [jo.id], "session_date": ten + timedelta(days=9), "status": "Scheduled",
         "associate": [bo.id]},
    ])  # fmt: skip
    since = world.server.mark()
    _run(world)
    assert per_table(world, since)[("GET", "Associates")] == 0  # nobody but the coach today or tomorrow
    (first,) = [m for m in _briefs(world) if m.channel == "Email"]
    assert "13:00 GMT Kim (session)\n" in first.body and "run by" not in first.body

    since = world.server.mark()
    _run(world, now=NOW + timedelta(days=1))  # Ann's session is tomorrow's now
    assert per_table(world, since)[("GET", "Associates")] == 1
    email = next(m for m in _briefs(world) if m.channel == "Email" and m.id != first.id)
    assert "10:00 GMT Jo Bloggs (session), run by Ann Lee" in email.body and "Bo" not in email.body


def test_brief__sessions_left_without_notes_and_failed_messages_are_read_in_the_same_reads(world) -> None:
    """Read from the base: a session Completed two days ago with no Raw Notes (and one a month ago, and one
    with notes), a Failed notes email from last week: the brief names the recent session and the failed
    email, every morning until they are dealt with (the same session and messages reads, wider filters)."""
    gw = world.gw
    jo = gw.create(Client, [{"name": "Jo Park", "email": "jo@acme.example", "status": "Active"}])[0]
    gw.create(Session, [
        {"client": [jo.id], "status": "Completed", "session_type": "Coaching",
         "session_date": NOW - timedelta(days=2)},
        {"client": [jo.id], "status": "Completed", "session_date": NOW - timedelta(days=30)},
        {"client": [jo.id], "status": "Completed", "session_date": NOW - timedelta(days=3),
         "raw_notes": "Talked about the board."},
    ])  # fmt: skip
    gw.create(Message, [
        {"kind": "Session Notes", "channel": "Email", "recipient": "jo@acme.example", "status": "Failed",
         "subject": "Notes from our session", "error": "SendGrid bounce: mailbox full",
         "created_at": NOW - timedelta(days=6)},
    ])  # fmt: skip
    for day in (NOW, NOW + timedelta(days=1)):
        summary = _run(world, now=day)
        assert summary["sections"] == {"Sessions without notes (1)": 1, "Messages that failed (1)": 1}
    email = next(m for m in _briefs(world) if m.channel == "Email" and "2026-11-22" in m.subject)
    assert "Jo Park (Coaching, Fri 20 Nov): held 2 days ago, no notes yet" in email.body
    assert "Session Notes: Notes from our session (to jo@acme.example): SendGrid bounce: mailbox full" in (
        email.body
    )


def test_brief__a_session_run_by_an_associate_on_leave_or_gone_says_so(world) -> None:
    """Tomorrow's session of an associate now on leave (Paused) or gone (Inactive) is named with her status
    in the same read of Associates: the coach moves it before the client waits for nobody."""
    from automation.models import Associate, Session

    gw = world.gw
    (jo,) = gw.create(Client, [{"name": "Jo Bloggs", "status": "Active"}])
    ann, bo, cy = gw.create(Associate, [
        {"name": "Ann Lee", "status": "Paused"},
        {"name": "Bo", "status": "Inactive"},
        {"name": "Cy", "status": "Active"},
    ])  # fmt: skip
    ten = NOW.replace(hour=10)  # 10:00 in London in November
    gw.create(Session, [
        {"client": [jo.id], "session_date": ten + timedelta(days=1, hours=h), "status": "Scheduled",
         "associate": [a.id]}
        for h, a in ((0, ann), (2, bo), (4, cy))
    ])  # fmt: skip
    _run(world)
    (email,) = [m for m in _briefs(world) if m.channel == "Email"]
    assert "10:00 GMT Jo Bloggs (session), run by Ann Lee (Paused: needs cover)" in email.body
    assert "12:00 GMT Jo Bloggs (session), run by Bo (Inactive: needs cover)" in email.body
    assert "14:00 GMT Jo Bloggs (session), run by Cy\n" in email.body


def test_brief__a_settings_row_left_blank_says_which_default_is_used(world) -> None:
    """A blank tax rate is read as the default 20 % VAT: a business that charges 13 % (or none) would
    invoice 20 % with no word. The brief says so; an optional setting left blank (no tax id) is not news."""
    from automation.models import Setting

    blank = [{"key": "billing.tax_rate", "value": ""}, {"key": "billing.tax_id", "value": ""}]
    world.gw.create(Setting, blank)
    _run(world)
    (email,) = [m for m in _briefs(world) if m.channel == "Email"]
    assert "billing.tax_rate is blank, so the default 0.20 is used" in email.body
    assert "tax_id" not in email.body


def test_brief__a_settings_key_naming_no_setting_is_said_with_the_key_meant(world) -> None:
    """A row keyed `leads.warm_min` (the setting is scoring.warm_min) changes nothing: the brief, built as
    the cron builds it (Settings read once, problems kept), says so and names the setting she meant."""
    from automation.events.context import clear_caches, context_for
    from automation.models import Setting
    from automation.run_context import run_scope

    world.gw.create(
        Setting, [{"key": "leads.warm_min", "value": "40"}, {"key": "Scoring.HotMin", "value": "70"}]
    )
    clear_caches()
    try:
        with run_scope("daily-brief", "Manual", budget_s=60) as run:
            ctx = context_for(run, world.config)
            ctx.now = NOW
            daily_brief(ctx)
    finally:
        clear_caches()
    (email,) = [m for m in _briefs(world) if m.channel == "Email"]
    assert "SETTINGS NOT APPLIED (2)" in email.body.upper()
    assert "'leads.warm_min' ignored" in email.body and "did you mean scoring.warm_min?" in email.body
    assert "did you mean scoring.hot_min?" in email.body


def test_brief__a_failed_run_about_a_deal_names_the_deal_without_reading_deals(world) -> None:
    """A deal in a stage the coach added by hand is reported by the deals automation; the brief reads no
    Deals, so the run records the deal's name with the problem and the brief leads the line with it."""
    from automation.events.runner import run_automations
    from automation.events.runs import record_run
    from automation.models import Deal

    (lead,) = world.gw.create(Lead, [{"name": "Ivy Fox", "email": "ivy@fox.example", "status": "Qualified"}])
    table = world.server.api(world.config.airtable_api_key.get_secret_value()).table(world.base_id, "Deals")
    (row,) = table.batch_create(
        [{"Deal Name": "Fox leadership retainer", "Lead": [lead.id], "Pipeline Stage": "Waiting on budget"}],
        typecast=True,
    )
    ctx = world.ctx(job="webhook")
    with ctx.run:
        run_automations(ctx, "deals", [row["id"]], None, created=[row["id"]])
        record_run(ctx)
    assert [p.record_id for p in ctx.run.problems] == [row["id"]]
    before = len([c for c in world.calls() if "/Deals" in c["path"]])
    _run(world, now=datetime.now(UTC) + timedelta(minutes=1))
    assert len([c for c in world.calls() if "/Deals" in c["path"]]) == before  # named from the run record
    (email,) = [m for m in _briefs(world) if m.channel == "Email"]
    assert "deal Fox leadership retainer: stage 'Waiting on budget'" in email.body
    assert world.gw.get(Deal, row["id"]).deal_name == "Fox leadership retainer"


def test_brief__lists_the_website_forms_held_submissions_of_the_last_day_once(world) -> None:
    """What the form holds becomes a Lost lead nobody works on (no score, no notice, no email): a client's
    own cancellation sent through the form, or a real enquiry the signs misread, would wait unseen. The
    next morning's brief names each, with why and how to release it; a lead she closed herself is not
    listed, nor a held one the morning after."""
    from automation.leads.capture import LeadForm, hold
    from automation.leads.spam import spam_reasons

    gw = world.gw
    now = datetime.now(UTC)  # the held leads' creation times are the server's clock
    gw.create(
        Client, [{"name": "Dana Whitfield", "email": "dana.whitfield@acme.example", "status": "Active"}]
    )
    gw.create(Lead, [{"name": "Closed By Her", "email": "closed@firm.example", "status": "Lost",
                      "next_action": "Went with another coach"}])  # fmt: skip
    cancelling = LeadForm(
        name="Dana Whitfield",
        email="Dana.Whitfield@ACME.example",
        message="Please cancel my remaining coaching sessions and refund my deposit, I have moved jobs.",
    )
    pitch = LeadForm(
        name="Jessica",
        email="jessica@rankfast.example",
        message="Your site is not on the first page of Google. We can boost your organic traffic: "
        "https://rank.example",
    )
    ctx = world.ctx(now=now)
    for form in (cancelling, pitch):
        reasons = spam_reasons(form)
        assert reasons, form  # both are held by the form's own rules
        with ctx.run:
            hold(ctx, form, reasons)

    summary = _run(world, now=now + timedelta(hours=20))  # the next morning
    assert summary["sections"].get("Held by the website form (2)") == 2, summary["sections"]
    email = next(m for m in _briefs(world) if m.channel == "Email")
    section = email.body.split("HELD BY THE WEBSITE FORM (2)")[1].split("\n\n")[0]
    lines = [line for line in section.splitlines() if line.strip()]
    assert len(lines) == 2, section
    dana = next(line for line in lines if "Dana" in line)
    assert "your client Dana Whitfield" in dana and "Set its Status to New" in dana
    assert "jessica@rankfast.example" in next(line for line in lines if "Jessica" in line)
    assert "Closed By Her" not in email.body
    assert "FOLLOW-UPS DUE" not in email.body  # a held lead is no lead to follow up

    later = _run(world, now=now + timedelta(days=2))  # already told: not every morning
    assert not any(t.startswith("Held by the website form") for t in later["sections"]), later["sections"]
