"""Harbour Leadership (tests/demo/unseen_business2.py): a second business unlike the demo's, run through the
demo's real path, then the base it leaves checked the way its coach, associates and clients would read it.
Every expected value was written from the business's intent before the scenario was first run.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.billing.fake_stripe import FakeStripe
from tests.demo.unseen_business import (
    assert_nothing_doubled_stuck_or_failed,
    messages_of,
    money,
    run_day,
    table_fields,
    tier,
)
from tests.demo.unseen_business2 import (
    ASSOCIATES,
    CLIENTS,
    COACH,
    LOST_REASON,
    PHONE_LEAD,
    WEBSITE_FORM,
    HarbourDay,
    last_month,
    sydney,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    with FakeStripe() as stripe:
        return run_day(HarbourDay(tmp_path_factory.mktemp("harbour") / "day", stripe))


def _when(start, zone):
    """A time as a reader in `zone` should read it: her own clock, her zone named (as the emails write it)."""
    return start.astimezone(ZoneInfo(zone)).strftime("%a %-d %b, %H:%M")


# ---- leads ----


def test_the_website_lead_with_a_non_latin_name_is_kept_as_typed_and_greeted_by_it(day) -> None:
    assert day.ids["website_status"] == 202
    lead = table_fields(day, "Leads")[day.ids["website_lead"]]
    assert (lead["Name"], lead["Company"]) == (WEBSITE_FORM["name"], WEBSITE_FORM["company"])
    assert 1 <= lead["Lead Score"] <= 100 and lead["Score Tier"] == tier(lead["Lead Score"])
    (touch,) = [m for m in messages_of(day, "First Touch") if day.ids["website_lead"] in m.get("Lead", [])]
    assert touch["Recipient"] == WEBSITE_FORM["email"]
    assert WEBSITE_FORM["name"] in touch["Body"], touch["Body"][:200]
    (notice,) = [
        m for m in messages_of(day, "New Lead Notice") if day.ids["website_lead"] in m.get("Lead", [])
    ]
    assert notice["Recipient"] == COACH[1] and WEBSITE_FORM["name"] in notice["Subject"] + notice["Body"]
    for m in (touch, notice):  # the apostrophe and ampersands read as typed, never as HTML escapes
        assert not re.search(r"&#\d+;|&#x|&amp;|&quot;|&apos;", m["Subject"] + m["Body"]), m["Subject"]


def test_a_lead_with_only_a_phone_number_is_scored_and_the_next_step_is_a_call(day) -> None:
    lead = table_fields(day, "Leads")[day.ids["phone_lead"]]
    assert lead["Phone"] == PHONE_LEAD["Phone"] and not lead.get("Email")
    assert 1 <= lead["Lead Score"] <= 100 and lead["Score Tier"] == tier(lead["Lead Score"])
    assert re.search(r"\b(call|phone|ring)\b", lead.get("Next Action", ""), re.I), lead.get("Next Action")
    mine = [m for m in messages_of(day) if day.ids["phone_lead"] in m.get("Lead", [])]
    assert not [m for m in mine if m.get("Channel") == "Email" and m.get("Recipient") != COACH[1]], mine


# ---- deals ----


def test_the_deal_lost_with_its_reason_is_closed_at_zero_and_nobody_is_asked_why(day) -> None:
    deal = table_fields(day, "Deals")[day.ids["deal_lost"]]
    assert deal["Lost Reason"] == LOST_REASON
    assert (deal.get("Probability %"), money(deal.get("Weighted Value"))) == (0, 0)
    assert deal.get("Actual Close") == day.today.isoformat()
    assert not money(deal.get("Commission $"))
    asked = [m for m in messages_of(day, "Lost Reason Request") if day.ids["deal_lost"] in m.get("Deal", [])]
    assert not asked, [m["Subject"] for m in asked]
    # Written first as "Lost"; the expectation was wrong: a lost deal is not a lost person, and the lead
    # goes back to Nurture (automation/leads/status.py) so the practice keeps in touch for a later need.
    lead = table_fields(day, "Leads")[deal["Lead"][0]]
    assert lead["Status"] == "Nurture"


def test_the_reopened_deal_is_open_again_weighted_by_its_stage_and_the_coach_told_once(day) -> None:
    deal = table_fields(day, "Deals")[day.ids["deal_reopened"]]
    assert deal["Pipeline Stage"] == "Negotiation" and not deal.get("Actual Close")
    assert deal["Probability %"] == 0.75 and money(deal["Weighted Value"]) == Decimal("6000")
    checks = [
        m for m in messages_of(day, "Deal Stage Check") if day.ids["deal_reopened"] in m.get("Deal", [])
    ]
    assert len(checks) == 1 and "reopen" in (checks[0]["Subject"] + checks[0]["Body"]).lower(), checks
    assert checks[0]["Recipient"] == COACH[1] or checks[0].get("Channel") == "Slack"
    assert table_fields(day, "Leads")[deal["Lead"][0]]["Status"] not in ("Lost", "Converted")


# ---- clients ----


def test_the_client_paused_then_resumed_has_both_days_on_record(day) -> None:
    assert day.seen["paused"]["Status"] == "Paused"
    assert day.seen["paused"].get("Paused On") == day.today.isoformat()
    resumed = table_fields(day, "Clients")[day.ids["clients"]["priya"]]
    assert resumed["Status"] == "Active"
    assert resumed.get("Paused On") == resumed.get("Resumed On") == day.today.isoformat()


# ---- sessions ----


def _reminders(day, sid):
    return [m for m in messages_of(day, "Session Reminder") if sid in m.get("Session", [])]


def _due(start, zone, at=None):
    """Whether a client in `zone` is due her reminder now (or `at`): it comes the day before on her own
    calendar."""
    local = start.astimezone(ZoneInfo(zone)).date()
    return (at or datetime.now(ZoneInfo(zone))).astimezone(ZoneInfo(zone)).date() >= local - timedelta(days=1)


def _to(messages, email):
    return [m for m in messages if m.get("Recipient") == email]


def test_the_session_after_the_auckland_associates_midnight_is_read_on_each_ones_clock(day) -> None:
    start = sydney(day.today + timedelta(days=1), 22, 30)
    sid = day.ids["late_evening"]
    mine = [m for m in messages_of(day) if sid in m.get("Session", [])]
    # His reminder is due the day before on his own calendar: from 13:00 UTC Sydney is a day ahead of
    # London, and "tomorrow" in Sydney is the day after tomorrow for him (the scenario then runs a day early
    # for him: nothing yet, and that is right; the fourth unseen business found this test failing by hour).
    # The session's one invitation goes to all its people together, on the client's day.
    due = _due(start, "Europe/London", day.seen["reminders_at"])
    clients, hosts = _to(mine, CLIENTS["oliver"][1]), _to(mine, ASSOCIATES["mere"][1])
    assert (len(clients), len(hosts)) == ((1, 1) if due else (0, 0)), [m["Subject"] for m in mine]
    # Oliver in London reads the morning; Mere in Auckland reads 00:30 on the day after (summer time both)
    for client in clients:
        assert _when(start, "Europe/London") + " GMT" in client["Subject"], client["Subject"]
    for host in hosts:
        assert _when(start, "Pacific/Auckland") + " NZDT" in host["Subject"], host["Subject"]
    assert start.astimezone(ZoneInfo("Pacific/Auckland")).date() == start.date() + timedelta(days=1)


def test_the_late_cancellation_is_timed_and_both_told_on_their_own_clocks_with_a_named_zone(day) -> None:
    sid = day.ids["deborah_tomorrow"]
    s = table_fields(day, "Coaching Sessions")[sid]
    assert s["Status"] == "Cancelled"
    cancelled_at = datetime.fromisoformat(s["Cancelled At"].replace("Z", "+00:00"))
    start = sydney(day.today + timedelta(days=1), 11)
    assert timedelta(0) < start - cancelled_at < timedelta(hours=48)  # late: inside the 48 hours' notice
    mine = [m for m in messages_of(day) if sid in m.get("Session", [])]
    ran = day.seen["reminders_at"]  # Sydney time when the reminders ran
    for email, zone, label in ((CLIENTS["deborah"][1], "Australia/Perth", "AWST"),
                               (ASSOCIATES["weiling"][1], "Asia/Singapore", "UTC+8")):  # fmt: skip
        got = _to(mine, email)
        went = sorted(m["Subject"] for m in got if m.get("Status") == "Sent")
        # Deborah's reminder is due the day before on Perth's calendar (not yet from 13:00 to 16:00 UTC,
        # when Sydney is a day ahead of Perth), and the session's invitation goes to all its people on her
        # day; it is delivered from the business's reminder hour (07:00 Sydney): composed before it, it waits
        # queued, her cancellation withdraws it, and she never had it (16:00 to 20:00 UTC). Never invited,
        # neither gets a cancellation either.
        invited = _due(start, "Australia/Perth", ran) and ran.hour >= 7
        expected = ["Cancelled", "Reminder"] if invited else []
        assert [s.split(":")[0] for s in went] == expected, [(m["Subject"], m.get("Status")) for m in got]
        # 08:00 in Perth and in Singapore, the zone named, not "+08" (written first as "SGT": the tz database
        # has no abbreviation for Singapore and the code must not invent one; "UTC+8" reads as a zone)
        for subject in (m["Subject"] for m in got):
            assert f"{_when(start, zone)} {label}" in subject, subject


# What Jack's notes ask for (a word of each), who does it and by when (days from today, or "friday").
ACTIONS = {
    "comms plan": ("Client", "friday"),
    "2IC": ("Client", 0),
    "1:1 format": ("Client", 14),
    "Kotter": (("Associate", "Coach"), 1),  # "I'll" by the session's associate (who typed is not recorded)
}


def test_the_associates_australian_shorthand_becomes_dated_action_items(day) -> None:
    sid = day.ids["priya_today"]
    s = table_fields(day, "Coaching Sessions")[sid]
    assert s["Notes Status"] == "Drafted" and s.get("Notes Summary")
    items = [i["fields"] for i in day.final["Action Items"] if sid in i["fields"].get("Session", [])]
    # "this arvo", "tomorrow", "Fri" are said on the session's day in Sydney (three hours before the run,
    # so the day before when the run is just after midnight there), not the run's
    held = datetime.fromisoformat(s["Session Date"].replace("Z", "+00:00")).astimezone(
        ZoneInfo("Australia/Sydney")
    )
    base = held.date()
    friday = base + timedelta(days=(4 - base.weekday()) % 7)
    for word, (who, when) in ACTIONS.items():
        found = [i for i in items if word.lower() in i.get("Description", "").lower()]
        assert len(found) == 1, (word, [i.get("Description") for i in items])
        (item,) = found
        assert item.get("Assigned To") in ((who,) if isinstance(who, str) else who), item
        due = friday if when == "friday" else base + timedelta(days=when)
        assert item.get("Due Date") == due.isoformat(), (word, item.get("Due Date"), due)
    assert len(items) == len(ACTIONS), [i.get("Description") for i in items]
    for i in items:
        assert not re.search(r"\b(arvo|COB|Fri)\b", i.get("Description", "")), i["Description"]
    # "Next time: how the comms plan landed" is a topic for next time, not also one of today's outcomes
    assert "comms plan landed" not in (s.get("Key Outcomes") or ""), s.get("Key Outcomes")


# ---- billing ----


def test_month_end_invoices_with_gst_the_late_cancellation_and_the_no_show(day) -> None:
    period = last_month(day.today)[0].strftime("%Y-%m")
    invoices = {
        i["Client"][0]: i for i in table_fields(day, "Invoices").values() if i.get("Period") == period
    }
    deborah, oliver = (day.ids["clients"][k] for k in ("deborah", "oliver"))
    assert set(invoices) == {deborah, oliver}  # Priya had no session last month
    # Deborah: 2 held x 400 + the late cancellation at half (200) + the no-show in full (400) = 1,400;
    # the one on the 1st at 08:00 Sydney (the last day of the month before in UTC) is last month's.
    # GST 10 % 140; Wei Ling's 30 % of what her time earned 420.
    # Oliver: the retainer 1,800; GST 180; Mere's 30 % 540.
    for cid, amount, tax, total, cut, n in (
        (deborah, "1400", "140", "1540", "420", 4),
        (oliver, "1800", "180", "1980", "540", 2),
    ):
        inv = invoices[cid]
        got = [money(inv.get(k)) for k in ("Amount", "Tax Amount", "Total", "Associate Cut")]
        assert got == [Decimal(v) for v in (amount, tax, total, cut)], (inv.get("Invoice #"), got)
        assert len(inv.get("Sessions", [])) == n, inv.get("Lines")
    first = day.ids["past_sessions"][0]
    assert first in invoices[deborah]["Sessions"]
    numbers = sorted(int(re.sub(r"\D", "", i["Invoice #"])) for i in invoices.values())
    assert numbers == [numbers[0], numbers[0] + 1]


def test_the_invoices_stripe_sends_say_gst_the_abn_and_australian_dollars(day) -> None:
    # Written first against an Invoice email in Messages: with Stripe connected, Stripe sends the invoice
    # (tests/billing/test_stripe_http.py), so what the client reads is what was sent to Stripe.
    posts = day.stripe.posts()
    created = [
        p for path, p, _ in posts if path == "/v1/invoices" and "late_fee" not in p.get("metadata", {})
    ]
    assert len(created) == 2, created
    for p in created:
        assert p["currency"] == "aud" and p.get("footer") == "ABN: 51 824 753 556", p
    gst = sorted(
        int(p["amount"]) for path, p, _ in posts if path == "/v1/invoiceitems" and p["description"] == "GST"
    )
    assert gst == [14000, 18000]
    assert not [p for path, p, _ in posts if path == "/v1/invoiceitems" and "VAT" in p.get("description", "")]
    mailed = [m for m in messages_of(day, "Invoice") if m.get("Channel") == "Email"]
    assert not mailed, "Stripe sends the invoice: no second copy from us"


def test_the_invoice_past_its_grace_takes_one_late_fee_and_one_reminder(day) -> None:
    inv = table_fields(day, "Invoices")[day.ids["overdue_invoice"]]
    assert inv["Status"] == "Overdue"
    assert money(inv.get("Late Fees")) == Decimal("25") and money(inv["Total"]) == Decimal("465")
    reminders = [
        m for m in messages_of(day, "Payment Reminder") if day.ids["overdue_invoice"] in m.get("Invoice", [])
    ]
    assert len(reminders) == 1 and reminders[0]["Recipient"] == CLIENTS["priya"][1], reminders
    assert "HL-0007" in reminders[0]["Subject"] + reminders[0]["Body"]


def test_the_stripe_payment_and_partial_refund_are_recorded_once(day) -> None:
    assert day.replay["paid"] == [200, 200] and day.replay["refund"] == [200, 200]
    assert day.seen["paid"]["Status"] == "Paid" and day.seen["paid"]["Payment Date"] == day.today.isoformat()
    inv = table_fields(day, "Invoices")[day.ids["refunded_invoice"]]
    assert money(inv.get("Refunded")) == Decimal("500")
    assert len(re.findall(r"Refunded", inv.get("Notes", ""))) == 1, inv.get("Notes")
    oliver = table_fields(day, "Clients")[day.ids["clients"]["oliver"]]
    assert money(oliver.get("LTV")) == Decimal("1480")  # 1,980 paid less 500 given back
    notes = [m for m in messages_of(day) if m.get("Subject", "").startswith("Refund")]
    assert len(notes) == 1, [m["Subject"] for m in notes]


# ---- reports and the whole day ----


def test_reports_go_to_this_coach_once(day) -> None:
    weekly = [m for m in messages_of(day, "Weekly Report") if m.get("Channel") == "Email"]
    assert len(weekly) == 1 and weekly[0]["Recipient"] == COACH[1], weekly
    assert "€" not in weekly[0]["Body"] and "£" not in weekly[0]["Body"]
    briefs = [m for m in messages_of(day, "Daily Brief") if m.get("Channel") == "Email"]
    assert briefs and {m["Recipient"] for m in briefs} == {COACH[1]}


def test_nothing_doubled_stuck_or_failed_and_airtable_never_said_429(day) -> None:
    assert_nothing_doubled_stuck_or_failed(day)
