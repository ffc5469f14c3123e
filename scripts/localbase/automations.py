"""Airtable Automations, simulated: "When a record matches conditions" → "Run a script" that POSTs the record
id to a URL. This is what a coach builds by hand in the base (README: the manual setup checklist); the local
server lets tests, the demo and the benchmarks run the same path.

Airtable's trigger fires when a record *starts* matching its conditions: created matching, or changed from
not matching to matching, whatever made the change (the UI, the API, a form, another automation). A record
that keeps matching does not fire again; one that leaves and comes back does. The action runs after the
commit, on its own thread (automations run concurrently, in no promised order). Its `fetch` sends
`{"recordId": "rec…"}` as JSON with the rule's headers and gives up after 30 s. Every run is kept (record,
status, answer) so tests can see what the script saw.

Conditions modelled: a field "is" or "is not" a value (a single select's choice name, a text, a number, a
checkbox's true); "is not" also holds for an empty cell, as in Airtable. Every condition must hold.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from typing import Any

from scripts.localbase.ids import new_id

TIMEOUT_S = 30.0
MAX_RUNS_KEPT = 1000
# Straight to the receiver: an http_proxy in the environment must not reroute 127.0.0.1.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class AutomationError(ValueError):
    """A rule the server cannot take (unknown table or field, a bad URL)."""


OPS = ("is", "is not")


@dataclass(frozen=True)
class Condition:
    field_id: str
    op: str  # "is" | "is not" (as Airtable's condition menu says it; "is not" also matches an empty cell)
    value: Any

    def holds(self, cells: dict[str, Any]) -> bool:
        value = cells.get(self.field_id)
        if isinstance(value, dict) and "name" in value:  # a select's choice, as the store keeps it
            value = value["name"]
        return (value == self.value) == (self.op == "is")


@dataclass(frozen=True)
class Rule:
    """When a record of `table_id` comes to meet every condition, POST its id to `url`."""

    id: str
    base_id: str
    table_id: str
    conditions: tuple[Condition, ...]
    url: str
    headers: dict[str, str] = field(default_factory=dict)

    def matches(self, cells: dict[str, Any]) -> bool:
        return all(c.holds(cells) for c in self.conditions)

    def as_api(self) -> dict[str, Any]:
        out = asdict(self)
        out["headers"] = sorted(out["headers"])  # names only: a header may carry a secret
        return out


@dataclass
class AutomationRun:
    rule_id: str
    record_id: str
    status: int | None = None  # None: in flight or unreachable (then `error` says why)
    answer: str = ""
    error: str | None = None
    duration_ms: float = 0.0


class Automations:
    """The rules of every base, and their runs; subscribed to the store's commits."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._rules: list[Rule] = []
        self._runs: list[AutomationRun] = []
        self._in_flight = 0
        self._closed = False

    # ---- rules ----
    def add(
        self,
        base_id: str,
        table: str,
        conditions: list[tuple[str, str, Any]],
        url: str,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """A rule; `table` and each condition's field by name or id, every condition (field, "is" or
        "is not", value) must hold. Raises AutomationError with the reason."""
        if not (isinstance(url, str) and url.startswith(("http://", "https://"))):
            raise AutomationError("url must be an http(s) URL")
        if headers is not None and not (
            isinstance(headers, dict) and all(isinstance(v, str) for v in headers.values())
        ):
            raise AutomationError("headers must be an object of strings")
        try:
            info = self.store.get_table(base_id, table)
        except Exception:
            raise AutomationError(f"no table {table!r} in base {base_id}") from None
        if not conditions:
            raise AutomationError("at least one condition")
        made = []
        for field_name, op, value in conditions:
            found = next((f for f in info.fields if field_name in (f.id, f.name)), None)
            if found is None:
                raise AutomationError(f"no field {field_name!r} in table {info.name!r}")
            if op not in OPS:
                raise AutomationError(f"condition {op!r}: one of {', '.join(OPS)}")
            made.append(Condition(found.id, op, value))
        rule = Rule(new_id("atm"), base_id, info.id, tuple(made), url, dict(headers or {}))
        with self._lock:
            self._rules.append(rule)
        return rule.as_api()

    def listing(self) -> dict[str, Any]:
        with self._lock:
            return {"rules": [r.as_api() for r in self._rules], "runs": [asdict(r) for r in self._runs]}

    def runs(self) -> list[AutomationRun]:
        with self._lock:
            return list(self._runs)

    def idle(self) -> bool:
        """No script running: for tests and benchmarks."""
        with self._lock:
            return self._in_flight == 0

    def reset(self) -> None:
        with self._lock:
            self._rules.clear()
            self._runs.clear()

    def close(self) -> None:
        self._closed = True

    # ---- the store's commit subscription ----
    def on_commit(self, tx: Any) -> None:
        """Start a run for every record this transaction brought into a rule's conditions."""
        with self._lock:
            rules = [r for r in self._rules if r.base_id == tx.base_id]
        if not rules or self._closed:
            return
        for change in tx.records:
            if change.kind == "destroyed":
                continue
            for rule in rules:
                if change.table_id != rule.table_id or not rule.matches(change.after):
                    continue
                if change.kind == "changed" and rule.matches(change.before):
                    continue  # it already matched: Airtable does not fire again
                self._start(rule, change.record_id)

    def _start(self, rule: Rule, record_id: str) -> None:
        run = AutomationRun(rule.id, record_id)
        with self._lock:
            self._runs.append(run)
            del self._runs[:-MAX_RUNS_KEPT]
            self._in_flight += 1
        threading.Thread(target=self._run, args=(rule, run), name="localbase-automation", daemon=True).start()

    def _run(self, rule: Rule, run: AutomationRun) -> None:
        body = json.dumps({"recordId": run.record_id}).encode()
        request = urllib.request.Request(
            rule.url, data=body, method="POST", headers={"Content-Type": "application/json", **rule.headers}
        )
        start = time.perf_counter()
        try:
            with _OPENER.open(request, timeout=TIMEOUT_S) as resp:
                run.status, run.answer = resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            run.status, run.answer = exc.code, exc.read().decode("utf-8", "replace")
        except Exception as exc:  # unreachable, timed out: the script run fails, as in Airtable
            run.error = f"{type(exc).__name__}: {exc}"
        finally:
            run.duration_ms = round((time.perf_counter() - start) * 1000, 1)
            with self._lock:
                self._in_flight -= 1


def install(localbase: Any) -> Automations:
    """Subscribe to commits and register the admin routes under /_local/."""
    from scripts.localbase import errors

    automations = Automations(localbase.store)
    localbase.store.subscribe(automations.on_commit)
    r = localbase.router

    @r.route("POST", "/_local/bases/{base_id}/automations")
    def add(req: Any) -> dict[str, Any]:
        """A rule: `{"table", "conditions": [{"field", "op", "value"}], "url", "headers"?}`."""
        body = req.json()
        shape = 'Send {"table", "conditions": [{"field", "op": "is" | "is not", "value"}], "url", "headers"?}'
        if not isinstance(body, dict) or not {"table", "conditions", "url"} <= set(body):
            raise errors.invalid_request(shape)
        conditions = body["conditions"]
        if not isinstance(conditions, list) or not all(
            isinstance(c, dict) and {"field", "op", "value"} <= set(c) for c in conditions
        ):
            raise errors.invalid_request(shape)
        try:
            return automations.add(
                req.params["base_id"], body["table"], [(c["field"], c["op"], c["value"]) for c in conditions],
                body["url"], body.get("headers"),
            )  # fmt: skip
        except AutomationError as exc:
            raise errors.invalid_request(str(exc)) from None

    @r.route("GET", "/_local/automations")
    def listing(req: Any) -> dict[str, Any]:
        """Every rule (header names only) and every run: record, status, answer, error."""
        return automations.listing()

    return automations
