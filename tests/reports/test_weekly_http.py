"""The weekly report on the demo business seeded as of today: figures checked against the seeded rows."""

from __future__ import annotations

import base64
import json
import re
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from automation.models import Associate, Client, Lead, Message
from automation.reports.automations import read_weekly_inputs, weekly_claims, weekly_data, weekly_report
from scripts.demo_data.build import build
from tests.reports.conftest import seed

STAGE_P = {"Lead": 0.05, "Prospect": 0.10, "Qualified": 0.25, "Proposal": 0.50, "Negotiation": 0.75}


def _month(d) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def _next(month: str, n: int) -> str:
    y, m = map(int, month.split("-"))
    i = y * 12 + m - 1 + n
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def test_weekly__figures_on_the_demo_business_match_the_seeded_rows(world, monkeypatch, tmp_path) -> None:
    now = datetime.now(UTC) + timedelta(hours=2)
    ctx = world.ctx(now=now)
    today = ctx.today()
    seed(world, monkeypatch, tmp_path, today)
    rows = build(today)

    # Speed to lead: three seeded leads got their first touch 20, 45 and 90 minutes after arriving.
    leads = world.gw.all(Lead)
    touched = leads[:3]
    world.gw.create(Message, [
        {"kind": "First Touch", "channel": "Email", "recipient": x.email, "subject": "Hi", "status": "Sent",
         "lead": [x.id], "sent_at": x.created_time + timedelta(minutes=m), "created_at": x.created_time}
        for x, m in zip(touched, (20, 45, 90), strict=True)
    ])  # fmt: skip

    with ctx.run:
        claims = {c.title: c for c in weekly_claims(ctx, read_weekly_inputs(ctx))}
        email = weekly_data(ctx, list(claims.values()))
    # Each figure links to the records behind it: Airtable URLs with the base's own Leads table id.
    leads_table = world.gw.schema_map().tables["leads"].id
    speed_section = next(x for x in email["sections"] if x["title"].startswith("Speed to lead"))
    assert f"https://airtable.com/{world.base_id}/{leads_table}/rec" in speed_section["bullets"][-1]

    speed = claims["Speed to lead"]
    assert speed.basis == "known"
    want_text = "Median 45 min from arrival to first touch over 3 leads; 2 of 3 within 60 min; "
    # The demo's lead whose email bounced gets no first touch: left out of "still waiting", and said so.
    bounced = [x for x in leads[3:] if x.email_status == "Bounced"]
    assert len(bounced) == 1
    # So are the demo's leads won or closed as Lost before any touch (nurture leaves them).
    won = [x for x in leads[3:] if x.status == "Converted"]
    lost = [x for x in leads[3:] if x.status == "Lost"]
    assert won and lost and bounced[0] not in won + lost
    out = len(won) + len(lost) + 1
    assert speed.text.startswith(f"{want_text}{len(leads) - 3 - out} still waiting for one; {out} left out")
    assert speed.text.endswith(
        f": {len(won)} already a client, {len(lost)} closed as Lost, 1 with no usable email."
    )
    assert not {x.id for x in [*won, *lost, *bounced]} & set(speed.ids)

    # Conversion by source over the last 90 days, from the seeded rows.
    start, end = today - timedelta(days=90), today + timedelta(days=1)
    by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows["leads"]:
        if start <= r["created_date"] < end:
            by_source[r["lead_source"]][0] += 1
            by_source[r["lead_source"]][1] += r["status"] == "Converted"
    text = claims["Leads and conversion by source"].text
    for src, (total, won) in by_source.items():
        assert f"{src} {won}/{total}" in text
    assert sum(t for t, _ in by_source.values()) > 0

    # Weighted forecast: open deals by expected close month (a passed date counts this month), × stage %.
    want: dict[str, float] = defaultdict(float)
    this = _month(today)
    for d in rows["deals"]:
        if d["pipeline_stage"] in STAGE_P and d.get("expected_close") and d.get("deal_value"):
            p = (
                d["probability_override"]
                if d.get("probability_override") is not None
                else STAGE_P[d["pipeline_stage"]]
            )
            want[max(_month(d["expected_close"]), this)] += d["deal_value"] * p
    forecast = claims["Weighted forecast, next 3 months"]
    assert [(m, round(v)) for m, v in forecast.chart] == [
        (_next(this, i), round(want[_next(this, i)])) for i in range(3)
    ]
    assert claims[f"Forecast accuracy {_next(this, -1)}"].basis == "missing"  # no snapshot kept yet

    # Outstanding: Sent or Overdue invoices' totals.
    owed = [i for i in rows["invoices"] if i["status"] in ("Sent", "Overdue")]
    total = sum((Decimal(str(i["total"])) for i in owed), Decimal(0))
    n = f"{len(owed)} invoice{'s' if len(owed) != 1 else ''}"
    assert f"outstanding £{total:,.2f} ({n}" in claims["Revenue"].text and owed

    # No health scores in the seed (the health job writes them), no AI edit ratios: said as missing.
    assert claims["Client health"].basis == "missing"
    assert claims["AI drafts' acceptance"].basis == "missing"
    hours = claims["Hours saved this week"]
    assert hours.basis == "inferred" and hours.text.startswith("0.5 hours: 3 First Touch × 10 min")
    assert all(c.basis in ("known", "inferred", "missing") for c in claims.values())


def test_weekly__the_email_goes_once_and_says_known_inferred_missing(world) -> None:
    now = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    for _ in range(2):
        ctx = world.ctx(now=now)
        with ctx.run:
            weekly_report(ctx)
    sent = world.gw.all(Message, formula=world.gw.ref(Message, "kind").eq("Weekly Report"))
    assert [(m.status, m.recipient) for m in sent] == [("Sent", "sarah@example.com")]
    assert re.search(r"\[missing\]", sent[0].body, re.I) and "SPEED TO LEAD" in sent[0].body
    # Its charts left as inline PNGs (cid:), one per chart the stored HTML refers to, nothing linked.
    referred = set(re.findall(r'src="cid:([^"]+)"', sent[0].body_html or ""))
    (request,) = [json.loads(p.read_text())["sendgrid_mail_send"] for p in world.outbox()]
    inline = {a["content_id"]: a for a in request["attachments"] if a["disposition"] == "inline"}
    # (An empty base: revenue and forecast; a chart of six months without a lead is not drawn, it is said.)
    assert len(referred) >= 2 and set(inline) == referred
    assert all(base64.b64decode(a["content"]).startswith(b"\x89PNG") for a in inline.values())
    assert "/api/dashboard/chart" not in json.dumps(request)


def test_weekly__reads_a_draft_still_unsent_and_one_drafted_earlier_but_sent_this_week(world) -> None:
    now = datetime(2027, 2, 1, 7, 0, tzinfo=UTC)  # Monday; the week runs from Monday 25 January 07:00

    def msg(kind, status, made, sent=None, **kw):
        return {"kind": kind, "channel": "Email", "recipient": "a@example.com", "subject": "s",
                "status": status, "created_at": made, "sent_at": sent, **kw}  # fmt: skip

    world.gw.create(Message, [
        msg("Nurture Email", "Draft", now - timedelta(days=2)),  # no Sent At: still this week's work
        msg("Session Notes", "Sent", now - timedelta(days=12), now - timedelta(days=3),  # judged when sent
            generated_body="draft", edit_ratio=0),
        msg("Session Notes", "Sent", now - timedelta(days=12), now - timedelta(days=11),  # last week's
            generated_body="draft", edit_ratio=1),
    ])  # fmt: skip
    ctx = world.ctx(now=now)
    with ctx.run:
        claims = {c.title: c for c in weekly_claims(ctx, read_weekly_inputs(ctx))}
    assert claims["Hours saved this week"].text.startswith("0.2 hours: 1 Nurture Email × 10 min")
    assert claims["AI drafts' acceptance"].text == "1 of 1 sent drafts approved unedited; average edit 0%."


def test_weekly__each_days_payments_and_health_moves_count_in_exactly_one_report_once_the_day_is_over(
    world,
) -> None:
    """Monday's report (07:00 UTC: 18:00 in Sydney) cannot know the rest of that Monday: a payment dated
    that Monday after the report went belongs to the next report, and one dated today is not yet complete.
    Two consecutive reports together count every whole day once: none lost, none twice."""
    from automation.models import Client, Invoice
    from automation.settings import settings_from_mapping

    world.settings = settings_from_mapping(
        {"general.time_zone": "Australia/Sydney", "general.currency": "AUD"}
    )
    now = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)  # Monday 1 March, 18:00 AEDT
    paid_on = {  # amounts that tell the days apart in any sum
        date(2027, 2, 21): 100,  # Sunday: the week before
        date(2027, 2, 22): 200,  # Monday, paid in the evening after last week's report had gone
        date(2027, 2, 28): 400,  # Sunday, paid at 23:30 in Sydney (13:30 UTC, still Sunday there)
        date(2027, 3, 1): 800,  # today, before 18:00: the day is not over
    }
    world.gw.create(Invoice, [
        {"invoice_number": f"INV-{i}", "status": "Paid", "total": amount, "date_sent": day,
         "payment_date": day}
        for i, (day, amount) in enumerate(paid_on.items())
    ])  # fmt: skip
    world.gw.create(Client, [
        {"name": name, "status": "Active", "risk_level": "High", "health_score": 40,
         "previous_health_score": 70, "health_changed": day}
        for name, day in (("Ann", date(2027, 2, 22)), ("Bea", date(2027, 3, 1)))
    ])  # fmt: skip

    def report(at: datetime) -> dict[str, str]:
        ctx = world.ctx(now=at)
        with ctx.run:
            return {c.title: c.text for c in weekly_claims(ctx, read_weekly_inputs(ctx))}

    this_week, last_week = report(now), report(now - timedelta(days=7))
    assert this_week["Revenue"].startswith("Invoiced A$600.00 and collected A$600.00 this week;")
    assert last_week["Revenue"].startswith("Invoiced A$100.00 and collected A$100.00 this week;")
    assert this_week["Health movers"] == "Ann 70→40."
    assert "Health movers" not in last_week


def test_weekly__the_leaderboard_reads_each_associates_places_and_status_from_the_base(world) -> None:
    """Max Clients and Status come in the weekly's one Associates read: load against places, one on leave
    said, and the free places the coach has for new clients."""
    ann, bea = world.gw.create(Associate, [
        {"name": "Ann", "status": "Active", "max_clients": 3},
        {"name": "Bea", "status": "Paused", "max_clients": 2},
    ])  # fmt: skip
    world.gw.create(Client, [{"name": f"C{i}", "status": "Active", "associate": [a.id]}
                             for i, a in enumerate([ann, bea, bea])])  # fmt: skip
    ctx = world.ctx(now=datetime(2026, 11, 23, 7, 0, tzinfo=UTC))
    with ctx.run:
        claims = {c.title: c for c in weekly_claims(ctx, read_weekly_inputs(ctx))}
    assert claims["Associate leaderboard (30 days)"].text == (
        "Ann: 0 sessions, 1 of 3 clients; Bea (Paused): 0 sessions, 2 of 2 clients. "
        "Free places (Active associates): 2: Ann 2."
    )


def test_weekly__the_coachs_own_record_is_on_the_board_but_her_places_are_not_the_associates(world) -> None:
    """The coach's own Associate record (her Settings email) has room of her own: counting it as the
    associates' free places would tell her the team can take clients it cannot."""
    coach = world.settings.general.coach_email
    ann, me = world.gw.create(Associate, [
        {"name": "Ann", "status": "Active", "max_clients": 1},
        {"name": "Sarah", "email": coach.upper(), "status": "Active", "max_clients": 4},
    ])  # fmt: skip
    world.gw.create(Client, [{"name": f"C{i}", "status": "Active", "associate": [a.id]}
                             for i, a in enumerate([ann, me])])  # fmt: skip
    ctx = world.ctx(now=datetime(2026, 11, 23, 7, 0, tzinfo=UTC))
    with ctx.run:
        claims = {c.title: c for c in weekly_claims(ctx, read_weekly_inputs(ctx))}
    text = claims["Associate leaderboard (30 days)"].text
    assert "Sarah: 0 sessions, 1 of 4 clients" in text
    assert text.endswith("Free places (Active associates): none, every one is full. Your own free places: 3.")
