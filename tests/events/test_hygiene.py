"""Lead hygiene: names tidied, emails lowercased, invalid ones flagged, tidy leads untouched."""

from __future__ import annotations

import pytest

from automation.leads.hygiene import AUTOMATIONS, hygiene_fields, normal_email
from automation.models import Lead


@pytest.mark.parametrize(
    "lead,fields",
    [
        (
            Lead(id="r", name="  Ana   Lopez ", email="Ana@Example.COM "),
            {"name": "Ana Lopez", "email": "ana@example.com"},
        ),
        (Lead(id="r", name="Ana", email="ana@example.com"), {}),
        (Lead(id="r", name="   ", email=None), {"name": None}),
        (Lead(id="r", name="Bo", email="bo at example"), {"email_status": "Invalid"}),
        (Lead(id="r", name="Bo", email="bo at example", email_status="Invalid"), {}),
        (Lead(id="r", name="Bo", email="bo@x.io", email_status="Invalid"), {"email_status": "Unverified"}),
        (Lead(id="r", name="Bo", email="Bo@X.io", email_status="Bounced"), {"email": "bo@x.io"}),
    ],
    ids=["messy", "tidy", "blank-name", "invalid", "invalid-already-flagged", "fixed", "bounced-kept"],
)
def test_hygiene_fields(lead, fields):
    assert hygiene_fields(lead) == fields


@pytest.mark.parametrize(
    "email,valid",
    [
        ("a@b.co", True),
        ("first.last+tag@sub.example.org", True),
        ("a@b", False),
        ("a b@c.com", False),
        ("a@@c.com", False),
        ("a..b@c.com", False),
        (".a@c.com", False),
        ("a@c..com", False),
    ],
)
def test_normal_email__validity(email, valid):
    assert normal_email(email)[1] is valid


def test_hygiene_automation__declares_what_it_reads_and_writes():
    (a,) = AUTOMATIONS
    assert a.table == "leads" and a.triggers == {"name", "email"}
    assert a.writes == {"name", "email", "email_status"}
