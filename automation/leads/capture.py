"""Website lead capture (POST /api/leads): validate, turn bots away, dedupe by email, record the source,
then score and nurture the lead at once (our own write sends no webhook that would do it later).

The answer is the same whether the address was new or known ({"status": "received"}), so the form does
not reveal who is already a lead. A re-enquiry from a known address is recorded on that lead (Notes,
Last Engagement, empty fields filled in), never as a second lead.

Rate limit: per client address (as the platform vouches for it), RATE_LIMIT per RATE_WINDOW_S, twice over:
in the memory of the warm function instance (a bot hammering one instance costs no Airtable call), and in
the base, for new leads, across instances: each new lead keeps a keyed hash of the address it came from
(Form Address), and the read that looks for the email already finds, in the same request, the leads that
address created in the window; at RATE_LIMIT of them a new address is refused (429, nothing stored). No
call is added: a System State counter would cost a read and a write per post.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
import time
from collections import deque
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from automation.errors import BadRequest
from schema.tables import LEAD_SOURCES, TIMELINES

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Lead

RATE_LIMIT = 5
RATE_WINDOW_S = 600.0
HONEYPOT = "website"  # hidden in the form: people leave it empty, form-filling bots do not
HELD_NOTE = "Held as possible spam by the website form"
RELEASE = "Possible spam held by the website form (see Notes): set Status to New if it is a real enquiry"
_EMAIL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")


class TooManyRequests(BadRequest):
    """The address sent too many forms lately (the route answers 429)."""

    retry_after_s = int(RATE_WINDOW_S)


# The same choice as form builders and integrations write it ("ASAP", "1–3 months", "linkedin"); anything
# else is still refused with the list of choices, so an integrator sees the mistake instead of a guess.
_TIMELINE_WORDS = {
    "asap": "Immediate",
    "now": "Immediate",
    "immediately": "Immediate",
    "right away": "Immediate",
    "as soon as possible": "Immediate",
    "within a month": "Immediate",
    "1 to 3 months": "1-3 months",
    "3 to 6 months": "3-6 months",
    "6 months+": "6+ months",
    "6 months or more": "6+ months",
    "more than 6 months": "6+ months",
    "not sure": "Unknown",
    "don't know": "Unknown",
    "unsure": "Unknown",
}
_SOURCE_WORDS = {
    "web": "Website",
    "website form": "Website",
    "contact form": "Website",
    "referred": "Referral",
    "event": "Networking Event",
    "networking": "Networking Event",
    "social": "Social Media",
    "instagram": "Social Media",
    "facebook": "Social Media",
    "twitter": "Social Media",
    "x": "Social Media",
    "talk": "Speaking",
    "conference talk": "Speaking",
}


def _choice(value: str, choices: list[str], words: dict[str, str]) -> str | None:
    """The canonical choice for a value written with other case, dashes or spacing, or a known synonym."""
    key = re.sub(r"\s+", " ", re.sub(r"\s*[–—-]\s*", "-", value.strip().lower()))
    for choice in choices:
        if choice.lower() == key:
            return choice
    return words.get(key) or words.get(key.replace("-", " to "))


class LeadForm(BaseModel):
    """What the website form may send (unknown fields such as utm_* are ignored)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200)
    email: str = Field(max_length=254)
    company: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=40)
    company_size: int | None = Field(None, ge=1, le=10_000_000)
    industry: str | None = Field(None, max_length=100)
    timeline: str | None = None
    message: str | None = Field(None, max_length=5000)
    source: str = "Website"
    source_detail: str | None = Field(None, max_length=300)  # the page, campaign or referrer

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        low = value.strip().lower()
        if not _EMAIL.match(low) or ".." in low:
            raise ValueError("not a valid email address")
        return low

    @field_validator("company_size", mode="before")
    @classmethod
    def _size(cls, value: Any) -> Any:
        if isinstance(value, str):  # "200-999", "1,000+", "5k", "1.5K+" -> the first number
            m = re.search(r"(\d[\d,]*(?:\.\d+)?)\s*([kKmM](?![a-zA-Z])|thousand|million)?", value, re.I)
            if not m:
                return None
            number = float(m.group(1).replace(",", ""))
            scale = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}.get(
                (m.group(2) or "").lower(), 1
            )
            return int(number * scale)
        return value

    @field_validator("timeline")
    @classmethod
    def _timeline(cls, value: str | None) -> str | None:
        if not value:
            return None
        found = _choice(value, TIMELINES, _TIMELINE_WORDS)
        if found is None:
            raise ValueError(f"must be one of {', '.join(TIMELINES)}")
        return found

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        found = _choice(value, LEAD_SOURCES, _SOURCE_WORDS)
        if found is None:
            raise ValueError(f"must be one of {', '.join(LEAD_SOURCES)}")
        return found

    @field_validator("company", "title", "phone", "industry", "message", "source_detail")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


def parse_form(payload: Any) -> LeadForm | None:
    """The validated form, or None for a bot (honeypot filled). BadRequest names the first bad field."""
    if not isinstance(payload, dict):
        raise BadRequest("send a JSON object or a form with name and email")
    if str(payload.get(HONEYPOT) or "").strip():
        return None
    try:
        return LeadForm.model_validate(payload)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "body"
        raise BadRequest(f"{where}: {err['msg'].removeprefix('Value error, ')}") from None


class RateLimiter:
    """Sliding window per key, in memory (see the module note)."""

    def __init__(self, limit: int = RATE_LIMIT, window_s: float = RATE_WINDOW_S) -> None:
        self.limit, self.window_s = limit, window_s
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > 10_000:  # bound memory: forget idle addresses
                for k in [k for k, v in self._hits.items() if not v]:
                    del self._hits[k]
            return True


LIMITER = RateLimiter()


def address_key(address: str, secret: str | None) -> str:
    """The Form Address of a client address: keyed (APP_SECRET) so the base never holds the address."""
    return hmac.new((secret or "form").encode(), address.encode(), hashlib.sha256).hexdigest()[:20]


def new_lead_row(form: LeadForm, today: date, key: str | None = None) -> dict[str, Any]:
    row = {
        "name": form.name,
        "email": form.email,
        "phone": form.phone,
        "company": form.company,
        "title": form.title,
        "company_size": form.company_size,
        "industry": form.industry,
        "timeline": form.timeline,
        "lead_source": form.source,
        "source_detail": form.source_detail,
        "notes": _enquiry_note(form, today),
        "status": "New",
        "email_status": "Unverified",
        "created_date": today,
        "form_address": key,
    }
    return {k: v for k, v in row.items() if v is not None}


def known_lead_update(lead: Lead, form: LeadForm, today: date) -> dict[str, Any]:
    """A known address enquired again: note it, count it as engagement, fill only what was empty."""
    fields: dict[str, Any] = {"notes": "\n\n".join(x for x in (lead.notes, _enquiry_note(form, today)) if x)}
    fields["last_engagement"] = max(today, lead.last_engagement or today)
    for key in ("phone", "company", "title", "company_size", "industry", "timeline"):
        value = getattr(form, key)
        if value is not None and getattr(lead, key) in (None, ""):
            fields[key] = value
    return fields


def _enquiry_note(form: LeadForm, today: date) -> str:
    where = f" ({form.source_detail})" if form.source_detail else ""
    text = f"{today.isoformat()} {form.source.lower()} enquiry{where}"
    return f"{text}: {form.message}" if form.message else text


def capture(ctx: JobContext, form: LeadForm) -> tuple[str, str]:
    """Create or update the lead, then run the lead automations on it; ('created'|'updated', record id)."""
    outcome, lead_id, fields = store(ctx, form)
    process(ctx, outcome, lead_id, fields)
    return outcome, lead_id


def _known(ctx: JobContext, form: LeadForm, key: str | None = None) -> list[Lead]:
    """The leads with the form's email, oldest first, duplicates left out; in the same read, with `key`,
    the leads that client address created in the window: TooManyRequests at RATE_LIMIT of them for an
    email not known yet (a re-enquiry is an update, never refused)."""
    from pyairtable import formulas as F

    from automation.models import Lead

    gw = ctx.gateway
    match = F.EQ(F.LOWER(F.TRIM(gw.ref(Lead, "email"))), form.email)
    if key:
        age = F.DATETIME_DIFF(F.NOW(), F.CREATED_TIME(), "seconds")
        match = F.OR(match, F.AND(F.EQ(gw.ref(Lead, "form_address"), key), F.LT(age, int(RATE_WINDOW_S))))
    rows = gw.all(Lead, formula=match, sort=["created_date"])
    known = [x for x in rows if (x.email or "").strip().lower() == form.email and not x.duplicate_of]
    recent = [x for x in rows if key and x.form_address == key and x not in known]
    if key and not known and len(recent) >= RATE_LIMIT:
        raise TooManyRequests("too many submissions from this address; try again later")
    return known


def store(ctx: JobContext, form: LeadForm, key: str | None = None) -> tuple[str, str, set[str] | None]:
    """The lead written (created, or the known one updated): ('created'|'updated', id, changed fields or
    None for a new lead). Once this returns the lead is in the base; what follows can be redone."""
    from automation.models import Lead

    gw = ctx.gateway
    known = _known(ctx, form, key)
    if known:
        lead = known[0]
        fields = known_lead_update(lead, form, ctx.today())
        gw.update(Lead, [(lead, fields)])
        return "updated", lead.id, set(fields)
    # Upsert on Email: a form sent twice at once (double click) still makes one lead.
    lead = gw.upsert(Lead, [new_lead_row(form, ctx.today(), key)], merge_on=["email"])[0]
    return "created", lead.id, None


def hold(ctx: JobContext, form: LeadForm, reasons: list[str], key: str | None = None) -> tuple[str, str]:
    """A submission that reads as spam (spam.py): kept, not worked on. One read (the address) and one write:
    a new address becomes a Lost lead whose Next Action says why and how to release it; a known lead gets the
    text in its Notes without counting as engagement. No scoring, no drafts, no run record."""
    from automation.models import Lead

    gw = ctx.gateway
    today = ctx.today()
    held = f"{HELD_NOTE}: {'; '.join(reasons)}"
    note = f"{_enquiry_note(form, today)}\n{held}"
    known = _known(ctx, form, key)
    if known:
        lead = known[0]
        gw.update(Lead, [(lead, {"notes": "\n\n".join(x for x in (lead.notes, note) if x)})])
        return "held", lead.id
    row = {**new_lead_row(form, today, key), "notes": note, "status": "Lost", "next_action": RELEASE}
    return "held", gw.upsert(Lead, [row], merge_on=["email"])[0].id


def process(ctx: JobContext, outcome: str, lead_id: str, fields: set[str] | None) -> None:
    """The lead automations on a stored lead (hygiene, duplicates, score, nurture, first touch). Raises
    when they could not finish: the lead then stays without Scored At, which the daily leads job finds."""
    from automation.events.runner import run_automations

    if outcome == "created":
        result = run_automations(ctx, "leads", [lead_id], None, created=[lead_id])
    else:
        result = run_automations(ctx, "leads", [lead_id], {lead_id: fields or set()})
    if result.failed:
        raise RuntimeError(f"lead automations failed on {sorted(result.failed)}")
