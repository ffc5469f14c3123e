"""Money, exactly: every currency amount is a `Decimal`, rounded once, half-up, to the cent.

The rounding rules, stated once (everything that computes money goes through these functions):

* An amount read from Airtable is taken as written (a currency cell holds at most its precision).
* A product (price x fraction, amount x tax rate, amount x commission %) is rounded half-up to the cent
  by `cents()` where the rule says so: per invoice line, per invoice for tax, per associate for the cut.
* Tax is computed once per invoice on the sum of its lines (never per line), so an invoice's tax is
  exactly `cents(amount x rate)` and Total = Amount + Tax + Late Fees with no further rounding.
* Stripe takes integer minor units: `minor_units()` turns an amount already rounded to the cent into
  them, and refuses anything with a fraction of a cent (it would mean a rounding step was skipped).
* A fraction typed in Airtable (a percent cell 0.4, a Settings value "0.2") becomes a Decimal through its
  text, so 0.4 is Decimal("0.4"), not the binary float's 0.40000000000000002220446...
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def dec(value: Any) -> Decimal:
    """A Decimal from a Decimal, int, float (through its shortest text) or numeric text; None is 0."""
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a truth value is not an amount")
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None


def cents(value: Any) -> Decimal:
    """Rounded half-up to the cent: 0.125 -> 0.13, -0.125 -> -0.13 (away from zero at the half)."""
    return dec(value).quantize(CENT, rounding=ROUND_HALF_UP)


def minor_units(amount: Decimal) -> int:
    """Integer cents for Stripe; the amount must already be whole cents."""
    scaled = dec(amount) * 100
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} has a fraction of a cent: round it with cents() first")
    return int(scaled)


def from_minor_units(units: int) -> Decimal:
    """Stripe's integer cents back to an amount."""
    return (Decimal(units) / 100).quantize(CENT)


def fraction(value: Any) -> Decimal:
    """A rate as a fraction: 0.4 stays 0.4; 40 (a coach typing "40" for 40 %) becomes 0.4."""
    f = dec(value)
    return f / 100 if f > 1 else f
