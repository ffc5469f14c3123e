"""Compose → approve → deliver over real HTTP: the local Airtable server, SendGrid and Slack fakes.

The coach's actions are made as she makes them (another token writing Status in Airtable); the delivery
runs through the events runner exactly as a webhook would run it.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest

from automation.events.runner import run_automations
from automation.events.runs import record_run
from automation.messages import Draft, compose, deliver
from automation.messages.automations import AUTOMATIONS, send_due
from automation.messages.claim import ClaimHooks
from automation.messages.store import MessageStore
from automation.models import Message
from tests.messages.fakes import Reply, sendgrid_error, slack_rate_limited


def _lead(world, email="jo@acme.example", **fields):
    return world.table("Leads").create({"Name": "Jo Bloggs", "Email": email, "Status": "New", **fields})["id"]


def _nurture(lead_id, email="jo@acme.example", step=1, **changes):
    values = dict(
        kind="Nurture Email",
        channel="Email",
        recipient=email,
        recipient_name="Jo Bloggs",
        subject="A thought on your first 90 days",
        template="letter",
        data={
            "greeting": "Hi Jo,",
            "body": "Most leaders find the first 90 days go fast.",
            "signoff": "Warmly,",
        },
        links={"lead": lead_id},
        dedupe_key=f"{lead_id}:nurture:{step}",
    )
    return Draft(**{**values, **changes})


def _alert(key="alert:1", **changes):
    values = dict(
        kind="Health Alert",
        channel="Slack",
        recipient="#coaching-ops",
        subject="Acme Ltd is now High risk",
        template="alert",
        data={"heading": "Client at risk", "summary": "Health fell to 42.", "facts": [["Was", "61"]]},
        dedupe_key=key,
    )
    return Draft(**{**values, **changes})


def _get(world, message_id) -> Message:
    ctx = world.ctx()
    found = ctx.gateway.get(Message, message_id)
    assert found is not None
    return found


def _coach_sets(world, message_id, status):
    world.table("Messages").update(message_id, {"Status": status})


def _in_two_instances(world, work):
    """`work(ctx)` in two threads at once, each with its own run and gateway (as two function instances
    would have); their results by name ("a", "b"); an exception in either fails the test."""
    results, errors = {}, []

    def run(name):
        ctx = world.ctx(track=False)  # opened and closed in this thread
        try:
            results[name] = work(ctx)
        except Exception as exc:  # pragma: no cover - surfaced below
            errors.append(exc)
        finally:
            ctx.run.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    return results


def _webhook_event(world, message_id, **ctx_args):
    """What the events layer does for a Status change: the runner runs the catalog's automations."""
    ctx = world.ctx(**ctx_args)
    run_automations(ctx, "messages", [message_id], {message_id: {"status"}}, automations=AUTOMATIONS)
    return ctx


def test_approval__draft_waits_then_approved_is_delivered_once_even_when_the_event_arrives_twice(world):
    lead = _lead(world)
    draft = compose(world.ctx(), _nurture(lead))
    assert draft.status == "Draft" and draft.body_html and world.sendgrid.sends == []

    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    _webhook_event(world, draft.id)  # Airtable re-sent the ping

    assert len(world.sendgrid.sends) == 1
    sent = _get(world, draft.id)
    assert sent.status == "Sent" and sent.provider_id == "sgmsg0001" and sent.sent_at is not None
    body = world.sendgrid.sends[0].json()
    assert body["custom_args"] == {"los_message_id": draft.id}
    assert body["subject"] == "A thought on your first 90 days"


def test_approval__two_deliveries_racing_through_claim_send_it_once(world):
    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Approved")
    both_read, both_claimed = threading.Barrier(2, timeout=10), threading.Barrier(2, timeout=10)
    hooks = ClaimHooks(after_read=lambda ids: both_read.wait(), after_claim=lambda ids: both_claimed.wait())
    results = _in_two_instances(
        world, lambda ctx: deliver(ctx, [ctx.gateway.get(Message, draft.id)], hooks=hooks)
    )
    outcomes = sorted(d.result for r in results.values() for d in r)
    assert outcomes == ["lost", "sent"]
    assert len(world.sendgrid.sends) == 1 and _get(world, draft.id).status == "Sent"


def test_auto_send__an_alert_goes_to_slack_without_approval_with_blocks_and_fallback_text(world):
    message = compose(world.ctx(), _alert())
    assert message.status == "Sent" and message.provider_id.startswith("#coaching-ops/")
    (post,) = world.slack.posts
    body = post.json()
    assert body["text"].startswith("Acme Ltd is now High risk\nHealth fell to 42.")
    assert body["blocks"][0]["type"] == "header" and len(body["blocks"]) >= 2


def test_sendgrid_without_slack__an_alert_reaches_the_coach_by_email_not_a_folder_nobody_reads(world):
    # A deployment with SendGrid and no Slack: OUTBOX_DIR is a disk nobody reads (read-only on Vercel), so
    # the coach's Slack notices are emailed to her (general.coach_email) instead.
    world.settings = {"general.coach_email": "mairead@harbour.example", "general.coach_name": "Mairead Quinn"}
    message = compose(world.ctx(slack_bot_token=None, slack_channel=None), _alert())
    assert message.status == "Sent" and message.provider_id.startswith("sgmsg")
    (send,) = world.sendgrid.sends
    body = send.json()
    coach = {"email": "mairead@harbour.example", "name": "Mairead Quinn"}
    assert body["personalizations"][0]["to"] == [coach]
    assert body["subject"] == "Acme Ltd is now High risk"
    assert "Health fell to 42." in body["content"][0]["value"]
    assert body["custom_args"] == {"los_message_id": message.id}
    assert world.slack.requests == [] and not any(world.outbox.rglob("*"))


def test_auto_send__slack_429_with_retry_after_is_waited_then_sent_once(world):
    world.slack.then(slack_rate_limited(1))
    message = compose(world.ctx(), _alert())
    assert message.status == "Sent" and len(world.slack.posts) == 2


def test_cancelled__never_goes_out(world):
    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Cancelled")
    _webhook_event(world, draft.id)
    send_due(world.ctx())
    assert world.sendgrid.sends == [] and _get(world, draft.id).status == "Cancelled"


def test_who_may_receive__unsubscribed_lead_is_cancelled_with_the_reason_and_nothing_sent(world):
    lead = _lead(world, Status="Unsubscribed")
    message = compose(world.ctx(), _nurture(lead))
    assert (
        message.status == "Cancelled" and message.error == f"Not sent: recipient unsubscribed (lead {lead})"
    )
    _coach_sets(world, message.id, "Approved")  # even if the coach approves it anyway
    _webhook_event(world, message.id)
    assert world.sendgrid.sends == [] and _get(world, message.id).status == "Cancelled"


def test_who_may_receive__a_lead_who_unsubscribed_after_composing_is_cancelled_at_send_time(world):
    lead = _lead(world)
    draft = compose(world.ctx(), _nurture(lead))
    world.table("Leads").update(lead, {"Email Status": "Bounced"})
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    assert world.sendgrid.sends == []
    assert _get(world, draft.id).error == f"Not sent: address marked Bounced (lead {lead})"


def test_who_may_receive__a_client_who_opted_out_gets_no_email(world):
    client = world.table("Clients").create(
        {"Name": "Ann Lee", "Email": "ann@corp.example", "Email Opt Out": True}
    )
    draft = Draft(
        kind="Session Reminder", channel="Email", recipient="ann@corp.example", recipient_name="Ann Lee",
        subject="Our session tomorrow", template="session_reminder",
        data={"session_at": datetime(2026, 12, 4, 10, tzinfo=UTC)}, links={"client": client["id"]},
        dedupe_key=f"{client['id']}:reminder:2026-12-04",
    )  # fmt: skip
    message = compose(world.ctx(), draft)
    assert message.status == "Cancelled" and "opted out" in message.error and world.sendgrid.sends == []


def _reminder(client_id, email="ann@corp.example"):
    return Draft(
        kind="Session Reminder", channel="Email", recipient=email, recipient_name="Ann Lee",
        subject="Our session tomorrow", template="session_reminder",
        data={"session_at": datetime(2026, 12, 4, 10, tzinfo=UTC)}, links={"client": client_id},
        dedupe_key=f"{client_id}:reminder:2026-12-04",
    )  # fmt: skip


def test_who_may_receive__a_client_who_unsubscribed_from_nurture_as_a_lead_still_gets_her_reminder(world):
    # She clicked the unsubscribe link in a nurture email as a lead, then signed; as a client she never
    # opted out. Her session reminder goes; a nurture email to the same address still does not.
    lead = _lead(world, email="ann@corp.example", Status="Unsubscribed")
    client = world.table("Clients").create({"Name": "Ann Lee", "Email": "ann@corp.example"})
    reminder = compose(world.ctx(), _reminder(client["id"]))  # a reminder is sent as it is composed
    assert _get(world, reminder.id).status == "Sent" and not _get(world, reminder.id).error
    sent_to = [s.json()["personalizations"][0]["to"][0]["email"] for s in world.sendgrid.sends]
    assert sent_to == ["ann@corp.example"]
    nurture = compose(world.ctx(), _nurture(lead, email="ann@corp.example"))
    assert (nurture.status, nurture.error) == ("Cancelled", f"Not sent: recipient unsubscribed (lead {lead})")


def test_who_may_receive__a_current_client_gets_no_nurture_email_a_former_one_may(world):
    current = world.table("Clients").create(
        {"Name": "Ann Lee", "Email": "ann@corp.example", "Status": "Active"}
    )
    world.table("Clients").create({"Name": "Bo Chen", "Email": "bo@corp.example", "Status": "Completed"})
    ann = compose(world.ctx(), _nurture(_lead(world, email="ann@corp.example"), email="ann@corp.example"))
    assert ann.status == "Cancelled"
    assert (
        ann.error == f"Not sent: Ann Lee is a current client: write to them yourself (client {current['id']})"
    )
    bo = compose(world.ctx(), _nurture(_lead(world, email="bo@corp.example"), email="bo@corp.example"))
    assert bo.status == "Draft" and not bo.error


def test_who_may_receive__an_approved_first_touch_to_a_current_clients_address_is_cancelled_naming_her(world):
    # A lead typed into the grid at a client's address: its first touch was drafted from the lead alone
    # (no Clients read on that path); approving it must not send marketing to a client.
    lead = _lead(world, email="ann@corp.example")
    draft = compose(world.ctx(), _nurture(lead, email="ann@corp.example", kind="First Touch"))
    assert draft.status == "Draft"
    client = world.table("Clients").create(
        {"Name": "Ann Lee", "Email": "Ann@Corp.example", "Status": "Active"}
    )
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    got = _get(world, draft.id)
    assert got.status == "Cancelled" and world.sendgrid.sends == [] and not list(world.outbox.rglob("*.json"))
    assert (
        got.error == f"Not sent: Ann Lee is a current client: write to them yourself (client {client['id']})"
    )


def _approved_first_touch(world, email):
    """A first touch to `email` for its own lead, drafted (waiting as Draft) while nobody had said no."""
    lead = _lead(world, email=email)
    draft = compose(world.ctx(), _nurture(lead, email=email, kind="First Touch"))
    assert draft.status == "Draft"
    return draft


def _sent_after_approval(world, draft):
    """The coach approves it and the runner delivers it; the message as stored after."""
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    return _get(world, draft.id)


def test_who_may_receive__an_unsubscribe_in_one_spelling_of_a_gmail_mailbox_stops_every_spelling(world):
    # Jo unsubscribed as jo@gmail.com; another lead record has her as "j.o+promo@gmail.com" (dots and a
    # "+tag" reach the same Gmail inbox): approving its first touch must not write to her.
    draft = _approved_first_touch(world, "j.o+promo@gmail.com")
    said_no = _lead(world, email="jo@gmail.com", Status="Unsubscribed")
    got = _sent_after_approval(world, draft)
    assert world.sendgrid.sends == [] and not list(world.outbox.rglob("*.json"))
    assert (got.status, got.error) == ("Cancelled", f"Not sent: recipient unsubscribed (lead {said_no})")
    # and drafted now, it is cancelled as it is composed
    again = compose(
        world.ctx(), _nurture(_lead(world, email="J.O@googlemail.com"), email="J.O@googlemail.com")
    )
    assert (again.status, again.error) == ("Cancelled", f"Not sent: recipient unsubscribed (lead {said_no})")


def test_who_may_receive__a_client_who_opted_out_is_not_written_to_at_another_spelling(world):
    draft = _approved_first_touch(world, "Ann.Lee+Promo@gmail.com")
    client = world.table("Clients").create(
        {"Name": "Ann Lee", "Email": "annlee@gmail.com", "Email Opt Out": True, "Status": "Completed"}
    )["id"]
    got = _sent_after_approval(world, draft)
    assert world.sendgrid.sends == [] and not list(world.outbox.rglob("*.json"))
    assert (got.status, got.error) == ("Cancelled", f"Not sent: client opted out of email (client {client})")


def test_who_may_receive__marketing_to_a_sub_address_of_a_current_client_is_cancelled_naming_her(world):
    draft = _approved_first_touch(world, "Grace+work@lin-labs.example")
    client = world.table("Clients").create(
        {"Name": "Grace Lin", "Email": "grace@lin-labs.example", "Status": "Active"}
    )["id"]
    got = _sent_after_approval(world, draft)
    assert world.sendgrid.sends == [] and not list(world.outbox.rglob("*.json"))
    assert got.status == "Cancelled"
    assert got.error == f"Not sent: Grace Lin is a current client: write to them yourself (client {client})"


def test_who_may_receive__outside_gmail_a_dot_makes_another_person_who_is_written_to(world):
    # jo@acme.example said no; j.o@acme.example is another mailbox (dots count outside Gmail).
    draft = _approved_first_touch(world, "j.o@acme.example")
    _lead(world, email="jo@acme.example", Status="Unsubscribed")
    world.table("Clients").create({"Name": "Jo", "Email": "jo@acme.example", "Email Opt Out": True})
    got = _sent_after_approval(world, draft)
    assert got.status == "Sent" and not got.error
    sent_to = [s.json()["personalizations"][0]["to"][0]["email"] for s in world.sendgrid.sends]
    assert sent_to == ["j.o@acme.example"]


def _waiting(world, recipient, status="Draft"):
    return world.table("Messages").create(
        {"Kind": "Nurture Email", "Channel": "Email", "Status": status, "Recipient": recipient}
    )["id"]


def test_pending_to__finds_every_spelling_of_the_mailbox_in_one_read_and_nobody_elses(world):
    hers = {
        _waiting(world, "annlee@gmail.com"),
        _waiting(world, " Ann.Lee+News@googlemail.com", "Approved"),
        _waiting(world, "a.n.n.lee@gmail.com"),
    }
    others = [
        _waiting(world, "annlee@gmail.com", "Sent"),  # gone already: nothing to cancel
        _waiting(world, "annlee2@gmail.com"),
        _waiting(world, "ann.lee@corp.example"),  # another domain, another person
        _waiting(world, "annlee@gmail.com.example"),
    ]
    gateway = world.ctx().gateway
    store, table = MessageStore(gateway), f"/v0/{world.base_id}/{gateway.schema_map().table_id('messages')}"
    world.server.clear_requests()
    found = store.pending_to(["Ann.Lee+news@gmail.com"])
    reads = [r for r in world.server.requests() if r["path"].startswith(table)]
    assert {m.id for m in found} == hers and len(reads) == 1, reads
    assert {m.id for m in store.pending_to(["annlee@gmail.com"])} == hers  # and the other way round
    assert not {m.id for m in store.pending_to(["ann.lee+x@gmail.com"])} & set(others)


def test_pending_to__outside_gmail_a_dot_is_another_person_and_a_malformed_address_only_itself(world):
    jo, tagged = _waiting(world, "j.o@acme.example"), _waiting(world, "J.O+x@acme.example")
    _waiting(world, "jo@acme.example")
    odd = _waiting(world, "Jo at acme")
    store = MessageStore(world.ctx().gateway)
    assert {m.id for m in store.pending_to(["j.o@acme.example"])} == {jo, tagged}
    assert [m.id for m in store.pending_to([" JO AT ACME"])] == [odd]


@pytest.mark.parametrize("email_status", ["Bounced", "Spam Report"])
def test_who_may_receive__a_client_whose_address_bounced_is_cancelled_with_the_reason(world, email_status):
    client = world.table("Clients").create(
        {"Name": "Ann Lee", "Email": "ann@corp.example", "Email Status": email_status}
    )["id"]
    message = compose(world.ctx(), _reminder(client))
    assert message.status == "Cancelled"
    assert message.error == f"Not sent: address marked {email_status} (client {client})"
    _coach_sets(world, message.id, "Approved")  # even if the coach approves it anyway
    _webhook_event(world, message.id)
    assert world.sendgrid.sends == [] and _get(world, message.id).status == "Cancelled"


def test_who_may_receive__a_client_address_that_bounced_after_composing_is_cancelled_at_send_time(world):
    client = world.table("Clients").create({"Name": "Ann Lee", "Email": "ann@corp.example"})["id"]
    draft = compose(world.ctx(), _reminder(client), send=False)  # an auto-send kind: held Approved
    assert draft.status == "Approved"
    world.table("Clients").update(client, {"Email Status": "Bounced"})
    deliver(world.ctx(), [_get(world, draft.id)])
    assert world.sendgrid.sends == []
    cancelled = _get(world, draft.id)
    assert cancelled.status == "Cancelled"
    assert cancelled.error == f"Not sent: address marked Bounced (client {client})"


def test_a_client_email_corrected_after_the_draft__the_approved_email_goes_to_her_address_now(world):
    """Her session notes wait in the Approval Queue; the coach corrects the typo in her Email meanwhile and
    approves: the email goes to the corrected address, and the message says where it went."""
    client = world.table("Clients").create({"Name": "Ann Lee", "Email": "ann@corp.exmaple"})["id"]
    draft = compose(world.ctx(), _reminder(client, email="ann@corp.exmaple"), send=False)
    world.table("Clients").update(client, {"Email": "ann@corp.example"})
    deliver(world.ctx(), [_get(world, draft.id)])
    sent_to = [s.json()["personalizations"][0]["to"][0]["email"] for s in world.sendgrid.sends]
    assert sent_to == ["ann@corp.example"]
    sent = _get(world, draft.id)
    assert (sent.status, sent.recipient) == ("Sent", "ann@corp.example")


def test_an_address_someone_still_has__is_never_changed_at_send_time(world):
    """The coach addressed a client's reminder to her assistant's address, which is a lead of its own: the
    email goes where she addressed it."""
    _lead(world, email="pa@corp.example")
    client = world.table("Clients").create({"Name": "Ann Lee", "Email": "ann@corp.example"})["id"]
    draft = compose(world.ctx(), _reminder(client, email="pa@corp.example"), send=False)
    deliver(world.ctx(), [_get(world, draft.id)])
    sent_to = [s.json()["personalizations"][0]["to"][0]["email"] for s in world.sendgrid.sends]
    assert sent_to == ["pa@corp.example"] and _get(world, draft.id).recipient == "pa@corp.example"


def test_who_may_receive__a_client_whose_address_is_valid_gets_the_email(world):
    client = world.table("Clients").create(
        {"Name": "Ann Lee", "Email": "ann@corp.example", "Email Status": "Valid"}
    )["id"]
    message = compose(world.ctx(), _reminder(client))  # an auto-send kind: delivered at once
    assert len(world.sendgrid.sends) == 1 and _get(world, message.id).status == "Sent"


def test_marketing__nurture_email_has_unsubscribe_link_postal_address_and_one_click_headers(world):
    lead = _lead(world)
    draft = compose(world.ctx(), _nurture(lead))
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    body = world.sendgrid.sends[0].json()
    url = body["headers"]["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://coach.example/api/unsubscribe?token=l." + lead)
    assert body["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = (c["value"] for c in body["content"])
    assert f"Unsubscribe: {url}" in text and "1 Example Street" in text
    assert url.replace("&", "&amp;") in html


def test_sendgrid__429_then_202_is_sent_once(world):
    world.sendgrid.then(sendgrid_error(429, "too many requests", **{"Retry-After": "1"}))
    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    assert len(world.sendgrid.sends) == 2  # the refused attempt and the accepted one
    assert _get(world, draft.id).status == "Sent"


def test_sendgrid__400_is_failed_with_the_providers_reason_in_airtable_and_in_the_run_record(world):
    world.sendgrid.then(
        sendgrid_error(400, "Invalid email address in personalizations", "personalizations.0.to")
    )
    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Approved")
    ctx = _webhook_event(world, draft.id)
    record_run(ctx)

    failed = _get(world, draft.id)
    reason = "SendGrid 400: Invalid email address in personalizations (field personalizations.0.to)"
    assert failed.status == "Failed" and failed.error == reason
    (run,) = world.table("Automation Runs").all()
    assert run["fields"]["Outcome"] == "Partial"
    problems = json.loads(run["fields"]["Details"])["problems"]
    assert problems == [{"table": "messages", "record": draft.id, "field": "status", "value": "'Failed'",
                         "reason": reason}]  # fmt: skip


def test_without_keys__the_outbox_holds_the_rendered_message(world):
    world.keys = False
    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    sent = _get(world, draft.id)
    assert sent.status == "Sent" and sent.provider_id.startswith("outbox:")
    folder = world.outbox / sent.provider_id.removeprefix("outbox:").split("/")[0]
    html = next(folder.glob(f"{draft.id}-*.html")).read_text()
    envelope = json.loads(next(folder.glob(f"{draft.id}-*.json")).read_text())
    assert "Most leaders find the first 90 days go fast." in html and html == sent.body_html
    assert envelope["sendgrid_mail_send"]["custom_args"] == {"los_message_id": draft.id}
    assert world.sendgrid.sends == [] and world.slack.requests == []


def test_paused__holds_every_send_until_live_again(world):
    message = compose(world.ctx(mode="Paused"), _alert())
    assert message.status == "Approved" and world.slack.requests == []
    send_due(world.ctx(mode="Paused"))
    assert world.slack.requests == []
    send_due(world.ctx())
    assert len(world.slack.posts) == 1 and _get(world, message.id).status == "Sent"


def test_shadow__records_what_would_be_sent_and_changes_nothing(world):
    lead = _lead(world)
    draft = compose(world.ctx(), _nurture(lead))
    _coach_sets(world, draft.id, "Approved")
    before = len(world.writes())
    ctx = _webhook_event(world, draft.id, mode="Shadow")
    assert world.sendgrid.sends == [] and len(world.writes()) == before
    assert _get(world, draft.id).status == "Approved"
    (intended,) = [w.as_dict() for w in ctx.run.intended_writes]
    assert intended == {"op": "update", "table": "messages", "record": draft.id,
                        "fields": ["provider_id", "sent_at", "status"]}  # fmt: skip


def test_send_after__waits_for_its_time_then_send_due_sends_it(world):
    now = datetime.now(UTC)
    message = compose(world.ctx(now=now), _alert(send_after=now + timedelta(hours=2)))
    assert message.status == "Approved" and world.slack.requests == []
    send_due(world.ctx(now=now + timedelta(hours=1)))
    assert world.slack.requests == []
    send_due(world.ctx(now=now + timedelta(hours=2, minutes=1)))
    assert len(world.slack.posts) == 1 and _get(world, message.id).status == "Sent"


def test_send_after__any_later_message_event_also_sends_what_has_come_due(world):
    now = datetime.now(UTC)
    due = compose(world.ctx(now=now), _alert("alert:due", send_after=now + timedelta(minutes=5)))
    other = compose(world.ctx(now=now), _nurture(_lead(world)))
    _coach_sets(world, other.id, "Approved")
    world.server.clear_requests()
    _webhook_event(world, other.id, now=now + timedelta(minutes=6))
    assert _get(world, due.id).status == "Sent" and _get(world, other.id).status == "Sent"
    # The Approved messages were read in the same request as the approved one, not listed again after.
    table = world.table("Messages").id
    reads = [str(r["query"]) for r in world.server.requests() if r["method"] == "GET" and table in r["path"]]
    assert len(reads) >= 3  # the event's read, and each claim's fresh read and read-back
    assert not [q for q in reads if "RECORD_ID" not in q], reads


def test_compose__again_with_the_same_key_updates_the_draft_never_adds_one(world):
    lead = _lead(world)
    first = compose(world.ctx(), _nurture(lead))
    second = compose(world.ctx(), _nurture(lead, subject="A better subject"))
    assert second.id == first.id and second.subject == "A better subject"
    assert len(world.table("Messages").all()) == 1


def test_compose__again_never_puts_back_to_draft_what_the_coach_approved_meanwhile(world, monkeypatch):
    """Two automations compose the same key a moment apart (an associate set Inactive, then the client
    flagged for reassignment); the coach approves the first draft between the second's read and its write."""
    from automation.messages.store import MessageStore

    lead = _lead(world)
    first = compose(world.ctx(), _nurture(lead))
    save = MessageStore.save

    def coach_approves_first(self, fields, along=()):
        _coach_sets(world, first.id, "Approved")
        return save(self, fields, along)

    monkeypatch.setattr(MessageStore, "save", coach_approves_first)
    second = compose(world.ctx(), _nurture(lead, subject="A better subject"))
    monkeypatch.setattr(MessageStore, "save", save)
    stored = _get(world, first.id)
    assert second.id == first.id and (stored.status, stored.subject) == ("Approved", "A better subject")


def test_compose__again_after_it_was_sent_returns_it_unchanged_and_sends_nothing(world):
    first = compose(world.ctx(), _alert())
    again = compose(world.ctx(), _alert(subject="Changed"))
    assert again.id == first.id and again.status == "Sent" and again.subject == first.subject
    assert len(world.slack.posts) == 1 and len(world.table("Messages").all()) == 1


def test_compose__links_the_related_records(world):
    lead = _lead(world)
    message = compose(world.ctx(), _nurture(lead))
    assert message.lead == [lead]
    assert world.table("Leads").get(lead)["fields"]["Messages"] == [message.id]


def test_coach_edit__body_edited_before_approval_is_what_goes_out_in_both_versions(world):
    draft = compose(world.ctx(), _nurture(_lead(world)))
    edited = "Hi Jo,\n\nI rewrote this myself & it is shorter.\n\nSarah"
    world.table("Messages").update(draft.id, {"Body": edited, "Status": "Approved"})
    _webhook_event(world, draft.id)
    text, html = (c["value"] for c in world.sendgrid.sends[0].json()["content"])
    assert text.startswith(edited) and "Unsubscribe: https://coach.example/api/unsubscribe" in text
    assert "I rewrote this myself &amp; it is shorter." in html and "first 90 days go fast" not in html


def test_stuck__a_message_left_sending_is_surfaced_once_and_never_resent(world):
    now = datetime.now(UTC)
    message = compose(world.ctx(), _nurture(_lead(world)))
    world.table("Messages").update(
        message.id,
        {
            "Status": "Sending",
            "Claim Token": "crashed-run",
            "Claimed At": (now - timedelta(hours=1)).isoformat(),
        },
    )
    send_due(world.ctx(now=now))
    send_due(world.ctx(now=now))
    stuck = _get(world, message.id)
    assert stuck.status == "Sending" and stuck.error.startswith("Stuck in Sending since")
    # since when, on the coach's clock with its zone (the business's; not UTC)
    claimed = (now - timedelta(hours=1)).astimezone(world.ctx().tz)
    # in words as she writes a date ("since Mon 7 Dec, 14:05 GMT"), not "2026-12-07 14:05"
    assert f"since {claimed:%a} {claimed.day} {claimed:%b}, {claimed:%H:%M} " in stuck.error, stuck.error
    assert " UTC:" not in stuck.error and str(claimed.year) not in stuck.error, stuck.error
    assert world.sendgrid.sends == []
    (alert,) = world.slack.posts  # surfaced once, on Slack
    assert "1 message(s) stuck in Sending" in alert.json()["text"]


def test_outcome_unknown__a_timeout_leaves_it_sending_with_the_reason_never_resent(world):
    world.sendgrid.then(Reply(202, "", {"X-Message-Id": "late"}, delay_s=6))
    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id, budget_s=5)  # the attempt's timeout is bounded by the budget
    _webhook_event(world, draft.id)
    left = _get(world, draft.id)
    assert left.status == "Sending" and "may have been sent" in left.error
    assert len(world.sendgrid.sends) == 1


def test_compose_send_false__a_batch_is_claimed_in_one_write_and_sent_together(world):
    ctx = world.ctx()
    messages = [compose(ctx, _alert(f"alert:{i}"), send=False) for i in range(3)]
    assert {m.status for m in messages} == {"Approved"} and world.slack.requests == []
    world.server.clear_requests()
    results = deliver(ctx, messages)
    assert [d.result for d in results] == ["sent"] * 3 and len(world.slack.posts) == 3
    patches = [r for r in world.writes() if r["method"] == "PATCH"]
    assert len(patches) == 2  # one claim write and one result write, for all three


def test_compose__a_marketing_email_without_app_secret_names_the_missing_setting(world):
    from automation.errors import ConfigError

    lead = _lead(world)
    with pytest.raises(ConfigError, match="APP_SECRET"):
        compose(world.ctx(app_secret=None), _nurture(lead))
    assert world.table("Messages").all() == []


def test_catalog__the_messages_module_loads_with_its_automation_and_cron_job():
    from automation.events.catalog import build_plan

    plan = build_plan(("automation.messages.automations",))
    assert plan.automation("deliver-approved-messages").triggers == {"status", "send_after"}
    assert plan.job("send-due").handler is send_due


def test_claim_under_production_pacing__a_job_batch_is_held_and_sent_not_abandoned(world):
    """At the app's default pacing (2 calls a second) and settle (1.5 s), a cron job that has just listed
    its tables delivers 25 messages: each claim's read and write must leave back to back, or the pacing
    between them spends the settle time and every message is abandoned, left Sending (the day's demo
    found 32 reminders so). Sent once each, none left Sending."""
    from automation.config import Config

    world.settings["messages.claim_settle_s"] = "1.5"  # production's default
    messages = [compose(world.ctx(), _alert(f"alert:{i}"), send=False) for i in range(25)]
    rate = Config.model_fields["airtable_rate_per_s"].default
    ctx = world.ctx(airtable_rate_per_s=rate, budget_s=120)
    for _ in range(3):  # the job's listings, just before it delivers
        ctx.gateway.all(Message, max_records=1)
    results = deliver(ctx, messages)
    assert [d.result for d in results] == ["sent"] * 25, {d.result for d in results}
    assert len(world.slack.posts) == 25
    assert {m["fields"]["Status"] for m in world.table("Messages").all()} == {"Sent"}


def test_compose_sends_now__the_dedupe_read_and_the_upsert_are_the_claim(world):
    """An alert composed to go at once: its dedupe-key read stands in for the claim's fresh read and its
    upsert writes Sending with the token; the upsert created the message, so the claim is held without a
    read-back (claim.py): a read, the upsert and the Sent write, three calls fewer than storing it Approved
    and claiming it after (a read, a write and the read-back)."""
    world.server.clear_requests()
    sent = compose(world.ctx(), _alert("alert:once"))
    calls = [
        (r["method"], r["path"]) for r in world.server.requests() if f"/v0/{world.base_id}/" in r["path"]
    ]
    assert sent.status == "Sent" and len(world.slack.posts) == 1
    assert [m for m, _ in calls] == ["GET", "PATCH", "PATCH"], calls
    again = compose(world.ctx(), _alert("alert:once"))  # composed again: found Sent, nothing sent
    assert again.status == "Sent" and len(world.slack.posts) == 1


def test_compose_sends_now__two_composes_of_one_key_racing_send_it_once(world, monkeypatch):
    """Both read "no such message" before either writes (forced with a barrier), both upsert Sending with
    their own token: the upsert that created the message sends it; the other updated a message it had
    found absent, so it sends nothing."""
    from automation.messages.store import MessageStore

    barrier = threading.Barrier(2, timeout=10)
    read = MessageStore.by_dedupe_key

    def read_then_wait(self, key):
        found = read(self, key)
        barrier.wait()
        return found

    monkeypatch.setattr(MessageStore, "by_dedupe_key", read_then_wait)
    results = _in_two_instances(world, lambda ctx: compose(ctx, _alert("alert:race")))
    assert len(world.slack.posts) == 1
    (stored,) = world.table("Messages").all()
    assert stored["fields"]["Status"] == "Sent"
    assert [r.status for r in results.values()].count("Sent") == 1  # the other was told it did not send


def test_compose_sends_now__a_claiming_upsert_applied_twice_sends_nothing_and_leaves_it_to_be_surfaced(
    world, monkeypatch
):
    """Airtable applied the claiming upsert but the answer was lost (a timeout, a 5xx), and the retry is
    answered "updated": we cannot tell our own create from another delivery's, so nothing is sent (never
    twice); the message stays Sending with our token and is surfaced as stuck, for the coach to check."""
    from automation.messages.store import MessageStore
    from automation.messages.stuck import STUCK_NOTE, surface_stuck

    save = MessageStore.save

    def applied_then_retried(self, fields, along=()):
        save(self, fields, along)  # applied; its answer never arrived
        return save(self, fields, along)  # the retry's answer: the record was updated

    monkeypatch.setattr(MessageStore, "save", applied_then_retried)
    message = compose(world.ctx(), _alert("alert:retried"))
    monkeypatch.setattr(MessageStore, "save", save)
    assert world.slack.posts == []
    stored = _get(world, message.id)
    assert stored.status == "Sending" and stored.claim_token not in (None, "queued")
    later = world.ctx(now=datetime.now(UTC) + timedelta(hours=1))
    assert surface_stuck(later, MessageStore(later.gateway), older_than=timedelta(minutes=30)) == [message.id]
    assert STUCK_NOTE in (_get(world, message.id).error or "")


def test_compose_sends_now__a_draft_deleted_and_the_message_created_by_another_meanwhile_is_not_ours(
    world, monkeypatch
):
    """We read a Draft of the key; before our claiming upsert the coach deletes it and another delivery
    creates the message (Sending, its token: it holds it from its create and sends). Our upsert updates
    that new record, not the Draft we read: not ours, nothing sent (the ordinary settle and read-back would
    find our own token, written over the creator's, and send it a second time)."""
    from automation.messages.store import MessageStore

    messages = world.table("Messages")
    row = {"Title": "Health Alert", "Kind": "Health Alert", "Channel": "Slack", "Recipient": "#coaching-ops",
           "Dedupe Key": "alert:gone"}  # fmt: skip
    draft = messages.create({**row, "Status": "Draft", "Body": "x"})
    save = MessageStore.save
    created_by_another: list[str] = []

    def meanwhile(self, fields, along=()):
        messages.delete(draft["id"])
        other = messages.create({**row, "Status": "Sending", "Claim Token": "another-delivery"})
        created_by_another.append(other["id"])
        return save(self, fields, along)

    monkeypatch.setattr(MessageStore, "save", meanwhile)
    message = compose(world.ctx(), _alert("alert:gone"))
    assert message.id == created_by_another[0]
    assert world.slack.posts == []  # the other delivery sends it, not us
    assert _get(world, message.id).status == "Sending"


def test_approval_at_production_settle__the_events_read_is_the_claims_and_screening_runs_as_it_settles(world):
    """With the production settle (1.5 s) the runner's read of the message the coach just approved was sent
    well under settle / 2 before the claim: it stands in for the claim's fresh read (claim.py). Messages:
    that read, the claim write, the read-back, the Sent write; Leads and Clients are read once each (who
    may receive it) while the claim settles."""
    world.settings["messages.claim_settle_s"] = "1.5"
    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Approved")
    world.server.clear_requests()
    _webhook_event(world, draft.id)
    tables = {world.table(t).id: t for t in ("Messages", "Leads", "Clients")}
    calls = [
        (r["method"], tables.get(r["path"].split("?")[0].rsplit("/", 1)[-1], r["path"]))
        for r in world.server.requests()
        if f"/v0/{world.base_id}/" in r["path"]
    ]
    assert calls.count(("GET", "Messages")) == 2 and calls.count(("PATCH", "Messages")) == 2, calls
    assert calls.count(("GET", "Leads")) == 1 and calls.count(("GET", "Clients")) == 1, calls
    assert len(world.sendgrid.sends) == 1 and _get(world, draft.id).status == "Sent"


def test_approval__screening_emails_to_several_spellings_reads_leads_and_clients_once_each(world):
    """The send-time screening finds every spelling of each recipient's mailbox in its one read per table."""
    drafts = [
        _approved_first_touch(world, e) for e in ("j.o+a@gmail.com", "ann+b@corp.example", "bo@x.example")
    ]
    said_no = _lead(world, email="jo@gmail.com", Status="Unsubscribed")
    client = world.table("Clients").create({"Name": "Ann", "Email": "Ann@Corp.example", "Status": "Active"})
    for d in drafts:
        _coach_sets(world, d.id, "Approved")
    world.server.clear_requests()
    deliver(world.ctx(), [_get(world, d.id) for d in drafts])
    tables = {world.table(t).id: t for t in ("Leads", "Clients")}
    reads = [
        tables[table]
        for r in world.server.requests()
        if r["method"] == "GET" and (table := r["path"].split("?")[0].rsplit("/", 1)[-1]) in tables
    ]
    assert sorted(reads) == ["Clients", "Leads"], reads
    got = [_get(world, d.id) for d in drafts]
    assert [m.status for m in got] == ["Cancelled", "Cancelled", "Sent"]
    assert got[0].error == f"Not sent: recipient unsubscribed (lead {said_no})"
    assert (
        got[1].error == f"Not sent: Ann is a current client: write to them yourself (client {client['id']})"
    )


def test_approval__a_lead_who_unsubscribed_meanwhile_is_cancelled_after_the_claim_not_sent(world):
    world.settings["messages.claim_settle_s"] = "1.5"
    lead = _lead(world)
    draft = compose(world.ctx(), _nurture(lead))
    world.table("Leads").update(lead, {"Status": "Unsubscribed"})
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    stored = _get(world, draft.id)
    assert world.sendgrid.sends == [] and stored.status == "Cancelled" and "unsubscribed" in stored.error
    assert stored.claim_token is None


@pytest.mark.parametrize(
    ("kind", "since", "why"),
    [
        ("First Touch", {"Status": "Converted"}, "Jo Bloggs became a client (lead Converted)"),
        ("Nurture Email", {"Status": "Lost"}, "Jo Bloggs is marked Lost"),
        ("Nurture Email", {"Status": "Qualified"}, "Jo Bloggs has an open deal (lead Qualified)"),
        ("First Touch", {"Status": "Engaged", "Replies": 1}, "Jo Bloggs replied or met you on"),
        ("Nurture Email", {"Meetings": 1}, "Jo Bloggs replied or met you on"),
    ],
)
def test_approval__marketing_its_lead_outgrew_while_it_waited_is_cancelled_with_why_not_sent(
    world, kind, since, why
):
    # The coach back from a fortnight away approves her whole queue before the daily job has tidied it:
    # the send-time check stops what the lead outgrew (a client now, Lost, in a deal, answered her).
    lead = _lead(world, Status="Contacted")
    draft = compose(world.ctx(), _nurture(lead, kind=kind))
    assert draft.status == "Draft"
    engaged = (
        {"Last Engagement": world.ctx().today().isoformat()} if {"Replies", "Meetings"} & set(since) else {}
    )
    world.table("Leads").update(lead, {**since, **engaged})
    stored = _sent_after_approval(world, draft)
    assert world.sendgrid.sends == [] and not list(world.outbox.rglob("*.json"))
    assert stored.status == "Cancelled" and stored.error.startswith(f"Not sent: {why}"), stored.error


def test_approval__marketing_to_a_lead_who_engaged_before_it_was_drafted_still_goes(world):
    lead = _lead(world, Status="Contacted", Replies=1, **{"Last Engagement": "2020-01-06"})
    stored = _sent_after_approval(world, compose(world.ctx(), _nurture(lead)))
    assert stored.status == "Sent", stored.error


def test_approval__when_who_may_receive_cannot_be_read_the_message_is_given_back_approved(world, monkeypatch):
    from automation.errors import AirtableError
    from automation.messages.store import MessageStore

    def down(self, *args):
        raise AirtableError("Airtable answered 503")

    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Approved")
    monkeypatch.setattr(MessageStore, "people", down)
    ctx = world.ctx()
    with pytest.raises(AirtableError):
        deliver(ctx, [ctx.gateway.get(Message, draft.id)])
    stored = _get(world, draft.id)
    # Approved again, queued for send-due (not for the coach's Airtable Automation: no retry loop on it)
    assert world.sendgrid.sends == [] and (stored.status, stored.claim_token) == ("Approved", "queued")


def test_a_message_given_back_unsent_is_queued_so_the_coachs_automation_does_not_loop_on_it(world):
    """A delivery that cannot send (here: APP_SECRET missing for the unsubscribe link) gives the message back
    Approved with Claim Token "queued": the base's Airtable Automation fires on Approved messages whose token
    is not "queued", so a cause that persists cannot bounce the message between it and the functions."""
    from automation.errors import ConfigError

    lead = _lead(world)
    draft = compose(world.ctx(), _nurture(lead))
    _coach_sets(world, draft.id, "Approved")
    approved = _get(world, draft.id)
    assert (approved.status, approved.claim_token) == ("Approved", None)  # the coach's: the automation fires
    with pytest.raises(ConfigError, match="APP_SECRET"):
        deliver(world.ctx(app_secret=None), [approved])
    back = _get(world, draft.id)
    assert (back.status, back.claim_token, back.claimed_at) == ("Approved", "queued", None)
    assert world.sendgrid.sends == []
    results = deliver(world.ctx(), [back])  # send-due, once the setting is fixed, sends it
    assert [d.result for d in results] == ["sent"] and len(world.sendgrid.sends) == 1


def test_compose__an_auto_send_message_it_leaves_approved_is_queued(world):
    """Stored Approved for the caller's batch (send=False) or a later Send After: queued for our own
    delivery, so the coach's Airtable Automation spends no run racing it."""
    message = compose(world.ctx(), _alert("alert:queued"), send=False)
    assert (message.status, message.claim_token) == ("Approved", "queued")
    assert [d.result for d in deliver(world.ctx(), [message])] == ["sent"]
    assert _get(world, message.id).status == "Sent"


def test_who_may_receive__a_nurture_email_whose_lead_was_deleted_is_cancelled_not_sent_unsubscribable(world):
    # The coach deleted the lead (spam, or an erasure request) while its email waited, then approved the
    # queue: the email now links nobody, so it could carry no unsubscribe link. It is not sent, and says why.
    lead = _lead(world, email="gone@acme.example")
    draft = compose(world.ctx(), _nurture(lead, email="gone@acme.example"))
    assert draft.status == "Draft"
    world.table("Leads").delete(lead)
    assert _get(world, draft.id).lead == []  # Airtable drops links to a deleted record
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    _webhook_event(world, draft.id)  # a re-sent ping changes nothing
    after = _get(world, draft.id)
    assert world.sendgrid.sends == []
    assert after.status == "Cancelled" and "links no lead or client" in (after.error or "")


def _session_notes(client_id, session_id, email="ann@corp.example", **changes):
    values = dict(
        kind="Session Notes",
        channel="Email",
        recipient=email,
        recipient_name="Ann Lee",
        subject="Notes from our session",
        template="letter",
        data={"greeting": "Hi Ann,", "body": "What we covered.", "signoff": "Best,"},
        links={"client": client_id, "session": session_id},
        dedupe_key=f"{session_id}:notes",
    )
    return Draft(**{**values, **changes})


@pytest.mark.parametrize("deleted", ["Clients", "Coaching Sessions"])
def test_who_may_receive__notes_about_a_client_or_session_deleted_since_are_cancelled_with_why(
    world, deleted
):
    # The coach deleted the client (or the session) while its notes waited in the Approval Queue, then
    # approved the queue: nothing is sent about a record that no longer exists, whatever its kind's consent.
    client = world.table("Clients").create({"Name": "Ann Lee", "Email": "ann@corp.example"})["id"]
    session = world.table("Coaching Sessions").create({"Client": [client]})["id"]
    draft = compose(world.ctx(), _session_notes(client, session))
    assert draft.status == "Draft"
    world.table(deleted).delete(client if deleted == "Clients" else session)
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    send_due(world.ctx())  # nor by the daily job

    after = _get(world, draft.id)
    assert world.sendgrid.sends == []
    gone = "client" if deleted == "Clients" else "session"
    assert after.status == "Cancelled" and f"the {gone} this Session Notes" in (after.error or "")
    assert "no longer exists" in after.error


@pytest.mark.parametrize(
    ("kind", "since", "why"),
    [
        (
            "Session Notes",
            {"Status": "Cancelled"},
            "the session is no longer Completed (it is Cancelled now)",
        ),
        (
            "Satisfaction Survey",
            {"Status": "No-show"},
            "the session is no longer Completed (it is No-show now)",
        ),
        ("Satisfaction Survey", {"Satisfaction": 5}, "the session's rating was filled in"),
    ],
)
def test_approval__notes_or_a_survey_whose_session_changed_while_it_waited_are_cancelled_with_why(
    world, kind, since, why
):
    # Approved before the session's own change-time check ran (a coach back from a fortnight away approves
    # her whole queue): checked again at send time from the session as it is now; a right one still goes.
    # Her surveys wait for approval here (taken off the auto-send kinds, as a coach may).
    world.settings["messages.auto_send_kinds"] = json.dumps(["Health Alert"])
    client = world.table("Clients").create({"Name": "Ann Lee", "Email": "ann@corp.example"})["id"]
    changed, kept = (
        world.table("Coaching Sessions").create({"Client": [client], "Status": "Completed"})["id"]
        for _ in "ab"
    )
    drafts = [
        compose(world.ctx(), _session_notes(client, sid, kind=kind, dedupe_key=f"{sid}:{kind}"))
        for sid in (changed, kept)
    ]
    world.table("Coaching Sessions").update(changed, since)
    for d in drafts:
        _coach_sets(world, d.id, "Approved")
    send_due(world.ctx())
    stale, right = (_get(world, d.id) for d in drafts)
    assert stale.status == "Cancelled" and stale.error == f"Not sent: {why}", stale.error
    assert right.status == "Sent" and len(world.sendgrid.sends) == 1


def test_who_may_receive__a_message_the_coach_wrote_herself_is_not_judged_by_its_kinds_links(world):
    # Her own email (no Dedupe Key) of a kind the functions link to a client goes where she addressed it.
    mid = world.table("Messages").create(
        {
            "Kind": "Session Notes",
            "Channel": "Email",
            "Recipient": "ann@corp.example",
            "Subject": "Hello",
            "Body": "A note of my own.",
            "Status": "Approved",
        }
    )["id"]
    _webhook_event(world, mid)
    assert _get(world, mid).status == "Sent" and len(world.sendgrid.sends) == 1


def _sent_nurture(world):
    """A nurture email approved and sent once; its fields as the coach sees them."""
    draft = compose(world.ctx(), _nurture(_lead(world)))
    _coach_sets(world, draft.id, "Approved")
    _webhook_event(world, draft.id)
    assert len(world.sendgrid.sends) == 1
    return draft.id, world.table("Messages").get(draft.id)["fields"]


def test_already_sent__a_sent_message_set_back_to_approved_is_not_sent_again_and_says_why(world):
    message, fields = _sent_nurture(world)
    _coach_sets(world, message, "Approved")
    _webhook_event(world, message)
    send_due(world.ctx())  # nor by the daily job

    assert len(world.sendgrid.sends) == 1
    refused = _get(world, message)
    assert refused.status == "Failed" and "already sent" in refused.error
    assert refused.provider_id == fields["Provider ID"] and refused.sent_at is not None  # the trail stays


def test_already_sent__airtables_duplicate_of_a_sent_message_approved_is_not_sent_again(world):
    message, fields = _sent_nurture(world)
    # "Duplicate record" copies every editable field: Status Sent, Sent At, Provider ID, Claim Token, key.
    editable = {k: v for k, v in fields.items() if k not in ("Created At",)}
    copy = world.table("Messages").create({**editable, "Status": "Approved"})["id"]
    _webhook_event(world, copy)
    send_due(world.ctx())

    assert len(world.sendgrid.sends) == 1
    refused = _get(world, copy)
    assert refused.status == "Failed" and "already sent" in refused.error
    assert _get(world, message).status == "Sent"


def test_already_sent__cleared_sent_at_is_the_coachs_way_to_send_it_again_once(world):
    message, _ = _sent_nurture(world)
    world.table("Messages").update(message, {"Sent At": None, "Status": "Approved"})
    _webhook_event(world, message)
    _webhook_event(world, message)

    assert len(world.sendgrid.sends) == 2
    assert _get(world, message).status == "Sent"
