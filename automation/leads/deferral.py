"""A lead who writes "not now, try me in March": the date she asked to hear from the coach again (pure).

Read in the new part of a reply (the quoted history is not hers), accents folded, in the languages the
timeline answers are read in. A date is understood only with words that put contact off ("try me", "get
back to me", "circle back", "revisit", "not right now", "melden Sie sich", "recontactez-moi", "ahora no"):
"we launch in March, can we talk this week?" names a month but defers nothing. What is named is read as a
timeline's start is (`timelines`): a month or quarter from its first day (the next one of that name), "mid-"
a month from the 15th, a season in the business's hemisphere ("after the summer" from its end), Easter's
Monday, the new year (or "next year", "after Christmas") from 1 January, a fiscal quarter when the reply
says the month its year starts in, a span ("in 3 months", "in a few weeks") from the day of the reply.
A sentence asking something with no date in it ("can you send a price list?") is a question the coach
answers now.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from automation.leads import timelines as tl


@dataclass(frozen=True)
class Deferral:
    until: date  # the day she asked to hear again
    words: str  # what was read, in her words ("in March")
    asks_now: bool = False  # she also asks something the coach answers now


def _fold_map(text: str) -> tuple[str, list[int]]:
    """`timelines.fold` with, for each folded character, the index of the character it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text.replace("\u2019", "'")):
        for c in unicodedata.normalize("NFKD", ch.lower()):
            if unicodedata.combining(c):
                continue
            if c.isspace():
                if not out or out[-1] == " ":
                    continue
                c = " "
            out.append(c)
            where.append(i)
    return "".join(out), where


# Words that put contact off, in English, German, French and Spanish (accents folded).
_CUE = re.compile(
    r"\b(?:try (?:me|us)|try again|get back (?:to (?:me|us)|in touch)|reach out|circle back|revisit"
    r"|follow(?:ing)?[- ]up|check (?:back|in) with (?:me|us)|check back|touch base|ping (?:me|us)"
    r"|(?:contact|call|email|e-mail|write to) (?:me|us)|come back to (?:me|us)"
    r"|let'?s (?:talk|speak|reconnect)|talk again|speak again|pick (?:this|it|things) up|reconnect"
    r"|not (?:right )?now|not at (?:the|this) moment"
    r"|not at this (?:time|stage|point)|not this year|bad timing|not (?:a|the) (?:priority|right time)"
    r"|im moment nicht|nicht jetzt|derzeit nicht|gerade (?:passt es )?nicht|melden sie sich|melde dich"
    r"|kommen sie (?:\w+ ){0,3}zuruck|pas (?:pour le moment|maintenant|pour l'instant|en ce moment)"
    r"|recontact\w*|revenez vers|relancez|reprenons contact|ahora no|no por ahora|escrib(?:eme|ame|enos)"
    r"|contact(?:ame|eme|enos)|hablamos|vuelv\w+ a (?:contactar|escribir))\b"
)
_PREP = (
    r"(?:in|from|after|until|till|by|around|before|mid|early|late|end of|start of|beginning of|im|ab|nach"
    r"|bis|anfang|mitte|ende|en|au|a|des|d'ici|apres|debut|fin|mi|a partir de|para|hasta|despues de"
    r"|a mediados de|a principios de|a finales de|desde)"
)
_MONTH_WORDS = "|".join(
    f"(?P<m{i}>{names})"
    for i, names in enumerate(tl._MONTH_NAMES, 1)  # noqa: SLF001
)
# "may" is a month only where a verb cannot be ("until May", "in May" not followed by a verb).
_MONTH = re.compile(
    rf"(?<!\w){_PREP}[\s-]+(?:(?:the )?(?:month of |mois de |mes de )?)(?:{_MONTH_WORDS})(?!\w)"
    r"(?! (?:be|have|not|i|we|you|they|need)\b)\.?(?:,? (?P<year>20\d{2}))?"
)
# A day of a month: "on 15 March", "the 3rd of March", "March 3rd", "am 15. März", "le 3 mars".
_DAY_MONTH = re.compile(
    rf"(?<!\w)(?:(?:on|by|from|after|until|till|the|am|ab|bis|le|el|des|du|a partir del?) "
    rf"(?P<d>[12]?\d|3[01])(?:st|nd|rd|th|er|\.)?(?: of| de)? (?:{_MONTH_WORDS})"
    rf"|(?:{_MONTH_WORDS.replace('?P<m', '?P<n')}) (?P<e>[12]?\d|3[01])(?:st|nd|rd|th)?)(?!\w)"
    r"(?:,? (?P<year>20\d{2}))?"
)
_PART = re.compile(r"(?P<mid>mid|mitte|a mediados de|mi)|(?P<late>late|end of|ende|fin|a finales de)")
_SEASON = re.compile(
    r"(?<!\w)(?:(?P<after>after|nach|apres|despues del?|once)\s+)?"
    r"(?:(?:in|im|en|au|a|the|this|next|coming|dem|den|l'|le|la|el|over|during|by|from|until)\s*)+"
    rf"(?:{'|'.join(f'(?P<s{k}>{v})' for k, v in tl._SEASONS.items())})(?!\w)"  # noqa: SLF001
)
_EASTER = re.compile(r"(?<!\w)(?:after|nach|apres|despues de|from|ab)\s+(?:the |den |les |la )?"
                     r"(?:easter|ostern|paques|pascua)(?!\w)")  # fmt: skip
_NEW_YEAR = re.compile(
    r"(?<!\w)(?:(?:in|after|from|into|early|until) )?(?:the )?(?:new year|next year)"
    r"|(?:im )?neuen jahr|nach neujahr|(?:im )?nachste[ns]? jahr|l'annee prochaine|l'an prochain"
    r"|apres le nouvel an|(?:el )?ano que viene|(?:el )?proximo ano|despues de ano nuevo"
)
_AFTER_CHRISTMAS = re.compile(
    r"(?<!\w)(?:after|nach|apres|despues de)\s+(?:the |den |les |las |el )?"
    r"(?:christmas|xmas|festive|weihnachten|noel|navidad|fetes|feiertagen|fiestas|holidays)(?!\w)"
)
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8,
          "a couple of": 2, "a couple": 2, "a few": 3, "few": 3, "several": 3}  # fmt: skip
_SPAN = re.compile(
    r"(?<!\w)(?:in|after|within|for)\s+(?:another |the next |about |around )?"
    r"(?P<n>\d{1,2}|a couple of|a couple|a few|few|several|an|a|one|two|three|four|five|six|eight)\s+"
    r"(?P<unit>days?|weeks?|months?)(?!\w)"
)
_QUESTION_START = re.compile(
    r"^(?:can|could|would|will|do|does|is|are|what|how|when|where|which|who|why|please send|send me"
    r"|konnen|konnten|pourriez|pouvez|podria|puede)\b"
)


def read_deferral(text: str, today: date, zone: str = "") -> Deferral | None:
    """The date a reply's new text (quoted history already cut) asks the coach to write again, or None."""
    folded, where = _fold_map(text)
    if not _CUE.search(folded):
        return None
    found = _when(folded, today, zone)
    if found is None:
        return None
    until, (start, end) = found
    words = text[where[start] : where[end - 1] + 1].strip(" .,;")
    return Deferral(until, words, _asks_now(folded, today, zone))


def _when(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    """The first of the readers below that finds a date after today, with where its words are."""
    for reader in (_span, _fiscal, _quarter, _easter, _day, _month, _season, _christmas, _new_year):
        got = reader(key, today, zone)
        if got is not None and got[0] > today:
            return got
    return None


def _span(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    m = _SPAN.search(key)
    if m is None:
        return None
    n = int(m["n"]) if m["n"].isdigit() else _COUNT[m["n"]]
    unit = m["unit"].rstrip("s")
    if unit == "month":
        return _add_months(today, n), m.span()
    return today + timedelta(days=n * (7 if unit == "week" else 1)), m.span()


def _add_months(day: date, n: int) -> date:
    month0 = day.month - 1 + n
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):  # 31 January + 1 month: the month's last day
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _fiscal(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    m = tl._FISCAL_QUARTER.search(key)  # noqa: SLF001
    opens = tl.fiscal_quarter_opens(key)
    return None if m is None or opens is None else (opens, m.span())


def _quarter(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    found = list(tl._QUARTER_IN.finditer(key))  # noqa: SLF001
    if len(found) != 1:
        return None
    m = tl._QUARTER.fullmatch(found[0].group(0))  # noqa: SLF001
    if m is None:
        return None
    quarter = int(m["digit"] or next(k[1:] for k, v in m.groupdict().items() if v and k[0] == "q"))
    if m["year"]:
        year = int(m["year"]) + (2000 if len(m["year"]) == 2 else 0)
    elif m["next"]:
        year = today.year + 1
    else:
        year = today.year if 3 * quarter - 2 > today.month else today.year + 1
    return date(year, 3 * quarter - 2, 1), found[0].span()


def _easter(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    m = _EASTER.search(key)
    if m is None:
        return None
    monday = tl._easter_sunday(today.year) + timedelta(days=1)  # noqa: SLF001
    if monday <= today:
        monday = tl._easter_sunday(today.year + 1) + timedelta(days=1)  # noqa: SLF001
    return monday, m.span()


def _day(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    found = list(_DAY_MONTH.finditer(key))
    if len(found) != 1:
        return None
    m = found[0]
    month = next(int(k[1:]) for k, v in m.groupdict().items() if v and k[0] in "mn")
    day = int(m["d"] or m["e"])
    year = int(m["year"]) if m["year"] else today.year
    try:
        when = date(year, month, day)
        if when <= today and not m["year"]:
            when = date(year + 1, month, day)
    except ValueError:
        return None
    return when, m.span()


def _month(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    found = list(_MONTH.finditer(key))
    months = {next(int(k[1:]) for k, v in m.groupdict().items() if v and k[0] == "m") for m in found}
    if len(months) != 1:
        return None  # none, or two months named: which one is not known
    m = found[-1]
    month = months.pop()
    part = _PART.match(m.group(0))
    day = 1 if part is None else 15 if part["mid"] else 20
    year = int(m["year"]) if m["year"] else today.year + (month <= today.month)
    return date(year, month, day), m.span()


def _season(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    found = list(_SEASON.finditer(key))
    if len(found) != 1:
        return None
    m = found[0]
    first = next(int(k[1:]) for k, v in m.groupdict().items() if v and k[0] == "s")
    if tl.southern_zone(zone, today.year):
        first = (first + 5) % 12 + 1
    for year in (today.year - 1, today.year, today.year + 1):
        start = date(year, first, 1)
        end = _add_months(start, 3)
        if end > today:
            return (end if m["after"] else max(start, today + timedelta(days=1))), m.span()
    return None


def _christmas(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    m = _AFTER_CHRISTMAS.search(key)
    if m is None or (not tl._CHRISTMAS.search(m.group(0)) and today.month < 11):  # noqa: SLF001
        return None  # "after the holidays" said before November names no holiday
    return date(today.year + 1, 1, 1), m.span()


def _new_year(key: str, today: date, zone: str) -> tuple[date, tuple[int, int]] | None:
    m = _NEW_YEAR.search(key)
    return None if m is None else (date(today.year + 1, 1, 1), m.span())


def _asks_now(key: str, today: date, zone: str) -> bool:
    """Whether a sentence of the reply asks something and names no date: the coach's answer is due now."""
    for sentence in re.split(r"(?<=[.?!])\s+", key):
        for part in re.split(r",\s*(?:but|and|then|aber|mais|pero)?\s*|\s+but\s+", sentence):
            part = part.strip()
            asking = part.endswith("?") or _QUESTION_START.match(part)
            if asking and _when(part, today, zone) is None:
                return True
    return False
