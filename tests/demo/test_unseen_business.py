"""Cabinet Marchetti (tests/demo/unseen_business.py): a business unlike the demo's, run through the demo's
real path, then the base it leaves checked the way its coach would. Expected values come from the rules'
intent (DESIGN §6: tiers, invoices, commissions; §2: exactly once, nothing silent), worked out by hand.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.demo.unseen_business import (
    ASSOCIATES,
    CLIENTS,
    COACH,
    CONFERENCE,
    DUPLICATE_ROWS,
    UnseenDay,
    assert_nothing_doubled_stuck_or_failed,
    conference_rows,
    last_month,
    messages_of,
    run_day,
    table_fields,
    tier,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    return run_day(UnseenDay(tmp_path_factory.mktemp("unseen") / "day"))


def _norm(email):
    return email.strip().lower()


def test_every_lead_is_stored_once_scored_and_tiered_by_the_cut_offs(day) -> None:
    leads = table_fields(day, "Leads")
    # 1 seeded + 30 from the conference + 1 new from the website + 1 referral; Bartholomew's form adds none.
    assert len(leads) == 33, sorted(f.get("Name") for f in leads.values())
    conference = [f for f in leads.values() if f.get("Source Detail") == CONFERENCE]
    assert len(conference) == 30
    for f in leads.values():
        if f.get("Status") == "Converted":
            continue
        assert isinstance(f.get("Lead Score"), int | float) and 1 <= f["Lead Score"] <= 100, f.get("Name")
        assert f.get("Score Tier") == tier(f["Lead Score"]), (f.get("Name"), f.get("Score Tier"))
        assert f.get("Score Breakdown")
    bart = _norm(conference_rows()[1]["Email"])
    assert [_norm(f["Email"]) for f in leads.values()].count(bart) == 1
    assert day.ids["website_status"] == [202, 202]


def test_the_conference_import_is_announced_to_the_coach_in_a_few_emails_not_thirty(day) -> None:
    conference = set(day.ids["conference"])
    notices = [m for m in messages_of(day, "New Lead Notice") if conference & set(m.get("Lead", []))]
    # three import requests, each one change of ten leads: an email per change, not one per lead
    assert 1 <= len(notices) <= 6, [m.get("Subject") for m in notices]
    assert all(m.get("Recipient") == COACH[1] and m.get("Status") == "Sent" for m in notices)
    announced = {lead for m in notices for lead in m.get("Lead", [])}
    assert len(announced) >= len(conference) - 1  # the same person twice is announced once


def test_the_same_person_twice_is_flagged_and_not_emailed_twice(day) -> None:
    leads = table_fields(day, "Leads")
    first, second = (day.ids["conference"][k] for k in DUPLICATE_ROWS)
    assert leads[second].get("Duplicate Of") == [first]
    assert not leads[first].get("Duplicate Of")
    for m in messages_of(day):
        assert second not in m.get("Lead", []) or m.get("Status") != "Sent", m.get("Subject")


def test_the_referral_typed_by_hand_is_cleaned_and_its_first_touch_sent_to_it(day) -> None:
    lead = table_fields(day, "Leads")[day.ids["referral"]]
    assert (lead["Name"], lead["Email"]) == ("Jean-Baptiste D'Aubigné", "jb.daubigne@vins-daubigne.example")
    (touch,) = [m for m in messages_of(day, "First Touch") if day.ids["referral"] in m.get("Lead", [])]
    assert touch["Status"] == "Sent" and touch["Recipient"] == lead["Email"]


def test_the_renewal_won_for_an_existing_client_makes_no_second_client(day) -> None:
    clients = table_fields(day, "Clients")
    assert len(clients) == 2, [c.get("Name") for c in clients.values()]
    deal = table_fields(day, "Deals")[day.ids["renewal"]]
    assert deal["Client"] == [day.ids["clients"]["amelie"]]
    assert deal["Weighted Value"] == 6400
    assert Decimal(str(deal["Commission $"])) == Decimal("1600.00")  # 25 % of 6,400 (Ana-Lucía closed it)
    assert deal.get("Actual Close") == day.today.isoformat()


def test_the_client_of_the_associate_who_left_has_another_and_that_one_is_told(day) -> None:
    tomas = day.ids["associates"][0]
    client = table_fields(day, "Clients")[day.ids["clients"]["amelie"]]
    (new,) = client["Associate"]
    assert new != tomas and not client.get("Reassign Associate")
    associates = table_fields(day, "Associates")
    email = associates[new]["Email"]
    told = [m for m in messages_of(day, "Associate Assignment") if m.get("Recipient") == email]
    assert [m["Status"] for m in told] == ["Sent"], told
    assert not associates[tomas].get("Client Load")


# What each set of notes asks for (a word of each), and who does it; the rest of the notes is context.
ACTIONS = {
    "ngozi": {"1:1s": "Client", "non-negotiables": "Client", "TKI": "Coach"},
    "amelie": {"org chart": "Client", "handover date": "Client"},
}


def _items_of(day, key):
    sid = day.ids["today_sessions"][key]
    return [i["fields"] for i in day.final["Action Items"] if sid in i["fields"].get("Session", [])]


def _asked(key, item):
    return any(word.lower() in item.get("Description", "").lower() for word in ACTIONS[key])


def test_held_sessions_have_drafted_notes_items_and_an_email_to_the_client(day) -> None:
    sessions = table_fields(day, "Coaching Sessions")
    clients = table_fields(day, "Clients")
    for key, actions in ACTIONS.items():
        sid = day.ids["today_sessions"][key]
        s = sessions[sid]
        assert s["Notes Status"] == "Drafted" and s.get("Notes Summary"), key
        mine = _items_of(day, key)
        for word, who in actions.items():
            (item,) = [i for i in mine if word.lower() in i.get("Description", "").lower()]
            assert item.get("Assigned To") == who and item.get("Status") == "Open", item
            assert item.get("Client") == s["Client"]
        (email,) = [m for m in messages_of(day, "Session Notes") if sid in m.get("Session", [])]
        assert email["Status"] == "Draft" and email["Recipient"] == clients[s["Client"][0]]["Email"]
    # "by Friday", "before next Tuesday", "tomorrow": each of Ngozi's actions has a date.
    dated = [i for i in _items_of(day, "ngozi") if _asked("ngozi", i)]
    assert all(i.get("Due Date") for i in dated), dated


def test_only_the_actions_the_notes_ask_for_become_action_items(day) -> None:
    for key in ACTIONS:
        assert all(_asked(key, i) for i in _items_of(day, key)), [
            i.get("Description") for i in _items_of(day, key)
        ]


def test_the_overdue_item_is_chased_once_to_the_client(day) -> None:
    ngozi = CLIENTS["ngozi"][1]
    chased = [m for m in messages_of(day, "Action Item Reminder") if m.get("Recipient") == ngozi]
    assert len(chased) == 1 and "depot rota" in chased[0]["Body"], chased


def test_month_end_invoices_hand_computed_and_the_stripe_payment_once(day) -> None:
    invoices = {i["Client"][0]: i for i in table_fields(day, "Invoices").values()}
    amelie, ngozi = (day.ids["clients"][k] for k in ("amelie", "ngozi"))
    assert set(invoices) == {amelie, ngozi}
    period = last_month(day.today)[0].strftime("%Y-%m")
    # Amélie: 3 sessions x 475 = 1,425; 20 % VAT 285; associates: 2 x 475 x 35 % + 475 x 30 % = 475.
    # Ngozi: the retainer 2,150; VAT 430; Zoë delivered both sessions: 30 % of 2,150 = 645.
    for cid, amount, tax, total, cut, n in (
        (amelie, "1425", "285", "1710", "475", 3),
        (ngozi, "2150", "430", "2580", "645", 2),
    ):
        inv = invoices[cid]
        got = [Decimal(str(inv.get(k, 0))) for k in ("Amount", "Tax Amount", "Total", "Associate Cut")]
        assert got == [Decimal(v) for v in (amount, tax, total, cut)], (inv.get("Invoice #"), got)
        assert inv["Period"] == period and len(inv.get("Sessions", [])) == n
    numbers = sorted(int(re.sub(r"\D", "", i["Invoice #"])) for i in invoices.values())
    assert numbers == [numbers[0], numbers[0] + 1]
    paid = invoices[amelie]
    assert paid["Status"] == "Paid" and paid.get("Payment Date") == day.today.isoformat()
    assert day.replay["answers"] == [200, 200] and day.replay["after"][0] == day.replay["after"][1]
    assert Decimal(str(table_fields(day, "Clients")[amelie].get("LTV"))) == Decimal("1710")
    sessions = table_fields(day, "Coaching Sessions")
    assert {sessions[s].get("Invoice Status") for s in paid["Sessions"]} == {"Paid"}
    emails = {c["Email"] for c in table_fields(day, "Clients").values()}
    for m in messages_of(day, "Invoice"):
        assert m["Recipient"] in emails


def test_reports_go_to_this_coach_and_client_mail_to_the_linked_client(day) -> None:
    for kind in ("Daily Brief", "Weekly Report"):
        mails = [m for m in messages_of(day, kind) if m.get("Channel") == "Email"]
        assert mails and {m["Recipient"] for m in mails} == {COACH[1]}, kind
    clients = table_fields(day, "Clients")
    for m in messages_of(day):
        to_client = m.get("Kind") in ("Session Notes", "Invoice", "Action Item Reminder")
        if to_client and m.get("Client") and m.get("Recipient") != COACH[1]:
            assert m["Recipient"] == clients[m["Client"][0]]["Email"], m.get("Subject")
    associates = {a[1] for a in ASSOCIATES}
    for m in messages_of(day, "Associate Assignment"):
        assert m["Recipient"] in associates
    assert not [m for m in messages_of(day) if m.get("Recipient", "").strip() != m.get("Recipient", "")]


def test_nothing_doubled_stuck_or_failed_and_airtable_never_said_429(day) -> None:
    assert_nothing_doubled_stuck_or_failed(day)
