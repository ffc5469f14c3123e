"""Replies recorded on their lead over HTTP against the local server: an opt-out, a stopped lead."""

from __future__ import annotations

from datetime import timedelta

from automation.leads.replies import InboundEmail, record_reply
from automation.models import Lead, Message


def _reply(world, sender: str, text: str, message_id: str) -> dict:
    ctx = world.ctx()
    with ctx.run:
        return record_reply(ctx, InboundEmail(sender, "Re: A question worth ten minutes", text, message_id))


def test_reply_asking_to_unsubscribe__every_lead_with_the_address_stops_and_waiting_drafts_are_cancelled(
    world,
) -> None:
    gw = world.gw
    due = world.ctx().today() + timedelta(days=2)
    nurtured = {"status": "Contacted", "nurture_sequence": "Warm", "nurture_step": 2, "follow_up_due": due}
    lead, twin = gw.create(
        Lead,
        [
            {"name": "Jane Doe", "email": "jane@acme.example", **nurtured},
            {"name": "Jane Doe", "email": "jane@acme.example", "status": "New"},
        ],
    )
    draft = gw.create(
        Message,
        [{"kind": "Nurture Email", "status": "Draft", "recipient": "jane@acme.example", "lead": [lead.id]}],
    )[0]
    text = "Please take me off your mailing list.\n\nOn Mon, 3 Nov 2026, Sarah wrote:\n> Hi Jane"
    for expected in ("unsubscribed", "duplicate"):  # SendGrid re-delivers the same email
        assert _reply(world, "jane@acme.example", text, "<opt@acme>")["status"] == expected
    for rid in (lead.id, twin.id):
        got = gw.get(Lead, rid)
        assert (got.status, got.nurture_sequence, got.follow_up_due) == ("Unsubscribed", "Stopped", None)
        assert got.next_action == "None: unsubscribed, do not contact" and not got.replies  # not engagement
    assert gw.get(Message, draft.id).status == "Cancelled"
    alerts = [m for m in gw.all(Message) if m.kind == "Reply Alert"]
    assert len(alerts) == 1 and "asked to unsubscribe" in alerts[0].subject
    assert "take me off your mailing list" in alerts[0].body and "Hi Jane" not in alerts[0].body


def test_reply_asking_to_unsubscribe__drafts_to_every_spelling_of_her_mailbox_are_cancelled_not_others(
    world,
) -> None:
    gw = world.gw
    lead, stranger = gw.create(
        Lead,
        [
            {"name": "Ann Lee", "email": "ann.lee+news@gmail.com", "status": "Contacted"},
            {"name": "Ann Leek", "email": "annleek@gmail.com", "status": "Contacted"},
        ],
    )
    waiting = {"kind": "Nurture Email", "status": "Draft"}
    hers, theirs = gw.create(
        Message,
        [
            {**waiting, "recipient": "AnnLee@googlemail.com", "lead": [lead.id]},  # an older spelling
            {**waiting, "recipient": "annleek@gmail.com", "lead": [stranger.id]},
        ],
    )
    got = _reply(world, "ann.lee+news@gmail.com", "Please unsubscribe me.", "<opt2@gmail>")
    assert got["status"] == "unsubscribed"
    assert (gw.get(Message, hers.id).status, gw.get(Message, theirs.id).status) == ("Cancelled", "Draft")


def test_reply_from_a_lost_lead__the_coach_is_told_nurture_stays_stopped_not_that_it_is_paused(world) -> None:
    lost = {"status": "Lost", "nurture_sequence": "Stopped"}
    lead = world.gw.create(Lead, [{"name": "Tom Hale", "email": "tom@hale.example", **lost}])[0]
    assert _reply(world, "tom@hale.example", "Is your offer still open?", "<l1@hale>")["status"] == "recorded"
    got = world.gw.get(Lead, lead.id)
    assert (got.status, got.nurture_sequence, got.replies) == ("Lost", "Stopped", 1)  # the coach decides
    alert = next(m for m in world.gw.all(Message) if m.kind == "Reply Alert")
    assert "Is your offer still open?" in alert.body
    assert "stays stopped" in alert.body and "paused until you answer" not in alert.body


def test_reply__from_another_spelling_of_the_leads_mailbox_is_hers(world) -> None:
    """A lead typed as "janedoe@gmail.com" replies from "Jane.Doe@GoogleMail.com": one inbox, one person.
    Her reply is counted and pauses her sequence; from a stranger at a near address nothing is recorded."""
    gw = world.gw
    due = world.ctx().today() + timedelta(days=2)
    nurtured = {"status": "Contacted", "nurture_sequence": "Warm", "nurture_step": 2, "follow_up_due": due}
    lead = gw.create(Lead, [{"name": "Jane Doe", "email": "janedoe@gmail.com", **nurtured}])[0]
    got = _reply(world, "Jane.Doe@GoogleMail.com", "Yes, Thursday works for a call.", "<r1@gmail>")
    assert got == {"status": "recorded", "lead": lead.id}
    assert gw.get(Lead, lead.id).replies == 1
    assert _reply(world, "janedoe2@gmail.com", "Hello?", "<r2@gmail>")["status"] == "ignored"


def test_reply_asking_to_stop__from_another_spelling_unsubscribes_the_lead(world) -> None:
    gw = world.gw
    lead = gw.create(Lead, [{"name": "Raj Patel", "email": "raj.patel@gmail.com", "status": "Contacted"}])[0]
    got = _reply(world, "RajPatel+work@gmail.com", "Please remove me from your list.", "<r3@gmail>")
    assert got["status"] == "unsubscribed"
    assert gw.get(Lead, lead.id).status == "Unsubscribed"
