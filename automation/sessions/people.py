"""Who is who in the notes: the client, the coach ("I" in her notes), associates, and everyone else."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

PRONOUN_CLIENT = {"he", "she", "they", "him", "her", "them", "he's", "she's", "they're", "hes", "shes"}
PRONOUN_SELF = {"i", "i'm", "im", "me", "myself", "i've", "i'd"}
_COMMON_CAPS = {
    "the", "a", "an", "and", "but", "so", "then", "also", "great", "good", "ok", "okay", "yes", "no",
    "sure", "done", "right", "next", "last", "this", "that", "what", "when", "how", "why", "where",
    "action", "actions", "focus", "context", "topic", "notes", "note", "session", "insight", "wins",
    "challenges", "tools", "models", "follow-up", "homework", "agreed", "key", "big", "used", "discussed",
    "mood", "prio", "maybe", "possibly", "is", "was", "we", "our", "my", "his", "her", "their", "team",
    "client", "coach", "associate", "if", "let's", "lets", "honestly", "sounds", "would", "could",
}  # fmt: skip


def _fold(text: str) -> str:
    """'João' as 'joao': a name is the same name with or without its accents (typed either way)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def _initials(name: str) -> set[str]:
    parts = [p for p in re.split(r"[\s-]+", name) if p]
    out = set()
    if len(parts) >= 2:
        out.add("".join(p[0] for p in parts).lower())
    if parts:
        out.add(parts[0][0].lower())
    return out


# Short forms that are not the start of the name they stand for.
_NICKNAMES = {
    "bob": "robert", "bobby": "robert", "bill": "william", "billy": "william", "liz": "elizabeth",
    "beth": "elizabeth", "betty": "elizabeth", "kate": "katherine", "katie": "katherine",
    "kathy": "katherine",
    "mike": "michael", "mick": "michael", "jim": "james", "jimmy": "james", "dick": "richard",
    "rick": "richard", "peggy": "margaret", "maggie": "margaret", "meg": "margaret", "tony": "anthony",
    "ted": "edward", "ned": "edward", "jack": "john", "johnny": "john", "chuck": "charles", "hank": "henry",
    "harry": "henry", "sandy": "alexandra", "sasha": "alexander", "ginny": "virginia", "polly": "mary",
    "molly": "mary", "jen": "jennifer", "jenny": "jennifer", "sue": "susan", "suzy": "susan",
    # Polish, Czech and Spanish everyday forms a coach writes for a client she knows well
    "kasia": "katarzyna", "basia": "barbara", "gosia": "małgorzata", "małgosia": "małgorzata",
    "kuba": "jakub", "zosia": "zofia", "wojtek": "wojciech", "staszek": "stanisław", "honza": "jan",
    "pepa": "josef", "pepe": "josé", "paco": "francisco", "nacho": "ignacio", "lola": "dolores",
}  # fmt: skip


def _short_for(word: str, full: str) -> bool:
    """'Rob' for Robert Chen, 'Chris' for Christina Ng, 'Bill' for William Hart, 'Seun' for Oluwaseun
    Adeyemi: a first name's short form."""
    first = (full.split() or [""])[0].lower().strip(".,")
    if len(word) < 3 or not first or word == first or not word.isalpha():
        return False
    if _NICKNAMES.get(word) == first or (word.endswith("ie") and _NICKNAMES.get(word[:-2]) == first):
        return True
    if first.startswith(word) and len(first) - len(word) >= 2:
        return True
    # "Seun" for Oluwaseun, "Tina" for Christina, "Beth" for Elizabeth: the name's end, four letters or more
    return len(word) >= 4 and first.endswith(word) and len(first) - len(word) >= 2


@dataclass
class People:
    client: str
    coach: str = ""
    associates: list[str] = field(default_factory=list)
    author: str = "coach"  # the role "I" and "me" stand for in notes that are not a transcript
    co_clients: list[str] = field(default_factory=list)  # others coached in the same (joint) session
    joint: bool = False  # a joint or team session: "everyone", "both" are the clients
    # The role the notes are written to ("Hi P," to the associate taking the client over): "you" is theirs.
    addressee: str | None = None
    addressee_name: str = ""  # as the notes call them ("Priya", "P"), for "send you the notes"

    def _names(self, full: str) -> set[str]:
        parts = [_fold(p).strip(".,") for p in full.split() if p]
        return {_fold(full), *parts} if parts else set()

    def owner_of_label(self, label: str) -> str | None:
        """The role a tag or speaker label names ("RP", "Dana", "Coach", "me", "[Zoe]"), or None."""
        low = label.strip().lstrip("@").lower().rstrip(".").strip()
        if not low:
            return None
        email = re.fullmatch(r"(?P<local>[a-z][\w.+-]*)@[\w-]+(?:\.[\w-]+)+", low)
        if email:
            # "dana@acme.com" in a table's Owner column: the person the address is ("dana.w@…" Dana W;
            # "tomas@…", no one of the session, is no one's here)
            return self.owner_of_label(" ".join(re.split(r"[._+-]", email["local"])))
        aside = re.fullmatch(r"(?P<who>[^()]+?)\s*\((?P<aside>[^()]+)\)", low)
        if aside:
            # "Sarah (me)", "Ravi (client)": a name and who that is; the two must not disagree
            roles = {self.owner_of_label(aside["who"]), self.owner_of_label(aside["aside"])} - {None}
            return roles.pop() if len(roles) == 1 else None
        # ("Klient", "cliente": the client in a German / Spanish / Italian / Portuguese / Dutch table)
        if low in {"client", "cl", "c", "coachee", "klient", "klientin", "cliente", "clienta", "cliënt"}:
            return "client"
        if low in _WRITER_TAGS:
            return self.author  # "Yo: send her the artículo": a bilingual coach's own tag in her language
        if low in {"you", "yourself"} and self.addressee:
            return self.addressee  # "You: introduce yourself to her" in a hand-over to the associate
        if low in {"you", "yourself"}:
            # "You: draft the plan" in the coach's recap emailed to the client is the client's, as "you'll
            # draft" in it is; in the client's own recap, the coach's
            return "coach" if self.author == "client" else "client"
        if low in {"coach", "sc-me", "facilitator"}:
            return "coach"
        if low in {"associate", "assoc", "associate coach"}:
            return "associate"
        if self.joint and low in _GROUP_LABELS:
            return "client"  # "Everyone - fill in the pulse", "Both to block a day" in a joint session
        for role, names in self.roles():
            for full in names:
                if _fold(low) in self._names(full) or low in _initials(full):
                    return role
        for role, names in self.roles():
            for full in names:
                if _short_for(low, full):
                    return role
        return None

    def initials(self) -> frozenset[str]:
        """Everyone's initials in capitals ("DW", "SC"): short forms the notes use for people."""
        names = [self.client, self.coach, *self.associates, *self.co_clients]
        return frozenset(i.upper() for n in names if n for i in _initials(n) if len(i) >= 2)

    def roles(self) -> list[tuple[str, list[str]]]:
        return [
            ("client", ([self.client] if self.client else []) + list(self.co_clients)),
            ("coach", [self.coach] if self.coach else []),
            ("associate", list(self.associates)),
        ]

    def owner_of_word(self, word: str) -> str | None:
        """A subject word's role: a pronoun or a name; "third" for someone else; None if not a person."""
        word = word.strip().lstrip("@")
        w = word.strip(".,;:()'\"’").lower()
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if not w:
            return None
        if w in PRONOUN_SELF:
            return "self"
        if w in {"you", "you'll", "your"}:
            return "you"
        if w in {"we", "we'll", "us", "we're", "let's"}:
            return "we"
        if w in PRONOUN_CLIENT:
            return "client"
        role = self.owner_of_label(word.strip(".,;:()'\"’"))
        if role and (len(w) > 1 or word.strip().endswith(".") or word.isupper()):
            return role
        if self.looks_like_name(word):
            return "third"
        return None

    def looks_like_name(self, word: str) -> bool:
        parts = word.strip(".,;:()'\"’").split(" ")
        first = parts[0]
        if any(
            not re.fullmatch(r"[A-Z][\w.'’-]*|\d{1,2}|van|von|de|da|del|der|la|le|bin|al", p)
            for p in parts[1:]
        ):
            return False  # "Follow up on": a name's later words are capitalised too (or a particle)
        return bool(re.fullmatch(r"[A-Z][a-z]+(?:['’]s)?", first)) and first.lower() not in _COMMON_CAPS


_GROUP_LABELS = {"everyone", "everybody", "both", "both of them", "all", "all of them", "all three",
                 "all four", "the founders", "the pair"}  # fmt: skip
# Words in a session's opening that say more than one person is being coached in it.
_JOINT = re.compile(
    r"\b(?:joint|co-?founders?|founders?['’]?\s+(?:session|meeting|coaching)|founding team|leadership pair|"
    r"pair (?:session|coaching)|co-?leads\b|"
    r"team (?:coaching|session)|group (?:session|coaching)|(?:present|attendees|participants)\s*:)",
    re.I,
)
# A person there for the client's sake rather than coached: "her manager David", "David (line manager)".
_STAKEHOLDER = re.compile(r"\b(?:manager|boss|sponsor|hrbp|hr|mentor|observer|observing)\b", re.I)
_NAME_LIST = re.compile(
    r"(?P<name>[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)?)(?P<surname>\s+[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?)?"
    r"(?:\s*\((?P<paren>[^)]{0,40})\))?"
)
_LIST_SEP = r"(?:,|&|\+|/|\band\b)"
_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip


def find_co_clients(raw: str, client: str, others: list[str]) -> tuple[list[str], bool]:
    """Others coached in the same session, and whether the session is a joint one: a joint or team
    session named in the notes' opening ("Co-founder session: Lena and Tobias", "Founders' session -
    Priya & Marco", "Present: Hannah (Head of Product), Raj, Bea"), the client in a list of first names
    on a heading line there. A name the list gives a stakeholder's role ("her manager David") is not
    coached: that is a three-way, not a joint session."""
    opening = [line for line in raw.strip().splitlines() if line.strip()][:3]
    # headings, or the opening sentence of a paragraph ("Leadership pair session (Lena + Marco). …")
    opening = [line if len(line) <= 120 else re.split(r"(?<=[.!?])\s", line)[0][:120] for line in opening]
    if not any(_JOINT.search(line) for line in opening):
        return [], False
    first = (client.split() or [""])[0]
    taken = {w.lower() for full in others for w in full.split()} | {w.lower() for w in client.split()}
    found: list[str] = []
    for line in opening:
        for part in re.split(r"[.;:|]\s+|\s[-–—]\s", line):
            names = []
            for m in _NAME_LIST.finditer(part):
                before = part[max(0, m.start() - 20) : m.start()]
                listed = re.search(rf"{_LIST_SEP}\s*$", before) or re.match(
                    rf"\s*{_LIST_SEP}", part[m.end() :]
                )
                if not listed or m["name"].lower() in _CALENDAR:
                    continue
                stake = _STAKEHOLDER.search(m["paren"] or "") or _STAKEHOLDER.search(before.split(",")[-1])
                names.append((m["name"], bool(stake), (m["surname"] or "").strip()))
            if first and any(n == first for n, _, _ in names) and len(names) >= 2:
                for n, stake, surname in names:
                    low = n.lower()
                    seen = {f.split()[0] for f in found}
                    if not stake and low not in taken and low not in _COMMON_CAPS and n not in seen:
                        # "Amara Nwosu & Dan Price": the full name, so "DP:" tags Dan as "DW:" tags the client
                        found.append(f"{n} {surname}" if surname else n)
    return found, True


# "Yo: send her the artículo": a bilingual coach's own tag in her language; "For me: take this to supervision"
_WRITER_TAGS = {
    "me",
    "i",
    "myself",
    "for me",
    "yo",
    "ich",
    "moi",
    "eu",
    "io",
    "ik",
    "jeg",
    "jag",
    "ja",
    "já",
    # in Japanese, Korean, Hindi and Arabic ("私 (me):" over the writer's lines)
    "私",
    "わたし",
    "나",
    "저",
    "मैं",
    "أنا",
}
_GREETING = re.compile(r"^\s*(?i:hi|hello|hey|dear)\s+(?P<name>[A-Z][\w'’-]*)\b")
_FOR = re.compile(r"^\s*(?i:for|to|fao|attn)\s*:?\s+(?P<name>[A-Z][\w'’-]*)\b")
# "Tom - handover for Rachel", "Handover to Tom:": the person named beside a hand-over takes the client on
# (not "Priya - hand over the deck by Fri": a colleague's task, the verb with its object)
_HANDOVER_NAME = re.compile(
    r"^\s*(?P<before>[A-Z][a-z]+)\s*[-–—:,]\s*hand[- ]?over\b"
    r"(?!\s+(?:the|a|an|his|her|their|my|your|our|this|that|these|those|it|them)\b)"
    r"|\bhand[- ]?over\s+to\s+(?P<after>[A-Z][a-z]+)\b"
)


def addressed_associate(raw: str, people: People) -> str | None:
    """The associate the coach's notes are written to: greeted ("Hi P,", "Dear Owen"), named as who they are
    for ("For Priya (associate) - …"), or named beside a hand-over ("Tom - handover for Rachel Osei");
    None for notes written about the session rather than to someone. A hand-over's name that the notes
    have not called an associate is one (the person taking the client on)."""
    lines = [line for line in raw.strip().splitlines() if line.strip()][:3]
    for line in lines:
        for rx in (_GREETING, _FOR):
            m = rx.match(line)
            if m and people.owner_of_label(m["name"]) == "associate":
                return _full_first(m["name"], people.associates)
        m = _HANDOVER_NAME.search(line)
        if m:
            name = m["before"] or m["after"]
            role = people.owner_of_label(name)
            if role == "associate" or (role is None and name.lower() not in _COMMON_CAPS):
                return name
    return None


def _full_first(name: str, associates: list[str]) -> str:
    """'P' or 'Priya Shah' as the first name the notes know the associate by ('Priya')."""
    low = name.lower()
    for full in associates:
        if low in {w.lower() for w in full.split()} or low in _initials(full):
            return full.split()[0]
    return name


_OPENERS = {"for", "to", "from", "with", "by", "hi", "hello", "hey", "dear", "fao", "attn", "re"}


def find_associates(raw: str, known: list[str], exclude: list[str] | None = None) -> list[str]:
    """Associates named in the notes: the capitalised name next to the word "associate" or "co-coach"."""
    found = list(known)
    # a co-coach is the business's second coach in the session, as an associate is ("Rachel (co-coach)")
    for m in re.finditer(r"\b(?:associate|co-?coach)\b", raw, re.I):
        window = raw[max(0, m.start() - 30) : m.start()]
        # "Jonah Reid (associate)": the first name of the name just before, which the notes will use
        # … also with her grade between ("Hannah Lee (trainee associate)", "Tom, junior associate")
        run = re.search(
            r"\b([A-Z][a-z]+)(?:\s+[A-Z][a-z]+)*\s*[(,\-–—]*\s*(?:(?:trainee|junior|senior|new|apprentice)\s+)?$",
            window,
        )
        # "For Priya (associate)": a heading's opening word is not the name's
        run_names = (
            [w for w in re.findall(r"[A-Z][a-z]+", run.group(0)) if w.lower() not in _OPENERS] if run else []
        )
        # with the surname when it is there ("Amira Bose"), so her initials ("AB to send …") are hers too
        names = (
            [" ".join(run_names[:2])]
            if run_names
            else []
            if run
            else re.findall(r"\b([A-Z][a-z]+)\b", window)
        )
        after = re.match(r"(?:\s+coach)?,?\s+([A-Z][a-z]+)\b", raw[m.end() : m.end() + 25])
        for name in ([names[-1]] if names else []) + ([after.group(1)] if after else []):
            taken = {w.lower() for full in (exclude or []) for w in full.split()}
            first = name.split()[0]
            known_first = {f.split()[0] for f in found}
            if first.lower() not in _COMMON_CAPS and first not in known_first and first.lower() not in taken:
                found.append(name)
    return found
