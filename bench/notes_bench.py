"""Session-notes drafter benchmark: action-item precision/recall on the evaluation set, and speed.

    .venv/bin/python -m bench.notes_bench        # prints and writes bench/RESULTS-notes.md

The evaluation set is tests/sessions/notes_eval/*.toml (raw notes with hand-written true action items);
the measure is bench/notes_measure.py. Notes 34-41, then 42-49, 50-55, 56-60, 61-64, 65-68, 69-72, 73-76,
77-80, 81-84, 85-88, 89-92 and each batch after them (to 216-225) were written after the rules had been
tuned on the notes before them and scored once before any rule saw them (89-92 were then left untouched:
a blind look at the rules as they are): those first looks are the honest estimate for notes never seen.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from automation.sessions.draft import ModelRef, NotesInput
from automation.sessions.rules_drafter import draft_by_rules
from bench.notes_measure import COACH, MODEL_CATALOG, Case, Score, load_cases, score_case

RESULTS = Path(__file__).with_name("RESULTS-notes.md")
# Measured once, before any rule change informed by them (see the module docstring).
HOLDOUT_FIRST_LOOKS = [
    {"notes": "34-41", "true items": 28, "precision": 0.67, "recall": 0.50},
    {"notes": "42-49", "true items": 27, "precision": 0.72, "recall": 0.67},
    {"notes": "50-55", "true items": 20, "precision": 0.86, "recall": 0.60},
    {"notes": "56-60", "true items": 16, "precision": 0.85, "recall": 0.69},
    {"notes": "61-64", "true items": 12, "precision": 0.88, "recall": 0.58},
    {"notes": "65-68", "true items": 12, "precision": 1.00, "recall": 0.67},
    {"notes": "69-72", "true items": 15, "precision": 0.92, "recall": 0.80},
    {"notes": "73-76", "true items": 11, "precision": 0.80, "recall": 0.73},
    {"notes": "77-80", "true items": 12, "precision": 0.89, "recall": 0.67},
    {"notes": "81-84", "true items": 11, "precision": 0.75, "recall": 0.55},
    {"notes": "85-88", "true items": 10, "precision": 1.00, "recall": 0.90},
    {"notes": "89-92", "true items": 13, "precision": 0.83, "recall": 0.77},  # no rule changed after it
    {"notes": "93-100", "true items": 29, "precision": 0.87, "recall": 0.45},
    # written after the rules that 93-100 informed, by the same hand, and scored once (no rule changed
    # after it except 'the notes from today' read as a due date): a weaker test than another writer's notes
    {"notes": "101-105", "true items": 14, "precision": 0.93, "recall": 0.93},
    {"notes": "106-110", "true items": 17, "precision": 0.91, "recall": 0.59},
    {"notes": "111-115", "true items": 14, "precision": 0.64, "recall": 0.50},
    {"notes": "116-120", "true items": 16, "precision": 0.81, "recall": 0.81},
    {"notes": "121-125", "true items": 12, "precision": 1.00, "recall": 0.83},
    {"notes": "126-135", "true items": 42, "precision": 0.79, "recall": 0.64},
    {"notes": "136-145", "true items": 42, "precision": 0.62, "recall": 0.48},
    {"notes": "146-155", "true items": 42, "precision": 0.67, "recall": 0.62},
    {"notes": "156-165", "true items": 44, "precision": 0.57, "recall": 0.48},
    {"notes": "166-175", "true items": 35, "precision": 0.92, "recall": 0.94},
    {"notes": "176-185", "true items": 49, "precision": 0.83, "recall": 0.61},
    {"notes": "186-195", "true items": 41, "precision": 0.73, "recall": 0.46},
    {"notes": "196-205", "true items": 32, "precision": 0.74, "recall": 0.81},
    # 206-209 were written for misses a probe had found (Spanish lines, a boss's quoted email, 'the 14th',
    # two owners on a line), 210-215 in styles the set lacked; all scored once before the rules changed
    {"notes": "206-215", "true items": 39, "precision": 0.71, "recall": 0.74},
    # 216-225 in styles and phrasings the set lacked (second person, a second-language coach, shorthand
    # dates, the coach's reflections, wrapped numbered lines, …), truth written and scored before any fix
    {"notes": "216-225", "true items": 45, "precision": 0.71, "recall": 0.76},
    # 226-235: phone dictation, a Topic|Insight|Next step table, delegation to the team, event-relative
    # deadlines, an embedded email draft, British/US 3/4, …; truth written and scored before any fix
    {"notes": "226-235", "true items": 40, "precision": 0.81, "recall": 0.65},
    # 236-243: UK/US/Indian/Australian business English (slipped items, emails drafted to send, 'her' naming
    # someone from the sentence before, 'Friday week', 'prepone'); truth written and scored before any fix
    {"notes": "236-243", "true items": 40, "precision": 0.74, "recall": 0.65},
    # 244-253: 'Coach:'/'Client:' labels, 'cl … ; me: …' shorthand, an agenda with 'Outcome:' lines, phone
    # typing, a co-founder pair by initials, a reflection, US 12/8 and UK 8/12, a declined offer, a pasted
    # Outlook thread with the COO's asks; truth written and scored before any fix
    {"notes": "244-253", "true items": 37, "precision": 0.71, "recall": 0.65},
    # 254-265: a group of three managers, 'Actions:'/'Parked:' by initials, conditionals, relative dates,
    # two verbs sharing a date, habits over a span, 'wants to try' vs 'keen to maybe try', an instruction
    # before the coach's promise, South African/Irish/Singaporean English, a session cut short; truth
    # written and scored before any fix
    {"notes": "254-265", "true items": 52, "precision": 0.91, "recall": 0.77},
    # 266-277: a Zoom transcript by speaker number, an associate's own notes, a ~900-word narrative, a
    # Who|What|When table, 'AP:'/'TODO:'/'f/u'/'->' lines, a non-native writer, German and Spanish mixed in,
    # planning dates, questions the client will answer, last session's statuses, a one-liner; truth written
    # and scored before any fix
    {"notes": "266-277", "true items": 58, "precision": 0.78, "recall": 0.78},
    # 278-289: keyword fragments, a difficult conversation naming boss, peer and reports, a past-tense review,
    # supervision points, deadline idioms, nested sub-steps, numbers, numbered goals, 'we', an associate's
    # email to the lead coach, Montréal French/English; truth written and scored before any fix
    {"notes": "278-289", "true items": 50, "precision": 0.69, "recall": 0.62},
    # 290-303: a voice memo without punctuation, second person, quoted client speech, numeric date forms,
    # times, negations and postponements, delegation, 'we'll both', habits, a narrative paragraph, [x]/[ ]
    # boxes, an associate's initials, an intake call, a review then new items; truth written before any run
    {"notes": "290-303", "true items": 58, "precision": 0.86, "recall": 0.62},
    # 304-317: task headers ('Homework:', 'Commitments:', 'AI:', 'Next steps ->'), seasonal dates, a Teams
    # paste with a signature, first name only, 'we agreed she'd', '(owner: X)' / '@name', conditionals,
    # items already done, three verbs in one sentence, a reflection, emoji bullets, the client's own emailed
    # recap; truth written before any run
    {"notes": "304-317", "true items": 54, "precision": 0.87, "recall": 0.76},
    # 318-331: texting typos ('wil', 'firday', 'b4'), a they/them client, passive voice, reported speech,
    # items as questions, numbered headings with sub-bullets, the coach's supervision notes, colleagues'
    # tasks, a run-on with two owners, dates counted from the session; truth written before any run
    {"notes": "318-331", "true items": 54, "precision": 0.60, "recall": 0.39},
    # 332-345: notes in the coaching models' templates (GROW with 'Will:' / 'Way forward:', OSKAR, CLEAR,
    # FUEL, Reflection / Insight / Action, Wins / Challenges / Commitments), a formal report, a 360 debrief,
    # team tasks vs the client's, US and UK dates, a mentor's advice not taken up; truth written before any
    # run (343's 'in March' then made undated, as the set reads 'in <month>' elsewhere: 0.87 / 0.91 with it)
    {"notes": "332-345", "true items": 44, "precision": 0.85, "recall": 0.89},
    # 346-359: past-tense promises, priority markers ('!!', 'P1', 'HIGH:'), deadline words ('no later than',
    # 'between Tuesday and Thursday'), goals that are not tasks, a cut-short session, the boss's asks, coach
    # admin, a third-person pair session, 'Action - Owner - Due' lines, items written twice; truth first
    {"notes": "346-359", "true items": 56, "precision": 0.85, "recall": 0.70},
    # 360-373: a Notion | Action | Owner | Due | table, a 'Parking lot (not this time)', percentages, money,
    # cadences, a follow-up's done / not done, '[ ]' / '[x]', 'we agreed I'd', loose dates, the client's
    # verbatim quotes, two lines, colleagues' 'Name - task' lines, advice turned down, TBC / maybe / if time,
    # UK English; truth written before any run
    {"notes": "360-373", "true items": 56, "precision": 0.81, "recall": 0.89},
    # 374-387: a team session, questions for next time, '[10:05]' stamps, 'Coach:'/'Sam:' turns, US '3/27'
    # and 'COB Tuesday', Indian English, sub-bullets under '* Li', waits ('once …, after …'), the client
    # delegating, a supervision note, gerund items, heavy shorthand, items mid-paragraph, a book's advice;
    # truth written before any run (as written then: 50 items; 52 once read as the set reads team
    # sessions and 'before / to the next session', 0.80 / 0.71 at first look)
    {"notes": "374-387", "true items": 50, "precision": 0.72, "recall": 0.66},
    # 388-401: dictation without punctuation, the coach's private reflections, 'experiment' / 'practice'
    # framing, channels ('on Slack'), 'this' vs 'next Thursday' and 'Thurs wk', a chemistry call, Australian
    # English, 'she and her COO', a future-tense plan, a client's email with '> On … wrote:' history, '[JS]'
    # owners at the end, a client in crisis, 'before we speak again', struck lines; truth written first
    {"notes": "388-401", "true items": 48, "precision": 0.76, "recall": 0.67},
    # 402-415: the client's voice under 'Client's commitments', lines wrapped to the margin, clock times,
    # a CEO's board, '1a.' sub-items, 'accountable for', items called off later, next steps over a
    # narrative, event-anchored dates, a doubted deadline, lowercase, German / Spanish with English
    # verbs, a contents line; truth written first
    {"notes": "402-415", "true items": 46, "precision": 0.70, "recall": 0.65},
    # 416-429: a mind-dump of items and observations, subjectless 'Need to …', 'she's going to think about',
    # 'Homework: none', two sessions pasted under dates, 'by her 1:1 with the CEO', options and the one
    # chosen, URLs / emails, Scottish / Irish English, Portuguese-English, emoji status, 'Coach to:' /
    # 'Client to:' / 'Both to:', 'Follow-ups (mine)', 'she asked me to'; truth written first
    {"notes": "416-429", "true items": 45, "precision": 0.85, "recall": 0.78},
    # 430-443: clients named Will / Hope / Grace / Bill, 'he' for a client and his boss, 'at 9' / '9ish',
    # quantities, an ownerless imperative 'Actions' list, French verbs, the coach's availability, a
    # re-dated item, the client's emailed reply, what she won't do, 'owner: TBD'; truth written first
    {"notes": "430-443", "true items": 46, "precision": 0.86, "recall": 0.70},
    # 444-457: Dutch / Portuguese verbs, the client's '>' reply, third parties' asks, soft intentions, 'I
    # need to stop …', a crisis call, items after 'and', an associate's note, team members by first name,
    # month-end relative dates, a headerless pipe table, UK and US dates, 'On me:'; truth written first
    {"notes": "444-457", "true items": 51, "precision": 0.79, "recall": 0.53},
    # 458-471: homework the client set herself in quotes, 'I suggested … and she agreed', outcomes after
    # their date, a message to the client, 'AP:' / 'A/I:' / 'TODO(@sam):', a rambling paragraph, a co-coach,
    # 'EOM' / 'COB Thu' / 'w/c 11th', a boss's promises, last items' status, typos, Norwegian / Swedish, no
    # items; truth written first
    {"notes": "458-471", "true items": 46, "precision": 0.74, "recall": 0.63},
    # 472-485: an exec offsite's commitments, themes/insights with one buried item, a career move, founder
    # jargon, dictated 'full stop', 'So: X, Y and Z by next time', a recap email's 'Before we meet, you'll:',
    # (i)/(ii)/(iii), a joint 'together', the coach's intros, Polish, bare ordinals, a cancelled session,
    # 'no actions this time' then some; truth written first
    {"notes": "472-485", "true items": 50, "precision": 0.79, "recall": 0.66},
    # 486-499: an associate's note for the lead coach's supervision, 'run it by' before deciding, dates
    # counted from another event, check-out questions answered 'Yes - by Friday', '->' lines, a head
    # teacher and the council, terse fragments, the coach's 'might', Turkish, a smaller yes after a no,
    # times of day, 'Homework' with sub-steps, habits, markdown; truth written first
    {"notes": "486-499", "true items": 59, "precision": 0.74, "recall": 0.66},
    # 500-513: a team session's members, emoji and '[her]' / '[both]' owners, carry-overs, unpunctuated
    # voice, an 880-word narrative, her team's and her report's deadlines, 'cc me' / 'ping me', holiday
    # and quarter dates, past-tense 'Agreed she would', Hinglish, a parking lot beside a table, a P.S.,
    # an app's GROW export; truth written first
    {"notes": "500-513", "true items": 56, "precision": 0.89, "recall": 0.71},
    # 514-527: the writer correcting a date, P1/P2 lines and 'Mine:', 'by our next session' with the date
    # written above, an announcement only if the CEO agrees, British shorthand, a URL, unbulleted 'Client
    # will:' / 'I will:' blocks, an agenda above the actions, 'won't do any more', German, an associate's
    # initials for everyone, a three-way to set up, a one-line note, '(Mon) call X'; truth written first
    {"notes": "514-527", "true items": 54, "precision": 0.75, "recall": 0.67},
    # 528-541: check-out questions answered under each, a coaching agreement's dated goals, a 360 debrief,
    # French and Spanish mixed in, a mentor's letter, a Slack paste, an associate's handover to the lead,
    # numbered '[x]' / '[ ]' commitments, a week-by-week plan, relative dates, third parties' tasks, a cohort
    # session, no actions by choice; truth written first
    {"notes": "528-541", "true items": 58, "precision": 0.67, "recall": 0.48},
    # 542-555: a Zoom AI summary, phone emoji and autocorrect, spoken punctuation, Italian, US MM/DD, 'by COP'
    # / 'EOW next week' / 'end of H1', a supervisor's review of an associate's session, last actions' done /
    # not done, the client setting the coach homework, a What | Who | By when table with dotted dates,
    # strikethrough edits, owners on parent bullets, a final session with no actions, a session then an
    # update call; truth written first
    {"notes": "542-555", "true items": 61, "precision": 0.73, "recall": 0.66},
    # 556-569: an Otter transcript, Portuguese and Dutch mixed in, the coach's reply quoting the client's
    # '> ' list, numbered commitments with lettered sub-points, a second-person recap, a team-coaching day,
    # a reflective journal, a review of last time's items, a WhatsApp export, a bullet journal, a Teams
    # Copilot recap, US clock deadlines, no actions; truth written first (as written then: 60 items; 63
    # once 562 was read as the set reads team sessions, 0.76 / 0.67 at first look)
    {"notes": "556-569", "true items": 60, "precision": 0.71, "recall": 0.65},
    # 570-583: tablet typing without punctuation, '→' / '∴' / 'w/' / '@Fri' shorthand, the client's words in
    # quotes, Hinglish, Polish, a template with blanks and 'who / what / by when' rows, questions to answer,
    # 90-day goals vs first steps, a parking lot and a task declined, a cancelled session, 'tmrw' / 'Weds
    # wk' / 'nxt wk', a supervisor's [SC: …] comments, 'we' items, a 1,600-word narrative; truth written
    # first (as written then: 51 items; 52 once 574's Polish kept the note's words and 583's maybe was an
    # item, 0.62 / 0.63 at first look)
    {"notes": "570-583", "true items": 51, "precision": 0.60, "recall": 0.63},
    # 584-597: an EA's scheduling lines, Insights / Commitments / Support needed, a coaching app's GROW
    # export with Action / Owner / Due fields, Turkish-English, the coach's own development homework, the
    # client by initials, all-conditional items, event-anchored dates and ranges, a KPI table, an associates'
    # handover, emoji status, a P.S. holding the only action, ALL CAPS, restarting numbers; truth written
    # first
    {"notes": "584-597", "true items": 62, "precision": 0.67, "recall": 0.60},
    # 598-611: car dictation with 'um' and words said twice, the coach's reflections in the client's list,
    # three-way contracting with her manager, a group module's homework for all participants, 'KW 14' and
    # 'by 5pm', no actions after a bereavement, a scrapped action, delegation to her team, URGENT / ASAP /
    # 'Remember to', an Oxford-comma sentence of three actions, Greek, markdown links, actions first, bare
    # imperatives; truth written first
    {"notes": "598-611", "true items": 52, "precision": 0.70, "recall": 0.58},
    # 612-625: Hinglish with the verb last, an object named two sentences back, texts that move a deadline,
    # 'within the next week' / 'end of Q' / 'before she goes on leave', an associate's prep for supervision,
    # a letter to the client, a pipe table with German owners, a [00:41:02] transcript with crosstalk, the
    # client's own first-person shared doc, quantities and recurrences, TBC / n/a dates, Malay with no
    # actions, a running list with '(new)' markers, struck-through done items; truth written first
    {"notes": "612-625", "true items": 66, "precision": 0.54, "recall": 0.50},
    # 626-639: a dialogue agreeing actions in Q/A, 'Agreed:' lines in the passive, the coach in the third
    # person, a chemistry call whose only action is the proposal, all French, durations and a stretch goal,
    # 'by our next session' dated only by the last line, negative commitments, an Outlook invite header with
    # no actions, a CSV export, emoji owners with a key, a team of four, dates anchored on a dated offsite,
    # actions only in an email's subject line; truth written first
    {"notes": "626-639", "true items": 59, "precision": 0.56, "recall": 0.47},
    # 640-653: a voice memo full of fillers, a Start / Stop / Continue retro, OKRs whose key results are
    # tasks, the coach's 'Your next steps:' email, Japanese, Hindi (Devanagari) and Korean beside English (the
    # Korean with no actions), dates in words and an impossible '31 Nov', a Sunday session's status table,
    # ticket ids, a mind-map tree, options of which she picked one with a dated leave, footnoted dates, a
    # Loom transcript by initials; truth written first (the lowest first look so far)
    {"notes": "640-653", "true items": 61, "precision": 0.39, "recall": 0.28},
    # 654-667: a phone's autocorrect ('hid boss', 'by Firday'), the client's own first-person lines over the
    # coach's below a rule, all Brazilian Portuguese, Chinese beside English, a contract renewal's admin,
    # 24h and 12h times, '1.a' nesting, Decisions apart from Actions, only questions for next time, an Owner
    # column of email addresses, a walk-and-talk's bracketed actions, ASAP / urgent / whenever, a
    # resignation's exit steps, 'we (me, that is)' with one action written twice; truth written first
    {"notes": "654-667", "true items": 49, "precision": 0.58, "recall": 0.57},
    # 668-681: a Google Meet Gemini export with struck and refused suggestions, an associate writing to the
    # lead coach, 'TODO(coach):' inside prose, progress percentages, Diwali / Chinese New Year and chained
    # dates, 'Both of us to read' with chapter ranges, requests the coach turned down, a six-owner offsite in
    # roman numerals, an email chain whose newest reply moves a deadline, a Notion checklist with '~~Fri~~
    # Mon', nicknames and '!!', Vietnamese beside English, 'no actions this time' with one hidden and a
    # P.P.S., a Scots transcript with 'I'll try to' against 'I will'; truth written first
    {"notes": "668-681", "true items": 64, "precision": 0.70, "recall": 0.59},
    # 682-695: a plan in the future tense, 'Still open from 17 Mar:' carry-overs, (1)/(a)/(i) numbered
    # inside paragraphs, a July-June fiscal year, a trainee associate supervised, deadlines counted from a
    # board and an all-staff, three co-founders in prose, Google Docs comments, a voice memo wholly in
    # German, a Trello card, last time's actions quoted, a pre-mortem, a RACI table, an OCR'd page; truth
    # written first
    {"notes": "682-695", "true items": 77, "precision": 0.58, "recall": 0.49},
    # 696-709: Jira-like tickets with 'Assignee:' and 'Due date: 18/Apr/28', a group chat with emoji
    # reactions, 'EOW' / 'EOQ' / 'before the 1:1' / 'in a fortnight', dictated ordinals ('by the fifteenth'),
    # nested conditions, a rambling transcript with one action at its end, a bullet journal's '>' and '<',
    # a second person the coach also coaches, confidence scores out of 10, a parking lot, inline email
    # answers, a decision log table, NOW / NEXT / LATER, texts moving dates; truth written first
    {"notes": "696-709", "true items": 60, "precision": 0.62, "recall": 0.60},
]


def notes_input(case: Case) -> NotesInput:
    return NotesInput(
        raw_notes=case.notes,
        session_date=case.session_date,
        client_name=case.client,
        coach_name=COACH,
        next_session=case.next_session,
        models=tuple(ModelRef(m) for m in MODEL_CATALOG),
        time_zone=case.time_zone,
    )


def evaluate(cases: list[Case]) -> tuple[Score, dict[str, Score], int, int]:
    """Overall score, score per style, and model links right / total notes."""
    total = Score()
    by_style: dict[str, Score] = defaultdict(Score)
    models_right = 0
    for case in cases:
        draft = draft_by_rules(notes_input(case))
        items = [i.model_dump(mode="json") for i in draft.action_items]
        score_case(case, items, total)
        score_case(case, items, by_style[re.sub(r"^holdout[^:]*: ", "", case.style.split(",")[0])])
        models_right += set(draft.leadership_models) == set(case.models_used)
    return total, dict(by_style), models_right, len(cases)


def speed(cases: list[Case], rounds: int = 5) -> tuple[float, float]:
    """Median and worst milliseconds per note."""
    times = []
    for _ in range(rounds):
        for case in cases:
            t0 = time.perf_counter()
            draft_by_rules(notes_input(case))
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    cases = load_cases()
    total, by_style, models_right, n = evaluate(cases)
    med, worst = speed(cases)
    lines = [
        "# Session notes drafter: results",
        "",
        "Deterministic (rules) drafter on the evaluation set `tests/sessions/notes_eval/` "
        f"({n} notes, {total.true_items} true action items). A match needs the right description "
        "(Dice ≥ 0.5 on content words), owner and due date (`bench/notes_measure.py`).",
        "",
        "| measure | value |",
        "|---|---|",
        f"| precision | {total.precision:.2f} ({total.matched}/{total.predicted}) |",
        f"| recall | {total.recall:.2f} ({total.matched}/{total.true_items}) |",
        f"| tentative flag right, of matched | {total.tentative_right}/{total.matched} |",
        f"| leadership models exactly right | {models_right}/{n} notes |",
        f"| drafter speed | median {med:.1f} ms, worst {worst:.1f} ms per note |",
        "",
        "Notes never seen by the rules (held out, scored once before any rule change they informed):",
        "",
        *[
            f"* notes {h['notes']}: precision {h['precision']:.2f}, recall {h['recall']:.2f} "
            f"({h['true items']} items)"
            for h in HOLDOUT_FIRST_LOOKS
        ],
        "",
        "2026-12-06, holdout 27: on the 205 notes before it the rules went from 658 of 698 drafted / 718 "
        "true (0.94 / 0.92) to 659 / 697 / 718 (0.95 / 0.92); notes 206-215 from 0.71 / 0.74 at first look "
        "to 0.97 / 0.92.",
        "",
        "2026-12-06, holdout 28: on the 215 notes before it the rules went from 695 of 734 drafted / 757 "
        "true (0.95 / 0.92) to 695 / 733 / 757 (0.95 / 0.92); notes 216-225 from 0.71 / 0.76 (34 of 48 / 45) "
        "at first look to 1.00 / 0.93 (42 of 42 / 45).",
        "",
        "2026-12-06, holdout 29: on the 225 notes before it the rules went from 737 of 775 drafted / 802 "
        "true (0.95 / 0.92) to 737 / 775 / 802 (unchanged); notes 226-235 from 0.81 / 0.65 (26 of 32 / 40) "
        "at first look to 0.81 / 0.65 (26 of 32 / 40): 'the Monday after the board' and an event dated "
        "without 'on' ('board meeting Wednesday 2 Feb') now give a date, which also dated a '- I'll hold a "
        "slot' clause after 'the week before the board'. Left open: a Topic | Insight | Next step table, "
        "'From me: a short article', 'send you X with this email' undated, 'slips to March', and run-on "
        "dictation's 'by friday i said'.",
        "",
        "2026-12-06, holdout 29 fixes: on the 225 notes before it 737 of 775 drafted / 802 true (unchanged); "
        "notes 226-235 from 0.81 / 0.65 (26 of 32 / 40) to 0.91 / 0.75 (30 of 33 / 40): a Topic | Insight | "
        "Next step table gives one action per row's next step ('next week's meetings' no due date), run-on "
        "dictation's 'by friday i said' dates the clause it closes, and 'Her PA will …' is the PA's. An "
        "ambiguous 3/4 the notes do not settle is now read by the business's time zone (`time_zone` in a "
        "note's toml; 232/233 already settled by their other dates). Left open: 'book our next session for 3 "
        "February' (the set dates 'book a debrief for Thursday' by the event), 'From me: a short article', "
        "'send you X with this email', 'slips to March', 'he also wants to ask his boss', and '- I'll hold "
        "a slot' dated by the board.",
        "",
        "2026-12-06, holdouts 27-29 remaining misses: on all 235 notes from 767 of 808 drafted / 842 true "
        "(0.95 / 0.91, tentative right 761) to 769 / 809 / 842 (0.95 / 0.91, tentative right 763); notes "
        "226-235 from 30 of 33 / 40 to 32 of 34 / 40. 'He'll try the GROW model' is firm (only 'try to …' "
        "hedges; note 94's 'he'll try it with two directs' is tentative in the set, so it now counts one "
        "wrong and 221 one right); a trailing ', he is very tired' leaves the description; 'send you X with "
        "this email' is due the session day; 'From me: a short article …' on a line of its own is the "
        "coach's item to send it. Left open: 'the budget one slips to March' (a status report: 'Finish X' "
        "from 'X slips to <month>' guesses the verb), 'Email to send him tonight:' above a draft as the "
        "coach's item (keyed to this one shape), '- I'll hold a slot' dated by the clause before it, and "
        "'she'll ask her on Monday' (who 'her' is and what to ask sit in the clause before: coreference "
        "across clauses).",
        "",
        "2026-12-06, holdout 30 and the known misses: the set now says what 'an item's due date is when its "
        "owner must have done it' means where it disagreed with itself: 'book X for <day>' is due that day "
        "(234 changed to agree with 36, 62 and 186) and 'he'll try X' is firm, only 'try to …' hedges (94 "
        "changed to agree with 157 and 221). On those 235 notes the rules went from 770 of 809 drafted / 842 "
        "true (0.95 / 0.91, tentative right 765; 769 / 809 and 763 before the two corrections) to 774 / 812 "
        "/ 842 (0.95 / 0.92, tentative right 769); notes 236-243 from 0.74 / 0.65 (26 of 35 / 40) at first "
        "look to 0.79 / 0.75 (30 of 38 / 40). Fixed: 'X slips to April / next month' is the client's 'Finish "
        "X' due that month's end; a date before ' - ' does not date the next clause ('… before the board - "
        "I'll hold a slot'); 'her'/'him' in the client's own action names the person the line named before "
        "('she'll call her' -> 'Call Tanya'), and 'she'll ask her' about someone new is its own item; an "
        "email drafted under a heading ('Email to send him tonight:') is the coach's item to send it. Left "
        "open: 'Rehearse X with me …' before ' - I'll …' (an imperative with no subject ahead of a "
        "commitment), 'and ask her …' not sharing the first verb's date, 'do the needful', 'flick it "
        "through this arvo', 'try it on Monday mornings for the next month' (a duration read as a date), "
        "'ahead of the away day' (an event dated only by a booking), 'I'll send it today' whose 'it' is the "
        "other speaker's offer, and 'For me: pop X in an email to her' (keyed to one phrasing).",
        "",
        "2026-12-06, holdout 31: on the 243 notes before it the rules went from 804 of 850 drafted / 882 "
        "true (0.95 / 0.91, tentative right 799) to 806 / 850 / 882 (0.95 / 0.91, tentative right 800); "
        "notes 244-253 from 0.71 / 0.65 (24 of 34 / 37) at first look to 0.86 / 0.84 (31 of 36 / 37). "
        "Fixed: what a pasted email asks of the client ('Can you send me …?', 'Please …', 'I'd like you "
        "to …', 'I'll need X by …') is her tentative item, sent to the sender by name, unless she agreed "
        "another way 'instead of' it (the README said so; none was drafted), and an email pasted without "
        "'>' ends at its sender's sign-off ('Helen', 'Thanks, Owen'); an owner tag after ';' starts "
        "another owner's action ('cl to draft X by fri; me: intro to CFO'); 'book X for 1/10' is due that "
        "day; 'she'd rather not' is a no; a date in a clause the action waits on ('once she sends them on "
        "Monday') is not the action's; 'she feels she has to …' is a belief (also two old false alarms, "
        "126 and 198); a joint session's co-client named in full is tagged by initials ('DP:'). Left "
        "open: 'book an hour with him this week and walk him through X' (one item with a purpose, read as "
        "two), 'I'll tell her on Thursday' folded into the handover before it, 'use SBI and hold the "
        "conversation' (a method read as its own item), 'once she sends them on Monday' as the client's "
        "item (a subordinate clause, not a commitment the rules can tell from one), phone typing's 'also "
        "meeting w his boss next wk' (no subject or modal), 'he wants to try X' (the set reads 'wants to' "
        "as a wish, not an item), and 'Something for me to sit with: …' taken for the coach's item.",
        "",
        "2026-12-06, holdout 34: on the 253 notes before it the rules went from 837 of 886 drafted / 919 "
        "true (0.94 / 0.91, tentative right 831) to 845 / 892 / 919 (0.95 / 0.92, tentative right 839); "
        "notes 254-265 from 0.91 / 0.77 (40 of 44 / 52) at first look to 0.94 / 0.92 (48 of 51 / 52). "
        "Fixed: a list line under a person's name that starts '- to …' or '- going to …' is that list's "
        "action (a group session's per-person lists); an instruction before '- I'll …' ('Rehearse the "
        "pitch with me - I'll hold a slot') is an item beside the coach's promise (230's rehearsal too); "
        "'meet Raj and ask him …' is one action with its date (239 too); 'he wants to try / ask / talk "
        "…' is his item, as the set already read it (158, 226, 247, 154, 156), but not 'wants to sit "
        "with it' nor '…, but wants to run it past her boss'; 'she wants me to send her X' is the "
        "writer's (204 too); 'on Monday mornings for the next month' is a habit, not next Monday (240 "
        "too); 'the week before the board' is a span, not the board's date; unpunctuated dictation's "
        "'next session is the 25th' does not date the action before it. Left open: 'just now' and "
        "'now-now' (South African 'soon') as today, since the set reads 'asap' as no date and a dialect "
        "word list would be keyed to these notes; 'Budget reforecast to finance by EOM' (a verbless line: "
        "'Send' would be a guess); '- will send tonight' after a dash not dating the item before it; "
        "'reset Friday's targets' dating the call by the targets' day; and 265's Feedforward linked "
        "though the session never got to it (the notes name the model for the prep questions).",
        "",
        "2026-12-06, holdout 35: on the 265 notes before it the rules went from 893 of 943 drafted / 971 "
        "true (0.95 / 0.92, tentative right 887) to 894 / 943 / 971 (tentative right 888: 264's '- will "
        "send tonight' now dates its item); notes 266-277 from 0.78 / 0.78 (45 of 58 / 58) at first look "
        "to 0.93 / 0.91 (53 of 57 / 58); all 277 notes 947 of 1000 drafted / 1029 true (0.95 / 0.92). "
        "Fixed: 'TODO: me - find …' tags its owner after the marker; a prose line opening 'f/u w/ <client> "
        "re …' is the coach's follow-up; 'she'd rather do X than Y' (a preference) and 'said she would "
        "need to think about …' (what it would take) are no items; ', though she was not sure' and 'and "
        "see what happens' trail off the action; 'next quarter' is due at its last day and 'by mid-month' "
        "the 15th; 'roll out', 'recruit', 'negotiate', 'onboard' start a list line's action; 'let me know "
        "if she wants me to X' is not the writer's task; 'she'll think about that' after a question thinks "
        "about the question; 'Whether to X - she'll decide …' decides whether to X; a call's 'can you hear "
        "me okay?' is no request; ', I don't know,' and 'eh' are fillers; 'X - will check with her this "
        "week' dates X; a tag question (', right?') does not hedge. 274's 'think about' item was made "
        "tentative to agree with every other 'think about' item of the set. Left open: 'talk to her' read "
        "as the man named just before in a crosstalk (telling Meera from Karl needs gender or a parse), "
        "German and Spanish words ('bis Ende Mai', 'Ich schicke ihm', ', damit wir …', 'con finanzas': a "
        "word list per language would be keyed to these notes), 'the budget I have to close before the "
        "31st' (a fronted object the rules read as a relative clause, as in 'the feedback you owe your "
        "leads'), and 'I said I would think about whether anyone in my network …, but nothing concrete "
        "came of that' (a promise withdrawn in its own sentence).",
        "",
        "2026-12-06, holdout 36: on the 277 notes before it the rules went from 947 of 1000 drafted / "
        "1029 true (0.95 / 0.92, tentative right 940) to 952 / 1003 / 1029 (0.95 / 0.93, tentative right "
        "945: 164's and 266's 'them' after 'the 1:1s', and 187's and 220's verbless dated lines, now "
        "match); notes 278-289 from 0.69 / 0.62 (31 of 45 / 50) at first look to 0.92 / 0.88 (44 of 48 / "
        "50); all 289 notes 996 of 1051 drafted / 1079 true (0.95 / 0.92). Fixed: shorthand that ends on "
        "a deadline ('budget - CFO - fri', 'skip-levels … - before month end', 'chair 1:1 -> before AGM "
        "(15th)', 'team 360 -> launch wk of 10th') is the client's, unless it says what happens ('new COO "
        "starts Mon'), names an event on its day or waits for the next session; a list under a goals "
        "heading gives no items; an associate's email to the lead coach ('Hi Sarah, … Thanks, Leo') has "
        "the associate's 'I' and the lead's 'you'; 'Margaret has already said she'll …' is Margaret's; "
        "'before that, talk to …' is the step; 'Didn't get to the 1:1s - will do them next week' is the "
        "client's carried-over item; 'this side of Christmas', 'by March' (its last day), 'the following "
        "Monday' after a dated event ('ahead of the AGM on the 9th'), and a quoted '\"first 90 days\"' or "
        "'3 weeks back' no date. Left open: French ('va préparer … d'ici vendredi', 'moi:', 'demain', 'la "
        "semaine prochaine': a word list per language, as for German and Spanish in holdout 35), 'raise "
        "it with Margaret …, and ask for her help rather than a ruling' drafted as two items (the set "
        "splits 'X, and Y'; telling a purpose from a second step needs a parse), 'a proper day off this "
        "side of Christmas' and dateless fragments ('ops report -> Karim? (trial, maybe)', 'CEO feedback "
        "-> SBI, prep w/ me first'), where a verb would be a guess and nothing tells a thing to do from a "
        "topic.",
        "",
        "2026-12-06, holdout 37: on the 289 notes before it the rules went from 996 of 1051 drafted / "
        "1079 true (0.95 / 0.92, tentative right 989) to 996 / 1051 / 1079 (unchanged); notes 290-303 "
        "from 0.86 / 0.62 (36 of 42 / 58) at first look to 1.00 / 0.84 (49 of 49 / 58); all 303 notes "
        "1045 of 1100 drafted / 1137 true (0.95 / 0.92). Fixed: unpunctuated dictation's 'no actions "
        "there' is said of one topic, not of the whole memo (it dropped every item), and 'we talked "
        "about …' starts a new thought; a sentence that is only the client's quoted words ('\"I'll call "
        "Tom,\" she said, \"and ask him …\"') is hers, and 'it' after a quoted request ('Can you send me "
        "that article?' - 'I'll send it') is the thing asked for; a bare 'the week' ('review the week') "
        "and 'her first 100 days' are no dates; 'He will, though, meet …' is a commitment; 'it' is the "
        "thing its own sentence opens on ('The budget talk is postponed; he'll prepare for it'); 'we'll "
        "both read X' is the client's item and the writer's. Left open: 'You agreed to write X by the "
        "end of the week, and to share them with Amira at your Monday 1:1' (the second infinitive after "
        "a dated first is dropped), 'Maybe I'll raise it, maybe not' quoted after a colon with no 'she "
        "said', 'won't send X until legal signs off' (a deferral the negation drops: telling it from a "
        "refusal needs more than the words), 'is going to write a charter before the end of the month "
        "and test it … first' kept as one item, '… owes the union rep a reply and will send it on "
        "Friday', 'JK: send …' where JK is only 'covering for SC', and a transcript's 'I want to start "
        "each morning with …' / 'From Monday' and 'let's both do that' (the item is in the other "
        "speaker's question); 290's lowercase 'scarf' is not linked to the SCARF Model.",
        "",
        "2026-12-06, holdout 38: on the 303 notes before it the rules went from 1045 of 1100 drafted / "
        "1137 true (0.95 / 0.92, tentative right 1037) to 1045 / 1100 / 1137 (unchanged); notes 304-317 "
        "from 0.87 / 0.76 (41 of 47 / 54, tentative right 40) at first look to 1.00 / 1.00 (54 of 54 / "
        "54); all 317 notes 1099 of 1154 drafted / 1191 true (0.95 / 0.92). The after figure is not an "
        "estimate for unseen notes: every fix was made with these notes in view. Fixed: '(owner: Dev)' "
        "and '@Sarah' on a list line name the owner; 'she'll cancel X, move Y, and ask Z by Tuesday' is "
        "three items, the date the last one's (not 'read, book, and send the deck'); 'Despite the merger "
        "she will …' and 'After the offsite she'll …' are commitments (read as a relative clause, as in "
        "'the report she has to write'); a closing signature (a full name, then a title and a phone) "
        "gives no item; 'wants to block / schedule / set up …' counts as 'wants to book' does; 'Should "
        "the review come back clean, she'll …' is tentative; 'and you were going to send me X' in the "
        "client's recap is the coach's; 'For next time: bring X' is the client's, due at the next "
        "session; 'hold off', 'hold fire', 'sit tight' are no items; 'before that meeting' takes the "
        "date of the meeting the sentence before dated. Left open: 'Send me the facilitation guide' keeps "
        "the client's 'me' rather than her name, and the seasonal dates, task headers, 'we agreed she'd' "
        "and items already done needed no change.",
        "",
        "2026-12-06, holdout 39: on the 317 notes before it the rules went from 1099 of 1154 drafted / "
        "1191 true (0.95 / 0.92, tentative right 1091) to 1099 / 1154 / 1191 (unchanged); notes 318-331 "
        "from 0.60 / 0.39 (21 of 35 / 54, tentative right 20) at first look to 0.94 / 0.85 (46 of 49 / 54, "
        "tentative right 45); all 331 notes from 1120 of 1189 / 1245 (0.94 / 0.90) to 1145 / 1203 / 1245 "
        "(0.95 / 0.92). The after figure is not an estimate for unseen notes. Fixed: a numbered heading "
        "with a date or an owner ('1. Team charter - by 26 Jan', '2) Me, by Friday:', '3) Nina, ongoing:') "
        "dates and owns the lines under it and is no item itself; phone typing ('wil', 'shes goign to', "
        "'b4', '2day', 'ill send' before a verb, a weekday with two neighbouring letters swapped, 'firday') "
        "is read as the words; 'two days after this session', 'within three days of this call', 'a week "
        "from today', 'by the time we next talk' count from the session, and '… the day before.' from the "
        "date before it; 'Marcus told me he'd …' is his, as 'said he'd' is; a passive thing to be done is "
        "its named doer's ('will be sent … (Grace owns it)', 'It was agreed that X would be shared … Kofi "
        "is doing that', 'to be booked by me'), and nobody's when no one or someone else ('by finance') "
        "is named; 'Could she talk to HR before Friday? She thinks so.' is her tentative item; 'before "
        "then' takes a date its own run-on sentence named earlier; the writer's 'I've asked her to …' is "
        "the client's homework. The coach's supervision notes and the colleagues' own tasks needed no "
        "change. Left open: 'mtg w/ his ops leads nxt wk' and '… EOD - me' on lines without bullets (a "
        "verb would be a guess, and a trailing '- me' tags only list lines); 'rewrite X …, and share it "
        "with her director on Thursday' and 'write X by 25 January and walk her VP through it' kept as one "
        "item (the set keeps 'draft it and share it by Wednesday' as one; 319 and 325 read them as two); "
        "'Is it worth asking her boss …? - she'll ask him …' ('him' is in the question); 'the conversation "
        "…, which he agreed he will have by Wednesday' (a commitment inside a relative clause); 'he'd like "
        "to set up …' drafted as 'Like to set up …' and firm; 'he asked if I could review it … - agreed'; "
        "'pls can u send me X - his ask, I'll do it' also drafting the request; and 'she'll rehearse it' "
        "naming 'it' as 'the plan goes to the exec team' (the 'it' of a sentence's opening clause).",
        "",
        "2026-12-06, holdout 40: on the 331 notes before it the rules went from 1145 of 1203 drafted / "
        "1245 true (0.95 / 0.92, tentative right 1136) to 1145 / 1203 / 1245 (unchanged); notes 332-345 "
        "from 0.85 / 0.89 (39 of 46 / 44, tentative right 39) at first look to 0.96 / 1.00 (44 of 46 / 44, "
        "tentative right 44); all 345 notes from 1184 of 1249 / 1289 (0.95 / 0.92) to 1189 / 1249 / 1289 "
        "(0.95 / 0.92). The after figure is not an estimate for unseen notes. 343's 'pilot with the South "
        "region in March' was written due at the month's end; the set reads 'in <month>' as no date "
        "everywhere else (156, 16, 214, 49, 50: a month-end rule cost six), so 343 was made to agree (first "
        "look 0.87 / 0.91 with it). The GROW 'Will:' / 'Way forward:' lists, OSKAR, FUEL, Reflection / "
        "Insight / Action, the formal report's '(1) The client will …' and US dates needed no change. "
        "Fixed: a template's one-off fields ('Contract:', 'Listen:', 'Explore:', 'Review:') are no "
        "transcript's speakers (a conversation comes back to a speaker; CLEAR notes lost the writer's 'I'); "
        "'I'm to send her X' is the writer's, as 'she is to' is hers; 'within two working days' counts "
        "weekdays; 'the first Monday in January', 'the last Friday of the month' are that weekday of that "
        "month (read as next Monday); 'raters suggest she should …', 'a peer suggested she attend …' are "
        "someone else's ideas, not her items; '- no email after 9pm' under the commitments is her rule; "
        "'… to be agreed by <date> - he'll run that workshop himself' dates the clause after the dash when "
        "it goes on with 'that'/'it' and the clause before gave no item. Left open: 'Ravi - migrate the "
        "billing service (end of Feb)' in the client's list of who owns what, drafted as hers (a "
        "capitalised word before ' - ' may be a colleague or a topic, 'Budget - send to CFO by Fri', and "
        "nothing but a name list tells them apart), and a mentor's 'You might want to talk to … ; it could "
        "also be worth …' that she turned down in the next sentence ('said the course isn't a priority, "
        "and she already knows people who've moved'), drafted as 'Want to talk to …' (telling the refusal "
        "needs matching her reply to each piece of advice).",
        "",
        "2026-12-06, holdout 41: on the 345 notes before it the rules went from 1189 of 1249 drafted / "
        "1289 true (0.95 / 0.92, tentative right 1180) to 1189 / 1249 / 1289 (unchanged); notes 346-359 "
        "from 0.85 / 0.70 (39 of 46 / 56, tentative right 37) at first look to 0.96 / 0.98 (55 of 57 / 56, "
        "tentative right 53); all 359 notes from 1228 of 1295 / 1345 (0.95 / 0.91) to 1244 / 1306 / 1345 "
        "(0.95 / 0.92). The after figure is not an estimate for unseen notes. Past-tense 'committed to' / "
        "'promised to' / 'we agreed that she would', goals and themes that are not tasks, a session cut "
        "short and a three-way's manager asks needed no change. Fixed: a priority marker opening a line "
        "('!!', 'HIGH:', 'P1', '(P2)', '(urgent)', 'P3') sets the item's priority and is no part of it (the "
        "line was read as a label and dropped); 'Action - Owner - Due' lines ('Draft X - Olu - 16 March') "
        "and 'Admin for me:' lists name the owner; 'Pair session - A and B (co-leads)' coaches both; 'in "
        "time for the offsite' takes the event's date; 'between Tuesday and Thursday' is due Thursday; 'no "
        "later than', ', latest', 'noon' and an aside left empty by its date ('(board meets 22 March)') "
        "leave the text; 'agreed with her HR partner that she would', 'committed to publishing'; 'she's "
        "said yes to that and will set up X'. Left open: the same items written twice, in the narrative "
        "and again in an 'Actions:' list ('have the direct conversation with him, using SBI' / 'have the "
        "conversation with the sales director, SBI opener'): merging them needs more than shared words (a "
        "looser overlap for same owner and date merged a distinct item elsewhere; 0.75 instead of 0.8 cost "
        "two in the set); 'P3 / nice to have: tidy up the wiki' dropped (a hedge label on a bare "
        "imperative); 'Ask HR … - Olu - TBC' drafted tentative (TBC in a due column is the date, not the "
        "task); 'ask the CFO if he can shadow …' drafted tentative (the 'if' is what is asked).",
        "",
        "2026-12-06, holdout 42: on the 359 notes before it the rules went from 1244 of 1306 drafted / "
        "1345 true (0.95 / 0.92, tentative right 1233) to 1244 / 1306 / 1345 (unchanged); notes 360-373 "
        "from 0.81 / 0.89 (50 of 62 / 56, tentative right 50) at first look to 0.93 / 0.98 (55 of 59 / 56, "
        "tentative right 55); all 373 notes from 1294 of 1368 / 1401 (0.95 / 0.92) to 1299 / 1365 / 1401 "
        "(0.95 / 0.93). The after figure is not an estimate for unseen notes. The Notion table, cadences "
        "('every Monday … starting next Monday', 'weekly until the launch'), last session's done / not "
        "done, '[x]' boxes, 'the 14th' / 'EOW' / 'after the holidays', two lines, TBC / maybe / if time and "
        "'whilst' / 'diarise' needed no change. Fixed: 'we agreed we'd both reread X' is an item for each "
        "(and a 'both' item's date leaves its text); 'within the fortnight', 'within the month', 'before "
        "Q3' (the end of Q2); 'move our next session to the 28th' names when the session will be, not a "
        "due date; 'Parking lot (not this time)', 'Not this time', 'Parked for now' hold no items; '\"I'll "
        "call Tom,\" she said at the end' is her quote, and 'she should really be delegating' no task; in a "
        "run of 'Name - task' lines naming the client or 'Me', a colleague's line ('Priya - hand over the "
        "deck by Fri') is not hers, and 'X - hand over the deck' no longer makes X an associate. Left open: "
        "'\"I need to stop firefighting and start leading,\" she said' drafted as her item (a realisation "
        "phrased as a need; 'I need to call Femi' in the same shape is a task); 'Owen has to find savings "
        "in his ops budget' (context the set elsewhere reads 'has to' as a task); 'I suggested he drop out "
        "of the steering meeting. He liked that and will tell the chair' also drafting the suggestion (taken "
        "up, so arguably his); '… before we meet again - she'll come with the two steps' undated (the "
        "date is the clause's before the dash).",
        "",
        "2026-12-06, holdout 43: on the 373 notes before it the rules went from 1299 of 1365 drafted / "
        "1401 true (0.95 / 0.93, tentative right 1288) to 1299 / 1365 / 1401 (unchanged, the same misses "
        "and false alarms); notes 374-387 from 0.72 / 0.66 (33 of 46 / 50) at first look to 0.98 / 0.96 "
        "(50 of 51 / 52, tentative right 49); all 387 notes from 1332 of 1411 / 1451 (0.94 / 0.92) to "
        "1349 / 1416 / 1453 (0.95 / 0.93). The truth was corrected after the first look where it broke "
        "the set's own readings: 'before our next session' is due the session day (five items had the day "
        "before), a team session's members' items are the client's (two added, as note 143), and 'bring X "
        "to the next team session' is due then; on the corrected truth the first look was 0.80 / 0.71 (37 "
        "of 46 / 52). The after figure is not an estimate for unseen notes. '[10:05]' stamps, 'Coach:' / "
        "'Sam:' turns, US '3/27' / 'EOD Friday' / 'COB Tuesday', Indian English ('prepone', 'revert by', "
        "'do the needful'), gerund items, 'get Maya to …' / 'have Joe …', questions for next time and a "
        "book's imperatives needed no change. Fixed: a list line that is only a name ('* Li', '- Me') over "
        "indented sub-bullets owns them; 'Takeaways for me:' heads the writer's list; a negation before ', "
        "but' does not cancel the commitment after it; 'she did commit to -ing'; 'the next team / coaching "
        "session'; 'let Omar chair X' is the client's item ('let me know' is not); a date in an opening "
        "'After / Once X is … on the 28th,' clause is that event's; 'mgr', 'mtg', 'cl 2 <verb>', a trailing "
        "'thx', and 'cl' inside an action read as words. Left open: '… owes the chair a written response "
        "and would get it to her by Friday' mid-paragraph (a bare 'would' after 'and' is hypothetical as "
        "often as not); 'sit with silence … in our next session' dated the session (a habit to practise "
        "then; the set dates 'in the next session' by it elsewhere, so the truth's null is arguable); "
        "'Once the budget is approved, she'll hire two analysts' drafted firm (the truth reads an "
        "unapproved budget as tentative; 'once' alone does not say which).",
        "",
        "2026-12-06, holdout 44: on the 387 notes before it the rules went from 1349 of 1416 drafted / 1453"
        " true (0.95 / 0.93, tentative right 1337) to 1349 / 1416 / 1453 (unchanged); notes 388-401 from "
        "0.76 / 0.67 (32 of 42 / 48) at first look to 0.94 / 0.92 (44 of 47 / 48, tentative right 43); all "
        "401 notes from 1381 of 1458 / 1501 (0.95 / 0.92) to 1393 / 1463 / 1501 (0.95 / 0.93). The after "
        "figure is not an estimate for unseen notes. Unpunctuated dictation, '[JS]' owners at the end and "
        "'this' / 'next Thursday' needed no change. Fixed: a client's email pasted without a 'From:' line "
        "('Sophie's email, pasted:' over 'Hi …') is hers, and a reply's '> On …, X wrote:' block is "
        "history, not items; 'Practice:' heads an item and a label's own when ('Her experiment this week:',"
        " 'Homework for next session:') dates it; 'Thurs wk' is Thursday week and 'this arvo' today; "
        "'~~plan~~ -> replacement' keeps the replacement; 'Next: I'll send X' is an item, not a topic; 'She"
        " and her COO will …' / 'Rosa and Marco will …' is the client's; 'post' and 'pause' start a list "
        "line's action. Left open: 'Could you send me that article?' in the client's email (a question: the"
        " set does not read questions as the coach's items); 'Keen to maybe have a crack at …' (an idiom: a"
        " phrase list would be keyed to these notes) and 'he'd like to try delegating …' (the rules read "
        "'would like to' as a wish, never an item; the truth reads it as a tentative one, a change wider "
        "than this round); 'Before that he will meet each of his directors' (the rules read 'before that' "
        "as waiting on an undated event and drop it); 'Note to self: … Worth exploring in supervision?' "
        "drafted (the set reads 'Note to self:' as the coach's list); and in the crisis note 'She should "
        "really take some leave … it's her call' and 'She might tell her boss …, she isn't sure yet' "
        "drafted as items (the set reads 'should' and 'might' as items elsewhere; only the context of a "
        "crisis says otherwise).",
        "",
        "2026-12-06, holdout 45: on the 401 notes before it the rules went from 1393 of 1463 drafted / 1501"
        " true (0.95 / 0.93, tentative right 1380) to 1396 / 1465 / 1501 (0.95 / 0.93, 1383: the French and"
        " Spanish notes' 'la semaine prochaine', 'Moi:' and 'Yo:'); notes 402-415 from 0.70 / 0.65 (30 of "
        "43 / 46) at first look to 1.00 / 0.98 (45 of 45 / 46, tentative right 45); all 415 notes from 1423"
        " of 1506 / 1547 (0.94 / 0.92) to 1441 / 1510 / 1547 (0.95 / 0.93). The after figure is not an "
        "estimate for unseen notes. Clock times ('by 3pm Thursday'), a doubted deadline, all-lowercase "
        "notes and next steps repeated in a narrative needed no change. Fixed: under 'Client's commitments:'"
        " (a heading of the client's own list) 'I will …' is the client's; a list line wrapped back to the "
        "margin in lower case goes on the line above; 'no need to email HR' later takes the earlier item "
        "off (and is no item itself); 'she's accountable for getting X' / 'I'll hold her accountable for "
        "keeping Y' are her actions; '1a.' / '1b.' are list lines (1b was joined onto 1a and took its date);"
        " the second of 'the offsite is on 2 May, the launch on 15 May' is dated, so 'the Monday after "
        "launch' is; 'check in with her' is a whole action; German, Spanish and French weekdays, "
        "'morgen' / 'mañana' / 'demain' and 'next week' date items, and 'Yo:' / 'Ich:' / 'Moi:' tag the "
        "writer's own; 'backfill', 'promote', 'restructure', 'reorganise', 'upskill' start an action. Left "
        "open: 'The board has asked Martin for a succession plan' (an ask with no verb for what he does "
        "with it: prepare, present or send; any verb the rules chose would be a guess).",
        "",
        "2026-12-06, holdout 46: on the 415 notes before it the rules stayed at 1441 of 1510 drafted / 1547"
        " true (0.95 / 0.93, tentative right 1428: no old note changed); notes 416-429 went from 0.85 / 0.78"
        " (35 of 41 / 45) at first look to 0.93 / 0.91 (41 of 44 / 45, tentative right 41); all 429 notes"
        " from 1476 of 1551 / 1592 to 1482 / 1554 / 1592 (0.95 / 0.93). The after figure is not an estimate"
        " for unseen notes. A mind-dump of items among observations, 'she's going to think about' and 'she "
        "might' (tentative), an event with no date, URLs and email addresses, Scottish / Irish English, emoji"
        " status markers and 'Coach to:' / 'Client to:' needed no change. Fixed: 'Need to ask HR …' with no "
        "subject reads as a subjectless 'Will ask HR …' (the client's); 'Follow-ups (mine):' / 'Actions "
        "(hers):' say whose list follows; a name tag matches with or without accents ('João:' for Joao) and "
        "'Eu:' / 'Io:' are the writer's; two sessions pasted under date headings ('30 April 2029' … '14 May "
        "2029') make the older one's lines history (only when a later date heading follows); 'she asked if I"
        " could X - I said yes, by Wednesday' is the writer's item. Left open: Portuguese verbs ('Ele vai "
        "falar com a equipa … até sexta', '- Eu: enviar …' on an unbulleted line): reading them needs a "
        "Portuguese vocabulary, wider than this round; 'send the rescheduled invite for 28 May' took the "
        "session's date as its due (the truth reads 'for 28 May' as what the invite is for; telling the two"
        " apart by the noun would be keyed to 'invite'); 'Sam has to decide how to handle X' before 'she "
        "went with B' is drafted (the decision was made in the session; knowing that needs the later line "
        "read as its answer); 'Both to:' lists go to the client only, and 'The First 90 Days' lost '90 "
        "Days' as a duration (a title read as a date: quoting titles is the general fix, not a rule for "
        "this one).",
        "",
        "2026-12-06, holdout 47: first the set's one disagreement: 427's 'Both to:' list expected one item"
        " for the coach, while 296 ('We'll both read the chapter') and the README give one to the client "
        "and one to the writer. A shared task in a one-to-one is work each of them does, so 427 now has "
        "both (its truth changed for this only: 1592 -> 1593 true). On the 429 notes before the round the "
        "rules went from 1482 of 1554 drafted / 1593 true (0.95 / 0.93, tentative right 1469) to 1484 / "
        "1555 / 1593 (0.95 / 0.93, tentative right 1471; only 427 changed); notes 430-443 from 0.86 / 0.70"
        " (32 of 37 / 46) at first look to 0.93 / 0.83 (38 of 41 / 46, tentative right 37); all 443 from "
        "1514 of 1591 / 1639 to 1522 / 1596 / 1639 (0.95 / 0.93). Two men as 'he', 'at 9' / 'first thing',"
        " quantities, an ownerless imperative list, the coach's 'if I can find a slot', 'she won't be "
        "presenting', 'owner: TBD' and a client called Bill needed no change. Fixed: a bare 'Next:' heading"
        " heads a list of steps ('next: X' on one line stays a topic for next time); 'Both to:' in a "
        "one-to-one gives each line to both; 'The First 90 Days before next session' is a title, not 90 "
        "days counted back; a capitalised 'Will' that names the client inside a sentence or before 'will' "
        "is the name, and 'Hope will …' is not the goal noun 'hope'; 'I'm hoping to X this week' is a "
        "tentative item when it has a when; 'My side:' / 'Her side:' say whose part follows. Left open: "
        "French infinitives ('envoyer le deck à Marc', 'appeler …'; a French verb list is wider than this "
        "round, as Portuguese was); the client's emailed reply quoted after 'Her reply … pasted:' has its "
        "'I'll' read as the writer's (the quote's speaker is named on the line before: needs the quote's "
        "attribution carried across lines), and 'My side:' after it gave nothing; 'I'll reply … the same "
        "day' (the day of the item before: an anaphoric date); 'Moved the 360 debrief to 2 July' (a "
        "re-dated item with no verb for who does what; any verb would be a guess).",
        "",
        "2026-12-07, holdout 48: on the 443 notes before it the rules went from 1522 of 1596 drafted / "
        "1639 true (0.95 / 0.93) to 1527 / 1600 / 1639 (0.95 / 0.93; 435's French verbs, 368's quoted 'I "
        "need to stop firefighting' and 400's 'he'd like to try delegating' now right); notes 444-457 from"
        " 0.79 / 0.53 (27 of 34 / 51) at first look to 1.00 / 0.88 (45 of 45 / 51); all 457 from 1549 of "
        "1630 / 1690 (tentative right 1535) to 1572 / 1645 / 1690 (0.96 / 0.93, tentative right 1558). The"
        " associate's own note, month-end relative dates and 3/7 beside 14/6 and 'July 10' needed no change."
        " Fixed: pipe rows pasted without a header are read by their cells (an owner column, the wordiest "
        "as the action); 'IT' in capitals is not the pronoun; the commonest action verbs of French, "
        "Spanish, Portuguese, Italian, German and Dutch, their weekdays after 'até' / 'voor' / 'per', 'vai "
        "/ gaat + verb' and 'Ik:'; 'On me:' / 'On her:'; 'the plan is for her to' / 'next step for her is "
        "a …'; a ', who …' aside leaves the description; 'for a day before X' is a length of time; 'she "
        "replied to my recap:' above a '>' block makes its 'I' hers; 'he'd like to try X-ing' / 'keen to "
        "have a crack at' are tentative; 'move our session on the 25th to July' has no due date; a "
        "suggestion he laughed off is no item; 'needs to stop X-ing' is a realisation; 'Tom thinks … and "
        "will push back' is Tom's. Left open: Dutch verb-last lines ('Ik: de oefening mailen naar Sanne': "
        "the verb is the line's last word, a word order the rules do not parse); third parties' asks ('The"
        " board has asked Tom for a succession plan … He's fine with that'; 'HR has asked all managers to "
        "…'): the ask names a thing, not a verb, and whether he took it on sits in the next sentence; "
        "'… because he's the more anxious of the two and would get the outline to him by Friday' (whose "
        "'would' it is crosses a 'because' clause with its own subject); 'raise that … and ask for X' kept "
        "as one (a pronoun object joins two verbs on purpose, 'read it and send comments'); 'Olivia herself "
        "signs off the budget' (a present-tense plan line beside team members' lines that are not hers).",
        "",
        "2026-12-07, holdout 49: on the 457 notes before it the rules went from 1572 of 1645 drafted / "
        "1690 true (0.96 / 0.93) to 1573 / 1645 / 1690 (0.96 / 0.93; 186's suggestion now right); notes "
        "458-471 from 0.74 / 0.63 (29 of 39 / 46) at first look to 0.93 / 0.91 (42 of 45 / 46); all 471 "
        "from 1601 of 1684 / 1736 (0.95 / 0.92, tentative right 1587) to 1615 / 1690 / 1736 (0.96 / 0.93, "
        "tentative right 1601). 'AP:' / 'A/I:' / 'TODO(@sam):', 'I suggested she … and she agreed', a note "
        "written to the client and a three-line note with nothing agreed needed no change. Fixed: a quote "
        "after 'in her words:' is hers; 'Rachel (co-coach) to …' (an aside between the name and 'to', and "
        "a co-coach as an associate); Norwegian / Danish / Swedish weekdays, 'før / innan / på', 'i "
        "morgen', 'nästa vecka', common verbs, 'ska / skal + verb', 'Jeg:'; 'by end of June: panel "
        "confirmed' dates the outcome after the colon; 'I suggested Kofi run X' is his, without ', he liked "
        "the idea'; 'she can't make the 12th' is no due date; a date after another commitment's cue is not "
        "the lone drafted clause's; bare 'EOM' / 'COB Thu' are deadlines; 'X agreed to … for Emma. He'll "
        "also …' is X's. Left open: 'You mentioned you might also want to revisit your goals' (the set reads "
        "'might want to' as a tentative item, 56; the truth here says no item, so it stays a false alarm "
        "rather than a rule keyed to 'happy to if so'); 'in the middle of all that she said she'd …' ('that "
        "she said' reads as a clause describing a thing: the comma-less pronoun use of 'all that' is "
        "ambiguous); 'from me, by Wednesday: SBI prompt card in his inbox' (an owner before the date and a "
        "verbless outcome: 'Send' would be a guess); 'tech debt roadmap -> next sprint' (no verb, no "
        "date); '- partly' after a reviewed habit (whether a part-done habit is still open is the coach's "
        "call); 468's 'skip level' vs the truth's 'skip-level' (the measure's word split, not the rules).",
        "",
        "2026-12-07, holdout 50: on the 471 notes before it the rules stayed at 1615 of 1690 drafted / 1736 "
        "true (0.96 / 0.93, tentative right 1601; no old note changed); notes 472-485 went from 0.79 / 0.66 "
        "(33 of 42 / 50) at first look to 0.92 / 0.94 (47 of 51 / 50, tentative right 46); all 485 from "
        "1648 of 1732 / 1786 (0.95 / 0.92, tentative right 1634) to 1662 / 1741 / 1786 (0.95 / 0.93, "
        "tentative right 1647). An offsite's named executives, themes and insights with one buried "
        "commitment, a career move, dictation's 'full stop / new line', '(i) (ii) (iii)', bare ordinals "
        "('by the 14th' after the 18th is next month's) and 'no actions this time' then items needed no "
        "change. Fixed: a heading that opens with a deadline ('Before we meet, you'll:', 'By Thursday:') "
        "dates the undated lines under it; 'Draft recap email to Nadia:' is the writer's email, not hers, "
        "and 'From my side, I'll' under the client's list is the writer's; 'we'll do a dry run together' "
        "is an item for each; 'I'll offer her Tues 24th or Thurs 26th' has no due date; Polish and Czech "
        "weekdays after 'do', 'jutro' / 'zítra', 'przed następną sesją', verbs, 'Ja:' and short names "
        "('Kasia'); 'intro her to' reads 'Introduce'; a closing 'So: <verb> …' is an action; 'Marcus owns "
        "the reforecast - to circulate it' is his; 'redo / rework / rethink' start action lines; a "
        "bracketed '(he'll let me know)' leaves its tagged line to the tag. Left open: 'So: talk to Carys, "
        "sketch both org charts and pick one by next time' (an imperative list with no subject stays one "
        "item; and whether a closing date is the whole list's or the last one's, 312 says the last's for "
        "'X, Y, and Z by Tuesday', so the set would need one reading first); 'Send Nadia the recap email' "
        "for a drafted recap (the set's 226-235 make a drafted email the writer's item, this truth did "
        "not: a disagreement to settle in the set, not in a rule); 'look at the posting and decide whether "
        "to apply before it closes on the 27th' drafted as two items, the first undated (both readings are "
        "fair); 'intro to a fractional CFO if he wants one' is not tentative (a condition after a tag, not a "
        "hedge) and its '(he'll let me know)' is drafted as an item the truth has not; 484's 'Offer her "
        "Tues 24th or Thurs 26th' vs the truth's 'Rebook the session, offering …' (the words, not the rule); "
        "476's lowercase dictated 'raci template' is not linked to the RACI Matrix (models 474 of 485).",
        "",
        "2026-12-07, holdout 51: on the 485 notes before it the rules stayed at 1662 of 1741 drafted / 1786 "
        "true (0.95 / 0.93, tentative right 1647; no old note changed); notes 486-499 went from 0.74 / 0.66 "
        "(39 of 53 / 59) at first look to 0.93 / 0.90 (53 of 57 / 59, tentative right 53); all 499 from "
        "1701 of 1794 / 1845 (0.95 / 0.92) to 1715 / 1798 / 1845 (0.95 / 0.93, tentative right 1700). "
        "'Run it by' before deciding, '-> … (Mon)' lines, a head teacher and the council, the coach's "
        "'I might … if I find it' and 'by 5pm today' / 'before standup tomorrow' needed no change. Fixed: "
        "markdown ('## ', '**Next steps**', '**Me:**', '*maybe*') is formatting (a markdown note drafted "
        "nothing); 'Board meeting is on 9 August' opening a line dates the event without 'the'; a dated "
        "imperative over verb sub-bullets is one action and they its steps (it was a goal heading); a dash "
        "ends the clause an action waits on ('… when he promoted her — at their 1:1 on Monday'); 'Yes - by "
        "Friday.' dates the question it answers, and 'it' two sentences on is no step on the last action; "
        "'… – from Priya (associate)' in the heading makes the notes the associate's ('you' the lead "
        "coach's when they are for her) and a quoted title keeps its 'your'; 'We agreed an experiment:' / "
        "'She committed to three things:' head agreed lists. Left open: 492's fragments in one line "
        "('Feedback conv w/ Mo - Thu. Deleg. budget sign-off to Anna.': verbless or imperative sentences in "
        "a paragraph are no items elsewhere in the set, and only these words would tell them apart); 494's "
        "Turkish verbs ('geri bildirim verecek') and 'Ben:' for 'I' ('Ben' is an English name); 495's "
        "'agree to something smaller: X, and to write up Y' (the first part has no verb); 486's 'For you, "
        "Sarah: … could you send them …' (a label with a comma, one line's shape) and 'set X and tell his "
        "team on Wednesday' drafted as two (a fair reading); 487's 'wants to run it by her partner first' "
        "drafted beside the dated items that do it; 498's 'keep a tally and send me a photo' as two.",
        "",
        "2026-12-07, holdout 52: on the 499 notes before it the rules stayed at 1715 of 1798 drafted / 1845 "
        "true (0.95 / 0.93, tentative right 1700; no old note changed); notes 500-513 went from 0.89 / 0.71 "
        "(40 of 45 / 56) at first look to 0.94 / 0.89 (50 of 53 / 56, tentative right 48); all 513 from "
        "1755 of 1843 / 1901 (0.95 / 0.92, tentative right 1737) to 1765 / 1851 / 1901 (0.95 / 0.93, "
        "tentative right 1748). A team session's members, 'her team will …' and a deadline she set her "
        "report (no items), 'cc me', 'wk of 10/12' / 'before the holidays' / 'in January' / 'end of Q1', "
        "'Agreed she would …', a parking lot beside a | Who | What | When | table, a P.S.'s items and an "
        "880-word narrative's two needed no change. Fixed: '[her]' / '[him]' tag the client and '[both]' "
        "(or 'both:' after emoji owners) is one item each in a one-to-one; 'Carry over from last time:' "
        "labels an open item; 'Volunteer to …' starts an action; 'she would like that' answers an offer; "
        "'kal tak' / 'aaj hi' date tomorrow / today; a hedge counts in its own clause of unpunctuated "
        "dictation ('so probably wednesday and he will write …', '… so he can think about X'); 'before "
        "that conversation' in a run-on is the nearest date before it. Left open: 503's 'he wants to move "
        "X; he'll propose it at Monday's meeting' ('it' across clauses); 504's 'the role he is going to "
        "talk to helen' (unpunctuated, read as a relative clause, 'the feedback he is going to give') and "
        "'probably wednesday' before 'the announcement next thursday' (a weekday placed by an event); "
        "510's Hindi verbs at the clause's end ('Rohit se baat karega', 'bhejungi'), as 494's Turkish; "
        "507's 'she'll ping me and I'll send …' (the truth's item, but the set reads reporting back, 'let "
        "me know how it went', as no item: a truth to settle, not a rule).",
        "",
        "2026-12-07, holdout 53: on the 513 notes before it the rules stayed at 1765 of 1851 drafted / 1901 "
        "true (0.95 / 0.93, tentative right 1748; no old note changed); notes 514-527 went from 0.75 / 0.67 "
        "(36 of 48 / 54) at first look to 0.98 / 0.94 (51 of 52 / 54, tentative right 51); all 527 from "
        "1801 of 1899 / 1955 (0.95 / 0.92, tentative right 1784) to 1816 / 1903 / 1955 (0.95 / 0.93, "
        "tentative right 1799). 'If the CEO agrees on Friday, she'll announce it Monday' (tentative), a "
        "URL in a 'Resources:' line, unbulleted 'Client will:' / 'I will:' blocks, British 'eod Mon' / "
        "'w/e 12 Oct' / 'asap', a three-way to set up and a one-line note needed no change. Fixed: a date "
        "the writer corrects on its line ('on Friday - actually, not Friday, she said Thursday', "
        "'tomorrow. (Correction: Wednesday …)'); '(Mon) call X' / 'Me: (Tue) send Y' date each line by "
        "its bracket; a plain list under 'Agenda' is topics (196's agenda with an outcome under each topic "
        "still gives its items); a bare 'Mine:' heading is the writer's list; a list under 'Things she "
        "won't do any more:' is hers to stop ('- cancel her 1:1s' -> 'Stop cancelling her 1:1s'), and "
        "'What she will do:' names whose line follows; an associate named in full keeps her surname, so "
        "'AB to …' is hers; 'between the 22nd and the 26th' is done by its last day; 'By our next session "
        "she will X, and will Y' dates Y too; 'bis nächsten Freitag' is next Friday. Left open: 523's "
        "German commitments ('Er wird … sprechen', 'Ich schicke ihm … morgen': a cue per language, as "
        "holdout 35 left 'Ich schicke ihm'); 522's 'protect X, and tell her team Y' after an owner tag, one "
        "item (no imperative line is split at ', and <verb>' anywhere in the set, so splitting is a "
        "set-wide reading to settle first); 517's 'I offered to role-play it with her; she said yes, so "
        "I'll book a call' drafted as two coach items (the truth counts the booking only: a fair reading "
        "either way); 527's Radical Candor linked for a chapter he is to read, not used in the session.",
        "",
        "2026-12-07, holdout 54: on the 527 notes before it the rules went from 1816 of 1903 drafted / "
        "1955 true (0.95 / 0.93, tentative right 1799) to 1820 / 1906 / 1955 (0.95 / 0.93, tentative "
        "right 1802: 206's 'Diego va a hablar … antes de fin de mes', 272's and 523's 'Ich schicke ihm …' "
        "and 486's 'could you send them the revised proposal?' now found, none lost); notes 528-541 went "
        "from 0.67 / 0.48 (28 of 42 / 58) at first look to 0.93 / 0.91 (53 of 57 / 58, tentative right "
        "52); all 541 from 1844 of 1945 / 2013 (0.95 / 0.92, tentative right 1823) to 1873 / 1963 / 2013 "
        "(0.95 / 0.93, tentative right 1854). A coaching agreement's dated goals (no items), a 360 "
        "debrief's 'What she's taking forward:', 'before her holiday on the 14th' / 'in a fortnight' / "
        "'the day after the board' / 'end of Q1', a Slack paste's 'you'll …' bullets and a session with "
        "no actions by choice needed no change (the 360's 'Thank the raters' once 'thank' was a verb). "
        "Fixed: numbered boxes ('1. [ ] …', '2. [x] …') and lines called off ('- decided not to … "
        "Dropped.'), 'Still on; she'll do it this week' taking 'it' from the line's item, 'write her "
        "\"how I work\" one-pager' as her page; Spanish and French lines ('Lo que acordamos:', 'va a "
        "proponer', 'Yo le mando … mañana', 'Je lui envoie … ce soir', 'quizás' / 'probablement', 'del "
        "jueves', 'antes de fin de mes'); a week-by-week plan ('Week 1 (11-15 Feb): …' due on the week's "
        "last day, 'by the end of week 1') and 'Week 1' / 'week 3 of the programme' no longer read as the "
        "1st / 3rd; an associate's letter opening 'Sarah,' and signed 'Priya', its 'Could you read my "
        "notes before the 18th?' a request with a deadline; a member's 'Marco - not sure yet' no longer "
        "breaking a 'Name - verb' list; ', I'll aim for end of next week' dating the commitment before "
        "it; 'Finance (Deepa) will have …' someone else's; 'From me: the X - sending tomorrow. He needs "
        "nothing else from me'; check-out answers under 'What's the first step and when?' (hers) and "
        "'What do you need from me?' (the writer's); 'I'd encourage you to X - you said you'd try it'. "
        "Left open: 529's 'before session 2' in a contracting note that never says which session it is "
        "(the next session only if the notes number this one, and they do not); 538's 'for Claire before "
        "her board briefing' dated by 'Claire will brief the board on the 6th' three lines up (an event "
        "named in other words); 539's 'Maybe asks his team for feedback' (a hedged third-person present "
        "with no subject, in a member's line without a verb); 534's 'Ben asked for an intro to a CFO peer "
        "group - you mentioned the one you run with Helen?' (a request only by implication); 533's 'can "
        "you send the Skill/Will thing again?' answered 'Will do, sending now' (drafted undated: 'sending "
        "now' in the reply dates it, a reading of two turns); 528's 'If it slips he'll push the Inès "
        "conversation to next week' drafted as a tentative item (the truth counts no postponement as an "
        "item; the set reads 'If X, K to …' as tentative items, so a fair reading).",
        "",
        "2026-12-07, holdout 55: on the 541 notes before it the rules stayed at 1873 of 1963 drafted / 2013 "
        "true (0.95 / 0.93, tentative right 1854; no old note changed); notes 542-555 went from 0.73 / 0.66 "
        "(40 of 55 / 61) at first look to 0.97 / 0.95 (58 of 60 / 61, tentative right 57); all 555 from 1913 "
        "of 2018 / 2074 (0.95 / 0.92, tentative right 1893) to 1931 / 2023 / 2074 (0.95 / 0.93, tentative "
        "right 1911). Two truths were read again as the set reads the same things (547's 'Me: intro to Jo' "
        "is 'Intro to Jo' as in 442 and 492; 545's Italian items keep the note's words as 531's French and "
        "540's Spanish do): with them the first look was 0.76 / 0.69 (42 of 55 / 61). A Zoom AI Companion "
        "summary ('Next steps' with full names, timestamps, a commitment in the summary), US MM/DD in "
        "America/Chicago ('before 4/12', 'next Tues'), 'by COP today' / 'within 10 days', a supervisor's "
        "review (development points for the associate are no items) and a final session with no actions "
        "needed no change. Fixed: 'by EOW next week' is next week's Friday and 'by end of H1' / 'in H2' the "
        "half year's last day; an owner alone on a parent bullet ('- Sarah (me)', '- Both') owns the "
        "sub-bullets, 'Sarah (me)' being the writer; voice-to-text with its punctuation spoken ('full stop', "
        "'new line', 'comma', 'open bracket') reads the words as the marks and 'on the twenty seventh' as "
        "the 27th; Italian's one-word future ('parlerà', 'preparerà'), 'Cosa abbiamo deciso:', 'domani', "
        "and 'Io: le mando …' as the writer's 'Send …'; 'Her homework for me:' is the writer's list and "
        "'Hers, which she set herself:' the client's; a negation in a clause the action provides for ('in "
        "case he doesn't want to run it') no longer drops it; 'before the offsite' takes the date of 'at the "
        "leads' offsite on 2 May'; 'me ➡️ send …' tags the owner and '2nite' is tonight; a table's dotted "
        "'17.05' is a date and its 'First draft of …' row an item; an item a later update reports done "
        "('1:1s all booked - done') is off the list. Left open: 543's 'she's defiantly "
        "blocking Fri afternoons …, starting this Fri' (a present progressive read as a plan: 'she's "
        "blocking' is as often what she does now, and 'defiantly' for 'definitely' is an autocorrect "
        "slip a word list would be keyed to); 548's 'Leo still owes Hannah the summary … - he's to send it "
        "this week' (the associate's item sits in 'owes' and a 'he's to' whose 'it' is the summary); 552's "
        "'~~present the restructure … on 20 May~~ postponed, CEO wants it in June - present it on 11 June "
        "instead' ('it' names the struck words, which the rules drop before reading the line); 555's update "
        "call's 'she'll ask him when he's back' after 'Greg is on leave until the 24th' (drafted as 'Ask "
        "him' due the 24th beside the session's 'Ask Greg …': coreference across lines, and a return read "
        "as a deadline).",
        "",
        "2026-12-07, holdout 56: on the 555 notes before it the rules went from 1931 of 2023 drafted / 2074 "
        "true (0.95 / 0.93, tentative right 1911) to 1932 / 2023 / 2074 (0.96 / 0.93, tentative right 1912: "
        "134's 'And I want to ask Leon for a proper slot next week' now drafted, 504's dictated 'but he is "
        "not sure they will say yes' no longer an item); notes 556-569 went from 0.71 / 0.65 (39 of 55 / 60, "
        "tentative right 38) at first look to 0.97 / 0.95 (60 of 62 / 63, tentative right 60); all 569 from "
        "1970 of 2078 / 2134 (0.95 / 0.92) to 1992 / 2085 / 2137 (0.96 / 0.93, tentative right 1972). One "
        "truth was read again as the set reads the same thing: 562's team-coaching day ('Present: Amara "
        "(CEO, my client), Ben …') gives every member's commitment to the client, as 143, 189, 219, 374 and "
        "500 ('Attendees: Maya Okafor (head of CX, my client), Luis, …') do; with it the first look was 0.76 "
        "/ 0.67 (42 of 55 / 63). A Teams Copilot recap's '(Full Name)' owners, US clock deadlines ('by noon "
        "tomorrow', 'before 9am Monday's forecast call'), 'by 3pm Thu' and the team day's own lines needed "
        "no change. Fixed: a chat app's export ('[14/06/2029, 18:02] Lan: …', Android's '… - Lan: …') is one "
        "turn per message, its stamp no date and a list typed into a message a list; the writer's reply to "
        "the client ('Hi Ngozi, thanks for writing these up') quotes her own list, and '> 1.' is the list's "
        "marker; 'the one-pager and the name of the coach, both by Friday' is two items; 'Somewhere in the "
        "middle he said he'd …' opens with a phrase, not a clause describing 'the middle'; 'For me:' tags "
        "the writer; '. And I want to reread my notes before we next meet' ends the tagged line's item and "
        "is the writer's plan (a want with a time; not 324's dateless 'I want to read more on …'); 'Me: "
        "check X - will let him know by Friday' is the writer's check due Friday; 'stakeholder map: not "
        "done, she'll finish it' and 'my intro to Priya: not done on my side - will do it tomorrow' name "
        "their thing and owner before the colon; '…; if it's still stuck, escalate to the CTO' is a "
        "tentative fallback of its own; a bullet journal's '×' (done), '○ leadership offsite 19 Aug' (an "
        "event's date), '— migrated from last time, still not done' (a status) and 'write down 3 things "
        "he'll stop doing' (the things, the object); Dutch 'vóór vrijdag' and Portuguese 'a reunião de "
        "segunda-feira'; 'next time: she brings X'; '…, but you're not sure you'll have the bandwidth' (a "
        "doubt) and 'you'd like to start X'; '2. Kwame - rehearsal' over lettered lines; 'after the "
        "Thursday stand-up' (the coming Thursday; not 'chair the Monday ops call'); 'I'll just be curious "
        "about how she is' (a stance); 'them' after '…, I'll do it tomorrow'; a recap's suggestion that a "
        "later task takes up. Left open: 556's 'when do you want the org chart done?' answered 'End of the "
        "month, realistically' (the item is in the coach's question and the verb, 'finish', a guess); 564's "
        "fallback drafted 'Escalate to the CTO' (the truth names what is escalated: filling in the object "
        "is coreference); 565's 'can we make the Minh conversation Wednesday instead?' - 'Wednesday it is' "
        "(a re-timing asked and granted two messages later, naming the item by another noun); 568's SCARF "
        "Model linked though only named for a later workshop (as 265's Feedforward: the rules link a model "
        "the notes name); descriptions keep a recap's 'your leads' and lose 'the Thursday' of 'after the "
        "Thursday stand-up'.",
        "",
        "2026-12-07, holdout 57: on the 569 notes before it the rules stayed at 1992 of 2085 drafted / 2137 "
        "true (0.96 / 0.93, tentative right 1972; no old note changed); notes 570-583 went from 0.60 / 0.63 "
        "(32 of 53 / 51, tentative right 31) at first look to 0.83 / 0.85 (44 of 53 / 52, tentative right "
        "43); all 583 from 2024 of 2138 / 2188 (0.95 / 0.93) to 2036 / 2138 / 2189 (0.95 / 0.93, tentative "
        "right 2015). Two truths were read again as the set reads the same things: 574's Polish items keep "
        "the note's words (as 482's Polish and 531's French do) and 583's 'she said she'd think about it "
        "… it's a maybe' is a tentative item (as 274's 'She'll think about that'); with them the first "
        "look was 0.62 / 0.63 (33 of 53 / 52). Tablet typing with no punctuation, the '→' / '∴' / 'w/' / "
        "'@Fri' shorthand, 'tmrw' / '2moro' / 'Weds wk' / 'nxt wk' / 'by the 1st', a supervisor's '[SC: …]' "
        "comments and the goals without a step needed no change. Fixed: 'she said she'd had a bruising "
        "meeting' (the past perfect, no promise); lines wholly in quotes under 'In her words:' (the "
        "client's 'I'); 'Questions she's taking away (answer before next session):' over questions (hers "
        "to answer, by the heading's date); a clause ending 'this month' (the month's end; not 'decisions "
        "she made this month that worked'); Polish 'porozmawia' / 'przygotuje' (a one-word future, as "
        "Italian 'parlerà'); a template's blank fields ('2. Review of actions from last session:' over bare "
        "'-') and its 'Thabo / ask finance for X / end of Sept' rows under 'who / what / by when'; 'what "
        "the successor needs to be good at' (part of the object); 'not something I should be in the middle "
        "of', 'it will look like …', 'she has to be on site' and '…, but that's … not something we agreed' "
        "(no items). Left open: 573's Hinglish ('Main usko Eisenhower ka template bhejungi kal tak': the "
        "verb comes last and the English item would need the sentence reordered, which the set's Hinglish "
        "truths do); 572's 'I want to take the 24th to the 2nd completely off' (a want, which the set reads "
        "as an item only with a time to do it); 576's 'What does she want to be known for by March?' dated "
        "by its own 'by March' (quoted words still date a client's quoted promise); 582's 'in our next "
        "session - she'll bring a rough version, I'll bring questions' (a date before ' - ' does not date "
        "the next clause, as 230 needs) and 'We'll draft X together in our next session' drafted for both "
        "(a plan for the session itself); 583's 'write to Rosalind this week and ask for thirty minutes … "
        "before the board on 16 May' read as two items (the second's date is the meeting's, not the "
        "asking's), 'name that directly' (its object is the worry two sentences up), 'I'll raise it next "
        "time it's on the agenda' and 'I'll take that' (the writer's asides in a long reflection).",
        "",
        "2026-12-07, holdout 58: on the 583 notes before it the rules stayed at 2036 of 2138 drafted / 2189"
        " true (0.95 / 0.93, tentative right 2015; no old note changed); notes 584-597 went from 0.67 / "
        "0.60 (37 of 55 / 62, tentative right 36) at first look to 0.86 / 0.77 (48 of 56 / 62, tentative "
        "right 48); all 597 from 2073 of 2193 / 2251 (0.95 / 0.92) to 2084 / 2194 / 2251 (0.95 / 0.93, "
        "tentative right 2063). The EA's '[EA]' lines, the KPI table's one action per row, the client by "
        "initials, the P.S., ALL CAPS and numbers that restart under each heading needed no change. Fixed: "
        "a coaching app's export ('Action: …' over 'Owner: Client' and 'Due: 06/02/2029'; its '=== end ==='"
        " banner no item); longer owner headings ('Mine that carry over to you, Priya:', 'Mine that stay "
        "with me:') and a heading's dated aside ('My development homework (for supervision on 3 March)' "
        "dates its lines; '(4 Feb)' does not); 'every other Thursday' (a cadence, not the coming Thursday);"
        " an event named in four words ('her performance review with Henrik is on the 26th', so 'the day "
        "before her review' counts from it); 'draft her three priorities and send them to me' (the writer "
        "receives it, so it is the client's); '… if the reorg goes ahead' without a comma (tentative); "
        "'Support needed' and 'My reflections' as headings, not items; 're-place' and 're-send' as verbs. "
        "Left open: 587's Turkish ('Ben:' is the writer in Turkish but a client's name in 534; the verbs "
        "come last, 'devredecek', 'göndereceğim', as in 573's Hinglish; 'cumaya kadar', 'bugün'); 585's "
        "'within the next week' (read as next week's Friday, not seven days), 'walking if possible' hedging"
        " the whole line, 'Ask her two team leads' (her read as the object, as in 'send her two articles') "
        "and 'Siobhán will brief Ruth' drafted as 'Brief Ruth' (the truth's 'on air cover if Declan "
        "escalates' comes from the line before: Dice 0.44); 590's 'within a week of the decision' and 'the "
        "next day' (the decision is the board meeting on the 21st, named differently) and 'she'll let me "
        "know after the 21st' dated the 21st ('after X' is X's date in the set, as 'after the Thursday "
        "stand-up'); 593's 'Send him the Skill/Will follow-up exercise (I promised it, didn't get to it)' "
        "read as a report; 594's 'Career conversation with Inès: not started … Now by the 22nd' (a status "
        "line re-dated, with no verb) and 'she'll leave the next one alone' ('the next one' is the monthly "
        "pack named before it); 588's 'Record my next session with him (if he consents)' dated by the "
        "heading's supervision rather than its own 'next session'.",
        "",
        "2026-12-07, holdout 59: on the 597 notes before it the rules stayed at 2084 of 2194 drafted / 2251"
        " true (0.95 / 0.93, tentative right 2063; no old note changed); notes 598-611 went from 0.70 / "
        "0.58 (30 of 43 / 52, tentative right 30) at first look to 0.90 / 0.83 (43 of 48 / 52, tentative "
        "right 43); all 611 from 2114 of 2237 / 2303 (0.95 / 0.92) to 2127 / 2242 / 2303 (0.95 / 0.92, "
        "tentative right 2106). Actions at the very top, the no-actions note, the coach's reflections mixed "
        "into the list, the manager's lines in the three-way contracting (not items) and 'by 5pm today' / "
        "'by 9am Friday' needed no change. Fixed: 'by Fri 28th' is the 28th, not the coming Friday; a "
        "calendar week by number ('bis KW 14', 'before KW 13 ends', 'by CW12'; 'by wk 14' only within half "
        "a year of the session's week, so a plan's 'week 3' stays no date) is due that week's Friday; '- "
        "mine' closing a list line is the writer's tag ('(mine)' beside a heading still is not); a markdown"
        " link keeps its words and drops its address; 'Remember to …' marks a thing to do as 'TODO' does, "
        "and a priority marker before a verb ('ASAP: get the contract signed') makes an action outside a "
        "list; 'Facilitator follow-ups:' is the writer's list; a bare date in brackets after the event a "
        "heading names ('Homework … before Module 4 (2 Dec):') dates its lines; 'apologise' is an action "
        "verb, so an Oxford-comma sentence of three commitments splits. Tried and dropped: removing 'um' / "
        "'uh' and words said twice once a note has two fillers (it lost two matches in 24's and 27's "
        "dictation). Left open: 598's run-on dictation ('decide about the Thursday call after that and um "
        "what else oh yes he he wants to …' runs into the next action; 'send him the one-pager tonight and "
        "uh book the next session for the 24th' is two actions with two dates); 600's 'I'll set it up' ('it'"
        " is the mid-point meeting in the clause before: coreference); 604's 'scrap the survey idea, she'll "
        "just ask them in the retro instead' drafted as an item (a cancellation; its replacement is already "
        "the next list's first line); 605's 'he'll own it from now and report back to her' drafted as hers "
        "(Femi's work, 'he' read as the client) and 'She'll brief him tomorrow' missed ('him' is Femi: "
        "coreference again); 606's '(me!)' after a reminder (an owner tag with '!' outside a list); 607's "
        "'She also wants to practise X, ideally this week' missed ('ideally' before the date); 608's Greek "
        "('θα μιλήσει', 'εγώ: θα της στείλω', 'πριν το επόμενο session': no Greek verbs, owner words or "
        "dates are known, as with 587's Turkish).",
        "",
        "2026-12-07, holdout 60: on the 611 notes before it the rules went from 2127 of 2242 drafted / 2303"
        " true (0.95 / 0.92, tentative right 2106) to 2128 / 2242 / 2303 (585's 'within the next week' now "
        "counts a week from the session, as its truth does; no old note lost a match); notes 612-625 went "
        "from 0.54 / 0.50 (33 of 61 / 66, tentative right 32) at first look, the lowest first-look "
        "precision so far, to 0.89 / 0.86 (57 of 64 / 66, tentative right 56); all 625 from 2160 of 2303 / "
        "2369 (0.94 / 0.91) to 2185 / 2306 / 2369 (0.95 / 0.92, tentative right 2162). The first-looks "
        "median moves to 0.78 / 0.66 over 58 batches (0.785: between 0.78 and 0.79)."
        " Malay with no actions, the running list's '(new)' markers and the struck-through '~~done~~' lines "
        "needed no change. Fixed: 'within the next week' (or fortnight) is counted from the session; 'end of"
        " Q' is this quarter's end; '27-Nov' and '18.04.' are dates; a table's column heads and owners in "
        "the languages whose dates are read ('Verantwortlich', 'Frist', 'Klient', 'beide', 'offen', a bare "
        "'Freitag', 'nächste Sitzung'); a 'TBC' / 'n/a' due cell leaves the date open instead of hedging the"
        " task (a status column's 'maybe' still hedges) and a row 'parked till Jan' is no item; a heading "
        "longer than a label ('Agreed experiments for the next four weeks:') heads its list; '- done ✔'; a "
        "shared doc whose heading says the notes are the client's and sets the coach's lines apart "
        "('(Leila's notes; Sarah's lines marked SC)') has the client's 'I'; '… – Jonas, associate' signing a"
        " prep for 'supervision with Sarah' makes 'I' the associate's and 'Sarah – you said you'd' the lead "
        "coach's; '…, and bring them to our next session' stays one action; 'What you said you'd do before "
        "we meet on 7 February:' dates its lines; ' + ' between two verb phrases; '→ carried over, now by 30"
        " Nov'; 'I want to put X in writing, say by the 7th'; 'actually make that the 21st' moving the date "
        "the message before named. Left open: 612's Hindi verbs at the end ('baat karegi', 'bhejungi', "
        "'shayad … karegi': the verb would have to be found last and put first, a parse per language); "
        "613's 'He'll send it to his MD' ('it' is the proposal two sentences back; the rules take 'the logic"
        " is sound' from the sentence before: coreference) and 'I suggested he sit with it …; he agreed to "
        "write down …' (the suggestion drafted, the agreement missed); 614's 'Template coming tonight' (a "
        "later message dating the coach's item by its noun) and 'thinking about it, Friday is too soon' "
        "read as a 'think about' item when the client is tagged by her first name; 615's 'before she goes "
        "on leave' (the leave is dated 'from 3 April' in the context line, an event the rules do not name "
        "as such); 617's 'Write down the two things you will no longer say yes to, and share them with your"
        " team' (the relative clause's 'you will' split off as a second item); 620's 'SC: next session 20 "
        "Feb – bring the 1:1 notes' (read as a topic for next time, as the set reads 'next: X'); 621's 'one"
        " no-meeting morning per week … - he'll tell his EA tomorrow' (the habit before the dash is not "
        "drafted beside the step after it); 581's '… – Tom Reid (associate)' heading, which by the README's"
        " own rule makes 'I' the associate, is left as the set reads it (the coach's).",
        "",
        "2026-12-07, holdout 61: on the 625 notes before it the rules stayed at 2185 of 2306 drafted / 2369 "
        "true (0.95 / 0.92, tentative right 2162; no old note changed); notes 626-639 went from 0.56 / 0.47 "
        "(28 of 50 / 59, tentative right 27) at first look to 0.93 / 0.95 (56 of 60 / 59, tentative right "
        "56); all 639 from 2213 of 2356 / 2428 (0.94 / 0.91) to 2241 / 2366 / 2428 (0.95 / 0.92, tentative "
        "right 2218). The first-looks median stays 0.78 / 0.66, now over 59 batches. The coach writing of "
        "herself in the third person ('Sarah to send …'), the chemistry call whose only action is the "
        "proposal and the Outlook invite's header over a session with no actions needed no change. Fixed: "
        "'Next session: Thu 8 June' in the notes dates 'by our next session' when the record has none yet; "
        "'By our next session I will:' heads the writer's list (the deadline first, then whose); 'Each "
        "person committed to one thing before we meet again on 31 March:' dates its lines; a hyphenated "
        "first name in a team's 'Present:' line ('Joon-ho'); a speaker called by the end of the client's "
        "first name ('Seun' for Oluwaseun); a day and month in French, Spanish, German, Italian, Portuguese "
        "or Dutch ('d'ici vendredi 15 février', 'el 3 de abril', 'bis zum 5. April') and 'avant notre "
        "prochaine séance'; 'Tuesday and Thursday mornings' and 'no more Sunday pipeline reviews' name "
        "recurring slots, not a date; a CSV export's 'action,owner,due,status' rows; a key to the marks "
        "opening the lines ('Key: 👤 = Thandi, 🧑‍🏫 = me'); an email subject holding the actions "
        "('Subject: Actions from today – Kenji: …; me: …'); an event over days ('Thu 8 – Fri 9 Feb') dates "
        "'the Monday before / after' it from its first day (it took the weekday's next one); passive lines "
        "under 'Agreed:' are things to be done, not imperatives ('(by me)' the writer's, 'by Ingrid's comms "
        "lead' someone of hers, nobody named the client's as an untagged line there is: the set read 'with "
        "nobody named, no item' only outside an actions heading, and no old note had one inside); 'Stretch "
        "goal:' / 'time permitting' hedge; under 'What she's going to stop:' a line already saying 'no …' is "
        "not stopped twice. Left open: 627's 'The two site visits will be booked before the announcement' "
        "(the context dates the restructure as 'announced on 1 Feb', a verb the event key does not take as "
        "'the announcement') and 'The union rep gets an early briefing – Ingrid will do it herself, the week "
        "before the announcement' ('it' is the clause before: coreference; 'the week before X' is read as no "
        "date); 633's 'stop saying yes to every meeting – she'll decline anything without an agenda' drafted "
        "as two (the truth keeps one: the dash restates how); 638's 'check-ins … start 6 Feb – she'll send "
        "the invites' (a date before ' – ' does not date the next clause, a rule older notes need, and 'the "
        "invites' are the check-ins': coreference).",
        "",
        "2026-12-07, holdout 62: on the 639 notes before it the rules went from 2241 of 2366 drafted / 2428 "
        "true (0.95 / 0.92, tentative right 2218) to 2243 / 2367 / 2428 (0.95 / 0.92, tentative right 2220: "
        "615's 'before she goes on leave' and 620's 'SC: next session 20 Feb – bring the 1:1 notes', both "
        "left open in holdout 60, now match; no old note lost a match); notes 640-653 went from 0.39 / 0.28 "
        "(17 of 44 / 61, tentative right 16) at first look, the lowest first look so far, to 0.96 / 0.87 "
        "(53 of 55 / 61, tentative right 52); all 653 from 2258 of 2410 / 2489 (0.94 / 0.91) to 2296 / 2422 "
        "/ 2489 (0.95 / 0.92, tentative right 2272). The first-looks median moves to 0.77 / 0.66 over 60 "
        "batches (recall 0.655: between 0.65 and 0.66). One expectation was wrong: 642's 'Run office hours "
        "every Thursday from 25 Jan' was written undated, but the set dates a recurring item by its start "
        "(363's 'starting next Monday', 335's 'starting with the one on 15 Feb'), so it is due 25 Jan (the "
        "first look is the same either way). The voice memo's fillers, the coach's 'Your next steps:' email "
        "with its signature and the Korean note with no actions needed no change once the coach's own "
        "'check in on Friday? – no, he asked for no messages' was read as withdrawn. Fixed: 'by the "
        "twelfth', 'the twenty-fourth' (days in words) and 'by 31 Nov' (a day the month lacks: its last "
        "day); footnoted dates ('…¹' over '¹ by our next session'); a recorder's 'SC 00:14  …' turns by "
        "initials; 'Probably.' or 'If the CEO's in the room.' as the next sentence hedges the item before "
        "it; a list heading 'Next steps before our next session:' dates its lines; a tracker's id ('ACT-12:',"
        " 'KR1.1') opens a list line (a key result that is a measure still gives no item); 'decline' is an "
        "action verb; '… – to discuss next time' is a topic; a retro's START / STOP / CONTINUE (Continue "
        "gives no item); a mind map drawn with '├─' / '└─' as an outline whose branches head their leaves "
        "('└─ Me'); dates in Japanese, Korean, Hindi (Devanagari) and Arabic "
        "('来週の金曜日までに', '次回までに', 'शुक्रवार तक', 'بكرة') and the writer's tag '私 (me):'; "
        "a leave the notes date ('on leave 28 Feb – 10 Mar', 'back from leave 13 Mar') "
        "dates 'before she goes on leave' and 'within two weeks of "
        "getting back'; ', then send me X by Thursday' is a second step; an item restated later with a date "
        "(a status table's 'Blocked' row, then the new line) takes the date, 'do the Dana intro' being the "
        "'Intro Noa to Dana' row; 'Next session – bring X' is the client's, due then; the next session "
        "named in a title between dashes; 'I'll have had X' is 'Have X'; 'From me: A + B' is two things "
        "sent. Left open: 645's Hindi verbs in Devanagari ('HR के साथ बात करेगी', 'मैं उसे … भेजूँगी': the verb "
        "comes last, as holdout 60 left the romanised 'baat karegi'), and 644's line wholly in Japanese "
        "('12月の日程を確認する': drafted, but its words are not English, so it cannot match); "
        "641's 'two dates for a check-in call in the week of the 14th' (the week is the call's, "
        "the set reads 'w/c 14th' as a"
        " due date); 647's 'Performance reviews for his six directs: all written by 31 Nov' (a passive with "
        "nobody named, which the set reads as no item outside an actions heading); 648's verbless undated "
        "table row 'Weekly 30-min 1:1 with each co-founder | Noa | Open' (a table's noun-phrase row needs a "
        "date to be an item, as the set reads them); 650's '→ no laptop after 21:00 (trial, 2 weeks)' (a "
        "'no …' rule is an item only under a commitments heading, and a mind map's arrow is no heading).",
        "",
        "2026-12-07, holdout 63: on the 653 notes before it the rules went from 2296 of 2422 drafted / 2489 "
        "true (0.95 / 0.92, tentative right 2272) to 2297 / 2422 / 2489 (0.95 / 0.92, tentative right 2273: "
        "425's 'Falar com a equipa' now matches and 206's 'Diego will not edit it first' is no longer "
        "drafted; "
        "no old note lost a match); notes 654-667 went from 0.58 / 0.57 (28 of 48 / 49, tentative right 27) "
        "at first look to 0.83 / 0.80 (39 of 47 / 49, tentative right 38); all 667 from 2324 of 2470 / 2538 "
        "(0.94 / 0.92) to 2336 / 2469 / 2538 (0.95 / 0.92, tentative right 2311). The first-looks median "
        "moves to 0.76 / 0.65 over 61 batches. The phone's autocorrect ('meet with hid boss', 'by Firday', "
        "'tmrw'), the 24h/12h times ('by 17:00 Friday', 'by 10 a.m. Monday'), the '1.a / 2.b' nesting and "
        "the 'Urgent: she calls legal before Friday's meeting' line needed no change. Fixed: he or she in "
        "the notes' other language "
        "before its going-to ('Ele vai escrever …', 'Elle va appeler …') is the client, 'conversar' a verb, "
        "'amanhã', 'antes da próxima sessão' and Chinese '今天' / '明天' dates; 'He's going to a competitor' "
        "is no commitment; '– no, it expires anyway, ignore that' takes the line back; a heading "
        "'Amara's own "
        "words (she typed these …):' makes the unquoted 'I will …' lines below it the client's until a rule "
        "('______') or the next heading ('Mine (Sarah):'); 'He will not apply for …' is a decision not to "
        "act, as 'he won't' already was; a heading 'Questions I'll ask her next time:' is no step; an email "
        "address in an Owner column ('sarah.cave@…') is the person it names; a trailing 'once she confirms "
        "the slot' or 'whenever she gets a chance – not urgent' is when, not what; a step in the present "
        "marked urgent ('URGENT: she emails the board chair … ASAP') is one without a date, as a dated one "
        "is. Left open: 658's 'get the "
        "PO number … before the invoice goes out' (the set dates it by the invoice item's 15 Nov: an event "
        "dated only by another item, which the rules do not chain); 659's 'block 30 mins before the update' "
        "(the investor update is dated in the sentence above; 'the update' is coreference); 661's 'the new "
        "Monday slot' (a weekday naming a slot, read as a date); 663's row owned by 'tomas@acme.com' (a "
        "table row whose owner is no one of the session is drafted as the client's, as a plain 'Tomas' "
        "is: the table reader has no third-party owner yet); 664's walk-and-talk brackets ('[action – me: "
        "send …]', '[she'll try it from next week, tentative]': a bracket as an owner tag inside prose); "
        "666's 'If Sofie agrees, he'll introduce her … before he goes' (drafted, but 'before he goes' is "
        "not dated by 'last day 28 February') and ', and let Henrik know by Friday' drafted as a second "
        "item; 667's repeated board-paper draft (both lines dated Monday, one matched to the wrong item), "
        "'We (me, that is) will look at …' (the coach's 'we'), and the 'ongoing' items ('Journaling: "
        "ongoing, no end date').",
        "",
        "2026-12-07, a truth corrected with its rule: 581's '- I'll send him the SCARF summary sheet' under "
        "the heading '… – Tom Reid (associate)' was written as the coach's, against the README's rule that "
        "a note signed at its heading's end by an associate is hers ('I' the associate), which the rules "
        "applied to '– Jonas, associate' but not to the bracketed '(associate)'. Both now: the truth says "
        "associate and the rules read it so (a unit test in other words); all 653 stay at 2296 / 2422 / "
        "2489, no other note changed.",
        "",
        "2026-12-07, holdout 64: on the 667 notes before it the rules stayed at 2336 of 2469 drafted / 2538 "
        "true (0.95 / 0.92, tentative right 2311; no old note gained or lost a match); notes 668-681 went "
        "from 0.70 / 0.59 (38 of 54 / 64, tentative right 38) at first look to 0.90 / 0.88 (56 of 62 / 64, "
        "tentative right 56); all 681 from 2374 of 2523 / 2602 (0.94 / 0.91) to 2392 / 2531 / 2602 (0.95 / "
        "0.92, tentative right 2367). The first-looks median moves to 0.755 / 0.65 over 62 batches (between "
        "0.75 and 0.76). The Notion checklist ('☑' done, 'by ~~Fri~~ Mon'), the '!!' sticky note with 'J' "
        "and 'the boss', the 'No actions this time' note with one step in a later sentence and the coach's "
        "in a P.P.S., and the Scots transcript's 'I'll try to … I'm no promising' (tentative) against 'I "
        "will … Definitely' needed no change beyond the dates. Fixed: 'ch. 3–5', 'pp. 40' and 'Mr. Okafor' "
        "end no sentence (the rules drafted 'Read ch' and 'Send … to Mr', dates lost); roman numerals "
        "('ii.', 'iv)') number a list; 'Hye-jin – draft …' is a dash tag as 'Femi – …' is; an actions "
        "heading qualified after a comma ('Commitments, as read back at the close:') is the heading; "
        "'before Diwali' / 'by Chinese New Year (2027)' / 'Lunar New Year' / 'Tet' are the festival's eve "
        "(a table of their dates 2026-2030), as 'before Christmas' is the 24th; Scots 'the morn' / 'the "
        "morra' / 'over the morrow' are tomorrow; a 'You:' label in the coach's recap emailed to the client "
        "is the client's; a request turned down ('He asked me to call his boss – I said no', '… – no, same "
        "reason') is no item; a meeting assistant's footer ('You should review Gemini's notes …') is no "
        "step and a suggestion marked '← no, she decided against this' is called off; an associate's "
        "write-up opening 'Sarah – …' and signed 'Leila' is written to the lead coach ('I' the associate's, "
        "'could you' the lead's); 'TODO(coach):' / 'TODO(client):' / 'AP:' inside a paragraph mark that "
        "sentence; 'Budget deck: ~80%, she'll close it out Monday' says what 'it' is; 'Both of us to read "
        "…' in a one-to-one is an item each (the set's reading of 'Both to'). Left open: 669's 'I said I'd "
        "check with you' (the write-up is the check; drafted as the associate's) and 'the three phrases he "
        "wants to use on Friday' (the Friday is the phrases', not the send's); 670's quoted 'I'll try, no "
        "promises' (the client's words, drafted as the coach's 'Try'); 671's 'Stakeholder map: 30% done, "
        "finish by Fri' (an imperative with no object after the status: no thing for it to take); 672's "
        "'Restart the monthly store-manager calls after Diwali – probably' (a verb-led line whose 'after' "
        "is a start, not drafted); 673's 'Multipliers ch. 1–2 by Sunday, ch. 6–7 by the 29th' (one verbless "
        "line, two dated parts: only the first) and 'I'll re-read X and pull out Y' drafted as two; 676's "
        "newest-first email chain (the reply on top moves Monday to Thursday 20th; the rules read a chain "
        "top down and keep the older date); 678's 'Bring the list next time' after the list's own Monday "
        "(drafted as a second item); 679's Vietnamese ('Chị Lan sẽ gửi …', 'Tôi sẽ gửi chị …', 'trước thứ "
        "Sáu', 'chưa chắc'): no Vietnamese verbs, pronouns or weekdays are read yet, a language of its own "
        "to add rather than a rule to bend.",
        "",
        "2026-12-08, holdout 65: on the 681 notes before it the rules stayed at 2392 of 2531 drafted / "
        "2602 true (0.95 / 0.92, tentative right 2367; no old note gained or lost a match, the same misses "
        "and false alarms after each fix); notes 682-695 went from 0.58 / 0.49 (38 of 65 / 77, tentative "
        "right 38) at first look to 0.90 / 0.78 (60 of 67 / 77, tentative right 60); all 695 from 2430 of "
        "2596 / 2679 (0.94 / 0.91) to 2452 / 2598 / 2679 (0.94 / 0.92, tentative right 2427). The "
        "first-looks median stays 0.75 / 0.65, now over 63 batches. The three co-founders in prose and the "
        "'Still open from 17 Mar:' carry-overs needed no change. Fixed: an event dated with a short "
        "weekday ('board meeting Thu 14 Oct') or in brackets after it ('the ERP go-live (1 Sept)') anchors "
        "what is counted from it, 'the week after the board' is that week's Friday and 'the evening of the "
        "board' its day; a stated fiscal year ('their FY runs 1 July – 30 June') counts 'end of FY Q3', "
        "'Q1', 'H1' in it; an associate named with her grade ('Hannah Lee (trainee associate)') is an "
        "associate, and a subjectless '- to …' / '- will …' under 'Me:' or her heading is that heading's "
        "(it was the client's); last time's promise quoted then '– she did' is no item and '– she didn't; "
        "she'll do it this week' hers again, dated, and '– not sure it's worth it' after her quoted words "
        "hedges them; a RACI table's R column is who does the row; a scanned page's slips ('l'll', 'hirn', "
        "'rnay', 'Frlday') are read as the words and a kind of day in quotes ('the \"no-meeting Wed\" "
        "idea') is no date; a Trello 'Checklist: Actions (1/5)' heads its boxes; a document's exported "
        "comments ('Comment – Ines Carvalho, 17 Nov: I'll …') are their authors' turns; '(1) …, (2) …, and "
        "(3) …' inside a paragraph, its first item holding the subject ('(1) he'll …'), is its list of "
        "verbs. Left open: 682's 'by the end of next week she will have written …' (a date before the "
        "subject in a joined clause is not the clause's) and 'The Monday after that she will share …' "
        "(dropped: 'that' as an anchor in the sentence before is not read); 684's 'cut the paper …, send "
        "it to the CFO …, and ask …' (a verb list whose middle verb takes 'it' loses that verb and its "
        "date goes to the first, an older gap), 'From me: (i) the checklist, today; (ii) a read …' "
        "(verbless things the coach will send, numbered: not drafted) and 'let her run the Thursday ops "
        "review from next week' (a start read as a due date); 689's comment questions answered in a reply "
        "('can you also ask HR …?' / 'Yes, will do Monday', '@Sarah could you …?' / 'On it – before our "
        "next session') and 'maybe ask to present …? Not sure yet.' (a question to herself); 690's voice "
        "memo wholly in German ('Sie wird bis Freitag … sprechen', 'schreibt sie', 'will sie übermorgen "
        "führen', 'Vielleicht meldet sie sich … an', 'Ich schicke ihr …, und ich frage Jens bis Montag'): "
        "German word order (the verb last, separable verbs) is not read, only verbs near the front; 693's "
        "'A 20-minute go-live status check every Friday with his PMO lead' (a verbless habit under an "
        "agreed heading); 688's 'they'll rotate, Jun first' (drafted as an item, arguably part of Rosa's).",
        "",
        "2026-12-08, holdout 66: on the 695 notes before it the rules stayed at 2452 of 2598 drafted / "
        "2679 true (0.94 / 0.92, tentative right 2427; no old note gained or lost a match after each fix); "
        "notes 696-709 went from 0.62 / 0.60 (36 of 58 / 60, tentative right 36) at first look to 0.73 / "
        "0.68 (41 of 56 / 60, tentative right 41); all 709 from 2488 of 2656 / 2739 (0.94 / 0.91) to 2493 "
        "/ 2654 / 2739 (0.94 / 0.91, tentative right 2468). The first-looks median stays 0.75 / 0.65, now "
        "over 64 batches. The second person the coach also coaches (her steps left out) and the 'Parking "
        "lot' / 'Not doing' lists needed no change. Fixed: a heading of a word or two with only a period "
        "in brackets ('NOW (this week)') dates the list under it and is no item itself; a ticket tracker's "
        "ticket ('LEAD-101  Draft …' over 'Assignee:', 'Due date:', 'Status:') is its assignee's, dated, "
        "and no action when Done; '18/Apr/28' and '2-Apr-2026' are dates with their year. Left open (the "
        "hard stop came first): 697's 'Might also ping Lucy …, not sure yet 🤔' (a hedged chat turn, not "
        "drafted); 698's 'before the 1:1' with the 1:1 dated in a 'Context:' line and 'by EOQ' (no date "
        "given: the event's date and 'EOQ' are not read); 699's 'she wants to have the conversation with "
        "Rob on the nineteenth, that's the day after he's back' (the aside after the comma swallows the "
        "clause); 700's '… – and if he does ask, I'll make room for it' (the coach's step conditional on "
        "the client's: its 'it' is read from the wrong clause and it is not hedged); 701's rambling "
        "transcript ('one day I'll write …, but that's a someday thing' and her mentor's 'you should "
        "leave every committee …' drafted); 702's bullet journal ('>' migrated lines lost, the coach's "
        "'(me, Sarah)' line lost, '< offsite agenda' with no verb); 704's confidence scores ('– 7/10', "
        "'– 8/10', '– 10/10' read as dates; '(\"I'll probably chicken out\")' drafted as the coach's item "
        "in place of hedging the ask); 706's inline answers (the client's 'two of the three', 'I'll call "
        "him on Thursday instead' and 'Got it already' do not amend the quoted recap lines); 707's decision "
        "log (a Follow-up | Who | By table is not read as who / what / when); 708's 'maybe a team charter' "
        "(verbless, not drafted); 709's texts moving dates after the session ('can we push the FAQ to "
        "Monday?' / 'Monday it is') and 'Sent you the SBI thing' (done).",
        "",
        "After each first look the rules were made more general for the kinds of failure seen (owner tags "
        "in brackets and arrows, one-block transcripts, questions vs a hedging '?', speaker labels with a "
        "name in brackets, 'COB Friday', emoji bullets, 'wondering about', object relative clauses, "
        "@mentions, 'next wk', 'over the next two weeks', 'thinking re:', owner headers, pasted tables, "
        "'probably', initials as owner tags rather than speakers, a gerund naming what 'it' is, a "
        "'Homework:' inside a paragraph, 'JD drafted by Tom by the 15th', 'maybe she could try …?', "
        "\"you said you'd\", two dated actions in one sentence, 'something to consider:', dictation "
        "correcting its own date, \"Grace's homework is to\", a date alone in a table cell, 'TODO Ruth:', "
        "'notes -> share w/ me', 'wk of 7th', '(ongoing)', 'Speaker 1/Speaker 2' from a recorder, 'Rob' "
        "for Robert, 'she shares it with the CEO on Thursday' after 'drafts the list by Tuesday', 'her goal "
        "is to', lowercase dictation's 'grow conversation', '(Samir) - Monday', 'a no-meeting Friday', "
        "'Should I …? -> raise with supervisor', 'Homework for Dan:', 'ACTION - me:', 'Her homework:', "
        "'To do (Mia): a; b', \"agreed he'd\", 'I suggested she try …; she'd consider it', 'agreed to X and "
        "to Y', 'will X, and Y', 'Deadline is …' after the actions, 'due 18th', 'take Friday off', "
        "'Follow up on:' taken for a speaker, 'a course that might suit her', 'If X goes ahead, K to …', "
        "\"didn't get to it - she'll run it\", 'Note to self: a, and b', '1. Beatriz drafts … (Fri 11 Dec)', "
        "'OKR', a ticked box, '1:1 with Jo, w/c 7th', 'ask her about X next time', 'and that he would', "
        "'- he looked exhausted', 'I can do that today', 'I'll tell you how it went', a heading tagged "
        "with the client's name, 'Coach to:', dictation's 'uh' and 'so that's it', 'b4 next sess', 'Fri pm', "
        "'whether to X is still open - he'll think about it', 'Each director to …', a speaker and time on "
        "their own line, WebVTT voice tags, HTML pasted in, the client's own emailed recap, 'decided to' "
        "with a date, an associate named in full, 'ana - call …. me: chase …' on one line, a joint or team "
        "session's others named in its opening ('Founders' session - Priya & Marco', 'Present: …'), 'Both "
        "to …', 'hold everyone to …', 'wants Maya to …', a stakeholder in a three-way, quoted words "
        "('\"must have\"'), 'tell her boss', 'send them both the …', a GROW 'Options:' list and 'Will:', "
        "'let me …', a phone's 'ill'/'hell'/'hes', a trailing ', if she agrees', '- she'll check with X "
        "first', dates written month first (12/16, 1/7), 'a summary of today', 'the week after the "
        "offsite', 'within 48 hrs of getting it', 'X signed off by … - Oscar', 'decided to X, and will Y', "
        "dash-tagged lines without bullets, 'did scarf', ticked '☑'/'✅' and '- sent' statuses, 'stakeholder "
        "map - not done, she'll finish it', a '>' block the client wrote, 'From me: X, and Y. I'll get both "
        "to you', 'Grace (maybe)' as a table's owner, 'thinking about why', 'three working days before the "
        "board meeting' and 'two days after that', numbered goals over lettered actions, 'by 5pm Monday', "
        "'move our next session', 'f/u w/ CFO re budget', unpunctuated voice-to-text, 'one thing he should "
        "stop doing', 'bring it up with her manager' after a guide was promised, 'send her the draft', a "
        "week's plan by weekday lines ('Mon: …', 'Thurs – …'), two imperatives on one tagged line, a "
        "forwarded email's 'I' as its sender's, an email signature's legal footer, '… to be sent by Priya' "
        "with no date, notes written to the associate ('Hi P,', 'For Priya (associate)', 'Tom - handover "
        "for …': 'you' and 'could you …' theirs), 'send you X and copy you in on Y', fillers ('going to, "
        "uh, sit down', 'you know', restarts), 'mentioned maybe doing', '(ex-COO, …)' after a name, 'if X "
        "she'll text me', '~~struck out~~' edits, a table copied with tabs and a 'Done' status, lines "
        "opening with their due date ('Fri 8 Oct - Priya: …', 'no date - me: …'), an associate's own notes "
        "that name the lead coach ('Sarah led, I observed'), '10/8' in a day-first note read as the date "
        "weeks away, 'skip-level lunch', a recorder's 'Outline' and '(12:04)', '➡️ new: …' and '❌ dropped', "
        "'for half a day', '… procurement. I'll …' ending a line's action, sub-bullets under 'X to …', a "
        "boss's '>' quoted email, 'the 14th' a month the notes name elsewhere, 'before the board', '; she'll "
        "share them with me by …', 'if nothing by Friday', ', sorry, next Friday', 'Friday afternoons', 'in "
        "the next session', 'I suggested … She said no', a chat's 'Name  4:30 PM', '… instead', numbered "
        "lines wrapped by hand, 'maybe he take …', 'he decide himself', 'Next session 26 Jan.' ending a "
        "list, 'I should have …', 'finish reading X and pick out Y', 'no actions for either of us', "
        "'Carla owns the first draft, due …', 'tell her boss she won't …', '- Q1', 'this afternoon or Monday "
        "morning', 'a note on Thursday', '1. [ ] …', 'Lo que acordamos:', 'Je lui envoie …', 'Week 1 "
        "(11-15 Feb): …', 'Sarah, … Priya', ', I'll aim for end of next week', 'What's the first step and "
        "when?' answered below it, 'EOW next week', '- Sarah (me)' over sub-bullets, 'full stop new line', "
        "'parlerà', 'Her homework for me:', '17.05' in a table, a chat app's '[date, time] Name:', a reply "
        "quoting the client's '> 1.' list, ', both by Friday', 'For me:', '- will let him know by Friday', "
        "'X: not done on my side', '; if it's still stuck, …', a bullet journal's '×' and '○', 'vóór', "
        "'but you're not sure you'll', 'after the Thursday stand-up', 'she'd had', 'In her words:' over "
        "quoted lines, 'Questions she's taking away:', 'this month', 'porozmawia', 'who / what / by when' "
        "rows, blank template fields, 'not something I should', 'Action:' / 'Owner:' / 'Due:' fields, 'Mine"
        " that stay with me:', 'every other Thursday', 'send them to me', 'Support needed', 're-send', 'by "
        "Fri 28th', 'KW 14', '- mine', '[text](url)', 'Remember to', 'ASAP: get …', 'Facilitator "
        "follow-ups:', 'before Module 4 (2 Dec)', 'apologise', 'within the next week', 'end of Q', "
        "'27-Nov', 'Verantwortlich' / 'Klient' / 'Frist', 'TBC' in a due cell, 'Agreed experiments for the "
        "next four weeks:', 'done ✔', '(Leila's notes; Sarah's lines marked SC)', '– Jonas, associate', "
        "'What you said you'd do before we meet on …:', ' + ', '→ carried over, now by …', 'actually make "
        "that the 21st', 'Next session: Thu 8 June', 'By our next session I will:', 'Each person committed "
        "… before we meet again on …:', 'Joon-ho', 'Seun', '15 février', 'Tuesday and Thursday mornings', "
        "'action,owner,due,status', 'Key: 👤 = …', 'Subject: Actions from today – …', 'Thu 8 – Fri 9 Feb', "
        "'(by me)', 'Stretch goal:', 'by the twelfth', 'by 31 Nov', '…¹' footnotes, 'SC 00:14', 'Probably.', "
        "'Next steps before our next session:', 'ACT-12:', 'KR1.1', 'to discuss next time', START / STOP / "
        "CONTINUE, '├─ … └─ Me', '来週の金曜日までに', 'शुक्रवार तक', 'بكرة', '私 (me):', "
        "'on leave 28 Feb – 10 Mar', "
        "'within two weeks of getting back', ', then', 'do the Dana intro', 'Next session – bring X', 'I'll "
        "have had', 'From me: A + B', 'Ele vai …', 'amanhã', '今天', 'going to a competitor', 'ignore "
        "that', 'X's own words:', 'will not', 'Questions I'll ask her next time:', 'dana@acme.com', "
        "'once she "
        "confirms', 'whenever she gets a chance', 'URGENT: she emails', 'ch. 3–5', 'ii.', 'Commitments, as "
        "read back:', 'before Diwali', 'the morn', 'You:', 'asked me to … – I said no', '← no', 'Sarah – "
        "write-up', 'TODO(coach):', '~80%', 'Both of us to', 'NOW (this week)', "
        "'LEAD-101 … Assignee:', '18/Apr/28'); the"
        " "
        "figures above the list include those notes. Expect notes never seen to score nearer the first looks "
        "than the tuned figure: the gap is the honest uncertainty of a rules drafter.",
        "",
        "| style | precision | recall | items |",
        "|---|---|---|---|",
    ]
    for style, s in sorted(by_style.items()):
        lines.append(f"| {style} | {s.precision:.2f} | {s.recall:.2f} | {s.true_items} |")
    lines += ["", "Misses:", ""] + [f"* {m}" for m in total.misses]
    lines += ["", "False alarms:", ""] + [f"* {m}" for m in total.false_alarms]
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
