# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

DEMO_DB := $(VENV)/demo.db

demo: $(STAMP)
	$(BIN)/detente analyze examples/2023-06-19-blinken-beijing.txt --published 2023-06-19
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/detente ingest examples --db $(DEMO_DB)
	@echo "\nUS-China since October 2022, by month (events that occurred; reports of one event count once):"
	$(BIN)/detente series USA CHN --db $(DEMO_DB) --since 2022-10 --plot $(VENV)/demo-usa-chn.png
	@echo "\nQuotes:"
	$(BIN)/detente quotes --db $(DEMO_DB)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

test: $(STAMP) lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
