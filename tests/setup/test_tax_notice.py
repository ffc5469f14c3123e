"""Setup names the tax every invoice adds while billing.tax_rate holds the seeded UK default (20 % VAT): a
coach outside the UK who skips the README would otherwise invoice her clients 20 % "VAT". Her Settings are
never changed by it: a notice, not a write."""

from __future__ import annotations

import pytest

from automation.settings import BusinessSettings
from scripts import setup_base
from scripts.setup.settings_rows import tax_note
from tests.setup.conftest import writes

DEFAULTS = BusinessSettings().rows()


def _rows(**typed: str) -> list[dict]:
    """The seeded rows, with the values typed over them (keys with '__' for '.')."""
    values = {k.replace("__", "."): v for k, v in typed.items()}
    return [{"id": f"rec{i}", **d, "value": values.get(d["key"], d["value"])} for i, d in enumerate(DEFAULTS)]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], "Settings: every invoice adds 20 % VAT"),  # a new base: nothing seeded yet
        (_rows(), "Settings: every invoice adds 20 % VAT"),  # seeded, untouched
        (_rows(billing__tax_rate=""), "Settings: every invoice adds 20 % VAT"),  # blank: the default applies
        (
            _rows(general__time_zone="America/Chicago", general__currency="USD"),
            "! Settings: every invoice adds 20 % VAT, the UK default, but your business is on "
            "America/Chicago time and bills in USD",
        ),
        (
            _rows(general__time_zone="Sydney", general__currency="AUD"),
            "! Settings: every invoice adds 20 % VAT",
        ),
        (_rows(general__currency="EUR"), "! Settings"),  # London's clock, euros: not the UK's VAT either
        (_rows(general__time_zone="America/Chicago", billing__tax_rate="0"), None),  # no tax: nothing to say
        (_rows(general__time_zone="America/Chicago", billing__tax_rate="8.25%"), None),  # hers
        (_rows(billing__tax_rate="20%"), None),  # the UK coach who keeps it said so
    ],
    ids=["new_base", "seeded", "blank", "chicago_usd", "sydney_aud", "london_eur", "zero", "typed", "kept"],
)
def test_tax_note__named_while_the_default_rate_stands_sharper_outside_the_uk(rows, expected) -> None:
    got = tax_note(rows, DEFAULTS)
    assert (got if got is None or expected is None else got[: len(expected)]) == expected, got
    if got is not None:
        assert "billing.tax_rate" in got and "billing.tax_label" in got and "0 for no tax" in got


def test_setup__names_the_tax_on_a_new_base_then_warns_a_us_business_and_changes_none_of_it(
    srv, use_base, capsys
) -> None:
    base_id = use_base()
    assert setup_base.main([]) == 0
    out = capsys.readouterr().out
    assert (
        "Settings: every invoice adds 20 % VAT (billing.tax_rate, billing.tax_label: the UK default)" in out
    )
    settings = srv.api().table(base_id, "Settings")
    rows = {r["fields"]["Key"]: r for r in settings.all()}
    settings.update(rows["general.time_zone"]["id"], {"Value": "America/Chicago"})
    settings.update(rows["general.currency"]["id"], {"Value": "USD"})

    srv.clear_requests()
    assert setup_base.main([]) == 0
    out = capsys.readouterr().out
    assert (
        "! Settings: every invoice adds 20 % VAT, the UK default, but your business is on America/Chicago"
        in out
    )
    assert writes(srv) == []  # told, not changed: the rate is hers to set
    assert settings.get(rows["billing.tax_rate"]["id"])["fields"]["Value"] == "0.20"

    settings.update(rows["billing.tax_rate"]["id"], {"Value": "0"})
    assert setup_base.main([]) == 0
    assert "invoice adds" not in capsys.readouterr().out
