"""Versioned prompt templates in prompts/: front matter (name, version), then ## System and ## User."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: str
    user: str

    @property
    def label(self) -> str:
        return f"{self.name} v{self.version}"


@lru_cache(maxsize=8)
def load_prompt(name: str) -> Prompt:
    """prompts/<name>.md parsed; a file without its front matter is a clear error, not a silent default."""
    path = PROMPTS / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    front = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not front:
        raise ValueError(f"{path.name}: missing front matter with name and version")
    meta = dict(line.split(":", 1) for line in front.group(1).splitlines() if ":" in line)
    sections = dict(re.findall(r"^## (System|User)\n(.*?)(?=^## |\Z)", text[front.end() :], re.S | re.M))
    return Prompt(
        meta["name"].strip(), meta["version"].strip(), sections["System"].strip(), sections["User"].strip()
    )
