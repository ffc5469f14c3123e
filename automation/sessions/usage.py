"""Leadership Models kept current: Usage Count (completed sessions that used it), Last Used (the latest
such session's day) and Effectiveness (their average Satisfaction)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from automation.models import LeadershipModel, Session
from automation.registry import Update

if TYPE_CHECKING:
    from automation.context import JobContext

SESSION_FIELDS = ["status", "session_date", "satisfaction"]
MODELS_READ = "sessions.models"  # key in ctx.visit_reads: the models the notes drafter read this visit
MODEL_FIELDS = ["title", "sessions", "usage_count", "last_used", "effectiveness"]


def usage_fields(sessions: list[Session], tz: ZoneInfo) -> dict[str, Any]:
    """Pure: the three numbers from the sessions linked to one model."""
    done = [s for s in sessions if s.status == "Completed"]
    days: list[date] = [s.session_date.astimezone(tz).date() for s in done if s.session_date is not None]
    ratings = [float(s.satisfaction) for s in done if s.satisfaction]
    return {
        "usage_count": len(done),
        "last_used": max(days) if days else None,
        "effectiveness": round(sum(ratings) / len(ratings), 1) if ratings else None,
    }


def model_updates(
    ctx: JobContext, models: list[LeadershipModel], current: list[Session] | None = None
) -> list[Update]:
    """Read the models' sessions (one read per 100 or so) and return what changed. `current`: sessions as
    this visit is about to write them (their links are not in the base yet), which stand in for the read."""
    mine = {s.id: s for s in current or []}
    ids = [sid for m in models for sid in m.sessions if sid not in mine]
    sessions = {s.id: s for s in ctx.gateway.get_many(Session, ids, fields=SESSION_FIELDS)} if ids else {}
    sessions.update(mine)
    out = []
    for m in models:
        linked = {i for i in m.sessions if i not in mine} | {
            s.id for s in mine.values() if m.id in s.leadership_models
        }
        fields = usage_fields([sessions[i] for i in sorted(linked) if i in sessions], ctx.tz)
        if any(getattr(m, k) != v for k, v in fields.items()):
            out.append(Update(m, fields))
    return out


def refresh_model_usage(ctx: JobContext, sessions: list[Session]) -> list[Update]:
    """The models these sessions link to (after this visit's writes) get their numbers recomputed."""
    model_ids = sorted({m for s in sessions for m in s.leadership_models})
    if not model_ids:
        return []
    known: dict[str, LeadershipModel] = ctx.visit_reads.get(MODELS_READ, {})
    if all(i in known for i in model_ids):
        models = [known[i] for i in model_ids]
    else:
        models = ctx.gateway.get_many(LeadershipModel, model_ids, fields=MODEL_FIELDS)
    return model_updates(ctx, models, sessions)


def refresh_all(ctx: JobContext) -> int:
    """Every model's numbers (the daily job: also catches links the coach removed)."""
    models = ctx.gateway.all(LeadershipModel, fields=MODEL_FIELDS)
    updates = model_updates(ctx, models)
    if updates:
        ctx.gateway.update(LeadershipModel, [(u.record, u.fields) for u in updates])
    return len(updates)
