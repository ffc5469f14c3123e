"""The README stays true: the views checklist is the one schema/views.py renders, every variable is listed."""

from __future__ import annotations

import re
from pathlib import Path

from automation.config import Config
from schema.views import render_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_readme__views_checklist_is_the_generated_one() -> None:
    block = re.search(
        r"<!-- views-checklist:start[^\n]*-->\n(.*?)\n<!-- views-checklist:end -->", README, re.S
    )
    assert block, "README.md lost its views-checklist markers"
    assert block.group(1).strip() == render_markdown(3).strip(), (
        "README.md's views checklist differs from schema/views.py: regenerate it with "
        "`python -m scripts.check_views --markdown` (heading level 3)"
    )


def test_readme_and_env_example__name_every_environment_variable() -> None:
    env_example = (ROOT / ".env.example").read_text()
    for name in Config.model_fields:
        assert f"`{name.upper()}" in README, f"README.md does not document {name.upper()}"
        assert f"{name.upper()}=" in env_example, f".env.example does not list {name.upper()}"


def test_readme__shows_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README
