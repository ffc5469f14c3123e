"""The associates over HTTP against the local server: the daily figures, the proposal, the approval."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from automation.associates.daily import associates_daily
from automation.events.runner import run_automations
from automation.models import Associate, Client, Deal, Lead, Message, Session
from bench.leads_bench import per_table

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
TODAY = NOW.date()


def _daily(world):
    since = world.server.mark()
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
    # Quality under the 4.5 bar is a performance issue the coach hears of (FR5), with a next step.
    (alert,) = _messages(world, "Associate Alert")
    assert alert.status == "Sent" and alert.associate == [ann.id]
    assert "quality 4.33 is below 4.5" in (alert.body or "") and "Suggested next step" in (alert.body or "")

    again, calls = _daily(world)
    assert again["associates_written"] == 0 and calls[("PATCH", "Associates")] == 0
    assert len(world.gw.all(Message)) == 3


def test_associates_daily__a_flag_found_on_a_later_day_is_told_once(world):
    ann, *_ = _setup(world)
    _daily(world)
    alerts = len(_messages(world, "Associate Alert"))
    # A day later Ann has more clients than places: a new kind of issue, told the once.
    world.gw.create(
        Client, [{"name": f"Load {i}", "status": "Active", "associate": [ann.id]} for i in range(3)]
    )
    for day in (1, 2):
        ctx = world.ctx(now=NOW + timedelta(days=day), budget_s=120, job="associates-daily")
        with ctx.run:
            associates_daily(ctx)
    later = _messages(world, "Associate Alert")[alerts:]
    assert len(later) == 1 and "3 clients is over the maximum of 2" in (later[0].body or "")
    assert "quality" not in (later[0].subject or "")  # the quality issue was told already


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


def test_clients_imported_over_several_pings__a_place_an_earlier_proposal_names_is_not_offered_again(world):
    """An import reaches the webhook in several pings: Ann's one free place, named by the first ping's
    proposal (still waiting), is not offered to the clients of the next ping (each ping offered the same
    free places again: 38 proposals naming one associate with 19 places)."""
    ann, bob, *_ = _setup(world)
    world.gw.update(Associate, [(ann, {"max_clients": 1})])

    def ping(names: list[str]) -> list[Client]:
        rows = [{"name": n, "status": "Active", "focus_areas": ["Communication"]} for n in names]
        made = world.gw.create(Client, rows)
        ctx = world.ctx(now=NOW, job="webhook")
        with ctx.run:
            run_automations(ctx, "clients", [c.id for c in made], created=[c.id for c in made])
        return made

    ping(["Nia"])
    later = ping(["Pia", "Quin"])
    proposals = [m for m in _messages(world, "Associate Proposal") if m.status == "Draft"]
    assert [m.associate for m in proposals].count([ann.id]) == 1  # Nia's
    for c in later:
        (p,) = [m for m in proposals if m.client == [c.id]]
        assert p.associate == [bob.id]
        assert "already proposed for Nia" in (p.body or "")


def test_one_new_client_on_the_webhook__a_place_a_waiting_proposal_names_is_not_offered_again(world):
    """One client at a time (a won deal's, one typed in): Ann's last free place, named by Cal's proposal
    still waiting, is not offered to Nia as free: Nia's proposal names Bob and lists Ann after him, saying
    for whom her place is promised (the coach saw the same last place in every new client's proposal)."""
    ann, bob, *_ = _setup(world)
    world.gw.update(Associate, [(ann, {"max_clients": 1})])
    _daily(world)
    (first,) = _messages(world, "Associate Proposal")
    assert first.associate == [ann.id]
    new = world.gw.create(Client, [{"name": "Nia", "status": "Active", "focus_areas": ["Communication"]}])[0]
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "clients", [new.id], created=[new.id])
    (proposal,) = [m for m in _messages(world, "Associate Proposal") if m.client == [new.id]]
    assert proposal.associate == [bob.id]
    assert "every free place already proposed for Cal" in (proposal.body or "")


def test_a_won_deals_new_client__a_place_a_waiting_proposal_names_is_not_offered_again(world):
    """The same through a won deal: Cal, Active without an associate, waits on a proposal naming Ann's last
    place; the deal's new client is proposed Bob, and Ann is listed as promised to Cal (the win reads the
    waiting proposals because its client search shows a client still needing an associate)."""
    ann, bob, *_ = _setup(world)
    gw = world.gw
    gw.update(Associate, [(ann, {"max_clients": 1})])
    _daily(world)
    (first,) = _messages(world, "Associate Proposal")
    assert first.associate == [ann.id]
    lead = gw.create(Lead, [{"name": "Nia Obi", "email": "nia@example.com", "status": "Proposal"}])[0]
    deal = gw.create(
        Deal,
        [{"deal_name": "Nia Obi", "lead": [lead.id], "deal_value": 6000, "pipeline_stage": "Closed Won"}],
    )[0]
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "deals", [deal.id], None, created=[deal.id])
    (nia,) = gw.get(Deal, deal.id).client
    (proposal,) = [m for m in _messages(world, "Associate Proposal") if m.client == [nia]]
    assert proposal.associate == [bob.id]
    assert "every free place already proposed for Cal" in (proposal.body or "")


def test_a_held_approval_proposed_again__a_place_a_waiting_proposal_names_is_said_promised(world):
    """Cal's proposal names Ann; Ann goes on leave; Nia, new, is proposed Bob's one free place (waiting).
    The coach approves Cal's: held, and Cal's new proposal lists Bob saying his place is promised to Nia,
    not as free (approving both would be refused the second time, Bob full)."""
    ann, bob, full, oli, cal = _setup(world)
    _daily(world)
    (proposal,) = _messages(world, "Associate Proposal")
    assert proposal.associate == [ann.id]
    world.gw.update(
        Associate,
        [
            (world.gw.get(Associate, ann.id), {"status": "Paused"}),
            (world.gw.get(Associate, bob.id), {"max_clients": 1}),
        ],
    )
    nia = world.gw.create(Client, [{"name": "Nia", "status": "Active"}])[0]
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "clients", [nia.id], created=[nia.id])
    (for_nia,) = [m for m in _messages(world, "Associate Proposal") if m.client == [nia.id]]
    assert for_nia.associate == [bob.id]
    _approve(world, world.gw.get(Message, proposal.id))
    assert world.gw.get(Client, cal.id).associate == []
    (again,) = [
        m for m in _messages(world, "Associate Proposal") if m.client == [cal.id] and m.id != proposal.id
    ]
    assert "Ann is now Paused" in (again.body or "")
    assert "Bob" in (again.body or "") and "every free place already proposed for Nia" in (again.body or "")


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


def _bob_leaves(world):
    """Bob's clients: Dee (Active), Pat (Paused), Cora (Completed), Kit (Active, the coach already ticked
    Reassign), Duo (Active, coached by Ann too). Then Bob leaves the practice (Status Inactive)."""
    ann, bob, *_ = _setup(world)
    made = world.gw.create(
        Client,
        [
            {"name": "Dee", "status": "Active", "associate": [bob.id], "focus_areas": ["Communication"]},
            {"name": "Pat", "status": "Paused", "associate": [bob.id]},
            {"name": "Cora", "status": "Completed", "associate": [bob.id]},
            {"name": "Kit", "status": "Active", "associate": [bob.id], "reassign_associate": True},
            {"name": "Duo", "status": "Active", "associate": [bob.id, ann.id]},
        ],
    )
    world.gw.update(Associate, [(bob, {"status": "Inactive", "onboarding_progress": 0})])
    return ann, bob, {c.name: c for c in made}


def _status_changed(world, associate):
    """The webhook's run for the coach's change of the associate's Status."""
    since = world.server.mark()
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        result = run_automations(ctx, "associates", [associate.id], {associate.id: {"status"}})
    return result, per_table(world, since)


def _approve(world, message):
    world.gw.update(Message, [(message, {"status": "Approved"})])
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "messages", [message.id], {message.id: {"status"}})


def test_an_associate_set_inactive__her_active_client_is_flagged_and_one_proposal_waits(world):
    ann, bob, c = _bob_leaves(world)
    result, calls = _status_changed(world, bob)
    got = {x.name: x for x in world.gw.get_many(Client, [x.id for x in c.values()])}
    assert got["Dee"].reassign_associate and got["Pat"].reassign_associate  # Paused: hers when she resumes
    assert not got["Cora"].reassign_associate  # Completed: left alone
    assert not got["Duo"].reassign_associate  # Ann still coaches her
    assert all(x.associate for x in got.values())  # nobody loses an associate before the coach approves
    assert result.written == 2 and calls[("PATCH", "Clients")] == 1  # Dee and Pat, one request (Kit: ticked)
    assert calls[("GET", "Clients")] == 2  # Bob's clients (from his links), the loads for the ranking
    # Exactly one proposal, composed by the client rule on the flag in the same run (our own write never
    # comes back through the webhook); none for Kit (her own tick's run makes hers), Pat or Cora.
    (proposal,) = _messages(world, "Associate Proposal")
    assert proposal.client == [c["Dee"].id] and proposal.status == "Draft" and proposal.associate == [ann.id]
    assert "Dee needs a new associate: Bob is now Inactive." in (proposal.body or "")

    _approve(world, proposal)
    dee = world.gw.get(Client, c["Dee"].id)
    assert dee.associate == [ann.id] and not dee.reassign_associate  # Bob replaced, the flag cleared
    (note,) = _messages(world, "Associate Assignment")
    assert note.recipient == "ann@example.com" and "Dee" in (note.subject or "")


def test_an_associate_set_inactive__her_clients_are_not_all_offered_the_same_last_free_place(world):
    """Two of Bob's clients, alike, are handed over in one run; Ann (the better match) has one free place
    and Gil two. The first proposal takes Ann's place, so the second names Gil first (not Ann again,
    which would put her over her Max Clients once both are approved)."""
    ann, bob, *_ = _setup(world)
    world.gw.update(Associate, [(ann, {"max_clients": 1})])
    gil = world.gw.create(
        Associate, [{"name": "Gil", "email": "gil@example.com", "status": "Active", "max_clients": 2}]
    )[0]
    dee, eve = world.gw.create(
        Client,
        [
            {"name": "Dee", "status": "Active", "associate": [bob.id], "focus_areas": ["Communication"]},
            {"name": "Eve", "status": "Active", "associate": [bob.id], "focus_areas": ["Communication"]},
        ],
    )
    world.gw.update(Associate, [(bob, {"status": "Inactive"})])
    _status_changed(world, bob)
    got = {m.associate[0]: m for m in _messages(world, "Associate Proposal")}
    assert sorted(got) == sorted([ann.id, gil.id])  # the first takes Ann's one place, the other Gil
    first = {dee.id: "Dee", eve.id: "Eve"}[got[ann.id].client[0]]
    assert f"every free place already proposed for {first}" in (got[gil.id].body or "")  # Ann, listed 2nd


def test_associates_daily__a_place_named_by_a_waiting_proposal_is_not_offered_again(world):
    """A proposal from an earlier day still waits for the coach, naming Ann (her last free place): the
    daily job's proposal for a client created since names Bob, who has room."""
    ann, bob, full, oli, cal = _setup(world)
    world.gw.update(Associate, [(ann, {"max_clients": 1})])
    _daily(world)
    (first,) = _messages(world, "Associate Proposal")
    assert first.client == [cal.id] and first.associate == [ann.id] and first.status == "Draft"
    nia = world.gw.create(Client, [{"name": "Nia", "status": "Active", "focus_areas": ["Communication"]}])[0]
    _daily(world)
    (second,) = [m for m in _messages(world, "Associate Proposal") if m.client == [nia.id]]
    assert second.associate == [bob.id]


def test_the_departure_run_again__changes_nothing_and_composes_nothing(world):
    ann, bob, c = _bob_leaves(world)
    _status_changed(world, bob)
    before = {m.id: (m.status, m.body) for m in world.gw.all(Message)}
    for _ in range(2):  # the same change delivered again: every client of hers is ticked or left alone
        result, calls = _status_changed(world, bob)
        assert result.written == 0 and calls[("PATCH", "Clients")] == 0
        assert not [k for k in calls if k[1] == "Messages"], calls
    assert {m.id: (m.status, m.body) for m in world.gw.all(Message)} == before


def test_an_associate_set_paused_or_active__no_flag_no_read_of_her_clients(world):
    """Paused: nothing is read. Active: no flag and no client read either; the one read is of the proposal
    messages (does a client wait for a free place?), and with nobody waiting nothing more."""
    ann, bob, *_ = _setup(world)
    dee = world.gw.create(Client, [{"name": "Dee", "status": "Active", "associate": [bob.id]}])[0]
    for status, message_reads in (("Paused", 0), ("Active", 1)):
        # Read again: the gateway writes only what differs from the record it is given.
        world.gw.update(Associate, [(world.gw.get(Associate, bob.id), {"status": status})])
        _, calls = _status_changed(world, bob)
        assert calls[("GET", "Clients")] == 0 and calls[("GET", "Associates")] <= 1, (status, calls)
        assert [k for k in calls if k[1] == "Messages"] == ([("GET", "Messages")] if message_reads else [])
        assert calls[("GET", "Messages")] == message_reads
    assert not world.gw.get(Client, dee.id).reassign_associate
    assert not _messages(world, "Associate Proposal")


def test_associates_daily__a_client_linked_only_to_inactive_associates_gets_one_proposal_that_applies(world):
    """Bob left without the departure's flag (before it existed): the daily job proposes for Dee, once,
    and approving it replaces Bob although Dee is not flagged for reassignment."""
    ann, bob, c = _bob_leaves(world)
    _daily(world)
    _daily(world)
    mine = {x.id for x in c.values()}
    proposals = [m for m in _messages(world, "Associate Proposal") if set(m.client) & mine]
    by_client = {m.client[0]: m for m in proposals}
    assert sorted(by_client) == sorted([c["Dee"].id, c["Kit"].id])  # not Pat (Paused), Cora, nor Duo
    dee = by_client[c["Dee"].id]
    assert "Bob is now Inactive" in (dee.body or "") and dee.associate == [ann.id]
    assert not world.gw.get(Client, c["Dee"].id).reassign_associate
    _approve(world, dee)
    assert world.gw.get(Client, c["Dee"].id).associate == [ann.id]  # not refused as "another associate"


def test_approving_a_proposal_for_a_client_whose_associate_is_active__still_refused(world):
    ann, bob, *_ = _setup(world)
    dee = world.gw.create(Client, [{"name": "Dee", "status": "Active", "associate": [bob.id]}])[0]
    world.gw.update(Client, [(dee, {"reassign_associate": True})])
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "clients", [dee.id], {dee.id: {"reassign_associate"}})
    (proposal,) = _messages(world, "Associate Proposal")
    ticked = world.gw.get(Client, dee.id)
    world.gw.update(Client, [(ticked, {"reassign_associate": False})])  # the coach changed her mind
    _approve(world, proposal)
    assert world.gw.get(Client, dee.id).associate == [bob.id]


def test_the_coach_ticked_her_client_before__the_departure_neither_writes_nor_composes_again(world):
    """The coach's tick came first (its run composed the proposal); the departure's run comes after, on
    its own: Dee is not written again and no second composition of her proposal is made."""
    ann, bob, *_ = _setup(world)
    dee = world.gw.create(Client, [{"name": "Dee", "status": "Active", "associate": [bob.id]}])[0]
    world.gw.update(Client, [(dee, {"reassign_associate": True})])
    world.gw.update(Associate, [(bob, {"status": "Inactive", "onboarding_progress": 0})])
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "clients", [dee.id], {dee.id: {"reassign_associate"}})
    (proposal,) = _messages(world, "Associate Proposal")
    result, calls = _status_changed(world, bob)
    assert result.written == 0 and calls[("PATCH", "Clients")] == 0
    assert not [k for k in calls if k[1] == "Messages"], calls
    assert [m.id for m in _messages(world, "Associate Proposal")] == [proposal.id]


def _subjects(world, client) -> list[tuple[str, str]]:
    """(subject, status) of the client's proposal messages, oldest first (proposals and "none free")."""
    mine = [m for m in _messages(world, "Associate Proposal") if m.client == [client.id]]
    return [(m.subject or "", m.status or "") for m in sorted(mine, key=lambda m: (m.created_at, m.id))]


def test_associates_daily__a_client_nobody_had_room_for_is_proposed_once_a_place_frees(world):
    """Nobody had a free place: the coach is told once (not every morning); when Bob gets room, Cal gets
    her proposal the next morning, once."""
    ann, bob, full, oli, cal = _setup(world)
    world.gw.update(Associate, [(ann, {"max_clients": 0}), (bob, {"max_clients": 0})])
    _daily(world)
    assert _subjects(world, cal) == [("No associate available for Cal", "Draft")]
    _, calls = _daily(world)
    assert not [k for k in calls if k[1] == "Messages" and k[0] != "GET"], calls  # told once
    assert len(_subjects(world, cal)) == 1

    world.gw.update(Associate, [(world.gw.get(Associate, bob.id), {"max_clients": 3})])  # a place frees up
    _daily(world)
    _daily(world)
    proposals = [m for m in _messages(world, "Associate Proposal") if m.client == [cal.id] and m.associate]
    assert [(m.associate, m.status) for m in proposals] == [([bob.id], "Draft")]


def _max_clients_changed(world, associate, value: int):
    """The coach gives the associate another Max Clients; the webhook's run for that change."""
    world.gw.update(Associate, [(world.gw.get(Associate, associate.id), {"max_clients": value})])
    since = world.server.mark()
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "associates", [associate.id], {associate.id: {"max_clients"}})
    return per_table(world, since)


def test_a_place_freed_by_more_max_clients__the_waiting_client_is_proposed_at_once_and_once(world):
    """Nobody had room for Cal (the coach was told). Bob gets room: Cal's proposal naming him waits at once,
    not at tomorrow's daily job; the same change replayed and the daily job add nothing."""
    ann, bob, full, oli, cal = _setup(world)
    world.gw.update(Associate, [(ann, {"max_clients": 0}), (bob, {"max_clients": 0})])
    _daily(world)
    assert _subjects(world, cal) == [("No associate available for Cal", "Draft")]

    _max_clients_changed(world, bob, 3)
    assert sorted(_subjects(world, cal)) == [
        ("No associate available for Cal", "Cancelled"),  # answered: not left in the queue beside it
        ("Proposed associate for Cal: Bob", "Draft"),
    ]
    (proposal,) = [m for m in _messages(world, "Associate Proposal") if m.client == [cal.id] and m.associate]
    assert proposal.associate == [bob.id]

    calls = _max_clients_changed(world, bob, 3)
    _daily(world)
    assert not [k for k in calls if k[1] == "Messages" and k[0] != "GET"], calls
    assert len(_subjects(world, cal)) == 2


def test_max_clients_lowered_or_nobody_waiting__no_proposal(world):
    """A change that frees no place for anyone waiting composes nothing: with nobody waiting it costs the
    one read of the proposal messages; with Cal waiting and Bob's Max Clients still 0, no proposal."""
    ann, bob, full, oli, cal = _setup(world)
    calls = _max_clients_changed(world, bob, 4)
    assert calls[("GET", "Messages")] == 1 and calls[("GET", "Clients")] == 0, calls
    assert not _messages(world, "Associate Proposal")
    world.gw.update(Associate, [(ann, {"max_clients": 0})])
    _max_clients_changed(world, bob, 0)
    _daily(world)
    _max_clients_changed(world, bob, 0)
    assert _subjects(world, cal) == [("No associate available for Cal", "Draft")]


def test_approving_a_proposal_whose_associate_filled_up_since__held_and_proposed_again(world):
    """Ann was free when proposed; before the coach approves, two clients are linked to her by hand (her
    Max Clients is 2). The approval does not put her over: Cal keeps no associate, Ann gets no email, and
    a new proposal (Bob) waits saying why. A replayed approval proposes nothing more."""
    ann, bob, full, oli, cal = _setup(world)
    _daily(world)
    (proposal,) = _messages(world, "Associate Proposal")
    assert proposal.associate == [ann.id]
    world.gw.create(
        Client, [{"name": f"Hand {i}", "status": "Active", "associate": [ann.id]} for i in range(2)]
    )
    for _ in range(2):
        _approve(world, world.gw.get(Message, proposal.id))
    assert world.gw.get(Client, cal.id).associate == []
    assert not _messages(world, "Associate Assignment")
    again = [m for m in _messages(world, "Associate Proposal") if m.id != proposal.id]
    assert [(m.client, m.associate, m.status) for m in again] == [([cal.id], [bob.id], "Draft")]
    assert "Ann is now full (2 of 2 clients)" in (again[0].body or "")
    assert "not applied" in (again[0].body or "")

    _approve(world, again[0])  # Bob has room: applied
    assert world.gw.get(Client, cal.id).associate == [bob.id]


def test_approving_a_proposal_whose_associate_went_on_leave_since__held_and_proposed_again(world):
    """Ann was proposed for Cal; before the coach approves, Ann goes on leave (Paused). A new client is not
    handed to an associate on leave (matching never proposes one): Cal keeps no associate, Ann gets no
    email, and a proposal of Bob waits saying why."""
    ann, bob, full, oli, cal = _setup(world)
    _daily(world)
    (proposal,) = _messages(world, "Associate Proposal")
    assert proposal.associate == [ann.id]
    world.gw.update(Associate, [(world.gw.get(Associate, ann.id), {"status": "Paused"})])
    _approve(world, world.gw.get(Message, proposal.id))
    assert world.gw.get(Client, cal.id).associate == []
    assert not _messages(world, "Associate Assignment")
    again = [m for m in _messages(world, "Associate Proposal") if m.id != proposal.id]
    assert [(m.client, m.associate, m.status) for m in again] == [([cal.id], [bob.id], "Draft")]
    assert "Ann is now Paused" in (again[0].body or "") and "not applied" in (again[0].body or "")


def test_approving_a_proposal_whose_associate_has_finished_clients__still_applied(world):
    """Clients of hers who Completed hold no place: an associate with as many linked as her Max Clients,
    most of them finished, still takes the client approved for her."""
    ann, bob, full, oli, cal = _setup(world)
    _daily(world)
    (proposal,) = _messages(world, "Associate Proposal")
    world.gw.create(
        Client,
        [
            {"name": "Done 1", "status": "Completed", "associate": [ann.id]},
            {"name": "Done 2", "status": "Churned", "associate": [ann.id]},
            {"name": "Busy", "status": "Paused", "associate": [ann.id]},
        ],
    )
    _approve(world, world.gw.get(Message, proposal.id))
    assert world.gw.get(Client, cal.id).associate == [ann.id]
    assert len(_messages(world, "Associate Assignment")) == 1


def test_approving_a_proposal_whose_associate_left_since__held_then_proposed_when_a_place_frees(world):
    """Ann left (Inactive) before the coach approved her for Cal, and nobody else has room: Cal is not
    given to Ann; the coach hears that nobody is available and why, once; when Bob gets room, the daily
    job proposes him for Cal."""
    ann, bob, full, oli, cal = _setup(world)
    _daily(world)
    (proposal,) = _messages(world, "Associate Proposal")
    world.gw.update(Associate, [(ann, {"status": "Inactive"}), (bob, {"max_clients": 0})])
    _approve(world, world.gw.get(Message, proposal.id))
    assert world.gw.get(Client, cal.id).associate == []
    assert not _messages(world, "Associate Assignment")
    (none,) = [m for m in _messages(world, "Associate Proposal") if m.id != proposal.id]
    assert none.subject == "No associate available for Cal" and "Ann is now Inactive" in (none.body or "")
    _daily(world)
    assert len(_messages(world, "Associate Proposal")) == 2  # not told again

    world.gw.update(Associate, [(world.gw.get(Associate, bob.id), {"max_clients": 3})])
    _daily(world)
    _daily(world)
    fresh = [m for m in _messages(world, "Associate Proposal") if m.associate and m.id != proposal.id]
    assert [(m.client, m.associate, m.status) for m in fresh] == [([cal.id], [bob.id], "Draft")]


def _coach_record(world) -> Associate:
    """The coach's own Associate record (her sessions and payouts tracked as the team's): the best on paper,
    with room, and her Settings email written another way."""
    email = world.settings.general.coach_email.upper()
    fields = {"name": "Sarah Coach", "email": f" {email} ", "status": "Active", "max_clients": 5}
    fields |= {"specialty": ["Communication"], "certification_level": "Master", "quality_score": 5}
    return world.gw.create(Associate, [fields])[0]


def _new_client_proposal(world, name: str) -> Message:
    new = world.gw.create(Client, [{"name": name, "status": "Active", "focus_areas": ["Communication"]}])[0]
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "clients", [new.id], created=[new.id])
    (proposal,) = [m for m in _messages(world, "Associate Proposal") if m.client == [new.id]]
    return proposal


def test_matching__the_coachs_own_record_is_no_associate_while_one_has_room(world):
    ann, *_ = _setup(world)
    coach = _coach_record(world)
    proposal = _new_client_proposal(world, "Nia")
    assert proposal.associate == [ann.id]
    assert "Sarah Coach" not in (proposal.body or "") and coach.id not in proposal.associate


def test_matching__with_no_associate_room_the_coach_is_offered_as_you_and_no_email_goes_to_her(world):
    ann, bob, *_ = _setup(world)
    world.gw.update(Associate, [(ann, {"max_clients": 0}), (bob, {"max_clients": 0})])
    coach = _coach_record(world)
    proposal = _new_client_proposal(world, "Nia")
    assert proposal.associate == [coach.id] and proposal.status == "Draft"
    body = proposal.body or ""
    assert "No associate has a free place, but you do" in body and "1. You (Sarah Coach" in body
    world.gw.update(Message, [(proposal, {"status": "Approved"})])
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "messages", [proposal.id], {proposal.id: {"status"}})
    assert world.gw.get(Client, proposal.client[0]).associate == [coach.id]
    assert _messages(world, "Associate Assignment") == []  # she knows: she approved it


def test_session_reminders__an_associates_own_time_zone_or_the_business_one_when_it_names_none(world) -> None:
    """An associate in Sydney reads her week on her clock (14:00 London in December is 01:00 the next day,
    AEDT); one whose Time Zone names no zone gets the business's time, and the run names her for the coach."""
    from automation.schedule.reminder_job import session_reminders

    gw = world.gw
    start = datetime(2026, 12, 4, 14, 0, tzinfo=UTC)  # Friday 14:00 GMT
    client = gw.create(Client, [{"name": "Cy Client", "email": "cy@client.example"}])[0]
    sydney, typo = gw.create(
        Associate,
        [
            {"name": "Syd Ney", "email": "syd@assoc.example", "status": "Active", "time_zone": "Sydney"},
            {"name": "Ty Po", "email": "ty@assoc.example", "status": "Active", "time_zone": "Sidney"},
        ],
    )
    rows = [
        {"client": [client.id], "associate": [a.id], "session_date": start + timedelta(hours=h)}
        for a, h in ((sydney, 0), (typo, 2))
    ]
    gw.create(Session, [{**r, "status": "Scheduled", "duration": 3600} for r in rows])
    ctx = world.ctx(now=NOW, job="session-reminders")
    with ctx.run:
        session_reminders(ctx)
    subjects = {m.recipient: m.subject for m in _messages(world, "Session Reminder")}
    assert subjects["syd@assoc.example"] == "Reminder: coaching session Sat 5 Dec, 01:00 AEDT"
    assert subjects["ty@assoc.example"] == "Reminder: coaching session Fri 4 Dec, 16:00 GMT"
    named = [(p.table, p.record_id, p.name) for p in ctx.run.problems if p.field == "time_zone"]
    assert named == [("associates", typo.id, "Ty Po")]


def test_matching__the_associate_sharing_a_clients_working_day_is_proposed_first(world):
    """Read through the daily job: the client's and the associates' Time Zone, a blank one being the
    business's (Europe/London by default). Alike but for the clock, the one in Tokyo's day comes first,
    though 'Lon' sorts before 'Tok'."""
    gw = world.gw
    alike = {
        "status": "Active",
        "specialty": ["Communication"],
        "max_clients": 4,
        "certification_level": "Senior",
    }
    lon, tok = gw.create(
        Associate,
        [
            {"name": "Lon", "email": "lon@example.com"} | alike,  # no time zone: the business's
            {"name": "Tok", "email": "tok@example.com", "time_zone": "Asia/Tokyo"} | alike,
        ],
    )
    kai = gw.create(
        Client, [{"name": "Kai", "status": "Active", "focus_areas": ["Communication"], "time_zone": "Tokyo"}]
    )[0]
    _daily(world)
    (proposal,) = [m for m in _messages(world, "Associate Proposal") if m.client == [kai.id]]
    assert proposal.associate == [tok.id]
    assert "8 h from the client's clock" in (proposal.body or "")


def test_an_associate_set_inactive_with_sessions_booked__the_coach_is_told_each_once(world):
    """Bob leaves with Dee booked tomorrow and next week (and a session held last week, and one cancelled):
    one alert to the coach names the two still to come, client and time on the business's clock (London),
    in date order; the same change delivered again composes nothing more. Flagging Dee for a new associate
    is no answer for them: a booked session keeps Bob until the coach links someone (the third unseen
    business: an associate who left with sessions booked was named only the day before each)."""
    ann, bob, c = _bob_leaves(world)
    dee = c["Dee"]
    at = [
        NOW + timedelta(days=1, hours=5),
        NOW + timedelta(days=8),
        NOW - timedelta(days=7),
        NOW + timedelta(days=2),
    ]
    world.gw.create(
        Session,
        [
            {"associate": [bob.id], "client": [dee.id], "session_date": when, "status": status}
            for when, status in zip(at, ("Scheduled", "Scheduled", "Completed", "Cancelled"), strict=True)
        ],
    )
    bob = world.gw.get(Associate, bob.id)  # with his Sessions links
    for _ in range(2):
        _status_changed(world, bob)
    (alert,) = _messages(world, "Associate Alert")
    text = f"{alert.subject}\n{alert.body}"
    assert "Bob left with 2 sessions still booked" in (alert.subject or ""), alert.subject
    assert "Dee: Fri 4 Dec, 14:00 GMT" in text and "Dee: Fri 11 Dec, 09:00 GMT" in text, text
    assert text.index("Fri 4 Dec") < text.index("Fri 11 Dec")
    assert (
        "3 Dec" not in text.replace("Thu 3 Dec", "") and "Sat 5 Dec" not in text
    )  # held, cancelled: not named


def test_an_associate_who_leaves_with_only_a_leads_discovery_call_booked__the_call_is_named_by_its_invitee(
    world,
):
    """A call a lead booked through Calendly links no client: the alert names the invitee (her name leads
    the session's Name), and no client is read for it."""
    ann, bob, *_ = _setup(world)
    world.gw.create(
        Session,
        [
            {
                "associate": [bob.id],
                "name": "Aisha Rahman · Discovery call",
                "booking_ref": "https://api.calendly.com/scheduled_events/E1/invitees/I1",
                "session_date": NOW + timedelta(days=2),
                "status": "Scheduled",
            }
        ],
    )
    world.gw.update(Associate, [(world.gw.get(Associate, bob.id), {"status": "Inactive"})])
    _status_changed(world, world.gw.get(Associate, bob.id))
    (alert,) = _messages(world, "Associate Alert")
    assert "Aisha Rahman: Sat 5 Dec, 09:00 GMT" in (alert.body or ""), alert.body


def test_approving_a_move__the_new_associate_is_told_the_sessions_still_booked_with_the_old_one(world):
    """Found by the fifth unseen business: the coach moved a client to another associate while his session
    tomorrow was still booked with the first (it stays hers until the coach moves it, README Matching); the
    new associate's note said only "please book an introductory session", so she could not know he had one
    booked, nor that it was not hers."""
    ann, bob, *_ = _setup(world)
    gw = world.gw
    kim = gw.create(
        Client,
        [{"name": "Kim", "email": "kim@example.com", "status": "Active", "associate": [bob.id],
          "focus_areas": ["Communication"], "reassign_associate": True}],
    )[0]  # fmt: skip
    tomorrow = NOW.replace(hour=14) + timedelta(days=1)
    gw.create(
        Session,
        [{"client": [kim.id], "associate": [bob.id], "session_date": tomorrow, "status": "Scheduled"},
         {"client": [kim.id], "associate": [bob.id], "session_date": NOW - timedelta(days=7),
          "status": "Completed"}],
    )  # fmt: skip
    _daily(world)
    (proposal,) = [m for m in _messages(world, "Associate Proposal") if m.client == [kim.id]]
    assert proposal.associate == [ann.id]
    gw.update(Message, [(proposal, {"status": "Approved"})])
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "messages", [proposal.id], {proposal.id: {"status"}})
    assert gw.get(Client, kim.id).associate == [ann.id]
    (note,) = [m for m in _messages(world, "Associate Assignment") if "Kim" in (m.subject or "")]
    body = note.body or ""
    # on the business's clock (Ann has no Time Zone): London in December
    assert "1 session booked with Bob: Fri 4 Dec, 14:00 GMT" in body, body
    assert "stays with Bob until" in body, body
    assert "book an introductory session" not in body, body  # he has one booked: she introduces herself
