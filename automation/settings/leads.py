"""Lead scoring, nurture and pipeline settings (DESIGN.md §6). Owned by the leads capability.

Every number the lead rules use lives here so the coach can tune it from the Settings table
(Key "scoring.source_points", Value a JSON object, and so on).
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field, field_validator, model_validator

from schema.tables import DEALS, PIPELINE_STAGES

_PERSONAL_DOMAINS = [
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",  # Yahoo's other free mailboxes
    "rocketmail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "outlook.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "btinternet.com",
    # The free mailboxes of a European client base (Germany, Austria, Switzerland, France, Spain, Italy,
    # the Benelux): as personal as gmail.com.
    "gmx.de",
    "gmx.net",
    "gmx.at",
    "gmx.ch",
    "web.de",
    "t-online.de",
    "freenet.de",
    "yahoo.de",
    "yahoo.fr",
    "yahoo.es",
    "yahoo.it",
    "hotmail.de",
    "hotmail.fr",
    "hotmail.es",
    "hotmail.it",
    "live.de",
    "live.fr",
    "outlook.de",
    "outlook.fr",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "laposte.net",
    "sfr.fr",
    "libero.it",
    "virgilio.it",
    "bluewin.ch",
    "ziggo.nl",
    "telenet.be",
    "skynet.be",
    "sapo.pt",
    "mail.com",
    "pm.me",
    # Free mailboxes elsewhere (Russia, China, Korea, Japan, Brazil, Central Europe, India, Australia): a
    # client base beyond Europe writes from these as others do from gmail.com. The big brands' country
    # domains (yahoo.com.br, hotmail.es, gmx.ch) are read as personal without being listed (scoring.py).
    "yandex.ru",
    "ya.ru",
    "mail.ru",
    "bk.ru",
    "inbox.ru",
    "list.ru",
    "rambler.ru",
    "qq.com",
    "foxmail.com",  # Tencent's other free mailbox, as "qq.com"
    "yeah.net",
    "139.com",
    "aliyun.com",
    "163.com",
    "126.com",
    "sina.com",
    "naver.com",
    "daum.net",
    "hanmail.net",
    "uol.com.br",
    "bol.com.br",
    "terra.com.br",
    "seznam.cz",
    "wp.pl",
    "onet.pl",
    "interia.pl",
    "o2.pl",
    "rediffmail.com",
    "bigpond.com",
    "optusnet.com.au",
    "comcast.net",
    "tutanota.com",
    "zoho.com",
    # Internet providers' mailboxes: a household's address, as personal as gmail.com (the UK's, North
    # America's, and Europe's and Oceania's not listed above).
    "sky.com",
    "virginmedia.com",
    "ntlworld.com",
    "blueyonder.co.uk",
    "talktalk.net",
    "tiscali.co.uk",
    "btopenworld.com",
    "verizon.net",
    "att.net",
    "sbcglobal.net",
    "cox.net",
    "charter.net",
    "earthlink.net",
    "bellsouth.net",
    "shaw.ca",
    "rogers.com",
    "sympatico.ca",
    "tiscali.it",
    "alice.it",
    "tin.it",
    "telefonica.net",
    "arcor.de",
    "kpnmail.nl",
    "xs4all.nl",
    "hetnet.nl",
    "home.nl",
    "planet.nl",
    "eircom.net",
    "xtra.co.nz",
    # Canada's (Québec's Vidéotron, Cogeco, Telus, Bell), Israel's and Korea's free and ISP mailboxes.
    "videotron.ca",
    "videotron.qc.ca",
    "cogeco.ca",
    "telus.net",
    "bell.net",
    "walla.co.il",
    "walla.com",
    "netvision.net.il",
    "bezeqint.net",
    "012.net.il",
    "kakao.com",
    "nate.com",
    "iinet.net.au",
    "tpg.com.au",
    # Paid and private personal mailboxes: a person's own address, as gmail.com is.
    "hey.com",
    "fastmail.com",
    "fastmail.fm",
    "duck.com",
    "tuta.io",
    "posteo.de",
    "mailbox.org",
]


class ScoringSettings(BaseModel):
    # Tiers are checked Hot, then Warm, then Cool: the cut-offs must descend (a Warm at or above Hot would
    # leave a tier empty), so a row that breaks the order is refused (see _cutoffs_descend).
    hot_min: int = Field(80, ge=1, le=100, description="Score at or above which a lead is Hot.")
    warm_min: int = Field(60, ge=1, le=100, description="Score at or above which a lead is Warm.")
    cool_min: int = Field(35, ge=1, le=100, description="Score at or above which a lead is Cool (else Cold).")
    engagement_half_life_days: float = Field(
        30.0, gt=0, description="Engagement points halve over this many days."
    )
    target_industries: list[str] = Field(
        default_factory=lambda: ["Financial Services", "Technology", "Healthcare", "Professional Services"],
        description="Industries that fit the business (JSON list).",
    )
    seniority_points: dict[str, int] = Field(
        default_factory=lambda: {
            "executive": 24,
            "vp": 20,
            "director": 16,
            "senior_manager": 10,
            "manager": 6,
            "individual": -8,
        },
        description="Fit points per title level: executive (C-level, founder, owner, MD), vp, director, "
        "senior_manager, manager, individual (JSON object). A known non-leadership title (individual) is "
        "evidence the person is not a buyer: it counts below an unknown title (unknown_points.title).",
    )
    size_points: list[tuple[int, int]] = Field(
        default_factory=lambda: [(5000, 8), (1000, 7), (200, 6), (50, 4), (10, 2), (1, 1)],
        description="Fit points by company size: [[at least N staff, points], …] (JSON list).",
    )
    industry_match_points: int = Field(8, ge=0, description="Fit points for a target industry.")
    industry_other_points: int = Field(2, ge=0, description="Fit points for any other named industry.")
    source_points: dict[str, int] = Field(
        default_factory=lambda: {
            "Referral": 20,
            "Website": 15,
            "Speaking": 15,
            "Networking Event": 12,
            "Podcast": 12,
            "LinkedIn": 8,
            "Social Media": 6,
            "Other": 4,
        },
        description="Points per Lead Source (JSON object).",
    )
    fresh_lead_points: int = Field(
        10, ge=0, description="Engagement points for a new lead's own enquiry (fades like the rest)."
    )
    reply_points: int = Field(5, ge=0, description="Engagement points per reply.")
    max_replies_counted: int = Field(3, ge=0, description="Replies beyond this add nothing.")
    meeting_points: int = Field(10, ge=0, description="Engagement points per meeting.")
    max_meetings_counted: int = Field(2, ge=0, description="Meetings beyond this add nothing.")
    engagement_max: int = Field(30, ge=0, description="Cap on engagement points before fading.")
    timing_points: dict[str, int] = Field(
        default_factory=lambda: {
            "Immediate": 20,
            "1-3 months": 12,
            "3-6 months": 6,
            "6+ months": 2,
        },
        description="Points per stated Timeline (JSON object); Unknown or blank takes unknown_points.",
    )
    unknown_points: dict[str, int] = Field(
        default_factory=lambda: {
            "title": 10,
            "company_size": 4,
            "industry": 5,
            "source": 8,
            "timeline": 6,
        },
        description="Points for an input nobody filled in: title, company_size, industry, source, timeline "
        "(JSON object). A stated prior, about what a typical enquiry turns out to be, so a blank counts "
        "as neither good nor bad and the tier reflects the lead rather than how much was typed.",
    )
    risk_points: dict[str, int] = Field(
        default_factory=lambda: {
            "unsubscribed": 50,
            "spam_report": 50,
            "bounced": 20,
            "invalid": 20,
            "missing_email": 15,
            "personal_domain": 5,
        },
        description="Points deducted per risk: unsubscribed, spam_report, bounced, invalid, missing_email, "
        "personal_domain (JSON object).",
    )
    personal_email_domains: list[str] = Field(
        default_factory=lambda: list(_PERSONAL_DOMAINS),
        description="Email domains that are personal rather than company addresses (JSON list).",
    )

    @model_validator(mode="after")
    def _cutoffs_descend(self) -> ScoringSettings:
        if not self.hot_min > self.warm_min > self.cool_min:
            raise ValueError(
                f"tier cut-offs must descend: hot_min ({self.hot_min}) > warm_min ({self.warm_min}) "
                f"> cool_min ({self.cool_min})"
            )
        return self

    @field_validator("risk_points")
    @classmethod
    def _risks_deduct(cls, points: dict[str, int]) -> dict[str, int]:
        if any(v < 0 for v in points.values()):
            raise ValueError("risk_points are deducted: each must be 0 or more")
        return points


class NurtureSettings(BaseModel):
    warm_touch_days: list[int] = Field(
        default_factory=lambda: [0, 3, 7, 14], description="Days after entering Warm on which a touch is due."
    )
    cool_interval_days: int = Field(30, ge=1, description="Days between touches for Cool leads.")
    cold_interval_days: int = Field(90, ge=1, description="Days between touches for Cold leads.")
    hot_call_within_days: int = Field(
        0, ge=0, description="Hot leads: the coach's call is due this many days after they turn Hot."
    )
    hot_alert: bool = Field(True, description="Alert the coach on Slack when a lead turns Hot.")
    first_touch_max_age_days: int = Field(
        30,
        ge=0,
        description="A New lead created longer ago than this (Created Date) gets no first-touch email when "
        "nurture first sees it (a base connected with its history): its first email comes after the "
        "sequence's usual gap.",
    )

    quiet_days: list[str] = Field(
        default_factory=lambda: ["12-24", "12-25", "12-26", "01-01"],
        description="Days of the year (MM-DD, JSON list) on which no nurture email is drafted: a step due "
        "then waits for the next day that is not one. A first touch (the answer to an enquiry) and a Hot "
        "lead's call are not held.",
    )

    @field_validator("quiet_days")
    @classmethod
    def _quiet_days_are_days(cls, days: list[str]) -> list[str]:
        wrong = [d for d in days if not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", d.strip())]
        if wrong:
            raise ValueError(f"quiet_days are MM-DD, e.g. 12-25 (not {', '.join(map(repr, wrong))})")
        return [d.strip() for d in days]

    @field_validator("warm_touch_days")
    @classmethod
    def _touch_days_ascend(cls, days: list[int]) -> list[int]:
        if not days or days[0] != 0 or any(b <= a for a, b in zip(days, days[1:], strict=False)):
            raise ValueError("warm_touch_days must start at 0 and increase")
        return days


class PipelineSettings(BaseModel):
    stage_probabilities: dict[str, int] = Field(
        default_factory=lambda: {
            "Lead": 5,
            "Prospect": 10,
            "Qualified": 25,
            "Proposal": 50,
            "Negotiation": 75,
            "Closed Won": 100,
            "Closed Lost": 0,
        },
        description="Default probability % per pipeline stage, 0-100 (JSON object).",
    )
    stage_evidence: dict[str, list[str]] = Field(
        default_factory=lambda: {
            "Proposal": ["Proposal Sent"],
            "Negotiation": ["Deal Value"],
            "Closed Won": ["Contract Sent"],
        },
        description="Deal fields that should be filled once a deal reaches a stage (JSON object: stage -> "
        "field names). A deal moved to or past the stage with one empty is flagged to the coach, never "
        "blocked; so is a deal moved backwards.",
    )
    default_commission_pct: float = Field(
        0.0,
        ge=0,
        le=100,
        description="Commission % when the closer has none set (10 or 0.1 for 10 %; 0-100 %).",
    )
    forecast_months: int = Field(4, ge=1, le=12, description="Months in the forecast: this one and the next.")

    @field_validator("default_commission_pct", mode="before")
    @classmethod
    def _percent_sign_allowed(cls, value: object) -> object:
        # "10%" as typed (10 and 0.1 both mean 10 %, as before): the fraction, so "0.5%" stays half a percent
        if isinstance(value, str) and value.strip().endswith("%"):
            from automation.money import typed_rate

            rate = typed_rate(value)
            return float(rate) if not isinstance(rate, str) else value
        return value

    @field_validator("stage_probabilities")
    @classmethod
    def _probabilities_are_percents(cls, probabilities: dict[str, int]) -> dict[str, int]:
        wrong = [f"{k}: {v}" for k, v in probabilities.items() if not 0 <= v <= 100]
        if wrong:
            raise ValueError(f"stage_probabilities must be 0-100 % ({', '.join(wrong)})")
        return probabilities

    @field_validator("stage_evidence")
    @classmethod
    def _evidence_names_exist(cls, evidence: dict[str, list[str]]) -> dict[str, list[str]]:
        names = {f.name for f in DEALS.fields}
        for stage, fields in evidence.items():
            if stage not in PIPELINE_STAGES:
                raise ValueError(f"stage_evidence: {stage!r} is not a Pipeline Stage")
            unknown = [f for f in fields if f not in names]
            if unknown:
                raise ValueError(f"stage_evidence: Deals has no field {', '.join(map(repr, unknown))}")
        return evidence
