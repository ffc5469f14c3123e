"""What the survey routes call: GET shows the question (changes nothing: mail scanners prefetch links), POST
records the answer once. The answer is the client's: it is recorded in every Automation Mode."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

from automation.errors import RecordProblem, SignatureError
from automation.models import Session
from automation.schedule.survey import BadAnswer, parse_answer, session_day
from automation.schedule.survey_token import SurveyLinkExpired, verify_token

_TITLES = {
    "ask": "One question",
    "done": "Thank you",
    "already": "Already answered",
    "expired": "Link expired",
    "unknown": "Link not recognised",
    "invalid": "Link not valid",
}
_GET_STATUS = {"ask": 200, "already": 200, "expired": 410, "unknown": 404, "invalid": 400}
# A second answer is refused (409), politely, changing nothing; a form without a rating is asked again (422).
_POST_STATUS = {"done": 200, "already": 409, "ask": 422, "expired": 410, "unknown": 404, "invalid": 400}


@dataclass(frozen=True)
class Page:
    status: int
    html: str


def form_values(body: bytes) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items() if v}


def survey_page(token: str | None, form: dict[str, str] | None) -> Page:
    """form=None: GET (show). Otherwise POST (record once)."""
    from automation.events.context import make_context
    from automation.events.runs import record_run
    from automation.events.settings_env import config

    cfg = config()
    token = token or (form or {}).get("token")
    refused = _refused_offline(cfg, token, form)
    if refused is not None:
        return refused
    ctx = make_context("Manual", "satisfaction-survey-answer", cfg.trigger_budget_s)
    business_mode = ctx.run.mode
    ctx.run.mode = "Live"  # the client's own answer, like an opt-out: honoured in every mode
    extra: dict[str, Any] = {"when": "", "problem": "", "rating": ""}
    try:
        secret = cfg.app_secret.get_secret_value() if cfg.app_secret else None
        link = verify_token(secret, token, ctx.today())
        session = ctx.gateway.get(Session, link.session_id)
        if session is None:
            state = "unknown"
        elif session.satisfaction:
            state = "already"
        elif form is None:
            state = "ask"
        else:
            try:
                answer = parse_answer(form.get("rating"), form.get("comment"))
            except BadAnswer as exc:
                state, extra["problem"] = "ask", f"Please {exc}."
            else:
                # Read-then-write: two answers sent in the same instant could both pass the check; the later
                # write wins. Acceptable for a 1-5 rating; a claim would cost two more calls per answer.
                ctx.gateway.update(
                    Session,
                    [(session, {"satisfaction": answer.rating, "satisfaction_comment": answer.comment})],
                )
                state, extra["rating"] = "done", answer.rating
                ctx.run.mode = business_mode  # what follows from the answer is the business's, in its mode
                followed = _follow_up(ctx, session.id)
                record_run(ctx, details={"survey": "answered", "session": session.id, **followed})
        if session is not None and session.session_date is not None:
            extra["when"] = session_day(session, ctx.tz)
    except SurveyLinkExpired:
        state = "expired"
    except SignatureError:
        state = "invalid"
    except Exception as exc:
        record_run(ctx, error=exc)
        raise
    finally:
        ctx.run.close()
    return _page(state, form is None, token, ctx.settings, extra)


def _page(state: str, get: bool, token: str | None, settings: Any, extra: dict[str, Any]) -> Page:
    html = _template().render(
        state=state,
        title=_TITLES[state],
        token=token or "",
        action="/api/survey",  # relative: the page is served by the app it posts to
        business_name=settings.general.business_name if settings else "",
        coach_name=settings.general.coach_name if settings else "",
        **extra,
    )
    return Page((_GET_STATUS if get else _POST_STATUS)[state], html)


def _refused_offline(cfg: Any, token: str | None, form: dict[str, str] | None) -> Page | None:
    """A tampered, malformed or expired link is refused before any Airtable call (Settings included), so it
    is 400/410 whether or not Airtable answers. None: a good link, or one whose expiry only the business
    time zone can tell (it expired less than a day ago somewhere on Earth): the full path decides."""
    from automation.errors import ConfigError
    from automation.events.context import cached_settings

    settings = cached_settings(cfg)  # a warm instance's, for the exact business day and the page's name
    try:
        secret = cfg.app_secret.get_secret_value() if cfg.app_secret else None
        link = verify_token(secret, token, date.min)  # the signature alone: expiry below
    except ConfigError:
        return None  # APP_SECRET unset: the full path records the error
    except SignatureError:
        state = "invalid"
    else:
        # Without Settings, the business day is at least the day at UTC-12, the last zone to reach a date.
        tz = ZoneInfo(settings.general.time_zone) if settings else timezone(timedelta(hours=-12))
        if datetime.now(tz).date() <= link.expires:
            return None
        state = "expired"
    return _page(state, form is None, token, settings, {"when": "", "problem": "", "rating": ""})


def _follow_up(ctx: Any, session_id: str) -> dict[str, Any]:
    """The automations that watch a session's rating (client health) run now, as they would on a person's
    edit: the app's own write causes no webhook round (it is skipped as an echo). Not survey-rated: the
    survey answered is the one sent, nothing of it waits to be withdrawn (a Messages read saved)."""
    from automation.events.catalog import get_plan
    from automation.events.runner import run_automations
    from automation.schedule.automations import SURVEY_RATED

    changed = {session_id: {"satisfaction", "satisfaction_comment"}}
    try:
        others = [a.name for a in get_plan().automations if a.name != SURVEY_RATED]
        result = run_automations(ctx, "sessions", [session_id], changed, only=others)
    except Exception as exc:  # the answer is saved; the daily health run scores it if this could not
        ctx.run.report(RecordProblem("sessions", session_id, "satisfaction", None, f"follow-up: {exc}"))
        return {"followed_up": False}
    return {"followed_up": True, "failed": {t: sorted(ids) for t, ids in result.failed.items()}}


@lru_cache(maxsize=1)
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("survey.html")
