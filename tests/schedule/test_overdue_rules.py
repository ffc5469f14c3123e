"""Which overdue action items are chased today, and the coach's summary (pure rules, table-driven)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from automation.models import ActionItem
from automation.schedule.completion import completion
from automation.schedule.overdue import chase, summary_by_client
from automation.settings.schedule import ScheduleSettings

TODAY = date(2026, 11, 20)
SETTINGS = ScheduleSettings(overdue_first_days=1, overdue_repeat_days=7)


def _item(**fields) -> ActionItem:
    return ActionItem(id="recI", **{"status": "Open", "description": "Draft the team charter", **fields})


def _days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"due_date": TODAY}, None),  # due today: not yet past
        ({"due_date": _days_ago(1)}, (0, _days_ago(0))),  # first reminder the day after
        ({"due_date": _days_ago(5), "reminded_on": _days_ago(4)}, None),  # first period already chased
        ({"due_date": _days_ago(8), "reminded_on": _days_ago(7)}, (1, TODAY)),  # the repeat falls due
        ({"due_date": _days_ago(10), "reminded_on": _days_ago(2)}, None),  # repeat already sent
        ({"due_date": _days_ago(3), "tentative": True}, None),  # tentative: never chased
        ({"due_date": _days_ago(3), "status": "Complete"}, None),
        ({"due_date": _days_ago(3), "status": "Cancelled"}, None),
        ({"due_date": _days_ago(3), "status": "In Progress"}, (0, _days_ago(2))),
        ({}, None),  # no due date
    ],
    ids=[
        "due-today",
        "one-day-late",
        "chased-this-period",
        "repeat-due",
        "repeat-done",
        "tentative",
        "complete",
        "cancelled",
        "in-progress",
        "no-due-date",
    ],
)
def test_chase__cases(fields, expected) -> None:
    got = chase(_item(**fields), TODAY, SETTINGS)
    assert (None if got is None else (got.period, got.period_start)) == expected


def test_chase__the_dedupe_key_names_the_period() -> None:
    first = chase(_item(due_date=_days_ago(1)), TODAY, SETTINGS)
    repeat = chase(_item(due_date=_days_ago(8)), TODAY, SETTINGS)
    assert first and repeat and first.dedupe_key != repeat.dedupe_key


def test_summary_by_client__groups_most_overdue_first_and_leaves_out_tentative() -> None:
    items = [
        ActionItem(id="rec1", description="A", client=["recC1"], due_date=_days_ago(2), status="Open"),
        ActionItem(id="rec2", description="B", client=["recC2"], due_date=_days_ago(9), status="Open"),
        ActionItem(id="rec3", description="C", client=["recC1"], due_date=_days_ago(5), status="Open"),
        ActionItem(id="rec4", description="D", client=["recC1"], due_date=_days_ago(5), tentative=True),
        ActionItem(id="rec5", description="E", client=["recC1"], due_date=TODAY, status="Open"),
    ]
    groups = summary_by_client(items, TODAY, {"recC1": "Ann", "recC2": "Bob"})
    assert groups == [("Bob", [("B", 9)]), ("Ann", [("C", 5), ("A", 2)])]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([("Complete", False), ("Open", False)], 0.5),
        ([("Complete", False), ("Open", True)], 1.0),  # the tentative one does not count
        ([("Complete", False), ("Cancelled", False), ("Open", False), ("Open", False)], 0.3333),
        ([("Open", True)], None),
        ([], None),
    ],
    ids=["half", "tentative-ignored", "cancelled-ignored", "only-tentative", "none"],
)
def test_completion__share_of_firm_items_complete(statuses, expected) -> None:
    items = [ActionItem(id=f"rec{n}", status=s, tentative=t) for n, (s, t) in enumerate(statuses)]
    assert completion(items) == expected


@pytest.mark.parametrize(
    ("assigned_to", "visible", "expected"),
    [
        ("Client", True, "client"),
        (None, True, "client"),  # unassigned: the client's, as the notes email put it
        ("Client", False, "coach"),  # the client never saw it: the coach chases
        ("Coach", True, "coach"),  # in the client's notes, still the coach's own task
        ("Associate", True, "associate"),
        ("Associate", False, "associate"),
    ],
)
def test_owner__the_item_is_chased_to_whoever_owns_it(assigned_to, visible, expected) -> None:
    from automation.models import Associate, Client
    from automation.schedule.overdue_job import owner

    client = Client(id="recC", name="Jo Bloggs", email="jo@client.example", associate=["recA"])
    ann = Associate(id="recA", name="Ann Lee", email="ann@associate.example")
    item = _item(due_date=_days_ago(2), client=["recC"], assigned_to=assigned_to, client_visible=visible)
    assert owner(item, client, ann) == expected


def test_owner__without_an_address_the_coach_chases() -> None:
    from automation.models import Associate, Client
    from automation.schedule.overdue_job import owner

    no_email = Client(id="recC", name="Jo Bloggs")
    mine = _item(due_date=_days_ago(2), client=["recC"], assigned_to="Client", client_visible=True)
    assert owner(mine, no_email, None) == "coach"
    theirs = _item(due_date=_days_ago(2), client=["recC"], assigned_to="Associate", client_visible=True)
    for associate in (None, Associate(id="recA", name="Ann Lee"), Associate(id="recA", email="  ")):
        assert owner(theirs, no_email, associate) == "coach"


def test_owner__an_opted_out_client_or_an_inactive_associate_is_not_chased() -> None:
    from automation.models import Associate, Client
    from automation.schedule.overdue_job import owner

    client = Client(id="recC", name="Jo Bloggs", email="jo@client.example", associate=["recA"])
    opted_out = client.model_copy(update={"email_opt_out": True})
    mine = _item(due_date=_days_ago(2), client=["recC"], assigned_to="Client", client_visible=True)
    assert (owner(mine, client, None), owner(mine, opted_out, None)) == ("client", "coach")
    theirs = _item(due_date=_days_ago(2), client=["recC"], assigned_to="Associate")
    ann = Associate(id="recA", name="Ann Lee", email="ann@associate.example", status="Active")
    left = ann.model_copy(update={"status": "Inactive"})
    assert (owner(theirs, client, ann), owner(theirs, client, left)) == ("associate", "coach")


@pytest.mark.parametrize("status", ["Paused", "Completed", "Churned"])
@pytest.mark.parametrize("assigned_to", ["Client", "Associate"])
def test_owner__a_client_no_longer_in_an_active_engagement_is_not_chased(status, assigned_to) -> None:
    from automation.models import Associate, Client
    from automation.schedule.overdue_job import owner

    client = Client(id="recC", name="Jo Bloggs", email="jo@client.example", associate=["recA"], status=status)
    ann = Associate(id="recA", name="Ann Lee", email="ann@associate.example")
    item = _item(due_date=_days_ago(2), client=["recC"], assigned_to=assigned_to, client_visible=True)
    assert owner(item, client, ann) == "coach"


def test_summary_by_client__two_clients_of_the_same_name_are_two_groups() -> None:
    from automation.models import Client
    from automation.schedule.overdue import client_labels

    clients = [
        Client(id="recC1", name="Sam Lee", company="Northwind"),
        Client(id="recC2", name="Sam Lee", email="sam@contoso.example"),
        Client(id="recC3", name="Ann Ode", company="Northwind"),
    ]
    items = [
        ActionItem(id="rec1", description="A", client=["recC1"], due_date=_days_ago(7), status="Open"),
        ActionItem(id="rec2", description="B", client=["recC2"], due_date=_days_ago(3), status="Open"),
        ActionItem(id="rec3", description="C", client=["recC3"], due_date=_days_ago(1), status="Open"),
    ]
    groups = summary_by_client(items, TODAY, client_labels(clients))
    assert groups == [
        ("Sam Lee (Northwind)", [("A", 7)]),
        ("Sam Lee (sam@contoso.example)", [("B", 3)]),
        ("Ann Ode", [("C", 1)]),
    ]


def test_client_labels__same_name_and_company_fall_back_to_the_record_id() -> None:
    from automation.models import Client
    from automation.schedule.overdue import client_labels

    clients = [
        Client(id="recC1", name="Sam Lee", company="Acme"),
        Client(id="recC2", name="Sam Lee", company="Acme"),
    ]
    labels = client_labels(clients)
    assert len(set(labels.values())) == 2
    assert all(label.startswith("Sam Lee") and cid in label for cid, label in labels.items())


def test_client_reminder__her_own_action_says_your_not_her() -> None:
    # "A gentle reminder of the action you set yourself: Write her three priorities" reads as if about
    # someone else; the coach's own summary keeps the item's words.
    from automation.models import Client
    from automation.schedule.overdue import Chase
    from automation.schedule.overdue_job import client_reminder

    today = date(2026, 12, 7)
    item = ActionItem(id="recI", description="Write her three priorities for the quarter",
                      due_date=today - timedelta(days=3), assigned_to="Client", client=["recC"])  # fmt: skip
    draft = client_reminder(
        [Chase(item, 0, today, 3)], Client(id="recC", name="Inès", email="i@x.example"), today
    )
    assert "your three priorities" in draft.data["body"] and "her three" not in draft.data["body"]
    assert draft.subject == "A reminder: Write your three priorities for the quarter"
