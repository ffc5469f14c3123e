"""A sixth business the demo never shows, through the same real path as tests/demo/unseen_business.py (the
local server with Airtable's 5 calls/s and 30-second penalty, the app under uvicorn, the webhooks, crons,
the coach's edits over HTTP with her own token).

Marina Bay Leadership, Singapore (Asia/Singapore, UTC+8 all year), SGD, 9 % GST. Coach Mei Ling Tan and
two associates: Aroha Ngata works from Auckland (typed "Auckland": NZDT, UTC+13, in December) and Keoni
Akana from Honolulu (UTC-10). Clients in Dubai (per session, with Aroha), Berlin (the S$2,180.00 retainer,
with Keoni) and São Paulo (per session, with Aroha). The coach reads every homework reminder before it goes
(Action Item Reminder out of `messages.auto_send_kinds`). The day: the São Paulo client asks to pause for a
month (the coach sets her Paused: her session tomorrow, still booked, and her overdue item reach her no
longer, and her health does not alarm); the Dubai client's reminder chases three overdue items, she
finishes one while it waits and the coach then approves it; the Berlin client's associate has an overdue
item of his own, done while its reminder waits; the Berlin client's session (18 hours on) is moved twice
before the reminders run; the month-end billing, the brief and the weekly report (two payments on record, one
this week, one the week before); every cron run twice.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from automation.settings.messages import MessageSettings
from tests.demo.unseen_business import UnseenDay, _at, last_month

TZ = ZoneInfo("Asia/Singapore")
COACH = ("Mei Ling Tan", "meiling@marinabayleadership.example")
SETTINGS = {
    "general.time_zone": "Asia/Singapore",
    "general.business_name": "Marina Bay Leadership",
    "general.coach_name": COACH[0],
    "general.coach_email": COACH[1],
    "general.currency": "SGD",
    "billing.tax_rate": "9%",
    "billing.tax_label": "GST",
    "billing.tax_id": "GST Reg. No. M9-0123456-7",
    "messages.auto_send_kinds": json.dumps(
        [k for k in MessageSettings().auto_send_kinds if k != "Action Item Reminder"]
    ),
}
PER_SESSION = ("Marina Bay Session", "Per Session", 480)
RETAINER = ("Marina Bay Retainer", "Monthly Retainer", 2180)
ASSOCIATES = {  # key: name, email, Time Zone (as typed), specialty, commission (fraction)
    "aroha": ("Aroha Ngata", "aroha@marinabayleadership.example", "Auckland",
              ["Change Management", "Conflict Resolution"], 0.30),
    "keoni": ("Keoni Akana", "keoni@marinabayleadership.example", "Pacific/Honolulu",
              ["Strategic Thinking", "Executive Presence"], 0.25),
}  # fmt: skip
ZONES = {"aroha": "Pacific/Auckland", "keoni": "Pacific/Honolulu"}
CLIENTS = {  # key: name, email, company, Time Zone (as typed), package, associate
    "layla": ("Layla Al Mansoori", "layla@falcon-logistics.example", "Falcon Logistics", "Dubai", PER_SESSION,
              "aroha"),
    "jonas": ("Jonas Weber", "jonas@spree-robotik.example", "Spree Robotik", "Europe/Berlin", RETAINER,
              "keoni"),
    "beatriz": ("Beatriz Souza", "beatriz@ipanema-saude.example", "Ipanema Saúde", "São Paulo",
                PER_SESSION, "aroha"),
}  # fmt: skip
CLIENT_ZONES = {"layla": "Asia/Dubai", "jonas": "Europe/Berlin", "beatriz": "America/Sao_Paulo"}
LAYLA_ITEMS = (  # her three overdue actions; she finishes the second while the reminder waits
    "Draft the escalation matrix for the Jebel Ali warehouse",
    "Book a skip-level lunch with the night-shift supervisors",
    "Write down the three decisions you will stop approving yourself",
)
KEONI_ITEM = "Send Jonas the stakeholder-mapping template"
BEATRIZ_ITEM = "Share the clinic rota proposal with the medical director"
PAID = {  # invoice number, total, paid so many days ago
    "this week": ("MBL-0901", 1308.00, 3),
    "last week": ("MBL-0902", 2376.20, 9),
}


def singapore(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), TZ)


class MarinaBayDay(UnseenDay):
    """The first scenario's machinery (the demo's processes, pacing, approvals, crons), Marina Bay."""

    def __init__(self, var: Path) -> None:
        super().__init__(var)
        self.today = datetime.now(TZ).date()
        self.seen: dict[str, Any] = {}  # what the coach, an associate or a client saw mid-day

    def run(self) -> None:
        self.fresh()
        self.paused_for_a_month()
        for job in ("health-daily", "associates-daily"):  # overnight: the scores the day starts from
            self.cron(job)
        self.moved_twice()
        self.cron("session-reminders")
        self.cron("overdue-action-items")
        self.one_of_three_done_while_waiting()
        self.associates_item_done_while_waiting()
        self.closing_rounds()

    # ---- before the day ----

    def seed(self) -> None:
        self.put_settings(SETTINGS)
        packages = self.put_packages(PER_SESSION, RETAINER)
        hired = (self.today - timedelta(days=500)).isoformat()
        made = self.create(
            "Associates",
            [
                {"Name": n, "Email": e, "Specialty": s, "Certification Level": "Senior",
                 "Commission %": pct, "Status": "Active", "Hire Date": hired, "Max Clients": 5,
                 "Time Zone": z}
                for n, e, z, s, pct in ASSOCIATES.values()
            ],
        )  # fmt: skip
        self.ids["associates"] = dict(zip(ASSOCIATES, made, strict=True))
        c = self.put_clients(CLIENTS, packages, self.today - timedelta(days=300))
        a = self.ids["associates"]
        first, _ = last_month(self.today)
        tomorrow = self.today + timedelta(days=1)
        rows = [  # name, client, associate, start (Singapore), status
            ("Layla 1", "layla", "aroha", singapore(first.replace(day=4), 14), "Completed"),
            ("Layla 2", "layla", "aroha", singapore(first.replace(day=18), 14), "Completed"),
            ("Jonas 1", "jonas", "keoni", singapore(first.replace(day=9), 17), "Completed"),
            ("Jonas 2", "jonas", "keoni", singapore(first.replace(day=23), 17), "Completed"),
            ("Beatriz 1", "beatriz", "aroha", singapore(first.replace(day=11), 20), "Completed"),
            # 18 hours from the top of this hour: moved to 19, then to 20 hours from it before the reminders
            # run (under a day ahead: the day before it on every calendar, whatever the hour the test runs)
            ("Jonas tomorrow", "jonas", "keoni", self.soon(18), "Scheduled"),
            # tomorrow 09:00 Singapore (14:00 NZDT in Auckland): still booked when Beatriz pauses
            ("Beatriz tomorrow", "beatriz", "aroha", singapore(tomorrow, 9), "Scheduled"),
        ]
        sessions = self.create(
            "Coaching Sessions",
            [
                {"Name": n, "Client": [c[ck]], "Associate": [a[ak]], "Session Date": _at(d), "Duration": 3600,
                 "Session Type": "Coaching", "Status": st,
                 **({"Satisfaction": 5} if st == "Completed" else {})}
                for n, ck, ak, d, st in rows
            ],
        )  # fmt: skip
        self.ids["sessions"] = dict(zip((r[0] for r in rows), sessions, strict=True))
        self.ids["starts"] = {r[0]: r[3] for r in rows}
        overdue = (self.today - timedelta(days=3)).isoformat()
        s = self.ids["sessions"]

        def item(desc: str, client: str, session: str, who: str) -> dict[str, Any]:
            return {"Description": desc, "Client": [c[client]], "Session": [s[session]], "Due Date": overdue,
                    "Status": "Open", "Assigned To": who, "Priority": "Medium",
                    "Client Visible": who == "Client"}  # fmt: skip

        made = self.create(
            "Action Items",
            [item(d, "layla", "Layla 2", "Client") for d in LAYLA_ITEMS]
            + [item(KEONI_ITEM, "jonas", "Jonas 2", "Associate"), item(BEATRIZ_ITEM, "beatriz", "Beatriz 1",
                                                                       "Client")],
        )  # fmt: skip
        self.ids["layla_items"], (self.ids["keoni_item"], self.ids["beatriz_item"]) = made[:3], made[3:]
        # two payments on record: three days ago (this week's), nine days ago (the week before)
        older = (first - timedelta(days=1)).replace(day=1).strftime("%Y-%m")
        self.ids["paid"] = self.create(
            "Invoices",
            [
                {"Invoice #": num, "Client": [c["layla" if k == "this week" else "jonas"]],
                 "Period": older, "Amount": round(total / 1.09, 2),
                 "Tax Amount": round(total - total / 1.09, 2),
                 "Total": total, "Status": "Paid",
                 "Date Sent": (self.today - timedelta(days=ago + 20)).isoformat(),
                 "Due Date": (self.today - timedelta(days=ago + 6)).isoformat(),
                 "Payment Date": (self.today - timedelta(days=ago)).isoformat()}
                for k, (num, total, ago) in PAID.items()
            ],
        )  # fmt: skip

    # ---- the day ----

    def paused_for_a_month(self) -> None:
        """Beatriz writes that she needs a month off (a clinic inspection): the coach sets her Paused. Her
        session tomorrow is still booked (the coach has not cancelled it yet)."""
        self.patch("Clients", self.ids["clients"]["beatriz"], {"Status": "Paused"})
        self.settled_fields("Clients", self.ids["clients"]["beatriz"])

    def soon(self, hours: int) -> datetime:
        """So many hours from the top of the hour the day began in (fixed for the whole run)."""
        if "hour" not in self.ids:
            self.ids["hour"] = datetime.now(TZ).replace(minute=0, second=0, microsecond=0)
        return self.ids["hour"] + timedelta(hours=hours)

    def moved_twice(self) -> None:
        """Jonas's session, 18 hours on, is moved an hour later, then another hour later (20 hours on)."""
        sid = self.ids["sessions"]["Jonas tomorrow"]
        for hours in (19, 20):
            start = self.soon(hours)
            self.patch("Coaching Sessions", sid, {"Session Date": _at(start)})
            self.settled_fields("Coaching Sessions", sid, wait=3)
        self.ids["starts"]["Jonas tomorrow"] = start
        self.ids["earlier_starts"] = [self.soon(18), self.soon(19)]

    def settled_fields(self, table: str, rec: str, wait: float = 6) -> dict[str, Any]:
        """A record as it stands once the webhook has had `wait` seconds to act on the change."""
        import time

        time.sleep(wait)
        return self.get(table, rec)["fields"]

    def _draft_to(self, email: str, what: str) -> dict[str, Any]:
        return self.until(
            lambda: [
                m
                for m in self.records("Messages", "{Kind}='Action Item Reminder'")
                if m["fields"].get("Recipient") == email and m["fields"].get("Status") == "Draft"
            ],
            what,
        )[0]

    def one_of_three_done_while_waiting(self) -> None:
        """Layla's reminder of her three overdue actions waits for the coach; Layla replies that the lunch is
        booked and the coach marks that item Complete; then she approves the reminder as it stands."""
        draft = self._draft_to(CLIENTS["layla"][1], "Layla's reminder draft")
        self.seen["layla_draft"] = draft["fields"]
        self.patch("Action Items", self.ids["layla_items"][1], {"Status": "Complete"})
        self.settled_fields("Action Items", self.ids["layla_items"][1])
        now = self.get("Messages", draft["id"])
        if now["fields"].get("Status") == "Draft":
            now = self.approve(now, "Layla's reminder (approved as it stands)")
        self.seen["layla_reminder"] = now["fields"]

    def associates_item_done_while_waiting(self) -> None:
        """Keoni's reminder of his own overdue item waits for the coach; he sends the template and ticks it
        Complete; the coach approves the queue as it stands."""
        draft = self._draft_to(ASSOCIATES["keoni"][1], "Keoni's reminder draft")
        self.seen["keoni_draft"] = draft["fields"]
        self.patch("Action Items", self.ids["keoni_item"], {"Status": "Complete"})
        self.settled_fields("Action Items", self.ids["keoni_item"])
        now = self.get("Messages", draft["id"])
        if now["fields"].get("Status") == "Draft":
            now = self.approve(now, "Keoni's reminder (approved as it stands)")
        self.seen["keoni_reminder"] = now["fields"]
