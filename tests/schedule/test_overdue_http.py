"""The overdue-action-items job over HTTP: once per item per period, tentative never, the coach's summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from automation.models import ActionItem, Associate, Client, Message
from automation.schedule.overdue_job import overdue_action_items

NOW = datetime(2026, 11, 20, 6, 10, tzinfo=UTC)
TODAY = NOW.date()


def _run(world, now: datetime = NOW) -> dict:
    ctx = world.ctx(now=now, job="overdue-action-items")
    with ctx.run:
        return overdue_action_items(ctx)


def _reminders(world) -> list[Message]:
    return [m for m in world.gw.all(Message) if m.kind == "Action Item Reminder"]


def test_overdue__two_runs_a_day_chase_each_item_once_and_tentative_never(world) -> None:
    gw = world.gw
    client = gw.create(Client, [{"name": "Jo Bloggs", "email": "jo@client.example"}])[0]
    visible, coach_item, tentative, not_yet = gw.create(
        ActionItem,
        [
            {
                "description": "Book the 360 review",
                "client": [client.id],
                "client_visible": True,
                "due_date": TODAY - timedelta(days=2),
                "status": "Open",
            },
            {  # in the client's notes, but hers to do: never chased to Jo as Jo's own action
                "description": "Send Jo the DISC report",
                "client": [client.id],
                "client_visible": True,
                "due_date": TODAY - timedelta(days=3),
                "status": "Open",
                "assigned_to": "Coach",
            },
            {
                "description": "Maybe try journaling",
                "client": [client.id],
                "client_visible": True,
                "due_date": TODAY - timedelta(days=4),
                "status": "Open",
                "tentative": True,
            },
            {
                "description": "Not yet due",
                "client": [client.id],
                "client_visible": True,
                "due_date": TODAY,
                "status": "Open",
            },
        ],
    )
    first = _run(world)
    again = _run(world, NOW + timedelta(hours=3))
    assert (first["chased"], again["chased"]) == (2, 0)
    msgs = _reminders(world)
    to_jo = [m for m in msgs if m.recipient == "jo@client.example"]
    assert len(to_jo) == 1 and "Book the 360 review" in (to_jo[0].body or "")
    # The coach's own item is chased by her morning summary, not by an email of its own.
    summaries = [m for m in msgs if m.dedupe_key.startswith("overdue-summary:")]
    assert len(summaries) == 1 and len(msgs) == 2
    body = summaries[0].body or ""
    assert "JO BLOGGS" in body.upper() and "Send Jo the DISC report — 3 days overdue" in body
    assert "journaling" not in body and "journaling" not in (to_jo[0].body or "")
    assert "DISC" not in (to_jo[0].body or "")
    assert "Not yet due" not in body and "Not yet due" not in (to_jo[0].body or "")
    assert {m.status for m in msgs} == {"Sent"}
    for item in (visible, coach_item):
        got = gw.get(ActionItem, item.id)
        assert (got.reminder_sent, got.reminded_on) == (True, TODAY)
    assert not gw.get(ActionItem, tentative.id).reminder_sent
    assert not gw.get(ActionItem, not_yet.id).reminder_sent


def test_overdue__a_client_with_several_overdue_items_gets_one_email(world) -> None:
    """Three items from three sessions, two of them the same action carried over: one email, two lines."""
    gw = world.gw
    client = gw.create(Client, [{"name": "Ada Obi", "email": "ada@client.example"}])[0]
    other = gw.create(Client, [{"name": "Ben Roy", "email": "ben@client.example"}])[0]

    def item(description: str, days: int, who: Client) -> dict:
        return {
            "description": description,
            "client": [who.id],
            "client_visible": True,
            "due_date": TODAY - timedelta(days=days),
            "status": "Open",
        }

    gw.create(
        ActionItem,
        [
            item("Draft the team charter", 9, client),
            item("Draft the team charter.", 2, client),
            item("Ask two peers for feedback", 4, client),
            item("Book the offsite", 5, other),
        ],
    )
    assert _run(world)["chased"] == 4
    to_ada = [m for m in _reminders(world) if m.recipient == "ada@client.example"]
    to_ben = [m for m in _reminders(world) if m.recipient == "ben@client.example"]
    assert len(to_ada) == 1 and len(to_ben) == 1
    body = to_ada[0].body or ""
    assert body.count("Draft the team charter") == 1 and "Ask two peers for feedback" in body
    assert "Book the offsite" not in body
    earliest = TODAY - timedelta(days=9)
    assert f"{earliest:%A %-d %B}" in body  # the carried-over action shows when it first fell due
    assert _run(world, NOW + timedelta(hours=2))["chased"] == 0
    assert len([m for m in _reminders(world) if m.recipient == "ada@client.example"]) == 1


def test_overdue__an_action_the_client_set_again_with_a_later_date_is_not_chased(world) -> None:
    """Last week's 'Finish the Q1 hiring plan' is overdue, but today's session has her 'finish the hiring
    plan by Friday': no email telling her it was due last week; the coach's summary still lists it for her
    to close. Another overdue action of hers is chased as usual, and once Friday has passed both are."""
    gw = world.gw
    ada = gw.create(Client, [{"name": "Ada Obi", "email": "ada@client.example"}])[0]
    ben = gw.create(Client, [{"name": "Ben Roy", "email": "ben@client.example"}])[0]

    def item(description: str, due_in: int, who: Client) -> dict:
        due = TODAY + timedelta(days=due_in)
        return {"description": description, "client": [who.id], "client_visible": True, "due_date": due,
                "status": "Open", "assigned_to": "Client"}  # fmt: skip

    gw.create(
        ActionItem,
        [
            item("Finish the Q1 hiring plan and share it with Exco", -7, ada),
            item("Finish the hiring plan", 4, ada),  # set again in today's session
            item("Ask two peers for feedback", -3, ada),
            item("Finish the hiring plan for the depot", -7, ben),  # another client's promise is hers
        ],
    )
    _run(world)
    to_ada = [m for m in _reminders(world) if m.recipient == "ada@client.example"]
    assert len(to_ada) == 1 and "Ask two peers for feedback" in (to_ada[0].body or "")
    assert "hiring plan" not in (to_ada[0].body or "")
    assert len([m for m in _reminders(world) if m.recipient == "ben@client.example"]) == 1
    summary = next(m for m in _reminders(world) if (m.subject or "").startswith("Overdue action items"))
    assert "Finish the Q1 hiring plan and share it with Exco" in (summary.body or "")
    _run(world, NOW + timedelta(days=5))  # Friday has passed: the action is overdue under both dates
    later = [m.body or "" for m in _reminders(world) if m.recipient == "ada@client.example"]
    assert len(later) == 2 and sum("hiring plan" in b for b in later) == 1


def test_overdue__an_item_that_falls_due_later_the_same_day_is_still_chased(world) -> None:
    gw = world.gw
    client = gw.create(Client, [{"name": "Cy Park", "email": "cy@client.example"}])[0]
    base = {"client": [client.id], "client_visible": True, "status": "Open"}
    gw.create(ActionItem, [{**base, "description": "Map the stakeholders", "due_date": TODAY - timedelta(3)}])
    _run(world)
    late = gw.create(ActionItem, [{**base, "description": "Send the memo", "due_date": TODAY - timedelta(2)}])
    assert _run(world, NOW + timedelta(hours=4))["chased"] == 1
    to_cy = [m for m in _reminders(world) if m.recipient == "cy@client.example"]
    assert len(to_cy) == 2 and "Send the memo" in (to_cy[1].body or "") + (to_cy[0].body or "")
    assert gw.get(ActionItem, late[0].id).reminded_on == TODAY


def test_overdue__without_the_summary_the_coach_gets_one_email_for_her_items(server, tmp_path) -> None:
    from tests.leads.http_world import make_world

    world = make_world(server, tmp_path, **{"schedule.coach_summary": "false"})
    gw = world.gw
    client = gw.create(Client, [{"name": "Di Moss", "email": "di@client.example"}])[0]
    base = {"client": [client.id], "status": "Open", "assigned_to": "Coach"}
    gw.create(
        ActionItem,
        [
            {**base, "description": "Send Di the reading list", "due_date": TODAY - timedelta(days=2)},
            {**base, "description": "Introduce Di to the CFO", "due_date": TODAY - timedelta(days=6)},
        ],
    )
    assert _run(world)["chased"] == 2
    msgs = _reminders(world)
    assert len(msgs) == 1 and msgs[0].recipient == world.settings.general.coach_email
    body = msgs[0].body or ""
    assert "Send Di the reading list (Di Moss)" in body and "6 days overdue" in body
    assert body.index("Introduce Di") < body.index("Send Di")  # most overdue first
    assert not [m for m in msgs if m.dedupe_key.startswith("overdue-summary:")]


def test_overdue__an_opted_out_client_or_a_departed_associate_is_chased_by_the_coach(
    server, tmp_path
) -> None:
    """Nobody who cannot act is chased: the client who opted out of email would get a reminder the outbox
    cancels (so nobody chases), the Inactive associate one she can no longer act on. With the summary off,
    the coach's own email lists them."""
    from tests.leads.http_world import make_world

    world = make_world(server, tmp_path, **{"schedule.coach_summary": "false"})
    gw = world.gw
    gone = gw.create(
        Associate, [{"name": "Ola Berg", "email": "ola@associate.example", "status": "Inactive"}]
    )
    quiet = gw.create(
        Client,
        [
            {
                "name": "Kim Park",
                "email": "kim@client.example",
                "email_opt_out": True,
                "associate": [gone[0].id],
            }
        ],
    )[0]
    due = TODAY - timedelta(days=2)
    base = {"client": [quiet.id], "status": "Open", "due_date": due}
    gw.create(
        ActionItem,
        [
            {**base, "description": "Draft the team charter", "client_visible": True},
            {**base, "description": "Share the pulse survey results", "assigned_to": "Associate"},
        ],
    )
    assert _run(world)["chased"] == 2
    msgs = _reminders(world)
    assert [m.recipient for m in msgs] == [world.settings.general.coach_email]
    body = msgs[0].body or ""
    assert "Draft the team charter (Kim Park)" in body and "Share the pulse survey results (Kim Park)" in body


def test_overdue__chased_again_after_the_repeat_interval(world) -> None:
    gw = world.gw
    client = gw.create(Client, [{"name": "Eve Hart", "email": "eve@client.example"}])[0]
    item = gw.create(
        ActionItem,
        [
            {
                "description": "Write the plan",
                "client": [client.id],
                "client_visible": True,
                "due_date": TODAY - timedelta(days=1),
                "status": "Open",
            }
        ],
    )[0]
    runs = [_run(world), _run(world, NOW + timedelta(days=3)), _run(world, NOW + timedelta(days=7))]
    assert [r["chased"] for r in runs] == [1, 0, 1]  # the first, the same period again, the repeat
    assert len([m for m in _reminders(world) if m.recipient == "eve@client.example"]) == 2
    assert gw.get(ActionItem, item.id).reminded_on == TODAY + timedelta(days=7)


def test_overdue__each_item_is_chased_to_its_owner_once(world) -> None:
    from automation.models import Associate

    gw = world.gw
    ann = gw.create(Associate, [{"name": "Ann Lee", "email": "ann@associate.example"}])[0]
    jo, kit = gw.create(
        Client,
        [
            {"name": "Jo Bloggs", "email": "jo@client.example", "associate": [ann.id]},
            {"name": "Kit Moss", "email": "kit@client.example", "associate": [ann.id]},
        ],
    )
    due = TODAY - timedelta(days=2)
    rows = [
        (jo, "Draft the charter", "Client"),
        (jo, "Send the reading list", "Coach"),
        (jo, "Book the team offsite room", "Associate"),
        (kit, "Share the 360 summary", "Associate"),
    ]
    gw.create(
        ActionItem,
        [
            {"description": d, "assigned_to": a, "client": [c.id], "client_visible": True, "due_date": due,
             "status": "Open"}
            for c, d, a in rows
        ],
    )  # fmt: skip
    assert _run(world)["chased"] == 4
    by_to: dict[str, list[str]] = {}
    for m in _reminders(world):
        by_to.setdefault(m.recipient or "", []).append(m.body or "")
    assert len(by_to["jo@client.example"]) == 1 and "Draft the charter" in by_to["jo@client.example"][0]
    assert not any("reading list" in b or "offsite" in b for b in by_to["jo@client.example"])
    assert len(by_to["ann@associate.example"]) == 1  # both of her items, in one email, with their clients
    body = by_to["ann@associate.example"][0]
    assert "Book the team offsite room (Jo Bloggs)" in body and "Share the 360 summary (Kit Moss)" in body
    assert "kit@client.example" not in by_to
    coach = by_to[world.settings.general.coach_email]
    assert len(coach) == 1 and "Send the reading list" in coach[0]  # her morning summary


def test_overdue__a_clients_reminder_is_signed_by_her_associate_unless_away(world) -> None:
    """ "Let's talk about it next session": the sessions are her associate's, so the reminder is hers; a
    client without one, or whose associate is on leave, hears from the coach."""
    from automation.models import Associate

    gw = world.gw
    ann, pat = gw.create(
        Associate,
        [
            {"name": "Ann Lee", "email": "ann@associate.example", "status": "Active"},
            {"name": "Pat Ng", "email": "pat@associate.example", "status": "Paused"},
        ],
    )
    clients = gw.create(
        Client,
        [
            {"name": "Jo Bloggs", "email": "jo@client.example", "associate": [ann.id]},
            {"name": "Kit Moss", "email": "kit@client.example", "associate": [pat.id]},
            {"name": "Lu Chen", "email": "lu@client.example"},
        ],
    )
    due = TODAY - timedelta(days=2)
    gw.create(
        ActionItem,
        [
            {"description": f"Draft the charter ({c.name})", "assigned_to": "Client", "client": [c.id],
             "client_visible": True, "due_date": due, "status": "Open"}
            for c in clients
        ],
    )  # fmt: skip
    assert _run(world)["chased"] == 3
    signed = {
        m.recipient: (m.body or "").split("Best wishes,")[-1].split("--")[0].strip()
        for m in _reminders(world)
    }
    coach = world.settings.general.coach_name
    assert signed["jo@client.example"] == "Ann Lee"
    assert signed["kit@client.example"] == coach and signed["lu@client.example"] == coach


def test_overdue__a_churned_or_paused_client_gets_no_reminder_and_the_coach_still_sees_it(world) -> None:
    gw = world.gw
    gone, paused = gw.create(
        Client,
        [
            {"name": "Lou Gone", "email": "lou@client.example", "status": "Churned"},
            {"name": "Kim Break", "email": "kim@client.example", "status": "Paused"},
        ],
    )
    gw.create(
        ActionItem,
        [
            {
                "description": f"Draft the plan ({c.name})",
                "client": [c.id],
                "client_visible": True,
                "assigned_to": "Client",
                "due_date": TODAY - timedelta(days=3),
                "status": "Open",
            }
            for c in (gone, paused)
        ],
    )
    _run(world)
    _run(world, NOW + timedelta(hours=1))
    sent = _reminders(world)
    assert [m.recipient for m in sent] == [world.settings.general.coach_email]
    assert "Lou Gone" in (sent[0].body or "") and "Kim Break" in (sent[0].body or "")


def test_overdue__two_clients_of_the_same_name_are_two_clients_in_the_summary(world) -> None:
    gw = world.gw
    first, second = gw.create(
        Client,
        [{"name": "Sam Lee", "company": "Northwind"}, {"name": "Sam Lee", "company": "Contoso"}],
    )
    gw.create(
        ActionItem,
        [
            {
                "description": "Call the board",
                "client": [first.id],
                "assigned_to": "Coach",
                "due_date": TODAY - timedelta(days=4),
                "status": "Open",
            },
            {
                "description": "Write the memo",
                "client": [second.id],
                "assigned_to": "Coach",
                "due_date": TODAY - timedelta(days=2),
                "status": "Open",
            },
        ],
    )
    _run(world)
    (summary,) = [m for m in _reminders(world) if m.dedupe_key.startswith("overdue-summary")]
    body = (summary.body or "").lower()  # the text rendering capitalises section titles
    assert "clients: 2" in body
    assert body.index("northwind") < body.index("call the board") < body.index("contoso")
    assert body.index("contoso") < body.index("write the memo")


def test_overdue__an_item_months_overdue_is_the_coachs_and_an_old_date_shows_its_year(world) -> None:
    """A base connected with its history: items a client left open a year ago are not chased to her on day
    one (nor to an associate); they stay in the coach's summary. An item still chased that fell due last
    year shows the year: "Monday 17 November" alone reads as the coming one."""
    gw = world.gw
    ada = gw.create(Client, [{"name": "Ada Obi", "email": "ada@client.example", "status": "Active"}])[0]
    stop = world.settings.schedule.overdue_stop_days
    rows = [
        ("Write the succession plan", 400),
        ("Book the skip-level meetings", stop + 1),
        ("Ask two peers for feedback", stop),
        ("Draft the team charter", 3),
    ]
    gw.create(
        ActionItem,
        [
            {"description": d, "client": [ada.id], "client_visible": True, "assigned_to": "Client",
             "due_date": TODAY - timedelta(days=days), "status": "Open"}
            for d, days in rows
        ],
    )  # fmt: skip
    assert _run(world)["chased"] == 4
    (to_ada,) = [m for m in _reminders(world) if m.recipient == "ada@client.example"]
    body = to_ada.body or ""
    assert "Ask two peers" in body and "Draft the team charter" in body
    assert "succession plan" not in body and "skip-level" not in body
    (summary,) = [m for m in world.gw.all(Message) if m.recipient == world.settings.general.coach_email]
    assert "succession plan" in (summary.body or "") and "skip-level" in (summary.body or "")
    last_year = world.ctx(now=datetime(2027, 1, 10, 6, 10, tzinfo=UTC))
    due = datetime(2026, 12, 28).date()
    gw.create(
        ActionItem,
        [{"description": "Send the board memo", "client": [ada.id], "client_visible": True,
          "assigned_to": "Client", "due_date": due, "status": "Open"}],
    )  # fmt: skip
    with last_year.run:
        overdue_action_items(last_year)
    (memo,) = [m for m in _reminders(world) if "board memo" in (m.body or "") and m.recipient == ada.email]
    assert f"{due:%A %-d %B %Y}" in (memo.body or "")


def _to(world, address: str) -> list[Message]:
    return [m for m in _reminders(world) if m.recipient == address and m.status != "Cancelled"]


def test_overdue__counted_on_the_chased_persons_own_calendar(world) -> None:
    """Overdue is a day past the due date where the person chased lives: the 06:10 UTC run is still the due
    day in Los Angeles (22:10), so neither the client there nor an associate there is told it is late until
    the next run; a client in Sydney is a day on at an evening run and is chased then, once. Reminded On is
    the day on her calendar, so the next morning's run counts the same period and sends nothing again."""
    gw = world.gw
    la = gw.create(
        Associate, [{"name": "Lee West", "email": "lee@assoc.example", "time_zone": "Los Angeles"}]
    )[0]
    west, east = gw.create(
        Client,
        [
            {"name": "Ana West", "email": "ana@client.example", "time_zone": "America/Los_Angeles"},
            {"name": "Sol East", "email": "sol@client.example", "time_zone": "Sydney", "associate": [la.id]},
        ],
    )
    monday = TODAY - timedelta(days=1)
    west_item, lee_item, east_item = gw.create(
        ActionItem,
        [
            {
                "description": "Draft the team charter",
                "client": [west.id],
                "client_visible": True,
                "due_date": monday,
            },
            {
                "description": "Send Sol the 360 pack",
                "client": [east.id],
                "assigned_to": "Associate",
                "due_date": monday,
            },
            {
                "description": "Book the offsite",
                "client": [east.id],
                "client_visible": True,
                "due_date": TODAY,
            },
        ],
    )
    _run(world)  # 06:10 UTC: Monday evening in Los Angeles, Tuesday afternoon in Sydney
    assert _to(world, "ana@client.example") == [] and _to(world, "lee@assoc.example") == []
    assert _to(world, "sol@client.example") == []  # due today on her Tuesday: not late yet
    _run(world, NOW.replace(hour=20))  # Tuesday 20:00 UTC: Wednesday 07:00 in Sydney
    assert len(_to(world, "sol@client.example")) == 1
    (after,) = gw.get_many(ActionItem, [east_item.id])
    assert after.reminded_on == TODAY + timedelta(days=1)  # her Wednesday
    _run(world, NOW + timedelta(days=1))  # the next morning's run: Los Angeles a day past, Sydney the same
    assert len(_to(world, "ana@client.example")) == 1 and len(_to(world, "lee@assoc.example")) == 1
    assert len(_to(world, "sol@client.example")) == 1
    items = {i.id: i for i in gw.get_many(ActionItem, [west_item.id, lee_item.id])}
    assert {i.reminded_on for i in items.values()} == {TODAY}  # their Tuesday


def _waiting_for_the_coach(server, tmp_path):
    """A world where the coach reads every homework reminder before it goes (Action Item Reminder taken
    out of messages.auto_send_kinds), as the fifth unseen business (Toronto) has it."""
    import json

    from automation.settings.messages import MessageSettings
    from tests.leads.http_world import make_world

    kinds = [k for k in MessageSettings().auto_send_kinds if k != "Action Item Reminder"]
    return make_world(server, tmp_path, **{"messages.auto_send_kinds": json.dumps(kinds)})


def test_overdue__a_reminder_whose_actions_were_done_while_it_waited_is_not_sent(server, tmp_path) -> None:
    """Found by the fifth unseen business: the client replied "done" and the coach marked the item Complete
    while its reminder waited in the Approval Queue; approving the queue then sent "a gentle reminder of
    the action you set yourself" about it."""
    from automation.messages.automations import send_due

    world = _waiting_for_the_coach(server, tmp_path)
    gw = world.gw
    client = gw.create(Client, [{"name": "Amara Dlamini", "email": "amara@client.example"}])[0]
    (item,) = gw.create(
        ActionItem,
        [{"description": "Send the shift supervisors the escalation path", "client": [client.id],
          "client_visible": True, "due_date": TODAY - timedelta(days=4), "status": "Open"}],
    )  # fmt: skip
    assert _run(world)["chased"] == 1
    (draft,) = [m for m in _reminders(world) if m.recipient == "amara@client.example"]
    assert draft.status == "Draft"
    gw.update(ActionItem, [(item, {"status": "Complete"})])
    gw.update(Message, [(draft, {"status": "Approved"})])
    send_due(world.ctx(now=NOW + timedelta(hours=2)))
    after = gw.get(Message, draft.id)
    assert after.status == "Cancelled" and "done or cancelled" in (after.error or ""), after
    assert after.sent_at is None and not after.provider_id


def test_overdue__a_reminder_one_of_whose_actions_was_done_is_withdrawn_and_the_open_one_chased_again(
    server, tmp_path
) -> None:
    """Found by the sixth unseen business: a reminder of three actions waited for the coach, the client did
    one meanwhile, and the approved reminder went listing it. The coach approved a text that is no longer
    true and not another: it is withdrawn, and the next run chases the open one alone, for her approval."""
    from automation.messages.automations import send_due

    world = _waiting_for_the_coach(server, tmp_path)
    gw = world.gw
    client = gw.create(Client, [{"name": "Ben Roy", "email": "ben@client.example"}])[0]
    base = {"client": [client.id], "client_visible": True, "status": "Open"}
    done, still = gw.create(
        ActionItem,
        [{**base, "description": "Book the offsite", "due_date": TODAY - timedelta(days=3)},
         {**base, "description": "Ask two peers for feedback", "due_date": TODAY - timedelta(days=2)}],
    )  # fmt: skip
    _run(world)
    (draft,) = [m for m in _reminders(world) if m.recipient == "ben@client.example"]
    gw.update(ActionItem, [(done, {"status": "Complete"})])
    gw.update(Message, [(draft, {"status": "Approved"})])
    send_due(world.ctx(now=NOW + timedelta(hours=2)))
    after = gw.get(Message, draft.id)
    assert after.status == "Cancelled" and "1 of the 2" in (after.error or ""), (after.status, after.error)
    assert after.sent_at is None
    assert gw.get(ActionItem, still.id).reminded_on is None  # owed again this period
    assert gw.get(ActionItem, done.id).reminded_on == TODAY
    assert _run(world, NOW + timedelta(hours=3))["chased"] == 1
    again = [m for m in _reminders(world) if m.recipient == "ben@client.example" and m.id != draft.id]
    assert len(again) == 1 and again[0].status == "Draft", [(m.status, m.subject) for m in again]
    assert "Ask two peers for feedback" in again[0].body and "offsite" not in again[0].body, again[0].body
    assert _run(world, NOW + timedelta(hours=4))["chased"] == 0  # and once only


def _an_associates_two_items(world):
    gw = world.gw
    ann = gw.create(Associate, [{"name": "Ann Lee", "email": "ann@associate.example", "status": "Active"}])[0]
    jo = gw.create(Client, [{"name": "Jo Bloggs", "email": "jo@client.example", "associate": [ann.id]}])[0]
    base = {"client": [jo.id], "assigned_to": "Associate", "status": "Open"}
    items = gw.create(
        ActionItem,
        [{**base, "description": "Send Jo the stakeholder map", "due_date": TODAY - timedelta(days=3)},
         {**base, "description": "Book Jo's 360 interviews", "due_date": TODAY - timedelta(days=2)}],
    )  # fmt: skip
    _run(world)
    (draft,) = [m for m in _reminders(world) if m.recipient == "ann@associate.example"]
    assert draft.status == "Draft" and draft.associate == [ann.id]
    return items, draft


def test_overdue__an_associates_reminder_of_items_he_did_meanwhile_is_not_sent(server, tmp_path) -> None:
    """Found by the sixth unseen business: the associate ticked his overdue item Complete while its reminder
    waited for the coach; approving it then sent "a reminder of what is yours to do" about it (an
    associate's reminder links no client, and was never checked)."""
    from automation.messages.automations import send_due

    world = _waiting_for_the_coach(server, tmp_path)
    gw = world.gw
    items, draft = _an_associates_two_items(world)
    gw.update(ActionItem, [(i, {"status": "Complete"}) for i in items])
    gw.update(Message, [(draft, {"status": "Approved"})])
    send_due(world.ctx(now=NOW + timedelta(hours=2)))
    after = gw.get(Message, draft.id)
    assert after.status == "Cancelled" and "done or cancelled" in (after.error or ""), (
        after.status,
        after.error,
    )


def test_overdue__an_associates_reminder_with_one_item_done_is_withdrawn_and_the_other_chased_again(
    server, tmp_path
) -> None:
    from automation.messages.automations import send_due

    world = _waiting_for_the_coach(server, tmp_path)
    gw = world.gw
    (done, still), draft = _an_associates_two_items(world)
    gw.update(ActionItem, [(done, {"status": "Complete"})])
    gw.update(Message, [(draft, {"status": "Approved"})])
    send_due(world.ctx(now=NOW + timedelta(hours=2)))
    assert gw.get(Message, draft.id).status == "Cancelled"
    _run(world, NOW + timedelta(hours=3))
    again = [m for m in _reminders(world) if m.recipient == "ann@associate.example" and m.id != draft.id]
    assert len(again) == 1 and "360 interviews" in again[0].body and "stakeholder" not in again[0].body


def test_overdue__an_associates_reminder_with_his_items_open_is_sent(server, tmp_path) -> None:
    from automation.messages.automations import send_due

    world = _waiting_for_the_coach(server, tmp_path)
    gw = world.gw
    _items, draft = _an_associates_two_items(world)
    gw.update(Message, [(draft, {"status": "Approved"})])
    send_due(world.ctx(now=NOW + timedelta(hours=2)))
    assert gw.get(Message, draft.id).status == "Sent"
