"""A client's-eye probe over HTTP against the local server: what a coaching client receives, read as the
client would (her own clock, her own name, one message not two, nothing once she paused or left). Each
test's docstring is the expectation written before the code was run on it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from automation.billing.automations import billing_daily
from automation.models import ActionItem, Associate, Client, Invoice, Message, Package, Session
from automation.schedule.overdue_job import overdue_action_items
from automation.schedule.reminder_job import session_reminders
from automation.schedule.survey_job import satisfaction_survey
from automation.sessions.automations import draft_session_notes

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # Monday 08:00 in London, past the 07:00 reminder hour
TOMORROW = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)  # Tuesday 14:00 London
YESTERDAY = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)  # Sunday 10:00 London, a Completed session
# Kolkata (UTC+5:30), the business in New York: Tuesday 08:30 her time is Monday 22:00 in New York.
KOLKATA_0830 = datetime(2026, 12, 8, 3, 0, tzinfo=UTC)
DEC1 = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # billing day: November is billed


@pytest.fixture
def ny_world(server, tmp_path):
    from tests.leads.http_world import make_world

    return make_world(server, tmp_path, **{"general.time_zone": "America/New_York"})


def _associate(world, name="Priya Shah", email="priya@assoc.example"):
    return world.gw.create(Associate, [{"name": name, "email": email, "status": "Active"}])[0]


def _client(world, associate=None, **fields):
    row = {"name": "Ana Lopez", "email": "ana@client.example", "status": "Active", **fields}
    if associate is not None:
        row["associate"] = [associate.id]
    return world.gw.create(Client, [row])[0]


def _session(world, client, associate=None, at=TOMORROW, **fields):
    row = {"client": [client.id], "session_date": at, "duration": 3600, "status": "Scheduled", **fields}
    if associate is not None:
        row["associate"] = [associate.id]
    return world.gw.create(Session, [row])[0]


def _run(world, job, now=NOW):
    ctx = world.ctx(now=now, job=job.__name__)
    with ctx.run:
        job(ctx)
    return ctx


def _notes(world, session, now):
    """The notes automation on this session as a webhook visit runs it, its updates written."""
    ctx = world.ctx(now=now, job="notes")
    with ctx.run:
        updates = draft_session_notes(ctx, world.gw.get_many(Session, [session.id]))
        by_table: dict[type, list] = {}
        for u in updates:
            by_table.setdefault(type(u.record), []).append((u.record, u.fields))
        for model, rows in by_table.items():
            world.gw.update(model, rows)
    return ctx


def _to(world, address, kind=None) -> list[Message]:
    return [
        m
        for m in world.gw.all(Message)
        if (m.recipient or "").lower() == address and (kind is None or m.kind == kind)
    ]


def _problems(ctx):
    return [(p.table, p.record_id, p.field) for p in ctx.run.problems]


# 1. Kolkata --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Asia/Kolkata", "Mumbai", "UTC+5:30", "India"])
def test_kolkata__one_reminder_the_day_before_on_her_clock(ny_world, typed) -> None:
    """Her session is Tuesday 08:30 in Kolkata (Monday 22:00 in New York). Run Sunday 08:00 New York
    (18:30 Sunday hers): nothing yet, Tuesday is two of her days off. Run Monday 08:00 New York (18:30
    Monday hers): one reminder, reading 'Tue 8 Dec, 08:30 IST' in the subject and 'Tuesday 8 December,
    08:30 IST' in the letter, never New York's 22:00 Monday. Her Time Zone as the coach may type it: the
    tz database's name, her city, her offset, her country (one clock)."""
    w = ny_world
    ana = _client(w, time_zone=typed)
    _session(w, ana, at=KOLKATA_0830)
    _run(w, session_reminders, datetime(2026, 12, 6, 13, 0, tzinfo=UTC))
    assert _to(w, "ana@client.example") == []
    _run(w, session_reminders, datetime(2026, 12, 7, 13, 0, tzinfo=UTC))
    (mine,) = _to(w, "ana@client.example")
    assert "Tue 8 Dec, 08:30 IST" in mine.subject
    assert "Tuesday 8 December, 08:30 IST" in mine.body and "22:00" not in mine.body


def test_kolkata__notes_and_survey_name_the_day_she_had_the_session(ny_world) -> None:
    """The session held Tuesday 08:30 Kolkata (Monday evening in New York): her notes email is 'Notes from
    our session on 8 December' and says Tuesday 8 December; the next session (Tuesday 15th, 08:30 hers)
    reads on her clock; the survey asks about 'our session on Tuesday 8 December'."""
    w = ny_world
    ana = _client(w, time_zone="Asia/Kolkata")
    s = _session(
        w, ana, at=KOLKATA_0830, status="Completed", next_session=KOLKATA_0830 + timedelta(days=7),
        raw_notes="- Ana to write her team charter by Friday.\n",
    )  # fmt: skip
    _notes(w, s, datetime(2026, 12, 8, 5, 0, tzinfo=UTC))
    (notes,) = _to(w, "ana@client.example", "Session Notes")
    assert notes.subject == "Notes from our session on 8 December"
    assert "Tuesday 8 December" in notes.body
    assert "Tuesday 15 December, 08:30 IST" in notes.body
    _run(w, satisfaction_survey, datetime(2026, 12, 8, 15, 0, tzinfo=UTC))
    (survey,) = _to(w, "ana@client.example", "Satisfaction Survey")
    assert "our session on Tuesday 8 December" in survey.body


# 2. Names -------------------------------------------------------------------------------------------------


def test_names__a_shouted_name_with_a_title_is_greeted_by_her_first_name(world) -> None:
    """'DR. ANA O'NEILL-GÓMEZ': her reminder, overdue nudge and survey greet 'Hi Ana,' (not 'Hi DR.' nor
    the name in capitals); her associate's copy names her as written."""
    priya = _associate(world)
    ana = _client(world, priya, name="DR. ANA O'NEILL-GÓMEZ")
    _session(world, ana, priya)
    _session(world, ana, priya, at=YESTERDAY, status="Completed")
    world.gw.create(
        ActionItem,
        [{"description": "Book the offsite", "client": [ana.id], "status": "Open", "client_visible": True,
          "due_date": date(2026, 12, 4)}],
    )  # fmt: skip
    _run(world, session_reminders)
    _run(world, overdue_action_items)
    _run(world, satisfaction_survey)
    got = _to(world, "ana@client.example")
    assert sorted(m.kind for m in got) == ["Action Item Reminder", "Satisfaction Survey", "Session Reminder"]
    for m in got:
        assert "Hi Ana," in m.body, (m.kind, m.body)
    (host,) = _to(world, "priya@assoc.example")
    assert "DR. ANA O'NEILL-GÓMEZ" in host.body


def test_names__no_name_greets_without_a_blank_or_none(world) -> None:
    """No Name: 'Hi there,' or 'Hello,', never 'Hi ,' or 'None'; her associate's copy names her by her
    address, not 'None'."""
    priya = _associate(world)
    ana = _client(world, priya, name=None)
    _session(world, ana, priya)
    _session(world, ana, priya, at=YESTERDAY, status="Completed")
    _run(world, session_reminders)
    _run(world, satisfaction_survey)
    got = _to(world, "ana@client.example")
    assert len(got) == 2
    for m in got:
        assert "Hi ," not in m.body and "None" not in m.body and "None" not in (m.subject or "")
        assert "Hi there," in m.body or "Hello," in m.body
    (host,) = _to(world, "priya@assoc.example")
    assert "ana@client.example" in host.body and "None" not in host.body


# 3. Two addresses in the field -----------------------------------------------------------------------------

TWO = "a@x.example; b@y.example"


def test_two_addresses__nothing_to_a_guess_the_coach_told_the_rest_goes_on(world) -> None:
    """Email 'a@x.example; b@y.example': no email is addressed to that text (nor to a guess); her associate
    still gets the invitation; the overdue run does not fail (the coach's summary lists the item); every run
    names the client's Email to fix."""
    priya = _associate(world)
    ana = _client(world, priya, email=TWO)
    _session(world, ana, priya)
    _session(world, ana, priya, at=YESTERDAY, status="Completed")
    world.gw.create(
        ActionItem,
        [{"description": "Book the offsite", "client": [ana.id], "status": "Open", "client_visible": True,
          "due_date": date(2026, 12, 4)}],
    )  # fmt: skip
    runs = [_run(world, job) for job in (session_reminders, overdue_action_items, satisfaction_survey)]
    msgs = world.gw.all(Message)
    assert not [m for m in msgs if "x.example" in (m.recipient or "") or "y.example" in (m.recipient or "")]
    assert _to(world, "priya@assoc.example", "Session Reminder")
    assert [m for m in msgs if (m.subject or "").startswith("Overdue action items: 1")]
    for ctx in runs:
        assert ("clients", ana.id, "email") in _problems(ctx), ctx.run.job


def test_two_addresses__notes_are_drafted_the_email_waits_for_an_address(world) -> None:
    """Notes for her session are still drafted (Notes Status Drafted, her item created); no email to the
    two-address text; the run names her Email."""
    ana = _client(world, email=TWO)
    s = _session(world, ana, at=YESTERDAY, status="Completed", raw_notes="- Ana to book the offsite.\n")
    ctx = _notes(world, s, NOW)
    assert world.gw.get(Session, s.id).notes_status == "Drafted"
    assert [i for i in world.gw.all(ActionItem) if s.id in i.session]
    assert not [m for m in world.gw.all(Message) if m.kind == "Session Notes"]
    assert ("clients", ana.id, "email") in _problems(ctx)


# 4. Associate changed between booking and reminder ---------------------------------------------------------


def test_associate_changed_before_the_reminder__she_reads_the_new_one_only(world) -> None:
    """Booked with Priya, moved to Bob before any reminder: Ana gets one reminder naming Bob and signed by
    him; Bob gets the invitation; Priya gets nothing (she never had it)."""
    priya, bob = _associate(world), _associate(world, "Bob Reid", "bob@assoc.example")
    ana = _client(world, priya)
    s = _session(world, ana, priya)
    world.gw.update(Session, [(s, {"associate": [bob.id]})])
    world.gw.update(Client, [(ana, {"associate": [bob.id]})])
    _run(world, session_reminders)
    (mine,) = _to(world, "ana@client.example")
    assert "Bob Reid" in mine.body and "Priya" not in mine.body
    assert len(_to(world, "bob@assoc.example")) == 1
    assert _to(world, "priya@assoc.example") == []


# 5. Twenty-five open items ------------------------------------------------------------------------------


def test_twenty_five_overdue_items__one_readable_email(world) -> None:
    """25 of her items overdue: one email (not 25), subject saying 25 actions, each action on its own line
    with its due date, the oldest first."""
    ana = _client(world)
    world.gw.create(
        ActionItem,
        [{"description": f"Action number {n}", "client": [ana.id], "status": "Open", "client_visible": True,
          "due_date": date(2026, 11, 5) + timedelta(days=n)} for n in range(1, 26)],
    )  # fmt: skip
    _run(world, overdue_action_items)
    (mine,) = _to(world, "ana@client.example")
    assert mine.subject == "A reminder: 25 actions from our sessions"
    lines = [line for line in mine.body.splitlines() if line.startswith("• ")]
    assert len(lines) == 25 and all("(due " in line for line in lines)
    assert lines[0].startswith("• Action number 1 ") and lines[-1].startswith("• Action number 25 ")


# 6. An action item with no due date ----------------------------------------------------------------------


def test_no_due_date__never_chased_and_the_coachs_item_is_not_read_as_hers(world) -> None:
    """An open item of hers with no Due Date is never 'overdue' (no nudge). In her notes email (coach items
    shown), the coach's own item without a date is marked as the coach's, as one with a date is; her own
    item without a date reads as hers."""
    notes = world.settings.notes.model_copy(update={"client_visible_owners": ["client", "coach"]})
    world.settings = world.settings.model_copy(update={"notes": notes})
    ana = _client(world)
    world.gw.create(
        ActionItem, [{"description": "Think about delegation", "client": [ana.id], "status": "Open",
                      "client_visible": True}],
    )  # fmt: skip
    _run(world, overdue_action_items)
    assert _to(world, "ana@client.example") == []
    s = _session(
        world, ana, at=YESTERDAY, status="Completed",
        raw_notes="- Ana to map her stakeholders.\n- I'll send Ana the delegation article.\n",
    )  # fmt: skip
    _notes(world, s, NOW)
    (notes,) = _to(world, "ana@client.example", "Session Notes")
    line = next(x for x in notes.body.splitlines() if "delegation article" in x)
    assert "Coach" in line, notes.body
    own = next(x for x in notes.body.splitlines() if "stakeholders" in x)
    assert "Coach" not in own


# 7. Pro bono ------------------------------------------------------------------------------------------------


def test_pro_bono__no_invoice_reaches_her(world) -> None:
    """A per-session package at 0.00: the November run writes no invoice and sends her nothing (no £0.00
    invoice, no payment reminder); her sessions are marked Waived."""
    (pkg,) = world.gw.create(Package, [{"name": "Pro bono", "billing": "Per Session", "price": Decimal("0")}])
    ana = _client(world, package=[pkg.id])
    s = _session(world, ana, at=datetime(2026, 11, 10, 10, tzinfo=UTC), status="Completed")
    _run(world, billing_daily, DEC1)
    _run(world, billing_daily, DEC1 + timedelta(days=40))
    assert _to(world, "ana@client.example") == []
    assert world.gw.all(Invoice) == []
    assert world.gw.get(Session, s.id).invoice_status == "Waived"


# 8-9. Paused and churned ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["Paused", "Churned"])
def test_paused_or_churned__no_reminder_survey_or_nudge(world, status) -> None:
    """Ana Paused (or Churned) with a session still Scheduled tomorrow, one Completed yesterday and an
    overdue item: she gets no session reminder, no survey and no action-item nudge."""
    priya = _associate(world)
    ana = _client(world, priya, status=status)
    _session(world, ana, priya)
    _session(world, ana, priya, at=YESTERDAY, status="Completed")
    world.gw.create(
        ActionItem,
        [{"description": "Book the offsite", "client": [ana.id], "status": "Open", "client_visible": True,
          "due_date": date(2026, 12, 4)}],
    )  # fmt: skip
    for job in (session_reminders, overdue_action_items, satisfaction_survey):
        _run(world, job)
    assert _to(world, "ana@client.example") == []


def test_churned__her_last_sessions_are_still_invoiced(world) -> None:
    """Churned in December after two November sessions: the 1 December run still bills them (money owed
    is not a coaching message), one invoice email, total 2 × 300.00."""
    (pkg,) = world.gw.create(Package, [{"name": "Exec", "billing": "Per Session", "price": Decimal("300")}])
    ana = _client(world, package=[pkg.id], status="Churned")
    for d in (5, 19):
        _session(world, ana, at=datetime(2026, 11, d, 10, tzinfo=UTC), status="Completed")
    _run(world, billing_daily, DEC1)
    (inv,) = _to(world, "ana@client.example", "Invoice")
    assert "600.00" in inv.body


# 10. Already answered ---------------------------------------------------------------------------------------


def test_already_rated__no_survey(world) -> None:
    """Yesterday's session already has her rating (she told her associate): no survey."""
    ana = _client(world)
    _session(world, ana, at=YESTERDAY, status="Completed", satisfaction=5)
    _run(world, satisfaction_survey)
    assert _to(world, "ana@client.example") == []


# 11. Cancelled after the reminder went ---------------------------------------------------------------------


def test_cancelled_after_the_reminder__one_cancellation_and_nothing_more(world) -> None:
    """Reminded Monday morning, cancelled at noon: she gets one cancellation for Tuesday 14:00 GMT (it takes
    the invitation out of her calendar), signed as the reminder was; a later run sends nothing more."""
    priya = _associate(world)
    ana = _client(world, priya)
    s = _session(world, ana, priya)
    _run(world, session_reminders)
    world.gw.update(Session, [(world.gw.get(Session, s.id), {"status": "Cancelled"})])
    _run(world, session_reminders, NOW + timedelta(hours=4))
    _run(world, session_reminders, NOW + timedelta(hours=8))
    got = sorted(m.subject or "" for m in _to(world, "ana@client.example"))
    assert len(got) == 2
    assert got[0] == "Cancelled: coaching session Tue 8 Dec, 14:00 GMT"
    assert got[1].startswith("Reminder:")
    (cancel,) = [m for m in _to(world, "ana@client.example") if (m.subject or "").startswith("Cancelled")]
    assert "Priya Shah" in cancel.body


def test_two_addresses__found_after__the_billing_run_bills_the_rest_and_tells_the_coach(world) -> None:
    """Found after the first look (the same refusal, in billing): Ana's Email holds two addresses. The
    1 December run still bills her and drafts Jo's invoice email; none goes to Ana's field; the coach gets
    one alert naming Ana's invoice and what to fix."""
    (pkg,) = world.gw.create(Package, [{"name": "Exec", "billing": "Per Session", "price": Decimal("300")}])
    ana = _client(world, package=[pkg.id], email=TWO)
    jo = _client(world, package=[pkg.id], name="Jo Bloggs", email="jo@client.example")
    for c in (ana, jo):
        _session(world, c, at=datetime(2026, 11, 5, 10, tzinfo=UTC), status="Completed")
    _run(world, billing_daily, DEC1)
    assert len(world.gw.all(Invoice)) == 2
    assert len(_to(world, "jo@client.example", "Invoice")) == 1
    msgs = world.gw.all(Message)
    assert not [m for m in msgs if "x.example" in (m.recipient or "")]
    (alert,) = [m for m in msgs if m.kind == "System Alert" and "usable email address" in (m.subject or "")]
    assert "Ana Lopez's Email is not one email address" in alert.body


def test_paused__found_after__the_coach_is_told_and_setting_her_active_invites_her(world) -> None:
    """Found after the first look: Ana Paused with tomorrow's session still Scheduled. Priya's invitation
    says Ana was not sent hers; the run names Ana's Status. The coach sets her Active: the next run sends
    Ana the invitation (she joins the session). (Expected first: Priya nothing new. Wrong: the invitation's
    next SEQUENCE goes to every attendee, so Priya's calendar gets the update naming Ana, as for any change
    of people.)"""
    priya = _associate(world)
    ana = _client(world, priya, status="Paused")
    s = _session(world, ana, priya)
    ctx = _run(world, session_reminders)
    (host,) = _to(world, "priya@assoc.example")
    assert "Ana Lopez's Status is Paused, so the client was not sent it" in host.body
    assert ("clients", ana.id, "status") in _problems(ctx)
    world.gw.update(Client, [(world.gw.get(Client, ana.id), {"status": "Active"})])
    _run(world, session_reminders, NOW + timedelta(hours=2))
    (mine,) = _to(world, "ana@client.example")
    assert mine.subject.startswith("Invitation: coaching session Tue 8 Dec, 14:00 GMT")
    later = [m for m in _to(world, "priya@assoc.example") if s.id in m.session and m.id != host.id]
    assert [m.subject for m in later] == ["Updated: coaching session Tue 8 Dec, 14:00 GMT"]
    assert "it is now with Ana Lopez" in later[0].body


def test_a_client_whose_engagement_ended_is_not_invited_to_a_session_left_booked(world) -> None:
    """The fourth unseen business: Tom's engagement ended (Completed) with tomorrow's session still
    Scheduled. He was sent the reminder, as if nothing had ended; his associate was not told. Now he gets
    nothing, Priya's copy says why without guessing a pronoun, and the run names his Status."""
    priya = _associate(world)
    tom = _client(world, priya, name="Tom Fairweather", email="tom@client.example", status="Completed")
    _session(world, tom, priya)
    ctx = _run(world, session_reminders)
    assert not _to(world, "tom@client.example")
    (host,) = _to(world, "priya@assoc.example")
    assert "Tom Fairweather's Status is Completed, so the client was not sent it" in host.body
    assert not re.search(r"\b(she|her)\b", host.body), host.body
    assert ("clients", tom.id, "status") in _problems(ctx)


def test_paused_after_her_reminder__found_after__she_is_not_told_she_left_the_session(world) -> None:
    """Found after the first look: Ana reminded, then Paused the same day, the session left Scheduled: no
    'you are no longer in the session' letter (nobody took her off it); cancelled later, she gets the
    cancellation, since her calendar holds it."""
    priya = _associate(world)
    ana = _client(world, priya)
    s = _session(world, ana, priya)
    _run(world, session_reminders)
    world.gw.update(Client, [(world.gw.get(Client, ana.id), {"status": "Paused"})])
    _run(world, session_reminders, NOW + timedelta(hours=2))
    assert [m.subject[:9] for m in _to(world, "ana@client.example")] == ["Reminder:"]
    world.gw.update(Session, [(world.gw.get(Session, s.id), {"status": "Cancelled"})])
    _run(world, session_reminders, NOW + timedelta(hours=4))
    assert sorted(m.subject[:10] for m in _to(world, "ana@client.example")) == ["Cancelled:", "Reminder: "]


# Second batch, written before its first look ---------------------------------------------------------------


def test_kolkata__moved_after_her_reminder_reads_both_times_on_her_clock(ny_world) -> None:
    """Reminded on her Monday, the session is moved a day later (Wednesday 08:30 hers): one 'Moved:' email,
    'now Wed 9 Dec, 08:30 IST', the letter giving the new time and the one it was (Tuesday 8 December,
    08:30 IST), both on her clock; no second reminder the same run."""
    w = ny_world
    ana = _client(w, time_zone="Asia/Kolkata")
    s = _session(w, ana, at=KOLKATA_0830)
    _run(w, session_reminders, datetime(2026, 12, 7, 13, 0, tzinfo=UTC))
    w.gw.update(Session, [(w.gw.get(Session, s.id), {"session_date": KOLKATA_0830 + timedelta(days=1)})])
    _run(w, session_reminders, datetime(2026, 12, 7, 15, 0, tzinfo=UTC))
    got = sorted(m.subject or "" for m in _to(w, "ana@client.example"))
    assert len(got) == 2 and got[0].startswith("Moved: coaching session now Wed 9 Dec, 08:30 IST")
    (moved,) = [m for m in _to(w, "ana@client.example") if (m.subject or "").startswith("Moved")]
    assert "Wednesday 9 December, 08:30 IST" in moved.body and "Tuesday 8 December, 08:30 IST" in moved.body


def test_churned__an_overdue_invoice_is_still_chased(world) -> None:
    """Churned with an invoice unpaid past its due date: the payment reminder still reaches her (money
    owed is not coaching), naming the invoice and its total."""
    (pkg,) = world.gw.create(Package, [{"name": "Exec", "billing": "Per Session", "price": Decimal("300")}])
    ana = _client(world, package=[pkg.id])
    _session(world, ana, at=datetime(2026, 11, 5, 10, tzinfo=UTC), status="Completed")
    _run(world, billing_daily, DEC1)
    (inv,) = world.gw.all(Invoice)
    world.gw.update(Invoice, [(inv, {"status": "Sent", "date_sent": date(2026, 12, 1)})])
    world.gw.update(Client, [(world.gw.get(Client, ana.id), {"status": "Churned"})])
    _run(world, billing_daily, datetime(2027, 1, 5, 7, 0, tzinfo=UTC))
    (reminder,) = _to(world, "ana@client.example", "Payment Reminder")
    assert inv.invoice_number in reminder.subject and "overdue" in reminder.subject


def test_names__her_invoice_greets_her_by_her_first_name(world) -> None:
    """'DR. ANA O'NEILL-GÓMEZ' billed for November: the invoice email says 'Hi Ana,'."""
    (pkg,) = world.gw.create(Package, [{"name": "Exec", "billing": "Per Session", "price": Decimal("300")}])
    ana = _client(world, package=[pkg.id], name="DR. ANA O'NEILL-GÓMEZ")
    _session(world, ana, at=datetime(2026, 11, 5, 10, tzinfo=UTC), status="Completed")
    _run(world, billing_daily, DEC1)
    (inv,) = _to(world, "ana@client.example", "Invoice")
    assert "Hi Ana," in inv.body
