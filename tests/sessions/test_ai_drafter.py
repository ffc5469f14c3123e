"""The AI drafter at its HTTP layer (respx on the OpenAI SDK's httpx): the request carries the schema,
refusal / timeout / malformed output fall back to the rules and are recorded, cost comes from usage, no
client content leaves without AI Consent, and the daily spend cap stops calls and tells the coach once."""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime

import httpx
import pytest
import respx
from pydantic import SecretStr

from automation.ai.notes import AiCall, draft_notes_ai
from automation.context import JobContext
from automation.models import Message, StateEntry
from automation.run_context import run_scope
from automation.sessions.draft import ModelRef, NotesInput
from automation.sessions.drafting import draft_notes

BASE = "http://openai.test/v1"
URL = f"{BASE}/chat/completions"
NOTES = "Dana to hand the weekly KPI report to Sam by Friday. She might ask HR about a budget."
INP = NotesInput(NOTES, date(2026, 3, 3), "Dana Whitfield", "Sarah Cave", date(2026, 3, 17),
                 models=(ModelRef("GROW Model"), ModelRef("Radical Candor")))  # fmt: skip
CALL = AiCall(api_key="sk-test", model="gpt-test", base_url=BASE, timeout_s=2, max_retries=0,
              usd_per_mtok_in=1.0, usd_per_mtok_out=4.0)  # fmt: skip
GOOD = {
    "summary": "Dana worked on delegation.",
    "key_outcomes": ["Hand over the KPI report"],
    "action_items": [
        {"description": "Hand the weekly KPI report to Sam", "owner": "client", "due": "2026-03-06",
         "priority": "Medium", "tentative": False, "receipt": "“Dana to hand …” — due from 'by Friday'"},
        {"description": "Ask HR about a budget", "owner": "client", "due": None, "priority": "Medium",
         "tentative": True, "receipt": "“She might ask HR …” — no date given"},
    ],
    "leadership_models": ["grow model", "Made Up Model"],
    "next_topics": ["The handover"],
}  # fmt: skip


def completion(content: str | None, refusal: str | None = None, finish: str = "stop") -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 1770000000,
            "model": "gpt-test",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content, "refusal": refusal},
                    "finish_reason": finish,
                    "logprobs": None,
                }
            ],
            "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500},
        },
    )


@respx.mock
def test_ai_draft__request_carries_the_schema_and_the_answer_becomes_the_notes_model() -> None:
    route = respx.post(URL).mock(return_value=completion(json.dumps(GOOD)))
    result = draft_notes_ai(INP, CALL)
    body = json.loads(route.calls.last.request.content)
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    props = fmt["json_schema"]["schema"]["properties"]
    assert set(props) == {"summary", "key_outcomes", "action_items", "leadership_models", "next_topics"}
    item = fmt["json_schema"]["schema"]["$defs"]["AiItem"]
    assert set(item["required"]) == {"description", "owner", "due", "priority", "tentative", "receipt"}
    assert item["properties"]["owner"]["enum"] == ["client", "coach", "associate"]
    assert body["model"] == "gpt-test"
    assert "GROW Model" in body["messages"][0]["content"] and NOTES in body["messages"][1]["content"]
    assert result.fallback_reason == ""
    draft = result.draft
    assert draft.drafter == "AI: gpt-test (session_notes v3)"
    assert draft.leadership_models == ["GROW Model"]  # only titles of the table, as the table spells them
    assert [(i.due, i.tentative, i.priority) for i in draft.action_items] == [
        (date(2026, 3, 6), False, "Medium"), (None, True, "Low")]  # fmt: skip
    assert (result.tokens_in, result.tokens_out) == (1200, 300)
    assert result.cost_usd == pytest.approx(1200 * 1.0 / 1e6 + 300 * 4.0 / 1e6)


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (completion(None, refusal="I can't help with that."), "refusal"),
        (completion('{"summary": "only this"}'), "malformed"),
        (completion("not json at all"), "malformed"),
        (completion(json.dumps(GOOD)[:50], finish="length"), "malformed"),
        (httpx.ReadTimeout("slow"), "timeout"),
        (httpx.Response(500, json={"error": {"message": "boom"}}), "api error"),
    ],
    ids=["refusal", "missing-fields", "not-json", "truncated", "timeout", "server-error"],
)
@respx.mock
def test_ai_draft__failures_fall_back_to_the_rules_with_the_reason(response, reason: str) -> None:
    route = respx.post(URL)
    if isinstance(response, Exception):
        route.mock(side_effect=response)
    else:
        route.mock(return_value=response)
    result = draft_notes_ai(INP, CALL)
    assert result.fallback_reason.startswith(reason), result.fallback_reason
    assert result.draft.drafter == "rules (not AI)"
    assert any("KPI report" in i.description for i in result.draft.action_items)


@respx.mock
def test_ai_draft__a_due_date_that_names_no_day_drops_that_date_not_the_answer() -> None:
    """2026-02-30 on one item is that item's bad date (said on its receipt); the rest of the answer stands."""
    items = [{**GOOD["action_items"][0], "due": "2026-02-30"}, GOOD["action_items"][1]]
    respx.post(URL).mock(return_value=completion(json.dumps({**GOOD, "action_items": items})))
    result = draft_notes_ai(INP, CALL)
    assert result.fallback_reason == "" and result.draft.summary == GOOD["summary"]
    first = result.draft.action_items[0]
    assert first.due is None and "2026-02-30" in first.receipt and "dropped" in first.receipt


def _ctx(config, gateway=None) -> JobContext:
    from automation.settings import BusinessSettings

    run = run_scope("test", "Manual", budget_s=30)
    return JobContext(gateway=gateway, config=config, settings=BusinessSettings(), run=run,  # type: ignore[arg-type]
                      now=datetime(2026, 3, 3, 12, tzinfo=UTC), deadline=time.monotonic() + 30)  # fmt: skip


def _draft_in_a_job(world):
    """The notes drafted with consent in a run of their own: (the draft, the run's metrics, its problems)."""
    ctx = _ctx(world.config, world.gw)
    try:
        drafted = draft_notes(ctx, INP, ai_consent=True, record_id="recS")
        return drafted, dict(ctx.run.metrics), list(ctx.run.problems)
    finally:
        ctx.run.close()


@respx.mock(assert_all_called=False)
def test_no_ai_consent__no_request_to_any_model(respx_mock) -> None:
    from tests.leads.conftest import offline_ctx

    anything = respx_mock.route().mock(return_value=completion(json.dumps(GOOD)))
    ctx = offline_ctx(openai_api_key="sk-test", openai_base_url=BASE)
    try:
        drafted = draft_notes(ctx, INP, ai_consent=False, record_id="recS")
    finally:
        ctx.run.close()
    assert not anything.called  # the notes never left the process
    assert drafted.why_rules == "no AI Consent" and drafted.draft.drafter == "rules (not AI)"


@pytest.fixture
def ai_world(server, tmp_path):
    from tests.leads.http_world import make_world

    world = make_world(server, tmp_path)
    world.config = world.config.model_copy(
        update={"openai_api_key": SecretStr("sk-test"), "openai_base_url": BASE, "openai_model": "gpt-test"}
    )
    return world


@respx.mock
def test_in_a_job__cost_and_tokens_on_the_run_and_todays_spend_kept(ai_world) -> None:
    respx.post(URL).mock(return_value=completion(json.dumps(GOOD)))
    drafted, metrics, _ = _draft_in_a_job(ai_world)
    assert drafted.draft.drafter.startswith("AI: gpt-test") and drafted.why_rules == ""
    assert metrics["ai.tokens_in"] == 1200 and metrics["notes.drafted_by_ai"] == 1
    cost = 1200 * 0.15 / 1e6 + 300 * 0.60 / 1e6
    assert metrics["ai.cost_usd"] == pytest.approx(cost)
    (entry,) = ai_world.gw.all(StateEntry, formula={"key": "ai:spend:2026-03-03"})
    assert float(entry.value) == pytest.approx(cost)


@respx.mock(assert_all_called=False)
def test_in_a_job__over_the_cap_the_rules_draft_and_the_coach_is_told_once(ai_world, respx_mock) -> None:
    route = respx_mock.post(URL).mock(return_value=completion(json.dumps(GOOD)))
    ai_world.gw.upsert(StateEntry, [{"key": "ai:spend:2026-03-03", "value": "2.5"}], merge_on=["key"])
    for _ in range(2):
        drafted, _, _ = _draft_in_a_job(ai_world)
        assert drafted.draft.drafter == "rules (not AI)" and "cap" in drafted.why_rules
    assert not route.called
    alerts = [
        m for m in ai_world.gw.all(Message) if m.kind == "System Alert" and "spend cap" in (m.subject or "")
    ]
    assert len(alerts) == 1


@respx.mock
def test_in_a_job__a_refusal_is_recorded_on_the_run_without_note_content(ai_world) -> None:
    respx.post(URL).mock(return_value=completion(None, refusal="I can't help with that."))
    drafted, metrics, problems = _draft_in_a_job(ai_world)
    assert drafted.draft.drafter == "rules (not AI)" and drafted.why_rules == "AI draft failed"
    assert metrics["notes.ai_fallback.refusal"] == 1 and metrics["ai.tokens_in"] == 1200
    assert [p.record_id for p in problems] == ["recS"]
    assert "refusal" in problems[0].reason and "KPI" not in json.dumps([p.as_dict() for p in problems])


@respx.mock
def test_cli_ai_drafter__uses_the_environment(monkeypatch, tmp_path) -> None:
    from scripts._draft_ai import draft_with_ai

    monkeypatch.chdir(tmp_path)  # no .env of the machine's
    respx.post(URL).mock(return_value=completion(json.dumps(GOOD)))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", BASE)
    monkeypatch.setenv("OPENAI_MODEL", "gpt-test")
    assert draft_with_ai(INP).drafter == "AI: gpt-test (session_notes v3)"
    monkeypatch.delenv("OPENAI_API_KEY")
    assert draft_with_ai(INP).drafter == "rules (not AI)"


@respx.mock
def test_cli_ai_drafter__reads_the_dot_env_file_as_the_app_does(monkeypatch, tmp_path) -> None:
    """The README: everything is read from the environment or a `.env` file; `draft_notes --drafter ai`
    with the key only in .env used to fall back to the rules."""
    from scripts._draft_ai import draft_with_ai

    respx.post(URL).mock(return_value=completion(json.dumps(GOOD)))
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "OPENAI_TIMEOUT_S"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / ".env").write_text(
        f"OPENAI_API_KEY=sk-test\nOPENAI_BASE_URL={BASE}\nOPENAI_MODEL=gpt-test\nOPENAI_TIMEOUT_S=\n"
    )
    monkeypatch.chdir(tmp_path)
    assert draft_with_ai(INP).drafter == "AI: gpt-test (session_notes v3)"


CALL_RETRY = AiCall(api_key="sk-test", model="gpt-test", base_url=BASE, timeout_s=2, max_retries=1)


@respx.mock
def test_ai_draft__a_fenced_answer_is_the_ai_draft_and_the_prompt_lists_aliases() -> None:
    route = respx.post(URL).mock(return_value=completion("```json\n" + json.dumps(GOOD) + "\n```"))
    inp = NotesInput(NOTES, date(2026, 3, 3), "Dana Whitfield", "Sarah Cave",
                     models=(ModelRef("Drama Triangle", ("Karpman", "rescuer-victim")),))  # fmt: skip
    result = draft_notes_ai(inp, CALL)
    assert result.fallback_reason == "" and len(result.draft.action_items) == 2
    system = json.loads(route.calls.last.request.content)["messages"][0]["content"]
    assert "Drama Triangle (also called: Karpman; rescuer-victim)" in system


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (completion(json.dumps(GOOD), finish="content_filter"), "refusal"),
        (httpx.Response(200, json={**completion("").json(), "choices": []}), "malformed"),
        (completion(""), "malformed"),
    ],
    ids=["content-filter", "no-choices", "empty"],
)  # fmt: skip
@respx.mock
def test_ai_draft__odd_completions_fall_back_and_their_tokens_are_counted(response, reason: str) -> None:
    respx.post(URL).mock(return_value=response)
    result = draft_notes_ai(INP, CALL)
    assert result.fallback_reason.startswith(reason) and result.draft.drafter == "rules (not AI)"
    assert (result.tokens_in, result.tokens_out) == (1200, 300) and result.cost_usd > 0


@respx.mock
def test_ai_draft__a_retry_after_longer_than_the_time_left_is_not_waited() -> None:
    route = respx.post(URL).mock(
        return_value=httpx.Response(429, headers={"Retry-After": "30"}, json={"error": {"message": "slow"}})
    )
    call = AiCall(api_key="sk", model="m", base_url=BASE, timeout_s=2, max_retries=1,
                  deadline=time.monotonic() + 8)  # fmt: skip
    started = time.monotonic()
    result = draft_notes_ai(INP, call)
    assert time.monotonic() - started < 3 and route.call_count == 1
    assert result.fallback_reason == "api error 429" and result.draft.drafter == "rules (not AI)"


@pytest.mark.parametrize(
    "first",
    [
        httpx.Response(429, headers={"Retry-After": "0.1"}, json={"error": {"message": "slow"}}),
        httpx.Response(429, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, json={"error": {}}),
        httpx.Response(500, json={"error": {"message": "boom"}}),
        httpx.ReadTimeout("slow"),
    ],
    ids=["429-short-wait", "429-date-past", "500", "timeout"],
)
@respx.mock
def test_ai_draft__one_retry_when_time_allows(first) -> None:
    route = respx.post(URL).mock(side_effect=[first, completion(json.dumps(GOOD))])
    result = draft_notes_ai(INP, CALL_RETRY)
    assert result.fallback_reason == "" and route.call_count == 2


@respx.mock
def test_ai_draft__a_refused_key_is_not_retried() -> None:
    route = respx.post(URL).mock(return_value=httpx.Response(401, json={"error": {"message": "bad key"}}))
    assert draft_notes_ai(INP, CALL_RETRY).fallback_reason == "api error 401" and route.call_count == 1


@respx.mock
def test_in_a_job__a_refused_key_tells_the_coach_once_a_day(ai_world) -> None:
    respx.post(URL).mock(return_value=httpx.Response(401, json={"error": {"message": "bad key"}}))
    for _ in range(2):
        drafted, metrics, _ = _draft_in_a_job(ai_world)
        assert drafted.draft.drafter == "rules (not AI)" and metrics["notes.ai_fallback.api_error_401"] == 1
    alerts = [
        m for m in ai_world.gw.all(Message) if m.kind == "System Alert" and "refused" in (m.subject or "")
    ]
    assert len(alerts) == 1 and "OPENAI_API_KEY" in (alerts[0].body or "")


@respx.mock
def test_in_a_job__a_model_openai_does_not_know_tells_the_coach_once_a_day(ai_world) -> None:
    """A retired or misspelt OPENAI_MODEL fails every draft the same way: the coach hears of it, once."""
    unknown = {"error": {"message": "The model `gpt-test` does not exist", "code": "model_not_found"}}
    respx.post(URL).mock(return_value=httpx.Response(404, json=unknown))
    for _ in range(2):
        drafted, metrics, _ = _draft_in_a_job(ai_world)
        assert drafted.draft.drafter == "rules (not AI)" and metrics["notes.ai_fallback.api_error_404"] == 1
    alerts = [m for m in ai_world.gw.all(Message) if m.kind == "System Alert"]
    assert len(alerts) == 1 and "OPENAI_MODEL" in (alerts[0].body or "") and "gpt-test" in alerts[0].body


@respx.mock
def test_in_a_job__an_answer_without_usage_still_counts_against_todays_spend(ai_world) -> None:
    """An OpenAI-compatible endpoint may report no usage: the call still costs, so the cap can still stop."""
    answer = completion(json.dumps(GOOD)).json()
    del answer["usage"]
    respx.post(URL).mock(return_value=httpx.Response(200, json=answer))
    drafted, metrics, _ = _draft_in_a_job(ai_world)
    assert drafted.draft.drafter.startswith("AI: gpt-test")
    assert metrics["ai.tokens_in"] > len(NOTES) // 4 and metrics["ai.tokens_out"] > 0
    (entry,) = ai_world.gw.all(StateEntry, formula={"key": "ai:spend:2026-03-03"})
    assert float(entry.value) == pytest.approx(metrics["ai.cost_usd"]) and float(entry.value) > 0


@respx.mock
def test_in_a_job__a_malformed_answer_still_counts_against_todays_spend(ai_world) -> None:
    respx.post(URL).mock(return_value=completion("Sure! Here you go: the notes are about Dana."))
    drafted, metrics, problems = _draft_in_a_job(ai_world)
    assert drafted.why_rules == "AI draft failed" and metrics["notes.ai_fallback.malformed_output"] == 1
    (entry,) = ai_world.gw.all(StateEntry, formula={"key": "ai:spend:2026-03-03"})
    assert float(entry.value) == pytest.approx(1200 * 0.15 / 1e6 + 300 * 0.60 / 1e6)
    assert "Dana" not in json.dumps([p.as_dict() for p in problems])  # the answer's words stay out


@pytest.mark.parametrize("key", ["", "   "], ids=["empty", "blank"])
@respx.mock(assert_all_called=False)
def test_an_empty_key__is_no_key(respx_mock, key: str) -> None:
    from tests.leads.conftest import offline_ctx

    anything = respx_mock.route().mock(return_value=completion(json.dumps(GOOD)))
    ctx = offline_ctx(openai_api_key=key, openai_base_url=BASE)
    try:
        drafted = draft_notes(ctx, INP, ai_consent=True, record_id="recS")
    finally:
        ctx.run.close()
    assert not anything.called and drafted.why_rules == "no OpenAI key"


@respx.mock
def test_ai_draft__the_writers_private_lines_are_asked_for_and_kept_out_of_what_the_client_reads() -> None:
    """The prompt names the private lines; a model that copies one anyway into the summary, outcomes,
    topics or a client item has it taken out after the fact, and a note to self stays the writer's."""
    notes = (
        "Dana to hand the weekly KPI report to Sam by Friday.\n"
        "My read: she is defensive and may be burning out.\n"
        "NTS: send her the article on feedback, she bristles at criticism.\n"
    )
    leaky = {
        **GOOD,
        "summary": "Dana worked on delegation. She is defensive and may be burning out.",
        "key_outcomes": ["Hand over the KPI report", "She is defensive and may be burning out"],
        "action_items": [
            GOOD["action_items"][0],
            {"description": "Send her the article on feedback, she bristles at criticism", "owner": "client",
             "due": None, "priority": "Medium", "tentative": False,
             "receipt": "“NTS: send her the article on feedback, she bristles at criticism.” — no date"},
        ],
        "next_topics": ["Burning out and being defensive", "The handover"],
    }  # fmt: skip
    route = respx.post(URL).mock(return_value=completion(json.dumps(leaky)))
    inp = NotesInput(notes, date(2026, 3, 3), "Dana Whitfield", "Sarah Cave", date(2026, 3, 17))
    draft = draft_notes_ai(inp, CALL).draft
    system = json.loads(route.calls.last.request.content)["messages"][0]["content"]
    assert "NTS" in system and "for supervision" in system and "[private]" in system
    shown = " ".join([draft.summary, *draft.key_outcomes, *draft.next_topics]).lower()
    assert "defensive" not in shown and "burning" not in shown, shown
    assert "delegation" in shown and "kpi report" in shown and "handover" in shown
    assert [(i.owner, i.description) for i in draft.action_items] == [
        ("client", "Hand the weekly KPI report to Sam"),
        ("coach", "Send her the article on feedback"),
    ]
