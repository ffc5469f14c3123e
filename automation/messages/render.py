"""Render a message's subject, HTML and plain text from Jinja2 templates (HTML autoescaped).

Templates live in `templates/email/<name>.html` (extends `_layout.html`) and `<name>.txt` (extends
`_layout.txt`); both get the same context: the caller's `data` plus `business`, `recipient_name`,
`subject`, `channel` and `unsubscribe_url` (marketing only). A missing variable is an error, never a blank.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from automation.errors import LeadershipOSError
from automation.messages.headers import one_line

if TYPE_CHECKING:
    import jinja2

    from automation.settings import BusinessSettings

TEMPLATE_DIR = Path(__file__).parent / "templates"
_MARK = re.compile(r"<!--los:text-sha256=([0-9a-f]{16})-->")
# Dollars other than the US one carry their country's prefix, as their clients write them (S$1,250.00).
_SYMBOLS = {
    "GBP": "£", "USD": "$", "EUR": "€", "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "SGD": "S$", "HKD": "HK$",
}  # fmt: skip


class TemplateProblem(LeadershipOSError, ValueError):
    """A template could not be rendered with the data given (names the template and the cause)."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str | None  # None for Slack


def text_digest(text: str) -> str:
    """A short hash of the plain text, robust to how Airtable stores line ends and trailing spaces."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n")]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def stamped_digest(html: str | None) -> str | None:
    """The text digest stamped into HTML at compose time (None when absent)."""
    match = _MARK.search(html or "")
    return match.group(1) if match else None


_HONORIFICS = {
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev", "revd", "fr", "hon",
    "capt", "captain", "col", "lt", "gen", "cmdr", "eng", "engr", "ing", "dipl", "mag", "herr", "frau", "mme",
    "mlle", "sra", "srta", "dra", "lord", "lady",
}  # fmt: skip
_INITIAL = re.compile(r"^\w\.?$")  # "J." or "J"
# "Robert (Bob) Smith", 'Katherine "Kate" Jones': the one word in brackets or quotes after the first name is
# the name the person goes by.
_GOES_BY = re.compile(r"^\S+\s+(?:\(([^()\s]+)\)|[\"“‘']([^\"“”‘’'\s]+)[\"”’'])\s+\S")
# Vietnamese names put the family name first and are greeted by the last (given) name: "Nguyễn Văn An" is An.
# Written with its marks the family name says so alone; without them only the names no given name shares,
# in a name of three words or more (a family, a middle and a given name): "Tran Thi Mai", not "Mai Tran".
_VIET_FAMILY_MARKED = frozenset({
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ", "ngô", "dương",
    "lý", "đinh", "đoàn", "trương", "lâm", "trịnh", "lưu", "tạ", "quách", "tô", "hà", "đào", "lương",
})  # fmt: skip
_VIET_FAMILY_PLAIN = frozenset({
    "nguyen", "tran", "pham", "hoang", "huynh", "dang", "bui", "ngo", "duong", "dinh", "doan", "truong",
    "trinh", "luong",
})  # fmt: skip
# Two given names and two surnames, as Spanish and Portuguese names are written ("María José Hernández
# Ortega"): a compound given name led by one of these is the person's name whole ("Hi María" greets half).
_COMPOUND_GIVEN_LEAD = frozenset({
    "maría", "maria", "josé", "jose", "juan", "ana", "luis", "luiz", "joão", "joao",
})  # fmt: skip
_NAME_PARTICLES = frozenset({"de", "del", "da", "das", "do", "dos", "la", "las", "los", "y", "e"})
# Chinese names (Singapore, Malaysia, Hong Kong, the mainland) put the family name first and two given
# syllables after it: "Lim Wei Jie" is greeted "Wei Jie". Only three words, a common family name first, and
# two given names that read as single romanised syllables ("Wei", "Siew", "Keong"), so a Western "Lee Ann
# Smith" or "Ho John Carter" keeps its first word.
_CHINESE_FAMILY = frozenset({
    "tan", "lim", "lee", "ng", "ong", "wong", "goh", "chua", "chan", "koh", "teo", "ang", "yeo", "tay",
    "ho", "low", "toh", "sim", "chong", "chia", "foo", "seah", "heng", "quek", "leong", "lau", "yap",
    "khoo", "chew", "kwok", "cheung", "chow", "yeung", "tse", "chen", "wang", "zhang", "liu", "huang",
    "zhao", "zhou", "xu", "sun", "zhu", "guo", "lin", "luo", "zheng", "liang", "xie", "tang", "feng",
    "deng", "cao", "peng", "zeng", "xiao", "tian", "yuan", "pan", "cai", "jiang", "ye", "zhong", "shen",
    "yao", "cui", "li", "yang", "wu",
})  # fmt: skip
_SYLLABLE = re.compile(
    r"^(?:[bcdfghjklmnpqrstwxyz]|ch|sh|zh|ts|hs|ng){0,1}h?[aeiouy]{1,3}(?:ng|n|h|k|m|p|t|w|r)?$"
)
# A name written in Chinese characters, Japanese kana or Korean Hangul puts the family name first, always:
# "田中 浩" is Tanaka Hiroshi, and "Hi 田中," greets his family name as if it were his own. The given name
# alone is too familiar in those languages, so the greeting is the name as written.
_FAMILY_FIRST_SCRIPT = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_EMAIL_NAME = re.compile(r"^([a-z]{2,})[._-][a-z]{2,}(?:[._-][a-z]+)*$", re.I)  # "jane.smith", "jane_smith"


def _decoration(ch: str) -> bool:
    """An emoji or a symbol (with the joiners and selectors that build emoji), not a letter of a name."""
    return unicodedata.category(ch) in ("So", "Sk", "Sm", "Sc", "Cs", "Co") or ch in "\u200d\ufe0e\ufe0f"


def first_name(name: str | None) -> str | None:
    """The name to greet someone by, as a person would write it: 'dr. john smith' → 'John', 'SEAN O'BRIEN'
    → 'Sean', 'de la Cruz, maria' → 'Maria', 'mary-jane smith' → 'Mary-Jane', 'J. Robert Oppenheimer' →
    'Robert', 'Robert (Bob) Smith' → 'Bob', 'Nguyễn Văn An' → 'An' (family name first), '田中 浩' as
    written (family name first, in its script). A name written in mixed case ('DeShawn', 'iPhone') is left
    as written; None when there is no name. An address standing in for the name (a booking tool's
    fallback) gives the first name it spells ('jane.smith@…' → 'Jane'), else None: 'Hi jsmith@acme.com'
    reads as a mail merge gone wrong."""
    text = " ".join(re.sub(r"<[^<>@]*@[^<>]*>", " ", name or "").split())  # "Jane Smith <jane@…>"
    # Emoji and other symbols typed around a name ("🌟 Zoë 🌟") are decoration, never the name: "Hi 🌟,".
    text = " ".join("".join(ch for ch in text if not _decoration(ch)).split())
    if "@" in text:
        spelled = _EMAIL_NAME.match(text.split("@", 1)[0].split("+", 1)[0])
        return _cased(spelled.group(1).lower()) if spelled and " " not in text else None
    if "," in text:  # "Last, First" as a directory writes it
        last, _, rest = text.partition(",")
        text = rest.strip() or last.strip()
    goes_by = _GOES_BY.match(text)
    if goes_by:
        return _cased(goes_by.group(1) or goes_by.group(2))
    text = " ".join(re.sub(r"\([^()]*\)", " ", text).split()) or text  # "(Acme) Jane Smith": not her name
    every = [w for w in text.split(" ") if w]
    words = [w for w in every if w.lower().rstrip(".") not in _HONORIFICS]
    if not words:
        return None
    if len(words) > 1 and _FAMILY_FIRST_SCRIPT.search(words[0]):
        return " ".join(words)
    family = unicodedata.normalize("NFC", words[0]).lower()  # marks typed as separate characters too
    if len(words) > 1 and (family in _VIET_FAMILY_MARKED or family in _VIET_FAMILY_PLAIN and len(words) > 2):
        return _cased(words[-1])
    if len(words) == 3 and family in _CHINESE_FAMILY and all(_SYLLABLE.match(w.lower()) for w in words[1:]):
        return f"{_cased(words[1])} {_cased(words[2])}"
    if len(words) == 1 and len(every) > 1:  # "mr bean": a title and a surname are greeted together
        return f"{_cased(every[0].rstrip('.'))} {_cased(words[0])}"
    if _INITIAL.match(words[0]) and len(words) > 1:
        # "J. Robert Oppenheimer" goes by Robert; "J. Smith" is greeted as written
        given = next((w for w in words[1:-1] if not _INITIAL.match(w)), None)
        return _cased(given) if given else " ".join(_cased(w) for w in words)
    if (
        len(words) == 4
        and unicodedata.normalize("NFC", words[0]).lower() in _COMPOUND_GIVEN_LEAD
        and words[1].isalpha()
        and words[1].lower() not in _NAME_PARTICLES
    ):
        return f"{_cased(words[0])} {_cased(words[1])}"
    return _cased(words[0])


def _cased(word: str) -> str:
    if word.islower() or word.isupper():
        word = "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
        word = re.sub(r"(?<=['’])(\w)", lambda m: m.group(1).upper(), word)  # "d'arcy" → "D'Arcy"
    return word


def render(
    template: str,
    data: dict[str, Any],
    *,
    channel: str,
    subject: str,
    recipient_name: str | None,
    settings: BusinessSettings,
    unsubscribe_url: str | None = None,
) -> Rendered:
    """Render one message; HTML only for email. Raises TemplateProblem with the reason."""
    import jinja2

    general = settings.general
    context = {
        **data,
        "subject": one_line(subject),
        "channel": channel,
        "recipient_name": recipient_name,
        "first_name": first_name(recipient_name),
        "unsubscribe_url": unsubscribe_url,
        "preheader": data.get("preheader", ""),
        "business": {
            "name": general.business_name,
            "coach_name": general.coach_name,
            "coach_email": general.coach_email,
            "postal_address": general.postal_address,
            "currency": general.currency,
            "logo_url": general.logo_url.strip() or None,
        },
    }
    # A message to one person about her session may carry her own zone (`time_zone`, checked when drafted):
    # its times are then on her clock; otherwise, and for anything else, the business's.
    env = _environment(str(data.get("time_zone") or general.time_zone), general.currency)
    try:
        text = _tidy_text(env.get_template(f"email/{template}.txt").render(context))
        html = env.get_template(f"email/{template}.html").render(context) if channel == "Email" else None
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"template {exc.name!r} does not exist") from exc
    except (jinja2.UndefinedError, jinja2.TemplateError, TypeError, ValueError) as exc:
        raise TemplateProblem(f"template {template!r}: {exc}") from exc
    if html is not None:
        html = html.replace("</body>", f"<!--los:text-sha256={text_digest(text)}-->\n</body>", 1)
    return Rendered(subject=one_line(subject), text=text, html=html)


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


@lru_cache(maxsize=4)
def _environment(time_zone: str, currency: str) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    from automation.text import date_text, day_text, month_first_zone

    tz = ZoneInfo(time_zone)
    # A reader in the US or Canada reads her dates month first and her times in AM / PM (schedule/times.py)
    us = month_first_zone(time_zone)
    env.filters["money"] = lambda value, code=None: money(value, code or currency)
    env.filters["day"] = lambda value: date_text(_as_date(value, tz), us, long=True)
    env.filters["short_day"] = lambda value: day_text(_as_date(value, tz), us)
    # With the zone's abbreviation (14:00 GMT, 09:00 EST): a client or associate elsewhere reads the time
    # right, and the hour repeated when the clocks go back is told apart (01:30 BST, 01:30 GMT).
    env.filters["when"] = lambda value: _when(_as_datetime(value).astimezone(tz), us)
    env.filters["paragraphs"] = paragraphs
    env.globals["inline_chart"] = _inline_chart
    env.filters["pct"] = lambda value: f"{float(value) * 100:.0f}%"
    return env


def money(value: Any, currency: str) -> str:
    """£1,250.00 style for the currencies with a sign of their own (_SYMBOLS); others by their code,
    "1,250.00 CHF" (a sign several currencies share, ¥ or kr, would be a guess); a currency without minor
    units (JPY, KRW) whole, "33,000 JPY" (a fraction it cannot carry still shows)."""
    from automation.money import WHOLE_IN_HUNDREDTHS, ZERO_DECIMAL

    amount = float(value or 0)
    symbol = _SYMBOLS.get(currency.upper())
    sign = "-" if amount < 0 else ""
    whole = currency.lower() in ZERO_DECIMAL | WHOLE_IN_HUNDREDTHS and amount == int(amount)
    figure = f"{abs(amount):,.0f}" if whole else f"{abs(amount):,.2f}"
    return f"{sign}{symbol}{figure}" if symbol else f"{sign}{figure} {currency.upper()}"


def paragraphs(text: str | None) -> Any:
    """Plain text → escaped <p> paragraphs (blank line = new paragraph, newline = <br>)."""
    from markupsafe import Markup, escape

    style = "margin:0 0 16px 0;"
    parts = [p.strip() for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n")) if p.strip()]
    return Markup("\n").join(
        Markup('<p style="{}">{}</p>').format(
            style, Markup("<br>\n").join(escape(line) for line in p.split("\n"))
        )
        for p in parts
    )


def _as_date(value: Any, tz: ZoneInfo) -> date:
    if isinstance(value, datetime):
        return value.astimezone(tz).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    return _as_datetime(text).astimezone(tz).date() if "T" in text else date.fromisoformat(text)


def _when(local: datetime, month_first: bool = False) -> str:
    from automation.text import clock_text, date_text, zone_abbreviation

    day = date_text(local, month_first, long=True, year=False)
    return f"{day}, {clock_text(local, month_first)} {zone_abbreviation(local)}"


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def _inline_chart(name: str, title: str, bars: list[Any]) -> str:
    """`<img src="cid:…">` and the comment carrying its data: drawn as an inline PNG when the email leaves."""
    from markupsafe import Markup, escape

    from automation.messages.inline_images import chart_cid, chart_marker

    cid = chart_cid(name)
    data = [(b["label"], b["value"]) if isinstance(b, dict) else tuple(b) for b in bars]
    shown = [b.get("display") for b in bars if isinstance(b, dict) and b.get("display")]
    img = (
        f'<img src="cid:{cid}" alt="{escape(title)} (chart)" width="600" style="display:block;width:100%;'
        'max-width:600px;height:auto;border:0;margin:0 0 12px 0;">'
    )
    return Markup(img + chart_marker(cid, title, data, shown if len(shown) == len(data) else None))
