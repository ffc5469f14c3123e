"""Around the session: the satisfaction survey page and Calendly's booking webhook."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.deps import RawBody
from automation.schedule import survey_web

router = APIRouter()
_NO_STORE = {"Cache-Control": "no-store"}


@router.get("/api/survey", response_class=HTMLResponse)
def survey_form(token: str | None = None) -> HTMLResponse:
    """The link in the survey email: shows the 1-5 question and changes nothing."""
    page = survey_web.survey_page(token, None)
    return HTMLResponse(page.html, status_code=page.status, headers=_NO_STORE)


@router.post("/api/survey", response_class=HTMLResponse)
def survey_answer(body: RawBody, token: str | None = None) -> HTMLResponse:
    """The form: records the session's Satisfaction once; a second answer is refused politely."""
    page = survey_web.survey_page(token, survey_web.form_values(body))
    return HTMLResponse(page.html, status_code=page.status, headers=_NO_STORE)
