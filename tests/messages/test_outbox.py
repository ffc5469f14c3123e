"""Without keys: the outbox folder holds exactly what would have been sent."""

from __future__ import annotations

import json
import time

from automation.config import Config
from automation.messages.providers import provider_for
from automation.messages.providers.outbox import OutboxProvider
from tests.messages.test_providers import EMAIL, SLACK


def test_provider_for__without_keys_both_channels_use_the_outbox(tmp_path):
    config = Config(
        _env_file=None, airtable_api_key="patX", airtable_base_id="appX", outbox_dir=str(tmp_path)
    )
    assert provider_for("Email", config).name == "outbox"
    assert provider_for("Slack", config).name == "outbox"


def test_outbox__email_writes_html_text_and_the_sendgrid_request(tmp_path):
    accepted = OutboxProvider(tmp_path, sender="Sarah <sarah@example.com>").send(EMAIL, time.monotonic() + 5)
    (day,) = tmp_path.iterdir()
    names = sorted(p.name for p in day.iterdir())
    assert names == [f"recMSG000000000001-a-thought.{ext}" for ext in ("html", "json", "txt")]
    envelope = json.loads((day / names[1]).read_text())
    assert envelope["sendgrid_mail_send"]["custom_args"] == {"los_message_id": "recMSG000000000001"}
    assert envelope["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (day / names[0]).read_text() == "<p>Hello Jo</p>"
    assert accepted.provider_id == f"outbox:{day.name}/recMSG000000000001-a-thought"


def test_outbox__slack_writes_text_and_the_chat_post_message_payload(tmp_path):
    OutboxProvider(tmp_path, slack_channel="#ops").send(SLACK, time.monotonic() + 5)
    (day,) = tmp_path.iterdir()
    record = json.loads(next(day.glob("*.json")).read_text())
    assert record["slack_chat_post_message"]["blocks"] == SLACK.blocks
    assert record["slack_chat_post_message"]["channel"] == "#coaching-ops"
    assert not list(day.glob("*.html"))
