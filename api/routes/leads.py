"""Website lead capture."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse, Response

from api.deps import LeadFormBody

router = APIRouter()

# A public form endpoint, called from the coach's website (another origin); no cookies are involved.
CORS = {"Access-Control-Allow-Origin": "*"}


def client_address(request: Request, source: str) -> str:
    """The client's address as the platform vouches for it (CLIENT_IP_SOURCE); a header the client could
    set itself is never trusted where no proxy overwrites it."""
    headers = request.headers
    if source == "vercel":  # Vercel sets these from the connection, overwriting what the client sent
        for name in ("x-real-ip", "x-vercel-forwarded-for", "x-forwarded-for"):
            if headers.get(name):
                return headers[name].split(",")[0].strip()
    elif source == "aws":  # API Gateway through Mangum: the request context, not the client's headers
        context = (request.scope.get("aws.event") or {}).get("requestContext") or {}
        ip = (context.get("http") or {}).get("sourceIp") or (context.get("identity") or {}).get("sourceIp")
        if isinstance(ip, str) and ip:
            return ip
    return request.client.host if request.client else "unknown"


@router.post("/api/leads", status_code=202)
def post_lead(
    request: Request,
    body: LeadFormBody,
    content_type: Annotated[str, Header()] = "",
) -> JSONResponse:
    """A lead from the website form (JSON or urlencoded): validated, deduped by email, scored at once."""
    from automation.events.settings_env import config
    from automation.leads.capture import TooManyRequests  # on first use (cold start)
    from automation.leads.endpoints import read_form, submit_lead

    address = client_address(request, config().client_ip_source)
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
