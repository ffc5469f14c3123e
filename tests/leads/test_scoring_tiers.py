"""Realistic leads and the tier a coach would give them (judged by hand, not copied from the function).

Hot = "call today", Warm = "a few touches over the next two weeks", Cool = "a monthly touch",
Cold = "quarterly at most". Each case says why.
"""

from __future__ import annotations

import pytest

from automation.leads.emails import template_email
from automation.leads.nurture import plan_nurture
from automation.leads.scoring import score_lead
from automation.settings.leads import NurtureSettings, ScoringSettings
from tests.leads.factories import NOW, TODAY, days_ago, lead

S = ScoringSettings()

# (id, expected tier, why a coach says so, lead facts)
CASES = [
    (
        "referral_md_bank_immediate_is_hot",
        "Hot",
        "a client referred the MD of a 350-person bank who wants to start now",
        dict(
            title="Managing Director",
            company_size=350,
            industry="Financial Services",
            lead_source="Referral",
            timeline="Immediate",
        ),
    ),
    (
        "referral_vp_with_meeting_is_hot",
        "Hot",
        "referred VP who has replied twice and met me this week",
        dict(
            title="VP People",
            company_size=1200,
            industry="Technology",
            lead_source="Referral",
            timeline="1-3 months",
            replies=2,
            meetings=1,
            last_engagement=days_ago(3),
            created_date=days_ago(20),
        ),
    ),
    (
        "speaker_coo_replied_yesterday_is_hot",
        "Hot",
        "COO heard my keynote, wants to start now and answered yesterday",
        dict(
            title="COO",
            company_size=600,
            industry="Healthcare",
            lead_source="Speaking",
            timeline="Immediate",
            replies=1,
            last_engagement=days_ago(1),
            created_date=days_ago(4),
        ),
    ),
    (
        "website_founder_ceo_in_conversation_is_hot",
        "Hot",
        "inbound founder-CEO, two replies and a call this week, ready now",
        dict(
            title="Founder & CEO",
            company_size=80,
            industry="Technology",
            lead_source="Website",
            timeline="Immediate",
            replies=2,
            meetings=1,
            last_engagement=days_ago(2),
            created_date=days_ago(9),
        ),
    ),
    (
        "referral_head_of_people_large_bank_immediate_is_hot",
        "Hot",
        "head of people at a 1,500-person bank, referred, needs coaching for her leaders now",
        dict(
            title="Head of People",
            company_size=1500,
            industry="Financial Services",
            lead_source="Referral",
            timeline="Immediate",
        ),
    ),
    (
        "website_ceo_target_industry_immediate_is_hot",
        "Hot",
        "a CEO filled in the website form asking to start now",
        dict(
            title="CEO", company_size=300, industry="Technology", lead_source="Website", timeline="Immediate"
        ),
    ),
    (
        "website_hr_director_next_quarter_is_warm",
        "Warm",
        "HR director at a big tech firm enquired online, thinking about next quarter",
        dict(
            title="Director of HR",
            company_size=2000,
            industry="Technology",
            lead_source="Website",
            timeline="1-3 months",
        ),
    ),
    (
        "referral_vp_no_timeline_is_warm",
        "Warm",
        "referred VP of finance at a bank, no stated timeline yet",
        dict(
            title="Vice President, Finance",
            company_size=400,
            industry="Financial Services",
            lead_source="Referral",
            timeline="Unknown",
        ),
    ),
    (
        "podcast_vp_replied_this_week_is_warm",
        "Warm",
        "VP who heard the podcast and is in an email conversation, 1–3 months out",
        dict(
            title="VP Operations",
            company_size=800,
            industry="Healthcare",
            lead_source="Podcast",
            timeline="1-3 months",
            replies=2,
            last_engagement=days_ago(5),
            created_date=days_ago(12),
        ),
    ),
    (
        "linkedin_head_of_engineering_after_meeting_is_warm",
        "Warm",
        "had an intro call ten days ago; 3–6 months out",
        dict(
            title="Head of Engineering",
            company_size=300,
            industry="Technology",
            lead_source="LinkedIn",
            timeline="3-6 months",
            replies=1,
            meetings=1,
            last_engagement=days_ago(10),
            created_date=days_ago(25),
        ),
    ),
    (
        "networking_ceo_small_consultancy_is_warm",
        "Warm",
        "CEO of a 25-person consultancy met at an event, wants to start within the quarter (gmail address)",
        dict(
            title="CEO",
            company_size=25,
            industry="Professional Services",
            lead_source="Networking Event",
            timeline="1-3 months",
            email="tom.ceo@gmail.com",
        ),
    ),
    (
        "referred_quiet_md_after_four_months_is_warm",
        "Warm",
        "the referred MD never answered in four months: still worth touches, no longer a same-day call",
        dict(
            title="Managing Director",
            company_size=350,
            industry="Financial Services",
            lead_source="Referral",
            timeline="Immediate",
            created_date=days_ago(120),
        ),
    ),
    (
        "networking_founder_tiny_startup_later_is_cool",
        "Cool",
        "founder of a 12-person startup, 3–6 months out, personal email",
        dict(
            title="Founder",
            company_size=12,
            industry="Technology",
            lead_source="Networking Event",
            timeline="3-6 months",
            email="sam@gmail.com",
        ),
    ),
    (
        "website_engineering_manager_later_is_cool",
        "Cool",
        "a manager, not yet a buyer, looking 3–6 months ahead",
        dict(
            title="Engineering Manager",
            company_size=150,
            industry="Technology",
            lead_source="Website",
            timeline="3-6 months",
        ),
    ),
    (
        "social_marketing_director_retail_is_cool",
        "Cool",
        "a director outside our industries who followed us on social media, no timeline",
        dict(title="Marketing Director", company_size=500, industry="Retail", lead_source="Social Media"),
    ),
    (
        "vp_with_bounced_email_is_cool",
        "Cool",
        "good fit but the email bounced: we cannot reach them until someone finds a new address",
        dict(
            title="VP Sales",
            company_size=900,
            industry="Technology",
            lead_source="Website",
            timeline="1-3 months",
            email_status="Bounced",
        ),
    ),
    (
        "referral_director_engaged_half_a_year_ago_is_cool",
        "Cool",
        "engaged six months ago and went quiet; long timeline",
        dict(
            title="Director",
            company_size=250,
            industry="Healthcare",
            lead_source="Referral",
            timeline="6+ months",
            replies=2,
            last_engagement=days_ago(180),
            created_date=days_ago(200),
        ),
    ),
    (
        "networking_director_without_email_is_cool",
        "Cool",
        "promising director met at an event, but we only have a business card without email",
        dict(
            title="Director of Risk",
            company_size=500,
            industry="Financial Services",
            lead_source="Networking Event",
            timeline="3-6 months",
            email=None,
        ),
    ),
    (
        "linkedin_analyst_big_bank_is_cold",
        "Cold",
        "an analyst is not a buyer of leadership coaching, however big the bank",
        dict(
            title="Business Analyst",
            company_size=8000,
            industry="Financial Services",
            lead_source="LinkedIn",
            timeline="Unknown",
        ),
    ),
    (
        "linkedin_student_is_cold",
        "Cold",
        "an MBA student with no company",
        dict(title="MBA Student", lead_source="LinkedIn", email="stu@uni.example"),
    ),
    (
        "unsubscribed_vp_is_cold",
        "Cold",
        "asked us to stop emailing: whatever the fit, no nurture",
        dict(
            title="VP Engineering",
            company_size=1000,
            industry="Technology",
            lead_source="Website",
            timeline="1-3 months",
            status="Unsubscribed",
        ),
    ),
    (
        "spam_report_director_is_cold",
        "Cold",
        "marked our email as spam",
        dict(
            title="Director",
            company_size=700,
            industry="Healthcare",
            lead_source="Podcast",
            timeline="3-6 months",
            email_status="Spam Report",
        ),
    ),
    (
        "fellow_life_coach_on_social_is_cold",
        "Cold",
        "a self-employed life coach: a peer, not a client",
        dict(
            title="Life Coach",
            company_size=1,
            industry="Coaching",
            lead_source="Social Media",
            email="coach.anna@hotmail.com",
        ),
    ),
    (
        "year_old_import_manager_retail_is_cold",
        "Cold",
        "a manager from an old list, a year without any contact",
        dict(
            title="Store Manager",
            company_size=60,
            industry="Retail",
            lead_source="Other",
            created_date=days_ago(365),
        ),
    ),
]


# Leads as they mostly arrive (a form, an email, a business card): a few facts, the rest blank. Blank inputs
# are neutral, so the tier follows what is known.
SPARSE_CASES = [
    (
        "referred_chief_executive_with_company_email_only_is_warm",
        "Warm",
        "a client referred the Chief Executive of a real company (work address): at least Warm, a personal "
        "note the same day",
        dict(title="Chief Executive", lead_source="Referral", source_detail="Priya Shah"),
    ),
    (
        "referred_vp_with_company_email_only_is_warm",
        "Warm",
        "a referred VP, nothing else known yet: worth a few touches over the next two weeks",
        dict(title="VP Sales", lead_source="Referral", source_detail="Tom Reyes"),
    ),
    (
        "networking_founder_with_nothing_else_is_warm",
        "Warm",
        "a founder I met at an event and who gave me a card: follow up within days",
        dict(title="Founder", lead_source="Networking Event"),
    ),
    (
        "website_director_next_quarter_without_company_details_is_warm",
        "Warm",
        "a director enquired online wanting to start next quarter; size and industry not asked yet",
        dict(title="Director of Operations", lead_source="Website", timeline="1-3 months"),
    ),
    (
        "website_enquiry_with_only_a_name_and_work_email_is_cool",
        "Cool",
        "an enquiry through the website from someone we know nothing about yet: neither hot nor cold",
        dict(lead_source="Website"),
    ),
    (
        "business_card_managing_director_without_email_is_cool",
        "Cool",
        "an MD's business card from an event with no email on it: promising, but we cannot write yet",
        dict(title="Managing Director", lead_source="Networking Event", email=None),
    ),
    (
        "linkedin_software_engineer_title_only_is_cold",
        "Cold",
        "an engineer connecting on LinkedIn is not a buyer of leadership coaching",
        dict(title="Software Engineer", lead_source="LinkedIn"),
    ),
    (
        "old_list_name_and_email_only_is_cold",
        "Cold",
        "a name and address from an old list, eight months without a word",
        dict(lead_source="Other", created_date=days_ago(240)),
    ),
]
CASES += SPARSE_CASES
SCORING_INPUTS = ("title", "company_size", "industry", "lead_source", "timeline")


@pytest.mark.parametrize(("expected", "why", "facts"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_score_lead__coach_judged_tier(expected: str, why: str, facts: dict) -> None:
    result = score_lead(lead(**facts), S, NOW)
    assert result.tier == expected, f"{why}\n{result.breakdown}"


def test_tier_table__has_at_least_twenty_leads_and_every_tier() -> None:
    assert len(CASES) >= 20
    assert {c[1] for c in CASES} == {"Hot", "Warm", "Cool", "Cold"}


def test_tier_table__has_at_least_five_sparse_input_leads() -> None:
    sparse = [c for c in CASES if sum(c[3].get(k) is None for k in SCORING_INPUTS) >= 2]
    assert len(sparse) >= 5 and {c[1] for c in sparse} >= {"Warm", "Cool", "Cold"}


def test_referred_c_level_at_a_real_company__gets_a_same_day_personal_first_touch() -> None:
    """Warm or better, a first email naming the referrer drafted today, the next touch within days."""
    referred = lead(title="Chief Executive", lead_source="Referral", source_detail="Priya Shah")
    tier = score_lead(referred, S, NOW).tier
    assert tier in ("Hot", "Warm")
    plan = plan_nurture(referred, tier, NurtureSettings(), TODAY)
    if tier == "Warm":
        assert plan.email is not None and plan.email.first, "the first touch is drafted at once"
        assert "Priya Shah" in template_email(referred, plan.email).subject
        assert (plan.fields["follow_up_due"] - TODAY).days <= 3, "then touches within days, not monthly"
    else:
        assert plan.hot_alert and plan.fields["follow_up_due"] == TODAY
