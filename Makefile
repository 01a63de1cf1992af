# Two commands set up everything on a fresh Debian machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TS := resources/translations/duizhao_zh_CN.ts
QM := resources/translations/duizhao_zh_CN.qm

# `make test` ends with `make dist-test` (the PyInstaller build, ~50 s of CPU, and its ~10 s of
# tests): CI then catches a frozen program that lost a module or a resource. While working on a
# few tests, skip it: `make test DIST_TEST=no PYTEST_ARGS=tests/app/test_x.py`.
DIST_TEST ?= yes

.PHONY: run test lint bench translations ts clean deps-run deps-test deps-dist dist dist-test deb

run: deps-run $(VENV)/.stamp-run translations
	$(PY) -m ui.main $(ARGS)

test: deps-test $(VENV)/.stamp-test translations
	$(VENV)/bin/ruff check app ui tests benchmarks packaging
	$(VENV)/bin/ruff format --check app ui tests benchmarks packaging
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)
ifeq ($(DIST_TEST),yes)
	$(MAKE) --no-print-directory dist-test
endif

bench: $(VENV)/.stamp-test
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/run_all.py

deps-run:
	@PYTHON=$(PYTHON) packaging/debian-deps.sh run

deps-test:
	@PYTHON=$(PYTHON) packaging/debian-deps.sh test

deps-dist:
	@PYTHON=$(PYTHON) packaging/debian-deps.sh dist

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Duizhao needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-run: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.stamp-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.stamp-run

# Refresh the .ts from the ui/ sources (same flags as ui/i18n.LUPDATE_ARGS), then translate the
# new <translation type="unfinished"> entries; tests/ui/test_i18n.py fails while any is left.
ts: $(VENV)/.stamp-run
	$(VENV)/bin/pyside6-lupdate -extensions py -no-obsolete -locations none -tr-function-alias tr+=_tr ui -ts $(TS)

# The .qm is generated, never committed: built from the .ts by pyside6-lrelease.
translations: $(QM)
$(QM): $(TS) | $(VENV)/bin/python
	@test -x $(VENV)/bin/pyside6-lrelease || $(MAKE) $(VENV)/.stamp-run
	$(VENV)/bin/pyside6-lrelease -silent $(TS) -qm $(QM)

# Packaging (issue 8): the PyInstaller one-folder build, its frozen-program test, the .deb.
DIST := dist/duizhao

dist: deps-dist $(VENV)/.stamp-dist translations
	@command -v objdump >/dev/null || { echo "make dist needs binutils (objdump, strip): apt-get install binutils" >&2; exit 1; }
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/duizhao.spec
	@du -sb --apparent-size $(DIST) | awk '{printf "dist: $(DIST) is %.1f MiB\n", $$1 / 1048576}'

# Runs the frozen duizhao-cli and duizhao from $(DIST) with an empty HOME.
dist-test: dist $(VENV)/.stamp-test
	DUIZHAO_DIST=$(DIST) QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m dist tests/packaging/test_dist.py

deb: dist
	packaging/linux/build_deb.sh $(DIST) dist

$(VENV)/.stamp-dist: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[dist]'
	@touch $@ $(VENV)/.stamp-run

clean:
	rm -rf build dist *.egg-info $(QM)
