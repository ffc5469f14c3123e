"""Slack Block Kit from a message's subject and plain text (the same text that is its fallback)."""

from __future__ import annotations

import re
from typing import Any

MAX_BLOCKS = 50  # Slack's limit per message
SECTION_CHARS = 2900  # a section's text may hold at most 3000 characters
_URL_LINE = re.compile(r"^(?P<label>[^:\n]{1,80}): (?P<url>https?://\S+)$")


def escape(text: str) -> str:
    """Slack mrkdwn control characters (&, <, >) as Slack asks them to be escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def blocks_for(subject: str, text: str) -> list[dict[str, Any]]:
    """A header, then the text in sections (bullets as •, "Label: https://…" lines as links)."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _clip(subject, 150), "emoji": True}}
    ]
    for chunk in _chunks([_line(line) for line in text.strip().split("\n")]):
        if len(blocks) == MAX_BLOCKS - 1:
            blocks.append(_section("_(truncated: the full text is in the Messages record)_"))
            break
        blocks.append(_section(chunk))
    return blocks


def _line(line: str) -> str:
    match = _URL_LINE.match(line.strip())
    if match:
        return f"<{match['url']}|{escape(match['label'])}>"
    if line.startswith("- "):
        return "• " + escape(line[2:])
    return escape(line)


def _chunks(lines: list[str]) -> list[str]:
    """Group lines into sections at blank lines, none longer than SECTION_CHARS."""
    chunks: list[str] = []
    current = ""
    for line in lines + [""]:
        if line == "" and current.strip():
            chunks.append(current.strip())
            current = ""
            continue
        while len(line) > SECTION_CHARS:
            chunks.append(line[:SECTION_CHARS])
            line = line[SECTION_CHARS:]
        if len(current) + len(line) + 1 > SECTION_CHARS:
            chunks.append(current.strip())
            current = ""
        current += line + "\n"
    return [c for c in chunks if c]


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
