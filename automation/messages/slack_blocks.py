"""Slack Block Kit from a message's subject and plain text (the same text that is its fallback)."""

from __future__ import annotations

import re
from typing import Any

from automation.messages.headers import one_line

MAX_BLOCKS = 50  # Slack's limit per message
SECTION_CHARS = 2900  # a section's text may hold at most 3000 characters
HEADER_CHARS = 150  # a header's plain text may hold at most 150
# All sections together: Slack refuses a message whose blocks are long in total (msg_blocks_too_long, seen
# from about 13,000 characters) well before 50 sections of 3,000.
TOTAL_CHARS = 12_000
FALLBACK_CHARS = 3000
TRUNCATED = "_(truncated: the full text is in the Messages record)_"
_URL_LINE = re.compile(r"^(?P<label>[^:\n]{1,80}): (?P<url>https?://\S+)$")


def escape(text: str) -> str:
    """Slack mrkdwn control characters (&, <, >) as Slack asks them to be escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def blocks_for(subject: str, text: str) -> list[dict[str, Any]]:
    """A header (the subject on one line; none when it is blank), then the text in sections (bullets as •,
    "Label: https://…" lines as links), within Slack's limits: what does not fit ends in a note."""
    blocks: list[dict[str, Any]] = []
    heading = _clip(one_line(subject), HEADER_CHARS)
    if heading:
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": heading, "emoji": True}})
    used = 0
    for chunk in _chunks([_line(line) for line in text.strip().split("\n")]):
        if len(blocks) == MAX_BLOCKS - 1 or used + len(chunk) > TOTAL_CHARS:
            blocks.append(_section(TRUNCATED))
            break
        blocks.append(_section(chunk))
        used += len(chunk)
    return blocks


def fallback_text(subject: str, text: str) -> str:
    """The top-level `text` (notifications, clients without blocks): escaped like the blocks, so a name
    such as "<!channel>" can never notify a whole channel; cut to FALLBACK_CHARS at a space."""
    full = escape(f"{one_line(subject)}\n{text}".strip())
    if len(full) <= FALLBACK_CHARS:
        return full
    return full[: _cut_at(full, FALLBACK_CHARS - 2)].rstrip() + " …"


def _line(line: str) -> str:
    match = _URL_LINE.match(line.strip())
    if match:
        return f"<{match['url']}|{escape(match['label'])}>"
    if line.startswith("- "):
        return "• " + escape(line[2:])
    return escape(line)


def _chunks(lines: list[str]) -> list[str]:
    """Group lines into sections at blank lines, none longer than SECTION_CHARS (a longer line is cut,
    its pieces kept in order)."""
    chunks: list[str] = []
    current = ""
    for line in lines + [""]:
        if line == "" and current.strip():
            chunks.append(current.strip())
            current = ""
            continue
        for piece in _pieces(line):
            if len(current) + len(piece) + 1 > SECTION_CHARS:
                chunks.append(current.strip())
                current = ""
            current += piece + "\n"
    return [c for c in chunks if c]


def _pieces(line: str) -> list[str]:
    pieces = []
    while len(line) > SECTION_CHARS:
        cut = _cut_at(line, SECTION_CHARS)
        pieces.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    return [*pieces, line]


def _cut_at(line: str, limit: int) -> int:
    """Where to cut a line longer than `limit`: at the last space in the second half if there is one, never
    inside an escape ("&amp;") or a link ("<https://…|label>")."""
    space = line.rfind(" ", 0, limit + 1)
    if space > limit // 2:
        return space
    cut = limit
    amp = line.rfind("&", max(0, cut - len("&amp;") + 1), cut)
    if amp != -1 and ";" not in line[amp:cut]:
        cut = amp
    opened = line.rfind("<", 0, cut)
    if opened > 0 and ">" not in line[opened:cut]:
        cut = opened
    return cut


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
