"""Nurture emails written by OpenAI when OPENAI_API_KEY is set; the template text otherwise.

Structured output (a Pydantic model) and an explicit timeout bounded by the invocation's budget. Any
failure (timeout, refusal, rate limit, bad output) falls back to the template, so a nurture step is never
lost to the AI service; the reason is counted in the run. Every call goes through the daily spend gate
(automation/ai/spend.py): over the cap the template writes, and the run says so once. Only business facts
are sent (title, company, industry, source, timeline, engagement counts): no email address, no notes.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from automation.ai.prompts import load_prompt
from automation.errors import RecordProblem
from automation.leads.emails import EmailText, template_email
from automation.leads.nurture import EmailStep
from automation.messages.render import first_name

if TYPE_CHECKING:
    from automation.context import JobContext

log = logging.getLogger(__name__)

PROMPT = "nurture_email"  # prompts/nurture_email.md
MIN_SECONDS_LEFT = 3.0  # below this (plus the timeout) the template is used: the webhook must answer in time
ANSWER_TOKENS = 300  # an email of up to 130 words as JSON, for the spend gate's estimate before the call


class NurtureEmailOut(BaseModel):
    """What the model returns."""

    subject: str = Field(description="Subject line, under 70 characters.")
    body: str = Field(
        description="60-130 words, paragraphs separated by a blank line, no greeting or sign-off."
    )


def prompt_facts(lead: Any, step: EmailStep, ctx: JobContext) -> dict[str, str]:
    general = ctx.settings.general
    engagement = []
    if lead.replies:
        engagement.append(f"{lead.replies:.0f} replies")
    if lead.meetings:
        engagement.append(f"{lead.meetings:.0f} meetings")
    unknown = "not known"
    return {
        "coach_name": general.coach_name,
        "business_name": general.business_name,
        "sequence": step.sequence,
        "step": str(step.step),
        "first_name": first_name(lead.name) or unknown,
        "title": lead.title or unknown,
        "company": lead.company or unknown,
        "industry": lead.industry or unknown,
        "company_size": f"{lead.company_size:.0f} staff" if lead.company_size else unknown,
        "source": " – ".join(x for x in (lead.lead_source, lead.source_detail) if x) or unknown,
        "timeline": lead.timeline or unknown,
        "engagement": ", ".join(engagement) or "none yet",
    }


def write_email(ctx: JobContext, lead: Any, step: EmailStep) -> EmailText:
    """The nurture email text: AI-written when configured, time allows and the call fits under today's
    spend cap (automation/ai/spend.py), else the template."""
    config = ctx.config
    if config.openai_api_key is None:
        return template_email(lead, step)
    timeout = min(config.openai_timeout_s, ctx.time_left() - MIN_SECONDS_LEFT)
    if timeout < 1.0:
        return template_email(lead, step)
    from automation.ai import spend

    messages = _messages(ctx, lead, step)
    estimate = spend.estimate_usd(ctx, " ".join(m["content"] for m in messages), ANSWER_TOKENS)
    if not spend.allow(ctx, estimate):  # the gate says why once; every lead still gets its email
        ctx.run.add_metric("nurture.ai_over_cap", 1)
        return template_email(lead, step)
    try:
        return _ask_openai(ctx, messages, timeout, estimate)
    except Exception as exc:  # any AI failure: the template keeps the sequence going
        log.warning("nurture email for %s: AI draft failed (%s); template used", lead.id, type(exc).__name__)
        reason = f"AI draft failed ({type(exc).__name__}); the template text was used"
        ctx.run.report(RecordProblem("leads", lead.id, "messages", step.dedupe_key, reason))
        return template_email(lead, step)


def _messages(ctx: JobContext, lead: Any, step: EmailStep) -> list[dict[str, str]]:
    prompt = load_prompt(PROMPT)
    facts = prompt_facts(lead, step, ctx)
    return [
        {"role": "system", "content": prompt.system.format_map(facts)},
        {"role": "user", "content": prompt.user.format_map(facts)},
    ]


def _ask_openai(
    ctx: JobContext, messages: list[dict[str, str]], timeout: float, estimate: float
) -> EmailText:
    from openai import APIConnectionError, APIStatusError, OpenAI  # heavy SDK: only when a draft is written

    from automation.ai import spend

    config = ctx.config
    assert config.openai_api_key is not None
    client = OpenAI(
        api_key=config.openai_api_key.get_secret_value(),
        base_url=config.openai_base_url or None,
        timeout=timeout,
        max_retries=0,  # one attempt: the budget is the webhook's, and the template is a fine fallback
    )
    try:
        completion = client.chat.completions.parse(
            model=config.openai_model,
            messages=messages,  # type: ignore[arg-type]
            response_format=NurtureEmailOut,
        )
    except (APIStatusError, APIConnectionError):
        raise  # refused or never answered (a timeout included): nothing to count
    except Exception:
        # Answered but unreadable (cut short, not the schema): it cost about what was expected.
        spend.record(ctx, 0, 0, estimate)
        raise
    usage = completion.usage
    if usage is not None:
        tokens_in, tokens_out = usage.prompt_tokens, usage.completion_tokens
    else:  # an OpenAI-compatible endpoint without usage: estimated, or the cap would never bite
        tokens_in = spend.tokens_of(" ".join(m["content"] for m in messages))
        tokens_out = spend.tokens_of(
            str(completion.choices[0].message.content or "") if completion.choices else ""
        )
    spend.record(ctx, tokens_in, tokens_out, spend.cost_usd(ctx, tokens_in, tokens_out))
    message = completion.choices[0].message
    out = message.parsed
    if out is None or not out.subject.strip() or not out.body.strip():
        raise ValueError(f"no usable draft (refusal: {message.refusal!r})")
    source = f"AI draft: {load_prompt(PROMPT).label}, {config.openai_model}"
    return EmailText(out.subject.strip()[:120], out.body.strip(), source)
