"""The new-lead notice over HTTP: a captured lead → one email to the coach with score, tier and source."""

from __future__ import annotations

from datetime import timedelta

from automation.leads.capture import LeadForm, capture
from automation.models import Lead, Message
from automation.reports.automations import daily_brief
from automation.settings import settings_from_mapping

WARM = {
    "name": "Jane Doe",
    "email": "jane@acme.example",
    "company": "Acme",
    "title": "Director of HR",
    "company_size": 2000,
    "industry": "Technology",
    "timeline": "1-3 months",
    "source": "LinkedIn",
    "source_detail": "Post on delegation",
}
HOT = {**WARM, "name": "Omar Khan", "email": "omar@bank.example", "title": "CEO", "source": "Referral",
       "timeline": "Immediate", "industry": "Financial Services"}  # fmt: skip


def _capture(world, payload: dict, now=None) -> str:
    ctx = world.ctx(now=now)
    with ctx.run:
        return capture(ctx, LeadForm.model_validate(payload))[1]


def _kind(world, kind: str) -> list[Message]:
    return world.gw.all(Message, formula=world.gw.ref(Message, "kind").eq(kind))


def test_notice__each_new_lead_emails_the_coach_once_with_score_tier_and_source(world) -> None:
    lead_id = _capture(world, WARM)
    lead = world.gw.get(Lead, lead_id)
    _capture(world, {**WARM, "message": "Any news?"})  # the same lead again (a reply): no second notice
    notices = _kind(world, "New Lead Notice")
    assert len(notices) == 1
    n = notices[0]
    assert (n.channel, n.recipient, n.status, n.lead) == ("Email", "sarah@example.com", "Sent", [lead_id])
    assert f"{lead.lead_score:.0f} ({lead.score_tier})" in n.body
    assert "LinkedIn – Post on delegation" in n.body and lead.score_tier in n.subject
    assert not _kind(world, "Hot Lead Alert")  # a Warm lead: the email only


def test_notice__goes_in_one_request_with_the_first_touch_draft(world) -> None:
    """The first-touch draft waits for the next Messages upsert of the visit: the notice's (which stores
    it Sending with its claim token). Messages written twice in all: that upsert and the notice's Sent."""
    messages = f"/v0/{world.base_id}/{world.gw.table(Message).id}"
    since = len(world.calls())
    lead_id = _capture(world, WARM)
    writes = [
        c for c in world.calls()[since:] if (c["method"], c["path"].split("?")[0]) == ("PATCH", messages)
    ]
    assert len(writes) == 2, writes
    (draft,) = _kind(world, "First Touch")
    (notice,) = _kind(world, "New Lead Notice")
    assert (draft.status, draft.lead, notice.status, notice.lead) == ("Draft", [lead_id], "Sent", [lead_id])


def test_notice__a_hot_lead_gets_the_email_and_keeps_its_slack_alert(world) -> None:
    _capture(world, HOT)
    assert [m.channel for m in _kind(world, "New Lead Notice")] == ["Email"]
    assert [m.channel for m in _kind(world, "Hot Lead Alert")] == ["Slack"]
    assert "Hot" in _kind(world, "New Lead Notice")[0].subject


def test_notice__an_old_lead_re_scored_is_not_news(world) -> None:
    old = (world.ctx().now - timedelta(days=30)).date()
    world.gw.create(Lead, [{"name": "Old Timer", "email": "old@corp.example", "created_date": old,
                            "title": "CEO", "lead_source": "Referral"}])  # fmt: skip
    ctx = world.ctx()
    from automation.events.runner import Runner, Touch
    from automation.registry import load_catalog

    lead = world.gw.all(Lead)[0]
    with ctx.run:
        Runner(ctx, load_catalog().automations).run({"leads": {lead.id: Touch(created=True)}})
    assert world.gw.get(Lead, lead.id).score_tier is not None
    assert not _kind(world, "New Lead Notice")


def test_notice__digest_mode_sends_one_email_with_yesterdays_leads_from_the_brief(world) -> None:
    world.settings = settings_from_mapping(
        {"messages.claim_settle_s": "0.3", "reports.new_lead_notice": "digest"}
    )
    first = world.ctx().now
    for p in (WARM, HOT):
        _capture(world, p, now=first)
    assert not _kind(world, "New Lead Notice")  # nothing per lead
    for _ in range(2):  # the next morning, twice: one digest
        ctx = world.ctx(now=first + timedelta(days=1))
        with ctx.run:
            daily_brief(ctx)
    digests = _kind(world, "New Lead Notice")
    assert len(digests) == 1 and digests[0].status == "Sent"
    body = digests[0].body
    assert body.index("Omar Khan") < body.index("Jane Doe")  # Hot first
    assert "2 new leads" in digests[0].subject


def test_notice__leads_that_come_in_together_get_one_email_between_them(world) -> None:
    """An import (a conference list) of six leads in one change: all scored, one notice listing them, best
    first, sent once however often the change is replayed; a few Messages writes, not two per lead."""
    from automation.events.runner import Runner, Touch
    from automation.registry import load_catalog

    rows = [
        {
            "name": f"Guest {n}",
            "email": f"guest{n}@expo.example",
            "title": title,
            "lead_source": "Networking Event",
        }
        for n, title in enumerate(["CEO", "Director of Sales", "Analyst", "VP People", "Founder", "Intern"])
    ]
    made = world.gw.create(Lead, rows)
    messages = f"/v0/{world.base_id}/{world.gw.table(Message).id}"
    since = len(world.calls())
    for _ in range(2):  # the change, and a replay of it
        ctx = world.ctx()
        with ctx.run:
            Runner(ctx, load_catalog().automations).run({"leads": {x.id: Touch(created=True) for x in made}})
    leads = world.gw.get_many(Lead, [x.id for x in made])
    assert all(x.score_tier for x in leads)
    (notice,) = _kind(world, "New Lead Notice")
    assert notice.status == "Sent" and sorted(notice.lead) == sorted(x.id for x in made)
    assert "6 new leads" in (notice.subject or "")
    body = notice.body or ""
    assert all(x.name in body for x in leads)
    best = max(leads, key=lambda x: x.lead_score or 0)
    worst = min(leads, key=lambda x: x.lead_score or 0)
    assert body.index(best.name) < body.index(worst.name)
    writes = [
        c for c in world.calls()[since:] if (c["method"], c["path"].split("?")[0]) == ("PATCH", messages)
    ]
    assert len(writes) <= 4, writes  # the notice's claim and Sent, the drafts' upserts: not 2 per lead


def test_notice__a_lead_of_an_import_closed_by_the_coach_gets_no_notice_of_its_own(world) -> None:
    """A lead announced in an import's one email and then unsubscribed (or marked Lost) is rescored, its tier
    drops; that is not a new lead to tell the coach about: she closed it herself."""
    from automation.events.runner import Runner, Touch
    from automation.registry import load_catalog

    rows = [
        {"name": f"Guest {n}", "email": f"guest{n}@expo.example", "title": "Head of Operations",
         "company_size": 300, "lead_source": "Networking Event"}
        for n in range(6)
    ]  # fmt: skip
    made = world.gw.create(Lead, rows)
    ctx = world.ctx()
    with ctx.run:
        Runner(ctx, load_catalog().automations).run({"leads": {x.id: Touch(created=True) for x in made}})
    (batch,) = _kind(world, "New Lead Notice")
    before = world.gw.get_many(Lead, [made[0].id, made[1].id])
    world.gw.update(Lead, [(before[0], {"status": "Unsubscribed"}), (before[1], {"status": "Lost"})])
    ctx = world.ctx()
    with ctx.run:
        Runner(ctx, load_catalog().automations).run(
            {"leads": {made[0].id: Touch(fields={"status"}), made[1].id: Touch(fields={"status"})}}
        )
    after = world.gw.get_many(Lead, [made[0].id, made[1].id])
    assert [x.score_tier for x in after] != [x.score_tier for x in before]  # rescored: the tier moved
    assert [m.id for m in _kind(world, "New Lead Notice")] == [batch.id]


def test_notice__a_current_clients_enquiry_says_so_and_promises_no_alert_or_first_touch(world) -> None:
    from automation.models import Client

    world.gw.create(Client, [{"name": "Omar Khan", "email": "omar@bank.example", "status": "Active"}])
    lead_id = _capture(world, {**HOT, "email": "Omar+Web@Bank.example"})
    (n,) = _kind(world, "New Lead Notice")
    assert n.lead == [lead_id] and "current client" in n.subject
    assert "Omar Khan, a current client," in n.body and "answer the enquiry yourself" in n.body
    assert (
        "Slack alert" not in n.body and not _kind(world, "Hot Lead Alert") and not _kind(world, "First Touch")
    )


def test_notice__shows_what_the_lead_wrote_and_that_she_was_a_client(world) -> None:
    """The coach answers from the notice: it carries the enquiry itself and, for a former client, says so
    (capture writes both into the lead's note)."""
    from automation.models import Client

    world.gw.create(
        Client, [{"name": "Beat Zürcher", "email": "beat@treuhand.example", "status": "Completed"}]
    )
    message = "Ich hätte gerne wieder ein paar Sitzungen mit Ihnen."
    lead_id = _capture(
        world, {**WARM, "name": "Beat Zürcher", "email": "beat@treuhand.example", "message": message}
    )
    (n,) = _kind(world, "New Lead Notice")
    assert n.lead == [lead_id]
    assert "from a former client (Completed)" in n.body and message in n.body
