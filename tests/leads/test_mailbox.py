"""One mailbox, several spellings: the canonical form that tells one person from another (pure)."""

from __future__ import annotations

import re

import pytest

from automation.leads.contact import mailbox, mailbox_pattern
from automation.leads.duplicates import duplicate_updates
from tests.leads.test_duplicates import changes, lead


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("jo+news@example.com", "jo@example.com", id="plus_tag_dropped"),
        pytest.param("Jo+News@Example.COM ", "jo@example.com", id="plus_tag_with_case_and_space"),
        pytest.param("jo+a+b@example.com", "jo+c@example.com", id="tag_is_everything_after_the_first_plus"),
        pytest.param("jo+@example.com", "jo@example.com", id="empty_tag"),
        pytest.param("sam+coach@company.co.uk", "sam@company.co.uk", id="plus_tag_at_any_domain"),
        pytest.param("jane.doe@gmail.com", "janedoe@gmail.com", id="gmail_dots_ignored"),
        pytest.param("j.a.n.e.doe@gmail.com", "jane.d.o.e@gmail.com", id="gmail_dots_anywhere"),
        pytest.param("janedoe@googlemail.com", "janedoe@gmail.com", id="googlemail_is_gmail"),
        pytest.param("Jane.Doe+leads@GoogleMail.com", "janedoe@gmail.com", id="gmail_all_three_at_once"),
        pytest.param("Jane <jane+x@acme.example>", "jane@acme.example", id="pasted_with_a_name"),
    ],
)
def test_mailbox__spellings_of_one_inbox_are_one_person(a: str, b: str) -> None:
    assert mailbox(a) == mailbox(b) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("jane.doe@acme.example", "janedoe@acme.example", id="dots_matter_outside_gmail"),
        pytest.param("jane.doe@outlook.com", "janedoe@outlook.com", id="dots_matter_at_other_webmail"),
        pytest.param("jane.doe@gmail.co.uk", "janedoe@gmail.co.uk", id="gmail_co_uk_is_not_gmail"),
        pytest.param("jane@gmail.com", "jane@gmail.example", id="another_domain"),
        pytest.param("+jo@example.com", "jo@example.com", id="plus_at_the_start_is_the_name"),
        pytest.param("jo-news@example.com", "jo@example.com", id="a_dash_is_not_a_tag"),
        pytest.param("jo@example.com", "jo@sub.example.com", id="subdomain_is_another_domain"),
        pytest.param("jo+x@example.com", "jo+x@example.org", id="same_tag_other_domain"),
    ],
)
def test_mailbox__different_inboxes_stay_apart(a: str, b: str) -> None:
    assert mailbox(a) != mailbox(b)


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        pytest.param("jo+news@example.com", "jo@example.com", id="plus_tag"),
        pytest.param("J.O@GoogleMail.com", "jo@gmail.com", id="gmail"),
        pytest.param("+jo@example.com", "+jo@example.com", id="leading_plus_kept"),
        pytest.param("+jo+tag@example.com", "+jo@example.com", id="leading_plus_then_tag"),
        pytest.param("not an email", None, id="invalid"),
        pytest.param("jo+news@", None, id="no_domain"),
        pytest.param("jo@@example.com", None, id="two_ats"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
    ],
)
def test_mailbox__canonical_form(email: str | None, expected: str | None) -> None:
    assert mailbox(email) == expected


SPELLINGS = [
    "jo@example.com",
    "jo+news@example.com",
    "jane.doe@gmail.com",
    "j.anedoe+x.y@googlemail.com",
    "o'neil+fw@example.co.uk",
    "a^b{c}|d$e@x-y.example",
    "+jo+tag@example.com",
    "first.last-name_99@sub.example.org",
]


@pytest.mark.parametrize("email", SPELLINGS)
def test_mailbox_pattern__finds_every_spelling_and_is_safe_in_a_formula(email: str) -> None:
    box = mailbox(email)
    assert box is not None
    pattern = mailbox_pattern(box)
    assert not set(pattern) & set("\\'\""), "a backslash or quote would need escaping in the formula string"
    rx = re.compile(pattern)
    same = [e for e in SPELLINGS if mailbox(e) == box]
    assert all(rx.search(e) for e in same)


@pytest.mark.parametrize(
    ("box", "other"),
    [
        ("jo@example.com", "jo@example.org"),
        ("jo@example.com", "joe@example.com"),
        ("jo@example.com", "xjo@example.com"),
        ("j.o@example.com", "jo@example.com"),
        ("jo@example.com", "jo@examplexcom"),
        ("janedoe@gmail.com", "janedoe@gmail.co"),
        ("janedoe@gmail.com", "jane_doe@gmail.com"),
    ],
)
def test_mailbox_pattern__other_mailboxes_are_not_found(box: str, other: str) -> None:
    assert re.search(mailbox_pattern(box), other) is None


def test_duplicate_updates__plus_address_and_gmail_spelling_link_to_the_first_lead() -> None:
    batch = [lead("recB", "jo+news@example.com", 5), lead("recC", "Jane.Doe@googlemail.com", 6)]
    others = [lead("recA", "jo@example.com", 1), lead("recD", "janedoe@gmail.com", 2)]
    assert changes(batch, others) == {"recB": ["recA"], "recC": ["recD"]}


def test_duplicate_updates__dots_outside_gmail_are_another_person() -> None:
    batch = [lead("recB", "jane.doe@acme.example", 5)]
    assert duplicate_updates(batch, [lead("recA", "janedoe@acme.example", 1)]) == []


def test_duplicate_updates__the_earlier_plus_address_is_the_original() -> None:
    batch = [lead("recB", "jo@example.com", 5)]
    assert changes(batch, [lead("recA", "jo+news@example.com", 1)]) == {"recB": ["recA"]}
