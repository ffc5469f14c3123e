"""Matching a client to an associate (pure): active associates with spare capacity ranked by specialty
overlap with the client's Focus Areas, quality, certification and spare capacity, each with its reasons.
An associate whose working day the client shares only in part (time zones apart) loses points for it; one
sharing no working hour with her, or none for part of the year (summer times differ), comes after those
sharing some all year.
Ties are broken by name, then record id, so the same inputs always give the same proposal. The coach's own
Associate record is no associate: she is offered only when no associate has a free place, as "you"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from automation.associates.figures import capacity, has_status, is_coach
from automation.models import Associate, Client
from automation.schedule.times import own_zone
from automation.settings.associates import AssociateSettings
from automation.text import plural


@dataclass(frozen=True)
class Candidate:
    associate: Associate
    points: float
    reasons: list[str]
    full: bool = False  # every free place is already named in another waiting proposal
    coach: bool = False  # the coach's own record: she would take the client herself
    covers: int = 0  # how many of the client's focus areas she covers
    apart: bool = False  # her working day and the client's share no hour (time zones half a world apart)

    def line(self, digits: int = 0) -> str:
        name = self.associate.name or self.associate.id
        if self.coach:
            name = f"You ({name})"
        return f"{name} ({self.points:.{digits}f} points): " + "; ".join(self.reasons)


def points_digits(shown: Iterable[Candidate]) -> int:
    """The decimals a proposal shows the points with: whole points, unless two candidates would then read
    alike though one ranks above the other on its decimals (the coach would see an order without a reason).
    Candidates with exactly the same points read alike at any precision: they are ordered by name."""
    points = [c.points for c in shown]
    for digits in (0, 1):
        texts = {p: f"{p:.{digits}f}" for p in points}
        if len(set(texts.values())) == len(texts):
            return digits
    return 2


def needs_associate(client: Client, gone: Collection[str] = ()) -> bool:
    """An active client without an associate, one flagged for reassignment, or one whose every associate
    has left the practice (`gone`: ids of associates known to be Inactive)."""
    if client.status not in ("Active", None):
        return False
    return not client.associate or client.reassign_associate or all(a in gone for a in client.associate)


def left_with_none(client: Client, inactive: Collection[str]) -> bool:
    """Every associate of the client is Inactive (she has at least one): nobody is left to coach her."""
    return bool(client.associate) and all(a in inactive for a in client.associate)


# An option typed with separators (a CSV import, "Executive Presence; Conflict") holds several areas; so does
# a slash with spaces round it ("Delegation / Time management"), while one joining two words ("Work/Life
# Balance") is one area's spelling.
_SEPARATORS = re.compile(r"[;,|\n]+|\s+/\s+")


def areas(values: Iterable[str]) -> list[str]:
    """The areas a multi-select holds, each once (alike in case and spacing: once), as written."""
    out: dict[tuple[str, ...], str] = {}
    for value in values:
        for part in _SEPARATORS.split(value or ""):
            if words := _words(part):
                out.setdefault(words, part.strip())
    return list(out.values())


# A language typed in its own name ("Español", "Français") is the language the other list may name in
# English: the associate who lists it speaks it.
ENDONYMS = {
    "espanol": "spanish",
    "castellano": "spanish",
    "francais": "french",
    "deutsch": "german",
    "italiano": "italian",
    "portugues": "portuguese",
    "nederlands": "dutch",
    "polski": "polish",
    "svenska": "swedish",
    "norsk": "norwegian",
    "dansk": "danish",
    "suomi": "finnish",
    "turkce": "turkish",
    "cestina": "czech",
    "magyar": "hungarian",
    "romana": "romanian",
    "ellinika": "greek",
}


def _words(area: str) -> tuple[str, ...]:
    """The area's words, lower case, accents dropped ("Español" is espanol, not "espa" and "ol"), a
    language in its own name read as its English one, in one spelling of English ("Organisational" is
    Organizational, "Behaviour" Behavior)."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", area) if not unicodedata.combining(ch))
    return tuple(_one_spelling(ENDONYMS.get(w, w)) for w in re.findall(r"[a-z0-9]+", plain.lower()))


# British and American spellings of one word: -isation(al) and -ise(d, s, r, rs, ing) are -ization(al) and
# -ize..., -our(s, al, ed, ing, ite) is -or..., -tre is -ter (Centre), -yse is -yze (Analyse). Three letters
# at least before the ending, so short words ("rise", "hour", "four", "your") keep theirs.
_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{3})is(ation[a-z]*|e|ed|es|er|ers|ing)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{3})ys(e|ed|es|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{3})our(s|al|ed|ing|ite|ites|able)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})tre(s)?$"), r"ter\1"),
)


def _one_spelling(word: str) -> str:
    for pattern, repl in _SPELLINGS:
        word = pattern.sub(repl, word)
    return word


def _short(w: str, x: str) -> bool:
    """Word w is x shortened: its first three letters or more ("exec" for executive), or a plural-looking
    clipping of it ("comms" for communication)."""
    stem = w[:-1] if w.endswith("s") and len(w) >= 5 else w
    return len(stem) >= 3 and len(stem) < len(x) and x.startswith(stem) or (len(w) >= 3 and x.startswith(w))


def same_area(a: str, b: str) -> bool:
    """Two areas name the same thing: the same words in any case, accents or punctuation, or the shorter
    one the longer one's first words, shortened ("Exec presence" is Executive Presence, "Conflict" Conflict
    Resolution, "comms" Communication), or one word that is the other's initials ("EI" is Emotional
    Intelligence): Focus Areas and Specialty are two option lists, typed apart."""
    short, long = sorted((_words(a), _words(b)), key=len)
    if not short:
        return False
    if _initials(short, long) or _initials(long, short):
        return True
    if all(
        w == x or _short(w, x) or _short(x, w) or _contracted(w, x) for w, x in zip(short, long, strict=False)
    ):
        return True
    # One written as a phrase or a sentence ("Improve communication", "helping new managers delegate",
    # "Executive presence and confidence for women leaders"): the other is in it when each of its words is,
    # in any order and any form of the word (grammar's small words aside).
    content = [w for w in short if w not in FUNCTION_WORDS]
    return bool(content) and all(any(_in_sentence(w, x) for x in long) for w in content)


def _initials(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """One word that is the other's initials, its small words counted or not ("EI" for Emotional
    Intelligence, "DEI" for Diversity, Equity and Inclusion), or letters typed with "&" ("D&I")."""
    if len(short) >= 2 and all(len(w) == 1 for w in short):
        short = ("".join(short),)
    if len(short) != 1 or len(long) < 2 or len(short[0]) < 2:
        return False
    content = [w for w in long if w not in FUNCTION_WORDS]
    return short[0] in {"".join(w[0] for w in long), "".join(w[0] for w in content)} - {""}


def initials_of_option(area: str, option: str) -> bool:
    """An area typed as initials names a whole option that holds separators ("DEI" for an option typed
    'Diversity, Equity & Inclusion', which splits into areas no initials name)."""
    return bool(_SEPARATORS.search(option or "")) and _initials(_words(area), _words(option))


# Grammar's small words: "and" or "for" in a sentence names no area.
FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "the", "of", "for", "to", "in", "on", "at", "by", "with", "from", "into", "through"}
    | {"as", "my", "our", "your", "her", "his", "their", "its"}
)


def _in_sentence(w: str, x: str) -> bool:
    """Word w of an area is word x of a sentence: the same, another form of it, or either one shortened
    (the sentence's short words, "new" or "man", shortening nothing: four letters at least)."""
    return w == x or _same_stem(w, x) or _short(w, x) or (len(x) >= 4 and _short(x, w)) or _contracted(w, x)


def _contracted(w: str, x: str) -> bool:
    """One word is the other with its vowels dropped, as people shorten them ("mgmt" for management, "mgr"
    for manager, "mktg" for marketing, "dvlpmt" for development): its first and last letters kept, the rest in
    order, three letters at least, two fewer at least, and one vowel at most (so "rate" is not "relate")."""
    short, full = sorted((w, x), key=len)
    if len(short) < 3 or len(full) - len(short) < 2 or sum(ch in "aeiou" for ch in short) > 1:
        return False
    if short[0] != full[0] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _same_stem(w: str, x: str) -> bool:
    """Two forms of one word ("delegate" and "delegation", "confident" and "confidence"): a shared start of
    five letters or more, neither going on more than three letters past it."""
    n = 0
    while n < min(len(w), len(x)) and w[n] == x[n]:
        n += 1
    return n >= 5 and len(w) - n <= 3 and len(x) - n <= 3


def zone_for_distance(value: str | None) -> str | None:
    """A Time Zone as an IANA name for how far apart two clocks are: as sessions read it, and also a
    whole-hour offset typed alone ("UTC+12", "GMT-5"), which sessions refuse where places keep it only half
    the year (which summer time it keeps is not known) but which still tells 12 hours from none."""
    from automation.settings.zones import offset_clock

    return own_zone(value) or offset_clock(value or "")


def hours_apart(zone: str, other: str, year: int | None = None, farther: bool = False) -> float:
    """Hours between two time zones' clocks, the short way round the world (Sydney and Los Angeles are 5
    to 7 hours apart, not 17 to 19), the nearer of January's and July's (their summer times differ; with
    `farther`, the farther of the two)."""
    year = year or datetime.now(UTC).year
    gaps = []
    for month in (1, 7):
        at = datetime(year, month, 15, 12, tzinfo=UTC)
        a, b = at.astimezone(ZoneInfo(zone)).utcoffset(), at.astimezone(ZoneInfo(other)).utcoffset()
        gap = abs((a - b).total_seconds()) / 3600 if a is not None and b is not None else 0.0
        gaps.append(min(gap, 24 - gap))
    return max(gaps) if farther else min(gaps)


def distinct_areas(values: Iterable[str]) -> list[str]:
    """The areas a multi-select holds, each once: one typed twice in two spellings ("Exec presence" beside
    Executive Presence) is one area, so an associate covering it is not counted as covering two."""
    out: list[str] = []
    for area in areas(values):
        if not any(same_area(area, kept) for kept in out):
            out.append(area)
    return out


def certification_rank(level: str | None, s: AssociateSettings) -> int:
    """The rank of a Certification Level, its case and spaces aside: 'master' or ' Senior ' typed by hand
    is the level it names, not none. A longer title naming exactly one level ('Master Coach', 'ICF Senior')
    is that level; one naming none, or several, ranks 0."""
    key = " ".join((level or "").split()).casefold()
    named = {" ".join(name.split()).casefold(): r for name, r in s.certification_rank.items()}
    if key in named:
        return named[key]
    padded = f" {' '.join(re.findall(r'[a-z0-9]+', key))} "
    inside = [r for name, r in named.items() if name and f" {name} " in padded]
    return inside[0] if len(inside) == 1 else 0


def _load(a: Associate, loads: Mapping[str, int]) -> int:
    return loads.get(a.id, int(a.client_load or 0))


def known_quality(a: Associate, s: AssociateSettings) -> float | None:
    """The Quality Score matching goes by: none while Quality Count says fewer ratings stand behind it
    than a Quality Score waits for (one rated 5 is no track record; typed or imported, it would outrank
    an associate proven over forty sessions). A blank Quality Count leaves the score as it is."""
    count = a.quality_count
    if count is not None and count < s.quality_min_count:
        return None
    q = a.quality_score
    # Above 5 it is an average of ratings out of 10 (a survey's scale): read on the 5-point scale, end to
    # end (10 is 5, 1 is 1), as client health reads such ratings.
    return 1 + (q - 1) * 4 / 9 if q is not None and q > 5 else q


def _quality_reason(quality: float | None, s: AssociateSettings, count: float | None = None) -> str:
    """The quality reason; one under the bar says so, so the coach does not approve a flagged associate
    for a new client unawares (specialty can outweigh a low quality in the points)."""
    if not quality and count is not None and count > 0:
        return f"no quality score yet: {plural(int(count), 'rated session')} (counted as middling)"
    if not quality:
        return "no quality score yet (counted as middling)"
    if quality < s.quality_flag_below:
        return f"quality {quality:.2f}, below the {s.quality_flag_below:g} bar"
    return f"quality {quality:.2f}"


def rank(
    client: Client,
    associates: Iterable[Associate],
    loads: Mapping[str, int],
    s: AssociateSettings,
    held: Mapping[str, list[str]] | None = None,
    coach_email: str | None = None,
    home_zone: str | None = None,
) -> list[Candidate]:
    """Eligible associates, best first. `loads`: associate id -> current client load (else Client Load).
    `held`: associate id -> the clients whose waiting proposals already name them first: a place those
    proposals take is not free for this client, so an associate whose every free place is held comes after
    those with one truly free, and the reason says for whom (still listed: the coach may decline one).
    `coach_email`: the coach's own Associate record (that email) is offered only when no associate has a
    place free and not promised, marked as hers: her places are her own diary, not the team's to fill.
    `home_zone`: the business's time zone, the clock of a client or associate whose Time Zone is blank (or
    not a time zone); without it, such a one is not judged on time zones."""
    held = held or {}
    w = s.match_weights
    top_cert = max(s.certification_rank.values(), default=1)
    focus = distinct_areas(client.focus_areas)
    client_zone = zone_for_distance(client.time_zone) or home_zone
    day = s.working_day_hours
    out = []
    for a in associates:
        cap, load = capacity(a, s), _load(a, loads)
        if not has_status(a, "Active") or load >= cap or a.id in client.associate:
            continue
        offered = areas(a.specialty)
        covered = [
            f
            for f in focus
            if any(same_area(f, x) for x in offered) or any(initials_of_option(f, x) for x in a.specialty)
        ]
        overlap = len(covered) / len(focus) if focus else 0.0
        known = known_quality(a, s)
        quality = (known - 1) / 4 if known else 0.5
        cert = certification_rank(a.certification_level, s) / top_cert
        spare = (cap - load) / cap
        zone = zone_for_distance(a.time_zone) or home_zone
        apart = hours_apart(client_zone, zone) if client_zone and zone else 0.0
        shared = max(0.0, day - apart)
        # No working hour shared for half the year (New York and Kolkata: half an hour in New York's summer,
        # none in its winter) is every winter session in one of their evenings: she comes after those
        # sharing some all year, as one sharing none.
        farthest = hours_apart(client_zone, zone, farther=True) if client_zone and zone else 0.0
        part_year = shared > 0 and farthest >= day
        points = (
            w.get("specialty", 0) * overlap
            + w.get("quality", 0) * quality
            + w.get("certification", 0) * cert
            + w.get("capacity", 0) * spare
            - w.get("time_zone", 0) * (1 - shared / day)
        )
        reasons = [
            (
                f"covers {', '.join(covered)} ({len(covered)} of {len(focus)} focus areas)"
                if covered
                else ("no focus areas on the client" if not focus else "covers none of the focus areas")
            ),
            _quality_reason(known, s, a.quality_count),
            f"{a.certification_level.strip()} certified"
            if a.certification_level
            else "no certification level",
            f"{load} of {cap} clients",
        ]
        if apart >= 1:
            reasons.append(f"{apart:g} h from the client's clock ({shared:g} of {day} working hours shared)")
            if part_year:
                reasons[-1] += f"; {farthest:g} h and none shared part of the year"
        promised = held.get(a.id, [])
        if promised:
            taken = "every free place" if load + len(promised) >= cap else "a free place"
            reasons[3] += f" ({taken} already proposed for {', '.join(promised)})"
        full, coach = load + len(promised) >= cap, is_coach(a, coach_email)
        out.append(
            Candidate(
                a,
                round(points, 2),
                reasons,
                full=full,
                coach=coach,
                covers=len(covered),
                apart=shared <= 0 or part_year,
            )
        )
    # A place a waiting proposal names is not free: with every associate's places promised, she has room.
    if any(not c.coach and not c.full for c in out):
        out = [c for c in out if not c.coach]
    # One sharing no working hour with the client comes after those who share some, whatever her points:
    # every session would fall in one of their evenings or nights (still listed, the nearest of such last).
    return sorted(
        out, key=lambda c: (c.full, c.apart, -c.points, (c.associate.name or "").lower(), c.associate.id)
    )
