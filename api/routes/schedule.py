"""Around the session: the satisfaction survey page and Calendly's booking webhook."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException
from fastapi.responses import HTMLResponse

from api.deps import CalendlyBody, RawBody
from automation.errors import SignatureError

router = APIRouter()
_NO_STORE = {"Cache-Control": "no-store"}


@router.get("/api/survey", response_class=HTMLResponse)
def survey_form(token: str | None = None) -> HTMLResponse:
    """The link in the survey email: shows the 1-5 question and changes nothing."""
    from automation.schedule import survey_web  # on first use (cold start)

    page = survey_web.survey_page(token, None)
    return HTMLResponse(page.html, status_code=page.status, headers=_NO_STORE)


@router.post("/api/survey", response_class=HTMLResponse)
def survey_answer(body: RawBody, token: str | None = None) -> HTMLResponse:
    """The form: records the session's Satisfaction once; a second answer is refused politely."""
    from automation.schedule import survey_web

    page = survey_web.survey_page(token, survey_web.form_values(body))
    return HTMLResponse(page.html, status_code=page.status, headers=_NO_STORE)


@router.post("/api/webhooks/calendly")
def calendly_webhook(
    body: CalendlyBody, calendly_webhook_signature: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    """Calendly invitee.created / invitee.canceled (signature verified): a session booked or cancelled."""
    from automation.schedule.calendly_web import handle_calendly  # on first use (cold start)

    try:
        return handle_calendly(body, calendly_webhook_signature)
    except SignatureError as exc:  # Calendly's guidance: a request that does not verify is a bad request
        raise HTTPException(400, str(exc)) from None
