"""The rules drafter on input nobody meant to paste: it never raises, and a huge note is read in pieces."""

from __future__ import annotations

from datetime import date

import pytest

from automation.sessions.draft import ModelRef, NotesInput
from automation.sessions.rules_drafter import draft_by_rules
from automation.sessions.segments import LONGEST_SENTENCE, split_sentences

SESSION = date(2026, 3, 3)  # Tuesday


def draft(notes: str, next_session: date | None = date(2026, 3, 17)):  # type: ignore[no-untyped-def]
    inp = NotesInput(
        notes, SESSION, "Dana Whitfield", "Sarah Cave", next_session, models=(ModelRef("GROW Model"),)
    )
    return draft_by_rules(inp)


ODD = {
    "empty": "",
    "whitespace": " \n\t \r\n  ",
    "emoji only": "😀🎉🔥🙏" * 150,
    "html": "<html><body><p>Dana will <b>send</b> the deck by Friday.</p><script>x()</script></body></html>",
    "nul and control characters": "Dana\x00 will send\x0b the deck\x1b.",
    "punctuation only": "!?.,;:-–—•*|()[]" * 500,
    "impossible dates": "Dana to send it by 31/2; me: call on 99/99; by the 31st of February; in 9999 wks.",
    "unclosed brackets": "(" * 3000 + "[" * 3000 + "Dana will send the deck",
    "labels only": "Dana: me: I: you: coach: " * 2000,
    "table of pipes": "| Who | What | When |\n" + "| | | |\n" * 2000,
    "right to left": "دانا سترسل العرض يوم الجمعة",
}


@pytest.mark.parametrize("name", sorted(ODD))
@pytest.mark.parametrize("next_session", [date(2026, 3, 17), None])
def test_odd_input__drafts_without_raising(name: str, next_session: date | None) -> None:
    d = draft(ODD[name], next_session)
    assert d.summary  # something to show, even for nothing
    for item in d.action_items:
        assert item.description.strip()


def test_an_iso_date_that_names_no_day__is_the_item_without_a_date() -> None:
    """A typo such as 2026-02-30 is no date; it must not cost the notes their draft."""
    (item,) = draft("Dana to send the deck to Sam by 2026-02-30.").action_items
    assert (item.owner, item.due) == ("client", None) and "2026-02-30" in item.receipt


def test_windows_line_endings_and_tabs__read_like_plain_lines() -> None:
    plain = "- Dana to send the deck by Friday\n- me:\tsend the GROW worksheet\n"
    crlf = plain.replace("\n", "\r\n").replace("- me:", "-\tme:")
    assert [i.model_dump() for i in draft(crlf).action_items] == [
        i.model_dump() for i in draft(plain).action_items
    ]
    assert len(draft(plain).action_items) == 2


def test_html_pasted_in__still_yields_the_commitment_in_it() -> None:
    found = draft(ODD["html"]).action_items
    assert [(i.owner, str(i.due)) for i in found] == [("client", "2026-03-06")]


def test_a_run_on_dictation__is_read_in_pieces_that_end_where_a_clause_ends() -> None:
    text = "she will call the board chair and I will send her the worksheet " * 60
    pieces = split_sentences(text)
    assert len(pieces) > 1 and all(len(p) <= LONGEST_SENTENCE for p in pieces)
    assert all(p.endswith(("chair", "worksheet")) for p in pieces[:-1])  # never inside a clause
    assert " ".join(pieces) == text.strip()


def test_a_run_on_without_spaces__is_still_cut() -> None:
    pieces = split_sentences("x" * (3 * LONGEST_SENTENCE))
    assert [len(p) for p in pieces] == [LONGEST_SENTENCE] * 3


def test_fifty_kilobytes_of_dictation__keeps_the_actions_at_both_ends() -> None:
    filler = "we talked about the team and the budget and the quarter "
    notes = (
        "Dana will call the board chair by Friday and "
        + filler * (50_000 // len(filler))
        + "and I will send her the GROW worksheet tomorrow"
    )
    found = {(i.owner, str(i.due)) for i in draft(notes).action_items}
    assert found == {("client", "2026-03-06"), ("coach", "2026-03-04")}
