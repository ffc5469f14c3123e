"""Lead scoring on form leads written before any run (tests/leads/data/holdout*_leads.json).

Each lead goes the way a website enquiry does: the form is parsed (`parse_form`), the new lead's row built
(`new_lead_row`) and scored as the real `Lead`. Expected values come from the rules' intent, not the code;
the agreement reached is asserted (not 100 % forced: the misses left are listed in bench/RESULTS-leads.md).

The first holdout: titles, sizes, sources and timelines of many kinds. The second: the way people type into a
form that the first did not cover (LinkedIn headlines with pipes and emoji, the employer after "@", titles in
other languages or all in capitals, sizes as "1k-5k" or "~80 FTE", free mailboxes outside the UK and US), and
it also checks whether the email counts as a personal address. The third: public-sector, charity,
university, police, hospital and law titles, startup titles, titles in Japanese and Korean (romanised),
Arabic and Hebrew, out-of-work titles; sizes as revenue or an index ("$20M ARR", "FTSE 100"); "H2", "mid-next
year", a month inside a sentence; "ChatGPT", "Slack community", "alumni network"; hey.com. The fourth: titles
the rules' vocabularies may lack (Portuguese, Spanish, Italian, German abbreviations, Japanese deputies,
university and police ranks, board roles, a family firm's head), abbreviations, sizes in words in several
languages, dated starts ("w/c 11 Jan", "before Christmas"), ISP mailboxes, and messages that are spam, vendor
pitches or a job application: it also says whether the form holds the lead (`spam_reasons`), the coach's
intent being that those stay out of the lead flow. A held lead's outcome is "held" instead of a tier; a lead
held that should not be is a tier miss (the earlier holdouts are all enquiries: none is to be held).
The fifth: leads pasted from a badge scan or a CRM export (capitals, boxes swapped, "N/A" and "-", emoji,
a title in the name box), titles in Chinese, Japanese, Arabic and Swedish, a personal mailbox with a
corporate title, a referral naming a past client, an assistant buying for her CEO, a reseller, a coach
asking to be an associate, sizes given locally and globally, budgets per head or buried in a long message.
The sixth: leads typed by the coach after a call ("ops dir", "met at conf", "pod listener", "LI msg"),
LinkedIn message and InMail pastes, podcast listeners, public-sector procurement (an RFQ, a framework
call-off), fiscal quarters ("Q3 FY27", "Q4 FY26/27"), Portuguese and Japanese leads, a one-word enquiry, a
client's complaint and a cancellation (to be held for the coach) beside buyers whose messages name a
cancelled coach or a refund, a Chief of Staff to the CEO, a non-profit board chair, a solo consultant, a
budget typed into the size box.
The seventh: a partner agency's referral with a commission note, former clients back, webinar attendees
with their minutes, an HR business partner shopping for a panel, titles in the message only, two roles in one
title, tiny firms with huge budgets and the reverse, a price list request, a student's survey, a journalist, a
recruiter selling coaches and a headhunter recruiting the coach (held), Québec French, Swiss German, Korean
and Hebrew, starts tied to an event or a festival ("after Chinese New Year", "before year end" in December),
sizes as "two sites, ~300 each" or "Series A, 40 ppl", budgets in words.
The eighth: event attendee exports with columns shifted (the address in the company box), personal-brand
firms, a council leader and an MP, school, church and sports-club heads, a hospital consultant, an
entrepreneur in residence, "Founder (stealth)", "Vice-President, Senior", role addresses (hr@, info@,
careers@), Arabic with right-to-left marks and Arabic-Indic digits, Vietnamese and Indonesian, months in
digits ("03/2027", "2027-Q2", "1/15/27"), "wk 51", "by the 20th", "spring '27", lakh and "5k+" sizes.
The ninth: a bank's RFP and a tender with a deadline to respond, a former client who says so only in the
message, a headcount only in the message, names written family-first ("TANAKA Hiroshi"), deferrals in
Italian and Dutch, a partner firm's co-selling introduction, a forwarded thread as the message, workshop
waitlists, a self-funding employee and a CFO from gmail, a board's team coaching, ministries abroad
("Director-General"), German "ca. 250 MA", Spanish "Semana Santa", all lower case, "urgent - we're in
crisis", two enquiries from one person, a student society's president, a veteran in transition, Dutch,
Polish and Turkish heads, and an opt-out and a client's billing query sent through the form (held).
The tenth: a chatbot and a live-chat transcript and a Typeform export ("Q: ... A: ...") as the message with
the boxes blank, badge scans, budget ranges, Thai titles, sources and months (the Buddhist-era year),
traditional and simplified Chinese, ambiguous abbreviations ("Hospitalist, MD", a bank's "MD", "CPO",
"Principal Engineer"), a VP of ten people and a graduate at a giant, "just browsing", "asking for a friend",
an emoji-only message, a message's ASAP against the box's 6+ months and the reverse, the company as a URL, a
phone-only lead, a keynote booking, a book order, a course purchase, a parent for a teenager, a coaching
marketplace, an HR business partner's cohort of 12, a price-only question and typo'd titles ("Cheif").
The eleventh: booking-tool answers ("What is your role? Chief People Officer") and email signature blocks as
the only place of the title, an out-of-office reply captured as a lead, Russian and Ukrainian in Cyrillic,
Hindi, Japanese and Korean fully in script, Brazilian Portuguese with R$, budgets in yen, won and crore, NHS
bands and US GS/SES grades, a fractional CFO, engineering ladders (Staff, Distinguished, L7), a founder
"ex-Google", two co-founders in one enquiry, a client extending, an empty partial form, a message in HTML, a
3,000-character message full of dates, a start already missed, "after our IPO", "post-merger", "after our
year-end close", a fellow coach fishing, an editor-in-chief wanting a quote, an unsubscribe in new words, a
leadership team of eight and a minister's private office.
The twelfth: voice-to-text dictation ("comma", "period", numbers in words) in the boxes and the
message, a LinkedIn InMail the coach forwarded with "FYI - warm?" on top, a badge's QR code decoded
as a vCard, a WhatsApp message pasted by the coach, Greek in script, Swiss
"Geschäftsleitungsmitglied", Japanese 部長 against 課長, Dutch DGA, Czech, Hungarian, Norwegian, Finnish
and Romanian heads, an executive chef, a franchisee's "40 sites", "Head of People (team of 1)", a
stock ticker as the company, budgets per month or year and "whatever it takes", "after Golden Week",
"before Lunar New Year", "Q1 FY28 (our FY starts July)", a start tied to a funding round, a charity
asking for pro bono, a trainee coach buying supervision, an AI-written growth pitch (held), a
gmial.com typo, a re-enquiry after a promotion, a reply to the nurture email, an assistant booking
for three VPs, playful titles, and sectors the rules never named (space, esports, aquaculture).
The thirteenth: a partner firm's referral spreadsheet row pasted tab-separated, Welsh, Irish, Tagalog, Malay
and Swahili titles, Persian and Urdu in script, a tender portal's notification, titles that are only an
acronym (CRO, CISO, CCO, CAO, CXO, CDO, CLO), the title and company boxes swapped, a LinkedIn URL as the
whole message, "FTE: 35 (contractors 200)", "a few thousand globally", "H2 FY2027", "Q4 2027 (calendar)",
"next academic year", "next financial year", an existing client's assistant, a family office principal,
.gov.uk, .gc.ca and .gov.au addresses, an assistant deputy minister, an APS assistant secretary and a sports
captain.
The fourteenth: Afrikaans, Amharic in Ge'ez script, Danish, Catalan, Slovak, Croatian, Estonian, Lithuanian,
Icelandic, Bulgarian in Cyrillic, Bengali and Tamil in script, a voicemail transcript, a message typed on a
phone in lower case with no punctuation, the answers as a Markdown list or key=value pairs, a double opt-in
introduction, a 12-person startup's founder and a VP of a 40,000-person firm, a police chief superintendent,
a federation's secretary general, a vice-provost, a trust's chief nurse, a student and a job seeker, budgets
in naira and zloty, "2.5k", "half a dozen of us", "after Diwali", "after Pongal", "depois do Carnaval",
"this side of Christmas", "next semester", an HR business partner buying for an incoming CFO.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from automation.errors import BadRequest
from automation.leads.capture import new_lead_row, parse_form
from automation.leads.scoring import score_lead
from automation.leads.seniority import seniority_level
from automation.leads.spam import spam_reasons
from automation.models import Lead
from automation.settings.leads import ScoringSettings

DATA = Path(__file__).parent / "data"
S = ScoringSettings()

# Agreement reached on each holdout (tier, seniority level, inputs; see bench/RESULTS-leads.md, where the
# first looks are: 39/40/33, 35/36/26, 22/26/22, 24/21/23, 24/28/25, 22/36/19, 31/35/30, 20/27/15,
# 26/34/25, 27/29/28, 21/27/23, 25/28/24, 25/26/27 and 18/23/16 of 40, the third, fourth, eighth and tenth
# each with one lead refused by the form):
# a drop is a regression. The misses left are judgement calls named there, not forced.
HOLDOUTS = [
    pytest.param("holdout_leads.json", (40, 40, 40), id="holdout1"),
    pytest.param("holdout2_leads.json", (39, 39, 39), id="holdout2"),
    pytest.param("holdout3_leads.json", (38, 38, 40), id="holdout3"),
    pytest.param("holdout4_leads.json", (40, 40, 38), id="holdout4"),
    pytest.param("holdout5_leads.json", (38, 39, 35), id="holdout5"),
    pytest.param("holdout6_leads.json", (38, 40, 37), id="holdout6"),
    pytest.param("holdout7_leads.json", (40, 40, 38), id="holdout7"),
    pytest.param("holdout8_leads.json", (36, 39, 35), id="holdout8"),
    pytest.param("holdout9_leads.json", (37, 39, 40), id="holdout9"),
    pytest.param("holdout10_leads.json", (35, 39, 37), id="holdout10"),
    pytest.param("holdout11_leads.json", (38, 39, 36), id="holdout11"),
    pytest.param("holdout12_leads.json", (36, 38, 38), id="holdout12"),
    pytest.param("holdout13_leads.json", (37, 39, 36), id="holdout13"),
    pytest.param("holdout14_leads.json", (33, 37, 30), id="holdout14"),
]


def _band(size: int | None) -> int | None:
    """The size band a headcount falls in (what the score reads of it)."""
    return next((at for at, _ in sorted(S.size_points, reverse=True) if size and size >= at), None)


@pytest.mark.parametrize(("name", "minimum"), HOLDOUTS)
def test_holdout__tier_seniority_and_inputs_agreement(name: str, minimum: tuple[int, int, int]) -> None:
    doc = json.loads((DATA / name).read_text(encoding="utf-8"))
    today = date.fromisoformat(doc["today"])
    now = datetime(today.year, today.month, today.day, 9, 30, tzinfo=UTC)
    leads = doc["leads"]
    assert len(leads) == 40
    tiers = levels = inputs = 0
    misses = []
    for case in leads:
        exp = case["expected"]
        try:
            form = parse_form(case["form"], today=lambda: today)
        except BadRequest as exc:  # the enquiry refused by the form: lost, a miss in tier and inputs
            levels += seniority_level(case["form"].get("title")) == exp["level"]
            misses.append(f"{case['form']}: refused by the form ({exc})")
            continue
        assert form is not None
        level = seniority_level(form.title)  # the lead's title: a title typed in the name box is moved there
        levels += level == exp["level"]
        the_lead = Lead(id="recHOLDOUT0000001", **new_lead_row(form, today))
        result = score_lead(the_lead, S, now)
        held, want_held = spam_reasons(form) is not None, exp.get("held", False)
        tiers += held == want_held and (held or result.tier == exp["tier"])
        industry = result.component("Fit").items[2].points
        want_industry = {None: S.unknown_points["industry"], True: S.industry_match_points}.get(
            exp["target_industry"], S.industry_other_points
        )
        personal = any(i.label == "personal email domain" for i in result.component("Risk").items)
        read = (_band(the_lead.company_size), the_lead.lead_source, the_lead.timeline or "Unknown", industry)
        want = (_band(exp["company_size"]), exp["source"], exp["timeline"], want_industry)
        read_right = read == want and personal == exp.get("personal_email", personal)
        inputs += read_right
        if result.tier != exp["tier"] or held != want_held or level != exp["level"] or not read_right:
            misses.append(
                f"{case['form']}: held {held} (want {want_held}), tier {result.tier} (want {exp['tier']}), "
                f"level {level} "
                f"(want {exp['level']}), size {the_lead.company_size} (want {exp['company_size']}), "
                f"source {the_lead.lead_source} (want {exp['source']}), timeline {the_lead.timeline} "
                f"(want {exp['timeline']}), industry {industry} (want {want_industry}), personal email "
                f"{personal} (want {exp.get('personal_email', 'not stated')})\n{result.breakdown}"
            )
    print(f"\n{name}: tier {tiers}/40, level {levels}/40, inputs {inputs}/40\n" + "\n\n".join(misses))
    min_tier, min_level, min_inputs = minimum
    assert tiers >= min_tier, "\n\n".join(misses)
    assert levels >= min_level, "\n\n".join(misses)
    assert inputs >= min_inputs, "\n\n".join(misses)
