"""A session set Cancelled, or deleted, after its invitation went out: the calendar cancellation at once.

The coach's change reaches the app by the webhook; the cancellation goes then (from the reminder hour if
it is night, as the reminders job's notices do), not at the next morning's run, so a client looking at her
calendar that afternoon no longer sees a session that is off. One Messages read per batch, only for a
session that becomes Cancelled while its invitation's time is still to come, or that was deleted.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pyairtable import formulas as F

from automation.events.runner import changed_at
from automation.messages import compose, deliver
from automation.messages.delivery import cancelled_fields
from automation.messages.eligibility import normalise
from automation.models import Associate, Client, Message, Session
from automation.parallel import together
from automation.registry import Update
from automation.schedule.cancellation import (
    WITHDRAWN,
    Calendars,
    calendars,
    cancellation_drafts,
    held_starts,
)
from automation.schedule.reminder_job import report_zones
from automation.schedule.reminders import KEY, notice_after
from automation.schedule.times import local_instant, own_zone

if TYPE_CHECKING:
    from automation.context import JobContext

FIELDS = ["dedupe_key", "status", "recipient", "recipient_name", "invitation", "client"]


def on_cancelled(ctx: JobContext, sessions: list[Session]) -> list[Update]:
    """Status became Cancelled: cancel the invitation in the calendars that hold it, once. The session then
    records that none holds it (as the reminders job does after its cancellation), so that job sends none."""
    invited = [
        s
        for s in sessions
        if s.status == "Cancelled" and s.reminded_for is not None and s.reminded_for > ctx.now
    ]
    if not invited:
        return []
    found = sent_reminders(ctx, [s.id for s in invited])
    updates = []
    for s in invited:
        cal = calendars(s.id, found)
        if not cal.known:
            continue  # Messages has no trace of its invitation: the reminders job cancels it from the session
        sequence = max(cal.sequence, int(s.invite_sequence or 0)) + 1
        people = (list(s.client), list(s.associate))
        send_cancellations(ctx, s.id, cal, sequence, session_exists=True, people=people)
        fields = {"reminder_sent": False, "reminded_for": None, "invite_sequence": sequence, "invited": None}
        updates.append(Update(s, fields))
    return updates


def stamp_cancelled(ctx: JobContext, sessions: list[Session]) -> list[Update]:
    """Cancelled At follows Status: a session set Cancelled here gets the time the coach made the change
    (billing charges a cancellation within billing.late_cancel_hours of the start as a late one). That is
    the webhook payload's time when the run has it: a ping Airtable retried, or the daily catch-up, may
    process the change hours later, and a timely cancellation must not read as a late one; without it
    (a trigger call) the time the change reached the app. One taken out of Cancelled loses it, so a later
    cancellation is timed afresh. Calendly's cancellation writes its own time first, which stays; so does a
    time the coach typed. A session set Cancelled once its start had passed is not stamped: the change is
    the coach tidying the grid, not the client's notice, and billing charges no late cancellation on a
    guess (she types the time, or sets No-show, to charge it)."""
    updates = []
    for s in sessions:
        if s.status == "Cancelled" and s.cancelled_at is None:
            when = min(changed_at(ctx, s, "status") or ctx.now, ctx.now)
            if s.session_date is None or s.session_date > when:
                updates.append(Update(s, {"cancelled_at": when}))
        elif s.status != "Cancelled" and s.cancelled_at is not None:
            updates.append(Update(s, {"cancelled_at": None}))
    return updates


def on_deleted(ctx: JobContext, session_ids: list[str]) -> None:
    """Sessions deleted from the base: Airtable gives only their ids, so the invitation each sent is found in
    Messages by its dedupe key (the link to the session went with it) and cancelled from there."""
    found = sent_reminders(ctx, session_ids)
    for sid in session_ids:
        cal = calendars(sid, found)
        if cal.known:
            send_cancellations(ctx, sid, cal, cal.sequence + 1, session_exists=False)


def sent_reminders(ctx: JobContext, session_ids: list[str]) -> list[Message]:
    """The reminder messages of these sessions (invitations, updates, cancellations), in one read."""
    gw = ctx.gateway
    key = gw.ref(Message, "dedupe_key")
    formula = F.AND(
        gw.ref(Message, "kind").eq("Session Reminder"),
        F.OR(*(F.FIND(f"{sid}{KEY}", key) for sid in sorted(set(session_ids)))),
    )
    return gw.all(Message, formula=formula, fields=FIELDS)


def people_zones(
    ctx: JobContext, cal: Calendars, client_ids: list[str], associate_ids: list[str]
) -> dict[str, str]:
    """The own time zone of each person the cancellation goes to, by address: her cancellation gives the
    time on her clock, as her invitation did. Read only here, when a calendar holds the session (rare): the
    session's clients and associates, or, for a deleted session, the clients its invitations linked."""
    client_ids = sorted({*client_ids, *(c for h in cal.held for c in h.message.client)})
    if not any(isinstance(t, datetime) and t > ctx.now for t in held_starts(cal.held)) or not (
        client_ids or associate_ids
    ):
        return {}  # no calendar holds it still to come: no cancellation, nothing to read
    gw = ctx.gateway
    if {"clients.time_zone", "associates.time_zone"} & set(gw.schema_map().missing):
        return {}  # a base setup_base has not migrated yet: the business's clock, as before
    fields = ["email", "name", "time_zone"]
    read = together(
        lambda: gw.get_many(Client, client_ids, fields=fields) if client_ids else [],
        lambda: gw.get_many(Associate, sorted(associate_ids), fields=fields) if associate_ids else [],
    )
    told = {normalise(h.message.recipient or "") for h in cal.held}
    people = [p for found in read for p in found if p.email and normalise(p.email) in told]
    report_zones(ctx, people, set())
    return {normalise(p.email or ""): z for p in people if (z := own_zone(p.time_zone))}


def send_cancellations(
    ctx: JobContext,
    session_id: str,
    cal: Calendars,
    sequence: int,
    *,
    session_exists: bool,
    people: tuple[list[str], list[str]] = ([], []),
) -> int:
    """Withdraw its invitations never sent; compose and deliver a cancellation to each calendar holding it."""
    gw = ctx.gateway
    if cal.waiting:
        gw.update(Message, [(m, cancelled_fields(WITHDRAWN)) for m in cal.waiting])
    reminder_at = local_instant(ctx.today(), ctx.settings.schedule.reminder_hour, ctx.tz)
    send_after = notice_after(reminder_at if reminder_at > ctx.now else None, held_starts(cal.held))
    zones = people_zones(ctx, cal, *people)
    drafts = cancellation_drafts(
        session_id,
        cal.held,
        sequence,
        ctx.settings,
        ctx.now,
        send_after,
        session_exists=session_exists,
        zones=zones,
    )
    if not drafts:
        return 0
    messages = [compose(ctx, d, send=False) for d in drafts]
    deliver(ctx, messages)
    ctx.run.add_metric("schedule.cancelled_invitations", len(messages))
    return len(messages)
