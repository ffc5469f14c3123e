"""The dashboard (the coach) and an associate's page: plain HTML readable on a phone, no script.

The dashboard shows the weekly report's figures (the same functions) and the daily brief's sections, with
the charts as PNG. An associate's page shows only that associate's clients, their upcoming sessions and
their open action items: every row is filtered on the associate's own client links before it is drawn.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from pyairtable import formulas as F

from automation.text import date_text, month_first_zone

if TYPE_CHECKING:
    from automation.context import JobContext

STYLE = """
*{box-sizing:border-box} body{margin:0;font:16px/1.45 -apple-system,Segoe UI,Roboto,Arial,sans-serif;
color:#1f2937;background:#f3f6fa} main{max-width:760px;margin:0 auto;padding:12px}
h1{font-size:22px;color:#1f4e79;margin:8px 0 12px} h2{font-size:17px;margin:0 0 6px}
section{background:#fff;border-radius:8px;padding:12px;margin:0 0 12px;overflow-wrap:anywhere}
img{max-width:100%;height:auto;display:block;margin-top:8px} ul{padding-left:20px;margin:6px 0}
.basis{font-size:12px;font-weight:600;text-transform:uppercase;padding:2px 6px;border-radius:4px;
background:#e5edf6;color:#1f4e79;margin-left:6px} .missing{background:#fde8e8;color:#9b1c1c}
.inferred{background:#fff4d6;color:#7a5300} small{color:#6b7280}
"""


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>"
        f"<h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def _list(items: list[str], empty: str) -> str:
    if not items:
        return f"<p><small>{escape(empty)}</small></p>"
    return "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in items) + "</ul>"


def _links(ctx: JobContext, claim: Any) -> str:
    from automation.reports.automations import record_urls

    urls = record_urls(ctx, claim, limit=5)
    if not urls:
        return ""
    return ": " + " ".join(f'<a href="{escape(u)}">{escape(u.rsplit("/", 1)[1])}</a>' for u in urls)


def dashboard_html(ctx: JobContext, charts: bool = True) -> str:
    from automation.reports.automations import read_brief_inputs, read_weekly_inputs, weekly_claims
    from automation.reports.brief import build_brief
    from automation.reports.charts import bar_png, data_uri

    weekly = read_weekly_inputs(ctx)
    claims = weekly_claims(ctx, weekly)
    sections = build_brief(
        read_brief_inputs(ctx, associates_read=weekly["associates"]), ctx.now, ctx.tz, ctx.settings
    )
    parts = []
    if not sections:  # as the brief says it: an empty page top reads as a page that failed to load
        from automation.reports.automations import brief_data

        intro = brief_data(sections, ctx.today().isoformat(), ctx.settings.general.business_name)["intro"]
        parts.append(f"<section><p>{escape(intro)}</p></section>")
    for s in sections:
        parts.append(f"<section><h2>{escape(s.title)}</h2>{_list(s.bullets, '')}</section>")
    for c in claims:
        img = ""
        if charts and c.chart:
            alt = "; ".join(f"{label}: {c.shown(v)}" for label, v in c.chart)
            png = bar_png(c.title, c.chart, [c.shown(v) for _, v in c.chart])
            img = f'<img src="{data_uri(png)}" alt="{escape(alt)}">'
        parts.append(
            f'<section><h2>{escape(c.title)}<span class="basis {c.basis}">{c.basis}</span></h2>'
            f"<p>{escape(c.text)}</p>{img}"
            f"<small>{len(c.ids)} records behind it{_links(ctx, c)}</small></section>"
        )
    today = date_text(ctx.today(), month_first_zone(str(ctx.tz)))
    title = f"{ctx.settings.general.business_name}: dashboard {today}"
    return _page(title, "".join(parts))


def associate_html(ctx: JobContext, associate_id: str) -> str | None:
    """That associate's page, or None when no such associate exists or she has left the practice
    (Inactive): her link is permanent, and her clients stay linked to her until they are reassigned."""
    from zoneinfo import ZoneInfo

    from automation.models import ActionItem, Associate, Client, Session
    from automation.parallel import together
    from automation.schedule.times import own_zone, zoned_text

    gw = ctx.gateway
    found = gw.get_many(Associate, [associate_id], fields=["name", "status", "time_zone"])
    if not found or found[0].status == "Inactive":
        return None
    me = found[0]
    status = gw.ref(ActionItem, "status")
    items_f = F.NOT(F.OR(status.eq("Complete"), status.eq("Cancelled")))  # no Status yet is open too
    clients, sessions, items = together(
        lambda: gw.all(Client, fields=["name", "status", "associate", "next_session_date"]),
        lambda: gw.all(Session, formula={"status": "Scheduled"},
                       fields=["client", "associate", "session_date", "session_type", "status"]),
        lambda: gw.all(ActionItem, formula=items_f,
                       fields=["description", "client", "due_date", "status", "assigned_to", "tentative"]),
    )  # fmt: skip
    mine = {
        c.id: c for c in clients if associate_id in c.associate and c.status in (None, "Active", "Paused")
    }
    # Her own clock when her record names one (as her reminders are), the zone always written.
    zone = own_zone(me.time_zone)
    tz, now = (ZoneInfo(zone) if zone else ctx.tz), ctx.now
    names = {c.id: c.name or c.id for c in clients}
    # Her clients' sessions, and the ones she runs for another's client (covering, co-hosting): her
    # invitation names that client already; the client's other records stay off her page.
    upcoming = sorted(
        (
            s
            for s in sessions
            if s.session_date
            and s.session_date >= now
            and (set(s.client) & set(mine) or associate_id in s.associate)
        ),
        key=lambda s: s.session_date,
    )
    open_items = sorted(
        (i for i in items if set(i.client) & set(mine)), key=lambda i: (i.due_date is None, i.due_date)
    )

    def who(links: list[str]) -> str:
        return ", ".join(mine[x].name or x for x in links if x in mine)

    client_lines = [
        f"{c.name} ({c.status or 'Active'})" for c in sorted(mine.values(), key=lambda c: c.name or "")
    ]

    def attending(s: Any) -> str:
        """Who the session is with: all its clients when she runs it, else those who are hers."""
        return ", ".join(names.get(x, x) for x in s.client) if associate_id in s.associate else who(s.client)

    session_lines = [
        f"{zoned_text(s.session_date, tz)}: {attending(s)} ({s.session_type or 'session'})" for s in upcoming
    ]
    item_lines = [
        f"{who(i.client)}: {i.description or '?'}"
        + (f" (due {date_text(i.due_date, month_first_zone(str(tz)))})" if i.due_date else "")
        + (" (tentative)" if i.tentative else "")
        for i in open_items
    ]
    body = (
        f"<section><h2>Your clients ({len(client_lines)})</h2>"
        f"{_list(client_lines, 'No clients yet.')}</section>"
        f"<section><h2>Upcoming sessions</h2>{_list(session_lines, 'Nothing booked.')}</section>"
        f"<section><h2>Open action items</h2>{_list(item_lines, 'Nothing open.')}</section>"
    )
    return _page(f"{me.name or 'Associate'}: your clients", body)
