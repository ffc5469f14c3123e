"""Draft session notes from raw notes, for the coach to try and for evaluation; prints the draft as JSON.

    python -m scripts.draft_notes --date 2026-03-03 [--next-session 2026-03-17] --client "Dana Whitfield"
        [--coach "Sarah Cave"] [--models "GROW Model, Radical Candor"] [--drafter rules|ai] [FILE | -]

The rules drafter needs nothing; the AI drafter needs OPENAI_API_KEY (and honours OPENAI_MODEL and
OPENAI_BASE_URL) and falls back to the rules, saying so on stderr, when the call fails.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from automation.sessions.draft import ModelRef, NotesInput
from automation.sessions.rules_drafter import draft_by_rules


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m scripts.draft_notes", description=__doc__.split("\n")[0])
    p.add_argument("--date", type=_date, required=True, help="session date, YYYY-MM-DD")
    p.add_argument("--next-session", type=_date, default=None, help="next session date, YYYY-MM-DD")
    p.add_argument("--client", required=True, help="the client's name")
    p.add_argument("--coach", default="", help="the coach's name ('I' in her notes)")
    p.add_argument("--models", default="", help='leadership models to match, comma-separated: "A, B"')
    p.add_argument(
        "--time-zone", default="", help="the business's time zone (reads 3/4 month first in the US)"
    )
    p.add_argument("--drafter", choices=("rules", "ai"), default="rules")
    p.add_argument("file", nargs="?", default="-", help="raw notes file, or - for stdin (default)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    raw = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    models = tuple(ModelRef(m.strip()) for m in args.models.split(",") if m.strip())
    inp = NotesInput(
        raw_notes=raw,
        session_date=args.date,
        client_name=args.client,
        coach_name=args.coach,
        next_session=args.next_session,
        models=models,
        time_zone=args.time_zone,
    )
    if args.drafter == "ai":
        from scripts._draft_ai import draft_with_ai  # the OpenAI SDK only when asked for

        draft = draft_with_ai(inp)
    else:
        draft = draft_by_rules(inp)
    print(json.dumps(draft.model_dump(mode="json"), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
