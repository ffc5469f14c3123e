"""The model's answer read into the notes model: what an OpenAI-compatible endpoint may send besides the
strict JSON (fences, prose, capitalised enums, dates in words, markdown, duplicates) is read as meant;
an answer without a summary or without its action items does not fit."""

from __future__ import annotations

import json
from datetime import date

import pytest

from automation.ai.answer import Unfit, answer_json, plain, to_draft
from automation.sessions.draft import ModelRef, NotesInput

INP = NotesInput(
    "Dana to hand the weekly KPI report to Sam by Friday.",
    date(2026, 3, 3),  # a Tuesday
    "Dana Whitfield",
    "Sarah Cave",
    date(2026, 3, 17),
    models=(ModelRef("GROW Model"), ModelRef("Radical Candor"), ModelRef("Drama Triangle", ("Karpman",))),
)
WITH_ASSOCIATE = NotesInput(
    INP.raw_notes, INP.session_date, INP.client_name, INP.coach_name, INP.next_session, ("Owen Price",)
)


def item(**over) -> dict:
    return {"description": "Hand the weekly KPI report to Sam", "owner": "client", "due": "2026-03-06",
            "priority": "Medium", "tentative": False, "receipt": "“Dana to hand …” — by Friday",
            **over}  # fmt: skip


def answer(**over) -> dict:
    return {"summary": "Dana worked on delegation.", "key_outcomes": ["The report moves to Sam"],
            "action_items": [item()], "leadership_models": [], "next_topics": ["The handover"],
            **over}  # fmt: skip


def draft(data: dict, inp: NotesInput = INP):
    return to_draft(data, inp, "AI: test")


@pytest.mark.parametrize(
    "content",
    [
        "```json\n{}\n```",
        "```\n{}\n```",
        "Here are the structured notes:\n\n{}\n\nLet me know if you need changes.",
        "  {}  ",
    ],
    ids=["json-fence", "bare-fence", "prose-around", "whitespace"],
)
def test_answer_json__the_object_inside_fences_or_prose(content: str) -> None:
    data = answer_json(content.replace("{}", json.dumps(answer())))
    assert data["summary"] == "Dana worked on delegation." and len(data["action_items"]) == 1


@pytest.mark.parametrize(
    "content",
    ["", "   ", None, "I'm sorry, I can't help with that.", json.dumps([answer()]), '{"summary": "cut sh'],
    ids=["empty", "blank", "none", "prose-refusal", "top-level-list", "truncated"],
)
def test_answer_json__no_object_does_not_fit(content) -> None:
    with pytest.raises(Unfit):
        answer_json(content)


def test_answer_json__key_names_as_a_model_may_write_them() -> None:
    data = answer_json(json.dumps({"Summary": "S", "keyOutcomes": [], "Action Items": [], "next-topics": []}))
    assert set(data) == {"summary", "key_outcomes", "action_items", "next_topics"}


def test_to_draft__extra_keys_ignored_missing_lists_empty() -> None:
    data = answer(confidence=0.9)
    del data["next_topics"], data["leadership_models"], data["key_outcomes"]
    data["action_items"] = [item(notes="extra")]
    d = draft(data)
    assert (d.key_outcomes, d.next_topics, d.leadership_models) == ([], [], [])
    assert d.action_items[0].description == "Hand the weekly KPI report to Sam"


@pytest.mark.parametrize(
    "data",
    [
        {k: v for k, v in answer().items() if k != "action_items"},
        {k: v for k, v in answer().items() if k != "summary"},
        answer(summary="   "),
        answer(action_items="Hand the report to Sam"),
        answer(action_items=[item() for _ in range(61)]),
    ],
    ids=["no-items-list", "no-summary", "blank-summary", "items-not-a-list", "sixty-one-items"],
)
def test_to_draft__an_answer_without_its_core_does_not_fit(data: dict) -> None:
    with pytest.raises(Unfit):
        draft(data)


@pytest.mark.parametrize(
    ("owner", "inp", "want"),
    [
        ("Client", INP, "client"),
        ("COACH", INP, "coach"),
        ("Dana", INP, "client"),
        ("Dana Whitfield", INP, "client"),
        ("Sarah", INP, "coach"),
        ("me", INP, "coach"),
        ("associate", INP, "coach"),  # no associate on this session: the lead coach ran it
        ("Owen", WITH_ASSOCIATE, "associate"),
        ("associate", WITH_ASSOCIATE, "associate"),
    ],
)
def test_to_draft__owners_read_as_meant(owner: str, inp: NotesInput, want: str) -> None:
    assert draft(answer(action_items=[item(owner=owner)]), inp).action_items[0].owner == want


@pytest.mark.parametrize("owner", [None, "", "Sam", "HR"], ids=["null", "empty", "colleague", "team"])
def test_to_draft__no_owner_or_someone_else_is_the_coachs_to_review(owner) -> None:
    (i,) = draft(answer(action_items=[item(owner=owner)])).action_items
    assert i.owner == "coach"  # never shown to the client on a guess
    assert "coach's to review" in i.receipt and (not owner or owner in i.receipt)


@pytest.mark.parametrize(
    ("due", "want"),
    [
        ("2026-03-06", date(2026, 3, 6)),
        ("2026-03-06T17:00:00Z", date(2026, 3, 6)),
        ("Friday", date(2026, 3, 6)),
        ("next Friday", date(2026, 3, 13)),  # that day of the following week, as the rules read it
        ("end of the month", date(2026, 3, 31)),
        ("before our next session", date(2026, 3, 17)),
        ("2026-03-03", date(2026, 3, 3)),  # the session day itself
        (None, None),
        ("null", None),
        ("", None),
    ],
)
def test_to_draft__due_dates_iso_or_in_words(due, want) -> None:
    assert draft(answer(action_items=[item(due=due)])).action_items[0].due == want


@pytest.mark.parametrize(
    ("notes", "want"),
    [
        ("Dana to send the plan by 3/20 and book the offsite for 4/5.", date(2026, 4, 5)),  # month first
        ("Dana to send the plan by 20/3 and book the offsite for 4/5.", date(2026, 5, 4)),  # day first
    ],
)
def test_to_draft__a_numeric_date_in_the_answer_is_read_as_the_notes_write_theirs(notes: str, want) -> None:
    inp = NotesInput(notes, INP.session_date, INP.client_name, INP.coach_name, INP.next_session)
    assert draft(answer(action_items=[item(due="4/5")]), inp).action_items[0].due == want


@pytest.mark.parametrize("due", ["2026-02-20", "2025-03-06", "soonish", "31/02/2026"])
def test_to_draft__a_date_before_the_session_or_no_date_is_dropped_and_said(due: str) -> None:
    (i,) = draft(answer(action_items=[item(due=due)])).action_items
    assert i.due is None and f"'{due}'" in i.receipt and "dropped" in i.receipt


@pytest.mark.parametrize(
    ("priority", "tentative", "want"),
    [("high", False, "High"), ("URGENT", False, "High"), (None, False, "Medium"),
     ("whenever", False, "Medium"), ("low", False, "Low"), ("High", True, "Low"), ("High", "true", "Low")],
)  # fmt: skip
def test_to_draft__priority_normalised_and_low_when_tentative(priority, tentative, want) -> None:
    (i,) = draft(answer(action_items=[item(priority=priority, tentative=tentative)])).action_items
    assert i.priority == want and i.tentative is (tentative in (True, "true"))


def test_to_draft__duplicates_once_empty_ones_dropped() -> None:
    d = draft(answer(action_items=[
        item(due=None), item(description="hand the weekly KPI report to Sam."), item(description="  "),
        item(description="Hand the weekly KPI report to Sam", owner="coach"), "not an item",
    ]))  # fmt: skip
    friday = date(2026, 3, 6)
    assert [(i.owner, i.due) for i in d.action_items] == [("client", friday), ("coach", friday)]


def test_to_draft__forty_items_all_kept() -> None:
    items = [item(description=f"Call stakeholder {n} about the plan") for n in range(40)]
    d = draft(answer(action_items=items))
    assert len(d.action_items) == 40


def test_to_draft__models_by_title_alias_or_a_name_containing_one() -> None:
    names = ["grow model", "GROW", "Made Up Model", "Karpman", "the Radical Candour framework", "GROW Model"]
    assert draft(answer(leadership_models=names)).leadership_models == [
        "GROW Model", "Drama Triangle", "Radical Candor"]  # fmt: skip


def test_to_draft__markdown_made_plain_and_bullets_dropped() -> None:
    d = draft(answer(
        summary="## Summary\n**Dana** worked on _delegation_ and [the plan](https://x.example).",
        key_outcomes=["- **Decided** to delegate", "* Second", "Second"],
        next_topics="1. The handover\n2. Budget",
    ))  # fmt: skip
    assert d.summary == "Summary\nDana worked on delegation and the plan."
    assert d.key_outcomes == ["Decided to delegate", "Second"] and d.next_topics == ["The handover", "Budget"]


def test_plain__keeps_what_is_not_markdown() -> None:
    assert plain("3 * 4 = 12, snake_case_name, C# and 2*x") == "3 * 4 = 12, snake_case_name, C# and 2*x"
