"""A lead's corrected email address: the emails still waiting for the coach go to it, not to the typo."""

from __future__ import annotations

from automation.events.runner import run_automations
from automation.models import Lead, Message

TYPO, FIXED = "mark.chen@haldane-partnres.example", "mark.chen@haldane-partners.example"


def _new_lead(world) -> Lead:
    lead = world.gw.create(
        Lead,
        [
            {
                "name": "Mark Chen",
                "email": TYPO,
                "status": "New",
                "title": "VP Strategy",
                "lead_source": "LinkedIn",
            }
        ],
    )[0]
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "leads", [lead.id], None, created=[lead.id])
    return lead


def _correct(world, lead: Lead, typed: str) -> None:
    world.gw.update(Lead, [(world.gw.get(Lead, lead.id), {"email": typed})])
    ctx = world.ctx()
    with ctx.run:
        run_automations(ctx, "leads", [lead.id], {lead.id: {"email"}})


def test_a_corrected_email_readdresses_the_waiting_first_touch_once(world) -> None:
    lead = _new_lead(world)
    (draft,) = world.gw.all(Message)
    assert (draft.kind, draft.status, draft.recipient) == ("First Touch", "Draft", TYPO)

    _correct(world, lead, f"  {FIXED.upper()} ")  # typed as the coach types: hygiene tidies it first

    (after,) = world.gw.all(Message)  # the same draft, not a second one
    assert (after.id, after.status, after.recipient) == (draft.id, "Draft", FIXED)
    assert after.body == draft.body


def test_a_corrected_email_leaves_sent_mail_and_the_coachs_notices_alone(world) -> None:
    lead = _new_lead(world)
    (draft,) = world.gw.all(Message)
    world.gw.update(Message, [(draft, {"status": "Sent"})])
    notice = world.gw.create(
        Message,
        [{"kind": "New Lead Notice", "channel": "Email", "status": "Draft", "recipient": "coach@firm.example",
          "lead": [lead.id], "subject": "New lead", "dedupe_key": f"{lead.id}:notice"}],
    )[0]  # fmt: skip

    _correct(world, lead, FIXED)

    got = {m.id: m for m in world.gw.all(Message)}
    assert got[draft.id].recipient == TYPO  # what was sent stays what was sent
    assert got[notice.id].recipient == "coach@firm.example"


def test_an_invalid_correction_leaves_the_draft_where_it_was(world) -> None:
    lead = _new_lead(world)
    _correct(world, lead, "mark.chen@")
    (draft,) = world.gw.all(Message)
    assert draft.recipient == TYPO
