"""Simulated Airtable Automations ("when a record matches conditions" → a script POSTs its id), over HTTP.

Airtable fires when a record starts matching: created matching, or changed into the condition; a record that
stays matching does not fire again, one that leaves and comes back does. Changes through the API count.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests

from scripts.localbase.testing import LocalBaseServer
from tests.localbase.test_webhooks_delivery import Receiver, wait_for

FIELDS = [
    {"name": "Name", "type": "singleLineText"},
    {"name": "Token", "type": "singleLineText"},
    {
        "name": "Status",
        "type": "singleSelect",
        "options": {"choices": [{"name": "Draft"}, {"name": "Approved"}, {"name": "Sent"}]},
    },
]


@pytest.fixture
def srv() -> Iterator[LocalBaseServer]:
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as server:
        yield server


def posted(receiver: Receiver) -> list[str]:
    return [json.loads(p.body)["recordId"] for p in receiver.pings]


def test_a_record_coming_to_match_posts_its_id_once_with_the_headers(srv: LocalBaseServer) -> None:
    base_id = srv.create_base("Coaching", tables=[{"name": "Messages", "fields": FIELDS}])
    table = srv.api().table(base_id, "Messages")
    with Receiver(status=200) as receiver:
        srv.add_automation(
            base_id,
            "Messages",
            [("Status", "is", "Approved"), ("Token", "is not", "queued")],
            receiver.url,
            {"X-Trigger-Secret": "s3"},
        )
        draft = table.create({"Name": "a", "Status": "Draft"})["id"]
        born_approved = table.create({"Name": "b", "Status": "Approved"})["id"]
        queued = table.create({"Name": "c", "Status": "Approved", "Token": "queued"})["id"]  # no run
        table.update(draft, {"Status": "Approved"})
        table.update(draft, {"Name": "a, edited"})  # still Approved: no second run
        wait_for(lambda: len(srv.automation_runs()) == 2 and srv.lb.automations.idle(), what="two runs")
        assert sorted(posted(receiver)) == sorted([born_approved, draft])
        assert {p.headers["x-trigger-secret"] for p in receiver.pings} == {"s3"}
        assert {p.headers["content-type"] for p in receiver.pings} == {"application/json"}

        table.update(draft, {"Status": "Sent"})  # leaves the condition...
        table.update(draft, {"Status": "Approved"})  # ...and comes back: fires again
        wait_for(lambda: receiver.count() == 3, what="the third run")
        assert posted(receiver)[-1] == draft
        table.update(queued, {"Token": None})  # the other condition comes to hold
        wait_for(lambda: receiver.count() == 4, what="the fourth run")
        assert posted(receiver)[-1] == queued
        wait_for(srv.lb.automations.idle, what="idle")
        assert [r.status for r in srv.automation_runs()] == [200, 200, 200, 200]


def test_a_failing_script_is_recorded_and_nothing_else_changes(srv: LocalBaseServer) -> None:
    base_id = srv.create_base("Coaching", tables=[{"name": "Messages", "fields": FIELDS}])
    table = srv.api().table(base_id, "Messages")
    with Receiver(status=500) as receiver:
        srv.add_automation(base_id, "Messages", [("Status", "is", "Approved")], receiver.url)
        rec = table.create({"Name": "a", "Status": "Approved"})["id"]
        wait_for(lambda: srv.automation_runs() and srv.lb.automations.idle(), what="the run")
    (run,) = srv.automation_runs()
    assert (run.record_id, run.status) == (rec, 500)
    assert table.get(rec)["fields"]["Status"] == "Approved"


def test_rules_are_checked_and_added_over_the_admin_route(srv: LocalBaseServer) -> None:
    base_id = srv.create_base("Coaching", tables=[{"name": "Messages", "fields": FIELDS}])
    url = f"{srv.url}/_local/bases/{base_id}/automations"

    def rule(table: str, field: str, op: str = "is") -> dict:
        return {"table": table, "conditions": [{"field": field, "op": op, "value": "x"}], "url": "http://h/"}

    bad = requests.post(url, json=rule("Messages", "Nope"))
    assert bad.status_code == 422 and "Nope" in bad.text
    no_table = requests.post(url, json=rule("Deals", "Status"))
    assert no_table.status_code == 422 and "Deals" in no_table.text
    bad_op = requests.post(url, json=rule("Messages", "Status", "contains"))
    assert bad_op.status_code == 422 and "contains" in bad_op.text
    with Receiver(status=200) as receiver:
        ok = requests.post(
            url,
            json={
                "table": "Messages",
                "conditions": [{"field": "Status", "op": "is", "value": "Approved"}],
                "url": receiver.url,
                "headers": {"X-Trigger-Secret": "s3"},
            },
        )
        assert ok.status_code == 200, ok.text
        listed = requests.get(f"{srv.url}/_local/automations").json()
        assert listed["rules"][0]["headers"] == ["X-Trigger-Secret"]  # names only, never the secret
        rec = srv.api().table(base_id, "Messages").create({"Status": "Approved"})["id"]
        wait_for(lambda: receiver.count() == 1, what="the run")
        assert posted(receiver) == [rec]
    srv.reset()
    assert requests.get(f"{srv.url}/_local/automations").json() == {"rules": [], "runs": []}
