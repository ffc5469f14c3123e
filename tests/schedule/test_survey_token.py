"""Survey links: signed, tamper-evident, expiring, and never interchangeable with unsubscribe tokens."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from automation.errors import SignatureError
from automation.messages import tokens as unsubscribe_tokens
from automation.schedule.survey import BadAnswer, parse_answer
from automation.schedule.survey_token import SurveyLinkExpired, make_token, verify_token

SECRET = "app-secret-for-tests-0123456789"
TODAY = date(2026, 11, 21)


def test_verify_token__round_trip() -> None:
    token = make_token(SECRET, "recSESSION01", TODAY + timedelta(days=14))
    link = verify_token(SECRET, token, TODAY)
    assert (link.session_id, link.expires) == ("recSESSION01", TODAY + timedelta(days=14))


@pytest.mark.parametrize(
    "tamper",
    [
        lambda t: t.replace("recSESSION01", "recSESSION02"),  # another session
        lambda t: t.replace("20261205", "20271205"),  # a later expiry
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),  # the signature
        lambda t: t.split(".")[0],  # cut short
        lambda t: "",
    ],
    ids=["session", "expiry", "signature", "truncated", "empty"],
)
def test_verify_token__tampered_is_refused(tamper) -> None:
    token = make_token(SECRET, "recSESSION01", date(2026, 12, 5))
    with pytest.raises(SignatureError):
        verify_token(SECRET, tamper(token), TODAY)


def test_verify_token__expired_after_its_last_day() -> None:
    token = make_token(SECRET, "recSESSION01", TODAY)
    assert verify_token(SECRET, token, TODAY).session_id == "recSESSION01"
    with pytest.raises(SurveyLinkExpired):
        verify_token(SECRET, token, TODAY + timedelta(days=1))


def test_verify_token__another_secret_is_refused() -> None:
    token = make_token(SECRET, "recSESSION01", TODAY)
    with pytest.raises(SignatureError):
        verify_token("another-secret-0123456789", token, TODAY)


def test_verify_token__an_unsubscribe_signature_is_not_a_survey_one() -> None:
    unsub = unsubscribe_tokens.make_token(SECRET, "clients", "recSESSION01")
    forged = f"recSESSION01.20261205.{unsub.rsplit('.', 1)[1]}"
    with pytest.raises(SignatureError):
        verify_token(SECRET, forged, TODAY)


@pytest.mark.parametrize(
    ("rating", "comment", "expected"),
    [("4", " Great ", (4, "Great")), ("1", "", (1, None)), ("5", None, (5, None))],
    ids=["with-comment", "empty-comment", "no-comment"],
)
def test_parse_answer__valid(rating, comment, expected) -> None:
    answer = parse_answer(rating, comment)
    assert (answer.rating, answer.comment) == expected


@pytest.mark.parametrize("rating", ["0", "6", "", None, "four"], ids=["zero", "six", "empty", "none", "word"])
def test_parse_answer__rating_out_of_scale_is_refused(rating) -> None:
    with pytest.raises(BadAnswer):
        parse_answer(rating, None)
