# The two commands a newcomer needs: `make run` and `make test`. Both set up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test content bench deploy skill-package clean

setup: $(STAMP)

# Reinstall only when the dependency files change, so a second `make` is quick.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

run: setup
	$(BIN)/recovery-guide chat

test: setup
	$(BIN)/python -m pytest

# Lint the library, then rebuild what is generated from it (compiled library, interaction models).
content: setup
	$(BIN)/recovery-guide content lint
	$(BIN)/recovery-guide content build

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build .pytest_cache .hypothesis
