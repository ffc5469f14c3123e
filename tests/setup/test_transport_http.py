"""The scripts' client is the gateway's transport: the base's shared bucket, its retry, its errors."""

from __future__ import annotations

import re

from automation.airtable.gateway import Gateway
from automation.airtable.ratelimit import SAFETY
from automation.settings import BusinessSettings
from schema.tables import ALL_TABLES
from scripts import backup_base, setup_base
from scripts._cli import SCRIPT_POLICY, load_config, make_api


def test_make_api__shares_the_bases_bucket_with_the_gateway_and_uses_its_retry(srv, use_base, monkeypatch):
    use_base()
    monkeypatch.setenv("AIRTABLE_RATE_PER_S", "5")
    config = load_config()
    api = make_api(config)
    assert api.bucket is Gateway(config).api.bucket  # one bucket per base for the whole process
    assert api.bucket.rate == 5 / SAFETY
    assert api.policy is SCRIPT_POLICY and SCRIPT_POLICY.budget_without_run_s >= 300
    other = make_api(config, "appSomeOtherBase", calls=api.calls)
    assert other.bucket is not api.bucket and other.calls is api.calls  # setup_base --create-base


def test_a_429_is_waited_out_and_the_totals_count_calls_not_attempts(srv, use_base, capsys):
    use_base()
    assert setup_base.main([]) == 0
    capsys.readouterr()
    srv.clear_requests()
    srv.set_faults(force_429=1)
    assert backup_base.main([]) == 0
    out = capsys.readouterr().out
    statuses = [r["status"] for r in srv.requests()]
    assert statuses.count(429) == 1 and statuses[0] == 429 and statuses[1] == 200
    reads = int(re.search(r"\((\d+) read calls\)", out).group(1))  # type: ignore[union-attr]
    assert reads == len(statuses) - 1  # the retried call is one call
    # The schema, then one page of 100 per table: setup seeded only Settings (more than 100 rows by now).
    settings_pages = -(-len(BusinessSettings().rows()) // 100)
    assert reads == 1 + (len(ALL_TABLES) - 1) + settings_pages


def test_setup_base__prints_the_write_calls_it_made(srv, use_base, capsys):
    use_base()
    srv.clear_requests()
    assert setup_base.main([]) == 0
    done = capsys.readouterr().out.strip().splitlines()[-1]
    sent = srv.requests()
    writes = sum(r["method"] != "GET" for r in sent)
    assert done == f"Done: {writes} write calls, {len(sent) - writes} reads."
