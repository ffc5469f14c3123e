"""Forecast, accuracy and conversion against a fixture computed by hand (the sums are in the comments)."""

from __future__ import annotations

from datetime import date

from automation.leads.forecast import (
    MonthForecast,
    accuracy,
    actual_won,
    add_months,
    average_days_per_stage,
    conversion_by_month,
    conversion_by_source,
    snapshot,
    stage_conversion,
    weighted_forecast,
)
from automation.settings.leads import PipelineSettings
from tests.leads.factories import TODAY, deal, lead

S = PipelineSettings()

PIPELINE = [
    deal(
        id="recA", pipeline_stage="Proposal", deal_value=10_000, expected_close=date(2026, 11, 28)
    ),  # Nov 5,000
    deal(
        id="recB", pipeline_stage="Negotiation", deal_value=8_000, expected_close=date(2026, 12, 15)
    ),  # Dec 6,000
    deal(
        id="recC",
        pipeline_stage="Qualified",
        deal_value=5_000,
        probability_override=0.4,
        expected_close=date(2026, 12, 1),
    ),  # Dec 2,000 (override 40 % beats the stage's 25 %)
    deal(id="recD", pipeline_stage="Lead", deal_value=20_000, expected_close=date(2027, 2, 10)),  # Feb 1,000
    deal(
        id="recE", pipeline_stage="Proposal", deal_value=6_000, expected_close=date(2026, 10, 30)
    ),  # slipped: Nov 3,000
    deal(
        id="recF", pipeline_stage="Prospect", deal_value=4_000, expected_close=date(2027, 3, 5)
    ),  # March: outside
    deal(
        id="recG",
        pipeline_stage="Closed Won",
        deal_value=12_000,
        expected_close=date(2026, 11, 10),
        actual_close=date(2026, 11, 12),
    ),  # closed: not forecast; won in Nov
    deal(
        id="recH", pipeline_stage="Closed Lost", deal_value=9_000, expected_close=date(2026, 11, 5)
    ),  # closed
    deal(id="recI", pipeline_stage="Qualified", deal_value=7_000),  # no expected close: not forecast
    deal(id="recJ", pipeline_stage="Proposal", expected_close=date(2026, 11, 30)),  # no value: not forecast
    deal(
        id="recK", pipeline_stage="Closed Won", deal_value=4_500, actual_close=date(2026, 10, 3)
    ),  # won in Oct
    deal(
        id="recL", pipeline_stage="Closed Won", deal_value=4_000, actual_close=date(2026, 10, 29)
    ),  # won in Oct
]


def test_weighted_forecast__this_month_and_the_next_three() -> None:
    assert weighted_forecast(PIPELINE, S, TODAY) == [
        MonthForecast("2026-11", 8_000.0, 2),  # A 5,000 + E 3,000 (slipped)
        MonthForecast("2026-12", 8_000.0, 2),  # B 6,000 + C 2,000
        MonthForecast("2027-01", 0.0, 0),
        MonthForecast("2027-02", 1_000.0, 1),  # D 20,000 × 5 %
    ]


def test_snapshot__keeps_the_months_forecast_for_judging_later() -> None:
    assert snapshot(PIPELINE, S, TODAY) == {
        "taken_on": "2026-11-20",
        "months": {"2026-11": 8_000.0, "2026-12": 8_000.0, "2027-01": 0.0, "2027-02": 1_000.0},
    }


def test_accuracy__actual_won_over_the_forecast_made_at_the_start_of_the_month() -> None:
    october_snapshot = {"taken_on": "2026-10-01", "months": {"2026-10": 10_000.0}}
    actual = actual_won(PIPELINE, "2026-10")  # K 4,500 + L 4,000
    assert actual == 8_500.0
    assert accuracy(october_snapshot["months"]["2026-10"], actual) == 0.85
    assert actual_won(PIPELINE, "2026-11") == 12_000.0  # G
    assert accuracy(None, 500.0) is None and accuracy(0.0, 500.0) is None


def test_add_months__crosses_years() -> None:
    assert [add_months("2026-11", n) for n in (0, 1, 2, 3, -11)] == [
        "2026-11",
        "2026-12",
        "2027-01",
        "2027-02",
        "2025-12",
    ]


LEADS = [
    lead(id="rec1", lead_source="Referral", created_date=date(2026, 10, 5), status="Converted"),
    lead(id="rec2", lead_source="Referral", created_date=date(2026, 10, 20), status="Engaged"),
    lead(id="rec3", lead_source="Referral", created_date=date(2026, 11, 2), status="Converted"),
    lead(id="rec4", lead_source="Website", created_date=date(2026, 10, 8), status="Lost"),
    lead(id="rec5", lead_source="Website", created_date=date(2026, 11, 15), status="New"),
    lead(id="rec6", lead_source="Website", created_date=date(2026, 11, 16), status="Converted"),
    lead(id="rec7", lead_source="Website", created_date=date(2026, 11, 17), status="Contacted"),
    lead(
        id="rec8", lead_source="LinkedIn", created_date=date(2026, 9, 30), status="Converted"
    ),  # before the period
    lead(id="rec9", lead_source=None, created_date=date(2026, 11, 1), status="New"),
    lead(
        id="rec10", lead_source="Networking Event", created_date=date(2026, 12, 1), status="Converted"
    ),  # after
]


def test_conversion_by_source__october_and_november() -> None:
    got = conversion_by_source(LEADS, date(2026, 10, 1), date(2026, 12, 1))
    assert {k: (v.total, v.hits) for k, v in got.items()} == {
        "Referral": (3, 2),  # 1, 2, 3; converted 1 and 3
        "Unknown": (1, 0),  # 9
        "Website": (4, 1),  # 4, 5, 6, 7; converted 6
    }
    assert round(got["Referral"].rate, 3) == 0.667 and got["Website"].rate == 0.25


def test_conversion_by_month__cohorts_by_month_created() -> None:
    got = conversion_by_month(LEADS, ["2026-09", "2026-10", "2026-11", "2026-12", "2027-01"])
    assert {k: (v.total, v.hits) for k, v in got.items()} == {
        "2026-09": (1, 1),  # 8
        "2026-10": (3, 1),  # 1, 2, 4
        "2026-11": (5, 2),  # 3, 5, 6, 7, 9
        "2026-12": (1, 1),  # 10
        "2027-01": (0, 0),
    }
    assert got["2027-01"].rate is None


HISTORIES = [
    deal(
        id="recP",
        pipeline_stage="Closed Won",
        stage_history="\n".join(
            [
                "2026-11-01T09:00Z Lead",
                "2026-11-03T09:00Z Prospect",
                "2026-11-08T09:00Z Qualified",
                "2026-11-10T09:00Z Proposal",
                "2026-11-20T09:00Z Closed Won",
            ]
        ),
    ),
    deal(
        id="recQ",
        pipeline_stage="Closed Lost",
        stage_history="\n".join(
            [
                "2026-10-01T09:00Z Qualified",
                "2026-10-11T09:00Z Proposal",
                "2026-10-15T09:00Z Negotiation",
                "2026-10-20T09:00Z Closed Lost",
            ]
        ),
    ),
    deal(
        id="recR",
        pipeline_stage="Closed Lost",
        stage_history="\n".join(
            ["2026-10-05T09:00Z Lead", "2026-10-09T09:00Z Qualified", "2026-10-19T09:00Z Closed Lost"]
        ),
    ),
    deal(
        id="recS",
        pipeline_stage="Proposal",
        stage_history="\n".join(["2026-11-10T09:00Z Prospect", "2026-11-12T09:00Z Proposal"]),
    ),
    deal(id="recT", pipeline_stage="Lead"),  # no history yet: ignored
]


def test_stage_conversion__entered_and_went_further() -> None:
    got = stage_conversion(HISTORIES)
    assert {k: (v.total, v.hits) for k, v in got.items()} == {
        "Lead": (2, 2),  # P, R (S began at Prospect)
        "Prospect": (3, 3),  # P, R (skipped it), S
        "Qualified": (4, 3),  # P, Q, S went on; R was lost there
        "Proposal": (2, 2),  # P, Q; S is still in Proposal (no verdict)
        "Negotiation": (2, 1),  # P skipped it to Won; Q was lost there
    }


def test_average_days_per_stage__completed_stays_only() -> None:
    assert average_days_per_stage(HISTORIES) == {
        "Lead": (3.0, 2),  # P 2, R 4
        "Prospect": (3.5, 2),  # P 5, S 2
        "Qualified": (7.3, 3),  # P 2, Q 10, R 10 → 22 / 3
        "Proposal": (7.0, 2),  # P 10, Q 4 (S still there)
        "Negotiation": (5.0, 1),  # Q 5
    }


def test_weighted_forecast__a_negative_value_or_a_lost_deal_with_an_override_adds_nothing() -> None:
    deals = [
        deal(id="recN1", pipeline_stage="Proposal", deal_value=4_000, expected_close=date(2026, 11, 25)),
        deal(id="recN2", pipeline_stage="Proposal", deal_value=-5_000, expected_close=date(2026, 11, 25)),
        deal(
            id="recN3",
            pipeline_stage="Closed Lost",
            deal_value=9_000,
            probability_override=0.6,
            expected_close=date(2026, 11, 25),
        ),
    ]
    first = weighted_forecast(deals, S, TODAY)[0]
    assert (first.month, first.weighted, first.deals) == ("2026-11", 2_000.0, 1)  # 4,000 × 50 %


def test_actual_won__a_negative_value_is_left_out() -> None:
    won = dict(pipeline_stage="Closed Won", actual_close=date(2026, 11, 3))
    deals = [deal(id="recW1", deal_value=3_000, **won), deal(id="recW2", deal_value=-3_000, **won)]
    assert actual_won(deals, "2026-11") == 3_000.0


def test_actual_won__a_won_deal_without_actual_close_counts_in_the_month_it_entered_closed_won() -> None:
    from datetime import UTC, datetime

    deals = [
        deal(id="recW3", pipeline_stage="Closed Won", deal_value=2_000,
             stage_changed_at=datetime(2026, 10, 20, 10, 0, tzinfo=UTC)),  # won in October, no Actual Close
        deal(id="recW4", pipeline_stage="Proposal", deal_value=9_000,
             stage_changed_at=datetime(2026, 10, 21, 10, 0, tzinfo=UTC)),  # open: nothing won
    ]  # fmt: skip
    assert actual_won(deals, "2026-10") == 2_000.0


def test_actual_won__without_actual_close_the_business_day_it_was_won_counts_not_utcs() -> None:
    """Won at 20:00 on 31 October in New York (1 November in UTC): October's actual, in the coach's zone."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    at = datetime(2026, 10, 31, 20, 0, tzinfo=ny).astimezone(ZoneInfo("UTC"))
    won = deal(id="recW5", pipeline_stage="Closed Won", deal_value=3_000, stage_changed_at=at)
    assert (actual_won([won], "2026-10", ny), actual_won([won], "2026-11", ny)) == (3_000.0, 0.0)


def test_conversion__a_lead_who_signed_after_unsubscribing_counts_as_converted() -> None:
    """Her Status stays Unsubscribed when her deal is won (the opt-out must survive); she became a client
    all the same, and the conversion rates say so."""
    from automation.leads.forecast import conversion_by_month, conversion_by_source
    from automation.models import Lead

    day = date(2026, 10, 5)
    leads = [
        Lead(id="recU", lead_source="Referral", status="Unsubscribed", created_date=day),
        Lead(id="recC", lead_source="Referral", status="Converted", created_date=day),
        Lead(id="recN", lead_source="Referral", status="Unsubscribed", created_date=day),
    ]
    by_source = conversion_by_source(leads, date(2026, 10, 1), date(2026, 11, 1), won_leads={"recU"})
    assert (by_source["Referral"].hits, by_source["Referral"].total) == (2, 3)
    assert conversion_by_month(leads, ["2026-10"], won_leads={"recU"})["2026-10"].hits == 2


def test_accuracy__a_negative_forecast_is_no_forecast() -> None:
    assert accuracy(-100.0, 100.0) is None


def test_conversion__a_lead_without_created_date_counts_on_its_business_day_not_its_utc_day() -> None:
    """Created at 23:30 on 31 October in New York is 03:30 on 1 November in UTC: the coach's October lead."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    ny = ZoneInfo("America/New_York")
    late = datetime(2026, 10, 31, 23, 30, tzinfo=ny).astimezone(ZoneInfo("UTC"))
    leads = [lead(id="recLATE", lead_source="Website", created_date=None, created_time=late, status="New")]
    by_month = conversion_by_month(leads, ["2026-10", "2026-11"], ny)
    assert {m: r.total for m, r in by_month.items()} == {"2026-10": 1, "2026-11": 0}
    assert conversion_by_source(leads, date(2026, 11, 1), date(2026, 12, 1), ny) == {}
    assert conversion_by_source(leads, date(2026, 10, 1), date(2026, 11, 1), ny)["Website"].total == 1


def test_stage_history_edited_by_hand__read_in_time_order_and_the_stage_it_is_in_now_was_entered() -> None:
    # The coach typed the forgotten Qualified line at the end, and the Closed Won line is missing: the deal
    # entered Qualified 21 Sep, Proposal 1 Oct, Negotiation 21 Oct, then was won.
    edited = deal(
        id="recU",
        pipeline_stage="Closed Won",
        stage_history="\n".join(
            ["2026-10-01T09:00Z Proposal", "2026-10-21T09:00Z Negotiation", "2026-09-21T09:00Z Qualified"]
        ),
    )
    got = stage_conversion([edited])
    assert {k: (v.total, v.hits) for k, v in got.items() if v.total} == {
        "Qualified": (1, 1),
        "Proposal": (1, 1),
        "Negotiation": (1, 1),  # won: it moved on
    }
    # Qualified 10 days, Proposal 20; Negotiation's stay has no end line, so it is not a completed stay.
    assert average_days_per_stage([edited]) == {"Qualified": (10.0, 1), "Proposal": (20.0, 1)}


def test_conversion__one_person_counted_once_and_spam_the_form_held_is_not_a_lead() -> None:
    """The coach reads a source's rate as "of the people who enquired this way, how many signed": a second
    record of the same person (Duplicate Of) is not a second enquirer, and a pitch the form held (stored as
    Lost with the hold's Next Action) is nobody's enquiry, so a week of spam does not halve the website's
    rate. A held one the coach released (Status New) and a lead she closed herself are leads."""
    from automation.leads.capture import RELEASE

    day = date(2026, 11, 10)
    web = dict(lead_source="Website", created_date=day)
    leads = [
        lead(id="recJO", status="Converted", **web),
        lead(id="recJO2", status="New", duplicate_of=["recJO"], **web),  # Jo again: no second lead
        lead(id="recAL", status="Engaged", **web),
        lead(id="recSPAM1", status="Lost", next_action=RELEASE, **web),
        lead(id="recSPAM2", status="Lost", next_action=RELEASE, **web),
        lead(id="recFREED", status="New", next_action=RELEASE, **web),  # released by the coach
        lead(id="recGONE", status="Lost", next_action="Chose another coach", **web),  # lost for real
        # Kim's deal was won on her later record: Kim, counted on her first record, became a client.
        lead(id="recKIM", status="Engaged", lead_source="Referral", created_date=day),
        lead(id="recKIM2", status="New", duplicate_of=["recKIM"], lead_source="Referral", created_date=day),
    ]
    by_source = conversion_by_source(leads, date(2026, 11, 1), date(2026, 12, 1), won_leads={"recKIM2"})
    assert {k: (v.total, v.hits) for k, v in by_source.items()} == {
        "Referral": (1, 1),  # Kim, won
        "Website": (4, 1),  # Jo (won), Al, the released one, the one lost for real
    }
    by_month = conversion_by_month(leads, ["2026-11"], won_leads={"recKIM2"})
    assert (by_month["2026-11"].total, by_month["2026-11"].hits) == (5, 2)
