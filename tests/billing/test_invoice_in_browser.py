"""The invoice email as billing composes it, opened in Debian's headless Chromium at 375 px: nothing
overflows the phone's width, and every total (lines, tax, late fee, Total) is on screen and visible."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from automation.billing.emails import invoice_draft
from automation.billing.invoices import Line, lines_text
from automation.messages.render import render
from automation.models import Client, Invoice
from automation.settings import BusinessSettings
from tests.messages.test_email_in_browser import CHROMIUM, WIDTH, _chromium

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)"),
]

PROBE = """
<script>
window.addEventListener('load', function () {
  var frame = document.getElementById('email');
  var doc = frame.contentDocument;
  var width = doc.documentElement.clientWidth;
  frame.style.height = doc.documentElement.scrollHeight + 'px';
  var overflowing = [];
  doc.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) overflowing.push(el.tagName);
  });
  var wanted = JSON.parse(document.getElementById('wanted').textContent);
  var seen = {};
  wanted.forEach(function (text) {
    seen[text] = false;
    doc.querySelectorAll('td').forEach(function (td) {
      if (td.textContent.trim() !== text) return;
      var r = td.getBoundingClientRect();
      var style = doc.defaultView.getComputedStyle(td);
      if (r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= width + 0.5 &&
          style.visibility !== 'hidden' && style.display !== 'none' && parseFloat(style.opacity) > 0) {
        seen[text] = true;
      }
    });
  });
  var out = document.createElement('pre');
  out.id = 'measurement';
  out.textContent = JSON.stringify({viewport: width, scrollWidth: doc.documentElement.scrollWidth,
                                    overflowing: overflowing.slice(0, 20), seen: seen});
  document.body.appendChild(out);
});
</script>
"""


def _invoice() -> tuple[Invoice, Client]:
    who = "with Annabelle Featherstonehaugh"
    lines = [
        Line(
            Decimal("333.33"), f"Executive coaching session, Thu {d} Nov 2026 {who}", f"recS{d:013d}", "recA1"
        )
        for d in (5, 12, 19, 26)
    ]
    lines.append(Line(Decimal("1250.00"), "Leadership360-assessment-and-debrief-for-the-senior-team-" * 2))
    inv = Invoice(
        id="recINVOICE0000001",
        invoice_number="INV-0042",
        lines=lines_text(lines),
        amount=Decimal("2583.32"),
        tax_amount=Decimal("516.66"),
        late_fees=Decimal("25.00"),
        total=Decimal("3124.98"),
        due_date=date(2026, 12, 15),
        payment_link="https://invoice.stripe.com/i/acct_1Nv0FGQ9RKHgCVdK/test_YWNjdF8xTnYwRkdROVJLSGdDVmRLLF9"
        * 2,
        client=["recCLIENT00000001"],
    )
    client = Client(
        id="recCLIENT00000001", name="Maximilian Oppenheimer-Wolstenholme", email="max@acme.example"
    )
    return inv, client


def test_invoice_email__at_375px_nothing_overflows_and_totals_are_visible(tmp_path: Path) -> None:
    settings = BusinessSettings()
    inv, client = _invoice()
    draft = invoice_draft(inv, client, settings)
    rendered = render(
        draft.template, draft.data, channel="Email", subject=draft.subject,
        recipient_name=draft.recipient_name, settings=settings,
    )  # fmt: skip
    wanted = ["£333.33", "£1,250.00", "£516.66", "£25.00", "£3,124.98", "Total"]
    page = tmp_path / "invoice.html"
    page.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
        f'<iframe id="email" style="width:{WIDTH}px;height:2400px;border:0;display:block" '
        f'srcdoc="{html.escape(rendered.html or "", quote=True)}"></iframe>'
        f'<pre id="wanted">{html.escape(json.dumps(wanted))}</pre>{PROBE}</body></html>',
        encoding="utf-8",
    )
    dom = _chromium("--window-size=500,2600", "--dump-dom", page.as_uri())
    found = re.search(r'<pre id="measurement">(.*?)</pre>', dom, re.S)
    assert found, f"Chromium printed no measurement:\n{dom[:500]}"
    m = json.loads(html.unescape(found.group(1)))
    assert m["viewport"] == WIDTH
    assert m["scrollWidth"] <= WIDTH and m["overflowing"] == [], m
    assert m["seen"] == dict.fromkeys(wanted, True), m["seen"]
