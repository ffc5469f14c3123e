"""compose()'s reads: independent ones together, and a Draft screened on the leads its caller just read.

A message that waits as Draft for the coach may be screened on the leads the caller read in this invocation
(the duplicate search reads every lead with the address); it is screened on a fresh read when it is sent.
A kind that is sent now, or a caller's list that lacks a linked lead, always reads the leads again.
"""

from __future__ import annotations

from automation.messages import Draft, compose, compose_many, deliver
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


# ---- compose_many: a job's drafts composed together ----


def _batch(lead_ids, kind="First Touch", emails=None, key="nurture:1"):
    emails = emails or [f"person{n}@firm{n}.example" for n in range(len(lead_ids))]
    return [
        _draft(lid, kind=kind, email=addr).model_copy(update={"dedupe_key": f"{lid}:{key}"})
        for lid, addr in zip(lead_ids, emails, strict=True)
    ]


def _requests(world, ctx, since: int) -> dict[str, int]:
    """The app's requests to this base after `since` log entries, counted by "METHOD table"."""
    names = {ctx.gateway.schema_map().table_id(t): t for t in ("leads", "clients", "messages")}
    counts: dict[str, int] = {}
    for r in world.server.requests(since=since):
        parts = r["path"].split("/")
        if len(parts) > 3 and parts[2] == world.base_id:
            name = f"{r['method']} {names.get(parts[3], parts[3])}"
            counts[name] = counts.get(name, 0) + 1
    return counts


def test_compose_many_reads_messages_leads_and_clients_once_and_upserts_ten_a_request(world):
    emails = [f"person{n}@firm{n}.example" for n in range(12)]
    leads = [_lead(world, email=e) for e in emails]
    ctx = world.ctx()
    since = world.server.mark()
    messages = compose_many(ctx, _batch(leads, emails=emails))
    # 12 keys and 24 people clauses fit one read each; 12 rows are two upserts of at most ten
    assert _requests(world, ctx, since) == {
        "GET messages": 1,
        "GET leads": 1,
        "GET clients": 1,
        "PATCH messages": 2,
    }
    assert [m.lead for m in messages] == [[x] for x in leads]  # the drafts' order
    assert all(m.status == "Draft" and m.error is None for m in messages)


def test_compose_many_one_opted_out_recipient_blocks_only_her_email(world):
    emails = ["ann@north.example", "bea@south.example", "cat@east.example"]
    leads = [_lead(world, email=e, **({"Status": "Unsubscribed"} if "bea" in e else {})) for e in emails]
    twin = _lead(world, email="Cat@East.example", Status="New")  # the same mailbox, nobody said no
    messages = compose_many(world.ctx(), _batch(leads, emails=emails))
    assert [m.status for m in messages] == ["Draft", "Cancelled", "Draft"]
    assert messages[1].error == f"Not sent: recipient unsubscribed (lead {leads[1]})"
    assert twin not in (messages[2].lead or [])


def test_compose_many_a_replay_composes_nothing_new_and_sends_nothing_again(world):
    emails = ["ann@north.example", "bea@south.example"]
    leads = [_lead(world, email=e) for e in emails]
    drafts = _batch(leads, kind="Follow-up Reminder", emails=emails)
    first = compose_many(world.ctx(), drafts)
    assert all(m.status == "Approved" for m in first)
    deliver(world.ctx(), first)
    assert len(world.sendgrid.sends) == 2
    again = compose_many(world.ctx(), drafts)
    assert [m.id for m in again] == [m.id for m in first] and all(m.status == "Sent" for m in again)
    deliver(world.ctx(), again)
    assert len(world.sendgrid.sends) == 2 and len(world.table("Messages").all()) == 2


def test_compose_many_keeps_a_draft_the_coach_edited(world):
    leads = [_lead(world, email=e) for e in ("ann@north.example", "bea@south.example")]
    first = compose_many(world.ctx(), _batch(leads, emails=["ann@north.example", "bea@south.example"]))
    world.table("Messages").update(first[0].id, {"Body": "My own words."})
    redrafted = [
        d.model_copy(update={"data": {**d.data, "body": "A second thought."}})
        for d in _batch(leads, emails=["ann@north.example", "bea@south.example"])
    ]
    again = compose_many(world.ctx(), redrafted)
    assert again[0].body == "My own words."
    assert "A second thought." in (again[1].body or "")  # the untouched draft is updated


def test_compose_many_two_drafts_with_one_key_make_one_message(world):
    lead = _lead(world)
    one = _draft(lead)
    other = one.model_copy(update={"data": {**one.data, "body": "A later thought."}})
    messages = compose_many(world.ctx(), [one, other])
    rows = world.table("Messages").all()
    assert len(rows) == 1 and messages[0].id == messages[1].id == rows[0]["id"]
    assert "A later thought." in (messages[1].body or "")  # as composing them in turn leaves it


def test_compose_many_decides_each_draft_as_compose_does_and_writes_nothing_in_shadow(world):
    """A mixed batch (a marketing draft, an auto-send kind to a lead who unsubscribed, the coach's own
    report, a Slack alert) is stored as composing each in turn stores it; in Shadow nothing is written."""
    ann, bea = (
        _lead(world, email="ann@north.example"),
        _lead(world, email="bea@south.example", Status="Unsubscribed"),
    )
    drafts = [
        _draft(ann, email="ann@north.example"),
        _draft(bea, kind="Follow-up Reminder", email="bea@south.example"),
        Draft(kind="Daily Brief", channel="Email", recipient="sarah@coach.example", subject="Brief",
              template="report", data={"heading": "Today", "sections": [], "metrics": []},
              dedupe_key="brief:1"),
        Draft(kind="Health Alert", channel="Slack", recipient="#coaching-ops", subject="Alert",
              template="alert", data={"heading": "At risk", "summary": "Jo"}, dedupe_key="alert:1"),
    ]  # fmt: skip
    fields = ("status", "error", "subject", "body", "body_html", "recipient", "lead", "client", "claim_token")
    assert compose_many(world.ctx(mode="Shadow"), drafts) and world.table("Messages").all() == []
    many = [tuple(getattr(m, f) for f in fields) for m in compose_many(world.ctx(), drafts)]
    world.table("Messages").batch_delete([r["id"] for r in world.table("Messages").all()])
    one = [tuple(getattr(compose(world.ctx(), d, send=False), f) for f in fields) for d in drafts]
    assert many == one and [s[0] for s in many] == ["Draft", "Cancelled", "Approved", "Approved"]
