"""`make demo`: the whole system on its embedded defaults, on this machine, and what it did.

Starts the local Airtable-compatible server, creates and seeds the demo base, starts the app (uvicorn),
registers the webhook, then acts as the coach would in Airtable (a new lead, a won deal) and shows what the
automations wrote back, what they queued in Messages and what they would have sent (the outbox folder).
No paid key is needed. Leaves everything running until Ctrl-C (`--no-wait` exits at once).
"""

from __future__ import annotations

import argparse
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
from datetime import date
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var" / "demo"
APP_TOKEN = "patDemoAutomation.0001"  # the functions' token
COACH_TOKEN = "patDemoCoachSarah.0002"  # "Sarah in the Airtable UI": another user, so her edits are processed
SECRETS = {
    "APP_SECRET": "demo-app-secret-not-for-production",
    "CRON_SECRET": "demo-cron-secret-not-for-production",
    "TRIGGER_SECRET": "demo-trigger-secret-not-for-production",
}


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
    try:
        return requests.get(url, timeout=10).status_code
    except requests.RequestException:
        return None


class Demo:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.procs: list[subprocess.Popen[bytes]] = []
        self.base_port = free_port(args.base_port)
        self.app_port = free_port(args.app_port)
        self.base_url = f"http://127.0.0.1:{self.base_port}"
        self.app_url = f"http://127.0.0.1:{self.app_port}"
        self.outbox = VAR / "outbox"
        self.env = {
            **os.environ,
            "AIRTABLE_API_KEY": APP_TOKEN,
            "AIRTABLE_ENDPOINT_URL": self.base_url,
            # Airtable allows 5 requests/second per base for ALL API clients together, and this demo's own
            # polling (as the coach) is API traffic too: the app keeps to 3.5/s, the polling to 1.4/s.
            "AIRTABLE_RATE_PER_S": "3.5",
            "OUTBOX_DIR": str(self.outbox),
            "PUBLIC_BASE_URL": self.app_url,
            "PYTHONUNBUFFERED": "1",
            **SECRETS,
        }
        for key in (
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

    # ---- Airtable as the coach sees it (her own token) ----

    def api(self, method: str, path: str, **kw: Any) -> Any:
        # Sarah's clicks are API calls here, and the base's 5 calls/second are shared with the app (which
        # keeps to 3): her side makes at most one call a second.
        wait = getattr(self, "_last_call", 0.0) + 1.0 - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_call = time.monotonic()
        r = requests.request(
            method,
            f"{self.base_url}{path}",
            headers={"Authorization": f"Bearer {COACH_TOKEN}"},
            timeout=10,
            **kw,
        )
        if r.status_code == 429:  # the local server enforces Airtable's 5 requests/second like Airtable
            time.sleep(1.0)
            return self.api(method, path, **kw)
        r.raise_for_status()
        return r.json() if r.content else None

    def records(self, table: str, formula: str | None = None) -> list[dict[str, Any]]:
        params: dict[str, Any] = {"pageSize": 100}
        if formula:
            params["filterByFormula"] = formula
        out: list[dict[str, Any]] = []
        while True:
            page = self.api(
                "GET", f"/v0/{self.base_id}/{requests.utils.quote(table, safe='')}", params=params
            )
            out += page["records"]
            if "offset" not in page:
                return out
            params["offset"] = page["offset"]

    # ---- the story ----

    def run(self) -> None:
        shutil.rmtree(VAR, ignore_errors=True)
        VAR.mkdir(parents=True)
        self.outbox.mkdir()

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
                str(VAR / "base.sqlite3"),
                "--rate-limit",
                "5",
                "--verbose",  # every request in localbase.log, for a person reading what happened
            ],
            "localbase: ready",
            VAR / "localbase.log",
        )
        say(f"serving {self.base_url}  (5 requests/second per base, like Airtable)")

        heading("2. The base from schema/ (scripts.setup_base), then the demo business (scripts.seed_demo)")
        out = self.run_script("scripts.setup_base", "--create-base", "Leadership OS demo", rate="5")
        found = re.search(r"\b(app[A-Za-z0-9]{14})\b", out)
        if not found:
            raise SystemExit(f"demo: setup_base printed no base id:\n{out}")
        self.base_id = found.group(1)
        self.env["AIRTABLE_BASE_ID"] = self.base_id
        say("\n".join(out.splitlines()[-4:]))
        out = self.run_script("scripts.seed_demo", "--today", date.today().isoformat(), rate="5")
        say("\n".join(out.splitlines()[-3:]))

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
            VAR / "app.log",
        )
        wait_for(lambda: requests.get(f"{self.app_url}/api/health", timeout=2).ok, 20, "the app")
        health = requests.get(f"{self.app_url}/api/health", timeout=10).json()
        say(f"app at {self.app_url}; /api/health: {json.dumps(health)}")
        out = self.run_script(
            "scripts.register_webhooks", "--url", f"{self.app_url}/api/webhooks/airtable", rate="5"
        )
        say(out)

        self.new_lead()
        self.won_deal()
        self.crons()
        self.summary()

    def new_lead(self) -> None:
        heading("4. Sarah adds a lead in Airtable (as herself, another user than the functions)")
        fields = {
            "Name": "  Jordan Avery ",
            "Email": " Jordan.Avery@Northwind-Capital.example ",
            "Company": "Northwind Capital",
            "Title": "VP of People",
            "Lead Source": "Referral",
            "Company Size": 450,
            "Industry": "Financial Services",
            "Timeline": "1-3 months",
            "Status": "New",
        }
        created = self.api("POST", f"/v0/{self.base_id}/Leads", json={"fields": fields, "typecast": True})
        rec = created["id"]
        say(f"created {rec}: {json.dumps(fields)}")
        started = time.monotonic()
        lead = wait_for(
            lambda: (
                (r := self.api("GET", f"/v0/{self.base_id}/Leads/{rec}"))["fields"].get("Lead Score") and r
            ),
            30,
            "the lead to be scored through the webhook",
        )
        say(f"webhook → app → written back in {time.monotonic() - started:.1f} s:")
        for name in (
            "Name",
            "Email",
            "Lead Score",
            "Score Tier",
            "Next Action",
            "Follow-up Due",
            "Nurture Sequence",
        ):
            say(f"  {name}: {lead['fields'].get(name)!r}")
        say("  Score Breakdown:")
        for line in str(lead["fields"].get("Score Breakdown", "")).splitlines():
            say(f"    {line}")
        messages = wait_for(
            lambda: [m for m in self.records("Messages") if rec in m["fields"].get("Lead", [])],
            15,
            "the lead's messages",
        )
        for m in messages:
            f = m["fields"]
            say(
                f"  Messages: {f.get('Kind')} via {f.get('Channel')} "
                f"to {f.get('Recipient')}: {f.get('Status')}"
            )
        self.rescore(rec)
        drafts = [m for m in messages if m["fields"].get("Status") == "Draft"]
        if drafts:
            self.approve(drafts[0])

    def rescore(self, rec: str) -> None:
        say("  Sarah learns Jordan is the Chief People Officer and corrects the Title:")
        before = self.api("GET", f"/v0/{self.base_id}/Leads/{rec}")["fields"]
        started = time.monotonic()
        self.api(
            "PATCH", f"/v0/{self.base_id}/Leads/{rec}", json={"fields": {"Title": "Chief People Officer"}}
        )
        after = wait_for(
            lambda: (
                (r := self.api("GET", f"/v0/{self.base_id}/Leads/{rec}"))["fields"].get("Lead Score")
                != before.get("Lead Score")
                and r["fields"]
            ),
            30,
            "the lead to be re-scored",
        )
        say(
            f"  re-scored in {time.monotonic() - started:.1f} s (warm app): "
            f"Lead Score {before.get('Lead Score')} → "
            f"{after.get('Lead Score')}, {after.get('Score Tier')}; "
            f"{str(after.get('Score Breakdown', '')).splitlines()[0]}"
        )

    def approve(self, message: dict[str, Any]) -> None:
        heading("5. Sarah approves the drafted email in the Approval Queue (Messages: Status → Approved)")
        mid = message["id"]
        self.api("PATCH", f"/v0/{self.base_id}/Messages/{mid}", json={"fields": {"Status": "Approved"}})
        sent = wait_for(
            lambda: (
                (m := self.api("GET", f"/v0/{self.base_id}/Messages/{mid}"))["fields"].get("Status")
                in ("Sent", "Failed", "Cancelled")
                and m
            ),
            30,
            "the approved message to be delivered",
        )
        f = sent["fields"]
        outcome = f.get("Provider ID") or f.get("Error")
        say(f"  {f.get('Subject')!r}: {f.get('Status')} at {f.get('Sent At')} ({outcome})")
        for p in sorted(self.outbox.rglob(f"{mid}*")):
            say(f"  outbox: {p}")

    def won_deal(self) -> None:
        heading("6. Sarah moves a deal to Closed Won")
        deals = [d for d in self.records("Deals") if d["fields"].get("Pipeline Stage") == "Negotiation"]
        if not deals:
            say("(the seed has no deal in Negotiation; skipped)")
            return
        deal = deals[0]
        clients_before = len(self.records("Clients"))
        self.api(
            "PATCH",
            f"/v0/{self.base_id}/Deals/{deal['id']}",
            json={"fields": {"Pipeline Stage": "Closed Won"}},
        )
        say(f"{deal['fields'].get('Deal Name')}: Negotiation → Closed Won")
        done = wait_for(
            lambda: (
                (d := self.api("GET", f"/v0/{self.base_id}/Deals/{deal['id']}"))["fields"].get("Client") and d
            ),
            30,
            "the won deal to become a client",
        )
        f = done["fields"]
        client = self.api("GET", f"/v0/{self.base_id}/Clients/{f['Client'][0]}")
        say(
            f"  Probability %: {round(100 * f.get('Probability %', 0))} %, "
            f"Weighted Value: {f.get('Weighted Value')}, "
            f"Actual Close: {f.get('Actual Close')}, Commission $: {f.get('Commission $')}"
        )
        say(
            f"  Client: {client['fields'].get('Name')} ({client['id']}), "
            f"Start Date {client['fields'].get('Start Date')}"
            f"; clients {clients_before} → {len(self.records('Clients'))}"
        )

    def crons(self) -> None:
        heading("7. The daily cron jobs, as Vercel Cron calls them")
        for job in ("leads-daily", "send-due", "catch-up", "refresh-webhooks"):
            r = requests.get(
                f"{self.app_url}/api/cron/{job}",
                headers={"Authorization": f"Bearer {SECRETS['CRON_SECRET']}"},
                timeout=300,
            )
            say(f"GET /api/cron/{job} → {r.status_code} {r.text[:200]}")

    def summary(self) -> None:
        heading("8. What is in the base now")
        schema = self.api("GET", f"/v0/meta/bases/{self.base_id}/tables")
        for table in schema["tables"]:
            say(f"  {table['name']:<20} {len(self.records(table['id'])):>5} records")
        runs = self.records("Automation Runs")
        outcomes: dict[str, int] = {}
        for run in runs:
            key = f"{run['fields'].get('Job')}: {run['fields'].get('Outcome')}"
            outcomes[key] = outcomes.get(key, 0) + 1
        say("  Automation Runs: " + ", ".join(f"{k} ×{v}" for k, v in sorted(outcomes.items())))
        files = sorted(p for p in self.outbox.rglob("*") if p.is_file())
        say()
        say(f"Outbox (what would have been emailed or posted to Slack without keys): {self.outbox}")
        for p in files[:12]:
            say(f"  {p.relative_to(self.outbox)}")
        if len(files) > 12:
            say(f"  … and {len(files) - 12} more files")
        say()
        for label, url in printed_links(self.base_url, self.app_url):
            status = _status(url)
            note = "" if status == 200 else f"   (does not answer: {status or 'no response'})"
            say(f"{label + ':':<18}{url}{note}")
        say(f"{'Logs:':<18}{VAR}/localbase.log, {VAR}/app.log")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m scripts.demo", description=__doc__.splitlines()[0])
    p.add_argument("--base-port", type=int, default=8765)
    p.add_argument("--app-port", type=int, default=8000)
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
