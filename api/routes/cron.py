"""Vercel Cron jobs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import CronAuth

router = APIRouter()


def run_job(job: str) -> dict[str, Any]:
    from automation.events.cron import run_job as run  # on first use: a cold start imports no job

    return run(job)


@router.get("/api/cron/{job}", dependencies=[CronAuth])
def cron(job: str) -> dict[str, Any]:
    """Run one job within its time budget; a duplicate delivery does no harm."""
    return run_job(job)
