"""Nurture: tier → sequence, the next action, when the next touch is due, which email to draft (pure).

Sequences (DESIGN.md §6): Hot = the coach calls the same day; Warm = touches on the days in Settings
(0, 3, 7, 14), then monthly; Cool = monthly; Cold = quarterly. Every new lead that may be contacted gets its
first-touch email drafted at once, whatever its tier.

"Paused" is the automation's own hold and lifts by itself when its reason goes: the lead is waiting for the
coach's answer (a reply or meeting newer than our Last Contact), an open deal is being worked, or there is
no working email. "Stopped" ends nurture: set for Unsubscribed, Converted and Lost leads, or by the coach
by hand. The automation's stop (its Next Action reads "None: …") lifts when its reason goes, as its stop
text promises: a Lost lead set back to Nurture, a won deal reopened, a lead the coach resubscribed. The
coach's own stop holds until she clears the Nurture Sequence field.
A lead whose mailbox is a current client's (Active, Paused or no status) gets the coach's kind of stop, set
for her (client_stop): a client's enquiry is a conversation, never a marketing sequence; a former client
(Completed, Churned) is nurtured like anyone else.
No nurture step is drafted on a quiet day of the year (Settings: 24-26 December, 1 January by default):
a step due then waits for the next ordinary day (a first touch answers her enquiry and is not held).
A lead back at Nurture from a deal (every attempt lost) rejoins her sequence after its end (its long
interval, check-ins), not where the deal interrupted it: she has just said "not now".
The texts hold dates, never "today", so running the rule again on a later day writes nothing new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from automation.messages.eligibility import CURRENT_CLIENT
from automation.settings.leads import NurtureSettings

TIERS = ("Hot", "Warm", "Cool", "Cold")
IN_DEAL = ("Qualified", "Proposal")
DEAL_OPEN = "Deal open:"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
UNREACHABLE = {"Bounced": "the last one bounced", "Invalid": "the one we have is invalid"}


@dataclass(frozen=True)
class EmailStep:
    """A nurture email to draft now: step 1 is the first touch."""

    step: int
    sequence: str
    dedupe_key: str
    first: bool = False

    @property
    def kind(self) -> str:
        return "First Touch" if self.first else "Nurture Email"


@dataclass(frozen=True)
class NurturePlan:
    fields: dict[str, Any] = field(default_factory=dict)  # nurture_sequence, nurture_step, next_action, …
    email: EmailStep | None = None
    hot_alert: bool = False  # the lead just entered the Hot sequence


def plan_nurture(
    lead: Any, tier: str | None, settings: NurtureSettings, today: date, tz: tzinfo | None = None
) -> NurturePlan:
    """What nurture sets on this lead now, given its (just computed) tier, today's business date and the
    business time zone `tz` (the day a lead was created is the business's day, as `today` is)."""
    name = display_name(lead)
    seq = lead.nurture_sequence
    stop = stop_reason(lead)
    if stop is not None:
        return NurturePlan({"nurture_sequence": "Stopped", "next_action": stop, "follow_up_due": None})
    if seq == "Stopped" and not stopped_by_automation(lead):
        if lead.next_action:
            return NurturePlan()  # stopped by the coach: her next action stands
        return NurturePlan({"next_action": "Nurture stopped: clear Nurture Sequence to restart"})
    if lead.status in IN_DEAL:
        fields = {"nurture_sequence": "Paused", "next_action": f"{DEAL_OPEN} move {name}'s deal forward"}
        if not (lead.next_action or "").startswith(DEAL_OPEN):
            # Entering the deal: the nurture touch's date no longer applies (the brief would chase it); a
            # date the coach sets while the deal is open is hers and stands.
            fields["follow_up_due"] = None
        return NurturePlan(fields)
    if getattr(lead, "duplicate_of", None):
        return NurturePlan(
            {
                "nurture_sequence": "Paused",
                "next_action": f"Possible duplicate: {name} has the email of an earlier lead "
                "(see Duplicate Of); "
                "merge by hand, or clear Duplicate Of to nurture this one",
                "follow_up_due": lead.follow_up_due if seq == "Paused" and lead.follow_up_due else today,
            }
        )
    until = deferred_until(lead)
    if until is not None and (today < until or lead.last_contact is None or lead.last_contact < until):
        return NurturePlan(_hold_deferral(lead, until, today))
    if waiting_on_us(lead):
        when = lead.last_engagement or (lead.follow_up_due if seq == "Paused" else None) or today
        what = (
            "Follow up your meeting with"
            if (lead.meetings or 0) > 0 and not (lead.replies or 0)
            else "Reply to"
        )
        return NurturePlan(
            {
                "nurture_sequence": "Paused",
                "next_action": f"{what} {name} (they engaged on {when.isoformat()})",
                "follow_up_due": when,
            }
        )
    problem = email_problem(lead)
    if problem is not None:
        due = lead.follow_up_due if seq == "Paused" and lead.follow_up_due else today
        return NurturePlan({"nurture_sequence": "Paused", "next_action": problem, "follow_up_due": due})
    if tier not in TIERS:
        return NurturePlan()
    steps = int(lead.nurture_step or 0)
    if left_deal_for_nurture(lead):
        # Every attempt lost (or the coach put her back to Nurture): she just said "not now", so the sequence
        # does not pick up where the deal interrupted it (the warm touches days apart, "a question worth ten
        # minutes" the week she declined); she rejoins after its end, at its long interval, with check-ins.
        steps = max(steps, len(settings.warm_touch_days))
    if seq != tier:
        return _enter(lead, tier, steps, settings, today, name, tz)
    return _continue(lead, tier, steps, settings, today, name)


def _enter(
    lead: Any, tier: str, steps: int, s: NurtureSettings, today: date, name: str, tz: tzinfo | None = None
) -> NurturePlan:
    email = None
    # Imported, already-worked leads get no first touch, nor does a lead of long ago never touched (her
    # history): "thank you for getting in touch" a year late.
    if (
        steps == 0
        and lead.status in (None, "New")
        and _age_days(lead, today, tz) <= s.first_touch_max_age_days
    ):
        steps = 1
        email = EmailStep(1, tier, dedupe_key(lead.id, 1), first=True)
    if tier == "Hot":
        due = today + timedelta(days=s.hot_call_within_days)
    else:
        due = ordinary_day(today + timedelta(days=gap_after(tier, max(steps, 1), s)), s)
    fields = {
        "nurture_sequence": tier,
        "nurture_step": steps,
        "follow_up_due": due,
        "next_action": next_action(tier, steps, due, name),
    }
    # Coming back from the automation's own pause (a reply, a deal) is not news: no second Hot alert.
    return NurturePlan(fields, email, hot_alert=tier == "Hot" and lead.nurture_sequence != "Paused")


def _continue(lead: Any, tier: str, steps: int, s: NurtureSettings, today: date, name: str) -> NurturePlan:
    due = lead.follow_up_due
    if due is None:
        due = (
            today
            if tier == "Hot"
            else ordinary_day(today + timedelta(days=gap_after(tier, max(steps, 1), s)), s)
        )
        return NurturePlan({"follow_up_due": due, "next_action": next_action(tier, steps, due, name)})
    if tier == "Hot" or due > today:
        return NurturePlan({"next_action": next_action(tier, steps, due, name)})
    if ordinary_day(today, s) != today:  # a quiet day (Christmas): the step waits for the next ordinary one
        due = ordinary_day(today, s)
        return NurturePlan({"follow_up_due": due, "next_action": next_action(tier, steps, due, name)})
    steps += 1  # a due step: draft it and schedule the next
    due = ordinary_day(today + timedelta(days=gap_after(tier, steps, s)), s)
    fields = {
        "nurture_step": steps,
        "follow_up_due": due,
        "next_action": next_action(tier, steps, due, name),
    }
    return NurturePlan(fields, EmailStep(steps, tier, dedupe_key(lead.id, steps)))


def _age_days(lead: Any, today: date, tz: tzinfo | None = None) -> int:
    """Days since the lead was created: its Created Date, or Airtable's created time, whichever is older.
    The created time is a UTC instant: its day is taken on the business's clock (`tz`), as `today` is, so
    an evening lead west of UTC (or a morning one east of it) is not a day older or younger than it is."""
    created = [d for d in (getattr(lead, "created_date", None), getattr(lead, "created_time", None)) if d]
    days = [(today - _day(d, tz)).days for d in created]
    return max(days, default=0)


def _day(value: date | datetime, tz: tzinfo | None) -> date:
    if isinstance(value, datetime):
        return (value.astimezone(tz) if tz is not None and value.tzinfo is not None else value).date()
    return value


def left_deal_for_nurture(lead: Any) -> bool:
    """The lead's deal was open (nurture paused for it) and she is back at Nurture: the deal was lost."""
    return (
        lead.nurture_sequence == "Paused"
        and (lead.next_action or "").startswith(DEAL_OPEN)
        and lead.status == "Nurture"
    )


def ordinary_day(day: date, s: NurtureSettings) -> date:
    """The day itself, or the first after it that is not one of the quiet days (Settings: Christmas, New
    Year's Day): no nurture email is drafted on those."""
    for _ in range(len(s.quiet_days) + 1):
        if f"{day:%m-%d}" not in s.quiet_days:
            break
        day += timedelta(days=1)
    return day


def gap_after(sequence: str, steps_done: int, s: NurtureSettings) -> int:
    """Days from touch number `steps_done` to the next one in this sequence."""
    if sequence == "Warm":
        days = s.warm_touch_days
        return (
            days[steps_done] - days[steps_done - 1] if 1 <= steps_done < len(days) else s.cool_interval_days
        )
    if sequence == "Cold":
        return s.cold_interval_days
    return s.cool_interval_days


def next_action(tier: str, steps: int, due: date, name: str) -> str:
    """Depends on the nurture state only, so the same state always reads the same (no extra writes)."""
    if tier == "Hot":
        return f"Call {name} by {due.isoformat()} (Hot lead)"
    text = f"Next {tier.lower()} touch to {name} on {due.isoformat()}"
    return f"{text}; email {steps} is in Messages" if steps else text


def stop_reason(lead: Any) -> str | None:
    if lead.status == "Unsubscribed" or lead.email_status == "Spam Report":
        return "None: unsubscribed, do not contact"
    if lead.status == "Converted":
        return "None: now a client"
    if lead.status == "Lost":
        return "None: lost (set Status back to restart nurture)"
    return None


def stopped_by_automation(lead: Any) -> bool:
    """The Stopped sequence is the automation's (its stop text is the Next Action), not the coach's."""
    return lead.nurture_sequence == "Stopped" and (lead.next_action or "").startswith("None:")


CLIENT_ACTION = "Current client "


def is_current_client(client: Any) -> bool:
    return client.status in CURRENT_CLIENT


def client_stop(client_name: str, today: date) -> dict[str, Any]:
    """Nurture stopped as the coach stops it (her kind of Next Action, which plan_nurture leaves alone), due
    today: she answers a current client herself."""
    return {
        "nurture_sequence": "Stopped",
        "next_action": f"{CLIENT_ACTION}{client_name}: answer the enquiry yourself (no marketing)",
        "follow_up_due": today,
    }


def stopped_for_client(lead: Any) -> bool:
    """Nurture was stopped because the lead's address is a current client's (client_stop). Next Action
    alone tells it (nurture rewrites it once restarted), so a read without Nurture Sequence can say so."""
    return (lead.next_action or "").startswith(CLIENT_ACTION)


def needs_client_stop(lead: Any) -> bool:
    """An open lead whose nurture may still send marketing: running, the automation's pause (it lifts by
    itself) or not started yet. A stopped one stays as it is, and so does a lead in a deal (the coach is
    working it already)."""
    if lead.status in ("Converted", "Lost", "Unsubscribed", *IN_DEAL):
        return False
    return lead.nurture_sequence != "Stopped"


def email_problem(lead: Any) -> str | None:
    """Why we cannot email this lead, as the coach's next action (None: we can)."""
    name = display_name(lead)
    email = (lead.email or "").strip()
    if not email:
        # A lead typed in with only a phone number is reached by phone: the coach calls (and asks for an
        # address then), rather than going looking for an email first.
        phone = (getattr(lead, "phone", None) or "").strip()
        if phone:
            return f"Call {name} on {phone} (no email address: ask for one)"
        return f"Find an email address for {name}"
    if not _EMAIL.match(email):
        return f"Fix the email address of {name} (not a valid address)"
    if lead.email_status in UNREACHABLE:
        return f"Find a working email for {name} ({UNREACHABLE[lead.email_status]})"
    return None


# A reply that put contact off ("try me in March", automation/leads/deferral.py): its Next Action holds the
# date, so nurture keeps it (no "Reply to …", no sequence) until the coach has written to her on or after it.
_DEFERRED = re.compile(r"asked to hear again from (\d{4}-\d{2}-\d{2})")
_ASKS_NOW = "Answer "


def deferral_action(name: str, until: date, words: str, asks_now: bool = False) -> str:
    """The Next Action of a lead who asked to hear again on `until` ("in March"); first, her question."""
    text = f'{name} asked to hear again from {until.isoformat()} ("{words}"): write to them then'
    return f"{_ASKS_NOW}{name}'s question now; {text}" if asks_now else text


def may_defer(lead: Any) -> bool:
    """Whether nurture may hold a lead for the date she named: not stopped (by the automation or the coach)
    and not in an open deal (the coach is working it: her date is the coach's to set)."""
    return stop_reason(lead) is None and lead.nurture_sequence != "Stopped" and lead.status not in IN_DEAL


def deferred_until(lead: Any) -> date | None:
    """The date a lead asked to hear again, kept in her Next Action (None: she asked no such thing, or the
    coach rewrote the Next Action)."""
    m = _DEFERRED.search(lead.next_action or "")
    if m is None:
        return None
    try:
        return date.fromisoformat(m[1])
    except ValueError:
        return None


def _hold_deferral(lead: Any, until: date, today: date) -> dict[str, Any]:
    """Paused until the date she named: her question first if she asked one and the coach has not answered
    (due when she wrote), then the date itself (due then; the brief lists her on it)."""
    action = lead.next_action or ""
    if action.startswith(_ASKS_NOW) and waiting_on_us(lead):
        return {"nurture_sequence": "Paused", "follow_up_due": lead.follow_up_due or today}
    plain = action.split("; ", 1)[1] if action.startswith(_ASKS_NOW) and "; " in action else action
    return {"nurture_sequence": "Paused", "next_action": plain, "follow_up_due": until}


def waiting_on_us(lead: Any) -> bool:
    """A reply or meeting is newer than our last contact: the ball is in the coach's court."""
    if not ((lead.replies or 0) > 0 or (lead.meetings or 0) > 0):
        return False
    if lead.last_contact is None:
        return True
    return lead.last_engagement is not None and lead.last_engagement >= lead.last_contact


def needs_engagement_date(lead: Any, today: date) -> bool:
    """Runs only when Replies or Meetings changed: if no engagement date is newer than our last contact,
    the engagement just recorded is dated today (a date the coach typed that is newer is kept)."""
    if not ((lead.replies or 0) > 0 or (lead.meetings or 0) > 0):
        return False
    last = lead.last_engagement
    if last is None:
        return True
    return lead.last_contact is not None and last < lead.last_contact and last < today


def stale_marketing(linked: list[Any], drafted: date | None) -> str | None:
    """Why a first touch or nurture email drafted on `drafted` (the business's day) must not go to these
    linked leads now (None: it may): the lead became a client, was marked Lost, has an open deal (nurture
    waits while the coach works it), or replied or met her on or after that day (her own answer is due,
    not the next template). Checked on the drafts each day and again when an approved one is sent: a coach
    back from a fortnight away approves the whole queue at once."""
    for lead in linked:
        if lead.status == "Converted":
            return f"{display_name(lead)} became a client (lead Converted); write to them yourself"
    for lead in linked:
        if lead.status == "Lost":
            return f"{display_name(lead)} is marked Lost (set Status back to restart nurture)"
    for lead in linked:
        if lead.status in IN_DEAL:
            return f"{display_name(lead)} has an open deal (lead {lead.status}); write to them yourself"
    for lead in linked:
        if waiting_on_us(lead) and drafted and lead.last_engagement and lead.last_engagement >= drafted:
            return (
                f"{display_name(lead)} replied or met you on {lead.last_engagement.isoformat()}; answer them "
                "yourself (their sequence waits for you)"
            )
    return None


def display_name(lead: Any) -> str:
    return (
        (lead.name or "").strip() or (lead.email or "").strip() or (lead.company or "").strip() or "this lead"
    )


def dedupe_key(lead_id: str, step: int) -> str:
    return f"{lead_id}:nurture:{step}"
