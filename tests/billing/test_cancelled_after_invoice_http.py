"""A session set Cancelled after an invoice charged it, against the local Airtable server: billing never
changes an invoice that went out, so the coach is told, once, with the invoice and what to do; nothing is
said for a session cancelled before any invoice, nor for one whose invoice she has already voided."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from automation.events.runner import run_automations
from automation.models import Invoice, Message, Session
from tests.billing.test_billing_run_http import DEC1, _bill, _seed
from tests.billing.test_billing_run_http import world as world  # noqa: F401 - the fixture


def _cancel(world, session, now):
    """The coach sets Status Cancelled in the grid; the webhook's visit runs every automation watching it."""
    world.gw.update(Session, [(session, {"status": "Cancelled"})])
    ctx = world.ctx(now=now, job="webhook")
    with ctx.run:
        result = run_automations(ctx, "sessions", [session.id], {session.id: {"status"}})
    assert not result.failed
    return ctx


def _alerts(world) -> list[Message]:
    return [m for m in world.gw.all(Message) if "cancelled-after-invoice" in (m.dedupe_key or "")]


def test_cancelled_after_its_invoice__the_coach_is_told_once_with_the_invoice(world) -> None:
    seed = _seed(world)
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    world.gw.update(Invoice, [(inv, {"status": "Sent"})])
    later = DEC1 + timedelta(days=2)
    first = next(s for s in world.gw.all(Session) if s.id == seed["sessions"][0].id)

    _cancel(world, first, later)
    (alert,) = _alerts(world)
    assert alert.kind == "System Alert" and alert.channel == "Slack"
    text = (alert.subject or "") + " " + (alert.body or "")
    assert "INV-0001" in text and "Jo 5" in text and "Void" in text and "£1,199.99" in text
    assert world.gw.get(Invoice, inv.id).total == inv.total  # the invoice that went out is not changed

    again = world.gw.get(Session, first.id)
    world.gw.update(Session, [(again, {"status": "Completed"})])
    _cancel(world, world.gw.get(Session, first.id), later + timedelta(hours=1))  # touched again: no second
    assert len(_alerts(world)) == 1


def test_cancelled_before_any_invoice_or_after_a_void__nothing_to_say(world) -> None:
    seed = _seed(world)
    (never,) = world.gw.create(
        Session,
        [{"name": "Jo 26", "client": [seed["client"].id], "status": "Scheduled",
          "session_date": datetime(2026, 12, 20, 10, tzinfo=UTC)}],
    )  # fmt: skip
    _cancel(world, never, DEC1)
    _bill(world, DEC1)
    (inv,) = world.gw.all(Invoice)
    world.gw.update(Invoice, [(inv, {"status": "Void"})])
    second = world.gw.get(Session, seed["sessions"][1].id)
    assert second.invoice == [inv.id]  # still linked until the Void's own automation runs: voided is enough
    _cancel(world, second, DEC1 + timedelta(days=1))
    assert _alerts(world) == []
