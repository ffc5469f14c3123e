"""The reminder (or update, or cancellation) emails of one session, each with its calendar invitation."""

from __future__ import annotations

from datetime import datetime

from automation.messages import Draft
from automation.messages.eligibility import normalise
from automation.messages.headers import address_problem
from automation.messages.render import first_name
from automation.models import Associate, Client
from automation.schedule.calendly import invitee_name
from automation.schedule.invitation import Person, invitation
from automation.schedule.reminders import ReminderPlan, invited_addresses, reminder_key
from automation.schedule.times import own_zone, session_end, zoned_text
from automation.settings import BusinessSettings
from automation.text import display_name

AWAY = ("Paused", "Inactive")  # on leave, or left the practice: her sessions need cover


def away(associate: Associate | None) -> bool:
    """The session's associate is on leave (Paused) or gone (Inactive): somebody must cover it."""
    return associate is not None and associate.status in AWAY


def signer(associate: Associate | None) -> str | None:
    """Who signs what a client is sent about her sessions: her associate, who runs them, unless she is on
    leave or gone (then None: the lead coach signs, as the one who covers them or hands them on)."""
    if associate is None or away(associate) or not (associate.name or "").strip():
        return None
    return associate.name.strip()


def usable(address: str | None) -> str | None:
    """The address trimmed, or None when it is blank or not one email address ("priya at acme.com"): an
    email to it would be refused, and with it the other emails of the session."""
    text = (address or "").strip()
    return text if text and address_problem(text) is None else None


# A client on hold (the engagement paused) or gone: no survey is asked of her.
ON_HOLD = ("Paused", "Churned")
# ... and no reminder or invitation of a session is sent to her, nor to one whose engagement has ended
# (Completed): a session left Scheduled after the end is the coach's to cancel, not an invitation to come
# back. (A Completed client is still asked about a session she had: it was held while she was a client.)
NO_SESSIONS = (*ON_HOLD, "Completed")


def client_address(client: Client | None, invited: str | None) -> str | None:
    """Where the client's copy of a session's emails goes: her usable address, unless she is Paused,
    Completed or Churned and does not hold the invitation yet (`invited`: the session's Invited), which a
    session left Scheduled does not make her want. One who already holds it still hears of a move or a
    cancellation (her calendar has it); set Active again, she is invited as someone joining the session."""
    address = usable(client.email) if client is not None else None
    if address is None or client is None or client.status not in NO_SESSIONS:
        return address
    return address if normalise(address) in invited_addresses(invited) else None


def unreachable(associate: Associate | None) -> bool:
    """The session's associate runs it (not away) but has no usable address: the coach is sent her copy."""
    return associate is not None and not away(associate) and usable(associate.email) is None


def host_of(associate: Associate | None, settings: BusinessSettings) -> Person:
    """Who runs the session: its associate, or the coach when it has none, the associate has no usable
    email, or she is on leave (Paused) or has left the practice (Inactive): the coach then gets the
    invitation and can cover the session or hand it on, rather than it going to someone who will not run
    it (or to an address that is none)."""
    address = usable(associate.email) if associate is not None else None
    if associate is not None and address and not away(associate):
        return Person(address, associate.name, own_zone(associate.time_zone))
    return Person(settings.general.coach_email, settings.general.coach_name)  # the coach: the business's zone


def cohosts_of(associates: list[Associate], host: Person) -> list[Person]:
    """The session's other associates who run it with the host (co-hosting): each reachable one that is
    not away and is not the host, once, on her own clock; the first associate is the host (`host_of`)."""
    out: dict[str, Person] = {}
    for a in associates[1:]:
        address = usable(a.email)
        if address and not away(a) and normalise(address) != normalise(host.email):
            out.setdefault(normalise(address), Person(address, a.name, own_zone(a.time_zone)))
    return list(out.values())


def reminder_drafts(
    plan: ReminderPlan,
    client: Client | None,
    host: Person,
    settings: BusinessSettings,
    now: datetime,
    send_after: datetime | None = None,
    cover: bool = False,
    signed_by: str | None = None,
    told: dict[str, datetime] | None = None,
    relay_for: str | None = None,
    cohosts: list[Person] | None = None,
    zones: dict[str, str] | None = None,
) -> list[Draft]:
    """One email to the client (when she has a usable address) and one to the host, the same invitation in
    both; and a cancellation to each person the last invitation went to who is no longer in the session.
    `cover`: its associate is away (the coach is the host until she covers it or links another): the
    client is told of her session without naming who runs it, neither the associate nor the coach.
    `signed_by`: the client's reminder or update is from the associate who runs it (`signer`), else
    the coach.
    `told`: per person (normalised address), the time the last invitation SENT to her gives (None: not
    known, the session's records are taken as what she was told). One she never received (Cancelled at
    send time, or never sent) told her nothing: she gets the invitation, not news of a move, and no
    cancellation.
    `relay_for`: the name of the associate who runs it but has no usable address (`unreachable`): the coach,
    sent the host's copy, is asked to pass it on or correct her Email.
    `cohosts`: the session's other associates (`cohosts_of`): each gets the host's copy on her own clock.
    `zones`: the Time Zone (IANA) of each person the session links, by normalised address: one taken off
    it who is still linked (an associate who left, whose sessions went to the coach) reads her
    cancellation on her own clock."""
    s = plan.session
    start = s.reminded_for if plan.action == "cancel" and s.reminded_for else s.session_date
    assert start is not None
    client_person = None
    if client and (address := client_address(client, s.invited)):
        client_person = Person(address, client.name, own_zone(client.time_zone))
    # A lead's Calendly booking links no client: the associate is told the invitee's name the session holds.
    client_name = display_name(client, "") or invitee_name(s) or "a client"
    end, ics = _calendar(
        plan,
        start,
        settings,
        now,
        summary=f"Coaching session: {client_name}" + ("" if cover else f" with {host.name or host.email}"),
        attendees=[p for p in (client_person, host, *(cohosts or [])) if p is not None],
        cancel=plan.action == "cancel",
        description=f"{settings.general.business_name} coaching session.",
    )
    minutes = round((end - start).total_seconds() / 60)
    # The host's copy links only the session: a client's opt-out must not silence the associate.
    client_links: dict[str, str | list[str]] = {"session": s.id, **({"client": client.id} if client else {})}
    host_links: dict[str, str | list[str]] = {"session": s.id}
    send_after = plan.send_after(send_after)
    drafts = []
    # A co-host's key carries her address: one key per person, apart from the host's and the client's.
    roles = [("client", client_person), ("host", host)]
    roles += [(f"cohost:{normalise(p.email)}", p) for p in cohosts or []]
    for role, person in roles:
        if person is None:
            continue
        held = s.reminded_for if told is None else told.get(normalise(person.email))
        if plan.action == "cancel" and held is None:
            continue  # never invited: nothing in her calendar to take out, nothing to tell her
        moved = held is not None and held != s.session_date
        # Each on her own clock: the client in New York and the associate in Singapore read their own times.
        when = when_text(start, settings, person.zone)
        subjects = {
            "remind": f"Reminder: coaching session {when}",
            "update": f"Moved: coaching session now {when}" if moved else f"Updated: coaching session {when}",
            "cancel": f"Cancelled: coaching session {when}",
        }
        key = reminder_key(s.id, plan.sequence, role)
        links = client_links if role == "client" else host_links
        # Someone just put in the session (another client, a new associate) has never had the invitation:
        # to her it is an invitation, not news of a change.
        joined = plan.action == "update" and plan.is_new(person.email)
        new = joined or (plan.action == "update" and held is None)
        subject = f"Invitation: coaching session {when}" if new else subjects[plan.action]
        if new and not joined and plan.reminds:
            subject = subjects["remind"]  # none of its invitations reached her: this is her reminder
        if plan.action == "cancel":
            other = client_name if role != "client" else ("" if cover else host.name or host.email)
            body = cancelled_body(when, [other] if other else [])
            # the client's notice is signed as her reminder was (the coach's name when signed_by is None)
            signed = {"signoff": "Best wishes,", "signature": None if cover else signed_by}
            drafts.append(
                letter(person, subject, body, links, key, ics, settings, send_after,
                       **(signed if role == "client" else {}))
            )  # fmt: skip
        elif role == "client":
            drafts.append(
                Draft(
                    kind="Session Reminder",
                    channel="Email",
                    recipient=person.email,
                    recipient_name=person.name,
                    subject=subject,
                    template="session_reminder",
                    data={
                        "session_at": start,
                        "duration_minutes": minutes,
                        **({"cover": True} if cover else _run_by(host, settings)),
                        **_change(plan, new, moved, held),
                        **({} if cover or not signed_by else {"signed_by": signed_by}),
                        **({"time_zone": person.zone} if person.zone else {}),
                    },
                    links=links,
                    dedupe_key=key,
                    send_after=send_after,
                    invitation=ics,
                )
            )
        else:
            body = (
                f"Your coaching session with {client_name} is on {when} ({minutes} minutes). "
                "The calendar invitation is attached."
            )
            if plan.action == "update" and not new:
                body = (
                    f"The session with {client_name} moved to {when}. The updated invitation is attached."
                    if moved
                    else f"Your session on {when} changed: it is now with {client_name}. "
                    "The updated invitation is attached."
                )
            if client_person is None and client is not None and client.status in NO_SESSIONS:
                # no pronoun: the client may be anyone ("Tom Fairweather is Completed, so she ..." misread)
                body += (
                    f" {client_name}'s Status is {client.status}, so the client was not sent it: cancel the "
                    "session, or set the Status back to Active and the client is invited."
                )
            if cover:  # the host is the coach, in the away associate's place
                body += " Its associate is away (Paused or Inactive): cover it, or link another associate."
            elif relay_for:
                body += (
                    f" {relay_for} runs it, but her Email is missing or not an address, so it came to you: "
                    "pass it on to her, or correct her Email and the next change reaches her."
                )
            drafts.append(letter(person, subject, body, links, key, ics, settings, send_after))
    return drafts + _removed_drafts(plan, settings, now, send_after, told, zones)


def _change(plan: ReminderPlan, new: bool, moved: bool, held: datetime | None) -> dict[str, object]:
    """What the client's update says changed (its subject says "Moved:" or "Updated:"; the letter read as a
    plain reminder): the time it moved from (the one she was sent), or that it changed (another associate
    runs it)."""
    if plan.action != "update" or new:
        return {}
    return {"moved_from": held} if moved else {"changed": True}


def _run_by(host: Person, settings: BusinessSettings) -> dict[str, str]:
    """The client's reminder names who runs the session when an associate does ("our session, see you
    then" would not say whose); nothing when the coach runs it."""
    coach = (settings.general.coach_email or "").strip().lower()
    if host.email.strip().lower() == coach:
        return {}
    return {"host_name": host.name or host.email}


def _removed_drafts(
    plan: ReminderPlan,
    settings: BusinessSettings,
    now: datetime,
    send_after: datetime | None,
    told: dict[str, datetime] | None = None,
    zones: dict[str, str] | None = None,
) -> list[Draft]:
    """A cancellation (same UID and SEQUENCE as the update) to each person taken off the session, at the
    time her calendar holds, on her own clock when the session still links her (`zones`), else the
    business's (only her address is known, from Invited); the email names no one else in the
    session (a client linked by mistake must not learn who the session is really with) and links only the
    session, so Messages never redirects it to the session's client."""
    s = plan.session
    start = s.reminded_for or s.session_date
    if not plan.removed or start is None:
        return []
    drafts = []
    for address in plan.removed:
        if told is not None and normalise(address) not in told:
            continue  # she never received the invitation: nothing to take out of her calendar
        when = when_text(start, settings, (zones or {}).get(normalise(address)))
        person = Person(address)
        _, ics = _calendar(
            plan,
            start,
            settings,
            now,
            summary=f"{settings.general.business_name} coaching session",
            attendees=[person],
            cancel=True,
        )
        body = (
            f"You are no longer in the coaching session on {when}; the invitation attached removes it from "
            "your calendar."
        )
        # The role keys are client|host; "off:<address>" cannot meet them, and one address is one key.
        key = reminder_key(s.id, plan.sequence, f"off:{address}")
        subject = f"Cancelled: coaching session {when}"
        drafts.append(letter(person, subject, body, {"session": s.id}, key, ics, settings, send_after))
    return drafts


def _calendar(
    plan: ReminderPlan,
    start: datetime,
    settings: BusinessSettings,
    now: datetime,
    *,
    summary: str,
    attendees: list[Person],
    cancel: bool,
    description: str = "",
) -> tuple[datetime, str]:
    """The session's end when it starts at `start` (its Duration, else the default) and its calendar
    invitation (or cancellation) at that time: the plan's UID and SEQUENCE, organised by the coach. Which
    start is the caller's: the people in the session get the time now, those taken off the time they hold."""
    s = plan.session
    end = session_end(
        s.model_copy(update={"session_date": start}), settings.schedule.default_duration_minutes
    )
    assert end is not None
    ics = invitation(
        session_id=s.id,
        sequence=plan.sequence,
        start=start,
        end=end,
        summary=summary,
        organizer=Person(settings.general.coach_email, settings.general.coach_name),
        attendees=attendees,
        stamp=now,
        method="CANCEL" if cancel else "REQUEST",
        description=description,
    )
    return end, ics


def when_text(start: datetime, settings: BusinessSettings, zone: str | None = None) -> str:
    """The session's time as the emails write it, with its zone: on the reader's own clock (`zone`, her
    Time Zone) when she has one, else the business's (the repeated hour when the clocks go back reads
    right either way)."""
    from zoneinfo import ZoneInfo

    return zoned_text(start, ZoneInfo(zone) if zone else _tz(settings))


def cancelled_body(when: str, others: list[str]) -> str:
    """The cancellation names who the session was with (as its invitation did): an associate with several
    clients, or a client with several people, cannot tell from the time alone which one is off."""
    with_whom = f" with {' and '.join(others)}" if others else ""
    return (
        f"The coaching session{with_whom} on {when} is cancelled; the invitation attached removes it from "
        "your calendar."
    )


def letter(
    person: Person,
    subject: str,
    body: str,
    links: dict[str, str | list[str]],
    key: str,
    ics: str,
    settings: BusinessSettings,
    send_after: datetime | None,
    *,
    signoff: str | None = None,
    signature: str | None = None,
) -> Draft:
    """`signoff`: a client's notice ends signed, by `signature` (the associate who runs the session) or,
    without one, the coach; an associate's own notice is a plain note."""
    first = first_name(person.name)
    signed = {"signoff": signoff, **({"signature": signature} if signature else {})} if signoff else {}
    return Draft(
        kind="Session Reminder",
        channel="Email",
        recipient=person.email,
        recipient_name=person.name,
        subject=subject,
        template="letter",
        data={"greeting": f"Hi {first}," if first else "Hello,", "body": body, **signed},
        links=links,
        send_after=send_after,
        dedupe_key=key,
        invitation=ics,
    )


def _tz(settings: BusinessSettings):
    from zoneinfo import ZoneInfo

    return ZoneInfo(settings.general.time_zone)
