# Two commands: `make serve` (the site on http://127.0.0.1:8000) and `make check` (every check).
# Both create .venv and install the project into it on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve check test test-all lint format build verify bench clean chromium

# The site's own dependencies (enough to serve and build), then the test tools on top.
$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The browser test (tests/site/test_browser.py) drives Debian's Chromium; install it when missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  ( SUDO=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium ) || \
	  echo "chromium could not be installed: tests/site/test_browser.py will be skipped"

# Every check, as CI runs it: lint, types, then the whole test suite (slow tests included).
check: lint test-all

# Lint and types: ruff's rules and formatting, mypy on snippets/ and the machinery.
lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Rewrite the code in the house format and apply ruff's safe fixes.
format: $(BIN)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The fast lane for the edit loop: everything but the whole-site tests (under a minute).
test: $(BIN)/.installed-dev
	$(BIN)/pytest -m "not slow" -n auto

# The whole suite: the fast lane, every claim verified once, the real site built and browsed.
# (Every page's blocks run in the real site's strict build; `pytest -m blocks --durations=0`
# runs them once more under pytest, page by page, to time them.)
test-all: $(BIN)/.installed-dev chromium
	$(BIN)/pytest -m "not blocks"

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

verify: $(BIN)/.installed
	$(BIN)/python -m derivations

bench: $(BIN)/.installed-dev
	$(BIN)/python benchmarks/authoring.py

clean:
	rm -rf site .cache .pytest_cache
