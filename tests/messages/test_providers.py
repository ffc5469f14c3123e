"""SendGrid and Slack providers against local HTTP fakes: the real SDKs, real sockets, scripted answers."""

from __future__ import annotations

import time

import pytest

from automation.messages.providers import (
    OutcomeUnknown,
    ProviderRejected,
    ProviderUnavailable,
)
from automation.messages.providers.base import Envelope, retry_after_seconds
from automation.messages.providers.sendgrid import CUSTOM_ARG, SendGridProvider
from automation.messages.providers.slack import SlackBotProvider, SlackWebhookProvider
from automation.messages.slack_blocks import blocks_for
from tests.messages.fakes import (
    Reply,
    SendGridFake,
    SlackFake,
    sendgrid_error,
    slack_error,
    slack_rate_limited,
)

EMAIL = Envelope(
    message_id="recMSG000000000001",
    channel="Email",
    kind="Nurture Email",
    to="jo@acme.example",
    to_name="Jo Bloggs",
    subject="A thought",
    text="Hello Jo\n",
    html="<p>Hello Jo</p>",
    from_name="Sarah Cave",
    reply_to="sarah@example.com",
    headers={"List-Unsubscribe": "<https://x/u>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
)
SLACK = Envelope(
    message_id="recMSG000000000002",
    channel="Slack",
    kind="Hot Lead Alert",
    to="#coaching-ops",
    subject="Hot lead: Jo",
    text="Jo at Acme scored 91.\n\nOpen lead: https://airtable.com/app/rec",
    blocks=blocks_for("Hot lead: Jo", "Jo at Acme scored 91.\n\nOpen lead: https://airtable.com/app/rec"),
)


def _deadline(seconds: float = 20.0) -> float:
    return time.monotonic() + seconds


@pytest.fixture
def sendgrid():
    with SendGridFake() as fake:
        yield fake


@pytest.fixture
def slack():
    with SlackFake() as fake:
        yield fake


def _sg(fake: SendGridFake, timeout_s: float = 5.0) -> SendGridProvider:
    return SendGridProvider(
        "SG.test-key", "Sarah Cave <sarah@example.com>", host=fake.url, timeout_s=timeout_s
    )


def test_sendgrid_send__posts_the_mail_with_custom_args_and_headers(sendgrid):
    accepted = _sg(sendgrid).send(EMAIL, _deadline())
    (req,) = sendgrid.sends
    body = req.json()
    assert accepted.provider == "sendgrid" and accepted.provider_id == "sgmsg0001"
    assert req.headers["authorization"] == "Bearer SG.test-key"
    assert body["custom_args"] == {CUSTOM_ARG: "recMSG000000000001"}
    assert body["personalizations"] == [{"to": [{"email": "jo@acme.example", "name": "Jo Bloggs"}]}]
    assert body["from"] == {"email": "sarah@example.com", "name": "Sarah Cave"}
    assert [c["type"] for c in body["content"]] == ["text/plain", "text/html"]
    assert body["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert body["categories"] == ["Nurture Email"]
    assert "reply_to" not in body  # same as the sender


def test_sendgrid_send__429_then_202_is_sent_once_after_retry_after(sendgrid):
    sendgrid.then(sendgrid_error(429, "too many requests", **{"Retry-After": "1"}))
    started = time.monotonic()
    accepted = _sg(sendgrid).send(EMAIL, _deadline())
    assert len(sendgrid.sends) == 2
    assert accepted.attempts == 2 and accepted.provider_id.startswith("sgmsg")
    assert time.monotonic() - started >= 0.9  # it waited as SendGrid asked


def test_sendgrid_send__400_is_rejected_with_sendgrids_reason_and_not_retried(sendgrid):
    sendgrid.then(sendgrid_error(400, "The from address does not match a verified Sender Identity.", "from"))
    with pytest.raises(ProviderRejected) as info:
        _sg(sendgrid).send(EMAIL, _deadline())
    assert len(sendgrid.sends) == 1
    assert info.value.status == 400
    assert info.value.reason == (
        "SendGrid 400: The from address does not match a verified Sender Identity. (field from)"
    )


def test_sendgrid_send__5xx_until_the_deadline_is_unavailable(sendgrid):
    sendgrid.then(*[sendgrid_error(503, "unavailable", **{"Retry-After": "1"})] * 10)
    with pytest.raises(ProviderUnavailable) as info:
        _sg(sendgrid).send(EMAIL, _deadline(3.5))
    assert 1 <= len(sendgrid.sends) <= 3  # Retry-After 1 s + at least 1 s per attempt fit in 3.5 s
    assert "SendGrid 503: unavailable" in info.value.reason


def test_sendgrid_send__retry_after_beyond_the_budget_is_not_waited_for(sendgrid):
    sendgrid.then(sendgrid_error(429, "slow down", **{"Retry-After": "60"}))
    started = time.monotonic()
    with pytest.raises(ProviderUnavailable):
        _sg(sendgrid).send(EMAIL, _deadline(10))
    assert len(sendgrid.sends) == 1 and time.monotonic() - started < 5


def test_sendgrid_send__a_timeout_is_outcome_unknown_and_not_retried(sendgrid):
    sendgrid.then(Reply(202, "", {"X-Message-Id": "late"}, delay_s=1.5))
    with pytest.raises(OutcomeUnknown):
        _sg(sendgrid, timeout_s=0.5).send(EMAIL, _deadline())
    assert len(sendgrid.sends) == 1


def test_sendgrid_send__connection_refused_is_unavailable():
    provider = SendGridProvider("SG.k", "a@b.example", host="http://127.0.0.1:9", timeout_s=1)
    with pytest.raises(ProviderUnavailable):
        provider.send(EMAIL, _deadline(2.5))


def _bot(fake: SlackFake) -> SlackBotProvider:
    return SlackBotProvider("xoxb-test", default_channel="#ops", base_url=fake.url + "/api/", timeout_s=5)


def test_slack_bot__posts_blocks_with_a_plain_text_fallback(slack):
    accepted = _bot(slack).send(SLACK, _deadline())
    (req,) = slack.posts
    body = req.json()
    assert req.headers["authorization"] == "Bearer xoxb-test"
    assert body["channel"] == "#coaching-ops"
    assert body["text"].startswith("Hot lead: Jo\nJo at Acme scored 91.")
    assert body["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Hot lead: Jo", "emoji": True},
    }
    assert body["blocks"][-1]["text"]["text"] == "<https://airtable.com/app/rec|Open lead>"
    assert accepted.provider_id == "#coaching-ops/1700000000.000001"


def test_slack_bot__429_with_retry_after_is_waited_then_posted_once(slack):
    slack.then(slack_rate_limited(1))
    started = time.monotonic()
    accepted = _bot(slack).send(SLACK, _deadline())
    assert len(slack.posts) == 2 and accepted.provider == "slack"
    assert time.monotonic() - started >= 0.9


def test_slack_bot__429_beyond_the_budget_is_unavailable(slack):
    slack.then(slack_rate_limited(30))
    with pytest.raises(ProviderUnavailable) as info:
        _bot(slack).send(SLACK, _deadline(5))
    assert len(slack.posts) == 1 and info.value.status == 429


def test_slack_bot__an_api_error_is_rejected_with_slacks_reason(slack):
    slack.then(slack_error("channel_not_found"))
    with pytest.raises(ProviderRejected) as info:
        _bot(slack).send(SLACK, _deadline())
    assert info.value.reason == "Slack 200: channel_not_found"


def test_slack_webhook__posts_blocks_and_text_to_the_webhook_url(slack):
    accepted = SlackWebhookProvider(slack.url + "/services/T000/B000/XXXX").send(SLACK, _deadline())
    (req,) = slack.requests
    assert req.path == "/services/T000/B000/XXXX"
    assert req.json()["blocks"] == SLACK.blocks and req.json()["text"].startswith("Hot lead: Jo")
    assert accepted.provider == "slack-webhook"


def test_slack_webhook__429_then_ok_is_posted_once_more(slack):
    slack.then(slack_rate_limited(1))
    SlackWebhookProvider(slack.url + "/services/T/B/X").send(SLACK, _deadline())
    assert len(slack.requests) == 2


def test_slack_webhook__a_refusal_carries_slacks_words(slack):
    slack.then(Reply(400, "invalid_blocks"))
    with pytest.raises(ProviderRejected, match="invalid_blocks"):
        SlackWebhookProvider(slack.url + "/services/T/B/X").send(SLACK, _deadline())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("2", 2.0),
        ("0.5", 0.5),
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ],
    ids=["absent", "empty", "seconds", "fraction", "garbage", "past-date"],
)
def test_retry_after_seconds(value, expected):
    assert retry_after_seconds(value) == expected
