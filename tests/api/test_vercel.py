"""vercel.json: every path reaches the app, crons match the job registry and are valid on the Hobby plan."""

from __future__ import annotations

import json
import re
from datetime import date
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


def _minute_of_day(schedule: str) -> int:
    minute, hour = schedule.split()[:2]
    return int(hour) * 60 + int(minute)


@pytest.mark.parametrize("cron", CONFIG["crons"], ids=lambda c: c["path"])
def test_vercel__cron_is_a_known_job_valid_on_hobby(cron):
    get_plan().job(cron["path"].removeprefix("/api/cron/"))  # UnknownName otherwise
    assert _daily_at_most(cron["schedule"])


def test_vercel__crons_are_the_registrys_local_times_moved_by_one_offset():
    # As shipped, for a business on London time in winter (UTC); scripts.cron_times moves them all
    # together for another zone, so the jobs keep their order and spacing.
    plan = get_plan()
    shifts = {
        (
            _minute_of_day(c["schedule"])
            - _minute_of_day(plan.job(c["path"].removeprefix("/api/cron/")).schedule)
        )
        % 1440
        for c in CONFIG["crons"]
    }
    assert len(shifts) == 1, shifts


@pytest.mark.parametrize(
    ("local", "zone", "on", "utc"),
    [
        ("0 7 * * *", "Europe/London", date(2026, 1, 15), "0 7 * * *"),
        ("0 7 * * *", "Europe/London", date(2026, 7, 15), "0 6 * * *"),  # British Summer Time
        ("0 7 * * 1", "America/New_York", date(2026, 1, 15), "0 12 * * 1"),
        ("0 7 * * 1", "America/Los_Angeles", date(2026, 7, 15), "0 14 * * 1"),
        ("0 7 * * 1", "Asia/Tokyo", date(2026, 1, 15), "0 22 * * 0"),  # Sunday evening in UTC
        ("30 6 * * *", "Asia/Kolkata", date(2026, 1, 15), "0 1 * * *"),
        ("0 20 * * 6", "Pacific/Auckland", date(2026, 1, 15), "0 7 * * 6"),
    ],
)
def test_cron_times__local_time_to_utc_with_the_day_of_week(local, zone, on, utc):
    from scripts.cron_times import utc_schedule

    assert utc_schedule(local, zone, on) == utc


def test_cron_times__the_shipped_file_is_london_in_winter_and_a_rewrite_keeps_its_layout():
    from scripts.cron_times import rewrite, schedules

    text = (ROOT / "vercel.json").read_text()
    assert rewrite(text, schedules("Europe/London", date(2026, 1, 15))) == text
    new_york = rewrite(text, schedules("America/New_York", date(2026, 1, 15)))
    crons = {c["path"]: c["schedule"] for c in json.loads(new_york)["crons"]}
    assert crons["/api/cron/daily-brief"] == "0 12 * * *" and crons["/api/cron/weekly-report"] == "0 12 * * 1"
    assert all(_daily_at_most(s) for s in crons.values())
    assert new_york.count("\n") == text.count("\n")


def test_cron_times__a_schedule_it_cannot_move_is_refused():
    from scripts.cron_times import utc_schedule

    with pytest.raises(ValueError, match="daily or weekly"):
        utc_schedule("*/10 * * * *", "Europe/Paris", date(2026, 1, 15))


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
