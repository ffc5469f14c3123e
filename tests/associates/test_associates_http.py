"""The associates over HTTP against the local server: the daily figures, the proposal, the approval."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from automation.associates.daily import associates_daily
from automation.events.runner import run_automations
from automation.models import Associate, Client, Deal, Message, Session
from bench.leads_bench import per_table

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


def _daily(world):
    since = len(world.server.requests())
    ctx = world.ctx(now=NOW, budget_s=120, job="associates-daily")
    with ctx.run:
        summary = associates_daily(ctx)
    return summary, per_table(world, since)


def _messages(world, kind: str) -> list[Message]:
    return [m for m in world.gw.all(Message) if m.kind == kind]


def _setup(world):
    gw = world.gw
    ann, bob, full, oli = gw.create(
        Associate,
        [
            {
                "name": "Ann",
                "email": "ann@example.com",
                "status": "Active",
                "specialty": ["Communication"],
                "max_clients": 2,
                "certification_level": "Senior",
            },
            {"name": "Bob", "email": "bob@example.com", "status": "Active", "max_clients": 3},
            {
                "name": "Fay Full",
                "email": "fay@example.com",
                "status": "Active",
                "max_clients": 1,
                "specialty": ["Communication"],
                "certification_level": "Master",
            },
            {
                "name": "Oli",
                "status": "Onboarding",
                "hire_date": TODAY - timedelta(days=20),
                "onb_agreement": True,
            },
        ],
    )
    gw.create(Client, [{"name": "Existing", "status": "Active", "associate": [full.id]}])
    cal = gw.create(Client, [{"name": "Cal", "status": "Active", "focus_areas": ["Communication"]}])[0]
    gw.create(
        Session,
        [
            {
                "associate": [ann.id],
                "client": [cal.id],
                "session_date": NOW - timedelta(days=d),
                "status": "Completed",
                "satisfaction": r,
            }
            for d, r in ((3, 5), (10, 4), (20, 4))
        ],
    )
    return ann, bob, full, oli, cal


def test_associates_daily__figures_proposal_and_reminder_once(world):
    ann, bob, full, oli, cal = _setup(world)
    summary, calls = _daily(world)
    for table in ("Associates", "Clients", "Coaching Sessions"):
        assert calls[("GET", table)] == 1, (table, calls)
    got = {a.id: a for a in world.gw.all(Associate)}
    assert (got[ann.id].quality_score, got[ann.id].quality_count) == (4.33, 3)
    assert got[ann.id].flags == "quality 4.33 is below 4.5"
    assert got[full.id].client_load == 1 and got[oli.id].onboarding_progress == round(1 / 6, 2)
    (proposal,) = _messages(world, "Associate Proposal")
    assert proposal.status == "Draft" and proposal.client == [cal.id] and proposal.associate == [ann.id]
    assert "Fay Full" not in (proposal.body or "")  # at capacity: never proposed
    (reminder,) = _messages(world, "Onboarding Reminder")
    assert reminder.status == "Sent" and "Oli has been onboarding for 20 days" in (reminder.subject or "")

    again, calls = _daily(world)
    assert again["associates_written"] == 0 and calls[("PATCH", "Associates")] == 0
    assert len(world.gw.all(Message)) == 2


def test_approving_a_proposal__sets_the_associate_once_and_tells_them(world):
    ann, *_, cal = _setup(world)
    _daily(world)
    (proposal,) = _messages(world, "Associate Proposal")
    world.gw.update(Message, [(proposal, {"status": "Approved"})])
    for _ in range(2):  # a replayed approval changes nothing
        ctx = world.ctx(now=NOW, job="webhook")
        with ctx.run:
            run_automations(ctx, "messages", [proposal.id], {proposal.id: {"status"}})
    assert world.gw.get(Client, cal.id).associate == [ann.id]
    (note,) = _messages(world, "Associate Assignment")
    assert (note.recipient, note.status) == ("ann@example.com", "Sent") and "Cal" in (note.subject or "")
    assert world.gw.get(Message, proposal.id).status == "Sent"


def test_matching_on_the_webhook_path__a_new_client_gets_a_proposal(world):
    ann, *_ = _setup(world)
    new = world.gw.create(Client, [{"name": "Nia", "status": "Active", "focus_areas": ["Communication"]}])[0]
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "clients", [new.id], created=[new.id])
    (proposal,) = [m for m in _messages(world, "Associate Proposal") if m.client == [new.id]]
    assert proposal.associate == [ann.id] and proposal.status == "Draft"


def test_clients_with_a_blank_status_fill_their_associates_places(world):
    ann, bob, *_ = _setup(world)
    world.gw.create(Client, [{"name": f"Blank {i}", "associate": [ann.id]} for i in (1, 2)])  # Ann: 2 of 2
    new = world.gw.create(Client, [{"name": "Nia", "status": "Active", "focus_areas": ["Communication"]}])[0]
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "clients", [new.id], created=[new.id])
    (proposal,) = [m for m in _messages(world, "Associate Proposal") if m.client == [new.id]]
    assert proposal.associate == [bob.id]  # Ann covers the focus area but has no free place
    _daily(world)
    assert world.gw.get(Associate, ann.id).client_load == 2


def test_ticking_the_onboarding_checklist__progress_follows(world):
    *_, oli, _cal = _setup(world)
    world.gw.update(Associate, [(oli, {"onb_methodology": True, "onb_systems": True})])
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "associates", [oli.id], {oli.id: {"onb_methodology", "onb_systems"}})
    assert world.gw.get(Associate, oli.id).onboarding_progress == 0.5  # 3 of the 6 steps


def test_a_won_deal__its_new_client_has_a_proposal_at_once_and_a_replay_adds_none(world):
    """The deal automation creates the client itself; its own write never comes back through the webhook,
    so the proposal is made in the same run (not a day later by associates-daily)."""
    ann, *_ = _setup(world)
    deal = world.gw.create(
        Deal, [{"deal_name": "Nia - Programme", "pipeline_stage": "Closed Won", "deal_value": 9000}]
    )[0]
    for _ in range(2):  # the same change delivered twice
        ctx = world.ctx(now=NOW, job="webhook")
        with ctx.run:
            run_automations(ctx, "deals", [deal.id], {deal.id: {"pipeline_stage"}})
    (client,) = world.gw.get(Deal, deal.id).client
    (proposal,) = [m for m in _messages(world, "Associate Proposal") if m.client == [client]]
    assert proposal.status == "Draft" and proposal.associate  # ranked: an active associate with room
    assert world.gw.get(Client, client).associate == []  # set only when the coach approves
