"""A benchmark's RESULTS-*.md: the measured part is rewritten on each run, what people wrote below it is kept.

Holdouts, before/after comparisons and their reasoning are written by hand under the marker line; a benchmark
run (`make bench`, or one bench on its own) used to rewrite the whole file and drop them.
"""

from __future__ import annotations

from pathlib import Path

MARK = "<!-- Written by hand from here on: a benchmark run rewrites only the part above and keeps this. -->"


def write_results(path: Path, measured: str) -> None:
    """Write `measured` as the file's top part, keeping everything from the marker on (if there is one)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    at = old.find(MARK)
    kept = old[at:] if at >= 0 else ""
    path.write_text(measured.rstrip("\n") + "\n" + (f"\n{kept}" if kept else ""), encoding="utf-8")
