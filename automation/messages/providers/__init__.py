"""Delivery providers: SendGrid and Slack when their keys are set, else the outbox folder (Slack messages
go by email to the coach when only SendGrid is set: see Config.slack_by_email)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from automation.errors import ConfigError
from automation.messages.providers.base import (
    Accepted,
    Envelope,
    OutcomeUnknown,
    Provider,
    ProviderError,
    ProviderRejected,
    ProviderUnavailable,
)

if TYPE_CHECKING:
    from automation.config import Config

__all__ = [
    "Accepted",
    "Envelope",
    "OutcomeUnknown",
    "Provider",
    "ProviderError",
    "ProviderRejected",
    "ProviderUnavailable",
    "provider_for",
]

TIMEOUT_S = 10.0


def provider_for(channel: str, config: Config) -> Provider:
    """The provider for a channel under this configuration; ConfigError names a half-set credential."""
    from automation.messages.providers.outbox import OutboxProvider

    if channel == "Email" or (channel == "Slack" and config.slack_by_email()):
        if config.sendgrid_api_key is None:
            return OutboxProvider(config.outbox_dir, sender=config.sendgrid_from)
        if not config.sendgrid_from:
            raise ConfigError(
                "SENDGRID_API_KEY is set but SENDGRID_FROM is not: set a verified sender address"
            )
        from automation.messages.providers.sendgrid import SendGridProvider

        return SendGridProvider(
            config.sendgrid_api_key.get_secret_value(),
            config.sendgrid_from,
            host=config.sendgrid_host,
            timeout_s=TIMEOUT_S,
        )
    if channel == "Slack":
        from automation.messages.providers import slack

        if config.slack_bot_token is not None:
            return slack.SlackBotProvider(
                config.slack_bot_token.get_secret_value(),
                default_channel=config.slack_channel,
                base_url=config.slack_base_url,
                timeout_s=TIMEOUT_S,
            )
        if config.slack_webhook_url is not None:
            return slack.SlackWebhookProvider(
                config.slack_webhook_url.get_secret_value(), timeout_s=TIMEOUT_S
            )
        return OutboxProvider(config.outbox_dir, slack_channel=config.slack_channel)
    raise ConfigError(f"unknown channel {channel!r}")
