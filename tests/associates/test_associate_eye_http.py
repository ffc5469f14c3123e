"""An associate's-eye probe over HTTP against the local server: what an associate receives and sees, read as
an associate coach would (her own clock, her own clients, amounts she can check, nothing of another's).
Each test's docstring is the expectation written before the code was run on it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from automation.billing.automations import billing_daily
from automation.events.runner import run_automations
from automation.models import ActionItem, Associate, Client, Message, Package, Session
from automation.reports.pages import associate_html
from automation.schedule.reminder_job import session_reminders

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # Monday 08:00 in London, past the 07:00 reminder hour
TOMORROW = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)  # 14:00 London, 22:00 Singapore, 09:00 New York
DEC1 = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # billing day: November is billed


def _people(world):
    """Priya (Singapore) with her client Jo (New York) and Jo's open item; Bob with his client Zed and
    Zed's private item; Nia, new, with nothing."""
    gw = world.gw
    priya, bob, nia = gw.create(
        Associate,
        [
            {"name": "Priya Shah", "email": "priya@assoc.example", "status": "Active",
             "time_zone": "Asia/Singapore", "max_clients": 5},
            {"name": "Bob Reid", "email": "bob@assoc.example", "status": "Active", "max_clients": 5},
            {"name": "Nia Cole", "email": "nia@assoc.example", "status": "Active", "max_clients": 5},
        ],
    )  # fmt: skip
    jo, zed = gw.create(
        Client,
        [
            {"name": "Jo Bloggs", "email": "jo@client.example", "status": "Active",
             "time_zone": "America/New_York", "associate": [priya.id]},
            {"name": "Zed Other", "email": "zed@client.example", "status": "Active", "associate": [bob.id]},
        ],
    )  # fmt: skip
    gw.create(
        ActionItem,
        [
            {"description": "Draft the board memo", "client": [jo.id], "status": "Open"},
            {"description": "Zed's confidential restructuring plan", "client": [zed.id], "status": "Open"},
        ],
    )
    return priya, bob, nia, jo, zed


def _session(world, client, *associates, at=TOMORROW):
    row = {"client": [client.id], "associate": [a.id for a in associates], "session_date": at,
           "duration": 3600, "status": "Scheduled"}  # fmt: skip
    return world.gw.create(Session, [row])[0]


def _page(world, associate) -> str | None:
    ctx = world.ctx(now=NOW, job="associate-page")
    with ctx.run:
        return associate_html(ctx, associate.id)


def _remind(world, now=NOW):
    ctx = world.ctx(now=now, job="session-reminders")
    with ctx.run:
        return session_reminders(ctx)


def _reminders(world, session) -> dict[str, Message]:
    return {m.recipient: m for m in world.gw.all(Message) if session.id in m.session}


def test_reminder__each_reads_the_session_on_her_own_clock(world) -> None:
    """Priya (Singapore) reads 22:00 on Tuesday, labelled; Jo (New York) reads 9:00 AM EST; Priya's note
    names Jo and the length."""
    priya, _, _, jo, _ = _people(world)
    s = _session(world, jo, priya)
    _remind(world)
    got = _reminders(world, s)
    assert "Tue 8 Dec, 22:00 UTC+8" in got["priya@assoc.example"].subject
    assert "Jo Bloggs" in got["priya@assoc.example"].body and "60 minutes" in got["priya@assoc.example"].body
    assert "Tue, Dec 8, 9:00 AM EST" in got["jo@client.example"].subject  # New York reads month first, AM


def test_page__her_sessions_on_her_own_clock_with_the_zone_named(world) -> None:
    """Priya's page gives Jo's session at 22:00 Singapore time, the zone named (the page is hers, as her
    reminder is), not 14:00 with no zone (London's clock, which she would read as her own)."""
    priya, _, _, jo, _ = _people(world)
    _session(world, jo, priya)
    html = _page(world, priya) or ""
    assert "Tue 8 Dec, 22:00 UTC+8" in html and "Jo Bloggs" in html


def test_page__an_associate_with_nothing_reads_so_in_each_section(world) -> None:
    """Nia (new, no clients): her name in the title, and each section says it is empty."""
    _, _, nia, _, _ = _people(world)
    html = _page(world, nia) or ""
    assert "Nia Cole" in html
    for empty in ("No clients yet.", "Nothing booked.", "Nothing open."):
        assert empty in html


def _people_nia(world):
    return world.gw.create(Associate, [{"name": "Nia Cole", "email": "nia@x.example", "status": "Active"}])[0]


def test_page__nothing_of_another_associates_client(world) -> None:
    """Priya's page names Jo and Jo's item; never Zed (Bob's client), his session or his item."""
    priya, bob, _, jo, zed = _people(world)
    _session(world, zed, bob)
    html = _page(world, priya) or ""
    assert "Jo Bloggs" in html and "Draft the board memo" in html
    assert "Zed" not in html and "restructuring" not in html


def test_page__an_associate_who_left_sees_no_client(world) -> None:
    """Bob set Inactive (he left the practice) still holds a link: it opens nothing (no page), though Zed
    is still linked to him until the coach reassigns her."""
    _, bob, _, _, zed = _people(world)
    _session(world, zed, bob)
    world.gw.update(Associate, [(bob, {"status": "Inactive"})])
    assert _page(world, bob) is None


def test_page__a_session_she_covers_for_another_associates_client_is_on_it(world) -> None:
    """Priya covers one session of Zed's (Bob's client; the session links Priya): it is among her upcoming
    sessions with Zed's name (her invitation names him), but Zed is not among her clients and his items
    stay Bob's."""
    priya, _, _, _, zed = _people(world)
    _session(world, zed, priya)
    html = _page(world, priya) or ""
    upcoming = html.split("Upcoming sessions", 1)[1].split("Open action items", 1)[0]
    assert "Zed Other" in upcoming
    assert "Zed Other" not in html.split("Upcoming sessions", 1)[0]
    assert "restructuring" not in html


def test_reminder__two_associates_co_hosting_both_get_the_invitation(world) -> None:
    """A session linked to Priya and Bob (a co-hosted one): each gets the invitation, on their own clock,
    and the client's names them both."""
    priya, bob, _, jo, _ = _people(world)
    s = _session(world, jo, priya, bob)
    _remind(world)
    got = _reminders(world, s)
    assert {"priya@assoc.example", "bob@assoc.example", "jo@client.example"} <= set(got)
    assert "22:00 UTC+8" in got["priya@assoc.example"].subject
    assert "14:00 GMT" in got["bob@assoc.example"].subject
    assert "Jo Bloggs" in got["bob@assoc.example"].body
    # Cancelled: each of the three calendars holding it gets the cancellation.
    world.gw.update(Session, [(world.gw.get(Session, s.id), {"status": "Cancelled"})])
    _remind(world, NOW + timedelta(hours=1))
    cancelled = {m.recipient for m in world.gw.all(Message) if (m.subject or "").startswith("Cancelled:")}
    assert cancelled == {"priya@assoc.example", "bob@assoc.example", "jo@client.example"}


def test_reminder__an_associate_address_that_is_no_address_sends_to_the_coach(world) -> None:
    """Priya's Email typed 'priya at assoc.example': nothing is sent there (it would fail, or reach
    nobody); the invitation goes to the coach, as for an associate with no address."""
    priya, _, _, jo, _ = _people(world)
    world.gw.update(Associate, [(priya, {"email": "priya at assoc.example"})])
    s = _session(world, jo, priya)
    _remind(world)
    got = _reminders(world, s)
    assert "priya at assoc.example" not in got
    assert "sarah@example.com" in got and "jo@client.example" in got
    # Found after the first look: the coach is told it is Priya's session to pass on, and so is the run;
    # once the address is corrected, the next run brings Priya her invitation.
    assert "Priya Shah runs it" in got["sarah@example.com"].body
    world.gw.update(Associate, [(world.gw.get(Associate, priya.id), {"email": "priya@assoc.example"})])
    _remind(world, NOW + timedelta(hours=1))
    mine = _reminders(world, s)["priya@assoc.example"]
    assert mine.subject.startswith("Invitation:") and "22:00 UTC+8" in mine.subject


def test_reminder__a_client_address_that_is_no_address_still_invites_her_associate(world) -> None:
    """Found after the first look (the same refusal, the other side): Jo's Email 'jo@client' costs her
    reminder only; Priya gets hers, and the run names the record to fix."""
    priya, _, _, jo, _ = _people(world)
    world.gw.update(Client, [(jo, {"email": "jo@client"})])
    s = _session(world, jo, priya)
    ctx = world.ctx(now=NOW, job="session-reminders")
    with ctx.run:
        session_reminders(ctx)
    assert set(_reminders(world, s)) == {"priya@assoc.example"}
    assert [(p.table, p.record_id, p.field) for p in ctx.run.problems] == [("clients", jo.id, "email")]


def test_assignment__the_new_associate_can_reach_her_client_on_her_clock(world) -> None:
    """The coach approves Nia for a new client Kay (New York): Nia's email names Kay, how to reach her
    (her email and phone) and her time zone, so Nia can book the introductory session."""
    gw = world.gw
    nia = _people_nia(world)
    (kay,) = gw.create(
        Client,
        [{"name": "Kay Lund", "email": "kay@client.example", "phone": "+1 212 555 0100",
          "status": "Active", "time_zone": "America/New_York"}],
    )  # fmt: skip
    _approve_proposal(world, kay, nia)
    (note,) = [m for m in gw.all(Message) if m.kind == "Associate Assignment"]
    assert note.recipient == "nia@x.example" and "Kay Lund" in note.subject
    for fact in ("kay@client.example", "+1 212 555 0100", "America/New_York"):
        assert fact in note.body, (fact, note.body)


def _billing_world(world):
    """November: Jo moved from Priya (40 %) to Bob (30 %) on the 15th; Nia ran nothing; per-session
    package at 300.00."""
    gw = world.gw
    (pkg,) = gw.create(Package, [{"name": "Exec", "billing": "Per Session", "price": Decimal("300.00")}])
    priya, bob, nia = gw.create(
        Associate,
        [
            {"name": "Priya Shah", "email": "priya@assoc.example", "commission_pct": 0.4},
            {"name": "Bob Reid", "email": "bob@assoc.example", "commission_pct": 0.3},
            {"name": "Nia Cole", "email": "nia@assoc.example", "commission_pct": 0.5},
        ],
    )
    (jo,) = gw.create(
        Client,
        [{"name": "Jo Bloggs", "email": "jo@client.example", "status": "Active", "package": [pkg.id],
          "associate": [bob.id]}],
    )  # fmt: skip
    gw.create(
        Session,
        [
            {"client": [jo.id], "associate": [who.id], "status": "Completed",
             "session_date": datetime(2026, 11, d, 10, tzinfo=UTC)}
            for d, who in ((5, priya), (12, priya), (19, bob))
        ],
    )  # fmt: skip
    return priya, bob, nia


def test_payout__a_client_moved_mid_month_pays_each_for_the_sessions_she_ran(world) -> None:
    """Priya ran two of Jo's November sessions, Bob one after the move: Priya's statement 2 sessions, 40 %
    of 600.00 = 240.00; Bob's 1 session, 30 % of 300.00 = 90.00; Nia, who ran none, gets no statement."""
    _billing_world(world)
    ctx = world.ctx(now=DEC1)
    with ctx.run:
        billing_daily(ctx)
    got = {m.recipient: m for m in world.gw.all(Message) if m.kind == "Payout Statement"}
    assert set(got) == {"priya@assoc.example", "bob@assoc.example"}
    assert "2 invoiced sessions; your cut is £240.00 of £600.00 billed" in got["priya@assoc.example"].body
    assert "1 invoiced session; your cut is £90.00 of £300.00 billed" in got["bob@assoc.example"].body
    assert got["bob@assoc.example"].subject == "Your payout statement for November 2026"


def test_payout__an_address_that_is_no_address_holds_the_statement_and_tells_the_coach(world) -> None:
    """Bob's Email typed 'bob@assoc' (no domain): his statement is not drafted to it (as with no address);
    the coach is told to fix the address; Priya's goes as usual."""
    _, bob, _ = _billing_world(world)
    world.gw.update(Associate, [(bob, {"email": "bob@assoc"})])
    ctx = world.ctx(now=DEC1)
    with ctx.run:
        billing_daily(ctx)
    msgs = world.gw.all(Message)
    statements = {m.recipient for m in msgs if m.kind == "Payout Statement"}
    assert statements == {"priya@assoc.example"}
    (alert,) = [m for m in msgs if m.kind == "System Alert" and "payout statement" in (m.subject or "")]
    assert "Bob Reid" in alert.subject and "not an email address; correct the address" in alert.body


def test_assignment__an_associate_address_that_is_no_address_still_assigns_and_names_the_record(
    world,
) -> None:
    """Found after the first look: Nia's Email 'nia at x.example' is refused by the Draft. The coach's
    approval still assigns Kay to Nia (the decision is hers, the address a detail), no note is composed to
    the address, and the run names Nia's Email to fix."""
    gw = world.gw
    (nia,) = gw.create(Associate, [{"name": "Nia Cole", "email": "nia at x.example", "status": "Active"}])
    (kay,) = gw.create(Client, [{"name": "Kay Lund", "status": "Active"}])
    ctx = _approve_proposal(world, kay, nia)
    assert gw.get(Client, kay.id).associate == [nia.id]
    assert not [m for m in gw.all(Message) if m.kind == "Associate Assignment"]
    assert [(p.table, p.record_id, p.field) for p in ctx.run.problems] == [("associates", nia.id, "email")]


def test_reminder__a_co_host_taken_off_gets_her_cancellation_and_nobody_else_is_told_twice(world) -> None:
    """Found after the first look: Bob, co-hosting, is taken off the session after the invitations went:
    he gets a cancellation (it leaves his calendar); Priya and Jo get the update (same time, other people),
    nothing more."""
    priya, bob, _, jo, _ = _people(world)
    s = _session(world, jo, priya, bob)
    _remind(world)
    world.gw.update(Session, [(world.gw.get(Session, s.id), {"associate": [priya.id]})])
    _remind(world, NOW + timedelta(hours=1))
    later = [m for m in world.gw.all(Message) if s.id in m.session and ":reminder:1:" in (m.dedupe_key or "")]
    got = {m.recipient: m.subject or "" for m in later}
    assert got["bob@assoc.example"].startswith("Cancelled:")
    assert got["priya@assoc.example"].startswith("Updated:") and got["jo@client.example"].startswith(
        "Updated:"
    )


def _approve_proposal(world, client, associate):
    """The coach approves the proposal of `associate` for `client` (the messages automation runs on it)."""
    (proposal,) = world.gw.create(
        Message,
        [{"kind": "Associate Proposal", "channel": "Slack", "status": "Approved", "client": [client.id],
          "associate": [associate.id], "subject": f"Proposed associate for {client.name}: {associate.name}"}],
    )  # fmt: skip
    ctx = world.ctx(now=NOW, job="webhook")
    with ctx.run:
        run_automations(ctx, "messages", [proposal.id], {proposal.id: {"status"}})
    return ctx
