"""Due dates from the notes' words, resolved against the session date (a Tuesday) and next session."""

from __future__ import annotations

from datetime import date

import pytest

from automation.sessions.dates import event_dates, find_due_phrases, pick_due

SESSION = date(2026, 3, 3)  # a Tuesday
NEXT = date(2026, 3, 17)


def due(text: str, next_session: date | None = NEXT) -> date | None:
    phrase = pick_due(find_due_phrases(text, SESSION, next_session))
    return phrase.due if phrase else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send it by Friday", date(2026, 3, 6)),
        ("call her on Tuesday", date(2026, 3, 10)),  # the session's own weekday is next week's
        ("share it by next Wednesday", date(2026, 3, 11)),
        ("next Monday", date(2026, 3, 9)),
        ("before our next session", NEXT),
        ("bring it to the next team session", NEXT),  # a team coached together: still the next session
        ("before our next coaching session", NEXT),
        ("before we meet again", NEXT),
        ("end of the month", date(2026, 3, 31)),
        ("by the end of next month", date(2026, 4, 30)),
        ("today", SESSION),
        ("tonight", SESSION),
        ("tomorrow", date(2026, 3, 4)),
        ("by end of day tomorrow", date(2026, 3, 4)),
        ("by the 20th of March", date(2026, 3, 20)),
        ("by 20 March", date(2026, 3, 20)),
        ("by March 20th", date(2026, 3, 20)),
        ("by the 2nd", date(2026, 4, 2)),  # the next 2nd to come
        ("by January 9", date(2027, 1, 9)),  # a month day already past is next year's
        ("this week", date(2026, 3, 6)),
        ("some time during the week", date(2026, 3, 6)),
        ("next week", date(2026, 3, 13)),
        ("by the end of next week", date(2026, 3, 13)),
        ("in two weeks", date(2026, 3, 17)),
        ("2 wks", date(2026, 3, 17)),
        ("in 10 days", date(2026, 3, 13)),
        ("end of Q2", date(2026, 6, 30)),
        ("on 2026-04-01", date(2026, 4, 1)),
        # a window of days is done by its last day
        ("sometime between the 9th and the 13th", date(2026, 3, 13)),
        ("between 6 and 10 April", date(2026, 4, 10)),
        ("between the 28th and the 2nd", date(2026, 4, 2)),
        # German "by next Friday" is read as "next Friday" is
        ("Übergabe bis nächsten Freitag", date(2026, 3, 13)),
    ],
    ids=lambda v: str(v),
)
def test_due__phrase_resolves(text: str, expected: date) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    "text",
    ["run the Monday stand-up", "every Friday", "for two weeks", "last Thursday", "three mornings a week",
     "within two days of getting it", "she may call", "no date",
     "try it on Monday mornings for the next month",  # a habit on every such morning, over a span
     "review the week with no meetings", "feedback on her first 100 days", "over the last 3 weeks",
     "between 2 and 3 people"],
)  # fmt: skip
def test_due__not_a_due_date(text: str) -> None:
    assert due(text) is None


def test_due__next_session_unknown_is_none() -> None:
    phrases = find_due_phrases("before our next session", SESSION, None)
    assert phrases and phrases[0].due is None and "not set" in phrases[0].note


def test_due__by_beats_a_mention() -> None:
    assert due("invite for a call on the 7th by the end of the week") == date(2026, 3, 6)


def test_due__trailing_tag_beats_an_earlier_mention() -> None:
    assert due("ask Jo for feedback on Tues pres - Mon") == date(2026, 3, 9)


def test_due__weekday_after_a_saturday_session() -> None:
    phrase = pick_due(find_due_phrases("this week", date(2026, 3, 7), None))
    assert phrase is not None and phrase.due == date(2026, 3, 13)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within 48 hours", date(2026, 3, 5)),
        ("in 24 hours", date(2026, 3, 4)),
        ("by mid-April", date(2026, 4, 15)),
        ("by mid February", date(2027, 2, 15)),  # a month already past is next year's
        ("before Christmas", date(2026, 12, 24)),
        ("by the new year", date(2026, 12, 31)),
        ("by the weekend", date(2026, 3, 6)),  # its Friday
        ("by Friday week", date(2026, 3, 13)),  # British: the Friday after this one
        ("by Thurs wk", date(2026, 3, 12)),  # the same, shortened
        ("this arvo", SESSION),  # Australian: this afternoon
        ("by 03/04/2026", date(2026, 4, 3)),  # day first, the business's convention
        ("by 04/02/2026", date(2026, 4, 2)),  # 4 February is past, 2 April is not: month first
        ("by 02/03/2026", date(2026, 3, 2)),  # both readings past: day first, as written
    ],
)
def test_due__more_ways_people_write_dates(text: str, expected: date | None) -> None:
    assert due(text) == expected


def test_due__seasons_are_read_only_where_they_are_clear() -> None:
    assert due("in the new year") is None  # after it, not a deadline
    assert due("before the holidays") is None  # in March: which holidays?
    november = pick_due(find_due_phrases("before the holidays", date(2026, 11, 20), None))
    assert november is not None and november.due == date(2026, 12, 24)
    # A stated date beside a season wins: "before the holidays (by 18 Dec)"
    stated = pick_due(find_due_phrases("before the holidays (by 18 Dec)", date(2026, 11, 20), None))
    assert stated is not None and stated.due == date(2026, 12, 18)


def test_due__the_week_of_a_day_is_that_day_as_w_c_is_written() -> None:
    assert due("ask HR (wk of 9th)") == date(2026, 3, 9)
    assert due("book it, w/c 16 March") == date(2026, 3, 16)
    assert due("the week of the 23rd") == date(2026, 3, 23)


@pytest.mark.parametrize(
    "text",
    [
        "email the team a summary of today",  # the session, not a deadline
        "send today's notes",
        "book our follow-up for the week after the offsite",  # not this week
        "send notes within 48 hrs of getting it",  # counted from an event with no date
        "review it within a couple of days of the board meeting",
        "sort next week's meetings into keep and decline",  # names the meetings, not a deadline
    ],
)
def test_due__the_session_or_an_undated_event_is_no_due_date(text: str) -> None:
    assert due(text) is None


def test_due__a_couple_of_days_is_two() -> None:
    assert due("within a couple of days") == date(2026, 3, 5)


def test_due__notes_that_write_dates_month_first__read_their_ambiguous_dates_month_first() -> None:
    from automation.sessions.dates import month_first_in, numeric_order

    december = date(2026, 12, 9)
    us = ["Jordan - 12/9 session", "- send the deck by 12/16", "- dry run on 1/7"]
    assert month_first_in(us, december)  # 12/16 reads only month first; 12/9 is the session that way
    with numeric_order(month_first_in(us, december)):
        phrase = pick_due(find_due_phrases("dry run on 1/7", december, None))
    assert phrase is not None and phrase.due == date(2027, 1, 7)
    plain = pick_due(find_due_phrases("dry run on 1/7", december, None))
    assert plain is not None and plain.due == date(2027, 7, 1)  # day first, the business's convention
    assert not month_first_in(["Ibrahim - 20/1", "by 3/2", "12/16"], date(2027, 1, 20))  # both kinds
    assert not month_first_in(["support 24/7, split 50/50"], december)  # not dates near the session


@pytest.mark.parametrize(
    ("time_zone", "month_first"),
    [
        ("America/Chicago", True),
        ("America/Indiana/Indianapolis", True),
        ("America/Toronto", True),
        ("Pacific/Honolulu", True),
        ("Europe/London", False),
        ("America/Sao_Paulo", False),  # Latin America writes day first
        ("America/Mexico_City", False),
        ("Australia/Sydney", False),
        ("", False),
    ],
)
def test_due__the_business_time_zone_reads_3_4_when_the_notes_do_not_tell(
    time_zone: str, month_first: bool
) -> None:
    from automation.sessions.dates import month_first_in

    february = date(2028, 2, 8)
    assert month_first_in(["Jake", "- run it by HR by 3/4"], february, time_zone) is month_first
    # both kinds in one note settle nothing either: the zone decides
    assert month_first_in(["by 3/2", "by 20/2", "by 2/20"], february, time_zone) is month_first


@pytest.mark.parametrize("time_zone", ["America/Chicago", "Europe/London"])
def test_due__the_notes_own_dates_outrank_the_time_zone(time_zone: str) -> None:
    from automation.sessions.dates import month_first_in

    february = date(2028, 2, 8)
    assert month_first_in(["by 3/4", "and the deck by 17/2"], february, time_zone) is False
    assert month_first_in(["by 3/4", "and the deck by 2/17"], february, time_zone) is True


@pytest.mark.parametrize("text", ["by 29 February", "by Feb 29th", "by 29/02", "due 2/29", "w/c 29 Feb"])
def test_due__a_leap_day_written_in_the_year_before_is_next_years(text: str) -> None:
    # notes of 30 Dec 2027: 29 February 2027 never was, 29 February 2028 is two months away
    phrase = pick_due(find_due_phrases(text, date(2027, 12, 30), None))
    assert phrase is not None and phrase.due == date(2028, 2, 29)


def test_due__a_leap_day_with_no_leap_year_to_come_is_no_date() -> None:
    # notes of 1 March 2028: the next 29 February is in 2032, beyond any action's horizon
    phrase = pick_due(find_due_phrases("by 29 February", date(2028, 3, 1), None))
    assert phrase is not None and phrase.due is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the day after the launch on the 12th", date(2026, 3, 13)),
        ("two days before the offsite on 20 March", date(2026, 3, 18)),
        ("a week after the review on the 5th", date(2026, 3, 12)),
        ("three working days before the audit on Monday 16 March", date(2026, 3, 11)),  # skips the weekend
        ("two days after the session", date(2026, 3, 5)),
    ],
)
def test_due__a_date_counted_from_another_written_with_it(text: str, expected: date) -> None:
    assert due(text) == expected


def test_due__a_date_counted_from_an_event_the_notes_date_elsewhere() -> None:
    with event_dates(["Context: the town hall is on the 19th, and she's nervous."], SESSION, NEXT):
        assert due("she'll send the slides to comms the day before the town hall") == date(2026, 3, 18)
        assert due("collect feedback two working days after the town hall") == date(2026, 3, 23)
        assert due("brief the board the day after the offsite") is None  # an event with no date


def test_due__an_event_dated_at_the_start_of_a_line_or_sentence_needs_no_article() -> None:
    notes = [
        "Town hall is on 19 March; the budget should land before it.",
        "Nervous. Offsite is on the 26th.",
    ]
    with event_dates(notes, SESSION, NEXT):
        assert due("she'll brief comms before the town hall") == date(2026, 3, 19)
        assert due("write to the team two days after the town hall") == date(2026, 3, 21)
        assert due("thank the venue the day after the offsite") == date(2026, 3, 27)
    with event_dates(["She is on 3 calls a day; it is on her list."], SESSION, NEXT):
        assert due("book a prep call before the board") is None  # "she is", "it is": no event named


def test_due__a_bare_day_takes_the_month_the_notes_give_that_day_elsewhere() -> None:
    notes = ["She owns the plan; the board meets on the 14th of April."]
    with event_dates(notes, SESSION, NEXT):
        # the 14th of March is still ahead, but the notes say which 14th the board is on
        assert due("test them with her team before the board on the 14th") == date(2026, 4, 14)
    assert due("test them with her team before the board on the 14th") == date(2026, 3, 14)
    with event_dates(["Q1 review on 14 April; offsite on 14 May."], SESSION, NEXT):
        assert due("before the 14th") == date(2026, 3, 14)  # two 14ths named: not the notes' to choose


def test_due__a_weekday_after_or_before_an_event_dated_without_on() -> None:
    # "board meeting Wednesday 25 March" dates the event with no "on"; "the Monday after" is the next one
    context = ["Context: offsite Thursday 19 March; board meeting Wednesday 25 March."]
    with event_dates(context, SESSION, NEXT):
        assert due("write to each board member the Monday after the board") == date(2026, 3, 30)
        assert due("circulate the agenda the Friday before the offsite") == date(2026, 3, 13)
        assert due("send a thank-you the Thursday after the offsite") == date(2026, 3, 26)  # not the same day


def test_due__before_an_event_the_notes_date_elsewhere_is_that_date() -> None:
    with event_dates(["- board pack is hers; board on the 19th"], SESSION, NEXT):
        assert due("me: book a prep call with her before the board") == date(2026, 3, 19)
        assert due("book a prep call before the offsite") is None
    assert due("book a prep call with her before the board") is None


def test_due__that_counts_from_the_date_before_it_in_the_sentence() -> None:
    text = "she'll call him on Friday and write it up two days after that"
    assert [p.due for p in find_due_phrases(text, SESSION, NEXT)] == [date(2026, 3, 6), date(2026, 3, 8)]
    assert due("write it up the day after that") is None  # nothing before it to count from


def test_due__an_hour_goes_with_its_day() -> None:
    assert due("send the script to comms by 5pm Monday") == date(2026, 3, 9)
    assert [p.text for p in find_due_phrases("dry run on Wednesday at 4pm", SESSION, NEXT)] == [
        "on Wednesday at 4pm"
    ]


def test_due__mid_month_after_the_15th_is_next_months() -> None:
    assert pick_due(find_due_phrases("by mid-month", date(2026, 3, 20), NEXT)).due == date(2026, 4, 15)


def test_due__our_next_session_as_the_thing_acted_on_is_no_date() -> None:
    assert due("check whether I can move our next session forward a week") is None
    assert due("bring it to our next session") == NEXT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("launch the mentoring scheme in Q2", date(2026, 6, 30)),  # within the quarter: due at its end
        ("launch the mentoring scheme - Q3", date(2026, 9, 30)),
        ("she won't take the project on until Q2", None),  # until a quarter is no deadline
        ("roll out the new framework next quarter", date(2026, 6, 30)),  # within it: due at its end
        ("the end of next quarter", date(2026, 6, 30)),
        ("next quarter's numbers are due soon", None),  # the numbers are named, not dated
        ("finish the calibration by mid-month", date(2026, 3, 15)),  # this month's 15th
        ("have it this afternoon or Thursday morning", date(2026, 3, 5)),  # the later choice is the deadline
        ("call her Thursday or Friday", date(2026, 3, 6)),
        ("drop you a note on Thursday", date(2026, 3, 5)),  # 'a note' before 'on Thursday' is no kind of day
    ],
    ids=lambda v: str(v),
)
def test_due__quarters_alternatives_and_a_day_after_a_noun(text: str, expected: date | None) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("book the debrief for 20/3", date(2026, 3, 20)),  # the day it is booked for
        ("book a room for 10/4/2026", date(2026, 4, 10)),
        ("share the survey for 2/3 of the team", None),  # a fraction, not a date
        ("cover the desk for 1/2 an hour", None),
    ],
)
def test_due__a_numeric_date_after_for_is_the_day_booked(text: str, expected: date | None) -> None:
    assert due(text) == expected


def test_due__the_week_before_an_event_is_a_span_not_the_events_date() -> None:
    with event_dates(["Context: board meeting on the 25th."], SESSION, NEXT):
        assert due("send the papers before the board") == date(2026, 3, 25)
        assert due("rehearse the pitch with me the week before the board") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("take a day off this side of Christmas", date(2026, 12, 24)),  # British for before it
        ("cut his meetings by 20% by June", date(2026, 6, 30)),  # a month's deadline is met within it
        ("by June 12", date(2026, 6, 12)),  # a day of the month still rules
        ("it started 3 weeks back", None),  # ago, not ahead
        ('send her the "first 90 days" questions', None),  # a title in quotes, not a date
        ("send the plan in 10 days", date(2026, 3, 13)),
        ("chair 1:1 -> before AGM (14th)", date(2026, 3, 14)),  # a day of the month in brackets is a tag
    ],
    ids=lambda v: str(v),
)
def test_due__this_side_of_by_a_month_and_numbers_that_name_no_date(text: str, expected: date | None) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the session is Tuesday 3 March 2026: that weekday of the month named, not the next such weekday
        ("agreed by the first Monday in April", date(2026, 4, 6)),
        ("on the last Friday of the month", date(2026, 3, 27)),
        ("the second Tues of next month", date(2026, 4, 14)),
        ("by the first Monday of March", date(2027, 3, 1)),  # this year's is past
    ],
    ids=lambda v: str(v),
)
def test_due__the_nth_weekday_of_a_month(text: str, expected: date) -> None:
    assert due(text) == expected


def test_due__the_following_weekday_counts_from_the_dated_event_its_sentence_names() -> None:
    lines = ["- finalise the speech ahead of the AGM on the 14th", "- debrief the AGM the following Monday"]
    with event_dates(lines, SESSION, NEXT):
        assert due(lines[0]) == date(2026, 3, 14)  # a Saturday
        assert due(lines[1]) == date(2026, 3, 16)
        # no event dated in the notes: the weekday as ever
        assert due("call the chair the following Monday") == date(2026, 3, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two days after this session she'll send it", date(2026, 3, 5)),
        ("speak to him within three days of this call", date(2026, 3, 6)),
        ("send the plan a week from today", date(2026, 3, 10)),
        ("by the time we next talk I'll have read it", NEXT),
        ("within 48 hrs of getting it", None),  # counted from something with no date yet
        # working days skip the weekend: Tuesday + 2 is Thursday, + 4 the Monday after
        ("provide a template within two working days", date(2026, 3, 5)),
        ("she'll reply within 4 business days", date(2026, 3, 9)),
        ("within two working days of getting it", None),
        ("two days after that", None),  # 'that' with no date before it: no guess
    ],
    ids=lambda v: str(v),
)
def test_due__counted_from_this_session_or_call(text: str, expected: date | None) -> None:
    assert due(text) == expected


def test_due__the_day_before_ending_its_clause_counts_from_the_date_before_it() -> None:
    phrases = find_due_phrases("the board is on Friday and she will prep the day before.", SESSION, NEXT)
    assert [p.due for p in phrases] == [date(2026, 3, 6), date(2026, 3, 5)]
    assert due("she will call him the day before") is None  # no date before it: no guess


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sit down with the CFO between Wednesday and Friday", date(2026, 3, 6)),
        ("call him between now and Thursday", date(2026, 3, 5)),
        ("meet her between Friday and Tuesday", date(2026, 3, 10)),  # the window runs past the weekend
    ],
)
def test_due__a_window_is_done_by_its_last_day(text: str, expected: date) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("speak to HR within the fortnight", date(2026, 3, 17)),  # as "within a fortnight"
        ("finish it within the month", date(2026, 3, 31)),  # as "within the week" is its Friday
        ("cut the budget by 10% before Q3", date(2026, 6, 30)),  # before the quarter starts
        ("hire the lead before Q1", date(2026, 12, 31)),  # next year's first quarter
        ("what she learned in the fortnight before the launch", None),  # a span, not a deadline
    ],
)
def test_within_the_fortnight_or_month_and_before_a_quarter(text: str, expected: date | None) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    "text",
    ["move our next session to the 28th", "push the 1:1s to next week", "reschedule the review to Friday"],
)
def test_moved_to__names_when_the_thing_will_be_not_a_due_date(text: str) -> None:
    assert due(text) is None
    assert due(f"{text}, and tell the team by Thursday") == date(2026, 3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send him the Vorlage morgen", date(2026, 3, 4)),
        ("schedule the Einzelgespräche bis Freitag", date(2026, 3, 6)),
        ("talk to Diego antes del viernes", date(2026, 3, 6)),
        ("send her the artículo mañana", date(2026, 3, 4)),
        ("book the 1:1 with Marc, la semaine prochaine", date(2026, 3, 13)),
        ("réviser le plan d'ici jeudi", date(2026, 3, 5)),
        ("block an hour every Morgen for planning", None),  # German 'Morgen' is the morning
        ("prepare the plan por la mañana", None),
    ],
)
def test_due__a_bilingual_coachs_when_in_her_other_language(text: str, expected: date | None) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the times offered to meet are not when the offer is due
        ("I'll offer her Tues 10th or Thurs 12th", None),
        ("I'll offer him either Monday or Wednesday", None),
        ("she'll propose the 20th to the team", None),
        # a thing offered, and its deadline, is still dated
        ("I'll offer her the role by Friday", date(2026, 3, 6)),
        ("she'll offer the team a retro on Friday", date(2026, 3, 6)),
        ("draft the offer letter by Friday", date(2026, 3, 6)),  # the noun
        ("sit with silence before offering anything in our next session", NEXT),
    ],
)
def test_times_offered_to_meet__are_no_due_date(text: str, expected: date | None) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send me his notes by EOW next week", date(2026, 3, 13)),  # next week's Friday, not this week's
        ("send me his notes by EOW", date(2026, 3, 6)),
        ("decide go/no-go by end of H1 - not before", date(2026, 6, 30)),
        ("launch the pilot in H2", date(2026, 12, 31)),
        ("the H1 review went well", None),
    ],
)
def test_due__eow_next_week_and_half_years(text: str, expected: date | None) -> None:
    assert due(text) == expected


def test_due__a_half_year_already_over_is_next_years() -> None:
    phrase = pick_due(find_due_phrases("decide by end of H1", date(2030, 11, 19), None))
    assert phrase is not None and phrase.due == date(2031, 6, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday before a day of the month names that day, as "Fri 13 Mar" does (not the coming Friday)
        ("draft the FAQ by Fri 13th", date(2026, 3, 13)),
        ("call him on Thurs 26th", date(2026, 3, 26)),
        # a calendar week by number, as German writers give it: that week's Friday
        ("org chart v2 finished by KW 14", date(2026, 4, 3)),
        ("talk to Petra before KW11 ends", date(2026, 3, 13)),
        ("send the plan by wk 12", date(2026, 3, 20)),
        # "week 3" of a programme the session (in the calendar's week 10) is past: a plan's count, no date
        ("send the deck by week 3 of the plan", None),
    ],
)
def test_due__weekday_with_day_and_calendar_weeks(text: str, expected: date | None) -> None:
    assert due(text) == expected


def test_due__before_a_calendar_week_ends__takes_its_ends_with_it() -> None:
    phrase = pick_due(find_due_phrases("talk to Petra before KW 11 ends", SESSION, NEXT))
    assert phrase is not None and phrase.due == date(2026, 3, 13) and phrase.text.endswith("ends")


@pytest.mark.parametrize(
    "text, expected",
    [
        # a day and month in the notes' other language, with or without its weekday and deadline word
        ("rencontrer les deux d'ici vendredi 13 mars", date(2026, 3, 13)),
        ("envoyer le plan avant le 20 mars", date(2026, 3, 20)),
        ("mandar el borrador el 3 de abril", date(2026, 4, 3)),
        ("das Konzept bis zum 5. April", date(2026, 4, 5)),
        ("la bozza entro il 10 aprile", date(2026, 4, 10)),
        ("classer l'équipe avant notre prochaine séance", NEXT),
        ("revisar antes de nuestra próxima sesión", NEXT),
    ],
)
def test_due__other_languages_day_month_and_our_next_session(text: str, expected: date) -> None:
    assert due(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "block Tuesday and Thursday mornings 8-10 as focus time",  # a pair of weekdays, then the part of day
        "no more Sunday pipeline reviews",  # a kind of meeting held that day
        "cancel Friday one-to-ones for the summer",
    ],
)
def test_due__a_weekday_naming_a_recurring_slot_or_meeting__is_no_date(text: str) -> None:
    assert due(text) is None


def test_due__a_weekday_before_a_pronoun_or_by__is_still_a_date() -> None:
    assert due("tell Jess Monday she has the budget") == date(2026, 3, 9)
    assert due("send the notes by Friday reviews or not") == date(2026, 3, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lunar festival's date moves each year: its eve, as 'before Christmas' is the 24th
        ("finish the bonus letters before Diwali", date(2026, 11, 7)),
        ("get the handover plan before Chinese New Year", date(2027, 2, 5)),  # 2026's (17 Feb) is past
        ("by Lunar New Year 2028", date(2028, 1, 25)),
        # Scots and Irish for tomorrow
        ("I'll do that the morn", date(2026, 3, 4)),
        ("I'll send you the sheet over the morrow", date(2026, 3, 4)),
        ("she's seeing him the morra", date(2026, 3, 4)),
    ],
)
def test_festivals_and_the_morn(text: str, expected: date) -> None:
    assert due(text) == expected


def test_the_morn_in_the_morning_sense_is_no_date() -> None:
    assert due("she walks every morn") is None and due("early in the morn she writes") is None
