"""`automation.messages.compose` is both a lazily loaded attribute of the package (the function) and the
name of its module: a module that imported the submodule by its path first left the package attribute
bound to the module, and `from automation.messages import compose` then gave a module to call (a
TypeError in whichever capability ran next, depending on import order). Each capability that composes is
imported first in a fresh interpreter here, and the function must still be what the package gives."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIRST = [
    "automation.sessions.automations",
    "automation.ai.spend",
    "automation.messages.stuck",
    "automation.associates.daily",
    "automation.leads.automations",
    "automation.schedule.reminder_job",  # asks the package for compose_many first
]


@pytest.mark.parametrize("module", FIRST)
def test_package__compose_is_the_function_whichever_module_is_imported_first(module: str) -> None:
    code = (
        f"import {module}\n"
        "from automation.messages import compose\n"
        "assert callable(compose) and compose.__name__ == 'compose', compose\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]


def test_package__no_module_imports_the_compose_module_by_its_path() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "automation").rglob("*.py")
        if p.name != "__init__.py" and "from automation.messages.compose import" in p.read_text()
    ]
    assert offenders == []
