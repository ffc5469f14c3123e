"""Deployment configuration from the environment: secrets and endpoints (tunables live in Settings)."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_core import PydanticUseDefault
from pydantic_settings import BaseSettings, SettingsConfigDict


class Config(BaseSettings):
    """Every environment variable the system reads. Without a paid key the offline default is used."""

    # An empty value is no value: `.env.example` copied as it is leaves every integration on its offline
    # default, as the README says, instead of calling OpenAI, SendGrid or Stripe with an empty key.
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", case_sensitive=False, env_ignore_empty=True
    )

    # Airtable (required). The endpoint points at the local server in development and tests.
    airtable_api_key: SecretStr
    airtable_base_id: str
    airtable_endpoint_url: str = "https://api.airtable.com"
    airtable_timeout_s: float = Field(10.0, gt=0)
    # Calls one instance may start in any second. Airtable allows 5 per base for ALL clients together
    # (other instances, a person's script, integrations) and locks the base 30 s after one too many. Measured
    # beside a script making 2 calls a second plus a person's edits: 3 tripped the limit (59 refusals in a
    # minute), 2 never did (tests/events/test_budget_http.py).
    airtable_rate_per_s: float = Field(2.0, ge=0)  # 0 = no client-side spacing (tests only)
    airtable_workspace_id: str | None = None  # only for `setup_base --create-base` against airtable.com

    # Shared secrets of the app's own endpoints.
    app_secret: SecretStr | None = (
        None  # encrypts webhook MAC secrets in System State; signs unsubscribe links
    )
    cron_secret: SecretStr | None = None  # Vercel sends it as "Authorization: Bearer …"
    trigger_secret: SecretStr | None = None  # Airtable Automation scripts send it as X-Trigger-Secret
    public_base_url: str = "http://127.0.0.1:8000"  # where links in emails point (unsubscribe, webhooks)

    # Time budgets (seconds).
    webhook_budget_s: float = 20.0  # Airtable counts a ping unanswered after 25 s as failed
    # A ping within this long of the start of the instance's last round waits until then, so cells a
    # person types meanwhile (their pings answered at once) join one round; a change on its own is never
    # held. 0 (the default): 3 s changed nothing, 8 s saved 13-17 % of a typed lead's calls for 3-9 s of
    # write-back (bench/RESULTS-events.md §0h).
    webhook_gather_s: float = Field(0.0, ge=0, le=10)
    trigger_budget_s: float = 8.0  # an Airtable script's fetch gives up after about 12 s
    cron_budget_s: float = 240.0  # Vercel functions run at most 300 s by default
    # Where the form's rate limiter reads the client's address: "vercel" (X-Real-IP / X-Vercel-Forwarded-For /
    # X-Forwarded-For, which Vercel sets from the connection, overwriting what the client sent), "aws" (API
    # Gateway's requestContext sourceIp through Mangum; headers are the client's there) or "connection"
    # (the TCP peer: uvicorn with no proxy in front).
    client_ip_source: Literal["vercel", "aws", "connection"] = "vercel"
    webhook_ids_fresh_s: float = 15.0  # pings for ids not in System State are refused unread this long
    health_check_s: float = 30.0  # GET /api/health asks Airtable at most this often (anyone may call it)

    # OpenAI (optional: a deterministic drafter is used without it).
    openai_api_key: SecretStr | None = None
    openai_base_url: str | None = None
    openai_model: str = "gpt-6-luna"
    openai_timeout_s: float = 30.0

    # Email and Slack (optional: messages go to OUTBOX_DIR without them).
    sendgrid_api_key: SecretStr | None = None
    sendgrid_from: str | None = None
    sendgrid_host: str = "https://api.sendgrid.com"
    sendgrid_webhook_public_key: str | None = None  # verifies the Event Webhook
    sendgrid_inbound_secret: SecretStr | None = None  # shared secret in the Inbound Parse URL
    slack_bot_token: SecretStr | None = None
    slack_channel: str | None = None
    slack_webhook_url: SecretStr | None = None
    slack_base_url: str = "https://slack.com/api/"
    outbox_dir: str = "var/outbox"

    # Stripe (optional: invoices are created without payment links when absent).
    stripe_secret_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None
    stripe_api_base: str | None = None

    # Calendly (optional): the webhook subscription's signing key; without it the booking route answers 503.
    calendly_signing_key: SecretStr | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _spaces_are_no_value(cls, value: object) -> object:
        """A value pasted with a stray space or newline is the value; one of spaces only is no value (as an
        empty one is): OPENAI_API_KEY=" " must leave the offline default on, not call OpenAI with a blank
        key for every lead."""
        if isinstance(value, str):
            value = value.strip()
            if not value:
                raise PydanticUseDefault()
        return value

    def slack_configured(self) -> bool:
        return self.slack_bot_token is not None or self.slack_webhook_url is not None

    def slack_by_email(self) -> bool:
        """No Slack credentials but SendGrid set: the coach's Slack notices go to her by email. A deployed
        app's OUTBOX_DIR is a disk nobody reads (read-only on Vercel), so alerts written there are lost."""
        return not self.slack_configured() and self.sendgrid_api_key is not None

    def configured_integrations(self) -> dict[str, bool]:
        """Which optional integrations have credentials (names only, never values)."""
        return {
            "openai": self.openai_api_key is not None,
            "sendgrid": self.sendgrid_api_key is not None and bool(self.sendgrid_from),
            "slack": self.slack_configured(),
            "stripe": self.stripe_secret_key is not None,
            "cron_secret": self.cron_secret is not None,
            "trigger_secret": self.trigger_secret is not None,
            "app_secret": self.app_secret is not None,
        }


@lru_cache(maxsize=1)
def get_config() -> Config:
    """The process-wide configuration, read once per warm instance."""
    return Config()  # type: ignore[call-arg]
