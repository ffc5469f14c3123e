"""The read-only HTML view: bases, tables as grids, values escaped."""

from __future__ import annotations

from typing import Any

import requests


def test_viewer__index_lists_bases_and_tables_with_counts(srv: Any, clients: Any, base_id: str) -> None:
    clients.batch_create([{"Name": "a"}, {"Name": "b"}])
    page = requests.get(srv.url + "/", timeout=5)
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    assert "Coaching" in page.text and "Clients (2)" in page.text and f"/view/{base_id}" in page.text


def test_viewer__base_page_shows_each_table_as_a_grid(
    srv: Any, clients: Any, sessions: Any, base_id: str
) -> None:
    ann = clients.create({"Name": "Ann", "Fee": 1500, "Tags": ["vip"], "Active": True})
    sessions.create({"Title": "Kickoff", "Client": [ann["id"]]})
    html = requests.get(f"{srv.url}/view/{base_id}", timeout=5).text
    for text in (
        "<h2>",
        "Clients",
        "Sessions",
        "Ann",
        "$1,500.00",
        "vip",
        "checked",
        "Kickoff",
        "multipleRecordLinks",
    ):
        assert text in html
    assert html.count("<table>") == 2


def test_viewer__escapes_values(srv: Any, clients: Any, base_id: str) -> None:
    clients.create({"Name": "<script>alert('x')</script>", "Notes": "a & b"})
    html = requests.get(f"{srv.url}/view/{base_id}/Clients", timeout=5).text
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &amp; b" in html


def test_viewer__unknown_base_or_table_is_404(srv: Any, base_id: str) -> None:
    assert requests.get(f"{srv.url}/view/appNope0000000000", timeout=5).status_code == 404
    assert requests.get(f"{srv.url}/view/{base_id}/Nope", timeout=5).status_code == 404


def test_viewer__is_read_only(srv: Any, base_id: str) -> None:
    assert requests.post(f"{srv.url}/view/{base_id}", timeout=5).status_code == 404
