"""Run the app under uvicorn with a given catalog: `python -m tests.events.app_process PORT MODULES`.

The app reads its configuration from the environment like in production; only the catalog is replaced
(from outside the production code, so test automations never ship, and the event tests do not depend on
which capability automations exist).
"""

from __future__ import annotations

import sys

from automation import registry


def main() -> None:
    port = int(sys.argv[1])
    registry.CATALOG = tuple(m for m in (sys.argv[2] if len(sys.argv) > 2 else "").split(",") if m)
    import uvicorn

    uvicorn.run("api.index:app", host="127.0.0.1", port=port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
