"""A form that reads as spam (spam.py), over real HTTP against the local server: it costs one read and one
write of Leads and nothing else (no scoring, no drafts, no run record); the coach sees it as a Lost lead
whose Next Action says how to release it; releasing it (Status back to New) makes it an ordinary new lead,
scored with its first-touch draft through the webhook; the same address again adds no second lead."""

from __future__ import annotations

import pytest
import requests

from tests.events import harness
from tests.events.harness import wait_for
from tests.leads.http_world import LEADS_CATALOG

PITCH = {
    "name": "Jessica",
    "email": "jessica@rankfast.example",
    "message": "Your site is not on the first page of Google. We can boost your organic traffic: https://rank.example",
}


@pytest.fixture
def world(tmp_path):
    from scripts.localbase.testing import LocalBaseServer

    with LocalBaseServer(timing_scale=0.01) as srv:
        w = harness.World(srv, catalog=LEADS_CATALOG, extra_env={"OUTBOX_DIR": str(tmp_path / "outbox")})
        yield w
        w.close()


def _post(world, form: dict) -> int:
    url = world.apps[0].url + "/api/leads"
    return requests.post(url, json=form, headers={"X-Real-IP": "203.0.113.9"}, timeout=60).status_code


def _record_calls(world) -> list[tuple[str, str]]:
    """The app's requests to tables (payload lists of webhooks left out: the server's ping of any write)."""
    return [(r["method"], r["path"]) for r in world.app_requests() if "/webhooks/" not in r["path"]]


def test_spam_hold__one_read_one_write_then_released_by_the_coach(world) -> None:
    world.quiet()  # pings held back from here
    assert _post(world, {**PITCH, "email": "warm@up.example"}) == 202  # the instance reads Settings (cached)
    world.srv.clear_requests()
    assert _post(world, PITCH) == 202  # what follows is the form's own cost
    calls = _record_calls(world)
    leads_path = f"/v0/{world.base_id}/{world.table_id('Leads')}"
    assert [m for m, p in calls if p.startswith(leads_path)] == ["GET", "PATCH"], calls  # read, upsert
    assert len(calls) == 2, calls  # nothing else: no Messages, no Automation Runs, no System State
    (lead,) = [r for r in world.table("Leads").all() if r["fields"].get("Email") == PITCH["email"]]
    f = lead["fields"]
    assert f["Status"] == "Lost" and f["Next Action"].startswith("Possible spam held by the website form")
    assert "first page of google" in f["Notes"] and PITCH["message"] in f["Notes"]
    assert "Scored At" not in f and not world.table("Messages").all()

    world.srv.clear_requests()
    assert _post(world, {**PITCH, "message": "Last chance: click here https://rank.example/offer"}) == 202
    assert len(_record_calls(world)) == 2  # the known address: its Notes, still no second lead
    (again,) = [r for r in world.table("Leads").all() if r["fields"].get("Email") == PITCH["email"]]
    assert again["id"] == lead["id"] and again["fields"]["Notes"].count("Held as possible spam") == 2

    world.srv.set_faults(drop_notifications=False)
    world.table("Leads").update(lead["id"], {"Status": "New"})  # the coach: a real enquiry after all
    released = wait_for(
        lambda: (x := world.table("Leads").get(lead["id"])["fields"]).get("Scored At") and x, 30, "scored"
    )
    assert released["Status"] in ("New", "Contacted") and released.get("Score Tier")
    wait_for(
        lambda: [m for m in world.table("Messages").all() if m["fields"].get("Kind") == "First Touch"],
        30,
        "the first-touch draft",
    )


def test_spam_hold__an_enquiry_is_not_held(world) -> None:
    form = {
        "name": "Priya Raman",
        "email": "priya@northwind.example",
        "title": "VP Operations",
        "message": "Newly promoted, struggling to delegate. Our site: https://northwind.example",
    }
    assert _post(world, form) == 202
    (lead,) = [r for r in world.table("Leads").all() if r["fields"].get("Email") == form["email"]]
    assert lead["fields"]["Status"] == "New" and lead["fields"].get("Scored At")


def test_shadow_mode__a_website_enquiry_is_kept_and_only_its_automations_are_previewed(tmp_path) -> None:
    """Shadow previews what the automations would do; the prospect's enquiry itself (and a held one) is her
    data, not theirs: it is in Leads, unscored and undrafted, for the daily leads job once Live."""
    from scripts.localbase.testing import LocalBaseServer

    with LocalBaseServer(timing_scale=0.01) as srv:
        w = harness.World(
            srv,
            catalog=LEADS_CATALOG,
            extra_env={"OUTBOX_DIR": str(tmp_path / "outbox")},
            settings={"general.automation_mode": "Shadow"},
        )
        try:
            form = {"name": "Ana Ruiz", "email": "ana@empresa.example", "company": "Empresa", "title": "CEO"}
            assert _post(w, form) == 202
            assert _post(w, PITCH) == 202
            leads = {r["fields"].get("Email"): r["fields"] for r in w.table("Leads").all()}
            assert set(leads) == {"ana@empresa.example", PITCH["email"]}
            assert "Scored At" not in leads["ana@empresa.example"]
            assert leads[PITCH["email"]]["Status"] == "Lost"
            assert not w.table("Messages").all() and not list((tmp_path / "outbox").rglob("*.*"))
            assert _post(w, {**form, "message": "Any news?"}) == 202  # a known address: her Notes grow
            (ana,) = [r for r in w.table("Leads").all() if r["fields"].get("Email") == form["email"]]
            assert "Any news?" in ana["fields"]["Notes"] and not w.table("Messages").all()
        finally:
            w.close()
