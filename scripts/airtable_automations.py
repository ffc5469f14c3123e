"""The Airtable Automations the coach builds by hand (schema/views.py AIRTABLE_AUTOMATIONS) and their scripts.

    python -m scripts.airtable_automations [--url https://<deployment>]
        prints each automation: its trigger, and the "Run a script" code to paste (the deployment's URL
        filled in; the secret is the TRIGGER_SECRET you set on Vercel, typed in by hand)
    python -m scripts.airtable_automations --local http://127.0.0.1:8765 --base appXXX --url http://app
        builds them on the local Airtable-compatible server (scripts/localbase), as the coach would in
        Airtable; reads TRIGGER_SECRET from the environment (the demo uses this)

The Airtable API cannot create automations, so in a real base this stays a manual step.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import httpx

from schema.tables import TABLES
from schema.views import AIRTABLE_AUTOMATIONS, AirtableAutomationSpec

SCRIPT = """\
// {name}: runs {trigger} (and what depends on it) on the record.
const {{ recordId }} = input.config();
const response = await fetch("{url}/api/triggers/{trigger}", {{
  method: "POST",
  headers: {{ "Content-Type": "application/json", "X-Trigger-Secret": "<TRIGGER_SECRET>" }},
  body: JSON.stringify({{ recordId }}),
}});
const text = await response.text();
if (!response.ok) throw new Error(`Leadership OS answered ${{response.status}}: ${{text}}`);
output.set("result", text);
"""


def instructions(a: AirtableAutomationSpec, url: str) -> str:
    return "\n".join(
        [
            f"{a.name}",
            f"  why: {a.purpose}",
            f"  trigger: {a.render_trigger()}",
            '  action: "Run a script", input variable recordId = the trigger record\'s "Airtable record ID"',
            "",
            SCRIPT.format(name=a.name, trigger=a.trigger, url=url.rstrip("/")),
        ]
    )


def build_locally(
    local_url: str, base_id: str, app_url: str, secret: str, registered: set[str] | None = None
) -> list[dict]:
    """Each automation on the local server (its /_local/ admin route), or those whose trigger is in
    `registered` (the automations a test's catalog has); returns the rules it made."""
    made = []
    for a in AIRTABLE_AUTOMATIONS:
        if registered is not None and a.trigger not in registered:
            continue
        table = TABLES[a.table]
        r = httpx.post(
            f"{local_url.rstrip('/')}/_local/bases/{base_id}/automations",
            json={
                "table": table.name,
                "conditions": [{"field": table[k].name, "op": op, "value": v} for k, op, v in a.conditions],
                "url": f"{app_url.rstrip('/')}/api/triggers/{a.trigger}",
                "headers": {"X-Trigger-Secret": secret},
            },
            timeout=10,
            trust_env=False,  # a local address: no proxy from the environment
        )
        if r.status_code != 200:
            raise SystemExit(f"airtable_automations: the local server refused {a.name!r}: {r.text}")
        made.append(r.json())
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="https://<deployment>", help="the app's base URL")
    parser.add_argument("--local", help="the local Airtable-compatible server: build them there")
    parser.add_argument("--base", help="with --local: the base id")
    args = parser.parse_args(argv)
    if args.local:
        secret = os.environ.get("TRIGGER_SECRET")
        if not (args.base and secret):
            parser.error("--local needs --base and TRIGGER_SECRET in the environment")
        for rule in build_locally(args.local, args.base, args.url, secret):
            print(f"airtable_automations: built {json.dumps(rule)}")
        return 0
    for a in AIRTABLE_AUTOMATIONS:
        print(instructions(a, args.url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
