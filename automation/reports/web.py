"""The dashboard and associate pages behind their signed links: 401 without a token, 403 with a wrong one
or with a token for another page."""

from __future__ import annotations

from dataclasses import dataclass

from automation.reports.links import verify


@dataclass(frozen=True)
class Page:
    status: int
    html: str


def _refused(status: int, why: str) -> Page:
    return Page(status, f"<!DOCTYPE html><html><body><h1>{status}</h1><p>{why}</p></body></html>")


def serve(page: str, token: str | None, charts: bool = True) -> Page:
    """page: "dashboard" or "associate"."""
    from automation.events.context import make_context
    from automation.events.settings_env import config

    if not token:
        return _refused(401, "This page needs its link (a token).")
    cfg = config()
    secret = cfg.app_secret.get_secret_value() if cfg.app_secret else None
    access = verify(secret, token)
    if access is None or access.kind != page:
        return _refused(403, "This link does not open this page.")
    ctx = make_context("Manual", f"{page}-page", cfg.trigger_budget_s)
    try:
        from automation.reports.pages import associate_html, dashboard_html

        if access.kind == "dashboard":
            return Page(200, dashboard_html(ctx, charts=charts))
        html = associate_html(ctx, access.associate_id or "")
        return Page(200, html) if html is not None else _refused(403, "This associate is not in the base.")
    finally:
        ctx.run.close()
