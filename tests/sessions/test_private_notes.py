"""The writer's private lines (notes to self, her read of the client, what she takes to supervision) stay
out of what the client reads: the summary, key outcomes, next topics and the items. Written before the
rule, from what a coach expects: a line or a section she marks for herself is hers alone; a private-looking
word inside the client's own item ("her observations with the board") is not a marker."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from automation.sessions.draft import NotesInput
from automation.sessions.rules_drafter import draft_by_rules

SESSION = date(2026, 3, 3)
NEXT = date(2026, 3, 17)


@dataclass
class Case:
    id: str
    notes: str
    private: list[str]  # words of the private lines: none may reach the client-facing fields
    public: list[str]  # what the summary, outcomes or topics should still say
    writer_items: list[str] = field(default_factory=list)  # the writer's own to-dos kept from private lines
    client_items: list[str] = field(default_factory=list)  # the client's items that must still be drafted
    client: str = "Dana Whitfield"
    author: str = "coach"


CASES = [
    Case(
        "my-read-inline",
        "Session 3 with Dana on her team's missed deadlines.\n"
        "She realised she rescues the team instead of coaching them.\n"
        "My read: she is defensive and may be burning out.\n"
        "- Dana to hold a retro with the team by Friday.\n",
        ["defensive", "burning out"],
        ["rescues the team"],
        client_items=["retro"],
    ),
    Case(
        "note-to-self-item",
        "Worked on the 360 debrief plan with Dana.\n"
        "She agreed to share the headline themes with her boss.\n"
        "Note to self: raise the 360 carefully, she bristles at criticism.\n"
        "NTS: send her the article on feedback.\n",
        ["bristles", "criticism"],
        ["360 debrief plan"],
        writer_items=["article", "raise the 360"],
    ),
    Case(
        "supervision-line",
        "Dana wants to restructure her leadership team around the two product lines.\n"
        "We mapped the stakeholders and she decided to speak to the CFO first.\n"
        "For supervision: I felt stuck when she went quiet and I over-talked.\n",
        ["stuck", "over-talked"],
        ["restructure her leadership team", "speak to the CFO"],
    ),
    Case(
        "observations-section",
        "Goal:\nPrepare for the board presentation in April.\n\n"
        "Discussion:\nWalked through the storyline of her deck and the three asks.\n"
        "She landed on leading with the customer numbers.\n\n"
        "Observations:\nShe seemed anxious and tired, fidgeting throughout.\n"
        "Possible imposter pattern, worth exploring gently.\n\n"
        "Actions:\n- Dana to rehearse the opening with her COO by Thursday.\n",
        ["anxious", "fidgeting", "imposter"],
        ["customer numbers"],
        client_items=["rehearse"],
    ),
    Case(
        "private-heading-markdown",
        "## Session notes\n"
        "Dana talked through the conflict between her two senior managers.\n"
        "She agreed to meet them together next week.\n"
        "## Private (coach only)\n"
        "I suspect she avoids conflict because of her last role.\n"
        "Check my own bias here - I like one of the managers more.\n"
        "## Next time\n"
        "How the joint meeting went\n",
        ["suspect", "bias", "last role"],
        ["conflict between her two senior managers", "joint meeting"],
    ),
    Case(
        "not-for-client-tag",
        "Dana is preparing for the restructure announcement on the 20th.\n"
        "She is worried the team will read it as a demotion (not for client: I think she is right).\n"
        "Her husband's illness is weighing on her [private].\n"
        "- Dana to draft the announcement email by Monday.\n",
        ["I think she is right", "husband", "illness"],
        ["restructure announcement"],
        client_items=["announcement email"],
    ),
    Case(
        "no-private-lines",
        "Dana came in energised after the offsite.\n"
        "She shared her observations from the offsite and decided to drop two projects.\n"
        "She'll raise her observations with the board on the 12th.\n"
        "My role today was mostly to listen.\n",
        [],
        ["energised after the offsite", "drop two projects"],
        client_items=["observations with the board"],
    ),
    Case(
        "coach-notes-heading-and-confidential",
        "Coach notes:\n"
        "Dana is leading a confidential restructure; the layoffs are not public yet.\n"
        "Confidential: she decided to tell her deputy first.\n"
        "- Dana to brief HR on the timeline by Friday.\n",
        [],
        ["confidential restructure", "tell her deputy first"],
        client_items=["brief hr"],
    ),
    Case(
        "experiment-hypothesis-is-the-clients",
        "Experiment agreed.\n"
        "Hypothesis: if she delegates the weekly report she gets five hours back.\n"
        "- Dana to delegate the report to Sam by Friday.\n",
        [],
        ["five hours back"],
        client_items=["delegate the report"],
    ),
    Case(
        "note-to-self-heading",
        "Good session on priorities.\n"
        "Note to self:\n- send her the Eisenhower article\n- she seems tired, go easy next time\n\n"
        "Actions:\n- Dana to block two focus mornings this week\n",
        ["tired", "go easy"],
        ["session on priorities"],
        writer_items=["eisenhower article"],
        client_items=["focus mornings"],
    ),
    Case(
        "client-word-read",
        "Dana has read the Five Dysfunctions book and wants to use it with her team.\n"
        "Her read of the market is that they must move faster on pricing.\n"
        "She decided to run the pricing workshop herself.\n",
        [],
        ["Five Dysfunctions", "pricing workshop"],
    ),
    Case(
        "associate-hypothesis",
        "Ran the session with Dana, Sarah to get the recording.\n"
        "Dana reviewed her first 90 days and named delegation as the gap.\n"
        "My hypothesis: she does not trust her deputy and is hiding it.\n"
        "I'll send Sarah the session summary tomorrow.\n",
        ["trust her deputy", "hiding it"],
        ["first 90 days"],
        author="associate",
    ),
    Case(
        "my-sense-prose",
        "Good session. Dana set out her plan for the reorg and chose the hub model.\n"
        "My sense is that she is more anxious about this than she lets on.\n"
        "My impression was that the CEO is pushing her too hard.\n"
        "Next session: the reorg communication plan\n",
        ["more anxious", "pushing her too hard"],
        ["hub model", "reorg communication plan"],
    ),
    Case(
        "nts-dash-and-bullets",
        "Notes - Dana - session 6\n"
        "* reviewed the hiring plan with her HR partner\n"
        "* NTS - she's stretched thin, don't push the extra module\n"
        "* NTS - book the 3-way with her sponsor before the next session\n"
        "* Dana to send me the org chart by Wednesday\n",
        ["stretched thin", "extra module"],
        ["hiring plan"],
        writer_items=["3-way"],
        client_items=["org chart"],
    ),
    Case(
        "private-notes-section-end",
        "Private notes:\n"
        "- tearful when talking about her father\n"
        "- possibly grief affecting work\n\n"
        "Summary:\n"
        "Dana worked on her priorities for the quarter and agreed to cut the vendor review.\n"
        "Next time: the delegation plan\n",
        ["tearful", "father", "grief"],
        ["priorities for the quarter", "delegation plan"],
    ),
    Case(
        "reflection-for-supervision-section",
        "Dana presented the draft strategy to her peers on Monday and it went well.\n"
        "She recognised she now asks before she tells.\n"
        "Reflections for supervision:\n"
        "I noticed I wanted to rescue her when she hesitated.\n"
        "Am I colluding with her avoidance?\n",
        ["rescue her", "colluding"],
        ["draft strategy", "asks before she tells"],
    ),
    # Notes written partly in the coach's own language (the drafter reads French, Spanish, German, ...
    # action verbs): her note to herself in that language is as private as "Note to self:".
    Case(
        "note-to-self-french",
        "Dana - first session. Contexte: elle reprend la direction after the founder left.\n"
        "We worked on her first 90 days with the GROW model.\n"
        "Actions:\n"
        "- Dana to write her three priorities for the quarter by Friday\n"
        "- I'll send her the GROW worksheet tomorrow\n"
        "Note pour moi: elle semble épuisée, je me demande si elle tiendra - en parler en supervision.\n"
        "Next time: how the one-to-ones went.\n",
        ["épuisée", "en parler en supervision"],
        ["first 90 days"],
        client_items=["three priorities"],
    ),
    Case(
        "private-words-other-languages",
        "Dana reviewed the hiring plan with her HR partner.\n"
        "Notiz für mich: sie wirkt erschöpft.\n"
        "Nota para mí - parece agotada.\n"
        "Privé : je la trouve fragile.\n"
        "Nota per me: sembra stanca.\n"
        "- Dana to send me the org chart by Wednesday\n",
        ["erschöpft", "agotada", "fragile", "stanca"],
        ["hiring plan"],
        client_items=["org chart"],
    ),
]


def _draft(case: Case):
    inp = NotesInput(
        case.notes,
        SESSION,
        case.client,
        "Sarah Cave",
        NEXT,
        associate_names=("Leo Marsh",),
        author=case.author,
    )
    return draft_by_rules(inp)


def _client_text(draft) -> str:
    return "\n".join([draft.summary, *draft.key_outcomes, *draft.next_topics])


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_private_lines__never_in_the_client_facing_fields(case: Case) -> None:
    draft = _draft(case)
    shown = _client_text(draft).lower()
    for words in case.private:
        assert words.lower() not in shown, (words, shown)
    for item in draft.action_items:  # whoever's: an item's words may reach an email or the client's list
        for words in case.private:
            assert words.lower() not in item.description.lower(), (words, item)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_private_lines__the_rest_of_the_notes_still_drafted(case: Case) -> None:
    draft = _draft(case)
    shown = _client_text(draft).lower()
    for words in case.public:
        assert words.lower() in shown, (words, shown)
    clients = " | ".join(i.description.lower() for i in draft.action_items if i.owner == "client")
    for words in case.client_items:
        assert words.lower() in clients, (words, clients)


@pytest.mark.parametrize("case", [c for c in CASES if c.writer_items], ids=lambda c: c.id)
def test_note_to_self__a_to_do_stays_the_writers_item(case: Case) -> None:
    """'NTS: send her the article' is a thing the writer must do: kept as her own item (not client-visible
    by default), so the reminder is tracked; the private judgement beside it is not in its words."""
    draft = _draft(case)
    mine = [i for i in draft.action_items if i.owner == case.author]
    for words in case.writer_items:
        assert any(words.lower() in i.description.lower() for i in mine), (words, draft.action_items)
        assert words.lower() not in _client_text(draft).lower()  # her reminder, not the client's recap


def test_private_line__gives_the_client_no_item() -> None:
    """A client's action written inside the writer's private note is the writer's thought, not something
    the client agreed: no client item (so nothing of it reaches her list or email)."""
    notes = (
        "Dana reviewed the quarter's numbers with me.\n"
        "Private: she should really apologise to her deputy, but she isn't ready to hear it.\n"
    )
    draft = draft_by_rules(NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", NEXT))
    assert not [i for i in draft.action_items if i.owner == "client"], draft.action_items
    assert "apologise" not in _client_text(draft).lower()


def test_client_own_recap__her_read_is_hers_to_see() -> None:
    """Notes that are the client's own email to the coach: 'My read' there is the client's, not a coach's
    private line, and it may stand in her summary."""
    notes = (
        "Hi Sarah,\nThanks for today. We worked through the pricing options for the new range.\n"
        "My read: the team is not ready for the price rise yet.\nI will send you the draft plan by Friday.\n"
        "Thanks, Dana"
    )
    draft = draft_by_rules(NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", NEXT))
    assert "not ready for the price rise" in draft.summary
