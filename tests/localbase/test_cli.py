"""``python -m scripts.localbase`` as a process: ready line, options, SQLite file, clean SIGTERM stop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests

from scripts.localbase.testing import run_subprocess
from tests.localbase.conftest import TOKEN


def _table(url: str) -> tuple[str, Any]:
    from pyairtable import Api

    created = requests.post(
        f"{url}/_local/bases",
        timeout=5,
        json={
            "name": "Demo",
            "tables": [{"name": "Leads", "fields": [{"name": "Name", "type": "singleLineText"}]}],
        },
    )
    base_id = created.json()["id"]
    return base_id, Api(TOKEN, endpoint_url=url, timeout=(5, 30)).table(base_id, "Leads")


def test_cli__serves_until_sigterm_and_stops_cleanly() -> None:
    proc = run_subprocess(port=0, rate_limit=0)
    try:
        assert proc.url.startswith("http://127.0.0.1:")
        _, table = _table(proc.url)
        assert table.create({"Name": "x"})["fields"] == {"Name": "x"}
    finally:
        code = proc.stop()
    assert code == 0
    assert "localbase: stopped" in proc.output


def test_cli__db_file_keeps_data_across_restarts(tmp_path: Path) -> None:
    db = tmp_path / "localbase.sqlite3"
    with run_subprocess(port=0, db=str(db)) as first:
        base_id, table = _table(first.url)
        table.batch_create([{"Name": "kept"}, {"Name": "also kept"}])
    with run_subprocess(port=0, db=str(db)) as second:
        from pyairtable import Api

        again = Api(TOKEN, endpoint_url=second.url, timeout=(5, 30)).table(base_id, "Leads")
        assert sorted(r["fields"]["Name"] for r in again.all()) == ["also kept", "kept"]


def test_cli__token_option_restricts_access() -> None:
    with run_subprocess(port=0, tokens=["patOnly.1"]) as proc:
        ok = requests.get(
            f"{proc.url}/v0/meta/whoami", headers={"Authorization": "Bearer patOnly.1"}, timeout=5
        )
        no = requests.get(
            f"{proc.url}/v0/meta/whoami", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=5
        )
    assert (ok.status_code, no.status_code) == (200, 401)


def test_cli__rate_limit_and_latency_options_set_the_faults() -> None:
    with run_subprocess(port=0, rate_limit=3, latency_ms=7, penalty_s=4) as proc:
        faults = requests.get(f"{proc.url}/_local/faults", timeout=5).json()
    assert (faults["rate_limit"], faults["latency_ms"], faults["penalty_s"]) == (3, 7, 4)
    with run_subprocess(port=0) as proc:
        assert requests.get(f"{proc.url}/_local/faults", timeout=5).json()["penalty_s"] == 30  # Airtable's


def test_cli__port_in_use_fails_with_a_message() -> None:
    with run_subprocess(port=0) as proc:
        port = int(proc.url.rsplit(":", 1)[1])
        try:
            run_subprocess(port=port, startup_timeout=5)
        except RuntimeError as exc:
            assert "cannot listen" in str(exc)
        else:
            raise AssertionError("a second server on the same port must not start")
