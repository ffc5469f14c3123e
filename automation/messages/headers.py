"""Text that becomes an email header or a Slack header: one line, one address, a name SendGrid reads right.

A subject or a display name is one line: a line break in it (a pasted name, the coach's edit in Airtable,
"Jo\\r\\nBcc: x@y") is never passed on as a header break. A recipient is one address: "a@x.com, b@y.com" or
"Jo <jo@x.com>" is refused with the reason instead of being sent to whoever the provider's parser picks.
"""

from __future__ import annotations

import re
import unicodedata

# Line and paragraph separators and C0/C1 controls (NUL, CR, LF, TAB, …). Format characters (Cf), such as
# the right-to-left marks of a Hebrew or Arabic name, are kept.
_BREAKS = frozenset({"Cc", "Zl", "Zp"})
# What cannot appear in a bare address: a name, a list or a comment around it.
_NOT_IN_ADDRESS = re.compile(r"[\s,;<>()\[\]\"\\]")
# SendGrid documents that a recipient's name may not hold "," or ";" (its parser splits on them) and its
# support names the other RFC 5322 specials; a quoted name is read whole.
_NEEDS_QUOTES = re.compile(r"[,;:<>()\[\]@\"\\]")


def one_line(text: str | None) -> str:
    """The text on one line: control characters and line breaks become spaces, runs of spaces one."""
    chars = (" " if unicodedata.category(c) in _BREAKS else c for c in text or "")
    return " ".join("".join(chars).split())


def address_problem(address: str | None) -> str | None:
    """Why this is not one email address (None when it is): one "@", an unquoted local part, a dotted domain
    of host-name labels, and no spaces, line breaks, commas, semicolons, brackets or quotes (a name goes in
    Recipient Name). Checked here because the outbox takes anything and SendGrid some malformed ones."""
    text = (address or "").strip()
    if not text:
        return "email recipient is empty"
    if _NOT_IN_ADDRESS.search(text) or any(unicodedata.category(c) in _BREAKS for c in text):
        return (
            f"email recipient {text!r} is not an email address: one address only, without a name, "
            "spaces, commas or brackets"
        )
    local, _, domain = text.partition("@")
    labels = domain.split(".")
    if (
        not local
        or "@" in domain
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or not all(atom and all(_in_atom(c) for c in atom) for atom in local.split("."))
    ):
        return f"email recipient {text!r} is not an email address"
    return None


# A domain label: letters (an internationalised domain's too), digits and inner hyphens; no "_", no "-" at
# either end. Zero-width and other invisible characters are not letters, so a pasted one is refused.
_LABEL = re.compile(r"(?!-)[^\W_]+(?:-+[^\W_]+)*")
_ATEXT = frozenset("!#$%&'*+-/=?^_`{|}~")


def _in_atom(c: str) -> bool:
    """A character of an unquoted local part (RFC 5322 atext; RFC 6531 adds letters of any script): not ":"
    (a pasted "mailto:"), not a dot at either end or twice in a row (the split leaves an empty atom)."""
    if c.isascii():
        return c.isalnum() or c in _ATEXT
    return unicodedata.category(c)[0] in "LMN"


def slack_recipient_problem(recipient: str | None) -> str | None:
    """Why this is not a Slack channel or member (None when it is, or blank: the default channel). Slack names
    have no spaces, and chat.postMessage takes neither an "@name" nor an email address (the coach switched
    Channel from Email, or typed a person): refused with the reason rather than sent nowhere or, through an
    incoming webhook, to the ops channel meant for someone else."""
    text = (recipient or "").strip()
    if not text:
        return None
    if "@" in text:
        return (
            f"Slack recipient {text!r} is not a Slack channel: give #channel-name or a member id (U…), "
            "or set Channel back to Email"
        )
    if _NOT_IN_ADDRESS.search(text) or any(unicodedata.category(c) in _BREAKS for c in text):
        return f"Slack recipient {text!r} is not a Slack channel: one #channel-name, without spaces"
    return None


def display_name(name: str | None) -> str | None:
    """A display name for SendGrid's `name` fields: one line; quoted (inner quotes and backslashes escaped)
    when it holds a comma, semicolon or another address special; None when blank."""
    text = one_line(name)
    if not text:
        return None
    if _NEEDS_QUOTES.search(text):
        if len(text) >= 2 and text[0] == text[-1] == '"':  # already quoted: quote what is inside
            text = text[1:-1]
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return text
