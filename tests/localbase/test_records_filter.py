"""filterByFormula through the server: formulas from pyairtable.formulas, hostile input, links, the clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from pyairtable.formulas import AND, EQ, IS_BEFORE, OR, TODAY, Field, match

HOSTILE = [
    "O'Brien",
    'say "hi"',
    "back\\slash",
    "trailing\\",
    "{Name}",
    "brace } and {",
    'josh@example.com", ""="',
    "x' , TRUE(), '",
    "line\nbreak",
    "",
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_formula__hostile_values_match_exactly_one_record(clients: Any, value: str) -> None:
    clients.batch_create([{"Name": v} for v in HOSTILE if v] + [{"Notes": "no name"}])
    got = clients.all(formula=EQ(Field("Name"), value))  # "" matches only the record without a name
    assert len(got) == 1
    assert got[0]["fields"].get("Name", "") == value


def test_formula__or_injection_attempt_does_not_widen_the_match(clients: Any) -> None:
    clients.batch_create([{"Name": "a", "Email": "a@x.com"}, {"Name": "b", "Email": "b@x.com"}])
    hostile = 'nobody@x.com", ""="'
    assert clients.all(formula=OR(EQ(Field("Name"), "zz"), EQ(Field("Email"), hostile))) == []


def test_formula__match_and_comparisons(clients: Any) -> None:
    clients.batch_create(
        [
            {"Name": "a", "Score": 10, "Status": "Active"},
            {"Name": "b", "Score": 30, "Status": "Active"},
            {"Name": "c", "Score": 50, "Status": "Lead"},
        ]
    )
    got = clients.all(formula=match({"Status": "Active", "Score": (">=", 20)}))
    assert [r["fields"]["Name"] for r in got] == ["b"]


def test_formula__field_ids_and_bare_names_resolve(clients: Any, srv: Any, base_id: str) -> None:
    clients.batch_create([{"Name": "a", "Score": 1}, {"Name": "b", "Score": 2}])
    score = srv.lb.store.get_table(base_id, "Clients").field("Score").id
    assert [r["fields"]["Name"] for r in clients.all(formula=f"{{{score}}} = 2")] == ["b"]
    assert [r["fields"]["Name"] for r in clients.all(formula="Score = 1")] == ["a"]
    assert [r["fields"]["Name"] for r in clients.all(formula="{score} = 1")] == ["a"]  # names: any case


def test_formula__links_read_as_linked_primary_values(clients: Any, sessions: Any) -> None:
    ann, bob = clients.batch_create([{"Name": "Ann"}, {"Name": "Bob"}])
    sessions.batch_create(
        [{"Title": "s1", "Client": [ann["id"]]}, {"Title": "s2", "Client": [bob["id"]]}, {"Title": "s3"}]
    )
    assert [r["fields"]["Title"] for r in sessions.all(formula="{Client} = 'Ann'")] == ["s1"]
    found = sessions.all(formula="FIND('Bob', ARRAYJOIN({Client}))")
    assert [r["fields"]["Title"] for r in found] == ["s2"]
    assert [r["fields"]["Title"] for r in sessions.all(formula="{Client} = BLANK()")] == ["s3"]


def test_formula__today_follows_the_server_clock(srv: Any, clients: Any) -> None:
    clients.batch_create([{"Name": "past", "Start": "2024-01-10"}, {"Name": "future", "Start": "2024-03-10"}])
    srv.lb.clock.set(datetime(2024, 2, 1, 12, tzinfo=UTC))
    assert [r["fields"]["Name"] for r in clients.all(formula=IS_BEFORE(Field("Start"), TODAY()))] == ["past"]
    srv.advance_clock(60 * 86400)
    assert len(clients.all(formula=IS_BEFORE(Field("Start"), TODAY()))) == 2


def test_formula__record_id_and_dates_from_pyairtable(clients: Any) -> None:
    a, b = clients.batch_create([{"Name": "a", "Start": "2024-01-02"}, {"Name": "b", "Start": "2024-05-06"}])
    assert [r["id"] for r in clients.all(formula=f"RECORD_ID() = '{b['id']}'")] == [b["id"]]
    got = clients.all(formula=AND(IS_BEFORE(Field("Start"), date(2024, 2, 1)), EQ(Field("Name"), "a")))
    assert [r["id"] for r in got] == [a["id"]]


def test_formula__with_sort_and_paging(clients: Any) -> None:
    clients.batch_create([{"Name": f"n{i:03d}", "Score": i} for i in range(230)])
    got = clients.all(formula="MOD({Score}, 2) = 0", sort=["-Score"], page_size=50)
    assert [r["fields"]["Score"] for r in got] == list(range(228, -1, -2))


def test_formula__long_formula_uses_post_list_records(srv: Any, clients: Any) -> None:
    records = clients.batch_create([{"Name": f"n{i}"} for i in range(20)])
    wanted = [r["id"] for r in records[::2]]
    formula = OR(*[EQ(Field("Name"), f"n{i}") for i in range(0, 20, 2)], *[EQ(Field("Name"), "x" * 500)] * 40)
    srv.clear_requests()
    assert sorted(r["id"] for r in clients.all(formula=formula)) == sorted(wanted)
    assert [r["path"].rsplit("/", 1)[-1] for r in srv.requests()] == ["listRecords"]


@pytest.mark.parametrize("formula", ["{Name} = ", "AND(", "NOSUCHFUNCTION(1)", "'unterminated"])
def test_formula__invalid_formula_is_422(http: Any, base_id: str, formula: str) -> None:
    resp = http("GET", f"/v0/{base_id}/Clients", params={"filterByFormula": formula})
    assert resp.status_code == 422
    assert resp.json() == {
        "error": {
            "type": "INVALID_FILTER_BY_FORMULA",
            "message": "The formula for filtering records is invalid: Invalid formula. Please check "
            "your formula text.",
        }
    }


def test_formula__unknown_field_is_422_naming_it(http: Any, base_id: str) -> None:
    resp = http("GET", f"/v0/{base_id}/Clients", params={"filterByFormula": "{Nope} = 1"})
    assert resp.status_code == 422
    assert resp.json()["error"] == {
        "type": "INVALID_FILTER_BY_FORMULA",
        "message": "The formula for filtering records is invalid: Unknown field names: Nope",
    }
