"""What the associates capability says (pure: Drafts out): the proposal to the coach, the note to the
chosen associate, the onboarding reminder."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from automation.associates.figures import QUALITY, flag_kind
from automation.associates.matching import Candidate, points_digits
from automation.associates.onboarding import missing_steps, progress_line
from automation.messages.draft import Draft
from automation.messages.render import first_name
from automation.models import Associate, Client
from automation.settings import BusinessSettings
from automation.text import plural

PROPOSAL = "Associate Proposal"
ALERT = "Associate Alert"


def _situation(client: Client, after: str | None) -> str:
    key = f"{client.id}:associate-{{}}:{client.associate[0] if client.associate else 'none'}"
    return f"{key}:after:{after}" if after else key


def proposal_key(client: Client, after: str | None = None) -> str:
    """One proposal per client and current associate: a later reassignment gets a new one. after: the id
    of an approved proposal that could not be applied (its associate full or gone by then): the client is
    proposed again, once per such approval."""
    return _situation(client, after).format("proposal")


def unavailable_key(client: Client, after: str | None = None) -> str:
    """The "No associate available" alert's key: one per situation the proposal is for (the same client,
    current associate and approval), so the daily job does not repeat it; apart from the proposal's key,
    so that the proposal still comes once a place frees up."""
    return _situation(client, after).format("unavailable")


_PROPOSED_FOR = "Proposed associate for "


def proposed_for(subject: str | None) -> str | None:
    """The client's name in a proposal's subject as proposal_draft writes it (None if edited otherwise)."""
    if not subject or not subject.startswith(_PROPOSED_FOR) or ": " not in subject:
        return None
    return subject[len(_PROPOSED_FOR) :].rsplit(": ", 1)[0] or None


def proposal_draft(
    client: Client,
    ranked: list[Candidate],
    settings: BusinessSettings,
    left: list[str] | None = None,
    *,
    after: str | None = None,
    held: str | None = None,
) -> Draft:
    """The ranked proposal, waiting for the coach's approval; approving it assigns the first associate
    (the coach may link another one on the message before approving). left: the names of the client's
    associates known to be Inactive now (she needs another one because they left). after/held: the
    approved proposal this one follows, and why it was not applied ("Fay is now full (3 of 3 clients)")."""
    name = client.name or client.id
    if held:
        why = f"still needs an associate: {held}, so the proposal you approved was not applied"
    elif left:
        why = f"needs a new associate: {' and '.join(left)} {'is' if len(left) == 1 else 'are'} now Inactive"
    else:
        why = "flagged for reassignment" if client.associate else "has no associate"
    shown = ranked[: settings.associates.proposal_candidates]
    if not shown:
        return Draft.slack_alert(
            PROPOSAL,
            settings.messages.slack_channel,
            f"No associate available for {name}",
            f"{name} {why}, but no Active associate has a free place. Raise a Max Clients or onboard one.",
            links={"client": client.id},
            dedupe_key=unavailable_key(client, after),
        )
    top = shown[0].associate
    focus = ", ".join(client.focus_areas) or "none recorded"
    # Nobody with a free place covers any focus area: the best of the others is still proposed (she needs
    # someone), but said plainly, not left for the coach to spot in the reasons.
    none_fit = (
        f"No associate covers {focus} (among those with a free place): {top.name or top.id} is the best of "
        "the others. "
        if client.focus_areas and not any(c.covers for c in ranked)
        else ""
    )
    if shown[0].coach:  # only she has room (matching offers her own record last)
        ask = (
            f"No associate has a free place, but you do. Approve this message to take {name} on yourself "
            "(your own associate record, linked here); to give them to an associate instead, raise her Max "
            "Clients and link her here."
        )
    else:
        who = top.name or top.id
        ask = f"Approve this message to assign {who} (the associate linked here) and let them know."
    return Draft.slack_alert(
        PROPOSAL,
        settings.messages.slack_channel,
        f"{_PROPOSED_FOR}{name}: {top.name or top.id}",
        f"{name} {why}. {none_fit}{ask} Focus areas: {focus}.",
        items=[f"{i}. {c.line(points_digits(shown))}" for i, c in enumerate(shown, 1)],
        links={"client": client.id, "associate": top.id},
        dedupe_key=proposal_key(client, after),
    )


def assignment_draft(
    associate: Associate,
    client: Client,
    key: str,
    settings: BusinessSettings,
    booked: Sequence[tuple[datetime, str]] = (),
) -> Draft:
    """Tell the associate they have a new client (sent once the coach approved the proposal). `booked`: the
    client's sessions still to come with someone else (start, associate's name), when the coach moved the
    client from another associate: they stay that associate's until the coach moves them (README,
    Matching), so the new one is told when they are, on her own clock, and that they are not hers."""
    from zoneinfo import ZoneInfo

    from automation.schedule.times import own_zone, zoned_text

    first = first_name(associate.name) or "there"
    focus = ", ".join(client.focus_areas) or "to be agreed in the first session"
    # How to reach the client, and on whose clock.
    who = client.name or "the client"
    reach = ", ".join(x.strip() for x in (client.email, client.phone) if x and x.strip())
    zone = own_zone(client.time_zone)
    contact = (f" You can reach {who} at {reach}." if reach else "") + (
        f" {who}'s time zone: {zone}." if zone else ""
    )
    # She books the introductory session, unless he has sessions booked already (moved from another
    # associate): then she introduces herself, and the coach says who runs those.
    ask = "Please book an introductory session within the week."
    if booked:
        ask = f"Please introduce yourself to {who} within the week."
        clock = ZoneInfo(own_zone(associate.time_zone) or settings.general.time_zone)
        names = list(dict.fromkeys(n for _, n in booked))
        when = "; ".join(zoned_text(start, clock) for start, _ in sorted(booked))
        one = len(booked) == 1
        contact += (
            f" {who} already has {plural(len(booked), 'session')} booked with {' and '.join(names)}: {when} "
            f"(your time). {'It stays' if one else 'They stay'} with {' and '.join(names)} until "
            f"{settings.general.coach_name} moves {'it' if one else 'them'} to you."
        )
    return Draft(
        kind="Associate Assignment",
        channel="Email",
        recipient=(associate.email or "").strip(),
        recipient_name=associate.name,
        subject=f"New client: {client.name or 'a new client'}",
        template="letter",
        data={
            "greeting": f"Hi {first},",
            "body": f"{settings.general.coach_name} has assigned {client.name or 'a new client'}"
            f"{' of ' + client.company if client.company else ''} to you. Focus areas: {focus}. "
            f"{ask}{contact}",
            "signoff": "Thanks,",
        },
        links={"associate": associate.id},
        dedupe_key=key,
    )


def onboarding_reminder(associate: Associate, settings: BusinessSettings, today_days: int) -> Draft:
    """A reminder to the coach; one a week while the associate stays Onboarding past the limit."""
    name = associate.name or associate.id
    week = (today_days - settings.associates.onboarding_reminder_days - 1) // 7
    missing = missing_steps(associate)
    step = (
        "book time to finish the missing steps, or set them Active."
        if missing
        else "every step is done: set them Active so they can take clients."  # only Active ones are matched
    )
    return Draft.slack_alert(
        "Onboarding Reminder",
        settings.messages.slack_channel,
        f"{name} has been onboarding for {plural(today_days, 'day')}",
        f"{name} is still Onboarding ({progress_line(associate)}); the target is two weeks. "
        f"Suggested next step: {step}",
        items=[f"Missing: {m}" for m in missing],
        links={"associate": associate.id},
        dedupe_key=f"{associate.id}:onboarding-reminder:{week}",
    )


def performance_alert(
    associate: Associate, flags: list[str], summary: str, settings: BusinessSettings, today_iso: str
) -> Draft:
    """Tell the coach of an associate's newly found issue (quality below the bar, more clients than places)
    with a suggested improvement, once: the next run finds the flag stored and says nothing."""
    name = associate.name or associate.id
    first = first_name(associate.name) or name
    bar = settings.associates.quality_flag_below
    steps = {
        QUALITY: f"Go through {first}'s recent sessions and their ratings with them, observe or co-lead one, "
        f"and agree one change to practise; the bar is {bar:g}/5.",
        "overload": f"Move one of {first}'s clients to another associate or raise their Max Clients; "
        "no new client is proposed to them meanwhile.",
    }
    step = " ".join(dict.fromkeys(steps[flag_kind(f)] for f in flags))
    kinds = "+".join(sorted({flag_kind(f) for f in flags}))
    return Draft.slack_alert(
        ALERT,
        settings.messages.slack_channel,
        f"{name}: {'; '.join(flags)}",
        f"{name} needs attention: {'; '.join(flags)}. Suggested next step: {step}",
        facts=[["Performance", summary], ["Next step", step]],
        links={"associate": associate.id},
        dedupe_key=f"{associate.id}:associate-alert:{kinds}:{today_iso}",
    )


def left_with_sessions_alert(
    associate: Associate,
    booked: list[tuple[str, str]],
    session_ids: list[str],
    settings: BusinessSettings,
    today_iso: str,
) -> Draft:
    """An associate set Inactive with sessions still booked: one alert naming each (who, when on the coach's
    clock), so that none waits for an associate who is gone. `booked`: (who, when) in date order."""
    name = associate.name or associate.id
    n = plural(len(booked), "session")
    return Draft.slack_alert(
        ALERT,
        settings.messages.slack_channel,
        f"{name} left with {n} still booked",
        f"{name} is now Inactive and still holds {n} to come: link another associate to each (or take it "
        "yourself) and tell each client who they will see. A client's own proposal for a new associate does "
        "not move a session already booked.",
        items=[f"{who}: {when}" for who, when in booked],
        links={"associate": associate.id, "session": session_ids},
        dedupe_key=f"{associate.id}:left-with-sessions:{today_iso}",
    )
