"""Rendered emails opened in Debian's headless Chromium at 375 px: nothing overflows, every image loads.

Every email carries the business's logo from Settings (`general.logo_url`), served here by a local HTTP
server, so "every image loads" checks a real image; the same check fails on a logo URL that answers 404.

Headless Chromium will not make a window narrower than 500 px, so the email is shown in a 375 px wide
iframe (its own viewport: the layout's media queries apply as on a phone) and a script in the host page
measures it after load, writing the result into the DOM that `--dump-dom` prints. Screenshots are kept in
test-artifacts/messages/.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import threading
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from automation.messages.render import render
from automation.settings import BusinessSettings, settings_from_mapping

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "messages"
WIDTH = 375

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)"),
]

LONG_URL = "https://example.com/" + "a-very-long-path-segment-without-any-breaks-" * 4
EMAILS = {
    "weekly_report": (
        "report",
        {
            "heading": "Weekly report",
            "intro": "Your week in numbers. Pipeline is healthy; two clients need attention.",
            "metrics": [
                {"label": "New leads", "value": 14},
                {"label": "Weighted forecast", "value": "£48,250"},
                {"label": "Collected", "value": "£12,900"},
            ],
            "sections": [
                {
                    "title": "Leads by source",
                    "chart": [
                        {"label": "Referral", "value": 6},
                        {"label": "Networking Event", "value": 4},
                        {"label": "Website", "value": 3},
                        {"label": "Podcast", "value": 1},
                    ],
                },
                {"title": "Revenue", "facts": [["Invoiced", "£15,400.00"], ["Outstanding", "£2,500.00"]]},
                {"title": "Bottleneck", "bullets": ["4 deals stuck in Proposal for more than 14 days"]},
                {"title": "Failed runs", "bullets": []},
            ],
            "link": {"label": "Open the base", "url": LONG_URL},
        },
    ),
    "invoice": (
        "invoice",
        {
            "invoice_number": "INV-2026-0042",
            "lines": [
                {
                    "description": "Executive coaching, 4 sessions in November (Associate: Jane Doe)",
                    "amount": 2400,
                },
                {"description": "Leadership 360 assessment", "amount": 650},
            ],
            "tax": 610,
            "late_fee": 25,
            "total": 3685,
            "due_date": date(2026, 12, 14),
            "pay_url": LONG_URL,
        },
    ),
    "session_notes": (
        "session_notes",
        {
            "session_date": date(2026, 11, 20),
            "summary": "We explored how you delegate. Link for later: " + LONG_URL,
            "key_outcomes": ["Delegate the weekly report to Sam", "Block two hours of thinking time"],
            "action_items": [
                {"description": "Draft the RACI for Q1", "due": date(2026, 11, 27), "owner": "You"}
            ],
            "next_session": datetime(2026, 12, 4, 10, tzinfo=UTC),
            "topics_next": ["Board presentation"],
        },
    ),
    "letter": (
        "letter",
        {
            "greeting": "Hi Jo,",
            "body": "A thought on your first 90 days.\n\n" + LONG_URL,
            "signoff": "Warmly,",
        },
    ),
}

MEASURE = """
<script>
window.addEventListener('load', function () {
  var frame = document.getElementById('email');
  var doc = frame.contentDocument;
  var width = doc.documentElement.clientWidth;
  var overflowing = [];
  doc.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) {
      var name = el.tagName + (el.className ? '.' + el.className : '');
      overflowing.push(name + ' right=' + Math.round(r.right));
    }
  });
  var images = Array.prototype.map.call(doc.images, function (img) {
    return {src: img.src.slice(0, 80), loaded: img.complete && img.naturalWidth > 0};
  });
  frame.style.height = doc.documentElement.scrollHeight + 'px';
  var out = document.createElement('pre');
  out.id = 'measurement';
  out.textContent = JSON.stringify({
    viewport: width, scrollWidth: doc.documentElement.scrollWidth,
    overflowing: overflowing.slice(0, 20), images: images
  });
  document.body.appendChild(out);
});
</script>
"""


def _host_page(email_html: str) -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
        f'<iframe id="email" style="width:{WIDTH}px;height:2000px;border:0;display:block" '
        f'srcdoc="{html.escape(email_html, quote=True)}"></iframe>{MEASURE}</body></html>'
    )


def _chromium(*args: str) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"]
    done = subprocess.run(
        [CHROMIUM, *flags, "--virtual-time-budget=5000", *args], capture_output=True, text=True, timeout=90
    )
    return done.stdout


def _png(width: int, height: int) -> bytes:
    """A small solid PNG, written by hand (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


LOGO = _png(360, 80)


@pytest.fixture(scope="module")
def logo_server() -> Iterator[str]:
    """An HTTP server with /logo.png (a real PNG) and 404 for anything else; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/logo.png":
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(LOGO)))
                self.end_headers()
                self.wfile.write(LOGO)
            else:
                self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _measure(name: str, template: str, data: dict, settings: BusinessSettings, tmp_path: Path) -> dict:
    rendered = render(
        template,
        data,
        channel="Email",
        subject=f"{name} subject",
        recipient_name="Jo Bloggs",
        settings=settings,
        unsubscribe_url="https://app.example/api/unsubscribe?token=l.recX.sig",
    )
    page = tmp_path / f"{name}.html"
    page.write_text(_host_page(rendered.html or ""), encoding="utf-8")
    dom = _chromium("--window-size=500,2400", "--dump-dom", page.as_uri())
    found = re.search(r'<pre id="measurement">(.*?)</pre>', dom, re.S)
    assert found, f"Chromium printed no measurement:\n{dom[:500]}"
    return {"html": rendered.html or "", "page": page, **json.loads(html.unescape(found.group(1)))}


def _with_logo(url: str) -> BusinessSettings:
    settings = settings_from_mapping({"general.logo_url": url})
    assert settings.general.logo_url == url
    return settings


@pytest.mark.parametrize("name", list(EMAILS))
def test_email_at_375px__nothing_overflows_and_every_image_loads(name, tmp_path, logo_server):
    template, data = EMAILS[name]
    logo = f"{logo_server}/logo.png"
    measured = _measure(name, template, data, _with_logo(logo), tmp_path)
    rendered_html, page = measured["html"], measured["page"]

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"{name}.html").write_text(rendered_html, encoding="utf-8")
    _chromium("--window-size=500,2400", f"--screenshot={ARTIFACTS / f'{name}-375px.png'}", page.as_uri())

    assert measured["viewport"] == WIDTH
    assert measured["scrollWidth"] <= WIDTH, measured
    assert measured["overflowing"] == [], measured["overflowing"]
    assert [img["src"] for img in measured["images"]][:1] == [logo], "the logo heads the email"
    assert all(img["loaded"] for img in measured["images"]), measured["images"]
    assert (ARTIFACTS / f"{name}-375px.png").stat().st_size > 0


def test_email__a_logo_url_that_does_not_answer_is_reported_as_not_loaded(tmp_path, logo_server):
    """The check above would fail on a broken image URL: here the logo answers 404."""
    template, data = EMAILS["letter"]
    broken = f"{logo_server}/missing-logo.png"
    measured = _measure("broken-logo", template, data, _with_logo(broken), tmp_path)
    assert [(img["src"], img["loaded"]) for img in measured["images"]] == [(broken, False)]


def test_email__without_a_logo_the_business_name_heads_it_and_no_image_is_needed(tmp_path):
    template, data = EMAILS["letter"]
    measured = _measure("no-logo", template, data, BusinessSettings(), tmp_path)
    assert measured["images"] == []
    assert BusinessSettings().general.business_name in measured["html"]


def test_measurement__catches_overflow_and_a_broken_image(tmp_path):
    """The harness itself: a page that overflows and has an image that cannot load must fail it."""
    bad = '<html><body><div style="width:600px">wide</div><img src="does-not-exist.png" alt=""></body></html>'
    page = tmp_path / "bad.html"
    page.write_text(_host_page(bad), encoding="utf-8")
    dom = _chromium("--window-size=500,800", "--dump-dom", page.as_uri())
    measured = json.loads(html.unescape(re.search(r'<pre id="measurement">(.*?)</pre>', dom, re.S).group(1)))
    assert measured["scrollWidth"] > WIDTH and measured["overflowing"]
    assert measured["images"] and not measured["images"][0]["loaded"]
