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
        return (
            Page(200, html)
            if html is not None
            else _refused(
                403,
                "This link no longer opens a page: the associate is not in the base, or no longer active.",
            )
        )
    finally:
        ctx.run.close()


def serve_chart(name: str, token: str | None) -> tuple[int, bytes, str]:
    """One of the weekly report's charts as PNG, drawn now: (status, body, content type)."""
    from automation.events.context import make_context
    from automation.events.settings_env import config

    if not token:
        return 401, b"a token is needed", "text/plain"
    cfg = config()
    secret = cfg.app_secret.get_secret_value() if cfg.app_secret else None
    access = verify(secret, token)
    if access is None or access.kind not in ("chart", "dashboard"):
        return 403, b"this link does not open charts", "text/plain"
    ctx = make_context("Manual", "report-chart", cfg.trigger_budget_s)
    try:
        from automation.reports.automations import read_weekly_inputs, weekly_claims
        from automation.reports.charts import bar_png, slug

        claims = {slug(c.title): c for c in weekly_claims(ctx, read_weekly_inputs(ctx)) if c.chart}
        claim = claims.get(name)
        if claim is None:
            return 404, b"no such chart", "text/plain"
        return 200, bar_png(claim.title, claim.chart, [claim.shown(v) for _, v in claim.chart]), "image/png"
    finally:
        ctx.run.close()
