"""Today's AI spend in System State (key ai:spend:<day>), and the coach's one alert when the cap is hit.

Two invocations adding at the same moment may lose one addition (Airtable has no atomic increment); the
cap is a budget guard, not an invoice, so an undercount of one call is accepted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from automation.messages import compose
from automation.messages.draft import Draft
from automation.models import StateEntry

if TYPE_CHECKING:
    from automation.context import JobContext

PREFIX = "ai:spend:"


def _key(ctx: JobContext) -> str:
    return f"{PREFIX}{ctx.today().isoformat()}"


def today_spend(ctx: JobContext) -> float:
    entries = ctx.gateway.all(StateEntry, formula={"key": _key(ctx)}, max_records=1)
    try:
        return float(entries[0].value or 0) if entries else 0.0
    except ValueError:
        return 0.0


def save_spend(ctx: JobContext, total: float) -> None:
    ctx.gateway.upsert(
        StateEntry, [{"key": _key(ctx), "value": f"{total:.6f}", "updated_at": ctx.now}], merge_on=["key"]
    )


def tell_coach_once(ctx: JobContext, spent: float) -> None:
    cap = ctx.settings.notes.ai_daily_spend_cap_usd
    _alert_once(
        ctx,
        "ai-spend-cap",
        "AI notes paused for today: daily spend cap reached",
        f"Today's AI spend is ${spent:.2f} (cap ${cap:.2f}, Settings notes.ai_daily_spend_cap_usd). "
        "Notes are drafted by the rules until tomorrow.",
    )


def tell_coach_key_refused(ctx: JobContext, reason: str) -> None:
    """OpenAI refused the key (401/403): every draft falls back until it is fixed, so say so, once a day."""
    _alert_once(
        ctx,
        "ai-key-refused",
        "AI notes: OpenAI refused the API key",
        f"OpenAI answered {reason.removeprefix('api error ')} to the notes drafter: OPENAI_API_KEY is wrong, "
        "revoked or lacks access to OPENAI_MODEL. Notes are drafted by the rules until it is fixed.",
    )


def tell_coach_model_unknown(ctx: JobContext, model: str) -> None:
    """OpenAI does not know the model (404): like a refused key, every draft falls back until it is fixed."""
    _alert_once(
        ctx,
        "ai-model-unknown",
        "AI notes: OpenAI does not know the model",
        f"OpenAI answered 404 to the notes drafter for the model '{model}': OPENAI_MODEL names a model that "
        "does not exist or was retired (or OPENAI_BASE_URL is wrong). Notes are drafted by the rules until "
        "it is fixed.",
    )


def _alert_once(ctx: JobContext, kind: str, subject: str, text: str) -> None:
    """A System Alert to the coach's Slack channel, one per kind and day (its dedupe key)."""
    compose(
        ctx,
        Draft.slack_alert(
            "System Alert",
            ctx.settings.messages.slack_channel,
            subject,
            text,
            dedupe_key=f"{kind}:{ctx.today().isoformat()}",
        ),
    )
