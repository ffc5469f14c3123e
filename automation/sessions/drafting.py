"""Which drafter drafts a session's notes: the AI when it may (key, consent, cap, time), else the rules.

No raw notes of a client without AI Consent ever reach a model: that check is here, before any import of
the AI client. The AI's failures (refusal, timeout, malformed output) fall back to the rules and are
counted on the run with their reason, never with note content.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from automation.sessions.draft import NotesDraft, NotesInput
from automation.sessions.rules_drafter import draft_by_rules

if TYPE_CHECKING:
    from automation.context import JobContext

log = logging.getLogger(__name__)


@dataclass
class Drafted:
    draft: NotesDraft
    why_rules: str = ""  # why the rules drafted it ("" when the AI did)


def why_not_ai(ctx: JobContext, ai_consent: bool) -> str:
    """The reason the AI may not draft these notes, or "" when it may."""
    key = ctx.config.openai_api_key
    if key is None or not key.get_secret_value().strip():
        return "no OpenAI key"  # unset, or set empty (OPENAI_API_KEY= as in .env.example)
    if not ctx.settings.notes.ai_enabled:
        return "AI drafting switched off in Settings"
    if not ai_consent:
        return "no AI Consent"
    if (
        ctx.time_left() < ctx.config.openai_timeout_s + ctx.settings.notes.ai_reserve_s
        and ctx.time_left() < 15
    ):
        return "not enough time left in this run"
    return ""


def draft_notes(ctx: JobContext, inp: NotesInput, ai_consent: bool, record_id: str) -> Drafted:
    """The draft, by the AI when allowed and it succeeds, else by the rules (reason counted on the run)."""
    reason = why_not_ai(ctx, ai_consent)
    if not reason:
        from automation.ai import notes as ai_notes  # the OpenAI SDK only when a model may be used

        result = ai_notes.draft_in_job(ctx, inp, record_id)
        if result is not None and not result.drafter.startswith("rules"):
            return Drafted(result)
        if result is not None:
            return Drafted(result, "AI draft failed")
        reason = "over the daily AI spend cap"
    ctx.run.add_metric("notes.drafted_by_rules", 1)
    return Drafted(draft_by_rules(inp), reason)
