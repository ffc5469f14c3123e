"""Precision and recall of drafted action items against the hand-written evaluation set.

A predicted item matches a true one when the descriptions share enough words (Dice coefficient of
their content words ≥ 0.5, after dropping stop words and light stemming), the owner is the same and
the due date is the same (both null counts as the same). Each true item is matched at most once,
best description first. Tentative is reported as accuracy over the matched items.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

EVAL_DIR = Path(__file__).resolve().parents[1] / "tests" / "sessions" / "notes_eval"
MODEL_CATALOG = [
    "Situational Leadership",
    "GROW Model",
    "Radical Candor",
    "Five Dysfunctions of a Team",
    "Kotter's 8 Steps",
    "Emotional Intelligence Map",
    "Eisenhower Matrix",
    "SCARF Model",
    "Adaptive Leadership",
    "OKRs for Leaders",
    "Strategy Canvas",
    "Feedforward",
    "RACI Matrix",
    "SBI Feedback Model",
    "Skill/Will Matrix",
]
COACH = "Sarah Cave"
MATCH_DICE = 0.5

_STOPWORDS = (
    "a an the and or but of to in on at by for with from into about as is are was were be i me my we us our "
    "you your he him his she her they them their it its this that these those will would should can could "
    "may might must do does did have has had get make up out so then also just some any all each own her "
    "coach client"
)
_STOP = set(_STOPWORDS.split())


def words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[a-z0-9][a-z0-9'/-]*", text.lower()):
        w = w.strip("'-/")
        if w in _STOP or not w:
            continue
        for suffix in ("'s", "ing", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
        out.add(w)
    return out


def dice(a: str, b: str) -> float:
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


@dataclass
class Case:
    name: str
    style: str
    session_date: date
    next_session: date | None
    client: str
    notes: str
    items: list[dict[str, Any]]
    models_used: list[str]
    time_zone: str = ""  # the business's, when the note's 3/4 needs it


@dataclass
class Score:
    true_items: int = 0
    predicted: int = 0
    matched: int = 0
    tentative_right: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.true_items if self.true_items else 1.0


def load_cases(folder: Path = EVAL_DIR) -> list[Case]:
    cases = []
    for path in sorted(folder.glob("*.toml")):
        d = tomllib.loads(path.read_text(encoding="utf-8"))
        cases.append(
            Case(
                path.stem,
                d.get("style", ""),
                date.fromisoformat(d["date"]),
                date.fromisoformat(d["next_session"]) if d.get("next_session") else None,
                d["client"],
                d["notes"],
                list(d.get("items", [])),
                list(d.get("models_used", [])),
                d.get("time_zone", ""),
            )
        )
    return cases


def _due(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def score_case(case: Case, predicted: list[dict[str, Any]], into: Score) -> None:
    """Add one note's matches to `into` (predicted items as the CLI's JSON dicts)."""
    into.true_items += len(case.items)
    into.predicted += len(predicted)
    pairs = sorted(
        (
            (dice(p["description"], t["description"]), i, j)
            for i, p in enumerate(predicted)
            for j, t in enumerate(case.items)
            if p["owner"] == t["owner"] and _due(p.get("due")) == _due(t.get("due"))
        ),
        reverse=True,
    )
    used_p: set[int] = set()
    used_t: set[int] = set()
    for d, i, j in pairs:
        if d < MATCH_DICE or i in used_p or j in used_t:
            continue
        used_p.add(i)
        used_t.add(j)
        into.matched += 1
        if bool(predicted[i].get("tentative")) == bool(case.items[j].get("tentative")):
            into.tentative_right += 1
    for j, t in enumerate(case.items):
        if j not in used_t:
            into.misses.append(f"{case.name}: {t['owner']} {_due(t.get('due'))} {t['description']}")
    for i, p in enumerate(predicted):
        if i not in used_p:
            into.false_alarms.append(f"{case.name}: {p['owner']} {_due(p.get('due'))} {p['description']}")
