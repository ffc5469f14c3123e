"""Billing settings (DESIGN.md §6 Invoices): billing day, tax, terms, numbering, no-show policy, overdue.

Amounts and rates are Decimals (typed in Settings as text, e.g. "0.2" or "25.00"), never floats.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from automation.money import typed_rate


class BillingSettings(BaseModel):
    bill_from: date | None = Field(
        None,
        description="The first day Leadership OS bills (YYYY-MM-DD): sessions dated before it, and retainer "
        "months that ended before it, are never invoiced (you billed them yourself before). Blank: every "
        "session on no invoice is billed. setup_base sets it to the first of the month on a base that "
        "already holds sessions.",
    )
    billing_day: int = Field(
        1,
        ge=1,
        le=31,
        description="Day of the month the billing run invoices the month before (1-31; 29-31 mean the "
        "month's last day in a shorter month). A missed day is caught up by the next daily run.",
    )
    tax_rate: Decimal = Field(
        Decimal("0.20"),
        ge=0,
        le=1,
        description='Tax on every invoice: "20%", "20" or 0.2 are 20 %.',
    )
    tax_label: str = Field("VAT", description="What the tax is called on invoices.")
    tax_id: str = Field(
        "",
        description="Your tax registration number, shown on every invoice when set (a tax invoice must "
        'show it): "GB123456789" shows as "VAT reg. no.: GB123456789"; type a label before a colon to '
        'name it yourself ("ABN: 51 824 753 556").',
    )
    payment_terms_days: int = Field(14, ge=0, le=120, description="Due Date = invoice date + this many days.")
    payment_instructions: str = Field(
        "",
        description="How to pay an invoice that has no online payment link (without Stripe), shown on the "
        'invoice and its reminders: e.g. "Bank transfer to Harbour Leadership, IBAN IE29 AIBK 9311 5212 '
        '3456 78, quoting the invoice number". Blank shows none.',
    )
    number_prefix: str = Field("INV-", description="Invoice # prefix; the number follows, zero-padded.")
    number_width: int = Field(4, ge=1, le=9, description="Digits of the invoice number (INV-0042).")
    charge_fraction: dict[str, dict[str, Decimal]] = Field(
        default_factory=lambda: {
            "*": {"Cancelled": Decimal("0"), "Late cancellation": Decimal("1"), "No-show": Decimal("1")}
        },
        description='Per package name ("*" for any other): the fraction of the session price charged '
        "for a Cancelled, late-cancelled (see late_cancel_hours) or No-show session (0 = waived, 1 = full "
        'price). A package without "Late cancellation" charges a late one as its No-show. JSON object.',
    )
    late_cancel_hours: int = Field(
        0,
        ge=0,
        le=24 * 30,
        description="Notice, in hours before the start, a client must give: a session cancelled later (its "
        'Cancelled At) is charged the "Late cancellation" fraction of charge_fraction, one cancelled in '
        "time the Cancelled fraction. Blank or 0: every cancellation is charged the Cancelled fraction.",
    )
    claim_settle_s: float = Field(
        1.5,
        ge=0,
        le=30,
        description="Seconds between claiming the invoice numbering and reading the claim back (two "
        "overlapping runs never hand out the same number).",
    )
    reminder_days: list[int] = Field(
        default_factory=lambda: [-3, 0, 7],
        description="Payment reminders, days relative to the Due Date (-3: three days before; 0: on the "
        "day; 7: a week late). Each is sent once. JSON list.",
    )
    late_fee_kind: Literal["none", "flat", "percent"] = Field(
        "none", description="Late fee: none, flat (an amount) or percent (of the invoice's Amount + Tax)."
    )
    late_fee_value: Decimal = Field(
        Decimal("0"),
        ge=0,
        description='The flat amount, or for percent the rate: "2%", "2" or 0.02 are 2 % of the invoice.',
    )
    late_fee_grace_days: int = Field(7, ge=0, description="Days after the Due Date before a late fee.")
    late_fee_every_days: int = Field(30, ge=1, description="Another late fee every this many days late.")
    late_fee_max_times: int = Field(1, ge=0, description="At most this many late fees per invoice.")

    @field_validator("tax_rate", mode="before")
    @classmethod
    def _tax_as_typed(cls, value: object) -> object:
        # "20%" or "20" typed for 20 % used to be refused and the default (20 % VAT) kept: a 10 % GST
        # business would have invoiced 20 % with only a line in a run record to say so.
        return typed_rate(value)

    @field_validator("tax_id", mode="before")
    @classmethod
    def _digits_are_text(cls, value: object) -> object:
        # A number typed alone ("123456789") reaches here as JSON's int: it is the number as written.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("late_fee_value", mode="before")
    @classmethod
    def _percent_sign_is_a_rate(cls, value: object) -> object:
        return typed_rate(value) if isinstance(value, str) and value.strip().endswith("%") else value

    @model_validator(mode="after")
    def _percent_fee_as_a_rate(self) -> BillingSettings:
        # A percent fee typed as "2" is 2 %: read as a fraction it charged twice the invoice.
        if self.late_fee_kind == "percent":
            self.late_fee_value = typed_rate(self.late_fee_value)
        return self
