"""Events benchmark: Airtable API calls per event over a realistic mix, ping-to-write-back latency with
150 ms of injected Airtable latency, and the cold-start import time of api/index.py.

    python -m bench.events_bench            (about two minutes; results go in bench/RESULTS-events.md)
    python -m bench.events_bench --mix [--verbose] [--gather S]     one change at a time (section 0)
    python -m bench.events_bench --typed [--gaps 1.5,4] [--gathers 0,3,8]   leads typed cell by cell (0h)
    python -m bench.events_bench --two [--script 1,2] [--rates 2,1.5]   two instances and a script (0o)
        [--route fanout|alternate|random]   every ping to both (default), or each to one (0q)
        [--apps 1]   one instance beside the script instead (the baseline of 0q)
    python -m bench.events_bench --mix --rate 1.5       the mix at another AIRTABLE_RATE_PER_S (0o)

Everything runs for real: the local Airtable-compatible server in this process, the app as a uvicorn
process, changes made by a second token (a person), pings sent by the server after each commit.
"""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from automation import registry
from scripts.localbase.testing import LocalBaseServer
from tests.events.harness import World, wait_for

ROOT = Path(__file__).resolve().parents[1]
HYGIENE = ("automation.leads.hygiene",)


def idle(world: World, quiet_s: float = 2.5, timeout: float = 60) -> None:
    """Wait until the app has made no request for `quiet_s` (all pings of the last change handled). Longer
    than a message claim's settle time (1.5 s): a run is silent while a claim settles, and a shorter wait
    made the next change arrive during it, so changes meant to be one at a time were coalesced."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        mine = world.app_requests()
        n = mine[-1] if mine else None  # the newest, not a count: the log keeps the last 20,000 only
        if n is not last:
            last, since = n, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return
        time.sleep(0.05)
    raise RuntimeError("the app never went idle")


def _kind(world: World, request: dict) -> str:
    path = request["path"]
    if "/webhooks" in path:
        return "payload list" if path.endswith("/payloads") else "webhook admin"
    names = {world.table_id(n): n for n in ("System State", "Settings", "Automation Runs")}
    for table_id, name in names.items():
        if table_id in path:
            return {
                "System State": "state (lease, cursor)",
                "Settings": "settings",
                "Automation Runs": "run log",
            }[name]
    if "/meta/" in path:
        return "schema / whoami"
    return "business read" if request["method"] == "GET" else "business write"


def day_of_changes(world: World) -> tuple[int, int]:
    """A working day in miniature; returns (events, events on fields some automation reads)."""
    leads, deals = world.table("Leads"), world.table("Deals")
    events = watched = 0

    def step(n: int, is_watched: bool = True) -> None:
        nonlocal events, watched
        events += n
        watched += n if is_watched else 0
        idle(world)

    made = []
    for i in range(8):  # form submissions
        made.append(
            leads.create(
                {
                    "Name": f" Lead {i} ",
                    "Email": f"Lead{i}@Corp{i}.com",
                    "Company": f"Corp {i}",
                    "Title": "VP People",
                    "Lead Source": "Website",
                    "Company Size": 200 + i,
                    "Timeline": "1-3 months",
                }
            )["id"]
        )
        step(1)
    for i, rid in enumerate(made[:6]):  # the coach edits one lead at a time
        leads.update(rid, {"Title": "Chief People Officer"} if i % 2 else {"Replies": 1})
        step(1)
    leads.batch_update([{"id": rid, "fields": {"Lead Source": "Referral"}} for rid in made[:8]])  # bulk edit
    more = leads.batch_create([{"Name": f"Imported {i}", "Phone": "1"} for i in range(2)])
    leads.batch_update([{"id": r["id"], "fields": {"Lead Source": "Referral"}} for r in more])
    step(10)
    deal_ids = [
        deals.create({"Deal Name": f"Deal {i}", "Pipeline Stage": "Prospect", "Deal Value": 5000})["id"]
        for i in range(2)
    ]
    step(2)
    for did in deal_ids:
        deals.update(did, {"Pipeline Stage": "Proposal"})
        step(1)
    for rid in made[:4]:  # fields nobody watches: Airtable does not even ping
        leads.update(rid, {"Notes": "called, left a message"})
        step(1, is_watched=False)
    return events, watched


def calls_per_event(catalog: tuple[str, ...]) -> dict:
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        world = World(srv, catalog=catalog)
        try:
            srv.set_faults(drop_notifications=False)
            warm = world.table("Leads").create({"Name": "Warm", "Email": "warm@x.io"})["id"]
            idle(world)
            srv.clear_requests()
            events, watched = day_of_changes(world)
            calls = world.app_requests()
            pings = len([r for r in calls if r["path"].endswith("/payloads")])
            return {
                "events": events,
                "watched": watched,
                "calls": len(calls),
                "by kind": Counter(_kind(world, r) for r in calls),
                "payload lists": pings,
                "warm": warm,
            }
        finally:
            world.close()


def latency(catalog: tuple[str, ...], samples: int = 20, latency_ms: int = 150) -> dict:
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        world = World(srv, catalog=catalog)
        try:
            leads, leads_id = world.table("Leads"), world.table_id("Leads")
            ids = [
                r["id"]
                for r in leads.batch_create([{"Name": f"L{i}", "Phone": "1"} for i in range(samples + 2)])
            ]
            srv.set_faults(drop_notifications=False, latency_ms=latency_ms)
            times, cold = [], None
            for i, rid in enumerate(ids):
                before = len(world.app_requests("PATCH", leads_id))
                leads.update(rid, {"Email": f"Sample{i}@X.IO"})
                t0 = time.monotonic()
                wait_for(
                    lambda b=before: len(world.app_requests("PATCH", leads_id)) > b,
                    timeout=30,
                    what="write-back",
                )
                if i == 0:  # a fresh instance: schema, MAC secret and settings not cached yet
                    cold = time.monotonic() - t0
                if i >= 2:
                    times.append(time.monotonic() - t0)
                idle(world, quiet_s=0.8)
            q = statistics.quantiles(times, n=20)
            return {
                "samples": len(times),
                "p50": statistics.median(times),
                "p95": q[18],
                "max": max(times),
                "cold": cold,
            }
        finally:
            world.close()


# ---- the one-at-a-time mix: a person editing by hand, Airtable's limits on (issue: the events budget) ----

BUSINESS = ("Leads", "Deals", "Messages", "Clients", "Associates")


def new_lead(i: int) -> dict:
    return {
        "Name": f"Jane Doe {i}",
        "Email": f"jane{i}@acme{i}.example",
        "Company": f"Acme {i}",
        "Title": "Director of HR",
        "Company Size": 2000,
        "Industry": "Technology",
        "Timeline": "1-3 months",
        "Lead Source": "Website",
    }


def p95(values: list[float]) -> float:
    """The 95th percentile of a few samples (inclusive: a sample of one is its own p95)."""
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


class Watch:
    """Follows the server's request log while one change is processed: the app's calls, its last business
    write (polled every 10 ms: the time it was answered), and every 429 anyone got."""

    def __init__(
        self, world: World, business_ids: set[str], changed: str | None = None, outbox: str | None = None
    ) -> None:
        """`changed`: the id of the table the person changed (its write-back is timed on its own too);
        `outbox`: the app's OUTBOX_DIR, where a message lands when the provider takes it (timed too)."""
        self.world, self.business_ids, self.changed = world, business_ids, changed or "-"
        self.start = world.srv.mark()
        self.outbox = Path(outbox) if outbox else None
        self.sent_before = self._sent()

    def _sent(self) -> int:
        """Messages in the outbox (one .json per message: the exact request a provider would get)."""
        return sum(1 for _ in self.outbox.rglob("*.json")) if self.outbox else 0

    def _is_business_write(self, r: dict) -> bool:
        return r["method"] in ("POST", "PATCH", "PUT", "DELETE") and any(
            t in r["path"] for t in self.business_ids
        )

    def follow(self, t0: float, quiet_s: float, timeout: float = 90) -> dict:
        """Poll until the app has been idle `quiet_s`; returns calls, their kinds, latency, 429s."""
        last_n, since, last_write = -1, time.monotonic(), None
        writes, own, own_write, out_at = 0, 0, None, None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            log = self.world.srv.requests(since=self.start)
            mine = [r for r in log if r.get("user_id") == self.world.app_user]
            w = sum(1 for r in mine if self._is_business_write(r) and r["status"] == 200)
            now = time.monotonic()
            if w != writes:
                writes, last_write = w, now
            o = sum(1 for r in mine if self._is_business_write(r) and self.changed in r["path"])
            if o != own:
                own, own_write = o, now
            if out_at is None and self._sent() > self.sent_before:
                out_at = now
            if len(mine) != last_n:
                last_n, since = len(mine), now
            elif now - since >= quiet_s:
                break
            time.sleep(0.01)
        else:
            raise RuntimeError("the app never went idle")
        return {
            "calls": mine,
            "latency": (last_write - t0) if last_write is not None else None,
            # The changed table's last write (the lead scored, the deal's figures, the message Sent): what
            # the person sees on the record she changed, before the messages it set off are sent.
            "own_latency": (own_write - t0) if own_write is not None else None,
            # The first message the change set off reaching the provider (the coach's new-lead notice, a
            # stage check, the approved email): what its reader feels, whatever is written after it.
            "out_latency": (out_at - t0) if out_at is not None else None,
            "429": sum(1 for r in log if r["status"] == 429),
        }


def patiently(do):
    """The person's change, retried while the base is locked by a penalty (the person waits too)."""
    import requests

    for _ in range(20):
        try:
            return do()
        except requests.exceptions.RetryError:
            time.sleep(3)
    raise RuntimeError("the base stayed locked")


def one_at_a_time(
    catalog: tuple[str, ...],
    env: dict[str, str],
    quiet_s: float = 2.5,
    penalty_s: float = 30,
    apps: int = 1,
    script_per_s: float = 0,
    route: str = "fanout",
) -> dict:
    """New leads from the UI, a title corrected, a status moved, a deal created/moved/won, two messages
    approved: each change waited out before the next, with Airtable's 5/s limit, its 30 s penalty after a
    429 and 150 ms per call. Calls are the app token's requests in the server's log (echo pings included).
    `apps` > 1: that many instances behind a FanOut, warmed up with every ping and trigger to each, then
    routed by `route` (fanout: every POST to each; alternate, random: each POST to one); `script_per_s`: a
    person's script polling the base that often meanwhile (Script).
    """
    import tempfile

    with (
        tempfile.TemporaryDirectory() as outbox,
        LocalBaseServer(rate_limit=0, penalty_s=penalty_s, timing_scale=1.0) as srv,  # 25 s ping timeout
    ):
        shared = {"route": route} if apps > 1 else {}
        kind = SharedWorld if apps > 1 else World
        world = kind(srv, catalog=catalog, apps=apps, extra_env={"OUTBOX_DIR": outbox, **env}, **shared)
        script = None
        try:
            ids = {n: world.table_id(n) for n in BUSINESS}  # read now: the person's schema reads are no load
            business = set(ids.values())
            leads, deals, messages = world.table("Leads"), world.table("Deals"), world.table("Messages")
            time.sleep(1.1)
            srv.set_faults(drop_notifications=False, latency_ms=150, rate_limit=5)
            warm = leads.create(new_lead(99))["id"]  # the instances warm up (schema, secret, settings)
            Watch(world, business).follow(time.monotonic(), quiet_s)
            if apps > 1:  # both instances warm (schema, secret, settings); now route as asked
                world.fanout.route = route
                world.fanout.sent.clear()
            first = srv.mark()
            if script_per_s:
                script = Script(srv.url, world.base_id, ids["Leads"], script_per_s)
            changes: list[tuple[str, dict]] = []

            def change(kind: str, do) -> dict:
                table = {"new lead": "Leads", "title corrected": "Leads", "status moved": "Leads",
                         "message approved": "Messages"}.get(kind, "Deals")  # fmt: skip
                watch = Watch(world, business, changed=ids[table], outbox=outbox)
                result = patiently(do)
                r = watch.follow(time.monotonic(), quiet_s)
                changes.append((kind, r))
                return result

            made = [change("new lead", lambda i=i: leads.create(new_lead(i)))["id"] for i in range(3)]
            change("title corrected", lambda: leads.update(made[0], {"Title": "Chief People Officer"}))
            change("status moved", lambda: leads.update(made[1], {"Status": "Contacted"}))
            deal = change(
                "deal created",
                lambda: deals.create(
                    {"Deal Name": "Acme coaching", "Pipeline Stage": "Prospect", "Deal Value": 12000,
                     "Lead": [warm]}
                ),
            )["id"]  # fmt: skip
            change("deal moved", lambda: deals.update(deal, {"Pipeline Stage": "Proposal"}))
            change("deal won", lambda: deals.update(deal, {"Pipeline Stage": "Closed Won"}))
            drafts = [
                m["id"]
                for m in patiently(messages.all)
                if m["fields"].get("Status") == "Draft" and m["fields"].get("Kind") == "First Touch"
            ]
            for mid in drafts[:2]:
                change("message approved", lambda mid=mid: messages.update(mid, {"Status": "Approved"}))
            if script:
                script.stop()
            log = srv.requests(since=first)
            sent = [m for m in patiently(messages.all) if m["fields"].get("Status") == "Sent"]
            failed = [r for r in patiently(world.table("Automation Runs").all)
                      if r["fields"].get("Outcome") == "Failed"]  # fmt: skip
            why = [f"{r['fields'].get('Job')}: {str(r['fields'].get('Error') or '')[:160]}" for r in failed]
            return {"changes": changes, "sent": len(sent), "drafts": len(drafts), "world": world, "log": log,
                    "failed": len(failed), "failed_why": why, "script": script}  # fmt: skip
        finally:
            if script:
                script.stop()
            world.close()


# ---- two warm instances and a person's script sharing the base (issue 9: the pacing) ----


ROUTES = ("fanout", "alternate", "random")


class FanOut:
    """A tiny HTTP proxy in front of the app instances. `route` "fanout": every POST it gets (a webhook's
    ping, an Airtable Automation's trigger) goes to each of `targets()` at the same moment, and the first's
    answer is returned: two warm instances that both get every notification at once, the worst case of two
    instances working together. "alternate" (each POST to the next instance in turn) and "random" (a seeded
    choice) give each POST to ONE instance and answer with its reply, as a load balancer routes them (Airtable
    POSTs a ping once, to one URL). `route` may be changed while it serves (the bench warms both instances
    under fanout first)."""

    def __init__(self, targets, route: str = "fanout", seed: int = 9) -> None:
        import random
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        import requests

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {
                    k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")
                }
                answers: dict[int, requests.Response] = {}

                def send(i: int, url: str) -> None:
                    answers[i] = requests.post(url + self.path, data=body, headers=headers, timeout=120)

                urls = fanout.pick(targets())
                threads = [threading.Thread(target=send, args=(i, u)) for i, u in enumerate(urls)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                first = answers.get(0)
                self.send_response(first.status_code if first is not None else 502)
                content = first.content if first is not None else b""
                self.send_header("Content-Type", first.headers.get("Content-Type", "") if first else "")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args) -> None:
                pass

        fanout = self
        if route not in ROUTES:
            raise ValueError(f"route must be one of {ROUTES}, not {route!r}")
        self.route, self._turn, self._rng, self._lock = route, 0, random.Random(seed), threading.Lock()
        self.sent = Counter()  # POSTs given to each instance (by index), to show how they were shared
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def pick(self, urls: list[str]) -> list[str]:
        """The instances this POST goes to: all of them (fanout) or one (alternate, random)."""
        with self._lock:  # POSTs arrive on several threads at once; the turn and the seeded draw are shared
            if self.route == "fanout":
                chosen = list(range(len(urls)))
            elif self.route == "alternate":
                chosen, self._turn = [self._turn % len(urls)], self._turn + 1
            else:
                chosen = [self._rng.randrange(len(urls))]
            self.sent.update(chosen)
        return [urls[i] for i in chosen]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SharedWorld(World):
    """A World whose webhook and Airtable Automations call a FanOut in front of all its app instances."""

    def __init__(self, srv: LocalBaseServer, route: str = "fanout", **kwargs) -> None:
        self.fanout = FanOut(lambda: [a.url for a in self.apps], route="fanout")  # warm-up: every instance
        self.route = route  # the routing the measured changes get (one_at_a_time sets it after the warm-up)
        super().__init__(srv, **kwargs)

    def register(self, app_url: str, catalog: tuple[str, ...] | None = None) -> str:
        return super().register(self.fanout.url, catalog)

    def build_airtable_automations(self, app_url: str) -> None:
        super().build_airtable_automations(self.fanout.url)

    def close(self) -> None:
        super().close()
        self.fanout.close()


class Script:
    """A person's script on the same base: one list call (a record) every 1/`per_s` s with its own token,
    answered or not (it does not retry a 429; it just calls again on its next tick)."""

    TOKEN = "patSomeonesScript.0003"

    def __init__(self, url: str, base_id: str, table_id: str, per_s: float) -> None:
        import threading

        import requests

        self.calls = 0
        self._stop = threading.Event()

        def run() -> None:
            session, every = requests.Session(), 1.0 / per_s
            headers = {"Authorization": f"Bearer {self.TOKEN}"}
            nxt = time.monotonic()
            while not self._stop.is_set():
                with contextlib.suppress(requests.RequestException):
                    session.get(f"{url}/v0/{base_id}/{table_id}", params={"maxRecords": 1}, headers=headers,
                                timeout=30)  # fmt: skip
                self.calls += 1
                nxt += every
                self._stop.wait(max(0.0, nxt - time.monotonic()))

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self._stop.set()
        self.thread.join(35)


def penalties(log: list[dict], penalty_s: float) -> int:
    """How many times the base was locked: 429s at least `penalty_s` after the one that locked it before
    (by the log's stamps, taken on arrival, before the 150 ms latency: a 429 just past `penalty_s` can still
    be the same lock-out, see `lockouts`)."""
    from datetime import datetime

    n, locked_at = 0, None
    for r in log:
        if r["status"] != 429:
            continue
        t = datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp()
        if locked_at is None or t - locked_at >= penalty_s:
            n, locked_at = n + 1, t
    return n


def lockouts(log: list[dict]) -> list[int]:
    """The indexes in `log` of the 429s that locked the base afresh: the first 429, and each 429 after a
    call the base accepted since the previous 429 (during a penalty every call gets 429, so an accepted
    call means it was over). Unlike `penalties`, not fooled by stamps taken before the latency."""
    out, accepted = [], True
    for i, r in enumerate(log):
        if r["status"] == 429:
            if accepted:
                out.append(i)
            accepted = False
        elif r["status"] == 200:
            accepted = True
    return out


def report_two(
    rate: str, script_per_s: float, penalty_s: float = 30, apps: int = 2, route: str = "fanout"
) -> None:
    routing = {"fanout": "every ping and trigger to each", "alternate": "each ping and trigger to the next",
               "random": "each ping and trigger to one, seeded random"}[route]  # fmt: skip
    routing = routing if apps > 1 else "one instance, every ping to it"
    print(
        f"== {apps} instances ({routing}), a script at {script_per_s:g} calls/s, "
        f"AIRTABLE_RATE_PER_S {rate}: 5/s limit, {penalty_s:g} s penalty, 150 ms per call"
    )
    r = one_at_a_time(
        tuple(registry.CATALOG), {"AIRTABLE_RATE_PER_S": rate}, penalty_s=penalty_s, apps=apps,
        script_per_s=script_per_s, route=route,
    )  # fmt: skip
    changes, world, log = r["changes"], r["world"], r["log"]
    total = sum(len(c["calls"]) for _, c in changes)
    lat = sorted(c["latency"] for _, c in changes if c["latency"] is not None)
    refused = [x for x in log if x["status"] == 429]
    app_refused = sum(1 for x in refused if x.get("user_id") == world.app_user)
    person = world.person.whoami()["id"]
    person_refused = sum(1 for x in refused if x.get("user_id") == person)
    print(
        f"   {len(changes)} changes, {total} app calls (all instances): "
        f"{total / len(changes):.2f} per change; "
        f"script {r['script'].calls if r['script'] else 0} calls"
        + (f"; POSTs per instance {[world.fanout.sent[i] for i in range(apps)]}" if apps > 1 else "")
    )
    missing = len(changes) - len(lat)  # a change none of whose business writes was answered
    if lat:
        print(
            f"   change to last business write: p50 {statistics.median(lat) * 1000:.0f} ms, "
            f"p95 {p95(lat) * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms; no business write for {missing}"
        )
    each = ", ".join(f"{k} {len(c['calls'])}/{c['429']}" for k, c in changes)
    print(f"   per change, app calls / 429s anyone got meanwhile: {each}")
    print(
        f"   429s: {len(refused)} (app {app_refused}, person {person_refused}, "
        f"script {len(refused) - app_refused - person_refused}); "
        f"base locked {len(lockouts(log))} times "
        f"({penalties(log, penalty_s)} by 429s {penalty_s:g} s apart, as in 0o); "
        f"Failed runs {r['failed']}; sent {r['sent']} of {r['drafts']} drafts"
    )
    if "--verbose" in sys.argv:  # what the base saw in the second before each lock-out
        from datetime import datetime

        def at(x: dict) -> float:
            return datetime.fromisoformat(x["time"].replace("Z", "+00:00")).timestamp()

        for why in r["failed_why"]:
            print(f"     Failed run: {why}")
        who = {world.app_user: "app", person: "person"}
        ok = [(at(y), y) for y in log if y["status"] == 200]  # parsed once: logs are long
        for x in (log[i] for i in lockouts(log)):
            locked = at(x)
            # 1.25 s: the log stamps a call on arrival, the limiter counts it after the 150 ms latency, and
            # the two drift apart by tens of ms on a busy machine (calls 1.0-1.25 s before may still count)
            before = [y for t, y in ok if 0 <= locked - t < 1.25]
            print(f"     lock-out: 429 to {who.get(x.get('user_id'), 'script')} {describe_call(world, x)}; "
                  "the second before: " + "; ".join(
                      f"{locked - at(y):.2f}s {who.get(y.get('user_id'), 'script')} {describe_call(world, y)}"
                      for y in before))  # fmt: skip


TYPED_STEPS = (  # a lead typed into the grid one cell at a time, as the coach adds one by hand
    ("Name", lambda i: f"Ada Typed {i}"),
    ("Email", lambda i: f"ada{i}@typed{i}.example"),
    ("Title", lambda i: "VP People"),
    ("Company Size", lambda i: 800),
    ("Lead Source", lambda i: "Referral"),
)


def typed_leads(gather_s: float, gap_s: float, leads_n: int = 2, penalty_s: float = 30) -> dict:
    """Leads typed cell by cell, `gap_s` between cells, with WEBHOOK_GATHER_S = `gather_s` (a ping within that
    long of the start of the instance's last round that processed changes waits until that long after it;
    the first ping after a quiet spell does not wait); production pacing, 5/s, the penalty, 150 ms per call.
    Per lead: the app's calls from its first cell to idle, and the time from its last cell to the app's last
    business write."""
    import tempfile

    from automation.config import Config

    pacing = str(Config.model_fields["airtable_rate_per_s"].default)
    env = {"AIRTABLE_RATE_PER_S": pacing, "WEBHOOK_GATHER_S": str(gather_s)}
    with (
        tempfile.TemporaryDirectory() as outbox,
        LocalBaseServer(rate_limit=0, penalty_s=penalty_s, timing_scale=1.0) as srv,
    ):
        world = World(srv, catalog=tuple(registry.CATALOG), extra_env={"OUTBOX_DIR": outbox, **env})
        try:
            business = {world.table_id(n) for n in BUSINESS}
            leads = world.table("Leads")
            time.sleep(1.1)
            srv.set_faults(drop_notifications=False, latency_ms=150, rate_limit=5)
            quiet = max(2.5, gather_s + 1.0)  # a round held for the gather is silent that long
            Watch(world, business).follow(time.monotonic(), quiet)  # nothing pending
            out = []
            for i in range(leads_n):
                first = srv.mark()
                rid = None
                for n, (field, value) in enumerate(TYPED_STEPS):
                    if n == len(TYPED_STEPS) - 1:
                        last = Watch(world, business, changed=world.table_id("Leads"), outbox=outbox)
                    cell = {field: value(i)}
                    if rid is None:
                        rid = patiently(lambda c=cell: leads.create(c))["id"]
                    else:
                        patiently(lambda c=cell, r=rid: leads.update(r, c))
                    t_last = time.monotonic()
                    if n < len(TYPED_STEPS) - 1:
                        time.sleep(gap_s)
                r = last.follow(t_last, quiet)
                calls = [x for x in srv.requests(since=first) if x.get("user_id") == world.app_user]
                leads_id = world.table_id("Leads")
                rounds = sum(1 for x in calls if x["method"] == "PATCH" and leads_id in x["path"])
                out.append({"calls": len(calls), "lead writes": rounds, "latency": r["latency"],
                            "own": r["own_latency"], "429": r["429"]})  # fmt: skip
            return {"leads": out, "world": world}
        finally:
            world.close()


def report_typed(gap_s: float, gathers: tuple[float, ...] = (0.0, 3.0)) -> None:
    steps = len(TYPED_STEPS)
    print(f"== a lead typed cell by cell ({steps} cells, {gap_s:g} s apart), full catalog: 5/s, 30 s penalty")
    for gather in gathers:
        leads = typed_leads(gather, gap_s)["leads"]
        calls = [x["calls"] for x in leads]
        writes = [x["lead writes"] for x in leads]
        lat = [x["latency"] for x in leads if x["latency"] is not None]
        own = [x["own"] for x in leads if x["own"] is not None]
        print(
            f"   gather {gather:g} s: calls per lead {calls} (mean {statistics.mean(calls):.1f}, "
            f"{statistics.mean(calls) / steps:.1f} per cell); lead written {writes} times; "
            f"last cell -> last business write {[round(x, 2) for x in lat]} s, "
            f"-> the lead's own write-back {[round(x, 2) for x in own]} s; "
            f"429s {sum(x['429'] for x in leads)}"
        )


def describe_call(world: World, r: dict) -> str:
    names = {world.table_id(n): n for n in (*BUSINESS, "System State", "Settings", "Automation Runs")}
    path = r["path"]
    where = next((n for tid, n in names.items() if tid in path), None)
    if where is None:
        where = "payload list" if path.endswith("/payloads") else path.rsplit("/", 1)[-1]
        if "--verbose" in sys.argv and path.endswith("/payloads"):
            where += f" ({r['query']})"
    return f"{r['method']} {where}" + ("" if r["status"] == 200 else f" -> {r['status']}")


def report_mix(label: str, catalog: tuple[str, ...], env: dict[str, str], penalty_s: float = 30) -> None:
    print(f"== one change at a time, {label}: 5/s limit, {penalty_s:g} s penalty, 150 ms per call")
    quiet = max(2.5, float(env.get("WEBHOOK_GATHER_S", 0)) + 1.0)  # a held round is silent that long
    r = one_at_a_time(catalog, env, quiet_s=quiet, penalty_s=penalty_s)
    changes, world = r["changes"], r["world"]
    total = sum(len(c["calls"]) for _, c in changes)
    lat = sorted(c["latency"] for _, c in changes if c["latency"] is not None)
    by_kind: dict[str, list[int]] = {}
    for kind, c in changes:
        by_kind.setdefault(kind, []).append(len(c["calls"]))
    print(f"   {len(changes)} changes, {total} calls: {total / len(changes):.2f} per change")
    for kind, ns in by_kind.items():
        print(f"     {kind:18s} {statistics.mean(ns):5.1f} calls  {ns}")
    each = ", ".join(f"{k} {c['latency'] * 1000:.0f}" for k, c in changes if c["latency"])
    print(
        f"   change to last business write: p50 {statistics.median(lat) * 1000:.0f} ms, "
        f"p95 {p95(lat) * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms "
        f"({each})"
    )
    own = sorted(c["own_latency"] for _, c in changes if c["own_latency"] is not None)
    if own:
        each_own = ", ".join(f"{k} {c['own_latency'] * 1000:.0f}" for k, c in changes if c["own_latency"])
        print(
            f"   change to the changed table's last write (of {len(own)} changes that write it back): "
            f"p50 {statistics.median(own) * 1000:.0f} ms, p95 {p95(own) * 1000:.0f} ms ({each_own})"
        )
    out = sorted(c["out_latency"] for _, c in changes if c.get("out_latency") is not None)
    if out:
        each_out = ", ".join(f"{k} {c['out_latency'] * 1000:.0f}" for k, c in changes if c.get("out_latency"))
        print(
            f"   change to its first message out (of {len(out)} changes that send one): "
            f"p50 {statistics.median(out) * 1000:.0f} ms, p95 {p95(out) * 1000:.0f} ms ({each_out})"
        )
    print(f"   429s: {sum(c['429'] for _, c in changes)}; sent {r['sent']} of {r['drafts']} drafts")
    first = next(c for k, c in changes if k == "new lead")
    print("   one new lead, call by call: " + "; ".join(describe_call(world, x) for x in first["calls"]))
    if "--verbose" in sys.argv:
        for kind, c in changes:
            print(f"     {kind}: " + "; ".join(describe_call(world, x) for x in c["calls"]))


def import_times(runs: int = 7) -> dict:
    def one(stmt: str) -> float:
        code = f"import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"
        return float(
            subprocess.run(
                [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
        )

    sdks = "('openai', 'stripe', 'sendgrid', 'slack_sdk')"
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, api.index; print(','.join(m for m in {sdks} if m in sys.modules))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    out = {}
    for label, stmt in [("fastapi", "import fastapi"), ("api.index", "import api.index")]:
        out[label] = statistics.median(one(stmt) for _ in range(runs))
    out["heavy SDKs loaded"] = heavy or "none"
    return out


def main() -> None:
    if "--typed" in sys.argv:
        gathers = (0.0, 3.0)
        if "--gathers" in sys.argv:
            gathers = tuple(float(x) for x in sys.argv[sys.argv.index("--gathers") + 1].split(","))
        gaps = (1.5, 4.0)
        if "--gaps" in sys.argv:
            gaps = tuple(float(x) for x in sys.argv[sys.argv.index("--gaps") + 1].split(","))
        for gap in gaps:
            report_typed(gap, gathers)
        return
    if "--two" in sys.argv:
        from automation.config import Config

        rates = [str(Config.model_fields["airtable_rate_per_s"].default)]
        if "--rates" in sys.argv:
            rates = sys.argv[sys.argv.index("--rates") + 1].split(",")
        scripts = (1.0, 2.0)
        if "--script" in sys.argv:
            scripts = tuple(float(x) for x in sys.argv[sys.argv.index("--script") + 1].split(","))
        route = sys.argv[sys.argv.index("--route") + 1] if "--route" in sys.argv else "fanout"
        apps = int(sys.argv[sys.argv.index("--apps") + 1]) if "--apps" in sys.argv else 2  # 1: the baseline
        if route not in ROUTES:
            raise SystemExit(f"--route: one of {', '.join(ROUTES)}")
        for rate in rates:
            for per_s in scripts:
                report_two(rate, per_s, route=route, apps=apps)
        return
    if "--mix" in sys.argv:
        from automation.config import Config

        pacing = str(Config.model_fields["airtable_rate_per_s"].default)  # production pacing, not tests' 0
        if "--rate" in sys.argv:
            pacing = sys.argv[sys.argv.index("--rate") + 1]
        penalty = float(sys.argv[sys.argv.index("--penalty") + 1]) if "--penalty" in sys.argv else 30.0
        env = {"AIRTABLE_RATE_PER_S": pacing}
        if "--gather" in sys.argv:
            env["WEBHOOK_GATHER_S"] = sys.argv[sys.argv.index("--gather") + 1]
        label = (
            f"full catalog, AIRTABLE_RATE_PER_S {pacing}, WEBHOOK_GATHER_S {env.get('WEBHOOK_GATHER_S', '0')}"
        )
        report_mix(label, tuple(registry.CATALOG), env, penalty)
        return
    print("== cold-start import (median of 7 fresh processes)")
    imp = import_times()
    print(
        f"   fastapi alone {imp['fastapi'] * 1000:.0f} ms; api/index.py {imp['api.index'] * 1000:.0f} ms; "
        f"heavy SDKs at import: {imp['heavy SDKs loaded']}"
    )
    for label, catalog in [("lead hygiene only", HYGIENE), ("full catalog", tuple(registry.CATALOG))]:
        print(f"== API calls per event, {label}")
        r = calls_per_event(catalog)
        print(
            f"   {r['events']} events ({r['watched']} on watched fields), {r['calls']} calls, "
            f"{r['payload lists']} payload lists: {r['calls'] / r['events']:.2f} per event, "
            f"{r['calls'] / r['watched']:.2f} per watched event"
        )
        for kind, n in sorted(r["by kind"].items(), key=lambda kv: -kv[1]):
            print(f"     {kind:24s} {n:4d}  ({n / r['events']:.2f}/event)")
    for label, catalog in [("lead hygiene only", HYGIENE), ("full catalog", tuple(registry.CATALOG))]:
        print(f"== ping-to-write-back latency, 150 ms per Airtable request, {label}")
        lat = latency(catalog)
        print(
            f"   warm n={lat['samples']} p50 {lat['p50'] * 1000:.0f} ms, p95 {lat['p95'] * 1000:.0f} ms, "
            f"max {lat['max'] * 1000:.0f} ms; first change on a fresh instance {lat['cold'] * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
