"""compose(about=record): a message about a record that the caller's run read moments ago, linked to no
message, cannot exist yet, so a message sent now skips its dedupe-key read and is claimed in its upsert,
that read standing in for the claim's fresh read (claim.py). Against the local server: the Messages
requests made, what was sent, and the cases where the dedupe key must still be read."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from urllib.parse import unquote_plus

import pytest

from automation.events.runner import READ_AT
from automation.messages import Draft, compose
from automation.messages import store as store_module
from automation.models import Lead
from schema.tables import CLAIM_QUEUED


def _lead(world) -> str:
    return world.table("Leads").create({"Name": "Jo Bloggs", "Email": "jo@acme.example", "Status": "New"})[
        "id"
    ]


def _alert(lead_id: str) -> Draft:
    """A Slack note to the coach, sent at once (an auto-send kind), linked to the lead it is about."""
    return Draft(
        kind="Hot Lead Alert", channel="Slack", recipient="#coaching-ops", subject="Hot lead: Jo",
        template="alert", data={"heading": "Hot lead", "summary": "Jo Bloggs"}, links={"lead": lead_id},
        dedupe_key=f"{lead_id}:hot-alert",
    )  # fmt: skip


def _as_the_runner_read_it(ctx, lead_id: str) -> Lead:
    """Read the lead as a runner visit does and record when the read left (ctx.visit_reads)."""
    (lead,) = ctx.gateway.get_many(Lead, [lead_id])
    ctx.visit_reads[READ_AT, "leads"] = {lead.id: lead.read_sent()}
    return lead


def _messages_requests(world, ctx) -> list[str]:
    """The Messages requests since the log was cleared: GET by ids (RECORD_ID()), GET by key, PATCH."""
    path = f"/v0/{world.base_id}/{ctx.gateway.schema_map().table_id('messages')}"
    out = []
    for r in world.server.requests():
        if r["path"].startswith(path):
            by = "ids" if "RECORD_ID()" in unquote_plus(r["query"]) else "key"
            out.append("PATCH" if r["method"] == "PATCH" else f"GET by {by}")
    return out


def _with_full_room(world) -> None:
    """A young read's whole room (CLAIM_WRITE_ROOM_S, 0.5 s; half the settle time when that is less): at the
    tests' 0.3 s settle it is 0.15 s, which a loaded 2-core CI machine's pause between the read and the
    upsert can pass, and the safe path (the key read) then runs instead of the one these tests pin."""
    world.settings["messages.claim_settle_s"] = "1.0"


def test_a_note_about_a_record_read_unlinked_just_now_costs_its_upsert_and_sent(world):
    lead_id = _lead(world)
    _with_full_room(world)
    ctx = world.ctx()
    lead = _as_the_runner_read_it(ctx, lead_id)
    world.server.clear_requests()
    message = compose(ctx, _alert(lead_id), about=lead)
    assert message.status == "Sent" and len(world.slack.posts) == 1
    # no GET by Dedupe Key and no read back: the upsert created the message, so the claim is held
    # (claim.py); then the Sent write
    assert _messages_requests(world, ctx) == ["PATCH", "PATCH"]
    claim, sent = [r for r in world.server.requests() if r["method"] == "PATCH"]
    # Sent lands no earlier than the settle after the claim: a concurrent claimer's late upsert (it read
    # before ours created the message) cannot land over it
    gap = datetime.fromisoformat(sent["time"]) - datetime.fromisoformat(claim["time"])
    assert gap.total_seconds() >= float(ctx.settings.messages.claim_settle_s) - 0.002  # log: milliseconds


def test_composed_again_later_the_lead_links_the_note_so_its_key_is_read_and_nothing_is_resent(world):
    lead_id = _lead(world)
    ctx = world.ctx()
    compose(ctx, _alert(lead_id), about=_as_the_runner_read_it(ctx, lead_id))
    again = world.ctx()  # a replayed payload: a new run reads the lead, which now links the note
    lead = _as_the_runner_read_it(again, lead_id)
    assert lead.messages
    world.server.clear_requests()
    message = compose(again, _alert(lead_id), about=lead)
    assert message.status == "Sent" and len(world.slack.posts) == 1
    assert _messages_requests(world, again) == ["GET by key"]


def test_a_read_older_than_the_claim_allows_is_not_used(world):
    lead_id = _lead(world)
    ctx = world.ctx()
    lead = _as_the_runner_read_it(ctx, lead_id)
    time.sleep(float(ctx.settings.messages.claim_settle_s))  # too old to stand in for the claim's read
    world.server.clear_requests()
    message = compose(ctx, _alert(lead_id), about=lead)
    assert message.status == "Sent" and len(world.slack.posts) == 1
    assert _messages_requests(world, ctx)[0] == "GET by key"


def test_a_record_the_draft_does_not_link_proves_nothing(world):
    lead_id, other_id = _lead(world), _lead(world)
    ctx = world.ctx()
    other = _as_the_runner_read_it(ctx, other_id)
    world.server.clear_requests()
    compose(ctx, _alert(lead_id), about=other)
    assert _messages_requests(world, ctx)[0] == "GET by key"


def test_two_runs_composing_the_same_note_at_once_send_it_once(world, monkeypatch):
    """Both read the lead unlinked, then upsert together (a barrier before the claiming upsert): the
    upsert that created the message holds it; the other's updated it, so it gives up; one Slack post."""
    lead_id = _lead(world)
    _with_full_room(world)
    barrier = threading.Barrier(2, timeout=10)
    save = store_module.MessageStore.save

    def together(self, fields, along=()):
        barrier.wait()
        return save(self, fields, along)

    monkeypatch.setattr(store_module.MessageStore, "save", together)
    results: list[object] = []

    def run() -> None:
        ctx = world.ctx(track=False)  # opened and closed in this thread
        try:
            results.append(compose(ctx, _alert(lead_id), about=_as_the_runner_read_it(ctx, lead_id)))
        finally:
            ctx.run.close()

    world.server.clear_requests()
    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(results) == 2
    requests = _messages_requests(world, world.ctx())
    assert requests == ["PATCH", "PATCH", "PATCH"]  # two claims, one Sent: no key read, no read back
    assert len(world.slack.posts) == 1
    (stored,) = [
        m for m in world.table("Messages").all() if m["fields"].get("Dedupe Key") == f"{lead_id}:hot-alert"
    ]
    assert stored["fields"]["Status"] == "Sent"


def test_a_claimer_that_read_before_the_create_and_writes_after_the_send_neither_sends_nor_undoes_sent(
    world, monkeypatch
):
    """B reads the lead unlinked; A reads it, creates the message and posts it; only then does B's
    upsert go (within its settle time). B's upsert updates a message it found absent: not ours, nothing
    sent. Its write set Sending and its token over A's, so A's Sent must land after it: one post, Sent."""
    world.settings["messages.claim_settle_s"] = "1.5"  # room for A's whole send inside B's settle time
    lead_id = _lead(world)
    posted = threading.Event()
    b_read = threading.Event()
    save = store_module.MessageStore.save

    def save_in_turn(self, fields, along=()):
        if threading.current_thread().name == "B":
            assert posted.wait(10)
        return save(self, fields, along)

    monkeypatch.setattr(store_module.MessageStore, "save", save_in_turn)
    results: dict[str, object] = {}

    def run(name: str) -> None:
        ctx = world.ctx(track=False)
        try:
            if name == "A":
                assert b_read.wait(10)
            lead = _as_the_runner_read_it(ctx, lead_id)
            if name == "B":
                b_read.set()
            results[name] = compose(ctx, _alert(lead_id), about=lead)
        finally:
            ctx.run.close()

    def watch() -> None:  # B goes once A's post is out
        deadline = time.monotonic() + 10
        while not world.slack.posts and time.monotonic() < deadline:
            time.sleep(0.005)
        posted.set()

    threads = [threading.Thread(target=run, args=(n,), name=n) for n in ("A", "B")]
    threads.append(threading.Thread(target=watch))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert set(results) == {"A", "B"}
    assert len(world.slack.posts) == 1
    (stored,) = [
        m for m in world.table("Messages").all() if m["fields"].get("Dedupe Key") == f"{lead_id}:hot-alert"
    ]
    assert stored["fields"]["Status"] == "Sent"


def test_a_moment_the_caller_proved_the_key_absent_stands_in_for_the_read_while_young(world):
    """absent_since: the caller proved by other means that no message had the key at that moment (a won
    deal's client just created, deals.client_for). Young: its upsert and Sent, no key read; too old for
    the claim's settle rule: the key is read as usual."""
    lead_id = _lead(world)
    _with_full_room(world)
    ctx = world.ctx()
    world.server.clear_requests()
    message = compose(ctx, _alert(lead_id), absent_since=time.monotonic())
    assert message.status == "Sent" and len(world.slack.posts) == 1
    assert _messages_requests(world, ctx) == ["PATCH", "PATCH"]
    other = _alert(lead_id).model_copy(update={"dedupe_key": f"{lead_id}:hot-alert:2"})
    ctx = world.ctx()
    stale = time.monotonic() - float(ctx.settings.messages.claim_settle_s)
    world.server.clear_requests()
    assert compose(ctx, other, absent_since=stale).status == "Sent" and len(world.slack.posts) == 2
    assert _messages_requests(world, ctx)[0] == "GET by key"


def _runner_composing(ctx, then):
    """A runner whose one automation composes the note about each lead it visits, then calls `then`."""
    from automation.events.runner import Runner
    from automation.registry import Automation

    def note(ctx, leads):
        for lead in leads:
            compose(ctx, _alert(lead.id), about=lead)
        then()
        return []

    return Runner(ctx, [Automation("note", "leads", frozenset({"name"}), frozenset(), note)])


def test_a_run_short_of_time_gives_back_the_note_it_claimed_and_a_later_delivery_sends_it_once(world):
    """The upsert stored the note Sending (claimed), then the run's other work ate its time budget, leaving
    less than the claim's settle: the runner never hands it to Slack and gives it back (Approved, queued)
    at once, within its budget, instead of waiting out the settle past its deadline (where a paced or
    penalised base refuses the write and the note stays Sending, "may or may not have gone out");
    send-due then sends it once."""
    from automation.events.runner import Touch
    from automation.messages.automations import send_due

    world.settings["messages.claim_settle_s"] = "2.0"  # longer than the time the run has left
    lead_id = _lead(world)
    ctx = world.ctx()

    def out_of_time() -> None:  # e.g. the lead's writes waited out the base's pacing
        ctx.deadline = time.monotonic() + 0.8

    _runner_composing(ctx, out_of_time).run({"leads": {lead_id: Touch(created=True, fields=None)}})
    assert time.monotonic() < ctx.deadline  # the run kept to its budget
    (row,) = [m for m in world.table("Messages").all() if m["fields"].get("Lead") == [lead_id]]
    assert row["fields"]["Status"] == "Approved" and world.slack.posts == []
    assert row["fields"].get("Claim Token") == CLAIM_QUEUED  # the coach's "Approved" automation skips it
    send_due(world.ctx())
    send_due(world.ctx())
    assert world.table("Messages").get(row["id"])["fields"]["Status"] == "Sent"
    assert len(world.slack.posts) == 1


def test_a_run_stopped_by_an_error_with_time_left_still_sends_the_note_it_claimed(world):
    """An error stops the run after the note's claiming upsert, with time to spare: the claim is held and
    the provider is not Airtable, so the coach gets her notice now (given back, it would wait for
    send-due), once."""
    from automation.errors import AirtableUnavailable
    from automation.events.runner import Touch

    lead_id = _lead(world)

    def base_gives_up() -> None:
        raise AirtableUnavailable("a later write of this run failed", status=503)

    with pytest.raises(AirtableUnavailable):
        _runner_composing(world.ctx(), base_gives_up).run(
            {"leads": {lead_id: Touch(created=True, fields=None)}}
        )
    (row,) = [m for m in world.table("Messages").all() if m["fields"].get("Lead") == [lead_id]]
    assert row["fields"]["Status"] == "Sent" and len(world.slack.posts) == 1


def test_a_run_with_time_to_spare_sends_its_claimed_note_itself(world):
    from automation.events.runner import Touch

    lead_id = _lead(world)
    _with_full_room(world)
    ctx = world.ctx()
    world.server.clear_requests()
    _runner_composing(ctx, lambda: None).run({"leads": {lead_id: Touch(created=True, fields=None)}})
    (row,) = [m for m in world.table("Messages").all() if m["fields"].get("Lead") == [lead_id]]
    assert row["fields"]["Status"] == "Sent" and len(world.slack.posts) == 1
    assert _messages_requests(world, ctx) == ["PATCH", "PATCH"]  # the claiming upsert, then Sent
