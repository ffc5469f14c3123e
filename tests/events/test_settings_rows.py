"""Settings rows typed wrongly: the default is kept and the row reported, so no job fails on it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from automation.settings import BusinessSettings, load_settings

DEFAULTS = BusinessSettings()


@pytest.mark.parametrize("typed", ["Mars/Olympus", "London", "GMT+1 ", "../../etc/passwd", "Europe/"])
def test_an_unknown_time_zone_keeps_the_default_and_names_the_setting(typed: str) -> None:
    settings, problems = load_settings([("general.time_zone", typed), ("scoring.hot_min", "85")])
    assert settings.general.time_zone == DEFAULTS.general.time_zone
    ZoneInfo(settings.general.time_zone)  # every job's dates can be computed
    assert len(problems) == 1 and "general.time_zone" in problems[0]
    assert settings.scoring.hot_min == 85  # the other rows still apply


def test_a_known_time_zone_is_taken_without_its_stray_spaces() -> None:
    settings, problems = load_settings([("general.time_zone", "  America/New_York ")])
    assert (settings.general.time_zone, problems) == ("America/New_York", [])


@pytest.mark.parametrize("typed", ["pounds", "£", "GB", "12€"])
def test_a_currency_that_is_not_an_iso_code_keeps_the_default(typed: str) -> None:
    settings, problems = load_settings([("general.currency", typed)])
    assert settings.general.currency == DEFAULTS.general.currency
    assert len(problems) == 1 and "general.currency" in problems[0]


def test_a_currency_code_in_lower_case_is_taken() -> None:
    settings, problems = load_settings([("general.currency", "eur")])
    assert (settings.general.currency, problems) == ("EUR", [])
