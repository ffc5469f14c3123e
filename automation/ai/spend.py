"""The one gate every AI call goes through: today's spend in System State (key ai:spend:<day>), the call's
estimated cost checked against the daily cap before it is made, its cost recorded after, and the coach
told once when the cap is hit (the caller then writes by the rules or the template).

Where today's spend is known from:
* a cron, a command, a test (no webhook): read once per run on its first AI call, written after each call
  (one read and one upsert per call at most, as the notes always did);
* a webhook ping (the context's `pending_state` is set by the drainer): this process keeps the day's total
  in memory, read when it first needs it and again after `REFRESH_S`, and the new total rides on the
  System State upsert that saves the ping's cursor: an AI-written email for a new lead adds no call.

Two invocations adding at the same moment may lose one addition (Airtable has no atomic increment); the
cap is a budget guard, not an invoice, so an undercount of a call is accepted. A re-read never moves a
process's total back below what it has itself spent.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from automation.errors import RecordProblem
from automation.models import StateEntry

if TYPE_CHECKING:
    from automation.context import JobContext

log = logging.getLogger(__name__)
PREFIX = "ai:spend:"
REFRESH_S = 600.0  # a webhook process re-reads today's spend this often (other instances spend too)


@dataclass
class Ledger:
    stored: float  # today's spend as System State said when read
    read_at: float  # time.monotonic() of that read
    added: float = 0.0  # what this run (or process) spent since

    @property
    def total(self) -> float:
        return self.stored + self.added


_process: dict[tuple[str, str], Ledger] = {}  # (base, key) -> a webhook process's ledger of the day
_told: set[tuple[str, str]] = set()  # (base, key) a webhook process has already said the cap is reached
_lock = threading.Lock()


def _key(ctx: JobContext) -> str:
    return f"{PREFIX}{ctx.today().isoformat()}"


def _webhook(ctx: JobContext) -> bool:
    return ctx.pending_state is not None


def tokens_of(text: str) -> int:
    """Tokens a text costs, roughly (OpenAI's rule of thumb: four characters of English a token)."""
    return (len(text) + 3) // 4


def cost_usd(ctx: JobContext, tokens_in: int, tokens_out: int) -> float:
    prices = ctx.settings.notes
    return tokens_in * prices.ai_input_usd_per_mtok / 1e6 + tokens_out * prices.ai_output_usd_per_mtok / 1e6


def estimate_usd(ctx: JobContext, prompt: str, tokens_out: int) -> float:
    """What a call is expected to cost: its prompt's tokens and the answer's expected length."""
    return cost_usd(ctx, tokens_of(prompt), tokens_out)


def today_spend(ctx: JobContext) -> float:
    entries = ctx.gateway.all(StateEntry, formula={"key": _key(ctx)}, max_records=1)
    try:
        return float(entries[0].value or 0) if entries else 0.0
    except ValueError:
        return 0.0


def _ledger(ctx: JobContext) -> Ledger:
    if not _webhook(ctx):
        if ctx.ai_spend is None or ctx.ai_spend[0] != _key(ctx):
            ctx.ai_spend = (_key(ctx), Ledger(today_spend(ctx), time.monotonic()))
        return ctx.ai_spend[1]
    slot = (ctx.gateway.base_id, _key(ctx))
    with _lock:
        ledger = _process.get(slot)
    if ledger is None or time.monotonic() - ledger.read_at > REFRESH_S:
        stored = today_spend(ctx)  # once per process and REFRESH_S, only when an AI call is about to be made
        with _lock:
            ledger = _process.get(slot)
            total = max(stored, ledger.total) if ledger else stored
            ledger = _process[slot] = Ledger(total, time.monotonic())
    return ledger


def allow(ctx: JobContext, estimate: float) -> bool:
    """May a call expected to cost `estimate` be made? Over the cap: no, and the coach and the run are told
    once (a webhook process: once a day; any other run: once), however many calls are refused."""
    ledger = _ledger(ctx)
    cap = ctx.settings.notes.ai_daily_spend_cap_usd
    if ledger.total + estimate <= cap:
        return True
    ctx.run.add_metric("ai.over_cap", 1)
    told = (ctx.gateway.base_id, _key(ctx)) if _webhook(ctx) else None
    if told is not None:
        with _lock:
            if told in _told:
                return False
            _told.add(told)
    elif ctx.run.metrics.get("ai.over_cap", 0) > 1:
        return False
    why = f"daily AI spend cap reached (${ledger.total:.2f} of ${cap:.2f}): rules and templates write instead"
    log.warning(why)
    ctx.run.report(RecordProblem("system_state", _key(ctx), "value", f"{ledger.total:.6f}", why))
    tell_coach_once(ctx, ledger.total)
    return False


def record(ctx: JobContext, tokens_in: int, tokens_out: int, cost: float) -> None:
    """A call's tokens and cost on the run, and today's spend raised by its cost (with the cursor on a
    webhook ping, at once otherwise)."""
    run = ctx.run
    run.add_metric("ai.tokens_in", tokens_in)
    run.add_metric("ai.tokens_out", tokens_out)
    run.add_metric("ai.cost_usd", cost)
    if not cost:
        return
    ledger = _ledger(ctx)
    with _lock:
        ledger.added += cost
        total = ledger.total
    row = {"key": _key(ctx), "value": f"{total:.6f}", "updated_at": ctx.now}
    if _webhook(ctx):
        assert ctx.pending_state is not None
        ctx.pending_state[row["key"]] = row
    else:
        ctx.gateway.upsert(StateEntry, [row], merge_on=["key"])


def tell_coach_once(ctx: JobContext, spent: float) -> None:
    cap = ctx.settings.notes.ai_daily_spend_cap_usd
    _alert_once(
        ctx,
        "ai-spend-cap",
        "AI paused for today: daily spend cap reached",
        f"Today's AI spend is ${spent:.2f} (cap ${cap:.2f}, Settings notes.ai_daily_spend_cap_usd). "
        "Until tomorrow, notes are drafted by the rules and nurture emails written from the template.",
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
    from automation.messages import compose  # lazily: the command line's drafter needs only tokens_of
    from automation.messages.draft import Draft

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


__all__ = ["Ledger", "allow", "cost_usd", "estimate_usd", "record", "tokens_of"]
