"""A fourth business the demo never shows, through the same real path as tests/demo/unseen_business.py (the
local server with Airtable's 5 calls/s and 30-second penalty, the app under uvicorn, the webhooks, crons,
the coach's edits over HTTP with her own token).

Thameside Leadership, London (Europe/London), GBP, 20 % VAT. Coach Imogen Ashworth and two associates who
work from South Asia: Priyanka Desai in Mumbai (typed "Mumbai": +5:30) and Bikash Shrestha in Kathmandu
(+5:45). Clients in Dubai (no summer time, on the £1,234.50 retainer), Auckland (a day ahead), São Paulo
(typed with its accent; on the retainer, paused since before last month began) and London (per session).
Before the day: last month's sessions, an action item of the Auckland client three days overdue, one of the
London client's, health and associates scored overnight. The day: an agency founder's real enquiry that reads
a little like a pitch (SEO, a link; released by the coach if the form holds it); the São Paulo client resumes
after her break (no invoice for the month she was away, no alarm); the London client ends the engagement (his
last invoice still comes; no more chasing; his session booked for tomorrow is not reminded to him); the coach
lowers Priyanka's Max Clients below her load; the Dubai client's session this morning rated 2 (one health
alert) with notes the coach has not approved (she is away: the draft waits, nothing is sent without her);
tomorrow the Dubai client has two sessions, the São Paulo client one, and the Auckland client one at 23:30
London (Wednesday lunchtime in Auckland, before dawn in Kathmandu); a new client typed in whose focus is
Priyanka's specialty (the proposal waits for the coach); the month-end billing, the brief and the weekly
report; every cron run twice.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests

from tests.demo.unseen_business import UnseenDay, _at, last_month

TZ = ZoneInfo("Europe/London")
COACH = ("Imogen Ashworth", "imogen@thamesideleadership.example")
SETTINGS = {
    "general.time_zone": "Europe/London",
    "general.business_name": "Thameside Leadership",
    "general.coach_name": COACH[0],
    "general.coach_email": COACH[1],
    "general.currency": "GBP",
    "billing.tax_rate": "20%",
    "billing.tax_label": "VAT",
    "billing.tax_id": "VAT Reg. No. GB 123 4567 89",
}
PER_SESSION = ("Leadership Session", "Per Session", 300)
RETAINER = ("Thameside Retainer", "Monthly Retainer", 1234.50)
ASSOCIATES = {  # key: name, email, Time Zone (as typed), specialty, Max Clients, commission (fraction)
    "priyanka": ("Priyanka Desai", "priyanka@thamesideleadership.example", "Mumbai",
                 ["Executive Presence", "Strategic Thinking"], 4, 0.30),
    "bikash": ("Bikash Shrestha", "bikash@thamesideleadership.example", "Asia/Kathmandu",
               ["Team Leadership"], 5, 0.25),
}  # fmt: skip
ZONES = {"priyanka": "Asia/Kolkata", "bikash": "Asia/Kathmandu"}  # what the typed zones mean
CLIENTS = {  # key: name, email, company, Time Zone (as typed), package, associate
    "khalid": ("Khalid Al-Mansouri", "khalid@almansouri-ports.example", "Al-Mansouri Ports", "Dubai",
               RETAINER, "priyanka"),
    "aroha": ("Aroha Ngata", "aroha@kauri-energy.example", "Kauri Energy", "Auckland", PER_SESSION,
              "bikash"),
    "beatriz": ("Beatriz Conceição", "beatriz@ipe-amarelo.example", "Ipê Amarelo Alimentos", "São Paulo",
                RETAINER, "priyanka"),
    "tom": ("Tom Fairweather", "tom@fairweather-boats.example", "Fairweather Boats", "", PER_SESSION,
            "priyanka"),
}  # fmt: skip
CLIENT_ZONES = {"khalid": "Asia/Dubai", "aroha": "Pacific/Auckland", "beatriz": "America/Sao_Paulo",
                "tom": "Europe/London"}  # fmt: skip
AGENCY_FORM = {
    "name": "Siobhan Reddy",
    "email": "siobhan@brightlane-digital.example",
    "company": "Brightlane Digital",
    "title": "Founder & CEO",
    "company_size": 40,
    "industry": "Marketing",
    "timeline": "1-3 months",
    "message": "Hi, I founded Brightlane, a 40-person SEO and digital marketing agency "
    "(https://brightlane-digital.example). We doubled in size this year and my two team leads are "
    "struggling to lead people who used to be their peers. Do you coach agency founders and their leads?",
}
NEW_CLIENT = ("Hannah Osei", "hannah@osei-architects.example", "Osei Architects")
AROHA_ITEM = "Send the board the revised safety-culture survey"
TOM_ITEM = "Share the apprenticeship plan with the yard foremen"
# Priyanka's notes after this morning's session with Khalid ({first}: his first name).
NOTES = """{first} - wk 9. Tough one: the port merger vote went against him, felt blindsided by his COO.
Rated it low, honest about it. Used the ladder of inference on the board meeting.
Actions:
- {first} to send me his reflections on the vote by Friday
- I'll send him the Lencioni chapter on trust tomorrow
Next time: rebuilding things with the COO."""


def london(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), TZ)


class ThamesideDay(UnseenDay):
    """The first scenario's machinery (the demo's processes, pacing, approvals, crons), Thameside."""

    def __init__(self, var: Path) -> None:
        super().__init__(var)
        self.today = datetime.now(TZ).date()
        self.seen: dict[str, Any] = {}  # what the coach saw mid-day (fields read between steps)

    def run(self) -> None:
        self.fresh()
        for job in ("health-daily", "associates-daily"):  # overnight: the scores the day starts from
            self.cron(job)
        self.agency_founder_enquires()
        self.resume_after_the_break()
        self.engagement_ends()
        self.capacity_lowered()
        self.low_rating_with_notes()
        self.new_client_while_she_is_full()
        self.closing_rounds()

    # ---- before the day ----

    def seed(self) -> None:
        self.put_settings(SETTINGS)
        packages = self.put_packages(PER_SESSION, RETAINER)
        hired = (self.today - timedelta(days=500)).isoformat()
        made = self.create(
            "Associates",
            [
                {"Name": n, "Email": e, "Time Zone": z, "Specialty": s, "Certification Level": "Senior",
                 "Commission %": pct, "Status": "Active", "Hire Date": hired, "Max Clients": cap}
                for n, e, z, s, cap, pct in ASSOCIATES.values()
            ],
        )  # fmt: skip
        self.ids["associates"] = dict(zip(ASSOCIATES, made, strict=True))
        c = self.put_clients(CLIENTS, packages, self.today - timedelta(days=300))
        a = self.ids["associates"]
        first, _ = last_month(self.today)
        # Beatriz has been on a break since three weeks before last month began (typed by the coach)
        self.ids["paused_on"] = first - timedelta(days=21)
        self.patch(
            "Clients", c["beatriz"], {"Status": "Paused", "Paused On": self.ids["paused_on"].isoformat()}
        )
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        tomorrow = self.today + timedelta(days=1)
        rows = [  # name, client, associate, start, status, rating
            ("Khalid 1", "khalid", "priyanka", london(first.replace(day=3), 8), "Completed", 5),
            ("Khalid 2", "khalid", "priyanka", london(first.replace(day=17), 8), "Completed", 5),
            ("Tom 1", "tom", "priyanka", london(first.replace(day=9), 17), "Completed", 4),
            ("Tom 2", "tom", "priyanka", london(first.replace(day=23), 17), "Completed", 4),
            ("Aroha 1", "aroha", "bikash", london(first.replace(day=11), 20), "Completed", 5),
            ("Tom yesterday (his last)", "tom", "priyanka", london(self.today - timedelta(days=1), 17),
             "Completed", None),
            ("Khalid this morning", "khalid", "priyanka", now - timedelta(hours=3), "Scheduled", None),
            # tomorrow: 09:00 and 14:00 London are 13:00 and 18:00 in Dubai, 14:30 and 19:30 in Mumbai
            ("Khalid tomorrow morning", "khalid", "priyanka", london(tomorrow, 9), "Scheduled", None),
            ("Khalid tomorrow afternoon", "khalid", "priyanka", london(tomorrow, 14), "Scheduled", None),
            # 12:00 London is 09:00 in São Paulo
            ("Beatriz back", "beatriz", "priyanka", london(tomorrow, 12), "Scheduled", None),
            # 23:30 London is 12:30 the day after in Auckland and 05:15 the day after in Kathmandu
            ("Aroha late", "aroha", "bikash", london(tomorrow, 23, 30), "Scheduled", None),
            # booked before Tom ended the engagement; nobody has cancelled it yet
            ("Tom tomorrow (booked before he ended)", "tom", "priyanka", london(tomorrow, 16), "Scheduled",
             None),
        ]  # fmt: skip
        sessions = self.create(
            "Coaching Sessions",
            [
                {"Name": n, "Client": [c[ck]], "Associate": [a[ak]], "Session Date": _at(d), "Duration": 3600,
                 "Session Type": "Coaching", "Status": st, **({"Satisfaction": r} if r else {})}
                for n, ck, ak, d, st, r in rows
            ],
        )  # fmt: skip
        self.ids["sessions"] = dict(zip((r[0] for r in rows), sessions, strict=True))
        self.ids["starts"] = {r[0]: r[3] for r in rows}
        self.ids["aroha_item"], self.ids["tom_item"] = self.create(
            "Action Items",
            [{"Description": d, "Client": [c[k]], "Due Date": (self.today - timedelta(days=3)).isoformat(),
              "Status": "Open", "Assigned To": "Client", "Priority": "Medium", "Client Visible": True}
             for d, k in ((AROHA_ITEM, "aroha"), (TOM_ITEM, "tom"))],
        )  # fmt: skip

    # ---- the day ----

    def agency_founder_enquires(self) -> None:
        """A real enquiry that reads a little like a pitch (SEO, a link): if the form holds it as spam, the
        coach reads it and sets it back to New, as the README says."""
        r = requests.post(f"{self.app_url}/api/leads", json=AGENCY_FORM, timeout=60)
        self.ids["agency_status"] = r.status_code
        email = AGENCY_FORM["email"]
        found = self.until(lambda: self.records("Leads", f"{{Email}}='{email}'"), "the agency founder's lead")
        rec = found[0]
        self.ids["agency"] = rec["id"]
        self.seen["agency_held"] = rec["fields"].get("Status") == "Lost"
        if self.seen["agency_held"]:
            self.patch("Leads", rec["id"], {"Status": "New"})
        self.until(lambda: "Lead Score" in self.get("Leads", rec["id"])["fields"], "the agency lead scored")

    def resume_after_the_break(self) -> None:
        beatriz = self.ids["clients"]["beatriz"]
        self.patch("Clients", beatriz, {"Status": "Active"})
        self.until(lambda: self.get("Clients", beatriz)["fields"].get("Resumed On"), "Beatriz's resume")

    def engagement_ends(self) -> None:
        self.patch("Clients", self.ids["clients"]["tom"], {"Status": "Completed"})

    def capacity_lowered(self) -> None:
        """Priyanka cuts her hours: Max Clients 4 → 1 while she coaches three (Khalid, Beatriz, Tom ended)."""
        self.patch("Associates", self.ids["associates"]["priyanka"], {"Max Clients": 1})

    def low_rating_with_notes(self) -> None:
        sid = self.ids["sessions"]["Khalid this morning"]
        first = CLIENTS["khalid"][0].split()[0]
        self.patch(
            "Coaching Sessions",
            sid,
            {"Raw Notes": NOTES.format(first=first), "Status": "Completed", "Satisfaction": 2},
        )
        self.until(
            lambda: self.get("Coaching Sessions", sid)["fields"].get("Notes Status") == "Drafted",
            "Khalid's session notes",
        )

    def new_client_while_she_is_full(self) -> None:
        """The coach types in a new client whose focus is Priyanka's specialty, now that Priyanka is over
        her lowered Max Clients; the proposal waits for the coach (away: she approves nothing today)."""
        (pkg,) = [r["id"] for r in self.records("Packages") if r["fields"].get("Name") == PER_SESSION[0]]
        rec = self.create(
            "Clients",
            [{"Name": NEW_CLIENT[0], "Email": NEW_CLIENT[1], "Company": NEW_CLIENT[2], "Package": [pkg],
              "Status": "Active", "Start Date": self.today.isoformat(), "Focus Areas": ["Executive Presence"],
              "AI Consent": True}],
        )[0]  # fmt: skip
        self.ids["new_client"] = rec
        self.until(lambda: self.messages("Associate Proposal", Client=rec), "a proposal for the new client")
