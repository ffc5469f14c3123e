"""Overdue invoices (pure): Overdue after the Due Date, reminders on the Settings schedule, late fees.

Everything is decided from the date, never counted up run by run, so repeating a day changes nothing:
* Status: a Sent invoice whose Due Date has passed is Overdue, unless it asks for 0.00 (`asks_nothing`).
* Reminders: the latest scheduled offset (days from the Due Date) that has arrived, unless the invoice's
  Reminders field already lists it; offsets skipped while the job did not run are not sent late.
* Late fees: none until the grace period has passed, then one fee, then another every `every_days`, at
  most `max_times`: each new fee is added to Late Fees (it never goes down, and a fee charged before the
  rate changed is counted as one, never topped up), Total = what is owed + Late Fees, what is owed being
  Amount + Tax, or the Total of an invoice typed in with a Total alone (`owed`).
  A flat fee is its amount; a percent fee is that fraction of what is owed, rounded half-up to the cent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, Decimal
from typing import Any

from automation.money import ZERO, cents, dec
from automation.settings.billing import BillingSettings

OPEN = ("Sent", "Overdue")


@dataclass(frozen=True)
class OverdueDecision:
    fields: dict[str, Any] = field(default_factory=dict)
    reminder: int | None = None  # offset of the reminder to send now
    new_fees: tuple[int, ...] = ()  # which late fees (1-based) are new today


def fee_amount(invoice: Any, settings: BillingSettings, currency: str | None = None) -> Decimal:
    """The late fee, rounded to the currency's smallest unit (whole yen for JPY)."""
    if settings.late_fee_kind == "flat":
        return cents(settings.late_fee_value, currency)
    if settings.late_fee_kind == "percent":
        # already a fraction: BillingSettings reads "2" or "2%" typed for a percent fee as 0.02; of what the
        # invoice asks for (an invoice typed in with its Total alone: of that Total, not of nothing)
        return cents(owed(invoice) * settings.late_fee_value, currency)
    return ZERO


def fee_count(days_late: int, settings: BillingSettings) -> int:
    if settings.late_fee_kind == "none" or days_late <= settings.late_fee_grace_days:
        return 0
    return min(
        settings.late_fee_max_times,
        1 + (days_late - settings.late_fee_grace_days - 1) // settings.late_fee_every_days,
    )


def fees_charged(current: Decimal, fee: Decimal, days_late: int, settings: BillingSettings) -> int:
    """How many late fees Late Fees (`current`) holds, today's fee being `fee`. A whole number of fees at
    today's rate is that many. Otherwise the coach changed the rate after a fee was charged: Late Fees holds
    their sum at other rates, and dividing by today's fee miscounts (25.00 charged and the fee lowered to
    10.00 read as three fees, so the second was never charged). The daily run charges each fee on its day,
    so the fees charged are those the schedule had reached by yesterday (at least one). A fee already
    charged is never charged again nor topped up; a new one is at the new rate. Never more than Late Fees
    counted up at today's rate (a raised fee: 25.00 at 30.00 is one). Still inexact: a rate lowered while
    the job was down on a fee day misses that fee; many fees at a raised rate can count one short."""
    if current <= 0:
        return 0
    count = current / fee
    if count == count.to_integral_value():
        return int(count)
    by_yesterday = fee_count(days_late - 1, settings)
    return min(int(count.to_integral_value(rounding=ROUND_CEILING)), max(1, by_yesterday))


def reminders_sent(invoice: Any) -> list[int]:
    out = []
    for part in (invoice.reminders or "").replace(" ", "").split(","):
        try:
            out.append(int(part))
        except ValueError:
            continue
    return out


def owed(invoice: Any) -> Decimal:
    """What the invoice asks for before late fees: Amount + Tax, or a Total typed alone."""
    base = dec(invoice.amount) + dec(invoice.tax_amount)
    return base if base else dec(invoice.total) - dec(invoice.late_fees)


def asks_nothing(invoice: Any) -> bool:
    """An invoice whose amounts say 0.00 is owed (a pro bono month typed in at 0): it cannot be late, and
    Overdue would count it among what clients owe. One never filled in (no Amount, no Total) is not this:
    what it asks is unknown, so it goes Overdue and the daily run tells the coach to fill it in. Either
    way its reminder offset is decided and the daily run holds it (no reminder for nothing owed)."""
    typed = invoice.amount is not None or invoice.total is not None
    return typed and owed(invoice) <= 0


def decide(
    invoice: Any, today: date, settings: BillingSettings, currency: str | None = None
) -> OverdueDecision:
    if invoice.status not in OPEN or invoice.due_date is None:
        return OverdueDecision()
    days_late = (today - invoice.due_date).days
    fields: dict[str, Any] = {}
    if days_late > 0 and invoice.status == "Sent" and not asks_nothing(invoice):
        fields["status"] = "Overdue"
    new_fees: tuple[int, ...] = ()
    # Nothing owed (an invoice typed by hand, never filled in) earns no fee: 0.00 plus a fee is no debt.
    fee = fee_amount(invoice, settings, currency) if owed(invoice) > 0 else ZERO
    if fee > 0:
        current = dec(invoice.late_fees)
        had = fees_charged(current, fee, days_late, settings)
        n = fee_count(days_late, settings)
        if n > had:
            late = current + fee * (n - had)
            fields["late_fees"] = late
            # Added to what is owed: an invoice typed in with a Total alone keeps it (its fee was put in
            # its place: 500.00 asked for became 25.00)
            fields["total"] = owed(invoice) + late
            new_fees = tuple(range(had + 1, n + 1))
    arrived = [o for o in settings.reminder_days if days_late >= o]
    reminder = max(arrived) if arrived else None
    if reminder is not None and reminder in reminders_sent(invoice):
        reminder = None
    return OverdueDecision(fields, reminder, new_fees)


def fees_after_payment(
    invoice: Any, settings: BillingSettings, currency: str | None = None
) -> dict[str, Any] | None:
    """An invoice marked Paid with a Payment Date (the coach's, who records a transfer after it arrived):
    the late fees whose day came after that date are not owed, though the daily run added them while the
    payment was not yet recorded (paid on the last day of grace, marked Paid after the fee day). Late Fees
    goes back to those owed on the Payment Date and Total with it; None when nothing changes (no fee, or
    late fees since switched off: which were owed is then not known, and none is taken off on a guess)."""
    if invoice.status != "Paid" or invoice.payment_date is None or invoice.due_date is None:
        return None
    current = dec(invoice.late_fees)
    fee = fee_amount(invoice, settings, currency) if owed(invoice) > 0 else ZERO
    if current <= 0 or fee <= 0:
        return None
    had = int((current / fee).to_integral_value(rounding=ROUND_CEILING))
    due = fee_count((invoice.payment_date - invoice.due_date).days, settings)
    if due >= had:
        return None
    late = ZERO if due == 0 else max(ZERO, current - fee * (had - due))
    return {"late_fees": late, "total": owed(invoice) + late}


def with_reminder(invoice: Any, offset: int) -> str:
    """The Reminders field after sending the reminder at `offset`."""
    return ",".join(str(o) for o in sorted({*reminders_sent(invoice), offset}))
