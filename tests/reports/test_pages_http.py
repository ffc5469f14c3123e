"""The dashboard and associate pages through the app on the seeded demo business, and in headless Chromium
at 375 px: no console errors, nothing overflowing, images load; an associate sees only their clients."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from automation.models import Associate, Client
from automation.reports.links import associate_token, dashboard_token
from tests.gateway.base_builder import TOKEN
from tests.reports.conftest import seed

SECRET = "app-secret-for-tests-0123456789"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
WIDTH = 375


@pytest.fixture
def site(world, monkeypatch, tmp_path):
    """The demo business seeded as of today, and the app (TestClient) pointed at its base."""
    from fastapi.testclient import TestClient

    from automation.config import get_config
    from automation.events.context import clear_caches

    today = datetime.now(UTC).date()
    seed(world, monkeypatch, tmp_path, today)
    for k, v in {"AIRTABLE_API_KEY": TOKEN, "AIRTABLE_BASE_ID": world.base_id, "APP_SECRET": SECRET,
                 "AIRTABLE_ENDPOINT_URL": world.server.url, "AIRTABLE_RATE_PER_S": "0"}.items():  # fmt: skip
        monkeypatch.setenv(k, v)
    get_config.cache_clear()
    clear_caches()
    from api.index import app

    with TestClient(app, raise_server_exceptions=False) as client:
        yield world, client
    get_config.cache_clear()
    clear_caches()


def _two_associates(world) -> tuple[Associate, Associate, dict[str, list[str]]]:
    clients = world.gw.all(Client)
    by: dict[str, list[str]] = {}
    for c in clients:
        if c.status in ("Active", "Paused"):
            for a in c.associate:
                by.setdefault(a, []).append(c.name)
    ids = sorted(by, key=lambda a: -len(by[a]))[:2]
    assert len(ids) == 2, "the demo has at least two associates with clients"
    a, b = world.gw.get_many(Associate, ids)
    return a, b, by


def test_pages__missing_wrong_or_other_token_is_refused(site) -> None:
    world, client = site
    a, b, _ = _two_associates(world)
    assert client.get("/api/dashboard").status_code == 401
    assert client.get("/api/associate").status_code == 401
    assert client.get("/api/dashboard", params={"token": "d.AAAAAAAAAAAAAAAAAAAAAA"}).status_code == 403
    assert client.get("/api/dashboard", params={"token": associate_token(SECRET, a.id)}).status_code == 403
    assert client.get("/api/associate", params={"token": dashboard_token(SECRET)}).status_code == 403
    forged = f"a.{b.id}." + associate_token(SECRET, a.id).rsplit(".", 1)[1]  # A's signature on B's id
    assert client.get("/api/associate", params={"token": forged}).status_code == 403
    assert (
        client.get("/api/associate", params={"token": associate_token("other-secret-xyz", a.id)}).status_code
        == 403
    )


def test_pages__an_associate_sees_their_clients_and_none_of_anothers(site) -> None:
    world, client = site
    a, b, by = _two_associates(world)
    page = client.get("/api/associate", params={"token": associate_token(SECRET, a.id)})
    assert page.status_code == 200
    text = re.sub(r"<[^>]+>", " ", page.text)
    assert all(name in text for name in by[a.id])
    others = [n for n in by[b.id] if n not in by[a.id]]
    assert others and not any(n in text for n in others)
    assert "Upcoming sessions" in text and "Open action items" in text


def test_pages__dashboard_shows_the_weekly_figures_with_png_charts(site) -> None:
    _, client = site
    page = client.get("/api/dashboard", params={"token": dashboard_token(SECRET)})
    assert page.status_code == 200
    assert "Weighted forecast, next 3 months" in page.text and "Speed to lead" in page.text
    assert page.text.count('src="data:image/png;base64,') >= 3


MEASURE = """<script>
window.addEventListener('load', function () {
  var frame = document.getElementById('page'); var doc = frame.contentDocument;
  var width = doc.documentElement.clientWidth; var overflowing = [];
  doc.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5))
      overflowing.push(el.tagName + ' ' + Math.round(r.right));
  });
  var images = Array.prototype.map.call(doc.images,
    function (i) { return i.complete && i.naturalWidth > 0; });
  frame.style.height = doc.documentElement.scrollHeight + 'px';
  var out = document.createElement('pre'); out.id = 'measurement';
  out.textContent = JSON.stringify({viewport: width, scrollWidth: doc.documentElement.scrollWidth,
    overflowing: overflowing.slice(0, 20), images: images, text: doc.body.innerText});
  document.body.appendChild(out);
});
</script>"""


def _chromium(*args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
             "--enable-logging=stderr", "--v=0"]  # fmt: skip
    return subprocess.run([CHROMIUM, *flags, "--virtual-time-budget=5000", *args],
                          capture_output=True, text=True, timeout=90)  # fmt: skip


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")
def test_pages__in_chromium_at_375px_nothing_overflows_images_load_no_console_errors(site, tmp_path) -> None:
    world, client = site
    a, b, by = _two_associates(world)
    pages = {
        "dashboard": client.get("/api/dashboard", params={"token": dashboard_token(SECRET)}).text,
        "associate": client.get("/api/associate", params={"token": associate_token(SECRET, a.id)}).text,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, page_html in pages.items():
        (ARTIFACTS / f"{name}.html").write_text(page_html, encoding="utf-8")
        host = tmp_path / f"{name}-host.html"
        host.write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
            f'<iframe id="page" style="width:{WIDTH}px;height:3000px;border:0;display:block" '
            f'srcdoc="{html.escape(page_html, quote=True)}"></iframe>{MEASURE}</body></html>',
            encoding="utf-8",
        )
        done = _chromium("--window-size=500,3000", "--dump-dom", host.as_uri())
        found = re.search(r'<pre id="measurement">(.*?)</pre>', done.stdout, re.S)
        assert found, done.stdout[:500]
        m = json.loads(html.unescape(found.group(1)))
        shot = _chromium(
            "--window-size=500,3000", f"--screenshot={ARTIFACTS / f'{name}-375px.png'}", host.as_uri()
        )
        console = [
            line
            for line in (done.stderr + shot.stderr).splitlines()
            if "CONSOLE" in line or "Uncaught" in line
        ]
        assert console == [], console
        assert m["viewport"] == WIDTH and m["scrollWidth"] <= WIDTH, m["overflowing"]
        assert m["overflowing"] == []
        assert all(m["images"]), m["images"]
        if name == "dashboard":
            assert len(m["images"]) >= 3
        else:
            others = [n for n in by[b.id] if n not in by[a.id]]
            assert not any(n in m["text"] for n in others) and all(n in m["text"] for n in by[a.id])
        assert (ARTIFACTS / f"{name}-375px.png").stat().st_size > 0


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)")
def test_weekly_email__in_chromium_its_inline_png_charts_load(site, tmp_path) -> None:
    """The email as it leaves (charts drawn into inline PNG attachments) and as the outbox keeps it (each
    `cid:` image pointing at the PNG file beside it), opened in Chromium."""
    from automation.messages.inline_images import inline_charts
    from automation.messages.providers.base import Envelope
    from automation.messages.providers.outbox import OutboxProvider
    from automation.messages.providers.sendgrid import request_body
    from automation.messages.render import render
    from automation.reports.automations import read_weekly_inputs, weekly_claims, weekly_data

    world, _ = site
    ctx = world.ctx()
    with ctx.run:
        data = weekly_data(ctx, weekly_claims(ctx, read_weekly_inputs(ctx)))
    stored = render("report", data, channel="Email", subject="Weekly report", recipient_name="Sarah",
                    settings=world.settings).html or ""  # fmt: skip
    charted = [s for s in data["sections"] if s.get("chart")]
    assert len(charted) >= 3 and len(stored) < 100_000  # fits a Messages long-text field
    html_out, attachments = inline_charts(stored)
    assert "los:chart" not in (html_out or "")
    referred = re.findall(r'src="cid:([^"]+)"', html_out or "")
    assert sorted(a.content_id for a in attachments) == sorted(referred)
    assert len(attachments) == len(charted) and all(a.data().startswith(b"\x89PNG") for a in attachments)
    envelope = Envelope("recWEEKLY", "Email", "Weekly Report", "sarah@example.com", "Weekly report", "text",
                        html=html_out, attachments=attachments)  # fmt: skip
    sent = request_body(envelope, "coach@example.com", "Sarah")["attachments"]
    assert {(a["disposition"], a["type"]) for a in sent} == {("inline", "image/png")}
    assert all(a["content_id"] == a["filename"] for a in sent)
    OutboxProvider(tmp_path / "outbox").send(envelope, deadline=0)
    (page,) = (tmp_path / "outbox").glob("*/*.html")
    email = page.read_text(encoding="utf-8")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "weekly-email.html").write_text(email, encoding="utf-8")
    host = page.parent / "weekly-host.html"  # beside the PNG files the outbox wrote
    host.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
        f'<iframe id="page" style="width:{WIDTH}px;height:3000px;border:0;display:block" '
        f'srcdoc="{html.escape(email, quote=True)}"></iframe>{MEASURE}</body></html>',
        encoding="utf-8",
    )
    done = _chromium("--window-size=500,3000", "--allow-file-access-from-files", "--dump-dom", host.as_uri())
    found = re.search(r'<pre id="measurement">(.*?)</pre>', done.stdout, re.S)
    assert found, done.stdout[:500]
    m = json.loads(html.unescape(found.group(1)))
    _chromium("--window-size=500,3000", f"--screenshot={ARTIFACTS / 'weekly-email-375px.png'}", host.as_uri())
    assert len(m["images"]) == len(charted) and all(m["images"]), m["images"]
    assert m["scrollWidth"] <= WIDTH and m["overflowing"] == [], m["overflowing"]
