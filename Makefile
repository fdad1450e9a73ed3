# Two commands from a fresh clone:  make demo  and  make test.
# Each creates .venv (plain CPython 3.11+, no conda) and reinstalls when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
# The student's environment (course/: nnlib and the kernel's packages, never the grader).
# Every grading kernel runs on it, so a submission cannot import a module with answers.
# With JupyterLab (course's `lab` extra): `make lab` opens self-learners' lessons in it.
STUDENT_VENV := .venv-student
STUDENT_STAMP := $(STUDENT_VENV)/.installed

.PHONY: demo test bench bench-scaling stock-grades notebooks release translate lab course-lab clean help system-packages

# The edition: `make release LANG=th` builds the Thai one (editions/th/). Only a LANG given
# on the command line counts: the shell's own LANG (en_US.UTF-8, ...) is not an edition.
EDITION := $(if $(filter command line,$(origin LANG)),$(LANG),en)
# ... and the build then runs in a UTF-8 locale, not in the locale named "th"
EDITION_BUILD := $(if $(filter-out en,$(EDITION)),LANG=C.UTF-8 $(BIN)/autograder build --lang $(EDITION),$(BIN)/autograder build)

help:
	@echo "make demo       build the release, grade an embedded sample class, write grades, feedback and a report"
	@echo "                LANG=th: a Thai class (the Thai edition), with Thai feedback and report"
	@echo "make test       run every test (pytest), browser tests in Chromium included"
	@echo "make bench      measure speed against nbgrader, nbclient and PyTorch; write docs/benchmarks.md"
	@echo "make bench-scaling  make bench, plus the whole sample class on a Dask cluster at 1, 2, 4 workers"
	@echo "make stock-grades   grade the whole sample class with stock nbgrader; record its scores for the tests"
	@echo "make notebooks  regenerate source/*/*.ipynb from the jupytext .py files"
	@echo "make release    regenerate release/ and the self-checks' fixtures; every lesson in the gradebook, released"
	@echo "                LANG=th: the Thai edition instead, editions/th/source and editions/th/release"
	@echo "make translate LANG=th  update the catalogs locale/th/*.po from the English; list what to translate"
	@echo "make lab        self-learners: JupyterLab on your copy of the lessons, in the student's environment"
	@echo "                LANG=th: the Thai lessons (make lab LANG=th LESSONS=~/backprop-th)"
	@echo "make course-lab JupyterLab on the course, with nbgrader's extensions and the local exchange"
	@echo "make clean      remove .venv and generated working folders"

$(STAMP): pyproject.toml course/pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ./course --editable '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

$(STUDENT_STAMP): course/pyproject.toml
	test -x $(STUDENT_VENV)/bin/python || $(PYTHON) -m venv $(STUDENT_VENV)
	$(STUDENT_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(STUDENT_VENV)/bin/python -m pip install --quiet --editable './course[lab]'
	touch $@

notebooks: $(STAMP)
	$(EDITION_BUILD) --notebooks

# release/ and course/nnlib/fixtures/ (the self-checks' public cases, shipped to students);
# every lesson registered in the course's gradebook and released to its exchange/;
# with LANG=th, editions/th/ (the same assignments, Thai markdown)
release: $(STAMP)
	$(EDITION_BUILD)

translate: $(STAMP)
	@test "$(EDITION)" != en || { echo "English is the source: say which translation, e.g. make translate LANG=th"; exit 2; }
	LANG=C.UTF-8 $(BIN)/autograder translate --lang $(EDITION) --verbose

# Debian packages: bubblewrap, the sandbox each submission's kernel runs in. Installed
# with apt-get when missing and we are root; otherwise say what to install (the grader
# then falls back, loudly, to a weaker sandbox).
DEB_PACKAGES := bubblewrap
DEB_COMMANDS := bwrap

system-packages:
	@missing=""; set -- $(DEB_COMMANDS); for pkg in $(DEB_PACKAGES); do \
	  command -v "$$1" >/dev/null 2>&1 || missing="$$missing $$pkg"; shift; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "please install these Debian packages:$$missing"; fi; fi

# LANG=th: the sample class works in the Thai edition, with Thai feedback and report
demo: $(STAMP) $(STUDENT_STAMP) system-packages
	$(if $(filter-out en,$(EDITION)),LANG=C.UTF-8 $(BIN)/autograder demo --lang $(EDITION),$(BIN)/autograder demo)

# Chromium for the browser tests (tests/browser: Playwright drives Debian's chromium,
# never a browser of its own). Installed with apt-get when missing and we are root;
# otherwise say how to get it (the browser tests then skip, saying why).
CHROMIUM ?= /usr/bin/chromium

$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	else echo "the browser tests need Chromium: apt-get install chromium," \
	  "or make test CHROMIUM=/path/to/chromium"; fi

test: $(STAMP) $(STUDENT_STAMP) system-packages $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

# The bench extra (a CPU build of PyTorch, pinned) goes into the same .venv.
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --editable '.[test,bench]'
	touch $@

bench: $(BENCH_STAMP) $(STUDENT_STAMP)
	$(BIN)/python -m bench

# make bench and (e): the whole sample class on a loopback Dask cluster and on the local
# pool, at 1, 2 and 4 workers (about half an hour more on 2 cores)
bench-scaling: $(BENCH_STAMP) $(STUDENT_STAMP)
	$(BIN)/python -m bench --scaling

# tests/data/stock_grades.json: stock `nbgrader autograde`'s score of every test cell of the
# whole sample class, which a test compares with the grader's (about 8 minutes on 2 cores).
# Run it again after changing a lesson, its checks or its sample submissions.
stock-grades: $(STAMP)
	$(BIN)/python -m bench.stock_record

# Self-learners: JupyterLab on a copy of the lessons of your own (LESSONS), so that
# `git pull` never touches your work. A lesson folder is copied from release/ only when
# it is not there yet. It runs in the student's environment: nnlib and its self-checks,
# no grader and no nbgrader.
LESSONS ?= $(HOME)/backprop-lessons
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

# LANG=th: the Thai edition's lessons (editions/th/release), each folder with its
# glossary and nnlib-language.txt, so nnlib speaks Thai there with no further step.
LAB_RELEASE := $(if $(filter-out en,$(EDITION)),editions/$(EDITION)/release,release)

lab: $(STUDENT_STAMP)
	@mkdir -p "$(LESSONS)"
	@for lesson in $(LAB_RELEASE)/*/; do name=$$(basename "$$lesson"); \
	  if [ ! -e "$(LESSONS)/$$name" ]; then cp -R "$$lesson" "$(LESSONS)/$$name"; \
	    echo "copied $$name to $(LESSONS)"; fi; done
	$(STUDENT_VENV)/bin/jupyter lab --ServerApp.root_dir="$(LESSONS)" --ServerApp.ip=127.0.0.1 \
	  $(ALLOW_ROOT)

# Instructors: JupyterLab on the course root. nbgrader's extensions (Assignments,
# Validate, Formgrader) read nbgrader_config.py from here, so the exchange is the course's.
course-lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT)

clean:
	rm -rf $(VENV) $(STUDENT_VENV) demo test-artifacts gradebook.db submitted autograded feedback exchange
