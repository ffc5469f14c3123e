"""The deterministic drafter's rules: owners, hedges, dates, receipts and the other parts of the draft."""

from __future__ import annotations

from datetime import date

import pytest

from automation.sessions.draft import ActionItemDraft, ModelRef, NotesInput
from automation.sessions.rules_drafter import RULES_DRAFTER, draft_by_rules

SESSION = date(2026, 3, 3)  # Tuesday
NEXT = date(2026, 3, 17)


def items(notes: str, client: str = "Dana Whitfield", **kw: object) -> list[ActionItemDraft]:
    inp = NotesInput(notes, SESSION, client, "Sarah Cave", NEXT, **kw)  # type: ignore[arg-type]
    return draft_by_rules(inp).action_items


def only(notes: str, **kw: object) -> ActionItemDraft:
    found = items(notes, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("notes", "owner"),
    [
        ("I'll send her the worksheet today.", "coach"),
        ("She will book the 1:1s.", "client"),
        ("Dana to book the 1:1s.", "client"),
        ("DW: book the 1:1s", "client"),
        ("- [Sarah] send the template", "coach"),
        ("- me: send the template", "coach"),
        ("Owen (associate coach) will run the survey.", "associate"),
    ],
)
def test_owner__from_names_pronouns_and_tags(notes: str, owner: str) -> None:
    assert only(notes).owner == owner


def test_owner__in_a_transcript_i_is_the_speaker() -> None:
    notes = "Sarah: What will you do?\nDana: I'll talk to Sam tomorrow.\nSarah: And I'll send the notes."
    found = {i.owner: i.description for i in items(notes)}
    assert set(found) == {"client", "coach"}
    assert "Sam" in found["client"] and "notes" in found["coach"]


def test_owner__someone_else_is_not_an_action_item() -> None:
    assert items("Her boss Claire will send the headcount numbers this week.") == []


@pytest.mark.parametrize(
    "notes",
    [
        "Her EA will rebook the quarterly review for next month.",
        "His deputy is going to chair the Monday stand-up.",
        "Dana's assistant will circulate the agenda on Friday.",
    ],
)
def test_owner__someone_the_client_has_is_not_the_client(notes: str) -> None:
    assert items(notes) == []  # their promise, not one the client made


def test_owner__her_own_commitment_is_still_hers() -> None:
    assert only("Her own commitment is to block two mornings for deep work.").owner == "client"


@pytest.mark.parametrize(
    "notes",
    [
        "She might talk to the CEO about it.",
        "Is considering a 360 before deciding.",
        "He wants to think about asking for the role, maybe next month.",
        "- Possibly reach out to Lena for a coffee.",
        "She'll try to leave by six on Fridays.",
    ],
)
def test_tentative__hedged_commitments_stay_tentative(notes: str) -> None:
    item = only(notes)
    assert item.tentative and item.priority == "Low"


def test_tentative__a_firm_commitment_is_firm() -> None:
    assert not only("He will update his timeline doc by Thursday - firm on that one.").tentative


@pytest.mark.parametrize(
    "notes", ["He'll try the pomodoro method in his planning week.", "She will try journaling."]
)
def test_tentative__committing_to_try_something_is_firm(notes: str) -> None:
    # 'try to leave early' hedges the outcome; 'try the method' is a firm promise to do the trial
    assert not only(notes).tentative


@pytest.mark.parametrize(
    "notes",
    [
        "Reflective session, no homework. She is on leave for two weeks.",
        "She did send the memo last week and had the talk with Marco.",
        "Coach: What will you do differently?\nDana: Not sure yet.\nCoach: What else?",
        "",
    ],
)
def test_actions__none_when_nothing_was_agreed(notes: str) -> None:
    assert items(notes) == []


def test_due__resolved_and_stated_in_the_receipt() -> None:
    item = only("Dana to hand the weekly KPI report to Sam by Friday.")
    assert item.due == date(2026, 3, 6)
    assert "“Dana to hand the weekly KPI report to Sam by Friday.”" in item.receipt
    assert "by Friday" in item.receipt


def test_due__missing_is_said_in_the_receipt() -> None:
    item = only("I need to send her the energy audit template.")
    assert item.due is None and "no date given" in item.receipt


def test_due__it_takes_the_date_from_the_next_sentence() -> None:
    item = only("Client: I need to have the succession conversation with Ruth. I'll do it this week.")
    assert "succession conversation" in item.description and item.due == date(2026, 3, 6)


def test_priority__urgent_or_due_within_two_days_is_high() -> None:
    assert only("1. Dana to call the client's COO - urgent.").priority == "High"
    assert only("Dana will send the plan tomorrow.").priority == "High"
    assert only("Dana will send the plan by the end of the month.").priority == "Medium"


def test_draft__models_topics_outcomes_and_label() -> None:
    notes = (
        "Used the GROW model. Dana realised she over-directs Sam.\n"
        "- Dana to hand the report to Sam by Friday.\n"
        "Next time: the handover, her board presentation"
    )
    inp = NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", NEXT, models=(ModelRef("GROW Model"),))
    draft = draft_by_rules(inp)
    assert draft.drafter == RULES_DRAFTER
    assert draft.leadership_models == ["GROW Model"]
    assert draft.next_topics == ["The handover", "Her board presentation"]
    assert any("realised" in o for o in draft.key_outcomes)
    assert draft.summary and "hand the report" not in draft.summary


def test_outcomes__what_was_decided_or_seen_not_the_words_around_it() -> None:
    """Key Outcomes go to the client under that heading: decisions, insights, agreements. A sentence that
    only mentions decisions as a topic, a shift pattern, a line introducing a list, an agenda heading or
    an outcome said to be none is not one (each was listed as an outcome before)."""
    notes = (
        "Coaching session 5 - agenda and outcomes\n"
        "Tariq arrived annoyed: the exec team keeps overturning decisions he thought were settled.\n"
        "We looked at rota fairness for the weekend shift.\n"
        "His forecast of 4% growth seems realistic to the board.\n"
        "No decisions today on the restructure.\n"
        "Here is what we agreed:\n"
        "- Tariq to draft the decision log template by Thursday.\n"
        "He took the decision to stop chairing the Monday meeting.\n"
        "He realised the overturning starts with his own vague minutes.\n"
        "Decision: the deputy chairs from January.\n"
        "Homework agreed: none this time."
    )
    draft = draft_by_rules(NotesInput(notes, SESSION, "Tariq Aziz", "Sarah Cave", NEXT))
    assert draft.key_outcomes == [
        "He took the decision to stop chairing the Monday meeting.",
        "He realised the overturning starts with his own vague minutes.",
        "The deputy chairs from January.",
    ]


@pytest.mark.parametrize(
    ("notes", "owner", "due", "tentative"),
    [
        ("Speaker 1 (Sarah): What next?\nSpeaker 2 (Dana): I'll email Sam tomorrow.\n"
         "Speaker 1 (Sarah): I'll send you the guide.", "client", date(2026, 3, 4), False),
        ("ACTION: Dana to request a 1:1 with the CEO - by COB Friday", "client", date(2026, 3, 6), False),
        ("ACTION (me): find the managing up article", "coach", None, False),
        ("➡️ Dana will block Friday afternoons for deep work starting this Friday", "client", date(2026, 3, 6),
         False),
        ("[ ] Dana (maybe): present the approach at the forum", "client", None, True),
        ("She's also wondering about taking a couple of days off.", "client", None, True),
        ("- Dana to sort her inbox daily, report back next session", "client", NEXT, False),
        ("@Dana: rewrite KR2 - by Monday\n@Sarah: send examples\n@Dana: book the offsite", "client",
         date(2026, 3, 9), False),
        ("- D will stop attending the client calls from next wk", "client", date(2026, 3, 13), False),
        ("She is going to hold listening sessions over the next two weeks.", "client", NEXT, False),
        ("- D thinking re: team offsite in June, undecided", "client", None, True),
        ("Dana said she'd like to try a monthly peer review, maybe.", "client", None, True),
    ],
    ids=["speaker-name", "cob-friday", "action-me", "emoji-bullet", "tag-maybe", "wondering", "bare-next",
         "mentions", "next-wk", "over-weeks", "thinking-re", "d-like-maybe"],
)  # fmt: skip
def test_rules__common_shapes_of_notes(notes: str, owner: str, due: date | None, tentative: bool) -> None:
    first = items(notes)[0]
    assert (first.owner, first.due, first.tentative) == (owner, due, tentative)


def test_rules__relative_clause_and_dont_have_to_are_not_actions() -> None:
    assert items("We looked at the retrospective she has to run.") == []
    assert items("Client: I don't have to be the answer to everything.") == []


def test_rules__owner_headers_and_trailing_owner_tags() -> None:
    notes = (
        "Dana's actions:\n- send the deck to Sam by 14/03\n- book the offsite\n"
        "My to-dos:\n- find the article\n"
        "Actions\n- Review the plan (Dana)\n- Draft the agenda - Sarah\n"
    )
    got = [(i.owner, i.due, i.description) for i in items(notes)]
    assert got == [
        ("client", date(2026, 3, 14), "Send the deck to Sam"),
        ("client", None, "Book the offsite"),
        ("coach", None, "Find the article"),
        ("client", None, "Review the plan"),
        ("coach", None, "Draft the agenda"),
    ]


@pytest.mark.parametrize(
    ("text", "due"),
    [("due: 14/03", date(2026, 3, 14)), ("by 5.4.26", date(2026, 4, 5)), ("by 3/14", date(2026, 3, 14)),
     ("cover 24/7", None), ("about 3/4 of the team", None)],
)  # fmt: skip
def test_rules__numeric_dates_day_first_only_after_a_due_word(text: str, due: date | None) -> None:
    from automation.sessions.dates import find_due_phrases, pick_due

    phrase = pick_due(find_due_phrases(text, SESSION, NEXT))
    assert (phrase.due if phrase else None) == due


def test_rules__a_pasted_table_of_actions() -> None:
    notes = (
        "What | Who | When\nRecord a video of the update | Dana | Thursday\nSend the rubric | Sarah | today\n"
    )
    got = [(i.owner, i.due, i.description) for i in items(notes)]
    assert got == [
        ("client", date(2026, 3, 5), "Record a video of the update"),
        ("coach", SESSION, "Send the rubric"),
    ]


def test_rules__no_new_actions_and_probably() -> None:
    assert items("No new actions; she'll bring it up if it's still on her mind.") == []
    assert only("Client: I'll probably go with option B.").tentative


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        ("She agreed to: (1) update the plan, (2) talk to HR.",
         [("client", None, "Update the plan"), ("client", None, "Talk to HR")]),
        ("Next steps: Dana drafts the memo by Friday; I review it Monday.",
         [("client", date(2026, 3, 6), "Draft the memo"), ("coach", date(2026, 3, 9), "Review it")]),
        ("Action points\n1) Dana - draft memo (Fri)\n2) SC - review memo (Mon)",
         [("client", date(2026, 3, 6), "Draft memo"), ("coach", date(2026, 3, 9), "Review memo")]),
        ("Dana: 'I'll speak to my boss tomorrow.'", [("client", date(2026, 3, 4), "Speak to my boss")]),
        ("Dana will report back next time on the 1:1s.", [("client", NEXT, "Report back on the 1:1s")]),
        ("- Follow up with Dana on Friday re: promotion",
         [("coach", date(2026, 3, 6), "Follow up with Dana re: promotion")]),
        ("TODO: Dana - reflect on what the CEO values", [("client", None, "Reflect on what the CEO values")]),
        ("Client: Telling Sam he's not getting the role. I need to do it by the 20th.",
         [("client", date(2026, 3, 20), "Tell Sam he's not getting the role")]),
        ("DW s2\nDW: kill/hand off 5 projects, list to me by Mon\nSC: intro to ops lead\nDW: book a room",
         [("client", date(2026, 3, 9), "Kill/hand off 5 projects, list to me"),
          ("coach", None, "Intro to ops lead"), ("client", None, "Book a room")]),
    ],
    ids=["enum", "present", "dash", "quoted-i", "next-time", "follow-up", "todo-dash", "gerund", "initials"],
)  # fmt: skip
def test_rules__more_shapes(notes: str, expected: list[tuple[str, date | None, str]]) -> None:
    assert [(i.owner, i.due, i.description) for i in items(notes)] == expected


def test_label_inside_a_paragraph__rules_its_own_sentence() -> None:
    notes = (
        "Dana was frustrated; the promotion went elsewhere. We looked at blind spots. Homework: ask three "
        "peers for anonymous feedback and bring the themes to next session. No other commitments."
    )
    draft = draft_by_rules(NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", NEXT))
    (item,) = draft.action_items
    assert (item.owner, item.due, item.tentative) == ("client", NEXT, False)
    assert item.description.startswith("Ask three peers for anonymous feedback")
    assert draft.next_topics == []  # an action due next session is not a topic for it
    # A "Next time:" inside a paragraph is a topic, not an action and not the summary.
    draft = draft_by_rules(
        NotesInput("Good energy today. Next time: her board deck.", SESSION, "Dana Whitfield", "Sarah Cave")
    )
    assert draft.next_topics == ["Her board deck"] and draft.action_items == []


@pytest.mark.parametrize(
    ("notes", "owner", "description", "due"),
    [
        (
            "- decision: hire a team lead, JD drafted by Dana by the 15th",
            "client",
            "Draft JD",
            date(2026, 3, 15),
        ),
        ("Deck to be reviewed by me before Friday.", "coach", "Review deck", date(2026, 3, 6)),
    ],
)
def test_done_by_a_person__with_a_deadline_is_their_action(
    notes: str, owner: str, description: str, due: date
) -> None:
    item = only(notes)
    assert (item.owner, item.description, item.due) == (owner, description, due)


@pytest.mark.parametrize(
    "notes",
    [
        "The plan was drafted by Dana last week.",  # it happened
        "The proposal, shared by Dana on Monday, landed well.",  # when it happened, not a deadline
        "Budget approved by HR by Friday.",  # not a person of the session
        "- Decision: hire a team lead.",  # a decision, not an instruction
    ],
)
def test_done_by__what_happened_or_was_decided_is_not_an_action(notes: str) -> None:
    assert items(notes) == []


def test_hedged_suggestion_with_could__is_tentative_and_loses_its_question_mark() -> None:
    item = only("Maybe she could try journaling after tough meetings? (she wasn't sure)")
    assert (item.owner, item.tentative, item.description) == (
        "client",
        True,
        "Try journaling after tough meetings",
    )
    assert items("She could see the team was tired.") == []  # 'could' without a hedge: an observation


def test_due_phrase_removal__keeps_the_verbs_particle() -> None:
    assert only("I'll check in on Friday by email.").description == "Check in by email"
    assert only("She'll send the plan by the 15th.").description == "Send the plan"


def test_summary__of_a_transcript_attributes_the_clients_own_words() -> None:
    notes = (
        "Dana: I keep saying yes to every meeting request.\n"
        "Sarah: What would it look like to say no once this week?\n"
        "Dana: I could decline the Thursday steering committee.\n"
        "Sarah: Could you email the chair today?\n"
        "Dana: Sure, I can do that."
    )
    summary = draft_by_rules(NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", NEXT)).summary
    assert summary == (
        "Dana said: \u201cI keep saying yes to every meeting request. "
        "I could decline the Thursday steering committee.\u201d"
    )  # the coach's lines and a bare "Sure" are not the session's substance


def test_two_actions_with_two_dates_in_one_sentence__are_two_items() -> None:
    found = items(
        "You said you'd give Jo her feedback on Thursday and schedule the talk with Malik for next week."
    )
    assert [(i.owner, i.description, i.due) for i in found] == [
        ("client", "Give Jo her feedback", date(2026, 3, 5)),
        ("client", "Schedule the talk with Malik", date(2026, 3, 13)),
    ]
    # One date for both: one action, as written.
    assert len(items("She'll draft the case for change and share it with me by Wednesday.")) == 1


def test_a_pronoun_in_an_object_relative_clause_is_not_a_commitment() -> None:
    assert items("We talked about the feedback you owe your two team leads.") == []
    assert only("I owe her the deck by Friday.").owner == "coach"


def test_a_clause_describing_the_thing_asked_for__stays_in_the_action_with_its_date() -> None:
    item = only("He'll ask each direct report for one thing he should stop doing, by end of month.")
    assert (item.owner, item.due) == ("client", date(2026, 3, 31))
    assert item.description == "Ask each direct report for one thing he should stop doing"
    item = only("- Dana to pick something she can drop this week")
    assert (item.description, item.due) == ("Pick something she can drop", date(2026, 3, 6))
    # A time before the subject dates a commitment of its own; a sentence that opens on the thing is its own.
    assert len(items("I'll send the notes today, and each morning he will block an hour for planning.")) == 2
    assert only("One thing she will do: talk to Raj on Monday.").due == date(2026, 3, 9)


def test_bring_it_up__is_the_matter_talked_about_not_what_an_earlier_action_hands_over() -> None:
    found = items(
        "I'll send her a short guide on mediating conversations by Monday. "
        "She might also bring it up with her own manager."
    )
    assert [i.owner for i in found] == ["coach", "client"]
    assert (found[1].description, found[1].tentative) == ("Bring it up with her own manager", True)
    # A line that only talks about the matter still names it.
    found = items("We talked about the restructure. She'll bring it up with the CEO on Friday.")
    assert [i.description for i in found] == ["Bring the restructure up with the CEO"]


def test_what_it_refers_to__leaves_out_who_got_the_thing() -> None:
    found = items("I'll send her the draft. She'll read it before Friday.")
    assert [(i.owner, i.description) for i in found][1] == ("client", "Read the draft")


def test_something_to_consider__is_the_clients_tentative_item_and_a_question_is_not() -> None:
    item = only(
        "Something to consider: whether you want to bring your HRBP in on the Malik conversation. "
        "No pressure."
    )
    assert (item.owner, item.tentative) == ("client", True)
    assert item.description == "Consider whether to bring your HRBP in on the Malik conversation"
    assert items("Food for thought: what would your team say about you?") == []


def test_summary__leaves_out_an_emails_greeting_and_sign_off() -> None:
    notes = (
        "Hi Dana,\n\nThanks for today. A quick recap of what we covered:\n\n"
        "We mapped your stakeholders and the CFO came out as the key blocker.\n\n"
        "See you on the 17th,\nSarah"
    )
    summary = draft_by_rules(NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", NEXT)).summary
    assert summary == "We mapped your stakeholders and the CFO came out as the key blocker."


def test_a_sorry_in_dictation__corrects_the_date_and_a_weekday_plural_is_no_date() -> None:
    notes = "he'll block out Friday afternoons for strategy, starting this Friday, sorry, next Friday."
    item = only(notes)
    assert (item.due, item.description) == (date(2026, 3, 13), "Block out Friday afternoons for strategy")


def test_two_owners_in_one_line__each_action_keeps_its_own_clauses_date() -> None:
    notes = (
        "Dana to rewrite the team charter. I'll send her the RACI template on Monday.\n"
        "Dana to ask finance for the headcount numbers; she'll share them with me by the 17th.\n"
    )
    assert [(i.owner, i.due and i.due.isoformat(), i.description) for i in items(notes)] == [
        ("client", None, "Rewrite the team charter"),
        ("coach", "2026-03-09", "Send her the RACI template"),
        ("client", None, "Ask finance for the headcount numbers"),
        ("client", "2026-03-17", "Share the headcount numbers with me"),
    ]


def test_a_fallback_condition__is_when_not_what() -> None:
    assert only("I'll chase Paul if nothing by Friday.").description == "Chase Paul"
    assert only("I'll chase Paul if he hasn't replied by Friday.").description == "Chase Paul"
    assert "if he can" in only("She'll ask Sam if he can cover the rota.").description


def test_a_thread_to_pick_up_in_the_next_session__is_due_then() -> None:
    item = only("Sarah to pick up the Hana thread in the next session.")
    assert (item.owner, item.due) == ("coach", NEXT)


def test_a_proposal_the_client_turned_down__is_no_action() -> None:
    notes = (
        "I suggested she ask the CFO for a standing monthly 1:1. She said no - not her style.\n"
        "I also offered to run a 360 for her in January; she declined, it's too soon.\n"
        "I suggested she keep a decision log; she liked that.\n"
        "She'll write down what the CFO needs from her team by Friday.\n"
    )
    assert [(i.owner, i.description) for i in items(notes)] == [
        ("client", "Keep a decision log"),
        ("client", "Write down what the CFO needs from her team"),
    ]


def test_she_would_rather_not__is_a_no_not_a_commitment() -> None:
    notes = (
        "When I offered to put her in touch with a mentor, she said she'd rather not.\n"
        "She said she'd rather not do the survey.\n"
        "She'll send the offsite agenda to the team by Friday.\n"
    )
    assert [(i.owner, i.description) for i in items(notes)] == [
        ("client", "Send the offsite agenda to the team"),
    ]


def test_a_date_in_the_clause_an_action_waits_on__dates_that_clause_not_the_action() -> None:
    notes = (
        "I'll give feedback on his draft once he shares it on Thursday.\n"
        "She'll brief the board on Friday after the CFO has signed off.\n"
    )
    got = [(i.owner, i.due, i.description) for i in items(notes)]
    # Thursday is when he shares it; the feedback waits on that and has no date of its own
    assert got == [
        ("coach", None, "Give feedback on his draft once he shares it"),
        ("client", date(2026, 3, 6), "Brief the board after the CFO has signed off"),
    ]


def test_an_obligation_she_feels_under__is_how_she_sees_it_not_an_item() -> None:
    notes = (
        "He feels he has to answer every message within the hour.\n"
        "She believes she must know every number before the board.\n"
        "He'll block two hours a day for deep work.\n"
    )
    assert [(i.owner, i.description) for i in items(notes)] == [
        ("client", "Block two hours a day for deep work"),
    ]


def test_dictation_that_corrects_itself__takes_the_corrected_date() -> None:
    item = only(
        "We agreed she will rehearse the opening on Friday, actually no, make that Thursday "
        "because he's away."
    )
    assert (item.description, item.due) == ("Rehearse the opening", date(2026, 3, 5))
    assert "on Thursday" in item.receipt


def test_a_possessed_homework__is_the_possessors() -> None:
    item = only("Dana's homework is also to notice when she goes into rescue mode.")
    assert (item.owner, item.description) == ("client", "Notice when she goes into rescue mode")
    assert items("Dana's boss is to sign off the budget.") == []  # her boss's, not hers


def test_a_date_standing_as_a_table_cell_is_the_due_date() -> None:
    notes = "| Action | Owner | Due |\n|---|---|---|\n| Share the draft RACI with the leads | Dana | 09/03 |"
    item = only(notes)
    assert (item.owner, item.description, item.due) == (
        "client",
        "Share the draft RACI with the leads",
        date(2026, 3, 9),
    )


def test_todo_markers__with_an_owner_tag_and_arrow_shorthand() -> None:
    notes = (
        "TODO Dana: exit interview notes -> share w/ me before next session\n"
        "TODO me: intro to Priya this week"
    )
    found = [(i.owner, i.description, i.due) for i in items(notes)]
    assert found == [
        ("client", "Share the exit interview notes with me", NEXT),
        ("coach", "Intro to Priya", date(2026, 3, 6)),
    ]


def test_an_ongoing_item_loses_its_marker() -> None:
    assert only("- Dana to stop taking sides in 1:1s (ongoing)").description == "Stop taking sides in 1:1s"


def test_notes_written_by_the_associate__i_is_the_associate() -> None:
    notes = (
        "- I'll send her the template tomorrow.\n- me: book the follow-up\n"
        "- Sarah to review the plan by Friday."
    )
    found = {i.description: i.owner for i in items(notes, author="associate")}
    assert found == {
        "Send her the template": "associate",
        "Book the follow-up": "associate",
        "Review the plan": "coach",  # the lead coach, named
    }
    assert only("I'll send her the template tomorrow.").owner == "coach"  # the coach's own notes


@pytest.mark.parametrize(
    ("editor", "author"),
    [
        ("owen@assoc.example", "associate"),  # the session's associate typed the notes
        ("OWEN@assoc.example ", "associate"),
        ("sarah@coach.example", "coach"),  # the lead coach typed them
        (None, "coach"),  # not known (a catch-up run): the lead coach, as before
    ],
)
def test_notes_author__is_the_sessions_associate_when_their_user_typed_the_notes(
    editor: str | None, author: str
) -> None:
    from automation.models import Associate
    from automation.sessions.automations import notes_author

    owen = Associate(id="recA", name="Owen Price", email="owen@assoc.example")
    assert notes_author(editor, [owen]) == author
    assert notes_author(editor, []) == "coach"


def test_a_recorders_transcript__the_speaker_who_asks_is_the_coach() -> None:
    notes = (
        "[00:02] Speaker 1: How did the skip-level go?\n"
        "[00:03] Speaker 2: Better than expected, but I still haven't told my team about the budget cut.\n"
        "[00:05] Speaker 1: Can you tell them at Monday's team meeting?\n"
        "[00:05] Speaker 2: Yes, I'll do it Monday.\n"
        "[00:07] Speaker 1: And I'll send you the change-conversation checklist before then.\n"
    )
    found = [(i.owner, i.description, i.due) for i in items(notes)]
    assert found == [
        ("client", "Tell them at Monday's team meeting", date(2026, 3, 9)),  # the answer is the request's
        ("coach", "Send you the change-conversation checklist", date(2026, 3, 9)),  # 'then': Monday
    ]


def test_a_second_step_on_the_same_thing_with_its_own_date__is_its_own_item() -> None:
    notes = "Agreed: Dana drafts a one-page list by Friday; she shares it with the CEO on Monday."
    found = [(i.description, i.due) for i in items(notes)]
    assert found == [
        ("Draft a one-page list", date(2026, 3, 6)),
        ("Share the one-page list with the CEO", date(2026, 3, 9)),
    ]


def test_a_short_form_of_the_clients_name_is_the_client() -> None:
    assert only("- Rob to give each senior one piece of feedback", client="Robert Chen").owner == "client"
    assert only("- Bill to book the offsite", client="William Hart").owner == "client"
    assert items("- Robin to book the offsite", client="Robert Chen") == []  # not a short form of Robert


def test_an_aim_or_a_heading_is_not_an_action() -> None:
    assert items("Her goal is to be ready for the panel in March.") == []
    assert items("Dana: second session. Main topic was saying no.") == []


def test_an_owner_in_brackets_before_a_date_tag() -> None:
    item = only("Actions\n* Block 2 x 90-min focus slots in the diary (Dana) - Monday")
    assert (item.owner, item.description, item.due) == (
        "client",
        "Block 2 x 90-min focus slots in the diary",
        date(2026, 3, 9),
    )


def test_a_kind_of_day_is_not_a_date() -> None:
    item = only("She is also going to try a no-meeting Friday, starting this week.")
    assert (item.description, item.due) == ("Try a no-meeting Friday", date(2026, 3, 6))


def test_a_question_to_self_answered_by_an_arrow__is_the_authors_action() -> None:
    item = only("Should I suggest he sees his GP? -> raise with supervisor before next session")
    assert (item.owner, item.description, item.due, item.tentative) == (
        "coach",
        "Raise with supervisor whether to suggest he sees his GP",
        NEXT,
        False,
    )


# Session 3 Mar 2026 (Tuesday): Friday the 6th, Monday the 9th, next session the 17th.
@pytest.mark.parametrize(
    ("notes", "owner", "words"),
    [
        ("Homework for Dana: read chapter 3 of the book.", "client", "Read chapter 3"),
        ("ACTION - me: find her a peer mentor in finance.", "coach", "Find her a peer mentor"),
        ("Action for the coach: dig out the decision-log template.", "coach", "Dig out the decision-log"),
        ("A good session. Her homework: keep a decision journal.", "client", "Keep a decision journal"),
    ],
)
def test_labels_naming_whose_list__give_the_owner(notes: str, owner: str, words: str) -> None:
    item = only(notes)
    assert (item.owner, item.description.startswith(words)) == (owner, True), item


def test_an_owner_tagged_todo_line__each_step_after_a_semicolon_is_an_action_with_its_own_date() -> None:
    found = items(
        "To do (Dana): cut two recurring meetings; delegate the vendor review to Raj.\n"
        "To do (me): share the delegation template; check in by email on Friday."
    )
    assert [(i.owner, i.description, i.due) for i in found] == [
        ("client", "Cut two recurring meetings", None),
        ("client", "Delegate the vendor review to Raj", None),
        ("coach", "Share the delegation template", None),
        ("coach", "Check in by email", date(2026, 3, 6)),
    ]


def test_a_reported_commitment__the_doer_is_the_one_reported() -> None:
    assert only("- agreed he'd draft the key messages by Monday").owner == "client"
    item = only("She said I'd send the 360 report tomorrow.")
    assert (item.owner, item.due) == ("coach", date(2026, 3, 4))


def test_a_suggestion__is_hers_and_tentative_only_when_she_did_not_take_it_up() -> None:
    item = only("I suggested she try journaling; she said she'd consider it.")
    assert (item.owner, item.tentative) == ("client", True)
    assert item.description.lower().startswith("try journaling")
    item = only("I suggested she keep a short daily log; she liked that.")
    assert (item.owner, item.tentative, item.description) == ("client", False, "Keep a short daily log")


def test_a_dash__the_clause_after_it_takes_the_date_when_it_goes_on_with_the_thing_before() -> None:
    # the clause before the dash is no item of its own (passive): "that workshop" is what it dated
    item = only(
        "The team's objectives are to be agreed by the first Monday in April - she'll run that workshop."
    )
    assert (item.owner, item.due) == ("client", date(2026, 4, 6))
    # a clause of its own after the dash: no date borrowed
    assert only("The objectives are to be agreed by Friday - she'll run a workshop.").due is None


def test_no_x_after_y__under_the_commitments_is_a_rule_she_sets_herself() -> None:
    item = only("Commitments\n- no email after 9pm\n- no actions for me this time")
    assert (item.owner, item.description, item.due) == ("client", "No email after 9pm", None)
    assert only("Actions:\n- no meetings on Fridays").description == "No meetings on Fridays"
    # not under the actions: a state of things, no item
    assert items("Challenges\n- no time after 5pm for deep work") == []


def test_i_am_to__is_the_writer_s_commitment_as_she_is_to_is_hers() -> None:
    item = only("Review: she felt clearer. I'm to send her the triage template today.")
    assert (item.owner, item.due, item.description) == ("coach", SESSION, "Send her the triage template")
    assert only("I am to book the room by Friday.").due == date(2026, 3, 6)
    # "Fri am": the morning, not "am to"
    assert only("- I'll call her Fri am to hear how the retro went").due == date(2026, 3, 6)


@pytest.mark.parametrize(
    "notes",
    [
        "Her 360 raters suggest she should delegate more and share her thinking earlier.",
        "One peer suggested she attend the finance leadership course.",
        "Her boss recommends that she should chair the ops review.",
    ],
)
def test_a_suggestion__someone_elses_for_her_is_no_item(notes: str) -> None:
    assert items(notes) == []
    # the writer's own suggestion still is ("Sarah" is the coach), and so is what she then takes on
    assert only("Sarah suggested she keep a decision log; she liked that.").owner == "client"
    item = only("One peer suggested she attend the course. She'll ask her boss about it on Friday.")
    assert (item.owner, item.due) == ("client", date(2026, 3, 6))


def test_two_commitments_in_one_sentence__each_with_its_own_date() -> None:
    found = items("She agreed to take Friday off and to talk to her manager before our next session.")
    assert [(i.description, i.due) for i in found] == [
        ("Take Friday off", date(2026, 3, 6)),  # the day is what she takes off: it stays in the words
        ("Talk to her manager", NEXT),
    ]
    found = items("He will rehearse the talk twice with a colleague, and record one run-through.")
    assert [i.description for i in found] == [
        "Rehearse the talk twice with a colleague",
        "Record one run-through",
    ]


def test_a_deadline_stated_after_the_actions__dates_them() -> None:
    found = items(
        "He will rehearse the talk and record a run-through. Deadline is the town hall on 12 March."
    )
    assert [i.due for i in found] == [date(2026, 3, 12)]
    assert [i.due for i in items("He will rehearse the talk.\nDeadline is 12 March.")] == [
        None
    ]  # another line


def test_dates__due_18th_and_notes_from_today() -> None:
    assert only("Dana: need to finish the reorg proposal, due 18th.").due == date(2026, 3, 18)
    assert only("I'll also send Dana the notes from today.").due is None


def test_owner_colon_lines_with_a_follow_up_label__are_tags_not_a_transcript() -> None:
    found = items(
        "Dana: need to finish the reorg proposal, due 18th.\n"
        "Dana: feedback to Kim using SBI - this week\n"
        "Follow up on: hiring plan"
    )
    assert [(i.owner, i.due) for i in found] == [("client", date(2026, 3, 18)), ("client", date(2026, 3, 6))]


def test_a_modal_in_a_relative_clause__neither_ends_the_action_nor_hedges_it() -> None:
    item = only("I'll look into a course on delegation that might suit Priya.")
    assert (item.owner, item.tentative) == ("coach", False)
    assert item.description == "Look into a course on delegation that might suit Priya"


def test_a_commitment_after_a_condition__is_tentative() -> None:
    item = only("If the restructure goes ahead, Dana to brief her managers by Friday.")
    assert (item.owner, item.due, item.tentative) == ("client", date(2026, 3, 6), True)
    # the same condition opened with "Should …": not an obligation, with or without the comma
    for notes in (
        "Should the audit come back clean, she'll sign the supplier contract.",
        "Should the budget be approved she will hire a second analyst.",
    ):
        item = only(notes)
        assert (item.owner, item.due, item.tentative) == ("client", None, True), notes


def test_a_negation_in_another_clause__does_not_cancel_the_commitment() -> None:
    item = only("She didn't get to the team retro - she'll run it next Tuesday instead.")
    assert (item.description, item.due) == ("Run the team retro", date(2026, 3, 10))


def test_a_negation_before_but__does_not_cancel_the_commitment_after_it() -> None:
    item = only("She didn't want to promise much, but she agreed to call Sam on Friday.")
    assert (item.owner, item.description, item.due) == ("client", "Call Sam", date(2026, 3, 6))


def test_did_commit_to__is_a_commitment_and_its_gerund_the_action() -> None:
    item = only("Tired today. She did commit to drafting the hiring plan by Friday.")
    assert (item.owner, item.description, item.due) == ("client", "Draft the hiring plan", date(2026, 3, 6))


def test_a_dash_after_the_clause_an_action_waits_on__gives_the_date_back_to_the_action() -> None:
    notes = (
        "She'll ask Ravi what went wrong when he ran the launch - over coffee on Friday.\n"
        "I'll send notes once he shares the deck on Thursday.\n"
    )
    got = [(i.owner, i.due) for i in items(notes)]
    assert got == [("client", date(2026, 3, 6)), ("coach", None)]


def test_a_date_in_the_clause_an_action_waits_on__is_not_the_actions() -> None:
    for opening in ("After the merger is signed on the 20th", "Once the board approves it on Monday"):
        item = only(f"{opening}, she'll brief her managers.")
        assert (item.description, item.due) == ("Brief her managers", None), opening


def test_let_someone_do_it__is_the_clients_item_like_get_or_have_someone() -> None:
    found = items("Her delegation plan:\n- let Omar chair the weekly review\n- have Jo own the budget\n")
    assert [(i.owner, i.description) for i in found] == [
        ("client", "Let Omar chair the weekly review"),
        ("client", "Have Jo own the budget"),
    ]


def test_abbreviated_lines__read_as_the_words_they_stand_for() -> None:
    found = items("- cl 2 book a mtg w/ her mgr b4 Fri\n- me: send cl the 360 report thx\n")
    assert [(i.owner, i.description, i.due) for i in found] == [
        ("client", "Book a meeting with her manager", date(2026, 3, 6)),
        ("coach", "Send Dana the 360 report", None),
    ]


def test_note_to_self__is_the_authors_and_each_step_is_an_item() -> None:
    found = items("Note to self: send invoice for the new package, and chase her EA re January dates.")
    assert [(i.owner, i.description) for i in found] == [
        ("coach", "Send invoice for the new package"),
        ("coach", "Chase her EA re January dates"),
    ]


def test_a_dated_numbered_step_in_the_present__is_an_action() -> None:
    found = items(
        "Planning for Q2.\n1. Dana drafts three team objectives (Fri 13 Mar)\n"
        "2. Sarah sends examples of good key results (tomorrow)\n3. Dana leads a team of twelve"
    )
    assert [(i.owner, i.description, i.due) for i in found] == [
        ("client", "Draft three team objectives", date(2026, 3, 13)),  # the weekday names the date
        ("coach", "Send examples of good key results", date(2026, 3, 4)),
    ]  # an undated fact in the present ("leads a team") is not an action


def test_a_ticked_box__is_done_not_to_do() -> None:
    found = items(
        "- [x] Dana: interview 3 customers\n- [ ] Dana: finish the canvas by 13 Mar\n"
        "- [ ] me: share an example"
    )
    assert [(i.owner, i.description, i.due) for i in found] == [
        ("client", "Finish the canvas", date(2026, 3, 13)),
        ("coach", "Share an example", None),
    ]


def test_a_thing_to_do_without_a_verb_in_an_action_list__is_an_item() -> None:
    item = only("ACTIONS\n- Dana: 1:1 with Jo and Amir, w/c 9th")
    assert (item.owner, item.description, item.due) == ("client", "1:1 with Jo and Amir", date(2026, 3, 9))


def test_asking_her_about_something_next_time__is_a_topic_not_an_action() -> None:
    assert items("ACTIONS\n- Me: ask her about the board paper next time") == []


def test_we_agreed_that_i_would_and_that_he_would__two_owners() -> None:
    found = items(
        "We agreed that I would put him in touch with two people, and that he would write a one-page list."
    )
    assert [(i.owner, i.description) for i in found] == [
        ("coach", "Put him in touch with two people"),
        ("client", "Write a one-page list"),
    ]


def test_an_aside_after_a_dash__is_not_part_of_the_action() -> None:
    item = only("He's going to try to get more sleep too - he looked exhausted.")
    assert (item.description, item.tentative) == ("Get more sleep", True)


def test_i_can_do_that_today__after_a_gerund_is_that_action_today() -> None:
    notes = (
        "Coach: What's the smallest step?\nDana: Sending him a meeting invite. I can do that today.\n"
        "Coach: Good."
    )
    item = only(notes)
    assert (item.owner, item.description, item.due) == ("client", "Send him a meeting invite", SESSION)


def test_promising_to_report_back__is_not_an_item() -> None:
    assert items("Coach: Let me know.\nDana: I'll tell you how it went.\nCoach: Great.") == []


def test_a_heading_line_tagged_with_the_clients_name__is_not_an_action_when_the_actions_are_a_list() -> None:
    found = items(
        "Dana: change programme stalling at step 3. Team doesn't get the why.\n"
        "→ Dana: rewrite the vision in one sentence\n→ Sarah: send the Kotter summary"
    )
    assert [(i.owner, i.description) for i in found] == [
        ("client", "Rewrite the vision in one sentence"),
        ("coach", "Send the Kotter summary"),
    ]


def test_a_whose_list_header_ending_in_to__gives_the_owner() -> None:
    found = items(
        "Commitments:\n• Use SBI to prepare the talk\nCoach to:\n• Send the SBI worksheet by Friday"
    )
    assert [(i.owner, i.description, i.due) for i in found] == [
        ("client", "Use SBI to prepare the talk", None),
        ("coach", "Send the SBI worksheet", date(2026, 3, 6)),
    ]


def test_dictation_fillers_and_abbreviations() -> None:
    found = items(
        "ok so he's going to agree three priorities with her this week and uh he'll also ask HR about a "
        "mentor and I said I'd dig out that article for him so that's it really"
    )
    assert [(i.owner, i.description) for i in found] == [
        ("client", "Agree three priorities with her"),
        ("client", "Ask HR about a mentor"),
        ("coach", "Dig out that article for him"),
    ]
    item = only("📌 Action: Dana to block Fri pm for deep work b4 next sess")
    assert (item.description, item.due) == ("Block Fri pm for deep work", NEXT)


def test_an_open_question_she_will_think_about__is_the_tentative_item() -> None:
    item = only("Whether to involve his team now is still open - he'll think about it.")
    assert (item.description, item.tentative) == ("Think about whether to involve his team now", True)


def test_each_of_the_team_to__in_a_team_session_is_the_clients() -> None:
    item = only("Agreed:\n- Each director to name one decision they disagreed with, by Friday")
    assert (item.owner, item.due) == ("client", date(2026, 3, 6))


def test_someone_wanting_her_to_act__is_not_her_commitment() -> None:
    assert items("Her boss still wants Dana to push back in the exec meeting.") == []
    item = only("- Dana to intro Sam to two investors")
    assert item.description == "Introduce Sam to two investors"  # 'Sam to two': to whom, not Sam's


def test_quoted_words_are_a_name__not_a_commitment_cue() -> None:
    item = only('- Dana to write up the "must have" criteria by Monday and share them with Sam')
    assert item.description == 'Write up the "must have" criteria and share them with Sam'
    assert item.due == date(2026, 3, 9)


def test_an_imperative_about_her_boss__is_hers_not_addressed_to_her() -> None:
    assert only("ACTIONS\n- tell her boss she wants the role").owner == "client"
    assert only("ACTIONS\n- send her the worksheet").owner == "coach"


def test_let_me__is_the_authors_commitment_let_me_know_is_not() -> None:
    item = only("Let me dig out that article on feedback for her. Let me know if anything changes.")
    assert (item.owner, item.description) == ("coach", "Dig out that article on feedback for her")
    item = only("Coach: Let me send you the checklist.\nDana: Thanks.\nCoach: Good.")
    assert item.owner == "coach"


def test_phone_typing__a_pronouns_lost_apostrophe_before_a_verb() -> None:
    found = items(
        "hell ask his boss for a chat this week\nill send him the summary tmrw\n"
        "he was ill last week\nwell done on the board paper\nhes going to try a weekly update"
    )
    assert [(i.owner, i.description, i.due) for i in found] == [
        ("client", "Ask his boss for a chat", date(2026, 3, 6)),
        ("coach", "Send him the summary", date(2026, 3, 4)),
        ("client", "Try a weekly update", None),
    ]
    assert items("he wont send the memo until legal has seen it") == []


def test_a_condition_after_the_action__makes_it_tentative() -> None:
    item = only("He's going to try a weekly written update instead of the calls, if she agrees.")
    assert (item.description, item.tentative) == ("Try a weekly written update instead of the calls", True)


def test_a_check_first__is_what_the_action_waits_on_not_a_second_item() -> None:
    item = only("She'll present the plan to the board - she'll check with the CFO first.")
    assert (item.description, item.tentative) == ("Present the plan to the board", True)
    # a step that is not a deliberation is an item of its own
    assert len(items("She'll present the plan to the board - she'll talk to the CFO first.")) == 2


def test_a_state_to_reach_by_a_date__is_getting_there() -> None:
    found = items(
        "- Venue costs signed off by end of month - Dana\n- Hiring plan shared with Ben by Friday (Dana)"
    )
    assert [(i.owner, i.description, i.due) for i in found] == [
        ("client", "Get venue costs signed off", date(2026, 3, 31)),
        ("client", "Get hiring plan shared with Ben", date(2026, 3, 6)),
    ]


def test_the_subject_carries_on_after_and__to_a_second_commitment() -> None:
    item = only("Dana decided to hire an EA, and will post the job ad by the 15th.")
    assert (item.owner, item.description, item.due) == ("client", "Post the job ad", date(2026, 3, 15))


def test_a_one_pager_is_a_thing__and_a_quote_stays_whole() -> None:
    assert only("Dana will write her own one-pager by Friday.").description == "Write her own one-pager"
    item = only('ACTIONS\n- Draft a one-page "case for me" before we meet next')
    assert (item.description, item.due) == ('Draft a one-page "case for me"', NEXT)


def test_what_it_stands_for__is_not_the_event_that_dates_the_sentence_before() -> None:
    found = items(
        "She'll send me the draft within two days of the board meeting. I'll review it within 48 hours."
    )
    assert [(i.owner, i.description, i.due) for i in found] == [
        ("client", "Send me the draft", None),
        ("coach", "Review the draft", date(2026, 3, 5)),
    ]


@pytest.mark.parametrize(
    ("time_zone", "due"), [("America/New_York", date(2026, 3, 4)), ("Europe/Dublin", date(2026, 4, 3))]
)
def test_dates__an_ambiguous_3_4_is_read_as_the_business_time_zone_writes_dates(
    time_zone: str, due: date
) -> None:
    item = only("- Dana to run the org chart by HR by 3/4", time_zone=time_zone)
    assert item.due == due


@pytest.mark.parametrize(
    ("notes", "description"),
    [
        ("- She'll take a day off next week, she is exhausted.", "Take a day off"),
        (
            "He will block Friday mornings for deep work - he's stretched thin.",
            "Block Friday mornings for deep work",
        ),
    ],
)
def test_description__a_trailing_clause_on_how_the_person_is_is_the_reason_not_the_action(
    notes: str, description: str
) -> None:
    assert only(notes).description == description


def test_sent_with_this_email__is_due_the_day_the_email_goes_out() -> None:
    item = only(
        "Hi Dana,\n\nThanks for today. I'll send you the delegation worksheet with this email.\n\nSarah"
    )
    assert (item.owner, item.due) == ("coach", SESSION)
    assert "email" not in item.description.lower()  # when it goes, not what is sent


@pytest.mark.parametrize(
    ("notes", "owner", "description"),
    [
        (
            "Good session.\n\nFrom me: the Lencioni team exercise.",
            "coach",
            "Send Dana the Lencioni team exercise",
        ),
        ("Good session.\n\nFrom Dana: her draft org chart.", "client", "Send the coach her draft org chart"),
    ],
)
def test_a_from_label_with_only_a_thing__is_that_persons_item_to_send_it(
    notes: str, owner: str, description: str
) -> None:
    item = only(notes)
    assert (item.owner, item.description, item.tentative) == (owner, description, False)


@pytest.mark.parametrize(
    ("notes", "due", "words"),
    [
        (
            "Last time's items: the org chart is done. The succession plan slips to May - HR moved it.",
            date(2026, 5, 31),
            "succession plan",
        ),
        (
            "- Her pricing review has slipped to next month; finance are late.",
            date(2026, 4, 30),
            "pricing review",
        ),
    ],
)
def test_a_carried_over_item_that_slips_to_a_month__is_due_that_months_end(
    notes: str, due: date, words: str
) -> None:
    item = only(notes)
    assert (item.owner, item.due, item.tentative) == ("client", due, False)
    assert words in item.description.lower()


def test_a_slipped_item__keeps_the_next_lines_it_to_that_lines_own_thing() -> None:
    found = items(
        "Carried over:\n- The budget slips to April.\n- Her team charter she's halfway through; "
        "she'll finish it by Friday."
    )
    assert sorted((i.due, "charter" in i.description.lower()) for i in found) == [
        (date(2026, 3, 6), True),
        (date(2026, 4, 30), False),
    ]


@pytest.mark.parametrize(
    ("notes", "owner", "due"),
    [
        ("She'll book a 1:1 with Farid for Thursday.", "client", date(2026, 3, 5)),
        ("I'll book our next session for 20 March.", "coach", date(2026, 3, 20)),
    ],
)
def test_booking_for_a_day__is_due_that_day_the_latest_it_can_be_booked(
    notes: str, owner: str, due: date
) -> None:
    item = only(notes)
    assert (item.owner, item.due) == (owner, due)


@pytest.mark.parametrize(
    "notes",
    [
        "Board meeting Wednesday 11 March.\n\n"
        "- Rehearse the pitch with me the week before the board - I'll hold a slot",
        "- Finish the hiring plan by Friday - I'll send her the template",
    ],
)
def test_a_date_in_the_clause_before_a_dash__does_not_date_the_next_clauses_commitment(notes: str) -> None:
    coach = [i for i in items(notes) if i.owner == "coach"]
    assert len(coach) == 1 and coach[0].due is None, coach


@pytest.mark.parametrize(
    ("notes", "name"),
    [
        (
            "Her CEO, Margaret, still hasn't signed off the budget. She'll raise it with her on Thursday.",
            "Margaret",
        ),
        ("New GM in Leeds, Tanya, is struggling with the handover. She'll call her tomorrow.", "Tanya"),
        ("His deputy Omar is close to burning out. He'll have a proper talk with him on Friday.", "Omar"),
    ],
)
def test_her_or_him_in_the_clients_own_action__names_the_person_the_line_named_before(
    notes: str, name: str
) -> None:
    item = only(notes)
    assert item.owner == "client" and name in item.description, item


def test_asking_someone_named_after_an_earlier_action__is_its_own_item_naming_them() -> None:
    found = items(
        "She'll get Tom to draft the plan by Wednesday.\n"
        "She wants her ops lead, Priyanka, to own the RACI - she'll ask her on Monday."
    )
    assert any("Priyanka" in i.description and i.due == date(2026, 3, 9) for i in found), found
    assert any("Tom" in i.description and i.due == date(2026, 3, 4) for i in found), found


def test_her_in_someone_elses_session__is_not_renamed() -> None:
    item = only("Priya is taking over. Dana will bring her map to Priya's first session with her.")
    assert "Priya's first session with her" in item.description


@pytest.mark.parametrize(
    ("notes", "due", "kind"),
    [
        (
            "Good session.\n\nEmail to send her tomorrow:\n\nHi Dana,\n\nThanks for today.\n\nSarah",
            date(2026, 3, 4),
            "",
        ),
        (
            "Recap email (I'll send it on Friday):\n---\nDear Dana,\nGreat work today.\nBest, Sarah",
            date(2026, 3, 6),
            "recap",
        ),
    ],
)
def test_an_email_drafted_in_the_notes__is_the_writers_item_to_send_it(
    notes: str, due: date, kind: str
) -> None:
    item = only(notes)
    assert (item.owner, item.due) == ("coach", due)
    assert item.description == f"Send Dana the {kind + ' ' if kind else ''}email"


def test_an_email_from_someone_else_quoted_in_the_notes__is_nobodys_item_to_send() -> None:
    assert items("Email from her boss:\n\nHi Dana,\n\nPlease can we talk about Q3.\n\nMark") == []


def test_run_on_dictation__no_actions_for_one_topic_keeps_the_commitments_around_it() -> None:
    # one unpunctuated memo is one "sentence": "no actions there" is said of the topic just before it
    notes = (
        "ok so dana said she'd email the budget summary to her coo by thursday and um i'll send her the "
        "grow worksheet tomorrow uh we discussed her team's morale for a long while no actions there "
        "really she's also going to book a skip level lunch next week right that's all"
    )
    found = {i.owner: i for i in items(notes)}
    assert "budget summary" in items(notes)[0].description.lower()
    assert found["coach"].description.lower().startswith("send her the grow worksheet")
    assert "morale" not in found["coach"].description  # the memo moved on at "we discussed"
    assert found["coach"].due == date(2026, 3, 4)
    assert len(items(notes)) == 3


def test_quoted_client_words__are_hers_with_the_quote_split_by_she_said() -> None:
    notes = (
        'Long talk about the merger. "I\'ll call the two plant managers on Friday," she said, "and ask them '
        'what they need from me." Later she added, "I\'m going to take Monday morning off."'
    )
    found = items(notes)
    assert [i.owner for i in found] == ["client", "client"]
    assert "plant managers" in found[0].description and "ask them" in found[0].description
    assert found[0].due == date(2026, 3, 6)
    assert "monday morning off" in found[1].description.lower()


def test_quoted_words__unattributed_or_with_more_said_around_them_stay_the_writers() -> None:
    assert only('I told her: "I\'ll send you the reading list tomorrow."').owner == "coach"
    assert only('"I\'ll send you the reading list tomorrow," I said.').owner == "coach"


def test_it__is_the_thing_a_quoted_request_asked_for() -> None:
    found = only('"Could you send me that piece on delegation?" - sure, I\'ll send it over tonight.')
    assert found.owner == "coach"
    assert found.description.startswith("Send the piece on delegation")


def test_habit__every_friday_before_the_subject_gives_no_due_date() -> None:
    found = only("Every Friday she'll block an hour to review the week, phone off.")
    assert found.due is None
    assert "review the week" in found.description


def test_modal__an_aside_between_will_and_the_verb_keeps_the_commitment() -> None:
    found = only("She won't chair the forum. She will, however, brief the new chair by Friday.")
    assert found.description.startswith("Brief the new chair")
    assert found.due == date(2026, 3, 6)


def test_it__is_the_thing_its_own_sentence_opens_on_not_the_action_before() -> None:
    notes = (
        "She'll send the draft plan to her deputy by Friday. "
        "The quarterly review with her board is moved to April; she'll rehearse for it by the 31st."
    )
    found = items(notes)
    assert len(found) == 2
    assert "quarterly review with her board" in found[1].description
    assert "draft plan" not in found[1].description
    assert found[1].due == date(2026, 3, 31)


def test_we_both__is_an_item_for_the_client_and_one_for_the_writer() -> None:
    found = items("Good session. We'll both watch the talk on psychological safety by Friday.")
    assert sorted(i.owner for i in found) == ["client", "coach"]
    assert all(i.description.startswith("Watch the talk") and i.due == date(2026, 3, 6) for i in found)
    assert items("We'll revisit the org design next time.") == []  # a plain 'we' is still no one's item


def test_three_actions_in_one_sentence_joined_by_commas__are_three_items() -> None:
    notes = (
        "She'll email the board, rewrite the hiring brief, and call the recruiter by Friday.\n"
        "I'll send the worksheet, draft the invitation and call her sponsor next Tuesday.\n"
        "He'll ask finance, HR and legal for their numbers.\n"
        "She'll read, book, and send the deck.\n"
    )
    found = [(i.owner, i.due and i.due.isoformat(), i.description) for i in items(notes)]
    assert found == [
        ("client", None, "Email the board"),
        ("client", None, "Rewrite the hiring brief"),
        ("client", "2026-03-06", "Call the recruiter"),
        ("coach", None, "Send the worksheet"),
        ("coach", None, "Draft the invitation"),
        ("coach", "2026-03-10", "Call her sponsor"),
        ("client", None, "Ask finance, HR and legal for their numbers"),  # a list of whom, one action
        ("client", None, "Read, book, and send the deck"),  # verbs sharing one object, one action
    ]


def test_a_phrase_opening_the_sentence__does_not_hide_the_commitment_after_it() -> None:
    notes = (
        "Despite the merger she will finish the appraisals by Friday.\n"
        "After the offsite she'll write up the decisions.\n"
        "The report she has to write is late.\n"
    )
    found = [(i.owner, i.due and i.due.isoformat(), i.description) for i in items(notes)]
    assert found == [
        ("client", "2026-03-06", "Finish the appraisals"),
        ("client", None, "Write up the decisions"),
    ]  # 'the report she has to write' still describes the report


def test_under_a_next_time_heading__bringing_something_is_the_clients_item_and_topics_are_not() -> None:
    notes = "Next time:\n- revisit the conflict with Finance\n- bring her draft of the team charter\n"
    found = [(i.owner, i.due, i.description) for i in items(notes)]
    assert found == [("client", NEXT, "Bring her draft of the team charter")]
    found = [(i.owner, i.due) for i in items("For next time: she'll bring the two job descriptions.")]
    assert found == [("client", NEXT)]


def test_under_next_a_line_saying_who_will_do_what__is_an_item_not_a_topic() -> None:
    notes = "Next: I'll send her the contract by Friday.\nNext time:\n- the handover\n"
    found = [(i.owner, i.due, i.description) for i in items(notes)]
    assert found == [("coach", date(2026, 3, 6), "Send her the contract")]


def test_the_client_and_a_colleague_as_the_subject__is_the_clients_item_the_colleagues_alone_is_not() -> None:
    notes = (
        "She and her COO will draft the hiring plan by Friday. Dana and Omar (CFO) will brief the board. "
        "Her deputy and the HR lead will run the survey."
    )
    found = [(i.owner, i.due) for i in items(notes)]
    assert found == [("client", date(2026, 3, 6)), ("client", None)]


def test_post_and_pause_start_a_list_lines_action() -> None:
    notes = "- Post the offsite summary on Slack\n- Pause before answering challenges from the board\n"
    assert [i.owner for i in items(notes)] == ["client", "client"]


def test_holding_off__is_not_doing_so_no_item() -> None:
    notes = "If the deal slips, she'll hold off until April. He will hold fire on the reorg. She'll sit tight"
    assert items(notes) == []
    assert [i.description for i in items("She'll hold the offsite in May.")] == ["Hold the offsite in May"]


def test_before_that_meeting__is_the_date_of_the_meeting_the_sentence_before_named() -> None:
    notes = "She'll meet the CFO on Friday. She is going to list her three asks before that meeting."
    found = [(i.description, i.due) for i in items(notes)]
    assert found == [("Meet the CFO", date(2026, 3, 6)), ("List her three asks", date(2026, 3, 6))]
    # with no meeting dated before it, the words stay and no date is guessed
    assert [i.due for i in items("She'll list her three asks before that meeting.")] == [None]


def test_told_me_she_would__is_her_commitment_as_said_she_would_is() -> None:
    item = only("Dana told me she'd speak to her co-founder about equity by Friday.")
    assert (item.owner, item.due and item.due.isoformat(), item.description) == (
        "client",
        "2026-03-06",
        "Speak to her co-founder about equity",
    )


def test_a_thing_to_be_done_in_the_passive__is_its_named_doers_and_nobodys_without_one() -> None:
    notes = (
        "The board deck will be sent to the chair by Friday (Dana owns it).\n"
        "It was agreed that the survey results would be shared with the leads next week. Dana is on it.\n"
        "The contract renewal will be sent over by me on Monday.\n"
        "The budget paper is to be reviewed by finance before it goes anywhere.\n"
        "The offsite agenda will be circulated by Friday.\n"
    )
    assert [(i.owner, i.due and i.due.isoformat(), i.description) for i in items(notes)] == [
        ("client", "2026-03-06", "Send the board deck to the chair"),
        ("client", "2026-03-13", "Share the survey results with the leads"),
        ("coach", "2026-03-09", "Send the contract renewal"),
    ]


def test_a_question_about_doing_something_answered_yes__is_the_item_hedged_as_the_answer_is() -> None:
    notes = (
        "Could she talk to HR before Friday about the timeline? She thinks so, if HR has capacity.\n"
        "Should she drop the weekly steering group? Not yet, she wants to see the next two.\n"
        "Could she email the board chair this week? Yes.\n"
    )
    assert [(i.owner, i.due and i.due.isoformat(), i.tentative, i.description) for i in items(notes)] == [
        ("client", "2026-03-06", True, "Talk to HR about the timeline"),
        ("client", "2026-03-06", False, "Email the board chair"),
    ]


def test_a_yes_with_a_date__dates_the_question_it_answers() -> None:
    notes = (
        "Will she tell her team about the move? Yes - by Friday.\n"
        "Could he book the offsite venue? Yes, on Monday.\n"
        "Will she take the mentoring offer? Yes, gladly.\n"
    )
    assert [(i.due and i.due.isoformat(), i.description) for i in items(notes)] == [
        ("2026-03-06", "Tell her team about the move"),
        ("2026-03-09", "Book the offsite venue"),
        (None, "Take the mentoring offer"),
    ]


def test_it_two_sentences_after_an_action__is_what_the_sentences_between_name() -> None:
    notes = (
        "She will raise the rota with Tom by Friday.\n"
        "Is she going to apply for the lead role? Not yet, she wants to see the job description first. "
        "She'll ask HR for it on Monday.\n"
    )
    assert [(i.due and i.due.isoformat(), i.description) for i in items(notes)] == [
        ("2026-03-06", "Raise the rota with Tom"),
        ("2026-03-09", "Ask HR for the job description first"),
    ]


def test_before_then__is_the_date_earlier_in_its_own_run_on_sentence() -> None:
    notes = (
        "We talked about the cost targets, which she agreed she will raise with the CFO by Friday, and I "
        "said I would send her the Feedforward questions before then so she can prepare.\n"
    )
    coach = [i for i in items(notes) if i.owner == "coach"]
    assert [(i.due and i.due.isoformat(), i.description) for i in coach] == [
        ("2026-03-06", "Send her the Feedforward questions")
    ]


def test_ive_asked_her_to__is_the_homework_the_writer_set_her() -> None:
    item = only("I've asked her to keep a log of the meetings she could decline by Friday.")
    assert (item.owner, item.due and item.due.isoformat(), item.tentative) == ("client", "2026-03-06", False)
    assert item.description.startswith("Keep a log of the meetings")
    assert items("Her boss has asked her to cover the Monday call.") == []  # someone else's ask, not agreed


def test_past_tense__agreed_with_someone_that_she_would_is_her_commitment() -> None:
    item = only("Dana agreed with her HR partner that she would run the calibration sessions by Friday.")
    assert (item.owner, item.due, item.description) == (
        "client",
        date(2026, 3, 6),
        "Run the calibration sessions",
    )


def test_past_tense__committed_to_a_gerund_reads_as_the_verb() -> None:
    item = only("At the leadership meeting Dana committed to publishing the hiring criteria.")
    assert (item.owner, item.description) == ("client", "Publish the hiring criteria")


def test_description__an_aside_that_only_dated_an_event_goes_with_its_date() -> None:
    item = only("Dana will brief HR ahead of the board (board meets 20 March).")
    assert (item.due, item.description) == (date(2026, 3, 20), "Brief HR ahead of the board")


def test_description__a_window_leaves_no_between_and() -> None:
    item = only("Dana wants to sit down with her CFO between Wednesday and Friday to check the numbers.")
    assert (item.due, item.description) == (date(2026, 3, 6), "Sit down with her CFO to check the numbers")


@pytest.mark.parametrize(
    "notes",
    [
        "Her boss asked her to mentor the graduates - she's said yes to that and will set up a first meeting "
        "with them on Friday.",
        "Dana agreed and will set up a first meeting with them on Friday.",
    ],
)
def test_said_yes_and_will__the_one_who_agreed_is_the_owner(notes: str) -> None:
    item = only(notes)
    assert (item.owner, item.due, item.description) == (
        "client",
        date(2026, 3, 6),
        "Set up a first meeting with them",
    )


def test_said_yes_and_will__someone_elses_yes_is_not_hers() -> None:
    assert items("Her deputy Tom said yes and will set up the rota on Friday.") == []


def test_we_agreed_we_would_both__is_an_item_for_each_without_its_date_in_the_text() -> None:
    found = items("We agreed we'd both reread the chapter on adaptive challenges before we meet again.")
    assert sorted(i.owner for i in found) == ["client", "coach"]
    assert {(i.due, i.description) for i in found} == {(NEXT, "Reread the chapter on adaptive challenges")}
    assert items("We agreed we'd meet fortnightly from now on.") == []  # a plain 'we' is no one's item


def test_quoted_words__said_at_a_moment_of_the_session_are_hers() -> None:
    item = only('"I will call Tom tomorrow," she said at the end of the session.')
    assert (item.owner, item.due, item.description) == ("client", date(2026, 3, 4), "Call Tom")


@pytest.mark.parametrize(
    "notes",
    [
        "She should really be delegating the escalations to Femi.",
        "I must be spending less time in the weeds.",
    ],
)
def test_should_be_doing__is_how_things_ought_to_be_not_a_task(notes: str) -> None:
    assert items(notes) == []
    assert only("She should delegate the escalations to Femi by Friday.").due == date(2026, 3, 6)


def test_first_n_days__is_a_period_named_not_a_date_counted_before_the_next_session() -> None:
    item = only("She'll read The First 90 Days before next session.")
    assert (item.due, item.description) == (NEXT, "Read The First 90 Days")
    assert only("She'll send the pack two days before the board on the 20th.").due == date(2026, 3, 18)


def test_a_clients_name_that_is_also_a_word__is_her_name_where_it_names_her() -> None:
    found = items(
        "I will send Will the RACI template tomorrow. Will will hand the plan to Ana by Friday.",
        "Will Foster",
    )
    assert [(i.owner, i.description) for i in found] == [
        ("coach", "Send Will the RACI template"),
        ("client", "Hand the plan to Ana"),
    ]
    assert only("Hope will meet her three managers by Friday.", client="Hope Adams").owner == "client"
    assert items("Her hope is to be ready for the panel.", "Hope Adams") == []


def test_hoping_to_with_a_when__is_a_tentative_item_and_without_one_a_wish() -> None:
    item = only("I'm hoping to send her the onboarding checklist this week.")
    assert (item.owner, item.due, item.tentative) == ("coach", date(2026, 3, 6), True)
    assert items("He has been hoping to recover the time.") == []


@pytest.mark.parametrize(
    ("notes", "owner"),
    [
        ('She set her own homework, in her words: "I\'m going to map my week on Sunday night."', "client"),
        ('He put it in his own words, "I will ring the two plant managers."', "client"),
        ('My plan, in my words: "I\'ll map the week on Sunday night."', "coach"),
    ],
)
def test_quoted_words__after_in_her_words_are_hers(notes: str, owner: str) -> None:
    assert only(notes).owner == owner


@pytest.mark.parametrize(
    ("notes", "owner"),
    [
        ("Team session.\n- Rachel (co-coach) to write up the results by Wednesday", "associate"),
        ("- Owen (associate) to send the results by Wednesday", "associate"),
        ("- Dana (client) to send the results by Wednesday", "client"),
    ],
)
def test_name_then_who_she_is_in_brackets_then_to__is_her_item(notes: str, owner: str) -> None:
    item = only(notes)
    assert (item.owner, item.due) == (owner, date(2026, 3, 4))
    assert item.description.lower().startswith(("write up the results", "send the results"))


def test_i_suggested_name_x__is_the_clients_without_her_answer() -> None:
    item = only("I suggested Dana run her next all-hands without slides and she liked the idea.")
    assert (item.owner, item.description) == ("client", "Run her next all-hands without slides")
    item = only("I suggested she delegate the supplier calls to Tomasz and she agreed.")
    assert item.description == "Delegate the supplier calls to Tomasz"
    # someone else named after 'suggested' is not the client: no item of hers
    assert items("I suggested Tom run the next all-hands.") == []
    # 'how he liked' inside the action is part of it, not an answer
    assert only("I suggested she ask Liam how he liked the offsite.").description == (
        "Ask Liam how he liked the offsite"
    )


def test_a_date_after_another_commitments_cue__is_not_the_next_clauses() -> None:
    notes = (
        "In the middle of all that she said she'd call Omar on Monday, which felt big, and I said I'd "
        "email her the article."
    )
    item = only(notes)
    assert (item.owner, item.due) == ("coach", None)
    assert only("Her boss will sign it off on Monday, and I'll send the notes.").due is None
    assert only("On Monday, I'll email her the article.").due == date(2026, 3, 9)
    # a heading's cue before the colon is not another commitment's
    assert only("What I am going to do: on Monday I'll email her the article.").due == date(2026, 3, 9)


def test_he_also_after_someone_elses_promise__is_theirs_too() -> None:
    notes = (
        "Three-way with her boss. Graham agreed to fund the course for Dana. "
        "He'll also send her the promotion criteria by Friday. Dana will book the course this week."
    )
    assert [(i.owner, i.description) for i in items(notes)] == [("client", "Book the course")]
    # without 'also', or when the sentence before does not tell him from the client, it stays hers
    assert only(
        "Graham agreed to fund the course for Dana. She'll send him the criteria by Friday."
    ).owner == ("client")
    assert only("Dee is going to hold an all-hands. She'll also book a long weekend.").owner == "client"


def test_a_heading_that_opens_with_a_deadline__dates_the_undated_lines_under_it() -> None:
    notes = "Dana 3/3\nBefore we meet, you'll:\n- call Sam about the rota\n- book the offsite venue by Friday"
    assert [(i.description, i.due) for i in items(notes)] == [
        ("Call Sam about the rota", NEXT),
        ("Book the offsite venue", date(2026, 3, 6)),
    ]
    assert only("Dana 3/3\nBy Thursday:\n- call Sam about the rota").due == date(2026, 3, 5)
    # the list ends at a line that is not one of its lines
    notes = "Dana 3/3\nBy Thursday:\n- call Sam about the rota\nWe talked about the budget.\n- read the memo"
    assert [i.due for i in items(notes)] == [date(2026, 3, 5), None]


def test_a_recap_email_drafted_to_the_client__is_the_writers_with_her_list_in_it() -> None:
    notes = (
        "Draft recap email to Dana:\nHi Dana, thanks for today.\nBefore we meet, you'll:\n"
        "- call Sam about the rota\nFrom my side, I'll send over the chapter by Friday.\nBest, Sarah"
    )
    found = {i.description: (i.owner, i.due) for i in items(notes)}
    assert found["Call Sam about the rota"] == ("client", NEXT)
    assert found["Send over the chapter"] == ("coach", date(2026, 3, 6))
    # under the client's own list 'I' is hers, until the writer turns to 'from my side'
    notes = "Dana 3/3\nClient's commitments:\n- call Sam\nFrom my side, I'll send over the chapter by Friday."
    assert only(notes.replace("- call Sam\n", "")).owner == "coach"
    assert [i.owner for i in items(notes)] == ["client", "coach"]


def test_we_do_x_together__is_the_clients_and_the_writers_each() -> None:
    found = items("We'll do a full dry run of her talk together on Friday.")
    assert sorted((i.owner, i.due) for i in found) == [
        ("client", date(2026, 3, 6)),
        ("coach", date(2026, 3, 6)),
    ]
    # 'put together' is a verb, and 'together with her boss' names someone else: not the two of them
    assert items("We'll put together a plan on Friday.") == []
    assert items("We'll review it together with her boss.") == []


def test_intro_as_a_verb__is_written_out() -> None:
    assert only("I'll intro her to Maya this week.").description == "Introduce her to Maya"
    assert only("- me: intro Dana to Tariq").description == "Introduce Dana to Tariq"
    # the noun stays: an intro call is a call
    assert only("I'll book an intro call with Maya.").description == "Book an intro call with Maya"


def test_a_closing_so_colon_with_a_verb__is_what_to_do() -> None:
    notes = "Dana 3/3\nLong one on the restructure.\nSo: talk to Sam about his plans by Friday."
    item = only(notes)
    assert (item.owner, item.due, item.description) == (
        "client",
        date(2026, 3, 6),
        "Talk to Sam about his plans",
    )
    # without a verb it is a heading's words, no item
    assert items("Dana 3/3\nSo: the restructure, and what it means for Sam.") == []


def test_name_owns_the_thing_to_do_x_with_it__is_theirs_on_that_thing() -> None:
    item = only("Dana owns the reforecast - to circulate it to the ET by Friday.")
    assert (item.owner, item.due, item.description) == (
        "client",
        date(2026, 3, 6),
        "Circulate the reforecast to the ET",
    )
    assert item.receipt.startswith("\u201cDana owns the reforecast")  # the notes as written
    assert items("Dana owns the budget now.") == []
    # someone else owning it is theirs, not the client's
    assert items("Her CFO owns the reforecast - to circulate it by Friday.") == []


def test_a_bracketed_aside_with_its_own_subject__leaves_the_line_to_its_tag() -> None:
    found = items("Dana 3/3\nMe: intro her to a fractional CFO if she wants one (she'll tell me by Friday).")
    assert [(i.owner, i.description[:9]) for i in found] == [("coach", "Introduce"), ("client", "Tell me")]
    assert found[1].due == date(2026, 3, 6)


@pytest.mark.parametrize(
    ("notes", "due", "description"),
    [
        ("- I'll send her the Kotter summary tomorrow arvo", date(2026, 3, 4), "Send her the Kotter summary"),
        ("- Dana to book the room tomorrow morning", date(2026, 3, 4), "Book the room"),
    ],
)
def test_dates__the_part_of_the_day_goes_with_its_day_not_into_the_item(notes, due, description) -> None:
    # "arvo" (Australian for afternoon) after "tomorrow" was left behind: "Send her the Kotter summary arvo"
    item = only(notes)
    assert (item.due, item.description) == (due, description)


def test_outcomes__a_next_time_topic_after_a_sentence_is_not_also_an_outcome() -> None:
    # "Good energy by the end. Next time: how the comms plan landed." listed the topic under Key Outcomes
    # as well as For Next Time (Harbour Leadership's notes email).
    notes = (
        "Used GROW on the rostering mess.\nActions:\n- Dana to send me her draft comms plan by Friday\n"
        "Good energy by the end. Next time: how the comms plan landed."
    )
    d = draft_by_rules(NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", NEXT))
    assert d.next_topics == ["How the comms plan landed"]
    assert not [o for o in d.key_outcomes if "comms plan landed" in o], d.key_outcomes
