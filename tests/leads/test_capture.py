"""Website capture rules: validation with clear reasons, honeypot, rate limit, dedupe fields."""

from __future__ import annotations

from datetime import date

import pytest

from automation.errors import BadRequest
from automation.leads.capture import (
    LeadForm,
    RateLimiter,
    known_lead_update,
    new_lead_row,
    parse_form,
    timeline_choice,
)
from tests.leads.factories import TODAY, lead

GOOD = {
    "name": " Jane Doe ",
    "email": " Jane@Acme.Example ",
    "company": "Acme",
    "title": "COO",
    "company_size": "200-999",
    "timeline": "1-3 months",
    "message": "We need help with a new exec team.",
    "source_detail": "/services/executive",
    "utm_source": "newsletter",
    "website": "",
}


def test_parse_form__cleans_a_good_submission() -> None:
    form = parse_form(GOOD)
    assert form is not None
    assert (form.name, form.email, form.company_size, form.source, form.timeline) == (
        "Jane Doe",
        "jane@acme.example",
        200,
        "Website",
        "1-3 months",
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"email": "jane-at-acme"}, "email: not a valid email address"),
        ({"email": "jane@acme..com"}, "email: not a valid email address"),
        ({"email": None}, "email: Field required"),
        ({"name": ""}, "name: String should have at least 1 character"),
        ({"message": "x" * 5001}, "message: String should have at most 5000 characters"),
        ({"company_size": -4}, "company_size: Input should be greater than or equal to 1"),
    ],
    ids=[
        "no_at",
        "double_dot",
        "missing_email",
        "empty_name",
        "long_message",
        "negative_size",
    ],
)
def test_parse_form__bad_input_names_the_field(change: dict, reason: str) -> None:
    payload = {**GOOD, **change}
    payload = {k: v for k, v in payload.items() if v is not None}
    with pytest.raises(BadRequest) as err:
        parse_form(payload)
    assert str(err.value).startswith(reason)


@pytest.mark.parametrize(
    ("change", "field", "stored"),
    [
        ({"timeline": "ASAP"}, "timeline", "Immediate"),
        ({"timeline": "1–3 months"}, "timeline", "1-3 months"),  # an en dash, as form builders write it
        ({"timeline": "3 to 6 Months"}, "timeline", "3-6 months"),
        ({"timeline": "Not sure"}, "timeline", "Unknown"),
        ({"source": "linkedin"}, "source", "LinkedIn"),
        ({"source": "Instagram"}, "source", "Social Media"),
    ],
)
def test_parse_form__a_choice_written_another_way_is_the_choice(
    change: dict, field: str, stored: str
) -> None:
    form = parse_form({**GOOD, **change})
    assert form is not None and getattr(form, field) == stored


def test_parse_form__a_filled_honeypot_is_a_bot() -> None:
    assert parse_form({**GOOD, "website": "http://spam.example"}) is None


def test_parse_form__not_an_object() -> None:
    with pytest.raises(BadRequest):
        parse_form(["name", "email"])


def test_rate_limiter__five_per_window_per_address() -> None:
    rl = RateLimiter(limit=5, window_s=600)
    assert [rl.allow("1.2.3.4", now=t) for t in range(6)] == [True] * 5 + [False]
    assert rl.allow("5.6.7.8", now=6)  # another address is not affected
    assert rl.allow("1.2.3.4", now=601)  # the window slid past the first hit


def test_new_lead_row__records_the_source_and_the_enquiry() -> None:
    row = new_lead_row(LeadForm.model_validate(GOOD), TODAY)
    assert row["lead_source"] == "Website" and row["source_detail"] == "/services/executive"
    assert row["status"] == "New" and row["created_date"] == TODAY and row["email_status"] == "Unverified"
    assert (
        row["notes"] == "2026-11-20 website enquiry (/services/executive): We need help with a new exec team."
    )
    assert "industry" not in row  # empty fields are not sent


def test_known_lead_update__notes_the_enquiry_and_fills_only_empty_fields() -> None:
    known = lead(title="Chief Operating Officer", company=None, notes="Met at the CIPD dinner")
    form = LeadForm.model_validate({**GOOD, "message": "Following up", "source_detail": None})
    fields = known_lead_update(known, form, TODAY)
    assert fields["notes"] == "Met at the CIPD dinner\n\n2026-11-20 website enquiry: Following up"
    assert fields["last_engagement"] == TODAY
    assert fields["company"] == "Acme" and "title" not in fields  # her title stays as typed
    assert fields["replies"] == 1  # she wrote to us: a reply, her sequence waits for the coach


def test_known_lead_update__the_same_form_sent_again_that_day_is_no_new_reply() -> None:
    form = LeadForm.model_validate({**GOOD, "message": "Following up", "source_detail": None})
    first = known_lead_update(lead(replies=1), form, TODAY)
    again = known_lead_update(lead(replies=1, notes=first["notes"]), form, TODAY)
    assert first["replies"] == 2 and "replies" not in again


@pytest.mark.parametrize(
    ("written", "size"),
    [("200-999", 200), ("1,000+", 1000), ("5k", 5000), ("1.5K+", 1500), ("2 million", 2_000_000),
     ("about 250 employees", 250)],
)  # fmt: skip
def test_company_size__as_people_write_it(written: str, size: int) -> None:
    form = LeadForm(name="Ana", email="ana@firm.example", company_size=written)
    assert form.company_size == size


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("<10", 9),  # fewer than ten: the 1–9 band, not 10+
        ("under 50", 49),
        ("Just me", 1),
        ("1 (just me)", 1),
        ("2.500", 2500),  # thousands as much of Europe writes them
        ("1 000", 1000),
        ("1'200", 1200),  # thousands as Switzerland and Liechtenstein write them
        ("1’200-1’500", 1200),
        ("weniger als 50 Mitarbeitende", 49),  # "fewer than" and "just me" in other European languages
        ("moins de 10 personnes", 9),
        ("menos de 10", 9),
        ("minder dan 50", 49),
        ("nur ich", 1),
        ("juste moi", 1),
        ("12'000+", 12000),
        ("2-3k", 2000),  # the range's scale is the first number's too
        ("500 to 1k", 500),
        ("1,000–5,000", 1000),
        ("~300", 300),
        ("n/a", None),
    ],
)
def test_company_size__bounds_scales_and_separators(written: str, size: int | None) -> None:
    form = LeadForm(name="Ana", email="ana@firm.example", company_size=written)
    assert form.company_size == size


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("a few hundred", 300),  # the 200–999 band a coach reads, not "size unknown"
        ("several thousand staff", 3000),
        ("hundreds", 200),
        ("a couple hundred", 200),
        ("ein paar hundert", 300),
        ("quelques centaines", 300),
        ("mid-size", None),  # no number in it at all
    ],
)
def test_company_size__a_headcount_in_words(written: str, size: int | None) -> None:
    form = LeadForm(name="Ana", email="ana@firm.example", company_size=written)
    assert form.company_size == size


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("$20M ARR", None),  # money is no headcount (it was refused: over the 10 million field limit)
        ("€3m revenue", None),
        ("£4m turnover, 25 staff", 25),  # the headcount beside it counts, not the money
        ("USD 5M sales, approx 40 people", 40),
        ("Fortune 500", 5000),  # a blue-chip index's number is not the headcount: thousands
        ("FTSE 100", 5000),
        ("S&P 500 company", 5000),
        ("FTSE 100, 12,000 staff", 12000),  # its own headcount, when given
        ("2 million", 2_000_000),
        ("50 sales staff", 50),
    ],
)
def test_company_size__money_and_index_names_are_not_a_headcount(written: str, size: int | None) -> None:
    form = parse_form({**GOOD, "company_size": written})
    assert form is not None and form.company_size == size


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("Linked In", "LinkedIn"),
        ("linked-in", "LinkedIn"),
        ("LI", "LinkedIn"),  # as CRMs and sales notes shorten it
        ("LI post", "LinkedIn"),
        ("Word of mouth", "Referral"),
        ("A friend", "Referral"),
        ("Google search", "Website"),
        ("Podcast interview", "Podcast"),
        ("Webinar", "Speaking"),
        ("Conference", "Networking Event"),
        ("conference talk", "Speaking"),  # heard her speak: the talk is the more specific channel
        ("YouTube", "Social Media"),
        ("Twitter/X", "Social Media"),
        # the same box answered in German, French or Italian
        ("Empfehlung von Hans Meier", "Referral"),
        ("Weiterempfehlung", "Referral"),
        ("Ein Kollege", "Referral"),
        ("recommandée par une amie", "Referral"),
        ("Bouche-à-oreille", "Referral"),
        ("Passaparola", "Referral"),
        ("Google-Suche", "Website"),
        ("Anlass der Handelskammer", "Networking Event"),
        ("Vortrag am Forum", "Speaking"),
        ("Réseaux sociaux", "Social Media"),
        # and in Spanish, Dutch or Portuguese
        ("recomendación de una amiga", "Referral"),
        ("aanbevolen door een collega", "Referral"),
        ("indicação de um cliente", "Referral"),
        ("búsqueda en internet", "Website"),
        ("via een zoekmachine", "Website"),
        ("lezing op een congres", "Speaking"),
        ("redes sociales", "Social Media"),
        # an AI assistant, an alumni network, an online community (third holdout)
        ("ChatGPT", "Website"),
        ("asked Perplexity", "Website"),
        ("alumni network", "Networking Event"),
        ("Slack community", "Social Media"),
        ("a Discord server", "Social Media"),
    ],
)
def test_parse_form__a_source_in_other_words_is_its_choice(written: str, source: str) -> None:
    form = parse_form({**GOOD, "source": written})
    assert form is not None and form.source == source


def test_parse_form__a_source_written_with_its_detail_keeps_the_detail() -> None:
    form = parse_form({**GOOD, "source": "Referral - Anna Lee (client)", "source_detail": ""})
    assert form is not None and (form.source, form.source_detail) == ("Referral", "Anna Lee (client)")
    typed = parse_form({**GOOD, "source": "Referral: Anna Lee"})  # the form's own detail is kept
    assert typed is not None and (typed.source, typed.source_detail) == ("Referral", "/services/executive")


@pytest.mark.parametrize("written", ["LinkedIn event", "Carrier pigeon", "Your book"])
def test_parse_form__a_source_that_fits_none_or_several_choices_is_other_with_the_words_kept(
    written: str,
) -> None:
    """A "How did you hear about us?" answer in a person's words never costs the enquiry."""
    form = parse_form({**GOOD, "source": written})
    assert form is not None and (form.source, form.source_detail) == (
        "Other",
        f"{written} (/services/executive)",
    )
    alone = parse_form({**GOOD, "source": f"  {written} ", "source_detail": ""})
    assert alone is not None and (alone.source, alone.source_detail) == ("Other", written)


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("Sarah Jones (former client)", "Referral"),
        ("HR team suggested you", "Referral"),
        ("Googled executive coach London", "Website"),
        ("Heard you on Spotify", "Podcast"),
        ("Met you at the CEO breakfast", "Networking Event"),
    ],
)
def test_parse_form__a_source_in_other_words_is_its_choice_and_the_words_are_the_detail(
    written: str, source: str
) -> None:
    form = parse_form({**GOOD, "source": written, "source_detail": ""})
    assert form is not None and (form.source, form.source_detail) == (source, written)


@pytest.mark.parametrize("written", ["not sure yet", "Just exploring options", "Depends on budget"])
def test_parse_form__an_unsure_start_is_unknown(written: str) -> None:
    form = parse_form({**GOOD, "timeline": written})
    assert form is not None and (form.timeline, form.timeline_written) == ("Unknown", None)


def test_parse_form__a_start_no_choice_names_is_unknown_and_its_words_go_in_the_note() -> None:
    form = parse_form({**GOOD, "timeline": " after the  merger closes "})
    assert form is not None and (form.timeline, form.timeline_written) == (
        "Unknown",
        "after the merger closes",
    )
    assert "start: after the merger closes" in new_lead_row(form, TODAY)["notes"]


@pytest.mark.parametrize(
    ("written", "timeline"),
    [
        ("6-12 months", "6+ months"),
        ("Within 3 months", "1-3 months"),
        ("in 4 months", "3-6 months"),
        ("2-4 weeks", "Immediate"),
        ("This month", "Immediate"),
        ("next quarter", "1-3 months"),
        ("a year", "6+ months"),
        ("ASAP!", "Immediate"),
        ("Yesterday!", "Immediate"),  # needed already
        # A count in words, and "the next <unit>" with no count (one of it).
        ("in a few weeks", "Immediate"),
        ("in a couple of months", "1-3 months"),
        ("several months", "1-3 months"),
        ("within the next quarter", "1-3 months"),
        ("in the next year", "6+ months"),
        ("months", "Unknown"),  # no count, no "next": no span named
    ],
)
def test_parse_form__a_timeline_as_a_span_of_time_is_its_choice(written: str, timeline: str) -> None:
    form = parse_form({**GOOD, "timeline": written})
    assert form is not None and form.timeline == timeline


@pytest.mark.parametrize(
    ("written", "timeline"),
    [
        # now, in German, French, Spanish, Italian, Dutch and Portuguese
        ("sofort", "Immediate"),
        ("so bald wie möglich", "Immediate"),
        ("dès que possible", "Immediate"),
        ("lo antes posible", "Immediate"),
        ("il prima possibile", "Immediate"),
        ("zo snel mogelijk", "Immediate"),
        ("o mais rápido possível", "Immediate"),
        # next month or quarter
        ("nächstes Quartal", "1-3 months"),
        ("le mois prochain", "1-3 months"),
        ("el próximo trimestre", "1-3 months"),
        ("volgend kwartaal", "1-3 months"),
        # a span, read as its English words are ("in 3 months" is 3-6 months, "within 3 months" 1-3)
        ("in 3 Monaten", "3-6 months"),
        ("innerhalb von 2 Monaten", "1-3 months"),
        ("dans les 3 prochains mois", "1-3 months"),
        ("entro 3 mesi", "1-3 months"),
        ("binnen twee maanden", "1-3 months"),
        ("tra 3 e 6 mesi", "3-6 months"),
        ("en los próximos seis meses", "3-6 months"),
        ("mehr als 6 Monate", "6+ months"),
        ("plus d'un an", "6+ months"),
        # next year, no hurry, no plans: far off
        ("nächstes Jahr", "6+ months"),
        ("l'année prochaine", "6+ months"),
        ("no próximo ano", "6+ months"),
        ("keine Eile", "6+ months"),
        ("geen haast", "6+ months"),
        ("no plans yet", "6+ months"),
        ("pas de projet pour l'instant", "6+ months"),
        # not known
        ("weiß ich noch nicht", "Unknown"),
        ("je ne sais pas", "Unknown"),
        ("non so", "Unknown"),
    ],
)
def test_parse_form__a_timeline_in_another_european_language_is_its_choice(
    written: str, timeline: str
) -> None:
    form = parse_form({**GOOD, "timeline": written})
    assert form is not None and (form.timeline, form.timeline_written) == (timeline, None)


@pytest.mark.parametrize(
    ("written", "said_on", "timeline"),
    [
        ("Q1 2027", date(2026, 12, 6), "1-3 months"),  # the next quarter, as "next quarter" is
        ("Q1 2027", date(2026, 6, 15), "6+ months"),  # its first day more than six months away
        ("Q2 2027", date(2026, 12, 6), "3-6 months"),
        ("1er trimestre 2027", date(2026, 12, 6), "1-3 months"),
        ("Q1", date(2026, 12, 6), "1-3 months"),  # the next Q1
        ("by the end of the year", date(2026, 12, 6), "Immediate"),  # any time up to then
        ("d'ici la fin de l'année", date(2026, 12, 6), "Immediate"),
        ("bis Jahresende", date(2026, 6, 15), "3-6 months"),
        ("entro fine anno", date(2026, 10, 1), "1-3 months"),
        ("Q1 2026", date(2026, 12, 6), None),  # past: no choice, the words are kept
        # a half year starts with its first quarter (third holdout)
        ("H2", date(2026, 12, 7), "6+ months"),  # next July
        ("H1", date(2026, 12, 7), "1-3 months"),
        ("H2", date(2026, 8, 1), "1-3 months"),  # the half we are in
        ("second half of next year", date(2026, 12, 7), "6+ months"),
        # the new year is January, and a part of a year its first, middle or last months
        ("in the new year", date(2026, 12, 7), "1-3 months"),
        ("in the new year", date(2026, 3, 1), "6+ months"),
        ("mid-next year", date(2026, 12, 7), "6+ months"),
        ("early next year", date(2026, 12, 7), "1-3 months"),
        ("early next year", date(2026, 5, 1), "6+ months"),
        ("late 2027", date(2026, 12, 7), "6+ months"),
        # a month named in a sentence, when it is the only one: the start waits for it
        ("ASAP but budget approval in March", date(2026, 12, 7), "1-3 months"),
        ("once the board signs off in June", date(2026, 12, 7), "3-6 months"),  # 1 June: under six months
        ("we may start soon", date(2026, 12, 7), None),  # "may" the verb is no month
        ("next fiscal year", date(2026, 12, 7), "6+ months"),  # as "next year" is
    ],
)
def test_timeline_choice__a_start_the_calendar_names_is_measured_from_the_day(
    written: str, said_on: date, timeline: str | None
) -> None:
    assert timeline_choice(written, said_on) == timeline


@pytest.mark.parametrize(
    ("written", "said_on", "timeline"),
    [
        # A season is its coming start; "after summer" is its end, next year's once this one is over.
        ("after summer", date(2026, 11, 20), "6+ months"),
        ("After the summer holidays", date(2026, 7, 10), "1-3 months"),
        ("nach dem Sommer", date(2026, 5, 2), "3-6 months"),
        ("next spring", date(2026, 11, 20), "3-6 months"),
        ("in the fall", date(2026, 7, 10), "1-3 months"),
        ("summer 2027", date(2026, 7, 10), "6+ months"),
        ("spring 2026", date(2026, 11, 20), None),  # past: the words are kept
        # A quarter "next year", and the one quarter a sentence names.
        ("Q1 next year", date(2026, 7, 10), "3-6 months"),
        ("after budget approval in Q2", date(2026, 11, 20), "3-6 months"),
        # A choice of starts reads as the earliest, as a range of months reads as its start.
        ("Q3 or Q4", date(2026, 1, 10), "3-6 months"),  # 1 July
        ("between Q3 and Q4", date(2026, 1, 10), "3-6 months"),
        ("T3 ou T4", date(2026, 1, 10), "3-6 months"),
        ("Q3/Q4", date(2026, 1, 10), "3-6 months"),
        ("Q4 or Q1 2027", date(2026, 5, 10), "3-6 months"),  # Q4 2026: the year goes with the last
        ("Q3 or Q4 2027", date(2026, 5, 10), "6+ months"),  # ... and with an earlier one in its year
        ("spring or summer", date(2026, 11, 20), "3-6 months"),  # next March
        ("zwischen Frühling und Sommer", date(2026, 11, 20), "3-6 months"),
        ("between 3 and 6 months", date(2026, 1, 10), "3-6 months"),
        ("2 or 3 months", date(2026, 1, 10), "1-3 months"),
        ("Q3 or Q4 2025", date(2026, 1, 10), None),  # both past: the words are kept
        # La rentrée is early September, not a season: said in October it is next year's.
        ("à la rentrée", date(2026, 10, 5), "6+ months"),
        ("à la rentrée", date(2026, 9, 3), "Immediate"),
        ("après la rentrée", date(2026, 6, 10), "3-6 months"),  # 1 October
        # A month: this one, the next (as "next month"), else measured to its first day as a season is.
        ("January", date(2026, 12, 4), "1-3 months"),
        ("in Feb", date(2026, 12, 4), "1-3 months"),
        ("December", date(2026, 12, 4), "Immediate"),
        ("early March 2027", date(2026, 12, 4), "1-3 months"),
        ("April", date(2026, 12, 4), "3-6 months"),
        ("July", date(2026, 12, 4), "6+ months"),
        ("ab Januar", date(2026, 12, 4), "1-3 months"),
        ("en enero", date(2026, 12, 4), "1-3 months"),
        ("fin de janvier", date(2026, 12, 4), "1-3 months"),
        ("May 15", date(2026, 12, 4), "3-6 months"),  # a day of the month, not a year
        ("March 2026", date(2026, 12, 4), None),  # past: the words are kept
        # The start of the new year, said in December, is next month, as "January" is; said in
        # June it is half a year off; "next year" said in January is the year after.
        ("early next year", date(2026, 12, 7), "1-3 months"),
        ("Start of next year.", date(2026, 12, 31), "1-3 months"),
        ("in the new year", date(2026, 12, 7), "1-3 months"),
        ("After New Year's", date(2026, 11, 30), "1-3 months"),
        ("Anfang nächsten Jahres", date(2026, 12, 7), "1-3 months"),
        ("début de l'année prochaine", date(2026, 12, 7), "1-3 months"),
        ("early next year", date(2026, 6, 15), "6+ months"),
        ("in the new year", date(2027, 1, 4), "Immediate"),  # it has come
        ("early next year", date(2027, 1, 4), "6+ months"),  # 2028
        # After the year-end break, said in November or December; at other times which break is not said.
        ("after the holidays", date(2026, 12, 7), "1-3 months"),
        ("after Christmas", date(2026, 12, 28), "1-3 months"),
        ("après les fêtes", date(2026, 11, 20), "1-3 months"),
        ("after the holidays", date(2026, 7, 1), None),
        ("after the Christmas break", date(2026, 7, 1), "6+ months"),  # a named holiday: next January
    ],
)
def test_timeline_choice__a_season_or_a_quarter_in_words_is_measured_from_the_day(
    written: str, said_on: date, timeline: str | None
) -> None:
    assert timeline_choice(written, said_on) == timeline


@pytest.mark.parametrize(
    ("written", "stored"),
    [("Jane Doe <Jane@Acme.example>", "jane@acme.example"), ("jane@acme.example.", "jane@acme.example")],
)
def test_parse_form__an_address_pasted_with_extras_is_the_address(written: str, stored: str) -> None:
    form = parse_form({**GOOD, "email": written})
    assert form is not None and form.email == stored


def test_parse_form__the_phone_is_tidied() -> None:
    form = parse_form({**GOOD, "phone": " 0044 (0)20 7946 0000 "})
    assert form is not None and form.phone == "+44 20 7946 0000"


@pytest.mark.parametrize(
    ("business_day", "timeline", "written"),
    [
        # The evening of 31 December in the business's zone (already 1 January on a UTC server): Q4 is
        # the current quarter, a start now.
        (date(2026, 12, 31), "1-3 months", None),
        # The morning of 1 January there (still 31 December at a server west of it): Q4 2026 is past, its
        # words are kept.
        (date(2027, 1, 1), "Unknown", "Q4 2026"),
    ],
)
def test_parse_form__a_start_the_calendar_names_is_read_on_the_business_date(
    business_day: date, timeline: str, written: str | None
) -> None:
    form = parse_form({**GOOD, "timeline": "Q4 2026"}, lambda: business_day)
    assert form is not None and (form.timeline, form.timeline_written) == (timeline, written)


def test_parse_form__the_business_date_is_asked_only_for_a_start_the_calendar_names() -> None:
    """Learning it may cost a Settings read: a bot, a span ("within 3 months") or a bad field costs none."""

    def never() -> date:
        raise AssertionError("the business date was asked for")

    assert parse_form({**GOOD, "website": "http://spam.example"}, never) is None
    form = parse_form({**GOOD, "timeline": "within 3 months"}, never)
    assert form is not None and form.timeline == "1-3 months"
    with pytest.raises(BadRequest, match="email"):
        parse_form({**GOOD, "email": "not-an-address"}, never)


@pytest.mark.parametrize(
    ("written", "said_on", "zone", "timeline"),
    [
        # Down under summer is December to February, winter June to August: the same words, six months on.
        ("after summer", date(2026, 11, 20), "Europe/London", "6+ months"),  # next September
        ("after summer", date(2026, 11, 20), "Australia/Sydney", "3-6 months"),  # March, summer's end
        ("by summer", date(2026, 3, 10), "Pacific/Auckland", "6+ months"),  # December
        ("by summer", date(2026, 3, 10), "America/New_York", "1-3 months"),  # June
        # Zones without daylight saving: their hemisphere is known by name.
        ("next winter", date(2026, 3, 10), "America/Sao_Paulo", "1-3 months"),  # June
        ("en invierno", date(2026, 3, 10), "America/Argentina/Buenos_Aires", "1-3 months"),
        ("next winter", date(2026, 3, 10), "Africa/Johannesburg", "1-3 months"),
        ("next winter", date(2026, 3, 10), "Asia/Tokyo", "6+ months"),  # December
        ("in the autumn", date(2026, 1, 10), "Australia/Perth", "1-3 months"),  # March
        ("in the autumn", date(2026, 1, 10), "", "6+ months"),  # no zone: the north's September
    ],
)
def test_timeline_choice__a_season_is_the_business_hemispheres(
    written: str, said_on: date, zone: str, timeline: str
) -> None:
    assert timeline_choice(written, said_on, zone) == timeline


def test_parse_form__the_business_zone_is_asked_only_for_a_season() -> None:
    def never() -> str:
        raise AssertionError("the business zone was asked for")

    form = parse_form({**GOOD, "timeline": "Q4 2026"}, lambda: date(2026, 3, 10), never)
    assert form is not None and form.timeline == "6+ months"
    form = parse_form({**GOOD, "timeline": "after summer"}, lambda: date(2026, 11, 20), lambda: "NZ")
    assert form is not None and form.timeline == "3-6 months"


# The fourth holdout's kinds, in other wordings than its own (bench/RESULTS-leads.md).
@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("eleven of us", 11),
        ("forty-two", 42),
        ("about thirty people", 30),
        ("half a dozen", 6),
        ("ten thousand", 10_000),  # a count word before "thousand" is its count, not "thousands"
        ("une vingtaine de salariés", 20),
        ("una ventina", 20),
        ("una docena", 12),
        ("tres mil empleados", 3000),
        ("someone in HR", None),  # "one" inside a word is no count
    ],
)
def test_company_size__a_small_count_in_words(written: str, size: int | None) -> None:
    form = LeadForm(name="Ana", email="ana@firm.example", company_size=written)
    assert form.company_size == size


@pytest.mark.parametrize("blank", ["", "   ", None])
def test_parse_form__an_empty_source_box_is_the_forms_default_not_a_refusal(blank: str | None) -> None:
    form = parse_form({**GOOD, "source": blank})
    assert form is not None and form.source == "Website" and form.source_detail == GOOD["source_detail"]


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("A peer in my network mentioned you", "Referral"),
        ("My old boss", "Referral"),
        ("She put me in touch with you", "Referral"),
        ("Mi socio me recomendó su trabajo", "Referral"),
        ("Um cliente recomendou", "Referral"),
        ("Saw you speak at a CIPD event", "Speaking"),  # the talk is the more specific channel
        ("über XING", "Social Media"),
        ("WeChat", "Social Media"),
    ],
)
def test_parse_form__a_source_said_as_what_someone_did_is_its_choice(written: str, source: str) -> None:
    form = parse_form({**GOOD, "source": written})
    assert form is not None and form.source == source


@pytest.mark.parametrize(
    ("written", "timeline"),
    [
        ("over the coming weeks", "Immediate"),  # no count: a few weeks
        ("in the upcoming months", "1-3 months"),  # a few months: under three, so started within them
        ("over the next 4 months", "3-6 months"),
    ],
)
def test_parse_form__a_span_in_the_coming_weeks_or_months(written: str, timeline: str) -> None:
    form = parse_form({**GOOD, "timeline": written})
    assert form is not None and form.timeline == timeline


@pytest.mark.parametrize(
    ("written", "said_on", "timeline"),
    [
        ("by Xmas", date(2026, 11, 20), "Immediate"),  # any time up to the year's last week
        ("ahead of the Christmas break", date(2026, 9, 1), "1-3 months"),
        ("vor Weihnachten", date(2026, 12, 1), "Immediate"),
        ("week beginning 8th February", date(2026, 12, 7), "1-3 months"),  # a dated week: its month
        ("from the 3rd of May", date(2026, 12, 7), "3-6 months"),
        ("once our new MD is in post (Mar)", date(2026, 12, 7), "1-3 months"),  # a month in brackets
        ("after the restructure (June 2027)", date(2026, 12, 7), "3-6 months"),
        ("probably over the summer, after our audit", date(2026, 12, 7), "3-6 months"),  # 1 June: < 6 months
        ("once things calm down in the autumn", date(2027, 4, 1), "3-6 months"),
        ("depois do inverno", date(2026, 10, 1), "3-6 months"),  # after winter (December to February)
        ("the new academic year", date(2027, 3, 1), "6+ months"),  # September in the north
        ("for the next school year", date(2027, 7, 10), "1-3 months"),
        ("summer and autumn are our busy seasons", date(2026, 12, 7), None),  # no start said
    ],
)
def test_timeline_choice__a_date_a_holiday_or_a_season_inside_the_answer(
    written: str, said_on: date, timeline: str | None
) -> None:
    assert timeline_choice(written, said_on) == timeline


def test_timeline_choice__the_academic_year_is_the_business_hemispheres() -> None:
    assert (
        timeline_choice("start of the next academic year", date(2026, 12, 7), "Australia/Sydney")
        == "1-3 months"
    )
    assert (
        timeline_choice("start of the next academic year", date(2026, 12, 7), "Europe/London") == "6+ months"
    )


# Forms the fifth holdout found read wrong, in other wordings than its own (each failed before).
@pytest.mark.parametrize("placeholder", ["n/a", "–", "None", "."])
def test_parse_form__a_source_box_that_says_nothing_is_the_forms_default(placeholder: str) -> None:
    form = parse_form({**GOOD, "source": placeholder})
    assert form is not None and form.source == "Website" and form.source_detail == GOOD["source_detail"]


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("Ravi Shah - you worked with his exec team", "Referral"),  # a past client named, then what you did
        ("a former coachee of yours", "Referral"),
        ("HR seminar in Leeds", "Speaking"),
        ("✨ Instagram ✨", "Social Media"),
        ("同事介绍", "Referral"),  # Chinese: a colleague's introduction
        ("领英", "LinkedIn"),  # LinkedIn's Chinese name
        ("講演会", "Speaking"),  # Japanese: a lecture
        ("ترشيح من صديق", "Referral"),  # Arabic: a friend's recommendation
        ("anbefalt av en venn", "Referral"),  # Norwegian
        ("Föredrag på HR-dagarna", "Speaking"),  # Swedish: a talk
    ],
)
def test_parse_form__a_source_in_other_scripts_and_languages_is_its_choice(written: str, source: str) -> None:
    form = parse_form({**GOOD, "source": written})
    assert form is not None and form.source == source


@pytest.mark.parametrize(
    ("written", "timeline"),
    [
        ("⚡ asap ⚡", "Immediate"),
        ("0-2 months", "1-3 months"),  # a CRM's range from now: within two months
        ("0-6 months", "3-6 months"),
        ("尽快", "Immediate"),  # Chinese: as soon as possible
        ("下季度", "1-3 months"),  # next quarter
        ("2027年5月", "3-6 months"),
        ("明年3月", "1-3 months"),  # March next year
        ("至急", "Immediate"),  # Japanese: urgently
        ("다음 달", "1-3 months"),  # Korean: next month
        ("في أسرع وقت ممكن", "Immediate"),  # Arabic: as soon as possible
        ("الشهر المقبل", "1-3 months"),
        ("hurtigst muligt", "Immediate"),  # Danish
        ("nästa månad", "1-3 months"),  # Swedish
        ("before our March board meeting", "1-3 months"),  # a month after "our"
        ("once the audit is done by Sept", "6+ months"),  # a short form after a word of time
        ("the budget may move", None),  # "may" stays a verb
    ],
)
def test_timeline_choice__fifth_holdout_forms(written: str, timeline: str | None) -> None:
    assert timeline_choice(written, date(2026, 12, 7)) == timeline


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("35 here, 3,000 people worldwide", 3000),  # the organisation is the whole
        ("12 in Berlin, 900 weltweit", 900),
        ("50 locally, 2-3k overall", 2000),
        ("600 (2,000 after the deal closes)", 600),  # no whole named: the first
    ],
)
def test_company_size__the_whole_organisation_when_a_local_count_comes_first(written: str, size: int) -> None:
    assert LeadForm(name="Ana", email="ana@firm.example", company_size=written).company_size == size


@pytest.mark.parametrize(
    ("name", "title", "stored"),
    [
        ("Ana Ruiz - Head of HR", "", ("Ana Ruiz", "Head of HR")),
        ("Prof. Tim Bell (Dean)", "n/a", ("Prof. Tim Bell", "Dean")),
        ("Jo Kim, Founder & CEO", None, ("Jo Kim", "Founder & CEO")),
        ("NGUYEN, Lan", None, ("NGUYEN, Lan", None)),  # surname first: no title
        ("Sam Fox, MBA", "", ("Sam Fox, MBA", None)),  # a degree is no leader's title
        ("Ana Ruiz - Head of HR", "Consultant", ("Ana Ruiz - Head of HR", "Consultant")),  # the box counts
    ],
)
def test_parse_form__a_leaders_title_typed_in_the_name_box_is_the_title(
    name: str, title: str | None, stored: tuple[str, str | None]
) -> None:
    form = parse_form({**GOOD, "name": name, "title": title})
    assert form is not None and (form.name, form.title) == stored


@pytest.mark.parametrize(
    ("written", "said_on", "timeline"),
    [
        ("after Easter", date(2026, 12, 7), "3-6 months"),  # Easter 2027 is 28 March
        ("by the Easter break", date(2026, 12, 7), "1-3 months"),  # any time up to then
        ("nach Ostern", date(2027, 1, 20), "1-3 months"),
        ("après Pâques", date(2025, 3, 1), "1-3 months"),  # Easter 2025 is 20 April
        ("after Easter", date(2027, 4, 10), "6+ months"),  # this year's is past: next year's
    ],
)
def test_timeline_choice__easter_is_its_sunday_that_year(written: str, said_on: date, timeline: str) -> None:
    assert timeline_choice(written, said_on) == timeline


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("heard you on the pod", "Podcast"),  # a coach's or listener's shorthand
        ("Ep 40 of your show", "Podcast"),
        ("via InMail", "LinkedIn"),
        ("saw you at a conf in Leeds", "Networking Event"),
        ("careers fair", "Networking Event"),
        ("recd by Jo in finance", "Referral"),
        ("we were your clients in 2022", "Referral"),  # a former client back
        ("a peer who worked with you", "Referral"),
        ("your keynote, watched on YouTube", "Speaking"),  # the talk is the channel
        ("YouTube", "Social Media"),
    ],
)
def test_parse_form__sixth_holdout_sources(written: str, source: str) -> None:
    form = parse_form({**GOOD, "source": written})
    assert form is not None and form.source == source


@pytest.mark.parametrize(
    ("written", "said_on", "timeline"),
    [
        ("early next yr", date(2026, 12, 7), "1-3 months"),  # shorthand
        ("2-3 wks", date(2026, 12, 7), "Immediate"),
        ("in a fortnight", date(2026, 12, 7), "Immediate"),
        ("post-summer", date(2026, 12, 7), "6+ months"),  # after next summer
        ("keen - Q2", date(2026, 12, 7), "3-6 months"),  # a choice with a comment
        ("ready, asap please", date(2026, 12, 7), "Immediate"),
        ("probably next FY - depends on budget", date(2026, 12, 7), "6+ months"),
        ("we needed this yesterday", date(2026, 12, 7), "Immediate"),  # urgency inside a sentence
        ("not urgent", date(2026, 12, 7), None),
        ("asap after the merger", date(2026, 12, 7), None),  # urgent, but after an event with no date
        ("Q2 FY28", date(2026, 12, 7), "Unknown"),  # the fiscal year's first month not said
        ("FY27 Q4 (fiscal year begins in October)", date(2026, 12, 7), "6+ months"),  # July 2027
        ("Q1 FY28, our financial year starts 1 April", date(2026, 12, 7), "3-6 months"),  # April 2027
        ("Q3 FY2026 (fiscal year starts July)", date(2026, 12, 7), "Unknown"),  # already past
        ("次年度より", date(2026, 12, 7), "3-6 months"),  # Japan's next fiscal year: April
        ("次年度より", date(2026, 5, 10), "6+ months"),
        ("no 3.º trimestre", date(2026, 12, 7), "6+ months"),  # an ordinal written "3.º"
        ("1º trimestre de 2027", date(2026, 12, 7), "1-3 months"),
    ],
)
def test_timeline_choice__sixth_holdout_forms(written: str, said_on: date, timeline: str | None) -> None:
    assert timeline_choice(written, said_on) == timeline


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("3 mil funcionários", 3000),  # "mil": a thousand in Portuguese and Spanish
        ("1 mila dipendenti", 1000),
        ("budget 25k, team of 40", 40),  # a budget typed into the size box is money
        ("about 80 staff; spend c. 15k", 80),
        ("budget 10-20k, 35 people", 35),  # both ends of the budget's range
        ("15k budget / 12 staff", 12),
    ],
)
def test_company_size__thousands_in_other_languages_and_a_budget_beside_the_headcount(
    written: str, size: int
) -> None:
    assert LeadForm(name="Ana", email="ana@firm.example", company_size=written).company_size == size


@pytest.mark.parametrize(
    ("written", "said_on", "timeline"),
    [
        # Festivals whose dates move with a lunar calendar (the seventh holdout's kind, other festivals too).
        ("after Lunar New Year", date(2026, 12, 7), "1-3 months"),  # 6 February 2027, its week over
        ("before CNY", date(2026, 12, 7), "1-3 months"),  # any time up to then
        ("post-Eid", date(2026, 12, 7), "3-6 months"),  # Eid al-Fitr, about 10 March 2027
        ("before Ramadan", date(2026, 12, 7), "1-3 months"),  # about 8 February 2027
        ("after Ramadan", date(2026, 3, 1), "Immediate"),  # said while it lasts: its end, weeks away
        ("after Diwali", date(2026, 12, 7), "6+ months"),  # this year's is past: next autumn's
        ("after Diwali", date(2026, 10, 1), "1-3 months"),  # 8 November 2026
        ("after Chinese New Year", date(2040, 1, 1), None),  # past the table: no start named
        # A season in Swiss German; French "d'ici" (by) before a season.
        ("nach em Summer", date(2026, 12, 7), "6+ months"),
        ("im Herbscht", date(2026, 12, 7), "6+ months"),
        ("d'ici le printemps", date(2026, 12, 7), "1-3 months"),
        # Hebrew whole answers.
        ("בהקדם האפשרי", date(2026, 12, 7), "Immediate"),
        ("בחודש הבא", date(2026, 12, 7), "1-3 months"),
        # A span after a bare "next" ("next few weeks"), as "in the next few weeks" is.
        ("next few weeks", date(2026, 12, 7), "Immediate"),
        ("the next 2 months", date(2026, 12, 7), "1-3 months"),
        ("next 6 months", date(2026, 12, 7), "3-6 months"),
    ],
)
def test_timeline_choice__seventh_holdout_forms(written: str, said_on: date, timeline: str | None) -> None:
    assert timeline_choice(written, said_on) == timeline


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("six figures", None),  # a budget said by its digits is no headcount
        ("mid 6-figure budget", None),
        ("a 5 figure spend, 30 staff", 30),
        ("7 figures revenue", None),
    ],
)
def test_company_size__an_amount_said_in_figures_is_money(written: str, size: int | None) -> None:
    assert LeadForm(name="Ana", email="ana@firm.example", company_size=written).company_size == size


@pytest.mark.parametrize(
    ("message", "title"),
    [
        ("I'm the COO of a 300-person retailer and need a sounding board.", "COO"),
        ("Hello, VP Engineering here - we're scaling fast.", "VP Engineering"),
        ("As Head of Risk at a mid-size bank, I'd like coaching.", "Head of Risk"),
        ("My role is Managing Director; I'd like a call.", "Managing Director"),
        ("I'm looking for coaching for our CEO.", None),  # someone else's title
        ("I'm writing on behalf of our Chief Executive.", None),
        ("I'm the PA to our Managing Director.", None),  # an assistant, not a leader
        ("Our Head of HR here recommended you.", None),
        ("I'm new to leading a team.", None),
    ],
)
def test_parse_form__a_leaders_title_said_in_the_message_fills_an_empty_title(
    message: str, title: str | None
) -> None:
    form = parse_form({**GOOD, "title": "", "message": message})
    assert form is not None and form.title == title
    pointed = parse_form({**GOOD, "title": "see below", "message": message})  # the box points to it
    assert pointed is not None and pointed.title == (title or "see below")


def test_parse_form__a_title_in_the_box_is_kept_whatever_the_message_says() -> None:
    form = parse_form({**GOOD, "title": "Team Lead", "message": "I'm the CFO's deputy, really."})
    assert form is not None and form.title == "Team Lead"


@pytest.mark.parametrize(
    ("written", "source"),
    [
        ("חבר המליץ עלייך", "Referral"),  # Hebrew: a friend recommended you
        ("חיפוש בגוגל", "Website"),
        ("דרך לינקדאין", "LinkedIn"),
        ("שמעתי בפודקאסט", "Podcast"),
    ],
)
def test_parse_form__a_source_in_hebrew_is_its_choice(written: str, source: str) -> None:
    form = parse_form({**GOOD, "source": written})
    assert form is not None and form.source == source


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("4 offices of about 50 staff each", 200),  # the places times the count at each
        ("3 clinics x 40", 120),
        ("12 stores, 20 people per store", 240),
        ("five hotels with 80 staff each", 400),
        ("150 staff across 3 sites", 150),  # the whole already given
    ],
)
def test_company_size__a_headcount_per_place_is_multiplied_by_the_places(written: str, size: int) -> None:
    assert LeadForm(name="Ana", email="ana@firm.example", company_size=written).company_size == size
