"""Hostile strings in every field the website form fills end in exactly the right records: formula
injection in an address (quotes, braces, `=`) finds only its own lead, markup and control characters are
stored as text, and nothing else in the base changes. Over real HTTP: the app as a uvicorn process, the
local Airtable server evaluating the very formulas production sends."""

from __future__ import annotations

import requests

from tests.events.harness import wait_for

HOSTILE = {
    "name": 'Zoë "Bobby" O\'Neil-Tables\u200b',
    "company": '=HYPERLINK("http://evil.example","x") & {Email}',
    "title": "<script>alert('x')</script> Director",
    "message": "'), TRUE(), ('\n\x1b[31mred\x1b[0m\u202eevil" + "x" * 3000,
    "phone": "+1 (555) 010-\u0661\u0662",
    "source_detail": "{Lead Source} = 'Referral'",
}
# Valid addresses that carry every character a formula cares about.
ADDRESSES = ["o'neil@tables.example", "x{a}=b'@quote.example", "a'&'b@join.example"]


def _post(world, form: dict, ip: str) -> int:
    url = world.apps[0].url + "/api/leads"
    return requests.post(url, json=form, headers={"X-Real-IP": ip}, timeout=60).status_code


def test_hostile_form_values__stored_as_text_each_address_finds_only_its_own_lead(e2e_world) -> None:
    leads = e2e_world.table("Leads")
    bystander = leads.create({"Name": "Bystander", "Email": "tables.example@other.example"})
    before = wait_for(  # its own processing done first: what follows must not touch it
        lambda: (f := leads.get(bystander["id"])["fields"]).get("Scored At") and f, 30, "the bystander scored"
    )
    for n, address in enumerate(ADDRESSES):
        assert _post(e2e_world, {**HOSTILE, "email": address}, f"192.0.2.{n}") == 202
    for n, address in enumerate(ADDRESSES):  # the same people again: their known lead notes the enquiry
        assert _post(e2e_world, {**HOSTILE, "email": address.upper()}, f"192.0.2.{n}") == 202
    mine = [r for r in leads.all() if r["fields"].get("Email") in ADDRESSES]
    assert sorted(r["fields"]["Email"] for r in mine) == sorted(ADDRESSES)  # one lead each, none merged
    for r in mine:
        f = r["fields"]
        assert f["Name"] == 'Zoë "Bobby" O\'Neil-Tables\u200b'  # text as typed (trimmed only)
        assert (f["Company"], f["Title"]) == (HOSTILE["company"], HOSTILE["title"])
        assert f["Notes"].count("enquiry") == 2  # both posts reached this lead, and only this one
    wait_for(lambda: all(leads.get(r["id"])["fields"].get("Scored At") for r in mine), 30, "all scored")
    assert leads.get(bystander["id"])["fields"] == before  # nothing else touched
