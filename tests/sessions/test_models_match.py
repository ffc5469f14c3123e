"""Leadership models named in notes, by title, short title, acronym, number words and author."""

from __future__ import annotations

import pytest

from automation.sessions.draft import ModelRef
from automation.sessions.models_match import match_models

CATALOG = [
    ModelRef("GROW Model"),
    ModelRef("Five Dysfunctions of a Team"),
    ModelRef("Kotter's 8 Steps"),
    ModelRef("Emotional Intelligence Map"),
    ModelRef("Strategy Canvas"),
    ModelRef("OKRs for Leaders"),
    ModelRef("Situational Leadership II (SLII)"),
    ModelRef("Drama Triangle", aliases=("Karpman",)),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We used the GROW model on her goal.", ["GROW Model"]),
        ("Walked through GROW.", ["GROW Model"]),
        ("Beatriz - OKR planning for Q1.", ["OKRs for Leaders"]),
        ("they're stuck at the first of the 5 dysfunctions", ["Five Dysfunctions of a Team"]),
        ("used Kotter's eight steps", ["Kotter's 8 Steps"]),
        ("Kotter again: guiding coalition", ["Kotter's 8 Steps"]),
        ("EI map on the trigger", ["Emotional Intelligence Map"]),
        ("reviewed her OKRs", ["OKRs for Leaders"]),
        ("placed her team on the SLII grid", ["Situational Leadership II (SLII)"]),
        ("the Karpman triangle came up", ["Drama Triangle"]),
    ],
)
def test_match_models__names_and_aliases(text: str, expected: list[str]) -> None:
    assert match_models(text, CATALOG) == expected


def test_match_models__two_letter_short_forms_but_not_peoples_initials() -> None:
    catalog = [ModelRef("Situational Leadership"), ModelRef("Strategy Canvas")]
    assert match_models("SL: both leads at D3", catalog) == ["Situational Leadership"]
    assert match_models("SC: send the article", catalog, frozenset({"SC", "DW"})) == []


@pytest.mark.parametrize(
    "text",
    ["she wants to grow the team", "we talked about her strategy for next year", "sent the map over"],
)
def test_match_models__ordinary_words_are_not_models(text: str) -> None:
    assert match_models(text, CATALOG) == []


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Eisenhower Matrix", "Mapped her week on the urgent/important grid."),
        ("SBI Feedback Model", "Gave feedback using situation-behaviour-impact."),  # British spelling
        ("Five Dysfunctions of a Team", "Lencioni pyramid: absence of trust at the base."),
        ("Adaptive Leadership", "We separated the adaptive challenges from the technical problems."),
        ("Radical Candor", "Radical candour with her boss."),
        ("Skill/Will Matrix", "Used skill will to look at Jo."),
        ("Feedforward", "A feed-forward exercise with her peers."),
        ("Johari Window", "The Johari window showed two blind spots."),
    ],
)
def test_models__named_by_their_idea_author_or_spelling(title: str, text: str) -> None:
    assert match_models(text, [ModelRef(title)]) == [title]


@pytest.mark.parametrize(
    "text",
    [
        "He wants to grow the team to 40 by Q3.",
        "There was drama in the team again.",  # "Drama Triangle" is not named by "drama"
        "She is a skilled engineer and will lead the squad.",  # not Skill/Will
        "His team lacks trust and he is under pressure.",
    ],
)
def test_models__everyday_words_are_not_models(text: str) -> None:
    catalog = [
        ModelRef(t)
        for t in ("GROW Model", "Drama Triangle", "Skill/Will Matrix", "Five Dysfunctions of a Team")
    ]
    assert match_models(text, catalog) == []


def test_models__a_lower_case_acronym_after_a_verb_of_using_it() -> None:
    catalog = [ModelRef("SCARF Model"), ModelRef("GROW Model")]
    assert match_models("did scarf, autonomy is the big one for him", catalog) == ["SCARF Model"]
    assert match_models("used grow on her promotion goal", catalog) == ["GROW Model"]
    assert match_models("she did grow her team this year", catalog) == []  # a verb with its object
