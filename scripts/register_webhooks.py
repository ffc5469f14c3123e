"""Create or update the Airtable webhook that pings the app: `python -m scripts.register_webhooks --url URL`.

Idempotent: run it after every deploy. The URL is the deployment's /api/webhooks/airtable. Needs
AIRTABLE_API_KEY (a token of the base's creator, with webhook:manage and data.records:read), AIRTABLE_BASE_ID
and APP_SECRET (encrypts the webhook's MAC secret in System State).
"""

from __future__ import annotations

import argparse
import sys

from automation.errors import LeadershipOSError
from automation.events.context import make_context
from automation.events.registration import register
from automation.events.runs import record_run
from schema.views import AIRTABLE_AUTOMATIONS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="https://<deployment>/api/webhooks/airtable")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds for draining a replaced webhook")
    args = parser.parse_args(argv)
    if not args.url.startswith(("https://", "http://")):
        parser.error("--url must be an http(s) URL")
    try:
        ctx = make_context("Manual", "register-webhooks", args.budget)
    except LeadershipOSError as exc:
        print(f"register_webhooks: {exc}", file=sys.stderr)
        return 2
    try:
        for line in register(ctx, args.url):
            print(f"register_webhooks: {line}")
        for a in AIRTABLE_AUTOMATIONS:  # what the webhook leaves to the base's own automations
            print(f"register_webhooks: not watched: {a.render_conditions()} on {a.table}; the base's "
                  f"Airtable Automation {a.name!r} calls /api/triggers/{a.trigger} "
                  "(python -m scripts.airtable_automations)")  # fmt: skip
        record_run(ctx, details={"url": args.url})
    except LeadershipOSError as exc:
        record_run(ctx, error=exc)
        print(f"register_webhooks: {exc}", file=sys.stderr)
        return 1
    finally:
        ctx.run.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
