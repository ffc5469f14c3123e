"""The scripts as a person runs them: one-line errors, --create-base, the demo seeder twice."""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

from schema.tables import ALL_TABLES
from schema.views import VIEWS
from scripts import check_views, seed_demo, setup_base
from scripts.demo_data.build import build
from scripts.localbase.testing import LocalBaseServer
from scripts.setup.match import match_base
from tests.setup.conftest import writes

ROOT = Path(__file__).resolve().parents[2]


def run_cli(module: str, tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AIRTABLE_")}
    clean |= {"PYTHONPATH": str(ROOT), "AIRTABLE_RATE_PER_S": "0", **env}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def assert_one_line_error(proc: subprocess.CompletedProcess, text: str) -> None:
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and text in lines[0], proc.stderr


def test_unreachable_endpoint_is_one_line_and_non_zero(tmp_path):
    url = f"http://127.0.0.1:{free_port()}"
    proc = run_cli(
        "scripts.setup_base",
        tmp_path,
        AIRTABLE_API_KEY="patX",
        AIRTABLE_BASE_ID="appX",
        AIRTABLE_ENDPOINT_URL=url,
    )
    assert_one_line_error(proc, f"cannot reach Airtable at {url}")


def test_rejected_token_is_one_line_and_non_zero(tmp_path):
    with LocalBaseServer(rate_limit=0, tokens=("patTheRightOne.1",)) as srv:
        base_id = srv.create_base("Locked")
        proc = run_cli(
            "scripts.setup_base",
            tmp_path,
            AIRTABLE_API_KEY="patTheWrongOne.1",
            AIRTABLE_BASE_ID=base_id,
            AIRTABLE_ENDPOINT_URL=srv.url,
        )
    assert_one_line_error(proc, "Airtable rejected the token (401")


def test_missing_configuration_names_the_variable(tmp_path):
    proc = run_cli("scripts.backup_base", tmp_path, AIRTABLE_BASE_ID="appX")
    assert_one_line_error(proc, "AIRTABLE_API_KEY")


def test_create_base_prints_its_id_and_sets_it_up(srv, use_base, monkeypatch, capsys):
    use_base()
    monkeypatch.delenv("AIRTABLE_BASE_ID")
    assert setup_base.main(["--create-base", "Brand new"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("Created base 'Brand new': "))
    base_id = line.rsplit(" ", 1)[1]
    assert base_id.startswith("app")
    api = srv.api()
    matches = match_base(api.get(api.build_url("meta/bases", base_id, "tables")))
    assert all(fm.found for tm in matches.values() for fm in tm.fields.values())
    use_base(base_id)
    srv.clear_requests()
    assert setup_base.main([]) == 0
    assert writes(srv) == []


def test_create_base_takes_the_workspace_from_dot_env(srv, use_base, monkeypatch, tmp_path):
    """The README: AIRTABLE_WORKSPACE_ID may sit in .env like every other variable (it was read from the
    process environment only, so --create-base against airtable.com asked for --workspace)."""
    use_base()
    monkeypatch.delenv("AIRTABLE_BASE_ID")
    monkeypatch.delenv("AIRTABLE_WORKSPACE_ID", raising=False)
    (tmp_path / ".env").write_text("AIRTABLE_WORKSPACE_ID=wspFromDotEnv0001\n")
    seen: list[str | None] = []

    def create_base(api, name, workspace, endpoint):
        seen.append(workspace)
        raise setup_base.CliError("stop here")

    monkeypatch.setattr(setup_base, "create_base", create_base)
    assert setup_base.main(["--create-base", "Brand new"]) != 0
    assert seen == ["wspFromDotEnv0001"]


def test_seed_twice_gives_the_same_counts_in_batches_of_ten(srv, use_base, capsys):
    base_id = use_base()
    assert setup_base.main([]) == 0
    srv.clear_requests()
    assert seed_demo.main(["--today", "2026-11-22"]) == 0
    data = build(date(2026, 11, 22))
    assert len(writes(srv)) == sum(math.ceil(len(rows) / 10) for rows in data.values())
    expected = {k: len(v) for k, v in data.items() if k != "settings"}  # Settings: rows setup_base made
    assert f"rows in {len(writes(srv))} write calls, " in capsys.readouterr().out.splitlines()[-1]
    api = srv.api()

    def counts() -> dict[str, int]:
        return {t.key: len(api.table(base_id, t.name).all()) for t in ALL_TABLES if t.key in expected}

    first = counts()
    assert first == expected
    assert (first["leads"], first["clients"], first["deals"], first["models"]) == (40, 15, 10, 12)
    assert 100 <= first["sessions"] <= 160
    # The demo billed July to September itself (its invoices): older sessions are no run's to bill; October
    # is left to the billing run.
    rows = [r["fields"] for r in api.table(base_id, "Settings").all(formula="{Key}='billing.bill_from'")]
    assert [r.get("Value") for r in rows] == ["2026-07-01"]
    assert seed_demo.main(["--today", "2026-11-22"]) == 0
    assert counts() == first
    won = api.table(base_id, "Deals").all(formula="{Pipeline Stage}='Closed Won'")
    assert len(won) == 3 and all(d["fields"].get("Client") for d in won)
    assert "0 created" in capsys.readouterr().out.splitlines()[-2]


def test_seed_refuses_a_base_with_real_clients(srv, use_base, capsys):
    base_id = use_base()
    assert setup_base.main([]) == 0
    srv.api().table(base_id, "Clients").create({"Name": "A real client", "Email": "real@client.com"})
    assert seed_demo.main([]) == 1
    assert "not demo data" in capsys.readouterr().err


def test_check_views_runs_against_the_base(srv, use_base, capsys):
    use_base()
    assert setup_base.main([]) == 0
    capsys.readouterr()
    assert check_views.main([]) == 0
    out = capsys.readouterr().out
    assert (
        "MISSING Leads / Lead Pipeline (kanban)" in out and f"0 of {len(VIEWS)} checklist views exist." in out
    )
    assert check_views.main(["--strict"]) == 1
