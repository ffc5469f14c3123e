"""Small text helpers for what people read (reports, alerts, evidence lines)."""

from __future__ import annotations

from typing import Any


def plural(n: float, one: str, many: str | None = None) -> str:
    """'1 invoice', '3 invoices', '1 day', '0 leads': the count with the noun it takes."""
    shown = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{shown} {one if n == 1 else (many or one + 's')}"


def display_name(record: Any, fallback: str = "A client (no name)") -> str:
    """The name a heading or line calls a person's record by: its Name on one line, else its Email, else
    `fallback`. A Name cleared or typed as spaces must not leave a heading that starts with blanks."""
    for value in (getattr(record, "name", None), getattr(record, "email", None)):
        if text := " ".join(str(value or "").split()):
            return text
    return fallback
