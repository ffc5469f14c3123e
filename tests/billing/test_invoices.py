"""Invoice rules (pure): periods, retainers, waived sessions, the associate's cut rounded once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from automation.billing.invoices import Period, due_period, parse_lines, plan_invoice
from automation.models import Associate, Client, Package, Session
from automation.settings import BusinessSettings

S = BusinessSettings().billing
TZ = ZoneInfo("Europe/London")
NOV = Period.of(date(2026, 11, 17))
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("today", "day", "expected"),
    [(date(2026, 12, 1), 1, "2026-11"), (date(2026, 12, 4), 5, None), (date(2027, 1, 9), 5, "2026-12"),
     (date(2027, 2, 27), 31, None), (date(2027, 2, 28), 31, "2027-01"), (date(2028, 2, 29), 30, "2028-01"),
     (date(2027, 4, 30), 31, "2027-03"), (date(2027, 3, 30), 31, None)],
    ids=["billing_day", "before_billing_day", "caught_up_later", "31st_before_february_ends",
         "31st_is_february_last_day", "30th_in_a_leap_february", "31st_in_april", "31st_before_march_31"],
)  # fmt: skip
def test_due_period__the_month_before_from_the_billing_day(today, day, expected) -> None:
    got = due_period(today, day)
    assert (got.label if got else None) == expected


def test_billing_day__29_to_31_are_accepted() -> None:
    # The coach who types 31 means the month's end: refused (1-28) it fell back to the 1st.
    assert BusinessSettings(billing={"billing_day": 31}).billing.billing_day == 31


def test_period__last_day_of_february_and_next() -> None:
    feb = Period.of(date(2028, 2, 10))
    assert (feb.start, feb.end, feb.next().label, feb.previous().label) == (
        date(2028, 2, 1), date(2028, 2, 29), "2028-03", "2028-01"
    )  # fmt: skip


def _session(sid: str, day: int, status: str = "Completed", **kw) -> Session:
    kw = {"client": ["recC"], **kw}
    return Session(id=sid, session_date=datetime(2026, 11, day, 10, tzinfo=UTC), status=status, **kw)


def test_plan_invoice__retainer_bills_the_price_and_covers_the_sessions() -> None:
    pkg = Package(id="recP", name="Retainer", billing="Monthly Retainer", price=Decimal("1200.00"))
    assoc = {"recA": Associate(id="recA", name="Ann", commission_pct=0.25)}
    sessions = [
        _session("recS1", 3, associate=["recA"]),
        _session("recS2", 10),
        _session("recS3", 20, "Cancelled"),
    ]
    plan = plan_invoice(Client(id="recC", status="Active"), pkg, sessions, assoc, NOV, TODAY, S, TZ)
    assert (plan.amount, plan.tax, plan.total) == (Decimal("1200.00"), Decimal("240.00"), Decimal("1440.00"))
    assert plan.session_status == {"recS1": "Invoiced", "recS2": "Invoiced", "recS3": "Waived"}
    assert plan.associate_cut == Decimal("150.00")  # a quarter of her half of the retainer
    assert [line.description for line in plan.lines] == ["Retainer: monthly retainer, November 2026"]


def test_plan_invoice__a_retainer_covers_only_its_own_month_s_sessions() -> None:
    """The first run in a base with history finds last month's sessions on no invoice: November's retainer
    covers November's, so the associate who coached in October gets no share of November and the payout
    counts the month's own sessions."""
    pkg = Package(id="recP", name="Retainer", billing="Monthly Retainer", price=Decimal("1000.00"))
    assoc = {
        "recA": Associate(id="recA", name="Ann", commission_pct=0.3),
        "recB": Associate(id="recB", name="Bo", commission_pct=0.5),
    }
    october = Session(id="recS0", client=["recC"], session_date=datetime(2026, 10, 20, 10, tzinfo=UTC),
                      status="Completed", associate=["recB"])  # fmt: skip
    sessions = [october, _session("recS1", 6, associate=["recA"]), _session("recS2", 20, associate=["recA"])]
    plan = plan_invoice(Client(id="recC", status="Active"), pkg, sessions, assoc, NOV, TODAY, S, TZ)
    assert plan.session_status == {"recS1": "Invoiced", "recS2": "Invoiced"}
    assert plan.cuts == {"recA": Decimal("300.00")}  # Ann's 30 % of the whole month
    assert plan.amount == Decimal("1000.00")


def test_plan_invoice__yen_tax_cut_and_a_half_charged_no_show_are_whole_yen() -> None:
    """JPY has no minor unit: what the invoice computes (tax, a share of the price, the associate's cut) is
    rounded half-up to the yen, not to a 'cent' no one can pay and Stripe refuses."""
    pkg = Package(id="recP", name="Executive", billing="Per Session", price=Decimal("3333"))
    assoc = {"recA": Associate(id="recA", name="Ann", commission_pct=0.4)}
    half = S.model_copy(
        update={"charge_fraction": {"*": {"Cancelled": Decimal(0), "No-show": Decimal("0.5")}}}
    )
    sessions = [_session("recS1", 3, associate=["recA"]), _session("recS2", 10, "No-show")]
    plan = plan_invoice(Client(id="recC", status="Active"), pkg, sessions, assoc, NOV, TODAY, half, TZ, "JPY")
    assert [line.amount for line in plan.lines] == [Decimal("3333"), Decimal("1667")]  # 1,666.5 -> 1,667
    assert (plan.amount, plan.tax, plan.total) == (Decimal("5000"), Decimal("1000"), Decimal("6000"))
    assert plan.associate_cut == Decimal("1333")  # 40 % of 3,333 = 1,333.2
    gbp = plan_invoice(Client(id="recC", status="Active"), pkg, sessions, assoc, NOV, TODAY, half, TZ, "GBP")
    assert (gbp.lines[1].amount, gbp.associate_cut) == (Decimal("1666.50"), Decimal("1333.20"))  # cents


def test_plan_invoice__a_paused_retainer_is_not_billed() -> None:
    pkg = Package(id="recP", name="R", billing="Monthly Retainer", price=Decimal("1200.00"))
    assert plan_invoice(Client(id="recC", status="Paused"), pkg, [], {}, NOV, TODAY, S, TZ) is None


def test_plan_invoice__sessions_after_the_period_or_already_invoiced_wait() -> None:
    pkg = Package(id="recP", name="P", billing="Per Session", price=Decimal("100.00"))
    december = Session(id="recS9", client=["recC"], session_date=datetime(2026, 12, 1, 9, tzinfo=UTC),
                       status="Completed")  # fmt: skip
    sessions = [_session("recS1", 3), _session("recS2", 4, invoice=["recI"]), december]
    plan = plan_invoice(Client(id="recC"), pkg, sessions, {}, NOV, TODAY, S, TZ)
    assert plan.session_status == {"recS1": "Invoiced"} and plan.amount == Decimal("100.00")


def test_plan_invoice__a_session_is_dated_in_the_business_time_zone() -> None:
    pkg = Package(id="recP", name="P", billing="Per Session", price=Decimal("100.00"))
    # 30 June 23:30 UTC is 1 July 00:30 in London (BST): a July session, not billed with June
    s = Session(
        id="recS1",
        client=["recC"],
        session_date=datetime(2026, 6, 30, 23, 30, tzinfo=UTC),
        status="Completed",
    )
    assert plan_invoice(Client(id="recC"), pkg, [s], {}, Period.of(date(2026, 6, 5)), TODAY, S, TZ) is None
    assert (
        plan_invoice(Client(id="recC"), pkg, [s], {}, Period.of(date(2026, 7, 5)), TODAY, S, TZ) is not None
    )


def test_lines__round_trip_through_the_lines_field() -> None:
    from automation.billing.invoices import Line, lines_text

    lines = [
        Line(Decimal("333.33"), "Coaching | with a pipe", "recS1", "recA1"),
        Line(Decimal("20.00"), "Fee"),
    ]
    assert parse_lines(lines_text(lines)) == lines
    assert parse_lines("not a line\nabc | - | - | bad amount") == []


RETAINER = Package(id="recP", name="Retainer", billing="Monthly Retainer", price=Decimal("1200.00"))


def _bill(client: Client, package: Package, sessions: list[Session]):
    from automation.billing.invoices import plan_billing

    return plan_billing([client], {package.id: package}, sessions, {}, set(), NOV, TODAY, S, TZ)


@pytest.mark.parametrize("billing", ["Per Session", "Monthly Retainer"])
def test_plan_billing__a_free_package_asks_for_nothing_and_waives_its_sessions(billing) -> None:
    free = Package(id="recP", name="Pro bono", billing=billing, price=Decimal("0"))
    got = _bill(Client(id="recC", status="Active", package=["recP"]), free, [_session("recS1", 3)])
    assert got.plans == []  # no numbered invoice asking the client for 0.00
    assert [p.session_status for p in got.waived_only] == [{"recS1": "Waived"}]


def test_plan_billing__a_negative_price_bills_nothing_and_says_why() -> None:
    bad = Package(id="recP", name="Typo", billing="Per Session", price=Decimal("-100.00"))
    got = _bill(Client(id="recC", status="Active", package=["recP"]), bad, [_session("recS1", 3)])
    assert (got.plans, got.waived_only) == ([], [])
    assert "negative price" in got.skipped["recC"]


def test_plan_billing__a_billing_kind_the_run_does_not_know_bills_nothing_and_says_why() -> None:
    """A kind the coach added herself (a prepaid pack priced for all its sessions) is not billed per
    session at that price: the run names the package and its kind instead."""
    pack = Package(id="recP", name="6-Session Pack", billing="Prepaid Package", price=Decimal("2400.00"))
    got = _bill(Client(id="recC", status="Active", package=["recP"]), pack, [_session("recS1", 3)])
    assert (got.plans, got.waived_only) == ([], [])
    assert "6-Session Pack" in got.skipped["recC"] and "Prepaid Package" in got.skipped["recC"]


@pytest.mark.parametrize("sessions", [[_session("recS1", 3)], []], ids=["with_a_session", "retainer_alone"])
def test_plan_billing__two_packages_linked_bill_nothing_and_say_why(sessions) -> None:
    """A package changed by linking the new one beside the old: which price applies is the coach's call,
    so nothing is billed at a guessed price and the run names both packages."""
    from automation.billing.invoices import plan_billing

    old = Package(id="recP1", name="Starter", billing="Per Session", price=Decimal("100.00"))
    new = Package(id="recP2", name="Executive", billing="Monthly Retainer", price=Decimal("900.00"))
    client = Client(id="recC", status="Active", package=["recP1", "recP2"])
    got = plan_billing([client], {"recP1": old, "recP2": new}, sessions, {}, set(), NOV, TODAY, S, TZ)
    assert (got.plans, got.waived_only) == ([], [])
    assert "2 packages linked (Starter, Executive)" in got.skipped["recC"]


@pytest.mark.parametrize(
    ("start", "billed"),
    [(date(2026, 12, 2), []), (date(2026, 11, 30), [Decimal("1200.00")]), (None, [Decimal("1200.00")])],
    ids=["starts_after_the_month", "starts_on_its_last_day", "no_start_date"],
)
def test_plan_billing__a_retainer_is_not_billed_for_a_month_before_the_start(start, billed) -> None:
    client = Client(id="recC", status="Active", package=["recP"], start_date=start)
    assert [p.amount for p in _bill(client, RETAINER, []).plans] == billed


@pytest.mark.parametrize(
    ("status", "days", "billed"),
    [
        ("Completed", [3, 24], [Decimal("1200.00")]),  # coached in November, finished at its end
        ("Paused", [10], [Decimal("1200.00")]),  # paused after a November session
        ("Completed", [], []),
        ("Paused", [], []),
        (None, [], [Decimal("1200.00")]),  # a blank Status is an active client, as everywhere else
    ],
    ids=["finished_after_sessions", "paused_after_a_session", "finished", "paused", "blank_status"],
)
def test_plan_billing__a_retainer_is_billed_for_a_month_the_client_was_coached(status, days, billed) -> None:
    client = Client(id="recC", status=status, package=["recP"])
    plans = _bill(client, RETAINER, [_session(f"recS{d}", d) for d in days]).plans
    assert [p.amount for p in plans] == billed
    assert [set(p.session_status) for p in plans] == ([{f"recS{d}" for d in days}] if billed else [])


@pytest.mark.parametrize(
    ("status", "paused_on", "resumed_on", "days", "billed"),
    [
        ("Active", date(2026, 10, 12), date(2026, 12, 2), [], []),  # paused over all of November
        ("Active", date(2026, 10, 12), date(2026, 12, 1), [20], [Decimal("1200.00")]),  # a session held in it
        ("Active", date(2026, 10, 12), date(2026, 11, 30), [], [Decimal("1200.00")]),  # back on its last day
        ("Active", date(2026, 11, 2), date(2026, 12, 2), [], [Decimal("1200.00")]),  # active on 1 Nov
        ("Paused", date(2026, 12, 1), None, [], [Decimal("1200.00")]),  # paused after November
        ("Paused", date(2026, 11, 10), None, [], []),  # paused within it, nothing held: as before
    ],
    ids=["resumed_after", "resumed_after_a_session", "resumed_on_last_day", "paused_after_first_day",
         "paused_after", "paused_within"],
)  # fmt: skip
def test_plan_billing__a_retainer_follows_the_pause_days_not_today_s_status(
    status, paused_on, resumed_on, days, billed
) -> None:
    """The run bills a month that is over, so today's Status may not be the month's: a client paused all
    November and set going again in December owes no November retainer; one paused from 1 December was
    active all November and owes it, sessions or not."""
    client = Client(id="recC", status=status, package=["recP"], paused_on=paused_on, resumed_on=resumed_on)
    plans = _bill(client, RETAINER, [_session(f"recS{d}", d) for d in days]).plans
    assert [p.amount for p in plans] == billed


def test_plan_billing__a_leftover_session_of_an_earlier_month_does_not_bill_a_finished_retainer() -> None:
    october = Session(id="recS0", client=["recC"], session_date=datetime(2026, 10, 20, 10, tzinfo=UTC),
                      status="Completed")  # fmt: skip
    assert _bill(Client(id="recC", status="Completed", package=["recP"]), RETAINER, [october]).plans == []


def test_plan_billing__a_chargeable_session_it_cannot_bill_is_named_not_dropped() -> None:
    """Bad input gets a clear reason: a completed session without a date or a client would otherwise never
    be billed and nobody would know. A waived cancellation and a retainer's session cost nothing."""
    from automation.billing.invoices import plan_billing

    per = Package(id="recP", name="Executive", billing="Per Session", price=Decimal("287.50"))
    ret = Package(id="recR", name="Retainer", billing="Monthly Retainer", price=Decimal("1499.99"))
    jo = Client(id="recC", status="Active", package=["recP"])
    al = Client(id="recD", status="Active", package=["recR"])
    sessions = [
        _session("recS1", 5),
        Session(id="recS2", client=["recC"], status="Completed"),  # no date
        Session(id="recS3", client=["recC"], status="No-show"),  # no date, charged in full by default
        Session(id="recS4", client=["recC"], status="Cancelled"),  # no date, waived by default
        Session(id="recS5", status="Completed", session_date=datetime(2026, 11, 6, 10, tzinfo=UTC)),
        Session(id="recS6", client=["recD"], status="Completed"),  # a retainer is billed regardless
        Session(id="recS7", client=["recC"], status="Completed", invoice_status="Waived"),
    ]
    out = plan_billing([jo, al], {"recP": per, "recR": ret}, sessions, {}, set(), NOV, TODAY, S, TZ)
    assert {sid: f for sid, (f, _) in out.unbillable.items()} == {
        "recS2": "session_date",
        "recS3": "session_date",
        "recS5": "client",
    }
    assert "not billed" in out.unbillable["recS2"][1]
    assert [p.amount for p in out.plans] == [Decimal("287.50"), Decimal("1499.99")]  # the rest still billed


def test_plan_billing__a_session_linked_to_two_clients_is_named_not_billed_to_the_first() -> None:
    """A joint session: who pays for it the base does not say. It was billed to whichever client was linked
    first, in silence; now it waits, named, and both clients' own sessions are billed."""
    from automation.billing.invoices import plan_billing

    per = Package(id="recP", name="Executive", billing="Per Session", price=Decimal("300.00"))
    jo = Client(id="recC", status="Active", package=["recP"])
    lee = Client(id="recD", status="Active", package=["recP"])
    sessions = [
        _session("recS1", 5),
        _session("recS2", 12, client=["recC", "recD"]),
        _session("recS3", 19, client=["recD"]),
        _session("recS4", 26, "Cancelled", client=["recC", "recD"]),  # waived: costs nothing, not named
    ]
    out = plan_billing([jo, lee], {"recP": per}, sessions, {}, set(), NOV, TODAY, S, TZ)
    assert {p.client_id: (p.amount, sorted(p.session_status)) for p in out.plans} == {
        "recC": (Decimal("300.00"), ["recS1"]),
        "recD": (Decimal("300.00"), ["recS3"]),
    }
    assert list(out.unbillable) == ["recS2"]
    assert out.unbillable["recS2"][0] == "client" and "2 clients" in out.unbillable["recS2"][1]


@pytest.mark.parametrize("pct", [None, 1, 0.5], ids=["blank", "all_of_it", "half"])
def test_plan_billing__the_coach_s_own_associate_record_earns_no_cut_and_is_not_named(pct) -> None:
    """The coach runs sessions as one of the team (an Associate record with her email): what they bring in
    is the business's. Her 100 % counted in the invoice's Associate Cut (owed to nobody), and a blank rate
    was named as a problem on every run."""
    from automation.billing.invoices import plan_billing

    per = Package(id="recP", name="Executive", billing="Per Session", price=Decimal("300.00"))
    assoc = {
        "recA": Associate(id="recA", name="Ann", email="ann@example.com", commission_pct=0.4),
        "recM": Associate(id="recM", name="Sarah", email=" Sarah@Harbour.example", commission_pct=pct),
    }
    sessions = [_session("recS1", 5, associate=["recM"]), _session("recS2", 12, associate=["recA"])]
    client = Client(id="recC", status="Active", package=["recP"])
    out = plan_billing(
        [client],
        {"recP": per},
        sessions,
        assoc,
        set(),
        NOV,
        TODAY,
        S,
        TZ,
        coach_email="sarah@harbour.example",
    )
    (plan,) = out.plans
    assert (plan.associate_cut, plan.cuts, out.bad_commission) == (
        Decimal("120.00"),
        {"recA": Decimal("120.00")},
        {},
    )
    assert "with Sarah" in plan.lines[0].description  # still named on the line: she ran it


# ---- late cancellations: billing.late_cancel_hours and the "Late cancellation" fraction ----

NEW_YORK = ZoneInfo("America/New_York")
START = datetime(2026, 11, 20, 15, tzinfo=UTC)  # Fri 20 Nov, 10:00 in New York


def _cancelled(sid: str, hours_before: float | None) -> Session:
    at = None if hours_before is None else START - timedelta(hours=hours_before)
    return Session(id=sid, client=["recC"], session_date=START, status="Cancelled", cancelled_at=at)


def _notice(hours: int, fractions: dict | None = None):
    update: dict = {"late_cancel_hours": hours}
    if fractions is not None:
        update["charge_fraction"] = fractions
    return S.model_copy(update=update)


def test_plan_invoice__a_cancellation_within_the_notice_is_charged_and_says_why_an_earlier_one_waived() -> (
    None
):
    """24 h notice: cancelled 3 h before the start is charged (by default in full, as a no-show), 30 h
    before is waived, and one with no cancellation time is not charged on a guess. The line says why, with
    the time it was cancelled on the business's clock (New York here, five hours behind UTC)."""
    pkg = Package(id="recP", name="Executive", billing="Per Session", price=Decimal("200.00"))
    sessions = [_cancelled("recLate", 3), _cancelled("recEarly", 30), _cancelled("recUnknown", None)]
    plan = plan_invoice(Client(id="recC"), pkg, sessions, {}, NOV, TODAY, _notice(24), NEW_YORK)
    assert plan.session_status == {"recLate": "Invoiced", "recEarly": "Waived", "recUnknown": "Waived"}
    (line,) = plan.lines
    assert (line.session_id, line.amount) == ("recLate", Decimal("200.00"))
    assert "Late cancellation (less than 24 h notice" in line.description
    # 12:00 UTC, in a New York business's order (tests/billing/test_us_dates.py)
    assert "cancelled Fri, Nov 20, 7:00 AM" in line.description
    # Cancelled after the start is within the notice too.
    after = plan_invoice(Client(id="recC"), pkg, [_cancelled("recS", -1)], {}, NOV, TODAY, _notice(24), TZ)
    assert after.amount == Decimal("200.00")


def test_plan_invoice__without_a_notice_period_every_cancellation_is_charged_as_before() -> None:
    pkg = Package(id="recP", name="Executive", billing="Per Session", price=Decimal("200.00"))
    plan = plan_invoice(Client(id="recC"), pkg, [_cancelled("recS", 1)], {}, NOV, TODAY, S, TZ)
    assert plan.lines == [] and plan.session_status == {"recS": "Waived"}


@pytest.mark.parametrize(
    ("policy", "amount", "shown"),
    [
        (
            {"Cancelled": Decimal(0), "Late cancellation": Decimal("0.25"), "No-show": Decimal(1)},
            "50.00",
            "25 %",
        ),
        ({"Cancelled": Decimal(0), "No-show": Decimal("0.5")}, "100.00", "50 %"),  # as its no-show
    ],
    ids=["own-fraction", "no-show-fraction"],
)
def test_plan_invoice__a_late_cancellation_is_charged_by_its_packages_policy(policy, amount, shown) -> None:
    pkg = Package(id="recP", name="Executive", billing="Per Session", price=Decimal("200.00"))
    fractions = {"Executive": policy, "*": {"Cancelled": Decimal(0), "No-show": Decimal(1)}}
    plan = plan_invoice(
        Client(id="recC"), pkg, [_cancelled("recS", 2)], {}, NOV, TODAY, _notice(48, fractions), TZ
    )
    (line,) = plan.lines
    assert line.amount == Decimal(amount)
    assert "less than 48 h notice" in line.description and shown in line.description


@pytest.mark.parametrize(("typed", "hours"), [("", 0), ("0", 0), ("48", 48)])
def test_settings__a_notice_period_left_blank_is_no_notice_period(typed, hours) -> None:
    from automation.settings import load_settings

    settings, problems = load_settings([("billing.late_cancel_hours", typed)])
    assert problems == [] and settings.billing.late_cancel_hours == hours


def test_late_retainer__an_earlier_month_s_charged_session_on_no_invoice_only() -> None:
    """A retainer's session of an earlier month marked after its run is found (for the coach and its
    associate's pay); this month's sessions, a waived cancellation, an invoiced one and a Scheduled one
    are not."""
    from automation.billing.invoices import late_retainer

    pkg = Package(id="recP", name="Retainer", billing="Monthly Retainer", price=Decimal("1200.00"))
    dec_ = Period.of(date(2026, 12, 1))
    sessions = [
        _session("recS1", 24),  # November, Completed after November's run: late
        _session("recS2", 25, "No-show"),  # charged by the default policy: late
        _session("recS3", 26, "Cancelled"),  # waived: not
        _session("recS4", 27, invoice=["recI"], invoice_status="Invoiced"),  # on an invoice: not
        _session("recS5", 28, "Scheduled"),  # not held: not
        Session(id="recS6", session_date=datetime(2026, 12, 3, 10, tzinfo=UTC), status="Completed"),  # Dec's
    ]
    assert [s.id for s in late_retainer(sessions, pkg, dec_, S, TZ)] == ["recS1", "recS2"]


def test_late_share__the_retainer_over_its_sessions_and_the_late_ones() -> None:
    from automation.billing.payouts import carried_row, late_share

    share = late_share(Decimal("1200.00"), 1, 1)
    assert share == Decimal("600")
    row = carried_row("INV-0001", "Jo", "November 2026", share, Decimal("0.3"), None)
    assert (row["billed"], row["cut"], row["month"]) == ("600.00", "180.00", "November 2026")


def test_billed_to_date__a_leavers_month_billed_before_it_ended_is_billed_again_for_what_is_left() -> None:
    """A client leaving on 15 Nov billed to date (bill-client), with a wrap-up session on 20 Nov: the month
    read as billed for her, so 1 Dec's run left the session for December's invoice, a month later and
    after she had gone (holdout 5). What is left is billed on an invoice of its own; a month billed after
    it ended, a Void one, or a retainer's (billed whole) is not billed again."""
    from automation.billing.invoices import billed_to_date, plan_billing
    from automation.models import Invoice

    per = Package(id="recP", name="Exec", billing="Per Session", price=Decimal("300"))
    ret = Package(id="recR", name="Ret", billing="Monthly Retainer", price=Decimal("1200"))
    jo = Client(id="recC", status="Active", package=["recP"])

    def early(client: str, made: date, status: str = "Sent") -> Invoice:
        return Invoice(id=f"recI{client}", client=[client], dedupe_key=f"{client}:2026-11", period="2026-11",
                       date_created=made, status=status)  # fmt: skip

    assert billed_to_date([early("recC", date(2026, 11, 15))], NOV) == {"recC"}
    assert billed_to_date([early("recC", date(2026, 12, 1))], NOV) == frozenset()
    assert billed_to_date([early("recC", date(2026, 11, 15), "Void")], NOV) == frozenset()
    sessions = [_session("recS1", 5, invoice=["recIrecC"], invoice_status="Invoiced"), _session("recS2", 20)]
    keys = {"recC:2026-11"}
    out = plan_billing(
        [jo], {"recP": per}, sessions, {}, keys, NOV, TODAY, S, TZ, to_date=frozenset({"recC"})
    )
    (plan,) = out.plans
    assert (plan.dedupe_key, plan.fields()["dedupe_key"], plan.fields()["sessions"], plan.total) == (
        "recC:2026-11:2026-12-01", "recC:2026-11:2026-12-01", ["recS2"], Decimal("360.00")
    )  # fmt: skip
    assert not plan_billing([jo], {"recP": per}, sessions, {}, keys, NOV, TODAY, S, TZ).plans  # billed after
    al = Client(id="recC", status="Active", package=["recR"])
    assert not plan_billing(
        [al], {"recR": ret}, sessions, {}, keys, NOV, TODAY, S, TZ, to_date=frozenset({"recC"})
    ).plans


def test_billed_by_hand__the_runs_later_invoice_of_the_month_is_its_own() -> None:
    from automation.billing.invoices import billed_by_hand
    from automation.models import Invoice

    again = Invoice(id="recI2", client=["recC"], dedupe_key="recC:2026-11:2026-12-01", status="Sent")
    typed = Invoice(id="recI3", client=["recD"], invoice_number="INV-0042", status="Sent")
    assert billed_by_hand([again, typed], NOV) == {"recD": "INV-0042"}
