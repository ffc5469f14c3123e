"""Dates on what billing writes to people, in the reader's order: a business in the US or Canada (its
Settings time zone) reads "Tue, Dec 8, 2026" and "7:00 AM"; elsewhere "Tue 8 Dec 2026" and "07:00", as
before. Words, never digits: "08/12/2026" is August to one reader and December to the other."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from automation.billing.invoices import Period, plan_billing, plan_invoice
from automation.models import Associate, Client, Invoice, Package, Session
from automation.settings import BusinessSettings

S = BusinessSettings().billing
NOV = Period.of(date(2026, 11, 17))
DEC1 = date(2026, 12, 1)
CHICAGO, TORONTO, LONDON, SYDNEY = (
    ZoneInfo(z) for z in ("America/Chicago", "America/Toronto", "Europe/London", "Australia/Sydney")
)
PER_SESSION = Package(id="recP", name="Executive", billing="Per Session", price=Decimal("200.00"))


def _session(sid: str, when: datetime, status: str = "Completed", **kw) -> Session:
    return Session(id=sid, client=["recC"], session_date=when, status=status, **kw)


@pytest.mark.parametrize(
    ("tz", "line"),
    [
        (CHICAGO, "Coaching session, Tue, Nov 3, 2026 with Ann"),
        (TORONTO, "Coaching session, Tue, Nov 3, 2026 with Ann"),
        (LONDON, "Coaching session, Tue 3 Nov 2026 with Ann"),
        (SYDNEY, "Coaching session, Wed 4 Nov 2026 with Ann"),  # 16:00 UTC is the next morning there
    ],
    ids=["chicago", "toronto", "london_unchanged", "sydney_unchanged"],
)
def test_invoice_line__the_session_date_in_the_business_s_order(tz, line) -> None:
    s = _session("recS", datetime(2026, 11, 3, 16, tzinfo=UTC), associate=["recA"])
    ann = {"recA": Associate(id="recA", name="Ann")}
    plan = plan_invoice(Client(id="recC"), PER_SESSION, [s], ann, NOV, DEC1, S, tz)
    assert [x.description for x in plan.lines] == [line]


@pytest.mark.parametrize(
    ("tz", "shown"),
    [
        (CHICAGO, "cancelled Fri, Nov 20, 6:00 AM"),
        (LONDON, "cancelled Fri 20 Nov 12:00"),
    ],
    ids=["chicago", "london_unchanged"],
)
def test_invoice_line__a_late_cancellation_s_time_in_the_business_s_order(tz, shown) -> None:
    start = datetime(2026, 11, 20, 15, tzinfo=UTC)
    s = _session("recS", start, "Cancelled", cancelled_at=start - timedelta(hours=3))
    plan = plan_invoice(
        Client(id="recC"), PER_SESSION, [s], {}, NOV, DEC1, S.model_copy(update={"late_cancel_hours": 24}), tz
    )
    (line,) = plan.lines
    assert shown in line.description, line.description


@pytest.mark.parametrize(
    ("tz", "days"), [(CHICAGO, "(Nov 5, Nov 12)"), (LONDON, "(5 Nov, 12 Nov)")], ids=["chicago", "london"]
)
def test_billed_by_hand__the_sessions_left_off_are_named_in_the_business_s_order(tz, days) -> None:
    sessions = [_session(f"recS{d}", datetime(2026, 11, d, 15, tzinfo=UTC)) for d in (5, 12)]
    client = Client(id="recC", status="Active", package=["recP"])
    got = plan_billing(
        [client], {"recP": PER_SESSION}, sessions, {}, set(), NOV, DEC1, S, tz, by_hand={"recC": "JO-11"}
    )
    assert days in got.skipped["recC"], got.skipped["recC"]


@pytest.mark.parametrize(
    ("tz", "due"),
    [
        (CHICAGO, "Tuesday, December 15, 2026, 5:59 PM (America/Chicago)"),
        (LONDON, "Tuesday 15 December 2026, 23:59 (Europe/London)"),
    ],
    ids=["chicago", "london_unchanged"],
)
def test_dispute_alert__the_evidence_deadline_in_the_business_s_order(tz, due) -> None:
    from automation.billing.refunds import _due

    at = datetime(2026, 12, 15, 23, 59, tzinfo=UTC)
    assert _due({"evidence_details": {"due_by": int(at.timestamp())}}, SimpleNamespace(tz=tz)) == due


@pytest.mark.parametrize(
    ("zone", "said"),
    [
        ("America/Chicago", "was due on Tuesday, December 8, 2026 and is still open"),
        ("Europe/London", "was due on Tuesday 8 December 2026 and is still open"),
    ],
    ids=["chicago", "london_unchanged"],
)
def test_payment_reminder__the_due_date_in_the_business_s_order(zone, said) -> None:
    """Already right before this change (the templates' `day` filter): held, as the one helper now
    writes it."""
    from automation.billing.emails import reminder_draft
    from automation.messages.render import render

    settings = BusinessSettings.model_validate({"general": {"time_zone": zone, "currency": "USD"}})
    inv = Invoice(
        id="recI", invoice_number="INV-0007", amount=200, total=200, status="Overdue",
        date_created=date(2026, 11, 24), due_date=date(2026, 12, 8),
    )  # fmt: skip
    client = Client(id="recC", name="Jo Park", email="jo@example.com")
    draft = reminder_draft(inv, client, 7, settings, today=date(2026, 12, 15))
    out = render(
        draft.template, draft.data, channel="Email", subject=draft.subject, recipient_name=client.name,
        settings=settings,
    )  # fmt: skip
    assert said in out.text, out.text
    assert not any(c.isdigit() for c in out.subject.replace("INV-0007", "")), out.subject
