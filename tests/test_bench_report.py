"""`make bench`'s one page is built from what the benchmarks measured: rows recorded while measuring, never
below their lower bound, and a page that carries them with the month's arithmetic."""

from __future__ import annotations

import math

from bench import headline, leads_bench
from bench.report import DAYS, EVENTS_PER_DAY, ai_tokens, page


def test_a_benchmark_records_its_rows_and_no_job_beats_its_lower_bound(monkeypatch) -> None:
    monkeypatch.setattr(headline, "ROWS", [])
    leads_bench.main(300)
    rows = headline.ROWS
    assert [r.run for r in rows] == [
        "first run (nothing scored yet)",
        "same day again",
        "next day (engagement fades)",
    ]
    assert all(r.bound is not None and 0 < r.bound <= r.calls for r in rows)
    assert rows[0].calls >= math.ceil(300 / 100) + math.ceil(300 / 10)  # every lead read and written once
    assert sum(r.typical for r in rows) == 1


def test_the_page_states_the_month_from_the_measured_figures(monkeypatch) -> None:
    monkeypatch.setattr(
        headline,
        "ROWS",
        [
            headline.Row("x", "leads-daily", "next day", 90, 90, 1.0, "5,000 leads", typical=True),
            headline.Row("x", "weekly-report", "", 10, 8, 0.5, "50 clients", typical=True),
            headline.Row("x", "billing run", "first", 200, 27, 1.0, "50 clients"),  # not a typical day
        ],
    )
    ev = {
        "pacing": "2.0", "changes": 4, "calls": 20, "by_kind": {"new lead": 7.0}, "p50": 1.0, "p95": 2.0,
        "max": 3.0, "429": 0, "burst_events": 10, "burst_calls": 30, "import_fastapi": 0.3, "import_app": 0.6,
    }  # fmt: skip
    tokens = {"in": 1000.0, "out": 300.0, "usd": 0.001, "notes": 3}
    text = page(ev, tokens, 60)
    expected = 5 * EVENTS_PER_DAY * DAYS + 90 * DAYS + 10 * 4.3
    assert f"**{expected:,.0f}**" in text and "| Airtable calls per change | **5.0** |" in text
    assert "(**2.0×**)" in text and "| billing run | first | 50 clients | 200 | 27 |" in text


def test_tokens_per_draft_are_counted_from_the_prompt_actually_sent() -> None:
    tokens = ai_tokens()
    assert tokens["notes"] >= 50  # the evaluation set
    assert 300 < tokens["in"] < 5000 and 50 < tokens["out"] < tokens["in"]
    assert 0 < tokens["usd"] < 0.01


def test_a_benchmark_rewrites_its_measured_part_and_keeps_what_was_written_by_hand(tmp_path) -> None:
    from bench.results_file import MARK, write_results

    path = tmp_path / "RESULTS-x.md"
    write_results(path, "# X\n\n| calls | 40 |\n")
    assert path.read_text() == "# X\n\n| calls | 40 |\n"
    path.write_text(path.read_text() + f"\n{MARK}\n\n## Holdout (2026-12-07)\n\nfirst look 17/24\n")
    write_results(path, "# X\n\n| calls | 38 |\n")
    kept = f"{MARK}\n\n## Holdout (2026-12-07)\n\nfirst look 17/24\n"
    assert path.read_text() == f"# X\n\n| calls | 38 |\n\n{kept}"


def test_what_people_wrote_in_a_benchmarks_results_sits_below_the_mark() -> None:
    """`make bench` rewrites these files: a holdout, a probe or a before/after written above the mark would be
    lost. The benchmarks write one level-1 heading; every section under a level-2 one is written by hand."""
    import re
    from pathlib import Path

    from bench.results_file import MARK

    here = Path(__file__).parent.parent / "bench"
    for name in ("leads", "health", "billing", "schedule", "reports"):
        text = (here / f"RESULTS-{name}.md").read_text(encoding="utf-8")
        measured = text.split(MARK)[0]
        hand = [ln for ln in measured.splitlines() if re.match(r"(?i)##+ |before and after", ln)]
        assert not hand, (name, hand)
