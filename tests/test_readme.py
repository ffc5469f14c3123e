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


def test_env_example_copied_as_it_is__leaves_every_integration_on_its_offline_default(
    tmp_path, monkeypatch
) -> None:
    """The README says: copy `.env.example`; only the AIRTABLE_* values are required. Its empty lines must
    read as unset, not as empty keys (an empty STRIPE_SECRET_KEY would send invoices to Stripe)."""
    for name in Config.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    text = (ROOT / ".env.example").read_text()
    text = re.sub(r"^AIRTABLE_API_KEY=.*$", "AIRTABLE_API_KEY=patX", text, flags=re.M)
    text = re.sub(r"^AIRTABLE_BASE_ID=.*$", "AIRTABLE_BASE_ID=appX", text, flags=re.M)
    (tmp_path / ".env").write_text(text)
    monkeypatch.chdir(tmp_path)
    config = Config()  # type: ignore[call-arg]
    for key in ("openai_api_key", "sendgrid_api_key", "stripe_secret_key", "slack_bot_token"):
        assert getattr(config, key) is None, key
    monkeypatch.setenv("STRIPE_SECRET_KEY", "")  # an empty variable in the environment too
    assert Config().stripe_secret_key is None  # type: ignore[call-arg]
