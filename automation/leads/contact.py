"""A person's contact details as they are typed, made tidy (pure): email address, name, phone.

Used by lead hygiene (the Leads table, whoever typed the record) and by the website form, so a lead typed by
hand and one sent by the form are read the same way.

* Email: what copying and pasting adds is taken off (spaces around "@" or a dot, zero-width spaces, a
  "mailto:", "Name <address>", a full stop or comma after the address), then lowercased; an address still
  malformed after that is reported invalid and left as typed. Plus-addressing ("jane+coach@") is kept.
* Mailbox: the inbox an address delivers to, to tell one person from another (never written back): a
  sub-address's "+tag" is dropped at any domain ("jane+coach@acme.com" is jane@acme.com), and at Gmail dots
  in the name do not count and googlemail.com is gmail.com ("Jane.Doe@googlemail.com" is janedoe@gmail.com).
  Elsewhere dots are part of the name ("j.doe@acme.com" is not jdoe@acme.com). Lead duplicates, the
  website form and the screening of who may receive an email (messages) all tell people apart by mailbox.
* Name: inner runs of whitespace made one space; a name typed all in capitals or all in lower case gets name
  case ("SEAN O'BRIEN" → "Sean O'Brien", "ludwig van beethoven" → "Ludwig van Beethoven"). A name in mixed
  case ("DeShawn", "van der Berg") is the person's own spelling and left alone.
* Phone: trimmed, "tel:" dropped, an international "00" written "+", the UK "(0)" after a country code
  dropped ("+44 (0)20 …" dials as "+44 20 …"); otherwise the layout stays as the person wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# Pragmatic: one @, no spaces, a dot in the domain, no empty labels. RFC 5322 allows more; senders don't.
EMAIL = re.compile(r"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_ANGLE = re.compile(r"<([^<>]+)>")
_SPACES = re.compile(r"\s+")


def clean_email(email: str | None) -> str | None:
    """The address with what pasting adds taken off, lowercased; None when blank. Not validated."""
    if email is None:
        return None
    text = _INVISIBLE.sub("", email).strip()
    angle = _ANGLE.search(text)
    if angle and "@" in angle.group(1):
        text = angle.group(1)
    text = re.sub(r"^mailto:", "", text.strip(), flags=re.I)
    text = re.sub(r"\s*([@.])\s*", r"\1", text)  # "jane @ acme.com", "jane@acme. com"
    text = text.strip().rstrip(".,;:").lower()
    return text or None


def email_is_valid(email: str) -> bool:
    return (
        bool(EMAIL.match(email))
        and ".." not in email
        and not email.startswith(".")
        and email_typo(email) is None
    )


# ".com" as fingers mistype it: none of these is a top-level domain, so the address can never receive mail
# (country codes such as .cm, .co and .om are real and left alone).
_COM_TYPOS = frozenset({"con", "cmo", "ocm", "vom", "xom", "cpm", "cim", "clm", "comm", "coom", "cok"})
# The big webmail hosts, whose one-letter misspellings are typos (or a squatter's domain: worse than none);
# short names (live, aol) are left out: a letter off them is often another real domain.
_WEBMAIL = ("gmail", "googlemail", "hotmail", "outlook", "yahoo", "icloud", "protonmail")
_REAL_LOOKALIKES = frozenset({"mail", "email", "ymail", "gail", "cloud", "wahoo"})


def _one_edit(a: str, b: str) -> bool:
    """Whether b is a one-letter slip of a: a letter missing, added, changed, or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])  # fmt: skip
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def email_typo(email: str) -> str | None:
    """The address meant, when a well-formed one is a known slip that cannot be someone's mailbox:
    "jo@gmail.con" → "jo@gmail.com", "jo@gmial.com" → "jo@gmail.com", "jo@acme.cmo" → "jo@acme.com";
    None otherwise (most addresses)."""
    local, at, domain = email.strip().lower().rpartition("@")
    if not at or "." not in domain:
        return None
    host, _, tld = domain.rpartition(".")
    fixed_tld = "com" if tld in _COM_TYPOS else tld
    name = host.rsplit(".", 1)[-1]
    fixed = name
    if fixed_tld == "com" and "." not in host and name not in _WEBMAIL and name not in _REAL_LOOKALIKES:
        fixed = next((w for w in _WEBMAIL if _one_edit(w, name)), name)
    if (fixed, fixed_tld) == (name, tld):
        return None
    return f"{local}@{host[: len(host) - len(name)]}{fixed}.{fixed_tld}"


def normal_email(email: str | None) -> tuple[str | None, bool]:
    """(tidy lowercase address, whether it is valid); blank -> (None, True). An invalid address comes back
    trimmed and lowercased only, as typed."""
    clean = clean_email(email)
    if clean is None:
        return None, True
    if email_is_valid(clean):
        return clean, True
    return (email or "").strip().lower(), False


GMAIL = frozenset({"gmail.com", "googlemail.com"})


def mailbox(email: str | None) -> str | None:
    """The mailbox an address delivers to (see the module note); None for a blank or invalid address. A
    "+" that starts the name is the name, not a tag ("+jo@acme.com" stays itself)."""
    clean, valid = normal_email(email)
    if clean is None or not valid:
        return None
    local, _, domain = clean.rpartition("@")
    tag = local.find("+", 1)
    if tag > 0:
        local = local[:tag]
    if domain in GMAIL:
        local, domain = local.replace(".", "") or local, "gmail.com"
    return f"{local}@{domain}"


def _literal(char: str) -> str:
    """One character of an address as a regular expression, without a backslash or a quote (the pattern goes
    into an Airtable formula string): a quote, "^" or "\\" is any character (the caller filters again)."""
    if char.isalnum() or char == "_":
        return char
    return "." if char in "'\"\\^" else f"[{char}]"


def mailbox_pattern(box: str) -> str:
    """A regular expression (RE2 and Python alike) that every lowercase spelling of the mailbox `box` (as
    mailbox() gives it) matches: with any "+tag", and at Gmail with dots anywhere in the name and either
    domain. It may match a little more (a quote stands for any character): filter with mailbox()."""
    local, _, domain = box.rpartition("@")
    gmail = domain == "gmail.com"
    name = "".join(_literal(c) + ("[.]*" if gmail else "") for c in local)
    host = "(gmail|googlemail)[.]com" if gmail else "".join(_literal(c) for c in domain)
    return f"^{name}([+][^@]*)?@{host}$"


def same_mailbox(email_ref: Any, boxes: Iterable[str]) -> Any:
    """An Airtable formula finding every record whose Email (`email_ref`) is one of these mailboxes, in any
    spelling (one read; it may find a little more: keep the rows whose mailbox() is wanted). REGEX_MATCH
    is Airtable's (RE2)."""
    from pyairtable import formulas as F  # here: the form's validation imports this module, not pyairtable

    return F.OR(*(F.REGEX_MATCH(F.LOWER(F.TRIM(email_ref)), mailbox_pattern(b)) for b in sorted(boxes)))


def mailbox_match(email_ref: Any, address: str) -> Any:
    """An Airtable formula finding the records whose Email (`email_ref`) is this address's mailbox in any
    spelling (same_mailbox); a malformed address, which has no mailbox, is looked for as it is written
    (trimmed, any case). It may find a little more: keep the rows one_mailbox() says are the same."""
    from pyairtable import formulas as F  # here: the form's validation imports this module, not pyairtable

    box = mailbox(address)
    exact = (address or "").strip().lower()
    return same_mailbox(email_ref, [box]) if box else F.EQ(F.LOWER(F.TRIM(email_ref)), exact)


def one_mailbox(a: str | None, b: str | None) -> bool:
    """Whether two addresses deliver to one mailbox (the same person); a malformed address, which has no
    mailbox, is only itself (trimmed, any case)."""
    x, y = (a or "").strip().lower(), (b or "").strip().lower()
    if not x or not y:
        return False
    return x == y or (box := mailbox(x)) is not None and box == mailbox(y)


# Words inside a name that stay in lower case when the name is recased (never its first word).
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos", "das", "do", "y",
     "bin", "ibn", "bint", "ten", "ter", "zu", "af", "av"}
)  # fmt: skip
_SUFFIXES = {"ii": "II", "iii": "III", "iv": "IV", "jr": "Jr", "sr": "Sr", "phd": "PhD", "mba": "MBA"}


def tidy_name(name: str | None) -> str | None:
    """Trimmed, inner whitespace made one space, a single-case name recased; blank becomes None."""
    if name is None:
        return None
    tidy = _SPACES.sub(" ", name).strip()
    if not tidy:
        return None
    letters = [c for c in tidy if c.isalpha()]
    if len(letters) < 2 or not (tidy.isupper() or tidy.islower()):
        return tidy
    words = tidy.split(" ")
    return " ".join(_name_case(w, first=i == 0) for i, w in enumerate(words))


def _name_case(word: str, first: bool) -> str:
    low = word.lower()
    bare = low.strip(".,")
    if bare in _SUFFIXES and not first:
        return word.lower().replace(bare, _SUFFIXES[bare])
    if low in _PARTICLES and not first:
        return low
    out = "-".join(part[:1].upper() + part[1:] for part in low.split("-"))
    out = re.sub(r"(?<=['’])(\w)(?=\w)", lambda m: m.group(1).upper(), out)  # "o'brien" → "O'Brien"
    return re.sub(r"^(Mc)(\w)", lambda m: m.group(1) + m.group(2).upper(), out)  # "mcdonald" → "McDonald"


def tidy_phone(phone: str | None) -> str | None:
    """The number as written, tidied (see the module note); blank becomes None."""
    if phone is None:
        return None
    text = _SPACES.sub(" ", _INVISIBLE.sub("", phone)).strip()
    text = re.sub(r"^tel:\s*", "", text, flags=re.I)
    text = re.sub(r"^00\s?(?=[1-9])", "+", text)
    text = re.sub(r"^(\+\d{1,3})\s*\(0\)\s*", r"\1 ", text)
    return text or None
