"""Nurture emails by OpenAI (structured output, explicit timeout), mocked with respx; template fallback; every
call through the daily AI spend gate that the session notes use (System State ai:spend:<day>)."""

from __future__ import annotations

import json

import httpx
import pytest
import respx

from automation.ai.prompts import load_prompt
from automation.leads.ai_writer import PROMPT, write_email
from automation.leads.nurture import EmailStep
from tests.leads.conftest import offline_ctx
from tests.leads.factories import NOW, lead

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
def ai_world(server, tmp_path):
    """A base on the local server (today's AI spend lives in its System State), OpenAI configured."""
    from pydantic import SecretStr

    from tests.leads.http_world import make_world

    world = make_world(server, tmp_path)
    world.config = world.config.model_copy(
        update={"openai_api_key": SecretStr("sk-test"), "openai_base_url": BASE, "openai_timeout_s": 7}
    )
    return world


@pytest.fixture
def ai_ctx(ai_world):
    ctx = ai_world.ctx(now=NOW)
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


def _spend(world) -> float:
    """Today's AI spend as System State holds it (every ai:spend: entry of the business day of NOW)."""
    from automation.models import StateEntry

    ctx = world.ctx(now=NOW)
    try:
        key = f"ai:spend:{ctx.today().isoformat()}"
    finally:
        ctx.run.close()
    return sum(float(e.value or 0) for e in world.gw.all(StateEntry, formula={"key": key}))


def _seed_spend(world, usd: float) -> None:
    from automation.models import StateEntry

    ctx = world.ctx(now=NOW)
    try:
        key = f"ai:spend:{ctx.today().isoformat()}"
    finally:
        ctx.run.close()
    world.gw.upsert(StateEntry, [{"key": key, "value": str(usd)}], merge_on=["key"])


def test_write_email__its_cost_counts_against_todays_ai_spend(ai_world, ai_ctx) -> None:
    """The notes' daily cap covers every AI call: the email's tokens at the Settings prices join today's
    spend in System State, and the run carries its tokens and cost."""
    with respx.mock:
        respx.post(f"{BASE}/chat/completions").mock(return_value=httpx.Response(200, json=completion(GOOD)))
        assert write_email(ai_ctx, LEAD, STEP).source.startswith("AI draft")
    prices = ai_ctx.settings.notes
    cost = 200 * prices.ai_input_usd_per_mtok / 1e6 + 90 * prices.ai_output_usd_per_mtok / 1e6
    assert _spend(ai_world) == pytest.approx(cost, rel=1e-3)
    assert ai_ctx.run.metrics["ai.cost_usd"] == pytest.approx(cost)
    assert (ai_ctx.run.metrics["ai.tokens_in"], ai_ctx.run.metrics["ai.tokens_out"]) == (200, 90)


def test_write_email__over_the_daily_cap_the_template_writes_and_the_run_says_why_once(ai_world) -> None:
    """A busy day of leads after the notes spent the day's budget: no call to OpenAI, every lead still gets
    its email from the template, the coach gets one alert and the run one line, not one per lead."""
    from automation.models import Message

    _seed_spend(ai_world, ai_world.settings.notes.ai_daily_spend_cap_usd + 0.01)
    for _run in range(2):
        ctx = ai_world.ctx(now=NOW)
        try:
            with respx.mock(assert_all_called=False) as mock:
                route = mock.post(f"{BASE}/chat/completions").mock(
                    return_value=httpx.Response(200, json=completion(GOOD))
                )
                texts = [write_email(ctx, lead(id=f"recLEAD{i:08d}", title="COO"), STEP) for i in range(4)]
            assert not route.called
            assert [t.source for t in texts] == ["template"] * 4 and all(t.body for t in texts)
            assert len(ctx.run.problems) == 1 and "spend cap" in ctx.run.problems[0].reason
        finally:
            ctx.run.close()
    alerts = [m for m in ai_world.gw.all(Message) if m.kind == "System Alert" and "cap" in (m.subject or "")]
    assert len(alerts) == 1 and "nurture emails" in (alerts[0].body or "")


def test_write_email__a_call_whose_estimate_would_pass_the_cap_is_not_made(ai_world) -> None:
    """Checked before the call with its estimated cost: a day's spend just under the cap is not carried past
    it by a call expected to cost more than what is left."""
    cap = 0.002
    ai_world.settings = ai_world.settings.model_copy(
        update={
            "notes": ai_world.settings.notes.model_copy(
                update={"ai_daily_spend_cap_usd": cap, "ai_output_usd_per_mtok": 10.0}
            )
        }
    )
    _seed_spend(ai_world, cap - 0.0001)  # under the cap, but 300 answer tokens at $10/M cost $0.003
    ctx = ai_world.ctx(now=NOW)
    try:
        with respx.mock(assert_all_called=False) as mock:
            route = mock.post(f"{BASE}/chat/completions").mock(
                return_value=httpx.Response(200, json=completion(GOOD))
            )
            assert write_email(ctx, LEAD, STEP).source == "template"
        assert not route.called
    finally:
        ctx.run.close()
