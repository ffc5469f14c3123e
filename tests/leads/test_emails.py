"""What the coach and the leads read: nurture drafts, the Hot alert, the reply and lost-reason asks."""

from __future__ import annotations

import pytest

from automation.leads.emails import (
    EmailText,
    enquiry_alert_draft,
    hot_alert_draft,
    lost_reason_draft,
    nurture_draft,
    reply_alert_draft,
    template_email,
)
from automation.leads.nurture import EmailStep
from automation.settings import BusinessSettings
from tests.leads.factories import TODAY, deal, lead

S = BusinessSettings()
FIRST = EmailStep(1, "Warm", "recLEAD00000001:nurture:1", first=True)


@pytest.mark.parametrize(
    ("facts", "subject"),
    [
        (dict(lead_source="Referral", source_detail="Tom Baker"), "Tom Baker suggested we speak"),
        (dict(lead_source="Referral"), "Thank you for the introduction"),
        # the referrer as people write her into the form or the grid: the lead-in is no part of her name
        (dict(lead_source="Referral", source_detail="Referred by Anna Lee"), "Anna Lee suggested we speak"),
        (
            dict(lead_source="Referral", source_detail="Introduced by Amélie Fournier-Dubois"),
            "Amélie Fournier-Dubois suggested we speak",
        ),
        (dict(lead_source="Referral", source_detail="Hans Meier (client)"), "Hans Meier suggested we speak"),
        (
            dict(lead_source="Referral", source_detail="Empfehlung von Jörg von Arx"),
            "Jörg von Arx suggested we speak",
        ),
        (
            dict(lead_source="Referral", source_detail="recommandée par Chloé Dubois"),
            "Chloé Dubois suggested we speak",
        ),
        (
            dict(lead_source="Referral", source_detail="my colleague at Acme"),
            "Thank you for the introduction",
        ),
        (dict(lead_source="Referral", source_detail="LinkedIn post 2026"), "Thank you for the introduction"),
        (dict(lead_source="Website"), "Thank you for getting in touch"),
        (dict(lead_source="Networking Event"), "Good to meet you"),
        (dict(lead_source="Podcast"), "Thank you for listening"),
        (dict(lead_source=None), "Thank you for getting in touch"),
    ],
)
def test_template_email__first_touch_subject_follows_the_source(facts: dict, subject: str) -> None:
    text = template_email(lead(**facts), FIRST)
    assert text.subject == subject
    assert "20-minute call" in text.body and text.source == "template"


@pytest.mark.parametrize(
    ("sequence", "step", "subject"),
    [
        ("Warm", 2, "A question worth ten minutes"),
        ("Warm", 3, "What tends to change with coaching"),
        ("Warm", 4, "Shall I close the loop?"),
        ("Warm", 5, "Checking in"),
        ("Cool", 2, "Checking in"),
        ("Cold", 7, "Checking in"),
    ],
)
def test_template_email__later_steps(sequence: str, step: int, subject: str) -> None:
    text = template_email(lead(title="COO", company="Acme"), EmailStep(step, sequence, f"k:{step}"))
    assert text.subject == subject
    assert "{" not in text.body


@pytest.mark.parametrize(
    ("title", "phrase"),
    [
        ("COO", "leaders in a COO role"),
        ("Owner", "leaders in an Owner role"),
        ("HR Director", "leaders in an HR Director role"),  # an acronym is read letter by letter
        ("Executive Director", "leaders in an Executive Director role"),
        ("Unit Manager", "leaders in a Unit Manager role"),
    ],
)
def test_template_email__the_role_takes_the_article_it_is_spoken_with(title: str, phrase: str) -> None:
    text = template_email(lead(title=title, company="Acme"), EmailStep(2, "Warm", "k:2"))
    assert phrase in text.body


def test_nurture_draft__waits_for_approval_linked_to_the_lead() -> None:
    d = nurture_draft(lead(), FIRST, EmailText("Hello", "Body text"), S)
    assert (d.kind, d.channel, d.recipient, d.template, d.dedupe_key) == (
        "First Touch",
        "Email",
        "jane@acme.example",
        "letter",
        "recLEAD00000001:nurture:1",
    )
    assert d.kind not in S.messages.auto_send_kinds  # the coach approves what a lead reads
    assert d.links == {"lead": "recLEAD00000001"} and d.data["greeting"] == "Hi Jane,"


def test_nurture_draft__an_ai_draft_says_so_in_its_title() -> None:
    d = nurture_draft(lead(), FIRST, EmailText("S", "B", "AI draft: nurture_email v1, gpt-6-luna"), S)
    assert d.title == "First Touch 1: Jane Doe (AI draft: nurture_email v1, gpt-6-luna)"


def test_hot_alert_draft__one_slack_alert_per_lead_and_day() -> None:
    hot = lead(
        lead_score=88,
        score_tier="Hot",
        title="CEO",
        lead_source="Referral",
        source_detail="Tom",
        score_breakdown="Fit 38/40: x +38\nSource 20/20: referral +20\nScore 88 = Hot",
    )
    d = hot_alert_draft(hot, S, TODAY)
    assert (d.kind, d.channel, d.recipient) == ("Hot Lead Alert", "Slack", S.messages.slack_channel)
    assert d.kind in S.messages.auto_send_kinds
    assert d.dedupe_key == "recLEAD00000001:hot-alert:2026-11-20"
    assert d.data["items"] == ["Fit 38/40: x +38", "Source 20/20: referral +20"]
    assert ["Source", "Referral – Tom"] in d.data["facts"]


def test_lost_reason_draft__asks_the_coach_on_slack() -> None:
    d = lost_reason_draft(deal(deal_name="Acme coaching"), S, "recDEAL00000001:lost-reason:x")
    assert (d.kind, d.channel, d.links) == ("Lost Reason Request", "Slack", {"deal": "recDEAL00000001"})
    assert d.subject == "Why was Acme coaching lost?"


def test_an_unsubscribed_lead_writing_again__the_coach_is_asked_to_answer_not_told_do_not_contact() -> None:
    """She unsubscribed from the marketing emails, then sent the form or a reply: that is a request for an
    answer; the marketing stays stopped."""
    out = lead(
        status="Unsubscribed", nurture_sequence="Stopped", next_action="None: unsubscribed, do not contact"
    )
    for d in (
        enquiry_alert_draft(out, S, TODAY, None, "Can we talk in January?"),
        reply_alert_draft(out, S, TODAY, "recLEAD00000001:reply:x", "Actually, can we talk?"),
    ):
        summary = d.data["summary"]
        assert "do not contact" not in summary and "yours to answer" in summary
        assert "marketing emails stay stopped" in summary
