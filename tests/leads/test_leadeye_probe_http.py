"""A lead's-eye probe (2026-12-07): what a prospective client receives, through the real path (the local
server over HTTP, the website form, replies, bookings, the coach's approvals, the leads-daily cron run on
successive days by its `now`). Each test says first what the lead should receive (or not), when and in
what words, and what the coach sees; the expectations come from the business's intent, written before the
code was run on these leads."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from automation import registry
from automation.events.catalog import get_plan
from automation.events.runner import run_automations
from automation.leads.capture import LeadForm, capture
from automation.leads.daily import leads_daily
from automation.leads.replies import InboundEmail, record_reply
from automation.messages import sendgrid_events, unsubscribe
from automation.messages.envelope import unsubscribe_link
from automation.models import Deal, Lead, Message
from automation.schedule.calendly import Booking, apply
from tests.leads.http_world import LEADS_CATALOG


@pytest.fixture(autouse=True)
def _approvals_deliver(world, monkeypatch):
    """The leads catalog and the messages one: the coach's approval delivers, as in production."""
    monkeypatch.setattr(registry, "CATALOG", (*LEADS_CATALOG, "automation.messages.automations"))
    get_plan.cache_clear()
    yield
    get_plan.cache_clear()


DAY0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday morning in London
MARKETING = ("First Touch", "Nurture Email")


def _form(world, now: datetime = DAY0, **payload: object) -> str:
    base = {"company": "Northwind", "title": "Head of Operations", "company_size": 300}
    ctx = world.ctx(now=now)
    with ctx.run:
        return capture(ctx, LeadForm.model_validate({**base, **payload}))[1]


def _daily(world, now: datetime) -> None:
    ctx = world.ctx(now=now, budget_s=120, job="leads-daily")
    with ctx.run:
        leads_daily(ctx)


def _drafts(world, lead_id: str, *kinds: str) -> list[Message]:
    return [m for m in world.gw.all(Message) if lead_id in (m.lead or []) and m.kind in (kinds or MARKETING)]


def _approve(world, message: Message, now: datetime = DAY0, **edits: object) -> None:
    world.gw.update(Message, [(world.gw.get(Message, message.id), {"status": "Approved", **edits})])
    ctx = world.ctx(now=now)
    with ctx.run:
        run_automations(ctx, "messages", [message.id], {message.id: {"status", *edits}})


def _sent_to(world, address: str) -> list[dict]:
    """What left for this address (the outbox: the SendGrid request and the text version)."""
    out = []
    for path in world.outbox():
        record = json.loads(path.read_text())
        if record["channel"] == "Email" and record["to"] == address:
            record["text"] = path.with_suffix(".txt").read_text()
            out.append(record)
    return out


def _days_drafted(world, lead_id: str, days: list[datetime], *kinds: str) -> dict[str, date]:
    """Run the daily job on each of these days; the day each new marketing draft to the lead appeared."""
    seen = {m.id: DAY0.date() for m in _drafts(world, lead_id, *kinds)}
    out: dict[str, date] = {}
    for now in days:
        _daily(world, now)
        for m in _drafts(world, lead_id, *kinds):
            if m.id not in seen:
                seen[m.id] = out[m.id] = now.date()
    return out


def _lead_changed(world, lead_id: str, fields: set[str], now: datetime = DAY0) -> None:
    ctx = world.ctx(now=now)
    with ctx.run:
        run_automations(ctx, "leads", [lead_id], {lead_id: fields})


def _no_placeholder(text: str) -> None:
    assert "{" not in text and "}" not in text and "None" not in text
    assert not [line for line in text.split("\n") if "  " in line.strip()]


# 1. A first name only: "Hi Priya," once, the template's words with nothing left to fill, one copy, the
#    unsubscribe link in the footer; the coach approves and it goes once.
def test_a_lead_with_only_a_first_name_gets_one_first_touch_greeting_her_by_it(world) -> None:
    lead_id = _form(world, name="Priya", email="priya@northwind.example")
    (draft,) = _drafts(world, lead_id)
    _approve(world, draft)
    _approve(world, draft)  # a second click sends nothing more
    (sent,) = _sent_to(world, "priya@northwind.example")
    assert sent["subject"] == "Thank you for getting in touch"
    assert "Hi Priya," in sent["text"] and sent["text"].count("Hi Priya,") == 1
    assert "Unsubscribe: http://app.test/api/unsubscribe?token=" in sent["text"]
    _no_placeholder(sent["text"].split("\n--\n")[0])


# 2. A name that is only an address (the coach pasted it in the Name box): "Hello," never "Hi jsmith@…".
def test_a_lead_whose_name_is_her_address_is_greeted_hello_not_by_the_address(world) -> None:
    lead_id = _form(world, name="jsmith@contoso.example", email="jsmith@contoso.example")
    (draft,) = _drafts(world, lead_id)
    assert "@" not in draft.body.split("\n")[0]
    assert draft.body.startswith("Hello,") or draft.body.startswith("Hi J")


# 3. A name typed in capitals with a title and Irish accents, and one typed all lower case: greeted by her
#    given name as she writes it (accents kept), neither shouted nor lower-cased, no "Dr." as a first name.
def test_capitals_and_lower_case_names_are_greeted_by_the_given_name_with_its_accents(world) -> None:
    upper = _form(world, name="DR. SIOBHÁN NÍ BHRIAIN", email="siobhan@ucd.example")
    lower = _form(world, name="siobhán ní bhriain", email="sni@tcd.example")
    for lead_id in (upper, lower):
        (draft,) = _drafts(world, lead_id)
        assert draft.body.startswith("Hi Siobhán,"), draft.body[:40]


# 4. A name in Japanese script is family name first (always): the greeting must not treat the family name
#    as a given name ("Hi 田中,"); the full name or "Hello," is right.
def test_a_japanese_name_in_script_is_not_greeted_by_its_family_name_alone(world) -> None:
    lead_id = _form(world, name="田中 浩", email="tanaka@kaisha.example")
    (draft,) = _drafts(world, lead_id)
    first_line = draft.body.split("\n")[0]
    assert first_line in ("Hello,", "Hi 田中 浩,", "Dear 田中 浩,", "Hi 田中浩,"), first_line


# 5. "Not now, try me in March": not an opt-out. The coach is told (the words quoted), the lead gets nothing
#    more on her own (no nurture step over the next weeks while the coach has not answered).
def test_a_lead_saying_try_me_in_march_is_not_unsubscribed_and_gets_no_template_meanwhile(world) -> None:
    lead_id = _form(world, name="Marta Lopez", email="marta@fabrikam.example", timeline="1-3 months")
    ctx = world.ctx(now=DAY0 + timedelta(days=1))
    with ctx.run:
        record_reply(
            ctx,
            InboundEmail("marta@fabrikam.example", "Re: hello", "Not now, try me in March.", "<m1@fabrikam>"),
        )
    lead = world.gw.get(Lead, lead_id)
    assert lead.status != "Unsubscribed" and lead.nurture_sequence == "Paused"
    alerts = _drafts(world, lead_id, "Reply Alert")
    assert len(alerts) == 1 and "try me in March" in alerts[0].body
    for day in range(2, 40, 3):
        _daily(world, DAY0 + timedelta(days=day))
    assert len(_drafts(world, lead_id)) == 1  # the first touch only


# 6. She books a chemistry call by Calendly while her first touch waits for the coach's approval: the
#    "offer of a 20-minute call" must not go after she booked one; the coach sees why it was not sent.
def test_a_booking_while_the_first_touch_waits_stops_that_first_touch(world) -> None:
    lead_id = _form(world, name="Ana Silva", email="ana@litware.example")
    (draft,) = _drafts(world, lead_id)
    # The draft's day is its record's created time, which the server stamps on the real clock: the booking
    # comes three hours after whichever is later, DAY0 or that stamp (on DAY0 alone it failed from the day
    # after DAY0 on: a draft "made" on 8 December is newer than a booking on the 7th, and rightly goes).
    later = max(DAY0, draft.created_time or DAY0) + timedelta(hours=3)
    booking = Booking(
        "invitee.created",
        "https://api.calendly.com/invitees/ana-1",
        "ana@litware.example",
        "Ana Silva",
        later + timedelta(days=2),
        later + timedelta(days=2, minutes=30),
        "Chemistry call",
        None,
    )
    ctx = world.ctx(now=later)
    with ctx.run:
        apply(ctx, booking)
    _lead_changed(world, lead_id, {"meetings", "last_engagement", "notes"}, later)
    _approve(world, draft, later)
    assert _sent_to(world, "ana@litware.example") == []
    got = world.gw.get(Message, draft.id)
    assert got.status == "Cancelled" and "Ana Silva" in (got.error or "")
    assert world.gw.get(Lead, lead_id).next_action.startswith("Follow up your meeting with Ana Silva")


# 7. Unsubscribed by the link, then she fills the form again: her new enquiry reaches the coach, but no
#    marketing email restarts on its own (the coach answers her; consent to marketing is not re-assumed).
def test_an_unsubscribed_lead_who_enquires_again_reaches_the_coach_and_gets_no_marketing(world) -> None:
    lead_id = _form(world, name="Lena Berg", email="lena@adatum.example")
    (draft,) = _drafts(world, lead_id)
    _approve(world, draft)
    token = unsubscribe_link(world.gw.get(Message, draft.id), world.config).split("token=")[1]
    ctx = world.ctx()
    with ctx.run:
        assert unsubscribe.confirm(ctx, token).state == "done"
    again = DAY0 + timedelta(days=10)
    again_id = _form(world, again, name="Lena Berg", email="lena@adatum.example", message="Can we talk?")
    assert again_id == lead_id
    alerts = _drafts(world, lead_id, "Reply Alert")
    assert len(alerts) == 1 and "enquired again" in (alerts[0].subject or "")
    assert "Can we talk?" in alerts[0].body and "do not contact" not in alerts[0].body
    assert "yours to answer" in alerts[0].body
    for day in (11, 20, 45):
        _daily(world, DAY0 + timedelta(days=day))
    assert [m.id for m in _drafts(world, lead_id)] == [draft.id]
    assert len(_sent_to(world, "lena@adatum.example")) == 1


# 8. Her deal is Lost with reason "budget": she is not written to the same week as if nothing happened. The
#    next marketing email comes no sooner than a month after the loss (a check-in, not the warm sequence's
#    "a question worth ten minutes" three days later).
def test_a_lead_lost_on_budget_hears_nothing_for_a_month(world) -> None:
    lead_id = _form(world, name="Omar Haddad", email="omar@tailspin.example", timeline="1-3 months")
    (first,) = _drafts(world, lead_id)
    _approve(world, first)
    day2 = DAY0 + timedelta(days=2)
    _daily(world, day2)
    world.gw.update(Lead, [(world.gw.get(Lead, lead_id), {"status": "Qualified"})])
    _lead_changed(world, lead_id, {"status"}, day2)
    (deal,) = [d for d in world.gw.all(Deal) if lead_id in (d.lead or [])]
    lost_on = DAY0 + timedelta(days=5)
    world.gw.update(Deal, [(deal, {"pipeline_stage": "Closed Lost", "lost_reason": "budget"})])
    ctx = world.ctx(now=lost_on)
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage", "lost_reason"}})
    drafted = _days_drafted(world, lead_id, [DAY0 + timedelta(days=d) for d in range(5, 36)])
    assert all(d >= (lost_on + timedelta(days=28)).date() for d in drafted.values()), drafted


# 9. Converted to a client: a nurture step waiting for approval never goes, and no more are drafted.
def test_a_lead_won_as_a_client_gets_no_marketing_from_that_moment(world) -> None:
    lead_id = _form(world, name="Grace Ho", email="grace@wingtip.example", timeline="1-3 months")
    (first,) = _drafts(world, lead_id)
    _approve(world, first)
    for day in (1, 2, 3):
        _daily(world, DAY0 + timedelta(days=day))
    waiting = [m for m in _drafts(world, lead_id) if m.id != first.id]
    assert waiting and waiting[0].status == "Draft"
    won = DAY0 + timedelta(days=3, hours=4)
    deal = world.gw.create(
        Deal,
        [{"deal_name": "Grace Ho", "lead": [lead_id], "pipeline_stage": "Closed Won", "deal_value": 9000}],
    )[0]
    ctx = world.ctx(now=won)
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage"}}, created=[deal.id])
    assert world.gw.get(Lead, lead_id).status == "Converted"
    _approve(world, waiting[0], won)
    for day in range(4, 60, 5):
        _daily(world, DAY0 + timedelta(days=day))
    assert len(_sent_to(world, "grace@wingtip.example")) == 1  # the first touch, before she signed
    assert len(_drafts(world, lead_id)) == 2


# 10. Two leads at one company: each letter is hers alone (no colleague's name, no "your colleague").
def test_two_leads_at_one_company_get_letters_that_do_not_mention_each_other(world) -> None:
    a = _form(world, name="Kim Novak", email="kim@contoso.example", company="Contoso")
    b = _form(world, name="Lee Park", email="lee@contoso.example", company="Contoso")
    (da,) = _drafts(world, a)
    (db,) = _drafts(world, b)
    assert "Lee" not in da.body and "Kim" not in db.body
    assert "colleague" not in (da.body + db.body).lower()


# 11. Her first touch bounces: nothing more is drafted to that address; the coach is asked for another.
def test_a_bounced_first_touch_stops_the_sequence_and_asks_the_coach_for_an_address(world) -> None:
    lead_id = _form(world, name="Noor Aziz", email="noor@gone.example", timeline="1-3 months")
    (draft,) = _drafts(world, lead_id)
    _approve(world, draft)
    ctx = world.ctx()
    with ctx.run:
        sendgrid_events.process(
            ctx,
            [
                {
                    "event": "bounce",
                    "email": "noor@gone.example",
                    "los_message_id": draft.id,
                    "reason": "550 no such user",
                    "timestamp": int(DAY0.timestamp()) + 60,
                }
            ],
        )
    _lead_changed(world, lead_id, {"email_status"})
    for day in range(1, 30, 2):
        _daily(world, DAY0 + timedelta(days=day))
    assert [m.id for m in _drafts(world, lead_id)] == [draft.id]
    lead = world.gw.get(Lead, lead_id)
    assert lead.next_action.startswith("Find a working email for Noor Aziz")


# 12. The coach rewrites the first touch's Body: her words go, not the template's, with one footer.
def test_the_coaches_edit_of_a_first_touch_is_what_the_lead_reads(world) -> None:
    lead_id = _form(world, name="Tom Reid", email="tom@proseware.example")
    (draft,) = _drafts(world, lead_id)
    mine = "Hi Tom,\n\nLovely to hear from you. Shall we talk on Thursday at 10?\n\nSarah"
    _approve(world, draft, body=mine)
    (sent,) = _sent_to(world, "tom@proseware.example")
    assert sent["text"].count("Shall we talk on Thursday at 10?") == 1
    assert "20-minute call" not in sent["text"]
    assert sent["text"].count("Unsubscribe: ") == 1
    html = sent["sendgrid_mail_send"]["content"][-1]["value"]
    assert "Thursday at 10" in html and "20-minute call" not in html


# 13. A nurture step that falls on Christmas Day: the lead is not sent marketing on 24-26 December or
#     1 January; the step waits for the next ordinary day.
def test_a_nurture_step_due_on_christmas_day_waits_for_the_next_ordinary_day(world) -> None:
    created = datetime(2026, 12, 22, 9, 0, tzinfo=UTC)
    lead_id = _form(world, created, name="Eve Stone", email="eve@relecloud.example", timeline="1-3 months")
    lead = world.gw.get(Lead, lead_id)
    # Day 3 of the warm sequence is Christmas Day: the touch is planned for the next ordinary day.
    assert lead.nurture_sequence == "Warm" and lead.follow_up_due == date(2026, 12, 27)
    runs = [datetime(2026, 12, d, 6, 0, tzinfo=UTC) for d in range(23, 32)]
    drafted = _days_drafted(world, lead_id, [*runs, datetime(2027, 1, 1, 6, 0, tzinfo=UTC)], "Nurture Email")
    quiet = {date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1)}
    assert drafted and not quiet & set(drafted.values()), drafted
