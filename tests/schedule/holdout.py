"""The schedule holdout (data/holdout_schedule.json): each conflict, reminder and survey case through the pure
rules (`clashes`, `plan_reminder`, `wants_survey` with `one_per_client`), the reminder, overdue and survey
cases that need records through their jobs on the local server, and the four base-to-write-back scenarios;
what the code decides, in the shape of the written expectation."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from automation.events.runner import run_automations
from automation.models import ActionItem, Associate, Client, Message, Session
from automation.schedule.automations import AUTOMATIONS
from automation.schedule.conflicts import clashes
from automation.schedule.overdue_job import overdue_action_items
from automation.schedule.reminder_job import session_reminders
from automation.schedule.reminders import plan_reminder
from automation.schedule.survey import one_per_client, wants_survey
from automation.schedule.survey_job import satisfaction_survey
from automation.schedule.times import local_instant
from automation.settings import settings_from_mapping

DATA = json.loads((Path(__file__).parent / "data" / "holdout_schedule.json").read_text())
CONFLICTS = {c["name"]: c for c in DATA["conflicts"]}
REMINDERS = {c["name"]: c for c in DATA["reminders"]}
REMINDER_RUNS = {c["name"]: c for c in DATA["reminder_runs"]["cases"]}
OVERDUE = {c["name"]: c for c in DATA["overdue"]["cases"]}
SURVEYS = {c["name"]: c for c in DATA["surveys"]}
SURVEY_RUNS = {c["name"]: c for c in DATA["survey_runs"]["cases"]}
SCENARIOS = {c["name"]: c for c in DATA["scenarios"]}
CONFLICT_RUNS = {c["name"]: c for c in DATA["conflict_runs"]["cases"]}


def at(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def iso(dt: datetime | None) -> str | None:
    return None if dt is None else dt.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")


def settings_of(case: dict) -> dict[str, str]:
    return {**DATA["shared_settings"], **case.get("settings", {})}


def compare(expected: dict, got: dict) -> dict[str, tuple]:
    """The expected fields the code disagrees on: field -> (expected, got)."""
    return {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v}


def _listed(value: Any) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


# ---- pure rules ----


def conflict_outcome(case: dict) -> dict[str, Any]:
    settings = settings_from_mapping(settings_of(case)).schedule
    sessions = [
        Session(
            id=s["id"],
            name=f"Session {s['id']}",
            session_date=at(s["at"]),
            duration=None if s.get("duration_min") is None else s["duration_min"] * 60,
            status=s.get("status", "Scheduled"),
            associate=_listed(s.get("associate")),
            client=_listed(s.get("client")),
        )
        for s in case["sessions"]
    ]
    found = clashes(sessions, settings)
    pairs = sorted({tuple(sorted((c.session.id, c.other.id))) for cs in found.values() for c in cs})
    return {"pairs": [list(p) for p in pairs]}


def reminder_outcome(case: dict) -> dict[str, Any]:
    business = settings_from_mapping(settings_of(case))
    tz = ZoneInfo(business.general.time_zone)
    now = at(case["now"])
    s = case["session"]
    session = Session(
        id="recS",
        client=["recC"],
        session_date=at(s["at"]),
        duration=3600,
        status=s.get("status", "Scheduled"),
        reminder_sent=s.get("reminder_sent", False),
        reminded_for=at(s.get("reminded_for")),
        invite_sequence=s.get("invite_sequence"),
    )
    zone = ZoneInfo(case["client_zone"]) if case.get("client_zone") else None
    plan = plan_reminder(session, business.schedule, now, tz, None, zone)
    if plan is None:
        return {"action": None}
    reminder_at = local_instant(now.astimezone(tz).date(), business.schedule.reminder_hour, tz)
    send_after = plan.send_after(reminder_at if reminder_at > now else None)
    return {
        "action": plan.action,
        "sequence": plan.sequence,
        "reminds": plan.reminds,
        "send_after": iso(send_after),
    }


def survey_outcome(case: dict) -> dict[str, Any]:
    business = settings_from_mapping(settings_of(case))
    tz = ZoneInfo(business.general.time_zone)
    today = date.fromisoformat(case["today"])
    sessions = [
        Session(
            id=s["id"],
            session_date=at(s["at"]),
            status=s["status"],
            client=_listed(s.get("client")),
            satisfaction=s.get("satisfaction"),
        )
        for s in case["sessions"]
    ]
    asked = set(case.get("asked", []))
    wanted = [s for s in sessions if wants_survey(s, today, business, tz) and s.id not in asked]
    chosen = one_per_client(wanted, [s for s in sessions if s.id in asked])
    return {"surveyed": sorted(s.id for s in chosen)}


# ---- through the jobs on the local server ----


def _people(world: Any, n: int, client: dict | None, associate: dict | None) -> tuple[Any, Any]:
    gw = world.gw
    a = None
    if associate is not None:
        row = {"name": f"Assoc {n}", "email": f"a{n}@assoc.example", **associate}
        if row.pop("coach", False):  # the coach's own Associate record: her email
            row["email"] = world.settings.general.coach_email
        (a,) = gw.create(Associate, [row])
    c = None
    if client is not None:
        row = {"name": f"Client {n}", "email": f"c{n}@client.example", "status": "Active", **client}
        row = {k: v for k, v in row.items() if v is not None}
        (c,) = gw.create(Client, [{**row, **({"associate": [a.id]} if a else {})}])
    return c, a


def _role(recipient: str | None, world: Any) -> str:
    r = (recipient or "").lower()
    if r == world.settings.general.coach_email.lower():
        return "coach"
    return "client" if r.endswith("@client.example") else "host" if r.endswith("@assoc.example") else r


def reminder_run_outcomes(world: Any, data: dict = DATA) -> dict[str, dict[str, Any]]:
    """Every reminder-run case as a session tomorrow in one base; one reminders run; who gets one.
    `data`: a holdout's cases (this one's by default)."""
    runs = data["reminder_runs"]
    ids = {}
    for n, (name, case) in enumerate((c["name"], c) for c in runs["cases"]):
        c, a = _people(world, n, case["client"], case["associate"])
        row = {"session_date": at(runs["session_at"]), "duration": 3600, "status": "Scheduled"}
        row |= {"client": [c.id]} if c else {}
        row |= {"associate": [a.id]} if a else {}
        (s,) = world.gw.create(Session, [row])
        ids[name] = s.id
    ctx = world.ctx(now=at(runs["now"]), job="session-reminders")
    with ctx.run:
        session_reminders(ctx)
    msgs = [m for m in world.gw.all(Message) if m.kind == "Session Reminder" and m.status != "Cancelled"]
    return {
        name: {"to": sorted(_role(m.recipient, world) for m in msgs if sid in m.session)}
        for name, sid in ids.items()
    }


def _text(m: Message) -> str:
    return " ".join(x or "" for x in (m.subject, m.body, m.body_html))


def overdue_outcomes(world: Any, runs: int = 1, data: dict = DATA) -> dict[str, dict[str, Any]]:
    """Every overdue case as a client (and associate) with one item in one base; the overdue run (`runs`
    times the same morning); who was chased for each item and whether the coach's summary lists it."""
    spec = data["overdue"]
    items = {}
    for n, (name, case) in enumerate((c["name"], c) for c in spec["cases"]):
        c, _ = _people(world, n, case.get("client", {}), case.get("associate", {}))
        it = case["item"]
        row: dict[str, Any] = {"description": f"Holdout action {n:02d}", "client": [c.id]}
        row |= {"assigned_to": it["assigned_to"], "client_visible": it.get("client_visible", False)}
        row |= {"tentative": it.get("tentative", False)}
        row |= {"due_date": date.fromisoformat(it["due"])} if it.get("due") else {}
        row |= {"status": it["status"]} if it.get("status") else {}
        row |= {"reminded_on": date.fromisoformat(it["reminded_on"])} if it.get("reminded_on") else {}
        (item,) = world.gw.create(ActionItem, [row])
        items[name] = item
    for _ in range(runs):
        ctx = world.ctx(now=at(spec["now"]), job="overdue-action-items")
        with ctx.run:
            overdue_action_items(ctx)
    today = at(spec["now"]).astimezone(ZoneInfo(world.settings.general.time_zone)).date()
    msgs = [m for m in world.gw.all(Message) if m.kind == "Action Item Reminder" and m.status != "Cancelled"]
    summary = [m for m in msgs if (m.dedupe_key or "").startswith("overdue-summary:")]
    after = {i.id: i for i in world.gw.all(ActionItem)}
    out = {}
    for name, item in items.items():
        desc = item.description
        to = sorted(_role(m.recipient, world) for m in msgs if m not in summary and f"{desc}" in _text(m))
        to = ["associate" if r == "host" else r for r in to]
        chased_coach = after[item.id].reminded_on == today and not to
        who: Any = to[0] if len(to) == 1 else to or ("coach" if chased_coach else None)
        out[name] = {
            "chased_to": who,
            "in_summary": any(desc in _text(m) for m in summary),
            "emails": len(to),
        }
    return out


def survey_run_outcomes(world: Any) -> dict[str, dict[str, Any]]:
    runs = DATA["survey_runs"]
    ids = {}
    for n, (name, case) in enumerate(SURVEY_RUNS.items()):
        c, a = _people(world, n, case["client"], {})
        row = {"session_date": at(runs["session_at"]), "duration": 3600, "status": "Completed"}
        (s,) = world.gw.create(Session, [{**row, "client": [c.id], "associate": [a.id]}])
        ids[name] = s.id
    ctx = world.ctx(now=at(runs["now"]), job="satisfaction-survey")
    with ctx.run:
        satisfaction_survey(ctx)
    msgs = [m for m in world.gw.all(Message) if m.kind == "Satisfaction Survey" and m.status != "Cancelled"]
    out = {}
    for name, sid in ids.items():
        mine = [m for m in msgs if sid in m.session]
        got: dict[str, Any] = {"to": sorted(_role(m.recipient, world) for m in mine)}
        if mine:
            got["send_after"] = iso(mine[0].send_after)
        out[name] = got
    return out


def conflict_run_outcome(case: dict, world: Any) -> dict[str, Any]:
    """A case's sessions (each its own client) booked in a fresh base, the automations run on them as a
    webhook would; which sessions have Conflict written."""
    gw = world.gw
    hosts: dict[str, str] = {}
    rows = []
    for n, s in enumerate(case["sessions"]):
        (c,) = gw.create(Client, [{"name": f"Client {n}", "email": f"c{n}@client.example"}])
        row = {"name": f"Session {s['id']}", "client": [c.id], "status": s.get("status", "Scheduled")}
        row |= {"session_date": at(s["at"]), "duration": s["duration_min"] * 60}
        for h in _listed(s.get("associate")):
            if h not in hosts:
                email = world.settings.general.coach_email if h == "coach" else f"{h.lower()}@assoc.example"
                (a,) = gw.create(Associate, [{"name": f"Host {h}", "email": email}])
                hosts[h] = a.id
            row.setdefault("associate", []).append(hosts[h])
        rows.append(row)
    made = gw.create(Session, rows)
    ids = [m.id for m in made]
    _automate(world, at(DATA["conflict_runs"]["now"]), "sessions", ids, {"session_date"}, created=ids)
    after = {x.id: x for x in gw.get_many(Session, ids)}
    flagged = [s["id"] for s, m in zip(case["sessions"], made, strict=True) if after[m.id].conflict]
    return {"flagged": sorted(flagged)}


# ---- scenarios: a change in the base, the automations, what is written back ----


def _automate(world: Any, now: datetime, table: str, ids: list[str], changed: set[str], created=()) -> None:
    ctx = world.ctx(now=now, job="webhook")
    with ctx.run:
        run_automations(ctx, table, ids, {i: changed for i in ids}, created=created, automations=AUTOMATIONS)


def scenario_outcome(name: str, world: Any) -> dict[str, Any]:
    gw = world.gw
    now = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("UTC"))
    start = datetime(2026, 12, 8, 14, 0, tzinfo=ZoneInfo("UTC"))
    c, a = _people(world, 90, {}, {})
    base = {"client": [c.id], "associate": [a.id], "duration": 3600, "status": "Scheduled"}
    if name.startswith("the coach books a second session"):
        (c2,) = gw.create(Client, [{"name": "Other", "email": "o@client.example", "associate": [a.id]}])
        (s1,) = gw.create(Session, [{**base, "name": "First", "session_date": start}])
        _automate(world, now, "sessions", [s1.id], {"session_date"}, created=[s1.id])
        row = {**base, "client": [c2.id], "name": "Second", "session_date": start + timedelta(minutes=70)}
        (s2,) = gw.create(Session, [row])
        _automate(world, now, "sessions", [s2.id], {"session_date"}, created=[s2.id])
        both = all(x.conflict for x in gw.get_many(Session, [s1.id, s2.id]))
        alerts = [m for m in gw.all(Message) if m.kind == "Booking Conflict"]
        gw.update(Session, [(s2, {"session_date": start + timedelta(hours=3)})])
        _automate(world, now, "sessions", [s2.id], {"session_date"})
        cleared = not any(x.conflict for x in gw.get_many(Session, [s1.id, s2.id]))
        return {"conflict_both": both, "alerts": len(alerts), "cleared_after_move": cleared}
    if name.startswith("the coach cancels"):
        (s,) = gw.create(Session, [{**base, "session_date": start}])
        ctx = world.ctx(now=datetime(2026, 12, 7, 8, 0, tzinfo=ZoneInfo("UTC")), job="session-reminders")
        with ctx.run:
            session_reminders(ctx)
        gw.update(Session, [(s, {"status": "Cancelled"})])
        _automate(world, now, "sessions", [s.id], {"status"})
        msgs = [m for m in gw.all(Message) if s.id in m.session and m.kind == "Session Reminder"]
        cancels = [m for m in msgs if "METHOD:CANCEL" in (m.invitation or "") or "ancel" in (m.subject or "")]
        (after,) = gw.get_many(Session, [s.id])
        return {
            "cancellations_to": sorted(_role(m.recipient, world) for m in cancels),
            "cancelled_at": after.cancelled_at is not None,
        }
    if name.startswith("the associate ticks"):
        (s,) = gw.create(
            Session, [{**base, "session_date": start - timedelta(days=2), "status": "Completed"}]
        )
        rows = [{"description": f"Step {k}", "client": [c.id], "session": [s.id]} for k in (1, 2)]
        items = gw.create(ActionItem, rows)
        gw.update(ActionItem, [(items[0], {"status": "Complete"})])
        _automate(world, now, "action_items", [items[0].id], {"status"})
        (after,) = gw.get_many(Session, [s.id])
        (item,) = gw.get_many(ActionItem, [items[0].id])
        return {"completion": after.completion, "completed_date": item.completed_date is not None}
    if name.startswith("the coach moves"):
        (s,) = gw.create(Session, [{**base, "session_date": start}])
        _automate(world, now, "sessions", [s.id], {"session_date"}, created=[s.id])
        gw.update(Session, [(s, {"session_date": start + timedelta(days=7)})])
        _automate(world, now, "sessions", [s.id], {"session_date"})
        (client,) = gw.get_many(Client, [c.id])
        d = client.next_session_date
        return {"next_session_date": d.isoformat() if d else None}
    raise KeyError(name)
