"""Website lead capture (POST /api/leads): validate, turn bots away, dedupe by email, record the source,
then score and nurture the lead at once (our own write sends no webhook that would do it later).

The answer is the same whether the address was new or known ({"status": "received"}), so the form does
not reveal who is already a lead. A re-enquiry from a known address is recorded on that lead (Notes,
a reply with Last Engagement, empty fields filled in; the coach is told), never as a second lead.

A current client's form (her mailbox on an Active, Paused or status-less client, read alongside the leads)
is stored all the same, its nurture stopped for the coach to answer herself: no first touch, no sequence.
A former client's is a lead like any other, its note saying she was a client.

Rate limit: per client address (as the platform vouches for it), RATE_LIMIT per RATE_WINDOW_S, twice over:
in the memory of the warm function instance (a bot hammering one instance costs no Airtable call), and in
the base, for new leads, across instances: each new lead keeps a keyed hash of the address it came from
(Form Address), and the read that looks for the email already finds, in the same request, the leads that
address created in the window; at RATE_LIMIT of them a new address is refused (429, nothing stored). No
call is added: a System State counter would cost a read and a write per post.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import re
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from automation.errors import BadRequest
from automation.leads.contact import (
    clean_email,
    email_is_valid,
    email_typo,
    mailbox,
    same_mailbox,
    tidy_phone,
)
from automation.leads.nurture import client_stop, is_current_client, needs_client_stop
from automation.leads.seniority import no_answer, seniority_level
from automation.leads.spam import HELD_NOTE, RELEASE
from automation.leads.timelines import (
    alternatives,
    calendar_choice,
    clauses,
    comment,
    fiscal_choice,
    fold,
    foreign_phrase,
    in_english,
    late,
    numeric_dates,
    phrase_choice,
    unhedged,
    urgent,
)
from schema.tables import LEAD_SOURCES, TIMELINES

if TYPE_CHECKING:
    from automation.context import JobContext
    from automation.models import Client, Lead

RATE_LIMIT = 5
RATE_WINDOW_S = 600.0
HONEYPOT = "website"  # hidden in the form: people leave it empty, form-filling bots do not


class TooManyRequests(BadRequest):
    """The address sent too many forms lately (the route answers 429)."""

    retry_after_s = int(RATE_WINDOW_S)


# The same choice as form builders and integrations write it ("ASAP", "1–3 months", "linkedin", "Referral -
# Anna", "Google"). An answer that names no choice is a person's own words in a "How did you hear about us?"
# or "When would you like to start?" box: the enquiry is taken all the same (refusing it would lose the lead
# over a marketing question), as Other / Unknown, and the words are kept (Source Detail, the enquiry note).
_TIMELINE_WORDS = {
    "asap": "Immediate",
    "now": "Immediate",
    "immediately": "Immediate",
    "immediate": "Immediate",
    "urgent": "Immediate",
    "urgently": "Immediate",
    "right away": "Immediate",
    "as soon as possible": "Immediate",
    "within a month": "Immediate",
    "this month": "Immediate",
    "this week": "Immediate",
    "next week": "Immediate",
    "eom": "Immediate",  # the end of this month, as CRMs and notes write it
    "by eom": "Immediate",
    "end of month": "Immediate",
    "end of the month": "Immediate",
    "by end of month": "Immediate",
    "by the end of the month": "Immediate",
    "today": "Immediate",
    "yesterday": "Immediate",  # "yesterday!": the way people say it was needed already
    "next month": "1-3 months",
    "next quarter": "1-3 months",
    "this quarter": "1-3 months",
    "next year": "6+ months",
    "next fiscal year": "6+ months",  # read as "next year" is
    "next financial year": "6+ months",
    "next fy": "6+ months",
    "next budget year": "6+ months",
    "no rush": "6+ months",
    "not sure": "Unknown",
    "don't know": "Unknown",
    "dont know": "Unknown",
    "unsure": "Unknown",
    "tbc": "Unknown",
    "tbd": "Unknown",
}
_UNSURE = re.compile(
    r"^(?:not sure|unsure|don'?t know|no idea|undecided|depends|it depends|flexible|open|tbc|tbd)\b"
    r"|\b(?:just |only )?(?:exploring|browsing|looking around|just looking|researching)\b"
)
# Synonyms of each Lead Source: what a "How did you hear about us?" box gets. Matched as whole words, so
# "Google search", "a friend", "LinkedIn post" or "Podcast interview" find their choice (when only one fits).
_SOURCE_WORDS = {
    "Referral": "referred|referral|referal|referrer|recommend(?:ed|ation)?|word of mouth|friend|colleague"
    "|client of yours|a client|(?:former |past |ex-?|existing |current )client|suggest(?:ed|ion)?"
    "|introduc(?:ed|tion)|intros?|intro'?d"  # "partner intro", "intro'd by Sam", as sales notes shorten it
    # Word of mouth said as what someone did: "my boss told me about you", "a peer mentioned you".
    "|boss|told me about you|mentioned you|sent me (?:to you|your way)|pointed me (?:to|towards) you"
    "|gave me your (?:name|details|number|email)|put (?:me|us) in touch|passed (?:on )?your (?:name|details)"
    # Someone the coach worked with, named as such: "Anna at Kessler - you coached her team".
    "|you (?:have |'ve )?(?:coached|worked with|helped|trained|mentored)|coached by you"
    "|(?:former |past |ex-?)?coachee(?: of yours)?"
    # A former client back ("I was your client in 2023"), someone who worked with the coach; the shorthand
    # of a coach's own notes ("rec'd by our CEO", "ref'd by Jo").
    "|your (?:former |past |old )?clients?|(?:worked|work) with you|rec'?d|ref'?d",
    "Website": "web|website|site|contact form|google|googled|googling|bing|duckduckgo|search engine|search"
    "|online|internet|blog|seo"
    # An AI assistant asked for a coach is the search engine of today.
    "|chatgpt|chat gpt|gpt-?\\w*|perplexity|gemini|copilot|ai (?:search|assistant|chatbot|chat|tool)",
    "Networking Event": "networking|event|conference|meetup|meet-up|trade show|expo|summit|mixer|breakfast"
    "|roundtable|round table|forum|alumni(?: network| association| group| club)?"
    "|conf|confs|fairs?"  # "met at conf", "trade fair"
    # A convention, and a lead pasted from an event's list of who came ("attendee CSV", "delegate list").
    "|conventions?|congress|attendees?(?: list| csv| export| scan)?|delegate list|badge scans?",
    "Social Media": "social|instagram|insta|facebook|fb|twitter|x|tiktok|youtube|threads|bluesky|ig"
    # Online communities and group chats, as people name the app they read it in; the social networks
    # of other markets (XING for German-speaking professionals, WeChat, Weibo, VK).
    "|slack|discord|reddit|whatsapp|telegram|mastodon|quora|xing|wechat|weibo|vk|vkontakte|snapchat|pinterest"
    "|zalo|kakao(?:talk)?|kakaostory"  # Vietnam's and Korea's messengers
    "|twitch|clubhouse",  # a live stream, a live-audio room
    "Speaking": "talk|webinar|workshop|keynote|speech|presentation|masterclass|panel|spoke|speaking|speak"
    "|speaks|spoken|seminars?",
    "Podcast": "podcasts?|spotify|apple podcasts|episode|pod|ep",  # "pod listener", "(ep. 112)"
    # "LI", as CRMs and sales notes shorten it; an InMail is LinkedIn's own message.
    "LinkedIn": "linkedin|linked in|li|in-?mail",
}
# The same box answered in German, French or Italian (a practice in Zurich, Geneva or Lugano gets all three).
# Whole words too; German compounds ("Weiterempfehlung", "Google-Suche") are matched on their last part.
_SOURCE_WORDS_EU = {
    "Referral": r"\w*empfehlung|empfohlen|mundpropaganda|kolleg(?:e|in|en)|freund(?:in|e)?|bekannte[rn]?"
    r"|vermittelt|recommand(?:ation|é|ée|és|ées)|bouche[ -]à[ -]oreille|ami(?:e|s)?|collègue|parrainage"
    r"|raccomandazione|consigliat[oa]|passaparola|amic[oa]|collega",
    "Website": r"webseite|internetseite|homepage|\w*-?suche|site (?:web|internet)|recherche|ricerca|sito",
    "Networking Event": r"veranstaltung|anlass|konferenz|kongress|messe|tagung|événement|évènement|salon"
    r"|congrès|rencontre|evento|conferenza|congresso|fiera",
    "Social Media": r"soziale(?:n)? medien|réseaux sociaux|social network|social",
    "Speaking": r"vortrag|referat|präsentation|atelier|intervention|exposé|intervento|relazione",
}
# And in Spanish, Dutch and Portuguese (Belgium, the Netherlands, Spain, Portugal and Latin America).
_SOURCE_WORDS_ES_NL_PT = {
    "Referral": r"recomendaci[oó]n|recomendad[oa]|recomenda[cç][aã]o|indica[cç][aã]o|indicad[oa]|boca a boca"
    # The verb as people write it: "me lo recomendó", "me recomendaron", "o meu chefe recomendou".
    r"|recomend(?:ó|o|aron|ou|aram)|me (?:habl[oó]|falou) de (?:usted|ti|vocês?)"
    r"|boca-a-boca|amig[oa]s?|colega|compañer[oa]|conocid[oa]|aanbeveling|aanbevolen|aangeraden|doorverwezen"
    r"|mond-tot-mond\w*|vriend(?:in)?|kennis|collega's|via via|referentie",
    "Website": r"búsqueda|busca|pesquisa|sitio web|página web|zoeken|zoekopdracht|\w*-?zoekmachine",
    "Networking Event": r"conferencia|congreso|feria|encuentro|jornada|evenement|congres|beurs|bijeenkomst"
    r"|conferência|feira|encontro",
    "Social Media": r"redes sociales|redes sociais|sociale media",
    "Speaking": r"charla|ponencia|taller|presentaci[oó]n|lezing|presentatie|palestra|apresenta[cç][aã]o",
}
# And in the Nordic languages and Arabic (whole words too).
_SOURCE_WORDS_NORDIC_AR = {
    "Referral": r"rekommend\w*|anbefal\w*|suosit\w*|tips från \w+|kollega|kollegaen|kolleger|ven|vän|venn"
    r"|توصية|ترشيح|(?:أ|ا)وصى|زميل|زميلة|صديق|صديقة",
    "Speaking": r"seminarie\w*|föredrag|foredrag|luento|ندوة|محاضرة|ورشة",
    "Networking Event": r"konferens|konferanse|konference|mässa|messe|tapahtuma|مؤتمر|معرض|ملتقى",
}
# And in Polish and Turkish: a recommendation, a friend or colleague ("polecenie znajomego", "z polecenia",
# "arkadaşımın tavsiyesi", "referans"), a conference ("konferencja", "konferans", "fuar").
_SOURCE_WORDS_PL_TR = {
    "Referral": r"polecen\w*|polecil\w*|polecił\w*|znajom\w*|kolega|koleżank\w*|kolezank\w*"
    r"|tavsiye\w*|referans\w*|arkadaş\w*|arkadas\w*",
    "Networking Event": r"konferencj\w*|targi|targach|konferans\w*|fuar\w*",
}
# And in Czech, Hungarian, Romanian and Greek: a recommendation, a colleague or a client ("Doporučení",
# "Ajánlás", "Recomandare de la un client", "Σύσταση από πελάτη"); the Dutch "via een klant/relatie" (through
# a client or an acquaintance).
_SOURCE_WORDS_CE_GR = {
    "Referral": r"doporu[cč]\w*|ajánl\w*|ajanl\w*|recomand\w*|σ[υύ]στ[αά]σ\w*|συνιστ\w*|συνάδελφ\w*"
    r"|via (?:een |onze )?(?:klant|relatie|collega|kennis)",
    "Website": r"vyhled\w*|keres[oő]|kereső|căutare|cautare|αναζήτηση|ιστοσελίδα",
    "Networking Event": r"konferenc\w*|konferinț\w*|konferint\w*|συνέδρι\w*",
}
# And in Welsh, Irish, Malay, Tagalog and Swahili: a recommendation or a friend ("Argymhelliad", "Moladh",
# "Rujukan", "Rekomendasyon", "Pendekezo"), a website ("Gwefan", "Suíomh gréasáin", "Laman web"), a
# conference.
_SOURCE_WORDS_CELTIC_SEA_SW = {
    "Referral": r"argymhell\w*|ffrind|cydweithiwr|moladh|rujukan|cadangan|rakan|kawan"
    r"|rekomendasyon|inirekomenda|kaibigan|pendekezo|rafiki|mwenzangu",
    "Website": r"gwefan|suíomh(?: gréasáin)?|laman web|tapak web|tovuti",
    "Networking Event": r"cynhadledd|comhdháil|persidangan|kumperensya|kongamano",
}
# And in Afrikaans, Catalan, Slovak, Croatian/Serbian, Estonian, Lithuanian, Icelandic and Indonesian: a
# recommendation, a friend or colleague ("Verwysing", "Recomanació", "Odporúčanie", "Preporuka", "Soovitus",
# "Rekomendacija", "Meðmæli", "Rekomendasi"), a website or search, a conference, a talk.
_SOURCE_WORDS_MORE = {
    "Referral": r"verwys\w*|recomana\w*|odpor[uú][cč]\w*|preporu[kč]\w*|soovitus\w*|soovita\w*"
    r"|rekomendacij\w*|rekomendav\w*|meðmæl\w*|me[dð]m[aæ]l\w*|rekomendasi|direkomendasikan"
    r"|amic|amiga|prijatelj\w*|sõber|sober|kolleeg\w*|draug\w*|vinur|vinkona|teman|rekan",
    "Website": r"webwerf|lloc web|vyh[lľ]ad[aá]vani\w*|pretra[zž]ivanj\w*|otsing\w*|paie[sš]k\w*|vefsíð\w*",
    "Networking Event": r"konferensie|konverents\w*|ráðstefn\w*|radstefn\w*",
    "Speaking": r"xerrada|lesing",
}
for _table in (
    _SOURCE_WORDS_EU,
    _SOURCE_WORDS_ES_NL_PT,
    _SOURCE_WORDS_NORDIC_AR,
    _SOURCE_WORDS_PL_TR,
    _SOURCE_WORDS_CE_GR,
    _SOURCE_WORDS_CELTIC_SEA_SW,
    _SOURCE_WORDS_MORE,
):
    for _k, _v in _table.items():
        _SOURCE_WORDS[_k] = f"{_SOURCE_WORDS[_k]}|{_v}"
_SOURCE_RX = {k: re.compile(rf"(?<![\w-])(?:{v})(?![\w-])") for k, v in _SOURCE_WORDS.items()}
# The same in Chinese, Japanese and Korean, matched anywhere in the answer: those scripts run words together.
_SOURCE_CJK = {
    "Referral": "推荐|推薦|介绍|介紹|紹介|口碑|朋友|同事|知人|友人|소개|추천|지인",
    "Speaking": "セミナー|講演|讲座|講座|演讲|演講|研讨会|研討會|세미나|강연",
    "Networking Event": "展会|展會|峰会|峰會|展示会|カンファレンス|交流会|컨퍼런스|박람회",
    "Website": "官网|官網|网站|網站|搜索|百度|検索|ウェブサイト|ホームページ|검색|홈페이지|네이버",
    "Social Media": "微信|微博|小红书|小紅書|抖音|公众号|公眾號|インスタ|페이스북|인스타",
    "LinkedIn": "领英|領英|リンクトイン|링크드인",
    "Podcast": "播客|ポッドキャスト|팟캐스트",
}
# Arabic names of the networks and search, matched anywhere too (its article and prepositions join the word:
# "بتويتر", "من جوجل").
_SOURCE_ARABIC = {
    "Social Media": "تويتر|فيسبوك|فيس بوك|إنستغرام|انستغرام|انستقرام|سناب ?شات|تيك ?توك|يوتيوب|واتساب",
    "LinkedIn": "لينكد ?إن|لينكدان|لينكدين|لينكد ان",
    "Website": "جوجل|غوغل|الموقع|موقعكم",
    "Podcast": "بودكاست|پادکست",
}
# Persian and Urdu write the networks in their own letters ("فیس بک", "اینستاگرام", "لنکڈ ان", "گوگل").
_SOURCE_ARABIC["Social Media"] += "|فیس ?بک|فیسبوک|اینستاگرام|انسٹاگرام|یوٹیوب|واٹس ?ایپ|تلگرام"
_SOURCE_ARABIC["LinkedIn"] += "|لینکدین|لینکداین|لنکڈ ?ان"
_SOURCE_ARABIC["Website"] += "|گوگل|وبسایت|وب ?سایت|ویب ?سائٹ"
# Hebrew is matched anywhere too: it joins its prepositions and articles to the word ("באתר", "מהמלצה").
_SOURCE_HEBREW = {
    "Referral": "המלצ|המליצ|ממליצ|חבר של|חבר |חבר$|קולגה|עמית",
    "Website": "גוגל|אתר|חיפוש",
    "LinkedIn": "לינקדאין|לינקדין",
    "Podcast": "פודקאסט",
    "Speaking": "הרצאה|וובינר|סדנה",
    "Networking Event": "כנס|אירוע",
    "Social Media": "פייסבוק|אינסטגרם|וואטסאפ",
}
# Thai runs its words together as well ("เพื่อนแนะนำ", a friend recommended): recommended, a friend, a
# colleague; a seminar; a trade show; Google and the website; the social networks' Thai names.
_SOURCE_THAI = {
    "Referral": "แนะนำ|เพื่อน|เพื่อนร่วมงาน|คนรู้จัก",
    "Speaking": "สัมมนา|เวิร์กช็อป|บรรยาย",
    "Networking Event": "งานแสดงสินค้า|งานประชุม|งานอีเวนต์",
    "Website": "กูเกิล|เว็บไซต์|ค้นหา",
    "Social Media": "เฟซบุ๊ก|เฟสบุ๊ค|ไลน์|อินสตาแกรม|ยูทูบ|ติ๊กต็อก",
    "LinkedIn": "ลิงก์อิน|ลิงค์อิน|ลิงก์ดอิน",
    "Podcast": "พอดแคสต์",
}
# Russian, Ukrainian and Hindi, matched anywhere in the answer too (Cyrillic words change their endings with
# their case: "рекомендация", "по рекомендации", "порекомендовал"; Devanagari's vowel signs are no word
# characters): recommended, a friend or colleague; search; the networks; a podcast, a talk, a conference.
_SOURCE_CYRILLIC_HINDI = {
    "Referral": "рекоменд|посоветова|порадил|порадив|(?<!\\w)друг(?:а|у|ом)?(?!\\w)|друз|подруг"
    "|препоръ"  # and a recommendation in Bulgarian ("препоръка", "по препоръка на колега")
    "|коллег|колег|знаком|знайом|сарафан"
    "|सिफारिश|सिफ़ारिश|सुझाव|मित्र|दोस्त|सहकर्मी|रेफरल|रेफ़रल",
    "Website": "яндекс|гугл|поиск|пошук|сайт|गूगल|वेबसाइट|खोज",
    "Social Media": "ютуб|вконтакте|телеграм|фейсбук|инстаграм|інстаграм|यूट्यूब|फेसबुक|इंस्टाग्राम|व्हाट्सएप"
    "|유튜브|트위터|페북",  # and YouTube, Twitter and Facebook in hangul
    "LinkedIn": "линкедин|лінкедін|лінкедин|लिंक्डइन",
    "Podcast": "подкаст|पॉडकास्ट",
    "Speaking": "вебинар|вебінар|семинар|семінар|выступлен|виступ|доклад|доповід|वेबिनार|सेमिनार|भाषण",
    "Networking Event": "конференц|выставк|виставк|форум|सम्मेलन",
}
# Joined to the CJK words: all matched anywhere in the answer.
for _table in (_SOURCE_ARABIC, _SOURCE_HEBREW, _SOURCE_THAI, _SOURCE_CYRILLIC_HINDI):
    for _k, _v in _table.items():
        _SOURCE_CJK[_k] = f"{_SOURCE_CJK[_k]}|{_v}"
_SOURCE_CJK_RX = {k: re.compile(v) for k, v in _SOURCE_CJK.items()}


def _key(value: str) -> str:
    """A choice as compared: lower case, dashes as "-", one space, trailing punctuation off ("ASAP!"), emoji
    and other pictographs off ("🔥 ASAP", "📣 LinkedIn": pasted from a chat or a CRM)."""
    plain = "".join(c for c in value if unicodedata.category(c) not in ("So", "Cf") and c != "\ufe0f")
    key = re.sub(r"\s*[–—-]\s*", "-", plain.strip().lower())
    return re.sub(r"\s+", " ", key).strip(" .!?؟。")


def _choice(value: str, choices: list[str]) -> str | None:
    """The canonical choice for a value written with other case, dashes or spacing."""
    key = _key(value)
    squeezed = re.sub(r"[\s-]", "", key)
    for choice in choices:
        if choice.lower() == key or re.sub(r"[\s-]", "", choice.lower()) == squeezed:
            return choice
    return None


def split_source(value: str) -> tuple[str, str | None]:
    """("Referral", "Anna Lee") from "Referral - Anna Lee", "Referral: Anna Lee" or "Referral (Anna Lee)"."""
    m = re.match(r"^\s*([^:(–—]+?)\s*(?::|\s[–—-]\s|(\())\s*(.+?)\s*$", value)
    if not m:
        return value, None
    detail = m.group(3).removesuffix(")").strip() if m.group(2) else m.group(3)
    return m.group(1), detail or None


def lead_source(value: str) -> str | None:
    """The Lead Source a written answer names: the choice itself, or the one choice its words point to
    ("Google search" → Website, "Referral - Anna Lee" → Referral); None when none or several fit. Heard
    speaking at an event ("conference talk") or in a video ("your talk on YouTube") is Speaking: the talk is
    the more specific channel."""
    head, detail = split_source(value)
    for text in (head, value, detail) if detail else (value,):  # the detail alone: "Anna - you coached her"
        found = _choice(text, LEAD_SOURCES)
        if found is not None:
            return found
        key = _key(text)
        fits = {source for source, rx in _SOURCE_RX.items() if rx.search(key)}
        fits |= {source for source, rx in _SOURCE_CJK_RX.items() if rx.search(key)}
        fits |= {c for c in LEAD_SOURCES if re.search(rf"(?<!\w){re.escape(c.lower())}(?!\w)", key)}
        if fits in ({"Speaking", "Networking Event"}, {"Speaking", "Social Media"}):
            return "Speaking"  # a talk at a conference or seen on YouTube: the talk is the channel
        if len(fits) == 1:
            return fits.pop()
    return None


_UNIT_MONTHS = {"day": 1 / 30, "week": 12 / 52, "month": 1, "quarter": 3, "year": 12}
# "within the next quarter" names no count: one of the unit. "A few weeks" is three, "a couple of months" two.
_SPAN = re.compile(
    r"^(?P<how>within the next|within|in the next|in the coming|over the coming|over the next|in the upcoming"
    r"|the next|next|in|under|less than|up to|after|over|more than|at least)?\s*"
    r"(?P<a>\d+(?:\.\d+)?|a few|few|several|a couple of|a couple|couple of|a|an|one|two|three|six)?\s*"
    r"(?:(?:-|to)\s*(?P<b>\d+(?:\.\d+)?))?\s*(?P<plus>\+)?\s*"
    r"(?P<unit>day|week|month|quarter|year)(?P<many>s)?(?P<plus2>\+| or more| plus)?$"
)
_NEXT_SPANS = (
    "in the next",
    "the next",  # "next couple of weeks", "the next few months": said without "in", as often
    "next",
    "within the next",
    "in the coming",
    "over the coming",
    "over the next",
    "in the upcoming",
)
_WORD_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "six": 6}
_WORD_NUMBERS |= {"a few": 3, "few": 3, "several": 3, "a couple of": 2, "a couple": 2, "couple of": 2}


def timeline_choice(
    value: str, today: date | Callable[[], date], zone: str | Callable[[], str] = ""
) -> str | None:
    """The Timeline a written answer names: the choice, a known phrase, or a span of time ("6-12 months",
    "within 3 months", "2-4 weeks", "next quarter"), in English or another European language ("sofort",
    "entro 3 mesi"), or a start the calendar names ("Q1 2027", "by the end of the year", measured from
    `today`; a season in the hemisphere of the business time `zone`); None when it says none of these."""
    found = _choice(value, TIMELINES)
    if found is not None:
        return found
    key = numeric_dates(_shorthand(_key(value)), today)
    if late(fold(key)):  # "we're late - wanted it by October": the missed month is no start ahead
        return "Immediate"
    found = _timeline_of(key, today, zone)
    if found is None and (bare := unhedged(key)) != key:  # "January ideally", "maybe next month"
        found = _timeline_of(bare, today, zone)
    if found is not None:
        return found
    # A start with a note in brackets that names no start of its own ("April (new financial year)", "Q1
    # (if the budget is signed off)"): the start.
    m = _BRACKETED_NOTE.fullmatch(value.strip())
    if m and timeline_choice(m["note"], today, zone) is None:
        main = timeline_choice(m["main"], today, zone)
        if main not in (None, "Unknown"):
            return main
    # A choice said with a comment ("keen, asap"), or urgency inside a sentence ("needed it yesterday tbh").
    parts = [(p, _timeline_of(p, today, zone) or _changed_to(p, today, zone)) for p in clauses(fold(key))]
    named = [r for _, r in parts if r not in (None, "Unknown")]
    if len(parts) > 1 and len(named) == 1 and all(r == named[0] or comment(p) for p, r in parts):
        return named[0]
    return "Immediate" if urgent(fold(key)) else None


_BRACKETED_NOTE = re.compile(r"(?P<main>[^()]+?)\s*\((?P<note>[^()]+)\)")
# A start said as changed, "now" after it ("January now - my boss approved it", "Q2 now, not Q3"): the start.
_NOW_AFTER = re.compile(r"^(?:(?:it'?s|it is|that'?s|we'?re|make it|rather|so)\s+)?(?P<start>.+?)\s+now$")


def _changed_to(
    part: str, today: date | Callable[[], date], zone: str | Callable[[], str] = ""
) -> str | None:
    m = _NOW_AFTER.fullmatch(part)
    return None if m is None else _timeline_of(m["start"], today, zone)


# The shorthand of a coach's notes and CRMs ("new yr", "6-8 wks", "3 mths"); a fortnight is two weeks,
# "post-Christmas" after it; an ordinal written "2.º" or "2º" as "2o" ("2.º trimestre").
_SHORTHAND = [
    (re.compile(r"(?<!\w)yrs?(?!\w)"), lambda m: "year" + m.group(0)[2:]),
    (re.compile(r"(?<!\w)wks?(?!\w)"), lambda m: "week" + m.group(0)[2:]),
    (
        re.compile(r"(?<!\w)(?:mths?|mnths?|mos)(?!\w)"),
        lambda m: "months" if m.group(0).endswith("s") else "month",
    ),
    (re.compile(r"(?<!\w)(?:a |one )?fortnight(?!\w)"), lambda m: "2 weeks"),
    (re.compile(r"(?<!\w)post[- ](?=[a-z])"), lambda m: "after "),
    (re.compile(r"(?<!\w)this side of(?!\w)"), lambda m: "before"),  # "this side of Christmas"
    (re.compile(r"(?<!\w)(q[1-4])\s*/\s*(20\d{2})(?!\w)"), lambda m: f"{m[1]} {m[2]}"),  # "Q2/2027"
    (re.compile(r"(?<=\d)\.?\s?[ºª°](?!\w)"), lambda m: "o"),
]


def _shorthand(key: str) -> str:
    for pattern, words in _SHORTHAND:
        key = pattern.sub(words, key)
    return key


def _timeline_of(
    key: str, today: date | Callable[[], date], zone: str | Callable[[], str] = ""
) -> str | None:
    """The Timeline of an answer as compared (`_key`), None when it names none."""
    key = foreign_phrase(key, today)
    if key in _TIMELINE_WORDS:
        return _TIMELINE_WORDS[key]
    if _UNSURE.search(key):
        return "Unknown"
    folded = fold(key)
    named = fiscal_choice(folded, today) or phrase_choice(folded) or calendar_choice(folded, today, zone)
    if named is not None:
        return named
    key = in_english(folded)
    m = _SPAN.match(key.replace("-", " - ").replace("  ", " ").replace(" - ", "-"))
    if m is None:
        return _earliest(folded, today, zone)
    if m["a"] is None and m["how"] not in _NEXT_SPANS:
        return None
    # "in the next month" names one; "in the coming weeks" names none, read as a few.
    a = (3.0 if m["many"] else 1.0) if m["a"] is None else _WORD_NUMBERS.get(m["a"]) or float(m["a"])
    unit = _UNIT_MONTHS[m["unit"]]
    start = a * unit  # months from now when the work would start
    if a == 0 and m["b"] is not None:  # "0-3 months", as CRMs offer it: within three months
        start = max(0.0, float(m["b"]) * unit - 1)
    elif m["how"] in ("within", *_NEXT_SPANS, "under", "less than", "up to") or (
        m["how"] is None and m["b"] is None and not (m["plus"] or m["plus2"])
    ):
        start = max(0.0, a * unit - 1)  # "within 3 months": any time up to then
    if start < 1:
        return "Immediate"
    if start < 3:
        return "1-3 months"
    if start < 6:
        return "3-6 months"
    return "6+ months"


def _earliest(
    folded: str, today: date | Callable[[], date], zone: str | Callable[[], str] = ""
) -> str | None:
    """A choice of starts ("Q3 or Q4", "between spring and summer") reads as the earliest, as a range of
    months reads as its start ("3-6 months"); None unless each one reads (an unknown one is left out)."""
    parts = alternatives(folded)
    if parts is None:
        return None
    read = [timeline_choice(p, today, zone) for p in parts]
    if any(r is None for r in read):
        return None
    known = [r for r in read if r != "Unknown"]
    return min(known, key=TIMELINES.index) if known else "Unknown"


# "mil", "mila", "mille", "tausend": a thousand in Portuguese, Spanish, Italian, French and German ("2 mil
# colaboradores"); a size box's "2 mil" is no two million staff.
_SCALE = {"k": 1_000, "thousand": 1_000, "m": 1_000_000, "million": 1_000_000}
_SCALE |= dict.fromkeys(("mil", "mila", "mille", "tausend"), 1_000)
# India's and South Asia's "lakh" (100,000) and "crore" (10 million): "1.5 lakh employees", "2 lakh turnover".
_SCALE |= dict.fromkeys(("lakh", "lakhs", "lac", "lacs"), 100_000) | dict.fromkeys(
    ("crore", "crores"), 10_000_000
)
# Arabic-Indic and Persian digits, with the Arabic thousands and decimal marks ("١٬٢٠٠ موظف" is 1,200 staff).
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬٫", "01234567890123456789,.")
# Thousands grouped by a space, a dot (much of Europe) or an apostrophe (Switzerland: "1'200", "1’200").
_NUMBER = re.compile(
    r"(\d{1,3}(?:[ \u00a0\u202f'\u2019]\d{3})+(?!\d)"
    r"|\d{1,3}(?:\.\d{3})+(?![\d.,]|\s*(?:[km](?![a-z])|thousand|million))"
    r"|\d[\d,]*(?:\.\d+)?)\s*([km](?![a-z])|thousand|million|mila|mille|mil(?![a-z])|tausend"
    r"|lakhs?(?![a-z])|lacs?(?![a-z])|crores?(?![a-z]))?"
)
# "Just me" and "fewer than 50" in English, German, French, Spanish, Italian, Dutch and Portuguese.
_ALONE = re.compile(
    r"^(?:just me|only me|me|myself|solo|sole trader|one[- ]person|self[- ]employed|nur ich|ich allein"
    r"|(?:juste |seulement )?moi(?: seule?)?|solo yo|yo solo|solo io|io solo|alleen ik|ik alleen"
    r"|(?:so|apenas) eu"
    r"|selbstst[aä]ndig|freiberufler(?:in)?|ind[ée]pendante?|aut[oó]nom[oa]|zzp(?:'er)?)(?!\w)"
)
_BELOW = re.compile(
    r"^(?:<|under|less than|fewer than|below|unter|weniger als|moins de|menos de|meno di|minder dan"
    r"|inf[ée]rieur [àa])\s*\d"
)


# A headcount in words ("a few hundred", "several thousand", "hundreds", "ein paar hundert", "quelques
# centaines"): a few or several is taken as three, a couple or the bare plural as two.
_VAGUE = re.compile(
    r"(?<!\w)(?:(?P<few>a few|few|several|some|many|multiple|ein paar|einige|mehrere|quelques|plusieurs"
    r"|unos|unas|varios|varias|alcune|diverse|enkele)|(?P<two>a couple(?: of)?|couple(?: of)?|two|zwei|deux"
    r"|dos)|(?P<one>a|one|ein|eine|un|une|uno|een)|des|de|di)?\s*(?:(?P<hundred>hundreds?|hundert(?:e)?"
    r"|centaines?|cientos|centinaia|honderd(?:en)?)|(?P<thousand>thousands?|tausend(?:e)?|milliers?|miles"
    r"|migliaia|duizend(?:en)?))(?!\w)"
)


def _vague(text: str) -> int | None:
    m = _VAGUE.search(text)
    if m is None:
        return None
    count = 3 if m["few"] else 2 if m["two"] else 1 if m["one"] else 2  # a bare plural: "hundreds"
    before = text[: m.start()].split()
    if not (m["few"] or m["two"] or m["one"]) and before:  # "ten thousand", "five hundred"
        count = _count_words(before[-1]) or count
    return count * (100 if m["hundred"] else 1000)


# A small headcount in words ("twelve", "just the two of us", "thirty-five", "half a dozen"); the approximate
# counts of Italian, French and Spanish ("una quindicina", "une vingtaine", "una veintena"); "mil" and "mille"
# for a thousand ("mil empleados", "dos mil").
_ONES = {
    w: i
    for i, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"],
        1,
    )
}  # fmt: skip
_TENS = {
    w: 10 * i
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)
}
_ABOUT = {"decina": 10, "dozzina": 12, "quindicina": 15, "ventina": 20, "trentina": 30, "quarantina": 40,
          "cinquantina": 50, "sessantina": 60, "settantina": 70, "ottantina": 80, "novantina": 90,
          "centinaio": 100, "dizaine": 10, "douzaine": 12, "quinzaine": 15,
          "vingtaine": 20, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60,
          "decena": 10, "docena": 12, "veintena": 20, "treintena": 30, "centenar": 100}  # fmt: skip
_ROMANCE = {"dos": 2, "dois": 2, "duas": 2, "due": 2, "tres": 3, "tre": 3, "cuatro": 4, "quatro": 4,
            "quattro": 4, "cinco": 5, "cinque": 5}  # fmt: skip
_COUNT_WORDS = re.compile(
    rf"(?<!\w)(?:(?P<tens>{'|'.join(_TENS)})(?:[ -](?P<unit>{'|'.join(_ONES)}))?|(?P<one>{'|'.join(_ONES)})"
    rf"|(?P<half>half a )?(?P<dozen>a )?dozen|(?P<about>{'|'.join(_ABOUT)})"
    rf"|(?:(?P<k>{'|'.join(_ROMANCE)}) )?(?P<mil>mil|mila)|(?P<mille>mille))(?!\w)"
)


def _count_words(text: str) -> int | None:
    m = _COUNT_WORDS.search(fold(text))
    if m is None:
        return None
    if m["tens"]:
        return _TENS[m["tens"]] + (_ONES[m["unit"]] if m["unit"] else 0)
    if m["one"]:
        return _ONES[m["one"]]
    if m["about"]:
        return _ABOUT[m["about"]]
    if m["mil"] or m["mille"]:
        return 1000 * _ROMANCE.get(m["k"] or "", 1)
    return 6 if m["half"] else 12


def _plain(number: re.Match[str]) -> float:
    """The number itself, without its separators ("1,000", "1 000", "2.500" as thousands) or scale."""
    digits = re.sub(r"[ \u00a0\u202f,'\u2019]", "", number.group(1))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits) and not number.group(2):
        digits = digits.replace(".", "")  # "2.500": a thousands separator, not a decimal point
    return float(digits)


# Money is not a headcount: an amount with a currency ("$20M ARR", "£4m turnover", "EUR 3 million") or
# followed by revenue words is passed over, and a size given only as money is no size.
_CURRENCY = r"[$£€¥₹]|\b(?:usd|eur|gbp|chf|jpy|inr|aud|cad|sgd|aed)\b"
_MONEY_AFTER = re.compile(
    r"\s*(?:[$£€¥₹]|usd|eur|gbp|chf|dollars?|euros?|pounds?)?\s*"
    r"(?:arr|mrr|revenue|turnover|in sales|in revenue|funding|raised|valuation|umsatz"
    r"|chiffre d'affaires|budget)\b"
)
# An amount said by its digits ("low 5 figures", "a six-figure budget", "5-figure spend"): money, not staff.
_FIGURES = re.compile(r"[\s-]*figures?(?!\w)")
# A budget typed into the size box ("budget ~30k / 60 people"): its amount is money too.
_MONEY_BEFORE = re.compile(
    rf"(?:{_CURRENCY})\s*$|\b(?:budget|spend)\b(?:\s*(?:[:=~]|of|is|approx\.?|around|about|c\.|ca\.))*\s*$"
)
# A company in a blue-chip index ("Fortune 500", "FTSE 100", "S&P 500", "DAX") employs thousands: the
# index's number is not its headcount.
_BLUE_CHIP = re.compile(
    r"\b(?:fortune|ftse|s ?& ?p|forbes global|euro ?stoxx|nikkei|asx|tsx|fortune global) ?\d+\b"
    r"|\bglobal 2000\b"
    r"|\b(?:dax|cac ?40|smi|aex|ibex ?35|ftse mib)\b"
)
BLUE_CHIP_SIZE = 5000
# The organisation's whole headcount when a local one is given too ("40 in the UK (20k+ globally)", "35 here,
# 3,000 people worldwide"): the company is the whole, as "~15,000 globally / 400 in the school" reads.
_WHOLE = re.compile(
    r"\s*\+?\s*(?:[a-z]+\s+){0,2}?(?:globally|worldwide|world-wide|group-?wide|company-?wide|in total|total"
    r"|overall|across the (?:group|company|business)|weltweit|insgesamt|au total|dans le monde|en total"
    r"|a nivel mundial|en todo el mundo|in tutto il mondo|in totale|wereldwijd|in totaal|no mundo)(?!\w)"
)


_RANGE_ON = rf"\s*(?:[–—-]|to)\s*(?:{_CURRENCY})?\s*"


def _money(text: str, number: re.Match[str]) -> bool:
    return bool(
        _MONEY_BEFORE.search(text[: number.start()])
        or _MONEY_AFTER.match(text, number.end())
        or _FIGURES.match(text, number.end())
    )


# A headcount given per place ("two sites, ~300 each", "4 offices of about 50 staff each", "3 clinics x 40"):
# the places times the count.
_PER_PLACE = re.compile(
    r"(?<!\w)(?P<n>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(?:[a-z]+\s+)?"
    r"(?:sites|offices|locations|branches|plants|stores|shops|clinics|practices|hospitals|schools|campuses"
    r"|factories|warehouses|depots|hotels|restaurants)\b"
    r"(?:[^\d]{0,25}?(?P<m>\d[\d,]*)\s*(?:[a-z]+\s+)?(?:each|apiece|per (?:site|office|location|branch|plant"
    r"|store|shop|clinic|practice|hospital|school|campus|factory|warehouse|depot|hotel|restaurant))"
    r"|\s*[x×]\s*~?\s*(?P<x>\d[\d,]*))"
)


# A count of places alone in the size box ("40 sites", "12 stores"): no headcount.
_PLACE_WORDS = (
    r"sites|offices|locations|branches|plants|stores|shops|clinics|practices|hospitals|schools|campuses"
    r"|factories|warehouses|depots|hotels|restaurants|gyms|outlets|venues|franchises|studios|salons|pharmacies"
)
_PLACES_ONLY = re.compile(rf"(?:~|about |around |over )?\d[\d,.]*\+?\s+(?:[a-z]+\s+)?(?:{_PLACE_WORDS})")


_PLACE_AFTER = re.compile(rf"\+?\s*(?:[a-z]+\s+)?(?:{_PLACE_WORDS})\b")


def company_size(written: str) -> int | None:
    """The headcount a written company size stands for: the first number of a range ("200-999" → 200), with
    its scale ("1.5K+" → 1500, "2-3k" → 2000) and thousands written the European way ("2.500", "1 000");
    "<10" or "under 50" is one less; "just me" is 1; "a few hundred" 300, "hundreds" 200; money is passed
    over ("£4m turnover, 25 staff" → 25); a blue-chip index ("Fortune 500") is BLUE_CHIP_SIZE; None when no
    number is given ("n/a", "$20M ARR")."""
    text = written.strip().lower().translate(_DIGITS)
    if _ALONE.match(text):
        return 1
    if _PLACES_ONLY.fullmatch(text):
        return None
    if per := _PER_PLACE.search(text):
        places = int(per["n"]) if per["n"].isdigit() else _ONES[per["n"]]
        return places * int((per["m"] or per["x"]).replace(",", ""))
    if _BLUE_CHIP.search(text):
        text = _BLUE_CHIP.sub(" ", text)  # its own headcount, when given too ("FTSE 100, 12,000 staff")
        if not list(_NUMBER.finditer(text)):
            return BLUE_CHIP_SIZE
    numbers, money = [], None
    for n in _NUMBER.finditer(text):
        if _money(text, n) or (money and re.fullmatch(_RANGE_ON, text[money.end() : n.start()])):
            money = n  # an amount, or the upper end of one's range ("budget 40-60k")
        else:
            numbers.append(n)
    if not numbers:
        if re.search(_CURRENCY, text) or _MONEY_AFTER.search(text) or _FIGURES.search(text):
            return None
        found = _vague(text)
        return found if found is not None else _count_words(text)
    # A count of places beside a headcount ("40 sites, ~600 staff"): the headcount.
    if len(staff := [n for n in numbers if not _PLACE_AFTER.match(text, n.end())]) < len(numbers) and staff:
        numbers = staff
    if whole := [i for i, n in enumerate(numbers) if _WHOLE.match(text, n.end())]:
        at = whole[0]
        if at and re.fullmatch(r"\s*(?:[–—-]|to)\s*", text[numbers[at - 1].end() : numbers[at].start()]):
            at -= 1  # the whole given as a range ("2-3k overall"): from its start
        numbers = numbers[at:]
    first = numbers[0]
    scale_word = first.group(2)
    if (
        scale_word is None
        and len(numbers) > 1
        and re.match(r"\s*(?:[–—-]|to)\s*$", text[first.end() : numbers[1].start()])
        and _plain(first) < _plain(numbers[1])
    ):
        scale_word = numbers[1].group(2)  # "2-3k": the scale applies to both ends ("500 to 1k" is 500)
    size = int(_plain(first) * _SCALE.get(scale_word or "", 1))
    return max(1, size - 1) if _BELOW.match(text) else size


class LeadForm(BaseModel):
    """What the website form may send (unknown fields such as utm_* are ignored)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    name: str = Field(min_length=1, max_length=200)
    email: str = Field(max_length=254)
    company: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=200)
    phone: str | None = Field(None, max_length=40)
    company_size: int | None = Field(None, ge=1, le=10_000_000)
    industry: str | None = Field(None, max_length=100)
    timeline: str | None = None
    message: str | None = Field(None, max_length=5000)
    source: str = "Website"
    source_detail: str | None = Field(None, max_length=300)  # the page, campaign or referrer
    timeline_written: str | None = Field(None, max_length=200)  # a start written in words no choice names

    @model_validator(mode="before")
    @classmethod
    def _answers_kept(cls, data: Any, info: ValidationInfo) -> Any:
        """Source Detail keeps what a written source says beyond its choice: "Anna Lee" of "Referral - Anna
        Lee", the whole of "Googled coaches in Leeds"; a source that names no choice ("Your book") is Other,
        its words in Source Detail (before the form's own detail). A timeline that names none ("after the
        merger") is Unknown, its words kept for the enquiry note."""
        if not isinstance(data, dict):
            return data
        source = data.get("source")
        if isinstance(source, str) and _BOOKING_TOOL.fullmatch(source):
            data = {**data, "source": ""}  # "Calendly booking": the tool the call was booked in, no channel
        if isinstance(data.get("title"), str):
            data = {**data, "title": spoken_marks(data["title"])}
        if isinstance(data.get("message"), str):
            card = _vcard_answers(data["message"])
            data = {**data, **{k: v for k, v in card.items() if no_answer(data.get(k))}}
            # A form export or a chat transcript pasted as the message ("Q: What's your role?" "A: COO";
            # "Bot: When would you like to start?" "Visitor: January"): its answers fill the boxes left empty.
            blank = [
                k for k in _QUESTION_BOXES if not isinstance(data.get(k), int) and no_answer(data.get(k))
            ]
            read = _answers_in_message(plain_text(data["message"]))
            data = {**data, **{k: v for k, v in read.items() if k in blank}}
        source, detail = data.get("source"), data.get("source_detail")
        if isinstance(source, str) and _EARLIER_ENQUIRY.search(source):
            source = None  # "follow-up to my enquiry last week": no channel named, the form's own
        message = spoken_marks(plain_text(data["message"])) if isinstance(data.get("message"), str) else None
        said = _REFERRAL_IN_MESSAGE.search(message[:1000]) if isinstance(message, str) else None
        by_messenger = isinstance(source, str) and _MESSENGER.fullmatch(source) is not None
        if said and (source is None or isinstance(source, str) and no_answer(source) or by_messenger):
            # "We worked together in 2023" said only in the message, the source box empty: a past client
            # (or one who sent them) is the Referral the box would have named.
            source, detail = "Referral", detail or " ".join(said.group(0).split())
            data = {**data, "source": source, "source_detail": detail}
        if (
            (source is None or isinstance(source, str) and no_answer(source))
            and isinstance(message, str)
            and _LINKEDIN_MESSAGE.search(message[:3000])
        ):
            source = "LinkedIn"  # a LinkedIn message forwarded or pasted: the channel it came through
            data = {**data, "source": source}
        if source is None or (isinstance(source, str) and no_answer(source)):
            # A "How did you hear about us?" box left empty is sent as "" (or filled with "-" or "N/A" where
            # the form insists): the form's own default, as when the form has no such box (refusing it would
            # lose the enquiry over a marketing question).
            data = {k: v for k, v in data.items() if k != "source"}
        elif isinstance(source, str):
            if lead_source(source) is None:
                own = detail.strip() if isinstance(detail, str) else ""
                words = " ".join(source.split())[:150]
                data = {**data, "source": "Other", "source_detail": f"{words} ({own})" if own else words}
            elif not detail:
                head, tail = split_source(source)
                if tail and _choice(head, LEAD_SOURCES) is not None:
                    data = {**data, "source_detail": tail}
                elif _choice(source, LEAD_SOURCES) is None:
                    data = {**data, "source_detail": " ".join(source.split())[:300]}
        email, company = data.get("email"), data.get("company")
        if (
            isinstance(email, str)
            and isinstance(company, str)
            and not email_is_valid(clean_email(email) or "")
            and email_is_valid(clean_email(company) or "")
        ):  # an export pasted a column off: the address in the company box, the company in the email's
            data = {**data, "email": company, "company": email.strip() or None}
        name, title = data.get("name"), data.get("title")
        if isinstance(name, str) and (title is None or isinstance(title, str) and no_answer(title)):
            data = {**data, **_title_in_name(name)}
        title, company = data.get("title"), data.get("company")
        if isinstance(title, str) and isinstance(company, str) and _boxes_swapped(title, company):
            # The title typed into the company box and the employer into the title box ("Director of
            # Operations" / "Brightwater Housing"): the coach reads them the right way round.
            data = {**data, "title": company, "company": title}
        title = data.get("title")
        if isinstance(message, str) and (title is None or isinstance(title, str) and no_answer(title)):
            data = {
                **data,
                **(
                    _title_in_message(message)
                    or _title_in_signature(message, data)
                    or _title_under_name(message, str(data.get("name") or ""))
                ),
            }
        size = data.get("company_size")
        said = [message[:2000]] if isinstance(message, str) else []
        if isinstance(title := data.get("title"), str):
            said.append(title)  # dictated into the title box: "COO at Acme, we have about two hundred people"
        headcount = next(
            (
                m
                for text in said
                for rx in (_SIZE_IN_MESSAGE, _SIZE_AS_WORD, _SIZE_IN_TOTAL, _SIZE_BRACKETED)
                if (m := rx.search(text))
            ),
            None,
        )
        places_only = isinstance(size, str) and _PLACES_ONLY.fullmatch(size.strip().lower()) is not None
        if headcount and (size is None or isinstance(size, str) and no_answer(size) or places_only):
            data = {**data, "company_size": headcount["n"]}
        timeline = data.get("timeline")
        unanswered = timeline is None or isinstance(timeline, str) and no_answer(timeline)
        start = _start_in_message(message, _day(info), _zone(info)) if isinstance(message, str) else None
        if unanswered and start is not None:
            data = {**data, "timeline": start}
            timeline = start
        written = isinstance(timeline, str) and timeline.strip()
        if written and timeline_choice(timeline, _day(info), _zone(info)) is None:
            data = {**data, "timeline": "Unknown", "timeline_written": " ".join(timeline.split())[:200]}
        return data

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        clean = clean_email(value) or ""
        if (meant := email_typo(clean)) is not None:  # the person at the form can put it right at once
            raise ValueError(f"{clean} cannot receive email: did you mean {meant}?")
        if not email_is_valid(clean):
            raise ValueError("not a valid email address")
        return clean

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        return tidy_phone(value)

    @field_validator("company_size", mode="before")
    @classmethod
    def _size(cls, value: Any) -> Any:
        return company_size(value) if isinstance(value, str) else value

    @field_validator("timeline")
    @classmethod
    def _timeline(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not value:
            return None
        found = timeline_choice(value, _day(info), _zone(info))
        if found is None:
            raise ValueError(f"must be one of {', '.join(TIMELINES)}")
        return found

    @field_validator("source")
    @classmethod
    def _source(cls, value: str) -> str:
        found = lead_source(value)
        if found is None:
            raise ValueError(f"must be one of {', '.join(LEAD_SOURCES)}")
        return found

    @field_validator("company", "title", "phone", "industry", "message", "source_detail")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None


# A title typed after the name when the title box is left empty or says "-" ("Dr. Jane Doe, CEO", "Marcus Lee
# (VP Finance)", "Ana Ruiz - Head of HR"): moved to the title when it reads as a leader's. A name written
# surname first ("OKAFOR, Chidi") or with a degree ("Jane Doe, PhD") reads as no leader's title and stays.
_NAME_TITLE = re.compile(r"(?P<name>[^,(|–—]+?)\s*(?:,|\s[–—-]\s|\||\()\s*(?P<title>[^()]+?)\s*\)?\s*")


def _title_in_name(name: str) -> dict[str, str]:
    m = _NAME_TITLE.fullmatch(name.strip())
    if m is None or seniority_level(m["title"]) in ("unknown", "individual"):
        return {}
    return {"name": m["name"].strip(), "title": m["title"]}


# A title said in the message when the box is empty ("I'm the CFO here", "Head of Engineering here at a Series
# B fintech", "As COO of a 200-person firm, …"): the words after "I'm (a/the)", "my role is", "as" at the
# start of a sentence, or before "here" opening it, up to a word that ends a title. Taken only when they read
# as a leader's title: "I'm looking for…", "I'm writing on behalf of our CEO" or "I'm the assistant to the
# CEO" give none.
_SAID_TITLE = re.compile(
    r"(?:^|(?<=[.!?\n:])\s*|\b(?:hi|hello|hey|dear|good (?:morning|afternoon))\b[^.!?\n]{0,30}?[,!-]\s*)"
    # A spoken sentence's fillers and greeting ("um so I'm the", "uh hi I'm the").
    r"(?:(?:um+|uh+|erm?|so|well|okay|ok|right|yeah|hi|hello|hey)[,\s]+)*"
    r"(?:(?:i'?m|i am|i work as|my (?:role|title|job title|position) is|as)\s+"
    r"(?:the |a |an |our |one of the )?"
    r"(?P<said>[^.,;:!?()\n]{2,60})|(?P<here>[^.,;:!?()\n]{2,60}?)\s+here\b)",
    re.I,
)
_TITLE_ENDS = re.compile(
    r"\s+(?:here|at|in|for|with|and|who|covering|looking|leading|responsible|based|working|on|from|to|but|so"
    r"|currently|of (?:a|an|our|the|my)|since|over|within|across|interested|writing|reaching)\b.*$",
    re.I,
)

_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^,!-]{0,30}[,!-]+\s*)", re.I
)


# The organisation's headcount said outright in the message, the size box empty ("our company has about 250
# employees", "we employ 1,200 people", "we're about 80 staff"). A team's or a department's count ("my team of
# 40", "I manage 12 people") is not the company's and is not read.
# The organisation may be named with a word or two before it ("our clinic group has 120 staff"), not a
# function's ("our sales group"); the number may be said in words ("we're about fifteen hundred people", as
# dictation writes it).
_FUNCTION_WORDS = (
    r"sales|marketing|finance|hr|people|it|engineering|product|leadership|management|operations|ops|support"
    r"|design|data|legal|tech|technology|project|delivery|service|customer"
)
_NUMBER_SAID = (
    r"\d[\d,.]*\s*k?|(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"[ -]+){1,3}(?:hundred|thousand)"
)
_ABOUT_SAID = (
    r"(?:(?:about|around|roughly|approximately|approx\.?|nearly|almost|some|just (?:under|over)|over"
    r"|c\.|circa|~)\s*)?"
)
_SIZE_IN_MESSAGE = re.compile(
    rf"\b(?:(?:our|the) (?:(?!(?:{_FUNCTION_WORDS})\b)[\w-]+ ){{0,2}}(?:company|organi[sz]ation|firm|business"
    r"|group|charity|practice|agency|start-?up"
    r"|school|trust|hospital|council)(?: (?:now|currently|today))? (?:has|have|employs|is|numbers)"
    r"|we(?: (?:now |currently )?(?:have|employ|are)|'re|’re)(?: (?:a|an) (?:company|business|firm"
    r"|organi[sz]ation|charity|practice|agency) of)?)\s+"
    rf"(?P<n>{_ABOUT_SAID}(?:{_NUMBER_SAID}))\s+"
    r"(?:employees|staff|people|colleagues|ftes?|members of staff)\b",
    re.I,
)
# A headcount given as the whole ("with about 600 staff in total", "1,200 employees across the group") or in
# brackets after the employer ("I'm now CTO at Vantage Health (~500 staff)").
_SIZE_IN_TOTAL = re.compile(
    rf"(?<![\w,.])(?P<n>{_ABOUT_SAID}(?:{_NUMBER_SAID}))\s+(?:employees|staff|people|colleagues|ftes?)\s+"
    r"(?:in total|overall|altogether|company-?wide|group-?wide"
    r"|across (?:the|our) (?:company|business|group|organi[sz]ation|firm|sites|locations|stores|branches))\b",
    re.I,
)
_SIZE_BRACKETED = re.compile(
    r"\b(?:at|@|of|join(?:ed)?)\s+[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,4}\s*"
    r"\(\s*(?:~|c\.|ca\.|about |approx\.? |around )?\s*(?P<n>\d[\d,.]*\s*[kK]?)\+?\s*"
    r"(?i:employees|staff|people|ftes?)\s*\)"
)
# A source box answered by pointing at an earlier enquiry ("follow-up to my enquiry last week"): no channel.
_EARLIER_ENQUIRY = re.compile(
    r"^\s*(?:a |my |this is a )?follow(?:ing)?[- ]?ups?\b"
    r"|\b(?:my|our) (?:earlier|previous|last|first|original)"
    r" (?:enquiry|inquiry|form|message|e-?mail|request)\b",
    re.I,
)
# A past client, or one who sent them, said in the writer's own words ("we worked together in 2023", "you
# coached me at Brightline", "I was your client", "Anna recommended you"); not a question ("can you
# recommend…") nor a wish ("I'd love to work with you").
_REFERRAL_IN_MESSAGE = re.compile(
    r"\b(?:(?:got|had|was given|have) your (?:name|number|details|email|contact(?: details)?) (?:from|via)\b"
    r"|we (?:have |'ve )?worked together|(?:i|we) (?:have |'ve )?worked with you\b"
    r"|you (?:have |'ve )?(?:coached|mentored|worked with) (?:me|us|my|our)\b|coached by you"
    r"|(?:i|we) (?:was|were) (?:your|a) client"
    r"|(?:i'?m|i am|we'?re|we are) (?:a )?(?:former|past|previous) client"
    r"|\w+ (?:recommended|referred) (?:you|me to you|us to you)\b"
    r"|(?:i was|we were) referred (?:to you|by)\b)",
    re.I,
)


# A messenger named in the source box ("WhatsApp", "Text"): how the message came, not how they heard of the
# coach; a referral said in the message names that.
_MESSENGER = re.compile(
    r"\s*(?:whats ?app|telegram|signal|sms|text(?: message)?|imessage|wechat|line|viber|messenger)"
    r"(?: (?:message|msg|chat))?\s*",
    re.I,
)
# A LinkedIn message forwarded or pasted as the message, the source box empty ("From: LinkedIn
# <inmail-hit-reply@linkedin.com>", "Priya Nair sent you an InMail"): LinkedIn is the channel.
_LINKEDIN_MESSAGE = re.compile(
    r"^\s*from:[^\n]*\blinkedin\b|@linkedin\.com\b|\bsent you an? (?:new )?(?:in-?mail|message on linkedin)\b"
    r"|\bvia linkedin in-?mail\b",
    re.I | re.M,
)
# Dictated text with its punctuation said as words ("… at acme corp comma we have about two hundred people
# period"): read with the marks it names, when it holds no marks of its own.
_SPOKEN_MARKS = [
    (re.compile(r"\s+comma\b", re.I), ","),
    (re.compile(r"\s+(?:period|full stop)\b", re.I), "."),
    (re.compile(r"\s+question mark\b", re.I), "?"),
    (re.compile(r"\s+exclamation (?:mark|point)\b", re.I), "!"),
    (re.compile(r"\s+new (?:line|paragraph)\b", re.I), "\n"),
]


def spoken_marks(text: str) -> str:
    """Dictated text with its spoken punctuation as marks; any other text as it is."""
    if re.search(r"[.,;:!?\n]", text) or not any(rx.search(text) for rx, _ in _SPOKEN_MARKS):
        return text
    for rx, mark in _SPOKEN_MARKS:
        text = rx.sub(mark, text)
    return text


# A vCard pasted as the message (a badge's QR code decoded, a contact card shared): its TITLE and ORG lines
# fill the title and company boxes left empty.
# What names a company rather than a person's role: its legal form or a word firms are called by.
_FIRM_WORDS = re.compile(
    r"\b(?:ltd|limited|inc|llc|llp|plc|gmbh|ag|sa|bv|nv|pty|co|corp|corporation|company|group|partners"
    r"|holdings|associates|&)\b|&|\.(?:com|io|co|org|net)\b",
    re.I,
)


# The words a job that leads no one is called by ("Account Executive", "Analyst"): a title box holding one
# holds a role, not the employer.
_ROLE_WORDS = re.compile(
    r"\b(?:executive|analyst|engineer|developer|assistant|officer|specialist|consultant|coordinator"
    r"|associate|administrator|advisor|adviser|designer|accountant|architect|scientist|researcher"
    r"|representative|rep|agent|clerk|student|intern|nurse|doctor|teacher|lawyer|coach|owner|partner)s?\b",
    re.I,
)


def _boxes_swapped(title: str, company: str) -> bool:
    """Whether the title box holds the employer and the company box the title: the company box reads as a
    leadership title (a manager or above) and names no firm, while the title box holds no role at all."""
    if no_answer(title) or no_answer(company) or _FIRM_WORDS.search(company) or _ROLE_WORDS.search(title):
        return False
    return seniority_level(title) == "individual" and seniority_level(company) not in (
        "individual",
        "unknown",
    )


_VCARD_LINE = re.compile(r"^\s*(?P<key>TITLE|ROLE|ORG)(?:;[^:\n]*)?:(?P<value>[^\n]*\S)\s*$", re.M | re.I)


def _vcard_answers(message: str) -> dict[str, str]:
    if not re.search(r"BEGIN:VCARD", message, re.I):
        return {}
    found: dict[str, str] = {}
    for m in _VCARD_LINE.finditer(message):
        value = m["value"].replace("\\,", ",").split(";")[0].strip()
        box = "company" if m["key"].upper() == "ORG" else "title"
        if value and box not in found:
            found[box] = value[:200]
    return found


def _title_under_name(message: str, name: str) -> dict[str, str]:
    """A headline on the line under the writer's name, as a LinkedIn message or a card shows it ("Priya Nair"
    then "Head of Talent Development at Helix Bank"): taken when it reads as a leader's title."""
    lines = [line.strip() for line in message[:3000].splitlines()]
    want = " ".join(name.split()).lower()
    for i, line in enumerate(lines[:-1]):
        if not want or " ".join(line.split()).lower() != want:
            continue
        below = next((x for x in lines[i + 1 : i + 3] if x), "")
        if (
            below
            and len(below.split()) <= 12
            and not re.search(r"\d{3}|@|https?:|www\.", below)
            and seniority_level(below) not in ("unknown", "individual")
        ):
            return {"title": below[:200]}
    return {}


# The box a question asks for, by its words (the first that fits: "How many people work at your company?"
# asks the size, not the company).
_QUESTION_BOXES = {
    "source": re.compile(
        r"\bhear (?:about|of)\b|\bf(?:ou|i)nd (?:us|me|you)\b|\bfound (?:via|through)\b|\brefer(?:red)?\b"
        r"|\bsource\b",
        re.I,
    ),
    "company_size": re.compile(
        r"\bhow (?:many|big|large)\b|\b(?:company|team|organi[sz]ation) size\b|\bheadcount\b|\bemployees\b"
        r"|\bsize\b"  # "Company and size?", as a booking form asks it
        r"|^\s*(?:staff|fte|people|headcount)\s*$",  # a spreadsheet's column header
        re.I,
    ),
    "timeline": re.compile(r"\bwhen\b|\bstart\b|\btime ?(?:line|frame|scale)\b|\bhow soon\b", re.I),
    "industry": re.compile(r"\bindustry\b|\bsector\b|\bline of business\b", re.I),
    "title": re.compile(r"\b(?:role|job|title|position)\b|\bwhat do you do\b", re.I),
    "company": re.compile(r"\b(?:company|organi[sz]ation|employer|firm|business)\b", re.I),
}
# A line of an export or a transcript: a "Q:"/"A:" or a speaker's label (a time before it, "[10:02] Bot:").
_SAID_LINE = re.compile(r"^\s*(?:\[[^\]\n]{1,20}\]\s*)?(?P<who>[^\W\d][\w .'-]{0,29}):\s*(?P<said>\S.*?)\s*$")


_ASKED_AND_ANSWERED = re.compile(r"^\s*(?P<q>[^?\n:]{3,100}\?)\s+(?P<a>[^?\n]*[^?\s])\s*$")
# Answers each after its label: a list in the message, plain or in Markdown ("- **Role:** Head of
# Engineering", "• When: January"), or key=value pairs as a form's integration sends them ("role=VP People;
# headcount=650", "found_via=referral"): the label is the question.
_LISTED = re.compile(
    r"^\s*[-*•]\s+(?:\*\*|__)?(?P<q>[^\W\d][\w /'-]{1,40}?)\s*(?:\*\*|__)?\s*:"
    r"\s*(?:\*\*|__)?\s*(?P<a>\S.*?)\s*$"
)
_KEY_VALUE = re.compile(r"(?:^|[;&\n])\s*(?P<q>[^\W\d][\w ]{1,30}?)\s*=\s*(?P<a>[^;&\n=]*[^;&\n=\s])")


def _answers_in_message(message: str) -> dict[str, str]:
    """The boxes a form export or a chat transcript in the message answers: a question (a "Q:" line, or a
    speaker's line ending in "?") and the next line, another speaker's, as its answer. Two or more such
    pairs are needed: one question in a letter is no export."""
    lines = [m for m in map(_SAID_LINE.match, message[:3000].splitlines()) if m]
    pairs = [
        (q["said"], a["said"])
        for q, a in zip(lines, lines[1:], strict=False)
        if q["who"].strip().lower() != a["who"].strip().lower()
        and (q["who"].strip().lower() == "q" or q["said"].endswith("?"))
    ]
    # A booking form's answers as a scheduling tool's notification lists them, each after its question on
    # one line ("What is your role? Chief People Officer"): a short answer, as a box's.
    pairs += [
        (m["q"], m["a"])
        for m in map(_ASKED_AND_ANSWERED.match, message[:3000].splitlines())
        if m and len(m["a"].split()) <= 12
    ]
    pairs += [(m["q"], m["a"]) for m in map(_LISTED.match, message[:3000].splitlines()) if m]
    pairs += [(m["q"].replace("_", " "), m["a"]) for m in _KEY_VALUE.finditer(message[:3000])]
    # A spreadsheet's rows pasted (a partner's referral tracker, a CRM export): a header row and the row
    # under it, cells split by tabs, read as each column's question and answer.
    rows = [line.split("\t") for line in message[:3000].splitlines()]
    for head, row in zip(rows, rows[1:], strict=False):
        if len(head) >= 3 and len(head) == len(row):
            pairs += [(h.strip(), a.strip()) for h, a in zip(head, row, strict=True) if len(h.split()) <= 4]
    if len(pairs) < 2:
        return {}
    found: dict[str, str] = {}
    for question, answer in pairs:
        box = next((k for k, rx in _QUESTION_BOXES.items() if rx.search(question)), None)
        if box is not None and box not in found and not no_answer(answer):
            found[box] = answer[:200]
    return found


def _title_in_message(message: str) -> dict[str, str]:
    for m in _SAID_TITLE.finditer(message[:1000]):
        said = _TITLE_ENDS.sub("", _GREETING.sub("", (m["said"] or m["here"] or "").strip())).strip(" -–—")
        if m["here"] and re.match(r"(?:our|my|the|your|his|her|their|we|i)\b", said, re.I):
            continue  # "Our Head of People here suggested you": someone else's title
        if said and len(said.split()) <= 6 and seniority_level(said) not in ("unknown", "individual"):
            return {"title": said}
    return {}


# A message sent as HTML (a mail client's or a rich-text box's "<p>", "<br>", "&amp;"): read as its text.
_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:p|br|div|b|strong|i|em|u|span|font|a|li|ul|ol|h[1-6]|table|tr|td|blockquote)\b[^<>]*>", re.I
)
_HTML_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr)\b[^<>]*>", re.I)


def plain_text(message: str) -> str:
    """The message as its reader sees it: HTML tags off (a paragraph or a line break as a new line) and its
    entities decoded; a message without tags as it is."""
    if not _HTML_TAG.search(message):
        return message
    text = _HTML_TAG.sub("", _HTML_BREAK.sub("\n", message))
    return html.unescape(text)


# The tool a call was booked through, typed as the source ("Calendly booking", "Acuity"): no channel.
_BOOKING_TOOL = re.compile(
    r"\s*(?:calendly|acuity(?: scheduling)?|youcanbook\.?me|ycbm|savvycal|cal\.com|tidycal|zcal|doodle"
    r"|hubspot meetings?|microsoft bookings|google (?:calendar )?appointment(?: schedule)?)"
    r"(?:\s+(?:booking|booked|form|invite|invitation|link|page|call|meeting|scheduler|answers))?\s*",
    re.I,
)
# The end of a letter: a sign-off line ("Best regards,", "Thanks,", "Cheers") or a signature's "--" rule. The
# lines after it are the signature, where a title sits below the name ("Chief Financial Officer") or beside it
# ("Priya Shah | Head of Customer Experience | Orbis Telecom").
_SIGN_OFF = re.compile(
    r"^\s*(?:-{2,}\s*|_{2,}\s*|(?:(?:best|kind|warm|warmest|many|with) (?:regards|wishes|thanks)|regards"
    r"|best|thanks|thank you|many thanks|cheers|sincerely|yours(?: sincerely| faithfully| truly)?"
    r"|all the best|respectfully|speak soon)[,.!]*)\s*$",
    re.I,
)
_SIGNATURE_PARTS = re.compile(r"\s*[|•·]\s*|\s+[–—-]\s+")


def _title_in_signature(message: str, data: dict[str, Any]) -> dict[str, str]:
    """A title in the signature after the last sign-off, the title box empty: the first line (or part of a
    piped line) of at most eight words, not the name, the company, a phone, an address or a link, that reads
    as a leader's title."""
    lines = message.strip().splitlines()
    ends = [i for i, line in enumerate(lines) if _SIGN_OFF.match(line)]
    if not ends:
        return {}
    skip = {str(data.get(k) or "").strip().lower() for k in ("name", "company")}
    for line in lines[ends[-1] + 1 : ends[-1] + 8]:
        for part in _SIGNATURE_PARTS.split(line.strip()):
            part = part.strip(" ,")
            if (
                not part
                or part.lower() in skip
                or len(part.split()) > 8
                or re.search(r"\d{3}|@|https?:|www\.|\.(?:com|co|org|net|io)\b", part, re.I)
            ):
                continue
            if seniority_level(part) not in ("unknown", "individual"):
                return {"title": part[:200]}
    return {}


# A company's headcount as a word before what it is ("a 90-person accountancy practice", "We are a
# 1,800-person IT services firm", "a 40-strong agency"), the size box empty; a team's ("a 12-person team") is
# not the company's.
_SIZE_AS_WORD = re.compile(
    r"\b(?:a|an|our)\s+(?P<n>\d[\d,.]*\s*k?)[- ](?:person|people|employee|staff|strong|fte)\s+"
    r"(?:[\w&/-]+\s+){0,3}?(?:company|firm|business|organi[sz]ation|practice|agency|consultancy|group|charity"
    r"|bank|insurer|manufacturer|start-?up|scale-?up|school|hospital|trust|retailer|studio|partnership)\b",
    re.I,
)
# The start said in a message, the timeline box empty: the words after "start", "starting" or "begin" ("we'd
# like coaching for our partners, starting in February", "I'd want to start in the second half of January"),
# up to the end of the clause, read as the box's answer would be; the first that names a start counts. Dates
# said otherwise (a founding year, a course taken, an audit on the 17th) are not a start and are not read.
_START_SAID = re.compile(
    r"\b(?:start|starting|begin|beginning|kick(?:ing)? off|commence|commencing)"
    r"\s+(?P<when>[^.;:!?\n,]{2,60})",
    re.I,
)
_START_PART = re.compile(
    r"^(?:(?:in|from|by|around|on|at|during)\s+)?(?:(?:the )?(?:first|second|1st|2nd) half of|early|mid|late"
    r"|the (?:start|beginning|end) of|the middle of)\s+",
    re.I,
)


# Where the start's words end: what follows is whom or why ("next month with the exec team", "in May so
# that …"), not when.
_START_ENDS = re.compile(
    r"(?<=\S)\s+(?:with|for|once|when|so|because|and|but|if|as|to|while|since|provided|assuming)\b.*$", re.I
)


def _start_in_message(message: str, today: Callable[[], date], zone: Callable[[], str]) -> str | None:
    for m in _START_SAID.finditer(message[:3000]):
        when = _START_PART.sub("in ", _START_ENDS.sub("", m["when"].strip()))
        found = timeline_choice(when, today, zone)
        if found is not None and found != "Unknown":
            return found
    return None


def _day(info: ValidationInfo) -> Callable[[], date]:
    """How to learn the business's date the form was sent on (parse_form's `today`): a start the calendar
    names ("Q4", "by the end of the year") is measured from it. A form built without one (a test, a
    script) reads the UTC date."""
    given = (info.context or {}).get("today")
    return given if callable(given) else lambda: datetime.now(UTC).date()


def _zone(info: ValidationInfo) -> Callable[[], str]:
    """How to learn the business time zone (parse_form's `zone`), whose hemisphere sets a season's months.
    A form built without one reads seasons as the north's."""
    given = (info.context or {}).get("zone")
    return given if callable(given) else lambda: ""


def parse_form(
    payload: Any, today: Callable[[], date] | None = None, zone: Callable[[], str] | None = None
) -> LeadForm | None:
    """The validated form, or None for a bot (honeypot filled). BadRequest names the first bad field.
    `today`: how to learn the business's date (its time zone's, not the server's: near midnight they
    differ by a day), asked only for a timeline the calendar names; `zone`: its time zone, asked only
    for a season ("after summer" is December in Sydney)."""
    if not isinstance(payload, dict):
        raise BadRequest("send a JSON object or a form with name and email")
    if str(payload.get(HONEYPOT) or "").strip():
        return None
    try:
        given = {k: v for k, v in (("today", today), ("zone", zone)) if v}
        return LeadForm.model_validate(payload, context=given or None)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "body"
        raise BadRequest(f"{where}: {err['msg'].removeprefix('Value error, ')}") from None


class RateLimiter:
    """Sliding window per key, in memory (see the module note)."""

    def __init__(self, limit: int = RATE_LIMIT, window_s: float = RATE_WINDOW_S) -> None:
        self.limit, self.window_s = limit, window_s
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return False
            hits.append(now)
            if len(self._hits) > 10_000:  # bound memory: forget idle addresses
                for k in [k for k, v in self._hits.items() if not v]:
                    del self._hits[k]
            return True


LIMITER = RateLimiter()


def address_key(address: str, secret: str | None) -> str:
    """The Form Address of a client address: keyed (APP_SECRET) so the base never holds the address."""
    return hmac.new((secret or "form").encode(), address.encode(), hashlib.sha256).hexdigest()[:20]


def new_lead_row(
    form: LeadForm, today: date, key: str | None = None, client: Client | None = None
) -> dict[str, Any]:
    """The new lead; `client`: the client with the form's mailbox, if any (a current one stops nurture)."""
    row = {
        "name": form.name,
        "email": form.email,
        "phone": form.phone,
        "company": form.company,
        "title": form.title,
        "company_size": form.company_size,
        "industry": form.industry,
        "timeline": form.timeline,
        "lead_source": form.source,
        "source_detail": form.source_detail,
        "notes": _enquiry_note(form, today, client=client),
        "status": "New",
        "email_status": "Unverified",
        "created_date": today,
        "form_address": key,
    }
    if client is not None and is_current_client(client):
        row |= client_stop(_client_name(client, form), today)
    return {k: v for k, v in row.items() if v is not None}


def known_lead_update(
    lead: Lead, form: LeadForm, today: date, client: Client | None = None
) -> dict[str, Any]:
    """A known address enquired again: note it (with the address typed, when it is another spelling of the
    lead's), count it as a reply (she wrote to us: her sequence pauses for the coach's answer, as for an
    email reply, instead of sending her the next template), fill only what was empty; stop its nurture if
    it is a current client's and nurture could still write to her."""
    note = _enquiry_note(form, today, lead.email)
    fields: dict[str, Any] = {"notes": "\n\n".join(x for x in (lead.notes, note) if x)}
    if note not in (lead.notes or "").split("\n\n"):  # the same form sent again that day is no new word
        fields["replies"] = (lead.replies or 0) + 1
    fields["last_engagement"] = max(today, lead.last_engagement or today)
    for key in ("phone", "company", "title", "company_size", "industry", "timeline"):
        value = getattr(form, key)
        if value is not None and getattr(lead, key) in (None, ""):
            fields[key] = value
    if client is not None and is_current_client(client) and needs_client_stop(lead):
        fields |= client_stop(_client_name(client, form), today)
    return fields


def _client_name(client: Client, form: LeadForm) -> str:
    return (client.name or "").strip() or form.name


def _enquiry_note(
    form: LeadForm, today: date, known_email: str | None = None, client: Client | None = None
) -> str:
    where = f" ({form.source_detail})" if form.source_detail else ""
    sender = f" from {form.email}" if known_email and clean_email(known_email) != form.email else ""
    start = f"; start: {form.timeline_written}" if form.timeline_written else ""
    was = ""
    if client is not None:
        was = " from a current client" if is_current_client(client) else " from a former client"
        was += f" ({client.status})" if client.status else ""
    text = f"{today.isoformat()} {form.source.lower()} enquiry{where}{sender}{was}{start}"
    return f"{text}: {form.message}" if form.message else text


def capture(ctx: JobContext, form: LeadForm) -> tuple[str, str]:
    """Create or update the lead, then run the lead automations on it; ('created'|'updated', record id)."""
    outcome, lead_id, fields = store(ctx, form)
    process(ctx, outcome, lead_id, fields)
    return outcome, lead_id


def _known(ctx: JobContext, form: LeadForm, key: str | None = None) -> list[Lead]:
    """The leads with the form's mailbox (the same inbox in any spelling: "jo+news@" is "jo@"), oldest
    first, duplicates left out; in the same read, with `key`, the leads that client address created in the
    window: TooManyRequests at RATE_LIMIT of them for an email not known yet (a re-enquiry is an update,
    never refused)."""
    from pyairtable import formulas as F

    from automation.models import Lead

    gw = ctx.gateway
    box = mailbox(form.email) or form.email  # the form's email is valid: it has a mailbox
    match = same_mailbox(gw.ref(Lead, "email"), [box])
    if key:
        age = F.DATETIME_DIFF(F.NOW(), F.CREATED_TIME(), "seconds")
        match = F.OR(match, F.AND(F.EQ(gw.ref(Lead, "form_address"), key), F.LT(age, int(RATE_WINDOW_S))))
    rows = gw.all(Lead, formula=match, sort=["created_date"])
    known = [x for x in rows if mailbox(x.email) == box and not x.duplicate_of]
    recent = [x for x in rows if key and x.form_address == key and x not in known]
    if key and not known and len(recent) >= RATE_LIMIT:
        raise TooManyRequests("too many submissions from this address; try again later")
    return known


def _client(ctx: JobContext, form: LeadForm) -> Client | None:
    """The client with the form's mailbox, a current one first (one read, the leads' formula on Clients)."""
    from automation.models import Client

    gw = ctx.gateway
    box = mailbox(form.email) or form.email
    rows = gw.all(
        Client, formula=same_mailbox(gw.ref(Client, "email"), [box]), fields=["name", "email", "status"]
    )
    found = sorted((c for c in rows if mailbox(c.email) == box), key=lambda c: not is_current_client(c))
    return found[0] if found else None


def store(ctx: JobContext, form: LeadForm, key: str | None = None) -> tuple[str, str, set[str] | None]:
    """The lead written (created, or the known one updated): ('created'|'updated', id, changed fields or
    None for a new lead). Once this returns the lead is in the base; what follows can be redone. Clients
    is read with Leads (the same request time): a form is the one way in where a client's enquiry is
    told apart before any automation drafts marketing to her."""
    from automation.models import Lead
    from automation.parallel import together

    gw = ctx.gateway
    known, client = together(lambda: _known(ctx, form, key), lambda: _client(ctx, form))
    if known:
        lead = known[0]
        fields = known_lead_update(lead, form, ctx.today(), client)
        with ctx.run.keeping("leads"):  # the enquiry is kept in every Automation Mode
            gw.update(Lead, [(lead, fields)])
        if "replies" in fields:
            _tell_coach(ctx, lead.model_copy(update=fields), form)
        return "updated", lead.id, set(fields)
    # Upsert on Email: a form sent twice at once (double click) still makes one lead.
    with ctx.run.keeping("leads"):  # the enquiry is kept in every Automation Mode
        lead = gw.upsert(Lead, [new_lead_row(form, ctx.today(), key, client)], merge_on=["email"])[0]
    return "created", lead.id, None


def _tell_coach(ctx: JobContext, lead: Lead, form: LeadForm) -> None:
    """A Reply Alert (Slack) that a known lead wrote again through the form: the new-lead notice is once per
    lead, so without it her second enquiry would wait unseen in Notes. Once per lead and day (its dedupe
    key). The lead is stored whatever happens here: a failure is reported on the run, not answered 503."""
    from automation.errors import RecordProblem
    from automation.leads.emails import enquiry_alert_draft
    from automation.messages import compose

    today = ctx.today()
    sender = form.email if clean_email(lead.email) != form.email else None
    try:
        compose(ctx, enquiry_alert_draft(lead, ctx.settings, today, sender, form.message), about=lead)
    except Exception as exc:  # noqa: BLE001 - the enquiry is in the base; the note and pause stand
        ctx.run.report(RecordProblem("leads", lead.id, "enquiry alert", None, str(exc)[:200]))


def hold(ctx: JobContext, form: LeadForm, reasons: list[str], key: str | None = None) -> tuple[str, str]:
    """A submission that reads as spam (spam.py): kept, not worked on. One read (the address) and one write:
    a new address becomes a Lost lead whose Next Action says why and how to release it; a known lead gets the
    text in its Notes without counting as engagement. No scoring, no drafts, no run record."""
    from automation.models import Lead

    gw = ctx.gateway
    today = ctx.today()
    held = f"{HELD_NOTE}: {'; '.join(reasons)}"
    known = _known(ctx, form, key)
    note = f"{_enquiry_note(form, today, known[0].email if known else None)}\n{held}"
    if known:
        lead = known[0]
        with ctx.run.keeping("leads"):  # the enquiry is kept in every Automation Mode
            gw.update(Lead, [(lead, {"notes": "\n\n".join(x for x in (lead.notes, note) if x)})])
        return "held", lead.id
    row = {**new_lead_row(form, today, key), "notes": note, "status": "Lost", "next_action": RELEASE}
    with ctx.run.keeping("leads"):
        return "held", gw.upsert(Lead, [row], merge_on=["email"])[0].id


def process(ctx: JobContext, outcome: str, lead_id: str, fields: set[str] | None) -> None:
    """The lead automations on a stored lead (hygiene, duplicates, score, nurture, first touch). Raises
    when they could not finish: the lead then stays without Scored At, which the daily leads job finds."""
    from automation.events.runner import run_automations

    if outcome == "created":
        result = run_automations(ctx, "leads", [lead_id], None, created=[lead_id])
    else:
        result = run_automations(ctx, "leads", [lead_id], {lead_id: fields or set()})
    if result.failed:
        raise RuntimeError(f"lead automations failed on {sorted(result.failed)}")
