"""Money, exactly: every currency amount is a `Decimal`, rounded once, half-up, to the cent.

The rounding rules, stated once (everything that computes money goes through these functions):

* An amount read from Airtable is taken as written (a currency cell holds at most its precision).
* A product (price x fraction, amount x tax rate, amount x commission %) is rounded half-up to the cent
  by `cents()` where the rule says so: per invoice line, per invoice for tax, per associate for the cut.
  Given the currency, `cents()` rounds to its smallest unit instead: whole yen for JPY (20 % tax on
  9,999 yen is 2,000, never 1,999.80, which no one can pay and Stripe would refuse).
* Tax is computed once per invoice on the sum of its lines (never per line), so an invoice's tax is
  exactly `cents(amount x rate)` and Total = Amount + Tax + Late Fees with no further rounding.
* Stripe takes integer minor units: `minor_units()` turns an amount already rounded to the cent into
  them, and refuses anything with a fraction of a cent (it would mean a rounding step was skipped). The
  unit is the currency's, as Stripe documents it: cents for most; the amount itself for zero-decimal
  currencies (JPY, KRW...: 500 yen is 500, never 50000, which would charge a hundred times over), which
  must then be whole; thousandths for three-decimal ones (KWD, BHD...); ISK is whole krónur sent x 100.
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


def cents(value: Any, currency: str | None = None) -> Decimal:
    """Rounded half-up to the cent: 0.125 -> 0.13, -0.125 -> -0.13 (away from zero at the half); to the
    whole unit for a currency without minor units (JPY 1999.8 -> 2000)."""
    return dec(value).quantize(smallest_unit(currency), rounding=ROUND_HALF_UP)


# Stripe's currencies whose API amounts are not in hundredths (https://docs.stripe.com/currencies).
ZERO_DECIMAL = frozenset({
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga",
    "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf",
})  # fmt: skip
THREE_DECIMAL = frozenset(["bhd", "jod", "kwd", "omr", "tnd"])
WHOLE_IN_HUNDREDTHS = frozenset({"isk"})  # zero-decimal, but sent x 100 (ending in 00) for compatibility


def smallest_unit(currency: str | None) -> Decimal:
    """What an amount is rounded to: 1 for a currency without minor units (ISK too), else the cent (a
    three-decimal currency keeps cents: every rounding stays a whole number of its thousandths)."""
    cur = (currency or "").strip().lower()
    return Decimal(1) if cur in ZERO_DECIMAL or cur in WHOLE_IN_HUNDREDTHS else CENT


def _scale(currency: str | None) -> int:
    cur = (currency or "").strip().lower()
    return 1 if cur in ZERO_DECIMAL else 1000 if cur in THREE_DECIMAL else 100


def minor_units(amount: Decimal, currency: str | None = None) -> int:
    """Integer minor units of `currency` for Stripe (cents when none is named); the amount must already be
    whole cents, and whole units in a currency without minor units (ValueError otherwise, never a guess)."""
    value = dec(amount)
    cur = (currency or "").strip().lower()
    if (cur in ZERO_DECIMAL or cur in WHOLE_IN_HUNDREDTHS) and value != value.to_integral_value():
        raise ValueError(
            f"{amount} {cur.upper()}: this currency has no minor unit, so Stripe takes whole amounts"
        )
    scaled = value * _scale(cur)
    if scaled != scaled.to_integral_value() or (value * 100) != (value * 100).to_integral_value():
        raise ValueError(f"{amount} has a fraction of a cent: round it with cents() first")
    return int(scaled)


def from_minor_units(units: int, currency: str | None = None) -> Decimal:
    """Stripe's integer minor units of `currency` (cents when none is named) back to an amount."""
    return (Decimal(units) / _scale(currency)).quantize(CENT)


def fraction(value: Any) -> Decimal:
    """A rate as a fraction: 0.4 stays 0.4; 40 (a coach typing "40" for 40 %) becomes 0.4."""
    f = dec(value)
    return f / 100 if f > 1 else f


def typed_rate(value: Any) -> Any:
    """A rate as a coach types it into Settings, as the fraction it means: "20%", "20 %", "7,5 %" (a decimal
    comma), "20" and "0.2" are all 20 % (a number of 1 or more is percent points: no tax or fee is 100 % or
    more). Anything else is returned as it is, for the field's own check to refuse with its message."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        return value
    text = str(value).strip().replace(" ", "")
    percent = text.endswith("%")
    text = text.removesuffix("%")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        rate = Decimal(text)
    except InvalidOperation:
        return value
    if not rate.is_finite():
        return value
    return rate / 100 if percent or rate >= 1 else rate


def cell_rate(value: Any) -> Decimal:
    """A percent cell's value as the fraction it already is (Airtable stores 40 % as 0.4 and 150 % as 1.5),
    never rescaled the way `fraction` reads Settings text: 1.5 is 150 %, not 1.5 %. A rate outside 0-100 %
    (a commission above what was billed, or a negative one) raises ValueError: the caller reports it."""
    f = dec(value)
    if not Decimal(0) <= f <= Decimal(1):
        raise ValueError(f"{f * 100:f}".rstrip("0").rstrip(".") + " % is outside 0-100 %")
    return f
