"""A small local Stripe: the endpoints of the send_invoice flow with Stripe's documented object shapes,
idempotency keys honoured (the saved answer is replayed), every request recorded, faults injectable.

localstripe cannot run this flow (no finalize/send, rejects collection_method; see the platform notes),
so the tests point stripe-python at this server through STRIPE_API_BASE (StripeClient base_addresses).
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


def _unflatten(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's form encoding (metadata[airtable_id]=rec…) back to nested dicts."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = out
        for p in parts[:-1]:
            node = node.setdefault(p, {})
        node[parts[-1]] = value
    return out


class FakeStripe:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.customers: dict[str, dict[str, Any]] = {}
        self.invoices: dict[str, dict[str, Any]] = {}
        self.items: dict[str, dict[str, Any]] = {}
        self.invoice_payments: list[dict[str, Any]] = []  # listed by GET /v1/invoice_payments
        self.saved: dict[str, tuple[int, dict[str, Any]]] = {}
        self.fail: dict[str, int] = {}  # path suffix ("/finalize") -> how many 500s to answer first
        self._n = 0
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FakeStripe:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def posts(self) -> list[tuple[str, dict[str, Any], str | None]]:
        """(path, form params, Idempotency-Key) of every POST, in order, retries included."""
        return [
            (r["path"], r["params"], r["idempotency_key"]) for r in self.requests if r["method"] == "POST"
        ]

    def _id(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}_test{self._n:06d}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_DELETE(self) -> None:
                self._serve("DELETE")

            def _serve(self, method: str) -> None:
                url = urlsplit(self.path)
                path = url.path
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                params = _unflatten(parse_qsl(body or url.query, keep_blank_values=True))
                key = self.headers.get("Idempotency-Key")
                with fake._lock:
                    fake.requests.append(
                        {"method": method, "path": path, "params": params, "idempotency_key": key,
                         "auth": self.headers.get("Authorization"), "at": time.time()}
                    )  # fmt: skip
                    suffix = next((s for s in fake.fail if path.endswith(s) and fake.fail[s] > 0), None)
                    if suffix is not None:
                        fake.fail[suffix] -= 1
                        status, obj = 500, {"error": {"type": "api_error", "message": "injected failure"}}
                    elif method == "POST" and key and key in fake.saved:
                        status, obj = fake.saved[key]  # Stripe replays the first answer for a key
                    else:
                        status, obj = fake._route(method, path, params)
                        if method == "POST" and key and status < 500:
                            fake.saved[key] = (status, obj)
                data = json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", "req_fake")
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def _route(self, method: str, path: str, p: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        parts = path.strip("/").split("/")  # v1, resource, id?, action?
        if parts[:2] == ["v1", "customers"] and method == "POST" and len(parts) == 2:
            cus = {"id": self._id("cus"), "object": "customer", "email": p.get("email"),
                   "name": p.get("name"), "metadata": p.get("metadata", {}), "livemode": False}  # fmt: skip
            self.customers[cus["id"]] = cus
            return 200, cus
        if parts[:2] == ["v1", "customers"] and len(parts) == 3:
            found = self.customers.get(parts[2])
            if found is None:
                return 404, _error(f"No such customer: '{parts[2]}'", "resource_missing", "id")
            if found.get("deleted"):  # Stripe: a deleted customer is still retrieved, as a stub
                return 200, {"id": found["id"], "object": "customer", "deleted": True}
            if method == "DELETE":
                self.customers[parts[2]] = {"id": found["id"], "object": "customer", "deleted": True}
                return 200, self.customers[parts[2]]
            if method == "POST":  # an update: the fields given replace the customer's
                found.update({k: v for k, v in p.items() if k in ("email", "name", "metadata")})
            return 200, found
        if parts[:2] == ["v1", "invoice_payments"] and method == "GET" and len(parts) == 2:
            pi = (p.get("payment") or {}).get("payment_intent")
            found = [x for x in self.invoice_payments if x["payment"].get("payment_intent") == pi]
            return 200, {"object": "list", "url": "/v1/invoice_payments", "has_more": False, "data": found}
        if parts[:2] in (["v1", "invoiceitems"], ["v1", "invoices"]) and method == "POST" and len(parts) == 2:
            cus = self.customers.get(p.get("customer", ""))
            if cus is None or cus.get("deleted"):  # Stripe refuses an invoice for a customer it does not hold
                return 400, _error(f"No such customer: '{p.get('customer')}'", "resource_missing", "customer")
        if parts[:2] == ["v1", "invoiceitems"] and method == "POST":
            inv = self.invoices.get(p.get("invoice", ""))
            if inv is None or inv["status"] != "draft":
                return 400, _error("invoice must be a draft invoice")
            item = {"id": self._id("ii"), "object": "invoiceitem", "amount": int(p["amount"]),
                    "currency": p["currency"], "customer": p["customer"], "description": p.get("description"),
                    "invoice": inv["id"]}  # fmt: skip
            self.items[item["id"]] = item
            inv["lines"]["data"].append(item)
            inv["subtotal"] = inv["total"] = inv["amount_due"] = inv["total"] + item["amount"]
            return 200, item
        if parts[:2] == ["v1", "invoices"]:
            if len(parts) == 2 and method == "POST":
                inv = {"id": self._id("in"), "object": "invoice", "status": "draft",
                       "customer": p["customer"],
                       "collection_method": p.get("collection_method", "charge_automatically"),
                       "days_until_due": int(p["days_until_due"]) if "days_until_due" in p else None,
                       "auto_advance": p.get("auto_advance") == "true", "currency": p.get("currency", "usd"),
                       "description": p.get("description"), "metadata": p.get("metadata", {}),
                       "hosted_invoice_url": None, "invoice_pdf": None, "number": None,
                       "subtotal": 0, "total": 0, "amount_due": 0, "amount_paid": 0,
                       "lines": {"object": "list", "data": [], "has_more": False},
                       "status_transitions": {"finalized_at": None, "paid_at": None}}  # fmt: skip
                self.invoices[inv["id"]] = inv
                return 200, inv
            inv = self.invoices.get(parts[2]) if len(parts) > 2 else None
            if inv is None:
                return 404, _error("No such invoice")
            action = parts[3] if len(parts) > 3 else None
            if action is None and method == "GET":
                return 200, inv
            if action == "finalize":
                if inv["status"] != "draft":
                    return 400, _error("This invoice is already finalized")
                inv["status"] = "open"
                inv["number"] = f"FAKE-{len(self.invoices):04d}"
                inv["hosted_invoice_url"] = f"https://invoice.stripe.com/i/acct_fake/{inv['id']}"
                inv["status_transitions"]["finalized_at"] = int(time.time())
                return 200, inv
            if action == "send":
                if inv["status"] != "open":
                    return 400, _error("You can only send an open invoice")
                return 200, inv
            if action == "void" and method == "POST":  # Stripe: only a finalized, unpaid invoice
                if inv["status"] not in ("open", "uncollectible"):
                    return 400, _error(
                        f"You can only void an open or uncollectible invoice ({inv['status']})"
                    )
                inv["status"] = "void"
                return 200, inv
            if action is None and method == "DELETE":  # Stripe: only a draft
                if inv["status"] != "draft":
                    return 400, _error("You can only delete draft invoices")
                del self.invoices[inv["id"]]
                return 200, {"id": inv["id"], "object": "invoice", "deleted": True}
        return 404, _error(f"Unrecognized request URL ({method}: {path})")


def invoice_payment(
    invoice_id: str, payment_intent: str, amount: int, currency: str = "gbp"
) -> dict[str, Any]:
    """An InvoicePayment as the pinned API version (2026-10-28.endive) documents it: the link from a
    PaymentIntent (which a Charge or a Dispute names) to the invoice it paid."""
    return {"id": f"inpay_{payment_intent}", "object": "invoice_payment", "amount_paid": amount,
            "amount_requested": amount, "created": 1764666000, "currency": currency, "invoice": invoice_id,
            "is_default": True, "livemode": False, "status": "paid",
            "payment": {"type": "payment_intent", "payment_intent": payment_intent},
            "status_transitions": {"canceled_at": None, "paid_at": 1764666000}}  # fmt: skip


def _error(message: str, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    extra = {"code": code, "param": param} if code else {}
    return {"error": {"type": "invalid_request_error", "message": message, **extra}}
