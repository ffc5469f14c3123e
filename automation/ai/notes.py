"""Session notes drafted by OpenAI with structured outputs into the notes model; the rules otherwise.

The request carries the JSON schema of the output (strict structured outputs) and the prompt from
prompts/session_notes.md, whose version is stored on the draft. One call, a timeout inside the time
budget and at most one retry when time allows. A refusal, a timeout, an API error or output that does not
fit the model falls back to the rules drafter; the reason, tokens and cost are recorded on the run (never
the notes). Inside an automation the call goes through the daily spend gate (automation/ai/spend.py).
"""

from __future__ import annotations

import email.utils
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

from pydantic import BaseModel, Field, ValidationError

from automation.ai.answer import Unfit, answer_json, to_draft
from automation.ai.prompts import load_prompt
from automation.ai.spend import tokens_of
from automation.sessions.draft import ModelRef, NotesDraft, NotesInput
from automation.sessions.private import keep_private_out
from automation.sessions.rules_drafter import draft_by_rules

if TYPE_CHECKING:
    from automation.context import JobContext

log = logging.getLogger(__name__)
PROMPT = "session_notes"
ANSWER_TOKENS = 1500  # a drafted session's expected answer, for the spend gate's estimate before the call
BACKOFF_S = 0.5  # before a retry the server did not time (Retry-After)
__all__ = ["AiCall", "AiNotes", "AiResult", "draft_in_job", "draft_notes_ai", "to_draft"]


class AiItem(BaseModel):
    description: str = Field(description="What is to be done, as an imperative, in the notes' words.")
    owner: Literal["client", "coach", "associate"]
    due: str | None = Field(description="YYYY-MM-DD, or null when the notes give no date.")
    priority: Literal["High", "Medium", "Low"]
    tentative: bool = Field(description="True for hedged commitments (might, maybe, considering).")
    receipt: str = Field(description="The sentence quoted from the notes, then what was inferred or missing.")


class AiNotes(BaseModel):
    """What the model must return (every field required: strict structured outputs)."""

    summary: str
    key_outcomes: list[str]
    action_items: list[AiItem]
    leadership_models: list[str]
    next_topics: list[str]


class AiUnavailable(Exception):
    """The AI drafter cannot run here (no key): the rules draft instead."""


@dataclass(frozen=True)
class AiCall:
    api_key: str
    model: str
    base_url: str | None = None
    timeout_s: float = 30.0
    max_retries: int = 1
    usd_per_mtok_in: float = 0.15
    usd_per_mtok_out: float = 0.60
    deadline: float | None = None  # time.monotonic() by which the call and any retry must be done


@dataclass
class AiResult:
    draft: NotesDraft
    fallback_reason: str = ""  # "" when the AI drafted it
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0


def openai_settings_from_env() -> AiCall:
    """For the command line: OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL, OPENAI_TIMEOUT_S, from the
    environment or .env as the app reads them (Config: an empty or blank value is none)."""
    from automation.config import Config

    # The command line drafts without a base: stand-ins for the Airtable values Config requires.
    config = Config(airtable_api_key="unused", airtable_base_id="unused")  # type: ignore[arg-type]
    if config.openai_api_key is None:
        raise AiUnavailable("OPENAI_API_KEY is not set")
    return AiCall(
        api_key=config.openai_api_key.get_secret_value(),
        model=config.openai_model,
        base_url=config.openai_base_url,
        timeout_s=config.openai_timeout_s,
    )


def messages_for(inp: NotesInput) -> tuple[list[dict[str, str]], str]:
    prompt = load_prompt(PROMPT)
    facts = {
        "coach_name": inp.coach_name or "the coach",
        "author_role": inp.author,
        "author_name": (
            (inp.associate_names[0] if inp.associate_names else "the associate")
            if inp.author == "associate"
            else inp.coach_name or "the coach"
        ),
        "client_name": inp.client_name,
        "session_date": inp.session_date.isoformat(),
        "session_weekday": inp.session_date.strftime("%A"),
        "next_session": inp.next_session.isoformat() if inp.next_session else "not set (use null)",
        "models": ", ".join(_model_line(m) for m in inp.models) or "(none)",
        "raw_notes": inp.raw_notes.strip(),
    }
    return (
        [
            {"role": "system", "content": prompt.system.format_map(facts)},
            {"role": "user", "content": prompt.user.format_map(facts)},
        ],
        prompt.label,
    )


def response_format() -> dict[str, Any]:
    """The strict JSON-schema response format of AiNotes, exactly as the SDK's parse() would send it."""
    from openai.lib._parsing._completions import type_to_response_format_param  # lazily: the SDK

    return cast(dict[str, Any], type_to_response_format_param(AiNotes))


def retry_after_s(headers: Any) -> float | None:
    """The server's wait before a retry: retry-after-ms, or Retry-After in seconds or as an HTTP date."""
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    try:
        if ms is not None:
            return max(0.0, float(ms) / 1000)
    except ValueError:
        pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _cost(call: AiCall, tokens_in: int, tokens_out: int) -> float:
    return tokens_in * call.usd_per_mtok_in / 1e6 + tokens_out * call.usd_per_mtok_out / 1e6


def _complete(messages: list[dict[str, str]], call: AiCall) -> tuple[Any, str]:
    """One completion, with at most call.max_retries retries of a timeout, a connection error, 408, 409,
    429 or 5xx, and only when the wait the server asks for (Retry-After) and another call both fit before
    call.deadline. Returns (completion, "") or (None, why it failed). The SDK's own retries are off: they
    would wait up to two minutes on a Retry-After, far past a webhook ping's budget."""
    from openai import APIConnectionError, APIStatusError, APITimeoutError, OpenAI, OpenAIError  # lazily

    client = OpenAI(api_key=call.api_key, base_url=call.base_url, timeout=call.timeout_s, max_retries=0)
    for attempt in range(call.max_retries + 1):
        wait = BACKOFF_S
        try:
            return (
                client.chat.completions.create(
                    model=call.model,
                    messages=messages,  # type: ignore[arg-type]
                    response_format=response_format(),  # type: ignore[arg-type]
                ),
                "",
            )
        except APITimeoutError:
            why, retry = "timeout", True
        except APIStatusError as exc:
            why = f"api error {exc.status_code}"
            retry = exc.status_code in (408, 409, 429) or exc.status_code >= 500
            wait = retry_after_s(exc.response.headers) or BACKOFF_S
        except APIConnectionError:
            why, retry = "api error APIConnectionError", True
        except OpenAIError as exc:  # the SDK refused before sending (a setting it cannot use)
            why, retry = f"api error {type(exc).__name__}", False
        if not retry or attempt == call.max_retries or not _fits(call, wait):
            return None, why
        time.sleep(wait)
    return None, "api error"  # not reached: the loop returns


def _fits(call: AiCall, wait: float) -> bool:
    """Another call after `wait` ends before the deadline (without one: a wait of at most 30 s)."""
    if call.deadline is None:
        return wait <= 30
    return time.monotonic() + wait + call.timeout_s <= call.deadline


def _model_line(model: ModelRef) -> str:
    """A model as the prompt lists it: its title, and the names the coach gave it (her Aliases)."""
    names = [a for a in model.aliases if a.strip() and a.strip().lower() != model.title.lower()]
    return f"{model.title} (also called: {'; '.join(names)})" if names else model.title


def draft_notes_ai(inp: NotesInput, call: AiCall) -> AiResult:
    """One structured-output call; any failure is a rules draft with the reason."""
    messages, label = messages_for(inp)
    completion, failed = _complete(messages, call)
    if completion is None:
        return AiResult(draft_by_rules(inp), failed)
    usage = getattr(completion, "usage", None)
    tokens_in = int(getattr(usage, "prompt_tokens", 0) or 0)
    tokens_out = int(getattr(usage, "completion_tokens", 0) or 0)
    if usage is None:  # an OpenAI-compatible endpoint without usage: estimated, or the cap would never bite
        answers = getattr(completion, "choices", None) or []
        tokens_in = tokens_of(" ".join(m["content"] for m in messages))
        tokens_out = tokens_of("".join(str(getattr(c.message, "content", "") or "") for c in answers))
    spent = (tokens_in, tokens_out, _cost(call, tokens_in, tokens_out))
    choices = getattr(completion, "choices", None) or []
    if not choices:
        return AiResult(draft_by_rules(inp), "malformed output (no choices)", *spent)
    choice = choices[0]
    message = choice.message
    if getattr(message, "refusal", None):
        return AiResult(draft_by_rules(inp), "refusal", *spent)
    if choice.finish_reason == "content_filter":
        return AiResult(draft_by_rules(inp), "refusal (content filter)", *spent)
    if choice.finish_reason == "length":  # cut short: what is there is not the whole answer
        return AiResult(draft_by_rules(inp), "malformed output (truncated)", *spent)
    try:
        draft = to_draft(answer_json(message.content), inp, f"AI: {call.model} ({label})")
    except (Unfit, ValidationError, ValueError, TypeError) as exc:
        why = str(exc) if isinstance(exc, Unfit) else type(exc).__name__  # never the answer's content
        return AiResult(draft_by_rules(inp), f"malformed output ({why})", *spent)
    # the writer's private lines never reach the client, whatever the model made of them
    return AiResult(keep_private_out(draft, inp.raw_notes, inp.author, inp.client_name), "", *spent)


def draft_in_job(ctx: JobContext, inp: NotesInput, record_id: str) -> NotesDraft | None:
    """The AI draft inside an automation: through the daily spend gate, within the time budget; None when
    the call would go over the cap (the caller drafts by rules). Failures come back as rules drafts,
    recorded."""
    from automation.ai import spend

    settings = ctx.settings.notes
    messages, _ = messages_for(inp)
    prompt = " ".join(m["content"] for m in messages)
    if not spend.allow(ctx, spend.estimate_usd(ctx, prompt, ANSWER_TOKENS)):
        ctx.run.add_metric("notes.ai_over_cap", 1)
        return None
    config = ctx.config
    assert config.openai_api_key is not None
    timeout = max(3.0, min(config.openai_timeout_s, ctx.time_left() - settings.ai_reserve_s))
    call = AiCall(
        api_key=config.openai_api_key.get_secret_value(),
        model=config.openai_model,
        base_url=config.openai_base_url or None,
        timeout_s=timeout,
        max_retries=1 if ctx.time_left() > 2 * timeout + settings.ai_reserve_s else 0,
        usd_per_mtok_in=settings.ai_input_usd_per_mtok,
        usd_per_mtok_out=settings.ai_output_usd_per_mtok,
        deadline=time.monotonic() + ctx.time_left() - settings.ai_reserve_s,
    )
    result = draft_notes_ai(inp, call)
    run = ctx.run
    spend.record(ctx, result.tokens_in, result.tokens_out, result.cost_usd)
    if result.fallback_reason:
        key = result.fallback_reason.split(" (")[0].replace(" ", "_")
        run.add_metric(f"notes.ai_fallback.{key}", 1)
        if result.fallback_reason in ("api error 401", "api error 403"):
            spend.tell_coach_key_refused(ctx, result.fallback_reason)
        elif result.fallback_reason == "api error 404":  # no such model (or endpoint): every draft will fail
            spend.tell_coach_model_unknown(ctx, config.openai_model)
        log.warning(
            "session %s: AI notes draft fell back to the rules (%s)", record_id, result.fallback_reason
        )
        from automation.errors import RecordProblem

        run.report(
            RecordProblem(
                "sessions", record_id, "raw_notes", None, f"AI draft: {result.fallback_reason}; rules used"
            )
        )
    else:
        run.add_metric("notes.drafted_by_ai", 1)
    return result.draft
