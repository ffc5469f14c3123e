"""The two leads routes end to end: the app under uvicorn, the local server as Airtable."""

from __future__ import annotations

import json

import requests

from tests.events.harness import wait_for
from tests.leads.http_world import LEADS_CATALOG
from tests.leads.test_replies_parse import multipart

FORM = {
    "name": "Priya Shah",
    "email": "Priya@Fintech.example",
    "company": "Fintech",
    "title": "COO",
    "company_size": "200-999",
    "industry": "Financial Services",
    "timeline": "1-3 months",
    "message": "Looking for coaching for our new leadership team",
    "source_detail": "/contact",
    "website": "",
}


def _leads(world, email: str) -> list[dict]:
    return [r for r in world.table("Leads").all() if r["fields"].get("Email") == email]


def test_website_form__one_lead_scored_with_a_first_touch_draft_and_no_duplicate_on_resend(e2e_world) -> None:
    url = e2e_world.apps[0].url + "/api/leads"
    for _ in range(2):
        r = requests.post(url, json=FORM, headers={"x-real-ip": "203.0.113.7"}, timeout=30)
        assert (r.status_code, r.json()) == (202, {"status": "received"})
    (lead,) = _leads(e2e_world, "priya@fintech.example")
    f = lead["fields"]
    assert (f["Lead Source"], f["Source Detail"], f["Status"], f["Score Tier"]) == (
        "Website",
        "/contact",
        "New",
        "Warm",
    )
    assert f["Notes"].count("website enquiry (/contact)") == 2 and f["Next Action"] and f["Follow-up Due"]
    drafts = [
        m["fields"] for m in e2e_world.table("Messages").all() if lead["id"] in m["fields"].get("Lead", [])
    ]
    assert [(d["Kind"], d["Status"]) for d in drafts] == [("First Touch", "Draft")]


def test_website_form__answers_in_her_own_words_are_taken_and_kept(e2e_world) -> None:
    """ "How did you hear about us?" and "When would you like to start?" as free text: the enquiry is stored,
    scored and drafted for like any other; the words no choice names are kept for the coach."""
    form = {**FORM, "email": "noor@fintech.example", "source": "Your book", "timeline": "after our merger"}
    r = requests.post(e2e_world.apps[0].url + "/api/leads", json=form, timeout=30)
    assert (r.status_code, r.json()) == (202, {"status": "received"})
    (lead,) = _leads(e2e_world, "noor@fintech.example")
    f = lead["fields"]
    assert (f["Lead Source"], f["Source Detail"], f["Timeline"]) == (
        "Other",
        "Your book (/contact)",
        "Unknown",
    )
    assert "start: after our merger" in f["Notes"] and f["Score Tier"] and f["Next Action"]


def test_website_form__bad_email_is_a_clear_400_and_nothing_is_stored(e2e_world) -> None:
    r = requests.post(e2e_world.apps[0].url + "/api/leads", json={**FORM, "email": "priya@"}, timeout=30)
    assert r.status_code == 400 and r.json() == {"error": "email: not a valid email address"}
    assert _leads(e2e_world, "priya@") == []


def test_inbound_reply__recorded_on_the_lead_sequence_paused_coach_alerted(e2e_world) -> None:
    from tests.leads.e2e_world import INBOUND_SECRET

    leads = e2e_world.table("Leads")
    rec = leads.create(
        {"Name": "Rob Reply", "Email": "rob@reply.example", "Title": "Director", "Lead Source": "LinkedIn"}
    )
    wait_for(lambda: leads.get(rec["id"])["fields"].get("Nurture Sequence"), timeout=20, what="nurture set")
    ct, body = multipart(
        {
            "from": "Rob Reply <Rob@Reply.example>",
            "subject": "Re: Thank you",
            "text": "Happy to talk on Monday.\n\nOn Fri Sarah wrote:\n> hello",
            "headers": "Message-ID: <rob-1@reply.example>\nFrom: Rob@Reply.example",
        }
    )
    url = e2e_world.apps[0].url + "/api/webhooks/sendgrid-inbound"
    assert (
        requests.post(url + "?secret=wrong", data=body, headers={"content-type": ct}, timeout=30).status_code
        == 401
    )
    for expected in ("recorded", "duplicate"):
        r = requests.post(
            f"{url}?secret={INBOUND_SECRET}", data=body, headers={"content-type": ct}, timeout=30
        )
        assert r.status_code == 200 and r.json()["status"] == expected
    f = leads.get(rec["id"])["fields"]
    assert (f["Replies"], f["Status"], f["Nurture Sequence"]) == (1, "Engaged", "Paused")
    assert f["Next Action"].startswith("Reply to Rob Reply")
    wait_for(
        lambda: [p for p in e2e_world.outbox() if "Happy to talk on Monday." in p.read_text()],
        timeout=20,
        what="reply alert in the outbox",
    )


def test_inbound_reply__try_me_in_march_sets_the_follow_up_to_march_and_the_alert_says_so(e2e_world) -> None:
    """Over HTTP, on the app's own clock: "in March" is the coming 1 March (next year's once March began)."""
    from datetime import UTC, date, datetime

    from tests.leads.e2e_world import INBOUND_SECRET

    leads = e2e_world.table("Leads")
    rec = leads.create(
        {"Name": "Mia Later", "Email": "mia@later.example", "Title": "Director", "Lead Source": "LinkedIn"}
    )
    wait_for(lambda: leads.get(rec["id"])["fields"].get("Nurture Sequence"), timeout=20, what="nurture set")
    ct, body = multipart(
        {
            "from": "Mia Later <mia@later.example>",
            "subject": "Re: Thank you",
            "text": "Not right now, but try me again in March.\n\nOn Fri Sarah wrote:\n> Talk in May?",
            "headers": "Message-ID: <mia-1@later.example>\nFrom: mia@later.example",
        }
    )
    url = e2e_world.apps[0].url + "/api/webhooks/sendgrid-inbound?secret=" + INBOUND_SECRET
    r = requests.post(url, data=body, headers={"content-type": ct}, timeout=30)
    assert r.status_code == 200 and r.json()["status"] == "recorded"
    today = datetime.now(UTC).date()
    march = date(today.year + (today.month >= 3), 3, 1).isoformat()
    f = leads.get(rec["id"])["fields"]
    assert (f["Replies"], f["Nurture Sequence"], f["Follow-up Due"]) == (1, "Paused", march)
    assert f"asked to hear again from {march}" in f["Next Action"]
    wait_for(
        lambda: [
            p
            for p in e2e_world.outbox()
            if f"Understood: they asked to hear again from {march}" in p.read_text()
        ],
        timeout=20,
        what="the reply alert says the date understood",
    )


def test_inbound_reply__an_out_of_office_neither_pauses_nor_alerts(e2e_world) -> None:
    from tests.leads.e2e_world import INBOUND_SECRET

    leads = e2e_world.table("Leads")
    rec = leads.create(
        {"Name": "Olga Away", "Email": "olga@away.example", "Title": "Director", "Lead Source": "LinkedIn"}
    )
    wait_for(lambda: leads.get(rec["id"])["fields"].get("Nurture Sequence"), timeout=20, what="nurture set")
    before = leads.get(rec["id"])["fields"]
    ct, body = multipart(
        {
            "from": "Olga Away <olga@away.example>",
            "subject": "Automatic reply: Thank you",
            "text": "I am out of the office until Monday with limited access to email.",
            "headers": "Message-ID: <olga-1@away.example>\nAuto-Submitted: auto-replied",
        }
    )
    url = e2e_world.apps[0].url + "/api/webhooks/sendgrid-inbound?secret=" + INBOUND_SECRET
    r = requests.post(url, data=body, headers={"content-type": ct}, timeout=30)
    assert r.status_code == 200 and r.json()["status"] == "ignored"
    after = leads.get(rec["id"])["fields"]
    assert (after.get("Replies"), after.get("Status"), after.get("Nurture Sequence")) == (
        before.get("Replies"),
        before.get("Status"),
        before.get("Nurture Sequence"),
    )
    assert not [
        m
        for m in e2e_world.table("Messages").all()
        if m["fields"].get("Kind") == "Reply Alert" and rec["id"] in m["fields"].get("Lead", [])
    ]


def test_inbound_reply__a_verified_email_without_a_sender_is_skipped_and_recorded(e2e_world) -> None:
    from tests.leads.e2e_world import INBOUND_SECRET

    ct, body = multipart({"from": "<", "subject": "Hi", "text": "Hello", "envelope": '["not", "an object"]'})
    url = e2e_world.apps[0].url + "/api/webhooks/sendgrid-inbound?secret=" + INBOUND_SECRET
    r = requests.post(url, data=body, headers={"content-type": ct}, timeout=30)
    assert r.status_code == 200 and r.json()["status"] == "skipped"  # SendGrid's retry would not help
    runs = [
        x["fields"]
        for x in e2e_world.table("Automation Runs").all()
        if x["fields"].get("Job") == "lead-reply"
        and "inbound email skipped" in x["fields"].get("Details", "")
    ]
    assert [x["Outcome"] for x in runs] == ["Partial"]


# A Swiss, Dutch and German enquiry written in the person's own language (the probe that found them read
# them as individual contributors with an Unknown timeline). Expected from DESIGN.md §6 with the default
# weights: the chair of a board is C-level (+24), "sofort" / "zo snel mogelijk" is Immediate (+20), an
# "Empfehlung" / "aanbeveling" is a Referral (+20), a fresh enquiry +10.
EUROPEAN = [
    (
        {"title": "Verwaltungsratspräsident", "company_size": "1'200 Mitarbeitende", "industry": "Banken",
         "timeline": "sofort", "source": "Empfehlung eines Kollegen"},
        ("Referral", "Immediate", 1200, 89, "Hot"),  # fit 24 + 7 + 8 (banking), 20, 10, 20
    ),
    (
        {"title": "Bestuursvoorzitter", "company_size": "meer dan 1000 medewerkers", "industry": "",
         "timeline": "zo snel mogelijk", "source": "aanbeveling van een klant"},
        ("Referral", "Immediate", 1000, 86, "Hot"),  # fit 24 + 7 + 5 (industry unknown), 20, 10, 20
    ),
    (
        {"title": "Praktikantin Geschäftsführung", "company_size": "weniger als 10", "industry": "",
         "timeline": "nächstes Quartal", "source": "Instagram"},
        ("Social Media", "1-3 months", 9, 26, "Cold"),  # fit −8 + 1 (1–9 staff) + 5, 6, 10, 12
    ),
]  # fmt: skip


def test_website_form__an_enquiry_in_german_or_dutch_is_scored_by_what_it_says(e2e_world) -> None:
    for n, (answers, expected) in enumerate(EUROPEAN):
        email = f"eu{n}@firma.example"
        form = {**FORM, "email": email, "source_detail": "", **answers}
        r = requests.post(
            e2e_world.apps[0].url + "/api/leads",
            json=form,
            headers={"x-real-ip": f"203.0.113.{50 + n}"},
            timeout=30,
        )
        assert (r.status_code, r.json()) == (202, {"status": "received"})
        (lead,) = _leads(e2e_world, email)
        f = lead["fields"]
        assert (
            f["Lead Source"],
            f["Timeline"],
            f["Company Size"],
            f["Lead Score"],
            f["Score Tier"],
        ) == expected


def test_website_form__a_season_is_read_in_the_business_hemisphere(tmp_path) -> None:
    """A Sydney coach's enquirer writing "after summer" means after February: the months a northern reader
    would give "after winter", never those of the north's summer (whatever today's date, the two readings
    are six months apart, so one of them is "6+ months" and the other is not)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from automation.leads.capture import timeline_choice
    from scripts.localbase.testing import LocalBaseServer
    from tests.events import harness
    from tests.leads.http_world import LEADS_CATALOG

    with LocalBaseServer(timing_scale=0.01) as srv:
        world = harness.World(
            srv,
            catalog=LEADS_CATALOG,
            extra_env={"OUTBOX_DIR": str(tmp_path / "outbox")},
            settings={"general.time_zone": "Australia/Sydney"},
        )
        try:
            form = {**FORM, "email": "mia@harbour.example", "timeline": "after summer"}
            r = requests.post(world.apps[0].url + "/api/leads", json=form, timeout=60)
            day = datetime.now(ZoneInfo("Australia/Sydney")).date()
            assert r.status_code == 202
            (lead,) = _leads(world, "mia@harbour.example")
            north = {season: timeline_choice(f"after {season}", day) for season in ("summer", "winter")}
            assert north["summer"] != north["winter"]  # six months apart: the test tells them apart
            assert lead["fields"]["Timeline"] == north["winter"]
        finally:
            world.close()


def test_inbound_reply__in_shadow_mode_her_reply_and_her_stop_are_kept_the_rest_previewed(tmp_path) -> None:
    """What a lead writes back is hers (README: kept in every mode): in Shadow her reply is counted on her
    lead (at Live nurture then waits for the coach instead of sending her the next step) and a "stop" is
    honoured as the unsubscribe link is (Unsubscribed, drafts to her cancelled); no alert goes."""
    from scripts.localbase.testing import LocalBaseServer
    from tests.events import harness
    from tests.leads.e2e_world import INBOUND_SECRET

    with LocalBaseServer(timing_scale=0.01) as srv:
        world = harness.World(
            srv,
            catalog=LEADS_CATALOG,
            extra_env={"OUTBOX_DIR": str(tmp_path / "outbox"), "SENDGRID_INBOUND_SECRET": INBOUND_SECRET},
            settings={"general.automation_mode": "Shadow"},
        )
        try:
            leads = world.table("Leads")
            nurtured = {"Title": "Director", "Lead Source": "LinkedIn", "Status": "Contacted"}
            kim = leads.create({"Name": "Kim Write", "Email": "kim@write.example", **nurtured})
            lou = leads.create({"Name": "Lou Stop", "Email": "lou@stop.example", **nurtured})
            draft = world.table("Messages").create(
                {"Kind": "Nurture Email", "Status": "Draft", "Channel": "Email",
                 "Recipient": "lou@stop.example", "Subject": "A thought", "Lead": [lou["id"]]}
            )  # fmt: skip
            url = world.apps[0].url + "/api/webhooks/sendgrid-inbound?secret=" + INBOUND_SECRET
            for sender, text, n in (
                ("Kim@Write.example", "Happy to talk on Monday.", 1),
                ("lou@stop.example", "STOP", 2),
            ):
                ct, body = multipart(
                    {"from": sender, "subject": "Re: A thought", "text": text,
                     "headers": f"Message-ID: <m{n}@mail.example>\nFrom: {sender}"}
                )  # fmt: skip
                r = requests.post(url, data=body, headers={"content-type": ct}, timeout=60)
                assert r.status_code == 200, r.text
            k = leads.get(kim["id"])["fields"]
            assert k.get("Replies") == 1 and k.get("Last Engagement"), k
            lo = leads.get(lou["id"])["fields"]
            assert (lo.get("Status"), lo.get("Nurture Sequence")) == ("Unsubscribed", "Stopped"), lo
            (msg,) = world.table("Messages").all()  # no alert stored: previewed
            assert msg["id"] == draft["id"] and msg["fields"]["Status"] == "Cancelled"
            assert not list((tmp_path / "outbox").rglob("*.*"))
            runs = [
                r["fields"]
                for r in world.table("Automation Runs").all()
                if r["fields"].get("Job") == "lead-reply"
            ]
            previewed = [
                w for r in runs for w in json.loads(r.get("Details") or "{}").get("intended_writes", [])
            ]
            assert any(w["table"] == "messages" and w["record"] is None for w in previewed)  # the alerts
        finally:
            world.close()
