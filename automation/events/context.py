"""Building a job's world: the process-wide gateway, settings (one read, cached briefly), the run scope."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from automation.config import Config
from automation.context import JobContext
from automation.events.accounting import bookkeeping
from automation.events.settings_env import config as get_config
from automation.run_context import RunContext, run_scope
from automation.settings import BusinessSettings, load_settings

if TYPE_CHECKING:
    from automation.airtable.gateway import Gateway

# Settings are cached per warm instance; the webhook watches the Settings table, and a change there drops
# the cache at once (forget_settings). The TTL only bounds a missed ping (catch-up runs daily).
SETTINGS_TTL_S = 900.0
# A run stops taking new work when its budget is spent, but the calls that finish it (the last write, the
# cursor and lease release, the run record) still need time: the gateway's deadline is budget + GRACE_S.
# Webhook: 20 s budget + 4 s < the 25 s after which Airtable counts a ping as failed.
GRACE_S = 4.0

_lock = threading.Lock()
_gateways: dict[tuple[str, str, str], Gateway] = {}
_settings: dict[tuple[str, str], tuple[float, BusinessSettings, list[str]]] = {}


def get_gateway(config: Config | None = None) -> Gateway:
    """One gateway per warm process and base (it owns the HTTP session and the rate-limit bucket)."""
    from automation.airtable.gateway import Gateway

    config = config or get_config()
    key = (config.airtable_endpoint_url, config.airtable_base_id, config.airtable_api_key.get_secret_value())
    with _lock:
        if key not in _gateways:
            _gateways[key] = Gateway(config)
        return _gateways[key]


def load_business_settings(gw: Gateway) -> tuple[BusinessSettings, list[str]]:
    """Settings rows -> settings, cached for SETTINGS_TTL_S per base; problems are returned, never raised."""
    from automation.models import Setting

    key = (gw.endpoint, gw.base_id)
    with _lock:
        cached = _settings.get(key)
    if cached and cached[0] > time.monotonic():
        return cached[1], cached[2]
    with bookkeeping():
        rows = [(s.key or "", s.value) for s in gw.all(Setting, fields=["key", "value"])]
    settings, problems = load_settings(rows)
    with _lock:
        _settings[key] = (time.monotonic() + SETTINGS_TTL_S, settings, problems)
    return settings, problems


def cached_settings(config: Config | None = None) -> BusinessSettings | None:
    """The settings this warm instance already holds for the configured base, or None: never a call (for
    answers that must not wait on Airtable, such as refusing a bad link)."""
    config = config or get_config()
    with _lock:
        cached = _settings.get((config.airtable_endpoint_url.rstrip("/"), config.airtable_base_id))
    return cached[1] if cached and cached[0] > time.monotonic() else None


def business_today(config: Config | None = None, now: datetime | None = None) -> date:
    """Today in the business time zone before a run is opened (a form read before its run): from the
    settings this instance holds, else read now, once; the run that follows finds them in the cache."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(business_time_zone(config))).date()


def business_time_zone(config: Config | None = None) -> str:
    """The business time zone before a run is opened, as `business_today` learns it (one cached read)."""
    config = config or get_config()
    settings = cached_settings(config)
    if settings is None:
        settings, _ = load_business_settings(get_gateway(config))
    return settings.general.time_zone


def forget_settings(gw: Gateway) -> None:
    """The coach changed Settings (seen in a webhook payload): the next context reads them fresh."""
    with _lock:
        _settings.pop((gw.endpoint, gw.base_id), None)


def clear_caches() -> None:
    """Forget gateways and settings (tests that switch bases or modes)."""
    from automation.events.health import forget_health

    with _lock:
        _gateways.clear()
        _settings.clear()
    forget_health()


def open_run(trigger: str, job: str, budget_s: float) -> RunContext:
    """Start counting: every Airtable call from here on is charged to this run."""
    return run_scope(job, trigger, budget_s=budget_s + GRACE_S)


def work_left(run: RunContext) -> float:
    """Seconds left for taking new work (the run's budget without the grace for finishing)."""
    return run.time_left() - GRACE_S


def context_for(run: RunContext, config: Config | None = None) -> JobContext:
    """The JobContext of an open run: reads settings and applies the Automation Mode to the run."""
    config = config or get_config()
    gw = get_gateway(config)
    settings, problems = load_business_settings(gw)
    run.mode = settings.general.automation_mode
    ctx = JobContext(
        gateway=gw,
        config=config,
        settings=settings,
        now=datetime.now(UTC),
        run=run,
        deadline=run.deadline - GRACE_S,  # ctx.time_left(): time for new work
    )
    ctx.settings_problems = problems  # type: ignore[attr-defined]  # shown in the run record
    return ctx


def make_context(trigger: str, job: str, budget_s: float) -> JobContext:
    """Open a run and build its context (the caller closes `ctx.run`)."""
    run = open_run(trigger, job, budget_s)
    try:
        return context_for(run)
    except BaseException:
        run.close()
        raise
