"""The messages the lead capability composes: nurture emails (template text) and alerts to the coach.

Builders are pure (lead, settings in; a messages `Draft` out), so what the coach will read is table-tested.
The AI-written variant of a nurture email lives in ai_writer.py and falls back to `template_email`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from automation.leads.nurture import EmailStep, display_name, stop_reason
from automation.messages.draft import Draft
from automation.messages.render import first_name
from automation.settings import BusinessSettings
from automation.text import plural


@dataclass(frozen=True)
class EmailText:
    subject: str
    body: str  # plain text, paragraphs separated by a blank line; greeting and sign-off are added around it
    source: str = "template"  # or e.g. "AI draft: nurture_email v1, gpt-6-luna"


_FIRST_SUBJECT = {
    "Referral": "{detail} suggested we speak",
    "Networking Event": "Good to meet you",
    "Speaking": "After the talk",
    "Podcast": "Thank you for listening",
    "LinkedIn": "Thank you for connecting",
    "Social Media": "Thank you for connecting",
}
_REASON = {
    "Referral": "the introduction",
    "Networking Event": "the conversation at the event",
    "Speaking": "coming to say hello after the talk",
    "Podcast": "getting in touch after the podcast",
    "LinkedIn": "connecting",
    "Social Media": "getting in touch",
    "Website": "getting in touch through the website",
}
_LATER = [
    (
        "A question worth ten minutes",
        "A question I often ask leaders{role}: which conversation have you been putting off, and what would "
        "change if it went well?\n\nMost people find that naming it is half the work. If you would like to "
        "think it through together, my offer of a short call stands.",
    ),
    (
        "What tends to change with coaching",
        "When leaders{role} work with a coach, the first change is usually time: clearer priorities, fewer "
        "meetings they should not be in, and more room for the decisions only they can make.\n\nIf that "
        "sounds useful, reply with a couple of times and we can talk for twenty minutes.",
    ),
    (
        "Shall I close the loop?",
        "I do not want to crowd your inbox, so this is my last note for now.\n\nIf the timing is not right, "
        "no problem at all: just reply whenever it is, and we can pick up from there.",
    ),
]
_CHECK_IN = (
    "Checking in",
    "It has been a little while, so a short note to say I am still here if coaching would help with what "
    "you are facing{at_company} this season.\n\nA reply with one line about what is on your plate is all it "
    "takes to set up a conversation.",
)


def _article(phrase: str) -> str:
    """'an' before a vowel sound ('an Owner', 'an HR Director', 'an MD'), else 'a' ('a VP', 'a Unit …')."""
    word = phrase.strip().split(" ")[0] if phrase.strip() else ""
    if not word:
        return "a"
    if word.isupper() and len(word) <= 5:  # an acronym is read letter by letter
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    if word.lower().startswith(("uni", "use", "eu", "one")):
        return "a"  # "a Unit Manager", "a User Researcher"
    if word.lower().startswith(("hour", "honest", "heir")):
        return "an"
    return "an" if word[0].lower() in "aeiou" else "a"


# How people write who referred them, in the languages of the leads ("Referred by Anna Lee", "Introduced by
# …", "Empfehlung von …", "recommandé par …", "de la part de …"): the lead-in is not part of the name.
_REFERRED_BY = re.compile(
    r"^(?:(?:referr(?:ed|al)|recommend(?:ed|ation)|introduc(?:ed|tion)|suggest(?:ed|ion)|sent|passed on)"
    r"(?:\s+(?:by|from|of|via))?|referrer|via|through|thanks to|(?:on )?(?:the )?recommendation of"
    r"|(?:weiter)?empfehlung(?:\s+(?:von|durch))?|empfohlen\s+(?:von|durch)|vermittelt\s+(?:von|durch)"
    r"|recommand(?:é|ée|ation)\s+(?:par|de)|de la part de|sur (?:la )?recommandation de"
    r"|(?:consigliato|raccomandato|segnalato)\s+da|su consiglio di)\s*[:\-–]?\s+",
    re.I,
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|van|von|de|der|den|du|da|di|del|della|la|le|ter|zu|y)$")


def referrer(detail: str | None) -> str | None:
    """The referrer's name in a referral's Source Detail ("Referred by Anna Lee (client)" → "Anna Lee"), or
    None when the words name no one ("my colleague at Acme"): a subject reading "<detail> suggested we speak"
    must start with a person."""
    text = " ".join((detail or "").split())
    text = re.sub(r"\s*\([^()]*\)\s*$", "", text)  # "(client)", "(our CFO)"
    text = _REFERRED_BY.sub("", text).strip(" .,;:-–")
    words = text.split()
    if not 1 <= len(words) <= 4 or not words[0][:1].isupper() or any(ch.isdigit() for ch in text):
        return None
    return text if all(_NAME_WORD.match(w) for w in words) else None


def template_email(lead: Any, step: EmailStep) -> EmailText:
    """The deterministic text of a nurture step (used without an OpenAI key, or when the AI call fails)."""
    role = f" in {_article(lead.title)} {lead.title} role" if lead.title else ""
    at_company = f" at {lead.company}" if lead.company else ""
    if step.first:
        pattern = _FIRST_SUBJECT.get(lead.lead_source or "", "Thank you for getting in touch")
        if "{detail}" in pattern:
            who = referrer(lead.source_detail)
            subject = pattern.format(detail=who) if who else "Thank you for the introduction"
        else:
            subject = pattern
        reason = _REASON.get(lead.lead_source or "", "getting in touch")
        body = (
            f"Thank you for {reason}. I work with leaders{at_company and ' like you'} on the moments "
            "that matter most: stepping into a bigger role, leading through change and getting the best "
            "from a team.\n\n"
            "If it would help, I would be glad to offer a 20-minute call to hear what you are working on and "
            "whether coaching is the right fit. Just reply with a couple of times that suit you."
        )
        return EmailText(subject, body)
    if step.sequence == "Warm" and step.step - 2 < len(_LATER):
        subject, body = _LATER[max(step.step - 2, 0)]
        return EmailText(subject, body.format(role=role))
    subject, body = _CHECK_IN
    return EmailText(subject, body.format(at_company=at_company))


def nurture_draft(lead: Any, step: EmailStep, text: EmailText, settings: BusinessSettings) -> Draft:
    """The Draft of a nurture email: waits in Messages for the coach's approval (not an auto-send kind)."""
    first = first_name(display_name(lead)) if lead.name else None
    marker = "" if text.source == "template" else f" ({text.source})"
    return Draft(
        kind=step.kind,
        channel="Email",
        recipient=lead.email.strip(),
        recipient_name=lead.name,
        subject=text.subject,
        template="letter",
        data={
            "body": text.body,
            "greeting": f"Hi {first}," if first else "Hello,",
            "signoff": "Best wishes,",
        },
        links={"lead": lead.id},
        dedupe_key=step.dedupe_key,
        title=f"{step.kind} {step.step}: {display_name(lead)}{marker}"[:250],
    )


def hot_alert_draft(lead: Any, settings: BusinessSettings, today: date) -> Draft:
    """One Slack alert when a lead turns Hot (speed to lead); the key holds the day it turned Hot."""
    name = display_name(lead)
    facts = [
        ["Score", f"{lead.lead_score:.0f}" if lead.lead_score is not None else "?"],
        ["Title", lead.title or "?"],
        ["Company", lead.company or "?"],
        ["Source", " – ".join(x for x in (lead.lead_source, lead.source_detail) if x) or "?"],
        ["Timeline", lead.timeline or "?"],
    ]
    return Draft.slack_alert(
        "Hot Lead Alert",
        settings.messages.slack_channel,
        f"Hot lead: {name}",
        f"{name} just scored Hot. Call them today; the first-touch email is waiting in Messages.",
        facts=facts,
        items=(lead.score_breakdown or "").splitlines()[:-1],
        links={"lead": lead.id},
        dedupe_key=f"{lead.id}:hot-alert:{today.isoformat()}",
    )


def _nurture_after_answer(lead: Any, when_stopped: str) -> str:
    """What a lead's writing to the coach does to her sequence (a reply, the form again): paused until the
    coach answers, unless it was stopped (why, or `when_stopped`: what the coach can do about it)."""
    stop = stop_reason(lead)
    if lead.status == "Unsubscribed":
        # She said no to the marketing emails, not to the coach: writing to us now, she asks for an answer
        # ("do not contact" would leave her enquiry unanswered).
        return "Their marketing emails stay stopped (they unsubscribed); this message is yours to answer."
    if stop is not None:
        return f"Their nurture stays stopped ({stop.removeprefix('None: ')})."
    if lead.nurture_sequence == "Stopped":
        return f"Their nurture stays stopped: {when_stopped}."
    return "Their nurture sequence is paused until you answer."


def reply_alert_draft(
    lead: Any,
    settings: BusinessSettings,
    when: date,
    key: str,
    excerpt: str | None,
    deferral: Any = None,
    deferred: bool = False,
) -> Draft:
    """Tell the coach a lead answered; their sequence is paused until she replies (or stays stopped). A
    reply that puts contact off ("try me in March") says the date understood, so she can correct it."""
    name = display_name(lead)
    after = _nurture_after_answer(lead, "clear Nurture Sequence to restart it")
    if deferral is not None:
        until = deferral.until.isoformat()
        understood = f'Understood: they asked to hear again from {until} ("{deferral.words}").'
        if not deferred:
            after = f"{after} {understood} Set Follow-up Due if you want to write then."
        elif deferral.asks_now:
            after = (
                f"{understood} They also ask something now: answer it (Follow-up Due is today, then {until})."
            )
        else:
            after = f"{understood} Nothing goes to them before then; Follow-up Due is set to {until}."
        if deferred:
            after += " If that is not what they meant, change Follow-up Due and Next Action."
    summary = f"{name} replied on {when.isoformat()}. {after}"
    return Draft.slack_alert(
        "Reply Alert",
        settings.messages.slack_channel,
        f"{name} replied",
        summary,
        items=[excerpt] if excerpt else [],
        links={"lead": lead.id},
        dedupe_key=key,
    )


def enquiry_alert_draft(
    lead: Any, settings: BusinessSettings, when: date, sender: str | None, message: str | None
) -> Draft:
    """Tell the coach a known lead sent the website form again (her lead already had its new-lead notice):
    like a reply, it pauses her sequence until the coach answers (or it stays stopped)."""
    name = display_name(lead)
    after = _nurture_after_answer(lead, "answer them yourself")
    via = f" from {sender}" if sender else ""
    excerpt = " ".join((message or "").split())
    excerpt = excerpt if len(excerpt) <= 300 else excerpt[:299] + "…"
    return Draft.slack_alert(
        "Reply Alert",
        settings.messages.slack_channel,
        f"{name} enquired again",
        f"{name} sent the website form again on {when.isoformat()}{via} (see Notes). {after}",
        items=[excerpt] if excerpt else [],
        links={"lead": lead.id},
        dedupe_key=f"{lead.id}:enquiry:{when.isoformat()}",
    )


def opt_out_alert_draft(
    lead: Any, settings: BusinessSettings, when: date, key: str, excerpt: str | None, cancelled: int
) -> Draft:
    """Tell the coach a lead's reply asked to hear no more, and what the automation did about it."""
    name = display_name(lead)
    drafts = f" and {plural(cancelled, 'draft')} to them cancelled" if cancelled else ""
    return Draft.slack_alert(
        "Reply Alert",
        settings.messages.slack_channel,
        f"{name} asked to unsubscribe",
        f"{name} replied on {when.isoformat()} asking to hear no more: Status is now Unsubscribed, their "
        f"nurture stopped{drafts}. If you read the reply otherwise, set Status back.",
        items=[excerpt] if excerpt else [],
        links={"lead": lead.id},
        dedupe_key=key,
    )


def lost_reason_draft(deal: Any, settings: BusinessSettings, key: str) -> Draft:
    """Ask the coach why a deal was lost (the reasons feed the weekly report)."""
    name = deal.deal_name or "A deal"
    return Draft.slack_alert(
        "Lost Reason Request",
        settings.messages.slack_channel,
        f"Why was {name} lost?",
        f"{name} was marked Closed Lost without a reason. "
        "Please add a Lost Reason on the deal: the reasons show which objections to work on.",
        links={"deal": deal.id},
        dedupe_key=key,
    )


def stage_check_draft(deal: Any, check: Any, settings: BusinessSettings, key: str) -> Draft:
    """Tell the coach what is off about a deal's stage change (`StageCheck`); nothing was blocked."""
    name = deal.deal_name or "A deal"
    moved = f"from {check.previous} to {check.stage}" if check.previous else f"in at {check.stage}"
    return Draft.slack_alert(
        "Deal Stage Check",
        settings.messages.slack_channel,
        f"Check {name}: {check.stage}",
        f"{name} moved {moved}. Nothing was blocked: if this was a slip, fix the deal; if it is right, "
        "there is nothing to do.",
        items=check.problems,
        links={"deal": deal.id},
        dedupe_key=key,
    )
