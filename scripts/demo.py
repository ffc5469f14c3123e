"""`make demo`: a day in the business, run on this machine through the real path, and what it did.

Starts the local Airtable-compatible server (5 requests/second and Airtable's 30-second penalty after a 429),
creates and seeds the demo base, starts the app (uvicorn) and registers its webhook. Then a day: overnight
jobs; leads arrive from the website, an Airtable form and a referral Sarah types in; a deal is won and
becomes a client with an associate proposal Sarah approves; the client books through the scheduling
service; two sessions are held and their raw notes become notes, action items and a notes email; Sarah
approves messages (the outbox receives them); the day's cron jobs run. It ends with what changed and where
to look. No paid key is needed. Leaves everything running until Ctrl-C (`--no-wait` exits at once).
tests/demo/test_demo_day.py runs this same day and checks the base it leaves.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
APP_TOKEN = "patDemoAutomation.0001"  # the functions' token
COACH_TOKEN = "patDemoCoachSarah.0002"  # "Sarah in the Airtable UI": another user, so her edits are processed
SECRETS = {
    "APP_SECRET": "demo-app-secret-not-for-production",
    "CRON_SECRET": "demo-cron-secret-not-for-production",
    "TRIGGER_SECRET": "demo-trigger-secret-not-for-production",
    "CALENDLY_SIGNING_KEY": "demo-calendly-signing-key-not-for-production",
}
FORM_VIEW = (
    "viwWebsiteForm001"  # the Airtable form's view (the local server publishes it as a form submission)
)
DAILY_JOBS = (  # the crons of vercel.json that run every day, in their schedule's order
    "leads-daily",
    "health-daily",
    "associates-daily",
    "session-reminders",
    "overdue-action-items",
    "notes-catch-up",
    "billing-daily",
    "daily-brief",
    "send-due",
    "satisfaction-survey",
)
NOTES = (  # the raw notes Sarah types after today's two sessions ({first}: the client's first name)
    """{first} came in frustrated: the leadership team keeps escalating decisions to her.
We used the Situational Leadership model to sort which decisions each direct report is ready to own.
- {first} to write a one-page decision-rights grid for her four directs by Friday.
- {first} will hand the weekly KPI review to Marco from next week.
- I'll send her the delegation-conversation template tomorrow.
Energy much better by the end. Next time: how it felt to let go.""",
    """Good session. {first} has the board presentation in two weeks and is anxious about the Q&A.
Practised the opening twice; she's clear, but rushes when challenged.
Actions:
1. {first} to rehearse the Q&A with her CFO before the 15th
2. {first} to ask two board members for their main concern ahead of the meeting
Pre-work was done. Next session: debrief the board meeting.""",
)


def say(text: str = "") -> None:
    print(text, flush=True)


def heading(text: str) -> None:
    say()
    say(f"== {text}")


def free_port(preferred: int) -> int:
    """The preferred port when free, else any free one."""
    for port in (preferred, 0):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port")


def wait_for(check: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = check()
        except requests.RequestException:
            value = None
        if value:
            return value
        time.sleep(1.0)  # polling is API traffic too (Demo.api keeps it to one call a second)
    raise SystemExit(f"demo: timed out after {timeout:.0f} s waiting for {what}")


def printed_links(base_url: str, app_url: str) -> list[tuple[str, str]]:
    """The URLs the demo ends with (each is fetched before it is printed; a test checks they answer)."""
    return [
        ("Look at the data", f"{base_url}/"),  # the local server's read-only viewer
        ("The app", f"{app_url}/api/docs"),  # FastAPI's interactive docs
    ]


def _status(url: str) -> int | None:
    # Whether the page answers, not how fast (bench/RESULTS-reports.md): the dashboard's 17 reads at the
    # production pace of 2 calls/s take 9 s on a quiet machine and passed 10 s on a busy one.
    try:
        return requests.get(url, timeout=30).status_code
    except requests.RequestException:
        return None


class Demo:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.var = Path(args.var)
        self.procs: list[subprocess.Popen[bytes]] = []
        self.logs: list[Any] = []  # the processes' log files, closed by stop()
        self.base_port = free_port(args.base_port)
        self.app_port = free_port(args.app_port)
        self.base_url = f"http://127.0.0.1:{self.base_port}"
        self.app_url = f"http://127.0.0.1:{self.app_port}"
        self.outbox = self.var / "outbox"
        self.facts: dict[str, Any] = {}  # what the day produced (ids), for the summary and the day's test
        self.final: dict[str, list[dict[str, Any]]] = {}  # every table at the end, for the day's test
        self.env = {
            **os.environ,
            "AIRTABLE_API_KEY": APP_TOKEN,
            "AIRTABLE_ENDPOINT_URL": self.base_url,
            # Airtable allows 5 requests/second per base for ALL API clients together, and this demo's own
            # polling (as the coach) is API traffic too: the app keeps to its default 2/s, the coach to 1/s.
            "OUTBOX_DIR": str(self.outbox),
            "PUBLIC_BASE_URL": self.app_url,
            "PYTHONUNBUFFERED": "1",
            **SECRETS,
        }
        for key in (
            "AIRTABLE_RATE_PER_S",
            "OPENAI_API_KEY",
            "SENDGRID_API_KEY",
            "SLACK_BOT_TOKEN",
            "SLACK_WEBHOOK_URL",
            "STRIPE_SECRET_KEY",
        ):
            self.env.pop(key, None)  # the demo runs on the offline defaults, whatever the shell has

    # ---- processes ----

    def start(self, name: str, argv: list[str], ready: str | None, log: Path) -> subprocess.Popen[bytes]:
        out = log.open("wb")
        self.logs.append(out)
        proc = subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        self.procs.append(proc)
        if ready:
            wait_for(lambda: ready in log.read_text(errors="replace") or proc.poll() is not None, 15, name)
            if proc.poll() is not None:
                raise SystemExit(f"demo: {name} did not start; see {log}")
        return proc

    def run_script(self, module: str, *args: str, rate: str = "0") -> str:
        env = {**self.env, "AIRTABLE_RATE_PER_S": rate}
        done = subprocess.run(
            [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True
        )
        output = (done.stdout + done.stderr).strip()
        if done.returncode != 0:
            raise SystemExit(f"demo: {module} failed (exit {done.returncode}):\n{output}")
        # The 5 requests/second are per base for every client together, and a 429 locks the base for 30 s:
        # let the script's last second of calls pass before the next client (the app, the coach) starts.
        time.sleep(1.2)
        return output

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        for out in self.logs:
            out.close()

    # ---- Airtable as the coach sees it (her own token) ----

    def api(self, method: str, path: str, headers: dict[str, str] | None = None, **kw: Any) -> Any:
        # Sarah's clicks are API calls here, and the base's 5 calls/second are shared with the app (which
        # keeps to 2): her side makes at most one call a second.
        wait = getattr(self, "_last_call", 0.0) + 1.0 - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_call = time.monotonic()
        r = requests.request(
            method,
            f"{self.base_url}{path}",
            headers={"Authorization": f"Bearer {COACH_TOKEN}", **(headers or {})},
            timeout=10,
            **kw,
        )
        if r.status_code == 429:  # the local server enforces Airtable's limit (and its penalty) like Airtable
            say("  (Airtable answered 429: waiting as Airtable asks)")
            time.sleep(5.0)
            return self.api(method, path, headers, **kw)
        r.raise_for_status()
        return r.json() if r.content else None

    def table_path(self, table: str, rec: str | None = None) -> str:
        path = f"/v0/{self.base_id}/{requests.utils.quote(table, safe='')}"
        return f"{path}/{rec}" if rec else path

    def get(self, table: str, rec: str) -> dict[str, Any]:
        return self.api("GET", self.table_path(table, rec))

    def patch(self, table: str, rec: str, fields: dict[str, Any]) -> dict[str, Any]:
        return self.api("PATCH", self.table_path(table, rec), json={"fields": fields, "typecast": True})

    def records(self, table: str, formula: str | None = None) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"pageSize": 100}
        if formula:
            params["filterByFormula"] = formula
        out: list[dict[str, Any]] = []
        while True:
            page = self.api("GET", self.table_path(table), params=params)
            out += page["records"]
            if "offset" not in page:
                return out
            params["offset"] = page["offset"]

    def messages(self, kind: str, **links: str) -> list[dict[str, Any]]:
        """Messages of this kind, linked to these records (Lead=rec..., Client=rec...)."""
        found = self.records("Messages", f"{{Kind}}='{kind}'")
        return [m for m in found if all(rid in m["fields"].get(link, []) for link, rid in links.items())]

    def until(self, check: Callable[[], Any], what: str, timeout: float = 60) -> Any:
        return wait_for(check, timeout, what)

    # ---- the day ----

    def run(self) -> None:
        shutil.rmtree(self.var, ignore_errors=True)
        self.var.mkdir(parents=True)
        self.outbox.mkdir()
        self.setup()
        self.overnight()
        before = self.counts()
        self.website_lead()
        self.form_lead()
        self.referral()
        self.won_deal()
        self.booking()
        self.sessions()
        self.crons()
        self.summary(before)

    def setup(self) -> None:
        heading("1. The local Airtable-compatible server (scripts/localbase)")
        self.start(
            "the local Airtable server",
            [
                sys.executable,
                "-m",
                "scripts.localbase",
                "--port",
                str(self.base_port),
                "--db",
                str(self.var / "base.sqlite3"),
                "--rate-limit",
                "5",
                "--penalty-s",
                "30",
                "--verbose",  # every request in localbase.log, for a person reading what happened
            ],
            "localbase: ready",
            self.var / "localbase.log",
        )
        say(f"serving {self.base_url}  (5 requests/second per base, 30 s locked after a 429: like Airtable)")

        heading("2. The base from schema/ (scripts.setup_base), then the demo business (scripts.seed_demo)")
        out = self.run_script("scripts.setup_base", "--create-base", "Leadership OS demo", rate="5")
        found = re.search(r"\b(app[A-Za-z0-9]{14})\b", out)
        if not found:
            raise SystemExit(f"demo: setup_base printed no base id:\n{out}")
        self.base_id = found.group(1)
        self.env["AIRTABLE_BASE_ID"] = self.base_id
        say("\n".join(out.splitlines()[-2:]))
        out = self.run_script("scripts.seed_demo", "--today", date.today().isoformat(), rate="5")
        say("\n".join(out.splitlines()[-1:]))

        heading("3. The app (api/index.py under uvicorn) and its Airtable webhook")
        self.start(
            "the app",
            [
                sys.executable,
                "-m",
                "uvicorn",
                "api.index:app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.app_port),
                "--log-level",
                "warning",
            ],
            None,
            self.var / "app.log",
        )
        wait_for(lambda: requests.get(f"{self.app_url}/api/health", timeout=2).ok, 20, "the app")
        health = requests.get(f"{self.app_url}/api/health", timeout=10).json()
        say(f"app at {self.app_url}; /api/health: {json.dumps(health)}")
        out = self.run_script(
            "scripts.register_webhooks", "--url", f"{self.app_url}/api/webhooks/airtable", rate="5"
        )
        say(out)
        # What the coach builds by hand in Airtable (the checklist): approving a message calls the app.
        out = self.run_script(
            "scripts.airtable_automations", "--local", self.base_url, "--base", self.base_id,
            "--url", self.app_url,
        )  # fmt: skip
        say("Airtable Automation (built by hand in a real base): Messages, Status is Approved → "
            "POST /api/triggers/deliver-approved-messages")  # fmt: skip

    def cron(self, job: str) -> dict[str, Any]:
        r = requests.get(
            f"{self.app_url}/api/cron/{job}",
            headers={"Authorization": f"Bearer {SECRETS['CRON_SECRET']}"},
            timeout=300,
        )
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
        say(f"  {job:<22} {r.status_code}  {_brief(body)}")
        if r.status_code != 200:
            raise SystemExit(f"demo: /api/cron/{job} answered {r.status_code}: {r.text[:300]}")
        time.sleep(1.0)  # the job's last second of calls passes before the next client starts
        return body

    def overnight(self) -> None:
        heading("4. Overnight: the nightly jobs see the business as the seed left it")
        for job in ("leads-daily", "health-daily", "associates-daily"):
            self.cron(job)

    def counts(self) -> dict[str, int]:
        schema = self.api("GET", f"/v0/meta/bases/{self.base_id}/tables")
        return {t["name"]: len(self.records(t["id"])) for t in schema["tables"]}

    # -- leads --

    def show_lead(self, rec: str, started: float, how: str) -> dict[str, Any]:
        lead = self.until(
            lambda: (r := self.get("Leads", rec))["fields"].get("Lead Score") is not None and r,
            f"the lead from {how} to be scored",
        )
        f = lead["fields"]
        say(
            f"  scored in {time.monotonic() - started:.1f} s: {f.get('Name')} <{f.get('Email')}> "
            f"{f.get('Lead Score')} {f.get('Score Tier')}; next: {f.get('Next Action')}"
        )
        for line in str(f.get("Score Breakdown", "")).splitlines()[:-1]:
            say(f"    {line}")
        return lead

    def website_lead(self) -> None:
        heading("5. 08:10 A lead from the website form (POST /api/leads, as the site's fetch() sends it)")
        form = {
            "name": "Morgan Lee",
            "email": "morgan.lee@brightpath-health.example",
            "company": "BrightPath Health",
            "title": "Director of Operations",
            "company_size": "200-999",
            "industry": "Healthcare",
            "timeline": "Immediate",
            "message": "Our new managers are struggling with difficult conversations.",
            "source_detail": "/programmes/new-managers",
        }
        started = time.monotonic()
        r = requests.post(f"{self.app_url}/api/leads", json=form, timeout=60)
        say(f"  POST /api/leads → {r.status_code} {r.text}")
        if r.status_code != 202:
            raise SystemExit("demo: the website form was not accepted")
        found = self.until(lambda: self.records("Leads", f"{{Email}}='{form['email']}'"), "the stored lead")
        rec = found[0]["id"]
        self.facts["website_lead"] = rec
        self.show_lead(rec, started, "the website")

    def form_lead(self) -> None:
        heading("6. 09:30 A lead through the Airtable form (the webhook says: formSubmission)")
        fields = {
            "Name": "Anika Patel",
            "Email": "anika.patel@atlas-logistics.example",
            "Company": "Atlas Logistics",
            "Title": "Head of Engineering",
            "Company Size": 1200,
            "Industry": "Logistics",
            "Timeline": "3-6 months",
            "Lead Source": "Website",
        }
        started = time.monotonic()
        created = self.api(
            "POST",
            self.table_path("Leads"),
            headers={"X-Localbase-Form": FORM_VIEW},
            json={"fields": fields, "typecast": True},
        )
        self.facts["form_lead"] = created["id"]
        self.show_lead(created["id"], started, "the Airtable form")

    def referral(self) -> None:
        heading("7. 10:05 Sarah types in a referral (as herself: another user than the functions)")
        fields = {
            "Name": "  Jordan Avery ",
            "Email": " Jordan.Avery@Northwind-Capital.example ",
            "Company": "Northwind Capital",
            "Title": "VP of People",
            "Lead Source": "Referral",
            "Source Detail": "Introduced by Gita Moreau",
            "Company Size": 450,
            "Industry": "Financial Services",
            "Timeline": "1-3 months",
            "Status": "New",
        }
        started = time.monotonic()
        created = self.api("POST", self.table_path("Leads"), json={"fields": fields, "typecast": True})
        rec = created["id"]
        self.facts["referral_lead"] = rec
        lead = self.show_lead(rec, started, "Sarah's referral")
        say("  cleaned as typed → stored: Name " + repr(lead["fields"].get("Name")))
        say("  Sarah learns Jordan is the Chief People Officer and corrects the Title:")
        before = lead["fields"].get("Lead Score")
        started = time.monotonic()
        self.patch("Leads", rec, {"Title": "Chief People Officer"})
        after = self.until(
            lambda: (f := self.get("Leads", rec)["fields"]).get("Lead Score") != before and f,
            "the lead to be re-scored",
        )
        say(
            f"  re-scored in {time.monotonic() - started:.1f} s: {before} → {after.get('Lead Score')} "
            f"{after.get('Score Tier')}"
        )
        drafts = self.until(
            lambda: [m for m in self.messages("First Touch", Lead=rec) if m["fields"]["Status"] == "Draft"],
            "the first-touch draft",
        )
        self.approve(drafts[0], "the first-touch email to Jordan")

    def approve(self, message: dict[str, Any], what: str, edit: str | None = None) -> dict[str, Any]:
        """Sarah approves a draft in the Approval Queue (optionally editing its body first)."""
        mid = message["id"]
        fields: dict[str, Any] = {"Status": "Approved"}
        if edit:
            fields["Body"] = message["fields"].get("Body", "") + edit
        started = time.monotonic()
        self.patch("Messages", mid, fields)
        done = self.until(
            lambda: (
                (m := self.get("Messages", mid))["fields"].get("Status") in ("Sent", "Failed", "Cancelled")
                and m
            ),
            f"{what} to be delivered",
        )
        f = done["fields"]
        say(
            f"  Sarah approves {what}: {f.get('Status')} in {time.monotonic() - started:.1f} s "
            f"({f.get('Provider ID') or f.get('Error')})"
        )
        self.facts.setdefault("approved", []).append(mid)
        return done

    # -- a deal won, an associate, a booking --

    def won_deal(self) -> None:
        heading("8. 11:00 Sarah moves a deal to Closed Won: a client, and an associate proposal")
        deals = [d for d in self.records("Deals") if d["fields"].get("Pipeline Stage") == "Negotiation"]
        if not deals:
            raise SystemExit("demo: the seed has no deal in Negotiation")
        deal = deals[0]
        self.patch("Deals", deal["id"], {"Pipeline Stage": "Closed Won"})
        say(f"  {deal['fields'].get('Deal Name')}: Negotiation → Closed Won")
        done = self.until(
            lambda: (d := self.get("Deals", deal["id"]))["fields"].get("Client") and d,
            "the won deal to become a client",
        )
        f = done["fields"]
        client = self.get("Clients", f["Client"][0])
        self.facts["deal"], self.facts["client"] = deal["id"], client["id"]
        say(
            f"  Weighted Value {f.get('Weighted Value')}, Actual Close {f.get('Actual Close')}; "
            f"client {client['fields'].get('Name')} <{client['fields'].get('Email')}> since "
            f"{client['fields'].get('Start Date')}"
        )
        proposal = self.until(
            lambda: self.messages("Associate Proposal", Client=client["id"]), "the associate proposal"
        )[0]
        say(f"  Messages: {proposal['fields'].get('Subject')!r} (Draft, for Sarah)")
        for line in str(proposal["fields"].get("Body", "")).splitlines()[:6]:
            if line.strip():
                say(f"    {line}")
        self.approve(proposal, "the proposal")
        assigned = self.until(
            lambda: (c := self.get("Clients", client["id"]))["fields"].get("Associate") and c,
            "the client's associate",
        )
        associate = self.get("Associates", assigned["fields"]["Associate"][0])
        self.facts["associate"] = associate["id"]
        name = client["fields"].get("Name", "")
        note = self.until(
            lambda: [
                m
                for m in self.messages("Associate Assignment", Associate=associate["id"])
                if name in m["fields"].get("Subject", "")
            ],
            "the associate's note",
        )[0]
        say(
            f"  → Associate {associate['fields'].get('Name')}; they are told: "
            f"{note['fields'].get('Subject')!r} ({note['fields'].get('Status')})"
        )

    def booking(self) -> None:
        heading("9. 11:40 The new client books a session (the scheduling service's webhook, signed)")
        client = self.get("Clients", self.facts["client"])["fields"]
        associate = self.get("Associates", self.facts["associate"])["fields"]
        start = (datetime.now(UTC) + timedelta(days=3)).replace(hour=14, minute=0, second=0, microsecond=0)
        body = calendly_booking(client, associate, start)
        from automation.schedule.calendly import sign

        signature = sign(SECRETS["CALENDLY_SIGNING_KEY"], body, int(time.time()))
        r = requests.post(
            f"{self.app_url}/api/webhooks/calendly",
            data=body,
            headers={"Content-Type": "application/json", "Calendly-Webhook-Signature": signature},
            timeout=60,
        )
        say(f"  POST /api/webhooks/calendly → {r.status_code} {r.text}")
        session = r.json().get("session") if r.ok else None
        if not session:
            raise SystemExit("demo: the booking was not written")
        self.facts["booked_session"] = session
        f = self.get("Coaching Sessions", session)["fields"]
        say(f"  {f.get('Name')}: {f.get('Status')} on {f.get('Session Date')} with {associate.get('Name')}")

    # -- sessions held --

    def sessions(self) -> None:
        heading("10. 14:00 Two sessions are held: raw notes → notes, action items, the notes email")
        upcoming = self.records("Coaching Sessions", "{Status}='Scheduled'")
        upcoming = [s for s in upcoming if s["id"] != self.facts.get("booked_session")]
        upcoming.sort(key=lambda s: s["fields"].get("Session Date", ""))
        held = []
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        for k, (session, notes) in enumerate(zip(upcoming[:2], NOTES, strict=False)):
            client = self.get("Clients", session["fields"]["Client"][0])["fields"]
            first = str(client.get("Name", "")).split()[0]
            when = now - timedelta(hours=4 - 3 * k)  # 3 h apart: no double-booking of the associate
            self.patch(
                "Coaching Sessions",
                session["id"],
                {
                    "Session Date": when.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    "Raw Notes": notes.format(first=first),
                    "Status": "Completed",
                },
            )
            say(f"  {session['fields'].get('Name')}: held today (moved forward), notes typed, Completed")
            held.append(session["id"])
        self.facts["held_sessions"] = held
        for sid in held:
            f = self.until(
                lambda sid=sid: (
                    (s := self.get("Coaching Sessions", sid)["fields"]).get("Notes Status")
                    in ("Drafted", "Sent")
                    and s
                ),
                "the session notes",
            )
            items = self.records("Action Items", f"FIND('{f.get('Name')}', ARRAYJOIN({{Session}}))")
            say(f"  {f.get('Name')}: Notes Status {f.get('Notes Status')}")
            say(f"    summary: {f.get('Notes Summary')!r}")
            for item in items:
                i = item["fields"]
                say(
                    f"    action item: {i.get('Description')!r} "
                    f"({i.get('Assigned To')}, due {i.get('Due Date')})"
                )
        email = self.until(
            lambda: [
                m for m in self.messages("Session Notes", Session=held[0]) if m["fields"]["Status"] == "Draft"
            ],
            "the notes email draft",
        )[0]
        self.approve(
            email, "the first session's notes email (with a line of her own)", edit="\n\nSee you soon!"
        )

    # -- the crons --

    def crons(self) -> None:
        heading("11. The day's cron jobs, as Vercel Cron calls them (vercel.json)")
        for job in DAILY_JOBS:
            self.cron(job)
        self.cron("weekly-report")  # Mondays in vercel.json; run today so the demo shows it
        self.cron("catch-up")

    # -- the end --

    def summary(self, before: dict[str, int]) -> None:
        heading("12. What the day changed")
        after = self.counts()
        for table, n in after.items():
            delta = n - before.get(table, 0)
            say(f"  {table:<20} {before.get(table, 0):>5} → {n:>5}" + (f"  (+{delta})" if delta else ""))
        schema = self.api("GET", f"/v0/meta/bases/{self.base_id}/tables")
        self.final = {t["name"]: self.records(t["id"]) for t in schema["tables"] if t["name"] != "Settings"}
        kinds: dict[str, dict[str, int]] = {}
        for m in self.final["Messages"]:
            f = m["fields"]
            by = kinds.setdefault(f.get("Kind", "?"), {})
            by[f.get("Status", "?")] = by.get(f.get("Status", "?"), 0) + 1
        say("  Messages by kind:")
        for kind, statuses in sorted(kinds.items()):
            say(f"    {kind:<24} " + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items())))
        outcomes: dict[str, int] = {}
        for run in self.final["Automation Runs"]:
            key = str(run["fields"].get("Outcome"))
            outcomes[key] = outcomes.get(key, 0) + 1
        say("  Automation Runs: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
        files = sorted(p for p in self.outbox.rglob("*") if p.is_file() and p.suffix == ".json")
        say()
        say(f"Outbox (what would have been emailed or posted to Slack without keys): {self.outbox}")
        for p in files[:10]:
            say(f"  {p.relative_to(self.outbox)}")
        if len(files) > 10:
            say(f"  … and {len(files) - 10} more messages")
        say()
        from automation.reports.links import associate_token, dashboard_token

        links = printed_links(self.base_url, self.app_url) + [
            ("Dashboard", f"{self.app_url}/api/dashboard?token={dashboard_token(SECRETS['APP_SECRET'])}"),
            (
                "Associate page",
                f"{self.app_url}/api/associate?token="
                f"{associate_token(SECRETS['APP_SECRET'], self.facts['associate'])}",
            ),
        ]
        self.facts["links"] = {}
        for label, url in links:
            status = _status(url)
            self.facts["links"][label] = status
            note = "" if status == 200 else f"   (does not answer: {status or 'no response'})"
            say(f"{label + ':':<18}{url}{note}")
        say(f"{'Logs:':<18}{self.var}/localbase.log, {self.var}/app.log")


def _brief(body: dict[str, Any]) -> str:
    """A cron's answer in one line: its counts and short values (lists as their length)."""
    parts = []
    for key, value in body.items():
        if key == "job":
            continue
        if isinstance(value, list):
            value = len(value)
        elif isinstance(value, dict):
            value = (
                "{"
                + ", ".join(f"{k}: {len(v) if isinstance(v, list | dict) else v}" for k, v in value.items())
                + "}"
            )
        parts.append(f"{key}={value}")
    text = " ".join(parts)
    return text if len(text) <= 150 else text[:147] + "..."


def calendly_booking(client: dict[str, Any], associate: dict[str, Any], start: datetime) -> bytes:
    """An invitee.created delivery as Calendly sends it (tests/sample_data/calendly has a real one)."""
    sample = json.loads((ROOT / "tests" / "sample_data" / "calendly" / "invitee_created.json").read_text())
    at = lambda dt: dt.strftime("%Y-%m-%dT%H:%M:%S.000000Z")  # noqa: E731
    now = datetime.now(UTC)
    uid = hashlib.sha1(f"{client.get('Email')}{start.isoformat()}".encode()).hexdigest()[:16].upper()
    payload = sample["payload"]
    payload |= {
        "created_at": at(now),
        "updated_at": at(now),
        "email": client.get("Email"),
        "name": client.get("Name"),
        "first_name": str(client.get("Name", "")).split()[0],
        "last_name": str(client.get("Name", "")).split()[-1],
        "uri": f"https://api.calendly.com/scheduled_events/DEMO{uid}/invitees/INV{uid}",
        "event": f"https://api.calendly.com/scheduled_events/DEMO{uid}",
    }
    event = payload["scheduled_event"]
    event |= {
        "uri": payload["event"],
        "name": "Coaching session",
        "start_time": at(start),
        "end_time": at(start + timedelta(hours=1)),
        "created_at": at(now),
        "updated_at": at(now),
    }
    event["event_memberships"] = [
        {
            "user": sample["created_by"],
            "user_email": associate.get("Email"),
            "user_name": associate.get("Name"),
        }
    ]
    sample["created_at"] = at(now)
    return json.dumps(sample).encode()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m scripts.demo", description=__doc__.splitlines()[0])
    p.add_argument("--base-port", type=int, default=8765)
    p.add_argument("--app-port", type=int, default=8000)
    p.add_argument("--var", default=str(ROOT / "var" / "demo"), help="where the base, logs and outbox go")
    p.add_argument("--no-wait", action="store_true", help="stop everything when the demo has run")
    args = p.parse_args(argv)
    demo = Demo(args)
    try:
        demo.run()
        if args.no_wait or not sys.stdin.isatty():
            say(
                "\nDone (servers stopped). Run `make demo` in a terminal to keep them running "
                "and browse the viewer."
            )
            return 0
        say("\nRunning. Press Ctrl-C to stop.")
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        say("\nStopping.")
        return 0
    finally:
        demo.stop()


if __name__ == "__main__":
    raise SystemExit(main())
