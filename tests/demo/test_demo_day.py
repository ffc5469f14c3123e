"""The day `make demo` tells, run here exactly as the demo runs it (scripts.demo.Demo: the local server with
Airtable's limit and penalty, the app under uvicorn, the webhook, the coach's edits over HTTP), then the base
it leaves checked: so the demo cannot rot. Expected values come from what each step is for, not from a run.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

import pytest

from scripts.demo import Demo


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    var = tmp_path_factory.mktemp("demo")
    demo = Demo(argparse.Namespace(base_port=0, app_port=0, var=str(var / "demo"), no_wait=True))
    try:
        demo.run()
    finally:
        demo.stop()
    return demo


def _by_id(day, table):
    return {r["id"]: r["fields"] for r in day.final[table]}


def _messages(day, kind, **links):
    return [
        m["fields"]
        for m in day.final["Messages"]
        if m["fields"].get("Kind") == kind
        and all(rid in m["fields"].get(link, []) for link, rid in links.items())
    ]


def test_every_lead_is_scored_once_whichever_way_it_came(day) -> None:
    leads = _by_id(day, "Leads")
    emails = Counter(f.get("Email") for f in leads.values())
    assert not [e for e, n in emails.items() if n > 1], "a lead was stored twice"
    assert all(isinstance(f.get("Lead Score"), int | float) and f.get("Score Tier") for f in leads.values())
    web, form, referral = (leads[day.facts[k]] for k in ("website_lead", "form_lead", "referral_lead"))
    assert web["Email"] == "morgan.lee@brightpath-health.example" and web["Lead Source"] == "Website"
    assert form["Email"] == "anika.patel@atlas-logistics.example"  # a formSubmission is processed too
    assert (referral["Name"], referral["Email"]) == ("Jordan Avery", "jordan.avery@northwind-capital.example")
    # The title corrected to a C-level one: fit is worth more than a VP's, so the score went up.
    assert referral["Title"] == "Chief People Officer" and "C-level" in referral["Score Breakdown"]
    for lead in (web, form, referral):
        assert lead.get("Next Action") and lead.get("Follow-up Due")


def test_the_referral_first_touch_was_approved_and_left_once(day) -> None:
    (touch,) = _messages(day, "First Touch", Lead=day.facts["referral_lead"])
    assert touch["Status"] == "Sent" and touch["Recipient"] == "jordan.avery@northwind-capital.example"
    sent = [json.loads(p.read_text()) for p in day.outbox.rglob("*.json")]
    assert [m for m in sent if m.get("subject") == touch["Subject"]], "not in the outbox"
    for lead in ("website_lead", "form_lead"):  # drafts for Sarah, not sent on their own
        assert {m["Status"] for m in _messages(day, "First Touch", Lead=day.facts[lead])} <= {"Draft"}


def test_the_won_deal_is_a_client_with_the_approved_associate(day) -> None:
    deal = _by_id(day, "Deals")[day.facts["deal"]]
    client_id = day.facts["client"]
    assert deal["Pipeline Stage"] == "Closed Won" and deal["Client"] == [client_id]
    assert deal["Weighted Value"] == deal["Deal Value"]  # won: probability 100 %
    client = _by_id(day, "Clients")[client_id]
    assert client["Status"] == "Active" and client["Associate"] == [day.facts["associate"]]
    (proposal,) = _messages(day, "Associate Proposal", Client=client_id)
    assert proposal["Status"] == "Sent" and proposal["Associate"] == client["Associate"]
    associate = _by_id(day, "Associates")[day.facts["associate"]]
    (note,) = [
        m
        for m in _messages(day, "Associate Assignment", Associate=day.facts["associate"])
        if client["Name"] in m["Subject"]
    ]
    assert note["Recipient"] == associate["Email"] and note["Status"] == "Sent"
    if deal.get("Lead"):
        assert _by_id(day, "Leads")[deal["Lead"][0]]["Status"] == "Converted"


def test_the_booking_is_one_scheduled_session_with_that_associate(day) -> None:
    sessions = _by_id(day, "Coaching Sessions")
    booked = sessions[day.facts["booked_session"]]
    assert booked["Status"] == "Scheduled" and booked["Client"] == [day.facts["client"]]
    assert booked["Associate"] == [day.facts["associate"]] and booked.get("Booking Ref")
    refs = Counter(f.get("Booking Ref") for f in sessions.values() if f.get("Booking Ref"))
    assert refs[booked["Booking Ref"]] == 1
    client = _by_id(day, "Clients")[day.facts["client"]]
    assert client.get("Next Session Date", "")[:10] == booked["Session Date"][:10]


def test_held_sessions_have_notes_items_and_the_approved_email(day) -> None:
    sessions = _by_id(day, "Coaching Sessions")
    items = [f for f in day.final["Action Items"]]
    first, second = day.facts["held_sessions"]
    # The first notes name two things the client will do and one the coach will; the second, two (and
    # "Pre-work was done." after its list is a report, not a third).
    for sid, expected in ((first, 3), (second, 2)):
        s = sessions[sid]
        assert s["Status"] == "Completed" and s.get("Notes Summary")
        mine = [i["fields"] for i in items if sid in i["fields"].get("Session", [])]
        assert len(mine) == expected, (s["Name"], [i.get("Description") for i in mine])
        assert all(i.get("Status") == "Open" and i.get("Client") == s["Client"] for i in mine)
    # "by Friday", "from next week", "tomorrow": each of the first session's items has a due date.
    assert all(i["fields"].get("Due Date") for i in items if first in i["fields"].get("Session", []))
    assert any("decision-rights grid" in i["fields"].get("Description", "") for i in items)
    assert sessions[first]["Notes Status"] == "Sent" and sessions[first].get("Notes Sent") is True
    assert sessions[second]["Notes Status"] == "Drafted"
    (email,) = _messages(day, "Session Notes", Session=first)
    assert email["Status"] == "Sent" and 0 < email["Edit Ratio"] < 0.5 and "See you soon!" in email["Body"]


def test_the_crons_ran_and_nothing_failed_or_doubled(day) -> None:
    runs = [r["fields"] for r in day.final["Automation Runs"]]
    assert not [r for r in runs if r.get("Outcome") == "Failed"], [r.get("Error") for r in runs]
    jobs = {r.get("Job") for r in runs}
    # The demo's history is consistent with its own billing rules: its billing run has nothing to name.
    billing = [r for r in runs if r.get("Job") == "billing-daily"]
    assert [r.get("Outcome") for r in billing] == ["Success"], [r.get("Details") for r in billing]
    for job in ("leads-daily", "health-daily", "billing-daily", "daily-brief", "weekly-report"):
        assert job in jobs, f"no run record of {job}"
    assert _messages(day, "Daily Brief") and _messages(day, "Weekly Report")
    keys = Counter(m["fields"].get("Dedupe Key") for m in day.final["Messages"])
    assert not [k for k, n in keys.items() if k and n > 1]
    clients = _by_id(day, "Clients")
    active = [c for c in clients.values() if c.get("Status") == "Active"]
    assert all(isinstance(c.get("Health Score"), int | float) for c in active)
    statuses = Counter(m["fields"].get("Status") for m in day.final["Messages"])
    assert not statuses.keys() - {"Sent", "Draft", "Cancelled", "Approved"}, statuses  # none stuck Sending
    assert statuses["Sent"] >= 10


def test_every_printed_link_answers(day) -> None:
    assert set(day.facts["links"]) >= {"Look at the data", "The app", "Dashboard", "Associate page"}
    assert all(status == 200 for status in day.facts["links"].values()), day.facts["links"]
