"""The reader of a reply that puts contact off ("not now, try me in March"), on the truth table written
before it existed (tests/leads/data/deferral_replies.json), and nurture's hold of the date it read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from automation.leads.deferral import read_deferral
from automation.leads.nurture import deferral_action, plan_nurture
from automation.leads.replies import InboundEmail, opt_out
from automation.settings.leads import NurtureSettings

CASES = json.loads((Path(__file__).parent / "data" / "deferral_replies.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_read_deferral__the_date_the_coach_would_understand(case: dict) -> None:
    mail = InboundEmail("lead@example.com", "Re: hello", case["text"], "<1@example.com>")
    assert opt_out(mail) == bool(case.get("opt_out"))  # an opt-out never reaches the reader
    if opt_out(mail):
        return
    got = read_deferral(mail.new_text(), date.fromisoformat(case["today"]), case["zone"])
    if case["expect"] is None:
        assert got is None
    else:
        assert got is not None and got.until.isoformat() == case["expect"]
        assert got.asks_now == bool(case.get("asks_now"))
        assert got.words and got.words.lower() in mail.new_text().lower()  # her words, as she wrote them


def test_read_deferral__a_month_named_without_words_putting_contact_off_defers_nothing() -> None:
    assert read_deferral("We launch in March and need help before then.", date(2026, 12, 7)) is None


def test_read_deferral__two_months_named_is_not_guessed_between() -> None:
    assert read_deferral("I am away in January; try me in March.", date(2026, 12, 7)) is None


def _lead(**fields: object) -> SimpleNamespace:
    base = {
        "id": "rec1", "name": "Marta Lopez", "email": "marta@fabrikam.example", "company": None,
        "status": "Engaged", "email_status": None, "nurture_sequence": "Warm", "nurture_step": 1,
        "replies": 1, "meetings": 0, "last_engagement": date(2026, 12, 8), "last_contact": date(2026, 12, 7),
        "follow_up_due": date(2027, 3, 1), "duplicate_of": None, "phone": None,
        "next_action": deferral_action("Marta Lopez", date(2027, 3, 1), "in March"),
    }  # fmt: skip
    return SimpleNamespace(**{**base, **fields})


def test_nurture__a_deferred_lead_is_held_for_her_date_not_told_reply_to() -> None:
    lead = _lead()
    for today in (date(2026, 12, 9), date(2027, 2, 28), date(2027, 3, 1), date(2027, 3, 20)):
        plan = plan_nurture(lead, "Warm", NurtureSettings(), today)
        assert plan.email is None
        assert plan.fields.get("nurture_sequence") == "Paused"
        assert plan.fields.get("follow_up_due", lead.follow_up_due) == date(2027, 3, 1)
        assert plan.fields.get("next_action", lead.next_action) == lead.next_action


def test_nurture__the_coach_writing_before_the_date_does_not_restart_the_sequence() -> None:
    lead = _lead(last_contact=date(2026, 12, 10), nurture_sequence="Paused")
    plan = plan_nurture(lead, "Warm", NurtureSettings(), date(2026, 12, 11))
    assert plan.email is None and plan.fields["nurture_sequence"] == "Paused"


def test_nurture__once_the_coach_wrote_on_or_after_the_date_the_ordinary_sequence_applies() -> None:
    lead = _lead(last_contact=date(2027, 3, 2), nurture_sequence="Paused")
    plan = plan_nurture(lead, "Warm", NurtureSettings(), date(2027, 3, 3))
    assert (
        plan.fields["nurture_sequence"] == "Warm" and "asked to hear again" not in plan.fields["next_action"]
    )


def test_nurture__her_question_now_first_then_the_date_once_the_coach_answered() -> None:
    action = deferral_action("Marta Lopez", date(2027, 3, 1), "in March", asks_now=True)
    asking = _lead(next_action=action, follow_up_due=date(2026, 12, 8))
    plan = plan_nurture(asking, "Warm", NurtureSettings(), date(2026, 12, 9))
    assert plan.fields.get("follow_up_due", asking.follow_up_due) == date(2026, 12, 8)  # due now
    answered = _lead(next_action=action, follow_up_due=date(2026, 12, 8), last_contact=date(2026, 12, 9))
    plan = plan_nurture(answered, "Warm", NurtureSettings(), date(2026, 12, 10))
    assert plan.fields["follow_up_due"] == date(2027, 3, 1)
    assert plan.fields["next_action"] == deferral_action("Marta Lopez", date(2027, 3, 1), "in March")
