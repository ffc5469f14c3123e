"""Charts inside an email as inline PNG attachments (`cid:` images), drawn when the message leaves.

Email clients do not show SVG and many block remote images until the reader allows them; an inline PNG
attached to the message (Content-ID, disposition inline) shows at once. The stored HTML (a Messages record
is long text, 100,000 characters at most) carries only the chart's data in a comment beside its `<img>`;
`inline_charts` draws each PNG from it at send time and strips the comments, so what is stored stays small
and what leaves is complete.
"""

from __future__ import annotations

import base64
import json
import re

from automation.messages.providers.base import Attachment

_MARKER = re.compile(r"<!--los:chart (?P<cid>[a-z0-9-]{1,80}\.png) (?P<data>[A-Za-z0-9_=-]*)-->\n?")


def chart_marker(cid: str, title: str, bars: list[tuple[str, float]], shown: list[str] | None = None) -> str:
    """The comment that carries one chart's data in the stored HTML (`cid` as in `<img src="cid:…">`);
    `shown`: each bar's figure as the email's text writes it (its unit or currency), drawn beside the bar."""
    spec: dict = {"title": title, "bars": [[str(label), float(v)] for label, v in bars]}
    if shown:
        spec["shown"] = [str(x) for x in shown]
    raw = json.dumps(spec, separators=(",", ":"))
    return f"<!--los:chart {cid} {base64.urlsafe_b64encode(raw.encode()).decode()}-->"


def chart_cid(name: str) -> str:
    """The Content-ID of a chart: `chart-<name>.png` (letters, digits and dashes only)."""
    safe = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:70] or "chart"
    return f"chart-{safe}.png"


def inline_charts(html: str | None) -> tuple[str | None, tuple[Attachment, ...]]:
    """The HTML without the chart comments, and one inline PNG per chart its images refer to."""
    if not html or "<!--los:chart " not in html:
        return html, ()
    attachments: dict[str, Attachment] = {}
    for m in _MARKER.finditer(html):
        cid = m.group("cid")
        if cid in attachments or f"cid:{cid}" not in html:
            continue
        try:
            spec = json.loads(base64.urlsafe_b64decode(m.group("data")))
            bars = [(str(label), float(v)) for label, v in spec["bars"]]
            title = str(spec["title"])
            shown = [str(x) for x in spec.get("shown") or []] or None
        except (ValueError, KeyError, TypeError):
            continue  # a comment the coach's edit broke: the bars drawn in the HTML still carry the figures
        from automation.reports.charts import bar_png  # matplotlib, only when a chart is drawn

        png = bar_png(title, bars, shown)
        attachments[cid] = Attachment(cid, "image/png", png, disposition="inline", content_id=cid)
    return _MARKER.sub("", html), tuple(attachments.values())
