"""The readings holdout 8 (tests/leads/data/holdout8_leads.json) found missing, each in its general form:
months written in digits, ISO weeks, a day of this month, an apostrophe year, Vietnamese and Indonesian
starts and titles, RTL marks in an Arabic answer, elected heads, pastors, entrepreneurs in residence,
lakh and Arabic-Indic digits in a size, conventions and attendee lists, Zalo and Arabic network names, and
an export that put the address in the company box. Expected values are what the coach reads, not the code."""

from __future__ import annotations

from datetime import date

import pytest

from automation.leads.capture import company_size, lead_source, parse_form, timeline_choice
from automation.leads.scoring import _matches_target
from automation.leads.seniority import seniority_level
from automation.settings.leads import ScoringSettings

DAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("written", "want"),
    [
        ("02/2027", "1-3 months"),
        ("03/27", "1-3 months"),
        ("2027-01", "1-3 months"),
        ("2027-Q2", "3-6 months"),
        ("Q3/2027", "6+ months"),
        ("15/01/2027", "1-3 months"),  # the part over 12 is the day
        ("1/15/27", "1-3 months"),
        ("09/2027", "6+ months"),
        ("wk 51", "Immediate"),  # ISO week 51 of 2026 opens 14 December
        ("week 30", "6+ months"),
        ("by the 20th", "Immediate"),
        ("EOM", "Immediate"),
        ("this side of Christmas", "Immediate"),
        ("tháng 2/2027", "1-3 months"),
        ("càng sớm càng tốt", "Immediate"),
        ("segera", "Immediate"),
        ("bulan depan", "1-3 months"),
        ("tahun depan", "6+ months"),
        ("الشهر القادم\u200f؟", "1-3 months"),  # a right-to-left mark and the Arabic question mark
    ],
)
def test_timeline__dates_in_digits_and_other_languages(written: str, want: str) -> None:
    assert timeline_choice(written, DAY) == want


@pytest.mark.parametrize("written", ["04/05/2027", "3/6 months", "6/12", "1/2/2019"])
def test_timeline__a_number_that_is_no_single_month_is_not_read_as_one(written: str) -> None:
    # Day and month both 12 or under disagree on the month; a range of months; a past year.
    assert timeline_choice(written, DAY) in (None, "Unknown")


def test_timeline__an_apostrophe_year_is_the_year() -> None:
    assert timeline_choice("autumn '27", DAY) == timeline_choice("autumn 2027", DAY) == "6+ months"


@pytest.mark.parametrize(
    ("title", "want"),
    [
        ("Leader of the Council", "executive"),
        ("Member of Parliament for Hatfield South", "executive"),
        ("Mayor", "executive"),
        ("Entrepreneur in Residence", "executive"),
        ("Senior Pastor", "director"),
        ("Rabbi", "director"),
        ("Giám đốc điều hành", "executive"),
        ("Tổng giám đốc", "executive"),
        ("Giám đốc Nhân sự", "director"),
        ("Trưởng phòng Kinh doanh", "director"),
        ("Phó giám đốc", "senior_manager"),
        ("Direktur Utama", "executive"),
        ("Direktur Keuangan", "director"),
        ("Kepala Sekolah", "director"),
        ("Kepala Divisi SDM", "director"),
        ("Manajer Pemasaran", "manager"),
        ("Team Leader", "manager"),  # not an elected leader
    ],
)
def test_seniority__elected_heads_clergy_and_vietnamese_indonesian_titles(title: str, want: str) -> None:
    assert seniority_level(title) == want


@pytest.mark.parametrize(
    ("written", "want"),
    [
        ("١٬٢٠٠ موظف", 1200),
        ("٤٠", 40),
        ("1.5 lakh employees", 150_000),
        ("2 lakh turnover", None),  # money, not staff
        ("3 crore revenue, 40 staff", 40),
    ],
)
def test_company_size__arabic_indic_digits_and_lakh(written: str, want: int | None) -> None:
    assert company_size(written) == want


@pytest.mark.parametrize(
    ("written", "want"),
    [
        ("Met at the BIO convention", "Networking Event"),
        ("SaaStr Europa attendee CSV", "Networking Event"),
        ("Zalo", "Social Media"),
        ("تويتر", "Social Media"),
        ("\u200fلينكدإن", "LinkedIn"),
    ],
)
def test_lead_source__conventions_attendee_lists_and_other_networks(written: str, want: str) -> None:
    assert lead_source(written) == want


@pytest.mark.parametrize(
    ("industry", "target"),
    [("Ngân hàng", True), ("Công nghệ thông tin", True), ("Perbankan", True), ("Teknologi", True),
     ("Commercialisti", True), ("Pendidikan", False)],
)  # fmt: skip
def test_industry__vietnamese_indonesian_and_italian_families(industry: str, target: bool) -> None:
    assert _matches_target(industry, ScoringSettings().target_industries) is target


def test_parse_form__the_address_in_the_company_box_is_the_email() -> None:
    form = parse_form(
        {"name": "Tom Becker", "email": "Larchfield Logistics", "company": "tom.becker@larchfield.com"},
        today=lambda: DAY,
    )
    assert form is not None
    assert (form.email, form.company) == ("tom.becker@larchfield.com", "Larchfield Logistics")
