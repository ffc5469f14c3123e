"""Strangers cost the base nothing: forged pings for webhooks this deployment does not know are refused
without an Airtable call, and the health endpoint anyone may call asks Airtable at most every 30 s; a real
change made meanwhile is processed as usual. Counted from the local server's request log."""

from __future__ import annotations

import json
import secrets

import pytest
import requests

from automation.events.signing import airtable_mac
from tests.events import harness
from tests.events.harness import wait_for


@pytest.fixture(scope="module")
def world():
    from scripts.localbase.testing import LocalBaseServer

    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as srv:
        w = harness.World(srv, extra_env={"WEBHOOK_IDS_FRESH_S": "15"})  # production's default
        yield w
        w.close()


def _forged(world) -> tuple[bytes, str]:
    body = json.dumps(
        {"base": {"id": world.base_id}, "webhook": {"id": "ach" + secrets.token_hex(7)}, "timestamp": "x"}
    ).encode()
    return body, airtable_mac(body, secrets.token_bytes(32).hex())


def test_forged_pings__refused_without_spending_the_bases_calls(world) -> None:
    leads = world.table("Leads")
    warm = leads.create({"Name": "  Ada   Lovelace ", "Email": "ADA@Example.com "})
    tidied = leads.get
    wait_for(lambda: tidied(warm["id"])["fields"].get("Name") == "Ada Lovelace", 20, "the first lead tidied")
    world.srv.clear_requests()
    answers = [world.apps[0].ping(*_forged(world)).status_code for _ in range(50)]
    real = leads.create({"Name": "  Grace   Hopper ", "Email": "Grace@Example.com"})  # a person, meanwhile
    answers += [world.apps[0].ping(*_forged(world)).status_code for _ in range(50)]
    assert answers == [401] * 100
    wait_for(lambda: tidied(real["id"])["fields"].get("Name") == "Grace Hopper", 20, "the real lead tidied")
    reads_for_strangers = [
        r for r in world.app_requests("GET") if world.table_id("System State") in r["path"]
    ]
    # The real ping's processing reads no System State either (its secret is known); the forged ones none.
    assert len(reads_for_strangers) <= 1, reads_for_strangers


def test_health__a_hundred_checks_ask_airtable_at_most_once(world) -> None:
    world.srv.clear_requests()
    url = world.apps[0].url + "/api/health"
    answers = [requests.get(url, timeout=30) for _ in range(100)]
    assert {a.status_code for a in answers} == {200} and all(a.json()["airtable"]["ok"] for a in answers)
    assert len(world.app_requests(path_part="whoami")) <= 1
