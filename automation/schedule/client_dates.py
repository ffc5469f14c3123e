"""Next Session Date on each client: the business-time-zone date of its earliest Scheduled session still to
start. Kept current when a session's date, status or client changes (webhook path), and daily for clients
whose next session has passed (a date moving into the past changes nothing, so no webhook would say so).
Last Session belongs to client health (automation/health), which writes it with the health score.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pyairtable import formulas as F

from automation.models import Client, Session
from automation.registry import Update

if TYPE_CHECKING:
    from automation.context import JobContext

SESSION_FIELDS = ["session_date", "status", "client"]


def client_dates(sessions: list[Session], now: datetime, tz: ZoneInfo) -> dict[str, date | None]:
    """{"next_session_date": …} from one client's sessions."""
    upcoming = [
        s.session_date
        for s in sessions
        if s.status == "Scheduled" and s.session_date and s.session_date > now
    ]
    return {
        "next_session_date": min(upcoming).astimezone(tz).date() if upcoming else None,
    }


def refresh_clients(ctx: JobContext, client_ids: list[str], known: Sequence[Session] = ()) -> list[Update]:
    gw = ctx.gateway
    if not client_ids:
        return []
    clients = gw.get_many(Client, client_ids, fields=["sessions", "next_session_date"])
    have = {s.id: s for s in known}
    wanted = sorted({x for c in clients for x in c.sessions if x not in have})
    if wanted:
        have.update({s.id: s for s in gw.get_many(Session, wanted, fields=SESSION_FIELDS)})
    out = []
    for c in clients:
        fields: dict[str, Any] = client_dates([have[x] for x in c.sessions if x in have], ctx.now, ctx.tz)
        if any(getattr(c, k) != v for k, v in fields.items()):
            out.append(Update(c, fields))
    return out


def on_session_change(ctx: JobContext, sessions: list[Session]) -> list[Update]:
    """The clients of these sessions (other-table updates: the runner writes them after)."""
    return refresh_clients(ctx, sorted({c for s in sessions for c in s.client}), sessions)


def stale_clients(ctx: JobContext) -> dict[str, Any]:
    """Daily: clients whose Next Session Date is already past get both dates recomputed."""
    gw = ctx.gateway
    today = ctx.today().isoformat()
    formula = F.IS_BEFORE(gw.ref(Client, "next_session_date"), F.DATETIME_PARSE(today))
    stale = gw.all(Client, formula=formula, fields=["next_session_date"])
    updates = refresh_clients(ctx, [c.id for c in stale])
    if updates:
        gw.update(Client, [(u.record, u.fields) for u in updates])
    return {"clients_refreshed": len(updates)}
