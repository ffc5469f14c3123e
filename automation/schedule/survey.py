"""The satisfaction survey: which Completed sessions get it this morning, the email, and the answer.

Asked the morning after the session (business time zone), up to `survey_lookback_days` back, once per session
(dedupe key), never to a client who opted out of email or is Paused or Churned; answered once through a
signed link. A client gets one survey a morning, about her latest session: two sessions the same day (or a
morning the job did not run) do not make two emails, and a session older than one she was already asked
about is not asked after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from automation.messages import Draft
from automation.messages.render import first_name
from automation.models import Client, Session
from automation.schedule.survey_token import make_token, survey_url
from automation.schedule.times import own_zone
from automation.settings import BusinessSettings
from automation.text import date_text, month_first_zone


def survey_key(session_id: str) -> str:
    """The dedupe key of a session's survey: one per session, and how it is found again."""
    return f"{session_id}:survey"


def wants_survey(session: Session, today: date, settings: BusinessSettings, tz: ZoneInfo) -> bool:
    if session.status != "Completed" or session.session_date is None or session.satisfaction:
        return False
    day = session.session_date.astimezone(tz).date()
    return today - timedelta(days=settings.schedule.survey_lookback_days) <= day < today


def one_per_client(wanted: list[Session], asked: list[Session]) -> list[Session]:
    """Of the sessions that want a survey, each client's latest, unless she was asked about one as
    late or later (`asked`: her sessions already surveyed). Sessions without a client are kept."""

    def when(s: Session) -> datetime:
        return s.session_date or datetime.min.replace(tzinfo=UTC)

    latest_asked: dict[str, datetime] = {}
    for s in asked:
        for c in s.client:
            latest_asked[c] = max(latest_asked.get(c, when(s)), when(s))
    out: list[Session] = []
    chosen: set[str] = set()
    for s in sorted(wanted, key=when, reverse=True):
        clients = set(s.client)
        if clients & chosen or any(when(s) <= latest_asked[c] for c in clients if c in latest_asked):
            continue
        chosen |= clients
        out.append(s)
    return sorted(out, key=when)


def session_day(session: Session, tz: ZoneInfo) -> str:
    """The day of the session asked about, on `tz`'s clock and in its order: "Tuesday 1 December", or
    "Tuesday, December 1" in the US and Canada; blank without a date. The email and the page say it so."""
    if session.session_date is None:
        return ""
    return date_text(session.session_date.astimezone(tz), month_first_zone(tz.key), long=True, year=False)


def survey_draft(
    session: Session,
    client: Client,
    settings: BusinessSettings,
    *,
    app_secret: str | None,
    public_base_url: str,
    today: date,
    send_after: datetime | None,
    signed_by: str | None = None,
) -> Draft:
    """`signed_by`: the associate who ran the session (`reminder_emails.signer`); the coach signs when
    None. The email speaks of "our session" and "helps me": it is from the one who was there."""
    expires = today + timedelta(days=settings.schedule.survey_valid_days)
    url = survey_url(public_base_url, make_token(app_secret, session.id, expires))
    first = first_name(client.name)
    # The day she had it on her own clock (her Time Zone), else the business's.
    tz = ZoneInfo(own_zone(client.time_zone) or settings.general.time_zone)
    when = session_day(session, tz) or "our session"
    return Draft(
        kind="Satisfaction Survey",
        channel="Email",
        recipient=(client.email or "").strip(),
        recipient_name=client.name,
        subject="One question about our session",
        template="letter",
        data={
            "greeting": f"Hi {first}," if first else "Hello,",
            "body": f"How useful was our session on {when}? One click on a scale of 1 to 5 (and a comment "
            "if you like) helps me make the next one better.",
            "button": {"label": "Rate the session", "url": url},
            "signoff": "Thank you,",
            **({"signature": signed_by} if signed_by else {}),
        },
        links={"client": client.id, "session": session.id},
        dedupe_key=survey_key(session.id),
        send_after=send_after,
    )


@dataclass(frozen=True)
class Answer:
    rating: int
    comment: str | None


class BadAnswer(ValueError):
    """The form did not carry a rating from 1 to 5 (or the comment is too long)."""


def parse_answer(rating: str | None, comment: str | None) -> Answer:
    try:
        value = int((rating or "").strip())
    except ValueError as exc:
        raise BadAnswer("choose a rating from 1 to 5") from exc
    if not 1 <= value <= 5:
        raise BadAnswer("choose a rating from 1 to 5")
    text = (comment or "").strip()
    if len(text) > 2000:
        raise BadAnswer("the comment is longer than 2,000 characters")
    return Answer(value, text or None)
