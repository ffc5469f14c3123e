"""One mailbox in several spellings over HTTP against the local server: a plus-addressed or Gmail-dotted lead
is the earlier lead's duplicate (found in the lead's own read), and the form records a re-enquiry on it."""

from __future__ import annotations

import time
from typing import Any

from automation.events.catalog import get_plan
from automation.events.runner import Runner, Touch
from automation.leads.capture import LeadForm, capture
from automation.models import Lead, Message

JO = {"Name": "Jo Lee", "Company": "Acme", "Title": "Head of People", "Lead Source": "Website"}


def _create_after(world, fields: dict[str, Any], after: str | None = None) -> dict[str, Any]:
    """A lead typed into the base, created strictly after the record `after` (a later Created time)."""
    table = world.gw.api.table(world.base_id, "Leads")
    if after is not None:
        first = table.get(after)["createdTime"]
        deadline = time.monotonic() + 5
        while world.server.lb.clock.now().isoformat(timespec="milliseconds")[:23] <= first[:23]:
            assert time.monotonic() < deadline, "the server clock did not move"
            time.sleep(0.002)
    return table.create(fields)


def _webhook_visit(world, rec: dict[str, Any]) -> None:
    """What a webhook ping does for a new lead: the payload's cells, the lead automations, one visit."""
    ctx = world.ctx()
    touch = Touch(created=True, fields=None, cells={"email": rec["fields"].get("Email")})
    with ctx.run:
        result = Runner(ctx, get_plan().automations).run({"leads": {rec["id"]: touch}})
    assert not result.failed


def _lead_reads(world, since: int) -> int:
    """Reads of Leads the server logged since the `since`-th call."""
    leads_id = world.gw.api.table(world.base_id, "Leads").id
    reads = [
        r
        for r in world.calls()[since:]
        if leads_id in r["path"]
        and (r["method"] == "GET" or r["path"].split("?")[0].endswith("/listRecords"))
    ]
    return len(reads)


def _first_touches(world) -> list[Message]:
    return world.gw.all(Message, formula=world.gw.ref(Message, "kind").eq("First Touch"))


def test_webhook__a_plus_addressed_lead_is_linked_to_the_earlier_one_in_one_read(world) -> None:
    first = _create_after(world, {**JO, "Email": "jo@acme.example"})
    _webhook_visit(world, first)
    later = _create_after(world, {**JO, "Email": "Jo+News@Acme.example"}, after=first["id"])
    before = len(world.calls())
    _webhook_visit(world, later)
    assert _lead_reads(world, before) == 1  # the duplicates were read with the lead itself
    lead = world.gw.get(Lead, later["id"])
    assert lead.email == "jo+news@acme.example"  # what she typed, only lowercased
    assert lead.duplicate_of == [first["id"]]
    assert lead.nurture_sequence == "Paused" and lead.next_action.startswith("Possible duplicate: Jo Lee")
    assert [m.lead for m in _first_touches(world)] == [[first["id"]]]  # one first touch for one inbox
    assert world.gw.get(Lead, first["id"]).duplicate_of == []


def test_webhook__a_gmail_spelling_with_dots_and_googlemail_is_the_same_person(world) -> None:
    first = _create_after(world, {**JO, "Email": "jolee@gmail.com"})
    later = _create_after(world, {**JO, "Email": "Jo.Lee+coaching@googlemail.com"}, after=first["id"])
    _webhook_visit(world, later)
    assert world.gw.get(Lead, later["id"]).duplicate_of == [first["id"]]


def test_webhook__dots_outside_gmail_are_another_person(world) -> None:
    first = _create_after(world, {**JO, "Email": "jolee@acme.example"})
    later = _create_after(world, {**JO, "Email": "jo.lee@acme.example"}, after=first["id"])
    _webhook_visit(world, later)
    lead = world.gw.get(Lead, later["id"])
    assert lead.duplicate_of == [] and lead.nurture_sequence != "Paused"


def test_webhook__a_first_touch_is_cancelled_when_another_spelling_unsubscribed_in_the_same_read(world):
    # The later record (an import, say) is her Gmail inbox spelled plainly, and she unsubscribed there:
    # the earlier lead's first touch, screened on the duplicate search's read, is cancelled, not drafted.
    first = _create_after(world, {**JO, "Email": "Jo.Lee+promo@gmail.com"})
    said_no = _create_after(world, {**JO, "Email": "jolee@gmail.com", "Status": "Unsubscribed"}, first["id"])
    before = len(world.calls())
    _webhook_visit(world, first)
    assert _lead_reads(world, before) == 1  # screened on the leads read with the lead itself
    (touch,) = _first_touches(world)
    assert touch.lead == [first["id"]]
    assert (touch.status, touch.error) == (
        "Cancelled",
        f"Not sent: recipient unsubscribed (lead {said_no['id']})",
    )


def _capture(world, payload: dict) -> tuple[str, str]:
    ctx = world.ctx()
    with ctx.run:
        return capture(ctx, LeadForm.model_validate(payload))


def test_form__a_plus_addressed_re_enquiry_is_recorded_on_the_known_lead(world) -> None:
    form = {"name": "Jo Lee", "email": "jo@acme.example", "title": "Head of People", "company": "Acme"}
    _, first = _capture(world, form)
    outcome, again = _capture(world, {**form, "email": "JO+site@acme.example", "message": "Any news?"})
    assert (outcome, again) == ("updated", first)
    leads = world.gw.all(Lead)
    assert len(leads) == 1 and leads[0].email == "jo@acme.example"
    assert "enquiry from jo+site@acme.example: Any news?" in leads[0].notes  # the spelling she typed is kept
    assert len(_first_touches(world)) == 1


def test_mailbox_match__one_read_finds_every_spelling_and_a_malformed_address_as_written(world) -> None:
    """The formula the won deal's client search, the messages' people lookups and a booking's host use: the
    base answers it (Airtable's REGEX_MATCH), so the rows it finds are what those reads see."""
    from automation.leads.contact import mailbox_match, one_mailbox

    table = world.gw.api.table(world.base_id, "Leads")
    emails = [
        "Jane.Doe+x@GoogleMail.com",
        " janedoe@gmail.com",
        "jane.doe@acme.example",
        "JO AT acme",
        "jo@acme",
    ]
    for i, e in enumerate(emails):
        table.create({"Name": f"Person {i}", "Email": e})

    def found(address: str) -> set[str]:
        rows = world.gw.all(Lead, formula=mailbox_match(world.gw.ref(Lead, "email"), address))
        return {(r.email or "").strip() for r in rows if one_mailbox(r.email, address)}

    assert found("JANEDOE@gmail.com") == {"Jane.Doe+x@GoogleMail.com", "janedoe@gmail.com"}
    assert found("jane.doe@acme.example") == {"jane.doe@acme.example"}  # dots matter outside Gmail
    assert found("  jo at ACME ") == {"JO AT acme"}  # no mailbox: itself, trimmed, any case
    assert found("jo@acme") == {"jo@acme"}
