"""The services behind the leads routes: each opens a run, does one thing, records the run.

Routes stay thin (STYLE.md habit 1): they read the request, call one function here and map its answer.
"""

from __future__ import annotations

import base64
import logging
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qsl

from automation import jsonbody
from automation.errors import BadRequest, ConfigError, RecordProblem, SignatureError
from automation.leads.capture import LIMITER, TooManyRequests, address_key, hold, parse_form, process, store
from automation.leads.replies import parse_form_data, parse_inbound, record_reply
from automation.leads.spam import spam_reasons

log = logging.getLogger(__name__)

MAX_INBOUND_BYTES = 30_000_000  # SendGrid Inbound Parse allows messages up to 30 MB


def read_form(content_type: str, body: bytes) -> dict[str, Any]:
    """JSON or a urlencoded form -> dict; BadRequest for anything else."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        data = jsonbody.loads(body, "lead-form", empty=[])
        if not isinstance(data, dict):
            raise BadRequest("send a JSON object with name and email")
        return data
    if kind == "application/x-www-form-urlencoded":
        jsonbody.check(body, jsonbody.LIMITS["lead-form"])
        return dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    raise BadRequest("send application/json or application/x-www-form-urlencoded")


def submit_lead(payload: dict[str, Any], address: str) -> dict[str, Any]:
    """A website form: rate limit per address, honeypot, validation, spam hold, then capture (one run
    record)."""
    from automation.events.context import make_context
    from automation.events.settings_env import config

    if not LIMITER.allow(address):
        raise TooManyRequests("too many submissions from this address; try again later")
    form = parse_form(payload, _form_day, _form_zone)
    if form is None:  # a bot filled the honeypot: answer as usual, keep nothing
        return {"status": "received"}
    ctx = make_context("Trigger", "lead-capture", config().trigger_budget_s)
    secret = config().app_secret
    key = address_key(address, secret.get_secret_value() if secret else None)
    reasons = spam_reasons(form)
    if reasons:  # kept for the coach to release, at one read and one write (spam.py)
        try:
            _, lead_id = hold(ctx, form, reasons, key)
            log.info("form submission held as possible spam on lead %s: %s", lead_id, "; ".join(reasons))
        except TooManyRequests:  # the address's new leads in the base: refused, nothing stored
            raise
        except Exception as exc:  # not stored: as for an enquiry, an error answer and a Failed run
            _record(ctx, error=exc, details={"source": form.source, "stored": False, "held": reasons})
            raise
        finally:
            ctx.run.close()
        return {"status": "received"}
    try:
        try:
            outcome, lead_id, fields = store(ctx, form, key)
        except TooManyRequests:  # the address's new leads in the base: refused, nothing stored
            raise
        except Exception as exc:  # not stored: the answer is an error, and a retry cannot make two leads
            _record(ctx, error=exc, details={"source": form.source, "stored": False})
            raise
        details = {"lead": lead_id, "outcome": outcome, "source": form.source}
        try:
            process(ctx, outcome, lead_id, fields)
        except Exception as exc:  # stored: answered 202; the daily leads job scores what is left unscored
            log.warning("lead %s stored, its automations did not finish: %s", lead_id, exc)
            _record(ctx, error=exc, details={**details, "left": "unscored until the leads-daily job"})
        else:
            _record(ctx, details=details, force=True)
    finally:
        ctx.run.close()
    return {"status": "received"}


def _form_day() -> date:
    """The business's date, for a timeline the calendar names ("Q4"): asked only then, so a form with a bad
    field is still refused without Airtable. Settings out of reach: the UTC date (the run that follows
    fails on them anyway, and a refusal stays a refusal)."""
    from automation.events.context import business_today

    try:
        return business_today()
    except Exception:
        log.warning("settings out of reach: the form's timeline is read on the UTC date")
        return datetime.now(UTC).date()


def _form_zone() -> str:
    """The business time zone, for a season ("after summer"): asked only then, from the same cached
    Settings as the date. Out of reach: no zone, read as the northern hemisphere's seasons."""
    from automation.events.context import business_time_zone

    try:
        return business_time_zone()
    except Exception:
        log.warning("settings out of reach: the form's season is read for the northern hemisphere")
        return ""


def _record(ctx: Any, **kwargs: Any) -> None:
    """The run record, if Airtable takes it now; if not, the lead it is about says enough: no Scored At
    (found and scored by the daily leads job, whose run record lists it)."""
    from automation.events.runs import record_run

    try:
        record_run(ctx, **kwargs)
    except Exception:
        log.exception("could not write the lead-capture run record")


def inbound_secret_ok(query_secret: str | None, authorization: str | None) -> None:
    """The Inbound Parse URL's shared secret: ?secret=… or basic auth (any user, the secret as password)."""
    from automation.events.settings_env import config
    from automation.events.signing import secret_matches

    expected = config().sendgrid_inbound_secret
    if expected is None:
        raise ConfigError("SENDGRID_INBOUND_SECRET is not set: replies cannot be verified")
    given = query_secret
    if given is None and authorization and authorization.lower().startswith("basic "):
        try:
            given = base64.b64decode(authorization[6:]).decode().partition(":")[2]
        except ValueError:
            given = None
    if not secret_matches(given, expected.get_secret_value()):
        raise SignatureError("the Inbound Parse URL's secret is missing or wrong")


def inbound_reply(content_type: str, body: bytes) -> dict[str, Any]:
    """A verified Inbound Parse post -> the reply recorded on its lead (one run record)."""
    from automation.events.context import make_context
    from automation.events.runs import record_run
    from automation.events.settings_env import config

    if len(body) > MAX_INBOUND_BYTES:
        raise BadRequest("the email is larger than Inbound Parse allows")
    fields = parse_form_data(content_type, body)  # not a form post at all: 400, nothing to record
    ctx = make_context("SendGrid", "lead-reply", config().webhook_budget_s)
    try:
        try:
            mail = parse_inbound(fields)
        except BadRequest as exc:  # the sender's content: skipped and recorded (a retry would not help)
            ctx.run.report(RecordProblem("leads", None, "email", None, f"inbound email skipped: {exc}"))
            record_run(ctx, details={"status": "skipped"})
            return {"status": "skipped", "reason": str(exc)}
        result = record_reply(ctx, mail)
        record_run(ctx, details=result, force=result["status"] == "recorded")
    except Exception as exc:
        record_run(ctx, error=exc)
        raise
    finally:
        ctx.run.close()
    return result
