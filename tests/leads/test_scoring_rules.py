"""Properties of the lead score: monotone in seniority and engagement, fading with time, adding up."""

from __future__ import annotations

import random
import re
from datetime import timedelta

import pytest

from automation.leads.scoring import score_lead, tier_for
from automation.leads.seniority import seniority_level
from automation.settings import settings_from_mapping
from automation.settings.leads import ScoringSettings
from tests.leads.factories import NOW, TODAY, days_ago, lead

S = ScoringSettings()

TITLES_BY_SENIORITY = [  # lowest to highest, one per level (no title at all is neutral: tested below)
    "Data Analyst",
    "Team Manager",
    "Senior Product Manager",
    "Director of Operations",
    "SVP Sales",
    "Chief People Officer",
]


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("CEO", "executive"),
        ("Co-Founder & CTO", "executive"),
        ("Managing Director, EMEA", "executive"),
        ("Owner", "executive"),
        ("President", "executive"),
        ("Chief Executive", "executive"),
        ("Vice President of Sales", "vp"),
        ("EVP, Operations", "vp"),
        ("General Manager", "vp"),
        ("Partner", "vp"),
        ("Chief of Staff", "director"),
        ("Head of Talent", "director"),
        ("Director, Learning & Development", "director"),
        ("Associate Director", "senior_manager"),
        ("Assistant Vice President", "senior_manager"),
        ("Sr. Engineering Manager", "senior_manager"),
        ("Team Lead", "manager"),
        ("Store Manager", "manager"),
        ("Executive Assistant to the CEO", "individual"),
        ("Product Owner", "individual"),
        ("Software Engineer", "individual"),
        ("CEO Assistant", "individual"),
        ("HR Business Partner", "manager"),
        ("Board Member", "vp"),
        ("CEO & Board Member", "executive"),
        ("General Counsel", "vp"),
        ("Country Manager", "director"),
        ("Headteacher", "director"),
        ("Deputy Head Teacher", "senior_manager"),
        ("Superintendent of Schools", "director"),
        ("Directeur Général", "executive"),
        ("Geschäftsführerin", "executive"),
        ("Abteilungsleiter Vertrieb", "director"),
        ("Teamleiterin", "manager"),
        ("Retired CEO", "individual"),  # not in the role now
        ("Former VP Sales", "individual"),
        ("Aspiring manager", "individual"),
        ("Incoming CEO", "executive"),  # about to be: a lead worth a call
        ("Exec. Director", "executive"),
        ("Founding Partner", "executive"),
        ("Head Nurse", "manager"),
        ("", "unknown"),
        (None, "unknown"),
    ],
)
def test_seniority_level__reads_titles_like_a_person(title: str | None, level: str) -> None:
    assert seniority_level(title) == level


@pytest.mark.parametrize(
    ("title", "level"),
    [
        # Abbreviations and dotted acronyms, as business cards and CRMs write them.
        ("Dir. of Finance", "director"),
        ("Sr. Mgr", "senior_manager"),
        ("Snr Manager", "senior_manager"),
        ("Senior Mgr, Finance", "senior_manager"),
        ("Ops Mgr", "manager"),
        ("GM – EMEA", "vp"),
        ("C.E.O.", "executive"),
        ("V.P. Sales", "vp"),
        ("Cofounder", "executive"),
        ("Dep. Head of Finance", "senior_manager"),
        ("Dept. Head", "director"),  # a department's head, not a deputy
        ("HR BP", "manager"),
        ("HRBP", "manager"),
        # Two roles at once: the more senior counts, unless the whole is someone else's roles.
        ("EVP & CFO", "executive"),
        ("VP and General Counsel", "vp"),
        ("Head of Sales & Marketing", "director"),
        ("Assistant to the CEO & CFO", "individual"),
        ("Retired CEO and Chair", "individual"),
        # Words that look like a rank but name a job.
        ("Lead Generation Specialist", "individual"),
        ("Partner Manager", "manager"),
        ("Channel Partner Marketing Specialist", "individual"),
        ("Vice Chair", "vp"),
        ("NED", "vp"),
        # Schools, wards, the forces.
        ("High School Principal", "director"),
        ("Vice Principal", "senior_manager"),
        ("Charge Nurse", "manager"),
        ("Lieutenant Colonel", "director"),
        ("Brigadier General", "executive"),
        ("Colonel (Retd)", "individual"),
        ("Group Leader", "manager"),
        # Other languages.
        ("Gerente de Ventas", "manager"),
        ("Responsable Marketing", "manager"),
        ("Vorstandsvorsitzender", "executive"),
        ("Presidente", "executive"),
        ("Vicepresidente de Ventas", "vp"),
        ("Consejero Delegado", "executive"),
        ("Direttore Generale", "executive"),
        ("Inhaber", "executive"),
        ("Fondatrice", "executive"),
        # A placeholder in a required box is no title at all.
        ("n/a", "unknown"),
        ("N.A.", "unknown"),
        ("-", "unknown"),
        ("none", "unknown"),
    ],
)
def test_seniority_level__abbreviations_other_languages_and_placeholders(title: str, level: str) -> None:
    assert seniority_level(title) == level


@pytest.mark.parametrize("blank", ["n/a", "-", "None"])
def test_score_lead__a_placeholder_title_or_industry_is_unknown_not_a_known_answer(blank: str) -> None:
    facts = dict(title=blank, industry=blank, company_size=50, lead_source="Website", timeline="1-3 months")
    fit = score_lead(lead(**facts), S, NOW).component("Fit")
    labels = [i.label for i in fit.items]
    assert labels[0] == UNKNOWN_INPUTS["title"] and labels[2] == UNKNOWN_INPUTS["industry"]
    assert fit.items[0].points == S.unknown_points["title"]
    assert fit.items[2].points == S.unknown_points["industry"]


def test_score_lead__more_seniority_never_lowers_the_score() -> None:
    for base in _random_leads(60, seed=1):
        scores = [score_lead(lead(**{**base, "title": t}), S, NOW).score for t in TITLES_BY_SENIORITY]
        assert scores == sorted(scores), (base, scores)


def test_score_lead__an_unknown_title_counts_between_a_non_buyer_and_a_leader() -> None:
    for base in _random_leads(60, seed=6):
        fit = {
            title: score_lead(lead(**{**base, "title": title}), S, NOW).component("Fit").points
            for title in (None, "Data Analyst", "Chief People Officer")
        }
        assert fit["Data Analyst"] < fit[None] < fit["Chief People Officer"], (base, fit)


UNKNOWN_INPUTS = {  # field left blank -> the words the breakdown must use for it
    "title": "title unknown (neutral)",
    "company_size": "size unknown (neutral)",
    "industry": "industry unknown (neutral)",
    "lead_source": "source unknown (neutral)",
    "timeline": "timeline unknown (neutral)",
}


@pytest.mark.parametrize("blank", list(UNKNOWN_INPUTS))
def test_score_lead__the_breakdown_names_each_unknown_input(blank: str) -> None:
    full = dict(
        title="VP Sales", company_size=400, industry="Retail", lead_source="Website", timeline="1-3 months"
    )
    breakdown = score_lead(lead(**{**full, blank: None}), S, NOW).breakdown
    assert UNKNOWN_INPUTS[blank] in breakdown, breakdown
    others = [words for key, words in UNKNOWN_INPUTS.items() if key != blank]
    assert not any(words in breakdown for words in others), breakdown


def test_score_lead__a_lead_with_nothing_filled_in_names_all_five_unknowns() -> None:
    breakdown = score_lead(lead(), S, NOW).breakdown
    assert all(words in breakdown for words in UNKNOWN_INPUTS.values()), breakdown
    assert "timeline unknown (neutral)" in score_lead(lead(timeline="Unknown"), S, NOW).breakdown


@pytest.mark.parametrize(
    ("key", "known_points"),
    [
        ("title", lambda s: [p for level, p in s.seniority_points.items() if level != "individual"]),
        ("company_size", lambda s: [p for _, p in s.size_points]),
        ("industry", lambda s: [s.industry_match_points, s.industry_other_points]),
        ("source", lambda s: list(s.source_points.values())),
        ("timeline", lambda s: list(s.timing_points.values())),
    ],
)
def test_scoring_settings__each_prior_lies_strictly_inside_its_inputs_range(key: str, known_points) -> None:
    """Neutral means neither the best nor the worst a known value can score."""
    points = known_points(S)
    assert min(points) < S.unknown_points[key] < max(points)


def test_score_lead__priors_come_from_settings() -> None:
    custom = settings_from_mapping({"scoring.unknown_points": '{"company_size": 0, "timeline": 9}'}).scoring
    result = score_lead(lead(title="CEO"), custom, NOW)
    assert "size unknown (neutral) +0" in result.component("Fit").line()
    assert result.component("Timing").line() == "Timing 9/20: timeline unknown (neutral) +9"


@pytest.mark.parametrize("field", ["replies", "meetings"])
def test_score_lead__more_engagement_never_lowers_the_score(field: str) -> None:
    for base in _random_leads(60, seed=2):
        scores = [score_lead(lead(**{**base, field: n}), S, NOW).score for n in range(0, 6)]
        assert scores == sorted(scores), (base, field, scores)


def test_score_lead__more_recent_engagement_never_lowers_the_score() -> None:
    for base in _random_leads(60, seed=3):
        base = {**base, "created_date": days_ago(400), "replies": 2}
        scores = [
            score_lead(lead(**{**base, "last_engagement": days_ago(d)}), S, NOW).score
            for d in (300, 90, 30, 7, 0)
        ]
        assert scores == sorted(scores), (base, scores)


def test_score_lead__engagement_halves_over_the_half_life() -> None:
    facts = dict(replies=2, meetings=1, created_date=days_ago(100), last_engagement=TODAY)
    fresh = score_lead(lead(**facts), S, NOW).component("Engagement").points
    later = score_lead(lead(**facts), S, NOW + timedelta(days=30)).component("Engagement").points
    assert (fresh, later) == (30, 15)


def test_score_lead__score_only_falls_as_days_pass_without_news() -> None:
    for base in _random_leads(40, seed=4):
        scores = [score_lead(lead(**base), S, NOW + timedelta(days=d)).score for d in range(0, 400, 7)]
        assert scores == sorted(scores, reverse=True), (base, scores)


def test_score_lead__same_facts_next_day_give_the_same_breakdown_unless_points_change() -> None:
    facts = dict(
        title="CEO", lead_source="Referral", replies=1, last_engagement=days_ago(2), created_date=days_ago(9)
    )
    a, b = (score_lead(lead(**facts), S, NOW + timedelta(days=d)) for d in (0, 1))
    assert a.score == b.score and a.breakdown == b.breakdown  # no "N days ago" in the text


def test_score_lead__every_breakdown_line_adds_up_to_the_score() -> None:
    for facts in _random_leads(500, seed=5):
        result = score_lead(lead(**facts), S, NOW)
        lines = result.breakdown.splitlines()
        total = 0
        for line in lines[:-1]:
            head, _, items = line.partition(": ")
            line_points = _number(head.split()[1].split("/")[0])
            item_points = [_number(m) for m in re.findall(r" ([+−]\d+)(?:,|$)", items)]
            assert sum(item_points) == line_points, line
            total += line_points
        assert total == result.score == int(lines[-1].split()[1]), result.breakdown
        assert 1 <= result.score <= 100
        assert result.tier == tier_for(result.score, S)


def test_score_lead__score_stays_within_1_and_100_at_the_extremes() -> None:
    best = dict(
        title="CEO",
        company_size=10000,
        industry="Technology",
        lead_source="Referral",
        timeline="Immediate",
        replies=9,
        meetings=9,
        last_engagement=TODAY,
    )
    worst = dict(
        email="x@gmail.com", status="Unsubscribed", email_status="Spam Report", created_date=days_ago(900)
    )
    assert score_lead(lead(**best), S, NOW).score == 100
    assert score_lead(lead(**worst), S, NOW).score == 1
    assert score_lead(lead(**best), S, NOW).breakdown.splitlines()[-2].startswith("Cap −")


@pytest.mark.parametrize(
    ("facts", "risk_line"),
    [
        (dict(email=None), "Risk −15: no email address −15"),
        (dict(email="a@gmail.com"), "Risk −5: personal email domain −5"),
        # Europe's free mailboxes are personal too.
        (dict(email="a@gmx.de"), "Risk −5: personal email domain −5"),
        (dict(email="a@web.de"), "Risk −5: personal email domain −5"),
        (dict(email="a@orange.fr"), "Risk −5: personal email domain −5"),
        # And those of a client base beyond Europe, and a listed brand's other countries' domains.
        (dict(email="a@yandex.ru"), "Risk −5: personal email domain −5"),
        (dict(email="a@qq.com"), "Risk −5: personal email domain −5"),
        (dict(email="a@naver.com"), "Risk −5: personal email domain −5"),
        (dict(email="a@yahoo.com.br"), "Risk −5: personal email domain −5"),
        (dict(email="a@hotmail.es"), "Risk −5: personal email domain −5"),
        # Canada's, Israel's and Korea's household and free mailboxes.
        (dict(email="a@cogeco.ca"), "Risk −5: personal email domain −5"),
        (dict(email="a@walla.com"), "Risk −5: personal email domain −5"),
        (dict(email="a@kakao.com"), "Risk −5: personal email domain −5"),
        # A free-mail brand's other names (Yahoo's ymail and rocketmail, Tencent's foxmail, NetEase's yeah).
        (dict(email="a@rocketmail.com"), "Risk −5: personal email domain −5"),
        (dict(email="a@ymail.co.uk"), "Risk −5: personal email domain −5"),
        (dict(email="a@foxmail.com"), "Risk −5: personal email domain −5"),
        (dict(email="a@yeah.net"), "Risk −5: personal email domain −5"),
        # A small firm's own domain at a business provider's host is not personal.
        (dict(email="a@smithjoinery.btconnect.com"), "Risk 0: none"),
        # Paid private mailboxes are a person's own too; a government, university or role alias is not.
        (dict(email="a@hey.com"), "Risk −5: personal email domain −5"),
        (dict(email="a@fastmail.com"), "Risk −5: personal email domain −5"),
        # An internet provider's mailbox is a household's.
        (dict(email="a@virginmedia.com"), "Risk −5: personal email domain −5"),
        (dict(email="a@verizon.net"), "Risk −5: personal email domain −5"),
        (dict(email="a.b@dft.gov.uk"), "Risk 0: none"),
        (dict(email="info@acme.co.uk"), "Risk 0: none"),
        # A company's own mail host, and plus-addressing at a company, are not personal.
        (dict(email="a@mail.acme.co.uk"), "Risk 0: none"),
        (dict(email="a+forms@acme.com"), "Risk 0: none"),
        (dict(email_status="Bounced"), "Risk −20: email bounced −20"),
        (
            dict(status="Unsubscribed", email="a@yahoo.com"),
            "Risk −55: unsubscribed −50, personal email domain −5",
        ),
        (dict(), "Risk 0: none"),
    ],
    ids=[
        "missing_email",
        "personal_domain",
        "gmx_de",
        "web_de",
        "orange_fr",
        "yandex_ru",
        "qq_com",
        "naver_com",
        "yahoo_country_domain",
        "hotmail_country_domain",
        "cogeco_ca",
        "walla_com",
        "kakao_com",
        "rocketmail",
        "ymail_country_domain",
        "foxmail",
        "yeah_net",
        "business_provider_host",
        "hey_com",
        "fastmail",
        "isp_uk",
        "isp_us",
        "government",
        "role_alias",
        "company_mail_host",
        "company_plus_address",
        "bounced",
        "unsubscribed_personal",
        "no_risk",
    ],
)
def test_score_lead__risk_lines(facts: dict, risk_line: str) -> None:
    base = dict(title="CEO", company_size=500, lead_source="Referral", timeline="Immediate")
    assert score_lead(lead(**{**base, **facts}), S, NOW).component("Risk").line() == risk_line


def test_score_lead__industry_matches_the_settings_target_list() -> None:
    custom = settings_from_mapping({"scoring.target_industries": '["Retail"]'}).scoring
    retail = lead(title="CEO", industry="Retail")
    assert (
        score_lead(retail, custom, NOW).component("Fit").points
        > score_lead(retail, S, NOW).component("Fit").points
    )


@pytest.mark.parametrize(
    ("industry", "target"),
    [
        ("SaaS", True),  # Technology, as a form is filled in
        ("IT Services", True),
        ("Investment Banking", True),  # Financial Services
        ("Insurance", True),
        ("Pharmaceuticals", True),  # Healthcare
        ("NHS Trust", True),
        ("Management Consulting", True),  # Professional Services
        ("Law firm", True),
        ("Developer tools", True),  # Technology
        ("Retail", False),
        ("Government agency", False),  # an agency of the state is not a professional-services agency
        ("Construction", False),
        # The same families in the European languages the titles are read in, accents or not.
        ("Banque", True),
        ("Tecnología", True),
        ("Versicherungen", True),
        ("Santé", True),
        ("Unternehmensberatung", True),
        ("Maschinenbau", False),
        ("Hôtellerie", False),
        # Abbreviations and the families in Portuguese and Spanish (the fourth holdout's kinds).
        ("Cyber", True),
        ("InfoSec", True),
        ("Asset mgt.", True),
        ("Fin. services", True),
        ("Prof. svcs", False),  # "professional" is not spelled out: left to the coach's own list
        ("Escritório de advocacia", True),
        ("Contabilidade", True),
        ("Facility mgmt", False),
        # The families in Chinese, Japanese, Korean and Arabic, words run together (the fifth holdout's kind).
        ("互联网软件", True),  # internet software
        ("投資銀行", True),  # investment banking
        ("의료기기", True),  # medical devices
        ("استشارات إدارية", True),  # management consulting
        ("製造業", False),  # manufacturing
        ("零售", False),  # retail
        # A sector's technology as one word (the sixth holdout's kind).
        ("Regtech", True),
        ("LegalTech", True),
        ("Agritech startup", True),
        # Electronics in Chinese, Japanese and Korean; the families in Hebrew (the seventh holdout's kind).
        ("消费电子", True),  # consumer electronics
        ("반도체 장비", True),  # semiconductor equipment
        ("תוכנה ארגונית", True),  # enterprise software
        ("בנקאות", True),  # banking
        ("בית חולים", True),  # a hospital
        ("משרד עורכי דין", True),  # a law firm
        ("קמעונאות", False),  # retail
    ],
)
def test_score_lead__free_text_industries_count_for_their_target_family(industry: str, target: bool) -> None:
    matched = score_lead(lead(title="CEO", industry=industry), S, NOW).component("Fit").points
    other = score_lead(lead(title="CEO", industry="Mining"), S, NOW).component("Fit").points
    assert (matched > other) is target


def test_score_lead__weights_and_cutoffs_come_from_settings() -> None:
    custom = settings_from_mapping(
        {"scoring.source_points": '{"Referral": 5}', "scoring.hot_min": "50", "scoring.warm_min": "40"}
    ).scoring
    referral = lead(
        title="CEO", company_size=300, industry="Technology", lead_source="Referral", timeline="Immediate"
    )
    result = score_lead(referral, custom, NOW)
    assert result.component("Source").line() == "Source 5/5: referral +5"
    assert result.tier == "Hot"


def test_scoring_settings__a_cutoff_out_of_range_keeps_the_default() -> None:
    with pytest.raises(ValueError, match="hot_min"):
        settings_from_mapping({"scoring.hot_min": "120"})


def _number(text: str) -> int:
    return int(text.replace("−", "-").replace("+", ""))


def _random_leads(n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    titles = ["CEO", "VP Sales", "Director", "Manager", "Analyst", None, "Head of HR", "Founder"]
    out = []
    for _ in range(n):
        out.append(
            dict(
                title=rng.choice(titles),
                company_size=rng.choice([None, 1, 8, 40, 150, 600, 2500, 9000]),
                industry=rng.choice([None, "Technology", "Retail", "Financial Services", "Education"]),
                lead_source=rng.choice([None, "Referral", "Website", "LinkedIn", "Podcast", "Other"]),
                timeline=rng.choice([None, "Immediate", "1-3 months", "3-6 months", "6+ months", "Unknown"]),
                replies=rng.choice([None, 0, 1, 2, 5]),
                meetings=rng.choice([None, 0, 1, 3]),
                last_engagement=rng.choice([None, days_ago(rng.randint(0, 400))]),
                created_date=days_ago(rng.randint(0, 500)),
                email=rng.choice([None, "a@corp.example", "b@gmail.com"]),
                email_status=rng.choice([None, "Valid", "Bounced", "Invalid", "Spam Report"]),
                status=rng.choice(["New", "Contacted", "Engaged", "Unsubscribed"]),
            )
        )
    return out


def test_a_lead_without_created_date_fades_from_its_local_creation_day_not_the_utc_one() -> None:
    """A lead typed into Airtable (no Created Date) on a Friday evening in Chicago is Saturday in UTC: its
    enquiry is Friday's, so by Monday morning it is three days old (fresh-lead 10 fades to 9)."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    chicago = ZoneInfo("America/Chicago")
    friday_evening = datetime(2026, 11, 20, 19, 30, tzinfo=chicago).astimezone(UTC)  # Sat 01:30 UTC
    fresh = lead(created_date=None, created_time=friday_evening, replies=0, meetings=0)
    monday_morning = datetime(2026, 11, 23, 8, 0, tzinfo=chicago)
    engagement = score_lead(fresh, S, monday_morning).component("Engagement")
    assert engagement.points == 9
    assert [(i.label, i.points) for i in engagement.items] == [
        ("fresh lead", 10),
        ("faded (last activity 2026-11-20)", -1),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [("scoring.warm_min", "85")],  # Warm above the default Hot 80
        [("scoring.cool_min", "60")],  # Cool equal to the default Warm
        [("scoring.hot_min", "50"), ("scoring.warm_min", "70")],
    ],
)
def test_scoring_settings__cutoffs_out_of_order_are_refused_and_reported(rows: list) -> None:
    from automation.settings import load_settings

    settings, problems = load_settings(rows)
    s = settings.scoring
    assert s.hot_min > s.warm_min > s.cool_min  # every tier can still be reached
    assert problems and all("min" in p and "default kept" in p for p in problems)


def test_scoring_settings__cutoffs_lowered_together_are_taken_whatever_the_row_order() -> None:
    from automation.settings import load_settings

    rows = [("scoring.cool_min", "20"), ("scoring.hot_min", "40"), ("scoring.warm_min", "30")]
    for order in (rows, rows[::-1]):
        settings, problems = load_settings(order)
        assert problems == []
        s = settings.scoring
        assert (s.hot_min, s.warm_min, s.cool_min) == (40, 30, 20)


@pytest.mark.parametrize(
    ("key", "typed"),
    [
        ("pipeline.default_commission_pct", "150"),
        ("pipeline.default_commission_pct", "-10"),
        ("pipeline.stage_probabilities", '{"Lead": 5, "Proposal": 150}'),
        ("pipeline.stage_probabilities", '{"Lead": -5}'),
        ("scoring.risk_points", '{"bounced": -20}'),
    ],
)
def test_lead_settings__an_impossible_number_keeps_the_default_and_names_it(key: str, typed: str) -> None:
    from automation.settings import BusinessSettings, load_settings

    settings, problems = load_settings([(key, typed), ("pipeline.forecast_months", "6")])
    section, _, name = key.partition(".")
    assert getattr(getattr(settings, section), name) == getattr(getattr(BusinessSettings(), section), name)
    assert len(problems) == 1 and key in problems[0]
    assert settings.pipeline.forecast_months == 6  # the other rows still apply


@pytest.mark.parametrize("typed", ["10", "0.1", "0", "100"])
def test_pipeline_settings__a_default_commission_within_0_to_100_percent_is_taken(typed: str) -> None:
    settings = settings_from_mapping({"pipeline.default_commission_pct": typed})
    assert settings.pipeline.default_commission_pct == float(typed)


def test_score_lead__a_brand_country_domain_is_personal_only_while_the_brand_is_listed() -> None:
    # The list stays the coach's: with hotmail's domains taken off it, hotmail.es is a company address.
    custom = S.model_copy(update={"personal_email_domains": ["gmail.com"]})
    assert score_lead(lead(email="a@gmail.co.uk"), custom, NOW).component("Risk").points == -5
    assert score_lead(lead(email="a@hotmail.es"), custom, NOW).component("Risk").points == 0
