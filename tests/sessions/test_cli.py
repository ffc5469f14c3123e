"""python -m scripts.draft_notes: the interface and JSON keys evaluation relies on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTES = (
    "- Dana to hand the weekly report to Sam by Friday.\n"
    "- I'll send her the SL worksheet before our next session.\nUsed GROW.\n"
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.draft_notes", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_draft_notes__stdin_prints_the_output_model() -> None:
    out = run(
        "--date", "2026-03-03", "--next-session", "2026-03-17", "--client", "Dana Whitfield",
        "--coach", "Sarah Cave", "--models", "GROW Model, Radical Candor", "--drafter", "rules", "-",
        stdin=NOTES,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {
        "summary",
        "key_outcomes",
        "action_items",
        "leadership_models",
        "next_topics",
        "drafter",
    }
    assert data["leadership_models"] == ["GROW Model"]
    by_owner = {i["owner"]: i for i in data["action_items"]}
    assert set(by_owner["client"]) == {"description", "owner", "due", "priority", "tentative", "receipt"}
    assert by_owner["client"]["due"] == "2026-03-06"
    assert by_owner["coach"]["due"] == "2026-03-17"


def test_draft_notes__file_argument_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    out = run("--date", "2026-03-03", "--client", "Dana Whitfield", str(path))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    coach = [i for i in data["action_items"] if i["owner"] == "coach"]
    assert coach and coach[0]["due"] is None  # no next session given: the date is unknown, not invented
    assert data["leadership_models"] == []


def test_draft_notes__bad_date_is_a_usage_error() -> None:
    out = run("--date", "03/03/2026", "--client", "Dana", "-", stdin="x")
    assert out.returncode == 2 and "YYYY-MM-DD" in out.stderr
