"""A time zone as people type it into a Time Zone cell or the business's Settings, read as the IANA zone they
meant (pure rule): a UTC offset ("UTC+5:30", "GMT-8"), a common abbreviation ("PST", "AEST", "CET"), a
country with one clock ("India", "Japan", "UK"), or a large city the tz database does not name ("Mumbai",
"San Francisco"). A spelling that names several clocks ("IST", "USA", "Spain") is refused, naming them, so
the coach picks one rather than the code guessing hours wrong. The tz database's own names, in any case, and
its cities are read before any of this (settings.general.zone_name)."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources

# Abbreviations that name one clock where coaches write them. Summer and winter forms name the same zone: the
# zone keeps its daylight saving, as a person writing "PST" in July means Pacific time.
ABBREVIATIONS = {
    **dict.fromkeys(("PST", "PDT", "PT", "PACIFIC"), "America/Los_Angeles"),
    **dict.fromkeys(("MST", "MDT", "MT", "MOUNTAIN"), "America/Denver"),
    **dict.fromkeys(("CST", "CDT", "CT", "CENTRAL"), "America/Chicago"),
    **dict.fromkeys(("EASTERN",), "America/New_York"),
    **dict.fromkeys(("AKST", "AKDT"), "America/Anchorage"),
    **dict.fromkeys(("HST", "HAST"), "Pacific/Honolulu"),
    **dict.fromkeys(("NST", "NDT"), "America/St_Johns"),
    **dict.fromkeys(("BST", "UK TIME", "UK"), "Europe/London"),
    **dict.fromkeys(("CET", "CEST", "MEZ", "CENTRAL EUROPEAN"), "Europe/Paris"),
    **dict.fromkeys(("EET", "EEST", "EASTERN EUROPEAN"), "Europe/Athens"),
    **dict.fromkeys(("WET", "WEST", "WESTERN EUROPEAN"), "Europe/Lisbon"),
    **dict.fromkeys(("MSK",), "Europe/Moscow"),
    **dict.fromkeys(("SAST",), "Africa/Johannesburg"),
    **dict.fromkeys(("WAT",), "Africa/Lagos"),
    **dict.fromkeys(("EAT",), "Africa/Nairobi"),
    **dict.fromkeys(("PKT",), "Asia/Karachi"),
    **dict.fromkeys(("NPT",), "Asia/Kathmandu"),
    **dict.fromkeys(("ICT",), "Asia/Bangkok"),
    **dict.fromkeys(("WIB",), "Asia/Jakarta"),
    **dict.fromkeys(("PHT", "PHST"), "Asia/Manila"),
    **dict.fromkeys(("SGT",), "Asia/Singapore"),
    **dict.fromkeys(("HKT",), "Asia/Hong_Kong"),
    **dict.fromkeys(("JST",), "Asia/Tokyo"),
    **dict.fromkeys(("KST",), "Asia/Seoul"),
    **dict.fromkeys(("AWST",), "Australia/Perth"),
    **dict.fromkeys(("ACST", "ACDT"), "Australia/Adelaide"),
    **dict.fromkeys(("AEST", "AEDT"), "Australia/Sydney"),
    **dict.fromkeys(("NZST", "NZDT", "NZT"), "Pacific/Auckland"),
    **dict.fromkeys(("BRT",), "America/Sao_Paulo"),
    **dict.fromkeys(("ART",), "America/Argentina/Buenos_Aires"),
}
# Abbreviations several clocks share: refused, naming them.
AMBIGUOUS = {
    "IST": "Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)",
    "AST": "America/Halifax (Atlantic) or Asia/Riyadh (Arabia)",
    "GST": "Asia/Dubai (Gulf) or Atlantic/South_Georgia",
    "ADT": "America/Halifax (Atlantic)",
}
# Large cities the tz database does not name, each in the zone of its country's clock there.
CITIES = {
    **dict.fromkeys(
        ("mumbai", "bombay", "delhi", "new delhi", "bangalore", "bengaluru", "chennai", "pune", "hyderabad",
         "ahmedabad", "gurgaon", "gurugram", "noida"),
        "Asia/Kolkata",
    ),
    **dict.fromkeys(("beijing", "shenzhen", "guangzhou", "hangzhou", "chengdu"), "Asia/Shanghai"),
    **dict.fromkeys(("osaka", "kyoto", "yokohama"), "Asia/Tokyo"),
    **dict.fromkeys(("abu dhabi", "sharjah"), "Asia/Dubai"),
    **dict.fromkeys(("tel aviv",), "Asia/Jerusalem"),
    **dict.fromkeys(("cape town", "durban", "pretoria"), "Africa/Johannesburg"),
    **dict.fromkeys(("abuja",), "Africa/Lagos"),
    **dict.fromkeys(
        ("manchester", "birmingham", "leeds", "bristol", "edinburgh", "glasgow", "cardiff", "belfast"),
        "Europe/London",
    ),
    **dict.fromkeys(
        ("munich", "frankfurt", "hamburg", "cologne", "düsseldorf", "dusseldorf", "stuttgart"),
        "Europe/Berlin",
    ),
    **dict.fromkeys(("milan", "turin", "naples", "florence"), "Europe/Rome"),
    **dict.fromkeys(("barcelona", "valencia", "seville", "bilbao"), "Europe/Madrid"),
    **dict.fromkeys(("lyon", "marseille", "toulouse", "nice", "bordeaux"), "Europe/Paris"),
    **dict.fromkeys(("geneva", "basel", "lausanne"), "Europe/Zurich"),
    **dict.fromkeys(("rotterdam", "the hague", "utrecht", "eindhoven"), "Europe/Amsterdam"),
    **dict.fromkeys(("antwerp", "ghent"), "Europe/Brussels"),
    **dict.fromkeys(("cork", "galway"), "Europe/Dublin"),
    **dict.fromkeys(("porto",), "Europe/Lisbon"),
    **dict.fromkeys(("krakow", "kraków", "gdansk", "wroclaw"), "Europe/Warsaw"),
    **dict.fromkeys(("gothenburg",), "Europe/Stockholm"),
    **dict.fromkeys(("st petersburg", "saint petersburg"), "Europe/Moscow"),
    **dict.fromkeys(
        ("san francisco", "seattle", "portland", "san diego", "san jose", "silicon valley", "bay area",
         "las vegas", "sacramento", "palo alto", "oakland"),
        "America/Los_Angeles",
    ),
    **dict.fromkeys(("salt lake city", "albuquerque"), "America/Denver"),
    **dict.fromkeys(
        ("dallas", "houston", "austin", "san antonio", "minneapolis", "st louis", "saint louis",
         "kansas city", "nashville", "new orleans", "milwaukee"),
        "America/Chicago",
    ),
    **dict.fromkeys(
        ("boston", "washington", "washington dc", "washington d.c.", "dc", "atlanta", "miami", "philadelphia",
         "pittsburgh", "charlotte", "baltimore", "orlando", "raleigh", "cleveland", "columbus", "tampa"),
        "America/New_York",
    ),
    **dict.fromkeys(("montreal", "montréal", "ottawa", "quebec", "québec"), "America/Toronto"),
    **dict.fromkeys(("calgary",), "America/Edmonton"),
    **dict.fromkeys(("rio", "rio de janeiro", "brasilia", "brasília"), "America/Sao_Paulo"),
    **dict.fromkeys(("guadalajara", "monterrey"), "America/Mexico_City"),
    **dict.fromkeys(("canberra",), "Australia/Sydney"),
    **dict.fromkeys(("gold coast",), "Australia/Brisbane"),
    **dict.fromkeys(("wellington", "christchurch"), "Pacific/Auckland"),
    # Countries whose other clocks are islands or regions few businesses mean by the country's name
    **dict.fromkeys(("china", "prc"), "Asia/Shanghai"),
    **dict.fromkeys(("new zealand", "nz"), "Pacific/Auckland"),
    **dict.fromkeys(("spain", "españa"), "Europe/Madrid"),
    **dict.fromkeys(("chile",), "America/Santiago"),
    **dict.fromkeys(("ecuador",), "America/Guayaquil"),
}  # fmt: skip
# What people call a country beside the tz database's country list (iso3166.tab)
COUNTRIES = {
    "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "usa": "US", "u.s.": "US", "u.s.a.": "US",
    "america": "US",
    "united states of america": "US", "uae": "AE", "emirates": "AE", "holland": "NL", "south korea": "KR",
    "korea": "KR", "czechia": "CZ", "russia": "RU", "vietnam": "VN", "turkey": "TR", "türkiye": "TR",
}  # fmt: skip


class AmbiguousZone(ValueError):
    """What was typed names several clocks; the message says which to write."""


_OFFSET = re.compile(
    r"^(?:utc|gmt|z)?\s*([+\-−])\s*(\d{1,2})(?:[:.h]?(\d{2}))?(?:\s*h(?:rs?|ours?)?)?$", re.I
)


def _zone_files(name: str) -> str:
    """A table of the tz database (zone.tab, iso3166.tab) from the tzdata package, which every install has
    (icalendar needs it), else the system's copy; '' when neither is there."""
    try:
        return resources.files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        try:
            with open(f"/usr/share/zoneinfo/{name}", encoding="utf-8") as fh:
                return fh.read()
        except OSError:
            return ""


def unaccented(text: str) -> str:
    """`text` with its accents taken off ("São Paulo" → "Sao Paulo", "Zürich" → "Zurich"): the tz database
    spells its cities and most of its countries in ASCII, and people type them as they are written."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def _countries() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(country name or code, lower case → code, code → its zones in the database's order, main one first)."""
    names: dict[str, str] = {}
    for line in _zone_files("iso3166.tab").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        code, name = line.split("\t", 1)
        names[code.lower()] = code
        for part in re.split(r"\s*[()&]\s*", name):  # "Britain (UK)", "Korea (South)"
            if part.strip():
                names.setdefault(part.strip().lower(), code)
        names[name.strip().lower()] = code
        names.setdefault(unaccented(name.strip().lower()), code)  # "Curaçao", typed "Curacao"
    names.update({k: v for k, v in COUNTRIES.items()})
    zones: dict[str, list[str]] = {}
    for line in _zone_files("zone.tab").splitlines():
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 3:
            zones.setdefault(cols[0], []).append(cols[2])
    return names, zones


def _offsets(zone: str, year: int) -> tuple[timedelta | None, timedelta | None]:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone)
    return (
        datetime(year, 1, 15, 12, tzinfo=UTC).astimezone(tz).utcoffset(),
        datetime(year, 7, 15, 12, tzinfo=UTC).astimezone(tz).utcoffset(),
    )


def _by_offset(sign: str, hours: str, minutes: str | None) -> str:
    """The clock an offset names, when it names one: where some place keeps that offset only half the year
    (UTC+1 is Paris in winter and Lagos all year), the offset alone says nothing of summer time, so the
    coach is asked for the place rather than a session six months on being read an hour off."""
    typed = f"UTC{'-' if sign in '-−' else '+'}{int(hours)}" + (
        f":{minutes}" if minutes and minutes != "00" else ""
    )
    if int(hours) > 14 or int(minutes or 0) >= 60:
        raise ValueError(f"{typed} is no clock's offset")
    total = (int(hours) * 60 + int(minutes or 0)) * (-1 if sign in "-−" else 1)
    wanted = timedelta(minutes=total)
    year = datetime.now(UTC).year
    _, zones = _countries()
    named = {*ABBREVIATIONS.values(), *CITIES.values()}  # a clock people name first ("IST" for +05:30)
    every = sorted({z for zs in zones.values() for z in zs}, key=lambda z: (z not in named, z))
    at = [(z, _offsets(z, year)) for z in every]
    at = [(z, (jan, jul)) for z, (jan, jul) in at if wanted in (jan, jul)]
    seasonal = [z for z, (jan, jul) in at if jan != jul]
    steady = [z for z, (jan, jul) in at if jan == jul]
    if seasonal:
        also = f" or {steady[0]} (no summer time)" if steady else ""
        raise AmbiguousZone(
            f"{typed!r} is the clock of places with and without summer time: write the place, e.g. "
            f"{seasonal[0]} (summer time){also}"
        )
    if total % 60 == 0:  # the database's fixed offsets, named with the sign reversed (POSIX)
        return "UTC" if total == 0 else _etc(total)
    if steady:
        return steady[0]
    raise ValueError(f"no time zone keeps {typed}: write its IANA name")


def offset_clock(text: str) -> str | None:
    """The fixed clock a whole-hour offset typed alone names ("UTC+12" is Etc/GMT-12, POSIX's sign), its
    summer time unknown: enough to tell how far apart two people are (an hour either way), not to write a
    session's time (loose_zone asks for the place then); None when `text` is no such offset."""
    m = _OFFSET.match(" ".join((text or "").split()).lower())
    if m is None:
        return None
    sign, hours, minutes = m.groups()
    if int(hours) > 14 or (minutes or "00") != "00":
        return None
    return _etc(int(hours) * (-60 if sign in "-−" else 60))


def _etc(minutes: int) -> str:
    """The fixed clock `minutes` east of UTC (a whole hour), named with the sign reversed (POSIX)."""
    return "Etc/UTC" if minutes == 0 else f"Etc/GMT{'+' if minutes < 0 else '-'}{abs(minutes) // 60}"


def loose_zone(text: str) -> str | None:
    """The IANA zone `text` means, read as people write one (see the module); None when it reads as none of
    these. ValueError, saying which clocks, when it names several."""
    from automation.settings.general import zone_name

    wanted = " ".join(text.strip().split())
    low = wanted.lower().rstrip(".")
    for suffix in (" standard time", " time zone", " timezone", " time"):
        if low.endswith(suffix) and low[: -len(suffix)].strip():  # "Sydney time", "Pacific Standard Time"
            try:
                return zone_name(low[: -len(suffix)].strip())
            except AmbiguousZone:
                raise
            except ValueError:
                return None
    upper = low.upper()
    offset = _OFFSET.match(low)
    if offset:
        return _by_offset(*offset.groups())
    if upper in AMBIGUOUS:
        raise AmbiguousZone(f"{wanted!r} names several time zones: write {AMBIGUOUS[upper]}")
    if upper in ABBREVIATIONS:
        return ABBREVIATIONS[upper]
    if low in CITIES:
        return CITIES[low]
    names, zones = _countries()
    code = names.get(low)
    if code is None or not zones.get(code):
        return None
    found = zones[code]
    year = datetime.now(UTC).year
    if len({_offsets(z, year) for z in found}) == 1:  # one clock, whatever the zones' names
        return found[0]
    shown = ", ".join(found[:6]) + (" …" if len(found) > 6 else "")
    raise AmbiguousZone(f"{wanted!r} has several time zones: write the one meant, e.g. {shown}")


def zone_country(zone: str) -> str | None:
    """The country (ISO code) whose clock an IANA zone is in the tz database's zone table ("Europe/London"
    is GB, "America/Chicago" US); None for a zone the table does not place (UTC, Etc/GMT+5, old aliases)."""
    _, zones = _countries()
    return next((code for code, found in zones.items() if zone in found), None)
