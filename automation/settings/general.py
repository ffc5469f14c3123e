"""General business settings: mode, time zone, who the business is, run retention."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

# A sign a coach may type for the code (one currency each); signs several currencies share are refused with
# the codes to choose from, never guessed.
CURRENCY_SIGNS = {
    "€": "EUR", "£": "GBP", "₹": "INR", "₩": "KRW", "₪": "ILS", "₺": "TRY", "₦": "NGN", "₱": "PHP",
    "₫": "VND", "฿": "THB", "R$": "BRL", "ZŁ": "PLN", "EURO": "EUR", "EUROS": "EUR",
}  # fmt: skip
SHARED_SIGNS = {"$": "USD, CAD, AUD, NZD, SGD, HKD or MXN", "¥": "JPY or CNY", "KR": "SEK, NOK, DKK or ISK"}


# North America's Eastern time as people write it (one set of rules since 1974)
_EASTERN = {"EST", "EDT", "ET"}


def _zone_named(name: str) -> str | None:
    """The IANA zone a coach meant by another spelling: the name in any case ("europe/london"), or a city
    that names exactly one zone ("London", "new york", "Sao_Paulo"); None when none or several match."""
    from zoneinfo import available_timezones

    wanted = name.strip().lower().replace(" ", "_")
    if not wanted:
        return None
    zones = available_timezones()
    exact = [z for z in zones if z.lower() == wanted]
    if len(exact) == 1:
        return exact[0]
    if "/" in wanted:
        return None
    cities = {z for z in zones if "/" in z and z.rsplit("/", 1)[1].lower() == wanted}
    cities = {z for z in cities if not z.startswith(("Etc/", "SystemV/", "posix/", "right/"))}
    return cities.pop() if len(cities) == 1 else None


def zone_name(name: str) -> str:
    """The IANA zone a person typed, as Settings' time_zone reads it (a client's or associate's Time Zone is
    read the same way): an IANA name, a city naming one zone ("Sydney"), "EST" as Eastern time, or what
    settings/zones.py reads (an offset, an abbreviation, a country with one clock, a large city). ValueError
    when it is none of these, or names several clocks ("IST")."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from automation.settings.zones import loose_zone, unaccented

    name = name.strip()
    # "EST" is in the tz database, but as a fixed UTC-5 with no summer time: a coach typing it means
    # Eastern time, and every date would be an hour off from March to November with nothing said.
    if name.upper() in _EASTERN:
        return "America/New_York"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        known = _zone_named(name) or loose_zone(name)  # loose_zone: ValueError naming the clocks it could be
        plain = unaccented(name)
        if known is None and plain != name:  # "São Paulo", "Zürich", "Bogotá": the database writes no accents
            known = _zone_named(plain) or loose_zone(plain)
        if known is None:
            raise ValueError(f"time_zone {name!r} is not an IANA time zone (e.g. Europe/London)") from exc
        return known
    return name


class GeneralSettings(BaseModel):
    automation_mode: Literal["Live", "Shadow", "Paused"] = Field(
        "Live",
        description="Live: act. Shadow: compute and log what would be written or sent, change nothing. "
        "Paused: send nothing (drafts still made).",
    )
    time_zone: str = Field("Europe/London", description="The business time zone (IANA name) for dates.")
    business_name: str = Field("Leadership Secret", description="Shown in emails.")
    coach_name: str = Field("Sarah Cave", description="Signs emails; receives alerts.")
    coach_email: str = Field("sarah@example.com", description="Where alerts and reports go.")
    postal_address: str = Field(
        "1 Example Street, London, UK", description="Required in marketing emails (CAN-SPAM/PECR)."
    )
    logo_url: str = Field(
        "",
        description="Public https URL of the business's logo (PNG or JPG, about 360×80 px), shown at the top "
        "of every email; empty: the business name in text.",
    )
    currency: str = Field("GBP", description="ISO currency code for invoices.")
    run_retention_days: int = Field(
        30, ge=1, description="Successful Automation Runs older than this are pruned."
    )
    failed_run_retention_days: int = Field(
        90, ge=1, description="Failed and partial runs are kept this long."
    )

    @field_validator("time_zone")
    @classmethod
    def _time_zone_is_known(cls, name: str) -> str:
        # An unknown zone would fail every job that reads a date: refused here, so the default is kept and
        # the row is reported in the run record instead.
        return zone_name(name)

    @field_validator("currency")
    @classmethod
    def _currency_is_a_code(cls, code: str) -> str:
        code = code.strip().upper()
        code = CURRENCY_SIGNS.get(code, code)
        if code in SHARED_SIGNS:
            raise ValueError(f"currency {code!r} is used by several currencies: write {SHARED_SIGNS[code]}")
        if not (len(code) == 3 and code.isascii() and code.isalpha()):
            raise ValueError(f"currency {code!r} must be a three-letter ISO code (e.g. GBP)")
        return code

    @field_validator("logo_url")
    @classmethod
    def _logo_is_a_web_address(cls, url: str) -> str:
        url = url.strip()
        if url and not url.lower().startswith(("https://", "http://")):
            raise ValueError("logo_url must be an https:// address (or empty)")
        return url
