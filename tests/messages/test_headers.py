"""What becomes a header stays one header: subjects and names on one line, one address per email, names
quoted the way SendGrid reads them (it splits a recipient's name on "," and ";")."""

from __future__ import annotations

import pytest

from automation.config import Config
from automation.messages.draft import Draft
from automation.messages.envelope import NotSendable, envelope_for
from automation.messages.headers import display_name, one_line
from automation.messages.providers.base import Envelope
from automation.messages.providers.sendgrid import request_body
from automation.messages.render import render
from automation.models import Message
from automation.settings import settings_from_mapping

SETTINGS = settings_from_mapping({"general.business_name": "Leadership Secret"})
CONFIG = Config(  # type: ignore[call-arg]
    _env_file=None,
    airtable_api_key="patTest",
    airtable_base_id="appTest",
    app_secret="headers-test-secret-0123456789",
    public_base_url="https://coach.example",
)


def _draft(**changes):
    values = dict(
        kind="Session Notes",
        channel="Email",
        recipient="jo@acme.example",
        subject="Notes from today",
        template="letter",
        dedupe_key="recS1:notes",
        data={"body": "Hello"},
    )
    return Draft(**{**values, **changes})


def _stored(**fields):
    values = dict(
        id="recMsg1",
        kind="Session Notes",
        channel="Email",
        recipient="jo@acme.example",
        recipient_name="Jo Bloggs",
        subject="Notes from today",
        body="Hello Jo\n",
        status="Approved",
    )
    return Message.model_validate({**values, **fields})


@pytest.mark.parametrize(
    ("typed", "line"),
    [
        ("Notes\r\nBcc: evil@x.example", "Notes Bcc: evil@x.example"),
        ("A\tB\x0bC\x00D", "A B C D"),
        ("  Your  invoice\u2028is ready ", "Your invoice is ready"),
        ("שלום \u200fעולם 🎉", "שלום \u200fעולם 🎉"),  # a right-to-left mark is text, not a break
    ],
)
def test_one_line(typed, line):
    assert one_line(typed) == line


def test_draft__a_subject_with_a_line_break_is_stored_on_one_line():
    assert _draft(subject="Notes\r\nBcc: evil@x.example").subject == "Notes Bcc: evil@x.example"


def test_draft__a_blank_subject_is_refused():
    with pytest.raises(ValueError, match="subject is blank"):
        _draft(subject=" \r\n ")


@pytest.mark.parametrize(
    "recipient",
    [
        "jo@acme.example\r\nbcc:evil@x.example",
        "jo@acme.example,al@acme.example",
        "jo@acme.example; al@acme.example",
        "Jo<jo@acme.example>",
        "jo@",
        "@acme.example",
        "jo@acme",
        "jo@@acme.example",
        "jo@acme..example",
        # a hand edit that no mail server delivers (SendGrid takes some, the outbox all): refused up front
        "mailto:jo@acme.example",
        ".jo@acme.example",
        "jo.@acme.example",
        "jo..smith@acme.example",
        "jo@acme_corp.example",
        "jo@-acme.example",
        "jo@acme-.example",
        "jo@acme.example\u200b",  # a zero-width space pasted with it
    ],
)
def test_draft__anything_but_one_address_is_refused(recipient):
    with pytest.raises(ValueError, match="is not an email address"):
        _draft(recipient=recipient)


@pytest.mark.parametrize(
    "recipient",
    ["  Jo.Smith@ACME.example ", "josé@bücher.example", "a+tag@x.co.uk", "o'neil_j-x@my-firm.example"],
)
def test_draft__one_address_in_any_case_or_script_is_accepted(recipient):
    assert _draft(recipient=recipient).recipient == recipient


def test_render__subject_is_one_line_in_the_result_and_the_html_title():
    out = render(
        "letter",
        {"body": "Hi"},
        channel="Email",
        subject="Notes\nfrom today",
        recipient_name="Jo",
        settings=SETTINGS,
    )
    assert out.subject == "Notes from today"
    assert "<title>Notes from today</title>" in (out.html or "")


@pytest.mark.parametrize(
    ("name", "sent"),
    [
        ("Smith, Jo", '"Smith, Jo"'),
        ("Jo; CEO", '"Jo; CEO"'),
        ('Jo "JJ" Smith, PhD', '"Jo \\"JJ\\" Smith, PhD"'),
        ('"Smith, Jo"', '"Smith, Jo"'),  # quoted already: not quoted twice
        ("Jo\r\nBcc: evil@x.example", '"Jo Bcc: evil@x.example"'),
        ("Seán O'Brien", "Seán O'Brien"),
        ("Dr. Jo Bloggs", "Dr. Jo Bloggs"),
        ("  ", None),
    ],
)
def test_display_name__as_sendgrid_reads_a_name(name, sent):
    assert display_name(name) == sent


def test_sendgrid_body__names_quoted_subject_one_line_blank_name_left_out():
    envelope = Envelope(
        message_id="recMsg1",
        channel="Email",
        kind="Invoice",
        to="jo@acme.example",
        to_name="Bloggs, Jo",
        subject="Invoice\r\nINV-0042",
        text="Hello",
    )
    body = request_body(envelope, "sarah@coach.example", "Cave, Sarah")
    assert body["personalizations"] == [{"to": [{"email": "jo@acme.example", "name": '"Bloggs, Jo"'}]}]
    assert body["from"] == {"email": "sarah@coach.example", "name": '"Cave, Sarah"'}
    assert body["subject"] == "Invoice INV-0042"
    blank = Envelope(**{**envelope.__dict__, "to_name": " "})
    assert request_body(blank, "sarah@coach.example")["personalizations"][0]["to"] == [
        {"email": "jo@acme.example"}
    ]


def test_envelope__the_coachs_edits_are_sent_on_one_line():
    envelope = envelope_for(
        _stored(subject="Notes\nfrom today", recipient_name="Jo\r\nBcc: x@y.example"), SETTINGS, CONFIG
    )
    assert envelope.subject == "Notes from today"
    assert envelope.to_name == "Jo Bcc: x@y.example"


def test_envelope__an_edit_kept_with_crlf_line_ends_shows_one_footer():
    rendered = render(
        "letter", {"body": "As drafted"}, channel="Email", subject="S", recipient_name="Jo", settings=SETTINGS
    )
    edited = "Edited by the coach\r\n\r\n--\r\nLeadership Secret · 1 High St\r\n"
    envelope = envelope_for(_stored(body=edited, body_html=rendered.html), SETTINGS, CONFIG)
    html = envelope.html or ""
    assert "Edited by the coach" in html and "As drafted" not in html
    assert html.count("Leadership Secret &middot;") == 1 and "Leadership Secret ·" not in html
    assert "\r" not in envelope.text


def test_envelope__a_line_the_coach_types_below_the_footer_is_sent_above_it_in_both_versions():
    """The Body ends with our footer, so "See you soon!" typed at its very end lands below it: it is her
    line and reaches the client (it was dropped from the HTML, which is built from the words alone)."""
    rendered = render(
        "letter",
        {"body": "Hi Maya,\n\nThe notes."},
        channel="Email",
        subject="S",
        recipient_name="Maya",
        settings=SETTINGS,
    )
    edited = rendered.text.rstrip() + "\n\nSee you soon!"
    envelope = envelope_for(_stored(body=edited, body_html=rendered.html), SETTINGS, CONFIG)
    html = envelope.html or ""
    assert "See you soon!" in html and html.index("See you soon!") < html.index("Leadership Secret &middot;")
    assert envelope.text.index("See you soon!") < envelope.text.index("\n--\n")
    assert envelope.text.count("Leadership Secret ·") == 1


def test_envelope__the_coachs_own_signature_dashes_stay_in_her_words():
    edited = "Hi Jo,\n\nAll the best\n--\nSarah Cave\nExecutive coach\n\n--\nLeadership Secret · 1 High St\n"
    envelope = envelope_for(_stored(body=edited, body_html=None), SETTINGS, CONFIG)
    html = envelope.html or ""
    assert "Executive coach" in html and html.count("Leadership Secret &middot;") == 1
    assert envelope.text == edited


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"recipient": "jo@acme.example, al@acme.example"}, "is not an email address"),
        ({"recipient": ""}, "email recipient is empty"),
        ({"subject": "  "}, "has no subject"),
        ({"body": " \n"}, "has no text"),
        ({"channel": "Slack", "recipient": "#ops", "subject": "", "body": ""}, "has no text"),
        # Channel switched from Email to Slack with the address left; a person typed; a name with a space
        ({"channel": "Slack"}, "not a Slack channel.*set Channel back to Email"),
        ({"channel": "Slack", "recipient": "@jo"}, "not a Slack channel"),
        ({"channel": "Slack", "recipient": "coaching ops"}, "not a Slack channel: one #channel-name"),
    ],
)
def test_envelope__a_message_that_cannot_leave_says_why(fields, reason):
    with pytest.raises(NotSendable, match=reason):
        envelope_for(_stored(**fields), SETTINGS, CONFIG)


@pytest.mark.parametrize("recipient", ["#coaching-ops", "coaching_ops", "C0123ABCD", "U0456EFGH", "", None])
def test_envelope__a_slack_channel_name_or_id_or_the_default_goes(recipient):
    envelope = envelope_for(_stored(channel="Slack", recipient=recipient), SETTINGS, CONFIG)
    assert envelope.to == (recipient or SETTINGS.messages.slack_channel)
