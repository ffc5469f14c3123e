"""The session-reminders job: today's reminders, moved-session updates and cancellations, with invitations.

Reads: the sessions that may need something (upcoming Scheduled ones, Cancelled ones whose invitation is
still in calendars), then the clients and associates of those due a notice or already invited (whose people
may have changed since), by id; and, when a session moved, changed or was cancelled, those sessions' reminder
messages (one read: what each person was actually sent). Every email goes through compose (exactly
once per dedupe key, opt-outs honoured, Paused/Shadow respected) and is delivered in one batch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pyairtable import formulas as F

from automation.errors import RecordProblem
from automation.messages import Draft, compose_many, deliver
from automation.messages.eligibility import normalise
from automation.models import Associate, Client, Message, Session
from automation.schedule.cancellation import calendars, held_times
from automation.schedule.invitation import Person
from automation.schedule.reminder_emails import (
    NO_SESSIONS,
    away,
    client_address,
    cohosts_of,
    host_of,
    reminder_drafts,
    signer,
    unreachable,
    usable,
)
from automation.schedule.reminders import KEY, key_parts, plan_reminder, plan_reminders, watches_people
from automation.schedule.times import local_instant, own_zone, zone_problem

if TYPE_CHECKING:
    from automation.context import JobContext


def iso(dt: Any) -> F.Formula:
    return F.DATETIME_PARSE(dt.strftime("%Y-%m-%dT%H:%M:%SZ"))


def candidate_sessions(ctx: JobContext) -> list[Session]:
    gw = ctx.gateway
    status, start = gw.ref(Session, "status"), gw.ref(Session, "session_date")
    reminded = gw.ref(Session, "reminded_for")
    formula = F.OR(
        F.AND(status.eq("Scheduled"), F.IS_AFTER(start, iso(ctx.now))),
        F.AND(status.eq("Cancelled"), F.NOT(F.EQ(reminded, ""))),
    )
    return gw.all(Session, formula=formula)


def session_reminders(ctx: JobContext) -> dict[str, Any]:
    from automation.schedule.client_dates import stale_clients

    return {**send_reminders(ctx), **stale_clients(ctx)}


def send_reminders(ctx: JobContext) -> dict[str, Any]:
    gw = ctx.gateway
    sched = ctx.settings.schedule
    # Whose people to read: those owed something anyway, and the invited ones (a change of client or host
    # is seen only by comparing the people now with Invited).
    # A client's own days are at most one off the business's: a day more of window finds every session
    # that may be due on her calendar (planned for certain once her Time Zone is read).
    wider = sched.model_copy(update={"reminder_days_ahead": sched.reminder_days_ahead + 1})
    sessions = [
        s
        for s in candidate_sessions(ctx)
        if watches_people(s) or plan_reminder(s, wider, ctx.now, ctx.tz) is not None
    ]
    if not sessions:
        return {"sessions": 0}
    client_ids = {c for s in sessions for c in s.client}
    associate_ids = {a for s in sessions for a in s.associate}
    clients = {c.id: c for c in gw.get_many(Client, sorted(client_ids))} if client_ids else {}
    associates = {a.id: a for a in gw.get_many(Associate, sorted(associate_ids))} if associate_ids else {}
    people = {
        s.id: people_of(s, clients, associates, ctx.settings)
        for s in sessions
        if all(c in clients for c in s.client) and all(a in associates for a in s.associate)
    }  # a linked record that could not be read: its people are unknown, not changed
    zones = {
        s.id: ZoneInfo(zone)
        for s in sessions
        if (client := next((clients[c] for c in s.client if c in clients), None))
        and (zone := own_zone(client.time_zone))
    }
    plans = plan_reminders(sessions, sched, ctx.now, ctx.tz, people, zones)
    if not plans:
        return {"sessions": 0}
    send_after = local_instant(ctx.today(), sched.reminder_hour, ctx.tz)
    send_after = send_after if send_after > ctx.now else None
    # What each person of a moved or cancelled session was SENT (not what the session records as drafted):
    # one read of their reminder messages, only when a session moved, changed or was cancelled.
    news = [p for p in plans if p.action != "remind"]
    found = reminder_messages(ctx, [p.session.id for p in news])
    told = {p.session.id: held_times(calendars(p.session.id, found)) for p in news}
    # Dropped at once, from the same read (a waiting one approved meanwhile is judged at send time).
    dropped = drop_stale_reminders(ctx, news, found)
    messages: list[Message] = []
    changes: list[tuple[Session, dict[str, Any]]] = []
    counts: dict[str, int] = {}
    zoned: set[str] = set()  # whose unusable Time Zone or Email this run reported (once each)
    drafted: list[tuple[Any, list[Draft]]] = []
    for plan in plans:
        s = plan.session
        if ctx.time_left() < 5:
            break
        try:
            client, host = client_and_host(s, clients, associates, ctx.settings)
            associate = next((associates[a] for a in s.associate if a in associates), None)
            cover, signed_by = away(associate), signer(associate)
            drafts = list(
                reminder_drafts(
                    plan, client, host, ctx.settings, ctx.now, send_after, cover, signed_by, told.get(s.id),
                    relay_for=(associate.name or "Its associate") if unreachable(associate) else None,
                    cohosts=cohosts_of([associates[a] for a in s.associate if a in associates], host),
                    zones=people_zones([client, *(associates.get(a) for a in s.associate)]),
                )
            )  # fmt: skip
            # Only those written to: an away associate's sessions go to the coach, on the business's clock.
            # Co-hosts too (every associate of the session who is not away).
            hosts = [a for a in (associates.get(x) for x in s.associate) if a is not None and not away(a)]
            emailed = [client if client_address(client, s.invited) else None, *hosts]
            report_zones(ctx, emailed, zoned)
            report_addresses(ctx, [client, *hosts], zoned)
            report_hold(ctx, plan, client)
            report_team(ctx, plan, client)
        except Exception as exc:  # one session's problem costs only that session
            ctx.run.report(RecordProblem("sessions", s.id, None, None, f"reminder: {exc}"))
            continue
        drafted.append((plan, drafts))
    # Every session's emails composed together: a few calls for the lot instead of about four an email.
    composed = iter(compose_many(ctx, [d for _, drafts in drafted for d in drafts]))
    for plan, drafts in drafted:
        results = [next(composed) for _ in drafts]
        messages += [m for m in results if not isinstance(m, Exception)]
        failed = next((m for m in results if isinstance(m, Exception)), None)
        if failed is not None:  # the session is planned again next run (its other emails are not resent)
            ctx.run.report(RecordProblem("sessions", plan.session.id, None, None, f"reminder: {failed}"))
            continue
        changes.append((plan.session, plan.fields()))
        counts[plan.action] = counts.get(plan.action, 0) + 1
    # Recorded before delivery: a message composed is a message owed (Messages delivers it exactly once).
    if changes:
        gw.update(Session, changes)
    deliveries = deliver(ctx, messages)
    delivered: dict[str, int] = {}
    for d in deliveries:
        delivered[d.result] = delivered.get(d.result, 0) + 1
    out = {"sessions": len(changes), **counts, "deliveries": delivered, "record_run": True}
    return {**out, "stale_dropped": dropped} if dropped else out


def report_zones(ctx: JobContext, people: list[Client | Associate | None], told: set[str]) -> None:
    """A client's or associate's Time Zone that names no zone: her emails went in the business's zone, and
    the run records why (Partial, named in the morning brief), as a bad field of any record is."""
    for p in people:
        why = zone_problem(p.time_zone) if p is not None else None
        if p is None or why is None or p.id in told:
            continue
        told.add(p.id)
        table = "clients" if isinstance(p, Client) else "associates"
        # An associate is named (the brief reads no Associates); a client by id only: Automation Runs keep
        # no client content, and the brief names a client from its own read.
        name = p.name if table == "associates" else None
        ctx.run.report(RecordProblem(table, p.id, "time_zone", p.time_zone, why, name=name))


def people_zones(people: list[Client | Associate | None]) -> dict[str, str]:
    """Each linked person's own clock by normalised address (those with a usable Email and Time Zone)."""
    out: dict[str, str] = {}
    for p in people:
        if p is not None and (address := usable(p.email)) and (zone := own_zone(p.time_zone)):
            out.setdefault(normalise(address), zone)
    return out


def report_hold(ctx: JobContext, plan: Any, client: Client | None) -> None:
    """A Paused, Completed or Churned client's session still Scheduled, her invitation held back: the run
    says so (the brief names it), as the host's copy does, so the coach cancels it or sets her Active."""
    s = plan.session
    if plan.action == "cancel" or client is None or client.status not in NO_SESSIONS:
        return
    if client_address(client, s.invited) is not None or not usable(client.email):
        return
    why = (
        f"client is {client.status} but a session of the client's is still Scheduled: no reminder was sent "
        "to the client; cancel the session, or set the Status back to Active"
    )
    ctx.run.report(RecordProblem("clients", client.id, "status", client.status, why))


def report_team(ctx: JobContext, plan: Any, client: Client | None) -> None:
    """A session linking several clients (a team's, typed in as one): its invitation goes to one client only
    (a session's reminders, Invited, its survey and its one Satisfaction are one client's), so the run names
    the others for the brief, once per invitation sent or updated: log a team's session per attendee, as
    client health reads a team's workshop. Ids only (Automation Runs keep no client content)."""
    s = plan.session
    others = sorted(set(s.client) - {client.id if client else ""})
    if plan.action == "cancel" or client is None or not others:
        return
    why = (
        f"the session links {len(others) + 1} clients and only the first is sent its invitation (one client "
        "per session): book each client's own session, with the same time, for a team"
    )
    ctx.run.report(RecordProblem("sessions", s.id, "client", others, why))


def report_addresses(
    ctx: JobContext, people: list[Client | Associate | None], told: set[str], about: str = "her sessions"
) -> None:
    """An Email filled but not an address: nothing went to it (the client's copy is not sent, the
    associate's went to the coach), and the run records why, once per person and run, as for a Time Zone.
    `about`: what the job sends ("her sessions", "her action items"), as the reason says."""
    for p in people:
        if p is None or not (p.email or "").strip() or usable(p.email) or f"{p.id}:email" in told:
            continue
        told.add(f"{p.id}:email")
        table = "clients" if isinstance(p, Client) else "associates"
        why = f"Email is not an email address: nothing about {about} is sent to it until it is corrected"
        name = p.name if table == "associates" else None  # a client by id only (no client content in runs)
        ctx.run.report(RecordProblem(table, p.id, "email", None, why, name=name))


def client_and_host(
    s: Session, clients: dict[str, Client], associates: dict[str, Associate], settings: Any
) -> tuple[Client | None, Person]:
    client = next((clients[c] for c in s.client if c in clients), None)
    return client, host_of(next((associates[a] for a in s.associate if a in associates), None), settings)


def people_of(
    s: Session, clients: dict[str, Client], associates: dict[str, Associate], settings: Any
) -> tuple[str, ...]:
    """The addresses the session's invitation goes to now, as reminder_drafts addresses it."""
    client, host = client_and_host(s, clients, associates, settings)
    cohosts = cohosts_of([associates[a] for a in s.associate if a in associates], host)
    return tuple(
        a for a in (client_address(client, s.invited), usable(host.email), *(p.email for p in cohosts)) if a
    )


def reminder_messages(ctx: JobContext, session_ids: list[str]) -> list[Message]:
    """These sessions' reminder messages (invitations, updates, cancellations, whatever their status): what
    was sent, and what still waits. One read, none when there is no session."""
    if not session_ids:
        return []
    gw = ctx.gateway
    key = gw.ref(Message, "dedupe_key")
    formula = F.AND(
        gw.ref(Message, "kind").eq("Session Reminder"),
        F.OR(*(F.FIND(f"{sid}{KEY}", key) for sid in sorted(set(session_ids)))),
    )
    return gw.all(Message, formula=formula, fields=["dedupe_key", "status", "recipient", "invitation"])


def drop_stale_reminders(ctx: JobContext, plans: list[Any], found: list[Message]) -> int:
    """A session cancelled or moved while its earlier reminder still waits for the reminder hour: that
    reminder (the old time, or a session that is off) is Cancelled, never sent after the cancellation or the
    update. `found`: the sessions' reminder messages as read before (reminder_messages); one write, only
    when one waits."""
    if not plans:
        return 0
    seq = {p.session.id: p.sequence for p in plans}
    why = {"status": "Cancelled", "error": "Not sent: the session was moved or cancelled"}
    stale = []
    for m in found:
        if m.status not in ("Approved", "Draft"):
            continue
        parts = key_parts(m.dedupe_key)
        if parts is not None and parts[0] in seq and parts[1] < seq[parts[0]]:
            stale.append((m, dict(why)))
    return len(ctx.gateway.update(Message, stale)) if stale else 0
