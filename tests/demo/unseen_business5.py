"""A fifth business the demo never shows, through the same real path as tests/demo/unseen_business.py (the
local server with Airtable's 5 calls/s and 30-second penalty, the app under uvicorn, the webhooks, crons,
the coach's edits over HTTP with her own token).

Don Valley Leadership, Toronto (America/Toronto), CAD, 13 % HST, dates written month first. Coach Nadia
Belhumeur and three associates: Kalani Kahananui works from Honolulu (typed "Honolulu": UTC-10, no summer
time), Sigrún Þórsdóttir from Reykjavik (UTC all year), Émilie Tremblay from Toronto (no Time Zone of her
own). Clients in Tokyo (the C$1,234.50 retainer, with Kalani; a no-show last month), Johannesburg (per
session, with Sigrún; a session yesterday) and Santiago (per session, with Émilie; Chile's summer time is on
in December). Before the day: last month's sessions, an action item of the Johannesburg client four days
overdue, two sessions of the Santiago client booked for Monday 15 March 2027, the day after Toronto's clocks
go forward, 30 minutes apart (a double booking the coach should see on her own clock, EDT). The day: Émilie
goes on leave for two weeks (Paused: her client is not handed over; her client's session tomorrow needs
cover); the coach moves the Tokyo client to another associate while his session tomorrow is still booked
with Kalani; a referral typed by the coach whose first touch she rejects, then edits and approves; the
Johannesburg client answers yesterday's survey 1/5 through its link (and again); her overdue item's
reminder waits for the coach (Action Item Reminder is not sent without approval here), she does the item
meanwhile, and the coach approves the reminder anyway; the month-end billing, the brief and the weekly
report; every cron run twice.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests

from automation.settings.messages import MessageSettings
from tests.demo.unseen_business import UnseenDay, _at, last_month

TZ = ZoneInfo("America/Toronto")
COACH = ("Nadia Belhumeur", "nadia@donvalleyleadership.example")
SETTINGS = {
    "general.time_zone": "America/Toronto",
    "general.business_name": "Don Valley Leadership",
    "general.coach_name": COACH[0],
    "general.coach_email": COACH[1],
    "general.currency": "CAD",
    "billing.tax_rate": "13%",
    "billing.tax_label": "HST",
    "billing.tax_id": "HST No. 81234 5678 RT0001",
    # the coach reads every homework reminder before it goes (the one thing she changed in the defaults)
    "messages.auto_send_kinds": json.dumps(
        [k for k in MessageSettings().auto_send_kinds if k != "Action Item Reminder"]
    ),
}
PER_SESSION = ("Leadership Session", "Per Session", 450)
RETAINER = ("Don Valley Retainer", "Monthly Retainer", 1234.50)
ASSOCIATES = {  # key: name, email, Time Zone (as typed), specialty, Max Clients, commission (fraction)
    "kalani": ("Kalani Kahananui", "kalani@donvalleyleadership.example", "Honolulu",
               ["Executive Presence", "Change Management"], 4, 0.30),
    "sigrun": ("Sigrún Þórsdóttir", "sigrun@donvalleyleadership.example", "Reykjavik",
               ["Change Management", "Strategic Thinking"], 4, 0.25),
    "emilie": ("Émilie Tremblay", "emilie@donvalleyleadership.example", "",
               ["Change Management", "Conflict Resolution"], 4, 0.30),
}  # fmt: skip
ZONES = {"kalani": "Pacific/Honolulu", "sigrun": "Atlantic/Reykjavik", "emilie": "America/Toronto"}
CLIENTS = {  # key: name, email, company, Time Zone (as typed), package, associate
    "kenji": ("Kenji Watanabe", "kenji@watanabe-seiki.example", "Watanabe Seiki", "Tokyo", RETAINER,
              "kalani"),
    "amara": ("Amara Dlamini", "amara@highveld-mining.example", "Highveld Mining", "Johannesburg",
              PER_SESSION, "sigrun"),
    "valentina": ("Valentina Rojas Figueroa", "valentina@andes-vinos.example", "Andes Vinos", "Santiago",
                  PER_SESSION, "emilie"),
}  # fmt: skip
CLIENT_ZONES = {"kenji": "Asia/Tokyo", "amara": "Africa/Johannesburg", "valentina": "America/Santiago"}
FOCUS = {
    "kenji": ["Change Management"],
    "amara": ["Strategic Thinking"],
    "valentina": ["Conflict Resolution"],
}
AMARA_ITEM = "Send the shift supervisors the new safety escalation path"
REFERRAL = {
    "Name": "Priya Raghunathan",
    "Email": "priya@maple-grid.example",
    "Company": "Maple Grid Energy",
    "Title": "VP Operations",
    "Lead Source": "Referral",
    "Source Detail": "Introduced by Kenji Watanabe",
    "Company Size": 600,
    "Industry": "Energy",
    "Timeline": "1-3 months",
    "Status": "New",
}
COACH_EDIT = "\n\nKenji speaks very highly of you; I would love to hear about the grid modernization program."
SURVEY_COMMENT = "The session ran over and we never got to my actual question."
MARCH = date(2027, 3, 15)  # the Monday after Toronto's clocks go forward (Sunday 14 March 2027): EDT


def toronto(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), TZ)


class DonValleyDay(UnseenDay):
    """The first scenario's machinery (the demo's processes, pacing, approvals, crons), Don Valley."""

    def __init__(self, var: Path) -> None:
        super().__init__(var)
        self.today = datetime.now(TZ).date()
        self.seen: dict[str, Any] = {}  # what the coach or a client saw mid-day

    def run(self) -> None:
        self.fresh()
        for job in ("health-daily", "associates-daily"):  # overnight: the scores the day starts from
            self.cron(job)
        self.double_booked_in_march()
        self.on_leave()
        self.moved_to_another_associate()
        self.first_touch_rejected_then_approved()
        self.survey_answered_low()
        self.done_before_the_reminder_went()
        self.closing_rounds()

    # ---- before the day ----

    def seed(self) -> None:
        self.put_settings(SETTINGS)
        packages = self.put_packages(PER_SESSION, RETAINER)
        hired = (self.today - timedelta(days=700)).isoformat()
        made = self.create(
            "Associates",
            [
                {"Name": n, "Email": e, "Specialty": s, "Certification Level": "Senior",
                 "Commission %": pct, "Status": "Active", "Hire Date": hired, "Max Clients": cap,
                 **({"Time Zone": z} if z else {})}
                for n, e, z, s, cap, pct in ASSOCIATES.values()
            ],
        )  # fmt: skip
        self.ids["associates"] = dict(zip(ASSOCIATES, made, strict=True))
        c = self.put_clients(CLIENTS, packages, self.today - timedelta(days=250))
        for key, focus in FOCUS.items():
            self.patch("Clients", c[key], {"Focus Areas": focus})
        a = self.ids["associates"]
        first, _ = last_month(self.today)
        tomorrow = self.today + timedelta(days=1)
        rows = [  # name, client, associate, start, status, rating
            ("Kenji 1", "kenji", "kalani", toronto(first.replace(day=3), 19), "Completed", 5),
            ("Kenji 2", "kenji", "kalani", toronto(first.replace(day=17), 19), "Completed", 5),
            ("Kenji missed", "kenji", "kalani", toronto(first.replace(day=24), 19), "No-show", None),
            ("Amara 1", "amara", "sigrun", toronto(first.replace(day=5), 10), "Completed", 5),
            ("Amara 2", "amara", "sigrun", toronto(first.replace(day=19), 10), "Completed", 4),
            ("Valentina 1", "valentina", "emilie", toronto(first.replace(day=12), 12), "Completed", 5),
            # yesterday 10:00 Toronto, 17:00 in Johannesburg: held, not rated yet (the survey asks)
            ("Amara yesterday", "amara", "sigrun", toronto(self.today - timedelta(days=1), 10), "Completed",
             None),
            # tomorrow 18:00 Toronto: 08:00 the day after in Tokyo, 13:00 in Honolulu, 23:00 in Reykjavik
            ("Kenji tomorrow", "kenji", "kalani", toronto(tomorrow, 18), "Scheduled", None),
            # tomorrow 12:00 Toronto: 14:00 in Santiago (summer time, -03)
            ("Valentina tomorrow", "valentina", "emilie", toronto(tomorrow, 12), "Scheduled", None),
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
        (self.ids["amara_item"],) = self.create(
            "Action Items",
            [{"Description": AMARA_ITEM, "Client": [c["amara"]],
              "Session": [self.ids["sessions"]["Amara 2"]],
              "Due Date": (self.today - timedelta(days=4)).isoformat(), "Status": "Open",
              "Assigned To": "Client", "Priority": "High", "Client Visible": True}],
        )  # fmt: skip

    # ---- the day ----

    def double_booked_in_march(self) -> None:
        """Valentina books two sessions on Monday 15 March 2027 (the day after Toronto springs forward),
        10:00 and 10:30 Toronto: a double booking the coach should read on her own clock, EDT."""
        c, a = self.ids["clients"]["valentina"], self.ids["associates"]["sigrun"]
        starts = {"March 10:00": toronto(MARCH, 10), "March 10:30": toronto(MARCH, 10, 30)}
        made = self.create(
            "Coaching Sessions",
            [
                {"Name": f"Valentina {n}", "Client": [c], "Associate": [a], "Session Date": _at(d),
                 "Duration": 3600, "Session Type": "Coaching", "Status": "Scheduled"}
                for n, d in starts.items()
            ],
        )  # fmt: skip
        self.ids["sessions"].update(dict(zip(starts, made, strict=True)))
        self.ids["starts"].update(starts)
        self.until(
            lambda: all(self.get("Coaching Sessions", s)["fields"].get("Conflict") for s in made),
            "the March double booking flagged",
        )

    def on_leave(self) -> None:
        """Émilie goes on leave for two weeks: the coach sets her Paused (README: Paused is on leave)."""
        self.patch("Associates", self.ids["associates"]["emilie"], {"Status": "Paused"})

    def moved_to_another_associate(self) -> None:
        """The coach moves Kenji from Kalani to someone else (Reassign Associate) and approves the proposal;
        his session tomorrow was booked with Kalani and nobody has moved it."""
        kenji = self.ids["clients"]["kenji"]
        self.patch("Clients", kenji, {"Reassign Associate": True})
        proposal = self.until(
            lambda: [
                m
                for m in self.messages("Associate Proposal", Client=kenji)
                if m["fields"]["Status"] == "Draft"
            ],
            "a proposal for Kenji",
        )[0]
        self.seen["proposal"] = proposal["fields"]
        self.approve(proposal, "the new associate for Kenji")
        self.until(
            lambda: (
                (a := self.get("Clients", kenji)["fields"].get("Associate"))
                and a != [self.ids["associates"]["kalani"]]
            ),
            "Kenji's new associate",
        )
        name = CLIENTS["kenji"][0]
        self.until(
            lambda: [
                m for m in self.messages("Associate Assignment") if name in m["fields"].get("Subject", "")
            ],
            "the new associate told",
        )

    def first_touch_rejected_then_approved(self) -> None:
        """A referral the coach types; she rejects the drafted first touch (Cancelled), then thinks better
        of it, adds a line of her own and approves it."""
        rec = self.api("POST", self.table_path("Leads"), json={"fields": REFERRAL, "typecast": True})["id"]
        self.ids["referral"] = rec
        draft = self.until(
            lambda: [m for m in self.messages("First Touch", Lead=rec) if m["fields"]["Status"] == "Draft"],
            "the referral's first-touch draft",
        )[0]
        self.patch("Messages", draft["id"], {"Status": "Cancelled"})
        self.seen["rejected"] = self.settled_fields("Messages", draft["id"])
        body = self.get("Messages", draft["id"])["fields"].get("Body", "")
        self.patch("Messages", draft["id"], {"Body": body + COACH_EDIT, "Status": "Approved"})
        self.ids["first_touch"] = draft["id"]
        self.until(
            lambda: (
                self.get("Messages", draft["id"])["fields"].get("Status") in ("Sent", "Failed", "Cancelled")
            ),
            "the edited first touch delivered",
        )

    def settled_fields(self, table: str, rec: str, wait: float = 6) -> dict[str, Any]:
        """A record as it stands once the webhook has had `wait` seconds to act on the change."""
        import time

        time.sleep(wait)
        return self.get(table, rec)["fields"]

    def survey_answered_low(self) -> None:
        """The satisfaction survey of yesterday's session: Amara answers 1/5 through its link, then again."""
        self.cron("satisfaction-survey")
        sid = self.ids["sessions"]["Amara yesterday"]
        (survey,) = self.until(lambda: self.messages("Satisfaction Survey", Session=sid), "Amara's survey")
        self.ids["survey"] = survey["id"]
        token = re.search(r"/api/survey\?token=([^\s\"'<>)&]+)", survey["fields"].get("Body", ""))
        self.seen["survey_link"] = bool(token)
        if not token:
            return
        answers = []
        for rating in ("1", "4"):  # the second answer (she changed her mind) must change nothing
            r = requests.post(
                f"{self.app_url}/api/survey",
                params={"token": requests.utils.unquote(token.group(1))},
                data={"rating": rating, "comment": SURVEY_COMMENT},
                timeout=60,
            )
            answers.append(r.status_code)
        self.seen["survey_answers"] = answers

    def done_before_the_reminder_went(self) -> None:
        """Amara's overdue item: the morning run drafts her reminder (waiting for the coach); she replies
        that it is done and the coach marks it Complete; later the coach approves the queue as it stands."""
        self.cron("overdue-action-items")
        amara = self.ids["clients"]["amara"]
        email = CLIENTS["amara"][1]
        drafts = self.until(
            lambda: [
                m
                for m in self.messages("Action Item Reminder", Client=amara)
                if m["fields"].get("Recipient") == email and m["fields"]["Status"] == "Draft"
            ],
            "Amara's reminder draft",
        )
        self.ids["item_reminder"] = drafts[0]["id"]
        self.patch("Action Items", self.ids["amara_item"], {"Status": "Complete"})
        self.settled_fields("Action Items", self.ids["amara_item"])
        now = self.get("Messages", drafts[0]["id"])
        self.seen["item_reminder_before"] = now["fields"].get("Status")
        if now["fields"].get("Status") == "Draft":  # still in her queue: she approves the queue as it stands
            now = self.approve(now, "Amara's reminder (approved with the queue)")
        self.seen["item_reminder"] = now["fields"]
