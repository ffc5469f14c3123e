"""Signed links: each opens its own page only; the script prints one per associate."""

from __future__ import annotations

import re

from automation.models import Associate
from automation.reports.links import Access, associate_token, chart_token, dashboard_token, verify
from tests.reports.conftest import seed

S = "secret-one-0123456789"


def test_links__each_token_opens_what_it_was_signed_for_and_nothing_else() -> None:
    cases = [
        (dashboard_token(S), Access("dashboard")),
        (chart_token(S), Access("chart")),
        (associate_token(S, "recAAAAAAAAAAAAAA"), Access("associate", "recAAAAAAAAAAAAAA")),
        (dashboard_token("another-secret-xyz"), None),
        (associate_token("another-secret-xyz", "recAAAAAAAAAAAAAA"), None),
        ("a.recBBBBBBBBBBBBBB." + associate_token(S, "recAAAAAAAAAAAAAA").rsplit(".", 1)[1], None),
        ("", None),
        ("d.", None),
        # characters past ASCII in a query string: refused like any other wrong token
        ("d.\u00e9" + dashboard_token(S)[3:], None),
        ("c.\u00e9", None),
        ("a.recAAAAAAAAAAAAAA.\u00e9", None),
    ]
    for token, want in cases:
        assert verify(S, token) == want, token


def test_report_links__prints_the_dashboard_and_one_link_per_associate(world, monkeypatch, tmp_path, capsys):
    from datetime import date

    from scripts import report_links

    seed(world, monkeypatch, tmp_path, date(2026, 11, 22))
    monkeypatch.setenv("APP_SECRET", S)
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://los.example")
    capsys.readouterr()
    assert report_links.main([]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"Dashboard: https://los.example/api/dashboard?token={dashboard_token(S)}"
    names = {a.name: a.id for a in world.gw.all(Associate)}
    assert len(out) == 1 + len(names)
    for line in out[1:]:
        name, token = re.match(r"^(.*): https://los\.example/api/associate\?token=(\S+)$", line).groups()
        assert verify(S, token) == Access("associate", names[name])
