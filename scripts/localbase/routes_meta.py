"""Meta API routes: whoami, bases, base schema, tables and fields (reference §2)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scripts.localbase import errors
from scripts.localbase.http import Request

if TYPE_CHECKING:
    from scripts.localbase.server import LocalBase

BASES_PER_PAGE = 1000  # Airtable's page size for list bases
SCOPES = [
    "data.records:read",
    "data.records:write",
    "schema.bases:read",
    "schema.bases:write",
    "webhook:manage",
    "user.email:read",
]


def install(lb: LocalBase) -> None:
    """Register the meta routes on the LocalBase's router."""
    store, r = lb.store, lb.router

    @r.route("GET", "/v0/meta/whoami")
    def whoami(req: Request) -> dict[str, Any]:
        """The token's user: a stable ``usr…`` id per token."""
        assert req.user is not None
        return {"id": req.user.id, "email": req.user.email, "scopes": SCOPES}

    @r.route("GET", "/v0/meta/bases")
    def list_bases(req: Request) -> dict[str, Any]:
        """Every base, 1000 per page, ``offset`` for the next page."""
        bases = store.list_bases()
        start = 0
        if req.q("offset"):
            ids = [b["id"] for b in bases]
            if req.q("offset") not in ids:
                raise errors.iterator_not_available()
            start = ids.index(req.q("offset"))  # type: ignore[arg-type]
        page = bases[start : start + BASES_PER_PAGE]
        out: dict[str, Any] = {"bases": [{**b, "permissionLevel": "create"} for b in page]}
        if start + BASES_PER_PAGE < len(bases):
            out["offset"] = bases[start + BASES_PER_PAGE]["id"]
        return out

    @r.route("POST", "/v0/meta/bases")
    def create_base(req: Request) -> dict[str, Any]:
        """A base with its tables (``{"name", "workspaceId", "tables"}``)."""
        body = _body(req)
        if not isinstance(body.get("workspaceId"), str) or not body["workspaceId"]:
            raise errors.invalid_request("workspaceId is required")
        tables = body.get("tables")
        if not isinstance(tables, list) or not tables:
            raise errors.invalid_request("A base needs at least one table")
        base_id, infos = store.create_base(body.get("name"), tables, req.user)
        return {"id": base_id, "tables": [t.as_dict() for t in infos]}

    @r.route("GET", "/v0/meta/bases/{base_id}/tables")
    def schema(req: Request) -> dict[str, Any]:
        """Tables with fields and views (``visibleFieldIds`` with ``include=visibleFieldIds``)."""
        visible = "visibleFieldIds" in req.query.get("include", []) + req.query.get("include[]", [])
        return {"tables": [t.as_dict(visible) for t in store.tables(req.params["base_id"])]}

    @r.route("POST", "/v0/meta/bases/{base_id}/tables")
    def create_table(req: Request) -> dict[str, Any]:
        """A table; the first field is its primary field."""
        return store.create_table(req.params["base_id"], _body(req), req.user).as_dict()

    @r.route("PATCH", "/v0/meta/bases/{base_id}/tables/{table}")
    def update_table(req: Request) -> dict[str, Any]:
        """Rename a table or change its description."""
        return store.update_table(req.params["base_id"], req.params["table"], _body(req), req.user).as_dict()

    @r.route("POST", "/v0/meta/bases/{base_id}/tables/{table}/fields")
    def create_field(req: Request) -> dict[str, Any]:
        """A field (a link field also creates its inverse on the linked table)."""
        body = _body(req)
        return store.create_field(req.params["base_id"], req.params["table"], body, req.user).as_dict()

    @r.route("PATCH", "/v0/meta/bases/{base_id}/tables/{table}/fields/{field_id}")
    def update_field(req: Request) -> dict[str, Any]:
        """Change a field's name, description or options."""
        p = req.params
        return store.update_field(p["base_id"], p["table"], p["field_id"], _body(req), req.user).as_dict()


def _body(req: Request) -> dict[str, Any]:
    body = req.json()
    if not isinstance(body, dict):
        raise errors.invalid_request()
    return body
