"""Vercel Cron runs in UTC; the jobs are meant for the business's own morning.

    python -m scripts.cron_times --time-zone America/New_York            prints the crons for that zone
    python -m scripts.cron_times --time-zone America/New_York --write    rewrites vercel.json's crons

The registry's schedules (CRON_JOBS in automation/*/automations.py) are the business's local times: the
daily brief at 07:00, session reminders at 06:00, the weekly report on Monday at 07:00. vercel.json, as
shipped, has them for a business on London time in winter (UTC). For a business elsewhere each is moved to
the UTC time that is that local time in `--time-zone` (general.time_zone in Settings) on `--on` (default:
today), the day of the week too when it crosses midnight: without it, a coach in New York would get her
morning brief at 2 a.m. and one in Los Angeles the evening before, about the wrong "today".

Vercel's daily crons cannot follow daylight saving: where the clocks change, the jobs run an hour later (or
earlier) half the year; run this again on the day the clocks change if that hour matters, and deploy.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ROOT = Path(__file__).resolve().parents[1]
VERCEL_JSON = ROOT / "vercel.json"
_FIELD = re.compile(r"\d{1,2}")


def utc_schedule(local: str, zone: str, on: date) -> str:
    """A daily or weekly cron expression in the zone's local time -> the same moment in UTC on `on`."""
    fields = local.split()
    if len(fields) != 5 or not all(_FIELD.fullmatch(f) for f in fields[:2]) or fields[2:4] != ["*", "*"]:
        raise ValueError(f"not a daily or weekly schedule (minute hour * * day-of-week): {local!r}")
    minute, hour, _, _, dow = fields
    wall = datetime(on.year, on.month, on.day, int(hour), int(minute), tzinfo=ZoneInfo(zone))
    utc = wall.astimezone(ZoneInfo("UTC"))
    shift = (utc.date() - on).days  # -1, 0 or +1
    if dow != "*":
        dow = ",".join(str((int(d) + shift) % 7) for d in dow.split(","))
    return f"{utc.minute} {utc.hour} * * {dow}"


def schedules(zone: str, on: date) -> dict[str, str]:
    """Every registered cron job's path -> its schedule in UTC for the zone."""
    from automation.events.catalog import get_plan

    return {
        f"/api/cron/{name}": utc_schedule(job.schedule, zone, on)
        for name, job in sorted(get_plan().cron_jobs.items())
    }


def rewrite(text: str, wanted: dict[str, str]) -> str:
    """vercel.json's text with each cron's schedule replaced (its layout kept); every path must be there."""
    out = text
    for path, schedule in wanted.items():
        pattern = re.compile(r'("path":\s*"' + re.escape(path) + r'",\s*"schedule":\s*")[^"]*(")')
        out, n = pattern.subn(lambda m, s=schedule: m.group(1) + s + m.group(2), out)
        if n != 1:
            raise ValueError(f"vercel.json has no cron for {path} (or more than one)")
    json.loads(out)  # still valid JSON
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--time-zone", required=True, help="the business time zone, e.g. America/New_York")
    parser.add_argument("--on", type=date.fromisoformat, default=None, help="the date whose offset to use")
    parser.add_argument("--write", action="store_true", help="rewrite vercel.json (else print the crons)")
    args = parser.parse_args(argv)
    try:
        ZoneInfo(args.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        print(f"cron_times: unknown time zone {args.time_zone!r} (an IANA name, e.g. Europe/Paris)")
        return 2
    on = args.on or date.today()
    wanted = schedules(args.time_zone, on)
    offset = datetime(on.year, on.month, on.day, 12, tzinfo=ZoneInfo(args.time_zone)).utcoffset()
    hours = (offset or timedelta()) / timedelta(hours=1)
    print(f"{args.time_zone} on {on.isoformat()}: UTC{hours:+g}")
    for path, schedule in wanted.items():
        print(f"  {schedule:<16} {path}")
    if args.write:
        VERCEL_JSON.write_text(rewrite(VERCEL_JSON.read_text(), wanted))
        print(f"wrote {VERCEL_JSON.relative_to(ROOT)}: deploy for the new times to take effect")
    return 0


if __name__ == "__main__":
    sys.exit(main())
