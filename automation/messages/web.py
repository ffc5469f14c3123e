"""What the messages routes call: the SendGrid Event Webhook and the unsubscribe pages (routes stay thin)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs

from automation.errors import SignatureError
from automation.messages import sendgrid_events, unsubscribe
from automation.messages.render import TEMPLATE_DIR

_TITLES = {
    "confirm": "Unsubscribe",
    "done": "You are unsubscribed",
    "already": "Already unsubscribed",
    "unknown": "Link not recognised",
    "invalid": "Link not valid",
}
# POST answers: a second use of a link is refused (410), changing nothing.
_POST_STATUS = {"done": 200, "already": 410, "unknown": 404, "invalid": 400}
_GET_STATUS = {"confirm": 200, "already": 200, "unknown": 404, "invalid": 400}


@dataclass(frozen=True)
class Page:
    status: int
    html: str


def handle_sendgrid_events(body: bytes, signature: str | None, timestamp: str | None) -> dict[str, Any]:
    """Verify, parse, apply; the run is recorded (trigger SendGrid). Raises SignatureError / BadRequest."""
    from automation.events.context import make_context
    from automation.events.runs import record_run
    from automation.events.settings_env import config

    cfg = config()
    sendgrid_events.verify(cfg.sendgrid_webhook_public_key, body, signature, timestamp, now=time.time())
    events = sendgrid_events.parse(body)
    ctx = make_context("SendGrid", "sendgrid events", cfg.webhook_budget_s)
    ctx.run.mode = "Live"  # provider facts (bounces, opt-outs) are recorded in every mode
    try:
        summary = sendgrid_events.process(ctx, events)
        record_run(ctx, details={"events": len(events), **summary})
        return {"received": len(events), **summary}
    except Exception as exc:
        record_run(ctx, error=exc, details={"events": len(events)})
        raise
    finally:
        ctx.run.close()


def token_from(query_token: str | None, form_body: bytes) -> str | None:
    """The token from the query (one-click POSTs keep it there) or the confirm form's body."""
    if query_token:
        return query_token
    values = parse_qs(form_body.decode("utf-8", "replace")).get("token")
    return values[0] if values else None


def unsubscribe_page(token: str | None, *, confirm: bool) -> Page:
    """GET (confirm=False): show the button, change nothing. POST: unsubscribe, once."""
    from automation.events.context import cached_settings, make_context
    from automation.events.runs import record_run
    from automation.events.settings_env import config

    cfg = config()
    if not _signed(cfg, token):
        # Refused before any Airtable call (Settings included): a bad link is 400 whether Airtable answers.
        return _page("invalid", confirm, token, cfg, cached_settings(cfg))
    ctx = make_context("Manual", "unsubscribe", cfg.trigger_budget_s)
    # An opt-out is the recipient's decision, not the system's: it is honoured in every Automation Mode.
    ctx.run.mode = "Live"
    try:
        outcome = unsubscribe.confirm(ctx, token) if confirm else unsubscribe.look(ctx, token)
        state, email = outcome.state, outcome.masked_email
        if confirm:
            record_run(ctx, details={"unsubscribe": state, "records": list(outcome.changed)})
    except SignatureError:
        state, email = "invalid", ""
    except Exception as exc:
        record_run(ctx, error=exc)
        raise
    finally:
        ctx.run.close()
    return _page(state, confirm, token, cfg, ctx.settings, email)


def _signed(cfg: Any, token: str | None) -> bool:
    """The token's signature holds (no call); an unset APP_SECRET is left to the full path to record."""
    from automation.errors import ConfigError
    from automation.messages import tokens

    try:
        tokens.verify_token(cfg.app_secret.get_secret_value() if cfg.app_secret else None, token)
    except ConfigError:
        return True
    except SignatureError:
        return False
    return True


def _page(state: str, confirm: bool, token: str | None, cfg: Any, settings: Any, email: str = "") -> Page:
    html = _page_template().render(
        state=state,
        title=_TITLES[state],
        email=email,
        token=token or "",
        action=f"{cfg.public_base_url.rstrip('/')}/api/unsubscribe",
        business_name=settings.general.business_name if settings else "",
    )
    return Page((_POST_STATUS if confirm else _GET_STATUS)[state], html)


@lru_cache(maxsize=1)
def _page_template() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template("pages/unsubscribe.html")
