"""Without provider keys: each message is written to OUTBOX_DIR instead of being sent.

Per message: `<dir>/<YYYY-MM-DD>/<record id>-<slug>.html` (email), `.txt` and `.json` (the envelope and the
exact request SendGrid or Slack would have received), so the demo shows what would have gone out.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from automation.messages.providers import sendgrid, slack
from automation.messages.providers.base import Accepted, Envelope, ProviderUnavailable

OUTBOX_FROM = "outbox@example.invalid"  # shown as the sender when SENDGRID_FROM is not set


class OutboxProvider:
    name = "outbox"

    def __init__(self, directory: str | Path, *, sender: str | None = None, slack_channel: str | None = None):
        self.directory = Path(directory)
        self._sender = sender or OUTBOX_FROM
        self._slack_channel = slack_channel

    def send(self, envelope: Envelope, deadline: float) -> Accepted:
        now = datetime.now(UTC)
        folder = self.directory / now.strftime("%Y-%m-%d")
        stem = f"{envelope.message_id}-{_slug(envelope.subject)}"
        if envelope.channel == "Email":
            addr, name = sendgrid.split_from(self._sender)
            request = {
                "sendgrid_mail_send": sendgrid.request_body(envelope, addr, envelope.from_name or name)
            }
        else:
            request = {"slack_chat_post_message": slack.payload(envelope, envelope.to or self._slack_channel)}
        record = {
            "written_at": now.isoformat(timespec="seconds"),
            "message_id": envelope.message_id,
            "channel": envelope.channel,
            "kind": envelope.kind,
            "to": envelope.to,
            "subject": envelope.subject,
            "headers": envelope.headers,
            "files": [f"{stem}.txt"]
            + ([f"{stem}.html"] if envelope.html else [])
            + [f"{stem}-{a.filename}" for a in envelope.attachments],
            **request,
        }
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if envelope.html:
                _write(folder / f"{stem}.html", _local_images(envelope, stem))
            for a in envelope.attachments:
                _write(folder / f"{stem}-{a.filename}", a.content)
            _write(
                folder / f"{stem}.txt", f"Subject: {envelope.subject}\nTo: {envelope.to}\n\n{envelope.text}"
            )
            _write(folder / f"{stem}.json", json.dumps(record, indent=2, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise ProviderUnavailable(
                self.name,
                f"cannot write OUTBOX_DIR {self.directory} ({exc.strerror}); set it to a writable path",
            ) from exc
        return Accepted(self.name, f"outbox:{folder.name}/{stem}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "message"


def _local_images(envelope: Envelope, stem: str) -> str:
    """The HTML as a browser opening the outbox file shows it: `cid:` images point at the files beside it."""
    html = envelope.html or ""
    for a in envelope.attachments:
        if a.content_id:
            html = html.replace(f'"cid:{a.content_id}"', f'"{stem}-{a.filename}"')
    return html


def _write(path: Path, content: str | bytes) -> None:
    """Write atomically: a reader (or a crash) never sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    if isinstance(content, bytes):
        with os.fdopen(fd, "wb") as raw:
            raw.write(content)
    else:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
    os.replace(tmp, path)
