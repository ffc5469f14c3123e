"""The AI drafter for the CLI: configuration from the environment, the rules when it cannot run."""

from __future__ import annotations

import sys

from automation.sessions.draft import NotesDraft, NotesInput
from automation.sessions.rules_drafter import draft_by_rules


def draft_with_ai(inp: NotesInput) -> NotesDraft:
    try:
        from automation.ai.notes import AiUnavailable, draft_notes_ai, openai_settings_from_env
    except ImportError:
        print("AI drafter not available: the rules drafted these notes", file=sys.stderr)
        return draft_by_rules(inp)
    try:
        result = draft_notes_ai(inp, openai_settings_from_env())
    except AiUnavailable as exc:
        print(f"AI drafter not used ({exc}): the rules drafted these notes", file=sys.stderr)
        return draft_by_rules(inp)
    if result.fallback_reason:
        print(f"AI draft failed ({result.fallback_reason}): the rules drafted these notes", file=sys.stderr)
    return result.draft
