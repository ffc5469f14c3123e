"""Airtable-shaped ids (3-letter prefix + 14 characters) and stable per-token user ids."""

from __future__ import annotations

import hashlib
import os
import random
import string
import threading

ALPHABET = string.ascii_letters + string.digits
ID_LENGTH = 17  # prefix (3) + 14, as pyairtable's is_airtable_id() checks

_rng = random.Random(os.urandom(16))  # not secrets: ids are not secrets, and this is ~10x faster
_lock = threading.Lock()


def new_id(prefix: str) -> str:
    """A fresh random id such as ``rec0aB3…``."""
    with _lock:
        return prefix + "".join(_rng.choices(ALPHABET, k=ID_LENGTH - 3))


def derived_id(prefix: str, seed: str) -> str:
    """A deterministic id derived from ``seed`` (the same token always gives the same user)."""
    digest = hashlib.sha256(seed.encode()).digest()
    return prefix + "".join(ALPHABET[b % len(ALPHABET)] for b in digest[: ID_LENGTH - 3])


def is_id(value: object, prefix: str) -> bool:
    """True when ``value`` looks like an Airtable id with this prefix."""
    return (
        isinstance(value, str)
        and len(value) == ID_LENGTH
        and value.startswith(prefix)
        and value[3:].isalnum()
        and value[3:].isascii()
    )
