"""Print the coach's dashboard link and each associate's page link (signed with APP_SECRET).

    python -m scripts.report_links

Give each associate only their own link: it opens their clients, sessions and open action items, nothing
else. Changing APP_SECRET revokes every link (and the unsubscribe links in emails already sent).
"""

from __future__ import annotations

import argparse
import sys

from automation.reports.links import associate_token, dashboard_token
from scripts._cli import CliError, guarded, load_config, make_api
from scripts.setup.match import match_base


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="python -m scripts.report_links", description=__doc__.split("\n")[0]
    ).parse_args(argv)

    def run() -> int:
        config = load_config()
        secret = config.app_secret.get_secret_value() if config.app_secret else None
        if not secret:
            raise CliError("APP_SECRET is not set: it signs the links")
        base = config.public_base_url.rstrip("/")
        print(f"Dashboard: {base}/api/dashboard?token={dashboard_token(secret)}")
        api = make_api(config)
        tables = match_base(api.get(api.build_url("meta/bases", config.airtable_base_id, "tables")))
        assoc = tables["associates"]
        if not assoc.found:
            raise CliError("the base has no Associates table: run python -m scripts.setup_base first")
        name_field = assoc.fields["name"].field
        for rec in api.table(config.airtable_base_id, assoc.table["id"]).all():
            name = rec["fields"].get(name_field["name"], rec["id"]) if name_field else rec["id"]
            print(f"{name}: {base}/api/associate?token={associate_token(secret, rec['id'])}")
        return 0

    return guarded(run)


if __name__ == "__main__":
    sys.exit(main())
