"""A third business the demo never shows, through the same real path as tests/demo/unseen_business.py (the
local server with Airtable's 5 calls/s and 30-second penalty, the app under uvicorn, the webhooks, crons,
the coach's edits over HTTP with her own token).

Prairie Summit Leadership, Chicago (America/Chicago: the clocks went back on the first Sunday of November),
USD, no sales tax on coaching (the coach set her zone and currency and no tax). Dana Whitfield coached alone
until she hired her first associate three weeks ago: Marcus Bell, part-time from New York, room for two
clients, and both places taken. Dana has an Associate record of her own (she takes clients herself). Clients
in Toronto (per session) and Chicago (per session); a deal in Negotiation with José Ángel Ramírez Núñez in
Mexico City for the monthly retainer of $1,234.50. Before the day: last month's sessions (one at 19:00 on
its last day, the next month in UTC), an open action item, a booked session with Marcus next week, a lead
from Lakeshore Logistics. The day: a second person from Lakeshore books a discovery call by Calendly before
any deal exists (the delivery replayed); the Toronto client's booking moved twice; tomorrow's reminders; the
deal won while the only associate is full; a session's notes pasted from a transcript tool (dates written
MM/DD); an action item the client marks done, then reopens; the month-end billing; an invoice disputed
and voided (its sessions released to the next billing run); a card payment that fails, then succeeds
(each Stripe delivery replayed); Marcus leaves with sessions still booked; the daily brief and the weekly
report; every cron run twice.
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

from scripts.demo import SECRETS, calendly_booking
from tests.demo.unseen_business import UnseenDay, _at, last_month
from tests.demo.unseen_business2 import HarbourDay

TZ = ZoneInfo("America/Chicago")
COACH = ("Dana Whitfield", "dana@prairiesummit.example")
SETTINGS = {
    "general.time_zone": "America/Chicago",
    "general.business_name": "Prairie Summit Leadership",
    "general.coach_name": COACH[0],
    "general.coach_email": COACH[1],
    "general.currency": "USD",
    # Written first without this row ("she was never asked"): setup_base writes billing.tax_rate's row at 20 %
    # into her Settings table, and the README's setup step asks her to set it ("type 0 for no tax").
    "billing.tax_rate": "0",
}
PER_SESSION = ("Executive Session", "Per Session", 350)
RETAINER = ("Summit Monthly", "Monthly Retainer", 1234.50)
ASSOCIATES = {  # key: name, email, Time Zone, specialty, Max Clients, commission (fraction), hired days ago
    "dana": (COACH[0], COACH[1], "America/Chicago", ["Executive Presence", "Strategic Thinking"],
             10, 0, 3000),
    "marcus": ("Marcus Bell", "marcus@prairiesummit.example", "America/New_York",
               ["Executive Presence", "Strategic Thinking"], 2, 0.40, 21),
}  # fmt: skip
CLIENTS = {  # key: name, email, company, Time Zone, package, associate
    "emilie": ("Émilie Tremblay", "emilie@tremblay-bois.example", "Tremblay Bois", "America/Toronto",
               PER_SESSION, "marcus"),
    "kevin": ("Kevin O'Malley", "kevin@omalley-foundry.example", "O'Malley Foundry", "", PER_SESSION,
              "marcus"),
}  # fmt: skip
JOSE = ("José Ángel Ramírez Núñez", "jose.ramirez@cerveceria-nandu.example", "Cervecería Ñandú")
LAKESHORE = "Lakeshore Logistics"
BRIAN = ("Brian Kowalski", "brian.kowalski@lakeshorelogistics.example")
AISHA = ("Aisha Rahman", "aisha.rahman@lakeshorelogistics.example")
VOID_NOTE = "Disputed: the session of the 16th was a make-up for one Dana cancelled; not billable"


def chicago(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, clock(hour, minute), TZ)


def us_date(day: date) -> str:
    """A date as the coach writes it in her notes: MM/DD."""
    return f"{day.month}/{day.day}"


# Kevin's session with Marcus this morning, pasted from the transcript tool ({due}: four days on, MM/DD).
TRANSCRIPT = """Kevin O'Malley <> Marcus Bell - Otter.ai
Marcus Bell  0:04
So where did you land on the board deck?
Kevin O'Malley  0:12
I'll send you the revised board deck by {due}.
Marcus Bell  0:31
Great. And I'll email you the delegation worksheet tomorrow.
Kevin O'Malley  0:45
I'm also going to schedule skip-levels with my three plant managers next week.
Marcus Bell  1:02
Sounds good. Let's look at how those went next session."""


class PrairieDay(UnseenDay):
    """The first scenario's machinery (the demo's processes, pacing, approvals, crons), Prairie Summit."""

    def __init__(self, var: Path) -> None:
        super().__init__(var)
        self.today = datetime.now(TZ).date()
        self.seen: dict[str, Any] = {}  # what the coach saw mid-day (fields read between steps)

    def run(self) -> None:
        self.fresh()
        self.lead_books_by_calendly()
        self.booking_moved_twice()
        self.cron("session-reminders")
        self.cron("send-due")
        self.deal_won_with_the_associate_full()
        self.transcript_notes()
        self.done_then_reopened()
        self.cron("billing-daily")
        self.disputed_and_reissued()
        self.payment_fails_then_succeeds()
        self.associate_leaves()
        self.closing_rounds()

    # ---- before the day ----

    def seed(self) -> None:
        self.put_settings(SETTINGS)
        packages = self.put_packages(PER_SESSION, RETAINER)
        self.ids["packages"] = packages
        made = self.create(
            "Associates",
            [
                {"Name": n, "Email": e, "Time Zone": z, "Specialty": s, "Certification Level": "Senior",
                 "Commission %": pct, "Status": "Active", "Max Clients": cap,
                 "Hire Date": (self.today - timedelta(days=ago)).isoformat()}
                for n, e, z, s, cap, pct, ago in ASSOCIATES.values()
            ],
        )  # fmt: skip
        self.ids["associates"] = dict(zip(ASSOCIATES, made, strict=True))
        self.put_clients(CLIENTS, packages, self.today - timedelta(days=120))
        c, marcus = self.ids["clients"], self.ids["associates"]["marcus"]
        first, end = last_month(self.today)
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        rows = [  # name, client, start, status
            ("Émilie 1", "emilie", chicago(first.replace(day=2), 10), "Completed"),
            ("Émilie 2 (the 16th)", "emilie", chicago(first.replace(day=16), 10), "Completed"),
            # 19:00 on the month's last day in Chicago is 01:00 the next day in UTC: still last month's
            ("Kevin 1 (last evening of the month)", "kevin", chicago(end, 19), "Completed"),
            ("Kevin this morning", "kevin", now - timedelta(hours=3), "Scheduled"),
            ("Kevin next week", "kevin", chicago(self.today + timedelta(days=5), 13), "Scheduled"),
        ]
        sessions = self.create(
            "Coaching Sessions",
            [
                {"Name": n, "Client": [c[k]], "Associate": [marcus], "Session Date": _at(d), "Duration": 3600,
                 "Session Type": "Coaching", "Status": st,
                 **({"Satisfaction": 5} if st == "Completed" else {})}
                for n, k, d, st in rows
            ],
        )  # fmt: skip
        self.ids["emilie_past"] = sessions[:2]
        self.ids["kevin_past"], self.ids["kevin_today"], self.ids["kevin_next_week"] = sessions[2:]
        self.ids["item"] = self.create(
            "Action Items",
            [{"Description": "Walk the foundry floor with the night-shift supervisor", "Client": [c["kevin"]],
              "Due Date": (self.today + timedelta(days=3)).isoformat(), "Status": "Open",
              "Assigned To": "Client", "Priority": "Medium", "Client Visible": True}],
        )[0]  # fmt: skip
        leads = self.create(
            "Leads",
            [{"Name": BRIAN[0], "Email": BRIAN[1], "Company": LAKESHORE, "Title": "VP Operations",
              "Lead Source": "Website", "Status": "Contacted", "Company Size": 800, "Industry": "Logistics"},
             {"Name": JOSE[0], "Email": JOSE[1], "Company": JOSE[2], "Title": "Director General",
              "Lead Source": "Referral", "Status": "Proposal"}],
        )  # fmt: skip
        self.ids["brian"], self.ids["jose_lead"] = leads
        self.ids["deal"] = self.create(
            "Deals",
            [{"Deal Name": "Cervecería Ñandú: a year of coaching", "Lead": [leads[1]], "Deal Value": 14814,
              "Pipeline Stage": "Negotiation", "Package": [packages[RETAINER]],
              "Expected Close": (self.today + timedelta(days=7)).isoformat()}],
        )[0]  # fmt: skip

    # ---- the day ----

    def calendly(self, doc: bytes) -> requests.Response:
        from automation.schedule.calendly import sign

        signature = sign(SECRETS["CALENDLY_SIGNING_KEY"], doc, int(time.time()))
        return requests.post(
            f"{self.app_url}/api/webhooks/calendly",
            data=doc,
            headers={"Content-Type": "application/json", "Calendly-Webhook-Signature": signature},
            timeout=60,
        )

    def lead_books_by_calendly(self) -> None:
        """Aisha (Lakeshore Logistics, like Brian) books Dana's discovery call; Calendly delivers it twice."""
        start = chicago(self.today + timedelta(days=2), 11).astimezone(UTC)
        doc = json.loads(calendly_booking({"Name": AISHA[0], "Email": AISHA[1]},
                                          {"Name": COACH[0], "Email": COACH[1]}, start))  # fmt: skip
        doc["payload"]["scheduled_event"]["name"] = "Discovery call"
        body = json.dumps(doc).encode()
        self.ids["aisha_answers"] = [self.calendly(body).status_code for _ in range(2)]
        found = self.until(
            lambda: [
                r for r in self.records("Leads", f"{{Email}}='{AISHA[1]}'") if "Lead Score" in r["fields"]
            ],
            "Aisha's lead to be scored",
        )
        self.ids["aisha"] = found[0]["id"]

    def _booking(self, start: datetime, old: str | None = None) -> tuple[dict[str, Any], str]:
        name, email = CLIENTS["emilie"][:2]
        host = {"Name": "Marcus Bell", "Email": ASSOCIATES["marcus"][1]}
        doc = json.loads(calendly_booking({"Name": name, "Email": email}, host, start))
        doc["payload"]["old_invitee"] = old
        doc["payload"]["scheduled_event"]["name"] = "Coaching session"
        return doc, doc["payload"]["uri"]

    def booking_moved_twice(self) -> None:
        """Émilie books Thursday-ish, moves it, then moves it again to tomorrow 09:00 (Chicago)."""
        times = [
            chicago(self.today + timedelta(days=2), 15),
            chicago(self.today + timedelta(days=3), 10),
            chicago(self.today + timedelta(days=1), 9),
        ]
        doc, uri = self._booking(times[0].astimezone(UTC))
        answers = [self.calendly(json.dumps(doc).encode()).status_code]
        for when in times[1:]:
            new, new_uri = self._booking(when.astimezone(UTC), old=uri)
            cancel = json.loads(json.dumps(doc))
            cancel["event"] = "invitee.canceled"
            cancel["payload"] |= {"rescheduled": True, "new_invitee": new_uri, "status": "canceled"}
            for part in (cancel, new):  # Calendly sends the cancellation of the old, then the new booking
                answers.append(self.calendly(json.dumps(part).encode()).status_code)
            doc, uri = new, new_uri
        self.ids["emilie_answers"] = answers
        self.ids["emilie_start"] = times[-1]
        sessions = self.until(
            lambda: self.records("Coaching Sessions", f"{{Booking Ref}}='{uri}'"), "Émilie's moved session"
        )
        self.ids["emilie_booked"] = sessions[0]["id"]

    def deal_won_with_the_associate_full(self) -> None:
        self.patch("Deals", self.ids["deal"], {"Pipeline Stage": "Closed Won"})
        done = self.until(
            lambda: (d := self.get("Deals", self.ids["deal"]))["fields"].get("Client") and d, "José's client"
        )
        jose = done["fields"]["Client"][0]
        self.ids["jose"] = jose
        proposal = self.until(
            lambda: [
                m
                for m in self.messages("Associate Proposal", Client=jose)
                if m["fields"]["Status"] == "Draft"
            ],
            "a proposal for José",
        )[0]  # fmt: skip
        self.seen["proposal"] = proposal["fields"]
        self.approve(proposal, "the associate for José")
        self.until(lambda: self.get("Clients", jose)["fields"].get("Associate"), "José's associate")

    def transcript_notes(self) -> None:
        sid = self.ids["kevin_today"]
        due = us_date(self.today + timedelta(days=4))
        self.patch("Coaching Sessions", sid, {"Raw Notes": TRANSCRIPT.format(due=due), "Status": "Completed"})
        self.until(
            lambda: self.get("Coaching Sessions", sid)["fields"].get("Notes Status") == "Drafted",
            "Kevin's session notes",
        )

    def done_then_reopened(self) -> None:
        item = self.ids["item"]
        self.patch("Action Items", item, {"Status": "Complete"})
        # the webhook's round trip: what the app stamps on completion lands within seconds (read what is
        # there after 8 s at most: the test, not the day, says whether it came)
        self.seen["done"] = self.settled(lambda: self.get("Action Items", item)["fields"], "Completed Date")
        self.patch("Action Items", item, {"Status": "Open"})  # Kevin: "not done after all, the shift moved"
        self.seen["reopened"] = self.settled(
            lambda: self.get("Action Items", item)["fields"], "Completed Date", present=False
        )

    def settled(self, read: Any, field: str, present: bool = True, within: float = 8) -> dict[str, Any]:
        deadline = time.monotonic() + within
        while (fields := read()) and (field in fields) != present and time.monotonic() < deadline:
            time.sleep(0.5)
        return fields

    def _invoice_of(self, key: str) -> list[dict[str, Any]]:
        cid = self.ids["clients"][key]
        return [i for i in self.records("Invoices") if cid in i["fields"].get("Client", [])]

    def disputed_and_reissued(self) -> None:
        """Émilie disputes her invoice: the 16th was a make-up session. Dana voids the invoice and marks that
        session Waived; the other goes to the next billing run (README: a Void invoice releases its
        sessions)."""
        (inv,) = self._invoice_of("emilie")
        self.ids["voided"] = inv["id"]
        self.seen["first_invoice"] = inv["fields"]
        self.patch("Invoices", inv["id"], {"Status": "Void", "Notes": VOID_NOTE})
        made_up = self.ids["emilie_past"][1]
        self.until(
            lambda: self.get("Coaching Sessions", made_up)["fields"].get("Invoice Status") != "Invoiced",
            "the voided invoice's sessions released",
        )
        self.patch("Coaching Sessions", made_up, {"Invoice Status": "Waived"})
        time.sleep(3)
        self.cron("billing-daily")  # then the day's two rounds run it twice more: nothing is billed twice

    def payment_fails_then_succeeds(self) -> None:
        (inv,) = self._invoice_of("kevin")
        cents = int(Decimal(str(inv["fields"]["Total"])) * 100)
        self.ids["kevin_invoice"] = inv["id"]
        obj = {"id": "in_prairie_0001", "object": "invoice", "metadata": {"airtable_id": inv["id"]},
               "amount_due": cents, "currency": "usd", "paid_out_of_band": False}  # fmt: skip
        self.replay["failed"] = self._stripe(
            "invoice.payment_failed", obj | {"status": "open", "attempt_count": 1, "amount_paid": 0},
            "evt_prairie_failed_0001",
        )  # fmt: skip
        paid_at = int(time.time()) - 30
        self.replay["paid"] = self._stripe(
            "invoice.paid",
            obj | {"status": "paid", "attempt_count": 2, "amount_paid": cents,
                   "status_transitions": {"paid_at": paid_at}},
            "evt_prairie_paid_0001",
        )  # fmt: skip

    def _stripe(self, kind: str, obj: dict[str, Any], event_id: str) -> list[int]:
        """A signed Stripe event, delivered twice (the second scenario's delivery, reused as it is)."""
        return HarbourDay._stripe_event(self, kind, obj, event_id)  # type: ignore[arg-type]

    def associate_leaves(self) -> None:
        """Marcus goes back to a full-time job: Inactive, with Émilie tomorrow and Kevin next week booked."""
        marcus = self.ids["associates"]["marcus"]
        self.patch("Associates", marcus, {"Status": "Inactive"})
        kevin = self.ids["clients"]["kevin"]
        self.until(lambda: self.get("Clients", kevin)["fields"].get("Reassign Associate"), "Kevin flagged")
