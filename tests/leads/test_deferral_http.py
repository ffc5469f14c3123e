"""A lead who replies "not now, try me in March", through the real path against the local server: the reply
recorded (as the inbound endpoint records it), then the leads-daily cron on days before the date and on it.
The expectations are the coach's: nothing goes to the lead before then, Follow-up Due is that date with a
Next Action saying why, the alert says what was understood, and on the date the brief lists her."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from automation import registry
from automation.events.catalog import get_plan
from automation.leads.capture import LeadForm, capture
from automation.leads.daily import leads_daily
from automation.leads.replies import InboundEmail, record_reply
from automation.models import Lead, Message
from automation.reports.brief import follow_ups_due
from tests.leads.http_world import LEADS_CATALOG

DAY0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)  # a Monday morning in London
MARCH = date(2027, 3, 1)
MARKETING = ("First Touch", "Nurture Email")


@pytest.fixture(autouse=True)
def _catalog(world, monkeypatch):
    monkeypatch.setattr(registry, "CATALOG", (*LEADS_CATALOG, "automation.messages.automations"))
    get_plan.cache_clear()
    yield
    get_plan.cache_clear()


def _form(world, **payload: object) -> str:
    base = {
        "company": "Fabrikam",
        "title": "Head of Operations",
        "company_size": 300,
        "timeline": "1-3 months",
    }
    ctx = world.ctx(now=DAY0)
    with ctx.run:
        return capture(ctx, LeadForm.model_validate({**base, **payload}))[1]


def _reply(world, sender: str, text: str, msgid: str, now: datetime) -> dict:
    ctx = world.ctx(now=now)
    with ctx.run:
        return record_reply(ctx, InboundEmail(sender, "Re: hello", text, msgid))


def _daily(world, now: datetime) -> None:
    ctx = world.ctx(now=now, budget_s=120, job="leads-daily")
    with ctx.run:
        leads_daily(ctx)


def _marketing(world, lead_id: str) -> list[Message]:
    return [m for m in world.gw.all(Message) if lead_id in (m.lead or []) and m.kind in MARKETING]


def _listed(world, lead_id: str, today: date) -> bool:
    return lead_id in {rid for rid, _ in follow_ups_due(world.gw.all(Lead), today)}


def test_try_me_in_march__held_until_march_then_listed_for_the_coach_on_the_day(world) -> None:
    lead_id = _form(world, name="Marta Lopez", email="marta@fabrikam.example")
    text = "Not right now, but try me again in March.\n\nOn Mon, 7 Dec 2026, Sarah wrote:\n> Hello Marta"
    assert (
        _reply(world, "marta@fabrikam.example", text, "<m1@fabrikam>", DAY0 + timedelta(days=1))["status"]
        == "recorded"
    )
    lead = world.gw.get(Lead, lead_id)
    assert (lead.nurture_sequence, lead.follow_up_due) == ("Paused", MARCH)
    assert "asked to hear again from 2027-03-01" in lead.next_action and "in March" in lead.next_action
    (alert,) = [m for m in world.gw.all(Message) if m.kind == "Reply Alert"]
    assert "Understood" in alert.body and "2027-03-01" in alert.body and "in March" in alert.body
    for day in (2, 9, 30, 60, 83):  # up to 28 February
        _daily(world, DAY0 + timedelta(days=day))
        assert not _listed(world, lead_id, (DAY0 + timedelta(days=day)).date())
    assert len(_marketing(world, lead_id)) == 1  # the first touch only, from before her reply
    on_the_day = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    _daily(world, on_the_day)
    lead = world.gw.get(Lead, lead_id)
    assert lead.follow_up_due == MARCH and "asked to hear again" in lead.next_action
    assert _listed(world, lead_id, MARCH) and len(_marketing(world, lead_id)) == 1


def test_a_deferral_that_asks_a_question_is_due_now_then_waits_for_its_date(world) -> None:
    lead_id = _form(world, name="Ken Ito", email="ken@fabrikam.example")
    text = "Not now, but can you send a price list? Then try me again in March."
    _reply(world, "ken@fabrikam.example", text, "<k1@fabrikam>", DAY0 + timedelta(days=1))
    lead = world.gw.get(Lead, lead_id)
    assert lead.follow_up_due == date(2026, 12, 8) and lead.next_action.startswith(
        "Answer Ken Ito's question"
    )
    assert _listed(world, lead_id, date(2026, 12, 8))
    # The coach answers her question on the 9th (Last Contact): the date she named is next.
    world.gw.update(Lead, [(lead, {"last_contact": date(2026, 12, 9)})])
    _daily(world, DAY0 + timedelta(days=3))
    lead = world.gw.get(Lead, lead_id)
    assert (lead.nurture_sequence, lead.follow_up_due) == ("Paused", MARCH)
    assert lead.next_action.startswith("Ken Ito asked to hear again from 2027-03-01")
    assert len(_marketing(world, lead_id)) == 1


def test_a_deferral_costs_no_more_airtable_calls_than_a_plain_reply(world) -> None:
    plain = _form(world, name="Ann Plain", email="ann@plain.example")
    later = _form(world, name="Bea Later", email="bea@later.example")
    counts = []
    for sender, text, lead_id in (
        ("ann@plain.example", "Thanks, but we went with another provider.", plain),
        ("bea@later.example", "Not right now, circle back after the summer.", later),
    ):
        before = len(world.calls())
        _reply(world, sender, text, f"<{lead_id}@x>", DAY0 + timedelta(days=1))
        counts.append(len(world.calls()) - before)
    assert counts[1] <= counts[0]
    assert world.gw.get(Lead, plain).next_action.startswith("Reply to Ann Plain")  # a plain no: as before
    assert world.gw.get(Lead, later).follow_up_due == date(2027, 9, 1)


def test_a_new_reply_before_the_date_is_answered_now(world) -> None:
    lead_id = _form(world, name="Cy Again", email="cy@again.example")
    _reply(world, "cy@again.example", "Not now, try me in March.", "<c1@x>", DAY0 + timedelta(days=1))
    _reply(world, "cy@again.example", "Actually, can we talk this week?", "<c2@x>", DAY0 + timedelta(days=2))
    lead = world.gw.get(Lead, lead_id)
    assert lead.next_action.startswith("Reply to Cy Again") and lead.follow_up_due == date(2026, 12, 9)
