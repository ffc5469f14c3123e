"""Small text helpers for what people read (reports, alerts, evidence lines)."""

from __future__ import annotations


def plural(n: float, one: str, many: str | None = None) -> str:
    """'1 invoice', '3 invoices', '1 day', '0 leads': the count with the noun it takes."""
    shown = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{shown} {one if n == 1 else (many or one + 's')}"
