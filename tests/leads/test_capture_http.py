"""Capture, replies and nurture over HTTP against the local server (the automations run as in production)."""

from __future__ import annotations

import json

import pytest
from pyairtable import formulas as F

from automation.events.runner import run_automations
from automation.leads.capture import LeadForm, capture
from automation.leads.replies import InboundEmail, record_reply
from automation.models import Lead, Message

WARM = {
    "name": "Jane Doe",
    "email": "Jane@Acme.example",
    "company": "Acme",
    "title": "Director of HR",
    "company_size": 2000,
    "industry": "Technology",
    "timeline": "1-3 months",
    "message": "Exec team help",
}
HOT = {
    "name": "Omar Khan",
    "email": "omar@bank.example",
    "company": "Bank",
    "title": "CEO",
    "company_size": 400,
    "industry": "Financial Services",
    "timeline": "Immediate",
    "source": "Referral",
    "source_detail": "Tom",
}


def _capture(world, payload: dict) -> tuple[str, str]:
    ctx = world.ctx()
    with ctx.run:
        return capture(ctx, LeadForm.model_validate(payload))


def _messages(world, kind: str) -> list[Message]:
    return world.gw.all(Message, formula=world.gw.ref(Message, "kind").eq(kind))


def test_capture__a_new_lead_is_scored_nurtured_and_gets_its_first_touch_draft(world) -> None:
    outcome, lead_id = _capture(world, WARM)
    lead = world.gw.get(Lead, lead_id)
    assert outcome == "created"
    assert (lead.email, lead.lead_source, lead.status, lead.score_tier) == (
        "jane@acme.example",
        "Website",
        "New",
        "Warm",
    )
    assert lead.lead_score == 68 and lead.score_breakdown.startswith("Fit 31/40: director +16")
    assert lead.scored_at is not None and lead.nurture_sequence == "Warm" and lead.nurture_step == 1
    assert lead.follow_up_due is not None and lead.next_action.startswith("Next warm touch to Jane Doe on ")
    drafts = _messages(world, "First Touch")
    assert len(drafts) == 1
    d = drafts[0]
    assert (d.status, d.lead, d.recipient, d.channel) == ("Draft", [lead_id], "jane@acme.example", "Email")
    assert "20-minute call" in d.body and not _messages(world, "Hot Lead Alert")


def test_capture__the_same_address_again_updates_the_lead_and_drafts_nothing_new(world) -> None:
    _, first = _capture(world, WARM)
    outcome, second = _capture(world, {**WARM, "email": "jane@acme.example ", "message": "Any news?"})
    assert (outcome, second) == ("updated", first)
    leads = world.gw.all(Lead)
    assert len(leads) == 1 and leads[0].notes.count("website enquiry") == 2
    assert len(_messages(world, "First Touch")) == 1


def test_capture__a_hot_lead_alerts_the_coach_once_on_slack(world) -> None:
    _, lead_id = _capture(world, HOT)
    lead = world.gw.get(Lead, lead_id)
    assert lead.score_tier == "Hot" and lead.next_action.startswith("Call Omar Khan by ")
    _capture(world, {**HOT, "message": "Keen to start"})  # his second enquiry: a reply, not a second Hot
    alerts = _messages(world, "Hot Lead Alert")
    assert len(alerts) == 1 and alerts[0].status == "Sent" and alerts[0].channel == "Slack"
    envelopes = [json.loads(p.read_text()) for p in world.outbox()]
    hot = [e for e in envelopes if "just scored Hot" in json.dumps(e)]
    assert len(hot) == 1 and "Omar Khan" in json.dumps(hot[0])


def test_capture__a_known_lead_enquiring_again_is_a_reply_her_sequence_waits_and_the_coach_is_told(
    world,
) -> None:
    """Weeks later she writes again through the form, from another spelling of her mailbox: that is her
    answer, as an email reply is (README: a reply pauses the sequence until the coach answers), not a note
    to file while the next template goes out; the coach hears of it once that day."""
    _, lead_id = _capture(world, {**WARM, "email": "jane.doe@gmail.com"})
    again = {
        "name": "Jane Doe",
        "email": "Jane.Doe+coaching@googlemail.com",
        "message": "Can we talk next week?",
    }
    for _ in range(2):
        assert _capture(world, again) == ("updated", lead_id)
    lead = world.gw.get(Lead, lead_id)
    # the same form sent twice (a double click) is one reply
    assert (lead.replies, lead.status, lead.nurture_sequence) == (1, "Engaged", "Paused"), lead
    assert lead.next_action.startswith("Reply to Jane Doe (they engaged on "), lead.next_action
    assert len(world.gw.all(Lead)) == 1 and len(_messages(world, "First Touch")) == 1
    (alert,) = _messages(world, "Reply Alert")
    assert alert.channel == "Slack" and alert.lead == [lead_id]
    assert "Jane Doe sent the website form again" in alert.body and "Can we talk next week?" in alert.body
    assert "jane.doe+coaching@googlemail.com" in alert.body and "paused until you answer" in alert.body


def test_capture__an_unsubscribed_address_gets_no_draft(world) -> None:
    world.gw.create(Lead, [{"name": "Ann Gray", "email": "ann@corp.example", "status": "Unsubscribed"}])
    _capture(world, {"name": "Ann Gray", "email": "ann@corp.example", "title": "VP People"})
    lead = world.gw.all(Lead)[0]
    assert lead.nurture_sequence == "Stopped" and lead.score_tier == "Cold"
    assert not [m for m in world.gw.all(Message) if m.channel == "Email"]  # the coach is told on Slack


def test_reply__counts_on_the_lead_pauses_the_sequence_and_tells_the_coach_once(world) -> None:
    _, lead_id = _capture(world, WARM)
    mail = InboundEmail("jane@acme.example", "Re: Thank you", "Tuesday works.\n> earlier", "<m1@acme>")
    for expected in ("recorded", "duplicate"):  # SendGrid re-delivers the same email
        ctx = world.ctx()
        with ctx.run:
            assert record_reply(ctx, mail)["status"] == expected
    lead = world.gw.get(Lead, lead_id)
    assert (lead.replies, lead.status, lead.nurture_sequence) == (1, "Engaged", "Paused")
    assert lead.next_action.startswith("Reply to Jane Doe (they engaged on ")
    alerts = _messages(world, "Reply Alert")
    assert len(alerts) == 1 and "Tuesday works." in alerts[0].body and "earlier" not in alerts[0].body


def test_reply__from_an_unknown_address_is_ignored(world) -> None:
    ctx = world.ctx()
    with ctx.run:
        out = record_reply(ctx, InboundEmail("nobody@else.example", "Hi", "Hello", "<m2@x>"))
    assert out["status"] == "ignored" and not world.gw.all(Message)


def test_capture__lead_without_email_via_base_is_asked_for_one(world) -> None:
    lead = world.gw.create(
        Lead, [{"name": "Card Only", "title": "Director", "lead_source": "Networking Event"}]
    )[0]
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "leads", [lead.id], None, created=[lead.id])
    got = world.gw.get(Lead, lead.id)
    assert got.next_action == "Find an email address for Card Only" and got.nurture_sequence == "Paused"
    assert "no email address −15" in got.score_breakdown
    assert not world.gw.all(Message, formula=F.NOT(F.EQ(world.gw.ref(Message, "kind"), "")))


# ---- a current client fills in the form: kept, never marketed to ----

CLIENT_FORM = {
    "name": "Mei Tan",
    "email": "Mei+Site@Tan-Partners.example",  # her address in other capitals, with a +tag
    "company": "Tan Partners",
    "title": "Managing Director",
    "company_size": 300,
    "timeline": "Immediate",
    "message": "Could we add two sessions for my deputy?",
}


def _client(world, status: str | None) -> dict:
    from automation.models import Client

    fields = {"name": "Mei Tan", "email": "mei@tan-partners.example"}
    return world.gw.create(Client, [{**fields, **({"status": status} if status else {})}])[0]


def _marketing(world) -> list[Message]:
    return [m for m in world.gw.all(Message) if m.kind in world.settings.messages.marketing_kinds]


@pytest.mark.parametrize("status", ["Active", "Paused", None])
def test_capture__a_current_clients_enquiry_is_kept_with_nurture_stopped_and_no_marketing(world, status):
    _client(world, status)
    outcome, lead_id = _capture(world, CLIENT_FORM)
    assert outcome == "created" and [x.id for x in world.gw.all(Lead)] == [lead_id]
    lead = world.gw.get(Lead, lead_id)
    assert "Could we add two sessions for my deputy?" in lead.notes  # nothing she wrote is lost
    assert lead.nurture_sequence == "Stopped" and lead.scored_at is not None
    assert lead.next_action.startswith("Current client Mei Tan") and "no marketing" in lead.next_action
    assert not _marketing(world) and not _messages(world, "Hot Lead Alert")
    # The coach edits the lead later: the webhook's automations leave her stop alone.
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "leads", [lead_id], {lead_id: {"title", "status"}})
    again = world.gw.get(Lead, lead_id)
    assert (again.nurture_sequence, again.next_action) == ("Stopped", lead.next_action)
    assert not _marketing(world)


def test_capture__a_current_clients_enquiry_stops_the_nurture_of_her_lead(world) -> None:
    _, lead_id = _capture(world, {**CLIENT_FORM, "email": "mei@tan-partners.example"})  # a lead first
    assert world.gw.get(Lead, lead_id).nurture_sequence == "Hot"
    _client(world, "Active")  # then she signed, without a deal on this lead
    outcome, again = _capture(world, CLIENT_FORM)
    lead = world.gw.get(Lead, lead_id)
    assert (outcome, again, lead.nurture_sequence) == ("updated", lead_id, "Stopped")
    assert lead.next_action.startswith("Current client Mei Tan")


@pytest.mark.parametrize("status", ["Completed", "Churned"])
def test_capture__a_former_clients_enquiry_is_a_lead_like_any_other(world, status) -> None:
    _client(world, status)
    _, lead_id = _capture(world, {**CLIENT_FORM, "title": "Head of Operations", "timeline": "1-3 months"})
    lead = world.gw.get(Lead, lead_id)
    assert (
        lead.nurture_sequence in ("Warm", "Cool", "Cold", "Hot") and f"former client ({status})" in lead.notes
    )
    assert [(m.lead, m.status) for m in _messages(world, "First Touch")] == [([lead_id], "Draft")]


def _reads(world, since: int, table: str | None = None) -> int:
    """Record reads (a GET or a listRecords POST) the server logged since the `since`-th call."""
    table_id = world.gw.api.table(world.base_id, table).id if table else ""
    return sum(
        1
        for r in world.calls()[since:]
        if table_id in r["path"]
        and (r["method"] == "GET" or r["path"].split("?")[0].endswith("/listRecords"))
    )


def test_capture__reads_clients_once_alongside_the_leads_and_the_webhook_path_never(world) -> None:
    since = len(world.calls())
    _capture(world, WARM)
    # Before: three reads of Leads (the address, the new lead, its duplicates); now Clients as well, once.
    assert (_reads(world, since), _reads(world, since, "Clients")) == (4, 1)
    lead = world.gw.create(Lead, [{"name": "Lu Wei", "email": "lu@wei.example"}])[0]
    since = len(world.calls())
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "leads", [lead.id], None, created=[lead.id])  # what a webhook ping runs
    assert _reads(world, since, "Clients") == 0 and len(_messages(world, "First Touch")) == 2


def test_business_today__the_form_is_dated_in_the_settings_time_zone(world) -> None:
    """A form sent at 02:00 UTC on 1 January to a business in New York is sent on its 31 December: the
    date a "Q4" or "by the end of the year" is measured from (read from Settings before the run opens)."""
    from datetime import UTC, date, datetime

    from automation.events.context import business_today, clear_caches
    from automation.models import Setting

    world.gw.create(Setting, [{"key": "general.time_zone", "value": "America/New_York"}])
    clear_caches()
    try:
        sent = datetime(2027, 1, 1, 2, 0, tzinfo=UTC)
        assert business_today(world.config, sent) == date(2026, 12, 31)
        assert business_today(world.config, datetime(2027, 1, 1, 5, 0, tzinfo=UTC)) == date(2027, 1, 1)
    finally:
        clear_caches()
