"""A business the demo never shows, run through the demo's real path (scripts.demo.Demo: the local server with
Airtable's 5 calls/s and 30-second penalty, the app under uvicorn, the webhook, crons, the coach's edits
over HTTP with her own token).

Cabinet Marchetti, a leadership practice in Lyon (Europe/Paris), coach Hélène Marchetti. Before the day:
two clients (a per-session package and a monthly retainer), last month's completed sessions, overdue action
items, three associates, a renewal deal in Negotiation for an existing client. The day: 30 leads from a
conference imported in three requests (one person twice), a website form (one of them again, and a new
one), a referral typed by hand, the renewal won, an associate leaving (the client is reassigned), two
sessions held with notes in the coach's own shorthand, the month-end billing run, a Stripe payment (and
Stripe's replay of it), every daily cron, the weekly report, and every cron run a second time.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import requests

from scripts.demo import DAILY_JOBS, Demo

TZ = ZoneInfo("Europe/Paris")
STRIPE_SECRET = "whsec_unseen_business_0123456789"
COACH = ("Hélène Marchetti", "helene@cabinet-marchetti.example")
SETTINGS = {
    "general.time_zone": "Europe/Paris",
    "general.business_name": "Cabinet Marchetti",
    "general.coach_name": COACH[0],
    "general.coach_email": COACH[1],
    "general.currency": "EUR",
    # reports.new_lead_notice stays "each": the 30-lead import must be scored and announced in one email
    # (it was never scored while each lead got its own notice in turn, outrunning the webhook's budget).
}
PER_SESSION = ("Séance individuelle", "Per Session", 475)
RETAINER = ("Accompagnement mensuel", "Monthly Retainer", 2150)
ASSOCIATES = [  # name, email, specialty, certification, commission (fraction)
    ("Tomás O'Connell", "tomas@cabinet-marchetti.example", ["Change Management"], "Senior", 0.35),
    ("Zoë Ní Bhriain", "zoe@cabinet-marchetti.example",
     ["Conflict Resolution", "Team Leadership"], "Master", 0.30),
    ("Ana-Lucía Ortega", "ana@cabinet-marchetti.example",
     ["Change Management", "Strategic Thinking"], "Senior", 0.25),
]  # fmt: skip
CLIENTS = {  # key: name, email, company, package, associate index, focus areas
    "amelie": ("Amélie Fournier-Dubois", "amelie@chateau-deau.example", "Château d'Eau Vignobles",
               PER_SESSION, 0, ["Change Management", "Strategic Thinking"]),
    "ngozi": ("Ngozi Adébáyọ̀", "ngozi@okonkwo-freight.example", "Okonkwo & Fils Freight",
              RETAINER, 1, ["Conflict Resolution"]),
}  # fmt: skip

# The conference: 30 badge scans typed into a CSV, imported in three requests. Rows 4 and 19 are the same
# person (the second badge scan with her address in capitals and a space).
CONFERENCE = "Sommet RH Lyon 2025"
_PEOPLE = [
    ("Éloïse Gauthier", "Directrice Générale", "Maison Gauthier", 180, "Retail"),
    ("Bartholomew O'Hara", "Chief Executive Officer", "O'Hara Shipping", 2400, "Logistics"),
    ("Søren Kierkegaard-Lund", "VP, Engineering", "Fjord Analytics", 650, "Technology"),
    ("Chloé Nguyễn", "Head of People & Culture", "Lumière Santé", 900, "Healthcare"),
    ("Maëlle Ó Dálaigh", "Managing Director", "Ó Dálaigh Partners", 75, "Professional Services"),
    ("Jürgen Müller", "Team Lead", "Müller Präzision", 300, "Manufacturing"),
    ("Aoife D'Arcy", "Intern", "D'Arcy & Co", 12, "Retail"),
    ("François-Xavier Léger", "Directeur des Opérations", "Léger Transports", 1100, "Logistics"),
    ("Zeynep Yılmaz", "Founder & CEO", "Yılmaz Studio", 25, "Creative"),
    ("Łukasz Wróbel", "Senior Manager, Finance", "Wróbel Bank", 5000, "Financial Services"),
    ("Inès Benali", "Responsable RH", "Benali Industrie", 420, "Manufacturing"),
    ("Rory McAllister", "COO", "Thistle Energy", 1500, "Energy"),
    ("Mónica Álvarez", "Chief People Officer", "Álvarez Hoteles", 3000, "Hospitality"),
    ("Théo Lambert", "Product Manager", "Lambert Labs", 60, "Technology"),
    ("Nuala Ní Cheallaigh", "Director of Nursing", "St Brigid's Hospital", 2200, "Healthcare"),
    ("Kwame Mensah", "VP Sales", "Mensah Agro", 350, "Agriculture"),
    ("Hanna Virtanen", "HR Business Partner", "Virtanen Oy", 800, "Technology"),
    ("Paolo D'Angelo", "General Manager", "D'Angelo Ristoranti", 140, "Hospitality"),
    ("Saoirse Byrne", "Operations Manager", "Byrne Logistics", 95, "Logistics"),
    ("Maëlle Ó Dálaigh", "Managing Director", "Ó Dálaigh Partners", 75, "Professional Services"),
    ("Yuki Tanaka-Smith", "Chief Technology Officer", "Tanaka Robotics", 700, "Technology"),
    ("Amara Okafor", "Director, Strategy", "Okafor Capital", 260, "Financial Services"),
    ("Gérard Dupont", "Retired CEO", "", None, ""),
    ("Leila Haddad", "Head of Learning", "Haddad Education", 1800, "Education"),
    ("Björn Andersson", "Engineering Manager", "Andersson AB", 450, "Technology"),
    ("Cécile Rousseau", "Directrice Financière", "Rousseau Cosmétiques", 600, "Consumer Goods"),
    ("Diarmuid Ó Súilleabháin", "Consultant", "", 3, "Consulting"),
    ("Fatima Zahra El Idrissi", "Chief Operating Officer", "Atlas Médical", 1200, "Healthcare"),
    ("Oliver Twist-Brown", "Student", "", None, ""),
    ("Renée Lefèvre", "Vice-President, Human Resources", "Lefèvre Assurances", 4000, "Insurance"),
]
DUPLICATE_ROWS = (4, 19)


def _email(name: str, company: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    local = ".".join("".join(ch for ch in part if ch.isalnum()) for part in plain.replace("-", " ").split())
    domain = "".join(ch for ch in unicodedata.normalize("NFKD", company or "gmail").lower() if ch.isalnum())
    return f"{local}@{domain[:20]}.example"


def conference_rows() -> list[dict[str, Any]]:
    rows = []
    for k, (name, title, company, size, industry) in enumerate(_PEOPLE):
        email = _email(name, company)
        if k == DUPLICATE_ROWS[1]:
            email = f"  {email.upper()} "
        fields = {"Name": name, "Email": email, "Title": title, "Lead Source": "Networking Event",
                  "Source Detail": CONFERENCE, "Status": "New"}  # fmt: skip
        if company:
            fields["Company"] = company
        if size is not None:
            fields["Company Size"] = size
        if industry:
            fields["Industry"] = industry
        rows.append(fields)
    return rows


NOTES = {  # the coach's shorthand after today's sessions ({first}: the client's first name)
    "ngozi": """CHECK-IN wk6 / {first}
ctx: reorg in the Lagos depot; her two team leads clash over who hires.
mapped it w/ Thomas-Kilmann -> she accommodates too fast.
ACTIONS
{first} to book 1:1s with both team leads by Friday
{first} will write her three non-negotiables for hiring before next Tuesday
I'll send her the TKI self-assessment link tomorrow
mood: tired but clearer""",
    "amelie": """{first}: succession at the estate, her father still signs every cheque.
Talked through the Bridges transition model (endings first).
Next steps:
1) {first} to draft the 2026 org chart with her brother by the end of the month
2) {first} to ask the board chair for a handover date
Next time: the conversation with her father.""",
}


def stripe_signature(body: bytes, secret: str = STRIPE_SECRET) -> str:
    import stripe

    ts = int(time.time())
    sig = stripe.WebhookSignature._compute_signature(f"{ts}.{body.decode()}", secret)
    return f"t={ts},v1={sig}"


def _at(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def last_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


class UnseenDay(Demo):
    """The demo's machinery (processes, pacing, approvals, crons), Cabinet Marchetti instead of its seed."""

    def __init__(self, var: Path) -> None:
        super().__init__(argparse.Namespace(base_port=0, app_port=0, var=str(var), no_wait=True))
        self.env["STRIPE_WEBHOOK_SECRET"] = STRIPE_SECRET
        self.today = datetime.now(TZ).date()
        self.ids: dict[str, Any] = {}
        self.counts_after: list[dict[str, int]] = []
        self.replay: dict[str, Any] = {}

    def run_script(self, module: str, *args: str, rate: str = "0") -> str:
        if module == "scripts.seed_demo":  # this business instead of the demo's
            self.seed()
            return "Cabinet Marchetti seeded"
        return super().run_script(module, *args, rate=rate)

    def run(self) -> None:
        self.fresh()
        for job in ("leads-daily", "health-daily", "associates-daily"):
            self.cron(job)
        self.conference()
        self.website()
        self.referral_by_hand()
        self.renewal_won()
        self.associate_leaves()
        self.sessions_held()
        self.closing_rounds(self.stripe_payment)

    def fresh(self) -> None:
        """An empty var directory and outbox, then the local server, the base, this business and the app."""
        import shutil

        shutil.rmtree(self.var, ignore_errors=True)
        self.var.mkdir(parents=True)
        self.outbox.mkdir()
        self.setup()

    def closing_rounds(self, between: Callable[[], None] | None = None) -> None:
        """Every daily job, the weekly report and the catch-up; `between` (a payment arriving); the counts;
        a duplicate delivery of every job that creates records; the counts again; every table, for the
        checks."""
        for job in (*DAILY_JOBS, "weekly-report", "catch-up"):
            self.cron(job)
        if between is not None:
            between()
        self.counts_after.append(self.table_counts())
        for job in (*DAILY_JOBS, "weekly-report"):  # a duplicate delivery of every job that creates records
            if job not in ("associates-daily", "notes-catch-up"):
                self.cron(job)
        self.counts_after.append(self.table_counts())
        schema = self.api("GET", f"/v0/meta/bases/{self.base_id}/tables")
        self.final = {t["name"]: self.records(t["id"]) for t in schema["tables"]}

    def create(self, table: str, rows: list[dict[str, Any]]) -> list[str]:
        ids: list[str] = []
        for k in range(0, len(rows), 10):
            body = {"records": [{"fields": f} for f in rows[k : k + 10]], "typecast": True}
            ids += [r["id"] for r in self.api("POST", self.table_path(table), json=body)["records"]]
        return ids

    def table_counts(self) -> dict[str, int]:
        return {t: len(self.records(t)) for t in ("Leads", "Clients", "Messages", "Invoices", "Action Items")}

    # ---- before the day ----

    def put_settings(self, settings: dict[str, str]) -> None:
        """The business's Settings rows, upserted on Key (ten a request: Airtable's limit)."""
        rows = [{"fields": {"Key": k, "Value": v}} for k, v in settings.items()]
        for k in range(0, len(rows), 10):
            self.api(
                "PATCH",
                self.table_path("Settings"),
                json={"records": rows[k : k + 10], "performUpsert": {"fieldsToMergeOn": ["Key"]}},
            )

    def put_packages(self, *packages: tuple[str, str, int]) -> dict[tuple[str, str, int], str]:
        """Packages (name, billing, price) of two sessions a month; their record ids by package."""
        made = self.create(
            "Packages",
            [
                {"Name": n, "Billing": b, "Price": p, "Sessions Per Month": 2, "Active": True}
                for n, b, p in packages
            ],
        )
        return dict(zip(packages, made, strict=True))

    def put_clients(
        self, clients: dict[str, tuple[Any, ...]], packages: dict[Any, str], start: date
    ) -> dict[str, str]:
        """Active clients, keyed as given: (name, email, company, Time Zone or "", package, associate key),
        with AI consent, started on `start`, linked to `self.ids["associates"][key]`; their record ids by key
        (also in `self.ids["clients"]`)."""
        made = self.create(
            "Clients",
            [
                {"Name": n, "Email": e, "Company": co, "Package": [packages[p]], "Status": "Active",
                 "Start Date": start.isoformat(), "Associate": [self.ids["associates"][a]],
                 "AI Consent": True, **({"Time Zone": z} if z else {})}
                for n, e, co, z, p, a in clients.values()
            ],
        )  # fmt: skip
        self.ids["clients"] = dict(zip(clients, made, strict=True))
        return self.ids["clients"]

    def seed(self) -> None:
        self.put_settings(SETTINGS)
        packages = self.put_packages(PER_SESSION, RETAINER)
        hired = (self.today - timedelta(days=400)).isoformat()
        self.ids["associates"] = self.create(
            "Associates",
            [
                {"Name": n, "Email": e, "Specialty": s, "Certification Level": c, "Commission %": pct,
                 "Status": "Active", "Hire Date": hired, "Max Clients": 6}
                for n, e, s, c, pct in ASSOCIATES
            ],
        )  # fmt: skip
        start = (self.today - timedelta(days=200)).isoformat()
        keys = list(CLIENTS)
        made = self.create(
            "Clients",
            [
                {"Name": n, "Email": e, "Company": co, "Package": [packages[p]], "Status": "Active",
                 "Start Date": start, "Associate": [self.ids["associates"][a]], "Focus Areas": f,
                 "AI Consent": True}
                for n, e, co, p, a, f in CLIENTS.values()
            ],
        )  # fmt: skip
        self.ids["clients"] = dict(zip(keys, made, strict=True))
        first, _ = last_month(self.today)
        tomas, zoe, _ana = self.ids["associates"]
        amelie, ngozi = self.ids["clients"]["amelie"], self.ids["clients"]["ngozi"]

        def held(day: int, hour: int = 9) -> str:
            return _at(datetime.combine(first.replace(day=day), datetime.min.time(), TZ).replace(hour=hour))

        past = [  # last month: Amélie 3 (two with Tomás, one with Zoë), Ngozi 2 (Zoë)
            ("Amélie 1", amelie, tomas, held(6)), ("Amélie 2", amelie, tomas, held(13)),
            ("Amélie 3", amelie, zoe, held(20)), ("Ngozi 1", ngozi, zoe, held(8, 15)),
            ("Ngozi 2", ngozi, zoe, held(22, 15)),
        ]  # fmt: skip
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        today_rows = [  # held earlier today, still Scheduled until the coach types the notes
            ("Ngozi today", ngozi, zoe, _at(now - timedelta(hours=5))),
            ("Amélie today", amelie, tomas, _at(now - timedelta(hours=2))),
        ]
        sessions = self.create(
            "Coaching Sessions",
            [
                {"Name": n, "Client": [c], "Associate": [a], "Session Date": d, "Duration": 3600,
                 "Session Type": "Coaching", "Status": status,
                 **({"Satisfaction": 5} if status == "Completed" else {})}
                for rows, status in ((past, "Completed"), (today_rows, "Scheduled"))
                for n, c, a, d in rows
            ],
        )  # fmt: skip
        self.ids["past_sessions"] = sessions[:5]
        self.ids["today_sessions"] = {"ngozi": sessions[5], "amelie": sessions[6]}
        overdue = (self.today - timedelta(days=6)).isoformat()
        self.ids["overdue_items"] = self.create(
            "Action Items",
            [
                {"Description": "Share the revised depot rota with both team leads", "Client": [ngozi],
                 "Due Date": overdue, "Status": "Open", "Assigned To": "Client", "Priority": "High",
                 "Client Visible": True},
                {"Description": "Send Ngozi the article on psychological safety", "Client": [ngozi],
                 "Due Date": overdue, "Status": "Open", "Assigned To": "Coach", "Priority": "Low"},
            ],
        )  # fmt: skip
        lead = self.create(
            "Leads",
            [{"Name": CLIENTS["amelie"][0], "Email": CLIENTS["amelie"][1], "Company": CLIENTS["amelie"][2],
              "Title": "Directrice Générale", "Lead Source": "Referral", "Status": "Converted"}],
        )  # fmt: skip
        self.ids["renewal"] = self.create(
            "Deals",
            [{"Deal Name": "Château d'Eau: année 2 (renouvellement)", "Lead": lead, "Client": [amelie],
              "Deal Value": 6400, "Pipeline Stage": "Negotiation", "Closed By": [self.ids["associates"][2]],
              "Expected Close": (self.today + timedelta(days=10)).isoformat()}],
        )[0]  # fmt: skip

    # ---- the day ----

    def leads_by_source_detail(self) -> list[dict[str, Any]]:
        return self.records("Leads", f"{{Source Detail}}='{CONFERENCE}'")

    def conference(self) -> None:
        rows = conference_rows()
        self.ids["conference"] = self.create("Leads", rows)

        def all_scored() -> bool:
            found = self.leads_by_source_detail()
            return len(found) == len(rows) and all(r["fields"].get("Score Tier") for r in found)

        self.until(all_scored, "every conference lead to be scored", timeout=120)
        dup = self.ids["conference"][DUPLICATE_ROWS[1]]
        self.until(lambda: self.get("Leads", dup)["fields"].get("Duplicate Of"), "the duplicate flagged")

    def website(self) -> None:
        again = conference_rows()[1]  # Bartholomew fills in the website form after the conference
        forms = [
            {"name": again["Name"], "email": again["Email"].upper(), "company": again["Company"],
             "title": again["Title"], "timeline": "Immediate", "message": "We met at the Sommet."},
            {"name": "Siobhán Ní Mhurchú", "email": "siobhan@cliodhna-biotech.example",
             "company": "Clíodhna Biotech", "title": "Chief Scientific Officer", "company_size": 450,
             "industry": "Life Sciences", "timeline": "1-3 months", "message": "Ça m'intéresse: équipe R&D."},
        ]  # fmt: skip
        self.ids["website_status"] = []
        for form in forms:
            r = requests.post(f"{self.app_url}/api/leads", json=form, timeout=60)
            self.ids["website_status"].append(r.status_code)
        email = forms[1]["email"]
        found = self.until(
            lambda: [r for r in self.records("Leads", f"{{Email}}='{email}'") if "Lead Score" in r["fields"]],
            "the website lead to be scored",
        )
        self.ids["website_lead"] = found[0]["id"]

    def referral_by_hand(self) -> None:
        fields = {
            "Name": " Jean-Baptiste D'Aubigné ",
            "Email": " JB.DAubigne@Vins-DAubigne.example",
            "Company": "Vins D'Aubigné",
            "Title": "Président",
            "Lead Source": "Referral",
            "Source Detail": "Introduced by Amélie Fournier-Dubois",
            "Company Size": 85,
            "Industry": "Wine & Spirits",
            "Timeline": "Immediate",
            "Status": "New",
        }
        rec = self.api("POST", self.table_path("Leads"), json={"fields": fields, "typecast": True})["id"]
        self.ids["referral"] = rec
        drafts = self.until(
            lambda: [m for m in self.messages("First Touch", Lead=rec) if m["fields"]["Status"] == "Draft"],
            "the referral's first-touch draft",
        )
        self.approve(drafts[0], "the first touch to Jean-Baptiste")

    def renewal_won(self) -> None:
        self.patch("Deals", self.ids["renewal"], {"Pipeline Stage": "Closed Won"})
        self.until(
            lambda: self.get("Deals", self.ids["renewal"])["fields"].get("Actual Close"), "the renewal closed"
        )

    def associate_leaves(self) -> None:
        """Tomás leaves the practice; the coach flags Amélie for a new associate and approves the pick."""
        tomas = self.ids["associates"][0]
        amelie = self.ids["clients"]["amelie"]
        self.patch("Associates", tomas, {"Status": "Inactive", "Max Clients": 0})
        self.patch("Clients", amelie, {"Reassign Associate": True})
        proposal = self.until(
            lambda: [
                m
                for m in self.messages("Associate Proposal", Client=amelie)
                if m["fields"]["Status"] == "Draft"
            ],
            "a proposal for Amélie",
        )[0]
        self.ids["proposal"] = proposal["id"]
        self.approve(proposal, "the new associate for Amélie")
        self.until(
            lambda: (a := self.get("Clients", amelie)["fields"].get("Associate")) and a != [tomas],
            "Amélie's new associate",
        )

    def sessions_held(self) -> None:
        for key, sid in self.ids["today_sessions"].items():
            first = CLIENTS[key][0].split()[0]
            self.patch(
                "Coaching Sessions", sid, {"Raw Notes": NOTES[key].format(first=first), "Status": "Completed"}
            )
        for sid in self.ids["today_sessions"].values():
            self.until(
                lambda sid=sid: self.get("Coaching Sessions", sid)["fields"].get("Notes Status") == "Drafted",
                "the session notes",
            )

    def stripe_payment(self) -> None:
        amelie = self.ids["clients"]["amelie"]
        (inv,) = [i for i in self.records("Invoices") if amelie in i["fields"].get("Client", [])]
        paid_at = int(time.time()) - 60
        event = {
            "id": "evt_unseen_paid_0001",
            "object": "event",
            "type": "invoice.paid",
            "created": paid_at,
            "data": {
                "object": {
                    "id": "in_unseen_0001",
                    "object": "invoice",
                    "metadata": {"airtable_id": inv["id"]},
                    "amount_paid": int(Decimal(str(inv["fields"]["Total"])) * 100),
                    "status": "paid",
                    "status_transitions": {"paid_at": paid_at},
                    "paid_out_of_band": False,
                    "attempt_count": 1,
                }
            },
        }
        body = json.dumps(event).encode()
        self.replay["answers"] = []
        for _ in range(2):  # Stripe re-sends until it sees a 2xx: the replay changes nothing
            r = requests.post(
                f"{self.app_url}/api/webhooks/stripe",
                data=body,
                headers={"Content-Type": "application/json", "Stripe-Signature": stripe_signature(body)},
                timeout=60,
            )
            self.replay["answers"].append(r.status_code)
            self.replay.setdefault("after", []).append(self.get("Invoices", inv["id"])["fields"])
            time.sleep(1.0)
        self.ids["paid_invoice"] = inv["id"]


def table_fields(day: UnseenDay, name: str) -> dict[str, dict[str, Any]]:
    """A table's records at the end of the day: fields by record id."""
    return {r["id"]: r["fields"] for r in day.final[name]}


def messages_of(day: UnseenDay, kind: str | None = None) -> list[dict[str, Any]]:
    """The Messages records' fields at the end of the day (of one Kind)."""
    return [m["fields"] for m in day.final["Messages"] if kind is None or m["fields"].get("Kind") == kind]


# ---- what every scenario's tests read the day with ----


def run_day(run: Demo) -> Demo:
    """Run a scenario's day, then stop its server and app whatever happened (a module fixture's body)."""
    try:
        run.run()
    finally:
        run.stop()
    return run


def money(value: Any) -> Decimal:
    """A currency cell as exact money (a blank one is 0)."""
    return Decimal(str(value or 0))


def text_of(m: dict[str, Any]) -> str:
    """What a reader of a message sees: its subject, then its body."""
    return f"{m.get('Subject', '')}\n{m.get('Body', '')}"


def to_coach(m: dict[str, Any], coach: tuple[str, str]) -> bool:
    """Whether a message is for the coach: to her email, or on Slack (her channel)."""
    return m.get("Recipient") == coach[1] or m.get("Channel") == "Slack"


def live_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The messages not withdrawn (sent, or still to be approved or sent)."""
    return [m for m in messages if m.get("Status") != "Cancelled"]


def tier(score: int) -> str:
    """The tier a lead's score puts her in by the cut-offs the README gives (80 / 60 / 35)."""
    return "Hot" if score >= 80 else "Warm" if score >= 60 else "Cool" if score >= 35 else "Cold"


def assert_nothing_doubled_stuck_or_failed(day: Demo) -> None:
    """The day's ledger is clean: every cron's second delivery created nothing, no message twice, none left in
    Sending or Failed, no automation run failed, and Airtable never answered 429."""
    first, second = day.counts_after
    assert first == second, "a second delivery of every cron created records"
    keys = Counter(m.get("Dedupe Key") for m in messages_of(day))
    assert not [k for k, n in keys.items() if k and n > 1]
    statuses = Counter(m.get("Status") for m in messages_of(day))
    assert not statuses.keys() - {"Sent", "Draft", "Cancelled", "Approved"}, statuses
    runs = [r["fields"] for r in day.final["Automation Runs"]]
    assert not [r for r in runs if r.get("Outcome") == "Failed"], [r.get("Error") for r in runs]
    log = (day.var / "localbase.log").read_text(errors="replace")
    assert not re.search(r"\b429\b", log), [line for line in log.splitlines() if re.search(r"\b429\b", line)]
