"""The Airtable Automations of the checklist (schema/views.py) and the automations the webhook leaves to
them (`webhook=False`) agree: each is reached by one checklist automation, and the webhook watches none of
their fields."""

from __future__ import annotations

from automation import registry
from automation.events.catalog import build_plan
from automation.events.triggers import forced
from schema.views import AIRTABLE_AUTOMATIONS


def test_every_automation_the_webhook_does_not_serve_is_run_by_a_checklist_automation() -> None:
    plan = build_plan(tuple(registry.CATALOG))
    unwatched = {a.name for a in plan.automations if not a.webhook}
    assert unwatched == {"deliver-approved-messages", "associate-assignment"}
    reached: set[str] = set()
    for spec in AIRTABLE_AUTOMATIONS:
        head = plan.automation(spec.trigger)
        assert not head.webhook, f"{spec.trigger} is also watched by the webhook: it would run twice"
        assert head.table == spec.table
        assert {k for k, op, _ in spec.conditions if op == "is"} <= head.triggers  # fires on what it reads
        reached |= forced(plan.chain(spec.trigger))
    assert unwatched <= reached


def test_the_webhook_watches_no_field_only_an_airtable_automation_serves() -> None:
    plan = build_plan(tuple(registry.CATALOG))
    watched = plan.trigger_fields()
    assert "messages" not in watched  # both Messages automations are served by the trigger
    assert watched["leads"] >= {"email", "status", "title"}  # a person's edits still reach the app
