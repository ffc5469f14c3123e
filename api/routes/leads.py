"""Website lead capture."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse, Response

from api.deps import LeadFormBody
from automation.leads.capture import TooManyRequests
from automation.leads.endpoints import read_form, submit_lead

router = APIRouter()

# A public form endpoint, called from the coach's website (another origin); no cookies are involved.
CORS = {"Access-Control-Allow-Origin": "*"}


def client_address(request: Request, x_real_ip: str | None, x_forwarded_for: str | None) -> str:
    """Vercel sets X-Real-IP / X-Forwarded-For to the client's address (overwriting what the client sent)."""
    if x_real_ip:
        return x_real_ip.strip()
    if x_forwarded_for:
        return x_forwarded_for.split(",")[0].strip()
    return request.client.host if request.client else "unknown"


@router.post("/api/leads", status_code=202)
def post_lead(
    request: Request,
    body: LeadFormBody,
    content_type: Annotated[str, Header()] = "",
    x_real_ip: Annotated[str | None, Header()] = None,
    x_forwarded_for: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    """A lead from the website form (JSON or urlencoded): validated, deduped by email, scored at once."""
    address = client_address(request, x_real_ip, x_forwarded_for)
    try:
        result = submit_lead(read_form(content_type, body), address)
    except TooManyRequests as exc:
        headers = {**CORS, "Retry-After": str(exc.retry_after_s)}
        return JSONResponse({"error": str(exc)}, status_code=429, headers=headers)
    return JSONResponse(result, status_code=202, headers=CORS)


@router.options("/api/leads")
def lead_preflight() -> Response:
    """CORS preflight for a fetch() from the website."""
    headers = {
        **CORS,
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type",
    }
    return Response(status_code=204, headers=headers)
