"""Contact details as typed, made tidy: emails pasted with extras, single-case names, phone layouts."""

from __future__ import annotations

import pytest

from automation.leads.contact import email_typo, normal_email, tidy_name, tidy_phone
from automation.leads.hygiene import hygiene_fields
from tests.leads.factories import lead


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        (" Jane.Doe@Acme.COM ", "jane.doe@acme.com"),
        ("jane@acme.com.", "jane@acme.com"),  # the full stop ending a sentence
        ("jane@acme.com,", "jane@acme.com"),
        ("jane @ acme.com", "jane@acme.com"),
        ("Jane Doe <Jane@Acme.com>", "jane@acme.com"),  # pasted from a mail client
        ("mailto:jane@acme.com", "jane@acme.com"),
        ("jane\u200b@acme.com", "jane@acme.com"),  # a zero-width space from a web page
        ("jane+coaching@acme.com", "jane+coaching@acme.com"),  # plus-addressing is the person's own
    ],
)
def test_normal_email__takes_off_what_pasting_adds(typed: str, address: str) -> None:
    assert normal_email(typed) == (address, True)


@pytest.mark.parametrize("typed", ["jane@acme", "jane@@acme.com", "jane doe@acme.com", "jane@acme..com"])
def test_normal_email__a_malformed_address_stays_invalid(typed: str) -> None:
    assert normal_email(typed)[1] is False


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ana@gmail.con", "ana@gmail.com"),  # no ".con" top-level domain exists
        ("ana@acme.cmo", "ana@acme.com"),
        ("ana@hotmial.com", "ana@hotmail.com"),  # a letter off a webmail host: a typo or a squatter
        ("ana@gmai.com", "ana@gmail.com"),
        ("ana@yahooo.com", "ana@yahoo.com"),
        ("ana@outlok.con", "ana@outlook.com"),
    ],
)
def test_email_typo__an_address_that_cannot_be_a_mailbox_is_invalid_and_names_the_one_meant(
    typed: str, meant: str
) -> None:
    assert email_typo(typed) == meant
    assert normal_email(typed)[1] is False
    assert hygiene_fields(lead(email=typed)) == {"email_status": "Invalid"}  # never emailed, Invalid shown


@pytest.mark.parametrize(
    "typed",
    ["ana@gmail.com", "ana@mail.com", "ana@email.com", "ana@ymail.com", "ana@live.com", "ana@aol.com",
     "ana@acme.co", "ana@acme.cm", "ana@uni.ac.ke", "ana@yahoo.co.uk", "ana@cloud.com", "ana@dive.com"],
)  # fmt: skip
def test_email_typo__real_domains_near_the_big_hosts_are_left_alone(typed: str) -> None:
    assert email_typo(typed) is None
    assert normal_email(typed) == (typed, True)


@pytest.mark.parametrize(
    ("typed", "tidy"),
    [
        ("JANE DOE", "Jane Doe"),
        ("jane   doe", "Jane Doe"),
        ("SEAN O'BRIEN", "Sean O'Brien"),
        ("ANNE-MARIE LEBLANC", "Anne-Marie Leblanc"),
        ("ludwig van beethoven", "Ludwig van Beethoven"),
        ("maria de la cruz", "Maria de la Cruz"),
        ("ANGUS MCDONALD", "Angus McDonald"),
        ("JOSÉ ÁLVAREZ", "José Álvarez"),
        ("john smith iii", "John Smith III"),
        # Mixed case is the person's own spelling.
        ("DeShawn Jones", "DeShawn Jones"),
        ("Jan van der Berg", "Jan van der Berg"),
        ("danah boyd Smith", "danah boyd Smith"),
        ("  ", None),
    ],
)
def test_tidy_name__recases_only_a_name_typed_in_one_case(typed: str, tidy: str | None) -> None:
    assert tidy_name(typed) == tidy


def test_tidy_name__is_stable() -> None:
    for typed in ("JANE DOE", "maria de la cruz", "SEAN O'BRIEN", "li wei"):
        once = tidy_name(typed)
        assert tidy_name(once) == once


@pytest.mark.parametrize(
    ("typed", "tidy"),
    [
        ("  07700  900123 ", "07700 900123"),
        ("+44 (0)20 7946 0000", "+44 20 7946 0000"),
        ("0044 20 7946 0000", "+44 20 7946 0000"),
        ("tel:+1-555-010-0199", "+1-555-010-0199"),
        ("(555) 010-0199", "(555) 010-0199"),  # a national layout is left as written
        (" ", None),
    ],
)
def test_tidy_phone(typed: str, tidy: str | None) -> None:
    assert tidy_phone(typed) == tidy


def test_hygiene_fields__a_pasted_address_and_a_shouted_name_are_tidied() -> None:
    fields = hygiene_fields(
        lead(name="JANE DOE", email="Jane Doe <Jane@Acme.example>.", email_status="Invalid")
    )
    assert fields == {"name": "Jane Doe", "email": "jane@acme.example", "email_status": "Unverified"}
