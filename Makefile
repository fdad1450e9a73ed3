# Two commands from a fresh clone:  make demo  and  make test.
# Each creates .venv (plain CPython 3.11+, no conda) and reinstalls when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test notebooks release lab clean help

help:
	@echo "make demo       build the release, grade an embedded sample class, write grades, feedback and a report"
	@echo "make test       run every test (pytest)"
	@echo "make notebooks  regenerate source/*/*.ipynb from the jupytext .py files"
	@echo "make release    regenerate release/ with nbgrader generate_assignment"
	@echo "make lab        JupyterLab on the course, with nbgrader's extensions and the local exchange"
	@echo "make clean      remove .venv and generated working folders"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

notebooks: $(STAMP)
	$(BIN)/autograder build --notebooks

release: $(STAMP)
	$(BIN)/autograder build

demo: $(STAMP)
	$(BIN)/autograder demo

test: $(STAMP)
	$(BIN)/python -m pytest

lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) --ServerApp.ip=127.0.0.1

clean:
	rm -rf $(VENV) demo test-artifacts gradebook.db submitted autograded feedback exchange
