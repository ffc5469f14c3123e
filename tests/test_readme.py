"""The README stays true: the views checklist, every variable and its default, the Settings keys and
defaults it quotes, the crons and their times, the trigger-only automations, every command and its flags."""

from __future__ import annotations

import json
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


# --- The audit, mechanically: variables, Settings keys and defaults, crons, triggers, commands. ---

ENV_NAME = r"[A-Z][A-Z0-9_]*[A-Z0-9]"


def _table(header: str) -> list[list[str]]:
    """The cells of the README table whose header row starts with `header` (separator row left out)."""
    start = README.index(header)
    rows = []
    for line in README[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


def _code_reads() -> set[str]:
    """Variables the code reads outside Config: os.environ / getenv with a literal name."""
    pattern = re.compile(rf"""(?:environ\.get|getenv|environ\[)\(?\s*["']({ENV_NAME})["']""")
    names = set()
    for folder in ("automation", "api", "scripts", "bench", "schema"):
        for path in (ROOT / folder).rglob("*.py"):
            names |= set(pattern.findall(path.read_text()))
    return names


def test_readme__the_configuration_table_is_configs_variables_with_their_defaults() -> None:
    documented: dict[str, str] = {}
    for name_cell, default, _ in _table("| variable | default |"):
        for name in re.findall(rf"`({ENV_NAME})`", name_cell):
            documented[name] = default.strip("`")
    fields = {name.upper(): field for name, field in Config.model_fields.items()}
    assert set(documented) == set(fields), (
        "the configuration table and automation/config.py differ: "
        f"not in the table {sorted(set(fields) - set(documented))}, "
        f"not read by Config {sorted(set(documented) - set(fields))}"
    )
    for name, shown in documented.items():
        field = fields[name]
        if field.is_required():
            assert shown == "(required)", name
        elif field.default is None:
            assert shown in ("—", "-"), f"{name}: README says {shown!r}, Config has no default"
        elif isinstance(field.default, int | float):
            assert float(shown) == float(field.default), f"{name}: README {shown}, Config {field.default}"
        else:
            assert shown == str(field.default), f"{name}: README {shown!r}, Config {field.default!r}"


def test_readme_and_env_example__name_the_required_variables() -> None:
    required = {name.upper() for name, field in Config.model_fields.items() if field.is_required()}
    for where, text in (("README.md", README), (".env.example", (ROOT / ".env.example").read_text())):
        said = re.search(r"Only (.+?) (?:is|are) required", text, re.S)
        assert said, f"{where} no longer says which variables are required"
        assert set(re.findall(ENV_NAME, said.group(1))) == required, (where, said.group(0))


def test_readme__names_every_variable_the_code_and_the_makefile_read() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assigned = set(re.findall(r"^([A-Z][A-Z0-9_]*)\s*:?=", makefile, re.M))
    overridable = set(re.findall(r"^([A-Z][A-Z0-9_]*)\s*\?=", makefile, re.M))
    used_unset = set(re.findall(r"\$\(([A-Z][A-Z0-9_]*)\)", makefile)) - assigned
    for name in sorted(_code_reads() | overridable | used_unset):
        assert f"`{name}" in README, f"README.md does not document {name}, which the code or Makefile reads"


def _settings_defaults() -> dict[str, str]:
    from automation.settings import BusinessSettings

    return {row["key"]: row["value"] for row in BusinessSettings().rows()}


def _metric_prefixes() -> set[str]:
    """Run metric names the code writes (`notes.sent`), which look like Settings keys."""
    names = set()
    for path in (ROOT / "automation").rglob("*.py"):
        names |= set(re.findall(r"""add_metric\(f?["']([a-z_.]+)""", path.read_text()))
    return names


def test_readme__every_settings_key_it_names_exists() -> None:
    from automation.settings import BusinessSettings

    keys, metrics = _settings_defaults(), _metric_prefixes()
    sections = "|".join(BusinessSettings.model_fields)
    for key in sorted(set(re.findall(rf"`((?:{sections})\.[a-z_][a-z0-9_]*)[^`]*`", README))):
        assert key in keys or any(key == m.rstrip(".") for m in metrics), (
            f"README.md names the setting {key}, which automation/settings/ does not have"
        )


def _same_default(shown: str, value: str) -> bool:
    """A default as the README writes it ("07:00", "0.20", "$2", "20/20/25", "[-3, 0, 7]") against the
    Settings row's value text."""
    if shown.startswith("["):
        return json.loads(shown) == json.loads(value)
    if "/" in shown:
        return [float(n) for n in shown.split("/")] == [float(v) for v in json.loads(value).values()]
    if ":" in shown:
        hour, minute = shown.split(":")
        return minute == "00" and int(hour) == int(value)
    return float(shown) == float(value)


def test_readme__the_settings_defaults_it_quotes_are_the_codes() -> None:
    from automation.settings import BusinessSettings

    keys = _settings_defaults()
    by_name: dict[str, list[str]] = {}
    for key in keys:
        by_name.setdefault(key.split(".", 1)[1], []).append(key)
    number = r"`?(\[[-\d, ]*\]|-?\d+(?:\.\d+)?(?:(?:/\d+)+|:\d\d)?)"
    sections = "|".join(BusinessSettings.model_fields)
    # "`billing.tax_rate`, 0.20", "`schedule.buffer_minutes` (15)", "`health.weights` (default 20/20/…)",
    # and a key written without its section where the README's paragraph gives it (`late_fee_grace_days`).
    pattern = rf"`((?:(?:{sections})\.)?[a-z_]+)`(?:,| \() ?(?:default )?\$?{number}"
    checked = 0
    for name, shown in re.findall(pattern, README):
        key = (
            name
            if name in keys
            else (by_name.get(name, [None])[0] if len(by_name.get(name, [])) == 1 else None)
        )
        if key is None:
            continue
        checked += 1
        assert _same_default(shown, keys[key]), (
            f"README.md says {key} is {shown}; the code's default is {keys[key]}"
        )
    assert checked >= 20  # the pattern still finds the README's defaults


def _readme_time(text: str) -> tuple[int, int, str]:
    """'06:15 daily' / 'Mondays 07:00' → (hour, minute, days)."""
    hour, minute = re.search(r"(\d\d):(\d\d)", text).groups()  # type: ignore[union-attr]
    days = re.search(r"(Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)days", text)
    weekday = (
        "*" if not days else str(["Sun", "Mon", "Tues", "Wednes", "Thurs", "Fri", "Satur"].index(days[1]))
    )
    return int(hour), int(minute), weekday


def _vercel_time(schedule: str) -> tuple[int, int, str]:
    minute, hour, _, _, weekday = schedule.split()
    return int(hour), int(minute), weekday


def test_readme__the_cron_table_is_vercel_jsons_crons_at_their_times() -> None:
    crons = {c["path"]: c["schedule"] for c in json.loads((ROOT / "vercel.json").read_text())["crons"]}
    table = {row[0].strip("`"): row[1] for row in _table("| path | schedule")}
    assert set(table) == set(crons), (
        f"README's cron table lacks {sorted(set(crons) - set(table))}, "
        f"lists jobs vercel.json lacks {sorted(set(table) - set(crons))}"
    )
    for path, shown in table.items():
        assert _readme_time(shown) == _vercel_time(crons[path]), (path, shown, crons[path])
    # The capability sections quote the same times: "(`daily-brief`, 07:00 UTC)".
    for job, shown in re.findall(r"`([a-z-]+)`[^`]{0,24}?((?:\w+days )?\d\d:\d\d) UTC", README):
        if f"/api/cron/{job}" in crons:
            assert _readme_time(shown) == _vercel_time(crons[f"/api/cron/{job}"]), (job, shown)


def test_readme__names_every_trigger_only_automation_and_only_real_triggers() -> None:
    from automation.registry import load_catalog

    automations = load_catalog().automations
    for a in automations:
        if not a.webhook:
            assert f"`{a.name}`" in README, f"README.md does not say {a.name} runs only by a trigger"
    names = {a.name for a in automations}
    for name in set(re.findall(r"/api/triggers/([a-z][a-z0-9-]*)", README)):
        assert name in names, f"README.md shows /api/triggers/{name}, which is no registered automation"


def _readme_commands() -> list[tuple[str, list[str]]]:
    """(module, flags) of every `python -m scripts.…` / `bench.…` the README shows; an option list on a
    comment line under a command in a code block belongs to that command."""
    commands: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```\w*\n(.*?)```", README, re.S):
        for line in block.replace("\\\n", " ").splitlines():  # a command continued with "\"
            if m := re.search(r"python -m ((?:scripts|bench)\.[\w.]+)((?: [^#\n]*)?)", line):
                commands.append((m[1], m[2].split()))
            elif commands and re.match(r"\s*#\s+--", line):
                commands[-1][1].extend(re.findall(r"--[a-z][a-z-]*", line))
    for span in re.findall(r"`(python -m [^`]+)`", README):
        parts = span.split()
        commands.append((parts[2], parts[3:]))
    return commands


def test_readme__every_command_it_shows_exists_and_takes_its_flags() -> None:
    import subprocess
    import sys

    helps: dict[tuple[str, ...], str] = {}
    for module, words in _readme_commands():
        if "<" in module:  # "python -m scripts.<name> --help": the pattern itself
            continue
        path = ROOT / (module.replace(".", "/") + ".py")
        assert path.exists() or (ROOT / module.replace(".", "/") / "__main__.py").exists(), module
        flags = re.findall(r"(?<![\w-])--[a-z][a-z-]*", " ".join(words))  # also "[--today DATE]"
        if not flags:
            continue
        sub = tuple(w for w in words[:1] if re.fullmatch(r"[a-z]+", w))  # client_data export …
        if (module, *sub) not in helps:
            helps[(module, *sub)] = subprocess.run(
                [sys.executable, "-m", module, *sub, "--help"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout
        text = helps[(module, *sub)]
        for flag in flags:
            assert re.search(rf"{flag}\b", text), f"README.md shows `{module} {flag}`, which it does not take"


def test_readme__every_make_target_it_shows_exists() -> None:
    targets = set(re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(), re.M))
    for target in set(re.findall(r"`make ([a-z]+)", README)) | {"demo", "test"}:
        assert target in targets, f"README.md shows `make {target}`, which the Makefile lacks"
