"""A stated start read in the languages of a European client base, and a start named by the calendar.

"When would you like to start?" gets "sofort", "dès que possible", "nächstes Quartal", "entro 3 mesi",
"Q1 2027" or "by the end of the year" as often as "ASAP". Phrases are read with their accents folded
("nächstes" as "nachstes"), spans are put into English words for the span rule in `capture` (the same
"within" and "in" meanings), and a quarter or the year's end is measured from today: "Q1 2027" said in
December is the next quarter, said in June it is six months away. A season is the business's own: "by
summer" in Sydney or Buenos Aires is December (`southern_zone`).

Pure: the caller gives the folded text, the date and the business time zone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

IMMEDIATE, SOON, LATER, LONG, UNKNOWN = "Immediate", "1-3 months", "3-6 months", "6+ months", "Unknown"


def fold(text: str) -> str:
    """Lower case, accents off, one kind of apostrophe, one space: "Dès que possible" → "des que possible"."""
    # Turkish dotless "ı" has no accent to take off: it is read as "i" ("Mayıs" → "mayis").
    plain = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'").replace("ı", "i"))
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


# Whole answers (accents folded), in German, French, Spanish, Italian, Dutch and Portuguese.
_PHRASES: list[tuple[str, re.Pattern[str]]] = [
    (
        IMMEDIATE,
        re.compile(
            r"(ab )?sofort|umgehend|dringend|jetzt|gleich|so (schnell|bald|rasch) wie moglich"
            r"|schnellstmoglich|baldmoglichst|moglichst (bald|schnell)|(noch )?(diesen monat|diese woche)"
            r"|nachste woche"
            r"|des que possible|au plus (vite|tot)|le plus (tot|vite) possible|immediatement|tout de suite"
            r"|maintenant|urgent|(des )?ce mois(-ci)?|cette semaine|la semaine prochaine"
            r"|lo (antes|mas pronto|mas rapido) posible|cuanto antes|(ahora|ya)( mismo)?|de inmediato"
            r"|inmediatamente|urgente|este mes|esta semana|la (semana proxima|proxima semana)"
            r"|il prima possibile|al piu presto|prima possibile|subito|immediatamente|ora|adesso"
            r"|questo mese|questa settimana|la settimana prossima"
            r"|zo (snel|spoedig) mogelijk|zsm|z\.s\.m|meteen|direct|per direct|nu|onmiddellijk"
            r"|deze (maand|week)"
            r"|volgende week|o mais (rapido|breve|cedo) possivel|o quanto antes|imediatamente|agora|ja mesmo"
            r"|(n)?este mes|(n)?esta semana|(na )?proxima semana|a semana que vem"
        ),
    ),
    (
        SOON,
        re.compile(
            r"(im )?nachste[nms]? (monat|quartal)|(in diesem|dieses|im laufenden) quartal"
            r"|(le |au )?(mois|trimestre) prochain|(le |au )?prochain (mois|trimestre)|ce trimestre"
            r"|(el )?(mes|trimestre) (que viene|proximo)|(el )?proximo (mes|trimestre)|este trimestre"
            r"|(il |nel )?(mese|trimestre) prossimo|(il |nel )?prossimo (mese|trimestre)|questo trimestre"
            r"|volgende maand|(het |in het )?volgend(e)? kwartaal|dit kwartaal"
            r"|(no )?(mes|trimestre) que vem|(no )?proximo (mes|trimestre)|neste trimestre"
        ),
    ),
    (
        LONG,
        re.compile(
            # Next year, no hurry, no plans yet: a start, if any, far off.
            r"(im )?nachste[ns]? jahr|l'annee prochaine|l'an prochain|(el )?(ano que viene|proximo ano)"
            r"|(l'|il |nel )?(anno prossimo|prossimo anno)|(in het )?volgend jaar"
            r"|(no )?(ano que vem|proximo ano)"
            r"|no (hurry|plans?( yet)?)|keine eile|kein zeitdruck|(noch )?keine plane"
            r"|pas (d'urgence|presse|de projet\w*)( pour l'instant| pour le moment)?|aucun projet\w*"
            r"|sin prisa|(aun |todavia )?sin planes|nessuna fretta|(ancora )?nessun (piano|progetto)"
            r"|geen haast|(nog )?geen plannen|sem pressa|(ainda )?sem planos"
        ),
    ),
]
_UNSURE = re.compile(
    r"^(?:wei(?:ss|ß) (?:ich )?(?:noch )?nicht|keine ahnung|unklar|noch offen|offen|unbekannt|je ne sais pas"
    r"|ne sais pas|pas sur|aucune idee|inconnu|no (?:lo )?se|ni idea|no estoy segur[oa]|non (?:lo )?so"
    r"|non sono sicur[oa]|da definire|weet (?:ik )?(?:het )?niet|geen idee|onbekend|nao sei"
    r"|nao tenho certeza|a definir|por definir)\b"
)

_UNITS = {
    "day": r"tag|tage|tagen|jours?|dias?|giorni|giorno|dag|dagen",
    "week": r"wochen?|semaines?|semanas?|settimane|settimana|weken",
    "month": r"monate|monaten|monat|mois|meses|mes|mesi|mese|maanden|maand",
    "quarter": r"quartale|quartalen|quartal|trimestres|trimestre|trimestri|kwartalen|kwartaal",
    "year": r"jahre|jahren|jahr|ans|an|annees|annee|anos|ano|anni|anno|jaren|jaar",
}
_NUMBERS = {
    "1": r"eine[mnr]?|ein|eins|une|un|uno|una|uma|um|een",
    "2": r"zwei|deux|dos|due|twee|dois|duas",
    "3": r"drei|trois|tres|tre|drie",
    "4": r"vier|quatre|cuatro|quattro|quatro",
    "6": r"sechs|six|seis|sei|zes",
    "12": r"zwolf|douze|doce|dodici|twaalf",
}
_NUMBER_RX = "|".join(rf"(?P<n{k}>{v})" for k, v in _NUMBERS.items())
_UNIT_RX = "|".join(rf"(?P<{k}>{v})" for k, v in _UNITS.items())
_COUNT_UNIT = re.compile(rf"(?<!\w)(\d+(?:\.\d+)?|{_NUMBER_RX})\s*(?:{_UNIT_RX})(?!\w)")
_BETWEEN = re.compile(r"^(?:between|zwischen|entre|tra|fra|tussen) (\d+) (?:and|und|et|y|e|en) (\d+)")
# "3 or 4 months" is the range "3-4 months": a choice between two spans reads as the range does.
_RANGE = re.compile(r"(\d+) (?:bis|a|tot|ate|und|et|y|e|en|or|oder|ou|o|of) (\d+)")
# What comes before the span, in English words the span rule knows.
_HOW = [
    (
        "in the next",
        r"in den nachsten|in de komende|in de volgende|dans les|en los proximos|en las proximas"
        r"|nei prossimi|nelle prossime|nos proximos|nas proximas",
    ),
    ("within", r"innerhalb(?: von)?|binnen|entro|d'ici|sous|en menos de|em menos de"),
    ("less than", r"weniger als|moins de|moins d'|menos de|meno di|minder dan"),
    ("more than", r"mehr als|uber|plus de|plus d'|mas de|piu di|oltre|meer dan|mais de|langer dan"),
    ("up to", r"bis zu|jusqu'a|hasta|fino a|ate"),
    ("at least", r"mindestens|au moins|al menos|almeno|minstens|pelo menos"),
    ("after", r"nach|apres|despues de|dopo|depois de"),
    ("in", r"dans|en|tra|fra|over|em|daqui a|dentro de"),
]
_HOW_RX = [(english, re.compile(rf"^(?:{words}) ?(?=\d)")) for english, words in _HOW]
_MORE = re.compile(r"\s+(?:oder mehr|ou plus|o mas|o piu|of meer|ou mais|und mehr|et plus|y mas|e piu)$")


def in_english(key: str) -> str:
    """A span of time put into the English words the span rule reads ("entro 3 mesi" → "within 3 month",
    "dans les 3 prochains mois" → "in the next 3 month", "zwischen 3 und 6 Monaten" → "3-6 month")."""

    def count_unit(m: re.Match[str]) -> str:
        number = next((k[1:] for k, v in m.groupdict().items() if v and k.startswith("n")), m.group(1))
        unit = next(k for k in _UNITS if m.group(k))
        return f"{number} {unit}"

    text = re.sub(r"(\d+) prochain(?:e)?s ", r"\1 ", key)  # "les 3 prochains mois"
    text = _COUNT_UNIT.sub(count_unit, text)
    text = _BETWEEN.sub(r"\1-\2", text)
    text = _RANGE.sub(r"\1-\2", text)
    text = _MORE.sub(" or more", text)
    for english, rx in _HOW_RX:
        if rx.match(text):
            return rx.sub(f"{english} ", text, count=1)
    return text


# Whole answers in the Nordic languages, Chinese, Japanese, Korean and Arabic, put into the English words the
# rules read (read before accents are folded: folding takes Korean syllables apart).
_FOREIGN = [
    (
        "asap",
        r"snarast(?: möjligt)?|så snart som möjligt|omgående|genast|hurtigst muligt|snarest(?: mulig)?|straks"
        r"|mahdollisimman pian|heti|尽快|盡快|马上|馬上|立即|立刻|越快越好|越早越好|至急|すぐ(?:に)?|早急に?"
        r"|できるだけ早く|なるべく早く|즉시|빨리|가능한 (?:한 )?빨리|최대한 빨리"
        r"|(?:في )?(?:أقرب|اقرب|أسرع|اسرع) وقت(?: ممكن)?|فورا|فوراً|حالا|حالاً"
        # Hebrew: "as soon as possible", "immediately", "urgent".
        r"|בהקדם(?: האפשרי)?|מיד|מייד|כמה שיותר מהר|כמה שיותר מוקדם|דחוף"
        # Vietnamese and Indonesian/Malay: "as soon as possible", "immediately".
        r"|càng sớm càng tốt|ngay lập tức|ngay|sớm nhất có thể|segera|secepatnya|sesegera mungkin"
        # Thai: "immediately", "as soon as possible", "urgent".
        r"|ทันที|เร็วที่สุด|โดยเร็วที่สุด|โดยเร็ว|ด่วน(?:มาก)?",
    ),
    (
        "this month",
        r"denna månad|den här månaden|denne måned|tässä kuussa|本月|这个月|這個月|今月|이번 달|هذا الشهر",
    ),
    (
        "next month",
        r"nästa månad|næste måned|neste måned|ensi kuussa|下个月|下個月|下月|来月|翌月|다음 달"
        r"|(?:في )?الشهر (?:القادم|المقبل)|(?:ב)?חודש הבא|(?:ב)?חודש הקרוב"
        r"|(?:vào )?tháng (?:sau|tới)|bulan depan|เดือนหน้า",
    ),
    ("next quarter", r"nästa kvartal|næste kvartal|neste kvartal|下个?季度|下個?季度|다음 분기|الربع القادم"),
    (
        "next year",
        r"nästa år|næste år|neste år|ensi vuonna|明年|来年|내년|(?:العام|السنة) (?:القادم|المقبل)ة?"
        r"|(?:ב)?שנה הבאה|(?:vào )?năm (?:sau|tới)|tahun depan|ปีหน้า",
    ),
    ("early next year", r"đầu năm (?:sau|tới)|awal tahun depan"),
    # Welsh, Irish, Tagalog and Swahili: "as soon as possible", "next month", "next year".
    (
        "asap",
        r"cyn gynted (?:â|a) phosib(?:l)?|chomh luath (?:agus is féidir|agus is feidir)|agad-agad"
        r"|sa lalong madaling panahon|haraka iwezekanavyo|mara moja",
    ),
    (
        "next month",
        r"(?:y )?mis nesaf|an mhí seo chugainn|an mhi seo chugainn|(?:sa )?susunod na buwan"
        r"|mwezi ujao|bulan hadapan",
    ),
    (
        "next year",
        r"(?:y )?flwyddyn nesaf|an bhliain seo chugainn|(?:sa )?susunod na taon|mwaka ujao"
        r"|tahun hadapan",
    ),
    # Afrikaans, Catalan, Slovak, Croatian, Estonian, Lithuanian, Icelandic and Danish: "as soon as possible",
    # "next month", "next year".
    (
        "asap",
        r"so gou moontlik|dadelik|com més aviat millor|com mes aviat millor|immediatament|urgent"
        r"|čo najskôr|co najskor|ihneď|ihned|što prije|sto prije|čim prije|cim prije|hitno"
        r"|niipea kui võimalik|võimalikult kiiresti|kohe|kuo greičiau|kuo skubiau|nedelsiant|sem fyrst|strax",
    ),
    (
        "next month",
        r"el mes que ve|el proper mes|(?:v )?budúci mesiac|(?:v )?buduci mesiac"
        r"|(?:idući|sljedeći|iduci|sljedeci) mjesec|järgmisel kuul|järgmine kuu|kitą mėnesį|kita menesi"
        r"|(?:í )?næsta mánuði|(?:i )?næste måned",
    ),
    (
        "next year",
        r"l'any que ve|l'any vinent|(?:v )?budúcom roku|(?:iduće|sljedeće) godine"
        r"|järgmisel aastal|kitais metais|(?:á )?næsta ári|(?:i )?næste år",
    ),
    # Russian, Ukrainian and Hindi: "urgently", "immediately", "as soon as possible", "right now".
    (
        "asap",
        r"срочно|немедленно|как можно (?:скорее|быстрее|раньше)|сразу|прямо сейчас|сейчас"
        r"|терміново|негайно|якнайшвидше|якомога швидше|зараз|तुरंत|तुरन्त|जल्द से जल्द|जल्दी|अभी|फौरन|फ़ौरन",
    ),
    (
        "next month",
        r"(?:в )?следующем месяце|(?:через )?месяц|(?:у |в )?наступному місяці|наступного місяця"
        r"|अगले महीने|अगला महीना",
    ),
    (
        "next quarter",
        r"(?:в )?следующем квартале|(?:у |в )?наступному кварталі|наступного кварталу|अगली तिमाही",
    ),
    (
        "next year",
        r"(?:в )?следующем году|(?:у |в )?наступному році|наступного року|अगले साल|अगले वर्ष",
    ),
    # The first half of next year in Korean, Chinese and Japanese ("내년 상반기", "明年上半年", "来年上期").
    ("h1 next year", r"내년 상반기|明年上半年|来年(?:の)?上(?:半)?期"),
    ("h2 next year", r"내년 하반기|明年下半年|来年(?:の)?下(?:半)?期"),
]
_FOREIGN_RX = [(english, re.compile(words)) for english, words in _FOREIGN]
# A month written with digits in Chinese, Japanese or Korean ("3月", "来年4月から", "2027年3月", "5월"), or
# with Chinese numerals ("明年一月", "十二月").
_CJK_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                 "十一": 11, "十二": 12}  # fmt: skip
_CJK_MONTH = re.compile(
    r"(?:(?P<year>20\d{2})\s*年\s*|(?P<next>明年|来年|翌年|내년)\s*)?"
    r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*(?:月份?|월)"
    r"(?:\s*(?:から|以降|开始|開始|起|부터|초|中旬|下旬|上旬|末))?"
)
# A Thai month, written out or abbreviated ("มกราคม", "ม.ค."), with "month" before it, a year after it (the
# Buddhist era's, "2570", or the Gregorian) or "next year" ("ปีหน้า"); the year's first quarter ("ไตรมาสแรก")
# or a numbered one ("ไตรมาส 2", "ไตรมาสที่ 2").
_THAI_MONTHS = [
    "มกราคม|ม\\.\\s?ค\\.?",
    "กุมภาพันธ์|ก\\.\\s?พ\\.?",
    "มีนาคม|มี\\.\\s?ค\\.?",
    "เมษายน|เม\\.\\s?ย\\.?",
    "พฤษภาคม|พ\\.\\s?ค\\.?",
    "มิถุนายน|มิ\\.\\s?ย\\.?",
    "กรกฎาคม|ก\\.\\s?ค\\.?",
    "สิงหาคม|ส\\.\\s?ค\\.?",
    "กันยายน|ก\\.\\s?ย\\.?",
    "ตุลาคม|ต\\.\\s?ค\\.?",
    "พฤศจิกายน|พ\\.\\s?ย\\.?",
    "ธันวาคม|ธ\\.\\s?ค\\.?",
]
_THAI_MONTH = re.compile(
    r"(?:(?:ใน|ตั้งแต่|ช่วง)?\s*เดือน\s*)?(?:"
    + "|".join(f"(?P<m{i}>{names})" for i, names in enumerate(_THAI_MONTHS, 1))
    + r")\s*(?:(?:พ\.\s?ศ\.|ค\.\s?ศ\.)?\s*(?P<year>25\d{2}|20\d{2})|(?P<next>ปีหน้า))?"
)
_THAI_ORDINALS = {"แรก": 1, "หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4}
_THAI_QUARTER = re.compile(
    r"(?:ใน|ช่วง)?\s*ไตรมาส\s*(?:ที่\s*)?(?P<q>แรก|หนึ่ง|สอง|สาม|สี่|[1-4])\s*(?:ของ)?\s*(?P<next>ปีหน้า)?"
)
# A month in Russian or Ukrainian with the case a preposition gives it ("с февраля", "в январе", "з березня",
# "у квітні"), and a season ("весной", "навесні", "осенью", "восени").
_CYRILLIC_MONTHS = [
    "январ[ьяею]|січ(?:ень|ня|ні)",
    "феврал[ьяею]|лют(?:ий|ого|ому)",
    "март[ае]?|берез(?:ень|ня|ні)",
    "апрел[ьяею]|квіт(?:ень|ня|ні)",
    "ма[йяе]|трав(?:ень|ня|ні)",
    "июн[ьяею]|черв(?:ень|ня|ні)",
    "июл[ьяею]|лип(?:ень|ня|ні)",
    "август[ае]?|серп(?:ень|ня|ні)",
    "сентябр[ьяею]|верес(?:ень|ня|ні)",
    "октябр[ьяею]|жовт(?:ень|ня|ні)",
    "ноябр[ьяею]|листопад[аі]?",
    "декабр[ьяею]|груд(?:ень|ня|ні)",
]
_CYRILLIC_MONTH = re.compile(
    r"(?:(?:с|со|в|во|к|до|после|начиная с|з|із|від|у|в|після|до)\s+)?(?:"
    + "|".join(f"(?P<m{i}>{names})" for i, names in enumerate(_CYRILLIC_MONTHS, 1))
    + r")(?:\s+(?P<year>20\d{2})(?:\s*(?:г\.?|года|року|р\.?))?)?"
)
_CYRILLIC_SEASONS = {
    "spring": r"весной|весною|навесні|весна|весны|весни",
    "summer": r"летом|влітку|літом|лето|літо|лета|літа",
    "autumn": r"осенью|восени|осінню|осень|осінь|осени|осені",
    "winter": r"зимой|взимку|зимою|зима|зимы|зими",
}
_CYRILLIC_SEASON = re.compile(
    r"(?P<after>после|після)?\s*(?:(?:следующей|следующим|наступної|наступною|этой|цієї)\s+)?(?:"
    + "|".join(f"(?P<{k}>{v})" for k, v in _CYRILLIC_SEASONS.items())
    + r")"
)
# A month in Hindi ("जनवरी", "फ़रवरी से", "मार्च में").
_HINDI_MONTHS = ["जनवरी", "फ़?फ़रवरी|फरवरी", "मार्च", "अप्रैल|अप्रेल", "मई", "जून", "जुलाई", "अगस्त",
                 "सितंबर|सितम्बर", "अक्टूबर|अक्तूबर", "नवंबर|नवम्बर", "दिसंबर|दिसम्बर"]  # fmt: skip
_HINDI_MONTH = re.compile(
    "(?:"
    + "|".join(f"(?P<m{i}>{names})" for i, names in enumerate(_HINDI_MONTHS, 1))
    + r")(?:\s+(?P<year>20\d{2}))?(?:\s*(?:से|में|तक))?"
)
_ENGLISH_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                   "october", "november", "december"]  # fmt: skip


# A month written in digits with its year, as forms and spreadsheets write it: "03/2027", "3.27", "2027-01",
# a whole date ("15/01/2027", "1/15/27": the part over 12 is the day; both 12 or under, the two readings must
# agree on the month), "2027-Q2"; with the word "month" before it ("tháng 2/2027", "bulan 3/2027"). A
# two-digit year is read only when it is this year or one of the next three ("3/6 months" is no date).
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:(?:th[aá]ng|bulan|month|mes|mois|monat)\s*)?"
    r"(?:(?P<iy>20\d{2})-(?:q(?P<iq>[1-4])|(?P<im>0?[1-9]|1[0-2]))(?:-\d{1,2})?"
    r"|(?:(?P<a>\d{1,2})[/.])?(?P<b>\d{1,2})[/.](?P<y>(?:20)?\d{2}))(?![\d/.-])"
)


def numeric_dates(key: str, day: date | Callable[[], date]) -> str:
    """An answer with its months written in digits ("02/2027", "2027-Q2", "wk 51", "by the 20th", "spring
    '27") in the words the rules read ("february 2027", "q2 2027", "december 2026", "spring 2027"); a date
    that is not one (a past or far year, an ambiguous day) as it is. `day` is asked only when a date is
    written (the clock may be a lookup)."""

    def today() -> date:
        return day() if callable(day) else day

    def words(m: re.Match[str]) -> str:
        if m["iy"]:
            return f"q{m['iq']} {m['iy']}" if m["iq"] else f"{_ENGLISH_MONTHS[int(m['im']) - 1]} {m['iy']}"
        year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
        if not today().year <= year <= today().year + 3:
            return m.group(0)
        a, b = int(m["a"]) if m["a"] else None, int(m["b"])
        months = {b} if a is None else {x for x, other in ((a, b), (b, a)) if 1 <= x <= 12 and other <= 31}
        if len(months) != 1 or not 1 <= (month := months.pop()) <= 12:
            return m.group(0)
        return f"{_ENGLISH_MONTHS[month - 1]} {year}"

    def short_year(m: re.Match[str]) -> str:
        return str(2000 + int(m[1])) if 0 <= int(m[1]) - today().year % 100 <= 3 else m[0]

    def week(m: re.Match[str]) -> str:  # an ISO week: the month its Monday falls in, this year or next
        now = today()
        n, year = int(m["week"]), int(m["year"]) if m["year"] else now.year
        if not 1 <= n <= 53:
            return m.group(0)
        try:
            monday = date.fromisocalendar(year, n, 1)
            if monday + timedelta(days=6) < now and not m["year"]:
                monday = date.fromisocalendar(year + 1, n, 1)
        except ValueError:
            return m.group(0)
        return f"{_ENGLISH_MONTHS[monday.month - 1]} {monday.year}"

    def day_of_month(m: re.Match[str]) -> str:  # "by the 20th": this month's, or next month's when past
        now, n = today(), int(m["day"])
        if not 1 <= n <= 31:
            return m.group(0)
        ahead = n >= now.day
        month, year = (now.month, now.year) if ahead else (now.month % 12 + 1, now.year + (now.month == 12))
        return f"{_ENGLISH_MONTHS[month - 1]} {year}"

    key = _NUMERIC_DATE.sub(words, key)
    key = _SHORT_YEAR.sub(short_year, key)
    key = _WEEK_NUMBER.sub(week, key)
    return _DAY_OF_MONTH.sub(day_of_month, key)


# A year shortened with an apostrophe ("spring '27", "Q2 ’27").
_SHORT_YEAR = re.compile(r"(?<!\w)['’](\d{2})(?!\w)")
# An ISO week number ("wk 51", "week 3 2027", "KW 3"), not "week 2 of January".
_WEEK_NUMBER = re.compile(
    r"(?<!\w)(?:week|kw|cw)\s*(?P<week>\d{1,2})(?:[ ,/]+(?P<year>20\d{2}))?(?!\w)(?!\s+of\b)"
)
# A day of the month alone, with a word of time ("by the 20th", "before the 3rd").
_DAY_OF_MONTH = re.compile(r"^(?:by|before|on|until|till|from|after) the (?P<day>\d{1,2})(?:st|nd|rd|th)$")


def foreign_phrase(key: str, day: date | Callable[[], date]) -> str:
    """A whole answer in a Nordic language, Chinese, Japanese, Korean or Arabic in the English words the rules
    read ("下个月" → "next month", "来年4月" → "april 2027"); any other answer as it is. `day` is asked
    only for a month said with "next year"."""
    for english, rx in _FOREIGN_RX:
        if rx.fullmatch(key):
            return english
    if m := _THAI_MONTH.fullmatch(key):
        month = _ENGLISH_MONTHS[next(i for i in range(12) if m[f"m{i + 1}"])]
        if m["year"]:  # the Buddhist era runs 543 years ahead ("2570" is 2027); a Gregorian year as it is
            return f"{month} {int(m['year']) - 543 if int(m['year']) > 2400 else int(m['year'])}"
        if m["next"]:
            today = day() if callable(day) else day
            return f"{month} {today.year + 1}"
        return month
    for rx in (_CYRILLIC_MONTH, _HINDI_MONTH):
        if m := rx.fullmatch(key):
            month = _ENGLISH_MONTHS[next(i for i in range(12) if m[f"m{i + 1}"])]
            return f"{month} {m['year']}" if m["year"] else month
    if m := _CYRILLIC_SEASON.fullmatch(key):
        season = next(k for k in _CYRILLIC_SEASONS if m[k])
        return f"after {season}" if m["after"] else season
    if m := _THAI_QUARTER.fullmatch(key):
        quarter = _THAI_ORDINALS.get(m["q"]) or int(m["q"])
        return f"q{quarter} next year" if m["next"] else f"q{quarter}"
    if m := _CJK_MONTH.fullmatch(key):
        month = _ENGLISH_MONTHS[(_CJK_NUMERALS.get(m["month"]) or int(m["month"])) - 1]
        if m["year"]:
            return f"{month} {m['year']}"
        if m["next"]:
            today = day() if callable(day) else day
            return f"{month} {today.year + 1}"
        return month
    return key


def phrase_choice(key: str) -> str | None:
    """The Timeline a whole phrase names (accents folded), or None."""
    for choice, rx in _PHRASES:
        if rx.fullmatch(key):
            return choice
    return UNKNOWN if _UNSURE.search(key) else None


_YEAR_END = re.compile(
    r"(?:by |before |until )?(?:the )?(?:end of (?:the |this )?year|year[- ]end)|this year|later this year"
    # Christmas is the year's last week: "before Christmas" starts by then, as "by the year end" does.
    r"|(?:by|before|until|ahead of|pre)[ -](?:the )?(?:christmas|xmas)(?: break| holidays?)?"
    r"|vor weihnachten|avant noel|antes de navidad|prima di natale|voor kerst|antes do natal"
    r"|dieses jahr|(?:noch )?in diesem jahr|(?:bis |vor )?(?:zum )?(?:jahresende|ende (?:des|dieses) jahres)"
    r"|cette annee|(?:d'ici|avant) (?:la )?fin (?:de l'annee|d'annee)|(?:en )?fin d'annee"
    r"|este ano|(?:antes de|para) (?:el )?fin(?:al)? de(?:l)? ano|a finales de(?:l)? ano"
    r"|quest'anno|entro (?:la )?fine (?:dell')?anno|entro fine anno"
    r"|dit jaar|(?:voor|tegen) het (?:einde|eind) van (?:het|dit) jaar|(?:voor )?eind dit jaar"
    r"|(?:ate o )?fi(?:m|nal) do ano|ainda este ano|neste ano"
)
_ORDINALS = {
    1: r"1|1st|1er|1e|1o|first|erste[sn]?|premier|primer[oa]?|primo|eerste",
    2: r"2|2nd|2e|2eme|2o|second|zweite[sn]?|deuxieme|segundo|secondo|tweede",
    3: r"3|3rd|3e|3eme|3o|third|dritte[sn]?|troisieme|tercer[oa]?|terzo|derde",
    4: r"4|4th|4e|4eme|4o|fourth|vierte[sn]?|quatrieme|cuarto|quarto|vierde",
}
_ORDINAL_RX = "|".join(rf"(?P<q{k}>{v})" for k, v in _ORDINALS.items())
_QUARTER = re.compile(
    r"(?:in |im |au |el |en el |nel |il |no |in het )?"
    rf"(?:[qtk](?P<digit>[1-4])|(?:{_ORDINAL_RX})\.? (?:quarter|quartal|trimestre|kwartaal))"
    r"(?:[ /-]?(?:of |de |del |di |van )?(?P<year>(?:20)?\d{2})|(?P<next> next year| nachste[ns]? jahr"
    r"| de l'annee prochaine| del ano que viene| del proximo ano))?"
)
# A quarter named inside a sentence ("after budget approval in Q2"): read when it is the only one.
_QUARTER_IN = re.compile(rf"(?<!\w)(?:{_QUARTER.pattern})(?!\w)")
# A season, as people write a start ("after summer", "im Herbst", "à la rentrée", "next spring"): the
# month it starts in the northern hemisphere (winter runs December to February); six months on in the south.
_SEASONS = {
    # Swiss German as written in Zurich or Basel ("im Früelig", "nach em Summer", "im Herbscht").
    3: r"spring|fruhling|fruhjahr|printemps|primavera|voorjaar|lente|fruelig|fruehlig|frueling"
    # The Nordic languages, Finnish, Czech, Hungarian, Romanian and Greek, accents folded ("våren" → "varen").
    r"|varen|vaaren|varen|kevat|kevaalla|jaro|jare|tavasszal|tavasz|primavara|ανοιξη",
    6: r"summer|sommer|ete|verano|estate|zomer|verao|sommaren|sommeren|kesa|kesalla|leto|lete|nyaron|vara"
    r"|καλοκαιρι",
    9: r"autumn|fall|herbst|herbscht|automne|rentree|otono|autunno|herfst|outono|hosten|syksy|syksylla"
    r"|podzim|podzimu|osszel|toamna|φθινοπωρο",
    12: r"winter|hiver|invierno|inverno|vintern|vinteren|talvi|talvella|zima|zime|telen|iarna|χειμωνα",
}
# Words for the moment a season opens rather than the season ("la rentrée" is early September, when work
# and school resume): it lasts its first month, so said in October it means next year's.
_SEASON_OPENINGS = re.compile(r"rentree")
_SEASON = re.compile(
    r"(?:(?P<after>after|end of|nach|apres|despues del?|dopo|na|depois d[aeo]?)\s+)?"
    r"(?:(?:in|im|en|au|a|el|la|le|l'|the|this|next|coming|early|late|over|by|during|dem|den|der|des|em|d'ici"
    r"|diesen?|diesem|nachste[nms]?|ce|cet|prochain|proximo|del?|nel|in het|no|na|het"
    r"|i l[oø]pet av|i|under|pa|p[aå]|v|ve|in timpul|την)\s*)*"
    rf"(?:{'|'.join(f'(?P<s{k}>{v})' for k, v in _SEASONS.items())})"
    r"(?:\s*(?:holidays?|break|vacation|ferien|urlaub|vacances|vacaciones|pause|vakantie|vacanze|ferias"
    r"|reces|recess))?"
    r"(?:\s+(?P<year>(?:20)?\d{2}))?"
)


# The start of the coming year, said as such ("early next year", "in the new year", "Anfang nächsten Jahres",
# "début de l'année prochaine"): read as January is. A bare "next year" is not here: any time in it, far off.
_YEAR_START = re.compile(
    r"(?!(?:in|within|over|during) the next year$)"  # a span: any time in the twelve months ahead
    r"(?:(?:early|earlier|at|in|from|by|starting|start(?:ing)? in|beginning|start|the|of|right|first thing"
    r"|sometime|some time|after|anfang|zu beginn|beginn|im|ab|nach|des|debut|au|en|a principios del?"
    r"|al (?:inicio|comienzo) del?|a inizio|all'inizio del|inizio|begin|vanaf|no (?:inicio|comeco) do"
    r"|(?:inicio|comeco) do|em)\s+)+"
    r"(?:(?:the )?next year|the new year|new year'?s?|(?:des )?nachsten jahres|neuen jahr(?:es)?"
    r"|(?:de )?l'annee prochaine|l'an prochain|(?:el |del )?(?:ano que viene|proximo ano)"
    r"|(?:dell')?anno prossimo|(?:del )?prossimo anno|volgend jaar|(?:o )?(?:ano que vem|proximo ano))"
    r"|(?:im )?neuen jahr|nach neujahr|apres le (?:nouvel an|jour de l'an)|despues de ano nuevo"
    r"|dopo capodanno|na nieuwjaar|depois do ano novo"
    # The turn of the year ("na de jaarwisseling", "nach dem Jahreswechsel", "after the turn of the year").
    r"|(?:after|nach|na|apres|dopo|despues de|depois d[ao])\s+(?:the |dem |de |il |la |o )?"
    r"(?:turn of the year|jahreswechsel|jaarwisseling|passage a la nouvelle annee|cambio de ano"
    r"|virada do ano)"
)
_CHRISTMAS = re.compile(r"christmas|xmas|weihnachten|noel|navidad|natale|kerst|natal")
_NEXT_WORD = re.compile(r"\b(?:next|nachste\w*|prochain\w*|proximo|que viene|prossimo|volgend|que vem)\b")
# After the year-end break ("after the holidays", "after Christmas", "nach den Feiertagen", "après les
# fêtes"): January; "the holidays" said before November may be any holidays (which is not said).
_AFTER_BREAK = re.compile(
    r"(?:after|nach|apres|despues de|dopo|na|depois d[aeo]s?)\s+(?:the |den |les |las |le |de |el )?"
    r"(?:(?:christmas|xmas|festive)(?: break| holidays?| season| period)?|holidays?|holiday season"
    r"|festive (?:season|break|period)|feiertagen?|weihnachten|fetes|noel|fiestas|navidad|feste|natale"
    r"|feestdagen|kerst|festas|natal"
    # The Christmas holidays written as one word ("kerstvakantie", "Weihnachtsferien").
    r"|kerstvakantie|kerstreces|weihnachtsferien|weihnachtspause"
    # The books of the calendar year closed ("after our year-end close", "after the year end audit"): the
    # work that waits for them starts in the new year.
    r"|(?:our |the )?(?:calendar )?year[- ]?end(?: close| closing| audit| accounts| reporting| rush)?)"
)


# A month named as the start ("January", "in Feb", "early March 2027", "ab Januar", "en enero", "a gennaio"),
# accents folded; English short forms too. The month a person names is the next one of that name (this one
# while it lasts).
_MONTH_NAMES = [
    r"january|jan|januar|janner|janvier|enero|gennaio|januari|janeiro",
    r"february|feb|februar|feber|fevrier|febrero|febbraio|februari|fevereiro",
    r"march|mar|marz|mars|marzo|maart|marco",
    r"april|apr|avril|abril|aprile",
    r"may|mai|mayo|maggio|mei|maio",
    r"june|jun|juni|juin|junio|giugno|junho",
    r"july|jul|juli|juillet|julio|luglio|julho",
    r"august|aug|aout|agosto|augustus",
    r"september|sept|sep|septembre|septiembre|setiembre|settembre|setembro",
    r"october|oct|oktober|octobre|octubre|ottobre|outubro",
    r"november|nov|novembre|noviembre|novembro",
    r"december|dec|dezember|decembre|diciembre|dicembre|dezembro",
]
# Polish (as said: "styczeń", "od stycznia", "w styczniu") and Turkish ("Ocak", "Şubat"), accents folded.
_MONTH_NAMES_PL_TR = [
    r"styczen|stycznia|styczniu|ocak",
    r"luty|lutego|lutym|subat",
    r"marzec|marca|marcu|mart",
    r"kwiecien|kwietnia|kwietniu|nisan",
    r"maj|maja|maju|mayis",
    r"czerwiec|czerwca|czerwcu|haziran",
    r"lipiec|lipca|lipcu|temmuz",
    r"sierpien|sierpnia|sierpniu|agustos",
    r"wrzesien|wrzesnia|wrzesniu|eylul",
    r"pazdziernik|pazdziernika|pazdzierniku|ekim",
    r"listopad|listopada|listopadzie|kasim",
    r"grudzien|grudnia|grudniu|aralik",
]


def _forms(*stems: str, ends: tuple[str, ...] = ("",)) -> str:
    """Every stem with every ending, as plain alternatives (the month lists are split on "|" elsewhere)."""
    return "|".join(stem + end for stem in stems for end in ends)


_HU = ("tol", "ban", "ben", "ra", "re", "ig")  # Hungarian: from, in, by, until January
_FI = ("", "ssa", "sta", "hun", "n")  # Finnish: the month, in, from, by it
_EL = ("ος", "ο", "ου")  # Greek: the month's name in its cases
# Czech (as said: "leden", "od ledna", "v lednu"), Hungarian with its endings ("januártól" from January,
# "januárban" in January), Finnish ("tammikuussa", "tammikuusta"), Romanian ("din martie") and Greek ("τον
# Μάρτιο"), accents folded. Czech June ("červen") is no July ("červenec").
_MONTH_NAMES_CE_GR = [
    "leden|ledna|lednu|ianuarie|"
    + _forms("januar", ends=_HU)
    + "|"
    + _forms("tammikuu", ends=_FI)
    + "|"
    + _forms("ιανουαρι", ends=_EL),
    "unor|unora|unoru|februarie|"
    + _forms("februar", ends=_HU)
    + "|"
    + _forms("helmikuu", ends=_FI)
    + "|"
    + _forms("φεβρουαρι", ends=_EL),
    "brezen|brezna|breznu|martie|"
    + _forms("marcius", ends=("", *_HU))
    + "|"
    + _forms("maaliskuu", ends=_FI)
    + "|"
    + _forms("μαρτι", ends=_EL),
    "duben|dubna|dubnu|aprilie|"
    + _forms("aprilis", ends=("", *_HU))
    + "|"
    + _forms("huhtikuu", ends=_FI)
    + "|"
    + _forms("απριλι", ends=_EL),
    "kveten|kvetna|kvetnu|"
    + _forms("majus", ends=("", *_HU))
    + "|"
    + _forms("toukokuu", ends=_FI)
    + "|"
    + _forms("μαι", ends=_EL),
    "cerven(?!ec)|cervna|cervnu|iunie|"
    + _forms("junius", ends=("", *_HU))
    + "|"
    + _forms("kesakuu", ends=_FI)
    + "|"
    + _forms("ιουνι", ends=_EL),
    "cervenec|cervence|cervenci|iulie|"
    + _forms("julius", ends=("", *_HU))
    + "|"
    + _forms("heinakuu", ends=_FI)
    + "|"
    + _forms("ιουλι", ends=_EL),
    "srpen|srpna|srpnu|"
    + _forms("augusztus", ends=("", *_HU))
    + "|"
    + _forms("elokuu", ends=_FI)
    + "|"
    + _forms("αυγουστ", ends=_EL),
    "zari|septembrie|"
    + _forms("szeptember", ends=_HU)
    + "|"
    + _forms("syyskuu", ends=_FI)
    + "|"
    + _forms("σεπτεμβρι", ends=_EL),
    "rijen|rijna|rijnu|octombrie|"
    + _forms("oktober", ends=_HU)
    + "|"
    + _forms("lokakuu", ends=_FI)
    + "|"
    + _forms("οκτωβρι", ends=_EL),
    "listopadu|noiembrie|"
    + _forms("november", ends=_HU)
    + "|"
    + _forms("marraskuu", ends=_FI)
    + "|"
    + _forms("νοεμβρι", ends=_EL),
    "prosinec|prosince|prosinci|decembrie|"
    + _forms("december", ends=_HU)
    + "|"
    + _forms("joulukuu", ends=_FI)
    + "|"
    + _forms("δεκεμβρι", ends=_EL),
]
# Welsh, Irish (accents folded: "Eanáir" is "eanair"), Tagalog and Swahili; Malay's are Indonesian's
# or English's but for August ("Ogos") and December ("Disember").
_MONTH_NAMES_CY_GA_TL_SW = [
    r"ionawr|eanair|enero|januari",
    r"chwefror|feabhra|pebrero|februari",
    r"mawrth|marta|marso|machi",
    r"ebrill|aibrean|abril|aprili",
    r"bealtaine|mayo|mei",
    r"mehefin|meitheamh|hunyo|juni",
    r"gorffennaf|iuil|hulyo|julai",
    r"awst|lunasa|agosto|agosti|ogos",
    r"medi|mean fomhair|setyembre|septemba",
    r"hydref|deireadh fomhair|oktubre|oktoba",
    r"tachwedd|samhain|nobyembre|novemba",
    r"rhagfyr|nollaig|disyembre|desemba|disember",
]
# Afrikaans, Danish, Catalan, Slovak, Croatian, Estonian, Lithuanian and Icelandic, with the case endings
# their prepositions ask for (accents folded: Slovak "od januára" is "od januara", Croatian "u siječnju" is "u
# sijecnju", Lithuanian "nuo sausio", Estonian "jaanuaris"). Catalan "març" (folded "marc", a name) and
# Croatian "listopad" (October; Polish November, above) are left out.
_MONTH_NAMES_MORE = [
    r"januarie|januara|januari|gener|sijecanj|sijecnja|sijecnju|jaanuar|jaanuaris|jaanuarist"
    r"|sausis|sausio|sausi",
    r"februarie|februara|februari|febrer|veljaca|veljace|veljaci|veebruar|veebruaris"
    r"|veebruarist|vasaris|vasario",
    r"maart|marts|marec|ozujak|ozujka|ozujku|marts|martsis|martsist|kovas|kovo",
    r"aprila|aprili|travanj|travnja|travnju|aprill|aprillis|aprillist|balandis|balandzio",
    r"maig|svibanj|svibnja|svibnju|geguze|geguzes|geguzej",
    r"junie|juny|juna|lipanj|lipnja|lipnju|juuni|juunis|juunist|birzelis|birzelio",
    r"julie|juliol|jula|srpanj|srpnja|srpnju|juuli|juulis|juulist|liepa|liepos",
    r"augustus|agost|augusta|kolovoz|kolovoza|kolovozu|augustis|augustist|rugpjutis|rugpjucio"
    r"|agust",
    r"setembre|septembra|rujan|rujna|rujnu|septembris|septembrist|rugsejis|rugsejo",
    r"octubre|oktobra|oktoober|oktooberis|oktooberist|spalis|spalio",
    r"novembre|novembra|studeni|studenog|studenom|novembris|novembrist|lapkritis|lapkricio",
    r"desember|desembre|decembra|prosinac|prosinca|prosincu|detsember|detsemberis|detsemberist"
    r"|gruodis|gruodzio",
]
_MONTH_NAMES = [
    f"{a}|{b}|{c}|{d}|{e}"
    for a, b, c, d, e in zip(
        _MONTH_NAMES,
        _MONTH_NAMES_PL_TR,
        _MONTH_NAMES_CE_GR,
        _MONTH_NAMES_CY_GA_TL_SW,
        _MONTH_NAMES_MORE,
        strict=True,
    )
]
_MONTH = re.compile(
    r"(?:(?:in|by|from|starting|start(?:ing)? in|early|mid|late|beginning of|start of|end of|the|of|la|le"
    r"|im|ab|anfang|mitte|ende|bis|en|a partir de|des|debut|courant|fin|d'ici|a principios de|a mediados de"
    r"|a finales de|para|a|da|entro|inizio|fine|a fine|vanaf|begin|eind|per|em|no|ate|desde|de"
    # A week named by its first day, as diaries write it: "w/c 11 Jan", "week beginning 3 February".
    r"|w/c|w/b|wc|wb|week (?:commencing|beginning|starting|of)|the week (?:commencing|beginning|of)"
    # Polish: "od" (from), "w"/"we" (in), "do" (by), "na poczatku" / "pod koniec" (early / late).
    r"|od|w|we|do|na poczatku|pod koniec|poczatek|koniec"
    # Czech ("v", "ve", "od" above), Romanian ("din", "in", "incepand cu"), Greek ("τον", "από τον", "αρχές").
    r"|v|ve|din|incepand cu|τον|απο|απο τον|αρχες|μεσα|τελη"
    # Danish and Icelandic "i"/"í" and "fra" (in, from), Croatian "u" (in), Lithuanian "nuo" (from), Catalan
    # "al" and "a partir del", Afrikaans "vanaf" (above) and "teen" (by).
    r"|i|fra|u|nuo|al|a partir del|teen)[\s-]+)*"
    r"(?:\d{1,2}(?:st|nd|rd|th|er|\.)?(?:\s+of)?\s+)?"  # a day before the month: "11 Jan", "5th of March"
    rf"(?:{'|'.join(f'(?P<m{i}>{v})' for i, v in enumerate(_MONTH_NAMES, 1))})\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+(?:de\s+)?(?P<year>20\d{2}))?"  # "March 15", "enero de 2027"
    # Turkish says "in"/"from" after the month: "Ocak ayında", "Ocak'ta", "Ocak'tan itibaren", "Ocak başı".
    r"(?:\s*'?\s*(?:ayinda|ayindan|[dt][ae]n|[dt][ae]|basi|basinda|ortasi|ortasinda|sonu|sonunda)"
    r"(?:\s+itibaren)?)?"
)


# Southern-hemisphere zones that keep no daylight saving time (those that do are told by its months): the
# countries of South America, southern Africa and Oceania south of the tropics' seasonless belt.
_SOUTHERN_PREFIXES = ("Australia/", "America/Argentina/", "Antarctica/", "Brazil/", "Chile/", "NZ")
# fmt: off
_SOUTHERN_ZONES = frozenset({
    "America/Sao_Paulo", "America/Buenos_Aires", "America/Montevideo", "America/Asuncion",
    "America/Santiago", "America/Punta_Arenas", "America/La_Paz", "America/Lima", "America/Campo_Grande",
    "America/Cuiaba", "America/Bahia", "America/Maceio", "America/Recife", "America/Araguaina",
    "America/Porto_Velho", "America/Rosario", "America/Cordoba", "America/Mendoza", "America/Catamarca",
    "America/Jujuy", "Africa/Johannesburg", "Africa/Maseru", "Africa/Mbabane", "Africa/Windhoek",
    "Africa/Gaborone", "Africa/Harare", "Africa/Lusaka", "Africa/Maputo", "Africa/Blantyre",
    "Africa/Lubumbashi", "Africa/Luanda", "Indian/Antananarivo", "Indian/Mauritius", "Indian/Reunion",
    "Pacific/Auckland", "Pacific/Chatham", "Pacific/Norfolk", "Pacific/Fiji", "Pacific/Tongatapu",
    "Pacific/Apia", "Pacific/Noumea", "Pacific/Efate", "Pacific/Rarotonga", "Pacific/Tahiti",
    "Pacific/Easter", "Chile/EasterIsland",
})
# fmt: on


def southern_zone(time_zone: str, year: int = 2026) -> bool:
    """Whether a business in this IANA zone lives in the southern hemisphere, where summer is December to
    February. A zone with daylight saving keeps it in its summer (more offset in January than in July);
    one without is looked up in the table above. Unknown or empty: northern, the old reading."""
    if time_zone in _SOUTHERN_ZONES or time_zone.startswith(_SOUTHERN_PREFIXES):
        return True
    try:
        zone = ZoneInfo(time_zone)
    except Exception:  # not a zone name (Settings validates it; a test or script may not)
        return False
    january, july = (datetime(year, m, 15, 12, tzinfo=zone).utcoffset() for m in (1, 7))
    return bool(january and july and january > july)


def calendar_choice(
    key: str, day: date | Callable[[], date], zone: str | Callable[[], str] = ""
) -> str | None:
    """The Timeline of a start named by the calendar: the year's end (any time up to then) or a quarter (its
    first day); the current or next quarter is "1-3 months", as "next quarter" is. None for other words or a
    quarter already past. `day`: the date it was said, or how to learn it (asked only for such a start);
    `zone`: the business time zone, or how to learn it (asked only for a season, whose months it sets)."""
    if festival := _FESTIVAL.fullmatch(key):
        today = day() if callable(day) else day
        return _festival_choice(today, festival)
    if easter := _EASTER.fullmatch(key):
        today = day() if callable(day) else day
        sunday = _easter_sunday(today.year)
        sunday = sunday if sunday >= today else _easter_sunday(today.year + 1)
        months = _months(today, sunday)  # "before Easter": any time up to then, as "before Christmas"
        return _bucket(max(0.0, months - 1) if easter["by"] else months)
    if school := _SCHOOL_YEAR.fullmatch(key):
        today = day() if callable(day) else day
        southern = southern_zone(zone() if callable(zone) else zone, today.year)
        first = 2 if southern else 9
        year = today.year + (first <= today.month if school["next"] else first < today.month)
        return _bucket(_months(today, date(year, first, 1)))
    if _YEAR_START.fullmatch(key) or _AFTER_BREAK.fullmatch(key):
        today = day() if callable(day) else day
        # "after the holidays" names no holiday; "after Christmas" does, whenever it is said
        unnamed = bool(_AFTER_BREAK.fullmatch(key)) and not _CHRISTMAS.search(key)
        return _year_start_choice(today, unnamed, bool(_NEXT_WORD.search(key)))
    key = _as_quarter_or_month(key, day)
    year_end, m, season = _YEAR_END.fullmatch(key), _QUARTER.fullmatch(key), _SEASON.fullmatch(key)
    month = (
        _MONTH.fullmatch(key.replace("'", " ").replace("  ", " ")) if not (year_end or m or season) else None
    )
    if month is not None:
        today = day() if callable(day) else day
        return _month_choice(today, month)
    if not (year_end or m or season):
        quarters = list(_QUARTER_IN.finditer(key))
        if not quarters:
            seasons = list(_SEASON_IN.finditer(key))
            if len(seasons) != 1 or _month_in(key, day) is not None:
                return _month_in(key, day)
            season = _SEASON.fullmatch(seasons[0].group(0))
        elif len(quarters) != 1:
            return None
        else:
            m = _QUARTER.fullmatch(quarters[0].group(0))
    today = day() if callable(day) else day
    if season:
        southern = southern_zone(zone() if callable(zone) else zone, today.year)
        months = _season_months(today, season, southern)
        return None if months is None else _bucket(months)
    if year_end:
        return _bucket(max(0.0, _months(today, date(today.year, 12, 31)) - 1))
    assert m is not None
    quarter = int(m["digit"] or next(k[1:] for k, v in m.groupdict().items() if v and k[0] == "q"))
    now_q = (today.month - 1) // 3 + 1
    if m["year"]:
        year = int(m["year"]) + (2000 if len(m["year"]) == 2 else 0)
    elif m["next"]:
        year = today.year + 1
    else:
        year = today.year if quarter >= now_q else today.year + 1
    ahead = (year - today.year) * 4 + quarter - now_q  # quarters from this one
    if ahead < 0:
        return None
    if ahead <= 1:
        return SOON
    return _bucket(_months(today, date(year, 3 * quarter - 2, 1)))


# Easter as a start, in the languages the rest is read in (accents folded): its Sunday moves with the year.
_EASTER = re.compile(
    r"(?:para |per )?"  # "para después de Semana Santa": what the start is for, then the time
    r"(?:(?P<by>by|before|until|till|ahead of|pre|vor|bis|avant|antes de|prima di|entro|voor|antes da)[ -]"
    r"|(?:after|from|at|around|over|nach|ab|apres|despues de|dopo|na|depois da|a partir de|in|im)\s+)?"
    r"(?:the |den |les |la |el |de |di |da )?(?:easter|ostern|paques|pascua|pasqua|pasen|pascoa"
    # Holy Week, which ends on Easter Sunday, as Spain, Italy, Portugal and Latin America name the break.
    r"|semana santa|settimana santa|holy week|karwoche)"
    r"(?: break| holidays?| weekend| hols)?"
)


# Festivals of a lunar or lunisolar calendar as a start ("after Chinese New Year", "before Ramadan",
# "post-Eid", "after Diwali"): their dates move each year, so they are listed (first and last day; Ramadan
# ends with Eid al-Fitr, which moons may shift by a day: the month buckets do not notice). Years past the
# table read as no start named, as a past quarter does.
_FESTIVAL = re.compile(
    r"(?:(?P<by>by|before|until|till|ahead of|pre|vor|bis|avant|antes de|prima di|entro|voor"
    r"|antes d[aoe])[ -]"
    r"|(?P<after>after|post|nach|apres|despues de|dopo|na|depois d[aoe])\s+"
    r"|(?:from|at|around|over|during|in|im|ab|a partir de)\s+)?"
    r"(?:the |den |les |la |el |de |di |da )?"
    r"(?:(?P<lunar>(?:chinese|lunar) new year|cny|spring festival|tet|seollal|chunjie)"
    r"|(?P<ramadan>ramadan|ramadhan|ramazan|eid(?: al[- ]fitr| ul[- ]fitr)?)|(?P<diwali>diwali|deepavali)"
    # Japan's fixed holiday weeks: Golden Week (29 April to 5 May) and Obon (13 to 16 August).
    r"|(?P<golden>golden week|gw)|(?P<obon>obon|o-bon|the bon holidays?|bon holidays?))"
    r"(?: break| holidays?| festival| celebrations| period)?"
)
_FESTIVAL_DATES = {
    "lunar": [(date(y, m, d), date(y, m, d) + timedelta(days=7)) for y, m, d in (
        (2025, 1, 29), (2026, 2, 17), (2027, 2, 6), (2028, 1, 26), (2029, 2, 13), (2030, 2, 3),
        (2031, 1, 23), (2032, 2, 11), (2033, 1, 31), (2034, 2, 19), (2035, 2, 8))],
    "ramadan": [(date(*a), date(*b)) for a, b in (
        ((2025, 3, 1), (2025, 3, 30)), ((2026, 2, 18), (2026, 3, 20)), ((2027, 2, 8), (2027, 3, 10)),
        ((2028, 1, 28), (2028, 2, 27)), ((2029, 1, 16), (2029, 2, 14)), ((2030, 1, 6), (2030, 2, 5)),
        ((2030, 12, 26), (2031, 1, 24)), ((2031, 12, 15), (2032, 1, 14)), ((2032, 12, 4), (2033, 1, 2)),
        ((2033, 11, 23), (2033, 12, 23)), ((2034, 11, 12), (2034, 12, 12)), ((2035, 11, 1), (2035, 12, 1)))],
    "diwali": [(date(y, m, d), date(y, m, d) + timedelta(days=4)) for y, m, d in (
        (2025, 10, 20), (2026, 11, 8), (2027, 10, 29), (2028, 10, 17), (2029, 11, 5), (2030, 10, 26),
        (2031, 11, 14), (2032, 11, 2), (2033, 10, 22), (2034, 11, 10), (2035, 10, 30))],
    "golden": [(date(y, 4, 29), date(y, 5, 5)) for y in range(2025, 2036)],
    "obon": [(date(y, 8, 13), date(y, 8, 16)) for y in range(2025, 2036)],
}  # fmt: skip


def _festival_choice(today: date, m: re.Match[str]) -> str | None:
    """Months to the festival named (the coming one, or this one while it lasts): after it, from its last day;
    before it, any time up to its first (as "before Easter"); at or during it, from its first."""
    name = next(k for k in _FESTIVAL_DATES if m[k])
    upcoming = [(first, last) for first, last in _FESTIVAL_DATES[name] if last >= today]
    if not upcoming:
        return None
    first, last = upcoming[0]
    if m["after"]:
        return _bucket(_months(today, last))
    months = max(0.0, _months(today, first))
    return _bucket(max(0.0, months - 1) if m["by"] else months)


def _easter_sunday(year: int) -> date:
    """Easter Sunday of a year in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


# The school or academic year as a start: it opens in September in the north, February in the south. "The
# next/new academic year" said once it has opened is next year's; "the academic year" before it opens is
# this one's.
_SCHOOL_YEAR = re.compile(
    r"(?:(?:at|by|from|for|in|before|after)\s+)?(?:the\s+)?(?:(?:start|beginning)\s+of\s+)?(?:the\s+)?"
    r"(?:(?P<next>next|new|coming|upcoming)\s+)?(?:academic|school)\s+year"
)


# A half year ("H2", "second half of next year") starts with its first quarter: H1 is Q1, H2 is Q3.
_HALF = re.compile(
    r"^(?:in |by |during |the )*(?:h(?P<h>[12])|(?P<o>first|second|1st|2nd) half(?: of)?(?: the| this)?"
    r"(?: year)?)(?P<rest>[ /-]?(?:20)?\d{2}| next year)?$"
)
# "The new year" is January; "early", "mid" or "late next year" its first, middle and last months.
_NEW_YEAR = re.compile(r"^(?:in |after |early in |at the start of |the start of |start of |beginning of )?"
                       r"(?:the )?new year$")  # fmt: skip
_PART_OF_YEAR = re.compile(
    r"^(?:in |by |sometime |some time )*(?:the )?(?P<part>early|beginning of|start of|mid|middle of|late"
    r"|end of)[- ]?(?:the )?(?:(?P<next>next year)|(?P<year>20\d{2}))$"
)
_PART_MONTH = {"early": "january", "beginning of": "january", "start of": "january", "mid": "july",
               "middle of": "july", "late": "october", "end of": "october"}  # fmt: skip


def _as_quarter_or_month(key: str, day: date | Callable[[], date]) -> str:
    """A half year said as the quarter it starts with, the new year or a part of a year as its month."""
    if m := _HALF.fullmatch(key):
        quarter = 1 if (m["h"] or m["o"]) in ("1", "first", "1st") else 3
        return f"q{quarter}{m['rest'] or ''}"
    if _NEW_YEAR.fullmatch(key):
        return "january"
    if m := _PART_OF_YEAR.fullmatch(key):
        today = day() if callable(day) else day
        return f"{_PART_MONTH[m['part']]} {m['year'] or today.year + 1}"
    return key


# A month named inside a sentence after a word of time ("ASAP but budget approval in March", "before our
# April offsite"): read when it is the only one, as a quarter is. Short forms that are also words are left
# out ("may" is mostly a verb, "mar" and "mai" words too); "in Feb", "by Sept" are months.
_SHORT_MONTHS = {"jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_MONTH_IN = re.compile(
    r"(?<!\w)(?:on(?=[\s-]+\d)|in|by|from|until|till|before|after|early|mid|late|end of|start of|beginning of"
    r"|ab|im|en|a"
    r"|au|d'ici|entro|vanaf|per|em|due|deadline|closes|closing)[\s-]+(?:(?:our|the|my|this|next|its|their) )?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<name>"
    + "|".join(n for names in _MONTH_NAMES for n in names.split("|") if len(n) > 3 or n in _SHORT_MONTHS)
    # "May" only after its day ("on 14 May"): alone it is as often the verb.
    + r"|(?<=\d\s)may|(?<=\d(?:st|nd|rd|th)\s)may"
    + r")(?!\w)"
)


# A month given in brackets as the answer's date ("when the new CEO starts (Feb)", "the new financial year
# (April)"): short forms too, the brackets tell them from the verb.
_MONTH_BRACKETED = re.compile(
    r"\((?P<name>" + "|".join(n for names in _MONTH_NAMES for n in names.split("|")) + r")\.?(?: \d{2,4})?\)"
)
# A season named inside a sentence after a word of time ("after my handover in the summer"): the only one.
_SEASON_IN = re.compile(
    r"(?<!\w)(?:in|by|after|before|until|over|during|from|this|next|coming)\s+(?:the\s+)?"
    rf"(?:{'|'.join(_SEASONS.values())})(?!\w)"
)


def _month_in(key: str, day: date | Callable[[], date]) -> str | None:
    names = {m["name"] for m in _MONTH_BRACKETED.finditer(key)}
    names = names or {m["name"] for m in _MONTH_IN.finditer(key)}
    month = _MONTH.fullmatch(names.pop()) if len(names) == 1 else None
    if month is None:
        return None
    return _month_choice(day() if callable(day) else day, month)


def _season_months(today: date, m: re.Match[str], southern: bool = False) -> float | None:
    """Months to the start of the season named (or to its end, "after summer"): the coming one, or this one
    while it lasts ("after summer" said in November means next year's). `southern`: its months six on."""
    first = next(int(k[1:]) for k, v in m.groupdict().items() if v and k[0] == "s")
    if southern:
        first = (first + 5) % 12 + 1
    named = int(m["year"]) + (2000 if len(m["year"]) == 2 else 0) if m["year"] else None
    for year in (named,) if named else (today.year - 1, today.year, today.year + 1):
        start = date(year, first, 1)
        length = 1 if _SEASON_OPENINGS.search(m.group(0)) else 3
        end = date(year + (first + length > 12), (first + length - 1) % 12 + 1, 1)
        if end > today:
            return _months(today, end) if m["after"] else max(0.0, _months(today, start))
    return None  # a season already past, as a quarter already past: no start named


# "Q3 or Q4", "spring or summer", "between Q3 and Q4", "Q3/Q4", "T3 ou T4": a choice of starts, in the
# languages above. Read only when the whole answer reads as nothing else.
_EITHER = re.compile(
    r"^(?:(?:either|sometime|some time|somewhere|anytime|any time|entweder|irgendwann|soit|o bien|ofwel"
    r"|ou)\s+)*"
    r"(?:between|zwischen|entre|tra|fra|tussen)?\s*"
)
_OR = re.compile(r"\s*(?:,|/|-|\s(?:or|oder|ou|o|of|and|und|et|y|e|en|to|till|until|bis|a|tot|ate)\s)\s*")
_TRAILING_YEAR = re.compile(r"\s(?:20)?\d{2}$")


def alternatives(key: str) -> list[str] | None:
    """The starts a choice between two or more names ("q3 or q4 2027" → ["q3 2027", "q4 2027"]), folded;
    None when it is not one. A year said once at the end goes with each ("Q3 or Q4 2027")."""
    parts = [p.strip() for p in _OR.split(_EITHER.sub("", key, count=1))]
    if len(parts) < 2 or not all(parts):
        return None
    year = _TRAILING_YEAR.search(parts[-1])
    last = _first_month(parts[-1][: year.start()]) if year else None
    if year and last is not None:
        # Listed in time order: one that starts later in its year than the last is in the year before
        # ("Q4 or Q1 2027" is Q4 2026), so it keeps its own next occurrence.
        carried = []
        for p in parts[:-1]:
            first = _first_month(p)
            ok = first is not None and first <= last and not _TRAILING_YEAR.search(p)
            carried.append(p + year.group(0) if ok else p)
        parts = [*carried, parts[-1]]
    return parts


def _first_month(key: str) -> int | None:
    """The month a quarter or season named alone starts in (northern seasons: only their order matters)."""
    if m := _QUARTER.fullmatch(key):
        return 3 * int(m["digit"] or next(k[1:] for k, v in m.groupdict().items() if v and k[0] == "q")) - 2
    if m := _SEASON.fullmatch(key):
        return next(int(k[1:]) for k, v in m.groupdict().items() if v and k[0] == "s")
    return None


def _month_choice(today: date, m: re.Match[str]) -> str | None:
    """A named month measured to its first day, as a season or a later quarter is; this month is Immediate
    and the next "1-3 months" (as "next month" is, though its first day may be weeks away). None for a
    month of a year already past."""
    month = next(int(k[1:]) for k, v in m.groupdict().items() if v and k[0] == "m")
    year = today.year + (month < today.month)
    if m["year"]:
        year = int(m["year"])
    ahead = (year - today.year) * 12 + month - today.month
    if ahead < 0:
        return None
    if ahead == 0:
        return IMMEDIATE
    if ahead == 1:
        return SOON
    return _bucket(_months(today, date(year, month, 1)))


def _year_start_choice(today: date, after_break: bool, next_year: bool) -> str | None:
    """The coming new year as a start, read as its January is: said in November or December, next month's
    (the year named is the next one); "the new year" said in January, this one ("next year" then is the
    one after); the year-end break named at other times is not known (None: the words are kept)."""
    if today.month == 1 and not next_year:
        return IMMEDIATE
    if after_break and today.month < 11:
        return None
    ahead = 13 - today.month  # months to next January
    return SOON if ahead == 1 else _bucket(_months(today, date(today.year + 1, 1, 1)))


def _months(start: date, end: date) -> float:
    return (end - start).days / (365.25 / 12)


def _bucket(months: float) -> str:
    if months < 1:
        return IMMEDIATE
    if months < 3:
        return SOON
    if months < 6:
        return LATER
    return LONG


# A quarter of a fiscal year ("Q3 FY27", "FY2027 Q1", "Q4 FY26/27"): which months it is depends on the month
# the year starts in (April in the UK's public sector and Japan, July in Australia and many US firms,
# October in the US government), so it is read only when the answer says that month ("our fiscal year starts
# 1 July"); without it the start is not known. A fiscal year is named by the year it ends in ("FY27",
# "FY26/27" are the years ending in 2027), January's excepted (the calendar year).
def _fiscal_year(group: str) -> str:
    return rf"fy\s*'?(?:(?:20)?\d{{2}}\s*/\s*)?(?P<{group}>(?:20)?\d{{2}})"


_FISCAL_QUARTER = re.compile(
    rf"(?<!\w)(?:q(?P<q>[1-4])\s*(?:of\s+)?(?:the\s+)?{_fiscal_year('y')}|{_fiscal_year('y2')}\s*q(?P<q2>[1-4]))"
    r"(?!\w)"
)
_FISCAL_START = re.compile(
    r"(?:fiscal|financial|fy|budget|business)(?: year)?(?:\s+(?:that|which))?\s+(?:starts|begins|runs from"
    r"|starting|beginning|start|begin)(?:\s+(?:on|in|from))?(?:\s+(?:the\s+)?1(?:st)?(?:\s+of)?)?\s+"
    rf"(?:{'|'.join(f'(?P<m{i}>{v})' for i, v in enumerate(_MONTH_NAMES, 1))})(?!\w)"
)
# The next fiscal year in Japanese ("来年度", "次年度", "翌年度"): Japan's starts on 1 April, for firms,
# schools and the state alike.
_JAPANESE_NEXT_FISCAL_YEAR = re.compile(r"(?:来年度|次年度|翌年度)(?:から|より|以降|中|に)?")


def fiscal_quarter_opens(key: str) -> date | None:
    """The first day of the fiscal quarter named ("q3 fy27"), when the text says the month its fiscal year
    starts in ("our fiscal year starts 1 july"); None otherwise."""
    m, start = _FISCAL_QUARTER.search(key), _FISCAL_START.search(key)
    if m is None or start is None:
        return None
    first = next(int(k[1:]) for k, v in start.groupdict().items() if v and k[0] == "m")
    named = m["y"] or m["y2"]
    year = int(named) + (2000 if len(named) == 2 else 0)
    begins = year - (first > 1)  # the year the fiscal year starts in
    month0 = first - 1 + 3 * (int(m["q"] or m["q2"]) - 1)
    return date(begins + month0 // 12, month0 % 12 + 1, 1)


def fiscal_choice(key: str, day: date | Callable[[], date]) -> str | None:
    """The Timeline of a fiscal quarter or Japan's next fiscal year (accents folded), "Unknown" for a fiscal
    quarter whose year's first month is not said (or one already past), None when the answer names neither."""
    if _JAPANESE_NEXT_FISCAL_YEAR.fullmatch(key):
        today = day() if callable(day) else day
        return _bucket(_months(today, date(today.year + (today.month >= 4), 4, 1)))
    if _FISCAL_QUARTER.search(key) is None:
        return None
    opens = fiscal_quarter_opens(key)
    if opens is None:
        return UNKNOWN
    today = day() if callable(day) else day
    ends = date(opens.year + (opens.month + 3 > 12), (opens.month + 2) % 12 + 1, 1)
    if ends <= today:
        return UNKNOWN  # a quarter already past: no start named (and no calendar quarter to read instead)
    # The quarter under way or the next one is "1-3 months", as a calendar quarter is.
    return SOON if _months(today, opens) < 3 else _bucket(_months(today, opens))


# A choice said with a comment ("keen, asap", "immediately - we move fast", "no budget yet - maybe next FY"):
# the one part that names a start, read without its hedge; a comment names no time. The words of time that
# would make a part more than a comment (a date, a condition) leave the answer unread.
_CLAUSES = re.compile(r"\s*(?:[,;:!()]|(?<!\d)\s*[–—-]\s*(?!\d)|\bbut\b)\s*")
_HEDGE = re.compile(r"^(?:maybe|probably|possibly|perhaps|hopefully|ideally|likely|realistically|prob|def"
                    r"|definitely|certainly|ideally by|roughly|around|about)\s+")  # fmt: skip
_TIME_WORDS = re.compile(
    r"\d|\b(?:year|month|week|day|quarter|fy|until|till|after|before|once|when|not|never|later|soon"
    r"|spring|summer|autumn|fall|winter|christmas|easter|holidays?|season|term|semester)s?\b"
    rf"|\b(?:{'|'.join(_MONTH_NAMES)})\b"
)
# Urgency said inside a sentence ("needed it yesterday tbh!!!", "urgent please"), not denied ("not urgent").
_URGENT = re.compile(
    r"(?<!\w)(?:asap|a\.s\.a\.p|urgent(?:ly)?|immediately|right away|straight away|as soon as possible"
    r"|yesterday"
    # "soon as" / "soon as poss", as people say it; a start wanted already ("we needed this last month",
    # "should have started last week").
    r"|(?:as )?soon as(?: poss(?:ible)?)?$"
    r"|(?:needed|wanted|should have (?:started|had|done)) (?:(?:it|this|that|one|help|someone|you|them) )?"
    r"(?:last (?:week|month)|already|a (?:week|month) ago)"
    r"|overdue)(?!\w)"
)
# A start already missed, said in the box ("honestly we're late - wanted it in place by October", "we're
# behind already"): now, whatever month the missed date names.
_LATE = re.compile(
    r"(?<!\w)(?:we'?re|we are|i'?m|i am|it'?s|it is|running|already)"
    r" (?:already |a bit |a little |very |really |way |so |badly )?"
    r"(?:late|behind(?: schedule)?|overdue)(?!\w)"
)
_DENIED = re.compile(r"\b(?:not|no|isn'?t|nothing|never|hardly|non)\b(?:\s+\S+){0,2}\s*$")


# A hedge after the start ("January ideally", "next month hopefully", "Q2 at the latest").
_HEDGE_AFTER = re.compile(
    r"\s+(?:ideally|hopefully|preferably|probably|maybe|possibly|perhaps|if possible|if we can|at the latest"
    r"|latest|i think|i guess|i hope|we hope|fingers crossed)$"
)


def unhedged(key: str) -> str:
    """An answer with its hedge off, before or after the start ("ideally january", "january ideally")."""
    return _HEDGE_AFTER.sub("", _HEDGE.sub("", key, count=1))


def clauses(key: str) -> list[str]:
    """The parts of an answer said with a comment, hedges off ("no budget yet - maybe next fy" → ["no budget
    yet", "next fy"]); one part when there is no comment."""
    return [_HEDGE.sub("", p) for p in _CLAUSES.split(key) if p and p.strip(" .!?")]


def comment(part: str) -> bool:
    """Whether a part of an answer is a comment that names no time ("keen", "we move fast")."""
    return not _TIME_WORDS.search(part)


def late(key: str) -> bool:
    """Whether an answer says the start is already missed ("we're late", "already behind")."""
    m = _LATE.search(key)
    return m is not None and not _DENIED.search(key[: m.start()])


def urgent(key: str) -> bool:
    """Whether an answer says the start is urgent ("needed it yesterday tbh") and names no other time or
    condition, without denying it ("not urgent")."""
    m = _URGENT.search(key)
    return (
        m is not None and not _DENIED.search(key[: m.start()]) and comment(key[: m.start()] + key[m.end() :])
    )
