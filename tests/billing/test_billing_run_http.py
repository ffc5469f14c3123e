"""The billing run against the local Airtable server: amounts in exact decimals, once per period, late
sessions on the next invoice, overlapping runs forced with a barrier."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from automation.billing.automations import billing_daily
from automation.billing.invoices import Period
from automation.billing.numbering import LeaseHooks
from automation.billing.run import billing_run
from automation.models import Associate, Client, Invoice, Message, Package, Session
from tests.leads.http_world import make_world

DEC1 = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)  # the billing day (1st): November is billed
JAN1 = datetime(2027, 1, 1, 7, 0, tzinfo=UTC)
NOV = Period.of(DEC1.date()).previous()


@pytest.fixture
def world(server, tmp_path):
    return make_world(server, tmp_path, **{"billing.claim_settle_s": "0.5"})


def _seed(world, *, price: str = "333.33", sessions: int = 3) -> dict:
    gw = world.gw
    (pkg,) = gw.create(Package, [{"name": "Executive", "billing": "Per Session", "price": Decimal(price)}])
    (ann,) = gw.create(Associate, [{"name": "Ann Lee", "email": "ann@example.com", "commission_pct": 0.4}])
    (client,) = gw.create(
        Client, [{"name": "Jo Park", "email": "jo@acme.example", "status": "Active", "package": [pkg.id]}]
    )
    rows = [
        {
            "name": f"Jo {d}",
            "client": [client.id],
            "session_date": datetime(2026, 11, d, 10, tzinfo=UTC),
            "status": "Completed",
            **({"associate": [ann.id]} if d == 12 else {}),
        }
        for d in (5, 12, 19)[:sessions]
    ]
    done = gw.create(Session, rows)
    return {"package": pkg, "ann": ann, "client": client, "sessions": done}


def _bill(world, now, period=NOV, **kw):
    ctx = world.ctx(now=now, budget_s=60, job="billing")
    with ctx.run:
        return billing_run(ctx, period, **kw)


def test_billing_run__three_sessions_one_by_an_associate_make_one_exact_invoice(world) -> None:
    seed = _seed(world)
    summary = _bill(world, DEC1)
    assert summary["invoices"] == ["INV-0001"]
    (inv,) = world.gw.all(Invoice)
    # 3 x 333.33 = 999.99; 20 % tax = 199.998 -> 200.00 (half-up, once per invoice); the associate
    # delivered one session: 40 % of 333.33 = 133.332 -> 133.33.
    assert (inv.amount, inv.tax_amount, inv.total, inv.associate_cut) == (
        Decimal("999.99"),
        Decimal("200.00"),
        Decimal("1199.99"),
        Decimal("133.33"),
    )
    assert (inv.period, inv.dedupe_key, inv.status, inv.client) == (
        "2026-11",
        f"{seed['client'].id}:2026-11",
        "Draft",
        [seed["client"].id],
    )
    assert inv.due_date.isoformat() == "2026-12-15"  # 14 days' terms
    assert sorted(inv.sessions) == sorted(s.id for s in seed["sessions"])
    sessions = world.gw.all(Session)
    assert {(s.invoice_status, tuple(s.invoice)) for s in sessions} == {("Invoiced", (inv.id,))}
    (email,) = world.gw.all(Message)
    assert (email.kind, email.status, email.recipient) == ("Invoice", "Draft", "jo@acme.example")
    assert "INV-0001" in email.subject and "£1,199.99" in email.body and "£200.00" in email.body


def test_billing_run__a_tax_rate_typed_as_a_percent_is_that_percent(server, tmp_path) -> None:
    """A coach typing 7.5 for 7.5 % tax: the invoice is taxed 7.5 %, not the 20 % default kept because
    the value was refused. Tax once on the sum: 3 x 10.10 = 30.30 x 7.5 % = 2.2725 -> 2.27 (per line it
    would be 3 x 0.76 = 2.28)."""
    world = make_world(server, tmp_path, **{"billing.claim_settle_s": "0.5", "billing.tax_rate": "7.5"})
    _seed(world, price="10.10")
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    assert (inv.amount, inv.tax_amount, inv.total) == (Decimal("30.30"), Decimal("2.27"), Decimal("32.57"))


def test_billing_run__the_same_period_again_creates_nothing(world) -> None:
    _seed(world)
    _bill(world, DEC1)
    before = {r.id: r.values() for r in world.gw.all(Invoice)}
    since = len(world.calls())
    again = _bill(world, DEC1)
    assert again["invoices"] == [] and again["sessions_marked"] == 0
    assert {r.id: r.values() for r in world.gw.all(Invoice)} == before
    writes = [c for c in world.calls()[since:] if c["method"] in ("POST", "PATCH", "PUT", "DELETE")]
    tables = {c["path"].split("?")[0].rsplit("/", 1)[-1] for c in writes}
    assert "Invoices" not in " ".join(tables) and len(world.gw.all(Message)) == 1


def test_billing_run__a_session_completed_after_the_run_goes_on_the_next_invoice(world) -> None:
    seed = _seed(world, sessions=2)
    (late,) = world.gw.create(
        Session,
        [
            {
                "client": [seed["client"].id],
                "session_date": datetime(2026, 11, 28, 10, tzinfo=UTC),
                "status": "Scheduled",
            }
        ],
    )
    _bill(world, DEC1)
    world.gw.update(Session, [(late, {"status": "Completed"})])  # the coach marks it on 2 December
    _bill(world, DEC1)  # November again: nothing
    assert len(world.gw.all(Invoice)) == 1
    summary = _bill(world, JAN1, period=NOV.next())
    assert summary["invoices"] == ["INV-0002"]
    dec_inv = next(i for i in world.gw.all(Invoice) if i.period == "2026-12")
    assert dec_inv.sessions == [late.id] and dec_inv.amount == Decimal("333.33")


def test_billing_run__cancelled_and_no_show_follow_the_package_policy(world) -> None:
    seed = _seed(world, price="200.00", sessions=1)
    world.gw.create(
        Session,
        [
            {
                "client": [seed["client"].id],
                "session_date": datetime(2026, 11, 20, 10, tzinfo=UTC),
                "status": s,
            }
            for s in ("Cancelled", "No-show")
        ],
    )
    world.settings = world.settings.model_copy(deep=True)
    world.settings.billing.charge_fraction = {
        "Executive": {"Cancelled": Decimal("0"), "No-show": Decimal("0.5")}
    }
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    assert inv.amount == Decimal("300.00")  # completed 200 + no-show at half price 100; cancelled waived
    by_status = {s.status: s.invoice_status for s in world.gw.all(Session)}
    assert by_status == {"Completed": "Invoiced", "No-show": "Invoiced", "Cancelled": "Waived"}


def test_billing_run__a_late_cancellation_is_charged_with_its_reason_an_early_one_waived(world) -> None:
    """48 h notice: Cancelled At read from the base decides; the line says why the session is charged."""
    seed = _seed(world, price="200.00", sessions=0)
    start = datetime(2026, 11, 20, 10, tzinfo=UTC)
    late, early = world.gw.create(
        Session,
        [
            {"client": [seed["client"].id], "session_date": start, "status": "Cancelled", "cancelled_at": at}
            for at in (start - timedelta(hours=20), start - timedelta(days=3))
        ],
    )
    world.settings = world.settings.model_copy(deep=True)
    world.settings.billing.late_cancel_hours = 48
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    assert inv.amount == Decimal("200.00")  # the late one in full (the default policy); the early one waived
    assert "Late cancellation (less than 48 h notice; cancelled Thu 19 Nov 14:00" in inv.lines
    assert late.id in inv.lines and early.id not in inv.lines
    statuses = {s.id: s.invoice_status for s in world.gw.all(Session)}
    assert statuses == {late.id: "Invoiced", early.id: "Waived"}


def test_billing_run__retainers_from_the_start_date_and_free_sessions_on_no_invoice(world) -> None:
    gw = world.gw
    retainer, free = gw.create(
        Package,
        [{"name": "Retainer", "billing": "Monthly Retainer", "price": Decimal("1200.00")},
         {"name": "Pro bono", "billing": "Per Session", "price": Decimal("0")}],
    )  # fmt: skip
    since_oct, from_dec, pro_bono = gw.create(
        Client,
        [
            {"name": "Al", "email": "al@a.example", "status": "Active", "package": [retainer.id],
             "start_date": datetime(2026, 10, 1).date()},
            {"name": "Bo", "email": "bo@b.example", "status": "Active", "package": [retainer.id],
             "start_date": datetime(2026, 12, 1).date()},  # signed in November, coached from December
            {"name": "Cy", "email": "cy@c.example", "status": "Active", "package": [free.id]},
        ],
    )  # fmt: skip
    (gift,) = gw.create(
        Session,
        [
            {
                "client": [pro_bono.id],
                "session_date": datetime(2026, 11, 9, 10, tzinfo=UTC),
                "status": "Completed",
            }
        ],
    )
    summary = _bill(world, DEC1)
    assert summary["invoices"] == ["INV-0001"]
    (inv,) = gw.all(Invoice)
    assert (inv.client, inv.total) == ([since_oct.id], Decimal("1440.00"))
    assert gw.get(Session, gift.id).invoice_status == "Waived"
    december = _bill(world, JAN1, period=NOV.next())["invoices"]
    assert december == ["INV-0002", "INV-0003"]  # both retainers for December, numbered on
    assert {tuple(i.client) for i in gw.all(Invoice)} == {(since_oct.id,), (from_dec.id,)}


def test_billing_daily__acts_from_the_billing_day_once(world) -> None:
    _seed(world)
    ctx = world.ctx(now=datetime(2026, 11, 30, 7, tzinfo=UTC))
    with ctx.run:
        billing_daily(ctx)  # bills October: November's sessions are not due yet
    assert not world.gw.all(Invoice)
    for _ in range(2):
        ctx = world.ctx(now=DEC1)
        with ctx.run:
            billing_daily(ctx)
    assert [i.invoice_number for i in world.gw.all(Invoice)] == ["INV-0001"]


def test_billing_run__two_overlapping_runs_make_one_invoice_and_reuse_no_number(world) -> None:
    gw = world.gw
    seed = _seed(world)
    (c2,) = gw.create(
        Client,
        [{"name": "Kim Ode", "email": "kim@b.example", "status": "Active", "package": [seed["package"].id]}],
    )
    gw.create(
        Session,
        [{"client": [c2.id], "session_date": datetime(2026, 11, 3, 9, tzinfo=UTC), "status": "Completed"}],
    )
    barrier = threading.Barrier(2, timeout=20)
    waited = threading.local()

    def both_have_read() -> None:  # both runs read the lease free before either claims (first attempt)
        if not getattr(waited, "done", False):
            waited.done = True
            barrier.wait()

    hooks = LeaseHooks(after_read=both_have_read)
    results: list = []

    def run(client_ids):
        results.append(_bill(world, DEC1, client_ids=client_ids, hooks=hooks))

    threads = [threading.Thread(target=run, args=(ids,)) for ids in (None, [seed["client"].id])]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sum("busy" in r for r in results) == 1, results
    numbers = [i.invoice_number for i in gw.all(Invoice)]
    assert len(numbers) == len(set(numbers)) and len(gw.all(Invoice, formula={"client": "Jo Park"})) == 1
    # the loser's client is billed by the next run, with the next number
    _bill(world, DEC1)
    numbers = sorted(i.invoice_number for i in gw.all(Invoice))
    assert numbers == ["INV-0001", "INV-0002"]


def test_billing_daily__drafts_each_associates_payout_statement_once(world) -> None:
    seed = _seed(world)
    for _ in range(2):
        ctx = world.ctx(now=DEC1)
        with ctx.run:
            billing_daily(ctx)
    statements = [m for m in world.gw.all(Message) if m.kind == "Payout Statement"]
    assert [(m.recipient, m.status, m.dedupe_key) for m in statements] == [
        ("ann@example.com", "Draft", f"{seed['ann'].id}:payout:2026-11")
    ]
    # her 40 % of 333.33, written as every other message writes money (render.money), not "133.33 GBP"
    assert "your cut is £133.33 of £333.33 billed" in statements[0].body
    assert "INV-0001 Jo Park (1): £333.33 → £133.33" in statements[0].body


def test_billing_daily__the_payout_statement_says_which_charged_sessions_were_not_held(world) -> None:
    """A no-show and a late cancellation are billed (and she gets her cut), but she ran one session, not
    three: the statement names them, per invoice and in total, so the count is not read as a mistake."""
    seed = _seed(world, sessions=2)  # Jo 5 (the coach's), Jo 12 (Ann's)
    start = datetime(2026, 11, 20, 10, tzinfo=UTC)
    world.gw.create(
        Session,
        [
            {"client": [seed["client"].id], "associate": [seed["ann"].id], "session_date": start, **f}
            for f in (
                {"status": "No-show"},
                {"status": "Cancelled", "cancelled_at": start - timedelta(hours=3)},
                {"status": "Cancelled", "cancelled_at": start - timedelta(days=5)},  # in time: waived
            )
        ],
    )
    world.settings = world.settings.model_copy(deep=True)
    world.settings.billing.late_cancel_hours = 24
    ctx = world.ctx(now=DEC1)
    with ctx.run:
        billing_daily(ctx)
    (statement,) = [m for m in world.gw.all(Message) if m.kind == "Payout Statement"]
    body = statement.body or ""
    assert "3 invoiced sessions (1 no-show, 1 charged cancellation); your cut is" in body
    assert "INV-0001 Jo Park (3: 1 no-show, 1 charged cancellation):" in body
    # her share of what the missed ones were charged is paid, said plainly, and is the invoice's own cut:
    # 40 % of 3 x 333.33 billed for her sessions
    assert "your cut includes your share of what the client was charged for them" in body, body
    (inv,) = world.gw.all(Invoice)
    assert inv.associate_cut == Decimal("400.00")
    assert "your cut is £400.00 of £999.99 billed" in body


def test_billing_daily__no_payout_statement_to_the_coach_for_her_own_sessions(world) -> None:
    """The coach runs sessions herself through her own Associate record (her address, any case): what
    those bring is the business's, nobody is paid, so she gets no statement, nor an alert to set a rate
    on herself; the associate beside her gets hers."""
    seed = _seed(world)
    coach = world.ctx(now=DEC1).settings.general.coach_email
    (me,) = world.gw.create(Associate, [{"name": "The Coach", "email": f" {coach.upper()} "}])
    (s19,) = [s for s in seed["sessions"] if s.name == "Jo 19"]
    world.gw.update(Session, [(s19, {"associate": [me.id]})])
    ctx = world.ctx(now=DEC1)
    with ctx.run:
        billing_daily(ctx)
    statements = [m for m in world.gw.all(Message) if m.kind in ("Payout Statement", "System Alert")]
    assert [(m.kind, m.recipient) for m in statements] == [("Payout Statement", "ann@example.com")]


def test_billing_daily__statements_a_stopped_run_left_are_drafted_the_next_day_once(
    world, monkeypatch
) -> None:
    """Billing marks the month billed before the statements are drafted: a run that stops in between (a
    crash, the budget) must not leave the associates without their statements for ever."""
    import automation.billing.automations as daily

    seed = _seed(world)
    drafted = daily.payout_statements

    def crash(*args, **kw):
        raise RuntimeError("the function was stopped")

    monkeypatch.setattr(daily, "payout_statements", crash)
    ctx = world.ctx(now=DEC1)
    with pytest.raises(RuntimeError), ctx.run:
        billing_daily(ctx)
    assert len(world.gw.all(Invoice)) == 1 and not world.gw.all(Message, formula={"kind": "Payout Statement"})
    monkeypatch.setattr(daily, "payout_statements", drafted)
    for day in (2, 3):  # the next day drafts them; the day after finds them done
        ctx = world.ctx(now=DEC1.replace(day=day))
        with ctx.run:
            out = billing_daily(ctx)
        assert ("payouts" in out) == (day == 2) and "billing" not in out
    statements = world.gw.all(Message, formula={"kind": "Payout Statement"})
    assert [(m.recipient, m.dedupe_key) for m in statements] == [
        ("ann@example.com", f"{seed['ann'].id}:payout:2026-11")
    ]
    assert len(world.gw.all(Invoice)) == 1  # the month was not billed again


def test_billing_daily__a_statement_waits_for_a_commission_never_set_then_is_drafted_once(world) -> None:
    """A blank Commission % priced no cut: a statement drafted then would tell the associate they are owed
    0.00 for the month. It is not drafted, the coach is told once whose it is and what to set (the runs
    after are not Partial for it, day after day), and the first run after she sets the rate drafts it at
    that rate, once."""
    seed = _seed(world)
    world.gw.update(Associate, [(seed["ann"], {"commission_pct": None})])
    for day in (1, 2, 3):
        ctx = world.ctx(now=DEC1.replace(day=day))
        with ctx.run:
            billing_daily(ctx)
        assert not world.gw.all(Message, formula={"kind": "Payout Statement"})
        assert not [p for p in ctx.run.problems if "payout statement" in p.reason]
        if day > 1:  # the billing run itself names the blank rate, once (the invoice's cut is 0.00)
            assert ctx.run.problems == []
    (alert,) = world.gw.all(Message, formula={"kind": "System Alert"})
    assert "Ann Lee" in alert.subject and "payout statement" in alert.body and "set the rate" in alert.body
    (ann,) = world.gw.all(Associate)  # as it is now (the update is diff-aware)
    world.gw.update(Associate, [(ann, {"commission_pct": 0.4})])
    for day in (4, 5):
        ctx = world.ctx(now=DEC1.replace(day=day))
        with ctx.run:
            out = billing_daily(ctx)
        assert ("payouts" in out) == (day == 4)
    (statement,) = world.gw.all(Message, formula={"kind": "Payout Statement"})
    assert statement.recipient == "ann@example.com" and "£133.33" in statement.body  # 40 % of 333.33
    assert len(world.gw.all(Invoice)) == 1


def test_billing_daily__a_statement_for_an_associate_without_an_address_waits_for_it(world) -> None:
    """An associate with no email address: her statement has nobody to go to. It is not dropped with the
    month marked done: the coach is told once, and the first run after the address is added drafts it."""
    seed = _seed(world)
    world.gw.update(Associate, [(seed["ann"], {"email": None})])
    for day in (1, 2):
        ctx = world.ctx(now=DEC1.replace(day=day))
        with ctx.run:
            billing_daily(ctx)
        assert ctx.run.problems == []
    assert not world.gw.all(Message, formula={"kind": "Payout Statement"})
    (alert,) = world.gw.all(Message, formula={"kind": "System Alert"})
    assert "Ann Lee" in alert.subject and "add the address" in alert.body
    (ann,) = world.gw.all(Associate)
    world.gw.update(Associate, [(ann, {"email": "ann@example.com"})])
    ctx = world.ctx(now=DEC1.replace(day=3))
    with ctx.run:
        billing_daily(ctx)
    (statement,) = world.gw.all(Message, formula={"kind": "Payout Statement"})
    assert statement.recipient == "ann@example.com"


def test_billing_daily__an_invoice_without_an_address_is_told_once_and_drafted_once_added(world) -> None:
    """The client has no address: the coach is told once, naming the invoice and client and what to do
    (a problem each day would make every run Partial with the same words); the first run after the address
    is added drafts the invoice email."""
    seed = _seed(world)
    world.gw.update(Client, [(seed["client"], {"email": None})])
    for day in (1, 2, 3):
        ctx = world.ctx(now=DEC1.replace(day=day))
        with ctx.run:
            out = billing_daily(ctx)
        assert ctx.run.problems == []
        assert out["pending"]["emails_waiting"] == ["INV-0001"]  # still in the run's record
    (inv,) = world.gw.all(Invoice)
    assert not world.gw.all(Message, formula={"kind": "Invoice"})
    (alert,) = world.gw.all(Message, formula={"kind": "System Alert"})
    assert alert.invoice == [inv.id] and "INV-0001" in alert.subject
    assert "Jo Park has no email address" in alert.body and "Add the address" in alert.body
    (client,) = world.gw.all(Client)
    world.gw.update(Client, [(client, {"email": "jo@acme.example"})])
    ctx = world.ctx(now=DEC1.replace(day=4))
    with ctx.run:
        billing_daily(ctx)
    (email,) = world.gw.all(Message, formula={"kind": "Invoice"})
    assert (email.recipient, email.invoice) == ("jo@acme.example", [inv.id])


def test_billing_daily__an_invoice_left_without_a_client_is_told_once_and_the_runs_succeed(world) -> None:
    """The coach unlinked the client of a numbered Draft invoice (or deleted the client): it cannot go out.
    She is told once, which invoice and what to do; the daily runs after are Success (not Partial with the
    same words for ever) and still list it in their record; linking a client lets it go on."""
    seed = _seed(world)
    world.gw.update(Client, [(seed["client"], {"email": None})])
    ctx = world.ctx(now=DEC1)
    with ctx.run:
        billing_daily(ctx)
    (inv,) = world.gw.all(Invoice)
    world.gw.update(Invoice, [(inv, {"client": []})])
    for day in (2, 3, 4):
        ctx = world.ctx(now=DEC1.replace(day=day))
        with ctx.run:
            out = billing_daily(ctx)
        assert ctx.run.problems == []
        assert out["pending"]["no_client"] == ["INV-0001"]
    alerts = world.gw.all(Message, formula={"kind": "System Alert"})
    (orphan,) = [m for m in alerts if "no client" in (m.body or "")]
    assert "INV-0001" in orphan.subject and "Link its client" in orphan.body
    (jo,) = world.gw.create(Client, [{"name": "Jo Park", "email": "jo@acme.example"}])
    world.gw.update(Invoice, [(world.gw.get(Invoice, inv.id), {"client": [jo.id]})])
    ctx = world.ctx(now=DEC1.replace(day=5))
    with ctx.run:
        billing_daily(ctx)
    (email,) = world.gw.all(Message, formula={"kind": "Invoice"})
    assert email.recipient == "jo@acme.example"


def test_payout_rows__a_retainer_is_shared_among_the_sessions_it_covered() -> None:
    from automation.billing.payouts import payout_rows

    inv = Invoice(id="recI", invoice_number="INV-0009", client=["recC"], sessions=["recS1", "recS2", "recS3"],
                  amount=Decimal("1000.00"), lines="1000.00 | - | - | Retainer", status="Sent")  # fmt: skip
    sessions = {
        "recS1": Session(id="recS1", associate=["recA"], invoice_status="Invoiced"),
        "recS2": Session(id="recS2", invoice_status="Invoiced"),
        "recS3": Session(id="recS3", associate=["recA"], invoice_status="Invoiced"),
    }
    rows = payout_rows([inv], sessions, {"recA": Associate(id="recA", commission_pct=0.4)}, {"recC": "Jo"})
    # two of three sessions: 666.666… billed, 40 % = 266.666… -> 266.67 (rounded once)
    assert rows == {
        "recA": [{"invoice": "INV-0009", "client": "Jo", "sessions": 2, "billed": Decimal("666.67"),
                  "cut": Decimal("266.67")}]
    }  # fmt: skip


@pytest.mark.parametrize(
    ("currency", "billed", "cut", "written"),
    [
        ("SGD", "3600.00", "1440.00", ("S$1,440.00", "S$3,600.00")),
        ("JPY", "360000", "144000", ("144,000 JPY", "360,000 JPY")),  # whole yen, as its invoices
        ("CHF", "3600.00", "1440.00", ("1,440.00 CHF", "3,600.00 CHF")),
    ],
)
def test_payout_draft__amounts_are_written_as_the_invoices_write_them(currency, billed, cut, written) -> None:
    """An associate's statement and the client's invoice write one amount the same way (render.money)."""
    from automation.billing.emails import payout_draft
    from automation.settings import settings_from_mapping

    settings = settings_from_mapping({"general.currency": currency})
    row = {
        "invoice": "INV-0009",
        "client": "Jo",
        "sessions": 4,
        "billed": Decimal(billed),
        "cut": Decimal(cut),
    }
    draft = payout_draft(Associate(id="recA", name="Ann Lee", email="ann@example.com"), "May", "2027-05",
                         [row], settings)  # fmt: skip
    cut_text, billed_text = written
    assert draft.data["intro"] == f"4 invoiced sessions; your cut is {cut_text} of {billed_text} billed."
    assert draft.data["sections"][0]["facts"] == [["INV-0009 Jo (4)", f"{billed_text} → {cut_text}"]]
    assert [m["value"] for m in draft.data["metrics"]] == [4, billed_text, cut_text]
    one = payout_draft(Associate(id="recA", name="Ann Lee", email="ann@example.com"), "May", "2027-05",
                       [{**row, "sessions": 1}], settings)  # fmt: skip
    assert one.data["intro"].startswith("1 invoiced session; ")  # one session, said in the singular


def test_billing_run__shadow_mode_writes_nothing_and_keeps_the_counter(world) -> None:
    from automation.billing import numbering

    _seed(world)
    ctx = world.ctx(now=DEC1, budget_s=60)
    ctx.run.mode = "Shadow"
    with ctx.run:
        billing_run(ctx, NOV, mark_billed=True)
    intended = {(w.op, w.table) for w in ctx.run.intended_writes}
    assert ("upsert", "invoices") in intended and ("update", "sessions") in intended
    assert world.gw.all(Invoice) == [] and world.gw.all(Message) == []
    state = numbering.load(world.gw)
    assert (state.next_number, state.billed("2026-11"), state.lease[0]) == (None, False, None)
    assert _bill(world, DEC1)["invoices"] == ["INV-0001"]  # Live afterwards: the first number


@pytest.mark.parametrize("typed", [1.5, -0.2])
def test_billing_run__a_commission_outside_0_to_100_percent_is_reported_not_paid(world, typed) -> None:
    """Commission % is a percent cell: 150 % reads 1.5 (not "1.5 %"), and an associate's cut can never
    exceed what was billed for their sessions or be negative. The invoice still goes out; the cut waits for
    the coach, named in the run record."""
    seed = _seed(world)
    world.gw.update(Associate, [(seed["ann"], {"commission_pct": typed})])
    ctx = world.ctx(now=DEC1, budget_s=60, job="billing")
    with ctx.run:
        summary = billing_run(ctx, NOV)
    assert summary["invoices"] == ["INV-0001"]
    (inv,) = world.gw.all(Invoice)
    assert inv.amount == Decimal("999.99") and inv.associate_cut == Decimal("0.00")
    assert [(p.table, p.record_id, p.field) for p in ctx.run.problems] == [
        ("associates", seed["ann"].id, "commission_pct")
    ]
    assert "0-100 %" in ctx.run.problems[0].reason


def test_billing_run__an_associate_without_a_commission_is_named_not_left_at_0_in_silence(world) -> None:
    """A blank Commission % prices no cut: the invoice goes out, and the run names the associate, so the
    payout statement's 0.00 is not the first the coach hears of it."""
    seed = _seed(world)
    world.gw.update(Associate, [(seed["ann"], {"commission_pct": None})])
    ctx = world.ctx(now=DEC1, budget_s=60, job="billing")
    with ctx.run:
        summary = billing_run(ctx, NOV)
    assert summary["invoices"] == ["INV-0001"]
    assert world.gw.all(Invoice)[0].associate_cut == Decimal("0.00")
    assert [(p.table, p.record_id, p.field) for p in ctx.run.problems] == [
        ("associates", seed["ann"].id, "commission_pct")
    ]
    assert "blank" in ctx.run.problems[0].reason
    assert ctx.run.problems[0].reason.startswith("Ann Lee")  # the daily brief quotes the reason alone


def test_billing_run__a_period_invoiced_by_hand_before_the_system_is_not_billed_again(world) -> None:
    # A coach who starts on 1 January has already invoiced December herself (another number, no key of
    # ours): her retainer clients are not charged December twice; a voided one of hers bills no one.
    gw = world.gw
    (retainer,) = gw.create(
        Package, [{"name": "Retainer", "billing": "Monthly Retainer", "price": Decimal("900.00")}]
    )
    billed, voided = gw.create(
        Client,
        [{"name": f"Client {n}", "email": f"c{n}@x.example", "status": "Active", "package": [retainer.id],
          "start_date": datetime(2026, 9, 1).date()} for n in (1, 2)],
    )  # fmt: skip
    gw.create(
        Invoice,
        [{"invoice_number": n, "client": [c.id], "period": "2026-12", "status": s, "total": Decimal("1080")}
         for n, c, s in (("OLD-0041", billed, "Sent"), ("OLD-0042", voided, "Void"))],
    )  # fmt: skip
    summary = _bill(world, JAN1, period=NOV.next())
    assert summary["invoices"] == ["INV-0001"]
    ours = [i for i in gw.all(Invoice) if i.invoice_number == "INV-0001"]
    assert [i.client for i in ours] == [[voided.id]]


def test_billing_run__a_package_of_a_kind_the_run_does_not_know_bills_nothing_and_names_the_client(
    world,
) -> None:
    """A prepaid pack the coach added as its own Billing option, priced for all its sessions: billing it
    per session would charge the pack's price for each one. Nothing is billed, and the run record names
    the client first (the daily brief quotes the reason alone) and the package."""
    seed = _seed(world)
    # she adds the option in the base (the app's own writes never make one): typecast, as the UI would
    world.gw.table(Package).update(
        seed["package"].id, {"Name": "6-Session Pack", "Billing": "Prepaid Package"}, typecast=True
    )
    ctx = world.ctx(now=DEC1, budget_s=60, job="billing")
    with ctx.run:
        summary = billing_run(ctx, NOV)
    assert summary["invoices"] == [] and world.gw.all(Invoice) == []
    (problem,) = [p for p in ctx.run.problems if p.record_id == seed["client"].id]
    assert problem.reason.startswith("Jo Park: ") and "6-Session Pack" in problem.reason, problem.reason


def test_billing_run__sessions_of_a_month_invoiced_by_hand_are_named_not_silently_left_unbilled(
    world,
) -> None:
    """The coach typed an invoice for November herself: the run does not bill the client again, but her
    completed sessions of the month that are on no invoice would never be billed: the run names them."""
    seed = _seed(world)
    gw = world.gw
    # Not counted: a cancellation (waived by default) and a session of December (next month's run's).
    gw.create(
        Session,
        [
            {"name": f"Jo {n}", "client": [seed["client"].id], "session_date": when, "status": status}
            for n, when, status in (
                ("cancelled", datetime(2026, 11, 26, 10, tzinfo=UTC), "Cancelled"),
                ("december", datetime(2026, 12, 1, 6, tzinfo=UTC), "Completed"),
            )
        ],
    )
    (hand,) = gw.create(
        Invoice,
        [{"invoice_number": "JO-11", "client": [seed["client"].id], "period": "2026-11", "status": "Sent"}],
    )
    ctx = world.ctx(now=DEC1, budget_s=60, job="billing")
    with ctx.run:
        summary = billing_run(ctx, NOV)
    assert summary["invoices"] == [] and [i.id for i in gw.all(Invoice)] == [hand.id]
    (problem,) = [p for p in ctx.run.problems if p.record_id == seed["client"].id]
    assert "JO-11" in problem.reason and "2026-11" in problem.reason
    assert "3 session(s)" in problem.reason and "(5 Nov, 12 Nov, 19 Nov)" in problem.reason, problem.reason


def test_billing_run__a_retainer_invoiced_by_hand__its_older_sessions_are_not_named(world) -> None:
    """A retainer client with a hand invoice for November and a session on no invoice from October (the
    first run in a base with history): the retainer covers its own month only, so only November's count,
    and of those only the charged ones (a cancellation is waived: no bill, no associate's cut)."""
    seed = _seed(world)
    gw = world.gw
    retainer = {"name": "Retainer", "billing": "Monthly Retainer", "price": Decimal("900")}
    (ret,) = gw.create(Package, [retainer])
    gw.update(Client, [(seed["client"], {"package": [ret.id]})])
    gw.create(
        Session,
        [
            {"name": "Jo Oct", "client": [seed["client"].id], "status": "Completed",
             "session_date": datetime(2026, 10, 8, 10, tzinfo=UTC)},
            {"name": "Jo off", "client": [seed["client"].id], "status": "Cancelled",
             "session_date": datetime(2026, 11, 26, 10, tzinfo=UTC)},
        ],
    )  # fmt: skip
    gw.create(
        Invoice,
        [{"invoice_number": "JO-11", "client": [seed["client"].id], "period": "2026-11", "status": "Sent"}],
    )
    ctx = world.ctx(now=DEC1, budget_s=60, job="billing")
    with ctx.run:
        billing_run(ctx, NOV)
    (problem,) = [p for p in ctx.run.problems if p.record_id == seed["client"].id]
    assert "3 session(s)" in problem.reason and "8 Oct" not in problem.reason, problem.reason


def test_billing_run__nothing_dated_before_bill_from_is_billed(server, tmp_path) -> None:
    """A base with history: sessions she billed herself before Leadership OS are on no invoice. With
    billing.bill_from set, the first run bills only what is dated from that day on; the older sessions are
    left as they are (not billed, not marked), and a period that ended before it bills nobody, retainers
    included."""
    world = make_world(
        server, tmp_path, **{"billing.claim_settle_s": "0.5", "billing.bill_from": "2026-11-01"}
    )
    seed = _seed(world, sessions=1)  # one Completed session on 5 November
    old = world.gw.create(
        Session,
        [
            {"client": [seed["client"].id], "session_date": datetime(y, m, 10, 10, tzinfo=UTC),
             "status": status}
            for y, m, status in ((2025, 3, "Completed"), (2026, 10, "No-show"), (2026, 10, "Completed"))
        ],
    )  # fmt: skip
    (retainer,) = world.gw.create(
        Package, [{"name": "Retainer", "billing": "Monthly Retainer", "price": Decimal("1000.00")}]
    )
    world.gw.create(
        Client,
        [{"name": "Rae", "email": "rae@r.example", "status": "Active", "package": [retainer.id],
          "start_date": datetime(2025, 1, 1).date()}],
    )  # fmt: skip
    october = _bill(world, datetime(2026, 11, 1, 7, tzinfo=UTC), period=NOV.previous())
    assert october["invoices"] == []
    assert world.gw.all(Invoice) == []
    _bill(world, DEC1)
    invoices = {i.client[0]: i for i in world.gw.all(Invoice)}
    assert invoices[seed["client"].id].sessions == [seed["sessions"][0].id]
    assert invoices[seed["client"].id].amount == Decimal("333.33")
    assert len(invoices) == 2  # November's retainer is billed: the month ends after bill_from
    assert {world.gw.get(Session, s.id).invoice_status for s in old} == {None}


def test_billing_run__the_first_run_without_bill_from_bills_its_own_month_and_sets_bill_from(world) -> None:
    """A base connected with its history but without setup_base setting billing.bill_from: the sessions of
    earlier months on no invoice were billed outside. The first billing run ever bills its own period only
    and writes bill_from (its period's first day) into Settings, so no later run bills them either."""
    from automation.models import Setting

    seed = _seed(world, sessions=1)  # 5 November
    old = world.gw.create(
        Session,
        [{"client": [seed["client"].id], "session_date": datetime(2025, m, 10, 10, tzinfo=UTC),
          "status": "Completed"} for m in (3, 9)],
    )  # fmt: skip
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    assert inv.sessions == [seed["sessions"][0].id]
    (row,) = [r for r in world.gw.all(Setting) if r.key == "billing.bill_from"]
    assert row.value == "2026-11-01"
    billing = world.settings.billing.model_copy(update={"bill_from": datetime(2026, 11, 1).date()})
    world.settings = world.settings.model_copy(update={"billing": billing})  # as the next run reads it
    assert _bill(world, JAN1, period=NOV.next())["invoices"] == []
    assert {world.gw.get(Session, s.id).invoice_status for s in old} == {None}


def test_billing_daily__a_client_skipped_for_her_record_is_billed_the_day_after_it_is_fixed_once(
    world,
) -> None:
    """The month's run cannot bill a client whose package has no price: she is named (once), the month is
    still done for everyone else, and the first daily run after the coach sets the price bills her month,
    once; the days in between neither bill her nor name her again."""
    gw = world.gw
    seed = _seed(world)
    gw.update(Package, [(seed["package"], {"price": None})])
    (other_pkg,) = gw.create(Package, [{"name": "Team", "billing": "Per Session", "price": Decimal("100")}])
    (kim,) = gw.create(
        Client, [{"name": "Kim Ode", "email": "kim@b.example", "status": "Active", "package": [other_pkg.id]}]
    )
    gw.create(
        Session,
        [{"client": [kim.id], "session_date": datetime(2026, 11, 3, 9, tzinfo=UTC), "status": "Completed"}],
    )

    def daily(day: int):
        ctx = world.ctx(now=DEC1 + timedelta(days=day - 1))
        with ctx.run:
            billing_daily(ctx)
        return [p for p in ctx.run.problems if p.record_id == seed["client"].id]

    named = daily(1)
    assert [i.client for i in gw.all(Invoice)] == [[kim.id]]
    assert len(named) == 1 and named[0].reason.startswith("Jo Park: "), named
    assert daily(2) == [] and len(gw.all(Invoice)) == 1  # not fixed: nothing billed, not named again
    gw.update(Package, [(gw.get(Package, seed["package"].id), {"price": Decimal("333.33")})])
    daily(3)
    jo = [i for i in gw.all(Invoice) if i.client == [seed["client"].id]]
    assert [(i.period, i.amount, len(i.sessions)) for i in jo] == [("2026-11", Decimal("999.99"), 3)]
    daily(4)
    assert len(gw.all(Invoice)) == 2  # billed once
    # the month's statements were drafted on the 1st: Ann's session on Jo's late invoice is paid too, once
    (added,) = [m for m in gw.all(Message) if m.kind == "Payout Statement"]
    assert added.recipient == "ann@example.com" and f"{jo[0].invoice_number} Jo Park (1)" in (
        added.body or ""
    )
    assert "£133.33" in (added.body or "")


def test_billing_daily__a_prepaid_pack_is_named_once_and_left_be_once_its_sessions_are_waived(world) -> None:
    """A prepaid pack (a Billing kind the run does not know) is the coach's to invoice: the month's run
    names the client once, the next days do not repeat it, and once she marks the pack's sessions Waived
    (paid by the pack) the daily runs stop trying her; no invoice is ever written by the run."""
    from automation.billing import numbering

    seed = _seed(world)
    world.gw.table(Package).update(
        seed["package"].id, {"Name": "6-Session Pack", "Billing": "Prepaid Package"}, typecast=True
    )

    def daily(day: int):
        ctx = world.ctx(now=DEC1 + timedelta(days=day - 1))
        with ctx.run:
            billing_daily(ctx)
        return [p for p in ctx.run.problems if p.record_id == seed["client"].id]

    assert len(daily(1)) == 1 and daily(2) == []
    assert list(numbering.load(world.gw).skipped(NOV.label)) == [seed["client"].id]
    world.gw.update(
        Session, [(world.gw.get(Session, s.id), {"invoice_status": "Waived"}) for s in seed["sessions"]]
    )
    assert daily(3) == []
    assert numbering.load(world.gw).skipped(NOV.label) == {} and world.gw.all(Invoice) == []


def test_billing_run__the_invoice_emails_are_composed_in_a_few_requests(world) -> None:
    """Twelve invoice emails: one Messages read for their keys and two upserts (ten a request), not a
    read and an upsert each; each waits as a Draft to its own client."""
    gw = world.gw
    (pkg,) = gw.create(Package, [{"name": "Executive", "billing": "Per Session", "price": Decimal("300")}])
    clients = gw.create(
        Client,
        [
            {"name": f"Client {n}", "email": f"c{n}@firm{n}.example", "status": "Active", "package": [pkg.id]}
            for n in range(12)
        ],
    )
    gw.create(
        Session,
        [
            {
                "name": f"S {n}",
                "client": [c.id],
                "status": "Completed",
                "session_date": datetime(2026, 11, 5, 10, tzinfo=UTC),
            }
            for n, c in enumerate(clients)
        ],
    )
    messages_table = f"/{gw.schema_map().table_id('messages')}"
    since = len(world.calls())
    _bill(world, DEC1)
    made = [c for c in world.calls()[since:] if messages_table in c["path"]]
    assert [c["method"] for c in made].count("GET") == 1 and [c["method"] for c in made].count("PATCH") == 2
    emails = [m for m in gw.all(Message) if m.kind == "Invoice"]
    assert sorted((m.recipient, m.status) for m in emails) == sorted((c.email, "Draft") for c in clients)
    assert all(m.client == [c.id] for m in emails for c in clients if c.email == m.recipient)
