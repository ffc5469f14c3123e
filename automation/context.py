"""What every automation and job receives: the gateway, configuration, settings, the clock and its run."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from automation.config import Config
from automation.settings import BusinessSettings

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway
    from automation.run_context import RunContext


@dataclass
class JobContext:
    """One invocation's world. Rules never read the wall clock or the environment: they get it from here."""

    gateway: Gateway
    config: Config
    settings: BusinessSettings
    now: datetime  # aware, UTC
    run: RunContext
    deadline: float = field(default_factory=lambda: time.monotonic() + 20.0)  # time.monotonic() value
    # Reads one automation shares with a later one in the same runner visit of a table (the same records,
    # before the visit's write); the runner empties it at each visit, so nothing outlives that visit.
    visit_reads: dict[Any, Any] = field(default_factory=dict)
    # Drafts composed with defer=True during a runner visit, not written yet: they go with the visit's next
    # Messages upsert (one request for several messages), or when the visit's automations are done.
    pending_messages: list[dict[str, Any]] | None = None
    # Records a runner visit of this invocation ended with ((table key, id) -> record, its updates applied):
    # a later visit's automation asks here before reading them again (a won deal, then its lead's status).
    in_hand: dict[tuple[str, str], Any] = field(default_factory=dict)
    # Messages a runner's automations claimed to send at once (message, claim token, when the claim write
    # was answered, whether it created the message): the runner sends them once its records are written.
    pending_claims: list[tuple[Any, str, float, bool]] | None = None
    # System State rows (key -> row) a webhook ping writes with its cursor (today's AI spend): None outside
    # a ping, where they are written at once (automation/ai/spend.py).
    pending_state: dict[str, dict[str, Any]] | None = None
    # A run's own ledger of today's AI spend outside a ping: (its System State key, the ledger).
    ai_spend: Any = None

    @property
    def tz(self) -> ZoneInfo:
        """The business time zone from Settings (DESIGN.md §2 principle 9)."""
        return ZoneInfo(self.settings.general.time_zone)

    def today(self) -> date:
        """Today's date in the business time zone."""
        return self.now.astimezone(self.tz).date()

    def time_left(self) -> float:
        """Seconds left in this invocation's budget; jobs stop taking new work near zero."""
        return self.deadline - time.monotonic()
