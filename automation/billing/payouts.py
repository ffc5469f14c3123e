"""Associate payouts (pure): per associate, per invoice of the month, the sessions they delivered, what
was billed for them and their cut, rounded exactly as the invoice's Associate Cut (once per associate and
invoice, half-up). A retainer is shared equally among the sessions it covered."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from automation.billing.invoices import commission_rate, parse_lines
from automation.money import ZERO, cents, dec

MISSED = ("No-show", "Cancelled")  # session statuses billed without the session being held


def payout_rows(
    invoices: list[Any],
    sessions: Mapping[str, Any],
    associates: Mapping[str, Any],
    client_names: Mapping[str, str],
    currency: str | None = None,
    own: frozenset[str] = frozenset(),
) -> dict[str, list[dict[str, Any]]]:
    """Associate id -> rows {client, sessions, billed, cut}, one per invoice they delivered sessions on. The
    coach's own Associate records (`own`) are paid no cut, as on the invoice."""
    out: dict[str, list[dict[str, Any]]] = {}
    for inv in sorted(invoices, key=lambda i: i.invoice_number or ""):
        if inv.status == "Void":
            continue
        billed: dict[str, Decimal] = {}
        count: dict[str, int] = {}
        # Charged but not held (a no-show, a charged cancellation): the associate's count says which, so
        # "4 sessions" for the 2 she ran is not read as a miscount.
        missed: dict[str, dict[str, int]] = {}
        lines = [line for line in parse_lines(inv.lines) if line.session_id]
        if lines:
            for line in lines:
                if line.associate_id:
                    billed[line.associate_id] = billed.get(line.associate_id, ZERO) + line.amount
                    count[line.associate_id] = count.get(line.associate_id, 0) + 1
                    _note(missed, line.associate_id, sessions.get(line.session_id))
        else:  # a retainer: its amount shared among the sessions it covered
            covered = [
                sessions[s] for s in inv.sessions if s in sessions and sessions[s].invoice_status != "Waived"
            ]
            share = dec(inv.amount) / len(covered) if covered else ZERO
            for s in covered:
                if s.associate:
                    aid = s.associate[0]
                    billed[aid] = billed.get(aid, ZERO) + share
                    count[aid] = count.get(aid, 0) + 1
                    _note(missed, aid, s)
        client = client_names.get(inv.client[0], "") if inv.client else ""
        for aid, amount in billed.items():
            # out of range: reported by the billing run; the coach's own record: none, as on the invoice
            rate = None if aid in own else commission_rate(associates.get(aid))
            out.setdefault(aid, []).append(
                {
                    "invoice": inv.invoice_number,
                    "client": client,
                    "sessions": count[aid],
                    **{
                        key: n
                        for key, status in (("no_shows", "No-show"), ("cancellations", "Cancelled"))
                        if (n := missed.get(aid, {}).get(status, 0))
                    },
                    "billed": cents(amount, currency),
                    "cut": cents(amount * rate, currency) if rate is not None else ZERO,
                }
            )
    return out


def _note(missed: dict[str, dict[str, int]], aid: str, session: Any) -> None:
    status = getattr(session, "status", None)
    if status in MISSED:
        missed.setdefault(aid, {}).setdefault(status, 0)
        missed[aid][status] += 1


def late_share(amount: Any, covered: int, late: int) -> Decimal:
    """What a retainer session marked after its month's statements would have been billed: the month's
    retainer shared among the sessions it covered and the late ones (unrounded; the row rounds)."""
    return dec(amount) / (covered + late) if covered + late else ZERO


def carried_row(
    invoice_number: str,
    client: str,
    month_name: str,
    billed: Decimal,
    rate: Decimal | None,
    currency: str | None,
) -> dict[str, Any]:
    """A payout row for a session its month's statement did not have (`late_share`), carried to the next
    statement: what the associate would have had, at today's rate, and which month it was."""
    return {
        "invoice": invoice_number,
        "client": client,
        "sessions": 1,
        "billed": str(cents(billed, currency)),
        "cut": str(cents(billed * rate, currency) if rate is not None else ZERO),
        "month": month_name,
    }
