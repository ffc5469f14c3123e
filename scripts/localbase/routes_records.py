"""Records API routes: list, get, create, update, upsert, delete (reference §1)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scripts.localbase import errors, query
from scripts.localbase.http import FormSubmission, Request
from scripts.localbase.ids import is_id
from scripts.localbase.model import Row, TableInfo

if TYPE_CHECKING:
    from scripts.localbase.server import LocalBase

MAX_PER_WRITE = 10  # Airtable accepts at most 10 records per create/update/delete request.
TABLE = "/v0/{base_id}/{table}"
RECORD = "/v0/{base_id}/{table}/{record_id}"
RESERVED = {"meta", "bases"}  # first path segments of the meta and webhooks APIs


def install(lb: LocalBase) -> None:
    """Register the records routes on the LocalBase's router."""
    store, r = lb.store, lb.router

    def table_of(req: Request) -> TableInfo:
        if req.params["base_id"] in RESERVED:
            raise errors.not_found()  # /v0/meta/… and /v0/bases/… paths no route knows
        return store.get_table(req.params["base_id"], req.params["table"])

    @r.route("GET", TABLE)
    def list_get(req: Request) -> dict[str, Any]:
        """List records with query-string parameters."""
        table = table_of(req)
        return query.list_records(store, table, query.params_from_query(req.query), lb.clock.now())

    @r.route("POST", TABLE + "/listRecords")
    def list_post(req: Request) -> dict[str, Any]:
        """List records with the parameters in a JSON body (for URLs over 16k characters)."""
        table = table_of(req)
        return query.list_records(store, table, query.params_from_body(req.json(), req.query), lb.clock.now())

    @r.route("GET", RECORD)
    def get_one(req: Request) -> dict[str, Any]:
        """One record; empty fields left out."""
        table = table_of(req)
        row = store.records.get(table.id, req.params["record_id"])
        if row is None:
            raise errors.not_found()
        p = query.params_from_query({k: v for k, v in req.query.items() if k != "fields[]"})
        query.check_cell_format(p)
        return query.record_json(
            table,
            row,
            by_id=p.by_field_id,
            cell_format=p.cell_format,
            links=query.LinkTexts(store, table.base_id),
        )

    @r.route("POST", TABLE)
    def create(req: Request) -> dict[str, Any]:
        """Create one record (``{"fields"}``) or up to 10 (``{"records": [...]}``)."""
        table, body = table_of(req), _body(req)
        typecast, by_id = _flag(body, "typecast"), _flag(body, "returnFieldsByFieldId")
        author = _author(req)
        if "records" in body:
            items = _records(body["records"], "create")
            for item in items:
                if not isinstance(item.get("fields"), dict):
                    raise errors.invalid_records("create")
            rows = store.records.create(table.base_id, table, [i["fields"] for i in items], typecast, author)
            return {"records": [_out(table, row, by_id) for row in rows]}
        if not isinstance(body.get("fields"), dict):
            raise errors.missing_fields()
        row = store.records.create(table.base_id, table, [body["fields"]], typecast, author)[0]
        return _out(table, row, by_id)

    def update_many(req: Request, replace: bool) -> dict[str, Any]:
        table, body = table_of(req), _body(req)
        typecast, by_id = _flag(body, "typecast"), _flag(body, "returnFieldsByFieldId")
        items = _records(body.get("records"), "update")
        upsert = body.get("performUpsert")
        if upsert is not None:
            merge_on = upsert.get("fieldsToMergeOn") if isinstance(upsert, dict) else None
            if not isinstance(merge_on, list) or not 1 <= len(merge_on) <= 3:
                raise errors.invalid_request("performUpsert.fieldsToMergeOn must list 1 to 3 fields")
            for item in items:
                if not isinstance(item.get("fields"), dict):
                    raise errors.invalid_records("update")
            rows, created, updated = store.records.upsert(
                table.base_id, table, items, merge_on, replace, typecast, req.user
            )
            return {
                "createdRecords": created,
                "updatedRecords": updated,
                "records": [_out(table, row, by_id) for row in rows],
            }
        for item in items:
            if not isinstance(item.get("id"), str) or not isinstance(item.get("fields"), dict):
                raise errors.invalid_records("update")
        pairs = [(i["id"], i["fields"]) for i in items]
        rows = store.records.update(table.base_id, table, pairs, replace, typecast, req.user)
        return {"records": [_out(table, row, by_id) for row in rows]}

    def update_one(req: Request, replace: bool) -> dict[str, Any]:
        table, body = table_of(req), _body(req)
        record_id = req.params["record_id"]
        if not is_id(record_id, "rec") or store.records.get(table.id, record_id) is None:
            raise errors.not_found()
        if not isinstance(body.get("fields"), dict):
            raise errors.missing_fields()
        typecast, by_id = _flag(body, "typecast"), _flag(body, "returnFieldsByFieldId")
        row = store.records.update(
            table.base_id, table, [(record_id, body["fields"])], replace, typecast, req.user
        )
        return _out(table, row[0], by_id)

    r.add("PATCH", TABLE, lambda req: update_many(req, replace=False))
    r.add("PUT", TABLE, lambda req: update_many(req, replace=True))
    r.add("PATCH", RECORD, lambda req: update_one(req, replace=False))
    r.add("PUT", RECORD, lambda req: update_one(req, replace=True))

    @r.route("DELETE", TABLE)
    def delete_many(req: Request) -> dict[str, Any]:
        """Delete up to 10 records named by ``records[]=rec…``."""
        table = table_of(req)
        ids = req.query.get("records[]") or req.query.get("records") or []
        if not ids or len(ids) > MAX_PER_WRITE:
            raise errors.invalid_records("delete")
        _require(store, table, ids)
        store.records.delete(table.base_id, table, ids, req.user)
        return {"records": [{"id": rid, "deleted": True} for rid in ids]}

    @r.route("DELETE", RECORD)
    def delete_one(req: Request) -> dict[str, Any]:
        """Delete one record."""
        table = table_of(req)
        record_id = req.params["record_id"]
        _require(store, table, [record_id])
        store.records.delete(table.base_id, table, [record_id], req.user)
        return {"id": record_id, "deleted": True}


def _author(req: Request) -> Any:
    """Who a create is published as: the token's user, or a form submission (``X-Localbase-Form``)."""
    view = req.headers.get("x-localbase-form")
    if view is None:
        return req.user
    if not is_id(view, "viw"):
        raise errors.invalid_request("X-Localbase-Form must be a view id (viw…)")
    return FormSubmission(view)


def _body(req: Request) -> dict[str, Any]:
    body = req.json()
    if not isinstance(body, dict):
        raise errors.invalid_request()
    return body


def _flag(body: dict[str, Any], name: str) -> bool:
    value = body.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise errors.invalid_request(f"{name} must be a boolean")
    return value


def _records(value: Any, kind: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not value or len(value) > MAX_PER_WRITE:
        raise errors.invalid_records(kind)
    if not all(isinstance(item, dict) for item in value):
        raise errors.invalid_records(kind)
    return value


def _require(store: Any, table: TableInfo, ids: list[str]) -> None:
    found = store.records.fetch([i for i in ids if is_id(i, "rec")], table.id)
    if any(i not in found for i in ids):
        raise errors.not_found()


def _out(table: TableInfo, row: Row, by_id: bool) -> dict[str, Any]:
    return query.record_json(table, row, by_id=by_id)
