"""A created lead with the coach's new-lead notice, over real HTTP at production pacing and claim settle:
the notice is sent once without a dedupe-key read (the lead read moments ago links no message, so no
message with its key exists: compose's `about`), and the claiming upsert creates the notice, so the claim
is held without a read-back (claim.py): Messages is not read at all."""

from __future__ import annotations

from urllib.parse import unquote_plus

import pytest

from tests.events import harness
from tests.leads.http_world import LEADS_CATALOG


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    outbox = tmp_path_factory.mktemp("outbox")
    with harness.production_paced(outbox, (*LEADS_CATALOG, "automation.reports.automations")) as w:
        w.outbox = outbox
        yield w


def test_created_lead__its_notice_is_sent_once_with_no_dedupe_key_read(world) -> None:
    world.quiet()
    lead = world.table("Leads").create({"Name": "Ola Ade", "Email": "ola@firm.example", "Title": "CEO"})
    assert world.apps[0].ping(*world.signed_ping()).status_code == 200
    mine = [m for m in world.table("Messages").all() if m["fields"].get("Lead") == [lead["id"]]]
    kinds = sorted((m["fields"]["Kind"], m["fields"]["Status"]) for m in mine)
    assert kinds == [("First Touch", "Draft"), ("New Lead Notice", "Sent")]
    messages = world.table_id("Messages")
    gets = [unquote_plus(r["query"]) for r in world.app_requests("GET", messages)]
    assert gets == []  # nothing by key, no claim read back
    assert len(world.app_requests("PATCH", messages)) == 2  # the draft and the claimed notice; then Sent
    # The lead is written before the notice is sent: the coach sees the score first.
    names = {world.table_id("Leads"): "Leads", messages: "Messages"}
    order = [f"{r['method']} {names[r['path'].rsplit('/', 1)[-1]]}" for r in world.app_requests()
             if r["path"].rsplit("/", 1)[-1] in names]  # fmt: skip
    assert order == ["GET Leads", "PATCH Messages", "PATCH Leads", "PATCH Messages"]
