"""The rules drafter on the shapes notes arrive in from other tools and other hands: a meeting recorder's
transcript, a rich-text paste, the client's own recap, a joint session, several labels on one line."""

from __future__ import annotations

from datetime import date

from automation.sessions.draft import ActionItemDraft, NotesInput
from automation.sessions.rules_drafter import draft_by_rules

SESSION = date(2026, 3, 3)  # Tuesday
NEXT = date(2026, 3, 17)
FRIDAY, MONDAY = "2026-03-06", "2026-03-09"


def items(notes: str, client: str = "Dana Whitfield") -> list[ActionItemDraft]:
    return draft_by_rules(NotesInput(notes, SESSION, client, "Sarah Cave", NEXT)).action_items


def found(notes: str, client: str = "Dana Whitfield") -> list[tuple[str, str | None, str]]:
    return [(i.owner, i.due and i.due.isoformat(), i.description) for i in items(notes, client)]


def test_speaker_and_time_on_their_own_line__is_a_transcript() -> None:
    notes = """
Sarah Cave  00:14:03
What will you do before we next meet?

Dana Whitfield  00:14:11
I'll send the KPI report to Sam by Friday.

Sarah Cave  00:14:40
Good. I'll send you the worksheet.
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("coach", None)]


def test_a_chat_thread_pasted__its_am_pm_heads_are_speakers_and_instead_replaces_a_plan() -> None:
    notes = """
Sarah Cave  4:12 PM
Recap of what we agreed:
• you'll have the promotion conversation with Sam before the end of the week
• I'll send you the SL quick guide

Dana Whitfield  4:30 PM
Thanks! I'll do the Sam conversation on Monday instead, he's off Friday.
Also I'll ask Jo tomorrow to cover the rota.

Sarah Cave  4:31 PM
perfect
"""
    assert found(notes) == [
        ("coach", None, "Send you the SL quick guide"),
        ("client", MONDAY, "Have the promotion conversation with Sam"),
        ("client", "2026-03-04", "Ask Jo to cover the rota"),
    ]


def test_time_then_speaker_on_its_own_line__is_a_transcript_too() -> None:
    notes = "00:01 Sarah\nWhat's next?\n00:02 Dana\nI'll book the 1:1s on Monday.\n"
    notes += "00:03 Sarah\nI'll send a guide."
    notes = notes.replace("\n", "\n\n")  # the blank lines a recorder leaves between turns
    assert [(o, d) for o, d, _ in found(notes)] == [("client", MONDAY), ("coach", None)]


def test_a_name_alone_on_a_line__without_a_time_is_not_a_speaker() -> None:
    notes = "Dana Whitfield\nSam to take over the KPI report.\nDana will book the 1:1s on Monday."
    assert [(o, d) for o, d, _ in found(notes)] == [("client", MONDAY)]


def test_webvtt_voice_tags__are_speakers_and_the_cue_timings_go() -> None:
    notes = """WEBVTT

00:03:12.000 --> 00:03:18.000
<v Sarah Cave>What's the one thing you'll do?</v>

00:03:19.000 --> 00:03:27.000
<v Dana Whitfield>I'll write the feedback for Sam and send it to you by Monday.</v>

00:03:28.000 --> 00:03:34.000
<v Sarah Cave>Great. I'll send you the SBI examples.</v>
"""
    got = found(notes)
    assert [(o, d) for o, d, _ in got] == [("client", MONDAY), ("coach", None)]
    assert all("<" not in desc and "-->" not in desc for _, _, desc in got)


def test_html_pasted_in__paragraphs_and_list_items_are_lines() -> None:
    notes = (
        "<p>Good session with Dana.</p><p><b>Actions</b></p><ul><li>Dana to book the 1:1s by Friday</li>"
        "<li>me: send the worksheet &amp; the guide</li></ul><script>track()</script>"
    )
    got = found(notes)
    assert [(o, d) for o, d, _ in got] == [("client", FRIDAY), ("coach", None)]
    assert got[1][2] == "Send the worksheet & the guide"


def test_the_clients_own_email__i_is_the_client_and_you_the_coach() -> None:
    notes = """From: Dana Whitfield
Sent: 3 March 2026 17:02
Subject: my actions

Hi Sarah,

My actions:
1) Book the 1:1s by Friday
2) I'll ask Sam to take over the KPI report

And you said you'd send me the worksheet.

Dana
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("client", None), ("coach", None)]
    # "you were going to …" reminds the coach of what was agreed; "…, but" gives it up
    said = "you said you'd send me the worksheet"
    reminded = notes.replace(said, "you were going to send me the worksheet")
    assert [(o, d) for o, d, _ in found(reminded)] == [("client", FRIDAY), ("client", None), ("coach", None)]
    given_up = notes.replace(said, "you were going to send one, but no need")
    assert [(o, d) for o, d, _ in found(given_up)] == [("client", FRIDAY), ("client", None)]


def test_an_email_greeting_the_coach_and_signed_by_the_client__is_the_clients() -> None:
    notes = "Hi Sarah,\n\nI'll book the 1:1s by Friday, and you'll send me the worksheet.\n\nThanks, Dana"
    assert sorted((o, d) for o, d, _ in found(notes)) == [("client", FRIDAY), ("coach", None)]


def test_the_coachs_email_to_the_client__stays_the_coachs() -> None:
    notes = "Hi Dana,\n\nYou'll book the 1:1s by Friday, and I'll send you the worksheet.\n\nBest, Sarah"
    assert sorted((o, d) for o, d, _ in found(notes)) == [("client", FRIDAY), ("coach", None)]


def test_email_header_fields__are_not_speakers_of_a_transcript() -> None:
    notes = "From: Sarah Cave\nTo: Dana Whitfield\nSubject: recap\n\nDana will book the 1:1s by Friday."
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY)]


def test_a_coaching_template_s_fields__are_not_speakers_of_a_transcript() -> None:
    # CLEAR's fields each open one line; a conversation comes back to its speakers
    notes = (
        "Contract: her first 90 days.\nListen: she's overwhelmed by the inherited projects.\n"
        "Explore: which she can stop.\nReview: she felt clearer. I'll send her the triage sheet by Friday."
    )
    assert [(o, d) for o, d, _ in found(notes)] == [("coach", FRIDAY)]
    # a short transcript still is one: the coach speaks twice
    notes = "Sarah: What will you do?\nDana: I'll call Sam on Friday.\nSarah: Good, I'll send the notes."
    assert sorted((o, d) for o, d, _ in found(notes)) == [("client", FRIDAY), ("coach", None)]


def test_decided_to__with_a_date_is_a_step_without_one_an_outcome() -> None:
    assert found("Dana decided to meet each lead one-to-one before Friday.") == [
        ("client", FRIDAY, "Meet each lead one-to-one")
    ]
    assert found("Key outcome: Dana decided to stop attending the ops meeting.") == []
    assert found("Dana finally decided to let go of the weekly status meeting.") == []


def test_an_associate_named_in_full__is_known_by_first_name() -> None:
    notes = "Summary written by Jonah Reid (associate).\nJonah will send Dana the planning template."
    assert [(o, d) for o, d, _ in found(notes)] == [("associate", None)]


def test_a_one_line_note__owner_tags_with_a_dash_and_mid_line() -> None:
    assert found("dana - call the board chair by Friday. me: chase the 360 report.") == [
        ("client", FRIDAY, "Call the board chair"),
        ("coach", None, "Chase the 360 report"),
    ]


def test_a_name_and_a_dash__on_a_heading_line_of_a_longer_note_is_not_a_tag() -> None:
    notes = "Dana - review of the quarter\nShe talked through the launch and the hires."
    assert found(notes) == []


def test_a_plain_label_line_under_the_actions__says_what_it_is_and_is_no_task() -> None:
    """From an end-to-end run on unseen notes: 'mood: tired but clearer' closing an ACTIONS block."""
    notes = "ACTIONS\nDana to book the 1:1s by Friday\nI'll send the worksheet\nplan: a slow start"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("coach", None)]
    # a label followed by a verb is still an instruction
    notes = "ACTIONS\nDana to book the 1:1s by Friday\nnote: call Sam before Monday"
    got = [d for _, _, d in found(notes)]
    assert len(got) == 2 and got[1].lower().endswith("call sam")


def test_a_line_after_the_numbered_actions_reporting_what_was_done__is_no_task() -> None:
    """From the demo's own notes: 'Pre-work was done. Next session: debrief …' after a numbered Actions
    list became a client task. A noun phrase with a verb in the past is a report; one without is a task."""
    notes = (
        "Actions:\n1. Dana to rehearse the Q&A with her CFO before Friday\n"
        "2. Dana to ask two board members for their concerns\n"
        "Pre-work was done. Next session: debrief the board meeting."
    )
    assert [o for o, _, _ in found(notes)] == ["client", "client"]
    notes = "Actions:\nThe 1:1s with her directs have been booked\nSkip-level lunch with the team by Friday"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY)]


def test_the_clients_name_then_a_topic_opening_the_notes__is_the_topic_not_a_task() -> None:
    notes = (
        "Dana: board dynamics, the chair still runs every meeting.\nNext steps:\n1) Dana to draft the agenda"
    )
    assert [d for _, _, d in found(notes)] == ["Draft the agenda"]
    # the same tag with a verb, or with a date, is the client's task
    assert [(o, d) for o, d, _ in found("Dana: send the agenda to the chair")] == [("client", None)]
    assert [(o, d) for o, d, _ in found("Dana: the board pack by Friday")] == [("client", FRIDAY)]


def test_a_joint_session_named_in_the_opening__the_others_coached_in_it_are_clients_too() -> None:
    notes = (
        "Founders' session - Dana & Marco\n"
        "- Marco to map the handoffs by Friday\n"
        "- Both to agree the rota before our next session\n"
        "- Marco will stop taking investor calls for now\n"
        "- I'll send them both the RACI template"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Map the handoffs"),
        ("client", "2026-03-17", "Agree the rota"),
        ("client", None, "Stop taking investor calls for now"),
        ("coach", None, "Send them both the RACI template"),  # 'them both' is who gets it
    ]


def test_a_joint_session_of_full_names__the_other_clients_initials_tag_their_items() -> None:
    notes = (
        "Co-founder session - Dana Whitfield & Marco Ruiz\n"
        "DW: will draft the hiring plan by Friday\n"
        "MR: will map the sales pipeline by Monday\n"
        "Me: send them the RACI template\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Draft the hiring plan"),
        ("client", MONDAY, "Map the sales pipeline"),  # MR is Marco Ruiz, coached in the session
        ("coach", None, "Send them the RACI template"),
    ]


def test_a_team_session__attendees_their_dash_lines_and_everyone_are_the_clients() -> None:
    notes = (
        "Team coaching session 3\nAttendees: Dana, Ravi, Meg, Sarah (coach)\n"
        "Ravi - run the retro on Monday\nMeg - draft the charter by the 20th\n"
        "Dana - hold everyone to the charter\nEveryone - read the summary before next session"
    )
    assert found(notes) == [
        ("client", MONDAY, "Run the retro"),
        ("client", "2026-03-20", "Draft the charter"),
        ("client", None, "Hold everyone to the charter"),  # 'everyone' there is whom she holds to it
        ("client", "2026-03-17", "Read the summary"),
    ]


def test_a_three_way_with_the_clients_manager__his_actions_are_not_hers() -> None:
    notes = (
        "Three-way: Dana, her manager Sam, and me.\nSam still wants Dana to push back in the exec meeting.\n"
        "- Sam to sign off the budget\n- Dana to send the plan to Sam by Friday"
    )
    assert found(notes) == [("client", FRIDAY, "Send the plan to Sam")]
    notes = (
        "Present: Dana, Sam (her line manager), Sarah\n- Sam to sign off the budget\n- Dana to book the room"
    )
    assert found(notes) == [("client", None, "Book the room")]


def test_a_grow_template__options_are_not_actions_and_will_is_the_action_list() -> None:
    notes = (
        "Goal: ready for the VP role\nOptions:\n- tell her boss she wants it\n- find a mentor\n"
        "Will:\n- Tell her boss at their 1:1 on Thursday that she wants the VP role\n"
        "- Ask the CFO to be a mentor - she'll think first about whether the CFO is the right fit\n"
        "Me: send the GROW write-up"
    )
    assert [(o, d, t) for o, d, t in found(notes)] == [
        ("client", "2026-03-05", "Tell her boss at their 1:1 that she wants the VP role"),  # 'her boss': hers
        ("client", None, "Ask the CFO to be a mentor"),
        ("coach", None, "Send the GROW write-up"),
    ]
    assert [i.tentative for i in items(notes)] == [False, True, False]  # it waits on her thinking first


def test_ticked_symbols_and_a_done_status__are_done_not_to_do() -> None:
    notes = """
✅ Dana: booked the room for the offsite
✔ me: sent the pulse survey
- Dana: tell Sam about the rota change - done, he took it well
- me: send the rota template – sent
☐ Dana: draft the offsite agenda by Friday
"""
    assert found(notes) == [("client", FRIDAY, "Draft the offsite agenda")]


def test_a_review_line_naming_its_thing_first__is_what_it_refers_to() -> None:
    notes = """
- from s3: call the CFO about the freeze - done
- from s3: budget memo - not started, she'll write it by Friday
"""
    assert [(o, d, desc.lower()) for o, d, desc in found(notes)] == [
        ("client", FRIDAY, "write the budget memo")
    ]


def test_a_quoted_block_the_client_wrote__its_i_is_the_client() -> None:
    notes = """
Dana emailed this before the session:
> I've been thinking about why I avoid the monthly review.
> I'm going to send Sam the review pack a day early from now on.

I'll send her the agenda template.
"""
    got = found(notes)
    assert [(o, d) for o, d, _ in got] == [("client", None), ("coach", None)]
    assert "review pack" in got[0][2]


def test_a_quoted_block_not_introduced_as_the_clients__keeps_the_author() -> None:
    notes = "Quote I keep in mind:\n> I'll send the board pack on Friday.\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("coach", FRIDAY)]


def test_a_quoted_email_from_the_clients_boss__its_i_is_no_one_in_the_session() -> None:
    notes = """
Dana brought an email from her boss (Priya, COO) which frames a lot of this:
> Dana - I need you to own the vendor review. Please send me a plan by Friday and
> set up a weekly check-in with procurement. I'll introduce you to the new CFO on Monday.

I'll send her the decision rights template.
"""
    got = items(notes)
    # the boss's own promise is no one's here; what she asks of Dana (a plan, a check-in) is not agreed
    assert [(i.owner, i.tentative) for i in got] == [("client", True), ("client", True), ("coach", False)]
    assert "plan" in got[0].description and "procurement" in got[1].description


def test_a_forwarded_email_from_someone_else__quoted_lines_are_not_the_coachs() -> None:
    notes = (
        "Pasting Dana's boss's email for context:\n\n"
        "---------- Forwarded message ---------\n"
        "From: Mark Ellis <mark@example.com>\n"
        "Subject: Ops review\n\n"
        "> I will talk to the CEO about your headcount on Monday.\n\n"
        "She'll reply to Mark by Friday.\n"
    )
    assert found(notes) == [("client", FRIDAY, "Reply to Mark")]


def test_a_line_that_only_lists_things__is_what_both_stands_for() -> None:
    notes = (
        "From me: the delegation checklist, and the article on saying no. I'll send both to her by Friday."
    )
    ((owner, due, desc),) = found(notes)
    assert (owner, due) == ("coach", FRIDAY)
    assert "delegation checklist" in desc and "saying no" in desc and "both" not in desc


def test_a_table_owner_marked_maybe__is_theirs_and_tentative() -> None:
    notes = """
| When | What | Who |
|---|---|---|
| Friday | Send the rota to the team | Dana |
| tbc | Ask HR about a coaching budget | Dana (maybe) |
"""
    got = [(i.owner, i.due and i.due.isoformat(), i.tentative) for i in items(notes)]
    assert got == [("client", FRIDAY, False), ("client", None, True)]


def test_a_date_counted_from_an_event_the_notes_date__is_the_due_date() -> None:
    notes = (
        "The launch is on the 12th.\n"
        "The day after the launch she'll run a retro with the team, and she'll write to the sponsor two days "
        "after that. I'll call her the evening before the launch."
    )
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", "2026-03-13"),
        ("client", "2026-03-15"),
        ("coach", "2026-03-11"),
    ]


def test_a_numbered_goal_over_lettered_actions__is_a_heading_not_an_item() -> None:
    notes = "1. Build trust with the new team\n   a. Run a weekly demo slot\n   b. Share one win a week\n"
    assert [d for _, _, d in found(notes)] == ["Run a weekly demo slot", "Share one win a week"]


def test_a_dated_imperative_over_verb_steps__is_one_action_its_steps_are_details() -> None:
    # the date makes it an action, not a goal heading (the numbered goal above has none)
    notes = (
        "Homework\n- Rehearse the budget pitch (Friday)\n    - cut it to ten slides\n    - time it twice\n"
        "- Review the team's OKRs before next session\n    - ask each lead for their top one\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Rehearse the budget pitch"),
        ("client", NEXT.isoformat(), "Review the team's OKRs"),
    ]


def test_a_list_line_over_details_without_verbs__stays_an_action() -> None:
    notes = "Actions:\n- Draft the board memo\n   - the Q3 numbers\n   - the hiring plan\n"
    assert [d for _, _, d in found(notes)][:1] == ["Draft the board memo"]


def test_an_hour_and_a_cut_aside__leave_no_trace_in_the_description() -> None:
    notes = "- He sends the script to comms by 5pm Monday\n- Dry run on Weds (I'll send the invite today)\n"
    assert found(notes) == [
        ("client", MONDAY, "Send the script to comms"),
        ("coach", "2026-03-03", "Send the invite"),
    ]


def test_note_taking_shorthand__is_read_as_the_words_it_stands_for() -> None:
    notes = "- f/u w/ CFO re budget EOW\n- 1:1 w/c 9th\n- me: template + eg from another client asap\n"
    assert found(notes)[0] == ("client", FRIDAY, "Follow up with CFO about budget")
    assert found(notes)[-1] == ("coach", None, "Template + an example from another client")


def test_unpunctuated_dictation__a_new_subject_ends_the_action() -> None:
    notes = (
        "ok so dana is going to talk to her boss tomorrow and agree what she will drop she also wants to "
        "write up the three priorities for the quarter and bring them next time i said id send her the "
        "chapter on delegation um and also she might ask her team for feedback she wasnt sure thats it"
    )
    assert found(notes) == [
        ("client", "2026-03-04", "Talk to her boss and agree what she will drop"),
        # "she also wants to write up …" is her item, as the eval set reads it (notes 158, 226, 247)
        ("client", "2026-03-17", "Write up the three priorities for the quarter and bring them"),
        ("coach", None, "Send her the chapter on delegation"),
        ("client", None, "Ask her team for feedback"),
    ]


def test_unpunctuated_dictation__a_date_closing_the_clause_before_the_next_subject_is_that_actions() -> None:
    notes = (
        "quick one with dana today mostly about the merger and how the two finance teams are settling in she "
        "will draft the two points she wants her leads to take away by thursday i said i would send her the "
        "chapter on trust so thats it"
    )
    assert found(notes) == [
        ("client", "2026-03-05", "Draft the two points"),
        ("coach", None, "Send her the chapter on trust"),
    ]


def test_lines_labelled_by_weekday__are_actions_on_that_day() -> None:
    # session on a Tuesday: "Tue:" opens a plan that starts today, the other days are the coming ones
    notes = (
        "Plan for the week\n"
        "Tue: Dana tells the team about the freeze herself\n"
        "Thurs – 1:1 with Sam on the missed deadline\n"
        "Fri: block 2 hrs of thinking time\n"
        "Background: she's been firefighting for weeks.\n"
    )
    assert found(notes) == [
        ("client", "2026-03-03", "Tell the team about the freeze herself"),
        ("client", "2026-03-05", "1:1 with Sam on the missed deadline"),
        ("client", FRIDAY, "Block 2 hrs of thinking time"),
    ]


def test_two_imperatives_on_one_tagged_line__are_two_actions() -> None:
    notes = "Me: prep sheet to Dana today. Check in by text Thursday.\n"
    assert found(notes) == [
        ("coach", "2026-03-03", "Prep sheet to Dana"),
        ("coach", "2026-03-05", "Check in by text"),
    ]


def test_a_forwarded_email_from_the_client__its_i_is_the_client() -> None:
    notes = (
        "Forwarding Dana's takeaways. Me: I'll send her the RACI template by Friday.\n\n"
        "---------- Forwarded message ---------\n"
        "From: Dana Whitfield <dana@example.com>\n"
        "Subject: Re: today\n\n"
        "Hi Sarah,\n"
        "- I'll get the RACI agreed with Sam before the steering group on Thursday\n"
        "- I'm going to stop joining the daily stand-up\n"
    )
    assert found(notes) == [
        ("coach", FRIDAY, "Send her the RACI template"),
        ("client", "2026-03-05", "Get the RACI agreed with Sam before the steering group"),
        ("client", None, "Stop joining the daily stand-up"),
    ]


def test_the_clients_email_pasted_without_a_from_line__its_i_is_the_client_and_the_quoted_reply_history() -> (
    None
):
    # the lines below "> On …, Sarah wrote:" are the earlier message in the thread: last time's asks
    notes = (
        "Dana's email after the session, pasted:\n"
        "Hi Sarah - my takeaways:\n"
        "- I'll send the board paper to Sam by Friday\n"
        "- I'll book the skip-level lunches next week\n"
        "Dana\n\n"
        "> On 20 Feb, Sarah Cave wrote:\n"
        "> Dana, from last time: you were going to ask HR about the budget.\n"
        "> I'll send you the GROW sheet by Monday.\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Send the board paper to Sam"),
        ("client", "2026-03-13", "Book the skip-level lunches"),
    ]


def test_experiment_and_practice_labels__their_own_when_is_the_due_date() -> None:
    notes = (
        "Dana - session 3\n"
        "Her experiment this week: open the ops review with the customer numbers.\n"
        "Practice: ask one question before giving her view in the leadership meeting.\n"
        "Homework for next session: list the three decisions she could hand to Sam.\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Open the ops review with the customer numbers"),
        ("client", None, "Ask one question before giving her view in the leadership meeting"),
        ("client", NEXT.isoformat(), "List the three decisions she could hand to Sam"),
    ]


def test_an_email_signature_block__is_not_read_for_actions() -> None:
    notes = (
        "Hi Dana,\n\nAs agreed, you'll ask the Chair for 15 minutes by Friday.\n\nSarah\n\n--\n"
        "Sarah Cave | Executive Coach\n"
        "This email is confidential. If you received it in error, please notify the sender and delete it. "
        "You should not copy it or use it for any purpose.\n"
    )
    assert found(notes) == [("client", FRIDAY, "Ask the Chair for 15 minutes")]


def test_a_passive_with_the_owner_trailing__is_that_persons_action() -> None:
    notes = (
        "Follow-ups\n"
        "- Updated agreement to be sent by Owen (associate) by Friday.\n"
        "- Check-in with her manager to be booked by Dana.\n"
        "- Budget sign-off to be confirmed by Ruth with HR.\n"
    )
    assert found(notes) == [
        ("associate", FRIDAY, "Send updated agreement"),
        ("client", None, "Book check-in with her manager"),
    ]


def test_notes_written_to_the_associate__you_and_could_you_are_the_associates() -> None:
    notes = (
        "Hi Marcus,\n\nDana's sessions are yours from next month. She'll book the 1:1s by Friday.\n"
        "The workbook arrives Monday; could you walk her through the first chapter. "
        "You'll also need to agree a new cadence with her.\n"
    )
    got = draft_by_rules(NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", NEXT, ("Marcus",)))
    assert [(i.owner, i.due and i.due.isoformat()) for i in got.action_items] == [
        ("client", FRIDAY),
        ("associate", None),  # the workbook's Monday is not the walk-through's date
        ("associate", None),
    ]
    # a hand-over names who takes the client on, and the coach's "you" is them by name
    notes = (
        "Leo - handover for Dana Whitfield\nI'll send you the contract by Friday.\nYou: call Dana this week."
    )
    assert found(notes) == [
        ("coach", FRIDAY, "Send Leo the contract"),
        ("associate", "2026-03-06", "Call Dana"),
    ]


def test_one_commitment_with_two_verbs_and_their_own_objects__is_two_actions() -> None:
    notes = "I'll forward you the board pack tomorrow and add you to the steering group invite."
    assert found(notes) == [
        ("coach", "2026-03-04", "Forward you the board pack"),
        ("coach", None, "Add you to the steering group invite"),
    ]
    # the second verb working on what the first makes, or on 'it', stays one action
    assert len(found("Dana will run the pulse survey and share the results with her team.")) == 1
    assert len(found("Dana will draft the memo and send it to her CFO by Friday.")) == 1


def test_fillers_of_speech__do_not_break_the_commitment() -> None:
    notes = (
        "So, um, she's going to, uh, call the vendor, like, this week. And she's, she's going to, you know, "
        "draft the hiring brief by Friday. Oh and she mentioned maybe trying a no-meeting Wednesday, "
        "we'll see."
    )
    got = items(notes)
    assert [(i.owner, i.due and i.due.isoformat(), i.tentative) for i in got] == [
        ("client", FRIDAY, False),
        ("client", FRIDAY, False),
        ("client", None, True),
    ]
    assert [i.description for i in got][:2] == ["Call the vendor", "Draft the hiring brief"]
    assert got[2].description.startswith("Try a no-meeting Wednesday")


def test_a_bracketed_aside_about_a_person__is_not_part_of_the_action() -> None:
    notes = "Actions\n- me: connect Dana with Ingrid (former CFO, ran two integrations)\n"
    notes += "- Dana: email Tom (her sponsor)"
    assert [d for _, _, d in found(notes)] == ["Connect Dana with Ingrid", "Email Tom"]


def test_a_contingency_if_x_she_will_text_me__is_tentative_and_reads_whole() -> None:
    notes = "She'll raise it with the board this week. If the vendor pulls out before then she'll call me."
    got = items(notes)
    assert [(i.description, i.due, i.tentative) for i in got][1:] == [
        ("Call me if the vendor pulls out", None, True)
    ]
    got = items("If the audit slips, he'll email me.")
    assert [(i.description, i.tentative) for i in got] == [("Email me if the audit slips", True)]


def test_struck_out_text__is_no_longer_meant() -> None:
    notes = (
        "Actions:\n- ~~Dana to email the CFO by Friday~~ parked, the CFO is away\n"
        "- Dana to ~~write to~~ phone the vendor on Monday\n- ~~me: send the guide~~ sent today"
    )
    assert found(notes) == [("client", MONDAY, "Phone the vendor")]


def test_struck_out_plan_with_an_arrow_to_its_replacement__the_replacement_is_the_item() -> None:
    notes = "Actions:\n- Coach: ~~book a facilitator~~ -> ask Priya if she can co-run the offsite\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("coach", None)]
    assert found(notes)[0][2].startswith("Ask Priya")


def test_a_table_copied_with_tabs__is_read_like_a_pasted_table_and_done_rows_skipped() -> None:
    notes = "What\tWho\tWhen\tStatus\nBook the offsite venue\tDana\tFriday\tOpen\n"
    notes += "Send the agenda\tDana\t\tDone\nShare the reading list\tSarah\t\tOpen"
    assert found(notes) == [
        ("client", FRIDAY, "Book the offsite venue"),
        ("coach", None, "Share the reading list"),
    ]


def test_a_table_with_a_next_step_column_and_no_owner__gives_one_action_per_rows_next_step() -> None:
    notes = (
        "| Theme | What we noticed | Next step |\n|---|---|---|\n"
        "| Meetings | Accepts every invite | Decline two recurring meetings |\n"
        "| Team | Redoes her leads' slides | Let Omar present the pipeline review on his own |\n"
        "| Board | The chair wants more detail | Draft a one-page risk summary by Friday |\n"
        "| Health | Running again | n/a |\n"
    )
    assert found(notes) == [
        ("client", None, "Decline two recurring meetings"),
        ("client", None, "Let Omar present the pipeline review on his own"),
        ("client", FRIDAY, "Draft a one-page risk summary"),
    ]


def test_lines_opening_with_their_due_date__are_actions_on_that_date() -> None:
    notes = "Fri 6 Mar - Dana: draft the team charter\n9 March – me: send Dana the template\n"
    notes += "no date - Dana: read the chapter on trust\nToday: mostly about the merger."
    assert found(notes) == [
        ("client", FRIDAY, "Draft the team charter"),
        ("coach", MONDAY, "Send Dana the template"),
        ("client", None, "Read the chapter on trust"),
    ]


def test_the_associates_own_notes__naming_the_lead_coach_in_the_third_person__i_is_the_associate() -> None:
    notes = (
        "Notes - Priya (associate)\nDana's session 2. Sarah led, I took notes.\n"
        "Sarah will send Dana the stakeholder map template.\nI'll book the three-way with her manager "
        "on Monday.\nDana to draft her 90-day plan by Friday."
    )
    assert found(notes) == [
        ("coach", None, "Send Dana the stakeholder map template"),
        ("associate", MONDAY, "Book the three-way with her manager"),
        ("client", FRIDAY, "Draft her 90-day plan"),
    ]
    # the lead coach's own notes that mention the associate: "I" stays hers
    notes = "Priya (associate) joined. I'll send Dana the map on Monday. Priya will book the three-way."
    assert [o for o, _, _ in found(notes)] == ["coach", "associate"]


def test_a_numeric_date_whose_notes_order_falls_months_away__is_read_the_way_that_falls_soon() -> None:
    # the note writes day first (20/3), but 4 February is a month gone: 2/4 is the 2nd of April, not 2027
    notes = "- Dana to send the org chart to HR by 4/2\n- Dana to book the venue by 20/3"
    assert found(notes) == [
        ("client", "2026-04-02", "Send the org chart to HR"),
        ("client", "2026-03-20", "Book the venue"),
    ]


def test_a_tagged_line_naming_a_hyphenated_thing_to_do__is_an_action() -> None:
    assert found("- Dana: skip-level lunch with the night shift by Friday") == [
        ("client", FRIDAY, "Skip-level lunch with the night shift")
    ]


def test_a_recorders_outline_after_the_action_items__holds_no_actions() -> None:
    notes = "Action items\n@Dana Whitfield\n- Book the offsite venue (12:04)\n\nOutline\n"
    notes += "- 00:00 Opening round\n- 31:40 Budget pressures"
    assert [d for _, _, d in found(notes)] == ["Book the offsite venue"]


def test_emoji_bullets_with_a_new_status__are_actions_and_crossed_or_ticked_lines_are_not() -> None:
    notes = "✅ booked the 1:1s\n➡️ new: shadow the sales team for half a day before next session\n"
    notes += "➡️ new: keep a one-line energy log every evening\n❌ dropped: join the Toastmasters club\n"
    notes += "☑️ send Sam the deck"
    assert found(notes) == [
        ("client", NEXT.isoformat(), "Shadow the sales team for half a day"),
        ("client", None, "Keep a one-line energy log every evening"),
    ]


def test_a_list_line_whose_next_sentence_has_a_subject_of_its_own__ends_there_and_keeps_its_date() -> None:
    notes = "Actions:\n- set up a weekly check-in with procurement. I'll introduce her to the CFO on Monday."
    assert found(notes) == [
        ("client", None, "Set up a weekly check-in with procurement"),
        ("coach", MONDAY, "Introduce her to the CFO"),
    ]


def test_sub_bullets_indented_under_an_owned_action__are_its_details_not_actions() -> None:
    notes = "Actions:\n- Dana to run a retro with the team on Friday\n    - keep it to 45 min\n"
    notes += "    - she facilitates\n- Sarah to send Dana two retro formats\n    - the sailboat one"
    assert found(notes) == [
        ("client", FRIDAY, "Run a retro with the team"),
        ("coach", None, "Send Dana two retro formats"),
    ]


def test_a_numbered_line_wrapped_by_hand__is_one_action_with_its_date() -> None:
    notes = "Agreed actions:\n1. Dana to draft the strategy outline and circulate it to her\n"
    notes += "   directs for comment by Friday.\n2. Sarah to send the canvas template and two worked\n"
    notes += "   examples from other clients."
    assert found(notes) == [
        ("client", FRIDAY, "Draft the strategy outline and circulate it to her directs for comment"),
        ("coach", None, "Send the canvas template and two worked examples from other clients"),
    ]


def test_a_list_line_wrapped_back_to_the_margin__goes_on_the_line_above() -> None:
    notes = "Actions:\n- Dana to ask her COO for a single budget\nowner for the new CRM rollout\n"
    notes += "- I'll send her three examples of charters from other\nclients (anonymised) by Friday\n"
    notes += "me → call her boss"
    assert found(notes) == [
        ("client", None, "Ask her COO for a single budget owner for the new CRM rollout"),
        ("coach", FRIDAY, "Send her three examples of charters from other clients (anonymised)"),
        ("coach", None, "Call her boss"),
    ]


def test_an_item_called_off_later_in_the_notes__is_dropped() -> None:
    notes = "Actions:\n- Dana to call the recruiter about the analyst role\n"
    notes += "- Dana to finish the board pack by Friday\n- I'll send her the pre-mortem template\n"
    notes += "At the end she said there's no need to call the recruiter, the role is on hold."
    assert found(notes) == [
        ("client", FRIDAY, "Finish the board pack"),
        ("coach", None, "Send her the pre-mortem template"),
    ]


def test_under_the_clients_own_list__the_coach_writes_her_i_as_hers() -> None:
    notes = "Client's commitments:\n- I'll speak to my boss about the budget by Friday\n"
    notes += "- I will stop checking email at weekends\nMy actions:\n- I'll send Dana the article on Monday"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("client", None), ("coach", MONDAY)]


def test_the_second_of_a_list_of_dated_events__dates_what_is_counted_from_it() -> None:
    notes = "Context: the offsite is on 12 March, the town hall on 19 March.\n"
    notes += "- Dana to collect the team's questions two days after the town hall\n"
    notes += "- Dana to share the offsite notes the Monday after the offsite"
    assert [d for _, d, _ in found(notes)] == ["2026-03-21", "2026-03-16"]


def test_check_in_with_her__is_an_action_of_its_own() -> None:
    notes = "- Dana to draft the offer letter by Friday\n- I'll check in with her on Monday"
    assert found(notes) == [
        ("client", FRIDAY, "Draft the offer letter"),
        ("coach", MONDAY, "Check in with her"),
    ]


def test_what_she_is_accountable_for__is_her_action_whoever_holds_her_to_it() -> None:
    notes = "Dana's accountable for getting the budget approved by Friday.\n"
    notes += "I'll hold her accountable for blocking two focus mornings a week.\n"
    notes += "He is accountable for the ops team."
    assert found(notes) == [
        ("client", FRIDAY, "Get the budget approved"),
        ("client", None, "Block two focus mornings a week"),
    ]


def test_lettered_sub_items_under_a_numbered_topic__are_list_lines_of_their_own() -> None:
    notes = "1. Hiring\n 1a. Dana to post the analyst role by Friday\n 1b. Dana to brief the panel\n"
    notes += "2. Her own development\n 2a. I'll send her the feedback course link"
    assert found(notes) == [
        ("client", FRIDAY, "Post the analyst role"),
        ("client", None, "Brief the panel"),
        ("coach", None, "Send her the feedback course link"),
    ]


def test_a_bilingual_coachs_own_tag_in_her_language__is_hers() -> None:
    notes = "- Dana: prepare the Q3 plan\n- Yo: send her the artículo on feedback\n- Ich: book the room\n"
    notes += "- Moi: envoyer le modèle SCARF"
    assert [o for o, _, _ in found(notes)] == ["client", "coach", "coach", "coach"]


def test_staffing_verbs_start_a_dash_tagged_action() -> None:
    notes = "1. Context\nTwo people left.\n2. Actions\nDana - backfill the analyst role\n"
    notes += "Dana - promote Kemi to team lead\n"
    notes += "Dana - restructure the support rota\nCoach - send the org design checklist"
    assert [(o, d) for o, _, d in found(notes)] == [
        ("client", "Backfill the analyst role"),
        ("client", "Promote Kemi to team lead"),
        ("client", "Restructure the support rota"),
        ("coach", "Send the org design checklist"),
    ]


def test_a_second_language_coachs_present_tense__hedged_and_reflexive_lines() -> None:
    notes = "Actions:\n- Maybe she take one day holiday soon.\n- She decide herself.\n"
    notes += "- She speak with Piotr on Monday about night shift.\nNext session 17 March."
    assert [(i.owner, i.tentative, i.description) for i in items(notes)] == [
        ("client", True, "Take one day holiday soon"),
        ("client", False, "Speak with Piotr about night shift"),
    ]


def test_the_coachs_regrets__are_not_actions_and_her_notes_to_self_are() -> None:
    notes = "My reflections:\n- I should have named the distraction earlier.\n"
    notes += "- I could have pushed back on the framing.\n- Note to self: book supervision about this client."
    assert found(notes) == [("coach", None, "Book supervision about this client")]


def test_reading_then_picking_out_from_it__is_one_action_with_the_shared_date() -> None:
    notes = "She'll finish reading the survey comments and pick out three themes for the team by Friday."
    assert found(notes) == [
        ("client", FRIDAY, "Finish reading the survey comments and pick out three themes for the team")
    ]


def test_notes_that_say_no_actions__keep_no_conditional_maybe() -> None:
    notes = "Chemistry call.\nIf her budget does not cover it, she might self-fund part of it.\n"
    notes += "Good rapport - no actions for either of us until she gets back to me."
    assert found(notes) == []


def test_who_owns_a_piece_of_work_with_a_date__is_its_owner_in_a_team_list() -> None:
    notes = "Team session (Dana, Carla, Ben)\n- Carla and Ben are pairing on pricing; Carla owns the first "
    notes += "draft, due 9 March."
    assert found(notes) == [("client", MONDAY, "Own the first draft")]


def test_telling_someone_a_negative__is_still_an_action() -> None:
    notes = "Next steps\n- Dana: tell her boss she won't take on the new project until Q2"
    assert found(notes) == [("client", None, "Tell her boss she won't take on the new project until Q2")]


def test_a_day_after_or_with_its_part_of_day__is_cut_from_the_description() -> None:
    notes = "Dana: I'll have the talk with Lena this afternoon or Monday morning."
    assert found(notes) == [("client", MONDAY, "Have the talk with Lena")]


def test_a_forwarded_email_pasted_without_quote_marks__its_i_is_its_sender_not_the_coach() -> None:
    notes = (
        "• Dana will send the board the revised plan by Friday 🙂\n\n"
        "---------- Forwarded message ---------\n"
        "From: Carmen Ruiz <carmen@example.com>\n"
        "Date: Mon, 2 Mar 2026\n"
        "Subject: Re: board prep\n\n"
        "Hola Dana, I will send you the board pack by Monday.\n"
    )
    # Carmen's promise is no one's in the session, and the mail client's divider is no action
    assert [(owner, due) for owner, due, _ in found(notes)] == [("client", FRIDAY)]


def test_what_a_pasted_email_asks_of_the_client__is_her_tentative_item_and_the_sign_off_ends_it() -> None:
    notes = (
        "Dana brought a thread from her CFO:\n\n"
        "From: Owen Marsh <owen@example.com>\n"
        "Sent: Monday, 2 March 2026 08:10\n"
        "Subject: Budget\n\n"
        "Dana, could you send me the headcount model by Friday? Please also brief the regional heads.\n"
        "I'll chase procurement myself.\n"
        "Thanks, Owen\n\n"
        "We worked on how she frames the trade-offs.\n"
        "I'll send her the SCARF notes on Monday.\n"
    )
    got = items(notes)
    # Owen's asks are the client's, not yet agreed (tentative), sent to him by name; his own promise is no
    # one's; below his sign-off the coach writes again, so her "I'll send" is hers
    assert [(i.owner, i.due and i.due.isoformat(), i.description, i.tentative) for i in got] == [
        ("client", FRIDAY, "Send Owen the headcount model", True),
        ("client", None, "Brief the regional heads", True),
        ("coach", MONDAY, "Send her the SCARF notes", False),
    ]
    assert "asked in a quoted email" in got[0].receipt and "hedged" not in got[0].receipt


def test_an_email_ask_the_client_meets_another_way__is_no_item() -> None:
    notes = (
        "Her boss's email, pasted:\n"
        "> Please set up a workshop with the product leads.\n"
        "> I'll need the roadmap summary by Friday.\n\n"
        "She'll have a coffee with each product lead instead of a workshop.\n"
    )
    got = found(notes)
    # the workshop was asked for and answered by coffees; the summary is still asked of her
    assert [d for _, _, d in got][0] == "Send her boss the roadmap summary"
    assert [d.startswith("Have a coffee") for _, _, d in got] == [False, True]


def test_an_owner_tag_after_a_semicolon__starts_another_owners_action() -> None:
    notes = "- dana to book the offsite venue by fri; me: send the agenda template\n- dana: call Sam\n"
    assert found(notes) == [
        ("client", FRIDAY, "Book the offsite venue"),
        ("coach", None, "Send the agenda template"),
        ("client", None, "Call Sam"),
    ]


def test_group_session__a_list_line_without_its_subject_starting_to_or_going_to_is_an_action() -> None:
    notes = (
        "Group coaching\n\nDana\n- to book a check-in with her deputy after the first week\n"
        "- going to write a brief for the supplier audit by Friday\n- will ask her team what to drop\n"
    )
    assert found(notes) == [
        ("client", None, "Book a check-in with her deputy after the first week"),
        ("client", FRIDAY, "Write a brief for the supplier audit"),
        ("client", None, "Ask her team what to drop"),
    ]
    assert items(notes)[0].receipt.startswith("\u201cto book a check-in")  # quoted as written


def test_an_instruction_before_the_coachs_promise_after_a_dash__is_an_item_too() -> None:
    notes = (
        "Next steps:\n- Rehearse the pitch with me - I'll hold a slot for it.\n"
        "- Ask two founders to watch a run-through - I'll send her a feedback sheet.\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [("client", None), ("coach", None)] * 2
    descriptions = [d for _, _, d in found(notes)]
    assert descriptions[0].startswith("Rehearse the pitch") and descriptions[2].startswith("Ask two founders")


def test_a_second_verb_turned_to_the_person_the_first_named__is_one_dated_action() -> None:
    notes = "On Wednesday she'll meet Raj and ask him for the budget figures for the platform team."
    assert found(notes) == [
        ("client", "2026-03-04", "Meet Raj and ask him for the budget figures for the platform team")
    ]


def test_wants_to_do_a_thing__is_her_item_but_not_a_feeling_nor_a_hedges_condition() -> None:
    assert found("He wants to try a written pre-read for the leadership meeting.") == [
        ("client", None, "Try a written pre-read for the leadership meeting")
    ]
    assert found("• Dana wants to block Thursday mornings for deep work") == [
        ("client", None, "Block Thursday mornings for deep work")  # the days the blocks fall on, no date
    ]
    assert found("She wants to schedule a skip-level with each team.") == [
        ("client", None, "Schedule a skip-level with each team")
    ]
    assert found("Nothing to action today - he wants to sit with it.") == []
    hedged = items("She may also propose a joint forum, but wants to run it past her boss first.")
    assert len(hedged) == 1 and hedged[0].tentative


def test_what_the_client_wants_the_writer_to_do__is_the_writers_item() -> None:
    assert found("- She wants me to send her the RACI template.") == [
        ("coach", None, "Send her the RACI template")
    ]
    assert found("- He still wants Maya to push back on the timeline.") == []  # a wish about another


def test_unpunctuated_dictation__an_events_date_stated_at_the_end_is_not_the_last_actions() -> None:
    notes = (
        "session with owen today mostly about the reorg and how hes carrying the anxiety of his team he "
        "agreed he would hold a town hall before the end of next week he also wants to ask his boss for "
        "clarity on the timeline thats a big one for him next session is the 25th"
    )
    assert found(notes)[-1] == ("client", None, "Ask his boss for clarity on the timeline")


def test_a_todo_marker_then_an_owner_and_a_dash__tags_the_owner() -> None:
    notes = "Dana - catch-up\nTalked about the reorg.\nTODO: me - find her a mentor in finance\n"
    assert found(notes) == [("coach", None, "Find her a mentor in finance")]


def test_f_u_opening_a_prose_line__is_a_follow_up_to_do() -> None:
    notes = "Dana - catch-up\nTalked about pay.\nf/u w/ Dana re the bonus letter - she's waiting on HR\n"
    assert found(notes) == [("coach", None, "Follow up with Dana about the bonus letter")]


def test_a_preference_and_what_it_would_take__are_not_commitments() -> None:
    assert found("She said she would rather ship a rough version now than a perfect one later.") == []
    assert found("She said she would need to think about how the board would see it.") == []
    assert found("He'd need to check the budget first, he said.") == []


def test_a_concession_and_see_what_happens__trail_off_the_action() -> None:
    tried = items(
        "She might try handing the Thursday call to her deputy and seeing what happens, though "
        "she was not sure about it."
    )
    assert [(i.description, i.tentative) for i in tried] == [
        ("Try handing the Thursday call to her deputy", True)
    ]


def test_a_list_under_a_plain_heading__roll_out_and_recruit_start_actions() -> None:
    notes = "Dana - planning\nLater:\n- roll out the new career framework\n- recruit a head of data\n"
    assert [d for _, _, d in found(notes)] == ["Roll out the new career framework", "Recruit a head of data"]


def test_if_she_wants_me_to__is_what_she_will_answer_not_the_writers_task() -> None:
    notes = "She'll let me know by Friday if she wants me to join her skip-level."
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY)]


def test_think_about_that__after_a_question_is_the_question() -> None:
    notes = "Open question for her: what would she delegate if she got the role? She'll think about that."
    assert [d for _, _, d in found(notes)] == ["Think about what she would delegate if she got the role"]


def test_a_line_headed_whether_to__is_what_she_will_decide() -> None:
    notes = "Whether to tell the board now - she'll decide once she has talked to her CFO."
    assert [d for _, _, d in found(notes)] == ["Decide whether to tell the board now"]


def test_a_calls_line_check__is_no_request_and_i_dont_know_is_a_filler() -> None:
    notes = """
[00:00:04] Speaker 1: Hi Dana, can you hear me okay?
[00:00:07] Speaker 2: Yeah, I can hear you.
[00:10:02] Speaker 2: Maybe I'll also, I don't know, run it past Sam first.
"""
    assert [(i.owner, i.description, i.tentative) for i in items(notes)] == [
        ("client", "Run it past Sam first", True)
    ]


def test_a_dash_then_will_without_a_subject__dates_the_action_it_restates() -> None:
    notes = "I need to ask Sam whether the budget covers a second coach - will check with him on Friday."
    assert found(notes) == [("coach", FRIDAY, "Ask Sam whether the budget covers a second coach")]


def test_a_tag_question_does_not_hedge__and_a_restart_after_eh_is_one_verb() -> None:
    notes = """
[00:04:02] Sarah Cave: I'll send you the SBI sheet again, you lost it, right?
[00:04:05] Dana Whitfield: Yes. And maybe I'll try to, eh, to hand the weekly report to Sam.
"""
    assert [(i.owner, i.description.split()[0], i.tentative) for i in items(notes)] == [
        ("coach", "Send", False),
        ("client", "Hand", True),
    ]


def test_a_list_under_a_goals_heading__gives_no_items_and_the_actions_after_it_do() -> None:
    notes = """
Coaching goals for the programme (agreed with her sponsor):
1. Delegate more of the operational detail
2. Build a stronger relationship with the board

First actions:
1. Dana to invite the board chair for a coffee by Friday
"""
    assert found(notes) == [("client", FRIDAY, "Invite the board chair for a coffee")]


def test_an_associates_email_to_the_lead_coach__i_is_the_associate_and_could_you_the_coach() -> None:
    notes = """
Hi Sarah,

Quick update on Dana after today's session.
She'll send the org chart to her COO by Friday.
I'm going to send her the delegation exercise tonight.
Could you send her the contract extension before our next session.

Thanks,
Omar
"""
    assert [(o, d, " ".join(t.split()[-2:])) for o, d, t in found(notes)] == [
        ("client", FRIDAY, "her COO"),
        ("associate", "2026-03-03", "delegation exercise"),
        ("coach", "2026-03-17", "contract extension"),
    ]


def test_a_byline_naming_the_associate__makes_my_lines_the_associates_and_you_the_lead_coachs() -> None:
    notes = """
Notes for Sarah - from Omar (associate)
Dana, session 3. She'll send the org chart to her COO by Friday.
My actions:
- send Dana the "know your stakeholders" map today
- send you my session recording
"""
    assert found(notes) == [
        ("client", FRIDAY, "Send the org chart to her COO"),
        ("associate", "2026-03-03", 'Send Dana the "know your stakeholders" map'),
        ("associate", None, "Send Sarah my session recording"),
    ]
    # observed by the associate: the lead coach wrote these, and her lines are her own
    observed = "Dana, session 3 - observed by Omar (associate)\nMy actions:\n- send Dana the map today\n"
    assert found(observed) == [("coach", "2026-03-03", "Send Dana the map")]


def test_someone_elses_reported_promise_is_theirs__and_before_that_leads_a_step() -> None:
    notes = """
Her boss Marta has already said she'll set up a three-way with Sam.
Actions:
- raise the pattern with Marta on Friday
- before that, talk to the two leads separately
"""
    assert [(o, d, t) for o, d, t in found(notes)] == [
        ("client", FRIDAY, "Raise the pattern with Marta"),
        ("client", None, "Talk to the two leads separately"),
    ]


def test_a_carried_over_action_after_a_dash_without_a_subject__is_the_clients_and_names_its_thing() -> None:
    notes = """
Review of last time's actions:
She sent the restructure memo to the leadership team on Tuesday.
Didn't get to the 1:1s with the two new managers - will do them next week.
"""
    assert found(notes) == [("client", "2026-03-13", "Do the 1:1s with the two new managers")]


def test_keyword_fragments_ending_on_a_deadline__are_the_clients_things_to_do_by_then() -> None:
    notes = """
DW / 3.3 / s2
ctx: new COO starts Mon
budget - CFO - fri
board meeting - Thu
skip-levels w/ all 3 new TLs - before month end
360 debrief -> next sess
chair 1:1 -> before AGM (14th)
"""
    # what happens ('starts Mon'), an event on its day, and what waits for the next session are no items
    assert [(o, d, t.split()[0].lower()) for o, d, t in found(notes)] == [
        ("client", FRIDAY, "budget"),
        ("client", "2026-03-31", "skip-levels"),
        ("client", "2026-03-14", "chair"),
    ]


def test_owner_field_tags_and_at_assignees__name_the_owner_and_leave_the_text() -> None:
    notes = """
Follow-ups
• Draft the new rota (owner: Dana) – Friday
• Share the team survey link (owner: Sarah)
• Run the survey with her leads @Dana before Monday
• Check the venue can take 20 people @Sarah
• Send the agenda to @Sarah
"""
    assert found(notes) == [
        ("client", FRIDAY, "Draft the new rota"),
        ("coach", None, "Share the team survey link"),
        ("client", MONDAY, "Run the survey with her leads"),
        ("coach", None, "Check the venue can take 20 people"),
        ("client", None, "Send the agenda to @Sarah"),  # whom it goes to, not who sends it
    ]


def test_notes_ending_on_the_writers_signature__give_no_item_for_its_title_line() -> None:
    notes = """
Agreed:
- Dana to send the board pack by Friday

Sarah Cave
Director, Cave Leadership
+44 7700 900123
"""
    assert found(notes) == [("client", FRIDAY, "Send the board pack")]


def test_numbered_heading_with_a_date_or_owner__gives_both_to_the_lines_under_it() -> None:
    notes = """
Actions
1. Team charter - by Friday
   a. draft the decision rights section
   b. get the two leads to comment on it
2) Me, before Monday:
   - send her the RACI template
3) Dana, ongoing:
   - protect Thursday afternoons for thinking time
"""
    assert found(notes) == [
        ("client", FRIDAY, "Draft the decision rights section"),
        ("client", FRIDAY, "Get the two leads to comment on it"),
        ("coach", MONDAY, "Send her the RACI template"),
        ("client", None, "Protect Thursday afternoons for thinking time"),
    ]


def test_phone_typing__texting_shorthand_and_a_swapped_weekday_are_read_as_the_words() -> None:
    notes = """
- dana wil send the org chart to her VP by firday
- shes goign to reply to the union rep b4 thurs
- ill send her the GROW sheet 2day
- she is ill this week, no actions for her
"""
    assert found(notes) == [
        ("client", FRIDAY, "Send the org chart to her VP"),
        ("client", "2026-03-05", "Reply to the union rep"),
        ("coach", SESSION.isoformat(), "Send her the GROW sheet"),
    ]


def test_a_priority_marker_opening_a_line__is_the_items_priority_not_its_words() -> None:
    notes = """
!! Dana to call the key account about the late shipment
- HIGH: finish the headcount plan by Fri
- P1 get the two team leads to agree the on-call rota
- (urgent) reply to the auditor's queries, Mon latest
- P3 book the team lunch
"""
    drafted = items(notes)
    assert [(i.owner, i.due and i.due.isoformat(), i.description) for i in drafted] == [
        ("client", None, "Call the key account about the late shipment"),
        ("client", FRIDAY, "Finish the headcount plan"),
        ("client", None, "Get the two team leads to agree the on-call rota"),
        ("client", MONDAY, "Reply to the auditor's queries"),
        ("client", None, "Book the team lunch"),
    ]
    assert [i.priority for i in drafted] == ["High", "High", "High", "High", "Low"]


def test_a_ranked_list__p1_in_brackets_and_no_later_than() -> None:
    notes = """
Dana's top three, her ranking:
1. (P1) Sign off the Q2 budget with finance - no later than Thursday noon
2. (P2) Prep the town hall Q&A - sometime next week
"""
    drafted = items(notes)
    assert [(i.owner, i.due and i.due.isoformat(), i.description) for i in drafted] == [
        ("client", "2026-03-05", "Sign off the Q2 budget with finance"),
        ("client", "2026-03-13", "Prep the town hall Q&A"),
    ]
    assert drafted[1].priority == "Medium"


def test_action_owner_due_lines__the_name_between_dashes_owns_the_line() -> None:
    notes = """
Actions
Draft a 90-day plan - Dana - 16 March
Share the cheat sheet - Sarah - tomorrow
Ask HR about the training budget - Dana
"""
    assert found(notes) == [
        ("client", "2026-03-16", "Draft a 90-day plan"),
        ("coach", "2026-03-04", "Share the cheat sheet"),
        ("client", None, "Ask HR about the training budget"),
    ]


def test_admin_for_me__the_coachs_own_business_tasks_are_the_coachs_items() -> None:
    notes = """
Dana: rehearse the opening with her chief of staff before Thursday.
Admin for me:
- invoice her for the extra session
- update her contract end date
"""
    assert found(notes) == [
        ("client", "2026-03-05", "Rehearse the opening with her chief of staff"),
        ("coach", None, "Invoice her for the extra session"),
        ("coach", None, "Update her contract end date"),
    ]


def test_a_pair_session_of_co_leads__both_are_clients() -> None:
    notes = (
        "Pair session - Dana Whitfield and Leo Brandt (co-leads, Platform)\n"
        "Dana will draft a RACI for the recurring decisions by Friday. "
        "Leo will review it and add what she missed.\n"
        "Leo is going to tell the team about the new split on Monday.\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Draft a RACI for the recurring decisions"),
        ("client", None, "Review it and add what she missed"),
        ("client", MONDAY, "Tell the team about the new split"),
    ]


def test_in_time_for_an_event__takes_the_date_the_notes_give_it() -> None:
    notes = "The offsite is on the 20th.\n- I'll send her a short reading in time for the offsite.\n"
    assert found(notes) == [("coach", "2026-03-20", "Send her a short reading")]


def test_parking_lot_with_a_qualifier__holds_no_items() -> None:
    for heading in ("Parking lot (not this time)", "Not this time", "Parked for now"):
        notes = (
            "Actions\n- Dana will rewrite the opening slides by Friday.\n"
            f"{heading}\n- whether to apply for the EMEA role\n- book a session on her career plan\n"
        )
        assert found(notes) == [("client", FRIDAY, "Rewrite the opening slides")], heading


def test_who_does_what_dash_lines__a_colleagues_line_is_not_hers() -> None:
    notes = (
        "Dana is handing parts of her role to her team. Who does what:\n"
        "Priya - hand over the deck by Fri\n"
        "Luis - own the supplier calls from next week\n"
        "Dana - write the handover doc by the 13th\n"
        "Me - send Dana a handover checklist tomorrow\n"
    )
    assert found(notes) == [
        ("client", "2026-03-13", "Write the handover doc"),
        ("coach", "2026-03-04", "Send Dana a handover checklist"),
    ]


def test_a_bare_name_over_indented_sub_bullets__owns_them() -> None:
    notes = (
        "Next steps\n"
        "- Dana\n"
        "    - draft the team charter by Friday\n"
        "    - walk her deputy through the charter\n"
        "- Me\n"
        "    - send the charter template in Sheets\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Draft the team charter"),
        ("client", None, "Walk her deputy through the charter"),
        ("coach", None, "Send the charter template in Sheets"),
    ]


def test_takeaways_for_me__heads_the_writers_own_list() -> None:
    notes = (
        "Supervision notes.\nTakeaways for me:\n- Slow down when Dana rushes.\n- Read the contract again.\n"
    )
    assert [o for o, _, _ in found(notes)] == ["coach", "coach"]


def test_follow_ups_mine_and_hers_in_brackets__say_whose_list_follows() -> None:
    notes = "Follow-ups (mine):\n- send the workbook by tomorrow\n- book the next room\n"
    notes += "Actions (hers):\n- email the board pack\n"
    assert [o for o, _, _ in found(notes)] == ["coach", "coach", "client"]


def test_a_tag_spelled_with_or_without_accents__is_the_same_person() -> None:
    notes = "- João: send the org chart to HR\n- Eu: enviar o modelo SBI\n"
    assert [o for o, _, _ in found(notes, client="Joao Pereira")] == ["client", "coach"]
    assert [o for o, _, _ in found("- Zoë: book the offsite\n", client="Zoe Adams")] == ["client"]


def test_need_to_with_its_subject_left_out__is_read_as_a_subjectless_will() -> None:
    notes = "Session 4.\nNeed to ask HR about the promotion budget.\nTalked about her week.\n"
    notes += "- need to book the offsite venue by Friday\nNeed to be braver in meetings."
    assert found(notes) == [
        ("client", None, "Ask HR about the promotion budget"),
        ("client", FRIDAY, "Book the offsite venue"),
    ]


def test_two_sessions_pasted_under_date_headings__the_older_ones_items_are_history() -> None:
    notes = "17 February 2026\n- Dana to draft the hiring plan\n- Coach: share the scorecard\n"
    notes += "Tue 3 March 2026:\nHiring plan done.\n- Dana to present the plan to her VP by Friday\n"
    notes += "- Coach: send the question bank"
    assert found(notes) == [
        ("client", FRIDAY, "Present the plan to her VP"),
        ("coach", None, "Send the question bank"),
    ]
    # one session's notes under its (mistyped, older) date keep their items
    assert len(found("17 February 2026\n- Dana to draft the hiring plan\n- Coach: share the scorecard")) == 2


def test_asked_if_i_could_and_i_said_yes__is_the_writers_item() -> None:
    notes = "Good session.\nShe asked if I could review her opening slide - I said yes, by Friday.\n"
    notes += "He asked whether I could join the offsite; I'll think about it."
    assert found(notes) == [("coach", FRIDAY, "Review her opening slide")]


def test_bare_next_heading__heads_the_steps_while_next_colon_topic_is_for_next_time() -> None:
    found = items("Good session.\nNext:\n- Dana to send the pricing memo, fri\n- me: intro to Sam\n")
    assert [(i.owner, i.description) for i in found] == [
        ("client", "Send the pricing memo"),
        ("coach", "Intro to Sam"),
    ]
    assert items("Good session.\n- next: how to say no to the CEO\n") == []


def test_both_to_heading__in_a_one_to_one_is_an_item_for_the_client_and_one_for_the_writer() -> None:
    found = items("Client to:\n- book a 1:1 with the CFO\nBoth to:\n- reread the chapter on trust, Friday\n")
    assert sorted((i.owner, i.due or SESSION, i.description) for i in found) == [
        ("client", SESSION, "Book a 1:1 with the CFO"),
        ("client", date(2026, 3, 6), "Reread the chapter on trust"),
        ("coach", date(2026, 3, 6), "Reread the chapter on trust"),
    ]


def test_my_side_and_her_side__name_whose_part_of_the_agreement_follows() -> None:
    found = items("Her side:\n- draft the plan by Friday\nMy side: send her the template today.\n")
    assert [(i.owner, i.description) for i in found] == [
        ("client", "Draft the plan"),
        ("coach", "Send her the template"),
    ]


def test_table_rows_without_a_header__owner_action_and_due_found_from_the_cells() -> None:
    notes = "Actions agreed\n| Dana | write the onboarding plan | Fri |\n| Sarah | send the template | Mon |"
    assert found(notes) == [
        ("client", FRIDAY, "Write the onboarding plan"),
        ("coach", MONDAY, "Send the template"),
    ]
    # rows whose cells name no owner are no action table
    assert found("| Q3 | revenue up 4% | strong |\n| Q4 | revenue flat | weak |\n") == []


def test_it_in_capitals__is_the_department_not_a_pronoun() -> None:
    notes = "- Dana: write the onboarding plan, Fri\n- Dana: ask IT for laptops, Fri\n"
    assert found(notes) == [
        ("client", FRIDAY, "Write the onboarding plan"),
        ("client", FRIDAY, "Ask IT for laptops"),
    ]


def test_verbs_and_weekdays_of_portuguese_italian_and_dutch__are_read_like_their_english() -> None:
    notes = (
        "Dana: enviar o relatório ao CEO até sexta-feira\n"
        "Dana vai ligar para o diretor financeiro\n"
        "Dana: stuur de notulen naar het team voor vrijdag\n"
        "Ik: bel de HR-manager\n"
        "Dana: prenotare la sala per lunedì\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Enviar o relatório ao CEO"),
        ("client", None, "Ligar para o diretor financeiro"),
        ("client", FRIDAY, "Stuur de notulen naar het team"),
        ("coach", None, "Bel de HR-manager"),
        ("client", MONDAY, "Prenotare la sala"),
    ]


def test_norwegian_danish_and_swedish_dates_verbs_and_i__are_read_like_their_english() -> None:
    notes = (
        "- Dana will send the org chart to HR innan fredag\n"
        "- Dana to talk to Sam about the role før fredag\n"
        "- Jeg: send her the matrix i morgen\n"
        "- Dana ska boka ett möte med sitt team nästa vecka\n"
        "- Dana skal ringe kunden på mandag\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Send the org chart to HR"),
        ("client", FRIDAY, "Talk to Sam about the role"),
        ("coach", "2026-03-04", "Send her the matrix"),
        ("client", "2026-03-13", "Boka ett möte med sitt team"),
        ("client", MONDAY, "Ringe kunden"),
    ]


def test_polish_and_czech_dates_verbs_i_and_short_names__are_read_like_their_english() -> None:
    notes = (
        "- Kasia: spotkać się z zespołem do piątku\n"
        "- Kasia: write the handover note przed następną sesją\n"
        "- Ja: wysłać jej materiały jutro\n"
        "- Kasia: poslat plán týmu do pátku\n"
        "- Já: send her the article zítra\n"
    )
    assert found(notes, client="Katarzyna Wójcik") == [
        ("client", FRIDAY, "Spotkać się z zespołem"),
        ("client", NEXT.isoformat(), "Write the handover note"),
        ("coach", "2026-03-04", "Wysłać jej materiały"),
        ("client", FRIDAY, "Poslat plán týmu"),
        ("coach", "2026-03-04", "Send her the article"),
    ]
    # a short form is the client's only when it stands for her first name
    assert found("- Kasia: send the plan do piątku") == []


def test_on_me_and_on_her__name_whose_item_follows() -> None:
    notes = "Good session.\nOn me: intro to Ana, who ran the same team last year.\n"
    notes += "On her: book the offsite, Friday.\n"
    assert found(notes) == [("coach", None, "Intro to Ana"), ("client", FRIDAY, "Book the offsite")]


def test_the_plan_is_for_her_to__and_next_step_for_her_is__are_her_commitments() -> None:
    notes = (
        "The plan is for her to interview two peers by Friday.\n"
        "Next step for her is a call with the CFO about the forecast.\n"
        "The next step for me is to send her the interview guide.\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Interview two peers"),
        ("client", None, "Have a call with the CFO about the forecast"),
        ("coach", None, "Send her the interview guide"),
    ]


def test_for_a_day_before_a_date__is_a_length_of_time_not_an_offset() -> None:
    assert found("She'll shadow the CFO for a day before the end of the month.") == [
        ("client", "2026-03-31", "Shadow the CFO for a day")
    ]


def test_quoted_reply_the_client_sent__its_i_is_the_client() -> None:
    notes = "Dana replied to my recap:\n\n> Thanks! I'll send you the plan by Friday.\n> Dana\n\n"
    notes += "I'll send her the Lencioni chapter.\n"
    assert found(notes) == [
        ("client", FRIDAY, "Send you the plan"),
        ("coach", None, "Send her the Lencioni chapter"),
    ]


def test_would_like_to_try_and_keen_to_have_a_crack_at__are_tentative_items() -> None:
    got = items(
        "She'd like to try leading the Monday meeting.\nShe's keen to have a go at writing the brief.\n"
    )
    assert [(i.owner, i.tentative, i.description) for i in got] == [
        ("client", True, "Lead the Monday meeting"),
        ("client", True, "Write the brief"),
    ]


def test_move_our_session_on_a_date_to_another__the_date_names_the_session_not_the_due() -> None:
    assert found("I'll move our session on the 20th to April.\n") == [
        ("coach", None, "Move our session on the 20th to April")
    ]
    assert found("She'll move the team meeting on Friday.\n") == [("client", FRIDAY, "Move the team meeting")]


def test_a_day_someone_cannot_make__is_not_the_due_date() -> None:
    assert found("She can't make the 17th, so I'll move our session.\n") == [
        ("coach", None, "Move our session")
    ]
    assert found("I'm away on Monday, so I'll send the notes on Friday.\n") == [
        ("coach", FRIDAY, "Send the notes")
    ]
    assert found("She'll make the call on Friday.\n") == [("client", FRIDAY, "Make the call")]


def test_a_suggestion_laughed_or_shrugged_off__is_no_item() -> None:
    assert found("I suggested she take a proper lunch break - she laughed.\n") == []
    assert found("I suggested he delegate the rota; he shrugged it off.\n") == []
    assert found("I suggested she delegate the rota.\n") == [("client", None, "Delegate the rota")]


def test_need_to_stop_doing_x__is_a_realisation_not_an_item() -> None:
    notes = (
        'In her words: "I need to stop saying yes to every request."\nShe needs to stop working weekends.\n'
    )
    notes += "She'll stop joining the daily stand-up from Monday.\n"
    assert found(notes) == [("client", MONDAY, "Stop joining the daily stand-up")]


def test_subject_and_verb_then_and_will__the_subject_is_the_doer() -> None:
    notes = "Dana thinks the target is unrealistic and will push back at the 1:1 on Friday.\n"
    notes += "She disagrees but will send the numbers anyway.\n"
    assert found(notes) == [
        ("client", FRIDAY, "Push back at the 1:1"),
        ("client", None, "Send the numbers anyway"),
    ]


def test_a_deadline_then_a_colon__dates_the_outcome_after_it() -> None:
    notes = (
        "Outcomes we agreed:\n"
        "- by end of March: hiring panel confirmed for the two lead roles\n"
        "- before next session: feedback conversation with Sam held\n"
        "- Today: mostly about the union meeting\n"
    )
    got = found(notes)
    assert [(o, d) for o, d, _ in got] == [("client", "2026-03-31"), ("client", NEXT.isoformat())]
    assert "hiring panel" in got[0][2].lower() and "feedback conversation" in got[1][2].lower()


def test_eom_and_cob_without_by__are_deadlines_on_a_verbless_line() -> None:
    notes = "Dana 3/3\n- comp proposal to HR EOM\n- me: share OKR examples EOW\n"
    assert found(notes) == [
        ("client", "2026-03-31", "Comp proposal to HR"),
        ("coach", FRIDAY, "Share OKR examples"),
    ]


def test_re_verbs__start_an_action_line() -> None:
    notes = (
        "Dana 3/3\nHer:\n- redo the hiring plan\n- rework the pitch by Friday\n- rethink the offsite agenda"
    )
    assert found(notes) == [
        ("client", None, "Redo the hiring plan"),
        ("client", FRIDAY, "Rework the pitch"),
        ("client", None, "Rethink the offsite agenda"),
    ]


def test_markdown_headings_bold_and_italics__are_formatting_not_words() -> None:
    notes = (
        "# Dana — 3 March\n\n**Discussed**\n- the reorg rumours\n\n**Actions**\n"
        "- **Dana:** brief her leads on the reorg by Friday\n"
        "- __Me:__ send the change-curve slides\n"
        "- **Me:** *maybe* join her all-hands\n"
        "* Dana: print the 2*3 grid for the team\n"
    )
    got = found(notes)
    assert [(o, d) for o, d, _ in got] == [
        ("client", FRIDAY),
        ("coach", None),
        ("coach", None),
        ("client", None),
    ]
    assert "*" not in "".join(d for _, _, d in got[:3]) and "2*3" in got[3][2]
    assert [i.tentative for i in items(notes)] == [False, False, True, False]


def test_we_agreed_an_experiment__heads_a_list_of_the_clients_items_even_without_verbs() -> None:
    for heading in ("We agreed an experiment:", "She committed to three things:", "We agreed the following:"):
        notes = f"Dana 3/3\n{heading}\n- no email before 9\n- a weekly walk with her deputy\n"
        assert found(notes) == [
            ("client", None, "No email before 9"),
            ("client", None, "A weekly walk with her deputy"),
        ], heading


def test_bracketed_pronoun_owners__her_is_the_client_and_both_is_one_item_each() -> None:
    notes = """
Next steps
[him] draft the hiring brief by Friday
[me] send the interview scorecard
[both] reread the competency framework before next session
"""
    assert found(notes, client="Tom Baker") == [
        ("client", FRIDAY, "Draft the hiring brief"),
        ("coach", None, "Send the interview scorecard"),
        ("client", NEXT.isoformat(), "Reread the competency framework"),
        ("coach", NEXT.isoformat(), "Reread the competency framework"),
    ]


def test_both_label_after_emoji_owners__is_the_clients_and_the_writers() -> None:
    notes = "🙋 book the skip-levels\n🤝 both: read the Lencioni summary by Friday\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", None), ("client", FRIDAY), ("coach", FRIDAY)]


def test_carry_over_from_last_time__labels_an_item_still_to_do() -> None:
    notes = (
        "Session 5\n\nCarry over from last session: ask Finance for the Q2 numbers\n"
        "Talked mostly about the merger.\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [("client", None)]
    assert "Finance for the Q2 numbers" in found(notes)[0][2]


def test_volunteer_starts_an_action_line() -> None:
    notes = "Actions:\n- Volunteer to chair the next town hall\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", None)]


def test_she_would_like_that__is_a_yes_to_the_offer_not_an_item() -> None:
    notes = (
        "I offered to send her the article on psychological safety and she said she would like that, "
        "especially the part on meetings."
    )
    assert [o for o, _, _ in found(notes)] == ["coach"]


def test_hinglish_kal_tak_and_aaj_hi__date_tomorrow_and_today() -> None:
    notes = "- She'll send the budget to Finance kal tak\n- I'll share the notes aaj hi\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", "2026-03-04"), ("coach", SESSION.isoformat())]


def test_unpunctuated_dictation__a_hedge_in_one_clause_does_not_hedge_the_next() -> None:
    notes = (
        "so dana might move the offsite to april and she will call the venue on friday "
        "i will send her the agenda template so she can think about the format"
    )
    got = {i.description.split()[0].lower(): i.tentative for i in items(notes)}
    assert got.get("call") is False and got.get("send") is False


def test_before_that_conversation_in_a_run_on__is_the_nearest_date_before_it() -> None:
    notes = (
        "good session today mostly on the restructure and she will talk to sam on thursday and "
        "she will draft her key points before that conversation"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [("client", "2026-03-05"), ("client", "2026-03-05")]


def test_a_date_in_brackets_opening_a_line__is_that_line_s_due_date() -> None:
    notes = (
        "Dana 3/3 - her to-do list:\n"
        "(Fri) call the recruiter about the two roles\n"
        "(by the 20th) finish the budget reforecast\n"
        "(no date) read the chapter on feedback\n"
        "Me: (Mon) send her the scorecard template\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", FRIDAY),
        ("client", "2026-03-20"),
        ("client", None),
        ("coach", MONDAY),
    ]


def test_a_plain_list_under_an_agenda_heading__is_topics_not_items() -> None:
    notes = (
        "Dana 3/3\nAgenda\n1. Review the peer feedback\n2. Prepare for the promotion panel on the 18th\n\n"
        "Actions\n1. Dana to rewrite her pitch by Friday\n"
    )
    assert found(notes) == [("client", FRIDAY, "Rewrite her pitch")]
    # an agenda with what was agreed under each topic still gives those
    notes = (
        "Agenda - session 3\n\n1. Check-in\n   Outcome: tired.\n2. The board paper\n"
        "   Outcome: she'll send the draft to her CFO by Friday.\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY)]


def test_mine_as_a_heading_after_her_list__is_the_writer_s_list() -> None:
    notes = "Dana 3/3\nHer actions:\n- finish the hiring plan\nMine:\nP2 - send the delegation cards\n"
    assert [(o, t) for o, _, t in found(notes)] == [
        ("client", "Finish the hiring plan"),
        ("coach", "Send the delegation cards"),
    ]


def test_an_associate_named_in_full__is_known_by_her_initials() -> None:
    notes = (
        "From Amira Bose (associate) - notes on DW, 3 Mar\n"
        "Actions:\n- AB to send DW the deck by Friday\n- DW to map the decisions she wants back\n"
        "- AB to check in with DW by email on Monday\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("associate", FRIDAY),
        ("client", None),
        ("associate", MONDAY),
    ]
    assert not any(t.startswith("AB") for _, _, t in found(notes))


def test_a_list_under_things_she_wont_do_any_more__is_habits_to_stop() -> None:
    notes = (
        "Dana 3/3\nTired. Things she says she won't do any more:\n- cancel her 1:1s at short notice\n"
        "- answer email after 9pm\n- take on every panel\nWhat she will do: block Friday mornings.\n"
    )
    got = [(o, t) for o, _, t in found(notes)]
    assert got[:3] == [
        ("client", "Stop cancelling her 1:1s at short notice"),
        ("client", "Stop answering email after 9pm"),
        ("client", "Stop taking on every panel"),
    ]
    assert got[3][0] == "client" and got[3][1].startswith("Block Friday mornings")


def test_the_writer_correcting_a_date__takes_the_corrected_one() -> None:
    notes = (
        "Dana 3/3\nShe'll send the draft to her CEO on Friday - actually, not Friday, she said Thursday "
        "because he is away Friday.\n"
        "I'll send her the article tomorrow. (Correction: Monday - I'm travelling tomorrow.)\n"
    )
    assert found(notes) == [
        ("client", "2026-03-05", "Send the draft to her CEO"),
        ("coach", MONDAY, "Send her the article"),
    ]
    # 'actually' with no date after it corrects nothing
    assert [d for _, d, _ in found("Dana 3/3\nShe'll call him on Friday - actually a first for her.")] == [
        FRIDAY
    ]


def test_a_deadline_opening_the_sentence__dates_each_and_will_commitment_of_its_subject() -> None:
    notes = "Dana 3/3\nBy Friday she will have called Sam, and will email Jo about the budget.\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("client", FRIDAY)]
    # another subject's commitment is not covered
    notes = "Dana 3/3\nBy Friday she will call Sam, and I will look for an article.\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("coach", None)]


def test_numbered_boxes__ticked_and_called_off_lines_are_no_items_open_ones_are() -> None:
    notes = (
        "Dana 3/3\nLast time's:\n1. [x] Ran the first retro\n"
        "2. [ ] Conversation with Sam about the rota - didn't happen, he was off. Still on; she'll do it "
        "this week.\n"
        "3. [ ] Hand the vendor review to Jo - decided not to, Jo is at capacity. Dropped.\n"
        'New:\n1. [ ] Write her "how I work" page and share it with the team by Friday\n'
        "2. [x] Booked the next session\n3. [ ] (me) send the template by Monday\n"
    )
    got = found(notes)
    assert [(o, d) for o, d, _ in got] == [("client", FRIDAY), ("client", FRIDAY), ("coach", MONDAY)]
    assert "conversation with Sam about the rota" in got[0][2]
    assert got[1][2].startswith('Write her "how I work" page') and "[" not in got[1][2]
    assert got[2][2] == "Send the template"


def test_spanish_and_french_lines__headings_going_to_hedges_and_the_writers_first_person() -> None:
    notes = (
        "Dana 3/3 - mitad en español\nLo que acordamos:\n"
        "- Dana va a proponer a su jefe un update semanal - en su 1:1 del jueves\n"
        "- Va a preparar un resumen de los KPIs del equipo\n"
        "- Quizás hable con RRHH sobre el plan de sucesión\n"
        '- Yo le mando el artículo de HBR sobre "managing up" mañana\n'
        "Dana va a hablar con Recursos Humanos antes de fin de mes.\n"
        "Je lui envoie le modèle SBI ce soir.\n"
    )
    got = [(i.owner, i.due and i.due.isoformat(), i.tentative, i.description) for i in items(notes)]
    assert [(o, d, t) for o, d, t, _ in got] == [
        ("client", "2026-03-05", False),
        ("client", None, False),
        ("client", None, True),
        ("coach", "2026-03-04", False),
        ("client", "2026-03-31", False),
        ("coach", SESSION.isoformat(), False),
    ]
    assert got[1][3].startswith("Preparar un resumen")
    assert got[3][3].startswith("Send el artículo de HBR") and got[5][3].startswith("Send le modèle SBI")


def test_a_week_by_week_plan__each_line_is_due_on_its_weeks_last_day() -> None:
    notes = (
        "Dana 3/3 - the next four weeks\n"
        "Week 1 (3-6 Mar): tell the three directs about the restructure\n"
        "Week 2 (9-13 Mar): all-hands announcement\n"
        "Week 3 (16-20 Mar): first 1:1s with the new team leads\n"
        "Week 4 (23-27 Mar): retro with the directs - what landed, what didn't\n"
        "Me: comms checklist to her by the end of week 1.\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", FRIDAY),
        ("client", "2026-03-13"),
        ("client", "2026-03-20"),
        ("client", "2026-03-27"),
        ("coach", FRIDAY),
    ]
    # 'week 3' counts weeks: it is not the week of the 3rd
    assert [d for _, d, _ in found("Dana 3/3\nShe'll start the pilot in week 3 of the programme.")] == [None]


def test_an_associates_handover_opening_with_the_leads_name__its_you_is_the_lead() -> None:
    notes = (
        "Sarah,\n\nHandover for Dana as I go on leave - you're picking her up on the 17th.\n\n"
        "Open actions:\n"
        "- Dana: ask her CEO for a standing 1:1 - she was reluctant, said she'd see how the board goes\n"
        "- Me: I'll send Dana the session summary on Friday\n"
        "- You: could you read my notes before the 17th? The board stuff in session 3 is the key bit.\n\n"
        "Priya\n"
    )
    got = [(i.owner, i.due and i.due.isoformat(), i.tentative, i.description) for i in items(notes)]
    assert [(o, d, t) for o, d, t, _ in got] == [
        ("client", None, True),
        ("associate", FRIDAY, False),
        ("coach", NEXT.isoformat(), False),
    ]
    assert got[2][3].startswith("Read my notes")
    # a question with no deadline stays a question
    assert not items("Sarah,\n\nCould you think about whether she needs a mentor?\n\nPriya\n")


def test_a_group_members_lines__a_dashed_line_without_a_verb_does_not_break_the_list() -> None:
    notes = (
        "Group session - new managers cohort\nPresent: Dana Whitfield (sponsor), Dev, Marco, Yusuf.\n"
        "Each picked one:\nDev - have the overdue feedback conversation by Friday\n"
        "Marco - not sure yet, wants to watch how it goes first.\n"
        "Yusuf - write up his team's working agreements and share them on the channel by Friday\n\n"
        "What Dana's taking forward:\n- Thank the raters on Monday\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Have the overdue feedback conversation"),
        ("client", FRIDAY, "Write up his team's working agreements and share them on the channel"),
        ("client", MONDAY, "Thank the raters"),
    ]


def test_an_aim_for_a_date__dates_the_commitment_before_it() -> None:
    notes = "Dana 3/3\nI said I'd draft the comms plan for the reorg, I'll aim for end of next week.\n"
    assert found(notes) == [("coach", "2026-03-13", "Draft the comms plan for the reorg")]
    notes = "Dana 3/3\nShe'll send the deck to Sam - she's aiming for Friday.\n"
    assert found(notes) == [("client", FRIDAY, "Send the deck to Sam")]
    # an aim that is a thing, not a date, is no deadline
    assert not any(d for _, d, _ in found("Dana 3/3\nShe'll rewrite the plan and aim for a shorter version."))


def test_others_tasks_in_a_who_does_what_list__are_not_the_clients() -> None:
    notes = (
        "Dana 3/3\nWho's doing what:\n- Finance (Deepa) will have the closure costings by Friday\n"
        "- HR is drafting the consultation letters\n"
        "- Dana: send the visit schedule to the plant managers by Monday\n"
        "From me: the Kotter one-pager - sending tomorrow. She needs nothing else from me this round.\n"
    )
    assert found(notes) == [
        ("client", MONDAY, "Send the visit schedule to the plant managers"),
        ("coach", "2026-03-04", "Send Dana the Kotter one-pager"),
    ]


def test_check_out_questions__the_answers_under_what_will_you_do_and_what_you_need_from_me() -> None:
    notes = (
        "Dana 3/3\nCheck-out questions (her answers):\n"
        "What will you do differently?\n  Stop rewriting the reports myself - send them back with comments.\n"
        "What's the first step and when?\n  Talk to Sam about the roadmap on Friday.\n"
        "How will you know it's working?\n  Fewer reports on my desk.\n"
        "What do you need from me?\n"
        '  The article on "managing managers" I mentioned - I said I\'d dig it out.\n'
    )
    got = found(notes)
    assert [(o, d) for o, d, _ in got] == [("client", None), ("client", FRIDAY), ("coach", None)]
    assert "send them back with comments" in got[0][2] and got[1][2] == "Talk to Sam about the roadmap"
    assert 'the article on "managing managers"' in got[2][2]


def test_try_it_after_what_the_writer_encouraged__names_the_encouraged_step() -> None:
    notes = (
        "Dear Dana,\n\nI'd encourage you to block one morning a week with no meetings - you said you'd try "
        "it for March, and I think that's the right size of experiment.\n\nWarm regards,\nSarah\n"
    )
    assert found(notes) == [("client", None, "Try blocking one morning a week with no meetings for March")]


def test_owner_alone_on_a_parent_bullet__a_name_with_me_and_both_own_the_sub_bullets() -> None:
    notes = (
        "Dana 3/3\n- Dana\n    - send the deck to Sam by Friday\n"
        "- Sarah (me)\n    - send the GROW question card\n"
        "    - check my diary for a strategy day in April\n- Both\n    - read chapter 3 before next time\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Send the deck to Sam"),
        ("coach", None, "Send the GROW question card"),
        ("coach", None, "Check my diary for a strategy day in April"),
        ("client", NEXT.isoformat(), "Read chapter 3"),
        ("coach", NEXT.isoformat(), "Read chapter 3"),
    ]


def test_dictation_with_its_punctuation_spoken__the_words_are_the_marks() -> None:
    notes = (
        "notes for dana full stop new line she's going to send the deck to sam by friday full stop i'll "
        "confirm the room by email today full stop new paragraph she'll try opening the next team meeting "
        "with the context comma that's on the twelfth open bracket a thursday close bracket full stop "
        "end of note"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Send the deck to sam"),
        ("coach", "2026-03-03", "Confirm the room by email"),
        ("client", "2026-03-12", "Try opening the next team meeting with the context"),
    ]
    # one 'comma' in written notes is a word, not a mark
    written = "Dana 3/3\n- she'll ask Sam to drop the Oxford comma from the style guide by Friday"
    assert "comma" in found(written)[0][2]


def test_italian_mixed_in__future_tense_io_label_and_domani() -> None:
    notes = (
        "Dana – 3 marzo\nCosa abbiamo deciso:\n"
        "- Dana parlerà con Sam entro venerdì about the rota\n"
        "- preparerà una bozza del piano for both teams before our next session\n"
        "- Io: le mando il template RACI domani\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Parlare con Sam about the rota"),
        ("client", NEXT.isoformat(), "Preparare una bozza del piano for both teams"),
        ("coach", "2026-03-04", "Send il template RACI"),
    ]
    # '-erà' on a word that is no verb the rules know stays as written ('era' is 'was')
    assert found("Dana 3/3\n- la riunione era lunga") == []


def test_homework_the_client_set_the_writer__is_the_writers_and_hers_follows() -> None:
    notes = (
        "Dana 3/3\nHer homework for me:\n1. Find two examples of CFOs who moved into CEO roles\n"
        "2. Write down my honest read on the board paper, emailed to her\n"
        "Hers, which she set herself:\n- book the mock interview by Friday\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [("coach", None), ("coach", None), ("client", FRIDAY)]
    # the list's doer is whom it is for; 'Homework for next time' names no one
    assert [o for o, _, _ in found("Dana 3/3\nMy homework for Dana:\n- read the SBI chapter\n")] == ["client"]


def test_a_negation_in_a_clause_the_action_provides_for__does_not_cancel_it() -> None:
    notes = "Dana 3/3\nNew:\n- me: find her a facilitator's name in case she doesn't want to run it herself\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("coach", None)]
    # the line's own negation still holds
    assert found("Dana 3/3\nActions:\n- don't send the memo yet\n") == []


def test_before_an_event_named_shorter__takes_the_date_the_notes_give_it() -> None:
    notes = (
        "Dana 3/3\n- run the personal histories exercise at the leads' offsite on 12 March\n"
        "- ask the two leads for their objections in writing before the offsite\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [("client", "2026-03-12"), ("client", "2026-03-12")]


def test_an_arrow_emoji_after_an_owner__tags_the_line_and_2nite_is_tonight() -> None:
    notes = "Dana 3/3\n🔹 me ➡️ send her the Eisenhower matrix 2nite\n🔹 Dana ➡ call Sam by Friday\n"
    assert found(notes) == [
        ("coach", "2026-03-03", "Send her the Eisenhower matrix"),
        ("client", FRIDAY, "Call Sam"),
    ]
    # opening a line the arrow is a bullet
    assert found("Dana 3/3\n➡️ new: keep a one-line energy log every evening\n")[0][:2] == ("client", None)


def test_a_table_with_dotted_dates__a_first_draft_row_is_an_item_due_that_day() -> None:
    notes = (
        "Rachel Kim – 03.03.2026\n| What | Who | By when | Status |\n|---|---|---|---|\n"
        "| First draft of the talent plan outline | RK | 17.03 | new |\n"
        "| Share 9-box template | SC | today | new |\n"
    )
    assert found(notes, client="Rachel Kim") == [
        ("client", "2026-03-17", "Draft of the talent plan outline"),
        ("coach", "2026-03-03", "Share 9-box template"),
    ]
    # a dotted number with a one-digit second part is a score, not a date
    assert found("Rachel 3/3\n- Rachel: raise the NPS score - 7.5", client="Rachel Kim")[0][1] is None


def test_an_item_a_later_update_reports_done__is_no_longer_to_do() -> None:
    notes = (
        "Dana – Tue 3 March\n- she'll set up 1:1s with all five PMs by Friday\n"
        "- I'll send her the SL overview\n"
        "\nUpdate Thu 5 March (short call):\n- 1:1s all booked - done\n"
    )
    assert found(notes) == [("coach", None, "Send her the SL overview")]
    # a review of last time's items above today's takes nothing off the new ones
    review = "Dana 3/3\nLast time:\n- 1:1s with the PMs - done\n"
    review += "New:\n- she'll hold 1:1s with the two new PMs by Friday\n"
    assert [(o, d) for o, d, _ in found(review)] == [("client", FRIDAY)]


def test_a_chat_app_export__each_message_is_its_senders_turn_and_its_stamp_no_date() -> None:
    notes = (
        "[03/03/2026, 18:02] Sarah Cave: Hi Dana, what you committed to:\n"
        "1) tell Sam you're not taking on the launch, by Friday\n"
        "2) block 2 hrs every Friday for strategy\n"
        "[03/03/2026, 18:05] Dana Whitfield: thanks! I said I'd send you the survey, I'll do it tmrw\n"
        "[03/03/2026, 18:06] Sarah Cave: Perfect, I'll send you the chapter tonight\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", FRIDAY),
        ("client", None),
        ("client", "2026-03-04"),  # her 'I' in her own message, not the writer's
        ("coach", "2026-03-03"),
    ]
    # Android's "03/03/2026, 18:05 - Name: …" is the same export
    android = notes.replace("[03/03/2026, 18:05] ", "03/03/2026, 18:05 - ")
    assert found(android)[2][:2] == ("client", "2026-03-04")


def test_a_reflective_paragraph__its_commitment_after_an_opening_phrase_and_for_me() -> None:
    notes = (
        "Session with Dana. Reflections.\n\nI came away unsettled. Somewhere in the middle she said she'd "
        "write to her sponsor before the end of the month, and I nearly missed it.\n\n"
        "For me: take this to supervision on the 10th. And I want to reread my notes from session 2 before "
        "we next meet.\n"
    )
    assert found(notes) == [
        ("client", "2026-03-31", "Write to her sponsor"),
        ("coach", "2026-03-10", "Take this to supervision"),
        ("coach", NEXT.isoformat(), "Reread my notes from session 2"),
    ]
    # a want with no time to do it is a wish, not a plan
    assert found("Dana 3/3\nI want to read more on perfectionism - maybe the Brown chapter.\n") == []


def test_a_reply_to_the_client_quoting_her_list__the_quoted_lines_are_hers() -> None:
    notes = (
        "From: Sarah Cave\nTo: Dana Whitfield\nSubject: Re: my actions\n\n"
        "Hi Dana, thanks for writing these up - notes inline.\n\n"
        "> 1. Book skip-level lunches with all four teams\n"
        "> 2. Write the case for the extra headcount by Friday\n\n"
        "All good. From my side I'll send you the SL one-pager and the name of the coach I mentioned, "
        "both by Monday.\n\nSarah\n"
    )
    assert found(notes) == [
        ("client", None, "Book skip-level lunches with all four teams"),
        ("client", FRIDAY, "Write the case for the extra headcount"),
        ("coach", MONDAY, "Send you the SL one-pager"),
        ("coach", MONDAY, "Send you the name of the coach I mentioned"),
    ]


def test_a_tagged_check_then_will_let_him_know_by_a_date__is_the_taggeds_check_due_then() -> None:
    notes = (
        "Dana 3/3\nNext steps\n- Dana: send the comp proposal to Rachel by Monday\n"
        "- Me: check if my colleague can run a workshop for her managers - will let her know by Friday\n"
    )
    assert found(notes) == [
        ("client", MONDAY, "Send the comp proposal to Rachel"),
        ("coach", FRIDAY, "Check if my colleague can run a workshop for her managers"),
    ]


def test_last_times_items_named_then_their_status__the_named_thing_and_whose_it_is() -> None:
    notes = (
        "Dana 3/3\nReview of last time:\n- stakeholder map: not done, she'll finish it by Friday\n"
        "- my intro to Priya (data governance): not done on my side, sorry - will do it tomorrow.\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Finish the stakeholder map"),
        ("coach", "2026-03-04", "Do my intro to Priya"),
    ]


def test_a_step_then_what_to_do_if_it_fails__two_items_the_fallback_tentative_and_undated() -> None:
    notes = "Dana 3/3\nNew: she'll settle it by Friday; if it's still stuck, escalate to the CTO.\n"
    assert [(i.owner, i.due and i.due.isoformat(), i.tentative) for i in items(notes)] == [
        ("client", FRIDAY, False),
        ("client", None, True),
    ]
    assert items(notes)[1].description == "Escalate to the CTO"


def test_a_bullet_journal__done_tasks_events_migrated_items_and_things_he_will_stop() -> None:
    notes = (
        "Tue 3 Mar 2026 — Dana\n"
        "– new role, two senior people who applied for her job\n"
        "○ leadership offsite 19 Mar\n"
        "• D: 1:1 with Rui before the offsite\n"
        "• D: write down 3 things she'll stop doing herself\n"
        "× D: read the onboarding pack (did it in the break)\n"
        "> D: stakeholder map — migrated from last time, still not done, now by end of Mar\n"
    )
    assert found(notes) == [
        ("client", "2026-03-19", "1:1 with Rui"),
        ("client", None, "Write down 3 things she'll stop doing herself"),
        ("client", "2026-03-31", "Stakeholder map"),
    ]


def test_dutch_and_portuguese_weekdays_after_their_prepositions_and_next_time_she_brings() -> None:
    notes = (
        "Dana 3/3\nAfspraken:\n- Dana: agenda voor het MT sturen vóór vrijdag\n"
        "- Dana vai preparar dois exemplos para a reunião de segunda-feira\n"
        "- next time: she brings her calendar for the last two weeks\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", FRIDAY),
        ("client", MONDAY),
        ("client", NEXT.isoformat()),
    ]


def test_a_wish_with_a_doubt_after_it__one_tentative_item_without_the_doubt() -> None:
    notes = (
        "Hi Dana,\n\nYou also said you'd like to start the mentoring circle in the new year, but you're not "
        "sure you'll have the bandwidth - let's see.\n\nSarah\n"
    )
    assert [(i.owner, i.tentative, i.description) for i in items(notes)] == [
        ("client", True, "Start the mentoring circle in the new year")
    ]


def test_numbered_owner_and_topic_headings__head_their_lettered_lines_whatever_verb_they_start_with() -> None:
    notes = (
        "Dana 3/3\nCommitments\n1. Dana - board pack\n   a. send the narrative to the CFO by Thu\n"
        "2. Dana - rehearsal\n   a. dry run with Efua early next week\n"
    )
    assert found(notes) == [
        ("client", "2026-03-05", "Send the narrative to the CFO"),
        ("client", "2026-03-13", "Dry run with Efua"),
    ]


def test_after_the_thursday_stand_up__is_this_thursday_but_a_standing_meeting_named_is_no_date() -> None:
    assert found("Dana 3/3\n- she'll talk to Tom after the Thursday stand-up\n")[0][1] == "2026-03-05"
    assert found("Dana 3/3\n- she'll ask Jo to chair the Monday ops call from now on\n")[0][1] is None


def test_the_writers_stance_is_no_item() -> None:
    notes = "Dana 3/3\nShe didn't want to work on anything today. I'll just be curious about how she is.\n"
    assert found(notes) == []


def test_them_after_i_will_do_it__is_the_thing_that_it_stood_for() -> None:
    notes = (
        "Dana 3/3\nShe said she'd send me the team survey results, she'll do it tomorrow. "
        "I'll read them before our next session.\n"
    )
    assert found(notes)[-1] == ("coach", NEXT.isoformat(), "Read the team survey results")


def test_a_suggestion_taken_up_as_a_task_later__is_that_task_only() -> None:
    notes = (
        "Meeting recap\nNotes\n• Sarah suggested Dana use the Strategy Canvas to frame the platform bet.\n\n"
        "Follow-up tasks\n"
        "• Draft a one-page Strategy Canvas for the platform bet by Friday. (Dana Whitfield)\n"
    )
    assert found(notes) == [("client", FRIDAY, "Draft a one-page Strategy Canvas for the platform bet")]
    # a suggestion nothing later takes up stays hers
    assert len(found("Dana 3/3\nI suggested she use the Strategy Canvas to frame the platform bet.\n")) == 1


def test_said_shed_had__is_the_past_perfect_not_a_promise() -> None:
    notes = "Dana 3/3\nShe said she'd had a bruising exec meeting that morning. She'll call Tom on Friday.\n"
    assert found(notes) == [("client", FRIDAY, "Call Tom")]


def test_lines_wholly_in_quotes_under_in_her_words__are_the_clients() -> None:
    notes = (
        "Dana 3/3\nIn her words:\n"
        '"I\'ll sort the budget by Friday."\n'
        '"Honestly I feel like I\'m failing everyone."\n\n'
        "I'll send her the delegation article.\n"
    )
    assert found(notes) == [
        ("client", FRIDAY, "Sort the budget"),
        ("coach", None, "Send her the delegation article"),
    ]


def test_questions_she_takes_away__are_hers_to_answer_by_the_headings_date() -> None:
    notes = (
        "Dana 3/3\nQuestions she's taking away (answer before next session):\n"
        "- What would it take to delegate the pricing call to Hemi?\n"
        "- Who on the board doesn't know her yet, and how will she fix that?\n"
    )
    got = found(notes)
    assert [(o, d) for o, d, _ in got] == [("client", NEXT.isoformat())] * 2
    assert "delegate the pricing call to Hemi" in got[0][2]
    assert "how will she fix that" in got[1][2]


def test_a_clause_ending_this_month__is_due_at_the_months_end() -> None:
    assert found("Dana 3/3\n- I'll introduce her to Karin this month.\n") == [
        ("coach", "2026-03-31", "Introduce her to Karin")
    ]
    # a past month named inside the object dates nothing
    assert found("Dana 3/3\n- She'll list three decisions she made this month that worked.\n")[0][1] is None


def test_polish_one_word_future__is_read_as_will() -> None:
    notes = "Kasia 3/3\nUstalenia:\n- Kasia porozmawia z Markiem do piątku, using SBI\n"
    assert found(notes, "Katarzyna Wiśniewska") == [("client", FRIDAY, "Porozmawiać z Markiem, using SBI")]


def test_a_template_copied_with_blank_fields_and_who_what_when_rows() -> None:
    notes = """SESSION TEMPLATE
Client: Dana Whitfield
1. Check-in (5 min):
2. Review of actions from last session:
   -
   -
3. Focus for today: her first ops review
4. Actions agreed (who / what / by when):
   - Dana / ask finance for one source of truth for the numbers / end of March
   - Dana / weekly 1:1s with each of her leads, from now on / every week
   - Dana / 15 mins with Lindiwe on the numbers / ongoing
   - Coach /
5. Coach reflections (private):
"""
    assert found(notes) == [
        ("client", "2026-03-31", "Ask finance for one source of truth for the numbers"),
        ("client", None, "Weekly 1:1s with each of her leads, from now on - every week"),
        ("client", None, "15 mins with Lindiwe on the numbers"),
    ]


def test_what_is_said_not_to_be_a_task_and_what_it_will_do__are_no_items() -> None:
    notes = (
        "Dana 3/3\n- Me: I won't be chasing the HR report - not something I should be in the middle of.\n"
        "She worries it will look like she's stepping back. I think it will come back when she's ready.\n"
        "The audit got moved to today and she has to be on site.\n"
    )
    assert found(notes) == []


def test_what_the_successor_needs_to__is_part_of_the_object_not_a_second_clause() -> None:
    notes = "Dana 3/3\n- She'll draft a profile of what the successor needs to be good at, by Friday.\n"
    assert found(notes) == [("client", FRIDAY, "Draft a profile of what the successor needs to be good at")]
    # 'agreed that the coach will …' is still the coach's commitment
    assert found("Dana 3/3\nIt was agreed that the coach will review her slides by Friday.\n") == [
        ("coach", FRIDAY, "Review her slides")
    ]


def test_a_commitment_the_writer_says_was_not_agreed__is_no_item() -> None:
    notes = (
        "Dana 3/3\nShe will review the regulator's letter, but that's her normal job and not something we "
        "agreed as part of coaching. She'll call Tom on Friday.\n"
    )
    assert found(notes) == [("client", FRIDAY, "Call Tom")]


def test_an_app_export_s_action_owner_due_fields__are_one_item_with_its_owner_and_date() -> None:
    notes = """
=== CoachLog export ===
Client: Dana Whitfield
Will:
  Action: Rehearse the board update in front of her two leads
  Owner: Client
  Due: 16/03/2026
  ---
  Action: Send the notes on handling hostile questions
  Owner: Coach
  Due: (none)
=== end ===
"""
    assert found(notes) == [
        ("client", "2026-03-16", "Rehearse the board update in front of her two leads"),
        ("coach", None, "Send the notes on handling hostile questions"),
    ]


def test_whose_list_a_longer_heading_names__with_a_relative_clause_or_a_dated_aside() -> None:
    notes = """
Dana 3/3
Her actions
- Call Tom about the budget
Mine that carry over to you, Priya:
- Send her the Skill/Will exercise
My development homework (for supervision on 20 March)
- Re-read my contracting notes
- Write a one-page case summary for Anne
"""
    assert found(notes) == [
        ("client", None, "Call Tom about the budget"),
        ("coach", None, "Send her the Skill/Will exercise"),
        ("coach", "2026-03-20", "Re-read my contracting notes"),
        ("coach", "2026-03-20", "Write a one-page case summary for Anne"),
    ]


def test_every_other_thursday_is_a_cadence_not_the_coming_thursday() -> None:
    notes = "Dana 3/3\n- She'll ask Sam for a standing 30 minutes every other Thursday\n"
    assert found(notes) == [("client", None, "Ask Sam for a standing 30 minutes every other Thursday")]


def test_the_day_before_an_event_the_notes_date_with_a_longer_name() -> None:
    notes = (
        "Dana 3/3\nHer performance review with Henrik is on the 20th.\n"
        "The day before her review she'll write her own summary of the year.\n"
    )
    assert [(o, d) for o, d, _ in found(notes)] == [("client", "2026-03-19")]


def test_an_imperative_naming_her_that_sends_the_thing_to_me__is_the_client_s() -> None:
    notes = "Dana 3/3\nNew\n- Draft her three priorities for H2 and send them to me before next session\n"
    assert found(notes) == [("client", "2026-03-17", "Draft her three priorities for H2 and send them to me")]
    # with nothing coming back to the writer, 'send her …' stays the writer's
    assert [o for o, _, _ in found("Dana 3/3\nNew\n- Send her three examples\n")] == ["coach"]


def test_an_offer_that_waits_on_it_going_ahead__is_tentative_without_a_comma() -> None:
    notes = "Dana 3/3\nI'll run a workshop with her leads if the reorg goes ahead.\n"
    assert [(o, i.tentative) for (o, _, _), i in zip(found(notes), items(notes), strict=True)] == [
        ("coach", True)
    ]


def test_a_support_needed_heading__is_no_item_and_its_from_me_line_is_the_writer_s() -> None:
    notes = """
Dana 3/3

Commitments
- Call Tom by Friday

Support needed
- From me: a short Radical Candor cheat sheet
"""
    assert found(notes) == [
        ("client", FRIDAY, "Call Tom"),
        ("coach", None, "Send Dana a short Radical Candor cheat sheet"),
    ]


def test_a_verb_with_re_and_a_hyphen__is_a_verb() -> None:
    # a bare list line is an action only when it opens with a verb
    notes = (
        "Dana 3/3\n- Re-place her six reports on the grid before next session\n- Re-send the invite to Tom\n"
    )
    assert found(notes) == [
        ("client", "2026-03-17", "Re-place her six reports on the grid"),
        ("client", None, "Re-send the invite to Tom"),
    ]


def test_a_possessive_heading_over_a_list_after_her_actions__is_no_item() -> None:
    notes = """
Dana 3/3
Her actions
- Call Tom about the budget

My reflections
- I talked too much in the first half. I wanted her to get it.
"""
    assert found(notes) == [("client", None, "Call Tom about the budget")]


def test_a_bare_list_line_tagged_mine_at_its_end__is_the_writers() -> None:
    # "- mine" closing a line of a list with no owners: the writer's item, the tag no part of it
    notes = "Dana 3/3 - actions\n- Call Tom about the budget\n- Book our next two sessions - mine\n"
    assert found(notes) == [
        ("client", None, "Call Tom about the budget"),
        ("coach", None, "Book our next two sessions"),
    ]


def test_a_section_marked_mine_in_brackets__stays_no_item() -> None:
    notes = """
Dana will call Tom about the budget on Monday.

For supervision (mine): I noticed I rushed to solutions again. Take this to Ruth in supervision next week.
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", MONDAY)]


def test_a_markdown_link_as_the_object__keeps_its_words_not_its_address() -> None:
    notes = "**Actions**\n- Dana: complete the [EQ self-assessment](https://example.com/eq?x=1) by Friday\n"
    assert found(notes) == [("client", FRIDAY, "Complete the EQ self-assessment")]


def test_remember_to_and_a_priority_marker_before_a_verb__mark_a_thing_to_do() -> None:
    # lines with no owner and no list: "Remember to …" and "ASAP: get …" say what is to be done
    notes = """
Dana 3/3
Remember to thank Anya for covering the audit.
ASAP: get the interim CFO contract signed.
We talked about the COO title at length.
"""
    assert found(notes) == [
        ("client", None, "Thank Anya for covering the audit"),
        ("client", None, "Get the interim CFO contract signed"),
    ]


def test_facilitator_follow_ups__are_the_writers_in_a_group_module() -> None:
    notes = """
Module 3 - 3 Mar
Homework for all participants:
• Read chapter 2 of Radical Candor

Facilitator follow-ups:
• Send the slides to everyone
"""
    assert [(o, i) for o, _, i in found(notes, client="Cohort 4")] == [
        ("client", "Read chapter 2 of Radical Candor"),
        ("coach", "Send the slides to everyone"),
    ]


def test_a_date_in_brackets_after_the_event_a_heading_names__dates_its_lines() -> None:
    # "(2 Dec)" right after "before Module 4" is the module's date; a bare "(4 Feb)" is when it was written
    notes = """
Homework for all participants before Module 4 (17 Mar):
• Read chapter 2 of Radical Candor
"""
    assert found(notes, client="Cohort 4") == [("client", "2026-03-17", "Read chapter 2 of Radical Candor")]
    notes = "Her actions (4 Mar):\n- Read chapter 2 of Radical Candor\n"
    assert found(notes) == [("client", None, "Read chapter 2 of Radical Candor")]


def test_apologise_is_an_action_verb__so_an_oxford_comma_list_of_three_splits() -> None:
    notes = (
        "Before we next meet she will finalise the new rota, apologise to Craig for the cancelled "
        "one-to-one, and organise a listening session with the night shift.\n"
    )
    assert found(notes) == [
        ("client", "2026-03-17", "Finalise the new rota"),
        ("client", "2026-03-17", "Apologise to Craig for the cancelled one-to-one"),
        ("client", "2026-03-17", "Organise a listening session with the night shift"),
    ]


def test_within_the_next_week__counts_seven_days_from_the_session() -> None:
    # "within the next week" is a week from the session, as "within a week" is, not next week's Friday
    notes = "Actions:\n- Tell the wider team who covers what – within the next week\n"
    assert found(notes) == [("client", "2026-03-10", "Tell the wider team who covers what")]


def test_end_of_q_without_its_number__is_this_quarters_end() -> None:
    notes = "Actions:\n- Sign off the vendor shortlist – end of Q\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", "2026-03-31")]


def test_a_day_and_month_joined_by_a_hyphen__is_a_date() -> None:
    notes = (
        "Action | Owner | Due\nDraft the team charter | Dana | 27-Mar\nConfirm session dates | SC | 25-Mar\n"
    )
    assert found(notes) == [
        ("client", "2026-03-27", "Draft the team charter"),
        ("coach", "2026-03-25", "Confirm session dates"),
    ]


def test_a_tables_tbc_or_na_date_is_open__and_a_parked_row_is_no_item() -> None:
    notes = (
        "Action | Owner | Due\n"
        "Share the charter draft with the deputies | Dana | TBC\n"
        "Send RACI template | SC | n/a\n"
        "Decide on the secondment | Dana | n/a – parked till June\n"
    )
    assert [(i.owner, i.due, i.tentative, i.description) for i in items(notes)] == [
        ("client", None, False, "Share the charter draft with the deputies"),
        ("coach", None, False, "Send RACI template"),
    ]
    # a status column's "maybe" still hedges its row
    notes = (
        "| What | Who | When | Status |\n|---|---|---|---|\n| Decide on a consultant | DW | TBC | maybe |\n"
    )
    assert [(i.owner, i.tentative) for i in items(notes)] == [("client", True)]


def test_a_table_with_german_column_heads_and_owners__reads_who_and_when() -> None:
    notes = """
| Action | Verantwortlich | Frist |
|---|---|---|
| Skill/Will rating for all 6 team leads | Klient | 10.03. |
| 1:1 with Lena on the monthly reporting | Klient | Freitag |
| Send the Skill/Will template | ich | heute |
| Ask HR about the development budget | Klient | offen |
| Prepare a Q1 look-back | beide | nächste Sitzung |
"""
    assert found(notes) == [
        ("client", "2026-03-10", "Skill/Will rating for all 6 team leads"),
        ("client", FRIDAY, "1:1 with Lena on the monthly reporting"),
        ("coach", "2026-03-03", "Send the Skill/Will template"),
        ("client", None, "Ask HR about the development budget"),
        ("client", "2026-03-17", "Prepare a Q1 look-back"),
        ("coach", "2026-03-17", "Prepare a Q1 look-back"),
    ]


def test_a_longer_action_heading__still_heads_its_list() -> None:
    notes = """
Agreed experiments for the next four weeks:
* 3 x 20-min walks a week, at lunch, no phone
* phone out of the bedroom 5 nights out of 7
"""
    assert [(o, d, i) for o, d, i in found(notes)] == [
        ("client", None, "3 x 20-min walks a week, at lunch, no phone"),
        ("client", None, "Phone out of the bedroom 5 nights out of 7"),
    ]


def test_done_with_a_tick_after_the_word__is_done() -> None:
    notes = "Actions (running list)\n- Finish the succession map – done ✔\n- Write the story – by Friday\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY)]


def test_a_shared_doc_in_the_clients_hand__i_is_the_client_and_the_coachs_marked_lines_hers() -> None:
    notes = """
Shared doc – Dana & Sarah
Session 6 · 3 Mar 2026 (Dana's notes; Sarah's lines marked SC)

My commitments:
- I will tell Pierre by Friday that I'm not taking the APAC project

SC: I'll send Dana the GROW question card.
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("coach", None)]
    # a title naming her notes, without the coach's part set apart, is still the coach's notes about her
    notes = "Dana's notes – session 6\n\nMy actions:\n- I will send Dana the GROW question card by Friday\n"
    assert [(o, d) for o, d, _ in found(notes)] == [("coach", FRIDAY)]


def test_an_associates_prep_for_supervision_signed_name_comma_associate__i_is_the_associate() -> None:
    notes = """
Prep for supervision with Sarah (Fri 6 Mar) – Jonas, associate
Client: Dana Whitfield, session 3

My own follow-ups:
- log the session in Airtable today

Sarah – you said you'd check whether her sponsor wants a mid-point review.
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("associate", "2026-03-03"), ("coach", None)]


def test_a_session_note_signed_name_in_brackets_associate__i_is_the_associate() -> None:
    """The heading's "– Leo Marsh (associate)" says who wrote the note, as "– Leo, associate" does: his "I'll
    send" is the associate's, not the lead coach's (the set's 581 had it as the coach's against this rule)."""
    notes = """
Session notes – Dana Whitfield – 3 March – Leo Marsh (associate)

Agreed:
- Dana will draft her team charter by Friday
- I'll send her the SCARF summary sheet
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("associate", None)]


def test_and_bring_them_to_our_next_session__stays_one_action_due_then() -> None:
    notes = (
        "What Dana agreed:\n- write three things she'd say to her team, and bring them to our next session\n"
    )
    assert found(notes) == [
        ("client", "2026-03-17", "Write three things she'd say to her team, and bring them")
    ]


def test_what_you_said_youd_do_before_we_meet__dates_the_lines_under_it() -> None:
    notes = """
Dear Dana,

What you said you'd do before we meet on 17 March:
• Write down your two priorities
• Have the talk with Henrique on Monday

Warm regards,
Sarah
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", "2026-03-17"), ("client", MONDAY)]


def test_a_plus_between_two_steps__is_and_but_not_before_a_bare_verb() -> None:
    notes = "Me:\n- send the SBI worksheet today + book a 30-min prep call with her for Monday\n"
    assert found(notes) == [
        ("coach", "2026-03-03", "Send the SBI worksheet"),
        ("coach", MONDAY, "Book a 30-min prep call with her"),
    ]
    notes = "Me:\n- find the worksheet + send\n"
    assert len(found(notes)) == 1


def test_carried_over_after_the_item__is_its_status_and_the_new_date_dates_it() -> None:
    notes = "Last time's list:\n- Draft the Q1 hiring plan → carried over, now by 27 Mar\n"
    assert found(notes) == [("client", "2026-03-27", "Draft the Q1 hiring plan")]


def test_the_speakers_own_dated_want_to_put_x_in_writing__is_an_item() -> None:
    notes = (
        "[00:41:09] Dmitri: I'll sit down with her on Monday.\n"
        "[00:41:13] Dmitri: And I want to put the rota proposal in writing for the team, say by the 7th.\n"
    )
    drafted = draft_by_rules(
        NotesInput(notes, date(2029, 8, 29), "Dmitri Volkov", "Sarah Cave", date(2029, 9, 12))
    ).action_items
    assert [(i.owner, i.due and i.due.isoformat()) for i in drafted] == [
        ("client", "2029-09-03"),
        ("client", "2029-09-07"),
    ]
    # the want read as the commitment cue: the item is the thing to do, not "And I want to put …"
    assert drafted[1].description.startswith("Put the rota proposal in writing for the team")
    # a third person's want with no date is still a wish
    assert found("Dana wants to present the cost plan with more confidence.\n") == []


def test_actually_make_that_the_20th__moves_the_date_the_message_before_named() -> None:
    notes = """
Follow-ups agreed in session:
- Dana: delegate the supplier onboarding to Tomás by Friday
- Dana: send Jo the rota on Monday

Texts after the session (pasted):
Dana (17:40): hmm, Friday is too soon for Tomás, he's at the trade fair
Dana (17:41): actually make that the 20th
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", "2026-03-20"), ("client", MONDAY)]


def test_next_session_stated_only_at_the_end__dates_by_our_next_session_lists_and_their_owners() -> None:
    notes = """
By our next session Dana will:
- hand the Valencia site to Lucía
- ask Marcos what he needs

By our next session I will:
- send the RACI template

Next session: Thu 19 March, 7:30am.
"""
    # the record has no next session yet: the notes' own last line says when it is
    drafted = draft_by_rules(NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", None)).action_items
    assert [(i.owner, i.due and i.due.isoformat()) for i in drafted] == [
        ("client", "2026-03-19"),
        ("client", "2026-03-19"),
        ("coach", "2026-03-19"),
    ]


def test_each_person_committed_before_we_meet_again__dates_a_team_sessions_lines() -> None:
    notes = """
Team session – Dana's leads
Present: Dana Whitfield (my client), Ana Lima, Joon-ho Park, Grace Owusu

Each person committed to one thing before we meet again on 17 March:
- Ana: give Grace the feedback on the release process
- Joon-ho: propose a shared on-call rota at the next staff meeting
- Grace: publish the quarterly goals on the wiki by Friday
"""
    # a hyphenated first name ("Joon-ho") is one of the team named in the opening
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", "2026-03-17"),
        ("client", "2026-03-17"),
        ("client", FRIDAY),
    ]


def test_a_transcript_speaker_named_by_the_end_of_the_clients_first_name__is_the_client() -> None:
    notes = """
Coach: So what will you do, and when?
Seun: I'll talk to Raj on Monday, before stand-up.
Coach: I'll send you the SBI example tonight.
"""
    assert [(o, d) for o, d, _ in found(notes, "Oluwaseun Adeyemi")] == [
        ("client", MONDAY),
        ("coach", SESSION.isoformat()),
    ]


def test_a_csv_export__one_item_per_row_with_its_owner_and_date() -> None:
    notes = """
Export from CoachLog – client: Dana Whitfield
action,owner,due,status
"Draft the closure announcement",client,2026-03-10,open
"Send the Kotter checklist",coach,,open
"Rehearse the announcement together",both,2026-03-17,open
"Ask the CFO about terms",client,2026-03-01,done
"""
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", "2026-03-10"),
        ("coach", None),
        ("client", "2026-03-17"),
        ("coach", "2026-03-17"),
    ]


def test_a_key_to_the_marks_opening_the_lines__names_their_owners() -> None:
    notes = """
Key: 👤 = Dana, 🧑‍🏫 = me

👤 Write the safety story (1 page) – by Friday
🧑‍🏫 Send the SCARF summary
🧑‍🏫 Book the 3 remaining sessions
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("coach", None), ("coach", None)]


def test_actions_in_an_email_subject_line__are_read_one_per_part() -> None:
    notes = """Subject: Actions from today – Dana: send the Q1 hiring plan to Ruth by Fri; me: share the talk

Hi Dana,

Thanks for a good session today. No need to reply.

Sarah
"""
    assert found(notes) == [
        ("client", FRIDAY, "Send the Q1 hiring plan to Ruth"),
        ("coach", None, "Share the talk"),
    ]


def test_an_event_over_days__dates_the_weekday_before_and_after_it() -> None:
    notes = """
The leadership offsite is Thu 19 – Fri 20 March in Annecy.
- Send the pre-read to the attendees the Monday before the offsite
- Circulate the commitments the Monday after the offsite
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", "2026-03-16"), ("client", "2026-03-23")]


def test_passive_agreed_lines__the_doer_in_brackets_or_the_client_when_nobody_is_named() -> None:
    notes = """
Agreed:
- The announcement deck will be reviewed by Friday.
- The FAQ for line managers is to be drafted by Dana's comms lead, Terje, by 20 March.
- A one-pager on the Situational Leadership styles will be sent to her (by me) tomorrow.
"""
    assert found(notes) == [
        ("client", FRIDAY, "Review the announcement deck"),
        ("coach", "2026-03-04", "Send a one-pager on the Situational Leadership styles to her"),
    ]


def test_a_stretch_goal_is_tentative_and_a_stop_list_line_already_saying_no_is_not_stopped_twice() -> None:
    notes = """
Commitments
1. Journal every evening for two weeks
2. Stretch goal: read "Deep Work" before we meet again

What she's going to stop:
- no emails after 7pm on weekdays
- stop saying yes to every meeting she's cc'd into
"""
    drafted = items(notes)
    assert [(i.owner, i.tentative) for i in drafted] == [
        ("client", False),
        ("client", True),
        ("client", False),
        ("client", False),
    ]
    assert [i.description for i in drafted[2:]] == [
        "Stop emails after 7pm on weekdays",
        "Stop saying yes to every meeting she's cc'd into",
    ]


def test_a_day_of_the_month_in_words_and_a_day_the_month_lacks_are_dates() -> None:
    notes = """
- Dana will send the headcount case to Sam by the twelfth.
- She'll share the first draft on the second call.
- She'll write her reviews by 31 April.
- I'll send her the summary on the twenty-fourth.
"""
    assert found(notes) == [
        ("client", "2026-03-12", "Send the headcount case to Sam"),
        ("client", None, "Share the first draft on the second call"),
        ("client", "2026-04-30", "Write her reviews"),
        ("coach", "2026-03-24", "Send her the summary"),
    ]


def test_footnoted_dates_go_with_the_lines_their_marks_are_on() -> None:
    notes = """
Homework
1. List the three decisions she'd make differently¹
2. Ask Sam for a monthly 45 minutes on the budget²

For me: share the list of two CFOs she could shadow³.

¹ by our next session
² before Friday
³ end of next week
"""
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", "2026-03-17"),
        ("client", FRIDAY),
        ("coach", "2026-03-13"),
    ]


def test_a_recorder_transcript_by_initials_and_time__turns_are_the_speakers() -> None:
    notes = """
SC 00:00  Okay, recording. So, last time you said the board pack was eating your week.
DW 00:09  Yeah. Still is. I'm going to write a one-page template for the pack by Friday.
SC 00:31  Nice. And the exco thing?
DW 00:34  I'll raise the decision-rights question at exco on Monday. Probably. If the CEO's in the room.
SC 00:52  Great. From my side I'll send you the Eisenhower sheet.
"""
    drafted = items(notes)
    assert [(i.owner, i.due and i.due.isoformat(), i.tentative) for i in drafted] == [
        ("client", FRIDAY, False),
        ("client", MONDAY, True),
        ("coach", None, False),
    ]


def test_a_list_heading_with_its_deadline_dates_its_lines() -> None:
    notes = """
Next steps before our next session:
- Dana: share the draft OKRs with her VP
- Me: send the OKR scoring sheet
"""
    assert found(notes) == [
        ("client", "2026-03-17", "Share the draft OKRs with her VP"),
        ("coach", "2026-03-17", "Send the OKR scoring sheet"),
    ]


def test_tracker_ids_open_list_lines_and_a_topic_for_next_time_is_no_item() -> None:
    notes = """
Objective 1: make the platform team the one other teams ask for help
  KR1.1 Publish a self-serve onboarding guide by 13 March
  KR1.2 Internal NPS of 40 or more in the March survey

New:
ACT-17: Hold a career conversation with each of the three seniors
ACT-18: Decline the recurring vendor sync
ACT-19: (Sarah) send Dana the skill/will one-pager

Not ticketed: she might pair with Tiago on the hiring loop redesign – to discuss next time.
"""
    assert found(notes) == [
        ("client", "2026-03-13", "Publish a self-serve onboarding guide"),
        ("client", None, "Hold a career conversation with each of the three seniors"),
        ("client", None, "Decline the recurring vendor sync"),
        ("coach", None, "Send Dana the skill/will one-pager"),
    ]


def test_a_start_stop_continue_retro__start_and_stop_are_hers_continue_is_no_item() -> None:
    notes = """
Dana's retro on her first 100 days

START
- Running a monthly skip-level with the leads' reports
- Saying no in the meeting rather than afterwards

STOP
- Rewriting the leads' QBR decks

CONTINUE
- Friday wins post in the team channel
- Weekly 1:1s with each lead
"""
    assert found(notes) == [
        ("client", None, "Run a monthly skip-level with the leads' reports"),
        ("client", None, "Say no in the meeting rather than afterwards"),
        ("client", None, "Stop rewriting the leads' QBR decks"),
    ]


def test_a_mind_map_tree__arrow_leaves_are_actions_owned_by_their_branch() -> None:
    notes = """
DANA – 3.3.2026
  ├─ Team
  │   ├─ morale low after the re-org
  │   └─ → she'll run a "what's working" round at Friday's team meeting
  ├─ Boss (Sam)
  │   └─ → ask Sam for a 30-min "how we work" chat, next week
  └─ Me
      └─ → send the SCARF article
"""
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", FRIDAY),
        ("client", "2026-03-13"),
        ("coach", None),
    ]


def test_dates_and_the_writer_tag_in_japanese_korean_hindi_and_arabic_beside_english() -> None:
    notes = """
宿題 (homework):
- 来週の金曜日までに: give SBI feedback to Sam on the missed release
- 次回までに: read chapter 4 of the Radical Candor book
- Dana will talk to HR about backfilling the role – शुक्रवार तक
- she'll send Sam the agenda 다음 주 금요일까지

私 (me):
- send the SBI template – بكرة
"""
    assert found(notes) == [
        ("client", "2026-03-13", "Give SBI feedback to Sam on the missed release"),
        ("client", "2026-03-17", "Read chapter 4 of the Radical Candor book"),
        ("client", FRIDAY, "Talk to HR about backfilling the role"),
        ("client", "2026-03-13", "Send Sam the agenda"),
        ("coach", "2026-03-04", "Send the SBI template"),
    ]


def test_a_leave_dated_in_the_context_line_dates_before_it_and_after_the_return() -> None:
    notes = """
Context: Dana is on leave 9 March – 20 March; back from leave 23 March, will then pick up the hiring plan.

Next steps:
- Dana to brief Omar and Huda on the split before she goes on leave
- Dana: draft the hiring plan within two weeks of getting back
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", "2026-03-09"), ("client", "2026-04-06")]


def test_then_parts_two_dated_steps_and_a_restated_row_takes_its_new_date() -> None:
    notes = """
Review of open actions:

| # | Action | Owner | Status |
|---|---|---|---|
| 1 | Send the investor update draft to me for comments | Dana | Blocked – waiting for finance |

New today:
- Dana will chase finance for the Q3 numbers on Monday, then send me the investor update draft by Thursday.
"""
    assert found(notes) == [
        ("client", "2026-03-05", "Send the investor update draft to me for comments"),
        ("client", MONDAY, "Chase finance for the Q3 numbers"),
    ]


def test_next_session_then_bring_x_is_the_clients_item_due_then() -> None:
    notes = """
- I'll send her the summary of Kotter's first steps.
- Next session the seventeenth – she'll bring the draft town-hall agenda.
SC: next session – bring the 1:1 notes.
"""
    assert found(notes) == [
        ("coach", None, "Send her the summary of Kotter's first steps"),
        ("client", "2026-03-17", "Bring the draft town-hall agenda"),
        ("client", "2026-03-17", "Bring the 1:1 notes"),
    ]


def test_the_next_session_in_a_transcript_title_dates_an_answer_to_before_we_meet_again() -> None:
    notes = """
Loom – "Dana check-in" – 3 Mar 2026 – next session 17 Mar – auto-transcript

SC 00:42  And before we meet again?
DW 00:45  I'll have had the first skip-level with the ops team.
SC 00:52  Great. I'll send you the Eisenhower sheet.
"""
    drafted = draft_by_rules(NotesInput(notes, SESSION, "Dana Whitfield", "Sarah Cave", None)).action_items
    assert [(i.owner, i.due and i.due.isoformat(), i.description) for i in drafted] == [
        ("client", "2026-03-17", "Have the first skip-level with the ops team"),
        ("coach", None, "Send you the Eisenhower sheet"),
    ]


def test_an_item_answered_no_in_the_same_breath_and_an_intro_restated_with_its_date() -> None:
    notes = """
| Action | Owner | Status |
|---|---|---|
| Intro Dana to Priya (ex-CRO) | me | Open |

- I'll do the Priya intro tomorrow, sorry it slipped.
- I'll just check in with a short message on Friday? – no, she asked for no messages. Leaving it.
"""
    assert found(notes) == [("coach", "2026-03-04", "Introduce Dana to Priya")]


def test_from_me_two_things_joined_by_a_plus_are_two_things_sent() -> None:
    notes = """
Start / stop discussed.

From me: the Radical Candor chapter on "obnoxious aggression" + a short article on delegation.
"""
    assert found(notes) == [
        ("coach", None, 'Send Dana the Radical Candor chapter on "obnoxious aggression"'),
        ("coach", None, "Send Dana a short article on delegation"),
    ]


def test_he_and_she_in_the_notes_other_language_before_its_going_to() -> None:
    notes = """
Combinados:
- Ele vai escrever os valores da equipe antes da próxima sessão.
- Elle va appeler Marc d'ici vendredi.
- Eu vou enviar o material amanhã.
"""
    assert found(notes) == [
        ("client", "2026-03-17", "Escrever os valores da equipe"),
        ("client", FRIDAY, "Appeler Marc"),
        ("coach", "2026-03-04", "Enviar o material"),
    ]


def test_conversar_is_a_portuguese_verb_and_chinese_today_and_tomorrow_are_dates() -> None:
    notes = """
Actions:
- Dana vai conversar com a Fernanda sobre as metas.
- Me: send the RACI template 今天
- Me: share the deck 明天
"""
    assert found(notes) == [
        ("client", None, "Conversar com a Fernanda sobre as metas"),
        ("coach", "2026-03-03", "Send the RACI template"),
        ("coach", "2026-03-04", "Share the deck"),
    ]


def test_going_to_a_place_is_no_commitment_and_a_line_taken_back_is_no_item() -> None:
    notes = """
Dana told me she has resigned. She's going to a competitor, so garden leave is possible.
- Dana writes her handover doc by Friday
- Dana to return the 360 report licence – no, it expires anyway, ignore that
"""
    assert found(notes) == [("client", FRIDAY, "Write her handover doc")]


def test_the_clients_own_words_heading_makes_her_i_hers_until_a_rule_and_the_coachs_heading() -> None:
    notes = """
Dana's own words (she typed these into our shared doc):
I will book a 1:1 with each of my new leads by Friday.
I'll send Sarah my one-pager.
______________
Mine (Sarah):
- I'll send Dana the diagnostic
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("client", None), ("coach", None)]


def test_a_heading_over_the_questions_the_coach_will_ask_next_time_is_no_step() -> None:
    notes = """
Questions I'll ask her next time:
- What did she notice when she held back?
- Has she spoken to Mark about the budget yet?
"""
    assert found(notes) == []


def test_will_not_is_a_decision_not_to_act_as_wont_is() -> None:
    notes = """
Decisions
- She will not apply for the Lagos role this year.
Actions
- Dana: tell her manager she's withdrawing, by Friday
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY)]


def test_an_owner_column_of_email_addresses_names_who_each_is() -> None:
    notes = """
| Action | Owner | Due |
|---|---|---|
| Share the Q2 hiring plan with finance | dana@acme.com | Friday |
| Send the Feedforward guide | sarah.cave@cavecoaching.com | Monday |
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("coach", MONDAY)]


def test_once_she_confirms_and_whenever_she_gets_a_chance_say_when_not_what() -> None:
    notes = """
Actions
- Me: put the spring dates in the calendar once she confirms the Tuesday slot
- Dana: update her LinkedIn whenever she gets a chance – not urgent
"""
    assert found(notes) == [
        ("coach", None, "Put the spring dates in the calendar"),
        ("client", None, "Update her LinkedIn"),
    ]


def test_a_step_in_the_present_marked_urgent_or_asap_is_one_without_a_date() -> None:
    notes = """
URGENT: she emails the board chair about the audit report
- she calls legal about the contract ASAP
- she emails her old team now and then - not urgent
"""
    assert found(notes) == [
        ("client", None, "Email the board chair about the audit report"),
        ("client", None, "Call legal about the contract"),
    ]


def test_a_chapter_or_a_title_abbreviated_with_a_full_stop_ends_no_sentence() -> None:
    notes = """
Dana will read ch. 3–5 of The Fearless Organization by Friday.
She'll send the Q4 summary to Mr. Okafor on Monday.
"""
    assert found(notes) == [
        ("client", FRIDAY, "Read ch. 3–5 of The Fearless Organization"),
        ("client", MONDAY, "Send the Q4 summary to Mr. Okafor"),
    ]


def test_roman_numerals_number_a_list_of_owned_lines() -> None:
    notes = """
Actions:
ii. Dana – send the reforecast to the exec by Friday
iv. Me – write up the session notes by Monday
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("coach", MONDAY)]


def test_an_actions_heading_with_a_qualifier_after_a_comma_is_still_the_heading() -> None:
    notes = """
Present: Dana, Pieter, Aisha
Commitments, as read back at the close:
1. Pieter – reforecast with the three scenarios, to the exec by Friday 6th
2. Aisha – name a single owner for each project, next exec meeting (9 March)
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("client", MONDAY)]


def test_a_hyphenated_first_name_tags_its_line_with_a_dash_as_a_plain_one_does() -> None:
    notes = """
Team offsite. Present: Dana, Hye-jin, Femi
Actions:
- Hye-jin – draft the new team charter by Friday
- Femi – set up the customer council by Monday
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("client", MONDAY)]


def test_a_you_label_in_the_coachs_recap_email_is_the_clients() -> None:
    notes = """
Hi Dana,
As agreed today:
- You: draft the skip-level meeting plan and send it to me by Monday
- You: ask Derya for the engagement survey comments by Friday
- Me: send you the GROW question bank tomorrow
Best, Sarah
"""
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", MONDAY),
        ("client", FRIDAY),
        ("coach", "2026-03-04"),
    ]


def test_a_request_of_the_coach_that_she_turned_down_is_no_item() -> None:
    notes = """
She asked me to call her boss to explain her side – I said no: that's not my role.
She'll talk to him herself on Friday.
She wanted me to sit in on her team meeting next week – no, same reason.
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY)]


def test_a_meeting_assistants_footer_is_no_step_and_a_suggestion_marked_decided_against_is_none() -> None:
    notes = """
Suggested next steps
* Dana Whitfield will share her updated org chart with Sarah Cave by Friday.
* Dana Whitfield will email the CTO about the hiring freeze. ← no, she decided against this (SC)
* Sarah Cave will send Dana Whitfield the Skill/Will worksheet.

You should review Gemini's notes to make sure they're accurate. Get tips and learn how Gemini takes notes
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", FRIDAY), ("coach", None)]


def test_an_associates_write_up_opening_with_the_lead_coachs_name_and_a_dash_is_to_her() -> None:
    notes = """
Sarah – write-up from my session with Dana today, as you asked. Leila (associate)

Dana will hold a short team meeting on Friday.
I'll log the session hours on the portal tonight.
Could you let me know by Monday if you can join the next session?
Leila
"""
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", FRIDAY),
        ("associate", "2026-03-03"),
        ("coach", MONDAY),
    ]


def test_a_todo_marker_with_its_owner_in_brackets_inside_a_paragraph_marks_that_sentence() -> None:
    notes = """
She's running on empty. TODO(coach): send her the article on energy management. She was
quieter after that. TODO(client): block the Friday afternoons in her calendar today. We closed on the board.
"""
    assert found(notes) == [
        ("coach", None, "Send her the article on energy management"),
        ("client", "2026-03-03", "Block the Friday afternoons in her calendar"),
    ]


def test_a_line_naming_its_thing_then_a_percentage_done_is_what_it_stands_for() -> None:
    notes = """
Where things stand:
- Budget deck for the steering group: ~80%, she'll close it out Monday
- Hiring plan: 100%, sent to HR last week
"""
    assert found(notes) == [("client", MONDAY, "Close the budget deck for the steering group out")]


def test_both_of_us_to_read_in_a_one_to_one_is_an_item_each() -> None:
    notes = """
- Both of us to read The Fearless Organization by Friday
- both to try one 'no, but' this week
"""
    assert [(o, d) for o, d, _ in found(notes)] == [
        ("client", FRIDAY),
        ("coach", FRIDAY),
        ("client", FRIDAY),
        ("coach", FRIDAY),
    ]


def test_events_dated_with_a_short_weekday_anchor_the_week_after_and_the_morning_of_them() -> None:
    notes = """
Dates to remember: launch Wed 18 Mar; town hall on Fri. 27 Mar.
- She'll send the launch FAQ to sales the week after the launch
- I'll text her a good-luck note the morning of the launch
- She'll collect the staff questions two working days before the town hall
"""
    assert found(notes) == [
        ("client", "2026-03-27", "Send the launch FAQ to sales"),
        ("coach", "2026-03-18", "Text her a good-luck note"),
        ("client", "2026-03-25", "Collect the staff questions"),
    ]


def test_an_associate_named_with_her_grade_between_is_an_associate() -> None:
    notes = """
Shadowed today by Tom Reyes, junior associate.

Tom:
- listen back to the recording and mark the two questions that landed
"""
    assert found(notes) == [
        ("associate", None, "Listen back to the recording and mark the two questions that landed")
    ]


def test_a_subjectless_to_or_will_line_under_the_writers_heading_is_the_writers() -> None:
    notes = """
Dana:
- to draft the hiring brief by Friday

Me:
- to book the room for the team day
- will send her the 360 report on Monday
"""
    assert found(notes) == [
        ("client", FRIDAY, "Draft the hiring brief"),
        ("coach", None, "Book the room for the team day"),
        ("coach", MONDAY, "Send her the 360 report"),
    ]


def test_last_times_promises_quoted_then_how_they_went() -> None:
    notes = """
Looking back:
"I'll send the rota to the leads" – he did it on Monday.
"I'll have the pay conversation with Sam" – he hasn't; he'll do it by Thursday.
"I'll stop taking calls on the drive home" – done ✓
He said, "I'll raise the pricing question at the board" – not sure he will.
"""
    drafted = items(notes, client="Ben Carter")
    assert [(i.owner, i.due and i.due.isoformat(), i.description, i.tentative) for i in drafted] == [
        ("client", "2026-03-05", "Have the pay conversation with Sam", False),
        ("client", None, "Raise the pricing question at the board", True),
    ]


def test_quarters_and_halves_are_counted_in_the_fiscal_year_the_notes_state() -> None:
    notes = """
Their financial year starts in April.
- She'll sign off the pricing review by end of fiscal Q1
- She'll have the reorg settled by the end of H1
- I'll send her the benchmarking pack in Q3
"""
    assert found(notes) == [
        ("client", "2026-06-30", "Sign off the pricing review"),
        ("client", "2026-09-30", "Have the reorg settled"),
        ("coach", "2026-12-31", "Send her the benchmarking pack"),
    ]
    # with no fiscal year stated, the quarters are the calendar's
    assert found("- She'll sign off the pricing review by end of Q1") == [
        ("client", "2026-03-31", "Sign off the pricing review")
    ]


def test_a_raci_tables_r_column_is_who_does_the_row() -> None:
    notes = """
| Deliverable | R | A | C | I | When |
|---|---|---|---|---|---|
| Draft the onboarding checklist | Dana | Dana | HR | team | Friday |
| Book the vendor demos | Priya | Dana | IT | – | next week |
| Pull the engagement data together | Me | Dana | – | – | Monday |
"""
    assert found(notes) == [
        ("client", FRIDAY, "Draft the onboarding checklist"),
        ("coach", MONDAY, "Pull the engagement data together"),
    ]


def test_an_events_date_in_brackets_after_it_dates_before_it() -> None:
    notes = """
Prep for the product launch (20 March).
- She'll brief the support team before launch
"""
    assert found(notes) == [("client", "2026-03-20", "Brief the support team")]


def test_a_scanned_pages_recognition_slips_are_read_as_the_words() -> None:
    notes = """
[Scan of page 2]
- l'll email hirn the notes by Frlday
- she rnay ask her tearn for input
- l will book the rneeting room for Thursday
"""
    drafted = items(notes)
    assert [(i.owner, i.due and i.due.isoformat(), i.description, i.tentative) for i in drafted] == [
        ("coach", FRIDAY, "Email him the notes", False),
        ("client", None, "Ask her team for input", True),
        ("coach", "2026-03-05", "Book the meeting room", False),
    ]


def test_a_kind_of_day_named_in_quotes_is_no_date() -> None:
    notes = """
- She'll pilot the "no-email Fri" rule with her team
- She'll try a 'focus-time Tue' for a month
"""
    assert [(o, d) for o, d, _ in found(notes)] == [("client", None), ("client", None)]


def test_a_trello_checklist_named_for_next_steps_heads_its_boxes() -> None:
    notes = """
Checklist: Next steps (0/2)
[ ] Dana – coffee with each of her new peers – by Mar 12
[ ] Sarah – intro to the CFO peer group
"""
    assert found(notes) == [
        ("client", "2026-03-12", "Coffee with each of her new peers"),
        ("coach", None, "Intro to the CFO peer group"),
    ]


def test_a_documents_exported_comments_are_their_authors_words() -> None:
    notes = """
Comments on "Dana – 90-day plan"
Comment – Dana Whitfield, 3 Mar: I'll book the skip-levels by Friday.
Comment – Sarah Cave, 3 Mar: I'll share the skip-level question bank.
  _Assigned to Sarah Cave_
Comment – Dana Whitfield, 24 Feb: I'll draft the team charter.
  Marked as resolved
"""
    assert found(notes) == [
        ("client", FRIDAY, "Book the skip-levels"),
        ("coach", None, "Share the skip-level question bank"),
    ]


def test_actions_numbered_inside_a_paragraph_are_read_as_its_list_of_verbs() -> None:
    notes = """
Dana agreed: (1) she'll book the venue this week, (2) draft the agenda, and (3) invite the leads.
From me: (a) I'll send her the energiser ideas; (b) I'll check the budget line with her CFO.
"""
    assert found(notes) == [
        ("client", FRIDAY, "Book the venue"),
        ("client", None, "Draft the agenda"),
        ("client", None, "Invite the leads"),
        ("coach", None, "Send her the energiser ideas"),
        ("coach", None, "Check the budget line with her CFO"),
    ]


def test_a_short_heading_with_a_period_in_brackets_dates_its_list() -> None:
    notes = """
Today (this week)
- book the skip-levels
- tidy the team wiki

Later (next week)
- draft the offsite agenda
"""
    assert found(notes) == [
        ("client", FRIDAY, "Book the skip-levels"),
        ("client", FRIDAY, "Tidy the team wiki"),
        ("client", "2026-03-13", "Draft the offsite agenda"),
    ]


def test_a_day_and_month_joined_by_slashes_or_hyphens_with_a_year_is_that_date() -> None:
    notes = """
- Dana to send the hiring plan to Omar by 20/Mar/26
- Dana to book the offsite venue by 2-Apr-2026
"""
    assert found(notes) == [
        ("client", "2026-03-20", "Send the hiring plan to Omar"),
        ("client", "2026-04-02", "Book the offsite venue"),
    ]


def test_a_ticket_trackers_tickets_are_read_with_their_assignee_and_due_date() -> None:
    notes = """
OPS-7  Map the hand-offs between sales and delivery
Assignee: Dana Whitfield
Priority: High
Due date: 13/Mar/26
Status: In Progress

OPS-8  Send Dana the process-mapping guide
Reporter: Dana Whitfield
Assignee: Sarah Cave
Due: 05/Mar/26
Status: Open

OPS-5  Agree the pilot scope with the COO
Assignee: Dana Whitfield
Status: Closed
"""
    assert found(notes) == [
        ("client", "2026-03-13", "Map the hand-offs between sales and delivery"),
        ("coach", "2026-03-05", "Send Dana the process-mapping guide"),
    ]
