"""Money is exact: the rounding rules of automation/money.py, and Decimals through Airtable and back."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from automation.airtable.cells import to_airtable
from automation.models import Deal, Invoice, Package
from automation.money import cents, dec, fraction, from_minor_units, minor_units
from tests.gateway.conftest import calls


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.125", "0.13"),  # half goes up
        ("0.124999", "0.12"),
        ("-0.125", "-0.13"),  # away from zero, not to even
        ("2.675", "2.68"),  # the float 2.675 is 2.67499999…: text in, so the half is exact
        (2.675, "2.68"),
        (0.1 + 0.2, "0.30"),
        (100, "100.00"),
        (None, "0.00"),
    ],
    ids=["half_up", "below_half", "negative_half", "text_half", "float_half", "float_sum", "int", "none"],
)
def test_cents__half_up_to_the_cent(value, expected) -> None:
    assert cents(value) == Decimal(expected)
    assert str(cents(value)) == expected


def test_dec__float_goes_through_its_text() -> None:
    assert dec(0.4) == Decimal("0.4") and dec(0.4) != Decimal(0.4)


@pytest.mark.parametrize(("value", "expected"), [(0.4, "0.4"), (40, "0.4"), ("20", "0.2"), (1, "1")])
def test_fraction__percent_typed_as_number_or_fraction(value, expected) -> None:
    assert fraction(value) == Decimal(expected)


def test_minor_units__whole_cents_only() -> None:
    assert minor_units(Decimal("1234.56")) == 123456
    assert from_minor_units(123456) == Decimal("1234.56")
    with pytest.raises(ValueError, match="fraction of a cent"):
        minor_units(Decimal("0.125"))


@pytest.mark.parametrize(
    ("amount", "currency", "units"),
    [
        ("1234.56", "gbp", 123456),
        ("1234.56", "USD", 123456),
        ("500", "jpy", 500),  # zero-decimal: 500 yen is 500, not 50000 (a hundred times the price)
        ("19800", "KRW", 19800),
        ("12.34", "bhd", 12340),  # three-decimal: an amount rounded to the cent ends in 0, as Stripe asks
        ("1500", "isk", 150000),  # whole krónur, sent x 100 as Stripe asks
    ],
)
def test_minor_units__in_the_currencys_own_unit(amount: str, currency: str, units: int) -> None:
    assert minor_units(Decimal(amount), currency) == units
    assert from_minor_units(units, currency) == Decimal(amount).quantize(Decimal("0.01"))


@pytest.mark.parametrize(("amount", "currency"), [("862.50", "jpy"), ("0.5", "isk")])
def test_minor_units__a_fraction_of_a_currency_without_minor_units_is_refused(
    amount: str, currency: str
) -> None:
    with pytest.raises(ValueError, match="no minor unit"):
        minor_units(Decimal(amount), currency)


def test_models__currency_cells_read_as_decimal() -> None:
    inv = Invoice.model_validate({"id": "rec00000000000001", "amount": 1234.57, "tax_amount": 0.1})
    assert inv.amount == Decimal("1234.57") and inv.tax_amount == Decimal("0.1")


def test_gateway__decimals_written_as_json_numbers_and_read_back_exact(server, base_id, gw) -> None:
    cell = to_airtable(Invoice.TABLE["amount"], Decimal("1234.57"))
    assert json.dumps(cell) == "1234.57"  # a JSON number with exactly the cents, as Airtable takes it
    (inv,) = gw.create(
        Invoice, [{"invoice_number": "T-1", "amount": Decimal("1234.57"), "total": Decimal("1481.48")}]
    )
    got = gw.get(Invoice, inv.id)
    assert (got.amount, got.total) == (Decimal("1234.57"), Decimal("1481.48"))
    # the same value again is no change: nothing is written
    server.clear_requests()
    gw.update(Invoice, [(got, {"amount": Decimal("1234.570")})])
    assert not calls(server, base_id, "PATCH")
    (pkg,) = gw.create(Package, [{"name": "P", "price": Decimal("0.10")}])
    (deal,) = gw.create(Deal, [{"deal_name": "D", "deal_value": 0.1}])
    assert gw.get(Package, pkg.id).price == Decimal("0.1") == gw.get(Deal, deal.id).deal_value
