"""Settings rows typed wrongly: the default is kept and the row reported, so no job fails on it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from automation.settings import BusinessSettings, load_settings

DEFAULTS = BusinessSettings()


@pytest.mark.parametrize("typed", ["Mars/Olympus", "Springfield", "GMT+1 ", "../../etc/passwd", "Europe/"])
def test_an_unknown_time_zone_keeps_the_default_and_names_the_setting(typed: str) -> None:
    settings, problems = load_settings([("general.time_zone", typed), ("scoring.hot_min", "85")])
    assert settings.general.time_zone == DEFAULTS.general.time_zone
    ZoneInfo(settings.general.time_zone)  # every job's dates can be computed
    assert len(problems) == 1 and "general.time_zone" in problems[0]
    assert settings.scoring.hot_min == 85  # the other rows still apply


def test_a_known_time_zone_is_taken_without_its_stray_spaces() -> None:
    settings, problems = load_settings([("general.time_zone", "  America/New_York ")])
    assert (settings.general.time_zone, problems) == ("America/New_York", [])


@pytest.mark.parametrize("typed", ["pounds", "GB", "12€", "$", "¥"])
def test_a_currency_that_is_not_an_iso_code_keeps_the_default(typed: str) -> None:
    settings, problems = load_settings([("general.currency", typed)])
    assert settings.general.currency == DEFAULTS.general.currency
    assert len(problems) == 1 and "general.currency" in problems[0]


def test_a_currency_code_in_lower_case_is_taken() -> None:
    settings, problems = load_settings([("general.currency", "eur")])
    assert (settings.general.currency, problems) == ("EUR", [])


@pytest.mark.parametrize(
    ("typed", "zone"),
    [("London", "Europe/London"), ("europe/london", "Europe/London"), ("new york", "America/New_York"),
     ("Sydney", "Australia/Sydney"), (" kolkata ", "Asia/Kolkata")],
)  # fmt: skip
def test_a_time_zone_typed_as_its_city_or_in_another_case_is_the_zone_it_names(typed: str, zone: str) -> None:
    settings, problems = load_settings([("general.time_zone", typed)])
    assert (settings.general.time_zone, problems) == (zone, [])


@pytest.mark.parametrize("typed", ["EST", "est", "EDT", " ET "])
def test_eastern_time_typed_as_its_abbreviation_keeps_summer_time(typed: str) -> None:
    """ "EST" is a tz database zone fixed at UTC-5: a Toronto coach's July sessions read an hour early."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    settings, problems = load_settings([("general.time_zone", typed)])
    july = datetime(2026, 7, 1, 12, tzinfo=ZoneInfo(settings.general.time_zone))
    assert (july.utcoffset().total_seconds() / 3600, problems) == (-4, [])


@pytest.mark.parametrize(("typed", "code"), [("£", "GBP"), ("€", "EUR"), ("₹", "INR"), ("Euro", "EUR")])
def test_a_currency_typed_as_its_own_sign_is_its_code(typed: str, code: str) -> None:
    settings, problems = load_settings([("general.currency", typed)])
    assert (settings.general.currency, problems) == (code, [])


def test_a_sign_several_currencies_use_is_refused_with_the_codes_to_choose_from() -> None:
    settings, problems = load_settings([("general.currency", "$")])
    assert settings.general.currency == DEFAULTS.general.currency
    assert "USD" in problems[0] and "CAD" in problems[0] and "AUD" in problems[0]


@pytest.mark.parametrize("typed", ["10%", "10 %", "10", "0.1", "0,1", "10,0 %"])
def test_a_tax_rate_typed_as_a_percent_is_that_percent(typed: str) -> None:
    """A 10 % GST business typing "10%" or "10" was refused and invoiced at the default 20 %."""
    from decimal import Decimal

    settings, problems = load_settings([("billing.tax_rate", typed)])
    assert (settings.billing.tax_rate, problems) == (Decimal("0.1"), [])


@pytest.mark.parametrize("typed", ["7,5 %", "7.5", "0.075"])
def test_a_tax_rate_with_a_fraction_of_a_percent(typed: str) -> None:
    from decimal import Decimal

    assert load_settings([("billing.tax_rate", typed)])[0].billing.tax_rate == Decimal("0.075")


@pytest.mark.parametrize("typed", ["150", "-5", "twenty"])
def test_a_tax_rate_that_cannot_be_one_keeps_the_default_and_says_which(typed: str) -> None:
    settings, problems = load_settings([("billing.tax_rate", typed)])
    assert settings.billing.tax_rate == DEFAULTS.billing.tax_rate
    assert len(problems) == 1 and problems[0].endswith(f"default kept: {DEFAULTS.billing.tax_rate}")


@pytest.mark.parametrize("typed", ["2", "2%", "0.02", "2 %"])
def test_a_percent_late_fee_typed_as_2_is_two_percent_not_twice_the_invoice(typed: str) -> None:
    from decimal import Decimal

    settings, problems = load_settings(
        [("billing.late_fee_kind", "percent"), ("billing.late_fee_value", typed)]
    )
    assert (settings.billing.late_fee_value, problems) == (Decimal("0.02"), [])


def test_a_flat_late_fee_is_an_amount_whatever_its_size() -> None:
    from decimal import Decimal

    settings, _ = load_settings([("billing.late_fee_kind", "flat"), ("billing.late_fee_value", "25")])
    assert settings.billing.late_fee_value == Decimal("25")


@pytest.mark.parametrize(("typed", "pct"), [("10%", 0.1), ("12,5 %", 0.125), ("0.5%", 0.005), ("10", 10.0)])
def test_a_default_commission_typed_with_a_percent_sign(typed: str, pct: float) -> None:
    from automation.money import fraction

    settings, problems = load_settings([("pipeline.default_commission_pct", typed)])
    assert problems == [] and settings.pipeline.default_commission_pct == pct
    assert float(fraction(settings.pipeline.default_commission_pct)) == pytest.approx(
        {"10%": 0.1, "12,5 %": 0.125, "0.5%": 0.005, "10": 0.1}[typed]
    )


@pytest.mark.parametrize(
    "key", ["General.Coach_Name", " general.coach_name ", "GENERAL.COACH_NAME", "general . coach name"]
)
def test_a_key_typed_in_another_case_or_with_stray_spaces_is_the_setting_it_names(key: str) -> None:
    settings, problems = load_settings([(key, "Wanjiru Kamau"), ("Billing.Tax_Rate ", "16%")])
    assert settings.general.coach_name == "Wanjiru Kamau"  # emails are signed by her, not the default
    assert str(settings.billing.tax_rate) == "0.16"
    assert problems == []


def test_two_rows_for_one_setting_use_the_later_and_say_so() -> None:
    rows = [("general.coach_name", "Sarah Cave"), ("General.Coach_Name ", "Wanjiru Kamau")]
    settings, problems = load_settings(rows)
    assert settings.general.coach_name == "Wanjiru Kamau"
    assert len(problems) == 1 and "general.coach_name" in problems[0] and "two rows" in problems[0]
    assert load_settings(rows + [("general.coach_name", "Wanjiru Kamau")])[1] == problems  # same value again


def test_a_key_naming_no_setting_is_still_reported() -> None:
    _, problems = load_settings([("General.Coach_Nmae", "Wanjiru Kamau")])
    assert problems == [
        "unknown setting 'General.Coach_Nmae' ignored (its value is not used): "
        "did you mean general.coach_name?"
    ]
