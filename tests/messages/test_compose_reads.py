"""compose()'s reads: independent ones together, and a Draft screened on the leads its caller just read.

A message that waits as Draft for the coach may be screened on the leads the caller read in this invocation
(the duplicate search reads every lead with the address); it is screened on a fresh read when it is sent.
A kind that is sent now, or a caller's list that lacks a linked lead, always reads the leads again.
"""

from __future__ import annotations

from automation.messages import Draft, compose, deliver
from automation.messages.store import MessageStore
from automation.models import Lead, Message


def _lead(world, email="jo@acme.example", **fields):
    return world.table("Leads").create({"Name": "Jo Bloggs", "Email": email, "Status": "New", **fields})["id"]


def _draft(lead_id, kind="First Touch", email="jo@acme.example"):
    return Draft(
        kind=kind, channel="Email", recipient=email, recipient_name="Jo Bloggs", subject="Hello",
        template="letter", data={"greeting": "Hi Jo,", "body": "A thought.", "signoff": "Warmly,"},
        links={"lead": lead_id}, dedupe_key=f"{lead_id}:nurture:1",
    )  # fmt: skip


def _leads_reads(world, ctx) -> int:
    """Requests the app's token made to the Leads table (reads only: compose never writes a lead)."""
    path = f"/v0/{world.base_id}/{ctx.gateway.schema_map().table_id('leads')}"
    return len([r for r in world.server.requests() if r["path"].startswith(path)])


def _known(world, email="jo@acme.example") -> list[Lead]:
    return MessageStore(world.ctx().gateway).leads_matching([email])


def test_a_draft_screened_on_the_callers_leads_reads_no_leads_yet_cancels_for_an_unsubscribed_twin(world):
    lead = _lead(world)
    twin = _lead(world, email="JO@acme.example ", Status="Unsubscribed")
    known = _known(world)
    ctx = world.ctx()
    before = _leads_reads(world, ctx)
    message = compose(ctx, _draft(lead), known_leads=known)
    assert _leads_reads(world, ctx) == before
    assert (
        message.status == "Cancelled" and message.error == f"Not sent: recipient unsubscribed (lead {twin})"
    )


def test_a_draft_screened_on_the_callers_leads_waits_as_draft_when_nobody_said_no(world):
    lead = _lead(world)
    known = _known(world)
    ctx = world.ctx()
    before = _leads_reads(world, ctx)
    message = compose(ctx, _draft(lead), known_leads=known)
    assert _leads_reads(world, ctx) == before
    assert message.status == "Draft" and message.error is None


def test_a_kind_sent_now_reads_the_leads_again_whatever_the_caller_holds(world):
    lead = _lead(world, Status="Unsubscribed")
    stale = [Lead(id=lead, email="jo@acme.example", status="New")]  # read before the person unsubscribed
    ctx = world.ctx()
    before = _leads_reads(world, ctx)
    message = compose(ctx, _draft(lead, kind="Follow-up Reminder"), known_leads=stale)
    assert _leads_reads(world, ctx) > before
    assert message.status == "Cancelled" and world.sendgrid.sends == []


def test_a_callers_list_without_the_linked_lead_is_not_used(world):
    lead = _lead(world, Status="Unsubscribed")
    message = compose(world.ctx(), _draft(lead), known_leads=[])
    assert (
        message.status == "Cancelled" and message.error == f"Not sent: recipient unsubscribed (lead {lead})"
    )


def test_a_message_already_past_draft_comes_back_unchanged(world):
    lead = _lead(world)
    first = compose(world.ctx(), _draft(lead), known_leads=_known(world))
    world.table("Messages").update(first.id, {"Status": "Sent"})
    again = compose(world.ctx(), _draft(lead), known_leads=_known(world))
    assert again.id == first.id and again.status == "Sent"


def test_a_notice_to_the_coach_about_an_unsubscribed_lead_reads_no_people_and_is_not_blocked(world):
    lead = _lead(world, email="gone@acme.example", Status="Unsubscribed")
    ctx = world.ctx()
    coach = ctx.settings.general.coach_email
    path = f"/v0/{world.base_id}/{ctx.gateway.schema_map().table_id('clients')}"
    before = (
        _leads_reads(world, ctx),
        len([r for r in world.server.requests() if r["path"].startswith(path)]),
    )
    notice = Draft(
        kind="Hot Lead Alert", channel="Email", recipient=coach, subject="New lead", template="alert",
        data={"heading": "New lead", "summary": "Jo"}, links={"lead": lead}, dedupe_key=f"{lead}:notice",
    )  # fmt: skip
    message = compose(ctx, notice)
    after = (
        _leads_reads(world, ctx),
        len([r for r in world.server.requests() if r["path"].startswith(path)]),
    )
    assert after == before  # the business's own address: nobody's opt-out to respect
    assert message.status != "Cancelled" and message.recipient == coach


def test_a_notice_waiting_for_the_coach_at_another_spelling_of_her_inbox_is_sent_unscreened(world):
    # Composed for "sarahcave@gmail.com"; she retyped her Settings address as "Sarah.Cave@gmail.com" before it
    # went: the same inbox, still the business's own address, so the lead's unsubscribe does not stop it.
    lead = _lead(world, email="gone@acme.example", Status="Unsubscribed")
    world.settings["general.coach_email"] = "sarahcave@gmail.com"
    notice = Draft(
        kind="Hot Lead Alert", channel="Email", recipient="sarahcave@gmail.com", subject="New lead",
        template="alert", data={"heading": "New lead", "summary": "Jo"}, links={"lead": lead},
        dedupe_key=f"{lead}:notice",
    )  # fmt: skip
    held = compose(world.ctx(), notice, send=False)
    assert held.status == "Approved"
    world.settings["general.coach_email"] = "Sarah.Cave@gmail.com"
    ctx = world.ctx()
    before = _leads_reads(world, ctx)
    (done,) = deliver(ctx, [ctx.gateway.get(Message, held.id)])
    assert _leads_reads(world, ctx) == before  # nobody's opt-out to look for
    assert done.result == "sent" and ctx.gateway.get(Message, held.id).status == "Sent"
