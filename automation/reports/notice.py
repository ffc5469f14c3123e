"""The new-lead notice (pure): one email to the coach per new lead, or one digest of the day's new leads;
leads that come in together (more than `new_lead_notice_batch` in one change) get one email between them.

A lead is news when it is first scored within `new_lead_window_days` of arriving: an import of old leads,
or a lead whose tier changes months later, tells the coach nothing new.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from automation.leads.nurture import display_name, stopped_for_client
from automation.messages.draft import Draft
from automation.settings import BusinessSettings
from automation.text import date_text, month_first_zone

KIND = "New Lead Notice"


CLOSED = ("Unsubscribed", "Lost", "Converted")


def arrived_on(lead: Any, tz: Any) -> date | None:
    """The day the lead arrived: Created Date if typed, else the record's creation time (business tz)."""
    if lead.created_date:
        return lead.created_date
    ct = lead.created_time
    return ct.astimezone(tz).date() if isinstance(ct, datetime) else None


def is_news(lead: Any, settings: BusinessSettings, today: date, tz: Any) -> bool:
    """Scored, not a duplicate, still open, reachable, and arrived recently enough to be news.

    Reachable: an email or a phone. A lead typed into the grid one cell at a time is created by its first
    cell, the name, and scored at once; a notice then would be all question marks and is sent only once,
    so it waits for the address (the automation runs again when Email or Phone is filled in)."""
    arrived = arrived_on(lead, tz)
    if lead.score_tier is None or lead.duplicate_of or arrived is None:
        return False
    if lead.status in CLOSED:  # she unsubscribed, or the coach closed it herself: rescored, but not news
        return False
    if not ((lead.email or "").strip() or (lead.phone or "").strip()):
        return False
    return 0 <= (today - arrived).days <= settings.reports.new_lead_window_days


def _score(lead: Any) -> str:
    return f"{lead.lead_score:.0f}" if lead.lead_score is not None else "?"


def _source(lead: Any) -> str:
    return " – ".join(x for x in (lead.lead_source, lead.source_detail) if x) or "unknown"


def _excerpt(notes: str, limit: int = 500) -> str:
    text = " ".join(notes.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notice_draft(lead: Any, settings: BusinessSettings) -> Draft:
    """One email to the coach about one new lead; keyed on the lead so it is sent once, ever."""
    name = display_name(lead)
    tier = lead.score_tier or "unscored"
    facts = [
        ["Score", f"{_score(lead)} ({tier})"],
        ["Source", _source(lead)],
        ["Title", lead.title or "?"],
        ["Company", lead.company or "?"],
        ["Email", lead.email or "?"],
        *([["Phone", lead.phone]] if lead.phone else []),
        ["Timeline", lead.timeline or "?"],
        # What they wrote (the form's note: the message, and "from a former client" when she was one):
        # the coach decides how to answer from it, without opening the base.
        *([["Enquiry", _excerpt(lead.notes)]] if (lead.notes or "").strip() else []),
    ]
    # A current client's enquiry (capture stopped its nurture): no alert, no first touch; she answers.
    client = stopped_for_client(lead)
    who = f"{name}, a current client," if client else name
    nxt = (
        "It is Hot: the Slack alert went out too; call today."
        if tier == "Hot" and not client
        else (lead.next_action or "Nurture has it; the first email waits in Messages if one is due.")
    )
    return Draft(
        kind=KIND,
        channel="Email",
        recipient=settings.general.coach_email,
        recipient_name=settings.general.coach_name,
        subject=f"New lead: {name} ({'current client; ' if client else ''}{tier}, {_score(lead)})",
        template="alert",
        data={
            "heading": f"New lead: {name}",
            "summary": f"{who} came in from {_source(lead)} and scored {_score(lead)} ({tier}). {nxt}",
            "facts": facts,
            "items": (lead.score_breakdown or "").splitlines(),
        },
        links={"lead": lead.id},
        dedupe_key=f"{lead.id}:new-lead-notice",
    )


def _ranked(leads: list[Any]) -> list[Any]:
    order = {"Hot": 0, "Warm": 1, "Cool": 2, "Cold": 3}
    return sorted(leads, key=lambda x: (order.get(x.score_tier or "", 4), -(x.lead_score or 0), x.id))


def _lines(leads: list[Any], settings: BusinessSettings) -> list[str]:
    """Best first, at most as many as a brief's section (reports.brief_max_items) and the rest counted: an
    imported list of hundreds in one email buried the few Hot leads the coach must call today."""
    ranked, cap = _ranked(leads), settings.reports.brief_max_items
    more = [f"…and {len(ranked) - cap} more (all in Leads)"] if len(ranked) > cap else []
    return [_line(x) for x in ranked[:cap]] + more


def _line(lead: Any) -> str:
    name = display_name(lead) + (" (current client)" if stopped_for_client(lead) else "")
    return f"{name}: {_score(lead)} ({lead.score_tier or 'unscored'}), from {_source(lead)}"


def batch_draft(leads: list[Any], settings: BusinessSettings) -> Draft:
    """One email about new leads that came in together (an import, a list from an event), best first;
    keyed on the set of leads, so the same batch is announced once however often its change is replayed."""
    n = len(leads)
    ids = sorted(x.id for x in leads)
    hot = sum(1 for x in leads if x.score_tier == "Hot")
    return Draft(
        kind=KIND,
        channel="Email",
        recipient=settings.general.coach_email,
        recipient_name=settings.general.coach_name,
        subject=f"{n} new leads at once" + (f" ({hot} Hot)" if hot else ""),
        template="alert",
        data={
            "heading": f"{n} new leads",
            "summary": f"{n} leads arrived together and were scored, best first."
            + (" The Hot ones also got their Slack alert: call them today." if hot else ""),
            "items": _lines(leads, settings),
        },
        links={"lead": ids},
        dedupe_key=f"new-leads:{hashlib.sha1('|'.join(ids).encode()).hexdigest()[:16]}",
    )


def digest_draft(leads: list[Any], settings: BusinessSettings, day: date) -> Draft | None:
    """One email listing the leads that arrived on `day` (None when there are none)."""
    if not leads:
        return None
    lines = _lines(leads, settings)
    n = len(leads)
    on = date_text(day, month_first_zone(settings.general.time_zone), year=False)
    return Draft(
        kind=KIND,
        channel="Email",
        recipient=settings.general.coach_email,
        recipient_name=settings.general.coach_name,
        subject=f"{n} new lead{'s' if n != 1 else ''} on {on}",
        template="alert",
        data={
            "heading": f"New leads on {on}",
            "summary": f"{n} lead{'s' if n != 1 else ''} arrived on {on}, best first.",
            "items": lines,
        },
        dedupe_key=f"new-lead-digest:{day.isoformat()}",
    )
