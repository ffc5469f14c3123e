"""The session-reminders job over HTTP against the local server: once per session, moves, cancellations."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import icalendar
import pytest

from automation.models import Associate, Client, Message, Session
from automation.schedule.reminder_job import session_reminders

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)  # Friday 08:00 in London: past the 07:00 reminder hour
TOMORROW = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def _run(world, now: datetime = NOW) -> dict:
    ctx = world.ctx(now=now, job="session-reminders")
    with ctx.run:
        return session_reminders(ctx)


def _setup(world, **session) -> tuple[Client, Associate, Session]:
    gw = world.gw
    client = gw.create(Client, [{"name": "Jo Bloggs", "email": "jo@client.example"}])[0]
    associate = gw.create(Associate, [{"name": "Sam Assoc", "email": "sam@assoc.example"}])[0]
    row = {
        "client": [client.id],
        "associate": [associate.id],
        "session_date": TOMORROW,
        "duration": 3600,
        "status": "Scheduled",
        **session,
    }
    return client, associate, gw.create(Session, [row])[0]


def _reminders(world, session_id: str) -> list[Message]:
    return [m for m in world.gw.all(Message) if session_id in m.session and m.kind == "Session Reminder"]


def _event(ics: str | None) -> icalendar.Event:
    (event,) = icalendar.Calendar.from_ical(ics or "").walk("VEVENT")
    return event


def test_session_reminders__two_runs_the_same_day_send_one_reminder_to_each(world) -> None:
    client, associate, session = _setup(world)
    _run(world)
    _run(world, NOW + timedelta(hours=2))
    msgs = _reminders(world, session.id)
    assert sorted((m.recipient, m.status) for m in msgs) == [
        ("jo@client.example", "Sent"),
        ("sam@assoc.example", "Sent"),
    ]
    sent = world.outbox()
    assert len(sent) == 2
    envelope = json.loads(sent[0].read_text())["sendgrid_mail_send"]
    (attachment,) = envelope["attachments"]
    assert attachment["filename"] == "invite.ics" and "method=REQUEST" in attachment["type"]
    got = world.gw.get(Session, session.id)
    assert (got.reminder_sent, got.reminded_for, got.invite_sequence) == (True, TOMORROW, 0)


def test_session_reminders__a_moved_session_gets_one_update_same_uid_higher_sequence(world) -> None:
    _, _, session = _setup(world)
    _run(world)
    moved = TOMORROW + timedelta(days=3)
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"session_date": moved})])
    _run(world, NOW + timedelta(hours=1))
    _run(world, NOW + timedelta(hours=2))
    msgs = _reminders(world, session.id)
    assert len(msgs) == 4
    first = [m for m in msgs if m.dedupe_key.endswith(":0:client")][0]
    update = [m for m in msgs if m.dedupe_key.endswith(":1:client")][0]
    before, after = _event(first.invitation), _event(update.invitation)
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) > int(before["sequence"])
    assert after.decoded("dtstart") == moved
    assert update.subject.startswith("Moved:")


def test_session_reminders__a_moved_sessions_update_tells_the_client_it_moved_and_from_when(world) -> None:
    """The client's update is not worded as a reminder: it says the session moved, when it is now and
    when it was (London time, as the emails write it), in the text and the HTML."""
    _, _, session = _setup(world)
    _run(world)
    moved = TOMORROW + timedelta(days=3)
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"session_date": moved})])
    _run(world, NOW + timedelta(hours=1))
    (update,) = [m for m in _reminders(world, session.id) if m.dedupe_key.endswith(":1:client")]
    body = update.body or ""
    assert "Your coaching session with Sam Assoc has moved. It is now:" in body
    assert "A reminder of" not in body
    assert "When: Tuesday 24 November, 10:00 GMT" in body and "Was: Saturday 21 November, 10:00 GMT" in body
    assert "has moved" in (update.body_html or "") and "Saturday 21 November" in (update.body_html or "")


def test_session_reminders__moved_days_away_the_update_now_and_the_reminder_the_day_before(world) -> None:
    _, _, session = _setup(world)
    _run(world)
    moved = TOMORROW + timedelta(days=3)  # Tuesday 24 November
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"session_date": moved})])
    _run(world, NOW + timedelta(hours=1))  # Friday: the update
    _run(world, NOW + timedelta(days=2))  # Sunday: nothing yet
    assert len(_reminders(world, session.id)) == 4
    _run(world, NOW + timedelta(days=3))  # Monday, the day before: the reminder
    _run(world, NOW + timedelta(days=3, hours=2))  # and only once
    msgs = _reminders(world, session.id)
    reminders = sorted(m.recipient for m in msgs if m.dedupe_key.split(":")[2] == "2")
    assert reminders == ["jo@client.example", "sam@assoc.example"] and len(msgs) == 6
    client_copy = next(m for m in msgs if m.dedupe_key.endswith(":2:client"))
    assert (
        client_copy.subject.startswith("Reminder:")
        and _event(client_copy.invitation).decoded("dtstart") == moved
    )
    got = world.gw.get(Session, session.id)
    assert (got.reminder_sent, got.reminded_for, got.invite_sequence) == (True, moved, 2)


def test_session_reminders__a_cancelled_session_gets_a_cancellation_once(world) -> None:
    _, _, session = _setup(world)
    _run(world)
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"status": "Cancelled"})])
    _run(world, NOW + timedelta(hours=1))
    _run(world, NOW + timedelta(hours=2))
    msgs = _reminders(world, session.id)
    cancels = [m for m in msgs if m.subject.startswith("Cancelled:")]
    assert len(cancels) == 2 and all(m.status == "Sent" for m in cancels)
    assert str(icalendar.Calendar.from_ical(cancels[0].invitation)["method"]) == "CANCEL"
    assert _event(cancels[0].invitation).decoded("dtstart") == TOMORROW
    # Each is told who the session was with: the associate her client, the client her associate.
    by_person = {m.recipient: m.body or "" for m in cancels}
    assert "with Jo Bloggs" in by_person["sam@assoc.example"]
    assert "with Sam Assoc" in by_person["jo@client.example"]
    # The client's notice is signed, as her reminder was, by the associate who runs her sessions.
    assert _signature(by_person["jo@client.example"]) == "Sam Assoc", by_person["jo@client.example"]


def test_session_reminders__a_session_marked_cancelled_after_its_time_sends_nothing(world) -> None:
    _, _, session = _setup(world)
    _run(world)
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"status": "Cancelled"})])
    day_after = TOMORROW + timedelta(days=1)  # the coach records the next day that it did not happen
    assert _run(world, day_after)["sessions"] == 0
    assert [m.dedupe_key.split(":")[2] for m in _reminders(world, session.id)] == ["0", "0"]


def test_session_reminders__no_associate_means_the_coach_and_an_opted_out_client_gets_none(world) -> None:
    gw = world.gw
    client = gw.create(Client, [{"name": "Opt Out", "email": "out@client.example", "email_opt_out": True}])[0]
    session = gw.create(Session, [{"client": [client.id], "session_date": TOMORROW, "status": "Scheduled"}])[
        0
    ]
    _run(world)
    msgs = {m.recipient: m.status for m in _reminders(world, session.id)}
    assert msgs == {"out@client.example": "Cancelled", world.settings.general.coach_email: "Sent"}


def test_session_reminders__before_the_reminder_hour_they_wait(world) -> None:
    _, _, session = _setup(world)
    early = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)  # 05:00 London, reminder hour 07:00
    _run(world, early)
    msgs = _reminders(world, session.id)
    assert {m.status for m in msgs} == {"Approved"}
    assert all(m.send_after == datetime(2026, 11, 20, 7, 0, tzinfo=UTC) for m in msgs)


def test_session_reminders__two_runs_at_once_still_send_one_each(world) -> None:
    """Vercel documents duplicate cron deliveries: two runs racing compose the same dedupe keys, and
    Messages' claim lets only one of them send each message."""
    from concurrent.futures import ThreadPoolExecutor

    _, _, session = _setup(world)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda _: _run(world), range(2)))
    msgs = _reminders(world, session.id)
    assert sorted(m.recipient for m in msgs) == ["jo@client.example", "sam@assoc.example"]
    assert {m.status for m in msgs} == {"Sent"}
    assert len(world.outbox()) == 2


EARLY = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)  # before the 07:00 reminder hour: the reminders wait


def test_session_reminders__a_waiting_reminder_of_a_session_since_cancelled_or_moved_is_dropped(
    world,
) -> None:
    """The early run queues the reminders for 07:00; the session is then cancelled (or moved) and the next
    run sends the cancellation (or the update): the queued reminder with the old time must not follow it."""
    _, _, cancelled = _setup(world)
    _, _, moved = _setup(world, session_date=TOMORROW + timedelta(hours=3))
    _run(world, EARLY)
    gw = world.gw
    gw.update(Session, [(gw.get(Session, cancelled.id), {"status": "Cancelled"})])
    gw.update(Session, [(gw.get(Session, moved.id), {"session_date": TOMORROW + timedelta(days=2)})])
    _run(world, EARLY + timedelta(hours=1))
    _run(world, EARLY + timedelta(hours=2))
    for session in (cancelled, moved):
        first = [m for m in _reminders(world, session.id) if ":reminder:0:" in (m.dedupe_key or "")]
        assert len(first) == 2 and {m.status for m in first} == {"Cancelled"}, [
            (m.dedupe_key, m.status) for m in first
        ]


def test_session_reminders__a_cancellation_at_night_waits_for_the_reminder_hour_unless_the_session_is_first(
    world,
) -> None:
    """The cron's 06:00 UTC is 01:00 in New York: the cancellation of a session later on waits for the
    business's 07:00 like the reminders; one of a session at 06:30, before that hour, goes at once."""
    from automation.settings import settings_from_mapping

    world.settings = settings_from_mapping({"general.time_zone": "America/New_York"})
    evening = datetime(2026, 11, 19, 23, 0, tzinfo=UTC)  # Thursday 18:00 in New York: reminders go at once
    night = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)  # Friday 01:00 in New York
    seven_ny = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    _, _, later = _setup(world, session_date=datetime(2026, 11, 20, 15, 0, tzinfo=UTC))  # 10:00 Friday
    _, _, early = _setup(world, session_date=datetime(2026, 11, 20, 11, 30, tzinfo=UTC))  # 06:30 Friday
    _run(world, evening)
    gw = world.gw
    gw.update(Session, [(gw.get(Session, s.id), {"status": "Cancelled"}) for s in (later, early)])
    _run(world, night)

    def cancels(session: Session) -> list[Message]:
        return [m for m in _reminders(world, session.id) if (m.subject or "").startswith("Cancelled:")]

    assert [(m.status, m.send_after) for m in cancels(later)] == [("Approved", seven_ny)] * 2
    assert [m.status for m in cancels(early)] == ["Sent", "Sent"]


def test_session_reminders__a_session_of_an_associate_who_left_reminds_the_coach_not_her(world) -> None:
    # Her clients are flagged for a new associate when she is set Inactive, but the sessions already booked
    # with her stay hers until the coach moves them: their invitation goes to the coach, who runs the
    # practice, not to someone who has left.
    client, associate, session = _setup(world)
    world.gw.update(Associate, [(associate, {"status": "Inactive"})])
    _run(world)
    msgs = {m.recipient: m.status for m in _reminders(world, session.id)}
    assert msgs == {"jo@client.example": "Sent", world.settings.general.coach_email: "Sent"}


def _sequence(world, session_id: str, number: int) -> dict[str, Message]:
    """The messages of one invitation SEQUENCE, by recipient."""
    msgs = [m for m in _reminders(world, session_id) if (m.dedupe_key or "").split(":")[2] == str(number)]
    by_recipient = {m.recipient: m for m in msgs}
    assert len(by_recipient) == len(msgs), [m.dedupe_key for m in msgs]
    return by_recipient


def _method(message: Message) -> str:
    return str(icalendar.Calendar.from_ical(message.invitation or "")["method"])


def _attendees(message: Message) -> set[str]:
    found = _event(message.invitation).get("attendee")
    found = found if isinstance(found, list) else [found]
    return {str(a).removeprefix("mailto:") for a in found}


def test_session_reminders__another_client_linked_after_the_reminder_gets_it_and_the_first_a_cancellation(
    world,
) -> None:
    """The coach linked the wrong client and corrects it: the right one is invited, the wrong one's calendar
    loses the event, and the host's calendar (which names the client and lists her) is updated too."""
    _, _, session = _setup(world)
    _run(world)
    gw = world.gw
    right = gw.create(Client, [{"name": "Ann Right", "email": "ann@client.example"}])[0]
    gw.update(Session, [(gw.get(Session, session.id), {"client": [right.id]})])
    _run(world, NOW + timedelta(hours=1))
    _run(world, NOW + timedelta(hours=2))  # the same day again: nothing more
    first = _sequence(world, session.id, 0)["jo@client.example"]
    update = _sequence(world, session.id, 1)
    assert sorted(update) == ["ann@client.example", "jo@client.example", "sam@assoc.example"]
    assert {m.status for m in update.values()} == {"Sent"}
    assert len(world.outbox()) == 2 + 3
    uid = str(_event(first.invitation)["uid"])
    for message in update.values():
        assert (
            str(_event(message.invitation)["uid"]) == uid and int(_event(message.invitation)["sequence"]) == 1
        )
    ann, jo, sam = update["ann@client.example"], update["jo@client.example"], update["sam@assoc.example"]
    assert _method(ann) == _method(sam) == "REQUEST" and _method(jo) == "CANCEL"
    assert _attendees(ann) == _attendees(sam) == {"ann@client.example", "sam@assoc.example"}
    assert _event(jo.invitation).decoded("dtstart") == TOMORROW
    assert "Ann" not in (jo.body or "") + (jo.invitation or "")  # the wrong client learns no one's name
    got = gw.get(Session, session.id)
    assert (got.invite_sequence, set((got.invited or "").split())) == (
        1,
        {"ann@client.example", "sam@assoc.example"},
    )


def test_session_reminders__a_session_handed_to_another_associate_invites_her_and_uninvites_the_first(
    world,
) -> None:
    """An associate left; the coach moves her booked session to a new one. The new associate is invited, the
    first gets a cancellation, and the client an update: her invitation names and lists who runs it."""
    _, first_associate, session = _setup(world)
    _run(world)
    gw = world.gw
    new = gw.create(Associate, [{"name": "Kim New", "email": "Kim@Assoc.example"}])[0]
    gw.update(Associate, [(first_associate, {"status": "Inactive"})])
    gw.update(Session, [(gw.get(Session, session.id), {"associate": [new.id]})])
    _run(world, NOW + timedelta(hours=1))
    _run(world, NOW + timedelta(hours=2))
    update = _sequence(world, session.id, 1)
    assert sorted(m.lower() for m in update) == [
        "jo@client.example",
        "kim@assoc.example",
        "sam@assoc.example",
    ]
    assert {m.status for m in update.values()} == {"Sent"}
    kim = next(m for r, m in update.items() if r.lower() == "kim@assoc.example")
    jo, sam = update["jo@client.example"], update["sam@assoc.example"]
    assert _method(kim) == _method(jo) == "REQUEST" and _method(sam) == "CANCEL"
    assert {a.lower() for a in _attendees(jo)} == {"jo@client.example", "kim@assoc.example"}
    assert _event(kim.invitation).decoded("dtstart") == TOMORROW
    assert kim.subject.startswith("Invitation:") and jo.subject.startswith("Updated:")
    assert "Your coaching session has changed: it is now with Kim New." in (jo.body or "")
    assert "A reminder of" not in (jo.body or "")
    assert len(_reminders(world, session.id)) == 2 + 3


def test_session_reminders__a_session_reminded_before_invited_was_kept_is_taken_as_unchanged(world) -> None:
    """Reminded (Reminder Sent, Reminded For) but Invited blank: the first run after the field arrives
    must not send every reminded session an update. Its next invitation records who it went to."""
    gw = world.gw
    _, _, session = _setup(world, reminder_sent=True, reminded_for=TOMORROW, invite_sequence=0)
    other = gw.create(Client, [{"name": "Ann Right", "email": "ann@client.example"}])[0]
    gw.update(Session, [(gw.get(Session, session.id), {"client": [other.id]})])
    assert _run(world)["sessions"] == 0 and _reminders(world, session.id) == []
    later = TOMORROW + timedelta(hours=3)
    gw.update(Session, [(gw.get(Session, session.id), {"session_date": later})])
    _run(world, NOW + timedelta(hours=1))
    assert sorted(_sequence(world, session.id, 1)) == ["ann@client.example", "sam@assoc.example"]
    assert set((gw.get(Session, session.id).invited or "").split()) == {
        "ann@client.example",
        "sam@assoc.example",
    }


def test_session_reminders__a_calendly_reschedule_after_the_reminder_is_a_move_not_a_cancellation(
    world,
) -> None:
    """The client picked another time in Calendly (its cancellation of the old booking and a new booking
    naming it): her calendar event is updated to the new time; she is not told her session is cancelled."""
    from automation.schedule import calendly

    old_uri = "https://api.calendly.com/scheduled_events/OLD/invitees/OLD-INVITEE"
    new_uri = "https://api.calendly.com/scheduled_events/NEW/invitees/NEW-INVITEE"
    _, _, session = _setup(world, booking_ref=old_uri)
    _run(world)
    moved = TOMORROW + timedelta(days=1)

    def event(kind: str, uri: str, start: datetime, **extra: object) -> calendly.Booking:
        return calendly.Booking(
            kind, uri, "jo@client.example", "Jo Bloggs", start, start + timedelta(hours=1), "Session", None,
            **extra,
        )  # fmt: skip

    ctx = world.ctx(now=NOW + timedelta(hours=1))
    with ctx.run:
        calendly.apply(ctx, event("invitee.canceled", old_uri, TOMORROW, new_invitee=new_uri))
        calendly.apply(ctx, event("invitee.created", new_uri, moved, old_invitee=old_uri))
    _run(world, NOW + timedelta(hours=2))
    to_client = sorted(m.subject for m in _reminders(world, session.id) if m.recipient == "jo@client.example")
    assert len(to_client) == 2 and to_client[0].startswith("Moved:"), to_client
    assert not any(s.startswith("Cancelled") for s in to_client)
    assert [s.id for s in world.gw.all(Session)] == [session.id]


def test_session_reminders__the_clients_reminder_names_the_associate_who_runs_the_session(world) -> None:
    """An associate runs it: "a reminder of our coaching session … see you then", signed by the coach, told
    the client the coach would be there. It names the associate; a session the coach runs reads as before."""
    client, associate, session = _setup(world)
    gw = world.gw
    own = gw.create(Client, [{"name": "Kim Own", "email": "kim@client.example"}])[0]
    mine = gw.create(Session, [{"client": [own.id], "session_date": TOMORROW, "status": "Scheduled"}])[0]
    _run(world)
    (to_jo,) = [m for m in _reminders(world, session.id) if m.recipient == "jo@client.example"]
    assert "A reminder of your coaching session with Sam Assoc:" in to_jo.body
    assert "See you then" not in to_jo.body and "A reminder of our" not in to_jo.body
    assert "with Sam Assoc" in (to_jo.body_html or "")
    (to_kim,) = [m for m in _reminders(world, mine.id) if m.recipient == "kim@client.example"]
    assert "A reminder of our coaching session:" in to_kim.body and "See you then," in to_kim.body


def test_session_reminders__a_leads_calendly_booking_names_the_invitee_to_the_associate(world) -> None:
    """A lead (no client yet) books a call hosted by an associate: the associate's invitation says who the
    session is with, the name Calendly gave, not "a client"."""
    from automation.schedule import calendly

    gw = world.gw
    gw.create(Associate, [{"name": "Sam Assoc", "email": "sam@assoc.example"}])
    uri = "https://api.calendly.com/scheduled_events/E1/invitees/I1"
    booking = calendly.Booking(
        "invitee.created", uri, "rita.okafor@prospect.example", "Rita Okafor", TOMORROW,
        TOMORROW + timedelta(minutes=30), "Discovery Call", "sam@assoc.example",
    )  # fmt: skip
    ctx = world.ctx(now=NOW - timedelta(hours=1))
    with ctx.run:
        out = calendly.apply(ctx, booking)
    assert not gw.get(Session, out["session"]).client
    _run(world)
    (to_host,) = [m for m in _reminders(world, out["session"]) if m.recipient == "sam@assoc.example"]
    assert "with Rita Okafor" in to_host.body, to_host.body
    assert "a client" not in to_host.body
    assert "Rita Okafor" in str(_event(to_host.invitation)["summary"])


def test_session_reminders__a_session_of_an_associate_on_leave_needs_cover_and_names_nobody(world) -> None:
    """Her associate is on leave (Paused): the client is not told "with Sam" as if nothing changed, nor
    promised the coach ("our session … see you then") before the coach has covered it; the invitation goes
    to the coach, whose copy says the session needs cover, not to the associate on leave."""
    client, associate, session = _setup(world)
    world.gw.update(Associate, [(associate, {"status": "Paused"})])
    _run(world)
    msgs = {m.recipient: m for m in _reminders(world, session.id)}
    coach = world.settings.general.coach_email
    assert set(msgs) == {"jo@client.example", coach}
    to_jo, to_coach = msgs["jo@client.example"], msgs[coach]
    for text in (to_jo.body or "", to_jo.body_html or ""):
        assert "A reminder of your coaching session:" in text and "Best wishes," in text
        assert "Sam" not in text and "of our coaching" not in text and "See you then" not in text
    assert "Sam" not in str(_event(to_jo.invitation)["summary"])
    assert "cover it, or link another associate" in (to_coach.body or "")


def _signature(text: str) -> str:
    """The name the email is signed with: the line after its sign-off."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return next(lines[i + 1] for i, line in enumerate(lines) if line in ("Best wishes,", "See you then,"))


def test_session_reminders__the_clients_reminder_and_update_are_signed_by_the_associate_who_runs_it(
    world,
) -> None:
    """The associate runs the session: the client's reminder and its moved-session update come from her,
    not the lead coach, who will not be there (as the recap and the overdue-items reminder are); the coach
    signs when she runs it herself, and when the associate is on leave (the session needs cover)."""
    gw = world.gw
    coach = world.settings.general.coach_name
    client, associate, session = _setup(world)
    own = gw.create(Client, [{"name": "Kim Own", "email": "kim@client.example"}])[0]
    mine = gw.create(Session, [{"client": [own.id], "session_date": TOMORROW, "status": "Scheduled"}])[0]
    _run(world)
    (to_jo,) = [m for m in _reminders(world, session.id) if m.recipient == "jo@client.example"]
    assert _signature(to_jo.body or "") == "Sam Assoc", to_jo.body
    assert "Sam Assoc</p>" in (to_jo.body_html or "")
    (to_kim,) = [m for m in _reminders(world, mine.id) if m.recipient == "kim@client.example"]
    assert _signature(to_kim.body or "") == coach
    moved = TOMORROW + timedelta(days=3)
    gw.update(Session, [(gw.get(Session, session.id), {"session_date": moved})])
    _run(world, NOW + timedelta(hours=1))
    (update,) = [m for m in _reminders(world, session.id) if m.dedupe_key.endswith(":1:client")]
    assert update.subject.startswith("Moved:") and _signature(update.body or "") == "Sam Assoc"
    # On leave: the next update names nobody, and the coach, who covers it, signs.
    gw.update(Associate, [(associate, {"status": "Paused"})])
    gw.update(Session, [(gw.get(Session, session.id), {"session_date": moved + timedelta(hours=2)})])
    _run(world, NOW + timedelta(hours=2))
    (later,) = [m for m in _reminders(world, session.id) if m.dedupe_key.endswith(":2:client")]
    assert "Sam" not in (later.body or "") and _signature(later.body or "") == coach, later.body


DEC_NOW = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)  # Thursday, past the reminder hour (London is on GMT)
DEC_SESSION = datetime(2026, 12, 4, 14, 0, tzinfo=UTC)  # Friday 14:00 in London


def test_session_reminders__the_client_and_the_associate_each_read_the_time_on_their_own_clock(world) -> None:
    """A 14:00 London session is 09:00 in New York (EST in December) and 23:00 in Tokyo: each person's
    subject, body and (for the client) letter give her own time with its zone, not the business's."""
    client, associate, session = _setup(world, session_date=DEC_SESSION)
    gw = world.gw
    gw.update(Client, [(client, {"time_zone": "America/New_York"})])
    gw.update(Associate, [(associate, {"time_zone": "tokyo"})])  # a city, as Settings read one
    _run(world, DEC_NOW)
    msgs = {m.recipient: m for m in _reminders(world, session.id)}
    to_client, to_host = msgs["jo@client.example"], msgs["sam@assoc.example"]
    # In New York she reads it her way, month first and AM / PM (the third unseen business)
    assert to_client.subject == "Reminder: coaching session Fri, Dec 4, 9:00 AM EST"
    assert "Friday, December 4, 9:00 AM EST" in to_client.body and "GMT" not in to_client.body
    assert "9:00 AM EST" in (to_client.body_html or "")
    assert to_host.subject == "Reminder: coaching session Fri 4 Dec, 23:00 JST"
    assert "Fri 4 Dec, 23:00 JST" in to_host.body and "GMT" not in to_host.body
    # The invitation itself is the same instant for both.
    assert _event(to_client.invitation).decoded("dtstart") == DEC_SESSION


def test_session_reminders__a_moved_sessions_update_gives_both_times_on_the_clients_clock(world) -> None:
    client, _, session = _setup(world, session_date=DEC_SESSION)
    world.gw.update(Client, [(client, {"time_zone": "EST"})])  # Eastern time, as Settings read "EST"
    _run(world, DEC_NOW)
    moved = DEC_SESSION + timedelta(days=1, hours=2)  # Saturday 16:00 London
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"session_date": moved})])
    _run(world, DEC_NOW + timedelta(hours=1))
    (update,) = [m for m in _reminders(world, session.id) if m.dedupe_key.endswith(":1:client")]
    assert update.subject == "Moved: coaching session now Sat, Dec 5, 11:00 AM EST"
    assert "Saturday, December 5, 11:00 AM EST" in update.body
    assert "Friday, December 4, 9:00 AM EST" in update.body  # where it was, on her clock too


def test_session_reminders__a_time_zone_that_is_not_one_keeps_the_business_zone_and_tells_the_coach(
    world,
) -> None:
    client, associate, session = _setup(world, session_date=DEC_SESSION)
    gw = world.gw
    gw.update(Client, [(client, {"time_zone": "New Yrok"})])
    later = {"client": [client.id], "session_date": DEC_SESSION + timedelta(hours=3), "status": "Scheduled"}
    other = gw.create(Session, [later])[0]
    ctx = world.ctx(now=DEC_NOW, job="session-reminders")
    with ctx.run:
        session_reminders(ctx)
    # Told once in the run (Partial, named in the brief), though two reminders went to her.
    assert len([m for m in _reminders(world, other.id) if m.recipient == "jo@client.example"]) == 1
    problems = [p for p in ctx.run.problems if p.field == "time_zone"]
    assert [(p.table, p.record_id, p.value) for p in problems] == [("clients", client.id, "New Yrok")]
    assert problems[0].name is None  # a client by id: Automation Runs keep no client content
    msgs = {m.recipient: m for m in _reminders(world, session.id)}
    assert msgs["jo@client.example"].subject == "Reminder: coaching session Fri 4 Dec, 14:00 GMT"
    assert msgs["jo@client.example"].status == "Sent"


# Approved later: the coach took Session Reminder out of the auto-send kinds, so each waits as a Draft.
def _approving(world) -> None:
    from automation.settings import settings_from_mapping

    kinds = json.dumps(["Health Alert"])
    world.settings = settings_from_mapping(
        {"messages.claim_settle_s": "0.3", "messages.auto_send_kinds": kinds}
    )


def _approve_and_send(world, messages: list[Message], now: datetime) -> dict[str, Message]:
    """The coach approves them (the Airtable Automation then asks for delivery): each as it ends, by key."""
    from automation.messages.automations import send_due

    assert messages and {m.status for m in messages} == {"Draft"}, [
        (m.dedupe_key, m.status) for m in messages
    ]
    world.gw.update(Message, [(m, {"status": "Approved"}) for m in messages])
    ctx = world.ctx(now=now)
    with ctx.run:
        send_due(ctx)
    return {m.dedupe_key: m for m in (world.gw.get(Message, x.id) for x in messages)}


def _session_reads(world, since: int) -> int:
    """Reads of Coaching Sessions among the base's calls after the first `since`."""
    table = f"/v0/{world.base_id}/{world.gw.table(Session).id}"
    return sum(1 for c in world.calls()[since:] if c["path"].split("?")[0].startswith(table))


def _sent_starts(world) -> list[datetime]:
    """The session time each email sent so far gave the calendars."""
    out = []
    for path in world.outbox():
        (attachment,) = json.loads(path.read_text())["sendgrid_mail_send"]["attachments"]
        out.append(_event(base64.b64decode(attachment["content"]).decode()).decoded("dtstart"))
    return out


@pytest.mark.parametrize("host", ["associate", "coach"])
def test_session_reminders__a_reminder_approved_after_its_session_was_cancelled_is_cancelled_not_sent(
    world, host
) -> None:
    # The session's own cancellation check (its webhook) has not run: the approval itself must not send the
    # invitation of a session that is off, to the client nor to the host (the coach, when she runs it).
    _approving(world)
    _, _, session = _setup(world, **({"associate": []} if host == "coach" else {}))
    _run(world)
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"status": "Cancelled"})])
    since = len(world.calls())
    got = _approve_and_send(world, _reminders(world, session.id), NOW + timedelta(hours=1))
    assert _session_reads(world, since) == 1  # the session as it is now, once for the batch
    assert len(got) == 2 and {m.status for m in got.values()} == {"Cancelled"}
    assert {m.error for m in got.values()} == {
        "Not sent: the session was cancelled since this reminder was drafted"
    }
    assert world.outbox() == []


def test_session_reminders__a_cancellation_approved_after_the_cancellation_is_sent(world) -> None:
    # It shares the reminders' kind and key, and is about a Cancelled session: that is what it says.
    _approving(world)
    _, _, session = _setup(world)
    _run(world)
    first = _approve_and_send(world, _reminders(world, session.id), NOW)
    assert {m.status for m in first.values()} == {"Sent"}
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"status": "Cancelled"})])
    _run(world, NOW + timedelta(hours=1))
    notices = [m for m in _reminders(world, session.id) if m.dedupe_key not in first]
    since = len(world.calls())
    got = _approve_and_send(world, notices, NOW + timedelta(hours=2))
    assert _session_reads(world, since) == 0  # a cancellation's approval reads no session
    assert [(_method(m), m.status) for m in got.values()] == [("CANCEL", "Sent")] * 2
    assert len(world.outbox()) == 4


def test_session_reminders__a_reminder_approved_after_its_session_moved_is_cancelled_and_the_new_time_sent(
    world,
) -> None:
    _approving(world)
    _, _, session = _setup(world)
    _run(world)
    old = _reminders(world, session.id)
    moved = TOMORROW + timedelta(days=3)  # Tuesday 24 November, 10:00 London
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"session_date": moved})])
    got = _approve_and_send(world, old, NOW + timedelta(hours=1))
    assert {m.status for m in got.values()} == {"Cancelled"} and world.outbox() == []
    assert {m.error for m in got.values()} == {
        "Not sent: the session moved to Tue 24 Nov, 10:00 GMT since this reminder was drafted: "
        "the next reminders run drafts the invitation for the new time"
    }
    # As the reason says: the next run drafts the new time's invitation, under new keys, and it goes.
    _run(world, NOW + timedelta(hours=2))
    new = [m for m in _reminders(world, session.id) if m.dedupe_key not in got]
    sent = _approve_and_send(world, new, NOW + timedelta(hours=3))
    assert sorted(m.recipient for m in sent.values()) == ["jo@client.example", "sam@assoc.example"]
    assert {m.status for m in sent.values()} == {"Sent"}
    assert _sent_starts(world) == [moved, moved]


def test_session_reminders__an_unchanged_sessions_reminder_approved_later_is_sent_once(world) -> None:
    _approving(world)
    _, _, session = _setup(world)
    _run(world)
    got = _approve_and_send(world, _reminders(world, session.id), NOW + timedelta(hours=1))
    _run(world, NOW + timedelta(hours=2))
    from automation.messages.automations import send_due

    ctx = world.ctx(now=NOW + timedelta(hours=3))
    with ctx.run:
        send_due(ctx)
    assert {m.status for m in got.values()} == {"Sent"} and len(_reminders(world, session.id)) == 2
    assert _sent_starts(world) == [TOMORROW, TOMORROW]


# What a person was told is what was SENT to her: a reminder Cancelled at send time told her nothing.
@pytest.mark.parametrize("first_sent", [True, False], ids=["sent-then-moved", "moved-then-approved"])
def test_session_reminders__a_move_is_news_only_to_whom_the_first_invitation_was_sent(
    world, first_sent
) -> None:
    _approving(world)
    _, _, session = _setup(world)
    _run(world)
    first = _reminders(world, session.id)
    moved = TOMORROW + timedelta(hours=2)  # Saturday 21 November, 12:00 London: still within the window
    if first_sent:
        got = _approve_and_send(world, first, NOW + timedelta(hours=1))
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"session_date": moved})])
    if not first_sent:
        got = _approve_and_send(world, first, NOW + timedelta(hours=1))
    assert {m.status for m in got.values()} == {"Sent" if first_sent else "Cancelled"}
    _run(world, NOW + timedelta(hours=2))
    new = {m.recipient: m for m in _reminders(world, session.id) if m.dedupe_key not in got}
    assert sorted(new) == ["jo@client.example", "sam@assoc.example"]
    jo, sam = new["jo@client.example"], new["sam@assoc.example"]
    body = jo.body or ""
    assert "When: Saturday 21 November, 12:00 GMT" in body
    if first_sent:
        assert jo.subject == "Moved: coaching session now Sat 21 Nov, 12:00 GMT"
        assert "Was: Saturday 21 November, 10:00 GMT" in body
        assert "moved to" in (sam.body or "")
    else:
        # She never had the 10:00 invitation: her reminder is for 12:00, with no word of a move.
        assert jo.subject == "Reminder: coaching session Sat 21 Nov, 12:00 GMT"
        assert "Was:" not in body and "moved" not in body + (jo.body_html or "")
        assert "moved" not in (sam.body or "") and sam.subject.startswith("Reminder:")
    sent = _approve_and_send(world, list(new.values()), NOW + timedelta(hours=3))
    assert {m.status for m in sent.values()} == {"Sent"}
    # What the calendars were given, in all: the 10:00 invitation only where it went.
    assert sorted(_sent_starts(world)) == [TOMORROW] * 2 * first_sent + [moved] * 2


@pytest.mark.parametrize("first_sent", [True, False], ids=["sent-then-cancelled", "cancelled-then-approved"])
def test_session_reminders__a_cancellation_goes_only_to_whom_the_invitation_was_sent(
    world, first_sent
) -> None:
    _approving(world)
    _, _, session = _setup(world)
    _run(world)
    first = _reminders(world, session.id)
    if first_sent:
        got = _approve_and_send(world, first, NOW + timedelta(hours=1))
    world.gw.update(Session, [(world.gw.get(Session, session.id), {"status": "Cancelled"})])
    if not first_sent:
        got = _approve_and_send(world, first, NOW + timedelta(hours=1))
    assert {m.status for m in got.values()} == {"Sent" if first_sent else "Cancelled"}
    _run(world, NOW + timedelta(hours=2))
    notices = [m for m in _reminders(world, session.id) if m.dedupe_key not in got]
    if first_sent:
        assert sorted(m.recipient for m in notices) == ["jo@client.example", "sam@assoc.example"]
        assert {_method(m) for m in notices} == {"CANCEL"}
    else:
        assert notices == []  # no calendar holds it: nobody is told of a session she was never invited to
    # Either way the session no longer records an invitation in calendars: a later run has nothing to do.
    assert world.gw.get(Session, session.id).reminded_for is None
    _run(world, NOW + timedelta(hours=3))
    assert len(_reminders(world, session.id)) == len(got) + len(notices)


def test_session_reminders__an_associate_who_left_reads_the_cancellation_on_her_own_clock(world) -> None:
    """The third unseen business, run again beside the fourth: Marcus (New York) was reminded of a session,
    then left (Inactive); the coach took it over and Marcus, taken off, got its cancellation on the
    business's clock ("9:00 AM CST" for his 10:00 AM EST). The session still links him, so his clock is
    known: his cancellation reads his time, as his reminder did."""
    client, associate, session = _setup(world, session_date=DEC_SESSION)  # 14:00 London
    world.gw.update(Associate, [(associate, {"time_zone": "America/New_York"})])
    _run(world, DEC_NOW)
    (reminder,) = [m for m in _reminders(world, session.id) if m.recipient == "sam@assoc.example"]
    assert "9:00 AM EST" in reminder.subject
    world.gw.update(Associate, [(world.gw.get(Associate, associate.id), {"status": "Inactive"})])
    _run(world, DEC_NOW + timedelta(hours=1))
    later = [
        m for m in _reminders(world, session.id) if m.recipient == "sam@assoc.example" and m.id != reminder.id
    ]
    assert [m.subject for m in later] == ["Cancelled: coaching session Fri, Dec 4, 9:00 AM EST"]
    assert "9:00 AM EST" in later[0].body and "GMT" not in later[0].body


def test_session_reminders__a_team_session_names_the_clients_its_invitation_does_not_reach(world) -> None:
    """One client per session (reminder keys, Invited, the survey's one Satisfaction): a second client linked
    gets no invitation, and the coach is told so through the run, not left to find out on the day."""
    client, _, session = _setup(world)
    gw = world.gw
    (second,) = gw.create(Client, [{"name": "Al Team", "email": "al@client.example"}])
    gw.update(Session, [(session, {"client": [client.id, second.id]})])
    ctx = world.ctx(now=NOW, job="session-reminders")
    with ctx.run:
        session_reminders(ctx)
    assert {m.recipient for m in _reminders(world, session.id)} == {"jo@client.example", "sam@assoc.example"}
    team = [(p.table, p.record_id, p.field, p.value) for p in ctx.run.problems if p.field == "client"]
    assert team == [("sessions", session.id, "client", [second.id])]
    again = world.ctx(now=NOW + timedelta(hours=1), job="session-reminders")
    with again.run:  # nothing new to send: not said again at every run
        session_reminders(again)
    assert [p for p in again.run.problems if p.field == "client"] == []
