"""The notes' first-line heading (who, which session, when) is not the start of the client's summary."""

from __future__ import annotations

from datetime import date

import pytest

from automation.sessions.draft import NotesInput
from automation.sessions.heading import heading_rest
from automation.sessions.rules_drafter import draft_by_rules


@pytest.mark.parametrize(
    ("line", "client", "rest"),
    [
        ("Ingrid Solberg — session 6 — 14 March 2028", "Ingrid Solberg", None),
        ("IS / s6 / 14.03", "Ingrid Solberg", None),
        ("Ingrid - call notes 3/14", "Ingrid Solberg", None),
        ("Session 6 w/ Ingrid.", "Ingrid Solberg", None),
        ("Ingrid Solberg, 14 Mar 2028", "Ingrid Solberg", None),
        ("Notes - Ingrid S., 3/14", "Ingrid Solberg", None),
        ("IS - check-in (45 min)", "Ingrid Solberg", None),
        ("Ingrid – supply chain restructure", "Ingrid Solberg", "supply chain restructure"),
        # not a heading: a sentence, a list of people, a line with a colon, someone else's name
        ("Ingrid, Tove and Lars agreed the plan", "Ingrid Solberg", "Ingrid, Tove and Lars agreed the plan"),
        (
            "Ingrid came in tired: the merger is late",
            "Ingrid Solberg",
            "Ingrid came in tired: the merger is late",
        ),
        ("Lars - session 2", "Ingrid Solberg", "Lars - session 2"),
        ("Good session", "Ingrid Solberg", "Good session"),
    ],
)
def test_heading_rest(line: str, client: str, rest: str | None) -> None:
    assert heading_rest(line, client) == rest


def test_summary__starts_with_what_happened_not_the_heading() -> None:
    notes = (
        "Ingrid Solberg — session 6 — 14 March 2028\n"
        "The merger integration is three weeks late and her team is tired.\n"
        "We used the Change Curve to place each of her four leads.\n"
        "- Ingrid to hold a one-to-one with each lead by Friday."
    )
    inp = NotesInput(notes, date(2028, 3, 14), "Ingrid Solberg", "Sarah Cave", None)
    summary = draft_by_rules(inp).summary
    assert summary.startswith("The merger integration is three weeks late"), summary
    assert "session 6" not in summary and "14 March" not in summary
