"""A second business the demo never shows, through the same real path as tests/demo/unseen_business.py (the
local server with Airtable's 5 calls/s and 30-second penalty, the app under uvicorn, the webhook, crons, the
coach's edits over HTTP with her own token), and a local Stripe (tests/billing/fake_stripe.py) behind it.

Harbour Leadership, Sydney (Australia/Sydney: summer time in December), AUD, 10 % GST. Coach Kirsten Walsh
and three associates: Mere Tawhiri works from Auckland, Wei Ling Tan from Singapore, Jack O'Brien from Sydney
(no Time Zone of his own). Clients in Perth (per session), London (a monthly retainer) and Sydney (per
session; paused for a week, then resumed). Before the day: last month's sessions (one on the 1st at 08:00
Sydney, which is the last day of the month before in UTC; a late cancellation; a no-show), an invoice from
two months ago still unpaid past its grace period, two deals in Proposal and a lost one. The day: a website
lead with a non-Latin name and an apostrophe in the company, a lead typed by hand with only a phone number,
a deal lost with its reason, the lost one reopened, a client paused and resumed, reminders for a session
that starts after the Auckland associate's midnight and one the Perth client then cancels late, notes typed
by an associate in Australian shorthand, the month-end billing, a Stripe payment and a partial refund (and
Stripe's replays of both), the weekly report, and every cron run twice.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests

from tests.billing.fake_stripe import FakeStripe, invoice_payment
from tests.demo.unseen_business import UnseenDay, _at, last_month, stripe_signature

TZ = ZoneInfo("Australia/Sydney")
COACH = ("Kirsten Walsh", "kirsten@harbourleadership.example")
SETTINGS = {
    "general.time_zone": "Australia/Sydney",
    "general.business_name": "Harbour Leadership",
    "general.coach_name": COACH[0],
    "general.coach_email": COACH[1],
    "general.currency": "AUD",
    "billing.tax_rate": "10%",
    "billing.tax_label": "GST",
    "billing.tax_id": "ABN: 51 824 753 556",
    "billing.late_cancel_hours": "48",
    "billing.charge_fraction": json.dumps({"*": {"Cancelled": 0, "Late cancellation": 0.5, "No-show": 1}}),
    "billing.late_fee_kind": "flat",
    "billing.late_fee_value": "25",
    "billing.late_fee_grace_days": "7",
}
PER_SESSION = ("Coaching Session", "Per Session", 400)
RETAINER = ("Harbour Monthly", "Monthly Retainer", 1800)
ASSOCIATES = {  # key: name, email, Time Zone, specialty, commission (fraction)
    "mere": ("Mere Tawhiri", "mere@harbourleadership.example", "Pacific/Auckland", ["Team Leadership"], 0.30),
    "weiling": ("Wei Ling Tan", "weiling@harbourleadership.example", "Asia/Singapore",
                ["Change Management"], 0.30),
    "jack": ("Jack O'Brien", "jack@harbourleadership.example", "", ["Executive Presence"], 0.25),
}  # fmt: skip
CLIENTS = {  # key: name, email, company, Time Zone, package, associate
    "deborah": ("Deborah Nguyen", "deborah@swanriver-mining.example", "Swan River Mining", "Australia/Perth",
                PER_SESSION, "weiling"),
    "oliver": ("Oliver Pemberton-Hale", "oliver@thamesgate.example", "Thamesgate Capital", "Europe/London",
               RETAINER, "mere"),
    "priya": ("Priya Raman", "priya@bondi-health.example", "Bondi Health", "", PER_SESSION, "jack"),
}  # fmt: skip
WEBSITE_FORM = {
    "name": "陈美玲",
    "email": "meiling.chen@oneills-pharmacy.example",
    "company": "O'Neill's Pharmacy Group",
    "title": "Chief Executive Officer",
    "company_size": 320,
    "industry": "Healthcare",
    "timeline": "1-3 months",
    "message": "Looking for coaching for my leadership team after our merger.",
}
PHONE_LEAD = {
    "Name": "Gazza Thompson",
    "Phone": "0412 345 678",
    "Company": "Thompson Earthmoving",
    "Lead Source": "Referral",
    "Source Detail": "Met Kirsten at the Rotary breakfast",
    "Status": "New",
}
LOST_REASON = "Went with an in-house leadership program"
# Jack's notes after this morning's session with Priya ({first}: her first name).
NOTES = """{first} - wk 4, first one back after her break. Bit flat after the restructure but keen.
Used GROW on the rostering mess.
Actions:
- {first} to send me her draft comms plan by COB Fri
- {first} to catch up with her 2IC this arvo re the new rosters
- {first} to report back on the new 1:1 format in a fortnight
- I'll send her the Kotter 8-step summary tomorrow arvo
Good energy by the end. Next time: how the comms plan landed."""


def sydney(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), TZ)


class HarbourDay(UnseenDay):
    """The first scenario's machinery (the demo's processes, pacing, approvals, crons), Harbour Leadership."""

    def __init__(self, var: Path, stripe: FakeStripe) -> None:
        super().__init__(var)
        self.stripe = stripe
        self.env["STRIPE_SECRET_KEY"] = "sk_test_harbour_local_fake"
        self.env["STRIPE_API_BASE"] = stripe.url
        self.today = datetime.now(TZ).date()
        self.seen: dict[str, Any] = {}  # what the coach saw mid-day (fields read between steps)

    def run(self) -> None:
        self.fresh()  # no overnight round: the rounds below run every job twice, within 4 minutes
        self.website()
        self.phone_lead()
        self.deals()
        self.pause_and_resume()
        self.reminders_and_late_cancel()
        self.notes_by_the_associate()
        self.closing_rounds(self.payment_and_refund)

    # ---- before the day ----

    def seed(self) -> None:
        self.put_settings(SETTINGS)
        packages = self.put_packages(PER_SESSION, RETAINER)
        hired = (self.today - timedelta(days=400)).isoformat()
        made = self.create(
            "Associates",
            [
                {"Name": n, "Email": e, "Specialty": s, "Certification Level": "Senior", "Commission %": pct,
                 "Status": "Active", "Hire Date": hired, "Max Clients": 6, **({"Time Zone": z} if z else {})}
                for n, e, z, s, pct in ASSOCIATES.values()
            ],
        )  # fmt: skip
        self.ids["associates"] = dict(zip(ASSOCIATES, made, strict=True))
        self.put_clients(CLIENTS, packages, self.today - timedelta(days=200))
        c, a = self.ids["clients"], self.ids["associates"]
        first, _ = last_month(self.today)
        past = [  # name, client, associate, start, status, cancelled at
            ("Deborah 1 (the 1st, 8 am)", "deborah", "weiling", sydney(first, 8), "Completed", None),
            ("Deborah 2", "deborah", "weiling", sydney(first.replace(day=10), 11), "Completed", None),
            ("Deborah 3 (cancelled 3 h before)", "deborah", "weiling", sydney(first.replace(day=17), 11),
             "Cancelled", sydney(first.replace(day=17), 8)),
            ("Deborah 4 (no-show)", "deborah", "weiling", sydney(first.replace(day=24), 11), "No-show", None),
            ("Oliver 1", "oliver", "mere", sydney(first.replace(day=5), 19), "Completed", None),
            ("Oliver 2", "oliver", "mere", sydney(first.replace(day=19), 19), "Completed", None),
        ]  # fmt: skip
        tomorrow = self.today + timedelta(days=1)
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        upcoming = [
            # 22:30 in Sydney tomorrow is 00:30 the day after in Auckland (and 11:30 GMT in London)
            ("Oliver late evening", "oliver", "mere", sydney(tomorrow, 22, 30), "Scheduled", None),
            # 11:00 in Sydney is 08:00 in Perth and in Singapore
            ("Deborah tomorrow", "deborah", "weiling", sydney(tomorrow, 11), "Scheduled", None),
            ("Priya this morning", "priya", "jack", now - timedelta(hours=3), "Scheduled", None),
        ]
        sessions = self.create(
            "Coaching Sessions",
            [
                {"Name": n, "Client": [c[ck]], "Associate": [a[ak]], "Session Date": _at(d), "Duration": 3600,
                 "Session Type": "Coaching", "Status": st,
                 **({"Satisfaction": 5} if st == "Completed" else {}),
                 **({"Cancelled At": _at(x)} if x else {})}
                for n, ck, ak, d, st, x in past + upcoming
            ],
        )  # fmt: skip
        self.ids["past_sessions"] = sessions[: len(past)]
        self.ids["late_evening"], self.ids["deborah_tomorrow"], self.ids["priya_today"] = sessions[
            len(past) :
        ]
        # An invoice from two months ago, sent, due 10 days ago: past the 7-day grace.
        two_ago = last_month(last_month(self.today)[0])[0]
        self.ids["overdue_invoice"] = self.create(
            "Invoices",
            [{"Invoice #": "HL-0007", "Client": [c["priya"]], "Period": two_ago.strftime("%Y-%m"),
              "Amount": 400, "Tax Amount": 40, "Total": 440, "Status": "Sent",
              "Date Created": (self.today - timedelta(days=24)).isoformat(),
              "Date Sent": (self.today - timedelta(days=24)).isoformat(),
              "Due Date": (self.today - timedelta(days=10)).isoformat(),
              "Dedupe Key": f"{c['priya']}:{two_ago.strftime('%Y-%m')}"}],
        )[0]  # fmt: skip
        leads = self.create(
            "Leads",
            [{"Name": n, "Email": e, "Company": co, "Lead Source": "Referral", "Status": "Proposal"}
             for n, e, co in (("Hamish Doyle", "hamish@doyle-wines.example", "Doyle Wines"),
                              ("Tane Walker", "tane@walker-build.example", "Walker Build"))],
        )  # fmt: skip
        old = self.today - timedelta(days=20)
        self.ids["deal_lost"], self.ids["deal_reopened"] = self.create(
            "Deals",
            [{"Deal Name": "Doyle Wines: leadership team program", "Lead": [leads[0]], "Deal Value": 12000,
              "Pipeline Stage": "Proposal", "Proposal Sent": old.isoformat(),
              "Closed By": [a["jack"]]},
             {"Deal Name": "Walker Build: site managers", "Lead": [leads[1]], "Deal Value": 8000,
              "Pipeline Stage": "Closed Lost", "Lost Reason": "Budget frozen until the new financial year",
              "Actual Close": old.isoformat(), "Proposal Sent": (old - timedelta(days=10)).isoformat(),
              "Stage History": f"{old - timedelta(days=10)}T00:00Z Proposal\n{old}T00:00Z Closed Lost"}],
        )  # fmt: skip

    # ---- the day ----

    def website(self) -> None:
        r = requests.post(f"{self.app_url}/api/leads", json=WEBSITE_FORM, timeout=60)
        self.ids["website_status"] = r.status_code
        email = WEBSITE_FORM["email"]
        found = self.until(
            lambda: [r for r in self.records("Leads", f"{{Email}}='{email}'") if "Lead Score" in r["fields"]],
            "the website lead to be scored",
        )
        self.ids["website_lead"] = found[0]["id"]

    def phone_lead(self) -> None:
        rec = self.api("POST", self.table_path("Leads"), json={"fields": PHONE_LEAD, "typecast": True})["id"]
        self.ids["phone_lead"] = rec
        self.until(lambda: self.get("Leads", rec)["fields"].get("Next Action"), "the phone lead's next step")

    def deals(self) -> None:
        lost, reopened = self.ids["deal_lost"], self.ids["deal_reopened"]
        self.patch("Deals", lost, {"Pipeline Stage": "Closed Lost", "Lost Reason": LOST_REASON})
        self.patch("Deals", reopened, {"Pipeline Stage": "Negotiation"})
        self.until(lambda: self.get("Deals", lost)["fields"].get("Actual Close"), "the lost deal closed")
        self.until(
            lambda: not self.get("Deals", reopened)["fields"].get("Actual Close"), "the reopened deal open"
        )

    def pause_and_resume(self) -> None:
        priya = self.ids["clients"]["priya"]
        self.patch("Clients", priya, {"Status": "Paused"})
        self.cron("health-daily")
        # The day is stamped by whichever run reads the change first (the status change's webhook run or the
        # daily): poll for it, with a deadline, rather than read once after the cron returns.
        self.seen["paused"] = self.until(
            lambda: (f := self.get("Clients", priya)["fields"]).get("Paused On") and f, "the pause stamped"
        )
        self.patch("Clients", priya, {"Status": "Active"})
        self.cron("health-daily")
        self.seen["resumed"] = self.until(
            lambda: (f := self.get("Clients", priya)["fields"]).get("Resumed On") and f, "the resume stamped"
        )

    def reminders_and_late_cancel(self) -> None:
        self.seen["reminders_at"] = datetime.now(TZ)  # whether the reminder hour had come decides what goes
        self.cron("session-reminders")
        self.cron("send-due")
        sid = self.ids["deborah_tomorrow"]
        self.patch("Coaching Sessions", sid, {"Status": "Cancelled"})  # Deborah rings this evening
        self.until(
            lambda: self.get("Coaching Sessions", sid)["fields"].get("Cancelled At"), "the cancellation time"
        )

    def notes_by_the_associate(self) -> None:
        sid = self.ids["priya_today"]
        first = CLIENTS["priya"][0].split()[0]
        self.patch("Coaching Sessions", sid, {"Raw Notes": NOTES.format(first=first), "Status": "Completed"})
        self.until(
            lambda: self.get("Coaching Sessions", sid)["fields"].get("Notes Status") == "Drafted",
            "the session notes",
        )

    def _stripe_event(self, kind: str, obj: dict[str, Any], event_id: str) -> list[int]:
        event = {"id": event_id, "object": "event", "type": kind, "created": int(time.time()) - 30,
                 "data": {"object": obj}}  # fmt: skip
        body = json.dumps(event).encode()
        answers = []
        for _ in range(2):  # Stripe re-sends until it sees a 2xx: the replay changes nothing
            r = requests.post(
                f"{self.app_url}/api/webhooks/stripe",
                data=body,
                headers={"Content-Type": "application/json", "Stripe-Signature": stripe_signature(body)},
                timeout=60,
            )
            answers.append(r.status_code)
            time.sleep(1.0)
        return answers

    def payment_and_refund(self) -> None:
        oliver = self.ids["clients"]["oliver"]
        period = last_month(self.today)[0].strftime("%Y-%m")
        (inv,) = [
            i
            for i in self.records("Invoices")
            if oliver in i["fields"].get("Client", []) and i["fields"].get("Period") == period
        ]
        cents = int(Decimal(str(inv["fields"]["Total"])) * 100)
        stripe_id = inv["fields"].get("Stripe ID") or "in_missing"
        paid_at = int(time.time()) - 60
        self.replay["paid"] = self._stripe_event(
            "invoice.paid",
            {"id": stripe_id, "object": "invoice", "metadata": {"airtable_id": inv["id"]},
             "amount_paid": cents, "currency": "aud", "status": "paid",
             "status_transitions": {"paid_at": paid_at}, "paid_out_of_band": False, "attempt_count": 1},
            "evt_harbour_paid_0001",
        )  # fmt: skip
        self.seen["paid"] = self.get("Invoices", inv["id"])["fields"]
        self.stripe.invoice_payments.append(invoice_payment(stripe_id, "pi_harbour_0001", cents, "aud"))
        self.replay["refund"] = self._stripe_event(
            "charge.refunded",
            {"id": "ch_harbour_0001", "object": "charge", "amount": cents, "amount_refunded": 50000,
             "currency": "aud", "payment_intent": "pi_harbour_0001",
             "refunded": False, "status": "succeeded"},
            "evt_harbour_refund_0001",
        )  # fmt: skip
        self.ids["refunded_invoice"] = inv["id"]
