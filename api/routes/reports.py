"""Reports: the coach's dashboard and each associate's page (signed links)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

router = APIRouter()
_HEADERS = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer"}


@router.get("/api/dashboard", response_class=HTMLResponse)
def dashboard(token: str | None = None) -> HTMLResponse:
    """The weekly figures and today's brief, with charts; the coach's signed link."""
    from automation.reports.web import serve  # on first use (cold start)

    page = serve("dashboard", token)
    return HTMLResponse(page.html, status_code=page.status, headers=_HEADERS)


@router.get("/api/associate", response_class=HTMLResponse)
def associate(token: str | None = None) -> HTMLResponse:
    """One associate's clients, upcoming sessions and open action items; that associate's signed link."""
    from automation.reports.web import serve

    page = serve("associate", token)
    return HTMLResponse(page.html, status_code=page.status, headers=_HEADERS)


@router.get("/api/dashboard/chart")
def chart(name: str = "", token: str | None = None) -> Response:
    """One weekly-report chart as PNG (the weekly email's images); the chart link or the dashboard's."""
    from automation.reports.web import serve_chart

    status, body, kind = serve_chart(name, token)
    return Response(body, status_code=status, media_type=kind, headers=_HEADERS)
