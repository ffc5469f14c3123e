"""filterByFormula end to end: pyairtable -> HTTP -> the local server -> formula.py, and back.

One server and base for the module (every test only reads, except the clock test, which puts the clock back).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import requests
from pyairtable import formulas as F

from scripts.localbase.testing import LocalBaseServer
from tests.localbase.test_formula_roundtrip import HOSTILE

DAY = 86_400


@pytest.fixture(scope="module")
def env() -> Iterator[dict[str, Any]]:
    with LocalBaseServer(rate_limit=0) as srv:
        base_id = srv.create_base(
            "Formulas",
            [
                {
                    "name": "Clients",
                    "fields": [
                        {"name": "Name", "type": "singleLineText"},
                        {"name": "Email", "type": "email"},
                        {"name": "Age", "type": "number", "options": {"precision": 0}},
                        {
                            "name": "Done",
                            "type": "checkbox",
                            "options": {"icon": "check", "color": "greenBright"},
                        },
                        {"name": "Due", "type": "date", "options": {"dateFormat": {"name": "iso"}}},
                    ],
                }
            ],
        )
        api = srv.api()
        base = api.base(base_id)
        clients = base.table("Clients")
        today = srv.lb.clock.now().date()
        rows = [
            {"Name": s, "Email": f"user{i}@example.com", "Age": i, "Due": (today.replace(day=1)).isoformat()}
            for i, s in enumerate(HOSTILE)
            if s.strip()  # Airtable keeps " " but a blank-looking name makes expectations noisy
        ]
        rows.append({"Name": "control", "Email": 'josh@example.com", ""="', "Done": True})
        created = clients.batch_create(rows)
        by_name = {r["fields"].get("Name"): r["id"] for r in created}
        sessions = base.create_table(
            "Sessions",
            fields=[
                {"name": "Title", "type": "singleLineText"},
                {"name": "Client", "type": "multipleRecordLinks", "options": {"linkedTableId": clients.id}},
            ],
        )
        session_rows = sessions.batch_create(
            [
                {"Title": "one", "Client": [by_name["O'Brien"]]},
                {"Title": "two", "Client": [by_name["O'Brien"], by_name["control"]]},
                {"Title": "three"},
            ]
        )
        yield {
            "srv": srv,
            "clients": clients,
            "sessions": base.table("Sessions"),
            "by_name": by_name,
            "sessions_by_title": {r["fields"]["Title"]: r["id"] for r in session_rows},
        }


def _ids(records: list[dict[str, Any]]) -> set[str]:
    return {r["id"] for r in records}


@pytest.mark.parametrize("value", [s for s in HOSTILE if s.strip()], ids=lambda s: repr(s)[:40])
def test_all_with_hostile_eq_returns_exactly_that_record(env: dict[str, Any], value: str) -> None:
    got = env["clients"].all(formula=F.EQ(F.Field("Name"), value))
    assert _ids(got) == {env["by_name"][value]}


def test_injection_attempt_matches_nothing_it_should_not(env: dict[str, Any]) -> None:
    clients, attack = env["clients"], 'josh@example.com", ""="'
    assert _ids(clients.all(formula=F.match({"Name": "nobody", "Email": attack}, match_any=True))) == {
        env["by_name"]["control"]
    }
    assert clients.all(formula=F.match({"Name": attack, "Email": attack})) == []


def test_formula_by_field_id_and_bare_name(env: dict[str, Any]) -> None:
    clients = env["clients"]
    name_id = next(f.id for f in clients.schema().fields if f.name == "Name")
    assert _ids(clients.all(formula=f"{{{name_id}}} = 'control'")) == {env["by_name"]["control"]}
    assert _ids(clients.all(formula="AND(Done, Name = 'control')")) == {env["by_name"]["control"]}


def test_link_fields_read_as_primary_values(env: dict[str, Any]) -> None:
    sessions, titles = env["sessions"], env["sessions_by_title"]
    assert _ids(sessions.all(formula=F.EQ(F.Field("Client"), "O'Brien"))) == {titles["one"]}
    both = F.FIND("control", F.FunctionCall("ARRAYJOIN", F.Field("Client")))
    assert _ids(sessions.all(formula=both)) == {titles["two"]}
    assert _ids(sessions.all(formula="{Client} = BLANK()")) == {titles["three"]}


def test_today_follows_the_servers_clock(env: dict[str, Any]) -> None:
    clients, srv = env["clients"], env["srv"]
    formula = F.IS_AFTER(F.Field("Due"), F.TODAY())
    before = clients.all(formula=formula)
    srv.advance_clock(-40 * DAY)  # every Due (the 1st of this month) is now in the future
    try:
        after = clients.all(formula=formula)
    finally:
        srv.advance_clock(40 * DAY)
    assert before == []
    assert len(after) == len(env["by_name"]) - 1  # all but the control record, which has no Due
    assert _ids(clients.all(formula=F.LT(F.Field("Due"), date(9999, 1, 1)))) == set(
        env["by_name"].values()
    ) - {env["by_name"]["control"]}


def test_long_formula_goes_through_post_list_records(env: dict[str, Any]) -> None:
    clients, srv = env["clients"], env["srv"]
    wanted = sorted(env["by_name"].values())[:3]
    decoys = [f"rec{i:014d}" for i in range(700)]
    formula = F.OR(*(F.RECORD_ID().eq(r) for r in [*decoys, *wanted]))
    assert len(str(formula)) > 16_000  # pyairtable switches to POST /listRecords
    srv.clear_requests()
    assert _ids(clients.all(formula=formula)) == set(wanted)
    assert any(r["method"] == "POST" and r["path"].endswith("/listRecords") for r in srv.requests())


@pytest.mark.parametrize(
    "formula",
    ["{Name} = 'unterminated", "AND(", "IF(1)", "NOPE({Name})", "{Name} == 'x'", "{No such field} = 1"],
)
def test_invalid_formulas_are_422_invalid_filter_by_formula(env: dict[str, Any], formula: str) -> None:
    with pytest.raises(requests.HTTPError) as info:
        env["clients"].all(formula=formula)
    assert info.value.response.status_code == 422
    assert info.value.response.json()["error"]["type"] == "INVALID_FILTER_BY_FORMULA"
