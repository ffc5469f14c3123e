"""The satisfaction survey over HTTP: the morning job (once, never to an opted-out client), and the page
served by the app under uvicorn (GET changes nothing, one answer recorded once, bad links refused)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
import requests

from automation.models import Associate, Client, Message, Session
from automation.schedule.survey_job import satisfaction_survey
from automation.schedule.survey_token import make_token
from tests.events import harness

NOW = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)  # Saturday morning in London, past the 09:00 survey hour
YESTERDAY = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)


def _run(world, now: datetime = NOW) -> dict:
    ctx = world.ctx(now=now, job="satisfaction-survey")
    with ctx.run:
        return satisfaction_survey(ctx)


def test_survey_job__once_per_completed_session_and_none_to_an_opted_out_client(world) -> None:
    gw = world.gw
    jo, out = gw.create(
        Client,
        [
            {"name": "Jo Bloggs", "email": "jo@client.example"},
            {"name": "Opted Out", "email": "out@client.example", "email_opt_out": True},
        ],
    )
    done, other, today, scheduled = gw.create(
        Session,
        [
            {"client": [jo.id], "status": "Completed", "session_date": YESTERDAY},
            {"client": [out.id], "status": "Completed", "session_date": YESTERDAY},
            {"client": [jo.id], "status": "Completed", "session_date": NOW - timedelta(hours=1)},  # tomorrow
            {"client": [jo.id], "status": "Scheduled", "session_date": YESTERDAY},
        ],
    )
    _run(world)
    _run(world, NOW + timedelta(hours=2))
    surveys = [m for m in gw.all(Message) if m.kind == "Satisfaction Survey"]
    assert [(m.recipient, m.session, m.status) for m in surveys] == [("jo@client.example", [done.id], "Sent")]
    url = re.search(r"https?://\S+/api/survey\?token=\S+", surveys[0].body or "")
    assert url, surveys[0].body
    assert parse_qs(urlparse(url.group(0)).query)["token"][0].startswith(done.id + ".")


def test_survey_job__signed_by_the_associate_who_ran_the_session_the_coach_when_none_or_away(world) -> None:
    # "How useful was our session? ... helps me make the next one better" is the words of whoever ran it:
    # signed by the lead coach, it reads as from someone who was not there (as the other emails about her
    # sessions are, it is the associate's; the coach's when there is none or she is on leave).
    gw = world.gw
    ran, away = gw.create(
        Associate,
        [{"name": "Camille Lefèvre", "email": "camille@x.example", "status": "Active"},
         {"name": "Omar Haddad", "email": "omar@x.example", "status": "Paused"}],
    )  # fmt: skip
    ines, tom, ann = gw.create(
        Client,
        [{"name": "Inès Okafor", "email": "ines@client.example"},
         {"name": "Tom Reed", "email": "tom@client.example"},
         {"name": "Ann Lee", "email": "ann@client.example"}],
    )  # fmt: skip
    gw.create(
        Session,
        [{"client": [ines.id], "associate": [ran.id], "status": "Completed", "session_date": YESTERDAY},
         {"client": [tom.id], "associate": [away.id], "status": "Completed", "session_date": YESTERDAY},
         {"client": [ann.id], "status": "Completed", "session_date": YESTERDAY}],
    )  # fmt: skip
    _run(world)
    signed = {
        m.recipient: (m.body or "").split("Thank you,", 1)[-1].strip().splitlines()[0]
        for m in gw.all(Message)
        if m.kind == "Satisfaction Survey"
    }
    coach = world.settings.general.coach_name
    assert signed == {
        "ines@client.example": "Camille Lefèvre",
        "tom@client.example": coach,
        "ann@client.example": coach,
    }, signed


def test_survey_job__one_survey_a_client_about_her_latest_session_and_the_earlier_one_never_after(world):
    gw = world.gw
    jo, ann = gw.create(
        Client,
        [{"name": "Jo Bloggs", "email": "jo@client.example"}, {"name": "Ann Lee", "email": "ann@x.example"}],
    )
    morning, afternoon, anns = gw.create(
        Session,
        [
            {"client": [jo.id], "status": "Completed", "session_date": YESTERDAY - timedelta(hours=4)},
            {"client": [jo.id], "status": "Completed", "session_date": YESTERDAY},
            {"client": [ann.id], "status": "Completed", "session_date": YESTERDAY - timedelta(hours=2)},
        ],
    )
    _run(world)
    _run(world, NOW + timedelta(days=1))  # the next morning: Jo's morning session is still in the look-back
    surveys = sorted(
        ((m.recipient, m.session) for m in gw.all(Message) if m.kind == "Satisfaction Survey"), key=str
    )
    assert surveys == [("ann@x.example", [anns.id]), ("jo@client.example", [afternoon.id])]


@pytest.fixture(scope="module")
def app_world(tmp_path_factory):
    from scripts.localbase.testing import LocalBaseServer

    outbox = tmp_path_factory.mktemp("outbox")
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        world = harness.World(
            srv,
            catalog=("automation.schedule.automations", "automation.messages.automations"),
            extra_env={"OUTBOX_DIR": str(outbox), "PUBLIC_BASE_URL": "http://app.test"},
            settings={"messages.claim_settle_s": "0.3"},
        )
        world.outbox_dir = outbox
        yield world
        world.close()


def _session(world) -> str:
    client = world.table("Clients").create({"Name": "Jo Bloggs", "Email": "jo@client.example"})
    rec = world.table("Coaching Sessions").create(
        {"Client": [client["id"]], "Status": "Completed", "Session Date": "2026-11-20T14:00:00.000Z"}
    )
    return rec["id"]


def _token(session_id: str, expires: date | None = None) -> str:
    return make_token(harness.SECRETS["APP_SECRET"], session_id, expires or date.today() + timedelta(days=7))


def test_survey_page__get_changes_nothing_one_answer_counts_once(app_world) -> None:
    sid = _session(app_world)
    url = app_world.apps[0].url + "/api/survey"
    token = _token(sid)
    page = requests.get(url, params={"token": token}, timeout=30)
    assert page.status_code == 200 and 'name="rating"' in page.text and 'value="5"' in page.text
    sessions = app_world.table("Coaching Sessions")
    assert "Satisfaction" not in sessions.get(sid)["fields"]

    first = requests.post(
        url, data={"token": token, "rating": "4", "comment": "Clear next steps"}, timeout=30
    )
    assert first.status_code == 200 and "rating of 4 is recorded" in first.text
    second = requests.post(url, data={"token": token, "rating": "1"}, timeout=30)
    assert second.status_code == 409 and "already recorded" in second.text
    fields = sessions.get(sid)["fields"]
    assert (fields["Satisfaction"], fields["Satisfaction Comment"]) == (4, "Clear next steps")


def test_survey_page__no_rating_asks_again_and_writes_nothing(app_world) -> None:
    sid = _session(app_world)
    got = requests.post(
        app_world.apps[0].url + "/api/survey", data={"token": _token(sid), "comment": "hm"}, timeout=30
    )
    assert got.status_code == 422 and "choose a rating" in got.text
    assert "Satisfaction" not in app_world.table("Coaching Sessions").get(sid)["fields"]


@pytest.mark.parametrize(
    ("make", "status"),
    [
        (lambda sid: _token(sid)[:-2] + "xx", 400),
        (lambda sid: _token(sid).replace(sid, "recAAAAAAAAAAAAAA"), 400),
        (lambda sid: _token(sid, date.today() - timedelta(days=1)), 410),
    ],
    ids=["tampered-signature", "other-session", "expired"],
)
def test_survey_page__bad_links_are_refused_and_write_nothing(app_world, make, status) -> None:
    sid = _session(app_world)
    url = app_world.apps[0].url + "/api/survey"
    token = make(sid)
    assert requests.get(url, params={"token": token}, timeout=30).status_code == status
    assert requests.post(url, data={"token": token, "rating": "5"}, timeout=30).status_code == status
    assert "Satisfaction" not in app_world.table("Coaching Sessions").get(sid)["fields"]


def test_survey_page__bad_links_are_refused_while_airtable_is_down(app_world) -> None:
    # A cold instance (no Settings cached yet) while Airtable fails: the token is checked before Settings
    # are read, so a bad link is 400/410 whatever Airtable's state; only a good one needs Airtable (503).
    sid = _session(app_world)
    app = harness.AppProcess(app_world.env, app_world.catalog)
    before = app_world.srv.set_faults()
    app_world.srv.set_faults(error_rate=1.0, error_status=503)
    try:
        url = app.url + "/api/survey"
        bad = {
            _token(sid)[:-2] + "xx": 400,
            _token(sid).replace(sid, "recAAAAAAAAAAAAAA"): 400,
            "": 400,
            _token(sid, date.today() - timedelta(days=3)): 410,  # expired in every time zone
        }
        for token, status in bad.items():
            assert requests.get(url, params={"token": token}, timeout=30).status_code == status, token
            got = requests.post(url, data={"token": token, "rating": "5"}, timeout=30)
            assert got.status_code == status and "Link" in got.text, token
        assert requests.get(url, params={"token": _token(sid)}, timeout=60).status_code == 503
    finally:
        app_world.srv.set_faults(error_rate=before["error_rate"], error_status=before["error_status"])
        app.stop()


# ---- a rating filled in while the survey waits: the survey is withdrawn ----

LONDON = ZoneInfo("Europe/London")  # the business time zone by default


def _morning(hour: int) -> datetime:
    """Yesterday at `hour` in the business time zone: a job run then composes a survey whose Send After
    (the survey hour that day) has passed for the app's real clock, so send-due would send it."""
    day = datetime.now(LONDON).date() - timedelta(days=1)
    return datetime.combine(day, time(hour), LONDON).astimezone(UTC)


def _survey_job_at(world, now: datetime) -> dict:
    """The satisfaction-survey job run in this process at `now`, on the world's base, as the app runs it."""
    from automation.events.context import make_context

    with world.in_env():
        ctx = make_context("Manual", "satisfaction-survey", 60)
        ctx.now = now
        with ctx.run:
            return satisfaction_survey(ctx)


def _completed(world, email: str, **fields) -> str:
    """A client and her session Completed the day before yesterday (in the survey's look-back)."""
    client = world.table("Clients").create({"Name": "Rae Lin", "Email": email})
    when = datetime.combine(datetime.now(LONDON).date() - timedelta(days=2), time(14), LONDON)
    row = {"Client": [client["id"]], "Status": "Completed", "Session Date": when.astimezone(UTC).isoformat()}
    return world.table("Coaching Sessions").create({**row, **fields})["id"]


def _survey_of(world, sid: str) -> dict | None:
    found = [m for m in world.table("Messages").all() if m["fields"].get("Dedupe Key") == f"{sid}:survey"]
    return found[0] if found else None


def _sent_to(world, message_id: str) -> list[Path]:
    return [
        p for p in world.outbox_dir.rglob("*.json") if json.loads(p.read_text())["message_id"] == message_id
    ]


def _reads_of(world, table_name: str) -> list[str]:
    """The app's reads of one table since the server's request log was last cleared."""
    table = world.table_id(table_name)
    return [r["path"] for r in world.app_requests("GET") if table in r["path"]]


def _messages_reads(world) -> list[str]:
    return _reads_of(world, "Messages")


def test_survey_rated__a_waiting_survey_is_cancelled_and_send_due_sends_nothing(app_world) -> None:
    """The survey waits for the survey hour; the coach types the rating the client gave on the phone: the
    survey is Cancelled (with why) and send-due, once the hour has passed, sends it to nobody. A session
    rated before the morning job gets no survey at all."""
    sid = _completed(app_world, "queued@client.example")
    early = _completed(app_world, "early@client.example", Satisfaction=4)
    app_world.settled()
    _survey_job_at(app_world, _morning(7))  # before the 09:00 survey hour
    queued = _survey_of(app_world, sid)
    assert queued and queued["fields"]["Status"] == "Approved", queued
    assert _survey_of(app_world, early) is None

    app_world.table("Coaching Sessions").update(sid, {"Satisfaction": 5})
    done = harness.wait_for(
        lambda: (m := _survey_of(app_world, sid)) and m["fields"]["Status"] == "Cancelled" and m,
        timeout=30,
        what="the waiting survey Cancelled",
    )
    assert "rating was filled in" in done["fields"].get("Error", ""), done["fields"]
    got = app_world.apps[0].cron("send-due")
    assert got.status_code == 200, got.text
    assert _survey_of(app_world, sid)["fields"]["Status"] == "Cancelled"
    assert _sent_to(app_world, queued["id"]) == []


def test_survey_rated__a_survey_already_sent_stands_and_the_answer_reads_no_messages(app_world) -> None:
    """The client answers the survey she got (the app fills the rating; nothing waits, nothing read of
    Messages), then the coach corrects the rating by hand: the Sent survey is left as it is."""
    sid = _completed(app_world, "sent@client.example")
    app_world.settled()
    _survey_job_at(app_world, _morning(10))  # past the survey hour: sent at once
    sent = _survey_of(app_world, sid)
    assert sent and sent["fields"]["Status"] == "Sent", sent
    assert len(_sent_to(app_world, sent["id"])) == 1

    app_world.settled()
    app_world.srv.clear_requests()
    url = app_world.apps[0].url + "/api/survey"
    assert requests.post(url, data={"token": _token(sid), "rating": "3"}, timeout=30).status_code == 200
    app_world.settled()
    assert _messages_reads(app_world) == []

    app_world.srv.clear_requests()
    app_world.table("Coaching Sessions").update(sid, {"Satisfaction": 4})
    harness.wait_for(
        lambda: _reads_of(app_world, "Coaching Sessions"), timeout=30, what="the coach's rating handled"
    )
    app_world.settled()
    after = _survey_of(app_world, sid)["fields"]
    assert (after["Status"], after.get("Error")) == ("Sent", None)
    assert len(_sent_to(app_world, sent["id"])) == 1


def test_survey_rated__another_change_of_the_session_or_a_rating_cleared_reads_no_messages(app_world) -> None:
    """The event path's budget: a session's other changes, and a rating cleared, cost no Messages read;
    a rating filled in costs one (the survey looked for by its key), however many messages the session has."""
    sid = _completed(app_world, "other@client.example", Duration=3600)
    app_world.settled()
    _survey_job_at(app_world, _morning(7))
    assert _survey_of(app_world, sid)["fields"]["Status"] == "Approved"  # the session links its survey
    sessions = app_world.table("Coaching Sessions")
    for change in ({"Duration": 5400}, {"Satisfaction": 5}, {"Satisfaction": None}):
        app_world.settled()
        app_world.srv.clear_requests()
        sessions.update(sid, change)
        harness.wait_for(
            lambda: _reads_of(app_world, "Coaching Sessions"),
            timeout=30,
            what=f"the app's read of the session after {change}",
        )
        app_world.settled()
        expected = 1 if change.get("Satisfaction") else 0  # only a rating filled in looks for the survey
        assert len(_messages_reads(app_world)) == expected, (change, _messages_reads(app_world))


# ---- the page on a phone: Debian's headless Chromium at 375 px ----

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "schedule"
PHONE = 375
# Headless Chromium will not make a window narrower than 500 px: the page is shown in a 375 px iframe (its own
# viewport, so the media queries apply as on a phone) and the host page measures it after load.
MEASURE = """<script>
window.addEventListener('load', function () {
  var doc = document.getElementById('page').contentDocument, width = doc.documentElement.clientWidth;
  var over = [];
  doc.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) {
      over.push(el.tagName + ' ' + Math.round(r.right));
    }
  });
  var out = document.createElement('pre'); out.id = 'measurement';
  out.textContent = JSON.stringify({viewport: width, scrollWidth: doc.documentElement.scrollWidth,
    overflowing: over, radios: doc.querySelectorAll('input[type=radio]').length});
  document.body.appendChild(out);
});
</script>"""


def _chromium(*args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"]
    return subprocess.run(
        [CHROMIUM or "chromium", *flags, "--virtual-time-budget=5000", *args],
        capture_output=True,
        text=True,
        timeout=90,
    )


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")
def test_survey_page__at_375px_nothing_overflows_and_the_console_is_clean(app_world, tmp_path) -> None:
    sid = _session(app_world)
    url = f"{app_world.apps[0].url}/api/survey?token={_token(sid)}"
    loaded = _chromium(
        "--enable-logging=stderr", "--log-level=0", "--window-size=500,1200", "--dump-dom", url
    )
    assert 'name="rating"' in loaded.stdout
    console = [line for line in loaded.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console

    host = tmp_path / "survey.html"
    page = html.escape(requests.get(url, timeout=30).text, quote=True)
    host.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
        f'<iframe id="page" style="width:{PHONE}px;height:1000px;border:0;display:block" '
        f'srcdoc="{page}"></iframe>{MEASURE}</body></html>',
        encoding="utf-8",
    )
    dom = _chromium("--window-size=500,1200", "--dump-dom", host.as_uri()).stdout
    found = re.search(r'<pre id="measurement">(.*?)</pre>', dom, re.S)
    assert found, dom[:500]
    measured = json.loads(html.unescape(found.group(1)))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _chromium("--window-size=500,1000", f"--screenshot={ARTIFACTS / 'survey-375px.png'}", host.as_uri())
    assert measured["viewport"] == PHONE
    assert measured["scrollWidth"] <= PHONE, measured
    assert measured["overflowing"] == [], measured
    assert measured["radios"] == 5


@pytest.fixture(scope="module")
def health_world():
    from scripts.localbase.testing import LocalBaseServer

    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        catalog = ("automation.schedule.automations", "automation.health.automations")
        world = harness.World(srv, catalog=catalog)
        yield world
        world.close()


def test_survey_answer__rescores_the_clients_health_at_once(health_world) -> None:
    """The app writes the rating with its own token (no webhook round for it), so it runs the automations
    that watch a rating itself: the client's satisfaction and health move now, not at the daily run."""
    clients = health_world.table("Clients")
    client = clients.create({"Name": "Rae Lin", "Email": "rae@client.example", "Status": "Active"})
    sid = health_world.table("Coaching Sessions").create(
        {"Client": [client["id"]], "Status": "Completed", "Session Date": "2026-11-20T14:00:00.000Z"}
    )["id"]
    before = clients.get(client["id"])["fields"]
    assert "Satisfaction" not in before
    got = requests.post(
        health_world.apps[0].url + "/api/survey", data={"token": _token(sid), "rating": "2"}, timeout=30
    )
    assert got.status_code == 200
    after = clients.get(client["id"])["fields"]  # written before the page was answered
    assert after["Satisfaction"] == 2 and isinstance(after.get("Health Score"), int | float)


def test_survey_job__a_morning_of_surveys_is_composed_in_a_few_requests(world) -> None:
    """Twelve surveys cost one Messages read for all their keys, one Leads and one Clients read to screen
    the twelve addresses, and two upserts (ten a request), not about four requests a survey."""
    gw = world.gw
    clients = gw.create(
        Client, [{"name": f"Client {n}", "email": f"c{n}@client{n}.example"} for n in range(12)]
    )
    gw.create(
        Session, [{"client": [c.id], "status": "Completed", "session_date": YESTERDAY} for c in clients]
    )
    before = len(world.calls())
    _run(world, datetime(2026, 11, 21, 7, 0, tzinfo=UTC))  # before the survey hour: queued, none sent yet
    made: dict[str, int] = {}
    names = {gw.schema_map().table_id(t): t for t in ("messages", "leads", "clients", "sessions")}
    for r in world.calls()[before:]:
        name = f"{r['method']} {names.get(r['path'].split('?')[0].split('/')[3], 'other')}"
        made[name] = made.get(name, 0) + 1
    surveys = [m for m in gw.all(Message) if m.kind == "Satisfaction Survey"]
    assert len(surveys) == 12 and {m.status for m in surveys} == {"Approved"}
    # Messages: the look-back listing, the keys read, two upserts; Clients: the job's read and the screening
    assert made["GET messages"] == 2 and made["PATCH messages"] == 2, made
    assert made["GET leads"] == 1 and made["GET clients"] == 2, made
