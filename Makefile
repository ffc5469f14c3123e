# The two commands of the README: `make demo` and `make test`. Both set up everything on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# Vercel runs Python 3.12: use it when the machine has it (pyenv or PATH); the code also runs on 3.11.
PYTHON ?= $(shell for p in $$HOME/.pyenv/versions/3.12*/bin/python3.12 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && { command -v $$p; break; }; done)
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha1sum | cut -c1-12)

.PHONY: demo test lint format bench clean venv chromium

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || { echo "creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@$(PY) -m pip install -q --disable-pip-version-check -U pip
	@$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	@rm -f $(VENV)/.installed-*; touch $(STAMP)

demo: venv
	$(PY) -m scripts.demo

# Headless Chromium for the email rendering tests: installed as .ci/run does (Debian package) when missing
# and possible; otherwise the browser tests are skipped and the summary says so.
chromium:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing headless chromium for the browser tests (apt-get)"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "could not install chromium: the browser tests will be skipped"; fi

test: venv chromium
	$(PY) -m ruff check .
	@# Vercel runs 3.12, the machine's default is 3.11: the code must at least compile there too.
	@if command -v python3.11 >/dev/null 2>&1; then \
		python3.11 -m compileall -q -x '/(\.venv|var)/' api automation schema scripts tests bench >/dev/null \
		&& echo "python3.11: compiles"; fi
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: venv
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .

# Every benchmark; bench.report runs the per-area ones at the business's scale and the event path, then
# writes the one page bench/RESULTS.md (the others rewrite their own RESULTS-*.md).
bench: venv
	@for b in gateway localbase notes notes_calls; do echo "== bench/$${b}_bench.py"; \
		$(PY) -m bench.$${b}_bench || exit 1; done
	$(PY) -m bench.report

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
