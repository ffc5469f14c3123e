"""The matching holdouts (tests/associates/data/holdout*_matching.json, written from the rules before any
run): every situation's proposal (or none available) and the associates never offered.

The second, in shapes the first lacked: ties, Max Clients reached or blank, specialties in another case,
shortened or several in one option, no focus areas, an associate Onboarding, the coach's own record, the
last free place promised to another new client, a low-quality flag. The fourth: a quality from one rated
session, an associate back from leave next week, a language asked for, both free places promised, the
coach's record under her email in capitals, initials, the same area typed twice, a Time Zone that is none.
The fifth: languages typed in their own language, two associates alike in every figure, everyone covering
the area Onboarding, synonyms and short forms, Max Clients 0, an associate 12 hours away or on an offset
'UTC+12', a 10-point Quality Score. The sixth: Max Clients blank with 12 clients, two clients handed over in a
day, an associate Paused, focus areas nobody knows, a blank Time Zone, a certification level in lower case or
with spaces, a blank Quality Score over 30 sessions, a legacy zone name, Client Load over Max Clients.
The seventh: an associate's Status blank or typed 'active', focus areas and specialties written as sentences,
a client's zone typed as a city, a client's Status blank or Churned, a Quality Score of 0, 'Master Coach',
names differing in case, 'EST', a brand-new record with every figure blank.
The eighth: British and American spellings, 'mgmt' and 'Perf.', half-hour time zones, one shared word that is
no match, 'DEI' against an option holding commas, a language in brackets, Status 'On Leave', two areas in one
option split by ' / ', 'Wellbeing' against 'Well-being'."""

from __future__ import annotations

import pytest

from tests.associates.holdout import compare, load

# Left as they are (see bench/RESULTS-health.md): written as "none available", the rules list an associate
# whose last place a waiting proposal names, first and saying for whom (the coach may decline that one;
# approving both is refused the second time, the associate full).
LEFT = {
    "holdout_matching.json": set(),
    "holdout2_matching.json": {"the last free place already proposed for another new client"},
    "holdout3_matching.json": set(),  # first look 10 of 15 (time zones, nobody covering the focus areas)
    # First look 12 of 15: a quality from one rating, initials ("EI"), an area typed twice.
    "holdout4_matching.json": set(),
    # First look 7 of 15: languages in their own name, 'comms', 'UTC+12', no working hour shared, a
    # Quality Score out of 10. Left: 'Gravitas' is Executive Presence only in a coach's thesaurus; a list of
    # synonyms would be keyed to the words one thought of.
    "holdout5_matching.json": {"specialisms typed as synonyms: 'Gravitas' for Executive Presence"},
    # First look 13 of 15: a Certification Level typed 'master' or ' Senior ' counted as none.
    "holdout6_matching.json": set(),
    # First look 9 of 15: focus areas and a specialty written as sentences, Status 'active', 'Master Coach'.
    # Left: 'leading my team through a reorganisation and change' names one word of Change Management's
    # two; a sentence sharing one word would make Executive Coaching cover Executive Presence.
    "holdout7_matching.json": {
        "focus area written as a sentence: 'leading my team through a reorganisation and change' against "
        "Change Management",
    },
    # First look 9 of 15 (British and American spellings, 'mgmt', 'DEI', a zone apart half the year, two
    # areas in one option split by ' / '), all fixed.
    "holdout8_matching.json": set(),
}
DATA = {f: load(f) for f in LEFT}
CASES = {(f, c["name"]): c for f, d in DATA.items() for c in d["cases"]}


@pytest.mark.parametrize("file", sorted(LEFT))
def test_holdout__all_situations_agree(file):
    assert {n for (f, n), case in CASES.items() if f == file and compare(case, DATA[f])} == LEFT[file]


@pytest.mark.parametrize(("file", "name"), sorted(k for k in CASES if k[1] not in LEFT[k[0]]))
def test_holdout__situation(file, name):
    assert compare(CASES[file, name], DATA[file]) == {}
