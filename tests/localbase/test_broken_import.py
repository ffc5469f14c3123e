"""A broken import in the local server's formula engine fails the tests that need it; it never skips them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs the filter tests in a fresh interpreter where one module formula.py imports cannot be imported.
_RUN_WITH_BROKEN_IMPORT = """
import sys
sys.modules["scripts.localbase.formula_parse"] = None  # `import` of it now raises ImportError
import pytest
sys.exit(pytest.main(["-q", "-p", "no:randomly", "-p", "no:cacheprovider", sys.argv[1]]))
"""


def test_broken_formula_import__the_filter_tests_fail_instead_of_skipping() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _RUN_WITH_BROKEN_IMPORT, "tests/localbase/test_records_filter.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = done.stdout + done.stderr
    assert done.returncode != 0, out
    assert "formula_parse" in out, out
    assert "skipped" not in out, out


def test_broken_formula_import__the_server_module_does_not_load() -> None:
    code = 'import sys; sys.modules["scripts.localbase.formula_parse"] = None; import scripts.localbase.query'
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "formula_parse" in done.stderr, done.stderr
