"""The deal pipeline over HTTP against the local server: won → exactly one client, lost → ask why."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from pyairtable import formulas as F

from automation.events.runner import run_automations
from automation.models import Associate, Client, Deal, Lead, Message, Package


def _won_deal(world, lead_email: str = "jane@acme.example", **deal: object) -> tuple[Lead, Deal]:
    gw = world.gw
    lead = gw.create(
        Lead,
        [
            {
                "name": "Jane Doe",
                "email": lead_email,
                "company": "Acme",
                "status": "Proposal",
                "lead_source": "Referral",
                "source_detail": "Tom Baker",
            }
        ],
    )[0]
    pkg = gw.create(Package, [{"name": "Executive 6 months", "price": 2000}])[0]
    closer = gw.create(Associate, [{"name": "Ann Lee", "commission_pct": 0.1}])[0]
    row = {
        "deal_name": "Jane Doe – Acme",
        "lead": [lead.id],
        "deal_value": 12_000,
        "pipeline_stage": "Closed Won",
        "closed_by": [closer.id],
        "package": [pkg.id],
        **deal,
    }
    return lead, gw.create(Deal, [row])[0]


def test_won_deal__creates_exactly_one_client_linked_both_ways_and_converts_the_lead(world) -> None:
    lead, deal = _won_deal(world)
    leads_table = f"/v0/{world.base_id}/{world.gw.table(Lead).id}"
    messages = f"/v0/{world.base_id}/{world.gw.table(Message).id}"
    since = len(world.calls())
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    lead_writes = [
        c for c in world.calls()[since:] if (c["method"], c["path"].split("?")[0]) == ("PATCH", leads_table)
    ]
    assert len(lead_writes) == 1  # Converted and the lead automations' answer (Stopped) in one write
    deals_table = f"/v0/{world.base_id}/{world.gw.table(Deal).id}"
    deal_reads = [
        c for c in world.calls()[since:] if (c["method"], c["path"].split("?")[0]) == ("GET", deals_table)
    ]
    assert len(deal_reads) == 1  # the lead's status rule used the deal the run had just written
    clients_table = f"/v0/{world.base_id}/{world.gw.table(Client).id}"
    client_reads = [
        c for c in world.calls()[since:] if (c["method"], c["path"].split("?")[0]) == ("GET", clients_table)
    ]
    assert len(client_reads) == 1  # the client search and the associates' loads for the proposal: one read
    # The associate proposal (a Draft for the coach) goes in the stage check's upsert, then its Sent write.
    assert sorted(m.kind for m in world.gw.all(Message)) == ["Associate Proposal", "Deal Stage Check"]
    message_writes = [
        c for c in world.calls()[since:] if (c["method"], c["path"].split("?")[0]) == ("PATCH", messages)
    ]
    assert len(message_writes) == 2
    gw = world.gw
    clients = gw.all(Client)
    assert len(clients) == 1
    client = clients[0]
    deal = gw.get(Deal, deal.id)
    assert deal.client == [client.id] and client.deals == [deal.id]  # linked both ways
    assert (client.name, client.email, client.status, client.referral_src) == (
        "Jane Doe",
        "jane@acme.example",
        "Active",
        "Referral: Tom Baker",
    )
    assert client.package == deal.package and client.start_date == ctx.today() and client.associate == []
    assert (deal.probability, deal.weighted_value, deal.commission, deal.actual_close) == (
        1.0,
        12_000,
        1_200,
        ctx.today(),
    )
    lead = gw.get(Lead, lead.id)
    assert lead.status == "Converted" and lead.nurture_sequence == "Stopped"

    for changed in (None, {deal.id: {"pipeline_stage"}}):  # the event replayed; the deal saved again
        ctx = world.ctx()
        with ctx.run:
            run_automations(ctx, "deals", [deal.id], changed)
    assert len(gw.all(Client)) == 1 and gw.get(Deal, deal.id).client == [client.id]


def _won_after_a_flagged_move(world) -> tuple[Deal, int]:
    """A deal opened at Prospect, moved to Proposal without its Proposal Sent (a stage check, linked to the
    deal), then won without its Contract Sent: the win is run; returns the deal and the log's length
    before the win's run."""
    gw = world.gw
    _, deal = _won_deal(world, pipeline_stage="Prospect")
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    for stage in ("Proposal", "Closed Won"):
        gw.update(Deal, [(gw.get(Deal, deal.id), {"pipeline_stage": stage})])
        since = len(world.calls())
        ctx = world.ctx()
        with ctx.run:
            run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage"}})
    return deal, since


def test_won_deal__a_deal_linking_an_earlier_stage_check__its_new_client_proves_the_wins_check_new(
    world,
) -> None:
    """The won deal links the check of its earlier move, so its own read cannot prove the win's check new
    (compose's `about`); the client the win creates can: a check of this change is composed only after its
    client is looked up, so none exists before the upsert that creates the client. No Messages read (no
    other client waits for an associate, so no proposal can be waiting either)."""
    deal, since = _won_after_a_flagged_move(world)
    messages = f"/v0/{world.base_id}/{world.gw.table(Message).id}"
    reads = [c for c in world.calls()[since:] if (c["method"], c["path"].split("?")[0]) == ("GET", messages)]
    assert reads == []
    checks = sorted((m.subject or "") for m in _checks(world) if m.status == "Sent")
    assert len(checks) == 2 and len(_sent_checks(world)) == 2  # the move's and the win's, each sent once
    assert gw_client_count(world) == 1 and world.gw.get(Deal, deal.id).client


def test_won_deal__a_retry_of_a_win_cut_short_before_the_deal_write__finds_its_client_and_its_check(
    world,
) -> None:
    """A win whose run stopped after its client and its check, before the deal's write: the retry finds the
    client (no proof of a new check then), reads the check's key and composes and sends nothing again."""
    gw = world.gw
    deal, _ = _won_after_a_flagged_move(world)
    won = gw.get(Deal, deal.id)
    history = "\n".join(won.stage_history.splitlines()[:-1])  # the deal as it was before the win's write
    gw.update(Deal, [(won, {"stage_history": history, "client": [], "actual_close": None})])
    ctx = world.ctx(now=datetime.now(UTC) + timedelta(minutes=2))
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage"}})
    assert len(_checks(world)) == 2 and len(_sent_checks(world)) == 2
    assert gw_client_count(world) == 1 and gw.get(Deal, deal.id).client


def test_won_deal__two_runs_of_one_win_at_once__one_client_and_the_wins_check_sent_once(
    world, monkeypatch
) -> None:
    """Two instances process the same win together (a ping delivered twice), their client upserts released
    at once: Airtable reports one as the creator; the other, which updated the client, has no proof that
    the check is new, and its compose finds or races the creator's check by the claim's rules. One client,
    the win's check sent once."""
    import threading

    from automation.airtable.gateway import Gateway

    gw = world.gw
    _, deal = _won_deal(world, pipeline_stage="Prospect")
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    gw.update(Deal, [(gw.get(Deal, deal.id), {"pipeline_stage": "Proposal"})])
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage"}})
    gw.update(Deal, [(gw.get(Deal, deal.id), {"pipeline_stage": "Closed Won"})])
    barrier, upsert = threading.Barrier(2, timeout=20), Gateway.upsert

    def together(self, model, rows, *args, **kwargs):
        if model is Client:
            barrier.wait()
        return upsert(self, model, rows, *args, **kwargs)

    monkeypatch.setattr(Gateway, "upsert", together)
    failed: list[BaseException] = []

    def run() -> None:
        ctx = world.ctx()
        try:
            with ctx.run:
                run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage"}})
        except BaseException as exc:  # reported below
            failed.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert failed == []
    assert gw_client_count(world) == 1
    assert len(_checks(world)) == 2 and len(_sent_checks(world)) == 2


def gw_client_count(world) -> int:
    return len(world.gw.all(Client))


def test_won_deal__a_returning_client_is_linked_not_duplicated(world) -> None:
    existing = world.gw.create(
        Client, [{"name": "Jane Doe", "email": "Jane@Acme.example ", "status": "Completed"}]
    )[0]
    _, deal = _won_deal(world)
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    assert [c.id for c in world.gw.all(Client)] == [existing.id]
    assert world.gw.get(Deal, deal.id).client == [existing.id]
    got = world.gw.get(Client, existing.id)
    assert got.status == "Completed"  # linked, not overwritten
    assert got.package == deal.package  # she had none: billing reads the package from the client


def _calls(world, since: int, method: str, model: type) -> int:
    path = f"/v0/{world.base_id}/{world.gw.table(model).id}"
    return sum((c["method"], c["path"].split("?")[0]) == (method, path) for c in world.calls()[since:])


def test_won_deal__a_package_linked_after_the_win_reaches_its_client_and_a_stage_move_reads_no_client(
    world,
) -> None:
    """Billing reads the Package from the client: a deal won first and given its package after left the
    client without one (never billed). The package change reaches the client; a stage move costs no read."""
    gw = world.gw
    _, deal = _won_deal(world, package=[])
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    (client,) = gw.all(Client)
    assert client.package == []
    pkg, other = gw.create(Package, [{"name": "Monthly retainer", "price": 900}, {"name": "Per session"}])
    since = len(world.calls())
    _move(world, gw.get(Deal, deal.id), package=[pkg.id])
    assert _calls(world, since, "GET", Client) == 1 and _calls(world, since, "PATCH", Client) == 1
    assert _calls(world, since, "GET", Associate) == 0  # the pipeline's close is not redone
    assert gw.get(Client, client.id).package == [pkg.id]

    # Changed again: the client now has a package of her own (maybe set by the coach): kept, and said.
    ctx = world.ctx()
    gw.update(Deal, [(gw.get(Deal, deal.id), {"package": [other.id]})])
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], {deal.id: {"package"}})
    assert gw.get(Client, client.id).package == [pkg.id]
    assert [(p.table, p.record_id, p.field) for p in ctx.run.problems] == [("clients", client.id, "package")]

    # A stage move (the common edit) reads no client, whatever the deal links.
    lead, open_deal = _qualified_lead_and_its_deal(world)
    gw.update(Deal, [(open_deal, {"package": [pkg.id]})])
    since = len(world.calls())
    _move(world, gw.get(Deal, open_deal.id), pipeline_stage="Proposal")
    assert _calls(world, since, "GET", Client) == 0


def test_won_deal__a_client_linked_by_hand_before_the_win_gets_the_deals_package_when_it_is_won(
    world,
) -> None:
    """The coach linked the deal to the client record herself while it was open (a returning client, or one
    she typed in); the win creates no client, and billing reads the Package from the client: she must get
    the deal's package at the win, not only if the coach happens to change the package afterwards."""
    gw = world.gw
    lead, deal = _qualified_lead_and_its_deal(world)
    pkg = gw.create(Package, [{"name": "Monthly retainer", "price": 900}])[0]
    client = gw.create(Client, [{"name": "Raj Patel", "email": "raj.p@other.example", "status": "Active"}])[0]
    _move(world, deal, client=[client.id], package=[pkg.id])
    assert gw.get(Client, client.id).package == []  # still open: nothing to bill yet
    since = len(world.calls())
    _move(world, deal, pipeline_stage="Closed Won")
    assert gw.get(Client, client.id).package == [pkg.id]
    assert len(gw.all(Client)) == 1 and gw.get(Deal, deal.id).client == [client.id]
    assert _calls(world, since, "PATCH", Client) == 1
    since = len(world.calls())
    _move(world, deal, pipeline_stage="Closed Won")  # saved again: nothing more to write
    assert _calls(world, since, "PATCH", Client) == 0


def test_won_deal__the_client_with_another_spelling_of_the_leads_mailbox_is_linked_not_duplicated(
    world,
) -> None:
    """The client was typed as "Jane.Doe+coaching@gmail.com", the lead as "janedoe@gmail.com": one inbox,
    one person. Winning her deal links that client; a client at a near address is not taken for her."""
    gw = world.gw
    existing, _ = gw.create(
        Client,
        [
            {"name": "Jane Doe", "email": "Jane.Doe+coaching@gmail.com", "status": "Active"},
            {"name": "Jan Edoe", "email": "janedoe2@gmail.com", "status": "Active"},
        ],
    )
    _, deal = _won_deal(world, lead_email="janedoe@gmail.com")
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    assert len(gw.all(Client)) == 2
    assert gw.get(Deal, deal.id).client == [existing.id]


def test_lost_deal_without_reason__asks_the_coach_once(world) -> None:
    deal = world.gw.create(
        Deal, [{"deal_name": "Big Co", "deal_value": 5_000, "pipeline_stage": "Closed Lost"}]
    )[0]
    for _ in range(2):
        ctx = world.ctx()
        with ctx.run:
            run_automations(ctx, "deals", [deal.id], None)
    asks = world.gw.all(Message, formula=world.gw.ref(Message, "kind").eq("Lost Reason Request"))
    assert len(asks) == 1 and asks[0].deal == [deal.id] and asks[0].status == "Sent"
    assert len(world.outbox()) == 1  # delivered to the outbox (no Slack key)
    assert world.gw.get(Deal, deal.id).actual_close is not None


def test_stage_change__probability_weighted_value_and_history(world) -> None:
    deal = world.gw.create(
        Deal, [{"deal_name": "Acme", "deal_value": 10_000, "pipeline_stage": "Qualified"}]
    )[0]
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    world.gw.update(
        Deal, [(world.gw.get(Deal, deal.id), {"pipeline_stage": "Proposal", "probability_override": 0.6})]
    )
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage", "probability_override"}})
    got = world.gw.get(Deal, deal.id)
    assert (got.probability, got.weighted_value) == (0.6, 6_000)
    assert [line.split(" ", 1)[1] for line in got.stage_history.splitlines()] == ["Qualified", "Proposal"]
    assert got.stage_changed_at is not None


def test_stage_check__a_retry_minutes_later_of_a_run_that_never_wrote_the_deal_composes_no_second(
    world,
) -> None:
    """A paste of many deals ran out of its budget after composing a deal's stage check and before writing
    the deal; the ping retried two minutes later. The check is keyed on the change (the stage it leaves in
    Stage History), not the minute it was processed: one check. A later move back is a new change."""
    from datetime import UTC, datetime, timedelta

    gw = world.gw
    deal = gw.create(Deal, [{"deal_name": "Acme", "deal_value": 10_000, "pipeline_stage": "Proposal"}])[0]
    t0 = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    ctx = world.ctx(now=t0)
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])

    def checks() -> int:
        return len([m for m in gw.all(Message) if m.kind == "Deal Stage Check"])

    before = checks()
    written = gw.get(Deal, deal.id)
    gw.update(Deal, [(written, {"pipeline_stage": "Qualified"})])  # backwards: a check
    ctx = world.ctx(now=t0 + timedelta(minutes=30))
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage"}})
    assert checks() == before + 1
    # As if that run had stopped before its deal write: the retry finds the deal as it was then.
    moved = gw.get(Deal, deal.id)
    gw.update(
        Deal,
        [(moved, {"stage_history": written.stage_history, "stage_changed_at": written.stage_changed_at})],
    )
    ctx = world.ctx(now=t0 + timedelta(minutes=32))
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage"}})
    assert checks() == before + 1
    for stage, minutes in (("Proposal", 60), ("Qualified", 90)):  # forward again, then back again
        was = checks()
        gw.update(Deal, [(gw.get(Deal, deal.id), {"pipeline_stage": stage})])
        ctx = world.ctx(now=t0 + timedelta(minutes=minutes))
        with ctx.run:
            run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage"}})
    assert checks() == was + 1  # the second move back is a change of its own: its own check


def test_qualified_lead__opens_one_deal_even_when_run_twice(world) -> None:
    lead = world.gw.create(
        Lead, [{"name": "Raj Patel", "email": "raj@bank.example", "company": "Bank", "status": "Qualified"}]
    )[0]
    for _ in range(2):
        ctx = world.ctx()
        with ctx.run:
            run_automations(ctx, "leads", [lead.id], {lead.id: {"status"}})
    deals = world.gw.all(Deal, formula=F.FIND("Raj", world.gw.ref(Deal, "deal_name")))
    assert len(deals) == 1
    d = deals[0]
    assert (d.deal_name, d.pipeline_stage, d.probability, d.lead) == (
        "Raj Patel – Bank",
        "Qualified",
        0.25,
        [lead.id],
    )
    assert d.created_date == ctx.today() and d.stage_history.endswith(" Qualified")


def test_won_deal__the_new_clients_proposal_counts_the_loads_read_with_the_client_search(world) -> None:
    """An associate whose one place is taken by an Active client is not proposed; a free one is."""
    gw = world.gw
    full, free = gw.create(
        Associate,
        [
            {"name": "Fay Full", "status": "Active", "max_clients": 1},
            {"name": "Fred Free", "status": "Active", "max_clients": 1},
        ],
    )
    gw.create(
        Client,
        [{"name": "Old Client", "email": "old@client.example", "status": "Active", "associate": [full.id]}],
    )
    _, deal = _won_deal(world)
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    (proposal,) = [m for m in gw.all(Message) if m.kind == "Associate Proposal"]
    assert proposal.associate == [free.id]
    assert "Fred Free" in (proposal.body or "") and "Fay Full" not in (proposal.body or "")


def _qualified_lead_and_its_deal(world) -> tuple[Lead, Deal]:
    lead = world.gw.create(
        Lead, [{"name": "Raj Patel", "email": "raj@bank.example", "company": "Bank", "status": "Qualified"}]
    )[0]
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "leads", [lead.id], {lead.id: {"status"}})
    return lead, world.gw.all(Deal, formula=F.FIND("Raj", world.gw.ref(Deal, "deal_name")))[0]


def _move(world, deal: Deal, **fields: object) -> None:
    world.gw.update(Deal, [(world.gw.get(Deal, deal.id), fields)])
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], {deal.id: set(fields)})


def test_lost_deal__its_lead_goes_back_to_nurture_and_a_later_reply_opens_no_second_attempt(world) -> None:
    lead, deal = _qualified_lead_and_its_deal(world)
    _move(world, deal, pipeline_stage="Closed Lost", lost_reason="Budget frozen")
    got = world.gw.get(Lead, lead.id)
    assert got.status == "Nurture"
    assert got.nurture_sequence not in ("Paused", "Stopped") and not got.next_action.startswith("Deal open")

    world.gw.update(Lead, [(got, {"replies": 1})])  # months later they write back
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "leads", [lead.id], {lead.id: {"replies"}})
    assert [d.id for d in world.gw.all(Deal)] == [deal.id]  # the coach qualifies again to open attempt 2
    assert world.gw.get(Lead, lead.id).next_action.startswith("Reply to Raj Patel")


def test_won_deal_reopened__its_lead_is_back_in_the_pipeline_and_nurture_stays_paused(world) -> None:
    lead, deal = _qualified_lead_and_its_deal(world)
    _move(world, deal, pipeline_stage="Closed Won", deal_value=5_000)
    assert world.gw.get(Lead, lead.id).status == "Converted"
    _move(world, deal, pipeline_stage="Negotiation")
    got = world.gw.get(Lead, lead.id)
    assert (got.status, got.nurture_sequence) == ("Proposal", "Paused")
    assert got.next_action == "Deal open: move Raj Patel's deal forward"


def test_deal_opened_by_the_coach__an_engaged_lead_is_qualified_and_no_longer_emailed(world) -> None:
    lead = world.gw.create(
        Lead,
        [
            {
                "name": "Eve Stone",
                "email": "eve@stone.example",
                "status": "Engaged",
                "replies": 1,
                "nurture_sequence": "Warm",
                "nurture_step": 2,
            }
        ],
    )[0]
    deal = world.gw.create(
        Deal, [{"deal_name": "Eve Stone", "lead": [lead.id], "pipeline_stage": "Qualified"}]
    )[0]
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    got = world.gw.get(Lead, lead.id)
    assert (got.status, got.nurture_sequence) == ("Qualified", "Paused")
    assert len(world.gw.all(Deal)) == 1  # its own deal, not a second one opened for the Qualified status


def test_won_deal__a_closer_commission_above_100_percent_is_reported_not_read_as_1_5_percent(world) -> None:
    """Commission % is a percent cell: 150 % reads 1.5. No commission above the deal's value is stated,
    and none shrunk a hundredfold either: the field stays empty and the run record says why."""
    _, deal = _won_deal(world)
    world.gw.update(Associate, [(world.gw.get(Associate, deal.closed_by[0]), {"commission_pct": 1.5})])
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    got = world.gw.get(Deal, deal.id)
    assert got.commission is None and got.client  # the rest of the close went ahead
    assert [(p.table, p.record_id, p.field) for p in ctx.run.problems] == [
        ("associates", deal.closed_by[0], "commission_pct")
    ]


def test_deal__a_negative_deal_value_states_no_negative_weighted_value_or_commission(world) -> None:
    _, deal = _won_deal(world, deal_value=-500)
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    got = world.gw.get(Deal, deal.id)
    assert got.commission is None and got.weighted_value is None
    assert [(p.table, p.record_id, p.field) for p in ctx.run.problems] == [("deals", deal.id, "deal_value")]


def test_deal__a_stage_the_coach_added_by_hand_is_named_not_left_out_of_the_forecast_silently(world) -> None:
    # Pipeline Stage is a single select: a coach can add her own option ("Waiting on budget") in Airtable.
    lead = world.gw.create(Lead, [{"name": "Ivy Fox", "email": "ivy@fox.example", "status": "Qualified"}])[0]
    table = world.server.api(world.config.airtable_api_key.get_secret_value()).table(world.base_id, "Deals")
    own, known = (world.gw.get(Deal, r["id"]) for r in table.batch_create([
        {"Deal Name": "Fox: own stage", "Lead": [lead.id], "Pipeline Stage": "Waiting on budget",
         "Deal Value": 9000},
        {"Deal Name": "Fox: overridden", "Lead": [lead.id], "Pipeline Stage": "Verbal yes",
         "Deal Value": 9000, "Probability Override": 0.9},
    ], typecast=True))  # fmt: skip
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [own.id, known.id], None, created=[own.id, known.id])
    assert world.gw.get(Deal, known.id).weighted_value == 8100  # her own figure stands: nothing to say
    problems = [(p.table, p.record_id, p.field) for p in ctx.run.problems]
    assert problems == [("deals", own.id, "pipeline_stage")]
    assert "stage_probabilities" in ctx.run.problems[0].reason


def test_deal_opened__the_nurture_follow_up_no_longer_nags_the_coach_and_costs_no_extra_write(world) -> None:
    """Once a deal is worked, the lead's next step is the deal's: the warm touch's date and text go, in the
    same lead write that moves its status (the daily brief lists leads by Follow-up Due)."""
    from datetime import timedelta

    from automation.reports.brief import follow_ups_due

    today = world.ctx().today()
    lead = world.gw.create(
        Lead,
        [
            {
                "name": "Eve Stone",
                "email": "eve@stone.example",
                "status": "Engaged",
                "nurture_sequence": "Warm",
                "nurture_step": 2,
                "follow_up_due": (today - timedelta(days=2)).isoformat(),
                "next_action": f"Next warm touch to Eve Stone on {today - timedelta(days=2)}; email 2 is in "
                "Messages",
            }
        ],
    )[0]
    deal = world.gw.create(
        Deal, [{"deal_name": "Eve Stone", "lead": [lead.id], "pipeline_stage": "Proposal"}]
    )[0]
    leads_table = f"/v0/{world.base_id}/{world.gw.table(Lead).id}"
    since = len(world.calls())
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    got = world.gw.get(Lead, lead.id)
    assert got.status == "Qualified" and got.follow_up_due is None  # Engaged goes in at Qualified
    assert got.next_action == "Deal open: move Eve Stone's deal forward"
    assert follow_ups_due([got], today) == []
    writes = [
        c for c in world.calls()[since:] if (c["method"], c["path"].split("?")[0]) == ("PATCH", leads_table)
    ]
    assert len(writes) == 1

    # A follow-up date the coach sets while the deal is open is hers: it stands.
    world.gw.update(Lead, [(got, {"follow_up_due": today + timedelta(days=3)})])
    _move(world, deal, pipeline_stage="Negotiation")
    assert world.gw.get(Lead, lead.id).follow_up_due == today + timedelta(days=3)


def test_won_deal__an_unsubscribed_lead_becomes_a_client_and_keeps_its_unsubscribe(world) -> None:
    """She unsubscribed from the nurture emails, then signed: the client is created, and the lead's
    Unsubscribed (the answer to marketing) is not overwritten by Converted, so when she is a former client
    the marketing emails still stay away."""
    lead, deal = _won_deal(world)
    world.gw.update(Lead, [(lead, {"status": "Unsubscribed"})])
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    got = world.gw.get(Deal, deal.id)
    assert got.client and [c.id for c in world.gw.all(Client)] == got.client
    assert world.gw.get(Lead, lead.id).status == "Unsubscribed"


def test_lead_set_back_to_new_while_its_deal_is_at_proposal__stays_in_the_pipeline_and_is_not_emailed(
    world,
) -> None:
    """Nurture reads the status: a lead at New would get a first touch while her proposal is out. The
    status goes back into the pipeline, the run record says to close the deal instead, and no email waits."""
    lead, deal = _qualified_lead_and_its_deal(world)
    _move(world, deal, pipeline_stage="Proposal", proposal_sent=world.ctx().today())
    world.gw.update(Lead, [(world.gw.get(Lead, lead.id), {"status": "New"})])
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "leads", [lead.id], {lead.id: {"status"}})
    got = world.gw.get(Lead, lead.id)
    assert got.status in ("Qualified", "Proposal") and got.nurture_sequence == "Paused"
    assert [m.kind for m in world.gw.all(Message) if lead.id in m.lead] == []
    assert [(p.record_id, p.field) for p in ctx.run.problems] == [(lead.id, "status")]
    assert "Closed Lost" in ctx.run.problems[0].reason


def _pasted_won(world, n: int) -> list[Deal]:
    """n deals pasted to Closed Won in one change (a column of stages), each with its lead, none with its
    Contract Sent: each is flagged to the coach."""
    gw = world.gw
    leads = gw.create(Lead, [{"name": f"Lee {k}", "email": f"lee{k}@co{k}.example"} for k in range(n)])
    row = {"deal_value": 9000, "pipeline_stage": "Closed Won"}
    return gw.create(
        Deal, [{"deal_name": f"Co {k}: coaching", "lead": [x.id], **row} for k, x in enumerate(leads)]
    )


def _budget_ends_at_the_client_of(monkeypatch, deal: Deal) -> None:
    """The run's budget ends as this deal's client is looked up (once): from then on the gateway refuses
    every Airtable call of that run, as it does once a webhook run's deadline has passed."""
    import time

    from automation.leads import deals as pipeline

    real, fired = pipeline.client_for, []

    def client_for(ctx, d, lead):
        if d.id == deal.id and not fired:
            fired.append(d.id)
            ctx.run.deadline = ctx.deadline = time.monotonic() - 1.0
        return real(ctx, d, lead)

    monkeypatch.setattr(pipeline, "client_for", client_for)


def _run_cut_short(world, monkeypatch, deals: list[Deal]) -> None:
    from automation.errors import AirtableError

    _budget_ends_at_the_client_of(monkeypatch, deals[-1])
    ctx = world.ctx()
    with ctx.run, pytest.raises(AirtableError):
        run_automations(ctx, "deals", [d.id for d in deals], None, created=[d.id for d in deals])


def _checks(world) -> list[Message]:
    return [m for m in world.gw.all(Message) if m.kind == "Deal Stage Check"]


def _sent_checks(world) -> list[dict]:
    """The stage checks that reached the provider (the outbox: no Slack key), as envelopes."""
    envelopes = [json.loads(p.read_text()) for p in world.outbox()]
    return [e for e in envelopes if "Deal Stage Check" in json.dumps(e)]


def test_deals_won_in_one_paste__their_stage_checks_are_delivered_together_each_once(world) -> None:
    """A pasted column of stages flags several deals at once: the checks are stored and then delivered in
    one batch (one claim), not claimed one by one as they are stored."""
    n = 4
    deals = _pasted_won(world, n)
    messages = f"/v0/{world.base_id}/{world.gw.table(Message).id}"
    since = len(world.calls())
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "deals", [d.id for d in deals], None, created=[d.id for d in deals])
    checks = _checks(world)
    assert sorted(m.deal[0] for m in checks) == sorted(d.id for d in deals)  # one each
    assert {m.status for m in checks} == {"Sent"}
    writes = [
        c
        for c in world.calls()[since:]
        if c["method"] in ("POST", "PATCH") and c["path"].split("?")[0] == messages
    ]
    # One upsert per check (the associate proposals go with them), one claim and one Sent write for the
    # batch (claimed one by one, each check took its own Sent write: 2 per check).
    assert len(writes) <= n + 3


def test_deals_won_in_one_paste__a_run_out_of_budget_leaves_no_check_sending_and_the_retry_sends_each_once(
    world, monkeypatch
) -> None:
    """The run's budget ended on the last deal's client, before any check was delivered. Claimed as they
    were stored, the checks stayed Sending for good (the retry found them claimed, send-due skips them);
    queued instead, the retried ping delivers every deal's check, once."""
    n = 4
    deals = _pasted_won(world, n)
    _run_cut_short(world, monkeypatch, deals)
    assert [m.status for m in _checks(world) if m.status == "Sending"] == []
    ctx = world.ctx(now=datetime.now(UTC) + timedelta(minutes=1))  # Airtable retries the ping
    with ctx.run:
        run_automations(ctx, "deals", [d.id for d in deals], None, created=[d.id for d in deals])
    checks = _checks(world)
    assert sorted(m.deal[0] for m in checks) == sorted(d.id for d in deals)  # one each
    assert {m.status for m in checks} == {"Sent"}
    assert len(_sent_checks(world)) == n  # each sent once


def test_deals_won_in_one_paste__a_retry_a_minute_later_composes_no_second_check_and_none_is_sent_twice(
    world, monkeypatch
) -> None:
    """The checks the cut-short run queued are sent by send-due; the ping retried a minute later (the
    deals still unwritten) finds each deal's check by its key, composes none again, and send-due after it
    sends nothing twice."""
    from automation.messages.automations import send_due

    n = 4
    deals = _pasted_won(world, n)
    _run_cut_short(world, monkeypatch, deals)
    ctx = world.ctx()
    with ctx.run:
        send_due(ctx)
    assert len(_sent_checks(world)) == n - 1  # the last deal's check was never composed
    ctx = world.ctx(now=datetime.now(UTC) + timedelta(minutes=2))
    with ctx.run:
        run_automations(ctx, "deals", [d.id for d in deals], None, created=[d.id for d in deals])
    ctx = world.ctx(now=datetime.now(UTC) + timedelta(minutes=3))
    with ctx.run:
        send_due(ctx)
    checks = _checks(world)
    assert sorted(m.deal[0] for m in checks) == sorted(d.id for d in deals)  # no second check
    assert {m.status for m in checks} == {"Sent"}
    assert len(_sent_checks(world)) == n  # none sent twice
