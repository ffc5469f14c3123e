"""The leads-daily job over HTTP: paged reads, writes of changes only (in tens), due steps, snapshot."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta

from automation.leads.daily import leads_daily, load_snapshot
from automation.models import Deal, Lead, Message, StateEntry
from bench.leads_bench import per_table, realistic_leads

NOW = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)


def _day(world, now: datetime) -> tuple[dict, dict]:
    since = world.server.mark()
    ctx = world.ctx(now=now, budget_s=120, job="leads-daily")
    with ctx.run:
        summary = leads_daily(ctx)
    return summary, per_table(world, since)


def test_leads_daily__reads_in_pages_and_writes_only_changes_in_tens(world) -> None:
    world.gw.create(Lead, realistic_leads(230))
    first, calls = _day(world, NOW)
    assert first["leads_written"] == 230
    assert (calls[("GET", "Leads")], calls[("PATCH", "Leads")]) == (3, 23)

    again, calls = _day(world, NOW)
    assert again["leads_written"] == 0 and calls[("PATCH", "Leads")] == 0
    assert calls[("GET", "Clients")] == 1  # one read of Clients per run (nothing drafted: compose reads none)

    later, calls = _day(world, NOW + timedelta(days=1))
    assert 0 < later["leads_written"] < 230  # engagement faded for some
    assert calls[("PATCH", "Leads")] == math.ceil(later["leads_written"] / 10)
    assert not world.gw.all(Message)  # no Hot alert burst from the daily job


# A Warm lead one touch into its sequence, its next step due today.
NURTURED = {
    "status": "Contacted",
    "title": "VP Sales",
    "company_size": 500,
    "industry": "Technology",
    "lead_source": "Website",
    "timeline": "1-3 months",
    "nurture_sequence": "Warm",
    "nurture_step": 1,
    "follow_up_due": NOW.date(),
}


def test_leads_daily__drafts_the_steps_that_fell_due_once(world) -> None:
    lead = world.gw.create(
        Lead,
        [{**NURTURED, "name": "Jane Doe", "email": "jane@acme.example", "created_date": NOW.date()}],
    )[0]
    for _ in range(2):
        _day(world, NOW)
    drafts = world.gw.all(Message)
    assert [(m.kind, m.status, m.dedupe_key) for m in drafts] == [
        ("Nurture Email", "Draft", f"{lead.id}:nurture:2")
    ]
    got = world.gw.get(Lead, lead.id)
    assert (got.nurture_step, got.follow_up_due) == (2, NOW.date() + timedelta(days=4))


def test_leads_daily__a_sent_nurture_email_counts_as_contact(world) -> None:
    lead = world.gw.create(
        Lead,
        [
            {
                "name": "Sam",
                "email": "sam@x.example",
                "status": "New",
                "nurture_step": 1,
                "nurture_sequence": "Cool",
                "follow_up_due": NOW.date() + timedelta(days=20),
            }
        ],
    )[0]
    world.gw.create(
        Message,
        [
            {
                "title": "t",
                "kind": "First Touch",
                "channel": "Email",
                "status": "Sent",
                "recipient": "sam@x.example",
                "lead": [lead.id],
                "dedupe_key": f"{lead.id}:nurture:1",
                "sent_at": NOW - timedelta(hours=20),
            }
        ],
    )
    summary, _ = _day(world, NOW)
    got = world.gw.get(Lead, lead.id)
    assert summary["contacts_noted"] == 1
    assert (got.first_contact, got.last_contact, got.status) == (
        NOW.date() - timedelta(days=1),
        NOW.date() - timedelta(days=1),
        "Contacted",
    )


def test_leads_daily__keeps_one_forecast_snapshot_per_month(world) -> None:
    world.gw.create(
        Deal,
        [
            {
                "deal_name": "A",
                "deal_value": 10_000,
                "pipeline_stage": "Proposal",
                "expected_close": NOW.date() + timedelta(days=5),
            }
        ],
    )
    first, _ = _day(world, NOW)
    second, calls = _day(world, NOW + timedelta(days=1))
    assert (first["forecast_snapshot"], second["forecast_snapshot"]) == (True, False)
    assert calls[("PATCH", "System State")] == 0
    entries = world.gw.all(StateEntry, formula={"key": "leads.forecast.2026-11"})
    assert len(entries) == 1 and json.loads(entries[0].value)["months"]["2026-11"] == 5_000.0
    ctx = world.ctx(now=NOW)
    with ctx.run:
        assert load_snapshot(ctx, "2026-11")["taken_on"] == "2026-11-20"
        assert load_snapshot(ctx, "2026-10") is None
    deal = world.gw.all(Deal)[0]
    assert (deal.probability, deal.weighted_value) == (0.5, 5_000)  # open deals refreshed too


def test_leads_daily__rescues_an_unscored_new_lead_but_not_one_held_as_spam(world) -> None:
    """The form's inline run did not finish for one lead; another was held as spam (Lost, never scored):
    the daily job processes the first as a new lead (score, first-touch draft) and leaves the second."""
    new, held = world.gw.create(
        Lead,
        [
            {"name": "Ann Lee", "email": "ann@firm.example", "status": "New", "title": "COO"},
            {"name": "Jess", "email": "jess@rank.example", "status": "Lost", "next_action": "Possible spam"},
        ],
    )
    now = datetime.now(UTC)
    # A lead of her history brought into the base today keeps its old Created Date: scored, not greeted.
    (old,) = world.gw.create(
        Lead,
        [{"name": "Bo Old", "email": "bo@old.example", "status": "New", "title": "CEO",
          "created_date": now.date() - timedelta(days=400)}],
    )  # fmt: skip
    summary, _ = _day(world, now)
    assert summary["unscored_leads_scored"] == [new.id]
    drafts = world.gw.all(Message, formula=world.gw.ref(Message, "kind").eq("First Touch"))
    assert [d.lead for d in drafts] == [[new.id]]
    assert world.gw.get(Lead, old.id).lead_score is not None


def test_leads_daily__stops_the_nurture_of_a_lead_who_is_a_current_client_once(world) -> None:
    from automation.models import Client

    # Typed into the grid (the webhook reads no Clients): leads in nurture at clients' addresses.
    world.gw.create(
        Client,
        [
            {"name": "Ines Duarte", "email": "ines@duarte.example", "status": "Active"},
            {"name": "Kofi Mensah", "email": "kofi@mensah.example", "status": "Churned"},
        ],
    )
    nurtured = {**NURTURED, "created_date": NOW.date() - timedelta(days=3)}
    ines, kofi = world.gw.create(
        Lead,
        [
            {**nurtured, "name": "Ines D.", "email": "Ines+Site@Duarte.example"},
            {**nurtured, "name": "Kofi Mensah", "email": "kofi@mensah.example"},
        ],
    )
    _day(world, NOW)
    got = world.gw.get(Lead, ines.id)
    assert got.nurture_sequence == "Stopped" and got.next_action.startswith("Current client Ines Duarte")
    assert [m.lead for m in world.gw.all(Message)] == [[kofi.id]]  # the former client's step only
    assert world.gw.get(Lead, kofi.id).nurture_step == 2

    again, calls = _day(world, NOW)
    assert again["leads_written"] == 0 and calls[("PATCH", "Leads")] == 0
    assert calls[("GET", "Clients")] == 1  # one read of Clients per run (nothing drafted: compose reads none)
    assert world.gw.get(Lead, ines.id).next_action == got.next_action and len(world.gw.all(Message)) == 1


def test_leads_daily__cancels_marketing_drafts_to_people_who_became_clients_and_keeps_the_rest(world) -> None:
    """A first touch drafted for Diogo waits for approval; his deal is won meanwhile (lead Converted). A
    nurture email waits for Ines, whose address turns out to be a current client's. Both are cancelled
    with the reason, once; a draft to an ordinary lead, an approved one and a former client's stay."""
    from automation.models import Client, Deal

    gw = world.gw
    gw.create(
        Client,
        [
            {"name": "Ines Duarte", "email": "ines@duarte.example", "status": "Active"},
            {"name": "Kofi Mensah", "email": "kofi@mensah.example", "status": "Churned"},
        ],
    )
    new = {"status": "New", "created_date": NOW.date() - timedelta(days=2)}
    diogo, ines, kofi, ana, ben = gw.create(
        Lead,
        [
            {**new, "name": "Diogo Pires", "email": "diogo@pires.example", "status": "Converted"},
            {**new, "name": "Ines D.", "email": "Ines.Work@duarte.example"},
            {**new, "name": "Kofi Mensah", "email": "kofi@mensah.example"},
            {**new, "name": "Ana Ribeiro", "email": "ana@ribeiro.example"},
            {**new, "name": "Ben Okafor", "email": "ben@okafor.example", "status": "Converted"},
        ],
    )
    gw.create(Deal, [{"deal_name": "Diogo", "lead": [diogo.id], "pipeline_stage": "Closed Won"},
                     {"deal_name": "Ben", "lead": [ben.id], "pipeline_stage": "Closed Won"}])  # fmt: skip

    def draft(lead: Lead, kind: str = "First Touch", status: str = "Draft", to: str | None = None) -> dict:
        return {
            "kind": kind, "channel": "Email", "status": status, "recipient": to or lead.email,
            "subject": "Hello", "body": "Hi", "lead": [lead.id], "dedupe_key": f"{lead.id}:{kind}",
        }  # fmt: skip

    made = gw.create(
        Message,
        [
            draft(diogo),
            draft(ines, "Nurture Email", to="ines@duarte.example"),
            draft(kofi),
            draft(ana),
            draft(ben, status="Approved"),
        ],
    )
    summary, _ = _day(world, NOW)
    again, calls = _day(world, NOW)
    got = {m.id: gw.get(Message, m.id) for m in made}
    assert [got[m.id].status for m in made] == ["Cancelled", "Cancelled", "Draft", "Draft", "Approved"]
    assert "Diogo Pires became a client" in got[made[0].id].error
    assert "Ines Duarte is a current client" in got[made[1].id].error
    assert (summary["stale_drafts_cancelled"], again["stale_drafts_cancelled"]) == (2, 0)
    assert calls[("GET", "Messages")] == 1  # the same one read that notes the contact made


def test_leads_daily__a_lead_whose_deal_was_deleted_goes_back_to_nurture_named_and_no_deal_is_opened(
    world,
) -> None:
    """The coach deleted a deal (a deleted record's payload carries no links): its lead sat at Proposal with
    "Deal open" and its nurture paused for good. The daily job names it in the run and moves it to Nurture,
    as when every attempt is lost; it opens no deal, not even for a lead whose nurture email counts as a
    contact today (the status rule opens a deal for a Qualified lead without one). A lead whose deal is
    still there stays in the pipeline."""
    from automation.events.runner import run_automations

    gw = world.gw
    worked = {"email_status": "Valid", "created_date": NOW.date() - timedelta(days=30)}
    gone, kept, told = gw.create(
        Lead,
        [
            {**NURTURED, **worked, "name": "Dana Gone", "email": "dana@gone.example", "status": "Qualified"},
            {**NURTURED, **worked, "name": "Kim Kept", "email": "kim@kept.example", "status": "Qualified"},
            {**NURTURED, **worked, "name": "Tom Told", "email": "tom@told.example", "status": "Qualified"},
        ],
    )
    ids = [gone.id, kept.id, told.id]
    ctx = world.ctx(now=NOW)
    with ctx.run:
        run_automations(ctx, "leads", ids, {i: {"status"} for i in ids})  # each gets its deal opened
    deals = {d.lead[0]: d for d in gw.all(Deal)}
    for rid in ids:
        ctx = world.ctx(now=NOW)
        gw.update(Deal, [(deals[rid], {"pipeline_stage": "Proposal"})])
        with ctx.run:
            run_automations(ctx, "deals", [deals[rid].id], {deals[rid].id: {"pipeline_stage"}})
    assert {gw.get(Lead, i).status for i in ids} == {"Proposal"}
    assert gw.get(Lead, gone.id).next_action.startswith("Deal open")
    gw.delete(Deal, [deals[gone.id].id, deals[told.id].id])
    gw.update(Lead, [(gw.get(Lead, told.id), {"status": "Qualified"})])  # by hand, before the deletion
    gw.create(
        Message,
        [
            {
                "title": "t", "kind": "Nurture Email", "channel": "Email", "status": "Sent",
                "recipient": "tom@told.example", "lead": [told.id], "dedupe_key": f"{told.id}:nurture:1",
                "sent_at": NOW - timedelta(hours=20),
            }
        ],
    )  # fmt: skip

    ctx = world.ctx(now=NOW, budget_s=120, job="leads-daily")
    with ctx.run:
        summary = leads_daily(ctx)
    for rid in (gone.id, told.id):
        got = gw.get(Lead, rid)
        assert got.status == "Nurture" and got.nurture_sequence not in ("Paused", "Stopped")
        assert not (got.next_action or "").startswith("Deal open")
    assert gw.get(Lead, kept.id).status == "Proposal"
    assert [d.id for d in gw.all(Deal)] == [deals[kept.id].id]  # no deal opened by itself
    problems = {p.record_id: p for p in ctx.run.problems}
    assert set(problems) == {gone.id, told.id}
    assert "Dana Gone" in problems[gone.id].reason and len(problems[gone.id].reason) <= 160
    assert "Nurture" in problems[gone.id].reason and "Qualified" in problems[gone.id].reason
    assert summary["leads_without_deal"] == sorted([gone.id, told.id])

    again, calls = _day(world, NOW)
    assert again["leads_without_deal"] == [] and calls[("GET", "Leads")] == 1  # no second read of leads


def test_leads_daily__cancels_drafts_to_a_lead_marked_lost_or_who_answered_since_they_were_drafted(
    world,
) -> None:
    """A nurture step waits for approval; meanwhile the coach marks Tomas Lost (disqualified), and Rita
    replies (or books a call), and Joao's deal opens (nurture waits while the coach works it). None should
    get the template: the step is skipped, with the reason, once. A draft made after a lead's engagement
    (the coach's own) and an ordinary lead's draft stay."""
    gw = world.gw
    now = datetime.now(UTC)  # the drafts' creation time is the server's clock
    today = now.date()
    base = {"status": "Contacted", "nurture_sequence": "Warm", "nurture_step": 3, "score_tier": "Warm"}
    tomas, rita, pedro, ana, joao = gw.create(
        Lead,
        [
            {**base, "name": "Tomas Wyss", "email": "tomas@wyss.example", "status": "Lost"},
            {**base, "name": "Rita Favre", "email": "rita@favre.example", "replies": 1,
             "last_contact": today - timedelta(days=4), "last_engagement": today},
            {**base, "name": "Pedro Alves", "email": "pedro@alves.example", "replies": 1,
             "last_contact": today - timedelta(days=20), "last_engagement": today - timedelta(days=10)},
            {**base, "name": "Ana Ribeiro", "email": "ana@ribeiro.example"},
            {**base, "name": "Joao Costa", "email": "joao@costa.example", "status": "Qualified"},
        ],
    )  # fmt: skip
    gw.create(Deal, [{"deal_name": "Costa: coaching", "lead": [joao.id], "pipeline_stage": "Qualified"}])
    made = gw.create(
        Message,
        [
            {"kind": "Nurture Email", "channel": "Email", "status": "Draft", "recipient": x.email,
             "subject": "What tends to change with coaching", "body": "Hi", "lead": [x.id],
             "dedupe_key": f"{x.id}:nurture:3"}
            for x in (tomas, rita, pedro, ana, joao)
        ],
    )  # fmt: skip
    summary, _ = _day(world, now)
    again, _ = _day(world, now)
    got = [gw.get(Message, m.id) for m in made]
    assert [m.status for m in got] == ["Cancelled", "Cancelled", "Draft", "Draft", "Cancelled"]
    assert "Tomas Wyss is marked Lost" in got[0].error
    assert f"Rita Favre replied or met you on {today.isoformat()}" in got[1].error
    assert "Joao Costa has an open deal (lead Qualified)" in got[4].error
    assert (summary["stale_drafts_cancelled"], again["stale_drafts_cancelled"]) == (3, 0)


def test_leads_daily__an_old_deal_seen_for_the_first_time_raises_no_stage_check(world) -> None:
    """A base connected with its history: deals of last year sit at Proposal and Negotiation without the
    dates the stage checks look for. The first refresh gives them a Stage History; nothing moved, so no
    Slack check per deal. A deal opened this week at Proposal still gets its check."""
    old = NOW.date() - timedelta(days=200)
    rows = [
        {"deal_name": f"Old {stage}", "deal_value": 9_000, "pipeline_stage": stage, "created_date": old,
         "expected_close": old + timedelta(days=30)}
        for stage in ("Proposal", "Negotiation")
    ]  # fmt: skip
    rows.append({"deal_name": "New", "deal_value": 9_000, "pipeline_stage": "Proposal",
                 "created_date": NOW.date() - timedelta(days=1)})  # fmt: skip
    world.gw.create(Deal, rows)
    _day(world, NOW)
    _day(world, NOW + timedelta(days=1))
    checks = [m for m in world.gw.all(Message) if m.kind == "Deal Stage Check"]
    assert [m.subject for m in checks] == ["Check New: Proposal"]
    assert all(d.stage_history for d in world.gw.all(Deal))
