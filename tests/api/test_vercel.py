"""vercel.json: every path reaches the app, crons match the job registry and are valid on the Hobby plan."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from automation.events.catalog import get_plan

ROOT = Path(__file__).resolve().parents[2]
CONFIG = json.loads((ROOT / "vercel.json").read_text())


def _daily_at_most(schedule: str) -> bool:
    """Hobby refuses an expression that fires more than once a day: minute and hour must be one number."""
    fields = schedule.split()
    return len(fields) == 5 and all(re.fullmatch(r"\d{1,2}", f) for f in fields[:2])


def test_vercel__every_path_is_rewritten_to_the_app():
    assert {"source": "/(.*)", "destination": "/api/index"} in CONFIG["rewrites"]
    assert "builds" not in CONFIG  # builds cannot be combined with functions (maxDuration)


def test_vercel__max_duration_fits_hobby_and_covers_the_cron_budget():
    from automation.config import Config

    duration = CONFIG["functions"]["api/index.py"]["maxDuration"]
    assert duration <= 300
    assert Config.model_fields["cron_budget_s"].default < duration


@pytest.mark.parametrize("cron", CONFIG["crons"], ids=lambda c: c["path"])
def test_vercel__cron_is_a_known_job_with_its_schedule_and_valid_on_hobby(cron):
    job = get_plan().job(cron["path"].removeprefix("/api/cron/"))
    assert cron["schedule"] == job.schedule
    assert _daily_at_most(cron["schedule"])


def test_vercel__every_registered_job_has_a_cron():
    paths = {c["path"] for c in CONFIG["crons"]}
    assert {f"/api/cron/{name}" for name in get_plan().cron_jobs} <= paths


def test_python_version_file_pins_vercel_runtime():
    assert (ROOT / ".python-version").read_text().strip() == "3.12"


def _excluded(path: str) -> bool:
    """Vercel's glob semantics for excludeFiles: {a,b} alternatives, ** any depth, * within one segment."""
    pattern = CONFIG["functions"]["api/index.py"]["excludeFiles"]
    alternatives = pattern[1:-1].split(",") if pattern.startswith("{") else [pattern]

    def regex(glob: str) -> str:
        return "".join(
            ".*" if part == "**" else re.escape(part).replace(r"\*", "[^/]*")
            for part in re.split(r"(\*\*)", glob)
        )

    return any(re.fullmatch(regex(g), path) for g in alternatives)


@pytest.mark.parametrize(
    "path,excluded",
    [
        ("tests/events/test_webhook_flow.py", True),
        ("scripts/localbase/server.py", True),
        ("README.md", True),
        ("prompts/nurture_email.md", False),  # read at run time by the nurture writer
        ("automation/messages/templates/layout.html", False),
        ("api/index.py", False),
        ("scripts/register_webhooks.py", False),
    ],
)
def test_vercel__bundle_excludes_dev_files_but_keeps_what_runs(path, excluded):
    assert _excluded(path) is excluded
