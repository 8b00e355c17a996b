# backpath — the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup run test lint bench bench-web cases clean system-deps

$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

setup: $(BIN)/.installed  ## virtual environment with the locked dependencies

system-deps:  ## Debian packages the PDF and browser tests need (needs root)
	scripts/system-deps

run: setup  ## set up, migrate, load demo data and serve at http://127.0.0.1:8000
	scripts/run

test: setup system-deps  ## lint, types, every test, the shared clinical cases
	scripts/test

bench: setup  ## the clinical-core benchmark (records/s, peak memory, --jsonl wall time) and figures
	$(BIN)/python benchmarks/core.py
	$(BIN)/python benchmarks/figures.py

bench-web: setup  ## web benchmark: 10,000 patients, 30,000 visits, SQLite and PostgreSQL
	$(BIN)/python benchmarks/web.py --db both

cases: setup  ## the shared clinical cases only
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/cases/check_cases.py
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/cases/check_cases.py ../shared/cases/v2

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
