# Two commands: `make serve` (the site on http://127.0.0.1:8000) and `make check` (every check).
# Both create .venv and install the project into it on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve check build verify bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

check: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

build: $(BIN)/.installed
	$(BIN)/mkdocs build --strict

verify: $(BIN)/.installed
	$(BIN)/python -m derivations

clean:
	rm -rf site .cache .pytest_cache
