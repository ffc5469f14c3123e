"""Nurture emails by OpenAI (structured output, explicit timeout), mocked with respx; template fallback."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from automation.ai.prompts import load_prompt
from automation.leads.ai_writer import PROMPT, write_email
from automation.leads.nurture import EmailStep
from tests.leads.conftest import offline_ctx
from tests.leads.factories import lead

BASE = "http://openai.test/v1"
STEP = EmailStep(2, "Warm", "recLEAD00000001:nurture:2")
LEAD = lead(
    title="COO",
    company="Acme",
    industry="Healthcare",
    lead_source="Podcast",
    replies=1,
    email="jane.private@acme.example",
    notes="private: going through a divorce",
)


def completion(content: str | None, refusal: str | None = None) -> dict:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1,
        "model": "gpt-6-luna",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content, "refusal": refusal},
            }
        ],
        "usage": {"prompt_tokens": 200, "completion_tokens": 90, "total_tokens": 290},
    }


GOOD = json.dumps({"subject": "One idea for your first 90 days", "body": "Para one.\n\nPara two."})


@pytest.fixture
def ai_ctx():
    ctx = offline_ctx(openai_api_key="sk-test", openai_base_url=BASE, openai_timeout_s=7)
    yield ctx
    ctx.run.close()


def test_prompt__has_a_name_and_a_version() -> None:
    p = load_prompt(PROMPT)
    assert (p.name, p.version) == ("nurture_email", "1")
    assert "{first_name}" in p.user and "{coach_name}" in p.system


def test_write_email__without_a_key_uses_the_template(ctx) -> None:
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(f"{BASE}/chat/completions")
        text = write_email(ctx, LEAD, STEP)
    assert text.source == "template" and not route.called


def test_write_email__with_a_key_asks_openai_for_structured_output(ai_ctx) -> None:
    with respx.mock:
        route = respx.post(f"{BASE}/chat/completions").mock(
            return_value=httpx.Response(200, json=completion(GOOD))
        )
        text = write_email(ai_ctx, LEAD, STEP)
    assert (text.subject, text.body) == ("One idea for your first 90 days", "Para one.\n\nPara two.")
    assert text.source == "AI draft: nurture_email v1, gpt-6-luna"
    sent = json.loads(route.calls.last.request.content)
    assert sent["model"] == "gpt-6-luna"
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["name"] == "NurtureEmailOut"
    prompt = json.dumps(sent["messages"])
    assert "COO" in prompt and "Podcast" in prompt and "1 replies" in prompt
    assert "jane.private@acme.example" not in prompt and "divorce" not in prompt  # only business facts
    timeout = route.calls.last.request.extensions["timeout"]
    assert 0 < timeout["read"] <= 7


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(500, json={"error": {"message": "boom"}}),
        httpx.Response(429, json={"error": {"message": "slow down"}}),
        httpx.Response(200, json=completion(None, refusal="I can't help with that")),
        httpx.Response(200, json=completion(json.dumps({"subject": " ", "body": "x"}))),
        httpx.TimeoutException("read timed out"),
    ],
    ids=["server_error", "rate_limited", "refusal", "empty_subject", "timeout"],
)
def test_write_email__any_ai_failure_falls_back_to_the_template_once(ai_ctx, response) -> None:
    with respx.mock:
        route = respx.post(f"{BASE}/chat/completions")
        route.mock(side_effect=response) if isinstance(response, Exception) else route.mock(
            return_value=response
        )
        text = write_email(ai_ctx, LEAD, STEP)
    assert text.source == "template" and text.subject == "A question worth ten minutes"
    assert route.call_count == 1  # no retries: the budget belongs to the webhook
    assert [p.reason for p in ai_ctx.run.problems] == [
        ai_ctx.run.problems[0].reason
    ] and "template text was used" in ai_ctx.run.problems[0].reason


def test_write_email__too_little_time_left_uses_the_template() -> None:
    ctx = offline_ctx(budget_s=3.5, openai_api_key="sk-test", openai_base_url=BASE)
    try:
        with respx.mock(assert_all_called=False) as mock:
            route = mock.post(f"{BASE}/chat/completions")
            assert write_email(ctx, LEAD, STEP).source == "template"
        assert not route.called
    finally:
        ctx.run.close()
