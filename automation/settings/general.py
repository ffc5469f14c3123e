"""General business settings: mode, time zone, who the business is, run retention."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator


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
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        name = name.strip()
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"time_zone {name!r} is not an IANA time zone (e.g. Europe/London)") from exc
        return name

    @field_validator("currency")
    @classmethod
    def _currency_is_a_code(cls, code: str) -> str:
        code = code.strip().upper()
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
