"""A read-only HTML view at /: bases, then each table as a grid of its records."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from scripts.localbase import cells, errors
from scripts.localbase.http import ApiError, Request, Response
from scripts.localbase.query import LinkTexts

if TYPE_CHECKING:
    from scripts.localbase.server import LocalBase

MAX_ROWS = 500  # per table on the base page; the table page shows them all
_STYLE = """
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;max-width:28rem;overflow-wrap:anywhere}
th{background:#f3f3f3;text-align:left}
.type{color:#888;font-weight:normal;font-size:11px}
.id{color:#888;font-family:monospace;font-size:11px}
"""


def install(lb: LocalBase) -> None:
    """Register the viewer pages (no auth: it only runs on the developer's machine)."""
    r = lb.router

    @r.route("GET", "/")
    def index(req: Request) -> Response:
        """The bases, with their tables and record counts."""
        items = []
        for base in lb.store.list_bases():
            tables = lb.store.tables(base["id"])
            rows = (
                ", ".join(f"{escape(t.name)} ({lb.store.records.count(t.id)})" for t in tables) or "no tables"
            )
            items.append(
                f'<li><a href="/view/{quote(base["id"])}">{escape(base["name"])}</a> '
                f'<span class="id">{escape(base["id"])}</span><br>{rows}</li>'
            )
        body = "<ul>" + "".join(items) + "</ul>" if items else "<p>No bases yet.</p>"
        return _page("localbase", "<h1>localbase</h1>" + body)

    @r.route("GET", "/view/{base_id}")
    def base_page(req: Request) -> Response:
        """Every table of a base as a grid (first rows)."""
        base_id = req.params["base_id"]
        name = _base_name(lb, base_id)
        title = f'{escape(name)} <span class="id">{escape(base_id)}</span>'
        parts = [f'<p><a href="/">all bases</a></p><h1>{title}</h1>']
        for table in lb.store.tables(base_id):
            parts.append(_grid(lb, base_id, table, MAX_ROWS))
        return _page(name, "".join(parts))

    @r.route("GET", "/view/{base_id}/{table}")
    def table_page(req: Request) -> Response:
        """One table, all of its records."""
        base_id = req.params["base_id"]
        name = _base_name(lb, base_id)
        try:
            table = lb.store.get_table(base_id, req.params["table"])
        except ApiError:
            raise errors.not_found() from None
        head = f'<p><a href="/view/{quote(base_id)}">{escape(name)}</a></p>'
        return _page(f"{table.name} · {name}", head + _grid(lb, base_id, table, None))


def _base_name(lb: LocalBase, base_id: str) -> str:
    for base in lb.store.list_bases():
        if base["id"] == base_id:
            return base["name"]
    raise errors.not_found()


def _grid(lb: LocalBase, base_id: str, table: Any, limit: int | None) -> str:
    rows = lb.store.records.scan(table.id)
    links = LinkTexts(lb.store, base_id)
    shown = rows if limit is None else rows[:limit]
    head = "".join(
        f'<th>{escape(f.name)}<br><span class="type">{escape(f.type)}</span></th>' for f in table.fields
    )
    body = []
    for row in shown:
        tds = "".join(
            f"<td>{escape(cells.formatted(f, row.cells.get(f.id), links.for_field(f).get))}</td>"
            for f in table.fields
        )
        body.append(f'<tr><td class="id">{escape(row.id)}</td>{tds}</tr>')
    more = ""
    if limit is not None and len(rows) > limit:
        href = f"/view/{quote(base_id)}/{quote(table.id)}"
        more = f'<p><a href="{href}">all {len(rows)} records</a></p>'
    title = (
        f'<h2><a href="/view/{quote(base_id)}/{quote(table.id)}">{escape(table.name)}</a> ({len(rows)})</h2>'
    )
    return f"{title}<table><tr><th>id</th>{head}</tr>{''.join(body)}</table>{more}"


def _page(title: str, body: str) -> Response:
    html = (
        f"<!doctype html><html><head><meta charset=utf-8><title>{escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body>{body}</body></html>"
    )
    return Response(200, html, {"Content-Type": "text/html; charset=utf-8"})
