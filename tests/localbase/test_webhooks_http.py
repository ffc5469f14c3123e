"""Webhooks end to end: pyairtable -> HTTP -> local server -> signed ping to a real receiver -> payloads.

Each test polls with a deadline for asynchronous effects (pings, disabling); none asserts how long they take.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from pyairtable import Api, Base, Table
from pyairtable.models.webhook import Webhook, WebhookNotification

from scripts.localbase.testing import LocalBaseServer
from tests.localbase.test_webhooks_delivery import Receiver, wait_for
from tests.localbase.test_webhooks_units import assert_shape, sample

DAY = 24 * 3600


@dataclass
class World:
    """A base with Leads (Name, Score, Stage, Notes) and Deals (Title, Lead -> Leads); pyairtable on it."""

    srv: LocalBaseServer
    api: Api
    base: Base
    leads: Table
    deals: Table
    f: dict[str, str]  # "Name" / "Score" / "Stage" / "Notes" / "Title" / "Lead" / "Deals" -> field id
    choices: dict[str, dict[str, Any]]  # Stage choice name -> V2 value
    user_id: str

    def add_hook(self, url: str | None, includes: dict | None = None, **filters: Any) -> tuple[Webhook, str]:
        """A webhook and its MAC secret."""
        options: dict[str, Any] = {"filters": {"dataTypes": ["tableData"], **filters}}
        if includes:
            options["includes"] = includes
        created = self.base.add_webhook(url, {"options": options})  # type: ignore[arg-type]
        return self.base.webhook(created.id), created.mac_secret_base64

    def post(self, path: str, json: Any) -> requests.Response:
        return requests.post(
            f"{self.srv.url}/v0/bases/{self.base.id}/{path}", json=json, headers=self.auth, timeout=10
        )

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.srv.token}"}


def make_world(srv: LocalBaseServer) -> World:
    lead_fields = [
        {"name": "Name", "type": "singleLineText"},
        {"name": "Score", "type": "number", "options": {"precision": 0}},
        {"name": "Stage", "type": "singleSelect", "options": {"choices": [{"name": "New"}, {"name": "Won"}]}},
        {"name": "Notes", "type": "multilineText"},
    ]
    base_id = srv.create_base("Coaching", tables=[{"name": "Leads", "fields": lead_fields}])
    api = srv.api()
    base = api.base(base_id)
    leads = base.table("Leads")
    leads_id = leads.schema().id
    link = {"name": "Lead", "type": "multipleRecordLinks", "options": {"linkedTableId": leads_id}}
    base.create_table("Deals", [{"name": "Title", "type": "singleLineText"}, link])
    deals = base.table("Deals")
    f = {fld.name: fld.id for t in base.schema(force=True).tables for fld in t.fields}
    stage = base.schema().table("Leads").field("Stage")
    choices = {c.name: c.model_dump(exclude_none=True) for c in stage.options.choices}
    return World(srv, api, base, leads, deals, f, choices, api.whoami()["id"])


@pytest.fixture
def srv() -> Iterator[LocalBaseServer]:
    with LocalBaseServer(rate_limit=0, timing_scale=0.01) as server:
        yield server


@pytest.fixture
def world(srv: LocalBaseServer) -> World:
    return make_world(srv)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


def only_table(payload: Any) -> tuple[str, Any]:
    (table_id, table), *rest = payload.changed_tables_by_id.items()
    assert not rest, f"more tables than expected: {list(payload.changed_tables_by_id)}"
    return table_id, table


def test_change__signed_ping_then_payloads_from_the_cursor(world, receiver):
    hook, secret = world.add_hook(receiver.url)
    cursor = hook.cursor_for_next_payload
    assert cursor == 1

    def next_batch(pings: int) -> list[Any]:
        nonlocal cursor
        wait_for(lambda: receiver.count() == pings, what=f"ping {pings}")
        ping = receiver.pings[-1]
        note = WebhookNotification.from_request(
            ping.body.decode(), ping.headers["x-airtable-content-mac"], secret
        )
        assert (note.base.id, note.webhook.id) == (world.base.id, hook.id)
        payloads = list(hook.payloads(cursor))
        cursor = payloads[-1].cursor + 1
        return payloads

    rec = world.leads.create({"Name": "Ada", "Score": 3, "Stage": "New"})
    (created,) = next_batch(1)
    table_id, table = only_table(created)
    assert table_id == world.leads.schema().id
    assert set(table.created_records_by_id) == {rec["id"]} and not table.changed_records_by_id
    assert table.created_records_by_id[rec["id"]].cell_values_by_field_id == {
        world.f["Name"]: "Ada",
        world.f["Score"]: 3,
        world.f["Stage"]: world.choices["New"],
    }
    assert created.action_metadata.source == "publicApi"
    assert created.action_metadata.source_metadata["user"]["id"] == world.user_id
    assert cursor == 2

    world.leads.update(rec["id"], {"Score": 5, "Name": "Ada"})
    (changed,) = next_batch(2)
    _, table = only_table(changed)
    assert table.changed_records_by_id[rec["id"]].current.cell_values_by_field_id == {world.f["Score"]: 5}
    assert table.changed_records_by_id[rec["id"]].previous is None
    assert changed.base_transaction_number > created.base_transaction_number and cursor == 3

    world.leads.delete(rec["id"])
    (destroyed,) = next_batch(3)
    _, table = only_table(destroyed)
    assert table.destroyed_record_ids == [rec["id"]] and cursor == 4
    assert list(hook.payloads(cursor)) == []


def test_change__no_op_update_gives_no_payload(world, receiver):
    hook, _ = world.add_hook(receiver.url)
    rec = world.leads.create({"Name": "Ada"})
    wait_for(lambda: receiver.count() == 1, what="the ping")
    world.leads.update(rec["id"], {"Name": "Ada"})
    world.leads.update(rec["id"], {"Notes": "x"})
    wait_for(lambda: receiver.count() == 2, what="the second ping")
    payloads = list(hook.payloads(2))
    assert len(payloads) == 1
    _, table = only_table(payloads[0])
    assert table.changed_records_by_id[rec["id"]].current.cell_values_by_field_id == {world.f["Notes"]: "x"}


def test_change__a_link_reports_both_sides_with_v2_values(world):
    hook, _ = world.add_hook(None)
    lead = world.leads.create({"Name": "Ada"})
    deal = world.deals.create({"Title": "Coaching package", "Lead": [lead["id"]]})
    payload = list(hook.payloads(2))[0]
    leads_table = payload.changed_tables_by_id[world.leads.schema().id]
    deals_table = payload.changed_tables_by_id[world.deals.schema().id]
    assert deals_table.created_records_by_id[deal["id"]].cell_values_by_field_id[world.f["Lead"]] == [
        {"id": lead["id"], "name": "Ada"}
    ]
    inverse = leads_table.changed_records_by_id[lead["id"]].current.cell_values_by_field_id
    assert inverse == {world.f["Deals"]: [{"id": deal["id"], "name": "Coaching package"}]}


def test_dropped_notification__the_stored_cursor_still_returns_everything(world, receiver):
    hook, _ = world.add_hook(receiver.url)
    world.srv.set_faults(drop_notifications=1)
    first = world.leads.create({"Name": "Ada"})
    wait_for(world.srv.lb.webhooks.idle, what="the dropped ping")
    assert receiver.count() == 0
    second = world.leads.create({"Name": "Grace"})
    wait_for(lambda: receiver.count() == 1, what="the next ping")
    payloads = list(hook.payloads(1))
    created = [rid for p in payloads for rid in only_table(p)[1].created_records_by_id]
    assert created == [first["id"], second["id"]]
    assert [p.cursor for p in payloads] == [1, 2]


def test_duplicated_notification__two_identical_pings(world, receiver):
    world.add_hook(receiver.url)
    world.srv.set_faults(duplicate_notifications=1)
    world.leads.create({"Name": "Ada"})
    wait_for(lambda: receiver.count() == 2, what="two pings")
    assert receiver.pings[0].body == receiver.pings[1].body


def test_failing_url__notifications_end_disabled_and_can_be_enabled_again():
    with LocalBaseServer(rate_limit=0, timing_scale=1e-6) as srv, Receiver(status=503) as failing:
        world = make_world(srv)
        hook, _ = world.add_hook(failing.url, recordChangeScope=world.leads.schema().id)  # as in the sample
        world.leads.create({"Name": "Ada"})
        wait_for(lambda: not world.base.webhook(hook.id).are_notifications_enabled, what="disabling")
        assert failing.count() == 14  # the first try and 13 retries
        raw = requests.get(
            f"{srv.url}/v0/bases/{world.base.id}/webhooks", headers=world.auth, timeout=10
        ).json()
        listed = raw["webhooks"][0]
        assert_shape(listed, sample("webhook.json"))
        assert listed["lastNotificationResult"]["retryNumber"] == 13
        assert listed["lastNotificationResult"]["willBeRetried"] is False
        assert listed["lastNotificationResult"]["error"]["message"].startswith(
            "The HTTP request returned a 503"
        )
        world.leads.create({"Name": "Grace"})  # payloads go on while pings are off
        assert world.base.webhook(hook.id).cursor_for_next_payload == 3
        failing.status = 204
        hook.enable_notifications()
        assert world.base.webhook(hook.id).are_notifications_enabled
        world.leads.create({"Name": "Linus"})
        wait_for(lambda: failing.count() == 15, what="a ping after enabling")


def test_watch_data_in_field_ids__other_fields_do_not_ping(world, receiver):
    hook, _ = world.add_hook(
        receiver.url, watchDataInFieldIds=[world.f["Score"]], recordChangeScope=world.leads.schema().id
    )
    rec = world.leads.create({"Name": "Ada"})
    world.leads.update(rec["id"], {"Notes": "called"})
    world.deals.create({"Title": "Not a lead"})
    wait_for(world.srv.lb.webhooks.idle, what="settling")
    assert receiver.count() == 0 and list(hook.payloads()) == []
    world.leads.update(rec["id"], {"Score": 4, "Notes": "scored"})
    wait_for(lambda: receiver.count() == 1, what="the ping")
    (payload,) = hook.payloads()
    cells = only_table(payload)[1].changed_records_by_id[rec["id"]].current.cell_values_by_field_id
    assert cells == {world.f["Score"]: 4, world.f["Notes"]: "scored"}


def test_includes__previous_and_unchanged_values(world):
    includes = {"includePreviousCellValues": True, "includeCellValuesInFieldIds": [world.f["Name"]]}
    hook, _ = world.add_hook(None, includes=includes)
    rec = world.leads.create({"Name": "Ada", "Stage": "New"})
    world.leads.update(rec["id"], {"Stage": "Won"})
    (payload,) = hook.payloads(2)
    change = only_table(payload)[1].changed_records_by_id[rec["id"]]
    assert change.current.cell_values_by_field_id == {world.f["Stage"]: world.choices["Won"]}
    assert change.previous.cell_values_by_field_id == {world.f["Stage"]: world.choices["New"]}
    assert change.unchanged.cell_values_by_field_id == {world.f["Name"]: "Ada"}


def test_payloads__pyairtable_pages_past_fifty(world):
    hook, _ = world.add_hook(None)
    for start in range(0, 60, 10):
        world.leads.batch_create([{"Name": f"Lead {n}"} for n in range(start, start + 10)])
    for n in range(5):
        world.leads.create({"Name": f"Single {n}"})
    payloads = list(hook.payloads())
    assert [p.cursor for p in payloads] == list(range(1, 12))
    raw = requests.get(
        f"{world.srv.url}/v0/bases/{world.base.id}/webhooks/{hook.id}/payloads",
        params={"cursor": 3, "limit": 2},
        headers=world.auth,
        timeout=10,
    ).json()
    assert (raw["cursor"], raw["mightHaveMore"], len(raw["payloads"])) == (5, True, 2)
    assert_shape(raw, sample("webhook_list_payloads.json"), exact=False)
    empty = requests.get(
        f"{world.srv.url}/v0/bases/{world.base.id}/webhooks/{hook.id}/payloads",
        params={"cursor": 12},
        headers=world.auth,
        timeout=10,
    ).json()
    assert empty == {"cursor": 12, "mightHaveMore": False, "payloads": []}


def test_refresh__extends_expiry_after_the_clock_moves(world):
    hook, _ = world.add_hook(None)
    before = hook.expiration_time
    world.srv.advance_clock(5 * DAY)
    hook.extend_expiration()
    after = world.base.webhook(hook.id).expiration_time
    assert (after - before).total_seconds() == pytest.approx(5 * DAY, abs=60)
    world.srv.advance_clock(6 * DAY)  # 11 days after creation, 6 after the refresh
    rec = world.leads.create({"Name": "Ada"})
    assert world.base.webhook(hook.id).is_hook_enabled
    assert list(only_table(list(hook.payloads())[0])[1].created_records_by_id) == [rec["id"]]


def test_expiry__stops_payloads(world, receiver):
    hook, _ = world.add_hook(receiver.url)
    world.srv.advance_clock(7 * DAY + 60)
    world.leads.create({"Name": "Ada"})
    listed = world.base.webhook(hook.id)
    assert listed.is_hook_enabled is False and listed.cursor_for_next_payload == 1
    assert list(hook.payloads()) == []
    wait_for(world.srv.lb.webhooks.idle, what="settling")
    assert receiver.count() == 0
    with pytest.raises(requests.HTTPError) as err:
        hook.extend_expiration()
    assert err.value.response.status_code == 422
    world.srv.advance_clock(7 * DAY)
    assert world.base.webhooks() == []


def test_create__response_matches_the_documented_shape(world):
    resp = world.post("webhooks", {"specification": {"options": {"filters": {"dataTypes": ["tableData"]}}}})
    assert resp.status_code == 200
    assert_shape(resp.json(), sample("webhook_create.json"))
    assert resp.json()["id"].startswith("ach") and len(resp.json()["id"]) == 17


def _spec(**filters: Any) -> dict[str, Any]:
    return {"options": {"filters": {"dataTypes": ["tableData"], **filters}}}


@pytest.mark.parametrize(
    "body, reason",
    [
        pytest.param(
            {"specification": {"options": {"filters": {}}}}, "dataTypes is required", id="no-datatypes"
        ),
        pytest.param({"specification": _spec(recordChangeScope="tblNope")}, "not found", id="unknown-scope"),
        pytest.param({"specification": _spec(watchDataInFieldIds=["fldX"])}, "not found", id="unknown-field"),
        pytest.param({"notificationUrl": "ftp://x", "specification": _spec()}, "http", id="bad-url"),
        pytest.param({"notificationUrl": "http://x"}, "specification is required", id="no-specification"),
    ],
)
def test_create__refused_with_airtables_422(world, body, reason):
    resp = world.post("webhooks", body)
    assert resp.status_code == 422
    error = resp.json()["error"]
    assert error["type"] == "INVALID_REQUEST_UNKNOWN" and reason in error["message"]


def test_create__at_most_ten_per_base(world):
    for _ in range(10):
        world.add_hook(None)
    resp = world.post("webhooks", {"specification": {"options": {"filters": {"dataTypes": ["tableData"]}}}})
    assert resp.status_code == 422 and resp.json()["error"]["type"] == "TOO_MANY_WEBHOOKS_IN_BASE"


def test_unknown_base_and_webhook(world):
    url = f"{world.srv.url}/v0/bases"
    resp = requests.get(f"{url}/appNope0000000000/webhooks", headers=world.auth, timeout=10)
    assert (
        resp.status_code == 403 and resp.json()["error"]["type"] == "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND"
    )
    resp = requests.get(
        f"{url}/{world.base.id}/webhooks/achNope0000000000/payloads", headers=world.auth, timeout=10
    )
    assert resp.status_code == 404 and resp.json() == {"error": "NOT_FOUND"}
    resp = requests.get(
        f"{url}/{world.base.id}/webhooks/achNope0000000000/payloads?cursor=0", headers=world.auth, timeout=10
    )
    assert resp.status_code == 422


def test_delete__removes_the_hook_and_its_payloads(world):
    hook, _ = world.add_hook(None)
    world.leads.create({"Name": "Ada"})
    hook.delete()
    assert world.base.webhooks() == []
    resp = requests.get(
        f"{world.srv.url}/v0/bases/{world.base.id}/webhooks/{hook.id}/payloads",
        headers=world.auth,
        timeout=10,
    )
    assert resp.status_code == 404


def test_table_fields__field_created_and_renamed(world):
    created = world.base.add_webhook(None, {"options": {"filters": {"dataTypes": ["tableFields"]}}})
    hook = world.base.webhook(created.id)
    world.leads.create({"Name": "Ada"})  # record data: not watched by this hook
    field = world.leads.create_field("Source", "singleLineText")
    field.name = "Lead source"
    field.save()
    first, second = hook.payloads()
    table_id, table = only_table(first)
    assert table_id == world.leads.schema().id
    assert {k: v.model_dump() for k, v in table.created_fields_by_id.items()} == {
        field.id: {"name": "Source", "type": "singleLineText"}
    }
    renamed = only_table(second)[1].changed_fields_by_id[field.id]
    assert renamed.current.name == "Lead source" and renamed.previous is None


def test_concurrent_writes__cursors_and_transaction_numbers_follow_commit_order(world):
    hook, _ = world.add_hook(None)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            table = world.srv.api().base(world.base.id).table("Leads")
            for i in range(8):
                table.create({"Name": f"w{n}-{i}"})
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    payloads = list(hook.payloads())
    assert [p.cursor for p in payloads] == list(range(1, 33))
    numbers = [p.base_transaction_number for p in payloads]
    assert numbers == sorted(numbers) and len(set(numbers)) == 32


def test_form_submission__published_as_formsubmission_with_its_view_and_no_user(world):
    """`X-Localbase-Form` stands in for an Airtable form: the payload says formSubmission and the form's
    viewId, with no user (so a receiver that skips its own user's writes still processes it); and a
    `fromSources` filter without formSubmission hears nothing of it."""
    hook, _ = world.add_hook(None)
    api_only, _ = world.add_hook(None, fromSources=["publicApi"])
    url = f"{world.srv.url}/v0/{world.base.id}/Leads"
    view = "viwFormView000001"
    form = requests.post(
        url,
        json={"fields": {"Name": "Form person"}},
        headers={**world.auth, "X-Localbase-Form": view},
        timeout=10,
    )
    assert form.status_code == 200, form.text
    world.leads.create({"Name": "Typed in"})
    first, second = list(hook.payloads(1))
    assert first.action_metadata.source == "formSubmission"
    assert first.action_metadata.source_metadata == {"viewId": view}
    assert second.action_metadata.source == "publicApi"
    assert second.action_metadata.source_metadata["user"]["id"] == world.user_id
    (only,) = list(api_only.payloads(1))
    assert only.action_metadata.source == "publicApi"
    bad = requests.post(
        url, json={"fields": {"Name": "x"}}, headers={**world.auth, "X-Localbase-Form": "nope"}, timeout=10
    )
    assert bad.status_code == 422 and world.leads.all(formula="{Name}='x'") == []
