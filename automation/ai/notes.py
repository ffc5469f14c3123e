"""Session notes drafted by OpenAI with structured outputs into the notes model; the rules otherwise.

The request carries the JSON schema of the output (strict structured outputs) and the prompt from
prompts/session_notes.md, whose version is stored on the draft. One call, a timeout inside the time
budget and at most one retry when time allows. A refusal, a timeout, an API error or output that does not
fit the model falls back to the rules drafter; the reason, tokens and cost are recorded on the run (never
the notes). A daily spend cap (Settings) stops AI calls; the coach is told once that day.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field, ValidationError

from automation.ai.prompts import load_prompt
from automation.sessions.draft import ActionItemDraft, NotesDraft, NotesInput
from automation.sessions.rules_drafter import draft_by_rules

if TYPE_CHECKING:
    from automation.context import JobContext

log = logging.getLogger(__name__)
PROMPT = "session_notes"
SPEND_KEY = "ai:spend:"  # + ISO day in the business time zone, in System State


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


@dataclass
class AiResult:
    draft: NotesDraft
    fallback_reason: str = ""  # "" when the AI drafted it
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0


def openai_settings_from_env() -> AiCall:
    """For the command line: OPENAI_API_KEY, OPENAI_MODEL, OPENAI_BASE_URL, OPENAI_TIMEOUT_S."""
    import os

    from automation.config import Config

    key = os.environ.get("OPENAI_API_KEY", "").strip()
    if not key:
        raise AiUnavailable("OPENAI_API_KEY is not set")
    default_model = Config.model_fields["openai_model"].default
    return AiCall(
        api_key=key,
        model=os.environ.get("OPENAI_MODEL", default_model) or default_model,
        base_url=os.environ.get("OPENAI_BASE_URL") or None,
        timeout_s=float(os.environ.get("OPENAI_TIMEOUT_S", "30")),
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
        "models": ", ".join(m.title for m in inp.models) or "(none)",
        "raw_notes": inp.raw_notes.strip(),
    }
    return (
        [
            {"role": "system", "content": prompt.system.format_map(facts)},
            {"role": "user", "content": prompt.user.format_map(facts)},
        ],
        prompt.label,
    )


def draft_notes_ai(inp: NotesInput, call: AiCall) -> AiResult:
    """One structured-output call; any failure is a rules draft with the reason."""
    from openai import APIConnectionError, APIStatusError, APITimeoutError, OpenAI, OpenAIError  # lazily

    messages, label = messages_for(inp)
    client = OpenAI(
        api_key=call.api_key, base_url=call.base_url, timeout=call.timeout_s, max_retries=call.max_retries
    )
    try:
        completion = client.chat.completions.parse(
            model=call.model,
            messages=messages,
            response_format=AiNotes,  # type: ignore[arg-type]
        )
    except APITimeoutError:
        return AiResult(draft_by_rules(inp), "timeout")
    except (APIConnectionError, APIStatusError) as exc:
        return AiResult(
            draft_by_rules(inp), f"api error {getattr(exc, 'status_code', '') or type(exc).__name__}"
        )
    except (ValidationError, ValueError, json.JSONDecodeError, OpenAIError) as exc:  # cut short, unparsable
        spent = getattr(getattr(exc, "completion", None), "usage", None)
        tin, tout = (spent.prompt_tokens, spent.completion_tokens) if spent else (0, 0)
        cost = tin * call.usd_per_mtok_in / 1e6 + tout * call.usd_per_mtok_out / 1e6
        return AiResult(draft_by_rules(inp), f"malformed output ({type(exc).__name__})", tin, tout, cost)
    usage = completion.usage
    tokens_in = usage.prompt_tokens if usage else 0
    tokens_out = usage.completion_tokens if usage else 0
    cost = tokens_in * call.usd_per_mtok_in / 1e6 + tokens_out * call.usd_per_mtok_out / 1e6
    message = completion.choices[0].message
    if message.refusal:
        return AiResult(draft_by_rules(inp), "refusal", tokens_in, tokens_out, cost)
    if message.parsed is None:
        return AiResult(draft_by_rules(inp), "malformed output (nothing parsed)", tokens_in, tokens_out, cost)
    drafter = f"AI: {call.model} ({label})"
    return AiResult(to_draft(message.parsed, inp, drafter), "", tokens_in, tokens_out, cost)


def to_draft(out: AiNotes, inp: NotesInput, drafter: str) -> NotesDraft:
    """The model's answer as the one output model: dates checked, models only from the table."""
    items = []
    for i in out.action_items:
        due: date | None = None
        receipt = i.receipt.strip()
        if i.due:
            try:
                due = date.fromisoformat(i.due.strip())
            except ValueError:
                receipt += f" — the date '{i.due}' was not a date and was dropped"
        items.append(
            ActionItemDraft(
                description=i.description.strip()[:200],
                owner=i.owner,
                due=due,
                priority="Low" if i.tentative else i.priority,
                tentative=i.tentative,
                receipt=receipt[:1000] or "no receipt given",
            )
        )
    titles = {m.title.lower(): m.title for m in inp.models}
    models = [titles[t.strip().lower()] for t in out.leadership_models if t.strip().lower() in titles]
    return NotesDraft(
        summary=out.summary.strip(),
        key_outcomes=[o.strip() for o in out.key_outcomes if o.strip()],
        action_items=items,
        leadership_models=list(dict.fromkeys(models)),
        next_topics=[t.strip() for t in out.next_topics if t.strip()],
        drafter=drafter,
    )


def draft_in_job(ctx: JobContext, inp: NotesInput, record_id: str) -> NotesDraft | None:
    """The AI draft inside an automation: under the daily spend cap, within the time budget; None when
    over the cap (the caller drafts by rules). Failures come back as rules drafts, recorded."""
    from automation.ai import spend

    settings = ctx.settings.notes
    spent = spend.today_spend(ctx)
    if spent >= settings.ai_daily_spend_cap_usd:
        spend.tell_coach_once(ctx, spent)
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
    )
    result = draft_notes_ai(inp, call)
    run = ctx.run
    run.add_metric("ai.tokens_in", result.tokens_in)
    run.add_metric("ai.tokens_out", result.tokens_out)
    run.add_metric("ai.cost_usd", result.cost_usd)
    if result.cost_usd:
        spend.save_spend(ctx, spent + result.cost_usd)
    if result.fallback_reason:
        key = result.fallback_reason.split(" (")[0].replace(" ", "_")
        run.add_metric(f"notes.ai_fallback.{key}", 1)
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
