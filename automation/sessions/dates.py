"""Due dates from what the notes say ("by Friday", "end of the month", "before our next session").

Pure: the session's date (in the business time zone) and the next session's date come in. Conventions:
a bare weekday is its next occurrence after the session; "next <weekday>" is that day in the following
week; "this week" / "next week" mean their Friday; a month day without a year is the next one to come.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from automation.text import month_first_zone

WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "few": 3, "a couple of": 2, "a few": 3,
}  # fmt: skip

# "tomorrow morning", "tomorrow arvo": the part of the day after "tomorrow" is part of the date phrase (a due
# date has no time). Not after a weekday: "block Fri pm for deep work", "take Monday morning off" name the
# slot itself, the thing to do, not when it is due.
_PART_OF_DAY = r"(?: (?:morning|afternoon|arvo|evening|night|lunchtime|am|pm))?"
_WD = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)"
)
# weekdays in the other languages coaches mix into English notes (German, Spanish, French, Portuguese,
# Italian, Dutch, Norwegian / Danish / Swedish)
_OTHER_WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
    "sabado": 5, "domingo": 6, "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
    "samedi": 5, "dimanche": 6, "segunda-feira": 0, "terça-feira": 1, "terca-feira": 1, "quarta-feira": 2,
    "quinta-feira": 3, "sexta-feira": 4, "segunda": 0, "terça": 1, "terca": 1, "quarta": 2, "quinta": 3,
    "sexta": 4, "lunedì": 0, "lunedi": 0, "martedì": 1, "martedi": 1, "mercoledì": 2, "mercoledi": 2,
    "giovedì": 3, "giovedi": 3, "venerdì": 4, "venerdi": 4, "maandag": 0, "dinsdag": 1, "woensdag": 2,
    "donderdag": 3, "vrijdag": 4, "zaterdag": 5, "zondag": 6, "mandag": 0, "måndag": 0, "tirsdag": 1,
    "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lørdag": 5, "lördag": 5, "søndag": 6, "söndag": 6,
    # Polish and Czech, as named and after "do" ('do piątku', 'do pátku': by Friday)
    "poniedziałek": 0, "poniedziałku": 0, "wtorek": 1, "wtorku": 1, "środa": 2, "środy": 2, "środę": 2,
    "czwartek": 3, "czwartku": 3, "piątek": 4, "piątku": 4, "sobota": 5, "soboty": 5, "niedziela": 6,
    "niedzieli": 6, "pondělí": 0, "úterý": 1, "středa": 2, "středy": 2, "středu": 2, "čtvrtek": 3,
    "čtvrtka": 3, "pátek": 4, "pátku": 4, "sobotu": 5, "neděle": 6, "neděli": 6,
}  # fmt: skip
# months in the languages whose weekdays are read, for a day and month written in them ("15 février")
_OTHER_MONTHS = {
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7, "oktober": 10,
    "dezember": 12,
    # Italian
    "gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "settembre": 9,
    "ottobre": 10, "dicembre": 12,
    # Portuguese
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9,
    "outubro": 10, "dezembro": 12,
    # Dutch
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}  # fmt: skip
_WD_OTHER = "(?P<wdo>" + "|".join(sorted(_OTHER_WEEKDAYS, key=len, reverse=True)) + ")"
_WD_PLAIN = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?"
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_TIME = r"(?:[01]?\d(?:[:.][0-5]\d)?\s?(?:am|pm)|noon|midday|[01]?\d[:.][0-5]\d)\b"
_NUM = r"(?P<n>\d+|a couple of|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|couple of|few)"
_NEXT_SESSION = (
    r"(?:before|b4|by|for|ahead of|prior to|until|to|at) (?:our |the |your |my )?"
    # "to the next team session", "before our next coaching session": still the session coached next
    r"next (?:(?:team|coaching|group|joint) (?=sess))?(?:session|sess|mtg|meeting|call|time)"
    r"|(?:before|by the time) (?:we|you and i) (?:next )?(?:meet|speak|talk)(?: again| next)?"
    r"|for next time|before next time"
    # Polish / Czech: "przed następną sesją", "do następnej sesji", "před příštím sezením"
    r"|(?:przed|do) (?:następn|kolejn)\w* (?:sesj|spotkani)\w*"
    r"|(?:před|do) (?:příští|dalš)\w* (?:sezení|schůzk)\w*"
    r"|(?:in|during) (?:our |the |my )?next (?:session|sess)\b"  # "pick up the thread in the next session"
    # the languages whose dates are read: "bis zur nächsten Sitzung", "para la próxima sesión", "pour la
    # prochaine séance", "per la prossima sessione", "até a próxima sessão", "voor de volgende sessie"
    r"|(?:(?:bis )?(?:zur )?n[äa]e?chste[nr]? (?:sitzung|session|termin))"
    r"|(?:(?:para |antes de )?(?:la|nuestra) próxima sesi[óo]n)"
    r"|(?:(?:pour |avant |à |d['’]ici )?(?:la|notre) prochaine s[ée]ance)"
    r"|(?:(?:per |entro )?la prossima sessione)|(?:(?:até |para |antes d)?a próxima sess[ãa]o)"
    r"|(?:(?:voor )?de volgende sessie)"
    # a bare "next session" is when; "move our next session" names the session, not a date
    r"|(?<=\s)(?<!our )(?<!the )(?<!my )(?<!your )next (?:session|time)\b(?!\s*:)"
)


@dataclass(frozen=True)
class DuePhrase:
    """A date phrase found in a sentence: where, what it says, and the date it means (None: unknown)."""

    start: int
    end: int
    text: str
    due: date | None
    strength: int  # 3: "by/before/due …"; 2: a trailing "- Fri" tag; 1: any other mention
    note: str = ""  # what was inferred, for the receipt


# Dates read from a season rather than stated: a stated date in the same sentence wins over them.
_XMAS = "before Christmas read as the 24th"
_HOLIDAYS = "the holidays read as Christmas"
_NEW_YEAR = "before the new year read as 31 December"
_MID_MONTH = "mid-month read as the 15th"
_WEEKEND = "the weekend read as its Friday"
_WHICH_HOLIDAYS = "which holidays is not said"
AFTER_EVENT = "counted from an event with no date"
_SEASONS = {_XMAS, _HOLIDAYS, _NEW_YEAR, _MID_MONTH, _WEEKEND, _WHICH_HOLIDAYS}


def _friday_of_week(d: date, weeks_ahead: int = 0) -> date:
    monday = d - timedelta(days=d.weekday()) + timedelta(weeks=weeks_ahead)
    return monday + timedelta(days=4)


def _next_weekday(d: date, wd: int) -> date:
    ahead = (wd - d.weekday()) % 7 or 7
    return d + timedelta(days=ahead)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, n: int) -> tuple[int, int]:
    m = d.month - 1 + n
    return d.year + m // 12, m % 12 + 1


def _next_month_day(today: date, month: int, day: int) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            if month == 2 and day == 29:
                continue  # 29 February written in a common year: next year's may be a leap day
            if not 1 <= day <= 31:
                return None
            # "by 31 Nov": a day the month does not have, typed for its end, as a coach would read it
            candidate = _month_end(year, month)
        if candidate >= today:
            return candidate
    return None


def _next_day_of_month(today: date, day: int) -> date | None:
    for n in range(0, 3):
        y, m = _add_months(today, n)
        if day <= calendar.monthrange(y, m)[1] and date(y, m, day) >= today:
            return date(y, m, day)
    return None


_ORDINAL_WORDS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
    "nineteenth", "twentieth",
]  # fmt: skip
DAY_WORDS = (
    {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
    | {
        f"{tens}{sep}{w}": base + i + 1
        for tens, base in (("twenty", 20), ("thirty", 30))
        for sep in ("-", " ", "")
        for i, w in enumerate(_ORDINAL_WORDS[: 9 if base == 20 else 1])
    }
    | {"thirtieth": 30}
)
_DAY_WORDS = "|".join(sorted(DAY_WORDS, key=len, reverse=True))


def _day_in_words(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    day = DAY_WORDS[re.sub(r"\s+", " ", m["dayw"].lower())]
    if m["mon"]:
        return _next_month_day(s, MONTHS[m["mon"].lower()], day), "a day of the month in words"
    return _bare_day_n(day, s)


_SCRIPT_WEEKDAYS = {
    **dict(
        zip(("月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"), range(7), strict=True)
    ),
    **dict(
        zip(("월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"), range(7), strict=True)
    ),
    **dict(zip(("सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार"), range(7), strict=True)),
}
_WD_SCRIPT = "|".join(_SCRIPT_WEEKDAYS)


def _weekday_script(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    wd = _SCRIPT_WEEKDAYS[m["wdx"]]
    if m["nw"]:
        return _friday_of_week(s, 1) + timedelta(days=wd - 4), "that day of the following week"
    return _next_weekday(s, wd), "the coming weekday"


def _after_return(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    back = next((d for ws, d in reversed(_EVENTS.get()) if ws == _BACK), None)
    if back is None:
        return None, AFTER_EVENT
    n = _n(m["n"].lower())
    return back + timedelta(days=7 * n if m["unit"].lower().startswith("w") else n), "counted from her return"


def _bare_day(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    return _bare_day_n(int(m["day"]), s)


def _bare_day_n(day: int, s: date) -> tuple[date | None, str]:
    """'before the board on the 14th': the 14th the notes name in full elsewhere ('the board meets on the
    14th of December'), if they name just one; else the next 14th on or after the session."""
    named = {d for d in _FULL_DATES.get() if d.day == day and d >= s}
    if len(named) == 1:
        return named.pop(), "the month the notes give this day elsewhere"
    return _next_day_of_month(s, day), "the next such day of a month"


def _window(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    start = _next_weekday(s, WEEKDAYS[m["wd"].lower()]) - timedelta(days=1) if m["wd"] else s
    return _next_weekday(start, WEEKDAYS[m["wd2"].lower()]), "the window's last day"


def _day_window(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    if m["mon"]:
        start = _next_month_day(s, MONTHS[m["mon"].lower()], 1)
        end = start and _next_month_day(start, start.month, int(m["day"]))
    else:
        start = _next_day_of_month(s, int(m["day1"]))
        end = start and _next_day_of_month(start, int(m["day"]))  # "between the 28th and the 3rd"
    return (end, "the window's last day") if end else (None, "not a date")


def _n(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word]


# (pattern, resolver(match, session_date, next_session) -> (date|None, note)) in priority order;
# a later pattern never claims text an earlier one already matched.
def _patterns() -> list[tuple[re.Pattern[str], object]]:
    p: list[tuple[str, object]] = [
        (
            _NEXT_SESSION,
            lambda m, s, nx: (nx, "the next session's date") if nx else (None, "next session date not set"),
        ),
        (
            # "wk of 7th", "w/c 7 Dec", "the week of the 14th": the week's stated day (as "w/c" is written)
            # (not "Week 1" of a plan: a bare number after "week" is the week's count, not a day)
            rf"\b(?:(?:(?:the )?week|wk)\s+(?:of|commencing|beginning|starting)\s*|(?:w/c|w\.c\.)\s*"
            rf"|(?:(?:the )?week|wk)\s+(?=(?:the )?[0-3]?\d(?:st|nd|rd|th"
            rf"| (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)))"
            rf"(?:the )?"
            rf"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?: (?:of )?{_MON})?\b",
            _week_of,
        ),
        (
            # "between Tuesday and Thursday", "between now and Friday": a window, done by its last day
            rf"\bbetween (?:{_WD}|now|today) and (?:this )?{_WD.replace('?P<wd>', '?P<wd2>')}\b",
            _window,
        ),
        (
            # "between the 22nd and the 26th", "between 5 and 9 November": a window, done by its last day
            r"\bbetween (?:the )?(?P<day1>[0-3]?\d)(?:st|nd|rd|th)? and (?:the )?(?P<day>[0-3]?\d)"
            rf"(?=st|nd|rd|th| (?:of )?{_MON.replace('?P<mon>', '?:')}\b)"
            rf"(?:st|nd|rd|th)?(?: (?:of )?{_MON})?\b",
            _day_window,
        ),
        (
            rf"\b(?:end of (?:the )?day|eod|cob|close of business|first thing|last thing) (?:on )?{_WD}\b",
            lambda m, s, nx: (_next_weekday(s, WEEKDAYS[m["wd"].lower()]), ""),
        ),
        (
            r"\b(?:end of (?:the )?day|eod|cob|close of business) tomorrow\b",
            lambda m, s, nx: (s + timedelta(days=1), ""),
        ),
        (
            # "the notes from today", "a summary of today", "today's notes" name the session, not a deadline
            # ("this arvo": Australian for this afternoon)
            r"\b(?:(?<!from )(?<!of )(?<!since )today(?!['’]s)|tonight"
            r"|this (?:afternoon|evening|morning|arvo)"
            r"|end of (?:the )?day|eod|cob"
            r"|close of business|after (?:this|the|our) (?:call|session|meeting))\b",
            lambda m, s, nx: (s, ""),
        ),
        (
            # "send you the sheet with this email": the email is going out now, with the session's notes
            r"\b(?:with|in|attached to) (?:this|the present) (?:e-?mail|message|note)\b",
            lambda m, s, nx: (s, "sent with the email itself"),
        ),
        (
            # the part of the day goes with it: "tomorrow arvo" (Australian for afternoon) is tomorrow, and
            # left behind it stayed in the item ("Send her the summary arvo")
            rf"\b(?:tomorrow|tmrw|tmw|tomorow){_PART_OF_DAY}\b",
            lambda m, s, nx: (s + timedelta(days=1), ""),
        ),
        (
            # a day and month in the notes' other language: "vendredi 15 février", "le 1er mars", "15 de
            # marzo", "am 3. Mai", "il 20 giugno", "15 januari" (the weekday only names the date it goes with)
            rf"(?<![\w'’])(?:(?:d['’]ici|avant|bis(?: zum)?|hasta|antes del?|entro|até|vóór|voor)\s+)?"
            rf"(?:{_WD_OTHER},?\s+)?(?:(?:le|el|il|am|den|o|op)\s+)?(?P<day>[0-3]?\d)(?:er|\.)?\s+"
            rf"(?:de\s+)?(?P<omon>{'|'.join(sorted(_OTHER_MONTHS, key=len, reverse=True))}"
            # German writes some months as English does, after the day's full stop: "bis zum 5. April"
            rf"|(?<=\d\.\s)(?:april|august|september|november))(?![\w'’])",
            lambda m, s, nx: (
                _next_month_day(
                    s, _OTHER_MONTHS.get(m["omon"].lower()) or MONTHS[m["omon"].lower()], int(m["day"])
                ),
                "",
            ),
        ),
        # a bilingual coach's when in her other language, the verbs around it English ("send it mañana",
        # "bis Freitag", "d'ici vendredi"); German "Morgen" capitalised is the morning, not tomorrow
        (
            r"(?<!\bam )(?<!\bla )(?<!\bguten )\b"
            r"(?:(?:i )?(?-i:morgen)|mañana|amanhã|amanha|demain|domani|i ?morgon|imorgen|jutro|zítra"
            r"|zitra)\b",
            lambda m, s, nx: (s + timedelta(days=1), "tomorrow, in the notes' other language"),
        ),
        (
            # "Je lui envoie … ce soir", "se lo mando hoy": today, in the notes' other language
            r"(?<![\w'’])(?:ce soir|aujourd['’]hui|esta noche|esta tarde|hoy(?: mismo)?|heute(?: abend)?|"
            r"hoje|oggi|stasera|vandaag|vanavond|i dag|idag|i kväll|i aften|dzisiaj|dziś|dnes)(?![\w'’])",
            lambda m, s, nx: (s, "today, in the notes' other language"),
        ),
        (
            # in Japanese, Korean or Hindi (Devanagari) beside English: "来週の金曜日までに" /
            # "다음 주 금요일까지" / "अगले हफ्ते शुक्रवार तक" (that day of the following week), "金曜日まで" /
            # "शुक्रवार तक" (the coming one)
            rf"(?P<nw>来週の?|다음\s?주\s?|अगले\s+(?:हफ्ते|हफ़्ते|सप्ताह)\s+(?:के\s+)?)?(?P<wdx>{_WD_SCRIPT})"
            r"(?:までに|まで|까지|\s*तक)?",
            _weekday_script,
        ),
        (
            # "来週" / "다음 주" / "अगले हफ्ते" next week, "今週" / "이번 주" / "इस हफ्ते" this week: their Friday;
            # "次回までに" / "다음 세션까지" / "अगले सेशन तक" by the next session
            r"(?P<wk>来週|今週|다음\s?주|이번\s?주|अगले\s+(?:हफ्ते|हफ़्ते|सप्ताह)|इस\s+(?:हफ्ते|हफ़्ते|सप्ताह))"
            r"(?:中に|までに|まで|까지|\s*(?:में|तक))?|(?P<ns>次回|다음\s?(?:세션|시간)|अगले\s+(?:सेशन|सत्र))(?:までに|まで|까지|\s*तक)?",
            lambda m, s, nx: (
                (nx, "the next session's date")
                if m["ns"]
                else (_friday_of_week(s, 1 if re.match(r"来週|다음|अगले", m["wk"]) else 0), "a week's Friday")
            ),
        ),
        (
            # today / tomorrow in Japanese, Chinese, Korean, Hindi (Devanagari) or Arabic ("بكرة", Levantine
            # and Gulf)
            r"(?P<tom>明日|明天|あした|내일|कल\s+तक|بكرة|بكره|غدا|غدًا|غداً)|(?:今日|今夜|今天|今晚|きょう|오늘|आज|الليلة|اليوم)",
            lambda m, s, nx: (s + timedelta(days=1 if m["tom"] else 0), "in the notes' other script"),
        ),
        (
            # Hindi in Hinglish notes: "kal tak" by tomorrow, "aaj hi" today, "parso tak" in two days
            r"\b(?:kal tak|aaj(?: hi| raat| shaam| tak)?|parson? tak)\b",
            lambda m, s, nx: (
                s
                + timedelta(
                    days=2 if m.group().startswith("parso") else 1 if m.group().startswith("kal") else 0
                ),
                "in the notes' Hindi",
            ),
        ),
        (
            rf"\b(?:bis|vor|am|antes del?|para el|el|del|d['’]ici|avant|pour|le|até(?: à)?|ate|na|no|entro|"
            # ("vóór vrijdag" with its accent; "a reunião de segunda-feira", Monday's meeting)
            rf"per|voor|vóór|uiterlijk|op|før|innan|innen|inden|senest|till?|på|do|w|we|v|ve|przed|před|de)\s+"
            rf"(?:zum\s+)?"
            # "bis nächsten Freitag", "bis kommenden Montag": that day of the following week, as "next Friday"
            rf"(?:(?P<nxt>nächsten|naechsten|kommenden)\s+)?{_WD_OTHER}(?![\w-])",
            lambda m, s, nx: (
                _friday_of_week(s, 1) + timedelta(days=_OTHER_WEEKDAYS[m["wdo"].lower()] - 4)
                if m["nxt"]
                else _next_weekday(s, _OTHER_WEEKDAYS[m["wdo"].lower()]),
                "",
            ),
        ),
        (
            # a weekday in another language standing as a line's tag or a table's cell ("… - Freitag")
            rf"(?<=[-–—] ){_WD_OTHER}\s*$",
            lambda m, s, nx: (_next_weekday(s, _OTHER_WEEKDAYS[m["wdo"].lower()]), ""),
        ),
        (
            r"\b(?:nächste woche|naechste woche|la semaine prochaine|la próxima semana|na próxima semana"
            r"|na proxima semana|la prossima settimana|volgende week|neste uke|nästa vecka|næste uge"
            r"|la semana que viene|w przyszłym tygodniu|w następnym tygodniu|příští týden|přístí týden)\b",
            lambda m, s, nx: (_friday_of_week(s, 1), "next week read as its Friday"),
        ),
        (
            # "within the next week", "over the coming fortnight": counted from the session, as "within a
            # week" is (not next week's Friday)
            r"\b(?:in|within|over) the (?:next|coming) (?P<unit>week|wk|fortnight)\b(?!['’]s)",
            lambda m, s, nx: (
                s + timedelta(days=14 if m["unit"].lower() == "fortnight" else 7),
                "within the next week counted from the session",
            ),
        ),
        (
            # "by EOW next week": the end of the week after this one, not this week's Friday
            r"\b(?:by |at )?(?:(?:the )?end of (?:the )?next (?:week|wk)|eow,? next (?:week|wk))\b",
            lambda m, s, nx: (_friday_of_week(s, 1), "end of next week read as its Friday"),
        ),
        (
            # "next week's meetings" names the meetings, not when the work is due
            r"\b(?:(?:some ?time|sometime|during|early|later) )?next (?:week|wk)\b(?!['’]s)",
            lambda m, s, nx: (_friday_of_week(s, 1), "next week read as its Friday"),
        ),
        (
            r"\b(?:(?:by |at )?(?:the )?end of (?:the |this )?week"
            # not a bare "the week": "review the week on Fridays" names what is reviewed
            r"|(?:(?:within |during )?this|(?:within|during|in|by|over|later in) the) (?:week|wk)"
            r"(?! (?:after|before|of|following|commencing))"
            r"|eow|end of wk)\b",
            lambda m, s, nx: (
                max(_friday_of_week(s), s) if s.weekday() <= 4 else _friday_of_week(s, 1),
                "this week read as its Friday",
            ),
        ),
        (
            # "within the month" is done by its end, as "within the week" is by Friday
            r"\b(?:(?:by |at )?(?:the )?end of (?:the |this )?month|month[- ]end|eom"
            r"|within (?:the|this) month(?! (?:after|before|of|following))"
            # "introduce her to Karin this month": a clause that ends on "this month" is done within it, as
            # "this week" is by its Friday (not "the decisions she made this month that worked")
            r"|(?<![\w'’])this month(?=\s*(?:[.;!)]|[-–—]\s|$))"
            # the same in the languages mixed into English ("antes de fin de mes", "d'ici la fin du mois")
            r"|(?:a )?fin(?:ales)? de(?:l)? mes|(?:la )?fin du mois|(?:o )?fim do m[êe]s|fine mese|monatsende"
            r"|ende des monats|eind van de maand)\b",
            lambda m, s, nx: (_month_end(s.year, s.month), ""),
        ),
        (r"\b(?:the )?end of next month\b", lambda m, s, nx: (_month_end(*_add_months(s, 1)), "")),
        # "end of Q" with no number: this quarter, as "end of the quarter"
        (
            r"\b(?:the )?end of (?:the |this )?(?:quarter|(?:fy\s*|fiscal\s+)?q(?P<q>[1-4])?)\b(?![.'’-])",
            _quarter_end,
        ),
        # "roll it out next quarter": done within it, so due at its end, as "in Q1" is
        (r"\b(?:the )?(?:end of )?next quarter\b(?!['’]s)", _next_quarter_end),
        # "launch it in Q1", "- Q1": done within the quarter, so due at its end; "until Q2" is no deadline
        (
            r"(?:\b(?:by|in|during|within)\s+|(?<=[-–—(] ))(?:fy\s*|fiscal\s+)?"
            r"q(?P<q>[1-4])\b(?!\s*(?:\d|[a-z]))",
            _quarter_end,
        ),
        # "cut it by 10% before Q3": done before the quarter starts, so by the end of the one before it
        (r"\bbefore\s+(?:fy\s*|fiscal\s+)?q(?P<q>[1-4])\b(?!\s*(?:\d|[a-z]))", _before_quarter),
        # "go/no-go by end of H1", "in H2": a half year is done within it, so due at its last day
        (
            r"\b(?:(?:the )?end of (?:the |this )?|(?:by|in|during|within)\s+)(?:fy\s*|fiscal\s+)?"
            r"h(?P<h>[12])\b(?![\d.-])",
            _half_end,
        ),
        (r"\b(?:the )?end of (?:the |this )?year|year[- ]end\b", lambda m, s, nx: (date(s.year, 12, 31), "")),
        (rf"\b(?:the )?end of {_MON}\b", lambda m, s, nx: (_month_end_named(s, m["mon"]), "")),
        (
            # "cut meetings by 20% by March": a deadline of a whole month is met within it, as "by Q1" is;
            # not "by March 3", which the patterns below read as that day
            rf"\bby {_MON}\b(?![.']?\s*\d)",
            lambda m, s, nx: (_month_end_named(s, m["mon"]), "by <month> read as its last day"),
        ),
        (
            # "the first Monday in January", "the last Friday of the month": that weekday of that month
            rf"\b(?:the )?(?P<nth>first|1st|second|2nd|third|3rd|fourth|4th|last) {_WD}\.? (?:in|of) "
            rf"(?:{_MON}\b|(?P<rel>the month|this month|next month)\b)",
            _nth_weekday,
        ),
        (r"\b(?P<iso>20\d\d-[01]\d-[0-3]\d)\b", lambda m, s, nx: _iso_day(m["iso"])),
        (
            r"\b(?:by|on|due|before|until|deadline)\b:?\s+(?:\w+day\s+)?(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)"
            r"(?:[/.](?P<y>(?:20)?\d\d))?\b(?![/.]\d)",
            _numeric,
        ),
        (
            # "book a kickoff for 1/10": the day it is booked for; not "for 2/3 of the team", "for 1/2 day"
            r"\bfor\s+(?:\w+day\s+)?(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<y>(?:20)?\d\d))?\b(?![/.]\d)"
            r"(?!\s*(?:of|an?|the|days?|hours?|hrs?|mins?|minutes?|weeks?|wks?|time|months?)\b)",
            _numeric,
        ),
        (
            # a date standing as a tag or a table cell: "… with the three leads - 07/12", "(07/12)"
            r"(?:(?<=[-–—:] )|(?<=\())(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?P<y>(?:20)?\d\d))?(?=\)|\s*$)",
            _numeric,
        ),
        (
            # … and written with dots, as a table's "By when" cell in Europe has it ("- 17.05"): the month
            # in two digits, so "- 2.5" (hours, a score) is no date
            # (German writes the day's dot after the month too: "18.04.")
            r"(?:(?<=[-–—:] )|(?<=\())(?P<a>[0-3]?\d)\.(?P<b>[01]\d)(?:\.(?P<y>(?:20)?\d\d)|\.)?(?=\)|\s*$)",
            _numeric,
        ),
        (
            # "Fri 11 Dec": the weekday only names the date it goes with
            # ("27-Nov", "18-Nov-2026": a spreadsheet's day and month joined by a hyphen; "18/Apr/28": a
            # ticket tracker's due date, joined by slashes, its year after the same mark)
            rf"\b(?:{_WD_PLAIN}\.?,?\s+)?(?:the )?(?:{_DAY} (?:of )?|(?P<dday>[0-3]?\d)(?P<sep>[-/])){_MON}\b"
            r"(?(sep)(?:(?P=sep)(?P<yy>(?:20)?\d\d)\b)?)",
            _day_month_joined,
        ),
        (
            rf"\b(?:{_WD_PLAIN}\.?,?\s+)?{_MON}\.? {_DAY}\b",
            lambda m, s, nx: (_next_month_day(s, MONTHS[m["mon"].lower()], int(m["day"])), ""),
        ),
        (
            # "by Fri 28th": the weekday only names the day of the month it goes with, as in "Fri 11 Dec"
            rf"\b(?:(?:by|due|on|before|until)\s+)?(?P<wdp>{_WD_PLAIN})\.?,?\s+(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b",
            _weekday_day,
        ),
        (
            # a calendar week by its number, as German writers give it ("bis KW 14", "before KW 13 ends",
            # "by CW12"), or "by wk 14" near the session's own week (not "Week 3" of a plan): its Friday
            # ("before KW 13 ends": the week's end is its Friday, the words go with the date)
            r"(?:\b(?:kw|cw)\s?(?P<kw>[0-5]?\d)\b"
            r"|\b(?:by|before|in|until|due|end of)\s+(?:wk|week)\s?(?P<wk>[0-5]?\d)\b)"
            r"(?:\s+(?:ends|is over|is out)\b)?",
            _calendar_week,
        ),
        (
            # "… before the AGM (15th)": a day of the month in brackets is a tag, as "(07/12)" is
            r"\b(?:(?:by|due|on|before|until)\s+(?:the\s+)?|the\s+|(?<=\())(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b",
            _bare_day,
        ),
        (
            # "by the twelfth", "Next session the twenty-fourth –", "on the third of May": a day of the month
            # in words, read as its digits are ("the second draft", "on the first call" are no dates)
            rf"\b(?:(?:by|due|on|before|until|till)\s+)?the\s+(?P<dayw>{_DAY_WORDS})\b"
            rf"(?:\s+of\s+{_MON}\b|(?!\s+(?:of\s+)?[a-z]|-[a-z]))",
            _day_in_words,
        ),
        (
            # "within two weeks of getting back", "in the first week after she's back": counted from the day
            # the notes say she is back ("back from leave 13 Mar"), else no date
            rf"\b(?:in|within) (?:the next |the first )?{_NUM} (?P<unit>days?|weeks?|wks?)\s+"
            r"(?:of|after|from)\s+(?:(?:getting|coming|being)\s+back"
            r"|(?:she|he|they)\s*(?:['’]s|\s+is|\s+are|['’]re|\s+gets|\s+comes)\s+back|(?:her|his|their)\s+return)\b",
            _after_return,
        ),
        (
            # "within 48 hrs of getting it": counted from something that has no date yet
            rf"\b(?:in|within) (?:the next )?{_NUM} (?:(?:working |business )?days?|hours?|hrs?|weeks?|wks?)"
            r"\s+(?:of|after|from)\s+"
            r"(?!(?:today|now|(?:the|this|our|today['’]s) (?:session|call|meeting)|today['’]s)\b)"
            r"(?!(?:she|he|they|i|we|you|and|so|but|then|also|by|before)\b)[\w'’-]+"
            r"(?:\s+(?!(?:she|he|they|i|we|you|and|so|but|then|also|by|before)\b)[\w'’-]+){0,3}",
            lambda m, s, nx: (None, AFTER_EVENT),
        ),
        (
            rf"\b(?:in|within|over) (?:the next )?{_NUM} (?:hours?|hrs?)\b",
            lambda m, s, nx: (s + timedelta(days=-(-_n(m["n"].lower()) // 24)), "hours counted as days"),
        ),
        (
            rf"\bmid[- ]?{_MON}\b",
            lambda m, s, nx: (_next_month_day(s, MONTHS[m["mon"].lower()], 15), _MID_MONTH),
        ),
        (
            # "by mid-month": the 15th of this month, or of the next when the session is past it
            r"\bmid[- ]?month\b",
            lambda m, s, nx: (_next_day_of_month(s, 15), _MID_MONTH),
        ),
        (
            # "this side of Christmas": British for before it
            r"\b(?:before|by|ahead of|this side of) (?:the )?(?:christmas|xmas)(?: break| holidays?)?\b",
            lambda m, s, nx: (_next_month_day(s, 12, 24), _XMAS),
        ),
        (
            # a festival whose date moves with a lunar calendar: "before Diwali", "by Chinese New Year
            # 2027" read as its eve, as "before Christmas" is; the next one after the session, or that year's
            r"\b(?:before|by|ahead of) (?:the )?(?P<fest>diwali|deepavali|(?:chinese|lunar) new year|cny|tet)"
            r"(?: holidays?| break)?(?: (?P<fy>20[2-3]\d))?\b",
            _festival_eve,
        ),
        (
            # Scots and Irish for tomorrow: "I'll do that the morn", "send it over the morrow", "the morra"
            r"(?<!\bin )(?<!\bthis )(?<!\bevery )(?<!\beach )"
            r"\b(?:over )?the (?:morn|morra|morrow)\b(?!['’]s)",
            lambda m, s, nx: (s + timedelta(days=1), "the morn read as tomorrow"),
        ),
        (
            r"\b(?:before|by|ahead of) the (?:holidays|festive (?:break|season)|new year)\b"
            r"|\bby new year\b",
            _year_end_break,
        ),
        (
            r"\b(?:by|before) the weekend\b",
            lambda m, s, nx: (
                max(_friday_of_week(s), s) if s.weekday() <= 4 else _friday_of_week(s, 1),
                _WEEKEND,
            ),
        ),
        (
            # "within three days of this call" counts from the session, as "in three days" does
            # "within two working days": counted on weekdays, as "three working days before X" is
            rf"\b(?:in|within|over) (?:the next )?{_NUM} (?P<work>working |business )?"
            r"(?P<unit>days?|weeks?|wks?|fortnights?)\b"
            r"(?: of (?:the|this|our|today['’]s) (?:session|call|meeting)\b|(?! of))",
            _in_n,
        ),
        (
            # "a week from today", "two days from now": counted from the session
            rf"\b{_NUM} (?P<unit>days?|weeks?|wks?|fortnights?) from (?:today|now)\b",
            _in_n,
        ),
        # not "3 weeks back" (ago), nor a title in quotes ('the "first 90 days back" questions'): see below
        # nor "her first 100 days" / "the last 3 weeks": a span that names a period, not a deadline
        (
            r"(?<!for )(?<!every )(?<!first )(?<!last )\b(?P<n>\d+) ?(?P<unit>days?|weeks?|wks?)\b"
            r"(?! of| ago| back)",
            _in_n,
        ),
        (
            # "within the fortnight", as "within a fortnight" (not "in the fortnight before the launch")
            r"\b(?:in|within) (?:a|the next) fortnight\b|\bwithin the fortnight\b(?! (?:after|before|of))",
            lambda m, s, nx: (s + timedelta(days=14), ""),
        ),
        (
            # British: "Friday week" ("Fri wk"), the Friday after this one
            rf"\b(?:by |on |before )?{_WD} w(?:ee)?k\b",
            lambda m, s, nx: (
                _next_weekday(s, WEEKDAYS[m["wd"].lower()]) + timedelta(days=7),
                "<day> week read as that day a week later",
            ),
        ),
        (
            rf"\bnext {_WD}\b",
            lambda m, s, nx: (
                _friday_of_week(s, 1) + timedelta(days=WEEKDAYS[m["wd"].lower()] - 4),
                "next <day> read as that day of the following week",
            ),
        ),
        (
            # "by 5pm Monday", "on Wednesday at 4pm": the hour goes with the day (a due date has no time)
            rf"\b(?:by|before|at) {_TIME}\s+(?:on\s+)?{_WD}\b",
            _weekday,
        ),
        (rf"\b(?:on |by |before )?{_WD}\s+(?:at|by) {_TIME}", _weekday),
        (rf"\b(?:this |on |by |before |until |from |starting )?{_WD}(?:'s)?\b", _weekday),
    ]
    return [(re.compile(rx, re.I), fn) for rx, fn in p]


# Notes whose own dates are written month first (12/16, and none that only day first can read): their
# ambiguous dates (1/7) are month first too. Set for one note's drafting by `numeric_order`.
_MONTH_FIRST: ContextVar[bool] = ContextVar("month_first", default=False)
_SLASH_DATE = re.compile(r"(?<![\d/.])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?:/(?:20)?\d\d)?(?![\d/])")
_NEAR = (-60, 200)  # days around the session a date of the notes falls in


def _iso_day(text: str) -> tuple[date | None, str]:
    """An ISO date as written; one that names no day ("2026-02-30", a typo) is no date, not a crash."""
    try:
        return date.fromisoformat(text), ""
    except ValueError:
        return None, ""  # the receipt says "date unknown", as for "February 30"


def _near(s: date, month: int, day: int) -> date | None:
    for year in (s.year - 1, s.year, s.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if _NEAR[0] <= (d - s).days <= _NEAR[1]:
            return d
    return None


def month_first_in(texts: Iterable[str], s: date, time_zone: str = "") -> bool:
    """Whether the notes write dates month first: some of their n/n dates can only be read that way (or
    are the session's date only that way), and none only day first ("24/7" and "2/3" are no dates).
    When the notes do not settle it (no such date, or both kinds), the business's time zone does."""
    md = dm = 0
    for text in texts:
        for m in _SLASH_DATE.finditer(text):
            a, b = int(m["a"]), int(m["b"])
            as_md, as_dm = _near(s, a, b) if a <= 12 else None, _near(s, b, a) if b <= 12 else None
            if as_md and (not as_dm or as_md == s != as_dm):
                md += 1
            elif as_dm and (not as_md or as_dm == s != as_md):
                dm += 1
    if (md > 0) != (dm > 0):
        return md > 0
    return month_first_zone(time_zone)


@contextmanager
def numeric_order(month_first: bool) -> Iterator[None]:
    """Read ambiguous n/n dates month first while drafting one note that writes its dates that way."""
    token = _MONTH_FIRST.set(month_first)
    try:
        yield
    finally:
        _MONTH_FIRST.reset(token)


def _day_month_joined(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    """ "11 Dec", "27-Nov", "18-Nov-2026", "18/Apr/28": the next such day, or the year written after it."""
    month, day = MONTHS[m["mon"].lower()], int(m["day"] or m["dday"])
    if m["yy"]:
        try:
            return date(int(m["yy"]) + (2000 if len(m["yy"]) == 2 else 0), month, day), ""
        except ValueError:
            return None, "not a date"
    return _next_month_day(s, month, day), ""


def _numeric(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    """14/05 or 14.05.2026: day first (the business's convention), unless only month first can be a date
    or the note writes its dates month first."""
    a, b = int(m["a"]), int(m["b"])
    day, month, note = a, b, "day/month"
    if _MONTH_FIRST.get() and a <= 12 and b <= 12:
        day, month, note = b, a, "month/day (as the notes write their dates)"
    elif b > 12 >= a:
        day, month, note = b, a, "month/day (the only reading that is a date)"
    if not (1 <= month <= 12):
        return None, "not a date"
    if m["y"]:
        year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
        try:
            found = date(year, month, day)
        except ValueError:
            return None, "not a date"
        if found < s and a <= 12 and b <= 12 and a != b and date(year, a, b) >= s:
            return date(year, a, b), "month/day (day/month would be before the session)"
        return found, note
    found = _next_month_day(s, month, day)
    if found and a <= 12 and b <= 12 and a != b and (found - s).days > _FAR:
        # "10/8" in notes otherwise written day first, a session in October: 10 August is months gone
        # (so next year's), 8 October days away - a note's actions fall in the weeks after it
        other = _next_month_day(s, day, month)
        if other and (other - s).days <= _SOON:
            return other, "the reading that falls in the weeks after the session"
    return found, note


_FAR, _SOON = 240, 90  # days: a due date next year vs one within the coming weeks


# The month the client's fiscal year starts in, when the notes say so ("their FY runs 1 July – 30 June",
# "financial year starts in April"): her Q1 and H1 are counted from it (set by `event_dates`)
_FY_START: ContextVar[int] = ContextVar("fy_start", default=1)
_FY_STATED = re.compile(
    rf"\b(?:fy|fiscal year|financial year)\b[^.\n]{{0,20}}?\b(?:runs|starts|begins|runs from|starts on)\s+"
    rf"(?:from\s+|in\s+|on\s+)?(?:the\s+)?(?:1(?:st)?\s+(?:of\s+)?)?{_MON}\b",
    re.I,
)


def _period_end(first: int, months: int, s: date) -> date:
    """The last day of the first period of `months` months starting in month `first` (counted from the
    fiscal year's start) that ends on or after the session."""
    year = s.year - 1
    while True:
        month = first + months - 1
        end = _month_end(year + (month - 1) // 12, (month - 1) % 12 + 1)
        if end >= s:
            return end
        year += 1


def _fiscal_first(index: int, months: int) -> int:
    """The calendar month a fiscal year's `index`-th period of `months` months starts in (0-based)."""
    return (_FY_START.get() - 1 + index * months) % 12 + 1


def _quarter_end(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    if not m["q"]:  # this quarter: the one the session is in
        index = (s.month - _FY_START.get()) % 12 // 3
        return _period_end(_fiscal_first(index, 3), 3, s), ""
    note = "" if _FY_START.get() == 1 else "a quarter of her fiscal year"
    return _period_end(_fiscal_first(int(m["q"]) - 1, 3), 3, s), note


def _half_end(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    # "by end of H1" in November is next year's first half
    return _period_end(_fiscal_first(int(m["h"]) - 1, 6), 6, s), "a half year read as its last day"


def _before_quarter(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    first = _fiscal_first(int(m["q"]) - 1, 3)
    start = date(s.year, first, 1)
    if start <= s:  # "before Q1" in November is before next year's first quarter
        start = date(s.year + 1, first, 1)
    return start - timedelta(days=1), "before a quarter read as the last day of the one before it"


def _next_quarter_end(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    index = (s.month - _FY_START.get()) % 12 // 3 + 1
    this_end = _period_end(_fiscal_first(index - 1, 3), 3, s)
    return _period_end(
        _fiscal_first(index, 3), 3, this_end + timedelta(days=1)
    ), "next quarter read as its last day"


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


def _nth_weekday(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    wd, nth = WEEKDAYS[m["wd"].lower()], _NTH[m["nth"].lower()]
    if m["mon"]:
        month = MONTHS[m["mon"].lower()]
        year = s.year if month >= s.month else s.year + 1
    else:
        year, month = _add_months(s, 1) if m["rel"].lower() == "next month" else (s.year, s.month)
    day = _nth_weekday_of(year, month, wd, nth)
    if day < s and m["mon"]:  # "the first Monday in December" said on the 4th: next year's
        day = _nth_weekday_of(year + 1, month, wd, nth)
    return day, "<nth> <weekday> of the month"


def _nth_weekday_of(year: int, month: int, wd: int, nth: int) -> date:
    if nth < 0:
        end = _month_end(year, month)
        return end - timedelta(days=(end.weekday() - wd) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(wd - first.weekday()) % 7 + 7 * (nth - 1))


def _month_end_named(s: date, mon: str) -> date:
    month = MONTHS[mon.lower()]
    year = s.year if month >= s.month else s.year + 1
    return _month_end(year, month)


def month_end_of(words: str, s: date) -> date | None:
    """The last day of 'April' (the next April to come) or 'next month', from the session day `s`."""
    w = words.strip().lower()
    if w == "next month":
        return _month_end(*_add_months(s, 1))
    if w == "this month":
        return _month_end(s.year, s.month)
    return _month_end_named(s, w) if w in MONTHS else None


def _week_of(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    day = int(m["day"])
    mon = m.groupdict().get("mon")
    start = _next_month_day(s, MONTHS[mon.lower()], day) if mon else _next_day_of_month(s, day)
    return (start, "the week of a day read as that day") if start else (None, "not a date")


# The main day of festivals that follow a lunar calendar (Diwali's Lakshmi Puja; the first day of the
# Chinese and Vietnamese lunar new year), for the years the notes date
_FESTIVALS = {
    "diwali": [
        date(2026, 11, 8),
        date(2027, 10, 29),
        date(2028, 10, 17),
        date(2029, 11, 5),
        date(2030, 10, 26),
    ],
    "new year": [date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26), date(2029, 2, 13), date(2030, 2, 3)],
}


def _festival_eve(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    name = m["fest"].lower()
    days = _FESTIVALS["diwali" if name in ("diwali", "deepavali") else "new year"]
    year = int(m["fy"]) if m["fy"] else None
    for day in days:
        # "Chinese New Year 2027" names its year; without one, the next festival after the session
        if (day.year == year if year else day > s) and day - timedelta(days=1) >= s:
            return day - timedelta(days=1), f"before {m['fest']} read as its eve"
    return None, "a festival whose date is not known"


def _year_end_break(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    """'Before the holidays' in November or December is the Christmas break; at other times it may be
    any holiday, so no date is guessed."""
    if "new year" in m.group(0).lower():
        return _next_month_day(s, 12, 31), _NEW_YEAR
    if s.month in (11, 12):
        return _next_month_day(s, 12, 24), _HOLIDAYS
    return None, _WHICH_HOLIDAYS


def _in_n(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    n = _n(m["n"].lower())
    unit = m["unit"].lower()
    if m.groupdict().get("work") and unit.startswith("d"):
        return _working_days(s, n, 1), ""
    days = n * 14 if unit.startswith("fortnight") else n * 7 if unit.startswith("w") else n
    return s + timedelta(days=days), ""


def _weekday_day(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    """'Fri 28th': the next 28th that falls on a Friday (within a year), else the next 28th."""
    day, wd = int(m["day"]), ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(m["wdp"][:3].lower())
    for n in range(0, 13):
        y, mo = _add_months(s, n)
        if (
            day <= calendar.monthrange(y, mo)[1]
            and date(y, mo, day) >= s
            and date(y, mo, day).weekday() == wd
        ):
            return date(y, mo, day), "the next such day of a month on that weekday"
    return _next_day_of_month(s, day), "the next such day of a month"


def _calendar_week(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    """'KW 14': the Friday of that ISO week, this year's or, once past, next year's; 'by wk 3' only within
    the half year after the session's own week (else it is a plan's week count, not the calendar's)."""
    week = int(m["kw"] or m["wk"])
    this_week = s.isocalendar()[1]
    if not 1 <= week <= 53 or (m["wk"] and not 0 <= week - this_week <= 26):
        return None, "not a date"
    for year in (s.isocalendar()[0], s.isocalendar()[0] + 1):
        try:
            friday = date.fromisocalendar(year, week, 5)
        except ValueError:
            continue
        if friday >= s - timedelta(days=4):
            return friday, "calendar week read as its Friday"
    return None, "not a date"


def _weekday(m: re.Match[str], s: date, nx: date | None) -> tuple[date | None, str]:
    return _next_weekday(s, WEEKDAYS[m["wd"].lower()]), "the next such weekday after the session"


_COMPILED = _patterns()
_STRONG_BEFORE = re.compile(
    r"(?:\bby|\bbefore|\bdue|\buntil|\bno later than|\bdeadline:?)\s*(?:the\s+)?$", re.I
)
_NOT_A_DATE_BEFORE = re.compile(
    r"(?:\bthe|\ba|\bevery(?:\s+(?:other|second|third|fourth))?|\balternate|\beach|\blast|\bsince|\bon the"
    r"|\ba\s+[\w-]+"
    # "try the \"no-meeting Wed\" idea": a kind of day named in quotes
    r"|[\"“‘']\w+-[\w-]+)\s+$",
    re.I,
)  # "a no-meeting Friday": a kind of day, not a date; "every other Thursday": a cadence
_TAG_BEFORE = re.compile(r"(?:[-–—,(:]|\bw/c)\s*$")


# Dates counted from another: "three working days before the board meeting", "the day after the launch on
# the 3rd", "two days after that". The anchor is a date written right after the event, the date the notes
# give the event elsewhere ("The board meeting is on the 22nd", set by `event_dates`), or for "that" /
# "then" the date before it in the sentence; with none, no date is guessed.
_EVENTS: ContextVar[tuple[tuple[frozenset[str], date], ...]] = ContextVar("events", default=())
_FULL_DATES: ContextVar[frozenset[date]] = ContextVar("full_dates", default=frozenset())
_FULL_DATES_RX = (
    re.compile(rf"\b{_DAY} (?:of )?{_MON}\b", re.I),
    re.compile(rf"\b{_MON}\.? {_DAY}\b", re.I),
)
_OFFSET = re.compile(
    # not "for half a day before next session" or "shadow her for a day before the end of the month": a
    # length of time, not an offset
    # "the evening of the board": that day; "the week after the board": the Friday of the week after it
    r"\b(?<!half )(?<!\bfor )(?:(?P<part>the (?:day|evening|morning|afternoon|night|week))|"
    # "the Monday after the board": that weekday's first one past the event
    r"the (?P<wday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    # "… the day before." ending its clause: counted from the date before it, as "the day before that" is
    # not "The First 90 Days before next session": "first/last N days" names a period (a book's title)
    rf"(?<!first )(?<!last ){_NUM} (?P<work>working |business )?(?P<unit>days?|weeks?))\s+"
    r"(?P<dir>before|after|ahead of|of)"
    r"(?:\s+|(?=\s*(?:[.;!?]|$)))",
    re.I,
)
_FOLLOWING = re.compile(
    r"\bthe following (?P<wday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
)
# not "this session": "two days after this session" counts from the session (see the event words)
_ANCHOR_THAT = re.compile(r"(?:that|then|this(?!\s+(?:session|call|meeting)\b)|it)\b", re.I)
_EVENT_WORDS = re.compile(
    r"(?:(?:the|our|her|his|their|your|my|next|a)\s+)*(?P<ev>(?:(?!(?:she|he|they|i|we|you|and|but|so|to"
    r"|is|was|on|of|by|before|after|once|when|if|with|for|at)\b)[\w'’-]+\s*){1,4})",
    re.I,
)
_EVENT_IS = re.compile(
    # "Board meeting is on 9 August" opening its line or sentence needs no article
    r"(?:\b(?:the|our|her|his|their)\s+|(?:^|(?<=[.;!?]\s))[^\w\n]*(?!(?:she|he|it|this|that|there|who|which)\b))"
    r"(?P<ev>[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+"
    r"(?:is|was|'s|’s|falls|takes place|happens|has moved to|moved to|meets|sits|is held)\s+(?:now\s+)?"
    r"(?:on\s+)?",
    re.I | re.M,
)
# a note's fragment that dates an event: "- board on the 14th", "…; offsite on Friday"
_EVENT_AT = re.compile(
    # … or an action's "ahead of the AGM on the 9th"
    # … or the next of a list of dated events ("the offsite is on 2 May, the launch on 15 May")
    # … or where an action happens: "run the exercise at the leads' offsite on 2 May"
    r"(?:^|[;:]\s*|\.\s+|^\W+|\b(?:before|ahead of|prior to|after)\s+|,\s+(?=(?:the|our|her|his)\s)"
    r"|\bat\s+(?=(?:the|our|her|his|their)\s))"
    r"(?:the\s+|our\s+|her\s+|his\s+|their\s+)?(?P<ev>[a-z][\w'’-]+(?:\s+[a-z][\w'’-]+)?)"
    # "board meeting Wednesday 2 Feb" needs no "on" when a weekday and its day of the month follow
    # … and "Thu 14 Oct" / "on Tue 26 Oct": a short weekday with its day of the month as well
    rf"\s+(?:on\s+(?=(?:the\s+)?[0-3]?\d|\w+day\b|{_WD_PLAIN}\.?\s+[0-3]?\d\b)|(?=(?:\w+day|{_WD_PLAIN})\.?\s+[0-3]?\d\b)"
    # … nor a line that is only the event and its day: "○ leadership offsite 19 Aug" in a bullet journal
    rf"|(?=[0-3]?\d(?:st|nd|rd|th)?\s+{_MON.replace('?P<mon>', '?:')}\.?\s*$))",
    re.I,
)
# "pre-mortem on the ERP go-live (1 Sept)": the event's date in brackets right after it
_EVENT_PAREN = re.compile(
    r"\b(?:the|our|her|his|their)\s+(?P<ev>[\w'’-]+(?:\s+[\w'’-]+)?)\s+\("
    rf"(?=[0-3]?\d(?:st|nd|rd|th)?\s+{_MON.replace('?P<mon>', '?:')}\.?\))",
    re.I,
)
# "book a prep call before the board": the date the notes give the event ("board on the 14th")
_BEFORE_EVENT = re.compile(
    r"\b(?:before|ahead of|prior to|in time for|by) (?:the |our |her |his |their )?"
    r"(?P<ev>[\w'’-]+(?: [\w'’-]+){0,2})",
    re.I,
)
_EVENT_STOP = {"meeting", "session", "call", "day", "week", "the"}


def _event_key(words: str) -> frozenset[str]:
    ws = {w.lower().strip("'’-") for w in words.split()}
    return frozenset(w for w in ws if len(w) > 2) - _EVENT_STOP or frozenset(ws)


# an event over days: "Thu 8 – Fri 9 Feb", "8-9 February", "the 8th to the 9th of Feb"
_DAY_RANGE = re.compile(
    rf"(?:{_WD_PLAIN}\.?,?\s+)?(?:the\s+)?(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:[-–—]|to)\s*"
    rf"(?:{_WD_PLAIN}\.?,?\s+)?(?:the\s+)?[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\b",
    re.I,
)


_LEAVE, _BACK = frozenset({"leave"}), frozenset({"back"})
_LEAVE_KIND = r"(?:(?:annual|parental|maternity|paternity|sick|study|compassionate|long)\s+)?"
_ON_LEAVE = re.compile(
    rf"\b(?:on|goes on|going on|starts?)\s+{_LEAVE_KIND}leave\s+(?:from\s+|starting\s+)?", re.I
)
_BACK_ON = re.compile(
    r"\b(?:back\s+from\s+(?:\w+\s+)?leave|(?:(?:she|he|they)['’]s|is|are|be|returns?|returning)\s+back"
    r"(?:\s+at\s+work|\s+in\s+the\s+office)?|returns?\s+(?:from\s+(?:\w+\s+)?leave|to\s+work))\s+(?:on\s+)?",
    re.I,
)
# "before she goes on leave", "ahead of her leave": the day the notes say the leave starts
_BEFORE_LEAVE = re.compile(
    r"\b(?:before|ahead of|prior to)\s+(?:(?:she|he|they|i|you)\s+(?:goes|go|is going|are going|heads?)\s+"
    rf"(?:off\s+)?on\s+|(?:her|his|their|my|your|the)\s+){_LEAVE_KIND}leave\b",
    re.I,
)


@contextmanager
def event_dates(texts: Iterable[str], s: date, nx: date | None) -> Iterator[None]:
    """Remember the dates the notes give events ("The board meeting is on the 22nd") while drafting them,
    so that "the day after the board meeting" can be counted from it."""
    events: list[tuple[frozenset[str], date]] = []
    texts = list(texts)
    full: set[date] = set()
    for text in texts:  # dates written with their month, for a bare "the 14th" elsewhere to take it from
        for m in (m for rx in _FULL_DATES_RX for m in rx.finditer(text)):
            try:
                full.add(date(s.year, MONTHS[m["mon"].lower()], int(m["day"])))
            except (KeyError, ValueError):
                continue
    full_token = _FULL_DATES.set(frozenset(_next_month_day(s, d.month, d.day) or d for d in full))
    for text in texts:
        for m in (m for rx in (_EVENT_IS, _EVENT_AT, _EVENT_PAREN) for m in rx.finditer(text)):
            span = _DAY_RANGE.match(text[m.end() : m.end() + 40])
            if span:  # "The offsite is Thu 8 – Fri 9 Feb": before it is before its first day
                first = _next_month_day(s, MONTHS[span["mon"].lower()[:3]], int(span["d1"]))
                if first:
                    events.append((_event_key(m["ev"]), first))
                continue
            after = find_due_phrases(text[m.end() : m.end() + 40], s, nx, relative=False)
            if after and after[0].start == 0 and after[0].due:
                events.append((_event_key(m["ev"]), after[0].due))
    for text in texts:
        # "on leave 28 Feb – 10 Mar; back from leave 13 Mar": when she goes and when she is back
        for rx, key in ((_ON_LEAVE, _LEAVE), (_BACK_ON, _BACK)):
            for m in rx.finditer(text):
                after = find_due_phrases(text[m.end() : m.end() + 40], s, nx, relative=False)
                if after and after[0].start == 0 and after[0].due:
                    events.append((key, after[0].due))
    token = _EVENTS.set(tuple(events))
    stated = next((m for text in texts for m in [_FY_STATED.search(text)] if m), None)
    fy_token = _FY_START.set(MONTHS[stated["mon"].lower()[:3]] if stated else 1)
    try:
        yield
    finally:
        _EVENTS.reset(token)
        _FY_START.reset(fy_token)
        _FULL_DATES.reset(full_token)


def _shift(anchor: date, m: re.Match[str]) -> date:
    sign = -1 if m["dir"].lower() in ("before", "ahead of") else 1
    if m["part"] and m["part"].lower().endswith("week"):  # "the week after the board": as "next week"
        week = anchor + timedelta(days=7 if sign > 0 and m["dir"].lower() != "of" else 0)
        return week + timedelta(days=4 - week.weekday())
    if m["part"]:
        return anchor if m["dir"].lower() == "of" else anchor + timedelta(days=sign)
    if m["wday"]:
        gap = (WEEKDAYS[m["wday"].lower()] - anchor.weekday()) * sign % 7 or 7
        return anchor + timedelta(days=gap * sign)
    n = _n(m["n"].lower())
    if m["unit"].lower().startswith("w"):
        return anchor + timedelta(days=7 * n * sign)
    if not m["work"]:
        return anchor + timedelta(days=n * sign)
    return _working_days(anchor, n, sign)


def _working_days(anchor: date, n: int, sign: int) -> date:
    d = anchor
    while n:
        d += timedelta(days=sign)
        n -= d.weekday() < 5
    return d


def _relative_phrases(
    text: str, s: date, nx: date | None, taken: bytearray
) -> list[tuple[re.Match[str], int, date | None, str]]:
    """The offsets from another date in a sentence: (match, end of the whole phrase, date or None, note)."""
    out = []
    for m in _OFFSET.finditer(text):
        if m["dir"].lower() == "of" and not m["part"]:
            continue  # "two days of workshops": a length, not an offset
        if m["part"] and m["part"].lower().endswith("week") and m["dir"].lower() != "after":
            continue  # "the week before the board": a span ahead of it (see `_before_events`)
        tail = text[m.end() :]
        if _ANCHOR_THAT.match(tail) or re.match(r"\s*(?:[.;!?]|$)", tail):
            that = _ANCHOR_THAT.match(tail)
            end = m.end() + (that.end() if that else 0)
            out.append((m, end, None, "that"))
            continue
        ev = _EVENT_WORDS.match(tail)
        if not ev:
            continue
        end, due, note = m.end() + ev.end(), None, AFTER_EVENT
        stated = find_due_phrases(tail[: ev.end() + 30], s, nx, relative=False)
        near = [
            p
            for p in stated
            if p.due and re.fullmatch(r"[^.;]{0,45}?(?:\bon |\bof |, |\()?", tail[: p.start])
        ]
        if near:
            end, due, note = m.end() + near[0].end, _shift(near[0].due, m), "counted from the event's date"
        elif re.fullmatch(
            r"(?:today|(?:the|this|our|today['’]s) (?:session|call))\s*", tail[: ev.end()], re.I
        ):
            due, note = _shift(s, m), "counted from the session"
        else:
            key = _event_key(ev["ev"])
            for words, when in reversed(_EVENTS.get()):
                if words & key:
                    due, note = _shift(when, m), "counted from the date the notes give the event"
                    break
        out.append((m, end, due, note))
    for m in _FOLLOWING.finditer(text):
        # "debrief the AGM with the chair the following Monday": that weekday's first one past the event
        # the sentence names, when the notes date it; with no dated event the weekday is read as ever
        named = {w.lower().strip("'’-") for w in re.findall(r"[\w'’-]+", text[: m.start()])}
        when = next((d for ws, d in reversed(_EVENTS.get()) if ws <= named), None)
        if when:
            gap = (WEEKDAYS[m["wday"].lower()] - when.weekday()) % 7 or 7
            out.append((m, m.end(), when + timedelta(days=gap), "the weekday after the event's date"))
    for m, end, _, _ in out:
        taken[m.start() : end] = b"\x01" * (end - m.start())
    return out


def _before_events(text: str, found: list[DuePhrase], taken: bytearray) -> list[DuePhrase]:
    """'before the board' with no date beside it: the date the notes give the board elsewhere."""
    out = []
    leave = next((d for ws, d in reversed(_EVENTS.get()) if ws == _LEAVE), None)
    for m in _BEFORE_LEAVE.finditer(text) if leave else ():
        if not any(taken[m.start() : m.end()]):
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            out.append(
                DuePhrase(m.start(), m.end(), m.group(0), leave, 3, "the day the notes say the leave starts")
            )
    for m in _BEFORE_EVENT.finditer(text):
        if any(taken[m.start() : m.end()]) or any(0 <= p.start - m.end() <= 12 for p in found):
            continue  # "before the board on the 14th": the date written beside it rules
        if re.search(r"\bthe (?:week|fortnight|month)\s+$", text[: m.start()], re.I):
            continue  # "the week before the board": a span ahead of it, not the board's own date
        words = m["ev"].split()
        for k in range(len(words), 0, -1):
            key = _event_key(" ".join(words[:k]))
            when = next((d for ws, d in reversed(_EVENTS.get()) if ws == key), None)
            if when is None and len(key) == 1:
                # "before the offsite" after "at the leads' offsite on 2 May": the same event, named shorter
                named = {d for ws, d in _EVENTS.get() if key < ws}
                when = named.pop() if len(named) == 1 else None
            if when:
                end = m.start("ev") + len(" ".join(words[:k]))
                out.append(
                    DuePhrase(m.start(), end, text[m.start() : end], when, 3, "the date the notes give it")
                )
                break
    return out


_QUOTED = re.compile(r'"[^"\n]{1,60}"|“[^”\n]{1,60}”')
_MOVED_TO = re.compile(
    r"\b(?:move|moves|moving|reschedule|reschedules|rescheduling|push|pushes|pushing|shift|shifts|shifting|"
    r"postpone|postpones|postponing)\b(?:[^.;,:()]|:(?=\S)){0,40}?\s(?:to|till|until)\s+$",
    re.I,
)

# "move our session on the 25th to July": the date names the session being moved, not when to move it
_MOVED_FROM = re.compile(
    r"\b(?:move|moves|moving|reschedule|reschedules|rescheduling|push|pushes|pushing|shift|shifts|shifting|"
    r"postpone|postpones|postponing)\b[^.;,:()]{0,40}?\b(?:session|call|meeting|1:1|one-to-one|catch-up|"
    r"check-in|appointment)s?\s+(?:(?:on|of|from)\s+)?(?:the\s+)?$",
    re.I,
)

# "I'll offer her Tues 24th or Thurs 26th": the times offered to meet, not when the offer is due
_OFFERED = re.compile(
    r"\b(?:offer|offers|offered|offering|propose|proposes|proposed|proposing)\s+"
    r"(?:(?:her|him|them|you|(?-i:[A-Z][\w'’-]+))\s+)?"
    r"(?:(?:either|the|a\s+slot\s+on|slots?\s+on|times?\s+on)\s+)?(?:[\w ]{1,20}?\s+or\s+)?$",
    re.I,
)

# "she can't make the 12th", "I'm away on Friday": a day someone is not free, not when a thing is due
_NOT_FREE = re.compile(
    r"(?:\b(?:can['’]?t|cannot|can\s+not|couldn['’]?t|won['’]?t\s+be\s+able\s+to)\s+(?:make|do)"
    r"|\b(?:is|am|are|be|['’]s|['’]m|['’]re)\s+(?:away|unavailable|not\s+available|out\s+of\s+(?:the\s+)?office))"
    r"\s+(?:it\s+)?(?:on\s+|from\s+)?(?:the\s+)?$",
    re.I,
)


# after a weekday: the plural part of the day, or another weekday then it ("Tuesday and Thursday mornings")
_RECURRING_AFTER = re.compile(
    rf"(?:\s*(?:,|and|or|&|/)\s*{_WD_PLAIN})*\s*(?:mornings|afternoons|evenings|nights)\b", re.I
)
# after a weekday with no "by"/"on" before it: a plural noun it qualifies ("Sunday pipeline reviews", "Friday
# one-to-ones"), a kind of meeting held every such day
_KIND_AFTER = re.compile(
    r"\s+(?!(?:she|he|they|it|we|i|you|that|this|the|a|an|his|her|their|is|was|has|as|so|and|or|but)\b)"
    r"(?:[a-z][\w-]*\s+)?(?!(?:is|was|has|as|does|goes|says|needs|wants)\b)[a-z][\w-]*[^s'’\W]s\b(?!['’])"
)


def find_due_phrases(
    text: str, session_date: date, next_session: date | None, relative: bool = True
) -> list[DuePhrase]:
    """Every date phrase in a sentence, left to right, resolved against the session date."""
    taken = bytearray(len(text) + 1)  # the characters a phrase already covers
    found: list[DuePhrase] = []
    offsets = _relative_phrases(text, session_date, next_session, taken) if relative else []
    quoted = list(_QUOTED.finditer(text))
    for rx, fn in _COMPILED:
        for m in rx.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            before = text[max(0, m.start() - 80) : m.start()]  # what the patterns look back on
            if (
                rx.pattern.startswith(r"\b(?:this |on |by ")
                and _NOT_A_DATE_BEFORE.search(before)
                # "a note on Thursday": the preposition makes the day a date, whatever comes before it
                and not re.match(r"(?:on|by|before|until|from|starting)\s", m.group(0), re.I)
                # "grab him after the Thursday stand-up": a meeting's next one, as "at Thursday's 1:1"
                # (not "chair the Monday ops call", a standing meeting with no time to do it)
                and not re.search(r"\b(?:at|after|before|ahead\s+of|following)\s+the\s+$", before, re.I)
            ):
                continue  # "the Monday stand-up", "every Friday", "last Thursday", "a no-meeting Friday"
            if re.search(r"\blast\s+$", before, re.I):
                continue
            if _NOT_FREE.search(before) or _OFFERED.search(before):
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                continue
            if _MOVED_TO.search(before) or (
                _MOVED_FROM.search(before)
                and re.match(r"\s+(?:to|till|until|back|forward|out)\b", text[m.end() :], re.I)
            ):
                # "move our next session to the 28th": when the thing moved will be, not when to move it
                taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
                continue
            if rx.pattern.startswith("(?<!for )") and any(q.start() < m.start() < q.end() for q in quoted):
                continue  # a bare "90 days" inside quotes names a thing ('the "first 90 days" plan')
            if re.search(r"\b\w+day$", m.group(0), re.I) and (
                _RECURRING_AFTER.match(text[m.end() :])
                or (
                    not re.search(r"\b(?:by|on|before|until|till|due|from|this|next|for)\s+$", before, re.I)
                    and not re.match(
                        r"(?:by|on|before|until|till|due|from|this|next)\b", head0 := m.group(0), re.I
                    )
                    and head0[:1].isupper()
                    and _KIND_AFTER.match(text[m.end() :])
                )
            ):
                # "block out Friday afternoons", "on Monday mornings", "Tuesday and Thursday mornings", "no
                # more Sunday pipeline reviews": every such day, not a date
                continue
            due, note = fn(m, session_date, next_session)  # type: ignore[operator]
            head = m.group(0).lower()
            strength = 1
            # "EOM", "COB Thu": shorthand that only ever names a deadline, with or without "by"
            if _STRONG_BEFORE.search(before) or head.startswith(
                ("by ", "before ", "until ", "eow", "eom", "cob")
            ):
                strength = 3
            elif _TAG_BEFORE.search(before) and len(text[m.end() :].strip(" .)!")) <= 2:
                strength = 2
            elif re.match(_NEXT_SESSION, head, re.I):
                strength = 3
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            found.append(DuePhrase(m.start(), m.end(), m.group(0), due, strength, note))
    if relative and _EVENTS.get():
        found += _before_events(text, found, taken)
    for m, end, due, note in offsets:  # left to right, so "two days after that" can count from the one before
        if note == "that":
            before = [p for p in sorted(found, key=lambda d: d.start) if p.end <= m.start() and p.due]
            due, note = (
                (_shift(before[-1].due, m), "counted from the date before it") if before else (None, "")
            )  # type: ignore[arg-type]
        found.append(DuePhrase(m.start(), end, text[m.start() : end], due, 3, note or AFTER_EVENT))
    found.sort(key=lambda d: d.start)
    for i, (a, b) in enumerate(zip(found, found[1:], strict=False)):
        if a.due and b.due and b.due > a.due and re.fullmatch(r",?\s*or\s+", text[a.end : b.start], re.I):
            # "this afternoon or Monday morning", "Thursday or Friday": the later choice is the deadline
            found[i] = replace(a, strength=min(a.strength, b.strength) - 1)
    return found


def pick_due(phrases: list[DuePhrase]) -> DuePhrase | None:
    """The phrase that sets the due date: the strongest, then a stated date over a season read as one
    ('before the holidays (by 18 Dec)'), then the first."""
    if not phrases:
        return None
    return max(phrases, key=lambda d: (d.strength, d.note not in _SEASONS, -d.start))
