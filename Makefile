# Presscast: `make demo` and `make test` work on a fresh machine with Python 3.11+ and PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test test-slow lint bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Presscast needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[piper]'
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.run-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[piper,test]'
	@touch $@

demo: $(VENV)/.run-installed
	$(BIN)/presscast demo presscast-demo

test: $(VENV)/.test-installed lint
	$(BIN)/python -m pytest

test-slow: $(VENV)/.test-installed
	$(BIN)/python -m pytest -m slow

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) presscast-demo .pytest_cache .ruff_cache
