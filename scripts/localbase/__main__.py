"""``python -m scripts.localbase``: serve the local Airtable double until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from scripts.localbase.server import LocalBase, LocalBaseHTTPServer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m scripts.localbase", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    p.add_argument("--db", default=None, help="SQLite file (in memory when omitted)")
    p.add_argument("--rate-limit", type=int, default=5, help="requests per second per base; 0 = off")
    p.add_argument(
        "--penalty-s", type=float, default=30.0, help="after a 429, the base answers 429 this long; 0 = off"
    )
    p.add_argument("--latency-ms", type=int, default=0, help="added to every API request")
    p.add_argument("--token", action="append", default=[], help="accept only these tokens (repeatable)")
    p.add_argument("--timing-scale", type=float, default=1.0, help="scales webhook retry backoff")
    p.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    lb = LocalBase(
        db=args.db,
        rate_limit=args.rate_limit,
        penalty_s=args.penalty_s,
        latency_ms=args.latency_ms,
        tokens=args.token,
        timing_scale=args.timing_scale,
    )
    try:
        server = LocalBaseHTTPServer((args.host, args.port), lb, verbose=args.verbose)
    except OSError as exc:
        print(f"localbase: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="localbase-http", daemon=True
    )
    thread.start()
    print(f"localbase: serving {server.url}", flush=True)
    print("localbase: ready", flush=True)
    while not stop.wait(0.5):  # a timed wait, so signals are handled promptly
        pass
    server.shutdown()
    server.server_close()
    lb.close()
    print("localbase: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
