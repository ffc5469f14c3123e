"""Health."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

router = APIRouter()


@router.get("/api/health")
def health() -> dict[str, Any]:
    """Which integrations are configured (names, never values) and whether Airtable answers."""
    from automation.events.health import health_report  # on first use (cold start)

    return health_report()
