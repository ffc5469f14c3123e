"""Lead score 1–100 with an explained breakdown (DESIGN.md §6): fit, source, engagement, timing, minus risk.

An input nobody filled in (title, company size, industry, source, timeline) is neutral: it takes the stated
prior in Settings (`scoring.unknown_points`) and the breakdown says so ("size unknown (neutral) +4"), so a
lead that arrives with only a name, an email and a title is scored on what is known, not punished for
what was not typed. A known non-leadership title is evidence, and may count below an unknown one.

Pure: the lead, the settings and the clock come in; a `LeadScore` comes out. Every component is a list of
whole-point items, so each breakdown line adds up to its component and the components add up to the score.
The breakdown names dates, never "N days ago", so re-scoring the same facts writes nothing new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Any

from automation.leads.seniority import LEVEL_LABELS, no_answer, seniority_level
from automation.leads.timelines import fold
from automation.settings.leads import ScoringSettings
from automation.text import plural

COMPONENTS = ("Fit", "Source", "Engagement", "Timing", "Risk")


@dataclass(frozen=True)
class Item:
    label: str
    points: int


@dataclass(frozen=True)
class Component:
    name: str
    items: tuple[Item, ...]
    max_points: int | None = None  # None for Risk (a deduction)

    @property
    def points(self) -> int:
        return sum(i.points for i in self.items)

    def line(self) -> str:
        """One readable line, e.g. "Fit 28/40: VP +16, 200–999 staff +8, financial services +4"."""
        signed = (self.max_points is None and self.points != 0) or self.points < 0
        head = f"{self.name} {_signed(self.points) if signed else self.points}"
        if self.max_points is not None:
            head += f"/{self.max_points}"
        items = ", ".join(f"{i.label} {_signed(i.points)}" for i in self.items) or "none"
        return f"{head}: {items}"


@dataclass(frozen=True)
class LeadScore:
    score: int
    tier: str
    components: tuple[Component, ...] = field(default_factory=tuple)

    @property
    def breakdown(self) -> str:
        lines = [c.line() for c in self.components]
        lines.append(f"Score {self.score} = {self.tier}")
        return "\n".join(lines)

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)

    def fields(self) -> dict[str, Any]:
        """The lead fields this score owns (Scored At is set by the automation when these change)."""
        return {"lead_score": self.score, "score_tier": self.tier, "score_breakdown": self.breakdown}


def score_lead(lead: Any, settings: ScoringSettings, now: datetime | date) -> LeadScore:
    """Score a lead (the `Lead` model or anything with its field keys as attributes).

    `now` is the business-time-zone clock (or date): engagement fades by whole days since the last activity.
    """
    today = now.date() if isinstance(now, datetime) else now
    parts = [
        _fit(lead, settings),
        _source(lead, settings),
        _engagement(lead, settings, today, now.tzinfo if isinstance(now, datetime) else None),
        _timing(lead, settings),
    ]
    subtotal = sum(c.points for c in parts)
    risk = _risk(lead, settings, subtotal)
    parts.append(risk)
    total = subtotal + risk.points
    if total > 100:
        parts.append(Component("Cap", (Item("the score tops out at 100", 100 - total),), None))
        total = 100
    return LeadScore(total, tier_for(total, settings), tuple(parts))


def tier_for(score: int, settings: ScoringSettings) -> str:
    if score >= settings.hot_min:
        return "Hot"
    if score >= settings.warm_min:
        return "Warm"
    if score >= settings.cool_min:
        return "Cool"
    return "Cold"


def _fit(lead: Any, s: ScoringSettings) -> Component:
    title = (_get(lead, "title") or "").strip()
    level = seniority_level(title)
    if level == "unknown":
        seniority = _unknown("title", s)
    else:
        label = f"{title.lower()} (not a leadership title)" if level == "individual" else LEVEL_LABELS[level]
        seniority = Item(label, s.seniority_points.get(level, 0))
    size = _get(lead, "company_size")
    if size is None or size <= 0:
        size_item = _unknown("company_size", s)
    else:
        size_item = Item("fewer than 1 staff", 0)
        bands = sorted(s.size_points, key=lambda b: b[0], reverse=True)
        for i, (at_least, pts) in enumerate(bands):
            if size >= at_least:
                upper = bands[i - 1][0] - 1 if i > 0 else None
                size_item = Item(_size_label(at_least, upper), pts)
                break
    industry = (_get(lead, "industry") or "").strip()
    if no_answer(industry):
        industry_item = _unknown("industry", s)
    elif _matches_target(industry, s.target_industries):
        industry_item = Item(industry.lower(), s.industry_match_points)
    else:
        industry_item = Item(f"{industry.lower()} (not a target industry)", s.industry_other_points)
    best_size = max((p for _, p in s.size_points), default=0)
    best_level = max(s.seniority_points.values(), default=0)
    fit_max = best_level + best_size + max(s.industry_match_points, s.industry_other_points)
    return Component("Fit", (seniority, size_item, industry_item), fit_max)


def _source(lead: Any, s: ScoringSettings) -> Component:
    source = _get(lead, "lead_source")
    best = max(s.source_points.values(), default=0)
    if not source:
        return Component("Source", (_unknown("source", s),), best)
    return Component("Source", (Item(source.lower(), s.source_points.get(source, 0)),), best)


def _engagement(lead: Any, s: ScoringSettings, today: date, tz: tzinfo | None = None) -> Component:
    replies = int(_get(lead, "replies") or 0)
    meetings = int(_get(lead, "meetings") or 0)
    items = [Item("fresh lead", s.fresh_lead_points)] if s.fresh_lead_points else []
    if replies > 0:
        items.append(
            Item(plural(replies, "reply", "replies"), min(replies, s.max_replies_counted) * s.reply_points)
        )
    if meetings > 0:
        items.append(
            Item(
                plural(meetings, "meeting"),
                min(meetings, s.max_meetings_counted) * s.meeting_points,
            )
        )
    raw = sum(i.points for i in items)
    if raw > s.engagement_max:
        items.append(Item(f"capped at {s.engagement_max}", s.engagement_max - raw))
        raw = s.engagement_max
    last = last_activity(lead, tz)
    if last is not None and raw > 0:
        days = max(0, (today - last).days)
        kept = round(raw * 0.5 ** (days / s.engagement_half_life_days))
        if kept < raw:
            items.append(Item(f"faded (last activity {last.isoformat()})", kept - raw))
    return Component("Engagement", tuple(items), s.engagement_max)


def _timing(lead: Any, s: ScoringSettings) -> Component:
    timeline = _get(lead, "timeline")
    best = max(s.timing_points.values(), default=0)
    if not timeline or timeline == "Unknown":
        return Component("Timing", (_unknown("timeline", s),), best)
    return Component("Timing", (Item(f"timeline {timeline}", s.timing_points.get(timeline, 0)),), best)


def _risk(lead: Any, s: ScoringSettings, subtotal: int) -> Component:
    r = s.risk_points
    email = (_get(lead, "email") or "").strip().lower()
    status = _get(lead, "status")
    email_status = _get(lead, "email_status")
    items: list[Item] = []
    if status == "Unsubscribed":
        items.append(Item("unsubscribed", -r.get("unsubscribed", 0)))
    if email_status == "Spam Report":
        items.append(Item("marked our email as spam", -r.get("spam_report", 0)))
    if not email:
        items.append(Item("no email address", -r.get("missing_email", 0)))
    else:
        if email_status == "Bounced":
            items.append(Item("email bounced", -r.get("bounced", 0)))
        elif email_status == "Invalid":
            items.append(Item("email invalid", -r.get("invalid", 0)))
        if personal_domain(email.rpartition("@")[2], s.personal_email_domains):
            items.append(Item("personal email domain", -r.get("personal_domain", 0)))
    deduction = -sum(i.points for i in items)
    if deduction > subtotal - 1:  # the score never goes below 1
        items.append(Item("score floor is 1", deduction - (subtotal - 1)))
    return Component("Risk", tuple(items), None)


# Free-mail brands whose every country domain is a personal mailbox ("yahoo.com.br", "hotmail.es", "gmx.ch",
# "yandex.com"), counted when the settings list one of the brand's domains (the list stays the coach's).
_FREE_MAIL_BRANDS = frozenset(
    {"gmail", "googlemail", "yahoo", "ymail", "hotmail", "outlook", "live", "msn", "gmx", "yandex", "aol",
     "icloud", "protonmail", "proton"}
)  # fmt: skip
# A brand's own domain: the brand, then a country or generic ending of one or two short parts.
_BRAND_DOMAIN = re.compile(r"(?P<brand>[a-z]+)\.(?:[a-z]{2,3}\.)?[a-z]{2,3}")


def personal_domain(domain: str, listed: list[str]) -> bool:
    """Whether an email domain is a personal mailbox: one the settings list, or another country's domain of
    a free-mail brand they list ("hotmail.es" when "hotmail.com" is). A company's mail host is not."""
    domain = domain.strip().lower()
    known = {d.strip().lower() for d in listed}
    if domain in known:
        return True
    m = _BRAND_DOMAIN.fullmatch(domain)
    brands = {d.partition(".")[0] for d in known} & _FREE_MAIL_BRANDS
    return m is not None and m["brand"] in brands


_UNKNOWN_LABELS = {
    "title": "title unknown",
    "company_size": "size unknown",
    "industry": "industry unknown",
    "source": "source unknown",
    "timeline": "timeline unknown",
}


def _prior(key: str, s: ScoringSettings) -> int:
    return s.unknown_points.get(key, 0)


def _unknown(key: str, s: ScoringSettings) -> Item:
    """The breakdown item of an input nobody filled in: named, and worth the stated prior."""
    return Item(f"{_UNKNOWN_LABELS[key]} (neutral)", _prior(key, s))


def last_activity(lead: Any, tz: tzinfo | None = None) -> date | None:
    """The latest of the lead's own enquiry (creation) and its Last Engagement: engagement fades from it."""
    dates = [d for d in (_as_date(_get(lead, "last_engagement")), created_on(lead, tz)) if d is not None]
    return max(dates) if dates else None


def created_on(lead: Any, tz: tzinfo | None = None) -> date | None:
    """Created Date, else the day of the record's creation time in the business time zone `tz` (a lead
    created on a Friday evening in Chicago is Saturday in UTC, but the coach's Friday)."""
    created = _get(lead, "created_time")
    if tz is not None and isinstance(created, datetime) and created.tzinfo is not None:
        created = created.astimezone(tz)
    return _as_date(_get(lead, "created_date")) or _as_date(created)


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


# What people type in a free-text Industry for the usual target families (a form's "SaaS" is Technology,
# "Banking" Financial Services). A target the coach adds outside these families matches by its own words.
INDUSTRY_FAMILIES = {
    "technology": r"tech\w*|software|saas|paas|it|information technology|internet|cloud|ai|"
    r"artificial intelligence|machine learning|data|cyber\w*(?:[\s-]?security)?|infosec|semiconductors?|"
    r"electronics|telecom\w*|fintech|healthtech|edtech|e-?commerce|computer\w*|hardware"
    r"|developer tools|devtools|dev tools|robotics"
    # A sector's technology written as one word ("insurtech", "proptech", "legaltech", "regtech", "govtech").
    r"|\w+tech"
    # The same families in the languages of a European client base (read with accents folded).
    r"|tecnolog\w*|informati\w*|logiciels?|telecomunicacion\w*|telecomunicazion\w*"
    # Indonesian/Malay and Vietnamese (accents folded: "Công nghệ thông tin" is "cong nghe thong tin").
    r"|teknologi|perangkat lunak|telekomunikasi|cong nghe|phan mem|vien thong"
    # Software in the Nordic languages, Finnish, Czech (its cases: "vývoj softwaru"), Hungarian and Greek.
    r"|mjukvara|programvare|programvara|ohjelmisto\w*|softwar\w*|szoftver\w*|λογισμικ\w*"
    # Welsh, Irish, Tagalog and Swahili ("Technoleg", "Teicneolaíocht", "Teknolohiya", "Teknolojia").
    r"|technoleg|teicneola\w*|teknolohiya|teknolojia|meddalwedd|bogearra\w*"
    # Afrikaans, Catalan, Croatian/Serbian, Estonian, Lithuanian and Icelandic ("Sagteware", "Programari",
    # "Softver", "Tehnologija", "Tarkvara", "Programinė įranga", "Hugbúnaður").
    r"|sagteware|tegnologie|programari|softver\w*|tehnolog\w*|tarkvara|programine iranga|hugbuna[dð]\w*",
    "financial services": r"financ\w*|bank\w*|insurance|insurer|reinsurance|investment\w*|asset management|"
    r"wealth( management)?|private equity|venture capital|vc|hedge funds?|fintech|payments?|lending|credit|"
    r"capital markets|brokerage|pensions?"
    r"|banque|bancaire|banca|banco|bancari[oa]|finanz\w*|finanzas|financas|assurances?|\w*versicherung\w*"
    r"|seguros?|assicurazion\w*|verzekering\w*|vermogensverwaltung|gestion de patrimoine"
    r"|perbankan|keuangan|asuransi|ngan hang|tai chinh|bao hiem"
    # Banking and insurance in Finnish, Czech, Hungarian, Romanian and Greek ("Pankkitoiminta", "Pojišťovna",
    # "Pénzügyi szolgáltatások", "Asigurări", "Τράπεζα").
    r"|pankki\w*|vakuutus\w*|pojist\w*|penzugy\w*|biztosit\w*|asigur\w*|τραπεζ\w*|ασφαλ\w*"
    r"|χρηματοοικονομικ\w*"
    # Welsh, Irish, Malay, Tagalog and Swahili ("Gwasanaethau ariannol", "Seirbhísí airgeadais", "Benki",
    # "Kewangan", "Pananalapi"); a family office manages a family's money.
    r"|ariannol|bancio|airgeadais|baincéireacht|baincfeireacht|kewangan|pananalapi|bangko|benki|fedha"
    r"|bima|family offices?"
    # Afrikaans, Danish, Catalan, Croatian, Lithuanian and Turkish: finance and insurance ("Finansiële
    # dienste", "Forsikring", "Assegurances", "Osiguranje", "Draudimas", "Sigorta").
    r"|finansi\w*|versekering\w*|forsikring\w*|assegura\w*|osiguranj\w*|draudim\w*|sigorta\w*",
    "healthcare": r"health\w*|hospitals?|medical|medicine|medtech|pharma\w*|biotech\w*|life sciences|nhs|"
    r"clinics?|clinical|care|dental|nursing|diagnostics"
    r"|sante|salud|saude|sanita|gesundheit\w*|krankenh\w*|klinik\w*|hopitaux|hopital|medizin\w*|zorg"
    # Nursing and care in German ("Pflege", "Altenpflege", "Pflegedienst"), Dutch ("thuiszorg") and Polish.
    r"|(?:alten|kranken|intensiv)?pflege\w*|\w+zorg|opieka zdrowotna|ochrona zdrowia|saglik"
    r"|kesehatan|rumah sakit|farmasi|y te|benh vien|duoc pham"
    r"|terveys\w*|terveydenhuolto|zdravotn\w*|egeszsegugy\w*|sanatate|υγει\w*"
    # Welsh, Irish, Malay, Tagalog and Swahili ("Iechyd", "Sláinte", "Kesihatan", "Kalusugan", "Afya").
    r"|iechyd|slainte|kesihatan|kalusugan|afya|ysbyty|ospidéal|ospideal|hospitali"
    # Afrikaans, Danish, Croatian, Lithuanian and Catalan ("Gesondheidsorg", "Sundhed", "Zdravstvo",
    # "Sveikatos priežiūra", "Salut").
    r"|gesondheid\w*|sundhed\w*|zdravstv\w*|sveikat\w*|salut",
    "professional services": r"consult\w*|advisory|legal|law( firm)?|solicitors?|attorneys?|accounting|"
    r"accountancy|audit\w*|tax|architecture|engineering consultancy|recruit\w*|staffing|executive search|"
    r"management consulting|(?:marketing|creative|advertising|design|pr|recruitment) agency"
    r"|conseil|beratung|unternehmensberatung|consultoria|consulenza|asesoria|avocats?|anwalt\w*|kanzlei"
    r"|abogad[oa]s?|avvocat\w*|advocaten\w*|expertise comptable|comptab\w*|wirtschaftspr\w*|steuerberat\w*"
    r"|advocacia|advogad[oa]s?|contabilidad|contabilidade|auditor[ií]a|auditoria"
    # Italian chartered accountants ("Commercialisti"); Indonesian and Vietnamese consulting, law, accounting.
    r"|commercialist[ai]|konsultan|hukum|akuntan\w*|tu van|luat|ke toan"
    # Consulting in the Nordic languages, Czech, Hungarian and Greek ("Rådgivning", "Poradenství").
    r"|r[aå]dgivning|radgivare|konsult\w*|poradenstvi|tanacsadas|συμβουλευτικ\w*"
    # Malay, Tagalog, Swahili, Welsh and Irish consulting, law and accounting ("Perunding pengurusan").
    r"|perunding|perundingan|guaman|perakaunan|pagkonsulta|ushauri|sheria|ymgynghori|comhairleoireacht",
}
_FAMILY_RX = {k: re.compile(rf"\b(?:{v})\b", re.I) for k, v in INDUSTRY_FAMILIES.items()}
# The same families in Chinese, Japanese, Korean, Arabic and Hebrew, matched anywhere in the answer
# ("华信科技", "投資銀行"): those scripts run words together (Arabic's and Hebrew's articles and prefixes
# too: "والمصرفية", "בהייטק").
INDUSTRY_FAMILIES_ASIA_ARABIC = {
    "technology": "科技|技术|技術|互联网|互聯網|软件|軟件|ソフトウェア|テクノロジー"
    "|情報技術|通信|인터넷|소프트웨어|정보기술|기술"
    "|电子|電子|전자|半导体|半導体|半導體|반도체"  # electronics and semiconductors, as in English
    # Thai, which runs words together as well: technology, software, telecoms, electronics.
    "|เทคโนโลยี|ซอฟต์แวร์|ไอที|โทรคมนาคม|อิเล็กทรอนิกส์"
    "|تكنولوجيا|تقنية|برمجيات|اتصالات"
    "|הייטק|היי-טק|טכנולוג|תוכנה|סייבר|אינטרנט"
    "|فناوری|فن ?آوری|نرم ?افزار|ٹیکنالوجی|سافٹ ویئر"  # Persian and Urdu: technology, software
    "|ሶፍትዌር|ቴክኖሎጂ|সফটওয়্যার|প্রযুক্তি|மென்பொருள்|தொழில்நுட்ப",  # Amharic, Bengali, Tamil
    "financial services": "金融|银行|銀行|保险|保險|保険|投资|投資|证券|證券"
    "|금융|은행|보험|증권"
    "|مصرف|بنك|بنوك|مالي|تأمين|استثمار"
    "|בנק|פיננס|ביטוח|השקעות"
    "|การเงิน|ธนาคาร|ประกัน|การลงทุน|หลักทรัพย์"
    "|بانک|بیمه|مالی|سرمایه ?گذاری|بینک|انشورنس"  # Persian and Urdu: banking, insurance, finance
    "|ባንክ|ኢንሹራንስ|መድን|ব্যাংক|বীমা|வங்கி|காப்பீடு",  # Amharic, Bengali, Tamil: banking, insurance
    "healthcare": "医疗|醫療|医療|医院|醫院|病院|制药|製薬|健康|의료|병원|제약|صحة|صحي|طبي|مستشفى|أدوية"
    "|בריאות|רפוא|בית חולים|פארמה"
    "|โรงพยาบาล|สุขภาพ|การแพทย์|เวชภัณฑ์"
    "|بیمارستان|سلامت|درمان|ہسپتال|صحت"  # Persian and Urdu: hospital, health
    "|ጤና|ሆስፒታል|স্বাস্থ্য|হাসপাতাল|மருத்துவ",  # Amharic, Bengali, Tamil: health, hospital, medical
    "professional services": "咨询|諮詢|コンサルティング|律师|律師|法律|会计|會計|会計"
    "|監査|审计|컨설팅|법률|회계"
    "|استشار|محاماة|قانون|محاسبة"
    "|ייעוץ|יעוץ|משפט|עורכי דין|ראיית חשבון"
    "|ที่ปรึกษา|กฎหมาย|บัญชี|ตรวจสอบบัญชี",
}
# Russian, Ukrainian and Hindi (Cyrillic words change their endings with their case, Devanagari's vowel signs
# are no word characters: matched anywhere in the answer, in any case); healthcare written in hangul.
INDUSTRY_FAMILIES_CYRILLIC_HINDI = {
    "technology": "информацион|інформацій|технолог|программн|програмн|софтвер|телеком|электрон|електрон"
    "|तकनीक|तकनीकी|प्रौद्योगिकी|सॉफ्टवेयर|सूचना प्रौद्योगिकी|आईटी",
    "financial services": "финанс|фінанс|банк|страхов|страхув|инвестиц|інвестиц|वित्त|बैंक|बीमा|निवेश",
    "healthcare": "здравоохран|охорон[аи] здоров|медицин|медичн|больниц|лікарн|фарма|клиник|клінік"
    "|स्वास्थ्य|अस्पताल|चिकित्सा|हेल्थकेयर|दवा|헬스케어",
    "professional services": "консалт|консульт|юридич|аудит|бухгалт|परामर्श|कानूनी|लेखा",
}
for _k, _v in INDUSTRY_FAMILIES_CYRILLIC_HINDI.items():
    INDUSTRY_FAMILIES_ASIA_ARABIC[_k] = f"{INDUSTRY_FAMILIES_ASIA_ARABIC[_k]}|{_v}"
_FAMILY_ASIA_ARABIC_RX = {k: re.compile(v, re.I) for k, v in INDUSTRY_FAMILIES_ASIA_ARABIC.items()}


# Abbreviations typed into a free-text Industry, spelled out before the families read it ("Asset mgmt").
_INDUSTRY_ABBREVIATIONS = [
    (re.compile(r"\b(?:mgmt|mgt|mngt)\b\.?"), "management"),
    (re.compile(r"\bsvcs?\b\.?|\bservs\b\.?"), "services"),
    (re.compile(r"\bfin\b\.?(?=\s*(?:services|svcs?|tech|serv)\b)"), "financial"),
    (re.compile(r"\bpharm\b\.?"), "pharma"),
]


def _matches_target(industry: str, targets: list[str]) -> bool:
    low = fold(industry)  # "Tecnología", "Santé": the families are written without accents
    for pattern, words in _INDUSTRY_ABBREVIATIONS:
        low = pattern.sub(words, low)
    for t in (fold(t) for t in targets if t.strip()):
        if t == low or t in low or low in t:
            return True
        family = _FAMILY_RX.get(t)
        if family is not None and family.search(low):
            return True
        script = _FAMILY_ASIA_ARABIC_RX.get(t)
        if script is not None and script.search(industry):  # as typed: folding takes hangul apart
            return True
    return False


def _size_label(at_least: int, upper: int | None) -> str:
    return f"{at_least:,}+ staff" if upper is None else f"{at_least:,}–{upper:,} staff"


def _signed(points: int) -> str:
    return f"+{points}" if points >= 0 else f"−{-points}"


def _get(lead: Any, key: str) -> Any:
    return getattr(lead, key, None)
