"""The second schedule holdout (data/holdout2_schedule.json): situations the first does not have, through
the first's loader (`tests.schedule.holdout`: the pure rules, the reminder and overdue runs), and what that
loader cannot build: sessions with several clients or several sessions of one client (reminders, surveys),
a client with many overdue items, and the scenarios from a change in the base (or a Calendly event) to what
is written back and sent; what the code decides, in the shape of the written expectation."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from automation.models import ActionItem, Associate, Client, Message, Session
from automation.schedule import calendly
from automation.schedule.client_dates import client_dates
from automation.schedule.overdue_job import overdue_action_items
from automation.schedule.reminder_job import session_reminders
from automation.schedule.reminders import key_parts
from automation.schedule.survey_job import satisfaction_survey
from tests.schedule import holdout as H

DATA = json.loads((Path(__file__).parent / "data" / "holdout2_schedule.json").read_text())
CONFLICTS = {c["name"]: c for c in DATA["conflicts"]}
REMINDERS = {c["name"]: c for c in DATA["reminders"]}
SURVEYS = {c["name"]: c for c in DATA["surveys"]}
REMINDER_RUNS = {c["name"]: c for c in DATA["reminder_runs"]["cases"]}
OVERDUE = {c["name"]: c for c in DATA["overdue"]["cases"]}
GROUPS = {c["name"]: c for c in DATA["groups"]}
NEXT_DATES = {c["name"]: c for c in DATA["next_dates"]}
SCENARIOS = {c["name"]: c for c in DATA["scenarios"]}
UTC = ZoneInfo("UTC")


def _run(world: Any, job: Any, now: datetime, name: str) -> Any:
    ctx = world.ctx(now=now, job=name)
    with ctx.run:
        job(ctx)
    return ctx


def _kind(world: Any, kind: str) -> list[Message]:
    return [m for m in world.gw.all(Message) if m.kind == kind and m.status != "Cancelled"]


def _who(recipient: str | None, world: Any) -> str:
    """client<n> for the group's n-th client, else the first holdout's roles (host, coach)."""
    r = (recipient or "").lower()
    if r.endswith("@client.example"):
        return "client" + r.split("@")[0].removeprefix("g")
    return H._role(recipient, world)


def group_outcome(case: dict, world: Any) -> dict[str, Any]:
    """A case's clients (g<n>@client.example), their associate (none: the coach runs it) and sessions or
    items in a fresh base; the job run (`runs` times); who got what."""
    gw = world.gw
    a = None
    if not case.get("coach_runs"):
        (a,) = gw.create(Associate, [{"name": "Group Host", "email": "gh@assoc.example"}])
    rows = [
        {"name": f"Group client {n}", "email": f"g{n}@client.example", "status": "Active"}
        | ({"associate": [a.id]} if a else {})
        for n in range(case["clients"])
    ]
    clients = gw.create(Client, rows)
    now = H.at(case["now"])
    if case["kind"] == "overdue":
        c = clients[0]
        rows = [
            {"description": f"Group action {k:02d}", "client": [c.id], "assigned_to": "Client"}
            | {"client_visible": True, "due_date": datetime.fromisoformat(case["due"]).date()}
            for k in range(case["items"])
        ]
        gw.create(ActionItem, rows)
        _run(world, overdue_action_items, now, "overdue-action-items")
        msgs = _kind(world, "Action Item Reminder")
        summary = [m for m in msgs if (m.dedupe_key or "").startswith("overdue-summary:")]
        mine = [m for m in msgs if (m.recipient or "").lower() == c.email]
        descs = [r["description"] for r in rows]
        return {
            "client_emails": len(mine),
            "listed_in_email": sum(d in H._text(mine[0]) for d in descs) if mine else 0,
            "listed_in_summary": sum(any(d in H._text(m) for m in summary) for d in descs),
        }
    rows = []
    for s in case["sessions"]:
        row = {"session_date": H.at(s["at"]), "duration": 3600, "status": s.get("status", "Scheduled")}
        row |= {"client": [clients[i].id for i in s["clients"]]} | ({"associate": [a.id]} if a else {})
        rows.append(row)
    ids = {x.id for x in gw.create(Session, rows)}
    job, kind, name = {
        "reminders": (session_reminders, "Session Reminder", "session-reminders"),
        "surveys": (satisfaction_survey, "Satisfaction Survey", "satisfaction-survey"),
    }[case["kind"]]
    for _ in range(case.get("runs", 1)):
        _run(world, job, now, name)
    msgs = [m for m in _kind(world, kind) if ids & set(m.session)]
    return {"to": sorted(_who(m.recipient, world) for m in msgs)}


def next_date_outcome(case: dict) -> dict[str, Any]:
    """One client's sessions through `client_dates` on the business's clock."""
    tz = ZoneInfo(H.settings_of(case)["general.time_zone"])
    sessions = [
        Session(
            id=f"rec{n}", session_date=H.at(s["at"]), status=s.get("status", "Scheduled"), client=["recC"]
        )
        for n, s in enumerate(case["sessions"])
    ]
    d = client_dates(sessions, H.at(case["now"]), tz)["next_session_date"]
    return {"next_session_date": d.isoformat() if d else None}


# ---- scenarios ----


def _seq(m: Message) -> int:
    parts = key_parts(m.dedupe_key)
    return -1 if parts is None else parts[1]


def _cancel(m: Message) -> bool:
    return "METHOD:CANCEL" in (m.invitation or "")


def _booking(event: str, uri: str, start: str, **kw: Any) -> calendly.Booking:
    begin = H.at(start)
    return calendly.Booking(
        event=event,  # type: ignore[arg-type]
        invitee_uri=uri,
        email="c90@client.example",
        name="Client 90",
        start=begin,
        end=begin + timedelta(hours=1),
        event_name="Coaching",
        **({"host_email": None} | kw),
    )


def _calendly(world: Any, bookings: list[calendly.Booking]) -> dict[str, Any]:
    for b in bookings:
        ctx = world.ctx(now=datetime(2026, 12, 7, 10, 0, tzinfo=UTC), job="calendly")
        with ctx.run:
            calendly.apply(ctx, b)
    found = [s for s in world.gw.all(Session) if s.booking_ref]
    return {
        "sessions": len(found),
        "status": sorted(s.status or "" for s in found),
        "at": sorted(H.iso(s.session_date) or "" for s in found),
    }


def scenario_outcome(name: str, world: Any) -> dict[str, Any]:
    gw = world.gw
    c, a = H._people(world, 90, {}, {})
    base = {"client": [c.id], "associate": [a.id], "duration": 3600, "status": "Scheduled"}
    u1, u2 = "https://api.calendly.com/invitees/OLD", "https://api.calendly.com/invitees/NEW"
    old_at, new_at = "2026-12-09T15:00:00Z", "2026-12-10T15:00:00Z"
    if name.startswith("Calendly reschedule: the old"):
        return _calendly(
            world,
            [
                _booking("invitee.created", u1, old_at),
                _booking("invitee.canceled", u1, old_at, new_invitee=u2),
                _booking("invitee.created", u2, new_at, old_invitee=u1),
            ],
        )
    if name.startswith("Calendly reschedule the other way"):
        return _calendly(
            world,
            [
                _booking("invitee.created", u1, old_at),
                _booking("invitee.created", u2, new_at, old_invitee=u1),
                _booking("invitee.canceled", u1, old_at, new_invitee=u2),
            ],
        )
    if name.startswith("Calendly cancellation arriving"):
        cancelled = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
        return _calendly(
            world,
            [
                _booking("invitee.canceled", u1, old_at, cancelled_at=cancelled),
                _booking("invitee.created", u1, old_at),
            ],
        )
    now = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
    if name.startswith("the coach types a session with a negative"):
        (s,) = gw.create(Session, [{**base, "session_date": now + timedelta(days=1), "duration": -3600}])
        ctx = world.ctx(now=now, job="webhook")
        with ctx.run:
            changed = {s.id: {"session_date", "duration"}}
            H.run_automations(ctx, "sessions", [s.id], changed, created=[s.id], automations=H.AUTOMATIONS)
        return {
            "duration_reported": any(p.field == "duration" and p.record_id == s.id for p in ctx.run.problems)
        }
    if name.startswith("an item reopened"):
        (s,) = gw.create(Session, [{**base, "session_date": now - timedelta(days=2), "status": "Completed"}])
        (item,) = gw.create(ActionItem, [{"description": "Step", "client": [c.id], "session": [s.id]}])
        gw.update(ActionItem, [(item, {"status": "Complete"})])
        H._automate(world, now, "action_items", [item.id], {"status"})
        before = gw.get_many(Session, [s.id])[0].completion
        (item,) = gw.get_many(ActionItem, [item.id])
        gw.update(ActionItem, [(item, {"status": "In Progress"})])
        H._automate(world, now + timedelta(hours=1), "action_items", [item.id], {"status"})
        (item,) = gw.get_many(ActionItem, [item.id])
        after = gw.get_many(Session, [s.id])[0].completion
        return {
            "completed_date": item.completed_date is not None,
            "completion_before": before,
            "completion_after": after,
        }
    if name.startswith("the associate cancels"):
        start = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)
        (s,) = gw.create(Session, [{**base, "session_date": start}])
        _run(world, session_reminders, datetime(2026, 12, 7, 8, 0, tzinfo=UTC), "session-reminders")
        gw.update(Session, [(s, {"status": "Cancelled"})])
        H._automate(world, start - timedelta(hours=2), "sessions", [s.id], {"status"})
        (after,) = gw.get_many(Session, [s.id])
        msgs = [m for m in _kind(world, "Session Reminder") if s.id in m.session]
        cancels = [m for m in msgs if "METHOD:CANCEL" in (m.invitation or "")]
        return {
            "cancelled_at": H.iso(after.cancelled_at),
            "cancellations_to": sorted(H._role(m.recipient, world) for m in cancels),
        }
    if name.startswith("the coach moves a session from Thursday"):
        (s,) = gw.create(Session, [{**base, "session_date": datetime(2026, 12, 10, 14, 0, tzinfo=UTC)}])
        _run(world, session_reminders, datetime(2026, 12, 7, 6, 0, tzinfo=UTC), "session-reminders")
        gw.update(Session, [(s, {"session_date": datetime(2026, 12, 8, 9, 0, tzinfo=UTC)})])
        H._automate(world, datetime(2026, 12, 7, 15, 0, tzinfo=UTC), "sessions", [s.id], {"session_date"})
        _run(world, session_reminders, datetime(2026, 12, 8, 6, 0, tzinfo=UTC), "session-reminders")
        msgs = [m for m in _kind(world, "Session Reminder") if s.id in m.session]
        to_client = [m for m in msgs if H._role(m.recipient, world) == "client"]
        return {
            "to": sorted(H._role(m.recipient, world) for m in msgs),
            "send_after": H.iso(to_client[0].send_after) if to_client else None,
        }
    return batch2_outcome(name, world, c, a, base)


def batch2_outcome(name: str, world: Any, c: Any, a: Any, base: dict) -> dict[str, Any]:
    gw = world.gw
    start = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)
    morning = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
    role = lambda m: H._role(m.recipient, world)  # noqa: E731
    if name.startswith("the coach sets a session Cancelled an hour after"):
        (s,) = gw.create(Session, [{**base, "session_date": start}])
        gw.update(Session, [(s, {"status": "Cancelled"})])
        H._automate(world, start + timedelta(hours=1), "sessions", [s.id], {"status"})
        return {"cancelled_at": H.iso(gw.get_many(Session, [s.id])[0].cancelled_at)}
    if name.startswith("a reminded session Cancelled, then set back"):
        (s,) = gw.create(Session, [{**base, "session_date": start}])
        _run(world, session_reminders, morning, "session-reminders")
        gw.update(Session, [(s, {"status": "Cancelled"})])
        H._automate(world, morning + timedelta(hours=1), "sessions", [s.id], {"status"})
        (s,) = gw.get_many(Session, [s.id])
        gw.update(Session, [(s, {"status": "Scheduled"})])
        H._automate(world, morning + timedelta(hours=2), "sessions", [s.id], {"status"})
        _run(world, session_reminders, morning + timedelta(hours=3), "session-reminders")
        msgs = [m for m in _kind(world, "Session Reminder") if s.id in m.session]
        top = max((_seq(m) for m in msgs if _cancel(m)), default=-1)
        again = [m for m in msgs if not _cancel(m) and _seq(m) > 0]
        return {
            "cancelled_at": H.iso(gw.get_many(Session, [s.id])[0].cancelled_at),
            "invited_again": sorted(role(m) for m in again),
            "above_the_cancellation": top >= 0 and all(_seq(m) > top for m in again),
        }
    if name.startswith("Calendly reschedule of a session already reminded"):
        u1, u2 = "https://api.calendly.com/invitees/R1", "https://api.calendly.com/invitees/R2"
        host = {"host_email": a.email}
        _calendly(world, [_booking("invitee.created", u1, "2026-12-08T14:00:00Z", **host)])
        _run(world, session_reminders, morning, "session-reminders")
        moved = [
            _booking("invitee.canceled", u1, "2026-12-08T14:00:00Z", new_invitee=u2, **host),
            _booking("invitee.created", u2, "2026-12-09T15:00:00Z", old_invitee=u1, **host),
        ]
        got = _calendly(world, moved)
        _run(world, session_reminders, morning + timedelta(hours=4), "session-reminders")
        msgs = [m for m in _kind(world, "Session Reminder") if m.invitation]
        uids = {u for m in msgs for u in re.findall(r"^UID:(.+?)\r?$", m.invitation or "", re.M)}
        return {
            "sessions": got["sessions"],
            "cancellations": sum(_cancel(m) for m in msgs),
            "update_to": sorted(role(m) for m in msgs if _seq(m) == 1 and not _cancel(m)),
            "same_uid": len(uids) == 1,
        }
    if name.startswith("a session with a negative Duration is reminded"):
        import icalendar

        (s,) = gw.create(Session, [{**base, "session_date": start, "duration": -3600}])
        _run(world, session_reminders, morning, "session-reminders")
        (m, *_) = [m for m in _kind(world, "Session Reminder") if s.id in m.session and m.invitation]
        (event,) = icalendar.Calendar.from_ical(m.invitation).walk("VEVENT")
        minutes = (event.decoded("DTEND") - event.decoded("DTSTART")).total_seconds() / 60
        return {"invite_minutes": minutes}
    if name.startswith("the coach cancels the client's next session"):
        made = gw.create(
            Session, [{**base, "session_date": start}, {**base, "session_date": start + timedelta(7)}]
        )
        ids = [x.id for x in made]
        H._automate(world, morning, "sessions", ids, {"session_date"}, created=ids)
        gw.update(Session, [(made[0], {"status": "Cancelled"})])
        H._automate(world, morning, "sessions", [ids[0]], {"status"})
        d = gw.get_many(Client, [c.id])[0].next_session_date
        return {"next_session_date": d.isoformat() if d else None}
    if name.startswith("one of two items ticked Complete"):
        (s,) = gw.create(
            Session, [{**base, "session_date": start - timedelta(days=2), "status": "Completed"}]
        )
        items = gw.create(
            ActionItem, [{"description": f"S{k}", "client": [c.id], "session": [s.id]} for k in (1, 2)]
        )
        gw.update(ActionItem, [(items[0], {"status": "Complete"})])
        H._automate(world, morning, "action_items", [items[0].id], {"status"})
        gw.update(ActionItem, [(gw.get_many(ActionItem, [items[1].id])[0], {"status": "Cancelled"})])
        H._automate(world, morning, "action_items", [items[1].id], {"status"})
        return {"completion": gw.get_many(Session, [s.id])[0].completion}
    if name.startswith("an item typed in already Complete"):
        (s,) = gw.create(
            Session, [{**base, "session_date": start - timedelta(days=2), "status": "Completed"}]
        )
        row = {"description": "Done before", "client": [c.id], "session": [s.id], "status": "Complete"}
        (item,) = gw.create(ActionItem, [row])
        H._automate(world, morning, "action_items", [item.id], {"status", "session"}, created=[item.id])
        (item,) = gw.get_many(ActionItem, [item.id])
        return {
            "completed_date": item.completed_date is not None,
            "completion": gw.get_many(Session, [s.id])[0].completion,
        }
    raise KeyError(name)
