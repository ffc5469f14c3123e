"""What must never be committed: a virtualenv (or a link to one), machine paths in tracked files.

A committed `.venv` symlink replaces the checkout's real virtualenv when the commit is merged (git treats
the ignored directory as expendable), which breaks every command that uses it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tracked() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (e.g. an unpacked archive): nothing is tracked")
    done = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [p for p in done.stdout.decode().split("\0") if p]


def test_repo__no_virtualenv_is_tracked() -> None:
    tracked = _tracked()
    assert [p for p in tracked if p == ".venv" or p.startswith(".venv/")] == []


def test_repo__no_tracked_symlink_points_outside_the_repository() -> None:
    outside = []
    for path in _tracked():
        full = ROOT / path
        if full.is_symlink():
            target = (full.parent / os.readlink(full)).absolute()
            if not target.is_relative_to(ROOT.absolute()):
                outside.append(path)
    assert outside == []
