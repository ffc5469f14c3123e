"""A base made by scripts/setup_base.py is one the gateway resolves completely, by marker."""

from __future__ import annotations

from automation.models import MODELS, Setting
from automation.run_context import run_scope
from scripts import setup_base
from tests.gateway.conftest import TOKEN, make_gateway


def test_setup_base__every_table_and_field_resolves_and_settings_parse(server, monkeypatch, capsys) -> None:
    base_id = server.create_base("Set up by the script")
    for name, value in {
        "AIRTABLE_API_KEY": TOKEN,
        "AIRTABLE_BASE_ID": base_id,
        "AIRTABLE_ENDPOINT_URL": server.url,
        "AIRTABLE_RATE_PER_S": "0",
    }.items():
        monkeypatch.setenv(name, value)
    assert setup_base.main(["--yes"]) == 0
    capsys.readouterr()
    gw = make_gateway(server.url, base_id)
    smap = gw.schema_map()
    assert smap.missing == [] and smap.renamed == []
    with run_scope("t", "Manual") as run:
        settings = gw.all(Setting)
        for model in MODELS.values():
            gw.all(model, max_records=1)
    assert settings and run.problems == []
